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
fn punctuation_after_inline_math_stays_on_its_line() {
    let html = render_ok("Take $x$, then $f(x)$. And $y$ alone.\n");
    let x = "<math display=\"inline\"><semantics><mrow><mi>x</mi></mrow>\
             <annotation encoding=\"application/x-tex\">x</annotation></semantics></math>";
    assert_contains(
        &html,
        &format!(
            "<p>Take <span class=\"math-with-punctuation\">{x},</span> then <span class=\"math-with-punctuation\"><math"
        ),
    );
    assert_contains(
        &html,
        "<annotation encoding=\"application/x-tex\">f(x)</annotation></semantics></math>.</span> And <math",
    );
    // Math followed by a space has nothing to hold on to.
    assert_contains(
        &html,
        "<annotation encoding=\"application/x-tex\">y</annotation></semantics></math> alone.</p>",
    );
}

#[test]
fn punctuation_ending_a_paragraph_goes_with_its_math() {
    let html = render_ok("The end is $z$.\n");
    assert_contains(
        &html,
        "<annotation encoding=\"application/x-tex\">z</annotation></semantics></math>.</span></p>",
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
