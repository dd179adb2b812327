//! Random against grid search on the same budget of trials (lesson 8), the figure of Bergstra and
//! Bengio made live: a trial-count slider and a new-seed button redraw both searches at once.
//!
//! Every trial comes from `downhill_core::search::hyperparameters`; the model ([`model`]) holds both
//! searches and the view draws them.

pub(crate) mod model;
pub(crate) mod settings;
mod view;

use crate::kit::dom::{self, input_number};
use crate::kit::listeners::Listeners;
use crate::kit::toolbar::{Demo, Toolbar, as_demo};
use crate::settings::{DemoSettings, Settings};
use downhill_plots::hyperparameter_search as plot;
use model::Model;
use settings::SearchSettings;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::Element;

pub struct HyperparameterSearch {
    model: RefCell<Model>,
    view: view::View,
    toolbar: RefCell<Option<Toolbar>>,
    /// Every listener of the demo, taken off the page with it; each holds the demo weakly.
    listeners: Listeners,
}

pub fn mount(figure: &Element, settings: &Settings) -> Result<Rc<HyperparameterSearch>, String> {
    let initial = SearchSettings::read(settings);
    let view = view::View::build(figure, &initial);
    let demo = Rc::new(HyperparameterSearch {
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
    Ok(demo)
}

fn listen(demo: &Rc<HyperparameterSearch>) {
    let listeners = &demo.listeners;
    let input = &demo.view.slider.input;
    listeners.listen(demo, input.as_ref(), "input", |demo, event| {
        if let Some(per_axis) = input_number(event) {
            demo.model.borrow_mut().set_per_axis(per_axis);
            demo.draw();
        }
    });
    listeners.listen(demo, input.as_ref(), "change", |demo, _event| {
        demo.write_url();
    });
    listeners.listen(
        demo,
        demo.view.new_seed.as_ref(),
        "click",
        |demo, _event| {
            demo.model.borrow_mut().new_seed();
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

impl HyperparameterSearch {
    fn write_url(&self) {
        if let Some(toolbar) = self.toolbar.borrow().as_ref() {
            toolbar.write_url(self);
        }
    }

    fn draw(&self) {
        self.view.draw(&self.model.borrow());
    }
}

impl Demo for HyperparameterSearch {
    fn url_settings(&self) -> Vec<(String, String)> {
        self.model.borrow().settings.write()
    }

    fn export_csv(&self) -> String {
        self.model.borrow().csv()
    }

    fn export_svg(&self) -> String {
        plot::comparison_svg(&self.model.borrow().comparison, (800, 448))
    }

    fn export_canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        vec![self.view.canvas.canvas.clone()]
    }

    fn file_stem(&self) -> String {
        let settings = self.model.borrow().settings;
        format!(
            "hyperparameter-search-{}-trials-seed-{}",
            settings.per_axis * settings.per_axis,
            settings.seed
        )
    }
}
