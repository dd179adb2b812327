//! The interactive gradient check: a table row per checked parameter (analytic derivative, forward
//! and centered differences, their relative errors coloured by the lesson's bands, a kink flag), a
//! plot of the relative error against the step h, and switches that plant a bug in the analytic
//! gradient so the check is seen to catch it.
//!
//! Every number comes from `downhill_core::gradient::workbench`. Nothing here animates: each control
//! changes the model ([`model`]), which recomputes what it affects and says what is left to show.

mod controls;
pub(crate) mod model;
pub(crate) mod settings;
mod text;
mod view;

use crate::kit::clock::now_ms;
use crate::kit::listeners::Listeners;
use crate::kit::media;
use crate::kit::toolbar::{Demo, Toolbar, as_demo};
use crate::settings::{DemoSettings, Settings};
use downhill_core::data::{DEFAULT_N_TEST, DEFAULT_N_VALIDATION, PreparedDigits};
use downhill_plots::gradient_check::error_plot_svg;
use model::{Model, Update};
use settings::GradientCheckSettings;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement};

/// The split the digits are prepared with (which 1,077 images are the training set).
const SPLIT_SEED: u64 = 0;

pub struct GradientCheck {
    model: RefCell<Model>,
    view: view::View,
    controls: controls::Controls,
    toolbar: RefCell<Option<Toolbar>>,
    /// Every listener of the demo, taken off the page with it; each holds the demo weakly.
    listeners: Listeners,
    /// The settings the page started with, for the reset button.
    initial: GradientCheckSettings,
    /// Problems with the settings from the link, shown until the next change.
    settings_messages: String,
}

/// Builds the demo inside `figure`, replacing its still, and starts loading the digits.
pub fn mount(figure: &Element, settings: &Settings) -> Result<Rc<GradientCheck>, String> {
    let initial = GradientCheckSettings::read(settings);
    let figure_id = figure.id();
    let controls = controls::Controls::build(&figure_id, &initial);
    let view = view::View::build(figure, &controls);
    let demo = Rc::new(GradientCheck {
        model: RefCell::new(Model::new(initial)),
        view,
        controls,
        toolbar: RefCell::new(None),
        listeners: Listeners::new(),
        initial,
        settings_messages: settings.messages().join(" "),
    });
    let toolbar = Toolbar::attach(&demo.view.side, &figure_id, as_demo(&demo));
    *demo.toolbar.borrow_mut() = Some(toolbar);

    demo.controls.sync(&initial);
    demo.change(Model::rebuild);
    controls::listen(&demo);
    listen_to_rows(&demo);
    listen_to_page(&demo);
    demo.load_digits();
    Ok(demo)
}

impl GradientCheck {
    /// Listens to `event_name` at `target` for as long as the demo lives.
    fn listen(
        self: &Rc<Self>,
        target: &web_sys::EventTarget,
        event_name: &str,
        handler: impl Fn(&Rc<GradientCheck>, &web_sys::Event) + 'static,
    ) {
        self.listeners.listen(self, target, event_name, handler);
    }

    /// Applies one change to the model, shows what it left to show, and leaves its time on the
    /// figure for the speed harness.
    fn change(&self, change: impl FnOnce(&mut Model) -> Update) {
        let started = now_ms();
        let update = change(&mut self.model.borrow_mut());
        let model = self.model.borrow();
        let only_the_step = update == Update::StepMoved;
        let problem = match update {
            Update::Nothing => return,
            Update::Rebuilt { problem } => {
                self.view.build_table_rows(&model);
                problem
            }
            Update::Refreshed | Update::StepMoved => None,
        };
        self.controls.show_values(&model.settings);
        self.view.fill_table(&model);
        self.view
            .show_summary(&text::summary(&model, &self.settings_messages, problem));
        if only_the_step {
            // Only h moved: the curves and axes stay, the marks move.
            self.view.draw_marks(&model);
        } else {
            self.view.draw_plot(&model);
        }
        self.view.record_time(now_ms() - started);
    }

    /// Starts loading the digits; the digits losses show a note until they arrive.
    fn load_digits(self: &Rc<Self>) {
        let weak = Rc::downgrade(self);
        wasm_bindgen_futures::spawn_local(async move {
            let loaded = crate::digits::load().await.and_then(|digits| {
                PreparedDigits::new(&digits, DEFAULT_N_VALIDATION, DEFAULT_N_TEST, SPLIT_SEED)
                    .map(|prepared| Rc::new(prepared.train))
                    .map_err(|error| format!("The digits could not be prepared: {error}"))
            });
            if let Some(demo) = weak.upgrade() {
                demo.change(|model| model.digits_loaded(loaded));
            }
        });
    }

    fn write_url(&self) {
        if let Some(toolbar) = self.toolbar.borrow().as_ref() {
            toolbar.write_url(self);
        }
    }
}

/// Clicks on the table's parameter buttons select the row the plot is for. One listener on the
/// table body serves every row, so rebuilding rows adds no listeners.
fn listen_to_rows(demo: &Rc<GradientCheck>) {
    let body = demo.view.table_body.clone();
    demo.listen(body.as_ref(), "click", |demo, event| {
        let Some(button) = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .and_then(|element| element.closest("button[data-row]").ok().flatten())
        else {
            return;
        };
        let Some(row_idx) = button
            .get_attribute("data-row")
            .and_then(|text| text.parse::<usize>().ok())
        else {
            return;
        };
        demo.change(|model| model.select_row(row_idx));
        demo.write_url();
    });
}

/// A new width or colour scheme draws the plot again.
fn listen_to_page(demo: &Rc<GradientCheck>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    demo.listen(window.as_ref(), "resize", |demo, _event| {
        if demo.view.remeasure() {
            demo.view.draw_plot(&demo.model.borrow());
        }
    });
    media::on_scheme_change(&demo.listeners, demo, |demo, _event| {
        demo.view.draw_plot(&demo.model.borrow());
    });
}

impl Demo for GradientCheck {
    fn url_settings(&self) -> Vec<(String, String)> {
        self.model.borrow().settings.write()
    }

    fn export_csv(&self) -> String {
        text::csv(&self.model.borrow())
    }

    fn export_svg(&self) -> String {
        let model = self.model.borrow();
        error_plot_svg(&model.curve, model.settings.h, &model.selected_parameter())
    }

    fn export_canvases(&self) -> Vec<HtmlCanvasElement> {
        self.view.canvases()
    }

    fn file_stem(&self) -> String {
        format!(
            "gradient-check-{}",
            self.model.borrow().settings.function.name()
        )
    }
}
