//! The one chart canvas: a canvas at device resolution inside a frame that carries the picture's
//! text alternative, sized from the frame's width on screen, for every demo that draws a chart
//! with axes (landscapes with paths use [`super::layers`] instead).

use super::dom;
use super::layers::LayerSize;
use super::media;
use downhill_plots::chart_style::{ChartStyle, DARK, LIGHT};
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlElement};

/// The CSS family of the chart demos' frames: `demo-chart-frame` around a `demo-chart` canvas.
pub const CHART_FAMILY: &str = "demo-chart";

/// The widest a chart is drawn, in CSS pixels, whatever the frame says.
const MAX_CSS_WIDTH: f64 = 4000.0;

/// Height over width, fixed or chosen from the width in CSS pixels (a narrow screen may want a
/// taller chart).
pub trait Aspect {
    fn height_over_width(&self, css_width: f64) -> f64;
}

impl Aspect for f64 {
    fn height_over_width(&self, _css_width: f64) -> f64 {
        *self
    }
}

impl<F: Fn(f64) -> f64> Aspect for F {
    fn height_over_width(&self, css_width: f64) -> f64 {
        self(css_width)
    }
}

/// One canvas at device pixels in a frame with `role="img"`.
pub struct ChartCanvas {
    pub frame: HtmlElement,
    pub canvas: HtmlCanvasElement,
}

impl ChartCanvas {
    /// A chart of the [`CHART_FAMILY`], its frame also of `class`, with the text alternative `label`.
    pub fn new(class: &str, label: &str) -> ChartCanvas {
        ChartCanvas::in_family(CHART_FAMILY, class, label)
    }

    /// A chart whose frame has the classes `{family}-frame` and `class` and whose canvas has the
    /// class `family`: the step-size demos' charts are the `step-size-chart` family, with a
    /// background of their own in the site's CSS.
    pub fn in_family(family: &str, class: &str, label: &str) -> ChartCanvas {
        let frame = dom::element("div", &format!("{family}-frame {class}"));
        let _ = frame.set_attribute("role", "img");
        let _ = frame.set_attribute("aria-label", label);
        let canvas: HtmlCanvasElement = dom::element("canvas", family).unchecked_into();
        dom::append(&frame, &canvas);
        ChartCanvas { frame, canvas }
    }

    /// The size the canvas should have: the frame's width on screen and `aspect` times it as its
    /// height (kept to 0.2..=3 times the width). A frame not laid out yet (a hidden tab, a test)
    /// gets 640 CSS pixels.
    pub fn measure(&self, aspect: impl Aspect) -> LayerSize {
        let width = self.frame.get_bounding_client_rect().width();
        let css_width = if width.is_finite() && width >= 100.0 {
            width.round().min(MAX_CSS_WIDTH) as u32
        } else {
            640
        };
        let ratio = aspect.height_over_width(css_width as f64).clamp(0.2, 3.0);
        LayerSize {
            css_width,
            css_height: (css_width as f64 * ratio).round() as u32,
            pixel_ratio: media::pixel_ratio(),
        }
    }

    /// Gives the canvas `size` in device pixels, only when that changes (resizing clears it); CSS
    /// shows it at the frame's width, so its height follows from the ratio of the two.
    pub fn resize(&self, size: LayerSize) {
        if self.canvas.width() != size.device_width() {
            self.canvas.set_width(size.device_width());
        }
        if self.canvas.height() != size.device_height() {
            self.canvas.set_height(size.device_height());
        }
    }

    /// Sets the picture's text alternative (only when it changes).
    pub fn set_label(&self, label: &str) {
        dom::set_label(&self.frame, label);
    }
}

/// The chart colours of [`downhill_plots::chart_style`] for the reader's colour scheme, at
/// `pixel_ratio`.
pub fn chart_style(pixel_ratio: f64) -> ChartStyle {
    ChartStyle::new(media::by_scheme(LIGHT, DARK), pixel_ratio)
}
