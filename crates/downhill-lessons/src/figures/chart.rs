//! A line chart in the site's figure style, shared by the figures that plot curves.

use downhill_plots::tick_labels::tick_label;
use plotters::prelude::*;

use super::svg::{FAINT, INK};

/// Size of a chart in SVG units. It scales to the column, so text is sized for about this width.
pub const CHART_SIZE: (u32, u32) = (640, 400);

/// The font family of all figure text; the reader's own sans-serif.
pub const FONT: &str = "sans-serif";

/// Text in the figure's ink. Plotters writes `size / 1.24` as the SVG font size. A 640-unit chart
/// shrinks to about 360 px on a 390 px phone, a scale of 0.56, so text needs about 18 units (size 22
/// or more) to stay at 10 px there; on a desktop column it then shows at about 20 px.
/// [`TICK_SIZE`] and the other sizes below are chosen that way.
pub fn text_style(size: u32) -> TextStyle<'static> {
    TextStyle::from((FONT, size).into_font()).color(&INK)
}

/// Size of tick labels and legend entries.
pub const TICK_SIZE: u32 = 23;

/// Size of axis descriptions, panel titles and mark labels.
pub const LABEL_SIZE: u32 = 24;

/// One curve.
pub struct Series {
    pub label: String,
    pub points: Vec<(f64, f64)>,
    pub colour: RGBColor,
    pub stroke_width: u32,
}

/// A point to mark with a dot and a label.
pub struct Mark {
    pub point: (f64, f64),
    pub label: String,
    pub colour: RGBColor,
    /// Whether the label goes below the dot (for minima) rather than above it.
    pub label_below: bool,
    /// Where the label's top centre goes, in data coordinates, when the space next to the dot is
    /// taken by curves. A thin line then joins the dot to the label.
    pub label_at: Option<(f64, f64)>,
}

/// What to draw and how the axes read.
pub struct LineChart<'a> {
    pub x_description: &'a str,
    pub y_description: &'a str,
    pub x_range: std::ops::Range<f64>,
    pub y_range: std::ops::Range<f64>,
    pub series: Vec<Series>,
    pub marks: Vec<Mark>,
    /// Whether to draw a legend box (a single curve needs none).
    pub legend: bool,
    /// A heading above the plot, for a panel of a figure with several.
    pub title: Option<&'a str>,
}

/// Draws `chart` and returns plotters' SVG document.
pub fn draw_line_chart(chart: &LineChart<'_>) -> Result<String, String> {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, CHART_SIZE).into_drawing_area();
        draw_line_chart_on(&area, chart)?;
        area.present().map_err(|error| error.to_string())?;
    }
    Ok(svg)
}

/// Draws `chart` on `area`, a whole figure or one panel of it.
pub fn draw_line_chart_on(
    area: &DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    chart: &LineChart<'_>,
) -> Result<(), String> {
    {
        let mut builder = ChartBuilder::on(area);
        if let Some(title) = chart.title {
            builder.caption(title, text_style(LABEL_SIZE));
        }
        // The right margin is wider than the others because the last x tick label is centred on
        // the plot's right edge and would otherwise be cut in half.
        let mut context = builder
            .margin(14)
            .margin_right(30)
            .x_label_area_size(58)
            .y_label_area_size(64)
            .build_cartesian_2d(chart.x_range.clone(), chart.y_range.clone())
            .map_err(|error| error.to_string())?;
        context
            .configure_mesh()
            .axis_style(INK)
            .bold_line_style(FAINT.mix(0.35))
            .light_line_style(TRANSPARENT)
            .label_style(text_style(TICK_SIZE))
            .axis_desc_style(text_style(LABEL_SIZE))
            .x_label_formatter(&|value| tick_label(*value))
            .y_label_formatter(&|value| tick_label(*value))
            .x_desc(chart.x_description)
            .y_desc(chart.y_description)
            .x_labels(6)
            .y_labels(5)
            .draw()
            .map_err(|error| error.to_string())?;
        for series in &chart.series {
            let style = ShapeStyle::from(&series.colour).stroke_width(series.stroke_width);
            let drawn = context
                .draw_series(LineSeries::new(series.points.iter().copied(), style))
                .map_err(|error| error.to_string())?;
            if chart.legend {
                drawn
                    .label(series.label.as_str())
                    .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 24, y)], style));
            }
        }
        for mark in &chart.marks {
            let colour = mark.colour;
            let label_style = text_style(LABEL_SIZE).pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Center,
                plotters::style::text_anchor::VPos::Top,
            ));
            if let Some(label_at) = mark.label_at {
                let leader = ShapeStyle::from(&INK.mix(0.7)).stroke_width(1);
                context
                    .draw_series(std::iter::once(PathElement::new(
                        vec![mark.point, label_at],
                        leader,
                    )))
                    .map_err(|error| error.to_string())?;
                context
                    .draw_series(std::iter::once(
                        EmptyElement::at(label_at)
                            + Text::new(mark.label.clone(), (0, 4), label_style.clone()),
                    ))
                    .map_err(|error| error.to_string())?;
                context
                    .draw_series(std::iter::once(Circle::new(mark.point, 6, colour.filled())))
                    .map_err(|error| error.to_string())?;
                continue;
            }
            let offset = if mark.label_below { 14 } else { -30 };
            context
                .draw_series(std::iter::once(
                    EmptyElement::at(mark.point)
                        + Circle::new((0, 0), 6, colour.filled())
                        + Text::new(mark.label.clone(), (0, offset), label_style),
                ))
                .map_err(|error| error.to_string())?;
        }
        if chart.legend {
            context
                .configure_series_labels()
                .position(SeriesLabelPosition::UpperMiddle)
                .label_font(text_style(TICK_SIZE))
                .border_style(INK.mix(0.6))
                .background_style(TRANSPARENT)
                .draw()
                .map_err(|error| error.to_string())?;
        }
    }
    Ok(())
}

/// Samples `function` at `n_points` evenly spaced points of `range`, ends included.
pub fn sample(
    range: std::ops::Range<f64>,
    n_points: usize,
    function: impl Fn(f64) -> f64,
) -> Vec<(f64, f64)> {
    let n_intervals = n_points.max(2) - 1;
    (0..=n_intervals)
        .map(|point_idx| {
            let x = range.start + (range.end - range.start) * point_idx as f64 / n_intervals as f64;
            (x, function(x))
        })
        .collect()
}
