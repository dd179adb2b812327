//! Small builders for the demo controls, so each demo describes its controls instead of repeating
//! web-sys calls, and the readers of what a control says. Every control gets a visible label;
//! sliders show their value in an `<output>` and say it to screen readers.

use crate::number_text::parse_number;
use wasm_bindgen::JsCast;
use web_sys::{
    Document, Element, HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlSelectElement,
};

pub fn document() -> Document {
    web_sys::window()
        .and_then(|window| window.document())
        .expect("a page has a document")
}

/// Creates an element with a class. Element creation only fails for invalid tag names, which are
/// constants here.
pub fn element(tag: &str, class: &str) -> HtmlElement {
    let created: HtmlElement = document()
        .create_element(tag)
        .expect("valid tag")
        .unchecked_into();
    if !class.is_empty() {
        created.set_class_name(class);
    }
    created
}

pub fn text(tag: &str, class: &str, content: &str) -> HtmlElement {
    let created = element(tag, class);
    created.set_text_content(Some(content));
    created
}

pub fn append(parent: &Element, child: &Element) {
    // Appending a freshly created element to a live element cannot fail.
    let _ = parent.append_child(child);
}

/// A slider with its label and live value, laid out as one row.
pub struct Slider {
    pub row: HtmlElement,
    pub input: HtmlInputElement,
    pub output: HtmlElement,
}

impl Slider {
    /// Shows `text` as the slider's value, on screen and to screen readers.
    pub fn show_value(&self, text: &str) {
        show_value(&self.input, &self.output, text);
    }
}

/// Builds a labelled range input. `id` must be unique in the page: the label and output point at it.
pub fn slider(
    id: &str,
    name: &str,
    label: &str,
    min: f64,
    max: f64,
    step: f64,
    value: f64,
) -> Slider {
    let row = element("div", "demo-control");
    let label_element = text("label", "", label);
    let _ = label_element.set_attribute("for", id);
    let input: HtmlInputElement = element("input", "").unchecked_into();
    input.set_type("range");
    input.set_id(id);
    input.set_name(name);
    input.set_min(&min.to_string());
    input.set_max(&max.to_string());
    input.set_step(&step.to_string());
    input.set_value(&value.to_string());
    let output = element("output", "demo-value");
    let _ = output.set_attribute("for", id);
    let _ = output.set_attribute("aria-live", "off");
    append(&row, &label_element);
    append(&row, &input);
    append(&row, &output);
    Slider { row, input, output }
}

/// A button with a stable `data-action` name that tests and keyboard users can find.
pub fn button(action: &str, label: &str) -> HtmlButtonElement {
    let created: HtmlButtonElement = text("button", "demo-button", label).unchecked_into();
    created.set_type("button");
    let _ = created.set_attribute("data-action", action);
    created
}

/// A labelled select with `(value, label)` options.
pub fn select(
    id: &str,
    name: &str,
    label: &str,
    options: &[(&str, &str)],
    selected: &str,
) -> (HtmlElement, HtmlSelectElement) {
    let row = element("div", "demo-control");
    let label_element = text("label", "", label);
    let _ = label_element.set_attribute("for", id);
    let select: HtmlSelectElement = element("select", "").unchecked_into();
    select.set_id(id);
    select.set_name(name);
    for (value, option_label) in options {
        let option = text("option", "", option_label);
        let _ = option.set_attribute("value", value);
        append(&select, &option);
    }
    select.set_value(selected);
    append(&row, &label_element);
    append(&row, &select);
    (row, select)
}

/// Shows a short status message in a demo's own message line (assertive only for problems).
pub fn set_message(line: &Element, message: &str) {
    line.set_text_content(Some(message));
}

/// Sets an element's text only when it changes, so screen readers hear nothing twice and the page
/// does no needless layout.
pub fn set_text_if_changed(element: &Element, text: &str) {
    if element.text_content().as_deref() != Some(text) {
        element.set_text_content(Some(text));
    }
}

/// Sets an `aria-label` only when it changes, so screen readers are not told the same thing twice.
pub fn set_label(element: &Element, label: &str) {
    if element.get_attribute("aria-label").as_deref() != Some(label) {
        let _ = element.set_attribute("aria-label", label);
    }
}

/// Shows a slider's value as text in its `<output>` and as its spoken value.
pub fn show_value(input: &HtmlInputElement, output: &HtmlElement, text: &str) {
    output.set_text_content(Some(text));
    let _ = input.set_attribute("aria-valuetext", text);
}

/// The finite number in the input an event came from (a slider or a number field), if it is one.
pub fn input_number(event: &web_sys::Event) -> Option<f64> {
    let input = event
        .target()
        .and_then(|target| target.dyn_into::<HtmlInputElement>().ok())?;
    parse_number(&input.value()).filter(|value| value.is_finite())
}

/// The value of the select or input an event came from.
pub fn input_text(event: &web_sys::Event) -> Option<String> {
    let target = event.target()?;
    if let Some(select) = target.dyn_ref::<HtmlSelectElement>() {
        return Some(select.value());
    }
    target
        .dyn_ref::<HtmlInputElement>()
        .map(|input| input.value())
}

/// Whether the checkbox an event came from is checked.
pub fn input_checked(event: &web_sys::Event) -> Option<bool> {
    event
        .target()
        .and_then(|target| target.dyn_into::<HtmlInputElement>().ok())
        .map(|input| input.checked())
}

/// A log10 slider's position as the number it stands for, kept inside the slider's range.
pub fn from_log10(log10: f64, range: (f64, f64)) -> f64 {
    10f64.powf(log10.clamp(range.0, range.1))
}

/// Replaces the figure's still with `body`, keeping its caption after it, and marks it live.
pub fn replace_still(figure: &Element, body: &Element) {
    let caption = figure.query_selector("figcaption").ok().flatten();
    figure.set_inner_html("");
    append(figure, body);
    if let Some(caption) = caption {
        append(figure, &caption);
    }
    let _ = figure.class_list().add_1("demo-live");
}

/// The unit step an arrow key asks for on a picture, up being +y as on the surfaces' axes, or `None`
/// for any other event or key: how the race and the step-size paths move their start by keyboard.
pub fn arrow_key_step(event: &web_sys::Event) -> Option<(f64, f64)> {
    let key = event.dyn_ref::<web_sys::KeyboardEvent>()?;
    match key.key().as_str() {
        "ArrowLeft" => Some((-1.0, 0.0)),
        "ArrowRight" => Some((1.0, 0.0)),
        "ArrowUp" => Some((0.0, 1.0)),
        "ArrowDown" => Some((0.0, -1.0)),
        _ => None,
    }
}
