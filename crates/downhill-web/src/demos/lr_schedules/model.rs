//! The learning-rate schedules demo's state without any DOM: the settings, the four annealed runs
//! (`downhill_core::annealing`, through `downhill_plots::lr_schedules`) and the step on show, and
//! what the sliders and the transport do to them. Four runs of 300 steps on a 2-D problem cost far
//! under a millisecond, so every setting change recomputes them whole.

use super::settings::Knob;
use crate::demos::chart_demo::ChartModel;
use crate::format::format_number;
use crate::settings::DemoSettings;
use downhill_core::annealing::AnnealedRun;
use downhill_plots::lr_schedules::{N_STEPS, SERIES_NAMES, ScheduleSettings, schedules_svg};

pub(crate) struct Model {
    pub(crate) settings: ScheduleSettings,
    pub(crate) runs: Vec<AnnealedRun>,
    /// The step on show; the whole run is shown at [`N_STEPS`].
    pub(crate) cursor: usize,
}

/// What the readouts say at the step on show.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Readouts {
    /// One per schedule, in [`SERIES_NAMES`] order: its rate and loss, or where it diverged.
    pub(crate) per_series: Vec<String>,
    /// A sentence per schedule that has diverged by now.
    pub(crate) divergences: Vec<String>,
    /// All of it in one sentence, for the picture's text alternative.
    pub(crate) spoken: String,
}

impl Model {
    /// The runs of `settings`, shown whole.
    pub(crate) fn new(settings: ScheduleSettings) -> Model {
        Model {
            settings,
            runs: settings.runs(),
            cursor: N_STEPS,
        }
    }

    /// The slider of `knob` at `position`: the new value (to show), with the runs recomputed.
    pub(crate) fn set_knob(&mut self, knob: Knob, position: f64) -> f64 {
        let value = knob.value_at(position);
        knob.set(&mut self.settings, value);
        self.runs = self.settings.runs();
        value
    }

    pub(crate) fn at_end(&self) -> bool {
        self.cursor >= N_STEPS
    }

    pub(crate) fn rewind(&mut self) {
        self.cursor = 0;
    }

    pub(crate) fn show_all(&mut self) {
        self.cursor = N_STEPS;
    }

    /// Moves the cursor `n_steps` on; returns whether there is more to show.
    pub(crate) fn advance(&mut self, n_steps: usize) -> bool {
        self.cursor = (self.cursor + n_steps).min(N_STEPS);
        self.cursor < N_STEPS
    }

    pub(crate) fn step_text(&self) -> String {
        format!("Step {} of {N_STEPS}", self.cursor)
    }

    pub(crate) fn readouts(&self) -> Readouts {
        let mut per_series = Vec::new();
        let mut divergences = Vec::new();
        let mut spoken = Vec::new();
        for (run, (name, _)) in self.runs.iter().zip(SERIES_NAMES) {
            let text = match run.diverged_at {
                Some(step) if self.cursor >= step => {
                    divergences.push(format!("{name} diverged at step {step}."));
                    format!("diverged at step {step}")
                }
                _ => {
                    let shown = self.cursor.min(run.steps_taken());
                    let loss = run.losses.get(shown).copied().unwrap_or(f64::NAN);
                    let rate = run
                        .learning_rates
                        .get(shown.min(run.learning_rates.len().saturating_sub(1)))
                        .copied()
                        .unwrap_or(f64::NAN);
                    format!(
                        "rate {} · loss {}",
                        format_number(rate),
                        format_number(loss)
                    )
                }
            };
            spoken.push(format!("{name}: {text}"));
            per_series.push(text);
        }
        Readouts {
            per_series,
            divergences,
            spoken: spoken.join("; "),
        }
    }

    /// The picture's text alternative.
    pub(crate) fn label(&self, readouts: &Readouts) -> String {
        format!(
            "Above, the learning rate against the step; below, the loss against the step, both on \
             log scales, for step decay, exponential decay, 1/t decay and a constant rate on the \
             same noisy run. At step {}: {}.",
            self.cursor, readouts.spoken
        )
    }
}

