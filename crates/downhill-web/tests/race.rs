//! The race mounted in a real browser page (headless Chromium through wasm-bindgen-test-runner):
//! it replaces the still, draws, and redraws the paths when the step size changes.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::HtmlInputElement;

wasm_bindgen_test_configure!(run_in_browser);

mod support;

/// Adds a saddle-race figure through the shared fixture.
fn add_figure(id: &str, settings: &str) -> web_sys::Element {
    support::add_figure(id, "saddle-race", settings)
}

#[wasm_bindgen_test]
fn the_race_replaces_its_still_and_draws_paths() {
    let figure = add_figure("demo-test-1", "{\"surface\":\"bounded-saddle\"}");
    downhill_web::mount_all();
    assert!(figure.class_list().contains("demo-live"));
    assert!(
        figure.query_selector(".demo-still").unwrap().is_none(),
        "the still is still there"
    );
    assert!(
        figure.query_selector("figcaption").unwrap().is_some(),
        "the caption was lost"
    );
    let pixels = support::pixels_of(&figure, "canvas.demo-layer-overlay");
    let drawn = pixels.chunks(4).filter(|pixel| pixel[3] > 0).count();
    assert!(drawn > 50, "only {drawn} pixels drawn on the overlay");
    // Every racer has a row; the lesson's default four are switched on.
    assert_eq!(
        figure
            .query_selector_all("ul.demo-legend li")
            .unwrap()
            .length(),
        7
    );
    assert_eq!(
        figure
            .query_selector_all("ul.demo-legend input[type=checkbox]:checked")
            .unwrap()
            .length(),
        4
    );
}

#[wasm_bindgen_test]
fn a_new_step_size_redraws_the_paths() {
    let figure = add_figure("demo-test-2", "{}");
    downhill_web::mount_all();
    // At step 0 every path is only its start, whatever the step size; a few steps in, the paths
    // differ. (This test once passed at step 0 only because the overlay was never cleared, so
    // drawing the same start twice darkened its edges.)
    let step = support::button(&figure, "step");
    for _ in 0..10 {
        step.click();
    }
    let before = support::pixels_of(&figure, "canvas.demo-layer-overlay");
    let slider: HtmlInputElement = figure
        .query_selector("input[name=\"learning-rate\"]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    slider.set_value("-0.5");
    slider
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    assert_ne!(
        support::pixels_of(&figure, "canvas.demo-layer-overlay"),
        before
    );
    let shown = figure
        .query_selector("output")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert_eq!(shown, "0.3162", "10^-0.5 shown as {shown}");
}

#[wasm_bindgen_test]
fn an_unknown_surface_is_reported_in_the_demo_box() {
    let figure = add_figure("demo-test-3", "{\"surface\":\"no-such-surface\"}");
    downhill_web::mount_all();
    let message = figure
        .query_selector(".demo-message")
        .unwrap()
        .expect("a message")
        .text_content()
        .unwrap();
    assert!(
        message.contains("no-such-surface") || message.contains("surface"),
        "{message}"
    );
}

#[wasm_bindgen_test]
fn the_lessons_settings_choose_the_racers_and_the_preset() {
    let figure = add_figure("demo-test-4", "{\"preset\":\"ukrainian-momentum\"}");
    downhill_web::mount_all();
    let checked = figure
        .query_selector_all("ul.demo-legend input[type=checkbox]:checked")
        .unwrap();
    assert_eq!(checked.length(), 2, "the preset races SGD against momentum");
    let mu: HtmlInputElement = figure
        .query_selector("input[name=\"momentum.mu\"]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(mu.value(), "0.99");
    let surface: web_sys::HtmlSelectElement = figure
        .query_selector("select[name=\"surface\"]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    assert_eq!(surface.value(), "ravine");

    let figure = add_figure(
        "demo-test-5",
        "{\"optimizers\":[\"adam\",\"no-such-optimizer\"],\"surface\":\"beale\"}",
    );
    downhill_web::mount_all();
    let checked = figure
        .query_selector_all("ul.demo-legend input[type=checkbox]:checked")
        .unwrap();
    assert_eq!(checked.length(), 1);
    let message = figure
        .query_selector(".demo-message")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(message.contains("no-such-optimizer"), "{message}");
}

#[wasm_bindgen_test]
fn the_inspector_shows_the_state_of_the_chosen_optimizer() {
    let figure = add_figure("demo-test-6", "{\"optimizers\":[\"adam\"]}");
    downhill_web::mount_all();
    let step = support::button(&figure, "step");
    step.click();
    step.click();
    let inspect: web_sys::HtmlSelectElement = figure
        .query_selector("select[name=\"inspect\"]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    inspect.set_value("adam");
    inspect
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    let table = figure
        .query_selector(".race-inspector-table")
        .unwrap()
        .expect("a state table")
        .text_content()
        .unwrap();
    for field in ["m", "v", "1 - beta1^t", "t"] {
        assert!(table.contains(field), "{field} missing from {table}");
    }
    // After two steps Adam's t is 2 and its first bias correction is 1 - 0.9^2 = 0.19.
    assert!(table.contains("0.19"), "{table}");
}

/// Waits for the next animation frame and a task after it (a surface change draws the paths and the
/// loss chart in the frame after its event).
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let after_frame = wasm_bindgen::closure::Closure::once_into_js(move || {
            web_sys::window()
                .unwrap()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0)
                .unwrap();
        });
        web_sys::window()
            .unwrap()
            .request_animation_frame(after_frame.unchecked_ref())
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn choose_surface(figure: &web_sys::Element, surface: &str) {
    let select: web_sys::HtmlSelectElement = figure
        .query_selector("select[name=\"surface\"]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    select.set_value(surface);
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn a_surface_change_draws_its_paths_in_the_next_frame_over_nothing_old() {
    let figure = add_figure("demo-test-surfaces", "{\"surface\":\"bounded-saddle\"}");
    downhill_web::mount_all();
    let paths_first = support::pixels_of(&figure, "canvas.demo-layer-overlay");
    assert!(paths_first.chunks(4).any(|pixel| pixel[3] > 0), "no paths");
    choose_surface(&figure, "rosenbrock");
    // In the event's own frame the new landscape shows with no stale paths on it.
    assert!(
        support::pixels_of(&figure, "canvas.demo-layer-overlay")
            .iter()
            .all(|&byte| byte == 0),
        "the old paths stayed over the new landscape"
    );
    next_frame().await;
    let paths_rosenbrock = support::pixels_of(&figure, "canvas.demo-layer-overlay");
    assert!(
        paths_rosenbrock.chunks(4).any(|pixel| pixel[3] > 0),
        "no paths on the new surface after a frame"
    );
    assert!(
        paths_rosenbrock != paths_first,
        "the paths did not follow the surface"
    );
    // Back to the first surface: the same paths as at the start, with nothing of the other's.
    choose_surface(&figure, "bounded-saddle");
    next_frame().await;
    assert!(
        support::pixels_of(&figure, "canvas.demo-layer-overlay") == paths_first,
        "the paths layer kept marks of the other surface"
    );
}
