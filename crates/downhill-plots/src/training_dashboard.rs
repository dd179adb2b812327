//! The training dashboard's picture: three charts on one shared epoch axis, stacked, as lesson 6
//! says to watch a training run.
//!
//! 1. The loss of every batch against epoch (linear or logarithmic), with the loss on all the
//!    training data at the end of each epoch, the loss expected at the start (ln 10 or 9) as a dashed
//!    line, and the previous run's batch losses in grey for comparison.
//! 2. Training and validation accuracy at the end of each epoch: the gap between them is overfitting.
//! 3. The update-to-weight ratio of every step on a log scale, over a band around the healthy 1e-3.
//!
//! A run with one step per example has hundreds of thousands of points; drawing each would cost
//! more than a frame. [`envelope`] keeps, for every pixel column, the lowest and highest value in it,
//! which draws the same picture (the wiggle is exactly the spread within a column) from at most two
//! points per column.

use crate::tick_labels::tick_label;
use downhill_core::live_training::{ExpectedInitialLoss, HEALTHY_UPDATE_RATIO, StepRecord};
use downhill_core::training::EpochRecord;
use plotters::coord::Shift;
use plotters::prelude::*;

/// Colours of the dashboard in one colour scheme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DashboardPalette {
    pub background: RGBColor,
    pub text: RGBColor,
    pub grid: RGBColor,
    /// The batch losses and the update ratios.
    pub batch: RGBColor,
    /// The loss on all the training data, and the training accuracy.
    pub train: RGBColor,
    pub validation: RGBColor,
    /// The previous run, and the reference lines.
    pub previous: RGBColor,
    /// The healthy band of the update ratio.
    pub band: RGBColor,
    pub warning: RGBColor,
}

/// On white; every ink has at least 3:1 contrast against the background.
pub const LIGHT: DashboardPalette = DashboardPalette {
    background: RGBColor(255, 255, 255),
    text: RGBColor(27, 31, 36),
    grid: RGBColor(228, 231, 236),
    batch: RGBColor(0, 102, 204),
    train: RGBColor(20, 30, 60),
    validation: RGBColor(204, 68, 0),
    previous: RGBColor(130, 136, 145),
    band: RGBColor(214, 240, 220),
    warning: RGBColor(176, 0, 32),
};

/// On near-black, for the dark colour scheme.
pub const DARK: DashboardPalette = DashboardPalette {
    background: RGBColor(24, 27, 32),
    text: RGBColor(230, 233, 238),
    grid: RGBColor(52, 58, 66),
    batch: RGBColor(102, 178, 255),
    train: RGBColor(240, 240, 240),
    validation: RGBColor(255, 140, 90),
    previous: RGBColor(125, 132, 142),
    band: RGBColor(32, 70, 45),
    warning: RGBColor(255, 120, 120),
};

/// The dashboard's default run, shared by the live demo and its still: softmax, learning rate 0.1,
/// regularization 1e-3, batches of 10, 20 epochs, seed 1.
pub const DEFAULT_SETTINGS: downhill_core::live_training::LiveSettings =
    downhill_core::live_training::LiveSettings {
        loss_kind: downhill_core::classifiers::LossKind::Softmax,
        reg: 1e-3,
        learning_rate: 0.1,
        batch_size: 10,
        n_epochs: 20,
        seed: 1,
    };

/// The healthy range drawn around the update-to-weight ratio of 1e-3: the core's band, in which it
/// judges a ratio about right.
pub const HEALTHY_RATIO_BAND: (f64, f64) = downhill_core::live_training::HEALTHY_UPDATE_RATIO_BAND;

