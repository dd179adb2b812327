//! The live training dashboard of lesson 6: a linear classifier trains on the digits while the
//! page draws what the lesson says to watch (the loss of every batch against epoch, training and
//! validation accuracy, the update-to-weight ratio), with the lesson's three sanity checks as
//! buttons.
//!
//! Training runs in `downhill-core` ([`LiveTraining`]) one minibatch step at a time. While playing,
//! each animation frame takes steps until about [`FRAME_BUDGET_MS`] have passed and then draws, so
//! the page stays at 60 frames a second whatever the batch size. Any change of setting restarts the
//! run from the same seeded weights (so a shared link replays the same run) and keeps the old run's
//! batch losses in grey, so the effect of the change is seen side by side.

use crate::animation::Animation;
use crate::demo::{Demo, EventClosure, Toolbar, as_demo};
use crate::dom;
use crate::format::format_number;
use crate::number_text::parse_number;
use crate::settings::Settings;
use downhill_core::classifiers::LossKind;
use downhill_core::data::{DEFAULT_N_TEST, DEFAULT_N_VALIDATION, Dataset, Digits, PreparedDigits};
use downhill_core::live_training::{
    self, LiveSettings, LiveTraining, OVERFIT_SUBSET_SIZE, StepRecord,
};
use downhill_plots::training_dashboard::{
    self as picture, DashboardPalette, DashboardPicture, HEALTHY_RATIO_BAND,
};
use plotters::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{
    Element, HtmlButtonElement, HtmlCanvasElement, HtmlElement, HtmlInputElement, HtmlSelectElement,
};

/// Main-thread time the training may take per animation frame while playing. With the drawing
/// (about 2 ms) a frame stays well inside the 16 ms of a 60 Hz screen.
const FRAME_BUDGET_MS: f64 = 4.0;

/// Frames a whole run takes to play, when the frame budget allows: about five seconds at 60 frames a
/// second, slow enough to watch the curves grow whatever the batch size (a full-batch run of 20
/// epochs has only 20 steps, one with single examples over 21,000).
const FRAMES_PER_RUN: f64 = 300.0;

/// A playing run draws its picture every this many animation frames (and always at the end).
const DRAW_EVERY_N_FRAMES: u32 = 2;

/// The learning-rate slider in powers of ten.
const LOG10_LEARNING_RATE: (f64, f64) = (-4.0, 1.0);
/// The defaults live in `downhill-plots`, so the build-time still draws the same run.
const DEFAULT_LEARNING_RATE: f64 = picture::DEFAULT_SETTINGS.learning_rate;

/// The regularization slider in powers of ten; its leftmost position means no regularization at all,
/// which the initial-loss and overfitting checks ask for.
const LOG10_REG: (f64, f64) = (-6.0, 0.0);
const DEFAULT_REG: f64 = picture::DEFAULT_SETTINGS.reg;

/// The batch sizes the slider stops at; [`FULL_BATCH`] is the whole training data.
const BATCH_STOPS: [usize; 10] = [1, 2, 5, 10, 20, 50, 100, 200, 500, FULL_BATCH];
const FULL_BATCH: usize = usize::MAX;
const DEFAULT_BATCH_INDEX: usize = 3;
// The slider's default stop is the shared default batch size (checked when compiling).
const _: () = assert!(BATCH_STOPS[DEFAULT_BATCH_INDEX] == picture::DEFAULT_SETTINGS.batch_size);

const EPOCH_STOPS: [usize; 6] = [5, 10, 20, 50, 100, 200];
const DEFAULT_EPOCHS_INDEX: usize = 2;
const _: () = assert!(EPOCH_STOPS[DEFAULT_EPOCHS_INDEX] == picture::DEFAULT_SETTINGS.n_epochs);

/// The split of the digits every digits demo and the lessons' tables use.
const SPLIT_SEED: u64 = 0;
const DEFAULT_SEED: u64 = picture::DEFAULT_SETTINGS.seed;

/// The regularization strengths of the second sanity check.
const CHECKED_STRENGTHS: [f64; 5] = [0.0, 1e-3, 1e-2, 1e-1, 1.0];

/// What the overfitting check sets: the tiny subset, no regularization, its full batch, a learning
/// rate that memorizes 20 examples within a few epochs.
const OVERFIT_LEARNING_RATE: f64 = 1.0;
const OVERFIT_EPOCHS_INDEX: usize = 4;

/// Recent steps whose update ratios the readout averages.
const RATIO_WINDOW: usize = 50;

/// Which examples the run trains on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TrainingData {
    All,
    /// The first [`OVERFIT_SUBSET_SIZE`] training examples.
    Tiny,
}

impl TrainingData {
    fn name(self) -> &'static str {
        match self {
            TrainingData::All => "all",
            TrainingData::Tiny => "tiny",
        }
    }
    fn parse(text: &str) -> Option<TrainingData> {
        match text {
            "all" => Some(TrainingData::All),
            "tiny" | "20" => Some(TrainingData::Tiny),
            _ => None,
        }
    }
}

fn parse_loss(text: &str) -> Option<LossKind> {
    LossKind::ALL
        .into_iter()
        .find(|kind| kind.name() == text.to_ascii_lowercase())
}

/// The settings a reader controls; every one is in the URL.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Choices {
    pub(crate) loss_kind: LossKind,
    pub(crate) learning_rate: f64,
    /// 0 is no regularization.
    pub(crate) reg: f64,
    pub(crate) batch_index: usize,
    pub(crate) epochs_index: usize,
    pub(crate) data: TrainingData,
    pub(crate) log_loss: bool,
    pub(crate) seed: u64,
}

