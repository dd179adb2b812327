//! The saddle-point race: several optimizers leave the same point on a 2-D loss surface, drawn over
//! its landscape, with a step-size slider, play, pause, single step and reset.
//!
//! Every iterate comes from `downhill-core`. Because 1,000 steps of four optimizers on a 2-D surface
//! cost well under a millisecond, the whole race is computed up front whenever a setting changes, and
//! playing only moves a cursor along the stored paths. A setting changed mid-race therefore shows at
//! once what the new setting would have done from the start, at the same step.

use crate::animation::Animation;
use crate::demo::{Demo, EventClosure, Toolbar, as_demo};
use crate::dom;
use crate::format::format_number;
use crate::layers::{LayerSize, LayeredCanvas};
use downhill_core::optimizers::{Hyperparameters, OptimizerKind};
use downhill_core::surfaces::{Surface, SurfaceKind};
use downhill_core::trajectory::{Outcome, Trajectory};
use downhill_plots::heatmap::{self, ValueScale};
use downhill_plots::paths::{self, OverlayMarks, PathToDraw};
use downhill_plots::race_style::RACE_DEFAULTS;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlSelectElement};

/// How many steps every racer gets. Enough for the slow ones to show they are slow.
pub const MAX_STEPS: usize = 1_000;

/// Steps shown per animation frame: the full race plays in about eight seconds at 60 frames a second.
const STEPS_PER_FRAME: usize = 2;

/// The step-size slider moves in powers of ten: step sizes that matter span four decades.
const LOG10_LEARNING_RATE_RANGE: (f64, f64) = (-3.0, 0.0);
const DEFAULT_LEARNING_RATE: f64 = RACE_DEFAULTS.learning_rate;

struct Racer {
    kind: OptimizerKind,
    colour: RGBColor,
    trajectory: Trajectory,
    readout: HtmlElement,
}

struct RaceModel {
    surface_kind: SurfaceKind,
    surface: Box<dyn Surface>,
    start: [f64; 2],
    learning_rate: f64,
    racers: Vec<Racer>,
    /// Index of the step on show; 0 is the start.
    cursor: usize,
}

impl RaceModel {
    /// Runs every racer from the start for [`MAX_STEPS`] with the current settings.
    fn recompute_paths(&mut self) {
        for racer in &mut self.racers {
            let mut hyperparameters = Hyperparameters::defaults_for(racer.kind);
            hyperparameters.learning_rate = self.learning_rate;
            racer.trajectory = downhill_core::trajectory::run(
                self.surface.as_ref(),
                racer.kind,
                &hyperparameters,
                self.start,
                MAX_STEPS,
            );
        }
    }

    /// The last step any racer reached: playing past it changes nothing.
    fn last_step(&self) -> usize {
        self.racers
            .iter()
            .map(|racer| racer.trajectory.points.len().saturating_sub(1))
            .max()
            .unwrap_or(0)
    }
}

struct RaceView {
    figure: Element,
    canvas: LayeredCanvas,
    size: LayerSize,
    play_pause: HtmlButtonElement,
    step_readout: HtmlElement,
    message: HtmlElement,
}

pub struct Race {
    model: RefCell<RaceModel>,
    view: RefCell<RaceView>,
    animation: RefCell<Option<Rc<Animation>>>,
    toolbar: RefCell<Option<Toolbar>>,
    // Listeners live as long as the race; dropping the race removes nothing else from the page.
    listeners: RefCell<Vec<EventClosure>>,
}