/// Everything the dashboard draws.
pub struct DashboardPicture<'a> {
    pub steps: &'a [StepRecord],
    pub epochs: &'a [EpochRecord],
    /// The batch losses of the run before the last change of settings, drawn in grey.
    pub previous_steps: Option<&'a [StepRecord]>,
    /// The length of the epoch axis.
    pub n_epochs: usize,
    /// The loss expected at small weights, drawn at its value and named by its formula (`ln 10`,
    /// `9`).
    pub expected_initial_loss: ExpectedInitialLoss,
    pub log_loss: bool,
    /// The step at which the run blew up, to say so on the chart.
    pub diverged_at: Option<usize>,
    /// Device pixels per CSS pixel, so lines and text keep their size on any screen.
    pub pixel_ratio: f64,
    pub palette: DashboardPalette,
}

/// Shares of the height: the loss chart gets the most room.
const PANEL_SHARES: [f64; 3] = [0.46, 0.27, 0.27];

/// Draws the three charts into `area`.
pub fn draw_dashboard<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    picture: &DashboardPicture<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&picture.palette.background)?;
    let (_, height) = area.dim_in_pixel();
    let first = (height as f64 * PANEL_SHARES[0]).round() as u32;
    let second = (height as f64 * PANEL_SHARES[1]).round() as u32;
    let (loss_area, rest) = area.split_vertically(first);
    let (accuracy_area, ratio_area) = rest.split_vertically(second);
    draw_loss_panel(&loss_area, picture)?;
    draw_accuracy_panel(&accuracy_area, picture)?;
    draw_ratio_panel(&ratio_area, picture)?;
    Ok(())
}

/// Sizes scaled by the pixel ratio.
struct Scale(f64);

