//! The minibatch noise demo: each dot is one minibatch's gradient, placed so that its angle to the
//! horizontal axis is its true angle to the full gradient and its distance to the arrow's tip its
//! true distance from the full gradient (`downhill_core::gradient_cloud`); an arrow from the origin
//! is the full gradient. Both axes have the same scale, so angles look as they are, and the view
//! stays fixed while the batch size changes, so the cloud is seen to tighten.

use crate::chart_style::ChartStyle;
use crate::tick_labels::tick_label;
use downhill_core::classifiers::LossKind;
use downhill_core::data::{Dataset, LengthMismatch};
use downhill_core::gradient_cloud::PerExampleGradients;
use downhill_core::rng::Rng;
use plotters::coord::Shift;
use plotters::prelude::*;

/// The view of the cloud, in gradient units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CloudView {
    pub along: (f64, f64),
    pub across: (f64, f64),
}

/// A view that holds the origin, the full gradient and most single-example gradients (all but the
/// most extreme 10%), padded. It is computed once from the batch-of-one cloud and kept for every
/// batch size; [`draw_cloud`] widens one axis to give both the same scale.
pub fn view_for(single_examples: &[[f64; 2]], full_norm: f64) -> CloudView {
    let quantiles = |axis: usize| {
        let mut values: Vec<f64> = single_examples
            .iter()
            .map(|point| point[axis])
            .filter(|value| value.is_finite())
            .collect();
        // About a thousand values, sorted once when the digits arrive (short_sort.rs says why).
        downhill_core::short_sort::sort_short_list_by(&mut values, |left, right| {
            left.total_cmp(right).is_lt()
        });
        if values.is_empty() {
            return (0.0, 0.0);
        }
        let pick = |fraction: f64| values[((values.len() - 1) as f64 * fraction).round() as usize];
        (pick(0.05), pick(0.95))
    };
    let full_norm = if full_norm.is_finite() {
        full_norm
    } else {
        0.0
    };
    let (along_low, along_high) = quantiles(0);
    let (across_low, across_high) = quantiles(1);
    let along_low = along_low.min(0.0);
    let along_high = along_high.max(full_norm);
    let across_extent = across_low.abs().max(across_high.abs()).max(1e-9);
    let along_pad = 0.08 * (along_high - along_low).max(1e-9);
    CloudView {
        along: (along_low - along_pad, along_high + along_pad),
        across: (-1.08 * across_extent, 1.08 * across_extent),
    }
}

/// The minibatch-noise demo's defaults, shared by the live demo and its still: minibatches per
/// cloud, the batch size shown first, the seed of the batches, and the small random weights of the
/// softmax classifier (with its regularization) at which the gradients are taken.
pub const N_BATCHES: usize = 100;
pub const DEFAULT_BATCH: usize = 4;
pub const DEFAULT_SEED: u64 = 1;
pub const WEIGHT_SEED: u64 = 11;
pub const WEIGHT_SCALE: f64 = 0.001;
pub const REG: f64 = 1e-3;

/// The per-example gradients the demo and its still show: the softmax classifier's on `train` at the
/// demo's small random weights ([`WEIGHT_SEED`], [`WEIGHT_SCALE`]) with its regularization [`REG`].
/// One function for both, so the live cloud and the still are of the same gradients.
pub fn demo_gradients(train: &Dataset) -> Result<PerExampleGradients, LengthMismatch> {
    let weights = Rng::new(WEIGHT_SEED).normal_vec(train.n_weights(), WEIGHT_SCALE);
    PerExampleGradients::new(LossKind::Softmax, train, REG, &weights)
}

/// The seed of the batches of `batch_size` under the demo's `seed`: each batch size (a power of
/// two) gets its own stream, so its cloud is the same whichever sizes were shown before it.
pub fn batch_stream(seed: u64, batch_size: usize) -> u64 {
    let slot = (batch_size.max(1) as f64).log2().round() as u64;
    seed.wrapping_mul(31).wrapping_add(slot)
}

