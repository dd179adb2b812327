//! The learning-rate schedules demo's settings: the initial rate, each schedule's parameter (one
//! [`Knob`] each, with its slider's range) and the seed of the noise, read from the lesson and the
//! link with a polite message for each value that had to be corrected, and written back under the
//! same keys.
//!
//! A rate or decay constant is written with six decimals, and read to that precision too, so that
//! the demo's own link reads back exactly what was read from it.

use crate::format::format_number;
use crate::number_text::parse_number;
use crate::settings::{DemoSettings, Settings};
use downhill_plots::lr_schedules::{DEFAULTS, ScheduleSettings};

/// The largest seed a link may ask for.
pub(crate) const MAX_SEED: usize = 1_000_000_000;

/// One slider: which setting it moves, and how its position maps to the value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Knob {
    InitialRate,
    DropFactor,
    StepsPerDrop,
    ExponentialK,
    InverseTimeK,
}

impl Knob {
    pub(crate) const ALL: [Knob; 5] = [
        Knob::InitialRate,
        Knob::DropFactor,
        Knob::StepsPerDrop,
        Knob::ExponentialK,
        Knob::InverseTimeK,
    ];

    pub(crate) fn key(self) -> &'static str {
        match self {
            Knob::InitialRate => "lr",
            Knob::DropFactor => "drop",
            Knob::StepsPerDrop => "every",
            Knob::ExponentialK => "k-exp",
            Knob::InverseTimeK => "k-inv",
        }
    }

    pub(crate) fn label(self) -> &'static str {
        match self {
            Knob::InitialRate => "Initial learning rate α₀",
            Knob::DropFactor => "Step decay: factor per drop",
            Knob::StepsPerDrop => "Step decay: steps between drops",
            Knob::ExponentialK => "Exponential decay: k",
            Knob::InverseTimeK => "1/t decay: k",
        }
    }

    /// Whether the slider moves in powers of ten.
    fn logarithmic(self) -> bool {
        matches!(
            self,
            Knob::InitialRate | Knob::ExponentialK | Knob::InverseTimeK
        )
    }

    /// The allowed values (not slider positions).
    pub(crate) fn range(self) -> (f64, f64) {
        match self {
            Knob::InitialRate => (1e-3, 0.5),
            Knob::DropFactor => (0.1, 0.9),
            Knob::StepsPerDrop => (5.0, 300.0),
            Knob::ExponentialK => (1e-4, 1.0),
            Knob::InverseTimeK => (1e-3, 10.0),
        }
    }

    pub(crate) fn slider_step(self) -> f64 {
        match self {
            Knob::DropFactor => 0.05,
            Knob::StepsPerDrop => 5.0,
            _ => 0.01,
        }
    }

    /// The slider's position for a value.
    pub(crate) fn position(self, value: f64) -> f64 {
        if self.logarithmic() {
            value.log10()
        } else {
            value
        }
    }

    /// The value at a slider position, inside the range (a whole number of steps between drops).
    pub(crate) fn value_at(self, position: f64) -> f64 {
        let (low, high) = self.range();
        let value = if self.logarithmic() {
            10f64.powf(position)
        } else {
            position
        };
        let value = value.clamp(low, high);
        if self == Knob::StepsPerDrop {
            value.round()
        } else {
            value
        }
    }

    pub(crate) fn get(self, settings: &ScheduleSettings) -> f64 {
        match self {
            Knob::InitialRate => settings.initial_rate,
            Knob::DropFactor => settings.drop_factor,
            Knob::StepsPerDrop => settings.steps_per_drop as f64,
            Knob::ExponentialK => settings.exponential_k,
            Knob::InverseTimeK => settings.inverse_time_k,
        }
    }

    pub(crate) fn set(self, settings: &mut ScheduleSettings, value: f64) {
        match self {
            Knob::InitialRate => settings.initial_rate = value,
            Knob::DropFactor => settings.drop_factor = value,
            Knob::StepsPerDrop => settings.steps_per_drop = value.round() as usize,
            Knob::ExponentialK => settings.exponential_k = value,
            Knob::InverseTimeK => settings.inverse_time_k = value,
        }
    }

    /// The value as the slider shows it.
    pub(crate) fn shown(self, value: f64) -> String {
        match self {
            Knob::StepsPerDrop => format!("{value:.0}"),
            _ => format_number(value),
        }
    }

    /// The value as the link writes it.
    fn written(self, value: f64) -> String {
        match self {
            Knob::StepsPerDrop => format!("{value:.0}"),
            _ => format!("{value:.6}"),
        }
    }
}

