//! `cargo xtask soak`: a long session in headless Chromium with demos playing, reporting whether
//! memory, DOM nodes and event listeners hold steady (`tests/soak/soak.mjs` does the sampling).
//!
//! Not part of `cargo xtask test`: it takes ten minutes by default, and like the benchmarks it
//! reports figures rather than failing on them.

use crate::shell::{command, repo_root, run};
use crate::tools::{self, Needs};
use anyhow::{Context, Result, bail};
use std::path::Path;
use std::time::SystemTime;

/// The soak's options, as typed after `cargo xtask soak`.
#[derive(Debug, Clone, PartialEq)]
pub struct SoakOptions {
    pub minutes: f64,
    /// Built pages or demo names to open; empty means the script's default pages.
    pub pages: Vec<String>,
}

pub fn soak(arguments: &[String]) -> Result<()> {
    let options = parse_arguments(arguments)?;
    let browser = tools::install_all(Needs::EVERYTHING)?
        .context("the soak needs Chromium, which was not installed")?;
    let dist = repo_root().join("dist");
    if site_needs_building(&dist) {
        run(command("trunk").args(["build", "--release"]))?;
    } else {
        eprintln!("dist/ is newer than every source file: soaking it as built.");
    }
    let mut script = command("node");
    script
        .arg("tests/soak/soak.mjs")
        .args(["--minutes", &options.minutes.to_string()])
        .env("DOWNHILL_DIST", &dist)
        .env("DOWNHILL_CHROMIUM", &browser.chromium);
    for page in &options.pages {
        script.args(["--page", page]);
    }
    run(&mut script)
}

pub fn parse_arguments(arguments: &[String]) -> Result<SoakOptions> {
    const USAGE: &str = "usage: cargo xtask soak [--minutes N] [--page PAGE-OR-DEMO]...";
    let mut options = SoakOptions {
        minutes: 10.0,
        pages: Vec::new(),
    };
    let mut remaining = arguments.iter();
    while let Some(flag) = remaining.next() {
        let Some(value) = remaining.next() else {
            bail!("`{flag}` needs a value\n{USAGE}");
        };
        match flag.as_str() {
            "--minutes" => {
                options.minutes = value
                    .parse()
                    .ok()
                    .filter(|minutes: &f64| minutes.is_finite() && *minutes > 0.0)
                    .with_context(|| format!("`--minutes {value}` is not a positive number"))?;
            }
            "--page" => options.pages.push(value.clone()),
            other => bail!("unknown option `{other}`\n{USAGE}"),
        }
    }
    Ok(options)
}

/// Whether `dist/` is missing or older than any file it is built from (the lessons, the static
/// files, the crates and Trunk.toml), judged by modification times.
fn site_needs_building(dist: &Path) -> bool {
    let Some(built_at) = modified(&dist.join("index.html")) else {
        return true;
    };
    let root = repo_root();
    let sources = ["lessons", "www", "crates", "Trunk.toml", "Cargo.lock"];
    sources
        .iter()
        .any(|source| newest_in(&root.join(source)).is_some_and(|newest| newest > built_at))
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path)
        .and_then(|meta| meta.modified())
        .ok()
}

/// The newest modification time of `path` or of any file under it.
fn newest_in(path: &Path) -> Option<SystemTime> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_dir() {
        return meta.modified().ok();
    }
    std::fs::read_dir(path)
        .ok()?
        .filter_map(|entry| entry.ok())
        .filter_map(|entry| newest_in(&entry.path()))
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(words: &[&str]) -> Vec<String> {
        words.iter().map(|word| word.to_string()).collect()
    }

    #[test]
    fn ten_minutes_of_the_default_pages_unless_told_otherwise() {
        assert_eq!(
            parse_arguments(&[]).unwrap(),
            SoakOptions {
                minutes: 10.0,
                pages: vec![]
            }
        );
        let options = parse_arguments(&strings(&[
            "--minutes",
            "2.5",
            "--page",
            "saddle-race",
            "--page",
            "06-before-and-during-training.html",
        ]))
        .unwrap();
        assert_eq!(options.minutes, 2.5);
        assert_eq!(
            options.pages,
            strings(&["saddle-race", "06-before-and-during-training.html"])
        );
    }

    #[test]
    fn nonsense_arguments_are_refused() {
        for bad in [
            &["--minutes"][..],
            &["--minutes", "0"],
            &["--minutes", "-3"],
            &["--minutes", "NaN"],
            &["--minutes", "ten"],
            &["--speed", "3"],
        ] {
            assert!(parse_arguments(&strings(bad)).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_missing_site_needs_building() {
        assert!(site_needs_building(Path::new("/no/such/folder")));
    }
}
