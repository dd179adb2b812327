//! Hostile numbers for the classifiers: both losses, their gradients and everything built on them, on
//! small random data and on a few digits, with any weights at all (NaN, infinities, 1e308, the wrong
//! number of them). Nothing may panic, and nothing may return a wrong finite number: every entry point
//! gives an error or NaN for the wrong number of weights, and a loss that is finite is the one its
//! formula gives. For finite data and weights of sensible size the loss and gradient must be finite,
//! as the softmax's shift by the largest score promises; a live training run with any step size
//! either records finite losses or stops as diverged.

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

/// Calls every entry point of both losses and of the linear classifier on `weights`, whatever their
/// length and values, and checks what each promises. Weights of the wrong length come back as an
/// error or NaN. With the right length, a non-finite weight or strength gives a loss that is not
/// finite either, and a finite loss is the one the formula gives: never a panic, never a wrong finite
/// number. A non-finite loss from finite inputs is allowed only where the numbers overflow.
fn touch_everything(data: &Dataset, weights: &[f64], reg: f64) -> Result<(), TestCaseError> {
    let right_length = weights.len() == data.n_weights();
    let inputs_finite = weights.iter().all(|weight| weight.is_finite()) && reg.is_finite();
    let single: Vec<f32> = weights.iter().map(|&weight| weight as f32).collect();
    let single_finite = single.iter().all(|weight| weight.is_finite()) && (reg as f32).is_finite();
    for kind in LossKind::ALL {
        let name = kind.name();
        let objective = kind.on(data, reg);
        let mut gradient = vec![0.0; weights.len()];
        let with_gradient = objective.loss_and_gradient(weights, &mut gradient);
        let alone = objective.loss(weights);
        let winners = objective.winners(weights);
        let single_loss = objective.loss_f32(&single);
        if !right_length {
            prop_assert!(
                with_gradient.is_nan() && alone.is_nan(),
                "{name}: {with_gradient}, {alone}"
            );
            prop_assert!(
                gradient.iter().all(|entry| entry.is_nan()),
                "{name}: {gradient:?}"
            );
            prop_assert!(winners.is_empty(), "{name}: {winners:?}");
            prop_assert!(single_loss.is_nan(), "{name} in f32: {single_loss}");
            continue;
        }
        let expected_winners = match kind {
            LossKind::Svm => data.len() * data.n_classes(),
            LossKind::Softmax => 0,
        };
        prop_assert_eq!(winners.len(), expected_winners, "{} winners", name);
        let formula = loss_by_formula(kind, data, weights, reg);
        for loss in [with_gradient, alone] {
            check_loss(loss, inputs_finite, &formula, 1e-10, 1e300)
                .map_err(|why| TestCaseError::fail(format!("{name}: {why}")))?;
        }
        let rounded: Vec<f64> = single.iter().map(|&weight| f64::from(weight)).collect();
        let formula = loss_by_formula(kind, data, &rounded, f64::from(reg as f32));
        check_loss(f64::from(single_loss), single_finite, &formula, 1e-3, 1e36)
            .map_err(|why| TestCaseError::fail(format!("{name} in f32: {why}")))?;
    }
    check_linear(data, weights, right_length)
}

/// A loss worked out from its formula, with the sizes that say how closely a correct implementation
/// must match it.
struct FormulaLoss {
    value: f64,
    /// `sum |w_jk x_ik| / N + |penalty|`: the numbers summed on the way, which bounds how far two
    /// correct summation orders can differ.
    scale: f64,
    /// The largest number formed on the way, the sum of squared weights included: the penalty forms
    /// that sum before multiplying by the strength, so it can overflow even when the strength is 0.
    largest: f64,
}

/// What a loss may be: not finite when its inputs are not; when they are, the formula's value to
/// within `tolerance` of its scale, or not finite only if a number on the way reaches `overflow`
/// (the largest finite value is about 1.8e308 in f64 and 3.4e38 in f32; the limits passed leave room
/// for sums of many such numbers).
fn check_loss(
    loss: f64,
    inputs_finite: bool,
    formula: &FormulaLoss,
    tolerance: f64,
    overflow: f64,
) -> Result<(), String> {
    let FormulaLoss {
        value,
        scale,
        largest,
    } = *formula;
    // A NaN counts as overflow too: it comes from infinities met along the way.
    let overflows = largest.is_nan() || largest >= overflow;
    if !inputs_finite {
        return match loss.is_finite() {
            true => Err(format!(
                "a finite loss {loss} from a non-finite weight or strength"
            )),
            false => Ok(()),
        };
    }
    if !loss.is_finite() {
        return match overflows {
            true => Ok(()),
            false => Err(format!(
                "loss {loss} from finite inputs (largest number {largest})"
            )),
        };
    }
    if !overflows && (loss - value).abs() > tolerance * (1.0 + scale) {
        return Err(format!(
            "loss {loss}, but the formula gives {value} (scale {scale})"
        ));
    }
    Ok(())
}

