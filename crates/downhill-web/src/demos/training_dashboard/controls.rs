//! The dashboard's controls: the sliders, selects and check box of the settings, the kit's play /
//! step / reset transport and the three sanity-check buttons; reading them into the settings,
//! writing the settings back into them, and wiring each to what it does.

use super::TrainingDashboard;
use super::settings::{
    BATCH_STOPS, DashboardSettings, EPOCH_STOPS, LOG10_LEARNING_RATE, LOG10_REG, TrainingData,
    parse_loss,
};
use super::text;
use crate::kit::dom;
use crate::kit::media;
use crate::kit::transport::{Playback, Transport};
use crate::number_text::parse_number;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlSelectElement};

pub(crate) struct Controls {
    pub(crate) learning_rate: dom::Slider,
    pub(crate) reg: dom::Slider,
    pub(crate) batch: dom::Slider,
    pub(crate) epochs: dom::Slider,
    pub(crate) loss: HtmlSelectElement,
    pub(crate) data: HtmlSelectElement,
    pub(crate) log_loss: HtmlInputElement,
    /// Play / pause, step one epoch, reset: wired by the kit to the dashboard's [`Playback`].
    pub(crate) transport: Transport,
    initial_check: HtmlButtonElement,
    reg_check: HtmlButtonElement,
    overfit_check: HtmlButtonElement,
    /// The settings' controls and the sanity checks' box (its result list is the view's); the side
    /// panel shows them with the transport's row between.
    pub(crate) settings_box: HtmlElement,
    pub(crate) checks_box: HtmlElement,
}

impl Controls {
    /// Builds every control for the figure `id`, showing `settings`.
    pub(crate) fn build(id: &str, settings: &DashboardSettings) -> Controls {
        let settings_box = dom::element("div", "demo-controls training-dashboard-controls");
        let (lr_low, lr_high) = LOG10_LEARNING_RATE;
        let learning_rate = dom::slider(
            &format!("{id}-learning-rate"),
            "learning-rate",
            "Learning rate",
            lr_low,
            lr_high,
            0.1,
            settings.learning_rate_position(),
        );
        let (reg_low, reg_high) = LOG10_REG;
        let reg = dom::slider(
            &format!("{id}-reg"),
            "reg",
            "Regularization strength",
            reg_low,
            reg_high,
            0.1,
            settings.reg_position(),
        );
        let batch = dom::slider(
            &format!("{id}-batch"),
            "batch",
            "Batch size",
            0.0,
            (BATCH_STOPS.len() - 1) as f64,
            1.0,
            settings.batch_index as f64,
        );
        let epochs = dom::slider(
            &format!("{id}-epochs"),
            "epochs",
            "Epochs",
            0.0,
            (EPOCH_STOPS.len() - 1) as f64,
            1.0,
            settings.epochs_index as f64,
        );
        let (loss_row, loss) = dom::select(
            &format!("{id}-loss"),
            "loss",
            "Loss",
            &[("softmax", "Softmax"), ("svm", "Multiclass SVM")],
            settings.loss_kind.name(),
        );
        let (data_row, data) = dom::select(
            &format!("{id}-data"),
            "data",
            "Training data",
            &[
                ("all", "All training digits"),
                ("tiny", "First 20 digits only"),
            ],
            settings.data.name(),
        );
        let log_row = dom::element("div", "demo-control training-dashboard-check");
        let log_loss: HtmlInputElement = dom::element("input", "").unchecked_into();
        log_loss.set_type("checkbox");
        log_loss.set_id(&format!("{id}-log"));
        log_loss.set_name("log");
        log_loss.set_checked(settings.log_loss);
        let log_label = dom::text("label", "", "Loss on a log scale");
        let _ = log_label.set_attribute("for", &format!("{id}-log"));
        dom::append(&log_row, &log_loss);
        dom::append(&log_row, &log_label);
        for row in [
            &learning_rate.row,
            &reg.row,
            &batch.row,
            &epochs.row,
            &loss_row,
            &data_row,
            &log_row,
        ] {
            dom::append(&settings_box, row);
        }

        let transport = Transport::new("Step one epoch");

        let checks_box = dom::element("div", "training-dashboard-sanity");
        dom::append(
            &checks_box,
            &dom::text("p", "training-dashboard-sanity-title", "Sanity checks"),
        );
        let check_buttons = dom::element("div", "demo-buttons");
        let initial_check = dom::button("check-initial-loss", "Initial loss");
        let reg_check = dom::button("check-regularization", "Raise regularization");
        let overfit_check = dom::button("check-overfit", "Overfit 20 examples");
        for button in [&initial_check, &reg_check, &overfit_check] {
            dom::append(&check_buttons, button);
        }
        dom::append(&checks_box, &check_buttons);

        Controls {
            learning_rate,
            reg,
            batch,
            epochs,
            loss,
            data,
            log_loss,
            transport,
            initial_check,
            reg_check,
            overfit_check,
            settings_box,
            checks_box,
        }
    }

