//! The parameter updates of the lessons: SGD, momentum, Nesterov momentum, Adagrad, RMSProp, Adam and
//! Newton's method, one per file.
//!
//! Each optimizer is a configuration struct (hyperparameters named as in the lessons, with their
//! defaults in `Default`) plus its state in public fields (velocity, cache, m, v, t), so a demo can show
//! the state as it changes. A step reads the gradient from an [`Objective`], so the same code moves a
//! point on a 2-D surface and the weights of a classifier. [`OptimizerKind`] names them and builds any
//! of them as a `Box<dyn Optimizer>` from [`Hyperparameters`].

pub mod adagrad;
pub mod adam;
pub mod hyperparameters;
pub mod kind;
pub mod momentum;
pub mod nesterov;
pub mod newton;
pub mod rmsprop;
pub mod sgd;

pub use adagrad::Adagrad;
pub use adam::{Adam, EpsilonPlacement};
pub use hyperparameters::{Hyperparameter, HyperparameterError, Hyperparameters};
pub use kind::{OptimizerKind, ParseOptimizerError};
pub use momentum::Momentum;
pub use nesterov::{Nesterov, NesterovForm};
pub use newton::Newton;
pub use rmsprop::RmsProp;
pub use sgd::Sgd;

use crate::objective::Objective;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One named piece of an optimizer's state, for the race demo's inspector: `velocity`, `cache`, `m`,
/// `v`, `m_hat`, `v_hat`, `1 - beta1^t`, `1 - beta2^t`, `t`, `x_ahead`, `hessian`, `newton_step`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StateField {
    pub name: &'static str,
    pub values: Vec<f64>,
}

impl StateField {
    pub fn new(name: &'static str, values: Vec<f64>) -> Self {
        Self { name, values }
    }
}

/// Why a step could not be taken. The parameters are left as they were.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum StepError {
    /// The parameters (or the optimizer's state from earlier steps) do not have the objective's
    /// dimension. After [`Optimizer::reset`] the state takes the dimension of the next step.
    DimensionMismatch { expected: usize, found: usize },
    /// Newton's method was asked to step on an objective that does not know its Hessian.
    NoHessian,
    /// The Hessian has no inverse here (determinant zero, or not a finite number), so Newton's step
    /// `H^{-1} grad f` does not exist.
    SingularHessian,
    /// Newton's method here inverts 2 x 2 Hessians only, the 2-D surfaces of the lessons.
    UnsupportedDimension { found: usize },
}

impl fmt::Display for StepError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StepError::DimensionMismatch { expected, found } => {
                write!(formatter, "expected {expected} parameters, found {found}")
            }
            StepError::NoHessian => formatter.write_str("the objective has no Hessian"),
            StepError::SingularHessian => {
                formatter.write_str("the Hessian is singular here, so Newton's step does not exist")
            }
            StepError::UnsupportedDimension { found } => write!(
                formatter,
                "Newton's method here needs 2 parameters, found {found}"
            ),
        }
    }
}

impl std::error::Error for StepError {}

/// A parameter update, used through `Box<dyn Optimizer>` by the demos and the command line.
pub trait Optimizer {
    /// Which update this is.
    fn kind(&self) -> OptimizerKind;

    /// Moves `params` one step downhill on `objective`, updating the state, and returns the loss at
    /// the point where the gradient was evaluated (the parameters before the step, or the look-ahead
    /// point for Nesterov's look-ahead form).
    fn step(&mut self, params: &mut [f64], objective: &dyn Objective) -> Result<f64, StepError>;

    /// The state for display, each field named as in the lesson's code.
    fn state(&self) -> Vec<StateField>;

    /// Forgets the state (zero velocity, empty cache, `t = 0`) and keeps the hyperparameters.
    fn reset(&mut self);

    /// The current hyperparameters; fields this optimizer does not use hold the lessons' defaults.
    fn hyperparameters(&self) -> Hyperparameters;

    /// Changes the learning rate between steps, as a schedule does. Newton's method has none and
    /// ignores it.
    fn set_learning_rate(&mut self, learning_rate: f64) -> Result<(), HyperparameterError>;

    /// Changes `mu` between steps, as a momentum schedule does. Optimizers without momentum ignore it.
    fn set_mu(&mut self, _mu: f64) -> Result<(), HyperparameterError> {
        Ok(())
    }

    /// A copy behind a new box, so a demo can keep a snapshot and a run can restore one.
    fn clone_box(&self) -> Box<dyn Optimizer>;
}

impl Clone for Box<dyn Optimizer> {
    fn clone(&self) -> Self {
        self.clone_box()
    }
}

impl fmt::Debug for dyn Optimizer {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter
            .debug_struct("Optimizer")
            .field("kind", &self.kind())
            .field("state", &self.state())
            .finish()
    }
}

/// The loss and gradient at `params`, after checking that `params` has the objective's dimension.
pub(crate) fn loss_and_gradient(
    objective: &dyn Objective,
    params: &[f64],
) -> Result<(f64, Vec<f64>), StepError> {
    check_dimension(objective.dimension(), params.len())?;
    let mut gradient = vec![0.0; params.len()];
    let loss = objective.loss_and_gradient(params, &mut gradient);
    Ok((loss, gradient))
}

/// Sizes a state vector on the first step (zeros, as the lessons initialize `v` and `cache`) and
/// refuses a later change of dimension.
pub(crate) fn prepare_state(state: &mut Vec<f64>, dimension: usize) -> Result<(), StepError> {
    if state.is_empty() {
        state.resize(dimension, 0.0);
    }
    check_dimension(state.len(), dimension)
}

/// Checks that `params` has the objective's dimension, for steps that evaluate the gradient elsewhere.
pub(crate) fn check_params(objective: &dyn Objective, params: &[f64]) -> Result<(), StepError> {
    check_dimension(objective.dimension(), params.len())
}

fn check_dimension(expected: usize, found: usize) -> Result<(), StepError> {
    if expected == found {
        Ok(())
    } else {
        Err(StepError::DimensionMismatch { expected, found })
    }
}
