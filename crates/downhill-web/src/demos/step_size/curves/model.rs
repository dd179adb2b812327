//! The learning curves' state without any DOM: the four preset rates and the reader's, each with its
//! curve trained so far, and what each control does to them.
//!
//! Training is spread across animation frames: [`CurvesModel::train_for_frame`] trains whole epochs,
//! always the curve that is furthest behind, until a few milliseconds of the clock it is handed are
//! used, and never more than [`MAX_EPOCHS_PER_FRAME`] epochs whatever the clock says.

use super::settings::{CurvesSettings, EPOCH_RANGE, LOG10_RATE_RANGE};
use crate::kit::dom::from_log10;
use downhill_core::data::Dataset;
use downhill_core::step_size_demos::{
    CURVE_RATES, CurveSettings, LearningCurve, SWEEP_WEIGHTS_SEED, sweep_weights,
};
use downhill_plots::step_size::{CURVES_BATCH_SEED, CURVES_DEFAULT_YOUR_RATE};
use std::rc::Rc;

/// Main-thread time one animation frame may spend training, in milliseconds: well inside a 60 Hz
/// frame, with room for drawing.
const FRAME_BUDGET_MS: f64 = 6.0;
/// A hard cap on the epochs one frame trains, besides the clock: a coarse clock (some browsers round
/// it to 100 ms against fingerprinting) would otherwise let one frame train every curve to its end.
/// A working clock stops a frame after one or two epochs.
pub(crate) const MAX_EPOCHS_PER_FRAME: usize = 8;

/// One learning rate and its curve, `None` until the digits are in.
pub struct Slot {
    pub label: &'static str,
    pub learning_rate: f64,
    pub curve: Option<LearningCurve>,
}

/// Where one curve is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CurveStatus {
    NotStarted,
    Diverged { epoch: usize },
    Trained { loss: f64, epoch: usize },
}

pub struct CurvesModel {
    train: Option<Rc<Dataset>>,
    pub n_epochs: usize,
    /// The presets, then the reader's.
    pub slots: Vec<Slot>,
}

impl CurvesModel {
    pub fn new(settings: &CurvesSettings) -> CurvesModel {
        let slots = CURVE_RATES
            .iter()
            .map(|rate| (rate.label, rate.learning_rate))
            .chain(std::iter::once(("yours", settings.your_rate)))
            .map(|(label, learning_rate)| Slot {
                label,
                learning_rate,
                curve: None,
            })
            .collect();
        CurvesModel {
            train: None,
            n_epochs: settings.n_epochs,
            slots,
        }
    }

    /// The settings that reproduce the demo as it is now.
    pub fn settings(&self) -> CurvesSettings {
        CurvesSettings {
            your_rate: self.your_rate(),
            n_epochs: self.n_epochs,
        }
    }

    pub fn your_rate(&self) -> f64 {
        self.slots
            .last()
            .map_or(CURVES_DEFAULT_YOUR_RATE, |slot| slot.learning_rate)
    }

    pub fn has_digits(&self) -> bool {
        self.train.is_some()
    }

    /// The training digits arrived: every curve starts at epoch 0.
    pub fn set_training_digits(&mut self, train: Rc<Dataset>) {
        self.train = Some(train);
        self.restart_all();
    }

    /// The reader's rate slider moved: only the reader's curve starts again.
    pub fn set_your_rate_log10(&mut self, log10_rate: f64) {
        let rate = from_log10(log10_rate, LOG10_RATE_RANGE);
        if let Some(slot) = self.slots.last_mut() {
            slot.learning_rate = rate;
        }
        self.restart(self.slots.len().saturating_sub(1));
    }

    /// The epochs slider moved: every curve starts again.
    pub fn set_epochs(&mut self, count: f64) {
        self.n_epochs = (count.round() as usize).clamp(EPOCH_RANGE.0, EPOCH_RANGE.1);
        self.restart_all();
    }

    /// Starts slot `index` again at epoch 0 (one full-data loss: cheap).
    fn restart(&mut self, index: usize) {
        let Some(train) = self.train.clone() else {
            return;
        };
        let n_epochs = self.n_epochs;
        let Some(slot) = self.slots.get_mut(index) else {
            return;
        };
        let weights = sweep_weights(train.n_weights(), SWEEP_WEIGHTS_SEED);
        let settings =
            CurveSettings::for_learning_curves(slot.learning_rate, n_epochs, CURVES_BATCH_SEED);
        slot.curve = LearningCurve::new(&train, None, &weights, settings).ok();
    }