impl Choices {
    pub(crate) fn from_settings(settings: &Settings) -> Choices {
        let loss_kind = settings.choice(
            "loss",
            picture::DEFAULT_SETTINGS.loss_kind,
            "softmax, svm",
            parse_loss,
        );
        let (lr_low, lr_high) = LOG10_LEARNING_RATE;
        let learning_rate = settings.number(
            "lr",
            10f64.powf(lr_low),
            10f64.powf(lr_high),
            DEFAULT_LEARNING_RATE,
        );
        let reg = settings.number("reg", 0.0, 10f64.powf(LOG10_REG.1), DEFAULT_REG);
        let batch_index = settings.choice(
            "batch",
            DEFAULT_BATCH_INDEX,
            "1, 2, 5, 10, 20, 50, 100, 200, 500, full",
            |text| {
                if text.eq_ignore_ascii_case("full") {
                    return Some(BATCH_STOPS.len() - 1);
                }
                let wanted: usize = text.parse().ok()?;
                BATCH_STOPS.iter().position(|&stop| stop == wanted)
            },
        );
        let epochs_index = settings.choice(
            "epochs",
            DEFAULT_EPOCHS_INDEX,
            "5, 10, 20, 50, 100, 200",
            |text| {
                let wanted: usize = text.parse().ok()?;
                EPOCH_STOPS.iter().position(|&stop| stop == wanted)
            },
        );
        let data = settings.choice("data", TrainingData::All, "all, tiny", TrainingData::parse);
        let log_loss = settings.flag("log", false);
        let seed = settings.count("seed", 0, 1_000_000_000, DEFAULT_SEED as usize) as u64;
        Choices {
            loss_kind,
            learning_rate,
            reg,
            batch_index,
            epochs_index,
            data,
            log_loss,
            seed,
        }
    }

    pub(crate) fn batch_size(&self) -> usize {
        BATCH_STOPS[self.batch_index.min(BATCH_STOPS.len() - 1)]
    }

    pub(crate) fn n_epochs(&self) -> usize {
        EPOCH_STOPS[self.epochs_index.min(EPOCH_STOPS.len() - 1)]
    }
}

/// The digits, split and prepared once, and the tiny subset of the overfitting check.
struct PreparedData {
    train: Rc<Dataset>,
    tiny: Rc<Dataset>,
    validation: Rc<Dataset>,
}

impl PreparedData {
    fn new(digits: &Digits) -> Result<PreparedData, String> {
        let prepared =
            PreparedDigits::new(digits, DEFAULT_N_VALIDATION, DEFAULT_N_TEST, SPLIT_SEED)
                .map_err(|error| format!("the digits could not be split: {error}"))?;
        Ok(PreparedData {
            tiny: Rc::new(live_training::overfit_subset(&prepared.train)),
            train: Rc::new(prepared.train),
            validation: Rc::new(prepared.validation),
        })
    }
}

struct Model {
    choices: Choices,
    data: Option<PreparedData>,
    run: Option<LiveTraining>,
    /// The batch losses of the run before the last change of settings.
    previous: Option<Vec<StepRecord>>,
    /// Whether the overfitting check has reported on the current run.
    overfit_reported: bool,
}

impl Model {
    /// Starts the run again from step 0 with the current choices.
    fn restart(&mut self, keep_previous: bool) -> Result<(), String> {
        let Some(data) = &self.data else {
            return Ok(());
        };
        if keep_previous {
            if let Some(run) = &self.run
                && !run.steps().is_empty()
            {
                self.previous = Some(run.steps().to_vec());
            }
        } else {
            self.previous = None;
        }
        let train = match self.choices.data {
            TrainingData::All => data.train.clone(),
            TrainingData::Tiny => data.tiny.clone(),
        };
        let settings = LiveSettings {
            loss_kind: self.choices.loss_kind,
            reg: self.choices.reg,
            learning_rate: self.choices.learning_rate,
            batch_size: self.choices.batch_size().min(train.len().max(1)),
            n_epochs: self.choices.n_epochs(),
            seed: self.choices.seed,
        };
        let mut run = LiveTraining::new(train, data.validation.clone(), settings)
            .map_err(|error| error.to_string())?;
        // A fresh start shows the untrained state at once. A change of setting (a slider being
        // dragged) leaves that measurement to the first animation frame, inside its budget, so
        // the input event itself only restarts and redraws.
        if !keep_previous {
            run.measure_start();
        }
        self.run = Some(run);
        self.overfit_reported = false;
        Ok(())
    }
}

struct Controls {
    learning_rate: dom::Slider,
    reg: dom::Slider,
    batch: dom::Slider,
    epochs: dom::Slider,
    loss: HtmlSelectElement,
    data: HtmlSelectElement,
    log_loss: HtmlInputElement,
    play_pause: HtmlButtonElement,
}

struct View {
    frame: HtmlElement,
    canvas: HtmlCanvasElement,
    progress: HtmlElement,
    numbers: HtmlElement,
    ratio: HtmlElement,
    checks: HtmlElement,
    message: HtmlElement,
    /// The last text alternative set, to touch the DOM only when it changes.
    label: RefCell<String>,
}

pub struct TrainingDashboard {
    model: RefCell<Model>,
    controls: Controls,
    view: View,
    animation: RefCell<Option<Rc<Animation>>>,
    toolbar: RefCell<Option<Toolbar>>,
    listeners: RefCell<Vec<EventClosure>>,
    settings_messages: RefCell<String>,
    /// Set while the reduced-motion preference holds and a run is being trained to its end without
    /// intermediate pictures.
    jumping: Cell<bool>,
    /// Steps owed to the pace of [`FRAMES_PER_RUN`]: the fraction of a step not yet taken.
    pace_credit: Cell<f64>,
    /// The frame's CSS size as last measured. Animation frames draw at this size instead of
    /// measuring: each frame writes the progress text, so measuring in the next one would make the
    /// browser lay the whole lesson out again first. Measured afresh by every other drawing.
    measured_css_size: Cell<Option<(f64, f64)>>,
    /// Animation frames since the picture was last drawn: a playing run draws every other frame,
    /// which halves the painting of a canvas of over a million device pixels.
    frames_since_drawn: Cell<u32>,
}

