//! The race's state without any DOM: the surface, the start, each racer's settings and its computed
//! path, the step on show and the speed. The view reads it; the controls change it and ask for a
//! recompute. It is built from [`RaceSettings`] and gives them back, so the link always describes
//! the race on screen.

use super::settings::{RaceSettings, RacerSettings, SPEED_RANGE};
use crate::kit::strings::fill;
use downhill_core::arrival::first_arrival;
use downhill_core::optimizers::{Hyperparameter, Hyperparameters, OptimizerKind, StateField};
use downhill_core::surfaces::{Surface, SurfaceKind};
use downhill_core::trajectory::{Outcome, Run, RunSettings, Trajectory};
use downhill_plots::race_style::{RACE_DEFAULTS, RacerStyle, suggested_learning_rate};

/// Steps every racer gets. Enough for the slow ones to show they are slow.
pub const MAX_STEPS: usize = 1_000;

/// A racer has arrived when it is this fraction of the view's diagonal from a minimum.
const ARRIVAL_FRACTION_OF_VIEW: f64 = 0.01;

pub struct Racer {
    pub style: RacerStyle,
    pub enabled: bool,
    pub hyperparameters: Hyperparameters,
    pub trajectory: Trajectory,
    /// The step at which the path came within the arrival tolerance of a minimum.
    pub arrival: Option<usize>,
}

pub struct RaceModel {
    pub surface_kind: SurfaceKind,
    pub surface: Box<dyn Surface>,
    pub start: [f64; 2],
    pub racers: Vec<Racer>,
    /// The race-wide step size: the first slider's value.
    pub learning_rate: f64,
    /// Index of the step on show; 0 is the start.
    pub cursor: usize,
    /// Steps shown per animation frame.
    pub speed: usize,
}

impl RaceModel {
    /// The race `settings` describe, its paths computed, at step 0.
    pub fn from_settings(settings: &RaceSettings) -> RaceModel {
        let surface = settings.surface.build();
        let racers = settings
            .racers
            .iter()
            .filter_map(|racer| {
                let style = RACE_DEFAULTS
                    .racers
                    .iter()
                    .find(|style| style.kind == racer.kind)?;
                Some(Racer {
                    style: *style,
                    enabled: racer.enabled,
                    hyperparameters: racer.hyperparameters,
                    trajectory: empty_trajectory(),
                    arrival: None,
                })
            })
            .collect();
        let mut model = RaceModel {
            surface_kind: settings.surface,
            start: surface.default_start(),
            surface,
            racers,
            learning_rate: settings.learning_rate,
            cursor: 0,
            speed: settings.speed.clamp(SPEED_RANGE.0, SPEED_RANGE.1),
        };
        match settings.start {
            Some(start) => model.set_start(start),
            None => model.recompute_paths(),
        }
        model
    }

    /// The settings that reproduce this race.
    pub fn settings(&self) -> RaceSettings {
        RaceSettings {
            surface: self.surface_kind,
            learning_rate: self.learning_rate,
            speed: self.speed,
            start: Some(self.start),
            racers: self
                .racers
                .iter()
                .map(|racer| RacerSettings {
                    kind: racer.style.kind,
                    enabled: racer.enabled,
                    hyperparameters: racer.hyperparameters,
                })
                .collect(),
        }
    }

    /// Changes the surface, moving the start to the new surface's default and every racer to the
    /// step size that suits it, as a lesson's race on that surface would start.
    pub fn set_surface(&mut self, kind: SurfaceKind) {
        self.surface_kind = kind;
        self.surface = kind.build();
        self.start = self.surface.default_start();
        self.cursor = 0;
        self.apply_hyperparameter(
            None,
            Hyperparameter::LearningRate,
            suggested_learning_rate(kind),
        );
        self.recompute_paths();
    }

    /// Switches one racer on or off.
    pub fn set_enabled(&mut self, index: usize, enabled: bool) {
        if let Some(racer) = self.racers.get_mut(index) {
            racer.enabled = enabled;
            self.recompute_paths();
        }
    }

    /// Moves the start where the reader put it, to four decimals (a ten-thousandth of a unit is
    /// under a pixel), so a copied link shows short numbers and replays exactly this race.
    pub fn place_start(&mut self, point: [f64; 2]) {
        let to_four_decimals = |value: f64| (value * 1e4).round() / 1e4;
        self.set_start([to_four_decimals(point[0]), to_four_decimals(point[1])]);
    }

