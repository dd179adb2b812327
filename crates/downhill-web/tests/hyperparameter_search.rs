//! Random against grid search mounted in a real browser page (headless Chromium through
//! wasm-bindgen-test-runner): it replaces the still, draws both searches, and redraws when the trial
//! count or the seed changes; a bad link setting gives a message and the default.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{add_figure, click, move_slider, text_of};

#[wasm_bindgen_test]
fn the_search_replaces_its_still_and_draws_both_panels() {
    let figure = add_figure("hs-test-1", "hyperparameter-search", "{}");
    downhill_web::mount_all();
    assert!(figure.class_list().contains("demo-live"));
    assert!(figure.query_selector(".demo-still").unwrap().is_none());
    assert!(figure.query_selector("figcaption").unwrap().is_some());
    let colours = support::distinct_colours(&support::pixels_of(&figure, "canvas.demo-chart"));
    assert!(colours > 20, "only {colours} colours on the chart");
    assert_eq!(text_of(&figure, "output"), "9 (3 × 3 grid)");
    let grid = text_of(&figure, ".hyperparameter-search-grid");
    let random = text_of(&figure, ".hyperparameter-search-random");
    assert!(grid.contains("3 learning rates tried"), "{grid}");
    assert!(random.contains("9 learning rates tried"), "{random}");
    let frame = figure.query_selector("[role=\"img\"]").unwrap().unwrap();
    let label = frame.get_attribute("aria-label").unwrap();
    assert!(
        label.contains("Grid:") && label.contains("Random:"),
        "{label}"
    );
}

#[wasm_bindgen_test]
fn more_trials_and_a_new_seed_redraw_the_picture() {
    let figure = add_figure("hs-test-2", "hyperparameter-search", "{}");
    downhill_web::mount_all();
    let before = support::pixels_of(&figure, "canvas.demo-chart");
    move_slider(&figure, "per-axis", "5");
    let after_slider = support::pixels_of(&figure, "canvas.demo-chart");
    assert_ne!(
        after_slider, before,
        "the trial count did not change the picture"
    );
    assert_eq!(text_of(&figure, "output"), "25 (5 × 5 grid)");
    assert!(text_of(&figure, ".hyperparameter-search-random").contains("25 learning rates"));
    let grid_before = text_of(&figure, ".hyperparameter-search-grid");
    click(&figure, "new-seed");
    assert_ne!(
        support::pixels_of(&figure, "canvas.demo-chart"),
        after_slider,
        "a new seed did not redraw"
    );
    // The grid does not depend on the seed.
    assert_eq!(text_of(&figure, ".hyperparameter-search-grid"), grid_before);
}

#[wasm_bindgen_test]
fn bad_link_settings_give_a_message_and_the_defaults() {
    let figure = add_figure(
        "hs-test-3",
        "hyperparameter-search",
        "{\"per-axis\":\"1e309\",\"seed\":\"<b>x</b>\"}",
    );
    downhill_web::mount_all();
    let message = text_of(&figure, ".demo-message");
    assert!(message.contains("per-axis"), "{message}");
    assert!(message.contains("seed"), "{message}");
    assert!(
        figure.query_selector(".demo-message b").unwrap().is_none(),
        "link text became HTML"
    );
    assert_eq!(text_of(&figure, "output"), "9 (3 × 3 grid)");
    assert!(support::distinct_colours(&support::pixels_of(&figure, "canvas.demo-chart")) > 20);
}
