//! The command line: what each command accepts, parsed with lexopt into plain values, every value
//! checked here, so that an error from parsing is always the user's to fix (exit status 2).

use anyhow::{Context, Result, anyhow, bail};
use downhill_core::expression::ExpressionSurface;
use downhill_core::gradient::check_step;
use downhill_core::optimizers::{Hyperparameter, Hyperparameters, OptimizerKind};
use downhill_core::surfaces::{Surface, SurfaceKind};
use lexopt::prelude::*;
use std::ffi::OsString;
use std::path::PathBuf;

/// The help text. The surface and optimizer names come from the core's lists, so a surface or an
/// optimizer added there is on the command line and in this text without a change here.
pub fn usage() -> String {
    let surfaces: Vec<&str> = SurfaceKind::ALL.iter().map(|kind| kind.name()).collect();
    let optimizers: Vec<&str> = OptimizerKind::ALL.iter().map(|kind| kind.name()).collect();
    format!(
        "\
downhill {version}: run the Downhill course's optimizers on its 2-D loss surfaces

USAGE:
    downhill run --surface NAME --optimizer NAME [--start X,Y] [--steps N] [OPTIONS]
    downhill run --function 'EXPR' --optimizer NAME [--start X,Y] [--steps N] [OPTIONS]
    downhill grad --surface NAME --at X,Y [--h F] [--format text|json]
    downhill grad --function 'EXPR' --at X,Y [--h F] [--format text|json]
    downhill --help | --version

    Exit status: 0 on success, 2 for a usage error (a bad command, option or value),
    1 for a failure while running (a start whose loss overflows, an --svg file that
    cannot be written).

RUN:
    Prints the iterates (the start first) and the loss at each, then how the run ended.
    --surface NAME        {surfaces}
                          (every 2-D surface of the course; the lessons' hinge bowl is a
                          function of one weight, drawn as a figure, so it is not one)
    --function 'EXPR'     instead of --surface: any f(x, y) typed as on the site, from numbers,
                          x, y, pi, e, + - * / ^ (power before minus: -2^2 = -4), parentheses
                          and sin cos tan exp log sqrt abs tanh; at most 500 characters,
                          nested at most 64 deep. Exact gradient and Hessian, so newton runs
    --optimizer NAME      {optimizers}
    --start X,Y           start point (default: the surface's own); negative values work,
                          as --start=-1.2,1 or --start -1.2,1
    --steps N             steps to take (default 100, at most 100000)
    --lr F                learning rate (each optimizer has its own default)
    --mu F                momentum (default 0.9)
    --decay-rate F        RMSProp's decay rate (default 0.99)
    --beta1 F             Adam's beta1 (default 0.9)
    --beta2 F             Adam's beta2 (default 0.999)
    --eps F               smoothing term of Adagrad, RMSProp and Adam (default 1e-8)
    --format FORMAT       text (default), json or csv
    --svg FILE            also draw the run into FILE as the site's race picture

GRAD:
    Prints the analytic gradient, a centered-difference gradient and their relative errors.
    --surface NAME        as for run
    --function 'EXPR'     as for run; the analytic gradient is the exact derivative of EXPR
    --at X,Y              the point
    --h F                 finite-difference step, positive (default 1e-5)
    --format FORMAT       text (default) or json
",
        version = env!("CARGO_PKG_VERSION"),
        surfaces = surfaces.join(", "),
        optimizers = optimizers.join(", "),
    )
}

/// Steps a run takes when `--steps` is not given.
pub const DEFAULT_STEPS: usize = 100;

/// The finite-difference step when `--h` is not given, the size the gradient-check lesson suggests.
pub const DEFAULT_H: f64 = 1e-5;

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Help,
    Version,
    Run(RunArgs),
    Grad(GradArgs),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Csv,
}

/// What to run on: one of the course's surfaces, or a formula typed with `--function`.
#[derive(Clone, Debug, PartialEq)]
pub enum SurfaceChoice {
    Named(SurfaceKind),
    Formula(ExpressionSurface),
}

impl SurfaceChoice {
    pub fn build(&self) -> Box<dyn Surface> {
        match self {
            SurfaceChoice::Named(kind) => kind.build(),
            SurfaceChoice::Formula(surface) => Box::new(surface.clone()),
        }
    }

