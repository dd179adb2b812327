//! The race's settings, DOM-free: what a lesson or a link may set, read with validation (a bad
//! value falls back with a polite message), and written back for the address bar and copied links.
//!
//! Keys: `surface`, `preset`, `optimizers` (a list), `lr` (the step size of every racer), `speed`,
//! `start` (`x,y`), and per racer `<optimizer>.<hyperparameter>` such as `momentum.mu` or `adam.beta2`.
//! A preset is read, never written: what it chose (surface, racers, step size, momentum) is written
//! under its own keys instead.

use crate::kit::strings::{self, fill};
use crate::number_text::{exact_number_text, parse_number};
use crate::settings::{DemoSettings, Settings};
use downhill_core::optimizers::{Hyperparameter, Hyperparameters, OptimizerKind};
use downhill_core::surfaces::SurfaceKind;
use downhill_plots::race_style::{
    RACE_DEFAULTS, RACE_PRESETS, RacePreset, find_preset, suggested_learning_rate,
};

/// Steps per frame: 1 is slow enough to follow one step at a time, 20 plays the race in under a second.
pub const SPEED_RANGE: (usize, usize) = (1, 20);
pub const DEFAULT_SPEED: usize = 2;

/// The slider range of each hyperparameter; `log` sliders move in powers of ten.
pub struct HyperparameterRange {
    pub min: f64,
    pub max: f64,
    pub log: bool,
}

pub fn range_of(hyperparameter: Hyperparameter) -> HyperparameterRange {
    match hyperparameter {
        Hyperparameter::LearningRate => HyperparameterRange {
            min: 1e-4,
            max: 1.0,
            log: true,
        },
        Hyperparameter::Mu | Hyperparameter::Beta1 => HyperparameterRange {
            min: 0.0,
            max: 0.999,
            log: false,
        },
        Hyperparameter::DecayRate => HyperparameterRange {
            min: 0.0,
            max: 0.999,
            log: false,
        },
        Hyperparameter::Beta2 => HyperparameterRange {
            min: 0.9,
            max: 0.9999,
            log: false,
        },
        Hyperparameter::Eps => HyperparameterRange {
            min: 1e-10,
            max: 1.0,
            log: true,
        },
    }
}

/// One racer as the settings know it: switched on or not, and its hyperparameters.
#[derive(Debug, Clone, PartialEq)]
pub struct RacerSettings {
    pub kind: OptimizerKind,
    pub enabled: bool,
    /// The optimizer's own hyperparameters as set; the fields it does not read keep their defaults
    /// (and the race's step size), so two equal races have equal settings.
    pub hyperparameters: Hyperparameters,
}

/// Everything that makes a race: read from the lesson and the link, written from the live race.
#[derive(Debug, Clone, PartialEq)]
pub struct RaceSettings {
    pub surface: SurfaceKind,
    /// The race-wide step size: the slider's value, and every racer's step size unless the racer
    /// sets its own.
    pub learning_rate: f64,
    /// Steps shown per animation frame.
    pub speed: usize,
    /// Where the racers start, inside the surface's picture; `None` for the surface's own start.
    pub start: Option<[f64; 2]>,
    /// One per racer of [`RACE_DEFAULTS`], in its order.
    pub racers: Vec<RacerSettings>,
}

