//! The interactive gradient check: a table row per checked parameter (analytic derivative, forward
//! and centered differences, their relative errors coloured by the lesson's bands, a kink flag), a
//! plot of the relative error against the step h, and switches that plant a bug in the analytic
//! gradient so the check is seen to catch it.
//!
//! Every number comes from `downhill_core::gradient::workbench`. Nothing here animates: each control
//! recomputes what it affects at once, and no more. Moving h evaluates eight rows of two losses
//! each; the curve against h is evaluated again only when the function, point, digits, precision
//! or row change. The loss evaluations are kept without the regularization (`Probe`), so moving
//! the regularization or planting a bug evaluates no loss at all: the rows and the curve are put
//! back together from the kept values, to the same last digit.

use crate::demo::{Demo, EventClosure, Toolbar, as_demo};
use crate::dom;
use crate::number_text::parse_number;
use downhill_core::data::{DEFAULT_N_TEST, DEFAULT_N_VALIDATION, Dataset, PreparedDigits};
use downhill_core::gradient::check::ErrorBand;
use downhill_core::gradient::workbench::{
    CheckFunction, ErrorAtStep, MAX_EXAMPLES, PlantedBugs, Precision, Probe, Workbench,
    WorkbenchRow, log_spaced_steps, worst_centered_error_away_from_kinks,
};
use downhill_plots::gradient_check::{
    DARK_THEME, ErrorPlot, LIGHT_THEME, LOG10_H_RANGE, STEPS_PER_DECADE, draw_error_plot_curves,
    draw_error_plot_frame, draw_error_plot_legend, draw_error_plot_marks, error_plot_svg,
};
use plotters::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, HtmlCanvasElement, HtmlElement, HtmlInputElement, HtmlSelectElement};

/// The lesson's step, h = 1e-5.
const DEFAULT_H: f64 = 1e-5;
/// The regularization slider, as powers of ten; its lowest notch means no regularization at all, so
/// the data loss can be checked alone, as the lesson advises first.
const LOG10_REG_RANGE: (f64, f64) = (-7.0, 1.0);
const DEFAULT_REG: f64 = 1e-3;
/// Regularization below this is the slider's "off" notch.
const REG_OFF_BELOW: f64 = 1.5e-7;
const DEFAULT_EXAMPLES: usize = 3;
/// The split the digits are prepared with (which 1,077 images are the training set).
const SPLIT_SEED: u64 = 0;
/// The largest seed a link may ask for.
const MAX_SEED: usize = 1_000_000;
/// Width over height of the plot: wide on a laptop, taller on a phone so the curves keep their
/// shape.
const PLOT_ASPECT_RATIO: f64 = 2.0;
const NARROW_PLOT_ASPECT_RATIO: f64 = 1.3;
/// Plots narrower than this (CSS pixels) take the narrow aspect ratio.
const NARROW_PLOT_WIDTH: u32 = 520;

/// Everything the reader chose: what the URL records.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Choices {
    pub(crate) function: CheckFunction,
    pub(crate) precision: Precision,
    pub(crate) h: f64,
    pub(crate) reg: f64,
    pub(crate) n_examples: usize,
    pub(crate) seed: u64,
    pub(crate) bugs: PlantedBugs,
    /// Which row the plot against h is for.
    pub(crate) selected_row: usize,
}

impl Default for Choices {
    fn default() -> Choices {
        Choices {
            function: CheckFunction::Softmax,
            precision: Precision::Double,
            h: DEFAULT_H,
            reg: DEFAULT_REG,
            n_examples: DEFAULT_EXAMPLES,
            seed: 0,
            bugs: PlantedBugs::default(),
            selected_row: 0,
        }
    }
}

struct Model {
    choices: Choices,
    /// The prepared training digits, once loaded.
    train: Option<Rc<Dataset>>,
    /// Why the digits could not be loaded, if they could not.
    digits_problem: Option<String>,
    /// `None` while a digits loss waits for its data.
    workbench: Option<Workbench>,
    /// The loss evaluations behind the rows and the curve, without the regularization: a move of
    /// the regularization or a planted bug reuses them and evaluates no loss again.
    row_probes: Vec<Probe>,
    curve_probes: Vec<Probe>,
    rows: Vec<WorkbenchRow>,
    curve: Vec<ErrorAtStep>,
}

impl Model {
    /// Rebuilds the function at its point (after a change of function, examples, regularization,
    /// seed, or when the digits arrive), then everything computed from it.
    fn rebuild(&mut self) -> Result<(), String> {
        let choices = self.choices;
        self.workbench = None;
        self.row_probes.clear();
        self.curve_probes.clear();
        self.rows.clear();
        self.curve.clear();
        let workbench = if choices.function.uses_digits() {
            match (&self.train, &self.digits_problem) {
                (Some(train), _) => Workbench::classifier(
                    choices.function,
                    train,
                    choices.n_examples,
                    choices.reg,
                    choices.seed,
                )?,
                (None, Some(problem)) => return Err(problem.clone()),
                (None, None) => return Ok(()),
            }
        } else {
            Workbench::new(choices.function, choices.seed)?
        };
        let last_row = workbench.coordinates().len().saturating_sub(1);
        self.choices.selected_row = self.choices.selected_row.min(last_row);
        self.workbench = Some(workbench);
        self.recompute_rows();
        self.recompute_curve();
        Ok(())
    }

    fn recompute_rows(&mut self) {
        let choices = self.choices;
        self.row_probes = self
            .workbench
            .as_ref()
            .map(|workbench| workbench.row_probes(choices.h, choices.precision))
            .unwrap_or_default();
        self.rows_from_probes();
    }

