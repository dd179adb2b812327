//! Learning curves: the training loss of the digits classifier against the epoch for a low, a good, a
//! high and a very high learning rate, plus one the reader picks, from real minibatch training runs.
//!
//! Training is spread across animation frames: each frame trains whole epochs, always the curve that
//! is furthest behind, until a few milliseconds are used, then draws. The frame loop runs only while
//! training is playing and the demo is on screen.

use super::common::{self, ChartCanvas};
use crate::animation::Animation;
use crate::demo::{Demo, EventClosure, Toolbar, as_demo};
use crate::dom;
use crate::format::format_number;
use downhill_core::classifiers::LossKind;
use downhill_core::data::{DEFAULT_N_TEST, DEFAULT_N_VALIDATION, Dataset, PreparedDigits};
use downhill_core::step_size_demos::{
    CURVE_BATCH_SIZE, CURVE_RATES, CURVE_REG, CurveSettings, LearningCurve, SWEEP_WEIGHTS_SEED,
    sweep_weights,
};
use downhill_plots::step_size::{CurveToDraw, CurvesChart, draw_learning_curves};
use plotters::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{Element, HtmlButtonElement, HtmlElement, HtmlInputElement};

/// The reader's learning rate, as powers of ten: from far too low to far too high.
pub(crate) const LOG10_RATE_RANGE: (f64, f64) = (-4.0, 3.0);
const DEFAULT_EPOCHS: usize = downhill_plots::step_size::CURVES_DEFAULT_EPOCHS;
pub(crate) const EPOCH_RANGE: (usize, usize) = (5, 100);
/// Main-thread time one animation frame may spend training, in milliseconds: well inside a 60 Hz
/// frame, with room for drawing.
const FRAME_BUDGET_MS: f64 = 6.0;
/// A hard cap on the epochs one frame trains, besides the clock: a coarse clock (some browsers round
/// it to 100 ms against fingerprinting) would otherwise let one frame train every curve to its end.
/// A working clock stops a frame after one or two epochs.
pub(crate) const MAX_EPOCHS_PER_FRAME: usize = 8;
/// The split the lessons use.
const SPLIT_SEED: u64 = 0;
/// The seed of the batches, the same for every curve so they differ only by their rate.
const BATCH_SEED: u64 = downhill_plots::step_size::CURVES_BATCH_SEED;

struct Slot {
    label: &'static str,
    learning_rate: f64,
    curve: Option<LearningCurve>,
    name: HtmlElement,
    readout: HtmlElement,
}

struct CurvesState {
    train: Option<Rc<Dataset>>,
    n_epochs: usize,
    /// The last slot is the reader's.
    slots: Vec<Slot>,
}

struct CurvesView {
    figure: Element,
    chart: ChartCanvas,
    rate_slider: HtmlInputElement,
    rate_output: HtmlElement,
    epochs_slider: HtmlInputElement,
    epochs_output: HtmlElement,
    play_pause: HtmlButtonElement,
    step_button: HtmlButtonElement,
    reset_button: HtmlButtonElement,
    readout: HtmlElement,
    message: HtmlElement,
    settings_messages: String,
}

pub struct Curves {
    state: RefCell<CurvesState>,
    view: CurvesView,
    animation: RefCell<Option<Rc<Animation>>>,
    toolbar: RefCell<Option<Toolbar>>,
    listeners: RefCell<Vec<EventClosure>>,
}

/// What a lesson or a link may set: the reader's learning rate and the epochs of every curve.
pub(crate) fn read_settings(settings: &crate::settings::Settings) -> (f64, usize) {
    let (log_min, log_max) = LOG10_RATE_RANGE;
    (
        settings.number(
            "lr",
            10f64.powf(log_min),
            10f64.powf(log_max),
            downhill_plots::step_size::CURVES_DEFAULT_YOUR_RATE,
        ),
        settings.count("epochs", EPOCH_RANGE.0, EPOCH_RANGE.1, DEFAULT_EPOCHS),
    )
}

