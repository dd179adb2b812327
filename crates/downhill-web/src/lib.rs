//! Mounts Downhill's demos on the lesson pages.
//!
//! The page is plain HTML that reads well without scripts: each demo is a `<figure data-demo=NAME>`
//! holding a still picture and a caption. `www/boot.js` loads this module on pages that have such a
//! figure and calls [`mount_when_near`], which replaces each still with the live demo as it comes
//! near the screen. This crate only draws and listens: every number it shows comes from
//! `downhill-core`.

#[cfg(feature = "bench-entry-points")]
mod bench;
mod demos;
mod digits;
mod format;
mod frame_work;
mod kit;
mod number_text;
mod panic_box;
mod settings;
mod timing;

pub use kit::mount::{mount_all, mount_when_near};
// For the wasm tests, which put the English strings into their page as the renderer would.
#[doc(hidden)]
pub use kit::strings::read_strings_file;
