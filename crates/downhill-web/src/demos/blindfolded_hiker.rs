//! The blindfolded hiker: random search, random local search and following the gradient on the bumpy
//! landscape, each with the same budget of loss evaluations and a counter; a blindfold that hides
//! the landscape and leaves only what the hiker felt; click, tap or arrow keys to place the hiker.
//!
//! Every probe comes from `downhill-core` (`search::hiker`). A whole walk of 1,000 evaluations on a
//! 2-D surface costs well under a millisecond, so all three walks are computed whenever a setting
//! changes and playing only moves a cursor along them: a changed setting shows at once what it would
//! have done, at the same evaluation.

use crate::animation::Animation;
use crate::demo::{Demo, EventClosure, Toolbar, as_demo};
use crate::dom;
use crate::format::format_number;
use crate::layers::{LayerSize, LayeredCanvas};
use crate::number_text::parse_number;
use downhill_core::search::hiker::{Strategy, Walk, walk};
use downhill_core::surfaces::{Bumpy, Surface};
use downhill_plots::heatmap::{self, ValueScale};
use downhill_plots::hiker::{
    self as hiker_plots, HIKER_DEFAULTS, HikerScene, HikerTrack, STRATEGY_STYLES,
};
use plotters::prelude::*;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, HtmlButtonElement, HtmlElement, HtmlInputElement};

/// Budgets span 10 to 1,000 evaluations on a log slider: the interesting differences show between 20
/// and a few hundred.
pub(crate) const LOG10_BUDGET_RANGE: (f64, f64) = (1.0, 3.0);
/// The spread of random local search's tries, 0.01 to 1 (the map is 6 wide).
const LOG10_LOCAL_STEP_RANGE: (f64, f64) = (-2.0, 0.0);
/// The gradient walker's step size, 0.001 (crawls) to 30 (diverges on the bowl, whose curvature is
/// 0.16).
const LOG10_LEARNING_RATE_RANGE: (f64, f64) = (-3.0, 1.5);
/// How far one arrow-key press moves the hiker, in map units (the map is 6 wide); Shift moves five
/// times as far.
const KEY_STEP: f64 = 0.1;
/// The whole walk plays in about 150 frames (two and a half seconds) whatever the budget.
pub(crate) const FRAMES_PER_WALK: usize = 150;
const MAX_SEED: usize = 999_999;

struct HikerModel {
    surface: Bumpy,
    start: [f64; 2],
    budget: usize,
    local_step: f64,
    learning_rate: f64,
    seed: u64,
    blindfold: bool,
    shown: [bool; 3],
    walks: Vec<Walk>,
    /// The landscape's value range and colour scale, for colouring felt losses.
    value_range: (f64, f64, ValueScale),
    /// Evaluations on show: 0 is the start, `budget` the end.
    cursor: usize,
}

impl HikerModel {
    fn recompute(&mut self) {
        self.walks = hiker_plots::walks_on_map(
            &self.surface,
            self.start,
            self.budget,
            self.local_step,
            self.learning_rate,
            self.seed,
        );
        self.cursor = self.cursor.min(self.budget);
    }

    /// Recomputes only the walks a changed setting affects (the step size moves only the gradient
    /// walker, the start never moves random search), so a slider move costs a third of the work.
    fn recompute_only(&mut self, strategies: &[Strategy]) {
        if self.walks.len() != STRATEGY_STYLES.len() {
            self.recompute();
            return;
        }
        for (style, walked) in STRATEGY_STYLES.iter().zip(self.walks.iter_mut()) {
            if !strategies.contains(&style.strategy) {
                continue;
            }
            let settings = hiker_plots::map_settings(
                &self.surface,
                style.strategy,
                self.start,
                self.local_step,
                self.learning_rate,
                self.seed,
            );
            if let Ok(fresh) = walk(&self.surface, settings, self.budget) {
                *walked = fresh;
            }
        }
    }

