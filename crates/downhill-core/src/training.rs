//! Gradient descent as the lessons write it: the plain update W <- W - step_size * dW, on the full
//! data (batch gradient descent), on random minibatches, or on one example at a time (SGD).
//!
//! These loops do the update themselves, because they are the lessons' listings; the optimizers with
//! momentum or adaptive steps live in `optimizers`. Each loop counts its loss evaluations (one
//! evaluation of loss and analytic gradient counts as one, as it costs about as much as a loss alone),
//! so that gradient descent can be set against random search on the same budget.

use crate::classifiers::{LossKind, linear};
use crate::data::{Dataset, LengthMismatch, check_length};
use crate::minibatch::sample_minibatch;
use crate::objective::Objective;
use crate::rng::Rng;

/// The result of a run of full-batch gradient descent.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct DescentRun {
    /// The weights after the last step.
    pub weights: Vec<f64>,
    /// The loss at the start of each step, before its update (so `losses[0]` is the initial loss).
    pub losses: Vec<f64>,
    /// Evaluations of loss and gradient: one per step.
    pub n_loss_evaluations: usize,
    /// The step whose loss was not a finite number, where the run stopped.
    pub diverged_at: Option<usize>,
}

// ANCHOR: gradient_descent
/// Vanilla gradient descent: `n_steps` times, evaluate the gradient of the loss at the weights and
/// step against it, W <- W - step_size * dW. Stops early if the loss stops being a finite number.
pub fn gradient_descent<O: Objective + ?Sized>(
    objective: &O,
    initial_weights: &[f64],
    step_size: f64,
    n_steps: usize,
) -> Result<DescentRun, LengthMismatch> {
    check_length("weights", objective.dimension(), initial_weights.len())?;
    let mut weights = initial_weights.to_vec();
    let mut weights_grad = vec![0.0; weights.len()];
    let mut losses = Vec::with_capacity(n_steps);
    for step_idx in 0..n_steps {
        let loss = objective.loss_and_gradient(&weights, &mut weights_grad);
        losses.push(loss);
        if !loss.is_finite() {
            return Ok(DescentRun {
                weights,
                n_loss_evaluations: losses.len(),
                losses,
                diverged_at: Some(step_idx),
            });
        }
        for (weight, grad) in weights.iter_mut().zip(&weights_grad) {
            *weight += -step_size * grad; // The parameter update.
        }
    }
    Ok(DescentRun {
        weights,
        n_loss_evaluations: losses.len(),
        losses,
        diverged_at: None,
    })
}
// ANCHOR_END: gradient_descent

/// What each minibatch step computes: which loss, how strongly regularized, how far to step and how
/// many examples per batch.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct MinibatchSettings {
    pub loss_kind: LossKind,
    /// The regularization strength of the loss (see [`crate::classifiers`]).
    pub reg: f64,
    /// The learning rate of the plain update.
    pub step_size: f64,
    /// Examples per batch: 1 is single-example SGD; the size of the data or more is full-batch
    /// gradient descent (each "batch" is then the whole data in a random order).
    pub batch_size: usize,
}

// ANCHOR: minibatch_gradient_descent
/// Minibatch gradient descent: `n_steps` times, sample a random batch of the training data, evaluate
/// the gradient of the loss on that batch alone, and step against it. Returns the loss of each batch;
/// stops early if one is not a finite number.
pub fn minibatch_gradient_descent(
    data: &Dataset,
    settings: &MinibatchSettings,
    weights: &mut [f64],
    n_steps: usize,
    rng: &mut Rng,
) -> Result<Vec<f64>, LengthMismatch> {
    check_length("weights", data.n_weights(), weights.len())?;
    let mut weights_grad = vec![0.0; weights.len()];
    let mut batch_losses = Vec::with_capacity(n_steps);
    for _ in 0..n_steps {
        let data_batch = sample_minibatch(data, settings.batch_size, rng);
        let objective = settings.loss_kind.on(&data_batch, settings.reg);
        let loss = objective.loss_and_gradient(weights, &mut weights_grad);
        batch_losses.push(loss);
        if !loss.is_finite() {
            break;
        }
        for (weight, grad) in weights.iter_mut().zip(&weights_grad) {
            *weight += -settings.step_size * grad; // The parameter update.
        }
    }
    Ok(batch_losses)
}
// ANCHOR_END: minibatch_gradient_descent

/// How much data each step of [`train`] sees.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Batching {
    /// Every step uses all the training data: one step per epoch.
    FullBatch,
    /// Every step uses a random batch of this many examples: about n / B steps per epoch.
    Minibatch(usize),
    /// Every step uses one random example (stochastic gradient descent): n steps per epoch.
    SingleExample,
}

