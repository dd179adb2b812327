//! The blindfolded hiker and its digits view mounted in a real browser page (headless Chromium
//! through wasm-bindgen-test-runner): they replace their stills, draw, redraw when a control changes,
//! move the hiker with the arrow keys, and report bad link settings in their own box.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlInputElement;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{add_figure, text_of};

fn input(figure: &web_sys::Element, selector: &str) -> HtmlInputElement {
    figure
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into()
        .unwrap()
}

#[wasm_bindgen_test]
fn the_hiker_replaces_its_still_and_draws_three_strategies() {
    let figure = add_figure("hiker-test-1", "blindfolded-hiker", "{}");
    downhill_web::mount_all();
    assert!(figure.class_list().contains("demo-live"));
    assert!(figure.query_selector(".demo-still").unwrap().is_none());
    assert!(figure.query_selector("figcaption").unwrap().is_some());
    let drawn = support::pixels_of(&figure, "canvas.demo-layer-overlay")
        .chunks(4)
        .filter(|pixel| pixel[3] > 0)
        .count();
    assert!(drawn > 200, "only {drawn} pixels drawn on the overlay");
    let readouts = figure.query_selector_all(".hiker-readout").unwrap();
    assert_eq!(readouts.length(), 3);
    for index in 0..3 {
        let text = readouts.item(index).unwrap().text_content().unwrap();
        assert!(text.starts_with("100 evaluations"), "counter reads {text}");
    }
    let frame = figure
        .query_selector(".demo-canvas-frame")
        .unwrap()
        .unwrap();
    assert_eq!(frame.get_attribute("role").as_deref(), Some("img"));
    let label = frame.get_attribute("aria-label").unwrap();
    assert!(
        label.contains("Following the gradient stands at"),
        "{label}"
    );
    assert!(!label.contains("NaN") && !label.contains("inf"));
}

#[wasm_bindgen_test]
fn the_blindfold_and_the_sliders_change_the_picture() {
    let figure = add_figure("hiker-test-2", "blindfolded-hiker", "{}");
    downhill_web::mount_all();
    let seeing = support::pixels_of(&figure, "canvas.demo-layer-overlay");
    let blindfold = input(&figure, "input[name=\"blindfold\"]");
    blindfold.set_checked(true);
    blindfold
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    let blind = support::pixels_of(&figure, "canvas.demo-layer-overlay");
    assert_ne!(blind, seeing);
    // The fog covers the whole overlay: every pixel is opaque.
    assert!(blind.chunks(4).all(|pixel| pixel[3] == 255));
    let frame = figure
        .query_selector(".demo-canvas-frame")
        .unwrap()
        .unwrap();
    assert!(
        frame
            .get_attribute("aria-label")
            .unwrap()
            .starts_with("Blindfolded")
    );

    let rate = input(&figure, "input[name=\"learning-rate\"]");
    rate.set_value("1");
    rate.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    assert_ne!(
        support::pixels_of(&figure, "canvas.demo-layer-overlay"),
        blind
    );
    assert_eq!(text_of(&figure, "output[for$=\"-lr\"]"), "10");

    // A step size of 30 sends the walker off the bowl: it says so, and nothing shows NaN.
    rate.set_value("1.5");
    rate.dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    let message = text_of(&figure, ".demo-message");
    assert!(message.contains("diverged at step"), "{message}");
    let csv_free_of_nan = !figure.inner_html().contains("NaN");
    assert!(csv_free_of_nan);
}

#[wasm_bindgen_test]
fn arrow_keys_move_the_hiker() {
    let figure = add_figure("hiker-test-3", "blindfolded-hiker", "{\"x\":0,\"y\":0}");
    downhill_web::mount_all();
    assert!(text_of(&figure, ".hiker-start").contains("(0, 0)"));
    let before = support::pixels_of(&figure, "canvas.demo-layer-overlay");
    let frame = figure
        .query_selector(".demo-canvas-frame")
        .unwrap()
        .unwrap();
    // A real KeyboardEvent with its key, made by the page's own constructor.
    let press = js_sys::Function::new_with_args(
        "target",
        "target.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }))",
    );
    press.call1(&wasm_bindgen::JsValue::NULL, &frame).unwrap();
    assert!(
        text_of(&figure, ".hiker-start").contains("(0.1, 0)"),
        "{}",
        text_of(&figure, ".hiker-start")
    );
    assert_ne!(
        support::pixels_of(&figure, "canvas.demo-layer-overlay"),
        before
    );
}

#[wasm_bindgen_test]
fn bad_link_settings_are_reported_and_replaced() {
    let figure = add_figure(
        "hiker-test-4",
        "blindfolded-hiker",
        "{\"budget\":\"1e309\",\"lr\":\"-3\",\"strategies\":\"teleport\"}",
    );
    downhill_web::mount_all();
    let message = text_of(&figure, ".demo-message");
    assert!(message.contains("budget"), "{message}");
    assert!(message.contains("lr"), "{message}");
    assert!(message.contains("strategies"), "{message}");
    // The demo still works with the defaults.
    assert!(input(&figure, "input[name=\"show-random\"]").checked());
    let drawn = support::pixels_of(&figure, "canvas.demo-layer-overlay")
        .chunks(4)
        .filter(|pixel| pixel[3] > 0)
        .count();
    assert!(drawn > 200);
}

#[wasm_bindgen_test]
fn the_digits_view_builds_its_controls_and_reports_bad_settings() {
    let figure = add_figure(
        "hiker-test-5",
        "hiker-digits",
        "{\"budget\":\"lots\",\"lr\":\"0.05\"}",
    );
    downhill_web::mount_all();
    assert!(figure.class_list().contains("demo-live"));
    assert_eq!(
        text_of(&figure, "output[for$=\"-lr\"]"),
        "0.05",
        "the lesson's setting was not read"
    );
    assert_eq!(text_of(&figure, "output[for$=\"-budget\"]"), "1000");
    let message = text_of(&figure, ".demo-message");
    assert!(message.contains("budget"), "{message}");
    assert_eq!(
        figure
            .query_selector_all(".hiker-readout")
            .unwrap()
            .length(),
        3
    );
    // The chart's axes are drawn before the digits arrive.
    let drawn = support::pixels_of(&figure, "canvas.demo-layer-overlay")
        .chunks(4)
        .filter(|pixel| pixel[3] > 0)
        .count();
    assert!(drawn > 1000, "only {drawn} pixels of the empty chart");
}
