//! Training one minibatch step at a time, for the live training dashboard of the lesson on what to
//! watch before and during training, and the lesson's sanity checks.
//!
//! [`crate::training::train`] runs a whole training to its end in one call. A page that shows training
//! as it happens cannot wait for that: it must do a few steps, draw, and come back on the next
//! animation frame. [`LiveTraining`] is the same algorithm (sample a batch, evaluate the loss and
//! its gradient on that batch, take the plain step W <- W - learning_rate * dW) cut into single steps
//! that the caller drives, recording after every step what the lesson says to watch:
//!
//! - the loss of the batch the step used, placed on an epoch axis (the lesson plots against epochs,
//!   not iterations, because iterations depend on the batch size);
//! - the ratio of the size of the update to the size of the weights, ||dW_update|| / ||W||, which
//!   should be around 1e-3;
//! - at the end of each epoch, the loss on all the training data and the training and validation
//!   accuracies.
//!
//! The sanity checks ([`initial_loss_check`], [`regularization_check`], [`overfit_subset`] with
//! [`overfit_check_passes`]) are plain functions of data and weights, and each carries its own verdict,
//! as does the update-to-weight ratio ([`UpdateRatioVerdict`]): a page shows what is decided here.

use crate::classifiers::{LossKind, linear, svm};
use crate::data::{Dataset, LengthMismatch, check_length};
use crate::minibatch::sample_minibatch;
use crate::objective::Objective;
use crate::rng::Rng;
use crate::training::EpochRecord;
use std::rc::Rc;

/// The documents' small random initialization: every weight is 0.001 times a standard normal draw.
pub const INITIAL_WEIGHT_SCALE: f64 = 0.001;

/// How many examples the lesson's "overfit a tiny subset" check trains on.
pub const OVERFIT_SUBSET_SIZE: usize = 20;

/// The most epochs one live run may have: with single-example batches on the 1,077 training digits
/// that is about 215,000 steps, which the dashboard can still store and draw.
pub const MAX_EPOCHS: usize = 200;

/// A loss above this is taken as having blown up, as for the runs on the 2-D surfaces.
pub const DIVERGENCE_THRESHOLD: f64 = crate::trajectory::DIVERGENCE_THRESHOLD;

/// What one live run does.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LiveSettings {
    pub loss_kind: LossKind,
    /// The regularization strength of the loss.
    pub reg: f64,
    /// The learning rate of the plain update W <- W - learning_rate * dW.
    pub learning_rate: f64,
    /// Examples per batch; 1 is single-example SGD, the size of the data or more is the full batch.
    pub batch_size: usize,
    /// Passes over the training data before the run stops (at most [`MAX_EPOCHS`]).
    pub n_epochs: usize,
    /// Seeds the initial weights and the batches, so the same settings replay the same run.
    pub seed: u64,
}

/// What one step recorded.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct StepRecord {
    /// Where the step started on the epoch axis: step `k` of an epoch of `s` steps that is the `e`-th
    /// (from 0) starts at e + k / s.
    pub epoch: f64,
    /// The loss of the batch, evaluated before the update (so the first is the initial loss).
    pub batch_loss: f64,
    /// ||update|| / ||W|| with the weights before the update; NaN when W is all zeros.
    pub update_ratio: f64,
}

/// Why a run stopped early: the step at which the loss or the weights stopped being finite (or the
/// loss passed [`DIVERGENCE_THRESHOLD`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Divergence {
    /// The 0-based index of the step.
    pub step: usize,
}

/// A training run advanced one step at a time. See the module documentation.
#[derive(Clone, Debug)]
pub struct LiveTraining {
    train: Rc<Dataset>,
    validation: Rc<Dataset>,
    settings: LiveSettings,
    weights: Vec<f64>,
    gradient: Vec<f64>,
    rng: Rng,
    steps_per_epoch: usize,
    steps: Vec<StepRecord>,
    epochs: Vec<EpochRecord>,
    diverged: Option<Divergence>,
}

