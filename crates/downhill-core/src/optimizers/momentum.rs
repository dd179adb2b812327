//! The momentum update: the gradient changes a velocity, and the velocity moves the parameters.

use super::{
    Hyperparameter, HyperparameterError, Hyperparameters, Optimizer, OptimizerKind, StateField,
    StepError, loss_and_gradient, prepare_state,
};
use crate::objective::Objective;

/// Momentum, the lesson's physical picture of a ball rolling on the loss:
///
/// `v = mu * v - learning_rate * dx` (integrate velocity), then `x += v` (integrate position).
///
/// `v` starts at zero. `mu` acts as friction: without it the ball would never stop. In the slides'
/// heavy-ball notation `p = beta p + grad`, `W -= alpha p`, the same iterates come out with
/// `v = -alpha p` and `beta = mu` (for a fixed `alpha`). Defaults `learning_rate = 0.01`, `mu = 0.9`.
#[derive(Clone, Debug, PartialEq)]
pub struct Momentum {
    pub learning_rate: f64,
    pub mu: f64,
    /// `v`, one entry per parameter; empty until the first step.
    pub velocity: Vec<f64>,
}

impl Default for Momentum {
    fn default() -> Self {
        Self::from_hyperparameters(&Hyperparameters::defaults_for(OptimizerKind::Momentum))
    }
}

impl Momentum {
    pub fn new(learning_rate: f64, mu: f64) -> Self {
        Self {
            learning_rate,
            mu,
            velocity: Vec::new(),
        }
    }

    pub fn from_hyperparameters(hyperparameters: &Hyperparameters) -> Self {
        Self::new(hyperparameters.learning_rate, hyperparameters.mu)
    }
}

impl Optimizer for Momentum {
    fn kind(&self) -> OptimizerKind {
        OptimizerKind::Momentum
    }

    fn step(&mut self, params: &mut [f64], objective: &dyn Objective) -> Result<f64, StepError> {
        let (loss, gradient) = loss_and_gradient(objective, params)?;
        prepare_state(&mut self.velocity, params.len())?;
        let (learning_rate, mu) = (self.learning_rate, self.mu);
        // ANCHOR: update
        for ((x, v), dx) in params.iter_mut().zip(&mut self.velocity).zip(&gradient) {
            *v = mu * *v - learning_rate * dx; // the gradient changes the velocity
            *x += *v; // the velocity changes the position
        }
        // ANCHOR_END: update
        Ok(loss)
    }

    fn state(&self) -> Vec<StateField> {
        vec![StateField::new("velocity", self.velocity.clone())]
    }

    fn reset(&mut self) {
        self.velocity.clear();
    }

    fn hyperparameters(&self) -> Hyperparameters {
        Hyperparameters {
            learning_rate: self.learning_rate,
            mu: self.mu,
            ..Hyperparameters::defaults_for(OptimizerKind::Momentum)
        }
    }

    fn set_learning_rate(&mut self, learning_rate: f64) -> Result<(), HyperparameterError> {
        Hyperparameter::LearningRate.check(learning_rate)?;
        self.learning_rate = learning_rate;
        Ok(())
    }

    fn set_mu(&mut self, mu: f64) -> Result<(), HyperparameterError> {
        Hyperparameter::Mu.check(mu)?;
        self.mu = mu;
        Ok(())
    }

    fn clone_box(&self) -> Box<dyn Optimizer> {
        Box::new(self.clone())
    }
}
