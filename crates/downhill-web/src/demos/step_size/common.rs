//! The plumbing the step-size demos share with every demo: a chart canvas at device resolution
//! inside a frame that carries the picture's text alternative, the reader's colour scheme and motion
//! preference, replacing a figure's still, the clock, play/pause buttons, and listeners that hold
//! their demo weakly. (The demo kit, issue 12, takes these over.)

use crate::demo::EventClosure;
use crate::dom;
use crate::layers::LayerSize;
use crate::number_text::parse_number;
use downhill_plots::step_size::{ChartLook, DARK, LIGHT};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, HtmlCanvasElement, HtmlElement, HtmlInputElement};

/// One canvas at device pixels in a frame with `role="img"`.
pub struct ChartCanvas {
    pub frame: HtmlElement,
    pub canvas: HtmlCanvasElement,
}

impl ChartCanvas {
    pub fn new(class: &str, label: &str) -> ChartCanvas {
        let frame = dom::element("div", &format!("step-size-chart-frame {class}"));
        let _ = frame.set_attribute("role", "img");
        let _ = frame.set_attribute("aria-label", label);
        let canvas: HtmlCanvasElement = dom::element("canvas", "step-size-chart").unchecked_into();
        dom::append(&frame, &canvas);
        ChartCanvas { frame, canvas }
    }

    /// The frame's width on screen and `height_over_width` times it. A frame not laid out yet (in a
    /// hidden tab or a test) gets 640 CSS pixels.
    pub fn measure(&self, height_over_width: f64) -> LayerSize {
        let width = self.frame.get_bounding_client_rect().width();
        let css_width = if width.is_finite() && width >= 100.0 {
            width.round().min(4000.0) as u32
        } else {
            640
        };
        LayerSize {
            css_width,
            css_height: (css_width as f64 * height_over_width).round() as u32,
            pixel_ratio: pixel_ratio(),
        }
    }

    /// Sizes the canvas in device pixels (only when that changes, as resizing clears it).
    pub fn resize(&self, size: LayerSize) {
        if self.canvas.width() != size.device_width() {
            self.canvas.set_width(size.device_width());
        }
        if self.canvas.height() != size.device_height() {
            self.canvas.set_height(size.device_height());
        }
    }

    pub fn set_label(&self, label: &str) {
        set_label(&self.frame, label);
    }
}

/// Sets an `aria-label` only when it changes, so screen readers are not told the same thing twice.
pub fn set_label(element: &Element, label: &str) {
    if element.get_attribute("aria-label").as_deref() != Some(label) {
        let _ = element.set_attribute("aria-label", label);
    }
}

/// Device pixels per CSS pixel, kept to 1..=3 so a strange value never makes a huge canvas.
pub fn pixel_ratio() -> f64 {
    web_sys::window()
        .map(|window| window.device_pixel_ratio())
        .filter(|ratio| ratio.is_finite())
        .unwrap_or(1.0)
        .clamp(1.0, 3.0)
}

fn media_matches(query: &str) -> bool {
    web_sys::window()
        .and_then(|window| window.match_media(query).ok().flatten())
        .is_some_and(|list| list.matches())
}

/// Whether the reader asked for less motion: the demos then jump to the end instead of animating.
pub fn prefers_reduced_motion() -> bool {
    media_matches("(prefers-reduced-motion: reduce)")
}

/// The chart colours for the reader's colour scheme, at the current pixel ratio.
pub fn screen_look() -> ChartLook {
    let palette = if media_matches("(prefers-color-scheme: dark)") {
        DARK
    } else {
        LIGHT
    };
    ChartLook::new(palette, pixel_ratio())
}

/// The look of exported drawings: always light, at one unit per pixel.
pub fn export_look() -> ChartLook {
    ChartLook::new(LIGHT, 1.0)
}

/// Replaces the figure's still with `body`, keeping its caption after it, and marks it live.
pub fn replace_still(figure: &Element, body: &Element) {
    let caption = figure.query_selector("figcaption").ok().flatten();
    figure.set_inner_html("");
    dom::append(figure, body);
    if let Some(caption) = caption {
        dom::append(figure, &caption);
    }
    let _ = figure.class_list().add_1("demo-live");
}

