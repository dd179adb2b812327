//! The minibatch-noise demo on screen: the cloud (drawn by `downhill_plots::minibatch_noise`), the
//! batch-size slider and "New batches" (both off until the digits arrive), the readout and the
//! message line.

use super::model::Model;
use super::settings::{MAX_LOG2_BATCH, NoiseSettings, log2_of};
use crate::demos::chart_demo::{ChartLayout, ChartView, message_line};
use crate::kit::chart_canvas::ChartCanvas;
use crate::kit::dom;
use downhill_plots::minibatch_noise as plot;
use plotters::prelude::*;
use web_sys::{Element, HtmlButtonElement, HtmlElement};

/// Height over width of the picture.
const ASPECT: f64 = 0.75;

pub(crate) struct View {
    pub(crate) layout: ChartLayout,
    pub(crate) slider: dom::Slider,
    pub(crate) new_batches: HtmlButtonElement,
    readout: HtmlElement,
    message: HtmlElement,
}

impl View {
    /// Replaces the figure's still with the live layout, keeping its caption; `link_problems` (what
    /// was wrong with the link's settings) goes in the message line.
    pub(crate) fn build(figure: &Element, settings: &NoiseSettings, link_problems: &str) -> View {
        let canvas = ChartCanvas::new("minibatch-noise-frame", "Loading the digits.");
        let controls = dom::element("div", "demo-controls");
        let slider = dom::slider(
            &format!("{}-batch", figure.id()),
            "batch",
            "Batch size",
            0.0,
            MAX_LOG2_BATCH as f64,
            1.0,
            log2_of(settings.batch_size) as f64,
        );
        slider.show_value(&settings.batch_size.to_string());
        slider.input.set_disabled(true);
        let buttons = dom::element("div", "demo-buttons");
        let new_batches = dom::button("new-batches", "New batches");
        new_batches.set_disabled(true);
        dom::append(&buttons, &new_batches);
        dom::append(&controls, &slider.row);
        dom::append(&controls, &buttons);
        let readout = dom::text("p", "demo-readout", "Loading the digits…");
        let message = message_line(link_problems);
        let layout = ChartLayout::replace_still(
            figure,
            "demo-body",
            &canvas.frame.clone(),
            &[&controls, &readout, &message],
            canvas,
            |_| ASPECT,
        );
        View {
            layout,
            slider,
            new_batches,
            readout,
            message,
        }
    }

    /// The digits have arrived: the controls work.
    pub(crate) fn enable(&self) {
        self.slider.input.set_disabled(false);
        self.new_batches.set_disabled(false);
    }

    /// The digits could not be had: the readout goes, the message says why.
    pub(crate) fn show_failure(&self, reason: &str) {
        self.readout.set_text_content(Some(""));
        dom::set_message(&self.message, reason);
    }
}

impl ChartView<Model> for View {
    fn layout(&self) -> &ChartLayout {
        &self.layout
    }

    fn draw(&self, model: &Model) {
        self.slider
            .show_value(&model.settings.batch_size.to_string());
        let (style, backend) = self.layout.chart.sized();
        let (Some((loaded, cloud)), Some(summary)) = (model.current(), model.summary()) else {
            // Until the digits arrive, a calm empty frame of the right size.
            if let Some(backend) = backend {
                let area = backend.into_drawing_area();
                let _ = area.fill(&style.palette.background);
                let _ = area.present();
            }
            return;
        };
        if let Some(backend) = backend {
            let area = backend.into_drawing_area();
            let _ = plot::draw_cloud(
                &area,
                &cloud.points,
                loaded.per_example.full_gradient_norm(),
                loaded.per_example.expected_distance(cloud.batch_size),
                &loaded.view,
                &style,
            );
            let _ = area.present();
        }
        self.readout.set_text_content(Some(&summary));
        self.layout.chart.canvas.set_label(&format!(
            "A cloud of dots, one per minibatch gradient, around an arrow for the full gradient of \
             the digits classifier; each dot's angle to the arrow is its true angle to the full \
             gradient. {summary}"
        ));
    }
}
