//! The document's sanity checks before training, on the real digits: the initial loss at small random
//! weights, the effect of regularization, and overfitting a tiny subset.

use crate::common;
use downhill_core::classifiers::{LossKind, linear};
use downhill_core::data::N_CLASSES;
use downhill_core::objective::Objective;
use downhill_core::training::gradient_descent;

/// The largest |score| any training example gets from `weights`.
fn largest_score(weights: &[f64]) -> f64 {
    linear::scores(&common::prepared().train, weights)
        .unwrap()
        .iter()
        .fold(0.0, |largest, score| f64::max(largest, score.abs()))
}

#[test]
fn small_random_weights_give_the_expected_initial_losses() {
    let train = &common::prepared().train;
    // The document's initialization: 0.0001 * N(0, 1), and no regularization.
    let weights = common::random_weights(train.n_weights(), 0.0001, 7);
    let softmax_loss = LossKind::Softmax.on(train, 0.0).loss(&weights);
    let svm_loss = LossKind::Svm.on(train, 0.0).loss(&weights);
    let n_classes = N_CLASSES as f64;
    println!(
        "initial loss at 0.0001 * N(0, 1): softmax {softmax_loss:.6} (ln 10 = {:.6}), SVM {svm_loss:.6} (9)",
        n_classes.ln()
    );
    // With every score within s of 0, each softmax term ln(sum_j e^(s_j - s_y)) is within 2s of ln 10,
    // and each SVM margin s_j - s_y + 1 is within 2s of 1 (and positive, as 2s < 1), so the sum of
    // the 9 margins is within 18s of 9. Here s is about 1e-3, so the bounds are tight.
    let s = largest_score(&weights);
    assert!(s < 0.01, "largest score {s}");
    assert!((softmax_loss - n_classes.ln()).abs() <= 2.0 * s);
    assert!((svm_loss - (n_classes - 1.0)).abs() <= 2.0 * (n_classes - 1.0) * s);
    assert!((softmax_loss - 2.302).abs() < 0.01);
    assert!((svm_loss - 9.0).abs() < 0.1);
}

#[test]
fn raising_the_regularization_raises_the_loss() {
    let train = &common::prepared().train;
    let weights = common::random_weights(train.n_weights(), 0.01, 8);
    let squared_norm = linear::dot(&weights, &weights);
    for kind in LossKind::ALL {
        let losses: Vec<f64> = [0.0, 0.1, 1.0, 10.0]
            .iter()
            .map(|&reg| kind.on(train, reg).loss(&weights))
            .collect();
        assert!(
            losses.windows(2).all(|pair| pair[1] > pair[0]),
            "{}: {losses:?}",
            kind.name()
        );
        // The rise is exactly the penalty: L(10) - L(0) = 0.5 * 10 * |W|^2.
        let rise = losses[3] - losses[0];
        assert!((rise - 5.0 * squared_norm).abs() < 1e-9 * rise.max(1.0));
    }
}

#[test]
fn twenty_examples_can_be_overfit_to_zero_loss() {
    let tiny = common::prepared().train.head(20);
    let initial_weights = common::random_weights(tiny.n_weights(), 0.0001, 9);
    for (kind, step_size, n_steps, loss_target) in [
        // The SVM loss reaches exactly zero once every margin is met.
        (LossKind::Svm, 0.5, 300, 1e-9),
        // The softmax loss only approaches zero: a few thousand steps bring it under 0.01.
        (LossKind::Softmax, 2.0, 3000, 0.01),
    ] {
        let objective = kind.on(&tiny, 0.0);
        let run = gradient_descent(&objective, &initial_weights, step_size, n_steps).unwrap();
        let final_loss = objective.loss(&run.weights);
        let accuracy = linear::accuracy(&tiny, &run.weights).unwrap();
        println!(
            "{}: 20 examples after {n_steps} steps: loss {final_loss:.2e}, accuracy {accuracy}",
            kind.name()
        );
        assert!(
            final_loss < loss_target,
            "{} loss {final_loss}",
            kind.name()
        );
        assert_eq!(accuracy, 1.0);
        // Overfitting is not learning: the same weights do much worse on data they never saw.
        let validation_accuracy =
            linear::accuracy(&common::prepared().validation, &run.weights).unwrap();
        println!("  the same weights on the validation digits: accuracy {validation_accuracy:.3}");
        assert!(validation_accuracy < 0.95);
    }
}
