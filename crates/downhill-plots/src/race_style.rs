//! The race's racers and colours, shared by the live demo and its still so the two always agree
//! (and the swatches in www/demos.css repeat these colours).

use downhill_core::optimizers::OptimizerKind;
use plotters::style::RGBColor;

/// One racer: which optimizer, its path colour, and the CSS class suffix of its legend swatch.
#[derive(Debug, Clone, Copy)]
pub struct RacerStyle {
    pub kind: OptimizerKind,
    pub colour: RGBColor,
    pub class: &'static str,
}

/// What the race starts with.
#[derive(Debug, Clone, Copy)]
pub struct RaceDefaults {
    pub racers: &'static [RacerStyle],
    pub learning_rate: f64,
    /// Steps drawn in the still: enough to show who escapes the saddle first.
    pub still_steps: usize,
}

/// Colours chosen to read on every part of the viridis heatmap (each path also gets a dark casing).
pub const RACE_DEFAULTS: RaceDefaults = RaceDefaults {
    racers: &[
        RacerStyle {
            kind: OptimizerKind::Sgd,
            colour: RGBColor(255, 99, 99),
            class: "sgd",
        },
        RacerStyle {
            kind: OptimizerKind::Momentum,
            colour: RGBColor(255, 176, 59),
            class: "momentum",
        },
        RacerStyle {
            kind: OptimizerKind::RmsProp,
            colour: RGBColor(92, 200, 255),
            class: "rmsprop",
        },
        RacerStyle {
            kind: OptimizerKind::Adam,
            colour: RGBColor(255, 255, 255),
            class: "adam",
        },
    ],
    learning_rate: 0.05,
    still_steps: 150,
};