impl Scale {
    fn of(picture: &DashboardPicture<'_>) -> Scale {
        let ratio = picture.pixel_ratio;
        Scale(if ratio.is_finite() {
            ratio.clamp(0.5, 4.0)
        } else {
            1.0
        })
    }
    fn px(&self, css_pixels: f64) -> u32 {
        (css_pixels * self.0).round().max(1.0) as u32
    }
    fn font(&self, picture: &DashboardPicture<'_>) -> TextStyle<'static> {
        (FontFamily::SansSerif, self.px(12.0) as f64)
            .into_font()
            .color(&picture.palette.text)
    }
}

fn x_range(picture: &DashboardPicture<'_>) -> std::ops::Range<f64> {
    0.0..picture.n_epochs.max(1) as f64
}

/// How many columns of the chart to keep points for: one per device pixel is all a line can show.
fn columns<DB: DrawingBackend>(area: &DrawingArea<DB, Shift>) -> usize {
    (area.dim_in_pixel().0 as usize).clamp(16, 4096)
}

fn draw_loss_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    picture: &DashboardPicture<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let scale = Scale::of(picture);
    let palette = picture.palette;
    let n_columns = columns(area);
    let x_max = picture.n_epochs.max(1) as f64;
    let batch_points = envelope(
        picture
            .steps
            .iter()
            .map(|step| (step.epoch, step.batch_loss)),
        x_max,
        n_columns,
    );
    let previous_points = picture
        .previous_steps
        .map(|steps| {
            envelope(
                steps.iter().map(|step| (step.epoch, step.batch_loss)),
                x_max,
                n_columns,
            )
        })
        .unwrap_or_default();
    let epoch_points: Vec<(f64, f64)> = picture
        .epochs
        .iter()
        .map(|record| (record.epoch as f64, record.train_loss))
        .filter(|(_, loss)| loss.is_finite())
        .collect();
    let expected = picture.expected_initial_loss.value;
    let expected_name = picture.expected_initial_loss.formula();
    let highest = batch_points
        .iter()
        .chain(&previous_points)
        .chain(&epoch_points)
        .map(|&(_, loss)| loss)
        .fold(expected, f64::max);
    let font = scale.font(picture);
    // A legend of our own above the plot: plotters' boxed legend would cover the curve.
    let mut entries = vec![
        (palette.batch, "loss of each batch".to_string()),
        (palette.train, "training loss, all data".to_string()),
        (
            palette.previous,
            format!("expected at start: {expected_name}"),
        ),
    ];
    if !previous_points.is_empty() {
        entries.push((palette.previous, "previous settings".to_string()));
    }
    let legend = LegendLayout::new(area, &entries, &scale);
    let mut builder = ChartBuilder::on(area);
    builder
        .margin(scale.px(8.0))
        .margin_top(legend.height)
        .margin_right(scale.px(16.0))
        .margin_bottom(scale.px(2.0))
        .x_label_area_size(scale.px(20.0))
        .y_label_area_size(scale.px(48.0));
    let series_width = scale.px(1.0);
    let thick = scale.px(2.0);
    if picture.log_loss {
        let lowest = batch_points
            .iter()
            .chain(&epoch_points)
            .map(|&(_, loss)| loss)
            .filter(|loss| *loss > 0.0)
            .fold(expected, f64::min);
        let floor = (lowest * 0.8).max(1e-4);
        let top = highest * 1.5;
        let mut chart = builder.build_cartesian_2d(x_range(picture), (floor..top).log_scale())?;
        chart
            .configure_mesh()
            .y_desc("loss (log scale)")
            .x_labels(6)
            .x_label_formatter(&epoch_label)
            .y_labels(5)
            .label_style(font.clone())
            .axis_desc_style(font.clone())
            .axis_style(palette.text.stroke_width(1))
            .bold_line_style(palette.grid.stroke_width(1))
            .light_line_style(TRANSPARENT)
            .y_label_formatter(&|value| tick_label(*value))
            .draw()?;
        let clamp = |(x, y): (f64, f64)| (x, y.max(floor));
        chart.draw_series(LineSeries::new(
            previous_points.iter().copied().map(clamp),
            palette.previous.stroke_width(series_width),
        ))?;
        chart.draw_series(DashedLineSeries::new(
            [(0.0, expected), (x_max, expected)],
            scale.px(6.0),
            scale.px(4.0),
            palette.previous.stroke_width(series_width),
        ))?;
        chart.draw_series(LineSeries::new(
            batch_points.iter().copied().map(clamp),
            palette.batch.stroke_width(series_width),
        ))?;
        chart.draw_series(LineSeries::new(
            epoch_points.iter().copied().map(clamp),
            palette.train.stroke_width(thick),
        ))?;
        if epoch_points.len() <= 60 {
            chart.draw_series(
                epoch_points
                    .iter()
                    .copied()
                    .map(clamp)
                    .map(|point| Circle::new(point, scale.px(2.5), palette.train.filled())),
            )?;
        }
    } else {
        let top = highest * 1.08;
        let mut chart = builder.build_cartesian_2d(x_range(picture), 0.0..top)?;
        chart
            .configure_mesh()
            .y_desc("loss")
            .x_labels(6)
            .x_label_formatter(&epoch_label)
            .y_labels(5)
            .label_style(font.clone())
            .axis_desc_style(font.clone())
            .axis_style(palette.text.stroke_width(1))
            .bold_line_style(palette.grid.stroke_width(1))
            .light_line_style(TRANSPARENT)
            .y_label_formatter(&|value| tick_label(*value))
            .draw()?;
        chart.draw_series(LineSeries::new(
            previous_points.iter().copied(),
            palette.previous.stroke_width(series_width),
        ))?;
        chart.draw_series(DashedLineSeries::new(
            [(0.0, expected), (x_max, expected)],
            scale.px(6.0),
            scale.px(4.0),
            palette.previous.stroke_width(series_width),
        ))?;
        chart.draw_series(LineSeries::new(
            batch_points.iter().copied(),
            palette.batch.stroke_width(series_width),
        ))?;
        chart.draw_series(LineSeries::new(
            epoch_points.iter().copied(),
            palette.train.stroke_width(thick),
        ))?;
        if epoch_points.len() <= 60 {
            chart.draw_series(
                epoch_points
                    .iter()
                    .map(|&point| Circle::new(point, scale.px(2.5), palette.train.filled())),
            )?;
        }
    }
    legend.draw(area, &entries, &scale, picture)?;
    if let Some(step) = picture.diverged_at {
        let (width, height) = area.dim_in_pixel();
        let big = (FontFamily::SansSerif, scale.px(16.0) as f64)
            .into_font()
            .style(FontStyle::Bold)
            .color(&palette.warning)
            .pos(plotters::style::text_anchor::Pos::new(
                plotters::style::text_anchor::HPos::Center,
                plotters::style::text_anchor::VPos::Center,
            ));
        area.draw(&Text::new(
            format!("diverged at step {step}"),
            (width as i32 / 2, height as i32 / 2),
            big,
        ))?;
    }
    Ok(())
}

