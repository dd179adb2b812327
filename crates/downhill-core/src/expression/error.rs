//! What can be wrong with a typed formula, and where.
//!
//! The kind is data so the browser can word the message in the page's language; [`Display`] gives
//! the English sentence the command line prints.

use std::fmt;

/// A formula that could not be parsed: what went wrong and at which character (counted from 0, in
/// characters, not bytes, so the position points at the same place in any script).
#[derive(Clone, Debug, PartialEq)]
pub struct ExpressionError {
    pub kind: ExpressionErrorKind,
    pub position: usize,
}

/// The kinds of mistake a formula can have.
#[derive(Clone, Debug, PartialEq)]
pub enum ExpressionErrorKind {
    /// Nothing but spaces.
    Empty,
    /// More than `limit` characters.
    TooLong { limit: usize },
    /// Parentheses, function calls, minus signs or powers nested more than `limit` deep.
    TooDeep { limit: usize },
    /// A name that is neither a variable, `pi`, `e` nor a function.
    UnknownName(String),
    /// A character that has no place in a formula (`#`, `;`, `=` ...).
    UnexpectedCharacter(char),
    /// A `(` without its `)` or a `)` without its `(`.
    UnbalancedParenthesis,
    /// An operator or the end of the formula where a number, a name or `(` was due (`2 +`, `* x`).
    ExpectedOperand,
    /// Two operands with nothing between them (`2 x`, `x y`, `(x)(y)`): multiplication needs its `*`.
    ExpectedOperator,
    /// A function name not followed by `(` (`sin x`).
    FunctionWithoutParenthesis(String),
    /// Digits that do not make a number (`1.2.3`, `1e`).
    InvalidNumber(String),
}

impl fmt::Display for ExpressionError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ExpressionErrorKind::Empty => write!(formatter, "the formula is empty"),
            ExpressionErrorKind::TooLong { limit } => {
                write!(formatter, "the formula is longer than {limit} characters")
            }
            ExpressionErrorKind::TooDeep { limit } => write!(
                formatter,
                "the formula is nested more than {limit} deep (character {})",
                self.position + 1
            ),
            ExpressionErrorKind::UnknownName(name) => write!(
                formatter,
                "unknown name '{name}' at character {}; use the variables, pi, e and the functions sin, cos, tan, exp, log, sqrt, abs, tanh",
                self.position + 1
            ),
            ExpressionErrorKind::UnexpectedCharacter(character) => write!(
                formatter,
                "unexpected character '{character}' at character {}",
                self.position + 1
            ),
            ExpressionErrorKind::UnbalancedParenthesis => write!(
                formatter,
                "unbalanced parenthesis at character {}",
                self.position + 1
            ),
            ExpressionErrorKind::ExpectedOperand => write!(
                formatter,
                "expected a number, a name or '(' at character {}",
                self.position + 1
            ),
            ExpressionErrorKind::ExpectedOperator => write!(
                formatter,
                "expected an operator (+ - * / ^) at character {}; write 2*x, not 2x",
                self.position + 1
            ),
            ExpressionErrorKind::FunctionWithoutParenthesis(name) => write!(
                formatter,
                "'{name}' needs its argument in parentheses, like {name}(x), at character {}",
                self.position + 1
            ),
            ExpressionErrorKind::InvalidNumber(text) => write!(
                formatter,
                "'{text}' is not a number (character {})",
                self.position + 1
            ),
        }
    }
}

impl std::error::Error for ExpressionError {}
