//! Minibatch noise (lesson 4): each dot is the gradient of one random minibatch of the digits, around
//! the gradient of the full training set, placed at its true angle to it and its true distance from
//! it. A batch-size slider tightens or widens the cloud; "New batches" draws other batches.
//!
//! The per-example gradients are computed once, after the digits load; the model ([`model`]) keeps
//! each batch size's cloud, and the view draws it.

pub(crate) mod model;
pub(crate) mod settings;
mod view;

use crate::kit::dom::{self, input_number};
use crate::kit::listeners::Listeners;
use crate::kit::toolbar::{Demo, Toolbar, as_demo};
use crate::settings::{DemoSettings, Settings};
use downhill_plots::minibatch_noise as plot;
use model::Model;
use settings::NoiseSettings;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::Element;

pub struct MinibatchNoise {
    model: RefCell<Model>,
    view: view::View,
    toolbar: RefCell<Option<Toolbar>>,
    /// Every listener of the demo, taken off the page with it; each holds the demo weakly.
    listeners: Listeners,
}

pub fn mount(figure: &Element, settings: &Settings) -> Result<Rc<MinibatchNoise>, String> {
    let initial = NoiseSettings::read(settings);
    let view = view::View::build(figure, &initial);
    let demo = Rc::new(MinibatchNoise {
        model: RefCell::new(Model::new(initial)),
        view,
        toolbar: RefCell::new(None),
        listeners: Listeners::new(),
    });
    let toolbar = Toolbar::attach(&demo.view.side, &figure.id(), as_demo(&demo));
    *demo.toolbar.borrow_mut() = Some(toolbar);
    dom::set_message(&demo.view.message, &settings.messages().join(" "));
    demo.draw();
    listen(&demo);
    load_digits(&demo);
    Ok(demo)
}

fn listen(demo: &Rc<MinibatchNoise>) {
    let listeners = &demo.listeners;
    let input = &demo.view.slider.input;
    listeners.listen(demo, input.as_ref(), "input", |demo, event| {
        if let Some(position) = input_number(event) {
            demo.model.borrow_mut().set_batch_at(position);
            demo.draw();
        }
    });
    listeners.listen(demo, input.as_ref(), "change", |demo, _event| {
        demo.write_url();
    });
    listeners.listen(
        demo,
        demo.view.new_batches.as_ref(),
        "click",
        |demo, _event| {
            demo.model.borrow_mut().new_batches();
            demo.draw();
            demo.write_url();
        },
    );
    if let Some(window) = web_sys::window() {
        listeners.listen(demo, window.as_ref(), "resize", |demo, _event| {
            if demo.view.remeasure() {
                demo.draw();
            }
        });
    }
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

impl MinibatchNoise {
    fn write_url(&self) {
        if let Some(toolbar) = self.toolbar.borrow().as_ref() {
            toolbar.write_url(self);
        }
    }

    fn draw(&self) {
        self.view.draw(&self.model.borrow());
    }
}

impl Demo for MinibatchNoise {
    fn url_settings(&self) -> Vec<(String, String)> {
        self.model.borrow().settings.write()
    }

    fn export_csv(&self) -> String {
        self.model.borrow().csv()
    }

    fn export_svg(&self) -> String {
        let model = self.model.borrow();
        match model.current() {
            Some((loaded, cloud)) => plot::cloud_svg(
                &cloud.points,
                loaded.per_example.full_gradient_norm(),
                loaded.per_example.expected_distance(cloud.batch_size),
                &loaded.view,
            ),
            None => plot::cloud_svg(&[], 0.0, 0.0, &plot::view_for(&[], 0.0)),
        }
    }

    fn export_canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        vec![self.view.canvas.canvas.clone()]
    }

    fn file_stem(&self) -> String {
        format!(
            "minibatch-noise-batch-{}",
            self.model.borrow().settings.batch_size
        )
    }
}