impl LiveTraining {
    /// A run from small random weights drawn with `settings.seed`. The state before training is
    /// measured as epoch 0 by [`LiveTraining::measure_start`] or, at the latest, by the first step:
    /// it costs three passes over the data, which a page restarting the run on every slider move
    /// would rather spend in the next animation frame. The validation data must have the same number of features as the
    /// training data. `n_epochs` is clamped to `1..=MAX_EPOCHS` and the batch size to at least 1.
    pub fn new(
        train: Rc<Dataset>,
        validation: Rc<Dataset>,
        settings: LiveSettings,
    ) -> Result<LiveTraining, LengthMismatch> {
        check_length(
            "features of the validation data",
            train.n_weights(),
            validation.n_weights(),
        )?;
        let settings = LiveSettings {
            batch_size: settings.batch_size.max(1),
            n_epochs: settings.n_epochs.clamp(1, MAX_EPOCHS),
            ..settings
        };
        let mut rng = Rng::new(settings.seed);
        let weights = draw_initial_weights(&mut rng, train.n_weights());
        let steps_per_epoch = train.len().div_ceil(settings.batch_size).max(1);
        let run = LiveTraining {
            gradient: vec![0.0; weights.len()],
            weights,
            rng,
            steps_per_epoch,
            steps: Vec::new(),
            epochs: Vec::new(),
            diverged: None,
            train,
            validation,
            settings,
        };
        Ok(run)
    }

    /// Measures the state before training as epoch 0, unless that is done already.
    pub fn measure_start(&mut self) {
        if self.epochs.is_empty() {
            let first = self.epoch_record(0);
            self.epochs.push(first);
        }
    }

    /// Takes one minibatch step and, if it ends an epoch, measures the epoch. Returns whether the run
    /// can go on (false once it has finished all its epochs or diverged; further calls do nothing).
    pub fn step(&mut self) -> bool {
        if self.is_finished() {
            return false;
        }
        self.measure_start();
        let step_idx = self.steps.len();
        let epoch = step_idx as f64 / self.steps_per_epoch as f64;
        let batch = sample_minibatch(&self.train, self.settings.batch_size, &mut self.rng);
        let batch_loss = self
            .settings
            .loss_kind
            .on(&batch, self.settings.reg)
            .loss_and_gradient(&self.weights, &mut self.gradient);
        let weight_norm = norm(&self.weights);
        let update_norm = self.settings.learning_rate.abs() * norm(&self.gradient);
        let update_ratio = if weight_norm > 0.0 {
            update_norm / weight_norm
        } else {
            f64::NAN
        };
        self.steps.push(StepRecord {
            epoch,
            batch_loss,
            update_ratio,
        });
        if !batch_loss.is_finite() || batch_loss > DIVERGENCE_THRESHOLD {
            self.diverged = Some(Divergence { step: step_idx });
            return false;
        }
        for (weight, grad) in self.weights.iter_mut().zip(&self.gradient) {
            *weight += -self.settings.learning_rate * grad; // The parameter update.
        }
        if !norm(&self.weights).is_finite() {
            self.diverged = Some(Divergence { step: step_idx });
            return false;
        }
        if self.steps.len().is_multiple_of(self.steps_per_epoch) {
            let record = self.epoch_record(self.steps.len() / self.steps_per_epoch);
            if !record.train_loss.is_finite() || record.train_loss > DIVERGENCE_THRESHOLD {
                self.diverged = Some(Divergence { step: step_idx });
                return false;
            }
            self.epochs.push(record);
        }
        !self.is_finished()
    }

    /// Whether the run has done all its steps or diverged.
    pub fn is_finished(&self) -> bool {
        self.diverged.is_some() || self.steps.len() >= self.total_steps()
    }

    /// The settings the run uses (after clamping).
    pub fn settings(&self) -> &LiveSettings {
        &self.settings
    }

    /// Steps in one pass over the training data: ceil(n / batch size).
    pub fn steps_per_epoch(&self) -> usize {
        self.steps_per_epoch
    }

    /// Steps in the whole run.
    pub fn total_steps(&self) -> usize {
        self.steps_per_epoch * self.settings.n_epochs
    }

    /// Every step taken so far.
    pub fn steps(&self) -> &[StepRecord] {
        &self.steps
    }

    /// Epoch 0 (before training, once measured) and every epoch finished so far.
    pub fn epochs(&self) -> &[EpochRecord] {
        &self.epochs
    }

