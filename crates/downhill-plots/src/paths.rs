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

/// What else the overlay marks.
#[derive(Debug, Clone)]
pub struct OverlayMarks<'a> {
    /// The shared start point, drawn as a ring.
    pub start: Option<[f64; 2]>,
    /// Known minima of the surface, drawn as small crosses.
    pub minima: &'a [[f64; 2]],
    /// Device pixels per CSS pixel, so lines are as thick on a phone's screen as on a laptop's.
    pub pixel_ratio: f64,
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

    for path in paths {
        let finite: Vec<(f64, f64)> = path
            .points
            .iter()
            .take_while(|point| inside(point))
            .map(|point| (point[0], point[1]))
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
