//! What each control of the paths does: the sliders, the surface, and the start dragged with a
//! pointer or moved with the arrow keys (play, step and reset are the kit's transport). Each handler
//! changes the model and asks the view to show it.

use super::Paths;
use super::settings::parse_surface;
use crate::demos::step_size::common;
use crate::kit::clock::now_ms;
use crate::kit::dom;
use std::rc::Rc;
use wasm_bindgen::JsCast;

pub fn listen(demo: &Rc<Paths>) {
    let (listeners, view) = (&demo.listeners, &demo.view);
    common::on_slider_input(listeners, demo, &view.step_slider.input, |demo, log10| {
        let started = now_ms();
        demo.model.borrow_mut().set_log10_step(log10);
        let model = demo.model.borrow();
        demo.view.show_values(&model);
        demo.view.draw_main(&model);
        common::record_elapsed(&demo.view.figure, "data-last-update-ms", started);
    });
    common::on_slider_input(listeners, demo, &view.steps_slider.input, |demo, count| {
        demo.model.borrow_mut().set_steps(count);
        let model = demo.model.borrow();
        demo.view.show_values(&model);
        demo.view.draw_overlays(&model);
    });
    for slider in [&view.step_slider, &view.steps_slider] {
        listeners.listen(demo, slider.input.as_ref(), "change", |demo, _| {
            demo.write_url()
        });
    }
    listeners.listen(
        demo,
        view.surface_select.as_ref(),
        "change",
        |demo, event| {
            let Some(kind) = dom::input_text(event).and_then(|name| parse_surface(&name)) else {
                return;
            };
            demo.view.transport.set_playing(false);
            demo.model.borrow_mut().set_surface(kind);
            let model = demo.model.borrow();
            demo.view.show_step_position(&model);
            demo.view.show_values(&model);
            demo.view.draw_landscapes(&model);
            demo.view.draw_overlays(&model);
            drop(model);
            demo.write_url();
        },
    );
    listen_to_the_picture(demo);
    if let Some(window) = web_sys::window() {
        listeners.listen(demo, window.as_ref(), "resize", |demo, _| {
            if demo.view.measure() {
                let model = demo.model.borrow();
                demo.view.draw_landscapes(&model);
                demo.view.draw_overlays(&model);
            }
        });
    }
}

/// The start follows a pointer dragged on the large picture, and the arrow keys when it has focus.
fn listen_to_the_picture(demo: &Rc<Paths>) {
    let listeners = &demo.listeners;
    let frame = demo.view.main.frame.clone();
    listeners.listen(demo, frame.as_ref(), "pointerdown", |demo, event| {
        demo.dragging.set(true);
        if let Some(pointer) = event.dyn_ref::<web_sys::PointerEvent>() {
            let _ = demo
                .view
                .main
                .frame
                .set_pointer_capture(pointer.pointer_id());
            demo.move_start_to_pointer(pointer);
        }
    });
    listeners.listen(demo, frame.as_ref(), "pointermove", |demo, event| {
        if !demo.dragging.get() {
            return;
        }
        if let Some(pointer) = event.dyn_ref::<web_sys::PointerEvent>() {
            demo.move_start_to_pointer(pointer);
        }
    });
    for name in ["pointerup", "pointercancel"] {
        listeners.listen(demo, frame.as_ref(), name, |demo, _| {
            if demo.dragging.replace(false) {
                demo.write_url();
            }
        });
    }
    listeners.listen(demo, frame.as_ref(), "keydown", |demo, event| {
        let Some(direction) = dom::arrow_key_step(event) else {
            return;
        };
        event.prevent_default();
        demo.model.borrow_mut().nudge_start(direction);
        demo.view.draw_overlays(&demo.model.borrow());
    });
    // The address bar follows when a key is released, not on every repeat of a held key:
    // browsers throttle address-bar updates.
    listeners.listen(demo, frame.as_ref(), "keyup", |demo, event| {
        let is_arrow = event
            .dyn_ref::<web_sys::KeyboardEvent>()
            .is_some_and(|key| key.key().starts_with("Arrow"));
        if is_arrow {
            demo.write_url();
        }
    });
}
