//! A panic reported in the box of the demo that was running, so a reader sees why the picture froze
//! instead of a still that silently stopped answering.
//!
//! Which demo is running is a thread-local set while a demo mounts, while one of its event
//! handlers runs (a capturing listener on its figure sets it before any handler inside the figure
//! runs, a listener on the document clears it after) and while one of its animation frames runs.
//! In wasm a panic aborts the call that raised it, so the hook is the last code that runs for it: it
//! logs the panic, writes the message into that figure and marks the figure stopped, which its
//! animation loop reads to stop asking for frames. The other demos keep working.

use crate::kit::dom;
use crate::kit::listeners::EventClosure;
use crate::kit::strings::{fill, text};
use std::cell::{Cell, RefCell};
use wasm_bindgen::JsCast;
use web_sys::Element;

/// The class a stopped demo's figure carries; its animation loop checks it.
pub const STOPPED_CLASS: &str = "demo-stopped";

/// Events a reader's input sends to a demo; a handler for any of them may panic.
const INPUT_EVENTS: [&str; 10] = [
    "click",
    "input",
    "change",
    "keydown",
    "keyup",
    "pointerdown",
    "pointermove",
    "pointerup",
    "wheel",
    "focusin",
];

/// The longest panic message shown in a box; the console has the whole of it.
const MAX_SHOWN_CHARS: usize = 300;

thread_local! {
    static RUNNING: RefCell<Option<Element>> = const { RefCell::new(None) };
    // The listeners live as long as the page, as the demos do.
    static LISTENERS: RefCell<Vec<EventClosure>> =
        const { RefCell::new(Vec::new()) };
    static DOCUMENT_LISTENS: Cell<bool> = const { Cell::new(false) };
}

/// Installs the hook once: the panic goes to the console as before, and into the running demo's box.
pub fn install() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            console_error_panic_hook::hook(info);
            let message = info
                .payload_as_str()
                .map(str::to_string)
                .unwrap_or_else(|| text("kit.unexpected_error"));
            if let Some(figure) = running_figure() {
                show_stopped(&figure, &message);
            }
        }));
    });
}

/// Runs `work` with `figure` as the running demo, then puts back whichever demo ran before.
pub fn run_for_demo<R>(figure: &Element, work: impl FnOnce() -> R) -> R {
    let previous = RUNNING.with(|running| running.replace(Some(figure.clone())));
    let result = work();
    RUNNING.with(|running| *running.borrow_mut() = previous);
    result
}

/// Makes `figure` the running demo while the reader's input is handled inside it.
pub fn track_input(figure: &Element) {
    let document = dom::document();
    for event_name in INPUT_EVENTS {
        let tracked = figure.clone();
        let enter = EventClosure::new(move |_event: web_sys::Event| {
            RUNNING.with(|running| *running.borrow_mut() = Some(tracked.clone()));
        });
        let _ = figure.add_event_listener_with_callback_and_bool(
            event_name,
            enter.as_ref().unchecked_ref(),
            true,
        );
        LISTENERS.with(|listeners| listeners.borrow_mut().push(enter));
    }
    // One listener per event on the document clears it once the event has passed every handler
    // inside the figure; added once, for the first figure.
    if DOCUMENT_LISTENS.with(|listens| listens.replace(true)) {
        return;
    }
    LISTENERS.with(|listeners| {
        for event_name in INPUT_EVENTS {
            let leave = EventClosure::new(move |_event: web_sys::Event| {
                RUNNING.with(|running| *running.borrow_mut() = None);
            });
            let _ = document
                .add_event_listener_with_callback(event_name, leave.as_ref().unchecked_ref());
            listeners.borrow_mut().push(leave);
        }
    });
}

/// Whether the demo in `figure` stopped on a panic.
pub fn is_stopped(figure: &Element) -> bool {
    figure.class_list().contains(STOPPED_CLASS)
}

