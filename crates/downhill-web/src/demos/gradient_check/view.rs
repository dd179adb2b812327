//! The gradient check on screen: the plot of the relative error against h (drawn by
//! `downhill_plots::gradient_check` on two canvases), the verdict, the message line and the table.

use super::controls::Controls;
use super::model::Model;
use super::text::{
    Summary, derivative_text, describe_plot, error_text, kink_text, short_derivative_text,
};
use crate::kit::dom::{self, set_text_if_changed};
use crate::kit::layers::{cleared_drawing_backend, context_2d, drawing_backend};
use crate::kit::media;
use downhill_core::gradient::check::ErrorBand;
use downhill_plots::gradient_check::{
    DARK_THEME, ErrorPlot, LIGHT_THEME, draw_error_plot_curves, draw_error_plot_frame,
    draw_error_plot_legend, draw_error_plot_marks,
};
use plotters::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, HtmlElement};

/// Width over height of the plot: wide on a laptop, taller on a phone so the curves keep their
/// shape.
const PLOT_ASPECT_RATIO: f64 = 2.0;
const NARROW_PLOT_ASPECT_RATIO: f64 = 1.3;
/// Plots narrower than this (CSS pixels) take the narrow aspect ratio.
const NARROW_PLOT_WIDTH: u32 = 520;

/// The table's columns: label and title.
const COLUMNS: [(&str, &str); 7] = [
    (
        "Parameter",
        "The parameter checked; press to plot its error against h",
    ),
    ("Analytic", "The analytic derivative (with any planted bug)"),
    ("Centered", "(f(x + h) - f(x - h)) / 2h"),
    (
        "Rel. error, centered",
        "Relative error of the centered difference",
    ),
    ("Forward", "(f(x + h) - f(x)) / h"),
    (
        "Rel. error, forward",
        "Relative error of the forward difference",
    ),
    ("Kink", "Whether a max(0, .) switched sides within h"),
];

/// One row of the table, built once per function and updated in place, so a focused button keeps
/// its focus while h moves.
struct TableRow {
    row: HtmlElement,
    select_button: HtmlElement,
    /// Analytic, centered, centered error, forward, forward error, kink: the recommended
    /// difference first, so a phone shows it without scrolling.
    cells: [HtmlElement; 6],
}

pub(crate) struct View {
    figure: Element,
    frame: HtmlElement,
    /// Axes, bands and curves.
    canvas: HtmlCanvasElement,
    /// Background, bands, axes and their labels, drawn off screen only when the size or the theme
    /// changes and copied onto `canvas` before each new curve: the copy costs a fraction of drawing
    /// the axes' labels again, and the curves are drawn on the same opaque canvas as before, so the
    /// picture is the same to the last pixel.
    axes: HtmlCanvasElement,
    /// The current h and the dots on the curves, over `canvas`.
    marks: HtmlCanvasElement,
    pub(crate) table_body: HtmlElement,
    table_rows: RefCell<Vec<TableRow>>,
    summary: HtmlElement,
    message: HtmlElement,
    /// The column beside the controls, where the toolbar goes.
    pub(crate) side: HtmlElement,
    /// CSS width of the plot (0 until first measured): measured at the first drawing and on resize.
    drawn_width: Cell<u32>,
    /// Device width, device height and dark theme of the axes layer as last drawn: while they hold,
    /// a new curve leaves that layer alone.
    axes_drawn_for: Cell<Option<(u32, u32, bool)>>,
}

impl View {
    /// Replaces the figure's still with the live layout, keeping its caption: the plot across the
    /// whole width, the controls under it in two columns (one on a phone), then the verdict and the
    /// table.
    pub(crate) fn build(figure: &Element, controls: &Controls) -> View {
        let frame = dom::element("div", "gradient-check-plot-frame");
        let _ = frame.set_attribute("role", "img");
        let _ = frame.set_attribute(
            "aria-label",
            "Plot of the relative error against the step h.",
        );
        let canvas: HtmlCanvasElement =
            dom::element("canvas", "gradient-check-plot").unchecked_into();
        dom::append(&frame, &canvas);
        // Never added to the page.
        let axes: HtmlCanvasElement =
            dom::element("canvas", "gradient-check-plot-axes").unchecked_into();
        let marks: HtmlCanvasElement =
            dom::element("canvas", "gradient-check-plot-marks").unchecked_into();
        dom::append(&frame, &marks);

        let table_wrap = dom::element("div", "gradient-check-table-wrap");
        let _ = table_wrap.set_attribute("role", "region");
        let _ = table_wrap.set_attribute("aria-label", "Gradient check table");
        // A scrollable box must be reachable by keyboard to scroll on a phone.
        let _ = table_wrap.set_attribute("tabindex", "0");
        let table = dom::element("table", "gradient-check-table");
        let head = dom::element("thead", "");
        let head_row = dom::element("tr", "");
        for (label, title) in COLUMNS {
            let cell = dom::text("th", "", label);
            let _ = cell.set_attribute("scope", "col");
            let _ = cell.set_attribute("title", title);
            dom::append(&head_row, &cell);
        }
        dom::append(&head, &head_row);
        dom::append(&table, &head);
        let table_body = dom::element("tbody", "");
        dom::append(&table, &table_body);
        dom::append(&table_wrap, &table);

        let summary = dom::element("p", "gradient-check-summary");
        let _ = summary.set_attribute("aria-live", "polite");
        let message = dom::element("p", "demo-message");
        let _ = message.set_attribute("role", "status");

        let caption = figure.query_selector("figcaption").ok().flatten();
        figure.set_inner_html("");
        dom::append(figure, &frame);
        let panel = dom::element("div", "gradient-check-panel");
        dom::append(&panel, &controls.main_box);
        let side = dom::element("div", "gradient-check-side");
        dom::append(&side, &controls.bugs_box);
        dom::append(&side, &controls.buttons);
        dom::append(&side, &message);
        dom::append(&panel, &side);
        dom::append(figure, &panel);
        dom::append(figure, &summary);
        dom::append(figure, &table_wrap);
        if let Some(caption) = caption {
            dom::append(figure, &caption);
        }
        let _ = figure.class_list().add_1("demo-live");
        View {
            figure: figure.clone(),
            frame,
            canvas,
            axes,
            marks,
            table_body,
            table_rows: RefCell::new(Vec::new()),
            summary,
            message,
            side,
            drawn_width: Cell::new(0),
            axes_drawn_for: Cell::new(None),
        }
    }

