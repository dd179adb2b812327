//! The gradient-check demo's plot: the relative error of the forward and centered differences
//! against the step h, both on log scales, over the lesson's bands (probably wrong, uneasy, fine
//! with kinks, good), with the current h marked.
//!
//! Read from right to left, the curves fall as h shrinks (truncation error: slope 1 for the forward
//! difference, slope 2 for the centered one), reach a bottom, and climb again as rounding error
//! takes over. Generic over the backend: the canvas in the browser, the SVG export and the still are
//! this one drawing.

use downhill_core::gradient::workbench::{
    CheckFunction, ErrorAtStep, PlantedBugs, Precision, Workbench, log_spaced_steps,
};
use plotters::coord::Shift;
use plotters::coord::cartesian::Cartesian2d;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_svg::SVGBackend;

/// The range of h the demo offers and plots, as powers of ten.
pub const LOG10_H_RANGE: (f64, f64) = (-12.0, -1.0);

/// Points per decade of h on the curves: smooth enough, and cheap to recompute on every change.
pub const STEPS_PER_DECADE: usize = 4;

/// The relative-error axis, as powers of ten. Relative errors never exceed 2; an error of exactly 0
/// (the two derivatives agree to the last bit) is drawn on the floor.
pub const LOG10_ERROR_RANGE: (f64, f64) = (-17.0, 1.0);

/// Where the notes along the floor sit, and where the current-h line starts so it clears them, in
/// decades of error above the floor.
const NOTE_HEIGHT_DECADES: f64 = 1.2;
const MARKER_FLOOR_DECADES: f64 = 2.1;

/// Colours of one theme. The canvas keeps its own background, so the plot reads the same whatever
/// the page around it does.
#[derive(Debug, Clone, Copy)]
pub struct PlotTheme {
    pub background: RGBColor,
    pub ink: RGBColor,
    pub grid: RGBColor,
    pub forward: RGBColor,
    pub centered: RGBColor,
    pub current: RGBColor,
    /// Band fills, from "probably wrong" to "good".
    pub bands: [RGBColor; 4],
}

/// For light pages (and for the SVG export and the still).
pub const LIGHT_THEME: PlotTheme = PlotTheme {
    background: RGBColor(0xFF, 0xFF, 0xFF),
    ink: RGBColor(0x1C, 0x1D, 0x21),
    grid: RGBColor(0xC9, 0xCE, 0xD6),
    forward: RGBColor(0xB3, 0x59, 0x00),
    centered: RGBColor(0x1F, 0x5F, 0xBF),
    current: RGBColor(0x44, 0x48, 0x50),
    bands: [
        RGBColor(0xFB, 0xDA, 0xD7),
        RGBColor(0xFC, 0xEB, 0xCB),
        RGBColor(0xEE, 0xF3, 0xD2),
        RGBColor(0xD9, 0xF0, 0xDC),
    ],
};

/// For dark pages.
pub const DARK_THEME: PlotTheme = PlotTheme {
    background: RGBColor(0x18, 0x1B, 0x20),
    ink: RGBColor(0xE4, 0xE6, 0xEA),
    grid: RGBColor(0x3A, 0x3F, 0x47),
    forward: RGBColor(0xFF, 0xB3, 0x66),
    centered: RGBColor(0x8C, 0xB8, 0xFF),
    current: RGBColor(0xC8, 0xCC, 0xD4),
    bands: [
        RGBColor(0x4A, 0x22, 0x22),
        RGBColor(0x47, 0x35, 0x1C),
        RGBColor(0x33, 0x3B, 0x1F),
        RGBColor(0x1C, 0x3A, 0x26),
    ],
};

/// The band edges, as powers of ten: 1e-2, 1e-4 and 1e-7.
const BAND_EDGES: [f64; 3] = [-2.0, -4.0, -7.0];
const BAND_NAMES: [&str; 4] = ["probably wrong", "uneasy", "fine with kinks", "good"];

