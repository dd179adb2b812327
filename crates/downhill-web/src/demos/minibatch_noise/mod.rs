//! Minibatch noise (lesson 4): each dot is the gradient of one random minibatch of the digits, around
//! the gradient of the full training set, placed at its true angle to it and its true distance from
//! it. A batch-size slider tightens or widens the cloud; "New batches" draws other batches.
//!
//! The per-example gradients are computed once, after the digits load; the model ([`model`]) keeps
//! each batch size's cloud, and the view draws it.

pub(crate) mod model;
pub(crate) mod settings;
mod view;

use super::chart_demo::ChartDemo;
use crate::settings::{DemoSettings, Settings};
use model::Model;
use settings::NoiseSettings;
use std::rc::Rc;
use web_sys::Element;

pub type MinibatchNoise = ChartDemo<Model, view::View>;

pub fn mount(figure: &Element, settings: &Settings) -> Result<Rc<MinibatchNoise>, String> {
    let initial = NoiseSettings::read(settings);
    let view = view::View::build(figure, &initial, &settings.messages().join(" "));
    let demo = ChartDemo::mount(&figure.id(), Model::new(initial), view);
    demo.listen_to_slider(demo.view.slider.input.as_ref(), |demo, position| {
        demo.model.borrow_mut().set_batch_at(position);
    });
    demo.listen_to_button(demo.view.new_batches.as_ref(), Model::new_batches);
    load_digits(&demo);
    Ok(demo)
}

/// Loads the digits and computes their gradients; the controls wake when they are ready.
fn load_digits(demo: &Rc<MinibatchNoise>) {
    let weak = Rc::downgrade(demo);
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = crate::digits::load().await;
        let Some(demo) = weak.upgrade() else {
            return;
        };
        match loaded.and_then(|digits| model::prepare(&digits)) {
            Ok(loaded) => {
                demo.model.borrow_mut().load(loaded);
                demo.view.enable();
                demo.draw();
            }
            Err(reason) => demo.view.show_failure(&reason),
        }
    });
}
