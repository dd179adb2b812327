//! Loss against step for each racer: the chart beside the race's landscape.
//!
//! The y range is fixed for the whole race (the caller passes the landscape's range over the view), so
//! the axes stay still while the race plays; a loss outside it is clipped, not rescaled.

use crate::tick_labels::tick_label;
use plotters::coord::Shift;
use plotters::prelude::*;

/// One racer's losses, from step 0 up to the step on show.
pub struct LossSeries<'a> {
    pub losses: &'a [f64],
    pub colour: RGBColor,
}

/// Colours of the chart's own ink, so it reads on the page's light and dark backgrounds.
#[derive(Debug, Clone, Copy)]
pub struct ChartInk {
    pub text: RGBColor,
    pub grid: RGBColor,
}

/// The ink on light pages. The chart's canvas is transparent, so it sits on the demo box's
/// background ([`LIGHT_FIGURE_BACKGROUND`]).
pub const LIGHT_INK: ChartInk = ChartInk {
    text: RGBColor(40, 44, 52),
    grid: RGBColor(215, 219, 225),
};

/// The ink on dark pages, on [`DARK_FIGURE_BACKGROUND`].
pub const DARK_INK: ChartInk = ChartInk {
    text: RGBColor(220, 224, 230),
    grid: RGBColor(70, 76, 86),
};

/// The demo box's background behind the transparent chart: `figure.demo` in www/demos.css, light
/// and dark. Only the contrast tests read these; the page paints them.
pub const LIGHT_FIGURE_BACKGROUND: RGBColor = RGBColor(0xf6, 0xf7, 0xf9);
pub const DARK_FIGURE_BACKGROUND: RGBColor = RGBColor(0x18, 0x1b, 0x20);

/// The chart's words, in the page's language: the names of the x and y axes.
#[derive(Debug, Clone, Copy)]
pub struct AxisNames<'a> {
    pub step: &'a str,
    pub loss: &'a str,
}

/// The axis names in English, for tests and English callers.
pub const ENGLISH_AXES: AxisNames<'static> = AxisNames {
    step: "step",
    loss: "loss",
};

/// Draws the losses over `0..=n_steps` with the y axis spanning `loss_range`.
pub fn draw_loss_plot<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    axes: AxisNames<'_>,
    series: &[LossSeries<'_>],
    n_steps: usize,
    loss_range: (f64, f64),
    ink: ChartInk,
    pixel_ratio: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let scale = if pixel_ratio.is_finite() {
        pixel_ratio.clamp(0.5, 4.0)
    } else {
        1.0
    };
    let (mut low, mut high) = loss_range;
    if !(low.is_finite() && high.is_finite()) || high <= low {
        (low, high) = (0.0, 1.0);
    }
    let margin = (high - low) * 0.05;
    let font_size = (12.0 * scale).round() as u32;
    let mut chart = ChartBuilder::on(area)
        .margin((6.0 * scale) as u32)
        // Room for the last step's tick label, which is centred on the right edge.
        .margin_right((18.0 * scale) as u32)
        .x_label_area_size((34.0 * scale) as u32)
        .y_label_area_size((46.0 * scale) as u32)
        .build_cartesian_2d(0f64..n_steps.max(1) as f64, (low - margin)..(high + margin))?;
    chart
        .configure_mesh()
        .x_desc(axes.step)
        .y_desc(axes.loss)
        .x_labels(5)
        .y_labels(4)
        .label_style(
            (FontFamily::SansSerif, font_size)
                .into_font()
                .color(&ink.text),
        )
        .axis_desc_style(
            (FontFamily::SansSerif, font_size)
                .into_font()
                .color(&ink.text),
        )
        .axis_style(ink.text.stroke_width(1))
        .bold_line_style(ink.grid.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .x_label_formatter(&|value| format!("{value:.0}"))
        .y_label_formatter(&|value| tick_label(*value))
        .draw()?;
    let line_width = (2.0 * scale).round().max(1.0) as u32;
    let clip = |value: f64| value.clamp(low - margin, high + margin);
    for line in series {
        let points = line
            .losses
            .iter()
            .enumerate()
            .take_while(|(_, loss)| loss.is_finite())
            .map(|(step, loss)| (step as f64, clip(*loss)));
        chart.draw_series(LineSeries::new(
            points,
            line.colour.stroke_width(line_width),
        ))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters_svg::SVGBackend;

    #[test]
    fn each_series_is_a_line_and_non_finite_losses_are_not_drawn() {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (300, 200)).into_drawing_area();
            let ink = ChartInk {
                text: RGBColor(10, 10, 10),
                grid: RGBColor(200, 200, 200),
            };
            let losses = [3.0, 2.0, 1.0, f64::NAN, 0.5];
            let series = [LossSeries {
                losses: &losses,
                colour: RGBColor(255, 0, 0),
            }];
            draw_loss_plot(&area, ENGLISH_AXES, &series, 10, (0.0, 3.0), ink, 1.0).unwrap();
            area.present().unwrap();
        }
        assert!(svg.contains("#FF0000"), "{svg}");
        assert!(!svg.contains("NaN"));
        // Axis text needs a font backend, which plotters has only in the browser (the canvas's own
        // fonts); the web crate's wasm tests check the labels there.
    }
}
