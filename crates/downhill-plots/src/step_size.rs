//! The charts of the step-size demos: loss after one step against the step size (both axes
//! logarithmic), and loss against epoch for several learning rates. Generic over plotters'
//! `DrawingBackend`, so the canvas in the browser, the SVG export and the build-time still are one
//! drawing.
//!
//! Every number drawn here is checked for being finite first: a value that is not is left out, never
//! handed to plotters, so no NaN or infinity can reach an axis or a file.

use crate::chart_style::{ChartPalette, ChartStyle};
use crate::tick_labels::tick_label;
use plotters::coord::Shift;
use plotters::prelude::*;

// The step-size charts draw with the one chart palette type; in their palettes, `emphasis` is the
// loss before the step and the chosen step's marker, and `series` the low, good, high and very
// high rates, in that order (the sweep's curve takes the first).

/// On white; every series colour has at least 3:1 contrast with the background.
pub const LIGHT: ChartPalette = ChartPalette {
    background: RGBColor(255, 255, 255),
    text: RGBColor(27, 31, 36),
    axis: RGBColor(90, 98, 110),
    grid: RGBColor(226, 230, 236),
    emphasis: RGBColor(196, 32, 32),
    series: [
        RGBColor(0, 102, 204),
        RGBColor(0, 128, 64),
        RGBColor(200, 100, 0),
        RGBColor(190, 30, 120),
    ],
};

/// On near-black.
pub const DARK: ChartPalette = ChartPalette {
    background: RGBColor(24, 27, 32),
    text: RGBColor(230, 233, 238),
    axis: RGBColor(160, 168, 180),
    grid: RGBColor(50, 56, 64),
    emphasis: RGBColor(255, 110, 110),
    series: [
        RGBColor(110, 180, 255),
        RGBColor(90, 210, 140),
        RGBColor(255, 170, 80),
        RGBColor(255, 120, 200),
    ],
};

/// The step-size sweep's defaults, shared by the live demo and its still. The step sizes run as
/// powers of ten from 1e-10 to 1e3, as the lesson's table does: the document's table stopped at 1e-1,
/// but on the digits (pixels scaled to 0..1) the loss is still falling there, so the sweep and the
/// table go on to show where it turns.
pub const SWEEP_LOG10_STEP_RANGE: (f64, f64) = (-10.0, 3.0);
/// Points per power of ten on the plotted curve between the table's dots.
pub const SWEEP_CURVE_POINTS_PER_DECADE: usize = 4;
/// The step size the slider starts at.
pub const SWEEP_DEFAULT_STEP: f64 = 0.1;

/// The learning-curves demo's defaults, shared by the live demo and its still: the reader's own
/// rate, the epochs each curve trains, and the seed of the batches (the same for every curve, so
/// they differ only by their rate).
pub const CURVES_DEFAULT_YOUR_RATE: f64 = 0.03;
pub const CURVES_DEFAULT_EPOCHS: usize = 40;
pub const CURVES_BATCH_SEED: u64 = 7;

/// The colour of learning curve `index`: the presets take the palette's series colours, the
/// reader's curve (after them) its emphasis colour.
pub fn curve_colour(palette: &ChartPalette, index: usize) -> RGBColor {
    palette
        .series
        .get(index)
        .copied()
        .unwrap_or(palette.emphasis)
}

/// Text of `css_pixels` CSS pixels in the palette's text colour, scaled by the pixel ratio like every
/// other size of a step-size chart.
fn font(look: &ChartStyle, css_pixels: f64) -> TextStyle<'static> {
    font_in(css_pixels * look.pixel_ratio, look.palette.text)
}

/// Sans-serif text of `size` device pixels in `colour`.
fn font_in(size: f64, colour: RGBColor) -> TextStyle<'static> {
    TextStyle {
        font: (FontFamily::SansSerif, size).into_font(),
        color: colour.to_backend_color(),
        pos: plotters::style::text_anchor::Pos::default(),
    }
}

