//! The backprop graph drawn the way lesson 9's figure drew it: inputs and constants in boxes,
//! operations in circles, each wire with its forward value above it in the text colour and, once
//! the backward pass has reached it, the gradient it carries back below it in blue. The node of the
//! current step is ringed in orange and the rule it applies is written under the picture.

pub mod layout;

use crate::any_backend::AnyBackend;
use crate::still::Scheme;
use downhill_core::backprop_graph::steps::{Schedule, Step};
use downhill_core::backprop_graph::{Graph, Operation, Pass};
use layout::{BOX_HALF, GraphLayout, Place, RADIUS};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_svg::SVGBackend;

/// The colours of one scheme: the lesson figure's ink and blue, and an orange for the current node.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GraphPalette {
    pub background: RGBColor,
    pub ink: RGBColor,
    pub gradient: RGBColor,
    pub current: RGBColor,
    pub node_fill: RGBColor,
}

pub const LIGHT: GraphPalette = GraphPalette {
    background: RGBColor(255, 255, 255),
    ink: RGBColor(27, 31, 36),
    gradient: RGBColor(0x1F, 0x5F, 0xBF),
    current: RGBColor(0xB3, 0x59, 0x00),
    node_fill: RGBColor(238, 239, 241),
};

pub const DARK: GraphPalette = GraphPalette {
    background: RGBColor(24, 27, 32),
    ink: RGBColor(230, 233, 238),
    gradient: RGBColor(0x8C, 0xB8, 0xFF),
    current: RGBColor(0xFF, 0xB3, 0x66),
    node_fill: RGBColor(44, 49, 56),
};

impl GraphPalette {
    pub fn of(scheme: Scheme) -> GraphPalette {
        match scheme {
            Scheme::Light => LIGHT,
            Scheme::Dark => DARK,
        }
    }
}

/// What one picture shows: the graph, both passes, how far the cursor has gone and the rule of the
/// current step (already in the reader's language).
pub struct GraphPicture<'a> {
    pub graph: &'a Graph,
    pub layout: &'a GraphLayout,
    pub pass: &'a Pass,
    pub schedule: &'a Schedule,
    pub position: usize,
    pub rule: &'a str,
}

/// A number as the figure writes it: whole numbers without decimals, others to three significant
/// digits, very large or small ones in powers of ten, and a true minus sign.
pub fn number(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    let magnitude = value.abs();
    let text = if value.fract() == 0.0 && magnitude < 1e6 {
        format!("{value:.0}")
    } else if (1e-3..1e4).contains(&magnitude) {
        let decimals = (2.0 - magnitude.log10().floor()).clamp(0.0, 5.0) as usize;
        let text = format!("{value:.decimals$}");
        if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            text
        }
    } else {
        format!("{value:.2e}")
    };
    text.replace('-', "−")
}

/// The text written in a node: an input's name, a constant's value, an operation's symbol.
pub fn node_symbol(graph: &Graph, node: usize) -> String {
    let node = &graph.nodes()[node];
    match node.operation {
        Operation::Input(_) => node.name.clone(),
        Operation::Constant(value) => number(value),
        Operation::Binary(binary, _, _) => binary.symbol().to_string(),
        Operation::Unary(unary, _) => unary.symbol().to_string(),
    }
}

fn font(size: f64, colour: &RGBColor, pos: Pos) -> TextStyle<'_> {
    // FontFamily::SansSerif, not "sans-serif": a family given by name links Unicode's case tables.
    TextStyle::from((FontFamily::SansSerif, size).into_font())
        .color(colour)
        .pos(pos)
}

type Area<'a> = DrawingArea<AnyBackend<'a>, Shift>;

