//! Outputs about single gradients and losses: the step-size table, the initial-loss sanity check,
//! and a gradient check.

use downhill_core::classifiers::{softmax, svm};
use downhill_core::gradient::check::{Coordinates, gradient_check};
use downhill_core::gradient::numerical::forward_difference;
use downhill_core::rng::Rng;
use downhill_plots::step_size::SWEEP_LOG10_STEP_RANGE;

use super::prepared_digits;
use super::table::{Table, count, fixed, scientific};
use crate::resources::Resources;

/// The seed of the random weights these outputs start from.
const WEIGHTS_SEED: u64 = 1;

/// Small random weights, as the documents draw them: standard normal times 0.001.
const WEIGHT_SCALE: f64 = 0.001;

/// The step of the numerical gradient, the documents' `h = 1e-5`.
const H: f64 = 1e-5;

/// Loss after one step `W - eta * dW` for `eta = 1e-10 .. 1e3` (the range of the `step-size-sweep`
/// demo, [`SWEEP_LOG10_STEP_RANGE`]), where `dW` is the forward-difference gradient of the SVM loss (no
/// regularization) on the training images at small random `W`: the document's experiment, with its
/// numerical gradient.
pub fn step_size_table(resources: &Resources) -> Result<Table, String> {
    let prepared = prepared_digits(resources)?;
    let train = &prepared.train;
    let weights = Rng::new(WEIGHTS_SEED).normal_vec(train.n_weights(), WEIGHT_SCALE);
    let loss_of = |weights: &[f64]| svm::loss(train, weights, 0.0).unwrap_or(f64::NAN);
    let original_loss = loss_of(&weights);
    let gradient = forward_difference(loss_of, &weights, H).map_err(|error| error.to_string())?;
    let mut rows = Vec::new();
    // The document's table stops at 1e-1, where CIFAR-10's raw pixels had long since blown the loss
    // up; our scaled digits still improve there (the loss turns near a step of 1), so the table goes
    // on to 1e3 to show the whole story: too small, best, too large. It spans the sweep demo's range,
    // whose dots are this table's rows.
    let (low_exponent, high_exponent) = SWEEP_LOG10_STEP_RANGE;
    for exponent in (low_exponent as i32)..=(high_exponent as i32) {
        let step_size = 10f64.powi(exponent);
        let stepped: Vec<f64> = weights
            .iter()
            .zip(&gradient)
            .map(|(w, g)| w - step_size * g)
            .collect();
        rows.push(vec![
            format!("1e{}", exponent).replace('-', "−"),
            fixed(loss_of(&stepped), 6),
        ]);
    }
    Ok(Table {
        caption: format!(
            "SVM loss on the {} training digits after one step along the negative numerical gradient; \
             the loss before the step is {}.",
            count(train.len()),
            fixed(original_loss, 6)
        ),
        header: vec!["step size".to_string(), "loss after the step".to_string()],
        rows,
    })
}

/// The softmax and SVM losses at small random weights, next to what they should be for 10 classes:
/// `ln 10` for softmax (every class gets probability about 1/10) and `9` for the SVM (each of the 9
/// wrong classes violates the margin of 1 by about 1).
pub fn sanity_initial_loss(resources: &Resources) -> Result<Table, String> {
    let prepared = prepared_digits(resources)?;
    let train = &prepared.train;
    let weights = Rng::new(WEIGHTS_SEED).normal_vec(train.n_weights(), WEIGHT_SCALE);
    let n_wrong_classes = (train.n_classes() - 1) as f64;
    let softmax_loss = softmax::loss(train, &weights, 0.0).map_err(|error| error.to_string())?;
    let svm_loss = svm::loss(train, &weights, 0.0).map_err(|error| error.to_string())?;
    Ok(Table {
        caption: format!(
            "Loss of the {} training digits at weights 0.001 × N(0, 1), without regularization.",
            count(train.len())
        ),
        header: vec![
            "loss".to_string(),
            "ours".to_string(),
            "expected".to_string(),
        ],
        rows: vec![
            vec![
                "softmax".to_string(),
                fixed(softmax_loss, 4),
                format!("ln 10 = {}", fixed((train.n_classes() as f64).ln(), 4)),
            ],
            vec![
                "SVM".to_string(),
                fixed(svm_loss, 4),
                fixed(n_wrong_classes * svm::DELTA, 0),
            ],
        ],
    })
}

/// How many coordinates the gradient-check example shows.
const N_CHECKED: usize = 6;

/// A few rows of a gradient check of the softmax loss (with a little regularization) at small random
/// weights: analytic and centered-difference derivatives and their relative error.
pub fn gradient_check_example(resources: &Resources) -> Result<Table, String> {
    let prepared = prepared_digits(resources)?;
    let train = &prepared.train;
    let weights = Rng::new(WEIGHTS_SEED).normal_vec(train.n_weights(), WEIGHT_SCALE);
    let reg = 1e-3;
    let objective = softmax::SoftmaxLoss::new(train, reg);
    let coordinates = Coordinates::Sampled {
        count: N_CHECKED,
        seed: WEIGHTS_SEED,
    };
    let rows =
        gradient_check(&objective, &weights, &coordinates, H).map_err(|error| error.to_string())?;
    let n_features = train.n_features();
    Ok(Table {
        caption: format!(
            "Gradient check of the softmax loss (regularization {}) on the {} training digits, h = {}.",
            scientific(reg, 0),
            count(train.len()),
            scientific(H, 0)
        ),
        header: ["weight", "analytic", "numerical", "relative error"]
            .map(str::to_string)
            .to_vec(),
        rows: rows
            .iter()
            .map(|row| {
                vec![
                    format!("W[{}, {}]", row.index / n_features, row.index % n_features),
                    scientific(row.analytic, 6),
                    scientific(row.numerical, 6),
                    scientific(row.relative_error, 2),
                ]
            })
            .collect(),
    })
}
