//! The digits view's settings: what a lesson or a link may set, read with validation, and written
//! back for the address bar and copied links.
//!
//! Keys: `budget` (loss evaluations each), `lr` (gradient descent's step size), `local` (random
//! local search's reach) and `seed`. With the defaults the walkers replay exactly the runs whose
//! accuracies the lesson prints.

use crate::demos::blindfolded_hiker::shared_settings::{
    BudgetRange, LogRange, exact_decimal, read_seed,
};
use crate::settings::{DemoSettings, Settings};
use downhill_core::search::accuracy_race::AccuracyRaceSettings;
use downhill_plots::hiker::{DIGITS_CURVE_POINTS, digits_defaults};

/// Budgets from 51 to 1,995 evaluations each, on a log slider from 10^1.7 to 10^3.3.
pub const BUDGET_RANGE: BudgetRange = BudgetRange(LogRange::new(1.7, 3.3));
/// Gradient descent's step size, 1e-4 to 10; the lesson uses 0.1.
pub const LEARNING_RATE_RANGE: LogRange = LogRange::new(-4.0, 1.0);
/// Random local search's reach, 1e-6 to 0.1; the document uses 0.0001.
pub const LOCAL_STEP_RANGE: LogRange = LogRange::new(-6.0, -1.0);

/// What a lesson or a link may set, each within its slider's range.
#[derive(Clone, Debug, PartialEq)]
pub struct HikerDigitsSettings {
    pub budget: usize,
    pub learning_rate: f64,
    pub local_step: f64,
    pub seed: u64,
}

impl HikerDigitsSettings {
    /// The race these settings run in `downhill-core`.
    pub fn race(&self) -> AccuracyRaceSettings {
        AccuracyRaceSettings {
            budget: self.budget,
            curve_points: DIGITS_CURVE_POINTS,
            local_step: self.local_step,
            learning_rate: self.learning_rate,
            seed: self.seed,
        }
    }
}

impl DemoSettings for HikerDigitsSettings {
    fn read(source: &Settings) -> Self {
        // The defaults live in `downhill-plots`, so the build-time still draws the same run.
        let defaults = digits_defaults();
        HikerDigitsSettings {
            budget: BUDGET_RANGE.read(source, defaults.budget),
            learning_rate: LEARNING_RATE_RANGE.read(source, "lr", defaults.learning_rate),
            local_step: LOCAL_STEP_RANGE.read(source, "local", defaults.local_step),
            seed: read_seed(source, defaults.seed),
        }
    }

    fn write(&self) -> Vec<(String, String)> {
        vec![
            ("budget".to_string(), self.budget.to_string()),
            ("lr".to_string(), exact_decimal(self.learning_rate, 6)),
            ("local".to_string(), exact_decimal(self.local_step, 8)),
            ("seed".to_string(), self.seed.to_string()),
        ]
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::demos::blindfolded_hiker::shared_settings::test_support::{cases, read_link};
    use crate::demos::hostile_links::{assert_round_trip, hostile_link};
    use proptest::prelude::*;

    #[test]
    fn no_link_gives_the_stills_run_and_the_address_bar_keys() {
        let (settings, messages) = read_link::<HikerDigitsSettings>(&[]);
        assert!(messages.is_empty());
        assert_eq!(settings.race(), digits_defaults());
        assert_eq!(
            settings.write(),
            [
                ("budget".to_string(), "1000".to_string()),
                ("lr".to_string(), "0.100000".to_string()),
                ("local".to_string(), "0.00010000".to_string()),
                ("seed".to_string(), "0".to_string()),
            ]
        );
    }

    #[test]
    fn a_bad_link_is_replaced_politely() {
        let (settings, messages) =
            read_link::<HikerDigitsSettings>(&[("budget", "lots"), ("lr", "0.05"), ("local", "1")]);
        assert_eq!(settings.budget, 1000);
        assert_eq!(settings.learning_rate, 0.05);
        assert_eq!(settings.local_step, 0.1);
        assert_eq!(messages.len(), 2, "{messages:?}");
        let (settings, _) = read_link::<HikerDigitsSettings>(&[("budget", "50")]);
        assert_eq!(settings.budget, 51);
    }

    proptest! {
        #![proptest_config(cases(256))]

        #[test]
        fn what_a_hostile_link_gives_is_written_and_read_back_the_same(link in hostile_link()) {
            assert_round_trip::<HikerDigitsSettings>(&link)?;
        }
    }
}
