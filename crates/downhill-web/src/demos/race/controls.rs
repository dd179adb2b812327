//! The race's controls, built from the kit, and what each one does to the model.

use super::Race;
use super::model::{RaceModel, status_at};
use super::settings::{SPEED_RANGE, range_of};
use crate::format::format_number;
use crate::kit::dom::{self, input_checked, input_number, input_text, set_text_if_changed};
use crate::kit::media;
use crate::kit::strings::{self, fill, text};
use crate::kit::transport::Transport;
use downhill_core::optimizers::{Hyperparameter, OptimizerKind};
use downhill_core::surfaces::SurfaceKind;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};

/// One hyperparameter slider of one racer (or the race-wide step size when `kind` is `None`).
pub struct HyperparameterSlider {
    pub kind: Option<OptimizerKind>,
    pub hyperparameter: Hyperparameter,
    pub slider: dom::Slider,
}

pub struct RacerRow {
    pub enabled: HtmlInputElement,
    pub readout: HtmlElement,
}

pub struct RaceControls {
    /// Everything above the legend, in order.
    pub panel: HtmlElement,
    pub sliders: Vec<HyperparameterSlider>,
    pub surface: HtmlSelectElement,
    pub speed: dom::Slider,
    pub transport: Transport,
    pub racers: Vec<RacerRow>,
    pub racer_list: HtmlElement,
    pub step_readout: HtmlElement,
    pub winners: HtmlElement,
    pub inspect: HtmlSelectElement,
}

/// A slider's position for a value, and back: log sliders hold the power of ten.
fn to_position(hyperparameter: Hyperparameter, value: f64) -> f64 {
    if range_of(hyperparameter).log {
        value.max(1e-300).log10()
    } else {
        value
    }
}

fn from_position(hyperparameter: Hyperparameter, position: f64) -> f64 {
    let range = range_of(hyperparameter);
    let value = if range.log {
        10f64.powf(position)
    } else {
        position
    };
    value.clamp(range.min, range.max)
}

fn hyperparameter_slider(
    id: &str,
    kind: Option<OptimizerKind>,
    hyperparameter: Hyperparameter,
    value: f64,
    label: &str,
) -> HyperparameterSlider {
    let range = range_of(hyperparameter);
    let (min, max, step) = if range.log {
        (range.min.log10(), range.max.log10(), 0.01)
    } else {
        (range.min, range.max, 0.001)
    };
    let name = match kind {
        Some(kind) => format!("{}.{}", kind.name(), hyperparameter.name()),
        None => "learning-rate".to_string(),
    };
    let slider = dom::slider(
        id,
        &name,
        label,
        min,
        max,
        step,
        to_position(hyperparameter, value),
    );
    slider.show_value(&format_number(value));
    HyperparameterSlider {
        kind,
        hyperparameter,
        slider,
    }
}