    /// Creates one table row per checked parameter (after the function or point changed).
    pub(crate) fn build_table_rows(&self, model: &Model) {
        self.table_body.set_inner_html("");
        let mut rows = self.table_rows.borrow_mut();
        rows.clear();
        let Some(workbench) = model.workbench.as_ref() else {
            return;
        };
        for (row_idx, &index) in workbench.coordinates().iter().enumerate() {
            let row = dom::element("tr", "");
            let head = dom::element("th", "");
            let _ = head.set_attribute("scope", "row");
            let select_button = dom::text(
                "button",
                "gradient-check-row-button",
                &workbench.parameter_name(index),
            );
            let _ = select_button.set_attribute("type", "button");
            let _ = select_button.set_attribute("data-row", &row_idx.to_string());
            let _ = select_button
                .set_attribute("title", "Plot this parameter's relative error against h");
            dom::append(&head, &select_button);
            dom::append(&row, &head);
            let cells = std::array::from_fn(|cell_idx| {
                let cell = dom::element("td", "");
                // Derivatives in full, and shorter for a phone (CSS shows one of the two).
                if matches!(cell_idx, 0 | 1 | 3) {
                    dom::append(&cell, &dom::element("span", "gradient-check-long"));
                    dom::append(&cell, &dom::element("span", "gradient-check-short"));
                }
                dom::append(&row, &cell);
                cell
            });
            dom::append(&self.table_body, &row);
            rows.push(TableRow {
                row,
                select_button,
                cells,
            });
        }
    }

    /// Puts the model's rows into the table.
    pub(crate) fn fill_table(&self, model: &Model) {
        let uses_kinks = model.settings.function.has_kinks();
        let table_rows = self.table_rows.borrow();
        for (row_idx, (table_row, row)) in table_rows.iter().zip(&model.rows).enumerate() {
            let selected = row_idx == model.settings.selected_row;
            let _ = table_row
                .row
                .class_list()
                .toggle_with_force("gradient-check-selected", selected);
            let _ = table_row
                .select_button
                .set_attribute("aria-pressed", if selected { "true" } else { "false" });
            for (cell, value) in [
                (&table_row.cells[0], row.analytic),
                (&table_row.cells[1], row.centered),
                (&table_row.cells[3], row.forward),
            ] {
                let (long, short) = (derivative_text(value), short_derivative_text(value));
                if let (Some(long_span), Some(short_span)) =
                    (cell.first_element_child(), cell.last_element_child())
                {
                    set_text_if_changed(&long_span, &long);
                    set_text_if_changed(&short_span, &short);
                }
            }
            for (cell, error, band) in [
                (&table_row.cells[2], row.centered_error, row.centered_band()),
                (&table_row.cells[4], row.forward_error, row.forward_band()),
            ] {
                cell.set_class_name(&format!("gradient-check-error {}", band_class(band)));
                cell.set_text_content(None);
                dom::append(cell, &dom::text("span", "", &error_text(error)));
                dom::append(
                    cell,
                    &dom::text("span", "gradient-check-band-name", band.describe()),
                );
            }
            table_row.cells[5].set_class_name(if row.kink_crossed {
                "gradient-check-kink"
            } else {
                ""
            });
            set_text_if_changed(&table_row.cells[5], kink_text(row.kink_crossed, uses_kinks));
        }
    }

    pub(crate) fn show_summary(&self, summary: &Summary) {
        dom::set_message(&self.message, &summary.message);
        set_text_if_changed(&self.summary, &summary.verdict);
    }

