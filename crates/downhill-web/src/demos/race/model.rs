//! The race's state without any DOM: the surface, the start, each racer's settings and its computed
//! path. The view reads it; the controls change it and ask for a recompute.

use downhill_core::arrival::first_arrival;
use downhill_core::optimizers::{Hyperparameter, Hyperparameters, OptimizerKind, StateField};
use downhill_core::surfaces::{Surface, SurfaceKind};
use downhill_core::trajectory::{Outcome, Run, RunSettings, Trajectory};
use downhill_plots::race_style::RacerStyle;

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
    /// Index of the step on show; 0 is the start.
    pub cursor: usize,
}

impl RaceModel {
    pub fn new(surface_kind: SurfaceKind, racers: Vec<Racer>) -> RaceModel {
        let surface = surface_kind.build();
        let start = surface.default_start();
        let mut model = RaceModel {
            surface_kind,
            surface,
            start,
            racers,
            cursor: 0,
        };
        model.recompute_paths();
        model
    }

    /// Changes the surface, moving the start to the new surface's default.
    pub fn set_surface(&mut self, kind: SurfaceKind) {
        self.surface_kind = kind;
        self.surface = kind.build();
        self.start = self.surface.default_start();
        self.cursor = 0;
        self.recompute_paths();
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
        if hyperparameter.check(value).is_err() {
            return;
        }
        for racer in &mut self.racers {
            let applies = kind.is_none_or(|kind| kind == racer.style.kind);
            if applies && racer.style.kind.hyperparameters().contains(&hyperparameter) {
                racer.hyperparameters.set(hyperparameter, value);
            }
        }
        self.recompute_paths();
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
        Outcome::Diverged { step } => Some(format!("diverged at step {step}")),
        Outcome::Converged { step } => Some(format!("stopped at step {step}: gradient vanished")),
        Outcome::Stopped { step, reason } => Some(format!("stopped at step {step}: {reason}")),
        Outcome::Rejected { reason } => Some(format!("did not start: {reason}")),
        Outcome::Completed { .. } => None,
    }
}
