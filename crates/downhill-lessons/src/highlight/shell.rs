//! Tokens of shell commands as the lessons show them: the command word, options, strings,
//! variables and comments.

use super::{Token, TokenClass, TokenList, end_of_identifier, end_of_quoted};

pub(super) fn tokens(code: &str) -> Vec<Token> {
    let bytes = code.as_bytes();
    let mut list = TokenList::default();
    let mut position = 0;
    // The first word of a line (after a `$ ` prompt, if any) is the command being run.
    let mut expecting_command = true;
    while position < bytes.len() {
        let byte = bytes[position];
        let at_word_start = position == 0 || bytes[position - 1].is_ascii_whitespace();
        let (end, class) = if byte == b'\n' || byte == b';' || byte == b'|' || byte == b'&' {
            expecting_command = true;
            (position + 1, None)
        } else if byte.is_ascii_whitespace() {
            (position + 1, None)
        } else if byte == b'#' && at_word_start {
            (
                code[position..]
                    .find('\n')
                    .map(|offset| position + offset)
                    .unwrap_or(code.len()),
                Some(TokenClass::Comment),
            )
        } else if byte == b'"' || byte == b'\'' {
            expecting_command = false;
            (
                end_of_quoted(code, position, byte, byte == b'"'),
                Some(TokenClass::String),
            )
        } else if byte == b'$' && code[position..].starts_with("$ ") && expecting_command {
            // A prompt, not a variable: plain, and the command still follows.
            (position + 2, None)
        } else if byte == b'$' {
            expecting_command = false;
            (end_of_variable(code, position), Some(TokenClass::Variable))
        } else {
            let word_end = code[position..]
                .find(|character: char| {
                    character.is_whitespace() || matches!(character, ';' | '|' | '&')
                })
                .map(|offset| position + offset)
                .unwrap_or(code.len());
            let word = &code[position..word_end];
            let class = if expecting_command && !word.contains('=') {
                Some(TokenClass::Function)
            } else if word.starts_with('-') {
                Some(TokenClass::Attribute)
            } else {
                None
            };
            expecting_command = word.contains('=') && expecting_command;
            (word_end, class)
        };
        list.push(position..end, class);
        position = end;
    }
    list.tokens
}

fn end_of_variable(code: &str, start: usize) -> usize {
    let rest = &code[start + 1..];
    if rest.starts_with('{') {
        rest.find('}')
            .map(|offset| start + 1 + offset + 1)
            .unwrap_or(code.len())
    } else {
        end_of_identifier(code, start + 1).max(start + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn command_options_strings_and_variables() {
        let code =
            "$ cargo run -p downhill-lessons -- build --out \"$DIST\" # the site\nls ${HOME}\n";
        let found: Vec<(&str, TokenClass)> = tokens(code)
            .into_iter()
            .filter_map(|token| token.class.map(|class| (&code[token.range], class)))
            .collect();
        assert!(found.contains(&("cargo", TokenClass::Function)));
        assert!(found.contains(&("-p", TokenClass::Attribute)));
        assert!(found.contains(&("--out", TokenClass::Attribute)));
        assert!(found.contains(&("\"$DIST\"", TokenClass::String)));
        assert!(found.contains(&("# the site", TokenClass::Comment)));
        assert!(found.contains(&("ls", TokenClass::Function)));
        assert!(found.contains(&("${HOME}", TokenClass::Variable)));
    }
}
