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

/// Formats a tick or readout number compactly (no NaN or infinity ever printed: those become "–").
pub fn tick_label(value: f64) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let magnitude = value.abs();
    if magnitude == 0.0 {
        "0".to_string()
    } else if !(1e-2..1e4).contains(&magnitude) {
        let exponent = magnitude.log10().floor();
        let mantissa = value / 10f64.powf(exponent);
        if !mantissa.is_finite() {
            // Below about 1e-308, 10^exponent underflows to 0 and the mantissa would print "inf".
            format!("{value:.0e}")
        } else if (mantissa.abs() - 1.0).abs() < 1e-9 {
            format!(
                "{}1e{}",
                if value < 0.0 { "-" } else { "" },
                exponent as i32
            )
        } else {
            format!("{mantissa:.1}e{}", exponent as i32)
        }
    } else {
        let text = format!("{value:.3}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {

    /// No f64 at all (NaN, infinities, subnormals, the extremes) is printed as "NaN" or "inf".
    fn assert_readable(text: &str, value: f64) {
        let lower = text.to_ascii_lowercase();
        assert!(
            !lower.contains("nan") && !lower.contains("inf"),
            "{value:e} printed as {text}"
        );
    }

    #[test]
    fn tick_label_never_prints_nan_or_infinity_for_the_edge_values() {
        for value in [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            5e-324,
            -5e-324,
            1e-310,
            0.0,
            -0.0,
            9.96e-3,
            1e12,
        ] {
            assert_readable(&tick_label(value), value);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            cases: 512,
            failure_persistence: None,
            ..proptest::test_runner::Config::default()
        })]

        #[test]
        fn tick_label_never_prints_nan_or_infinity(value in proptest::num::f64::ANY) {
            assert_readable(&tick_label(value), value);
        }
    }
    use super::*;

    #[test]
    fn tick_labels_are_short_and_never_nan() {
        assert_eq!(tick_label(0.5), "0.5");
        assert_eq!(tick_label(100.0), "100");
        assert_eq!(tick_label(0.001), "1e-3");
        assert_eq!(tick_label(2.5e-5), "2.5e-5");
        assert_eq!(tick_label(f64::NAN), "–");
        assert_eq!(tick_label(0.0), "0");
    }

    #[test]
    fn sizes_follow_the_pixel_ratio() {
        let style = ChartStyle::new(LIGHT, 2.0);
        assert_eq!(style.px(3.0), 6);
        assert_eq!(ChartStyle::new(DARK, f64::NAN).pixel_ratio, 1.0);
    }
}
