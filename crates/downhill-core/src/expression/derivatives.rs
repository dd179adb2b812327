//! Exact derivatives by reverse mode: one forward pass keeps every intermediate value, one backward
//! pass sends each step's adjoint (d f / d step) to its operands by the step's local rule.
//!
//! Run on `f64` the sweep gives the gradient. Run on [`Dual`] numbers seeded with direction `k`, the
//! same sweep gives the derivative of the gradient along `k`: column `k` of the Hessian. No step is
//! ever a finite difference. At a kink the rule is PyTorch's: `abs'(0) = 0`.

use super::evaluate::{Step, forward};
use super::node::{BinaryOp, Function};
use super::scalar::{Dual, Scalar, sign};

/// The adjoint of every variable: the gradient of the tape's last step.
pub fn reverse<S: Scalar>(steps: &[Step], values: &[S], variable_count: usize) -> Vec<S> {
    let zero = S::constant(0.0);
    let mut gradient = vec![zero; variable_count];
    if steps.is_empty() {
        return gradient;
    }
    let mut adjoints = vec![zero; steps.len()];
    adjoints[steps.len() - 1] = S::constant(1.0);
    for (index, step) in steps.iter().enumerate().rev() {
        let adjoint = adjoints[index];
        match step {
            Step::Number(_) => {}
            Step::Variable(variable) => {
                if let Some(slot) = gradient.get_mut(*variable) {
                    *slot = *slot + adjoint;
                }
            }
            Step::Negate(operand) => adjoints[*operand] = adjoints[*operand] - adjoint,
            Step::Call(function, argument) => {
                let local = call_derivative(*function, values[*argument], values[index]);
                adjoints[*argument] = adjoints[*argument] + adjoint * local;
            }
            Step::Binary(operator, left, right) => {
                let (a, b, result) = (values[*left], values[*right], values[index]);
                let (to_left, to_right) = match operator {
                    BinaryOp::Add => (adjoint, adjoint),
                    BinaryOp::Subtract => (adjoint, -adjoint),
                    BinaryOp::Multiply => (adjoint * b, adjoint * a),
                    BinaryOp::Divide => (adjoint / b, -(adjoint * result / b)),
                    BinaryOp::Power => {
                        let to_base = if b.value() == 0.0 {
                            zero
                        } else {
                            adjoint * b * a.pow(b - S::constant(1.0))
                        };
                        // A constant exponent has no use for its adjoint; skipping it keeps the
                        // ln of a negative base (NaN) out of `(-2)^2`'s sweep.
                        let exponent_is_constant = matches!(steps[*right], Step::Number(_));
                        let to_exponent =
                            if exponent_is_constant || (a.value() == 0.0 && b.value() >= 0.0) {
                                zero
                            } else {
                                adjoint * result * a.ln()
                            };
                        (to_base, to_exponent)
                    }
                };
                adjoints[*left] = adjoints[*left] + to_left;
                adjoints[*right] = adjoints[*right] + to_right;
            }
        }
    }
    gradient
}

/// `d function(argument) / d argument`, given the argument and the function's value there.
fn call_derivative<S: Scalar>(function: Function, argument: S, result: S) -> S {
    let one = S::constant(1.0);
    match function {
        Function::Sin => argument.cos(),
        Function::Cos => -argument.sin(),
        Function::Tan => one + result * result,
        Function::Exp => result,
        Function::Log => one / argument,
        Function::Sqrt => S::constant(0.5) / result,
        Function::Abs => S::constant(sign(argument.value())),
        Function::Tanh => one - result * result,
    }
}

/// The value and the gradient at `at`, from one forward and one backward pass.
pub fn value_and_gradient(steps: &[Step], at: &[f64], variable_count: usize) -> (f64, Vec<f64>) {
    let values = forward::<f64>(steps, at);
    let value = values.last().copied().unwrap_or(f64::NAN);
    (value, reverse(steps, &values, variable_count))
}

/// The Hessian at `at`, row by row: for each variable `k`, the reverse sweep on dual numbers whose
/// tangent is 1 in `k` gives column `k`. The result is symmetrised (the two mixed partials are
/// mathematically equal and differ here only in rounding), so callers can rely on symmetry.
pub fn hessian(steps: &[Step], at: &[f64], variable_count: usize) -> Vec<Vec<f64>> {
    let columns: Vec<Vec<f64>> = (0..variable_count)
        .map(|direction| {
            let seeded: Vec<Dual> = (0..variable_count)
                .map(|index| Dual {
                    value: at.get(index).copied().unwrap_or(f64::NAN),
                    tangent: if index == direction { 1.0 } else { 0.0 },
                })
                .collect();
            let values = forward::<Dual>(steps, &seeded);
            reverse(steps, &values, variable_count)
                .into_iter()
                .map(|entry| entry.tangent)
                .collect()
        })
        .collect();
    (0..variable_count)
        .map(|row| {
            (0..variable_count)
                .map(|column| 0.5 * (columns[column][row] + columns[row][column]))
                .collect()
        })
        .collect()
}
