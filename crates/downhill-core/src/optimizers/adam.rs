//! Adam: RMSProp with momentum, with or without the bias correction of its warm-up.

use super::{
    Hyperparameter, HyperparameterError, Hyperparameters, Optimizer, OptimizerKind, StateField,
    StepError, loss_and_gradient, prepare_state,
};
use crate::objective::Objective;

/// Where `eps` enters the denominator of Adam's step.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EpsilonPlacement {
    /// `sqrt(v) + eps`: the lesson's form, also the Adam paper's and PyTorch's.
    #[default]
    OutsideSqrt,
    /// `sqrt(v + eps)`: the form some libraries offer instead (optax calls its `eps_root`). The same
    /// number means a much larger guard here, about `sqrt(eps)` rather than `eps`.
    InsideSqrt,
}

/// Adam (Kingma and Ba), the lesson's recommended default.
///
/// The lesson's simplified form, `bias_correction = false`:
///
/// `m = beta1*m + (1-beta1)*dx`, `v = beta2*v + (1-beta2)*(dx**2)`,
/// `x += - learning_rate * m / (sqrt(v) + eps)`.
///
/// The full form, `bias_correction = true` (the default), counts steps `t = 1, 2, ...` and divides
/// the averages by the weight they have gathered since starting at zero:
///
/// `mt = m / (1-beta1**t)`, `vt = v / (1-beta2**t)`, `x += - learning_rate * mt / (sqrt(vt) + eps)`.
///
/// Both averages start at zero and are biased towards it; the correction undoes that, so the first
/// step moves every coordinate by about `learning_rate` (exactly `learning_rate * |dx| / (|dx| + eps)`).
/// Without it the two biases do not cancel: ignoring `eps`, the simplified step is the corrected one
/// times `(1 - beta1^t) / sqrt(1 - beta2^t)`, about 3.2 at the first step with the default betas. `eps` goes outside the square root as in the lesson unless
/// [`EpsilonPlacement::InsideSqrt`] is chosen. The two placements give the same step when `eps = 0`,
/// nearly the same when `sqrt(v)` is much larger than `eps` (large gradients), and very different
/// steps when the gradient is tiny. Defaults `learning_rate = 0.05` (for the 2-D surfaces; the paper
/// suggests 0.001 for networks), `beta1 = 0.9`, `beta2 = 0.999`, `eps = 1e-8`.
#[derive(Clone, Debug, PartialEq)]
pub struct Adam {
    pub learning_rate: f64,
    pub beta1: f64,
    pub beta2: f64,
    pub eps: f64,
    pub bias_correction: bool,
    pub epsilon_placement: EpsilonPlacement,
    /// The moving average of gradients; empty until the first step.
    pub m: Vec<f64>,
    /// The moving average of squared gradients; empty until the first step.
    pub v: Vec<f64>,
    /// Steps taken so far; the first step uses `t = 1`.
    pub t: u64,
}

impl Default for Adam {
    fn default() -> Self {
        Self::from_hyperparameters(&Hyperparameters::defaults_for(OptimizerKind::Adam))
    }
}

impl Adam {
    /// Adam with bias correction and `eps` outside the square root.
    pub fn new(learning_rate: f64, beta1: f64, beta2: f64, eps: f64) -> Self {
        Self {
            learning_rate,
            beta1,
            beta2,
            eps,
            bias_correction: true,
            epsilon_placement: EpsilonPlacement::OutsideSqrt,
            m: Vec::new(),
            v: Vec::new(),
            t: 0,
        }
    }

    pub fn from_hyperparameters(hyperparameters: &Hyperparameters) -> Self {
        Self::new(
            hyperparameters.learning_rate,
            hyperparameters.beta1,
            hyperparameters.beta2,
            hyperparameters.eps,
        )
    }

    /// The lesson's simplified form, without bias correction.
    pub fn simplified(mut self) -> Self {
        self.bias_correction = false;
        self
    }

    /// `[1 - beta1^t, 1 - beta2^t]`, the weights `m` and `v` have gathered; both 1 without bias
    /// correction. Before the first step (`t = 0`) both are 0.
    pub fn bias_corrections(&self) -> [f64; 2] {
        if !self.bias_correction {
            return [1.0, 1.0];
        }
        let t = self.t as f64;
        [1.0 - self.beta1.powf(t), 1.0 - self.beta2.powf(t)]
    }

