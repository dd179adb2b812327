//! Random against grid search on the same budget of trials (lesson 8), the figure of Bergstra and
//! Bengio made live: a trial-count slider and a new-seed button redraw both searches at once.
//!
//! Every trial comes from `downhill_core::search::hyperparameters`; the model ([`model`]) holds both
//! searches and the view draws them.

pub(crate) mod model;
pub(crate) mod settings;
mod view;

use super::chart_demo::ChartDemo;
use crate::kit::toolbar::Demo;
use crate::settings::{DemoSettings, Settings};
use downhill_plots::hyperparameter_search as plot;
use model::Model;
use settings::SearchSettings;
use std::rc::Rc;
use web_sys::Element;

pub type HyperparameterSearch = ChartDemo<Model, view::View>;

pub fn mount(figure: &Element, settings: &Settings) -> Result<Rc<HyperparameterSearch>, String> {
    let initial = SearchSettings::read(settings);
    let view = view::View::build(figure, &initial, &settings.messages().join(" "));
    let demo = ChartDemo::mount(&figure.id(), Model::new(initial), view);
    demo.listen_to_slider(demo.view.slider.input.as_ref(), |demo, per_axis| {
        demo.model.borrow_mut().set_per_axis(per_axis);
    });
    demo.listen_to_button(demo.view.new_seed.as_ref(), Model::new_seed);
    Ok(demo)
}

impl Demo for HyperparameterSearch {
    fn url_settings(&self) -> Vec<(String, String)> {
        self.model.borrow().settings.write()
    }

    fn export_csv(&self) -> String {
        self.model.borrow().csv()
    }

    fn export_svg(&self) -> String {
        plot::comparison_svg(&self.model.borrow().comparison, (800, 448))
    }

    fn export_canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        vec![self.view.chart.canvas.canvas.clone()]
    }

    fn file_stem(&self) -> String {
        let settings = self.model.borrow().settings;
        format!(
            "hyperparameter-search-{}-trials-seed-{}",
            settings.per_axis * settings.per_axis,
            settings.seed
        )
    }
}
