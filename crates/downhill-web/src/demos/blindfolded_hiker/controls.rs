//! The hiker's controls and what each one does: the strategy switches (which are also the legend,
//! with each strategy's counter), the blindfold, the three sliders, the buttons, and the map itself,
//! which a click, a drag or the arrow keys place the hiker on.

use super::BlindfoldedHiker;
use super::model::{Direction, HikerModel};
use super::settings::{
    BUDGET_RANGE, BlindfoldedHikerSettings, LEARNING_RATE_RANGE, LOCAL_STEP_RANGE,
};
use super::shared_controls::{
    WalkButtons, WalkSliderStarts, WalkSliders, input_position, is_checked, legend_name,
    legend_readout, prefers_reduced_motion, show_value, swatch,
};
use crate::dom;
use crate::format::format_number;
use downhill_plots::hiker::STRATEGY_STYLES;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};

pub struct HikerControls {
    /// Everything in the side panel above the readouts, in order.
    pub panel: HtmlElement,
    pub strategy_boxes: Vec<HtmlInputElement>,
    /// Each strategy's counter, in the legend.
    pub readouts: Vec<HtmlElement>,
    pub blindfold: HtmlInputElement,
    pub sliders: WalkSliders,
    pub buttons: WalkButtons,
}

impl HikerControls {
    pub fn build(figure_id: &str, settings: &BlindfoldedHikerSettings) -> HikerControls {
        let panel = dom::element("div", "demo-controls");
        // One fieldset is both the strategy switches and the legend with each strategy's counter.
        let strategies = dom::element("fieldset", "hiker-strategies");
        dom::append(
            &strategies,
            &dom::text("legend", "", "Strategies, each with its counter"),
        );
        let legend = dom::element("ul", "demo-legend hiker-legend");
        let mut strategy_boxes = Vec::new();
        let mut readouts = Vec::new();
        for (index, style) in STRATEGY_STYLES.iter().enumerate() {
            let id = format!("{figure_id}-show-{}", style.strategy.name());
            let item = dom::element("li", "");
            let input = checkbox(
                &id,
                &format!("show-{}", style.strategy.name()),
                settings.shown[index],
            );
            let label = dom::element("label", "hiker-strategy-label");
            let _ = label.set_attribute("for", &id);
            dom::append(&label, &swatch(style));
            dom::append(&label, &legend_name(index, style.strategy.label()));
            let readout = legend_readout();
            dom::append(&item, &input);
            dom::append(&item, &label);
            dom::append(&item, &readout);
            dom::append(&legend, &item);
            strategy_boxes.push(input);
            readouts.push(readout);
        }
        dom::append(&strategies, &legend);
        let sliders = WalkSliders::build(
            figure_id,
            &WalkSliderStarts {
                budget: (BUDGET_RANGE, settings.budget),
                local_step: (LOCAL_STEP_RANGE, settings.local_step),
                learning_rate: (LEARNING_RATE_RANGE, settings.learning_rate),
            },
            "Gradient: step size",
        );
        let blindfold_id = format!("{figure_id}-blindfold");
        let blindfold_row = dom::element("div", "hiker-check hiker-blindfold");
        let blindfold = checkbox(&blindfold_id, "blindfold", settings.blindfold);
        let blindfold_label = dom::text("label", "", "Blindfold: show only what the hiker felt");
        let _ = blindfold_label.set_attribute("for", &blindfold_id);
        dom::append(&blindfold_row, &blindfold);
        dom::append(&blindfold_row, &blindfold_label);
        let buttons = WalkButtons::build();
        dom::append(&panel, &blindfold_row);
        dom::append(&panel, &strategies);
        dom::append(&panel, &sliders.budget.row);
        dom::append(&panel, &sliders.local_step.row);
        dom::append(&panel, &sliders.learning_rate.row);
        dom::append(&panel, &buttons.row);
        HikerControls {
            panel,
            strategy_boxes,
            readouts,
            blindfold,
            sliders,
            buttons,
        }
    }

    /// Each strategy's counter, set only when it changes.
    pub fn show_readouts(&self, model: &HikerModel) {
        for (index, readout) in self.readouts.iter().enumerate() {
            let status = model.status_text(index);
            if readout.text_content().as_deref() != Some(status.as_str()) {
                readout.set_text_content(Some(&status));
            }
        }
    }
}

fn checkbox(id: &str, name: &str, checked: bool) -> HtmlInputElement {
    let input: HtmlInputElement = dom::element("input", "").unchecked_into();
    input.set_type("checkbox");
    input.set_id(id);
    input.set_name(name);
    input.set_checked(checked);
    input
}

