//! Loss landscapes as RGBA pixel buffers: colour from a lookup table, contour lines where the colour
//! band changes.
//!
//! The browser puts the buffer on a canvas in one call (`ImageData`); drawing one plotters rectangle
//! per cell instead took 46-133 ms per frame in Chromium (see ARCHITECTURE.md), which is why this
//! module bypasses plotters' drawing entirely and only borrows its colour map.

use plotters::style::colors::colormaps::{ColorMap, ViridisRGB};

/// How loss values map to the colour scale.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueScale {
    /// Evenly: right for quadratics and saddles whose range is a few units.
    Linear,
    /// Logarithmically compressed: right for Rosenbrock and Beale, whose values span many orders of
    /// magnitude and would otherwise show one colour with a thin dark valley.
    Logarithmic,
}

/// The widest range of values a linear colour scale shows well.
const LINEAR_RANGE_LIMIT: f64 = 100.0;

impl ValueScale {
    /// The one rule for every heatmap, live or built: a value range over 100 means a logarithmic
    /// colour scale (Rosenbrock and Beale span many orders of magnitude, and on a linear scale show
    /// one colour with a thin dark valley); anything else, a range that is not a number included,
    /// is linear.
    pub fn for_range(min: f64, max: f64) -> ValueScale {
        if max - min > LINEAR_RANGE_LIMIT {
            ValueScale::Logarithmic
        } else {
            ValueScale::Linear
        }
    }
}

/// Number of contour levels over the whole colour range.
pub const CONTOUR_LEVELS: f64 = 14.0;

const LUT_SIZE: usize = 256;

/// The colour table, computed once per landscape rather than once per pixel.
fn colour_table() -> Vec<[u8; 3]> {
    (0..LUT_SIZE)
        .map(|index| {
            let colour = ViridisRGB.get_color(index as f64 / (LUT_SIZE - 1) as f64);
            [colour.0, colour.1, colour.2]
        })
        .collect()
}

/// Maps a value to 0..=1 on the chosen scale; non-finite values map to `None`.
pub fn normalise(value: f64, min: f64, max: f64, scale: ValueScale) -> Option<f64> {
    if !value.is_finite() || !min.is_finite() || !max.is_finite() {
        return None;
    }
    let span = max - min;
    let linear = if span > 0.0 {
        ((value - min) / span).clamp(0.0, 1.0)
    } else {
        0.0
    };
    Some(match scale {
        ValueScale::Linear => linear,
        // ln(1 + k t) / ln(1 + k) keeps 0 at 0 and 1 at 1 while spreading the low values, where the
        // minima are, over most of the colours.
        ValueScale::Logarithmic => (1.0 + 1000.0 * linear).ln() / 1001.0_f64.ln(),
    })
}

/// The colour of band `band` of `n_bands` equal bands over the colour scale (its middle colour): the
/// filled contours of a still, where a smooth gradient would cost one shape per cell.
pub fn band_colour(band: usize, n_bands: usize) -> [u8; 3] {
    let n_bands = n_bands.max(1);
    let t = (band.min(n_bands - 1) as f64 + 0.5) / n_bands as f64;
    let colour = ViridisRGB.get_color(t);
    [colour.0, colour.1, colour.2]
}

/// A 2-D surface sampled at `columns x rows` points of its view and coloured under the one scale rule
/// ([`ValueScale::for_range`]): what every live heatmap of a surface puts on its canvas. Returns the
/// pixels with the sampled field, whose size and value range the caller keeps.
pub fn surface_rgba(
    surface: &dyn downhill_core::surfaces::Surface,
    columns: usize,
    rows: usize,
) -> (Vec<u8>, downhill_core::landscape::Landscape) {
    let field = downhill_core::landscape::sample(surface, &surface.view(), columns, rows);
    let scale = ValueScale::for_range(field.min, field.max);
    let rgba = landscape_rgba(
        &field.values,
        field.width,
        field.height,
        field.min,
        field.max,
        scale,
    );
    (rgba, field)
}

