//! A surface sampled on a grid over a view: the numbers behind every heatmap.

use crate::surfaces::{Surface, View};
use serde::{Deserialize, Serialize};

/// The most cells along either side of a grid: a full-resolution canvas of 1600 x 1200 device pixels
/// fits, and a grid never takes more than 2048 x 2048 x 8 bytes = 32 MiB.
pub const MAX_GRID_SIDE: usize = 2048;

/// How the sampled values relate to the surface's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scale {
    /// The values themselves: `f(x, y)`.
    Linear,
    /// `ln(1 + f(x, y) - f_min)`, with `f_min` the smallest finite value on the grid: zero at the
    /// lowest cell and growing slowly, so a surface whose range is huge (Rosenbrock's runs from 0 to
    /// thousands in its view) still shows its valley.
    Log,
}

/// The values of a surface at the centres of a `width x height` grid of cells covering a view.
///
/// Row-major, row 0 at the top (`y` near `y_max`), column 0 at the left (`x` near `x_min`), as an image
/// is stored. A value that is not finite is kept as it is and left out of `min` and `max`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Landscape {
    pub view: View,
    /// Columns: cells along `x`.
    pub width: usize,
    /// Rows: cells along `y`.
    pub height: usize,
    pub scale: Scale,
    pub values: Vec<f64>,
    /// The smallest finite value (0 when there is none).
    pub min: f64,
    /// The largest finite value (0 when there is none).
    pub max: f64,
}

/// Samples `surface` at the centre of each cell of a `width x height` grid over `view`. Both counts
/// are clamped to `1..=MAX_GRID_SIDE`.
///
/// Never fails, so a demo can always draw what comes back: a view that is not a rectangle (a bound
/// not finite, or a range empty or reversed) gives an empty landscape, `0 x 0` with no values.
pub fn sample<S: Surface + ?Sized>(
    surface: &S,
    view: &View,
    width: usize,
    height: usize,
) -> Landscape {
    if !view.is_valid() {
        return Landscape {
            view: *view,
            width: 0,
            height: 0,
            scale: Scale::Linear,
            values: Vec::new(),
            min: 0.0,
            max: 0.0,
        };
    }
    let width = width.clamp(1, MAX_GRID_SIDE);
    let height = height.clamp(1, MAX_GRID_SIDE);
    let mut landscape = Landscape {
        view: *view,
        width,
        height,
        scale: Scale::Linear,
        values: Vec::with_capacity(width * height),
        min: 0.0,
        max: 0.0,
    };
    for row in 0..height {
        let y = landscape.y_at(row);
        for column in 0..width {
            landscape
                .values
                .push(surface.value(landscape.x_at(column), y));
        }
    }
    landscape.update_range();
    landscape
}

/// Like [`sample`], then mapped to [`Scale::Log`]: `ln(1 + f - min)`.
pub fn sample_log<S: Surface + ?Sized>(
    surface: &S,
    view: &View,
    width: usize,
    height: usize,
) -> Landscape {
    let mut landscape = sample(surface, view, width, height);
    let lowest = landscape.min;
    for value in &mut landscape.values {
        *value = (*value - lowest).ln_1p();
    }
    landscape.scale = Scale::Log;
    landscape.update_range();
    landscape
}

impl Landscape {
    /// The `x` at the centre of column `column`: `x_min + (column + 1/2) (x_max - x_min) / width`.
    pub fn x_at(&self, column: usize) -> f64 {
        self.view.x_min + (column as f64 + 0.5) * self.view.width() / self.width as f64
    }

    /// The `y` at the centre of row `row`, counted from the top:
    /// `y_max - (row + 1/2) (y_max - y_min) / height`.
    pub fn y_at(&self, row: usize) -> f64 {
        self.view.y_max - (row as f64 + 0.5) * self.view.height() / self.height as f64
    }

    /// The value of the cell in `column` and `row`, if both are inside the grid.
    pub fn value_at(&self, column: usize, row: usize) -> Option<f64> {
        if column >= self.width {
            return None;
        }
        self.values.get(row * self.width + column).copied()
    }

    /// The value mapped to `[0, 1]` between `min` and `max` (0.5 when they are equal), for a colour
    /// scale; `None` for a value that is not finite.
    pub fn normalized(&self, value: f64) -> Option<f64> {
        if !value.is_finite() {
            return None;
        }
        let range = self.max - self.min;
        if range > 0.0 {
            Some(((value - self.min) / range).clamp(0.0, 1.0))
        } else {
            Some(0.5)
        }
    }

    /// Sets `min` and `max` from the finite values, or both to 0 when there is none.
    fn update_range(&mut self) {
        let finite = self
            .values
            .iter()
            .copied()
            .filter(|value| value.is_finite());
        let (min, max) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(min, max), value| {
            (min.min(value), max.max(value))
        });
        (self.min, self.max) = if min <= max { (min, max) } else { (0.0, 0.0) };
    }
}
