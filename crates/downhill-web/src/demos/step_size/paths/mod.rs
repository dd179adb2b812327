//! Step-size paths: gradient descent from one start on a 2-D surface, for a step size the reader picks
//! (the large picture) and for four fixed ones side by side (a tiny step that crawls, a good one that
//! arrives, a large one that bounces across the valley, and one past the stable limit that flies off).
//!
//! Every path comes from `downhill-core` (plain SGD through `trajectory::run`); a few hundred steps on
//! a 2-D surface cost microseconds, so every setting recomputes the paths at once and playing only
//! moves a cursor along them. The start can be dragged on the large picture, or moved with the arrow
//! keys when it has focus.

use super::common;
use crate::animation::Animation;
use crate::demo::{Demo, EventClosure, Toolbar, as_demo};
use crate::dom;
use crate::format::format_number;
use crate::layers::{LayerSize, LayeredCanvas};
use downhill_core::optimizers::{Hyperparameters, OptimizerKind};
use downhill_core::step_size_demos::{ComparisonStep, comparison_step_sizes};
use downhill_core::surfaces::{Surface, SurfaceKind};
use downhill_core::trajectory::{Outcome, Trajectory};
use downhill_plots::heatmap::{self, ValueScale};
use downhill_plots::paths::{self, OverlayMarks, PathToDraw};
use downhill_plots::step_size::{
    CHOSEN_PATH_COLOUR, COMPARISON_COLOURS, DEFAULT_PATH_STEPS, draw_corner_note,
};
use plotters::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlSelectElement};

/// The slider's step sizes, as powers of ten: wide enough for the Rosenbrock valley's tiny stable
/// steps and the bowl's large ones.
pub(crate) const LOG10_STEP_RANGE: (f64, f64) = (-4.0, 0.0);
/// The step size a surface without a stable limit (no minimum) compares around.
const FALLBACK_LIMIT: f64 = 0.1;
/// The surfaces offered: those with a minimum, so "too large" has a meaning.
pub(crate) const SURFACES: [SurfaceKind; 6] = [
    SurfaceKind::Ravine,
    SurfaceKind::Bowl,
    SurfaceKind::Bumpy,
    SurfaceKind::Rosenbrock,
    SurfaceKind::Himmelblau,
    SurfaceKind::Beale,
];
pub(crate) const MAX_STEPS: usize = 1_000;
/// How far one arrow-key press moves the start, as a fraction of the view.
const KEY_STEP_FRACTION: f64 = 0.02;

struct Panel {
    comparison: ComparisonStep,
    colour: RGBColor,
    canvas: LayeredCanvas,
    name: HtmlElement,
    status: HtmlElement,
    trajectory: Trajectory,
}

struct PathsState {
    surface_kind: SurfaceKind,
    surface: Box<dyn Surface>,
    start: [f64; 2],
    log10_step: f64,
    n_steps: usize,
    chosen: Trajectory,
    /// The step on show; playing moves it from 0 to `n_steps`.
    cursor: usize,
    dragging: bool,
}

struct PathsView {
    figure: Element,
    main: LayeredCanvas,
    main_size: LayerSize,
    panel_size: LayerSize,
    step_slider: HtmlInputElement,
    step_output: HtmlElement,
    steps_slider: HtmlInputElement,
    steps_output: HtmlElement,
    surface_select: HtmlSelectElement,
    play_pause: HtmlButtonElement,
    step_button: HtmlButtonElement,
    reset_button: HtmlButtonElement,
    readout: HtmlElement,
    message: HtmlElement,
    settings_messages: String,
}

pub struct Paths {
    state: RefCell<PathsState>,
    panels: RefCell<Vec<Panel>>,
    view: RefCell<PathsView>,
    animation: RefCell<Option<Rc<Animation>>>,
    toolbar: RefCell<Option<Toolbar>>,
    listeners: RefCell<Vec<EventClosure>>,
}