impl RaceControls {
    pub fn build(figure_id: &str, model: &RaceModel) -> RaceControls {
        let panel = dom::element("div", "demo-controls");
        let mut sliders = vec![hyperparameter_slider(
            &format!("{figure_id}-learning-rate"),
            None,
            Hyperparameter::LearningRate,
            model.learning_rate,
            &text("saddle-race.step_size_all"),
        )];
        dom::append(&panel, &sliders[0].slider.row);
        let surface_names: Vec<(&str, String)> = SurfaceKind::ALL
            .iter()
            .map(|kind| (kind.name(), strings::surface_name(*kind)))
            .collect();
        let surface_options: Vec<(&str, &str)> = surface_names
            .iter()
            .map(|(name, label)| (*name, label.as_str()))
            .collect();
        let (surface_row, surface) = dom::select(
            &format!("{figure_id}-surface"),
            "surface",
            &text("saddle-race.surface"),
            &surface_options,
            model.surface_kind.name(),
        );
        dom::append(&panel, &surface_row);
        let speed_slider = dom::slider(
            &format!("{figure_id}-speed"),
            "speed",
            &text("saddle-race.speed"),
            SPEED_RANGE.0 as f64,
            SPEED_RANGE.1 as f64,
            1.0,
            model.speed as f64,
        );
        speed_slider
            .output
            .set_text_content(Some(&model.speed.to_string()));
        dom::append(&panel, &speed_slider.row);

        let transport = Transport::new(&crate::kit::strings::text("kit.step"));
        dom::append(&panel, &transport.row);
        let step_readout = dom::element("p", "demo-readout");
        dom::append(&panel, &step_readout);

        // One row per racer: a checkbox that names it (with its colour), its loss or outcome, and its
        // own hyperparameters folded away until wanted.
        let racer_list = dom::element("ul", "demo-legend race-racers");
        let _ = racer_list.set_attribute("aria-label", &text("saddle-race.optimizers"));
        let mut racers = Vec::new();
        for racer in &model.racers {
            let kind = racer.style.kind;
            let kind_name = strings::optimizer_name(kind);
            let item = dom::element("li", "race-racer");
            let label = dom::element("label", "race-racer-name");
            let enabled: HtmlInputElement = dom::element("input", "").unchecked_into();
            enabled.set_type("checkbox");
            enabled.set_name(&format!("enable-{}", kind.name()));
            enabled.set_checked(racer.enabled);
            let swatch = dom::element(
                "span",
                &format!("demo-swatch demo-swatch-{}", racer.style.class),
            );
            let _ = swatch.set_attribute("aria-hidden", "true");
            dom::append(&label, &enabled);
            dom::append(&label, &swatch);
            dom::append(&label, &dom::text("span", "", &kind_name));
            let readout = dom::element("span", "demo-legend-readout");
            let details = dom::element("details", "race-racer-settings");
            dom::append(
                &details,
                &dom::text(
                    "summary",
                    "",
                    &fill("saddle-race.racer_settings", &[("name", &kind_name)]),
                ),
            );
            for &hyperparameter in kind.hyperparameters() {
                let id = format!("{figure_id}-{}-{}", kind.name(), hyperparameter.name());
                let slider = hyperparameter_slider(
                    &id,
                    Some(kind),
                    hyperparameter,
                    racer.hyperparameters.get(hyperparameter),
                    hyperparameter.name(),
                );
                dom::append(&details, &slider.slider.row);
                sliders.push(slider);
            }
            if kind.hyperparameters().is_empty() {
                dom::append(
                    &details,
                    &dom::text("p", "", &text("saddle-race.newton_no_step")),
                );
            }
            dom::append(&item, &label);
            dom::append(&item, &readout);
            dom::append(&item, &details);
            dom::append(&racer_list, &item);
            racers.push(RacerRow { enabled, readout });
        }
        let winners = dom::element("p", "race-winners");
        let _ = winners.set_attribute("aria-live", "polite");
        let inspect_names: Vec<(&str, String)> =
            std::iter::once(("none", text("saddle-race.nobody")))
                .chain(model.racers.iter().map(|racer| {
                    (
                        racer.style.kind.name(),
                        strings::optimizer_name(racer.style.kind),
                    )
                }))
                .collect();
        let inspect_options: Vec<(&str, &str)> = inspect_names
            .iter()
            .map(|(name, label)| (*name, label.as_str()))
            .collect();
        let (inspect_row, inspect) = dom::select(
            &format!("{figure_id}-inspect"),
            "inspect",
            &text("saddle-race.inspect"),
            &inspect_options,
            "none",
        );
        let _ = inspect_row.class_list().add_1("race-inspect");
        let controls = RaceControls {
            panel,
            sliders,
            surface,
            speed: speed_slider,
            transport,
            racers,
            racer_list,
            step_readout,
            winners,
            inspect,
        };
        dom::append(&controls.panel, &inspect_row);
        controls
    }

    /// The step, each racer's loss or outcome, and who has arrived.
    pub fn show_readouts(&self, model: &RaceModel) {
        set_text_if_changed(
            &self.step_readout,
            &fill(
                "saddle-race.step_of",
                &[
                    ("step", &model.cursor.to_string()),
                    ("last", &model.last_step().to_string()),
                ],
            ),
        );
        for (row, racer) in self.racers.iter().zip(&model.racers) {
            let text = if !racer.enabled {
                String::new()
            } else if let Some(status) = status_at(racer, model.cursor) {
                status
            } else {
                let shown = model
                    .cursor
                    .min(racer.trajectory.losses.len().saturating_sub(1));
                racer
                    .trajectory
                    .losses
                    .get(shown)
                    .map(|loss| fill("saddle-race.loss", &[("value", &format_number(*loss))]))
                    .unwrap_or_default()
            };
            set_text_if_changed(&row.readout, &text);
        }
        let arrivals = model.arrivals_so_far();
        let text = if model.surface.minima().is_empty() {
            text("saddle-race.no_minimum")
        } else if arrivals.is_empty() {
            text("saddle-race.nobody_arrived")
        } else {
            let names: Vec<String> = arrivals
                .iter()
                .map(|(racer, step)| {
                    fill(
                        "saddle-race.arrival",
                        &[
                            ("name", &strings::optimizer_name(racer.style.kind)),
                            ("step", &step.to_string()),
                        ],
                    )
                })
                .collect();
            fill(
                "saddle-race.arrived",
                &[("names", &strings::join_list(&names))],
            )
        };
        set_text_if_changed(&self.winners, &text);
    }

