//! The race on screen: the landscape and paths, the loss chart, the inspector, the text alternative,
//! and moving the start point with a pointer or the arrow keys.

use super::Race;
use super::controls::RaceControls;
use super::model::RaceModel;
use crate::format::format_number;
use crate::kit::dom;
use crate::kit::layers::{self, LayerSize, LayeredCanvas};
use crate::kit::media;
use crate::kit::strings::{self, fill, text};
use downhill_core::optimizers::OptimizerKind;
use downhill_plots::heatmap;
use downhill_plots::loss_plot::{self, ChartInk, LossSeries};
use downhill_plots::paths::{self, Arrow, OverlayMarks, PathToDraw};
use plotters::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement, HtmlElement};

/// Height of the loss chart relative to its width.
const LOSS_PLOT_ASPECT: f64 = 0.4;

pub struct RaceView {
    pub canvas: LayeredCanvas,
    pub loss_canvas: HtmlCanvasElement,
    pub side: HtmlElement,
    pub message: HtmlElement,
    inspector: HtmlElement,
    size: Cell<LayerSize>,
    /// The landscape's value range over the view: the loss chart's fixed y range.
    value_range: Cell<(f64, f64)>,
    figure_id: String,
}

impl RaceView {
    /// Replaces the figure's still with the live layout, keeping its caption.
    pub fn build(figure: &Element, controls: &RaceControls) -> RaceView {
        let canvas = LayeredCanvas::new(&text("saddle-race.surface_label"));
        let _ = canvas.frame.set_attribute("tabindex", "0");
        let _ = canvas.overlay.class_list().add_1("race-overlay");
        let loss_canvas: HtmlCanvasElement =
            dom::element("canvas", "race-loss-plot").unchecked_into();
        let _ = loss_canvas.set_attribute("role", "img");
        let _ = loss_canvas.set_attribute("aria-label", &text("saddle-race.loss_chart_label"));
        let message = dom::element("p", "demo-message");
        let _ = message.set_attribute("role", "status");
        let inspector = dom::element("div", "race-inspector");
        let _ = inspector.set_attribute("aria-live", "off");

        let body = dom::element("div", "demo-body");
        let picture = dom::element("div", "race-picture");
        dom::append(&picture, &canvas.frame);
        dom::append(
            &picture,
            &dom::text("p", "race-hint", &text("saddle-race.hint")),
        );
        dom::append(&picture, &loss_canvas);
        dom::append(&picture, &inspector);
        let side = dom::element("div", "demo-side");
        dom::append(&side, &controls.panel);
        dom::append(&side, &controls.racer_list);
        dom::append(&side, &controls.winners);
        dom::append(&side, &message);
        dom::append(&body, &picture);
        dom::append(&body, &side);
        dom::replace_still(figure, &body);
        let size = canvas.measure();
        RaceView {
            canvas,
            loss_canvas,
            side,
            message,
            inspector,
            size: Cell::new(size),
            value_range: Cell::new((0.0, 1.0)),
            figure_id: figure.id(),
        }
    }

    /// The id of the race's figure, which names its measures on the performance timeline.
    pub fn figure_id(&self) -> &str {
        &self.figure_id
    }

    /// Empties the paths layer: between a new landscape and the paths on it, nothing stale shows.
    pub fn clear_overlay(&self) {
        layers::clear_canvas(&self.canvas.overlay);
    }

    /// Measures the frame again; returns whether the size changed.
    pub fn resize(&self) -> bool {
        let size = self.canvas.measure();
        let changed = size != self.size.get();
        self.size.set(size);
        changed
    }

    /// Recomputes and puts the heatmap: only when the surface or the size changes, never on a slider.
    pub fn draw_landscape(&self, model: &RaceModel) {
        let size = self.size.get();
        let (rgba, field) = heatmap::surface_rgba(
            model.surface.as_ref(),
            size.css_width as usize,
            size.css_height as usize,
        );
        self.canvas
            .put_landscape(&rgba, field.width as u32, field.height as u32);
        self.value_range.set((field.min, field.max));
    }