impl DemoSettings for RaceSettings {
    fn read(source: &Settings) -> RaceSettings {
        let preset = read_preset(source);
        let known_surfaces = SurfaceKind::ALL.map(|kind| kind.name()).join(", ");
        let default_surface = preset.map_or(SurfaceKind::BoundedSaddle, |preset| preset.surface);
        let surface = source.choice("surface", default_surface, &known_surfaces, |name| {
            name.parse().ok()
        });
        let default_learning_rate = preset.map_or(suggested_learning_rate(surface), |preset| {
            preset.learning_rate
        });
        let learning_rate_range = range_of(Hyperparameter::LearningRate);
        let learning_rate = source.number(
            "lr",
            learning_rate_range.min,
            learning_rate_range.max,
            default_learning_rate,
        );
        let speed = source.count("speed", SPEED_RANGE.0, SPEED_RANGE.1, DEFAULT_SPEED);
        let enabled_kinds = read_optimizers(source)
            .filter(|kinds| !kinds.is_empty())
            .or(preset.map(|preset| preset.optimizers.to_vec()));
        let racers = RACE_DEFAULTS
            .racers
            .iter()
            .map(|style| {
                let kind = style.kind;
                let mut hyperparameters = default_hyperparameters(kind, learning_rate);
                if let Some(mu) = preset.and_then(|preset| preset.mu)
                    && kind.hyperparameters().contains(&Hyperparameter::Mu)
                {
                    hyperparameters.mu = mu;
                }
                for &hyperparameter in kind.hyperparameters() {
                    let range = range_of(hyperparameter);
                    let value = source.number(
                        &racer_key(kind, hyperparameter),
                        range.min,
                        range.max,
                        hyperparameters.get(hyperparameter),
                    );
                    hyperparameters.set(hyperparameter, value);
                }
                RacerSettings {
                    kind,
                    enabled: match &enabled_kinds {
                        Some(kinds) => kinds.contains(&kind),
                        None => style.enabled_by_default,
                    },
                    hyperparameters,
                }
            })
            .collect();
        RaceSettings {
            surface,
            learning_rate,
            speed,
            start: read_start(source, surface),
            racers,
        }
    }

    /// The pairs that reproduce the race: every enabled racer's hyperparameters, and a switched-off
    /// racer's only where they differ from what reading would give it anyway.
    fn write(&self) -> Vec<(String, String)> {
        let mut pairs = vec![
            ("surface".to_string(), self.surface.name().to_string()),
            ("lr".to_string(), exact_number_text(self.learning_rate)),
            (
                "optimizers".to_string(),
                self.racers
                    .iter()
                    .filter(|racer| racer.enabled)
                    .map(|racer| racer.kind.name())
                    .collect::<Vec<_>>()
                    .join(","),
            ),
        ];
        if let Some([x, y]) = self.start {
            pairs.push((
                "start".to_string(),
                format!("{},{}", exact_number_text(x), exact_number_text(y)),
            ));
        }
        pairs.push(("speed".to_string(), self.speed.to_string()));
        for racer in &self.racers {
            let defaults = default_hyperparameters(racer.kind, self.learning_rate);
            for &hyperparameter in racer.kind.hyperparameters() {
                let value = racer.hyperparameters.get(hyperparameter);
                if racer.enabled || value != defaults.get(hyperparameter) {
                    pairs.push((
                        racer_key(racer.kind, hyperparameter),
                        exact_number_text(value),
                    ));
                }
            }
        }
        pairs
    }
}

/// A racer's hyperparameters before the lesson or the link set any: the optimizer's defaults at
/// the race's step size.
fn default_hyperparameters(kind: OptimizerKind, learning_rate: f64) -> Hyperparameters {
    let mut hyperparameters = Hyperparameters::defaults_for(kind);
    hyperparameters.learning_rate = learning_rate;
    hyperparameters
}

/// The key of one racer's hyperparameter, such as `adam.beta2`.
fn racer_key(kind: OptimizerKind, hyperparameter: Hyperparameter) -> String {
    format!("{}.{}", kind.name(), hyperparameter.name())
}

fn read_preset(source: &Settings) -> Option<&'static RacePreset> {
    let preset_names = RACE_PRESETS
        .iter()
        .map(|preset| preset.name)
        .collect::<Vec<_>>()
        .join(", ");
    source.choice("preset", None, &preset_names, |name| {
        find_preset(name).map(Some)
    })
}

/// The optimizers a lesson or link names, each once, unknown names left out with a message.
fn read_optimizers(source: &Settings) -> Option<Vec<OptimizerKind>> {
    source.list("optimizers").map(|names| {
        let mut kinds = Vec::new();
        for name in names {
            match name.parse::<OptimizerKind>() {
                Ok(kind) if !kinds.contains(&kind) => kinds.push(kind),
                Ok(_) => {}
                Err(_) => source.note(fill(
                    "saddle-race.unknown_optimizer",
                    &[("name", &shorten(&name))],
                )),
            }
        }
        kinds
    })
}

