//! Tidy tests, in the style of rust-analyzer's: the project's conventions that a reviewer would
//! otherwise check by eye, checked on every `cargo test`.
//!
//! - Every `.rs` file opens with a `//!` line saying why it exists.
//! - Every top-level module and module folder of each crate is named in ARCHITECTURE.md, in its
//!   crate's section, so the codemap answers "where is the thing that does X".
//! - Every demo of the registry (`DemoKind`) has a still, a hostile-link case and a lesson that
//!   uses it.
//! - The `short_sort` rule: no standard-library sort (`sort`, `sort_by`, `sort_unstable*`, ...) in the
//!   web crate or in downhill-plots and downhill-core, whose modules the wasm links: its merge sort
//!   costs the module kilobytes; `downhill_core::short_sort` orders the short lists the demos sort.
//!   Test code is exempt, as it never reaches the wasm.
//!
//! These live in the lessons crate because it already depends on the registry and the stills; the
//! files they read are found from the repository root.

use downhill_plots::catalogue::DemoKind;
use downhill_plots::{digits_stills, still};
use std::path::{Path, PathBuf};

fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the repository root exists")
}

/// Folders that hold no source of ours: build output, installed packages, version control.
const NOT_OURS: [&str; 4] = ["target", "node_modules", ".git", "dist"];

/// Every file under `folder` whose name ends with `extension`, build output left out.
fn files_under(folder: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut to_visit = vec![folder.to_path_buf()];
    while let Some(current) = to_visit.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_string();
            if path.is_dir() {
                if !NOT_OURS.contains(&name.as_str()) {
                    to_visit.push(path);
                }
            } else if name.ends_with(extension) {
                found.push(path);
            }
        }
    }
    found
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

#[test]
fn every_rust_file_opens_with_a_doc_line() {
    let root = repository_root();
    let files = files_under(&root, ".rs");
    assert!(files.len() > 100, "only {} .rs files found", files.len());
    let missing: Vec<String> = files
        .iter()
        .filter(|path| !read(path).starts_with("//!"))
        .map(|path| {
            path.strip_prefix(&root)
                .unwrap_or(path)
                .display()
                .to_string()
        })
        .collect();
    assert!(
        missing.is_empty(),
        "these files do not open with a `//!` line saying why they exist: {missing:?}"
    );
}

/// The part of ARCHITECTURE.md under the heading of crate `crate_name`, up to the next heading of
/// its level.
fn architecture_section<'a>(architecture: &'a str, crate_name: &str) -> Option<&'a str> {
    let heading = format!("### `crates/{crate_name}`");
    let start = architecture.find(&heading)? + heading.len();
    let rest = &architecture[start..];
    let end = rest.find("\n### ").or_else(|| rest.find("\n## "));
    Some(&rest[..end.unwrap_or(rest.len())])
}

#[test]
fn every_module_of_every_crate_is_named_in_the_architecture() {
    let root = repository_root();
    let architecture = read(&root.join("ARCHITECTURE.md"));
    let mut unnamed = Vec::new();
    let crates = std::fs::read_dir(root.join("crates")).expect("a crates folder");
    for crate_folder in crates.flatten() {
        let crate_name = crate_folder.file_name().to_string_lossy().to_string();
        let Some(section) = architecture_section(&architecture, &crate_name) else {
            unnamed.push(format!("crates/{crate_name} (no section)"));
            continue;
        };
        let Ok(modules) = std::fs::read_dir(crate_folder.path().join("src")) else {
            continue;
        };
        for module in modules.flatten() {
            let name = module.file_name().to_string_lossy().to_string();
            // The crate roots are the section itself.
            if name == "lib.rs" || name == "main.rs" {
                continue;
            }
            // A file is written `name.rs`; a folder `name/`, alone or starting a path.
            let written = if module.path().is_dir() {
                format!("`{name}/")
            } else {
                format!("`{name}`")
            };
            if !section.contains(&written) {
                unnamed.push(format!("crates/{crate_name}/src/{name}"));
            }
        }
    }
    assert!(
        unnamed.is_empty(),
        "ARCHITECTURE.md's codemap does not name these in their crate's section: {unnamed:?}"
    );
}

