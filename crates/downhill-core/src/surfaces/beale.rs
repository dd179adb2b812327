//! Beale's function: flat plateaus and sharp ridges around one minimum at `(3, 0.5)`.

use super::{Surface, View};

/// `f(x, y) = (1.5 - x + x y)^2 + (2.25 - x + x y^2)^2 + (2.625 - x + x y^3)^2`, minimum `f(3, 0.5) = 0`.
///
/// Written as `A^2 + B^2 + C^2` with `A = 1.5 - x + x y`, `B = 2.25 - x + x y^2`,
/// `C = 2.625 - x + x y^3`, the gradient is `2 (A grad A + B grad B + C grad C)` with
/// `grad A = [y - 1, x]`, `grad B = [y^2 - 1, 2 x y]`, `grad C = [y^3 - 1, 3 x y^2]`, and the Hessian adds
/// each term's own second derivatives: `A_xy = 1`, `B_xy = 2y`, `B_yy = 2x`, `C_xy = 3y^2`,
/// `C_yy = 6 x y`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Beale;

/// The three terms `[A, B, C]` and the parts of their derivatives the gradient and Hessian share.
struct Terms {
    values: [f64; 3],
    d_dx: [f64; 3],
    d_dy: [f64; 3],
}

fn terms(x: f64, y: f64) -> Terms {
    let (y2, y3) = (y * y, y * y * y);
    Terms {
        values: [1.5 - x + x * y, 2.25 - x + x * y2, 2.625 - x + x * y3],
        d_dx: [y - 1.0, y2 - 1.0, y3 - 1.0],
        d_dy: [x, 2.0 * x * y, 3.0 * x * y2],
    }
}

impl Surface for Beale {
    fn name(&self) -> &'static str {
        "beale"
    }

    fn formula(&self) -> &'static str {
        "f(x, y) = (1.5 - x + x y)^2 + (2.25 - x + x y^2)^2 + (2.625 - x + x y^3)^2"
    }

    fn value(&self, x: f64, y: f64) -> f64 {
        terms(x, y).values.iter().map(|term| term * term).sum()
    }

    fn gradient(&self, x: f64, y: f64) -> [f64; 2] {
        let Terms { values, d_dx, d_dy } = terms(x, y);
        let mut gradient = [0.0, 0.0];
        for term_idx in 0..3 {
            gradient[0] += 2.0 * values[term_idx] * d_dx[term_idx];
            gradient[1] += 2.0 * values[term_idx] * d_dy[term_idx];
        }
        gradient
    }

    fn hessian(&self, x: f64, y: f64) -> [[f64; 2]; 2] {
        let Terms { values, d_dx, d_dy } = terms(x, y);
        // Second derivatives of A, B and C: none of them is curved in x alone.
        let d2_dxdy = [1.0, 2.0 * y, 3.0 * y * y];
        let d2_dy2 = [0.0, 2.0 * x, 6.0 * x * y];
        let (mut f_xx, mut f_xy, mut f_yy) = (0.0, 0.0, 0.0);
        for term_idx in 0..3 {
            f_xx += 2.0 * d_dx[term_idx] * d_dx[term_idx];
            f_xy += 2.0 * (d_dx[term_idx] * d_dy[term_idx] + values[term_idx] * d2_dxdy[term_idx]);
            f_yy += 2.0 * (d_dy[term_idx] * d_dy[term_idx] + values[term_idx] * d2_dy2[term_idx]);
        }
        [[f_xx, f_xy], [f_xy, f_yy]]
    }

    fn minima(&self) -> Vec<[f64; 2]> {
        vec![[3.0, 0.5]]
    }

    fn view(&self) -> View {
        View {
            x_min: -4.5,
            x_max: 4.5,
            y_min: -4.5,
            y_max: 4.5,
        }
    }

    /// Every first-order optimizer reaches the minimum from here at its default settings.
    fn default_start(&self) -> [f64; 2] {
        [0.5, 1.0]
    }
}