    /// The probes and path of strategy `index` up to the cursor.
    fn track(&self, index: usize) -> Option<HikerTrack<'_>> {
        let walk = self.walks.get(index)?;
        let style = STRATEGY_STYLES.get(index)?;
        let shown_probes = self.cursor.min(walk.probes.len());
        let shown_positions = (self.cursor + 1).min(walk.positions.len());
        Some(HikerTrack {
            strategy: style.strategy,
            probes: &walk.probes[..shown_probes],
            path: &walk.positions[..shown_positions],
            stopped: walk.diverged_at.is_some_and(|step| self.cursor > step),
        })
    }

    fn visible_tracks(&self) -> Vec<HikerTrack<'_>> {
        (0..STRATEGY_STYLES.len())
            .filter(|&index| self.shown[index])
            .filter_map(|index| self.track(index))
            .collect()
    }

    /// What the canvas says about runs that ended early.
    fn banner(&self) -> Option<String> {
        let notes: Vec<String> = STRATEGY_STYLES
            .iter()
            .zip(&self.walks)
            .zip(self.shown)
            .filter(|(_, shown)| *shown)
            .filter_map(|((style, walk), _)| {
                walk.diverged_at
                    .filter(|&step| self.cursor > step)
                    .map(|step| format!("{} diverged at step {}", style.strategy.label(), step + 1))
            })
            .collect();
        (!notes.is_empty()).then(|| notes.join("; "))
    }
}

struct HikerView {
    canvas: LayeredCanvas,
    size: LayerSize,
    play_pause: HtmlButtonElement,
    readouts: Vec<HtmlElement>,
    step_readout: HtmlElement,
    start_readout: HtmlElement,
    message: HtmlElement,
    settings_message: String,
}

pub struct BlindfoldedHiker {
    model: RefCell<HikerModel>,
    view: RefCell<HikerView>,
    animation: RefCell<Option<Rc<Animation>>>,
    toolbar: RefCell<Option<Toolbar>>,
    dragging: Cell<bool>,
    listeners: RefCell<Vec<EventClosure>>,
}

/// A labelled checkbox in one row.
fn checkbox(id: &str, name: &str, label: &str, checked: bool) -> (HtmlElement, HtmlInputElement) {
    let row = dom::element("div", "hiker-check");
    let input: HtmlInputElement = dom::element("input", "").unchecked_into();
    input.set_type("checkbox");
    input.set_id(id);
    input.set_name(name);
    input.set_checked(checked);
    let label_element = dom::text("label", "", label);
    let _ = label_element.set_attribute("for", id);
    dom::append(&row, &input);
    dom::append(&row, &label_element);
    (row, input)
}

fn parse_strategies(text: &str) -> Option<[bool; 3]> {
    let mut shown = [false; 3];
    for name in text
        .split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
    {
        let strategy: Strategy = name.parse().ok()?;
        let index = Strategy::ALL.iter().position(|known| *known == strategy)?;
        shown[index] = true;
    }
    shown.iter().any(|&shown| shown).then_some(shown)
}

fn input_value(event: &web_sys::Event) -> Option<f64> {
    event
        .target()
        .and_then(|target| target.dyn_into::<HtmlInputElement>().ok())
        .and_then(|input| parse_number(&input.value()))
        .filter(|value| value.is_finite())
}

fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|window| {
            window
                .match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|query| query.matches())
}

/// What a lesson or a link may set, each within its slider's range.
pub(crate) struct HikerChoices {
    pub budget: usize,
    pub local_step: f64,
    pub learning_rate: f64,
    pub seed: u64,
    pub start: [f64; 2],
    pub blindfold: bool,
    pub shown: [bool; 3],
}

pub(crate) fn read_settings(settings: &crate::settings::Settings) -> HikerChoices {
    let surface = Bumpy;
    let view_box = surface.view();
    let defaults = HIKER_DEFAULTS;
    let budget = settings.count(
        "budget",
        10f64.powf(LOG10_BUDGET_RANGE.0) as usize,
        10f64.powf(LOG10_BUDGET_RANGE.1) as usize,
        defaults.budget,
    );
    let local_step = settings.number(
        "local",
        10f64.powf(LOG10_LOCAL_STEP_RANGE.0),
        10f64.powf(LOG10_LOCAL_STEP_RANGE.1),
        defaults.local_step,
    );
    let learning_rate = settings.number(
        "lr",
        10f64.powf(LOG10_LEARNING_RATE_RANGE.0),
        10f64.powf(LOG10_LEARNING_RATE_RANGE.1),
        defaults.learning_rate,
    );
    let seed = settings.count("seed", 0, MAX_SEED, defaults.seed as usize) as u64;
    let default_start = surface.default_start();
    let start = [
        settings.number("x", view_box.x_min, view_box.x_max, default_start[0]),
        settings.number("y", view_box.y_min, view_box.y_max, default_start[1]),
    ];
    let blindfold = settings.flag("blindfold", false);
    let shown = settings.choice(
        "strategies",
        [true; 3],
        "random, local and gradient (separated by commas)",
        parse_strategies,
    );
    HikerChoices {
        budget,
        local_step,
        learning_rate,
        seed,
        start,
        blindfold,
        shown,
    }
}

