//! The controls the blindfolded hiker and its digits view share: the budget, reach and step-size
//! sliders, the play, step, reset and "New draws" buttons, a strategy's swatch and name in the
//! legend, and the figure the live demo replaces its still with.

use super::shared_settings::{BudgetRange, LogRange};
use crate::demo::EventClosure;
use crate::dom;
use crate::number_text::parse_number;
use downhill_plots::hiker::StrategyStyle;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlButtonElement, HtmlElement, HtmlInputElement};

/// The three log sliders both demos have, under the same ids and names.
pub struct WalkSliders {
    pub budget: dom::Slider,
    pub local_step: dom::Slider,
    pub learning_rate: dom::Slider,
}

/// Each slider's range and the value it starts at.
pub struct WalkSliderStarts {
    pub budget: (BudgetRange, usize),
    pub local_step: (LogRange, f64),
    pub learning_rate: (LogRange, f64),
}

impl WalkSliders {
    /// The sliders of the figure `figure_id`; `learning_rate_label` names the gradient walker as the
    /// demo does.
    pub fn build(
        figure_id: &str,
        starts: &WalkSliderStarts,
        learning_rate_label: &str,
    ) -> WalkSliders {
        let log_slider = |key: &str, name: &str, label: &str, range: LogRange, position: f64| {
            dom::slider(
                &format!("{figure_id}-{key}"),
                name,
                label,
                range.log10_min,
                range.log10_max,
                0.01,
                position,
            )
        };
        let (budget_range, budget) = starts.budget;
        let (local_range, local_step) = starts.local_step;
        let (rate_range, learning_rate) = starts.learning_rate;
        let sliders = WalkSliders {
            budget: log_slider(
                "budget",
                "budget",
                "Budget: loss evaluations each",
                budget_range.0,
                (budget as f64).log10(),
            ),
            local_step: log_slider(
                "local",
                "local",
                "Local search: reach of a try",
                local_range,
                local_step.log10(),
            ),
            learning_rate: log_slider(
                "lr",
                "learning-rate",
                learning_rate_label,
                rate_range,
                learning_rate.log10(),
            ),
        };
        show_value(&sliders.budget, &budget.to_string());
        show_value(
            &sliders.local_step,
            &crate::format::format_number(local_step),
        );
        show_value(
            &sliders.learning_rate,
            &crate::format::format_number(learning_rate),
        );
        sliders
    }

    /// The budget, reach and step-size sliders, in that order.
    pub fn all(&self) -> [&dom::Slider; 3] {
        [&self.budget, &self.local_step, &self.learning_rate]
    }
}

/// Shows a slider's value beside it and to screen readers.
pub fn show_value(slider: &dom::Slider, text: &str) {
    slider.output.set_text_content(Some(text));
    let _ = slider.input.set_attribute("aria-valuetext", text);
}

/// The number an input event's slider holds, if it is one.
pub fn input_position(event: &web_sys::Event) -> Option<f64> {
    event
        .target()
        .and_then(|target| target.dyn_into::<HtmlInputElement>().ok())
        .and_then(|input| parse_number(&input.value()))
        .filter(|value| value.is_finite())
}

/// Whether a checkbox's change event left it checked.
pub fn is_checked(event: &web_sys::Event) -> bool {
    event
        .target()
        .and_then(|target| target.dyn_into::<HtmlInputElement>().ok())
        .is_some_and(|input| input.checked())
}

/// Play, Step, Reset and New draws, in one row.
pub struct WalkButtons {
    pub row: HtmlElement,
    pub play_pause: HtmlButtonElement,
    pub step: HtmlButtonElement,
    pub reset: HtmlButtonElement,
    pub reroll: HtmlButtonElement,
}

impl WalkButtons {
    pub fn build() -> WalkButtons {
        let row = dom::element("div", "demo-buttons");
        let play_pause = dom::button("play-pause", "Play");
        let _ = play_pause.set_attribute("aria-pressed", "false");
        let step = dom::button("step", "Step");
        let reset = dom::button("reset", "Reset");
        let reroll = dom::button("new-draws", "New draws");
        let _ = reroll.set_attribute("title", "Draw new random numbers (a new seed)");
        for button in [&play_pause, &step, &reset, &reroll] {
            dom::append(&row, button);
        }
        WalkButtons {
            row,
            play_pause,
            step,
            reset,
            reroll,
        }
    }

    /// The play button's label and pressed state.
    pub fn show_playing(&self, playing: bool) {
        self.play_pause
            .set_text_content(Some(if playing { "Pause" } else { "Play" }));
        let _ = self
            .play_pause
            .set_attribute("aria-pressed", if playing { "true" } else { "false" });
    }
}

/// A strategy's colour swatch in the legend (www/demos.css colours it by class).
pub fn swatch(style: &StrategyStyle) -> HtmlElement {
    let swatch = dom::element("span", &format!("demo-swatch hiker-swatch-{}", style.class));
    let _ = swatch.set_attribute("aria-hidden", "true");
    swatch
}

/// "1. Random search": the strategy's number in the lesson and its name.
pub fn legend_name(index: usize, name: &str) -> HtmlElement {
    dom::text(
        "span",
        "demo-legend-name",
        &format!("{}. {name}", index + 1),
    )
}

/// The counter beside a strategy in the legend.
pub fn legend_readout() -> HtmlElement {
    dom::element("span", "demo-legend-readout hiker-readout")
}

/// The line where the demo says what went wrong.
pub fn message_line() -> HtmlElement {
    let message = dom::element("p", "demo-message");
    let _ = message.set_attribute("role", "status");
    message
}

/// Replaces the figure's still with `picture` and `side` side by side, keeping its caption.
pub fn replace_still(figure: &Element, picture: &Element, side: &Element) {
    let caption = figure.query_selector("figcaption").ok().flatten();
    figure.set_inner_html("");
    let body = dom::element("div", "demo-body");
    dom::append(&body, picture);
    dom::append(&body, side);
    dom::append(figure, &body);
    if let Some(caption) = caption {
        dom::append(figure, &caption);
    }
    let _ = figure.class_list().add_1("demo-live");
}

/// Adds a listener that holds `owner` weakly, so the page never keeps a dead demo alive; the closure
/// lives in `listeners`, as long as the demo.
pub fn listen<T: 'static>(
    owner: &Rc<T>,
    listeners: &RefCell<Vec<EventClosure>>,
    target: &web_sys::EventTarget,
    event_name: &str,
    handler: impl Fn(&Rc<T>, &web_sys::Event) + 'static,
) {
    let weak = Rc::downgrade(owner);
    let closure = EventClosure::new(move |event: web_sys::Event| {
        if let Some(owner) = weak.upgrade() {
            handler(&owner, &event);
        }
    });
    if target
        .add_event_listener_with_callback(event_name, closure.as_ref().unchecked_ref())
        .is_ok()
    {
        listeners.borrow_mut().push(closure);
    }
}

/// Whether the reader asked for less motion: playing then jumps to the end instead of animating.
pub fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|window| {
            window
                .match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|query| query.matches())
}
