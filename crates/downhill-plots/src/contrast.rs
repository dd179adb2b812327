//! WCAG 2.1 contrast between two colours, so the tests below can hold every chart's text to the
//! same 4.5:1 the page's own text meets (site.css notes its ratios; the browser tests measure them).
//! Text drawn on a canvas is invisible to the browser's accessibility checks, so it is checked here,
//! colour against colour, for the light and the dark palette of every chart.

use plotters::style::RGBColor;

/// WCAG's minimum for normal-size text (success criterion 1.4.3, level AA).
pub const TEXT_MINIMUM: f64 = 4.5;

/// The relative luminance of an sRGB colour, as WCAG 2.1 defines it.
pub fn relative_luminance(RGBColor(red, green, blue): RGBColor) -> f64 {
    let linear = |channel: u8| {
        let value = f64::from(channel) / 255.0;
        if value <= 0.039_28 {
            value / 12.92
        } else {
            ((value + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
}

/// The contrast ratio of two colours, from 1 (the same) to 21 (black on white), in either order.
pub fn contrast_ratio(first: RGBColor, second: RGBColor) -> f64 {
    let (a, b) = (relative_luminance(first), relative_luminance(second));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// `top` drawn with opacity `alpha` over `bottom`: how a translucent box looks on what is under it.
pub fn blend(top: RGBColor, alpha: f64, bottom: RGBColor) -> RGBColor {
    let mix = |over: u8, under: u8| {
        (alpha * f64::from(over) + (1.0 - alpha) * f64::from(under)).round() as u8
    };
    RGBColor(
        mix(top.0, bottom.0),
        mix(top.1, bottom.1),
        mix(top.2, bottom.2),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{chart_style, gradient_check, hiker, loss_plot, step_size, training_dashboard};
    use plotters::style::{BLACK, WHITE};

    /// Every (what, text colour, background) a chart draws text on, in both schemes.
    fn text_on_backgrounds() -> Vec<(String, RGBColor, RGBColor)> {
        let mut pairs = Vec::new();
        let mut add = |what: &str, ink: RGBColor, background: RGBColor| {
            pairs.push((what.to_string(), ink, background));
        };
        for (scheme, palette) in [("light", chart_style::LIGHT), ("dark", chart_style::DARK)] {
            add(
                &format!("chart_style {scheme} text"),
                palette.text,
                palette.background,
            );
            add(
                &format!("chart_style {scheme} axis"),
                palette.axis,
                palette.background,
            );
        }
        for (scheme, palette) in [("light", step_size::LIGHT), ("dark", step_size::DARK)] {
            add(
                &format!("step_size {scheme} text"),
                palette.text,
                palette.background,
            );
            add(
                &format!("step_size {scheme} axis"),
                palette.axis,
                palette.background,
            );
        }
        for (scheme, palette) in [
            ("light", training_dashboard::LIGHT),
            ("dark", training_dashboard::DARK),
        ] {
            add(
                &format!("training_dashboard {scheme} text"),
                palette.text,
                palette.background,
            );
            add(
                &format!("training_dashboard {scheme} warning"),
                palette.warning,
                palette.background,
            );
        }
        for (scheme, theme) in [
            ("light", gradient_check::LIGHT_THEME),
            ("dark", gradient_check::DARK_THEME),
        ] {
            add(
                &format!("gradient_check {scheme} ink"),
                theme.ink,
                theme.background,
            );
            // Labels and the title may sit over the bands that fill the plot.
            for (band_idx, band) in theme.bands.iter().enumerate() {
                add(
                    &format!("gradient_check {scheme} ink on band {band_idx}"),
                    theme.ink,
                    *band,
                );
            }
        }
        add(
            "race loss chart light text",
            loss_plot::LIGHT_INK.text,
            loss_plot::LIGHT_FIGURE_BACKGROUND,
        );
        add(
            "race loss chart dark text",
            loss_plot::DARK_INK.text,
            loss_plot::DARK_FIGURE_BACKGROUND,
        );
        add(
            "hiker accuracy chart text",
            hiker::CHART_TEXT,
            hiker::CHART_BACKGROUND,
        );
        // White words on a translucent black box over the landscape: the worst landscape colour
        // under the box is white.
        for landscape in [WHITE, RGBColor(253, 231, 37)] {
            add(
                "hiker banner on the landscape",
                WHITE,
                blend(BLACK, hiker::BANNER_SHADE, landscape),
            );
            add(
                "step-size corner note on the landscape",
                WHITE,
                blend(BLACK, step_size::CORNER_NOTE_SHADE, landscape),
            );
        }
        pairs
    }

    #[test]
    fn the_formula_gives_wcags_reference_values() {
        assert!((contrast_ratio(BLACK, WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(WHITE, WHITE) - 1.0).abs() < 1e-9);
        // #767676 on white is the well-known lightest grey that passes 4.5:1 (4.54).
        let grey = RGBColor(0x76, 0x76, 0x76);
        assert!((contrast_ratio(grey, WHITE) - 4.54).abs() < 0.01);
        assert!(contrast_ratio(RGBColor(0x77, 0x77, 0x77), WHITE) < TEXT_MINIMUM);
        assert_eq!(blend(BLACK, 0.5, WHITE), RGBColor(128, 128, 128));
    }

    #[test]
    fn chart_text_meets_wcag_aa_in_light_and_dark() {
        let failing: Vec<String> = text_on_backgrounds()
            .into_iter()
            .filter_map(|(what, ink, background)| {
                let ratio = contrast_ratio(ink, background);
                (ratio < TEXT_MINIMUM)
                    .then(|| format!("{what}: {ink:?} on {background:?} is {ratio:.2}:1"))
            })
            .collect();
        assert!(failing.is_empty(), "below 4.5:1:\n{}", failing.join("\n"));
    }
}
