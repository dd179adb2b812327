//! The blindfolded hiker's pictures: the three strategies' probes and paths over a landscape (or, with
//! the blindfold on, over fog that shows only what the hiker felt), and the digits chart of test
//! accuracy against loss evaluations.
//!
//! Generic over plotters' `DrawingBackend`, so the canvas in the browser, the SVG export and the
//! build-time still are one drawing. The landscape heatmap itself is not drawn here (see
//! [`crate::heatmap`]); the scene is the overlay above it and spans the area with no margin.

use crate::heatmap::{self, ValueScale};
use downhill_core::search::accuracy_race::AccuracyRaceSettings;
use downhill_core::search::hiker::{Draw, HikerSettings, Probe, Start, Strategy, Walk, walk};
use downhill_core::search::random_local_search::RandomLocalSearchSettings;
use downhill_core::surfaces::{Bumpy, Surface};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::colors::colormaps::{ColorMap, ViridisRGB};
use plotters_svg::SVGBackend;
use std::ops::Range;

/// One strategy's colour and the CSS class suffix of its legend swatch (www/demos.css repeats the
/// colours).
#[derive(Debug, Clone, Copy)]
pub struct StrategyStyle {
    pub strategy: Strategy,
    pub colour: RGBColor,
    pub class: &'static str,
}

/// The strategies in the lesson's order, in colours that read on every part of the viridis heatmap
/// and on the fog (each mark also gets a dark casing).
pub const STRATEGY_STYLES: [StrategyStyle; 3] = [
    StrategyStyle {
        strategy: Strategy::RandomSearch,
        colour: RGBColor(255, 99, 99),
        class: "random",
    },
    StrategyStyle {
        strategy: Strategy::RandomLocalSearch,
        colour: RGBColor(255, 176, 59),
        class: "local",
    },
    StrategyStyle {
        strategy: Strategy::FollowGradient,
        colour: RGBColor(92, 200, 255),
        class: "gradient",
    },
];

/// The hiker-digits demo's defaults, shared by the live demo and its still: each strategy's budget
/// of loss evaluations, gradient descent's step size (the lesson's 0.1), the seed of the draws, and
/// how many times along each run the test accuracy is measured.
pub const DIGITS_DEFAULT_BUDGET: usize = 1000;
pub const DIGITS_DEFAULT_LEARNING_RATE: f64 = 0.1;
pub const DIGITS_DEFAULT_SEED: u64 = 0;
pub const DIGITS_CURVE_POINTS: usize = 100;

/// The hiker-digits race the demo starts with and its still draws: the defaults above, and random
/// local search's reach as the lesson's loop has it.
pub fn digits_defaults() -> AccuracyRaceSettings {
    AccuracyRaceSettings {
        budget: DIGITS_DEFAULT_BUDGET,
        curve_points: DIGITS_CURVE_POINTS,
        local_step: RandomLocalSearchSettings::default().step_size,
        learning_rate: DIGITS_DEFAULT_LEARNING_RATE,
        seed: DIGITS_DEFAULT_SEED,
    }
}

/// The colour of one strategy.
pub fn strategy_colour(strategy: Strategy) -> RGBColor {
    STRATEGY_STYLES
        .iter()
        .find(|style| style.strategy == strategy)
        .map_or(WHITE, |style| style.colour)
}

/// What hides the landscape while the hiker is blindfolded: a dark blue-grey that every probe colour
/// reads on, in light and dark page themes alike.
pub const FOG: RGBColor = RGBColor(29, 36, 48);

/// What the demo starts with; the live demo and its still share these.
#[derive(Debug, Clone, Copy)]
pub struct HikerDefaults {
    /// Loss evaluations each strategy may spend.
    pub budget: usize,
    /// The spread of random local search's tries.
    pub local_step: f64,
    /// The step size of the walker that follows the gradient.
    pub learning_rate: f64,
    pub seed: u64,
}

pub const HIKER_DEFAULTS: HikerDefaults = HikerDefaults {
    budget: 100,
    local_step: 0.3,
    learning_rate: 0.3,
    seed: 1,
};

