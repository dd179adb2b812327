//! The step-size demos' numbers on the real digits: the learning curves have the shapes the lessons
//! describe, and the sweep at the demo's defaults is the lesson's experiment.

use downhill_core::classifiers::LossKind;
use downhill_core::data::{DEFAULT_N_TEST, DEFAULT_N_VALIDATION, Digits, PreparedDigits};
use downhill_core::rng::Rng;
use downhill_core::step_size_demos::*;
use flate2::read::GzDecoder;
use std::io::Read;
use std::sync::OnceLock;

/// The digits prepared as the demos prepare them in the browser (split seed 0, as the lessons).
fn prepared() -> &'static PreparedDigits {
    static PREPARED: OnceLock<PreparedDigits> = OnceLock::new();
    PREPARED.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/data/digits.csv.gz");
        let compressed = std::fs::read(path).expect("www/data/digits.csv.gz should be readable");
        let mut text = String::new();
        GzDecoder::new(compressed.as_slice())
            .read_to_string(&mut text)
            .expect("valid gzip");
        let digits = Digits::from_csv(&text).expect("the digits parse");
        PreparedDigits::new(&digits, DEFAULT_N_VALIDATION, DEFAULT_N_TEST, 0).expect("split")
    })
}

/// Trains the four preset curves for 40 epochs, as the demo does by default.
fn preset_curves() -> Vec<LearningCurve> {
    let train = &prepared().train;
    let weights = Rng::new(1).normal_vec(train.n_weights(), SWEEP_WEIGHT_SCALE);
    CURVE_RATES
        .iter()
        .map(|rate| {
            let settings = CurveSettings::for_learning_curves(rate.learning_rate, 40, 7);
            assert_eq!(
                settings,
                CurveSettings {
                    loss_kind: LossKind::Softmax,
                    reg: CURVE_REG,
                    learning_rate: rate.learning_rate,
                    batch_size: CURVE_BATCH_SIZE,
                    n_epochs: 40,
                    seed: 7,
                }
            );
            let mut curve = LearningCurve::new(train, None, &weights, settings).unwrap();
            let mut calls = 0;
            while curve.advance(train, None).unwrap() {
                calls += 1;
                assert!(calls <= 40, "a curve ran past its epochs");
            }
            curve
        })
        .collect()
}

#[test]
fn the_preset_learning_curves_have_the_shapes_the_lessons_describe() {
    let curves = preset_curves();
    let losses = |index: usize| -> Vec<f64> {
        curves[index]
            .epochs()
            .iter()
            .map(|record| record.train_loss)
            .collect()
    };
    let [low, good, high, very_high] = [losses(0), losses(1), losses(2), losses(3)];
    for curve in [&low, &good, &high, &very_high] {
        assert_eq!(curve.len(), 41, "epoch 0 and 40 epochs");
    }
    // Low: still falling at the end, by about as much per epoch as at the start (nearly a line).
    let first_half = low[0] - low[20];
    let second_half = low[20] - low[40];
    assert!(
        second_half > 0.0 && second_half > 0.7 * first_half,
        "{first_half} {second_half}"
    );
    // High: ahead of the good rate after a few epochs, behind it at the end.
    assert!(
        high[3] < good[3],
        "high {} good {} at epoch 3",
        high[3],
        good[3]
    );
    let settled = |curve: &[f64]| curve[30..].iter().sum::<f64>() / 11.0;
    assert!(
        settled(&high) > settled(&good) * 1.1,
        "{} {}",
        settled(&high),
        settled(&good)
    );
    // Very high: far above the start for the whole run.
    assert!(
        very_high[1..].iter().all(|loss| *loss > 2.0 * very_high[0]),
        "{very_high:?}"
    );
    assert!(
        curves
            .iter()
            .all(|curve| curve.diverged_at_epoch().is_none())
    );
}