    pub fn restart_all(&mut self) {
        for index in 0..self.slots.len() {
            self.restart(index);
        }
    }

    /// Whether there is nothing to train: no digits yet, or every curve at its end.
    pub fn all_finished(&self) -> bool {
        self.train.is_none()
            || self
                .slots
                .iter()
                .all(|slot| slot.curve.as_ref().is_none_or(LearningCurve::is_finished))
    }

    /// Trains one more epoch of slot `index`; returns whether it did.
    fn advance(&mut self, index: usize) -> bool {
        let Some(train) = self.train.clone() else {
            return false;
        };
        let Some(curve) = self
            .slots
            .get_mut(index)
            .and_then(|slot| slot.curve.as_mut())
        else {
            return false;
        };
        if curve.is_finished() {
            return false;
        }
        curve.advance(&train, None).is_ok()
    }

    /// The step button: one more epoch of every curve (from the start when all are done).
    pub fn step_every_curve(&mut self) {
        if self.all_finished() {
            self.restart_all();
        }
        for index in 0..self.slots.len() {
            self.advance(index);
        }
    }

    /// The unfinished curve with the fewest epochs.
    fn furthest_behind(&self) -> Option<usize> {
        self.slots
            .iter()
            .enumerate()
            .filter_map(|(index, slot)| {
                let curve = slot.curve.as_ref()?;
                (!curve.is_finished()).then_some((index, curve.epochs().len()))
            })
            .min_by_key(|(_, epochs)| *epochs)
            .map(|(index, _)| index)
    }

    /// Trains whole epochs, the furthest-behind curve first, until the frame's budget on `now` (in
    /// milliseconds) is spent, and at most [`MAX_EPOCHS_PER_FRAME`]. Returns whether training has
    /// more to do.
    pub fn train_for_frame(&mut self, mut now: impl FnMut() -> f64) -> bool {
        let started = now();
        for _ in 0..MAX_EPOCHS_PER_FRAME {
            let Some(index) = self.furthest_behind() else {
                break;
            };
            let epoch_started = now();
            if !self.advance(index) {
                break;
            }
            // Another epoch only if it should end within the budget, judging by the last one. A
            // clock that cannot be read (NaN) also ends the frame: one epoch is always safe.
            let finished = now();
            let elapsed = finished - started;
            let last_epoch = finished - epoch_started;
            if elapsed.is_nan() || last_epoch.is_nan() || elapsed + last_epoch > FRAME_BUDGET_MS {
                break;
            }
        }
        !self.all_finished()
    }

    pub fn status(&self, slot: &Slot) -> CurveStatus {
        let Some(curve) = slot.curve.as_ref() else {
            return CurveStatus::NotStarted;
        };
        match (curve.diverged_at_epoch(), curve.epochs().last()) {
            (Some(epoch), _) => CurveStatus::Diverged { epoch },
            (None, Some(record)) => CurveStatus::Trained {
                loss: record.train_loss,
                epoch: record.epoch,
            },
            (None, None) => CurveStatus::NotStarted,
        }
    }

    /// The most epochs any curve has trained.
    pub fn trained_epochs(&self) -> usize {
        self.slots
            .iter()
            .filter_map(|slot| slot.curve.as_ref()?.epochs().last())
            .map(|record| record.epoch)
            .max()
            .unwrap_or(0)
    }

    /// `(epoch, training loss)` of each slot's curve so far.
    pub fn points(&self) -> Vec<Vec<(f64, f64)>> {
        self.slots
            .iter()
            .map(|slot| {
                slot.curve
                    .as_ref()
                    .map(|curve| {
                        curve
                            .epochs()
                            .iter()
                            .map(|record| (record.epoch as f64, record.train_loss))
                            .collect()
                    })
                    .unwrap_or_default()
            })
            .collect()
    }

