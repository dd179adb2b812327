//! What the gradient check says in words, without any DOM: the numbers as the table prints them, the
//! verdict under the plot, the message line, the plot's text alternative and the CSV export. Each
//! judgement (band, verdict, bugs a check cannot see, best step) comes from the core.

use super::model::Model;
use downhill_core::gradient::check::Verdict;
use downhill_core::gradient::workbench::{
    best_centered_step, worst_centered_error_away_from_kinks,
};

/// A derivative as the table shows it: seven significant digits, so agreement can be read digit by
/// digit. Never NaN or infinity on the page.
pub(crate) fn derivative_text(value: f64) -> String {
    scientific(value, 6)
}

/// A derivative on a phone's narrow table: four significant digits.
pub(crate) fn short_derivative_text(value: f64) -> String {
    scientific(value, 3)
}

/// A relative error: three significant digits.
pub(crate) fn error_text(value: f64) -> String {
    scientific(value, 2)
}

fn scientific(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        "—".to_string()
    } else if value == 0.0 {
        "0".to_string()
    } else {
        format!("{value:.decimals$e}")
    }
}

/// A step or strength: `1e-5`, or `3.16e-5` between powers of ten.
pub(crate) fn step_text(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    let exponent = value.log10();
    if (exponent - exponent.round()).abs() < 1e-9 {
        format!("1e{}", exponent.round() as i64)
    } else {
        format!("{value:.2e}")
    }
}

/// The regularization slider's value: `0 (off)` at its lowest notch.
pub(crate) fn reg_text(reg: f64) -> String {
    if reg == 0.0 {
        "0 (off)".to_string()
    } else {
        step_text(reg)
    }
}

/// The kink column of a row.
pub(crate) fn kink_text(kink_crossed: bool, function_has_kinks: bool) -> &'static str {
    if kink_crossed {
        "crossed"
    } else if function_has_kinks {
        "no"
    } else {
        "none"
    }
}

fn verdict_text(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::ProbablyWrong => "the gradient is probably wrong.",
        Verdict::Uneasy => "uneasy: look closer before trusting this gradient.",
        Verdict::AcceptableWithKinks => "acceptable for a function with kinks.",
        Verdict::TooHighForSmooth => "too high for a smooth function: look closer.",
        Verdict::ChecksOut => "the gradient checks out.",
    }
}

/// The message line and the verdict paragraph.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Summary {
    pub(crate) message: String,
    pub(crate) verdict: String,
}

/// What the demo says about the check on show: the link's problems and `problem` (why nothing could
/// be built) in the message line, then the verdict with its caveats.
pub(crate) fn summary(model: &Model, settings_messages: &str, problem: Option<String>) -> Summary {
    let settings = model.settings;
    let mut messages = Vec::new();
    if !settings_messages.is_empty() {
        messages.push(settings_messages.to_string());
    }
    if let Some(problem) = problem {
        messages.push(problem);
    }
    let Some(workbench) = model.workbench.as_ref() else {
        if settings.function.uses_digits() && messages.is_empty() {
            messages.push("Loading the digits...".to_string());
        }
        return Summary {
            message: messages.join(" "),
            verdict: String::new(),
        };
    };
    let applied = workbench.applicable(settings.bugs);
    if settings.bugs != applied {
        messages.push(
            "This function has no mean over examples and no regularization: only the flipped \
             sign applies to it."
                .to_string(),
        );
    }

    let worst = worst_centered_error_away_from_kinks(&model.rows);
    let verdict = Verdict::of(worst, settings.function.has_kinks());
    let kinks = model.rows.iter().filter(|row| row.kink_crossed).count();
    let mut text = format!(
        "{} at a loss of {}, {} precision, h = {}. Worst centered relative error: {}, {}",
        workbench.function().label(),
        crate::format::format_number(workbench.loss_at_point()),
        settings.precision.name(),
        step_text(settings.h),
        error_text(worst),
        verdict_text(verdict)
    );
    if kinks > 0 {
        text.push_str(&format!(
            " {kinks} row{} crossed a kink and {} not counted.",
            if kinks == 1 { "" } else { "s" },
            if kinks == 1 { "is" } else { "are" }
        ));
    }
    if applied.any() {
        text.push_str(" A bug is planted in the analytic gradient.");
    }
    // Bugs a check cannot see at this setting: the lesson's advice in action.
    let unseen = workbench.unseen(settings.bugs);
    if unseen.dropped_mean {
        text.push_str(
            " With N = 1, dropping the 1/N changes nothing: check on at least two examples.",
        );
    }
    if unseen.no_regularization {
        text.push_str(
            " With the regularization off, leaving its gradient out changes nothing: raise it to \
             check that part.",
        );
    }
    Summary {
        message: messages.join(" "),
        verdict: text,
    }
}

/// The plot's text alternative: what it shows and the numbers at the current h.
pub(crate) fn describe_plot(model: &Model, parameter: &str) -> String {
    let mut label = format!(
        "Plot of the relative error of {parameter} against the step h from 1e-12 to 1e-1, for the \
         forward and centered differences, on log scales, over bands from good to probably wrong."
    );
    if let Some(row) = model.rows.get(model.settings.selected_row) {
        label.push_str(&format!(
            " At h = {}, the centered error is {} ({}) and the forward error {} ({}).",
            step_text(model.settings.h),
            error_text(row.centered_error),
            row.centered_band().describe(),
            error_text(row.forward_error),
            row.forward_band().describe()
        ));
    }
    if let Some(best) = best_centered_step(&model.curve) {
        label.push_str(&format!(
            " The centered error is smallest near h = {}.",
            step_text(best.h)
        ));
    }
    label
}

