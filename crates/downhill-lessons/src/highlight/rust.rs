//! Tokens of Rust source: comments, strings, characters and lifetimes, numbers, keywords, types,
//! function and macro names, and attributes.

use super::{Token, TokenClass, TokenList, end_of_identifier, end_of_number, end_of_quoted};

/// Strict and reserved keywords that appear in our code, plus the literals `true` and `false`.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "self", "Self", "static", "struct", "super", "trait", "true", "type",
    "unsafe", "use", "where", "while",
];

/// Primitive types, which are lower-case and so not caught by the upper-case rule for types.
const PRIMITIVE_TYPES: &[&str] = &[
    "bool", "char", "f32", "f64", "i8", "i16", "i32", "i64", "i128", "isize", "str", "u8", "u16",
    "u32", "u64", "u128", "usize",
];

pub(super) fn tokens(code: &str) -> Vec<Token> {
    let bytes = code.as_bytes();
    let mut list = TokenList::default();
    let mut position = 0;
    while position < bytes.len() {
        let byte = bytes[position];
        let rest = &code[position..];
        let (end, class) = if rest.starts_with("//") {
            (
                rest.find('\n')
                    .map(|offset| position + offset)
                    .unwrap_or(code.len()),
                Some(TokenClass::Comment),
            )
        } else if rest.starts_with("/*") {
            (
                end_of_block_comment(code, position),
                Some(TokenClass::Comment),
            )
        } else if let Some(end) = end_of_raw_string(code, position) {
            (end, Some(TokenClass::String))
        } else if byte == b'"' {
            (
                end_of_quoted(code, position, b'"'),
                Some(TokenClass::String),
            )
        } else if rest.starts_with("b\"") {
            (
                end_of_quoted(code, position + 1, b'"'),
                Some(TokenClass::String),
            )
        } else if byte == b'\'' {
            char_or_lifetime(code, position)
        } else if rest.starts_with("#[") || rest.starts_with("#![") {
            (
                end_of_attribute(code, position),
                Some(TokenClass::Attribute),
            )
        } else if byte.is_ascii_digit() {
            (end_of_number(code, position), Some(TokenClass::Number))
        } else if byte.is_ascii_alphabetic() || byte == b'_' || !byte.is_ascii() {
            let end = end_of_identifier(code, position);
            let end = end.max(position + rest.chars().next().map(char::len_utf8).unwrap_or(1));
            (end, identifier_class(code, position, end))
        } else {
            (position + 1, None)
        };
        list.push(position..end, class);
        position = end;
    }
    list.tokens
}

fn identifier_class(code: &str, start: usize, end: usize) -> Option<TokenClass> {
    let word = &code[start..end];
    let after = code[end..].trim_start_matches([' ', '\t']);
    if KEYWORDS.contains(&word) {
        Some(TokenClass::Keyword)
    } else if PRIMITIVE_TYPES.contains(&word) {
        Some(TokenClass::Type)
    } else if after.starts_with('!') && !after.starts_with("!=") {
        Some(TokenClass::Macro)
    } else if word.starts_with(|character: char| character.is_ascii_uppercase()) {
        // `CONSTANT_NAMES` are values, not types; only mixed-case names are types.
        if word.len() > 1 && word.bytes().all(|byte| !byte.is_ascii_lowercase()) {
            None
        } else {
            Some(TokenClass::Type)
        }
    } else if after.starts_with('(') || after.starts_with("::<") {
        Some(TokenClass::Function)
    } else {
        None
    }
}

/// Block comments nest in Rust.
fn end_of_block_comment(code: &str, start: usize) -> usize {
    let bytes = code.as_bytes();
    let mut depth = 0;
    let mut position = start;
    while position + 1 < bytes.len() {
        match (bytes[position], bytes[position + 1]) {
            (b'/', b'*') => {
                depth += 1;
                position += 2;
            }
            (b'*', b'/') => {
                depth -= 1;
                position += 2;
                if depth == 0 {
                    return position;
                }
            }
            _ => position += 1,
        }
    }
    code.len()
}