/// The start a lesson or link sets, kept inside the surface's picture (so it can be seen and
/// dragged back), with a message when it was moved or could not be read.
fn read_start(source: &Settings, surface: SurfaceKind) -> Option<[f64; 2]> {
    let text = source.text("start")?;
    let Some(asked) = parse_point(&text) else {
        source.note(strings::text("saddle-race.bad_start"));
        return None;
    };
    let view = surface.build().view();
    let start = [
        asked[0].clamp(view.x_min, view.x_max),
        asked[1].clamp(view.y_min, view.y_max),
    ];
    if start != asked {
        source.note(fill(
            "saddle-race.start_moved",
            &[
                ("x", &format!("{:.2}", start[0])),
                ("y", &format!("{:.2}", start[1])),
            ],
        ));
    }
    Some(start)
}

fn parse_point(text: &str) -> Option<[f64; 2]> {
    let (x, y) = text.split_once(',')?;
    let x = parse_number(x)?;
    let y = parse_number(y)?;
    (x.is_finite() && y.is_finite()).then_some([x, y])
}

/// At most 24 characters of a name from a URL, for a message.
fn shorten(name: &str) -> String {
    name.chars().take(24).collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    //! The round trip of every hostile link, and what a few plain links read as.

    use super::*;
    use crate::demos::hostile_links::{read_link, round_trip_property};

    fn read(pairs: &[(&str, &str)]) -> (RaceSettings, Vec<String>) {
        read_link::<RaceSettings>(pairs)
    }

    round_trip_property!(RaceSettings);

    fn racer(settings: &RaceSettings, kind: OptimizerKind) -> &RacerSettings {
        settings
            .racers
            .iter()
            .find(|racer| racer.kind == kind)
            .expect("every optimizer races")
    }

    #[test]
    fn no_link_gives_the_lessons_race() {
        let (settings, messages) = read(&[]);
        assert!(messages.is_empty(), "{messages:?}");
        assert_eq!(settings.surface, SurfaceKind::BoundedSaddle);
        assert_eq!(settings.speed, DEFAULT_SPEED);
        assert_eq!(settings.start, None);
        let enabled: Vec<bool> = settings.racers.iter().map(|racer| racer.enabled).collect();
        let by_default: Vec<bool> = RACE_DEFAULTS
            .racers
            .iter()
            .map(|style| style.enabled_by_default)
            .collect();
        assert_eq!(enabled, by_default);
    }

    #[test]
    fn a_preset_is_written_as_what_it_chose() {
        let (settings, _) = read(&[("preset", "ukrainian-momentum")]);
        let momentum = racer(&settings, OptimizerKind::Momentum);
        assert!(momentum.enabled);
        assert_eq!(momentum.hyperparameters.mu, 0.99);
        assert_eq!(settings.learning_rate, 0.02);
        let written = settings.write();
        assert!(
            written.iter().all(|(key, _)| key != "preset"),
            "{written:?}"
        );
        assert!(written.contains(&("momentum.mu".to_string(), "0.99".to_string())));
        // Nesterov is switched off but keeps the preset's momentum, so the link says so.
        let nesterov = racer(&settings, OptimizerKind::Nesterov);
        if !nesterov.enabled {
            assert!(written.contains(&("nesterov.mu".to_string(), "0.99".to_string())));
        }
    }

    #[test]
    fn a_start_outside_the_picture_is_moved_inside_and_said() {
        let (settings, messages) = read(&[("surface", "bowl"), ("start", "1e300,-1e300")]);
        let view = SurfaceKind::Bowl.build().view();
        assert_eq!(settings.start, Some([view.x_max, view.y_min]));
        assert_eq!(messages.len(), 1, "{messages:?}");
        let (settings, messages) = read(&[("start", "nope")]);
        assert_eq!(settings.start, None);
        assert_eq!(messages.len(), 1, "{messages:?}");
    }

    #[test]
    fn a_racers_own_setting_beats_the_race_wide_step_size() {
        let (settings, messages) = read(&[("lr", "0.1"), ("adam.learning_rate", "0.2")]);
        assert!(messages.is_empty(), "{messages:?}");
        assert_eq!(settings.learning_rate, 0.1);
        assert_eq!(
            racer(&settings, OptimizerKind::Adam)
                .hyperparameters
                .learning_rate,
            0.2
        );
        assert_eq!(
            racer(&settings, OptimizerKind::Sgd)
                .hyperparameters
                .learning_rate,
            0.1
        );
    }
}
