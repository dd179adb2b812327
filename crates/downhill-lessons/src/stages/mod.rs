//! The stages of the Markdown pipeline, each a function from one document to the next.
//!
//! See [`crate::markdown::render_body`] for their order and why.

pub mod fences;
pub mod headings;
pub mod includes;
pub mod leftovers;
pub mod links;
pub mod math;
pub mod outputs;
pub mod tables;
