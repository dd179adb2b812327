//! The `downhill` binary, run as a user runs it: what it prints for good arguments, and a clear
//! message (never a panic) with exit status 2 for a usage error and 1 for a failure while running.

use downhill_core::optimizers::{Hyperparameters, OptimizerKind};
use downhill_core::surfaces::{Rosenbrock, Surface, SurfaceKind};
use downhill_core::trajectory::run;
use downhill_plots::still::{RaceStillRun, race_still_svg};
use serde_json::Value;
use std::process::{Command, Output};

fn downhill(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_downhill"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout_of(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

fn stderr_of(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("UTF-8 output")
}

/// Runs with arguments that must succeed, and returns standard output.
fn succeed(args: &[&str]) -> String {
    let output = downhill(args);
    assert!(output.status.success(), "{args:?}: {}", stderr_of(&output));
    stdout_of(&output)
}

/// Runs with arguments that must fail with exit status `code`, and returns standard error.
fn fail_with(code: i32, args: &[&str]) -> String {
    let output = downhill(args);
    let stderr = stderr_of(&output);
    assert_eq!(
        output.status.code(),
        Some(code),
        "{args:?} should fail with {code}: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{args:?} panicked: {stderr}");
    assert!(
        stdout_of(&output).is_empty(),
        "{args:?} printed to stdout on failure"
    );
    stderr
}

/// Runs with arguments the tool must refuse (exit status 2, with a pointer to `--help`), and returns
/// standard error.
fn usage_error(args: &[&str]) -> String {
    let stderr = fail_with(2, args);
    assert!(stderr.contains("downhill --help"), "{args:?}: {stderr}");
    stderr
}

/// Runs with valid arguments whose run must fail (exit status 1), and returns standard error.
fn run_failure(args: &[&str]) -> String {
    fail_with(1, args)
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).expect("valid JSON")
}

fn numbers(value: &Value) -> Vec<f64> {
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|entry| entry.as_f64().expect("a number"))
        .collect()
}

#[test]
fn a_negative_start_works_both_with_an_equals_sign_and_as_the_next_argument() {
    let common = [
        "run",
        "--surface",
        "rosenbrock",
        "--optimizer",
        "adam",
        "--steps",
        "4",
        "--format",
        "json",
    ];
    let joined = succeed(&[&common[..], &["--start=-1.2,1"]].concat());
    let separate = succeed(&[&common[..], &["--start", "-1.2,1"]].concat());
    assert_eq!(joined, separate);
    let object = json(&joined);
    assert_eq!(numbers(&object["points"][0]), [-1.2, 1.0]);
    let first_loss = numbers(&object["losses"])[0];
    assert!((first_loss - Rosenbrock.value(-1.2, 1.0)).abs() <= 1e-13);
    assert_eq!(object["outcome"]["kind"], "completed");
    assert_eq!(object["outcome"]["steps"], 4);
    assert_eq!(object["points"].as_array().map(Vec::len), Some(5));
}

#[test]
fn the_json_path_is_the_librarys_path() {
    let stdout = succeed(&[
        "run",
        "--surface",
        "himmelblau",
        "--optimizer",
        "nesterov",
        "--start",
        "-1,-1",
        "--steps",
        "50",
        "--format",
        "json",
    ]);
    let object = json(&stdout);
    let hyperparameters = Hyperparameters::defaults_for(OptimizerKind::Nesterov);
    let expected = run(
        &downhill_core::surfaces::Himmelblau,
        OptimizerKind::Nesterov,
        &hyperparameters,
        [-1.0, -1.0],
        50,
    );
    // The binary prints every number exactly, but serde_json's default parser may read a decimal back
    // one unit in the last place off, so the comparison allows that much.
    let same = |printed: f64, computed: f64| {
        (printed - computed).abs() <= 2.0 * f64::EPSILON * computed.abs()
    };
    let points: Vec<Vec<f64>> = object["points"]
        .as_array()
        .expect("points")
        .iter()
        .map(numbers)
        .collect();
    assert_eq!(points.len(), expected.points.len());
    for (printed, computed) in points.iter().zip(&expected.points) {
        assert!(
            same(printed[0], computed[0]) && same(printed[1], computed[1]),
            "{printed:?} against {computed:?}"
        );
    }
    let losses = numbers(&object["losses"]);
    assert_eq!(losses.len(), expected.losses.len());
    assert!(
        losses
            .iter()
            .zip(&expected.losses)
            .all(|(printed, computed)| same(*printed, *computed))
    );
    assert_eq!(object["hyperparameters"]["mu"], 0.9);
    assert_eq!(object["optimizer"], "nesterov");
}

