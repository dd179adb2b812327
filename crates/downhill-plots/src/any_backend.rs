//! One drawing backend type for every figure, so each drawing function is compiled once.
//!
//! Our figures are generic over plotters' `DrawingBackend`, and plotters' chart code (axes, meshes,
//! series) is generic over it too. The wasm module draws on a canvas and also exports SVG, so with
//! the two backends passed as themselves every figure and all of plotters' chart code was compiled
//! twice: about a third of the module. [`AnyBackend`] wraps either behind one object-safe trait; the
//! figures are then compiled once, for `AnyBackend`, and only the backends' own primitives (a line, a
//! rectangle, a text) exist once per backend. A call through the trait object costs a few
//! nanoseconds per primitive, nothing beside the canvas call it leads to.
//!
//! Wrap a backend where it is made: `AnyBackend::new(SVGBackend::with_string(..)).into_drawing_area()`.

use plotters::style::{FontDesc, TextStyle};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};
use std::fmt;

/// A drawing backend behind a trait object; see the module documentation.
pub struct AnyBackend<'a> {
    inner: Box<dyn ObjectSafeBackend + 'a>,
}

impl<'a> AnyBackend<'a> {
    pub fn new(backend: impl DrawingBackend + 'a) -> AnyBackend<'a> {
        AnyBackend {
            inner: Box::new(backend),
        }
    }
}

/// A wrapped backend's error, kept as its message (the figures only ever ignore or show errors).
#[derive(Debug)]
pub struct AnyBackendError(String);

impl fmt::Display for AnyBackendError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl std::error::Error for AnyBackendError {}

type Outcome<T = ()> = Result<T, DrawingErrorKind<AnyBackendError>>;

/// A stroke or fill style as plain values: what `BackendStyle` exposes, so every generic style
/// becomes this one type before it crosses the trait object.
#[derive(Clone, Copy)]
struct PlainStyle {
    color: BackendColor,
    stroke_width: u32,
}

impl PlainStyle {
    fn of(style: &impl BackendStyle) -> PlainStyle {
        PlainStyle {
            color: style.color(),
            stroke_width: style.stroke_width(),
        }
    }
}

impl BackendStyle for PlainStyle {
    fn color(&self) -> BackendColor {
        self.color
    }

    fn stroke_width(&self) -> u32 {
        self.stroke_width
    }
}

/// A text style as plotters' own `TextStyle`, rebuilt from what `BackendTextStyle` exposes (family,
/// size, font style, transform, colour, anchor), so a wrapped backend sees one text style type.
fn plain_text_style<S: BackendTextStyle>(style: &S) -> TextStyle<'_> {
    TextStyle {
        font: FontDesc::new(style.family(), style.size(), style.style())
            .transform(style.transform()),
        color: style.color(),
        pos: style.anchor(),
    }
}

fn convert_error<E: std::error::Error + Send + Sync>(
    error: DrawingErrorKind<E>,
) -> DrawingErrorKind<AnyBackendError> {
    match error {
        DrawingErrorKind::DrawingError(error) => {
            DrawingErrorKind::DrawingError(AnyBackendError(error.to_string()))
        }
        DrawingErrorKind::FontError(error) => DrawingErrorKind::FontError(error),
    }
}

