//! `--svg`: the path of a run drawn over the surface's landscape, written as an SVG file.
//!
//! This could move to `downhill-plots`, which draws the site's figures; it lives here for now so the
//! command line does not wait on that crate. It draws in pixel coordinates with plain rectangles and
//! paths, so it needs nothing from plotters beyond the SVG backend.

use anyhow::{Result, anyhow};
use downhill_core::landscape::{Landscape, sample_log};
use downhill_core::surfaces::{Surface, View};
use downhill_core::trajectory::Trajectory;
use plotters::prelude::*;
use std::path::Path;

/// Width and height of the drawing in SVG user units.
const SIZE: (u32, u32) = (640, 480);

/// Landscape cells across and down: each is one SVG rectangle, so the file stays small.
const CELLS: (usize, usize) = (80, 60);

/// Colour stops from low loss (dark) to high loss (light), spaced evenly along `[0, 1]`.
const COLOUR_STOPS: [(u8, u8, u8); 4] =
    [(30, 20, 70), (30, 105, 140), (95, 190, 105), (245, 230, 90)];

const PATH_COLOUR: RGBColor = RGBColor(255, 80, 80);

/// Draws the log-scaled landscape of `surface` over its view, its minima as crosses, the run's path
/// with its start (a ring) and end (a dot), and `caption` in the top-left corner.
pub fn draw_run(
    path: &Path,
    surface: &dyn Surface,
    trajectory: &Trajectory,
    caption: &str,
) -> Result<()> {
    let view = surface.view();
    let landscape = sample_log(surface, &view, CELLS.0, CELLS.1);
    let area = SVGBackend::new(path, SIZE).into_drawing_area();
    let to_pixel = |point: [f64; 2]| pixel(&view, point);
    let drawing_error = |error| anyhow!("{error}");

    draw_landscape(&area, &landscape).map_err(drawing_error)?;
    for minimum in surface.minima() {
        area.draw(&Cross::new(to_pixel(minimum), 6, WHITE.stroke_width(2)))
            .map_err(drawing_error)?;
    }
    let pixels: Vec<(i32, i32)> = trajectory
        .points
        .iter()
        .map(|&point| to_pixel(point))
        .collect();
    area.draw(&PathElement::new(pixels, PATH_COLOUR.stroke_width(2)))
        .map_err(drawing_error)?;
    // The ends are marked only inside the view: the end of a diverged run lies far outside, and a
    // dot pinned to the canvas edge would suggest the run stopped there.
    let inside = |point: &[f64; 2]| view.contains(point[0], point[1]);
    if let Some(first) = trajectory.points.first().filter(|point| inside(point)) {
        area.draw(&Circle::new(to_pixel(*first), 6, WHITE.stroke_width(2)))
            .map_err(drawing_error)?;
    }
    if let Some(last) = trajectory.points.last().filter(|point| inside(point)) {
        area.draw(&Circle::new(to_pixel(*last), 4, PATH_COLOUR.filled()))
            .map_err(drawing_error)?;
    }
    let caption_style = ("sans-serif", 13).into_font().color(&WHITE);
    area.draw(&Text::new(caption.to_owned(), (8, 8), caption_style))
        .map_err(drawing_error)?;
    area.present().map_err(drawing_error)
}

fn draw_landscape<DB: DrawingBackend>(
    area: &DrawingArea<DB, plotters::coord::Shift>,
    landscape: &Landscape,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (width, height) = (SIZE.0 as usize, SIZE.1 as usize);
    for row in 0..landscape.height {
        for column in 0..landscape.width {
            let shade = landscape
                .value_at(column, row)
                .and_then(|value| landscape.normalized(value))
                .unwrap_or(1.0);
            let left = (column * width / landscape.width) as i32;
            let right = ((column + 1) * width / landscape.width) as i32;
            let top = (row * height / landscape.height) as i32;
            let bottom = ((row + 1) * height / landscape.height) as i32;
            area.draw(&Rectangle::new(
                [(left, top), (right, bottom)],
                colour(shade).filled(),
            ))?;
        }
    }
    Ok(())
}

/// The pixel of a point of the view, `y` growing downwards; points far outside are pulled in to
/// a few canvas widths away, so a diverging run never overflows a pixel coordinate.
fn pixel(view: &View, point: [f64; 2]) -> (i32, i32) {
    let (width, height) = (f64::from(SIZE.0), f64::from(SIZE.1));
    let across = (point[0] - view.x_min) / view.width() * width;
    let down = (view.y_max - point[1]) / view.height() * height;
    let limit = 10.0 * width.max(height);
    (
        across.clamp(-limit, limit).round() as i32,
        down.clamp(-limit, limit).round() as i32,
    )
}

/// The colour at `shade` in `[0, 1]`, interpolated between the neighbouring stops; a shade outside
/// is clamped, and NaN counts as 0.
fn colour(shade: f64) -> RGBColor {
    let shade = if shade.is_nan() {
        0.0
    } else {
        shade.clamp(0.0, 1.0)
    };
    let position = shade * (COLOUR_STOPS.len() - 1) as f64;
    let lower_idx = (position.floor() as usize).min(COLOUR_STOPS.len() - 2);
    let fraction = position - lower_idx as f64;
    let (low, high) = (COLOUR_STOPS[lower_idx], COLOUR_STOPS[lower_idx + 1]);
    let mix =
        |a: u8, b: u8| (f64::from(a) + fraction * (f64::from(b) - f64::from(a))).round() as u8;
    RGBColor(mix(low.0, high.0), mix(low.1, high.1), mix(low.2, high.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_colour_ramp_runs_from_the_first_stop_to_the_last() {
        let (first, last) = (COLOUR_STOPS[0], COLOUR_STOPS[COLOUR_STOPS.len() - 1]);
        assert_eq!(colour(0.0), RGBColor(first.0, first.1, first.2));
        assert_eq!(colour(1.0), RGBColor(last.0, last.1, last.2));
        assert_eq!(colour(f64::NAN), colour(0.0));
    }

    #[test]
    fn the_view_corners_land_on_the_canvas_corners_and_far_points_are_pulled_in() {
        let view = View {
            x_min: -2.0,
            x_max: 2.0,
            y_min: -1.0,
            y_max: 3.0,
        };
        assert_eq!(pixel(&view, [-2.0, 3.0]), (0, 0));
        assert_eq!(pixel(&view, [2.0, -1.0]), (SIZE.0 as i32, SIZE.1 as i32));
        let (far_x, far_y) = pixel(&view, [1e300, -1e300]);
        assert!(far_x > 0 && far_y > 0 && far_x < 100_000 && far_y < 100_000);
    }
}
