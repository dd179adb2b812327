//! The step-size sweep: the loss of the digits classifier after one gradient step from the same
//! weights, for step sizes 1e-10 to 1e3, as the lesson's table and as a plot on logarithmic axes,
//! with a slider that picks any step size in between.
//!
//! The gradient is evaluated once (when the digits arrive, or the loss or the weights change), with
//! the scores of the weights and of the gradient; since scores are linear in the weights, the loss
//! after a step of any size is then one pass over the scores (`ClassifierOneStep`), a fortieth of a
//! loss evaluation. So the table's fourteen points and the curve's fifty are all computed in the
//! click that asks for them, and a slider move costs one such pass and one redraw of the chart.

use super::common::{self, ChartCanvas};
use crate::demo::{Demo, EventClosure, Toolbar, as_demo};
use crate::dom;
use crate::format::format_number;
use downhill_core::classifiers::LossKind;
use downhill_core::data::{DEFAULT_N_TEST, DEFAULT_N_VALIDATION, Dataset, PreparedDigits};
use downhill_core::step_size_demos::{
    ClassifierOneStep, SWEEP_WEIGHTS_SEED, log_spaced_step_sizes, sweep_weights,
};
use downhill_plots::step_size::{SweepChart, draw_sweep};
use plotters::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{Element, HtmlButtonElement, HtmlElement, HtmlInputElement, HtmlSelectElement};

/// The step sizes of the sweep, as powers of ten: the document's table ran from 1e-10 to 1e-1, but on
/// the digits (pixels scaled to 0..1) the loss is still falling at 1e-1, so the demo and the lesson's
/// table go on to 1e3 to show where it turns and how fast it then grows. The slider and the axis span
/// the same.
pub(crate) const LOG10_STEP_RANGE: (f64, f64) = downhill_plots::step_size::SWEEP_LOG10_STEP_RANGE;
/// Points per power of ten on the plotted curve between the table's dots.
pub(crate) const CURVE_POINTS_PER_DECADE: usize =
    downhill_plots::step_size::SWEEP_CURVE_POINTS_PER_DECADE;
/// The split the lesson's printed table uses, so the demo's numbers at its defaults are the table's.
const SPLIT_SEED: u64 = 0;
/// The largest weights seed a link may ask for.
const MAX_SEED: usize = 1_000_000;

/// What the sweep computed for the current loss and weights.
struct Computed {
    one_step: ClassifierOneStep,
    table: Vec<(f64, f64)>,
    curve: Vec<(f64, f64)>,
}

struct SweepState {
    loss_kind: LossKind,
    seed: u64,
    log10_step: f64,
    train: Option<Rc<Dataset>>,
    computed: Option<Computed>,
    /// The loss after the chosen step, `None` until the digits are in.
    chosen_loss: Option<f64>,
}

struct SweepView {
    figure: Element,
    chart: ChartCanvas,
    slider: HtmlInputElement,
    slider_output: HtmlElement,
    loss_select: HtmlSelectElement,
    new_weights: HtmlButtonElement,
    table_body: HtmlElement,
    table_caption: HtmlElement,
    readout: HtmlElement,
    message: HtmlElement,
    settings_messages: String,
}

pub struct Sweep {
    state: RefCell<SweepState>,
    view: SweepView,
    toolbar: RefCell<Option<Toolbar>>,
    listeners: RefCell<Vec<EventClosure>>,
}

fn parse_loss(text: &str) -> Option<LossKind> {
    LossKind::ALL.into_iter().find(|kind| kind.name() == text)
}

fn loss_label(kind: LossKind) -> &'static str {
    match kind {
        LossKind::Svm => "SVM",
        LossKind::Softmax => "softmax",
    }
}

/// What a lesson or a link may set: the loss, the seed of the weights and the chosen step size.
pub(crate) struct SweepChoices {
    pub loss_kind: LossKind,
    pub seed: u64,
    pub step: f64,
}

