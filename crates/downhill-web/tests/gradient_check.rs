//! The gradient-check demo mounted in a real browser page (headless Chromium through
//! wasm-bindgen-test-runner): it replaces the still, draws its plot, fills its table, reacts to h and
//! to a planted bug, flags the ReLU's kink and reports bad settings from the URL.
//!
//! The test page has no digits data, so these tests use the surfaces and the ReLU, which need none.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{HtmlCanvasElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

mod support;

/// Adds a gradient-check figure through the shared fixture.
fn add_figure(id: &str, settings: &str) -> web_sys::Element {
    support::add_figure(id, "gradient-check", settings)
}

fn plot_pixels(figure: &web_sys::Element) -> Vec<u8> {
    // Both layers: the curves and axes, and the marks of the current h over them.
    let canvases = figure.query_selector_all("canvas").unwrap();
    assert_eq!(
        canvases.length(),
        2,
        "the plot has a base layer and a marks layer"
    );
    let mut pixels = Vec::new();
    for index in 0..canvases.length() {
        let canvas: HtmlCanvasElement = canvases.item(index).unwrap().dyn_into().unwrap();
        pixels.extend(support::canvas_pixels(&canvas));
    }
    pixels
}

/// The base layer's pixels, and those of its left strip (the y axis's labels, which no curve
/// reaches), row by row.
fn base_pixels(figure: &web_sys::Element) -> (Vec<u8>, Vec<u8>) {
    let canvas: HtmlCanvasElement = figure
        .query_selector("canvas.gradient-check-plot")
        .unwrap()
        .expect("the base layer")
        .dyn_into()
        .unwrap();
    let pixels = support::canvas_pixels(&canvas);
    let row_bytes = canvas.width() as usize * 4;
    // 50 CSS pixels of the 58 the y labels get, at the page's pixel ratio.
    let ratio = web_sys::window()
        .unwrap()
        .device_pixel_ratio()
        .clamp(1.0, 3.0);
    let strip_bytes = (50.0 * ratio) as usize * 4;
    let strip = pixels
        .chunks(row_bytes)
        .flat_map(|row| row[..strip_bytes].iter().copied())
        .collect();
    (pixels, strip)
}

fn texts(figure: &web_sys::Element, selector: &str) -> Vec<String> {
    let nodes = figure.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .map(|index| {
            nodes
                .item(index)
                .unwrap()
                .text_content()
                .unwrap_or_default()
        })
        .collect()
}

fn input(figure: &web_sys::Element, name: &str) -> HtmlInputElement {
    figure
        .query_selector(&format!("input[name=\"{name}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no input named {name}"))
        .dyn_into()
        .unwrap()
}

#[wasm_bindgen_test]
fn the_check_replaces_its_still_draws_and_fills_its_table() {
    let figure = add_figure("gc-test-1", "{\"function\":\"rosenbrock\"}");
    downhill_web::mount_all();
    assert!(figure.class_list().contains("demo-live"));
    assert!(figure.query_selector(".demo-still").unwrap().is_none());
    assert!(figure.query_selector("figcaption").unwrap().is_some());
    let pixels = plot_pixels(&figure);
    let mut colours: Vec<[u8; 4]> = pixels
        .chunks(4)
        .step_by(7)
        .map(|pixel| [pixel[0], pixel[1], pixel[2], pixel[3]])
        .collect();
    colours.sort_unstable();
    colours.dedup();
    assert!(
        colours.len() > 20,
        "only {} colours on the plot",
        colours.len()
    );
    // Rosenbrock has two parameters, x and y: one row each. Each row has the centered error, then the
    // forward one.
    assert_eq!(texts(&figure, "tbody th"), vec!["x", "y"]);
    let bands = texts(
        &figure,
        "tbody td.gradient-check-error .gradient-check-band-name",
    );
    assert_eq!(bands.len(), 4);
    assert!(
        bands[0] == "good" && bands[2] == "good",
        "centered errors at h = 1e-5 should be good: {bands:?}"
    );
    let summary = texts(&figure, ".gradient-check-summary").join("");
    assert!(summary.contains("checks out"), "{summary}");
    let label = figure
        .query_selector(".gradient-check-plot-frame")
        .unwrap()
        .unwrap()
        .get_attribute("aria-label")
        .unwrap();
    assert!(label.contains("relative error of x"), "{label}");
    assert!(!label.contains("NaN") && !label.contains("inf"), "{label}");
}

#[wasm_bindgen_test]
fn moving_h_changes_the_picture_and_the_numbers() {
    let figure = add_figure("gc-test-2", "{\"function\":\"beale\"}");
    downhill_web::mount_all();
    let pixels_before = plot_pixels(&figure);
    let numbers_before = texts(&figure, "tbody td");
    let slider = input(&figure, "h");
    slider.set_value("-2");
    slider
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    assert_ne!(
        plot_pixels(&figure),
        pixels_before,
        "the plot did not change"
    );
    assert_ne!(
        texts(&figure, "tbody td"),
        numbers_before,
        "the table did not change"
    );
    let shown = texts(&figure, "output").join(" ");
    assert!(shown.contains("1e-2"), "h shown as {shown}");
    // At h = 1e-2 the forward difference's truncation error is plain to see.
    let bands = texts(
        &figure,
        "tbody td.gradient-check-error .gradient-check-band-name",
    );
    assert_ne!(
        bands[1], "good",
        "forward difference at h = 1e-2: {bands:?}"
    );
}