    fn recompute_curve(&mut self) {
        let choices = self.choices;
        self.curve_probes = match &self.workbench {
            Some(workbench) => {
                let index = workbench
                    .coordinates()
                    .get(choices.selected_row)
                    .copied()
                    .unwrap_or(0);
                let steps = log_spaced_steps(LOG10_H_RANGE.0, LOG10_H_RANGE.1, STEPS_PER_DECADE);
                workbench.curve_probes(index, &steps, choices.precision)
            }
            None => Vec::new(),
        };
        self.curve_from_probes();
    }

    /// The rows from the kept probes, at the current regularization and bugs.
    fn rows_from_probes(&mut self) {
        let bugs = self.choices.bugs;
        self.rows = self
            .workbench
            .as_ref()
            .map(|workbench| workbench.rows_from(&self.row_probes, bugs))
            .unwrap_or_default();
    }

    fn curve_from_probes(&mut self) {
        let bugs = self.choices.bugs;
        self.curve = self
            .workbench
            .as_ref()
            .map(|workbench| workbench.curve_from(&self.curve_probes, bugs))
            .unwrap_or_default();
    }

    /// A new regularization strength: the same digits and point, so the kept probes serve and no
    /// loss is evaluated again. Returns whether that was possible (otherwise the caller rebuilds).
    fn change_reg(&mut self, reg: f64) -> bool {
        self.choices.reg = reg;
        let Some(workbench) = self.workbench.as_mut() else {
            return false;
        };
        if !workbench.function().uses_digits() || workbench.set_reg(reg).is_err() {
            return false;
        }
        self.rows_from_probes();
        self.curve_from_probes();
        true
    }

    fn selected_parameter(&self) -> String {
        self.workbench
            .as_ref()
            .and_then(|workbench| {
                let index = *workbench.coordinates().get(self.choices.selected_row)?;
                Some(workbench.parameter_name(index))
            })
            .unwrap_or_else(|| "a parameter".to_string())
    }
}

/// One row of the table, built once per function and updated in place, so a focused button keeps
/// its focus while h moves.
struct TableRow {
    row: HtmlElement,
    select_button: HtmlElement,
    /// Analytic, centered, centered error, forward, forward error, kink: the recommended
    /// difference first, so a phone shows it without scrolling.
    cells: [HtmlElement; 6],
}

struct Controls {
    function: HtmlSelectElement,
    precision: HtmlSelectElement,
    h: HtmlInputElement,
    h_output: HtmlElement,
    reg: HtmlInputElement,
    reg_output: HtmlElement,
    reg_row: HtmlElement,
    examples: HtmlInputElement,
    examples_output: HtmlElement,
    examples_row: HtmlElement,
    bug_mean: HtmlInputElement,
    bug_sign: HtmlInputElement,
    bug_reg: HtmlInputElement,
}

struct View {
    figure: Element,
    frame: HtmlElement,
    /// Axes, bands and curves.
    canvas: HtmlCanvasElement,
    /// Background, bands, axes and their labels, drawn off screen only when the size or the theme
    /// changes and copied onto `canvas` before each new curve: the copy costs a fraction of drawing
    /// the axes' labels again, and the curves are drawn on the same opaque canvas as before, so the
    /// picture is the same to the last pixel.
    axes: HtmlCanvasElement,
    /// The current h and the dots on the curves, over `canvas`.
    marks: HtmlCanvasElement,
    table_body: HtmlElement,
    table_rows: Vec<TableRow>,
    summary: HtmlElement,
    message: HtmlElement,
    controls: Controls,
    /// CSS width of the plot (0 until first measured): measured at the first drawing and on resize.
    drawn_width: u32,
    /// Device width, device height and dark theme of the axes layer as last drawn: while they hold,
    /// a new curve leaves that layer alone.
    axes_drawn_for: Option<(u32, u32, bool)>,
}

pub struct GradientCheck {
    model: RefCell<Model>,
    view: RefCell<View>,
    toolbar: RefCell<Option<Toolbar>>,
    listeners: RefCell<Vec<EventClosure>>,
    /// The settings the page started with, for the reset button.
    initial: Choices,
    /// Problems with the settings from the link, shown until the next change.
    settings_messages: String,
}

/// Reads the demo's settings, with a message for each one that had to be corrected.
pub(crate) fn read_choices(settings: &crate::settings::Settings) -> Choices {
    let defaults = Choices::default();
    let known_functions = CheckFunction::ALL.map(CheckFunction::name).join(", ");
    let function = settings.choice("function", defaults.function, &known_functions, |name| {
        name.parse().ok()
    });
    let precision = settings.choice("precision", defaults.precision, "f64, f32", |name| {
        name.parse().ok()
    });
    let (h_min, h_max) = LOG10_H_RANGE;
    let h = settings.number("h", 10f64.powf(h_min), 10f64.powf(h_max), DEFAULT_H);
    let reg = settings.number("reg", 0.0, 10f64.powf(LOG10_REG_RANGE.1), DEFAULT_REG);
    let reg = if reg < REG_OFF_BELOW { 0.0 } else { reg };
    let n_examples = settings.count("examples", 1, MAX_EXAMPLES, DEFAULT_EXAMPLES);
    let seed = settings.count("seed", 0, MAX_SEED, 0) as u64;
    let bugs = PlantedBugs {
        dropped_mean: settings.flag("bug-mean", false),
        flipped_sign: settings.flag("bug-sign", false),
        no_regularization: settings.flag("bug-reg", false),
    };
    let selected_row = settings.count("row", 0, 7, 0);
    Choices {
        function,
        precision,
        h,
        reg,
        n_examples,
        seed,
        bugs,
        selected_row,
    }
}

