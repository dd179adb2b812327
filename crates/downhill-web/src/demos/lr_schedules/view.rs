//! The learning-rate schedules demo on screen: the two charts (drawn by
//! `downhill_plots::lr_schedules`), the kit's play, step and reset, the step readout, the legend with a
//! readout per schedule, a slider per [`Knob`] and the message line.

use super::model::Model;
use super::settings::Knob;
use crate::demos::chart_demo::{ChartLayout, ChartView, message_line};
use crate::kit::chart_canvas::ChartCanvas;
use crate::kit::dom::{self, set_text_if_changed};
use crate::kit::transport::Transport;
use downhill_plots::lr_schedules::{self as plot, SERIES_NAMES, ScheduleSettings};
use plotters::prelude::*;
use web_sys::{Element, HtmlElement};

/// Height over width of the two charts.
const ASPECT: f64 = 0.8;

pub(crate) struct View {
    pub(crate) layout: ChartLayout,
    pub(crate) sliders: Vec<(Knob, dom::Slider)>,
    /// Play, step and reset, under the charts.
    pub(crate) transport: Transport,
    step_readout: HtmlElement,
    series_readouts: Vec<HtmlElement>,
    message: HtmlElement,
    /// What was wrong with the link's settings: the start of the message line, before any
    /// divergence.
    link_problems: String,
}

impl View {
    /// Replaces the figure's still with the live layout, keeping its caption; `link_problems` (what
    /// was wrong with the link's settings) leads the message line.
    pub(crate) fn build(
        figure: &Element,
        settings: &ScheduleSettings,
        link_problems: &str,
    ) -> View {
        let canvas = ChartCanvas::new(
            "lr-schedules-frame",
            "The learning rate and the loss against the step for four schedules.",
        );
        let controls = dom::element("div", "demo-controls lr-schedules-controls");
        let mut sliders = Vec::new();
        for knob in Knob::ALL {
            let (low, high) = knob.range();
            let slider = dom::slider(
                &format!("{}-{}", figure.id(), knob.key()),
                knob.key(),
                knob.label(),
                knob.position(low),
                knob.position(high),
                knob.slider_step(),
                knob.position(knob.get(settings)),
            );
            slider.show_value(&knob.shown(knob.get(settings)));
            dom::append(&controls, &slider.row);
            sliders.push((knob, slider));
        }
        let transport = Transport::new(&crate::kit::strings::text("kit.step"));

        let legend = dom::element("ul", "demo-legend");
        let mut series_readouts = Vec::new();
        for (name, class) in SERIES_NAMES {
            let item = dom::element("li", "");
            let swatch = dom::element("span", &format!("demo-swatch lr-schedules-swatch-{class}"));
            let _ = swatch.set_attribute("aria-hidden", "true");
            dom::append(&item, &swatch);
            dom::append(&item, &dom::text("span", "demo-legend-name", name));
            let readout = dom::element("span", "demo-legend-readout");
            dom::append(&item, &readout);
            dom::append(&legend, &item);
            series_readouts.push(readout);
        }
        let step_readout = dom::element("p", "demo-readout");
        let message = message_line("");
        let chart_column = dom::element("div", "lr-schedules-chart");
        dom::append(&chart_column, &canvas.frame);
        dom::append(&chart_column, &transport.row);
        dom::append(&chart_column, &step_readout);
        dom::append(&chart_column, &legend);
        let layout = ChartLayout::replace_still(
            figure,
            "demo-body",
            &chart_column,
            &[&controls, &message],
            canvas,
            |_| ASPECT,
        );
        View {
            layout,
            sliders,
            transport,
            step_readout,
            series_readouts,
            message,
            link_problems: link_problems.to_string(),
        }
    }
}

impl ChartView<Model> for View {
    fn layout(&self) -> &ChartLayout {
        &self.layout
    }

    /// Draws the charts and writes the readouts; the link's problems lead the message line,
    /// followed by any divergence.
    fn draw(&self, model: &Model) {
        let (style, backend) = self.layout.chart.sized();
        let series = plot::series_for(&model.settings, &model.runs, &style);
        if let Some(backend) = backend {
            let area = backend.into_drawing_area();
            let _ = plot::draw_schedules(&area, &series, model.cursor, &style);
            let _ = area.present();
        }
        self.step_readout.set_text_content(Some(&model.step_text()));
        let readouts = model.readouts();
        for (readout, text) in self.series_readouts.iter().zip(&readouts.per_series) {
            set_text_if_changed(readout, text);
        }
        let mut messages = vec![self.link_problems.clone()];
        messages.extend(readouts.divergences.iter().cloned());
        dom::set_message(&self.message, messages.join(" ").trim());
        self.layout.chart.canvas.set_label(&model.label(&readouts));
    }
}