    /// Every curve as CSV, epoch by epoch.
    pub fn csv(&self) -> String {
        let mut csv = String::from("curve,learning_rate,epoch,train_loss,train_accuracy\n");
        for slot in &self.slots {
            let Some(curve) = slot.curve.as_ref() else {
                continue;
            };
            for record in curve.epochs() {
                csv.push_str(&format!(
                    "{},{:e},{},{},{}\n",
                    slot.label,
                    slot.learning_rate,
                    record.epoch,
                    record.train_loss,
                    record.train_accuracy
                ));
            }
        }
        csv
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// A small data set with the digits' shape (64 pixels and a bias, ten classes).
    fn digits_like() -> Rc<Dataset> {
        let mut features = Vec::new();
        let mut labels = Vec::new();
        for index in 0..60 {
            let label = index % 10;
            for pixel in 0..64 {
                let lit = if pixel / 6 == label { 1.0 } else { 0.0 };
                features.push(lit + ((index * 7 + pixel) % 5) as f64 / 20.0);
            }
            features.push(1.0);
            labels.push(label);
        }
        Rc::new(Dataset::new(features, labels, 65, 10).unwrap())
    }

    fn curves(n_epochs: usize) -> CurvesModel {
        let mut model = CurvesModel::new(&CurvesSettings {
            your_rate: 0.03,
            n_epochs,
        });
        model.set_training_digits(digits_like());
        model
    }

    #[test]
    fn five_curves_wait_for_the_digits_then_start_at_epoch_zero() {
        let mut model = CurvesModel::new(&CurvesSettings {
            your_rate: 0.5,
            n_epochs: 5,
        });
        assert_eq!(model.slots.len(), 5);
        assert_eq!(model.slots[4].label, "yours");
        assert!(model.all_finished() && !model.has_digits());
        assert!(!model.train_for_frame(|| 0.0));
        assert_eq!(model.status(&model.slots[0]), CurveStatus::NotStarted);
        model.set_training_digits(digits_like());
        assert!(!model.all_finished());
        assert_eq!(model.trained_epochs(), 0);
        assert!(matches!(
            model.status(&model.slots[0]),
            CurveStatus::Trained { epoch: 0, .. }
        ));
        assert_eq!(model.settings().your_rate, 0.5);
    }

    #[test]
    fn a_frame_trains_the_curve_furthest_behind_within_its_caps() {
        let mut model = curves(20);
        // A frozen clock leaves the budget unspent: the hard cap stops the frame.
        assert!(model.train_for_frame(|| 0.0));
        let epochs: Vec<usize> = model
            .slots
            .iter()
            .map(|slot| slot.curve.as_ref().unwrap().epochs().len())
            .collect();
        assert_eq!(epochs.iter().sum::<usize>(), 5 + MAX_EPOCHS_PER_FRAME);
        assert!(
            epochs.iter().max().unwrap() - epochs.iter().min().unwrap() <= 1,
            "{epochs:?}"
        );
        // A clock that cannot be read trains one epoch.
        let before = model.trained_epochs();
        model.train_for_frame(|| f64::NAN);
        assert!(model.trained_epochs() <= before + 1);
        // A clock that jumps past the budget stops after one epoch.
        let mut model = curves(20);
        let tick = Cell::new(0.0);
        model.train_for_frame(|| {
            tick.set(tick.get() + 5.0);
            tick.get()
        });
        assert_eq!(model.trained_epochs(), 1);
    }

    #[test]
    fn training_runs_to_the_end_and_the_controls_restart_what_they_change() {
        let mut model = curves(5);
        let mut frames = 0;
        while model.train_for_frame(|| 0.0) {
            frames += 1;
            assert!(frames < 100, "training never ended");
        }
        assert!(model.all_finished());
        assert!(model.trained_epochs() <= 5);
        let very_high = model.status(&model.slots[3]);
        assert!(matches!(
            very_high,
            CurveStatus::Diverged { .. } | CurveStatus::Trained { epoch: 5, .. }
        ));
        let good = model.slots[1].curve.as_ref().unwrap().epochs().len();
        model.set_your_rate_log10(10.0);
        assert_eq!(model.your_rate(), 1e3);
        assert_eq!(model.slots[1].curve.as_ref().unwrap().epochs().len(), good);
        assert_eq!(model.slots[4].curve.as_ref().unwrap().epochs().len(), 1);
        model.set_epochs(1000.0);
        assert_eq!(model.n_epochs, EPOCH_RANGE.1);
        assert_eq!(model.trained_epochs(), 0);
        model.step_every_curve();
        assert_eq!(model.trained_epochs(), 1);
        let points = model.points();
        assert_eq!(points.len(), 5);
        assert_eq!(points[0].len(), 2);
        let csv = model.csv();
        assert!(
            csv.starts_with("curve,learning_rate,epoch,train_loss,train_accuracy\nlow,2e-3,0,")
        );
    }
}