fn run_gd(surface: &dyn Surface, start: [f64; 2], step_size: f64, n_steps: usize) -> Trajectory {
    let mut hyperparameters = Hyperparameters::defaults_for(OptimizerKind::Sgd);
    hyperparameters.learning_rate = step_size;
    downhill_core::trajectory::run(
        surface,
        OptimizerKind::Sgd,
        &hyperparameters,
        start,
        n_steps,
    )
}

/// Builds the demo inside `figure`, replacing its still.
pub(crate) struct PathsChoices {
    pub surface_kind: SurfaceKind,
    pub step: f64,
    pub n_steps: usize,
    pub start: [f64; 2],
}

/// What a lesson or a link may set: the surface, the step size, the step count and the start, each
/// within its slider's range or the surface's picture.
pub(crate) fn read_settings(settings: &crate::settings::Settings) -> PathsChoices {
    let known = SURFACES.map(|kind| kind.name()).join(", ");
    let surface_kind = settings.choice("surface", SurfaceKind::Ravine, &known, |name| {
        SURFACES.into_iter().find(|kind| kind.name() == name)
    });
    let surface = surface_kind.build();
    let (log_min, log_max) = LOG10_STEP_RANGE;
    let default_step = comparison_step_sizes(surface.as_ref(), FALLBACK_LIMIT)[1].step_size;
    let step = settings.number("lr", 10f64.powf(log_min), 10f64.powf(log_max), default_step);
    let n_steps = settings.count("steps", 10, MAX_STEPS, DEFAULT_PATH_STEPS);
    let view_box = surface.view();
    let default_start = surface.default_start();
    let start = [
        settings.number("x", view_box.x_min, view_box.x_max, default_start[0]),
        settings.number("y", view_box.y_min, view_box.y_max, default_start[1]),
    ];
    PathsChoices {
        surface_kind,
        step,
        n_steps,
        start,
    }
}

