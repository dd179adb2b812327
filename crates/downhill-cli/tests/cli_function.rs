//! `--function 'EXPR'`: typed formulas on the command line, their exact gradient, and bad formulas
//! refused with the core's message on standard error and the usage-error status.

use std::process::Command;

fn downhill(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_downhill"))
        .args(args)
        .output()
        .expect("the downhill binary runs")
}

#[test]
fn grad_prints_the_exact_gradient_of_a_typed_rosenbrock() {
    let output = downhill(&[
        "grad",
        "--function",
        "(1 - x)^2 + 100*(y - x^2)^2",
        "--at=-1.2,1",
        "--format",
        "json",
    ]);
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let (x, y) = (-1.2f64, 1.0f64);
    let expected = [
        -2.0 * (1.0 - x) - 400.0 * x * (y - x * x),
        200.0 * (y - x * x),
    ];
    for (axis, want) in expected.into_iter().enumerate() {
        let got = json["analytic"][axis].as_f64().unwrap();
        assert!((got - want).abs() <= 1e-12 * want.abs(), "{got} {want}");
    }
    assert_eq!(json["function"], "(1 - x)^2 + 100*(y - x^2)^2");
}

#[test]
fn bad_formulas_get_the_cores_message_on_stderr_and_exit_2() {
    for (formula, words) in [
        ("", "the formula is empty"),
        ("x + foo", "unknown name 'foo'"),
        ("(x + 1", "unbalanced parenthesis"),
        (&"x+".repeat(5000), "longer than 500 characters"),
        (
            &format!("{}x{}", "(".repeat(100), ")".repeat(100)),
            "nested more than 64 deep",
        ),
    ] {
        let output = downhill(&["run", "--function", formula, "--optimizer", "sgd"]);
        assert_eq!(output.status.code(), Some(2), "{formula}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(words), "{formula}: {stderr}");
        assert!(output.stdout.is_empty());
    }
}

#[test]
fn newton_runs_on_a_typed_quadratic() {
    let output = downhill(&[
        "run",
        "--function",
        "x^2 + 3*y^2",
        "--optimizer",
        "newton",
        "--start=1,1",
        "--format",
        "json",
    ]);
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["points"][1], serde_json::json!([0.0, 0.0]));
    assert_eq!(json["surface"], "custom");
}
