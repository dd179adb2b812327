//! The dashboard's page: the framed canvas with its readouts, the side panel of controls, sanity
//! checks and messages; drawing the picture through `downhill-plots` at the screen's pixel ratio,
//! and putting the texts of [`super::text`] where they belong.

use super::controls::Controls;
use super::model::Model;
use super::text;
use crate::kit::{dom, layers, media};
use downhill_plots::training_dashboard as picture;
use plotters::prelude::*;
use std::cell::Cell;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, HtmlElement};

pub(crate) struct View {
    pub(crate) frame: HtmlElement,
    pub(crate) canvas: HtmlCanvasElement,
    pub(crate) progress: HtmlElement,
    numbers: HtmlElement,
    ratio: HtmlElement,
    checks: HtmlElement,
    pub(crate) message: HtmlElement,
    /// The side panel, where the toolbar goes.
    pub(crate) side: HtmlElement,
    /// The frame's CSS size as last measured. Animation frames draw at this size instead of
    /// measuring: each frame writes the progress text, so measuring in the next one would make the
    /// browser lay the whole lesson out again first. Measured afresh by every other drawing.
    measured_css_size: Cell<Option<(f64, f64)>>,
}

impl View {
    /// Replaces the figure's still with the live dashboard, keeping its caption.
    pub(crate) fn build(figure: &Element, controls: &Controls) -> View {
        let checks = dom::element("ul", "training-dashboard-results");
        let _ = checks.set_attribute("aria-live", "polite");
        dom::append(&controls.checks_box, &checks);

        let frame = dom::element("div", "training-dashboard-frame");
        let _ = frame.set_attribute("role", "img");
        let _ = frame.set_attribute(
            "aria-label",
            "Training dashboard: loss of each batch, training and validation accuracy, and the \
             update-to-weight ratio against epoch.",
        );
        let canvas: HtmlCanvasElement =
            dom::element("canvas", "training-dashboard-canvas").unchecked_into();
        dom::append(&frame, &canvas);
        let readout = dom::element("div", "training-dashboard-readout");
        let progress = dom::text("p", "demo-readout", "Loading the digits…");
        let numbers = dom::element("p", "demo-readout");
        let ratio = dom::element("p", "demo-readout");
        for line in [&progress, &numbers, &ratio] {
            dom::append(&readout, line);
        }
        let message = dom::element("p", "demo-message");
        let _ = message.set_attribute("role", "status");

        let body = dom::element("div", "demo-body training-dashboard-body");
        dom::append(&body, &frame);
        dom::append(&body, &readout);
        let side = dom::element("div", "demo-side training-dashboard-side");
        dom::append(&side, &controls.settings_box);
        dom::append(&side, &controls.transport.row);
        dom::append(&side, &controls.checks_box);
        dom::append(&side, &message);
        dom::append(&body, &side);
        dom::replace_still(figure, &body);

        View {
            frame,
            canvas,
            progress,
            numbers,
            ratio,
            checks,
            message,
            side,
            measured_css_size: Cell::new(None),
        }
    }

    /// Enables or disables every control of the side panel but the toolbar's copy and export
    /// buttons (disabled while the digits load).
    pub(crate) fn set_enabled(&self, enabled: bool) {
        let Ok(controls) = self.side.query_selector_all(
            "input, select, button[data-action]:not([data-action^=\"export\"]):not([data-action=\"copy-link\"])",
        ) else {
            return;
        };
        for index in 0..controls.length() {
            if let Some(control) = controls
                .item(index)
                .and_then(|node| node.dyn_into::<Element>().ok())
            {
                if enabled {
                    let _ = control.remove_attribute("disabled");
                } else {
                    let _ = control.set_attribute("disabled", "");
                }
            }
        }
    }

    /// Puts a sanity check's result at the top of the list, keeping the three latest.
    pub(crate) fn show_check(&self, text: &str) {
        let item = dom::text("li", "", text);
        let list = &self.checks;
        let _ = list.insert_before(&item, list.first_child().as_ref());
        while list.child_element_count() > 3 {
            if let Some(last) = list.last_element_child() {
                last.remove();
            }
        }
    }

    /// Draws the picture (after measuring the frame when `measure`, else at the size last
    /// measured) and shows the readouts.
    pub(crate) fn draw(
        &self,
        model: &Model,
        measure: bool,
        jumping: bool,
        settings_messages: &str,
    ) {
        let pixel_ratio = self.fit_canvas(measure);
        if let Some(backend) = layers::drawing_backend(&self.canvas) {
            let area = backend.into_drawing_area();
            let palette = media::by_scheme(picture::LIGHT, picture::DARK);
            let _ = picture::draw_dashboard(&area, &model.picture(pixel_ratio, palette));
            let _ = area.present();
        }
        self.show_readouts(model, jumping, settings_messages);
    }

    /// Sizes the canvas to the frame in device pixels, so lines are crisp on every screen. With
    /// `measure` false a size measured before serves (see `measured_css_size`).
    fn fit_canvas(&self, measure: bool) -> f64 {
        let pixel_ratio = media::pixel_ratio();
        let (css_width, css_height) = match self.measured_css_size.get() {
            Some(size) if !measure => size,
            _ => {
                let size = self.measure_frame();
                self.measured_css_size.set(Some(size));
                size
            }
        };
        let width = (css_width * pixel_ratio).round() as u32;
        let height = (css_height * pixel_ratio).round() as u32;
        if self.canvas.width() != width || self.canvas.height() != height {
            self.canvas.set_width(width);
            self.canvas.set_height(height);
        }
        pixel_ratio
    }

    /// The frame's CSS width and height now (this makes the browser lay the page out if needed).
    fn measure_frame(&self) -> (f64, f64) {
        let rect = self.frame.get_bounding_client_rect();
        let css_width = if rect.width().is_finite() && rect.width() >= 100.0 {
            rect.width()
        } else {
            640.0
        };
        let css_height = if rect.height().is_finite() && rect.height() >= 100.0 {
            rect.height()
        } else {
            css_width * 0.875
        };
        (css_width, css_height)
    }

    /// The progress, numbers and ratio lines, the message line and the picture's text alternative,
    /// each written only when it changed.
    pub(crate) fn show_readouts(&self, model: &Model, jumping: bool, settings_messages: &str) {
        let Some(run) = &model.run else {
            return;
        };
        dom::set_text_if_changed(&self.progress, &text::progress(run, jumping));
        dom::set_text_if_changed(&self.numbers, &text::numbers(run));
        dom::set_text_if_changed(&self.ratio, &text::update_ratio(run));
        dom::set_text_if_changed(&self.message, &text::message(settings_messages, run));
        dom::set_label(&self.frame, &text::label(run));
    }
}
