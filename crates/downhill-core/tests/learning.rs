//! Integration tests of the learning half of downhill-core on the real digits: classifier losses and
//! their gradients, gradient checks, the lessons' sanity checks, searches, training loops and
//! hyperparameter search. One test binary with a module per area, so the suite builds once; the
//! modules live in tests/learning/ (a crate root looks for modules beside itself, hence the paths).

#[path = "learning/common.rs"]
mod common;
#[path = "learning/gradients.rs"]
mod gradients;
#[path = "shared/hostile_numbers.rs"]
mod hostile_numbers;
#[path = "learning/hyperparameters.rs"]
mod hyperparameters;
#[path = "learning/regions.rs"]
mod regions;
#[path = "learning/robustness.rs"]
mod robustness;
#[path = "learning/sanity.rs"]
mod sanity;
#[path = "learning/strategies.rs"]
mod strategies;
#[path = "learning/training.rs"]
mod training;