/// Builds the race inside `figure`, replacing its static still, and starts listening.
pub fn mount(figure: &Element, settings: &crate::settings::Settings) -> Result<Rc<Race>, String> {
    let known_surfaces = SurfaceKind::ALL.map(|kind| kind.name()).join(", ");
    let surface_kind = settings.choice(
        "surface",
        SurfaceKind::BoundedSaddle,
        &known_surfaces,
        |name| name.parse().ok(),
    );
    let (log_min, log_max) = LOG10_LEARNING_RATE_RANGE;
    let learning_rate = settings.number(
        "lr",
        10f64.powf(log_min),
        10f64.powf(log_max),
        DEFAULT_LEARNING_RATE,
    );
    let surface = surface_kind.build();
    let start = surface.default_start();

    let controls = dom::element("div", "demo-controls");
    let figure_id = figure.id();
    let slider = dom::slider(
        &format!("{figure_id}-learning-rate"),
        "learning-rate",
        "Step size (learning rate)",
        log_min,
        log_max,
        0.01,
        learning_rate.log10(),
    );
    let surface_options: Vec<(&str, &str)> = SurfaceKind::ALL
        .iter()
        .map(|kind| (kind.name(), kind.name()))
        .collect();
    let (surface_row, surface_select) = dom::select(
        &format!("{figure_id}-surface"),
        "surface",
        "Surface",
        &surface_options,
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
    dom::append(&controls, &slider.row);
    dom::append(&controls, &surface_row);
    dom::append(&controls, &buttons);

    let canvas = LayeredCanvas::new(
        "Paths of four optimizers over a heatmap of the loss surface; darker is lower loss.",
    );
    let legend = dom::element("ul", "demo-legend");
    let mut racers = Vec::new();
    for style in RACE_DEFAULTS.racers {
        let (kind, colour, class) = (style.kind, style.colour, style.class);
        let item = dom::element("li", "");
        let swatch = dom::element("span", &format!("demo-swatch demo-swatch-{class}"));
        let _ = swatch.set_attribute("aria-hidden", "true");
        dom::append(&item, &swatch);
        dom::append(&item, &dom::text("span", "demo-legend-name", kind.label()));
        let readout = dom::element("span", "demo-legend-readout");
        dom::append(&item, &readout);
        dom::append(&legend, &item);
        racers.push(Racer {
            kind,
            colour,
            trajectory: empty_trajectory(),
            readout,
        });
    }
    let step_readout = dom::element("p", "demo-readout");
    let message = dom::element("p", "demo-message");
    let _ = message.set_attribute("role", "status");

    // Replace the still with the live demo, keeping the caption.
    let caption = figure.query_selector("figcaption").ok().flatten();
    figure.set_inner_html("");
    let body = dom::element("div", "demo-body");
    dom::append(&body, &canvas.frame);
    let side = dom::element("div", "demo-side");
    dom::append(&side, &controls);
    dom::append(&side, &legend);
    dom::append(&side, &step_readout);
    dom::append(&side, &message);
    dom::append(&body, &side);
    dom::append(figure, &body);
    if let Some(caption) = caption {
        dom::append(figure, &caption);
    }
    let _ = figure.class_list().add_1("demo-live");

    let size = canvas.measure();
    let race = Rc::new(Race {
        model: RefCell::new(RaceModel {
            surface_kind,
            surface,
            start,
            learning_rate,
            racers,
            cursor: 0,
        }),
        view: RefCell::new(RaceView {
            figure: figure.clone(),
            canvas,
            size,
            play_pause: play_pause.clone(),
            step_readout,
            message,
        }),
        animation: RefCell::new(None),
        toolbar: RefCell::new(None),
        listeners: RefCell::new(Vec::new()),
    });
    let toolbar = Toolbar::attach(&side, figure_id.as_str(), as_demo(&race));
    *race.toolbar.borrow_mut() = Some(toolbar);

    race.model.borrow_mut().recompute_paths();
    race.draw_landscape();
    race.show_learning_rate(&slider.output, learning_rate);
    dom::set_message(&race.view.borrow().message, &settings.messages().join(" "));
    race.draw_overlay();

    let weak = Rc::downgrade(&race);
    let animation = Animation::new(Box::new(move |_timestamp| {
        let Some(race) = weak.upgrade() else {
            return false;
        };
        race.advance(STEPS_PER_FRAME)
    }));
    animation.watch_visibility(figure);
    *race.animation.borrow_mut() = Some(animation);

    race.listen(slider.input.as_ref(), "input", {
        let output = slider.output.clone();
        move |race, event| {
            let Some(input) = event
                .target()
                .and_then(|target| target.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let Ok(log10) = input.value().parse::<f64>() else {
                return;
            };
            let learning_rate =
                10f64.powf(log10.clamp(LOG10_LEARNING_RATE_RANGE.0, LOG10_LEARNING_RATE_RANGE.1));
            race.model.borrow_mut().learning_rate = learning_rate;
            race.show_learning_rate(&output, learning_rate);
            race.model.borrow_mut().recompute_paths();
            race.draw_overlay();
        }
    });
    // The address bar follows committed settings only (a released slider), not every input event.
    race.listen(slider.input.as_ref(), "change", |race, _event| {
        race.write_url()
    });
    race.listen(surface_select.as_ref(), "change", |race, event| {
        let Some(select) = event
            .target()
            .and_then(|target| target.dyn_into::<HtmlSelectElement>().ok())
        else {
            return;
        };
        let Ok(kind) = select.value().parse::<SurfaceKind>() else {
            return;
        };
        {
            let mut model = race.model.borrow_mut();
            model.surface_kind = kind;
            model.surface = kind.build();
            model.start = model.surface.default_start();
            model.cursor = 0;
            model.recompute_paths();
        }
        race.draw_landscape();
        race.draw_overlay();
        race.write_url();
    });
    race.listen(play_pause.as_ref(), "click", |race, _event| {
        let playing = race.is_playing();
        if !playing && race.model.borrow().cursor >= race.model.borrow().last_step() {
            race.model.borrow_mut().cursor = 0;
        }
        race.set_playing(!playing);
    });
    race.listen(step_button.as_ref(), "click", |race, _event| {
        race.set_playing(false);
        race.advance(1);
    });
    race.listen(reset_button.as_ref(), "click", |race, _event| {
        race.set_playing(false);
        race.model.borrow_mut().cursor = 0;
        race.draw_overlay();
    });
    if let Some(window) = web_sys::window() {
        race.listen(window.as_ref(), "resize", |race, _event| race.resize());
    }
    Ok(race)
}

impl Race {
    fn write_url(&self) {
        if let Some(toolbar) = self.toolbar.borrow().as_ref() {
            toolbar.write_url(self);
        }
    }

    /// Adds a listener that holds the race weakly, so the page never keeps a dead demo alive.
    fn listen(
        self: &Rc<Self>,
        target: &web_sys::EventTarget,
        event_name: &str,
        handler: impl Fn(&Rc<Race>, &web_sys::Event) + 'static,
    ) {
        let weak = Rc::downgrade(self);
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            if let Some(race) = weak.upgrade() {
                handler(&race, &event);
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

    /// Moves the cursor `n_steps` on and redraws; returns whether there is more to show.
    fn advance(&self, n_steps: usize) -> bool {
        let more = {
            let mut model = self.model.borrow_mut();
            let last = model.last_step();
            model.cursor = (model.cursor + n_steps).min(last);
            model.cursor < last
        };
        self.draw_overlay();
        if !more {
            self.show_playing(false);
        }
        more
    }

    fn resize(&self) {
        let size = self.view.borrow().canvas.measure();
        if size == self.view.borrow().size {
            return;
        }
        self.view.borrow_mut().size = size;
        self.draw_landscape();
        self.draw_overlay();
    }

    fn show_learning_rate(&self, output: &HtmlElement, learning_rate: f64) {
        output.set_text_content(Some(&format_number(learning_rate)));
        if let Some(input) = self
            .view
            .borrow()
            .figure
            .query_selector("input[name=\"learning-rate\"]")
            .ok()
            .flatten()
        {
            let _ = input.set_attribute("aria-valuetext", &format_number(learning_rate));
        }
    }

    /// Recomputes and puts the heatmap: only when the surface or the size changes.
    fn draw_landscape(&self) {
        let model = self.model.borrow();
        let view = self.view.borrow();
        let width = view.size.css_width as usize;
        let height = view.size.css_height as usize;
        let field = downhill_core::landscape::sample(
            model.surface.as_ref(),
            &model.surface.view(),
            width,
            height,
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
        view.canvas
            .put_landscape(&rgba, field.width as u32, field.height as u32);
    }

    /// Redraws the paths up to the cursor, and the readouts.
    fn draw_overlay(&self) {
        let model = self.model.borrow();
        let view = self.view.borrow();
        view.canvas.resize_overlay(view.size);
        let Some(backend) = CanvasBackend::with_canvas_object(view.canvas.overlay.clone()) else {
            return;
        };
        let area = backend.into_drawing_area();
        let _ = area.fill(&TRANSPARENT);
        let visible: Vec<PathToDraw<'_>> = model
            .racers
            .iter()
            .map(|racer| {
                let shown = (model.cursor + 1).min(racer.trajectory.points.len());
                PathToDraw {
                    points: &racer.trajectory.points[..shown],
                    colour: racer.colour,
                    stopped: shown == racer.trajectory.points.len()
                        && !matches!(racer.trajectory.outcome, Outcome::Completed { .. }),
                }
            })
            .collect();
        let minima = model.surface.minima();
        let marks = OverlayMarks {
            start: Some(model.start),
            minima: &minima,
            pixel_ratio: view.size.pixel_ratio,
        };
        let surface_view = model.surface.view();
        let _ = paths::draw_paths(
            &area,
            surface_view.x_min..surface_view.x_max,
            surface_view.y_min..surface_view.y_max,
            &visible,
            &marks,
        );
        let _ = area.present();

        view.step_readout
            .set_text_content(Some(&format!("Step {} of {}", model.cursor, MAX_STEPS)));
        let mut messages = Vec::new();
        for racer in &model.racers {
            let shown = model
                .cursor
                .min(racer.trajectory.points.len().saturating_sub(1));
            let loss = racer.trajectory.losses.get(shown).copied();
            let reached_end = model.cursor >= racer.trajectory.points.len().saturating_sub(1);
            let status = match racer.trajectory.outcome {
                Outcome::Diverged { step } if reached_end => {
                    messages.push(format!("{} diverged at step {step}.", racer.kind.label()));
                    format!("diverged at step {step}")
                }
                Outcome::Converged { step } if reached_end => format!("converged at step {step}"),
                _ => match loss {
                    Some(loss) => format!("loss {}", format_number(loss)),
                    None => String::new(),
                },
            };
            if racer.readout.text_content().as_deref() != Some(status.as_str()) {
                racer.readout.set_text_content(Some(&status));
            }
        }
        dom::set_message(&view.message, &messages.join(" "));
    }
}

impl Demo for Race {
    fn url_settings(&self) -> Vec<(String, String)> {
        let model = self.model.borrow();
        vec![
            ("surface".to_string(), model.surface_kind.name().to_string()),
            ("lr".to_string(), format!("{:.6}", model.learning_rate)),
        ]
    }

    fn export_csv(&self) -> String {
        let model = self.model.borrow();
        let mut csv = String::from("optimizer,step,x,y,loss\n");
        for racer in &model.racers {
            let shown = (model.cursor + 1).min(racer.trajectory.points.len());
            for (step, (point, loss)) in racer.trajectory.points[..shown]
                .iter()
                .zip(&racer.trajectory.losses)
                .enumerate()
            {
                csv.push_str(&format!(
                    "{},{step},{},{},{loss}\n",
                    racer.kind.name(),
                    point[0],
                    point[1]
                ));
            }
        }
        csv
    }

    fn export_svg(&self) -> String {
        let model = self.model.borrow();
        let paths: Vec<PathToDraw<'_>> = model
            .racers
            .iter()
            .map(|racer| PathToDraw {
                points: &racer.trajectory.points
                    [..(model.cursor + 1).min(racer.trajectory.points.len())],
                colour: racer.colour,
                stopped: false,
            })
            .collect();
        downhill_plots::still::landscape_with_paths_svg(model.surface.as_ref(), &paths, model.start)
    }

    fn export_canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        let view = self.view.borrow();
        vec![view.canvas.landscape.clone(), view.canvas.overlay.clone()]
    }

    fn file_stem(&self) -> String {
        format!("saddle-race-{}", self.model.borrow().surface_kind.name())
    }
}

/// A path with no points yet, until the first computation fills it.
fn empty_trajectory() -> Trajectory {
    Trajectory {
        points: Vec::new(),
        losses: Vec::new(),
        outcome: Outcome::Completed { steps: 0 },
    }
}