/// What the plot shows.
#[derive(Debug, Clone)]
pub struct ErrorPlot<'a> {
    pub curve: &'a [ErrorAtStep],
    /// The h of the table, marked with a vertical line.
    pub current_h: f64,
    /// Which parameter the curves are for, for the title.
    pub parameter: &'a str,
    /// Device pixels per CSS pixel: text and lines scale with it.
    pub pixel_ratio: f64,
    pub theme: PlotTheme,
}

/// log10 of a relative error, on the plot's floor when it is 0 or tiny, `None` when it is NaN.
fn plotted_error(error: f64) -> Option<f64> {
    if error.is_nan() {
        return None;
    }
    let (floor, ceiling) = LOG10_ERROR_RANGE;
    Some(if error > 0.0 {
        error.log10().clamp(floor, ceiling)
    } else {
        floor
    })
}

/// The runs of finite points of one curve (a NaN breaks the line instead of drawing to nowhere).
fn segments(curve: &[ErrorAtStep], pick: impl Fn(&ErrorAtStep) -> f64) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for point in curve {
        let x = point.h.log10();
        match plotted_error(pick(point)) {
            Some(y) if x.is_finite() => runs.last_mut().map_or((), |run| run.push((x, y))),
            _ => runs.push(Vec::new()),
        }
    }
    runs.retain(|run| !run.is_empty());
    runs
}

/// The chart's coordinates on an area: the same for both layers, so the marks land on the curves.
type ErrorChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// Device pixels per CSS pixel, kept sane.
fn scale_of(plot: &ErrorPlot<'_>) -> f64 {
    if plot.pixel_ratio.is_finite() {
        plot.pixel_ratio.clamp(0.5, 4.0)
    } else {
        1.0
    }
}

/// Whether the area is narrow (a phone): fewer labels, the legend on a second line.
fn is_narrow<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>, scale: f64) -> bool {
    (area.dim_in_pixel().0 as f64 / scale) < 420.0
}

fn build_chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    scale: f64,
) -> Result<ErrorChart<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let px = |css: f64| (css * scale).round().max(1.0) as u32;
    let (x_min, x_max) = LOG10_H_RANGE;
    let (y_min, y_max) = LOG10_ERROR_RANGE;
    // On a narrow plot the legend goes on a second line under the title.
    let top_margin = if is_narrow(area, scale) { 46.0 } else { 30.0 };
    ChartBuilder::on(area)
        .margin_top(px(top_margin))
        .margin_right(px(12.0))
        .margin_left(px(4.0))
        .margin_bottom(px(4.0))
        .x_label_area_size(px(40.0))
        .y_label_area_size(px(58.0))
        .build_cartesian_2d(x_min..x_max, y_min..y_max)
}

/// Draws the whole plot: [`draw_error_plot_base`] and [`draw_error_plot_marks`] on one area.
pub fn draw_error_plot<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    plot: &ErrorPlot<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    draw_error_plot_base(area, plot)?;
    draw_error_plot_marks(area, plot)
}

/// The current h and where the curves cross it: the only part that moves with the h slider, drawn
/// on its own layer so a slider move never redraws the axes and curves.
pub fn draw_error_plot_marks<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    plot: &ErrorPlot<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let scale = scale_of(plot);
    let px = |css: f64| (css * scale).round().max(1.0) as u32;
    let theme = plot.theme;
    let mut chart = build_chart(area, scale)?;
    let (x_min, x_max) = LOG10_H_RANGE;
    let (y_min, y_max) = LOG10_ERROR_RANGE;
    let current = plot.current_h.log10();
    if !(current.is_finite() && (x_min..=x_max).contains(&current)) {
        return Ok(());
    }
    // The line stops above the notes along the floor, which it would otherwise cross out.
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(current, y_min + MARKER_FLOOR_DECADES), (current, y_max)],
        theme.current.stroke_width(px(1.5)),
    )))?;
    for (colour, pick) in [
        (
            theme.forward,
            (|point: &ErrorAtStep| point.forward_error) as fn(&ErrorAtStep) -> f64,
        ),
        (theme.centered, |point: &ErrorAtStep| point.centered_error),
    ] {
        // A dot where the curve meets the current h: the value in the table.
        if let Some(point) = plot
            .curve
            .iter()
            .min_by(|a, b| {
                (a.h.log10() - current)
                    .abs()
                    .total_cmp(&(b.h.log10() - current).abs())
            })
            .filter(|point| (point.h.log10() - current).abs() < 0.01)
            && let Some(y) = plotted_error(pick(point))
        {
            chart.draw_series(std::iter::once(Circle::new(
                (current, y),
                px(4.5),
                colour.filled(),
            )))?;
        }
    }
    Ok(())
}