/// `r"..."`, `r#"..."#`, `br"..."` and so on; `None` when no raw string starts here.
fn end_of_raw_string(code: &str, start: usize) -> Option<usize> {
    let rest = &code[start..];
    let after_prefix = rest.strip_prefix("br").or_else(|| rest.strip_prefix('r'))?;
    // An identifier such as `return` or `rows` must not be taken for a raw string.
    if start > 0
        && (code.as_bytes()[start - 1].is_ascii_alphanumeric()
            || code.as_bytes()[start - 1] == b'_')
    {
        return None;
    }
    let hashes = after_prefix
        .bytes()
        .take_while(|byte| *byte == b'#')
        .count();
    let after_hashes = &after_prefix[hashes..];
    if !after_hashes.starts_with('"') {
        return None;
    }
    let closing = format!("\"{}", "#".repeat(hashes));
    let body_start = start + (rest.len() - after_hashes.len()) + 1;
    Some(
        code[body_start..]
            .find(&closing)
            .map(|offset| body_start + offset + closing.len())
            .unwrap_or(code.len()),
    )
}

/// A quote starts a character literal (`'a'`, `'\n'`, `'\u{1F600}'`) or a lifetime (`'a`, `'static`).
fn char_or_lifetime(code: &str, start: usize) -> (usize, Option<TokenClass>) {
    let rest = &code[start + 1..];
    if rest.starts_with('\\') {
        return (end_of_quoted(code, start, b'\''), Some(TokenClass::String));
    }
    let mut characters = rest.char_indices();
    match (characters.next(), characters.next()) {
        (Some((_, _)), Some((offset, '\''))) => (start + 1 + offset + 1, Some(TokenClass::String)),
        (Some((_, first)), _) if first.is_alphabetic() || first == '_' => (
            end_of_identifier(code, start + 1),
            Some(TokenClass::Lifetime),
        ),
        _ => (start + 1, None),
    }
}

/// An attribute runs to its matching `]`, across nested brackets.
fn end_of_attribute(code: &str, start: usize) -> usize {
    let mut depth = 0;
    for (offset, byte) in code.as_bytes()[start..].iter().enumerate() {
        match byte {
            b'[' => depth += 1,
            b']' => {
                depth -= 1;
                if depth == 0 {
                    return start + offset + 1;
                }
            }
            b'\n' => return start + offset,
            _ => {}
        }
    }
    code.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(code: &str) -> Vec<(&str, TokenClass)> {
        tokens(code)
            .into_iter()
            .filter_map(|token| token.class.map(|class| (&code[token.range], class)))
            .collect()
    }

    #[test]
    fn keywords_types_functions_and_macros() {
        let found = classes("pub fn step(x: &mut Vec<f64>) { assert!(x.len() > 0); }");
        assert!(found.contains(&("pub", TokenClass::Keyword)));
        assert!(found.contains(&("fn", TokenClass::Keyword)));
        assert!(found.contains(&("step", TokenClass::Function)));
        assert!(found.contains(&("Vec", TokenClass::Type)));
        assert!(found.contains(&("f64", TokenClass::Type)));
        assert!(found.contains(&("assert", TokenClass::Macro)));
        assert!(found.contains(&("len", TokenClass::Function)));
    }

    #[test]
    fn comments_strings_and_numbers() {
        let found = classes("let h = 1e-5; // step\nlet s = r#\"a \"b\"\"#; /* x /* y */ z */");
        assert!(found.contains(&("1e-5", TokenClass::Number)));
        assert!(found.contains(&("// step", TokenClass::Comment)));
        assert!(found.contains(&("r#\"a \"b\"\"#", TokenClass::String)));
        assert!(found.contains(&("/* x /* y */ z */", TokenClass::Comment)));
    }

    #[test]
    fn lifetimes_are_not_characters() {
        let found = classes("fn f<'a>(c: &'a str) -> char { '\\n' }");
        assert!(found.contains(&("'a", TokenClass::Lifetime)));
        assert!(found.contains(&("'\\n'", TokenClass::String)));
    }

    #[test]
    fn attributes_and_constants() {
        let found = classes("#[derive(Debug)]\nconst MAX_STEPS: usize = 10;");
        assert!(found.contains(&("#[derive(Debug)]", TokenClass::Attribute)));
        assert!(!found.iter().any(|(text, _)| *text == "MAX_STEPS"));
    }
}
