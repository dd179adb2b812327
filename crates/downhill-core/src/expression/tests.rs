//! The grammar's promises, the error for each kind of bad input, and the derivatives held against
//! centered differences on generated formulas.

use super::*;
use proptest::prelude::*;

fn value(text: &str) -> f64 {
    Expression::parse(text, &["x", "y"])
        .unwrap()
        .value(&[0.0, 0.0])
}

fn error(text: &str) -> ExpressionError {
    Expression::parse(text, &["x", "y"]).unwrap_err()
}

#[test]
fn power_binds_tighter_than_minus_and_groups_to_the_right() {
    assert_eq!(value("-2^2"), -4.0);
    assert_eq!(value("2^3^2"), 512.0);
    assert_eq!(value("2^-1"), 0.5);
    assert_eq!(value("-2^-2"), -0.25);
    assert_eq!(value("(-2)^2"), 4.0);
    assert_eq!(value("--3"), 3.0);
}

#[test]
fn the_other_operators_group_to_the_left_with_the_usual_precedence() {
    assert_eq!(value("8 - 3 - 2"), 3.0);
    assert_eq!(value("8 / 4 / 2"), 1.0);
    assert_eq!(value("1 + 2 * 3"), 7.0);
    assert_eq!(value("2 * 3 ^ 2"), 18.0);
    assert_eq!(value("1e-3 * 1000 + .5"), 1.5);
}

#[test]
fn constants_functions_and_variables_take_their_values() {
    let expression = Expression::parse("pi + e + x * y", &["x", "y"]).unwrap();
    assert_eq!(
        expression.value(&[2.0, 3.0]),
        std::f64::consts::PI + std::f64::consts::E + 6.0
    );
    let calls = [
        ("sin(1)", 1f64.sin()),
        ("cos(1)", 1f64.cos()),
        ("tan(1)", 1f64.tan()),
        ("exp(1)", 1f64.exp()),
        ("log(2)", 2f64.ln()),
        ("sqrt(2)", 2f64.sqrt()),
        ("abs(-2)", 2.0),
        ("tanh(1)", 1f64.tanh()),
    ];
    for (text, expected) in calls {
        assert_eq!(value(text), expected, "{text}");
    }
    assert_eq!(expression.variables(), ["x".to_string(), "y".to_string()]);
    assert!(matches!(
        expression.root(),
        Node::Binary(BinaryOp::Add, _, _)
    ));
}

#[test]
fn each_kind_of_bad_input_gets_its_own_error_at_the_right_character() {
    assert_eq!(error("   ").kind, ExpressionErrorKind::Empty);
    let unknown = error("x + foo");
    assert_eq!(unknown.kind, ExpressionErrorKind::UnknownName("foo".into()));
    assert_eq!(unknown.position, 4);
    assert_eq!(
        error("(x + 1").kind,
        ExpressionErrorKind::UnbalancedParenthesis
    );
    assert_eq!(error("(x + 1").position, 0);
    assert_eq!(
        error("x + 1)").kind,
        ExpressionErrorKind::UnbalancedParenthesis
    );
    assert_eq!(error("x + 1)").position, 5);
    assert_eq!(error("x +").kind, ExpressionErrorKind::ExpectedOperand);
    assert_eq!(error("x +").position, 3);
    assert_eq!(error("* x").kind, ExpressionErrorKind::ExpectedOperand);
    assert_eq!(error("()").kind, ExpressionErrorKind::ExpectedOperand);
    assert_eq!(error("2x").kind, ExpressionErrorKind::ExpectedOperator);
    assert_eq!(error("2x").position, 1);
    assert_eq!(error("(x)(y)").kind, ExpressionErrorKind::ExpectedOperator);
    assert_eq!(error("(x y)").kind, ExpressionErrorKind::ExpectedOperator);
    assert_eq!(
        error("sin x").kind,
        ExpressionErrorKind::FunctionWithoutParenthesis("sin".into())
    );
    assert_eq!(
        error("x = 1").kind,
        ExpressionErrorKind::UnexpectedCharacter('=')
    );
    assert_eq!(
        error("z").kind,
        ExpressionErrorKind::UnknownName("z".into())
    );
}