/// Builds the dashboard in `figure`, then loads the digits and starts.
pub fn mount(figure: &Element, settings: &Settings) -> Result<Rc<TrainingDashboard>, String> {
    let choices = Choices::from_settings(settings);
    let id = figure.id();

    let controls_box = dom::element("div", "demo-controls training-dashboard-controls");
    let (lr_low, lr_high) = LOG10_LEARNING_RATE;
    let learning_rate = dom::slider(
        &format!("{id}-learning-rate"),
        "learning-rate",
        "Learning rate",
        lr_low,
        lr_high,
        0.1,
        choices.learning_rate.log10(),
    );
    let (reg_low, reg_high) = LOG10_REG;
    let reg = dom::slider(
        &format!("{id}-reg"),
        "reg",
        "Regularization strength",
        reg_low,
        reg_high,
        0.1,
        reg_to_slider(choices.reg),
    );
    let batch = dom::slider(
        &format!("{id}-batch"),
        "batch",
        "Batch size",
        0.0,
        (BATCH_STOPS.len() - 1) as f64,
        1.0,
        choices.batch_index as f64,
    );
    let epochs = dom::slider(
        &format!("{id}-epochs"),
        "epochs",
        "Epochs",
        0.0,
        (EPOCH_STOPS.len() - 1) as f64,
        1.0,
        choices.epochs_index as f64,
    );
    let (loss_row, loss) = dom::select(
        &format!("{id}-loss"),
        "loss",
        "Loss",
        &[("softmax", "Softmax"), ("svm", "Multiclass SVM")],
        choices.loss_kind.name(),
    );
    let (data_row, data) = dom::select(
        &format!("{id}-data"),
        "data",
        "Training data",
        &[
            ("all", "All training digits"),
            ("tiny", "First 20 digits only"),
        ],
        choices.data.name(),
    );
    let log_row = dom::element("div", "demo-control training-dashboard-check");
    let log_loss: HtmlInputElement = dom::element("input", "").unchecked_into();
    log_loss.set_type("checkbox");
    log_loss.set_id(&format!("{id}-log"));
    log_loss.set_name("log");
    log_loss.set_checked(choices.log_loss);
    let log_label = dom::text("label", "", "Loss on a log scale");
    let _ = log_label.set_attribute("for", &format!("{id}-log"));
    dom::append(&log_row, &log_loss);
    dom::append(&log_row, &log_label);
    for row in [
        &learning_rate.row,
        &reg.row,
        &batch.row,
        &epochs.row,
        &loss_row,
        &data_row,
        &log_row,
    ] {
        dom::append(&controls_box, row);
    }

    let buttons = dom::element("div", "demo-buttons");
    let play_pause = dom::button("play-pause", "Play");
    let _ = play_pause.set_attribute("aria-pressed", "false");
    let step = dom::button("step", "Step one epoch");
    let reset = dom::button("reset", "Reset");
    for button in [&play_pause, &step, &reset] {
        dom::append(&buttons, button);
    }

    let checks_box = dom::element("div", "training-dashboard-sanity");
    dom::append(
        &checks_box,
        &dom::text("p", "training-dashboard-sanity-title", "Sanity checks"),
    );
    let check_buttons = dom::element("div", "demo-buttons");
    let initial_button = dom::button("check-initial-loss", "Initial loss");
    let reg_button = dom::button("check-regularization", "Raise regularization");
    let overfit_button = dom::button("check-overfit", "Overfit 20 examples");
    for button in [&initial_button, &reg_button, &overfit_button] {
        dom::append(&check_buttons, button);
    }
    dom::append(&checks_box, &check_buttons);
    let checks = dom::element("ul", "training-dashboard-results");
    let _ = checks.set_attribute("aria-live", "polite");
    dom::append(&checks_box, &checks);

    let frame = dom::element("div", "training-dashboard-frame");
    let _ = frame.set_attribute("role", "img");
    let _ = frame.set_attribute(
        "aria-label",
        "Training dashboard: loss of each batch, training and validation accuracy, and the \
         update-to-weight ratio against epoch.",
    );
    let canvas: HtmlCanvasElement =
        dom::element("canvas", "training-dashboard-canvas").unchecked_into();
    dom::append(&frame, &canvas);
    let readout = dom::element("div", "training-dashboard-readout");
    let progress = dom::text("p", "demo-readout", "Loading the digits…");
    let numbers = dom::element("p", "demo-readout");
    let ratio = dom::element("p", "demo-readout");
    for line in [&progress, &numbers, &ratio] {
        dom::append(&readout, line);
    }
    let message = dom::element("p", "demo-message");
    let _ = message.set_attribute("role", "status");

    let caption = figure.query_selector("figcaption").ok().flatten();
    figure.set_inner_html("");
    let body = dom::element("div", "demo-body training-dashboard-body");
    dom::append(&body, &frame);
    dom::append(&body, &readout);
    let side = dom::element("div", "demo-side training-dashboard-side");
    dom::append(&side, &controls_box);
    dom::append(&side, &buttons);
    dom::append(&side, &checks_box);
    dom::append(&side, &message);
    dom::append(&body, &side);
    dom::append(figure, &body);
    if let Some(caption) = caption {
        dom::append(figure, &caption);
    }
    let _ = figure.class_list().add_1("demo-live");

    let dashboard = Rc::new(TrainingDashboard {
        model: RefCell::new(Model {
            choices,
            data: None,
            run: None,
            previous: None,
            overfit_reported: false,
        }),
        controls: Controls {
            learning_rate,
            reg,
            batch,
            epochs,
            loss,
            data,
            log_loss,
            play_pause,
        },
        view: View {
            frame,
            canvas,
            progress,
            numbers,
            ratio,
            checks,
            message,
            label: RefCell::new(String::new()),
        },
        animation: RefCell::new(None),
        toolbar: RefCell::new(None),
        listeners: RefCell::new(Vec::new()),
        settings_messages: RefCell::new(settings.messages().join(" ")),
        jumping: Cell::new(false),
        pace_credit: Cell::new(0.0),
        measured_css_size: Cell::new(None),
        frames_since_drawn: Cell::new(0),
    });
    let toolbar = Toolbar::attach(&side, &id, as_demo(&dashboard));
    *dashboard.toolbar.borrow_mut() = Some(toolbar);
    dashboard.show_control_values();
    dom::set_message(
        &dashboard.view.message,
        &dashboard.settings_messages.borrow(),
    );
    dashboard.set_enabled(false);

    let weak = Rc::downgrade(&dashboard);
    let animation = Animation::new(Box::new(move |_timestamp| {
        weak.upgrade().is_some_and(|dashboard| dashboard.frame())
    }));
    animation.watch_visibility(figure);
    *dashboard.animation.borrow_mut() = Some(animation);
    dashboard.listen_to_controls(&step, &reset, &initial_button, &reg_button, &overfit_button);

    let weak = Rc::downgrade(&dashboard);
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = crate::digits::load().await;
        let Some(dashboard) = weak.upgrade() else {
            return;
        };
        match loaded.and_then(|digits| PreparedData::new(&digits)) {
            Ok(data) => dashboard.data_arrived(data),
            Err(reason) => {
                dashboard.view.progress.set_text_content(Some(""));
                dom::set_message(&dashboard.view.message, &reason);
            }
        }
    });
    Ok(dashboard)
}

