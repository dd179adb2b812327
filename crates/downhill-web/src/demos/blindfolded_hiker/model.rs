//! The blindfolded hiker's state without any DOM: its settings, the three walks computed from them,
//! and the cursor of evaluations on show; what each control does to it; and the words the readouts,
//! the canvas's label and the CSV export say about it.
//!
//! Every probe comes from `downhill-core` (`search::hiker`). A whole walk of 1,000 evaluations on a
//! 2-D surface costs well under a millisecond, so all three walks are computed whenever a setting
//! changes and playing only moves a cursor along them.

use super::settings::{
    BUDGET_RANGE, BlindfoldedHikerSettings, LEARNING_RATE_RANGE, LOCAL_STEP_RANGE,
};
use super::shared_settings::next_seed;
use crate::format::format_number;
use downhill_core::search::hiker::{Strategy, Walk, WalkSetting, walk};
use downhill_core::surfaces::{Bumpy, Surface};
use downhill_plots::heatmap::ValueScale;
use downhill_plots::hiker::{self as hiker_plots, HikerScene, HikerTrack, STRATEGY_STYLES};

/// How far one arrow-key press moves the hiker, in map units (the map is 6 wide); Shift moves five
/// times as far.
pub const KEY_STEP: f64 = 0.1;
/// The whole walk plays in about 150 frames (two and a half seconds) whatever the budget.
pub const FRAMES_PER_WALK: usize = 150;

/// A direction of the arrow keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Left,
    Right,
    Up,
    Down,
}

pub struct HikerModel {
    pub surface: Bumpy,
    pub settings: BlindfoldedHikerSettings,
    /// One walk per strategy, in [`STRATEGY_STYLES`] order.
    pub walks: Vec<Walk>,
    /// The landscape's value range and colour scale, for colouring felt losses; the view sets it
    /// when it samples the landscape.
    pub value_range: (f64, f64, ValueScale),
    /// Evaluations on show: 0 is the start, the budget the end.
    pub cursor: usize,
}

impl HikerModel {
    /// The walks of `settings`, shown to the end.
    pub fn new(settings: BlindfoldedHikerSettings) -> HikerModel {
        let mut model = HikerModel {
            surface: Bumpy,
            cursor: settings.budget,
            settings,
            walks: Vec::new(),
            value_range: (0.0, 1.0, ValueScale::Linear),
        };
        model.recompute();
        model
    }

    pub fn budget(&self) -> usize {
        self.settings.budget
    }

    fn recompute(&mut self) {
        let settings = &self.settings;
        self.walks = hiker_plots::walks_on_map(
            &self.surface,
            settings.start,
            settings.budget,
            settings.local_step,
            settings.learning_rate,
            settings.seed,
        );
        self.cursor = self.cursor.min(settings.budget);
    }

    /// Recomputes only the walks that read `changed` (the step size moves only the gradient walker,
    /// the start never moves random search), so a slider move costs a third of the work.
    fn recompute_reading(&mut self, changed: WalkSetting) {
        if self.walks.len() != STRATEGY_STYLES.len() {
            self.recompute();
            return;
        }
        let settings = &self.settings;
        for (style, walked) in STRATEGY_STYLES.iter().zip(self.walks.iter_mut()) {
            if !style.strategy.reads(changed) {
                continue;
            }
            let hiker_settings = hiker_plots::map_settings(
                &self.surface,
                style.strategy,
                settings.start,
                settings.local_step,
                settings.learning_rate,
                settings.seed,
            );
            if let Ok(fresh) = walk(&self.surface, hiker_settings, settings.budget) {
                *walked = fresh;
            }
        }
    }

    /// The budget slider at `position`; a walk on show to the end stays at the end of the new
    /// budget. Returns the new budget.
    pub fn set_budget_position(&mut self, position: f64) -> usize {
        let budget = BUDGET_RANGE.count_at(position);
        let at_end = self.cursor >= self.settings.budget;
        self.settings.budget = budget;
        if at_end {
            self.cursor = budget;
        }
        self.recompute();
        budget
    }

