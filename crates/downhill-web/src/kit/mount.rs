//! The one mount path: every `figure[data-demo]` on the page becomes its live demo here, and only
//! here. The page starts them with [`mount_when_near`]: a demo the address names at once, the others
//! as they come near the screen, one per task (`mount_near.rs`, `mount_queue.rs`), so no task while a
//! page loads mounts more than one demo. [`mount_all`] mounts every demo now, for tests.

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

/// Mounts every demo figure on the page now, in one task. A demo that cannot start says why in its
/// own box and leaves the others working. The wasm tests call it from Rust; it is not exported to
/// the page, so the shipped module leaves it out.
pub fn mount_all() {
    panic_box::install();
    demo_figures().iter().for_each(mount_figure);
}

/// Mounts the demo the address names now and every other demo when it comes within about a screen
/// of the viewport, each in a task of its own; until then a demo's still stays.
#[wasm_bindgen]
pub fn mount_when_near() {
    panic_box::install();
    super::mount_near::mount_named_now_others_when_near(demo_figures());
}

/// Every demo figure on the page, in document order.
fn demo_figures() -> Vec<Element> {
    let document = super::dom::document();
    let Ok(figures) = document.query_selector_all("figure[data-demo]") else {
        return Vec::new();
    };
    (0..figures.length())
        .filter_map(|index| figures.item(index))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .collect()
}

/// Reads the figure's demo and settings, mounts it with a panic box and a timing mark around it,
/// and keeps it alive.
pub(super) fn mount_figure(figure: &Element) {
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
