//! `$...$` and `$$...$$` become MathML; formulas that cannot be shown are errors at their line.

use super::support::{assert_contains, render_errors, render_ok};

#[test]
fn inline_math_becomes_inline_mathml() {
    let html = render_ok("The square $x^2$ of x.\n");
    assert_contains(
        &html,
        "<p>The square <math display=\"inline\"><semantics><mrow><msup><mi>x</mi><mn>2</mn></msup></mrow>",
    );
    assert_contains(
        &html,
        "<annotation encoding=\"application/x-tex\">x^2</annotation></semantics></math> of x.</p>",
    );
}

#[test]
fn display_math_is_a_scrollable_block() {
    let html = render_ok("Before\n\n$$\n\\frac{a}{b}\n$$\n\nAfter\n");
    assert_contains(
        &html,
        "<span class=\"math-display\"><math display=\"block\">",
    );
    assert_contains(
        &html,
        "<mfrac><mrow><mi>a</mi></mrow><mrow><mi>b</mi></mrow></mfrac>",
    );
    assert_contains(&html, "</math></span></p>\n<p>After</p>");
}

#[test]
fn aligned_environments_become_tables_with_classes_not_styles() {
    let html = render_ok("$$\n\\begin{aligned}\nL &= 1 \\\\\nM &= 2\n\\end{aligned}\n$$\n");
    assert_contains(&html, "<mtable class=\"menv-alignlike");
    assert!(!html.contains("style="), "{html}");
}

#[test]
fn a_literal_dollar_sign_stays_text() {
    let html = render_ok("It costs \\$5 and \\$6.\n");
    assert_contains(&html, "It costs $5 and $6.");
    assert!(!html.contains("<math"), "{html}");
}

#[test]
fn a_broken_formula_is_an_error_at_its_line() {
    let errors = render_errors("Fine.\n\nBroken $\\left( x$ here.\n");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("3: the formula `\\left( x` does not parse"),
        "{errors:?}"
    );
}

#[test]
fn a_colour_is_refused_for_the_content_policy() {
    let errors = render_errors("$\\color{red} x$\n");
    assert!(errors[0].contains("content policy"), "{errors:?}");
}
