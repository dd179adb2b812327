//! Himmelblau's function: four minima of equal depth, one local maximum and four saddles between.

use super::minima::refine_minimum;
use super::{Surface, View};

/// `f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2`, zero at each of its four minima.
///
/// With `P = x^2 + y - 11` and `Q = x + y^2 - 7`: gradient `[4 x P + 2 Q, 2 P + 4 y Q]`, Hessian
/// `[[12 x^2 + 4 y - 42, 4 x + 4 y], [4 x + 4 y, 12 y^2 + 4 x - 26]]`. One minimum is exactly `(3, 2)`;
/// the other three are irrational and found by Newton's method from four-digit guesses.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Himmelblau;

/// Four-digit positions of the three irrational minima, refined on demand.
const APPROXIMATE_MINIMA: [[f64; 2]; 3] =
    [[-2.8051, 3.1313], [-3.7793, -3.2832], [3.5844, -1.8481]];

impl Surface for Himmelblau {
    fn name(&self) -> &'static str {
        "himmelblau"
    }

    fn formula(&self) -> &'static str {
        "f(x, y) = (x^2 + y - 11)^2 + (x + y^2 - 7)^2"
    }

    fn value(&self, x: f64, y: f64) -> f64 {
        let p = x * x + y - 11.0;
        let q = x + y * y - 7.0;
        p * p + q * q
    }

    fn gradient(&self, x: f64, y: f64) -> [f64; 2] {
        let p = x * x + y - 11.0;
        let q = x + y * y - 7.0;
        [4.0 * x * p + 2.0 * q, 2.0 * p + 4.0 * y * q]
    }

    fn hessian(&self, x: f64, y: f64) -> [[f64; 2]; 2] {
        let f_xy = 4.0 * x + 4.0 * y;
        [
            [12.0 * x * x + 4.0 * y - 42.0, f_xy],
            [f_xy, 12.0 * y * y + 4.0 * x - 26.0],
        ]
    }

    /// All four are global (value 0); the exact one, `(3, 2)`, comes first.
    fn minima(&self) -> Vec<[f64; 2]> {
        let mut minima = vec![[3.0, 2.0]];
        minima.extend(
            APPROXIMATE_MINIMA
                .iter()
                .filter_map(|&guess| refine_minimum(self, guess)),
        );
        minima
    }

    fn view(&self) -> View {
        View {
            x_min: -5.0,
            x_max: 5.0,
            y_min: -5.0,
            y_max: 5.0,
        }
    }

    fn default_start(&self) -> [f64; 2] {
        [0.0, 0.0]
    }
}
