//! Still pictures of the demos, drawn at build time as SVG: what a reader sees before the wasm
//! arrives, or without scripts at all. Each is a real run of the demo's defaults, not a mock-up.

use crate::catalogue::DemoKind;
use crate::heatmap::{self, ValueScale};
use crate::paths::{self, OverlayMarks, PathToDraw};
use downhill_core::optimizers::{Hyperparameters, OptimizerKind};
use downhill_core::surfaces::{Surface, SurfaceKind};
use plotters::prelude::*;
use plotters_svg::SVGBackend;

/// Size of a still in SVG user units; it scales to the column width on the page.
pub const STILL_SIZE: (u32, u32) = (640, 480);

/// Cells across a still's landscape: fine enough for smooth band edges; runs of equal cells are
/// merged into one rectangle, so the SVG stays light.
const STILL_CELLS: (usize, usize) = (96, 72);

/// Colour bands of a still's filled contours.
const STILL_BANDS: usize = 12;

/// The still of a demo as a lesson sets it up: the race draws the lesson's surface and racers; demos
/// whose still does not depend on their settings get their one still. `settings` are the lesson's
/// `key = value` pairs, lists joined with commas.
pub fn demo_still_svg_for(kind: DemoKind, settings: &[(String, String)]) -> Option<String> {
    match kind {
        DemoKind::SaddleRace => Some(race_still_for(settings)),
        _ => demo_still_svg(kind),
    }
}

/// The race's still for a lesson's `surface`, `preset`, `optimizers` and `lr`; anything unknown
/// falls back to the defaults, as the live demo does (where it also says so).
fn race_still_for(settings: &[(String, String)]) -> String {
    use crate::race_style::{find_preset, suggested_learning_rate};
    let get = |key: &str| {
        settings
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value.as_str())
    };
    let preset = get("preset").and_then(find_preset);
    let surface_kind = get("surface")
        .and_then(|name| name.parse::<SurfaceKind>().ok())
        .or(preset.map(|preset| preset.surface))
        .unwrap_or(SurfaceKind::BoundedSaddle);
    let learning_rate = get("lr")
        .and_then(|text| text.parse::<f64>().ok())
        .filter(|rate| rate.is_finite() && *rate > 0.0)
        .or(preset.map(|preset| preset.learning_rate))
        .unwrap_or_else(|| suggested_learning_rate(surface_kind));
    let named: Option<Vec<OptimizerKind>> = get("optimizers")
        .map(|list| {
            list.split(',')
                .filter_map(|name| name.trim().parse().ok())
                .collect::<Vec<_>>()
        })
        .filter(|kinds| !kinds.is_empty())
        .or(preset.map(|preset| preset.optimizers.to_vec()));
    let surface = surface_kind.build();
    let racers: Vec<_> = crate::race_style::RACE_DEFAULTS
        .racers
        .iter()
        .filter(|racer| {
            named.as_ref().map_or(racer.enabled_by_default, |kinds| {
                kinds.contains(&racer.kind)
            })
        })
        .collect();
    let trajectories: Vec<_> = racers
        .iter()
        .map(|racer| {
            let mut hyperparameters = Hyperparameters::defaults_for(racer.kind);
            hyperparameters.learning_rate = learning_rate;
            if let Some(mu) = preset.and_then(|preset| preset.mu) {
                hyperparameters.mu = mu;
            }
            downhill_core::trajectory::run(
                surface.as_ref(),
                racer.kind,
                &hyperparameters,
                surface.default_start(),
                crate::race_style::RACE_DEFAULTS.still_steps,
            )
        })
        .collect();
    let runs: Vec<RaceStillRun<'_>> = trajectories
        .iter()
        .zip(&racers)
        .map(|(trajectory, racer)| RaceStillRun {
            kind: racer.kind,
            points: &trajectory.points,
        })
        .collect();
    race_still_svg(surface.as_ref(), &runs, surface.default_start())
}

/// One optimizer's run in a race still.
#[derive(Debug, Clone, Copy)]
pub struct RaceStillRun<'a> {
    pub kind: OptimizerKind,
    /// The iterates from the start.
    pub points: &'a [[f64; 2]],
}