    fn update_simplified(&mut self, params: &mut [f64], gradient: &[f64]) {
        let (learning_rate, beta1, beta2, eps) =
            (self.learning_rate, self.beta1, self.beta2, self.eps);
        // ANCHOR: update_simplified
        let moments = self.m.iter_mut().zip(&mut self.v);
        for ((x, (m, v)), dx) in params.iter_mut().zip(moments).zip(gradient) {
            *m = beta1 * *m + (1.0 - beta1) * dx;
            *v = beta2 * *v + (1.0 - beta2) * dx * dx;
            *x += -learning_rate * *m / (v.sqrt() + eps);
        }
        // ANCHOR_END: update_simplified
    }

    fn update_bias_corrected(&mut self, params: &mut [f64], gradient: &[f64]) {
        let (learning_rate, beta1, beta2, eps) =
            (self.learning_rate, self.beta1, self.beta2, self.eps);
        // ANCHOR: update
        let t = self.t as f64; // this step's number, counting from 1
        let moments = self.m.iter_mut().zip(&mut self.v);
        for ((x, (m, v)), dx) in params.iter_mut().zip(moments).zip(gradient) {
            *m = beta1 * *m + (1.0 - beta1) * dx;
            let m_hat = *m / (1.0 - beta1.powf(t));
            *v = beta2 * *v + (1.0 - beta2) * dx * dx;
            let v_hat = *v / (1.0 - beta2.powf(t));
            *x += -learning_rate * m_hat / (v_hat.sqrt() + eps);
        }
        // ANCHOR_END: update
    }

    /// Either form with `eps` under the square root: `x += -learning_rate * mt / sqrt(vt + eps)`.
    fn update_eps_inside_sqrt(&mut self, params: &mut [f64], gradient: &[f64]) {
        let (learning_rate, beta1, beta2, eps) =
            (self.learning_rate, self.beta1, self.beta2, self.eps);
        let [correction1, correction2] = self.bias_corrections();
        let moments = self.m.iter_mut().zip(&mut self.v);
        for ((x, (m, v)), dx) in params.iter_mut().zip(moments).zip(gradient) {
            *m = beta1 * *m + (1.0 - beta1) * dx;
            *v = beta2 * *v + (1.0 - beta2) * dx * dx;
            *x += -learning_rate * (*m / correction1) / (*v / correction2 + eps).sqrt();
        }
    }
}

impl Optimizer for Adam {
    fn kind(&self) -> OptimizerKind {
        OptimizerKind::Adam
    }

    fn step(&mut self, params: &mut [f64], objective: &dyn Objective) -> Result<f64, StepError> {
        let (loss, gradient) = loss_and_gradient(objective, params)?;
        prepare_state(&mut self.m, params.len())?;
        prepare_state(&mut self.v, params.len())?;
        self.t = self.t.saturating_add(1);
        match (self.epsilon_placement, self.bias_correction) {
            (EpsilonPlacement::OutsideSqrt, false) => self.update_simplified(params, &gradient),
            (EpsilonPlacement::OutsideSqrt, true) => self.update_bias_corrected(params, &gradient),
            (EpsilonPlacement::InsideSqrt, _) => self.update_eps_inside_sqrt(params, &gradient),
        }
        Ok(loss)
    }

    /// `m`, `v`, `t`, and with bias correction also `m_hat`, `v_hat`, `1 - beta1^t`, `1 - beta2^t`
    /// (the corrected averages are those the last step used).
    fn state(&self) -> Vec<StateField> {
        let mut fields = vec![
            StateField::new("m", self.m.clone()),
            StateField::new("v", self.v.clone()),
        ];
        if self.bias_correction {
            let [correction1, correction2] = self.bias_corrections();
            let m_hat = self.m.iter().map(|m| m / correction1).collect();
            let v_hat = self.v.iter().map(|v| v / correction2).collect();
            fields.extend([
                StateField::new("m_hat", m_hat),
                StateField::new("v_hat", v_hat),
                StateField::new("1 - beta1^t", vec![correction1]),
                StateField::new("1 - beta2^t", vec![correction2]),
            ]);
        }
        fields.push(StateField::new("t", vec![self.t as f64]));
        fields
    }

    fn reset(&mut self) {
        self.m.clear();
        self.v.clear();
        self.t = 0;
    }

    fn hyperparameters(&self) -> Hyperparameters {
        Hyperparameters {
            learning_rate: self.learning_rate,
            beta1: self.beta1,
            beta2: self.beta2,
            eps: self.eps,
            ..Hyperparameters::defaults_for(OptimizerKind::Adam)
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
