//! The one mount path: every `figure[data-demo]` on the page becomes its live demo here, and only
//! here, so mounting can change in one place (the performance work will mount a demo only when it
//! comes near the screen).

use crate::settings::Settings;
use crate::{demos, panic_box, timing};
use downhill_plots::catalogue::DemoKind;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use web_sys::Element;

thread_local! {
    // Mounted demos live as long as the page.
    static MOUNTED: RefCell<Vec<Rc<dyn std::any::Any>>> = const { RefCell::new(Vec::new()) };
}

/// Mounts every demo figure on the page. A demo that cannot start says why in its own box and
/// leaves the others working.
#[wasm_bindgen]
pub fn mount_all() {
    panic_box::install();
    let document = super::dom::document();
    let Ok(figures) = document.query_selector_all("figure[data-demo]") else {
        return;
    };
    for index in 0..figures.length() {
        let Some(figure) = figures
            .item(index)
            .and_then(|node| node.dyn_into::<Element>().ok())
        else {
            continue;
        };
        mount_figure(&figure);
    }
}

/// Reads the figure's demo and settings, mounts it with a panic box and a timing mark around it,
/// and keeps it alive.
fn mount_figure(figure: &Element) {
    let name = figure.get_attribute("data-demo").unwrap_or_default();
    let settings = Settings::for_figure(figure);
    panic_box::track_input(figure);
    // On the performance timeline, so the speed harness can say what each demo's start costs.
    let mounted = timing::measured(&format!("downhill-mount {}", figure.id()), || {
        panic_box::run_for_demo(figure, || match DemoKind::from_name(&name) {
            Some(kind) => demos::mount(kind, figure, &settings),
            None => Err(super::strings::fill("kit.unknown_demo", &[("name", &name)])),
        })
    });
    match mounted {
        Ok(demo) => MOUNTED.with(|mounted| mounted.borrow_mut().push(demo)),
        Err(reason) => show_failure(figure, &reason),
    }
}

fn show_failure(figure: &Element, reason: &str) {
    let note = super::dom::text(
        "p",
        "demo-message",
        &super::strings::fill("kit.could_not_start", &[("reason", reason)]),
    );
    let _ = note.set_attribute("role", "status");
    super::dom::append(figure, &note);
}