/// The race's still: `surface`'s landscape, each run's path in its racer's colour, the start as a ring,
/// the minima as crosses, and a legend naming the optimizers in the order given. The lessons' race
/// stills and `downhill run --svg` both draw with this, so the command shows the picture the site
/// shows.
pub fn race_still_svg(surface: &dyn Surface, runs: &[RaceStillRun<'_>], start: [f64; 2]) -> String {
    let colour_of = |kind: OptimizerKind| {
        crate::race_style::RACE_DEFAULTS
            .racers
            .iter()
            .find(|racer| racer.kind == kind)
            .map_or(WHITE, |racer| racer.colour)
    };
    let paths: Vec<PathToDraw<'_>> = runs
        .iter()
        .map(|run| PathToDraw {
            points: run.points,
            colour: colour_of(run.kind),
            stopped: false,
        })
        .collect();
    let legend: Vec<(RGBColor, &str)> = runs
        .iter()
        .map(|run| (colour_of(run.kind), run.kind.label()))
        .collect();
    with_legend(&landscape_with_paths_svg(surface, &paths, start), &legend)
}

/// Adds a legend in the top-left corner: a line in each path's colour and the optimizer's name,
/// a little larger than the landscape's own units so it still reads when the still shrinks to a
/// phone's column.
pub fn with_legend(svg: &str, entries: &[(RGBColor, &str)]) -> String {
    with_legend_at(svg, entries, LegendCorner::TopLeft, 1.3)
}

/// Where [`with_legend_at`] puts its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegendCorner {
    TopLeft,
    /// Above the bottom edge, clear of a chart's x-axis labels.
    BottomRight,
    /// The box's top-left corner at these SVG units, for a chart whose empty region is known.
    At {
        x: i32,
        y: i32,
    },
}

/// Adds a legend in `corner`: a line in each entry's colour and its label, white on a dark box so it
/// reads on a landscape and on a chart of either colour scheme.
///
/// Written as SVG text by hand because plotters draws text only where it has a font backend, which
/// natively (where stills are drawn) it does not; the browser renders these with its own fonts.
///
/// `scale` multiplies every size (text, box, lines), for stills drawn at a larger pixel ratio.
pub fn with_legend_at(
    svg: &str,
    entries: &[(RGBColor, &str)],
    corner: LegendCorner,
    scale: f64,
) -> String {
    let Some(end) = svg.rfind("</svg>") else {
        return svg.to_string();
    };
    let scale = if scale.is_finite() {
        scale.clamp(0.5, 4.0)
    } else {
        1.0
    };
    let size = |units: f64| (units * scale).round() as i32;
    let row_height = size(22.0);
    let longest = entries
        .iter()
        .map(|(_, label)| label.chars().count())
        .max()
        .unwrap_or(0) as f64;
    // About 9 units a character at the labels' 15-unit size, so wide names ("Momentum") stay inside.
    let width = size(16.0 + 40.0 + 9.2 * longest);
    let height = size(8.0) + row_height * entries.len() as i32;
    let (x, y) = match corner {
        LegendCorner::TopLeft => (8, 8),
        LegendCorner::BottomRight => {
            let (svg_width, svg_height) = svg_size(svg).unwrap_or((STILL_SIZE.0, STILL_SIZE.1));
            // 80 units clear the x-axis labels and title of a chart drawn at the stills' scale.
            (
                svg_width as i32 - width - size(24.0),
                svg_height as i32 - height - size(50.0),
            )
        }
        LegendCorner::At { x, y } => (x, y),
    };
    let mut legend = open_legend_box(x, y, width, height);
    for (index, (colour, label)) in entries.iter().enumerate() {
        let row_y = y + row_height / 2 + size(4.0) + row_height * index as i32;
        legend.push_str(&legend_entry(x + size(8.0), row_y, *colour, label, &size));
    }
    legend.push_str("</g>");
    format!("{}{}{}", &svg[..end], legend, &svg[end..])
}

/// The start of a legend: its group and the translucent dark box its entries sit on.
fn open_legend_box(x: i32, y: i32, width: i32, height: i32) -> String {
    format!(
        "<g class=\"still-legend\"><rect x=\"{x}\" y=\"{y}\" width=\"{width}\" height=\"{height}\" rx=\"4\" fill=\"#000000\" fill-opacity=\"0.6\"/>"
    )
}