fn draw_accuracy_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    picture: &DashboardPicture<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let scale = Scale::of(picture);
    let palette = picture.palette;
    let font = scale.font(picture);
    let entries = [
        (palette.train, "training accuracy".to_string()),
        (palette.validation, "validation accuracy".to_string()),
    ];
    let legend = LegendLayout::new(area, &entries, &scale);
    let mut chart = ChartBuilder::on(area)
        .margin(scale.px(8.0))
        .margin_top(legend.height)
        .margin_right(scale.px(16.0))
        .margin_bottom(scale.px(2.0))
        .x_label_area_size(scale.px(20.0))
        .y_label_area_size(scale.px(48.0))
        .build_cartesian_2d(x_range(picture), 0.0..100.0)?;
    chart
        .configure_mesh()
        .y_desc("accuracy %")
        .x_labels(6)
        .x_label_formatter(&epoch_label)
        .y_labels(5)
        .y_label_formatter(&|value| format!("{value:.0}"))
        .label_style(font.clone())
        .axis_desc_style(font)
        .axis_style(palette.text.stroke_width(1))
        .bold_line_style(palette.grid.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .draw()?;
    let train: Vec<(f64, f64)> = picture
        .epochs
        .iter()
        .map(|record| (record.epoch as f64, 100.0 * record.train_accuracy))
        .filter(|(_, accuracy)| accuracy.is_finite())
        .collect();
    let validation: Vec<(f64, f64)> = picture
        .epochs
        .iter()
        .filter_map(|record| {
            record
                .validation_accuracy
                .map(|accuracy| (record.epoch as f64, 100.0 * accuracy))
        })
        .filter(|(_, accuracy)| accuracy.is_finite())
        .collect();
    let thick = scale.px(2.0);
    let dot = scale.px(2.5);
    for (points, colour) in [(&train, palette.train), (&validation, palette.validation)] {
        chart.draw_series(LineSeries::new(
            points.iter().copied(),
            colour.stroke_width(thick),
        ))?;
        // Dots only while they stay apart; at many epochs the line says it all.
        if points.len() <= 60 {
            chart.draw_series(
                points
                    .iter()
                    .map(|&point| Circle::new(point, dot, colour.filled())),
            )?;
        }
    }
    legend.draw(area, &entries, &scale, picture)?;
    Ok(())
}

