//! The hiker's controls and what each one does: the strategy switches (which are also the legend,
//! with each strategy's counter), the blindfold, the three sliders, the buttons, and the map itself,
//! which a click, a drag or the arrow keys place the hiker on.

use super::BlindfoldedHiker;
use super::model::{Direction, HikerModel};
use super::settings::{
    BUDGET_RANGE, BlindfoldedHikerSettings, LEARNING_RATE_RANGE, LOCAL_STEP_RANGE,
};
use super::shared_controls::{
    WalkSliderStarts, WalkSliders, legend_name, legend_readout, swatch, walk_buttons,
};
use crate::format::format_number;
use crate::kit::dom;
use crate::kit::transport::Transport;
use downhill_plots::hiker::STRATEGY_STYLES;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlButtonElement, HtmlElement, HtmlInputElement};

pub struct HikerControls {
    /// Everything in the side panel above the readouts, in order.
    pub panel: HtmlElement,
    pub strategy_boxes: Vec<HtmlInputElement>,
    /// Each strategy's counter, in the legend.
    pub readouts: Vec<HtmlElement>,
    pub blindfold: HtmlInputElement,
    pub sliders: WalkSliders,
    /// Play, Step and Reset (wired by the kit), in a row with `reroll`.
    pub transport: Transport,
    /// "New draws": a new seed.
    pub reroll: HtmlButtonElement,
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
        let (transport, reroll) = walk_buttons();
        dom::append(&panel, &blindfold_row);
        dom::append(&panel, &strategies);
        dom::append(&panel, &sliders.budget.row);
        dom::append(&panel, &sliders.local_step.row);
        dom::append(&panel, &sliders.learning_rate.row);
        dom::append(&panel, &transport.row);
        HikerControls {
            panel,
            strategy_boxes,
            readouts,
            blindfold,
            sliders,
            transport,
            reroll,
        }
    }

    /// Each strategy's counter, set only when it changes.
    pub fn show_readouts(&self, model: &HikerModel) {
        for (index, readout) in self.readouts.iter().enumerate() {
            dom::set_text_if_changed(readout, &model.status_text(index));
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

/// Wires every control to the model (the transport's buttons are wired by the kit).
pub fn listen(hiker: &Rc<BlindfoldedHiker>) {
    let controls = &hiker.controls;
    for (index, input) in controls.strategy_boxes.iter().enumerate() {
        hiker
            .listeners
            .listen(hiker, input, "change", move |hiker, event| {
                hiker.model.borrow_mut().settings.shown[index] =
                    dom::input_checked(event).unwrap_or(false);
                hiker.redraw();
                hiker.write_url();
            });
    }
    hiker
        .listeners
        .listen(hiker, &controls.blindfold, "change", |hiker, event| {
            hiker.model.borrow_mut().settings.blindfold =
                dom::input_checked(event).unwrap_or(false);
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
        hiker
            .listeners
            .listen(hiker, input, "input", move |hiker, event| {
                let Some(position) = dom::input_number(event) else {
                    return;
                };
                let shown = set(&mut hiker.model.borrow_mut(), position);
                hiker.controls.sliders.all()[index].show_value(&shown);
                hiker.redraw();
            });
        hiker
            .listeners
            .listen(hiker, input, "change", |hiker, _event| hiker.write_url());
    }
    hiker
        .listeners
        .listen(hiker, &controls.reroll, "click", |hiker, _event| {
            hiker.model.borrow_mut().reroll();
            hiker.redraw();
            hiker.write_url();
        });
    listen_to_the_map(hiker);
}

/// A click, a tap or a drag on the map places the hiker there; the arrow keys move it.
fn listen_to_the_map(hiker: &Rc<BlindfoldedHiker>) {
    let frame = &hiker.view.canvas.frame;
    hiker
        .listeners
        .listen(hiker, frame, "pointerdown", |hiker, event| {
            if let Some(pointer) = event.dyn_ref::<web_sys::PointerEvent>() {
                hiker
                    .dragging
                    .set(pointer.pointer_type() == "mouse" || pointer.pointer_type() == "pen");
                hiker.place_at_pointer(pointer);
            }
        });
    hiker
        .listeners
        .listen(hiker, frame, "pointermove", |hiker, event| {
            if hiker.dragging.get()
                && let Some(pointer) = event.dyn_ref::<web_sys::PointerEvent>()
            {
                hiker.place_at_pointer(pointer);
            }
        });
    // Every placement ends with the pointer released: that is when the address bar follows.
    hiker
        .listeners
        .listen(hiker, frame, "pointerup", |hiker, _event| {
            hiker.dragging.set(false);
            hiker.write_url();
        });
    for name in ["pointercancel", "pointerleave"] {
        hiker.listeners.listen(hiker, frame, name, |hiker, _event| {
            hiker.dragging.set(false)
        });
    }
    hiker
        .listeners
        .listen(hiker, frame, "keydown", |hiker, event| {
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
        hiker
            .listeners
            .listen(hiker, &window, "resize", |hiker, _event| hiker.resize());
    }
}
