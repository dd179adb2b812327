//! The backprop graph mounted in a real browser page (headless Chromium through
//! wasm-bindgen-test-runner): it replaces the still, steps forward and back with the buttons and
//! the arrow keys, writes every node's value and gradient in its table, checks each input's gradient,
//! and a new input value runs both passes again.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{add_figure, click, move_slider, text_of};

/// The text of each row of the table `class`, cells joined by `|`.
fn rows(figure: &web_sys::Element, class: &str) -> Vec<String> {
    let found = figure
        .query_selector_all(&format!(".{class} tbody tr"))
        .unwrap();
    (0..found.length())
        .map(|index| {
            let row: web_sys::Element = found.item(index).unwrap().unchecked_into();
            let cells = row.query_selector_all("th, td").unwrap();
            (0..cells.length())
                .map(|cell| cells.item(cell).unwrap().text_content().unwrap_or_default())
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect()
}

#[wasm_bindgen_test]
fn it_replaces_its_still_and_steps_through_both_passes() {
    let figure = add_figure("bp-test-1", "backprop-graph", "{}");
    downhill_web::mount_all();
    assert!(figure.class_list().contains("demo-live"));
    assert!(figure.query_selector(".demo-still").unwrap().is_none());
    let colours = support::distinct_colours(&support::pixels_of(&figure, "canvas.backprop-graph"));
    assert!(colours > 3, "only {colours} colours on the graph");
    assert!(text_of(&figure, ".backprop-rule").starts_with("Step 0 of 7."));
    assert_eq!(
        rows(&figure, "backprop-nodes")[3],
        "q|x + y|not yet|not yet"
    );

    let before = support::pixels_of(&figure, "canvas.backprop-graph");
    click(&figure, "step-forward");
    assert_ne!(support::pixels_of(&figure, "canvas.backprop-graph"), before);
    assert!(text_of(&figure, ".backprop-rule").contains("q = x + y = −2 + 5 = 3"));
    click(&figure, "end");
    assert_eq!(rows(&figure, "backprop-nodes")[3], "q|x + y|3|−4");
    assert_eq!(rows(&figure, "backprop-nodes")[4], "f|q × z|−12|1");
    let check = rows(&figure, "backprop-check");
    assert!(check[0].starts_with("x|-4|-4"), "{check:?}");
    assert!(check[2].ends_with("(good)"), "{check:?}");

    // The graph takes the arrow keys.
    let graph = figure
        .query_selector(".backprop-graph-scroll")
        .unwrap()
        .unwrap();
    // web-sys builds KeyboardEventInit only behind a feature the crate does not need.
    js_sys::Function::new_with_args(
        "element",
        "element.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowLeft', bubbles: true}))",
    )
    .call1(&wasm_bindgen::JsValue::NULL, &graph)
    .unwrap();
    assert!(text_of(&figure, ".backprop-rule").starts_with("Step 6 of 7."));
}

#[wasm_bindgen_test]
fn a_new_input_value_runs_both_passes_again_and_a_bad_one_is_said() {
    let figure = add_figure("bp-test-2", "backprop-graph", "{\"step\": 7}");
    downhill_web::mount_all();
    move_slider(&figure, "z", "2");
    assert_eq!(rows(&figure, "backprop-nodes")[4], "f|q × z|6|1");
    assert!(rows(&figure, "backprop-check")[0].starts_with("x|2|2"));
    let field: web_sys::HtmlInputElement = figure
        .query_selector("input.backprop-field[data-input=\"0\"]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    field.set_value("1e9");
    support::send(&field, "input");
    assert!(text_of(&figure, ".demo-message").contains("between -10 and 10"));
    assert_eq!(rows(&figure, "backprop-nodes")[0], "x|input|−2|2");
}

#[wasm_bindgen_test]
fn the_neuron_preset_rebuilds_the_inputs() {
    let figure = add_figure("bp-test-3", "backprop-graph", "{\"preset\": \"neuron\"}");
    downhill_web::mount_all();
    let fields = figure.query_selector_all("input.backprop-field").unwrap();
    assert_eq!(fields.length(), 5);
    assert_eq!(rows(&figure, "backprop-check").len(), 5);
    let select: web_sys::HtmlSelectElement = figure
        .query_selector("select[name=\"preset\"]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    select.set_value("branches");
    support::send(&select, "change");
    assert_eq!(
        figure
            .query_selector_all("input.backprop-field")
            .unwrap()
            .length(),
        2
    );
}
