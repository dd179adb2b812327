//! The gradient check: compare an analytic gradient with a centered difference, coordinate by
//! coordinate, by their relative error, and say where a kink was crossed.
//!
//! A kink is a point where a max(0, .) switches sides (the SVM's margins, a ReLU). If a switch happens
//! between x - h and x + h, the centered difference straddles two linear pieces and disagrees with
//! the analytic gradient even when the code is right. Objectives report the side each of their max
//! terms is on through [`Kinks::winners`], and a row of the check is flagged when any of them differs
//! between the two evaluations.

use super::{GradientError, check_step};
use crate::data::check_length;
use crate::objective::Objective;
use crate::rng::Rng;

// ANCHOR: relative_error
/// The relative error |a - n| / max(|a|, |n|) between an analytic and a numerical derivative.
/// Dividing by the larger magnitude makes it symmetric and safe when one of them is 0; when both are
/// exactly 0 they agree perfectly, so the error is 0. NaN if either is NaN or both are infinite.
pub fn relative_error(analytic: f64, numerical: f64) -> f64 {
    if analytic == 0.0 && numerical == 0.0 {
        return 0.0;
    }
    (analytic - numerical).abs() / f64::max(analytic.abs(), numerical.abs())
}
// ANCHOR_END: relative_error

/// How to read a relative error, in the lesson's bands.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorBand {
    /// Above 1e-2 (or NaN): the gradient is probably wrong.
    Wrong,
    /// From 1e-4 to 1e-2: you should feel uneasy.
    Uneasy,
    /// Below 1e-4 but above 1e-7: usually fine for an objective with kinks, too high for a smooth one.
    FineWithKinks,
    /// 1e-7 and below: good.
    Good,
}

impl ErrorBand {
    /// The band a relative error falls in.
    pub fn of(relative_error: f64) -> ErrorBand {
        if relative_error <= 1e-7 {
            ErrorBand::Good
        } else if relative_error < 1e-4 {
            ErrorBand::FineWithKinks
        } else if relative_error <= 1e-2 {
            ErrorBand::Uneasy
        } else {
            // Everything above 1e-2, and NaN, which fails every comparison above.
            ErrorBand::Wrong
        }
    }

    /// A short description for tables.
    pub fn describe(self) -> &'static str {
        match self {
            ErrorBand::Wrong => "probably wrong",
            ErrorBand::Uneasy => "uneasy",
            ErrorBand::FineWithKinks => "fine with kinks",
            ErrorBand::Good => "good",
        }
    }
}

/// What the worst relative error of a whole check says (the lesson's reading of the bands): the
/// band "fine with kinks" passes a function built from max(0, .) terms and is a warning for a smooth
/// one, whose centered difference should agree to about seven digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    ProbablyWrong,
    Uneasy,
    AcceptableWithKinks,
    TooHighForSmooth,
    ChecksOut,
}

impl Verdict {
    /// The verdict on a check whose worst relative error (away from crossed kinks) is
    /// `worst_relative_error`, for a function with or without kinks.
    pub fn of(worst_relative_error: f64, has_kinks: bool) -> Verdict {
        match ErrorBand::of(worst_relative_error) {
            ErrorBand::Wrong => Verdict::ProbablyWrong,
            ErrorBand::Uneasy => Verdict::Uneasy,
            ErrorBand::FineWithKinks if has_kinks => Verdict::AcceptableWithKinks,
            ErrorBand::FineWithKinks => Verdict::TooHighForSmooth,
            ErrorBand::Good => Verdict::ChecksOut,
        }
    }
}

/// An objective built from max(0, .) terms, which can say which side of each it is on.
pub trait Kinks {
    /// For every max(0, u) in the loss at `params`, whether u > 0 (the sloped side "wins"), in a fixed
    /// order. Smooth objectives keep the default, an empty list.
    fn winners(&self, _params: &[f64]) -> Vec<bool> {
        Vec::new()
    }
}

