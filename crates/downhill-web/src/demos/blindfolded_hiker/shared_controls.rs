//! The controls the blindfolded hiker and its digits view share, built from the kit: the budget,
//! reach and step-size sliders, the kit's transport with a "New draws" button beside it, a
//! strategy's swatch and name in the legend, and the picture beside its side panel.

use super::shared_settings::{BudgetRange, LogRange};
use crate::format::format_number;
use crate::kit::dom;
use crate::kit::transport::Transport;
use downhill_plots::hiker::StrategyStyle;
use web_sys::{Element, HtmlButtonElement, HtmlElement};

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
        sliders.budget.show_value(&budget.to_string());
        sliders.local_step.show_value(&format_number(local_step));
        sliders
            .learning_rate
            .show_value(&format_number(learning_rate));
        sliders
    }

    /// The budget, reach and step-size sliders, in that order.
    pub fn all(&self) -> [&dom::Slider; 3] {
        [&self.budget, &self.local_step, &self.learning_rate]
    }
}

/// The kit's Play, Step and Reset, and "New draws" (a new seed) in the same row.
pub fn walk_buttons() -> (Transport, HtmlButtonElement) {
    let transport = Transport::new(&crate::kit::strings::text("kit.step"));
    let reroll = dom::button("new-draws", "New draws");
    let _ = reroll.set_attribute("title", "Draw new random numbers (a new seed)");
    dom::append(&transport.row, &reroll);
    (transport, reroll)
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
    let body = dom::element("div", "demo-body");
    dom::append(&body, picture);
    dom::append(&body, side);
    dom::replace_still(figure, &body);
}
