//! `digit-weight-templates`: the softmax classifier's weights on the digits, each class's 64 pixel
//! weights drawn as an 8x8 image, after a badly set run (top row) and a good one (bottom row).
//!
//! The bad run starts from large random weights and stops after a few tiny steps, so its templates
//! are still mostly the starting noise: what an unconverged model looks like. The good run starts
//! small, is regularized, and trains long enough for every template to look like its digit.

use downhill_core::classifiers::LossKind;
use downhill_core::data::N_PIXELS;
use downhill_core::rng::Rng;
use downhill_core::training::{Batching, TrainingSettings, train};
use plotters::prelude::*;

use super::diagram::{self, Area};
use super::raster::{self, CellGrid};
use super::svg::INK;
use crate::outputs::prepared_digits;
use crate::resources::Resources;

/// The badly set run: a tiny learning rate for two epochs from weights 0.5 x N(0, 1).
pub const BAD_RUN: TrainingSettings = TrainingSettings {
    loss_kind: LossKind::Softmax,
    reg: 0.0,
    step_size: 1e-3,
    batching: Batching::Minibatch(64),
    n_epochs: 2,
    seed: 5,
};
const BAD_START_SCALE: f64 = 0.5;

/// The good run: 40 epochs with L2 regularization of strength 1 from weights 0.001 x N(0, 1). Strong
/// regularization pulls each template towards the mean image of its class, which is what makes the
/// templates smooth on 8x8 digits.
pub const GOOD_RUN: TrainingSettings = TrainingSettings {
    loss_kind: LossKind::Softmax,
    reg: 1.0,
    step_size: 0.2,
    batching: Batching::Minibatch(64),
    n_epochs: 40,
    seed: 5,
};
const GOOD_START_SCALE: f64 = 0.001;

/// The trained weights of both runs, row-major, one row of 65 (64 pixels and the bias) per class.
pub fn runs(resources: &Resources) -> Result<(Vec<f64>, Vec<f64>, usize), String> {
    let prepared = prepared_digits(resources)?;
    let n_weights = prepared.train.n_weights();
    let bad_start = Rng::new(5).normal_vec(n_weights, BAD_START_SCALE);
    let good_start = Rng::new(5).normal_vec(n_weights, GOOD_START_SCALE);
    let bad =
        train(&prepared.train, None, &bad_start, &BAD_RUN).map_err(|error| error.to_string())?;
    let good =
        train(&prepared.train, None, &good_start, &GOOD_RUN).map_err(|error| error.to_string())?;
    Ok((bad.weights, good.weights, prepared.train.n_features()))
}

/// A colour for a weight scaled to `[-1, 1]`: blue for negative, white for zero, red for positive.
fn weight_colour(scaled: f64) -> RGBColor {
    let scaled = if scaled.is_finite() {
        scaled.clamp(-1.0, 1.0)
    } else {
        0.0
    };
    let (target, amount) = if scaled < 0.0 {
        ([33.0, 102.0, 172.0], -scaled)
    } else {
        ([178.0, 24.0, 43.0], scaled)
    };
    let channel = |index: usize| (247.0 + (target[index] - 247.0) * amount).round() as u8;
    RGBColor(channel(0), channel(1), channel(2))
}

const CELL: i32 = 8;
const TEMPLATE: i32 = 8 * CELL;
const GAP: i32 = 10;
/// The margin left and right of the rows. The row names go above the rows rather than beside them,
/// so the figure is only as wide as ten templates and its text stays readable on a phone.
const LEFT: i32 = 6;
/// Text sizes (plotters writes `size / 1.24` units); the figure is about 750 units wide and shrinks
/// to about 360 px on a phone, so these keep the text near 11 px there.
const HEADING_SIZE: u32 = 30;
const DIGIT_SIZE: u32 = 28;

/// Draws the outlines of one row of templates and returns their cells as embedded images, which
/// [`draw`] puts under everything else (raster.rs says why an image and not 640 rectangles).
fn draw_row(
    area: &Area<'_>,
    weights: &[f64],
    n_features: usize,
    top: i32,
) -> Result<Vec<String>, String> {
    let mut images = Vec::with_capacity(10);
    for (class, row) in weights.chunks_exact(n_features).enumerate() {
        let pixels = &row[..N_PIXELS];
        // Each template gets its own symmetric scale, so the pattern shows whatever its size.
        let largest = pixels
            .iter()
            .fold(0.0_f64, |largest, weight| largest.max(weight.abs()))
            .max(1e-12);
        let left = LEFT + class as i32 * (TEMPLATE + GAP);
        let cells = CellGrid {
            width: 8,
            height: 8,
            cells: pixels
                .iter()
                .map(|weight| weight_colour(weight / largest))
                .collect(),
        };
        images.push(cells.to_svg_image(left, top, left + TEMPLATE, top + TEMPLATE)?);
        area.draw(&Rectangle::new(
            [(left, top), (left + TEMPLATE, top + TEMPLATE)],
            ShapeStyle::from(&INK).stroke_width(1),
        ))
        .map_err(|error| error.to_string())?;
    }
    Ok(images)
}