pub(crate) fn read_settings(settings: &crate::settings::Settings) -> SweepChoices {
    let (log_min, log_max) = LOG10_STEP_RANGE;
    SweepChoices {
        loss_kind: settings.choice("loss", LossKind::Svm, "svm, softmax", parse_loss),
        seed: settings.count("seed", 0, MAX_SEED, SWEEP_WEIGHTS_SEED as usize) as u64,
        step: settings.number(
            "step",
            10f64.powf(log_min),
            10f64.powf(log_max),
            downhill_plots::step_size::SWEEP_DEFAULT_STEP,
        ),
    }
}

/// Builds the sweep inside `figure` and starts loading the digits.
pub fn mount(figure: &Element, settings: &crate::settings::Settings) -> Result<Rc<Sweep>, String> {
    let SweepChoices {
        loss_kind,
        seed,
        step,
    } = read_settings(settings);
    let (log_min, log_max) = LOG10_STEP_RANGE;
    let log10_step = step.log10().clamp(log_min, log_max);

    let figure_id = figure.id();
    let controls = dom::element("div", "demo-controls");
    let slider = dom::slider(
        &format!("{figure_id}-step"),
        "step",
        "Step size",
        log_min,
        log_max,
        0.05,
        log10_step,
    );
    let (loss_row, loss_select) = dom::select(
        &format!("{figure_id}-loss"),
        "loss",
        "Loss",
        &[("svm", "SVM (the lesson's table)"), ("softmax", "softmax")],
        loss_kind.name(),
    );
    let buttons = dom::element("div", "demo-buttons");
    let new_weights = dom::button("new-weights", "New random weights");
    dom::append(&buttons, &new_weights);
    dom::append(&controls, &slider.row);
    dom::append(&controls, &loss_row);
    dom::append(&controls, &buttons);

    let chart = ChartCanvas::new(
        "step-size-sweep-chart",
        "Loss after one gradient step against the step size, both on logarithmic axes. Loading the digits.",
    );
    let table = dom::element("table", "step-size-sweep-table");
    let table_caption = dom::element("caption", "");
    dom::append(&table, &table_caption);
    let head = dom::element("thead", "");
    let head_row = dom::element("tr", "");
    for title in ["step size", "loss after the step", ""] {
        let cell = dom::text("th", "", title);
        let _ = cell.set_attribute("scope", "col");
        dom::append(&head_row, &cell);
    }
    dom::append(&head, &head_row);
    dom::append(&table, &head);
    let table_body = dom::element("tbody", "");
    dom::append(&table, &table_body);
    let readout = dom::element("p", "demo-readout");
    let message = dom::text(
        "p",
        "demo-message",
        &format!("Loading the digits… {}", settings.messages().join(" ")),
    );
    let _ = message.set_attribute("role", "status");

    let body = dom::element("div", "demo-body step-size-sweep-body");
    let main = dom::element("div", "step-size-main");
    dom::append(&main, &chart.frame);
    dom::append(&main, &readout);
    dom::append(&body, &main);
    let side = dom::element("div", "demo-side step-size-sweep-side");
    dom::append(&side, &controls);
    dom::append(&side, &table);
    dom::append(&side, &message);
    dom::append(&body, &side);
    common::replace_still(figure, &body);

    let sweep = Rc::new(Sweep {
        state: RefCell::new(SweepState {
            loss_kind,
            seed,
            log10_step,
            train: None,
            computed: None,
            chosen_loss: None,
        }),
        view: SweepView {
            figure: figure.clone(),
            chart,
            slider: slider.input.clone(),
            slider_output: slider.output.clone(),
            loss_select: loss_select.clone(),
            new_weights: new_weights.clone(),
            table_body,
            table_caption,
            readout,
            message,
            settings_messages: settings.messages().join(" "),
        },
        toolbar: RefCell::new(None),
        listeners: RefCell::new(Vec::new()),
    });
    *sweep.toolbar.borrow_mut() = Some(Toolbar::attach(&side, &figure_id, as_demo(&sweep)));
    sweep.show_step_value();
    sweep.draw();
    sweep.listen_to_controls();

    let weak = Rc::downgrade(&sweep);
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = crate::digits::load().await;
        let Some(sweep) = weak.upgrade() else { return };
        let prepared = loaded.and_then(|digits| {
            PreparedDigits::new(&digits, DEFAULT_N_VALIDATION, DEFAULT_N_TEST, SPLIT_SEED)
                .map_err(|error| format!("The digits could not be split: {error}"))
        });
        match prepared {
            Ok(prepared) => {
                sweep.state.borrow_mut().train = Some(Rc::new(prepared.train));
                sweep.recompute();
                sweep.draw();
            }
            Err(reason) => {
                dom::set_message(&sweep.view.message, &reason);
                let _ = sweep.view.figure.class_list().add_1("demo-failed");
            }
        }
    });
    Ok(sweep)
}

