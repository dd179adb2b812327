//! The backprop graph: lesson 9's computational graph, stepped through one node at a time, forward
//! (each node's value) and then backward (each node multiplies the gradient arriving from above by
//! its local gradient and sends the product back; branches add), with each input's gradient checked
//! against a centered difference beside it.
//!
//! Every number comes from `downhill_core::backprop_graph`, every picture from
//! `downhill_plots::backprop_graph`. Nothing animates: each control changes the model and the view
//! shows it again.

pub(crate) mod model;
pub(crate) mod settings;
mod view;

use crate::kit::dom::{self, input_number};
use crate::kit::listeners::Listeners;
use crate::kit::media;
use crate::kit::strings;
use crate::kit::toolbar::{Demo, Toolbar, as_demo};
use crate::number_text::{exact_number_text, parse_number};
use crate::settings::{DemoSettings, Settings};
use downhill_core::backprop_graph::presets::Preset;
use downhill_plots::backprop_graph::graph_svg;
use downhill_plots::still::Scheme;
use model::Model;
use settings::{BackpropSettings, VALUE_LIMIT};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, HtmlInputElement};

pub struct BackpropGraph {
    model: RefCell<Model>,
    view: view::View,
    toolbar: RefCell<Option<Toolbar>>,
    listeners: Listeners,
    /// Listeners of the input rows, dropped and made again when the graph changes.
    input_listeners: RefCell<Listeners>,
}

/// Builds the demo inside `figure`, replacing its still.
pub fn mount(figure: &Element, settings: &Settings) -> Result<Rc<BackpropGraph>, String> {
    let model = Model::new(BackpropSettings::read(settings));
    let view = view::View::build(figure, &model);
    let demo = Rc::new(BackpropGraph {
        model: RefCell::new(model),
        view,
        toolbar: RefCell::new(None),
        listeners: Listeners::new(),
        input_listeners: RefCell::new(Listeners::new()),
    });
    let toolbar = Toolbar::attach(&demo.view.side, &figure.id(), as_demo(&demo));
    *demo.toolbar.borrow_mut() = Some(toolbar);
    dom::set_message(&demo.view.message, &settings.messages().join(" "));
    demo.view.show(&demo.model.borrow());
    listen(&demo);
    listen_to_inputs(&demo);
    Ok(demo)
}

impl BackpropGraph {
    fn listen(
        self: &Rc<Self>,
        target: &web_sys::EventTarget,
        event_name: &str,
        handler: impl Fn(&Rc<BackpropGraph>, &web_sys::Event) + 'static,
    ) {
        self.listeners.listen(self, target, event_name, handler);
    }

    /// Moves the cursor; shows the result and records it in the address bar if it moved.
    fn step(&self, change: impl FnOnce(&mut Model) -> bool) {
        let moved = change(&mut self.model.borrow_mut());
        if moved {
            self.view.show(&self.model.borrow());
            self.write_url();
        }
    }

    fn write_url(&self) {
        if let Some(toolbar) = self.toolbar.borrow().as_ref() {
            toolbar.write_url(self);
        }
    }

    /// Sets input `index` from a field or slider; a value out of range is said, not used.
    fn set_value(&self, index: usize, value: Option<f64>, typing: bool) {
        let accepted = value.is_some_and(|value| self.model.borrow_mut().set_value(index, value));
        if accepted {
            dom::set_message(&self.view.message, "");
            let model = self.model.borrow();
            self.view.show_inputs(&model, typing.then_some(index));
            self.view.show(&model);
        } else {
            let limit = exact_number_text(VALUE_LIMIT);
            dom::set_message(
                &self.view.message,
                &strings::fill("backprop-graph.value_out_of_range", &[("limit", &limit)]),
            );
        }
    }
}

