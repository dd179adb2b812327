//! The dashboard's settings, DOM-free: what a reader controls (loss, learning rate, regularization,
//! batch size, epochs, training data, log scale, seed), read from the lesson and the URL with each
//! value validated, written back under the same keys, and the slider positions they map to.

use crate::number_text::parse_number;
use crate::settings::{DemoSettings, Settings};
use downhill_core::classifiers::LossKind;
use downhill_core::live_training;
use downhill_plots::training_dashboard as picture;

/// The learning-rate slider in powers of ten.
pub(crate) const LOG10_LEARNING_RATE: (f64, f64) = (-4.0, 1.0);
/// The defaults live in `downhill-plots`, so the build-time still draws the same run.
const DEFAULT_LEARNING_RATE: f64 = picture::DEFAULT_SETTINGS.learning_rate;

/// The regularization slider in powers of ten; its leftmost position means no regularization at all,
/// which the initial-loss and overfitting checks ask for.
pub(crate) const LOG10_REG: (f64, f64) = (-6.0, 0.0);
const DEFAULT_REG: f64 = picture::DEFAULT_SETTINGS.reg;

/// The batch sizes the slider stops at; [`FULL_BATCH`] is the whole training data.
pub(crate) const BATCH_STOPS: [usize; 10] = [1, 2, 5, 10, 20, 50, 100, 200, 500, FULL_BATCH];
pub(crate) const FULL_BATCH: usize = usize::MAX;
const DEFAULT_BATCH_INDEX: usize = 3;
// The slider's default stop is the shared default batch size (checked when compiling).
const _: () = assert!(BATCH_STOPS[DEFAULT_BATCH_INDEX] == picture::DEFAULT_SETTINGS.batch_size);

pub(crate) const EPOCH_STOPS: [usize; 6] = [5, 10, 20, 50, 100, 200];
const DEFAULT_EPOCHS_INDEX: usize = 2;
const _: () = assert!(EPOCH_STOPS[DEFAULT_EPOCHS_INDEX] == picture::DEFAULT_SETTINGS.n_epochs);
/// The stop of the overfitting check's epochs, which the core sets.
const OVERFIT_EPOCHS_INDEX: usize = 4;
const _: () = assert!(EPOCH_STOPS[OVERFIT_EPOCHS_INDEX] == live_training::OVERFIT_EPOCHS);

const DEFAULT_SEED: u64 = picture::DEFAULT_SETTINGS.seed;

/// Which examples the run trains on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TrainingData {
    All,
    /// The first [`live_training::OVERFIT_SUBSET_SIZE`] training examples.
    Tiny,
}

impl TrainingData {
    pub(crate) fn name(self) -> &'static str {
        match self {
            TrainingData::All => "all",
            TrainingData::Tiny => "tiny",
        }
    }

    pub(crate) fn parse(text: &str) -> Option<TrainingData> {
        match text {
            "all" => Some(TrainingData::All),
            "tiny" | "20" => Some(TrainingData::Tiny),
            _ => None,
        }
    }
}

pub(crate) fn parse_loss(text: &str) -> Option<LossKind> {
    LossKind::ALL
        .into_iter()
        .find(|kind| kind.name() == text.to_ascii_lowercase())
}

/// The settings a reader controls; every one is in the URL.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct DashboardSettings {
    pub(crate) loss_kind: LossKind,
    pub(crate) learning_rate: f64,
    /// 0 is no regularization.
    pub(crate) reg: f64,
    pub(crate) batch_index: usize,
    pub(crate) epochs_index: usize,
    pub(crate) data: TrainingData,
    pub(crate) log_loss: bool,
    pub(crate) seed: u64,
}

impl DemoSettings for DashboardSettings {
    fn read(settings: &Settings) -> DashboardSettings {
        let loss_kind = settings.choice(
            "loss",
            picture::DEFAULT_SETTINGS.loss_kind,
            "softmax, svm",
            parse_loss,
        );
        let (lr_low, lr_high) = LOG10_LEARNING_RATE;
        let learning_rate = settings.number(
            "lr",
            10f64.powf(lr_low),
            10f64.powf(lr_high),
            DEFAULT_LEARNING_RATE,
        );
        let reg = settings.number("reg", 0.0, 10f64.powf(LOG10_REG.1), DEFAULT_REG);
        let batch_index = settings.choice(
            "batch",
            DEFAULT_BATCH_INDEX,
            "1, 2, 5, 10, 20, 50, 100, 200, 500, full",
            |text| {
                if text.eq_ignore_ascii_case("full") {
                    return Some(BATCH_STOPS.len() - 1);
                }
                let wanted: usize = text.parse().ok()?;
                BATCH_STOPS.iter().position(|&stop| stop == wanted)
            },
        );
        let epochs_index = settings.choice(
            "epochs",
            DEFAULT_EPOCHS_INDEX,
            "5, 10, 20, 50, 100, 200",
            |text| {
                let wanted: usize = text.parse().ok()?;
                EPOCH_STOPS.iter().position(|&stop| stop == wanted)
            },
        );
        let data = settings.choice("data", TrainingData::All, "all, tiny", TrainingData::parse);
        let log_loss = settings.flag("log", false);
        let seed = settings.count("seed", 0, 1_000_000_000, DEFAULT_SEED as usize) as u64;
        DashboardSettings {
            loss_kind,
            learning_rate,
            reg,
            batch_index,
            epochs_index,
            data,
            log_loss,
            seed,
        }
    }

