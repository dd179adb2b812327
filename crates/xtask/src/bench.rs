//! `cargo xtask bench`: every figure of the speed budgets in one run, in the browser and natively.
//!
//! It builds the release site, and a second copy with the benchmark entry points
//! (`downhill-web`'s `bench-entry-points` feature, left out of the shipped module) for the
//! side-by-side figures, runs the browser harness (`tests/bench/browser.mjs`) on both, runs the
//! core's criterion benches with a short measurement time, and prints one summary table. Benchmarks report
//! numbers: a figure over its budget is marked in the table, never turned into a failure, so a slow
//! machine cannot break anything.

use crate::shell::{command, repo_root, run};
use crate::tools::{self, Needs};
use anyhow::{Context, Result, bail};
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// Criterion's time per benchmark: long enough for a stable median on an idle machine, short
/// enough that all the core's benches finish in about a minute.
const CRITERION_ARGS: [&str; 4] = ["--warm-up-time", "1", "--measurement-time", "2"];

/// The criterion group whose runs the wasm harness repeats, so the two rates compare directly.
const NATIVE_RACE_GROUP: &str = "1,000-step runs on the bounded saddle/";

/// The digits benches and their budget: one full-data loss and gradient at most 5 ms.
const DIGITS_GROUP: &str = "full digits (1,797 x 65, 10 classes)/";
const DIGITS_BUDGET_MS: f64 = 5.0;

/// The ten-point step-size sweep natively, both ways, and its budget: at most 50 ms.
const SWEEP_GROUP: &str = "ten-point step-size sweep on the full digits/";
const SWEEP_BUDGET_MS: f64 = 50.0;

/// One figure for the summary table.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub key: String,
    pub value: f64,
    pub unit: String,
    /// The most the figure may be; `None` when it has no budget of its own.
    pub budget: Option<f64>,
    pub description: String,
}

/// One criterion result: the median of its time estimate and, when it has one, of its throughput.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionResult {
    pub name: String,
    pub time_ms: f64,
    /// Elements (here optimizer steps) per second.
    pub per_second: Option<f64>,
}

pub fn bench(all_arguments: &[String]) -> Result<()> {
    let arguments = without_before_dist(all_arguments);
    let arguments = arguments.as_slice();
    let prebuilt = prebuilt_sites(arguments)?;
    let browser = tools::install_all(Needs::EVERYTHING)?
        .context("the browser benchmarks need Chromium, which was not installed")?;
    let sites = match prebuilt {
        Some(sites) => sites,
        None => {
            run(command("trunk").args(["build", "--release"]))?;
            let bench_site = repo_root().join("target/bench-site");
            run(command("trunk")
                .args([
                    "build",
                    "--release",
                    "--features",
                    "bench-entry-points",
                    "--dist",
                ])
                .arg(&bench_site))?;
            Sites {
                shipped: repo_root().join("dist"),
                with_entry_points: Some(bench_site),
            }
        }
    };

    let mut harness = command("node");
    harness
        .arg("tests/bench/browser.mjs")
        .env("DOWNHILL_DIST", &sites.shipped)
        .env("DOWNHILL_CHROMIUM", &browser.chromium);
    if let Some(with_entry_points) = &sites.with_entry_points {
        harness.env("DOWNHILL_BENCH_DIST", with_entry_points);
    }
    // `--before-dist DIR`: an older build, measured beside this one in the same run (long tasks,
    // Lighthouse), so a before and after share the machine's conditions.
    if let Some(before) = before_dist(all_arguments) {
        harness.env("DOWNHILL_BEFORE_DIST", before);
    }
    // The harness exits non-zero only when it could measure nothing; the native figures still count.
    let browser_output = run_echoing(&mut harness).unwrap_or_else(|error| {
        eprintln!("The browser harness failed: {error:#}");
        String::new()
    });
    let mut figures = parse_harness_lines(&browser_output);

    let mut criterion = command("cargo");
    criterion
        .args([
            "bench",
            "--package",
            "downhill-core",
            "--bench",
            "classifiers",
            "--bench",
            "optimizers",
            "--",
        ])
        .args(CRITERION_ARGS);
    let native_output = run_echoing(&mut criterion)?;
    let native = parse_criterion(&native_output);
    figures.extend(native_figures(&native, &figures));

    println!("\n{}", summary_table(&figures));
    Ok(())
}