/// One strategy as the scene draws it.
#[derive(Debug, Clone)]
pub struct HikerTrack<'a> {
    pub strategy: Strategy,
    /// The evaluations shown so far.
    pub probes: &'a [Probe],
    /// Where the hiker stood, from the start to now (points that are not 2-D are skipped).
    pub path: &'a [Vec<f64>],
    /// Whether the walk has ended early (diverged): the hiker is drawn hollow.
    pub stopped: bool,
}

/// Everything over the landscape.
#[derive(Debug, Clone)]
pub struct HikerScene<'a> {
    pub x_range: Range<f64>,
    pub y_range: Range<f64>,
    pub tracks: &'a [HikerTrack<'a>],
    /// Where the hiker was placed, drawn as a ring.
    pub start: [f64; 2],
    /// The landscape's minima, drawn as crosses when the landscape is visible.
    pub minima: &'a [[f64; 2]],
    /// Hide the landscape and show only what was felt.
    pub blindfold: bool,
    /// The landscape's value range and scale, so felt losses get the heatmap's colours.
    pub value_range: (f64, f64, ValueScale),
    /// Device pixels per CSS pixel, so marks are as large on a phone as on a laptop.
    pub pixel_ratio: f64,
    /// A line written on the picture, such as which run diverged.
    pub banner: Option<&'a str>,
}

/// The heatmap colour of a loss value (mid-grey for one that cannot be placed on the scale).
pub fn loss_colour(loss: f64, value_range: (f64, f64, ValueScale)) -> RGBColor {
    let (min, max, scale) = value_range;
    match heatmap::normalise(loss, min, max, scale) {
        Some(level) => ViridisRGB.get_color(level),
        None => RGBColor(128, 128, 128),
    }
}