/// Builds the demo inside `figure`, replacing its still, and starts loading the digits.
pub fn mount(
    figure: &Element,
    settings: &crate::settings::Settings,
) -> Result<Rc<GradientCheck>, String> {
    let choices = read_choices(settings);
    let figure_id = figure.id();
    let id = |suffix: &str| format!("{figure_id}-{suffix}");

    let controls_box = dom::element("div", "demo-controls");
    let function_options: Vec<(&str, &str)> = CheckFunction::ALL
        .iter()
        .map(|function| (function.name(), function.label()))
        .collect();
    let (function_row, function_select) = dom::select(
        &id("function"),
        "function",
        "Function",
        &function_options,
        choices.function.name(),
    );
    let (precision_row, precision_select) = dom::select(
        &id("precision"),
        "precision",
        "Precision of the losses",
        &[("f64", "f64 (double)"), ("f32", "f32 (single)")],
        choices.precision.name(),
    );
    let h_slider = dom::slider(
        &id("h"),
        "h",
        "Step h",
        LOG10_H_RANGE.0,
        LOG10_H_RANGE.1,
        0.1,
        choices.h.log10(),
    );
    let reg_slider = dom::slider(
        &id("reg"),
        "reg",
        "Regularization strength",
        LOG10_REG_RANGE.0,
        LOG10_REG_RANGE.1,
        0.1,
        reg_to_slider(choices.reg),
    );
    let examples_slider = dom::slider(
        &id("examples"),
        "examples",
        "Digits in the loss (N)",
        1.0,
        MAX_EXAMPLES as f64,
        1.0,
        choices.n_examples as f64,
    );
    let bugs_box = dom::element("fieldset", "gradient-check-bugs");
    dom::append(
        &bugs_box,
        &dom::text("legend", "", "Plant a bug in the analytic gradient"),
    );
    let bug_mean = checkbox(
        &bugs_box,
        &id("bug-mean"),
        "bug-mean",
        "Drop the 1/N of the mean",
    );
    let bug_sign = checkbox(
        &bugs_box,
        &id("bug-sign"),
        "bug-sign",
        "Flip the sign of the data gradient",
    );
    let bug_reg = checkbox(
        &bugs_box,
        &id("bug-reg"),
        "bug-reg",
        "Leave out the regularization",
    );
    let buttons = dom::element("div", "demo-buttons");
    let new_point = dom::button("new-point", "New point");
    let _ = new_point.set_attribute("title", "Check at another random point (and other digits)");
    let reset = dom::button("reset", "Reset");
    let _ = reset.set_attribute("title", "Back to the lesson's settings");
    dom::append(&buttons, &new_point);
    dom::append(&buttons, &reset);
    for row in [
        &function_row,
        &precision_row,
        &h_slider.row,
        &reg_slider.row,
        &examples_slider.row,
    ] {
        dom::append(&controls_box, row);
    }

    let frame = dom::element("div", "gradient-check-plot-frame");
    let _ = frame.set_attribute("role", "img");
    let _ = frame.set_attribute(
        "aria-label",
        "Plot of the relative error against the step h.",
    );
    let canvas: HtmlCanvasElement = dom::element("canvas", "gradient-check-plot").unchecked_into();
    dom::append(&frame, &canvas);
    // Never added to the page.
    let axes: HtmlCanvasElement =
        dom::element("canvas", "gradient-check-plot-axes").unchecked_into();
    let marks: HtmlCanvasElement =
        dom::element("canvas", "gradient-check-plot-marks").unchecked_into();
    dom::append(&frame, &marks);

    let table_wrap = dom::element("div", "gradient-check-table-wrap");
    let _ = table_wrap.set_attribute("role", "region");
    let _ = table_wrap.set_attribute("aria-label", "Gradient check table");
    // A scrollable box must be reachable by keyboard to scroll on a phone.
    let _ = table_wrap.set_attribute("tabindex", "0");
    let table = dom::element("table", "gradient-check-table");
    let head = dom::element("thead", "");
    let head_row = dom::element("tr", "");
    for (label, title) in [
        (
            "Parameter",
            "The parameter checked; press to plot its error against h",
        ),
        ("Analytic", "The analytic derivative (with any planted bug)"),
        ("Centered", "(f(x + h) - f(x - h)) / 2h"),
        (
            "Rel. error, centered",
            "Relative error of the centered difference",
        ),
        ("Forward", "(f(x + h) - f(x)) / h"),
        (
            "Rel. error, forward",
            "Relative error of the forward difference",
        ),
        ("Kink", "Whether a max(0, .) switched sides within h"),
    ] {
        let cell = dom::text("th", "", label);
        let _ = cell.set_attribute("scope", "col");
        let _ = cell.set_attribute("title", title);
        dom::append(&head_row, &cell);
    }
    dom::append(&head, &head_row);
    dom::append(&table, &head);
    let table_body = dom::element("tbody", "");
    dom::append(&table, &table_body);
    dom::append(&table_wrap, &table);

    let summary = dom::element("p", "gradient-check-summary");
    let _ = summary.set_attribute("aria-live", "polite");
    let message = dom::element("p", "demo-message");
    let _ = message.set_attribute("role", "status");

    let caption = figure.query_selector("figcaption").ok().flatten();
    figure.set_inner_html("");
    // The plot across the whole width, the controls under it in two columns (one on a phone), then
    // the verdict and the table.
    dom::append(figure, &frame);
    let panel = dom::element("div", "gradient-check-panel");
    dom::append(&panel, &controls_box);
    let side = dom::element("div", "gradient-check-side");
    dom::append(&side, &bugs_box);
    dom::append(&side, &buttons);
    dom::append(&side, &message);
    dom::append(&panel, &side);
    dom::append(figure, &panel);
    dom::append(figure, &summary);
    dom::append(figure, &table_wrap);
    if let Some(caption) = caption {
        dom::append(figure, &caption);
    }
    let _ = figure.class_list().add_1("demo-live");

    let demo = Rc::new(GradientCheck {
        model: RefCell::new(Model {
            choices,
            train: None,
            digits_problem: None,
            workbench: None,
            row_probes: Vec::new(),
            curve_probes: Vec::new(),
            rows: Vec::new(),
            curve: Vec::new(),
        }),
        view: RefCell::new(View {
            figure: figure.clone(),
            frame,
            canvas,
            axes,
            marks,
            table_body,
            table_rows: Vec::new(),
            summary,
            message,
            controls: Controls {
                function: function_select.clone(),
                precision: precision_select.clone(),
                h: h_slider.input.clone(),
                h_output: h_slider.output,
                reg: reg_slider.input.clone(),
                reg_output: reg_slider.output,
                reg_row: reg_slider.row,
                examples: examples_slider.input.clone(),
                examples_output: examples_slider.output,
                examples_row: examples_slider.row,
                bug_mean: bug_mean.clone(),
                bug_sign: bug_sign.clone(),
                bug_reg: bug_reg.clone(),
            },
            drawn_width: 0,
            axes_drawn_for: None,
        }),
        toolbar: RefCell::new(None),
        listeners: RefCell::new(Vec::new()),
        initial: choices,
        settings_messages: settings.messages().join(" "),
    });
    let toolbar = Toolbar::attach(&side, figure_id.as_str(), as_demo(&demo));
    *demo.toolbar.borrow_mut() = Some(toolbar);

    demo.sync_controls();
    demo.rebuild_and_show();
    demo.listen_to_controls(&new_point, &reset);
    listen_to_rows(&demo);
    demo.load_digits();
    Ok(demo)
}

