//! The race's racers and colours, shared by the live demo and its still so the two always agree
//! (the swatches in www/demos.css repeat these colours).

use downhill_core::optimizers::OptimizerKind;
use plotters::style::RGBColor;

/// One racer: which optimizer, its path colour, the CSS class suffix of its legend swatch, and
/// whether it races when a lesson does not say which optimizers to show.
#[derive(Debug, Clone, Copy)]
pub struct RacerStyle {
    pub kind: OptimizerKind,
    pub colour: RGBColor,
    pub class: &'static str,
    pub enabled_by_default: bool,
}

/// What the race starts with.
#[derive(Debug, Clone, Copy)]
pub struct RaceDefaults {
    pub racers: &'static [RacerStyle],
    /// One step size for every racer: the race compares update rules, not tuning.
    pub learning_rate: f64,
    /// Steps drawn in the still: enough for momentum to roll over the bumpy surface's first dip
    /// (it settles near step 350 at the race's step size) and to show who escapes the saddle first.
    pub still_steps: usize,
}

/// Colours chosen to read on every part of the viridis heatmap (each path also gets a dark casing)
/// and to stay apart for the common forms of colour blindness: they differ in lightness as well as hue.
pub const RACE_DEFAULTS: RaceDefaults = RaceDefaults {
    racers: &[
        RacerStyle {
            kind: OptimizerKind::Sgd,
            colour: RGBColor(255, 99, 99),
            class: "sgd",
            enabled_by_default: true,
        },
        RacerStyle {
            kind: OptimizerKind::Momentum,
            colour: RGBColor(255, 176, 59),
            class: "momentum",
            enabled_by_default: true,
        },
        RacerStyle {
            kind: OptimizerKind::Nesterov,
            colour: RGBColor(247, 131, 172),
            class: "nesterov",
            enabled_by_default: false,
        },
        RacerStyle {
            kind: OptimizerKind::Adagrad,
            colour: RGBColor(140, 233, 154),
            class: "adagrad",
            enabled_by_default: false,
        },
        RacerStyle {
            kind: OptimizerKind::RmsProp,
            colour: RGBColor(92, 200, 255),
            class: "rmsprop",
            enabled_by_default: true,
        },
        RacerStyle {
            kind: OptimizerKind::Adam,
            colour: RGBColor(255, 255, 255),
            class: "adam",
            enabled_by_default: true,
        },
        RacerStyle {
            kind: OptimizerKind::Newton,
            colour: RGBColor(190, 160, 255),
            class: "newton",
            enabled_by_default: false,
        },
    ],
    learning_rate: 0.05,
    still_steps: 400,
};

/// The common step size a race starts with on each surface: the largest of 0.001, 0.003, 0.01, 0.03
/// and 0.05 at which plain SGD, momentum and Nesterov do not diverge within 1,000 steps from the
/// surface's default start (measured with `downhill run --steps 1000 --lr ...`), except on the
/// unbounded saddle, where escaping to infinity is the point and 0.01 shows it at a watchable pace.
pub fn suggested_learning_rate(surface: downhill_core::surfaces::SurfaceKind) -> f64 {
    use downhill_core::surfaces::SurfaceKind;
    match surface {
        SurfaceKind::Bowl
        | SurfaceKind::BoundedSaddle
        | SurfaceKind::Bumpy
        | SurfaceKind::Ravine => 0.05,
        SurfaceKind::Saddle | SurfaceKind::Beale | SurfaceKind::Himmelblau => 0.01,
        SurfaceKind::Rosenbrock => 0.001,
    }
}

/// A named starting point for the race that a lesson can ask for with `preset = "..."`.
#[derive(Debug, Clone, Copy)]
pub struct RacePreset {
    pub name: &'static str,
    pub surface: downhill_core::surfaces::SurfaceKind,
    pub optimizers: &'static [OptimizerKind],
    pub learning_rate: f64,
    /// The momentum of the racers that have one, when the preset sets it.
    pub mu: Option<f64>,
}

/// The Ukrainian lecture's settings, step size 0.02 and momentum 0.99, on our ill-conditioned
/// quadratic (the slides do not say which function their run minimizes).
pub const RACE_PRESETS: &[RacePreset] = &[RacePreset {
    name: "ukrainian-momentum",
    surface: downhill_core::surfaces::SurfaceKind::Ravine,
    optimizers: &[OptimizerKind::Sgd, OptimizerKind::Momentum],
    learning_rate: 0.02,
    mu: Some(0.99),
}];

pub fn find_preset(name: &str) -> Option<&'static RacePreset> {
    RACE_PRESETS.iter().find(|preset| preset.name == name)
}
