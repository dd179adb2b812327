//! Tokens of TOML, as in the demo settings and front matter the lessons show: comments, table
//! headers, keys, strings, numbers and booleans.

use super::{Token, TokenClass, TokenList, end_of_identifier, end_of_number, end_of_quoted};

pub(super) fn tokens(code: &str) -> Vec<Token> {
    let mut list = TokenList::default();
    let mut line_start = 0;
    for line in code.split_inclusive('\n') {
        line_tokens(code, line_start, line_start + line.len(), &mut list);
        line_start += line.len();
    }
    list.tokens
}

fn line_tokens(code: &str, start: usize, end: usize, list: &mut TokenList) {
    let line = &code[start..end];
    let indent = line.len() - line.trim_start().len();
    list.push(start..start + indent, None);
    let mut position = start + indent;
    if line.trim_start().starts_with('[') {
        let header_end = line.find(']').map(|offset| start + offset + 1);
        let header_end = header_end.map(|end| {
            if code[end..].starts_with(']') {
                end + 1
            } else {
                end
            }
        });
        if let Some(header_end) = header_end {
            list.push(position..header_end, Some(TokenClass::Section));
            position = header_end;
        }
    } else if let Some(equals) = line.find('=')
        && !line[..equals].contains(['"', '\'', '#'])
    {
        let key_end = start + line[..equals].trim_end().len();
        list.push(position..key_end, Some(TokenClass::Key));
        position = key_end;
    }
    while position < end {
        let byte = code.as_bytes()[position];
        let (token_end, class) = if byte == b'#' {
            (
                start + line.trim_end_matches('\n').len(),
                Some(TokenClass::Comment),
            )
        } else if code[position..].starts_with("\"\"\"") {
            let body = position + 3;
            (
                code[body..]
                    .find("\"\"\"")
                    .map(|offset| body + offset + 3)
                    .unwrap_or(code.len()),
                Some(TokenClass::String),
            )
        } else if byte == b'"' {
            (
                end_of_quoted(code, position, b'"', true).min(end),
                Some(TokenClass::String),
            )
        } else if byte == b'\'' {
            (
                end_of_quoted(code, position, b'\'', false).min(end),
                Some(TokenClass::String),
            )
        } else if byte.is_ascii_digit()
            || (matches!(byte, b'-' | b'+') && next_is_digit(code, position))
        {
            (end_of_number(code, position + 1), Some(TokenClass::Number))
        } else if byte.is_ascii_alphabetic() {
            let word_end = end_of_identifier(code, position);
            let word = &code[position..word_end];
            let class =
                matches!(word, "true" | "false" | "inf" | "nan").then_some(TokenClass::Keyword);
            (word_end, class)
        } else {
            let character_len = code[position..]
                .chars()
                .next()
                .map(char::len_utf8)
                .unwrap_or(1);
            (position + character_len, None)
        };
        // A multi-line string may run past this line; the lines it covers are then skipped by
        // clamping, which leaves them plain. TOML in the lessons has no multi-line strings.
        let token_end = token_end.min(end).max(position + 1);
        let token_end = (token_end..=end)
            .find(|offset| code.is_char_boundary(*offset))
            .unwrap_or(end);
        list.push(position..token_end, class);
        position = token_end;
    }
}

fn next_is_digit(code: &str, position: usize) -> bool {
    code.as_bytes()
        .get(position + 1)
        .is_some_and(u8::is_ascii_digit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sections_values_and_comments() {
        let code = "[demo]\nname = \"saddle-race\" # which demo\nsteps = 1_000\nlog = true\nrate = -1e-3\n";
        let found: Vec<(&str, TokenClass)> = tokens(code)
            .into_iter()
            .filter_map(|token| token.class.map(|class| (&code[token.range], class)))
            .collect();
        assert!(found.contains(&("[demo]", TokenClass::Section)));
        assert!(found.contains(&("name", TokenClass::Key)));
        assert!(found.contains(&("\"saddle-race\"", TokenClass::String)));
        assert!(found.contains(&("# which demo", TokenClass::Comment)));
        assert!(found.contains(&("1_000", TokenClass::Number)));
        assert!(found.contains(&("true", TokenClass::Keyword)));
        assert!(found.contains(&("-1e-3", TokenClass::Number)));
    }
}