fn draw_ratio_panel<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    picture: &DashboardPicture<'_>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let scale = Scale::of(picture);
    let palette = picture.palette;
    let font = scale.font(picture);
    let x_max = picture.n_epochs.max(1) as f64;
    let points = envelope(
        picture
            .steps
            .iter()
            .map(|step| (step.epoch, step.update_ratio))
            .filter(|(_, ratio)| *ratio > 0.0),
        x_max,
        columns(area),
    );
    let (band_low, band_high) = HEALTHY_RATIO_BAND;
    let low = points
        .iter()
        .map(|&(_, ratio)| ratio)
        .fold(band_low / 10.0, f64::min)
        .max(1e-9);
    let high = points
        .iter()
        .map(|&(_, ratio)| ratio)
        .fold(band_high * 10.0, f64::max)
        .min(1e6);
    let entries = [
        (palette.batch, "‖update‖ / ‖W‖ each step".to_string()),
        (
            palette.band,
            format!("healthy: about {HEALTHY_UPDATE_RATIO:e}"),
        ),
    ];
    let legend = LegendLayout::new(area, &entries, &scale);
    let mut chart = ChartBuilder::on(area)
        .margin(scale.px(8.0))
        .margin_top(legend.height)
        .margin_right(scale.px(16.0))
        .x_label_area_size(scale.px(34.0))
        .y_label_area_size(scale.px(48.0))
        .build_cartesian_2d(x_range(picture), (low..high).log_scale())?;
    chart.draw_series(std::iter::once(Rectangle::new(
        [(0.0, band_low), (x_max, band_high)],
        palette.band.filled(),
    )))?;
    chart
        .configure_mesh()
        .x_desc("epoch")
        .y_desc("update / weight")
        .x_labels(6)
        .x_label_formatter(&epoch_label)
        .y_labels(3)
        .label_style(font.clone())
        .axis_desc_style(font)
        .axis_style(palette.text.stroke_width(1))
        .bold_line_style(palette.grid.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .y_label_formatter(&|value| tick_label(*value))
        .draw()?;
    chart.draw_series(DashedLineSeries::new(
        [(0.0, HEALTHY_UPDATE_RATIO), (x_max, HEALTHY_UPDATE_RATIO)],
        scale.px(6.0),
        scale.px(4.0),
        palette.previous.stroke_width(scale.px(1.0)),
    ))?;
    chart.draw_series(LineSeries::new(
        points.iter().copied(),
        palette.batch.stroke_width(scale.px(1.0)),
    ))?;
    legend.draw(area, &entries, &scale, picture)?;
    Ok(())
}

/// The size of the SVG export and still, in SVG user units.
pub const SVG_SIZE: (u32, u32) = (640, 560);

/// The dashboard as SVG: the demo's export, drawn by the same code as its canvas.
pub fn dashboard_svg(picture: &DashboardPicture<'_>) -> String {
    let mut svg = String::new();
    {
        let area = crate::any_backend::AnyBackend::new(plotters_svg::SVGBackend::with_string(
            &mut svg, SVG_SIZE,
        ))
        .into_drawing_area();
        // Drawing into a String cannot fail.
        let _ = draw_dashboard(&area, picture);
        let _ = area.present();
    }
    svg
}

/// Where a panel's legend entries go: rows along the top, right-aligned, wrapped when a row would
/// not fit (a phone), with the height they take so the plot starts below them.
struct LegendLayout {
    /// The left edge and the row of each entry.
    places: Vec<(i32, usize)>,
    height: u32,
}

impl LegendLayout {
    fn new<DB: DrawingBackend>(
        area: &DrawingArea<DB, Shift>,
        entries: &[(RGBColor, String)],
        scale: &Scale,
    ) -> LegendLayout {
        let (width, _) = area.dim_in_pixel();
        // Text width is estimated (about 0.55 em per character), close enough to lay out a row
        // without font metrics, so the canvas and the SVG lay out the same.
        let char_width = scale.0 * 11.0 * 0.55;
        let swatch = scale.px(14.0) as i32 + scale.px(4.0) as i32;
        let gap = scale.px(12.0) as i32;
        let widths: Vec<i32> = entries
            .iter()
            .map(|(_, name)| swatch + (name.chars().count() as f64 * char_width) as i32)
            .collect();
        let left_limit = scale.px(8.0) as i32;
        let right = width as i32 - scale.px(16.0) as i32;
        // Fill rows from the left, then shift each row to end at the right edge.
        let mut rows: Vec<Vec<usize>> = vec![Vec::new()];
        let mut used = 0;
        for (index, entry_width) in widths.iter().enumerate() {
            let row = rows.last_mut().expect("there is always a row");
            let needed = if row.is_empty() {
                *entry_width
            } else {
                used + gap + entry_width
            };
            if !row.is_empty() && needed > right - left_limit {
                rows.push(vec![index]);
                used = *entry_width;
            } else {
                row.push(index);
                used = needed;
            }
        }
        let mut places = vec![(0, 0); entries.len()];
        for (row_index, row) in rows.iter().enumerate() {
            let total: i32 =
                row.iter().map(|&index| widths[index]).sum::<i32>() + gap * (row.len() as i32 - 1);
            let mut x = (right - total).max(left_limit);
            for &index in row {
                places[index] = (x, row_index);
                x += widths[index] + gap;
            }
        }
        let line_height = scale.px(15.0);
        LegendLayout {
            places,
            height: line_height * rows.len() as u32 + scale.px(8.0),
        }
    }

