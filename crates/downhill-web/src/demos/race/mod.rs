//! The saddle-point race: optimizers leave the same point on a 2-D loss surface, drawn over its
//! landscape, with a loss-against-step chart, each racer's own hyperparameters, an inspector of each
//! optimizer's state, a draggable start, and play, pause, step and reset.
//!
//! Every iterate comes from `downhill-core`. Because a thousand steps of seven optimizers on a 2-D
//! surface cost well under a millisecond, the whole race is recomputed whenever a setting changes and
//! playing only moves a cursor along the stored paths: a setting changed mid-race shows at once what
//! it would have done from the start, at the same step.
//!
//! The reference shape of a demo: [`settings`] (DOM-free, read and written), [`model`] (DOM-free
//! state and what each control does to it), [`view`] and [`controls`] (the DOM, built from the kit),
//! and this module, which mounts them and implements the kit's [`Demo`] and [`Playback`].

mod controls;
pub(crate) mod model;
pub(crate) mod settings;
mod view;

use crate::kit::dom;
use crate::kit::listeners::Listeners;
use crate::kit::toolbar::{Demo, Toolbar, as_demo};
use crate::kit::transport::{Playback, Transport};
use crate::settings::DemoSettings;
use downhill_plots::paths::PathToDraw;
use model::{MAX_STEPS, RaceModel};
use settings::RaceSettings;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::Element;

/// A callback for `requestAnimationFrame`.
type FrameClosure = wasm_bindgen::closure::Closure<dyn FnMut(f64)>;

pub struct Race {
    model: RefCell<RaceModel>,
    view: view::RaceView,
    controls: controls::RaceControls,
    toolbar: RefCell<Option<Toolbar>>,
    /// The racer whose state the inspector shows, by index into the model's racers.
    inspected: Cell<Option<usize>>,
    /// Whether the pointer is dragging the start point.
    dragging: Cell<bool>,
    /// Every listener of the race, taken off the page with it; each holds the race weakly.
    listeners: Listeners,
    /// The frame callback of [`Race::redraw_next_frame`], made once; `Some` in the cell beside it
    /// while a frame is asked for, so several changes in one frame ask for one redraw.
    next_frame_redraw: RefCell<Option<FrameClosure>>,
    redraw_asked: Cell<bool>,
}

/// Builds the race inside `figure`, replacing its static still, and starts listening.
pub fn mount(figure: &Element, source: &crate::settings::Settings) -> Result<Rc<Race>, String> {
    let settings = RaceSettings::read(source);
    let model = RaceModel::from_settings(&settings);
    let figure_id = figure.id();
    let controls = controls::RaceControls::build(&figure_id, &model);
    let view = view::RaceView::build(figure, &controls);
    let race = Rc::new(Race {
        model: RefCell::new(model),
        view,
        controls,
        toolbar: RefCell::new(None),
        inspected: Cell::new(None),
        dragging: Cell::new(false),
        listeners: Listeners::new(),
        next_frame_redraw: RefCell::new(None),
        redraw_asked: Cell::new(false),
    });
    let toolbar = Toolbar::attach(&race.view.side, &figure_id, as_demo(&race));
    *race.toolbar.borrow_mut() = Some(toolbar);

    race.view.draw_landscape(&race.model.borrow());
    race.redraw();
    dom::set_message(&race.view.message, &source.messages().join(" "));

    Transport::wire(&race, figure, &race.listeners);
    controls::listen(&race);
    Ok(race)
}

impl Race {
    /// Listens to `event_name` at `target` for as long as the race lives.
    fn listen(
        self: &Rc<Self>,
        target: &web_sys::EventTarget,
        event_name: &str,
        handler: impl Fn(&Rc<Race>, &web_sys::Event) + 'static,
    ) {
        self.listeners.listen(self, target, event_name, handler);
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
            let closure = FrameClosure::new(move |_: f64| {
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

impl Playback for Race {
    fn transport(&self) -> &Transport {
        &self.controls.transport
    }

    fn frame(&self, _timestamp: f64) -> bool {
        let more = {
            let mut model = self.model.borrow_mut();
            let speed = model.speed;
            model.advance(speed)
        };
        self.redraw();
        more
    }

    fn at_end(&self) -> bool {
        self.model.borrow().at_end()
    }

    fn rewind(&self) {
        self.model.borrow_mut().cursor = 0;
    }

    fn step(&self) {
        self.model.borrow_mut().advance(1);
        self.redraw();
    }

    fn draw(&self) {
        self.redraw();
    }

    /// No animation for readers who asked for less motion: show where the race ends.
    fn jump_to_end(&self) -> bool {
        {
            let mut model = self.model.borrow_mut();
            model.cursor = model.last_step();
        }
        self.redraw();
        true
    }
}

impl Demo for Race {
    fn url_settings(&self) -> Vec<(String, String)> {
        self.model.borrow().settings().write()
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
        let model = self.model.borrow();
        format!(
            "saddle-race-{}-step-{}",
            model.surface_kind.name(),
            model.cursor.min(MAX_STEPS)
        )
    }
}
