//! The step-size demos: the one-step sweep on the digits ([`sweep`]), gradient-descent paths for
//! several step sizes on a 2-D surface ([`paths`]) and learning curves for four learning rates on the
//! digits ([`curves`]). Each is a folder of settings, model and view built on the kit; [`common`]
//! holds what the three share beyond the kit, [`digits_chart`] what the two on the digits share,
//! and [`link_numbers`] how they write numbers into a link.

mod common;
pub mod curves;
mod digits_chart;
mod link_numbers;
pub mod paths;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod settings_tests;
pub mod sweep;
