//! The blindfolded hiker on the digits: random search, random local search and gradient descent
//! train the 650-weight linear SVM, each spending the same budget of loss evaluations, and the chart
//! shows test accuracy against evaluations spent.
//!
//! One evaluation is a full pass over the 1,077 training digits (about a millisecond), so a budget
//! of 1,000 for each strategy is seconds of work. It is spread across animation frames: each frame
//! spends evaluations round-robin for at most [`FRAME_BUDGET_MS`] and then draws, so the page stays
//! smooth and the three curves grow side by side. With the core's default settings and seeds the
//! walkers replay exactly the runs whose accuracies the lesson prints.

use crate::animation::Animation;
use crate::demo::{Demo, EventClosure, Toolbar, as_demo};
use crate::dom;
use crate::format::format_number;
use crate::layers::{LayerSize, LayeredCanvas};
use crate::number_text::parse_number;
use downhill_core::classifiers::{LossKind, linear};
use downhill_core::data::{DEFAULT_N_TEST, DEFAULT_N_VALIDATION, PreparedDigits};
use downhill_core::search::hiker::{Hiker, HikerSettings, Strategy};
use downhill_core::search::random_local_search::RandomLocalSearchSettings;
use downhill_plots::hiker::{self as hiker_plots, AccuracyCurve, STRATEGY_STYLES};
use plotters::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, HtmlButtonElement, HtmlElement, HtmlInputElement};

/// Main-thread time one frame may spend on evaluations, in milliseconds: a quarter of a 60 Hz
/// frame, as the training dashboard spends, so drawing (about 2 ms) and the browser's own painting
/// fit in the rest even on a busy machine (at 7 ms, frames took 9 ms of script at the median and
/// dropped frames in the speed harness).
const FRAME_BUDGET_MS: f64 = 4.0;
/// A hard bound on evaluations per frame, whatever the clock says.
pub(crate) const MAX_EVALUATIONS_PER_FRAME: usize = 120;
/// Budgets from 50 to 2,000 evaluations each, on a log slider.
pub(crate) const LOG10_BUDGET_RANGE: (f64, f64) = (1.7, 3.3);
/// The defaults live in `downhill-plots`, so the build-time still draws the same run.
const DEFAULT_BUDGET: usize = hiker_plots::DIGITS_DEFAULT_BUDGET;
/// Gradient descent's step size, 1e-4 to 10; the lesson uses 0.1.
const LOG10_LEARNING_RATE_RANGE: (f64, f64) = (-4.0, 1.0);
const DEFAULT_LEARNING_RATE: f64 = hiker_plots::DIGITS_DEFAULT_LEARNING_RATE;
/// Random local search's reach, 1e-6 to 0.1; the document uses 0.0001.
const LOG10_LOCAL_STEP_RANGE: (f64, f64) = (-6.0, -1.0);
/// The split the lesson's outputs use, so the demo's test digits are the lesson's.
const SPLIT_SEED: u64 = 0;
/// Points per curve: the accuracy is measured about this many times along each run.
pub(crate) const CURVE_POINTS: usize = hiker_plots::DIGITS_CURVE_POINTS;
const MAX_SEED: usize = 999_999;

struct Run {
    hikers: Vec<Hiker>,
    /// `(evaluations spent, test accuracy)` per strategy.
    curves: Vec<Vec<(f64, f64)>>,
}

struct DigitsModel {
    prepared: Option<PreparedDigits>,
    budget: usize,
    learning_rate: f64,
    local_step: f64,
    seed: u64,
    run: Option<Run>,
}

impl DigitsModel {
    fn record_every(&self) -> usize {
        (self.budget / CURVE_POINTS).max(1)
    }

    /// Fresh walkers at evaluation 0, with the lesson's settings except those the reader changed.
    fn restart(&mut self) {
        let Some(prepared) = &self.prepared else {
            return;
        };
        let objective = LossKind::Svm.on(&prepared.train, 0.0);
        let n_weights = prepared.train.n_weights();
        let hikers: Vec<Hiker> = STRATEGY_STYLES
            .iter()
            .filter_map(|style| {
                let settings = HikerSettings::on_classifier(
                    style.strategy,
                    n_weights,
                    self.local_step,
                    self.learning_rate,
                    self.seed,
                );
                Hiker::new(&objective, settings).ok()
            })
            .collect();
        let curves = hikers
            .iter()
            .map(|hiker| {
                // Before any evaluation only the walkers stand somewhere with an accuracy.
                linear::accuracy(&prepared.test, hiker.position())
                    .ok()
                    .filter(|_| !hiker.position().is_empty())
                    .map(|accuracy| vec![(0.0, accuracy)])
                    .unwrap_or_default()
            })
            .collect();
        self.run = Some(Run { hikers, curves });
    }

