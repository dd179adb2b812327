//! `convex-vs-nonconvex`: side by side, a convex loss (one valley, so every walk downhill ends at the
//! same bottom) and a non-convex one (several valleys of different depths).

use plotters::prelude::*;

use super::chart::{self, LineChart, Mark, Series};
use super::local_global_minima;
use super::svg::{INK, SERIES};
use crate::resources::Resources;

const X_RANGE: std::ops::Range<f64> = -3.6..3.6;

/// The convex example: `f(x) = 0.25 (x - 0.5)^2 + 0.5`, a parabola whose only minimum is at
/// `x = 0.5`.
pub fn convex(x: f64) -> f64 {
    0.25 * (x - 0.5).powi(2) + 0.5
}

pub fn draw(_resources: &Resources) -> Result<String, String> {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (660, 360)).into_drawing_area();
        let (left, right) = area.split_horizontally(330);
        let convex_points = chart::sample(X_RANGE, 361, convex);
        let nonconvex_points = chart::sample(X_RANGE, 721, local_global_minima::curve);
        let y_max = convex_points
            .iter()
            .chain(&nonconvex_points)
            .map(|(_, y)| *y)
            .fold(0.0, f64::max);
        let y_range = 0.0..y_max + 0.3;
        chart::draw_line_chart_on(
            &left,
            &LineChart {
                x_description: "a weight",
                y_description: "loss",
                x_range: X_RANGE,
                y_range: y_range.clone(),
                series: vec![Series {
                    label: "convex".into(),
                    points: convex_points,
                    colour: INK,
                    stroke_width: 3,
                }],
                marks: vec![Mark {
                    point: (0.5, convex(0.5)),
                    label: String::new(),
                    colour: SERIES[1],
                    label_below: false,
                    label_at: None,
                }],
                legend: false,
                title: Some("convex"),
            },
        )?;
        let minima = local_global_minima::minima(X_RANGE);
        let lowest = minima.iter().map(|(_, y)| *y).fold(f64::MAX, f64::min);
        let marks = minima
            .iter()
            .map(|&point| Mark {
                point,
                label: String::new(),
                colour: if point.1 == lowest {
                    SERIES[1]
                } else {
                    SERIES[0]
                },
                label_below: true,
                label_at: None,
            })
            .collect();
        chart::draw_line_chart_on(
            &right,
            &LineChart {
                x_description: "a weight",
                y_description: "loss",
                x_range: X_RANGE,
                y_range,
                series: vec![Series {
                    label: "non-convex".into(),
                    points: nonconvex_points,
                    colour: INK,
                    stroke_width: 3,
                }],
                marks,
                legend: false,
                title: Some("non-convex"),
            },
        )?;
        area.present().map_err(|error| error.to_string())?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_convex_curve_bends_up_everywhere_and_the_other_does_not() {
        let second_difference = |f: fn(f64) -> f64, x: f64| f(x - 0.01) - 2.0 * f(x) + f(x + 0.01);
        let xs: Vec<f64> = (0..=70).map(|step| -3.5 + 0.1 * step as f64).collect();
        assert!(xs.iter().all(|&x| second_difference(convex, x) > 0.0));
        assert!(
            xs.iter()
                .any(|&x| second_difference(local_global_minima::curve, x) < 0.0)
        );
        let svg = draw(&Resources::new(std::path::Path::new("."))).unwrap();
        assert!(svg.contains("non-convex") && svg.matches("convex").count() >= 2);
    }
}