impl Sweep {
    fn listen_to_controls(self: &Rc<Self>) {
        let listeners = &self.listeners;
        common::listen(
            self,
            listeners,
            self.view.slider.as_ref(),
            "input",
            |sweep, event| {
                let Some(log10) = common::input_number(event) else {
                    return;
                };
                let started = now();
                sweep.state.borrow_mut().log10_step =
                    log10.clamp(LOG10_STEP_RANGE.0, LOG10_STEP_RANGE.1);
                sweep.show_step_value();
                sweep.update_chosen();
                sweep.draw();
                sweep.record_timing(started);
            },
        );
        common::listen(
            self,
            listeners,
            self.view.slider.as_ref(),
            "change",
            |sweep, _| {
                sweep.write_url();
            },
        );
        common::listen(
            self,
            listeners,
            self.view.loss_select.as_ref(),
            "change",
            |sweep, event| {
                let Some(kind) = common::input_text(event).and_then(|text| parse_loss(&text))
                else {
                    return;
                };
                sweep.state.borrow_mut().loss_kind = kind;
                sweep.recompute();
                sweep.draw();
                sweep.write_url();
            },
        );
        common::listen(
            self,
            listeners,
            self.view.new_weights.as_ref(),
            "click",
            |sweep, _| {
                {
                    let mut state = sweep.state.borrow_mut();
                    state.seed = (state.seed + 1) % (MAX_SEED as u64 + 1);
                }
                sweep.recompute();
                sweep.draw();
                sweep.write_url();
            },
        );
        common::on_scheme_change(self, listeners, |sweep, _| sweep.draw());
        if let Some(window) = web_sys::window() {
            common::listen(self, listeners, window.as_ref(), "resize", |sweep, _| {
                sweep.draw()
            });
        }
    }

    fn write_url(&self) {
        if let Some(toolbar) = self.toolbar.borrow().as_ref() {
            toolbar.write_url(self);
        }
    }

    /// Keeps the time from a slider's input event to the end of drawing, for the speed budget.
    fn record_timing(&self, started: f64) {
        let elapsed = now() - started;
        if elapsed.is_finite() {
            let _ = self
                .view
                .figure
                .set_attribute("data-last-update-ms", &format!("{elapsed:.3}"));
        }
    }

    fn chosen_step(&self) -> f64 {
        common::from_log10(self.state.borrow().log10_step, LOG10_STEP_RANGE)
    }

    fn show_step_value(&self) {
        common::show_value(
            &self.view.slider,
            &self.view.slider_output,
            &format_number(self.chosen_step()),
        );
    }

    /// One gradient at the current weights, the table and the curve: when the digits arrive, the
    /// loss changes or the weights change.
    fn recompute(&self) {
        let started = now();
        self.recompute_sweep();
        let elapsed = now() - started;
        if elapsed.is_finite() {
            let _ = self
                .view
                .figure
                .set_attribute("data-last-sweep-ms", &format!("{elapsed:.3}"));
        }
    }

