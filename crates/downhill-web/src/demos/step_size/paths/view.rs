//! The paths on the page: the large picture with the reader's path, the four panels with the fixed
//! step sizes, the controls and the lines of text, drawn from the model through `downhill-plots`.

use super::model::{PathsModel, describe_run};
use super::settings::{LOG10_STEP_RANGE, MAX_STEPS, MIN_STEPS, SURFACES};
use crate::format::format_number;
use crate::kit::dom::{self, Slider};
use crate::kit::layers::{self, LayerSize, LayeredCanvas};
use crate::kit::transport::Transport;
use downhill_core::surfaces::Surface;
use downhill_core::trajectory::{Outcome, Trajectory};
use downhill_plots::heatmap;
use downhill_plots::paths::{self, OverlayMarks, PathToDraw};
use downhill_plots::step_size::{CHOSEN_PATH_COLOUR, COMPARISON_COLOURS, draw_corner_note};
use plotters::prelude::*;
use std::cell::Cell;
use web_sys::{Element, HtmlElement, HtmlSelectElement};

/// One comparison panel on the page; its path is the model's panel of the same index.
struct PanelView {
    canvas: LayeredCanvas,
    name: HtmlElement,
    status: HtmlElement,
}

pub struct PathsView {
    pub figure: Element,
    pub side: HtmlElement,
    pub main: LayeredCanvas,
    main_size: Cell<LayerSize>,
    panel_size: Cell<LayerSize>,
    panels: Vec<PanelView>,
    pub step_slider: Slider,
    pub steps_slider: Slider,
    pub surface_select: HtmlSelectElement,
    pub transport: Transport,
    readout: HtmlElement,
    message: HtmlElement,
    settings_messages: String,
}

impl PathsView {
    /// Builds the controls, the large picture and the panels inside `figure`, replacing its still.
    pub fn build(figure: &Element, model: &PathsModel, settings_messages: String) -> PathsView {
        let figure_id = figure.id();
        let (log_min, log_max) = LOG10_STEP_RANGE;
        let controls = dom::element("div", "demo-controls");
        let step_slider = dom::slider(
            &format!("{figure_id}-lr"),
            "learning-rate",
            "Step size (learning rate)",
            log_min,
            log_max,
            0.01,
            model.log10_step,
        );
        let steps_slider = dom::slider(
            &format!("{figure_id}-steps"),
            "steps",
            "Steps",
            MIN_STEPS as f64,
            MAX_STEPS as f64,
            10.0,
            model.n_steps as f64,
        );
        let options: Vec<(&str, &str)> = SURFACES
            .iter()
            .map(|kind| (kind.name(), kind.label()))
            .collect();
        let (surface_row, surface_select) = dom::select(
            &format!("{figure_id}-surface"),
            "surface",
            "Surface",
            &options,
            model.surface_kind.name(),
        );
        let transport = Transport::new(&crate::kit::strings::text("kit.step"));
        for row in [
            &step_slider.row,
            &steps_slider.row,
            &surface_row,
            &transport.row,
        ] {
            dom::append(&controls, row);
        }

        let main = LayeredCanvas::new("Gradient descent path over a heatmap of the loss surface.");
        let _ = main.frame.set_attribute("tabindex", "0");
        let _ = main.frame.class_list().add_1("step-size-paths-main");
        let hint = dom::text(
            "p",
            "step-size-paths-hint",
            "Drag on the picture, or focus it and use the arrow keys, to move the start.",
        );
        let readout = dom::element("p", "demo-readout");
        let message = dom::element("p", "demo-message");
        let _ = message.set_attribute("role", "status");

        let panels_row = dom::element("div", "step-size-paths-panels");
        let panels: Vec<PanelView> = (0..model.panels.len())
            .map(|index| {
                let panel = PanelView::build(index);
                dom::append(&panels_row, &panel.cell);
                panel.view
            })
            .collect();

        let body = dom::element("div", "demo-body");
        let main_column = dom::element("div", "step-size-main");
        for part in [&main.frame, &hint, &readout] {
            dom::append(&main_column, part);
        }
        dom::append(&body, &main_column);
        let side = dom::element("div", "demo-side");
        dom::append(&side, &controls);
        dom::append(&side, &message);
        dom::append(&body, &side);
        let wrapper = dom::element("div", "step-size-paths");
        dom::append(&wrapper, &body);
        let panels_heading = dom::text(
            "p",
            "step-size-paths-panels-heading",
            "The same start with four fixed step sizes:",
        );
        dom::append(&wrapper, &panels_heading);
        dom::append(&wrapper, &panels_row);
        dom::replace_still(figure, &wrapper);

        let main_size = main.measure();
        let panel_size = panels
            .first()
            .map(|panel| panel.canvas.measure())
            .unwrap_or(main_size);
        PathsView {
            figure: figure.clone(),
            side,
            main,
            main_size: Cell::new(main_size),
            panel_size: Cell::new(panel_size),
            panels,
            step_slider,
            steps_slider,
            surface_select,
            transport,
            readout,
            message,
            settings_messages,
        }
    }

