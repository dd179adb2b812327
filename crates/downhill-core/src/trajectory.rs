//! Running an optimizer from a start point on a 2-D surface: the path it takes, the loss along it, and
//! how it ended.
//!
//! A run is always bounded and never hands back a number that cannot be drawn: the step count is
//! clamped to [`MAX_STEPS`], and a step that would leave finite numbers (or pass
//! [`DIVERGENCE_THRESHOLD`]) is not stored; the run ends as [`Outcome::Diverged`] instead.

use crate::objective::Objective;
use crate::optimizers::{
    HyperparameterError, Hyperparameters, Optimizer, OptimizerKind, StateField, StepError,
};
use crate::schedules::{LearningRateSchedule, MomentumSchedule, ScheduleError};
use crate::surfaces::Surface;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The most steps one run takes, whatever the caller asks for: enough for the slowest lesson demo
/// (plain SGD crawling along a ravine), few enough that a browser tab never hangs.
pub const MAX_STEPS: usize = 100_000;

/// A coordinate, loss or gradient entry larger than this in magnitude counts as having exploded.
pub const DIVERGENCE_THRESHOLD: f64 = 1e12;

/// The default for [`RunSettings::gradient_tolerance`].
pub const DEFAULT_GRADIENT_TOLERANCE: f64 = 1e-8;

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Outcome {
    /// All `steps` steps were taken without converging or diverging.
    Completed { steps: usize },
    /// After step `step` (0 for the start) the gradient norm was at most the run's gradient
    /// tolerance. The test is on the gradient, not on the distance to a known minimum, because it
    /// applies to every objective; it also stops a run at a saddle point, where the gradient vanishes.
    Converged { step: usize },
    /// Step `step` produced a coordinate, loss or gradient that was not finite or passed
    /// [`DIVERGENCE_THRESHOLD`]; that point was not stored, so the path ends at step `step - 1`.
    Diverged { step: usize },
    /// Step `step` could not be taken (for Newton's method: no Hessian, or a singular one); the path
    /// ends at step `step - 1`.
    Stopped { step: usize, reason: StepError },
    /// The run could not start (a hyperparameter out of range, a start point that is not finite); the
    /// path is empty. Only [`run`], which never fails, reports this; [`Run::new`] returns the error.
    Rejected { reason: RunError },
}

impl fmt::Display for Outcome {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Completed { steps } => write!(formatter, "completed {steps} steps"),
            Outcome::Converged { step } => write!(formatter, "converged at step {step}"),
            Outcome::Diverged { step } => write!(formatter, "diverged at step {step}"),
            Outcome::Stopped { step, reason } => {
                write!(formatter, "stopped at step {step}: {reason}")
            }
            Outcome::Rejected { reason } => write!(formatter, "did not start: {reason}"),
        }
    }
}

/// The path of a run: `points[k]` (as `[x, y]`) and `losses[k]` after `k` steps, the start first.
/// Every number in it is finite.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trajectory {
    pub points: Vec<[f64; 2]>,
    pub losses: Vec<f64>,
    pub outcome: Outcome,
}

impl Trajectory {
    /// The points one after the other in a single flat vector, `[x0, y0, x1, y1, ...]`, to cross into
    /// JavaScript as one typed array.
    pub fn flat_points(&self) -> Vec<f64> {
        self.points.iter().flatten().copied().collect()
    }

    /// The last point, where the run ended up.
    pub fn last_point(&self) -> Option<[f64; 2]> {
        self.points.last().copied()
    }
}

/// What a run does besides stepping.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunSettings {
    /// Steps to take; clamped to [`MAX_STEPS`].
    pub n_steps: usize,
    /// Stop as converged once the gradient norm is at most this. 0 never stops early unless the
    /// gradient is exactly zero; a negative value or NaN never stops early.
    pub gradient_tolerance: f64,
    /// The learning rate for each step, from the optimizer's learning rate at the start.
    pub schedule: LearningRateSchedule,
    /// A rising momentum for the optimizers that have one; `None` keeps the optimizer's own.
    pub momentum_schedule: Option<MomentumSchedule>,
}

impl Default for RunSettings {
    fn default() -> Self {
        Self {
            n_steps: 200,
            gradient_tolerance: DEFAULT_GRADIENT_TOLERANCE,
            schedule: LearningRateSchedule::Constant,
            momentum_schedule: None,
        }
    }
}

impl RunSettings {
    /// The defaults with `n_steps` steps.
    pub fn with_steps(n_steps: usize) -> Self {
        Self {
            n_steps,
            ..Self::default()
        }
    }
}

