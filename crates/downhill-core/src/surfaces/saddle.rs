//! The saddle `f(x, y) = x^2 - y^2`: up along `x`, down along `y`, no minimum at all.

use super::{Surface, View};

/// `f(x, y) = x^2 - y^2`, gradient `[2x, -2y]`, Hessian `diag(2, -2)`.
///
/// The origin is a stationary point that is not a minimum, and the surface is unbounded below, so
/// [`Surface::minima`] is empty and a run that escapes along `y` ends as diverged. A run that starts
/// exactly on `y = 0` never feels the downhill direction and slides into the saddle point: the
/// symmetry that plain gradient descent cannot break.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Saddle;

impl Surface for Saddle {
    fn name(&self) -> &'static str {
        "saddle"
    }

    fn formula(&self) -> &'static str {
        "f(x, y) = x^2 - y^2"
    }

    fn value(&self, x: f64, y: f64) -> f64 {
        x * x - y * y
    }

    fn gradient(&self, x: f64, y: f64) -> [f64; 2] {
        [2.0 * x, -2.0 * y]
    }

    fn hessian(&self, _x: f64, _y: f64) -> [[f64; 2]; 2] {
        [[2.0, 0.0], [0.0, -2.0]]
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        Vec::new()
    }

    fn view(&self) -> View {
        View {
            x_min: -2.0,
            x_max: 2.0,
            y_min: -2.0,
            y_max: 2.0,
        }
    }

    /// A hair off the ridge line `y = 0`, so the escape is slow but does happen.
    fn default_start(&self) -> [f64; 2] {
        [-1.5, 0.01]
    }
}
