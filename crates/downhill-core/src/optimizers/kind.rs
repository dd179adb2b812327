//! The names of the optimizers, and building any of them from [`Hyperparameters`].

use super::{
    Adagrad, Adam, Hyperparameter, HyperparameterError, Hyperparameters, Momentum, Nesterov,
    Newton, Optimizer, RmsProp, Sgd,
};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// One of the lessons' parameter updates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OptimizerKind {
    Sgd,
    Momentum,
    Nesterov,
    Adagrad,
    RmsProp,
    Adam,
    Newton,
}

impl OptimizerKind {
    /// Every kind, in the order the lesson introduces them.
    pub const ALL: [OptimizerKind; 7] = [
        OptimizerKind::Sgd,
        OptimizerKind::Momentum,
        OptimizerKind::Nesterov,
        OptimizerKind::Adagrad,
        OptimizerKind::RmsProp,
        OptimizerKind::Adam,
        OptimizerKind::Newton,
    ];

    /// The command-line name: `sgd`, `momentum`, `nesterov`, `adagrad`, `rmsprop`, `adam`, `newton`.
    pub fn name(self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "sgd",
            OptimizerKind::Momentum => "momentum",
            OptimizerKind::Nesterov => "nesterov",
            OptimizerKind::Adagrad => "adagrad",
            OptimizerKind::RmsProp => "rmsprop",
            OptimizerKind::Adam => "adam",
            OptimizerKind::Newton => "newton",
        }
    }

    /// A name for people, as legends and menus show it.
    pub fn label(self) -> &'static str {
        match self {
            OptimizerKind::Sgd => "SGD",
            OptimizerKind::Momentum => "Momentum",
            OptimizerKind::Nesterov => "Nesterov momentum",
            OptimizerKind::Adagrad => "Adagrad",
            OptimizerKind::RmsProp => "RMSProp",
            OptimizerKind::Adam => "Adam",
            OptimizerKind::Newton => "Newton's method",
        }
    }

    /// The hyperparameters this update reads; a demo shows a slider for each, the command line warns
    /// about flags outside this list.
    pub fn hyperparameters(self) -> &'static [Hyperparameter] {
        use Hyperparameter::{Beta1, Beta2, DecayRate, Eps, LearningRate, Mu};
        match self {
            OptimizerKind::Sgd => &[LearningRate],
            OptimizerKind::Momentum | OptimizerKind::Nesterov => &[LearningRate, Mu],
            OptimizerKind::Adagrad => &[LearningRate, Eps],
            OptimizerKind::RmsProp => &[LearningRate, DecayRate, Eps],
            OptimizerKind::Adam => &[LearningRate, Beta1, Beta2, Eps],
            OptimizerKind::Newton => &[],
        }
    }

    /// The optimizer with these hyperparameters and fresh state, in the lesson's default form
    /// (Nesterov re-parametrized, Adam with bias correction and `eps` outside the square root).
    /// Fails when a hyperparameter this optimizer uses is out of range.
    pub fn build(
        self,
        hyperparameters: &Hyperparameters,
    ) -> Result<Box<dyn Optimizer>, HyperparameterError> {
        hyperparameters.validate(self)?;
        let optimizer: Box<dyn Optimizer> = match self {
            OptimizerKind::Sgd => Box::new(Sgd::from_hyperparameters(hyperparameters)),
            OptimizerKind::Momentum => Box::new(Momentum::from_hyperparameters(hyperparameters)),
            OptimizerKind::Nesterov => Box::new(Nesterov::from_hyperparameters(hyperparameters)),
            OptimizerKind::Adagrad => Box::new(Adagrad::from_hyperparameters(hyperparameters)),
            OptimizerKind::RmsProp => Box::new(RmsProp::from_hyperparameters(hyperparameters)),
            OptimizerKind::Adam => Box::new(Adam::from_hyperparameters(hyperparameters)),
            OptimizerKind::Newton => Box::new(Newton::default()),
        };
        Ok(optimizer)
    }

    /// The optimizer with [`Hyperparameters::defaults_for`] this kind.
    pub fn build_default(self) -> Box<dyn Optimizer> {
        match self {
            OptimizerKind::Sgd => Box::new(Sgd::default()),
            OptimizerKind::Momentum => Box::new(Momentum::default()),
            OptimizerKind::Nesterov => Box::new(Nesterov::default()),
            OptimizerKind::Adagrad => Box::new(Adagrad::default()),
            OptimizerKind::RmsProp => Box::new(RmsProp::default()),
            OptimizerKind::Adam => Box::new(Adam::default()),
            OptimizerKind::Newton => Box::new(Newton::default()),
        }
    }
}

impl fmt::Display for OptimizerKind {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.name())
    }
}

/// An optimizer name that is not one of [`OptimizerKind::ALL`]; its message lists the known names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseOptimizerError {
    /// The name that was asked for.
    pub unknown: String,
}

impl fmt::Display for ParseOptimizerError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known: Vec<&str> = OptimizerKind::ALL.iter().map(|kind| kind.name()).collect();
        write!(
            formatter,
            "unknown optimizer `{}`; known optimizers: {}",
            self.unknown,
            known.join(", ")
        )
    }
}

impl std::error::Error for ParseOptimizerError {}

impl FromStr for OptimizerKind {
    type Err = ParseOptimizerError;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        OptimizerKind::ALL
            .into_iter()
            .find(|kind| kind.name() == name)
            .ok_or_else(|| ParseOptimizerError {
                unknown: name.to_owned(),
            })
    }
}