/// What the sweep chart shows.
#[derive(Debug, Clone)]
pub struct SweepChart<'a> {
    /// `(step size, loss after one step)`, the lesson's table: drawn as dots.
    pub table: &'a [(f64, f64)],
    /// The same on a finer grid: drawn as a line.
    pub curve: &'a [(f64, f64)],
    /// The loss before the step: a dashed horizontal line.
    pub original_loss: f64,
    /// The step size the slider chose and its loss: a ringed marker.
    pub chosen: Option<(f64, f64)>,
    /// The step-size range of the x axis, as powers of ten.
    pub exponents: (f64, f64),
}

/// Draws the sweep. The y axis is logarithmic because the loss after a too-long step is thousands of
/// times the loss before it.
pub fn draw_sweep<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &SweepChart<'_>,
    look: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let palette = look.palette;
    area.fill(&palette.background)?;
    let finite = |(x, y): &(f64, f64)| x.is_finite() && y.is_finite() && *x > 0.0 && *y > 0.0;
    let mut all_losses: Vec<f64> = chart
        .table
        .iter()
        .chain(chart.curve)
        .chain(chart.chosen.iter())
        .filter(|point| finite(point))
        .map(|(_, loss)| *loss)
        .collect();
    if chart.original_loss.is_finite() && chart.original_loss > 0.0 {
        all_losses.push(chart.original_loss);
    }
    let (y_low, y_high) = log_bounds(&all_losses);
    let (low_exponent, high_exponent) = chart.exponents;
    let x_range = 10f64.powf(low_exponent)..10f64.powf(high_exponent);
    let mut plot = ChartBuilder::on(area)
        .margin(look.px(12.0))
        .x_label_area_size(look.px(44.0))
        .y_label_area_size(look.px(58.0))
        .build_cartesian_2d(x_range.clone().log_scale(), (y_low..y_high).log_scale())?;
    plot.configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(palette.grid.stroke_width(look.px(1.0)))
        .axis_style(palette.axis.stroke_width(look.px(1.0)))
        .x_labels(10)
        .y_labels(6)
        .x_label_formatter(&|value| power_of_ten_label(*value))
        .y_label_formatter(&|value| tick_label(*value))
        .label_style(font(look, 12.0))
        .axis_desc_style(font(look, 13.0))
        .x_desc("step size")
        .y_desc("loss after one step")
        .draw()?;

    if chart.original_loss.is_finite() && chart.original_loss > 0.0 {
        let (x0, x1) = (x_range.start, x_range.end);
        let n_dashes = 40;
        let ratio = (x1 / x0).powf(1.0 / (2 * n_dashes) as f64);
        let dashes = (0..n_dashes).map(|index| {
            let start = x0 * ratio.powi(2 * index);
            PathElement::new(
                vec![
                    (start, chart.original_loss),
                    (start * ratio, chart.original_loss),
                ],
                palette.axis.stroke_width(look.px(1.5)),
            )
        });
        plot.draw_series(dashes)?;
    }

    let curve: Vec<(f64, f64)> = chart.curve.iter().copied().filter(finite).collect();
    plot.draw_series(LineSeries::new(
        curve,
        palette.series[0].stroke_width(look.px(2.0)),
    ))?;
    plot.draw_series(
        chart
            .table
            .iter()
            .copied()
            .filter(finite)
            .map(|point| Circle::new(point, look.px(4.0) as i32, palette.series[0].filled())),
    )?;
    if let Some(point) = chart.chosen.filter(finite) {
        plot.draw_series(std::iter::once(Circle::new(
            point,
            look.px(7.0) as i32,
            palette.emphasis.stroke_width(look.px(2.5)),
        )))?;
    }
    Ok(())
}

/// One learning curve as the chart draws it.
#[derive(Debug, Clone)]
pub struct CurveToDraw<'a> {
    /// `(epoch, loss)`; only finite points are drawn.
    pub points: &'a [(f64, f64)],
    pub colour: RGBColor,
    /// A short name written at the end of the line.
    pub label: &'a str,
}

