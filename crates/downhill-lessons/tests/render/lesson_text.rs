//! Facts the lesson texts state about our code, checked against the code: the range of step sizes
//! that the step-size table and sweep cover, and the one place that describes the digits data set.

use std::path::Path;

use downhill_lessons::markdown::render_body;
use downhill_lessons::resources::Resources;
use downhill_plots::catalogue::DemoKind;
use downhill_plots::step_size::SWEEP_LOG10_STEP_RANGE;

use super::support::{assert_contains, repository_root};

fn read(relative_path: &str) -> String {
    let path = repository_root().join(relative_path);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The line of `lessons/README.md` that lists `name` (`` - `name`: ... ``).
fn readme_entry(readme: &str, name: &str) -> String {
    let prefix = format!("- `{name}`:");
    readme
        .lines()
        .find(|line| line.starts_with(&prefix))
        .unwrap_or_else(|| panic!("lessons/README.md lists no `{name}`"))
        .to_string()
}

/// The lessons, as (file name, text), in file order.
fn lessons() -> Vec<(String, String)> {
    let folder = repository_root().join("lessons");
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .expect("the lessons folder")
        .map(|entry| entry.expect("a folder entry").file_name())
        .filter_map(|name| name.into_string().ok())
        .filter(|name| name.ends_with(".md") && name != "README.md")
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let text = read(&format!("lessons/{name}"));
            (name, text)
        })
        .collect()
}

#[test]
fn the_step_size_range_the_texts_state_is_the_one_the_code_uses() {
    let (low, high) = SWEEP_LOG10_STEP_RANGE;
    let range = format!("1e{low} to 1e{high}");
    let readme = read("lessons/README.md");
    for name in ["step-size-sweep", "step-size-table"] {
        let entry = readme_entry(&readme, name);
        assert!(entry.contains(&range), "expected `{range}` in: {entry}");
    }
    let sweep = DemoKind::StepSizeSweep.info();
    assert!(
        sweep.description.contains(&range),
        "expected `{range}` in the sweep's description: {}",
        sweep.description
    );
    // Lesson 3 lists the step sizes of its table as powers of ten.
    let listed = format!("10^{{{low}}}, 10^{{{}}}, \\ldots, 10^{{{high}}}", low + 1.0);
    assert_contains(&read("lessons/03-computing-the-gradient.md"), &listed);
}

#[test]
fn the_step_size_table_has_one_row_per_power_of_ten_of_the_sweeps_range() {
    let root = repository_root();
    let body = render_body(
        Path::new("lessons/03-test.md"),
        "{{#output step-size-table}}\n",
        1,
        &Resources::new(&root),
    )
    .unwrap_or_else(|errors| panic!("the table does not render:\n{errors}"));
    let (low, high) = SWEEP_LOG10_STEP_RANGE;
    let (low, high) = (low as i32, high as i32);
    // The table writes exponents with a true minus sign.
    let label = |exponent: i32| format!("<td>1e{exponent}</td>").replace('-', "−");
    let labels: Vec<String> = (low - 1..=high + 1).map(label).collect();
    assert!(!body.html.contains(&labels[0]), "a row below the range");
    assert!(
        !body.html.contains(&labels[labels.len() - 1]),
        "a row above the range"
    );
    for inside in &labels[1..labels.len() - 1] {
        assert_contains(&body.html, inside);
    }
}

#[test]
fn the_digits_data_set_is_described_once_and_the_other_lessons_link_there() {
    const ANCHOR: &str = "{#digits-data-set}";
    const LINK: &str = "blindfolded-hiker.html#digits-data-set";
    let lessons = lessons();
    // The size of the data set is the mark of its description.
    let describing: Vec<&str> = lessons
        .iter()
        .filter(|(_, text)| text.contains("1,797"))
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(describing, ["02-blindfolded-hiker.md"]);
    let (_, hiker) = &lessons[lessons
        .iter()
        .position(|(name, _)| name == "02-blindfolded-hiker.md")
        .expect("the hiker lesson")];
    assert!(
        hiker.contains(ANCHOR),
        "the description has no `{ANCHOR}` heading"
    );
    // Every other lesson that prints "our numbers" next to a table says where they come from.
    for (name, text) in &lessons {
        if name != "02-blindfolded-hiker.md" && text.contains("These are our numbers") {
            assert!(text.contains(LINK), "{name} does not link to {LINK}");
        }
    }
}
