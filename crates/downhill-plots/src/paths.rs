//! Optimizer paths drawn over a landscape: the overlay layer of the race and the step-size demos.
//!
//! Generic over plotters' `DrawingBackend`, so the canvas in the browser and the SVG still written at
//! build time are the same drawing. The chart fills the whole area with no margin, so that a data
//! coordinate lands on the same pixel here as in the heatmap layer underneath.

use plotters::coord::Shift;
use plotters::prelude::*;
use std::ops::Range;

/// One optimizer's path as the overlay draws it.
#[derive(Debug, Clone)]
pub struct PathToDraw<'a> {
    /// Iterates from the start, in data coordinates. Only finite points are drawn.
    pub points: &'a [[f64; 2]],
    pub colour: RGBColor,
    /// Whether this run has stopped (converged or diverged): its head is drawn hollow.
    pub stopped: bool,
}

/// An arrow in data coordinates: the inspector's next step, for instance.
#[derive(Debug, Clone, Copy)]
pub struct Arrow {
    pub from: [f64; 2],
    pub to: [f64; 2],
    pub colour: RGBColor,
}

/// What else the overlay marks.
#[derive(Debug, Clone, Default)]
pub struct OverlayMarks<'a> {
    /// The shared start point, drawn as a ring.
    pub start: Option<[f64; 2]>,
    /// Known minima of the surface, drawn as small crosses.
    pub minima: &'a [[f64; 2]],
    /// Device pixels per CSS pixel, so lines are as thick on a phone's screen as on a laptop's.
    pub pixel_ratio: f64,
    /// Arrows drawn over the paths.
    pub arrows: &'a [Arrow],
    /// Hollow rings, such as Nesterov's look-ahead point.
    pub rings: &'a [([f64; 2], RGBColor)],
}

/// Draws paths and marks over a transparent area that spans `x_range` by `y_range` exactly.
pub fn draw_paths<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    x_range: Range<f64>,
    y_range: Range<f64>,
    paths: &[PathToDraw<'_>],
    marks: &OverlayMarks<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let scale = if marks.pixel_ratio.is_finite() {
        marks.pixel_ratio.clamp(0.5, 4.0)
    } else {
        1.0
    };
    let line_width = (2.0 * scale).round().max(1.0) as u32;
    let head_radius = (5.0 * scale).round() as i32;
    let mut chart = ChartBuilder::on(area)
        .margin(0)
        .build_cartesian_2d(x_range.clone(), y_range.clone())?;
    let inside = |point: &[f64; 2]| point[0].is_finite() && point[1].is_finite();

    for minimum in marks.minima.iter().filter(|point| inside(point)) {
        chart.draw_series(std::iter::once(Cross::new(
            (minimum[0], minimum[1]),
            head_radius,
            WHITE.stroke_width(line_width),
        )))?;
    }

    // A diverging run leaves the view by hundreds of orders of magnitude; drawing libraries turn
    // such coordinates into pixels that overflow, and one failed series would stop every later path
    // from being drawn. Points are pulled in to a band a hundred views wide, which keeps each line's
    // direction out of the picture and its pixels representable.
    let pull_in = |value: f64, range: &Range<f64>| {
        let span = (range.end - range.start).abs().max(f64::MIN_POSITIVE);
        let low = range.start.min(range.end) - 100.0 * span;
        let high = range.start.max(range.end) + 100.0 * span;
        value.clamp(low, high)
    };
    for path in paths {
        let finite: Vec<(f64, f64)> = path
            .points
            .iter()
            .take_while(|point| inside(point))
            .map(|point| (pull_in(point[0], &x_range), pull_in(point[1], &y_range)))
            .collect();
        // A dark casing under the coloured line keeps every path readable on light and dark parts
        // of the landscape alike.
        chart.draw_series(LineSeries::new(
            finite.iter().copied(),
            BLACK
                .mix(0.55)
                .stroke_width(line_width + 2 * scale.round() as u32),
        ))?;
        chart.draw_series(LineSeries::new(
            finite.iter().copied(),
            path.colour.stroke_width(line_width),
        ))?;
        if let Some(&head) = finite.last() {
            let style = if path.stopped {
                path.colour.stroke_width(line_width)
            } else {
                path.colour.filled()
            };
            chart.draw_series(std::iter::once(Circle::new(
                head,
                head_radius + line_width as i32,
                BLACK.mix(0.6).filled(),
            )))?;
            chart.draw_series(std::iter::once(Circle::new(head, head_radius, style)))?;
        }
    }

    for arrow in marks
        .arrows
        .iter()
        .filter(|arrow| inside(&arrow.from) && inside(&arrow.to))
    {
        draw_arrow(&mut chart, arrow, line_width, head_radius as f64)?;
    }
    for (ring, colour) in marks.rings.iter().filter(|(point, _)| inside(point)) {
        chart.draw_series(std::iter::once(Circle::new(
            (ring[0], ring[1]),
            head_radius + 3,
            colour.stroke_width(line_width),
        )))?;
    }

    if let Some(start) = marks.start.filter(|point| inside(point)) {
        let start = (start[0], start[1]);
        chart.draw_series(std::iter::once(Circle::new(
            start,
            head_radius + 2,
            WHITE.stroke_width(line_width),
        )))?;
    }
    Ok(())
}

