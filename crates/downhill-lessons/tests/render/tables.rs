//! Markdown tables: a box that scrolls sideways on a narrow screen, reachable by keyboard and named.

use super::support::{assert_contains, render_ok};

#[test]
fn a_table_is_wrapped_in_a_named_tab_stop() {
    let html = render_ok(
        "| | step $h$ | `error` |\n|---|---|---|\n| centered | 1e-5 | 1e-10 |\n\nText.\n\n| a |\n|---|\n| 1 |\n",
    );
    assert_contains(
        &html,
        "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Table: step h, error\">\n<table>",
    );
    assert_contains(&html, "<td>centered</td>");
    assert_contains(&html, "</table>\n</div>\n<p>Text.</p>");
    assert_contains(
        &html,
        "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Table: a\">\n<table>",
    );
    assert_eq!(html.matches("<div class=\"table-scroll\"").count(), 2);
    assert_eq!(html.matches("</div>").count(), 2, "{html}");
}

#[test]
fn two_tables_with_the_same_headings_get_different_names() {
    let html =
        render_ok("| x | y |\n|---|---|\n| 1 | 2 |\n\nText.\n\n| x | y |\n|---|---|\n| 3 | 4 |\n");
    assert_contains(&html, "aria-label=\"Table: x, y\"");
    assert_contains(&html, "aria-label=\"Table: x, y, 2\"");
}