/// Builds the demo inside `figure` and starts loading the digits; training starts when they arrive.
pub fn mount(figure: &Element, settings: &crate::settings::Settings) -> Result<Rc<Curves>, String> {
    let (log_min, log_max) = LOG10_RATE_RANGE;
    let (your_rate, n_epochs) = read_settings(settings);

    let figure_id = figure.id();
    let controls = dom::element("div", "demo-controls");
    let rate_slider = dom::slider(
        &format!("{figure_id}-lr"),
        "learning-rate",
        "Your learning rate",
        log_min,
        log_max,
        0.05,
        your_rate.log10(),
    );
    let epochs_slider = dom::slider(
        &format!("{figure_id}-epochs"),
        "epochs",
        "Epochs",
        EPOCH_RANGE.0 as f64,
        EPOCH_RANGE.1 as f64,
        5.0,
        n_epochs as f64,
    );
    let buttons = dom::element("div", "demo-buttons");
    // "Play" until the digits arrive and training starts (which, under reduced motion, waits for
    // the reader to press it).
    let play_pause = dom::button("play-pause", "Play");
    let _ = play_pause.set_attribute("aria-pressed", "false");
    let step_button = dom::button("step", "Step");
    let _ = step_button.set_attribute("title", "Train one more epoch at every rate");
    let reset_button = dom::button("reset", "Reset");
    for button in [&play_pause, &step_button, &reset_button] {
        dom::append(&buttons, button);
    }
    for row in [&rate_slider.row, &epochs_slider.row, &buttons] {
        dom::append(&controls, row);
    }

    let legend = dom::element("ul", "demo-legend learning-curves-legend");
    let mut slots = Vec::new();
    let rates = CURVE_RATES
        .iter()
        .map(|rate| (rate.label, rate.learning_rate))
        .chain(std::iter::once(("yours", your_rate)));
    for (index, (label, learning_rate)) in rates.enumerate() {
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
        dom::append(&legend, &item);
        slots.push(Slot {
            label,
            learning_rate,
            curve: None,
            name,
            readout,
        });
    }

    let chart = ChartCanvas::new(
        "learning-curves-chart",
        "Training loss against epoch for several learning rates. Loading the digits.",
    );
    let readout = dom::element("p", "demo-readout");
    let message = dom::text(
        "p",
        "demo-message",
        &format!("Loading the digits… {}", settings.messages().join(" ")),
    );
    let _ = message.set_attribute("role", "status");

    let body = dom::element("div", "demo-body step-size-sweep-body");
    let main = dom::element("div", "step-size-main");
    dom::append(&main, &chart.frame);
    dom::append(&main, &readout);
    dom::append(&body, &main);
    let side = dom::element("div", "demo-side learning-curves-side");
    dom::append(&side, &controls);
    dom::append(&side, &legend);
    dom::append(&side, &message);
    dom::append(&body, &side);
    common::replace_still(figure, &body);

    let demo = Rc::new(Curves {
        state: RefCell::new(CurvesState {
            train: None,
            n_epochs,
            slots,
        }),
        view: CurvesView {
            figure: figure.clone(),
            chart,
            rate_slider: rate_slider.input.clone(),
            rate_output: rate_slider.output.clone(),
            epochs_slider: epochs_slider.input.clone(),
            epochs_output: epochs_slider.output.clone(),
            play_pause,
            step_button,
            reset_button,
            readout,
            message,
            settings_messages: settings.messages().join(" "),
        },
        animation: RefCell::new(None),
        toolbar: RefCell::new(None),
        listeners: RefCell::new(Vec::new()),
    });
    *demo.toolbar.borrow_mut() = Some(Toolbar::attach(&side, &figure_id, as_demo(&demo)));
    demo.show_values();
    demo.draw();

    let weak = Rc::downgrade(&demo);
    let animation = Animation::new(Box::new(move |_timestamp| {
        let Some(demo) = weak.upgrade() else {
            return false;
        };
        demo.train_for_one_frame()
    }));
    animation.watch_visibility(figure);
    *demo.animation.borrow_mut() = Some(animation);
    demo.listen_to_controls();

    let weak = Rc::downgrade(&demo);
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = crate::digits::load().await;
        let Some(demo) = weak.upgrade() else { return };
        let prepared = loaded.and_then(|digits| {
            PreparedDigits::new(&digits, DEFAULT_N_VALIDATION, DEFAULT_N_TEST, SPLIT_SEED)
                .map_err(|error| format!("The digits could not be split: {error}"))
        });
        match prepared {
            Ok(prepared) => {
                demo.state.borrow_mut().train = Some(Rc::new(prepared.train));
                demo.restart_all();
                // Under reduced motion nothing starts by itself: the readout says epoch 0 and the
                // reader presses Play, after which the curves appear once, when trained.
                if !common::prefers_reduced_motion() {
                    demo.set_playing(true);
                }
            }
            Err(reason) => {
                dom::set_message(&demo.view.message, &reason);
                let _ = demo.view.figure.class_list().add_1("demo-failed");
            }
        }
    });
    Ok(demo)
}