/// One legend entry: a short line in `colour` from `line_x` on the row through `middle_y`, and the
/// label in white after it; `size` scales the legend's units.
fn legend_entry(
    line_x: i32,
    middle_y: i32,
    RGBColor(red, green, blue): RGBColor,
    label: &str,
    size: &dyn Fn(f64) -> i32,
) -> String {
    format!(
        "<line x1=\"{line_x}\" y1=\"{middle_y}\" x2=\"{}\" y2=\"{middle_y}\" stroke=\"#{red:02X}{green:02X}{blue:02X}\" stroke-width=\"{}\"/>\
         <text x=\"{}\" y=\"{}\" font-family=\"sans-serif\" font-size=\"{}\" fill=\"#FFFFFF\">{}</text>",
        line_x + size(24.0),
        size(4.0),
        line_x + size(32.0),
        middle_y + size(5.0),
        size(15.0),
        escape_text(label)
    )
}

/// Adds a legend as one row in a strip below the picture, for a chart with no empty corner: the
/// document grows by the strip (its root size, viewBox and full-size background rectangle), and the
/// row is drawn as [`with_legend_at`]'s box, centred. `scale` as there.
pub fn with_legend_row_below(svg: &str, entries: &[(RGBColor, &str)], scale: f64) -> String {
    let Some((width, height)) = svg_size(svg) else {
        return svg.to_string();
    };
    let size = |units: f64| (units * scale).round() as i32;
    let strip = size(40.0);
    let grown = height + strip as u32;
    let svg = svg
        .replacen(
            &format!("width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\""),
            &format!("width=\"{width}\" height=\"{grown}\" viewBox=\"0 0 {width} {grown}\""),
            1,
        )
        .replacen(
            &format!("<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\""),
            &format!("<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{grown}\""),
            1,
        );
    let entry_widths: Vec<i32> = entries
        .iter()
        .map(|(_, label)| size(38.0 + 9.2 * label.chars().count() as f64 + 12.0))
        .collect();
    let row_width = size(12.0) + entry_widths.iter().sum::<i32>();
    let left = ((width as i32 - row_width) / 2).max(0);
    let top = height as i32 + size(6.0);
    let box_height = strip - size(12.0);
    let middle = top + box_height / 2;
    let mut legend = open_legend_box(left, top, row_width, box_height);
    let mut x = left + size(8.0);
    for ((colour, label), entry_width) in entries.iter().zip(&entry_widths) {
        legend.push_str(&legend_entry(x, middle, *colour, label, &size));
        x += entry_width;
    }
    legend.push_str("</g>");
    match svg.rfind("</svg>") {
        Some(end) => format!("{}{legend}{}", &svg[..end], &svg[end..]),
        None => svg,
    }
}

/// The `width` and `height` on an SVG document's root element, as plotters writes them.
pub fn svg_size(svg: &str) -> Option<(u32, u32)> {
    let open = &svg[svg.find("<svg")?..];
    let open = &open[..open.find('>')?];
    let number = |name: &str| -> Option<u32> {
        let start = open.find(&format!(" {name}=\""))? + name.len() + 3;
        open[start..].split('"').next()?.parse().ok()
    };
    Some((number("width")?, number("height")?))
}

fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The colour scheme a still is drawn for; the page picks one with the reader's preference.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    Light,
    Dark,
}

impl Scheme {
    /// The palette of the charts drawn with [`crate::chart_style`] in this scheme.
    pub fn chart_palette(self) -> crate::chart_style::ChartPalette {
        match self {
            Scheme::Light => crate::chart_style::LIGHT,
            Scheme::Dark => crate::chart_style::DARK,
        }
    }
}

/// Every size of a chart still (text, lines, margins) is multiplied by this, so a still of 640 to
/// 800 units is laid out like the live chart on a 400-500 px screen and its text still reads when
/// the picture shrinks to a phone's column.
pub const CHART_STILL_PIXEL_RATIO: f64 = 1.6;

/// The dark version of a demo's still, for demos drawn with a dark look of their own; the others
/// (landscapes, which read on either background) have none.
pub fn demo_dark_still_svg(kind: DemoKind) -> Option<String> {
    match kind {
        DemoKind::LrSchedules => Some(crate::lr_schedules::still_svg_in(Scheme::Dark)),
        DemoKind::HyperparameterSearch => {
            Some(crate::hyperparameter_search::still_svg_in(Scheme::Dark))
        }
        DemoKind::GradientCheck => Some(crate::gradient_check::still_svg_in(Scheme::Dark)),
        DemoKind::BackpropGraph => Some(crate::backprop_graph::still_svg_in(Scheme::Dark)),
        _ => None,
    }
}

