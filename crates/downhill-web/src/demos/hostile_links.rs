//! Hostile links, natively: every demo's settings reader fed arbitrary query pairs (repeated keys,
//! NaN, infinities, 1e309, negative and huge numbers, very long and truncated values, markup, unknown
//! names). For each demo: no panic, every value it accepts is finite and inside its slider's range,
//! its messages repeat no long URL value, and the worst-case work of one frame or one input handler
//! ([`crate::frame_work`]) stays under [`FrameWork::LIMIT`].

use super::{
    backprop_graph, blindfolded_hiker, gradient_check, hiker_digits, hyperparameter_search,
    lr_schedules, minibatch_noise, race, step_size, training_dashboard,
};
use crate::frame_work::{self, FrameWork, N_TEST_DIGITS, N_TRAIN_DIGITS};
use crate::settings::{DemoSettings, MAX_VALUE_LENGTH, Settings};
use downhill_core::optimizers::Hyperparameter;
use downhill_core::surfaces::{Bumpy, Surface};
use downhill_plots::catalogue::DemoKind;
use proptest::prelude::*;

const PREFIX: &str = "demo-1";

/// One demo's check: reads the link, asserts its values, returns its worst-case frame work.
type DemoCheck = fn(&[(String, String)]) -> Result<FrameWork, TestCaseError>;

/// Every key some demo reads, so that links hit real settings often.
const KNOWN_KEYS: &[&str] = &[
    "surface",
    "preset",
    "optimizers",
    "lr",
    "speed",
    "start",
    "budget",
    "local",
    "seed",
    "x",
    "y",
    "blindfold",
    "strategies",
    "batch",
    "step",
    "loss",
    "steps",
    "epochs",
    "per-axis",
    "function",
    "precision",
    "h",
    "reg",
    "examples",
    "bug-mean",
    "bug-sign",
    "bug-reg",
    "row",
    "at",
    "data",
    "log",
    "drop",
    "every",
    "k-exp",
    "k-inv",
    "momentum.mu",
    "nesterov.mu",
    "adagrad.eps",
    "rmsprop.decay_rate",
    "rmsprop.eps",
    "adam.beta1",
    "adam.beta2",
    "adam.eps",
    "sgd.learning_rate",
];

fn hostile_value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<f64>().prop_map(|value| value.to_string()),
        any::<f64>().prop_map(|value| format!("{value:e}")),
        any::<i64>().prop_map(|value| value.to_string()),
        (-2.0..2.0_f64).prop_map(|value| value.to_string()),
        prop::sample::select(vec![
            "NaN",
            "nan",
            "inf",
            "-inf",
            "Infinity",
            "-Infinity",
            "1e309",
            "-1e309",
            "1e-400",
            "5e-324",
            "1.7976931348623157e308",
            "-0",
            "0",
            "-1",
            "0.5",
            "2.5",
            "1e",
            "0x10",
            "",
            " ",
            "  3  ",
            "1,2",
            "1,",
            ",",
            "true",
            "yes",
            "off",
            "full",
            "tiny",
            "svm",
            "softmax",
            "f32",
            "f64",
            "bowl",
            "ravine",
            "beale",
            "sgd,adam,nope",
            "adam,adam,adam",
            "random,local",
            "<img src=x onerror=alert(1)>",
            "\u{202e}evil",
            "%E2%8",
        ])
        .prop_map(String::from),
        "\\PC{0,80}",
        (1usize..3000).prop_map(|length| "9".repeat(length)),
        (1usize..200).prop_map(|length| "a,".repeat(length)),
    ]
}

fn hostile_key() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(KNOWN_KEYS.to_vec()).prop_map(|key| format!("{PREFIX}.{key}")),
        1 => prop::sample::select(KNOWN_KEYS.to_vec()).prop_map(|key| format!("demo-2.{key}")),
        1 => "\\PC{0,20}".prop_map(|key| format!("{PREFIX}.{key}")),
        1 => "\\PC{0,20}",
    ]
}

/// A decoded query string: up to 16 pairs, keys often repeated.
pub(crate) fn hostile_link() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec((hostile_key(), hostile_value()), 0..16)
}

fn settings_from(link: &[(String, String)]) -> Settings {
    Settings::from_parts(PREFIX, Vec::new(), link.iter().cloned())
}

