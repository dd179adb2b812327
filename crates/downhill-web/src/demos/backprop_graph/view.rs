//! The backprop graph on screen: the preset menu, a field and a slider per input, the step
//! buttons, the graph on a canvas (drawn by `downhill_plots::backprop_graph`) that scrolls sideways
//! when wider than the column, the rule of the current step, the gradient check beside the graph
//! and a table of every node's value and gradient for screen readers.

use super::model::Model;
use super::settings::VALUE_LIMIT;
use crate::format::format_number;
use crate::kit::dom::{self, set_text_if_changed};
use crate::kit::layers::drawing_backend;
use crate::kit::media;
use crate::kit::strings::{self, fill};
use downhill_core::backprop_graph::presets::Preset;
use downhill_core::gradient::check::ErrorBand;
use downhill_plots::backprop_graph::layout::RULE_LINE;
use downhill_plots::backprop_graph::{DARK, GraphPalette, GraphPicture, LIGHT, draw_graph, number};
use plotters::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::{
    Element, HtmlButtonElement, HtmlCanvasElement, HtmlElement, HtmlInputElement, HtmlSelectElement,
};

/// One input's field and slider.
pub(crate) struct InputControls {
    pub(crate) field: HtmlInputElement,
    pub(crate) slider: HtmlInputElement,
}

pub(crate) struct View {
    pub(crate) preset: HtmlSelectElement,
    /// The inputs' rows, rebuilt when the graph changes.
    inputs_box: HtmlElement,
    pub(crate) inputs: RefCell<Vec<InputControls>>,
    pub(crate) buttons: [HtmlButtonElement; 4],
    /// The scrolling box around the canvas; it takes the arrow keys.
    pub(crate) graph_box: HtmlElement,
    canvas_frame: HtmlElement,
    pub(crate) canvas: HtmlCanvasElement,
    rule: HtmlElement,
    check_body: HtmlElement,
    node_body: HtmlElement,
    pub(crate) message: HtmlElement,
    /// Where the toolbar goes.
    pub(crate) side: HtmlElement,
    figure_id: String,
}

/// A table with a caption and column heads, its body returned to be filled.
fn table(class: &str, caption: &str, heads: &[String]) -> (HtmlElement, HtmlElement) {
    let wrap = dom::element("div", &format!("backprop-table-wrap {class}"));
    let _ = wrap.set_attribute("tabindex", "0");
    let _ = wrap.set_attribute("role", "region");
    let _ = wrap.set_attribute("aria-label", caption);
    let table = dom::element("table", "backprop-table");
    dom::append(&table, &dom::text("caption", "", caption));
    let head = dom::element("tr", "");
    for label in heads {
        let cell = dom::text("th", "", label);
        let _ = cell.set_attribute("scope", "col");
        dom::append(&head, &cell);
    }
    let thead = dom::element("thead", "");
    dom::append(&thead, &head);
    dom::append(&table, &thead);
    let body = dom::element("tbody", "");
    dom::append(&table, &body);
    dom::append(&wrap, &table);
    (wrap, body)
}

/// A row of `cells` texts, the first a row head.
fn row(body: &Element, cells: &[String]) -> HtmlElement {
    let row = dom::element("tr", "");
    for (index, text) in cells.iter().enumerate() {
        let cell = dom::text(if index == 0 { "th" } else { "td" }, "", text);
        if index == 0 {
            let _ = cell.set_attribute("scope", "row");
        }
        dom::append(&row, &cell);
    }
    dom::append(body, &row);
    row
}

pub(crate) fn band_text(band: ErrorBand) -> String {
    match band {
        ErrorBand::Good => strings::text("backprop-graph.band_good"),
        ErrorBand::FineWithKinks => strings::text("backprop-graph.band_kinks"),
        ErrorBand::Uneasy => strings::text("backprop-graph.band_uneasy"),
        ErrorBand::Wrong => strings::text("backprop-graph.band_wrong"),
    }
}