/// A labelled checkbox appended to `parent`.
fn checkbox(parent: &Element, id: &str, name: &str, label: &str) -> HtmlInputElement {
    let row = dom::element("div", "gradient-check-switch");
    let input: HtmlInputElement = dom::element("input", "").unchecked_into();
    input.set_type("checkbox");
    input.set_id(id);
    input.set_name(name);
    let label_element = dom::text("label", "", label);
    let _ = label_element.set_attribute("for", id);
    dom::append(&row, &input);
    dom::append(&row, &label_element);
    dom::append(parent, &row);
    input
}

/// The regularization slider's position for a strength (its lowest notch is 0).
fn reg_to_slider(reg: f64) -> f64 {
    if reg < REG_OFF_BELOW {
        LOG10_REG_RANGE.0
    } else {
        reg.log10().clamp(LOG10_REG_RANGE.0, LOG10_REG_RANGE.1)
    }
}

fn slider_to_reg(position: f64) -> f64 {
    let position = position.clamp(LOG10_REG_RANGE.0, LOG10_REG_RANGE.1);
    if position <= LOG10_REG_RANGE.0 + 0.05 {
        0.0
    } else {
        10f64.powf(position)
    }
}

/// A derivative as the table shows it: seven significant digits, so agreement can be read digit by
/// digit. Never NaN or infinity on the page.
fn derivative_text(value: f64) -> String {
    if !value.is_finite() {
        "—".to_string()
    } else if value == 0.0 {
        "0".to_string()
    } else {
        format!("{value:.6e}")
    }
}

/// A derivative on a phone's narrow table: four significant digits.
fn short_derivative_text(value: f64) -> String {
    if !value.is_finite() {
        "—".to_string()
    } else if value == 0.0 {
        "0".to_string()
    } else {
        format!("{value:.3e}")
    }
}

/// A relative error: three significant digits.
fn error_text(value: f64) -> String {
    if !value.is_finite() {
        "—".to_string()
    } else if value == 0.0 {
        "0".to_string()
    } else {
        format!("{value:.2e}")
    }
}

/// A step or strength: `1e-5`, or `3.16e-5` between powers of ten.
fn step_text(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    let exponent = value.log10();
    if (exponent - exponent.round()).abs() < 1e-9 {
        format!("1e{}", exponent.round() as i64)
    } else {
        format!("{value:.2e}")
    }
}

fn band_class(band: ErrorBand) -> &'static str {
    match band {
        ErrorBand::Wrong => "gradient-check-band-wrong",
        ErrorBand::Uneasy => "gradient-check-band-uneasy",
        ErrorBand::FineWithKinks => "gradient-check-band-kinks",
        ErrorBand::Good => "gradient-check-band-good",
    }
}

/// The value of an event's target input.
fn input_value(event: &web_sys::Event) -> Option<String> {
    let target = event.target()?;
    if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
        return Some(input.value());
    }
    target
        .dyn_ref::<HtmlSelectElement>()
        .map(HtmlSelectElement::value)
}

