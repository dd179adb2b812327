//! The step-size demos: the one-step sweep on the digits ([`sweep`]), gradient-descent paths for
//! several step sizes on a 2-D surface ([`paths`]) and learning curves for four learning rates on the
//! digits ([`curves`]). Each is a folder of settings, model and view; [`common`] holds what the
//! three share, and [`link_numbers`] how they write numbers into a link.

mod common;
pub mod curves;
mod link_numbers;
pub mod paths;
pub mod sweep;