/// Draws the scene over a transparent area (or over fog with the blindfold on).
pub fn draw_hiker_scene<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &HikerScene<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let scale = if scene.pixel_ratio.is_finite() {
        scene.pixel_ratio.clamp(0.5, 4.0)
    } else {
        1.0
    };
    if scene.blindfold {
        area.fill(&FOG)?;
    }
    let line_width = (2.0 * scale).round().max(1.0) as u32;
    let probe_radius = (3.0 * scale).round().max(1.0) as i32;
    let head_radius = (6.0 * scale).round() as i32;
    let (width_pixels, _) = area.dim_in_pixel();
    let data_per_pixel = (scene.x_range.end - scene.x_range.start) / f64::from(width_pixels.max(1));
    let mut chart = ChartBuilder::on(area)
        .margin(0)
        .build_cartesian_2d(scene.x_range.clone(), scene.y_range.clone())?;
    let as_pair = |point: &[f64]| match point {
        &[x, y] if x.is_finite() && y.is_finite() => Some((x, y)),
        _ => None,
    };

    if !scene.blindfold {
        for minimum in scene.minima {
            if let Some(point) = as_pair(minimum) {
                chart.draw_series(std::iter::once(Cross::new(
                    point,
                    head_radius,
                    WHITE.stroke_width(line_width),
                )))?;
            }
        }
    }

    // Probes first, under the paths: blindfolded, each is filled with the colour of the loss felt
    // there, the only thing the hiker knows about that spot.
    // A probe within a pixel of the last one drawn for its track would cover it exactly: skipping
    // it keeps a long walk (a walker at rest probes the same spot hundreds of times) cheap to draw.
    let min_gap = 1.5 * scale * data_per_pixel;
    for track in scene.tracks {
        let colour = strategy_colour(track.strategy);
        let mut last_drawn: Option<((f64, f64), bool)> = None;
        let mut rings = Vec::with_capacity(track.probes.len());
        let mut fills = Vec::with_capacity(track.probes.len());
        for probe in track.probes {
            let Some(point) = as_pair(&probe.point) else {
                continue;
            };
            if let Some((last, accepted)) = last_drawn
                && accepted == probe.accepted
                && (point.0 - last.0).abs() < min_gap
                && (point.1 - last.1).abs() < min_gap
            {
                continue;
            }
            last_drawn = Some((point, probe.accepted));
            let fill = if scene.blindfold {
                loss_colour(probe.loss, scene.value_range)
            } else {
                colour
            };
            let radius = if probe.accepted {
                probe_radius + 1
            } else {
                probe_radius
            };
            // Blindfolded, the ring says whose probe it is, since the fill tells only the loss.
            let ring = if scene.blindfold {
                colour.filled()
            } else {
                BLACK.mix(0.5).filled()
            };
            // A rejected probe over the landscape is a bare ring in its strategy's colour: one
            // shape instead of two, which halves the cost of a long random search.
            if probe.accepted || scene.blindfold {
                rings.push(Circle::new(point, radius + 1, ring));
            }
            let style = if probe.accepted || scene.blindfold {
                fill.filled()
            } else {
                fill.stroke_width((1.5 * scale).round().max(1.0) as u32)
            };
            fills.push(Circle::new(point, radius, style));
        }
        // One series per layer and track: far fewer calls than one per probe.
        chart.draw_series(rings)?;
        chart.draw_series(fills)?;
    }

    for track in scene.tracks {
        let colour = strategy_colour(track.strategy);
        let points: Vec<(f64, f64)> = track.path.iter().filter_map(|p| as_pair(p)).collect();
        // Random search does not walk: it jumps to whichever draw is best, so it gets no path.
        if track.strategy != Strategy::RandomSearch {
            let mut walked = points.clone();
            walked.dedup();
            chart.draw_series(LineSeries::new(
                walked.iter().copied(),
                BLACK
                    .mix(0.55)
                    .stroke_width(line_width + 2 * scale.round() as u32),
            ))?;
            chart.draw_series(LineSeries::new(
                walked.iter().copied(),
                colour.stroke_width(line_width),
            ))?;
        }
        // The slope felt at the last probe, as an arrow pointing downhill.
        if let Some(probe) = track.probes.last()
            && let (Some(origin), Some(gradient)) = (as_pair(&probe.point), &probe.gradient)
            && let Some(arrow) = downhill_arrow(origin, gradient, 22.0 * scale * data_per_pixel)
        {
            for (stroke, colour) in [
                (line_width + 2 * scale.round() as u32, BLACK.mix(0.6)),
                (line_width, WHITE.mix(1.0)),
            ] {
                for segment in &arrow {
                    chart.draw_series(LineSeries::new(
                        segment.iter().copied(),
                        colour.stroke_width(stroke),
                    ))?;
                }
            }
        }
        if let Some(&head) = points.last() {
            chart.draw_series(std::iter::once(Circle::new(
                head,
                head_radius + line_width as i32,
                BLACK.mix(0.6).filled(),
            )))?;
            let style = if track.stopped {
                colour.stroke_width(line_width)
            } else {
                colour.filled()
            };
            chart.draw_series(std::iter::once(Circle::new(head, head_radius, style)))?;
        }
    }

    if let Some(start) = as_pair(&scene.start) {
        chart.draw_series(std::iter::once(Circle::new(
            start,
            head_radius + 3,
            WHITE.stroke_width(line_width),
        )))?;
    }
    if let Some(banner) = scene.banner.filter(|text| !text.is_empty()) {
        let font_size = 14.0 * scale;
        let padding = (6.0 * scale) as i32;
        let (width, _) = area.dim_in_pixel();
        // A dark band across the top so the words read on any colour of the landscape.
        area.draw(&Rectangle::new(
            [(0, 0), (width as i32, (font_size * 1.6) as i32 + padding)],
            BLACK.mix(BANNER_SHADE).filled(),
        ))?;
        area.draw(&Text::new(
            banner.to_string(),
            (padding, padding),
            (FontFamily::SansSerif, font_size).into_font().color(&WHITE),
        ))?;
    }
    Ok(())
}

/// An arrow of data length `length` from `origin` against `gradient` (three segments: shaft and two
/// barbs), or `None` where the ground is flat or the numbers are not finite.
fn downhill_arrow(
    origin: (f64, f64),
    gradient: &[f64],
    length: f64,
) -> Option<[[(f64, f64); 2]; 3]> {
    let &[gx, gy] = gradient else { return None };
    let norm = (gx * gx + gy * gy).sqrt();
    if !(norm.is_finite() && norm > 1e-12 && length.is_finite() && length > 0.0) {
        return None;
    }
    let (dx, dy) = (-gx / norm, -gy / norm);
    let tip = (origin.0 + dx * length, origin.1 + dy * length);
    let barb = 0.35 * length;
    // The barbs point back from the tip at 30 degrees either side of the shaft.
    let (cos, sin) = (0.866_f64, 0.5_f64);
    let back = (-dx, -dy);
    let left = (back.0 * cos - back.1 * sin, back.0 * sin + back.1 * cos);
    let right = (back.0 * cos + back.1 * sin, -back.0 * sin + back.1 * cos);
    Some([
        [origin, tip],
        [tip, (tip.0 + left.0 * barb, tip.1 + left.1 * barb)],
        [tip, (tip.0 + right.0 * barb, tip.1 + right.1 * barb)],
    ])
}

