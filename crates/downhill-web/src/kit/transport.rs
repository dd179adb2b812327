//! The play/pause, step and reset buttons of every demo that plays, wired to its animation loop:
//! the labels and `aria-pressed` follow the loop, Play at the end of a run starts it over, and under
//! reduced motion Play can show the end at once instead of animating.
//!
//! A demo builds a [`Transport`] with its controls, implements [`Playback`] (what a frame, a step
//! and a rewind do to it) and calls [`Transport::wire`] once it is in an `Rc`.

use super::animation::Animation;
use super::dom;
use super::listeners::Listeners;
use super::media;
use super::strings::text;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{Element, HtmlButtonElement, HtmlElement};

/// What the transport asks of a demo that plays.
pub trait Playback: 'static {
    /// The demo's transport (built with its controls).
    fn transport(&self) -> &Transport;
    /// One animation frame: moves the run on and draws; returns whether there is more to show
    /// (false stops the loop and the button says Play again).
    fn frame(&self, timestamp: f64) -> bool;
    /// Whether the run has shown its last step: Play then starts it over.
    fn at_end(&self) -> bool;
    /// Back to the start of the run; [`Playback::draw`] follows where the picture must show it.
    fn rewind(&self);
    /// The Step button (the loop is paused first): one step further, drawn.
    fn step(&self);
    /// Draws the current state.
    fn draw(&self);
    /// What Play does under reduced motion: show the end of the run at once and return true, or
    /// return false (the default) to play anyway, for demos whose frames handle reduced motion
    /// themselves (training that draws only when it is done).
    fn jump_to_end(&self) -> bool {
        false
    }
}

/// The three buttons, in one row, and the animation loop they drive.
pub struct Transport {
    /// The row of buttons, for the demo to place (it may add buttons of its own to it).
    pub row: HtmlElement,
    pub play_pause: HtmlButtonElement,
    pub step: HtmlButtonElement,
    pub reset: HtmlButtonElement,
    animation: RefCell<Option<Rc<Animation>>>,
}

impl Transport {
    /// Play, `step_label` (such as "Step" or "Step one epoch", in the page's language) and Reset,
    /// not wired yet.
    pub fn new(step_label: &str) -> Transport {
        let row = dom::element("div", "demo-buttons");
        let play_pause = dom::button("play-pause", &text("kit.play"));
        let _ = play_pause.set_attribute("aria-pressed", "false");
        let step = dom::button("step", step_label);
        let reset = dom::button("reset", &text("kit.reset"));
        for button in [&play_pause, &step, &reset] {
            dom::append(&row, button);
        }
        Transport {
            row,
            play_pause,
            step,
            reset,
            animation: RefCell::new(None),
        }
    }

    /// Starts `owner`'s animation loop (paused, and only while `figure` is on screen) and wires the
    /// buttons to it, with listeners kept in `listeners`.
    pub fn wire<T: Playback>(owner: &Rc<T>, figure: &Element, listeners: &Listeners) {
        let weak = Rc::downgrade(owner);
        let animation = Animation::new(Box::new(move |timestamp| {
            let Some(owner) = weak.upgrade() else {
                return false;
            };
            let more = owner.frame(timestamp);
            if !more {
                owner.transport().show_playing(false);
            }
            more
        }));
        animation.watch_visibility(figure);
        let transport = owner.transport();
        *transport.animation.borrow_mut() = Some(animation);
        listeners.listen(owner, transport.play_pause.as_ref(), "click", |owner, _| {
            play_or_pause(owner.as_ref());
        });
        listeners.listen(owner, transport.step.as_ref(), "click", |owner, _| {
            owner.transport().set_playing(false);
            owner.step();
        });
        listeners.listen(owner, transport.reset.as_ref(), "click", |owner, _| {
            owner.transport().set_playing(false);
            owner.rewind();
            owner.draw();
        });
    }

    pub fn is_playing(&self) -> bool {
        self.animation
            .borrow()
            .as_ref()
            .is_some_and(|animation| animation.is_playing())
    }

    /// Starts or stops the loop, and says so on the button.
    pub fn set_playing(&self, playing: bool) {
        if let Some(animation) = self.animation.borrow().as_ref() {
            animation.set_playing(playing);
        }
        self.show_playing(playing);
    }

    /// The play button's label and pressed state, without touching the loop.
    pub fn show_playing(&self, playing: bool) {
        self.play_pause.set_text_content(Some(&text(if playing {
            "kit.pause"
        } else {
            "kit.play"
        })));
        let _ = self
            .play_pause
            .set_attribute("aria-pressed", if playing { "true" } else { "false" });
    }
}

/// The play button: pauses a playing run; otherwise starts it (over, at its end), or under reduced
/// motion shows its end where the demo can.
fn play_or_pause(owner: &impl Playback) {
    let transport = owner.transport();
    if transport.is_playing() {
        transport.set_playing(false);
        return;
    }
    if owner.at_end() {
        owner.rewind();
    }
    if media::prefers_reduced_motion() && owner.jump_to_end() {
        transport.show_playing(false);
        return;
    }
    transport.set_playing(true);
}
