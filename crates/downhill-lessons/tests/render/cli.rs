//! The `downhill-lessons` command: `check` writes nothing, `build` writes every page where it is told.

use std::path::PathBuf;
use std::process::Command;

use super::support::{fixtures, good_site};

fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_downhill-lessons"));
    // A hook run by Trunk sets this; the tests must not inherit one by accident.
    command.env_remove("TRUNK_STAGING_DIR");
    command
}

/// A fresh, empty folder for one test.
fn scratch_dir(test_name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "downhill-lessons-{}-{test_name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The glue and wasm file names of a made-up build, as Trunk hashes them.
const GLUE: &str = "downhill-web-5eed0123abcd.js";
const WASM: &str = "downhill-web-5eed0123abcd_bg.wasm";

/// A fresh folder holding what Trunk has staged when it runs the hook: a wasm module.
fn staging_dir(test_name: &str) -> PathBuf {
    let dir = scratch_dir(test_name);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(GLUE), "export default function init() {}\n").unwrap();
    std::fs::write(dir.join(WASM), b"\0asm\x01\0\0\0").unwrap();
    dir
}

#[test]
fn check_reports_success_and_writes_nothing() {
    let output = command()
        .args(["check", "--root"])
        .arg(good_site())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "to do: lessons/02-second-page.md:12: demo `future-demo` is pending: the page shows nothing in its place yet\n\
         3 pages checked: no problems found.\n"
    );
    assert!(
        !good_site().join("dist").exists(),
        "check must not write the site"
    );
}

#[test]
fn check_lists_every_problem_and_fails() {
    let output = command()
        .args(["check", "--root"])
        .arg(fixtures().join("broken-site"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("lessons/01-render-errors.md:10: unknown demo `no-such-demo`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("lessons/02-site-errors.md:8: `no-such-page.html`"),
        "{stderr}"
    );
    assert!(
        stderr
            .trim_end()
            .ends_with("problems found; no pages written."),
        "{stderr}"
    );
}

#[test]
fn build_writes_every_page_into_out() {
    let out = staging_dir("build-out");
    let output = command()
        .args(["build", "--root"])
        .arg(good_site())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for name in ["index.html", "first-steps.html", "second-page.html"] {
        let html = std::fs::read_to_string(out.join(name))
            .unwrap_or_else(|error| panic!("{name}: {error}"));
        assert!(html.starts_with("<!DOCTYPE html>"), "{name}");
        // Each page names the module of its own build, which boot.js loads.
        let names_the_module = format!(
            "<meta name=\"downhill-module\" content=\"{GLUE}\">\n\
             <meta name=\"downhill-wasm\" content=\"{WASM}\">\n\
             <script type=\"module\" src=\"boot.js\"></script>"
        );
        assert!(html.contains(&names_the_module), "{name}:\n{html}");
    }
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn build_writes_into_trunks_staging_dir_when_trunk_runs_it() {
    let staging = staging_dir("staging");
    let output = command()
        .args(["build", "--root"])
        .arg(good_site())
        .env("TRUNK_STAGING_DIR", &staging)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(staging.join("index.html").is_file());
    let _ = std::fs::remove_dir_all(&staging);
}

#[test]
fn build_without_the_wasm_module_writes_nothing_and_says_why() {
    let out = scratch_dir("no-module");
    std::fs::create_dir_all(&out).unwrap();
    let output = command()
        .args(["build", "--root"])
        .arg(good_site())
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr
            .contains("holds no wasm module (downhill-web-HASH.js and downhill-web-HASH_bg.wasm)"),
        "{stderr}"
    );
    assert!(!out.join("index.html").exists());
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn build_refuses_to_write_into_the_source_tree() {
    let output = command()
        .args(["build", "--root"])
        .arg(good_site())
        .arg("--out")
        .arg(good_site().join("lessons"))
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("refusing to write pages into the repository's source folders")
    );
    assert!(!good_site().join("lessons/index.html").exists());
}

#[test]
fn an_unknown_command_prints_the_usage() {
    let output = command().arg("publish").output().unwrap();
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("Usage: downhill-lessons <build|check>")
    );
}