/// One strategy's curve on the digits chart: `(loss evaluations spent, test accuracy)` pairs.
#[derive(Debug, Clone)]
pub struct AccuracyCurve<'a> {
    pub strategy: Strategy,
    pub points: &'a [(f64, f64)],
}

/// How opaque the black band behind the banner is: white text on it keeps 4.5:1 over any colour of
/// the landscape, white included (the contrast tests check).
pub const BANNER_SHADE: f64 = 0.7;

/// The chart's background: the fog, so it sits with the landscape demo and reads in both themes.
pub const CHART_BACKGROUND: RGBColor = FOG;
pub const CHART_TEXT: RGBColor = RGBColor(230, 233, 238);
const CHART_GRID: RGBColor = RGBColor(70, 80, 96);

/// Test accuracy (0 to 100%) against loss evaluations (0 to `budget`), a line per strategy and a
/// grey line at the 10% of guessing.
pub fn draw_accuracy_chart<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    budget: usize,
    curves: &[AccuracyCurve<'_>],
    pixel_ratio: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let scale = if pixel_ratio.is_finite() {
        pixel_ratio.clamp(0.5, 4.0)
    } else {
        1.0
    };
    area.fill(&CHART_BACKGROUND)?;
    let font_size = 13.0 * scale;
    let text = (FontFamily::SansSerif, font_size)
        .into_font()
        .color(&CHART_TEXT);
    let x_max = budget.max(1) as f64;
    let mut chart = ChartBuilder::on(area)
        .margin((10.0 * scale) as i32)
        .margin_right((18.0 * scale) as i32)
        .x_label_area_size((38.0 * scale) as i32)
        .y_label_area_size((48.0 * scale) as i32)
        .build_cartesian_2d(0.0..x_max, 0.0..1.0)?;
    chart
        .configure_mesh()
        .light_line_style(CHART_GRID.mix(0.4))
        .bold_line_style(CHART_GRID)
        .axis_style(CHART_TEXT.mix(0.8))
        .label_style(text.clone())
        .axis_desc_style(text.clone())
        .x_desc("loss evaluations")
        .y_desc("test accuracy")
        .x_labels(6)
        .y_labels(6)
        .x_label_formatter(&|value| format!("{value:.0}"))
        .y_label_formatter(&|value| format!("{:.0}%", value * 100.0))
        .draw()?;
    let line_width = (2.0 * scale).round().max(1.0) as u32;
    chart.draw_series(LineSeries::new(
        [(0.0, 0.1), (x_max, 0.1)],
        CHART_TEXT
            .mix(0.5)
            .stroke_width(1.max(scale.round() as u32)),
    ))?;
    chart.draw_series(std::iter::once(Text::new(
        "guessing",
        (x_max * 0.99, 0.1 + 0.012),
        text.clone().pos(plotters::style::text_anchor::Pos::new(
            plotters::style::text_anchor::HPos::Right,
            plotters::style::text_anchor::VPos::Bottom,
        )),
    )))?;
    for curve in curves {
        let finite: Vec<(f64, f64)> = curve
            .points
            .iter()
            .copied()
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .map(|(x, y)| (x.clamp(0.0, x_max), y.clamp(0.0, 1.0)))
            .collect();
        let colour = strategy_colour(curve.strategy);
        chart.draw_series(LineSeries::new(
            finite.iter().copied(),
            colour.stroke_width(line_width + 1),
        ))?;
        if let Some(&last) = finite.last() {
            chart.draw_series(std::iter::once(Circle::new(
                last,
                (4.0 * scale) as i32,
                colour.filled(),
            )))?;
        }
    }
    Ok(())
}