/// Builds the demo inside `figure`, replacing its still.
pub fn mount(figure: &Element, settings: &crate::settings::Settings) -> Result<Rc<Paths>, String> {
    let PathsChoices {
        surface_kind,
        step,
        n_steps,
        start,
    } = read_settings(settings);
    let surface = surface_kind.build();
    let (log_min, log_max) = LOG10_STEP_RANGE;

    let figure_id = figure.id();
    let controls = dom::element("div", "demo-controls");
    let step_slider = dom::slider(
        &format!("{figure_id}-lr"),
        "learning-rate",
        "Step size (learning rate)",
        log_min,
        log_max,
        0.01,
        step.log10(),
    );
    let steps_slider = dom::slider(
        &format!("{figure_id}-steps"),
        "steps",
        "Steps",
        10.0,
        MAX_STEPS as f64,
        10.0,
        n_steps as f64,
    );
    let options: Vec<(&str, &str)> = SURFACES
        .iter()
        .map(|kind| (kind.name(), kind.label()))
        .collect();
    let (surface_row, surface_select) = dom::select(
        &format!("{figure_id}-surface"),
        "surface",
        "Surface",
        &options,
        surface_kind.name(),
    );
    let buttons = dom::element("div", "demo-buttons");
    let play_pause = dom::button("play-pause", "Play");
    let _ = play_pause.set_attribute("aria-pressed", "false");
    let step_button = dom::button("step", "Step");
    let reset_button = dom::button("reset", "Reset");
    for button in [&play_pause, &step_button, &reset_button] {
        dom::append(&buttons, button);
    }
    for row in [&step_slider.row, &steps_slider.row, &surface_row, &buttons] {
        dom::append(&controls, row);
    }

    let main = LayeredCanvas::new("Gradient descent path over a heatmap of the loss surface.");
    let _ = main.frame.set_attribute("tabindex", "0");
    let _ = main.frame.class_list().add_1("step-size-paths-main");
    let hint = dom::text(
        "p",
        "step-size-paths-hint",
        "Drag on the picture, or focus it and use the arrow keys, to move the start.",
    );
    let readout = dom::element("p", "demo-readout");
    let message = dom::element("p", "demo-message");
    let _ = message.set_attribute("role", "status");

    let panels_row = dom::element("div", "step-size-paths-panels");
    let mut panels = Vec::new();
    for (index, comparison) in comparison_step_sizes(surface.as_ref(), FALLBACK_LIMIT)
        .into_iter()
        .enumerate()
    {
        let cell = dom::element("div", "step-size-paths-panel");
        let canvas = LayeredCanvas::new("");
        let title = dom::element("p", "step-size-paths-panel-title");
        let swatch = dom::element(
            "span",
            &format!("step-size-paths-swatch step-size-paths-swatch-{index}"),
        );
        let _ = swatch.set_attribute("aria-hidden", "true");
        dom::append(&title, &swatch);
        let name = dom::element("span", "step-size-paths-panel-name");
        dom::append(&title, &name);
        let status = dom::element("p", "step-size-paths-panel-status");
        dom::append(&cell, &canvas.frame);
        dom::append(&cell, &title);
        dom::append(&cell, &status);
        dom::append(&panels_row, &cell);
        panels.push(Panel {
            comparison,
            colour: COMPARISON_COLOURS[index],
            canvas,
            name,
            status,
            trajectory: run_gd(surface.as_ref(), start, comparison.step_size, n_steps),
        });
    }

    let body = dom::element("div", "demo-body");
    let main_column = dom::element("div", "step-size-main");
    dom::append(&main_column, &main.frame);
    dom::append(&main_column, &hint);
    dom::append(&main_column, &readout);
    dom::append(&body, &main_column);
    let side = dom::element("div", "demo-side");
    dom::append(&side, &controls);
    dom::append(&side, &message);
    dom::append(&body, &side);
    let wrapper = dom::element("div", "step-size-paths");
    dom::append(&wrapper, &body);
    let panels_heading = dom::text(
        "p",
        "step-size-paths-panels-heading",
        "The same start with four fixed step sizes:",
    );
    dom::append(&wrapper, &panels_heading);
    dom::append(&wrapper, &panels_row);
    common::replace_still(figure, &wrapper);

    let main_size = main.measure();
    let panel_size = panels
        .first()
        .map(|panel| panel.canvas.measure())
        .unwrap_or(main_size);
    let chosen = run_gd(surface.as_ref(), start, step, n_steps);
    let demo = Rc::new(Paths {
        state: RefCell::new(PathsState {
            surface_kind,
            surface,
            start,
            log10_step: step.log10(),
            n_steps,
            chosen,
            cursor: n_steps,
            dragging: false,
        }),
        panels: RefCell::new(panels),
        view: RefCell::new(PathsView {
            figure: figure.clone(),
            main,
            main_size,
            panel_size,
            step_slider: step_slider.input.clone(),
            step_output: step_slider.output.clone(),
            steps_slider: steps_slider.input.clone(),
            steps_output: steps_slider.output.clone(),
            surface_select: surface_select.clone(),
            play_pause,
            step_button,
            reset_button,
            readout,
            message,
            settings_messages: settings.messages().join(" "),
        }),
        animation: RefCell::new(None),
        toolbar: RefCell::new(None),
        listeners: RefCell::new(Vec::new()),
    });
    *demo.toolbar.borrow_mut() = Some(Toolbar::attach(&side, &figure_id, as_demo(&demo)));
    demo.show_values();
    demo.draw_landscapes();
    demo.draw_panels();
    demo.draw_main();

    let weak = Rc::downgrade(&demo);
    let animation = Animation::new(Box::new(move |_timestamp| {
        let Some(demo) = weak.upgrade() else {
            return false;
        };
        let n_steps = demo.state.borrow().n_steps;
        demo.advance((n_steps / 150).max(1))
    }));
    animation.watch_visibility(figure);
    *demo.animation.borrow_mut() = Some(animation);
    demo.listen_to_controls();
    Ok(demo)
}