/// Colours a row-major field of `width * height` loss values into RGBA bytes, with darkened contour
/// lines where neighbouring pixels fall in different bands. Non-finite values are drawn mid-grey.
///
/// `values.len()` must be `width * height`; a shorter field is padded with grey rather than
/// panicking, because a wrong size is a bug to see, not a reason to lose the page.
pub fn landscape_rgba(
    values: &[f64],
    width: usize,
    height: usize,
    min: f64,
    max: f64,
    scale: ValueScale,
) -> Vec<u8> {
    let table = colour_table();
    let n_pixels = width.saturating_mul(height);
    let levels: Vec<Option<f64>> = (0..n_pixels)
        .map(|index| {
            values
                .get(index)
                .and_then(|&value| normalise(value, min, max, scale))
        })
        .collect();
    let band = |level: Option<f64>| level.map(|t| (t * CONTOUR_LEVELS).floor() as i64);
    let mut rgba = Vec::with_capacity(n_pixels * 4);
    for row in 0..height {
        for column in 0..width {
            let index = row * width + column;
            let Some(t) = levels[index] else {
                rgba.extend_from_slice(&[128, 128, 128, 255]);
                continue;
            };
            let [mut red, mut green, mut blue] =
                table[(t * (LUT_SIZE - 1) as f64).round() as usize];
            let here = band(levels[index]);
            let right = if column + 1 < width {
                band(levels[index + 1])
            } else {
                here
            };
            let below = if row + 1 < height {
                band(levels[index + width])
            } else {
                here
            };
            if right != here || below != here {
                // A contour: darken rather than paint black, so the line reads on every colour.
                red = (red as u16 * 5 / 8) as u8;
                green = (green as u16 * 5 / 8) as u8;
                blue = (blue as u16 * 5 / 8) as u8;
            }
            rgba.extend_from_slice(&[red, green, blue, 255]);
        }
    }
    rgba
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_over_100_is_coloured_on_the_logarithmic_scale() {
        assert_eq!(ValueScale::for_range(0.0, 100.0), ValueScale::Linear);
        assert_eq!(ValueScale::for_range(-50.0, 50.5), ValueScale::Logarithmic);
        assert_eq!(ValueScale::for_range(0.0, 1e6), ValueScale::Logarithmic);
        assert_eq!(ValueScale::for_range(0.0, f64::NAN), ValueScale::Linear);
        // The surfaces the lessons name: the bowl is linear, Rosenbrock logarithmic.
        use downhill_core::surfaces::SurfaceKind;
        for (kind, expected) in [
            (SurfaceKind::Bowl, ValueScale::Linear),
            (SurfaceKind::Rosenbrock, ValueScale::Logarithmic),
        ] {
            let surface = kind.build();
            let field = downhill_core::landscape::sample(surface.as_ref(), &surface.view(), 40, 30);
            assert_eq!(
                ValueScale::for_range(field.min, field.max),
                expected,
                "{kind:?}"
            );
        }
    }

    #[test]
    fn low_values_are_dark_and_high_values_are_light() {
        let rgba = landscape_rgba(&[0.0, 10.0], 2, 1, 0.0, 10.0, ValueScale::Linear);
        let brightness = |pixel: &[u8]| pixel[0] as u32 + pixel[1] as u32 + pixel[2] as u32;
        // Viridis runs from dark purple to bright yellow.
        assert!(brightness(&rgba[0..4]) < brightness(&rgba[4..8]));
        assert_eq!(rgba.len(), 8);
    }

    #[test]
    fn non_finite_values_are_grey_and_never_panic() {
        let rgba = landscape_rgba(
            &[f64::NAN, f64::INFINITY],
            2,
            1,
            0.0,
            1.0,
            ValueScale::Logarithmic,
        );
        assert_eq!(&rgba[0..4], &[128, 128, 128, 255]);
        assert_eq!(&rgba[4..8], &[128, 128, 128, 255]);
        let padded = landscape_rgba(&[0.5], 2, 2, 0.0, 1.0, ValueScale::Linear);
        assert_eq!(padded.len(), 16);
    }

    #[test]
    fn contour_lines_appear_where_the_band_changes() {
        // A ramp across 0..1 crosses every band, so some pixels must be darkened relative to the
        // colour of their own value.
        let width = 200;
        let values: Vec<f64> = (0..width)
            .map(|column| column as f64 / (width - 1) as f64)
            .collect();
        let with_lines = landscape_rgba(&values, width, 1, 0.0, 1.0, ValueScale::Linear);
        let table = colour_table();
        let darkened = (0..width)
            .filter(|&column| {
                let t = values[column];
                let plain = table[(t * 255.0).round() as usize];
                with_lines[column * 4] != plain[0] || with_lines[column * 4 + 1] != plain[1]
            })
            .count();
        assert!(
            (CONTOUR_LEVELS as usize - 1..=CONTOUR_LEVELS as usize + 1).contains(&darkened),
            "{darkened} contour pixels"
        );
    }

    #[test]
    fn logarithmic_scale_spreads_the_low_values() {
        let linear = normalise(1.0, 0.0, 100.0, ValueScale::Linear).unwrap();
        let logarithmic = normalise(1.0, 0.0, 100.0, ValueScale::Logarithmic).unwrap();
        assert!(logarithmic > 3.0 * linear, "{logarithmic} vs {linear}");
        assert_eq!(
            normalise(100.0, 0.0, 100.0, ValueScale::Logarithmic),
            Some(1.0)
        );
    }
}