/// The SVG still of a demo drawn without the digits; `None` for the digits demos, whose stills
/// [`crate::digits_stills::digits_still`] draws from a real run. The match names every demo, so a
/// new one does not compile until someone decides where its still comes from.
pub fn demo_still_svg(kind: DemoKind) -> Option<String> {
    match kind {
        DemoKind::SaddleRace => Some(race_still(
            SurfaceKind::BoundedSaddle,
            &crate::race_style::RACE_DEFAULTS,
        )),
        DemoKind::BlindfoldedHiker => Some(crate::hiker::hiker_still()),
        DemoKind::LrSchedules => Some(crate::lr_schedules::still_svg()),
        DemoKind::HyperparameterSearch => Some(crate::hyperparameter_search::still_svg()),
        DemoKind::GradientCheck => Some(crate::gradient_check::still_svg()),
        DemoKind::StepSizePaths => Some(crate::step_size::paths_still_svg()),
        DemoKind::BackpropGraph => Some(crate::backprop_graph::still_svg_in(Scheme::Light)),
        DemoKind::HikerDigits
        | DemoKind::MinibatchNoise
        | DemoKind::StepSizeSweep
        | DemoKind::LearningCurves
        | DemoKind::TrainingDashboard => None,
    }
}

fn race_still(surface_kind: SurfaceKind, racers: &crate::race_style::RaceDefaults) -> String {
    let surface = surface_kind.build();
    let enabled: Vec<_> = racers
        .racers
        .iter()
        .filter(|racer| racer.enabled_by_default)
        .collect();
    let trajectories: Vec<_> = enabled
        .iter()
        .map(|racer| {
            let mut hyperparameters = Hyperparameters::defaults_for(racer.kind);
            hyperparameters.learning_rate = racers.learning_rate;
            downhill_core::trajectory::run(
                surface.as_ref(),
                racer.kind,
                &hyperparameters,
                surface.default_start(),
                racers.still_steps,
            )
        })
        .collect();
    let paths: Vec<PathToDraw<'_>> = trajectories
        .iter()
        .zip(&enabled)
        .map(|(trajectory, racer)| PathToDraw {
            points: &trajectory.points,
            colour: racer.colour,
            stopped: false,
        })
        .collect();
    landscape_with_paths_svg(surface.as_ref(), &paths, surface.default_start())
}

