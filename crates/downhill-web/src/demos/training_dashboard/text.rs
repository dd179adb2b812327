//! What the dashboard says in words, DOM-free: the slider values, the readouts under the picture,
//! its text alternative, the sanity checks' results and the CSV export. Each verdict (✓ or ✗, low or
//! high) is the core's; this module only words it.

use super::settings::{DashboardSettings, FULL_BATCH};
use crate::format::format_number;
use downhill_core::classifiers::LossKind;
use downhill_core::live_training::{
    self, ExpectedInitialLoss, HEALTHY_UPDATE_RATIO, INITIAL_WEIGHT_SCALE, InitialLossCheck,
    LiveTraining, OVERFIT_SUBSET_SIZE, RegularizationCheck, UpdateRatioVerdict,
};
use downhill_core::training::EpochRecord;

/// Recent steps whose update ratios the readout averages.
const RATIO_WINDOW: usize = 50;

pub(crate) fn percent(fraction: f64) -> String {
    if fraction.is_finite() {
        format!("{:.1}%", 100.0 * fraction)
    } else {
        "—".to_string()
    }
}

/// The values the learning-rate, regularization, batch and epoch sliders show, in that order.
/// `n_train` is the size of the training data once the digits are in.
pub(crate) fn control_values(settings: &DashboardSettings, n_train: Option<usize>) -> [String; 4] {
    let batch = match (settings.batch_size(), n_train) {
        (FULL_BATCH, Some(n)) => format!("full ({n})"),
        (FULL_BATCH, None) => "full".to_string(),
        (1, _) => "1 (one example)".to_string(),
        (size, Some(n)) if size >= n => format!("{size} (all {n})"),
        (size, _) => size.to_string(),
    };
    let reg = if settings.reg > 0.0 {
        format_number(settings.reg)
    } else {
        "0 (off)".to_string()
    };
    [
        format_number(settings.learning_rate),
        reg,
        batch,
        settings.n_epochs().to_string(),
    ]
}

/// The epochs done, in whole tenths (never rounded up to an epoch not yet finished).
fn epochs_done(run: &LiveTraining) -> f64 {
    (run.steps().len() * 10 / run.steps_per_epoch()) as f64 / 10.0
}

/// "Epoch 1.5 of 20 · step 162 of 2160", and a word while a reduced-motion run trains to its end.
pub(crate) fn progress(run: &LiveTraining, jumping: bool) -> String {
    let status = if jumping && !run.is_finished() {
        " (training to the end; the picture follows when it is done)"
    } else {
        ""
    };
    format!(
        "Epoch {} of {} · step {} of {}{status}",
        format_number(epochs_done(run)),
        run.settings().n_epochs,
        run.steps().len(),
        run.total_steps()
    )
}

/// The last batch loss and what the last epoch measured.
pub(crate) fn numbers(run: &LiveTraining) -> String {
    let last_batch = run
        .steps()
        .last()
        .map_or("—".to_string(), |step| format_number(step.batch_loss));
    match run.epochs().last() {
        Some(record) => format!(
            "Batch loss {last_batch} · after epoch {}: training loss {}, training accuracy {}, validation accuracy {}",
            record.epoch,
            format_number(record.train_loss),
            percent(record.train_accuracy),
            record.validation_accuracy.map_or("—".to_string(), percent),
        ),
        None => format!("Batch loss {last_batch}"),
    }
}

/// The recent update-to-weight ratio and the core's verdict on it.
pub(crate) fn update_ratio(run: &LiveTraining) -> String {
    let healthy = format!("(healthy ≈ {HEALTHY_UPDATE_RATIO:e})");
    let ratio = run.recent_update_ratio(RATIO_WINDOW);
    match ratio.and_then(|ratio| Some((ratio, UpdateRatioVerdict::of(ratio)?))) {
        Some((ratio, verdict)) => {
            let said = match verdict {
                UpdateRatioVerdict::Low => "low, the learning rate may be too low",
                UpdateRatioVerdict::High => "high, the learning rate is likely too high",
                UpdateRatioVerdict::AboutRight => "about right",
            };
            format!(
                "Update / weight ≈ {}: {said} {healthy}",
                format_number(ratio)
            )
        }
        None => "Update / weight: — (no step yet)".to_string(),
    }
}

