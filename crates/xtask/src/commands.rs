//! The commands themselves: each is the list of steps a person would otherwise type.

use crate::shell::{command, repo_root, run};
use crate::tools::{self, Needs};
use anyhow::{Context, Result};

/// The address `cargo xtask serve` and Trunk.toml use. Loopback only: a course on a laptop should
/// not be reachable from the café's network unless the teacher asks for it.
pub const SERVE_ADDRESS: &str = "http://127.0.0.1:8080";

pub fn serve() -> Result<()> {
    tools::install_all(Needs::SERVE)?;
    eprintln!(
        "Serving Downhill on {SERVE_ADDRESS} (live reload on changes to lessons/, www/ and crates/)."
    );
    // Everything else (address, port, content policy header, what to watch, the lesson hook) is in
    // Trunk.toml, so plain `trunk serve` does the same thing.
    run(command("trunk").arg("serve"))
}

pub fn test() -> Result<()> {
    let browser = tools::install_all(Needs::EVERYTHING)?
        .context("the browser tests need Chromium, which was not installed")?;

    run(command("cargo").args(["fmt", "--all", "--check"]))?;
    run(command("cargo").args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(command("cargo").args([
        "clippy",
        "--package",
        "downhill-web",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
        // The benchmark entry points are left out of the shipped module; lint them all the same.
        "--features",
        "bench-entry-points",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(command("cargo").args(["test", "--workspace"]))?;
    // The wasm tests run in headless Chromium through wasm-bindgen-test-runner (the wasm32 runner
    // in .cargo/config.toml), which finds the browser through CHROMEDRIVER.
    run(command("cargo")
        .args([
            "test",
            "--package",
            "downhill-web",
            "--target",
            "wasm32-unknown-unknown",
        ])
        .env("CHROMEDRIVER", &browser.chromedriver))?;
    run(command("trunk").args(["build", "--release"]))?;
    run(command("node")
        .args(["--test", "--test-concurrency=1", "tests/e2e/"])
        .env("DOWNHILL_DIST", repo_root().join("dist"))
        .env("DOWNHILL_CHROMIUM", &browser.chromium))
}