    /// How output names it: `rosenbrock`, or `f(x, y) = x^2 - y^2`.
    pub fn describe(&self) -> String {
        match self {
            SurfaceChoice::Named(kind) => kind.name().to_owned(),
            SurfaceChoice::Formula(surface) => format!("f(x, y) = {}", surface.text()),
        }
    }

    /// The JSON `surface` field: the surface's name, or `custom` (the formula has its own field).
    pub fn name(&self) -> &'static str {
        match self {
            SurfaceChoice::Named(kind) => kind.name(),
            SurfaceChoice::Formula(_) => "custom",
        }
    }

    /// The formula's text, for the JSON `function` field.
    pub fn formula(&self) -> Option<&str> {
        match self {
            SurfaceChoice::Named(_) => None,
            SurfaceChoice::Formula(surface) => Some(surface.text()),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RunArgs {
    pub surface: SurfaceChoice,
    pub optimizer: OptimizerKind,
    pub start: Option<[f64; 2]>,
    pub n_steps: usize,
    /// Hyperparameters given on the command line, in the order given.
    pub overrides: Vec<(Hyperparameter, f64)>,
    pub format: Format,
    pub svg: Option<PathBuf>,
}

impl RunArgs {
    /// The optimizer's defaults with the command line's values in place.
    pub fn hyperparameters(&self) -> Hyperparameters {
        let mut hyperparameters = Hyperparameters::defaults_for(self.optimizer);
        for &(hyperparameter, value) in &self.overrides {
            hyperparameters.set(hyperparameter, value);
        }
        hyperparameters
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct GradArgs {
    pub surface: SurfaceChoice,
    pub at: [f64; 2],
    pub h: f64,
    pub format: Format,
}

/// Parses the arguments after the program name.
pub fn parse(args: impl IntoIterator<Item = impl Into<OsString>>) -> Result<Command> {
    let mut parser = lexopt::Parser::from_args(args);
    match parser.next()? {
        None => bail!("no command given; expected `run` or `grad`"),
        Some(Long("help") | Short('h')) => Ok(Command::Help),
        Some(Long("version") | Short('V')) => Ok(Command::Version),
        Some(Value(command)) => match command.to_str() {
            Some("run") => parse_run(&mut parser),
            Some("grad") => parse_grad(&mut parser),
            Some("help") => Ok(Command::Help),
            _ => bail!("unknown command {command:?}; expected `run` or `grad`"),
        },
        Some(other) => Err(other.unexpected().into()),
    }
}

fn parse_run(parser: &mut lexopt::Parser) -> Result<Command> {
    let (mut surface, mut optimizer, mut start) = (None, None, None);
    let (mut n_steps, mut format, mut svg) = (DEFAULT_STEPS, Format::Text, None);
    let mut overrides = Vec::new();
    while let Some(arg) = parser.next()? {
        match arg {
            Long("help") | Short('h') => return Ok(Command::Help),
            Long(option @ ("surface" | "function")) => {
                let by_name = option == "surface";
                read_surface_option(by_name, parser, &mut surface)?;
            }
            Long("optimizer") => {
                let name = text_value(parser, "--optimizer")?;
                optimizer = Some(name.parse::<OptimizerKind>()?);
            }
            Long("start") => start = Some(parse_point("--start", &text_value(parser, "--start")?)?),
            Long("steps") => {
                let text = text_value(parser, "--steps")?;
                n_steps = text.parse().with_context(|| {
                    format!("--steps takes a whole number of steps, got `{text}`")
                })?;
            }
            Long("format") => format = parse_format(&text_value(parser, "--format")?, true)?,
            Long("svg") => svg = Some(PathBuf::from(parser.value()?)),
            Long(flag) => {
                let Some(hyperparameter) = hyperparameter_for_flag(flag) else {
                    return Err(Long(flag).unexpected().into());
                };
                let flag = format!("--{flag}");
                let value = parse_number(&flag, &text_value(parser, &flag)?)?;
                overrides.push((hyperparameter, value));
            }
            other => return Err(other.unexpected().into()),
        }
    }
    let run_args = RunArgs {
        surface: surface.ok_or_else(|| anyhow!("run needs --surface NAME or --function 'EXPR'"))?,
        optimizer: optimizer.ok_or_else(|| anyhow!("run needs --optimizer NAME"))?,
        start,
        n_steps,
        overrides,
        format,
        svg,
    };
    // A value out of an optimizer's range (a negative learning rate, beta1 = 1) is a usage error, so
    // it is found here rather than when the run starts.
    let kind = run_args.optimizer;
    run_args
        .hyperparameters()
        .validate(kind)
        .with_context(|| format!("cannot set up {kind}"))?;
    Ok(Command::Run(run_args))
}

fn parse_grad(parser: &mut lexopt::Parser) -> Result<Command> {
    let (mut surface, mut at, mut h, mut format) = (None, None, DEFAULT_H, Format::Text);
    while let Some(arg) = parser.next()? {
        match arg {
            Long("help") | Short('h') => return Ok(Command::Help),
            Long(option @ ("surface" | "function")) => {
                let by_name = option == "surface";
                read_surface_option(by_name, parser, &mut surface)?;
            }
            Long("at") => at = Some(parse_point("--at", &text_value(parser, "--at")?)?),
            Long("h") => {
                h = parse_number("--h", &text_value(parser, "--h")?)?;
                check_step(h).context("--h")?;
            }
            Long("format") => format = parse_format(&text_value(parser, "--format")?, false)?,
            other => return Err(other.unexpected().into()),
        }
    }
    Ok(Command::Grad(GradArgs {
        surface: surface
            .ok_or_else(|| anyhow!("grad needs --surface NAME or --function 'EXPR'"))?,
        at: at.ok_or_else(|| anyhow!("grad needs --at X,Y"))?,
        h,
        format,
    }))
}

/// The hyperparameter a `--flag` sets, if it names one.
fn hyperparameter_for_flag(flag: &str) -> Option<Hyperparameter> {
    match flag {
        "lr" => Some(Hyperparameter::LearningRate),
        "mu" => Some(Hyperparameter::Mu),
        "decay-rate" => Some(Hyperparameter::DecayRate),
        "beta1" => Some(Hyperparameter::Beta1),
        "beta2" => Some(Hyperparameter::Beta2),
        "eps" => Some(Hyperparameter::Eps),
        _ => None,
    }
}

/// The flag's value as text. `Parser::value` takes the next argument even when it starts with `-`,
/// which is what makes `--start -1.2,1` work.
fn text_value(parser: &mut lexopt::Parser, flag: &str) -> Result<String> {
    let value = parser
        .value()
        .with_context(|| format!("{flag} needs a value"))?;
    value
        .into_string()
        .map_err(|raw| anyhow!("{flag}: {raw:?} is not valid text"))
}

/// Refuses a second `--surface` or `--function`: the later one would silently win.
/// `--surface NAME` (`by_name`) or `--function EXPR`, which `run` and `grad` both take; at most
/// one of them.
fn read_surface_option(
    by_name: bool,
    parser: &mut lexopt::Parser,
    surface: &mut Option<SurfaceChoice>,
) -> Result<()> {
    only_one(surface)?;
    let flag = if by_name { "--surface" } else { "--function" };
    let value = text_value(parser, flag)?;
    *surface = Some(if by_name {
        parse_surface(&value)?
    } else {
        parse_function(&value)?
    });
    Ok(())
}

fn only_one(surface: &Option<SurfaceChoice>) -> Result<()> {
    if surface.is_some() {
        bail!("give one --surface or one --function, not two");
    }
    Ok(())
}

/// A typed formula in `x` and `y`, over the site's default view. The message is the core's, the same
/// words the browser shows.
fn parse_function(text: &str) -> Result<SurfaceChoice> {
    ExpressionSurface::parse(text, ExpressionSurface::DEFAULT_VIEW)
        .map(SurfaceChoice::Formula)
        .map_err(|error| anyhow!("--function: {error}"))
}

fn parse_surface(name: &str) -> Result<SurfaceChoice> {
    match name.parse::<SurfaceKind>() {
        Ok(kind) => Ok(SurfaceChoice::Named(kind)),
        // The lessons' hinge bowl is in the core too, but as a function of one weight: say why it is
        // not a surface here rather than only that the name is unknown.
        Err(error) if name.starts_with("hinge-bowl") => Err(anyhow!(
            "`{name}` is the lessons' one-dimensional SVM example, a function of one weight, not a \
             2-D surface that an optimizer can run on; {}",
            error
                .to_string()
                .split_once("; ")
                .map_or("", |(_, known)| known)
        )),
        Err(error) => Err(error.into()),
    }
}

fn parse_format(name: &str, csv_allowed: bool) -> Result<Format> {
    match name {
        "text" => Ok(Format::Text),
        "json" => Ok(Format::Json),
        "csv" if csv_allowed => Ok(Format::Csv),
        _ if csv_allowed => bail!("unknown format `{name}`; expected text, json or csv"),
        _ => bail!("unknown format `{name}`; expected text or json"),
    }
}

/// A finite number, so no NaN or infinity ever reaches a run from the command line.
fn parse_number(flag: &str, text: &str) -> Result<f64> {
    let value: f64 = text
        .trim()
        .parse()
        .with_context(|| format!("{flag} takes a number, got `{text}`"))?;
    if !value.is_finite() {
        bail!("{flag} must be a finite number, got `{text}`");
    }
    Ok(value)
}

/// `X,Y` as two finite numbers.
fn parse_point(flag: &str, text: &str) -> Result<[f64; 2]> {
    let parts: Vec<&str> = text.split(',').collect();
    let [x, y] = parts.as_slice() else {
        bail!("{flag} takes two numbers as X,Y, got `{text}`");
    };
    Ok([parse_number(flag, x)?, parse_number(flag, y)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_args(args: &[&str]) -> RunArgs {
        match parse(args.iter().copied()) {
            Ok(Command::Run(run_args)) => run_args,
            other => panic!("expected a run command from {args:?}, got {other:?}"),
        }
    }

    #[test]
    fn a_negative_start_parses_with_an_equals_sign_and_as_a_separate_argument() {
        let joined = run_args(&[
            "run",
            "--surface",
            "bowl",
            "--optimizer",
            "sgd",
            "--start=-1.2,1",
        ]);
        let separate = run_args(&[
            "run",
            "--surface",
            "bowl",
            "--optimizer",
            "sgd",
            "--start",
            "-1.2,1",
        ]);
        assert_eq!(joined.start, Some([-1.2, 1.0]));
        assert_eq!(separate, joined);
    }

    #[test]
    fn hyperparameter_flags_are_collected_in_order() {
        let parsed = run_args(&[
            "run",
            "--surface",
            "ravine",
            "--optimizer",
            "adam",
            "--lr",
            "0.2",
            "--beta2",
            "0.99",
            "--decay-rate",
            "0.9",
            "--eps",
            "1e-6",
            "--mu",
            "0.5",
            "--beta1",
            "0.8",
        ]);
        let names: Vec<&str> = parsed.overrides.iter().map(|(h, _)| h.name()).collect();
        assert_eq!(
            names,
            ["learning_rate", "beta2", "decay_rate", "eps", "mu", "beta1"]
        );
        assert_eq!(parsed.overrides[0].1, 0.2);
    }

    #[test]
    fn bad_points_and_numbers_are_errors_that_say_what_was_wrong() {
        for (bad, fragment) in [
            ("1", "X,Y"),
            ("1,2,3", "X,Y"),
            ("a,1", "number"),
            ("nan,1", "finite"),
        ] {
            let error = parse([
                "run",
                "--surface",
                "bowl",
                "--optimizer",
                "sgd",
                "--start",
                bad,
            ])
            .expect_err("a bad point");
            assert!(format!("{error:#}").contains(fragment), "{bad}: {error:#}");
        }
        assert!(
            parse([
                "run",
                "--surface",
                "bowl",
                "--optimizer",
                "sgd",
                "--steps",
                "-3"
            ])
            .is_err()
        );
        assert!(
            parse([
                "grad",
                "--surface",
                "bowl",
                "--at",
                "1,1",
                "--format",
                "csv"
            ])
            .is_err()
        );
        assert!(parse(["walk"]).is_err());
        assert!(parse(Vec::<String>::new()).is_err());
    }
}
