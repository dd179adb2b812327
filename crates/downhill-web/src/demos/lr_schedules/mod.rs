//! Learning-rate schedules (lesson 7): step, exponential and 1/t decay, and a constant rate for
//! reference, driving the same noisy gradient descent. Above, the learning rate each schedule gives
//! against the step; below, the loss. Sliders set the initial rate and each schedule's parameters;
//! play walks a cursor along the runs.
//!
//! The model ([`model`]) recomputes the four runs whole on every setting change
//! (`downhill_core::annealing`); the view draws them up to the cursor.

pub(crate) mod model;
pub(crate) mod settings;
mod view;

use crate::animation::Animation;
use crate::demo::{Demo, EventClosure, Toolbar, as_demo};
use crate::demos::chart_canvas;
use crate::number_text::parse_number;
use crate::settings::{DemoSettings, Settings};
use downhill_plots::lr_schedules::{self as plot, ScheduleSettings};
use model::Model;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::Element;

/// Steps the cursor moves per animation frame: the run plays in about two and a half seconds.
pub(crate) const STEPS_PER_FRAME: usize = 2;

pub struct LrSchedules {
    model: RefCell<Model>,
    view: view::View,
    settings_message: String,
    animation: RefCell<Option<Rc<Animation>>>,
    toolbar: RefCell<Option<Toolbar>>,
    listeners: RefCell<Vec<EventClosure>>,
}

pub fn mount(figure: &Element, settings: &Settings) -> Result<Rc<LrSchedules>, String> {
    let initial = ScheduleSettings::read(settings);
    let view = view::View::build(figure, &initial);
    let demo = Rc::new(LrSchedules {
        model: RefCell::new(Model::new(initial)),
        view,
        settings_message: settings.messages().join(" "),
        animation: RefCell::new(None),
        toolbar: RefCell::new(None),
        listeners: RefCell::new(Vec::new()),
    });
    let toolbar = Toolbar::attach(&demo.view.side, &figure.id(), as_demo(&demo));
    *demo.toolbar.borrow_mut() = Some(toolbar);
    demo.draw();

    let weak = Rc::downgrade(&demo);
    let animation = Animation::new(Box::new(move |_timestamp| {
        weak.upgrade()
            .is_some_and(|demo| demo.advance(STEPS_PER_FRAME))
    }));
    animation.watch_visibility(figure);
    *demo.animation.borrow_mut() = Some(animation);
    listen_to_sliders(&demo);
    listen_to_transport(&demo);
    Ok(demo)
}

fn listen_to_sliders(demo: &Rc<LrSchedules>) {
    for index in 0..demo.view.sliders.len() {
        let (knob, input) = (
            demo.view.sliders[index].0,
            demo.view.sliders[index].1.input.clone(),
        );
        chart_canvas::listen(
            demo,
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
                let value = demo.model.borrow_mut().set_knob(knob, position);
                chart_canvas::show_value(&demo.view.sliders[index].1, &knob.shown(value));
                demo.draw();
            },
        );
        chart_canvas::listen(demo, &demo.listeners, &input, "change", |demo, _event| {
            demo.write_url();
        });
    }
    if let Some(window) = web_sys::window() {
        chart_canvas::listen(demo, &demo.listeners, &window, "resize", |demo, _event| {
            if demo.view.remeasure() {
                demo.draw();
            }
        });
    }
}

fn listen_to_transport(demo: &Rc<LrSchedules>) {
    let play_pause = demo.view.play_pause.clone();
    chart_canvas::listen(demo, &demo.listeners, &play_pause, "click", |demo, _| {
        if demo.is_playing() {
            demo.set_playing(false);
            return;
        }
        if chart_canvas::prefers_reduced_motion() {
            // No animation for readers who asked for less motion: show the whole run at once.
            demo.model.borrow_mut().show_all();
            demo.draw();
            return;
        }
        if demo.model.borrow().at_end() {
            demo.model.borrow_mut().rewind();
        }
        demo.set_playing(true);
    });
    let step = demo.view.step.clone();
    chart_canvas::listen(demo, &demo.listeners, &step, "click", |demo, _event| {
        demo.set_playing(false);
        if demo.model.borrow().at_end() {
            demo.model.borrow_mut().rewind();
        }
        demo.advance(1);
    });
    let reset = demo.view.reset.clone();
    chart_canvas::listen(demo, &demo.listeners, &reset, "click", |demo, _event| {
        demo.set_playing(false);
        demo.model.borrow_mut().rewind();
        demo.draw();
    });
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
        self.view.show_playing(playing);
    }

    /// Moves the cursor on and redraws; returns whether there is more to show.
    fn advance(&self, n_steps: usize) -> bool {
        let more = self.model.borrow_mut().advance(n_steps);
        self.draw();
        if !more {
            self.view.show_playing(false);
        }
        more
    }

    fn draw(&self) {
        self.view.draw(&self.model.borrow(), &self.settings_message);
    }
}

impl Demo for LrSchedules {
    fn url_settings(&self) -> Vec<(String, String)> {
        self.model.borrow().settings.write()
    }

    fn export_csv(&self) -> String {
        self.model.borrow().csv()
    }

    fn export_svg(&self) -> String {
        let model = self.model.borrow();
        plot::schedules_svg(&model.settings, model.cursor, (640, 512))
    }

    fn export_canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        vec![self.view.canvas.canvas.clone()]
    }

    fn file_stem(&self) -> String {
        "lr-schedules".to_string()
    }
}
