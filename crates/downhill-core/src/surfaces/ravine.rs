//! The ravine `f(x, y) = (a x^2 + b y^2) / 2`: an ill-conditioned quadratic, steep across and flat along.

use super::{Surface, View};

/// `f(x, y) = (a x^2 + b y^2) / 2`, gradient `[a x, b y]`, Hessian `diag(a, b)`, minimum at the origin.
///
/// The condition number is `b / a` (the ratio of the Hessian's eigenvalues, with `b >= a`). Plain
/// gradient descent is stable only for `learning_rate < 2 / b` and then shrinks `x` by `1 - a *
/// learning_rate` per step, which is why it zig-zags across the ravine and crawls along it. The
/// defaults are `a = 1`, `b = 20`. Both must be positive for the surface to have a minimum; the
/// constructors keep them so.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ravine {
    /// Curvature along `x` (the flat direction).
    pub a: f64,
    /// Curvature along `y` (the steep direction).
    pub b: f64,
}

impl Default for Ravine {
    fn default() -> Self {
        Self { a: 1.0, b: 20.0 }
    }
}

impl Ravine {
    /// The ravine with `a = 1` and `b = condition_number`. A condition number that is not a finite
    /// number of at least 1 is replaced by the default, 20, so the surface always has its minimum.
    pub fn with_condition_number(condition_number: f64) -> Self {
        let b = if condition_number.is_finite() && condition_number >= 1.0 {
            condition_number
        } else {
            Self::default().b
        };
        Self { a: 1.0, b }
    }

    /// `b / a`.
    pub fn condition_number(&self) -> f64 {
        self.b / self.a
    }
}

impl Surface for Ravine {
    fn name(&self) -> &'static str {
        "ravine"
    }

    fn formula(&self) -> &'static str {
        r"f(x, y) = \frac{1}{2}\left(a x^2 + b y^2\right)"
    }

    fn value(&self, x: f64, y: f64) -> f64 {
        0.5 * (self.a * x * x + self.b * y * y)
    }

    fn gradient(&self, x: f64, y: f64) -> [f64; 2] {
        [self.a * x, self.b * y]
    }

    fn hessian(&self, _x: f64, _y: f64) -> [[f64; 2]; 2] {
        [[self.a, 0.0], [0.0, self.b]]
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        vec![[0.0, 0.0]]
    }

    fn view(&self) -> View {
        View {
            x_min: -3.0,
            x_max: 3.0,
            y_min: -1.5,
            y_max: 1.5,
        }
    }

    fn default_start(&self) -> [f64; 2] {
        [-2.5, 1.0]
    }
}