#[test]
fn ten_thousand_characters_and_nesting_five_hundred_deep_are_refused_with_the_limit() {
    let long = "x+".repeat(5000);
    let refused = error(&long);
    assert_eq!(
        refused.kind,
        ExpressionErrorKind::TooLong {
            limit: MAX_EXPRESSION_CHARS
        }
    );
    assert!(refused.to_string().contains("500"), "{refused}");
    for deep in [
        format!("{}x{}", "(".repeat(200), ")".repeat(200)),
        format!("{}x", "-".repeat(300)),
        format!("{}x{}", "sin(".repeat(70), ")".repeat(70)),
        format!("x{}", "^x".repeat(200)),
    ] {
        let refused = error(&deep);
        assert!(
            matches!(refused.kind, ExpressionErrorKind::TooDeep { limit: 64 }),
            "{refused:?}"
        );
        assert!(refused.to_string().contains("64"), "{refused}");
    }
    // Nesting 500 deep does not fit in 500 characters: it is refused for its length, politely.
    let five_hundred_deep = format!("{}x{}", "(".repeat(500), ")".repeat(500));
    assert!(matches!(
        error(&five_hundred_deep).kind,
        ExpressionErrorKind::TooLong { .. }
    ));
    // Exactly at the limits is fine.
    let at_limit = format!("{}x{}", "(".repeat(64), ")".repeat(64));
    assert!(Expression::parse(&at_limit, &["x", "y"]).is_ok());
    let longest = format!("x{}", "+x".repeat(249)) + "+";
    assert_eq!(longest.chars().count(), MAX_EXPRESSION_CHARS);
    assert_eq!(error(&longest).kind, ExpressionErrorKind::ExpectedOperand);
}

#[test]
fn infinities_and_nan_come_back_as_values_not_panics() {
    assert_eq!(value("1/0"), f64::INFINITY);
    assert!(value("log(-1)").is_nan());
    let huge = Expression::parse("x^1e308", &["x", "y"]).unwrap();
    assert_eq!(huge.value(&[2.0, 0.0]), f64::INFINITY);
    let gradient = huge.gradient(&[2.0, 0.0]);
    assert_eq!(gradient, vec![f64::INFINITY, 0.0]);
    let hessian = huge.hessian(&[2.0, 0.0]);
    assert_eq!(hessian.len(), 2);
    // A missing variable reads as NaN instead of indexing out of bounds.
    let missing = Expression::parse("x + y", &["x", "y"]).unwrap();
    assert!(missing.value(&[1.0]).is_nan());
    assert!(missing.gradient(&[]).len() == 2);
}

#[test]
fn the_derivative_of_abs_at_its_kink_is_zero_as_in_pytorch() {
    let kink = Expression::parse("abs(x) + abs(y - 1)", &["x", "y"]).unwrap();
    assert_eq!(kink.gradient(&[0.0, 1.0]), vec![0.0, 0.0]);
    assert_eq!(kink.gradient(&[-2.0, 3.0]), vec![-1.0, 1.0]);
    assert_eq!(kink.hessian(&[0.0, 1.0]), vec![vec![0.0; 2]; 2]);
}

#[test]
fn powers_follow_pytorch_at_zero() {
    // d/dx x^0 = 0 at x = 0 (not 0 * 0^-1 = NaN), and x^y at x = 0 has d/dy = 0.
    let flat = Expression::parse("x^0 + x^y", &["x", "y"]).unwrap();
    assert_eq!(flat.gradient(&[0.0, 2.0]), vec![0.0, 0.0]);
    // A negative base with a constant exponent stays finite: (-2)^3 has derivative 3 * 4 = 12.
    let cube = Expression::parse("x^3", &["x", "y"]).unwrap();
    assert_eq!(cube.gradient(&[-2.0, 0.0]), vec![12.0, 0.0]);
    assert_eq!(cube.hessian(&[-2.0, 0.0])[0][0], -12.0);
}

#[test]
fn known_gradients_and_hessians_are_exact() {
    let rosenbrock = Expression::parse("(1 - x)^2 + 100*(y - x^2)^2", &["x", "y"]).unwrap();
    let (x, y) = (-1.2, 1.0);
    let across: f64 = y - x * x;
    let expected = [-2.0 * (1.0 - x) - 400.0 * x * across, 200.0 * across];
    let gradient = rosenbrock.gradient(&[x, y]);
    for (got, want) in gradient.iter().zip(expected) {
        assert!((got - want).abs() <= 1e-12 * want.abs(), "{got} {want}");
    }
    let hessian = rosenbrock.hessian(&[x, y]);
    let expected = [
        [2.0 - 400.0 * y + 1200.0 * x * x, -400.0 * x],
        [-400.0 * x, 200.0],
    ];
    for row in 0..2 {
        for column in 0..2 {
            let (got, want) = (hessian[row][column], expected[row][column]);
            assert!((got - want).abs() <= 1e-12 * want.abs(), "{got} {want}");
        }
    }
}

