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
///
/// The still follows the lesson's settings (a race on the ravine shows the ravine), so the symbol's
/// id is made from the name and the settings: equal demos share one symbol, different ones do not.
pub fn still_symbol(name: &str, settings: &[(String, String)]) -> Option<(String, String)> {
    find(name)?;
    let raw = downhill_plots::still::demo_still_svg_for(name, settings)?;
    Some(svg::make_symbol(&raw, &still_id(name, settings)))
}

/// The id of a demo's still symbol on a page: the name and a hash (FNV-1a) of its settings.
pub fn still_id(name: &str, settings: &[(String, String)]) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for (key, value) in settings {
        for byte in key.bytes().chain([b'=']).chain(value.bytes()).chain([b';']) {
            hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
        }
    }
    format!("still-{name}-{hash:08x}")
}

/// The lesson's settings of a demo as `key = value` text pairs, lists joined with commas: the form
/// the stills read.
pub fn settings_as_text(
    settings: &std::collections::BTreeMap<String, toml::Value>,
) -> Vec<(String, String)> {
    settings
        .iter()
        .map(|(key, value)| {
            let text = match value {
                toml::Value::String(text) => text.clone(),
                toml::Value::Array(items) => items
                    .iter()
                    .map(|item| {
                        item.as_str()
                            .map(str::to_string)
                            .unwrap_or_else(|| item.to_string())
                    })
                    .collect::<Vec<_>>()
                    .join(","),
                other => other.to_string(),
            };
            (key.clone(), text)
        })
        .collect()
}

/// What a figure shows in place of the demo `info` when the still symbol `id` has `view_box`.
pub fn still_use(info: &DemoInfo, id: &str, view_box: &str) -> String {
    svg::use_symbol(
        id,
        view_box,
        "demo-still",
        &format!("{}: {}", info.title, info.description),
    )
}
