//! Every [`Surface`] is an [`Objective`] of dimension 2, so any optimizer can race on it.
//!
//! The parameter vector is `[x, y]`; the Hessian is returned row-major as `[f_xx, f_xy, f_yx, f_yy]`.

use super::Surface;
use crate::objective::Objective;

impl<S: Surface + ?Sized> Objective for S {
    fn dimension(&self) -> usize {
        2
    }

    /// Slices of any length other than 2 get `NaN` for the loss and every gradient entry instead of a
    /// panic; the optimizers check the dimension before they get here, so only a direct caller sees it.
    fn loss_and_gradient(&self, params: &[f64], gradient: &mut [f64]) -> f64 {
        if params.len() != 2 || gradient.len() != 2 {
            gradient.iter_mut().for_each(|entry| *entry = f64::NAN);
            return f64::NAN;
        }
        let (x, y) = (params[0], params[1]);
        let [df_dx, df_dy] = Surface::gradient(self, x, y);
        gradient[0] = df_dx;
        gradient[1] = df_dy;
        self.value(x, y)
    }

    fn loss(&self, params: &[f64]) -> f64 {
        match params {
            &[x, y] => self.value(x, y),
            _ => f64::NAN,
        }
    }

    fn hessian(&self, params: &[f64]) -> Option<Vec<f64>> {
        let &[x, y] = params else {
            return None;
        };
        let [[f_xx, f_xy], [f_yx, f_yy]] = Surface::hessian(self, x, y);
        Some(vec![f_xx, f_xy, f_yx, f_yy])
    }
}
