//! The training dashboard mounted in a real browser page (headless Chromium through
//! wasm-bindgen-test-runner): it loads the digits, replaces the still, draws, restarts and redraws
//! when a control changes, runs the sanity checks, and reports bad settings politely.
//!
//! The test runner serves no site files, so `fetch` is replaced by one that answers with a small
//! made-up digits file, gzipped by the browser's own `CompressionStream` as the real file is.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{click, document, sleep, slider, text_or_empty};

/// 900 made-up 8x8 digits (the split holds out 360 + 360, leaving 180 to train on): label `i % 10`, pixels bright where `pixel % 10 == label`, so a linear
/// classifier can learn them.
fn made_up_digits_csv() -> String {
    let mut csv = String::new();
    for index in 0..900 {
        let label = index % 10;
        let pixels: Vec<String> = (0..64)
            .map(|pixel| {
                if pixel % 10 == label {
                    "16".to_string()
                } else {
                    ((index * 7 + pixel) % 4).to_string()
                }
            })
            .collect();
        csv.push_str(&format!("{},{label}\n", pixels.join(",")));
    }
    csv
}

/// Makes `fetch` answer every request with the made-up digits, gzipped.
fn serve_made_up_digits() {
    let install = js_sys::Function::new_with_args(
        "csv",
        "window.fetch = async () => new Response(new Blob([csv]).stream()\
         .pipeThrough(new CompressionStream('gzip')));",
    );
    install
        .call1(&JsValue::NULL, &JsValue::from_str(&made_up_digits_csv()))
        .unwrap();
}

/// Adds a dashboard figure as the renderer writes it, mounts it, and waits for the digits.
async fn mounted_figure(id: &str, settings: &str) -> web_sys::Element {
    support::install_english_strings();
    serve_made_up_digits();
    let figure = document().create_element("figure").unwrap();
    figure.set_id(id);
    figure.set_attribute("class", "demo").unwrap();
    figure
        .set_attribute("data-demo", "training-dashboard")
        .unwrap();
    figure.set_attribute("data-settings", settings).unwrap();
    figure.set_inner_html(
        "<picture class=\"demo-still\"><img src=\"data:image/svg+xml,%3Csvg xmlns=%27http://www.w3.org/2000/svg%27 width=%2716%27 height=%2712%27/%3E\" alt=\"still\" width=\"16\" height=\"12\"></picture><figcaption>Watch it train.</figcaption>",
    );
    let container = match document().get_element_by_id("demo-test-container") {
        Some(container) => container,
        None => {
            let container = document().create_element("div").unwrap();
            container.set_id("demo-test-container");
            let body: HtmlElement = document().body().unwrap();
            body.append_child(&container).unwrap();
            container
        }
    };
    container.set_inner_html("");
    container.append_child(&figure).unwrap();
    downhill_web::mount_all();
    for _ in 0..100 {
        if text_or_empty(&figure, ".training-dashboard-readout").starts_with("Epoch") {
            break;
        }
        sleep(50).await;
    }
    figure
}

#[wasm_bindgen_test]
async fn the_dashboard_replaces_its_still_and_draws_the_untrained_state() {
    let figure = mounted_figure("dashboard-test-1", "{}").await;
    assert!(figure.class_list().contains("demo-live"));
    assert!(figure.query_selector(".demo-still").unwrap().is_none());
    assert!(figure.query_selector("figcaption").unwrap().is_some());
    let readout = text_or_empty(&figure, ".training-dashboard-readout");
    assert!(readout.starts_with("Epoch 0 of 20"), "{readout}");
    let frame = figure.query_selector("[role=\"img\"]").unwrap().unwrap();
    let label = frame.get_attribute("aria-label").unwrap();
    assert!(label.contains("not trained yet"), "{label}");
    // Axes, grid, the healthy band and the reference line: many colours, not a blank canvas.
    let colours = support::distinct_colours(&support::pixels_of(&figure, "canvas"));
    assert!(colours > 20, "only {colours} colours");
    assert!(!readout.contains("NaN") && !label.contains("NaN"));
}

#[wasm_bindgen_test]
async fn a_control_changed_by_an_input_event_restarts_and_redraws() {
    let figure = mounted_figure("dashboard-test-2", "{}").await;
    click(&figure, "step");
    let after_epoch = text_or_empty(&figure, ".training-dashboard-readout");
    assert!(after_epoch.starts_with("Epoch 1 of 20"), "{after_epoch}");
    let before = support::pixels_of(&figure, "canvas");
    let batch = slider(&figure, "batch");
    batch.set_value("0");
    batch
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    assert_eq!(
        text_or_empty(&figure, "output[for$=\"-batch\"]"),
        "1 (one example)"
    );
    assert_ne!(
        support::pixels_of(&figure, "canvas"),
        before,
        "the picture did not change"
    );
    let restarted = text_or_empty(&figure, ".training-dashboard-readout");
    assert!(
        restarted.contains("of 3600"),
        "180 examples in batches of 1 for 20 epochs: {restarted}"
    );
    // The change plays the new run: a moment later it has trained.
    sleep(300).await;
    let playing = text_or_empty(&figure, ".training-dashboard-readout");
    assert!(!playing.starts_with("Epoch 0 of 20 · step 0 "), "{playing}");
    click(&figure, "play-pause");
}

#[wasm_bindgen_test]
async fn the_sanity_checks_report_in_the_demo() {
    let figure = mounted_figure("dashboard-test-3", "{}").await;
    click(&figure, "check-initial-loss");
    let results = text_or_empty(&figure, ".training-dashboard-results");
    assert!(results.contains("expected ln 10 ≈ 2.3026"), "{results}");
    assert!(results.contains("SVM"), "{results}");
    click(&figure, "step");
    click(&figure, "check-regularization");
    let results = text_or_empty(&figure, ".training-dashboard-results");
    assert!(results.contains("rises with the strength ✓"), "{results}");
    click(&figure, "check-overfit");
    assert_eq!(text_or_empty(&figure, "output[for$=\"-reg\"]"), "0 (off)");
    let data: web_sys::HtmlSelectElement = figure
        .query_selector("select[name=\"data\"]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(data.value(), "tiny");
    // 100 epochs of one full-batch step on 20 examples end within a few seconds.
    for _ in 0..100 {
        if text_or_empty(&figure, ".training-dashboard-results").contains("Overfit check after") {
            break;
        }
        sleep(100).await;
    }
    let results = text_or_empty(&figure, ".training-dashboard-results");
    assert!(results.contains("training accuracy 100.0% ✓"), "{results}");
}

#[wasm_bindgen_test]
async fn bad_settings_get_polite_messages_and_defaults() {
    let figure = mounted_figure(
        "dashboard-test-4",
        "{\"lr\":\"banana\",\"batch\":\"7\",\"loss\":\"hinge\",\"epochs\":\"1e309\",\"reg\":\"-1\"}",
    )
    .await;
    let message = text_or_empty(&figure, ".demo-message");
    for key in ["lr", "batch", "loss", "epochs", "reg"] {
        assert!(
            message.contains(&format!("“{key}”")),
            "no word on {key}: {message}"
        );
    }
    assert_eq!(
        text_or_empty(&figure, "output[for$=\"-learning-rate\"]"),
        "0.1"
    );
    assert_eq!(text_or_empty(&figure, "output[for$=\"-reg\"]"), "0 (off)");
    let readout = text_or_empty(&figure, ".training-dashboard-readout");
    assert!(readout.starts_with("Epoch 0 of 20"), "{readout}");
}