    pub fn show_values(&self, model: &PathsModel) {
        self.step_slider
            .show_value(&format_number(model.chosen_step()));
        self.steps_slider.show_value(&model.n_steps.to_string());
    }

    /// Puts the slider where a new surface's good step size is.
    pub fn show_step_position(&self, model: &PathsModel) {
        self.step_slider
            .input
            .set_value(&format!("{}", model.log10_step));
    }

    /// Measures the pictures again; returns whether a size changed (the landscapes must be redrawn).
    pub fn measure(&self) -> bool {
        let main_size = self.main.measure();
        let panel_size = self
            .panels
            .first()
            .map(|panel| panel.canvas.measure())
            .unwrap_or(self.panel_size.get());
        if main_size == self.main_size.get() && panel_size == self.panel_size.get() {
            return false;
        }
        self.main_size.set(main_size);
        self.panel_size.set(panel_size);
        true
    }

    /// Samples the surface once for the large picture and once for the panels (which share it).
    pub fn draw_landscapes(&self, model: &PathsModel) {
        let (rgba, width, height) = landscape(model.surface.as_ref(), self.main_size.get());
        self.main.put_landscape(&rgba, width, height);
        let (rgba, width, height) = landscape(model.surface.as_ref(), self.panel_size.get());
        for panel in &self.panels {
            panel.canvas.put_landscape(&rgba, width, height);
        }
    }

    pub fn draw_overlays(&self, model: &PathsModel) {
        self.draw_panels(model);
        self.draw_main(model);
    }

    pub fn draw_panels(&self, model: &PathsModel) {
        let minima = model.surface.minima();
        for (index, (panel, view)) in model.panels.iter().zip(&self.panels).enumerate() {
            draw_overlay(
                &view.canvas,
                self.panel_size.get(),
                model,
                &minima,
                &panel.trajectory,
                COMPARISON_COLOURS[index],
            );
            let label = panel.comparison.label;
            let step_size = format_number(panel.comparison.step_size);
            view.name
                .set_text_content(Some(&format!("{label}: {step_size}")));
            let status = describe_run(&panel.trajectory, model.cursor, true);
            view.status.set_text_content(Some(&status));
            dom::set_label(
                &view.canvas.frame,
                &format!(
                    "Gradient descent with the {label} step size {step_size} on the {} surface: \
                     {status}.",
                    model.surface_kind.label()
                ),
            );
        }
    }