/// The table as CSV: empty fields, never NaN or inf, where a number does not exist.
pub(crate) fn csv(model: &Model) -> String {
    let settings = model.settings;
    let number = |value: f64| {
        if value.is_finite() {
            format!("{value:e}")
        } else {
            String::new()
        }
    };
    let mut csv = String::from(
        "function,precision,h,parameter,analytic,forward,centered,forward_relative_error,\
         centered_relative_error,centered_band,kink_crossed\n",
    );
    let Some(workbench) = model.workbench.as_ref() else {
        return csv;
    };
    for row in &model.rows {
        csv.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{},{}\n",
            settings.function.name(),
            settings.precision.name(),
            number(settings.h),
            workbench.parameter_name(row.index).replace(", ", ";"),
            number(row.analytic),
            number(row.forward),
            number(row.centered),
            number(row.forward_error),
            number(row.centered_error),
            row.centered_band().describe(),
            row.kink_crossed
        ));
    }
    csv
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::super::settings::GradientCheckSettings;
    use super::*;
    use downhill_core::gradient::workbench::{CheckFunction, PlantedBugs};

    fn model_of(function: CheckFunction, bugs: PlantedBugs) -> Model {
        let mut model = Model::new(GradientCheckSettings {
            function,
            bugs,
            ..GradientCheckSettings::default()
        });
        model.rebuild();
        model
    }

    #[test]
    fn numbers_read_as_the_table_prints_them_and_never_as_nan() {
        assert_eq!(derivative_text(-215.6), "-2.156000e2");
        assert_eq!(short_derivative_text(-215.6), "-2.156e2");
        assert_eq!(error_text(1.23456e-7), "1.23e-7");
        for text in [derivative_text(f64::NAN), error_text(f64::INFINITY)] {
            assert_eq!(text, "—");
        }
        assert_eq!(error_text(0.0), "0");
        assert_eq!(step_text(1e-5), "1e-5");
        assert_eq!(step_text(10f64.powf(-4.5)), "3.16e-5");
        assert_eq!(reg_text(0.0), "0 (off)");
        assert_eq!(reg_text(1e-3), "1e-3");
        assert_eq!(kink_text(true, true), "crossed");
        assert_eq!(kink_text(false, true), "no");
        assert_eq!(kink_text(false, false), "none");
    }

    #[test]
    fn a_smooth_surface_checks_out_and_a_flipped_sign_is_caught() {
        let right = summary(
            &model_of(CheckFunction::Beale, PlantedBugs::default()),
            "",
            None,
        );
        assert!(
            right.verdict.contains("the gradient checks out."),
            "{right:?}"
        );
        assert!(right.message.is_empty());
        let flipped = PlantedBugs {
            flipped_sign: true,
            ..PlantedBugs::default()
        };
        let wrong = summary(&model_of(CheckFunction::Beale, flipped), "", None);
        assert!(wrong.verdict.contains("probably wrong"), "{wrong:?}");
        assert!(wrong.verdict.contains("A bug is planted"));
    }

    #[test]
    fn bugs_that_do_not_apply_and_kinks_are_said() {
        let all = PlantedBugs {
            dropped_mean: true,
            flipped_sign: false,
            no_regularization: true,
        };
        let relu = summary(&model_of(CheckFunction::Relu, all), "Bad link.", None);
        assert!(relu.message.starts_with("Bad link. "), "{relu:?}");
        assert!(relu.message.contains("only the flipped sign applies"));
        assert!(
            relu.verdict
                .contains("1 row crossed a kink and is not counted.")
        );
        assert!(!relu.verdict.contains("A bug is planted"));
    }

    #[test]
    fn waiting_for_the_digits_says_so_unless_there_is_more_to_say() {
        let waiting = model_of(CheckFunction::Softmax, PlantedBugs::default());
        let loading = summary(&waiting, "", None);
        assert_eq!(loading.message, "Loading the digits...");
        assert!(loading.verdict.is_empty());
        let failed = summary(&waiting, "", Some("No digits.".to_string()));
        assert_eq!(failed.message, "No digits.");
        assert_eq!(csv(&waiting).lines().count(), 1);
    }

    #[test]
    fn the_plot_is_described_with_its_numbers_and_the_csv_has_a_line_per_row() {
        let model = model_of(CheckFunction::Beale, PlantedBugs::default());
        let label = describe_plot(&model, &model.selected_parameter());
        assert!(label.contains("relative error of x"), "{label}");
        assert!(
            label.contains("At h = 1e-5, the centered error is"),
            "{label}"
        );
        assert!(label.contains("smallest near h = "), "{label}");
        let csv = csv(&model);
        assert_eq!(csv.lines().count(), 1 + model.rows.len());
        assert!(csv.lines().nth(1).unwrap().starts_with("beale,f64,1e-5,x,"));
        assert!(!csv.contains("NaN") && !csv.contains("inf"));
    }
}
