//! Learning-rate schedules (lesson 7): step, exponential and 1/t decay, and a constant rate for
//! reference, driving the same noisy gradient descent. Above, the learning rate each schedule gives
//! against the step; below, the loss. Sliders set the initial rate and each schedule's parameters;
//! play walks a cursor along the runs.
//!
//! The four runs of 300 steps on a 2-D problem cost far under a millisecond
//! (`downhill_core::annealing`), so every setting change recomputes them whole and redraws at once.

use super::chart_canvas::{self, ChartCanvas};
use crate::animation::Animation;
use crate::demo::{Demo, EventClosure, Toolbar, as_demo};
use crate::dom;
use crate::format::format_number;
use crate::layers::LayerSize;
use crate::number_text::parse_number;
use crate::settings::Settings;
use downhill_core::annealing::AnnealedRun;
use downhill_plots::lr_schedules::{
    self as plot, DEFAULTS, N_STEPS, SERIES_NAMES, ScheduleSettings,
};
use plotters::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use web_sys::{Element, HtmlButtonElement, HtmlElement};

/// Steps the cursor moves per animation frame: the run plays in about two and a half seconds.
pub(crate) const STEPS_PER_FRAME: usize = 2;

/// Height over width of the two charts.
const ASPECT: f64 = 0.8;

/// One slider: which setting it moves, and how its position maps to the value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Knob {
    InitialRate,
    DropFactor,
    StepsPerDrop,
    ExponentialK,
    InverseTimeK,
}

impl Knob {
    pub(crate) const ALL: [Knob; 5] = [
        Knob::InitialRate,
        Knob::DropFactor,
        Knob::StepsPerDrop,
        Knob::ExponentialK,
        Knob::InverseTimeK,
    ];

    pub(crate) fn key(self) -> &'static str {
        match self {
            Knob::InitialRate => "lr",
            Knob::DropFactor => "drop",
            Knob::StepsPerDrop => "every",
            Knob::ExponentialK => "k-exp",
            Knob::InverseTimeK => "k-inv",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Knob::InitialRate => "Initial learning rate α₀",
            Knob::DropFactor => "Step decay: factor per drop",
            Knob::StepsPerDrop => "Step decay: steps between drops",
            Knob::ExponentialK => "Exponential decay: k",
            Knob::InverseTimeK => "1/t decay: k",
        }
    }

    /// Whether the slider moves in powers of ten.
    fn logarithmic(self) -> bool {
        matches!(
            self,
            Knob::InitialRate | Knob::ExponentialK | Knob::InverseTimeK
        )
    }

    /// The allowed values (not slider positions).
    pub(crate) fn range(self) -> (f64, f64) {
        match self {
            Knob::InitialRate => (1e-3, 0.5),
            Knob::DropFactor => (0.1, 0.9),
            Knob::StepsPerDrop => (5.0, 300.0),
            Knob::ExponentialK => (1e-4, 1.0),
            Knob::InverseTimeK => (1e-3, 10.0),
        }
    }

    fn slider_step(self) -> f64 {
        match self {
            Knob::DropFactor => 0.05,
            Knob::StepsPerDrop => 5.0,
            _ => 0.01,
        }
    }

    fn position(self, value: f64) -> f64 {
        if self.logarithmic() {
            value.log10()
        } else {
            value
        }
    }

    fn value_at(self, position: f64) -> f64 {
        let (low, high) = self.range();
        let value = if self.logarithmic() {
            10f64.powf(position)
        } else {
            position
        };
        let value = value.clamp(low, high);
        if self == Knob::StepsPerDrop {
            value.round()
        } else {
            value
        }
    }

    pub(crate) fn get(self, settings: &ScheduleSettings) -> f64 {
        match self {
            Knob::InitialRate => settings.initial_rate,
            Knob::DropFactor => settings.drop_factor,
            Knob::StepsPerDrop => settings.steps_per_drop as f64,
            Knob::ExponentialK => settings.exponential_k,
            Knob::InverseTimeK => settings.inverse_time_k,
        }
    }

    fn set(self, settings: &mut ScheduleSettings, value: f64) {
        match self {
            Knob::InitialRate => settings.initial_rate = value,
            Knob::DropFactor => settings.drop_factor = value,
            Knob::StepsPerDrop => settings.steps_per_drop = value.round() as usize,
            Knob::ExponentialK => settings.exponential_k = value,
            Knob::InverseTimeK => settings.inverse_time_k = value,
        }
    }

    fn shown(self, value: f64) -> String {
        match self {
            Knob::StepsPerDrop => format!("{value:.0}"),
            _ => format_number(value),
        }
    }
}

