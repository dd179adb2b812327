//! The expression core's exact derivatives against an independent automatic differentiation: the
//! `num-dual` crate's dual numbers (first derivatives), second-order duals (`f_xx`, `f_yy`) and
//! hyper-duals (`f_xy`), evaluated over the same parsed tree, to 1e-12 relative.
//!
//! Agreement here means our reverse sweep and our forward-over-reverse Hessian implement the same
//! calculus as a library written by other people with other rules (num-dual's `powd`, `abs`, ...).

use downhill_core::expression::{BinaryOp, Expression, Function, Node, UnaryOp};
use num_dual::{DualNum, second_derivative, second_partial_derivative};

/// The tree evaluated in any num-dual number type.
fn reference<D: DualNum<Primitive = f64> + Copy>(node: &Node, x: D, y: D) -> D {
    match node {
        Node::Number(value) => D::from(*value),
        Node::Variable(0) => x,
        Node::Variable(_) => y,
        Node::Unary(UnaryOp::Negate, operand) => -reference(operand, x, y),
        Node::Binary(operator, left, right) => {
            let a = reference(left, x, y);
            match operator {
                BinaryOp::Add => a + reference(right, x, y),
                BinaryOp::Subtract => a - reference(right, x, y),
                BinaryOp::Multiply => a * reference(right, x, y),
                BinaryOp::Divide => a / reference(right, x, y),
                // A constant exponent (`-2` is `Negate(2)`) as a plain power, so negative bases work.
                BinaryOp::Power => match constant(right) {
                    Some(power) if power.fract() == 0.0 => a.powi(power as i32),
                    Some(power) => a.powf(power),
                    None => a.powd(reference(right, x, y)),
                },
            }
        }
        Node::Call(function, argument) => {
            let a = reference(argument, x, y);
            match function {
                Function::Sin => a.sin(),
                Function::Cos => a.cos(),
                Function::Tan => a.tan(),
                Function::Exp => a.exp(),
                Function::Log => a.ln(),
                Function::Sqrt => a.sqrt(),
                Function::Abs => a.abs(),
                Function::Tanh => a.tanh(),
            }
        }
    }
}

/// The value of a subtree without variables.
fn constant(node: &Node) -> Option<f64> {
    match node {
        Node::Number(value) => Some(*value),
        Node::Unary(UnaryOp::Negate, operand) => constant(operand).map(|value| -value),
        _ => None,
    }
}

/// Our five surfaces as the presets write them, and formulas that use every function and operator.
const FORMULAS: [&str; 11] = [
    "(1 - x)^2 + 100*(y - x^2)^2",
    "(1.5 - x + x*y)^2 + (2.25 - x + x*y^2)^2 + (2.625 - x + x*y^3)^2",
    "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
    "x^2 - y^2",
    "(x^2 + 20*y^2)/2",
    "sin(x)*cos(y) + exp(x*y/4)",
    "log(1 + x^2 + y^2) * tanh(x - y)",
    "sqrt(x^2 + y^2 + 1) / (2 + cos(x))",
    "tan(x/3) - -y^3 + abs(x - 3)",
    "(x^2 + 1)^(y/2) + 2^x",
    "-x^-2 + e^(x/5) * pi",
];

const POINTS: [[f64; 2]; 5] = [
    [-1.2, 1.0],
    [0.3, -0.7],
    [2.5, 1.5],
    [-2.0, -2.5],
    [1.1, 0.4],
];

fn assert_close(ours: f64, theirs: f64, what: &str) {
    let scale = ours.abs().max(theirs.abs()).max(1.0);
    assert!(
        (ours - theirs).abs() <= 1e-12 * scale,
        "{what}: ours {ours:e}, num-dual {theirs:e}"
    );
}

#[test]
fn gradients_and_hessians_equal_num_dual_to_1e_12() {
    for formula in FORMULAS {
        let expression = Expression::parse(formula, &["x", "y"]).unwrap();
        let root = expression.root();
        for [x, y] in POINTS {
            let gradient = expression.gradient(&[x, y]);
            let hessian = expression.hessian(&[x, y]);
            let (value, d_dx, d_dy, d2_dxdy) =
                second_partial_derivative(|(a, b)| reference(root, a, b), (x, y));
            let (_, _, d2_dx2) = second_derivative(|a| reference(root, a, y.into()), x);
            let (_, _, d2_dy2) = second_derivative(|b| reference(root, x.into(), b), y);
            let at = format!("{formula} at ({x}, {y})");
            assert_close(expression.value(&[x, y]), value, &format!("f of {at}"));
            assert_close(gradient[0], d_dx, &format!("df/dx of {at}"));
            assert_close(gradient[1], d_dy, &format!("df/dy of {at}"));
            assert_close(hessian[0][0], d2_dx2, &format!("f_xx of {at}"));
            assert_close(hessian[0][1], d2_dxdy, &format!("f_xy of {at}"));
            assert_close(hessian[1][0], d2_dxdy, &format!("f_yx of {at}"));
            assert_close(hessian[1][1], d2_dy2, &format!("f_yy of {at}"));
        }
    }
}
