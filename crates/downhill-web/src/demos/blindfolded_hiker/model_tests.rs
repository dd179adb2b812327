//! The hiker's model natively: each control's effect, the partial recompute against a full one, the
//! settings the address bar gets after any controls, and the words of the readouts.

use super::*;
use crate::demos::blindfolded_hiker::settings::BlindfoldedHikerSettings;
use crate::demos::blindfolded_hiker::shared_settings::test_support::{
    assert_written_reads_back, cases,
};
use crate::settings::{DemoSettings, Settings};
use proptest::prelude::*;

fn default_model() -> HikerModel {
    let source = Settings::from_parts("demo-1", Vec::new(), Vec::new());
    HikerModel::new(BlindfoldedHikerSettings::read(&source))
}

/// The same model computed from scratch, for comparing walks.
fn from_scratch(model: &HikerModel) -> Vec<Walk> {
    HikerModel::new(model.settings.clone()).walks
}

#[test]
fn a_new_model_shows_its_three_walks_to_the_end() {
    let model = default_model();
    assert_eq!(model.walks.len(), 3);
    assert_eq!(model.cursor, model.budget());
    for walk in &model.walks {
        assert_eq!(walk.probes.len(), model.budget());
    }
    for index in 0..3 {
        assert!(
            model.status_text(index).starts_with("100 evaluations"),
            "{}",
            model.status_text(index)
        );
    }
    assert!(
        model
            .canvas_label()
            .contains("Following the gradient stands at")
    );
    assert_eq!(model.banner(), None);
}

#[test]
fn each_slider_recomputes_exactly_what_a_full_recompute_gives() {
    let mut model = default_model();
    assert_eq!(model.set_local_step_position(-1.0), 0.1);
    assert_eq!(model.walks, from_scratch(&model));
    let rate = model.set_learning_rate_position(0.0);
    assert_eq!(rate, 1.0);
    assert_eq!(model.walks, from_scratch(&model));
    model.place([1.0, -1.0]);
    assert_eq!(model.settings.start, [1.0, -1.0]);
    assert_eq!(model.walks, from_scratch(&model));
    let before = model.settings.seed;
    model.reroll();
    assert_eq!(model.settings.seed, before + 1);
    assert_eq!(model.walks, from_scratch(&model));
}

#[test]
fn a_walk_on_show_to_the_end_stays_at_the_end_of_a_new_budget() {
    let mut model = default_model();
    assert_eq!(model.set_budget_position(2.5), 316);
    assert_eq!(model.cursor, 316);
    assert!(model.walks.iter().all(|walk| walk.probes.len() == 316));
    model.cursor = 10;
    model.set_budget_position(3.0);
    assert_eq!(model.cursor, 10);
    model.set_budget_position(1.0);
    assert_eq!((model.budget(), model.cursor), (10, 10));
}

#[test]
fn the_hiker_stays_on_the_map_and_arrow_keys_move_it() {
    let mut model = default_model();
    model.place([0.0, 0.0]);
    model.nudge(Direction::Right, false);
    assert_eq!(model.settings.start, [0.1, 0.0]);
    model.nudge(Direction::Down, true);
    assert_eq!(model.settings.start, [0.1, -0.5]);
    model.place([f64::NAN, 0.0]);
    assert_eq!(model.settings.start, [0.1, -0.5]);
    model.place([99.0, -99.0]);
    assert_eq!(model.settings.start, [3.0, -3.0]);
    assert_eq!(model.point_at(0.0, 0.0), [-3.0, 3.0]);
    assert_eq!(model.point_at(0.5, 1.0), [0.0, -3.0]);
    assert!(model.start_text().starts_with("Hiker placed at (3, -3)"));
}

#[test]
fn play_and_step_start_a_finished_walk_over_and_stop_at_its_end() {
    let mut model = default_model();
    assert_eq!(model.per_frame(), 1);
    model.rewind_if_finished();
    assert_eq!(model.cursor, 0);
    assert_eq!(model.step_text(), "Evaluations spent: 0 of 100 each");
    assert!(
        model
            .canvas_label()
            .ends_with("no strategy has felt the ground yet.")
    );
    assert!(model.advance(60));
    assert!(!model.advance(60));
    assert_eq!(model.cursor, 100);
    model.rewind_if_finished();
    assert_eq!(model.cursor, 0);
}

#[test]
fn a_diverging_walker_is_reported_once_the_cursor_passes_it() {
    let mut model = default_model();
    model.set_learning_rate_position(1.5);
    let diverged_at = model.walks[2]
        .diverged_at
        .expect("a step of 30 diverges on the bumpy map");
    model.cursor = diverged_at;
    assert_eq!(model.banner(), None);
    model.cursor = diverged_at + 1;
    let banner = model.banner().unwrap();
    assert_eq!(
        banner,
        format!(
            "Following the gradient diverged at step {}",
            diverged_at + 1
        )
    );
    assert_eq!(
        model.status_text(2),
        format!("diverged at step {}", diverged_at + 1)
    );
    assert_eq!(
        model.message("“lr” is odd."),
        format!("{banner}. “lr” is odd.")
    );
    // Hidden, it is not reported.
    model.settings.shown[2] = false;
    assert_eq!(model.banner(), None);
    assert_eq!(model.message(""), "");
    let csv = model.csv();
    assert!(!csv.contains("NaN") && !csv.contains("inf"));
}

#[test]
fn the_csv_holds_every_probe_on_show() {
    let mut model = default_model();
    model.cursor = 7;
    let csv = model.csv();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "strategy,evaluation,x,y,loss,moved_there,best_loss"
    );
    assert_eq!(lines.len(), 1 + 3 * 7);
    assert!(lines[1].starts_with("random,1,"));
    assert!(lines[8].starts_with("local,1,"));
    assert!(lines[21].starts_with("gradient,7,"));
}

#[test]
fn the_blindfold_changes_what_the_label_says() {
    let mut model = default_model();
    model.settings.blindfold = true;
    assert!(model.canvas_label().starts_with("Blindfolded"));
    let blind = model.with_scene(2.0, |scene| (scene.blindfold, scene.tracks.len()));
    assert_eq!(blind, (true, 3));
    model.settings.shown = [true, false, false];
    assert_eq!(model.with_scene(1.0, |scene| scene.tracks.len()), 1);
}

fn control() -> impl proptest::strategy::Strategy<Value = (u8, f64)> {
    (0u8..6, -10.0..10.0_f64)
}

proptest! {
    #![proptest_config(cases(64))]

    /// Whatever the reader does with the controls, the address bar's link reads back as exactly
    /// the settings on show, without a complaint.
    #[test]
    fn the_link_of_any_controls_reads_back_as_what_is_on_show(controls in prop::collection::vec(control(), 0..8)) {
        let mut model = default_model();
        for (which, value) in controls {
            match which {
                0 => { model.set_budget_position(value); }
                1 => { model.set_local_step_position(value); }
                2 => { model.set_learning_rate_position(value); }
                3 => model.place([value, -value / 2.0]),
                4 => model.nudge(Direction::Left, value > 0.0),
                _ => model.reroll(),
            }
        }
        assert_written_reads_back(&model.settings)?;
    }
}