/// Draws the cloud `points` (as `[along, signed rest]`) and the full gradient at `[full_norm, 0]`,
/// with a dashed circle of radius `expected_distance` around its tip: where a batch gradient lies on
/// average. Points outside `view` are drawn at its edge, hollow, so none silently disappears.
pub fn draw_cloud<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    points: &[[f64; 2]],
    full_norm: f64,
    expected_distance: f64,
    view: &CloudView,
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let palette = &style.palette;
    area.fill(&palette.background)?;
    let text = |size: f64| {
        (FontFamily::SansSerif, size)
            .into_font()
            .color(&palette.text)
    };
    let (margin, x_label_area, y_label_area) = (style.px(10.0), style.px(36.0), style.px(48.0));
    let (width, height) = area.dim_in_pixel();
    let plot_width = width.saturating_sub(2 * margin + y_label_area).max(1) as f64;
    let plot_height = height.saturating_sub(2 * margin + x_label_area).max(1) as f64;
    let view = &equal_scale(view, plot_width, plot_height);
    let mut chart = ChartBuilder::on(area)
        .margin(margin)
        .x_label_area_size(x_label_area)
        .y_label_area_size(y_label_area)
        .build_cartesian_2d(view.along.0..view.along.1, view.across.0..view.across.1)?;
    chart
        .configure_mesh()
        .x_labels(6)
        .y_labels(5)
        .x_label_formatter(&|value| tick_label(*value))
        .y_label_formatter(&|value| tick_label(*value))
        .x_desc("along the full gradient")
        .y_desc("all other directions")
        .label_style(text(style.label_size()))
        .axis_desc_style(text(style.label_size()))
        .axis_style(palette.axis.stroke_width(style.px(1.0)))
        .bold_line_style(palette.grid.stroke_width(style.px(1.0)))
        .light_line_style(TRANSPARENT)
        .draw()?;
    // The axes through the origin: a dot left of the vertical one points uphill.
    chart.draw_series([
        PathElement::new(
            vec![(0.0, view.across.0), (0.0, view.across.1)],
            palette.axis.stroke_width(style.px(1.0)),
        ),
        PathElement::new(
            vec![(view.along.0, 0.0), (view.along.1, 0.0)],
            palette.axis.stroke_width(style.px(1.0)),
        ),
    ])?;
    if expected_distance.is_finite() && expected_distance > 0.0 && full_norm.is_finite() {
        let circle: Vec<(f64, f64)> = (0..=120)
            .map(|idx| {
                let angle = std::f64::consts::TAU * idx as f64 / 120.0;
                (
                    (full_norm + expected_distance * angle.cos()).clamp(view.along.0, view.along.1),
                    (expected_distance * angle.sin()).clamp(view.across.0, view.across.1),
                )
            })
            .collect();
        chart.draw_series(DashedLineSeries::new(
            circle,
            style.px(4.0),
            style.px(4.0),
            palette.axis.stroke_width(style.px(1.0)),
        ))?;
    }
    let dot = style.px(3.0) as i32;
    let colour = palette.series[0];
    let inside = |point: &[f64; 2]| {
        (view.along.0..=view.along.1).contains(&point[0])
            && (view.across.0..=view.across.1).contains(&point[1])
    };
    chart.draw_series(
        points
            .iter()
            .filter(|point| inside(point))
            .map(|point| Circle::new((point[0], point[1]), dot, colour.mix(0.6).filled())),
    )?;
    chart.draw_series(
        points
            .iter()
            .filter(|point| point[0].is_finite() && point[1].is_finite() && !inside(point))
            .map(|point| {
                let clamped = (
                    point[0].clamp(view.along.0, view.along.1),
                    point[1].clamp(view.across.0, view.across.1),
                );
                Circle::new(clamped, dot, colour.stroke_width(style.px(1.0)))
            }),
    )?;
    if full_norm.is_finite() {
        let head = full_norm;
        let barb = 0.04 * (view.along.1 - view.along.0);
        let barb_across = 0.04 * (view.across.1 - view.across.0);
        let arrow = palette.emphasis.stroke_width(style.px(3.0));
        chart.draw_series([
            PathElement::new(vec![(0.0, 0.0), (head, 0.0)], arrow),
            PathElement::new(
                vec![
                    (head - barb, barb_across),
                    (head, 0.0),
                    (head - barb, -barb_across),
                ],
                arrow,
            ),
        ])?;
        chart.draw_series(std::iter::once(Text::new(
            "full gradient",
            (head * 0.05, -2.2 * barb_across),
            text(style.label_size()),
        )))?;
    }
    Ok(())
}

