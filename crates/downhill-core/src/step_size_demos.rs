//! The numbers behind the step-size demos: which step sizes to set side by side on a 2-D surface, the
//! starting weights and step sizes of the one-step sweep on the digits, and learning curves trained
//! one epoch at a time so a page can spread them over animation frames.
//!
//! Everything here is plain gradient descent, W <- W - step_size * dW, as in [`crate::training`].

use crate::classifiers::{LossKind, linear};
use crate::data::{Dataset, LengthMismatch, check_length};
use crate::objective::Objective;
use crate::optimizers::{Hyperparameters, OptimizerKind};
use crate::rng::Rng;
use crate::surfaces::Surface;
use crate::training::{EpochRecord, MinibatchSettings, minibatch_gradient_descent};
use crate::trajectory::Trajectory;

/// The documents' small random starting weights: every weight is 0.001 times a standard normal draw.
pub const SWEEP_WEIGHT_SCALE: f64 = 0.001;

/// The seed of the sweep's starting weights, the one the lesson's printed table uses, so the demo's
/// numbers at its defaults are the table's.
pub const SWEEP_WEIGHTS_SEED: u64 = 1;

/// The sweep's starting weights: `SWEEP_WEIGHT_SCALE * N(0, 1)` from `seed`.
pub fn sweep_weights(n_weights: usize, seed: u64) -> Vec<f64> {
    Rng::new(seed).normal_vec(n_weights, SWEEP_WEIGHT_SCALE)
}

/// One gradient evaluation at fixed weights, kept so the loss after a step of any size costs one loss
/// evaluation: what the sweep's slider asks for on every move.
#[derive(Clone, Debug, PartialEq)]
pub struct OneStep {
    weights: Vec<f64>,
    gradient: Vec<f64>,
    /// The loss at the weights, before any step.
    pub original_loss: f64,
}

impl OneStep {
    /// Evaluates the loss and gradient of `objective` at `weights`.
    pub fn new<O: Objective + ?Sized>(
        objective: &O,
        weights: &[f64],
    ) -> Result<OneStep, LengthMismatch> {
        check_length("weights", objective.dimension(), weights.len())?;
        let mut gradient = vec![0.0; weights.len()];
        let original_loss = objective.loss_and_gradient(weights, &mut gradient);
        Ok(OneStep {
            weights: weights.to_vec(),
            gradient,
            original_loss,
        })
    }

    /// The loss at W - step_size * dW. `objective` must be the one the step was made with.
    pub fn loss_after<O: Objective + ?Sized>(&self, objective: &O, step_size: f64) -> f64 {
        let stepped: Vec<f64> = self
            .weights
            .iter()
            .zip(&self.gradient)
            .map(|(weight, grad)| weight - step_size * grad)
            .collect();
        objective.loss(&stepped)
    }

    /// The loss after a step of each size, as `(step size, loss)`.
    pub fn losses_after<O: Objective + ?Sized>(
        &self,
        objective: &O,
        step_sizes: &[f64],
    ) -> Vec<(f64, f64)> {
        step_sizes
            .iter()
            .map(|&step_size| (step_size, self.loss_after(objective, step_size)))
            .collect()
    }
}

/// The one-step sweep on a linear classifier, where every step size costs a pass over the scores
/// only. The scores are linear in the weights, `S(W - s dW) = S(W) - s S(dW)`, so after the one
/// gradient and one more product `S(dW)` the loss after a step of any size needs `N x classes`
/// operations instead of the `N x classes x features` of evaluating it at new weights: a fortieth
/// of the work on the digits, which is what keeps the sweep's table and every slider move cheap.
/// It agrees with [`OneStep`] to rounding (the tests hold it to 1e-12 relative).
#[derive(Clone, Debug, PartialEq)]
pub struct ClassifierOneStep {
    kind: LossKind,
    labels: Vec<usize>,
    n_classes: usize,
    reg: f64,
    /// `S(W)` and `S(dW)`, row-major `N x classes`.
    scores: Vec<f64>,
    gradient_scores: Vec<f64>,
    /// `W . W`, `W . dW` and `dW . dW`, for the penalty at any step.
    squares: [f64; 3],
    /// The loss at the weights, before any step.
    pub original_loss: f64,
}

