//! Still pictures of the demos, drawn at build time as SVG: what a reader sees before the wasm
//! arrives, or without scripts at all. Each is a real run of the demo's defaults, not a mock-up.

use crate::heatmap::{self, ValueScale};
use crate::paths::{self, OverlayMarks, PathToDraw};
use downhill_core::optimizers::Hyperparameters;
use downhill_core::surfaces::{Surface, SurfaceKind};
use plotters::prelude::*;
use plotters_svg::SVGBackend;

/// Size of a still in SVG user units; it scales to the column width on the page.
pub const STILL_SIZE: (u32, u32) = (640, 480);

/// Heatmap cells across a still. Coarse on purpose: every cell is an SVG rectangle, and 48 x 36 keeps
/// the page light while the contours still read.
const STILL_CELLS: (usize, usize) = (48, 36);

/// The SVG still of a demo, or `None` when no demo has that name.
pub fn demo_still_svg(demo_name: &str) -> Option<String> {
    match demo_name {
        "saddle-race" => Some(race_still(
            SurfaceKind::BoundedSaddle,
            &crate::race_style::RACE_DEFAULTS,
        )),
        "blindfolded-hiker" => Some(crate::hiker::hiker_still()),
        "lr-schedules" => Some(crate::lr_schedules::still_svg()),
        "hyperparameter-search" => Some(crate::hyperparameter_search::still_svg()),
        "gradient-check" => Some(crate::gradient_check::still_svg()),
        "step-size-paths" => Some(crate::step_size::paths_still_svg()),
        _ => None,
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
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, STILL_SIZE).into_drawing_area();
        draw_heatmap_cells(&area, surface);
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
    svg
}

pub(crate) fn draw_heatmap_cells<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    surface: &dyn Surface,
) {
    let (columns, rows) = STILL_CELLS;
    let field = downhill_core::landscape::sample(surface, &surface.view(), columns, rows);
    let scale = if field.max - field.min > 100.0 {
        ValueScale::Logarithmic
    } else {
        ValueScale::Linear
    };
    let rgba = heatmap::landscape_rgba(
        &field.values,
        field.width,
        field.height,
        field.min,
        field.max,
        scale,
    );
    let (width, height) = area.dim_in_pixel();
    for row in 0..field.height {
        for column in 0..field.width {
            let pixel = &rgba[(row * field.width + column) * 4..][..4];
            let left = (column as u32 * width / field.width as u32) as i32;
            let right = ((column as u32 + 1) * width / field.width as u32) as i32;
            let top = (row as u32 * height / field.height as u32) as i32;
            let bottom = ((row as u32 + 1) * height / field.height as u32) as i32;
            let _ = area.draw(&Rectangle::new(
                [(left, top), (right, bottom)],
                RGBColor(pixel[0], pixel[1], pixel[2]).filled(),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_race_still_shows_the_landscape_and_every_racer() {
        let svg = demo_still_svg("saddle-race").expect("the race has a still");
        assert!(svg.starts_with("<svg"), "{}", &svg[..80]);
        assert!(svg.matches("<rect").count() >= STILL_CELLS.0 * STILL_CELLS.1);
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
    fn an_unknown_demo_has_no_still() {
        assert!(demo_still_svg("no-such-demo").is_none());
    }
}
