//! One module per demo. Each has a `mount(figure, settings)` that builds the live demo inside the
//! figure and returns it; [`mount`] picks the module by the figure's [`DemoKind`], in a match that
//! names every kind, so a demo without a mount does not compile.

use crate::settings::Settings;
use downhill_plots::catalogue::DemoKind;
use std::any::Any;
use std::rc::Rc;
use web_sys::Element;

pub mod backprop_graph;
pub mod blindfolded_hiker;
mod chart_demo;
pub mod gradient_check;
pub mod hiker_digits;
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod hostile_links;
pub mod hyperparameter_search;
pub mod lr_schedules;
pub mod minibatch_noise;
pub mod race;
pub mod step_size;
pub mod training_dashboard;

/// Mounts the demo `kind` in `figure`; the error is a sentence for the demo's own box.
pub fn mount(kind: DemoKind, figure: &Element, settings: &Settings) -> Result<Rc<dyn Any>, String> {
    fn kept<T: 'static>(demo: Result<Rc<T>, String>) -> Result<Rc<dyn Any>, String> {
        demo.map(|demo| demo as Rc<dyn Any>)
    }
    match kind {
        DemoKind::SaddleRace => kept(race::mount(figure, settings)),
        DemoKind::BlindfoldedHiker => kept(blindfolded_hiker::mount(figure, settings)),
        DemoKind::HikerDigits => kept(hiker_digits::mount(figure, settings)),
        DemoKind::MinibatchNoise => kept(minibatch_noise::mount(figure, settings)),
        DemoKind::LrSchedules => kept(lr_schedules::mount(figure, settings)),
        DemoKind::HyperparameterSearch => kept(hyperparameter_search::mount(figure, settings)),
        DemoKind::GradientCheck => kept(gradient_check::mount(figure, settings)),
        DemoKind::StepSizeSweep => kept(step_size::sweep::mount(figure, settings)),
        DemoKind::StepSizePaths => kept(step_size::paths::mount(figure, settings)),
        DemoKind::LearningCurves => kept(step_size::curves::mount(figure, settings)),
        DemoKind::TrainingDashboard => kept(training_dashboard::mount(figure, settings)),
        DemoKind::BackpropGraph => kept(backprop_graph::mount(figure, settings)),
    }
}