/// The settings of one strategy on a 2-D landscape: random search draws anywhere on the map, random
/// local search feels the start first, and both walkers start where the hiker was placed.
pub fn map_settings(
    surface: &dyn Surface,
    strategy: Strategy,
    start: [f64; 2],
    local_step: f64,
    learning_rate: f64,
    seed: u64,
) -> HikerSettings {
    let view = surface.view();
    HikerSettings {
        strategy,
        start: Start::At(start.to_vec()),
        draw: Draw::Uniform {
            low: vec![view.x_min, view.y_min],
            high: vec![view.x_max, view.y_max],
        },
        local_step,
        learning_rate,
        feel_the_start: true,
        // Each strategy gets its own stream, so random search and random local search do not share
        // their draws.
        seed: seed.wrapping_mul(3).wrapping_add(strategy as u64),
    }
}

/// The three walks on `surface` from `start`, each spending `budget` evaluations.
pub fn walks_on_map(
    surface: &dyn Surface,
    start: [f64; 2],
    budget: usize,
    local_step: f64,
    learning_rate: f64,
    seed: u64,
) -> Vec<Walk> {
    STRATEGY_STYLES
        .iter()
        .map(|style| {
            let settings = map_settings(
                surface,
                style.strategy,
                start,
                local_step,
                learning_rate,
                seed,
            );
            // A start of the wrong length is impossible here (it is a pair); an empty walk is the
            // harmless answer if it ever were.
            walk(&surface, settings, budget).unwrap_or(Walk {
                probes: Vec::new(),
                positions: Vec::new(),
                position_losses: Vec::new(),
                diverged_at: None,
                at_rest_from: None,
            })
        })
        .collect()
}

/// The value range and scale of a surface's heatmap, as the landscape layer colours it.
pub fn value_range(field: &downhill_core::landscape::Landscape) -> (f64, f64, ValueScale) {
    (
        field.min,
        field.max,
        ValueScale::for_range(field.min, field.max),
    )
}

/// The scene over the landscape as SVG at [`crate::still::STILL_SIZE`]: the still and the SVG export.
pub fn scene_svg(surface: &dyn Surface, scene: &HikerScene<'_>) -> String {
    let mut svg = String::new();
    {
        let area = crate::any_backend::AnyBackend::new(SVGBackend::with_string(
            &mut svg,
            crate::still::STILL_SIZE,
        ))
        .into_drawing_area();
        if !scene.blindfold {
            crate::still::draw_heatmap_cells(&area, surface);
        }
        // Drawing into a String cannot fail.
        let _ = draw_hiker_scene(&area, scene);
        let _ = area.present();
    }
    svg
}

/// The still: the three walks of the demo's defaults on the bumpy landscape, landscape visible.
pub fn hiker_still() -> String {
    let surface = Bumpy;
    let start = surface.default_start();
    let defaults = HIKER_DEFAULTS;
    let walks = walks_on_map(
        &surface,
        start,
        defaults.budget,
        defaults.local_step,
        defaults.learning_rate,
        defaults.seed,
    );
    let tracks: Vec<HikerTrack<'_>> = STRATEGY_STYLES
        .iter()
        .zip(&walks)
        .map(|(style, walked)| HikerTrack {
            strategy: style.strategy,
            probes: &walked.probes,
            path: &walked.positions,
            stopped: walked.diverged_at.is_some(),
        })
        .collect();
    let view = surface.view();
    let field = downhill_core::landscape::sample(&surface, &view, 48, 36);
    let minima = surface.minima();
    let scene = HikerScene {
        x_range: view.x_min..view.x_max,
        y_range: view.y_min..view.y_max,
        tracks: &tracks,
        start,
        minima: &minima,
        blindfold: false,
        value_range: value_range(&field),
        pixel_ratio: 1.0,
        banner: None,
    };
    scene_svg(&surface, &scene)
}

