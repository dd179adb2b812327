//! Mounts Downhill's demos on the lesson pages.
//!
//! The page is plain HTML that reads well without scripts: each demo is a `<figure data-demo=NAME>`
//! holding a still picture and a caption. `www/boot.js` loads this module on pages that have such a
//! figure and calls [`mount_all`], which replaces each still with the live demo. This crate only
//! draws and listens: every number it shows comes from `downhill-core`.

mod animation;
#[cfg(feature = "bench-entry-points")]
mod bench;
mod demo;
mod demos;
mod digits;
mod dom;
mod format;
mod frame_work;
mod layers;
mod number_text;
mod panic_box;
mod settings;
mod timing;

use std::cell::RefCell;
use wasm_bindgen::prelude::*;

thread_local! {
    // Mounted demos live as long as the page.
    static MOUNTED: RefCell<Vec<std::rc::Rc<dyn std::any::Any>>> = const { RefCell::new(Vec::new()) };
}

/// Mounts every demo figure on the page. A demo that cannot start says why in its own box and
/// leaves the others working.
#[wasm_bindgen]
pub fn mount_all() {
    panic_box::install();
    let document = dom::document();
    let Ok(figures) = document.query_selector_all("figure[data-demo]") else {
        return;
    };
    for index in 0..figures.length() {
        let Some(figure) = figures
            .item(index)
            .and_then(|node| node.dyn_into::<web_sys::Element>().ok())
        else {
            continue;
        };
        let name = figure.get_attribute("data-demo").unwrap_or_default();
        let settings = settings::Settings::for_figure(&figure);
        panic_box::track_input(&figure);
        // On the performance timeline, so the speed harness can say what each demo's start costs.
        let mounted = timing::measured(&format!("downhill-mount {}", figure.id()), || {
            panic_box::run_for_demo(&figure, || demos::mount(&name, &figure, &settings))
        });
        match mounted {
            Ok(demo) => MOUNTED.with(|mounted| mounted.borrow_mut().push(demo)),
            Err(reason) => show_failure(&figure, &reason),
        }
    }
}

fn show_failure(figure: &web_sys::Element, reason: &str) {
    let note = dom::text(
        "p",
        "demo-message",
        &format!("This demo could not start: {reason}"),
    );
    let _ = note.set_attribute("role", "status");
    dom::append(figure, &note);
}