impl Paths {
    fn listen_to_controls(self: &Rc<Self>) {
        let listeners = &self.listeners;
        let view = self.view.borrow();
        common::listen(
            self,
            listeners,
            view.step_slider.as_ref(),
            "input",
            |demo, event| {
                let Some(log10) = common::input_number(event) else {
                    return;
                };
                let started = now();
                demo.state.borrow_mut().log10_step =
                    log10.clamp(LOG10_STEP_RANGE.0, LOG10_STEP_RANGE.1);
                demo.show_values();
                demo.recompute_chosen();
                demo.draw_main();
                demo.record_timing(started);
            },
        );
        common::listen(
            self,
            listeners,
            view.steps_slider.as_ref(),
            "input",
            |demo, event| {
                let Some(count) = common::input_number(event) else {
                    return;
                };
                {
                    let mut state = demo.state.borrow_mut();
                    state.n_steps = (count.round() as usize).clamp(10, MAX_STEPS);
                    state.cursor = state.n_steps;
                }
                demo.show_values();
                demo.recompute_all();
            },
        );
        for slider in [&view.step_slider, &view.steps_slider] {
            common::listen(self, listeners, slider.as_ref(), "change", |demo, _| {
                demo.write_url()
            });
        }
        common::listen(
            self,
            listeners,
            view.surface_select.as_ref(),
            "change",
            |demo, event| {
                let Some(kind) = common::input_text(event)
                    .and_then(|name| SURFACES.into_iter().find(|kind| kind.name() == name))
                else {
                    return;
                };
                demo.set_playing(false);
                {
                    let mut state = demo.state.borrow_mut();
                    state.surface_kind = kind;
                    state.surface = kind.build();
                    state.start = state.surface.default_start();
                    state.cursor = state.n_steps;
                    // A new surface gets a step size that is good on it, as a starting point.
                    let good = comparison_step_sizes(state.surface.as_ref(), FALLBACK_LIMIT)[1];
                    state.log10_step = good
                        .step_size
                        .log10()
                        .clamp(LOG10_STEP_RANGE.0, LOG10_STEP_RANGE.1);
                }
                let log10_step = demo.state.borrow().log10_step;
                demo.view
                    .borrow()
                    .step_slider
                    .set_value(&format!("{log10_step}"));
                demo.show_values();
                demo.draw_landscapes();
                demo.recompute_all();
                demo.write_url();
            },
        );
        common::listen(
            self,
            listeners,
            view.play_pause.as_ref(),
            "click",
            |demo, _| {
                demo.toggle_play();
            },
        );
        common::listen(
            self,
            listeners,
            view.step_button.as_ref(),
            "click",
            |demo, _| {
                demo.set_playing(false);
                {
                    let mut state = demo.state.borrow_mut();
                    if state.cursor >= state.n_steps {
                        state.cursor = 0;
                    }
                }
                demo.advance(1);
            },
        );
        common::listen(
            self,
            listeners,
            view.reset_button.as_ref(),
            "click",
            |demo, _| {
                demo.set_playing(false);
                demo.state.borrow_mut().cursor = 0;
                demo.draw_all_overlays();
            },
        );
        let frame = view.main.frame.clone();
        common::listen(
            self,
            listeners,
            frame.as_ref(),
            "pointerdown",
            |demo, event| {
                demo.state.borrow_mut().dragging = true;
                if let Some(pointer) = event.dyn_ref::<web_sys::PointerEvent>() {
                    let frame = demo.view.borrow().main.frame.clone();
                    let _ = frame.set_pointer_capture(pointer.pointer_id());
                    demo.move_start_to_pointer(pointer);
                }
            },
        );
        common::listen(
            self,
            listeners,
            frame.as_ref(),
            "pointermove",
            |demo, event| {
                if !demo.state.borrow().dragging {
                    return;
                }
                if let Some(pointer) = event.dyn_ref::<web_sys::PointerEvent>() {
                    demo.move_start_to_pointer(pointer);
                }
            },
        );
        for name in ["pointerup", "pointercancel"] {
            common::listen(self, listeners, frame.as_ref(), name, |demo, _| {
                let was_dragging = std::mem::replace(&mut demo.state.borrow_mut().dragging, false);
                if was_dragging {
                    demo.write_url();
                }
            });
        }
        common::listen(self, listeners, frame.as_ref(), "keydown", |demo, event| {
            let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                return;
            };
            let (dx, dy) = match key.key().as_str() {
                "ArrowLeft" => (-1.0, 0.0),
                "ArrowRight" => (1.0, 0.0),
                "ArrowUp" => (0.0, 1.0),
                "ArrowDown" => (0.0, -1.0),
                _ => return,
            };
            event.prevent_default();
            let start = {
                let state = demo.state.borrow();
                let view_box = state.surface.view();
                [
                    state.start[0] + dx * KEY_STEP_FRACTION * view_box.width(),
                    state.start[1] + dy * KEY_STEP_FRACTION * view_box.height(),
                ]
            };
            demo.set_start(start);
        });
        // The address bar follows when a key is released, not on every repeat of a held key:
        // browsers throttle address-bar updates.
        common::listen(self, listeners, frame.as_ref(), "keyup", |demo, event| {
            let is_arrow = event
                .dyn_ref::<web_sys::KeyboardEvent>()
                .is_some_and(|key| key.key().starts_with("Arrow"));
            if is_arrow {
                demo.write_url();
            }
        });
        drop(view);
        if let Some(window) = web_sys::window() {
            common::listen(self, listeners, window.as_ref(), "resize", |demo, _| {
                demo.resize()
            });
        }
    }

    fn write_url(&self) {
        if let Some(toolbar) = self.toolbar.borrow().as_ref() {
            toolbar.write_url(self);
        }
    }

    fn record_timing(&self, started: f64) {
        let elapsed = now() - started;
        if elapsed.is_finite() {
            let _ = self
                .view
                .borrow()
                .figure
                .set_attribute("data-last-update-ms", &format!("{elapsed:.3}"));
        }
    }

    fn chosen_step(&self) -> f64 {
        common::from_log10(self.state.borrow().log10_step, LOG10_STEP_RANGE)
    }

    fn show_values(&self) {
        let view = self.view.borrow();
        common::show_value(
            &view.step_slider,
            &view.step_output,
            &format_number(self.chosen_step()),
        );
        let n_steps = self.state.borrow().n_steps;
        common::show_value(&view.steps_slider, &view.steps_output, &n_steps.to_string());
    }

    fn move_start_to_pointer(&self, pointer: &web_sys::PointerEvent) {
        let rect = self.view.borrow().main.frame.get_bounding_client_rect();
        if rect.width() <= 0.0 || rect.height() <= 0.0 {
            return;
        }
        let view_box = self.state.borrow().surface.view();
        let fraction_x = (pointer.client_x() as f64 - rect.left()) / rect.width();
        let fraction_y = (pointer.client_y() as f64 - rect.top()) / rect.height();
        self.set_start([
            view_box.x_min + fraction_x * view_box.width(),
            view_box.y_max - fraction_y * view_box.height(),
        ]);
    }

    /// Moves the start (kept inside the view) and reruns every path from it.
    fn set_start(&self, start: [f64; 2]) {
        {
            let mut state = self.state.borrow_mut();
            let view_box = state.surface.view();
            if !start[0].is_finite() || !start[1].is_finite() {
                return;
            }
            state.start = [
                start[0].clamp(view_box.x_min, view_box.x_max),
                start[1].clamp(view_box.y_min, view_box.y_max),
            ];
        }
        self.recompute_all();
    }

    fn recompute_chosen(&self) {
        let step = self.chosen_step();
        let mut state = self.state.borrow_mut();
        state.chosen = run_gd(state.surface.as_ref(), state.start, step, state.n_steps);
    }

    fn recompute_all(&self) {
        self.recompute_chosen();
        {
            let state = self.state.borrow();
            let comparisons = comparison_step_sizes(state.surface.as_ref(), FALLBACK_LIMIT);
            for (panel, comparison) in self.panels.borrow_mut().iter_mut().zip(comparisons) {
                panel.comparison = comparison;
                panel.trajectory = run_gd(
                    state.surface.as_ref(),
                    state.start,
                    comparison.step_size,
                    state.n_steps,
                );
            }
        }
        self.draw_all_overlays();
    }

    fn draw_all_overlays(&self) {
        self.draw_panels();
        self.draw_main();
    }

    fn is_playing(&self) -> bool {
        self.animation
            .borrow()
            .as_ref()
            .is_some_and(|animation| animation.is_playing())
    }

    fn toggle_play(&self) {
        if self.is_playing() {
            self.set_playing(false);
            return;
        }
        {
            let mut state = self.state.borrow_mut();
            if state.cursor >= state.n_steps {
                state.cursor = 0;
            }
        }
        if common::prefers_reduced_motion() {
            // No motion: show the whole run at once.
            let mut state = self.state.borrow_mut();
            state.cursor = state.n_steps;
            drop(state);
            self.draw_all_overlays();
            return;
        }
        self.set_playing(true);
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

    /// Moves the cursor on and redraws; returns whether there is more to show.
    fn advance(&self, n_steps: usize) -> bool {
        let more = {
            let mut state = self.state.borrow_mut();
            state.cursor = (state.cursor + n_steps).min(state.n_steps);
            state.cursor < state.n_steps
        };
        self.draw_all_overlays();
        if !more {
            self.show_playing(false);
        }
        more
    }

    fn resize(&self) {
        let (main_size, panel_size) = {
            let view = self.view.borrow();
            let panel_size = self
                .panels
                .borrow()
                .first()
                .map(|panel| panel.canvas.measure())
                .unwrap_or(view.panel_size);
            (view.main.measure(), panel_size)
        };
        {
            let view = self.view.borrow();
            if main_size == view.main_size && panel_size == view.panel_size {
                return;
            }
        }
        {
            let mut view = self.view.borrow_mut();
            view.main_size = main_size;
            view.panel_size = panel_size;
        }
        self.draw_landscapes();
        self.draw_all_overlays();
    }

    /// Samples the surface once for the large picture and once for the panels (which share it).
    fn draw_landscapes(&self) {
        let state = self.state.borrow();
        let view = self.view.borrow();
        let (rgba, width, height) = landscape(state.surface.as_ref(), view.main_size);
        view.main.put_landscape(&rgba, width, height);
        let (rgba, width, height) = landscape(state.surface.as_ref(), view.panel_size);
        for panel in self.panels.borrow().iter() {
            panel.canvas.put_landscape(&rgba, width, height);
        }
    }

    fn draw_panels(&self) {
        let state = self.state.borrow();
        let view = self.view.borrow();
        let minima = state.surface.minima();
        for panel in self.panels.borrow().iter() {
            draw_overlay(
                &panel.canvas,
                view.panel_size,
                state.surface.as_ref(),
                &minima,
                state.start,
                &panel.trajectory,
                state.cursor,
                panel.colour,
            );
            let name = format!(
                "{}: {}",
                panel.comparison.label,
                format_number(panel.comparison.step_size)
            );
            panel.name.set_text_content(Some(&name));
            let status = describe_run(&panel.trajectory, state.cursor, true);
            panel.status.set_text_content(Some(&status));
            common::set_label(
                &panel.canvas.frame,
                &format!(
                    "Gradient descent with the {} step size {} on the {} surface: {status}.",
                    panel.comparison.label,
                    format_number(panel.comparison.step_size),
                    state.surface_kind.label()
                ),
            );
        }
    }

    fn draw_main(&self) {
        let state = self.state.borrow();
        let view = self.view.borrow();
        let minima = state.surface.minima();
        let shown_steps = draw_overlay(
            &view.main,
            view.main_size,
            state.surface.as_ref(),
            &minima,
            state.start,
            &state.chosen,
            state.cursor,
            CHOSEN_PATH_COLOUR,
        );
        let step = self.chosen_step();
        let status = describe_run(&state.chosen, state.cursor, false);
        view.readout.set_text_content(Some(&format!(
            "Step {} of {}: {status}.",
            shown_steps, state.n_steps
        )));
        let start_loss = state.chosen.losses.first().copied();
        let end_loss = state.chosen.losses.last().copied();
        let mut messages = vec![view.settings_messages.clone()];
        let reached_end = state.cursor + 1 >= state.chosen.points.len();
        match state.chosen.outcome {
            Outcome::Diverged { step: diverged } if reached_end => {
                messages.push(format!(
                    "Step size {} diverged at step {diverged}: each step overshoots further.",
                    format_number(step)
                ));
            }
            _ => {
                if let (Some(first), Some(last)) = (start_loss, end_loss)
                    && reached_end
                    && last > first
                {
                    messages.push(format!(
                        "With step size {} the loss went up: the steps overshoot the valley.",
                        format_number(step)
                    ));
                }
            }
        }
        if let Outcome::Diverged { step: diverged } = state.chosen.outcome
            && reached_end
            && let Some(backend) = crate::layers::drawing_backend(&view.main.overlay)
        {
            let area = backend.into_drawing_area();
            let _ = draw_corner_note(
                &area,
                &format!("diverged at step {diverged}"),
                view.main_size.pixel_ratio,
            );
            let _ = area.present();
        }
        dom::set_message(
            &view.message,
            messages
                .iter()
                .filter(|message| !message.is_empty())
                .cloned()
                .collect::<Vec<_>>()
                .join(" ")
                .as_str(),
        );
        common::set_label(
            &view.main.frame,
            &format!(
                "Gradient descent with step size {} from ({}, {}) on the {} surface, drawn over its \
                 heatmap (darker is lower): {status}. Arrow keys move the start.",
                format_number(step),
                format_number(state.start[0]),
                format_number(state.start[1]),
                state.surface_kind.label()
            ),
        );
    }
}

