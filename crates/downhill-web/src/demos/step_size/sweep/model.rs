//! The sweep's state without any DOM: the loss, the seed of the weights, the chosen step size and,
//! once the digits are in, one gradient at those weights with the table and the curve it gives.
//!
//! The gradient is evaluated once (when the digits arrive, or the loss or the weights change), with
//! the scores of the weights and of the gradient; since scores are linear in the weights, the loss
//! after a step of any size is then one pass over the scores (`ClassifierOneStep`), a fortieth of a
//! loss evaluation. So the table's fourteen points and the curve's fifty are all computed in the
//! click that asks for them, and a slider move costs one such pass.

use super::settings::{LOG10_STEP_RANGE, MAX_SEED, SweepSettings};
use crate::kit::dom::from_log10;
use downhill_core::classifiers::LossKind;
use downhill_core::data::{Dataset, LengthMismatch};
use downhill_core::step_size_demos::{
    ClassifierOneStep, LossChange, OneStepSweep, lowest_finite_loss, sweep_weights,
};
use downhill_plots::step_size::{SWEEP_CURVE_POINTS_PER_DECADE, SweepChart};
use std::rc::Rc;

/// Points per power of ten on the plotted curve between the table's dots.
pub(crate) const CURVE_POINTS_PER_DECADE: usize = SWEEP_CURVE_POINTS_PER_DECADE;

/// What the sweep computed for the current loss and weights.
struct Computed {
    one_step: ClassifierOneStep,
    sweep: OneStepSweep,
}

pub struct SweepModel {
    pub loss_kind: LossKind,
    pub seed: u64,
    /// The slider's position: the step size as a power of ten, inside [`LOG10_STEP_RANGE`].
    pub log10_step: f64,
    train: Option<Rc<Dataset>>,
    computed: Option<Computed>,
    /// The loss after the chosen step, `None` until the digits are in.
    chosen_loss: Option<f64>,
}

/// One row of the table as the reader sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TableRow {
    pub step_size: f64,
    pub loss: f64,
    pub is_best: bool,
    /// Higher than before the step, or overflowed.
    pub is_worse: bool,
}

impl SweepModel {
    pub fn new(settings: &SweepSettings) -> SweepModel {
        let (log_min, log_max) = LOG10_STEP_RANGE;
        SweepModel {
            loss_kind: settings.loss_kind,
            seed: settings.seed,
            log10_step: settings.step.log10().clamp(log_min, log_max),
            train: None,
            computed: None,
            chosen_loss: None,
        }
    }

    /// The settings that reproduce the sweep as it is now.
    pub fn settings(&self) -> SweepSettings {
        SweepSettings {
            loss_kind: self.loss_kind,
            seed: self.seed,
            step: self.chosen_step(),
        }
    }

    pub fn chosen_step(&self) -> f64 {
        from_log10(self.log10_step, LOG10_STEP_RANGE)
    }

    /// The training digits arrived: computes the sweep.
    pub fn set_training_digits(&mut self, train: Rc<Dataset>) -> Result<(), LengthMismatch> {
        self.train = Some(train);
        self.recompute()
    }

    pub fn n_training_digits(&self) -> Option<usize> {
        self.train.as_ref().map(|train| train.len())
    }

    /// The slider moved: one pass over the scores for the new step.
    pub fn set_log10_step(&mut self, log10_step: f64) {
        self.log10_step = log10_step.clamp(LOG10_STEP_RANGE.0, LOG10_STEP_RANGE.1);
        self.update_chosen();
    }

    pub fn set_loss(&mut self, loss_kind: LossKind) -> Result<(), LengthMismatch> {
        self.loss_kind = loss_kind;
        self.recompute()
    }

    /// "New random weights": the next seed, wrapping inside the range a link may carry.
    pub fn next_weights(&mut self) -> Result<(), LengthMismatch> {
        self.seed = (self.seed + 1) % (MAX_SEED as u64 + 1);
        self.recompute()
    }

    /// One gradient at the current weights, the table and the curve. Without digits, nothing to do.
    pub fn recompute(&mut self) -> Result<(), LengthMismatch> {
        let Some(train) = self.train.clone() else {
            return Ok(());
        };
        let weights = sweep_weights(train.n_weights(), self.seed);
        let one_step = ClassifierOneStep::new(self.loss_kind, &train, 0.0, &weights)?;
        let sweep = one_step.sweep(
            LOG10_STEP_RANGE.0,
            LOG10_STEP_RANGE.1,
            CURVE_POINTS_PER_DECADE,
        );
        self.computed = Some(Computed { one_step, sweep });
        self.update_chosen();
        Ok(())
    }

    fn update_chosen(&mut self) {
        let step = self.chosen_step();
        if let Some(computed) = self.computed.as_ref() {
            self.chosen_loss = Some(computed.one_step.loss_after(step));
        }
    }

    pub fn is_computed(&self) -> bool {
        self.computed.is_some()
    }

    /// The loss before the step; NaN until computed.
    pub fn original_loss(&self) -> f64 {
        self.computed
            .as_ref()
            .map_or(f64::NAN, |computed| computed.one_step.original_loss)
    }

    pub fn chosen_loss(&self) -> Option<f64> {
        self.chosen_loss
    }

    /// How the chosen step changed the loss.
    pub fn chosen_change(&self) -> Option<LossChange> {
        self.chosen_loss
            .map(|loss| LossChange::of(loss, self.original_loss()))
    }

    pub fn table(&self) -> &[(f64, f64)] {
        self.computed
            .as_ref()
            .map_or(&[], |computed| computed.sweep.table.as_slice())
    }