impl Batching {
    /// The batch size on data of `n_examples` (at least 1).
    pub fn batch_size(self, n_examples: usize) -> usize {
        match self {
            Batching::FullBatch => n_examples.max(1),
            Batching::Minibatch(batch_size) => batch_size.max(1),
            Batching::SingleExample => 1,
        }
    }

    /// Steps per epoch: enough batches to see about as many examples as there are, ceil(n / B).
    pub fn steps_per_epoch(self, n_examples: usize) -> usize {
        n_examples.div_ceil(self.batch_size(n_examples)).max(1)
    }
}

/// The settings of a training run by [`train`].
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct TrainingSettings {
    pub loss_kind: LossKind,
    pub reg: f64,
    /// The learning rate of the plain update.
    pub step_size: f64,
    pub batching: Batching,
    /// Passes over the training data.
    pub n_epochs: usize,
    /// Seeds the batches, so the same settings replay the same run.
    pub seed: u64,
}

/// What is measured at the end of each epoch, on all the data (these evaluations are bookkeeping, not
/// part of the algorithm, and are not counted in [`TrainingRun::n_gradient_evaluations`]).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct EpochRecord {
    /// 1 for the end of the first epoch.
    pub epoch: usize,
    /// The loss on all the training data.
    pub train_loss: f64,
    pub train_accuracy: f64,
    /// The accuracy on the validation data, when some was given.
    pub validation_accuracy: Option<f64>,
}

/// The result of [`train`].
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct TrainingRun {
    pub weights: Vec<f64>,
    /// The loss of every batch, step by step.
    pub step_losses: Vec<f64>,
    /// The state before training (epoch 0) and after each epoch.
    pub epochs: Vec<EpochRecord>,
    /// Gradient evaluations made by the algorithm, one per step (each on one batch).
    pub n_gradient_evaluations: usize,
    /// Examples that went into those gradients, summed over the steps.
    pub n_examples_processed: usize,
    /// The step whose batch loss was not a finite number, where the run stopped.
    pub diverged_at: Option<usize>,
}

/// Trains a linear classifier on `data` from `initial_weights` with the plain update, epoch by epoch,
/// recording the loss of every step and the loss and accuracies at the end of every epoch.
pub fn train(
    data: &Dataset,
    validation: Option<&Dataset>,
    initial_weights: &[f64],
    settings: &TrainingSettings,
) -> Result<TrainingRun, LengthMismatch> {
    check_length("weights", data.n_weights(), initial_weights.len())?;
    if let Some(validation) = validation {
        check_length(
            "a linear classifier on the validation data",
            data.n_weights(),
            validation.n_weights(),
        )?;
    }
    let minibatch_settings = MinibatchSettings {
        loss_kind: settings.loss_kind,
        reg: settings.reg,
        step_size: settings.step_size,
        batch_size: settings.batching.batch_size(data.len()),
    };
    let steps_per_epoch = settings.batching.steps_per_epoch(data.len());
    let mut rng = Rng::new(settings.seed);
    let mut weights = initial_weights.to_vec();
    let mut run = TrainingRun {
        weights: Vec::new(),
        step_losses: Vec::with_capacity(steps_per_epoch * settings.n_epochs),
        epochs: vec![epoch_record(0, data, validation, &weights, settings)?],
        n_gradient_evaluations: 0,
        n_examples_processed: 0,
        diverged_at: None,
    };
    for epoch in 1..=settings.n_epochs {
        let batch_losses = minibatch_gradient_descent(
            data,
            &minibatch_settings,
            &mut weights,
            steps_per_epoch,
            &mut rng,
        )?;
        let steps_before = run.step_losses.len();
        run.n_gradient_evaluations += batch_losses.len();
        run.n_examples_processed +=
            batch_losses.len() * minibatch_settings.batch_size.min(data.len());
        let first_bad = batch_losses.iter().position(|loss| !loss.is_finite());
        run.step_losses.extend(batch_losses);
        if let Some(bad_idx) = first_bad {
            run.diverged_at = Some(steps_before + bad_idx);
            break;
        }
        run.epochs
            .push(epoch_record(epoch, data, validation, &weights, settings)?);
    }
    run.weights = weights;
    Ok(run)
}

fn epoch_record(
    epoch: usize,
    data: &Dataset,
    validation: Option<&Dataset>,
    weights: &[f64],
    settings: &TrainingSettings,
) -> Result<EpochRecord, LengthMismatch> {
    Ok(EpochRecord {
        epoch,
        train_loss: settings.loss_kind.on(data, settings.reg).loss(weights),
        train_accuracy: linear::accuracy(data, weights)?,
        validation_accuracy: validation
            .map(|validation| linear::accuracy(validation, weights))
            .transpose()?,
    })
}