/// `DrawingBackend` without generic methods: styles as [`PlainStyle`] and `TextStyle`, point lists
/// as iterator trait objects.
trait ObjectSafeBackend {
    fn get_size(&self) -> (u32, u32);
    fn ensure_prepared(&mut self) -> Outcome;
    fn present(&mut self) -> Outcome;
    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Outcome;
    fn draw_line(&mut self, from: BackendCoord, to: BackendCoord, style: &PlainStyle) -> Outcome;
    fn draw_rect(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &PlainStyle,
        fill: bool,
    ) -> Outcome;
    fn draw_path(
        &mut self,
        path: &mut dyn Iterator<Item = BackendCoord>,
        style: &PlainStyle,
    ) -> Outcome;
    fn draw_circle(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &PlainStyle,
        fill: bool,
    ) -> Outcome;
    fn fill_polygon(
        &mut self,
        vertices: &mut dyn Iterator<Item = BackendCoord>,
        style: &PlainStyle,
    ) -> Outcome;
    fn draw_text(&mut self, text: &str, style: &TextStyle<'_>, position: BackendCoord) -> Outcome;
    fn estimate_text_size(&self, text: &str, style: &TextStyle<'_>) -> Outcome<(u32, u32)>;
    fn blit_bitmap(&mut self, position: BackendCoord, size: (u32, u32), source: &[u8]) -> Outcome;
}

impl<B: DrawingBackend> ObjectSafeBackend for B {
    fn get_size(&self) -> (u32, u32) {
        DrawingBackend::get_size(self)
    }

    fn ensure_prepared(&mut self) -> Outcome {
        DrawingBackend::ensure_prepared(self).map_err(convert_error)
    }

    fn present(&mut self) -> Outcome {
        DrawingBackend::present(self).map_err(convert_error)
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Outcome {
        DrawingBackend::draw_pixel(self, point, color).map_err(convert_error)
    }

    fn draw_line(&mut self, from: BackendCoord, to: BackendCoord, style: &PlainStyle) -> Outcome {
        DrawingBackend::draw_line(self, from, to, style).map_err(convert_error)
    }

    fn draw_rect(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &PlainStyle,
        fill: bool,
    ) -> Outcome {
        DrawingBackend::draw_rect(self, upper_left, bottom_right, style, fill)
            .map_err(convert_error)
    }

    fn draw_path(
        &mut self,
        path: &mut dyn Iterator<Item = BackendCoord>,
        style: &PlainStyle,
    ) -> Outcome {
        DrawingBackend::draw_path(self, path, style).map_err(convert_error)
    }

    fn draw_circle(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &PlainStyle,
        fill: bool,
    ) -> Outcome {
        DrawingBackend::draw_circle(self, center, radius, style, fill).map_err(convert_error)
    }

    fn fill_polygon(
        &mut self,
        vertices: &mut dyn Iterator<Item = BackendCoord>,
        style: &PlainStyle,
    ) -> Outcome {
        DrawingBackend::fill_polygon(self, vertices, style).map_err(convert_error)
    }

    fn draw_text(&mut self, text: &str, style: &TextStyle<'_>, position: BackendCoord) -> Outcome {
        DrawingBackend::draw_text(self, text, style, position).map_err(convert_error)
    }

    fn estimate_text_size(&self, text: &str, style: &TextStyle<'_>) -> Outcome<(u32, u32)> {
        DrawingBackend::estimate_text_size(self, text, style).map_err(convert_error)
    }

    fn blit_bitmap(&mut self, position: BackendCoord, size: (u32, u32), source: &[u8]) -> Outcome {
        DrawingBackend::blit_bitmap(self, position, size, source).map_err(convert_error)
    }
}

impl DrawingBackend for AnyBackend<'_> {
    type ErrorType = AnyBackendError;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }

    fn ensure_prepared(&mut self) -> Outcome {
        self.inner.ensure_prepared()
    }

    fn present(&mut self) -> Outcome {
        self.inner.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Outcome {
        self.inner.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Outcome {
        self.inner.draw_line(from, to, &PlainStyle::of(style))
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Outcome {
        self.inner
            .draw_rect(upper_left, bottom_right, &PlainStyle::of(style), fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Outcome {
        self.inner
            .draw_path(&mut path.into_iter(), &PlainStyle::of(style))
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Outcome {
        self.inner
            .draw_circle(center, radius, &PlainStyle::of(style), fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vertices: I,
        style: &S,
    ) -> Outcome {
        self.inner
            .fill_polygon(&mut vertices.into_iter(), &PlainStyle::of(style))
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        position: BackendCoord,
    ) -> Outcome {
        self.inner
            .draw_text(text, &plain_text_style(style), position)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Outcome<(u32, u32)> {
        self.inner
            .estimate_text_size(text, &plain_text_style(style))
    }

    fn blit_bitmap(&mut self, position: BackendCoord, size: (u32, u32), source: &[u8]) -> Outcome {
        self.inner.blit_bitmap(position, size, source)
    }
}

#[cfg(test)]
mod tests {
    use super::AnyBackend;
    use plotters::prelude::*;
    use plotters_svg::SVGBackend;

    /// Draws a line, a filled rectangle, a circle, a polygon and a label with `area`.
    fn draw_sample<DB: DrawingBackend>(area: &DrawingArea<DB, plotters::coord::Shift>) {
        area.fill(&WHITE).unwrap();
        area.draw(&PathElement::new(
            vec![(1, 2), (30, 40), (50, 10)],
            RED.stroke_width(3),
        ))
        .unwrap();
        area.draw(&Rectangle::new([(5, 5), (20, 25)], BLUE.filled()))
            .unwrap();
        area.draw(&Circle::new((60, 60), 7, GREEN.mix(0.5).filled()))
            .unwrap();
        area.draw(&Polygon::new(vec![(70, 10), (90, 10), (80, 30)], BLACK))
            .unwrap();
        area.draw(&Text::new(
            "a label",
            (10, 80),
            ("sans-serif", 12).into_font().color(&MAGENTA),
        ))
        .unwrap();
    }

    #[test]
    fn wrapped_svg_is_the_same_svg_as_drawn_directly() {
        let mut direct = String::new();
        {
            let area = SVGBackend::with_string(&mut direct, (100, 100)).into_drawing_area();
            draw_sample(&area);
            area.present().unwrap();
        }
        let mut wrapped = String::new();
        {
            let area = AnyBackend::new(SVGBackend::with_string(&mut wrapped, (100, 100)))
                .into_drawing_area();
            draw_sample(&area);
            area.present().unwrap();
        }
        assert!(direct.contains("<text") && direct.contains("a label"));
        assert!(direct.contains("<polyline") && direct.contains("<circle"));
        assert_eq!(wrapped, direct);
    }

    #[test]
    fn a_wrapped_backend_keeps_its_size() {
        let mut svg = String::new();
        let backend = AnyBackend::new(SVGBackend::with_string(&mut svg, (321, 123)));
        assert_eq!(DrawingBackend::get_size(&backend), (321, 123));
    }
}