    pub fn curve(&self) -> &[(f64, f64)] {
        self.computed
            .as_ref()
            .map_or(&[], |computed| computed.sweep.curve.as_slice())
    }

    /// The table's row with the lowest finite loss.
    pub fn best(&self) -> Option<(f64, f64)> {
        lowest_finite_loss(self.table())
    }

    pub fn table_rows(&self) -> Vec<TableRow> {
        let best = self.best();
        let original = self.original_loss();
        self.table()
            .iter()
            .map(|&(step_size, loss)| TableRow {
                step_size,
                loss,
                is_best: best.is_some_and(|(best_step, _)| best_step == step_size),
                is_worse: LossChange::of(loss, original).is_worse(),
            })
            .collect()
    }

    /// What the chart draws: the table, the curve, the loss before and the chosen step.
    pub fn chart(&self) -> SweepChart<'_> {
        SweepChart {
            table: self.table(),
            curve: self.curve(),
            original_loss: self.original_loss(),
            chosen: self.chosen_loss.map(|loss| (self.chosen_step(), loss)),
            exponents: LOG10_STEP_RANGE,
        }
    }

    /// The run as CSV: the loss before, the table, the curve's other points and the chosen step.
    pub fn csv(&self) -> String {
        let mut csv = String::from("step_size,loss_after_step,source\n");
        let Some(computed) = self.computed.as_ref() else {
            return csv;
        };
        let mut push = |step: f64, loss: f64, source: &str| {
            if step.is_finite() && loss.is_finite() {
                csv.push_str(&format!("{step:e},{loss},{source}\n"));
            }
        };
        push(0.0, computed.one_step.original_loss, "before the step");
        let table = &computed.sweep.table;
        for &(step, loss) in table {
            push(step, loss, "table");
        }
        for &(step, loss) in &computed.sweep.curve {
            if !table.contains(&(step, loss)) {
                push(step, loss, "curve");
            }
        }
        if let Some(loss) = self.chosen_loss {
            push(self.chosen_step(), loss, "chosen");
        }
        csv
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    /// A small data set of two classes that overlap (the same features carry either label), so a
    /// small step lowers the loss and a huge one overshoots.
    fn two_classes() -> Rc<Dataset> {
        let mut features = Vec::new();
        let mut labels = Vec::new();
        for index in 0..40 {
            let label = usize::from(index % 5 < 3);
            features.extend([(index % 4) as f64, ((index / 4) % 3) as f64, 1.0]);
            labels.push(label);
        }
        Rc::new(Dataset::new(features, labels, 3, 2).unwrap())
    }

    fn sweep() -> SweepModel {
        SweepModel::new(&SweepSettings {
            loss_kind: LossKind::Svm,
            seed: 1,
            step: 0.1,
        })
    }

    #[test]
    fn nothing_is_computed_before_the_digits_arrive() {
        let mut model = sweep();
        assert!(!model.is_computed() && model.table().is_empty());
        assert!(model.original_loss().is_nan());
        model.set_log10_step(-3.0);
        assert_eq!(model.chosen_loss(), None);
        assert_eq!(model.csv(), "step_size,loss_after_step,source\n");
        assert!(model.recompute().is_ok());
    }

    #[test]
    fn the_digits_give_a_table_a_curve_and_the_chosen_loss() {
        let mut model = sweep();
        model.set_training_digits(two_classes()).unwrap();
        assert_eq!(model.table().len(), 14);
        assert_eq!(model.curve().len(), 13 * CURVE_POINTS_PER_DECADE + 1);
        let chosen = model.chosen_loss().unwrap();
        assert!(chosen.is_finite());
        let rows = model.table_rows();
        assert_eq!(rows.iter().filter(|row| row.is_best).count(), 1);
        let best = rows.iter().find(|row| row.is_best).unwrap();
        assert_eq!(Some((best.step_size, best.loss)), model.best());
        assert!(!best.is_worse);
        // A huge step overshoots: the last rows are worse than before the step.
        assert!(rows.last().unwrap().is_worse, "{rows:?}");
        let csv = model.csv();
        assert!(csv.starts_with("step_size,loss_after_step,source\n0e0,"));
        assert_eq!(csv.matches(",table\n").count(), 14);
        assert_eq!(csv.matches(",chosen\n").count(), 1);
    }

    #[test]
    fn each_control_changes_what_it_should() {
        let mut model = sweep();
        model.set_training_digits(two_classes()).unwrap();
        let before = model.chosen_loss();
        model.set_log10_step(99.0);
        assert_eq!(model.log10_step, LOG10_STEP_RANGE.1);
        assert_eq!(model.chosen_step(), 1e3);
        assert_ne!(model.chosen_loss(), before);
        assert_eq!(model.chosen_change(), Some(LossChange::Higher));
        let table = model.table().to_vec();
        model.set_loss(LossKind::Softmax).unwrap();
        assert_ne!(model.table(), table.as_slice());
        let table = model.table().to_vec();
        model.next_weights().unwrap();
        assert_eq!(model.seed, 2);
        assert_ne!(model.table(), table.as_slice());
        model.seed = MAX_SEED as u64;
        model.next_weights().unwrap();
        assert_eq!(model.seed, 0);
    }

    #[test]
    fn the_settings_written_are_the_state_on_show() {
        let mut model = sweep();
        model.set_log10_step(-5.0);
        model.set_loss(LossKind::Softmax).unwrap();
        let settings = model.settings();
        assert_eq!(settings.loss_kind, LossKind::Softmax);
        assert!((settings.step - 1e-5).abs() < 1e-18);
        assert!((SweepModel::new(&settings).log10_step - model.log10_step).abs() < 1e-12);
    }
}