impl Curves {
    fn listen_to_controls(self: &Rc<Self>) {
        let listeners = &self.listeners;
        let view = &self.view;
        common::listen(
            self,
            listeners,
            view.rate_slider.as_ref(),
            "input",
            |demo, event| {
                let Some(log10) = common::input_number(event) else {
                    return;
                };
                let rate = common::from_log10(log10, LOG10_RATE_RANGE);
                {
                    let mut state = demo.state.borrow_mut();
                    if let Some(slot) = state.slots.last_mut() {
                        slot.learning_rate = rate;
                    }
                }
                demo.show_values();
                let last = demo.state.borrow().slots.len().saturating_sub(1);
                demo.restart(last);
                demo.draw();
                demo.set_playing(true);
            },
        );
        common::listen(
            self,
            listeners,
            view.epochs_slider.as_ref(),
            "input",
            |demo, event| {
                let Some(count) = common::input_number(event) else {
                    return;
                };
                demo.state.borrow_mut().n_epochs =
                    (count.round() as usize).clamp(EPOCH_RANGE.0, EPOCH_RANGE.1);
                demo.show_values();
                demo.restart_all();
                demo.set_playing(true);
            },
        );
        for slider in [&view.rate_slider, &view.epochs_slider] {
            common::listen(self, listeners, slider.as_ref(), "change", |demo, _| {
                demo.write_url()
            });
        }
        common::listen(
            self,
            listeners,
            view.play_pause.as_ref(),
            "click",
            |demo, _| {
                let playing = demo.is_playing();
                if !playing && demo.all_finished() {
                    demo.restart_all();
                }
                demo.set_playing(!playing);
            },
        );
        common::listen(
            self,
            listeners,
            view.step_button.as_ref(),
            "click",
            |demo, _| {
                demo.set_playing(false);
                if demo.all_finished() {
                    demo.restart_all();
                }
                let n_slots = demo.state.borrow().slots.len();
                for index in 0..n_slots {
                    demo.advance(index);
                }
                demo.draw();
            },
        );
        common::listen(
            self,
            listeners,
            view.reset_button.as_ref(),
            "click",
            |demo, _| {
                demo.set_playing(false);
                demo.restart_all();
            },
        );
        common::on_scheme_change(self, listeners, |demo, _| demo.draw());
        if let Some(window) = web_sys::window() {
            common::listen(self, listeners, window.as_ref(), "resize", |demo, _| {
                demo.draw()
            });
        }
    }

    fn write_url(&self) {
        if let Some(toolbar) = self.toolbar.borrow().as_ref() {
            toolbar.write_url(self);
        }
    }

    fn show_values(&self) {
        let state = self.state.borrow();
        if let Some(slot) = state.slots.last() {
            common::show_value(
                &self.view.rate_slider,
                &self.view.rate_output,
                &format_number(slot.learning_rate),
            );
        }
        common::show_value(
            &self.view.epochs_slider,
            &self.view.epochs_output,
            &state.n_epochs.to_string(),
        );
        for slot in &state.slots {
            slot.name.set_text_content(Some(&format!(
                "{} ({})",
                slot.label,
                format_number(slot.learning_rate)
            )));
        }
    }

    fn is_playing(&self) -> bool {
        self.animation
            .borrow()
            .as_ref()
            .is_some_and(|animation| animation.is_playing())
    }

    fn set_playing(&self, playing: bool) {
        let playing = playing && !self.all_finished();
        if let Some(animation) = self.animation.borrow().as_ref() {
            animation.set_playing(playing);
        }
        self.show_playing(playing);
    }

    fn show_playing(&self, playing: bool) {
        self.view
            .play_pause
            .set_text_content(Some(if playing { "Pause" } else { "Play" }));
        let _ = self
            .view
            .play_pause
            .set_attribute("aria-pressed", if playing { "true" } else { "false" });
    }

