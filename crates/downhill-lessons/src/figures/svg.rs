//! Turning plotters' SVG output into an inline SVG that fits the page: it scales to the column
//! width, has an accessible name, and draws its text and axes in the page's text colour so it
//! reads in the dark theme too.

use plotters::style::RGBColor;

use crate::html::escape;

/// The colour figures draw text, axes and outlines with. It is never shown as itself: every use is
/// rewritten to `currentColor`, so the SVG, being inline, takes the page's text colour in either
/// theme. An odd near-black is used so that no other colour can be mistaken for it.
pub const INK: RGBColor = RGBColor(0x01, 0x02, 0x03);

/// The four series colours, readable on the light page. `site.css` swaps each for a lighter tone in
/// the dark theme by matching these exact values (`[stroke="#1F5FBF"]`), so keep the two in step.
pub const SERIES: [RGBColor; 4] = [
    RGBColor(0x1F, 0x5F, 0xBF),
    RGBColor(0xB3, 0x59, 0x00),
    RGBColor(0x2E, 0x7D, 0x32),
    RGBColor(0xA0, 0x2C, 0x8C),
];

/// A faint colour for grid lines and box fills, the same in both themes.
pub const FAINT: RGBColor = RGBColor(0x88, 0x88, 0x88);

/// Rewrites a plotters SVG document for inline use.
///
/// The fixed `width` and `height` go (the `viewBox` stays, so CSS can size it), the root gets
/// `class` and `role="img"` with `label` as its accessible name, and [`INK`] becomes `currentColor`.
pub fn make_inline(raw_svg: &str, class: &str, label: &str) -> String {
    let Some(open_start) = raw_svg.find("<svg") else {
        return raw_svg.to_string();
    };
    let Some(open_len) = raw_svg[open_start..].find('>') else {
        return raw_svg.to_string();
    };
    let open_tag = &raw_svg[open_start..open_start + open_len + 1];
    let view_box = attribute(open_tag, "viewBox").unwrap_or("0 0 640 480");
    let new_open = format!(
        "<svg class=\"{}\" viewBox=\"{}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        escape(class),
        escape(view_box),
        escape(label),
    );
    let ink = hex(INK);
    let body = &raw_svg[open_start + open_len + 1..];
    format!(
        "{new_open}{}",
        body.replace(&format!("\"{ink}\""), "\"currentColor\"")
            .trim_end()
    )
}

/// The `#RRGGBB` spelling plotters' SVG backend writes for a colour.
pub fn hex(colour: RGBColor) -> String {
    let RGBColor(red, green, blue) = colour;
    format!("#{red:02X}{green:02X}{blue:02X}")
}

fn attribute<'t>(tag: &'t str, name: &str) -> Option<&'t str> {
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_svg_scales_is_labelled_and_follows_the_text_colour() {
        let raw = "<svg width=\"640\" height=\"480\" viewBox=\"0 0 640 480\" xmlns=\"http://www.w3.org/2000/svg\">\n\
                   <text fill=\"#010203\">w</text><line stroke=\"#010203\"/></svg>\n";
        let inline = make_inline(raw, "figure-plot", "A \"bowl\"");
        assert!(
            inline.starts_with("<svg class=\"figure-plot\" viewBox=\"0 0 640 480\" role=\"img\""),
            "{inline}"
        );
        assert!(
            inline.contains("aria-label=\"A &quot;bowl&quot;\""),
            "{inline}"
        );
        assert!(!inline.contains("width=\"640\""), "{inline}");
        assert!(!inline.contains("#010203"), "{inline}");
        assert_eq!(inline.matches("currentColor").count(), 2, "{inline}");
    }
}
