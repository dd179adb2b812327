//! The gradient check's settings: which function at which point, the precision, the step h, the
//! regularization, the digits, the planted bugs and the row the plot is for. Read from the lesson
//! and the link with a polite message for each value that had to be corrected; written back under
//! the same keys for the address bar and copied links.

use crate::settings::{DemoSettings, Settings};
use downhill_core::gradient::workbench::{
    CheckFunction, LESSON_STEP, MAX_EXAMPLES, PlantedBugs, Precision,
};
use downhill_plots::gradient_check::LOG10_H_RANGE;

/// The regularization slider, as powers of ten; its lowest notch means no regularization at all, so
/// the data loss can be checked alone, as the lesson advises first.
pub(crate) const LOG10_REG_RANGE: (f64, f64) = (-7.0, 1.0);
const DEFAULT_REG: f64 = 1e-3;
/// Regularization below this is the slider's "off" notch.
pub(crate) const REG_OFF_BELOW: f64 = 1.5e-7;
const DEFAULT_EXAMPLES: usize = 3;
/// The largest seed a link may ask for.
pub(crate) const MAX_SEED: usize = 1_000_000;
/// The last row a link may select (the table has at most eight).
pub(crate) const MAX_ROW: usize = 7;

/// Everything the reader chose: what the URL records.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct GradientCheckSettings {
    pub(crate) function: CheckFunction,
    pub(crate) precision: Precision,
    pub(crate) h: f64,
    pub(crate) reg: f64,
    pub(crate) n_examples: usize,
    pub(crate) seed: u64,
    pub(crate) bugs: PlantedBugs,
    /// Which row the plot against h is for.
    pub(crate) selected_row: usize,
}

impl Default for GradientCheckSettings {
    fn default() -> GradientCheckSettings {
        GradientCheckSettings {
            function: CheckFunction::Softmax,
            precision: Precision::Double,
            h: LESSON_STEP,
            reg: DEFAULT_REG,
            n_examples: DEFAULT_EXAMPLES,
            seed: 0,
            bugs: PlantedBugs::default(),
            selected_row: 0,
        }
    }
}

impl DemoSettings for GradientCheckSettings {
    fn read(settings: &Settings) -> GradientCheckSettings {
        let defaults = GradientCheckSettings::default();
        let known_functions = CheckFunction::ALL.map(CheckFunction::name).join(", ");
        let function = settings.choice("function", defaults.function, &known_functions, |name| {
            name.parse().ok()
        });
        let precision = settings.choice("precision", defaults.precision, "f64, f32", |name| {
            name.parse().ok()
        });
        let (h_min, h_max) = LOG10_H_RANGE;
        let h = settings.number("h", 10f64.powf(h_min), 10f64.powf(h_max), LESSON_STEP);
        let reg = settings.number("reg", 0.0, 10f64.powf(LOG10_REG_RANGE.1), DEFAULT_REG);
        let reg = if reg < REG_OFF_BELOW { 0.0 } else { reg };
        let n_examples = settings.count("examples", 1, MAX_EXAMPLES, DEFAULT_EXAMPLES);
        let seed = settings.count("seed", 0, MAX_SEED, 0) as u64;
        let bugs = PlantedBugs {
            dropped_mean: settings.flag("bug-mean", false),
            flipped_sign: settings.flag("bug-sign", false),
            no_regularization: settings.flag("bug-reg", false),
        };
        let selected_row = settings.count("row", 0, MAX_ROW, 0);
        GradientCheckSettings {
            function,
            precision,
            h,
            reg,
            n_examples,
            seed,
            bugs,
            selected_row,
        }
    }

    fn write(&self) -> Vec<(String, String)> {
        let flag = |on: bool| if on { "1" } else { "0" }.to_string();
        vec![
            ("function".to_string(), self.function.name().to_string()),
            ("precision".to_string(), self.precision.name().to_string()),
            ("h".to_string(), format!("{:e}", self.h)),
            ("reg".to_string(), format!("{:e}", self.reg)),
            ("examples".to_string(), self.n_examples.to_string()),
            ("seed".to_string(), self.seed.to_string()),
            ("bug-mean".to_string(), flag(self.bugs.dropped_mean)),
            ("bug-sign".to_string(), flag(self.bugs.flipped_sign)),
            ("bug-reg".to_string(), flag(self.bugs.no_regularization)),
            ("row".to_string(), self.selected_row.to_string()),
        ]
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::demos::hostile_links::{read_link, round_trip_property};

    round_trip_property!(GradientCheckSettings);

    fn read(pairs: &[(&str, &str)]) -> (GradientCheckSettings, Vec<String>) {
        read_link(pairs)
    }

    #[test]
    fn no_link_gives_the_lesson_defaults_silently() {
        let (read, messages) = read(&[]);
        assert_eq!(read, GradientCheckSettings::default());
        assert_eq!(read.h, 1e-5);
        assert!(messages.is_empty());
    }

    #[test]
    fn a_full_link_is_read_and_written_under_the_same_keys() {
        let (read, messages) = read(&[
            ("function", "relu"),
            ("precision", "f32"),
            ("h", "1e-3"),
            ("reg", "0"),
            ("examples", "7"),
            ("seed", "12"),
            ("bug-mean", "1"),
            ("bug-sign", "true"),
            ("bug-reg", "0"),
            ("row", "2"),
        ]);
        assert!(messages.is_empty(), "{messages:?}");
        assert_eq!(read.function, CheckFunction::Relu);
        assert_eq!(read.precision, Precision::Single);
        assert_eq!(
            (read.h, read.reg, read.n_examples, read.seed),
            (1e-3, 0.0, 7, 12)
        );
        assert!(read.bugs.dropped_mean && read.bugs.flipped_sign && !read.bugs.no_regularization);
        assert_eq!(read.selected_row, 2);
        let written = read.write();
        let keys: Vec<&str> = written.iter().map(|(key, _)| key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "function",
                "precision",
                "h",
                "reg",
                "examples",
                "seed",
                "bug-mean",
                "bug-sign",
                "bug-reg",
                "row"
            ]
        );
        assert_eq!(written[2].1, "1e-3");
        assert_eq!(written[3].1, "0e0");
        assert_eq!(written[6].1, "1");
        assert_eq!(written[8].1, "0");
    }

    #[test]
    fn a_regularization_below_the_off_notch_is_off_and_bad_values_are_said() {
        let (read, messages) = read(&[("reg", "1e-8"), ("h", "5"), ("function", "nope")]);
        assert_eq!(read.reg, 0.0);
        assert_eq!(read.h, 0.1);
        assert_eq!(read.function, CheckFunction::Softmax);
        assert_eq!(messages.len(), 2, "{messages:?}");
    }
}