impl ClassifierOneStep {
    /// Evaluates the loss and gradient of `kind` on `data` with regularization `reg` at `weights`,
    /// and the scores of the weights and of the gradient.
    pub fn new(
        kind: LossKind,
        data: &Dataset,
        reg: f64,
        weights: &[f64],
    ) -> Result<ClassifierOneStep, LengthMismatch> {
        linear::check_weights(data, weights)?;
        let objective = kind.on(data, reg);
        let mut gradient = vec![0.0; weights.len()];
        let original_loss = objective.loss_and_gradient(weights, &mut gradient);
        Ok(ClassifierOneStep {
            kind,
            labels: data.labels().to_vec(),
            n_classes: data.n_classes(),
            reg,
            scores: linear::scores(data, weights)?,
            gradient_scores: linear::scores(data, &gradient)?,
            squares: [
                linear::dot(weights, weights),
                linear::dot(weights, &gradient),
                linear::dot(&gradient, &gradient),
            ],
            original_loss,
        })
    }

    /// The loss at W - step_size * dW.
    pub fn loss_after(&self, step_size: f64) -> f64 {
        let stepped: Vec<f64> = self
            .scores
            .iter()
            .zip(&self.gradient_scores)
            .map(|(score, gradient_score)| score - step_size * gradient_score)
            .collect();
        let data_loss = self
            .kind
            .summed_loss_of_scores(&stepped, &self.labels, self.n_classes);
        let [weights, cross, gradient] = self.squares;
        // |W - s dW|^2 = W.W - 2 s W.dW + s^2 dW.dW
        let squares = weights - 2.0 * step_size * cross + step_size * step_size * gradient;
        data_loss / self.labels.len().max(1) as f64
            + linear::l2_penalty_of_squares(squares, self.reg)
    }

    /// The loss after a step of each size, as `(step size, loss)`.
    pub fn losses_after(&self, step_sizes: &[f64]) -> Vec<(f64, f64)> {
        step_sizes
            .iter()
            .map(|&step_size| (step_size, self.loss_after(step_size)))
            .collect()
    }
}

/// What the sweep shows for one set of weights: the table's step sizes (one per power of ten) and the
/// plotted curve (the table's points and `per_decade - 1` more between each two), each with the loss
/// after one step of that size.
#[derive(Clone, Debug, PartialEq)]
pub struct OneStepSweep {
    pub table: Vec<(f64, f64)>,
    /// Sorted by step size.
    pub curve: Vec<(f64, f64)>,
}

impl ClassifierOneStep {
    /// The table and the curve from `10^low_exponent` to `10^high_exponent`. The curve reuses the
    /// table's losses and computes only the points between them.
    pub fn sweep(&self, low_exponent: f64, high_exponent: f64, per_decade: usize) -> OneStepSweep {
        let table = self.losses_after(&log_spaced_step_sizes(low_exponent, high_exponent, 1));
        let per_decade = per_decade.clamp(1, 20);
        let between: Vec<f64> = log_spaced_step_sizes(low_exponent, high_exponent, per_decade)
            .into_iter()
            .enumerate()
            .filter(|(index, _)| index % per_decade != 0)
            .map(|(_, step_size)| step_size)
            .collect();
        let mut curve = table.clone();
        curve.extend(self.losses_after(&between));
        crate::short_sort::sort_short_list_by(&mut curve, |left, right| {
            left.0.total_cmp(&right.0).is_lt()
        });
        OneStepSweep { table, curve }
    }
}

/// The point with the lowest finite loss, if any: the sweep's best step size.
pub fn lowest_finite_loss(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    points
        .iter()
        .copied()
        .filter(|(_, loss)| loss.is_finite())
        .min_by(|left, right| left.1.total_cmp(&right.1))
}

/// How the loss after a step compares with the loss before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LossChange {
    Lower,
    Unchanged,
    /// Higher, or finite where the loss before was not.
    Higher,
    /// The loss after the step overflowed.
    NotFinite,
}

impl LossChange {
    pub fn of(loss_after: f64, loss_before: f64) -> LossChange {
        if !loss_after.is_finite() {
            LossChange::NotFinite
        } else if loss_after < loss_before {
            LossChange::Lower
        } else if loss_after == loss_before {
            LossChange::Unchanged
        } else {
            LossChange::Higher
        }
    }

    /// Whether the step made things worse: a higher loss, or one that overflowed.
    pub fn is_worse(self) -> bool {
        matches!(self, LossChange::Higher | LossChange::NotFinite)
    }
}