    /// The current weights.
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }

    /// Where the run blew up, if it did.
    pub fn diverged(&self) -> Option<Divergence> {
        self.diverged
    }

    /// The data the run trains on.
    pub fn train_data(&self) -> &Dataset {
        &self.train
    }

    /// The typical update-to-weight ratio of the last `window` steps: the geometric mean of their
    /// finite, positive ratios (one step's ratio jumps with its batch; the mean over a few reads
    /// steadier, and a geometric mean suits a quantity judged by its order of magnitude). `None`
    /// before the first step.
    pub fn recent_update_ratio(&self, window: usize) -> Option<f64> {
        let start = self.steps.len().saturating_sub(window.max(1));
        let logs: Vec<f64> = self.steps[start..]
            .iter()
            .map(|step| step.update_ratio)
            .filter(|ratio| ratio.is_finite() && *ratio > 0.0)
            .map(f64::ln)
            .collect();
        if logs.is_empty() {
            return None;
        }
        Some((logs.iter().sum::<f64>() / logs.len() as f64).exp())
    }

    /// The loss on the whole training data at the current weights, as the run's settings define it.
    pub fn training_loss(&self) -> f64 {
        self.settings
            .loss_kind
            .on(&self.train, self.settings.reg)
            .loss(&self.weights)
    }

    /// The loss the run should start near, for its loss and the number of classes of its data.
    pub fn expected_initial_loss(&self) -> ExpectedInitialLoss {
        ExpectedInitialLoss::new(self.settings.loss_kind, self.train.n_classes())
    }

    fn epoch_record(&self, epoch: usize) -> EpochRecord {
        // The lengths were checked in `new`, so the accuracies cannot fail; NaN would show "—".
        EpochRecord {
            epoch,
            train_loss: self.training_loss(),
            train_accuracy: linear::accuracy(&self.train, &self.weights).unwrap_or(f64::NAN),
            validation_accuracy: linear::accuracy(&self.validation, &self.weights).ok(),
        }
    }
}

/// The weights a run with `seed` starts from: [`INITIAL_WEIGHT_SCALE`] times standard normal draws,
/// the same numbers [`LiveTraining::new`] draws first.
pub fn initial_weights(n_weights: usize, seed: u64) -> Vec<f64> {
    draw_initial_weights(&mut Rng::new(seed), n_weights)
}

fn draw_initial_weights(rng: &mut Rng, n_weights: usize) -> Vec<f64> {
    rng.normal_vec(n_weights, INITIAL_WEIGHT_SCALE)
}

/// The Euclidean norm of all entries taken as one long vector.
pub fn norm(values: &[f64]) -> f64 {
    linear::dot(values, values).sqrt()
}

/// How far the first check lets the initial loss stray from its expected value, as a fraction of
/// that value: 1%. The lesson's small weights put every score within a few thousandths of zero, which
/// moves the loss by far less (see `tests/learning/sanity.rs`); a loss further off means the weights
/// did not start small, or the loss is computed wrongly.
pub const INITIAL_LOSS_TOLERANCE: f64 = 0.01;

/// The regularization strengths of the second check: none, then a decade at a time up to 1.
pub const REGULARIZATION_CHECK_STRENGTHS: [f64; 5] = [0.0, 1e-3, 1e-2, 1e-1, 1.0];

/// The learning rate of the third check's run (no regularization, one full batch of the
/// [`OVERFIT_SUBSET_SIZE`] examples per step): large enough to memorize them within a few epochs.
pub const OVERFIT_LEARNING_RATE: f64 = 1.0;

/// The epochs of the third check's run.
pub const OVERFIT_EPOCHS: usize = 100;

/// The third check passes when the run ends with every training example classified right and a
/// training loss below this. The SVM's loss reaches exactly 0 once every margin is met; softmax only
/// approaches 0; below 0.1 the geometric mean of the probabilities it gives the right classes is
/// above e^-0.1, about 0.9.
pub const OVERFIT_LOSS_BELOW: f64 = 0.1;

/// The update-to-weight ratio the lesson calls healthy: about one thousandth.
pub const HEALTHY_UPDATE_RATIO: f64 = 1e-3;

/// The ratios judged about right: a decade either side of [`HEALTHY_UPDATE_RATIO`], ends included.
pub const HEALTHY_UPDATE_RATIO_BAND: (f64, f64) = (1e-4, 1e-2);

/// What an update-to-weight ratio says about the learning rate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum UpdateRatioVerdict {
    /// Below [`HEALTHY_UPDATE_RATIO_BAND`]: the learning rate may be too low.
    Low,
    /// Inside the band, ends included.
    AboutRight,
    /// Above the band: the learning rate is likely too high.
    High,
}

