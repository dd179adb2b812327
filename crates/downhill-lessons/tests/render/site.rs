//! Whole fixture sites: the layout of every page, and every site-wide problem reported at its line.

use downhill_lessons::render_site;
use downhill_lessons::validate::Page;

use super::support::{assert_contains, fixtures, good_site};

fn page<'p>(pages: &'p [Page], name: &str) -> &'p str {
    &pages
        .iter()
        .find(|page| page.name == name)
        .unwrap_or_else(|| panic!("no page {name}"))
        .html
}

#[test]
fn the_good_site_renders_every_page() {
    let pages = render_site(&good_site())
        .unwrap_or_else(|errors| panic!("{errors}"))
        .pages;
    let names: Vec<&str> = pages.iter().map(|page| page.name.as_str()).collect();
    assert_eq!(
        names,
        vec!["index.html", "first-steps.html", "second-page.html"]
    );
}

#[test]
fn every_page_has_the_shared_head_and_frame() {
    let pages = render_site(&good_site()).unwrap().pages;
    for page in &pages {
        let html = &page.html;
        for fragment in [
            "<!DOCTYPE html>\n<html lang=\"en\">",
            "<meta charset=\"utf-8\">",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
            "<meta name=\"color-scheme\" content=\"light dark\">",
            "<link rel=\"stylesheet\" href=\"site.css\">",
            "<link rel=\"stylesheet\" href=\"demos.css\">",
            "<script type=\"module\" src=\"boot.js\"></script>",
            "<a class=\"skip-link\" href=\"#content\">Skip to content</a>",
            "<a class=\"site-name\" href=\"index.html\">Downhill</a>",
            "<main id=\"content\">",
            "The digits data: the test set of the UCI",
        ] {
            assert!(html.contains(fragment), "{}: no {fragment}", page.name);
        }
    }
}

#[test]
fn a_lesson_page_has_title_contents_pager_and_credits() {
    let pages = render_site(&good_site()).unwrap().pages;
    let html = page(&pages, "first-steps.html");
    assert_contains(html, "<title>First steps · Downhill</title>");
    assert_contains(
        html,
        "<meta name=\"description\" content=\"A fixture lesson with math, code, a demo, a figure and links.\">",
    );
    assert_contains(html, "<article class=\"lesson\">");
    assert_contains(html, "<h1>First steps</h1>");
    assert_contains(html, "<nav class=\"toc\" aria-labelledby=\"toc-title\">");
    assert_contains(
        html,
        "<li><a href=\"#code\">Code</a>\n<ol>\n<li><a href=\"#a-subsection\">A subsection</a></li>\n</ol>\n</li>",
    );
    assert_contains(
        html,
        "<nav class=\"pager\" aria-label=\"Previous and next lessons\">",
    );
    assert_contains(
        html,
        "<a class=\"pager-next\" rel=\"next\" href=\"second-page.html\">",
    );
    assert!(
        !html.contains("rel=\"prev\""),
        "the first lesson has no previous one"
    );
    assert_contains(
        html,
        "Translated from the cs231n notes on optimization (Russian and Chinese translations).",
    );
    // No page preloads the math font: Chromium would hold the first paint while it decodes.
    assert!(
        !html.contains("rel=\"preload\""),
        "the first page preloads something"
    );
    let second = page(&pages, "second-page.html");
    assert_contains(
        second,
        "<a class=\"pager-previous\" rel=\"prev\" href=\"first-steps.html\">",
    );
}

#[test]
fn the_home_page_lists_every_lesson_in_order() {
    let pages = render_site(&good_site()).unwrap().pages;
    let html = page(&pages, "index.html");
    let first = html
        .find("<li><a href=\"first-steps.html\">First steps</a>")
        .expect("first lesson listed");
    let second = html
        .find("<li><a href=\"second-page.html\">Second page</a>")
        .expect("second lesson listed");
    assert!(first < second);
    assert_contains(html, "<p>The page the first one links to.</p>");
}

#[test]
fn links_footnotes_and_repeated_headings_resolve() {
    let pages = render_site(&good_site()).unwrap().pages;
    let html = page(&pages, "first-steps.html");
    assert_contains(
        html,
        "<a href=\"second-page.html#details\">the second page</a>",
    );
    assert_contains(
        html,
        "<sup class=\"footnote-reference\"><a href=\"#note\">1</a></sup>",
    );
    assert_contains(html, "<h2 id=\"links\">");
    assert_contains(html, "<h2 id=\"links-1\">");
}

#[test]
fn no_page_breaks_the_content_policy() {
    let pages = render_site(&good_site()).unwrap().pages;
    for page in &pages {
        assert!(
            !page.html.contains(" style="),
            "{}: style attribute",
            page.name
        );
        assert!(
            !page.html.contains("<style"),
            "{}: style element",
            page.name
        );
        assert!(
            !page.html.contains("<script>"),
            "{}: inline script",
            page.name
        );
        assert!(
            !page.html.contains("src=\"http") && !page.html.contains("src=\"//"),
            "{}: remote source",
            page.name
        );
    }
}

#[test]
fn every_problem_of_the_broken_site_is_reported_at_its_line() {
    let errors =
        render_site(&fixtures().join("broken-site")).expect_err("the broken site must not build");
    let found: Vec<String> = errors
        .iter()
        .map(|error| {
            let line = error
                .line
                .map(|line| format!(":{line}"))
                .unwrap_or_default();
            let first_line = error.message.lines().next().unwrap_or("");
            format!("{}{line}: {first_line}", error.file.display())
        })
        .collect();
    let expected_starts = [
        "lessons/01-render-errors.md:8: the formula `\\left( x` does not parse",
        "lessons/01-render-errors.md:10: unknown demo `no-such-demo`",
        "lessons/01-render-errors.md:16: cannot include `src/missing.rs`",
        "lessons/01-render-errors.md:19: unknown code language `python`",
        "lessons/01-render-errors.md:23: unknown output `no-such-output`",
        "lessons/01-render-errors.md:25: `{{#output step-size-table}}` is not a marker here",
        "lessons/02-site-errors.md: front matter: unknown source `999`",
        "lessons/02-site-errors.md: an inline <script> breaks the content policy",
        "lessons/02-site-errors.md: a <script> element holds inline code",
        "lessons/02-site-errors.md: a style attribute on <p> breaks the content policy",
        "lessons/02-site-errors.md:8: `no-such-page.html`: the site has no page no-such-page.html",
        "lessons/02-site-errors.md:8: `#no-such-anchor`: site-errors.html has no element with id `no-such-anchor`",
        "lessons/02-site-errors.md:16: <img> loads `https://example.org/picture.png` from another origin",
    ];
    assert_eq!(found.len(), expected_starts.len(), "{found:#?}");
    for expected in expected_starts {
        assert!(
            found.iter().any(|line| line.starts_with(expected)),
            "no `{expected}` in {found:#?}"
        );
    }
}

#[test]
fn a_page_with_a_demo_carries_its_strings_and_a_page_without_carries_none() {
    let pages = render_site(&good_site()).unwrap().pages;
    let with_demo = page(&pages, "first-steps.html");
    assert_contains(
        with_demo,
        "<script type=\"application/json\" id=\"demo-strings\">{\"kit.play\":\"Play\",\"saddle-race.step_size\":\"Step size\"}</script>",
    );
    for name in ["second-page.html", "index.html"] {
        assert!(
            !page(&pages, name).contains("demo-strings"),
            "{name} has no demo but carries strings"
        );
    }
}
