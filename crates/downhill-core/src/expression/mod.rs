//! Formulas a student types, such as `(1 - x)^2 + 100*(y - x^2)^2`: parsed into a tree, evaluated,
//! and differentiated exactly (gradient by reverse mode, Hessian by forward over reverse).
//!
//! The grammar is in [`parser`]; the limits ([`MAX_EXPRESSION_CHARS`], [`MAX_EXPRESSION_DEPTH`]) are
//! there so that whatever arrives from a text field or a link parses in bounded time and stack.
//! Values of every kind, NaN and infinities included, are returned, never a panic.

pub mod derivatives;
pub mod error;
pub mod evaluate;
pub mod lexer;
pub mod node;
pub mod parser;
pub mod scalar;
pub mod surface;

#[cfg(test)]
mod tests;

pub use error::{ExpressionError, ExpressionErrorKind};
pub use node::{BinaryOp, Function, Node, UnaryOp};
pub use surface::ExpressionSurface;

use evaluate::Step;

/// The longest formula accepted, in characters.
pub const MAX_EXPRESSION_CHARS: usize = 500;
/// The deepest nesting accepted: parentheses, calls, minus signs and exponents each count one.
pub const MAX_EXPRESSION_DEPTH: usize = 64;

/// A parsed formula in named variables.
#[derive(Clone, Debug, PartialEq)]
pub struct Expression {
    root: Node,
    variables: Vec<String>,
    steps: Vec<Step>,
}

impl Expression {
    /// Parses `text`, in which the names in `variables` stand for the inputs in that order.
    pub fn parse(text: &str, variables: &[&str]) -> Result<Expression, ExpressionError> {
        let root = parser::parse(text, variables)?;
        let steps = evaluate::tape(&root);
        Ok(Expression {
            root,
            variables: variables.iter().map(|name| name.to_string()).collect(),
            steps,
        })
    }

    /// The tree, for drawing it (the backprop graph) or walking it.
    pub fn root(&self) -> &Node {
        &self.root
    }

    /// The variable names, in the order `at` gives their values.
    pub fn variables(&self) -> &[String] {
        &self.variables
    }

    /// The value at `at` (one number per variable).
    pub fn value(&self, at: &[f64]) -> f64 {
        evaluate::value_of(&self.root, at)
    }

    /// The exact gradient at `at`, one entry per variable.
    pub fn gradient(&self, at: &[f64]) -> Vec<f64> {
        self.value_and_gradient(at).1
    }

    /// The value and the exact gradient from one pass each way.
    pub fn value_and_gradient(&self, at: &[f64]) -> (f64, Vec<f64>) {
        derivatives::value_and_gradient(&self.steps, at, self.variables.len())
    }

    /// The exact Hessian at `at`, as rows; symmetric.
    pub fn hessian(&self, at: &[f64]) -> Vec<Vec<f64>> {
        derivatives::hessian(&self.steps, at, self.variables.len())
    }
}
