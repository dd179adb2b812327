//! The gradient check's state without any DOM: the settings, the digits once loaded, the function at
//! its point (`Workbench`), the rows of the table and the curve against h, and what each control
//! does to them. Every number comes from `downhill_core::gradient::workbench`.
//!
//! Each change recomputes what it affects and no more, and says what it left to show ([`Update`]).
//! Moving h evaluates eight rows of two losses each; the curve against h is evaluated again only
//! when the function, point, digits, precision or row change. The loss evaluations are kept without
//! the regularization (`Probe`), so moving the regularization or planting a bug evaluates no loss at
//! all: the rows and the curve are put back together from the kept values, to the same last digit.

use super::settings::{GradientCheckSettings, LOG10_REG_RANGE, MAX_SEED, REG_OFF_BELOW};
use downhill_core::data::Dataset;
use downhill_core::gradient::workbench::{
    CheckFunction, ErrorAtStep, MAX_EXAMPLES, PlantedBugs, Precision, Probe, Workbench,
    WorkbenchRow, log_spaced_steps,
};
use downhill_plots::gradient_check::{LOG10_H_RANGE, STEPS_PER_DECADE};
use std::rc::Rc;

/// What a change left for the view to show.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Update {
    /// The function or its point was built again: the table needs new rows, and `problem` (why no
    /// function could be built, if none could) goes in the message line.
    Rebuilt { problem: Option<String> },
    /// The same rows with new numbers, and a new curve.
    Refreshed,
    /// Only h moved: new numbers in the rows and new marks on the plot; the curves stay.
    StepMoved,
    /// Nothing changed.
    Nothing,
}

pub(crate) struct Model {
    pub(crate) settings: GradientCheckSettings,
    /// The prepared training digits, once loaded.
    train: Option<Rc<Dataset>>,
    /// Why the digits could not be loaded, if they could not.
    digits_problem: Option<String>,
    /// `None` while a digits loss waits for its data.
    pub(crate) workbench: Option<Workbench>,
    /// The loss evaluations behind the rows and the curve, without the regularization: a move of
    /// the regularization or a planted bug reuses them and evaluates no loss again.
    row_probes: Vec<Probe>,
    curve_probes: Vec<Probe>,
    pub(crate) rows: Vec<WorkbenchRow>,
    pub(crate) curve: Vec<ErrorAtStep>,
}

impl Model {
    /// The model of `settings`, with nothing computed yet: call [`Model::rebuild`].
    pub(crate) fn new(settings: GradientCheckSettings) -> Model {
        Model {
            settings,
            train: None,
            digits_problem: None,
            workbench: None,
            row_probes: Vec::new(),
            curve_probes: Vec::new(),
            rows: Vec::new(),
            curve: Vec::new(),
        }
    }

    /// Rebuilds the function at its point (after a change of function, examples, regularization,
    /// seed, or when the digits arrive), then everything computed from it.
    pub(crate) fn rebuild(&mut self) -> Update {
        let problem = self.try_rebuild().err();
        Update::Rebuilt { problem }
    }

    fn try_rebuild(&mut self) -> Result<(), String> {
        let settings = self.settings;
        self.workbench = None;
        self.row_probes.clear();
        self.curve_probes.clear();
        self.rows.clear();
        self.curve.clear();
        let workbench = if settings.function.uses_digits() {
            match (&self.train, &self.digits_problem) {
                (Some(train), _) => Workbench::classifier(
                    settings.function,
                    train,
                    settings.n_examples,
                    settings.reg,
                    settings.seed,
                )?,
                (None, Some(problem)) => return Err(problem.clone()),
                (None, None) => return Ok(()),
            }
        } else {
            Workbench::new(settings.function, settings.seed)?
        };
        let last_row = workbench.coordinates().len().saturating_sub(1);
        self.settings.selected_row = self.settings.selected_row.min(last_row);
        self.workbench = Some(workbench);
        self.recompute_rows();
        self.recompute_curve();
        Ok(())
    }

