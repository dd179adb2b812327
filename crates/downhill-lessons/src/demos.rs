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

/// The still picture of a demo as an SVG `<symbol>` with the id [`still_id`], and its `viewBox`, or
/// `None` when the demo has no still yet (the page then shows the demo's description instead).
///
/// A page can hold the same demo several times (five saddle races in the lesson on parameter
/// updates); the still is the same for all of them, so the page carries it once as a symbol and
/// each figure shows it with `<use>`.
pub fn still_symbol(name: &str) -> Option<(String, String)> {
    find(name)?;
    let raw = downhill_plots::still::demo_still_svg(name)?;
    Some(svg::make_symbol(&raw, &still_id(name)))
}

/// The id of a demo's still symbol on a page.
pub fn still_id(name: &str) -> String {
    format!("still-{name}")
}

/// What a figure shows in place of the demo `info` when the still symbol has `view_box`.
pub fn still_use(info: &DemoInfo, view_box: &str) -> String {
    svg::use_symbol(
        &still_id(info.name),
        view_box,
        "demo-still",
        &format!("{}: {}", info.title, info.description),
    )
}