/// Builds the hiker inside `figure`, replacing its still, and starts listening.
pub fn mount(
    figure: &Element,
    settings: &crate::settings::Settings,
) -> Result<Rc<BlindfoldedHiker>, String> {
    let surface = Bumpy;
    let HikerChoices {
        budget,
        local_step,
        learning_rate,
        seed,
        start,
        blindfold,
        shown,
    } = read_settings(settings);

    let figure_id = figure.id();
    let controls = dom::element("div", "demo-controls");
    // One fieldset is both the strategy switches and the legend with each strategy's counter.
    let strategies = dom::element("fieldset", "hiker-strategies");
    dom::append(
        &strategies,
        &dom::text("legend", "", "Strategies, each with its counter"),
    );
    let mut strategy_boxes = Vec::new();
    let legend = dom::element("ul", "demo-legend hiker-legend");
    let mut readouts = Vec::new();
    for (index, style) in STRATEGY_STYLES.iter().enumerate() {
        let id = format!("{figure_id}-show-{}", style.strategy.name());
        let item = dom::element("li", "");
        let input: HtmlInputElement = dom::element("input", "").unchecked_into();
        input.set_type("checkbox");
        input.set_id(&id);
        input.set_name(&format!("show-{}", style.strategy.name()));
        input.set_checked(shown[index]);
        let label = dom::element("label", "hiker-strategy-label");
        let _ = label.set_attribute("for", &id);
        let swatch = dom::element("span", &format!("demo-swatch hiker-swatch-{}", style.class));
        let _ = swatch.set_attribute("aria-hidden", "true");
        dom::append(&label, &swatch);
        dom::append(
            &label,
            &dom::text(
                "span",
                "demo-legend-name",
                &format!("{}. {}", index + 1, style.strategy.label()),
            ),
        );
        let readout = dom::element("span", "demo-legend-readout hiker-readout");
        dom::append(&item, &input);
        dom::append(&item, &label);
        dom::append(&item, &readout);
        dom::append(&legend, &item);
        strategy_boxes.push(input);
        readouts.push(readout);
    }
    dom::append(&strategies, &legend);
    let budget_slider = dom::slider(
        &format!("{figure_id}-budget"),
        "budget",
        "Budget: loss evaluations each",
        LOG10_BUDGET_RANGE.0,
        LOG10_BUDGET_RANGE.1,
        0.01,
        (budget as f64).log10(),
    );
    let local_slider = dom::slider(
        &format!("{figure_id}-local"),
        "local",
        "Local search: reach of a try",
        LOG10_LOCAL_STEP_RANGE.0,
        LOG10_LOCAL_STEP_RANGE.1,
        0.01,
        local_step.log10(),
    );
    let rate_slider = dom::slider(
        &format!("{figure_id}-lr"),
        "learning-rate",
        "Gradient: step size",
        LOG10_LEARNING_RATE_RANGE.0,
        LOG10_LEARNING_RATE_RANGE.1,
        0.01,
        learning_rate.log10(),
    );
    let (blindfold_row, blindfold_box) = checkbox(
        &format!("{figure_id}-blindfold"),
        "blindfold",
        "Blindfold: show only what the hiker felt",
        blindfold,
    );
    blindfold_row.set_class_name("hiker-check hiker-blindfold");
    let buttons = dom::element("div", "demo-buttons");
    let play_pause = dom::button("play-pause", "Play");
    let _ = play_pause.set_attribute("aria-pressed", "false");
    let step_button = dom::button("step", "Step");
    let reset_button = dom::button("reset", "Reset");
    let reroll_button = dom::button("new-draws", "New draws");
    let _ = reroll_button.set_attribute("title", "Draw new random numbers (a new seed)");
    for button in [&play_pause, &step_button, &reset_button, &reroll_button] {
        dom::append(&buttons, button);
    }
    dom::append(&controls, &blindfold_row);
    dom::append(&controls, &strategies);
    dom::append(&controls, &budget_slider.row);
    dom::append(&controls, &local_slider.row);
    dom::append(&controls, &rate_slider.row);
    dom::append(&controls, &buttons);

    let canvas = LayeredCanvas::new("The bumpy landscape with the three strategies' probes.");
    canvas.frame.set_class_name("demo-canvas-frame hiker-frame");
    let _ = canvas.frame.set_attribute("tabindex", "0");
    let hint_id = format!("{figure_id}-place-hint");
    let hint = dom::text(
        "p",
        "hiker-hint",
        "Click or tap the map to place the hiker; or focus the map and use the arrow keys (Shift for bigger steps).",
    );
    hint.set_id(&hint_id);
    let _ = canvas.frame.set_attribute("aria-describedby", &hint_id);
    let step_readout = dom::element("p", "demo-readout");
    let start_readout = dom::element("p", "demo-readout hiker-start");
    let message = dom::element("p", "demo-message");
    let _ = message.set_attribute("role", "status");

    let caption = figure.query_selector("figcaption").ok().flatten();
    figure.set_inner_html("");
    let body = dom::element("div", "demo-body");
    let picture = dom::element("div", "hiker-picture");
    dom::append(&picture, &canvas.frame);
    dom::append(&picture, &hint);
    dom::append(&body, &picture);
    let side = dom::element("div", "demo-side");
    dom::append(&side, &controls);
    dom::append(&side, &step_readout);
    dom::append(&side, &start_readout);
    dom::append(&side, &message);
    dom::append(&body, &side);
    dom::append(figure, &body);
    if let Some(caption) = caption {
        dom::append(figure, &caption);
    }
    let _ = figure.class_list().add_1("demo-live");

    let size = canvas.measure();
    let hiker = Rc::new(BlindfoldedHiker {
        model: RefCell::new(HikerModel {
            surface,
            start,
            budget,
            local_step,
            learning_rate,
            seed,
            blindfold,
            shown,
            walks: Vec::new(),
            value_range: (0.0, 1.0, ValueScale::Linear),
            cursor: budget,
        }),
        view: RefCell::new(HikerView {
            canvas,
            size,
            play_pause: play_pause.clone(),
            readouts,
            step_readout,
            start_readout,
            message,
            settings_message: settings.messages().join(" "),
        }),
        animation: RefCell::new(None),
        toolbar: RefCell::new(None),
        dragging: Cell::new(false),
        listeners: RefCell::new(Vec::new()),
    });
    let toolbar = Toolbar::attach(&side, figure_id.as_str(), as_demo(&hiker));
    *hiker.toolbar.borrow_mut() = Some(toolbar);

    hiker.model.borrow_mut().recompute();
    hiker.draw_landscape();
    show_value(&budget_slider, &budget.to_string());
    show_value(&local_slider, &format_number(local_step));
    show_value(&rate_slider, &format_number(learning_rate));
    hiker.draw_overlay();

    let weak = Rc::downgrade(&hiker);
    let animation = Animation::new(Box::new(move |_timestamp| {
        let Some(hiker) = weak.upgrade() else {
            return false;
        };
        let per_frame = (hiker.model.borrow().budget / FRAMES_PER_WALK).max(1);
        hiker.advance(per_frame)
    }));
    animation.watch_visibility(figure);
    *hiker.animation.borrow_mut() = Some(animation);

    for (index, input) in strategy_boxes.iter().enumerate() {
        hiker.listen(input.as_ref(), "change", move |hiker, event| {
            let checked = event
                .target()
                .and_then(|target| target.dyn_into::<HtmlInputElement>().ok())
                .is_some_and(|input| input.checked());
            hiker.model.borrow_mut().shown[index] = checked;
            hiker.draw_overlay();
            hiker.write_url();
        });
    }
    hiker.listen(blindfold_box.as_ref(), "change", |hiker, event| {
        let checked = event
            .target()
            .and_then(|target| target.dyn_into::<HtmlInputElement>().ok())
            .is_some_and(|input| input.checked());
        hiker.model.borrow_mut().blindfold = checked;
        hiker.draw_overlay();
        hiker.write_url();
    });
    hiker.listen(budget_slider.input.as_ref(), "input", {
        let slider_output = budget_slider.output.clone();
        let slider_input = budget_slider.input.clone();
        move |hiker, event| {
            let Some(log10) = input_value(event) else {
                return;
            };
            let budget = 10f64
                .powf(log10.clamp(LOG10_BUDGET_RANGE.0, LOG10_BUDGET_RANGE.1))
                .round() as usize;
            {
                let mut model = hiker.model.borrow_mut();
                // A walk on show to the end stays at the end of the new budget.
                let at_end = model.cursor >= model.budget;
                model.budget = budget;
                if at_end {
                    model.cursor = budget;
                }
                model.recompute();
            }
            set_output(&slider_output, &slider_input, &budget.to_string());
            hiker.draw_overlay();
        }
    });
    hiker.listen(local_slider.input.as_ref(), "input", {
        let slider_output = local_slider.output.clone();
        let slider_input = local_slider.input.clone();
        move |hiker, event| {
            let Some(log10) = input_value(event) else {
                return;
            };
            let local_step =
                10f64.powf(log10.clamp(LOG10_LOCAL_STEP_RANGE.0, LOG10_LOCAL_STEP_RANGE.1));
            {
                let mut model = hiker.model.borrow_mut();
                model.local_step = local_step;
                model.recompute_only(&[Strategy::RandomLocalSearch]);
            }
            set_output(&slider_output, &slider_input, &format_number(local_step));
            hiker.draw_overlay();
        }
    });
    hiker.listen(rate_slider.input.as_ref(), "input", {
        let slider_output = rate_slider.output.clone();
        let slider_input = rate_slider.input.clone();
        move |hiker, event| {
            let Some(log10) = input_value(event) else {
                return;
            };
            let learning_rate =
                10f64.powf(log10.clamp(LOG10_LEARNING_RATE_RANGE.0, LOG10_LEARNING_RATE_RANGE.1));
            {
                let mut model = hiker.model.borrow_mut();
                model.learning_rate = learning_rate;
                model.recompute_only(&[Strategy::FollowGradient]);
            }
            set_output(&slider_output, &slider_input, &format_number(learning_rate));
            hiker.draw_overlay();
        }
    });
    // The address bar follows committed settings only (a released slider), not every input event.
    for input in [
        &budget_slider.input,
        &local_slider.input,
        &rate_slider.input,
    ] {
        hiker.listen(input.as_ref(), "change", |hiker, _event| hiker.write_url());
    }
    hiker.listen(play_pause.as_ref(), "click", |hiker, _event| {
        let playing = hiker.is_playing();
        if playing {
            hiker.set_playing(false);
            return;
        }
        {
            let mut model = hiker.model.borrow_mut();
            if model.cursor >= model.budget {
                model.cursor = 0;
            }
        }
        if prefers_reduced_motion() {
            // No animation: jump straight to the end of the walk.
            let budget = hiker.model.borrow().budget;
            hiker.advance(budget);
        } else {
            hiker.set_playing(true);
        }
    });
    hiker.listen(step_button.as_ref(), "click", |hiker, _event| {
        hiker.set_playing(false);
        {
            let mut model = hiker.model.borrow_mut();
            if model.cursor >= model.budget {
                model.cursor = 0;
            }
        }
        hiker.advance(1);
    });
    hiker.listen(reset_button.as_ref(), "click", |hiker, _event| {
        hiker.set_playing(false);
        hiker.model.borrow_mut().cursor = 0;
        hiker.draw_overlay();
    });
    hiker.listen(reroll_button.as_ref(), "click", |hiker, _event| {
        {
            let mut model = hiker.model.borrow_mut();
            model.seed = (model.seed + 1) % (MAX_SEED as u64 + 1);
            model.recompute();
        }
        hiker.draw_overlay();
        hiker.write_url();
    });
    let frame: HtmlElement = hiker.view.borrow().canvas.frame.clone();
    hiker.listen(frame.as_ref(), "pointerdown", |hiker, event| {
        if let Some(pointer) = event.dyn_ref::<web_sys::PointerEvent>() {
            hiker
                .dragging
                .set(pointer.pointer_type() == "mouse" || pointer.pointer_type() == "pen");
            hiker.place_at_pointer(pointer);
        }
    });
    hiker.listen(frame.as_ref(), "pointermove", |hiker, event| {
        if hiker.dragging.get()
            && let Some(pointer) = event.dyn_ref::<web_sys::PointerEvent>()
        {
            hiker.place_at_pointer(pointer);
        }
    });
    // Every placement ends with the pointer released: that is when the address bar follows.
    hiker.listen(frame.as_ref(), "pointerup", |hiker, _event| {
        hiker.dragging.set(false);
        hiker.write_url();
    });
    for name in ["pointercancel", "pointerleave"] {
        hiker.listen(frame.as_ref(), name, |hiker, _event| {
            hiker.dragging.set(false)
        });
    }
    hiker.listen(frame.as_ref(), "keydown", |hiker, event| {
        let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
            return;
        };
        let distance = if key.shift_key() {
            5.0 * KEY_STEP
        } else {
            KEY_STEP
        };
        let (dx, dy) = match key.key().as_str() {
            "ArrowLeft" => (-distance, 0.0),
            "ArrowRight" => (distance, 0.0),
            "ArrowUp" => (0.0, distance),
            "ArrowDown" => (0.0, -distance),
            _ => return,
        };
        event.prevent_default();
        let start = hiker.model.borrow().start;
        hiker.place([start[0] + dx, start[1] + dy]);
        hiker.write_url();
    });
    if let Some(window) = web_sys::window() {
        hiker.listen(window.as_ref(), "resize", |hiker, _event| hiker.resize());
    }
    Ok(hiker)
}