    /// The digits arrived (or could not): a digits loss on show is built now.
    pub(crate) fn digits_loaded(&mut self, loaded: Result<Rc<Dataset>, String>) -> Update {
        match loaded {
            Ok(train) => self.train = Some(train),
            Err(problem) => self.digits_problem = Some(problem),
        }
        if self.settings.function.uses_digits() {
            self.rebuild()
        } else {
            Update::Nothing
        }
    }

    fn recompute_rows(&mut self) {
        let settings = self.settings;
        self.row_probes = self
            .workbench
            .as_ref()
            .map(|workbench| workbench.row_probes(settings.h, settings.precision))
            .unwrap_or_default();
        self.rows_from_probes();
    }

    fn recompute_curve(&mut self) {
        let settings = self.settings;
        self.curve_probes = match &self.workbench {
            Some(workbench) => {
                let index = workbench
                    .coordinates()
                    .get(settings.selected_row)
                    .copied()
                    .unwrap_or(0);
                let steps = log_spaced_steps(LOG10_H_RANGE.0, LOG10_H_RANGE.1, STEPS_PER_DECADE);
                workbench.curve_probes(index, &steps, settings.precision)
            }
            None => Vec::new(),
        };
        self.curve_from_probes();
    }

    /// The rows from the kept probes, at the current regularization and bugs.
    fn rows_from_probes(&mut self) {
        let bugs = self.settings.bugs;
        self.rows = self
            .workbench
            .as_ref()
            .map(|workbench| workbench.rows_from(&self.row_probes, bugs))
            .unwrap_or_default();
    }

    fn curve_from_probes(&mut self) {
        let bugs = self.settings.bugs;
        self.curve = self
            .workbench
            .as_ref()
            .map(|workbench| workbench.curve_from(&self.curve_probes, bugs))
            .unwrap_or_default();
    }

    /// Another function, checked from its first row.
    pub(crate) fn set_function(&mut self, function: CheckFunction) -> Update {
        self.settings.function = function;
        self.settings.selected_row = 0;
        self.rebuild()
    }

    pub(crate) fn set_precision(&mut self, precision: Precision) -> Update {
        self.settings.precision = precision;
        self.recompute_rows();
        self.recompute_curve();
        Update::Refreshed
    }

    /// The h slider at `position` (a power of ten): whole and tenth decades read as 1e-5 and 3.16e-5
    /// rather than 9.999999e-6.
    pub(crate) fn set_h_at(&mut self, position: f64) -> Update {
        let position = position.clamp(LOG10_H_RANGE.0, LOG10_H_RANGE.1);
        self.settings.h = 10f64.powf((position * 10.0).round() / 10.0);
        self.recompute_rows();
        Update::StepMoved
    }

    /// A new regularization strength: the same digits and point, so the kept probes serve and no
    /// loss is evaluated again when there is a classifier on show; otherwise everything is rebuilt.
    pub(crate) fn set_reg(&mut self, reg: f64) -> Update {
        self.settings.reg = reg;
        let reused = self.workbench.as_mut().is_some_and(|workbench| {
            workbench.function().uses_digits() && workbench.set_reg(reg).is_ok()
        });
        if !reused {
            return self.rebuild();
        }
        self.rows_from_probes();
        self.curve_from_probes();
        Update::Refreshed
    }

    /// The examples slider at `count` digits.
    pub(crate) fn set_examples(&mut self, count: f64) -> Update {
        self.settings.n_examples = (count.round() as usize).clamp(1, MAX_EXAMPLES);
        self.rebuild()
    }

    /// Planting or removing a bug changes only the analytic side, so the kept probes serve.
    pub(crate) fn set_bugs(&mut self, bugs: PlantedBugs) -> Update {
        self.settings.bugs = bugs;
        self.rows_from_probes();
        self.curve_from_probes();
        Update::Refreshed
    }

