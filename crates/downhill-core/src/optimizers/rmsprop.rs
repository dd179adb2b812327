//! RMSProp: Adagrad with a leaky cache, so the steps stop shrinking for good.

use super::{
    Hyperparameter, HyperparameterError, Hyperparameters, Optimizer, OptimizerKind, StateField,
    StepError, loss_and_gradient, prepare_state,
};
use crate::objective::Objective;

/// RMSProp (Hinton's Coursera lecture 6), per parameter:
///
/// `cache = decay_rate * cache + (1 - decay_rate) * dx**2`, then
/// `x += -learning_rate * dx / (sqrt(cache) + eps)`.
///
/// The cache is a moving average of squared gradients instead of Adagrad's sum, so each parameter's
/// step is still scaled by the size of its gradients but the steps do not shrink monotonically. Where
/// the gradient is tiny (along a saddle's escape direction) the division makes the step larger, which
/// helps RMSProp leave the saddle. Defaults `learning_rate = 0.01`, `decay_rate = 0.99`, `eps = 1e-8`.
#[derive(Clone, Debug, PartialEq)]
pub struct RmsProp {
    pub learning_rate: f64,
    pub decay_rate: f64,
    pub eps: f64,
    /// The moving average of squared gradients, one entry per parameter; empty until the first step.
    pub cache: Vec<f64>,
}

impl Default for RmsProp {
    fn default() -> Self {
        Self::from_hyperparameters(&Hyperparameters::defaults_for(OptimizerKind::RmsProp))
    }
}

impl RmsProp {
    pub fn new(learning_rate: f64, decay_rate: f64, eps: f64) -> Self {
        Self {
            learning_rate,
            decay_rate,
            eps,
            cache: Vec::new(),
        }
    }

    pub fn from_hyperparameters(hyperparameters: &Hyperparameters) -> Self {
        Self::new(
            hyperparameters.learning_rate,
            hyperparameters.decay_rate,
            hyperparameters.eps,
        )
    }
}

impl Optimizer for RmsProp {
    fn kind(&self) -> OptimizerKind {
        OptimizerKind::RmsProp
    }

    fn step(&mut self, params: &mut [f64], objective: &dyn Objective) -> Result<f64, StepError> {
        let (loss, gradient) = loss_and_gradient(objective, params)?;
        prepare_state(&mut self.cache, params.len())?;
        let (learning_rate, decay_rate, eps) = (self.learning_rate, self.decay_rate, self.eps);
        // ANCHOR: update
        for ((x, cache), dx) in params.iter_mut().zip(&mut self.cache).zip(&gradient) {
            *cache = decay_rate * *cache + (1.0 - decay_rate) * dx * dx;
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
            decay_rate: self.decay_rate,
            eps: self.eps,
            ..Hyperparameters::defaults_for(OptimizerKind::RmsProp)
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
