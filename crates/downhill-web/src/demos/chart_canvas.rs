//! The chart demos' old shared module, now the kit's (`crate::kit`).
// Compatibility alias until every demo uses the kit (issue 12); removed at the end.

pub use crate::kit::chart_canvas::{ChartCanvas, chart_style};
pub use crate::kit::dom::input_text as event_value;
pub use crate::kit::listeners::listen_with_store as listen;
pub use crate::kit::media::prefers_reduced_motion;

/// Sets a slider's shown value and its spoken value together.
pub fn show_value(slider: &crate::kit::dom::Slider, text: &str) {
    slider.show_value(text);
}