impl GradientCheck {
    fn listen(
        self: &Rc<Self>,
        target: &web_sys::EventTarget,
        event_name: &str,
        handler: impl Fn(&Rc<GradientCheck>, &web_sys::Event) + 'static,
    ) {
        let weak = Rc::downgrade(self);
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            if let Some(demo) = weak.upgrade() {
                handler(&demo, &event);
            }
        });
        if target
            .add_event_listener_with_callback(event_name, closure.as_ref().unchecked_ref())
            .is_ok()
        {
            self.listeners.borrow_mut().push(closure);
        }
    }

    fn listen_to_controls(
        self: &Rc<Self>,
        new_point: &web_sys::HtmlButtonElement,
        reset: &web_sys::HtmlButtonElement,
    ) {
        let (function, precision, h, reg, examples, bug_mean, bug_sign, bug_reg) = {
            let view = self.view.borrow();
            let controls = &view.controls;
            (
                controls.function.clone(),
                controls.precision.clone(),
                controls.h.clone(),
                controls.reg.clone(),
                controls.examples.clone(),
                controls.bug_mean.clone(),
                controls.bug_sign.clone(),
                controls.bug_reg.clone(),
            )
        };
        self.listen(function.as_ref(), "change", |demo, event| {
            let Some(function) = input_value(event).and_then(|name| name.parse().ok()) else {
                return;
            };
            demo.model.borrow_mut().choices.function = function;
            demo.model.borrow_mut().choices.selected_row = 0;
            demo.rebuild_and_show();
            demo.write_url();
        });
        self.listen(precision.as_ref(), "change", |demo, event| {
            let Some(precision) = input_value(event).and_then(|name| name.parse().ok()) else {
                return;
            };
            demo.model.borrow_mut().choices.precision = precision;
            demo.recompute_and_show(true);
            demo.write_url();
        });
        self.listen(h.as_ref(), "input", |demo, event| {
            let Some(position) = input_value(event).and_then(|text| parse_number(&text)) else {
                return;
            };
            let position = position.clamp(LOG10_H_RANGE.0, LOG10_H_RANGE.1);
            // Whole and tenth decades read as 1e-5 and 3.16e-5 rather than 9.999999e-6.
            let h = 10f64.powf((position * 10.0).round() / 10.0);
            demo.model.borrow_mut().choices.h = h;
            demo.recompute_and_show(false);
        });
        self.listen(reg.as_ref(), "input", |demo, event| {
            let Some(position) = input_value(event).and_then(|text| parse_number(&text)) else {
                return;
            };
            demo.change_reg(slider_to_reg(position));
        });
        self.listen(examples.as_ref(), "input", |demo, event| {
            let Some(count) = input_value(event).and_then(|text| parse_number(&text)) else {
                return;
            };
            demo.model.borrow_mut().choices.n_examples =
                (count.round() as usize).clamp(1, MAX_EXAMPLES);
            demo.rebuild_and_show();
        });
        for input in [&h, &reg, &examples] {
            self.listen(input.as_ref(), "change", |demo, _event| demo.write_url());
        }
        for input in [&bug_mean, &bug_sign, &bug_reg] {
            self.listen(input.as_ref(), "change", |demo, _event| {
                let bugs = {
                    let view = demo.view.borrow();
                    PlantedBugs {
                        dropped_mean: view.controls.bug_mean.checked(),
                        flipped_sign: view.controls.bug_sign.checked(),
                        no_regularization: view.controls.bug_reg.checked(),
                    }
                };
                demo.change_bugs(bugs);
                demo.write_url();
            });
        }
        self.listen(new_point.as_ref(), "click", |demo, _event| {
            {
                let mut model = demo.model.borrow_mut();
                model.choices.seed = (model.choices.seed + 1) % (MAX_SEED as u64 + 1);
            }
            demo.rebuild_and_show();
            demo.write_url();
        });
        self.listen(reset.as_ref(), "click", |demo, _event| {
            demo.model.borrow_mut().choices = demo.initial;
            demo.sync_controls();
            demo.rebuild_and_show();
            demo.write_url();
        });
        if let Some(window) = web_sys::window() {
            self.listen(window.as_ref(), "resize", |demo, _event| {
                let width = demo.plot_css_width();
                if width != demo.view.borrow().drawn_width {
                    demo.view.borrow_mut().drawn_width = width;
                    demo.draw_plot();
                }
            });
            if let Ok(Some(dark)) = window.match_media("(prefers-color-scheme: dark)") {
                self.listen(dark.as_ref(), "change", |demo, _event| demo.draw_plot());
            }
        }
    }

    /// Starts loading the digits; the digits losses show a note until they arrive.
    fn load_digits(self: &Rc<Self>) {
        let weak = Rc::downgrade(self);
        wasm_bindgen_futures::spawn_local(async move {
            let loaded = crate::digits::load().await.and_then(|digits| {
                PreparedDigits::new(&digits, DEFAULT_N_VALIDATION, DEFAULT_N_TEST, SPLIT_SEED)
                    .map(|prepared| Rc::new(prepared.train))
                    .map_err(|error| format!("The digits could not be prepared: {error}"))
            });
            let Some(demo) = weak.upgrade() else { return };
            {
                let mut model = demo.model.borrow_mut();
                match loaded {
                    Ok(train) => model.train = Some(train),
                    Err(problem) => model.digits_problem = Some(problem),
                }
            }
            if demo.model.borrow().choices.function.uses_digits() {
                demo.rebuild_and_show();
            }
        });
    }

    fn write_url(&self) {
        if let Some(toolbar) = self.toolbar.borrow().as_ref() {
            toolbar.write_url(self);
        }
    }

    /// Puts the model's choices into the controls (at mount and after a reset).
    fn sync_controls(&self) {
        let choices = self.model.borrow().choices;
        let view = self.view.borrow();
        let controls = &view.controls;
        controls.function.set_value(choices.function.name());
        controls.precision.set_value(choices.precision.name());
        controls.h.set_value(&format!("{:.1}", choices.h.log10()));
        controls
            .reg
            .set_value(&format!("{:.1}", reg_to_slider(choices.reg)));
        controls.examples.set_value(&choices.n_examples.to_string());
        controls.bug_mean.set_checked(choices.bugs.dropped_mean);
        controls.bug_sign.set_checked(choices.bugs.flipped_sign);
        controls.bug_reg.set_checked(choices.bugs.no_regularization);
    }

    /// After a change of function, point, data or regularization: everything.
    fn rebuild_and_show(&self) {
        let started = now();
        let problem = self.model.borrow_mut().rebuild().err();
        self.build_table_rows();
        self.show(problem);
        self.record_time(started);
    }

    /// After a move of the regularization: the kept probes give the new rows and curve.
    fn change_reg(&self, reg: f64) {
        let started = now();
        let reused = self.model.borrow_mut().change_reg(reg);
        if reused {
            self.show(None);
            self.record_time(started);
        } else {
            self.rebuild_and_show();
        }
    }

    /// After planting or removing a bug: only the analytic side changes, so the kept probes serve.
    fn change_bugs(&self, bugs: PlantedBugs) {
        let started = now();
        {
            let mut model = self.model.borrow_mut();
            model.choices.bugs = bugs;
            model.rows_from_probes();
            model.curve_from_probes();
        }
        self.show(None);
        self.record_time(started);
    }

    /// After a change of h (`with_curve` false) or of precision (true).
    fn recompute_and_show(&self, with_curve: bool) {
        let started = now();
        {
            let mut model = self.model.borrow_mut();
            model.recompute_rows();
            if with_curve {
                model.recompute_curve();
            }
        }
        if with_curve {
            self.show(None);
        } else {
            // Only h moved: the curves and axes stay, the marks move.
            self.show_control_values();
            self.fill_table();
            self.show_summary(None);
            self.draw_marks();
        }
        self.record_time(started);
    }

    /// Leaves the time of the last update on the figure, for the speed harness.
    fn record_time(&self, started: f64) {
        let elapsed = now() - started;
        if elapsed.is_finite() {
            let _ = self
                .view
                .borrow()
                .figure
                .set_attribute("data-update-ms", &format!("{elapsed:.3}"));
        }
    }

    fn show(&self, problem: Option<String>) {
        self.show_control_values();
        self.fill_table();
        self.show_summary(problem);
        self.draw_plot();
    }

    fn show_control_values(&self) {
        let model = self.model.borrow();
        let choices = model.choices;
        let view = self.view.borrow();
        let controls = &view.controls;
        let h_text = step_text(choices.h);
        controls.h_output.set_text_content(Some(&h_text));
        let _ = controls.h.set_attribute("aria-valuetext", &h_text);
        let reg_text = if choices.reg == 0.0 {
            "0 (off)".to_string()
        } else {
            step_text(choices.reg)
        };
        controls.reg_output.set_text_content(Some(&reg_text));
        let _ = controls.reg.set_attribute("aria-valuetext", &reg_text);
        let examples_text = choices.n_examples.to_string();
        controls
            .examples_output
            .set_text_content(Some(&examples_text));
        // The digits-only controls stay in place but are disabled for the other functions, so the
        // layout does not jump; a surface has no mean over examples and no regularization.
        let classifier = choices.function.uses_digits();
        for input in [
            &controls.reg,
            &controls.examples,
            &controls.bug_mean,
            &controls.bug_reg,
        ] {
            input.set_disabled(!classifier);
        }
        for row in [&controls.reg_row, &controls.examples_row] {
            let _ = row
                .class_list()
                .toggle_with_force("gradient-check-inactive", !classifier);
        }
    }

    /// Creates one table row per checked parameter (after the function or point changed).
    fn build_table_rows(&self) {
        let model = self.model.borrow();
        let mut view = self.view.borrow_mut();
        view.table_body.set_inner_html("");
        view.table_rows.clear();
        let Some(workbench) = model.workbench.as_ref() else {
            return;
        };
        let mut rows = Vec::new();
        for (row_idx, &index) in workbench.coordinates().iter().enumerate() {
            let row = dom::element("tr", "");
            let head = dom::element("th", "");
            let _ = head.set_attribute("scope", "row");
            let select_button = dom::text(
                "button",
                "gradient-check-row-button",
                &workbench.parameter_name(index),
            );
            let _ = select_button.set_attribute("type", "button");
            let _ = select_button.set_attribute("data-row", &row_idx.to_string());
            let _ = select_button
                .set_attribute("title", "Plot this parameter's relative error against h");
            dom::append(&head, &select_button);
            dom::append(&row, &head);
            let cells = std::array::from_fn(|cell_idx| {
                let cell = dom::element("td", "");
                // Derivatives in full, and shorter for a phone (CSS shows one of the two).
                if matches!(cell_idx, 0 | 1 | 3) {
                    dom::append(&cell, &dom::element("span", "gradient-check-long"));
                    dom::append(&cell, &dom::element("span", "gradient-check-short"));
                }
                dom::append(&row, &cell);
                cell
            });
            dom::append(&view.table_body, &row);
            rows.push(TableRow {
                row,
                select_button,
                cells,
            });
        }
        view.table_rows = rows;
    }

    fn fill_table(&self) {
        let model = self.model.borrow();
        let view = self.view.borrow();
        let uses_kinks = model.choices.function.has_kinks();
        for (row_idx, (table_row, row)) in view.table_rows.iter().zip(&model.rows).enumerate() {
            let selected = row_idx == model.choices.selected_row;
            let _ = table_row
                .row
                .class_list()
                .toggle_with_force("gradient-check-selected", selected);
            let _ = table_row
                .select_button
                .set_attribute("aria-pressed", if selected { "true" } else { "false" });
            for (cell, value) in [
                (&table_row.cells[0], row.analytic),
                (&table_row.cells[1], row.centered),
                (&table_row.cells[3], row.forward),
            ] {
                let (long, short) = (derivative_text(value), short_derivative_text(value));
                if let (Some(long_span), Some(short_span)) =
                    (cell.first_element_child(), cell.last_element_child())
                {
                    set_text_if_changed(&long_span, &long);
                    set_text_if_changed(&short_span, &short);
                }
            }
            for (cell, error, band) in [
                (&table_row.cells[2], row.centered_error, row.centered_band()),
                (&table_row.cells[4], row.forward_error, row.forward_band()),
            ] {
                cell.set_class_name(&format!("gradient-check-error {}", band_class(band)));
                cell.set_text_content(None);
                dom::append(cell, &dom::text("span", "", &error_text(error)));
                dom::append(
                    cell,
                    &dom::text("span", "gradient-check-band-name", band.describe()),
                );
            }
            let kink_text = if row.kink_crossed {
                "crossed"
            } else if uses_kinks {
                "no"
            } else {
                "none"
            };
            table_row.cells[5].set_class_name(if row.kink_crossed {
                "gradient-check-kink"
            } else {
                ""
            });
            set_text_if_changed(&table_row.cells[5], kink_text);
        }
    }

    fn show_summary(&self, problem: Option<String>) {
        let model = self.model.borrow();
        let view = self.view.borrow();
        let choices = model.choices;
        let mut messages = Vec::new();
        if !self.settings_messages.is_empty() {
            messages.push(self.settings_messages.clone());
        }
        if let Some(problem) = problem {
            messages.push(problem);
        }
        let Some(workbench) = model.workbench.as_ref() else {
            if choices.function.uses_digits() && messages.is_empty() {
                messages.push("Loading the digits...".to_string());
            }
            view.summary.set_text_content(Some(""));
            dom::set_message(&view.message, &messages.join(" "));
            return;
        };
        let applied = workbench.applicable(choices.bugs);
        if choices.bugs != applied {
            messages.push(
                "This function has no mean over examples and no regularization: only the \
                 flipped sign applies to it."
                    .to_string(),
            );
        }
        dom::set_message(&view.message, &messages.join(" "));

        let worst = worst_centered_error_away_from_kinks(&model.rows);
        let band = ErrorBand::of(worst);
        let kinks = model.rows.iter().filter(|row| row.kink_crossed).count();
        let verdict = match band {
            ErrorBand::Wrong => "the gradient is probably wrong.",
            ErrorBand::Uneasy => "uneasy: look closer before trusting this gradient.",
            ErrorBand::FineWithKinks if choices.function.has_kinks() => {
                "acceptable for a function with kinks."
            }
            ErrorBand::FineWithKinks => "too high for a smooth function: look closer.",
            ErrorBand::Good => "the gradient checks out.",
        };
        let mut summary = format!(
            "{} at a loss of {}, {} precision, h = {}. Worst centered relative error: {}, {}",
            workbench.function().label(),
            crate::format::format_number(workbench.loss_at_point()),
            choices.precision.name(),
            step_text(choices.h),
            error_text(worst),
            verdict
        );
        if kinks > 0 {
            summary.push_str(&format!(
                " {kinks} row{} crossed a kink and {} not counted.",
                if kinks == 1 { "" } else { "s" },
                if kinks == 1 { "is" } else { "are" }
            ));
        }
        if applied.any() {
            summary.push_str(" A bug is planted in the analytic gradient.");
        }
        // Bugs a check cannot see at this setting: the lesson's advice in action.
        if applied.dropped_mean && workbench.n_examples() == 1 {
            summary.push_str(
                " With N = 1, dropping the 1/N changes nothing: check on at least two examples.",
            );
        }
        if applied.no_regularization && workbench.reg() == 0.0 {
            summary.push_str(
                " With the regularization off, leaving its gradient out changes nothing: raise \
                 it to check that part.",
            );
        }
        set_text_if_changed(&view.summary, &summary);
    }

    fn plot_css_width(&self) -> u32 {
        let width = self.view.borrow().frame.get_bounding_client_rect().width();
        if width.is_finite() && width >= 100.0 {
            width.round() as u32
        } else {
            480
        }
    }

    /// The plot's theme and device pixel ratio as the page has them now.
    fn plot_style() -> (f64, downhill_plots::gradient_check::PlotTheme) {
        let (pixel_ratio, dark) = GradientCheck::plot_pixel_ratio_and_darkness();
        (pixel_ratio, if dark { DARK_THEME } else { LIGHT_THEME })
    }

    /// The device pixel ratio and whether the page is dark, which choose the plot's theme.
    fn plot_pixel_ratio_and_darkness() -> (f64, bool) {
        let pixel_ratio = web_sys::window()
            .map(|window| window.device_pixel_ratio())
            .filter(|ratio| ratio.is_finite())
            .unwrap_or(1.0)
            .clamp(1.0, 3.0);
        let dark = web_sys::window()
            .and_then(|window| window.match_media("(prefers-color-scheme: dark)").ok())
            .flatten()
            .is_some_and(|query| query.matches());
        (pixel_ratio, dark)
    }

    /// Sizes both layers (and the axes kept off screen) to the frame and draws them; the axes only
    /// when the size or the theme changed.
    fn draw_plot(&self) {
        // Measuring the frame forces the browser to lay the whole page out when anything changed
        // since the last frame (and a long lesson costs milliseconds to lay out), so the width is
        // measured once and then only on resize.
        let known_width = self.view.borrow().drawn_width;
        let css_width = if known_width > 0 {
            known_width
        } else {
            self.plot_css_width()
        };
        {
            let model = self.model.borrow();
            let mut view = self.view.borrow_mut();
            view.drawn_width = css_width;
            let (pixel_ratio, dark) = GradientCheck::plot_pixel_ratio_and_darkness();
            let theme = if dark { DARK_THEME } else { LIGHT_THEME };
            let aspect_ratio = if css_width < NARROW_PLOT_WIDTH {
                NARROW_PLOT_ASPECT_RATIO
            } else {
                PLOT_ASPECT_RATIO
            };
            let css_height = (css_width as f64 / aspect_ratio).round();
            let device_width = (css_width as f64 * pixel_ratio).round() as u32;
            let device_height = (css_height * pixel_ratio).round() as u32;
            for canvas in [&view.canvas, &view.axes, &view.marks] {
                if canvas.width() != device_width || canvas.height() != device_height {
                    canvas.set_width(device_width);
                    canvas.set_height(device_height);
                }
            }
            let parameter = model.selected_parameter();
            let plot = ErrorPlot {
                curve: &model.curve,
                current_h: model.choices.h,
                parameter: &parameter,
                pixel_ratio,
                theme,
            };
            let axes_key = Some((device_width, device_height, dark));
            if view.axes_drawn_for != axes_key
                && let Some(backend) = crate::layers::drawing_backend(&view.axes)
            {
                let area = backend.into_drawing_area();
                let _ = draw_error_plot_frame(&area, &plot);
                let _ = area.present();
                view.axes_drawn_for = axes_key;
            }
            // The axes are opaque and of the same size: the copy replaces every pixel.
            if let Some(context) = crate::layers::context_2d(&view.canvas) {
                let _ = context.draw_image_with_html_canvas_element(&view.axes, 0.0, 0.0);
            }
            if let Some(backend) = crate::layers::drawing_backend(&view.canvas) {
                let area = backend.into_drawing_area();
                let _ = draw_error_plot_curves(&area, &plot);
                let _ = draw_error_plot_legend(&area, &plot);
                let _ = area.present();
            }
        }
        self.draw_marks();
    }

    /// Redraws only the marks layer (the current h and the dots on the curves) and the text
    /// alternative: all an h slider move needs.
    fn draw_marks(&self) {
        let model = self.model.borrow();
        let view = self.view.borrow();
        let (pixel_ratio, theme) = GradientCheck::plot_style();
        if let Some(context) = crate::layers::context_2d(&view.marks) {
            context.clear_rect(
                0.0,
                0.0,
                f64::from(view.marks.width()),
                f64::from(view.marks.height()),
            );
        }
        let parameter = model.selected_parameter();
        if let Some(backend) = crate::layers::drawing_backend(&view.marks) {
            let area = backend.into_drawing_area();
            let plot = ErrorPlot {
                curve: &model.curve,
                current_h: model.choices.h,
                parameter: &parameter,
                pixel_ratio,
                theme,
            };
            let _ = draw_error_plot_marks(&area, &plot);
            let _ = area.present();
        }
        let label = self.describe_plot(&model, &parameter);
        let _ = view.frame.set_attribute("aria-label", &label);
    }

    /// The plot's text alternative: what it shows and the numbers at the current h.
    fn describe_plot(&self, model: &Model, parameter: &str) -> String {
        let mut label = format!(
            "Plot of the relative error of {parameter} against the step h from 1e-12 to 1e-1, for \
             the forward and centered differences, on log scales, over bands from good to \
             probably wrong."
        );
        if let Some(row) = model.rows.get(model.choices.selected_row) {
            label.push_str(&format!(
                " At h = {}, the centered error is {} ({}) and the forward error {} ({}).",
                step_text(model.choices.h),
                error_text(row.centered_error),
                row.centered_band().describe(),
                error_text(row.forward_error),
                row.forward_band().describe()
            ));
        }
        if let Some(best) = model
            .curve
            .iter()
            .filter(|point| point.centered_error.is_finite())
            .min_by(|a, b| a.centered_error.total_cmp(&b.centered_error))
        {
            label.push_str(&format!(
                " The centered error is smallest near h = {}.",
                step_text(best.h)
            ));
        }
        label
    }

    fn select_row(&self, row_idx: usize) {
        let started = now();
        {
            let mut model = self.model.borrow_mut();
            if row_idx >= model.rows.len() {
                return;
            }
            model.choices.selected_row = row_idx;
            model.recompute_curve();
        }
        self.show(None);
        self.record_time(started);
    }
}

