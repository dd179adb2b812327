//! Demos waiting to mount, mounted one per browser task, so a page with six demos never runs one
//! long task that mounts them all: between two mounts the browser may paint, scroll and answer the
//! reader, and no single task holds the main thread for more than one demo's start.

use std::cell::{Cell, RefCell};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::Element;

thread_local! {
    // A plain vector: a page holds a dozen demos at most, and a deque would cost the module more.
    static WAITING: RefCell<Vec<Element>> = const { RefCell::new(Vec::new()) };
    // Whether a task to mount the next waiting demo is already scheduled, so two arrivals in one
    // task schedule one timer, not two.
    static SCHEDULED: Cell<bool> = const { Cell::new(false) };
    // Made once and kept for the page's life: each scheduled task calls the same closure.
    static NEXT_TASK: RefCell<Option<Closure<dyn FnMut()>>> = const { RefCell::new(None) };
}

/// Puts `figure` at the back of the queue; it mounts in a later task of its own.
pub fn enqueue(figure: Element) {
    WAITING.with(|waiting| waiting.borrow_mut().push(figure));
    schedule_next();
}

/// Asks for one task (a zero-delay timer, which the browser runs after any input, rendering and
/// other tasks already waiting) that mounts the first waiting demo.
fn schedule_next() {
    if SCHEDULED.get() {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let scheduled = NEXT_TASK.with(|next_task| {
        let mut next_task = next_task.borrow_mut();
        let closure = next_task.get_or_insert_with(|| Closure::new(mount_next));
        window
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                closure.as_ref().unchecked_ref(),
                0,
            )
            .is_ok()
    });
    SCHEDULED.set(scheduled);
}

/// Mounts the first waiting demo, then schedules a new task for the next one, if any.
fn mount_next() {
    SCHEDULED.set(false);
    let next = WAITING.with(|waiting| {
        let mut waiting = waiting.borrow_mut();
        (!waiting.is_empty()).then(|| waiting.remove(0))
    });
    if let Some(figure) = next {
        super::mount::mount_figure(&figure);
    }
    if WAITING.with(|waiting| !waiting.borrow().is_empty()) {
        schedule_next();
    } else if let Some(performance) = web_sys::window().and_then(|window| window.performance()) {
        // The speed harness reads when the queue last ran dry: every demo near the screen is live.
        let _ = performance.mark("downhill-queue-empty");
    }
}