/// What a run has done by step `cursor`, in words; `with_step` names the step for a caption that
/// does not say it elsewhere.
fn describe_run(trajectory: &Trajectory, cursor: usize, with_step: bool) -> String {
    let last_index = trajectory.points.len().saturating_sub(1);
    let shown = cursor.min(last_index);
    let loss = trajectory.losses.get(shown).copied();
    match trajectory.outcome {
        Outcome::Diverged { step } if cursor >= last_index => format!("diverged at step {step}"),
        Outcome::Converged { step } if cursor >= last_index => {
            format!("converged at step {step}")
        }
        Outcome::Rejected { .. } => "could not start".to_string(),
        _ => match loss {
            Some(loss) if with_step => format!("loss {} at step {shown}", format_number(loss)),
            Some(loss) => format!("loss {}", format_number(loss)),
            None => String::new(),
        },
    }
}

/// The heatmap of `surface` at one sample per CSS pixel of `size`.
fn landscape(surface: &dyn Surface, size: LayerSize) -> (Vec<u8>, u32, u32) {
    let field = downhill_core::landscape::sample(
        surface,
        &surface.view(),
        size.css_width as usize,
        size.css_height as usize,
    );
    let scale = if field.max - field.min > 100.0 {
        ValueScale::Logarithmic
    } else {
        ValueScale::Linear
    };
    let rgba = heatmap::landscape_rgba(
        &field.values,
        field.width,
        field.height,
        field.min,
        field.max,
        scale,
    );
    (rgba, field.width as u32, field.height as u32)
}

