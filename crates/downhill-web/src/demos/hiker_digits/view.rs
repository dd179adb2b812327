//! The digits view's DOM: its sliders and buttons, the legend with each strategy's counter, the
//! chart of test accuracy against evaluations (drawn through `downhill-plots`), and the readouts.

use super::model::DigitsModel;
use super::settings::{BUDGET_RANGE, HikerDigitsSettings, LEARNING_RATE_RANGE, LOCAL_STEP_RANGE};
use crate::demos::blindfolded_hiker::shared_controls::{
    WalkSliderStarts, WalkSliders, legend_name, legend_readout, message_line, replace_still,
    swatch, walk_buttons,
};
use crate::kit::dom::{self, set_text_if_changed};
use crate::kit::layers::{LayerSize, LayeredCanvas};
use crate::kit::transport::Transport;
use downhill_core::search::hiker::Strategy;
use downhill_plots::hiker::{self as hiker_plots, STRATEGY_STYLES};
use plotters::prelude::*;
use std::cell::Cell;
use web_sys::{Element, HtmlButtonElement, HtmlElement};

pub struct DigitsView {
    pub canvas: LayeredCanvas,
    pub size: Cell<LayerSize>,
    /// The side panel, where the toolbar goes.
    pub side: HtmlElement,
    pub sliders: WalkSliders,
    /// Play, Step and Reset (wired by the kit), in a row with `reroll`.
    pub transport: Transport,
    /// "New draws": a new seed.
    pub reroll: HtmlButtonElement,
    readouts: Vec<HtmlElement>,
    progress: HtmlElement,
    message: HtmlElement,
    /// What was wrong with the lesson's or the link's settings (and whether the digits came).
    pub settings_message: std::cell::RefCell<String>,
}

impl DigitsView {
    /// Replaces the figure's still with the chart and the side panel.
    pub fn build(
        figure: &Element,
        settings: &HikerDigitsSettings,
        settings_message: String,
    ) -> DigitsView {
        let controls = dom::element("div", "demo-controls");
        let sliders = WalkSliders::build(
            &figure.id(),
            &WalkSliderStarts {
                budget: (BUDGET_RANGE, settings.budget),
                local_step: (LOCAL_STEP_RANGE, settings.local_step),
                learning_rate: (LEARNING_RATE_RANGE, settings.learning_rate),
            },
            "Gradient descent: step size",
        );
        let (transport, reroll) = walk_buttons();
        for row in [
            &sliders.budget.row,
            &sliders.learning_rate.row,
            &sliders.local_step.row,
            &transport.row,
        ] {
            dom::append(&controls, row);
        }
        let legend = dom::element("ul", "demo-legend hiker-legend hiker-digits-legend");
        let mut readouts = Vec::new();
        for (index, style) in STRATEGY_STYLES.iter().enumerate() {
            let item = dom::element("li", "");
            dom::append(&item, &swatch(style));
            let name = match style.strategy {
                Strategy::FollowGradient => "Gradient descent",
                other => other.label(),
            };
            dom::append(&item, &legend_name(index, name));
            let readout = legend_readout();
            dom::append(&item, &readout);
            dom::append(&legend, &item);
            readouts.push(readout);
        }
        let progress = dom::element("p", "demo-readout");
        let message = message_line();
        let canvas =
            LayeredCanvas::new("Test accuracy against loss evaluations: loading the digits.");
        canvas
            .frame
            .set_class_name("demo-canvas-frame hiker-digits-frame");
        let side = dom::element("div", "demo-side");
        for part in [&controls, &legend, &progress, &message] {
            dom::append(&side, part);
        }
        replace_still(figure, &canvas.frame, &side);
        let size = Cell::new(canvas.measure());
        progress.set_text_content(Some("Loading the digits..."));
        DigitsView {
            canvas,
            size,
            side,
            sliders,
            transport,
            reroll,
            readouts,
            progress,
            message,
            settings_message: std::cell::RefCell::new(settings_message),
        }
    }

    /// Measures the canvas again; returns whether its size changed.
    pub fn resized(&self) -> bool {
        let size = self.canvas.measure();
        let changed = size != self.size.get();
        self.size.set(size);
        changed
    }

    pub fn show_message(&self, model: &DigitsModel) {
        let settings_message = self.settings_message.borrow();
        set_text_if_changed(&self.message, &model.message(&settings_message));
    }

    pub fn show_progress(&self, model: &DigitsModel) {
        if let Some(progress) = model.progress_text() {
            set_text_if_changed(&self.progress, &progress);
        }
    }

    /// The digits could not be loaded: says why, in place of the progress.
    pub fn show_failure(&self, model: &DigitsModel, reason: &str) {
        self.progress.set_text_content(Some(""));
        {
            let mut message = self.settings_message.borrow_mut();
            *message = format!("{reason} {message}");
        }
        self.show_message(model);
    }

    /// Draws the chart and updates every readout.
    pub fn draw(&self, model: &DigitsModel) {
        let size = self.size.get();
        self.canvas.resize_overlay(size);
        if let Some(backend) = crate::kit::layers::drawing_backend(&self.canvas.overlay) {
            let area = backend.into_drawing_area();
            let _ = hiker_plots::draw_accuracy_chart(
                &area,
                model.settings.budget,
                &model.curves(),
                size.pixel_ratio,
            );
            let _ = area.present();
        }
        if let Some(statuses) = model.statuses() {
            for (readout, status) in self.readouts.iter().zip(statuses) {
                set_text_if_changed(readout, &status);
            }
        }
        dom::set_label(&self.canvas.frame, &model.chart_label());
        self.show_progress(model);
        self.show_message(model);
    }
}