/// Renders a tree fully parenthesised, so the generated text parses back to the same function.
fn render(node: &Node) -> String {
    match node {
        Node::Number(value) => format!("{value:?}"),
        Node::Variable(0) => "x".into(),
        Node::Variable(_) => "y".into(),
        Node::Unary(UnaryOp::Negate, operand) => format!("(-{})", render(operand)),
        Node::Binary(operator, left, right) => {
            format!("({} {} {})", render(left), operator.symbol(), render(right))
        }
        Node::Call(function, argument) => format!("{}({})", function.name(), render(argument)),
    }
}

/// Smooth formulas whose values stay moderate on `[-1.2, 1.2]^2`: no division by something that can
/// vanish, logs and roots only of `1 + u^2`, powers only squares, no `abs` (its kink would defeat a
/// centered difference that straddles it).
fn smooth_formula() -> impl Strategy<Value = Node> {
    let leaf = prop_oneof![
        Just(Node::Variable(0)),
        Just(Node::Variable(1)),
        // Non-negative: a negative literal would render as `-2`, which parses back as `Negate(2)`.
        (0.0..2.0f64).prop_map(Node::Number),
    ];
    leaf.prop_recursive(4, 24, 2, |inner| {
        let one = || Box::new(Node::Number(1.0));
        let square =
            |node: Node| Node::Binary(BinaryOp::Power, Box::new(node), Box::new(Node::Number(2.0)));
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Node::Binary(
                BinaryOp::Add,
                Box::new(a),
                Box::new(b)
            )),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Node::Binary(
                BinaryOp::Subtract,
                Box::new(a),
                Box::new(b)
            )),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| Node::Binary(
                BinaryOp::Multiply,
                Box::new(a),
                Box::new(b)
            )),
            (inner.clone(), inner.clone()).prop_map(move |(a, b)| Node::Binary(
                BinaryOp::Divide,
                Box::new(a),
                Box::new(Node::Binary(BinaryOp::Add, one(), Box::new(square(b))))
            )),
            inner.clone().prop_map(square),
            inner
                .clone()
                .prop_map(|a| Node::Unary(UnaryOp::Negate, Box::new(a))),
            (
                prop_oneof![
                    Just(Function::Sin),
                    Just(Function::Cos),
                    Just(Function::Tanh),
                    Just(Function::Exp)
                ],
                inner.clone()
            )
                .prop_map(|(function, a)| Node::Call(
                    function,
                    Box::new(Node::Call(Function::Tanh, Box::new(a)))
                )),
            (
                prop_oneof![Just(Function::Log), Just(Function::Sqrt)],
                inner
            )
                .prop_map(move |(function, a)| Node::Call(
                    function,
                    Box::new(Node::Binary(BinaryOp::Add, one(), Box::new(square(a))))
                )),
        ]
    })
}

fn close(exact: f64, difference: f64, scale: f64) -> bool {
    (exact - difference).abs() <= 1e-5 * (1.0 + scale)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn gradients_and_hessians_match_centered_differences(
        tree in smooth_formula(),
        x in -1.2..1.2f64,
        y in -1.2..1.2f64,
    ) {
        let text = render(&tree);
        let expression = Expression::parse(&text, &["x", "y"]).unwrap();
        prop_assert_eq!(expression.root(), &tree);
        let step = 1e-5;
        let at = [x, y];
        let gradient = expression.gradient(&at);
        let hessian = expression.hessian(&at);
        let scale = expression.value(&at).abs()
            + gradient.iter().map(|entry| entry.abs()).sum::<f64>()
            + hessian.iter().flatten().map(|entry| entry.abs()).sum::<f64>();
        for direction in 0..2 {
            let mut ahead = at;
            let mut behind = at;
            ahead[direction] += step;
            behind[direction] -= step;
            let slope = (expression.value(&ahead) - expression.value(&behind)) / (2.0 * step);
            prop_assert!(close(gradient[direction], slope, scale),
                "{text}: d/d{direction} exact {} difference {slope}", gradient[direction]);
            let (gradient_ahead, gradient_behind) =
                (expression.gradient(&ahead), expression.gradient(&behind));
            for row in 0..2 {
                let curvature = (gradient_ahead[row] - gradient_behind[row]) / (2.0 * step);
                prop_assert!(close(hessian[row][direction], curvature, scale),
                    "{text}: H[{row}][{direction}] exact {} difference {curvature}",
                    hessian[row][direction]);
            }
        }
    }

    #[test]
    fn any_text_parses_or_fails_politely(text in "[-+*/^() .0-9a-z#]{0,80}") {
        if let Ok(expression) = Expression::parse(&text, &["x", "y"]) {
            let _ = expression.value(&[0.5, -0.5]);
            prop_assert_eq!(expression.gradient(&[0.5, -0.5]).len(), 2);
            prop_assert_eq!(expression.hessian(&[0.5, -0.5]).len(), 2);
        }
    }
}