/// The built sites the harness measures: the one readers get, and the same site with the
/// benchmark entry points, without which the side-by-side figures are skipped.
struct Sites {
    shipped: PathBuf,
    with_entry_points: Option<PathBuf>,
}

/// `--dist DIR` measures a site already built in DIR instead of building one; `--bench-dist DIR2`
/// adds a site built with `trunk build --release --features bench-entry-points --dist DIR2`.
fn prebuilt_sites(arguments: &[String]) -> Result<Option<Sites>> {
    match arguments {
        [] => Ok(None),
        [flag, dir] if flag == "--dist" => Ok(Some(Sites {
            shipped: PathBuf::from(dir),
            with_entry_points: None,
        })),
        [flag, dir, bench_flag, bench_dir] if flag == "--dist" && bench_flag == "--bench-dist" => {
            Ok(Some(Sites {
                shipped: PathBuf::from(dir),
                with_entry_points: Some(PathBuf::from(bench_dir)),
            }))
        }
        _ => bail!("usage: cargo xtask bench [--dist DIR [--bench-dist DIR]] [--before-dist DIR]"),
    }
}

/// The folder after `--before-dist`, if any.
fn before_dist(arguments: &[String]) -> Option<PathBuf> {
    let at = arguments
        .iter()
        .position(|argument| argument == "--before-dist")?;
    arguments.get(at + 1).map(PathBuf::from)
}

/// The arguments without `--before-dist DIR`, for the other flags' reader.
fn without_before_dist(arguments: &[String]) -> Vec<String> {
    match arguments
        .iter()
        .position(|argument| argument == "--before-dist")
    {
        Some(at) => [&arguments[..at], arguments.get(at + 2..).unwrap_or(&[])].concat(),
        None => arguments.to_vec(),
    }
}

/// Runs a command, printing its standard output as it comes, and returns that output.
fn run_echoing(command: &mut Command) -> Result<String> {
    let shown = format!("{command:?}");
    eprintln!("$ {shown}");
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .with_context(|| format!("could not start {shown}"))?;
    let mut output = String::new();
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines() {
            let line = line?;
            // The harness's machine-readable copies are for the summary table, not for people.
            if !line.starts_with("BENCH\t") {
                println!("{line}");
            }
            output.push_str(&line);
            output.push('\n');
        }
    }
    let status = child.wait()?;
    if !status.success() {
        bail!("{shown} failed ({status})");
    }
    Ok(output)
}

/// The figures the harness printed as `BENCH<tab>key<tab>value<tab>unit<tab>budget<tab>description`.
pub fn parse_harness_lines(output: &str) -> Vec<Figure> {
    output
        .lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let [tag, key, value, unit, budget, description] = fields.as_slice() else {
                return None;
            };
            if *tag != "BENCH" {
                return None;
            }
            Some(Figure {
                key: key.to_string(),
                value: value.parse().ok()?,
                unit: unit.to_string(),
                budget: budget.parse().ok(),
                description: description.to_string(),
            })
        })
        .collect()
}

/// Reads criterion's report: a name, then `time: [low median high]` on the same line or the next,
/// then possibly `thrpt: [low median high]`.
pub fn parse_criterion(output: &str) -> Vec<CriterionResult> {
    let mut results: Vec<CriterionResult> = Vec::new();
    let mut last_name = String::new();
    for line in output.lines() {
        if let Some((before, estimate)) = line.split_once("time:") {
            let name = if before.trim().is_empty() {
                last_name.clone()
            } else {
                before.trim().to_string()
            };
            if let Some(time_ms) = middle_estimate(estimate)
                .and_then(|(value, unit)| millis_per_unit(unit).map(|factor| value * factor))
            {
                results.push(CriterionResult {
                    name,
                    time_ms,
                    per_second: None,
                });
            }
        } else if let Some((_, estimate)) = line.split_once("thrpt:") {
            // Against a saved baseline criterion adds a `change:` block whose `thrpt:` line holds
            // percentages; only the first, absolute throughput after a time is the result's.
            let rate = middle_estimate(estimate)
                .and_then(|(value, unit)| elements_per_unit(unit).map(|factor| value * factor));
            if let (Some(rate), Some(last)) = (rate, results.last_mut())
                && last.per_second.is_none()
            {
                last.per_second = Some(rate);
            }
        } else if !line.trim().is_empty() && !line.starts_with(' ') {
            last_name = line.trim().to_string();
        }
    }
    results
}

