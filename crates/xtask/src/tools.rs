//! Installs the tools the site needs, each at the one version known to work on our machines
//! (see ARCHITECTURE.md, "Toolchain"), and only when it is missing: a second run costs seconds.
//!
//! Why these versions: Trunk 0.22 needs a newer rustc than the stable toolchain we build with; the
//! wasm-bindgen CLI must equal the `wasm-bindgen` crate in Cargo.lock or Trunk tries to download one;
//! Debian's wasm-opt (108) emits modules the browser rejects, binaryen 132 from npm does not.

use crate::shell::{command, output_of, repo_root, run};
use anyhow::{Context, Result, bail};
use std::path::PathBuf;

/// The Trunk release we build with. The newest that compiles with our stable Rust.
pub const TRUNK_VERSION: &str = "0.21.14";

/// What a command needs installed.
#[derive(Debug, Clone, Copy)]
pub struct Needs {
    /// Trunk, the wasm target and the wasm-bindgen CLI: enough to build and serve.
    pub site: bool,
    /// Chromium, its driver and the Node packages of the end-to-end tests (and wasm-opt).
    pub browser_tests: bool,
}

impl Needs {
    pub const SERVE: Needs = Needs {
        site: true,
        browser_tests: false,
    };
    pub const EVERYTHING: Needs = Needs {
        site: true,
        browser_tests: true,
    };
}

/// Where the browser the tests drive lives once installed.
pub struct Browser {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
}

/// Installs what `needs` asks for and is missing.
pub fn install_all(needs: Needs) -> Result<Option<Browser>> {
    if needs.site {
        install_wasm_target()?;
        install_trunk()?;
        install_wasm_bindgen_cli()?;
        // Fetching every crate once, up front, means a later plain `trunk serve` (how teachers
        // self-host) works from the cache with no network.
        run(command("cargo").args(["fetch", "--quiet"]))?;
    }
    if needs.browser_tests {
        install_node_packages()?;
        return install_browser().map(Some);
    }
    Ok(None)
}

