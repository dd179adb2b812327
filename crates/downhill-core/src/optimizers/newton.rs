//! Newton's method: the second-order update `x <- x - [H f(x)]^{-1} grad f(x)`, on the 2-D surfaces.

use super::{
    HyperparameterError, Hyperparameters, Optimizer, OptimizerKind, StateField, StepError,
    check_params, loss_and_gradient,
};
use crate::objective::Objective;

/// Newton's method, `x <- x - [H f(x)]^{-1} grad f(x)`, for objectives of dimension 2 that know their
/// Hessian (every [`Surface`](crate::surfaces::Surface)).
///
/// Multiplying by the inverse Hessian takes long steps where the curvature is small and short ones
/// where it is steep, and there is no learning rate: on a quadratic with a positive-definite Hessian
/// (the bowl, the ravine) one step lands exactly on the minimum.
///
/// What happens where the Hessian is not positive definite is part of the lesson, so the step is taken
/// as written: it goes to the stationary point of the local quadratic model, whatever kind it is. On
/// the saddle `x^2 - y^2` one step goes straight to the saddle point `(0, 0)`, and the run then reports
/// convergence there (the gradient is zero): Newton's method looks for zero gradient, not for low loss.
/// Where the Hessian is singular (the bounded saddle at `y = +-sqrt(2/3)`), the step does not exist;
/// the parameters stay put and the step returns [`StepError::SingularHessian`], which a run reports as
/// its outcome. The Hessian counts as singular when `|det H|` is at most `1e-12` times the square of its
/// largest entry, or is not a finite number.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Newton {
    /// The Hessian of the last step, row-major `[f_xx, f_xy, f_yx, f_yy]`; empty until the first step.
    pub hessian: Vec<f64>,
    /// The last step `H^{-1} grad f` that was subtracted; empty until the first step.
    pub newton_step: Vec<f64>,
}

/// Relative size of the determinant below which the Hessian has no usable inverse: a condition number
/// beyond about 1e12 leaves too few correct digits in the step.
const SINGULAR_TOLERANCE: f64 = 1e-12;

/// `H^{-1} g` for a row-major 2 x 2 `H`, by the adjugate: `[[d, -b], [-c, a]] g / (a d - b c)`.
pub fn solve_2x2(hessian: &[f64], gradient: &[f64]) -> Result<[f64; 2], StepError> {
    let (&[a, b, c, d], &[g0, g1]) = (hessian, gradient) else {
        return Err(StepError::UnsupportedDimension {
            found: gradient.len(),
        });
    };
    let determinant = a * d - b * c;
    let largest_entry = [a, b, c, d]
        .iter()
        .fold(0.0_f64, |largest, entry| largest.max(entry.abs()));
    let singular = !determinant.is_finite()
        || determinant.abs() <= SINGULAR_TOLERANCE * largest_entry * largest_entry;
    if singular {
        return Err(StepError::SingularHessian);
    }
    Ok([
        (d * g0 - b * g1) / determinant,
        (a * g1 - c * g0) / determinant,
    ])
}

impl Optimizer for Newton {
    fn kind(&self) -> OptimizerKind {
        OptimizerKind::Newton
    }

    fn step(&mut self, params: &mut [f64], objective: &dyn Objective) -> Result<f64, StepError> {
        check_params(objective, params)?;
        if params.len() != 2 {
            return Err(StepError::UnsupportedDimension {
                found: params.len(),
            });
        }
        // ANCHOR: update
        let (loss, gradient) = loss_and_gradient(objective, params)?;
        let hessian = objective.hessian(params).ok_or(StepError::NoHessian)?;
        let newton_step = solve_2x2(&hessian, &gradient)?; // [H f(x)]^{-1} grad f(x)
        for (x, delta) in params.iter_mut().zip(newton_step) {
            *x -= delta;
        }
        // ANCHOR_END: update
        self.hessian = hessian;
        self.newton_step = newton_step.to_vec();
        Ok(loss)
    }

    fn state(&self) -> Vec<StateField> {
        vec![
            StateField::new("hessian", self.hessian.clone()),
            StateField::new("newton_step", self.newton_step.clone()),
        ]
    }

    fn reset(&mut self) {
        self.hessian.clear();
        self.newton_step.clear();
    }

    fn hyperparameters(&self) -> Hyperparameters {
        Hyperparameters::defaults_for(OptimizerKind::Newton)
    }

    /// Newton's step has no learning rate; the call changes nothing.
    fn set_learning_rate(&mut self, _learning_rate: f64) -> Result<(), HyperparameterError> {
        Ok(())
    }

    fn clone_box(&self) -> Box<dyn Optimizer> {
        Box::new(self.clone())
    }
}
