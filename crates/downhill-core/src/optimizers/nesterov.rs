//! Nesterov momentum: the gradient is taken where the momentum is about to carry the parameters.

use super::{
    Hyperparameter, HyperparameterError, Hyperparameters, Optimizer, OptimizerKind, StateField,
    StepError, check_params, loss_and_gradient, prepare_state,
};
use crate::objective::Objective;

/// Which of the lesson's two equivalent ways of writing Nesterov's update to use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum NesterovForm {
    /// The form that shows the idea: `x_ahead = x + mu * v`, take the gradient `dx_ahead` there, then
    /// `v = mu * v - learning_rate * dx_ahead` and `x += v`. The parameters are the plain iterate `x`.
    LookAhead,
    /// The form that is used in practice, which needs the gradient at the stored parameters only:
    /// `v_prev = v`, `v = mu * v - learning_rate * dx`, `x += -mu * v_prev + (1 + mu) * v`. The stored
    /// parameters are the look-ahead point: after the same steps from the same start (with `v = 0`),
    /// they equal the look-ahead form's `x + mu * v`.
    #[default]
    Reparametrized,
}

/// Nesterov momentum, in either [`NesterovForm`]. Defaults `learning_rate = 0.01`, `mu = 0.9`, the
/// re-parametrized form.
///
/// Plain momentum is about to move the parameters by `mu * v` whatever the gradient says, so the
/// gradient is more useful at `x + mu * v` than at `x`. On convex functions this has stronger
/// convergence guarantees than plain momentum.
#[derive(Clone, Debug, PartialEq)]
pub struct Nesterov {
    pub learning_rate: f64,
    pub mu: f64,
    pub form: NesterovForm,
    /// `v`, one entry per parameter; empty until the first step.
    pub velocity: Vec<f64>,
    /// Where the next gradient will be taken: `x + mu * v` in the look-ahead form, the parameters
    /// themselves in the re-parametrized form. Empty until the first step.
    pub look_ahead: Vec<f64>,
}

impl Default for Nesterov {
    fn default() -> Self {
        Self::from_hyperparameters(&Hyperparameters::defaults_for(OptimizerKind::Nesterov))
    }
}

impl Nesterov {
    pub fn new(learning_rate: f64, mu: f64, form: NesterovForm) -> Self {
        Self {
            learning_rate,
            mu,
            form,
            velocity: Vec::new(),
            look_ahead: Vec::new(),
        }
    }

    pub fn from_hyperparameters(hyperparameters: &Hyperparameters) -> Self {
        Self::new(
            hyperparameters.learning_rate,
            hyperparameters.mu,
            NesterovForm::default(),
        )
    }

    fn step_look_ahead(
        &mut self,
        params: &mut [f64],
        objective: &dyn Objective,
    ) -> Result<f64, StepError> {
        let (learning_rate, mu) = (self.learning_rate, self.mu);
        // ANCHOR: update_lookahead
        let x_ahead: Vec<f64> = params
            .iter()
            .zip(&self.velocity)
            .map(|(x, v)| x + mu * v)
            .collect();
        let (loss, dx_ahead) = loss_and_gradient(objective, &x_ahead)?;
        for ((x, v), dx) in params.iter_mut().zip(&mut self.velocity).zip(&dx_ahead) {
            *v = mu * *v - learning_rate * dx;
            *x += *v;
        }
        // ANCHOR_END: update_lookahead
        self.look_ahead = params
            .iter()
            .zip(&self.velocity)
            .map(|(x, v)| x + mu * v)
            .collect();
        Ok(loss)
    }

    fn step_reparametrized(
        &mut self,
        params: &mut [f64],
        objective: &dyn Objective,
    ) -> Result<f64, StepError> {
        let (loss, gradient) = loss_and_gradient(objective, params)?;
        let (learning_rate, mu) = (self.learning_rate, self.mu);
        // ANCHOR: update
        for ((x, v), dx) in params.iter_mut().zip(&mut self.velocity).zip(&gradient) {
            let v_prev = *v; // keep the old velocity
            *v = mu * *v - learning_rate * dx; // the same velocity update as momentum
            *x += -mu * v_prev + (1.0 + mu) * *v; // a different position update
        }
        // ANCHOR_END: update
        self.look_ahead = params.to_vec();
        Ok(loss)
    }
}

impl Optimizer for Nesterov {
    fn kind(&self) -> OptimizerKind {
        OptimizerKind::Nesterov
    }

    fn step(&mut self, params: &mut [f64], objective: &dyn Objective) -> Result<f64, StepError> {
        check_params(objective, params)?;
        prepare_state(&mut self.velocity, params.len())?;
        match self.form {
            NesterovForm::LookAhead => self.step_look_ahead(params, objective),
            NesterovForm::Reparametrized => self.step_reparametrized(params, objective),
        }
    }

    fn state(&self) -> Vec<StateField> {
        vec![
            StateField::new("velocity", self.velocity.clone()),
            StateField::new("x_ahead", self.look_ahead.clone()),
        ]
    }

    fn reset(&mut self) {
        self.velocity.clear();
        self.look_ahead.clear();
    }

    fn hyperparameters(&self) -> Hyperparameters {
        Hyperparameters {
            learning_rate: self.learning_rate,
            mu: self.mu,
            ..Hyperparameters::defaults_for(OptimizerKind::Nesterov)
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
