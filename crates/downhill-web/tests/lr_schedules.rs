//! The learning-rate schedules demo mounted in a real browser page (headless Chromium through
//! wasm-bindgen-test-runner): it draws the four schedules, redraws when a schedule's parameter
//! changes, steps and resets its cursor, reports a diverging run, and takes bad link settings
//! politely.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{add_figure, click, move_slider, text_of};

#[wasm_bindgen_test]
fn the_schedules_replace_their_still_and_draw_four_runs() {
    let figure = add_figure("lr-test-1", "lr-schedules", "{}");
    downhill_web::mount_all();
    assert!(figure.class_list().contains("demo-live"));
    assert!(figure.query_selector(".demo-still").unwrap().is_none());
    assert!(support::distinct_colours(&support::pixels_of(&figure, "canvas.demo-chart")) > 20);
    assert_eq!(
        figure
            .query_selector_all("ul.demo-legend li")
            .unwrap()
            .length(),
        4
    );
    assert_eq!(text_of(&figure, ".demo-readout"), "Step 300 of 300");
    let readout = text_of(&figure, "ul.demo-legend li .demo-legend-readout");
    assert!(
        readout.starts_with("rate ") && readout.contains("loss"),
        "{readout}"
    );
    assert!(!readout.contains("NaN") && !readout.contains("inf"));
}

#[wasm_bindgen_test]
fn each_slider_changes_the_picture_and_shows_its_value() {
    let figure = add_figure("lr-test-2", "lr-schedules", "{}");
    downhill_web::mount_all();
    for (name, position, shown) in [
        ("lr", "-2", "0.01"),
        ("drop", "0.2", "0.2"),
        ("every", "20", "20"),
        ("k-exp", "-1", "0.1"),
        ("k-inv", "0", "1"),
    ] {
        let before = support::pixels_of(&figure, "canvas.demo-chart");
        move_slider(&figure, name, position);
        assert_ne!(
            support::pixels_of(&figure, "canvas.demo-chart"),
            before,
            "{name} did not change the picture"
        );
        let output = figure
            .query_selector(&format!("input[name=\"{name}\"] + output"))
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap();
        assert_eq!(output, shown, "{name}");
    }
}

#[wasm_bindgen_test]
fn step_and_reset_move_the_cursor() {
    let figure = add_figure("lr-test-3", "lr-schedules", "{}");
    downhill_web::mount_all();
    click(&figure, "reset");
    assert_eq!(text_of(&figure, ".demo-readout"), "Step 0 of 300");
    let at_start = support::pixels_of(&figure, "canvas.demo-chart");
    click(&figure, "step");
    click(&figure, "step");
    assert_eq!(text_of(&figure, ".demo-readout"), "Step 2 of 300");
    assert_ne!(support::pixels_of(&figure, "canvas.demo-chart"), at_start);
}

#[wasm_bindgen_test]
fn a_diverging_rate_says_so_and_the_page_keeps_working() {
    let figure = add_figure("lr-test-4", "lr-schedules", "{\"lr\":0.5,\"k-exp\":0.0001}");
    downhill_web::mount_all();
    let message = text_of(&figure, ".demo-message");
    assert!(message.contains("diverged at step"), "{message}");
    let readouts = figure.text_content().unwrap();
    assert!(
        !readouts.contains("NaN") && !readouts.contains("inf"),
        "{readouts}"
    );
    // Back to a stable rate: the message goes.
    move_slider(&figure, "lr", "-1");
    assert!(!text_of(&figure, ".demo-message").contains("diverged"));
}

#[wasm_bindgen_test]
fn bad_link_settings_give_a_message_and_the_defaults() {
    let figure = add_figure(
        "lr-test-5",
        "lr-schedules",
        "{\"lr\":\"NaN\",\"drop\":\"7\",\"every\":\"-3\"}",
    );
    downhill_web::mount_all();
    let message = text_of(&figure, ".demo-message");
    assert!(message.contains("“lr” must be a number"), "{message}");
    assert!(message.contains("“drop” must be between"), "{message}");
    assert_eq!(
        figure
            .query_selector("input[name=\"lr\"] + output")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "0.1"
    );
    assert!(support::distinct_colours(&support::pixels_of(&figure, "canvas.demo-chart")) > 20);
}
