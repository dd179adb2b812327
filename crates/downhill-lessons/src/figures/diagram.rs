//! Boxes, circles and arrows for the diagrams (data flow, computational graph), in pixel
//! coordinates of a plotters drawing area.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::chart::FONT;
use super::svg::{FAINT, INK};

pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// A node of a diagram: a box with lines of text, or a circle with one symbol.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    /// Centre and half width and half height.
    Box {
        centre: (f64, f64),
        half_size: (f64, f64),
    },
    Circle {
        centre: (f64, f64),
        radius: f64,
    },
}

impl Shape {
    pub fn centre(self) -> (f64, f64) {
        match self {
            Shape::Box { centre, .. } | Shape::Circle { centre, .. } => centre,
        }
    }

    /// Where the ray from the centre towards `target` leaves the shape, so arrows start and end on
    /// the outline instead of the middle.
    pub fn boundary_towards(self, target: (f64, f64)) -> (f64, f64) {
        let centre = self.centre();
        let (dx, dy) = (target.0 - centre.0, target.1 - centre.1);
        let length = dx.hypot(dy);
        if length == 0.0 {
            return centre;
        }
        let scale = match self {
            Shape::Circle { radius, .. } => radius / length,
            Shape::Box { half_size, .. } => {
                let by_x = if dx == 0.0 {
                    f64::INFINITY
                } else {
                    half_size.0 / dx.abs()
                };
                let by_y = if dy == 0.0 {
                    f64::INFINITY
                } else {
                    half_size.1 / dy.abs()
                };
                by_x.min(by_y)
            }
        };
        (centre.0 + dx * scale, centre.1 + dy * scale)
    }
}

fn pixel(point: (f64, f64)) -> (i32, i32) {
    (point.0.round() as i32, point.1.round() as i32)
}

pub fn centred_text(size: u32, colour: &'static RGBColor) -> TextStyle<'static> {
    TextStyle::from((FONT, size).into_font())
        .color(colour)
        .pos(Pos::new(HPos::Center, VPos::Center))
}

/// Draws `shape` with its outline in ink, a faint fill, and `lines` of text centred in it.
pub fn draw_node(area: &Area<'_>, shape: Shape, lines: &[&str]) -> Result<(), String> {
    let outline = ShapeStyle::from(&INK).stroke_width(2);
    let fill = FAINT.mix(0.14).filled();
    match shape {
        Shape::Box { centre, half_size } => {
            let corners = [
                pixel((centre.0 - half_size.0, centre.1 - half_size.1)),
                pixel((centre.0 + half_size.0, centre.1 + half_size.1)),
            ];
            area.draw(&Rectangle::new(corners, fill))
                .map_err(|error| error.to_string())?;
            area.draw(&Rectangle::new(corners, outline))
                .map_err(|error| error.to_string())?;
        }
        Shape::Circle { centre, radius } => {
            let radius = radius.round() as i32;
            area.draw(&Circle::new(pixel(centre), radius, fill))
                .map_err(|error| error.to_string())?;
            area.draw(&Circle::new(pixel(centre), radius, outline))
                .map_err(|error| error.to_string())?;
        }
    }
    let line_height = 24.0;
    let first_y = shape.centre().1 - line_height * (lines.len() as f64 - 1.0) / 2.0;
    for (line_idx, line) in lines.iter().enumerate() {
        let position = (shape.centre().0, first_y + line_height * line_idx as f64);
        let size = if lines.len() == 1 && matches!(shape, Shape::Circle { .. }) {
            30
        } else {
            // About 19 units: near 10 px when a 700-unit diagram shrinks to a phone's column.
            24
        };
        area.draw(&Text::new(
            line.to_string(),
            pixel(position),
            centred_text(size, &INK),
        ))
        .map_err(|error| error.to_string())?;
    }
    Ok(())
}

/// Draws an arrow from the outline of `from` to the outline of `to`.
pub fn draw_arrow_between(
    area: &Area<'_>,
    from: Shape,
    to: Shape,
    colour: &RGBColor,
) -> Result<(), String> {
    let start = from.boundary_towards(to.centre());
    let end = to.boundary_towards(from.centre());
    draw_arrow(area, &[start, end], colour)
}

/// Draws a polyline through `points` with an arrowhead at the last point.
pub fn draw_arrow(area: &Area<'_>, points: &[(f64, f64)], colour: &RGBColor) -> Result<(), String> {
    let [.., before_tip, tip] = points else {
        return Ok(());
    };
    let (dx, dy) = (tip.0 - before_tip.0, tip.1 - before_tip.1);
    let length = dx.hypot(dy).max(1e-9);
    let (unit_x, unit_y) = (dx / length, dy / length);
    let head_length = 13.0;
    let head_half_width = 6.0;
    let base = (tip.0 - unit_x * head_length, tip.1 - unit_y * head_length);
    // The shaft stops at the head's base so its square end does not poke through the point.
    let mut shaft: Vec<(i32, i32)> = points[..points.len() - 1]
        .iter()
        .copied()
        .map(pixel)
        .collect();
    shaft.push(pixel(base));
    let style = ShapeStyle::from(colour).stroke_width(2);
    area.draw(&PathElement::new(shaft, style))
        .map_err(|error| error.to_string())?;
    let head = vec![
        pixel(*tip),
        pixel((
            base.0 - unit_y * head_half_width,
            base.1 + unit_x * head_half_width,
        )),
        pixel((
            base.0 + unit_y * head_half_width,
            base.1 - unit_x * head_half_width,
        )),
    ];
    area.draw(&Polygon::new(head, colour.filled()))
        .map_err(|error| error.to_string())
}

/// Draws `text` centred at `position`.
pub fn draw_label(
    area: &Area<'_>,
    position: (f64, f64),
    text: &str,
    size: u32,
    colour: &'static RGBColor,
) -> Result<(), String> {
    area.draw(&Text::new(
        text.to_string(),
        pixel(position),
        centred_text(size, colour),
    ))
    .map_err(|error| error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_leave_boxes_and_circles_on_their_outline() {
        let shape = Shape::Box {
            centre: (0.0, 0.0),
            half_size: (50.0, 20.0),
        };
        assert_eq!(shape.boundary_towards((100.0, 0.0)), (50.0, 0.0));
        assert_eq!(shape.boundary_towards((0.0, -100.0)), (0.0, -20.0));
        let circle = Shape::Circle {
            centre: (10.0, 10.0),
            radius: 5.0,
        };
        assert_eq!(circle.boundary_towards((10.0, 30.0)), (10.0, 15.0));
    }
}
