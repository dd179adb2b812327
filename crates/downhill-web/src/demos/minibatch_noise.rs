//! Minibatch noise (lesson 4): each dot is the gradient of one random minibatch of the digits, around
//! the gradient of the full training set, placed at its true angle to it and its true distance from
//! it. A batch-size slider tightens or widens the cloud; "New batches" draws other batches.
//!
//! The per-example gradients are computed once, after the digits load
//! (`downhill_core::gradient_cloud`); a cloud is then 100 means of rows of that table, and each
//! batch size's cloud is kept, so moving back to a size costs nothing.

use super::chart_canvas::{self, ChartCanvas};
use crate::demo::{Demo, EventClosure, Toolbar, as_demo};
use crate::dom;
use crate::format::format_number;
use crate::layers::LayerSize;
use crate::number_text::parse_number;
use crate::settings::Settings;
use downhill_core::classifiers::LossKind;
use downhill_core::data::{DEFAULT_N_TEST, DEFAULT_N_VALIDATION, PreparedDigits};
use downhill_core::gradient_cloud::{GradientCloud, PerExampleGradients};
use downhill_core::rng::Rng;
use downhill_plots::minibatch_noise::{self as plot, CloudView};
use plotters::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use web_sys::{Element, HtmlButtonElement, HtmlElement};

/// Minibatches per cloud: enough dots to see the spread, few enough to see each one.
pub(crate) const N_BATCHES: usize = plot::N_BATCHES;
/// Batch sizes are powers of two, from 2^0 = 1 (pure SGD) to 2^9 = 512 (half the training set).
pub(crate) const MAX_LOG2_BATCH: u32 = 9;
const DEFAULT_BATCH: usize = plot::DEFAULT_BATCH;
/// The split of the digits and the small random weights the gradients are taken at.
const SPLIT_SEED: u64 = 0;
const WEIGHT_SEED: u64 = plot::WEIGHT_SEED;
const WEIGHT_SCALE: f64 = plot::WEIGHT_SCALE;
/// The classifier's regularization strength, small as in the lessons.
const REG: f64 = plot::REG;
/// Height over width of the picture.
const ASPECT: f64 = 0.75;

struct Loaded {
    per_example: PerExampleGradients,
    view: CloudView,
    /// The cloud of each batch size 2^k at the current seed, computed when first shown.
    clouds: Vec<Option<GradientCloud>>,
}

impl Loaded {
    /// The cloud of `batch_size` (a power of two), computing it the first time.
    fn cloud(&mut self, batch_size: usize, seed: u64) -> &GradientCloud {
        let slot = log2_of(batch_size) as usize;
        let per_example = &self.per_example;
        self.clouds[slot].get_or_insert_with(|| {
            // Each batch size gets its own stream of batches from the seed, so a size's cloud is the
            // same whichever sizes were shown before it.
            let stream = plot::batch_stream(seed, batch_size);
            per_example.cloud(batch_size, N_BATCHES, &mut Rng::new(stream))
        })
    }
}

struct Model {
    batch_size: usize,
    seed: u64,
    loaded: Option<Loaded>,
}

impl Model {
    /// Makes sure the cloud on show exists.
    fn recompute(&mut self) {
        let (batch_size, seed) = (self.batch_size, self.seed);
        if let Some(loaded) = self.loaded.as_mut() {
            loaded.cloud(batch_size, seed);
        }
    }

    /// The cloud on show, once the digits have loaded and [`Model::recompute`] ran.
    fn current(&self) -> Option<(&Loaded, &GradientCloud)> {
        let loaded = self.loaded.as_ref()?;
        let cloud = loaded.clouds[log2_of(self.batch_size) as usize].as_ref()?;
        Some((loaded, cloud))
    }
}

pub struct MinibatchNoise {
    model: RefCell<Model>,
    canvas: ChartCanvas,
    size: Cell<LayerSize>,
    slider: dom::Slider,
    new_batches: HtmlButtonElement,
    readout: HtmlElement,
    message: HtmlElement,
    settings_message: String,
    toolbar: RefCell<Option<Toolbar>>,
    listeners: RefCell<Vec<EventClosure>>,
}

/// The power of two nearest to `batch_size` (in ratio), within the slider's range.
fn log2_of(batch_size: usize) -> u32 {
    (batch_size.max(1) as f64)
        .log2()
        .round()
        .clamp(0.0, MAX_LOG2_BATCH as f64) as u32
}

/// What a lesson or a link may set: the batch size (a power of two) and the seed of the batches.
pub(crate) struct NoiseSettings {
    pub batch_size: usize,
    pub seed: u64,
}

