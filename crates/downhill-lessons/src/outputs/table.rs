//! The shape of every output: a small table with a caption, rendered as HTML.

use crate::html::{escape, push_escaped};

/// A table of text cells. Numbers are formatted by the output that makes them, so each chooses the
/// precision its reader needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Says what was run, so the reader knows these are live numbers and not copied ones.
    pub caption: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// `<div class="output">` around a `<table>`; the div scrolls sideways on a narrow screen, so,
    /// like a code listing, it is a tab stop (a keyboard scrolls only what has focus, WCAG 2.1.1)
    /// and a region named by the table's caption.
    pub fn to_html(&self, name: &str) -> String {
        let mut html = format!(
            "<div class=\"output\" data-output=\"{name}\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">\n<table>\n<caption>",
            escape(&self.caption)
        );
        push_escaped(&mut html, &self.caption);
        html.push_str("</caption>\n<thead>\n<tr>");
        for cell in &self.header {
            html.push_str("<th scope=\"col\">");
            push_escaped(&mut html, cell);
            html.push_str("</th>");
        }
        html.push_str("</tr>\n</thead>\n<tbody>\n");
        for row in &self.rows {
            html.push_str("<tr>");
            for cell in row {
                html.push_str("<td>");
                push_escaped(&mut html, cell);
                html.push_str("</td>");
            }
            html.push_str("</tr>\n");
        }
        html.push_str("</tbody>\n</table>\n</div>\n");
        html
    }
}

/// `value` with `decimals` digits after the point and a true minus sign, as the pages print numbers.
pub fn fixed(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return if value.is_nan() {
            "not a number".to_string()
        } else {
            "overflow".to_string()
        };
    }
    format!("{value:.decimals$}").replace('-', "−")
}

/// `value` in scientific notation such as `1e−5` or `3.2e−7`.
pub fn scientific(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return fixed(value, 0);
    }
    let text = format!("{value:.decimals$e}");
    text.replace('-', "−")
}

/// A count with thousands separated by commas, as the lessons write them: `1,077`.
pub fn count(value: usize) -> String {
    let digits = value.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (digit_idx, digit) in digits.chars().enumerate() {
        if digit_idx > 0 && (digits.len() - digit_idx).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// A fraction as a percentage with one decimal.
pub fn percent(fraction: f64) -> String {
    format!("{} %", fixed(100.0 * fraction, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_use_a_true_minus_sign() {
        assert_eq!(fixed(-2.5, 2), "−2.50");
        assert_eq!(scientific(0.00001, 0), "1e−5");
        assert_eq!(percent(0.125), "12.5 %");
        assert_eq!(fixed(f64::INFINITY, 2), "overflow");
        assert_eq!(count(1077), "1,077");
        assert_eq!(count(1_000_000), "1,000,000");
        assert_eq!(count(360), "360");
    }

    #[test]
    fn a_table_is_a_named_tab_stop_and_its_cells_are_escaped() {
        let table = Table {
            caption: "a < b".into(),
            header: vec!["x".into()],
            rows: vec![vec!["<i>".into()]],
        };
        let html = table.to_html("t");
        assert!(html.contains("<caption>a &lt; b</caption>"));
        assert!(
            html.starts_with(
                "<div class=\"output\" data-output=\"t\" tabindex=\"0\" role=\"region\" aria-label=\"a &lt; b\">"
            ),
            "{html}"
        );
        assert!(html.contains("<td>&lt;i&gt;</td>"));
    }
}
