//! The step-size demos mounted in a real browser page (headless Chromium through
//! wasm-bindgen-test-runner): each replaces its still, draws, redraws when a control sends a real
//! `input` or `change` event, and reports bad settings in its own message line.
//!
//! The runner's page has no digits file, so the digits demos get a stand-in: `window.fetch` is
//! replaced by one that answers with synthetic digits, gzipped by the browser's own
//! CompressionStream, exactly as the real file is served.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{add_figure, button, send, sleep, slider, text_or_empty};

/// 800 synthetic digits (enough for the 360 + 360 held out and a training part): each class lights
/// its own band of pixels, with some noise, so a classifier can learn them.
fn install_fake_digits() {
    let mut lines = Vec::new();
    let mut state: u32 = 12345;
    for index in 0..800 {
        let label = index % 10;
        let mut fields = Vec::new();
        for pixel in 0..64 {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let noise = (state >> 16) % 5;
            let lit = if pixel / 6 == label { 10 } else { 0 };
            fields.push((lit + noise).min(16).to_string());
        }
        fields.push(label.to_string());
        lines.push(fields.join(","));
    }
    let csv = lines.join("\n");
    let install = js_sys::Function::new_with_args(
        "csv",
        "window.fetch = () => Promise.resolve(new Response(\
             new Blob([csv]).stream().pipeThrough(new CompressionStream('gzip'))));",
    );
    install
        .call1(&wasm_bindgen::JsValue::NULL, &csv.into())
        .unwrap();
}

/// Waits up to five seconds for `ready` to hold.
async fn wait_for(ready: impl Fn() -> bool) -> bool {
    for _ in 0..100 {
        if ready() {
            return true;
        }
        sleep(50).await;
    }
    ready()
}

