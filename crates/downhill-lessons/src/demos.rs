//! The one place the renderer learns which demos exist and how each looks without scripts.
//!
//! Both come from `downhill-plots`: the catalogue is the list the web crate mounts, so a lesson can
//! never name a demo the site does not have, and the still is a real run drawn at build time (the
//! digits demos' on the digits data the renderer already reads for its outputs).

use downhill_plots::catalogue::{DemoInfo, DemoKind};
use downhill_plots::digits_stills;

use crate::html::escape;
use crate::resources::Resources;

/// The demo called `name`, if it exists.
pub fn find(name: &str) -> Option<DemoKind> {
    DemoKind::from_name(name)
}

/// Every demo name, for error messages.
pub fn names() -> Vec<&'static str> {
    DemoKind::ALL.iter().map(|kind| kind.name()).collect()
}

/// The folder of the site, relative to its root, that holds the demo stills.
pub const STILLS_DIR: &str = "stills";

/// A demo's still picture: an SVG file the page shows with `<img>`, in a light version and, where
/// the demo has a dark look, a dark one the browser picks for readers who prefer a dark scheme.
///
/// Stills are separate files rather than inline SVG so a page stays light (five races on one page
/// were most of its weight) and the browser caches each picture once for every page showing it.
/// A picture loaded as an image does not inherit the page's colours, so each file carries its own
/// background and text colours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Still {
    /// The file name without its extension: the demo's name and a hash of its settings.
    pub id: String,
    pub light_svg: String,
    pub dark_svg: Option<String>,
}

impl Still {
    /// The path of the light file, relative to the site root.
    pub fn light_path(&self) -> String {
        format!("{STILLS_DIR}/{}.svg", self.id)
    }

    /// The path of the dark file, relative to the site root, if there is one.
    pub fn dark_path(&self) -> Option<String> {
        self.dark_svg
            .as_ref()
            .map(|_| format!("{STILLS_DIR}/{}-dark.svg", self.id))
    }

    /// Every file of the still as `(path relative to the site root, contents)`.
    pub fn files(&self) -> Vec<(String, &str)> {
        let mut files = vec![(self.light_path(), self.light_svg.as_str())];
        if let (Some(path), Some(svg)) = (self.dark_path(), &self.dark_svg) {
            files.push((path, svg.as_str()));
        }
        files
    }
}

/// The still of demo `kind` as a lesson sets it up, or `None` when the demo has no still (the page
/// then shows the demo's description instead). Stills of the digits demos run real training, so
/// each is computed once per build; an error says why a still could not be drawn.
pub fn still(
    kind: DemoKind,
    settings: &[(String, String)],
    resources: &Resources,
) -> Result<Option<Still>, String> {
    let name = kind.name();
    let id = still_id(kind, settings);
    if !digits_stills::needs_digits(kind) {
        return Ok(
            downhill_plots::still::demo_still_svg_for(kind, settings).map(|light_svg| Still {
                id,
                light_svg,
                dark_svg: downhill_plots::still::demo_dark_still_svg(kind),
            }),
        );
    }
    if let Some((key, _)) = settings.first() {
        // The still would silently show the defaults while the live demo shows the lesson's run.
        return Err(format!(
            "the still of `{name}` draws the demo's defaults only, so a lesson cannot set `{key}` yet \
             (teach downhill_plots::digits_stills the setting first)"
        ));
    }
    Ok(resources.digits_still(kind)?.map(|still| Still {
        id,
        light_svg: still.light,
        dark_svg: still.dark,
    }))
}

/// The id of a demo's still: the name and a hash (FNV-1a) of its settings, so equal demos share one
/// file and different ones do not.
pub fn still_id(kind: DemoKind, settings: &[(String, String)]) -> String {
    let name = kind.name();
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

/// What a figure shows in place of the demo `info`: its still, by a path relative to the page
/// (`to_root` leads from the page's folder to the site root, where every language's pages find the
/// one copy of each still), so the site works under any sub-path. The size attributes reserve
/// the picture's space before it loads; `loading="lazy"` spares readers with scripts the download
/// of stills the live demo replaces before they scroll to them (browsers load every image at once
/// when scripts are off, which is when the still matters most).
pub fn still_picture(info: &DemoInfo, still: &Still, to_root: &str) -> String {
    let (width, height) = downhill_plots::still::svg_size(&still.light_svg).unwrap_or((640, 480));
    // Stills drawn wider than the usual 640 units (two panels side by side) may grow wider too,
    // or their text would end up smaller than the others'.
    let class = if width > 700 {
        "demo-still demo-still-wide"
    } else {
        "demo-still"
    };
    let mut html = format!("<picture class=\"{class}\">");
    if let Some(dark_path) = still.dark_path() {
        html.push_str(&format!(
            "<source srcset=\"{to_root}{}\" media=\"(prefers-color-scheme: dark)\">",
            escape(&dark_path)
        ));
    }
    html.push_str(&format!(
        "<img src=\"{to_root}{}\" alt=\"{}\" width=\"{width}\" height=\"{height}\" loading=\"lazy\"></picture>",
        escape(&still.light_path()),
        escape(&format!("{}: {}", info.title, info.description)),
    ));
    html
}