    fn write(&self) -> Vec<(String, String)> {
        let batch = match self.batch_size() {
            FULL_BATCH => "full".to_string(),
            size => size.to_string(),
        };
        vec![
            ("loss".to_string(), self.loss_kind.name().to_string()),
            ("lr".to_string(), exact_decimal(self.learning_rate, 6)),
            ("reg".to_string(), exact_decimal(self.reg, 8)),
            ("batch".to_string(), batch),
            ("epochs".to_string(), self.n_epochs().to_string()),
            ("data".to_string(), self.data.name().to_string()),
            ("log".to_string(), self.log_loss.to_string()),
            ("seed".to_string(), self.seed.to_string()),
        ]
    }
}

impl DashboardSettings {
    pub(crate) fn batch_size(&self) -> usize {
        BATCH_STOPS[self.batch_index.min(BATCH_STOPS.len() - 1)]
    }

    pub(crate) fn n_epochs(&self) -> usize {
        EPOCH_STOPS[self.epochs_index.min(EPOCH_STOPS.len() - 1)]
    }

    /// What the overfitting check sets: the tiny subset, no regularization, its full batch, and the
    /// core's learning rate and epochs for memorizing it.
    pub(crate) fn set_for_overfit_check(&mut self) {
        self.data = TrainingData::Tiny;
        self.reg = 0.0;
        self.batch_index = BATCH_STOPS.len() - 1;
        self.learning_rate = live_training::OVERFIT_LEARNING_RATE;
        self.epochs_index = OVERFIT_EPOCHS_INDEX;
    }

    /// Whether the run these settings start is the overfitting check's: the tiny subset without
    /// regularization.
    pub(crate) fn is_overfit_check(&self) -> bool {
        self.data == TrainingData::Tiny && self.reg == 0.0
    }

    /// The learning-rate slider's position: the power of ten.
    pub(crate) fn learning_rate_position(&self) -> f64 {
        self.learning_rate.log10()
    }

    pub(crate) fn set_learning_rate_position(&mut self, log10: f64) {
        self.learning_rate = 10f64.powf(log10.clamp(LOG10_LEARNING_RATE.0, LOG10_LEARNING_RATE.1));
    }

    /// The regularization slider's position: the power of ten, or the leftmost for 0.
    pub(crate) fn reg_position(&self) -> f64 {
        if self.reg > 0.0 {
            self.reg.log10().clamp(LOG10_REG.0, LOG10_REG.1)
        } else {
            LOG10_REG.0
        }
    }

    pub(crate) fn set_reg_position(&mut self, position: f64) {
        self.reg = if position <= LOG10_REG.0 + 1e-9 {
            0.0
        } else {
            10f64.powf(position.min(LOG10_REG.1))
        };
    }

    pub(crate) fn set_batch_position(&mut self, position: f64) {
        self.batch_index = stop_index(position, BATCH_STOPS.len());
    }

    pub(crate) fn set_epochs_position(&mut self, position: f64) {
        self.epochs_index = stop_index(position, EPOCH_STOPS.len());
    }
}

/// The stop a slider position falls on, among `n_stops`.
fn stop_index(position: f64, n_stops: usize) -> usize {
    (position.round().max(0.0) as usize).min(n_stops - 1)
}

