//! The vanilla update: a step along the negative gradient.

use super::{
    Hyperparameter, HyperparameterError, Hyperparameters, Optimizer, OptimizerKind, StateField,
    StepError, loss_and_gradient,
};
use crate::objective::Objective;

/// Stochastic gradient descent in its plain form: `x += -learning_rate * dx`.
///
/// The gradient points uphill, so the step goes against it. With the full data set and a small
/// enough learning rate every step lowers the loss (on a quadratic with largest curvature `L`, any
/// `learning_rate < 2 / L` converges). SGD keeps no state. Default `learning_rate = 0.01`.
#[derive(Clone, Debug, PartialEq)]
pub struct Sgd {
    pub learning_rate: f64,
}

impl Default for Sgd {
    fn default() -> Self {
        Self::from_hyperparameters(&Hyperparameters::defaults_for(OptimizerKind::Sgd))
    }
}

impl Sgd {
    pub fn new(learning_rate: f64) -> Self {
        Self { learning_rate }
    }

    pub fn from_hyperparameters(hyperparameters: &Hyperparameters) -> Self {
        Self::new(hyperparameters.learning_rate)
    }
}

impl Optimizer for Sgd {
    fn kind(&self) -> OptimizerKind {
        OptimizerKind::Sgd
    }

    fn step(&mut self, params: &mut [f64], objective: &dyn Objective) -> Result<f64, StepError> {
        let (loss, gradient) = loss_and_gradient(objective, params)?;
        let learning_rate = self.learning_rate;
        // ANCHOR: update
        for (x, dx) in params.iter_mut().zip(&gradient) {
            *x += -learning_rate * dx;
        }
        // ANCHOR_END: update
        Ok(loss)
    }

    fn state(&self) -> Vec<StateField> {
        Vec::new()
    }

    fn reset(&mut self) {}

    fn hyperparameters(&self) -> Hyperparameters {
        Hyperparameters {
            learning_rate: self.learning_rate,
            ..Hyperparameters::defaults_for(OptimizerKind::Sgd)
        }
    }

    fn set_learning_rate(&mut self, learning_rate: f64) -> Result<(), HyperparameterError> {
        Hyperparameter::LearningRate.check(learning_rate)?;
        self.learning_rate = learning_rate;
        Ok(())
    }

    fn clone_box(&self) -> Box<dyn Optimizer> {
        Box::new(self.clone())
    }
}