impl UpdateRatioVerdict {
    /// The verdict on `ratio`; `None` for a ratio that is not a finite number (there is nothing to
    /// judge: [`LiveTraining::recent_update_ratio`] never gives one).
    pub fn of(ratio: f64) -> Option<UpdateRatioVerdict> {
        let (low, high) = HEALTHY_UPDATE_RATIO_BAND;
        if !ratio.is_finite() {
            None
        } else if ratio < low {
            Some(UpdateRatioVerdict::Low)
        } else if ratio > high {
            Some(UpdateRatioVerdict::High)
        } else {
            Some(UpdateRatioVerdict::AboutRight)
        }
    }
}

/// The data loss a linear classifier should have when every score is about zero, as at small
/// random weights: ln C for softmax (each of the C classes gets probability 1 / C), and
/// (C - 1) * margin for the SVM (every wrong class violates the margin by about the margin).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct ExpectedInitialLoss {
    pub loss_kind: LossKind,
    pub n_classes: usize,
    pub value: f64,
}

impl ExpectedInitialLoss {
    pub fn new(loss_kind: LossKind, n_classes: usize) -> ExpectedInitialLoss {
        let classes = n_classes as f64;
        ExpectedInitialLoss {
            loss_kind,
            n_classes,
            value: match loss_kind {
                LossKind::Softmax => classes.ln(),
                LossKind::Svm => (classes - 1.0) * svm::DELTA,
            },
        }
    }

    /// How the lesson writes the value: `ln 10` for softmax over ten classes; for the SVM the
    /// number itself, `9`.
    pub fn formula(&self) -> String {
        match self.loss_kind {
            LossKind::Softmax => format!("ln {}", self.n_classes),
            LossKind::Svm => format!("{}", self.value),
        }
    }

    /// Whether [`ExpectedInitialLoss::formula`] is the number itself (`9`), or a formula whose
    /// value a reader needs beside it (`ln 10 ≈ 2.3026`).
    pub fn formula_is_the_number(&self) -> bool {
        self.loss_kind == LossKind::Svm
    }
}

/// The first sanity check: the data loss (no regularization) at small weights, and what it should be
/// when every score is about zero.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct InitialLossCheck {
    pub loss_kind: LossKind,
    /// The data loss at the weights given.
    pub loss: f64,
    pub expected: ExpectedInitialLoss,
}

impl InitialLossCheck {
    /// The verdict: whether the loss is within [`INITIAL_LOSS_TOLERANCE`] of its expected value
    /// (the ends included; a loss that is not a number never passes).
    pub fn passes(&self) -> bool {
        let expected = self.expected.value;
        (self.loss - expected).abs() <= INITIAL_LOSS_TOLERANCE * expected
    }
}

/// The data loss at `weights` with the regularization set to zero, next to its expected value.
pub fn initial_loss_check(
    loss_kind: LossKind,
    data: &Dataset,
    weights: &[f64],
) -> Result<InitialLossCheck, LengthMismatch> {
    linear::check_weights(data, weights)?;
    Ok(InitialLossCheck {
        loss_kind,
        loss: loss_kind.on(data, 0.0).loss(weights),
        expected: ExpectedInitialLoss::new(loss_kind, data.n_classes()),
    })
}

/// The second sanity check: the loss at the same weights for each regularization strength.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct RegularizationCheck {
    /// `(strength, loss)` pairs in the order the strengths were given.
    pub losses: Vec<(f64, f64)>,
}

impl RegularizationCheck {
    /// The verdict: whether the loss rises strictly from each strength to the next (at least two
    /// strengths are needed to see anything rise). Since the penalty 0.5 * reg * ||W||^2 is never
    /// negative, it must whenever the strengths rise and W is not zero.
    pub fn rises(&self) -> bool {
        self.losses.len() >= 2 && self.losses.windows(2).all(|pair| pair[1].1 > pair[0].1)
    }
}

/// The loss at the same `weights` for each regularization strength in `strengths`.
pub fn regularization_check(
    loss_kind: LossKind,
    data: &Dataset,
    weights: &[f64],
    strengths: &[f64],
) -> Result<RegularizationCheck, LengthMismatch> {
    linear::check_weights(data, weights)?;
    // The data part is the same for every strength: evaluate it once and add each penalty.
    let data_loss = loss_kind.on(data, 0.0).loss(weights);
    Ok(RegularizationCheck {
        losses: strengths
            .iter()
            .map(|&reg| (reg, data_loss + linear::l2_penalty(weights, reg)))
            .collect(),
    })
}