    fn all_finished(&self) -> bool {
        let state = self.state.borrow();
        state.train.is_none()
            || state
                .slots
                .iter()
                .all(|slot| slot.curve.as_ref().is_none_or(LearningCurve::is_finished))
    }

    fn settings_for(&self, learning_rate: f64, n_epochs: usize) -> CurveSettings {
        CurveSettings {
            loss_kind: LossKind::Softmax,
            reg: CURVE_REG,
            learning_rate,
            batch_size: CURVE_BATCH_SIZE,
            n_epochs,
            seed: BATCH_SEED,
        }
    }

    /// Starts slot `index` again at epoch 0 (one full-data loss: cheap).
    fn restart(&self, index: usize) {
        let mut state = self.state.borrow_mut();
        let Some(train) = state.train.clone() else {
            return;
        };
        let n_epochs = state.n_epochs;
        let Some(slot) = state.slots.get_mut(index) else {
            return;
        };
        let weights = sweep_weights(train.n_weights(), SWEEP_WEIGHTS_SEED);
        slot.curve = LearningCurve::new(
            &train,
            None,
            &weights,
            self.settings_for(slot.learning_rate, n_epochs),
        )
        .ok();
    }

    fn restart_all(&self) {
        let n_slots = self.state.borrow().slots.len();
        for index in 0..n_slots {
            self.restart(index);
        }
        self.draw();
    }

    /// Trains one more epoch of slot `index`; returns whether it did.
    fn advance(&self, index: usize) -> bool {
        let mut state = self.state.borrow_mut();
        let Some(train) = state.train.clone() else {
            return false;
        };
        let Some(curve) = state
            .slots
            .get_mut(index)
            .and_then(|slot| slot.curve.as_mut())
        else {
            return false;
        };
        if curve.is_finished() {
            return false;
        }
        curve.advance(&train, None).is_ok()
    }

    /// Trains whole epochs, the furthest-behind curve first, until the frame's budget is spent; then
    /// draws. Returns whether training has more to do.
    fn train_for_one_frame(&self) -> bool {
        let started = now();
        for _ in 0..MAX_EPOCHS_PER_FRAME {
            let behind = {
                let state = self.state.borrow();
                state
                    .slots
                    .iter()
                    .enumerate()
                    .filter_map(|(index, slot)| {
                        let curve = slot.curve.as_ref()?;
                        (!curve.is_finished()).then_some((index, curve.epochs().len()))
                    })
                    .min_by_key(|(_, epochs)| *epochs)
                    .map(|(index, _)| index)
            };
            let Some(index) = behind else { break };
            let epoch_started = now();
            if !self.advance(index) {
                break;
            }
            // Another epoch only if it should end within the budget, judging by the last one. A
            // clock that cannot be read (NaN) also ends the frame: one epoch is always safe.
            let finished = now();
            let elapsed = finished - started;
            let last_epoch = finished - epoch_started;
            if elapsed.is_nan() || last_epoch.is_nan() || elapsed + last_epoch > FRAME_BUDGET_MS {
                break;
            }
        }
        let more = !self.all_finished();
        // Under reduced motion the picture changes once, when training is done.
        if !more || !common::prefers_reduced_motion() {
            self.draw();
        }
        if !more {
            self.show_playing(false);
        }
        let _ = self
            .view
            .figure
            .set_attribute("data-last-frame-ms", &format!("{:.3}", now() - started));
        more
    }