fn show_value(slider: &dom::Slider, text: &str) {
    set_output(&slider.output, &slider.input, text);
}

fn set_output(output: &HtmlElement, input: &HtmlInputElement, text: &str) {
    output.set_text_content(Some(text));
    let _ = input.set_attribute("aria-valuetext", text);
}

impl BlindfoldedHiker {
    fn write_url(&self) {
        if let Some(toolbar) = self.toolbar.borrow().as_ref() {
            toolbar.write_url(self);
        }
    }

    /// Adds a listener that holds the demo weakly, so the page never keeps a dead demo alive.
    fn listen(
        self: &Rc<Self>,
        target: &web_sys::EventTarget,
        event_name: &str,
        handler: impl Fn(&Rc<BlindfoldedHiker>, &web_sys::Event) + 'static,
    ) {
        let weak = Rc::downgrade(self);
        let closure = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            if let Some(hiker) = weak.upgrade() {
                handler(&hiker, &event);
            }
        });
        if target
            .add_event_listener_with_callback(event_name, closure.as_ref().unchecked_ref())
            .is_ok()
        {
            self.listeners.borrow_mut().push(closure);
        }
    }

    fn is_playing(&self) -> bool {
        self.animation
            .borrow()
            .as_ref()
            .is_some_and(|animation| animation.is_playing())
    }

    fn set_playing(&self, playing: bool) {
        if let Some(animation) = self.animation.borrow().as_ref() {
            animation.set_playing(playing);
        }
        self.show_playing(playing);
    }

    fn show_playing(&self, playing: bool) {
        let view = self.view.borrow();
        view.play_pause
            .set_text_content(Some(if playing { "Pause" } else { "Play" }));
        let _ = view
            .play_pause
            .set_attribute("aria-pressed", if playing { "true" } else { "false" });
    }

    /// Moves the cursor `n_evaluations` on and redraws; returns whether there is more to show.
    fn advance(&self, n_evaluations: usize) -> bool {
        let more = {
            let mut model = self.model.borrow_mut();
            model.cursor = (model.cursor + n_evaluations).min(model.budget);
            model.cursor < model.budget
        };
        self.draw_overlay();
        if !more {
            self.show_playing(false);
        }
        more
    }

    /// Places the hiker where the pointer is on the map.
    fn place_at_pointer(&self, pointer: &web_sys::PointerEvent) {
        let rect = self.view.borrow().canvas.frame.get_bounding_client_rect();
        if !(rect.width() > 0.0 && rect.height() > 0.0) {
            return;
        }
        let across = (f64::from(pointer.client_x()) - rect.left()) / rect.width();
        let down = (f64::from(pointer.client_y()) - rect.top()) / rect.height();
        let view_box = self.model.borrow().surface.view();
        self.place([
            view_box.x_min + across * view_box.width(),
            view_box.y_max - down * view_box.height(),
        ]);
    }

    /// Moves the start (kept inside the map) and recomputes the walks.
    fn place(&self, point: [f64; 2]) {
        {
            let mut model = self.model.borrow_mut();
            let view_box = model.surface.view();
            if !(point[0].is_finite() && point[1].is_finite()) {
                return;
            }
            model.start = [
                point[0].clamp(view_box.x_min, view_box.x_max),
                point[1].clamp(view_box.y_min, view_box.y_max),
            ];
            model.recompute_only(&[Strategy::RandomLocalSearch, Strategy::FollowGradient]);
        }
        self.draw_overlay();
    }

    fn resize(&self) {
        let size = self.view.borrow().canvas.measure();
        if size == self.view.borrow().size {
            return;
        }
        self.view.borrow_mut().size = size;
        self.draw_landscape();
        self.draw_overlay();
    }

    /// Samples and puts the heatmap: only when the size changes (the surface never does).
    fn draw_landscape(&self) {
        let mut model = self.model.borrow_mut();
        let view = self.view.borrow();
        let width = view.size.css_width as usize;
        let height = view.size.css_height as usize;
        let field =
            downhill_core::landscape::sample(&model.surface, &model.surface.view(), width, height);
        let value_range = hiker_plots::value_range(&field);
        let rgba = heatmap::landscape_rgba(
            &field.values,
            field.width,
            field.height,
            value_range.0,
            value_range.1,
            value_range.2,
        );
        model.value_range = value_range;
        view.canvas
            .put_landscape(&rgba, field.width as u32, field.height as u32);
    }

    /// Redraws the probes and paths up to the cursor, and every readout.
    fn draw_overlay(&self) {
        let model = self.model.borrow();
        let view = self.view.borrow();
        view.canvas.resize_overlay(view.size);
        let tracks = model.visible_tracks();
        let minima = model.surface.minima();
        let surface_view = model.surface.view();
        let banner = model.banner();
        if let Some(backend) = crate::layers::cleared_drawing_backend(&view.canvas.overlay) {
            let area = backend.into_drawing_area();
            let scene = HikerScene {
                x_range: surface_view.x_min..surface_view.x_max,
                y_range: surface_view.y_min..surface_view.y_max,
                tracks: &tracks,
                start: model.start,
                minima: &minima,
                blindfold: model.blindfold,
                value_range: model.value_range,
                pixel_ratio: view.size.pixel_ratio,
                banner: banner.as_deref(),
            };
            let _ = hiker_plots::draw_hiker_scene(&area, &scene);
            let _ = area.present();
        }
        let _ = view
            .canvas
            .frame
            .class_list()
            .toggle_with_force("hiker-blind", model.blindfold);

        view.step_readout.set_text_content(Some(&format!(
            "Evaluations spent: {} of {} each",
            model.cursor, model.budget
        )));
        view.start_readout.set_text_content(Some(&format!(
            "Hiker placed at ({}, {}), where the loss is {}",
            format_number(model.start[0]),
            format_number(model.start[1]),
            format_number(model.surface.value(model.start[0], model.start[1]))
        )));
        let mut descriptions = Vec::new();
        for (index, (style, walk)) in STRATEGY_STYLES.iter().zip(&model.walks).enumerate() {
            let spent = model.cursor.min(walk.probes.len());
            let position = walk.positions.get(spent).filter(|point| point.len() == 2);
            let here = walk
                .position_losses
                .get(spent)
                .copied()
                .filter(|loss| loss.is_finite());
            let best = spent
                .checked_sub(1)
                .and_then(|last| walk.probes.get(last))
                .map(|probe| probe.best_loss)
                .filter(|loss| loss.is_finite());
            let status = match walk.diverged_at {
                Some(step) if model.cursor > step => {
                    format!("diverged at step {}", step + 1)
                }
                _ => {
                    let mut parts = vec![format!("{spent} evaluations")];
                    if let Some(best) = best {
                        parts.push(format!("best loss {}", format_number(best)));
                    }
                    if style.strategy == Strategy::FollowGradient
                        && walk.at_rest_from.is_some_and(|rest| spent >= rest)
                    {
                        parts.push("at rest".to_string());
                    }
                    parts.join(", ")
                }
            };
            let readout = &view.readouts[index];
            if readout.text_content().as_deref() != Some(status.as_str()) {
                readout.set_text_content(Some(&status));
            }
            if model.shown[index]
                && let (Some(position), Some(here)) = (position, here)
            {
                descriptions.push(format!(
                    "{} stands at ({}, {}) with loss {}",
                    style.strategy.label(),
                    format_number(position[0]),
                    format_number(position[1]),
                    format_number(here)
                ));
            }
        }
        let what = if model.blindfold {
            "Blindfolded: the landscape is hidden and only the probed points show, coloured by the loss felt there"
        } else {
            "A bumpy loss landscape, darker where the loss is lower, with the three strategies' probes and paths"
        };
        let label = format!(
            "{what}. The hiker was placed at ({}, {}). After {} of {} evaluations: {}.",
            format_number(model.start[0]),
            format_number(model.start[1]),
            model.cursor,
            model.budget,
            if descriptions.is_empty() {
                "no strategy has felt the ground yet".to_string()
            } else {
                descriptions.join("; ")
            }
        );
        let _ = view.canvas.frame.set_attribute("aria-label", &label);
        let message = match banner {
            Some(banner) => format!("{banner}. {}", view.settings_message),
            None => view.settings_message.clone(),
        };
        dom::set_message(&view.message, message.trim());
    }
}

