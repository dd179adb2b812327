//! Annealing: learning rates that fall as training goes on, and a momentum that rises.
//!
//! Each schedule is a pure function of the step, so a run can be replayed and a demo can draw the
//! whole curve before the run starts.

use serde::{Deserialize, Serialize};
use std::fmt;

// ANCHOR: step_decay
/// Step decay: `learning_rate = initial_rate * drop_factor^(floor(step_idx / steps_per_drop))`,
/// for example halve the rate every 5 epochs. `steps_per_drop = 0` never drops.
pub fn step_decay(
    initial_rate: f64,
    drop_factor: f64,
    steps_per_drop: usize,
    step_idx: usize,
) -> f64 {
    let n_drops = step_idx.checked_div(steps_per_drop).unwrap_or(0);
    initial_rate * drop_factor.powf(n_drops as f64)
}
// ANCHOR_END: step_decay

// ANCHOR: exponential_decay
/// Exponential decay: `alpha = alpha_0 * e^(-k t)`.
pub fn exponential_decay(initial_rate: f64, k: f64, step_idx: usize) -> f64 {
    initial_rate * (-k * step_idx as f64).exp()
}
// ANCHOR_END: exponential_decay

// ANCHOR: inverse_time_decay
/// 1/t decay: `alpha = alpha_0 / (1 + k t)`.
pub fn inverse_time_decay(initial_rate: f64, k: f64, step_idx: usize) -> f64 {
    initial_rate / (1.0 + k * step_idx as f64)
}
// ANCHOR_END: inverse_time_decay

/// A learning-rate schedule, applied by a [`Run`](crate::trajectory::Run) before every step.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum LearningRateSchedule {
    /// The optimizer's own learning rate throughout.
    #[default]
    Constant,
    /// [`step_decay`]: multiply by `drop_factor` every `steps_per_drop` steps.
    StepDecay {
        drop_factor: f64,
        steps_per_drop: usize,
    },
    /// [`exponential_decay`] with rate `k`.
    Exponential { k: f64 },
    /// [`inverse_time_decay`] with rate `k`.
    InverseTime { k: f64 },
}

impl LearningRateSchedule {
    /// The learning rate for step `step_idx` (from 0) of a run that starts at `initial_rate`.
    pub fn learning_rate(&self, initial_rate: f64, step_idx: usize) -> f64 {
        match *self {
            LearningRateSchedule::Constant => initial_rate,
            LearningRateSchedule::StepDecay {
                drop_factor,
                steps_per_drop,
            } => step_decay(initial_rate, drop_factor, steps_per_drop, step_idx),
            LearningRateSchedule::Exponential { k } => exponential_decay(initial_rate, k, step_idx),
            LearningRateSchedule::InverseTime { k } => {
                inverse_time_decay(initial_rate, k, step_idx)
            }
        }
    }

    /// Whether the schedule only ever lowers a valid learning rate to another valid one (finite and
    /// at least 0): `drop_factor` in `[0, 1]`, `k` finite and at least 0.
    pub fn validate(&self) -> Result<(), ScheduleError> {
        let allowed = match *self {
            LearningRateSchedule::Constant => true,
            LearningRateSchedule::StepDecay { drop_factor, .. } => {
                (0.0..=1.0).contains(&drop_factor)
            }
            LearningRateSchedule::Exponential { k } | LearningRateSchedule::InverseTime { k } => {
                k.is_finite() && k >= 0.0
            }
        };
        if allowed {
            Ok(())
        } else {
            Err(ScheduleError::LearningRate(*self))
        }
    }
}

/// A momentum that rises from `start` to `end` over `n_steps` steps, in a straight line, and then
/// stays at `end`: `mu(t) = start + (end - start) * min(t / n_steps, 1)`. The lesson's typical
/// setting starts near 0.5 and anneals to 0.99 over a few epochs.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct MomentumSchedule {
    pub start: f64,
    pub end: f64,
    pub n_steps: usize,
}

impl Default for MomentumSchedule {
    /// From 0.5 to 0.99 over 100 steps.
    fn default() -> Self {
        Self {
            start: 0.5,
            end: 0.99,
            n_steps: 100,
        }
    }
}

impl MomentumSchedule {
    /// `mu` for step `step_idx` (from 0). With `n_steps = 0` the momentum is `end` from the start.
    pub fn mu(&self, step_idx: usize) -> f64 {
        let progress = if self.n_steps == 0 {
            1.0
        } else {
            (step_idx as f64 / self.n_steps as f64).min(1.0)
        };
        self.start + (self.end - self.start) * progress
    }

    /// Whether both ends are allowed momenta, in `[0, 1]`.
    pub fn validate(&self) -> Result<(), ScheduleError> {
        let allowed = (0.0..=1.0).contains(&self.start) && (0.0..=1.0).contains(&self.end);
        if allowed {
            Ok(())
        } else {
            Err(ScheduleError::Momentum(*self))
        }
    }
}

/// A schedule that could leave the allowed range of its hyperparameter.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScheduleError {
    LearningRate(LearningRateSchedule),
    Momentum(MomentumSchedule),
}

impl fmt::Display for ScheduleError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScheduleError::LearningRate(schedule) => write!(
                formatter,
                "learning-rate schedule {schedule:?} is not allowed: drop_factor must be between 0 and 1 and k a finite number at least 0"
            ),
            ScheduleError::Momentum(schedule) => write!(
                formatter,
                "momentum schedule {schedule:?} is not allowed: start and end must be between 0 and 1"
            ),
        }
    }
}

impl std::error::Error for ScheduleError {}