/// The slider position of a regularization strength: its power of ten, or the leftmost for 0.
fn reg_to_slider(reg: f64) -> f64 {
    if reg > 0.0 {
        reg.log10().clamp(LOG10_REG.0, LOG10_REG.1)
    } else {
        LOG10_REG.0
    }
}

fn slider_to_reg(position: f64) -> f64 {
    if position <= LOG10_REG.0 + 1e-9 {
        0.0
    } else {
        10f64.powf(position.min(LOG10_REG.1))
    }
}

fn prefers(query: &str) -> bool {
    web_sys::window()
        .and_then(|window| window.match_media(query).ok().flatten())
        .is_some_and(|list| list.matches())
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or(0.0, |performance| performance.now())
}

fn percent(fraction: f64) -> String {
    if fraction.is_finite() {
        format!("{:.1}%", 100.0 * fraction)
    } else {
        "—".to_string()
    }
}

impl TrainingDashboard {
    fn listen(
        self: &Rc<Self>,
        target: &web_sys::EventTarget,
        event_name: &str,
        handler: impl Fn(&Rc<TrainingDashboard>, &web_sys::Event) + 'static,
    ) {
        let weak = Rc::downgrade(self);
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            if let Some(dashboard) = weak.upgrade() {
                handler(&dashboard, &event);
            }
        });
        if target
            .add_event_listener_with_callback(event_name, closure.as_ref().unchecked_ref())
            .is_ok()
        {
            self.listeners.borrow_mut().push(closure);
        }
    }

    fn listen_to_controls(
        self: &Rc<Self>,
        step: &HtmlButtonElement,
        reset: &HtmlButtonElement,
        initial_button: &HtmlButtonElement,
        reg_button: &HtmlButtonElement,
        overfit_button: &HtmlButtonElement,
    ) {
        let sliders = [
            &self.controls.learning_rate.input,
            &self.controls.reg.input,
            &self.controls.batch.input,
            &self.controls.epochs.input,
        ];
        for slider in sliders {
            self.listen(slider.as_ref(), "input", |dashboard, _event| {
                dashboard.read_controls();
                dashboard.settings_changed();
            });
            self.listen(slider.as_ref(), "change", |dashboard, _event| {
                dashboard.write_url()
            });
        }
        for select in [&self.controls.loss, &self.controls.data] {
            self.listen(select.as_ref(), "change", |dashboard, _event| {
                dashboard.read_controls();
                dashboard.settings_changed();
                dashboard.write_url();
            });
        }
        // The scale changes the picture only, not the run.
        self.listen(
            self.controls.log_loss.as_ref(),
            "change",
            |dashboard, _event| {
                dashboard.read_controls();
                dashboard.draw();
                dashboard.write_url();
            },
        );
        self.listen(
            self.controls.play_pause.as_ref(),
            "click",
            |dashboard, _event| {
                let playing = dashboard.is_playing();
                if !playing
                    && dashboard
                        .model
                        .borrow()
                        .run
                        .as_ref()
                        .is_some_and(LiveTraining::is_finished)
                {
                    let _ = dashboard.model.borrow_mut().restart(false);
                }
                dashboard.set_playing(!playing);
                dashboard.draw();
            },
        );
        self.listen(step.as_ref(), "click", |dashboard, _event| {
            dashboard.set_playing(false);
            dashboard.step_one_epoch();
        });
        self.listen(reset.as_ref(), "click", |dashboard, _event| {
            dashboard.set_playing(false);
            let outcome = dashboard.model.borrow_mut().restart(false);
            dashboard.report(outcome);
            dashboard.draw();
        });
        self.listen(initial_button.as_ref(), "click", |dashboard, _event| {
            dashboard.check_initial_loss()
        });
        self.listen(reg_button.as_ref(), "click", |dashboard, _event| {
            dashboard.check_regularization()
        });
        self.listen(overfit_button.as_ref(), "click", |dashboard, _event| {
            dashboard.start_overfit_check()
        });
        if let Some(window) = web_sys::window() {
            self.listen(window.as_ref(), "resize", |dashboard, _event| {
                dashboard.draw()
            });
            // The canvas has its own light and dark palettes: follow a change of colour scheme
            // even while paused.
            if let Ok(Some(scheme)) = window.match_media("(prefers-color-scheme: dark)") {
                self.listen(scheme.as_ref(), "change", |dashboard, _event| {
                    dashboard.draw()
                });
            }
        }
    }

    fn data_arrived(&self, data: PreparedData) {
        let outcome = {
            let mut model = self.model.borrow_mut();
            model.data = Some(data);
            model.restart(false)
        };
        self.report(outcome);
        self.set_enabled(true);
        self.draw();
    }

    fn report(&self, outcome: Result<(), String>) {
        if let Err(reason) = outcome {
            dom::set_message(
                &self.view.message,
                &format!("The run could not start: {reason}"),
            );
        }
    }

    fn set_enabled(&self, enabled: bool) {
        let Some(figure) = self
            .view
            .frame
            .parent_element()
            .and_then(|body| body.parent_element())
        else {
            return;
        };
        if let Ok(controls) = figure.query_selector_all(
            ".training-dashboard-side input, .training-dashboard-side select, \
             .training-dashboard-side button[data-action]:not([data-action^=\"export\"]):not([data-action=\"copy-link\"])",
        ) {
            for index in 0..controls.length() {
                if let Some(control) = controls
                    .item(index)
                    .and_then(|node| node.dyn_into::<Element>().ok())
                {
                    if enabled {
                        let _ = control.remove_attribute("disabled");
                    } else {
                        let _ = control.set_attribute("disabled", "");
                    }
                }
            }
        }
    }

    /// Reads every control into the model's choices.
    fn read_controls(&self) {
        let position = |slider: &dom::Slider| parse_number(&slider.input.value());
        let mut model = self.model.borrow_mut();
        let choices = &mut model.choices;
        if let Some(log10) = position(&self.controls.learning_rate) {
            choices.learning_rate =
                10f64.powf(log10.clamp(LOG10_LEARNING_RATE.0, LOG10_LEARNING_RATE.1));
        }
        if let Some(position) = position(&self.controls.reg) {
            choices.reg = slider_to_reg(position);
        }
        if let Some(index) = position(&self.controls.batch) {
            choices.batch_index = (index.round().max(0.0) as usize).min(BATCH_STOPS.len() - 1);
        }
        if let Some(index) = position(&self.controls.epochs) {
            choices.epochs_index = (index.round().max(0.0) as usize).min(EPOCH_STOPS.len() - 1);
        }
        choices.loss_kind = parse_loss(&self.controls.loss.value()).unwrap_or(choices.loss_kind);
        choices.data = TrainingData::parse(&self.controls.data.value()).unwrap_or(choices.data);
        choices.log_loss = self.controls.log_loss.checked();
        drop(model);
        self.show_control_values();
    }

    /// Puts the model's choices into the controls (after a preset) and their values into the
    /// outputs.
    fn write_controls(&self) {
        let choices = self.model.borrow().choices;
        let controls = &self.controls;
        controls
            .learning_rate
            .input
            .set_value(&format!("{:.1}", choices.learning_rate.log10()));
        controls
            .reg
            .input
            .set_value(&format!("{:.1}", reg_to_slider(choices.reg)));
        controls
            .batch
            .input
            .set_value(&choices.batch_index.to_string());
        controls
            .epochs
            .input
            .set_value(&choices.epochs_index.to_string());
        controls.loss.set_value(choices.loss_kind.name());
        controls.data.set_value(choices.data.name());
        controls.log_loss.set_checked(choices.log_loss);
        self.show_control_values();
    }

    fn show_control_values(&self) {
        let model = self.model.borrow();
        let choices = model.choices;
        let n_train = model.data.as_ref().map(|data| match choices.data {
            TrainingData::All => data.train.len(),
            TrainingData::Tiny => data.tiny.len(),
        });
        let batch_text = match (choices.batch_size(), n_train) {
            (FULL_BATCH, Some(n)) => format!("full ({n})"),
            (FULL_BATCH, None) => "full".to_string(),
            (1, _) => "1 (one example)".to_string(),
            (size, Some(n)) if size >= n => format!("{size} (all {n})"),
            (size, _) => size.to_string(),
        };
        let reg_text = if choices.reg > 0.0 {
            format_number(choices.reg)
        } else {
            "0 (off)".to_string()
        };
        let values = [
            (
                &self.controls.learning_rate,
                format_number(choices.learning_rate),
            ),
            (&self.controls.reg, reg_text),
            (&self.controls.batch, batch_text),
            (&self.controls.epochs, choices.n_epochs().to_string()),
        ];
        for (slider, text) in values {
            if slider.output.text_content().as_deref() != Some(text.as_str()) {
                slider.output.set_text_content(Some(&text));
                let _ = slider.input.set_attribute("aria-valuetext", &text);
            }
        }
    }

    /// A setting changed: the run starts again with it, and plays so the change shows at once.
    fn settings_changed(&self) {
        let outcome = self.model.borrow_mut().restart(true);
        self.report(outcome);
        self.settings_messages.borrow_mut().clear();
        dom::set_message(&self.view.message, "");
        self.set_playing(true);
        self.draw();
    }

    fn write_url(&self) {
        if let Some(toolbar) = self.toolbar.borrow().as_ref() {
            toolbar.write_url(self);
        }
    }

    fn is_playing(&self) -> bool {
        self.animation
            .borrow()
            .as_ref()
            .is_some_and(|animation| animation.is_playing())
    }

    fn set_playing(&self, playing: bool) {
        let playing = playing && self.model.borrow().run.is_some();
        self.jumping
            .set(playing && prefers("(prefers-reduced-motion: reduce)"));
        if let Some(animation) = self.animation.borrow().as_ref() {
            animation.set_playing(playing);
        }
        self.show_playing(playing);
    }

    fn show_playing(&self, playing: bool) {
        let button = &self.controls.play_pause;
        button.set_text_content(Some(if playing { "Pause" } else { "Play" }));
        let _ = button.set_attribute("aria-pressed", if playing { "true" } else { "false" });
    }

    /// One animation frame: steps until the frame's budget is spent, then the picture. Returns
    /// whether to go on.
    fn frame(&self) -> bool {
        let start = now_ms();
        let jumping = self.jumping.get();
        let (more, taken) = {
            let mut model = self.model.borrow_mut();
            let Some(run) = model.run.as_mut() else {
                return false;
            };
            // Under reduced motion the run goes as fast as the budget allows; otherwise at its pace.
            let allowance = if jumping {
                f64::INFINITY
            } else {
                self.pace_credit.get() + run.total_steps() as f64 / FRAMES_PER_RUN
            };
            let mut more = !run.is_finished();
            let mut taken = 0usize;
            // A hard cap besides the clock: under reduced motion the allowance is unlimited, and a
            // coarse or frozen clock would otherwise let one frame train the whole run.
            let cap = crate::frame_work::live_training_steps_per_frame(run.settings().batch_size);
            while more
                && taken < cap
                && (taken as f64 + 1.0) <= allowance
                && (taken == 0 || now_ms() - start < FRAME_BUDGET_MS)
            {
                more = run.step();
                taken += 1;
            }
            // Only the fraction of a step carries over: a slow frame does not build a backlog.
            self.pace_credit.set(if jumping {
                0.0
            } else {
                (allowance - taken as f64).clamp(0.0, 1.0)
            });
            (more, taken)
        };
        if taken == 0 && more {
            return true;
        }
        // Under reduced motion the run trains to its end without pictures on the way, then jumps.
        // Otherwise the picture and the readouts follow every other frame (30 a second is smooth
        // for growing curves) and always the last one.
        let frames_since_drawn = self.frames_since_drawn.get() + 1;
        if !more || (!self.jumping.get() && frames_since_drawn >= DRAW_EVERY_N_FRAMES) {
            self.draw_at_known_size();
            self.frames_since_drawn.set(0);
        } else {
            self.frames_since_drawn.set(frames_since_drawn);
            if self.jumping.get() && frames_since_drawn >= DRAW_EVERY_N_FRAMES {
                self.show_readouts();
            }
        }
        if !more {
            self.jumping.set(false);
            self.show_playing(false);
        }
        more
    }

    /// Trains to the end of the current epoch (at most one epoch of steps: about one pass over the
    /// data, a few milliseconds).
    fn step_one_epoch(&self) {
        {
            let mut model = self.model.borrow_mut();
            if model.run.as_ref().is_some_and(LiveTraining::is_finished) {
                let _ = model.restart(false);
            }
            let Some(run) = model.run.as_mut() else {
                return;
            };
            let per_epoch = run.steps_per_epoch();
            let to_go = per_epoch - run.steps().len() % per_epoch;
            for _ in 0..to_go {
                if !run.step() {
                    break;
                }
            }
        }
        self.draw();
    }

    fn check_initial_loss(&self) {
        let lines = {
            let model = self.model.borrow();
            let Some(run) = &model.run else {
                return;
            };
            let train = run.train_data();
            let weights = live_training::initial_weights(train.n_weights(), model.choices.seed);
            LossKind::ALL
                .iter()
                .filter_map(|&loss_kind| {
                    live_training::initial_loss_check(loss_kind, train, &weights).ok()
                })
                .map(|check| {
                    let (name, expected) = match check.loss_kind {
                        LossKind::Softmax => (
                            "softmax",
                            format!("ln 10 ≈ {}", format_number(check.expected)),
                        ),
                        LossKind::Svm => ("SVM", format_number(check.expected)),
                    };
                    let close = (check.loss - check.expected).abs() <= 0.01 * check.expected;
                    format!(
                        "{name} {} (expected {expected}){}",
                        format_number(check.loss),
                        if close {
                            " ✓"
                        } else {
                            " ✗ — look at the initialization"
                        }
                    )
                })
                .collect::<Vec<_>>()
        };
        self.show_check(&format!(
            "Initial loss at weights 0.001 × N(0, 1), no regularization: {}.",
            lines.join("; ")
        ));
    }

    fn check_regularization(&self) {
        let text = {
            let model = self.model.borrow();
            let Some(run) = &model.run else {
                return;
            };
            let Ok(checked) = live_training::regularization_check(
                model.choices.loss_kind,
                run.train_data(),
                run.weights(),
                &CHECKED_STRENGTHS,
            ) else {
                return;
            };
            let rises = checked.windows(2).all(|pair| pair[1].1 > pair[0].1);
            // Tenths of an epoch, as the progress line shows them.
            let epoch = (run.steps().len() * 10 / run.steps_per_epoch()) as f64 / 10.0;
            let pairs: Vec<String> = checked
                .iter()
                .map(|(reg, loss)| format!("{} → {}", format_number(*reg), format_number(*loss)))
                .collect();
            format!(
                "Regularization at the current weights (epoch {}): {}. {}",
                format_number(epoch),
                pairs.join(", "),
                if rises {
                    "The loss rises with the strength ✓"
                } else {
                    "The loss does not rise ✗"
                }
            )
        };
        self.show_check(&text);
    }

    fn start_overfit_check(&self) {
        {
            let mut model = self.model.borrow_mut();
            model.choices.data = TrainingData::Tiny;
            model.choices.reg = 0.0;
            model.choices.batch_index = BATCH_STOPS.len() - 1;
            model.choices.learning_rate = OVERFIT_LEARNING_RATE;
            model.choices.epochs_index = OVERFIT_EPOCHS_INDEX;
        }
        self.write_controls();
        self.show_check(&format!(
            "Overfitting {OVERFIT_SUBSET_SIZE} examples: no regularization, full batch, learning rate {}…",
            format_number(OVERFIT_LEARNING_RATE)
        ));
        self.settings_changed();
        self.write_url();
    }

    /// When a run on the tiny subset without regularization ends, says whether it passed.
    fn report_overfit_check(&self) {
        let text = {
            let mut model = self.model.borrow_mut();
            let choices = model.choices;
            if model.overfit_reported || choices.data != TrainingData::Tiny || choices.reg != 0.0 {
                return;
            }
            let Some(run) = &model.run else { return };
            if !run.is_finished() || run.diverged().is_some() {
                return;
            }
            let Some(last) = run.epochs().last().copied() else {
                return;
            };
            model.overfit_reported = true;
            let passed = last.train_accuracy >= 1.0 && last.train_loss < 0.1;
            let loss_text = if last.train_loss == 0.0 {
                "exactly 0".to_string()
            } else {
                format_number(last.train_loss)
            };
            format!(
                "Overfit check after {} epochs on {OVERFIT_SUBSET_SIZE} examples: training loss {loss_text}, training accuracy {}{} Validation accuracy {}: memorized, not learned.",
                last.epoch,
                percent(last.train_accuracy),
                if passed {
                    " ✓."
                } else {
                    " ✗ — the model cannot even fit 20 examples."
                },
                last.validation_accuracy.map_or("—".to_string(), percent),
            )
        };
        self.show_check(&text);
    }

    fn show_check(&self, text: &str) {
        let item = dom::text("li", "", text);
        let list = &self.view.checks;
        let _ = list.insert_before(&item, list.first_child().as_ref());
        // The three latest results are enough to compare.
        while list.child_element_count() > 3 {
            if let Some(last) = list.last_element_child() {
                last.remove();
            }
        }
    }

    fn palette(&self) -> DashboardPalette {
        if prefers("(prefers-color-scheme: dark)") {
            picture::DARK
        } else {
            picture::LIGHT
        }
    }

    /// Sizes the canvas to the frame in device pixels, so lines are crisp on every screen. With
    /// `measure` false a size measured before serves (see `measured_css_size`).
    fn fit_canvas(&self, measure: bool) -> f64 {
        let pixel_ratio = web_sys::window()
            .map(|window| window.device_pixel_ratio())
            .filter(|ratio| ratio.is_finite())
            .unwrap_or(1.0)
            .clamp(1.0, 3.0);
        let (css_width, css_height) = match self.measured_css_size.get() {
            Some(size) if !measure => size,
            _ => {
                let size = self.measure_frame();
                self.measured_css_size.set(Some(size));
                size
            }
        };
        let width = (css_width * pixel_ratio).round() as u32;
        let height = (css_height * pixel_ratio).round() as u32;
        if self.view.canvas.width() != width || self.view.canvas.height() != height {
            self.view.canvas.set_width(width);
            self.view.canvas.set_height(height);
        }
        pixel_ratio
    }

    /// The frame's CSS width and height now (this makes the browser lay the page out if needed).
    fn measure_frame(&self) -> (f64, f64) {
        let rect = self.view.frame.get_bounding_client_rect();
        let css_width = if rect.width().is_finite() && rect.width() >= 100.0 {
            rect.width()
        } else {
            640.0
        };
        let css_height = if rect.height().is_finite() && rect.height() >= 100.0 {
            rect.height()
        } else {
            css_width * 0.875
        };
        (css_width, css_height)
    }

    /// Draws everything after measuring the frame: for every change but an animation frame.
    fn draw(&self) {
        self.draw_sized(true);
    }

    /// Draws everything at the size last measured: for animation frames.
    fn draw_at_known_size(&self) {
        self.draw_sized(false);
    }

    fn draw_sized(&self, measure: bool) {
        let pixel_ratio = self.fit_canvas(measure);
        let palette = self.palette();
        {
            let model = self.model.borrow();
            if let Some(backend) = crate::layers::drawing_backend(&self.view.canvas) {
                let area = backend.into_drawing_area();
                let _ = picture::draw_dashboard(&area, &self.picture(&model, pixel_ratio, palette));
                let _ = area.present();
            }
        }
        self.show_readouts();
        self.report_overfit_check();
    }

    fn picture<'a>(
        &self,
        model: &'a Model,
        pixel_ratio: f64,
        palette: DashboardPalette,
    ) -> DashboardPicture<'a> {
        let choices = model.choices;
        let expected = match choices.loss_kind {
            LossKind::Softmax => (10f64.ln(), "ln 10"),
            LossKind::Svm => (9.0, "9"),
        };
        DashboardPicture {
            steps: model.run.as_ref().map_or(&[], |run| run.steps()),
            epochs: model.run.as_ref().map_or(&[], |run| run.epochs()),
            previous_steps: model.previous.as_deref(),
            n_epochs: choices.n_epochs(),
            expected_initial_loss: expected,
            log_loss: choices.log_loss,
            diverged_at: model
                .run
                .as_ref()
                .and_then(|run| run.diverged())
                .map(|divergence| divergence.step),
            pixel_ratio,
            palette,
        }
    }

    fn show_readouts(&self) {
        let model = self.model.borrow();
        let Some(run) = &model.run else {
            return;
        };
        let n_steps = run.steps().len();
        let epoch = n_steps as f64 / run.steps_per_epoch() as f64;
        let set = |element: &HtmlElement, text: &str| {
            if element.text_content().as_deref() != Some(text) {
                element.set_text_content(Some(text));
            }
        };
        let status = if self.jumping.get() && !run.is_finished() {
            " (training to the end; the picture follows when it is done)"
        } else {
            ""
        };
        set(
            &self.view.progress,
            &format!(
                "Epoch {} of {} · step {} of {}{status}",
                format_number((epoch * 10.0).floor() / 10.0),
                run.settings().n_epochs,
                n_steps,
                run.total_steps()
            ),
        );
        let last_batch = run
            .steps()
            .last()
            .map_or("—".to_string(), |step| format_number(step.batch_loss));
        let measured = run.epochs().last().copied();
        let numbers = match measured {
            Some(record) => format!(
                "Batch loss {last_batch} · after epoch {}: training loss {}, training accuracy {}, validation accuracy {}",
                record.epoch,
                format_number(record.train_loss),
                percent(record.train_accuracy),
                record.validation_accuracy.map_or("—".to_string(), percent),
            ),
            None => format!("Batch loss {last_batch}"),
        };
        set(&self.view.numbers, &numbers);
        let ratio = run.recent_update_ratio(RATIO_WINDOW);
        let (low, high) = HEALTHY_RATIO_BAND;
        let ratio_text = match ratio {
            Some(ratio) if ratio < low => format!(
                "Update / weight ≈ {}: low, the learning rate may be too low (healthy ≈ 1e-3)",
                format_number(ratio)
            ),
            Some(ratio) if ratio > high => format!(
                "Update / weight ≈ {}: high, the learning rate is likely too high (healthy ≈ 1e-3)",
                format_number(ratio)
            ),
            Some(ratio) => format!(
                "Update / weight ≈ {}: about right (healthy ≈ 1e-3)",
                format_number(ratio)
            ),
            None => "Update / weight: — (no step yet)".to_string(),
        };
        set(&self.view.ratio, &ratio_text);

        let mut message = self.settings_messages.borrow().clone();
        if let Some(divergence) = run.diverged() {
            if !message.is_empty() {
                message.push(' ');
            }
            message.push_str(&format!(
                "Diverged at step {}: the loss blew up. Lower the learning rate or the regularization.",
                divergence.step
            ));
        }
        if self.view.message.text_content().as_deref() != Some(message.as_str()) {
            dom::set_message(&self.view.message, &message);
        }

        let label = match measured {
            Some(record) if record.epoch > 0 => format!(
                "Training dashboard, {} loss, learning rate {}, batch size {}: after {} of {} epochs the training loss is {}, training accuracy {}, validation accuracy {}{}.",
                run.settings().loss_kind.name(),
                format_number(run.settings().learning_rate),
                run.settings().batch_size,
                record.epoch,
                run.settings().n_epochs,
                format_number(record.train_loss),
                percent(record.train_accuracy),
                record.validation_accuracy.map_or("—".to_string(), percent),
                run.diverged().map_or(String::new(), |divergence| format!(
                    "; the run diverged at step {}",
                    divergence.step
                )),
            ),
            _ => format!(
                "Training dashboard, {} loss: not trained yet; the initial loss is {} (expected {}).",
                run.settings().loss_kind.name(),
                measured.map_or("—".to_string(), |record| format_number(record.train_loss)),
                match run.settings().loss_kind {
                    LossKind::Softmax => "ln 10 ≈ 2.303",
                    LossKind::Svm => "9",
                }
            ),
        };
        if *self.view.label.borrow() != label {
            let _ = self.view.frame.set_attribute("aria-label", &label);
            *self.view.label.borrow_mut() = label;
        }
    }
}