/// A shaft and a two-stroke head, drawn in pixel space so the head keeps its shape on any scale.
fn draw_arrow<DB: DrawingBackend>(
    chart: &mut ChartContext<
        '_,
        DB,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    arrow: &Arrow,
    line_width: u32,
    head_length: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let from = chart.backend_coord(&(arrow.from[0], arrow.from[1]));
    let to = chart.backend_coord(&(arrow.to[0], arrow.to[1]));
    let (dx, dy) = ((to.0 - from.0) as f64, (to.1 - from.1) as f64);
    let length = dx.hypot(dy);
    if length < 1.0 {
        return Ok(());
    }
    let (ux, uy) = (dx / length, dy / length);
    let head = head_length.min(length * 0.5) * 1.6;
    let wing = |sign: f64| {
        (
            to.0 - (head * (ux - sign * 0.5 * uy)).round() as i32,
            to.1 - (head * (uy + sign * 0.5 * ux)).round() as i32,
        )
    };
    let style = arrow.colour.stroke_width(line_width);
    let area = chart.plotting_area().strip_coord_spec();
    area.draw(&PathElement::new(vec![from, to], style))?;
    area.draw(&PathElement::new(vec![wing(1.0), to, wing(-1.0)], style))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters_svg::SVGBackend;

    fn render(paths: &[PathToDraw<'_>]) -> String {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (200, 100)).into_drawing_area();
            let marks = OverlayMarks {
                start: Some([0.0, 0.0]),
                minima: &[[1.0, 0.5]],
                pixel_ratio: 1.0,
                ..OverlayMarks::default()
            };
            draw_paths(&area, -1.0..1.0, -1.0..1.0, paths, &marks).unwrap();
            area.present().unwrap();
        }
        svg
    }

    #[test]
    fn each_path_becomes_a_line_in_its_colour() {
        let points = [[0.0, 0.0], [0.5, 0.5], [0.9, -0.9]];
        let svg = render(&[PathToDraw {
            points: &points,
            colour: RGBColor(230, 80, 20),
            stopped: false,
        }]);
        assert!(
            svg.contains("#E65014"),
            "the path's colour is missing:\n{svg}"
        );
        assert!(svg.contains("<polyline"), "no line drawn:\n{svg}");
    }

    #[test]
    fn a_diverging_path_does_not_stop_the_paths_after_it() {
        let diverging = [[0.0, 0.0], [3.0, -40.0], [-2e150, 9e200], [1e300, -1e305]];
        let calm = [[0.0, 0.0], [0.2, 0.1]];
        let svg = render(&[
            PathToDraw {
                points: &diverging,
                colour: RGBColor(230, 80, 20),
                stopped: true,
            },
            PathToDraw {
                points: &calm,
                colour: RGBColor(20, 90, 230),
                stopped: false,
            },
        ]);
        assert!(svg.contains("#E65014"), "the diverging path is missing");
        assert!(svg.contains("#145AE6"), "the path after it is missing");
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        // Every drawn coordinate stays within a few hundred views of the 200 x 100 picture.
        for number in svg
            .split(|c: char| !(c.is_ascii_digit() || c == '-' || c == '.'))
            .filter_map(|text| text.parse::<f64>().ok())
        {
            assert!(number.abs() < 1e6, "coordinate {number} in\n{svg}");
        }
    }

    #[test]
    fn a_path_is_drawn_only_up_to_its_first_non_finite_point() {
        let clean = [[0.0, 0.0], [0.5, 0.5]];
        let broken = [[0.0, 0.0], [0.5, 0.5], [f64::NAN, 1.0], [0.9, 0.9]];
        let colour = RGBColor(10, 200, 30);
        let svg_clean = render(&[PathToDraw {
            points: &clean,
            colour,
            stopped: true,
        }]);
        let svg_broken = render(&[PathToDraw {
            points: &broken,
            colour,
            stopped: true,
        }]);
        assert_eq!(svg_clean, svg_broken);
        assert!(!svg_broken.contains("NaN"));
    }

    #[test]
    fn an_arrow_is_a_shaft_and_a_head_in_its_colour() {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (200, 100)).into_drawing_area();
            let arrows = [Arrow {
                from: [-0.5, 0.0],
                to: [0.5, 0.0],
                colour: RGBColor(1, 200, 3),
            }];
            let marks = OverlayMarks {
                pixel_ratio: 1.0,
                arrows: &arrows,
                ..OverlayMarks::default()
            };
            draw_paths(&area, -1.0..1.0, -1.0..1.0, &[], &marks).unwrap();
            area.present().unwrap();
        }
        assert_eq!(svg.matches("#01C803").count(), 2, "{svg}");
    }

    #[test]
    fn the_chart_spans_the_whole_area() {
        // The point (1, -1) is the bottom-right corner of the data range, so it must land at the
        // bottom-right pixel: the heatmap underneath has no margin either.
        let points = [[-1.0, 1.0], [1.0, -1.0]];
        let svg = render(&[PathToDraw {
            points: &points,
            colour: RGBColor(1, 2, 3),
            stopped: false,
        }]);
        assert!(
            svg.contains("0,0 199,99") || svg.contains("0,0 200,100"),
            "{svg}"
        );
    }
}
