//! Adagrad: each parameter's step is divided by the root of the sum of its squared gradients so far.

use super::{
    Hyperparameter, HyperparameterError, Hyperparameters, Optimizer, OptimizerKind, StateField,
    StepError, loss_and_gradient, prepare_state,
};
use crate::objective::Objective;

/// Adagrad (Duchi et al.), per parameter:
///
/// `cache += dx**2`, then `x += -learning_rate * dx / (sqrt(cache) + eps)`.
///
/// Parameters with large gradients get smaller effective steps and rarely-updated ones larger. Because
/// `cache` only grows, the effective step only shrinks, which often stops deep-learning training too
/// early. `eps` (1e-4 to 1e-8) only guards the division. Defaults `learning_rate = 0.5` (chosen for
/// the 2-D surfaces: the first step moves each coordinate by about the learning rate), `eps = 1e-8`.
#[derive(Clone, Debug, PartialEq)]
pub struct Adagrad {
    pub learning_rate: f64,
    pub eps: f64,
    /// The running sum of squared gradients, one entry per parameter; empty until the first step.
    pub cache: Vec<f64>,
}

impl Default for Adagrad {
    fn default() -> Self {
        Self::from_hyperparameters(&Hyperparameters::defaults_for(OptimizerKind::Adagrad))
    }
}

impl Adagrad {
    pub fn new(learning_rate: f64, eps: f64) -> Self {
        Self {
            learning_rate,
            eps,
            cache: Vec::new(),
        }
    }

    pub fn from_hyperparameters(hyperparameters: &Hyperparameters) -> Self {
        Self::new(hyperparameters.learning_rate, hyperparameters.eps)
    }
}

impl Optimizer for Adagrad {
    fn kind(&self) -> OptimizerKind {
        OptimizerKind::Adagrad
    }

    fn step(&mut self, params: &mut [f64], objective: &dyn Objective) -> Result<f64, StepError> {
        let (loss, gradient) = loss_and_gradient(objective, params)?;
        prepare_state(&mut self.cache, params.len())?;
        let (learning_rate, eps) = (self.learning_rate, self.eps);
        // ANCHOR: update
        for ((x, cache), dx) in params.iter_mut().zip(&mut self.cache).zip(&gradient) {
            *cache += dx * dx;
            *x += -learning_rate * dx / (cache.sqrt() + eps);
        }
        // ANCHOR_END: update
        Ok(loss)
    }

    fn state(&self) -> Vec<StateField> {
        vec![StateField::new("cache", self.cache.clone())]
    }

    fn reset(&mut self) {
        self.cache.clear();
    }

    fn hyperparameters(&self) -> Hyperparameters {
        Hyperparameters {
            learning_rate: self.learning_rate,
            eps: self.eps,
            ..Hyperparameters::defaults_for(OptimizerKind::Adagrad)
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