/// `value` with `decimals` decimals, as the address bar has always shown it (`lr=0.100000`), when
/// that text reads back as exactly `value`; otherwise the shortest text that does. A slider's
/// 10^-1.1 = 0.0794328… written with six decimals would read back as 0.079433, and the link would
/// replay a slightly different run from the one its sender saw.
fn exact_decimal(value: f64, decimals: usize) -> String {
    let fixed = format!("{value:.decimals$}");
    if parse_number(&fixed) == Some(value) {
        return fixed;
    }
    let plain = format!("{value}");
    let scientific = format!("{value:e}");
    if plain.len() <= scientific.len() {
        plain
    } else {
        scientific
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::demos::hostile_links::{read_link, round_trip_property};
    use proptest::prelude::*;

    fn read(pairs: &[(&str, &str)]) -> (DashboardSettings, Vec<String>) {
        read_link::<DashboardSettings>(pairs)
    }

    round_trip_property!(DashboardSettings);

    proptest! {
        #![proptest_config(crate::demos::hostile_links::proptest_cases(256))]


        #[test]
        fn any_slider_position_gives_settings_in_range(
            lr in -10.0..10.0_f64,
            reg in -10.0..10.0_f64,
            batch in -5.0..20.0_f64,
            epochs in -5.0..20.0_f64,
        ) {
            let (mut settings, _) = read(&[]);
            settings.set_learning_rate_position(lr);
            settings.set_reg_position(reg);
            settings.set_batch_position(batch);
            settings.set_epochs_position(epochs);
            prop_assert!((1e-4..=10.0).contains(&settings.learning_rate));
            prop_assert!((0.0..=1.0).contains(&settings.reg));
            prop_assert!(settings.batch_index < BATCH_STOPS.len());
            prop_assert!(settings.epochs_index < EPOCH_STOPS.len());
        }
    }

    #[test]
    fn the_defaults_write_the_address_bar_they_always_did() {
        let (settings, messages) = read(&[]);
        assert!(messages.is_empty());
        let written: Vec<String> = settings
            .write()
            .into_iter()
            .map(|(key, value)| format!("{key}={value}"))
            .collect();
        assert_eq!(
            written.join("&"),
            "loss=softmax&lr=0.100000&reg=0.00100000&batch=10&epochs=20&data=all&log=false&seed=1"
        );
    }

    #[test]
    fn a_link_sets_every_setting_and_a_bad_value_falls_back_politely() {
        let (settings, messages) = read(&[
            ("loss", "svm"),
            ("lr", "0.01"),
            ("reg", "0"),
            ("batch", "full"),
            ("epochs", "50"),
            ("data", "20"),
            ("log", "true"),
            ("seed", "7"),
        ]);
        assert!(messages.is_empty(), "{messages:?}");
        assert_eq!(
            (settings.loss_kind, settings.learning_rate, settings.reg),
            (LossKind::Svm, 0.01, 0.0)
        );
        assert_eq!(
            (settings.batch_size(), settings.n_epochs(), settings.data),
            (FULL_BATCH, 50, TrainingData::Tiny)
        );
        assert!(settings.log_loss);
        assert_eq!(settings.seed, 7);
        let (fallen_back, messages) = read(&[("lr", "banana"), ("batch", "7"), ("reg", "-1")]);
        assert_eq!(fallen_back.learning_rate, DEFAULT_LEARNING_RATE);
        assert_eq!(fallen_back.batch_size(), 10);
        assert_eq!(fallen_back.reg, 0.0);
        for key in ["lr", "batch", "reg"] {
            assert!(
                messages
                    .iter()
                    .any(|message| message.contains(&format!("“{key}”"))),
                "no word on {key}: {messages:?}"
            );
        }
    }

    #[test]
    fn a_value_six_decimals_would_change_is_written_exactly() {
        let (mut settings, _) = read(&[]);
        settings.set_learning_rate_position(-1.1);
        let written = exact_decimal(settings.learning_rate, 6);
        assert_ne!(written, "0.079433");
        assert_eq!(parse_number(&written), Some(settings.learning_rate));
        assert_eq!(
            exact_decimal(1e-9, 8),
            "1e-9",
            "not 0.00000000, which is no regularization"
        );
        assert_eq!(exact_decimal(0.01, 6), "0.010000");
    }

    #[test]
    fn the_sliders_map_to_the_settings_and_back() {
        let (mut settings, _) = read(&[]);
        settings.set_reg_position(LOG10_REG.0);
        assert_eq!((settings.reg, settings.reg_position()), (0.0, LOG10_REG.0));
        settings.set_reg_position(-2.0);
        assert!((settings.reg - 1e-2).abs() < 1e-15);
        assert!((settings.reg_position() + 2.0).abs() < 1e-12);
        settings.set_learning_rate_position(-2.0);
        assert!((settings.learning_rate_position() + 2.0).abs() < 1e-12);
        settings.set_batch_position(0.4);
        assert_eq!(settings.batch_size(), 1);
        settings.set_epochs_position(99.0);
        assert_eq!(settings.n_epochs(), 200);
    }

    #[test]
    fn the_overfit_check_sets_the_cores_run_on_the_tiny_subset() {
        let (mut settings, _) = read(&[]);
        assert!(!settings.is_overfit_check());
        settings.set_for_overfit_check();
        assert!(settings.is_overfit_check());
        assert_eq!(settings.batch_size(), FULL_BATCH);
        assert_eq!(settings.learning_rate, live_training::OVERFIT_LEARNING_RATE);
        assert_eq!(settings.n_epochs(), live_training::OVERFIT_EPOCHS);
    }
}
