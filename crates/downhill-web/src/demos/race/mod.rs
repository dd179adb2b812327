//! The saddle-point race: optimizers leave the same point on a 2-D loss surface, drawn over its
//! landscape, with a loss-against-step chart, each racer's own hyperparameters, an inspector of each
//! optimizer's state, a draggable start, and play, pause, step and reset.
//!
//! Every iterate comes from `downhill-core`. Because a thousand steps of seven optimizers on a 2-D
//! surface cost well under a millisecond, the whole race is recomputed whenever a setting changes and
//! playing only moves a cursor along the stored paths: a setting changed mid-race shows at once what
//! it would have done from the start, at the same step.

mod controls;
pub(crate) mod model;
pub(crate) mod settings;
mod view;

use crate::animation::Animation;
use crate::demo::{Demo, EventClosure, Toolbar, as_demo};
use crate::dom;
use downhill_plots::paths::PathToDraw;
use model::{MAX_STEPS, RaceModel};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// A callback for `requestAnimationFrame`.
type FrameClosure = wasm_bindgen::closure::Closure<dyn FnMut(f64)>;

pub struct Race {
    model: RefCell<RaceModel>,
    view: view::RaceView,
    controls: controls::RaceControls,
    animation: RefCell<Option<Rc<Animation>>>,
    toolbar: RefCell<Option<Toolbar>>,
    /// Steps shown per animation frame.
    speed: std::cell::Cell<usize>,
    /// The racer whose state the inspector shows, by index into the model's racers.
    inspected: std::cell::Cell<Option<usize>>,
    /// Whether the pointer is dragging the start point.
    dragging: std::cell::Cell<bool>,
    // Listeners live as long as the race; closures hold the race weakly.
    listeners: RefCell<Vec<EventClosure>>,
    /// The frame callback of [`Race::redraw_next_frame`], made once; `Some` in the cell beside it
    /// while a frame is asked for, so several changes in one frame ask for one redraw.
    next_frame_redraw: RefCell<Option<FrameClosure>>,
    redraw_asked: std::cell::Cell<bool>,
}

/// Builds the race inside `figure`, replacing its static still, and starts listening.
pub fn mount(figure: &Element, settings: &crate::settings::Settings) -> Result<Rc<Race>, String> {
    let initial = settings::read(settings);
    let model = RaceModel::new(initial.surface, initial.racers);
    let mut model = model;
    if let Some(start) = initial.start {
        model.set_start(start);
        // The start is kept inside the picture; a link that asked for more hears so.
        if model.start != start {
            settings.note(format!(
                "“start” lies outside this surface's picture; using {:.2},{:.2}.",
                model.start[0], model.start[1]
            ));
        }
    }
    let figure_id = figure.id();
    let controls =
        controls::RaceControls::build(&figure_id, &model, initial.learning_rate, initial.speed);
    let view = view::RaceView::build(figure, &controls);
    let race = Rc::new(Race {
        model: RefCell::new(model),
        view,
        controls,
        animation: RefCell::new(None),
        toolbar: RefCell::new(None),
        speed: std::cell::Cell::new(initial.speed),
        inspected: std::cell::Cell::new(None),
        dragging: std::cell::Cell::new(false),
        listeners: RefCell::new(Vec::new()),
        next_frame_redraw: RefCell::new(None),
        redraw_asked: std::cell::Cell::new(false),
    });
    let toolbar = Toolbar::attach(&race.view.side, &figure_id, as_demo(&race));
    *race.toolbar.borrow_mut() = Some(toolbar);

    race.view.draw_landscape(&race.model.borrow());
    race.redraw();
    dom::set_message(&race.view.message, &settings.messages().join(" "));

    let weak = Rc::downgrade(&race);
    let animation = Animation::new(Box::new(move |_timestamp| {
        let Some(race) = weak.upgrade() else {
            return false;
        };
        race.advance(race.speed.get())
    }));
    animation.watch_visibility(figure);
    *race.animation.borrow_mut() = Some(animation);
    controls::listen(&race);
    Ok(race)
}

