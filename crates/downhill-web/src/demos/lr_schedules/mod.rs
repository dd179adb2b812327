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

use super::chart_demo::{ChartDemo, ChartView};
use crate::kit::transport::{Playback, Transport};
use crate::settings::{DemoSettings, Settings};
use downhill_plots::lr_schedules::ScheduleSettings;
use model::Model;
use std::rc::Rc;
use web_sys::Element;

/// Steps the cursor moves per animation frame: the run plays in about two and a half seconds.
pub(crate) const STEPS_PER_FRAME: usize = 2;

pub type LrSchedules = ChartDemo<Model, view::View>;

pub fn mount(figure: &Element, settings: &Settings) -> Result<Rc<LrSchedules>, String> {
    let initial = ScheduleSettings::read(settings);
    let view = view::View::build(figure, &initial, &settings.messages().join(" "));
    let demo = ChartDemo::mount(&figure.id(), Model::new(initial), view);
    Transport::wire(&demo, figure, &demo.listeners);
    for (index, &(knob, ref slider)) in demo.view.sliders.iter().enumerate() {
        demo.listen_to_slider(slider.input.as_ref(), move |demo, position| {
            let value = demo.model.borrow_mut().set_knob(knob, position);
            demo.view.sliders[index].1.show_value(&knob.shown(value));
        });
    }
    Ok(demo)
}

/// Moves the cursor on and redraws; returns whether there is more to show.
fn advance(demo: &LrSchedules, n_steps: usize) -> bool {
    let more = demo.model.borrow_mut().advance(n_steps);
    demo.draw();
    more
}

impl Playback for LrSchedules {
    fn transport(&self) -> &Transport {
        &self.view.transport
    }

    fn frame(&self, _timestamp: f64) -> bool {
        advance(self, STEPS_PER_FRAME)
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
        advance(self, 1);
    }

    fn draw(&self) {
        self.view.draw(&self.model.borrow());
    }

    /// No animation for readers who asked for less motion: show the whole run at once.
    fn jump_to_end(&self) -> bool {
        self.model.borrow_mut().show_all();
        self.view.draw(&self.model.borrow());
        true
    }
}