/// Draws one path up to `cursor` over a layered canvas; returns the step shown.
#[allow(clippy::too_many_arguments)]
fn draw_overlay(
    canvas: &LayeredCanvas,
    size: LayerSize,
    surface: &dyn Surface,
    minima: &[[f64; 2]],
    start: [f64; 2],
    trajectory: &Trajectory,
    cursor: usize,
    colour: RGBColor,
) -> usize {
    canvas.resize_overlay(size);
    let shown = (cursor + 1).min(trajectory.points.len());
    let Some(backend) = crate::layers::cleared_drawing_backend(&canvas.overlay) else {
        return shown.saturating_sub(1);
    };
    let area = backend.into_drawing_area();
    let path = PathToDraw {
        points: &trajectory.points[..shown],
        colour,
        stopped: shown == trajectory.points.len()
            && !matches!(trajectory.outcome, Outcome::Completed { .. }),
    };
    let marks = OverlayMarks {
        start: Some(start),
        minima,
        pixel_ratio: size.pixel_ratio,
        arrows: &[],
        rings: &[],
    };
    let view_box = surface.view();
    let _ = paths::draw_paths(
        &area,
        view_box.x_min..view_box.x_max,
        view_box.y_min..view_box.y_max,
        &[path],
        &marks,
    );
    let _ = area.present();
    shown.saturating_sub(1)
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map(|performance| performance.now())
        .unwrap_or(f64::NAN)
}

