//! Headings get unique ids, a `#` link to themselves, and entries in the table of contents.

use super::support::{assert_contains, render, render_errors};

#[test]
fn headings_get_ids_anchors_and_contents_entries() {
    let body = render("## The gradient: analytic\n\n### Step size `h`\n\n## The gradient: analytic\n\n#### Deep\n").unwrap();
    assert_contains(
        &body.html,
        "<h2 id=\"the-gradient-analytic\">The gradient: analytic <a class=\"heading-anchor\" href=\"#the-gradient-analytic\"",
    );
    assert_contains(
        &body.html,
        "<h3 id=\"step-size-h\">Step size <code>h</code>",
    );
    // The repeated heading gets a suffix instead of a duplicate id.
    assert_contains(&body.html, "<h2 id=\"the-gradient-analytic-1\">");
    assert_contains(&body.html, "<h4 id=\"deep\">");
    let toc: Vec<(u8, &str, &str)> = body
        .toc
        .iter()
        .map(|entry| (entry.level, entry.id.as_str(), entry.html.as_str()))
        .collect();
    assert_eq!(
        toc,
        vec![
            (2, "the-gradient-analytic", "The gradient: analytic"),
            (3, "step-size-h", "Step size <code>h</code>"),
            (2, "the-gradient-analytic-1", "The gradient: analytic"),
        ]
    );
}

#[test]
fn an_explicit_id_is_kept() {
    let body = render("## Relative error {#relative-error}\n").unwrap();
    assert_contains(&body.html, "<h2 id=\"relative-error\">Relative error <a");
}

#[test]
fn math_in_a_heading_shows_in_the_contents_too() {
    let body = render("## The role of $\\eta$\n").unwrap();
    assert!(
        body.toc[0]
            .html
            .starts_with("The role of <math display=\"inline\">"),
        "{}",
        body.toc[0].html
    );
    assert!(
        body.toc[0].html.contains("<mi>η</mi>"),
        "{}",
        body.toc[0].html
    );
    assert_eq!(body.toc[0].id, "the-role-of-eta");
}

#[test]
fn a_title_heading_in_a_lesson_is_an_error() {
    let errors = render_errors("Text.\n\n# Title\n");
    assert!(
        errors[0].starts_with("3: a lesson has no `#` heading"),
        "{errors:?}"
    );
}