    fn recompute_sweep(&self) {
        let (train, loss_kind, seed) = {
            let state = self.state.borrow();
            let Some(train) = state.train.clone() else {
                return;
            };
            (train, state.loss_kind, state.seed)
        };
        let weights = sweep_weights(train.n_weights(), seed);
        let Ok(one_step) = ClassifierOneStep::new(loss_kind, &train, 0.0, &weights) else {
            dom::set_message(&self.view.message, "The weights do not fit the digits.");
            return;
        };
        let table = one_step.losses_after(&log_spaced_step_sizes(
            LOG10_STEP_RANGE.0,
            LOG10_STEP_RANGE.1,
            1,
        ));
        // The curve: the table's points and those between them, a pass over the scores each, cheap
        // enough that the whole curve is drawn with the table.
        let between: Vec<f64> = log_spaced_step_sizes(
            LOG10_STEP_RANGE.0,
            LOG10_STEP_RANGE.1,
            CURVE_POINTS_PER_DECADE,
        )
        .into_iter()
        .enumerate()
        .filter(|(index, _)| index % CURVE_POINTS_PER_DECADE != 0)
        .map(|(_, step_size)| step_size)
        .collect();
        let mut curve = table.clone();
        curve.extend(one_step.losses_after(&between));
        downhill_core::short_sort::sort_short_list_by(&mut curve, |left, right| {
            left.0.total_cmp(&right.0).is_lt()
        });
        self.state.borrow_mut().computed = Some(Computed {
            one_step,
            table,
            curve,
        });
        self.update_chosen();
        self.fill_table();
    }

    /// The loss after the slider's step: one pass over the scores.
    fn update_chosen(&self) {
        let step = self.chosen_step();
        let mut state = self.state.borrow_mut();
        let Some(computed) = state.computed.as_ref() else {
            return;
        };
        let loss = computed.one_step.loss_after(step);
        state.chosen_loss = Some(loss);
    }

    fn fill_table(&self) {
        let state = self.state.borrow();
        let Some(computed) = state.computed.as_ref() else {
            return;
        };
        let original = computed.one_step.original_loss;
        self.view.table_caption.set_text_content(Some(&format!(
            "{} loss on the {} training digits after one step; {} before it.",
            loss_label(state.loss_kind),
            train_size(&state),
            format_number(original)
        )));
        let best = best_of(&computed.table);
        self.view.table_body.set_inner_html("");
        for &(step_size, loss) in &computed.table {
            let is_best = best.is_some_and(|(best_step, _)| best_step == step_size);
            let worse = !loss.is_finite() || loss > original;
            let class = if is_best {
                "step-size-sweep-best"
            } else if worse {
                "step-size-sweep-worse"
            } else {
                ""
            };
            let row = dom::element("tr", class);
            dom::append(&row, &dom::text("td", "", &power_of_ten(step_size)));
            dom::append(&row, &dom::text("td", "", &loss_text(loss)));
            let note = if is_best {
                "lowest"
            } else if worse {
                "worse"
            } else {
                ""
            };
            dom::append(&row, &dom::text("td", "", note));
            dom::append(&self.view.table_body, &row);
        }
    }

    fn draw(&self) {
        let state = self.state.borrow();
        let view = &self.view;
        let size = view
            .chart
            .measure(if view.chart.measure(0.6).css_width < 500 {
                0.8
            } else {
                0.62
            });
        view.chart.resize(size);
        let empty: Vec<(f64, f64)> = Vec::new();
        let (table, curve, original) = match state.computed.as_ref() {
            Some(computed) => (
                &computed.table,
                &computed.curve,
                computed.one_step.original_loss,
            ),
            None => (&empty, &empty, f64::NAN),
        };
        let chosen = state.chosen_loss.map(|loss| (self.chosen_step(), loss));
        let chart = SweepChart {
            table,
            curve,
            original_loss: original,
            chosen,
            exponents: LOG10_STEP_RANGE,
        };
        if let Some(backend) = crate::layers::drawing_backend(&view.chart.canvas) {
            let area = backend.into_drawing_area();
            let _ = draw_sweep(&area, &chart, &common::screen_look());
            let _ = area.present();
        }
        let Some(computed) = state.computed.as_ref() else {
            return;
        };
        let step = self.chosen_step();
        let change = match state.chosen_loss {
            Some(loss) if loss.is_finite() && loss < original => "lower than before",
            Some(loss) if loss.is_finite() && loss == original => "no change",
            Some(loss) if loss.is_finite() => "higher than before",
            _ => "not a finite number",
        };
        let chosen_text = state.chosen_loss.map(loss_text).unwrap_or_default();
        view.readout.set_text_content(Some(&format!(
            "Loss before the step: {}. After one step of size {}: {} ({change}).",
            format_number(original),
            format_number(step),
            chosen_text
        )));
        let best_text = best_of(&computed.table)
            .map(|(best_step, best_loss)| {
                format!(
                    " The lowest in the table is {} at step size {}.",
                    format_number(best_loss),
                    power_of_ten(best_step)
                )
            })
            .unwrap_or_default();
        view.chart.set_label(&format!(
            "Loss after one gradient step of the {} classifier against the step size from 1e-10 to \
             1e3, both on logarithmic axes; the dashed line is the loss before the step, {}.{best_text} \
             The ring marks step size {}, loss {}.",
            loss_label(state.loss_kind),
            format_number(original),
            format_number(step),
            chosen_text
        ));
        dom::set_message(&view.message, &view.settings_messages);
    }
}

