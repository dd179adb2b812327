//! A grid of coloured cells drawn as one embedded PNG inside a figure's SVG.
//!
//! Why: as SVG rectangles, the 64 x 64 loss heatmaps cost 50-66 KB of HTML and thousands of DOM
//! nodes each, and the lesson holding two of them painted its first screen late (issue 6). The same
//! cells as a PNG `data:` URL are a few KB and one element. The image is scaled up with
//! `image-rendering: pixelated` (site.css) so each cell stays a sharp square, as the rectangles were.
//! The content policy allows `img-src data:`, so this loads nothing.

use base64::Engine;
use plotters::style::RGBColor;

/// A `width` x `height` grid of colours, row by row from the top.
pub struct CellGrid {
    pub width: usize,
    pub height: usize,
    pub cells: Vec<RGBColor>,
}

impl CellGrid {
    /// The grid as a PNG file, 8-bit RGB, one pixel per cell.
    pub fn to_png(&self) -> Result<Vec<u8>, String> {
        if self.cells.len() != self.width * self.height || self.cells.is_empty() {
            return Err(format!(
                "a {} x {} grid needs {} colours, got {}",
                self.width,
                self.height,
                self.width * self.height,
                self.cells.len()
            ));
        }
        let mut bytes = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut bytes, self.width as u32, self.height as u32);
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_depth(png::BitDepth::Eight);
            encoder.set_compression(png::Compression::Best);
            let mut writer = encoder.write_header().map_err(|error| error.to_string())?;
            let rgb: Vec<u8> = self
                .cells
                .iter()
                .flat_map(|RGBColor(red, green, blue)| [*red, *green, *blue])
                .collect();
            writer
                .write_image_data(&rgb)
                .map_err(|error| error.to_string())?;
        }
        Ok(bytes)
    }

    /// An SVG `<image>` showing the grid stretched over the pixel box `(left, top)` to
    /// `(right, bottom)` of the figure.
    pub fn to_svg_image(
        &self,
        left: i32,
        top: i32,
        right: i32,
        bottom: i32,
    ) -> Result<String, String> {
        let png = self.to_png()?;
        let encoded = base64::engine::general_purpose::STANDARD.encode(png);
        Ok(format!(
            "<image class=\"figure-cells\" x=\"{left}\" y=\"{top}\" width=\"{}\" height=\"{}\" \
             preserveAspectRatio=\"none\" href=\"data:image/png;base64,{encoded}\"/>",
            right - left,
            bottom - top
        ))
    }
}

/// `svg` with `element` placed first inside its root, so everything plotters drew (axes, labels,
/// markers) is painted over it.
pub fn insert_first(svg: &str, element: &str) -> Result<String, String> {
    let open_start = svg.find("<svg").ok_or("the figure has no <svg> element")?;
    let open_end = open_start
        + svg[open_start..]
            .find('>')
            .ok_or("the figure's <svg> tag is not closed")?
        + 1;
    Ok(format!(
        "{}\n{element}{}",
        &svg[..open_end],
        &svg[open_end..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_by_one() -> CellGrid {
        CellGrid {
            width: 2,
            height: 1,
            cells: vec![RGBColor(255, 0, 0), RGBColor(0, 0, 255)],
        }
    }

    #[test]
    fn the_png_decodes_back_to_the_same_cells() {
        let png = two_by_one().to_png().unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let mut reader = decoder.read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut pixels).unwrap();
        assert_eq!((info.width, info.height), (2, 1));
        assert_eq!(&pixels[..6], &[255, 0, 0, 0, 0, 255]);
    }

    #[test]
    fn a_grid_with_the_wrong_number_of_cells_is_an_error() {
        let grid = CellGrid {
            width: 3,
            height: 3,
            cells: vec![RGBColor(0, 0, 0); 8],
        };
        assert!(grid.to_png().is_err());
    }

    #[test]
    fn the_image_covers_the_box_and_goes_under_everything_else() {
        let image = two_by_one().to_svg_image(10, 20, 110, 70).unwrap();
        assert!(
            image.contains("x=\"10\" y=\"20\" width=\"100\" height=\"50\""),
            "{image}"
        );
        assert!(
            image.contains("href=\"data:image/png;base64,iVBORw0KGgo"),
            "{image}"
        );
        let svg = insert_first("<svg viewBox=\"0 0 9 9\"><line/></svg>", &image).unwrap();
        assert!(
            svg.starts_with("<svg viewBox=\"0 0 9 9\">\n<image"),
            "{svg}"
        );
        assert!(svg.find("<image").unwrap() < svg.find("<line").unwrap());
    }
}