pub fn draw(resources: &Resources) -> Result<String, String> {
    let (bad, good, n_features) = runs(resources)?;
    let width = (2 * LEFT + 10 * TEMPLATE + 9 * GAP) as u32;
    let (bad_top, good_top) = (70, 70 + TEMPLATE + 48);
    let height = (good_top + TEMPLATE + 6) as u32;
    let mut svg = String::new();
    let mut images = Vec::new();
    {
        let area = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        let middle = width as f64 / 2.0;
        diagram::draw_label(&area, (middle, 16.0), "badly set run", HEADING_SIZE, &INK)?;
        for class in 0..10 {
            let centre_x = (LEFT + class * (TEMPLATE + GAP) + TEMPLATE / 2) as f64;
            diagram::draw_label(
                &area,
                (centre_x, 50.0),
                &class.to_string(),
                DIGIT_SIZE,
                &INK,
            )?;
        }
        images.extend(draw_row(&area, &bad, n_features, bad_top)?);
        diagram::draw_label(
            &area,
            (middle, (good_top - 22) as f64),
            "good run",
            HEADING_SIZE,
            &INK,
        )?;
        images.extend(draw_row(&area, &good, n_features, good_top)?);
        area.present().map_err(|error| error.to_string())?;
    }
    raster::insert_first(&svg, &images.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The correlation of two equally long vectors, from -1 to 1.
    fn correlation(left: &[f64], right: &[f64]) -> f64 {
        let mean = |values: &[f64]| values.iter().sum::<f64>() / values.len() as f64;
        let (left_mean, right_mean) = (mean(left), mean(right));
        let mut products = 0.0;
        let mut left_squares = 0.0;
        let mut right_squares = 0.0;
        for (l, r) in left.iter().zip(right) {
            products += (l - left_mean) * (r - right_mean);
            left_squares += (l - left_mean).powi(2);
            right_squares += (r - right_mean).powi(2);
        }
        products / (left_squares * right_squares).sqrt().max(1e-300)
    }

    #[test]
    fn good_templates_look_like_their_digit_and_bad_ones_do_not() {
        let resources =
            Resources::new(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."));
        let (bad, good, n_features) = runs(&resources).unwrap();
        // The mean image of each class (centred pixels): what a template that "looks like the digit"
        // resembles.
        let train = prepared_digits(&resources).unwrap().train;
        let mut class_means = vec![vec![0.0; N_PIXELS]; 10];
        let mut class_counts = [0.0; 10];
        for (example_idx, &label) in train.labels().iter().enumerate() {
            for (mean, pixel) in class_means[label]
                .iter_mut()
                .zip(&train.example(example_idx)[..N_PIXELS])
            {
                *mean += pixel;
            }
            class_counts[label] += 1.0;
        }
        let mean_correlation = |weights: &[f64]| {
            weights
                .chunks_exact(n_features)
                .zip(&class_means)
                .zip(class_counts)
                .map(|((row, sum), count)| {
                    let class_mean: Vec<f64> = sum.iter().map(|value| value / count).collect();
                    correlation(&row[..N_PIXELS], &class_mean)
                })
                .sum::<f64>()
                / 10.0
        };
        let (bad_correlation, good_correlation) = (mean_correlation(&bad), mean_correlation(&good));
        assert!(good_correlation > 0.5, "good run: {good_correlation}");
        assert!(
            bad_correlation < 0.5 * good_correlation,
            "bad run: {bad_correlation}, good: {good_correlation}"
        );
        assert_eq!(weight_colour(0.0), RGBColor(247, 247, 247));
    }

    #[test]
    fn each_template_is_one_image_with_an_outline_over_it() {
        let resources =
            Resources::new(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."));
        let svg = draw(&resources).unwrap();
        assert_eq!(svg.matches("<image").count(), 20);
        assert_eq!(svg.matches("<rect").count(), 20);
        assert!(svg.rfind("<image").unwrap() < svg.find("<rect").unwrap());
    }
}