impl Demo for TrainingDashboard {
    fn url_settings(&self) -> Vec<(String, String)> {
        let choices = self.model.borrow().choices;
        let batch = match choices.batch_size() {
            FULL_BATCH => "full".to_string(),
            size => size.to_string(),
        };
        vec![
            ("loss".to_string(), choices.loss_kind.name().to_string()),
            ("lr".to_string(), format!("{:.6}", choices.learning_rate)),
            ("reg".to_string(), format!("{:.8}", choices.reg)),
            ("batch".to_string(), batch),
            ("epochs".to_string(), choices.n_epochs().to_string()),
            ("data".to_string(), choices.data.name().to_string()),
            ("log".to_string(), choices.log_loss.to_string()),
            ("seed".to_string(), choices.seed.to_string()),
        ]
    }

    fn export_csv(&self) -> String {
        let model = self.model.borrow();
        let mut csv = String::from(
            "step,epoch,batch_loss,update_ratio,epoch_end,train_loss,train_accuracy,validation_accuracy\n",
        );
        let Some(run) = &model.run else {
            return csv;
        };
        // Non-finite numbers (a diverged step) are written as empty cells, never as NaN or inf.
        let cell = |value: f64| {
            if value.is_finite() {
                value.to_string()
            } else {
                String::new()
            }
        };
        let per_epoch = run.steps_per_epoch();
        for (index, step) in run.steps().iter().enumerate() {
            let ends_epoch = (index + 1) % per_epoch == 0;
            let record = ends_epoch
                .then(|| run.epochs().get((index + 1) / per_epoch))
                .flatten();
            csv.push_str(&format!(
                "{index},{},{},{},{},{},{},{}\n",
                cell(step.epoch),
                cell(step.batch_loss),
                cell(step.update_ratio),
                record.map_or(String::new(), |record| record.epoch.to_string()),
                record.map_or(String::new(), |record| cell(record.train_loss)),
                record.map_or(String::new(), |record| cell(record.train_accuracy)),
                record
                    .and_then(|record| record.validation_accuracy)
                    .map_or(String::new(), cell),
            ));
        }
        csv
    }

    fn export_svg(&self) -> String {
        let model = self.model.borrow();
        picture::dashboard_svg(&self.picture(&model, 1.0, picture::LIGHT))
    }

    fn export_canvases(&self) -> Vec<HtmlCanvasElement> {
        vec![self.view.canvas.clone()]
    }

    fn file_stem(&self) -> String {
        let choices = self.model.borrow().choices;
        format!("training-dashboard-{}", choices.loss_kind.name())
    }
}
