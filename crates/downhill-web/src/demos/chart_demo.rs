//! What the three chart demos (minibatch noise, learning-rate schedules, hyperparameter search)
//! share around their own model and view: the model in a cell, the toolbar, the listeners, the
//! first drawing, a chart that keeps its measured size and is drawn again when the window's size
//! changes it, and sliders and buttons that change the model, redraw, and write the settings into
//! the address bar.
//!
//! Each demo is a `ChartDemo<its Model, its View>`: its model says what it exports
//! ([`ChartModel`]), its view lays itself out and draws ([`ChartView`]), and this module makes the
//! pair a kit `Demo` (a demo that plays adds the kit's `Playback`).

use crate::kit::chart_canvas::{ChartCanvas, chart_style};
use crate::kit::dom::{self, input_number};
use crate::kit::layers::{LayerSize, drawing_backend};
use crate::kit::listeners::Listeners;
use crate::kit::toolbar::{Demo, Toolbar, as_demo};
use downhill_plots::any_backend::AnyBackend;
use downhill_plots::chart_style::ChartStyle;
use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;
use web_sys::{Element, EventTarget, HtmlElement};

/// Where a chart demo's parts go: the chart, and the column beside it (controls, readouts, the
/// message line and the toolbar).
pub(crate) struct ChartLayout {
    pub(crate) chart: SizedChart,
    pub(crate) side: HtmlElement,
}

impl ChartLayout {
    /// Replaces the figure's still with a body of `body_class` holding `main` (the chart's frame,
    /// or a column around it) and a side column of `side_parts`, keeping the caption; then measures
    /// `canvas` in place.
    pub(crate) fn replace_still(
        figure: &Element,
        body_class: &str,
        main: &Element,
        side_parts: &[&Element],
        canvas: ChartCanvas,
        aspect: fn(f64) -> f64,
    ) -> ChartLayout {
        let body = dom::element("div", body_class);
        dom::append(&body, main);
        let side = dom::element("div", "demo-side");
        for part in side_parts {
            dom::append(&side, part);
        }
        dom::append(&body, &side);
        dom::replace_still(figure, &body);
        ChartLayout {
            chart: SizedChart::new(canvas, aspect),
            side,
        }
    }
}

/// A demo's message line (a polite status), starting with `text`.
pub(crate) fn message_line(text: &str) -> HtmlElement {
    let message = dom::element("p", "demo-message");
    let _ = message.set_attribute("role", "status");
    dom::set_message(&message, text);
    message
}

/// A chart canvas that keeps the size it was last measured at.
pub(crate) struct SizedChart {
    pub(crate) canvas: ChartCanvas,
    /// Height over width for a width in CSS pixels.
    aspect: fn(f64) -> f64,
    size: Cell<LayerSize>,
}

impl SizedChart {
    /// Measures `canvas`, whose frame must be in the page already.
    pub(crate) fn new(canvas: ChartCanvas, aspect: fn(f64) -> f64) -> SizedChart {
        let size = Cell::new(canvas.measure(aspect));
        SizedChart {
            canvas,
            aspect,
            size,
        }
    }

    /// Measures the chart again (on resize); whether its size changed, so it must be drawn again.
    pub(crate) fn remeasure(&self) -> bool {
        let size = self.canvas.measure(self.aspect);
        let changed = size != self.size.get();
        self.size.set(size);
        changed
    }

    /// Gives the canvas its measured size, and returns the chart colours for the page at that
    /// size's pixel ratio and a backend to draw on it with.
    pub(crate) fn sized(&self) -> (ChartStyle, Option<AnyBackend<'static>>) {
        let size = self.size.get();
        self.canvas.resize(size);
        (
            chart_style(size.pixel_ratio),
            drawing_backend(&self.canvas.canvas),
        )
    }
}

/// What a chart demo's model offers the toolbar, without any DOM.
pub(crate) trait ChartModel {
    /// The settings as URL pairs (the demo's `DemoSettings::write`).
    fn link(&self) -> Vec<(String, String)>;
    /// The run on show as CSV, a header line first.
    fn csv(&self) -> String;
    /// The picture as SVG, drawn by the same code as the canvas.
    fn svg(&self) -> String;
    /// The start of exported file names.
    fn file_stem(&self) -> String;
}

/// What a chart demo's view offers the shared part.
pub(crate) trait ChartView<M> {
    /// The chart, drawn again when the window's size changes it, and the column beside it, where
    /// the toolbar goes.
    fn layout(&self) -> &ChartLayout;
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

impl<M: ChartModel + 'static, V: ChartView<M> + 'static> ChartDemo<M, V> {
    /// The demo of `model` in `view` (already in the figure `figure_id`): with its toolbar, drawn,
    /// and drawn again whenever the window's size changes the chart's.
    pub(crate) fn mount(figure_id: &str, model: M, view: V) -> Rc<Self> {
        let demo = Rc::new(ChartDemo {
            model: RefCell::new(model),
            view,
            toolbar: OnceCell::new(),
            listeners: Listeners::new(),
        });
        let toolbar = Toolbar::attach(&demo.view.layout().side, figure_id, as_demo(&demo));
        let _ = demo.toolbar.set(toolbar);
        demo.draw();
        if let Some(window) = web_sys::window() {
            demo.listeners
                .listen(&demo, window.as_ref(), "resize", |demo, _event| {
                    if demo.view.layout().chart.remeasure() {
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

impl<M: ChartModel, V: ChartView<M>> Demo for ChartDemo<M, V> {
    fn url_settings(&self) -> Vec<(String, String)> {
        self.model.borrow().link()
    }

    fn export_csv(&self) -> String {
        self.model.borrow().csv()
    }

    fn export_svg(&self) -> String {
        self.model.borrow().svg()
    }

    fn export_canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        vec![self.view.layout().chart.canvas.canvas.clone()]
    }

    fn file_stem(&self) -> String {
        self.model.borrow().file_stem()
    }
}
