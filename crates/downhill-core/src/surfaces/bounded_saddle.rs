//! The bounded saddle `f(x, y) = x^2 - y^2 + y^4 / 4`: the saddle near the origin, two valleys beyond.

use super::{Surface, View};

/// `f(x, y) = x^2 - y^2 + y^4 / 4`, gradient `[2x, y^3 - 2y]`, Hessian `diag(2, 3y^2 - 2)`.
///
/// Near the origin it agrees with the saddle `x^2 - y^2` up to a fourth-order term, so a race sees
/// the same saddle point; the `y^4 / 4` term bounds it below, so a run that escapes settles in one of
/// two equally deep minima at `(0, +sqrt 2)` and `(0, -sqrt 2)`, where `f = -1`. Along `y` the
/// curvature `3y^2 - 2` is zero at `y = +-sqrt(2/3)`, where the Hessian is singular and Newton's method
/// cannot step.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BoundedSaddle;

impl Surface for BoundedSaddle {
    fn name(&self) -> &'static str {
        "bounded-saddle"
    }

    fn formula(&self) -> &'static str {
        r"f(x, y) = x^2 - y^2 + \frac{y^4}{4}"
    }

    fn value(&self, x: f64, y: f64) -> f64 {
        x * x - y * y + 0.25 * y.powi(4)
    }

    fn gradient(&self, x: f64, y: f64) -> [f64; 2] {
        [2.0 * x, y.powi(3) - 2.0 * y]
    }

    fn hessian(&self, _x: f64, y: f64) -> [[f64; 2]; 2] {
        [[2.0, 0.0], [0.0, 3.0 * y * y - 2.0]]
    }

    /// Both minima have the same value; the one at positive `y` is listed first.
    fn minima(&self) -> Vec<[f64; 2]> {
        vec![
            [0.0, std::f64::consts::SQRT_2],
            [0.0, -std::f64::consts::SQRT_2],
        ]
    }

    fn view(&self) -> View {
        View {
            x_min: -2.0,
            x_max: 2.0,
            y_min: -2.5,
            y_max: 2.5,
        }
    }

    /// A hair off the ridge line `y = 0`, as on the plain saddle.
    fn default_start(&self) -> [f64; 2] {
        [-1.5, 0.01]
    }
}