#[test]
fn one_step_at_the_lessons_weights_reproduces_the_sweep() {
    let train = &prepared().train;
    let weights = sweep_weights(train.n_weights(), SWEEP_WEIGHTS_SEED);
    let objective = LossKind::Svm.on(train, 0.0);
    let one_step = OneStep::new(&objective, &weights).unwrap();
    let sizes = downhill_core::training::lesson_step_sizes();
    let (original, trials) =
        downhill_core::training::step_size_sweep(&objective, &weights, &sizes).unwrap();
    assert_eq!(one_step.original_loss, original);
    for (trial, (step_size, loss)) in trials.iter().zip(one_step.losses_after(&objective, &sizes)) {
        assert_eq!(trial.step_size, step_size);
        assert!((trial.loss - loss).abs() <= 1e-12 * loss.abs().max(1.0));
    }
    // Tiny steps barely move the loss; on the digits (pixels scaled to 0..1) the loss still falls at
    // the table's largest step, 1e-1, so the demo carries the sweep on to 1e3: it turns near 1.
    let losses: Vec<f64> = trials.iter().map(|trial| trial.loss).collect();
    assert!((losses[0] - original).abs() < 1e-3 * original);
    assert!(losses[9] < losses[8] && losses[8] < original, "{losses:?}");
    let wide = log_spaced_step_sizes(-10.0, 3.0, 1);
    let wide_losses = one_step.losses_after(&objective, &wide);
    let best = wide_losses
        .iter()
        .copied()
        .min_by(|left, right| left.1.total_cmp(&right.1))
        .unwrap();
    assert!(
        best.0 > 1e-2 && best.0 < 1e3,
        "the best step {best:?} is inside the range"
    );
    assert!(
        wide_losses.last().unwrap().1 > 2.0 * original,
        "{wide_losses:?}"
    );
}

#[test]
fn the_sweep_through_scores_agrees_with_stepping_the_weights() {
    let train = &prepared().train;
    let sizes = log_spaced_step_sizes(-10.0, 3.0, 4);
    for kind in LossKind::ALL {
        for (seed, reg) in [(SWEEP_WEIGHTS_SEED, 0.0), (5, 0.05)] {
            let weights = sweep_weights(train.n_weights(), seed);
            let objective = kind.on(train, reg);
            let direct = OneStep::new(&objective, &weights).unwrap();
            let through_scores = ClassifierOneStep::new(kind, train, reg, &weights).unwrap();
            assert_eq!(through_scores.original_loss, direct.original_loss);
            for ((step_size, fast), (_, slow)) in through_scores
                .losses_after(&sizes)
                .into_iter()
                .zip(direct.losses_after(&objective, &sizes))
            {
                assert!(
                    (fast - slow).abs() <= 1e-12 * slow.abs().max(1.0),
                    "{kind:?} reg {reg} step {step_size}: {fast} against {slow}"
                );
            }
        }
    }
    let wrong = vec![0.0; train.n_weights() + 1];
    assert!(ClassifierOneStep::new(LossKind::Svm, train, 0.0, &wrong).is_err());
}

#[test]
fn the_sweeps_curve_holds_the_table_and_the_points_between_in_order() {
    let train = &prepared().train;
    let weights = sweep_weights(train.n_weights(), SWEEP_WEIGHTS_SEED);
    let one_step = ClassifierOneStep::new(LossKind::Svm, train, 0.0, &weights).unwrap();
    let sweep = one_step.sweep(-10.0, 3.0, 4);
    assert_eq!(
        sweep.table,
        one_step.losses_after(&log_spaced_step_sizes(-10.0, 3.0, 1))
    );
    assert_eq!(sweep.table.len(), 14);
    assert_eq!(sweep.curve.len(), 13 * 4 + 1);
    assert!(
        sweep.curve.windows(2).all(|pair| pair[0].0 < pair[1].0),
        "the curve is not in order of step size"
    );
    for point in &sweep.table {
        assert!(sweep.curve.contains(point), "{point:?} is not on the curve");
    }
    for (step_size, loss) in &sweep.curve {
        assert_eq!(one_step.loss_after(*step_size).to_bits(), loss.to_bits());
    }
    let denser = log_spaced_step_sizes(-10.0, 3.0, 4);
    for ((step_size, _), expected) in sweep.curve.iter().zip(&denser) {
        assert!(
            (step_size / expected - 1.0).abs() < 1e-12,
            "{step_size} against {expected}"
        );
    }
    // The lowest point of the table is one the loss fell to.
    let (best_step, best_loss) = lowest_finite_loss(&sweep.table).unwrap();
    assert!(
        best_loss < one_step.original_loss,
        "{best_step}: {best_loss}"
    );
    assert!(!LossChange::of(best_loss, one_step.original_loss).is_worse());
}