/// The round trip every demo's settings must pass: whatever a hostile link made of them, writing them
/// and reading what was written gives the same settings, with no message (what we write is always
/// valid). Each demo's settings test calls it from a proptest over [`hostile_link`].
pub(crate) fn assert_round_trip<S: crate::settings::DemoSettings>(
    link: &[(String, String)],
) -> Result<(), TestCaseError> {
    let first = S::read(&settings_from(link));
    let written: Vec<(String, String)> = first
        .write()
        .into_iter()
        .map(|(key, value)| (format!("{PREFIX}.{key}"), value))
        .collect();
    let again_source = settings_from(&written);
    let again = S::read(&again_source);
    prop_assert_eq!(&again, &first, "written as {:?}", written);
    prop_assert!(
        again_source.messages().is_empty(),
        "reading our own link complained: {:?} (written as {:?})",
        again_source.messages(),
        written
    );
    Ok(())
}

/// The round-trip property of one demo's settings type as a proptest over [`hostile_link`], so
/// each demo's settings test is one line: `round_trip_property!(TheirSettings);`.
macro_rules! round_trip_property {
    ($settings:ty) => {
        proptest::proptest! {
            #![proptest_config($crate::demos::hostile_links::proptest_cases(256))]

            #[test]
            fn writing_what_was_read_reads_back_the_same(
                link in $crate::demos::hostile_links::hostile_link()
            ) {
                $crate::demos::hostile_links::assert_round_trip::<$settings>(&link)?;
            }
        }
    };
}
pub(crate) use round_trip_property;