/// Clicks on the table's parameter buttons select the row the plot is for. One listener on the
/// table body serves every row, so rebuilding rows adds no listeners.
fn listen_to_rows(demo: &Rc<GradientCheck>) {
    let body = demo.view.borrow().table_body.clone();
    demo.listen(body.as_ref(), "click", |demo, event| {
        let Some(button) = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .and_then(|element| element.closest("button[data-row]").ok().flatten())
        else {
            return;
        };
        let Some(row_idx) = button
            .get_attribute("data-row")
            .and_then(|text| text.parse::<usize>().ok())
        else {
            return;
        };
        demo.select_row(row_idx);
        demo.write_url();
    });
}

fn set_text_if_changed(element: &Element, text: &str) {
    if element.text_content().as_deref() != Some(text) {
        element.set_text_content(Some(text));
    }
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or(0.0, |performance| performance.now())
}

impl Demo for GradientCheck {
    fn url_settings(&self) -> Vec<(String, String)> {
        let choices = self.model.borrow().choices;
        let flag = |on: bool| if on { "1" } else { "0" }.to_string();
        vec![
            ("function".to_string(), choices.function.name().to_string()),
            (
                "precision".to_string(),
                choices.precision.name().to_string(),
            ),
            ("h".to_string(), format!("{:e}", choices.h)),
            ("reg".to_string(), format!("{:e}", choices.reg)),
            ("examples".to_string(), choices.n_examples.to_string()),
            ("seed".to_string(), choices.seed.to_string()),
            ("bug-mean".to_string(), flag(choices.bugs.dropped_mean)),
            ("bug-sign".to_string(), flag(choices.bugs.flipped_sign)),
            ("bug-reg".to_string(), flag(choices.bugs.no_regularization)),
            ("row".to_string(), choices.selected_row.to_string()),
        ]
    }

