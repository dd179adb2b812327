//! The race's settings: what a lesson or a link may set, read with validation, and written back for
//! the address bar and copied links.
//!
//! Keys: `surface`, `preset`, `optimizers` (a list), `lr` (the step size of every racer), `speed`,
//! `start` (`x,y`), and per racer `<optimizer>.<hyperparameter>` such as `momentum.mu` or `adam.beta2`.

use super::model::{RaceModel, Racer};
use crate::number_text::parse_number;
use crate::settings::Settings;
use downhill_core::optimizers::{Hyperparameter, Hyperparameters, OptimizerKind};
use downhill_core::surfaces::SurfaceKind;
use downhill_core::trajectory::{Outcome, Trajectory};
use downhill_plots::race_style::{
    RACE_DEFAULTS, RACE_PRESETS, find_preset, suggested_learning_rate,
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

pub struct Initial {
    pub surface: SurfaceKind,
    pub racers: Vec<Racer>,
    pub learning_rate: f64,
    pub speed: usize,
    pub start: Option<[f64; 2]>,
}

pub fn read(settings: &Settings) -> Initial {
    let preset_names = RACE_PRESETS
        .iter()
        .map(|preset| preset.name)
        .collect::<Vec<_>>()
        .join(", ");
    let preset = settings.choice("preset", None, &preset_names, |name| {
        find_preset(name).map(Some)
    });
    let known_surfaces = SurfaceKind::ALL.map(|kind| kind.name()).join(", ");
    let default_surface = preset.map_or(SurfaceKind::BoundedSaddle, |preset| preset.surface);
    let surface = settings.choice("surface", default_surface, &known_surfaces, |name| {
        name.parse().ok()
    });
    let default_learning_rate = preset.map_or(suggested_learning_rate(surface), |preset| {
        preset.learning_rate
    });
    let learning_rate_range = range_of(Hyperparameter::LearningRate);
    let learning_rate = settings.number(
        "lr",
        learning_rate_range.min,
        learning_rate_range.max,
        default_learning_rate,
    );
    let speed = settings.count("speed", SPEED_RANGE.0, SPEED_RANGE.1, DEFAULT_SPEED);

    let enabled_kinds: Option<Vec<OptimizerKind>> = settings.list("optimizers").map(|names| {
        let mut kinds = Vec::new();
        for name in names {
            match name.parse::<OptimizerKind>() {
                Ok(kind) if !kinds.contains(&kind) => kinds.push(kind),
                Ok(_) => {}
                Err(_) => settings.note(format!(
                    "There is no optimizer called “{}”; it was left out.",
                    shorten(&name)
                )),
            }
        }
        kinds
    });
    let enabled_kinds = enabled_kinds
        .filter(|kinds| !kinds.is_empty())
        .or(preset.map(|preset| preset.optimizers.to_vec()));

    let racers = RACE_DEFAULTS
        .racers
        .iter()
        .map(|style| {
            let kind = style.kind;
            let mut hyperparameters = Hyperparameters::defaults_for(kind);
            hyperparameters.learning_rate = learning_rate;
            if let Some(mu) = preset.and_then(|preset| preset.mu) {
                hyperparameters.mu = mu;
            }
            for &hyperparameter in kind.hyperparameters() {
                let range = range_of(hyperparameter);
                let key = format!("{}.{}", kind.name(), hyperparameter.name());
                let value = settings.number(
                    &key,
                    range.min,
                    range.max,
                    hyperparameters.get(hyperparameter),
                );
                hyperparameters.set(hyperparameter, value);
            }
            let enabled = match &enabled_kinds {
                Some(kinds) => kinds.contains(&kind),
                None => style.enabled_by_default,
            };
            Racer {
                style: *style,
                enabled,
                hyperparameters,
                trajectory: empty_trajectory(),
                arrival: None,
            }
        })
        .collect();

    let start = settings.text("start").and_then(|text| {
        let parsed = parse_point(&text);
        if parsed.is_none() {
            settings
                .note("“start” must be two numbers as x,y; using the surface's start.".to_string());
        }
        parsed
    });
    Initial {
        surface,
        racers,
        learning_rate,
        speed,
        start,
    }
}

/// The settings that reproduce the race as it is now.
pub fn write(model: &RaceModel, speed: usize) -> Vec<(String, String)> {
    let mut pairs = vec![
        ("surface".to_string(), model.surface_kind.name().to_string()),
        (
            "optimizers".to_string(),
            model
                .enabled()
                .map(|racer| racer.style.kind.name())
                .collect::<Vec<_>>()
                .join(","),
        ),
        (
            "start".to_string(),
            format!("{:.4},{:.4}", model.start[0], model.start[1]),
        ),
        ("speed".to_string(), speed.to_string()),
    ];
    for racer in model.enabled() {
        for &hyperparameter in racer.style.kind.hyperparameters() {
            pairs.push((
                format!("{}.{}", racer.style.kind.name(), hyperparameter.name()),
                format!("{}", racer.hyperparameters.get(hyperparameter)),
            ));
        }
    }
    pairs
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

pub fn empty_trajectory() -> Trajectory {
    Trajectory {
        points: Vec::new(),
        losses: Vec::new(),
        outcome: Outcome::Completed { steps: 0 },
    }
}