impl DemoSettings for ScheduleSettings {
    fn read(settings: &Settings) -> ScheduleSettings {
        let mut schedule_settings = DEFAULTS;
        for knob in Knob::ALL {
            let (low, high) = knob.range();
            let value = settings.number(knob.key(), low, high, knob.get(&DEFAULTS));
            let value = knob.value_at(knob.position(value));
            // To the link's precision; the text is ours, so it always parses.
            let value = parse_number(&knob.written(value)).unwrap_or(value);
            knob.set(&mut schedule_settings, value);
        }
        schedule_settings.seed = settings.count("seed", 0, MAX_SEED, DEFAULTS.seed as usize) as u64;
        schedule_settings
    }

    fn write(&self) -> Vec<(String, String)> {
        let mut pairs: Vec<(String, String)> = Knob::ALL
            .iter()
            .map(|knob| (knob.key().to_string(), knob.written(knob.get(self))))
            .collect();
        pairs.push(("seed".to_string(), self.seed.to_string()));
        pairs
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::demos::hostile_links::{read_link, round_trip_property};
    use proptest::prelude::*;

    round_trip_property!(ScheduleSettings);

    proptest! {
        #![proptest_config(ProptestConfig {
            failure_persistence: None,
            ..ProptestConfig::default()
        })]

        #[test]
        fn every_slider_position_gives_a_value_in_its_range(position in -1e3..1e3_f64) {
            for knob in Knob::ALL {
                let (low, high) = knob.range();
                let value = knob.value_at(position);
                prop_assert!((low..=high).contains(&value), "{} = {value}", knob.key());
            }
        }
    }

    fn read(pairs: &[(&str, &str)]) -> (ScheduleSettings, Vec<String>) {
        read_link(pairs)
    }

    #[test]
    fn no_link_gives_the_defaults_and_a_link_is_read_to_six_decimals() {
        let (defaults, messages) = read(&[]);
        assert_eq!(defaults, DEFAULTS);
        assert!(messages.is_empty());
        let (read, messages) = read(&[
            ("lr", "0.02"),
            ("every", "30.4"),
            ("k-inv", "2"),
            ("k-exp", "0.0123456789"),
        ]);
        assert!(messages.is_empty(), "{messages:?}");
        assert_eq!(read.initial_rate, 0.02);
        assert_eq!(read.steps_per_drop, 30);
        assert_eq!(read.inverse_time_k, 2.0);
        assert_eq!(read.exponential_k, 0.012346);
    }

    #[test]
    fn the_link_is_written_under_the_keys_read_as_it_was_before() {
        let written = DEFAULTS.write();
        assert_eq!(
            written,
            [
                ("lr", "0.100000"),
                ("drop", "0.500000"),
                ("every", "60"),
                ("k-exp", "0.010000"),
                ("k-inv", "0.050000"),
                ("seed", "7"),
            ]
            .map(|(key, value)| (key.to_string(), value.to_string()))
        );
    }

    #[test]
    fn bad_values_fall_back_or_are_clamped_with_a_message() {
        let (read, messages) = read(&[("lr", "0.9"), ("drop", "abc")]);
        assert_eq!(read.initial_rate, 0.5);
        assert_eq!(read.drop_factor, DEFAULTS.drop_factor);
        assert_eq!(messages.len(), 2, "{messages:?}");
        for knob in Knob::ALL {
            let (low, high) = knob.range();
            for end in [low, high] {
                let again = knob.value_at(knob.position(end));
                assert!(
                    (again - end).abs() <= 1e-12 * end,
                    "{} {end} {again}",
                    knob.key()
                );
            }
        }
        assert_eq!(Knob::StepsPerDrop.shown(30.0), "30");
    }
}