pub(crate) fn read_settings(settings: &Settings) -> NoiseSettings {
    let requested = settings.count("batch", 1, 1 << MAX_LOG2_BATCH, DEFAULT_BATCH);
    NoiseSettings {
        batch_size: 1usize << log2_of(requested),
        seed: settings.count("seed", 0, 1_000_000_000, plot::DEFAULT_SEED as usize) as u64,
    }
}

pub fn mount(figure: &Element, settings: &Settings) -> Result<Rc<MinibatchNoise>, String> {
    let NoiseSettings { batch_size, seed } = read_settings(settings);
    let figure_id = figure.id();

    let canvas = ChartCanvas::new("minibatch-noise-frame", "Loading the digits.");
    let controls = dom::element("div", "demo-controls");
    let slider = dom::slider(
        &format!("{figure_id}-batch"),
        "batch",
        "Batch size",
        0.0,
        MAX_LOG2_BATCH as f64,
        1.0,
        log2_of(batch_size) as f64,
    );
    chart_canvas::show_value(&slider, &batch_size.to_string());
    slider.input.set_disabled(true);
    let buttons = dom::element("div", "demo-buttons");
    let new_batches = dom::button("new-batches", "New batches");
    new_batches.set_disabled(true);
    dom::append(&buttons, &new_batches);
    dom::append(&controls, &slider.row);
    dom::append(&controls, &buttons);
    let readout = dom::text("p", "demo-readout", "Loading the digits…");
    let message = dom::element("p", "demo-message");
    let _ = message.set_attribute("role", "status");

    let caption = figure.query_selector("figcaption").ok().flatten();
    figure.set_inner_html("");
    let body = dom::element("div", "demo-body");
    dom::append(&body, &canvas.frame);
    let side = dom::element("div", "demo-side");
    dom::append(&side, &controls);
    dom::append(&side, &readout);
    dom::append(&side, &message);
    dom::append(&body, &side);
    dom::append(figure, &body);
    if let Some(caption) = caption {
        dom::append(figure, &caption);
    }
    let _ = figure.class_list().add_1("demo-live");

    let size = canvas.measure(|_| ASPECT);
    let demo = Rc::new(MinibatchNoise {
        model: RefCell::new(Model {
            batch_size,
            seed,
            loaded: None,
        }),
        canvas,
        size: Cell::new(size),
        slider,
        new_batches: new_batches.clone(),
        readout,
        message,
        settings_message: settings.messages().join(" "),
        toolbar: RefCell::new(None),
        listeners: RefCell::new(Vec::new()),
    });
    let toolbar = Toolbar::attach(&side, &figure_id, as_demo(&demo));
    *demo.toolbar.borrow_mut() = Some(toolbar);
    dom::set_message(&demo.message, &demo.settings_message);
    demo.draw();

    let input = demo.slider.input.clone();
    chart_canvas::listen(&demo, &demo.listeners, &input, "input", |demo, event| {
        let Some(position) = chart_canvas::event_value(event)
            .and_then(|value| parse_number(&value))
            .filter(|value| value.is_finite())
        else {
            return;
        };
        let log2 = position.round().clamp(0.0, MAX_LOG2_BATCH as f64) as u32;
        {
            let mut model = demo.model.borrow_mut();
            model.batch_size = 1 << log2;
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
        &new_batches,
        "click",
        |demo, _event| {
            {
                let mut model = demo.model.borrow_mut();
                model.seed = (model.seed + 1) % 1_000_000_001;
                // Every size's cloud belongs to the old seed now.
                if let Some(loaded) = model.loaded.as_mut() {
                    loaded.clouds.iter_mut().for_each(|cloud| *cloud = None);
                }
                model.recompute();
            }
            demo.draw();
            demo.write_url();
        },
    );
    if let Some(window) = web_sys::window() {
        chart_canvas::listen(&demo, &demo.listeners, &window, "resize", |demo, _event| {
            let size = demo.canvas.measure(|_| ASPECT);
            if size != demo.size.get() {
                demo.size.set(size);
                demo.draw();
            }
        });
    }

    let weak = Rc::downgrade(&demo);
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = crate::digits::load().await;
        let Some(demo) = weak.upgrade() else {
            return;
        };
        match loaded.and_then(|digits| prepare(&digits)) {
            Ok((per_example, view)) => {
                {
                    let mut model = demo.model.borrow_mut();
                    model.loaded = Some(Loaded {
                        per_example,
                        view,
                        clouds: vec![None; MAX_LOG2_BATCH as usize + 1],
                    });
                    model.recompute();
                }
                demo.slider.input.set_disabled(false);
                demo.new_batches.set_disabled(false);
                demo.draw();
            }
            Err(reason) => {
                demo.readout.set_text_content(Some(""));
                dom::set_message(&demo.message, &reason);
            }
        }
    });
    Ok(demo)
}

