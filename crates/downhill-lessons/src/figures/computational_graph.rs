//! `computational-graph`: the expression `f = (x + y) z` as a graph, with the forward value on every
//! edge and, under it, the gradient of `f` that flows back along it (the chain rule).

use plotters::prelude::*;

use super::diagram::{self, Area, Shape};
use super::svg::{INK, SERIES};
use crate::resources::Resources;

/// The inputs of the example, the ones the documents use: `x = -2, y = 5, z = -4`.
pub const INPUTS: Inputs = Inputs {
    x: -2.0,
    y: 5.0,
    z: -4.0,
};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Inputs {
    pub x: f64,
    pub y: f64,
    pub z: f64,
}

/// The forward pass: `q = x + y`, `f = q z`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Forward {
    pub q: f64,
    pub f: f64,
}

/// The backward pass, from `df/df = 1`: `df/dq = z`, `df/dz = q`, and through the sum, whose local
/// gradients are 1, `df/dx = df/dq * 1` and `df/dy = df/dq * 1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Backward {
    pub df_dq: f64,
    pub df_dx: f64,
    pub df_dy: f64,
    pub df_dz: f64,
}

pub fn forward(inputs: Inputs) -> Forward {
    let q = inputs.x + inputs.y;
    Forward { q, f: q * inputs.z }
}

pub fn backward(inputs: Inputs, forward: Forward) -> Backward {
    let df_df = 1.0;
    let df_dq = inputs.z * df_df;
    let df_dz = forward.q * df_df;
    Backward {
        df_dq,
        df_dx: df_dq * 1.0,
        df_dy: df_dq * 1.0,
        df_dz,
    }
}

/// A number as the figure prints it: whole numbers without decimals, a true minus sign.
fn number(value: f64) -> String {
    let text = if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.2}")
    };
    text.replace('-', "−")
}

pub fn draw(_resources: &Resources) -> Result<String, String> {
    let values = forward(INPUTS);
    let gradients = backward(INPUTS, values);
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (660, 360)).into_drawing_area();
        draw_graph(&area, values, gradients)?;
        area.present().map_err(|error| error.to_string())?;
    }
    Ok(svg)
}

fn draw_graph(area: &Area<'_>, values: Forward, gradients: Backward) -> Result<(), String> {
    let input = |y: f64| Shape::Box {
        centre: (50.0, y),
        half_size: (26.0, 20.0),
    };
    let (x_node, y_node, z_node) = (input(50.0), input(180.0), input(300.0));
    let plus = Shape::Circle {
        centre: (265.0, 115.0),
        radius: 28.0,
    };
    let times = Shape::Circle {
        centre: (470.0, 215.0),
        radius: 28.0,
    };
    let output = Shape::Box {
        centre: (620.0, 215.0),
        half_size: (26.0, 20.0),
    };
    for (shape, symbol) in [
        (x_node, "x"),
        (y_node, "y"),
        (z_node, "z"),
        (plus, "+"),
        (times, "×"),
        (output, "f"),
    ] {
        diagram::draw_node(area, shape, &[symbol])?;
    }

    // Each edge runs level from its start before it bends towards its target, and its two labels sit
    // on the level stretch, the forward value above and the gradient flowing back below, so no
    // label crosses another edge.
    let right_of =
        |shape: Shape| shape.boundary_towards((shape.centre().0 + 1.0, shape.centre().1));
    let edges = [
        (
            x_node,
            plus,
            200.0,
            format!("x = {}", number(INPUTS.x)),
            format!("∂f/∂x = {}", number(gradients.df_dx)),
        ),
        (
            y_node,
            plus,
            200.0,
            format!("y = {}", number(INPUTS.y)),
            format!("∂f/∂y = {}", number(gradients.df_dy)),
        ),
        (
            plus,
            times,
            390.0,
            format!("q = {}", number(values.q)),
            format!("∂f/∂q = {}", number(gradients.df_dq)),
        ),
        (
            z_node,
            times,
            390.0,
            format!("z = {}", number(INPUTS.z)),
            format!("∂f/∂z = {}", number(gradients.df_dz)),
        ),
        (
            times,
            output,
            594.0,
            format!("f = {}", number(values.f)),
            "∂f/∂f = 1".to_string(),
        ),
    ];
    for (from, to, bend_x, value, gradient) in &edges {
        let start = right_of(*from);
        let bend = (*bend_x, start.1);
        let end = to.boundary_towards(bend);
        let points = if (end.1 - start.1).abs() < 1.0 {
            vec![start, end]
        } else {
            vec![start, bend, end]
        };
        diagram::draw_arrow(area, &points, &INK)?;
        let label_x = 0.5 * (start.0 + bend.0.min(end.0));
        diagram::draw_label(area, (label_x, start.1 - 17.0), value, 23, &INK)?;
        diagram::draw_label(area, (label_x, start.1 + 19.0), gradient, 23, &SERIES[0])?;
    }
    diagram::draw_label(
        area,
        (330.0, 349.0),
        "above each edge its value, below it the gradient of f",
        23,
        &INK,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backward_matches_finite_differences() {
        let f = |inputs: Inputs| forward(inputs).f;
        let step = 1e-6;
        let gradients = backward(INPUTS, forward(INPUTS));
        let along = |dx: f64, dy: f64, dz: f64| {
            let plus = Inputs {
                x: INPUTS.x + dx,
                y: INPUTS.y + dy,
                z: INPUTS.z + dz,
            };
            let minus = Inputs {
                x: INPUTS.x - dx,
                y: INPUTS.y - dy,
                z: INPUTS.z - dz,
            };
            (f(plus) - f(minus)) / (2.0 * step)
        };
        assert!((along(step, 0.0, 0.0) - gradients.df_dx).abs() < 1e-6);
        assert!((along(0.0, step, 0.0) - gradients.df_dy).abs() < 1e-6);
        assert!((along(0.0, 0.0, step) - gradients.df_dz).abs() < 1e-6);
    }

    #[test]
    fn the_figure_prints_the_computed_values() {
        let svg = draw(&Resources::new(std::path::Path::new("."))).unwrap();
        let values = forward(INPUTS);
        assert!(svg.contains(&format!("q = {}", number(values.q))));
        assert!(svg.contains(&number(values.f)));
        assert!(svg.contains(&format!(
            "∂f/∂z = {}",
            number(backward(INPUTS, values).df_dz)
        )));
    }
}
