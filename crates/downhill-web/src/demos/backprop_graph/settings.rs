//! The backprop graph's settings: which graph, the value of each input and how many steps of the
//! two passes are shown. Read from the lesson and the link, each bad value replaced with a polite
//! message; written back under the same keys.

use crate::kit::strings;
use crate::number_text::{exact_number_text, parse_number};
use crate::settings::{DemoSettings, Settings};
use downhill_core::backprop_graph::presets::Preset;
use downhill_core::backprop_graph::steps::Schedule;

/// Every input lies in [-VALUE_LIMIT, VALUE_LIMIT]: the sliders' range, and the fields'.
pub(crate) const VALUE_LIMIT: f64 = 10.0;

/// Everything the reader chose: what the URL records.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct BackpropSettings {
    pub(crate) preset: Preset,
    /// One value per input of the preset's graph.
    pub(crate) values: Vec<f64>,
    /// How many steps of the forward and backward passes are shown (0 to the schedule's last).
    pub(crate) step: usize,
}

impl BackpropSettings {
    /// A preset at its own inputs with both passes shown.
    pub(crate) fn of(preset: Preset) -> BackpropSettings {
        BackpropSettings {
            preset,
            values: preset.inputs(),
            step: Schedule::of(&preset.graph()).last(),
        }
    }
}

impl Default for BackpropSettings {
    fn default() -> BackpropSettings {
        // The lesson's graph, with nothing computed yet: the reader steps through it.
        let mut settings = BackpropSettings::of(Preset::Lesson);
        settings.step = 0;
        settings
    }
}

impl DemoSettings for BackpropSettings {
    fn read(settings: &Settings) -> BackpropSettings {
        let names = Preset::ALL.map(Preset::name).join(", ");
        let preset = settings.choice("preset", Preset::Lesson, &names, Preset::from_name);
        let mut values = preset.inputs();
        if let Some(texts) = settings.list("at") {
            if texts.len() != values.len() {
                settings.note(strings::fill(
                    "backprop-graph.wrong_value_count",
                    &[("n", &values.len().to_string())],
                ));
            }
            for (value, text) in values.iter_mut().zip(&texts) {
                match parse_number(text.trim()) {
                    Some(read) if read.is_finite() && read.abs() <= VALUE_LIMIT => *value = read,
                    _ => settings.note(strings::fill(
                        "backprop-graph.bad_value",
                        &[("limit", &exact_number_text(VALUE_LIMIT))],
                    )),
                }
            }
        }
        let last = Schedule::of(&preset.graph()).last();
        let step = settings.count("step", 0, last, 0);
        BackpropSettings {
            preset,
            values,
            step,
        }
    }

    fn write(&self) -> Vec<(String, String)> {
        let values: Vec<String> = self
            .values
            .iter()
            .map(|value| exact_number_text(*value))
            .collect();
        vec![
            ("preset".to_string(), self.preset.name().to_string()),
            ("at".to_string(), values.join(",")),
            ("step".to_string(), self.step.to_string()),
        ]
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::demos::hostile_links::{read_link, round_trip_property};

    round_trip_property!(BackpropSettings);

    fn read(pairs: &[(&str, &str)]) -> (BackpropSettings, Vec<String>) {
        read_link(pairs)
    }

    #[test]
    fn no_link_opens_the_lessons_graph_before_the_first_step() {
        let (read, messages) = read(&[]);
        assert_eq!(read, BackpropSettings::default());
        assert_eq!(read.values, vec![-2.0, 5.0, -4.0]);
        assert_eq!(read.step, 0);
        assert!(messages.is_empty(), "{messages:?}");
    }

    #[test]
    fn a_full_link_is_read_and_written_back() {
        let (read, messages) = read(&[("preset", "branches"), ("at", "0.5,-3"), ("step", "4")]);
        assert!(messages.is_empty(), "{messages:?}");
        assert_eq!(read.preset, Preset::Branches);
        assert_eq!(read.values, vec![0.5, -3.0]);
        assert_eq!(read.step, 4);
        assert_eq!(
            read.write(),
            vec![
                ("preset".to_string(), "branches".to_string()),
                ("at".to_string(), "0.5,-3".to_string()),
                ("step".to_string(), "4".to_string()),
            ]
        );
    }

    #[test]
    fn bad_values_keep_the_presets_and_are_said() {
        let (read, messages) = read(&[("at", "1,NaN,99,4"), ("step", "1000")]);
        assert_eq!(read.values, vec![1.0, 5.0, -4.0]);
        assert_eq!(read.step, 7);
        // Four values for three inputs, NaN and 99 (one message, said once), the step past the end.
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[1].contains("between -10 and 10"), "{messages:?}");
    }
}
