//! The learning curves' settings: what a lesson or a link may set (the reader's learning rate and the
//! epochs of every curve), read with validation and written back for the address bar and copied
//! links.
//!
//! Keys: `lr` (written `3.0000e-2`) and `epochs`.

use crate::demos::step_size::link_numbers::LinkFormat;
use crate::settings::{DemoSettings, Settings};
use downhill_plots::step_size::{CURVES_DEFAULT_EPOCHS, CURVES_DEFAULT_YOUR_RATE};

/// The reader's learning rate, as powers of ten: from far too low to far too high.
pub(crate) const LOG10_RATE_RANGE: (f64, f64) = (-4.0, 3.0);
pub(crate) const EPOCH_RANGE: (usize, usize) = (5, 100);
const RATE_FORMAT: LinkFormat = LinkFormat::Scientific(4);

#[derive(Clone, Debug, PartialEq)]
pub struct CurvesSettings {
    pub your_rate: f64,
    pub n_epochs: usize,
}

impl DemoSettings for CurvesSettings {
    fn read(source: &Settings) -> Self {
        let (log_min, log_max) = LOG10_RATE_RANGE;
        let your_rate = source.number(
            "lr",
            10f64.powf(log_min),
            10f64.powf(log_max),
            CURVES_DEFAULT_YOUR_RATE,
        );
        CurvesSettings {
            your_rate: RATE_FORMAT.round(your_rate),
            n_epochs: source.count(
                "epochs",
                EPOCH_RANGE.0,
                EPOCH_RANGE.1,
                CURVES_DEFAULT_EPOCHS,
            ),
        }
    }

    fn write(&self) -> Vec<(String, String)> {
        vec![
            ("lr".to_string(), RATE_FORMAT.write(self.your_rate)),
            ("epochs".to_string(), self.n_epochs.to_string()),
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
    fn the_defaults_write_the_keys_they_always_wrote() {
        let settings = defaults::<CurvesSettings>();
        assert_eq!(
            settings,
            CurvesSettings {
                your_rate: 0.03,
                n_epochs: 40
            }
        );
        assert_writes(&settings, &[("lr", "3.0000e-2"), ("epochs", "40")]);
    }

    #[test]
    fn a_link_is_read_and_bad_values_fall_back_with_a_message_each() {
        let (settings, messages) = read_query::<CurvesSettings>(&[("lr", "0.5"), ("epochs", "15")]);
        assert!(messages.is_empty(), "{messages:?}");
        assert_eq!(
            settings,
            CurvesSettings {
                your_rate: 0.5,
                n_epochs: 15
            }
        );
        let (settings, messages) =
            read_query::<CurvesSettings>(&[("lr", "1e400"), ("epochs", "-3")]);
        assert_messages_name(&messages, &["lr", "epochs"]);
        assert_eq!(settings.your_rate, 0.03);
        assert_eq!(settings.n_epochs, 5);
    }
}
