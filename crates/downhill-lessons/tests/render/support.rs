//! Helpers shared by the test modules: where the fixtures are, and rendering a Markdown snippet.

use std::path::{Path, PathBuf};

use downhill_lessons::Errors;
use downhill_lessons::markdown::{RenderedBody, render_body};
use downhill_lessons::resources::Resources;

/// The folder of fixture sites.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The fixture site that renders without errors; its `src/sample.rs` has anchored regions.
pub fn good_site() -> PathBuf {
    fixtures().join("site")
}

/// The repository root.
pub fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the repository root exists")
}

/// Renders `markdown` as the body of a lesson whose body starts on file line 1, with includes read
/// from the good fixture site.
pub fn render(markdown: &str) -> Result<RenderedBody, Errors> {
    let resources = Resources::new(&good_site());
    render_body(Path::new("lessons/01-test.md"), markdown, 1, &resources)
}

/// The HTML of `markdown`, which must render.
pub fn render_ok(markdown: &str) -> String {
    match render(markdown) {
        Ok(body) => body.html,
        Err(errors) => panic!("expected the snippet to render, got:\n{errors}"),
    }
}

/// The errors of `markdown`, which must not render, as `line: message` strings.
pub fn render_errors(markdown: &str) -> Vec<String> {
    match render(markdown) {
        Ok(body) => panic!("expected errors, the snippet rendered:\n{}", body.html),
        Err(errors) => errors
            .iter()
            .map(|error| {
                format!(
                    "{}: {}",
                    error.line.map(|line| line.to_string()).unwrap_or_default(),
                    error.message
                )
            })
            .collect(),
    }
}

/// Asserts that `html` contains `fragment`, showing both when it does not.
#[track_caller]
pub fn assert_contains(html: &str, fragment: &str) {
    assert!(
        html.contains(fragment),
        "expected\n  {fragment}\nin\n{html}"
    );
}
