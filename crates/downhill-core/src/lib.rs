//! The mathematics behind every number on the Downhill site: loss surfaces, linear classifiers,
//! numerical and analytic gradients, optimizers, learning-rate schedules and searches.
//!
//! This crate knows nothing of the web and does no I/O, so it builds unchanged for the host (tests, the
//! `downhill` command-line tool, the lesson renderer) and for wasm32 (the site's demos).

pub mod annealing;
pub mod arrival;
pub mod backprop_graph;
pub mod classifiers;
pub mod data;
pub mod expression;
pub mod gradient;
pub mod gradient_cloud;
pub mod landscape;
pub mod live_training;
pub mod minibatch;
pub mod objective;
pub mod optimizers;
pub mod rng;
pub mod schedules;
pub mod search;
pub mod short_sort;
pub mod step_size_demos;
pub mod surfaces;
pub mod training;
pub mod trajectory;
