//! `downhill grad`: a surface's analytic gradient next to a centered difference, with relative errors.

use crate::args::{Format, GradArgs};
use crate::run_command::print_all;
use anyhow::{Context, Result};
use downhill_core::gradient::check::{ErrorBand, relative_error};
use downhill_core::gradient::numerical::centered_difference;
use downhill_core::surfaces::Surface;
use serde_json::{Map, Value};
use std::fmt::Write as _;

pub fn execute(args: &GradArgs) -> Result<()> {
    let surface = args.surface.build();
    let [x, y] = args.at;
    let analytic = surface.gradient(x, y);
    let numerical = numerical_gradient(surface.as_ref(), args.at, args.h)?;
    let errors =
        [0, 1].map(|coordinate| relative_error(analytic[coordinate], numerical[coordinate]));
    let output = match args.format {
        Format::Json => {
            let mut object = Map::new();
            object.insert("surface".into(), Value::from(args.surface.name()));
            if let Some(formula) = args.surface.formula() {
                object.insert("function".into(), Value::from(formula));
            }
            object.insert("at".into(), serde_json::to_value(args.at)?);
            object.insert("h".into(), Value::from(args.h));
            object.insert("analytic".into(), serde_json::to_value(analytic)?);
            object.insert("numerical".into(), serde_json::to_value(numerical)?);
            object.insert("relative_error".into(), serde_json::to_value(errors)?);
            format!("{}\n", Value::Object(object))
        }
        Format::Text | Format::Csv => {
            let mut table = format!(
                "# {} at ({x:?}, {y:?}), centered difference with h = {:?}\n",
                args.surface.describe(),
                args.h
            );
            let _ = writeln!(
                table,
                "{:<10}  {:>16}  {:>16}  {:>14}  reading",
                "coordinate", "analytic", "numerical", "relative error"
            );
            for (coordinate, name) in ["x", "y"].into_iter().enumerate() {
                let _ = writeln!(
                    table,
                    "{name:<10}  {:>16.9e}  {:>16.9e}  {:>14.3e}  {}",
                    analytic[coordinate],
                    numerical[coordinate],
                    errors[coordinate],
                    ErrorBand::of(errors[coordinate]).describe()
                );
            }
            table
        }
    };
    print_all(&output)
}

/// The gradient of `surface` at `at` by centered differences with step `h`, from the gradient module
/// the gradient-check lesson shows.
fn numerical_gradient(surface: &dyn Surface, at: [f64; 2], h: f64) -> Result<[f64; 2]> {
    let value_at = |point: &[f64]| match point {
        &[x, y] => surface.value(x, y),
        _ => f64::NAN,
    };
    let gradient =
        centered_difference(value_at, &at, h).context("cannot take the centered difference")?;
    match gradient.as_slice() {
        &[d_dx, d_dy] => Ok([d_dx, d_dy]),
        _ => anyhow::bail!(
            "the centered difference returned {} entries instead of 2",
            gradient.len()
        ),
    }
}