/// Step sizes spaced evenly in log10 from `10^low_exponent` to `10^high_exponent`, `per_decade` per
/// power of ten, both ends included. Empty when the range is empty or not finite; `per_decade` is
/// clamped to 1..=20 so a caller can never ask for unbounded work.
pub fn log_spaced_step_sizes(low_exponent: f64, high_exponent: f64, per_decade: usize) -> Vec<f64> {
    if !low_exponent.is_finite() || !high_exponent.is_finite() || high_exponent < low_exponent {
        return Vec::new();
    }
    let per_decade = per_decade.clamp(1, 20);
    let decades = (high_exponent - low_exponent).min(400.0);
    let n_intervals = (decades * per_decade as f64).round() as usize;
    if n_intervals == 0 {
        return vec![10f64.powf(low_exponent)];
    }
    (0..=n_intervals)
        .map(|index| {
            let exponent =
                low_exponent + (high_exponent - low_exponent) * index as f64 / n_intervals as f64;
            10f64.powf(exponent)
        })
        .collect()
}

/// The largest step size at which plain gradient descent still settles into the surface's global
/// minimum from nearby: `2 / lambda_max`, where `lambda_max` is the largest eigenvalue of the Hessian
/// there. Past it, each step overshoots the minimum by more than it started away from it, along the
/// steepest direction. `None` when the surface has no minimum or a flat or non-finite curvature there.
pub fn stable_step_limit(surface: &dyn Surface) -> Option<f64> {
    let minimum = *surface.minima().first()?;
    let [[a, b], [_, d]] = surface.hessian(minimum[0], minimum[1]);
    // The eigenvalues of a symmetric 2x2 matrix [[a, b], [b, d]]: mean +- sqrt(half-gap^2 + b^2).
    let mean = 0.5 * (a + d);
    let half_gap = 0.5 * (a - d);
    let largest = mean + (half_gap * half_gap + b * b).sqrt();
    let limit = 2.0 / largest;
    (largest.is_finite() && largest > 0.0 && limit.is_finite()).then_some(limit)
}

/// One of the step sizes the demo sets side by side.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ComparisonStep {
    /// What the student should see it do: "tiny", "good", "large", "too large".
    pub label: &'static str,
    pub step_size: f64,
}

/// Fractions of [`stable_step_limit`] for the side-by-side panels: a tiny step that crawls, a good
/// one that arrives, a large one that bounces from wall to wall, and one past the limit that flies
/// off (its overshoot doubles every step along the steepest direction).
pub const COMPARISON_FRACTIONS: [(&str, f64); 4] = [
    ("tiny", 0.02),
    ("good", 0.5),
    ("large", 0.95),
    ("too large", 1.5),
];

/// The step sizes to compare on `surface`; `fallback_limit` stands in for a surface without a
/// stable limit (no minimum).
pub fn comparison_step_sizes(surface: &dyn Surface, fallback_limit: f64) -> [ComparisonStep; 4] {
    let limit = stable_step_limit(surface).unwrap_or(fallback_limit);
    COMPARISON_FRACTIONS.map(|(label, fraction)| ComparisonStep {
        label,
        step_size: fraction * limit,
    })
}

/// The stable limit the comparison steps are fractions of on a surface without one (no minimum), for
/// the live demo and its still alike.
pub const COMPARISON_FALLBACK_LIMIT: f64 = 0.1;

/// The step sizes the step-size-paths demo sets side by side on `surface`.
pub fn demo_comparison_steps(surface: &dyn Surface) -> [ComparisonStep; 4] {
    comparison_step_sizes(surface, COMPARISON_FALLBACK_LIMIT)
}

/// The step size the demo starts at on `surface`: the "good" one of [`demo_comparison_steps`].
pub fn good_step_size(surface: &dyn Surface) -> f64 {
    demo_comparison_steps(surface)[1].step_size
}

/// Plain gradient descent with `step_size` from `start` for at most `n_steps` steps: one path of the
/// step-size demo (never fails; see [`crate::trajectory::run`]).
pub fn gradient_descent_path(
    surface: &dyn Surface,
    start: [f64; 2],
    step_size: f64,
    n_steps: usize,
) -> Trajectory {
    let mut hyperparameters = Hyperparameters::defaults_for(OptimizerKind::Sgd);
    hyperparameters.learning_rate = step_size;
    crate::trajectory::run(
        surface,
        OptimizerKind::Sgd,
        &hyperparameters,
        start,
        n_steps,
    )
}

