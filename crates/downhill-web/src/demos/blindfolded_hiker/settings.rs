//! The blindfolded hiker's settings: what a lesson or a link may set, read with validation, and
//! written back for the address bar and copied links.
//!
//! Keys: `budget`, `local` (random local search's reach), `lr` (the gradient walker's step size),
//! `x` and `y` (where the hiker is placed), `seed`, `blindfold`, and `strategies` (a list of
//! `random`, `local`, `gradient`: the walks on show).

use super::shared_settings::{BudgetRange, LogRange, exact_decimal, read_seed};
use crate::settings::{DemoSettings, Settings};
use downhill_core::search::hiker::Strategy;
use downhill_core::surfaces::{Bumpy, Surface};
use downhill_plots::hiker::HIKER_DEFAULTS;

/// Budgets span 10 to 1,000 evaluations on a log slider: the interesting differences show between 20
/// and a few hundred.
pub const BUDGET_RANGE: BudgetRange = BudgetRange(LogRange::new(1.0, 3.0));
/// The spread of random local search's tries, 0.01 to 1 (the map is 6 wide).
pub const LOCAL_STEP_RANGE: LogRange = LogRange::new(-2.0, 0.0);
/// The gradient walker's step size, 0.001 (crawls) to 30 (diverges on the bowl, whose curvature is
/// 0.16).
pub const LEARNING_RATE_RANGE: LogRange = LogRange::new(-3.0, 1.5);

/// What a lesson or a link may set, each within its slider's range.
#[derive(Clone, Debug, PartialEq)]
pub struct BlindfoldedHikerSettings {
    pub budget: usize,
    pub local_step: f64,
    pub learning_rate: f64,
    pub seed: u64,
    /// Where the hiker is placed, inside the map.
    pub start: [f64; 2],
    pub blindfold: bool,
    /// Which walks are on show, in [`Strategy::ALL`] order.
    pub shown: [bool; 3],
}

fn parse_strategies(text: &str) -> Option<[bool; 3]> {
    let mut shown = [false; 3];
    for name in text
        .split(',')
        .map(str::trim)
        .filter(|name| !name.is_empty())
    {
        let strategy: Strategy = name.parse().ok()?;
        let index = Strategy::ALL.iter().position(|known| *known == strategy)?;
        shown[index] = true;
    }
    shown.iter().any(|&shown| shown).then_some(shown)
}

impl DemoSettings for BlindfoldedHikerSettings {
    fn read(source: &Settings) -> Self {
        let surface = Bumpy;
        let view_box = surface.view();
        let defaults = HIKER_DEFAULTS;
        let budget = BUDGET_RANGE.read(source, defaults.budget);
        let local_step = LOCAL_STEP_RANGE.read(source, "local", defaults.local_step);
        let learning_rate = LEARNING_RATE_RANGE.read(source, "lr", defaults.learning_rate);
        let seed = read_seed(source, defaults.seed);
        let default_start = surface.default_start();
        let start = [
            source.number("x", view_box.x_min, view_box.x_max, default_start[0]),
            source.number("y", view_box.y_min, view_box.y_max, default_start[1]),
        ];
        let blindfold = source.flag("blindfold", false);
        let shown = source.choice(
            "strategies",
            [true; 3],
            "random, local and gradient (separated by commas)",
            parse_strategies,
        );
        BlindfoldedHikerSettings {
            budget,
            local_step,
            learning_rate,
            seed,
            start,
            blindfold,
            shown,
        }
    }

    fn write(&self) -> Vec<(String, String)> {
        let shown: Vec<&str> = Strategy::ALL
            .iter()
            .zip(self.shown)
            .filter(|(_, shown)| *shown)
            .map(|(strategy, _)| strategy.name())
            .collect();
        vec![
            ("budget".to_string(), self.budget.to_string()),
            ("local".to_string(), exact_decimal(self.local_step, 4)),
            ("lr".to_string(), exact_decimal(self.learning_rate, 4)),
            ("x".to_string(), exact_decimal(self.start[0], 3)),
            ("y".to_string(), exact_decimal(self.start[1], 3)),
            ("seed".to_string(), self.seed.to_string()),
            ("blindfold".to_string(), self.blindfold.to_string()),
            ("strategies".to_string(), shown.join(",")),
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
    fn no_link_gives_the_lessons_defaults_and_the_address_bar_keys() {
        let (settings, messages) = read_link::<BlindfoldedHikerSettings>(&[]);
        assert!(messages.is_empty());
        assert_eq!(settings.budget, HIKER_DEFAULTS.budget);
        assert_eq!(settings.start, Bumpy.default_start());
        assert_eq!(settings.shown, [true; 3]);
        let keys: Vec<String> = settings.write().into_iter().map(|(key, _)| key).collect();
        assert_eq!(
            keys,
            [
                "budget",
                "local",
                "lr",
                "x",
                "y",
                "seed",
                "blindfold",
                "strategies"
            ]
        );
        // The defaults are written as the address bar has always written them.
        assert_eq!(settings.write()[1].1, "0.3000");
        assert_eq!(settings.write()[7].1, "random,local,gradient");
    }

    #[test]
    fn a_link_sets_every_key_and_a_bad_one_is_replaced_politely() {
        let (settings, messages) = read_link::<BlindfoldedHikerSettings>(&[
            ("budget", "40"),
            ("lr", "2"),
            ("x", "1.5"),
            ("y", "-2"),
            ("blindfold", "true"),
            ("strategies", "gradient"),
        ]);
        assert!(messages.is_empty(), "{messages:?}");
        assert_eq!(settings.budget, 40);
        assert_eq!(settings.learning_rate, 2.0);
        assert_eq!(settings.start, [1.5, -2.0]);
        assert!(settings.blindfold);
        assert_eq!(settings.shown, [false, false, true]);
        let (settings, messages) = read_link::<BlindfoldedHikerSettings>(&[
            ("budget", "1e309"),
            ("lr", "NaN"),
            ("x", "9"),
            ("strategies", "teleport"),
        ]);
        assert_eq!(messages.len(), 4, "{messages:?}");
        assert_eq!(settings.budget, HIKER_DEFAULTS.budget);
        assert_eq!(settings.learning_rate, HIKER_DEFAULTS.learning_rate);
        assert_eq!(settings.start[0], Bumpy.view().x_max);
        assert_eq!(settings.shown, [true; 3]);
    }

    proptest! {
        #![proptest_config(cases(256))]

        #[test]
        fn what_a_hostile_link_gives_is_written_and_read_back_the_same(link in hostile_link()) {
            assert_round_trip::<BlindfoldedHikerSettings>(&link)?;
        }
    }
}