/// The message line: what was wrong with the settings, then a divergence if there was one.
pub(crate) fn message(settings_messages: &str, run: &LiveTraining) -> String {
    let mut message = settings_messages.to_string();
    if let Some(divergence) = run.diverged() {
        if !message.is_empty() {
            message.push(' ');
        }
        message.push_str(&format!(
            "Diverged at step {}: the loss blew up. Lower the learning rate or the regularization.",
            divergence.step
        ));
    }
    message
}

/// The expected loss as the lesson writes it, with its value when the formula is not the number
/// (`ln 10 ≈ 2.3026`, `9`).
fn expected_text(expected: &ExpectedInitialLoss, number: impl Fn(f64) -> String) -> String {
    if expected.formula_is_the_number() {
        expected.formula()
    } else {
        format!("{} ≈ {}", expected.formula(), number(expected.value))
    }
}

/// The picture's text alternative.
pub(crate) fn label(run: &LiveTraining) -> String {
    let settings = run.settings();
    match run.epochs().last() {
        Some(record) if record.epoch > 0 => format!(
            "Training dashboard, {} loss, learning rate {}, batch size {}: after {} of {} epochs the training loss is {}, training accuracy {}, validation accuracy {}{}.",
            settings.loss_kind.name(),
            format_number(settings.learning_rate),
            settings.batch_size,
            record.epoch,
            settings.n_epochs,
            format_number(record.train_loss),
            percent(record.train_accuracy),
            record.validation_accuracy.map_or("—".to_string(), percent),
            run.diverged().map_or(String::new(), |divergence| format!(
                "; the run diverged at step {}",
                divergence.step
            )),
        ),
        measured => format!(
            "Training dashboard, {} loss: not trained yet; the initial loss is {} (expected {}).",
            settings.loss_kind.name(),
            measured.map_or("—".to_string(), |record| format_number(record.train_loss)),
            expected_text(&run.expected_initial_loss(), |value| format!("{value:.3}")),
        ),
    }
}

fn loss_name(loss_kind: LossKind) -> &'static str {
    match loss_kind {
        LossKind::Softmax => "softmax",
        LossKind::Svm => "SVM",
    }
}

/// The first sanity check's result line.
pub(crate) fn initial_loss_result(checks: &[InitialLossCheck]) -> String {
    let lines: Vec<String> = checks
        .iter()
        .map(|check| {
            format!(
                "{} {} (expected {}){}",
                loss_name(check.loss_kind),
                format_number(check.loss),
                expected_text(&check.expected, format_number),
                if check.passes() {
                    " ✓"
                } else {
                    " ✗ — look at the initialization"
                }
            )
        })
        .collect();
    format!(
        "Initial loss at weights {} × N(0, 1), no regularization: {}.",
        format_number(INITIAL_WEIGHT_SCALE),
        lines.join("; ")
    )
}

/// The second sanity check's result line.
pub(crate) fn regularization_result(run: &LiveTraining, check: &RegularizationCheck) -> String {
    let pairs: Vec<String> = check
        .losses
        .iter()
        .map(|(reg, loss)| format!("{} → {}", format_number(*reg), format_number(*loss)))
        .collect();
    format!(
        "Regularization at the current weights (epoch {}): {}. {}",
        format_number(epochs_done(run)),
        pairs.join(", "),
        if check.rises() {
            "The loss rises with the strength ✓"
        } else {
            "The loss does not rise ✗"
        }
    )
}

