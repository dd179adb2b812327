//! The paths' state without any DOM: the surface, the start, the reader's step size and its path, the
//! four comparison paths, and the step on show. Every path comes from `downhill-core`; a few hundred
//! steps on a 2-D surface cost microseconds, so every change recomputes the paths at once and
//! playing only moves the cursor along them.

use super::settings::{LOG10_STEP_RANGE, MAX_STEPS, MIN_STEPS, PathsSettings};
use crate::format::format_number;
use crate::kit::dom::from_log10;
use downhill_core::step_size_demos::{
    ComparisonStep, demo_comparison_steps, good_step_size, gradient_descent_path, loss_went_up,
};
use downhill_core::surfaces::{Surface, SurfaceKind};
use downhill_core::trajectory::{Outcome, Trajectory};

/// How far one arrow-key press moves the start, as a fraction of the view.
const KEY_STEP_FRACTION: f64 = 0.02;
/// Playing shows a run in about this many frames, whatever its length.
const FRAMES_PER_RUN: usize = 150;

/// One of the four fixed step sizes and its path.
pub struct Panel {
    pub comparison: ComparisonStep,
    pub trajectory: Trajectory,
}

pub struct PathsModel {
    pub surface_kind: SurfaceKind,
    pub surface: Box<dyn Surface>,
    pub start: [f64; 2],
    /// The slider's position: the step size as a power of ten.
    pub log10_step: f64,
    pub n_steps: usize,
    /// The reader's path.
    pub chosen: Trajectory,
    pub panels: Vec<Panel>,
    /// The step on show; playing moves it from 0 to `n_steps`.
    pub cursor: usize,
}

impl PathsModel {
    pub fn new(settings: &PathsSettings) -> PathsModel {
        let surface = settings.surface_kind.build();
        let mut model = PathsModel {
            surface_kind: settings.surface_kind,
            chosen: gradient_descent_path(
                surface.as_ref(),
                settings.start,
                settings.step,
                settings.n_steps,
            ),
            surface,
            start: settings.start,
            log10_step: settings.step.log10(),
            n_steps: settings.n_steps,
            panels: Vec::new(),
            cursor: settings.n_steps,
        };
        model.recompute_panels();
        model
    }

    /// The settings that reproduce the demo as it is now.
    pub fn settings(&self) -> PathsSettings {
        PathsSettings {
            surface_kind: self.surface_kind,
            step: self.chosen_step(),
            n_steps: self.n_steps,
            start: self.start,
        }
    }

    pub fn chosen_step(&self) -> f64 {
        from_log10(self.log10_step, LOG10_STEP_RANGE)
    }

    /// The step-size slider moved: only the reader's path changes.
    pub fn set_log10_step(&mut self, log10_step: f64) {
        self.log10_step = log10_step.clamp(LOG10_STEP_RANGE.0, LOG10_STEP_RANGE.1);
        self.recompute_chosen();
    }

    /// The steps slider moved: every path is rerun and shown to its end.
    pub fn set_steps(&mut self, count: f64) {
        self.n_steps = (count.round() as usize).clamp(MIN_STEPS, MAX_STEPS);
        self.cursor = self.n_steps;
        self.recompute_all();
    }

    /// A new surface starts from its own start with a step size that is good on it.
    pub fn set_surface(&mut self, kind: SurfaceKind) {
        self.surface_kind = kind;
        self.surface = kind.build();
        self.start = self.surface.default_start();
        self.cursor = self.n_steps;
        self.log10_step = good_step_size(self.surface.as_ref())
            .log10()
            .clamp(LOG10_STEP_RANGE.0, LOG10_STEP_RANGE.1);
        self.recompute_all();
    }

    /// Moves the start (kept inside the view) and reruns every path from it.
    pub fn set_start(&mut self, start: [f64; 2]) {
        if !start[0].is_finite() || !start[1].is_finite() {
            return;
        }
        let view_box = self.surface.view();
        self.start = [
            start[0].clamp(view_box.x_min, view_box.x_max),
            start[1].clamp(view_box.y_min, view_box.y_max),
        ];
        self.recompute_all();
    }

    /// Moves the start to a point of the picture given as fractions of its width and height from
    /// its top-left corner (where a pointer is).
    pub fn set_start_at_fraction(&mut self, fraction_x: f64, fraction_y: f64) {
        let view_box = self.surface.view();
        self.set_start([
            view_box.x_min + fraction_x * view_box.width(),
            view_box.y_max - fraction_y * view_box.height(),
        ]);
    }