    /// Another random point (and other digits).
    pub(crate) fn new_point(&mut self) -> Update {
        self.settings.seed = (self.settings.seed + 1) % (MAX_SEED as u64 + 1);
        self.rebuild()
    }

    /// Back to `initial` (the lesson's and the link's settings).
    pub(crate) fn reset(&mut self, initial: GradientCheckSettings) -> Update {
        self.settings = initial;
        self.rebuild()
    }

    /// The plot against h for row `row_idx`, if the table has it.
    pub(crate) fn select_row(&mut self, row_idx: usize) -> Update {
        if row_idx >= self.rows.len() {
            return Update::Nothing;
        }
        self.settings.selected_row = row_idx;
        self.recompute_curve();
        Update::Refreshed
    }

    /// The name of the parameter the plot is for.
    pub(crate) fn selected_parameter(&self) -> String {
        self.workbench
            .as_ref()
            .and_then(|workbench| {
                let index = *workbench.coordinates().get(self.settings.selected_row)?;
                Some(workbench.parameter_name(index))
            })
            .unwrap_or_else(|| "a parameter".to_string())
    }
}

/// The regularization slider's position for a strength (its lowest notch is 0).
pub(crate) fn reg_to_slider(reg: f64) -> f64 {
    if reg < REG_OFF_BELOW {
        LOG10_REG_RANGE.0
    } else {
        reg.log10().clamp(LOG10_REG_RANGE.0, LOG10_REG_RANGE.1)
    }
}

