//! Random against grid search on the same budget of trials (lesson 8), the figure of Bergstra and
//! Bengio made live: a trial-count slider and a new-seed button redraw both searches at once.
//!
//! Every trial comes from `downhill_core::search::hyperparameters`; the model ([`model`]) holds both
//! searches and the view draws them.

pub(crate) mod model;
pub(crate) mod settings;
mod view;

use super::chart_demo::ChartDemo;
use crate::settings::{DemoSettings, Settings};
use model::Model;
use settings::SearchSettings;
use std::rc::Rc;
use web_sys::Element;

pub type HyperparameterSearch = ChartDemo<Model, view::View>;

pub fn mount(figure: &Element, settings: &Settings) -> Result<Rc<HyperparameterSearch>, String> {
    let initial = SearchSettings::read(settings);
    let view = view::View::build(figure, &initial, &settings.messages().join(" "));
    let demo = ChartDemo::mount(&figure.id(), Model::new(initial), view);
    demo.listen_to_slider(demo.view.slider.input.as_ref(), |demo, per_axis| {
        demo.model.borrow_mut().set_per_axis(per_axis);
    });
    demo.listen_to_button(demo.view.new_seed.as_ref(), Model::new_seed);
    Ok(demo)
}