/// What the learning-curves chart shows.
#[derive(Debug, Clone)]
pub struct CurvesChart<'a> {
    pub curves: &'a [CurveToDraw<'a>],
    /// The epochs the x axis spans.
    pub n_epochs: usize,
}

/// Draws loss against epoch, the loss on a logarithmic axis: the very high rate throws the loss tens
/// of times above its start while the good and high ones settle a few hundredths apart, and a
/// logarithmic axis shows both. Each curve is named at its last point.
pub fn draw_learning_curves<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    chart: &CurvesChart<'_>,
    look: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let palette = look.palette;
    area.fill(&palette.background)?;
    let drawable = |(x, y): &(f64, f64)| x.is_finite() && y.is_finite() && *y > 0.0;
    let losses: Vec<f64> = chart
        .curves
        .iter()
        .flat_map(|curve| curve.points.iter().filter(|point| drawable(point)))
        .map(|(_, loss)| *loss)
        .collect();
    let (y_low, y_high) = log_bounds(&losses);
    let x_max = chart.n_epochs.max(1) as f64;
    let mut plot = ChartBuilder::on(area)
        .margin(look.px(12.0))
        .margin_right(look.px(64.0))
        .x_label_area_size(look.px(44.0))
        .y_label_area_size(look.px(52.0))
        .build_cartesian_2d(0.0..x_max, (y_low..y_high).log_scale())?;
    plot.configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(palette.grid.stroke_width(look.px(1.0)))
        .axis_style(palette.axis.stroke_width(look.px(1.0)))
        .x_labels(8)
        .y_labels(8)
        .x_label_formatter(&|value| format!("{value:.0}"))
        .y_label_formatter(&|value| tick_label(*value))
        .label_style(font(look, 12.0))
        .axis_desc_style(font(look, 13.0))
        .x_desc("epoch")
        .y_desc("training loss (log scale)")
        .draw()?;
    let mut labels: Vec<(i32, i32, &CurveToDraw<'_>)> = Vec::new();
    for curve in chart.curves {
        let points: Vec<(f64, f64)> = curve
            .points
            .iter()
            .copied()
            .take_while(drawable)
            .filter(|(x, _)| (0.0..=x_max).contains(x))
            .collect();
        plot.draw_series(LineSeries::new(
            points.iter().copied(),
            curve.colour.stroke_width(look.px(2.5)),
        ))?;
        if let Some(&last) = points.last() {
            let (pixel_x, pixel_y) = plot.backend_coord(&last);
            labels.push((pixel_x, pixel_y, curve));
        }
    }
    // Curves that settle close together would write their names over each other: keep each name
    // at least a line below the one above it.
    downhill_core::short_sort::sort_short_list_by(&mut labels, |left, right| left.1 < right.1);
    let line_height = (15.0 * look.pixel_ratio).round() as i32;
    let mut lowest_taken = i32::MIN;
    for (pixel_x, pixel_y, curve) in labels {
        let y = pixel_y.max(lowest_taken.saturating_add(line_height));
        lowest_taken = y;
        let style = font_in(12.0 * look.pixel_ratio, curve.colour).pos(
            plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Left,
                plotters::style::text_anchor::VPos::Center,
            ),
        );
        area.draw(&Text::new(
            curve.label.to_string(),
            (pixel_x + look.px(5.0) as i32, y),
            style,
        ))?;
    }
    Ok(())
}

/// The size of exported and still charts in SVG units.
pub const EXPORT_SIZE: (u32, u32) = (800, 500);

/// The sweep as an SVG document of [`EXPORT_SIZE`].
pub fn sweep_svg(chart: &SweepChart<'_>, look: &ChartStyle) -> String {
    let mut svg = String::new();
    {
        let area = crate::any_backend::AnyBackend::new(plotters_svg::SVGBackend::with_string(
            &mut svg,
            EXPORT_SIZE,
        ))
        .into_drawing_area();
        // Drawing into a String cannot fail.
        let _ = draw_sweep(&area, chart, look);
        let _ = area.present();
    }
    svg
}