#[wasm_bindgen_test]
fn a_flipped_sign_is_caught() {
    let figure = add_figure("gc-test-3", "{\"function\":\"himmelblau\"}");
    downhill_web::mount_all();
    let switch = input(&figure, "bug-sign");
    switch.set_checked(true);
    switch
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    let bands = texts(
        &figure,
        "tbody td.gradient-check-error .gradient-check-band-name",
    );
    assert!(
        bands.iter().all(|band| band == "probably wrong"),
        "{bands:?}"
    );
    let summary = texts(&figure, ".gradient-check-summary").join("");
    assert!(summary.contains("probably wrong"), "{summary}");
    assert!(summary.contains("bug is planted"), "{summary}");
}

#[wasm_bindgen_test]
fn the_relu_next_to_its_kink_is_flagged() {
    let figure = add_figure("gc-test-4", "{\"function\":\"relu\",\"h\":\"1e-5\"}");
    downhill_web::mount_all();
    let kinks = texts(&figure, "tbody td:last-child");
    assert_eq!(kinks[0], "crossed", "{kinks:?}");
    assert_eq!(kinks[2], "no", "{kinks:?}");
    let summary = texts(&figure, ".gradient-check-summary").join("");
    assert!(summary.contains("crossed a kink"), "{summary}");
}

#[wasm_bindgen_test]
fn bad_settings_in_the_url_are_reported_and_the_demo_still_works() {
    let window = web_sys::window().unwrap();
    let history = window.history().unwrap();
    let original = window.location().href().unwrap();
    history
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some("?gc-test-5.h=1e309&gc-test-5.precision=f16&gc-test-5.seed=-4&gc-test-5.row=abc"),
        )
        .unwrap();
    let figure = add_figure("gc-test-5", "{\"function\":\"rosenbrock\"}");
    downhill_web::mount_all();
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&original))
        .unwrap();
    let message = texts(&figure, ".demo-message").join(" ");
    for key in ["“h”", "“precision”", "“seed”", "“row”"] {
        assert!(message.contains(key), "no word about {key} in: {message}");
    }
    // The defaults took over: h = 1e-5 in double precision, and the table is full.
    assert_eq!(texts(&figure, "tbody tr").len(), 2);
    let shown = texts(&figure, "output").join(" ");
    assert!(shown.contains("1e-5"), "h shown as {shown}");
}

#[wasm_bindgen_test]
fn a_bug_the_check_cannot_see_is_explained() {
    // The Beale surface has no mean over examples: the dropped 1/N cannot apply to it.
    let figure = add_figure("gc-test-6", "{\"function\":\"beale\",\"bug-mean\":\"1\"}");
    downhill_web::mount_all();
    let message = texts(&figure, ".demo-message").join(" ");
    assert!(
        message.contains("only the flipped sign applies"),
        "{message}"
    );
    let bands = texts(
        &figure,
        "tbody td.gradient-check-error .gradient-check-band-name",
    );
    assert_eq!(
        bands[0], "good",
        "a bug that does not apply changed the check: {bands:?}"
    );
    assert!(input(&figure, "bug-mean").disabled());
}

#[wasm_bindgen_test]
fn a_new_function_redraws_the_curves_over_the_kept_axes() {
    let figure = add_figure("gc-test-layers", "{\"function\":\"rosenbrock\"}");
    downhill_web::mount_all();
    let (plot_before, axis_before) = base_pixels(&figure);
    // The kept axes are copied in whole: the base layer is opaque everywhere.
    assert!(plot_before.chunks(4).all(|pixel| pixel[3] == 255));
    let function: web_sys::HtmlSelectElement = figure
        .query_selector("select[name=\"function\"]")
        .unwrap()
        .expect("a function menu")
        .dyn_into()
        .unwrap();
    function.set_value("beale");
    function
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    let (plot_after, axis_after) = base_pixels(&figure);
    assert_ne!(plot_after, plot_before, "the curves did not change");
    assert!(plot_after.chunks(4).all(|pixel| pixel[3] == 255));
    assert_eq!(
        axis_after, axis_before,
        "the y axis and its labels changed though only the curves should have"
    );
    // Labels in the page's ink: dark in the light scheme, light in the dark one; either way
    // they stand out from the background in the strip's corner.
    let background = &axis_after[..4];
    let with_ink = axis_after
        .chunks(4)
        .filter(|pixel| (i32::from(pixel[0]) - i32::from(background[0])).abs() > 100)
        .count();
    assert!(with_ink > 50, "no axis labels in the strip");
}
