//! The dashboard's state without any DOM: the settings, the digits once loaded, the run in
//! `downhill-core`, the previous run's batch losses, and what each control and each animation frame
//! does to them. Every number and every verdict comes from the core; this module only decides when.

use super::settings::{DashboardSettings, TrainingData};
use downhill_core::data::{
    DEFAULT_N_TEST, DEFAULT_N_VALIDATION, Dataset, Digits, N_CLASSES, PreparedDigits,
};
use downhill_core::live_training::{
    self, ExpectedInitialLoss, InitialLossCheck, LiveSettings, LiveTraining, RegularizationCheck,
    StepRecord,
};
use downhill_core::training::EpochRecord;
use downhill_plots::training_dashboard::{DashboardPalette, DashboardPicture};
use std::rc::Rc;

/// Main-thread time the training may take per animation frame while playing. With the drawing
/// (about 2 ms) a frame stays well inside the 16 ms of a 60 Hz screen.
pub(crate) const FRAME_BUDGET_MS: f64 = 4.0;

/// Frames a whole run takes to play, when the frame budget allows: about five seconds at 60 frames a
/// second, slow enough to watch the curves grow whatever the batch size (a full-batch run of 20
/// epochs has only 20 steps, one with single examples over 21,000).
const FRAMES_PER_RUN: f64 = 300.0;

/// The split of the digits every digits demo and the lessons' tables use.
const SPLIT_SEED: u64 = 0;

/// The digits, split and prepared once, and the tiny subset of the overfitting check.
pub(crate) struct PreparedData {
    pub(crate) train: Rc<Dataset>,
    pub(crate) tiny: Rc<Dataset>,
    pub(crate) validation: Rc<Dataset>,
}

impl PreparedData {
    pub(crate) fn new(digits: &Digits) -> Result<PreparedData, String> {
        let prepared =
            PreparedDigits::new(digits, DEFAULT_N_VALIDATION, DEFAULT_N_TEST, SPLIT_SEED)
                .map_err(|error| format!("the digits could not be split: {error}"))?;
        Ok(PreparedData::from_split(
            prepared.train,
            prepared.validation,
        ))
    }

    /// Training and validation data already prepared; the tiny subset is the training data's head.
    pub(crate) fn from_split(train: Dataset, validation: Dataset) -> PreparedData {
        PreparedData {
            tiny: Rc::new(live_training::overfit_subset(&train)),
            train: Rc::new(train),
            validation: Rc::new(validation),
        }
    }
}

/// What one animation frame of training did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FrameSteps {
    /// Whether the run can go on.
    pub(crate) more: bool,
    pub(crate) taken: usize,
}

pub(crate) struct Model {
    pub(crate) settings: DashboardSettings,
    pub(crate) data: Option<PreparedData>,
    pub(crate) run: Option<LiveTraining>,
    /// The batch losses of the run before the last change of settings.
    pub(crate) previous: Option<Vec<StepRecord>>,
    /// Whether the overfitting check has reported on the current run.
    overfit_reported: bool,
    /// Steps owed to the pace of [`FRAMES_PER_RUN`]: the fraction of a step not yet taken.
    pace_credit: f64,
}

impl Model {
    /// The state before the digits arrive: settings only, no run.
    pub(crate) fn new(settings: DashboardSettings) -> Model {
        Model {
            settings,
            data: None,
            run: None,
            previous: None,
            overfit_reported: false,
            pace_credit: 0.0,
        }
    }

    /// The digits are in: the run starts.
    pub(crate) fn data_arrived(&mut self, data: PreparedData) -> Result<(), String> {
        self.data = Some(data);
        self.restart(false)
    }