/// What the overfitting check says when it starts its run.
pub(crate) fn overfit_started() -> String {
    format!(
        "Overfitting {OVERFIT_SUBSET_SIZE} examples: no regularization, full batch, learning rate {}…",
        format_number(live_training::OVERFIT_LEARNING_RATE)
    )
}

/// The third sanity check's result line, from its run's last epoch.
pub(crate) fn overfit_result(last: &EpochRecord) -> String {
    let loss_text = if last.train_loss == 0.0 {
        "exactly 0".to_string()
    } else {
        format_number(last.train_loss)
    };
    format!(
        "Overfit check after {} epochs on {OVERFIT_SUBSET_SIZE} examples: training loss {loss_text}, training accuracy {}{} Validation accuracy {}: memorized, not learned.",
        last.epoch,
        percent(last.train_accuracy),
        if live_training::overfit_check_passes(last) {
            " ✓.".to_string()
        } else {
            format!(" ✗ — the model cannot even fit {OVERFIT_SUBSET_SIZE} examples.")
        },
        last.validation_accuracy.map_or("—".to_string(), percent),
    )
}

/// The run as CSV: a row per step, with the epoch's measurements on the step that ends it.
/// Non-finite numbers (a diverged step) are written as empty cells, never as NaN or inf.
pub(crate) fn csv(run: Option<&LiveTraining>) -> String {
    let mut csv = String::from(
        "step,epoch,batch_loss,update_ratio,epoch_end,train_loss,train_accuracy,validation_accuracy\n",
    );
    let Some(run) = run else {
        return csv;
    };
    let cell = |value: f64| {
        if value.is_finite() {
            value.to_string()
        } else {
            String::new()
        }
    };
    let per_epoch = run.steps_per_epoch();
    for (index, step) in run.steps().iter().enumerate() {
        let ends_epoch = (index + 1) % per_epoch == 0;
        let record = ends_epoch
            .then(|| run.epochs().get((index + 1) / per_epoch))
            .flatten();
        csv.push_str(&format!(
            "{index},{},{},{},{},{},{},{}\n",
            cell(step.epoch),
            cell(step.batch_loss),
            cell(step.update_ratio),
            record.map_or(String::new(), |record| record.epoch.to_string()),
            record.map_or(String::new(), |record| cell(record.train_loss)),
            record.map_or(String::new(), |record| cell(record.train_accuracy)),
            record
                .and_then(|record| record.validation_accuracy)
                .map_or(String::new(), cell),
        ));
    }
    csv
}

#[cfg(test)]
mod tests {
    use super::super::model::tests::{default_settings, model_with_run};
    use super::*;

    #[test]
    fn the_sliders_say_their_values_in_words() {
        let mut settings = default_settings();
        assert_eq!(
            control_values(&settings, None),
            ["0.1", "0.001", "10", "20"]
        );
        settings.set_reg_position(-6.0);
        settings.set_batch_position(9.0);
        assert_eq!(
            control_values(&settings, Some(20))[1..3],
            ["0 (off)", "full (20)"]
        );
        assert_eq!(control_values(&settings, None)[2], "full");
        settings.set_batch_position(0.0);
        assert_eq!(control_values(&settings, Some(20))[2], "1 (one example)");
        settings.set_batch_position(4.0);
        assert_eq!(control_values(&settings, Some(20))[2], "20 (all 20)");
    }

    #[test]
    fn the_readouts_follow_the_run() {
        let mut model = model_with_run(default_settings());
        let run = model.run.as_ref().unwrap();
        assert_eq!(progress(run, false), "Epoch 0 of 20 · step 0 of 80");
        assert!(
            progress(run, true)
                .ends_with("(training to the end; the picture follows when it is done)")
        );
        assert!(numbers(run).starts_with("Batch loss — · after epoch 0: training loss 2.30"));
        assert_eq!(update_ratio(run), "Update / weight: — (no step yet)");
        assert!(
            label(run).ends_with("(expected ln 10 ≈ 2.303)."),
            "{}",
            label(run)
        );
        assert_eq!(message("", run), "");
        model.step_one_epoch();
        model.train_for_frame(false, || 0.0);
        let run = model.run.as_ref().unwrap();
        assert!(progress(run, false).starts_with("Epoch 1 of 20 · step"));
        assert!(
            label(run).contains("after 1 of 20 epochs"),
            "{}",
            label(run)
        );
        // The first steps from weights of 0.001 move them by far more than a thousandth.
        assert!(
            update_ratio(run)
                .contains(": high, the learning rate is likely too high (healthy ≈ 1e-3)")
        );
    }

