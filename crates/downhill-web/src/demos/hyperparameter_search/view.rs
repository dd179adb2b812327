//! The hyperparameter-search demo on screen: both searches' panels (drawn by
//! `downhill_plots::hyperparameter_search`), the trials slider, "New random trials", a readout per
//! search and the message line.

use super::model::Model;
use super::settings::{PER_AXIS_RANGE, SearchSettings};
use crate::demos::chart_demo::{ChartLayout, ChartView, message_line};
use crate::kit::chart_canvas::ChartCanvas;
use crate::kit::dom;
use downhill_plots::hyperparameter_search::{self as plot, aspect_for_width};
use plotters::prelude::*;
use web_sys::{Element, HtmlButtonElement, HtmlElement};

pub(crate) struct View {
    pub(crate) layout: ChartLayout,
    pub(crate) slider: dom::Slider,
    pub(crate) new_seed: HtmlButtonElement,
    grid_readout: HtmlElement,
    random_readout: HtmlElement,
}

impl View {
    /// Replaces the figure's still with the live layout, keeping its caption; `link_problems` (what
    /// was wrong with the link's settings) goes in the message line.
    pub(crate) fn build(figure: &Element, settings: &SearchSettings, link_problems: &str) -> View {
        let canvas = ChartCanvas::new(
            "hyperparameter-search-frame",
            "Grid and random search trials on the plane of learning rate and regularization.",
        );
        let controls = dom::element("div", "demo-controls hyperparameter-search-controls");
        let slider = dom::slider(
            &format!("{}-per-axis", figure.id()),
            "per-axis",
            "Trials per search",
            PER_AXIS_RANGE.0 as f64,
            PER_AXIS_RANGE.1 as f64,
            1.0,
            settings.per_axis as f64,
        );
        let buttons = dom::element("div", "demo-buttons");
        let new_seed = dom::button("new-seed", "New random trials");
        dom::append(&buttons, &new_seed);
        dom::append(&controls, &slider.row);
        dom::append(&controls, &buttons);
        let readouts = dom::element("div", "hyperparameter-search-readouts");
        let grid_readout = dom::element("p", "demo-readout hyperparameter-search-grid");
        let random_readout = dom::element("p", "demo-readout hyperparameter-search-random");
        dom::append(&readouts, &grid_readout);
        dom::append(&readouts, &random_readout);
        let message = message_line(link_problems);
        let layout = ChartLayout::replace_still(
            figure,
            "demo-body demo-body-wide",
            &canvas.frame.clone(),
            &[&controls, &readouts, &message],
            canvas,
            aspect_for_width,
        );
        View {
            layout,
            slider,
            new_seed,
            grid_readout,
            random_readout,
        }
    }
}

impl ChartView<Model> for View {
    fn layout(&self) -> &ChartLayout {
        &self.layout
    }

    fn draw(&self, model: &Model) {
        if let (style, Some(backend)) = self.layout.chart.sized() {
            let area = backend.into_drawing_area();
            let _ = plot::draw_comparison(&area, &model.comparison, &style);
            let _ = area.present();
        }
        self.slider.show_value(&model.trials_text());
        let (grid, random) = model.readouts();
        self.grid_readout.set_text_content(Some(&grid));
        self.random_readout.set_text_content(Some(&random));
        self.layout.chart.canvas.set_label(&model.label());
    }
}
