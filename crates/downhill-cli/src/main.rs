//! The `downhill` command-line tool: the site's optimizers, surfaces and gradient checks, run natively
//! for teachers preparing slides and for checking results outside the browser.
//!
//! `downhill run` prints an optimizer's path over a surface (and can draw it as SVG); `downhill grad`
//! compares a surface's analytic gradient with a centered difference. Every number comes from
//! `downhill-core`, the same code the demos run, and every picture from `downhill-plots`, the same
//! drawing the site shows.

mod args;
mod grad_command;
mod run_command;
mod svg;

use std::process::ExitCode;

/// Exit status for a usage error: a command, option or value the tool does not accept. Nothing was
/// run; the message and `--help` say what to type instead.
const USAGE_ERROR: u8 = 2;

/// Exit status for a failure while running: the arguments were valid, but the run could not be done
/// (a start whose loss overflows, an `--svg` file that cannot be written).
const RUN_FAILURE: u8 = 1;

fn main() -> ExitCode {
    let command = match args::parse(std::env::args_os().skip(1)) {
        Ok(command) => command,
        Err(error) => {
            eprintln!("downhill: {error:#}");
            eprintln!("Run `downhill --help` for usage.");
            return ExitCode::from(USAGE_ERROR);
        }
    };
    let result = match command {
        args::Command::Help => run_command::print_all(&args::usage()),
        args::Command::Version => {
            run_command::print_all(&format!("downhill {}\n", env!("CARGO_PKG_VERSION")))
        }
        args::Command::Run(run_args) => run_command::execute(&run_args),
        args::Command::Grad(grad_args) => grad_command::execute(&grad_args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("downhill: {error:#}");
            ExitCode::from(RUN_FAILURE)
        }
    }
}