/// `view` widened along one axis so that a unit spans as many pixels across as up, on a plot of
/// `plot_width` by `plot_height` pixels: then the angles in the picture are the true angles.
pub fn equal_scale(view: &CloudView, plot_width: f64, plot_height: f64) -> CloudView {
    let along_span = (view.along.1 - view.along.0).max(1e-12);
    let across_span = (view.across.1 - view.across.0).max(1e-12);
    let units_per_pixel = (along_span / plot_width).max(across_span / plot_height);
    let widen = |(low, high): (f64, f64), span: f64| {
        let extra = 0.5 * (span - (high - low)).max(0.0);
        (low - extra, high + extra)
    };
    CloudView {
        along: widen(view.along, units_per_pixel * plot_width),
        across: widen(view.across, units_per_pixel * plot_height),
    }
}

/// The cloud as SVG, light, for the export.
pub fn cloud_svg(
    points: &[[f64; 2]],
    full_norm: f64,
    expected_distance: f64,
    view: &CloudView,
) -> String {
    let mut svg = String::new();
    {
        let area = crate::any_backend::AnyBackend::new(plotters_svg::SVGBackend::with_string(
            &mut svg,
            (640, 480),
        ))
        .into_drawing_area();
        // Drawing into a String cannot fail.
        let _ = draw_cloud(
            &area,
            points,
            full_norm,
            expected_distance,
            view,
            &ChartStyle::new(crate::chart_style::LIGHT, 1.0),
        );
        let _ = area.present();
    }
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart_style::LIGHT;
    use plotters_svg::SVGBackend;

    #[test]
    fn the_demo_gradients_are_seeded_and_taken_at_small_weights() {
        // Four examples of two features and three classes.
        let data = Dataset::new(
            vec![0.2, 1.0, -0.5, 1.0, 0.9, 1.0, -0.3, 1.0],
            vec![0, 2, 1, 2],
            2,
            3,
        )
        .unwrap();
        let first = demo_gradients(&data).unwrap();
        let again = demo_gradients(&data).unwrap();
        assert_eq!(first.full_gradient(), again.full_gradient());
        assert_eq!(first.n_examples(), 4);
        // At weights near 0 the softmax gives every class about 1/3: the gradient's bias part for
        // class 0 is the mean of (1/3 - [label is 0]) over the examples, 1/3 - 1/4, up to the tiny
        // weights and the regularization.
        let bias_of_class_0 = first.full_gradient()[1];
        assert!(
            (bias_of_class_0 - (1.0 / 3.0 - 0.25)).abs() < 1e-3,
            "{bias_of_class_0}"
        );
    }

    #[test]
    fn the_view_holds_the_origin_and_the_full_gradient() {
        let points = [[-1.0, 2.0], [3.0, -0.5], [0.5, 0.1]];
        let view = view_for(&points, 5.0);
        assert!(view.along.0 < 0.0 && view.along.1 > 5.0);
        assert!(view.across.0 < -1.9 && view.across.1 > 1.9);
        let empty = view_for(&[], f64::NAN);
        assert!(empty.along.0 < empty.along.1 && empty.across.0 < empty.across.1);
    }

    #[test]
    fn equal_scale_widens_the_narrow_axis_only() {
        let view = CloudView {
            along: (0.0, 1.0),
            across: (-2.0, 2.0),
        };
        let square = equal_scale(&view, 400.0, 400.0);
        assert_eq!(square.across, (-2.0, 2.0));
        assert!((square.along.1 - square.along.0 - 4.0).abs() < 1e-12);
        assert!(square.along.0 < 0.0 && square.along.1 > 1.0);
    }

    #[test]
    fn every_dot_is_drawn_and_far_ones_at_the_edge() {
        let points = [[1.0, 0.5], [1.2, -0.3], [100.0, 0.0]];
        let view = CloudView {
            along: (-1.0, 3.0),
            across: (-1.0, 1.0),
        };
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (400, 300)).into_drawing_area();
            draw_cloud(
                &area,
                &points,
                2.0,
                0.5,
                &view,
                &ChartStyle::new(LIGHT, 1.0),
            )
            .unwrap();
            area.present().unwrap();
        }
        assert_eq!(svg.matches("<circle").count(), 3, "{svg}");
        assert!(svg.contains("full gradient"));
        assert!(!svg.contains("NaN"));
    }
}
