//! The live training dashboard of lesson 6: a linear classifier trains on the digits while the
//! page draws what the lesson says to watch (the loss of every batch against epoch, training and
//! validation accuracy, the update-to-weight ratio), with the lesson's three sanity checks as
//! buttons.
//!
//! Training runs in `downhill-core` ([`LiveTraining`](downhill_core::live_training::LiveTraining))
//! one minibatch step at a time, and the core judges every check. While playing, each animation
//! frame takes steps until about [`model::FRAME_BUDGET_MS`] have passed and then draws, so the page
//! stays at 60 frames a second whatever the batch size. Any change of setting restarts the run from
//! the same seeded weights (so a shared link replays the same run) and keeps the old run's batch
//! losses in grey, so the effect of the change is seen side by side.
//!
//! [`settings`] reads and writes the URL, [`model`] holds the run and what each control does to it,
//! [`text`] words it all, [`controls`] and [`view`] are the page, built from the kit; this module
//! mounts them and implements the kit's [`Demo`] and [`Playback`].

mod controls;
mod model;
pub(crate) mod settings;
mod text;
mod view;

use crate::kit::clock::now_ms;
use crate::kit::dom;
use crate::kit::listeners::Listeners;
use crate::kit::media;
use crate::kit::toolbar::{Demo, Toolbar, as_demo};
use crate::kit::transport::{Playback, Transport};
use crate::settings::{DemoSettings, Settings};
use controls::Controls;
use model::{FrameSteps, Model, PreparedData};
use settings::DashboardSettings;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use view::View;
use web_sys::{Element, HtmlCanvasElement};

/// A playing run draws its picture every this many animation frames (and always at the end).
const DRAW_EVERY_N_FRAMES: u32 = 2;

pub struct TrainingDashboard {
    model: RefCell<Model>,
    controls: Controls,
    view: View,
    toolbar: RefCell<Option<Toolbar>>,
    /// Every listener of the dashboard, taken off the page with it; each holds it weakly.
    listeners: Listeners,
    settings_messages: RefCell<String>,
    /// Set while the reduced-motion preference holds and a run is being trained to its end without
    /// intermediate pictures.
    jumping: Cell<bool>,
    /// Animation frames since the picture was last drawn: a playing run draws every other frame,
    /// which halves the painting of a canvas of over a million device pixels.
    frames_since_drawn: Cell<u32>,
}

/// Builds the dashboard in `figure`, then loads the digits and starts.
pub fn mount(figure: &Element, settings: &Settings) -> Result<Rc<TrainingDashboard>, String> {
    let chosen = DashboardSettings::read(settings);
    let id = figure.id();
    let controls = Controls::build(&id, &chosen);
    let view = View::build(figure, &controls);
    let dashboard = Rc::new(TrainingDashboard {
        model: RefCell::new(Model::new(chosen)),
        controls,
        view,
        toolbar: RefCell::new(None),
        listeners: Listeners::new(),
        settings_messages: RefCell::new(settings.messages().join(" ")),
        jumping: Cell::new(false),
        frames_since_drawn: Cell::new(0),
    });
    let toolbar = Toolbar::attach(&dashboard.view.side, &id, as_demo(&dashboard));
    *dashboard.toolbar.borrow_mut() = Some(toolbar);
    dashboard.show_control_values();
    dom::set_message(
        &dashboard.view.message,
        &dashboard.settings_messages.borrow(),
    );
    dashboard.view.set_enabled(false);

    Transport::wire(&dashboard, figure, &dashboard.listeners);
    controls::listen(&dashboard);

    let weak = Rc::downgrade(&dashboard);
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = crate::digits::load().await;
        let Some(dashboard) = weak.upgrade() else {
            return;
        };
        match loaded.and_then(|digits| PreparedData::new(&digits)) {
            Ok(data) => dashboard.data_arrived(data),
            Err(reason) => {
                dashboard.view.progress.set_text_content(Some(""));
                dom::set_message(&dashboard.view.message, &reason);
            }
        }
    });
    Ok(dashboard)
}

impl TrainingDashboard {
    /// Listens to `event_name` at `target` for as long as the dashboard lives.
    fn listen(
        self: &Rc<Self>,
        target: &web_sys::EventTarget,
        event_name: &str,
        handler: impl Fn(&Rc<TrainingDashboard>, &web_sys::Event) + 'static,
    ) {
        self.listeners.listen(self, target, event_name, handler);
    }

    fn data_arrived(&self, data: PreparedData) {
        let outcome = self.model.borrow_mut().data_arrived(data);
        self.report(outcome);
        self.view.set_enabled(true);
        self.draw();
    }

    fn report(&self, outcome: Result<(), String>) {
        if let Err(reason) = outcome {
            dom::set_message(
                &self.view.message,
                &format!("The run could not start: {reason}"),
            );
        }
    }

    /// Reads every control into the settings.
    fn read_controls(&self) {
        self.controls
            .read_into(&mut self.model.borrow_mut().settings);
        self.show_control_values();
    }