    /// Redraws the paths up to the cursor, with the inspected racer's next step as an arrow.
    pub fn draw_overlay(&self, model: &RaceModel, inspected: Option<usize>) {
        let size = self.size.get();
        self.canvas.resize_overlay(size);
        let Some(backend) = layers::cleared_drawing_backend(&self.canvas.overlay) else {
            return;
        };
        let area = backend.into_drawing_area();
        let visible: Vec<PathToDraw<'_>> = model
            .enabled()
            .map(|racer| {
                let shown = (model.cursor + 1).min(racer.trajectory.points.len());
                PathToDraw {
                    points: &racer.trajectory.points[..shown],
                    colour: racer.style.colour,
                    stopped: super::model::status_at(racer, model.cursor).is_some(),
                }
            })
            .collect();
        let mut arrows = Vec::new();
        let mut rings = Vec::new();
        if let Some(racer) = inspected
            .and_then(|index| model.racers.get(index))
            .filter(|racer| racer.enabled)
        {
            let points = &racer.trajectory.points;
            let here = model.cursor.min(points.len().saturating_sub(1));
            if let (Some(&from), Some(&to)) = (points.get(here), points.get(here + 1)) {
                arrows.push(Arrow {
                    from,
                    to,
                    colour: racer.style.colour,
                });
            }
            if racer.style.kind == OptimizerKind::Nesterov {
                let states = model.states_at_cursor();
                if let Some(look_ahead) = states
                    .iter()
                    .find(|(kind, _)| *kind == OptimizerKind::Nesterov)
                    .and_then(|(_, fields)| fields.iter().find(|field| field.name == "x_ahead"))
                    .filter(|field| field.values.len() == 2)
                {
                    rings.push((
                        [look_ahead.values[0], look_ahead.values[1]],
                        racer.style.colour,
                    ));
                }
            }
        }
        let minima = model.surface.minima();
        let marks = OverlayMarks {
            start: Some(model.start),
            minima: &minima,
            pixel_ratio: size.pixel_ratio,
            arrows: &arrows,
            rings: &rings,
        };
        let view = model.surface.view();
        let _ = paths::draw_paths(
            &area,
            view.x_min..view.x_max,
            view.y_min..view.y_max,
            &visible,
            &marks,
        );
        let _ = area.present();
    }

    pub fn draw_loss_plot(&self, model: &RaceModel) {
        let size = self.size.get();
        let width = size.device_width();
        let height = (width as f64 * LOSS_PLOT_ASPECT).round() as u32;
        if self.loss_canvas.width() != width || self.loss_canvas.height() != height {
            self.loss_canvas.set_width(width);
            self.loss_canvas.set_height(height);
        }
        // The chart is transparent over the demo box, so it is cleared before each drawing.
        let Some(backend) = layers::cleared_drawing_backend(&self.loss_canvas) else {
            return;
        };
        let area = backend.into_drawing_area();
        let series: Vec<LossSeries<'_>> = model
            .enabled()
            .map(|racer| LossSeries {
                losses: &racer.trajectory.losses
                    [..(model.cursor + 1).min(racer.trajectory.losses.len())],
                colour: chart_colour(racer.style.colour),
            })
            .collect();
        let step = text("saddle-race.axis_step");
        let loss = text("saddle-race.axis_loss");
        let _ = loss_plot::draw_loss_plot(
            &area,
            loss_plot::AxisNames {
                step: &step,
                loss: &loss,
            },
            &series,
            model.last_step().max(1),
            self.loss_range(model),
            chart_ink(),
            size.pixel_ratio,
        );
        let _ = area.present();
    }

    /// The loss chart's y range: from the start's loss down to the lowest loss any racer reaches,
    /// but never below the landscape's lowest value in view, so a run escaping an unbounded saddle
    /// towards minus infinity does not flatten every other curve.
    fn loss_range(&self, model: &RaceModel) -> (f64, f64) {
        let (landscape_low, landscape_high) = self.value_range.get();
        let finite_losses = || {
            model
                .enabled()
                .flat_map(|racer| racer.trajectory.losses.iter().copied())
                .filter(|loss| loss.is_finite())
        };
        let high = model
            .enabled()
            .filter_map(|racer| racer.trajectory.losses.first().copied())
            .fold(f64::NEG_INFINITY, f64::max);
        let low = finite_losses()
            .fold(f64::INFINITY, f64::min)
            .max(landscape_low);
        if low.is_finite() && high.is_finite() && high > low {
            (low, high)
        } else {
            (landscape_low, landscape_high)
        }
    }

    /// A table of the inspected optimizer's state at the cursor: velocity, cache, m, v, and so on.
    pub fn show_inspector(&self, model: &RaceModel, inspected: Option<usize>) {
        let Some(racer) = inspected.and_then(|index| model.racers.get(index)) else {
            self.inspector.set_text_content(Some(""));
            return;
        };
        let kind = racer.style.kind;
        let states = model.states_at_cursor();
        self.inspector.set_text_content(Some(""));
        let heading = dom::text(
            "p",
            "race-inspector-title",
            &fill(
                "saddle-race.inspector_title",
                &[
                    ("name", &strings::optimizer_name(kind)),
                    ("step", &model.cursor.to_string()),
                ],
            ),
        );
        dom::append(&self.inspector, &heading);
        let Some((_, fields)) = states.iter().find(|(state_kind, _)| *state_kind == kind) else {
            dom::append(
                &self.inspector,
                &dom::text("p", "", &text("saddle-race.switch_on")),
            );
            return;
        };
        if fields.is_empty() {
            dom::append(
                &self.inspector,
                &dom::text("p", "", &text("saddle-race.sgd_no_state")),
            );
            return;
        }
        let table = dom::element("table", "race-inspector-table");
        for field in fields {
            let row = dom::element("tr", "");
            dom::append(&row, &dom::text("th", "", field.name));
            let values: Vec<String> = field
                .values
                .iter()
                .map(|value| format_number(*value))
                .collect();
            dom::append(&row, &dom::text("td", "", &values.join(", ")));
            dom::append(&table, &row);
        }
        dom::append(&self.inspector, &table);
    }