    /// An arrow key: moves the start a fiftieth of the view in `direction` (x right, y up).
    pub fn nudge_start(&mut self, direction: (f64, f64)) {
        let view_box = self.surface.view();
        self.set_start([
            self.start[0] + direction.0 * KEY_STEP_FRACTION * view_box.width(),
            self.start[1] + direction.1 * KEY_STEP_FRACTION * view_box.height(),
        ]);
    }

    fn recompute_chosen(&mut self) {
        self.chosen = gradient_descent_path(
            self.surface.as_ref(),
            self.start,
            self.chosen_step(),
            self.n_steps,
        );
    }

    fn recompute_panels(&mut self) {
        self.panels = demo_comparison_steps(self.surface.as_ref())
            .into_iter()
            .map(|comparison| Panel {
                comparison,
                trajectory: gradient_descent_path(
                    self.surface.as_ref(),
                    self.start,
                    comparison.step_size,
                    self.n_steps,
                ),
            })
            .collect();
    }

    fn recompute_all(&mut self) {
        self.recompute_chosen();
        self.recompute_panels();
    }

    pub fn is_at_end(&self) -> bool {
        self.cursor >= self.n_steps
    }

    /// Before stepping from the end: start again from step 0.
    pub fn rewind_if_at_end(&mut self) {
        if self.is_at_end() {
            self.cursor = 0;
        }
    }

    pub fn reset(&mut self) {
        self.cursor = 0;
    }

    /// Shows every step at once (for a reader who asked for less motion).
    pub fn show_all(&mut self) {
        self.cursor = self.n_steps;
    }

    /// Moves the cursor `n_steps` on; returns whether there is more to show.
    pub fn advance(&mut self, n_steps: usize) -> bool {
        self.cursor = (self.cursor + n_steps).min(self.n_steps);
        self.cursor < self.n_steps
    }

    /// Steps shown per animation frame.
    pub fn steps_per_frame(&self) -> usize {
        (self.n_steps / FRAMES_PER_RUN).max(1)
    }

    /// Whether the cursor has reached the end of the reader's path (which may stop early).
    pub fn chosen_reached_end(&self) -> bool {
        self.cursor + 1 >= self.chosen.points.len()
    }

    /// What went wrong with the reader's step size, once the cursor shows it.
    pub fn chosen_warning(&self) -> Option<String> {
        if !self.chosen_reached_end() {
            return None;
        }
        let step = format_number(self.chosen_step());
        match self.chosen.outcome {
            Outcome::Diverged { step: diverged } => Some(format!(
                "Step size {step} diverged at step {diverged}: each step overshoots further."
            )),
            _ if loss_went_up(&self.chosen) => Some(format!(
                "With step size {step} the loss went up: the steps overshoot the valley."
            )),
            _ => None,
        }
    }

    /// The step at which the reader's path diverged, once the cursor shows it.
    pub fn chosen_diverged_at(&self) -> Option<usize> {
        match self.chosen.outcome {
            Outcome::Diverged { step } if self.chosen_reached_end() => Some(step),
            _ => None,
        }
    }

    /// The run as CSV: the reader's path and the four comparison paths, every step.
    pub fn csv(&self) -> String {
        let mut csv = String::from("run,step_size,step,x,y,loss\n");
        let mut push = |name: &str, step_size: f64, trajectory: &Trajectory| {
            for (step, (point, loss)) in
                trajectory.points.iter().zip(&trajectory.losses).enumerate()
            {
                csv.push_str(&format!(
                    "{name},{step_size:e},{step},{},{},{loss}\n",
                    point[0], point[1]
                ));
            }
        };
        push("chosen", self.chosen_step(), &self.chosen);
        for panel in &self.panels {
            push(
                panel.comparison.label,
                panel.comparison.step_size,
                &panel.trajectory,
            );
        }
        csv
    }
}