/// An objective that can also evaluate its loss entirely in single precision.
pub trait SinglePrecisionLoss {
    /// The loss at `params`, every operation in f32.
    fn loss_f32(&self, params: &[f32]) -> f32;
}

/// Wraps any objective as one without kinks, so that a smooth function (a 2-D surface, say) can be
/// checked with [`gradient_check`].
#[derive(Clone, Copy, Debug)]
pub struct Smooth<'a, O: ?Sized>(pub &'a O);

impl<O: Objective + ?Sized> Objective for Smooth<'_, O> {
    fn dimension(&self) -> usize {
        self.0.dimension()
    }

    fn loss_and_gradient(&self, params: &[f64], gradient: &mut [f64]) -> f64 {
        self.0.loss_and_gradient(params, gradient)
    }

    fn loss(&self, params: &[f64]) -> f64 {
        self.0.loss(params)
    }
}

impl<O: ?Sized> Kinks for Smooth<'_, O> {}

/// Which coordinates a gradient check looks at.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Coordinates {
    /// Every coordinate, in order.
    All,
    /// These coordinates, in this order.
    Listed(Vec<usize>),
    /// `count` distinct coordinates drawn at random with `seed` (all of them if there are fewer).
    Sampled { count: usize, seed: u64 },
}

impl Coordinates {
    /// The indices to check in an objective of `dimension` coordinates.
    pub fn resolve(&self, dimension: usize) -> Result<Vec<usize>, GradientError> {
        match self {
            Coordinates::All => Ok((0..dimension).collect()),
            Coordinates::Listed(indices) => {
                if let Some(&index) = indices.iter().find(|&&index| index >= dimension) {
                    return Err(GradientError::CoordinateOutOfRange { index, dimension });
                }
                Ok(indices.clone())
            }
            Coordinates::Sampled { count, seed } => Ok(Rng::new(*seed).choose_k(dimension, *count)),
        }
    }
}

/// One checked coordinate.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct CheckRow {
    /// Which coordinate of the parameters.
    pub index: usize,
    /// The derivative from the analytic gradient.
    pub analytic: f64,
    /// The centered-difference derivative.
    pub numerical: f64,
    /// [`relative_error`] of the two.
    pub relative_error: f64,
    /// Whether any max(0, .) changed sides between f(x + h) and f(x - h): then the numerical
    /// derivative straddles a kink and a large error does not mean a wrong gradient.
    pub kink_crossed: bool,
}

impl CheckRow {
    /// The band of this row's relative error.
    pub fn band(&self) -> ErrorBand {
        ErrorBand::of(self.relative_error)
    }
}

/// Checks the analytic gradient of `objective` at `params` against centered differences with step
/// `h`, on the chosen coordinates. Costs one gradient and, per coordinate, two losses.
pub fn gradient_check<O: Objective + Kinks + ?Sized>(
    objective: &O,
    params: &[f64],
    coordinates: &Coordinates,
    h: f64,
) -> Result<Vec<CheckRow>, GradientError> {
    check_step(h)?;
    check_length("point", objective.dimension(), params.len())?;
    let indices = coordinates.resolve(params.len())?;
    let mut rows = Vec::with_capacity(indices.len());
    // ANCHOR: gradient_check
    let mut analytic_gradient = vec![0.0; params.len()];
    objective.loss_and_gradient(params, &mut analytic_gradient);
    let mut shifted = params.to_vec();
    for index in indices {
        let old_value = shifted[index];
        shifted[index] = old_value + h;
        let loss_plus = objective.loss(&shifted);
        let winners_plus = objective.winners(&shifted);
        shifted[index] = old_value - h;
        let loss_minus = objective.loss(&shifted);
        let winners_minus = objective.winners(&shifted);
        shifted[index] = old_value;

        let analytic = analytic_gradient[index];
        let numerical = (loss_plus - loss_minus) / (2.0 * h);
        rows.push(CheckRow {
            index,
            analytic,
            numerical,
            relative_error: relative_error(analytic, numerical),
            kink_crossed: winners_plus != winners_minus,
        });
    }
    // ANCHOR_END: gradient_check
    Ok(rows)
}