/// The learning curves as an SVG document of [`EXPORT_SIZE`].
pub fn curves_svg(chart: &CurvesChart<'_>, look: &ChartStyle) -> String {
    let mut svg = String::new();
    {
        let area = crate::any_backend::AnyBackend::new(plotters_svg::SVGBackend::with_string(
            &mut svg,
            EXPORT_SIZE,
        ))
        .into_drawing_area();
        let _ = draw_learning_curves(&area, chart, look);
        let _ = area.present();
    }
    svg
}

/// Path colours of the side-by-side step sizes (tiny, good, large, too large), chosen to read on
/// every part of the viridis landscape (each path also gets a dark casing).
pub const COMPARISON_COLOURS: [RGBColor; 4] = [
    RGBColor(247, 131, 172),
    RGBColor(92, 200, 255),
    RGBColor(255, 176, 59),
    RGBColor(255, 99, 99),
];

/// The colour of the path whose step size the reader picks.
pub const CHOSEN_PATH_COLOUR: RGBColor = RGBColor(255, 255, 255);

/// Steps each path takes unless a lesson or link says otherwise.
pub const DEFAULT_PATH_STEPS: usize = 100;

/// The still of the step-size paths: the four comparison step sizes on the ravine, one picture.
pub fn paths_still_svg() -> String {
    use downhill_core::step_size_demos::{demo_comparison_steps, gradient_descent_path};
    use downhill_core::surfaces::{Surface, SurfaceKind};
    let surface = SurfaceKind::Ravine.build();
    let start = surface.default_start();
    let trajectories: Vec<_> = demo_comparison_steps(surface.as_ref())
        .iter()
        .map(|step| {
            gradient_descent_path(surface.as_ref(), start, step.step_size, DEFAULT_PATH_STEPS)
        })
        .collect();
    let paths: Vec<crate::paths::PathToDraw<'_>> = trajectories
        .iter()
        .zip(COMPARISON_COLOURS)
        .map(|(trajectory, colour)| crate::paths::PathToDraw {
            points: &trajectory.points,
            colour,
            stopped: false,
        })
        .collect();
    crate::still::landscape_with_paths_svg(surface.as_ref(), &paths, start)
}

/// How opaque the black box behind a corner note is: white text on it keeps 4.5:1 even where the
/// landscape under it is white (the contrast tests check).
pub const CORNER_NOTE_SHADE: f64 = 0.75;

/// Writes `text` in the top-left corner of an overlay, light on a dark box so it reads on any part of
/// the landscape: how a diverged run says so on the picture.
pub fn draw_corner_note<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    text: &str,
    pixel_ratio: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let look = ChartStyle::new(DARK, pixel_ratio);
    // Plotters measures text in the browser through an element with an inline style, which the
    // site's content policy blocks; an average glyph of 0.6 em is close enough for a box behind it.
    let size = 15.0 * look.pixel_ratio;
    let width = (text.chars().count() as f64 * 0.6 * size).ceil() as u32;
    let height = size.ceil() as u32;
    let padding = look.px(6.0) as i32;
    let corner = look.px(8.0) as i32;
    area.draw(&Rectangle::new(
        [
            (corner, corner),
            (
                corner + width as i32 + 2 * padding,
                corner + height as i32 + 2 * padding,
            ),
        ],
        BLACK.mix(CORNER_NOTE_SHADE).filled(),
    ))?;
    area.draw(&Text::new(
        text.to_string(),
        (corner + padding, corner + padding),
        font_in(size, WHITE),
    ))?;
    Ok(())
}