/// The third sanity check's data: the first [`OVERFIT_SUBSET_SIZE`] training examples.
pub fn overfit_subset(train: &Dataset) -> Dataset {
    train.head(OVERFIT_SUBSET_SIZE)
}

/// The third check's verdict on the last epoch of its run: every training example right and a
/// training loss below [`OVERFIT_LOSS_BELOW`], that is, the examples are memorized.
pub fn overfit_check_passes(last_epoch: &EpochRecord) -> bool {
    last_epoch.train_accuracy >= 1.0 && last_epoch.train_loss < OVERFIT_LOSS_BELOW
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Four examples of two features in two classes that a line separates.
    fn tiny_data() -> Rc<Dataset> {
        let features = vec![1.0, 0.5, 0.9, -0.3, -1.0, 0.2, -0.8, -0.6];
        Rc::new(Dataset::new(features, vec![0, 0, 1, 1], 2, 2).unwrap())
    }

    fn settings(batch_size: usize) -> LiveSettings {
        LiveSettings {
            loss_kind: LossKind::Softmax,
            reg: 0.0,
            learning_rate: 0.5,
            batch_size,
            n_epochs: 3,
            seed: 7,
        }
    }

    #[test]
    fn steps_fill_the_epoch_axis_and_every_epoch_is_measured() {
        let data = tiny_data();
        let mut run = LiveTraining::new(data.clone(), data, settings(3)).unwrap();
        assert!(
            run.epochs().is_empty(),
            "epoch 0 waits for measure_start or the first step"
        );
        run.measure_start();
        run.measure_start();
        assert_eq!(run.epochs().len(), 1);
        // 4 examples in batches of 3: two steps per epoch, six in all.
        assert_eq!(run.steps_per_epoch(), 2);
        let mut n_calls = 0;
        while run.step() {
            n_calls += 1;
        }
        assert_eq!(n_calls, 5, "the sixth step reports the end");
        assert!(!run.step(), "a finished run stays finished");
        let positions: Vec<f64> = run.steps().iter().map(|step| step.epoch).collect();
        assert_eq!(positions, vec![0.0, 0.5, 1.0, 1.5, 2.0, 2.5]);
        let measured: Vec<usize> = run.epochs().iter().map(|record| record.epoch).collect();
        assert_eq!(measured, vec![0, 1, 2, 3]);
        assert_eq!(run.epochs()[3].train_accuracy, 1.0);
        assert!(run.epochs()[3].train_loss < run.epochs()[0].train_loss);
    }

    #[test]
    fn the_update_ratio_is_the_update_norm_over_the_weight_norm() {
        let data = tiny_data();
        let mut run = LiveTraining::new(data.clone(), data.clone(), settings(4)).unwrap();
        let before = run.weights().to_vec();
        run.step();
        let update: Vec<f64> = run
            .weights()
            .iter()
            .zip(&before)
            .map(|(after, before)| after - before)
            .collect();
        let expected = norm(&update) / norm(&before);
        let ratio = run.steps()[0].update_ratio;
        assert!(
            (ratio - expected).abs() < 1e-12 * expected,
            "{ratio} vs {expected}"
        );
        // With weights of size 0.001 and a gradient of size about 1, the first ratio is huge.
        assert!(ratio > 10.0);
        // exp(ln r) is r up to rounding.
        let one = run.recent_update_ratio(5).unwrap();
        assert!((one - ratio).abs() < 1e-12 * ratio);
        run.step();
        let second = run.steps()[1].update_ratio;
        let mean = run.recent_update_ratio(2).unwrap();
        assert!((mean - (ratio * second).sqrt()).abs() < 1e-9 * mean);
        let fresh = LiveTraining::new(data.clone(), data, settings(4)).unwrap();
        assert_eq!(fresh.recent_update_ratio(5), None);
        assert_eq!(fresh.weights(), initial_weights(4, 7).as_slice());
    }

    #[test]
    fn the_same_settings_replay_the_same_run() {
        let data = tiny_data();
        let mut first = LiveTraining::new(data.clone(), data.clone(), settings(1)).unwrap();
        let mut second = LiveTraining::new(data.clone(), data.clone(), settings(1)).unwrap();
        while first.step() {}
        while second.step() {}
        assert_eq!(first.steps(), second.steps());
        let other_seed = LiveSettings {
            seed: 8,
            ..settings(1)
        };
        let mut third = LiveTraining::new(data.clone(), data, other_seed).unwrap();
        while third.step() {}
        assert_ne!(first.steps(), third.steps());
    }

    #[test]
    fn a_run_that_blows_up_stops_and_says_where() {
        let data = tiny_data();
        // With reg 1 and a step of 10, each update multiplies W by (1 - 10) = -9: the weights grow
        // ninefold per step and pass every finite bound within a few hundred steps.
        let blowing_up = LiveSettings {
            reg: 1.0,
            learning_rate: 10.0,
            n_epochs: MAX_EPOCHS,
            ..settings(4)
        };
        let mut run = LiveTraining::new(data.clone(), data, blowing_up).unwrap();
        let mut n_steps = 0;
        while run.step() {
            n_steps += 1;
            assert!(n_steps < 1000, "never diverged");
        }
        let divergence = run.diverged().expect("the run should diverge");
        assert_eq!(divergence.step + 1, run.steps().len());
        assert!(run.is_finished());
        assert!(
            run.epochs()
                .iter()
                .all(|record| record.train_loss.is_finite())
        );
    }

    #[test]
    fn mismatched_validation_data_is_refused_and_settings_are_clamped() {
        let data = tiny_data();
        let three_features = Rc::new(Dataset::new(vec![1.0, 2.0, 3.0], vec![0], 3, 2).unwrap());
        assert!(LiveTraining::new(data.clone(), three_features, settings(1)).is_err());
        let extreme = LiveSettings {
            batch_size: 0,
            n_epochs: 1_000_000,
            ..settings(1)
        };
        let run = LiveTraining::new(data.clone(), data, extreme).unwrap();
        assert_eq!(run.settings().batch_size, 1);
        assert_eq!(run.settings().n_epochs, MAX_EPOCHS);
        assert_eq!(run.total_steps(), 4 * MAX_EPOCHS);
    }

    #[test]
    fn the_regularization_check_adds_the_penalty_to_the_same_data_loss() {
        let data = tiny_data();
        let weights = [0.3, -0.2, 0.1, 0.4];
        let strengths = [0.0, 0.1, 1.0];
        for loss_kind in LossKind::ALL {
            let checked = regularization_check(loss_kind, &data, &weights, &strengths).unwrap();
            for (reg, loss) in &checked.losses {
                let direct = loss_kind.on(&data, *reg).loss(&weights);
                assert!((loss - direct).abs() < 1e-12, "{loss} vs {direct}");
            }
            assert!(checked.rises());
            // At W = 0 the penalty is 0 for every strength: nothing rises, and the check says so.
            let at_zero = regularization_check(loss_kind, &data, &[0.0; 4], &strengths).unwrap();
            assert!(!at_zero.rises(), "{at_zero:?}");
        }
        assert!(regularization_check(LossKind::Svm, &data, &[0.0], &strengths).is_err());
    }

    #[test]
    fn the_loss_rises_only_if_every_next_strength_gives_a_strictly_larger_loss() {
        let check = |losses: &[f64]| RegularizationCheck {
            losses: losses
                .iter()
                .enumerate()
                .map(|(index, &loss)| (index as f64, loss))
                .collect(),
        };
        assert!(check(&[1.0, 1.5, 2.0]).rises());
        assert!(
            check(&[1.0, 1f64.next_up()]).rises(),
            "the least rise counts"
        );
        assert!(!check(&[1.0, 1.0]).rises(), "a flat step is not a rise");
        assert!(
            !check(&[1.0, 2.0, 2f64.next_down()]).rises(),
            "one fall spoils it"
        );
        assert!(!check(&[1.0, f64::NAN, 3.0]).rises());
        assert!(!check(&[1.0]).rises(), "one strength shows nothing rising");
        assert!(!check(&[]).rises());
    }

    #[test]
    fn the_initial_loss_check_expects_ln_c_and_c_minus_one() {
        let data = tiny_data();
        let zeros = [0.0; 4];
        let softmax = initial_loss_check(LossKind::Softmax, &data, &zeros).unwrap();
        assert!((softmax.loss - 2f64.ln()).abs() < 1e-12);
        assert_eq!(softmax.expected.value, 2f64.ln());
        assert!(softmax.passes());
        let svm = initial_loss_check(LossKind::Svm, &data, &zeros).unwrap();
        assert_eq!((svm.loss, svm.expected.value), (1.0, 1.0));
        assert!(svm.passes());
        assert_eq!(overfit_subset(&data).len(), 4);
        // A run knows the loss it should start near.
        let run = LiveTraining::new(data.clone(), data, settings(1)).unwrap();
        assert_eq!(
            run.expected_initial_loss(),
            ExpectedInitialLoss::new(LossKind::Softmax, 2)
        );
    }

    #[test]
    fn the_expected_initial_loss_of_the_digits_is_written_ln_10_and_9() {
        let softmax = ExpectedInitialLoss::new(LossKind::Softmax, 10);
        assert_eq!(softmax.value, 10f64.ln());
        assert_eq!(softmax.formula(), "ln 10");
        assert!(!softmax.formula_is_the_number());
        let svm = ExpectedInitialLoss::new(LossKind::Svm, 10);
        assert_eq!(svm.value, 9.0);
        assert_eq!(svm.formula(), "9");
        assert!(svm.formula_is_the_number());
        assert_eq!(ExpectedInitialLoss::new(LossKind::Svm, 3).formula(), "2");
    }

    #[test]
    fn the_initial_loss_passes_within_one_percent_of_the_expected_value_ends_included() {
        // With 100 as the expected value the tolerance is exactly 1 (0.01 * 100 rounds to 1.0).
        let expected = ExpectedInitialLoss {
            loss_kind: LossKind::Svm,
            n_classes: 101,
            value: 100.0,
        };
        assert_eq!(expected, ExpectedInitialLoss::new(LossKind::Svm, 101));
        assert_eq!(INITIAL_LOSS_TOLERANCE * expected.value, 1.0);
        let at = |loss: f64| InitialLossCheck {
            loss_kind: LossKind::Svm,
            loss,
            expected,
        };
        for passing in [100.0, 99.0, 101.0, 100.5] {
            assert!(at(passing).passes(), "{passing}");
        }
        for failing in [
            101f64.next_up(),
            99f64.next_down(),
            0.0,
            200.0,
            f64::NAN,
            f64::INFINITY,
        ] {
            assert!(!at(failing).passes(), "{failing}");
        }
    }

    #[test]
    fn the_overfit_check_needs_every_example_right_and_a_loss_under_a_tenth() {
        let last = |train_accuracy: f64, train_loss: f64| EpochRecord {
            epoch: OVERFIT_EPOCHS,
            train_loss,
            train_accuracy,
            validation_accuracy: Some(0.5),
        };
        assert!(overfit_check_passes(&last(1.0, 0.0)), "the SVM's exact 0");
        assert!(overfit_check_passes(&last(
            1.0,
            OVERFIT_LOSS_BELOW.next_down()
        )));
        assert!(
            !overfit_check_passes(&last(1.0, OVERFIT_LOSS_BELOW)),
            "the end is out"
        );
        assert!(
            !overfit_check_passes(&last(0.95, 0.01)),
            "one example wrong in 20"
        );
        assert!(!overfit_check_passes(&last(1.0, f64::NAN)));
        assert!(!overfit_check_passes(&last(f64::NAN, 0.0)));
    }

    #[test]
    fn the_update_ratio_is_about_right_within_a_decade_of_1e_minus_3_ends_included() {
        let (low, high) = HEALTHY_UPDATE_RATIO_BAND;
        assert_eq!(
            (low, high),
            (HEALTHY_UPDATE_RATIO / 10.0, HEALTHY_UPDATE_RATIO * 10.0)
        );
        let verdict = UpdateRatioVerdict::of;
        assert_eq!(
            verdict(HEALTHY_UPDATE_RATIO),
            Some(UpdateRatioVerdict::AboutRight)
        );
        assert_eq!(verdict(low), Some(UpdateRatioVerdict::AboutRight));
        assert_eq!(verdict(high), Some(UpdateRatioVerdict::AboutRight));
        assert_eq!(verdict(low.next_down()), Some(UpdateRatioVerdict::Low));
        assert_eq!(verdict(0.0), Some(UpdateRatioVerdict::Low));
        assert_eq!(verdict(high.next_up()), Some(UpdateRatioVerdict::High));
        assert_eq!(verdict(1e3), Some(UpdateRatioVerdict::High));
        assert_eq!(verdict(f64::NAN), None);
        assert_eq!(verdict(f64::INFINITY), None);
    }
}
