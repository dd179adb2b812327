//! The bowl `f(x, y) = x^2 + y^2`: round contours, every optimizer's easy case.

use super::{Surface, View};

/// `f(x, y) = x^2 + y^2`, gradient `[2x, 2y]`, Hessian `2 I`, one minimum at the origin.
///
/// Its curvature is the same in every direction (condition number 1), so the negative gradient
/// points straight at the minimum from everywhere.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Bowl;

impl Surface for Bowl {
    fn name(&self) -> &'static str {
        "bowl"
    }

    fn formula(&self) -> &'static str {
        "f(x, y) = x^2 + y^2"
    }

    fn value(&self, x: f64, y: f64) -> f64 {
        x * x + y * y
    }

    fn gradient(&self, x: f64, y: f64) -> [f64; 2] {
        [2.0 * x, 2.0 * y]
    }

    fn hessian(&self, _x: f64, _y: f64) -> [[f64; 2]; 2] {
        [[2.0, 0.0], [0.0, 2.0]]
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        vec![[0.0, 0.0]]
    }

    fn view(&self) -> View {
        View {
            x_min: -2.0,
            x_max: 2.0,
            y_min: -2.0,
            y_max: 2.0,
        }
    }

    fn default_start(&self) -> [f64; 2] {
        [-1.5, 1.2]
    }
}
