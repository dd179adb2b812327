//! Random against grid search on the plane of two hyperparameters, with the marginal curves of the
//! validation loss along each axis: the central figure of Bergstra and Bengio (2012), drawn from a
//! real run of `downhill_core::search::hyperparameters::random_versus_grid`.
//!
//! Two panels, grid and random, side by side (stacked on a narrow canvas). In each, the square shows
//! where the trials sit in (log learning rate, log regularization); the strip above it shows the loss
//! against the learning rate, which matters, with every trial on it; the strip to its right the loss
//! against the regularization, which barely does. A dashed line marks the best learning rate.

use crate::chart_style::{ChartStyle, LIGHT};
use crate::tick_labels::tick_label;
use downhill_core::search::hyperparameters::{
    BEST_LEARNING_RATE_EXPONENT, BEST_REG_EXPONENT, HIGH_EXPONENT, LOW_EXPONENT, SearchComparison,
    Trial, best_trial, validation_loss_stand_in,
};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_svg::SVGBackend;

/// The range of both axes, in powers of ten.
const EXPONENTS: std::ops::Range<f64> = LOW_EXPONENT..HIGH_EXPONENT;
/// The loss axis of the marginal strips: the stand-in's values lie between 0.1 and 1.01.
const LOSS_RANGE: std::ops::Range<f64> = 0.0..1.15;
/// Samples along each marginal curve.
const CURVE_SAMPLES: usize = 160;

/// Below this width in CSS pixels the two panels are stacked rather than side by side.
pub const STACK_BELOW_CSS_WIDTH: f64 = 560.0;

/// Height over width of the whole picture for a canvas `css_width` wide.
pub fn aspect_for_width(css_width: f64) -> f64 {
    if css_width < STACK_BELOW_CSS_WIDTH {
        1.9
    } else {
        0.56
    }
}

/// The still's size in SVG units and its pixel ratio (see [`still_svg_in`]).
const STILL_SIZE: (u32, u32) = (800, 448);
const STILL_PIXEL_RATIO: f64 = 1.4;

/// The defaults of the live demo and the still: nine trials, as in the lesson's text.
pub const DEFAULT_PER_AXIS: usize = 3;
/// The default seed of the random search.
pub const DEFAULT_SEED: u64 = 1;

/// What a panel shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchKind {
    Grid,
    Random,
}

impl SearchKind {
    pub fn title(self) -> &'static str {
        match self {
            SearchKind::Grid => "Grid search",
            SearchKind::Random => "Random search",
        }
    }
}

/// The distinct learning rates a search tried (equal values counted once).
pub fn distinct_learning_rates(trials: &[Trial]) -> usize {
    let mut rates: Vec<f64> = trials.iter().map(|trial| trial.learning_rate).collect();
    downhill_core::short_sort::sort_short_list_by(&mut rates, |left, right| {
        left.total_cmp(right).is_lt()
    });
    rates.dedup();
    rates.len()
}

/// How far, in powers of ten, a search's best trial lies from the best learning rate.
pub fn decades_from_best_rate(trials: &[Trial]) -> Option<f64> {
    best_trial(trials)
        .map(|trial| (trial.learning_rate.log10() - BEST_LEARNING_RATE_EXPONENT).abs())
}

/// Draws both panels of `comparison`.
pub fn draw_comparison<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    comparison: &SearchComparison,
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&style.palette.background)?;
    let (width, height) = area.dim_in_pixel();
    let stacked = (width as f64 / style.pixel_ratio) < STACK_BELOW_CSS_WIDTH;
    let (first, second) = if stacked {
        area.split_vertically(height / 2)
    } else {
        area.split_horizontally(width / 2)
    };
    draw_panel(
        &first,
        SearchKind::Grid,
        &comparison.grid,
        style,
        style.palette.series[0],
    )?;
    draw_panel(
        &second,
        SearchKind::Random,
        &comparison.random,
        style,
        style.palette.series[1],
    )?;
    Ok(())
}