/// The same check with the centered difference computed in single precision: the point, the step
/// and both losses are f32. The analytic side is the f64 gradient rounded to f32, since its formula
/// loses almost nothing in single precision; the numerical side is where precision runs out.
pub fn gradient_check_f32<O: Objective + Kinks + SinglePrecisionLoss + ?Sized>(
    objective: &O,
    params: &[f64],
    coordinates: &Coordinates,
    h: f32,
) -> Result<Vec<CheckRow>, GradientError> {
    check_step(f64::from(h))?;
    check_length("point", objective.dimension(), params.len())?;
    let indices = coordinates.resolve(params.len())?;
    let mut analytic_gradient = vec![0.0; params.len()];
    objective.loss_and_gradient(params, &mut analytic_gradient);
    let mut shifted: Vec<f32> = params.iter().map(|&value| value as f32).collect();
    let widen =
        |point: &[f32]| -> Vec<f64> { point.iter().map(|&value| f64::from(value)).collect() };
    let mut rows = Vec::with_capacity(indices.len());
    for index in indices {
        let old_value = shifted[index];
        shifted[index] = old_value + h;
        let loss_plus = objective.loss_f32(&shifted);
        let winners_plus = objective.winners(&widen(&shifted));
        shifted[index] = old_value - h;
        let loss_minus = objective.loss_f32(&shifted);
        let winners_minus = objective.winners(&widen(&shifted));
        shifted[index] = old_value;

        let analytic = f64::from(analytic_gradient[index] as f32);
        let numerical = f64::from((loss_plus - loss_minus) / (2.0 * h));
        rows.push(CheckRow {
            index,
            analytic,
            numerical,
            relative_error: relative_error(analytic, numerical),
            kink_crossed: winners_plus != winners_minus,
        });
    }
    Ok(rows)
}

/// The largest relative error among rows, ignoring those that crossed a kink (0 for no rows; NaN
/// if any counted row is NaN).
pub fn worst_error_away_from_kinks(rows: &[CheckRow]) -> f64 {
    rows.iter()
        .filter(|row| !row.kink_crossed)
        .map(|row| row.relative_error)
        .fold(0.0, |worst, error| {
            if error.is_nan() || worst.is_nan() {
                f64::NAN
            } else {
                worst.max(error)
            }
        })
}

/// The lesson's ReLU example: f(x) = sum_i max(0, x_i), whose derivative is 1 where x_i > 0 and 0
/// where x_i <= 0 (at exactly 0 the code takes the flat side, one valid subgradient).
///
/// At x_i = [`RELU_KINK_POINT`] = -1e-6 the analytic derivative is 0, but a centered difference with
/// h = 1e-5 reaches across the kink to x_i + h > 0 and reports about 0.45: a relative error near 1 from
/// a correct gradient, which the check flags as a crossed kink.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReluSum {
    pub dimension: usize,
}

/// A point just left of the ReLU's kink, as in the lesson.
pub const RELU_KINK_POINT: f64 = -1e-6;

impl Objective for ReluSum {
    fn dimension(&self) -> usize {
        self.dimension
    }

    fn loss_and_gradient(&self, params: &[f64], gradient: &mut [f64]) -> f64 {
        for (entry, &x) in gradient.iter_mut().zip(params) {
            *entry = if x > 0.0 { 1.0 } else { 0.0 };
        }
        self.loss(params)
    }

    fn loss(&self, params: &[f64]) -> f64 {
        params.iter().map(|&x| f64::max(0.0, x)).sum()
    }
}

impl Kinks for ReluSum {
    fn winners(&self, params: &[f64]) -> Vec<bool> {
        params.iter().map(|&x| x > 0.0).collect()
    }
}