    /// Keeps the picture's text alternative true to what it shows.
    pub fn describe(&self, model: &RaceModel) {
        let racers: Vec<String> = model
            .enabled()
            .map(|racer| {
                let shown = model
                    .cursor
                    .min(racer.trajectory.points.len().saturating_sub(1));
                match racer.trajectory.points.get(shown) {
                    Some(point) => fill(
                        "saddle-race.racer_at",
                        &[
                            ("name", &strings::optimizer_name(racer.style.kind)),
                            ("x", &format_number(point[0])),
                            ("y", &format_number(point[1])),
                        ],
                    ),
                    None => fill(
                        "saddle-race.racer_not_started",
                        &[("name", &strings::optimizer_name(racer.style.kind))],
                    ),
                }
            })
            .collect();
        let text = fill(
            "saddle-race.description",
            &[
                ("surface", &strings::surface_name(model.surface_kind)),
                ("x", &format_number(model.start[0])),
                ("y", &format_number(model.start[1])),
                ("step", &model.cursor.to_string()),
                ("racers", &racers.join("; ")),
            ],
        );
        let _ = self.canvas.frame.set_attribute("aria-label", &text);
    }

    /// Converts a position in the frame (CSS pixels from its top left) to surface coordinates.
    fn to_surface(&self, model: &RaceModel, x: f64, y: f64) -> [f64; 2] {
        let size = self.size.get();
        let view = model.surface.view();
        [
            view.x_min + x / size.css_width.max(1) as f64 * view.width(),
            view.y_max - y / size.css_height.max(1) as f64 * view.height(),
        ]
    }
}

/// Paths are drawn light on the dark-ish landscape; on the chart's page background, white would
/// vanish in light mode, so it becomes a dark grey there.
fn chart_colour(colour: RGBColor) -> RGBColor {
    if colour == RGBColor(255, 255, 255) && !media::prefers_dark_scheme() {
        RGBColor(60, 60, 60)
    } else {
        colour
    }
}

fn chart_ink() -> ChartInk {
    media::by_scheme(loss_plot::LIGHT_INK, loss_plot::DARK_INK)
}

/// Pointer: press anywhere on the picture to put the start there, drag to move it. Keyboard: arrow
/// keys move it by 2% of the view (10% with Shift).
pub fn listen_for_start_drag(race: &Rc<Race>) {
    let overlay = race.view.canvas.overlay.clone();
    let move_to = |race: &Rc<Race>, event: &web_sys::Event| {
        let Some(pointer) = event.dyn_ref::<web_sys::PointerEvent>() else {
            return;
        };
        let point = race.view.to_surface(
            &race.model.borrow(),
            pointer.offset_x() as f64,
            pointer.offset_y() as f64,
        );
        race.model.borrow_mut().place_start(point);
        race.redraw();
    };
    race.listen(overlay.as_ref(), "pointerdown", move |race, event| {
        race.dragging.set(true);
        if let (Some(pointer), Some(target)) =
            (event.dyn_ref::<web_sys::PointerEvent>(), event.target())
            && let Ok(element) = target.dyn_into::<Element>()
        {
            let _ = element.set_pointer_capture(pointer.pointer_id());
        }
        move_to(race, event);
    });
    race.listen(overlay.as_ref(), "pointermove", move |race, event| {
        if race.dragging.get() {
            move_to(race, event);
        }
    });
    for name in ["pointerup", "pointercancel"] {
        race.listen(overlay.as_ref(), name, |race, _event| {
            if race.dragging.replace(false) {
                race.write_url();
            }
        });
    }
    let frame = race.view.canvas.frame.clone();
    race.listen(frame.as_ref(), "keydown", |race, event| {
        let Some((dx, dy)) = dom::arrow_key_step(event) else {
            return;
        };
        event.prevent_default();
        let shift = event
            .dyn_ref::<web_sys::KeyboardEvent>()
            .is_some_and(|key| key.shift_key());
        let fraction = if shift { 0.1 } else { 0.02 };
        {
            let mut model = race.model.borrow_mut();
            let view = model.surface.view();
            let start = model.start;
            model.place_start([
                start[0] + dx * fraction * view.width(),
                start[1] + dy * fraction * view.height(),
            ]);
        }
        race.redraw();
        race.write_url();
    });
}