impl Race {
    /// Adds a listener that holds the race weakly, so the page never keeps a dead demo alive.
    fn listen(
        self: &Rc<Self>,
        target: &web_sys::EventTarget,
        event_name: &str,
        handler: impl Fn(&Rc<Race>, &web_sys::Event) + 'static,
    ) {
        let weak = Rc::downgrade(self);
        let closure = EventClosure::new(move |event: web_sys::Event| {
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
        if playing && reduced_motion() {
            // No animation for readers who asked for less motion: show where the race ends.
            let last = self.model.borrow().last_step();
            self.model.borrow_mut().cursor = last;
            self.redraw();
            self.controls.show_playing(false);
            return;
        }
        if let Some(animation) = self.animation.borrow().as_ref() {
            animation.set_playing(playing);
        }
        self.controls.show_playing(playing);
    }

    /// Moves the cursor `n_steps` on and redraws; returns whether there is more to show.
    fn advance(&self, n_steps: usize) -> bool {
        let more = {
            let mut model = self.model.borrow_mut();
            let last = model.last_step();
            model.cursor = (model.cursor + n_steps).min(last);
            model.cursor < last
        };
        self.redraw();
        if !more {
            self.controls.show_playing(false);
        }
        more
    }

    /// Redraws what changes with the paths: overlay, loss chart, legend, inspector.
    fn redraw(&self) {
        let model = self.model.borrow();
        self.view.draw_overlay(&model, self.inspected.get());
        self.view.draw_loss_plot(&model);
        self.controls.show_readouts(&model);
        self.view.show_inspector(&model, self.inspected.get());
        self.view.describe(&model);
    }

    /// Redraws the paths, the loss chart and the text in the next animation frame. A surface change
    /// draws the new landscape in its event handler (the landscape alone takes most of a 30 ms
    /// budget) and leaves the rest to the next frame, so neither frame carries both; the overlay is
    /// cleared meanwhile, so no frame shows the old paths on the new landscape.
    fn redraw_next_frame(self: &Rc<Self>) {
        if self.redraw_asked.get() {
            return;
        }
        let Some(window) = web_sys::window() else {
            self.redraw();
            return;
        };
        if self.next_frame_redraw.borrow().is_none() {
            let weak = Rc::downgrade(self);
            let closure = wasm_bindgen::closure::Closure::<dyn FnMut(f64)>::new(move |_: f64| {
                let Some(race) = weak.upgrade() else {
                    return;
                };
                race.redraw_asked.set(false);
                // On the performance timeline, so the speed harness sees this half of the change.
                let name = format!("downhill-deferred-redraw {}", race.view.figure_id());
                crate::timing::measured(&name, || race.redraw());
            });
            *self.next_frame_redraw.borrow_mut() = Some(closure);
        }
        let asked = self
            .next_frame_redraw
            .borrow()
            .as_ref()
            .is_some_and(|closure| {
                window
                    .request_animation_frame(closure.as_ref().unchecked_ref())
                    .is_ok()
            });
        if asked {
            self.redraw_asked.set(true);
        } else {
            self.redraw();
        }
    }

    fn write_url(&self) {
        if let Some(toolbar) = self.toolbar.borrow().as_ref() {
            toolbar.write_url(self);
        }
    }
}

fn reduced_motion() -> bool {
    web_sys::window()
        .and_then(|window| {
            window
                .match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|query| query.matches())
}

impl Demo for Race {
    fn url_settings(&self) -> Vec<(String, String)> {
        settings::write(&self.model.borrow(), self.speed.get())
    }

    fn export_csv(&self) -> String {
        let model = self.model.borrow();
        let mut csv = String::from("optimizer,step,x,y,loss\n");
        for racer in model.enabled() {
            let shown = (model.cursor + 1).min(racer.trajectory.points.len());
            for (step, (point, loss)) in racer.trajectory.points[..shown]
                .iter()
                .zip(&racer.trajectory.losses)
                .enumerate()
            {
                csv.push_str(&format!(
                    "{},{step},{},{},{loss}\n",
                    racer.style.kind.name(),
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
            .enabled()
            .map(|racer| PathToDraw {
                points: &racer.trajectory.points
                    [..(model.cursor + 1).min(racer.trajectory.points.len())],
                colour: racer.style.colour,
                stopped: false,
            })
            .collect();
        downhill_plots::still::landscape_with_paths_svg(model.surface.as_ref(), &paths, model.start)
    }

    fn export_canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        vec![
            self.view.canvas.landscape.clone(),
            self.view.canvas.overlay.clone(),
        ]
    }

    fn file_stem(&self) -> String {
        format!(
            "saddle-race-{}-step-{}",
            self.model.borrow().surface_kind.name(),
            self.model.borrow().cursor.min(MAX_STEPS)
        )
    }
}
