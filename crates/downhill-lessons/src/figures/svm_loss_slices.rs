//! `svm-loss-1d-slice`, `svm-loss-2d-slice` and `svm-loss-2d-slice-one-example`: the multiclass SVM
//! loss of our digits classifier (no regularization) seen along random directions in its 650-number
//! weight space, as the documents do on CIFAR-10.
//!
//! From a random point `W` and random directions `W_1`, `W_2` of the same shape, the 1-D slice is
//! `L(W + a W_1)` over `a` and the 2-D slice is `L(W + a W_1 + b W_2)` over a grid of `(a, b)`,
//! drawn with low loss blue and high loss red.

use downhill_core::classifiers::svm;
use downhill_core::data::{DEFAULT_N_TEST, DEFAULT_N_VALIDATION, Dataset, PreparedDigits};
use downhill_core::rng::Rng;
use plotters::prelude::*;

use super::chart::{self, LineChart, Series, text_style};
use super::raster::{self, CellGrid};
use super::svg::{FAINT, INK};
use crate::resources::Resources;

/// The seed for the split and for the random point and directions, so every build draws the same
/// picture.
const SEED: u64 = 7;

/// The scale of the random point `W`: small, like the documents' `randn * 0.0001`, so the slice passes
/// near the point where all scores are equal and the loss is 9.
const POINT_SCALE: f64 = 0.001;

/// The range of `a` (and `b`): far enough that the loss grows well past its value at the centre.
const STEP_RANGE: std::ops::Range<f64> = -1.0..1.0;

/// How many training images the 2-D slice averages over. The documents used a hundred; it also keeps
/// the 64 x 64 grid of loss evaluations quick in a debug build.
const N_EXAMPLES_2D: usize = 100;

/// Cells along each side of the 2-D grid: fine enough that the straight edges between the linear
/// pieces read as straight.
const N_CELLS: usize = 64;

/// Colour bands of the 2-D slice. Banding the colours shows the level sets of the loss, whose
/// straight edges are the point of the picture.
const N_BANDS: usize = 14;

/// The training images after the lessons' preprocessing, and a random point and two directions.
struct Slice {
    train: Dataset,
    point: Vec<f64>,
    direction_a: Vec<f64>,
    direction_b: Vec<f64>,
}

fn slice(resources: &Resources) -> Result<Slice, String> {
    let digits = resources.digits()?;
    let prepared = PreparedDigits::new(digits, DEFAULT_N_VALIDATION, DEFAULT_N_TEST, SEED)
        .map_err(|error| error.to_string())?;
    let n_weights = prepared.train.n_weights();
    let mut rng = Rng::new(SEED);
    Ok(Slice {
        point: rng.normal_vec(n_weights, POINT_SCALE),
        direction_a: rng.normal_vec(n_weights, 1.0),
        direction_b: rng.normal_vec(n_weights, 1.0),
        train: prepared.train,
    })
}

/// `L(W + a W_1 + b W_2)` on `data`, without regularization.
fn loss_at(data: &Dataset, slice: &Slice, a: f64, b: f64) -> Result<f64, String> {
    let weights: Vec<f64> = slice
        .point
        .iter()
        .zip(&slice.direction_a)
        .zip(&slice.direction_b)
        .map(|((w, d_a), d_b)| w + a * d_a + b * d_b)
        .collect();
    svm::loss(data, &weights, 0.0).map_err(|error| error.to_string())
}

/// The 1-D slice follows one training image, as the documents' 1-D picture does: the loss of a
/// single example is a sum of nine hinges along the line, so its straight pieces and corners show.
/// Averaged over all images the corners would be too many and too small to see.
pub fn draw_1d(resources: &Resources) -> Result<String, String> {
    let slice = slice(resources)?;
    let one_example = slice.train.head(1);
    let n_points = 401;
    let range = -2.0..2.0;
    let mut points = Vec::with_capacity(n_points);
    for (a, _) in chart::sample(range.clone(), n_points, |a| a) {
        points.push((a, loss_at(&one_example, &slice, a, 0.0)?));
    }
    let y_max = points.iter().map(|(_, loss)| *loss).fold(0.0, f64::max);
    chart::draw_line_chart(&LineChart {
        x_description: "step a along the random direction W₁",
        y_description: "SVM loss of one image",
        x_range: range,
        y_range: 0.0..y_max * 1.05,
        series: vec![Series {
            label: "loss".to_string(),
            points,
            colour: INK,
            stroke_width: 3,
        }],
        marks: Vec::new(),
        legend: false,
        title: None,
    })
}

pub fn draw_2d(resources: &Resources) -> Result<String, String> {
    let slice = slice(resources)?;
    let data = slice.train.head(N_EXAMPLES_2D);
    draw_heatmap(&data, &slice)
}

pub fn draw_2d_one_example(resources: &Resources) -> Result<String, String> {
    let slice = slice(resources)?;
    let data = slice.train.head(1);
    draw_heatmap(&data, &slice)
}