/// Everything but the marks: background, bands, axes, curves, title and legend.
pub fn draw_error_plot_base<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    plot: &ErrorPlot<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    draw_error_plot_frame(area, plot)?;
    draw_error_plot_curves(area, plot)?;
    draw_error_plot_legend(area, plot)
}

/// The fonts of the plot, in the theme's ink, sized in CSS pixels.
fn plot_font(plot: &ErrorPlot<'_>, size: f64) -> TextStyle<'static> {
    let scale = scale_of(plot);
    // FontFamily::SansSerif, not "sans-serif": a family given by name links Unicode's case tables
    // into the wasm (ARCHITECTURE.md).
    (FontFamily::SansSerif, (size * scale).round().max(1.0))
        .into_font()
        .color(&plot.theme.ink)
}

/// The part that depends only on the size and the theme: background, bands, axes with their
/// labels, band names and the notes along the floor. The page draws it on its own layer once per
/// size and theme, so moving the regularization or N redraws only the curves (about 1.5 ms less a
/// move: the axes' 31 labels are most of the plot's cost).
pub fn draw_error_plot_frame<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    plot: &ErrorPlot<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let scale = scale_of(plot);
    let px = |css: f64| (css * scale).round().max(1.0) as u32;
    let theme = plot.theme;
    area.fill(&theme.background)?;
    // Small canvases (a phone) get fewer tick labels so they never collide.
    let narrow = is_narrow(area, scale);
    let font = |size: f64| plot_font(plot, size);
    let (x_min, x_max) = LOG10_H_RANGE;
    let (y_min, y_max) = LOG10_ERROR_RANGE;
    let mut chart = build_chart(area, scale)?;

    // The bands first, under everything.
    let edges = [y_max, BAND_EDGES[0], BAND_EDGES[1], BAND_EDGES[2], y_min];
    for (band_idx, colour) in theme.bands.iter().enumerate() {
        chart.draw_series(std::iter::once(Rectangle::new(
            [(x_min, edges[band_idx]), (x_max, edges[band_idx + 1])],
            colour.filled(),
        )))?;
    }
    let label_every = if narrow { 4 } else { 2 };
    chart
        .configure_mesh()
        .axis_style(theme.ink.stroke_width(px(1.0)))
        .bold_line_style(theme.grid.mix(0.6).stroke_width(px(1.0)))
        .light_line_style(TRANSPARENT)
        .label_style(font(12.0))
        .axis_desc_style(font(13.0))
        .x_desc("step h")
        .y_desc("relative error")
        .x_labels(12)
        .y_labels(19)
        .x_label_formatter(&|exponent| {
            let rounded = exponent.round() as i64;
            if rounded.rem_euclid(label_every) == 0 {
                format!("1e{rounded}")
            } else {
                String::new()
            }
        })
        .y_label_formatter(&|exponent| {
            let rounded = exponent.round() as i64;
            // The band edges always; below them every third power (every fifth on a phone).
            let labelled = if narrow {
                matches!(rounded, -2 | -4 | -7 | -12 | -17)
            } else {
                matches!(rounded, 1 | -2 | -4 | -7 | -10 | -13 | -16)
            };
            if labelled {
                format!("1e{rounded}")
            } else {
                String::new()
            }
        })
        .draw()?;

    // Band names at the right edge, inside their bands.
    let name_style = font(11.0).pos(Pos::new(HPos::Right, VPos::Center));
    for (band_idx, name) in BAND_NAMES.iter().enumerate() {
        let middle = (edges[band_idx] + edges[band_idx + 1]) / 2.0;
        chart.draw_series(std::iter::once(Text::new(
            name.to_string(),
            (x_max - 0.1, middle),
            name_style.clone(),
        )))?;
    }

    // Which error rules which end of the h axis, written along the floor of the plot.
    let (left_note, right_note) = if narrow {
        ("\u{2190} rounding", "truncation \u{2192}")
    } else {
        (
            "\u{2190} rounding error grows as h shrinks",
            "truncation error grows with h \u{2192}",
        )
    };
    let note_y = y_min + NOTE_HEIGHT_DECADES;
    chart.draw_series(std::iter::once(Text::new(
        left_note.to_string(),
        (x_min + 0.15, note_y),
        font(11.0).pos(Pos::new(HPos::Left, VPos::Center)),
    )))?;
    chart.draw_series(std::iter::once(Text::new(
        right_note.to_string(),
        (x_max - 0.1, note_y),
        font(11.0).pos(Pos::new(HPos::Right, VPos::Center)),
    )))?;
    Ok(())
}