/// The middle of criterion's `[low median high]` as a number and its unit.
fn middle_estimate(estimate: &str) -> Option<(f64, &str)> {
    let inside = estimate.trim().strip_prefix('[')?.split(']').next()?;
    let words: Vec<&str> = inside.split_whitespace().collect();
    let [_, _, value, unit, _, _] = words.as_slice() else {
        return None;
    };
    Some((value.parse().ok()?, unit))
}

fn millis_per_unit(unit: &str) -> Option<f64> {
    Some(match unit {
        "s" => 1e3,
        "ms" => 1.0,
        "µs" | "us" => 1e-3,
        "ns" => 1e-6,
        "ps" => 1e-9,
        _ => return None,
    })
}

fn elements_per_unit(unit: &str) -> Option<f64> {
    Some(match unit {
        "elem/s" => 1.0,
        "Kelem/s" => 1e3,
        "Melem/s" => 1e6,
        "Gelem/s" => 1e9,
        _ => return None,
    })
}

/// The digits figures against their budget, and each optimizer's native rate beside its wasm rate.
pub fn native_figures(native: &[CriterionResult], browser: &[Figure]) -> Vec<Figure> {
    let mut figures = Vec::new();
    for result in native {
        if let Some(loss) = result.name.strip_prefix(DIGITS_GROUP) {
            figures.push(Figure {
                key: format!("native.digits.{}", loss.replace(' ', "_")),
                value: result.time_ms,
                unit: "ms".to_string(),
                budget: loss.contains("gradient").then_some(DIGITS_BUDGET_MS),
                description: format!("Digits natively: {loss}, criterion median"),
            });
        }
        if let Some(way) = result.name.strip_prefix(SWEEP_GROUP) {
            figures.push(Figure {
                key: format!("native.sweep.{}", way.replace([' ', ','], "_")),
                value: result.time_ms,
                unit: "ms".to_string(),
                budget: Some(SWEEP_BUDGET_MS),
                description: format!("Ten-point step-size sweep natively: {way}, criterion median"),
            });
        }
        let (Some(optimizer), Some(native_rate)) = (
            result.name.strip_prefix(NATIVE_RACE_GROUP),
            result.per_second,
        ) else {
            continue;
        };
        figures.push(Figure {
            key: format!("native.steps.{optimizer}"),
            value: native_rate,
            unit: "steps/s".to_string(),
            budget: None,
            description: format!("Optimizer steps natively, {optimizer}, 1,000-step runs"),
        });
        let wasm_key = format!("wasm.steps.{optimizer}");
        if let Some(wasm) = browser.iter().find(|figure| figure.key == wasm_key) {
            figures.push(Figure {
                key: format!("ratio.steps.{optimizer}"),
                value: native_rate / wasm.value,
                unit: "x".to_string(),
                budget: None,
                description: format!("Optimizer steps, {optimizer}: native over wasm"),
            });
        }
    }
    figures
}

/// One line per figure: the value, the budget and whether it is met, with the margin in percent.
pub fn summary_table(figures: &[Figure]) -> String {
    let description_width = figures
        .iter()
        .map(|figure| figure.description.chars().count())
        .max()
        .unwrap_or(0);
    let mut table = format!(
        "{:<description_width$}  {:>14}  {:>10}  verdict\n",
        "figure", "value", "budget"
    );
    for figure in figures {
        let value = format!("{} {}", format_value(figure.value), figure.unit);
        let (budget, verdict) = match figure.budget {
            Some(budget) => (format_value(budget), verdict(figure.value, budget)),
            None => ("-".to_string(), String::new()),
        };
        table.push_str(&format!(
            "{:<description_width$}  {value:>14}  {budget:>10}  {verdict}\n",
            figure.description
        ));
    }
    table
}

