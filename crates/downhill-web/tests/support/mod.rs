//! What every wasm test of a demo needs: the page's document, and a demo figure as the lesson
//! renderer writes it, alone in a fresh container.
//!
//! Each file in tests/ is its own crate and uses only some of these, hence the allow.
#![allow(dead_code)]

use wasm_bindgen::JsCast;
use web_sys::{
    CanvasRenderingContext2d, Document, Element, HtmlCanvasElement, HtmlElement, HtmlInputElement,
};

pub fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Adds a `<figure data-demo=DEMO>` with `settings` as its JSON settings, holding a still and a
/// caption as the renderer writes them, and returns it. Each call empties the test container first;
/// the runner reports results through the page body, so the body itself is left alone.
pub fn add_figure(id: &str, demo: &str, settings: &str) -> Element {
    install_english_strings();
    let figure = document().create_element("figure").unwrap();
    figure.set_id(id);
    figure.set_attribute("class", "demo").unwrap();
    figure.set_attribute("data-demo", demo).unwrap();
    figure.set_attribute("data-settings", settings).unwrap();
    figure.set_inner_html(
        "<div class=\"demo-fallback\"><picture class=\"demo-still\"><img src=\"data:image/svg+xml,%3Csvg xmlns=%27http://www.w3.org/2000/svg%27 width=%2716%27 height=%2712%27/%3E\" alt=\"still\" width=\"16\" height=\"12\"></picture></div>\
         <figcaption>Try the demo.</figcaption>",
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
    figure
}

/// Puts the demos' English strings into the page as the renderer's `demo-strings` block, unless
/// the page has a block already (a test of another language puts its own first). The demos read
/// the block once, at their first word.
pub fn install_english_strings() {
    if document().get_element_by_id("demo-strings").is_some() {
        return;
    }
    let strings = js_sys::Object::new();
    let english = include_str!("../../../../lessons/strings/en/demos.toml");
    for (key, value) in downhill_web::read_strings_file(english) {
        js_sys::Reflect::set(&strings, &key.into(), &value.into()).unwrap();
    }
    install_strings(&String::from(js_sys::JSON::stringify(&strings).unwrap()));
}

/// Puts `json` into the page as its `demo-strings` block.
pub fn install_strings(json: &str) {
    let block = document().create_element("script").unwrap();
    block.set_attribute("type", "application/json").unwrap();
    block.set_id("demo-strings");
    block.set_text_content(Some(json));
    document().body().unwrap().append_child(&block).unwrap();
}

/// The text of the first element matching `selector` in `figure`; a missing element fails the test.
pub fn text_of(figure: &Element, selector: &str) -> String {
    figure
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .text_content()
        .unwrap_or_default()
}

/// The text of the first element matching `selector` in `figure`, or "" while there is none (for
/// a readout a test polls before the demo has written it).
pub fn text_or_empty(figure: &Element, selector: &str) -> String {
    figure
        .query_selector(selector)
        .unwrap()
        .and_then(|element| element.text_content())
        .unwrap_or_default()
}

/// The demo's button with `data-action="ACTION"`; a missing one fails the test.
pub fn button(figure: &Element, action: &str) -> HtmlElement {
    figure
        .query_selector(&format!("button[data-action=\"{action}\"]"))
        .unwrap()
        .unwrap_or_else(|| panic!("no {action} button"))
        .dyn_into()
        .unwrap()
}

/// Clicks the demo's button with `data-action="ACTION"`.
pub fn click(figure: &Element, action: &str) {
    button(figure, action).click();
}

/// The RGBA bytes of `canvas`, row by row.
pub fn canvas_pixels(canvas: &HtmlCanvasElement) -> Vec<u8> {
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    context
        .get_image_data(0.0, 0.0, canvas.width() as f64, canvas.height() as f64)
        .unwrap()
        .data()
        .0
}

/// The RGBA bytes of the first canvas in `figure` that matches `selector`.
pub fn pixels_of(figure: &Element, selector: &str) -> Vec<u8> {
    let canvas: HtmlCanvasElement = figure
        .query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no canvas matches {selector}"))
        .dyn_into()
        .unwrap();
    canvas_pixels(&canvas)
}

/// How many different RGBA colours `pixels` holds: a blank or one-colour canvas has one or two.
pub fn distinct_colours(pixels: &[u8]) -> usize {
    let mut colours: Vec<&[u8]> = pixels.chunks_exact(4).collect();
    colours.sort_unstable();
    colours.dedup();
    colours.len()
}

/// The `<input name=NAME>` of `figure` (a slider, a field or a checkbox); a missing one fails the test.
pub fn slider(figure: &Element, name: &str) -> HtmlInputElement {
    figure
        .query_selector(&format!("input[name=\"{name}\"]"))
        .unwrap()
        .expect("the slider")
        .dyn_into()
        .unwrap()
}

/// Sends a plain `event_name` event to `target`, as the browser does after a user's change.
pub fn send(target: &web_sys::EventTarget, event_name: &str) {
    target
        .dispatch_event(&web_sys::Event::new(event_name).unwrap())
        .unwrap();
}

/// Moves a slider as a user does: a new value, then a real `input` event.
pub fn move_slider(figure: &Element, name: &str, value: &str) {
    let input = slider(figure, name);
    input.set_value(value);
    send(&input, "input");
}

/// Waits `milliseconds` without blocking the page, so fetches, timers and frames can run.
pub async fn sleep(milliseconds: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, milliseconds)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}