    fn show_control_values(&self) {
        let model = self.model.borrow();
        self.controls.show_values(&model.settings, model.n_train());
    }

    /// A setting changed: the run starts again with it, and plays so the change shows at once.
    fn settings_changed(&self) {
        let outcome = self.model.borrow_mut().restart(true);
        self.report(outcome);
        self.settings_messages.borrow_mut().clear();
        dom::set_message(&self.view.message, "");
        self.play();
        self.draw();
    }

    /// Plays the run (when there is one), training it to its end without pictures on the way under
    /// reduced motion.
    fn play(&self) {
        let playing = self.model.borrow().run.is_some();
        self.jumping.set(playing && media::prefers_reduced_motion());
        self.controls.transport.set_playing(playing);
    }

    fn write_url(&self) {
        if let Some(toolbar) = self.toolbar.borrow().as_ref() {
            toolbar.write_url(self);
        }
    }

    fn check_initial_loss(&self) {
        let checks = self.model.borrow().initial_loss_checks();
        if let Some(checks) = checks {
            self.view.show_check(&text::initial_loss_result(&checks));
        }
    }

    fn check_regularization(&self) {
        let text = {
            let model = self.model.borrow();
            let (Some(run), Some(check)) = (&model.run, model.regularization_check()) else {
                return;
            };
            text::regularization_result(run, &check)
        };
        self.view.show_check(&text);
    }

    fn start_overfit_check(&self) {
        self.model.borrow_mut().settings.set_for_overfit_check();
        self.controls.write_from(&self.model.borrow().settings);
        self.show_control_values();
        self.view.show_check(&text::overfit_started());
        self.settings_changed();
        self.write_url();
    }

    /// Draws the picture and the readouts (after measuring the frame when `measure`), then reports
    /// the overfitting check if its run just ended.
    fn draw_sized(&self, measure: bool) {
        self.view.draw(
            &self.model.borrow(),
            measure,
            self.jumping.get(),
            &self.settings_messages.borrow(),
        );
        let finished = self.model.borrow_mut().take_finished_overfit_check();
        if let Some(last) = finished {
            self.view.show_check(&text::overfit_result(&last));
        }
    }
}

impl Playback for TrainingDashboard {
    fn transport(&self) -> &Transport {
        &self.controls.transport
    }

    /// One animation frame: steps until the frame's budget is spent, then the picture. Returns
    /// whether to go on.
    fn frame(&self, _timestamp: f64) -> bool {
        let start = now_ms();
        let trained = self
            .model
            .borrow_mut()
            .train_for_frame(self.jumping.get(), || now_ms() - start);
        let Some(FrameSteps { more, taken }) = trained else {
            return false;
        };
        if taken == 0 && more {
            return true;
        }
        // Under reduced motion the run trains to its end without pictures on the way, then jumps.
        // Otherwise the picture and the readouts follow every other frame (30 a second is smooth
        // for growing curves) and always the last one, at the size last measured.
        let frames_since_drawn = self.frames_since_drawn.get() + 1;
        if !more || (!self.jumping.get() && frames_since_drawn >= DRAW_EVERY_N_FRAMES) {
            self.draw_sized(false);
            self.frames_since_drawn.set(0);
        } else {
            self.frames_since_drawn.set(frames_since_drawn);
            if self.jumping.get() && frames_since_drawn >= DRAW_EVERY_N_FRAMES {
                self.view.show_readouts(
                    &self.model.borrow(),
                    true,
                    &self.settings_messages.borrow(),
                );
            }
        }
        if !more {
            self.jumping.set(false);
        }
        more
    }

    fn at_end(&self) -> bool {
        self.model
            .borrow()
            .run
            .as_ref()
            .is_some_and(|run| run.is_finished())
    }

    fn rewind(&self) {
        self.jumping.set(false);
        let outcome = self.model.borrow_mut().restart(false);
        self.report(outcome);
    }

    fn step(&self) {
        self.jumping.set(false);
        self.model.borrow_mut().step_one_epoch();
        self.draw();
    }

    /// Draws everything after measuring the frame: for every change but an animation frame.
    fn draw(&self) {
        self.draw_sized(true);
    }

    /// Under reduced motion Play still plays, but the frames train the run to its end without
    /// pictures on the way and then show it.
    fn jump_to_end(&self) -> bool {
        self.jumping.set(true);
        false
    }
}

impl Demo for TrainingDashboard {
    fn url_settings(&self) -> Vec<(String, String)> {
        self.model.borrow().settings.write()
    }

    fn export_csv(&self) -> String {
        text::csv(self.model.borrow().run.as_ref())
    }

    fn export_svg(&self) -> String {
        let model = self.model.borrow();
        downhill_plots::training_dashboard::dashboard_svg(
            &model.picture(1.0, downhill_plots::training_dashboard::LIGHT),
        )
    }

    fn export_canvases(&self) -> Vec<HtmlCanvasElement> {
        vec![self.view.canvas.clone()]
    }

    fn file_stem(&self) -> String {
        let settings = self.model.borrow().settings;
        format!("training-dashboard-{}", settings.loss_kind.name())
    }
}