/// Why a run could not start.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum RunError {
    /// The start point, its loss or its gradient is not finite or passes [`DIVERGENCE_THRESHOLD`].
    StartNotFinite,
    /// A hyperparameter the optimizer uses is out of range.
    Hyperparameter { error: HyperparameterError },
    /// A schedule would give the optimizer a hyperparameter out of range.
    Schedule { error: ScheduleError },
}

impl fmt::Display for RunError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RunError::StartNotFinite => formatter.write_str(
                "the start point, its loss or its gradient is not a finite number of sensible size",
            ),
            RunError::Hyperparameter { error } => error.fmt(formatter),
            RunError::Schedule { error } => error.fmt(formatter),
        }
    }
}

impl std::error::Error for RunError {}

/// A run in progress, one step at a time, for demos that animate. The surface is passed to every call
/// rather than kept, so a demo can own both the surface and the run; pass the same one each time.
#[derive(Clone, Debug)]
pub struct Run {
    optimizer: Box<dyn Optimizer>,
    settings: RunSettings,
    n_steps: usize,
    initial_learning_rate: f64,
    points: Vec<[f64; 2]>,
    losses: Vec<f64>,
    gradient: [f64; 2],
    outcome: Option<Outcome>,
}

impl Run {
    /// Starts a run at `start`, which is stored as the first point; if the gradient there is already
    /// within the tolerance the run is converged at step 0.
    pub fn new(
        surface: &dyn Surface,
        optimizer: Box<dyn Optimizer>,
        start: [f64; 2],
        settings: RunSettings,
    ) -> Result<Self, RunError> {
        settings
            .schedule
            .validate()
            .map_err(|error| RunError::Schedule { error })?;
        if let Some(momentum_schedule) = settings.momentum_schedule {
            momentum_schedule
                .validate()
                .map_err(|error| RunError::Schedule { error })?;
        }
        let (loss, gradient) = evaluate(surface, start);
        if !all_drawable(&start, loss, &gradient) {
            return Err(RunError::StartNotFinite);
        }
        let initial_learning_rate = optimizer.hyperparameters().learning_rate;
        let mut run = Self {
            optimizer,
            settings,
            n_steps: settings.n_steps.min(MAX_STEPS),
            initial_learning_rate,
            points: vec![start],
            losses: vec![loss],
            gradient,
            outcome: None,
        };
        run.check_finished();
        Ok(run)
    }

    /// Takes one step, unless the run has ended. Returns the outcome once the run has ended (on this
    /// call or before), `None` while it goes on.
    pub fn step(&mut self, surface: &dyn Surface) -> Option<Outcome> {
        if self.outcome.is_some() {
            return self.outcome;
        }
        let step_idx = self.steps_taken();
        let step_number = step_idx + 1;
        // The step runs on copies so that a step that fails or explodes leaves the last good point and
        // the optimizer's state as they were, for the inspector to show.
        let mut optimizer = self.optimizer.clone();
        self.apply_schedules(optimizer.as_mut(), step_idx);
        let mut params = self.params();
        let objective: &dyn Objective = &surface;
        if let Err(reason) = optimizer.step(&mut params, objective) {
            self.outcome = Some(Outcome::Stopped {
                step: step_number,
                reason,
            });
            return self.outcome;
        }
        let (loss, gradient) = evaluate(surface, params);
        if !all_drawable(&params, loss, &gradient) {
            self.outcome = Some(Outcome::Diverged { step: step_number });
            return self.outcome;
        }
        self.optimizer = optimizer;
        self.points.push(params);
        self.losses.push(loss);
        self.gradient = gradient;
        self.check_finished();
        self.outcome
    }

    /// Steps until the run ends, and returns how it ended.
    pub fn run_to_end(&mut self, surface: &dyn Surface) -> Outcome {
        loop {
            if let Some(outcome) = self.step(surface) {
                return outcome;
            }
        }
    }

    /// The current point: the last one stored.
    pub fn params(&self) -> [f64; 2] {
        // `new` stores the start and nothing removes points, so the list is never empty.
        self.points.last().copied().unwrap_or([f64::NAN; 2])
    }

    /// The gradient at the current point.
    pub fn gradient(&self) -> [f64; 2] {
        self.gradient
    }

    /// The points so far, the start first.
    pub fn points(&self) -> &[[f64; 2]] {
        &self.points
    }

    /// The loss at each point so far.
    pub fn losses(&self) -> &[f64] {
        &self.losses
    }

    /// Steps taken so far (one less than the number of points).
    pub fn steps_taken(&self) -> usize {
        self.points.len().saturating_sub(1)
    }