    fn plot_css_width(&self) -> u32 {
        let width = self.frame.get_bounding_client_rect().width();
        if width.is_finite() && width >= 100.0 {
            width.round() as u32
        } else {
            480
        }
    }

    /// Measures the plot again (on resize); whether its width changed, so it must be drawn again.
    pub(crate) fn remeasure(&self) -> bool {
        let width = self.plot_css_width();
        let changed = width != self.drawn_width.get();
        self.drawn_width.set(width);
        changed
    }

    /// Sizes both layers (and the axes kept off screen) to the frame and draws them; the axes only
    /// when the size or the theme changed.
    pub(crate) fn draw_plot(&self, model: &Model) {
        // Measuring the frame forces the browser to lay the whole page out when anything changed
        // since the last frame (and a long lesson costs milliseconds to lay out), so the width is
        // measured once and then only on resize.
        if self.drawn_width.get() == 0 {
            self.drawn_width.set(self.plot_css_width());
        }
        let css_width = self.drawn_width.get();
        let (pixel_ratio, dark) = pixel_ratio_and_darkness();
        let aspect_ratio = if css_width < NARROW_PLOT_WIDTH {
            NARROW_PLOT_ASPECT_RATIO
        } else {
            PLOT_ASPECT_RATIO
        };
        let css_height = (css_width as f64 / aspect_ratio).round();
        let device_width = (css_width as f64 * pixel_ratio).round() as u32;
        let device_height = (css_height * pixel_ratio).round() as u32;
        for canvas in [&self.canvas, &self.axes, &self.marks] {
            if canvas.width() != device_width || canvas.height() != device_height {
                canvas.set_width(device_width);
                canvas.set_height(device_height);
            }
        }
        let parameter = model.selected_parameter();
        let plot = error_plot(model, &parameter, pixel_ratio, dark);
        let axes_key = Some((device_width, device_height, dark));
        if self.axes_drawn_for.get() != axes_key
            && let Some(backend) = drawing_backend(&self.axes)
        {
            let area = backend.into_drawing_area();
            let _ = draw_error_plot_frame(&area, &plot);
            let _ = area.present();
            self.axes_drawn_for.set(axes_key);
        }
        // The axes are opaque and of the same size: the copy replaces every pixel.
        if let Some(context) = context_2d(&self.canvas) {
            let _ = context.draw_image_with_html_canvas_element(&self.axes, 0.0, 0.0);
        }
        if let Some(backend) = drawing_backend(&self.canvas) {
            let area = backend.into_drawing_area();
            let _ = draw_error_plot_curves(&area, &plot);
            let _ = draw_error_plot_legend(&area, &plot);
            let _ = area.present();
        }
        self.draw_marks(model);
    }

    /// Redraws only the marks layer (the current h and the dots on the curves) and the text
    /// alternative: all an h slider move needs.
    pub(crate) fn draw_marks(&self, model: &Model) {
        let (pixel_ratio, dark) = pixel_ratio_and_darkness();
        let parameter = model.selected_parameter();
        if let Some(backend) = cleared_drawing_backend(&self.marks) {
            let area = backend.into_drawing_area();
            let plot = error_plot(model, &parameter, pixel_ratio, dark);
            let _ = draw_error_plot_marks(&area, &plot);
            let _ = area.present();
        }
        let _ = self
            .frame
            .set_attribute("aria-label", &describe_plot(model, &parameter));
    }

    /// Leaves the time of the last update on the figure, for the speed harness.
    pub(crate) fn record_time(&self, elapsed_ms: f64) {
        if elapsed_ms.is_finite() {
            let _ = self
                .figure
                .set_attribute("data-update-ms", &format!("{elapsed_ms:.3}"));
        }
    }

    /// The plot's layers, bottom first, for the PNG export.
    pub(crate) fn canvases(&self) -> Vec<HtmlCanvasElement> {
        vec![self.canvas.clone(), self.marks.clone()]
    }
}

/// What the plot draws of `model`, for the page's pixel ratio and colour scheme.
fn error_plot<'a>(
    model: &'a Model,
    parameter: &'a str,
    pixel_ratio: f64,
    dark: bool,
) -> ErrorPlot<'a> {
    ErrorPlot {
        curve: &model.curve,
        current_h: model.settings.h,
        parameter,
        pixel_ratio,
        theme: if dark { DARK_THEME } else { LIGHT_THEME },
    }
}

/// The device pixel ratio and whether the page is dark, which choose the plot's theme.
fn pixel_ratio_and_darkness() -> (f64, bool) {
    (media::pixel_ratio(), media::prefers_dark_scheme())
}

fn band_class(band: ErrorBand) -> &'static str {
    match band {
        ErrorBand::Wrong => "gradient-check-band-wrong",
        ErrorBand::Uneasy => "gradient-check-band-uneasy",
        ErrorBand::FineWithKinks => "gradient-check-band-kinks",
        ErrorBand::Good => "gradient-check-band-good",
    }
}