/// Adds a listener to `target` that holds `demo` weakly, and keeps its closure in `listeners`.
pub fn listen<T: 'static>(
    demo: &Rc<T>,
    listeners: &RefCell<Vec<EventClosure>>,
    target: &web_sys::EventTarget,
    event_name: &str,
    handler: impl Fn(&Rc<T>, &web_sys::Event) + 'static,
) {
    let weak = Rc::downgrade(demo);
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        if let Some(demo) = weak.upgrade() {
            handler(&demo, &event);
        }
    });
    if target
        .add_event_listener_with_callback(event_name, closure.as_ref().unchecked_ref())
        .is_ok()
    {
        listeners.borrow_mut().push(closure);
    }
}

/// Calls `handler` when the reader switches between light and dark, so a chart redraws in the new
/// palette at once.
pub fn on_scheme_change<T: 'static>(
    demo: &Rc<T>,
    listeners: &RefCell<Vec<EventClosure>>,
    handler: impl Fn(&Rc<T>, &web_sys::Event) + 'static,
) {
    let Some(list) = web_sys::window().and_then(|window| {
        window
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
    }) else {
        return;
    };
    listen(demo, listeners, list.as_ref(), "change", handler);
}

/// The number in the range input an event came from, if it is one.
pub fn input_number(event: &web_sys::Event) -> Option<f64> {
    let input = event
        .target()
        .and_then(|target| target.dyn_into::<HtmlInputElement>().ok())?;
    parse_number(&input.value()).filter(|value| value.is_finite())
}

/// The value of the select or input an event came from.
pub fn input_text(event: &web_sys::Event) -> Option<String> {
    let target = event.target()?;
    if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
        return Some(select.value());
    }
    target
        .dyn_ref::<HtmlInputElement>()
        .map(|input| input.value())
}

/// Shows a slider's value as text in its `<output>` and as its spoken value.
pub fn show_value(input: &HtmlInputElement, output: &HtmlElement, text: &str) {
    output.set_text_content(Some(text));
    let _ = input.set_attribute("aria-valuetext", text);
}

/// A log10 slider's value as the number it stands for, kept inside the slider's range.
pub fn from_log10(log10: f64, range: (f64, f64)) -> f64 {
    10f64.powf(log10.clamp(range.0, range.1))
}

/// Adds an `input` listener to a slider that hands `handler` the slider's number (events without one
/// are ignored).
pub fn on_slider_input<T: 'static>(
    demo: &Rc<T>,
    listeners: &RefCell<Vec<EventClosure>>,
    slider: &HtmlInputElement,
    handler: impl Fn(&Rc<T>, f64) + 'static,
) {
    listen(
        demo,
        listeners,
        slider.as_ref(),
        "input",
        move |demo, event| {
            if let Some(value) = input_number(event) {
                handler(demo, value);
            }
        },
    );
}

/// The page's clock in milliseconds; NaN where there is none.
pub fn now() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map(|performance| performance.now())
        .unwrap_or(f64::NAN)
}

/// Keeps the time since `started` on the figure as `attribute`, for the speed budget.
pub fn record_elapsed(figure: &Element, attribute: &str, started: f64) {
    let elapsed = now() - started;
    if elapsed.is_finite() {
        let _ = figure.set_attribute(attribute, &format!("{elapsed:.3}"));
    }
}

/// The play/pause, step and reset buttons of a demo that plays.
pub struct PlayButtons {
    /// The three buttons in a row.
    pub row: HtmlElement,
    pub play_pause: web_sys::HtmlButtonElement,
    pub step: web_sys::HtmlButtonElement,
    pub reset: web_sys::HtmlButtonElement,
}

impl PlayButtons {
    /// "Play", "Step" (with `step_title` as its tooltip, if any) and "Reset".
    pub fn build(step_title: Option<&str>) -> PlayButtons {
        let row = dom::element("div", "demo-buttons");
        let play_pause = dom::button("play-pause", "Play");
        let _ = play_pause.set_attribute("aria-pressed", "false");
        let step = dom::button("step", "Step");
        if let Some(title) = step_title {
            let _ = step.set_attribute("title", title);
        }
        let reset = dom::button("reset", "Reset");
        for button in [&play_pause, &step, &reset] {
            dom::append(&row, button);
        }
        PlayButtons {
            row,
            play_pause,
            step,
            reset,
        }
    }

    /// Shows whether the demo plays: the label and the pressed state of play/pause.
    pub fn show_playing(&self, playing: bool) {
        self.play_pause
            .set_text_content(Some(if playing { "Pause" } else { "Play" }));
        let _ = self
            .play_pause
            .set_attribute("aria-pressed", if playing { "true" } else { "false" });
    }
}