    fn draw<DB: DrawingBackend>(
        &self,
        area: &DrawingArea<DB, Shift>,
        entries: &[(RGBColor, String)],
        scale: &Scale,
        picture: &DashboardPicture<'_>,
    ) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
        let font = (FontFamily::SansSerif, scale.px(11.0) as f64)
            .into_font()
            .color(&picture.palette.text);
        let line_height = scale.px(15.0) as i32;
        for ((colour, name), &(x, row)) in entries.iter().zip(&self.places) {
            let y = scale.px(10.0) as i32 + row as i32 * line_height;
            area.draw(&Rectangle::new(
                [
                    (x, y - scale.px(2.0) as i32),
                    (x + scale.px(14.0) as i32, y + scale.px(2.0) as i32),
                ],
                colour.filled(),
            ))?;
            area.draw(&Text::new(
                name.clone(),
                (x + scale.px(18.0) as i32, y),
                font.clone().pos(plotters::style::text_anchor::Pos::new(
                    plotters::style::text_anchor::HPos::Left,
                    plotters::style::text_anchor::VPos::Center,
                )),
            ))?;
        }
        Ok(())
    }
}

/// Thins a series for drawing: splits `0..x_max` into `n_columns` equal columns and keeps, in each,
/// the points with the lowest and the highest y, in their original order. Points whose y is not a
/// finite number are dropped (a run that blew up leaves them). At most `2 * n_columns` points.
pub fn envelope(
    points: impl Iterator<Item = (f64, f64)>,
    x_max: f64,
    n_columns: usize,
) -> Vec<(f64, f64)> {
    let n_columns = n_columns.max(1);
    let width = if x_max.is_finite() && x_max > 0.0 {
        x_max / n_columns as f64
    } else {
        1.0
    };
    let mut kept = Vec::new();
    // The current column and its lowest and highest point so far.
    type Point = (f64, f64);
    let mut column: Option<(usize, Point, Point)> = None;
    let flush = |kept: &mut Vec<(f64, f64)>, low: (f64, f64), high: (f64, f64)| {
        if low == high {
            kept.push(low);
        } else if low.0 <= high.0 {
            kept.extend([low, high]);
        } else {
            kept.extend([high, low]);
        }
    };
    for (x, y) in points {
        if !(x.is_finite() && y.is_finite()) {
            continue;
        }
        let index = (x / width).floor().max(0.0) as usize;
        match &mut column {
            Some((current, low, high)) if *current == index => {
                if y < low.1 {
                    *low = (x, y);
                }
                if y > high.1 {
                    *high = (x, y);
                }
            }
            _ => {
                if let Some((_, low, high)) = column {
                    flush(&mut kept, low, high);
                }
                column = Some((index, (x, y), (x, y)));
            }
        }
    }
    if let Some((_, low, high)) = column {
        flush(&mut kept, low, high);
    }
    kept
}

