//! The digits view's model natively, on sixty made-up digits: before and after the digits arrive,
//! the Step button, a whole race, a diverging walker, and the link of any controls.

use super::*;
use crate::demos::blindfolded_hiker::shared_settings::test_support::{
    assert_written_reads_back, cases,
};
use crate::settings::{DemoSettings, Settings};
use downhill_core::data::Digits;
use downhill_core::rng::Rng;
use proptest::prelude::*;

/// Sixty made-up digits, each label lighting its own band of pixels.
fn made_up_digits() -> PreparedDigits {
    let mut rng = Rng::new(11);
    let mut pixels = Vec::new();
    let mut labels = Vec::new();
    for index in 0..60 {
        let label = index % 10;
        for pixel in 0..64 {
            let noise = rng.below(4) as u8;
            pixels.push(if pixel / 6 == label {
                12 + noise
            } else {
                noise
            });
        }
        labels.push(label);
    }
    PreparedDigits::new(&Digits::new(pixels, labels).unwrap(), 10, 10, 0).unwrap()
}

fn default_settings() -> HikerDigitsSettings {
    HikerDigitsSettings::read(&Settings::from_parts("demo-1", Vec::new(), Vec::new()))
}

fn loaded_model(budget: usize) -> DigitsModel {
    let mut model = DigitsModel::new(HikerDigitsSettings {
        budget,
        ..default_settings()
    });
    model.prepared = Some(made_up_digits());
    model.restart();
    model
}

#[test]
fn before_the_digits_arrive_nothing_runs_and_the_label_says_so() {
    let mut model = DigitsModel::new(default_settings());
    assert!(model.finished());
    assert!(!model.spend(10, || false));
    model.step();
    assert!(model.race.is_none());
    assert_eq!(model.statuses(), None);
    assert_eq!(model.progress_text(), None);
    assert_eq!(
        model.chart_label(),
        "Test accuracy against loss evaluations spent; no evaluations yet."
    );
    assert!(model.curves().iter().all(|curve| curve.points.is_empty()));
    assert_eq!(model.csv(), "strategy,loss_evaluations,test_accuracy\n");
    assert_eq!(model.message(" “budget” is odd. "), "“budget” is odd.");
}

#[test]
fn the_step_button_spends_one_curve_point_and_starts_over_after_the_end() {
    let mut model = loaded_model(300);
    assert_eq!(rounds_per_step(300), 3);
    model.step();
    let race = model.race.as_ref().unwrap();
    assert!(race.hikers().iter().all(|hiker| hiker.n_evaluations() == 3));
    assert_eq!(
        model.progress_text().as_deref(),
        Some("Evaluations spent: 3 of 300 each")
    );
    let statuses = model.statuses().unwrap();
    assert_eq!(statuses.len(), 3);
    assert!(
        statuses[2].starts_with("3 evaluations, loss "),
        "{statuses:?}"
    );
    assert!(statuses[2].contains("test accuracy "), "{statuses:?}");
    while model.spend(50, || false) {}
    assert!(model.finished());
    model.step();
    assert_eq!(model.race.as_ref().unwrap().most_spent(), 3);
}

#[test]
fn a_whole_race_fills_the_chart_the_label_and_the_csv() {
    let mut model = loaded_model(60);
    assert!(!model.spend(usize::MAX, || false));
    let curves = model.curves();
    // Random search has no point before its first draw; the others start at 0 evaluations.
    assert_eq!(
        curves
            .iter()
            .map(|curve| curve.points.len())
            .collect::<Vec<_>>(),
        [60, 61, 61]
    );
    let label = model.chart_label();
    assert!(label.contains("out of 60 each"), "{label}");
    assert!(label.contains("Following the gradient "), "{label}");
    assert_eq!(model.csv().lines().count(), 1 + 60 + 61 + 61);
    assert!(model.csv().lines().nth(1).unwrap().starts_with("random,1,"));
}

#[test]
fn a_diverging_walker_is_named_in_the_message_and_its_counter() {
    let mut model = loaded_model(40);
    model.settings.learning_rate = 1e15;
    model.restart();
    while model.spend(100, || false) {}
    let step = model.race.as_ref().unwrap().hikers()[2]
        .diverged_at()
        .expect("a step of 1e15 diverges");
    assert_eq!(
        model.message("“lr” is odd."),
        format!(
            "Following the gradient diverged at step {}. “lr” is odd.",
            step + 1
        )
    );
    assert_eq!(
        model.statuses().unwrap()[2],
        format!("diverged at step {}", step + 1)
    );
}

fn control() -> impl proptest::strategy::Strategy<Value = (u8, f64)> {
    (0u8..4, -10.0..10.0_f64)
}

proptest! {
    #![proptest_config(cases(64))]

    /// Whatever the reader does with the controls, the address bar's link reads back as exactly
    /// the settings on show, without a complaint (the budget slider's left end included).
    #[test]
    fn the_link_of_any_controls_reads_back_as_what_is_on_show(controls in prop::collection::vec(control(), 0..8)) {
        let mut model = DigitsModel::new(default_settings());
        for (which, value) in controls {
            match which {
                0 => { model.set_budget_position(value); }
                1 => { model.set_learning_rate_position(value); }
                2 => { model.set_local_step_position(value); }
                _ => model.reroll(),
            }
        }
        assert_written_reads_back(&model.settings)?;
    }
}