/// Whether a run ended higher than it started: its steps overshoot the valley.
pub fn loss_went_up(trajectory: &Trajectory) -> bool {
    match (trajectory.losses.first(), trajectory.losses.last()) {
        (Some(first), Some(last)) => last > first,
        _ => false,
    }
}

/// A learning rate in the learning-curves demo, with the name the lessons give it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CurveRate {
    pub label: &'static str,
    pub learning_rate: f64,
}

/// The four rates of the learning-curves demo on the prepared digits with the softmax loss
/// (regularization [`CURVE_REG`]) and batches of [`CURVE_BATCH_SIZE`]: chosen (see the tests on the
/// real digits) so the low one improves almost linearly, the high one drops fastest at first and
/// then settles, noisily, at a worse loss than the good one, and the very high one throws the loss
/// far above where it started.
pub const CURVE_RATES: [CurveRate; 4] = [
    CurveRate {
        label: "low",
        learning_rate: 2e-3,
    },
    CurveRate {
        label: "good",
        learning_rate: 0.3,
    },
    CurveRate {
        label: "high",
        learning_rate: 20.0,
    },
    CurveRate {
        label: "very high",
        learning_rate: 200.0,
    },
];

/// The regularization strength of the learning curves.
pub const CURVE_REG: f64 = 1e-3;

/// Examples per batch in the learning-curves demo.
pub const CURVE_BATCH_SIZE: usize = 32;

/// The most epochs one curve may run, whatever a link asks for.
pub const MAX_CURVE_EPOCHS: usize = 200;

/// A loss above this counts as blown up: the curve stops there, as a run on a surface does.
pub const CURVE_DIVERGENCE_THRESHOLD: f64 = crate::trajectory::DIVERGENCE_THRESHOLD;

/// What one learning curve trains.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CurveSettings {
    pub loss_kind: LossKind,
    pub reg: f64,
    pub learning_rate: f64,
    pub batch_size: usize,
    /// Epochs to run; clamped to [`MAX_CURVE_EPOCHS`].
    pub n_epochs: usize,
    /// Seeds the batches (epoch `e` draws from `seed + e`), so the same settings replay the same curve.
    pub seed: u64,
}

impl CurveSettings {
    /// The learning-curves demo's run at `learning_rate` for `n_epochs`: the softmax loss,
    /// regularization [`CURVE_REG`], batches of [`CURVE_BATCH_SIZE`] drawn from `batch_seed`.
    pub fn for_learning_curves(learning_rate: f64, n_epochs: usize, batch_seed: u64) -> Self {
        CurveSettings {
            loss_kind: LossKind::Softmax,
            reg: CURVE_REG,
            learning_rate,
            batch_size: CURVE_BATCH_SIZE,
            n_epochs,
            seed: batch_seed,
        }
    }
}

/// A training run that advances one epoch per call: minibatch gradient descent with the plain update,
/// the full-data loss and accuracies recorded at the end of every epoch.
#[derive(Clone, Debug)]
pub struct LearningCurve {
    settings: CurveSettings,
    weights: Vec<f64>,
    epochs: Vec<EpochRecord>,
    diverged_at_epoch: Option<usize>,
}

impl LearningCurve {
    /// Starts a curve at `initial_weights`, recording epoch 0.
    pub fn new(
        train: &Dataset,
        validation: Option<&Dataset>,
        initial_weights: &[f64],
        settings: CurveSettings,
    ) -> Result<LearningCurve, LengthMismatch> {
        check_length("weights", train.n_weights(), initial_weights.len())?;
        let settings = CurveSettings {
            n_epochs: settings.n_epochs.min(MAX_CURVE_EPOCHS),
            batch_size: settings.batch_size.max(1),
            ..settings
        };
        let first = record(0, train, validation, initial_weights, &settings)?;
        let mut curve = LearningCurve {
            settings,
            weights: initial_weights.to_vec(),
            epochs: vec![first],
            diverged_at_epoch: None,
        };
        if !is_drawable(first.train_loss) {
            curve.diverged_at_epoch = Some(0);
        }
        Ok(curve)
    }

