//! `data-flow`: how data and weights flow through training. The data and the weights make scores,
//! the scores and labels make the data loss, the weights make the regularization loss, their sum is
//! the loss, its gradient with respect to the weights drives the update, and the update changes the
//! weights for the next step.

use plotters::prelude::*;

use super::diagram::{self, Area, Shape};
use super::svg::{INK, SERIES};
use crate::resources::Resources;

/// The drawing is 690 units wide: narrow enough that its text, about 19 units, stays near 10 px when
/// the figure shrinks to a phone's column of about 360 px.
pub fn draw(_resources: &Resources) -> Result<String, String> {
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (690, 400)).into_drawing_area();
        draw_flow(&area)?;
        area.present().map_err(|error| error.to_string())?;
    }
    Ok(svg)
}

fn node(centre: (f64, f64), half_width: f64) -> Shape {
    Shape::Box {
        centre,
        half_size: (half_width, 30.0),
    }
}

fn draw_flow(area: &Area<'_>) -> Result<(), String> {
    let data = node((75.0, 70.0), 65.0);
    let weights = node((75.0, 215.0), 65.0);
    let scores = node((255.0, 70.0), 95.0);
    let data_loss = node((445.0, 70.0), 80.0);
    let regularization = node((445.0, 215.0), 80.0);
    let plus = Shape::Circle {
        centre: (560.0, 142.0),
        radius: 20.0,
    };
    let loss = node((640.0, 142.0), 40.0);
    let gradient = node((545.0, 340.0), 60.0);
    let update = node((255.0, 340.0), 130.0);

    diagram::draw_node(area, data, &["data", "(xᵢ, yᵢ)"])?;
    diagram::draw_node(area, weights, &["weights", "W"])?;
    diagram::draw_node(area, scores, &["score function", "s = f(xᵢ; W)"])?;
    diagram::draw_node(area, data_loss, &["data loss", "Lᵢ from s and yᵢ"])?;
    diagram::draw_node(area, regularization, &["regularization", "λ R(W)"])?;
    diagram::draw_node(area, plus, &["+"])?;
    diagram::draw_node(area, loss, &["loss", "L"])?;
    diagram::draw_node(area, gradient, &["gradient", "∇W L"])?;
    diagram::draw_node(area, update, &["update", "W ← W − η ∇W L"])?;

    // The forward pass in ink.
    for (from, to) in [
        (data, scores),
        (weights, scores),
        (scores, data_loss),
        (weights, regularization),
        (data_loss, plus),
        (regularization, plus),
        (plus, loss),
    ] {
        diagram::draw_arrow_between(area, from, to, &INK)?;
    }
    // The backward pass and the update, in the series colour, closing the loop back to the weights.
    let backward = SERIES[1];
    let loss_bottom = (640.0, 172.0);
    diagram::draw_arrow(
        area,
        &[loss_bottom, (640.0, 340.0), (605.0, 340.0)],
        &backward,
    )?;
    diagram::draw_arrow_between(area, gradient, update, &backward)?;
    diagram::draw_arrow(
        area,
        &[(125.0, 340.0), (75.0, 340.0), (75.0, 245.0)],
        &backward,
    )?;
    diagram::draw_label(
        area,
        (345.0, 388.0),
        "forward pass: plain arrows · gradient and update: orange arrows",
        22,
        &INK,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stage_of_training_is_in_the_figure() {
        let svg = draw(&Resources::new(std::path::Path::new("."))).unwrap();
        for stage in [
            "data",
            "score function",
            "data loss",
            "regularization",
            "gradient",
            "update",
        ] {
            assert!(svg.contains(stage), "no {stage}");
        }
        // Nine nodes, each a fill and an outline.
        assert_eq!(
            svg.matches("<rect").count() + svg.matches("<circle").count(),
            2 * 9
        );
    }
}