/// Epochs on the x axis: whole numbers where they are whole.
fn epoch_label(value: &f64) -> String {
    if (value - value.round()).abs() < 1e-9 {
        format!("{value:.0}")
    } else {
        tick_label(*value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use downhill_core::classifiers::LossKind;
    use plotters_svg::SVGBackend;

    fn records(n_steps: usize, steps_per_epoch: usize) -> (Vec<StepRecord>, Vec<EpochRecord>) {
        let steps = (0..n_steps)
            .map(|step| StepRecord {
                epoch: step as f64 / steps_per_epoch as f64,
                batch_loss: 2.3 / (1.0 + step as f64 * 0.01) + 0.1 * ((step % 7) as f64),
                update_ratio: 1e-3 * (1.0 + (step % 5) as f64),
            })
            .collect();
        let epochs = (0..=n_steps / steps_per_epoch)
            .map(|epoch| EpochRecord {
                epoch,
                train_loss: 2.3 / (1.0 + epoch as f64),
                train_accuracy: 0.5 + 0.04 * epoch as f64,
                validation_accuracy: Some(0.45 + 0.035 * epoch as f64),
            })
            .collect();
        (steps, epochs)
    }

    fn svg_of(picture: &DashboardPicture<'_>) -> String {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (640, 560)).into_drawing_area();
            draw_dashboard(&area, picture).unwrap();
            area.present().unwrap();
        }
        assert_eq!(svg, dashboard_svg(picture), "the export draws the same");
        svg
    }

    #[test]
    fn the_envelope_keeps_each_columns_extremes_in_order() {
        let points = [
            (0.1, 5.0),
            (0.2, 1.0),
            (0.3, 3.0),
            (1.5, 2.0),
            (1.6, f64::NAN),
        ];
        let kept = envelope(points.into_iter(), 2.0, 2);
        assert_eq!(kept, vec![(0.1, 5.0), (0.2, 1.0), (1.5, 2.0)]);
        let many = (0..100_000).map(|idx| (idx as f64 / 1000.0, (idx % 13) as f64));
        let thinned = envelope(many, 100.0, 300);
        assert!(thinned.len() <= 600, "{}", thinned.len());
        assert_eq!(thinned.iter().map(|p| p.1).fold(f64::MAX, f64::min), 0.0);
        assert_eq!(thinned.iter().map(|p| p.1).fold(f64::MIN, f64::max), 12.0);
    }

    #[test]
    fn the_dashboard_draws_every_series_in_both_scales_without_nan() {
        let (steps, epochs) = records(500, 50);
        for log_loss in [false, true] {
            let picture = DashboardPicture {
                steps: &steps,
                epochs: &epochs,
                previous_steps: Some(&steps[..200]),
                n_epochs: 20,
                expected_initial_loss: ExpectedInitialLoss::new(LossKind::Softmax, 10),
                log_loss,
                diverged_at: Some(499),
                pixel_ratio: 1.0,
                palette: LIGHT,
            };
            let svg = svg_of(&picture);
            for colour in [LIGHT.batch, LIGHT.train, LIGHT.validation, LIGHT.previous] {
                let RGBColor(red, green, blue) = colour;
                let hex = format!("#{red:02X}{green:02X}{blue:02X}");
                assert!(svg.contains(&hex), "no {hex} with log_loss {log_loss}");
            }
            assert!(svg.contains("diverged at step 499"));
            assert!(svg.contains("expected at start: ln 10"));
            assert!(svg.contains("healthy: about 1e-3"));
            assert!(!svg.contains("NaN") && !svg.contains("inf"));
            assert!(
                !svg.contains("style="),
                "inline styles break the content policy"
            );
        }
    }

    #[test]
    fn an_empty_run_and_a_run_with_zero_loss_still_draw() {
        let empty = DashboardPicture {
            steps: &[],
            epochs: &[],
            previous_steps: None,
            n_epochs: 0,
            expected_initial_loss: ExpectedInitialLoss::new(LossKind::Svm, 10),
            log_loss: true,
            diverged_at: None,
            pixel_ratio: f64::NAN,
            palette: DARK,
        };
        assert!(svg_of(&empty).starts_with("<svg"));
        let (mut steps, epochs) = records(100, 10);
        steps.iter_mut().for_each(|step| step.batch_loss = 0.0);
        let zero = DashboardPicture {
            steps: &steps,
            epochs: &epochs,
            ..empty
        };
        assert!(!svg_of(&zero).contains("NaN"));
    }
}
