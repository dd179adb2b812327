//! The minibatch noise demo mounted in a real browser page (headless Chromium through
//! wasm-bindgen-test-runner). The test runner serves no digits, so this checks what happens before
//! and without them: the demo replaces its still, says it is loading, keeps its controls disabled,
//! then reports the failed download in its own box; bad link settings are reported politely. The
//! loaded demo is tested end to end in tests/e2e/minibatch-noise.test.mjs.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{add_figure, sleep, slider, text_of};

#[wasm_bindgen_test]
async fn the_demo_loads_then_reports_missing_digits_in_its_box() {
    let figure = add_figure("mb-test-1", "minibatch-noise", "{\"batch\":16}");
    downhill_web::mount_all();
    assert!(figure.class_list().contains("demo-live"));
    assert!(figure.query_selector(".demo-still").unwrap().is_none());
    assert!(text_of(&figure, ".demo-readout").contains("Loading the digits"));
    assert!(
        slider(&figure, "batch").disabled(),
        "the slider works before the data"
    );
    assert_eq!(text_of(&figure, "output"), "16");
    let mut message = String::new();
    for _ in 0..40 {
        sleep(100).await;
        message = text_of(&figure, ".demo-message");
        if !message.is_empty() {
            break;
        }
    }
    assert!(message.contains("Could not load the digits"), "{message}");
    // The canvas keeps its size and an opaque background, not a broken box.
    let pixels = support::pixels_of(&figure, "canvas.demo-chart");
    assert!(pixels.len() > 4 * 100 * 100);
    assert_eq!(pixels[3], 255);
}

#[wasm_bindgen_test]
fn a_batch_size_from_a_link_snaps_to_a_power_of_two_and_bad_ones_are_reported() {
    let figure = add_figure("mb-test-2", "minibatch-noise", "{\"batch\":100}");
    downhill_web::mount_all();
    assert_eq!(text_of(&figure, "output"), "128");
    let figure = add_figure("mb-test-3", "minibatch-noise", "{\"batch\":\"-5\"}");
    downhill_web::mount_all();
    let message = text_of(&figure, ".demo-message");
    assert!(message.contains("“batch” must be between"), "{message}");
    assert_eq!(text_of(&figure, "output"), "1");
}
