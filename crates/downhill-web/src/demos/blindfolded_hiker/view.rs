//! The hiker's picture and text: the map (a landscape canvas drawn once per size under an overlay of
//! probes and paths), the hint under it, and the readouts, drawn from the model through
//! `downhill-plots`.

use super::controls::HikerControls;
use super::model::HikerModel;
use super::shared_controls::{message_line, replace_still};
use crate::kit::dom;
use crate::kit::layers::{LayerSize, LayeredCanvas};
use downhill_core::surfaces::Surface;
use downhill_plots::heatmap;
use downhill_plots::hiker as hiker_plots;
use plotters::prelude::*;
use std::cell::Cell;
use web_sys::{Element, HtmlElement};

pub struct HikerView {
    pub canvas: LayeredCanvas,
    pub size: Cell<LayerSize>,
    /// The side panel, where the toolbar goes.
    pub side: HtmlElement,
    step_readout: HtmlElement,
    start_readout: HtmlElement,
    message: HtmlElement,
    /// What was wrong with the lesson's or the link's settings.
    settings_message: String,
}

impl HikerView {
    /// Replaces the figure's still with the map and the side panel around `controls`.
    pub fn build(
        figure: &Element,
        controls: &HikerControls,
        settings_message: String,
    ) -> HikerView {
        let canvas = LayeredCanvas::new("The bumpy landscape with the three strategies' probes.");
        canvas.frame.set_class_name("demo-canvas-frame hiker-frame");
        let _ = canvas.frame.set_attribute("tabindex", "0");
        let hint_id = format!("{}-place-hint", figure.id());
        let hint = dom::text(
            "p",
            "hiker-hint",
            "Click or tap the map to place the hiker; or focus the map and use the arrow keys (Shift for bigger steps).",
        );
        hint.set_id(&hint_id);
        let _ = canvas.frame.set_attribute("aria-describedby", &hint_id);
        let step_readout = dom::element("p", "demo-readout");
        let start_readout = dom::element("p", "demo-readout hiker-start");
        let message = message_line();

        let picture = dom::element("div", "hiker-picture");
        dom::append(&picture, &canvas.frame);
        dom::append(&picture, &hint);
        let side = dom::element("div", "demo-side");
        for part in [&controls.panel, &step_readout, &start_readout, &message] {
            dom::append(&side, part);
        }
        replace_still(figure, &picture, &side);
        let size = Cell::new(canvas.measure());
        HikerView {
            canvas,
            size,
            side,
            step_readout,
            start_readout,
            message,
            settings_message,
        }
    }

    /// Measures the canvas again; when its size changed, draws the landscape anew and returns true.
    pub fn resize(&self, model: &mut HikerModel) -> bool {
        let size = self.canvas.measure();
        if size == self.size.get() {
            return false;
        }
        self.size.set(size);
        self.draw_landscape(model);
        true
    }

    /// Samples and puts the heatmap: only when the size changes (the surface never does). The value
    /// range goes into the model, which colours felt losses with it.
    pub fn draw_landscape(&self, model: &mut HikerModel) {
        let size = self.size.get();
        let field = downhill_core::landscape::sample(
            &model.surface,
            &model.surface.view(),
            size.css_width as usize,
            size.css_height as usize,
        );
        let value_range = hiker_plots::value_range(&field);
        let rgba = heatmap::landscape_rgba(
            &field.values,
            field.width,
            field.height,
            value_range.0,
            value_range.1,
            value_range.2,
        );
        model.value_range = value_range;
        self.canvas
            .put_landscape(&rgba, field.width as u32, field.height as u32);
    }

    /// Redraws the probes and paths up to the cursor, and every readout.
    pub fn draw(&self, model: &HikerModel, controls: &HikerControls) {
        let size = self.size.get();
        self.canvas.resize_overlay(size);
        if let Some(backend) = crate::kit::layers::cleared_drawing_backend(&self.canvas.overlay) {
            let area = backend.into_drawing_area();
            model.with_scene(size.pixel_ratio, |scene| {
                let _ = hiker_plots::draw_hiker_scene(&area, scene);
            });
            let _ = area.present();
        }
        let _ = self
            .canvas
            .frame
            .class_list()
            .toggle_with_force("hiker-blind", model.settings.blindfold);
        self.step_readout.set_text_content(Some(&model.step_text()));
        self.start_readout
            .set_text_content(Some(&model.start_text()));
        controls.show_readouts(model);
        dom::set_label(&self.canvas.frame, &model.canvas_label());
        dom::set_message(&self.message, &model.message(&self.settings_message));
    }
}