/// Draws `picture` on `area`, every size multiplied by `scale` (the device pixel ratio).
pub fn draw_graph(area: &Area<'_>, picture: &GraphPicture<'_>, palette: GraphPalette, scale: f64) {
    let _ = area.fill(&palette.background);
    let at = |point: (f64, f64)| {
        (
            (point.0 * scale).round() as i32,
            (point.1 * scale).round() as i32,
        )
    };
    let centred = Pos::new(HPos::Center, VPos::Center);
    let label_size = 13.0 * scale;
    let GraphPicture {
        graph,
        layout,
        pass,
        schedule,
        position,
        rule,
    } = *picture;
    let nodes = graph.nodes();

    // Wires, then the output's wire, each with its labels on its level stretch.
    let mut wires: Vec<(Place, Place, usize, Option<usize>)> = pass
        .wires
        .iter()
        .enumerate()
        .map(|(index, wire)| {
            (
                layout.places[wire.from],
                layout.places[wire.to],
                wire.from,
                Some(index),
            )
        })
        .collect();
    let output = graph.output();
    wires.push((layout.places[output], layout.output, output, None));
    for (from, to, source, wire_index) in wires {
        let start = from.boundary_towards((from.centre.0 + 1.0, from.centre.1));
        let bend_x = to.centre.0 - 0.3 * layout::COLUMN_GAP;
        let bend = (bend_x.max(start.0), start.1);
        let end = to.boundary_towards(bend);
        draw_arrow(area, &[start, bend, end], palette.ink, scale);
        let label_x = 0.5 * (start.0 + bend.0);
        let name = match wire_index {
            None => "f".to_string(),
            Some(_) => nodes[source].name.clone(),
        };
        let is_constant = matches!(nodes[source].operation, Operation::Constant(_));
        if schedule.value_shown(source, position) && !is_constant {
            let text = format!("{name} = {}", number(pass.values[source]));
            let _ = area.draw(&Text::new(
                text,
                at((label_x, start.1 - 11.0)),
                font(label_size, &palette.ink, centred),
            ));
        }
        let sent = match wire_index {
            Some(index) => schedule
                .wire_sent(pass.wires[index], position)
                .then(|| pass.sent[index]),
            None => schedule.gradient_shown(output, position).then_some(1.0),
        };
        if let Some(sent) = sent {
            let branches = pass.wires.iter().filter(|wire| wire.from == source).count();
            let sign = if branches > 1 && wire_index.is_some() {
                "+="
            } else {
                "="
            };
            let text = format!("∂f/∂{name} {sign} {}", number(sent));
            let _ = area.draw(&Text::new(
                text,
                at((label_x, start.1 + 13.0)),
                font(label_size, &palette.gradient, centred),
            ));
        }
    }

    let current = match schedule.step(position) {
        Step::Start => None,
        Step::Forward(node) | Step::Backward(node) => Some(node),
    };
    let mut shapes: Vec<(Place, String, bool)> = (0..nodes.len())
        .map(|node| {
            (
                layout.places[node],
                node_symbol(graph, node),
                Some(node) == current,
            )
        })
        .collect();
    shapes.push((layout.output, "f".to_string(), false));
    for (place, symbol, is_current) in shapes {
        let (outline, width) = if is_current {
            (palette.current, 4.0)
        } else {
            (palette.ink, 1.5)
        };
        let stroke =
            ShapeStyle::from(&outline).stroke_width((width * scale).round().max(1.0) as u32);
        let centre = place.centre;
        if place.is_box {
            let corners = [
                at((centre.0 - BOX_HALF.0, centre.1 - BOX_HALF.1)),
                at((centre.0 + BOX_HALF.0, centre.1 + BOX_HALF.1)),
            ];
            let _ = area.draw(&Rectangle::new(corners, palette.node_fill.filled()));
            let _ = area.draw(&Rectangle::new(corners, stroke));
        } else {
            let radius = (RADIUS * scale).round() as i32;
            let _ = area.draw(&Circle::new(at(centre), radius, palette.node_fill.filled()));
            let _ = area.draw(&Circle::new(at(centre), radius, stroke));
        }
        let size = if symbol.chars().count() > 2 {
            12.0
        } else {
            17.0
        };
        let _ = area.draw(&Text::new(
            symbol,
            at(centre),
            font(size * scale, &palette.ink, centred),
        ));
    }

    let rule_y = layout.size.1 - layout::RULE_LINE * 0.6;
    let _ = area.draw(&Text::new(
        rule.to_string(),
        at((16.0, rule_y)),
        font(
            14.0 * scale,
            &palette.current,
            Pos::new(HPos::Left, VPos::Center),
        ),
    ));
}

/// A polyline through `points` with an arrowhead at the last one.
fn draw_arrow(area: &Area<'_>, points: &[(f64, f64)], colour: RGBColor, scale: f64) {
    let [.., before_tip, tip] = points else {
        return;
    };
    let (dx, dy) = (tip.0 - before_tip.0, tip.1 - before_tip.1);
    let length = dx.hypot(dy).max(1e-9);
    let (unit_x, unit_y) = (dx / length, dy / length);
    let base = (tip.0 - unit_x * 9.0, tip.1 - unit_y * 9.0);
    let at = |point: (f64, f64)| {
        (
            (point.0 * scale).round() as i32,
            (point.1 * scale).round() as i32,
        )
    };
    let mut shaft: Vec<(i32, i32)> = points[..points.len() - 1].iter().map(|&p| at(p)).collect();
    shaft.push(at(base));
    let stroke = ShapeStyle::from(&colour).stroke_width((1.5 * scale).round().max(1.0) as u32);
    let _ = area.draw(&PathElement::new(shaft, stroke));
    let head = vec![
        at(*tip),
        at((base.0 - unit_y * 4.5, base.1 + unit_x * 4.5)),
        at((base.0 + unit_y * 4.5, base.1 - unit_x * 4.5)),
    ];
    let _ = area.draw(&Polygon::new(head, colour.filled()));
}

