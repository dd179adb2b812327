//! Colours and sizes of the charts drawn with axes and text (the learning-rate schedules, the
//! minibatch noise cloud, the hyperparameter search): one light and one dark palette, so a chart on
//! canvas follows the reader's colour scheme while the SVG export and still stay light.

use plotters::style::RGBColor;

/// The colours of one scheme.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartPalette {
    pub background: RGBColor,
    pub text: RGBColor,
    /// Axis lines and tick marks.
    pub axis: RGBColor,
    /// Faint grid lines.
    pub grid: RGBColor,
    /// Marks that must stand out from every series: the full gradient, the cursor.
    pub emphasis: RGBColor,
    /// Series colours, told apart by lightness as well as hue so they read in greyscale too.
    pub series: [RGBColor; 4],
}

/// On a white background; series colours have at least 3:1 contrast against it.
pub const LIGHT: ChartPalette = ChartPalette {
    background: RGBColor(255, 255, 255),
    text: RGBColor(27, 31, 36),
    axis: RGBColor(90, 98, 110),
    grid: RGBColor(225, 229, 235),
    emphasis: RGBColor(0, 0, 0),
    series: [
        RGBColor(0, 102, 204),
        RGBColor(204, 68, 0),
        RGBColor(0, 136, 68),
        RGBColor(110, 110, 110),
    ],
};

/// On a near-black background.
pub const DARK: ChartPalette = ChartPalette {
    background: RGBColor(24, 27, 32),
    text: RGBColor(230, 233, 238),
    axis: RGBColor(160, 168, 180),
    grid: RGBColor(52, 58, 66),
    emphasis: RGBColor(255, 255, 255),
    series: [
        RGBColor(102, 178, 255),
        RGBColor(255, 140, 90),
        RGBColor(90, 210, 140),
        RGBColor(170, 170, 170),
    ],
};

/// A palette and the device pixels per CSS pixel, which every size is multiplied by so a chart is as
/// legible on a phone's dense screen as on a laptop's.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ChartStyle {
    pub palette: ChartPalette,
    pub pixel_ratio: f64,
}

impl ChartStyle {
    /// `pixel_ratio` is clamped to 0.5..=4 (1 when not finite), as the overlay does.
    pub fn new(palette: ChartPalette, pixel_ratio: f64) -> ChartStyle {
        let pixel_ratio = if pixel_ratio.is_finite() {
            pixel_ratio.clamp(0.5, 4.0)
        } else {
            1.0
        };
        ChartStyle {
            palette,
            pixel_ratio,
        }
    }

    /// `css_pixels` in device pixels, rounded, at least 1.
    pub fn px(&self, css_pixels: f64) -> u32 {
        (css_pixels * self.pixel_ratio).round().max(1.0) as u32
    }

    /// The font size of tick labels in device pixels.
    pub fn label_size(&self) -> f64 {
        12.0 * self.pixel_ratio
    }

    /// The font size of axis titles in device pixels.
    pub fn title_size(&self) -> f64 {
        13.0 * self.pixel_ratio
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_follow_the_pixel_ratio() {
        let style = ChartStyle::new(LIGHT, 2.0);
        assert_eq!(style.px(3.0), 6);
        assert_eq!(ChartStyle::new(DARK, f64::NAN).pixel_ratio, 1.0);
    }
}
