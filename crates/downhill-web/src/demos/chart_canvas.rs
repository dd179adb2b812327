//! What the chart demos (minibatch noise, learning-rate schedules, hyperparameter search) share: one
//! canvas at device resolution inside a frame that carries the picture's text alternative, the
//! reader's colour scheme and motion preference, and listeners held weakly by their demo.

use crate::demo::EventClosure;
use crate::dom;
use crate::layers::LayerSize;
use downhill_plots::chart_style::{ChartStyle, DARK, LIGHT};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlElement};

pub struct ChartCanvas {
    pub frame: HtmlElement,
    pub canvas: HtmlCanvasElement,
}

impl ChartCanvas {
    /// A frame with `class` (besides the shared one) and the text alternative `label`.
    pub fn new(class: &str, label: &str) -> ChartCanvas {
        let frame = dom::element("div", &format!("demo-chart-frame {class}"));
        let _ = frame.set_attribute("role", "img");
        let _ = frame.set_attribute("aria-label", label);
        let canvas: HtmlCanvasElement = dom::element("canvas", "demo-chart").unchecked_into();
        dom::append(&frame, &canvas);
        ChartCanvas { frame, canvas }
    }

    /// The size the canvas should have: the frame's width on screen, and `aspect(width)` times that
    /// as its height (height over width). A frame not laid out yet gets 640 CSS pixels.
    pub fn measure(&self, aspect: impl Fn(f64) -> f64) -> LayerSize {
        let pixel_ratio = web_sys::window()
            .map(|window| window.device_pixel_ratio())
            .filter(|ratio| ratio.is_finite())
            .unwrap_or(1.0)
            .clamp(1.0, 3.0);
        let width = self.frame.get_bounding_client_rect().width();
        let css_width = if width.is_finite() && width >= 100.0 {
            width.round().min(4000.0) as u32
        } else {
            640
        };
        let ratio = aspect(css_width as f64).clamp(0.2, 3.0);
        LayerSize {
            css_width,
            css_height: (css_width as f64 * ratio).round() as u32,
            pixel_ratio,
        }
    }

    /// Gives the canvas `size` in device pixels; CSS shows it at the frame's width, so its height
    /// follows from the ratio of the two.
    pub fn resize(&self, size: LayerSize) {
        if self.canvas.width() != size.device_width() {
            self.canvas.set_width(size.device_width());
        }
        if self.canvas.height() != size.device_height() {
            self.canvas.set_height(size.device_height());
        }
    }

    pub fn set_label(&self, label: &str) {
        if self.frame.get_attribute("aria-label").as_deref() != Some(label) {
            let _ = self.frame.set_attribute("aria-label", label);
        }
    }
}

fn media_matches(query: &str) -> bool {
    web_sys::window()
        .and_then(|window| window.match_media(query).ok().flatten())
        .is_some_and(|list| list.matches())
}

/// Whether the reader asked for less motion: demos then jump instead of animating.
pub fn prefers_reduced_motion() -> bool {
    media_matches("(prefers-reduced-motion: reduce)")
}

/// The chart colours for the reader's colour scheme at `pixel_ratio`.
pub fn chart_style(pixel_ratio: f64) -> ChartStyle {
    let palette = if media_matches("(prefers-color-scheme: dark)") {
        DARK
    } else {
        LIGHT
    };
    ChartStyle::new(palette, pixel_ratio)
}

/// Adds a listener that holds `owner` weakly, so the page never keeps a dead demo alive, and stores
/// the closure in `store` (which `owner` holds) so it lives exactly as long as the demo.
pub fn listen<T: 'static>(
    owner: &Rc<T>,
    store: &RefCell<Vec<EventClosure>>,
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
        store.borrow_mut().push(closure);
    }
}

/// The value of the input or select that fired `event`.
pub fn event_value(event: &web_sys::Event) -> Option<String> {
    let target = event.target()?;
    if let Some(input) = target.dyn_ref::<web_sys::HtmlInputElement>() {
        return Some(input.value());
    }
    target
        .dyn_ref::<web_sys::HtmlSelectElement>()
        .map(|select| select.value())
}

/// Sets a slider's shown value and its spoken value together.
pub fn show_value(slider: &dom::Slider, text: &str) {
    slider.output.set_text_content(Some(text));
    let _ = slider.input.set_attribute("aria-valuetext", text);
}
