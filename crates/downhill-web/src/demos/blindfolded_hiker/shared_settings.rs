//! What the blindfolded hiker and its digits view share in their settings, pure Rust: the log
//! sliders of the budget, the reach of a try and the step size, the seed and its "new draws" button,
//! and how a number is written into the address bar so that reading it back gives the same number.

use crate::number_text::parse_number;
use crate::settings::{MAX_VALUE_LENGTH, Settings};

/// The largest seed a link may set; "New draws" wraps round to 0 after it.
pub const MAX_SEED: usize = 999_999;

/// The seed after `seed`, for the "New draws" button.
pub fn next_seed(seed: u64) -> u64 {
    (seed + 1) % (MAX_SEED as u64 + 1)
}

/// Reads the seed, a whole number from 0 to [`MAX_SEED`].
pub fn read_seed(source: &Settings, default: u64) -> u64 {
    source.count("seed", 0, MAX_SEED, default as usize) as u64
}

/// A slider that moves in powers of ten: its position is the value's base-10 logarithm.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LogRange {
    pub log10_min: f64,
    pub log10_max: f64,
}

impl LogRange {
    /// From 10^`log10_min` to 10^`log10_max`.
    pub const fn new(log10_min: f64, log10_max: f64) -> LogRange {
        LogRange {
            log10_min,
            log10_max,
        }
    }

    pub fn min(self) -> f64 {
        10f64.powf(self.log10_min)
    }

    pub fn max(self) -> f64 {
        10f64.powf(self.log10_max)
    }

    /// The value at slider position `position`, kept inside the range.
    pub fn value_at(self, position: f64) -> f64 {
        10f64.powf(position.clamp(self.log10_min, self.log10_max))
    }

    /// Reads `key`, a number within the range.
    pub fn read(self, source: &Settings, key: &str, default: f64) -> f64 {
        source.number(key, self.min(), self.max(), default)
    }
}

/// A budget of loss evaluations on a log slider: the whole numbers inside the slider's range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BudgetRange(pub LogRange);

impl BudgetRange {
    pub fn min(self) -> usize {
        self.0.min().ceil() as usize
    }

    pub fn max(self) -> usize {
        self.0.max().floor() as usize
    }

    /// The budget at slider position `position`: the nearest whole number a link may also say.
    pub fn count_at(self, position: f64) -> usize {
        (self.0.value_at(position).round() as usize).clamp(self.min(), self.max())
    }

    /// Reads `budget`, a whole number within the range.
    pub fn read(self, source: &Settings, default: usize) -> usize {
        source.count("budget", self.min(), self.max(), default)
    }
}

/// `value` with `decimals` decimals, as the address bar has always shown these settings, when that
/// text reads back as the very same number; otherwise the shortest text that does (in scientific
/// notation if plain digits would be too long for a link, as for 1e-300). A slider's powers of ten
/// rarely have a short exact form, and a rounded one made a shared link show another walk (or, at
/// the top of a range, a number past its end and a complaint).
pub fn exact_decimal(value: f64, decimals: usize) -> String {
    let fits = |text: &String| text.chars().count() <= MAX_VALUE_LENGTH;
    let fixed = format!("{value:.decimals$}");
    if fits(&fixed) && parse_number(&fixed) == Some(value) {
        return fixed;
    }
    let plain = format!("{value}");
    if fits(&plain) {
        plain
    } else {
        format!("{value:e}")
    }
}

/// What the settings and model tests of both demos share.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod test_support {
    use crate::settings::{DemoSettings, Settings};
    use proptest::prelude::*;

    pub(crate) use crate::demos::hostile_links::proptest_cases as cases;

    fn link_of(pairs: impl IntoIterator<Item = (String, String)>) -> Settings {
        Settings::from_parts(
            "demo-1",
            Vec::new(),
            pairs
                .into_iter()
                .map(|(key, value)| (format!("demo-1.{key}"), value)),
        )
    }

    /// The settings a link setting `pairs` (keys without the figure's prefix) gives, and what it
    /// complained about.
    pub fn read_link<S: DemoSettings>(pairs: &[(&str, &str)]) -> (S, Vec<String>) {
        let source = link_of(
            pairs
                .iter()
                .map(|(key, value)| (key.to_string(), value.to_string())),
        );
        (S::read(&source), source.messages())
    }

    /// The address bar's link of `settings` reads back as exactly `settings`, without a complaint.
    pub fn assert_written_reads_back<S: DemoSettings>(settings: &S) -> Result<(), TestCaseError> {
        let written = settings.write();
        let source = link_of(written.clone());
        prop_assert_eq!(&S::read(&source), settings, "written as {:?}", written);
        prop_assert!(source.messages().is_empty(), "{:?}", source.messages());
        Ok(())
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::test_support::cases;
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn new_draws_wrap_round_after_the_largest_seed() {
        assert_eq!(next_seed(1), 2);
        assert_eq!(next_seed(MAX_SEED as u64), 0);
    }

    #[test]
    fn budgets_are_the_whole_numbers_inside_the_slider() {
        let hiker = BudgetRange(LogRange::new(1.0, 3.0));
        assert_eq!((hiker.min(), hiker.max()), (10, 1000));
        let digits = BudgetRange(LogRange::new(1.7, 3.3));
        // 10^1.7 is 50.1 and 10^3.3 is 1995.3: the slider's ends give the nearest budgets inside.
        assert_eq!((digits.min(), digits.max()), (51, 1995));
        assert_eq!(digits.count_at(1.7), 51);
        assert_eq!(digits.count_at(f64::NEG_INFINITY), 51);
        assert_eq!(digits.count_at(3.3), 1995);
        assert_eq!(digits.count_at(2.0), 100);
    }

    #[test]
    fn short_numbers_keep_their_short_form() {
        assert_eq!(exact_decimal(0.3, 4), "0.3000");
        assert_eq!(exact_decimal(-1.5, 3), "-1.500");
        assert_eq!(exact_decimal(0.1, 6), "0.100000");
        // 10^1.5 rounded to four decimals would be past the top of the step-size range.
        assert_eq!(exact_decimal(10f64.powf(1.5), 4), "31.622776601683793");
    }

    proptest! {
        #![proptest_config(cases(512))]

        #[test]
        fn what_is_written_reads_back_exactly(
            value in prop_oneof![
                // The settings' ranges: reaches from 1e-6, step sizes to 31.6, coordinates.
                1e-6..1e-3_f64,
                1e-3..1e4_f64,
                -10.0..10.0_f64,
                // Anything else a link may put inside a range, such as a coordinate of 2e-308.
                prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL | prop::num::f64::ZERO,
            ],
            decimals in 0usize..9,
        ) {
            let text = exact_decimal(value, decimals);
            prop_assert_eq!(parse_number(&text), Some(value), "{}", text);
            prop_assert!(text.chars().count() <= MAX_VALUE_LENGTH, "{}", text);
        }

        #[test]
        fn every_slider_position_gives_a_value_a_link_may_say(position in -10.0..10.0_f64) {
            let range = LogRange::new(-3.0, 1.5);
            let value = range.value_at(position);
            prop_assert!(range.min() <= value && value <= range.max());
            let budget = BudgetRange(LogRange::new(1.7, 3.3));
            let count = budget.count_at(position);
            prop_assert!(budget.min() <= count && count <= budget.max());
        }
    }
}
