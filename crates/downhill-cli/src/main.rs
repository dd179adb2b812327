//! The `downhill` command-line tool: the site's optimizers, surfaces and gradient checks, run natively
//! for teachers preparing slides and for checking results outside the browser.
//!
//! `downhill run` prints an optimizer's path over a surface (and can draw it as SVG); `downhill grad`
//! compares a surface's analytic gradient with a centered difference. Every number comes from
//! `downhill-core`, the same code the demos run.

mod args;
mod grad_command;
mod run_command;
mod svg;

use std::process::ExitCode;

/// Exit status for bad arguments or a failed command, as most tools use for usage errors.
const FAILURE: u8 = 2;

fn main() -> ExitCode {
    let result = args::parse(std::env::args_os().skip(1)).and_then(|command| match command {
        args::Command::Help => {
            print!("{}", args::USAGE);
            Ok(())
        }
        args::Command::Run(run_args) => run_command::execute(&run_args),
        args::Command::Grad(grad_args) => grad_command::execute(&grad_args),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("downhill: {error:#}");
            eprintln!("Run `downhill --help` for usage.");
            ExitCode::from(FAILURE)
        }
    }
}