    pub fn draw_main(&self, model: &PathsModel) {
        let minima = model.surface.minima();
        let main_size = self.main_size.get();
        let shown_steps = draw_overlay(
            &self.main,
            main_size,
            model,
            &minima,
            &model.chosen,
            CHOSEN_PATH_COLOUR,
        );
        let status = describe_run(&model.chosen, model.cursor, false);
        self.readout.set_text_content(Some(&format!(
            "Step {} of {}: {status}.",
            shown_steps, model.n_steps
        )));
        if let Some(diverged) = model.chosen_diverged_at()
            && let Some(backend) = layers::drawing_backend(&self.main.overlay)
        {
            let area = backend.into_drawing_area();
            let _ = draw_corner_note(
                &area,
                &format!("diverged at step {diverged}"),
                main_size.pixel_ratio,
            );
            let _ = area.present();
        }
        let messages: Vec<String> = [Some(self.settings_messages.clone()), model.chosen_warning()]
            .into_iter()
            .flatten()
            .filter(|message| !message.is_empty())
            .collect();
        dom::set_message(&self.message, &messages.join(" "));
        dom::set_label(
            &self.main.frame,
            &format!(
                "Gradient descent with step size {} from ({}, {}) on the {} surface, drawn over its \
                 heatmap (darker is lower): {status}. Arrow keys move the start.",
                format_number(model.chosen_step()),
                format_number(model.start[0]),
                format_number(model.start[1]),
                model.surface_kind.label()
            ),
        );
    }

    /// Where a pointer is on the large picture, as fractions of its width and height.
    pub fn pointer_fraction(&self, pointer: &web_sys::PointerEvent) -> Option<(f64, f64)> {
        let rect = self.main.frame.get_bounding_client_rect();
        if rect.width() <= 0.0 || rect.height() <= 0.0 {
            return None;
        }
        Some((
            (pointer.client_x() as f64 - rect.left()) / rect.width(),
            (pointer.client_y() as f64 - rect.top()) / rect.height(),
        ))
    }
}

/// A panel's box: the picture, a title with the path's swatch and name, and its status.
struct BuiltPanel {
    cell: HtmlElement,
    view: PanelView,
}

impl PanelView {
    fn build(index: usize) -> BuiltPanel {
        let cell = dom::element("div", "step-size-paths-panel");
        let canvas = LayeredCanvas::new("");
        let title = dom::element("p", "step-size-paths-panel-title");
        let swatch = dom::element(
            "span",
            &format!("step-size-paths-swatch step-size-paths-swatch-{index}"),
        );
        let _ = swatch.set_attribute("aria-hidden", "true");
        dom::append(&title, &swatch);
        let name = dom::element("span", "step-size-paths-panel-name");
        dom::append(&title, &name);
        let status = dom::element("p", "step-size-paths-panel-status");
        dom::append(&cell, &canvas.frame);
        dom::append(&cell, &title);
        dom::append(&cell, &status);
        BuiltPanel {
            cell,
            view: PanelView {
                canvas,
                name,
                status,
            },
        }
    }
}

/// The heatmap of `surface` at one sample per CSS pixel of `size`.
fn landscape(surface: &dyn Surface, size: LayerSize) -> (Vec<u8>, u32, u32) {
    let (rgba, field) =
        heatmap::surface_rgba(surface, size.css_width as usize, size.css_height as usize);
    (rgba, field.width as u32, field.height as u32)
}

/// Draws one path up to the model's cursor over a layered canvas; returns the step shown.
fn draw_overlay(
    canvas: &LayeredCanvas,
    size: LayerSize,
    model: &PathsModel,
    minima: &[[f64; 2]],
    trajectory: &Trajectory,
    colour: RGBColor,
) -> usize {
    canvas.resize_overlay(size);
    let shown = (model.cursor + 1).min(trajectory.points.len());
    let Some(backend) = layers::cleared_drawing_backend(&canvas.overlay) else {
        return shown.saturating_sub(1);
    };
    let area = backend.into_drawing_area();
    let path = PathToDraw {
        points: &trajectory.points[..shown],
        colour,
        stopped: shown == trajectory.points.len()
            && !matches!(trajectory.outcome, Outcome::Completed { .. }),
    };
    let marks = OverlayMarks {
        start: Some(model.start),
        minima,
        pixel_ratio: size.pixel_ratio,
        arrows: &[],
        rings: &[],
    };
    let view_box = model.surface.view();
    let _ = paths::draw_paths(
        &area,
        view_box.x_min..view_box.x_max,
        view_box.y_min..view_box.y_max,
        &[path],
        &marks,
    );
    let _ = area.present();
    shown.saturating_sub(1)
}