impl View {
    pub(crate) fn build(figure: &Element, model: &Model) -> View {
        let figure_id = figure.id();
        let controls = dom::element("div", "demo-controls backprop-controls");
        let labels = [
            strings::text("backprop-graph.preset_lesson"),
            strings::text("backprop-graph.preset_neuron"),
            strings::text("backprop-graph.preset_branches"),
        ];
        let options = [
            (Preset::Lesson.name(), labels[0].as_str()),
            (Preset::Neuron.name(), labels[1].as_str()),
            (Preset::Branches.name(), labels[2].as_str()),
        ];
        let (preset_row, preset) = dom::select(
            &format!("{figure_id}-preset"),
            "preset",
            &strings::text("backprop-graph.preset"),
            &options,
            model.settings.preset.name(),
        );
        dom::append(&controls, &preset_row);
        let inputs_box = dom::element("fieldset", "backprop-inputs");
        dom::append(&controls, &inputs_box);
        let button_row = dom::element("div", "backprop-steps");
        let buttons = [
            dom::button("start", &strings::text("backprop-graph.to_start")),
            dom::button("step-back", &strings::text("backprop-graph.step_back")),
            dom::button(
                "step-forward",
                &strings::text("backprop-graph.step_forward"),
            ),
            dom::button("end", &strings::text("backprop-graph.to_end")),
        ];
        for button in &buttons {
            dom::append(&button_row, button);
        }

        let graph_box = dom::element("div", "backprop-graph-scroll");
        let _ = graph_box.set_attribute("tabindex", "0");
        let canvas_frame = dom::element("div", "backprop-graph-frame");
        let _ = canvas_frame.set_attribute("role", "img");
        let canvas: HtmlCanvasElement = dom::element("canvas", "backprop-graph").unchecked_into();
        dom::append(&canvas_frame, &canvas);
        dom::append(&graph_box, &canvas_frame);
        let rule = dom::element("p", "backprop-rule");
        let _ = rule.set_attribute("aria-live", "polite");

        let (check_wrap, check_body) = table(
            "backprop-check",
            &strings::text("backprop-graph.check_caption"),
            &[
                strings::text("backprop-graph.check_input"),
                strings::text("backprop-graph.check_backprop"),
                strings::text("backprop-graph.check_centered"),
                strings::text("backprop-graph.check_error"),
            ],
        );
        let (node_wrap, node_body) = table(
            "backprop-nodes",
            &strings::text("backprop-graph.nodes_caption"),
            &[
                strings::text("backprop-graph.node"),
                strings::text("backprop-graph.computes"),
                strings::text("backprop-graph.value"),
                strings::text("backprop-graph.gradient"),
            ],
        );
        let message = dom::element("p", "demo-message");
        let _ = message.set_attribute("role", "status");
        let side = dom::element("div", "backprop-side");

        let body = dom::element("div", "backprop-demo");
        dom::append(&body, &controls);
        dom::append(&body, &button_row);
        // The rule of the step right under the graph; the check beside both on a wide screen.
        let picture_row = dom::element("div", "backprop-picture-row");
        let graph_column = dom::element("div", "backprop-graph-column");
        dom::append(&graph_column, &graph_box);
        dom::append(&graph_column, &rule);
        dom::append(&picture_row, &graph_column);
        dom::append(&picture_row, &check_wrap);
        dom::append(&body, &picture_row);
        dom::append(&body, &message);
        dom::append(&body, &side);
        dom::append(&body, &node_wrap);
        dom::replace_still(figure, &body);
        let view = View {
            preset,
            inputs_box,
            inputs: RefCell::new(Vec::new()),
            buttons,
            graph_box,
            canvas_frame,
            canvas,
            rule,
            check_body,
            node_body,
            message,
            side,
            figure_id,
        };
        view.build_inputs(model);
        view
    }

    /// One row per input of the graph: a number field and a slider, both labelled.
    pub(crate) fn build_inputs(&self, model: &Model) {
        self.inputs_box.set_inner_html("");
        dom::append(
            &self.inputs_box,
            &dom::text("legend", "", &strings::text("backprop-graph.inputs")),
        );
        let mut inputs = self.inputs.borrow_mut();
        inputs.clear();
        for (index, name) in model.graph.input_names().iter().enumerate() {
            let value = model.settings.values[index];
            let id = format!("{}-input-{index}", self.figure_id);
            let slider = dom::slider(&id, name, name, -VALUE_LIMIT, VALUE_LIMIT, 0.1, value);
            let field: HtmlInputElement = dom::element("input", "backprop-field").unchecked_into();
            field.set_type("text");
            let _ = field.set_attribute("inputmode", "decimal");
            let _ = field.set_attribute("data-input", &index.to_string());
            let _ = field.set_attribute(
                "aria-label",
                &fill("backprop-graph.input_field", &[("name", name)]),
            );
            let _ = slider.input.set_attribute("data-input", &index.to_string());
            dom::append(&slider.row, &field);
            // The field says the value; the output would say it twice.
            slider.output.remove();
            dom::append(&self.inputs_box, &slider.row);
            inputs.push(InputControls {
                field,
                slider: slider.input,
            });
        }
        drop(inputs);
        self.show_inputs(model, None);
    }

