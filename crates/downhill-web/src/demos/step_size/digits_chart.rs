//! What the two step-size demos on the digits (the sweep and the learning curves) share: the
//! training digits, split as the lessons split them, and the page's shape, a chart with a readout
//! under it beside a column of controls.

use crate::kit::chart_canvas::ChartCanvas;
use crate::kit::dom;
use downhill_core::data::{DEFAULT_N_TEST, DEFAULT_N_VALIDATION, Dataset, PreparedDigits};
use std::rc::Rc;
use web_sys::{Element, HtmlElement};

/// A chart with a readout under it, beside a side column of controls, and the message line that
/// says the digits are loading: the shape of the sweep and of the learning curves.
pub struct ChartLayout {
    pub body: HtmlElement,
    pub readout: HtmlElement,
    /// Empty: the demo puts its controls and [`ChartLayout::message`] in.
    pub side: HtmlElement,
    pub message: HtmlElement,
}

impl ChartLayout {
    pub fn build(chart: &ChartCanvas, side_class: &str, settings_messages: &str) -> ChartLayout {
        let readout = dom::element("p", "demo-readout");
        let message = dom::text(
            "p",
            "demo-message",
            &format!("Loading the digits… {settings_messages}"),
        );
        let _ = message.set_attribute("role", "status");
        let body = dom::element("div", "demo-body step-size-sweep-body");
        let main = dom::element("div", "step-size-main");
        dom::append(&main, &chart.frame);
        dom::append(&main, &readout);
        dom::append(&body, &main);
        let side = dom::element("div", side_class);
        dom::append(&body, &side);
        ChartLayout {
            body,
            readout,
            side,
            message,
        }
    }
}

/// The split the lessons use, so the demos' numbers at their defaults are the lessons' tables.
const SPLIT_SEED: u64 = 0;

/// Starts loading the digits; when they arrive, `on_loaded` gets their training part (split as the
/// lessons split them) with the demo, if it is still on the page. A failure is said in `message`
/// and marks `figure` as failed.
pub fn load_training_digits<T: 'static>(
    demo: &Rc<T>,
    figure: &Element,
    message: &Element,
    on_loaded: impl FnOnce(&Rc<T>, Rc<Dataset>) + 'static,
) {
    let weak = Rc::downgrade(demo);
    let (figure, message) = (figure.clone(), message.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = training_digits().await;
        let Some(demo) = weak.upgrade() else { return };
        match loaded {
            Ok(train) => on_loaded(&demo, train),
            Err(reason) => {
                dom::set_message(&message, &reason);
                let _ = figure.class_list().add_1("demo-failed");
            }
        }
    });
}

async fn training_digits() -> Result<Rc<Dataset>, String> {
    let digits = crate::digits::load().await?;
    PreparedDigits::new(&digits, DEFAULT_N_VALIDATION, DEFAULT_N_TEST, SPLIT_SEED)
        .map(|prepared| Rc::new(prepared.train))
        .map_err(|error| format!("The digits could not be split: {error}"))
}
