//! A stack of canvases in one box: a landscape layer drawn once per surface or view, and an overlay
//! redrawn whenever the paths change. Moving a slider then costs one overlay redraw, never a
//! landscape recompute.

use super::dom;
use downhill_plots::any_backend::AnyBackend;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlElement, ImageData};

/// Width over height of every landscape box. Fixed so the layout never jumps while the wasm starts.
pub const ASPECT_RATIO: f64 = 4.0 / 3.0;

pub struct LayeredCanvas {
    pub frame: HtmlElement,
    pub landscape: HtmlCanvasElement,
    pub overlay: HtmlCanvasElement,
}

/// Size of a layer in CSS pixels and in device pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LayerSize {
    pub css_width: u32,
    pub css_height: u32,
    pub pixel_ratio: f64,
}

impl LayerSize {
    pub fn device_width(&self) -> u32 {
        (self.css_width as f64 * self.pixel_ratio).round() as u32
    }
    pub fn device_height(&self) -> u32 {
        (self.css_height as f64 * self.pixel_ratio).round() as u32
    }
}

impl LayeredCanvas {
    /// Creates the frame and its two canvases. `label` is the text alternative of the picture.
    pub fn new(label: &str) -> LayeredCanvas {
        let frame = dom::element("div", "demo-canvas-frame");
        let _ = frame.set_attribute("role", "img");
        let _ = frame.set_attribute("aria-label", label);
        let landscape: HtmlCanvasElement =
            dom::element("canvas", "demo-layer demo-layer-landscape").unchecked_into();
        let overlay: HtmlCanvasElement =
            dom::element("canvas", "demo-layer demo-layer-overlay").unchecked_into();
        dom::append(&frame, &landscape);
        dom::append(&frame, &overlay);
        LayeredCanvas {
            frame,
            landscape,
            overlay,
        }
    }

    /// The size the frame has on screen now. The frame's width comes from the page's CSS; its height
    /// from [`ASPECT_RATIO`]. A frame not laid out yet (width 0) gets a sensible fallback.
    pub fn measure(&self) -> LayerSize {
        let pixel_ratio = super::media::pixel_ratio();
        let width = self.frame.get_bounding_client_rect().width();
        let css_width = if width.is_finite() && width >= 100.0 {
            width.round() as u32
        } else {
            640
        };
        let css_height = (css_width as f64 / ASPECT_RATIO).round() as u32;
        LayerSize {
            css_width,
            css_height,
            pixel_ratio,
        }
    }

    /// Gives the overlay the device size so lines are crisp. Returns whether the size changed.
    pub fn resize_overlay(&self, size: LayerSize) -> bool {
        let changed = self.overlay.width() != size.device_width()
            || self.overlay.height() != size.device_height();
        if changed {
            self.overlay.set_width(size.device_width());
            self.overlay.set_height(size.device_height());
        }
        changed
    }

    /// Puts an RGBA buffer of `width x height` on the landscape canvas in one call. The canvas keeps
    /// that resolution and CSS stretches it to the frame, which the browser smooths: a landscape is
    /// smooth, so one sample per CSS pixel looks the same as one per device pixel at a quarter of the
    /// cost.
    pub fn put_landscape(&self, rgba: &[u8], width: u32, height: u32) {
        self.landscape.set_width(width);
        self.landscape.set_height(height);
        let Some(context) = context_2d(&self.landscape) else {
            return;
        };
        if let Ok(image) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), width, height)
        {
            let _ = context.put_image_data(&image, 0.0, 0.0);
        }
    }
}

/// Erases a canvas to transparent. Plotters cannot: filling with a transparent colour draws nothing
/// (plotters-canvas skips colours of alpha 0), so a redraw would land on the last frame's ink.
pub fn clear_canvas(canvas: &HtmlCanvasElement) {
    if let Some(context) = context_2d(canvas) {
        context.clear_rect(
            0.0,
            0.0,
            f64::from(canvas.width()),
            f64::from(canvas.height()),
        );
    }
}

pub fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|context| context.dyn_into().ok())
}

/// A plotters backend drawing on `canvas`, wrapped as the one backend type every figure is compiled
/// for (`downhill_plots::any_backend`): drawing with `CanvasBackend` itself would compile each
/// figure a second time beside its SVG export.
pub fn drawing_backend(canvas: &HtmlCanvasElement) -> Option<AnyBackend<'static>> {
    plotters_canvas::CanvasBackend::with_canvas_object(canvas.clone()).map(AnyBackend::new)
}

/// [`drawing_backend`] on a transparent layer that is first cleared: plotters' `TRANSPARENT` fill
/// draws nothing (plotters-canvas skips a colour of alpha 0), so without this every earlier frame
/// stayed under the new one (a chart's tick labels printed twice).
pub fn cleared_drawing_backend(canvas: &HtmlCanvasElement) -> Option<AnyBackend<'static>> {
    let backend = drawing_backend(canvas)?;
    clear_canvas(canvas);
    Some(backend)
}
