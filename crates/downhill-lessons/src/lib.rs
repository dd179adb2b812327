//! Turns `lessons/*.md` into the site's HTML pages.
//!
//! A lesson goes through [`lesson`] (file name and front matter), [`markdown`] (the parser and the
//! stages in [`stages`]: code includes and highlighting, demos, figures, outputs, headings, math),
//! and [`layout`] (the page frame). [`site`] renders all of them and runs [`validate`]'s checks on
//! the whole site: links, anchors and the content policy. Every language listed in [`languages`]
//! is rendered the same way with its own frame words ([`site_text`]), after [`parity`] has checked
//! that its lessons match the English ones.

pub mod credits;
pub mod demo_strings;
pub mod demos;
pub mod error;
pub mod figures;
pub mod front_matter;
pub mod highlight;
pub mod html;
pub mod html_scan;
pub mod languages;
pub mod layout;
pub mod lesson;
pub mod markdown;
pub mod outputs;
pub mod parity;
pub mod resources;
pub mod site;
pub mod site_text;
pub mod stages;
pub mod validate;
pub mod wasm_module;

pub use error::{Errors, LessonError};
pub use site::{Site, render_site, render_site_for_build, write_site};
pub use wasm_module::WasmModule;