/// Bounds of a logarithmic axis around `values` (all positive and finite), widened to whole powers
/// of ten so the tick labels are round; a safe default when there is nothing to show.
fn log_bounds(values: &[f64]) -> (f64, f64) {
    let low = values.iter().copied().fold(f64::INFINITY, f64::min);
    let high = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !low.is_finite() || !high.is_finite() || low <= 0.0 {
        return (0.1, 10.0);
    }
    let low_exponent = low.log10().floor();
    let mut high_exponent = high.log10().ceil();
    if high_exponent <= low_exponent {
        high_exponent = low_exponent + 1.0;
    }
    (10f64.powf(low_exponent), 10f64.powf(high_exponent))
}

/// `1e-7` for powers of ten, nothing for the in-between ticks plotters may add.
fn power_of_ten_label(value: f64) -> String {
    if !value.is_finite() || value <= 0.0 {
        return String::new();
    }
    let exponent = value.log10();
    if (exponent - exponent.round()).abs() < 1e-6 {
        format!("1e{}", exponent.round() as i64)
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters_svg::SVGBackend;

    fn svg_of(draw: impl FnOnce(&DrawingArea<SVGBackend<'_>, Shift>)) -> String {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (640, 400)).into_drawing_area();
            draw(&area);
            area.present().unwrap();
        }
        svg
    }

    #[test]
    fn the_sweep_draws_its_curve_dots_and_marker_without_non_finite_numbers() {
        let table = [(1e-10, 2.3), (1e-5, 1.1), (1e-3, f64::NAN), (1e-1, 2e4)];
        let curve = [
            (1e-10, 2.3),
            (1e-7, 2.0),
            (1e-5, 1.1),
            (1e-1, f64::INFINITY),
        ];
        let svg = svg_of(|area| {
            draw_sweep(
                area,
                &SweepChart {
                    table: &table,
                    curve: &curve,
                    original_loss: 2.3,
                    chosen: Some((1e-5, 1.1)),
                    exponents: (-10.0, -1.0),
                },
                &ChartStyle::new(LIGHT, 1.0),
            )
            .unwrap();
        });
        assert!(svg.contains("<polyline"), "no curve");
        assert!(
            svg.contains("1e-10") && svg.contains("1e-1"),
            "no powers of ten on the axis"
        );
        assert!(
            !svg.contains("NaN") && !svg.contains("inf"),
            "non-finite number in the SVG"
        );
        assert!(
            !svg.contains("style="),
            "inline styles break the content policy"
        );
        let RGBColor(red, green, blue) = LIGHT.emphasis;
        assert!(
            svg.contains(&format!("#{red:02X}{green:02X}{blue:02X}")),
            "no marker"
        );
    }

    #[test]
    fn curves_are_drawn_up_to_their_first_non_finite_point_and_named() {
        let rising = [(0.0, 2.3), (1.0, 20.0), (2.0, f64::NAN), (3.0, 50.0)];
        let svg = svg_of(|area| {
            let curves = [CurveToDraw {
                points: &rising,
                colour: LIGHT.series[3],
                label: "very high",
            }];
            draw_learning_curves(
                area,
                &CurvesChart {
                    curves: &curves,
                    n_epochs: 3,
                },
                &ChartStyle::new(DARK, 2.0),
            )
            .unwrap();
        });
        assert!(svg.contains("very high"));
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        // The axis covers 2.3 to 20 in whole powers of ten, 1 to 100, not 50.
        let labels: Vec<&str> = svg
            .split("</text>")
            .filter_map(|piece| piece.rsplit('>').next())
            .map(str::trim)
            .collect();
        assert!(
            labels.contains(&"100") && labels.contains(&"1"),
            "{labels:?}"
        );
    }

    #[test]
    fn the_paths_still_shows_every_comparison_path() {
        let svg = paths_still_svg();
        for RGBColor(red, green, blue) in COMPARISON_COLOURS {
            assert!(svg.contains(&format!("#{red:02X}{green:02X}{blue:02X}")));
        }
        assert!(!svg.contains("NaN") && !svg.contains("style="));
    }

    #[test]
    fn power_of_ten_labels_mark_only_the_powers() {
        assert_eq!(power_of_ten_label(1e-7), "1e-7");
        assert_eq!(power_of_ten_label(3e-7), "");
    }
}
