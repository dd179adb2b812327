//! What the three chart demos (minibatch noise, learning-rate schedules, hyperparameter search)
//! share around their own model and view: the model in a cell, the toolbar, the listeners, the
//! first drawing, a redraw when the window's size changes the chart's, and sliders and buttons that
//! change the model, redraw, and write the settings into the address bar.
//!
//! Each demo is a `ChartDemo<its Model, its View>` and implements the kit's `Demo` (and `Playback`
//! where it plays) for that type.

use crate::kit::dom::input_number;
use crate::kit::listeners::Listeners;
use crate::kit::toolbar::{Demo, Toolbar, as_demo};
use std::cell::{OnceCell, RefCell};
use std::rc::Rc;
use web_sys::{EventTarget, HtmlElement};

/// What a chart demo's view offers the shared part.
pub(crate) trait ChartView<M> {
    /// The column beside the chart, where the toolbar goes.
    fn side(&self) -> &HtmlElement;
    /// Measures the chart again (on resize); whether its size changed, so it must be drawn again.
    fn remeasure(&self) -> bool;
    /// Draws the chart and writes the text around it.
    fn draw(&self, model: &M);
}

pub(crate) struct ChartDemo<M, V> {
    pub(crate) model: RefCell<M>,
    pub(crate) view: V,
    toolbar: OnceCell<Toolbar>,
    /// Every listener of the demo, taken off the page with it; each holds the demo weakly.
    pub(crate) listeners: Listeners,
}

impl<M: 'static, V: ChartView<M> + 'static> ChartDemo<M, V>
where
    ChartDemo<M, V>: Demo,
{
    /// The demo of `model` in `view` (already in the figure `figure_id`): with its toolbar, drawn,
    /// and drawn again whenever the window's size changes the chart's.
    pub(crate) fn mount(figure_id: &str, model: M, view: V) -> Rc<Self> {
        let demo = Rc::new(ChartDemo {
            model: RefCell::new(model),
            view,
            toolbar: OnceCell::new(),
            listeners: Listeners::new(),
        });
        let toolbar = Toolbar::attach(demo.view.side(), figure_id, as_demo(&demo));
        let _ = demo.toolbar.set(toolbar);
        demo.draw();
        if let Some(window) = web_sys::window() {
            demo.listeners
                .listen(&demo, window.as_ref(), "resize", |demo, _event| {
                    if demo.view.remeasure() {
                        demo.draw();
                    }
                });
        }
        demo
    }

    pub(crate) fn draw(&self) {
        self.view.draw(&self.model.borrow());
    }

    /// Writes the settings into the address bar.
    pub(crate) fn write_url(&self) {
        if let Some(toolbar) = self.toolbar.get() {
            toolbar.write_url(self);
        }
    }

    /// A slider: each move gives its position to `moved` (which changes the model) and redraws;
    /// letting go writes the settings into the address bar.
    pub(crate) fn listen_to_slider(
        self: &Rc<Self>,
        input: &EventTarget,
        moved: impl Fn(&Self, f64) + 'static,
    ) {
        self.listeners
            .listen(self, input, "input", move |demo, event| {
                if let Some(position) = input_number(event) {
                    moved(demo, position);
                    demo.draw();
                }
            });
        self.listeners
            .listen(self, input, "change", |demo, _event| {
                demo.write_url();
            });
    }

    /// A button that changes the model with `pressed`, redraws and writes the settings.
    pub(crate) fn listen_to_button(
        self: &Rc<Self>,
        button: &EventTarget,
        pressed: impl Fn(&mut M) + 'static,
    ) {
        self.listeners
            .listen(self, button, "click", move |demo, _event| {
                pressed(&mut demo.model.borrow_mut());
                demo.draw();
                demo.write_url();
            });
    }
}
