//! The hyperparameter-search demo's settings: the trials per axis of the grid (so both searches get
//! its square) and the seed of the random search, read from the lesson and the link with a polite
//! message for each value that had to be corrected, and written back under the same keys.

use crate::settings::{DemoSettings, Settings};
use downhill_plots::hyperparameter_search::{DEFAULT_PER_AXIS, DEFAULT_SEED};

/// Values per axis of the grid: 2 x 2 = 4 to 10 x 10 = 100 trials.
pub(crate) const PER_AXIS_RANGE: (usize, usize) = (2, 10);
/// Seeds a link may carry.
pub(crate) const MAX_SEED: usize = 1_000_000_000;

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct SearchSettings {
    pub(crate) per_axis: usize,
    pub(crate) seed: u64,
}

impl DemoSettings for SearchSettings {
    fn read(settings: &Settings) -> SearchSettings {
        SearchSettings {
            per_axis: settings.count(
                "per-axis",
                PER_AXIS_RANGE.0,
                PER_AXIS_RANGE.1,
                DEFAULT_PER_AXIS,
            ),
            seed: settings.count("seed", 0, MAX_SEED, DEFAULT_SEED as usize) as u64,
        }
    }

    fn write(&self) -> Vec<(String, String)> {
        vec![
            ("per-axis".to_string(), self.per_axis.to_string()),
            ("seed".to_string(), self.seed.to_string()),
        ]
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::demos::hostile_links::{read_link, round_trip_property};

    round_trip_property!(SearchSettings);

    #[test]
    fn trials_per_axis_stay_in_range_and_are_written_under_the_keys_read() {
        let (read, messages) = read_link::<SearchSettings>(&[("per-axis", "40"), ("seed", "5")]);
        assert_eq!(read.per_axis, 10);
        assert_eq!(read.seed, 5);
        assert_eq!(messages.len(), 1);
        assert_eq!(
            read.write(),
            [
                ("per-axis".to_string(), "10".to_string()),
                ("seed".to_string(), "5".to_string())
            ]
        );
        let (defaults, messages) = read_link::<SearchSettings>(&[]);
        assert_eq!(defaults.per_axis, DEFAULT_PER_AXIS);
        assert_eq!(defaults.seed, DEFAULT_SEED);
        assert!(messages.is_empty());
    }
}
