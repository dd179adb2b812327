//! The learning curves on the page: the sliders and buttons, the chart, the legend with each curve's
//! progress, and the lines of text, drawn from the model through `downhill-plots`.

use super::model::{CurveStatus, CurvesModel};
use super::settings::{EPOCH_RANGE, LOG10_RATE_RANGE};
use crate::demos::step_size::common;
use crate::demos::step_size::digits_chart::ChartLayout;
use crate::format::format_number;
use crate::kit::chart_canvas::ChartCanvas;
use crate::kit::dom::{self, Slider};
use crate::kit::transport::Transport;
use downhill_core::step_size_demos::{CURVE_BATCH_SIZE, CURVE_REG};
use downhill_plots::chart_style::ChartStyle;
use downhill_plots::step_size::{CurveToDraw, CurvesChart, curve_colour, draw_learning_curves};
use plotters::prelude::*;
use web_sys::{Element, HtmlElement};

/// One curve's line in the legend.
struct LegendEntry {
    name: HtmlElement,
    readout: HtmlElement,
}

pub struct CurvesView {
    pub figure: Element,
    pub side: HtmlElement,
    pub chart: ChartCanvas,
    pub rate_slider: Slider,
    pub epochs_slider: Slider,
    pub transport: Transport,
    legend: Vec<LegendEntry>,
    readout: HtmlElement,
    pub message: HtmlElement,
    settings_messages: String,
}

impl CurvesView {
    /// Builds the controls, the chart and the legend inside `figure`, replacing its still.
    pub fn build(figure: &Element, model: &CurvesModel, settings_messages: String) -> CurvesView {
        let figure_id = figure.id();
        let (log_min, log_max) = LOG10_RATE_RANGE;
        let controls = dom::element("div", "demo-controls");
        let rate_slider = dom::slider(
            &format!("{figure_id}-lr"),
            "learning-rate",
            "Your learning rate",
            log_min,
            log_max,
            0.05,
            model.your_rate().log10(),
        );
        let epochs_slider = dom::slider(
            &format!("{figure_id}-epochs"),
            "epochs",
            "Epochs",
            EPOCH_RANGE.0 as f64,
            EPOCH_RANGE.1 as f64,
            5.0,
            model.n_epochs as f64,
        );
        // "Play" until the digits arrive and training starts (which, under reduced motion, waits for
        // the reader to press it).
        let transport = Transport::new(&crate::kit::strings::text("kit.step"));
        let _ = transport
            .step
            .set_attribute("title", "Train one more epoch at every rate");
        for row in [&rate_slider.row, &epochs_slider.row, &transport.row] {
            dom::append(&controls, row);
        }

        let legend_list = dom::element("ul", "demo-legend learning-curves-legend");
        let legend = (0..model.slots.len())
            .map(|index| {
                let item = dom::element("li", "");
                let swatch = dom::element(
                    "span",
                    &format!("demo-swatch learning-curves-swatch learning-curves-swatch-{index}"),
                );
                let _ = swatch.set_attribute("aria-hidden", "true");
                dom::append(&item, &swatch);
                let name = dom::element("span", "demo-legend-name");
                dom::append(&item, &name);
                let readout = dom::element("span", "demo-legend-readout");
                dom::append(&item, &readout);
                dom::append(&legend_list, &item);
                LegendEntry { name, readout }
            })
            .collect();

        let chart = common::chart_canvas(
            "learning-curves-chart",
            "Training loss against epoch for several learning rates. Loading the digits.",
        );
        let layout =
            ChartLayout::build(&chart, "demo-side learning-curves-side", &settings_messages);
        for part in [&controls, &legend_list, &layout.message] {
            dom::append(&layout.side, part);
        }
        dom::replace_still(figure, &layout.body);
        CurvesView {
            figure: figure.clone(),
            side: layout.side,
            chart,
            rate_slider,
            epochs_slider,
            transport,
            legend,
            readout: layout.readout,
            message: layout.message,
            settings_messages,
        }
    }

    pub fn show_values(&self, model: &CurvesModel) {
        if !model.slots.is_empty() {
            self.rate_slider
                .show_value(&format_number(model.your_rate()));
        }
        self.epochs_slider.show_value(&model.n_epochs.to_string());
        for (slot, entry) in model.slots.iter().zip(&self.legend) {
            entry.name.set_text_content(Some(&format!(
                "{} ({})",
                slot.label,
                format_number(slot.learning_rate)
            )));
        }
    }

    pub fn draw(&self, model: &CurvesModel) {
        // A narrow screen gets a taller chart.
        let size = self
            .chart
            .measure(|width: f64| if width < 500.0 { 0.85 } else { 0.62 });
        self.chart.resize(size);
        let points = model.points();
        let look = common::screen_look();
        if let Some(backend) = crate::kit::layers::drawing_backend(&self.chart.canvas) {
            let area = backend.into_drawing_area();
            let chart = CurvesChart {
                curves: &curves_to_draw(model, &points, &look),
                n_epochs: model.n_epochs,
            };
            let _ = draw_learning_curves(&area, &chart, &look);
            let _ = area.present();
        }

        let mut descriptions = Vec::new();
        let mut messages = Vec::new();
        for (slot, entry) in model.slots.iter().zip(&self.legend) {
            let status = match model.status(slot) {
                CurveStatus::NotStarted => String::new(),
                CurveStatus::Diverged { epoch } => {
                    messages.push(format!(
                        "Learning rate {} diverged at epoch {epoch}.",
                        format_number(slot.learning_rate)
                    ));
                    format!("diverged at epoch {epoch}")
                }
                CurveStatus::Trained { loss, epoch } => {
                    format!("loss {} at epoch {epoch}", format_number(loss))
                }
            };
            if entry.readout.text_content().as_deref() != Some(status.as_str()) {
                entry.readout.set_text_content(Some(&status));
            }
            descriptions.push(format!(
                "{} rate {}: {status}",
                slot.label,
                format_number(slot.learning_rate)
            ));
        }
        if !model.has_digits() {
            return;
        }
        self.readout.set_text_content(Some(&format!(
            "Epoch {} of {}; batches of {CURVE_BATCH_SIZE}, softmax loss, regularization {}.",
            model.trained_epochs(),
            model.n_epochs,
            format_number(CURVE_REG)
        )));
        self.chart.set_label(&format!(
            "Training loss of the digits classifier against epoch, on a logarithmic loss axis, \
             for five learning rates. {}.",
            descriptions.join("; ")
        ));
        let text: Vec<String> = std::iter::once(self.settings_messages.clone())
            .chain(messages)
            .filter(|text| !text.is_empty())
            .collect();
        dom::set_message(&self.message, &text.join(" "));
    }
}

/// The model's curves as the chart draws them (points from [`CurvesModel::points`]), each in its
/// colour of `look`'s palette.
pub fn curves_to_draw<'a>(
    model: &'a CurvesModel,
    points: &'a [Vec<(f64, f64)>],
    look: &ChartStyle,
) -> Vec<CurveToDraw<'a>> {
    model
        .slots
        .iter()
        .zip(points)
        .enumerate()
        .map(|(index, (slot, points))| CurveToDraw {
            points,
            colour: curve_colour(&look.palette, index),
            label: slot.label,
        })
        .collect()
}
