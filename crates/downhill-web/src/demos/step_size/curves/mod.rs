//! Learning curves: the training loss of the digits classifier against the epoch for a low, a good, a
//! high and a very high learning rate, plus one the reader picks, from real minibatch training runs.
//!
//! The curves and what each control does to them are the model's ([`model`]); the page is the view's
//! ([`view`]). The frame loop runs only while training is playing and the demo is on screen.

pub(crate) mod model;
pub(crate) mod settings;
mod view;

use super::{common, digits_chart};
use crate::kit::clock::now_ms;
use crate::kit::listeners::Listeners;
use crate::kit::media;
use crate::kit::toolbar::{Demo, Toolbar, as_demo};
use crate::kit::transport::{Playback, Transport};
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
    toolbar: RefCell<Option<Toolbar>>,
    listeners: Listeners,
}

/// Builds the demo inside `figure` and starts loading the digits; training starts when they arrive.
pub fn mount(figure: &Element, settings: &crate::settings::Settings) -> Result<Rc<Curves>, String> {
    let model = CurvesModel::new(&CurvesSettings::read(settings));
    let view = CurvesView::build(figure, &model, settings.messages().join(" "));
    let demo = Rc::new(Curves {
        model: RefCell::new(model),
        view,
        toolbar: RefCell::new(None),
        listeners: Listeners::new(),
    });
    *demo.toolbar.borrow_mut() = Some(Toolbar::attach(
        &demo.view.side,
        &figure.id(),
        as_demo(&demo),
    ));
    demo.view.show_values(&demo.model.borrow());
    demo.draw();
    Transport::wire(&demo, figure, &demo.listeners);
    demo.listen_to_controls();
    digits_chart::load_training_digits(&demo, figure, &demo.view.message, |demo, train| {
        demo.model.borrow_mut().set_training_digits(train);
        demo.draw();
        // Under reduced motion nothing starts by itself: the readout says epoch 0 and the reader
        // presses Play, after which the curves appear once, when trained.
        if !media::prefers_reduced_motion() {
            demo.train();
        }
    });
    Ok(demo)
}

impl Curves {
    fn listen_to_controls(self: &Rc<Self>) {
        let (listeners, view) = (&self.listeners, &self.view);
        common::on_slider_input(listeners, self, &view.rate_slider.input, |demo, log10| {
            demo.model.borrow_mut().set_your_rate_log10(log10);
            demo.view.show_values(&demo.model.borrow());
            demo.draw();
            demo.train();
        });
        common::on_slider_input(listeners, self, &view.epochs_slider.input, |demo, count| {
            demo.model.borrow_mut().set_epochs(count);
            demo.view.show_values(&demo.model.borrow());
            demo.draw();
            demo.train();
        });
        for slider in [&view.rate_slider, &view.epochs_slider] {
            listeners.listen(self, slider.input.as_ref(), "change", |demo, _| {
                demo.write_url()
            });
        }
        media::on_scheme_change(listeners, self, |demo, _| demo.draw());
        if let Some(window) = web_sys::window() {
            listeners.listen(self, window.as_ref(), "resize", |demo, _| demo.draw());
        }
    }

    fn write_url(&self) {
        if let Some(toolbar) = self.toolbar.borrow().as_ref() {
            toolbar.write_url(self);
        }
    }

    /// Plays the training, if there is any left to do.
    fn train(&self) {
        let more = !self.model.borrow().all_finished();
        self.view.transport.set_playing(more);
    }
}

impl Playback for Curves {
    fn transport(&self) -> &Transport {
        &self.view.transport
    }

    /// Trains within the frame's budget, then draws; returns whether training has more to do.
    fn frame(&self, _timestamp: f64) -> bool {
        let started = now_ms();
        let more = self.model.borrow_mut().train_for_frame(now_ms);
        // Under reduced motion the picture changes once, when training is done.
        if !more || !media::prefers_reduced_motion() {
            self.draw();
        }
        let _ = self
            .view
            .figure
            .set_attribute("data-last-frame-ms", &format!("{:.3}", now_ms() - started));
        more
    }

    fn at_end(&self) -> bool {
        self.model.borrow().all_finished()
    }

    /// Every curve back to epoch 0, shown at once.
    fn rewind(&self) {
        self.model.borrow_mut().restart_all();
        self.draw();
    }

    fn step(&self) {
        self.model.borrow_mut().step_every_curve();
        self.draw();
    }

    fn draw(&self) {
        self.view.draw(&self.model.borrow());
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
