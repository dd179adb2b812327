//! One requestAnimationFrame loop per demo that runs only while the demo plays and is on screen.
//!
//! Idle costs nothing: when a demo is paused, scrolled away or its tab hidden, no frame is requested
//! and no timer is left behind. An IntersectionObserver tells us when the demo leaves the screen.
//! Browsers run no animation frames in a hidden tab anyway, but one that only slows them down (or a
//! page that says it is hidden while its frames still run) would keep a loop going, so the loop also
//! stops itself when the document is hidden and starts again on `visibilitychange`.

use super::listeners::Listeners;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{IntersectionObserver, IntersectionObserverEntry};

/// A frame callback: returns whether it wants another frame (false when the animation has ended).
type FrameCallback = Box<dyn FnMut(f64) -> bool>;
type FrameClosure = Closure<dyn FnMut(f64)>;
type ObserverClosure = Closure<dyn FnMut(js_sys::Array)>;

pub struct Animation {
    playing: Cell<bool>,
    on_screen: Cell<bool>,
    frame_pending: Cell<bool>,
    on_frame: RefCell<FrameCallback>,
    // Kept here so the closures live exactly as long as the demo.
    frame_closure: RefCell<Option<FrameClosure>>,
    observer_closure: RefCell<Option<ObserverClosure>>,
    /// The document's `visibilitychange` listener, taken off the document with the animation.
    listeners: Listeners,
    /// The demo's figure, so a panic in a frame is reported in its box (see `panic_box`).
    figure: RefCell<Option<web_sys::Element>>,
}

impl Animation {
    pub fn new(on_frame: FrameCallback) -> Rc<Animation> {
        let animation = Rc::new(Animation {
            playing: Cell::new(false),
            on_screen: Cell::new(true),
            frame_pending: Cell::new(false),
            on_frame: RefCell::new(on_frame),
            frame_closure: RefCell::new(None),
            observer_closure: RefCell::new(None),
            listeners: Listeners::new(),
            figure: RefCell::new(None),
        });
        let weak = Rc::downgrade(&animation);
        let closure = Closure::<dyn FnMut(f64)>::new(move |timestamp: f64| {
            if let Some(animation) = weak.upgrade() {
                animation.frame(timestamp);
            }
        });
        *animation.frame_closure.borrow_mut() = Some(closure);
        if let Some(document) = web_sys::window().and_then(|window| window.document()) {
            animation.listeners.listen(
                &animation,
                document.as_ref(),
                "visibilitychange",
                |animation, _event| animation.request_frame_if_needed(),
            );
        }
        animation
    }

    /// Pauses the loop while `element` is off screen and resumes it when it comes back.
    pub fn watch_visibility(self: &Rc<Self>, element: &web_sys::Element) {
        *self.figure.borrow_mut() = Some(element.clone());
        let weak = Rc::downgrade(self);
        let closure = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let Some(animation) = weak.upgrade() else {
                return;
            };
            if let Some(entry) = entries
                .iter()
                .last()
                .and_then(|entry| entry.dyn_into::<IntersectionObserverEntry>().ok())
            {
                animation.on_screen.set(entry.is_intersecting());
                animation.request_frame_if_needed();
            }
        });
        if let Ok(observer) = IntersectionObserver::new(closure.as_ref().unchecked_ref()) {
            observer.observe(element);
        }
        *self.observer_closure.borrow_mut() = Some(closure);
    }

    pub fn is_playing(&self) -> bool {
        self.playing.get()
    }

    pub fn set_playing(&self, playing: bool) {
        self.playing.set(playing);
        self.request_frame_if_needed();
    }

    fn request_frame_if_needed(&self) {
        if !self.playing.get() || !self.on_screen.get() || self.frame_pending.get() {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        if window.document().is_some_and(|document| document.hidden()) {
            return;
        }
        if let Some(closure) = self.frame_closure.borrow().as_ref()
            && window
                .request_animation_frame(closure.as_ref().unchecked_ref())
                .is_ok()
        {
            self.frame_pending.set(true);
        }
    }

    fn frame(&self, timestamp: f64) {
        self.frame_pending.set(false);
        if !self.playing.get() {
            return;
        }
        let figure = self.figure.borrow().clone();
        // A demo stopped by a panic asks for no more frames: its state may be half updated.
        if figure.as_ref().is_some_and(crate::panic_box::is_stopped) {
            self.playing.set(false);
            return;
        }
        // On the performance timeline, so the speed harness can read each frame's main-thread work.
        let measure_name = crate::timing::frame_measure_name(figure.as_ref());
        let wants_more =
            crate::timing::measured(&measure_name, || match self.on_frame.try_borrow_mut() {
                Ok(mut on_frame) => match &figure {
                    Some(figure) => crate::panic_box::run_for_demo(figure, || on_frame(timestamp)),
                    None => on_frame(timestamp),
                },
                Err(_) => true,
            });
        if wants_more {
            self.request_frame_if_needed();
        } else {
            self.playing.set(false);
        }
    }
}