impl Demo for Paths {
    fn url_settings(&self) -> Vec<(String, String)> {
        let state = self.state.borrow();
        vec![
            ("surface".to_string(), state.surface_kind.name().to_string()),
            ("lr".to_string(), format!("{:.4e}", self.chosen_step())),
            ("steps".to_string(), state.n_steps.to_string()),
            ("x".to_string(), format!("{:.4}", state.start[0])),
            ("y".to_string(), format!("{:.4}", state.start[1])),
        ]
    }

    fn export_csv(&self) -> String {
        let state = self.state.borrow();
        let mut csv = String::from("run,step_size,step,x,y,loss\n");
        let mut push = |name: &str, step_size: f64, trajectory: &Trajectory| {
            for (step, (point, loss)) in
                trajectory.points.iter().zip(&trajectory.losses).enumerate()
            {
                csv.push_str(&format!(
                    "{name},{step_size:e},{step},{},{},{loss}\n",
                    point[0], point[1]
                ));
            }
        };
        push("chosen", self.chosen_step(), &state.chosen);
        for panel in self.panels.borrow().iter() {
            push(
                panel.comparison.label,
                panel.comparison.step_size,
                &panel.trajectory,
            );
        }
        csv
    }

    fn export_svg(&self) -> String {
        let state = self.state.borrow();
        let panels = self.panels.borrow();
        let mut paths: Vec<PathToDraw<'_>> = panels
            .iter()
            .map(|panel| PathToDraw {
                points: &panel.trajectory.points,
                colour: panel.colour,
                stopped: false,
            })
            .collect();
        let shown = (state.cursor + 1).min(state.chosen.points.len());
        paths.push(PathToDraw {
            points: &state.chosen.points[..shown],
            colour: CHOSEN_PATH_COLOUR,
            stopped: false,
        });
        downhill_plots::still::landscape_with_paths_svg(state.surface.as_ref(), &paths, state.start)
    }

    fn export_canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        let view = self.view.borrow();
        vec![view.main.landscape.clone(), view.main.overlay.clone()]
    }

    fn file_stem(&self) -> String {
        format!(
            "step-size-paths-{}",
            self.state.borrow().surface_kind.name()
        )
    }
}
