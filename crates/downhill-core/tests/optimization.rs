//! Integration tests of the optimization half of downhill-core: the surfaces and their derivatives,
//! every optimizer's update against hand-worked steps and against the minimum of each convex surface,
//! the equivalent forms of Nesterov and Adam, bounded runs, landscapes and schedules. One test binary
//! with a module per area, so the suite builds once; the modules live in tests/optimization/ (a crate
//! root looks for modules beside itself, hence the paths).

#[path = "optimization/anchors.rs"]
mod anchors;
#[path = "optimization/forms.rs"]
mod forms;
#[path = "shared/hostile_numbers.rs"]
mod hostile_numbers;
#[path = "optimization/landscapes.rs"]
mod landscapes;
#[path = "optimization/optimizers.rs"]
mod optimizers;
#[path = "optimization/robustness.rs"]
mod robustness;
#[path = "optimization/runs.rs"]
mod runs;
#[path = "optimization/schedules.rs"]
mod schedules;
#[path = "optimization/surfaces.rs"]
mod surfaces;