    /// The reach slider at `position`; returns the new reach.
    pub fn set_local_step_position(&mut self, position: f64) -> f64 {
        self.settings.local_step = LOCAL_STEP_RANGE.value_at(position);
        self.recompute_reading(WalkSetting::LocalStep);
        self.settings.local_step
    }

    /// The step-size slider at `position`; returns the new step size.
    pub fn set_learning_rate_position(&mut self, position: f64) -> f64 {
        self.settings.learning_rate = LEARNING_RATE_RANGE.value_at(position);
        self.recompute_reading(WalkSetting::LearningRate);
        self.settings.learning_rate
    }

    /// "New draws": the next seed, and the walks it gives.
    pub fn reroll(&mut self) {
        self.settings.seed = next_seed(self.settings.seed);
        self.recompute();
    }

    /// Moves the start, kept inside the map, and recomputes the walks that start there.
    pub fn place(&mut self, point: [f64; 2]) {
        if !(point[0].is_finite() && point[1].is_finite()) {
            return;
        }
        let view_box = self.surface.view();
        self.settings.start = [
            point[0].clamp(view_box.x_min, view_box.x_max),
            point[1].clamp(view_box.y_min, view_box.y_max),
        ];
        self.recompute_reading(WalkSetting::Start);
    }

    /// The point of the map at a fraction `across` of its width from the left and `down` of its
    /// height from the top.
    pub fn point_at(&self, across: f64, down: f64) -> [f64; 2] {
        let view_box = self.surface.view();
        [
            view_box.x_min + across * view_box.width(),
            view_box.y_max - down * view_box.height(),
        ]
    }

    /// An arrow key: moves the hiker [`KEY_STEP`] that way, five times as far when `far`.
    pub fn nudge(&mut self, direction: Direction, far: bool) {
        let distance = if far { 5.0 * KEY_STEP } else { KEY_STEP };
        let (dx, dy) = match direction {
            Direction::Left => (-distance, 0.0),
            Direction::Right => (distance, 0.0),
            Direction::Up => (0.0, distance),
            Direction::Down => (0.0, -distance),
        };
        let start = self.settings.start;
        self.place([start[0] + dx, start[1] + dy]);
    }

    /// Whether the walks are on show to their end.
    pub fn at_end(&self) -> bool {
        self.cursor >= self.settings.budget
    }

    /// Step from the end of a walk starts it over.
    pub fn rewind_if_finished(&mut self) {
        if self.at_end() {
            self.cursor = 0;
        }
    }

    /// Moves the cursor `n_evaluations` on; returns whether there is more to show.
    pub fn advance(&mut self, n_evaluations: usize) -> bool {
        self.cursor = (self.cursor + n_evaluations).min(self.settings.budget);
        self.cursor < self.settings.budget
    }

