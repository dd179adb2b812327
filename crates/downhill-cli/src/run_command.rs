//! `downhill run`: an optimizer's path over a surface, as a table, JSON or CSV, and optionally SVG.

use crate::args::{Format, RunArgs};
use crate::svg;
use anyhow::{Context, Result};
use downhill_core::optimizers::{Hyperparameters, OptimizerKind};
use downhill_core::trajectory::{MAX_STEPS, RunSettings, Trajectory, run_optimizer};
use serde_json::{Map, Value};
use std::fmt::Write as _;
use std::io::{self, Write as _};

pub fn execute(args: &RunArgs) -> Result<()> {
    let surface = args.surface.build();
    let kind = args.optimizer;
    for &(hyperparameter, _) in &args.overrides {
        if !kind.hyperparameters().contains(&hyperparameter) {
            eprintln!("note: {kind} does not use {hyperparameter}; the value is ignored");
        }
    }
    let hyperparameters = args.hyperparameters();
    // Parsing has validated the values, so this fails only if the two checks ever disagree.
    let optimizer = kind
        .build(&hyperparameters)
        .with_context(|| format!("cannot set up {kind}"))?;
    if args.n_steps > MAX_STEPS {
        eprintln!("note: a run takes at most {MAX_STEPS} steps; taking {MAX_STEPS}");
    }
    let start = args.start.unwrap_or_else(|| surface.default_start());
    let settings = RunSettings::with_steps(args.n_steps);
    let trajectory = run_optimizer(surface.as_ref(), optimizer, start, settings)
        .with_context(|| format!("cannot start {kind} at ({}, {})", start[0], start[1]))?;

    let settings_line = describe(args, kind, &hyperparameters, start);
    // The drawing comes first, so a file that cannot be written fails the command before anything
    // is printed.
    if let Some(path) = &args.svg {
        let caption = format!("{settings_line}: {}", trajectory.outcome);
        svg::write_run(path, surface.as_ref(), kind, &trajectory, start, &caption)
            .with_context(|| format!("cannot draw the path into {}", path.display()))?;
    }
    let output = match args.format {
        Format::Text => text_table(&settings_line, &trajectory),
        Format::Json => json_object(args, kind, &hyperparameters, start, &trajectory)?,
        Format::Csv => {
            // CSV has no place for a summary line, so the outcome goes to standard error.
            eprintln!("outcome: {}", trajectory.outcome);
            csv_rows(&trajectory)
        }
    };
    print_all(&output)?;
    Ok(())
}

/// Writes to standard output; a reader that closed the pipe early (`| head`) is not an error.
pub fn print_all(output: &str) -> Result<()> {
    match io::stdout().lock().write_all(output.as_bytes()) {
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        result => result.context("cannot write to standard output"),
    }
}

/// One line saying what was run: surface, optimizer with the hyperparameters it uses, start, steps.
fn describe(
    args: &RunArgs,
    kind: OptimizerKind,
    hyperparameters: &Hyperparameters,
    start: [f64; 2],
) -> String {
    let used: Vec<String> = kind
        .hyperparameters()
        .iter()
        .map(|&hyperparameter| {
            format!(
                "{hyperparameter} = {:?}",
                hyperparameters.get(hyperparameter)
            )
        })
        .collect();
    let optimizer = if used.is_empty() {
        kind.name().to_owned()
    } else {
        format!("{} ({})", kind.name(), used.join(", "))
    };
    // Debug formatting keeps small numbers short and exact: 1e-8 rather than 0.00000001.
    format!(
        "{} with {optimizer}, {} steps from ({:?}, {:?})",
        args.surface.describe(),
        args.n_steps.min(MAX_STEPS),
        start[0],
        start[1]
    )
}

fn text_table(settings_line: &str, trajectory: &Trajectory) -> String {
    let mut table = format!("# {settings_line}\n");
    let _ = writeln!(
        table,
        "{:>6}  {:>16}  {:>16}  {:>16}",
        "step", "x", "y", "loss"
    );
    for (step_idx, (point, loss)) in trajectory.points.iter().zip(&trajectory.losses).enumerate() {
        let _ = writeln!(
            table,
            "{step_idx:>6}  {:>16.9e}  {:>16.9e}  {loss:>16.9e}",
            point[0], point[1]
        );
    }
    let _ = writeln!(table, "outcome: {}", trajectory.outcome);
    table
}

fn csv_rows(trajectory: &Trajectory) -> String {
    let mut rows = String::from("step,x,y,loss\n");
    for (step_idx, (point, loss)) in trajectory.points.iter().zip(&trajectory.losses).enumerate() {
        let _ = writeln!(rows, "{step_idx},{},{},{loss}", point[0], point[1]);
    }
    rows
}

/// `{"surface", "optimizer", "hyperparameters", "start", "points", "losses", "outcome"}`, where
/// `hyperparameters` holds only those the optimizer uses.
fn json_object(
    args: &RunArgs,
    kind: OptimizerKind,
    hyperparameters: &Hyperparameters,
    start: [f64; 2],
    trajectory: &Trajectory,
) -> Result<String> {
    let used: Map<String, Value> = kind
        .hyperparameters()
        .iter()
        .map(|&hyperparameter| {
            (
                hyperparameter.name().to_owned(),
                Value::from(hyperparameters.get(hyperparameter)),
            )
        })
        .collect();
    let mut object = Map::new();
    object.insert("surface".into(), Value::from(args.surface.name()));
    if let Some(formula) = args.surface.formula() {
        object.insert("function".into(), Value::from(formula));
    }
    object.insert("optimizer".into(), Value::from(kind.name()));
    object.insert("hyperparameters".into(), Value::Object(used));
    object.insert("start".into(), serde_json::to_value(start)?);
    object.insert("points".into(), serde_json::to_value(&trajectory.points)?);
    object.insert("losses".into(), serde_json::to_value(&trajectory.losses)?);
    object.insert("outcome".into(), serde_json::to_value(trajectory.outcome)?);
    Ok(format!("{}\n", Value::Object(object)))
}