/// A surface's landscape with paths over it, as SVG: the race's still, and its SVG export.
pub fn landscape_with_paths_svg(
    surface: &dyn Surface,
    paths: &[PathToDraw<'_>],
    start: [f64; 2],
) -> String {
    let mut landscape = String::new();
    {
        let area = crate::any_backend::AnyBackend::new(SVGBackend::with_string(
            &mut landscape,
            STILL_SIZE,
        ))
        .into_drawing_area();
        draw_heatmap_cells(&area, surface);
        let _ = area.present();
    }
    let mut overlay = String::new();
    {
        let area =
            crate::any_backend::AnyBackend::new(SVGBackend::with_string(&mut overlay, STILL_SIZE))
                .into_drawing_area();
        let minima = surface.minima();
        let marks = OverlayMarks {
            start: Some(start),
            minima: &minima,
            pixel_ratio: 1.0,
            ..OverlayMarks::default()
        };
        let view = surface.view();
        // Drawing into a String cannot fail.
        let _ = paths::draw_paths(
            &area,
            view.x_min..view.x_max,
            view.y_min..view.y_max,
            paths,
            &marks,
        );
        let _ = area.present();
    }
    // Adjacent rectangles of the filled contours would show hairline seams where anti-aliased edges
    // meet, so the landscape alone is drawn with crisp edges; the paths stay smooth.
    let (Some(root_end), Some(body)) = (landscape.find('>'), svg_body(&overlay)) else {
        return landscape;
    };
    let landscape_body = svg_body(&landscape).unwrap_or_default();
    format!(
        "{}<g shape-rendering=\"crispEdges\">{landscape_body}</g>{body}</svg>",
        &landscape[..=root_end]
    )
}

/// What lies between an SVG document's root tags.
fn svg_body(svg: &str) -> Option<&str> {
    let start = svg.find("<svg")?;
    let open_end = start + svg[start..].find('>')? + 1;
    let close = svg.rfind("</svg>")?;
    (open_end <= close).then(|| &svg[open_end..close])
}

pub(crate) fn draw_heatmap_cells<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    surface: &dyn Surface,
) {
    let (columns, rows) = STILL_CELLS;
    let field = downhill_core::landscape::sample(surface, &surface.view(), columns, rows);
    let scale = ValueScale::for_range(field.min, field.max);
    // Filled contours: each cell takes the colour of its band, and a run of equal cells along a row
    // is one rectangle, so a fine grid costs a few shapes per band crossing instead of one per cell.
    let band_of = |value: f64| {
        heatmap::normalise(value, field.min, field.max, scale)
            .map(|t| ((t * STILL_BANDS as f64) as usize).min(STILL_BANDS - 1))
    };
    let (width, height) = area.dim_in_pixel();
    let x_at = |column: usize| (column as u32 * width / field.width as u32) as i32;
    let y_at = |row: usize| (row as u32 * height / field.height as u32) as i32;
    for row in 0..field.height {
        let mut column = 0;
        while column < field.width {
            let band = band_of(field.values[row * field.width + column]);
            let mut end = column + 1;
            while end < field.width && band_of(field.values[row * field.width + end]) == band {
                end += 1;
            }
            let colour = match band {
                Some(band) => {
                    let [red, green, blue] = heatmap::band_colour(band, STILL_BANDS);
                    RGBColor(red, green, blue)
                }
                None => RGBColor(128, 128, 128),
            };
            let _ = area.draw(&Rectangle::new(
                [(x_at(column), y_at(row)), (x_at(end), y_at(row + 1))],
                colour.filled(),
            ));
            column = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_race_still_shows_the_landscape_and_every_racer() {
        let svg = demo_still_svg(DemoKind::SaddleRace).expect("the race has a still");
        assert!(svg.starts_with("<svg"), "{}", &svg[..80]);
        let n_rectangles = svg.matches("<rect").count();
        // Merged runs: far fewer shapes than cells, but at least one per row.
        assert!(
            (STILL_CELLS.1..STILL_CELLS.0 * STILL_CELLS.1 / 4).contains(&n_rectangles),
            "{n_rectangles}"
        );
        for racer in crate::race_style::RACE_DEFAULTS
            .racers
            .iter()
            .filter(|racer| racer.enabled_by_default)
        {
            let RGBColor(red, green, blue) = racer.colour;
            let hex = format!("#{red:02X}{green:02X}{blue:02X}");
            assert!(svg.contains(&hex), "no path in {hex}");
        }
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        assert!(
            !svg.contains("style="),
            "inline styles break the site's content policy"
        );
    }

    #[test]
    fn the_race_still_follows_the_lessons_surface_and_racers() {
        let settings = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(key, value)| (key.to_string(), value.to_string()))
                .collect::<Vec<_>>()
        };
        let default = demo_still_svg_for(DemoKind::SaddleRace, &[]).unwrap();
        let bumpy = demo_still_svg_for(
            DemoKind::SaddleRace,
            &settings(&[("surface", "bumpy"), ("optimizers", "sgd,momentum")]),
        )
        .unwrap();
        assert_ne!(default, bumpy, "the surface setting changed nothing");
        // Only SGD (255, 99, 99) and momentum (255, 176, 59) race; Adam's white path is absent.
        assert!(bumpy.contains("#FF6363") && bumpy.contains("#FFB03B"));
        assert!(!bumpy.contains("#5CC8FF"), "RMSProp should not be drawn");
        assert!(
            bumpy.contains(">SGD</text>") && bumpy.contains(">Momentum</text>"),
            "no legend"
        );
        let preset = demo_still_svg_for(
            DemoKind::SaddleRace,
            &settings(&[("preset", "ukrainian-momentum")]),
        )
        .unwrap();
        let ravine = demo_still_svg_for(
            DemoKind::SaddleRace,
            &settings(&[
                ("surface", "ravine"),
                ("optimizers", "sgd,momentum"),
                ("lr", "0.02"),
            ]),
        )
        .unwrap();
        assert_ne!(
            preset, ravine,
            "the preset's momentum 0.99 should change momentum's path"
        );
    }

    #[test]
    fn an_unknown_demo_has_no_still_and_every_demo_has_one_source_of_still() {
        // A name no demo has names no kind, so nothing can ask for its still.
        assert_eq!(DemoKind::from_name("no-such-demo"), None);
        // Each demo's still is drawn here or from the digits, never both and never neither.
        for kind in DemoKind::ALL {
            assert_eq!(
                demo_still_svg(kind).is_some(),
                !crate::digits_stills::needs_digits(kind),
                "{kind:?}"
            );
        }
    }
}
