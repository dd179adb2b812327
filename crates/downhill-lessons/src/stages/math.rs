//! `$...$` and `$$...$$` become MathML at build time with pulldown-latex, so no math script runs in
//! the browser. A formula that does not parse is a build error at its line.
//!
//! pulldown-latex writes a few `style` attributes (colours, negative spaces, spacing between
//! lines of an environment), which the site's content policy forbids. [`to_mathml`] rewrites the
//! negative thin spaces we use into classes styled in `site.css`, and refuses the rest with a
//! message that says what to write instead.

use pulldown_cmark::{CowStr, Event};
use pulldown_latex::config::DisplayMode;
use pulldown_latex::{Parser, RenderConfig, Storage, push_mathml};

use crate::markdown::{Document, PageContext};

pub fn render_math<'a>(document: Document<'a>, context: &mut PageContext<'_>) -> Document<'a> {
    let mut events = Vec::with_capacity(document.events.len());
    let mut source = document.events.into_iter().peekable();
    while let Some((event, range)) = source.next() {
        let (latex, display) = match &event {
            Event::InlineMath(latex) => (latex, false),
            Event::DisplayMath(latex) => (latex, true),
            _ => {
                events.push((event, range));
                continue;
            }
        };
        let html = match to_mathml(latex, display) {
            Ok(mathml) if display => format!("<span class=\"math-display\">{mathml}</span>"),
            Ok(mathml) => {
                // Punctuation right after inline math (`$x$,`) must not wrap onto the next line
                // alone, so the formula and the punctuation go into one unbreakable span, and the
                // text after the punctuation follows as its own event.
                let punctuation_len = match source.peek() {
                    Some((Event::Text(text), _)) => leading_punctuation(text).len(),
                    _ => 0,
                };
                let next_text = source.next_if(|_| punctuation_len > 0);
                let Some((Event::Text(text), text_range)) = next_text else {
                    events.push((Event::InlineHtml(CowStr::from(mathml)), range));
                    continue;
                };
                let (punctuation, rest) = text.split_at(punctuation_len);
                let span =
                    format!("<span class=\"math-with-punctuation\">{mathml}{punctuation}</span>");
                events.push((Event::InlineHtml(CowStr::from(span)), range));
                if !rest.is_empty() {
                    let rest_start = (text_range.start + punctuation_len).min(text_range.end);
                    let rest_range = rest_start..text_range.end;
                    events.push((Event::Text(CowStr::from(rest.to_string())), rest_range));
                }
                continue;
            }
            Err(message) => {
                context.error_at(range.start, message);
                String::new()
            }
        };
        events.push((Event::InlineHtml(CowStr::from(html)), range));
    }
    Document { events }
}

/// The punctuation that opens `text` and would otherwise be free to start a line of its own: stops,
/// commas, closing brackets and quotes. None of these needs escaping in HTML.
fn leading_punctuation(text: &str) -> &str {
    const CLOSING: &[char] = &[
        '.', ',', ';', ':', '!', '?', ')', ']', '}', '\'', '"', '\u{2019}', '\u{201d}', '\u{2026}',
    ];
    let end = text
        .char_indices()
        .find(|(_, character)| !CLOSING.contains(character))
        .map_or(text.len(), |(index, _)| index);
    &text[..end]
}

/// Negative spaces pulldown-latex writes as `style="margin-left: ..."`, in eighteenths of an em, and
/// the class each becomes: `\!` is -3/18 em, `\negmedspace` -4/18 and `\negthickspace` -5/18.
const NEGATIVE_SPACES: &[(f32, &str)] = &[
    (-3.0, "negative-thin-space"),
    (-4.0, "negative-medium-space"),
    (-5.0, "negative-thick-space"),
];

/// Replaces each known negative space's inline style with its class.
fn negative_spaces_as_classes(mathml: &str) -> String {
    let mut rewritten = mathml.to_string();
    for (eighteenths, class) in NEGATIVE_SPACES {
        // pulldown-latex prints the width as an f32 in ems, so the same arithmetic gives its text.
        let width = eighteenths / 18.0;
        let style = format!(" style=\"margin-left: {width}em\"");
        rewritten = rewritten.replace(&style, &format!(" class=\"{class}\""));
    }
    rewritten
}

