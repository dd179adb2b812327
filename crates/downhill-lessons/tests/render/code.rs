//! Code blocks: regions included from real source files, highlighted at build time with classes.

use super::support::{assert_contains, render_errors, render_ok};

#[test]
fn an_included_region_is_the_lines_between_its_anchors_dedented() {
    let html = render_ok("```rust\n{{#include src/sample.rs:loop_body}}\n```\n");
    assert_contains(&html, "<pre class=\"code\"><code class=\"language-rust\">");
    // The loop was indented by four spaces in the file; the page shows it from the margin.
    assert_contains(
        &html,
        "<span class=\"hl-keyword\">for</span> value <span class=\"hl-keyword\">in</span>",
    );
    assert_contains(
        &html,
        "\n    *value += <span class=\"hl-number\">1.0</span>; <span class=\"hl-comment\">// The update.</span>\n}\n",
    );
    assert!(!html.contains("ANCHOR"), "{html}");
}

#[test]
fn an_outer_region_drops_the_markers_of_inner_ones() {
    let html = render_ok("```rust\n{{#include src/sample.rs:whole_function}}\n```\n");
    assert_contains(
        &html,
        "<span class=\"hl-comment\">/// Adds one to every entry.</span>",
    );
    assert_contains(&html, "<span class=\"hl-function\">add_one</span>");
    assert!(!html.contains("ANCHOR"), "{html}");
}

#[test]
fn missing_files_and_regions_are_errors_at_the_directive_line() {
    let errors = render_errors("Text.\n\n```rust\n{{#include src/sample.rs:no_region}}\n```\n");
    assert_eq!(errors, vec!["4: `src/sample.rs`: has no region `no_region` (a line `// ANCHOR: no_region` and a line `// ANCHOR_END: no_region`)".to_string()]);
    let errors = render_errors("```rust\n{{#include src/none.rs:x}}\n```\n");
    assert!(
        errors[0].starts_with("2: cannot include `src/none.rs`"),
        "{errors:?}"
    );
}

#[test]
fn an_unknown_language_is_an_error() {
    let errors = render_errors("```python\nprint(1)\n```\n");
    assert!(
        errors[0].starts_with("1: unknown code language `python`"),
        "{errors:?}"
    );
}

#[test]
fn languages_without_a_lexer_are_errors_that_list_the_known_ones() {
    // No lesson shows TOML or shell, so the highlighter has no lexer for them; a fence that names one
    // stops the build rather than showing plain text under a name that promises highlighting.
    for fence in ["toml", "sh", "bash", "shell", "console"] {
        let errors = render_errors(&format!("```{fence}\nname = \"x\"\n```\n"));
        assert_eq!(
            errors,
            vec![format!(
                "1: unknown code language `{fence}`; the highlighter knows rust, rs, text, txt, plain"
            )]
        );
    }
}

#[test]
fn plain_text_is_only_escaped() {
    for fence in ["```\n", "```text\n"] {
        let html = render_ok(&format!("{fence}a < b && \"c\"\n```\n"));
        assert_contains(
            &html,
            "<code class=\"language-text\">a &lt; b &amp;&amp; &quot;c&quot;\n</code>",
        );
        assert!(!html.contains("<span"), "{html}");
    }
}