    /// Reads every control into `settings`.
    pub(crate) fn read_into(&self, settings: &mut DashboardSettings) {
        let position = |slider: &dom::Slider| parse_number(&slider.input.value());
        if let Some(log10) = position(&self.learning_rate) {
            settings.set_learning_rate_position(log10);
        }
        if let Some(position) = position(&self.reg) {
            settings.set_reg_position(position);
        }
        if let Some(position) = position(&self.batch) {
            settings.set_batch_position(position);
        }
        if let Some(position) = position(&self.epochs) {
            settings.set_epochs_position(position);
        }
        settings.loss_kind = parse_loss(&self.loss.value()).unwrap_or(settings.loss_kind);
        settings.data = TrainingData::parse(&self.data.value()).unwrap_or(settings.data);
        settings.log_loss = self.log_loss.checked();
    }

    /// Puts `settings` into the controls (after the overfitting check changed them).
    pub(crate) fn write_from(&self, settings: &DashboardSettings) {
        self.learning_rate
            .input
            .set_value(&format!("{:.1}", settings.learning_rate_position()));
        self.reg
            .input
            .set_value(&format!("{:.1}", settings.reg_position()));
        self.batch
            .input
            .set_value(&settings.batch_index.to_string());
        self.epochs
            .input
            .set_value(&settings.epochs_index.to_string());
        self.loss.set_value(settings.loss_kind.name());
        self.data.set_value(settings.data.name());
        self.log_loss.set_checked(settings.log_loss);
    }

    /// Shows the sliders' values in their outputs (and to screen readers), touching the DOM only
    /// where a text changed.
    pub(crate) fn show_values(&self, settings: &DashboardSettings, n_train: Option<usize>) {
        let sliders = [&self.learning_rate, &self.reg, &self.batch, &self.epochs];
        for (slider, text) in sliders
            .into_iter()
            .zip(text::control_values(settings, n_train))
        {
            if slider.output.text_content().as_deref() != Some(text.as_str()) {
                slider.show_value(&text);
            }
        }
    }
}

/// Wires every control to what it does; the listeners hold the dashboard weakly.
pub(crate) fn listen(dashboard: &Rc<TrainingDashboard>) {
    let controls = &dashboard.controls;
    let sliders = [
        &controls.learning_rate.input,
        &controls.reg.input,
        &controls.batch.input,
        &controls.epochs.input,
    ];
    for slider in sliders {
        dashboard.listen(slider.as_ref(), "input", |dashboard, _event| {
            dashboard.read_controls();
            dashboard.settings_changed();
        });
        dashboard.listen(slider.as_ref(), "change", |dashboard, _event| {
            dashboard.write_url()
        });
    }
    for select in [&controls.loss, &controls.data] {
        dashboard.listen(select.as_ref(), "change", |dashboard, _event| {
            dashboard.read_controls();
            dashboard.settings_changed();
            dashboard.write_url();
        });
    }
    // The scale changes the picture only, not the run.
    dashboard.listen(controls.log_loss.as_ref(), "change", |dashboard, _event| {
        dashboard.read_controls();
        dashboard.draw();
        dashboard.write_url();
    });
    // The kit plays, pauses, steps and resets; after a click on play or pause the dashboard also
    // draws at once, so the picture and readouts show the state the button left (a run started
    // over, or one paused between two drawn frames).
    dashboard.listen(
        controls.transport.play_pause.as_ref(),
        "click",
        |dashboard, _event| {
            if !dashboard.transport().is_playing() {
                dashboard.jumping.set(false);
            }
            dashboard.draw();
        },
    );
    dashboard.listen(
        controls.initial_check.as_ref(),
        "click",
        |dashboard, _event| dashboard.check_initial_loss(),
    );
    dashboard.listen(controls.reg_check.as_ref(), "click", |dashboard, _event| {
        dashboard.check_regularization()
    });
    dashboard.listen(
        controls.overfit_check.as_ref(),
        "click",
        |dashboard, _event| dashboard.start_overfit_check(),
    );
    if let Some(window) = web_sys::window() {
        dashboard.listen(window.as_ref(), "resize", |dashboard, _event| {
            dashboard.draw()
        });
    }
    // The canvas has its own light and dark palettes: follow a change of colour scheme even while
    // paused.
    media::on_scheme_change(&dashboard.listeners, dashboard, |dashboard, _event| {
        dashboard.draw()
    });
}