    /// Starts the run again from step 0 with the current settings; with `keep_previous` the old
    /// run's batch losses stay to be drawn in grey.
    pub(crate) fn restart(&mut self, keep_previous: bool) -> Result<(), String> {
        let Some(data) = &self.data else {
            return Ok(());
        };
        if keep_previous {
            if let Some(run) = &self.run
                && !run.steps().is_empty()
            {
                self.previous = Some(run.steps().to_vec());
            }
        } else {
            self.previous = None;
        }
        let train = match self.settings.data {
            TrainingData::All => data.train.clone(),
            TrainingData::Tiny => data.tiny.clone(),
        };
        let settings = LiveSettings {
            loss_kind: self.settings.loss_kind,
            reg: self.settings.reg,
            learning_rate: self.settings.learning_rate,
            batch_size: self.settings.batch_size().min(train.len().max(1)),
            n_epochs: self.settings.n_epochs(),
            seed: self.settings.seed,
        };
        let mut run = LiveTraining::new(train, data.validation.clone(), settings)
            .map_err(|error| error.to_string())?;
        // A fresh start shows the untrained state at once. A change of setting (a slider being
        // dragged) leaves that measurement to the first animation frame, inside its budget, so
        // the input event itself only restarts and redraws.
        if !keep_previous {
            run.measure_start();
        }
        self.run = Some(run);
        self.overfit_reported = false;
        Ok(())
    }

    /// Starts again if the run has finished, so play and step go on from the beginning.
    pub(crate) fn restart_if_finished(&mut self) {
        if self.run.as_ref().is_some_and(LiveTraining::is_finished) {
            let _ = self.restart(false);
        }
    }

    /// The examples the current training data holds, once the digits are in.
    pub(crate) fn n_train(&self) -> Option<usize> {
        self.data.as_ref().map(|data| match self.settings.data {
            TrainingData::All => data.train.len(),
            TrainingData::Tiny => data.tiny.len(),
        })
    }

    /// Trains for one animation frame: at the run's pace (a whole run in [`FRAMES_PER_RUN`] frames)
    /// or, when `jumping`, as fast as the budget allows; never past the hard cap of steps a frame
    /// may take, nor, after the first step, once `elapsed_ms()` has reached [`FRAME_BUDGET_MS`].
    /// `None` without a run.
    pub(crate) fn train_for_frame(
        &mut self,
        jumping: bool,
        mut elapsed_ms: impl FnMut() -> f64,
    ) -> Option<FrameSteps> {
        let run = self.run.as_mut()?;
        let allowance = if jumping {
            f64::INFINITY
        } else {
            self.pace_credit + run.total_steps() as f64 / FRAMES_PER_RUN
        };
        let mut more = !run.is_finished();
        let mut taken = 0usize;
        // A hard cap besides the clock: under reduced motion the allowance is unlimited, and a
        // coarse or frozen clock would otherwise let one frame train the whole run.
        let cap = crate::frame_work::live_training_steps_per_frame(run.settings().batch_size);
        while more
            && taken < cap
            && (taken as f64 + 1.0) <= allowance
            && (taken == 0 || elapsed_ms() < FRAME_BUDGET_MS)
        {
            more = run.step();
            taken += 1;
        }
        // Only the fraction of a step carries over: a slow frame does not build a backlog.
        self.pace_credit = if jumping {
            0.0
        } else {
            (allowance - taken as f64).clamp(0.0, 1.0)
        };
        Some(FrameSteps { more, taken })
    }

    /// Trains to the end of the current epoch (at most one epoch of steps: about one pass over the
    /// data, a few milliseconds), starting again first if the run had finished.
    pub(crate) fn step_one_epoch(&mut self) {
        self.restart_if_finished();
        let Some(run) = self.run.as_mut() else {
            return;
        };
        let per_epoch = run.steps_per_epoch();
        let to_go = per_epoch - run.steps().len() % per_epoch;
        for _ in 0..to_go {
            if !run.step() {
                break;
            }
        }
    }

    /// The loss the run should start near; before the digits arrive, the digits' ten classes.
    pub(crate) fn expected_initial_loss(&self) -> ExpectedInitialLoss {
        match &self.run {
            Some(run) => run.expected_initial_loss(),
            None => ExpectedInitialLoss::new(self.settings.loss_kind, N_CLASSES),
        }
    }

    /// The first sanity check for both losses, at the weights this run started from. `None`
    /// without a run.
    pub(crate) fn initial_loss_checks(&self) -> Option<Vec<InitialLossCheck>> {
        let run = self.run.as_ref()?;
        let train = run.train_data();
        let weights = live_training::initial_weights(train.n_weights(), self.settings.seed);
        Some(
            downhill_core::classifiers::LossKind::ALL
                .iter()
                .filter_map(|&loss_kind| {
                    live_training::initial_loss_check(loss_kind, train, &weights).ok()
                })
                .collect(),
        )
    }