    /// Trains one more epoch (about n / B batches) unless the curve is finished. Returns whether
    /// there is more to do afterwards.
    pub fn advance(
        &mut self,
        train: &Dataset,
        validation: Option<&Dataset>,
    ) -> Result<bool, LengthMismatch> {
        if self.is_finished() {
            return Ok(false);
        }
        let epoch = self.epochs.len();
        let minibatch = MinibatchSettings {
            loss_kind: self.settings.loss_kind,
            reg: self.settings.reg,
            step_size: self.settings.learning_rate,
            batch_size: self.settings.batch_size,
        };
        let steps = train.len().div_ceil(self.settings.batch_size).max(1);
        let mut rng = Rng::new(self.settings.seed.wrapping_add(epoch as u64));
        let batch_losses =
            minibatch_gradient_descent(train, &minibatch, &mut self.weights, steps, &mut rng)?;
        let weights_drawable = self.weights.iter().all(|weight| is_drawable(*weight));
        let record = record(epoch, train, validation, &self.weights, &self.settings)?;
        if !weights_drawable
            || !batch_losses.iter().all(|loss| is_drawable(*loss))
            || !is_drawable(record.train_loss)
        {
            self.diverged_at_epoch = Some(epoch);
            return Ok(false);
        }
        self.epochs.push(record);
        Ok(!self.is_finished())
    }

    /// Whether every epoch has run or the loss blew up.
    pub fn is_finished(&self) -> bool {
        self.diverged_at_epoch.is_some() || self.epochs.len() > self.settings.n_epochs
    }

    /// Epoch 0 (before training) and the end of every epoch trained so far; every loss is finite.
    pub fn epochs(&self) -> &[EpochRecord] {
        &self.epochs
    }

    /// The epoch whose loss was not finite or passed [`CURVE_DIVERGENCE_THRESHOLD`]; it is not in
    /// [`LearningCurve::epochs`].
    pub fn diverged_at_epoch(&self) -> Option<usize> {
        self.diverged_at_epoch
    }

    pub fn settings(&self) -> &CurveSettings {
        &self.settings
    }
}

fn is_drawable(value: f64) -> bool {
    value.is_finite() && value.abs() <= CURVE_DIVERGENCE_THRESHOLD
}