/// The loss after one step of each size from the same weights: W_new = W - step_size * dW. The
/// lesson's step-size table uses 1e-10 to 1e-1.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct StepSizeTrial {
    pub step_size: f64,
    pub loss: f64,
}

/// Evaluates the gradient once at `weights`, then the loss after one step of each of `step_sizes`.
/// Returns the loss at `weights` and one trial per step size.
pub fn step_size_sweep<O: Objective + ?Sized>(
    objective: &O,
    weights: &[f64],
    step_sizes: &[f64],
) -> Result<(f64, Vec<StepSizeTrial>), LengthMismatch> {
    check_length("weights", objective.dimension(), weights.len())?;
    let mut gradient = vec![0.0; weights.len()];
    let original_loss = objective.loss_and_gradient(weights, &mut gradient);
    let trials = step_sizes
        .iter()
        .map(|&step_size| {
            let new_weights: Vec<f64> = weights
                .iter()
                .zip(&gradient)
                .map(|(weight, grad)| weight - step_size * grad)
                .collect();
            StepSizeTrial {
                step_size,
                loss: objective.loss(&new_weights),
            }
        })
        .collect();
    Ok((original_loss, trials))
}

/// The step sizes of the lesson's table: 1e-10, 1e-9, ..., 1e-1.
pub fn lesson_step_sizes() -> Vec<f64> {
    (-10..=-1).map(|exponent| 10f64.powi(exponent)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gradient::check::ReluSum;

    /// f(w) = 0.5 * sum w^2 is the softmax-free way to check the update by hand: its gradient is w,
    /// so one step of size a multiplies every weight by (1 - a).
    struct HalfSquaredNorm;

    impl Objective for HalfSquaredNorm {
        fn dimension(&self) -> usize {
            2
        }

        fn loss_and_gradient(&self, params: &[f64], gradient: &mut [f64]) -> f64 {
            gradient.copy_from_slice(params);
            0.5 * linear::dot(params, params)
        }
    }

    #[test]
    fn each_step_multiplies_the_weights_by_one_minus_the_step_size() {
        let run = gradient_descent(&HalfSquaredNorm, &[2.0, -4.0], 0.25, 3).unwrap();
        // Three steps of w <- 0.75 w from (2, -4): (0.84375, -1.6875); the losses are those at the
        // start of each step: 0.5 * (4 + 16) = 10, then 10 * 0.75^2, then 10 * 0.75^4.
        assert_eq!(run.weights, vec![0.84375, -1.6875]);
        assert_eq!(run.losses, vec![10.0, 5.625, 3.1640625]);
        assert_eq!(run.n_loss_evaluations, 3);
        assert_eq!(run.diverged_at, None);
    }

    #[test]
    fn a_run_that_leaves_finite_numbers_says_where() {
        // A step size of 1e300 sends the weights to about 1e300 after one step, and their squares
        // overflow to infinity at the second evaluation.
        let run = gradient_descent(&HalfSquaredNorm, &[1.0, 1.0], 1e300, 5).unwrap();
        assert_eq!(run.diverged_at, Some(1));
        assert_eq!(run.losses.len(), 2);
        assert!(gradient_descent(&ReluSum { dimension: 3 }, &[1.0], 0.1, 2).is_err());
    }

    #[test]
    fn batching_sizes_and_steps_per_epoch() {
        assert_eq!(Batching::FullBatch.steps_per_epoch(1077), 1);
        assert_eq!(Batching::Minibatch(100).steps_per_epoch(1077), 11);
        assert_eq!(Batching::SingleExample.steps_per_epoch(1077), 1077);
        assert_eq!(Batching::Minibatch(0).batch_size(10), 1);
        assert_eq!(Batching::FullBatch.steps_per_epoch(0), 1);
    }

    #[test]
    fn the_sweep_steps_from_the_same_point() {
        let (original, trials) =
            step_size_sweep(&HalfSquaredNorm, &[2.0, 0.0], &[0.5, 1.0, 3.0]).unwrap();
        // One step of size a from w = (2, 0) lands at (2 (1 - a), 0), loss 2 (1 - a)^2.
        assert_eq!(original, 2.0);
        let losses: Vec<f64> = trials.iter().map(|trial| trial.loss).collect();
        assert_eq!(losses, vec![0.5, 0.0, 8.0]);
        assert_eq!(lesson_step_sizes().len(), 10);
    }
}
