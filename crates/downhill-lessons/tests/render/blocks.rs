//! Demo, figure and output markers.

use super::support::{assert_contains, render_errors, render_ok};

#[test]
fn a_demo_block_becomes_a_figure_with_its_settings_and_caption() {
    let html = render_ok(
        "```demo\nname = \"saddle-race\"\ncaption = \"Press *play*.\"\nsurface = \"saddle\"\nsteps = 300\n```\n",
    );
    assert_contains(
        &html,
        "<figure class=\"demo\" id=\"demo-1\" data-demo=\"saddle-race\" data-settings=\"{&quot;steps&quot;:300,&quot;surface&quot;:&quot;saddle&quot;}\">",
    );
    assert_contains(&html, "<div class=\"demo-fallback\">");
    assert_contains(
        &html,
        "<figcaption>Press <em>play</em>.</figcaption>\n</figure>",
    );
}

#[test]
fn demos_are_numbered_in_page_order() {
    let block = "```demo\nname = \"saddle-race\"\ncaption = \"c\"\n```\n\n";
    let html = render_ok(&block.repeat(2));
    assert_contains(&html, "id=\"demo-1\"");
    assert_contains(&html, "id=\"demo-2\"");
}

#[test]
fn an_unknown_demo_is_an_error_listing_the_known_ones() {
    let errors = render_errors("Text.\n\n```demo\nname = \"nope\"\ncaption = \"c\"\n```\n");
    assert!(
        errors[0].starts_with("3: unknown demo `nope`; the demos that exist are "),
        "{errors:?}"
    );
    assert!(errors[0].contains("saddle-race"), "{errors:?}");
}

#[test]
fn a_demo_without_a_caption_is_an_error() {
    let errors = render_errors("```demo\nname = \"saddle-race\"\n```\n");
    assert!(
        errors[0].contains("demo block: missing field `caption`"),
        "{errors:?}"
    );
}

#[test]
fn a_figure_block_becomes_an_inline_svg_with_its_caption() {
    let html =
        render_ok("```figure\nname = \"hinge-bowl-1d\"\ncaption = \"The bowl of $L$.\"\n```\n");
    assert_contains(
        &html,
        "<figure class=\"figure\" id=\"figure-hinge-bowl-1d\">\n<svg class=\"figure-plot\" viewBox=",
    );
    assert_contains(&html, "role=\"img\" aria-label=\"");
    assert_contains(
        &html,
        "<figcaption>The bowl of <span class=\"math-with-punctuation\"><math display=\"inline\">",
    );
    assert!(!html.contains("style="), "no inline styles in figures");
}

#[test]
fn an_unknown_figure_is_an_error() {
    let errors = render_errors("```figure\nname = \"nope\"\ncaption = \"c\"\n```\n");
    assert!(
        errors[0].starts_with("1: unknown figure `nope`; the figures that exist are "),
        "{errors:?}"
    );
}

#[test]
fn output_markers_must_name_a_known_output_and_stand_alone() {
    let errors = render_errors(
        "{{#output nope}}\n\nIn a sentence {{#output step-size-table}} it is wrong.\n",
    );
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0]
            .starts_with("1: unknown output `nope`; the outputs that exist are step-size-table"),
        "{errors:?}"
    );
    assert!(
        errors[1].starts_with("3: `{{#output step-size-table}}` is not a marker here"),
        "{errors:?}"
    );
}

#[test]
fn a_pending_marker_renders_nothing_and_is_listed_as_work_to_do() {
    let body = super::support::render("Text.\n\n```figure-pending\nname = \"hinge-bowl-1d\"\ncaption = \"c\"\n```\n\n```demo-pending\nname = \"later\"\ncaption = \"c\"\n```\n").unwrap();
    assert_eq!(body.html, "<p>Text.</p>\n");
    let notes: Vec<String> = body
        .pending
        .iter()
        .map(|note| format!("{}: {}", note.line.unwrap_or(0), note.message))
        .collect();
    assert_eq!(
        notes,
        vec![
            "3: the figure `hinge-bowl-1d` exists now: change `figure-pending` to `figure` to show it".to_string(),
            "8: demo `later` is pending: the page shows nothing in its place yet".to_string(),
        ]
    );
}