fn record(
    epoch: usize,
    train: &Dataset,
    validation: Option<&Dataset>,
    weights: &[f64],
    settings: &CurveSettings,
) -> Result<EpochRecord, LengthMismatch> {
    Ok(EpochRecord {
        epoch,
        train_loss: settings.loss_kind.on(train, settings.reg).loss(weights),
        train_accuracy: linear::accuracy(train, weights)?,
        validation_accuracy: validation
            .map(|validation| linear::accuracy(validation, weights))
            .transpose()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::surfaces::{Bowl, Ravine, Saddle};

    #[test]
    fn log_spacing_includes_both_ends_and_is_bounded() {
        let sizes = log_spaced_step_sizes(-10.0, -1.0, 1);
        assert_eq!(sizes.len(), 10);
        assert!((sizes[0] - 1e-10).abs() < 1e-22);
        assert!((sizes[9] - 0.1).abs() < 1e-15);
        assert_eq!(log_spaced_step_sizes(-10.0, -1.0, 4).len(), 37);
        assert!(log_spaced_step_sizes(0.0, f64::INFINITY, 4).is_empty());
        assert!(log_spaced_step_sizes(1.0, 0.0, 4).is_empty());
        assert!(log_spaced_step_sizes(-300.0, 300.0, 1_000_000).len() <= 400 * 20 + 1);
    }

    #[test]
    fn the_stable_limit_is_two_over_the_steepest_curvature() {
        // The ravine's Hessian is diag(1, 20): the limit is 2 / 20.
        let limit = stable_step_limit(&Ravine::default()).unwrap();
        assert!((limit - 0.1).abs() < 1e-12, "{limit}");
        assert!(stable_step_limit(&Bowl).is_some());
        // The plain saddle has no minimum, so no limit.
        assert_eq!(stable_step_limit(&Saddle), None);
        let steps = comparison_step_sizes(&Saddle, 0.3);
        assert!((steps[3].step_size - 0.45).abs() < 1e-12);
    }

    #[test]
    fn a_loss_change_is_lower_unchanged_higher_or_not_finite() {
        assert_eq!(LossChange::of(1.0, 2.0), LossChange::Lower);
        assert_eq!(LossChange::of(2.0, 2.0), LossChange::Unchanged);
        assert_eq!(LossChange::of(3.0, 2.0), LossChange::Higher);
        assert_eq!(LossChange::of(f64::INFINITY, 2.0), LossChange::NotFinite);
        assert_eq!(LossChange::of(f64::NAN, 2.0), LossChange::NotFinite);
        assert_eq!(LossChange::of(1.0, f64::NAN), LossChange::Higher);
        assert!(LossChange::Higher.is_worse() && LossChange::NotFinite.is_worse());
        assert!(!LossChange::Lower.is_worse() && !LossChange::Unchanged.is_worse());
    }

    #[test]
    fn the_lowest_finite_loss_skips_overflowed_points() {
        let points = [
            (1e-3, 2.0),
            (1e-2, f64::NAN),
            (1e-1, 0.5),
            (1.0, f64::INFINITY),
        ];
        assert_eq!(lowest_finite_loss(&points), Some((1e-1, 0.5)));
        assert_eq!(lowest_finite_loss(&[(1.0, f64::NAN)]), None);
        assert_eq!(lowest_finite_loss(&[]), None);
    }

    #[test]
    fn a_demo_path_is_plain_gradient_descent_and_says_when_the_loss_went_up() {
        use crate::trajectory::{Outcome, run};
        let ravine = Ravine::default();
        let start = ravine.default_start();
        let good = good_step_size(&ravine);
        assert_eq!(good, demo_comparison_steps(&ravine)[1].step_size);
        assert_eq!(
            demo_comparison_steps(&Saddle),
            comparison_step_sizes(&Saddle, 0.1)
        );
        let mut hyperparameters = Hyperparameters::defaults_for(OptimizerKind::Sgd);
        hyperparameters.learning_rate = good;
        let path = gradient_descent_path(&ravine, start, good, 100);
        assert_eq!(
            path,
            run(&ravine, OptimizerKind::Sgd, &hyperparameters, start, 100)
        );
        assert!(!loss_went_up(&path));
        // Just past the stable limit the path bounces ever higher without yet passing the
        // divergence threshold in a few steps.
        let bouncing = gradient_descent_path(&ravine, start, 1.2 * 2.0 * good, 5);
        assert!(
            matches!(bouncing.outcome, Outcome::Completed { .. }),
            "{:?}",
            bouncing.outcome
        );
        assert!(loss_went_up(&bouncing));
        let empty = gradient_descent_path(&ravine, [f64::NAN, 0.0], good, 10);
        assert!(!loss_went_up(&empty));
    }

    #[test]
    fn the_comparison_steps_crawl_arrive_bounce_and_diverge_on_the_ravine() {
        use crate::optimizers::{Hyperparameters, OptimizerKind};
        use crate::trajectory::{Outcome, run};
        let ravine = Ravine::default();
        let steps = comparison_step_sizes(&ravine, 0.1);
        let run_with = |step_size: f64| {
            let mut hyperparameters = Hyperparameters::defaults_for(OptimizerKind::Sgd);
            hyperparameters.learning_rate = step_size;
            run(
                &ravine,
                OptimizerKind::Sgd,
                &hyperparameters,
                ravine.default_start(),
                100,
            )
        };
        let start_loss = ravine.value(ravine.default_start()[0], ravine.default_start()[1]);
        let tiny = run_with(steps[0].step_size);
        let good = run_with(steps[1].step_size);
        let large = run_with(steps[2].step_size);
        let too_large = run_with(steps[3].step_size);
        let final_loss =
            |trajectory: &crate::trajectory::Trajectory| *trajectory.losses.last().unwrap();
        // The tiny step is still far from the bottom after 100 steps; the good one is nearly there.
        assert!(
            final_loss(&tiny) > 0.1 * start_loss,
            "{}",
            final_loss(&tiny)
        );
        assert!(
            final_loss(&good) < 1e-3 * start_loss,
            "{}",
            final_loss(&good)
        );
        // The large one crosses the valley floor on every step: y changes sign.
        let crossings = large
            .points
            .windows(2)
            .filter(|pair| pair[0][1] * pair[1][1] < 0.0)
            .count();
        assert!(crossings > 50, "{crossings} crossings");
        assert!(
            matches!(too_large.outcome, Outcome::Diverged { .. }),
            "{:?}",
            too_large.outcome
        );
    }
}