/// The strength at a position of the regularization slider (0 at its lowest notch).
pub(crate) fn slider_to_reg(position: f64) -> f64 {
    let position = position.clamp(LOG10_REG_RANGE.0, LOG10_REG_RANGE.1);
    if position <= LOG10_REG_RANGE.0 + 0.05 {
        0.0
    } else {
        10f64.powf(position)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// Four examples of two features and three classes.
    fn tiny_digits() -> Rc<Dataset> {
        Rc::new(
            Dataset::new(
                vec![0.2, 1.0, -0.5, 1.0, 0.9, 1.0, -0.3, 1.0],
                vec![0, 2, 1, 2],
                2,
                3,
            )
            .unwrap(),
        )
    }

    fn surface_model() -> Model {
        let mut model = Model::new(GradientCheckSettings {
            function: CheckFunction::Beale,
            ..GradientCheckSettings::default()
        });
        assert_eq!(model.rebuild(), Update::Rebuilt { problem: None });
        model
    }

    #[test]
    fn a_surface_needs_no_digits_and_fills_rows_and_curve() {
        let model = surface_model();
        assert_eq!(model.rows.len(), 2);
        assert!(!model.curve.is_empty());
        assert_eq!(model.selected_parameter(), "x");
    }

    #[test]
    fn a_digits_loss_waits_for_the_digits_then_builds_or_says_why_not() {
        let mut model = Model::new(GradientCheckSettings::default());
        assert_eq!(model.rebuild(), Update::Rebuilt { problem: None });
        assert!(model.workbench.is_none() && model.rows.is_empty());
        assert_eq!(model.selected_parameter(), "a parameter");
        assert_eq!(
            model.digits_loaded(Ok(tiny_digits())),
            Update::Rebuilt { problem: None }
        );
        assert!(!model.rows.is_empty());

        let mut failed = Model::new(GradientCheckSettings::default());
        let update = failed.digits_loaded(Err("no digits".to_string()));
        assert_eq!(
            update,
            Update::Rebuilt {
                problem: Some("no digits".to_string())
            }
        );
        // A surface on show when the digits arrive is left alone.
        let mut model = surface_model();
        assert_eq!(model.digits_loaded(Ok(tiny_digits())), Update::Nothing);
    }

    #[test]
    fn moving_h_changes_the_rows_not_the_curve_and_snaps_to_tenths_of_a_decade() {
        let mut model = surface_model();
        let (rows, curve) = (model.rows.clone(), model.curve.clone());
        assert_eq!(model.set_h_at(-3.04), Update::StepMoved);
        assert_eq!(model.settings.h, 1e-3);
        assert_ne!(model.rows, rows);
        assert_eq!(model.curve, curve);
        model.set_h_at(-100.0);
        assert_eq!(model.settings.h, 10f64.powf(LOG10_H_RANGE.0));
    }

    #[test]
    fn a_bug_or_the_regularization_reuses_the_kept_losses() {
        let mut model = Model::new(GradientCheckSettings::default());
        model.digits_loaded(Ok(tiny_digits()));
        // Without regularization the flipped sign flips the whole analytic gradient.
        assert_eq!(model.set_reg(0.0), Update::Refreshed);
        let rows = model.rows.clone();
        let flipped = PlantedBugs {
            flipped_sign: true,
            ..PlantedBugs::default()
        };
        assert_eq!(model.set_bugs(flipped), Update::Refreshed);
        for (before, after) in rows.iter().zip(&model.rows) {
            assert_eq!(after.centered, before.centered);
            assert_eq!(after.analytic, -before.analytic);
        }
        assert_eq!(model.set_reg(0.5), Update::Refreshed);
        assert_eq!(model.settings.reg, 0.5);
        // On a surface there is no regularization to reuse the losses for: everything is rebuilt.
        let mut model = surface_model();
        assert_eq!(model.set_reg(0.5), Update::Rebuilt { problem: None });
    }

    #[test]
    fn rows_select_the_curve_and_a_missing_row_changes_nothing() {
        let mut model = surface_model();
        let curve = model.curve.clone();
        assert_eq!(model.select_row(1), Update::Refreshed);
        assert_eq!(model.settings.selected_row, 1);
        assert_eq!(model.selected_parameter(), "y");
        assert_ne!(model.curve, curve);
        assert_eq!(model.select_row(5), Update::Nothing);
        assert_eq!(model.settings.selected_row, 1);
        // A new function starts from its first row; a link's row past the table is brought back.
        model.set_function(CheckFunction::Relu);
        assert_eq!(model.settings.selected_row, 0);
        let mut model = Model::new(GradientCheckSettings {
            function: CheckFunction::Beale,
            selected_row: 7,
            ..GradientCheckSettings::default()
        });
        model.rebuild();
        assert_eq!(model.settings.selected_row, 1);
    }

    #[test]
    fn new_point_reset_and_examples_stay_in_range() {
        let initial = GradientCheckSettings {
            function: CheckFunction::Beale,
            seed: MAX_SEED as u64,
            ..GradientCheckSettings::default()
        };
        let mut model = Model::new(initial);
        model.rebuild();
        model.new_point();
        assert_eq!(model.settings.seed, 0);
        model.set_examples(1e9);
        assert_eq!(model.settings.n_examples, MAX_EXAMPLES);
        model.set_examples(-3.0);
        assert_eq!(model.settings.n_examples, 1);
        model.set_precision(Precision::Single);
        assert_eq!(model.reset(initial), Update::Rebuilt { problem: None });
        assert_eq!(model.settings, initial);
    }

    #[test]
    fn the_regularization_slider_has_an_off_notch_and_round_trips_its_decades() {
        assert_eq!(slider_to_reg(LOG10_REG_RANGE.0), 0.0);
        assert_eq!(slider_to_reg(-100.0), 0.0);
        assert_eq!(reg_to_slider(0.0), LOG10_REG_RANGE.0);
        assert_eq!(reg_to_slider(1e-8), LOG10_REG_RANGE.0);
        assert_eq!(slider_to_reg(100.0), 10.0);
        for position in [-6.0, -3.0, -1.5, 0.0, 1.0] {
            assert!((reg_to_slider(slider_to_reg(position)) - position).abs() < 1e-12);
        }
    }
}