/// The loss written out from its formula, one example and one class at a time (the SVM's hinges with
/// margin 1, or the softmax's log-sum-exp shifted by the largest score), plus `0.5 * reg * sum W^2`.
fn loss_by_formula(kind: LossKind, data: &Dataset, weights: &[f64], reg: f64) -> FormulaLoss {
    let n_features = data.n_features();
    let (mut data_loss, mut summed) = (0.0, 0.0);
    for (example_idx, &label) in data.labels().iter().enumerate() {
        let example = data.example(example_idx);
        let mut scores = Vec::new();
        for class_weights in weights.chunks_exact(n_features) {
            let products = class_weights.iter().zip(example).map(|(w, x)| w * x);
            scores.push(products.clone().sum::<f64>());
            summed += products.map(f64::abs).sum::<f64>();
        }
        let correct = scores[label];
        data_loss += match kind {
            LossKind::Svm => scores
                .iter()
                .enumerate()
                .filter(|(class, _)| *class != label)
                .map(|(_, score)| (score - correct + 1.0).max(0.0))
                .sum::<f64>(),
            LossKind::Softmax => {
                let largest = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let sum_exp: f64 = scores.iter().map(|score| (score - largest).exp()).sum();
                sum_exp.ln() - (correct - largest)
            }
        };
    }
    let n_examples = data.len().max(1) as f64;
    let sum_of_squares: f64 = weights.iter().map(|weight| weight * weight).sum();
    let penalty = 0.5 * reg * sum_of_squares;
    let scale = summed / n_examples + penalty.abs();
    FormulaLoss {
        value: data_loss / n_examples + penalty,
        scale,
        largest: scale.max(sum_of_squares),
    }
}

/// The scores and what is built on them: errors for weights of the wrong length; otherwise a score
/// per example and class, a valid class per example, the accuracy those predictions make, and
/// probabilities that are NaN across a row with a NaN score and sum to 1 across a finite one.
fn check_linear(data: &Dataset, weights: &[f64], right_length: bool) -> Result<(), TestCaseError> {
    let (scores, predictions) = (
        linear::scores(data, weights),
        linear::predict(data, weights),
    );
    let (accuracy, probabilities) = (
        linear::accuracy(data, weights),
        softmax::probabilities(data, weights),
    );
    if !right_length {
        prop_assert!(scores.is_err() && predictions.is_err());
        prop_assert!(accuracy.is_err() && probabilities.is_err());
        return Ok(());
    }
    let n_classes = data.n_classes();
    let (Ok(scores), Ok(predictions), Ok(accuracy), Ok(probabilities)) =
        (scores, predictions, accuracy, probabilities)
    else {
        return Err(TestCaseError::fail(
            "an error for weights of the right length",
        ));
    };
    prop_assert_eq!(scores.len(), data.len() * n_classes);
    prop_assert_eq!(predictions.len(), data.len());
    prop_assert!(predictions.iter().all(|&class| class < n_classes));
    let n_correct = predictions
        .iter()
        .zip(data.labels())
        .filter(|(predicted, label)| predicted == label)
        .count();
    let expected_accuracy = n_correct as f64 / data.len().max(1) as f64;
    prop_assert_eq!(accuracy, expected_accuracy);
    prop_assert_eq!(probabilities.len(), scores.len());
    for (row, row_scores) in probabilities
        .chunks_exact(n_classes)
        .zip(scores.chunks_exact(n_classes))
    {
        if row_scores.iter().any(|score| score.is_nan()) {
            prop_assert!(row.iter().all(|p| p.is_nan()), "{row:?} for {row_scores:?}");
        } else if row_scores.iter().all(|score| score.is_finite()) {
            prop_assert!(row.iter().all(|p| (0.0..=1.0).contains(p)), "{row:?}");
            prop_assert!((row.iter().sum::<f64>() - 1.0).abs() <= 1e-12, "{row:?}");
        }
    }
    Ok(())
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
        touch_everything(&data, &weights, reg)?;
        let right_length: Vec<f64> = weights.iter().copied().cycle().take(data.n_weights()).collect();
        if !right_length.is_empty() {
            touch_everything(&data, &right_length, reg)?;
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
            touch_everything(&data, &weights, reg)?;
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