    /// The second sanity check at the current weights, over the core's strengths.
    pub(crate) fn regularization_check(&self) -> Option<RegularizationCheck> {
        let run = self.run.as_ref()?;
        live_training::regularization_check(
            self.settings.loss_kind,
            run.train_data(),
            run.weights(),
            &live_training::REGULARIZATION_CHECK_STRENGTHS,
        )
        .ok()
    }

    /// The overfitting check's last epoch, once, when its run (the tiny subset without
    /// regularization) has ended without diverging.
    pub(crate) fn take_finished_overfit_check(&mut self) -> Option<EpochRecord> {
        if self.overfit_reported || !self.settings.is_overfit_check() {
            return None;
        }
        let run = self.run.as_ref()?;
        if !run.is_finished() || run.diverged().is_some() {
            return None;
        }
        let last = run.epochs().last().copied()?;
        self.overfit_reported = true;
        Some(last)
    }

    /// Everything the picture shows.
    pub(crate) fn picture(
        &self,
        pixel_ratio: f64,
        palette: DashboardPalette,
    ) -> DashboardPicture<'_> {
        DashboardPicture {
            steps: self.run.as_ref().map_or(&[], |run| run.steps()),
            epochs: self.run.as_ref().map_or(&[], |run| run.epochs()),
            previous_steps: self.previous.as_deref(),
            n_epochs: self.settings.n_epochs(),
            expected_initial_loss: self.expected_initial_loss(),
            log_loss: self.settings.log_loss,
            diverged_at: self
                .run
                .as_ref()
                .and_then(|run| run.diverged())
                .map(|divergence| divergence.step),
            pixel_ratio,
            palette,
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::settings::{DemoSettings, Settings};
    use downhill_core::classifiers::LossKind;

    /// 40 examples in ten classes (`i % 10`): the value 3 at their class's feature, 0 at the nine
    /// others and 1 at a constant eleventh, so a linear classifier fits them quickly (and the first
    /// 20 hold two of each class).
    pub(crate) fn small_data() -> PreparedData {
        let dataset = |n: usize| {
            let labels: Vec<usize> = (0..n).map(|index| index % 10).collect();
            let features = labels
                .iter()
                .flat_map(|&label| {
                    (0..11).map(move |feature| match feature {
                        10 => 1.0,
                        _ if feature == label => 3.0,
                        _ => 0.0,
                    })
                })
                .collect();
            Dataset::new(features, labels, 11, 10).unwrap()
        };
        PreparedData::from_split(dataset(40), dataset(20))
    }

    pub(crate) fn default_settings() -> DashboardSettings {
        DashboardSettings::read(&Settings::from_parts("demo-1", Vec::new(), Vec::new()))
    }

    pub(crate) fn model_with_run(settings: DashboardSettings) -> Model {
        let mut model = Model::new(settings);
        model.data_arrived(small_data()).unwrap();
        model
    }

    #[test]
    fn a_fresh_run_shows_the_untrained_state_and_a_change_keeps_the_old_losses() {
        let mut model = Model::new(default_settings());
        assert_eq!(model.restart(false), Ok(()), "no data yet: nothing to do");
        assert!(model.run.is_none() && model.n_train().is_none());
        model.data_arrived(small_data()).unwrap();
        let run = model.run.as_ref().unwrap();
        assert_eq!(run.epochs().len(), 1, "epoch 0 measured at once");
        assert_eq!(run.settings().batch_size, 10);
        model.step_one_epoch();
        assert_eq!(model.run.as_ref().unwrap().steps().len(), 4);
        model.settings.set_batch_position(9.0);
        model.restart(true).unwrap();
        assert_eq!(model.previous.as_ref().map(Vec::len), Some(4));
        let run = model.run.as_ref().unwrap();
        assert_eq!(run.settings().batch_size, 40, "the full batch is the data");
        assert!(run.epochs().is_empty(), "left to the next frame");
        model.restart(false).unwrap();
        assert!(model.previous.is_none());
        model.settings.data = TrainingData::Tiny;
        assert_eq!(model.n_train(), Some(20));
    }

    #[test]
    fn a_frame_trains_at_the_runs_pace_within_its_budget_and_its_cap() {
        let mut model = model_with_run(default_settings());
        // 4 steps an epoch, 20 epochs: 80 steps over 300 frames, so a step about every 4 frames.
        let mut taken = 0;
        for _ in 0..8 {
            taken += model.train_for_frame(false, || 0.0).unwrap().taken;
        }
        assert_eq!(taken, 2, "8 frames × 80/300 steps");
        // Jumping takes steps until the clock says the budget is spent (after the first, always).
        let mut clock = 0.0;
        let jumped = model
            .train_for_frame(true, || {
                clock += 1.0;
                clock
            })
            .unwrap();
        assert_eq!(jumped.taken, FRAME_BUDGET_MS as usize);
        let frozen = model.train_for_frame(true, || f64::NAN).unwrap();
        assert_eq!(
            frozen.taken, 1,
            "a clock that says nothing still lets one step through"
        );
        // With a clock that never moves, the run trains to its end within the cap.
        let mut frames = 0;
        while model.train_for_frame(true, || 0.0).unwrap().more {
            frames += 1;
            assert!(frames < 10);
        }
        assert!(model.run.as_ref().unwrap().is_finished());
        assert_eq!(
            model.train_for_frame(true, || 0.0),
            Some(FrameSteps {
                more: false,
                taken: 0
            })
        );
        assert_eq!(
            Model::new(default_settings()).train_for_frame(true, || 0.0),
            None
        );
    }

    #[test]
    fn a_step_trains_to_the_end_of_the_epoch_and_a_finished_run_starts_again() {
        let mut settings = default_settings();
        settings.set_epochs_position(0.0);
        let mut model = model_with_run(settings);
        model.train_for_frame(false, || 0.0);
        model.step_one_epoch();
        assert_eq!(model.run.as_ref().unwrap().steps().len(), 4);
        for _ in 0..4 {
            model.step_one_epoch();
        }
        assert!(model.run.as_ref().unwrap().is_finished());
        model.step_one_epoch();
        assert_eq!(
            model.run.as_ref().unwrap().steps().len(),
            4,
            "started again"
        );
    }

    #[test]
    fn the_expected_initial_loss_is_the_cores_for_the_chosen_loss() {
        let mut settings = default_settings();
        settings.loss_kind = LossKind::Svm;
        let waiting = Model::new(settings);
        assert_eq!(
            waiting.expected_initial_loss(),
            ExpectedInitialLoss::new(LossKind::Svm, 10)
        );
        let model = model_with_run(settings);
        assert_eq!(model.expected_initial_loss().value, 9.0);
        let picture = model.picture(2.0, downhill_plots::training_dashboard::LIGHT);
        assert_eq!(picture.expected_initial_loss.formula(), "9");
        assert_eq!(picture.epochs.len(), 1);
    }

    #[test]
    fn the_sanity_checks_come_from_the_core_and_the_overfit_check_reports_once() {
        let mut model = Model::new(default_settings());
        assert!(model.initial_loss_checks().is_none() && model.regularization_check().is_none());
        model.data_arrived(small_data()).unwrap();
        let checks = model.initial_loss_checks().unwrap();
        assert_eq!(checks.len(), 2);
        assert!(checks.iter().all(InitialLossCheck::passes), "{checks:?}");
        let checked = model.regularization_check().unwrap();
        assert_eq!(
            checked.losses.len(),
            live_training::REGULARIZATION_CHECK_STRENGTHS.len()
        );
        assert!(checked.rises());

        assert_eq!(
            model.take_finished_overfit_check(),
            None,
            "not the check's run"
        );
        model.settings.set_for_overfit_check();
        model.restart(false).unwrap();
        assert_eq!(
            model.take_finished_overfit_check(),
            None,
            "not finished yet"
        );
        while model.train_for_frame(true, || 0.0).unwrap().more {}
        let last = model.take_finished_overfit_check().unwrap();
        assert_eq!(last.epoch, live_training::OVERFIT_EPOCHS);
        assert!(live_training::overfit_check_passes(&last), "{last:?}");
        assert_eq!(model.take_finished_overfit_check(), None, "reported once");
    }
}
