//! `local-global-minima`: a one-dimensional non-convex loss with its minima found numerically and
//! marked, the lowest as the global minimum and the others as local minima.

use super::chart::{self, LineChart, Mark, Series};
use super::svg::{INK, SERIES};
use crate::resources::Resources;

/// The curve: `f(x) = 0.03 x^4 - 0.25 x^2 - 0.2 x + 0.5 sin(3 x) + 2`, a quartic bowl with a sine
/// ripple, which has two local minima besides the global one on `[-3.6, 3.6]` and stays positive
/// like a loss.
pub fn curve(x: f64) -> f64 {
    0.03 * x.powi(4) - 0.25 * x * x - 0.2 * x + 0.5 * (3.0 * x).sin() + 2.0
}

/// `f'(x) = 0.12 x^3 - 0.5 x - 0.2 + 1.5 cos(3 x)`.
pub fn slope(x: f64) -> f64 {
    0.12 * x.powi(3) - 0.5 * x - 0.2 + 1.5 * (3.0 * x).cos()
}

const X_RANGE: std::ops::Range<f64> = -3.6..3.6;

/// The minima of [`curve`] in `range`: where the slope changes sign from minus to plus, refined by
/// bisection to about `1e-12`.
pub fn minima(range: std::ops::Range<f64>) -> Vec<(f64, f64)> {
    const N_INTERVALS: usize = 2000;
    let width = (range.end - range.start) / N_INTERVALS as f64;
    let mut found = Vec::new();
    for interval_idx in 0..N_INTERVALS {
        let mut left = range.start + interval_idx as f64 * width;
        let mut right = left + width;
        if !(slope(left) < 0.0 && slope(right) >= 0.0) {
            continue;
        }
        for _ in 0..60 {
            let middle = 0.5 * (left + right);
            if slope(middle) < 0.0 {
                left = middle
            } else {
                right = middle
            }
        }
        let x = 0.5 * (left + right);
        found.push((x, curve(x)));
    }
    found
}

pub fn draw(_resources: &Resources) -> Result<String, String> {
    let points = chart::sample(X_RANGE, 721, curve);
    let found = minima(X_RANGE);
    let global = found
        .iter()
        .copied()
        .min_by(|left, right| left.1.total_cmp(&right.1))
        .ok_or("the curve has no minimum in its range")?;
    // Two local minima lie close together, so their labels, centred under their dots, would touch
    // or overlap; each is moved a little down and sideways away from the other, joined to its dot
    // by a thin line.
    let marks = found
        .iter()
        .enumerate()
        .map(|(minimum_idx, &point)| {
            let is_global = point == global;
            let sideways = if minimum_idx == 0 { -0.15 } else { 0.25 };
            Mark {
                point,
                label: if is_global {
                    "global minimum"
                } else {
                    "local minimum"
                }
                .to_string(),
                colour: if is_global { SERIES[1] } else { SERIES[0] },
                label_below: true,
                label_at: (!is_global).then_some((point.0 + sideways, point.1 - 0.45)),
            }
        })
        .collect();
    let y_max = points.iter().map(|(_, y)| *y).fold(f64::MIN, f64::max);
    let y_min = global.1;
    chart::draw_line_chart(&LineChart {
        x_description: "a weight",
        y_description: "loss",
        x_range: X_RANGE,
        // Down to zero, which leaves room under the lowest minimum for its label.
        y_range: (y_min - 0.7).min(0.0)..(y_max + 0.3),
        series: vec![Series {
            label: "loss".to_string(),
            points,
            colour: INK,
            stroke_width: 3,
        }],
        marks,
        legend: false,
        title: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slope_is_the_derivative_of_the_curve() {
        let step = 1e-6;
        for point_idx in 0..50 {
            let x = -3.5 + 0.14 * point_idx as f64;
            let centered = (curve(x + step) - curve(x - step)) / (2.0 * step);
            assert!(
                (centered - slope(x)).abs() < 1e-6,
                "at {x}: {centered} vs {}",
                slope(x)
            );
        }
    }

    #[test]
    fn the_curve_has_one_global_and_at_least_two_local_minima() {
        let found = minima(X_RANGE);
        assert!(found.len() >= 3, "{found:?}");
        for (x, y) in &found {
            assert!(
                curve(x - 1e-3) > *y && curve(x + 1e-3) > *y,
                "not a minimum at {x}"
            );
        }
        let svg = draw(&Resources::new(std::path::Path::new("."))).unwrap();
        assert_eq!(svg.matches("global minimum").count(), 1);
        assert_eq!(svg.matches("local minimum").count(), found.len() - 1);
    }
}