struct Model {
    settings: ScheduleSettings,
    runs: Vec<AnnealedRun>,
    /// The step on show; the whole run is shown at [`N_STEPS`].
    cursor: usize,
}

pub struct LrSchedules {
    model: RefCell<Model>,
    canvas: ChartCanvas,
    size: Cell<LayerSize>,
    sliders: Vec<(Knob, dom::Slider)>,
    play_pause: HtmlButtonElement,
    step_readout: HtmlElement,
    series_readouts: Vec<HtmlElement>,
    message: HtmlElement,
    settings_message: String,
    animation: RefCell<Option<Rc<Animation>>>,
    toolbar: RefCell<Option<Toolbar>>,
    listeners: RefCell<Vec<EventClosure>>,
}

/// What a lesson or a link may set: each knob within its slider's range, and the seed.
pub(crate) fn read_settings(settings: &Settings) -> ScheduleSettings {
    let mut schedule_settings = DEFAULTS;
    for knob in Knob::ALL {
        let (low, high) = knob.range();
        let value = settings.number(knob.key(), low, high, knob.get(&DEFAULTS));
        knob.set(&mut schedule_settings, knob.value_at(knob.position(value)));
    }
    schedule_settings.seed =
        settings.count("seed", 0, 1_000_000_000, DEFAULTS.seed as usize) as u64;
    schedule_settings
}