    /// Moves the start, kept inside the view so it can always be seen and dragged back.
    pub fn set_start(&mut self, point: [f64; 2]) {
        let view = self.surface.view();
        if !(point[0].is_finite() && point[1].is_finite()) {
            return;
        }
        self.start = [
            point[0].clamp(view.x_min, view.x_max),
            point[1].clamp(view.y_min, view.y_max),
        ];
        self.recompute_paths();
    }

    /// Runs every enabled racer from the start for [`MAX_STEPS`] with its current settings. At most
    /// seven runs of a thousand 2-D steps: well under a millisecond, so it is done on every change.
    pub fn recompute_paths(&mut self) {
        let view = self.surface.view();
        let tolerance = ARRIVAL_FRACTION_OF_VIEW * view.width().hypot(view.height());
        let minima = self.surface.minima();
        for racer in self.racers.iter_mut().filter(|racer| racer.enabled) {
            racer.trajectory = downhill_core::trajectory::run(
                self.surface.as_ref(),
                racer.style.kind,
                &racer.hyperparameters,
                self.start,
                MAX_STEPS,
            );
            racer.arrival = first_arrival(&racer.trajectory.points, &minima, tolerance);
        }
    }

    /// The last step any enabled racer reached: playing past it changes nothing.
    pub fn last_step(&self) -> usize {
        self.enabled()
            .map(|racer| racer.trajectory.points.len().saturating_sub(1))
            .max()
            .unwrap_or(0)
    }

    pub fn enabled(&self) -> impl Iterator<Item = &Racer> {
        self.racers.iter().filter(|racer| racer.enabled)
    }

    /// Sets one hyperparameter of one racer (or of every racer that uses it when `kind` is `None`).
    /// Values the core rejects are ignored: the sliders' ranges never produce them.
    pub fn set_hyperparameter(
        &mut self,
        kind: Option<OptimizerKind>,
        hyperparameter: Hyperparameter,
        value: f64,
    ) {
        if self.apply_hyperparameter(kind, hyperparameter, value) {
            self.recompute_paths();
        }
    }

    /// [`RaceModel::set_hyperparameter`] without the recompute; returns whether the value was taken.
    fn apply_hyperparameter(
        &mut self,
        kind: Option<OptimizerKind>,
        hyperparameter: Hyperparameter,
        value: f64,
    ) -> bool {
        if hyperparameter.check(value).is_err() {
            return false;
        }
        if kind.is_none() && hyperparameter == Hyperparameter::LearningRate {
            self.learning_rate = value;
        }
        for racer in &mut self.racers {
            let applies = kind.is_none_or(|kind| kind == racer.style.kind);
            if applies && racer.style.kind.hyperparameters().contains(&hyperparameter) {
                racer.hyperparameters.set(hyperparameter, value);
            }
        }
        true
    }

    /// Whether the cursor shows the last step there is.
    pub fn at_end(&self) -> bool {
        self.cursor >= self.last_step()
    }

    /// Moves the cursor `n_steps` on, no further than the last step; returns whether there is more.
    pub fn advance(&mut self, n_steps: usize) -> bool {
        let last = self.last_step();
        self.cursor = (self.cursor + n_steps).min(last);
        self.cursor < last
    }

    /// The racers that have arrived by the cursor, earliest first.
    pub fn arrivals_so_far(&self) -> Vec<(&Racer, usize)> {
        let mut arrived: Vec<(&Racer, usize)> = self
            .enabled()
            .filter_map(|racer| {
                racer
                    .arrival
                    .filter(|&step| step <= self.cursor)
                    .map(|step| (racer, step))
            })
            .collect();
        downhill_core::short_sort::sort_short_list_by(&mut arrived, |left, right| left.1 < right.1);
        arrived
    }

    /// Each enabled racer's optimizer state after `cursor` steps, found by replaying its run (a
    /// thousand 2-D steps at most; cheaper than storing every state of every step).
    pub fn states_at_cursor(&self) -> Vec<(OptimizerKind, Vec<StateField>)> {
        self.enabled()
            .map(|racer| {
                let kind = racer.style.kind;
                let steps = self
                    .cursor
                    .min(racer.trajectory.points.len().saturating_sub(1));
                let state = kind
                    .build(&racer.hyperparameters)
                    .ok()
                    .and_then(|optimizer| {
                        Run::new(
                            self.surface.as_ref(),
                            optimizer,
                            self.start,
                            RunSettings::with_steps(steps),
                        )
                        .ok()
                    })
                    .map(|mut run| {
                        run.run_to_end(self.surface.as_ref());
                        run.state()
                    })
                    .unwrap_or_default();
                (kind, state)
            })
            .collect()
    }
}

