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

use crate::kit::dom::input_number;
use crate::kit::listeners::Listeners;
use crate::kit::toolbar::{Demo, Toolbar, as_demo};
use crate::kit::transport::{Playback, Transport};
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
    toolbar: RefCell<Option<Toolbar>>,
    /// Every listener of the demo, taken off the page with it; each holds the demo weakly.
    listeners: Listeners,
}

pub fn mount(figure: &Element, settings: &Settings) -> Result<Rc<LrSchedules>, String> {
    let initial = ScheduleSettings::read(settings);
    let view = view::View::build(figure, &initial);
    let demo = Rc::new(LrSchedules {
        model: RefCell::new(Model::new(initial)),
        view,
        settings_message: settings.messages().join(" "),
        toolbar: RefCell::new(None),
        listeners: Listeners::new(),
    });
    let toolbar = Toolbar::attach(&demo.view.side, &figure.id(), as_demo(&demo));
    *demo.toolbar.borrow_mut() = Some(toolbar);
    Playback::draw(demo.as_ref());
    Transport::wire(&demo, figure, &demo.listeners);
    listen_to_sliders(&demo);
    Ok(demo)
}

fn listen_to_sliders(demo: &Rc<LrSchedules>) {
    let listeners = &demo.listeners;
    for (index, (knob, slider)) in demo.view.sliders.iter().enumerate() {
        let knob = *knob;
        listeners.listen(demo, slider.input.as_ref(), "input", move |demo, event| {
            let Some(position) = input_number(event) else {
                return;
            };
            let value = demo.model.borrow_mut().set_knob(knob, position);
            demo.view.sliders[index].1.show_value(&knob.shown(value));
            Playback::draw(demo.as_ref());
        });
        listeners.listen(demo, slider.input.as_ref(), "change", |demo, _event| {
            demo.write_url();
        });
    }
    if let Some(window) = web_sys::window() {
        listeners.listen(demo, window.as_ref(), "resize", |demo, _event| {
            if demo.view.remeasure() {
                Playback::draw(demo.as_ref());
            }
        });
    }
}

impl LrSchedules {
    fn write_url(&self) {
        if let Some(toolbar) = self.toolbar.borrow().as_ref() {
            toolbar.write_url(self);
        }
    }

    /// Moves the cursor on and redraws; returns whether there is more to show.
    fn advance(&self, n_steps: usize) -> bool {
        let more = self.model.borrow_mut().advance(n_steps);
        Playback::draw(self);
        more
    }
}

impl Playback for LrSchedules {
    fn transport(&self) -> &Transport {
        &self.view.transport
    }

    fn frame(&self, _timestamp: f64) -> bool {
        self.advance(STEPS_PER_FRAME)
    }

    fn at_end(&self) -> bool {
        self.model.borrow().at_end()
    }

    fn rewind(&self) {
        self.model.borrow_mut().rewind();
    }

    /// One step on, starting over from the first step at the end of the run.
    fn step(&self) {
        if self.at_end() {
            self.rewind();
        }
        self.advance(1);
    }

    fn draw(&self) {
        self.view.draw(&self.model.borrow(), &self.settings_message);
    }

    /// No animation for readers who asked for less motion: show the whole run at once.
    fn jump_to_end(&self) -> bool {
        self.model.borrow_mut().show_all();
        Playback::draw(self);
        true
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
