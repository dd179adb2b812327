//! Downhill's automation, reached as `cargo xtask <command>` (matklad's xtask convention): one Rust
//! program instead of shell scripts, so it runs the same on every machine that has cargo.
//!
//! - `cargo xtask serve`: install what is missing, build the lessons and the wasm, serve on 127.0.0.1:8080.
//! - `cargo xtask test`: install what is missing, then every check CI runs.
//! - `cargo xtask setup`: only install the tools (what the two commands above do first).
//! - `cargo xtask bench`: build the release site and print every speed and size figure (BENCHMARKS.md).
//! - `cargo xtask soak`: play demos for ten minutes and report whether memory holds steady.

mod bench;
mod commands;
mod content_policy;
mod shell;
mod soak;
mod tools;

use anyhow::{Result, bail};

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  serve   install what is missing, then build and serve the site on http://127.0.0.1:8080
          with live reload (runs `trunk serve`)
  test    install what is missing, then run every check: fmt, clippy, native tests, wasm tests,
          `trunk build --release` and the end-to-end tests in headless Chromium
  setup   only install the tools the two commands above need
  bench   build the release site, then print every speed and size figure, in headless Chromium and
          natively (criterion); `--dist DIR` measures a site already built in DIR
  soak    build the release site if it is out of date, play demos in headless Chromium for
          `--minutes N` (10) and report JS heap, wasm memory, DOM nodes and listeners every 30 s;
          `--page P` (repeatable) picks a built page or a demo's first page
";

fn main() -> Result<()> {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let Some(command) = arguments.first() else {
        print!("{USAGE}");
        return Ok(());
    };
    match command.as_str() {
        "serve" => commands::serve(),
        "test" => commands::test(),
        "bench" => bench::bench(&arguments[1..]),
        "soak" => soak::soak(&arguments[1..]),
        "setup" => tools::install_all(tools::Needs::EVERYTHING).map(|_| ()),
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => bail!("unknown command `{other}`\n\n{USAGE}"),
    }
}
