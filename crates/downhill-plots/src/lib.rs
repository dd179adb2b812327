//! Figures drawn with plotters, generic over the drawing backend, so the same function draws on a
//! canvas in the browser (through `plotters-canvas`) and into SVG at build time or in a native test.
//!
//! Per-pixel layers (the landscape heatmaps) are not drawn through plotters at all: they are RGBA
//! buffers, see [`heatmap`], because one plotters rectangle per cell is far too slow for a frame.
//!
//! Two rules keep the wasm small. Every figure draws through [`any_backend::AnyBackend`], so it is
//! compiled once. Fonts are named `FontFamily::SansSerif`, never `"sans-serif"`: plotters turns a
//! family name into a family with `to_lowercase`, which links Unicode's case tables into the module.

pub mod any_backend;
pub mod backprop_graph;
pub mod catalogue;
pub mod chart_style;
pub mod contrast;
pub mod digits_stills;
pub mod gradient_check;
pub mod heatmap;
pub mod hiker;
pub mod hyperparameter_search;
pub mod loss_plot;
pub mod lr_schedules;
pub mod minibatch_noise;
pub mod paths;
pub mod race_style;
pub mod step_size;
pub mod still;
pub mod tick_labels;
pub mod training_dashboard;
