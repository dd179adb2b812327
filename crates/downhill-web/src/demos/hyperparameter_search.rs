//! Random against grid search on the same budget of trials (lesson 8), the figure of Bergstra and
//! Bengio made live: a trial-count slider and a new-seed button redraw both searches at once.
//!
//! Every trial comes from `downhill_core::search::hyperparameters::random_versus_grid`; a search of
//! 100 trials on the closed-form stand-in costs microseconds, so it is simply recomputed on every
//! change.

use super::chart_canvas::{self, ChartCanvas};
use crate::demo::{Demo, EventClosure, Toolbar, as_demo};
use crate::dom;
use crate::format::format_number;
use crate::layers::LayerSize;
use crate::number_text::parse_number;
use crate::settings::Settings;
use downhill_core::search::hyperparameters::{
    BEST_LEARNING_RATE_EXPONENT, SearchComparison, Trial, best_trial, random_versus_grid,
    validation_loss_stand_in,
};
use downhill_plots::hyperparameter_search::{
    self as plot, DEFAULT_PER_AXIS, DEFAULT_SEED, aspect_for_width, decades_from_best_rate,
    distinct_learning_rates,
};
use plotters::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use web_sys::{Element, HtmlElement};

/// Values per axis of the grid: 2 x 2 = 4 to 10 x 10 = 100 trials.
pub(crate) const PER_AXIS_RANGE: (usize, usize) = (2, 10);
/// Seeds a link may carry.
const MAX_SEED: usize = 1_000_000_000;

struct Model {
    per_axis: usize,
    seed: u64,
    comparison: SearchComparison,
}

impl Model {
    fn recompute(&mut self) {
        self.comparison = random_versus_grid(validation_loss_stand_in, self.per_axis, self.seed);
    }
}

pub struct HyperparameterSearch {
    model: RefCell<Model>,
    canvas: ChartCanvas,
    size: Cell<LayerSize>,
    slider: dom::Slider,
    grid_readout: HtmlElement,
    random_readout: HtmlElement,
    toolbar: RefCell<Option<Toolbar>>,
    listeners: RefCell<Vec<EventClosure>>,
}

/// What a lesson or a link may set: trials per axis and the seed.
pub(crate) struct SearchSettings {
    pub per_axis: usize,
    pub seed: u64,
}

pub(crate) fn read_settings(settings: &Settings) -> SearchSettings {
    SearchSettings {
        per_axis: settings.count(
            "per-axis",
            PER_AXIS_RANGE.0,
            PER_AXIS_RANGE.1,
            DEFAULT_PER_AXIS,
        ),
        seed: settings.count("seed", 0, MAX_SEED, DEFAULT_SEED as usize) as u64,
    }
}

