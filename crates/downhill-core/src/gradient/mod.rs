//! Gradients by finite differences, and the gradient check that compares them with analytic ones.

pub mod check;
pub mod numerical;
pub mod workbench;

use crate::data::LengthMismatch;
use std::fmt;

/// Why a numerical gradient or a gradient check could not be computed.
#[derive(Clone, Debug, PartialEq)]
pub enum GradientError {
    /// The step h must be a positive, finite number.
    InvalidStep { h: f64 },
    /// The point has the wrong number of coordinates for the objective.
    Length(LengthMismatch),
    /// A coordinate asked for in a check is past the last one.
    CoordinateOutOfRange { index: usize, dimension: usize },
}

impl fmt::Display for GradientError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GradientError::InvalidStep { h } => {
                write!(formatter, "the step h must be positive and finite, got {h}")
            }
            GradientError::Length(mismatch) => mismatch.fmt(formatter),
            GradientError::CoordinateOutOfRange { index, dimension } => write!(
                formatter,
                "coordinate {index} does not exist: there are {dimension} (0 to {})",
                dimension.saturating_sub(1)
            ),
        }
    }
}

impl std::error::Error for GradientError {}

impl From<LengthMismatch> for GradientError {
    fn from(mismatch: LengthMismatch) -> GradientError {
        GradientError::Length(mismatch)
    }
}

/// Returns an error unless `h` is positive and finite (h = 0 would divide by zero; a NaN or infinite
/// step gives no derivative at all).
pub fn check_step(h: f64) -> Result<(), GradientError> {
    if h.is_finite() && h > 0.0 {
        Ok(())
    } else {
        Err(GradientError::InvalidStep { h })
    }
}