fn draw_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    kind: SearchKind,
    trials: &[Trial],
    style: &ChartStyle,
    colour: RGBColor,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let palette = &style.palette;
    let text = |size: f64| {
        (FontFamily::SansSerif, size)
            .into_font()
            .color(&palette.text)
    };
    let area = area.margin(style.px(6.0), style.px(6.0), style.px(6.0), style.px(6.0));
    let title = format!(
        "{}: {} trials, {} learning rates",
        kind.title(),
        trials.len(),
        distinct_learning_rates(trials)
    );
    area.draw_text(&title, &text(style.title_size()), (style.px(4.0) as i32, 0))?;
    let (_, body) = area.split_vertically(style.px(22.0));
    let (width, height) = body.dim_in_pixel();
    // The strips: a quarter of the height above, a fifth of the width to the right.
    let strip_height = (height as f64 * 0.26) as u32;
    let strip_width = (width as f64 * 0.2) as u32;
    let (top, lower) = body.split_vertically(strip_height);
    let (plane, right) = lower.split_horizontally(width - strip_width);
    let (top_strip, _corner) = top.split_horizontally(width - strip_width);
    let best = best_trial(trials);
    // A power of ten every decade when there is room, every other one on a phone.
    let tick_count = if (width as f64 / style.pixel_ratio) < 330.0 {
        4
    } else {
        8
    };
    let dot_radius = style.px(3.5) as i32;
    let ring_radius = style.px(7.0) as i32;
    let label_area = style.px(50.0);
    let x_label_area = style.px(40.0);

    // The plane.
    let mut chart = ChartBuilder::on(&plane)
        .margin_top(style.px(4.0))
        .margin_right(style.px(4.0))
        .x_label_area_size(x_label_area)
        .y_label_area_size(label_area)
        .build_cartesian_2d(EXPONENTS, EXPONENTS)?;
    chart
        .configure_mesh()
        .x_labels(tick_count)
        .y_labels(8)
        .x_label_formatter(&|exponent| power_label(*exponent))
        .y_label_formatter(&|exponent| power_label(*exponent))
        .x_desc("learning rate")
        .y_desc("regularization")
        .label_style(text(style.label_size()))
        .axis_desc_style(text(style.label_size()))
        .axis_style(palette.axis.stroke_width(style.px(1.0)))
        .bold_line_style(palette.grid.stroke_width(style.px(1.0)))
        .light_line_style(TRANSPARENT)
        .draw()?;
    chart.draw_series(DashedLineSeries::new(
        vec![
            (BEST_LEARNING_RATE_EXPONENT, EXPONENTS.start),
            (BEST_LEARNING_RATE_EXPONENT, EXPONENTS.end),
        ],
        style.px(5.0),
        style.px(4.0),
        palette.emphasis.stroke_width(style.px(1.0)),
    ))?;
    chart.draw_series(std::iter::once(Cross::new(
        (BEST_LEARNING_RATE_EXPONENT, BEST_REG_EXPONENT),
        style.px(5.0) as i32,
        palette.emphasis.stroke_width(style.px(1.5)),
    )))?;
    chart.draw_series(trials.iter().filter_map(|trial| {
        let point = exponents_of(trial)?;
        Some(Circle::new(point, dot_radius, colour.filled()))
    }))?;
    if let Some(point) = best.as_ref().and_then(exponents_of) {
        chart.draw_series(std::iter::once(Circle::new(
            point,
            ring_radius,
            palette.emphasis.stroke_width(style.px(2.0)),
        )))?;
    }

    // The strip above: loss against the learning rate, at the best regularization.
    let mut top_chart = ChartBuilder::on(&top_strip)
        .margin_top(style.px(4.0))
        .margin_bottom(style.px(10.0))
        .margin_right(style.px(4.0))
        .y_label_area_size(label_area)
        .build_cartesian_2d(EXPONENTS, LOSS_RANGE)?;
    top_chart
        .configure_mesh()
        .disable_x_mesh()
        .disable_x_axis()
        .y_labels(3)
        .y_label_formatter(&|loss| tick_label(*loss))
        .y_desc("loss")
        .label_style(text(style.label_size()))
        .axis_desc_style(text(style.label_size()))
        .axis_style(palette.axis.stroke_width(style.px(1.0)))
        .bold_line_style(palette.grid.stroke_width(style.px(1.0)))
        .light_line_style(TRANSPARENT)
        .draw()?;
    let best_reg = 10f64.powf(BEST_REG_EXPONENT);
    top_chart.draw_series(LineSeries::new(
        curve(|exponent| validation_loss_stand_in(10f64.powf(exponent), best_reg)),
        palette.axis.stroke_width(style.px(1.5)),
    ))?;
    top_chart.draw_series(DashedLineSeries::new(
        vec![
            (BEST_LEARNING_RATE_EXPONENT, LOSS_RANGE.start),
            (BEST_LEARNING_RATE_EXPONENT, LOSS_RANGE.end),
        ],
        style.px(5.0),
        style.px(4.0),
        palette.emphasis.stroke_width(style.px(1.0)),
    ))?;
    top_chart.draw_series(trials.iter().filter_map(|trial| {
        let (lr_exponent, _) = exponents_of(trial)?;
        trial
            .loss
            .is_finite()
            .then(|| Circle::new((lr_exponent, trial.loss), dot_radius, colour.filled()))
    }))?;

    // The strip to the right: loss against the regularization, at the best learning rate.
    let mut right_chart = ChartBuilder::on(&right)
        .margin_top(style.px(4.0))
        .margin_left(style.px(12.0))
        .margin_right(style.px(8.0))
        .x_label_area_size(x_label_area)
        .build_cartesian_2d(LOSS_RANGE, EXPONENTS)?;
    right_chart
        .configure_mesh()
        .disable_y_mesh()
        .disable_y_axis()
        .x_labels(2)
        .x_label_formatter(&|loss| tick_label(*loss))
        .x_desc("loss")
        .label_style(text(style.label_size()))
        .axis_desc_style(text(style.label_size()))
        .axis_style(palette.axis.stroke_width(style.px(1.0)))
        .bold_line_style(palette.grid.stroke_width(style.px(1.0)))
        .light_line_style(TRANSPARENT)
        .draw()?;
    let best_rate = 10f64.powf(BEST_LEARNING_RATE_EXPONENT);
    right_chart.draw_series(LineSeries::new(
        curve(|exponent| validation_loss_stand_in(best_rate, 10f64.powf(exponent)))
            .map(|(exponent, loss)| (loss, exponent)),
        palette.axis.stroke_width(style.px(1.5)),
    ))?;
    right_chart.draw_series(trials.iter().filter_map(|trial| {
        let (_, reg_exponent) = exponents_of(trial)?;
        trial
            .loss
            .is_finite()
            .then(|| Circle::new((trial.loss, reg_exponent), dot_radius, colour.filled()))
    }))?;
    Ok(())
}