    #[test]
    fn the_label_of_an_untrained_svm_run_expects_9() {
        let mut settings = default_settings();
        settings.loss_kind = LossKind::Svm;
        let model = model_with_run(settings);
        let label = label(model.run.as_ref().unwrap());
        assert!(label.starts_with("Training dashboard, svm loss: not trained yet"));
        assert!(label.ends_with("(expected 9)."), "{label}");
    }

    #[test]
    fn the_checks_word_the_cores_verdicts() {
        let expected = ExpectedInitialLoss::new(LossKind::Softmax, 10);
        let check = |loss_kind, loss| InitialLossCheck {
            loss_kind,
            loss,
            expected: ExpectedInitialLoss::new(loss_kind, 10),
        };
        let passing = initial_loss_result(&[
            check(LossKind::Svm, 9.0),
            check(LossKind::Softmax, expected.value),
        ]);
        assert_eq!(
            passing,
            "Initial loss at weights 0.001 × N(0, 1), no regularization: SVM 9 (expected 9) ✓; softmax 2.3026 (expected ln 10 ≈ 2.3026) ✓."
        );
        let failing = initial_loss_result(&[check(LossKind::Svm, 9.5)]);
        assert!(
            failing.contains("SVM 9.5 (expected 9) ✗ — look at the initialization"),
            "{failing}"
        );

        let model = model_with_run(default_settings());
        let run = model.run.as_ref().unwrap();
        let rising = RegularizationCheck {
            losses: vec![(0.0, 1.0), (0.1, 1.5)],
        };
        assert_eq!(
            regularization_result(run, &rising),
            "Regularization at the current weights (epoch 0): 0 → 1, 0.1 → 1.5. The loss rises with the strength ✓"
        );
        let flat = RegularizationCheck {
            losses: vec![(0.0, 1.0), (0.1, 1.0)],
        };
        assert!(regularization_result(run, &flat).ends_with("The loss does not rise ✗"));

        let last = |train_accuracy, train_loss| EpochRecord {
            epoch: 100,
            train_loss,
            train_accuracy,
            validation_accuracy: Some(0.25),
        };
        assert_eq!(
            overfit_result(&last(1.0, 0.0)),
            "Overfit check after 100 epochs on 20 examples: training loss exactly 0, training accuracy 100.0% ✓. Validation accuracy 25.0%: memorized, not learned."
        );
        assert!(
            overfit_result(&last(0.95, 0.05))
                .contains("95.0% ✗ — the model cannot even fit 20 examples.")
        );
        assert_eq!(
            overfit_started(),
            "Overfitting 20 examples: no regularization, full batch, learning rate 1…"
        );
    }

    #[test]
    fn the_csv_has_a_row_per_step_and_no_non_finite_number() {
        assert_eq!(csv(None).lines().count(), 1);
        let mut model = model_with_run(default_settings());
        model.step_one_epoch();
        let run = model.run.as_ref().unwrap();
        let text = csv(Some(run));
        let rows: Vec<&str> = text.lines().collect();
        assert_eq!(rows.len(), 1 + 4);
        assert!(
            rows[4].starts_with("3,0.75,") && rows[4].contains(",1,"),
            "{}",
            rows[4]
        );
        assert_eq!(
            rows[1].split(',').nth(4),
            Some(""),
            "no epoch ends at step 0"
        );
        assert!(!text.contains("NaN") && !text.contains("inf"));
    }
}
