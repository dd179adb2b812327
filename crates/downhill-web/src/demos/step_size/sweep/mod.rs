//! The step-size sweep: the loss of the digits classifier after one gradient step from the same
//! weights, for step sizes 1e-10 to 1e3, as the lesson's table and as a plot on logarithmic axes,
//! with a slider that picks any step size in between. The numbers are the model's ([`model`]),
//! the page is the view's ([`view`]).

pub(crate) mod model;
pub(crate) mod settings;
mod view;

use super::{common, digits_chart};
use crate::kit::clock::now_ms;
use crate::kit::dom;
use crate::kit::listeners::Listeners;
use crate::kit::media;
use crate::kit::toolbar::{Demo, Toolbar, as_demo};
use crate::settings::DemoSettings;
use downhill_core::data::LengthMismatch;
use model::SweepModel;
use settings::{SweepSettings, parse_loss};
use std::cell::RefCell;
use std::rc::Rc;
use view::SweepView;
use web_sys::Element;

pub struct Sweep {
    model: RefCell<SweepModel>,
    view: SweepView,
    toolbar: RefCell<Option<Toolbar>>,
    listeners: Listeners,
}

/// Builds the sweep inside `figure` and starts loading the digits.
pub fn mount(figure: &Element, settings: &crate::settings::Settings) -> Result<Rc<Sweep>, String> {
    let model = SweepModel::new(&SweepSettings::read(settings));
    let view = SweepView::build(figure, &model, settings.messages().join(" "));
    let sweep = Rc::new(Sweep {
        model: RefCell::new(model),
        view,
        toolbar: RefCell::new(None),
        listeners: Listeners::new(),
    });
    *sweep.toolbar.borrow_mut() = Some(Toolbar::attach(
        &sweep.view.side,
        &figure.id(),
        as_demo(&sweep),
    ));
    sweep.view.show_step_value(&sweep.model.borrow());
    sweep.draw();
    sweep.listen_to_controls();
    digits_chart::load_training_digits(&sweep, figure, &sweep.view.message, |sweep, train| {
        sweep.recompute(|model| model.set_training_digits(train));
        sweep.draw();
    });
    Ok(sweep)
}

impl Sweep {
    fn listen_to_controls(self: &Rc<Self>) {
        let (listeners, view) = (&self.listeners, &self.view);
        common::on_slider_input(listeners, self, &view.slider.input, |sweep, log10| {
            let started = now_ms();
            sweep.model.borrow_mut().set_log10_step(log10);
            let model = sweep.model.borrow();
            sweep.view.show_step_value(&model);
            sweep.view.draw(&model);
            common::record_elapsed(&sweep.view.figure, "data-last-update-ms", started);
        });
        listeners.listen(self, view.slider.input.as_ref(), "change", |sweep, _| {
            sweep.write_url();
        });
        listeners.listen(self, view.loss_select.as_ref(), "change", |sweep, event| {
            let Some(kind) = dom::input_text(event).and_then(|text| parse_loss(&text)) else {
                return;
            };
            sweep.recompute(|model| model.set_loss(kind));
            sweep.draw();
            sweep.write_url();
        });
        listeners.listen(self, view.new_weights.as_ref(), "click", |sweep, _| {
            sweep.recompute(SweepModel::next_weights);
            sweep.draw();
            sweep.write_url();
        });
        media::on_scheme_change(listeners, self, |sweep, _| sweep.draw());
        if let Some(window) = web_sys::window() {
            listeners.listen(self, window.as_ref(), "resize", |sweep, _| sweep.draw());
        }
    }

    fn draw(&self) {
        self.view.draw(&self.model.borrow());
    }

    /// Makes a change that recomputes the sweep (one gradient, the table and the curve), timed for
    /// the speed budget, and refills the table.
    fn recompute(&self, change: impl FnOnce(&mut SweepModel) -> Result<(), LengthMismatch>) {
        let started = now_ms();
        let outcome = change(&mut self.model.borrow_mut());
        common::record_elapsed(&self.view.figure, "data-last-sweep-ms", started);
        match outcome {
            Ok(()) => self.view.fill_table(&self.model.borrow()),
            Err(_) => dom::set_message(&self.view.message, "The weights do not fit the digits."),
        }
    }

    fn write_url(&self) {
        if let Some(toolbar) = self.toolbar.borrow().as_ref() {
            toolbar.write_url(self);
        }
    }
}

impl Demo for Sweep {
    fn url_settings(&self) -> Vec<(String, String)> {
        self.model.borrow().settings().write()
    }

    fn export_csv(&self) -> String {
        self.model.borrow().csv()
    }

    fn export_svg(&self) -> String {
        downhill_plots::step_size::sweep_svg(&self.model.borrow().chart(), &common::export_look())
    }

    fn export_canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        vec![self.view.chart.canvas.clone()]
    }

    fn file_stem(&self) -> String {
        format!("step-size-sweep-{}", self.model.borrow().loss_kind.name())
    }
}
