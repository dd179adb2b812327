//! Analytic gradients of both classifier losses against finite differences, the kink flag of the
//! gradient check, and why gradient checks are done in double precision.

use crate::common;
use downhill_core::classifiers::{LossKind, SvmLoss, svm};
use downhill_core::data::Dataset;
use downhill_core::gradient::check::{
    CheckRow, Coordinates, ErrorBand, gradient_check, gradient_check_f32,
};
use downhill_core::gradient::numerical::{Difference, numerical_gradient};
use downhill_core::objective::Objective;
use proptest::prelude::*;

/// The first few training digits: few examples mean few kinks in the SVM loss (the lesson's advice for
/// gradient checks), and keep the 1,300 loss evaluations of a full check cheap.
fn few_digits(n_examples: usize) -> Dataset {
    common::prepared().train.head(n_examples)
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// A row passes when the two derivatives agree to a relative error of 1e-6, or to within the rounding
/// noise of the centered difference itself, which is what matters for derivatives near zero (there
/// the relative error divides noise by noise). Each loss is rounded by about f64::EPSILON * |loss| and
/// the difference of two losses is divided by 2h, so the noise is a small multiple of
/// EPSILON * |loss| / h; the truncation error, about h^2 / 6 times a third derivative, is some 1e-11
/// at h = 1e-5 and covered by the constant.
fn agrees(row: &CheckRow, loss: f64, h: f64) -> bool {
    let noise_floor = 4.0 * f64::EPSILON * loss.abs().max(1.0) / h + 1e-11;
    row.relative_error < 1e-6 || (row.analytic - row.numerical).abs() < noise_floor
}

proptest! {
    // Failures are reported with their inputs rather than saved to a file in the source tree.
    #![proptest_config(ProptestConfig {
        cases: 24,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn analytic_gradients_match_centered_differences_away_from_kinks(
        seed in any::<u64>(),
        scale in 0.05f64..3.0,
        reg in 0.0f64..0.5,
        kind in prop::sample::select(LossKind::ALL.to_vec()),
    ) {
        let data = few_digits(8);
        let objective = kind.on(&data, reg);
        let weights = common::random_weights(data.n_weights(), scale, seed);
        let h = 1e-5;
        let rows = gradient_check(&objective, &weights, &Coordinates::All, h).unwrap();
        let loss = objective.loss(&weights);
        prop_assert_eq!(rows.len(), 650);
        for row in rows.iter().filter(|row| !row.kink_crossed) {
            prop_assert!(agrees(row, loss, h), "{} loss {} at {:?}", kind.name(), loss, row);
        }
        // Random weights are almost never within 1e-5 of a kink, so nearly every row counts.
        let n_kinks = rows.iter().filter(|row| row.kink_crossed).count();
        prop_assert!(n_kinks < 10, "{} rows crossed a kink", n_kinks);
        if kind == LossKind::Softmax {
            prop_assert_eq!(n_kinks, 0);
        }
    }

    #[test]
    fn the_vectorized_svm_loss_equals_the_one_example_at_a_time_loss(
        seed in any::<u64>(),
        scale in 0.0f64..2.0,
        reg in 0.0f64..1.0,
    ) {
        let data = few_digits(30);
        let weights = common::random_weights(data.n_weights(), scale, seed);
        let mut gradient = vec![0.0; weights.len()];
        let vectorized = svm::loss_and_gradient(&data, &weights, reg, &mut gradient).unwrap();
        let unvectorized = svm::loss_unvectorized(&data, &weights, reg).unwrap();
        let loss_only = SvmLoss::new(&data, reg).loss(&weights);
        prop_assert!((vectorized - unvectorized).abs() <= 1e-12 * vectorized.abs().max(1.0));
        prop_assert!((vectorized - loss_only).abs() <= 1e-12 * vectorized.abs().max(1.0));
    }
}

#[test]
fn the_check_flags_a_margin_sitting_exactly_on_its_kink() {
    // One example x = (1, 0.5) of class 0 and three classes. With w_0 = (1, 0), w_1 = (0, 0) and
    // w_2 = (-5, 0) the scores are (1, 0, -5): the margin of class 1 is 0 - 1 + 1 = 0, exactly on the
    // kink of its max(0, .), and that of class 2 is -5, far from it.
    let data = Dataset::new(vec![1.0, 0.5], vec![0], 2, 3).unwrap();
    let weights = [1.0, 0.0, 0.0, 0.0, -5.0, 0.0];
    let objective = SvmLoss::new(&data, 0.0);
    let h = 1e-5;
    let rows = gradient_check(&objective, &weights, &Coordinates::All, h).unwrap();
    // Moving w_0 or w_1 moves the class-1 margin by +-h (times x_k), across the kink: coordinates 0 to
    // 3. Moving w_2 only moves a margin near -5: coordinates 4 and 5.
    let flagged: Vec<bool> = rows.iter().map(|row| row.kink_crossed).collect();
    assert_eq!(flagged, vec![true, true, true, true, false, false]);
    // At the kink the analytic side takes the flat piece (derivative 0) while the centered difference
    // averages the two pieces: for w_0[0], (f(x + h) - f(x - h)) / 2h = (0 - h) / 2h = -0.5, a relative
    // error of 1 from correct code. Hence the flag.
    assert_eq!(rows[0].analytic, 0.0);
    assert!((rows[0].numerical + 0.5).abs() < 1e-6);
    assert_eq!(rows[0].band(), ErrorBand::Wrong);
    assert!(rows[4..].iter().all(|row| row.relative_error == 0.0));

    // Nudge w_1 down by 0.01 and the same margin sits at -0.01, a thousand steps of h from the kink:
    // nothing is flagged and every row agrees.
    let away = [1.0, 0.0, -0.01, 0.0, -5.0, 0.0];
    let rows = gradient_check(&objective, &away, &Coordinates::All, h).unwrap();
    let loss = objective.loss(&away);
    assert!(
        rows.iter()
            .all(|row| !row.kink_crossed && agrees(row, loss, h))
    );
}

#[test]
fn single_precision_checks_are_far_worse_than_double_precision_ones() {
    let data = few_digits(100);
    let objective = LossKind::Softmax.on(&data, 0.0);
    let weights = common::random_weights(data.n_weights(), 0.01, 3);
    let coordinates = Coordinates::Sampled { count: 40, seed: 4 };
    let h = 1e-5;
    let double = gradient_check(&objective, &weights, &coordinates, h).unwrap();
    let single = gradient_check_f32(&objective, &weights, &coordinates, h as f32).unwrap();
    let median_double = median(double.iter().map(|row| row.relative_error).collect());
    let median_single = median(single.iter().map(|row| row.relative_error).collect());
    println!("median relative error at h = 1e-5: f64 {median_double:.2e}, f32 {median_single:.2e}");
    // The loss is near ln 10 = 2.3. One f32 rounding of it is about 2.3 * 2^-24 = 1.4e-7, which divided
    // by 2h = 2e-5 is an error near 7e-3 in a derivative of a few hundredths: relative errors of
    // 1e-2 and up. In f64 the same rounding is 2^-29 times smaller, about 1e-11, far below 1e-6.
    assert!(median_double < 1e-6);
    assert!(median_single > 1e-3);
    let loss = objective.loss(&weights);
    assert!(double.iter().all(|row| agrees(row, loss, h)));
}

#[test]
fn the_forward_difference_is_far_less_accurate_than_the_centered_one() {
    let data = few_digits(50);
    let objective = LossKind::Softmax.on(&data, 0.1);
    let weights = common::random_weights(data.n_weights(), 0.5, 6);
    let mut analytic = vec![0.0; weights.len()];
    objective.loss_and_gradient(&weights, &mut analytic);
    let h = 1e-5;
    let forward = numerical_gradient(&objective, &weights, h, Difference::Forward).unwrap();
    let centered = numerical_gradient(&objective, &weights, h, Difference::Centered).unwrap();
    let worst_error = |numerical: &[f64]| {
        numerical
            .iter()
            .zip(&analytic)
            .map(|(n, a)| (n - a).abs())
            .fold(0.0, f64::max)
    };
    // Forward: error h/2 * f'' per coordinate, with second derivatives up to about 0.25 * x^2 + reg
    // here, so up to about 1e-6. Centered: error h^2/6 * f''', some 1e-11, plus rounding near 1e-11.
    let (forward_error, centered_error) = (worst_error(&forward), worst_error(&centered));
    println!(
        "worst absolute error at h = 1e-5: forward {forward_error:.2e}, centered {centered_error:.2e}"
    );
    assert!(forward_error > 100.0 * centered_error);
    assert!(centered_error < 1e-8);
}