    /// Whether every walker has spent its budget (or stopped).
    fn finished(&self) -> bool {
        self.run.as_ref().is_none_or(|run| {
            run.hikers
                .iter()
                .all(|hiker| hiker.n_evaluations() >= self.budget || hiker.diverged_at().is_some())
        })
    }

    /// Spends evaluations round-robin until `deadline` says stop or `max_rounds` rounds are done.
    /// Returns whether there is more to do.
    fn spend(&mut self, max_rounds: usize, mut out_of_time: impl FnMut() -> bool) -> bool {
        let record_every = self.record_every();
        let budget = self.budget;
        let (Some(prepared), Some(run)) = (&self.prepared, &mut self.run) else {
            return false;
        };
        let objective = LossKind::Svm.on(&prepared.train, 0.0);
        for _ in 0..max_rounds {
            let mut any = false;
            for (hiker, curve) in run.hikers.iter_mut().zip(&mut run.curves) {
                if hiker.n_evaluations() >= budget || hiker.diverged_at().is_some() {
                    continue;
                }
                any = true;
                if hiker.step(&objective).is_none() {
                    continue;
                }
                let spent = hiker.n_evaluations();
                if (spent % record_every == 0 || spent == budget)
                    && hiker.diverged_at().is_none()
                    && let Ok(accuracy) = linear::accuracy(&prepared.test, hiker.position())
                    && !hiker.position().is_empty()
                {
                    curve.push((spent as f64, accuracy));
                }
            }
            if !any {
                return false;
            }
            if out_of_time() {
                break;
            }
        }
        run.hikers
            .iter()
            .any(|hiker| hiker.n_evaluations() < budget && hiker.diverged_at().is_none())
    }
}

struct DigitsView {
    canvas: LayeredCanvas,
    size: LayerSize,
    play_pause: HtmlButtonElement,
    readouts: Vec<HtmlElement>,
    progress: HtmlElement,
    message: HtmlElement,
    settings_message: String,
}

pub struct HikerDigits {
    model: RefCell<DigitsModel>,
    view: RefCell<DigitsView>,
    animation: RefCell<Option<Rc<Animation>>>,
    toolbar: RefCell<Option<Toolbar>>,
    listeners: RefCell<Vec<EventClosure>>,
    /// Animation frames since the chart was last drawn: a playing run draws every other frame (and
    /// always its last), which halves the drawing and the painting while keeping the curves smooth.
    frames_since_drawn: Cell<u32>,
}

/// A playing run draws its chart and readouts every this many animation frames.
const DRAW_EVERY_N_FRAMES: u32 = 2;

/// Sets an element's text only when it differs, so an unchanged readout costs the page no layout.
fn set_text_if_changed(element: &Element, text: &str) {
    if element.text_content().as_deref() != Some(text) {
        element.set_text_content(Some(text));
    }
}

fn input_value(event: &web_sys::Event) -> Option<f64> {
    event
        .target()
        .and_then(|target| target.dyn_into::<HtmlInputElement>().ok())
        .and_then(|input| parse_number(&input.value()))
        .filter(|value| value.is_finite())
}

fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|window| {
            window
                .match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|query| query.matches())
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or(0.0, |performance| performance.now())
}

fn set_output(output: &HtmlElement, input: &HtmlInputElement, text: &str) {
    output.set_text_content(Some(text));
    let _ = input.set_attribute("aria-valuetext", text);
}

/// Builds the demo inside `figure`, loads the digits, and starts training when they arrive.
/// What a lesson or a link may set, each within its slider's range.
pub(crate) struct DigitsChoices {
    pub budget: usize,
    pub learning_rate: f64,
    pub local_step: f64,
    pub seed: u64,
}

