//! The code regions that lessons include from this half of the crate: every region that
//! lessons/README.md promises for these files exists exactly once, opens before it closes, and is
//! short enough to read on a page.

use std::path::Path;

/// The files whose regions these tests own.
const FILES: [&str; 9] = [
    "crates/downhill-core/src/gradient/numerical.rs",
    "crates/downhill-core/src/gradient/check.rs",
    "crates/downhill-core/src/classifiers/svm.rs",
    "crates/downhill-core/src/classifiers/softmax.rs",
    "crates/downhill-core/src/search/random_search.rs",
    "crates/downhill-core/src/search/random_local_search.rs",
    "crates/downhill-core/src/search/hyperparameters.rs",
    "crates/downhill-core/src/training.rs",
    "crates/downhill-core/src/minibatch.rs",
];

/// The repository root, two levels above this crate.
fn repository_root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The region names the lessons README lists for `file`, from its line
/// "- `file`: `name`, `name`".
fn promised_regions(readme: &str, file: &str) -> Vec<String> {
    let prefix = format!("- `{file}`:");
    readme
        .lines()
        .find_map(|line| line.strip_prefix(&prefix))
        .map(|names| {
            names
                .split(',')
                .map(|name| name.trim().trim_matches('`').to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn every_promised_region_exists_once_and_is_short() {
    let root = repository_root();
    let readme = std::fs::read_to_string(root.join("lessons/README.md"))
        .expect("lessons/README.md should be readable");
    for file in FILES {
        let source = std::fs::read_to_string(root.join(file)).expect("a listed file exists");
        let names = promised_regions(&readme, file);
        assert!(
            !names.is_empty(),
            "lessons/README.md lists no regions for {file}"
        );
        for name in names {
            let lines: Vec<&str> = source.lines().map(str::trim).collect();
            let open = format!("// ANCHOR: {name}");
            let close = format!("// ANCHOR_END: {name}");
            let opens: Vec<usize> = (0..lines.len()).filter(|&idx| lines[idx] == open).collect();
            let closes: Vec<usize> = (0..lines.len())
                .filter(|&idx| lines[idx] == close)
                .collect();
            assert_eq!((opens.len(), closes.len()), (1, 1), "{file}: region {name}");
            assert!(
                opens[0] < closes[0],
                "{file}: region {name} closes before it opens"
            );
            // A region is a listing on a lesson page: it should fit on a screen or two.
            let length = closes[0] - opens[0] - 1;
            assert!(length <= 45, "{file}: region {name} is {length} lines long");
        }
    }
}