/// A blue (low) to red (high) colour for `t` in `[0, 1]`, through a pale yellow, like a diverging
/// map, so both ends stay distinct from each other for readers with red-green colour blindness.
pub fn heat_colour(t: f64) -> RGBColor {
    const STOPS: [(f64, [f64; 3]); 5] = [
        (0.0, [44.0, 123.0, 182.0]),
        (0.25, [171.0, 217.0, 233.0]),
        (0.5, [255.0, 255.0, 191.0]),
        (0.75, [253.0, 174.0, 97.0]),
        (1.0, [215.0, 25.0, 28.0]),
    ];
    let t = if t.is_finite() {
        t.clamp(0.0, 1.0)
    } else {
        1.0
    };
    let upper = STOPS
        .iter()
        .position(|(stop, _)| *stop >= t)
        .unwrap_or(STOPS.len() - 1)
        .max(1);
    let (low_stop, low) = STOPS[upper - 1];
    let (high_stop, high) = STOPS[upper];
    let fraction = (t - low_stop) / (high_stop - low_stop);
    let channel = |index: usize| (low[index] + (high[index] - low[index]) * fraction).round() as u8;
    RGBColor(channel(0), channel(1), channel(2))
}

fn draw_heatmap(data: &Dataset, slice: &Slice) -> Result<String, String> {
    let step = (STEP_RANGE.end - STEP_RANGE.start) / N_CELLS as f64;
    let centre = |cell_idx: usize| STEP_RANGE.start + (cell_idx as f64 + 0.5) * step;
    let mut losses = vec![0.0; N_CELLS * N_CELLS];
    for row in 0..N_CELLS {
        for column in 0..N_CELLS {
            losses[row * N_CELLS + column] = loss_at(data, slice, centre(column), centre(row))?;
        }
    }
    let (low, high) = losses
        .iter()
        .fold((f64::MAX, f64::MIN), |(low, high), &loss| {
            (low.min(loss), high.max(loss))
        });
    let band_of = |loss: f64| {
        (((loss - low) / (high - low).max(1e-12)) * N_BANDS as f64)
            .floor()
            .min(N_BANDS as f64 - 1.0) as usize
    };

    let mut svg = String::new();
    let cells_image;
    {
        let area = SVGBackend::with_string(&mut svg, (560, 520)).into_drawing_area();
        let mut context = ChartBuilder::on(&area)
            .margin(14)
            // Room for the last x tick label, centred on the plot's right edge.
            .margin_right(30)
            .x_label_area_size(58)
            .y_label_area_size(64)
            .build_cartesian_2d(STEP_RANGE, STEP_RANGE)
            .map_err(|error| error.to_string())?;
        // The cells go in as one PNG under the axes (raster.rs says why); the image's top row is
        // the grid's last row, the largest b.
        let cells = CellGrid {
            width: N_CELLS,
            height: N_CELLS,
            cells: (0..N_CELLS)
                .rev()
                .flat_map(|row| (0..N_CELLS).map(move |column| (row, column)))
                .map(|(row, column)| {
                    let band = band_of(losses[row * N_CELLS + column]);
                    heat_colour((band as f64 + 0.5) / N_BANDS as f64)
                })
                .collect(),
        };
        let (x_pixels, y_pixels) = context.plotting_area().get_pixel_range();
        cells_image =
            cells.to_svg_image(x_pixels.start, y_pixels.start, x_pixels.end, y_pixels.end)?;
        context
            .configure_mesh()
            .disable_mesh()
            .axis_style(INK)
            .label_style(text_style(chart::TICK_SIZE))
            .axis_desc_style(text_style(chart::LABEL_SIZE))
            .x_label_formatter(&|value| downhill_plots::tick_labels::tick_label(*value))
            .y_label_formatter(&|value| downhill_plots::tick_labels::tick_label(*value))
            .x_desc("step a along W₁")
            .y_desc("step b along W₂")
            .x_labels(5)
            .y_labels(5)
            .draw()
            .map_err(|error| error.to_string())?;
        context
            .draw_series(std::iter::once(Circle::new(
                (0.0, 0.0),
                5,
                ShapeStyle::from(&FAINT).stroke_width(2),
            )))
            .map_err(|error| error.to_string())?;
        area.present().map_err(|error| error.to_string())?;
    }
    raster::insert_first(&svg, &cells_image)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heat_colours_run_from_blue_to_red() {
        let RGBColor(red_low, _, blue_low) = heat_colour(0.0);
        let RGBColor(red_high, _, blue_high) = heat_colour(1.0);
        assert!(blue_low > red_low && red_high > blue_high);
        assert_eq!(heat_colour(f64::NAN), heat_colour(1.0));
    }

    #[test]
    fn the_heatmap_is_one_image_under_the_axes_not_thousands_of_rectangles() {
        let resources = crate::resources::Resources::new(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."),
        );
        let svg = draw_2d(&resources).unwrap();
        assert_eq!(svg.matches("<image").count(), 1);
        assert!(
            svg.matches("<rect").count() < 10,
            "{} rectangles",
            svg.matches("<rect").count()
        );
        assert!(svg.find("<image").unwrap() < svg.find("<text").unwrap());
        assert!(svg.len() < 20_000, "{} bytes", svg.len());
    }
}
