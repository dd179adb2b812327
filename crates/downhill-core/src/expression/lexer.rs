//! Splits a formula into tokens, each with the character position it starts at.

use super::error::{ExpressionError, ExpressionErrorKind};

/// One token of a formula.
#[derive(Clone, Debug, PartialEq)]
pub enum Token {
    Number(f64),
    Name(String),
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    Open,
    Close,
}

/// A token and the index of its first character.
#[derive(Clone, Debug, PartialEq)]
pub struct Located {
    pub token: Token,
    pub position: usize,
}

/// The tokens of `text` in order, or the first character that starts none.
pub fn tokens(text: &str) -> Result<Vec<Located>, ExpressionError> {
    let characters: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut index = 0;
    while index < characters.len() {
        let character = characters[index];
        let start = index;
        let single = match character {
            '+' => Some(Token::Plus),
            '-' => Some(Token::Minus),
            '*' => Some(Token::Star),
            '/' => Some(Token::Slash),
            '^' => Some(Token::Caret),
            '(' => Some(Token::Open),
            ')' => Some(Token::Close),
            _ => None,
        };
        if let Some(token) = single {
            found.push(Located {
                token,
                position: start,
            });
            index += 1;
        } else if character.is_whitespace() {
            index += 1;
        } else if character.is_ascii_digit() || character == '.' {
            index = number_end(&characters, index);
            let digits: String = characters[start..index].iter().collect();
            let value = digits.parse::<f64>().map_err(|_| ExpressionError {
                kind: ExpressionErrorKind::InvalidNumber(digits.clone()),
                position: start,
            })?;
            found.push(Located {
                token: Token::Number(value),
                position: start,
            });
        } else if character.is_ascii_alphabetic() || character == '_' {
            while index < characters.len()
                && (characters[index].is_ascii_alphanumeric() || characters[index] == '_')
            {
                index += 1;
            }
            found.push(Located {
                token: Token::Name(characters[start..index].iter().collect()),
                position: start,
            });
        } else {
            return Err(ExpressionError {
                kind: ExpressionErrorKind::UnexpectedCharacter(character),
                position: start,
            });
        }
    }
    Ok(found)
}

/// Where the number starting at `start` ends: digits and dots, then an exponent `e`/`E` only when a
/// digit (after an optional sign) follows it, so `2e` stays the number 2 followed by the constant `e`
/// and the parser can say an operator is missing. Stray extra dots are taken in and rejected by the
/// number parser (`1.2.3`).
fn number_end(characters: &[char], start: usize) -> usize {
    let mut index = start;
    while index < characters.len()
        && (characters[index].is_ascii_digit() || characters[index] == '.')
    {
        index += 1;
    }
    if index < characters.len() && matches!(characters[index], 'e' | 'E') {
        let mut after = index + 1;
        if after < characters.len() && matches!(characters[after], '+' | '-') {
            after += 1;
        }
        if after < characters.len() && characters[after].is_ascii_digit() {
            index = after;
            while index < characters.len() && characters[index].is_ascii_digit() {
                index += 1;
            }
        }
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_with_exponents_and_names_are_split_at_the_right_characters() {
        let found = tokens("1e-3*x2 + .5").unwrap();
        let kinds: Vec<Token> = found.iter().map(|located| located.token.clone()).collect();
        assert_eq!(
            kinds,
            vec![
                Token::Number(1e-3),
                Token::Star,
                Token::Name("x2".into()),
                Token::Plus,
                Token::Number(0.5)
            ]
        );
        let positions: Vec<usize> = found.iter().map(|located| located.position).collect();
        assert_eq!(positions, vec![0, 4, 5, 8, 10]);
    }

    #[test]
    fn an_e_without_digits_after_it_is_not_an_exponent() {
        let kinds: Vec<Token> = tokens("2e").unwrap().into_iter().map(|l| l.token).collect();
        assert_eq!(kinds, vec![Token::Number(2.0), Token::Name("e".into())]);
    }

    #[test]
    fn bad_characters_and_bad_numbers_are_reported_where_they_start() {
        let error = tokens("x # y").unwrap_err();
        assert_eq!(error.kind, ExpressionErrorKind::UnexpectedCharacter('#'));
        assert_eq!(error.position, 2);
        let error = tokens("x + 1.2.3").unwrap_err();
        assert_eq!(
            error.kind,
            ExpressionErrorKind::InvalidNumber("1.2.3".into())
        );
        assert_eq!(error.position, 4);
        // Positions count characters, not bytes.
        let error = tokens("é").unwrap_err();
        assert_eq!(error.position, 0);
        assert_eq!(tokens("xé").unwrap_err().position, 1);
    }
}
