//! Learning curves: the training loss of the digits classifier against the epoch for a low, a good, a
//! high and a very high learning rate, plus one the reader picks, from real minibatch training runs.
//!
//! The curves and what each control does to them are the model's ([`model`]); the page is the view's
//! ([`view`]). The frame loop runs only while training is playing and the demo is on screen.

pub(crate) mod model;
pub(crate) mod settings;
mod view;

use super::{common, digits_chart};
use crate::animation::Animation;
use crate::demo::{Demo, EventClosure, Toolbar, as_demo};
use crate::settings::DemoSettings;
use downhill_plots::step_size::CurvesChart;
use model::CurvesModel;
use settings::CurvesSettings;
use std::cell::RefCell;
use std::rc::Rc;
use view::CurvesView;
use web_sys::Element;

pub struct Curves {
    model: RefCell<CurvesModel>,
    view: CurvesView,
    animation: RefCell<Option<Rc<Animation>>>,
    toolbar: RefCell<Option<Toolbar>>,
    listeners: RefCell<Vec<EventClosure>>,
}

/// Builds the demo inside `figure` and starts loading the digits; training starts when they arrive.
pub fn mount(figure: &Element, settings: &crate::settings::Settings) -> Result<Rc<Curves>, String> {
    let model = CurvesModel::new(&CurvesSettings::read(settings));
    let view = CurvesView::build(figure, &model, settings.messages().join(" "));
    let demo = Rc::new(Curves {
        model: RefCell::new(model),
        view,
        animation: RefCell::new(None),
        toolbar: RefCell::new(None),
        listeners: RefCell::new(Vec::new()),
    });
    *demo.toolbar.borrow_mut() = Some(Toolbar::attach(
        &demo.view.side,
        &figure.id(),
        as_demo(&demo),
    ));
    demo.view.show_values(&demo.model.borrow());
    demo.draw();

    let weak = Rc::downgrade(&demo);
    let animation = Animation::new(Box::new(move |_timestamp| {
        let Some(demo) = weak.upgrade() else {
            return false;
        };
        demo.train_for_one_frame()
    }));
    animation.watch_visibility(figure);
    *demo.animation.borrow_mut() = Some(animation);
    demo.listen_to_controls();

    let weak = Rc::downgrade(&demo);
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = digits_chart::training_digits().await;
        let Some(demo) = weak.upgrade() else { return };
        match loaded {
            Ok(train) => {
                demo.model.borrow_mut().set_training_digits(train);
                demo.draw();
                // Under reduced motion nothing starts by itself: the readout says epoch 0 and the
                // reader presses Play, after which the curves appear once, when trained.
                if !common::prefers_reduced_motion() {
                    demo.set_playing(true);
                }
            }
            Err(reason) => {
                digits_chart::show_failure(&demo.view.figure, &demo.view.message, &reason)
            }
        }
    });
    Ok(demo)
}

impl Curves {
    fn listen_to_controls(self: &Rc<Self>) {
        let listeners = &self.listeners;
        let view = &self.view;
        common::on_slider_input(self, listeners, &view.rate_slider, |demo, log10| {
            demo.model.borrow_mut().set_your_rate_log10(log10);
            demo.view.show_values(&demo.model.borrow());
            demo.draw();
            demo.set_playing(true);
        });
        common::on_slider_input(self, listeners, &view.epochs_slider, |demo, count| {
            demo.model.borrow_mut().set_epochs(count);
            demo.view.show_values(&demo.model.borrow());
            demo.draw();
            demo.set_playing(true);
        });
        for slider in [&view.rate_slider, &view.epochs_slider] {
            common::listen(self, listeners, slider.as_ref(), "change", |demo, _| {
                demo.write_url()
            });
        }
        common::listen(
            self,
            listeners,
            view.buttons.play_pause.as_ref(),
            "click",
            |demo, _| {
                let playing = demo.is_playing();
                if !playing && demo.model.borrow().all_finished() {
                    demo.restart_all();
                }
                demo.set_playing(!playing);
            },
        );
        common::listen(
            self,
            listeners,
            view.buttons.step.as_ref(),
            "click",
            |demo, _| {
                demo.set_playing(false);
                demo.model.borrow_mut().step_every_curve();
                demo.draw();
            },
        );
        common::listen(
            self,
            listeners,
            view.buttons.reset.as_ref(),
            "click",
            |demo, _| {
                demo.set_playing(false);
                demo.restart_all();
            },
        );
        common::on_scheme_change(self, listeners, |demo, _| demo.draw());
        if let Some(window) = web_sys::window() {
            common::listen(self, listeners, window.as_ref(), "resize", |demo, _| {
                demo.draw()
            });
        }
    }

    fn write_url(&self) {
        if let Some(toolbar) = self.toolbar.borrow().as_ref() {
            toolbar.write_url(self);
        }
    }

    fn draw(&self) {
        self.view.draw(&self.model.borrow());
    }

    fn restart_all(&self) {
        self.model.borrow_mut().restart_all();
        self.draw();
    }

    fn is_playing(&self) -> bool {
        self.animation
            .borrow()
            .as_ref()
            .is_some_and(|animation| animation.is_playing())
    }

    fn set_playing(&self, playing: bool) {
        let playing = playing && !self.model.borrow().all_finished();
        if let Some(animation) = self.animation.borrow().as_ref() {
            animation.set_playing(playing);
        }
        self.view.buttons.show_playing(playing);
    }

    /// One animation frame: trains within the frame's budget, then draws. Returns whether training
    /// has more to do.
    fn train_for_one_frame(&self) -> bool {
        let started = common::now();
        let more = self.model.borrow_mut().train_for_frame(common::now);
        // Under reduced motion the picture changes once, when training is done.
        if !more || !common::prefers_reduced_motion() {
            self.draw();
        }
        if !more {
            self.view.buttons.show_playing(false);
        }
        let _ = self.view.figure.set_attribute(
            "data-last-frame-ms",
            &format!("{:.3}", common::now() - started),
        );
        more
    }
}

impl Demo for Curves {
    fn url_settings(&self) -> Vec<(String, String)> {
        self.model.borrow().settings().write()
    }

    fn export_csv(&self) -> String {
        self.model.borrow().csv()
    }

    fn export_svg(&self) -> String {
        let model = self.model.borrow();
        let look = common::export_look();
        let points = model.points();
        downhill_plots::step_size::curves_svg(
            &CurvesChart {
                curves: &view::curves_to_draw(&model, &points, &look),
                n_epochs: model.n_epochs,
            },
            &look,
        )
    }

    fn export_canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        vec![self.view.chart.canvas.clone()]
    }

    fn file_stem(&self) -> String {
        "learning-curves".to_string()
    }
}