impl SinglePrecisionLoss for ReluSum {
    fn loss_f32(&self, params: &[f32]) -> f32 {
        params.iter().map(|&x| f32::max(0.0, x)).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_error_is_symmetric_and_zero_when_both_are_zero() {
        assert_eq!(relative_error(0.0, 0.0), 0.0);
        assert_eq!(relative_error(0.0, 1e-9), 1.0);
        assert_eq!(relative_error(2.0, 1.0), relative_error(1.0, 2.0));
        assert!((relative_error(1.0, 1.0001) - 1e-4 / 1.0001).abs() < 1e-15);
        assert!(relative_error(f64::NAN, 1.0).is_nan());
    }

    #[test]
    fn bands_follow_the_lesson_thresholds() {
        assert_eq!(ErrorBand::of(0.5), ErrorBand::Wrong);
        assert_eq!(ErrorBand::of(f64::NAN), ErrorBand::Wrong);
        assert_eq!(ErrorBand::of(1e-3), ErrorBand::Uneasy);
        assert_eq!(ErrorBand::of(1e-5), ErrorBand::FineWithKinks);
        assert_eq!(ErrorBand::of(1e-9), ErrorBand::Good);
    }

    #[test]
    fn the_verdict_passes_the_kinks_band_only_for_a_function_with_kinks() {
        for has_kinks in [false, true] {
            assert_eq!(Verdict::of(0.5, has_kinks), Verdict::ProbablyWrong);
            assert_eq!(Verdict::of(f64::NAN, has_kinks), Verdict::ProbablyWrong);
            assert_eq!(Verdict::of(1e-3, has_kinks), Verdict::Uneasy);
            assert_eq!(Verdict::of(1e-9, has_kinks), Verdict::ChecksOut);
            assert_eq!(Verdict::of(0.0, has_kinks), Verdict::ChecksOut);
        }
        assert_eq!(Verdict::of(1e-5, true), Verdict::AcceptableWithKinks);
        assert_eq!(Verdict::of(1e-5, false), Verdict::TooHighForSmooth);
    }

    #[test]
    fn relu_just_left_of_the_kink_is_flagged() {
        let relu = ReluSum { dimension: 2 };
        // Coordinate 0 sits just left of the kink, coordinate 1 far to its right.
        let point = [RELU_KINK_POINT, 3.0];
        let rows = gradient_check(&relu, &point, &Coordinates::All, 1e-5).unwrap();
        // Worked by hand for coordinate 0: f(x + h) = 9e-6, f(x - h) = 0, so the slope is
        // 9e-6 / 2e-5 = 0.45 against an analytic 0: relative error 1.
        assert!(rows[0].kink_crossed);
        assert!((rows[0].numerical - 0.45).abs() < 1e-9);
        assert_eq!(rows[0].relative_error, 1.0);
        assert!(!rows[1].kink_crossed);
        assert!(rows[1].relative_error < 1e-9);
        assert_eq!(worst_error_away_from_kinks(&rows), rows[1].relative_error);
    }

    #[test]
    fn coordinates_out_of_range_and_bad_inputs_are_errors() {
        let relu = ReluSum { dimension: 2 };
        let listed = Coordinates::Listed(vec![0, 2]);
        assert_eq!(
            gradient_check(&relu, &[1.0, 1.0], &listed, 1e-5),
            Err(GradientError::CoordinateOutOfRange {
                index: 2,
                dimension: 2
            })
        );
        assert!(gradient_check(&relu, &[1.0], &Coordinates::All, 1e-5).is_err());
        assert!(gradient_check(&relu, &[1.0, 1.0], &Coordinates::All, 0.0).is_err());
        let sampled = Coordinates::Sampled { count: 5, seed: 1 };
        assert_eq!(sampled.resolve(3).unwrap().len(), 3);
    }
}
