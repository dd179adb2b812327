//! One module per demo. Each has a `mount(figure, settings)` that builds the live demo inside the
//! figure and returns it; [`mount`] picks the module by the figure's `data-demo` name, which must be
//! in `downhill_plots::catalogue::DEMOS`.

use crate::settings::Settings;
use std::any::Any;
use std::rc::Rc;
use web_sys::Element;

pub mod blindfolded_hiker;
mod chart_canvas;
pub mod gradient_check;
pub mod hiker_digits;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod hostile_links;
pub mod hyperparameter_search;
pub mod lr_schedules;
pub mod minibatch_noise;
pub mod race;
pub mod step_size;
pub mod training_dashboard;

/// Mounts the demo called `name`; the error is a sentence for the demo's own box.
pub fn mount(name: &str, figure: &Element, settings: &Settings) -> Result<Rc<dyn Any>, String> {
    match name {
        "saddle-race" => race::mount(figure, settings).map(|demo| demo as Rc<dyn Any>),
        "gradient-check" => gradient_check::mount(figure, settings).map(|demo| demo as Rc<dyn Any>),
        "minibatch-noise" => {
            minibatch_noise::mount(figure, settings).map(|demo| demo as Rc<dyn Any>)
        }
        "lr-schedules" => lr_schedules::mount(figure, settings).map(|demo| demo as Rc<dyn Any>),
        "hyperparameter-search" => {
            hyperparameter_search::mount(figure, settings).map(|demo| demo as Rc<dyn Any>)
        }
        "blindfolded-hiker" => {
            blindfolded_hiker::mount(figure, settings).map(|demo| demo as Rc<dyn Any>)
        }
        "step-size-sweep" => {
            step_size::sweep::mount(figure, settings).map(|demo| demo as Rc<dyn Any>)
        }
        "step-size-paths" => {
            step_size::paths::mount(figure, settings).map(|demo| demo as Rc<dyn Any>)
        }
        "learning-curves" => {
            step_size::curves::mount(figure, settings).map(|demo| demo as Rc<dyn Any>)
        }
        "training-dashboard" => {
            training_dashboard::mount(figure, settings).map(|demo| demo as Rc<dyn Any>)
        }
        "hiker-digits" => hiker_digits::mount(figure, settings).map(|demo| demo as Rc<dyn Any>),
        other => Err(format!(
            "this page names a demo this site does not have: {other}"
        )),
    }
}
