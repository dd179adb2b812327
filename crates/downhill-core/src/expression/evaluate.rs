//! Values: straight from the tree for one number, and as a tape (the tree flattened so every operand
//! comes before its use) when the reverse sweep needs every intermediate value.
//!
//! Nothing here can panic: every operation is `f64` arithmetic, so `1/0`, `log(-1)` and `x^1e308`
//! come out as infinities and NaN for the caller to judge.

use super::node::{BinaryOp, Function, Node, UnaryOp};
use super::scalar::Scalar;

/// `node` at the point `at` (one value per variable; a missing one reads as NaN).
pub fn value_of(node: &Node, at: &[f64]) -> f64 {
    match node {
        Node::Number(value) => *value,
        Node::Variable(index) => at.get(*index).copied().unwrap_or(f64::NAN),
        Node::Unary(UnaryOp::Negate, operand) => -value_of(operand, at),
        Node::Binary(operator, left, right) => {
            binary(*operator, value_of(left, at), value_of(right, at))
        }
        Node::Call(function, argument) => call(*function, value_of(argument, at)),
    }
}

/// One step of the tape; operands are indices of earlier steps.
#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    Number(f64),
    Variable(usize),
    Negate(usize),
    Binary(BinaryOp, usize, usize),
    Call(Function, usize),
}

/// The tree in post-order: the last step is the root.
pub fn tape(root: &Node) -> Vec<Step> {
    let mut steps = Vec::new();
    record(root, &mut steps);
    steps
}

fn record(node: &Node, steps: &mut Vec<Step>) -> usize {
    let step = match node {
        Node::Number(value) => Step::Number(*value),
        Node::Variable(index) => Step::Variable(*index),
        Node::Unary(UnaryOp::Negate, operand) => Step::Negate(record(operand, steps)),
        Node::Binary(operator, left, right) => {
            let left = record(left, steps);
            let right = record(right, steps);
            Step::Binary(*operator, left, right)
        }
        Node::Call(function, argument) => Step::Call(*function, record(argument, steps)),
    };
    steps.push(step);
    steps.len() - 1
}

/// Every step's value at `at`, in tape order.
pub fn forward<S: Scalar>(steps: &[Step], at: &[S]) -> Vec<S> {
    let mut values: Vec<S> = Vec::with_capacity(steps.len());
    for step in steps {
        let value = match step {
            Step::Number(value) => S::constant(*value),
            Step::Variable(index) => at.get(*index).copied().unwrap_or(S::constant(f64::NAN)),
            Step::Negate(operand) => -values[*operand],
            Step::Binary(operator, left, right) => binary(*operator, values[*left], values[*right]),
            Step::Call(function, argument) => call(*function, values[*argument]),
        };
        values.push(value);
    }
    values
}

fn binary<S: Scalar>(operator: BinaryOp, left: S, right: S) -> S {
    match operator {
        BinaryOp::Add => left + right,
        BinaryOp::Subtract => left - right,
        BinaryOp::Multiply => left * right,
        BinaryOp::Divide => left / right,
        BinaryOp::Power => left.pow(right),
    }
}

fn call<S: Scalar>(function: Function, argument: S) -> S {
    match function {
        Function::Sin => argument.sin(),
        Function::Cos => argument.cos(),
        Function::Tan => argument.tan(),
        Function::Exp => argument.exp(),
        Function::Log => argument.ln(),
        Function::Sqrt => argument.sqrt(),
        Function::Abs => argument.abs(),
        Function::Tanh => argument.tanh(),
    }
}