pub(crate) fn read_settings(settings: &crate::settings::Settings) -> DigitsChoices {
    let budget = settings.count(
        "budget",
        10f64.powf(LOG10_BUDGET_RANGE.0).ceil() as usize,
        10f64.powf(LOG10_BUDGET_RANGE.1).floor() as usize,
        DEFAULT_BUDGET,
    );
    let learning_rate = settings.number(
        "lr",
        10f64.powf(LOG10_LEARNING_RATE_RANGE.0),
        10f64.powf(LOG10_LEARNING_RATE_RANGE.1),
        DEFAULT_LEARNING_RATE,
    );
    let local_step = settings.number(
        "local",
        10f64.powf(LOG10_LOCAL_STEP_RANGE.0),
        10f64.powf(LOG10_LOCAL_STEP_RANGE.1),
        RandomLocalSearchSettings::default().step_size,
    );
    let seed = settings.count(
        "seed",
        0,
        MAX_SEED,
        hiker_plots::DIGITS_DEFAULT_SEED as usize,
    ) as u64;
    DigitsChoices {
        budget,
        learning_rate,
        local_step,
        seed,
    }
}

pub fn mount(
    figure: &Element,
    settings: &crate::settings::Settings,
) -> Result<Rc<HikerDigits>, String> {
    let DigitsChoices {
        budget,
        learning_rate,
        local_step,
        seed,
    } = read_settings(settings);

    let figure_id = figure.id();
    let controls = dom::element("div", "demo-controls");
    let budget_slider = dom::slider(
        &format!("{figure_id}-budget"),
        "budget",
        "Budget: loss evaluations each",
        LOG10_BUDGET_RANGE.0,
        LOG10_BUDGET_RANGE.1,
        0.01,
        (budget as f64).log10(),
    );
    let rate_slider = dom::slider(
        &format!("{figure_id}-lr"),
        "learning-rate",
        "Gradient descent: step size",
        LOG10_LEARNING_RATE_RANGE.0,
        LOG10_LEARNING_RATE_RANGE.1,
        0.01,
        learning_rate.log10(),
    );
    let local_slider = dom::slider(
        &format!("{figure_id}-local"),
        "local",
        "Local search: reach of a try",
        LOG10_LOCAL_STEP_RANGE.0,
        LOG10_LOCAL_STEP_RANGE.1,
        0.01,
        local_step.log10(),
    );
    let buttons = dom::element("div", "demo-buttons");
    let play_pause = dom::button("play-pause", "Play");
    let _ = play_pause.set_attribute("aria-pressed", "false");
    let step_button = dom::button("step", "Step");
    let reset_button = dom::button("reset", "Reset");
    let reroll_button = dom::button("new-draws", "New draws");
    let _ = reroll_button.set_attribute("title", "Draw new random numbers (a new seed)");
    for button in [&play_pause, &step_button, &reset_button, &reroll_button] {
        dom::append(&buttons, button);
    }
    for row in [&budget_slider.row, &rate_slider.row, &local_slider.row] {
        dom::append(&controls, row);
    }
    dom::append(&controls, &buttons);
    let legend = dom::element("ul", "demo-legend hiker-legend hiker-digits-legend");
    let mut readouts = Vec::new();
    for (index, style) in STRATEGY_STYLES.iter().enumerate() {
        let item = dom::element("li", "");
        let swatch = dom::element("span", &format!("demo-swatch hiker-swatch-{}", style.class));
        let _ = swatch.set_attribute("aria-hidden", "true");
        dom::append(&item, &swatch);
        let name = match style.strategy {
            Strategy::FollowGradient => "Gradient descent",
            other => other.label(),
        };
        dom::append(
            &item,
            &dom::text(
                "span",
                "demo-legend-name",
                &format!("{}. {name}", index + 1),
            ),
        );
        let readout = dom::element("span", "demo-legend-readout hiker-readout");
        dom::append(&item, &readout);
        dom::append(&legend, &item);
        readouts.push(readout);
    }
    let progress = dom::element("p", "demo-readout");
    let message = dom::element("p", "demo-message");
    let _ = message.set_attribute("role", "status");
    let canvas = LayeredCanvas::new("Test accuracy against loss evaluations: loading the digits.");
    canvas
        .frame
        .set_class_name("demo-canvas-frame hiker-digits-frame");

    let caption = figure.query_selector("figcaption").ok().flatten();
    figure.set_inner_html("");
    let body = dom::element("div", "demo-body");
    dom::append(&body, &canvas.frame);
    let side = dom::element("div", "demo-side");
    dom::append(&side, &controls);
    dom::append(&side, &legend);
    dom::append(&side, &progress);
    dom::append(&side, &message);
    dom::append(&body, &side);
    dom::append(figure, &body);
    if let Some(caption) = caption {
        dom::append(figure, &caption);
    }
    let _ = figure.class_list().add_1("demo-live");

    let size = canvas.measure();
    let demo = Rc::new(HikerDigits {
        model: RefCell::new(DigitsModel {
            prepared: None,
            budget,
            learning_rate,
            local_step,
            seed,
            run: None,
        }),
        view: RefCell::new(DigitsView {
            canvas,
            size,
            play_pause: play_pause.clone(),
            readouts,
            progress,
            message,
            settings_message: settings.messages().join(" "),
        }),
        animation: RefCell::new(None),
        toolbar: RefCell::new(None),
        listeners: RefCell::new(Vec::new()),
        frames_since_drawn: Cell::new(0),
    });
    let toolbar = Toolbar::attach(&side, figure_id.as_str(), as_demo(&demo));
    *demo.toolbar.borrow_mut() = Some(toolbar);
    set_output(
        &budget_slider.output,
        &budget_slider.input,
        &budget.to_string(),
    );
    set_output(
        &rate_slider.output,
        &rate_slider.input,
        &format_number(learning_rate),
    );
    set_output(
        &local_slider.output,
        &local_slider.input,
        &format_number(local_step),
    );
    demo.view
        .borrow()
        .progress
        .set_text_content(Some("Loading the digits..."));
    demo.show_message();
    demo.draw();

    let weak = Rc::downgrade(&demo);
    let animation = Animation::new(Box::new(move |_timestamp| {
        let Some(demo) = weak.upgrade() else {
            return false;
        };
        demo.frame()
    }));
    animation.watch_visibility(figure);
    *demo.animation.borrow_mut() = Some(animation);

    demo.listen(budget_slider.input.as_ref(), "input", {
        let (output, input) = (budget_slider.output.clone(), budget_slider.input.clone());
        move |demo, event| {
            let Some(log10) = input_value(event) else {
                return;
            };
            let budget = 10f64
                .powf(log10.clamp(LOG10_BUDGET_RANGE.0, LOG10_BUDGET_RANGE.1))
                .round() as usize;
            set_output(&output, &input, &budget.to_string());
            demo.model.borrow_mut().budget = budget;
            demo.restart_and_play();
        }
    });
    demo.listen(rate_slider.input.as_ref(), "input", {
        let (output, input) = (rate_slider.output.clone(), rate_slider.input.clone());
        move |demo, event| {
            let Some(log10) = input_value(event) else {
                return;
            };
            let learning_rate =
                10f64.powf(log10.clamp(LOG10_LEARNING_RATE_RANGE.0, LOG10_LEARNING_RATE_RANGE.1));
            set_output(&output, &input, &format_number(learning_rate));
            demo.model.borrow_mut().learning_rate = learning_rate;
            demo.restart_and_play();
        }
    });
    demo.listen(local_slider.input.as_ref(), "input", {
        let (output, input) = (local_slider.output.clone(), local_slider.input.clone());
        move |demo, event| {
            let Some(log10) = input_value(event) else {
                return;
            };
            let local_step =
                10f64.powf(log10.clamp(LOG10_LOCAL_STEP_RANGE.0, LOG10_LOCAL_STEP_RANGE.1));
            set_output(&output, &input, &format_number(local_step));
            demo.model.borrow_mut().local_step = local_step;
            demo.restart_and_play();
        }
    });
    for input in [
        &budget_slider.input,
        &rate_slider.input,
        &local_slider.input,
    ] {
        demo.listen(input.as_ref(), "change", |demo, _event| demo.write_url());
    }
    demo.listen(play_pause.as_ref(), "click", |demo, _event| {
        if demo.is_playing() {
            demo.set_playing(false);
            return;
        }
        if demo.model.borrow().finished() {
            demo.model.borrow_mut().restart();
        }
        demo.set_playing(true);
    });
    demo.listen(step_button.as_ref(), "click", |demo, _event| {
        demo.set_playing(false);
        if demo.model.borrow().finished() {
            demo.model.borrow_mut().restart();
        }
        // One step is one point of each curve: a hundredth of the budget, at most a few frames'
        // worth of work.
        let rounds = demo.model.borrow().record_every();
        demo.model.borrow_mut().spend(rounds, || false);
        demo.draw();
    });
    demo.listen(reset_button.as_ref(), "click", |demo, _event| {
        demo.set_playing(false);
        demo.model.borrow_mut().restart();
        demo.draw();
    });
    demo.listen(reroll_button.as_ref(), "click", |demo, _event| {
        {
            let mut model = demo.model.borrow_mut();
            model.seed = (model.seed + 1) % (MAX_SEED as u64 + 1);
        }
        demo.restart_and_play();
        demo.write_url();
    });
    if let Some(window) = web_sys::window() {
        demo.listen(window.as_ref(), "resize", |demo, _event| {
            let size = demo.view.borrow().canvas.measure();
            if size != demo.view.borrow().size {
                demo.view.borrow_mut().size = size;
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
        let prepared = loaded.and_then(|digits| {
            PreparedDigits::new(&digits, DEFAULT_N_VALIDATION, DEFAULT_N_TEST, SPLIT_SEED)
                .map_err(|error| format!("The digits could not be prepared: {error}"))
        });
        match prepared {
            Ok(prepared) => {
                demo.model.borrow_mut().prepared = Some(prepared);
                // Training starts by itself (it only runs while the demo is on screen), except
                // under reduced motion, where nothing moves until the reader presses Play.
                if prefers_reduced_motion() {
                    demo.model.borrow_mut().restart();
                    demo.draw();
                } else {
                    demo.restart_and_play();
                }
            }
            Err(reason) => {
                demo.view.borrow().progress.set_text_content(Some(""));
                let mut view = demo.view.borrow_mut();
                view.settings_message = format!("{reason} {}", view.settings_message);
                drop(view);
                demo.show_message();
            }
        }
    });
    Ok(demo)
}

impl HikerDigits {
    fn write_url(&self) {
        if let Some(toolbar) = self.toolbar.borrow().as_ref() {
            toolbar.write_url(self);
        }
    }

    fn listen(
        self: &Rc<Self>,
        target: &web_sys::EventTarget,
        event_name: &str,
        handler: impl Fn(&Rc<HikerDigits>, &web_sys::Event) + 'static,
    ) {
        let weak = Rc::downgrade(self);
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            if let Some(demo) = weak.upgrade() {
                handler(&demo, &event);
            }
        });
        if target
            .add_event_listener_with_callback(event_name, closure.as_ref().unchecked_ref())
            .is_ok()
        {
            self.listeners.borrow_mut().push(closure);
        }
    }

    fn is_playing(&self) -> bool {
        self.animation
            .borrow()
            .as_ref()
            .is_some_and(|animation| animation.is_playing())
    }

    fn set_playing(&self, playing: bool) {
        if let Some(animation) = self.animation.borrow().as_ref() {
            animation.set_playing(playing);
        }
        self.show_playing(playing);
    }

    fn show_playing(&self, playing: bool) {
        let view = self.view.borrow();
        view.play_pause
            .set_text_content(Some(if playing { "Pause" } else { "Play" }));
        let _ = view
            .play_pause
            .set_attribute("aria-pressed", if playing { "true" } else { "false" });
    }

    fn restart_and_play(&self) {
        self.model.borrow_mut().restart();
        self.draw();
        self.set_playing(true);
    }

    /// One animation frame: spend evaluations for a bounded time, then draw. Under reduced motion
    /// the curves are drawn once, when the run is complete, instead of growing.
    fn frame(&self) -> bool {
        let started = now();
        let more = self
            .model
            .borrow_mut()
            .spend(MAX_EVALUATIONS_PER_FRAME, || {
                now() - started > FRAME_BUDGET_MS
            });
        let frames_since_drawn = self.frames_since_drawn.get() + 1;
        if frames_since_drawn < DRAW_EVERY_N_FRAMES && more {
            self.frames_since_drawn.set(frames_since_drawn);
        } else if !more || !prefers_reduced_motion() {
            self.frames_since_drawn.set(0);
            self.draw();
        } else {
            self.frames_since_drawn.set(0);
            self.show_progress();
        }
        if !more {
            self.show_playing(false);
        }
        more
    }

    fn show_message(&self) {
        let view = self.view.borrow();
        let model = self.model.borrow();
        let mut messages = Vec::new();
        if let Some(run) = &model.run {
            for (style, hiker) in STRATEGY_STYLES.iter().zip(&run.hikers) {
                if let Some(step) = hiker.diverged_at() {
                    messages.push(format!(
                        "{} diverged at step {}.",
                        style.strategy.label(),
                        step + 1
                    ));
                }
            }
        }
        messages.push(view.settings_message.clone());
        set_text_if_changed(&view.message, messages.join(" ").trim());
    }

    fn show_progress(&self) {
        let view = self.view.borrow();
        let model = self.model.borrow();
        let Some(run) = &model.run else {
            return;
        };
        let spent = run
            .hikers
            .iter()
            .map(|hiker| hiker.n_evaluations())
            .max()
            .unwrap_or(0);
        set_text_if_changed(
            &view.progress,
            &format!("Evaluations spent: {spent} of {} each", model.budget),
        );
    }

    /// Draws the chart and updates every readout.
    fn draw(&self) {
        {
            let model = self.model.borrow();
            let view = self.view.borrow();
            view.canvas.resize_overlay(view.size);
            let empty = Vec::new();
            let curves: Vec<AccuracyCurve<'_>> = STRATEGY_STYLES
                .iter()
                .enumerate()
                .map(|(index, style)| AccuracyCurve {
                    strategy: style.strategy,
                    points: model
                        .run
                        .as_ref()
                        .and_then(|run| run.curves.get(index))
                        .unwrap_or(&empty),
                })
                .collect();
            if let Some(backend) = crate::layers::drawing_backend(&view.canvas.overlay) {
                let area = backend.into_drawing_area();
                let _ = hiker_plots::draw_accuracy_chart(
                    &area,
                    model.budget,
                    &curves,
                    view.size.pixel_ratio,
                );
                let _ = area.present();
            }
            let mut descriptions = Vec::new();
            if let Some(run) = &model.run {
                for (index, (style, hiker)) in STRATEGY_STYLES.iter().zip(&run.hikers).enumerate() {
                    let accuracy = run.curves[index].last().map(|&(_, accuracy)| accuracy);
                    let mut parts = vec![format!("{} evaluations", hiker.n_evaluations())];
                    if hiker.best_loss().is_finite() {
                        parts.push(format!("loss {}", format_number(hiker.best_loss())));
                    }
                    if let Some(accuracy) = accuracy {
                        parts.push(format!("test accuracy {:.1}%", 100.0 * accuracy));
                        descriptions.push(format!(
                            "{} {:.1}% after {} evaluations",
                            style.strategy.label(),
                            100.0 * accuracy,
                            hiker.n_evaluations()
                        ));
                    }
                    if let Some(step) = hiker.diverged_at() {
                        parts = vec![format!("diverged at step {}", step + 1)];
                    }
                    set_text_if_changed(&view.readouts[index], &parts.join(", "));
                }
            }
            let label = if descriptions.is_empty() {
                "Test accuracy against loss evaluations spent; no evaluations yet.".to_string()
            } else {
                format!(
                    "Test accuracy of the digits classifier against loss evaluations spent, out of {} each: {}.",
                    model.budget,
                    descriptions.join("; ")
                )
            };
            if view.canvas.frame.get_attribute("aria-label").as_deref() != Some(label.as_str()) {
                let _ = view.canvas.frame.set_attribute("aria-label", &label);
            }
        }
        if self.model.borrow().run.is_some() {
            self.show_progress();
        }
        self.show_message();
    }
}