    /// Shows each input's value in its field and slider, except the field being typed in.
    pub(crate) fn show_inputs(&self, model: &Model, typing: Option<usize>) {
        for (index, controls) in self.inputs.borrow().iter().enumerate() {
            let value = model.settings.values[index];
            if typing != Some(index) {
                controls
                    .field
                    .set_value(&crate::number_text::exact_number_text(value));
            }
            controls.slider.set_value(&value.to_string());
            let _ = controls
                .slider
                .set_attribute("aria-valuetext", &format_number(value));
        }
    }

    /// Shows everything that follows from the model: the picture, the rule, both tables, the
    /// buttons' states.
    pub(crate) fn show(&self, model: &Model) {
        let rule = model.rule();
        let step_line = fill(
            "backprop-graph.step_count",
            &[
                ("n", &model.settings.step.to_string()),
                ("last", &model.schedule.last().to_string()),
            ],
        );
        set_text_if_changed(&self.rule, &format!("{step_line} {rule}"));
        let last = model.schedule.last();
        let at = model.settings.step;
        for (button, disabled) in
            self.buttons
                .iter()
                .zip([at == 0, at == 0, at == last, at == last])
        {
            button.set_disabled(disabled);
        }
        dom::set_label(
            &self.canvas_frame,
            &fill(
                "backprop-graph.graph_label",
                &[("formula", model.settings.preset.formula())],
            ),
        );
        self.fill_tables(model);
        self.draw(model);
    }

    fn fill_tables(&self, model: &Model) {
        self.check_body.set_inner_html("");
        for check in &model.checks {
            let check_row = row(
                &self.check_body,
                &[
                    model.graph.input_names()[check.input].clone(),
                    format_number(check.analytic),
                    format_number(check.numerical),
                    format!(
                        "{} ({})",
                        format_number(check.relative_error),
                        band_text(check.band)
                    ),
                ],
            );
            if let Some(cell) = check_row.last_element_child() {
                // The gradient check demo's colours for the lesson's bands.
                cell.set_class_name(match check.band {
                    ErrorBand::Good => "gradient-check-band-good",
                    ErrorBand::FineWithKinks => "gradient-check-band-kinks",
                    ErrorBand::Uneasy => "gradient-check-band-uneasy",
                    ErrorBand::Wrong => "gradient-check-band-wrong",
                });
            }
        }
        self.node_body.set_inner_html("");
        let position = model.settings.step;
        for node in 0..model.graph.nodes().len() {
            let shown = |known: bool, value: f64| {
                if known {
                    number(value)
                } else {
                    strings::text("backprop-graph.not_yet")
                }
            };
            let _ = row(
                &self.node_body,
                &[
                    model.name(node),
                    model.formula(node),
                    shown(
                        model.schedule.value_shown(node, position),
                        model.pass.values[node],
                    ),
                    shown(
                        model.schedule.gradient_shown(node, position),
                        model.pass.gradients[node],
                    ),
                ],
            );
        }
    }

    /// Draws the graph at the pixel ratio of the screen, its CSS width the layout's, so a wide
    /// graph scrolls sideways instead of shrinking its text.
    pub(crate) fn draw(&self, model: &Model) {
        let ratio = media::pixel_ratio();
        // The rule is written under the canvas, where it wraps; the canvas leaves out its line.
        let (width, height) = model.layout.size;
        let height = height - RULE_LINE;
        let device = (
            (width * ratio).ceil() as u32,
            (height * ratio).ceil() as u32,
        );
        if self.canvas.width() != device.0 {
            self.canvas.set_width(device.0);
        }
        if self.canvas.height() != device.1 {
            self.canvas.set_height(device.1);
        }
        let style = self.canvas.style();
        let _ = style.set_property("width", &format!("{}px", width.ceil()));
        let _ = style.set_property("height", &format!("{}px", height.ceil()));
        let Some(backend) = drawing_backend(&self.canvas) else {
            return;
        };
        let area = backend.into_drawing_area();
        let palette: GraphPalette = media::by_scheme(LIGHT, DARK);
        draw_graph(&area, &picture(model, ""), palette, ratio);
        let _ = area.present();
    }
}

/// What the picture shows for `model`.
pub(crate) fn picture<'a>(model: &'a Model, rule: &'a str) -> GraphPicture<'a> {
    GraphPicture {
        graph: &model.graph,
        layout: &model.layout,
        pass: &model.pass,
        schedule: &model.schedule,
        position: model.settings.step,
        rule,
    }
}
