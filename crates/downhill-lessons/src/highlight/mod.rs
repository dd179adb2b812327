//! Build-time syntax highlighting for the few languages the lessons show, with CSS classes only.
//!
//! A small highlighter of our own rather than syntect: the lessons show Rust and plain text only,
//! and syntect's dump of grammars costs more build time than the one lexer here. The output holds
//! `<span class="hl-...">` and never a `style` attribute, so it passes the site's content policy; the
//! colours live in `www/site.css`.
//!
//! An unknown language is an error (zola's rule): silently showing unhighlighted text would hide a
//! typo in the fence's language name. A language joins the list when a lesson needs it (TOML and
//! shell lexers were here once and were removed because no lesson used them).

mod rust;

use crate::html::push_escaped;

/// What a token is, which decides its CSS class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenClass {
    Keyword,
    Type,
    Function,
    Macro,
    String,
    Number,
    Comment,
    Attribute,
    Lifetime,
}

impl TokenClass {
    /// The class name in `site.css`.
    pub fn css_class(self) -> &'static str {
        match self {
            TokenClass::Keyword => "hl-keyword",
            TokenClass::Type => "hl-type",
            TokenClass::Function => "hl-function",
            TokenClass::Macro => "hl-macro",
            TokenClass::String => "hl-string",
            TokenClass::Number => "hl-number",
            TokenClass::Comment => "hl-comment",
            TokenClass::Attribute => "hl-attribute",
            TokenClass::Lifetime => "hl-lifetime",
        }
    }
}

/// A highlighted stretch of the source: `range` indexes the code, `class` is `None` for plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub range: std::ops::Range<usize>,
    pub class: Option<TokenClass>,
}

/// A language the highlighter knows, under the names a fence may use for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    Rust,
    Text,
}

/// Fence names and the language each means. The first name of each language is its canonical name.
const LANGUAGE_NAMES: &[(&str, Language)] = &[
    ("rust", Language::Rust),
    ("rs", Language::Rust),
    ("text", Language::Text),
    ("txt", Language::Text),
    ("plain", Language::Text),
];

impl Language {
    /// The language a fence's name stands for; an empty name means plain text.
    pub fn from_fence_name(name: &str) -> Option<Language> {
        if name.is_empty() {
            return Some(Language::Text);
        }
        LANGUAGE_NAMES
            .iter()
            .find(|(known, _)| known.eq_ignore_ascii_case(name))
            .map(|(_, language)| *language)
    }

    /// The canonical name, used in the `language-...` class of the `<code>` element.
    pub fn name(self) -> &'static str {
        match self {
            Language::Rust => "rust",
            Language::Text => "text",
        }
    }

    fn tokens(self, code: &str) -> Vec<Token> {
        match self {
            Language::Rust => rust::tokens(code),
            Language::Text => vec![Token {
                range: 0..code.len(),
                class: None,
            }],
        }
    }
}

/// The fence names the highlighter accepts, for error messages.
pub fn known_language_names() -> Vec<&'static str> {
    LANGUAGE_NAMES.iter().map(|(name, _)| *name).collect()
}

/// Highlights `code` as `language`, returning the inside of a `<code>` element.
pub fn highlight(language: Language, code: &str) -> String {
    let mut html = String::with_capacity(code.len() * 2);
    for token in language.tokens(code) {
        let text = &code[token.range];
        match token.class {
            Some(class) => {
                html.push_str("<span class=\"");
                html.push_str(class.css_class());
                html.push_str("\">");
                push_escaped(&mut html, text);
                html.push_str("</span>");
            }
            None => push_escaped(&mut html, text),
        }
    }
    html
}

/// Shared by the lexers: collects tokens and merges neighbouring plain text into one token.
#[derive(Debug, Default)]
struct TokenList {
    tokens: Vec<Token>,
}

impl TokenList {
    fn push(&mut self, range: std::ops::Range<usize>, class: Option<TokenClass>) {
        if range.is_empty() {
            return;
        }
        if class.is_none()
            && let Some(last) = self.tokens.last_mut()
            && last.class.is_none()
            && last.range.end == range.start
        {
            last.range.end = range.end;
            return;
        }
        self.tokens.push(Token { range, class });
    }
}

/// The byte offset just past a string literal that opens at `start` with `quote`, honouring
/// backslash escapes; an unclosed string runs to the end of the code.
fn end_of_quoted(code: &str, start: usize, quote: u8) -> usize {
    let bytes = code.as_bytes();
    let mut position = start + 1;
    while position < bytes.len() {
        match bytes[position] {
            b'\\' => position += 2,
            byte if byte == quote => return position + 1,
            _ => position += 1,
        }
    }
    bytes.len()
}

/// The byte offset just past the identifier starting at `start` (ASCII letters, digits, `_`, and
/// any non-ASCII character, which Rust also allows in identifiers).
fn end_of_identifier(code: &str, start: usize) -> usize {
    code[start..]
        .char_indices()
        .find(|(_, character)| !(character.is_alphanumeric() || *character == '_'))
        .map(|(offset, _)| start + offset)
        .unwrap_or(code.len())
}

/// The byte offset just past the number starting at `start`: digits, `_`, letters for suffixes and
/// hex digits, a decimal point followed by a digit, and a signed exponent.
fn end_of_number(code: &str, start: usize) -> usize {
    let bytes = code.as_bytes();
    let mut position = start;
    while position < bytes.len() {
        let byte = bytes[position];
        let next = bytes.get(position + 1).copied();
        if byte.is_ascii_alphanumeric() || byte == b'_' {
            // An exponent sign belongs to the number: `1e-5`, `2.5E+3`; hex digits `0xE` do not take one.
            let is_exponent =
                (byte == b'e' || byte == b'E') && !code[start..position].starts_with("0x");
            position += 1;
            if is_exponent && matches!(next, Some(b'-') | Some(b'+')) {
                position += 1;
            }
        } else if byte == b'.' && next.is_some_and(|next| next.is_ascii_digit()) {
            position += 1;
        } else {
            break;
        }
    }
    position
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fence_name_maps_to_its_language() {
        for (name, language) in LANGUAGE_NAMES {
            assert_eq!(Language::from_fence_name(name), Some(*language));
        }
        assert_eq!(Language::from_fence_name(""), Some(Language::Text));
        // Languages no lesson uses have no lexer, so naming them is an error, not plain text.
        for unknown in ["python", "toml", "shell", "sh", "bash", "console"] {
            assert_eq!(Language::from_fence_name(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn text_is_escaped_and_never_styled_inline() {
        let html = highlight(Language::Text, "a < b && c");
        assert_eq!(html, "a &lt; b &amp;&amp; c");
    }

    #[test]
    fn numbers_keep_their_exponent_and_stop_before_ranges() {
        let code = "1.5e-3 0..10 0xE+1";
        assert_eq!(end_of_number(code, 0), 6);
        assert_eq!(end_of_number(code, 7), 8);
        assert_eq!(&code[13..end_of_number(code, 13)], "0xE");
    }

    #[test]
    fn highlighted_output_has_every_byte_of_the_input() {
        let code = "fn f<'a>(x: &'a str) -> u8 { let s = \"q\\\"\"; 'c' as u8 } // end\n";
        for language in [Language::Rust, Language::Text] {
            let tokens = language.tokens(code);
            let rebuilt: String = tokens
                .iter()
                .map(|token| &code[token.range.clone()])
                .collect();
            assert_eq!(rebuilt, code, "{language:?}");
        }
    }
}