fn label_of(figure: &web_sys::Element, selector: &str) -> String {
    figure
        .query_selector(selector)
        .unwrap()
        .and_then(|element| element.get_attribute("aria-label"))
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_sweep_draws_the_table_and_follows_its_slider() {
    install_fake_digits();
    let figure = add_figure("sweep-test-1", "step-size-sweep", "{}");
    downhill_web::mount_all();
    assert!(figure.class_list().contains("demo-live"));
    assert!(figure.query_selector(".demo-fallback").unwrap().is_none());
    assert!(figure.query_selector("figcaption").unwrap().is_some());
    let rows = || {
        figure
            .query_selector_all(".step-size-sweep-table tbody tr")
            .unwrap()
            .length()
    };
    assert!(
        wait_for(|| rows() == 14).await,
        "{} rows; message: {}",
        rows(),
        text_or_empty(&figure, ".demo-message")
    );
    assert_eq!(
        figure
            .query_selector_all(".step-size-sweep-best")
            .unwrap()
            .length(),
        1
    );
    let chart = "canvas.step-size-chart";
    let before = support::pixels_of(&figure, chart);
    assert!(support::distinct_colours(&before) > 4, "the chart is blank");
    let frame_label = label_of(&figure, ".step-size-chart-frame");
    assert!(frame_label.contains("lowest"), "{frame_label}");
    assert_eq!(
        figure
            .query_selector(".step-size-chart-frame")
            .unwrap()
            .unwrap()
            .get_attribute("role")
            .as_deref(),
        Some("img")
    );

    let slider = slider(&figure, "step");
    slider.set_value("-5");
    send(slider.as_ref(), "input");
    assert_ne!(
        support::pixels_of(&figure, chart),
        before,
        "the marker did not move"
    );
    assert_eq!(text_or_empty(&figure, "output"), "1.000e-5");
    assert!(text_or_empty(&figure, ".demo-readout").contains("1.000e-5"));
    assert!(!text_or_empty(&figure, ".demo-readout").contains("NaN"));

    // A different loss is a different sweep.
    let select: web_sys::HtmlSelectElement = figure
        .query_selector("select[name=\"loss\"]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    let table_before = text_or_empty(&figure, ".step-size-sweep-table tbody");
    select.set_value("softmax");
    send(select.as_ref(), "change");
    assert_ne!(
        text_or_empty(&figure, ".step-size-sweep-table tbody"),
        table_before
    );
    assert!(text_or_empty(&figure, ".step-size-sweep-table caption").contains("softmax"));
}

#[wasm_bindgen_test]
async fn the_sweep_reports_bad_settings_and_keeps_working() {
    install_fake_digits();
    let figure = add_figure(
        "sweep-test-2",
        "step-size-sweep",
        "{\"loss\":\"<b>hinge</b>\",\"step\":\"1e309\",\"seed\":\"-4\"}",
    );
    downhill_web::mount_all();
    let message = || text_or_empty(&figure, ".demo-message");
    assert!(
        wait_for(|| message().contains("loss") && !message().contains("Loading")).await,
        "{}",
        message()
    );
    assert!(message().contains("“step”"), "{}", message());
    assert!(message().contains("“seed”"), "{}", message());
    // The name from the settings is shown as text, never parsed as HTML.
    assert!(figure.query_selector(".demo-message b").unwrap().is_none());
    assert_eq!(
        slider(&figure, "step").value(),
        "-1",
        "the default step, 0.1"
    );
}

#[wasm_bindgen_test]
fn the_paths_draw_four_panels_and_follow_the_step_size() {
    let figure = add_figure("paths-test-1", "step-size-paths", "{}");
    downhill_web::mount_all();
    assert!(figure.class_list().contains("demo-live"));
    assert_eq!(
        figure
            .query_selector_all(".step-size-paths-panel")
            .unwrap()
            .length(),
        4
    );
    let overlay = ".step-size-paths-main canvas.demo-layer-overlay";
    let before = support::pixels_of(&figure, overlay);
    let drawn = before.chunks(4).filter(|pixel| pixel[3] > 0).count();
    assert!(drawn > 50, "only {drawn} overlay pixels drawn");
    let landscape =
        support::pixels_of(&figure, ".step-size-paths-main canvas.demo-layer-landscape");
    assert!(
        support::distinct_colours(&landscape) > 20,
        "the landscape is blank"
    );
    assert!(text_or_empty(&figure, ".step-size-paths-panels").contains("diverged at step"));

    let slider = slider(&figure, "learning-rate");
    slider.set_value("-2");
    send(slider.as_ref(), "input");
    assert_ne!(support::pixels_of(&figure, overlay), before);
    assert_eq!(text_or_empty(&figure, ".demo-control output"), "0.01");

    // Past the ravine's stable limit (0.1) the path diverges and says so.
    slider.set_value("-0.5");
    send(slider.as_ref(), "input");
    let message = text_or_empty(&figure, ".demo-message");
    assert!(message.contains("diverged at step"), "{message}");
    assert!(text_or_empty(&figure, ".demo-readout").contains("diverged at step"));
}

#[wasm_bindgen_test]
fn the_paths_start_moves_with_the_arrow_keys_and_steps_replay() {
    let figure = add_figure("paths-test-2", "step-size-paths", "{\"surface\":\"bowl\"}");
    downhill_web::mount_all();
    let frame = ".step-size-paths-main";
    let label_before = label_of(&figure, frame);
    assert!(label_before.contains("Bowl"), "{label_before}");
    let main: HtmlElement = figure
        .query_selector(frame)
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    // web-sys builds KeyboardEventInit only behind a feature the crate does not need; the page's own
    // constructor makes the same event.
    js_sys::Function::new_with_args(
        "element",
        "element.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true}))",
    )
    .call1(&wasm_bindgen::JsValue::NULL, &main)
    .unwrap();
    assert_ne!(
        label_of(&figure, frame),
        label_before,
        "the start did not move"
    );

    // Reset goes back to step 0; Step shows step 1.
    button(&figure, "reset").click();
    assert!(text_or_empty(&figure, ".demo-readout").starts_with("Step 0 of 100"));
    button(&figure, "step").click();
    assert!(
        text_or_empty(&figure, ".demo-readout").starts_with("Step 1 of 100"),
        "{}",
        text_or_empty(&figure, ".demo-readout")
    );

    let steps = slider(&figure, "steps");
    steps.set_value("300");
    send(steps.as_ref(), "input");
    assert!(text_or_empty(&figure, ".demo-readout").contains("of 300"));
}

#[wasm_bindgen_test]
fn the_paths_report_bad_settings() {
    let figure = add_figure(
        "paths-test-3",
        "step-size-paths",
        "{\"surface\":\"moon\",\"steps\":\"1e9\",\"lr\":\"NaN\",\"x\":\"Infinity\"}",
    );
    downhill_web::mount_all();
    let message = text_or_empty(&figure, ".demo-message");
    for key in ["surface", "steps", "lr", "x"] {
        assert!(message.contains(&format!("“{key}”")), "{key}: {message}");
    }
    assert!(label_of(&figure, ".step-size-paths-main").contains("Ravine"));
    assert!(!text_or_empty(&figure, ".demo-readout").contains("NaN"));
}

#[wasm_bindgen_test]
async fn the_learning_curves_train_epoch_by_epoch() {
    install_fake_digits();
    let figure = add_figure("curves-test-1", "learning-curves", "{\"epochs\":\"5\"}");
    downhill_web::mount_all();
    let readouts = || text_or_empty(&figure, ".learning-curves-legend");
    assert!(
        wait_for(|| readouts().contains("at epoch")).await,
        "no curve started: {}",
        text_or_empty(&figure, ".demo-message")
    );
    // Reset pauses at epoch 0; Step trains one epoch of every curve.
    button(&figure, "reset").click();
    assert!(readouts().contains("at epoch 0"), "{}", readouts());
    button(&figure, "step").click();
    let after_one = readouts();
    assert_eq!(after_one.matches("at epoch 1").count(), 5, "{after_one}");
    let chart = support::pixels_of(
        &figure,
        "canvas.learning-curves-chart, canvas.step-size-chart",
    );
    assert!(support::distinct_colours(&chart) > 4, "the chart is blank");
    assert!(label_of(&figure, ".step-size-chart-frame").contains("very high"));

    // A new rate of one's own restarts only that curve.
    let slider = slider(&figure, "learning-rate");
    slider.set_value("0");
    send(slider.as_ref(), "input");
    assert!(text_or_empty(&figure, ".demo-control output").starts_with('1'));
    assert!(
        wait_for(|| readouts().matches("at epoch 5").count() == 5).await,
        "training did not finish: {}",
        readouts()
    );
    assert!(!readouts().contains("NaN"));
}

#[wasm_bindgen_test]
fn the_learning_curves_report_bad_settings() {
    let figure = add_figure(
        "curves-test-2",
        "learning-curves",
        "{\"epochs\":\"-5\",\"lr\":\"1e400\"}",
    );
    downhill_web::mount_all();
    let message = text_or_empty(&figure, ".demo-message");
    assert!(message.contains("Loading"), "{message}");
    assert!(
        message.contains("“epochs”") && message.contains("“lr”"),
        "{message}"
    );
    assert_eq!(slider(&figure, "epochs").value(), "5");
    assert!(!text_or_empty(&figure, ".demo-control output").contains("inf"));
}
