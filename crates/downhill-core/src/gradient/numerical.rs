//! The numerical gradient: the derivative along each coordinate estimated from a few loss values.
//!
//! Forward difference: df/dx_i ~ (f(x + h e_i) - f(x)) / h, error O(h), n + 1 evaluations.
//! Centered difference: df/dx_i ~ (f(x + h e_i) - f(x - h e_i)) / (2h), error O(h^2), 2n evaluations.
//! The step h is the caller's choice: too large and the truncation error grows, too small and the two
//! losses agree in nearly every digit, so their difference is mostly rounding error.
//!
//! Each function comes in f64 and in f32. The f32 versions evaluate the loss in single precision,
//! where a loss near 1 carries only about 7 significant digits: with h = 1e-5 the difference of two
//! losses keeps only a digit or two, which is why gradient checks are done in double precision.

use super::{GradientError, check_step};
use crate::data::check_length;
use crate::objective::Objective;

// ANCHOR: forward_difference
/// The gradient of `f` at `x` by forward differences: for each coordinate i,
/// (f(x + h e_i) - f(x)) / h.
pub fn forward_difference(
    f: impl Fn(&[f64]) -> f64,
    x: &[f64],
    h: f64,
) -> Result<Vec<f64>, GradientError> {
    check_step(h)?;
    let fx = f(x);
    let mut x_shifted = x.to_vec();
    let mut gradient = vec![0.0; x.len()];
    for idx in 0..x.len() {
        let old_value = x_shifted[idx];
        x_shifted[idx] = old_value + h;
        let fx_plus_h = f(&x_shifted);
        // Put the coordinate back before moving on, or every later slope would be measured from a
        // shifted point.
        x_shifted[idx] = old_value;
        gradient[idx] = (fx_plus_h - fx) / h;
    }
    Ok(gradient)
}
// ANCHOR_END: forward_difference

// ANCHOR: centered_difference
/// The gradient of `f` at `x` by centered differences: for each coordinate i,
/// (f(x + h e_i) - f(x - h e_i)) / (2h).
pub fn centered_difference(
    f: impl Fn(&[f64]) -> f64,
    x: &[f64],
    h: f64,
) -> Result<Vec<f64>, GradientError> {
    check_step(h)?;
    let mut x_shifted = x.to_vec();
    let mut gradient = vec![0.0; x.len()];
    for idx in 0..x.len() {
        let old_value = x_shifted[idx];
        x_shifted[idx] = old_value + h;
        let fx_plus_h = f(&x_shifted);
        x_shifted[idx] = old_value - h;
        let fx_minus_h = f(&x_shifted);
        x_shifted[idx] = old_value;
        gradient[idx] = (fx_plus_h - fx_minus_h) / (2.0 * h);
    }
    Ok(gradient)
}
// ANCHOR_END: centered_difference

/// [`forward_difference`] with the point, the step and every loss in f32.
pub fn forward_difference_f32(
    f: impl Fn(&[f32]) -> f32,
    x: &[f32],
    h: f32,
) -> Result<Vec<f32>, GradientError> {
    check_step(f64::from(h))?;
    let fx = f(x);
    let mut x_shifted = x.to_vec();
    let mut gradient = vec![0.0; x.len()];
    for idx in 0..x.len() {
        let old_value = x_shifted[idx];
        x_shifted[idx] = old_value + h;
        let fx_plus_h = f(&x_shifted);
        x_shifted[idx] = old_value;
        gradient[idx] = (fx_plus_h - fx) / h;
    }
    Ok(gradient)
}

/// [`centered_difference`] with the point, the step and every loss in f32.
pub fn centered_difference_f32(
    f: impl Fn(&[f32]) -> f32,
    x: &[f32],
    h: f32,
) -> Result<Vec<f32>, GradientError> {
    check_step(f64::from(h))?;
    let mut x_shifted = x.to_vec();
    let mut gradient = vec![0.0; x.len()];
    for idx in 0..x.len() {
        let old_value = x_shifted[idx];
        x_shifted[idx] = old_value + h;
        let fx_plus_h = f(&x_shifted);
        x_shifted[idx] = old_value - h;
        let fx_minus_h = f(&x_shifted);
        x_shifted[idx] = old_value;
        gradient[idx] = (fx_plus_h - fx_minus_h) / (2.0 * h);
    }
    Ok(gradient)
}

/// Which finite-difference formula to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Difference {
    /// (f(x + h) - f(x)) / h: error O(h).
    Forward,
    /// (f(x + h) - f(x - h)) / (2h): error O(h^2).
    Centered,
}

/// The numerical gradient of an [`Objective`]'s loss at `params`. The point must have
/// `objective.dimension()` coordinates.
pub fn numerical_gradient<O: Objective + ?Sized>(
    objective: &O,
    params: &[f64],
    h: f64,
    difference: Difference,
) -> Result<Vec<f64>, GradientError> {
    check_length("point", objective.dimension(), params.len())?;
    let loss = |point: &[f64]| objective.loss(point);
    match difference {
        Difference::Forward => forward_difference(loss, params, h),
        Difference::Centered => centered_difference(loss, params, h),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// f(x, y) = x^3 + 2 x y, whose gradient is (3 x^2 + 2 y, 2 x).
    fn cubic(point: &[f64]) -> f64 {
        point[0].powi(3) + 2.0 * point[0] * point[1]
    }

    #[test]
    fn centered_difference_is_second_order_and_forward_is_first() {
        let point = [1.5, -0.5];
        let exact = [3.0 * 1.5 * 1.5 + 2.0 * -0.5, 2.0 * 1.5];
        let h = 1e-3;
        let forward = forward_difference(cubic, &point, h).unwrap();
        let centered = centered_difference(cubic, &point, h).unwrap();
        // Forward: f(x + h) - f(x) over h = f' + h f''/2 + h^2 f'''/6, with f'' = 6x = 9 along x,
        // so its error is about 4.5e-3. Centered: error h^2 f'''/6 = 1e-6 (f''' = 6).
        assert!((forward[0] - exact[0] - 4.5e-3).abs() < 1e-5);
        assert!((centered[0] - exact[0] - 1e-6).abs() < 1e-9);
        // Along y the function is linear, so both are exact up to rounding.
        assert!((forward[1] - exact[1]).abs() < 1e-9);
        assert!((centered[1] - exact[1]).abs() < 1e-9);
    }

    #[test]
    fn bad_steps_are_errors_not_infinities() {
        for h in [0.0, -1e-5, f64::NAN, f64::INFINITY] {
            let is_invalid_step = |result: Result<Vec<f64>, GradientError>| {
                matches!(result, Err(GradientError::InvalidStep { .. }))
            };
            assert!(is_invalid_step(centered_difference(cubic, &[1.0, 2.0], h)));
            assert!(is_invalid_step(forward_difference(cubic, &[1.0, 2.0], h)));
            let single = centered_difference_f32(|x| x[0], &[1.0], h as f32);
            assert!(matches!(single, Err(GradientError::InvalidStep { .. })));
        }
    }

    #[test]
    fn an_empty_point_has_an_empty_gradient() {
        assert_eq!(centered_difference(|_| 1.0, &[], 1e-5), Ok(vec![]));
    }
}