/// What a run has done by step `cursor`, in words; `with_step` names the step for a caption that
/// does not say it elsewhere.
pub fn describe_run(trajectory: &Trajectory, cursor: usize, with_step: bool) -> String {
    let last_index = trajectory.points.len().saturating_sub(1);
    let shown = cursor.min(last_index);
    let loss = trajectory.losses.get(shown).copied();
    match trajectory.outcome {
        Outcome::Diverged { step } if cursor >= last_index => format!("diverged at step {step}"),
        Outcome::Converged { step } if cursor >= last_index => {
            format!("converged at step {step}")
        }
        Outcome::Rejected { .. } => "could not start".to_string(),
        _ => match loss {
            Some(loss) if with_step => format!("loss {} at step {shown}", format_number(loss)),
            Some(loss) => format!("loss {}", format_number(loss)),
            None => String::new(),
        },
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    fn ravine() -> PathsModel {
        PathsModel::new(&PathsSettings {
            surface_kind: SurfaceKind::Ravine,
            step: 0.05,
            n_steps: 100,
            start: [-2.5, 1.0],
        })
    }

    #[test]
    fn a_new_demo_shows_five_whole_runs_from_the_start() {
        let model = ravine();
        assert_eq!(model.panels.len(), 4);
        assert_eq!(model.cursor, 100);
        assert_eq!(model.chosen.points[0], [-2.5, 1.0]);
        for panel in &model.panels {
            assert_eq!(panel.trajectory.points[0], [-2.5, 1.0]);
        }
        assert!(matches!(
            model.panels[3].trajectory.outcome,
            Outcome::Diverged { .. }
        ));
        assert!((model.chosen_step() - 0.05).abs() < 1e-15);
        assert_eq!(model.chosen_warning(), None);
        assert_eq!(model.settings().surface_kind, SurfaceKind::Ravine);
    }

    #[test]
    fn the_step_size_changes_only_the_readers_path_and_a_large_one_warns() {
        let mut model = ravine();
        let panel = model.panels[0].trajectory.clone();
        model.set_log10_step(5.0);
        assert_eq!(model.log10_step, 0.0);
        assert_eq!(model.panels[0].trajectory, panel);
        assert_eq!(
            model.chosen_diverged_at().is_some(),
            model.chosen_warning().is_some()
        );
        let warning = model.chosen_warning().unwrap();
        assert!(warning.contains("diverged at step"), "{warning}");
        // Not yet shown: no warning while the cursor is before the end.
        model.reset();
        assert_eq!(model.chosen_warning(), None);
    }

    #[test]
    fn steps_surface_and_start_rerun_every_path() {
        let mut model = ravine();
        model.set_steps(12_345.0);
        assert_eq!((model.n_steps, model.cursor), (MAX_STEPS, MAX_STEPS));
        model.set_steps(3.0);
        assert_eq!(model.n_steps, MIN_STEPS);
        model.set_surface(SurfaceKind::Bowl);
        assert_eq!(model.start, SurfaceKind::Bowl.build().default_start());
        assert_eq!(model.panels[1].comparison.step_size, model.chosen_step());
        model.set_start([100.0, -100.0]);
        assert_eq!(model.start, [2.0, -2.0]);
        assert_eq!(model.chosen.points[0], [2.0, -2.0]);
        model.set_start([f64::NAN, 0.0]);
        assert_eq!(model.start, [2.0, -2.0]);
        model.set_start_at_fraction(0.5, 0.5);
        assert_eq!(model.start, [0.0, 0.0]);
        model.nudge_start((1.0, 1.0));
        assert!((model.start[0] - 0.08).abs() < 1e-12 && (model.start[1] - 0.08).abs() < 1e-12);
        assert_eq!(model.panels[2].trajectory.points[0], model.start);
    }

    #[test]
    fn playing_moves_the_cursor_to_the_end_and_starts_again() {
        let mut model = ravine();
        assert_eq!(model.steps_per_frame(), 1);
        model.rewind_if_at_end();
        assert_eq!(model.cursor, 0);
        assert!(model.advance(60));
        assert!(!model.advance(60));
        assert_eq!(model.cursor, 100);
        model.show_all();
        assert!(model.is_at_end());
        model.set_steps(1000.0);
        assert_eq!(model.steps_per_frame(), 6);
    }

    #[test]
    fn runs_are_described_in_words() {
        let model = ravine();
        let panel = &model.panels[3].trajectory;
        assert!(describe_run(panel, 100, true).starts_with("diverged at step"));
        let first = format_number(model.chosen.losses[0]);
        assert_eq!(
            describe_run(&model.chosen, 0, true),
            format!("loss {first} at step 0")
        );
        assert_eq!(
            describe_run(&model.chosen, 0, false),
            format!("loss {first}")
        );
        let csv = model.csv();
        let second_line = csv.lines().nth(1).unwrap();
        assert!(
            second_line.starts_with("chosen,") && second_line.ends_with(",0,-2.5,1,13.125"),
            "{second_line}"
        );
        for label in ["tiny", "good", "large", "too large"] {
            assert!(csv.contains(&format!("\n{label},")), "{label}");
        }
    }
}