pub fn mount(figure: &Element, settings: &Settings) -> Result<Rc<LrSchedules>, String> {
    let schedule_settings = read_settings(settings);
    let figure_id = figure.id();

    let canvas = ChartCanvas::new(
        "lr-schedules-frame",
        "The learning rate and the loss against the step for four schedules.",
    );
    let controls = dom::element("div", "demo-controls lr-schedules-controls");
    let mut sliders = Vec::new();
    for knob in Knob::ALL {
        let (low, high) = knob.range();
        let slider = dom::slider(
            &format!("{figure_id}-{}", knob.key()),
            knob.key(),
            knob.label(),
            knob.position(low),
            knob.position(high),
            knob.slider_step(),
            knob.position(knob.get(&schedule_settings)),
        );
        chart_canvas::show_value(&slider, &knob.shown(knob.get(&schedule_settings)));
        dom::append(&controls, &slider.row);
        sliders.push((knob, slider));
    }
    let buttons = dom::element("div", "demo-buttons");
    let play_pause = dom::button("play-pause", "Play");
    let _ = play_pause.set_attribute("aria-pressed", "false");
    let step_button = dom::button("step", "Step");
    let reset_button = dom::button("reset", "Reset");
    for button in [&play_pause, &step_button, &reset_button] {
        dom::append(&buttons, button);
    }

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
    let message = dom::element("p", "demo-message");
    let _ = message.set_attribute("role", "status");

    let caption = figure.query_selector("figcaption").ok().flatten();
    figure.set_inner_html("");
    let body = dom::element("div", "demo-body");
    let chart_column = dom::element("div", "lr-schedules-chart");
    dom::append(&chart_column, &canvas.frame);
    dom::append(&chart_column, &buttons);
    dom::append(&chart_column, &step_readout);
    dom::append(&chart_column, &legend);
    dom::append(&body, &chart_column);
    let side = dom::element("div", "demo-side");
    dom::append(&side, &controls);
    dom::append(&side, &message);
    dom::append(&body, &side);
    dom::append(figure, &body);
    if let Some(caption) = caption {
        dom::append(figure, &caption);
    }
    let _ = figure.class_list().add_1("demo-live");

    let size = canvas.measure(|_| ASPECT);
    let runs = schedule_settings.runs();
    let demo = Rc::new(LrSchedules {
        model: RefCell::new(Model {
            settings: schedule_settings,
            runs,
            cursor: N_STEPS,
        }),
        canvas,
        size: Cell::new(size),
        sliders,
        play_pause: play_pause.clone(),
        step_readout,
        series_readouts,
        message,
        settings_message: settings.messages().join(" "),
        animation: RefCell::new(None),
        toolbar: RefCell::new(None),
        listeners: RefCell::new(Vec::new()),
    });
    let toolbar = Toolbar::attach(&side, &figure_id, as_demo(&demo));
    *demo.toolbar.borrow_mut() = Some(toolbar);
    demo.draw();

    let weak = Rc::downgrade(&demo);
    let animation = Animation::new(Box::new(move |_timestamp| {
        weak.upgrade()
            .is_some_and(|demo| demo.advance(STEPS_PER_FRAME))
    }));
    animation.watch_visibility(figure);
    *demo.animation.borrow_mut() = Some(animation);

    for index in 0..demo.sliders.len() {
        let (knob, input) = (demo.sliders[index].0, demo.sliders[index].1.input.clone());
        chart_canvas::listen(
            &demo,
            &demo.listeners,
            &input,
            "input",
            move |demo, event| {
                let Some(position) = chart_canvas::event_value(event)
                    .and_then(|value| parse_number(&value))
                    .filter(|value| value.is_finite())
                else {
                    return;
                };
                let value = knob.value_at(position);
                {
                    let mut model = demo.model.borrow_mut();
                    knob.set(&mut model.settings, value);
                    model.runs = model.settings.runs();
                }
                chart_canvas::show_value(&demo.sliders[index].1, &knob.shown(value));
                demo.draw();
            },
        );
        chart_canvas::listen(&demo, &demo.listeners, &input, "change", |demo, _event| {
            demo.write_url();
        });
    }
    chart_canvas::listen(
        &demo,
        &demo.listeners,
        &play_pause,
        "click",
        |demo, _event| {
            let playing = demo.is_playing();
            if playing {
                demo.set_playing(false);
                return;
            }
            if chart_canvas::prefers_reduced_motion() {
                // No animation for readers who asked for less motion: show the whole run at once.
                demo.model.borrow_mut().cursor = N_STEPS;
                demo.draw();
                return;
            }
            if demo.model.borrow().cursor >= N_STEPS {
                demo.model.borrow_mut().cursor = 0;
            }
            demo.set_playing(true);
        },
    );
    chart_canvas::listen(
        &demo,
        &demo.listeners,
        &step_button,
        "click",
        |demo, _event| {
            demo.set_playing(false);
            if demo.model.borrow().cursor >= N_STEPS {
                demo.model.borrow_mut().cursor = 0;
            }
            demo.advance(1);
        },
    );
    chart_canvas::listen(
        &demo,
        &demo.listeners,
        &reset_button,
        "click",
        |demo, _event| {
            demo.set_playing(false);
            demo.model.borrow_mut().cursor = 0;
            demo.draw();
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
    Ok(demo)
}

impl LrSchedules {
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
        if let Some(animation) = self.animation.borrow().as_ref() {
            animation.set_playing(playing);
        }
        self.show_playing(playing);
    }

    fn show_playing(&self, playing: bool) {
        self.play_pause
            .set_text_content(Some(if playing { "Pause" } else { "Play" }));
        let _ = self
            .play_pause
            .set_attribute("aria-pressed", if playing { "true" } else { "false" });
    }

    /// Moves the cursor on and redraws; returns whether there is more to show.
    fn advance(&self, n_steps: usize) -> bool {
        let more = {
            let mut model = self.model.borrow_mut();
            model.cursor = (model.cursor + n_steps).min(N_STEPS);
            model.cursor < N_STEPS
        };
        self.draw();
        if !more {
            self.show_playing(false);
        }
        more
    }

    fn draw(&self) {
        let model = self.model.borrow();
        let size = self.size.get();
        self.canvas.resize(size);
        let style = chart_canvas::chart_style(size.pixel_ratio);
        let series = plot::series_for(&model.settings, &model.runs, &style);
        if let Some(backend) = crate::layers::drawing_backend(&self.canvas.canvas) {
            let area = backend.into_drawing_area();
            let _ = plot::draw_schedules(&area, &series, model.cursor, &style);
            let _ = area.present();
        }
        self.step_readout
            .set_text_content(Some(&format!("Step {} of {N_STEPS}", model.cursor)));
        let mut messages = Vec::new();
        let mut spoken = Vec::new();
        for ((run, readout), (name, _)) in model
            .runs
            .iter()
            .zip(&self.series_readouts)
            .zip(SERIES_NAMES)
        {
            let text = match run.diverged_at {
                Some(step) if model.cursor >= step => {
                    messages.push(format!("{name} diverged at step {step}."));
                    format!("diverged at step {step}")
                }
                _ => {
                    let shown = model.cursor.min(run.steps_taken());
                    let loss = run.losses.get(shown).copied().unwrap_or(f64::NAN);
                    let rate = run
                        .learning_rates
                        .get(shown.min(run.learning_rates.len().saturating_sub(1)))
                        .copied()
                        .unwrap_or(f64::NAN);
                    format!(
                        "rate {} · loss {}",
                        format_number(rate),
                        format_number(loss)
                    )
                }
            };
            spoken.push(format!("{name}: {text}"));
            if readout.text_content().as_deref() != Some(text.as_str()) {
                readout.set_text_content(Some(&text));
            }
        }
        let mut all_messages = vec![self.settings_message.clone()];
        all_messages.extend(messages);
        dom::set_message(&self.message, all_messages.join(" ").trim());
        self.canvas.set_label(&format!(
            "Above, the learning rate against the step; below, the loss against the step, both on \
             log scales, for step decay, exponential decay, 1/t decay and a constant rate on the \
             same noisy run. At step {}: {}.",
            model.cursor,
            spoken.join("; ")
        ));
    }
}

impl Demo for LrSchedules {
    fn url_settings(&self) -> Vec<(String, String)> {
        let model = self.model.borrow();
        let mut pairs: Vec<(String, String)> = Knob::ALL
            .iter()
            .map(|knob| {
                let value = knob.get(&model.settings);
                let text = if *knob == Knob::StepsPerDrop {
                    format!("{value:.0}")
                } else {
                    format!("{value:.6}")
                };
                (knob.key().to_string(), text)
            })
            .collect();
        pairs.push(("seed".to_string(), model.settings.seed.to_string()));
        pairs
    }

    fn export_csv(&self) -> String {
        let model = self.model.borrow();
        let mut csv = String::from("schedule,step,learning_rate,loss,x,y\n");
        for (run, (_, class)) in model.runs.iter().zip(SERIES_NAMES) {
            for step in 0..=model.cursor.min(run.steps_taken()) {
                // The rate of step t is the one that moved the point from step t to t + 1; the last
                // point has none yet.
                let rate = run
                    .learning_rates
                    .get(step)
                    .map(|rate| rate.to_string())
                    .unwrap_or_default();
                let (Some(loss), Some(point)) = (run.losses.get(step), run.points.get(step)) else {
                    continue;
                };
                csv.push_str(&format!(
                    "{class},{step},{rate},{loss},{},{}\n",
                    point[0], point[1]
                ));
            }
        }
        csv
    }

    fn export_svg(&self) -> String {
        let model = self.model.borrow();
        plot::schedules_svg(&model.settings, model.cursor, (640, 512))
    }

    fn export_canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        vec![self.canvas.canvas.clone()]
    }

    fn file_stem(&self) -> String {
        "lr-schedules".to_string()
    }
}