impl Demo for HikerDigits {
    fn url_settings(&self) -> Vec<(String, String)> {
        let model = self.model.borrow();
        vec![
            ("budget".to_string(), model.budget.to_string()),
            ("lr".to_string(), format!("{:.6}", model.learning_rate)),
            ("local".to_string(), format!("{:.8}", model.local_step)),
            ("seed".to_string(), model.seed.to_string()),
        ]
    }

    fn export_csv(&self) -> String {
        let model = self.model.borrow();
        let mut csv = String::from("strategy,loss_evaluations,test_accuracy\n");
        if let Some(run) = &model.run {
            for (style, curve) in STRATEGY_STYLES.iter().zip(&run.curves) {
                for &(spent, accuracy) in curve {
                    if spent.is_finite() && accuracy.is_finite() {
                        csv.push_str(&format!("{},{spent},{accuracy}\n", style.strategy.name()));
                    }
                }
            }
        }
        csv
    }

    fn export_svg(&self) -> String {
        let model = self.model.borrow();
        let empty = Vec::new();
        let curves: Vec<AccuracyCurve<'_>> = STRATEGY_STYLES
            .iter()
            .enumerate()
            .map(|(index, style)| AccuracyCurve {
                strategy: style.strategy,
                points: model
                    .run
                    .as_ref()
                    .and_then(|run| run.curves.get(index))
                    .unwrap_or(&empty),
            })
            .collect();
        hiker_plots::accuracy_chart_svg(model.budget, &curves)
    }

    fn export_canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        vec![self.view.borrow().canvas.overlay.clone()]
    }

    fn file_stem(&self) -> String {
        "hiker-digits".to_string()
    }
}