    /// Puts every slider back on the model's values (after the race-wide step size or the surface changed).
    fn sync_sliders(&self, model: &RaceModel) {
        for entry in &self.sliders {
            let value = match entry.kind {
                Some(kind) => model
                    .racers
                    .iter()
                    .find(|racer| racer.style.kind == kind)
                    .map(|racer| racer.hyperparameters.get(entry.hyperparameter)),
                None => continue,
            };
            if let Some(value) = value {
                entry
                    .slider
                    .input
                    .set_value(&to_position(entry.hyperparameter, value).to_string());
                show_value(&entry.slider, value);
            }
        }
    }
}

/// Shows a hyperparameter's value beside its slider, as students read numbers.
fn show_value(slider: &dom::Slider, value: f64) {
    slider.show_value(&format_number(value));
}

/// Wires every control to the race (the transport's buttons are wired by the kit).
pub fn listen(race: &Rc<Race>) {
    for (index, entry) in race.controls.sliders.iter().enumerate() {
        race.listen(entry.slider.input.as_ref(), "input", move |race, event| {
            let Some(position) = input_number(event) else {
                return;
            };
            let entry = &race.controls.sliders[index];
            let value = from_position(entry.hyperparameter, position);
            show_value(&entry.slider, value);
            race.model
                .borrow_mut()
                .set_hyperparameter(entry.kind, entry.hyperparameter, value);
            if entry.kind.is_none() {
                race.controls.sync_sliders(&race.model.borrow());
            }
            race.redraw();
        });
        // The address bar follows committed settings (a released slider), not every input event.
        race.listen(entry.slider.input.as_ref(), "change", |race, _event| {
            race.write_url()
        });
    }
    race.listen(race.controls.surface.as_ref(), "change", |race, event| {
        let Some(kind) = input_text(event).and_then(|name| name.parse::<SurfaceKind>().ok()) else {
            return;
        };
        // A new surface starts from the step size that suits it, as a lesson's race would.
        race.model.borrow_mut().set_surface(kind);
        let learning_rate = race.model.borrow().learning_rate;
        let global = &race.controls.sliders[0];
        global
            .slider
            .input
            .set_value(&to_position(Hyperparameter::LearningRate, learning_rate).to_string());
        show_value(&global.slider, learning_rate);
        race.controls.sync_sliders(&race.model.borrow());
        race.view.draw_landscape(&race.model.borrow());
        race.view.clear_overlay();
        race.redraw_next_frame();
        race.write_url();
    });
    race.listen(
        race.controls.speed.input.as_ref(),
        "input",
        |race, event| {
            let Some(value) = input_number(event) else {
                return;
            };
            let speed = (value.round() as usize).clamp(SPEED_RANGE.0, SPEED_RANGE.1);
            race.model.borrow_mut().speed = speed;
            race.controls
                .speed
                .output
                .set_text_content(Some(&speed.to_string()));
        },
    );
    race.listen(
        race.controls.speed.input.as_ref(),
        "change",
        |race, _event| race.write_url(),
    );
    for (index, row) in race.controls.racers.iter().enumerate() {
        race.listen(row.enabled.as_ref(), "change", move |race, event| {
            let Some(enabled) = input_checked(event) else {
                return;
            };
            race.model.borrow_mut().set_enabled(index, enabled);
            race.redraw();
            race.write_url();
        });
    }
    race.listen(race.controls.inspect.as_ref(), "change", |race, event| {
        let Some(name) = input_text(event) else {
            return;
        };
        let index = race
            .model
            .borrow()
            .racers
            .iter()
            .position(|racer| racer.style.kind.name() == name);
        race.inspected.set(index);
        race.redraw();
    });
    super::view::listen_for_start_drag(race);
    // The loss chart's ink follows the reader's scheme: a switch redraws it at once.
    media::on_scheme_change(&race.listeners, race, |race, _event| race.redraw());
    if let Some(window) = web_sys::window() {
        race.listen(window.as_ref(), "resize", |race, _event| {
            if race.view.resize() {
                race.view.draw_landscape(&race.model.borrow());
                race.redraw();
            }
        });
    }
}
