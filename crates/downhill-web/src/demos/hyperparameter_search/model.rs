//! The hyperparameter-search demo's state without any DOM: the settings and both searches, from
//! `downhill_core::search::hyperparameters::random_versus_grid`. A search of 100 trials on the
//! closed-form stand-in costs microseconds, so every change simply recomputes both.

use super::settings::{MAX_SEED, PER_AXIS_RANGE, SearchSettings};
use crate::demos::chart_demo::ChartModel;
use crate::format::format_number;
use crate::settings::DemoSettings;
use downhill_core::search::hyperparameters::{
    BEST_LEARNING_RATE_EXPONENT, SearchComparison, Trial, best_trial, random_versus_grid,
    validation_loss_stand_in,
};
use downhill_plots::hyperparameter_search::{
    comparison_svg, decades_from_best_rate, distinct_learning_rates,
};

pub(crate) struct Model {
    pub(crate) settings: SearchSettings,
    pub(crate) comparison: SearchComparison,
}

impl Model {
    pub(crate) fn new(settings: SearchSettings) -> Model {
        Model {
            settings,
            comparison: search(settings),
        }
    }

    /// The slider at `per_axis` trials per axis.
    pub(crate) fn set_per_axis(&mut self, per_axis: f64) {
        self.settings.per_axis =
            (per_axis.round() as usize).clamp(PER_AXIS_RANGE.0, PER_AXIS_RANGE.1);
        self.comparison = search(self.settings);
    }

    /// Other random trials (the grid stays).
    pub(crate) fn new_seed(&mut self) {
        self.settings.seed = (self.settings.seed + 1) % (MAX_SEED as u64 + 1);
        self.comparison = search(self.settings);
    }

    /// Trials in each search.
    pub(crate) fn n_trials(&self) -> usize {
        self.comparison.grid.len()
    }

    /// The slider's value: trials and the grid's shape.
    pub(crate) fn trials_text(&self) -> String {
        format!(
            "{} ({1} × {1} grid)",
            self.n_trials(),
            self.settings.per_axis
        )
    }

    /// Both searches' key numbers, a sentence each: grid, then random.
    pub(crate) fn readouts(&self) -> (String, String) {
        (
            describe("Grid", &self.comparison.grid),
            describe("Random", &self.comparison.random),
        )
    }

    /// The picture's text alternative.
    pub(crate) fn label(&self) -> String {
        let (grid, random) = self.readouts();
        format!(
            "Two panels of {} trials each on the plane of learning rate (across) and \
             regularization (up), with the loss against each beside them; the best learning rate, \
             {}, is a dashed line. {grid} {random}",
            self.n_trials(),
            format_number(10f64.powf(BEST_LEARNING_RATE_EXPONENT))
        )
    }
}

impl ChartModel for Model {
    fn link(&self) -> Vec<(String, String)> {
        self.settings.write()
    }

    /// Every trial of both searches (trials with a number that does not exist left out).
    fn csv(&self) -> String {
        let mut csv = String::from("search,trial,learning_rate,reg,loss\n");
        for (name, trials) in [
            ("grid", &self.comparison.grid),
            ("random", &self.comparison.random),
        ] {
            for (index, trial) in trials.iter().enumerate() {
                if trial.learning_rate.is_finite()
                    && trial.reg.is_finite()
                    && trial.loss.is_finite()
                {
                    csv.push_str(&format!(
                        "{name},{index},{},{},{}\n",
                        trial.learning_rate, trial.reg, trial.loss
                    ));
                }
            }
        }
        csv
    }

    fn svg(&self) -> String {
        comparison_svg(&self.comparison, (800, 448))
    }

    fn file_stem(&self) -> String {
        format!(
            "hyperparameter-search-{}-trials-seed-{}",
            self.settings.per_axis * self.settings.per_axis,
            self.settings.seed
        )
    }
}

fn search(settings: SearchSettings) -> SearchComparison {
    random_versus_grid(validation_loss_stand_in, settings.per_axis, settings.seed)
}

/// One search's key numbers in a sentence.
fn describe(name: &str, trials: &[Trial]) -> String {
    let distinct = distinct_learning_rates(trials);
    match (best_trial(trials), decades_from_best_rate(trials)) {
        (Some(best), Some(decades)) => format!(
            "{name}: {distinct} learning rates tried; best loss {} at learning rate {}, {} decades \
             from the best rate.",
            format_number(best.loss),
            format_number(best.learning_rate),
            format_number((decades * 100.0).round() / 100.0)
        ),
        _ => format!("{name}: no trials."),
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn model(per_axis: usize, seed: u64) -> Model {
        Model::new(SearchSettings { per_axis, seed })
    }

    #[test]
    fn both_searches_get_the_square_of_the_trials_per_axis() {
        let mut model = model(3, 1);
        assert_eq!(model.n_trials(), 9);
        assert_eq!(model.comparison.random.len(), 9);
        assert_eq!(model.trials_text(), "9 (3 × 3 grid)");
        assert_eq!(model.file_stem(), "hyperparameter-search-9-trials-seed-1");
        model.set_per_axis(4.4);
        assert_eq!((model.settings.per_axis, model.n_trials()), (4, 16));
        assert!(
            model
                .link()
                .contains(&("per-axis".to_string(), "4".to_string()))
        );
        assert_eq!(model.file_stem(), "hyperparameter-search-16-trials-seed-1");
        assert!(model.svg().starts_with("<svg"));
        model.set_per_axis(1e9);
        assert_eq!(model.settings.per_axis, PER_AXIS_RANGE.1);
        model.set_per_axis(-5.0);
        assert_eq!(model.settings.per_axis, PER_AXIS_RANGE.0);
    }

    #[test]
    fn a_new_seed_moves_the_random_trials_and_not_the_grid() {
        let mut model = model(3, 1);
        let before = model.comparison.clone();
        model.new_seed();
        assert_eq!(model.settings.seed, 2);
        assert_eq!(model.comparison.grid, before.grid);
        assert_ne!(model.comparison.random, before.random);
        let mut last = self::model(3, MAX_SEED as u64);
        last.new_seed();
        assert_eq!(last.settings.seed, 0);
    }

    #[test]
    fn the_grid_tries_as_many_rates_as_its_side_and_random_as_many_as_its_trials() {
        let model = model(3, 1);
        let (grid, random) = model.readouts();
        assert!(
            grid.starts_with("Grid: 3 learning rates tried; best loss "),
            "{grid}"
        );
        assert!(
            random.starts_with("Random: 9 learning rates tried; "),
            "{random}"
        );
        assert!(model.label().contains(&grid) && model.label().contains(&random));
        assert_eq!(model.csv().lines().count(), 1 + 18);
        assert_eq!(describe("Grid", &[]), "Grid: no trials.");
    }
}
