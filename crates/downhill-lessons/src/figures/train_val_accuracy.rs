//! `train-val-accuracy`: training and validation accuracy against epoch for the softmax classifier
//! on the digits, in a run that overfits strongly (few training images, no regularization) and in a
//! run that hardly overfits (all training images, some regularization). The gap between the two
//! curves is what the lesson asks the reader to look at.

use downhill_core::classifiers::LossKind;
use downhill_core::rng::Rng;
use downhill_core::training::{Batching, TrainingRun, TrainingSettings, train};
use plotters::prelude::*;

use super::chart::{self, LineChart, Series};
use super::svg::SERIES;
use crate::outputs::prepared_digits;
use crate::resources::Resources;

/// Training images of the overfitting run: so few that a linear classifier can fit every one.
pub const N_FEW_IMAGES: usize = 30;

/// Epochs of both runs.
pub const N_EPOCHS: usize = 40;

/// The overfitting run: the first [`N_FEW_IMAGES`] training images, no regularization.
pub const OVERFITTING: TrainingSettings = TrainingSettings {
    loss_kind: LossKind::Softmax,
    reg: 0.0,
    step_size: 0.5,
    batching: Batching::FullBatch,
    n_epochs: N_EPOCHS,
    seed: 3,
};

/// The well-regularized run on all training images, in minibatches of 64.
pub const REGULARIZED: TrainingSettings = TrainingSettings {
    loss_kind: LossKind::Softmax,
    reg: 0.01,
    step_size: 0.2,
    batching: Batching::Minibatch(64),
    n_epochs: N_EPOCHS,
    seed: 3,
};

/// Both runs, from the same small random start.
pub fn runs(resources: &Resources) -> Result<(TrainingRun, TrainingRun), String> {
    let prepared = prepared_digits(resources)?;
    let start = Rng::new(3).normal_vec(prepared.train.n_weights(), 0.001);
    let few = prepared.train.head(N_FEW_IMAGES);
    let overfitting = train(&few, Some(&prepared.validation), &start, &OVERFITTING)
        .map_err(|error| error.to_string())?;
    let regularized = train(
        &prepared.train,
        Some(&prepared.validation),
        &start,
        &REGULARIZED,
    )
    .map_err(|error| error.to_string())?;
    Ok((overfitting, regularized))
}

fn accuracy_series(run: &TrainingRun) -> Vec<Series> {
    let train_points = run
        .epochs
        .iter()
        .map(|record| (record.epoch as f64, 100.0 * record.train_accuracy))
        .collect();
    let validation_points = run
        .epochs
        .iter()
        .filter_map(|record| {
            record
                .validation_accuracy
                .map(|accuracy| (record.epoch as f64, 100.0 * accuracy))
        })
        .collect();
    vec![
        Series {
            label: "training".into(),
            points: train_points,
            colour: SERIES[0],
            stroke_width: 3,
        },
        Series {
            label: "validation".into(),
            points: validation_points,
            colour: SERIES[1],
            stroke_width: 3,
        },
    ]
}

pub fn draw(resources: &Resources) -> Result<String, String> {
    let (overfitting, regularized) = runs(resources)?;
    let mut svg = String::new();
    {
        // Two panels of 330 units: 660 in all, so the figure's text is not much smaller on a phone
        // than that of a one-panel chart.
        let area = SVGBackend::with_string(&mut svg, (660, 400)).into_drawing_area();
        let (left, right) = area.split_horizontally(330);
        let left_title = format!("{N_FEW_IMAGES} images, no regularization");
        for (panel, run, title) in [
            (&left, &overfitting, left_title.as_str()),
            (&right, &regularized, "all images, regularized"),
        ] {
            chart::draw_line_chart_on(
                panel,
                &LineChart {
                    x_description: "epoch",
                    y_description: "accuracy (%)",
                    x_range: 0.0..N_EPOCHS as f64,
                    y_range: 0.0..135.0,
                    series: accuracy_series(run),
                    marks: Vec::new(),
                    legend: true,
                    title: Some(title),
                },
            )?;
        }
        area.present().map_err(|error| error.to_string())?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_overfitting_run_has_the_larger_gap() {
        let resources =
            Resources::new(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."));
        let (overfitting, regularized) = runs(&resources).unwrap();
        let final_gap = |run: &TrainingRun| {
            let last = run.epochs.last().expect("a record per epoch");
            last.train_accuracy - last.validation_accuracy.expect("validation data was given")
        };
        assert!(
            final_gap(&overfitting) > 2.0 * final_gap(&regularized).max(0.01),
            "{} vs {}",
            final_gap(&overfitting),
            final_gap(&regularized)
        );
        assert_eq!(overfitting.epochs.len(), N_EPOCHS + 1);
    }
}
