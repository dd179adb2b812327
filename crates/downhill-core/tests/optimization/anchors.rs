//! The code regions the lessons include exist in the optimizer and schedule files, each opened and
//! closed once, so a page never shows a missing listing.

/// Each file with the regions lessons/README.md promises for it.
const REGIONS: [(&str, &str, &[&str]); 8] = [
    (
        "sgd.rs",
        include_str!("../../src/optimizers/sgd.rs"),
        &["update"],
    ),
    (
        "momentum.rs",
        include_str!("../../src/optimizers/momentum.rs"),
        &["update"],
    ),
    (
        "nesterov.rs",
        include_str!("../../src/optimizers/nesterov.rs"),
        &["update_lookahead", "update"],
    ),
    (
        "adagrad.rs",
        include_str!("../../src/optimizers/adagrad.rs"),
        &["update"],
    ),
    (
        "rmsprop.rs",
        include_str!("../../src/optimizers/rmsprop.rs"),
        &["update"],
    ),
    (
        "adam.rs",
        include_str!("../../src/optimizers/adam.rs"),
        &["update_simplified", "update"],
    ),
    (
        "newton.rs",
        include_str!("../../src/optimizers/newton.rs"),
        &["update"],
    ),
    (
        "schedules.rs",
        include_str!("../../src/schedules.rs"),
        &["step_decay", "exponential_decay", "inverse_time_decay"],
    ),
];

#[test]
fn every_promised_region_is_opened_once_and_closed_after_it() {
    for (file, source, regions) in REGIONS {
        let lines: Vec<&str> = source.lines().map(str::trim).collect();
        for region in regions {
            let open = format!("// ANCHOR: {region}");
            let close = format!("// ANCHOR_END: {region}");
            let opens: Vec<usize> = positions(&lines, &open);
            let closes: Vec<usize> = positions(&lines, &close);
            assert_eq!(opens.len(), 1, "{file}: `{open}`");
            assert_eq!(closes.len(), 1, "{file}: `{close}`");
            assert!(
                closes[0] > opens[0] + 1,
                "{file}: region {region} is empty or reversed"
            );
        }
    }
}

fn positions(lines: &[&str], wanted: &str) -> Vec<usize> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, line)| **line == wanted)
        .map(|(idx, _)| idx)
        .collect()
}
