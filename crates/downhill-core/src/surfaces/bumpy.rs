//! The bumpy landscape: a shallow bowl dented by five Gaussian wells of different depths, so there
//! are several local minima and one global minimum, for the blindfolded hiker.

use super::minima::{refine_minimum, sort_by_value};
use super::{Surface, View};

/// `f(x, y) = c (x^2 + y^2) - sum_k d_k exp(-((x - a_k)^2 + (y - b_k)^2) / (2 s^2))`.
///
/// With `r_k = (x - a_k, y - b_k)` and `e_k` the k-th exponential, the gradient is
/// `2 c (x, y) + sum_k d_k e_k r_k / s^2` and the Hessian `2 c I + sum_k d_k e_k (I / s^2 - r_k r_k^T / s^4)`.
/// The bowl term `c = 0.08` keeps the surface bounded below and pulls a wandering run back into view.
/// Each well makes one local minimum near its centre `(a_k, b_k)`; the deepest well (depth 1.6 at
/// `(1.3, -1.2)`) holds the global minimum. The exact minima are found by Newton's method from the
/// well centres, because the wells and the bowl shift them slightly.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Bumpy;

/// The bowl coefficient `c`.
const BOWL: f64 = 0.08;

/// The common width `s` of the wells.
const WELL_WIDTH: f64 = 0.55;

/// Each well as `[a_k, b_k, d_k]`: centre and depth.
const WELLS: [[f64; 3]; 5] = [
    [1.3, -1.2, 1.6],
    [-1.2, 1.0, 0.5],
    [1.5, 1.5, 0.7],
    [-1.4, -1.5, 0.6],
    [0.0, 0.2, 0.5],
];

impl Surface for Bumpy {
    fn name(&self) -> &'static str {
        "bumpy"
    }

    fn formula(&self) -> &'static str {
        r"f(x, y) = 0.08\,(x^2 + y^2) - \sum_{k=1}^{5} d_k \exp\left(-\frac{(x - a_k)^2 + (y - b_k)^2}{2 s^2}\right)"
    }

    fn value(&self, x: f64, y: f64) -> f64 {
        let wells: f64 = WELLS
            .iter()
            .map(|&[a, b, depth]| depth * gaussian(x - a, y - b))
            .sum();
        BOWL * (x * x + y * y) - wells
    }

    fn gradient(&self, x: f64, y: f64) -> [f64; 2] {
        let s2 = WELL_WIDTH * WELL_WIDTH;
        let mut gradient = [2.0 * BOWL * x, 2.0 * BOWL * y];
        for &[a, b, depth] in &WELLS {
            let (rx, ry) = (x - a, y - b);
            let weight = depth * gaussian(rx, ry) / s2;
            gradient[0] += weight * rx;
            gradient[1] += weight * ry;
        }
        gradient
    }

    fn hessian(&self, x: f64, y: f64) -> [[f64; 2]; 2] {
        let s2 = WELL_WIDTH * WELL_WIDTH;
        let (mut f_xx, mut f_xy, mut f_yy) = (2.0 * BOWL, 0.0, 2.0 * BOWL);
        for &[a, b, depth] in &WELLS {
            let (rx, ry) = (x - a, y - b);
            let weight = depth * gaussian(rx, ry) / s2;
            f_xx += weight * (1.0 - rx * rx / s2);
            f_xy -= weight * rx * ry / s2;
            f_yy += weight * (1.0 - ry * ry / s2);
        }
        [[f_xx, f_xy], [f_xy, f_yy]]
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        let mut minima: Vec<[f64; 2]> = WELLS
            .iter()
            .filter_map(|&[a, b, _]| refine_minimum(self, [a, b]))
            .collect();
        sort_by_value(self, &mut minima);
        minima
    }

    fn view(&self) -> View {
        View {
            x_min: -3.0,
            x_max: 3.0,
            y_min: -3.0,
            y_max: 3.0,
        }
    }

    /// Up the slope from the shallow well at `(-1.2, 1)`: plain gradient descent stops in that first
    /// dip, while momentum (`mu = 0.9`, learning rate 0.01 or 0.05) rolls through it to a lower one.
    fn default_start(&self) -> [f64; 2] {
        [-2.5, 2.5]
    }
}

/// `exp(-(rx^2 + ry^2) / (2 s^2))`.
fn gaussian(rx: f64, ry: f64) -> f64 {
    (-(rx * rx + ry * ry) / (2.0 * WELL_WIDTH * WELL_WIDTH)).exp()
}
