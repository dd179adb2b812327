//! Locating a minimum to full precision from a nearby guess, for surfaces whose minima have no
//! closed form (Himmelblau's three irrational minima, the wells of the bumpy landscape).

use super::Surface;

/// Newton iterations are cheap on two variables; fifty is far more than a good guess ever needs.
const MAX_ITERATIONS: usize = 50;

/// Where the Hessian is not positive definite a Newton step may head for a saddle or a maximum, so
/// the search takes a short gradient step of this size instead until it reaches a convex region.
const GRADIENT_STEP: f64 = 0.01;

/// Accept the point when the gradient norm is this small: a few hundred ulps for values of order 1.
const GRADIENT_TOLERANCE: f64 = 1e-10;

/// The local minimum near `guess`, or `None` when the search leaves finite numbers or ends somewhere
/// that is not a minimum (gradient not zero, or Hessian not positive definite).
///
/// Newton's update `p <- p - H^{-1} grad f(p)` wherever `H` is positive definite, a gradient step
/// elsewhere.
pub fn refine_minimum<S: Surface + ?Sized>(surface: &S, guess: [f64; 2]) -> Option<[f64; 2]> {
    let [mut x, mut y] = guess;
    for _ in 0..MAX_ITERATIONS {
        let [gradient_x, gradient_y] = surface.gradient(x, y);
        let [[f_xx, f_xy], [f_yx, f_yy]] = surface.hessian(x, y);
        let determinant = f_xx * f_yy - f_xy * f_yx;
        let (step_x, step_y) = if f_xx > 0.0 && determinant > 0.0 {
            (
                (f_yy * gradient_x - f_xy * gradient_y) / determinant,
                (f_xx * gradient_y - f_yx * gradient_x) / determinant,
            )
        } else {
            (GRADIENT_STEP * gradient_x, GRADIENT_STEP * gradient_y)
        };
        x -= step_x;
        y -= step_y;
        if !(x.is_finite() && y.is_finite()) {
            return None;
        }
        if step_x.hypot(step_y) <= f64::EPSILON * (1.0 + x.abs() + y.abs()) {
            break;
        }
    }
    is_local_minimum(surface, [x, y]).then_some([x, y])
}

/// Whether the gradient vanishes at `point` (norm at most 1e-10) and the Hessian there is positive
/// definite (`f_xx > 0` and `det H > 0`).
pub fn is_local_minimum<S: Surface + ?Sized>(surface: &S, point: [f64; 2]) -> bool {
    let [x, y] = point;
    let [gradient_x, gradient_y] = surface.gradient(x, y);
    let [[f_xx, f_xy], [f_yx, f_yy]] = surface.hessian(x, y);
    gradient_x.hypot(gradient_y) <= GRADIENT_TOLERANCE
        && f_xx > 0.0
        && f_xx * f_yy - f_xy * f_yx > 0.0
}

/// Sorts minima by value, lowest first, so the global minimum leads the list. Ties keep their order.
pub fn sort_by_value<S: Surface + ?Sized>(surface: &S, minima: &mut [[f64; 2]]) {
    crate::short_sort::sort_short_list_by(minima, |first, second| {
        let first_value = surface.value(first[0], first[1]);
        let second_value = surface.value(second[0], second[1]);
        first_value.total_cmp(&second_value).is_lt()
    });
}
