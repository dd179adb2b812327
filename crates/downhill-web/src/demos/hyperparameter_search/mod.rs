//! Random against grid search on the same budget of trials (lesson 8), the figure of Bergstra and
//! Bengio made live: a trial-count slider and a new-seed button redraw both searches at once.
//!
//! Every trial comes from `downhill_core::search::hyperparameters`; the model ([`model`]) holds both
//! searches and the view draws them.

pub(crate) mod model;
pub(crate) mod settings;
mod view;

use crate::demo::{Demo, EventClosure, Toolbar, as_demo};
use crate::demos::chart_canvas;
use crate::dom;
use crate::number_text::parse_number;
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
    listeners: RefCell<Vec<EventClosure>>,
}

pub fn mount(figure: &Element, settings: &Settings) -> Result<Rc<HyperparameterSearch>, String> {
    let initial = SearchSettings::read(settings);
    let view = view::View::build(figure, &initial);
    let demo = Rc::new(HyperparameterSearch {
        model: RefCell::new(Model::new(initial)),
        view,
        toolbar: RefCell::new(None),
        listeners: RefCell::new(Vec::new()),
    });
    let toolbar = Toolbar::attach(&demo.view.side, &figure.id(), as_demo(&demo));
    *demo.toolbar.borrow_mut() = Some(toolbar);
    dom::set_message(&demo.view.message, &settings.messages().join(" "));
    demo.draw();
    listen(&demo);
    Ok(demo)
}

fn listen(demo: &Rc<HyperparameterSearch>) {
    let input = demo.view.slider.input.clone();
    chart_canvas::listen(demo, &demo.listeners, &input, "input", |demo, event| {
        let Some(per_axis) = chart_canvas::event_value(event)
            .and_then(|value| parse_number(&value))
            .filter(|value| value.is_finite())
        else {
            return;
        };
        demo.model.borrow_mut().set_per_axis(per_axis);
        demo.draw();
    });
    chart_canvas::listen(demo, &demo.listeners, &input, "change", |demo, _event| {
        demo.write_url();
    });
    let new_seed = demo.view.new_seed.clone();
    chart_canvas::listen(demo, &demo.listeners, &new_seed, "click", |demo, _| {
        demo.model.borrow_mut().new_seed();
        demo.draw();
        demo.write_url();
    });
    if let Some(window) = web_sys::window() {
        chart_canvas::listen(demo, &demo.listeners, &window, "resize", |demo, _event| {
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