fn train_size(state: &SweepState) -> String {
    state
        .train
        .as_ref()
        .map(|train| train.len().to_string())
        .unwrap_or_default()
}

/// The table row with the lowest finite loss.
fn best_of(table: &[(f64, f64)]) -> Option<(f64, f64)> {
    table
        .iter()
        .copied()
        .filter(|(_, loss)| loss.is_finite())
        .min_by(|left, right| left.1.total_cmp(&right.1))
}

fn loss_text(loss: f64) -> String {
    if loss.is_finite() {
        format_number(loss)
    } else {
        "overflowed".to_string()
    }
}

/// `1e-7` for a power of ten, as the lesson writes the table's step sizes.
fn power_of_ten(step_size: f64) -> String {
    let exponent = step_size.log10();
    if exponent.is_finite() && (exponent - exponent.round()).abs() < 1e-9 {
        format!("1e{}", exponent.round() as i64)
    } else {
        format_number(step_size)
    }
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map(|performance| performance.now())
        .unwrap_or(f64::NAN)
}

impl Demo for Sweep {
    fn url_settings(&self) -> Vec<(String, String)> {
        let state = self.state.borrow();
        vec![
            ("loss".to_string(), state.loss_kind.name().to_string()),
            ("seed".to_string(), state.seed.to_string()),
            ("step".to_string(), format!("{:.3e}", self.chosen_step())),
        ]
    }

    fn export_csv(&self) -> String {
        let state = self.state.borrow();
        let mut csv = String::from("step_size,loss_after_step,source\n");
        let Some(computed) = state.computed.as_ref() else {
            return csv;
        };
        let mut push = |step: f64, loss: f64, source: &str| {
            if step.is_finite() && loss.is_finite() {
                csv.push_str(&format!("{step:e},{loss},{source}\n"));
            }
        };
        push(0.0, computed.one_step.original_loss, "before the step");
        for &(step, loss) in &computed.table {
            push(step, loss, "table");
        }
        for &(step, loss) in &computed.curve {
            if computed.table.contains(&(step, loss)) {
                continue;
            }
            push(step, loss, "curve");
        }
        if let Some(loss) = state.chosen_loss {
            push(self.chosen_step(), loss, "chosen");
        }
        csv
    }

    fn export_svg(&self) -> String {
        let state = self.state.borrow();
        let empty: Vec<(f64, f64)> = Vec::new();
        let (table, curve, original) = match state.computed.as_ref() {
            Some(computed) => (
                &computed.table,
                &computed.curve,
                computed.one_step.original_loss,
            ),
            None => (&empty, &empty, f64::NAN),
        };
        let chart = SweepChart {
            table,
            curve,
            original_loss: original,
            chosen: state.chosen_loss.map(|loss| (self.chosen_step(), loss)),
            exponents: LOG10_STEP_RANGE,
        };
        downhill_plots::step_size::sweep_svg(&chart, &common::export_look())
    }

    fn export_canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        vec![self.view.chart.canvas.clone()]
    }

    fn file_stem(&self) -> String {
        format!("step-size-sweep-{}", self.state.borrow().loss_kind.name())
    }
}