/// The picture as an SVG document at its layout size.
pub fn graph_svg(picture: &GraphPicture<'_>, scheme: Scheme) -> String {
    let size = picture.layout.size;
    let mut svg = String::new();
    {
        let backend =
            SVGBackend::with_string(&mut svg, (size.0.ceil() as u32, size.1.ceil() as u32));
        let area = AnyBackend::new(backend).into_drawing_area();
        draw_graph(&area, picture, GraphPalette::of(scheme), 1.0);
        let _ = area.present();
    }
    svg
}

/// The still: the lesson's graph with both passes done, as the figure it replaces showed it.
pub fn still_svg_in(scheme: Scheme) -> String {
    use downhill_core::backprop_graph::check::check_inputs;
    use downhill_core::backprop_graph::presets::Preset;
    let graph = Preset::Lesson.graph();
    let pass = Pass::run(&graph, &Preset::Lesson.inputs());
    let schedule = Schedule::of(&graph);
    let layout = layout::layout(&graph);
    // The check the live demo shows beside the graph, as one line under it.
    let checks = check_inputs(&graph, &Preset::Lesson.inputs());
    let mut rule = String::from("Centered differences:");
    for check in &checks {
        let name = &graph.input_names()[check.input];
        rule.push_str(&format!(" ∂f/∂{name} ≈ {},", number(check.numerical)));
    }
    let worst = checks.iter().map(|check| check.band).min();
    if let Some(band) = worst {
        rule.push_str(&format!(" all {}.", band.describe()));
    }
    let picture = GraphPicture {
        graph: &graph,
        layout: &layout,
        pass: &pass,
        schedule: &schedule,
        position: schedule.last(),
        rule: &rule,
    };
    graph_svg(&picture, scheme)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_the_figure_wrote_them() {
        assert_eq!(number(-12.0), "−12");
        assert_eq!(number(0.7310585786), "0.731");
        assert_eq!(number(-0.19661193), "−0.197");
        assert_eq!(number(2.5403023), "2.54");
        assert_eq!(number(1e-9), "1.00e−9");
        assert_eq!(number(f64::NAN), "—");
    }

    #[test]
    fn the_still_shows_the_lessons_values_and_gradients_in_the_figures_colours() {
        let svg = still_svg_in(Scheme::Light);
        for label in [
            "q = 3",
            "f = −12",
            "∂f/∂x = −4",
            "∂f/∂y = −4",
            "∂f/∂z = 3",
            "∂f/∂f = 1",
        ] {
            assert!(svg.contains(label), "{label} missing");
        }
        assert!(svg.contains("#1F5FBF"), "gradients in the figure's blue");
        assert!(
            svg.contains("∂f/∂z ≈ 3, all good."),
            "the check under the graph"
        );
        let dark = still_svg_in(Scheme::Dark);
        assert!(dark.contains("#8CB8FF") && !dark.contains("#1F5FBF"));
    }

    #[test]
    fn before_the_first_step_only_the_inputs_are_written() {
        use downhill_core::backprop_graph::presets::Preset;
        let graph = Preset::Branches.graph();
        let pass = Pass::run(&graph, &Preset::Branches.inputs());
        let schedule = Schedule::of(&graph);
        let layout = layout::layout(&graph);
        let at = |position| {
            graph_svg(
                &GraphPicture {
                    graph: &graph,
                    layout: &layout,
                    pass: &pass,
                    schedule: &schedule,
                    position,
                    rule: "",
                },
                Scheme::Light,
            )
        };
        let start = at(0);
        assert!(start.contains("x = 1") && !start.contains("a = 2") && !start.contains("∂f"));
        let end = at(schedule.last());
        // x feeds two branches: each carries its share back, marked as adding up.
        assert_eq!(end.matches("∂f/∂x +=").count(), 2);
        assert!(end.contains("a = 2"));
    }
}