/// The accuracy chart as SVG, for the digits demo's export.
pub fn accuracy_chart_svg(budget: usize, curves: &[AccuracyCurve<'_>]) -> String {
    let mut svg = String::new();
    {
        let area = crate::any_backend::AnyBackend::new(SVGBackend::with_string(
            &mut svg,
            crate::still::STILL_SIZE,
        ))
        .into_drawing_area();
        let _ = draw_accuracy_chart(&area, budget, curves, 1.0);
        let _ = area.present();
    }
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe(point: [f64; 2], loss: f64, gradient: Option<Vec<f64>>) -> Probe {
        Probe {
            evaluation_idx: 0,
            point: point.to_vec(),
            loss,
            gradient,
            accepted: true,
            best_loss: loss,
            step_length: 0.0,
        }
    }

    fn render(blindfold: bool) -> String {
        let probes = [
            probe([0.5, 0.5], 0.2, None),
            probe([f64::NAN, 0.0], f64::NAN, None),
        ];
        let gradient_probes = [probe([-1.0, 1.0], 0.9, Some(vec![1.0, -1.0]))];
        let path = vec![vec![-1.5, 1.5], vec![-1.0, 1.0]];
        let tracks = [
            HikerTrack {
                strategy: Strategy::RandomSearch,
                probes: &probes,
                path: &path[1..],
                stopped: false,
            },
            HikerTrack {
                strategy: Strategy::FollowGradient,
                probes: &gradient_probes,
                path: &path,
                stopped: true,
            },
        ];
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (300, 200)).into_drawing_area();
            let scene = HikerScene {
                x_range: -3.0..3.0,
                y_range: -3.0..3.0,
                tracks: &tracks,
                start: [-1.5, 1.5],
                minima: &[[1.0, -1.0]],
                blindfold,
                value_range: (0.0, 1.0, ValueScale::Linear),
                pixel_ratio: 1.0,
                banner: blindfold.then_some("Following the gradient diverged at step 3"),
            };
            draw_hiker_scene(&area, &scene).unwrap();
            area.present().unwrap();
        }
        svg
    }

    fn hex(colour: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", colour.0, colour.1, colour.2)
    }

    #[test]
    fn the_blindfold_hides_the_landscape_and_colours_probes_by_loss() {
        let seeing = render(false);
        let blind = render(true);
        assert!(!seeing.contains(&hex(FOG)));
        assert!(blind.contains(&hex(FOG)), "no fog over the landscape");
        // Blindfolded, the probe at loss 0.2 takes the heatmap's colour for 0.2.
        let felt = loss_colour(0.2, (0.0, 1.0, ValueScale::Linear));
        assert!(blind.contains(&hex(felt)));
        assert!(seeing.contains(&hex(strategy_colour(Strategy::RandomSearch))));
        assert!(blind.contains("diverged at step 3") && !seeing.contains("diverged"));
        for svg in [&seeing, &blind] {
            assert!(!svg.contains("NaN") && !svg.contains("inf"));
        }
    }

    #[test]
    fn the_still_shows_the_landscape_and_all_three_strategies() {
        let svg = hiker_still();
        assert!(svg.starts_with("<svg"));
        // The landscape is filled contours: merged runs, at least one rectangle per row.
        assert!(svg.matches("<rect").count() >= 72);
        for style in STRATEGY_STYLES {
            assert!(
                svg.contains(&hex(style.colour)),
                "no marks in {}",
                hex(style.colour)
            );
        }
        assert!(!svg.contains("NaN") && !svg.contains("inf") && !svg.contains("style="));
    }

    #[test]
    fn the_gradient_arrow_points_downhill() {
        let arrow = downhill_arrow((0.0, 0.0), &[2.0, 0.0], 1.0).unwrap();
        assert_eq!(arrow[0][1], (-1.0, 0.0));
        assert!(downhill_arrow((0.0, 0.0), &[0.0, 0.0], 1.0).is_none());
        assert!(downhill_arrow((0.0, 0.0), &[f64::NAN, 1.0], 1.0).is_none());
    }

    #[test]
    fn the_accuracy_chart_has_axes_and_a_line_per_strategy() {
        let climbing = [(0.0, 0.1), (50.0, 0.5), (100.0, 0.8)];
        let broken = [(0.0, 0.1), (f64::INFINITY, f64::NAN)];
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (400, 300)).into_drawing_area();
            draw_accuracy_chart(
                &area,
                100,
                &[
                    AccuracyCurve {
                        strategy: Strategy::FollowGradient,
                        points: &climbing,
                    },
                    AccuracyCurve {
                        strategy: Strategy::RandomSearch,
                        points: &broken,
                    },
                ],
                1.0,
            )
            .unwrap();
            area.present().unwrap();
        }
        assert!(svg.contains("test accuracy") && svg.contains("loss evaluations"));
        assert!(svg.contains(&hex(strategy_colour(Strategy::FollowGradient))));
        assert!(svg.contains("guessing"));
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }
}