fn direction_of(key: &str) -> Option<Direction> {
    match key {
        "ArrowLeft" => Some(Direction::Left),
        "ArrowRight" => Some(Direction::Right),
        "ArrowUp" => Some(Direction::Up),
        "ArrowDown" => Some(Direction::Down),
        _ => None,
    }
}

/// Wires every control to the model.
pub fn listen(hiker: &Rc<BlindfoldedHiker>) {
    let controls = &hiker.controls;
    for (index, input) in controls.strategy_boxes.iter().enumerate() {
        hiker.listen(input, "change", move |hiker, event| {
            hiker.model.borrow_mut().settings.shown[index] = is_checked(event);
            hiker.redraw();
            hiker.write_url();
        });
    }
    hiker.listen(&controls.blindfold, "change", |hiker, event| {
        hiker.model.borrow_mut().settings.blindfold = is_checked(event);
        hiker.redraw();
        hiker.write_url();
    });
    // Each slider moves the model and shows the value it set; the address bar follows committed
    // settings only (a released slider), not every input event.
    let setters: [fn(&mut HikerModel, f64) -> String; 3] = [
        |model, position| model.set_budget_position(position).to_string(),
        |model, position| format_number(model.set_local_step_position(position)),
        |model, position| format_number(model.set_learning_rate_position(position)),
    ];
    for (index, set) in setters.into_iter().enumerate() {
        let input = &controls.sliders.all()[index].input;
        hiker.listen(input, "input", move |hiker, event| {
            let Some(position) = input_position(event) else {
                return;
            };
            let shown = set(&mut hiker.model.borrow_mut(), position);
            show_value(hiker.controls.sliders.all()[index], &shown);
            hiker.redraw();
        });
        hiker.listen(input, "change", |hiker, _event| hiker.write_url());
    }
    hiker.listen(&controls.buttons.play_pause, "click", |hiker, _event| {
        if hiker.is_playing() {
            hiker.set_playing(false);
            return;
        }
        hiker.model.borrow_mut().rewind_if_finished();
        if prefers_reduced_motion() {
            // No animation: jump straight to the end of the walk.
            let budget = hiker.model.borrow().budget();
            hiker.advance(budget);
        } else {
            hiker.set_playing(true);
        }
    });
    hiker.listen(&controls.buttons.step, "click", |hiker, _event| {
        hiker.set_playing(false);
        hiker.model.borrow_mut().rewind_if_finished();
        hiker.advance(1);
    });
    hiker.listen(&controls.buttons.reset, "click", |hiker, _event| {
        hiker.set_playing(false);
        hiker.model.borrow_mut().cursor = 0;
        hiker.redraw();
    });
    hiker.listen(&controls.buttons.reroll, "click", |hiker, _event| {
        hiker.model.borrow_mut().reroll();
        hiker.redraw();
        hiker.write_url();
    });
    listen_to_the_map(hiker);
}

/// A click, a tap or a drag on the map places the hiker there; the arrow keys move it.
fn listen_to_the_map(hiker: &Rc<BlindfoldedHiker>) {
    let frame = &hiker.view.canvas.frame;
    hiker.listen(frame, "pointerdown", |hiker, event| {
        if let Some(pointer) = event.dyn_ref::<web_sys::PointerEvent>() {
            hiker
                .dragging
                .set(pointer.pointer_type() == "mouse" || pointer.pointer_type() == "pen");
            hiker.place_at_pointer(pointer);
        }
    });
    hiker.listen(frame, "pointermove", |hiker, event| {
        if hiker.dragging.get()
            && let Some(pointer) = event.dyn_ref::<web_sys::PointerEvent>()
        {
            hiker.place_at_pointer(pointer);
        }
    });
    // Every placement ends with the pointer released: that is when the address bar follows.
    hiker.listen(frame, "pointerup", |hiker, _event| {
        hiker.dragging.set(false);
        hiker.write_url();
    });
    for name in ["pointercancel", "pointerleave"] {
        hiker.listen(frame, name, |hiker, _event| hiker.dragging.set(false));
    }
    hiker.listen(frame, "keydown", |hiker, event| {
        let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
            return;
        };
        let Some(direction) = direction_of(&key.key()) else {
            return;
        };
        event.prevent_default();
        hiker.model.borrow_mut().nudge(direction, key.shift_key());
        hiker.redraw();
        hiker.write_url();
    });
    if let Some(window) = web_sys::window() {
        hiker.listen(&window, "resize", |hiker, _event| hiker.resize());
    }
}