#[test]
fn every_optimizer_on_every_surface_prints_a_finite_path_with_its_outcome() {
    for surface in SurfaceKind::ALL {
        for optimizer in OptimizerKind::ALL {
            let stdout = succeed(&[
                "run",
                "--surface",
                surface.name(),
                "--optimizer",
                optimizer.name(),
                "--steps",
                "30",
                "--format",
                "json",
            ]);
            let object = json(&stdout);
            let losses = numbers(&object["losses"]);
            let points = object["points"].as_array().expect("points");
            assert_eq!(points.len(), losses.len(), "{surface} {optimizer}");
            assert!(!points.is_empty(), "{surface} {optimizer}");
            assert!(
                losses.iter().all(|loss| loss.is_finite()),
                "{surface} {optimizer}"
            );
            assert_eq!(
                numbers(&points[0]),
                surface.build().default_start(),
                "{surface} {optimizer}"
            );
            let kind = object["outcome"]["kind"].as_str().expect("an outcome kind");
            assert!(
                ["completed", "converged", "diverged", "stopped"].contains(&kind),
                "{kind}"
            );
        }
    }
}

#[test]
fn hyperparameter_flags_change_the_update() {
    // SGD on the bowl multiplies the point by 1 - 2 lr: with lr 0.25 the first step halves it.
    let stdout = succeed(&[
        "run",
        "--surface",
        "bowl",
        "--optimizer",
        "sgd",
        "--start",
        "1,-2",
        "--steps",
        "1",
        "--lr",
        "0.25",
        "--format",
        "json",
    ]);
    let object = json(&stdout);
    assert_eq!(numbers(&object["points"][1]), [0.5, -1.0]);
    assert_eq!(object["hyperparameters"]["learning_rate"], 0.25);
}

#[test]
fn a_flag_the_optimizer_does_not_use_gets_a_note_and_changes_nothing() {
    let output = downhill(&[
        "run",
        "--surface",
        "bowl",
        "--optimizer",
        "adam",
        "--mu",
        "0.3",
        "--steps",
        "3",
        "--format",
        "json",
    ]);
    assert!(output.status.success());
    assert!(stderr_of(&output).contains("adam does not use mu"));
    let plain = succeed(&[
        "run",
        "--surface",
        "bowl",
        "--optimizer",
        "adam",
        "--steps",
        "3",
        "--format",
        "json",
    ]);
    assert_eq!(stdout_of(&output), plain);
}

#[test]
fn the_text_table_has_a_row_per_point_and_ends_with_the_outcome() {
    let stdout = succeed(&[
        "run",
        "--surface",
        "bowl",
        "--optimizer",
        "newton",
        "--steps",
        "5",
    ]);
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with("# bowl with newton"), "{stdout}");
    // Newton solves the bowl in one step: the start, one step, then the outcome.
    assert_eq!(lines.len(), 2 + 2 + 1, "{stdout}");
    assert_eq!(lines.last(), Some(&"outcome: converged at step 1"));
}

#[test]
fn csv_has_a_header_and_a_row_per_point_and_the_outcome_goes_to_standard_error() {
    let output = downhill(&[
        "run",
        "--surface",
        "ravine",
        "--optimizer",
        "rmsprop",
        "--steps",
        "7",
        "--format",
        "csv",
    ]);
    assert!(output.status.success());
    let stdout = stdout_of(&output);
    let mut lines = stdout.lines();
    assert_eq!(lines.next(), Some("step,x,y,loss"));
    let rows: Vec<Vec<f64>> = lines
        .map(|line| {
            line.split(',')
                .map(|field| field.parse().expect("a number"))
                .collect()
        })
        .collect();
    assert_eq!(rows.len(), 8);
    for (step_idx, row) in rows.iter().enumerate() {
        assert_eq!(row.len(), 4);
        assert_eq!(row[0], step_idx as f64);
    }
    assert!(stderr_of(&output).contains("outcome: completed 7 steps"));
}

