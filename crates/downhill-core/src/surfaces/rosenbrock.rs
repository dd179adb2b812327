//! Rosenbrock's banana `f(x, y) = (1 - x)^2 + 100 (y - x^2)^2`: a curved, narrow valley.

use super::{Surface, View};

/// `f(x, y) = (1 - x)^2 + 100 (y - x^2)^2`, minimum `f(1, 1) = 0`.
///
/// Gradient `[-2 (1 - x) - 400 x (y - x^2), 200 (y - x^2)]`; Hessian
/// `[[2 - 400 y + 1200 x^2, -400 x], [-400 x, 200]]`. Finding the valley is easy, following its curved
/// floor to the minimum is not: the curvature across the valley is hundreds of times the curvature
/// along it. The classic start is `(-1.2, 1)`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rosenbrock;

impl Surface for Rosenbrock {
    fn name(&self) -> &'static str {
        "rosenbrock"
    }

    fn formula(&self) -> &'static str {
        "f(x, y) = (1 - x)^2 + 100 (y - x^2)^2"
    }

    fn value(&self, x: f64, y: f64) -> f64 {
        let along = 1.0 - x;
        let across = y - x * x;
        along * along + 100.0 * across * across
    }

    fn gradient(&self, x: f64, y: f64) -> [f64; 2] {
        let across = y - x * x;
        [-2.0 * (1.0 - x) - 400.0 * x * across, 200.0 * across]
    }

    fn hessian(&self, x: f64, y: f64) -> [[f64; 2]; 2] {
        let f_xy = -400.0 * x;
        [[2.0 - 400.0 * y + 1200.0 * x * x, f_xy], [f_xy, 200.0]]
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        vec![[1.0, 1.0]]
    }

    fn view(&self) -> View {
        View {
            x_min: -2.0,
            x_max: 2.0,
            y_min: -1.0,
            y_max: 3.0,
        }
    }

    fn default_start(&self) -> [f64; 2] {
        [-1.2, 1.0]
    }
}