    /// Evaluations one animation frame shows, so a whole walk plays in [`FRAMES_PER_WALK`] frames.
    pub fn per_frame(&self) -> usize {
        (self.settings.budget / FRAMES_PER_WALK).max(1)
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

    /// What the canvas says about runs that ended early.
    pub fn banner(&self) -> Option<String> {
        let notes: Vec<String> = STRATEGY_STYLES
            .iter()
            .zip(&self.walks)
            .zip(self.settings.shown)
            .filter(|(_, shown)| *shown)
            .filter_map(|((style, walk), _)| {
                walk.diverged_at
                    .filter(|&step| self.cursor > step)
                    .map(|step| format!("{} diverged at step {}", style.strategy.label(), step + 1))
            })
            .collect();
        (!notes.is_empty()).then(|| notes.join("; "))
    }

    /// Hands `draw` the scene as it stands, for the canvas (at `pixel_ratio`) or the SVG export.
    pub fn with_scene<R>(&self, pixel_ratio: f64, draw: impl FnOnce(&HikerScene<'_>) -> R) -> R {
        let tracks: Vec<HikerTrack<'_>> = (0..STRATEGY_STYLES.len())
            .filter(|&index| self.settings.shown[index])
            .filter_map(|index| self.track(index))
            .collect();
        let minima = self.surface.minima();
        let view = self.surface.view();
        let banner = self.banner();
        draw(&HikerScene {
            x_range: view.x_min..view.x_max,
            y_range: view.y_min..view.y_max,
            tracks: &tracks,
            start: self.settings.start,
            minima: &minima,
            blindfold: self.settings.blindfold,
            value_range: self.value_range,
            pixel_ratio,
            banner: banner.as_deref(),
        })
    }

    /// "Evaluations spent: 40 of 100 each".
    pub fn step_text(&self) -> String {
        format!(
            "Evaluations spent: {} of {} each",
            self.cursor, self.settings.budget
        )
    }

    /// Where the hiker was placed and the loss there.
    pub fn start_text(&self) -> String {
        let [x, y] = self.settings.start;
        format!(
            "Hiker placed at ({}, {}), where the loss is {}",
            format_number(x),
            format_number(y),
            format_number(self.surface.value(x, y))
        )
    }

    /// The counter beside strategy `index` in the legend.
    pub fn status_text(&self, index: usize) -> String {
        let (Some(style), Some(walk)) = (STRATEGY_STYLES.get(index), self.walks.get(index)) else {
            return String::new();
        };
        match walk.diverged_at {
            Some(step) if self.cursor > step => format!("diverged at step {}", step + 1),
            _ => {
                let spent = self.cursor.min(walk.probes.len());
                let mut parts = vec![format!("{spent} evaluations")];
                let best = spent
                    .checked_sub(1)
                    .and_then(|last| walk.probes.get(last))
                    .map(|probe| probe.best_loss)
                    .filter(|loss| loss.is_finite());
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
        }
    }

    /// Where the walker of strategy `index` stands and the loss there, if it is on show and stands
    /// somewhere with a finite loss.
    fn standing(&self, index: usize) -> Option<String> {
        let (style, walk) = (STRATEGY_STYLES.get(index)?, self.walks.get(index)?);
        if !self.settings.shown[index] {
            return None;
        }
        let spent = self.cursor.min(walk.probes.len());
        let position = walk.positions.get(spent).filter(|point| point.len() == 2)?;
        let here = walk
            .position_losses
            .get(spent)
            .copied()
            .filter(|loss| loss.is_finite())?;
        Some(format!(
            "{} stands at ({}, {}) with loss {}",
            style.strategy.label(),
            format_number(position[0]),
            format_number(position[1]),
            format_number(here)
        ))
    }

    /// The canvas's accessible label: what it shows and where each walker stands.
    pub fn canvas_label(&self) -> String {
        let what = if self.settings.blindfold {
            "Blindfolded: the landscape is hidden and only the probed points show, coloured by the loss felt there"
        } else {
            "A bumpy loss landscape, darker where the loss is lower, with the three strategies' probes and paths"
        };
        let descriptions: Vec<String> = (0..STRATEGY_STYLES.len())
            .filter_map(|index| self.standing(index))
            .collect();
        format!(
            "{what}. The hiker was placed at ({}, {}). After {} of {} evaluations: {}.",
            format_number(self.settings.start[0]),
            format_number(self.settings.start[1]),
            self.cursor,
            self.settings.budget,
            if descriptions.is_empty() {
                "no strategy has felt the ground yet".to_string()
            } else {
                descriptions.join("; ")
            }
        )
    }

    /// The message line: what ended early, then what was wrong with the settings.
    pub fn message(&self, settings_message: &str) -> String {
        let message = match self.banner() {
            Some(banner) => format!("{banner}. {settings_message}"),
            None => settings_message.to_string(),
        };
        message.trim().to_string()
    }

    /// Every probe on show, as CSV.
    pub fn csv(&self) -> String {
        // A diverged step may hold numbers too large to mean anything; they stay out.
        let finite = |value: f64| {
            if value.is_finite() {
                value.to_string()
            } else {
                String::new()
            }
        };
        let mut csv = String::from("strategy,evaluation,x,y,loss,moved_there,best_loss\n");
        for (style, walk) in STRATEGY_STYLES.iter().zip(&self.walks) {
            for probe in walk.probes.iter().take(self.cursor) {
                let &[x, y] = probe.point.as_slice() else {
                    continue;
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
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "model_tests.rs"]
mod tests;
