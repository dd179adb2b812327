//! `--svg`: the run drawn as the site's race still (`downhill_plots::still::race_still_svg`), the
//! landscape, path, start, minima and legend the lesson pages show, with the command's settings and
//! the run's outcome as the drawing's title.

use anyhow::{Context, Result};
use downhill_core::optimizers::OptimizerKind;
use downhill_core::surfaces::Surface;
use downhill_core::trajectory::Trajectory;
use downhill_plots::still::{RaceStillRun, race_still_svg};
use std::path::Path;

/// The SVG document for one run: the race still of `kind`'s path over `surface` from `start`, titled
/// `caption`.
pub fn run_svg(
    surface: &dyn Surface,
    kind: OptimizerKind,
    trajectory: &Trajectory,
    start: [f64; 2],
    caption: &str,
) -> String {
    let runs = [RaceStillRun {
        kind,
        points: &trajectory.points,
    }];
    with_title(&race_still_svg(surface, &runs, start), caption)
}

/// Writes [`run_svg`] to `path`.
pub fn write_run(
    path: &Path,
    surface: &dyn Surface,
    kind: OptimizerKind,
    trajectory: &Trajectory,
    start: [f64; 2],
    caption: &str,
) -> Result<()> {
    let svg = run_svg(surface, kind, trajectory, start, caption);
    std::fs::write(path, svg).context("cannot write the file")
}

/// `svg` with a `<title>` as the root element's first child: the name a viewer shows for the drawing,
/// and its text alternative. The picture itself stays the site's.
fn with_title(svg: &str, title: &str) -> String {
    let Some(open_end) = svg
        .find("<svg")
        .and_then(|start| svg[start..].find('>').map(|end| start + end + 1))
    else {
        return svg.to_string();
    };
    let escaped = title
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;");
    format!(
        "{}<title>{escaped}</title>{}",
        &svg[..open_end],
        &svg[open_end..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_is_the_first_child_of_the_root_and_is_escaped() {
        let svg = "<?xml version=\"1.0\"?>\n<svg width=\"2\" height=\"1\"><rect/></svg>";
        assert_eq!(
            with_title(svg, "a < b & c"),
            "<?xml version=\"1.0\"?>\n<svg width=\"2\" height=\"1\"><title>a &lt; b &amp; c</title><rect/></svg>"
        );
        assert_eq!(with_title("no svg here", "t"), "no svg here");
    }
}