/// A trial's place on the plane, if both its values are positive and finite.
fn exponents_of(trial: &Trial) -> Option<(f64, f64)> {
    let lr_exponent = trial.learning_rate.log10();
    let reg_exponent = trial.reg.log10();
    (lr_exponent.is_finite() && reg_exponent.is_finite()).then_some((lr_exponent, reg_exponent))
}

/// Samples `loss_at(exponent)` across the range; only finite values are kept.
fn curve(loss_at: impl Fn(f64) -> f64) -> impl Iterator<Item = (f64, f64)> {
    (0..=CURVE_SAMPLES)
        .map(move |idx| {
            let exponent = EXPONENTS.start
                + (EXPONENTS.end - EXPONENTS.start) * idx as f64 / CURVE_SAMPLES as f64;
            (exponent, loss_at(exponent))
        })
        .filter(|(_, loss)| loss.is_finite())
}

/// An axis label for a power of ten: "1e-3"; only whole exponents get one.
fn power_label(exponent: f64) -> String {
    if (exponent - exponent.round()).abs() < 1e-9 {
        format!("1e{}", exponent.round() as i32)
    } else {
        String::new()
    }
}

/// The comparison as SVG, light, `size` user units: the still and the SVG export.
pub fn comparison_svg(comparison: &SearchComparison, size: (u32, u32)) -> String {
    comparison_svg_in(comparison, size, &ChartStyle::new(LIGHT, 1.0))
}