pub fn mount(figure: &Element, settings: &Settings) -> Result<Rc<HyperparameterSearch>, String> {
    let SearchSettings { per_axis, seed } = read_settings(settings);
    let figure_id = figure.id();

    let canvas = ChartCanvas::new(
        "hyperparameter-search-frame",
        "Grid and random search trials on the plane of learning rate and regularization.",
    );
    let controls = dom::element("div", "demo-controls hyperparameter-search-controls");
    let slider = dom::slider(
        &format!("{figure_id}-per-axis"),
        "per-axis",
        "Trials per search",
        PER_AXIS_RANGE.0 as f64,
        PER_AXIS_RANGE.1 as f64,
        1.0,
        per_axis as f64,
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
    let message = dom::element("p", "demo-message");
    let _ = message.set_attribute("role", "status");

    let caption = figure.query_selector("figcaption").ok().flatten();
    figure.set_inner_html("");
    let body = dom::element("div", "demo-body demo-body-wide");
    dom::append(&body, &canvas.frame);
    let side = dom::element("div", "demo-side");
    dom::append(&side, &controls);
    dom::append(&side, &readouts);
    dom::append(&side, &message);
    dom::append(&body, &side);
    dom::append(figure, &body);
    if let Some(caption) = caption {
        dom::append(figure, &caption);
    }
    let _ = figure.class_list().add_1("demo-live");

    let size = canvas.measure(aspect_for_width);
    let mut model = Model {
        per_axis,
        seed,
        comparison: SearchComparison {
            grid: Vec::new(),
            random: Vec::new(),
        },
    };
    model.recompute();
    let demo = Rc::new(HyperparameterSearch {
        model: RefCell::new(model),
        canvas,
        size: Cell::new(size),
        slider,
        grid_readout,
        random_readout,
        toolbar: RefCell::new(None),
        listeners: RefCell::new(Vec::new()),
    });
    let toolbar = Toolbar::attach(&side, &figure_id, as_demo(&demo));
    *demo.toolbar.borrow_mut() = Some(toolbar);
    dom::set_message(&message, &settings.messages().join(" "));
    demo.draw();

    let input = demo.slider.input.clone();
    chart_canvas::listen(&demo, &demo.listeners, &input, "input", |demo, event| {
        let Some(per_axis) = chart_canvas::event_value(event)
            .and_then(|value| parse_number(&value))
            .filter(|value| value.is_finite())
        else {
            return;
        };
        let per_axis = (per_axis.round() as usize).clamp(PER_AXIS_RANGE.0, PER_AXIS_RANGE.1);
        {
            let mut model = demo.model.borrow_mut();
            model.per_axis = per_axis;
            model.recompute();
        }
        demo.draw();
    });
    chart_canvas::listen(&demo, &demo.listeners, &input, "change", |demo, _event| {
        demo.write_url();
    });
    chart_canvas::listen(
        &demo,
        &demo.listeners,
        &new_seed,
        "click",
        |demo, _event| {
            {
                let mut model = demo.model.borrow_mut();
                model.seed = (model.seed + 1) % (MAX_SEED as u64 + 1);
                model.recompute();
            }
            demo.draw();
            demo.write_url();
        },
    );
    if let Some(window) = web_sys::window() {
        chart_canvas::listen(&demo, &demo.listeners, &window, "resize", |demo, _event| {
            let size = demo.canvas.measure(aspect_for_width);
            if size != demo.size.get() {
                demo.size.set(size);
                demo.draw();
            }
        });
    }
    Ok(demo)
}

impl HyperparameterSearch {
    fn write_url(&self) {
        if let Some(toolbar) = self.toolbar.borrow().as_ref() {
            toolbar.write_url(self);
        }
    }

    fn draw(&self) {
        let model = self.model.borrow();
        let size = self.size.get();
        self.canvas.resize(size);
        if let Some(backend) = crate::layers::drawing_backend(&self.canvas.canvas) {
            let area = backend.into_drawing_area();
            let _ = plot::draw_comparison(
                &area,
                &model.comparison,
                &chart_canvas::chart_style(size.pixel_ratio),
            );
            let _ = area.present();
        }
        let n_trials = model.comparison.grid.len();
        chart_canvas::show_value(
            &self.slider,
            &format!("{n_trials} ({0} × {0} grid)", model.per_axis),
        );
        let grid = describe("Grid", &model.comparison.grid);
        let random = describe("Random", &model.comparison.random);
        self.grid_readout.set_text_content(Some(&grid));
        self.random_readout.set_text_content(Some(&random));
        self.canvas.set_label(&format!(
            "Two panels of {n_trials} trials each on the plane of learning rate (across) and \
             regularization (up), with the loss against each beside them; the best learning rate, \
             {}, is a dashed line. {grid} {random}",
            format_number(10f64.powf(BEST_LEARNING_RATE_EXPONENT))
        ));
    }
}

/// One search's key numbers in a sentence.
fn describe(name: &str, trials: &[Trial]) -> String {
    let distinct = distinct_learning_rates(trials);
    match (best_trial(trials), decades_from_best_rate(trials)) {
        (Some(best), Some(decades)) => format!(
            "{name}: {distinct} learning rates tried; best loss {} at learning rate {}, {} decades \
             from the best rate.",
            format_number(best.loss),
            format_number(best.learning_rate),
            format_number((decades * 100.0).round() / 100.0)
        ),
        _ => format!("{name}: no trials."),
    }
}

impl Demo for HyperparameterSearch {
    fn url_settings(&self) -> Vec<(String, String)> {
        let model = self.model.borrow();
        vec![
            ("per-axis".to_string(), model.per_axis.to_string()),
            ("seed".to_string(), model.seed.to_string()),
        ]
    }

    fn export_csv(&self) -> String {
        let model = self.model.borrow();
        let mut csv = String::from("search,trial,learning_rate,reg,loss\n");
        for (name, trials) in [
            ("grid", &model.comparison.grid),
            ("random", &model.comparison.random),
        ] {
            for (index, trial) in trials.iter().enumerate() {
                if trial.learning_rate.is_finite()
                    && trial.reg.is_finite()
                    && trial.loss.is_finite()
                {
                    csv.push_str(&format!(
                        "{name},{index},{},{},{}\n",
                        trial.learning_rate, trial.reg, trial.loss
                    ));
                }
            }
        }
        csv
    }

    fn export_svg(&self) -> String {
        plot::comparison_svg(&self.model.borrow().comparison, (800, 448))
    }

    fn export_canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        vec![self.canvas.canvas.clone()]
    }

    fn file_stem(&self) -> String {
        let model = self.model.borrow();
        format!(
            "hyperparameter-search-{}-trials-seed-{}",
            model.per_axis * model.per_axis,
            model.seed
        )
    }
}