/// The demo names of every ```` ```demo ```` block in the lessons (pending markers do not count:
/// they show nothing).
fn demos_the_lessons_use(root: &Path) -> Vec<String> {
    let mut names = Vec::new();
    for lesson in files_under(&root.join("lessons"), ".md") {
        let text = read(&lesson);
        let mut in_demo_block = false;
        for line in text.lines() {
            let line = line.trim();
            if line == "```demo" {
                in_demo_block = true;
            } else if line.starts_with("```") {
                in_demo_block = false;
            } else if in_demo_block
                && let Some(value) = line.strip_prefix("name")
                && let Some(value) = value.trim_start().strip_prefix('=')
            {
                names.push(value.trim().trim_matches('"').to_string());
            }
        }
    }
    names
}

#[test]
fn every_demo_has_a_still_a_hostile_link_case_and_a_lesson() {
    let root = repository_root();
    let used = demos_the_lessons_use(&root);
    assert!(!used.is_empty(), "no demo block found in lessons/");
    for kind in DemoKind::ALL {
        // A still: drawn here for a demo of the surfaces, from a real run on the digits for the
        // others (the render suite's `every_demo_in_the_catalogue_has_a_still` draws those, which
        // takes real training). Both matches name every kind, so a new kind must pick one.
        assert_ne!(
            still::demo_still_svg(kind).is_some(),
            digits_stills::needs_digits(kind),
            "{kind:?} has no still, or two"
        );
        // A hostile-link case: `check_of` in crates/downhill-web/src/demos/hostile_links.rs is an
        // exhaustive match over `DemoKind`, so a kind without one does not compile; nothing to check
        // here.
        assert!(
            used.iter().any(|name| name == kind.name()),
            "no lesson uses the demo `{}`",
            kind.name()
        );
    }
}

/// The standard library's sorts, as method calls.
const STANDARD_SORTS: [&str; 7] = [
    ".sort(",
    ".sort_by(",
    ".sort_by_key(",
    ".sort_by_cached_key(",
    ".sort_unstable(",
    ".sort_unstable_by(",
    ".sort_unstable_by_key(",
];

/// The lines of `source` before its first test module (our test modules come last in a file),
/// comments left out.
fn code_lines(source: &str) -> impl Iterator<Item = (usize, &str)> {
    source
        .lines()
        .enumerate()
        .take_while(|(_, line)| {
            let line = line.trim_start();
            !(line.starts_with("#[cfg(") && line.contains("test"))
        })
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
}

#[test]
fn no_standard_library_sort_in_code_the_wasm_reaches() {
    let root = repository_root();
    let mut found = Vec::new();
    for crate_name in ["downhill-web", "downhill-plots", "downhill-core"] {
        for path in files_under(&root.join("crates").join(crate_name).join("src"), ".rs") {
            let source = read(&path);
            for (index, line) in code_lines(&source) {
                if STANDARD_SORTS.iter().any(|call| line.contains(call)) {
                    let shown = path.strip_prefix(&root).unwrap_or(&path);
                    found.push(format!(
                        "{}:{}: {}",
                        shown.display(),
                        index + 1,
                        line.trim()
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "a standard-library sort in code the wasm reaches (use downhill_core::short_sort): {found:#?}"
    );
}

#[test]
fn the_sort_check_sees_a_sort_and_skips_tests_and_comments() {
    let source = "fn a(v: &mut [u8]) {\n    v.sort_unstable();\n}\n// v.sort();\n#[cfg(test)]\nmod tests {\n    fn b(v: &mut [u8]) { v.sort(); }\n}\n";
    let hits: Vec<usize> = code_lines(source)
        .filter(|(_, line)| STANDARD_SORTS.iter().any(|call| line.contains(call)))
        .map(|(index, _)| index + 1)
        .collect();
    assert_eq!(hits, vec![2]);
}
