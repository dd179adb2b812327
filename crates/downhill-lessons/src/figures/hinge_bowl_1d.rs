//! `hinge-bowl-1d`: the documents' three-point, one-dimensional SVM example. As a function of the
//! one weight `w_0`, each example's loss `L_i` is a sum of hinges (linear functions clamped at zero)
//! and constants, and the data loss `L = (L_0 + L_1 + L_2) / 3` is a piecewise-linear bowl.
//!
//! The numbers come from `downhill_core::surfaces::hinge_bowl::HingeBowl1d`, the same example the
//! demos use.

use downhill_core::surfaces::hinge_bowl::HingeBowl1d;

use super::chart::{self, LineChart, Mark, Series};
use super::svg::{INK, SERIES};
use crate::resources::Resources;

/// Points per curve: the kinks are exact at any sampling because they are drawn as corners of a
/// polyline through dense samples; 601 points put one every 0.01 in `w_0`.
const N_POINTS: usize = 601;

pub fn draw(_resources: &Resources) -> Result<String, String> {
    let example = HingeBowl1d::default();
    let (w_min, w_max) = example.range();
    let term_names = [
        "L₀ (point x₀, class 0)",
        "L₁ (point x₁, class 1)",
        "L₂ (point x₂, class 2)",
    ];
    let mut series: Vec<Series> = term_names
        .iter()
        .enumerate()
        .map(|(term_idx, name)| Series {
            label: (*name).to_string(),
            points: chart::sample(w_min..w_max, N_POINTS, |w0| example.terms(w0)[term_idx]),
            colour: SERIES[term_idx],
            stroke_width: 2,
        })
        .collect();
    series.push(Series {
        label: "L = (L₀ + L₁ + L₂) / 3".to_string(),
        points: chart::sample(w_min..w_max, N_POINTS, |w0| example.value(w0)),
        colour: INK,
        stroke_width: 4,
    });
    let y_max = series
        .iter()
        .flat_map(|curve| curve.points.iter().map(|(_, loss)| *loss))
        .fold(0.0_f64, f64::max);
    let marks = example
        .minimum()
        .map(|[w0, loss]| Mark {
            point: (w0, loss),
            label: "bottom of the bowl".to_string(),
            colour: INK,
            label_below: true,
            // Just below the bottom, the three terms' lines cross the label; the band under the
            // zero line is empty, so the label goes there, joined to the dot by a thin line.
            label_at: Some((w0, -0.9)),
        })
        .into_iter()
        .collect();
    chart::draw_line_chart(&LineChart {
        x_description: "the weight w₀ (w₁ and w₂ fixed)",
        y_description: "loss",
        x_range: w_min..w_max,
        // Room above the curves for the legend, and below the zero line for the label of the
        // bowl's bottom.
        y_range: -3.2..y_max * 1.5,
        series,
        marks,
        legend: true,
        title: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figures::svg::hex;

    #[test]
    fn the_figure_draws_three_terms_their_mean_and_the_bottom() {
        let svg = draw(&Resources::new(std::path::Path::new("."))).unwrap();
        for colour in &SERIES[..3] {
            assert!(
                svg.contains(&format!("stroke=\"{}\"", hex(*colour))),
                "no curve in {}",
                hex(*colour)
            );
        }
        for label in [
            "L₀ (point x₀",
            "L₁ (point x₁",
            "L₂ (point x₂",
            "L = (L₀ + L₁ + L₂) / 3",
        ] {
            assert!(svg.contains(label), "no legend entry {label}");
        }
        assert!(svg.contains("bottom of the bowl"));
        assert!(!svg.contains("NaN"));
    }
}
