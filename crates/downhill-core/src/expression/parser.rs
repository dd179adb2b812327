//! Recursive descent over the tokens, one function per precedence level:
//!
//! ```text
//! sum     = product (("+" | "-") product)*
//! product = signed (("*" | "/") signed)*
//! signed  = "-" signed | power
//! power   = operand ("^" signed)?          right-grouping, and tighter than the minus before it
//! operand = number | variable | "pi" | "e" | function "(" sum ")" | "(" sum ")"
//! ```
//!
//! So `-2^2 = -(2^2) = -4` and `2^3^2 = 2^(3^2) = 512`, as in mathematics and Python. Every level that
//! recurses (parentheses, calls, minus signs, exponents) counts towards [`MAX_EXPRESSION_DEPTH`], which
//! keeps the recursion, and every later walk over the tree, far from the stack's end whatever is typed.

use super::error::{ExpressionError, ExpressionErrorKind};
use super::lexer::{Located, Token, tokens};
use super::node::{BinaryOp, Function, Node, UnaryOp};
use super::{MAX_EXPRESSION_CHARS, MAX_EXPRESSION_DEPTH};

/// Parses `text` with the given variable names (`["x", "y"]`), each becoming `Node::Variable(index)`.
pub fn parse(text: &str, variables: &[&str]) -> Result<Node, ExpressionError> {
    let length = text.chars().count();
    if length > MAX_EXPRESSION_CHARS {
        return Err(ExpressionError {
            kind: ExpressionErrorKind::TooLong {
                limit: MAX_EXPRESSION_CHARS,
            },
            position: MAX_EXPRESSION_CHARS,
        });
    }
    let found = tokens(text)?;
    if found.is_empty() {
        return Err(ExpressionError {
            kind: ExpressionErrorKind::Empty,
            position: 0,
        });
    }
    let mut parser = Parser {
        tokens: found,
        next: 0,
        depth: 0,
        end: length,
        variables,
    };
    let root = parser.sum()?;
    match parser.peek() {
        None => Ok(root),
        Some(Token::Close) => Err(parser.error_here(ExpressionErrorKind::UnbalancedParenthesis)),
        Some(_) => Err(parser.error_here(ExpressionErrorKind::ExpectedOperator)),
    }
}

struct Parser<'names> {
    tokens: Vec<Located>,
    next: usize,
    depth: usize,
    /// The character count, where "the end of the formula" errors point.
    end: usize,
    variables: &'names [&'names str],
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.next).map(|located| &located.token)
    }

    fn position(&self) -> usize {
        self.tokens
            .get(self.next)
            .map_or(self.end, |located| located.position)
    }

    fn error_here(&self, kind: ExpressionErrorKind) -> ExpressionError {
        ExpressionError {
            kind,
            position: self.position(),
        }
    }

    /// One level deeper, or the depth error once past the limit.
    fn enter(&mut self) -> Result<(), ExpressionError> {
        self.depth += 1;
        if self.depth > MAX_EXPRESSION_DEPTH {
            return Err(self.error_here(ExpressionErrorKind::TooDeep {
                limit: MAX_EXPRESSION_DEPTH,
            }));
        }
        Ok(())
    }

    fn sum(&mut self) -> Result<Node, ExpressionError> {
        let mut left = self.product()?;
        loop {
            let operator = match self.peek() {
                Some(Token::Plus) => BinaryOp::Add,
                Some(Token::Minus) => BinaryOp::Subtract,
                _ => return Ok(left),
            };
            self.next += 1;
            let right = self.product()?;
            left = Node::Binary(operator, Box::new(left), Box::new(right));
        }
    }

    fn product(&mut self) -> Result<Node, ExpressionError> {
        let mut left = self.signed()?;
        loop {
            let operator = match self.peek() {
                Some(Token::Star) => BinaryOp::Multiply,
                Some(Token::Slash) => BinaryOp::Divide,
                _ => return Ok(left),
            };
            self.next += 1;
            let right = self.signed()?;
            left = Node::Binary(operator, Box::new(left), Box::new(right));
        }
    }

    fn signed(&mut self) -> Result<Node, ExpressionError> {
        if self.peek() != Some(&Token::Minus) {
            return self.power();
        }
        self.next += 1;
        self.enter()?;
        let operand = self.signed()?;
        self.depth -= 1;
        Ok(Node::Unary(UnaryOp::Negate, Box::new(operand)))
    }

    fn power(&mut self) -> Result<Node, ExpressionError> {
        let base = self.operand()?;
        if self.peek() != Some(&Token::Caret) {
            return Ok(base);
        }
        self.next += 1;
        self.enter()?;
        let exponent = self.signed()?;
        self.depth -= 1;
        Ok(Node::Binary(
            BinaryOp::Power,
            Box::new(base),
            Box::new(exponent),
        ))
    }

    fn operand(&mut self) -> Result<Node, ExpressionError> {
        let Some(located) = self.tokens.get(self.next).cloned() else {
            return Err(self.error_here(ExpressionErrorKind::ExpectedOperand));
        };
        match located.token {
            Token::Number(value) => {
                self.next += 1;
                Ok(Node::Number(value))
            }
            Token::Open => {
                self.next += 1;
                let inside = self.parenthesised(located.position)?;
                Ok(inside)
            }
            Token::Name(name) => {
                self.next += 1;
                self.named(&name, located.position)
            }
            _ => Err(self.error_here(ExpressionErrorKind::ExpectedOperand)),
        }
    }

    /// A name: a variable, a constant, or a function with its parenthesised argument.
    fn named(&mut self, name: &str, position: usize) -> Result<Node, ExpressionError> {
        if let Some(index) = self.variables.iter().position(|known| *known == name) {
            return Ok(Node::Variable(index));
        }
        match name {
            "pi" => return Ok(Node::Number(std::f64::consts::PI)),
            "e" => return Ok(Node::Number(std::f64::consts::E)),
            _ => {}
        }
        let Some(function) = Function::from_name(name) else {
            return Err(ExpressionError {
                kind: ExpressionErrorKind::UnknownName(name.to_string()),
                position,
            });
        };
        if self.peek() != Some(&Token::Open) {
            return Err(ExpressionError {
                kind: ExpressionErrorKind::FunctionWithoutParenthesis(name.to_string()),
                position,
            });
        }
        let open = self.position();
        self.next += 1;
        let argument = self.parenthesised(open)?;
        Ok(Node::Call(function, Box::new(argument)))
    }

    /// The inside of a parenthesis whose `(` (at `open`) was just taken, and its `)`.
    fn parenthesised(&mut self, open: usize) -> Result<Node, ExpressionError> {
        self.enter()?;
        let inside = self.sum()?;
        match self.peek() {
            Some(Token::Close) => {
                self.next += 1;
                self.depth -= 1;
                Ok(inside)
            }
            None => Err(ExpressionError {
                kind: ExpressionErrorKind::UnbalancedParenthesis,
                position: open,
            }),
            Some(_) => Err(self.error_here(ExpressionErrorKind::ExpectedOperator)),
        }
    }
}
