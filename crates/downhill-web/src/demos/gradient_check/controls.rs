//! The gradient check's controls: function, precision, h, regularization and examples, the planted
//! bugs, "New point" and "Reset"; what they show, and the listeners that turn their events into
//! changes of the model.

use super::GradientCheck;
use super::model::{reg_to_slider, slider_to_reg};
use super::settings::{GradientCheckSettings, LOG10_REG_RANGE};
use super::text::{reg_text, step_text};
use crate::kit::dom::{self, input_number, input_text};
use downhill_core::gradient::workbench::{CheckFunction, MAX_EXAMPLES, PlantedBugs};
use downhill_plots::gradient_check::LOG10_H_RANGE;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlSelectElement};

pub(crate) struct Controls {
    /// The selects and sliders, in two columns beside the bugs.
    pub(crate) main_box: HtmlElement,
    /// The bugs' fieldset.
    pub(crate) bugs_box: HtmlElement,
    /// "New point" and "Reset".
    pub(crate) buttons: HtmlElement,
    function: HtmlSelectElement,
    precision: HtmlSelectElement,
    h: dom::Slider,
    reg: dom::Slider,
    examples: dom::Slider,
    bug_mean: HtmlInputElement,
    bug_sign: HtmlInputElement,
    bug_reg: HtmlInputElement,
    new_point: HtmlButtonElement,
    reset: HtmlButtonElement,
}

impl Controls {
    /// Builds every control at `settings`, with ids under `figure_id`.
    pub(crate) fn build(figure_id: &str, settings: &GradientCheckSettings) -> Controls {
        let id = |suffix: &str| format!("{figure_id}-{suffix}");
        let main_box = dom::element("div", "demo-controls");
        let function_options: Vec<(&str, &str)> = CheckFunction::ALL
            .iter()
            .map(|function| (function.name(), function.label()))
            .collect();
        let (function_row, function) = dom::select(
            &id("function"),
            "function",
            "Function",
            &function_options,
            settings.function.name(),
        );
        let (precision_row, precision) = dom::select(
            &id("precision"),
            "precision",
            "Precision of the losses",
            &[("f64", "f64 (double)"), ("f32", "f32 (single)")],
            settings.precision.name(),
        );
        let h = dom::slider(
            &id("h"),
            "h",
            "Step h",
            LOG10_H_RANGE.0,
            LOG10_H_RANGE.1,
            0.1,
            settings.h.log10(),
        );
        let reg = dom::slider(
            &id("reg"),
            "reg",
            "Regularization strength",
            LOG10_REG_RANGE.0,
            LOG10_REG_RANGE.1,
            0.1,
            reg_to_slider(settings.reg),
        );
        let examples = dom::slider(
            &id("examples"),
            "examples",
            "Digits in the loss (N)",
            1.0,
            MAX_EXAMPLES as f64,
            1.0,
            settings.n_examples as f64,
        );
        let bugs_box = dom::element("fieldset", "gradient-check-bugs");
        dom::append(
            &bugs_box,
            &dom::text("legend", "", "Plant a bug in the analytic gradient"),
        );
        let bug_mean = checkbox(
            &bugs_box,
            &id("bug-mean"),
            "bug-mean",
            "Drop the 1/N of the mean",
        );
        let bug_sign = checkbox(
            &bugs_box,
            &id("bug-sign"),
            "bug-sign",
            "Flip the sign of the data gradient",
        );
        let bug_reg = checkbox(
            &bugs_box,
            &id("bug-reg"),
            "bug-reg",
            "Leave out the regularization",
        );
        let buttons = dom::element("div", "demo-buttons");
        let new_point = dom::button("new-point", "New point");
        let _ =
            new_point.set_attribute("title", "Check at another random point (and other digits)");
        let reset = dom::button("reset", "Reset");
        let _ = reset.set_attribute("title", "Back to the lesson's settings");
        dom::append(&buttons, &new_point);
        dom::append(&buttons, &reset);
        for row in [
            &function_row,
            &precision_row,
            &h.row,
            &reg.row,
            &examples.row,
        ] {
            dom::append(&main_box, row);
        }
        Controls {
            main_box,
            bugs_box,
            buttons,
            function,
            precision,
            h,
            reg,
            examples,
            bug_mean,
            bug_sign,
            bug_reg,
            new_point,
            reset,
        }
    }