/// Our tool folders first on PATH: the end-to-end tests' node_modules/.bin holds wasm-opt (binaryen
/// from npm), and cargo's bin folder holds what `cargo install` put there even when the user's PATH
/// does not name it.
pub fn path_with_tools() -> std::ffi::OsString {
    let mut folders = vec![repo_root().join("tests/node_modules/.bin"), cargo_bin_dir()];
    if let Some(path) = std::env::var_os("PATH") {
        folders.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(folders).unwrap_or_default()
}

fn cargo_bin_dir() -> PathBuf {
    let cargo_home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .unwrap_or_else(|| PathBuf::from(".cargo"));
    cargo_home.join("bin")
}

fn install_wasm_target() -> Result<()> {
    let installed =
        output_of(command("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed
        .lines()
        .any(|line| line.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run(command("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
        .context("adding the wasm32 target (rustup must be installed)")
}

fn install_trunk() -> Result<()> {
    if version_line("trunk").is_some_and(|line| line.contains(TRUNK_VERSION)) {
        return Ok(());
    }
    eprintln!("Installing Trunk {TRUNK_VERSION}: about 10 minutes on two cores, once.");
    run(command("cargo").args(["install", "--locked", "trunk", "--version", TRUNK_VERSION]))
        .context("installing Trunk")
}

fn install_wasm_bindgen_cli() -> Result<()> {
    let version = wasm_bindgen_version_in_lock_file()?;
    if version_line("wasm-bindgen")
        .is_some_and(|line| line.split_whitespace().any(|word| word == version))
    {
        return Ok(());
    }
    eprintln!(
        "Installing wasm-bindgen-cli {version} (the version in Cargo.lock): about 5 minutes, once."
    );
    // Not `--locked`: the CLI's own lock file names a crate version the registry no longer serves.
    run(command("cargo").args(["install", "wasm-bindgen-cli", "--version", &version]))
        .context("installing the wasm-bindgen CLI")
}

/// The exact `wasm-bindgen` version Cargo.lock pins; Trunk.toml's `[tools]` must name the same.
pub fn wasm_bindgen_version_in_lock_file() -> Result<String> {
    let lock_path = repo_root().join("Cargo.lock");
    let lock = std::fs::read_to_string(&lock_path)
        .with_context(|| format!("reading {}", lock_path.display()))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\""
            && let Some(version) = lines
                .next()
                .and_then(|next| next.trim().strip_prefix("version = "))
        {
            return Ok(version.trim_matches('"').to_string());
        }
    }
    bail!("Cargo.lock names no wasm-bindgen package")
}

/// A copy of the lock file the Node packages were last installed from, kept inside node_modules
/// (so `npm ci`, which empties that folder first, drops it until it succeeds again).
const INSTALLED_LOCK: &str = "tests/node_modules/.downhill-installed-package-lock.json";

fn install_node_packages() -> Result<()> {
    if version_line("npm").is_none() {
        bail!(
            "The end-to-end tests need Node.js 18 or newer with npm. Install them \
             (Debian: `apt-get install nodejs npm`) and run the command again."
        );
    }
    let lock = std::fs::read(repo_root().join("tests/package-lock.json"))
        .context("reading tests/package-lock.json")?;
    let installed = std::fs::read(repo_root().join(INSTALLED_LOCK)).ok();
    if node_packages_are_current(&lock, installed.as_deref()) {
        return Ok(());
    }
    run(command("npm").args(["ci", "--no-audit", "--no-fund", "--prefix", "tests"]))
        .context("installing the Node packages (playwright-core, binaryen, terser, axe-core)")?;
    std::fs::write(repo_root().join(INSTALLED_LOCK), &lock)
        .with_context(|| format!("writing {INSTALLED_LOCK}"))
}

/// Whether node_modules was installed from exactly this lock file. Compared by content, not by
/// file times: a lock file changed by a pull or a branch switch must reinstall even when
/// node_modules looks newer (copied in with `cp -a`, restored from a CI cache after the checkout),
/// which a time comparison took for up to date.
fn node_packages_are_current(lock: &[u8], installed_from: Option<&[u8]>) -> bool {
    installed_from == Some(lock)
}

fn install_browser() -> Result<Browser> {
    let browser = || {
        Some(Browser {
            chromium: find_on_path(&["chromium", "chromium-browser"])?,
            chromedriver: find_on_path(&["chromedriver"])?,
        })
    };
    if let Some(found) = browser() {
        return Ok(found);
    }
    let is_root =
        output_of(std::process::Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0");
    if is_root && find_on_path(&["apt-get"]).is_some() {
        eprintln!("Installing Chromium and ChromeDriver from Debian's packages.");
        run(command("apt-get").arg("update").arg("-qq"))?;
        run(command("apt-get")
            .args(["install", "-y", "-qq", "chromium", "chromium-driver"])
            .env("DEBIAN_FRONTEND", "noninteractive"))
        .context("installing chromium and chromium-driver")?;
        if let Some(found) = browser() {
            return Ok(found);
        }
    }
    bail!(
        "The browser tests need Chromium and ChromeDriver of the same version on PATH \
         (Debian: `apt-get install chromium chromium-driver`; other systems: your package manager's \
         chromium and chromedriver). Install them and run `cargo xtask test` again."
    )
}

fn version_line(program: &str) -> Option<String> {
    output_of(command(program).arg("--version"))
}

fn find_on_path(names: &[&str]) -> Option<PathBuf> {
    let path = path_with_tools();
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|folder| folder.join(name))
            .find(|candidate| candidate.is_file())
    })
}

#[cfg(test)]
mod tests {
    use super::node_packages_are_current;

    #[test]
    fn node_packages_are_reinstalled_whenever_the_lock_file_differs() {
        let lock = br#"{"packages":{"node_modules/axe-core":{"version":"4.11.0"}}}"#;
        let older = br#"{"packages":{}}"#;
        assert!(node_packages_are_current(lock, Some(lock)));
        assert!(!node_packages_are_current(lock, Some(older)));
        // Installed before this check existed, or an install that failed: no record, so install.
        assert!(!node_packages_are_current(lock, None));
    }
}