/// The two error curves, on a transparent area when drawn as their own layer.
pub fn draw_error_plot_curves<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    plot: &ErrorPlot<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let scale = scale_of(plot);
    let px = |css: f64| (css * scale).round().max(1.0) as u32;
    let theme = plot.theme;
    let mut chart = build_chart(area, scale)?;
    let line_width = px(2.5);
    for (colour, pick) in [
        (
            theme.forward,
            (|point: &ErrorAtStep| point.forward_error) as fn(&ErrorAtStep) -> f64,
        ),
        (theme.centered, |point: &ErrorAtStep| point.centered_error),
    ] {
        for run in segments(plot.curve, pick) {
            chart.draw_series(LineSeries::new(run, colour.stroke_width(line_width)))?;
        }
    }
    Ok(())
}

/// The title (which names the selected parameter) and the legend, in the top margin where the
/// curves never reach.
pub fn draw_error_plot_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    plot: &ErrorPlot<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let scale = scale_of(plot);
    let px = |css: f64| (css * scale).round().max(1.0) as u32;
    let theme = plot.theme;
    let narrow = is_narrow(area, scale);
    let (width, _) = area.dim_in_pixel();
    let font = |size: f64| plot_font(plot, size);
    let line_width = px(2.5);
    // Title and legend along the top edge.
    let title = format!("Relative error of {} against h", plot.parameter);
    area.draw(&Text::new(
        title,
        (px(8.0) as i32, px(6.0) as i32),
        font(14.0),
    ))?;
    let (mut legend_x, legend_y) = if narrow {
        (px(8.0) as i32, px(32.0) as i32)
    } else {
        (width as i32 - px(200.0) as i32, px(14.0) as i32)
    };
    for (colour, label) in [(theme.forward, "forward"), (theme.centered, "centered")] {
        area.draw(&PathElement::new(
            vec![(legend_x, legend_y), (legend_x + px(18.0) as i32, legend_y)],
            colour.stroke_width(line_width),
        ))?;
        area.draw(&Text::new(
            label.to_string(),
            (legend_x + px(22.0) as i32, legend_y),
            font(12.0).pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
        legend_x += px(100.0) as i32;
    }
    Ok(())
}

/// Size of the SVG export and still, in SVG user units: the live plot's 2:1, so the page does not
/// jump when the demo replaces its still.
pub const SVG_SIZE: (u32, u32) = (720, 360);

/// The plot as an SVG document, in the light theme.
pub fn error_plot_svg(curve: &[ErrorAtStep], current_h: f64, parameter: &str) -> String {
    error_plot_svg_in(curve, current_h, parameter, LIGHT_THEME, 1.0)
}

/// The plot as an SVG document in `theme`, its text and lines scaled by `pixel_ratio`.
pub fn error_plot_svg_in(
    curve: &[ErrorAtStep],
    current_h: f64,
    parameter: &str,
    theme: PlotTheme,
    pixel_ratio: f64,
) -> String {
    let mut svg = String::new();
    {
        let area = crate::any_backend::AnyBackend::new(SVGBackend::with_string(&mut svg, SVG_SIZE))
            .into_drawing_area();
        let plot = ErrorPlot {
            curve,
            current_h,
            parameter,
            pixel_ratio,
            theme,
        };
        // Drawing into a String cannot fail.
        let _ = draw_error_plot(&area, &plot);
        let _ = area.present();
    }
    svg
}

/// The still shown before the wasm runs: the curves of the Beale surface's y derivative at the
/// lesson's h = 1e-5. It needs no data, unlike the digits losses the live demo starts with.
pub fn still_svg() -> String {
    still_svg_in(crate::still::Scheme::Light)
}

/// The still in `scheme`, drawn at the stills' pixel ratio so its text reads on a phone.
pub fn still_svg_in(scheme: crate::still::Scheme) -> String {
    let Ok(workbench) = Workbench::new(CheckFunction::Beale, 0) else {
        return String::new();
    };
    let steps = log_spaced_steps(LOG10_H_RANGE.0, LOG10_H_RANGE.1, STEPS_PER_DECADE);
    let curve = workbench.error_against_step(1, &steps, Precision::Double, PlantedBugs::default());
    let theme = match scheme {
        crate::still::Scheme::Light => LIGHT_THEME,
        crate::still::Scheme::Dark => DARK_THEME,
    };
    error_plot_svg_in(
        &curve,
        downhill_core::gradient::workbench::LESSON_STEP,
        "y on the Beale surface",
        theme,
        // Less than the stills' usual ratio: the title and the legend share the top row, and at
        // 1.6 (720 units as a 450 px screen) they run into each other.
        1.3,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_still_has_both_curves_the_bands_and_no_bad_numbers() {
        let svg = still_svg();
        assert!(svg.starts_with("<svg"));
        for colour in [LIGHT_THEME.forward, LIGHT_THEME.centered] {
            let RGBColor(red, green, blue) = colour;
            let hex = format!("#{red:02X}{green:02X}{blue:02X}");
            assert!(svg.contains(&hex), "no curve in {hex}");
        }
        for name in BAND_NAMES {
            assert!(svg.contains(name), "no band named {name}");
        }
        assert!(svg.contains("rounding error") && svg.contains("truncation error"));
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        assert!(!svg.contains("style="));
    }

    #[test]
    fn zero_and_nan_errors_are_placed_or_skipped_never_drawn_off_the_chart() {
        assert_eq!(plotted_error(0.0), Some(LOG10_ERROR_RANGE.0));
        assert_eq!(plotted_error(1e-30), Some(LOG10_ERROR_RANGE.0));
        assert_eq!(plotted_error(1e-3), Some(-3.0));
        assert_eq!(plotted_error(f64::NAN), None);
        let curve = [
            ErrorAtStep {
                h: 1e-3,
                forward_error: 1e-3,
                centered_error: 0.0,
            },
            ErrorAtStep {
                h: 1e-2,
                forward_error: f64::NAN,
                centered_error: 1e-5,
            },
            ErrorAtStep {
                h: 1e-1,
                forward_error: 1e-2,
                centered_error: 1e-4,
            },
        ];
        assert_eq!(segments(&curve, |point| point.forward_error).len(), 2);
        assert_eq!(segments(&curve, |point| point.centered_error).len(), 1);
    }
}