#[test]
fn a_diverging_run_reports_the_step_and_prints_no_nan() {
    let stdout = succeed(&[
        "run",
        "--surface",
        "bowl",
        "--optimizer",
        "sgd",
        "--lr",
        "10",
        "--steps",
        "100",
        "--format",
        "json",
    ]);
    assert!(!stdout.contains("NaN") && !stdout.contains("null"));
    let object = json(&stdout);
    assert_eq!(object["outcome"]["kind"], "diverged");
    let step = object["outcome"]["step"].as_u64().expect("a step") as usize;
    assert_eq!(object["points"].as_array().map(Vec::len), Some(step));
}

#[test]
fn grad_prints_both_gradients_and_their_relative_errors() {
    let stdout = succeed(&[
        "grad",
        "--surface",
        "rosenbrock",
        "--at=-1.2,1",
        "--format",
        "json",
    ]);
    let object = json(&stdout);
    let analytic = numbers(&object["analytic"]);
    let expected = Rosenbrock.gradient(-1.2, 1.0);
    assert!(
        (analytic[0] - expected[0]).abs() <= 1e-12 && (analytic[1] - expected[1]).abs() <= 1e-12
    );
    let numerical = numbers(&object["numerical"]);
    for (coordinate, error) in numbers(&object["relative_error"]).into_iter().enumerate() {
        let expected = (analytic[coordinate] - numerical[coordinate]).abs()
            / analytic[coordinate].abs().max(numerical[coordinate].abs());
        assert!(
            (error - expected).abs() <= 1e-3 * expected + 1e-15 && error < 1e-7,
            "{error}"
        );
    }
    assert_eq!(object["h"], 1e-5);

    let text = succeed(&[
        "grad",
        "--surface",
        "bumpy",
        "--at",
        "-0.5,0.25",
        "--h",
        "1e-4",
    ]);
    assert!(
        text.starts_with("# bumpy at (-0.5, 0.25), centered difference with h = 0.0001"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 4);
}

#[test]
fn version_prints_the_package_version() {
    for flag in ["--version", "-V"] {
        let stdout = succeed(&[flag]);
        assert_eq!(stdout, format!("downhill {}\n", env!("CARGO_PKG_VERSION")));
    }
}

#[test]
fn help_lists_every_surface_and_optimizer_the_core_has() {
    let help = succeed(&["--help"]);
    let surfaces: Vec<&str> = SurfaceKind::ALL.iter().map(|kind| kind.name()).collect();
    assert!(help.contains(&surfaces.join(", ")), "{help}");
    let optimizers: Vec<&str> = OptimizerKind::ALL.iter().map(|kind| kind.name()).collect();
    assert!(help.contains(&optimizers.join(", ")), "{help}");
    assert!(help.contains("Exit status"), "{help}");
    // The hinge bowl is the core's one function that is not a 2-D surface; asking for it says why.
    let stderr = usage_error(&["grad", "--surface", "hinge-bowl", "--at", "0,0"]);
    assert!(stderr.contains("one weight"), "{stderr}");
    assert!(stderr.contains(&surfaces.join(", ")), "{stderr}");
}

#[test]
fn help_prints_the_usage() {
    for args in [
        &["--help"][..],
        &["help"],
        &["run", "--help"],
        &["grad", "-h"],
    ] {
        let stdout = succeed(args);
        assert!(
            stdout.contains("downhill run --surface NAME --optimizer NAME"),
            "{args:?}"
        );
        assert!(
            stdout.contains("downhill grad --surface NAME --at X,Y"),
            "{args:?}"
        );
    }
}

#[test]
fn bad_arguments_get_a_clear_message_and_the_usage_error_status() {
    let cases: [(&[&str], &str); 14] = [
        (&[], "no command"),
        (&["walk"], "unknown command"),
        (&["run", "--optimizer", "sgd"], "--surface"),
        (&["run", "--surface", "bowl"], "--optimizer"),
        (
            &["run", "--surface", "banana", "--optimizer", "sgd"],
            "bounded-saddle",
        ),
        (
            &["run", "--surface", "bowl", "--optimizer", "lbfgs"],
            "rmsprop",
        ),
        (
            &[
                "run",
                "--surface",
                "bowl",
                "--optimizer",
                "sgd",
                "--start",
                "1",
            ],
            "X,Y",
        ),
        (
            &[
                "run",
                "--surface",
                "bowl",
                "--optimizer",
                "sgd",
                "--start",
                "a,b",
            ],
            "number",
        ),
        (
            &[
                "run",
                "--surface",
                "bowl",
                "--optimizer",
                "sgd",
                "--steps",
                "-3",
            ],
            "--steps",
        ),
        (
            &[
                "run",
                "--surface",
                "bowl",
                "--optimizer",
                "sgd",
                "--lr",
                "-1",
            ],
            "learning_rate",
        ),
        (
            &[
                "run",
                "--surface",
                "bowl",
                "--optimizer",
                "adam",
                "--beta1",
                "1",
            ],
            "beta1",
        ),
        (
            &[
                "run",
                "--surface",
                "bowl",
                "--optimizer",
                "sgd",
                "--format",
                "xml",
            ],
            "format",
        ),
        (
            &[
                "run",
                "--surface",
                "bowl",
                "--optimizer",
                "sgd",
                "--speed",
                "3",
            ],
            "speed",
        ),
        (
            &["grad", "--surface", "bowl", "--at", "1,1", "--h", "0"],
            "step h",
        ),
    ];
    for (args, fragment) in cases {
        let stderr = usage_error(args);
        assert!(
            stderr.contains(fragment),
            "{args:?}: expected `{fragment}` in {stderr}"
        );
    }
}

#[test]
fn a_start_whose_loss_overflows_is_a_failure_while_running() {
    // The arguments are valid; the run cannot begin, because the loss at the start is infinite.
    let stderr = run_failure(&[
        "run",
        "--surface",
        "bowl",
        "--optimizer",
        "sgd",
        "--start",
        "1e200,0",
    ]);
    assert!(stderr.contains("cannot start"), "{stderr}");
    assert!(!stderr.contains("--help"), "not a usage error: {stderr}");
}

#[test]
fn svg_is_the_sites_race_still_of_the_run_titled_with_the_settings() {
    let path = std::env::temp_dir().join(format!("downhill-cli-test-{}.svg", std::process::id()));
    let path_text = path.to_str().expect("a UTF-8 temporary path");
    succeed(&[
        "run",
        "--surface",
        "rosenbrock",
        "--optimizer",
        "adam",
        "--steps",
        "200",
        "--svg",
        path_text,
    ]);
    let svg = std::fs::read_to_string(&path).expect("the SVG was written");
    let _ = std::fs::remove_file(&path);

    // The same run, drawn by the function that draws the race's stills on the lesson pages.
    let start = Rosenbrock.default_start();
    let trajectory = run(
        &Rosenbrock,
        OptimizerKind::Adam,
        &Hyperparameters::defaults_for(OptimizerKind::Adam),
        start,
        200,
    );
    let runs = [RaceStillRun {
        kind: OptimizerKind::Adam,
        points: &trajectory.points,
    }];
    let site_still = race_still_svg(&Rosenbrock, &runs, start);

    let title_start = svg.find("<title>").expect("a title");
    let title_end = svg.find("</title>").expect("a closed title") + "</title>".len();
    let title = &svg[title_start..title_end];
    assert!(title.contains("rosenbrock with adam"), "{title}");
    assert!(title.contains("200 steps"), "{title}");
    let untitled = format!("{}{}", &svg[..title_start], &svg[title_end..]);
    assert!(
        untitled == site_still,
        "the command's SVG is not the site's race still"
    );
    assert!(
        svg.contains(">Adam</text>"),
        "the legend names the optimizer"
    );
    assert!(!svg.contains("NaN"));
}

#[test]
fn an_svg_file_that_cannot_be_written_is_a_failure_while_running() {
    let unwritable = std::env::temp_dir()
        .join("no-such-directory-for-downhill")
        .join("out.svg");
    let stderr = run_failure(&[
        "run",
        "--surface",
        "bowl",
        "--optimizer",
        "sgd",
        "--svg",
        unwritable.to_str().expect("UTF-8"),
    ]);
    assert!(stderr.contains("cannot draw"), "{stderr}");
}
