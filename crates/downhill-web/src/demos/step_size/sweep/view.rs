//! The sweep on the page: the slider, the loss select and the weights button, the chart, the table
//! and the lines of text, drawn from the model through `downhill-plots`.

use super::model::SweepModel;
use super::settings::LOG10_STEP_RANGE;
use crate::demos::step_size::common;
use crate::demos::step_size::digits_chart::ChartLayout;
use crate::format::format_number;
use crate::kit::chart_canvas::ChartCanvas;
use crate::kit::dom::{self, Slider};
use downhill_core::classifiers::LossKind;
use downhill_core::step_size_demos::LossChange;
use downhill_plots::step_size::draw_sweep;
use plotters::prelude::*;
use web_sys::{Element, HtmlButtonElement, HtmlElement, HtmlSelectElement};

pub struct SweepView {
    pub figure: Element,
    pub side: HtmlElement,
    pub chart: ChartCanvas,
    pub slider: Slider,
    pub loss_select: HtmlSelectElement,
    pub new_weights: HtmlButtonElement,
    table_body: HtmlElement,
    table_caption: HtmlElement,
    readout: HtmlElement,
    pub message: HtmlElement,
    settings_messages: String,
}

impl SweepView {
    /// Builds the controls, the chart and the table inside `figure`, replacing its still.
    pub fn build(figure: &Element, model: &SweepModel, settings_messages: String) -> SweepView {
        let figure_id = figure.id();
        let (log_min, log_max) = LOG10_STEP_RANGE;
        let controls = dom::element("div", "demo-controls");
        let slider = dom::slider(
            &format!("{figure_id}-step"),
            "step",
            "Step size",
            log_min,
            log_max,
            0.05,
            model.log10_step,
        );
        let (loss_row, loss_select) = dom::select(
            &format!("{figure_id}-loss"),
            "loss",
            "Loss",
            &[("svm", "SVM (the lesson's table)"), ("softmax", "softmax")],
            model.loss_kind.name(),
        );
        let buttons = dom::element("div", "demo-buttons");
        let new_weights = dom::button("new-weights", "New random weights");
        dom::append(&buttons, &new_weights);
        dom::append(&controls, &slider.row);
        dom::append(&controls, &loss_row);
        dom::append(&controls, &buttons);

        let chart = common::chart_canvas(
            "step-size-sweep-chart",
            "Loss after one gradient step against the step size, both on logarithmic axes. Loading the digits.",
        );
        let table = dom::element("table", "step-size-sweep-table");
        let table_caption = dom::element("caption", "");
        dom::append(&table, &table_caption);
        let head = dom::element("thead", "");
        let head_row = dom::element("tr", "");
        for title in ["step size", "loss after the step", ""] {
            let cell = dom::text("th", "", title);
            let _ = cell.set_attribute("scope", "col");
            dom::append(&head_row, &cell);
        }
        dom::append(&head, &head_row);
        dom::append(&table, &head);
        let table_body = dom::element("tbody", "");
        dom::append(&table, &table_body);
        let layout =
            ChartLayout::build(&chart, "demo-side step-size-sweep-side", &settings_messages);
        for part in [&controls, &table, &layout.message] {
            dom::append(&layout.side, part);
        }
        dom::replace_still(figure, &layout.body);
        SweepView {
            figure: figure.clone(),
            side: layout.side,
            chart,
            slider,
            loss_select,
            new_weights,
            table_body,
            table_caption,
            readout: layout.readout,
            message: layout.message,
            settings_messages,
        }
    }

    pub fn show_step_value(&self, model: &SweepModel) {
        self.slider.show_value(&format_number(model.chosen_step()));
    }

    pub fn fill_table(&self, model: &SweepModel) {
        if !model.is_computed() {
            return;
        }
        self.table_caption.set_text_content(Some(&format!(
            "{} loss on the {} training digits after one step; {} before it.",
            loss_label(model.loss_kind),
            model
                .n_training_digits()
                .map(|count| count.to_string())
                .unwrap_or_default(),
            format_number(model.original_loss())
        )));
        self.table_body.set_inner_html("");
        for row in model.table_rows() {
            let (class, note) = if row.is_best {
                ("step-size-sweep-best", "lowest")
            } else if row.is_worse {
                ("step-size-sweep-worse", "worse")
            } else {
                ("", "")
            };
            let line = dom::element("tr", class);
            dom::append(&line, &dom::text("td", "", &power_of_ten(row.step_size)));
            dom::append(&line, &dom::text("td", "", &loss_text(row.loss)));
            dom::append(&line, &dom::text("td", "", note));
            dom::append(&self.table_body, &line);
        }
    }

    /// Draws the chart, and once the sweep is computed, the readout and the chart's description.
    pub fn draw(&self, model: &SweepModel) {
        // A narrow screen gets a taller chart.
        let size = self
            .chart
            .measure(|width: f64| if width < 500.0 { 0.8 } else { 0.62 });
        self.chart.resize(size);
        if let Some(backend) = crate::kit::layers::drawing_backend(&self.chart.canvas) {
            let area = backend.into_drawing_area();
            let _ = draw_sweep(&area, &model.chart(), &common::screen_look());
            let _ = area.present();
        }
        if !model.is_computed() {
            return;
        }
        let original = model.original_loss();
        let step = model.chosen_step();
        let change = match model.chosen_change() {
            Some(LossChange::Lower) => "lower than before",
            Some(LossChange::Unchanged) => "no change",
            Some(LossChange::Higher) => "higher than before",
            Some(LossChange::NotFinite) | None => "not a finite number",
        };
        let chosen_text = model.chosen_loss().map(loss_text).unwrap_or_default();
        self.readout.set_text_content(Some(&format!(
            "Loss before the step: {}. After one step of size {}: {} ({change}).",
            format_number(original),
            format_number(step),
            chosen_text
        )));
        let best_text = model
            .best()
            .map(|(best_step, best_loss)| {
                format!(
                    " The lowest in the table is {} at step size {}.",
                    format_number(best_loss),
                    power_of_ten(best_step)
                )
            })
            .unwrap_or_default();
        self.chart.set_label(&format!(
            "Loss after one gradient step of the {} classifier against the step size from 1e-10 to \
             1e3, both on logarithmic axes; the dashed line is the loss before the step, {}.{best_text} \
             The ring marks step size {}, loss {}.",
            loss_label(model.loss_kind),
            format_number(original),
            format_number(step),
            chosen_text
        ));
        dom::set_message(&self.message, &self.settings_messages);
    }
}

pub fn loss_label(kind: LossKind) -> &'static str {
    match kind {
        LossKind::Svm => "SVM",
        LossKind::Softmax => "softmax",
    }
}

fn loss_text(loss: f64) -> String {
    if loss.is_finite() {
        format_number(loss)
    } else {
        "overflowed".to_string()
    }
}

/// `1e-7` for a power of ten, as the lesson writes the table's step sizes.
fn power_of_ten(step_size: f64) -> String {
    let exponent = step_size.log10();
    if exponent.is_finite() && (exponent - exponent.round()).abs() < 1e-9 {
        format!("1e{}", exponent.round() as i64)
    } else {
        format_number(step_size)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn step_sizes_and_losses_read_as_the_lesson_writes_them() {
        assert_eq!(power_of_ten(1e-7), "1e-7");
        assert_eq!(power_of_ten(1e3), "1e3");
        assert_eq!(power_of_ten(0.05), "0.05");
        assert_eq!(loss_text(f64::INFINITY), "overflowed");
        assert_eq!(loss_text(2.5), "2.5");
        assert_eq!(loss_label(LossKind::Svm), "SVM");
    }
}