/// The MathML for one formula, or a message saying why it cannot be shown.
///
/// The LaTeX source goes into an `<annotation>`, so copying the formula or reading it with tools
/// that do not render MathML still gives the source.
pub fn to_mathml(latex: &str, display: bool) -> Result<String, String> {
    let storage = Storage::new();
    let events: Vec<_> = Parser::new(latex, &storage).collect();
    if let Some(error) = events.iter().find_map(|event| event.as_ref().err()) {
        return Err(format!(
            "the formula `{}` does not parse: {error}",
            latex.trim()
        ));
    }
    let config = RenderConfig {
        display_mode: if display {
            DisplayMode::Block
        } else {
            DisplayMode::Inline
        },
        annotation: Some(latex.trim()),
        ..RenderConfig::default()
    };
    let mut mathml = String::new();
    push_mathml(&mut mathml, events.into_iter(), config).map_err(|error| {
        format!(
            "the formula `{}` could not be written as MathML: {error}",
            latex.trim()
        )
    })?;
    let mathml = negative_spaces_as_classes(&mathml);
    // pulldown-latex writes `\mu` as U+00B5 MICRO SIGN, which browsers do not italicize like the
    // Greek letter U+03BC next to it, so `\mu` stood upright beside an italic `\beta`.
    let mathml = mathml.replace('\u{b5}', "\u{3bc}");
    if mathml.contains(" style=\"") {
        return Err(format!(
            "the formula `{}` needs inline styles, which the site's content policy forbids: no \\color, \
             \\colorbox or \\fbox, no spacing after `\\\\` such as `\\\\[4pt]`, and negative space only as `\\!`",
            latex.trim()
        ));
    }
    Ok(mathml)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_punctuation_stops_at_the_first_other_character() {
        assert_eq!(leading_punctuation(", and"), ",");
        assert_eq!(leading_punctuation(").\u{201d} Then"), ").\u{201d}");
        assert_eq!(leading_punctuation(" then"), "");
        assert_eq!(leading_punctuation("..."), "...");
    }

    #[test]
    fn inline_formula_becomes_inline_math() {
        let mathml = to_mathml(r"\frac{a}{b}", false).unwrap();
        assert!(mathml.starts_with("<math"), "{mathml}");
        assert!(mathml.contains("<mfrac>"), "{mathml}");
        assert!(!mathml.contains("display=\"block\""), "{mathml}");
    }

    #[test]
    fn display_formula_is_a_block_with_its_source() {
        let mathml = to_mathml(r"\sum_i x_i", true).unwrap();
        assert!(mathml.contains("display=\"block\""), "{mathml}");
        assert!(
            mathml.contains("<annotation encoding=\"application/x-tex\">\\sum_i x_i</annotation>"),
            "{mathml}"
        );
    }

    #[test]
    fn negative_thin_space_becomes_a_class() {
        let mathml = to_mathml(r"a \! b", false).unwrap();
        assert!(mathml.contains("class=\"negative-thin-space\""), "{mathml}");
        assert!(!mathml.contains("style="), "{mathml}");
    }

    #[test]
    fn mu_is_the_greek_letter_so_it_is_italic_like_the_others() {
        let mathml = to_mathml(r"\mu \beta", false).unwrap();
        assert!(mathml.contains("<mi>\u{3bc}</mi>"), "{mathml}");
        assert!(!mathml.contains('\u{b5}'), "{mathml}");
    }

    #[test]
    fn colour_is_refused_for_the_content_policy() {
        let message = to_mathml(r"\color{red} x", false).unwrap_err();
        assert!(message.contains("content policy"), "{message}");
    }

    #[test]
    fn broken_formula_is_an_error() {
        let message = to_mathml(r"\frac{a}{", false).unwrap_err();
        assert!(message.contains("does not parse"), "{message}");
    }
}
