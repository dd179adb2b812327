//! The digits view's state without any DOM: its settings, the digits once they have arrived, and
//! the race of the three walkers (`downhill-core`'s `AccuracyRace`); what each control does to it;
//! and the words of the readouts, the chart's label and the CSV export.

use super::settings::{BUDGET_RANGE, HikerDigitsSettings, LEARNING_RATE_RANGE, LOCAL_STEP_RANGE};
use crate::demos::blindfolded_hiker::shared_settings::next_seed;
use crate::format::format_number;
use downhill_core::data::PreparedDigits;
use downhill_core::search::accuracy_race::AccuracyRace;
use downhill_plots::hiker::{AccuracyCurve, DIGITS_CURVE_POINTS, STRATEGY_STYLES};

/// A hard bound on evaluation rounds (one evaluation of each walker) per animation frame, whatever
/// the clock says.
pub const MAX_EVALUATIONS_PER_FRAME: usize = 120;

/// Rounds the Step button spends: one point of each curve, a hundredth of the budget, at most a few
/// frames' worth of work.
pub fn rounds_per_step(budget: usize) -> usize {
    (budget / DIGITS_CURVE_POINTS).max(1)
}

pub struct DigitsModel {
    pub settings: HikerDigitsSettings,
    /// The digits, once they have arrived.
    pub prepared: Option<PreparedDigits>,
    /// The race on show, once the digits have arrived.
    pub race: Option<AccuracyRace>,
}

impl DigitsModel {
    pub fn new(settings: HikerDigitsSettings) -> DigitsModel {
        DigitsModel {
            settings,
            prepared: None,
            race: None,
        }
    }

    /// Fresh walkers at evaluation 0 with the current settings (nothing until the digits arrive).
    pub fn restart(&mut self) {
        let Some(prepared) = &self.prepared else {
            return;
        };
        let strategies = STRATEGY_STYLES.map(|style| style.strategy);
        self.race = Some(AccuracyRace::new(
            prepared,
            &strategies,
            self.settings.race(),
        ));
    }

    /// Whether every walker has spent its budget (or stopped); true before the digits arrive.
    pub fn finished(&self) -> bool {
        self.race.as_ref().is_none_or(AccuracyRace::finished)
    }

    /// Spends evaluations round-robin until `out_of_time` says stop or `max_rounds` rounds are done.
    /// Returns whether there is more to do.
    pub fn spend(&mut self, max_rounds: usize, out_of_time: impl FnMut() -> bool) -> bool {
        let (Some(prepared), Some(race)) = (&self.prepared, &mut self.race) else {
            return false;
        };
        race.spend(prepared, max_rounds, out_of_time)
    }

    /// The Step button: one point of each curve, starting over after the end.
    pub fn step(&mut self) {
        if self.finished() {
            self.restart();
        }
        self.spend(rounds_per_step(self.settings.budget), || false);
    }

    /// The budget slider at `position`; returns the new budget.
    pub fn set_budget_position(&mut self, position: f64) -> usize {
        self.settings.budget = BUDGET_RANGE.count_at(position);
        self.settings.budget
    }

    /// The step-size slider at `position`; returns the new step size.
    pub fn set_learning_rate_position(&mut self, position: f64) -> f64 {
        self.settings.learning_rate = LEARNING_RATE_RANGE.value_at(position);
        self.settings.learning_rate
    }

    /// The reach slider at `position`; returns the new reach.
    pub fn set_local_step_position(&mut self, position: f64) -> f64 {
        self.settings.local_step = LOCAL_STEP_RANGE.value_at(position);
        self.settings.local_step
    }

    /// "New draws": the next seed.
    pub fn reroll(&mut self) {
        self.settings.seed = next_seed(self.settings.seed);
    }

    /// Each strategy's curve so far, in [`STRATEGY_STYLES`] order (empty before the race).
    pub fn curves(&self) -> Vec<AccuracyCurve<'_>> {
        STRATEGY_STYLES
            .iter()
            .enumerate()
            .map(|(index, style)| AccuracyCurve {
                strategy: style.strategy,
                points: self
                    .race
                    .as_ref()
                    .and_then(|race| race.curves().get(index))
                    .map_or(&[], Vec::as_slice),
            })
            .collect()
    }

    /// The counter beside each strategy in the legend, once there is a race.
    pub fn statuses(&self) -> Option<Vec<String>> {
        let race = self.race.as_ref()?;
        let statuses = race
            .hikers()
            .iter()
            .zip(race.curves())
            .map(|(hiker, curve)| {
                if let Some(step) = hiker.diverged_at() {
                    return format!("diverged at step {}", step + 1);
                }
                let mut parts = vec![format!("{} evaluations", hiker.n_evaluations())];
                if hiker.best_loss().is_finite() {
                    parts.push(format!("loss {}", format_number(hiker.best_loss())));
                }
                if let Some(&(_, accuracy)) = curve.last() {
                    parts.push(format!("test accuracy {:.1}%", 100.0 * accuracy));
                }
                parts.join(", ")
            })
            .collect();
        Some(statuses)
    }

    /// The chart's accessible label: each walker's latest accuracy.
    pub fn chart_label(&self) -> String {
        let descriptions: Vec<String> = self
            .race
            .iter()
            .flat_map(|race| STRATEGY_STYLES.iter().zip(race.hikers()).zip(race.curves()))
            .filter_map(|((style, hiker), curve)| {
                let &(_, accuracy) = curve.last()?;
                Some(format!(
                    "{} {:.1}% after {} evaluations",
                    style.strategy.label(),
                    100.0 * accuracy,
                    hiker.n_evaluations()
                ))
            })
            .collect();
        if descriptions.is_empty() {
            "Test accuracy against loss evaluations spent; no evaluations yet.".to_string()
        } else {
            format!(
                "Test accuracy of the digits classifier against loss evaluations spent, out of {} each: {}.",
                self.settings.budget,
                descriptions.join("; ")
            )
        }
    }

    /// "Evaluations spent: 40 of 1000 each", once there is a race.
    pub fn progress_text(&self) -> Option<String> {
        let race = self.race.as_ref()?;
        Some(format!(
            "Evaluations spent: {} of {} each",
            race.most_spent(),
            self.settings.budget
        ))
    }

    /// The message line: which walkers diverged, then what was wrong with the settings.
    pub fn message(&self, settings_message: &str) -> String {
        let mut messages: Vec<String> = self
            .race
            .iter()
            .flat_map(|race| STRATEGY_STYLES.iter().zip(race.hikers()))
            .filter_map(|(style, hiker)| {
                let step = hiker.diverged_at()?;
                Some(format!(
                    "{} diverged at step {}.",
                    style.strategy.label(),
                    step + 1
                ))
            })
            .collect();
        messages.push(settings_message.to_string());
        messages.join(" ").trim().to_string()
    }

    /// Every point of the curves, as CSV.
    pub fn csv(&self) -> String {
        let mut csv = String::from("strategy,loss_evaluations,test_accuracy\n");
        for curve in self.curves() {
            for &(spent, accuracy) in curve.points {
                if spent.is_finite() && accuracy.is_finite() {
                    csv.push_str(&format!("{},{spent},{accuracy}\n", curve.strategy.name()));
                }
            }
        }
        csv
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
#[path = "model_tests.rs"]
mod tests;