    fn draw(&self) {
        let state = self.state.borrow();
        let view = &self.view;
        let narrow = view.chart.measure(0.6).css_width < 500;
        let size = view.chart.measure(if narrow { 0.85 } else { 0.62 });
        view.chart.resize(size);
        let look = common::screen_look();
        let points: Vec<Vec<(f64, f64)>> = state.slots.iter().map(curve_points).collect();
        let curves: Vec<CurveToDraw<'_>> = state
            .slots
            .iter()
            .zip(&points)
            .enumerate()
            .map(|(index, (slot, points))| CurveToDraw {
                points,
                colour: downhill_plots::step_size::curve_colour(&look.palette, index),
                label: slot.label,
            })
            .collect();
        let chart = CurvesChart {
            curves: &curves,
            n_epochs: state.n_epochs,
        };
        if let Some(backend) = crate::layers::drawing_backend(&view.chart.canvas) {
            let area = backend.into_drawing_area();
            let _ = draw_learning_curves(&area, &chart, &look);
            let _ = area.present();
        }

        let mut descriptions = Vec::new();
        let mut messages = Vec::new();
        let mut trained_epochs = 0;
        for slot in &state.slots {
            let status = match slot.curve.as_ref() {
                None => String::new(),
                Some(curve) => {
                    let last = curve.epochs().last();
                    trained_epochs = trained_epochs.max(last.map_or(0, |record| record.epoch));
                    match (curve.diverged_at_epoch(), last) {
                        (Some(epoch), _) => {
                            messages.push(format!(
                                "Learning rate {} diverged at epoch {epoch}.",
                                format_number(slot.learning_rate)
                            ));
                            format!("diverged at epoch {epoch}")
                        }
                        (None, Some(record)) => format!(
                            "loss {} at epoch {}",
                            format_number(record.train_loss),
                            record.epoch
                        ),
                        (None, None) => String::new(),
                    }
                }
            };
            if slot.readout.text_content().as_deref() != Some(status.as_str()) {
                slot.readout.set_text_content(Some(&status));
            }
            descriptions.push(format!(
                "{} rate {}: {status}",
                slot.label,
                format_number(slot.learning_rate)
            ));
        }
        if state.train.is_some() {
            view.readout.set_text_content(Some(&format!(
                "Epoch {trained_epochs} of {}; batches of {CURVE_BATCH_SIZE}, softmax loss, \
                 regularization {}.",
                state.n_epochs,
                format_number(CURVE_REG)
            )));
            view.chart.set_label(&format!(
                "Training loss of the digits classifier against epoch, on a logarithmic loss axis, \
                 for five learning rates. {}.",
                descriptions.join("; ")
            ));
            let mut all = vec![view.settings_messages.clone()];
            all.extend(messages);
            let text: Vec<String> = all.into_iter().filter(|text| !text.is_empty()).collect();
            dom::set_message(&view.message, &text.join(" "));
        }
    }
}

/// `(epoch, training loss)` of a slot's curve so far.
fn curve_points(slot: &Slot) -> Vec<(f64, f64)> {
    slot.curve
        .as_ref()
        .map(|curve| {
            curve
                .epochs()
                .iter()
                .map(|record| (record.epoch as f64, record.train_loss))
                .collect()
        })
        .unwrap_or_default()
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map(|performance| performance.now())
        .unwrap_or(f64::NAN)
}

impl Demo for Curves {
    fn url_settings(&self) -> Vec<(String, String)> {
        let state = self.state.borrow();
        let your_rate = state.slots.last().map_or(
            downhill_plots::step_size::CURVES_DEFAULT_YOUR_RATE,
            |slot| slot.learning_rate,
        );
        vec![
            ("lr".to_string(), format!("{your_rate:.4e}")),
            ("epochs".to_string(), state.n_epochs.to_string()),
        ]
    }

    fn export_csv(&self) -> String {
        let state = self.state.borrow();
        let mut csv = String::from("curve,learning_rate,epoch,train_loss,train_accuracy\n");
        for slot in &state.slots {
            let Some(curve) = slot.curve.as_ref() else {
                continue;
            };
            for record in curve.epochs() {
                csv.push_str(&format!(
                    "{},{:e},{},{},{}\n",
                    slot.label,
                    slot.learning_rate,
                    record.epoch,
                    record.train_loss,
                    record.train_accuracy
                ));
            }
        }
        csv
    }

    fn export_svg(&self) -> String {
        let state = self.state.borrow();
        let look = common::export_look();
        let points: Vec<Vec<(f64, f64)>> = state.slots.iter().map(curve_points).collect();
        let curves: Vec<CurveToDraw<'_>> = state
            .slots
            .iter()
            .zip(&points)
            .enumerate()
            .map(|(index, (slot, points))| CurveToDraw {
                points,
                colour: downhill_plots::step_size::curve_colour(&look.palette, index),
                label: slot.label,
            })
            .collect();
        downhill_plots::step_size::curves_svg(
            &CurvesChart {
                curves: &curves,
                n_epochs: state.n_epochs,
            },
            &look,
        )
    }

    fn export_canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        vec![self.view.chart.canvas.clone()]
    }

    fn file_stem(&self) -> String {
        "learning-curves".to_string()
    }
}
