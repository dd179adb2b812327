//! The step-size demos' old shared module, now the kit's (`crate::kit`).
// Compatibility alias until every demo uses the kit (issue 12); removed at the end.

use crate::kit::chart_canvas::ChartCanvas as KitChartCanvas;
pub use crate::kit::dom::{
    from_log10, input_number, input_text, replace_still, set_label, show_value,
};
pub use crate::kit::listeners::listen_with_store as listen;
pub use crate::kit::media::{
    on_scheme_change_with_store as on_scheme_change, pixel_ratio, prefers_reduced_motion,
};
use downhill_plots::step_size::{ChartLook, DARK, LIGHT};

/// A step-size chart: the kit's chart canvas in the `step-size-chart` family.
pub struct ChartCanvas(KitChartCanvas);

impl ChartCanvas {
    pub fn new(class: &str, label: &str) -> ChartCanvas {
        ChartCanvas(KitChartCanvas::in_family("step-size-chart", class, label))
    }
}

impl std::ops::Deref for ChartCanvas {
    type Target = KitChartCanvas;
    fn deref(&self) -> &KitChartCanvas {
        &self.0
    }
}

/// The chart colours for the reader's colour scheme, at the current pixel ratio.
pub fn screen_look() -> ChartLook {
    ChartLook::new(crate::kit::media::by_scheme(LIGHT, DARK), pixel_ratio())
}

/// The look of exported drawings: always light, at one unit per pixel.
pub fn export_look() -> ChartLook {
    ChartLook::new(LIGHT, 1.0)
}