/// The one proptest configuration of the web crate's native tests: `cases` cases, with failures
/// reported with their inputs rather than saved in the source tree.
pub(crate) fn proptest_cases(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// One demo's settings read from a link of `(key, value)` pairs (keys without the figure's
/// prefix), with the messages reading left: for the worked cases of each demo's settings test.
pub(crate) fn read_link<S: crate::settings::DemoSettings>(
    pairs: &[(&str, &str)],
) -> (S, Vec<String>) {
    let link: Vec<(String, String)> = pairs
        .iter()
        .map(|(key, value)| (format!("{PREFIX}.{key}"), value.to_string()))
        .collect();
    let settings = settings_from(&link);
    (S::read(&settings), settings.messages())
}

fn in_range(value: f64, low: f64, high: f64) -> bool {
    value.is_finite() && low <= value && value <= high
}

/// What every demo's messages must respect: short sentences that never repeat a long URL value (a
/// demo may name an unknown entry, shortened to 24 characters; the messages are set as text).
fn check_messages(settings: &Settings, link: &[(String, String)]) -> Result<(), TestCaseError> {
    let ours = link.iter().any(|(key, _)| key.starts_with("demo-1."));
    let messages = settings.messages();
    if !ours {
        prop_assert!(messages.is_empty(), "no key of ours, yet {messages:?}");
    }
    for message in &messages {
        prop_assert!(message.chars().count() <= 300, "too long: {message}");
        for (_, value) in link {
            if value.chars().count() > 24 {
                prop_assert!(
                    !message.contains(value.as_str()),
                    "{message} repeats {value}"
                );
            }
        }
    }
    Ok(())
}

fn race_work(link: &[(String, String)]) -> Result<FrameWork, TestCaseError> {
    let settings = settings_from(link);
    let initial = race::settings::RaceSettings::read(&settings);
    let (low, high) = race::settings::SPEED_RANGE;
    prop_assert!((low..=high).contains(&initial.speed));
    let learning_rate = race::settings::range_of(Hyperparameter::LearningRate);
    prop_assert!(in_range(
        initial.learning_rate,
        learning_rate.min,
        learning_rate.max
    ));
    for racer in &initial.racers {
        let kind = racer.kind;
        prop_assert!(racer.hyperparameters.validate(kind).is_ok(), "{kind}");
        for &hyperparameter in kind.hyperparameters() {
            let range = race::settings::range_of(hyperparameter);
            let value = racer.hyperparameters.get(hyperparameter);
            prop_assert!(
                in_range(value, range.min, range.max),
                "{kind}.{hyperparameter} = {value}"
            );
        }
    }
    if let Some(start) = initial.start {
        let view = initial.surface.build().view();
        prop_assert!(view.contains(start[0], start[1]), "{start:?}");
    }
    check_messages(&settings, link)?;
    // A frame moves a cursor `speed` steps along stored paths; any input reruns every racer.
    Ok(frame_work::surface_runs(
        initial.racers.len(),
        race::model::MAX_STEPS,
    ))
}

fn blindfolded_hiker_work(link: &[(String, String)]) -> Result<FrameWork, TestCaseError> {
    use crate::settings::DemoSettings;
    use blindfolded_hiker::settings::BlindfoldedHikerSettings;
    let settings = settings_from(link);
    let choices = BlindfoldedHikerSettings::read(&settings);
    let budget = blindfolded_hiker::settings::BUDGET_RANGE;
    prop_assert!((budget.min()..=budget.max()).contains(&choices.budget));
    prop_assert!(in_range(
        choices.budget as f64,
        budget.0.min(),
        budget.0.max()
    ));
    prop_assert!(choices.local_step.is_finite() && choices.local_step > 0.0);
    prop_assert!(choices.learning_rate.is_finite() && choices.learning_rate > 0.0);
    let view = Bumpy.view();
    prop_assert!(view.contains(choices.start[0], choices.start[1]));
    check_messages(&settings, link)?;
    // An input recomputes the three walks (a value and a gradient per evaluation at most); a frame
    // moves a cursor along them.
    Ok(FrameWork::surfaces(3 * 2 * (choices.budget as u64 + 1)))
}

fn hiker_digits_work(link: &[(String, String)]) -> Result<FrameWork, TestCaseError> {
    use crate::settings::DemoSettings;
    use hiker_digits::settings::HikerDigitsSettings;
    let settings = settings_from(link);
    let choices = HikerDigitsSettings::read(&settings);
    let budget = hiker_digits::settings::BUDGET_RANGE;
    prop_assert!(in_range(
        choices.budget as f64,
        budget.0.min(),
        budget.0.max()
    ));
    prop_assert!(choices.learning_rate.is_finite() && choices.learning_rate > 0.0);
    prop_assert!(choices.local_step.is_finite() && choices.local_step > 0.0);
    check_messages(&settings, link)?;
    // A round is one evaluation of each of the three walkers over the training digits, plus a test
    // accuracy when a curve point is due. A frame runs at most the hard cap of rounds; the step
    // button runs one curve point's worth.
    let per_round = 3 * (N_TRAIN_DIGITS + N_TEST_DIGITS);
    let frame = hiker_digits::model::MAX_EVALUATIONS_PER_FRAME as u64 * per_round;
    let step_button = hiker_digits::model::rounds_per_step(choices.budget) as u64 * per_round;
    Ok(FrameWork::digits(frame).max(FrameWork::digits(step_button)))
}

fn training_dashboard_work(link: &[(String, String)]) -> Result<FrameWork, TestCaseError> {
    let settings = settings_from(link);
    let choices = training_dashboard::settings::DashboardSettings::read(&settings);
    prop_assert!(in_range(choices.learning_rate, 1e-4, 10.0));
    prop_assert!(in_range(choices.reg, 0.0, 1.0));
    prop_assert!((5..=200).contains(&choices.n_epochs()));
    let batch_size = choices.batch_size();
    prop_assert!(batch_size >= 1);
    check_messages(&settings, link)?;
    let frame = frame_work::live_training(
        batch_size,
        frame_work::live_training_steps_per_frame(batch_size),
    );
    // The step button trains to the end of the current epoch: about one pass over the digits.
    let steps_per_epoch = N_TRAIN_DIGITS.div_ceil((batch_size as u64).clamp(1, N_TRAIN_DIGITS));
    let one_epoch = frame_work::live_training(batch_size, steps_per_epoch as usize);
    Ok(frame.max(one_epoch))
}

fn curves_work(link: &[(String, String)]) -> Result<FrameWork, TestCaseError> {
    use step_size::curves::{model, settings};
    let source = settings_from(link);
    let choices = settings::CurvesSettings::read(&source);
    let (low, high) = settings::LOG10_RATE_RANGE;
    prop_assert!(in_range(
        choices.your_rate,
        10f64.powf(low),
        10f64.powf(high)
    ));
    let (low, high) = settings::EPOCH_RANGE;
    prop_assert!((low..=high).contains(&choices.n_epochs));
    check_messages(&source, link)?;
    // An epoch trains over the digits and then measures the loss over them.
    Ok(FrameWork::digits(
        model::MAX_EPOCHS_PER_FRAME as u64 * 2 * N_TRAIN_DIGITS,
    ))
}

fn sweep_work(link: &[(String, String)]) -> Result<FrameWork, TestCaseError> {
    use step_size::sweep::{model, settings};
    let source = settings_from(link);
    let choices = settings::SweepSettings::read(&source);
    let (low, high) = settings::LOG10_STEP_RANGE;
    prop_assert!(in_range(choices.step, 10f64.powf(low), 10f64.powf(high)));
    check_messages(&source, link)?;
    // An input computes the gradient and the scores of the weights and of the gradient, then one
    // loss per curve point, per table row and for the chosen step, each from those scores. Counting
    // every one of those losses as a full pass over the digits overstates the work: an upper bound.
    let decades = (high - low) as u64 + 1;
    let curve_points = (high - low) as u64 * model::CURVE_POINTS_PER_DECADE as u64 + 1;
    Ok(FrameWork::digits(
        (3 + curve_points + decades + 1) * N_TRAIN_DIGITS,
    ))
}

fn paths_work(link: &[(String, String)]) -> Result<FrameWork, TestCaseError> {
    use step_size::paths::settings;
    let source = settings_from(link);
    let choices = settings::PathsSettings::read(&source);
    prop_assert!(settings::SURFACES.contains(&choices.surface_kind));
    let (low, high) = settings::LOG10_STEP_RANGE;
    prop_assert!(in_range(choices.step, 10f64.powf(low), 10f64.powf(high)));
    prop_assert!((settings::MIN_STEPS..=settings::MAX_STEPS).contains(&choices.n_steps));
    let view = choices.surface_kind.build().view();
    prop_assert!(view.contains(choices.start[0], choices.start[1]));
    check_messages(&source, link)?;
    // Four comparison paths and the reader's own.
    Ok(frame_work::surface_runs(5, choices.n_steps))
}

fn minibatch_noise_work(link: &[(String, String)]) -> Result<FrameWork, TestCaseError> {
    let settings = settings_from(link);
    let choices = minibatch_noise::settings::NoiseSettings::read(&settings);
    prop_assert!(choices.batch_size.is_power_of_two());
    prop_assert!(choices.batch_size <= 1 << minibatch_noise::settings::MAX_LOG2_BATCH);
    check_messages(&settings, link)?;
    // A new cloud: every batch's mean of per-example gradients computed once at load.
    Ok(FrameWork::digits(
        downhill_plots::minibatch_noise::N_BATCHES as u64 * choices.batch_size as u64
            + N_TRAIN_DIGITS,
    ))
}

fn hyperparameter_search_work(link: &[(String, String)]) -> Result<FrameWork, TestCaseError> {
    let settings = settings_from(link);
    let choices = hyperparameter_search::settings::SearchSettings::read(&settings);
    let (low, high) = hyperparameter_search::settings::PER_AXIS_RANGE;
    prop_assert!((low..=high).contains(&choices.per_axis));
    check_messages(&settings, link)?;
    // Grid and random search, per_axis^2 trials each, one closed-form evaluation per trial.
    Ok(FrameWork::surfaces(2 * (choices.per_axis as u64).pow(2)))
}

fn lr_schedules_work(link: &[(String, String)]) -> Result<FrameWork, TestCaseError> {
    let settings = settings_from(link);
    let schedule = downhill_plots::lr_schedules::ScheduleSettings::read(&settings);
    for knob in lr_schedules::settings::Knob::ALL {
        let (low, high) = knob.range();
        let value = knob.get(&schedule);
        prop_assert!(in_range(value, low, high), "{} = {value}", knob.key());
    }
    check_messages(&settings, link)?;
    // Four annealed runs of the demo's N_STEPS steps; a frame moves a cursor.
    Ok(frame_work::surface_runs(
        4,
        downhill_plots::lr_schedules::N_STEPS,
    ))
}

fn gradient_check_work(link: &[(String, String)]) -> Result<FrameWork, TestCaseError> {
    let settings = settings_from(link);
    let choices = gradient_check::settings::GradientCheckSettings::read(&settings);
    let (low, high) = downhill_plots::gradient_check::LOG10_H_RANGE;
    prop_assert!(in_range(choices.h, 10f64.powf(low), 10f64.powf(high)));
    prop_assert!(choices.reg.is_finite() && choices.reg >= 0.0);
    prop_assert!(
        (1..=downhill_core::gradient::workbench::MAX_EXAMPLES).contains(&choices.n_examples)
    );
    prop_assert!(choices.selected_row <= gradient_check::settings::MAX_ROW);
    check_messages(&settings, link)?;
    // The analytic gradient, two losses per table row (eight rows) and two per step of the curve.
    let curve_steps =
        ((high - low) as u64) * downhill_plots::gradient_check::STEPS_PER_DECADE as u64 + 1;
    let losses = 1 + 2 * 8 + 2 * curve_steps;
    Ok(FrameWork::digits(losses * choices.n_examples as u64))
}

/// Each demo's check. The match names every kind, so a demo without a hostile-link case does not
/// compile.
fn backprop_graph_work(link: &[(String, String)]) -> Result<FrameWork, TestCaseError> {
    use downhill_core::backprop_graph::{MAX_INPUTS, MAX_NODES};
    let settings = settings_from(link);
    let choices = backprop_graph::settings::BackpropSettings::read(&settings);
    let limit = backprop_graph::settings::VALUE_LIMIT;
    prop_assert_eq!(choices.values.len(), choices.preset.inputs().len());
    prop_assert!(
        choices
            .values
            .iter()
            .all(|value| in_range(*value, -limit, limit))
    );
    let last = downhill_core::backprop_graph::steps::Schedule::of(&choices.preset.graph()).last();
    prop_assert!(choices.step <= last);
    check_messages(&settings, link)?;
    // One change runs both passes and two evaluations per input for the check, each over at most
    // MAX_NODES nodes; a node costs far less than a surface evaluation, so this is generous.
    Ok(FrameWork::surfaces(
        (1 + 2 * MAX_INPUTS as u64) * MAX_NODES as u64,
    ))
}

fn check_of(kind: DemoKind) -> DemoCheck {
    match kind {
        DemoKind::SaddleRace => race_work,
        DemoKind::BlindfoldedHiker => blindfolded_hiker_work,
        DemoKind::HikerDigits => hiker_digits_work,
        DemoKind::TrainingDashboard => training_dashboard_work,
        DemoKind::LearningCurves => curves_work,
        DemoKind::StepSizeSweep => sweep_work,
        DemoKind::StepSizePaths => paths_work,
        DemoKind::MinibatchNoise => minibatch_noise_work,
        DemoKind::HyperparameterSearch => hyperparameter_search_work,
        DemoKind::LrSchedules => lr_schedules_work,
        DemoKind::GradientCheck => gradient_check_work,
        DemoKind::BackpropGraph => backprop_graph_work,
    }
}

proptest! {
    #![proptest_config(crate::demos::hostile_links::proptest_cases(128))]

    #[test]
    fn no_link_makes_any_demo_panic_accept_a_bad_value_or_run_unbounded_work(link in hostile_link()) {
        for kind in DemoKind::ALL {
            let work = check_of(kind)(&link)?;
            prop_assert!(work.within_limit(), "{}: {work:?} passes {:?}", kind.name(), FrameWork::LIMIT);
        }
    }
}

#[test]
fn a_long_value_is_refused_before_any_demo_reads_it() {
    let long = "1".repeat(MAX_VALUE_LENGTH + 1);
    let settings = settings_from(&[(format!("{PREFIX}.budget"), long.clone())]);
    let choices = <blindfolded_hiker::settings::BlindfoldedHikerSettings as crate::settings::DemoSettings>::read(&settings);
    assert_eq!(
        choices.budget,
        downhill_plots::hiker::HIKER_DEFAULTS.budget,
        "{:?}",
        settings.messages()
    );
    assert_eq!(settings.messages().len(), 1, "{:?}", settings.messages());
}
