//! Hostile numbers for the classifiers: both losses, their gradients and everything built on them, on
//! small random data and on a few digits, with any weights at all (NaN, infinities, 1e308, the wrong
//! number of them). Nothing may panic; for finite data and weights of sensible size the loss and
//! gradient must be finite, as the softmax's shift by the largest score promises; a live training
//! run with any step size either records finite losses or stops as diverged.

use crate::common;
use crate::hostile_numbers::{hostile_f64, robustness_config};
use downhill_core::classifiers::{LossKind, linear, softmax};
use downhill_core::data::Dataset;
use downhill_core::gradient::check::{Kinks, SinglePrecisionLoss};
use downhill_core::live_training::{LiveSettings, LiveTraining};
use downhill_core::objective::Objective;
use proptest::prelude::*;
use std::rc::Rc;

/// A small data set of any shape: 1 to 5 features, 1 to 4 classes, 0 to 6 rows, features within
/// +-1000.
fn small_data() -> impl Strategy<Value = Dataset> {
    (1usize..6, 1usize..5, 0usize..7).prop_flat_map(|(n_features, n_classes, n_rows)| {
        (
            prop::collection::vec(-1e3..1e3_f64, n_rows * n_features),
            prop::collection::vec(0..n_classes, n_rows),
        )
            .prop_map(move |(features, labels)| {
                Dataset::new(features, labels, n_features, n_classes)
                    .expect("the pieces are drawn to fit")
            })
    })
}

/// Exercises every entry point of one loss on `weights`, whatever their length and values.
fn touch_everything(data: &Dataset, weights: &[f64], reg: f64) {
    for kind in LossKind::ALL {
        let objective = kind.on(data, reg);
        let mut gradient = vec![0.0; weights.len()];
        let _ = objective.loss_and_gradient(weights, &mut gradient);
        let _ = objective.loss(weights);
        let _ = objective.winners(weights);
        let single: Vec<f32> = weights.iter().map(|&weight| weight as f32).collect();
        let _ = objective.loss_f32(&single);
    }
    let _ = linear::scores(data, weights);
    let _ = linear::predict(data, weights);
    let _ = linear::accuracy(data, weights);
    let _ = softmax::probabilities(data, weights);
}

proptest! {
    #![proptest_config(robustness_config(256))]

    #[test]
    fn no_loss_or_gradient_panics_on_any_weights(
        data in small_data(),
        weights in prop::collection::vec(hostile_f64(), 0..25),
        reg in hostile_f64(),
    ) {
        // Any length, not just the right one: a wrong length must come back as an error or NaN.
        touch_everything(&data, &weights, reg);
        let right_length: Vec<f64> = weights.iter().copied().cycle().take(data.n_weights()).collect();
        if !right_length.is_empty() {
            touch_everything(&data, &right_length, reg);
        }
    }

    #[test]
    fn the_losses_are_finite_for_finite_weights_of_any_sensible_size(
        data in small_data(),
        scale in prop::sample::select(vec![0.0, 1e-3, 1.0, 1e3, 1e12, 1e100]),
        unit_weights in prop::collection::vec(-1.0..1.0_f64, 20),
        reg in prop_oneof![0.0..1e3_f64, Just(0.0)],
    ) {
        let weights: Vec<f64> = unit_weights
            .iter()
            .cycle()
            .take(data.n_weights())
            .map(|weight| weight * scale)
            .collect();
        for kind in LossKind::ALL {
            let objective = kind.on(&data, reg);
            let mut gradient = vec![0.0; weights.len()];
            let loss = objective.loss_and_gradient(&weights, &mut gradient);
            prop_assert!(loss.is_finite() && loss >= 0.0, "{} loss {loss}", kind.name());
            prop_assert!(
                gradient.iter().all(|entry| entry.is_finite()),
                "{} gradient {gradient:?}", kind.name()
            );
            let alone = objective.loss(&weights);
            prop_assert!(alone.is_finite(), "{} loss alone {alone}", kind.name());
        }
    }
}

proptest! {
    #![proptest_config(robustness_config(16))]

    #[test]
    fn the_digits_losses_never_panic_and_stay_finite_for_huge_weights(
        scale in prop::sample::select(vec![1e-3, 1.0, 1e6, 1e100]),
        seed in any::<u64>(),
        reg in 0.0..10.0_f64,
        poison in prop::option::of((0usize..650, hostile_f64())),
    ) {
        let data = common::prepared().train.head(5);
        let mut weights = common::random_weights(data.n_weights(), scale, seed);
        for kind in LossKind::ALL {
            let loss = kind.on(&data, reg).loss(&weights);
            prop_assert!(loss.is_finite(), "{} at scale {scale}: {loss}", kind.name());
        }
        if let Some((index, value)) = poison {
            weights[index] = value;
            touch_everything(&data, &weights, reg);
        }
    }

    #[test]
    fn a_live_run_with_any_step_size_records_finite_losses_or_stops_as_diverged(
        learning_rate in prop_oneof![1e-4..10.0_f64, Just(1e6), Just(1e300), Just(f64::MAX)],
        reg in prop_oneof![0.0..1.0_f64, Just(1e300)],
        batch_size in 1usize..30,
        kind in prop::sample::select(LossKind::ALL.to_vec()),
        seed in any::<u64>(),
    ) {
        let tiny = Rc::new(common::prepared().train.head(20));
        let settings = LiveSettings {
            loss_kind: kind,
            reg,
            learning_rate,
            batch_size,
            n_epochs: 5,
            seed,
        };
        let mut run = LiveTraining::new(tiny.clone(), tiny, settings).expect("same features");
        let mut n_steps = 0;
        while run.step() {
            n_steps += 1;
            prop_assert!(n_steps <= run.total_steps(), "the run went past its steps");
        }
        prop_assert!(run.is_finished());
        // Every epoch record is finite; a step's record is finite except the one step that
        // diverged, which the run names (and which the dashboard draws and exports as missing).
        for record in run.epochs() {
            prop_assert!(record.train_loss.is_finite(), "{record:?}");
        }
        let diverged_step = run.diverged().map(|divergence| divergence.step);
        for (index, step) in run.steps().iter().enumerate() {
            if Some(index) != diverged_step {
                prop_assert!(step.batch_loss.is_finite(), "step {index}: {step:?}");
            }
        }
        prop_assert!(run.weights().iter().all(|weight| weight.is_finite()) || diverged_step.is_some());
    }
}