impl ChartModel for Model {
    fn link(&self) -> Vec<(String, String)> {
        self.settings.write()
    }

    /// The runs up to the step on show.
    fn csv(&self) -> String {
        let mut csv = String::from("schedule,step,learning_rate,loss,x,y\n");
        for (run, (_, class)) in self.runs.iter().zip(SERIES_NAMES) {
            for step in 0..=self.cursor.min(run.steps_taken()) {
                // The rate of step t is the one that moved the point from step t to t + 1; the last
                // point has none yet.
                let rate = run
                    .learning_rates
                    .get(step)
                    .map(|rate| rate.to_string())
                    .unwrap_or_default();
                let (Some(loss), Some(point)) = (run.losses.get(step), run.points.get(step)) else {
                    continue;
                };
                csv.push_str(&format!(
                    "{class},{step},{rate},{loss},{},{}\n",
                    point[0], point[1]
                ));
            }
        }
        csv
    }

    fn svg(&self) -> String {
        schedules_svg(&self.settings, self.cursor, (640, 512))
    }

    fn file_stem(&self) -> String {
        "lr-schedules".to_string()
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use downhill_plots::lr_schedules::DEFAULTS;

    #[test]
    fn the_defaults_show_four_whole_runs_that_do_not_diverge() {
        let model = Model::new(DEFAULTS);
        assert_eq!(model.runs.len(), 4);
        assert!(model.at_end());
        assert_eq!(model.step_text(), "Step 300 of 300");
        let readouts = model.readouts();
        assert_eq!(readouts.per_series.len(), 4);
        assert!(readouts.divergences.is_empty(), "{readouts:?}");
        assert!(readouts.per_series[0].starts_with("rate "), "{readouts:?}");
        assert!(readouts.spoken.starts_with("Step decay: rate "));
        assert!(model.label(&readouts).contains("At step 300: Step decay: "));
    }

    #[test]
    fn the_cursor_walks_from_the_start_to_the_end_and_stops_there() {
        let mut model = Model::new(DEFAULTS);
        let whole = model.svg();
        model.rewind();
        assert_eq!(model.csv().lines().count(), 1 + 4);
        assert!(whole.starts_with("<svg"));
        assert_ne!(model.svg(), whole);
        assert_eq!(model.file_stem(), "lr-schedules");
        assert!(model.advance(1));
        assert_eq!(model.step_text(), "Step 1 of 300");
        assert!(!model.advance(10_000));
        assert!(model.at_end());
        model.rewind();
        model.show_all();
        assert_eq!(model.cursor, N_STEPS);
    }

    #[test]
    fn a_slider_changes_its_setting_and_the_runs() {
        let mut model = Model::new(DEFAULTS);
        let before = model.runs[3].losses.clone();
        let value = model.set_knob(Knob::InitialRate, -2.0);
        assert!((value - 0.01).abs() < 1e-15);
        assert_eq!(model.settings.initial_rate, value);
        assert_ne!(model.runs[3].losses, before);
        assert_eq!(model.set_knob(Knob::StepsPerDrop, 31.0), 31.0);
        assert_eq!(model.settings.steps_per_drop, 31);
    }

    #[test]
    fn a_diverging_rate_says_so_once_the_cursor_passes_the_step() {
        let mut model = Model::new(DEFAULTS);
        model.set_knob(Knob::InitialRate, Knob::InitialRate.position(0.5));
        // At the end every run that diverged has done so, and each says so.
        let readouts = model.readouts();
        let diverged: Vec<usize> = model
            .runs
            .iter()
            .filter_map(|run| run.diverged_at)
            .collect();
        assert!(!diverged.is_empty());
        assert_eq!(readouts.divergences.len(), diverged.len(), "{readouts:?}");
        for step in diverged {
            assert!(
                readouts
                    .spoken
                    .contains(&format!("diverged at step {step}"))
            );
        }
        model.rewind();
        assert!(model.readouts().divergences.is_empty());
    }
}