/// "met (62% under)" or "NOT met (40% over)"; a budget of zero is met only by zero.
pub fn verdict(value: f64, budget: f64) -> String {
    if budget == 0.0 {
        return if value == 0.0 {
            "met".to_string()
        } else {
            "NOT met".to_string()
        };
    }
    if value <= budget {
        format!("met ({:.0}% under)", (budget - value) / budget * 100.0)
    } else {
        format!("NOT met ({:.0}% over)", (value - budget) / budget * 100.0)
    }
}

/// Three significant figures for small values, whole numbers for large ones.
fn format_value(value: f64) -> String {
    if value.abs() >= 1000.0 {
        format!("{value:.0}")
    } else {
        format!("{}", (value * 1000.0).round() / 1000.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criterion_names_on_their_own_line_and_inline_are_both_read() {
        let output = "\
full digits (1,797 x 65, 10 classes)/svm loss and gradient
                        time:   [1.0000 ms 1.2500 ms 1.5000 ms]
short                   time:   [10.000 µs 20.000 µs 30.000 µs]
                        thrpt:  [30.000 Melem/s 50.000 Melem/s 100.00 Melem/s]
                 change:
                        time:   [-1.0000% +2.0000% +3.0000%] (p = 0.10 > 0.05)
                        thrpt:  [-3.0000% -2.0000% +1.0000%]
";
        let results = parse_criterion(output);
        assert_eq!(results.len(), 2);
        assert_eq!(
            results[0].name,
            "full digits (1,797 x 65, 10 classes)/svm loss and gradient"
        );
        assert!((results[0].time_ms - 1.25).abs() < 1e-12);
        assert_eq!(results[1].name, "short");
        assert!((results[1].time_ms - 20.0 * 1e-3).abs() < 1e-12);
        assert_eq!(results[1].per_second, Some(50.0 * 1e6));
    }

    #[test]
    fn harness_lines_are_read_and_other_lines_ignored() {
        let output = "Race: 6 racers\nBENCH\trace.slider.p95\t3.5\tms\t8\tRace p95\nBENCH\tx\t2\tx\t-\tno budget\n";
        let figures = parse_harness_lines(output);
        assert_eq!(figures.len(), 2);
        assert_eq!(figures[0].budget, Some(8.0));
        assert_eq!(figures[0].value, 3.5);
        assert_eq!(figures[1].budget, None);
    }

    #[test]
    fn native_rates_are_set_beside_the_wasm_rates() {
        let native = vec![CriterionResult {
            name: format!("{NATIVE_RACE_GROUP}adam"),
            time_ms: 0.01,
            per_second: Some(4.0e7),
        }];
        let wasm_rate = 1.0e7;
        let browser = vec![Figure {
            key: "wasm.steps.adam".to_string(),
            value: wasm_rate,
            unit: "steps/s".to_string(),
            budget: None,
            description: String::new(),
        }];
        let figures = native_figures(&native, &browser);
        let ratio = figures
            .iter()
            .find(|figure| figure.key == "ratio.steps.adam")
            .expect("a ratio figure");
        assert_eq!(ratio.value, 4.0e7 / wasm_rate);
    }

    #[test]
    fn the_native_sweep_gets_its_own_budget() {
        let native = vec![CriterionResult {
            name: format!("{SWEEP_GROUP}svm, through the scores"),
            time_ms: 2.5,
            per_second: None,
        }];
        let figures = native_figures(&native, &[]);
        assert_eq!(figures.len(), 1);
        assert_eq!(figures[0].key, "native.sweep.svm__through_the_scores");
        assert_eq!(figures[0].budget, Some(SWEEP_BUDGET_MS));
        assert_eq!(figures[0].value, 2.5);
    }

    #[test]
    fn verdicts_give_the_margin_against_the_budget() {
        assert_eq!(verdict(4.0, 8.0), "met (50% under)");
        assert_eq!(verdict(12.0, 8.0), "NOT met (50% over)");
        assert_eq!(verdict(8.0, 8.0), "met (0% under)");
        assert_eq!(verdict(0.0, 0.0), "met");
        assert_eq!(verdict(3.0, 0.0), "NOT met");
    }
}
