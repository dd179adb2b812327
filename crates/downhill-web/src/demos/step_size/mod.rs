//! The step-size demos: the one-step sweep on the digits ([`sweep`]), gradient-descent paths for
//! several step sizes on a 2-D surface ([`paths`]) and learning curves for four learning rates on the
//! digits ([`curves`]). [`common`] holds what the three share.

mod common;
pub mod curves;
pub mod paths;
pub mod sweep;