/// The comparison as SVG in `style`, `size` user units.
pub fn comparison_svg_in(
    comparison: &SearchComparison,
    size: (u32, u32),
    style: &ChartStyle,
) -> String {
    let mut svg = String::new();
    {
        let area = crate::any_backend::AnyBackend::new(SVGBackend::with_string(&mut svg, size))
            .into_drawing_area();
        // Drawing into a String cannot fail.
        let _ = draw_comparison(&area, comparison, style);
        let _ = area.present();
    }
    svg
}

/// The still: the default search, nine trials, light.
pub fn still_svg() -> String {
    still_svg_in(crate::still::Scheme::Light)
}

/// The still in `scheme`, drawn at the stills' pixel ratio so its text reads on a phone.
pub fn still_svg_in(scheme: crate::still::Scheme) -> String {
    let comparison = downhill_core::search::hyperparameters::random_versus_grid(
        validation_loss_stand_in,
        DEFAULT_PER_AXIS,
        DEFAULT_SEED,
    );
    // The stills' usual ratio would lay 800 units out as a 500 px phone, which stacks the panels
    // into a picture twice as tall as wide; this one keeps them side by side (800 / 1.4 = 571 CSS
    // px, just over the stacking width), and the page lets this wide still grow wider than others.
    let style = ChartStyle::new(scheme.chart_palette(), STILL_PIXEL_RATIO);
    comparison_svg_in(&comparison, STILL_SIZE, &style)
}

#[cfg(test)]
mod tests {
    use super::*;
    use downhill_core::search::hyperparameters::random_versus_grid;

    #[test]
    fn the_still_draws_every_trial_in_both_panels() {
        let svg = still_svg();
        assert!(svg.starts_with("<svg"));
        // Nine trials per panel, each a dot on the plane and on both strips.
        let grid_blue = "#0066CC";
        let random_orange = "#CC4400";
        assert!(svg.matches(grid_blue).count() >= 27, "grid dots missing");
        assert!(
            svg.matches(random_orange).count() >= 27,
            "random dots missing"
        );
        assert!(
            svg.contains("Grid search: 9 trials, 3 learning rates"),
            "{svg}"
        );
        assert!(svg.contains("Random search: 9 trials, 9 learning rates"));
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        assert!(!svg.contains("style="));
    }

    #[test]
    fn random_search_lands_closer_to_the_best_rate_on_most_seeds() {
        // The lesson's claim, on the demo's own numbers: over 20 seeds of nine trials, random search's
        // best trial is nearer the best learning rate than the grid's more often than not.
        let grid_distance =
            decades_from_best_rate(&random_versus_grid(validation_loss_stand_in, 3, 1).grid)
                .unwrap();
        let random_wins = (1..=20)
            .filter(|&seed| {
                let comparison = random_versus_grid(validation_loss_stand_in, 3, seed);
                decades_from_best_rate(&comparison.random).unwrap() < grid_distance
            })
            .count();
        assert!(
            random_wins >= 12,
            "random search closer on only {random_wins} of 20 seeds"
        );
    }

    #[test]
    fn distinct_rates_count_the_grid_columns() {
        let comparison = random_versus_grid(validation_loss_stand_in, 4, 2);
        assert_eq!(distinct_learning_rates(&comparison.grid), 4);
        assert_eq!(distinct_learning_rates(&comparison.random), 16);
        assert_eq!(power_label(-3.0), "1e-3");
        assert_eq!(power_label(-2.5), "");
    }
}