impl Demo for BlindfoldedHiker {
    fn url_settings(&self) -> Vec<(String, String)> {
        let model = self.model.borrow();
        let shown: Vec<&str> = Strategy::ALL
            .iter()
            .zip(model.shown)
            .filter(|(_, shown)| *shown)
            .map(|(strategy, _)| strategy.name())
            .collect();
        vec![
            ("budget".to_string(), model.budget.to_string()),
            ("local".to_string(), format!("{:.4}", model.local_step)),
            ("lr".to_string(), format!("{:.4}", model.learning_rate)),
            ("x".to_string(), format!("{:.3}", model.start[0])),
            ("y".to_string(), format!("{:.3}", model.start[1])),
            ("seed".to_string(), model.seed.to_string()),
            ("blindfold".to_string(), model.blindfold.to_string()),
            ("strategies".to_string(), shown.join(",")),
        ]
    }

    fn export_csv(&self) -> String {
        let model = self.model.borrow();
        let mut csv = String::from("strategy,evaluation,x,y,loss,moved_there,best_loss\n");
        for (style, walk) in STRATEGY_STYLES.iter().zip(&model.walks) {
            for probe in walk.probes.iter().take(model.cursor) {
                let &[x, y] = probe.point.as_slice() else {
                    continue;
                };
                // A diverged step may hold numbers too large to mean anything; they stay out.
                let finite = |value: f64| {
                    if value.is_finite() {
                        value.to_string()
                    } else {
                        String::new()
                    }
                };
                csv.push_str(&format!(
                    "{},{},{},{},{},{},{}\n",
                    style.strategy.name(),
                    probe.evaluation_idx + 1,
                    finite(x),
                    finite(y),
                    finite(probe.loss),
                    probe.accepted,
                    finite(probe.best_loss)
                ));
            }
        }
        csv
    }

    fn export_svg(&self) -> String {
        let model = self.model.borrow();
        let tracks = model.visible_tracks();
        let minima = model.surface.minima();
        let surface_view = model.surface.view();
        let banner = model.banner();
        let scene = HikerScene {
            x_range: surface_view.x_min..surface_view.x_max,
            y_range: surface_view.y_min..surface_view.y_max,
            tracks: &tracks,
            start: model.start,
            minima: &minima,
            blindfold: model.blindfold,
            value_range: model.value_range,
            pixel_ratio: 1.0,
            banner: banner.as_deref(),
        };
        hiker_plots::scene_svg(&model.surface, &scene)
    }

    fn export_canvases(&self) -> Vec<web_sys::HtmlCanvasElement> {
        let view = self.view.borrow();
        vec![view.canvas.landscape.clone(), view.canvas.overlay.clone()]
    }

    fn file_stem(&self) -> String {
        "blindfolded-hiker".to_string()
    }
}
