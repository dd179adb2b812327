//! The sweep's settings: what a lesson or a link may set (the loss, the seed of the weights and the
//! chosen step size), read with validation and written back for the address bar and copied links.
//!
//! Keys: `loss` (`svm` or `softmax`), `seed` (a whole number), `step` (a step size, written `1.000e-1`).

use crate::demos::step_size::link_numbers::LinkFormat;
use crate::settings::{DemoSettings, Settings};
use downhill_core::classifiers::LossKind;
use downhill_core::step_size_demos::SWEEP_WEIGHTS_SEED;
use downhill_plots::step_size::SWEEP_DEFAULT_STEP;

/// The step sizes of the sweep, as powers of ten: the document's table ran from 1e-10 to 1e-1, but on
/// the digits (pixels scaled to 0..1) the loss is still falling at 1e-1, so the demo and the lesson's
/// table go on to 1e3 to show where it turns and how fast it then grows. The slider and the axis span
/// the same.
pub(crate) const LOG10_STEP_RANGE: (f64, f64) = downhill_plots::step_size::SWEEP_LOG10_STEP_RANGE;
/// The largest weights seed a link may ask for.
pub(crate) const MAX_SEED: usize = 1_000_000;
/// How the step size is written in a link.
const STEP_FORMAT: LinkFormat = LinkFormat::Scientific(3);

#[derive(Clone, Debug, PartialEq)]
pub struct SweepSettings {
    pub loss_kind: LossKind,
    pub seed: u64,
    pub step: f64,
}

pub fn parse_loss(text: &str) -> Option<LossKind> {
    LossKind::ALL.into_iter().find(|kind| kind.name() == text)
}

impl DemoSettings for SweepSettings {
    fn read(source: &Settings) -> Self {
        let (log_min, log_max) = LOG10_STEP_RANGE;
        let step = source.number(
            "step",
            10f64.powf(log_min),
            10f64.powf(log_max),
            SWEEP_DEFAULT_STEP,
        );
        SweepSettings {
            loss_kind: source.choice("loss", LossKind::Svm, "svm, softmax", parse_loss),
            seed: source.count("seed", 0, MAX_SEED, SWEEP_WEIGHTS_SEED as usize) as u64,
            step: STEP_FORMAT.round(step),
        }
    }

    fn write(&self) -> Vec<(String, String)> {
        vec![
            ("loss".to_string(), self.loss_kind.name().to_string()),
            ("seed".to_string(), self.seed.to_string()),
            ("step".to_string(), STEP_FORMAT.write(self.step)),
        ]
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::demos::step_size::settings_tests::{
        assert_messages_name, assert_writes, defaults, read_query,
    };

    #[test]
    fn the_defaults_are_the_lessons_table_and_write_the_keys_they_always_wrote() {
        let settings = defaults::<SweepSettings>();
        assert_eq!(
            settings,
            SweepSettings {
                loss_kind: LossKind::Svm,
                seed: SWEEP_WEIGHTS_SEED,
                step: 0.1,
            }
        );
        assert_writes(
            &settings,
            &[("loss", "svm"), ("seed", "1"), ("step", "1.000e-1")],
        );
    }

    #[test]
    fn a_link_is_read_and_bad_values_fall_back_with_a_message_each() {
        let (settings, messages) =
            read_query::<SweepSettings>(&[("loss", "softmax"), ("step", "1e-5"), ("seed", "3")]);
        assert!(messages.is_empty(), "{messages:?}");
        assert_eq!(settings.loss_kind, LossKind::Softmax);
        assert_eq!((settings.seed, settings.step), (3, 1e-5));
        let (settings, messages) =
            read_query::<SweepSettings>(&[("loss", "<img>"), ("step", "1e309"), ("seed", "x")]);
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert_messages_name(&messages, &["loss", "step", "seed"]);
        assert_eq!(settings.loss_kind, LossKind::Svm);
        assert_eq!(settings.seed, SWEEP_WEIGHTS_SEED);
        // Not a number gives the default step size.
        assert_eq!(settings.step, 0.1);
        // More digits than a link carries are read as the link written back would carry them.
        let (settings, _) = read_query::<SweepSettings>(&[("step", "0.0123456")]);
        assert_eq!(settings.step, 0.01235);
    }
}
