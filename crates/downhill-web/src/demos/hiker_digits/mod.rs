//! The blindfolded hiker on the digits: random search, random local search and gradient descent
//! train the 650-weight linear SVM, each spending the same budget of loss evaluations, and the chart
//! shows test accuracy against evaluations spent.
//!
//! One evaluation is a full pass over the 1,077 training digits (about a millisecond), so a budget
//! of 1,000 for each strategy is seconds of work. It is spread across animation frames: each frame
//! spends evaluations round-robin for at most [`FRAME_BUDGET_MS`] and then draws, so the page stays
//! smooth and the three curves grow side by side. With the core's default settings and seeds the
//! walkers replay exactly the runs whose accuracies the lesson prints.

pub(crate) mod model;
pub(crate) mod settings;
mod view;

use crate::format::format_number;
use crate::kit::clock::now_ms;
use crate::kit::dom;
use crate::kit::listeners::Listeners;
use crate::kit::media::prefers_reduced_motion;
use crate::kit::toolbar::{Demo, Toolbar, as_demo};
use crate::kit::transport::{Playback, Transport};
use crate::settings::DemoSettings;
use downhill_core::data::{DEFAULT_N_TEST, DEFAULT_N_VALIDATION, PreparedDigits};
use downhill_plots::hiker as hiker_plots;
use model::{DigitsModel, MAX_EVALUATIONS_PER_FRAME};
use settings::HikerDigitsSettings;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use web_sys::Element;

/// Main-thread time one frame may spend on evaluations, in milliseconds: a quarter of a 60 Hz
/// frame, as the training dashboard spends, so drawing (about 2 ms) and the browser's own painting
/// fit in the rest even on a busy machine (at 7 ms, frames took 9 ms of script at the median and
/// dropped frames in the speed harness).
const FRAME_BUDGET_MS: f64 = 4.0;
/// The split the lesson's outputs use, so the demo's test digits are the lesson's.
const SPLIT_SEED: u64 = 0;
/// A playing run draws its chart and readouts every this many animation frames.
const DRAW_EVERY_N_FRAMES: u32 = 2;

pub struct HikerDigits {
    model: RefCell<DigitsModel>,
    view: view::DigitsView,
    toolbar: RefCell<Option<Toolbar>>,
    /// Every listener of the demo, taken off the page with it; each holds the demo weakly.
    listeners: Listeners,
    /// Animation frames since the chart was last drawn: a playing run draws every other frame (and
    /// always its last), which halves the drawing and the painting while keeping the curves smooth.
    frames_since_drawn: Cell<u32>,
}

/// Builds the demo inside `figure`, loads the digits, and starts training when they arrive.
pub fn mount(
    figure: &Element,
    settings: &crate::settings::Settings,
) -> Result<Rc<HikerDigits>, String> {
    let initial = HikerDigitsSettings::read(settings);
    let view = view::DigitsView::build(figure, &initial, settings.messages().join(" "));
    let demo = Rc::new(HikerDigits {
        model: RefCell::new(DigitsModel::new(initial)),
        view,
        toolbar: RefCell::new(None),
        listeners: Listeners::new(),
        frames_since_drawn: Cell::new(0),
    });
    let toolbar = Toolbar::attach(&demo.view.side, &figure.id(), as_demo(&demo));
    *demo.toolbar.borrow_mut() = Some(toolbar);
    demo.view.show_message(&demo.model.borrow());
    demo.draw();

    Transport::wire(&demo, figure, &demo.listeners);
    listen(&demo);
    load_digits(&demo);
    Ok(demo)
}

/// Wires every control to the model (the transport's buttons are wired by the kit).
fn listen(demo: &Rc<HikerDigits>) {
    // Each slider moves the model, shows the value it set and starts the race over; the address
    // bar follows a released slider.
    let setters: [fn(&mut DigitsModel, f64) -> String; 3] = [
        |model, position| model.set_budget_position(position).to_string(),
        |model, position| format_number(model.set_local_step_position(position)),
        |model, position| format_number(model.set_learning_rate_position(position)),
    ];
    for (index, set) in setters.into_iter().enumerate() {
        let input = &demo.view.sliders.all()[index].input;
        demo.listeners
            .listen(demo, input, "input", move |demo, event| {
                let Some(position) = dom::input_number(event) else {
                    return;
                };
                let shown = set(&mut demo.model.borrow_mut(), position);
                demo.view.sliders.all()[index].show_value(&shown);
                demo.restart_and_play();
            });
        demo.listeners
            .listen(demo, input, "change", |demo, _event| demo.write_url());
    }
    demo.listeners
        .listen(demo, &demo.view.reroll, "click", |demo, _event| {
            demo.model.borrow_mut().reroll();
            demo.restart_and_play();
            demo.write_url();
        });
    if let Some(window) = web_sys::window() {
        demo.listeners
            .listen(demo, &window, "resize", |demo, _event| {
                if demo.view.resized() {
                    demo.draw();
                }
            });
    }
}

/// Fetches the digits (once per page) and starts training when they arrive.
fn load_digits(demo: &Rc<HikerDigits>) {
    let weak = Rc::downgrade(demo);
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
            Err(reason) => demo.view.show_failure(&demo.model.borrow(), &reason),
        }
    });
}

impl HikerDigits {
    fn write_url(&self) {
        if let Some(toolbar) = self.toolbar.borrow().as_ref() {
            toolbar.write_url(self);
        }
    }

    fn restart_and_play(&self) {
        self.model.borrow_mut().restart();
        self.draw();
        self.view.transport.set_playing(true);
    }
}

impl Playback for HikerDigits {
    fn transport(&self) -> &Transport {
        &self.view.transport
    }

    /// One animation frame: spend evaluations for a bounded time, then draw. Under reduced motion
    /// the curves are drawn once, when the run is complete, instead of growing.
    fn frame(&self, _timestamp: f64) -> bool {
        let started = now_ms();
        let more = self
            .model
            .borrow_mut()
            .spend(MAX_EVALUATIONS_PER_FRAME, || {
                now_ms() - started > FRAME_BUDGET_MS
            });
        let frames_since_drawn = self.frames_since_drawn.get() + 1;
        if frames_since_drawn < DRAW_EVERY_N_FRAMES && more {
            self.frames_since_drawn.set(frames_since_drawn);
        } else if !more || !prefers_reduced_motion() {
            self.frames_since_drawn.set(0);
            self.draw();
        } else {
            self.frames_since_drawn.set(0);
            self.view.show_progress(&self.model.borrow());
        }
        more
    }

    fn at_end(&self) -> bool {
        self.model.borrow().finished()
    }

    /// Fresh walkers at evaluation 0.
    fn rewind(&self) {
        self.model.borrow_mut().restart();
    }

    fn step(&self) {
        self.model.borrow_mut().step();
        self.draw();
    }

    /// Draws the chart and updates every readout.
    fn draw(&self) {
        self.view.draw(&self.model.borrow());
    }
}

impl Demo for HikerDigits {
    fn url_settings(&self) -> Vec<(String, String)> {
        self.model.borrow().settings.write()
    }

    fn export_csv(&self) -> String {
        self.model.borrow().csv()
    }

    fn export_svg(&self) -> String {
        let model = self.model.borrow();
        hiker_plots::accuracy_chart_svg(model.settings.budget, &model.curves())
    }

    fn export_canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        vec![self.view.canvas.overlay.clone()]
    }

    fn file_stem(&self) -> String {
        "hiker-digits".to_string()
    }
}