    /// The most steps this run will take: the requested count clamped to [`MAX_STEPS`].
    pub fn n_steps(&self) -> usize {
        self.n_steps
    }

    /// How the run ended, or `None` while it goes on.
    pub fn outcome(&self) -> Option<Outcome> {
        self.outcome
    }

    pub fn is_finished(&self) -> bool {
        self.outcome.is_some()
    }

    /// The optimizer's state after the last stored step.
    pub fn state(&self) -> Vec<StateField> {
        self.optimizer.state()
    }

    pub fn optimizer(&self) -> &dyn Optimizer {
        self.optimizer.as_ref()
    }

    /// The trajectory so far; a run that has not ended reports [`Outcome::Completed`] with the steps
    /// taken so far.
    pub fn trajectory(&self) -> Trajectory {
        Trajectory {
            points: self.points.clone(),
            losses: self.losses.clone(),
            outcome: self.outcome_so_far(),
        }
    }

    /// The trajectory, without copying the path.
    pub fn into_trajectory(self) -> Trajectory {
        let outcome = self.outcome_so_far();
        Trajectory {
            points: self.points,
            losses: self.losses,
            outcome,
        }
    }

    fn outcome_so_far(&self) -> Outcome {
        self.outcome.unwrap_or(Outcome::Completed {
            steps: self.steps_taken(),
        })
    }

    /// Sets the learning rate and momentum of step `step_idx` from the schedules. `Run::new` checked
    /// that the schedules only produce allowed values, so the setters have nothing to refuse.
    fn apply_schedules(&self, optimizer: &mut dyn Optimizer, step_idx: usize) {
        if self.settings.schedule != LearningRateSchedule::Constant {
            let learning_rate = self
                .settings
                .schedule
                .learning_rate(self.initial_learning_rate, step_idx);
            let _ = optimizer.set_learning_rate(learning_rate);
        }
        if let Some(momentum_schedule) = self.settings.momentum_schedule {
            let _ = optimizer.set_mu(momentum_schedule.mu(step_idx));
        }
    }

    fn check_finished(&mut self) {
        let [gradient_x, gradient_y] = self.gradient;
        let steps_taken = self.steps_taken();
        if gradient_x.hypot(gradient_y) <= self.settings.gradient_tolerance {
            self.outcome = Some(Outcome::Converged { step: steps_taken });
        } else if steps_taken >= self.n_steps {
            self.outcome = Some(Outcome::Completed { steps: steps_taken });
        }
    }
}

/// Runs `optimizer` from `start` on `surface` until the run ends, and returns the path.
pub fn run_optimizer(
    surface: &dyn Surface,
    optimizer: Box<dyn Optimizer>,
    start: [f64; 2],
    settings: RunSettings,
) -> Result<Trajectory, RunError> {
    let mut run = Run::new(surface, optimizer, start, settings)?;
    run.run_to_end(surface);
    Ok(run.into_trajectory())
}

/// Runs the optimizer `kind` with `hyperparameters` from `start` for at most `n_steps` steps (clamped
/// to [`MAX_STEPS`]), with the default gradient tolerance and no schedule.
///
/// Never fails, for demos that draw whatever comes back: when the run cannot start, the path is
/// empty and the outcome is [`Outcome::Rejected`] with the reason.
pub fn run(
    surface: &dyn Surface,
    kind: OptimizerKind,
    hyperparameters: &Hyperparameters,
    start: [f64; 2],
    n_steps: usize,
) -> Trajectory {
    let trajectory = kind
        .build(hyperparameters)
        .map_err(|error| RunError::Hyperparameter { error })
        .and_then(|optimizer| {
            run_optimizer(surface, optimizer, start, RunSettings::with_steps(n_steps))
        });
    trajectory.unwrap_or_else(|reason| Trajectory {
        points: Vec::new(),
        losses: Vec::new(),
        outcome: Outcome::Rejected { reason },
    })
}

/// The loss and gradient at `point`.
fn evaluate(surface: &dyn Surface, point: [f64; 2]) -> (f64, [f64; 2]) {
    let [x, y] = point;
    (surface.value(x, y), surface.gradient(x, y))
}

/// Whether every number is finite and at most [`DIVERGENCE_THRESHOLD`] in magnitude.
fn all_drawable(point: &[f64; 2], loss: f64, gradient: &[f64; 2]) -> bool {
    let drawable = |value: &f64| value.is_finite() && value.abs() <= DIVERGENCE_THRESHOLD;
    point.iter().all(drawable) && drawable(&loss) && gradient.iter().all(drawable)
}