    fn export_csv(&self) -> String {
        let model = self.model.borrow();
        let choices = model.choices;
        // Empty fields, never NaN or inf, where a number does not exist.
        let number = |value: f64| {
            if value.is_finite() {
                format!("{value:e}")
            } else {
                String::new()
            }
        };
        let mut csv = String::from(
            "function,precision,h,parameter,analytic,forward,centered,forward_relative_error,\
             centered_relative_error,centered_band,kink_crossed\n",
        );
        let Some(workbench) = model.workbench.as_ref() else {
            return csv;
        };
        for row in &model.rows {
            csv.push_str(&format!(
                "{},{},{},{},{},{},{},{},{},{},{}\n",
                choices.function.name(),
                choices.precision.name(),
                number(choices.h),
                workbench.parameter_name(row.index).replace(", ", ";"),
                number(row.analytic),
                number(row.forward),
                number(row.centered),
                number(row.forward_error),
                number(row.centered_error),
                row.centered_band().describe(),
                row.kink_crossed
            ));
        }
        csv
    }

    fn export_svg(&self) -> String {
        let model = self.model.borrow();
        error_plot_svg(&model.curve, model.choices.h, &model.selected_parameter())
    }

    fn export_canvases(&self) -> Vec<HtmlCanvasElement> {
        let view = self.view.borrow();
        vec![view.canvas.clone(), view.marks.clone()]
    }

    fn file_stem(&self) -> String {
        format!(
            "gradient-check-{}",
            self.model.borrow().choices.function.name()
        )
    }
}