    /// Puts the settings into the controls (at mount and after a reset).
    pub(crate) fn sync(&self, settings: &GradientCheckSettings) {
        self.function.set_value(settings.function.name());
        self.precision.set_value(settings.precision.name());
        self.h
            .input
            .set_value(&format!("{:.1}", settings.h.log10()));
        self.reg
            .input
            .set_value(&format!("{:.1}", reg_to_slider(settings.reg)));
        self.examples
            .input
            .set_value(&settings.n_examples.to_string());
        self.bug_mean.set_checked(settings.bugs.dropped_mean);
        self.bug_sign.set_checked(settings.bugs.flipped_sign);
        self.bug_reg.set_checked(settings.bugs.no_regularization);
    }

    /// The sliders' values, and which controls apply to the function on show.
    pub(crate) fn show_values(&self, settings: &GradientCheckSettings) {
        let h_text = step_text(settings.h);
        self.h.output.set_text_content(Some(&h_text));
        let _ = self.h.input.set_attribute("aria-valuetext", &h_text);
        let reg_text = reg_text(settings.reg);
        self.reg.output.set_text_content(Some(&reg_text));
        let _ = self.reg.input.set_attribute("aria-valuetext", &reg_text);
        self.examples
            .output
            .set_text_content(Some(&settings.n_examples.to_string()));
        // The digits-only controls stay in place but are disabled for the other functions, so the
        // layout does not jump; a surface has no mean over examples and no regularization.
        let classifier = settings.function.uses_digits();
        for input in [
            &self.reg.input,
            &self.examples.input,
            &self.bug_mean,
            &self.bug_reg,
        ] {
            input.set_disabled(!classifier);
        }
        for row in [&self.reg.row, &self.examples.row] {
            let _ = row
                .class_list()
                .toggle_with_force("gradient-check-inactive", !classifier);
        }
    }

    fn bugs(&self) -> PlantedBugs {
        PlantedBugs {
            dropped_mean: self.bug_mean.checked(),
            flipped_sign: self.bug_sign.checked(),
            no_regularization: self.bug_reg.checked(),
        }
    }
}

/// Turns each control's events into a change of the model; settings reach the address bar when
/// committed (a slider released), not on every move.
pub(crate) fn listen(demo: &Rc<GradientCheck>) {
    let controls = &demo.controls;
    demo.listen(controls.function.as_ref(), "change", |demo, event| {
        let Some(function) = input_text(event).and_then(|name| name.parse().ok()) else {
            return;
        };
        demo.change(|model| model.set_function(function));
        demo.write_url();
    });
    demo.listen(controls.precision.as_ref(), "change", |demo, event| {
        let Some(precision) = input_text(event).and_then(|name| name.parse().ok()) else {
            return;
        };
        demo.change(|model| model.set_precision(precision));
        demo.write_url();
    });
    demo.listen(controls.h.input.as_ref(), "input", |demo, event| {
        if let Some(position) = input_number(event) {
            demo.change(|model| model.set_h_at(position));
        }
    });
    demo.listen(controls.reg.input.as_ref(), "input", |demo, event| {
        if let Some(position) = input_number(event) {
            demo.change(|model| model.set_reg(slider_to_reg(position)));
        }
    });
    demo.listen(controls.examples.input.as_ref(), "input", |demo, event| {
        if let Some(count) = input_number(event) {
            demo.change(|model| model.set_examples(count));
        }
    });
    for input in [
        &controls.h.input,
        &controls.reg.input,
        &controls.examples.input,
    ] {
        demo.listen(input.as_ref(), "change", |demo, _event| demo.write_url());
    }
    for input in [&controls.bug_mean, &controls.bug_sign, &controls.bug_reg] {
        demo.listen(input.as_ref(), "change", |demo, _event| {
            let bugs = demo.controls.bugs();
            demo.change(|model| model.set_bugs(bugs));
            demo.write_url();
        });
    }
    demo.listen(controls.new_point.as_ref(), "click", |demo, _event| {
        demo.change(|model| model.new_point());
        demo.write_url();
    });
    demo.listen(controls.reset.as_ref(), "click", |demo, _event| {
        demo.controls.sync(&demo.initial);
        demo.change(|model| model.reset(demo.initial));
        demo.write_url();
    });
}

/// A labelled checkbox appended to `parent`.
fn checkbox(parent: &Element, id: &str, name: &str, label: &str) -> HtmlInputElement {
    let row = dom::element("div", "gradient-check-switch");
    let input: HtmlInputElement = dom::element("input", "").unchecked_into();
    input.set_type("checkbox");
    input.set_id(id);
    input.set_name(name);
    let label_element = dom::text("label", "", label);
    let _ = label_element.set_attribute("for", id);
    dom::append(&row, &input);
    dom::append(&row, &label_element);
    dom::append(parent, &row);
    input
}
