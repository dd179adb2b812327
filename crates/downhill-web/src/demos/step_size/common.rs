//! What the three step-size demos share beyond the kit: their charts (the kit's chart canvas in the
//! `step-size-chart` family, drawn in the step-size palette), a slider listener that hands over the
//! slider's number, and the timings the speed harness reads from the figure.

use crate::kit::chart_canvas::ChartCanvas;
use crate::kit::clock::now_ms;
use crate::kit::dom;
use crate::kit::listeners::Listeners;
use crate::kit::media;
use downhill_plots::chart_style::ChartStyle;
use downhill_plots::step_size::{DARK, LIGHT};
use std::rc::Rc;
use web_sys::{Element, HtmlInputElement};

/// A step-size chart: the kit's chart canvas in the `step-size-chart` family (its own background
/// in the site's CSS), its frame also of `class`, with the text alternative `label`.
pub fn chart_canvas(class: &str, label: &str) -> ChartCanvas {
    ChartCanvas::in_family("step-size-chart", class, label)
}

/// The chart colours for the reader's colour scheme, at the current pixel ratio.
pub fn screen_look() -> ChartStyle {
    ChartStyle::new(media::by_scheme(LIGHT, DARK), media::pixel_ratio())
}

/// The look of exported drawings: always light, at one unit per pixel.
pub fn export_look() -> ChartStyle {
    ChartStyle::new(LIGHT, 1.0)
}

/// Calls `handler` with `owner` and the slider's number on each `input` event of `slider` (events
/// without a number are ignored).
pub fn on_slider_input<T: 'static>(
    listeners: &Listeners,
    owner: &Rc<T>,
    slider: &HtmlInputElement,
    handler: impl Fn(&Rc<T>, f64) + 'static,
) {
    listeners.listen(owner, slider.as_ref(), "input", move |owner, event| {
        if let Some(value) = dom::input_number(event) {
            handler(owner, value);
        }
    });
}

/// Keeps the milliseconds since `started` on the figure as `attribute`, for the speed budget.
pub fn record_elapsed(figure: &Element, attribute: &str, started: f64) {
    let elapsed = now_ms() - started;
    if elapsed.is_finite() {
        let _ = figure.set_attribute(attribute, &format!("{elapsed:.3}"));
    }
}