fn listen(demo: &Rc<BackpropGraph>) {
    let view = &demo.view;
    demo.listen(view.preset.as_ref(), "change", |demo, event| {
        let Some(preset) = dom::input_text(event).and_then(|name| Preset::from_name(&name)) else {
            return;
        };
        demo.model.borrow_mut().set_preset(preset);
        demo.view.build_inputs(&demo.model.borrow());
        listen_to_inputs(demo);
        demo.view.show(&demo.model.borrow());
        demo.write_url();
    });
    let moves: [fn(&mut Model) -> bool; 4] = [
        |model| model.go_to(0),
        |model| model.step_by(-1),
        |model| model.step_by(1),
        |model| model.go_to(usize::MAX),
    ];
    for (button, change) in view.buttons.iter().zip(moves) {
        demo.listen(button.as_ref(), "click", move |demo, _event| {
            demo.step(change)
        });
    }
    // The graph takes the arrow keys: right and left step, Home and End go to either end.
    demo.listen(view.graph_box.as_ref(), "keydown", |demo, event| {
        let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
            return;
        };
        let change: fn(&mut Model) -> bool = match key.key().as_str() {
            "ArrowRight" => |model| model.step_by(1),
            "ArrowLeft" => |model| model.step_by(-1),
            "Home" => |model| model.go_to(0),
            "End" => |model| model.go_to(usize::MAX),
            _ => return,
        };
        event.prevent_default();
        demo.step(change);
    });
    media::on_scheme_change(&demo.listeners, demo, |demo, _event| {
        demo.view.draw(&demo.model.borrow());
    });
}

/// The fields and sliders of the current graph's inputs.
fn listen_to_inputs(demo: &Rc<BackpropGraph>) {
    let listeners = Listeners::new();
    let index_of = |event: &web_sys::Event| {
        event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .and_then(|element| element.get_attribute("data-input"))
            .and_then(|text| text.parse::<usize>().ok())
    };
    for controls in demo.view.inputs.borrow().iter() {
        listeners.listen(
            demo,
            controls.slider.as_ref(),
            "input",
            move |demo, event| {
                if let Some(index) = index_of(event) {
                    demo.set_value(index, input_number(event), false);
                }
            },
        );
        listeners.listen(
            demo,
            controls.field.as_ref(),
            "input",
            move |demo, event| {
                let Some(index) = index_of(event) else { return };
                let text = event
                    .target()
                    .and_then(|target| target.dyn_into::<HtmlInputElement>().ok())
                    .map(|field| field.value())
                    .unwrap_or_default();
                demo.set_value(index, parse_number(&text), true);
            },
        );
        for target in [&controls.slider, &controls.field] {
            listeners.listen(demo, target.as_ref(), "change", |demo, _event| {
                demo.view.show_inputs(&demo.model.borrow(), None);
                demo.write_url();
            });
        }
    }
    *demo.input_listeners.borrow_mut() = listeners;
}

impl Demo for BackpropGraph {
    fn url_settings(&self) -> Vec<(String, String)> {
        self.model.borrow().settings.write()
    }

    fn export_csv(&self) -> String {
        csv(&self.model.borrow())
    }

    fn export_svg(&self) -> String {
        let model = self.model.borrow();
        let rule = model.rule();
        graph_svg(&view::picture(&model, &rule), Scheme::Light)
    }

    fn export_canvases(&self) -> Vec<HtmlCanvasElement> {
        vec![self.view.canvas.clone()]
    }

    fn file_stem(&self) -> String {
        format!(
            "backprop-graph-{}",
            self.model.borrow().settings.preset.name()
        )
    }
}

/// Every node's value, local gradient and gradient, then the check of every input.
fn csv(model: &Model) -> String {
    let mut text = String::from("node,computes,value,gradient\n");
    for node in 0..model.graph.nodes().len() {
        text.push_str(&format!(
            "{},{},{},{}\n",
            model.name(node),
            model.formula(node),
            exact_number_text(model.pass.values[node]),
            exact_number_text(model.pass.gradients[node]),
        ));
    }
    text.push_str("\ninput,backprop,centered_difference,relative_error,band\n");
    for check in &model.checks {
        text.push_str(&format!(
            "{},{},{},{},{}\n",
            model.graph.input_names()[check.input],
            exact_number_text(check.analytic),
            exact_number_text(check.numerical),
            exact_number_text(check.relative_error),
            view::band_text(check.band),
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_csv_has_every_node_and_every_input() {
        let model = Model::new(BackpropSettings::default());
        let csv = csv(&model);
        assert!(csv.contains("q,x + y,3,-4\n"), "{csv}");
        assert!(csv.contains("f,q × z,-12,1\n"));
        assert!(csv.contains("\nz,3,"));
        assert_eq!(csv.lines().count(), 1 + 5 + 1 + 1 + 3);
    }
}