/// Whether a racer's run has ended by the cursor, and how, in words for the legend.
pub fn status_at(racer: &Racer, cursor: usize) -> Option<String> {
    let last = racer.trajectory.points.len().saturating_sub(1);
    if cursor < last {
        return None;
    }
    match racer.trajectory.outcome {
        Outcome::Diverged { step } => {
            Some(fill("saddle-race.diverged", &[("step", &step.to_string())]))
        }
        Outcome::Converged { step } => {
            Some(fill("saddle-race.vanished", &[("step", &step.to_string())]))
        }
        Outcome::Stopped { step, reason } => Some(fill(
            "saddle-race.stopped_because",
            &[("step", &step.to_string()), ("reason", &reason.to_string())],
        )),
        Outcome::Rejected { reason } => Some(fill(
            "saddle-race.rejected",
            &[("reason", &reason.to_string())],
        )),
        Outcome::Completed { .. } => None,
    }
}

/// A racer's path before it is computed.
fn empty_trajectory() -> Trajectory {
    Trajectory {
        points: Vec::new(),
        losses: Vec::new(),
        outcome: Outcome::Completed { steps: 0 },
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    //! The model natively: what each control does, and that a copied link replays the race.

    use super::*;
    use crate::settings::{DemoSettings, Settings};

    fn lessons_race() -> RaceModel {
        let source = Settings::from_parts("demo-1", Vec::new(), Vec::new());
        RaceModel::from_settings(&RaceSettings::read(&source))
    }

    #[test]
    fn a_copied_link_replays_the_race_on_screen() {
        let mut model = lessons_race();
        model.set_surface(SurfaceKind::Ravine);
        model.set_hyperparameter(Some(OptimizerKind::Adam), Hyperparameter::Beta2, 0.95);
        model.set_enabled(2, true);
        model.place_start([0.123456, -0.654321]);
        model.speed = 7;
        let pairs: Vec<(String, String)> = model
            .settings()
            .write()
            .into_iter()
            .map(|(key, value)| (format!("demo-1.{key}"), value))
            .collect();
        let source = Settings::from_parts("demo-1", Vec::new(), pairs);
        let replayed = RaceModel::from_settings(&RaceSettings::read(&source));
        assert!(source.messages().is_empty(), "{:?}", source.messages());
        assert_eq!(replayed.settings(), model.settings());
        assert_eq!(replayed.start, [0.1235, -0.6543]);
        for (left, right) in replayed.racers.iter().zip(&model.racers) {
            assert_eq!(left.trajectory.points, right.trajectory.points);
        }
    }

    #[test]
    fn a_new_surface_starts_over_at_the_step_size_that_suits_it() {
        let mut model = lessons_race();
        model.advance(5);
        model.set_surface(SurfaceKind::Beale);
        assert_eq!(model.cursor, 0);
        assert_eq!(
            model.learning_rate,
            suggested_learning_rate(SurfaceKind::Beale)
        );
        assert_eq!(model.start, model.surface.default_start());
        for racer in model.enabled() {
            if racer
                .style
                .kind
                .hyperparameters()
                .contains(&Hyperparameter::LearningRate)
            {
                assert_eq!(racer.hyperparameters.learning_rate, model.learning_rate);
            }
        }
    }

    #[test]
    fn the_cursor_stops_at_the_last_step() {
        let mut model = lessons_race();
        assert!(!model.at_end());
        assert!(model.advance(1));
        assert_eq!(model.cursor, 1);
        let last = model.last_step();
        assert!(!model.advance(last + 10));
        assert_eq!(model.cursor, last);
        assert!(model.at_end());
    }

    #[test]
    fn a_start_put_outside_the_picture_stays_inside() {
        let mut model = lessons_race();
        let view = model.surface.view();
        model.place_start([1e9, -1e9]);
        assert_eq!(model.start, [view.x_max, view.y_min]);
        let before = model.start;
        model.place_start([f64::NAN, 0.0]);
        assert_eq!(model.start, before, "a point that is not finite is ignored");
    }

    #[test]
    fn a_value_the_core_rejects_changes_nothing() {
        let mut model = lessons_race();
        let before = model.settings();
        model.set_hyperparameter(None, Hyperparameter::LearningRate, -1.0);
        assert_eq!(model.settings(), before);
    }
}