/// The per-example gradients of the softmax classifier on the training digits at small random
/// weights, and the view that fits a batch of one.
fn prepare(
    digits: &downhill_core::data::Digits,
) -> Result<(PerExampleGradients, CloudView), String> {
    let prepared = PreparedDigits::new(digits, DEFAULT_N_VALIDATION, DEFAULT_N_TEST, SPLIT_SEED)
        .map_err(|error| format!("The digits could not be prepared: {error}"))?;
    let train = prepared.train;
    let weights = Rng::new(WEIGHT_SEED).normal_vec(train.n_weights(), WEIGHT_SCALE);
    let per_example = PerExampleGradients::new(LossKind::Softmax, &train, REG, &weights)
        .map_err(|error| format!("The gradients could not be computed: {error}"))?;
    let view = plot::view_for(
        per_example.single_points(),
        per_example.full_gradient_norm(),
    );
    Ok((per_example, view))
}

impl MinibatchNoise {
    fn write_url(&self) {
        if let Some(toolbar) = self.toolbar.borrow().as_ref() {
            toolbar.write_url(self);
        }
    }

    fn draw(&self) {
        let model = self.model.borrow();
        chart_canvas::show_value(&self.slider, &model.batch_size.to_string());
        let size = self.size.get();
        self.canvas.resize(size);
        let Some((loaded, cloud)) = model.current() else {
            // Until the digits arrive, a calm empty frame of the right size.
            if let Some(backend) = crate::layers::drawing_backend(&self.canvas.canvas) {
                let area = backend.into_drawing_area();
                let _ = area.fill(
                    &chart_canvas::chart_style(size.pixel_ratio)
                        .palette
                        .background,
                );
                let _ = area.present();
            }
            return;
        };
        let full_norm = loaded.per_example.full_gradient_norm();
        if let Some(backend) = crate::layers::drawing_backend(&self.canvas.canvas) {
            let area = backend.into_drawing_area();
            let _ = plot::draw_cloud(
                &area,
                &cloud.points,
                full_norm,
                loaded.per_example.expected_distance(cloud.batch_size),
                &loaded.view,
                &chart_canvas::chart_style(size.pixel_ratio),
            );
            let _ = area.present();
        }
        let summary = format!(
            "{} batches of {} examples. Typical angle to the full gradient: {}°. {} of {} point \
             uphill (more than 90° away). Expected distance from the full gradient (dashed circle): \
             {}, against its length {}.",
            cloud.points.len(),
            cloud.batch_size,
            loaded
                .per_example
                .typical_angle_degrees(cloud.batch_size)
                .round(),
            cloud.n_uphill,
            cloud.points.len(),
            format_number(loaded.per_example.expected_distance(cloud.batch_size)),
            format_number(full_norm),
        );
        self.readout.set_text_content(Some(&summary));
        self.canvas.set_label(&format!(
            "A cloud of dots, one per minibatch gradient, around an arrow for the full gradient of \
             the digits classifier; each dot's angle to the arrow is its true angle to the full \
             gradient. {summary}"
        ));
    }
}

impl Demo for MinibatchNoise {
    fn url_settings(&self) -> Vec<(String, String)> {
        let model = self.model.borrow();
        vec![
            ("batch".to_string(), model.batch_size.to_string()),
            ("seed".to_string(), model.seed.to_string()),
        ]
    }

    fn export_csv(&self) -> String {
        let model = self.model.borrow();
        let mut csv = String::from("batch,batch_size,along_full_gradient,rest_signed\n");
        if let Some((loaded, cloud)) = model.current() {
            csv.push_str(&format!(
                "full,{},{},0\n",
                loaded.per_example.n_examples(),
                loaded.per_example.full_gradient_norm()
            ));
            for (index, point) in cloud.points.iter().enumerate() {
                if point[0].is_finite() && point[1].is_finite() {
                    csv.push_str(&format!(
                        "{index},{},{},{}\n",
                        cloud.batch_size, point[0], point[1]
                    ));
                }
            }
        }
        csv
    }

    fn export_svg(&self) -> String {
        let model = self.model.borrow();
        match model.current() {
            Some((loaded, cloud)) => plot::cloud_svg(
                &cloud.points,
                loaded.per_example.full_gradient_norm(),
                loaded.per_example.expected_distance(cloud.batch_size),
                &loaded.view,
            ),
            None => plot::cloud_svg(&[], 0.0, 0.0, &plot::view_for(&[], 0.0)),
        }
    }

    fn export_canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        vec![self.canvas.canvas.clone()]
    }

    fn file_stem(&self) -> String {
        format!("minibatch-noise-batch-{}", self.model.borrow().batch_size)
    }
}
