//! What every wasm test of a demo needs: the page's document, and a demo figure as the lesson
//! renderer writes it, alone in a fresh container.
//!
//! Each file in tests/ is its own crate and uses only some of these, hence the allow.
#![allow(dead_code)]

use web_sys::{Document, Element, HtmlElement};

pub fn document() -> Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Adds a `<figure data-demo=DEMO>` with `settings` as its JSON settings, holding a still and a
/// caption as the renderer writes them, and returns it. Each call empties the test container first;
/// the runner reports results through the page body, so the body itself is left alone.
pub fn add_figure(id: &str, demo: &str, settings: &str) -> Element {
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
