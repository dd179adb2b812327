//! Event listening with teardown: a demo's listeners live exactly as long as the demo, hold it
//! weakly, and are taken off their targets when it goes, so a removed demo leaves no closure that
//! the page could still call.
//!
//! Every demo keeps one [`Listeners`] and adds to it with [`Listeners::listen`]; the handler gets
//! the demo itself, so no closure needs its own weak reference.

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Event, EventTarget};

/// A closure the browser calls with an event.
pub type EventClosure = Closure<dyn FnMut(Event)>;

/// One listener: where it listens, for what, and the closure the browser holds.
struct Listener {
    target: EventTarget,
    event_name: String,
    closure: EventClosure,
}

/// The listeners of one demo (or one part of it). Dropping it removes every listener from its
/// target before the closures are freed: the browser never calls a freed closure.
#[derive(Default)]
pub struct Listeners {
    listening: RefCell<Vec<Listener>>,
}

impl Listeners {
    pub fn new() -> Listeners {
        Listeners::default()
    }

    /// Calls `handler` with `owner` on each `event_name` at `target`, for as long as both this
    /// `Listeners` and `owner` live. The owner is held weakly, so the page never keeps a dead demo
    /// alive (the owner usually holds this `Listeners`).
    pub fn listen<T: 'static>(
        &self,
        owner: &Rc<T>,
        target: &EventTarget,
        event_name: &str,
        handler: impl Fn(&Rc<T>, &Event) + 'static,
    ) {
        self.on(target, event_name, weakly(owner, handler));
    }

    /// Calls `handler` on each `event_name` at `target` for as long as this `Listeners` lives. For
    /// handlers that own nothing or hold what they need weakly themselves (the toolbar).
    pub fn on(
        &self,
        target: &EventTarget,
        event_name: &str,
        mut handler: impl FnMut(&Event) + 'static,
    ) {
        let closure = EventClosure::new(move |event: Event| handler(&event));
        if target
            .add_event_listener_with_callback(event_name, closure.as_ref().unchecked_ref())
            .is_ok()
        {
            self.listening.borrow_mut().push(Listener {
                target: target.clone(),
                event_name: event_name.to_string(),
                closure,
            });
        }
    }
}

impl Drop for Listeners {
    fn drop(&mut self) {
        for listener in self.listening.get_mut().drain(..) {
            let _ = listener.target.remove_event_listener_with_callback(
                &listener.event_name,
                listener.closure.as_ref().unchecked_ref(),
            );
        }
    }
}

/// `handler` called with `owner` while it lives, and not at all after.
fn weakly<T: 'static>(
    owner: &Rc<T>,
    handler: impl Fn(&Rc<T>, &Event) + 'static,
) -> impl FnMut(&Event) + 'static {
    let weak = Rc::downgrade(owner);
    move |event: &Event| {
        if let Some(owner) = weak.upgrade() {
            handler(&owner, event);
        }
    }
}
