//! The hyperparameters of every optimizer in one struct, named as in the lessons, with their defaults.

use super::OptimizerKind;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Everything a demo's sliders or the command line's flags can set. Each optimizer reads only its own
/// fields ([`OptimizerKind::hyperparameters`] lists them); the others are carried along unused.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hyperparameters {
    /// The step size `learning_rate` of every first-order update.
    pub learning_rate: f64,
    /// The momentum `mu` (a friction coefficient, really): 0.9 in the lesson, cross-validated over
    /// 0.5, 0.9, 0.95, 0.99.
    pub mu: f64,
    /// RMSProp's `decay_rate` for the moving average of squared gradients: 0.9, 0.99 or 0.999.
    pub decay_rate: f64,
    /// Adam's decay for the gradient's moving average `m`: 0.9, as the Adam paper recommends.
    pub beta1: f64,
    /// Adam's decay for the squared gradient's moving average `v`: 0.999, as the paper recommends.
    pub beta2: f64,
    /// The smoothing term that keeps the adaptive updates from dividing by zero: 1e-8.
    pub eps: f64,
}

/// The lessons' values for the hyperparameters that are not step sizes.
const LESSON_DEFAULTS: Hyperparameters = Hyperparameters {
    learning_rate: 0.01,
    mu: 0.9,
    decay_rate: 0.99,
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-8,
};

impl Hyperparameters {
    /// The defaults for one optimizer: the lessons' `mu = 0.9`, `decay_rate = 0.99`, `beta1 = 0.9`,
    /// `beta2 = 0.999`, `eps = 1e-8`, and a learning rate that suits the 2-D surfaces, whose
    /// coordinates and gradients are of order 1 to 10 (the lessons' networks use much smaller steps).
    ///
    /// | optimizer | learning rate | why |
    /// |---|---|---|
    /// | sgd, momentum, nesterov | 0.01 | stable on the ravine (`b = 20` needs `< 0.1`) and slow enough to watch |
    /// | adagrad | 0.5 | the first step moves each coordinate by about the learning rate, then steps shrink |
    /// | rmsprop | 0.01 | each step moves each coordinate by about `learning_rate / sqrt(1 - decay_rate)` at first |
    /// | adam | 0.05 | each step moves each coordinate by at most about the learning rate |
    /// | newton | none | Newton's step has no learning rate; the field is carried unused |
    pub fn defaults_for(kind: OptimizerKind) -> Self {
        let learning_rate = match kind {
            OptimizerKind::Sgd | OptimizerKind::Momentum | OptimizerKind::Nesterov => 0.01,
            OptimizerKind::Adagrad => 0.5,
            OptimizerKind::RmsProp => 0.01,
            OptimizerKind::Adam => 0.05,
            OptimizerKind::Newton => 1.0,
        };
        Self {
            learning_rate,
            ..LESSON_DEFAULTS
        }
    }

    /// The value of one hyperparameter.
    pub fn get(&self, hyperparameter: Hyperparameter) -> f64 {
        match hyperparameter {
            Hyperparameter::LearningRate => self.learning_rate,
            Hyperparameter::Mu => self.mu,
            Hyperparameter::DecayRate => self.decay_rate,
            Hyperparameter::Beta1 => self.beta1,
            Hyperparameter::Beta2 => self.beta2,
            Hyperparameter::Eps => self.eps,
        }
    }

    /// Sets one hyperparameter, without checking it (see [`Hyperparameters::validate`]).
    pub fn set(&mut self, hyperparameter: Hyperparameter, value: f64) {
        let field = match hyperparameter {
            Hyperparameter::LearningRate => &mut self.learning_rate,
            Hyperparameter::Mu => &mut self.mu,
            Hyperparameter::DecayRate => &mut self.decay_rate,
            Hyperparameter::Beta1 => &mut self.beta1,
            Hyperparameter::Beta2 => &mut self.beta2,
            Hyperparameter::Eps => &mut self.eps,
        };
        *field = value;
    }

    /// Checks the fields `kind` uses against [`Hyperparameter::check`]; unused fields are not checked.
    pub fn validate(&self, kind: OptimizerKind) -> Result<(), HyperparameterError> {
        kind.hyperparameters()
            .iter()
            .try_for_each(|&hyperparameter| hyperparameter.check(self.get(hyperparameter)))
    }
}

/// The name of one field of [`Hyperparameters`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Hyperparameter {
    LearningRate,
    Mu,
    DecayRate,
    Beta1,
    Beta2,
    Eps,
}

impl Hyperparameter {
    /// Every hyperparameter, in the order of the struct's fields.
    pub const ALL: [Hyperparameter; 6] = [
        Hyperparameter::LearningRate,
        Hyperparameter::Mu,
        Hyperparameter::DecayRate,
        Hyperparameter::Beta1,
        Hyperparameter::Beta2,
        Hyperparameter::Eps,
    ];

    /// The field's name as the lessons' code writes it: `learning_rate`, `mu`, `decay_rate`, `beta1`,
    /// `beta2`, `eps`.
    pub fn name(self) -> &'static str {
        match self {
            Hyperparameter::LearningRate => "learning_rate",
            Hyperparameter::Mu => "mu",
            Hyperparameter::DecayRate => "decay_rate",
            Hyperparameter::Beta1 => "beta1",
            Hyperparameter::Beta2 => "beta2",
            Hyperparameter::Eps => "eps",
        }
    }

    /// The allowed range, in words.
    pub fn requirement(self) -> &'static str {
        match self {
            Hyperparameter::LearningRate | Hyperparameter::Eps => {
                "a finite number greater than or equal to 0"
            }
            Hyperparameter::Mu | Hyperparameter::DecayRate => "between 0 and 1",
            Hyperparameter::Beta1 | Hyperparameter::Beta2 => "at least 0 and less than 1",
        }
    }

    /// Whether `value` is allowed: the learning rate and `eps` finite and `>= 0`; `mu` and
    /// `decay_rate` in `[0, 1]`; `beta1` and `beta2` in `[0, 1)`, because `beta = 1` makes Adam's bias
    /// correction `1 - beta^t` zero.
    pub fn check(self, value: f64) -> Result<(), HyperparameterError> {
        let allowed = match self {
            Hyperparameter::LearningRate | Hyperparameter::Eps => value.is_finite() && value >= 0.0,
            Hyperparameter::Mu | Hyperparameter::DecayRate => (0.0..=1.0).contains(&value),
            Hyperparameter::Beta1 | Hyperparameter::Beta2 => (0.0..1.0).contains(&value),
        };
        if allowed {
            Ok(())
        } else {
            Err(HyperparameterError {
                hyperparameter: self,
                value,
            })
        }
    }
}

impl fmt::Display for Hyperparameter {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.name())
    }
}

/// A hyperparameter outside its allowed range.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct HyperparameterError {
    pub hyperparameter: Hyperparameter,
    pub value: f64,
}

impl fmt::Display for HyperparameterError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "{} = {} is not allowed: it must be {}",
            self.hyperparameter,
            self.value,
            self.hyperparameter.requirement()
        )
    }
}

impl std::error::Error for HyperparameterError {}