/// Writes "This demo stopped because of an error: ..." (`kit.stopped`, in the page's language)
/// into `figure` as text, once.
pub fn show_stopped(figure: &Element, message: &str) {
    if is_stopped(figure) {
        return;
    }
    let _ = figure.class_list().add_1(STOPPED_CLASS);
    let shown: String = message.chars().take(MAX_SHOWN_CHARS).collect();
    let shown = shown.trim_end_matches('.');
    let note = dom::text(
        "p",
        "demo-message demo-stopped-message",
        &fill("kit.stopped", &[("reason", shown)]),
    );
    let _ = note.set_attribute("role", "alert");
    dom::append(figure, &note);
}

/// The running demo's figure, if any; never panics, since it runs inside the panic hook.
fn running_figure() -> Option<Element> {
    RUNNING
        .try_with(|running| running.try_borrow().ok().and_then(|figure| figure.clone()))
        .ok()
        .flatten()
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    fn figure_with_button(id: &str) -> (Element, web_sys::HtmlElement) {
        let document = dom::document();
        let figure = document.create_element("figure").unwrap();
        figure.set_id(id);
        let button = dom::button("boom", "Boom");
        dom::append(&figure, &button);
        document.body().unwrap().append_child(&figure).unwrap();
        (figure, button.unchecked_into())
    }

    fn stopped_message(figure: &Element) -> Option<String> {
        figure
            .query_selector(".demo-stopped-message")
            .unwrap()
            .and_then(|note| note.text_content())
    }

    // A real panic, raised inside a click handler: the browser reports the aborted listener call
    // as an uncaught error and returns from `click`, so the test itself goes on to read the page.
    #[wasm_bindgen_test]
    fn a_panic_in_a_handler_is_reported_in_that_demos_box_only() {
        install();
        let (failing, failing_button) = figure_with_button("panic-box-failing");
        let (healthy, _healthy_button) = figure_with_button("panic-box-healthy");
        track_input(&failing);
        track_input(&healthy);
        let panicking = EventClosure::new(|_event: web_sys::Event| {
            panic!("the planted test failure");
        });
        failing_button
            .add_event_listener_with_callback("click", panicking.as_ref().unchecked_ref())
            .unwrap();
        failing_button.click();

        let message = stopped_message(&failing).expect("no message in the failing demo's box");
        assert!(
            message.starts_with("This demo stopped because of an error: the planted test failure"),
            "{message}"
        );
        assert!(is_stopped(&failing));
        assert_eq!(stopped_message(&healthy), None);
        assert!(!is_stopped(&healthy));
        // Outside any demo's handler no demo is running, so a panic there blames none.
        assert!(running_figure().is_none());
        drop(panicking);
    }

    #[wasm_bindgen_test]
    fn run_for_demo_restores_the_demo_that_ran_before() {
        let (outer, _) = figure_with_button("panic-box-outer");
        let (inner, _) = figure_with_button("panic-box-inner");
        run_for_demo(&outer, || {
            run_for_demo(&inner, || {
                assert_eq!(running_figure().map(|figure| figure.id()), Some(inner.id()));
            });
            assert_eq!(running_figure().map(|figure| figure.id()), Some(outer.id()));
        });
        assert!(running_figure().is_none());
    }

    #[wasm_bindgen_test]
    fn the_message_is_text_and_shown_once() {
        let (figure, _) = figure_with_button("panic-box-text");
        show_stopped(&figure, "<img src=x onerror=alert(1)>.");
        show_stopped(&figure, "a second error");
        let notes = figure.query_selector_all(".demo-stopped-message").unwrap();
        assert_eq!(notes.length(), 1);
        assert_eq!(figure.query_selector("img").unwrap(), None);
        let message = stopped_message(&figure).unwrap();
        assert!(
            message.contains("<img src=x onerror=alert(1)>. Reload"),
            "{message}"
        );
    }
}
