//! The one place the renderer learns which demos exist and how each looks without scripts.
//!
//! Both come from `downhill-plots`: the catalogue is the list the web crate mounts, so a lesson can
//! never name a demo the site does not have, and the still is a real run drawn at build time.

use downhill_plots::catalogue::{self, DemoInfo};

use crate::figures::svg;

/// The demo called `name`, if it exists.
pub fn find(name: &str) -> Option<&'static DemoInfo> {
    catalogue::find_demo(name)
}

/// Every demo name, for error messages.
pub fn names() -> Vec<&'static str> {
    catalogue::DEMOS.iter().map(|demo| demo.name).collect()
}

/// The still picture of a demo as inline SVG that scales to the column, or `None` when the demo has
/// no still yet (the page then shows the demo's description instead).
pub fn still_svg(name: &str) -> Option<String> {
    let info = find(name)?;
    let raw = downhill_plots::still::demo_still_svg(name)?;
    Some(svg::make_inline(
        &raw,
        "demo-still",
        &format!("{}: {}", info.title, info.description),
    ))
}
