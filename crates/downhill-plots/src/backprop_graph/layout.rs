//! Where each node of a computational graph goes: one column per depth (inputs on the left, the
//! output box on the right), each operation at the height of its arguments where there is room,
//! constants just before the node that reads them. Units are CSS pixels at a pixel ratio of 1.

use downhill_core::backprop_graph::{Graph, Operation};
use downhill_core::short_sort::sort_short_list_by;

/// Distance between the centres of two columns: room for a wire's longest label.
pub const COLUMN_GAP: f64 = 170.0;
/// The least distance between two nodes of one column: a value above and a gradient below each wire.
pub const ROW_GAP: f64 = 64.0;
/// The radius of an operation's circle.
pub const RADIUS: f64 = 20.0;
/// Half the width and height of an input's, a constant's or the output's box.
pub const BOX_HALF: (f64, f64) = (22.0, 15.0);
/// Space around the picture, and below it for the rule of the current step.
const MARGIN: (f64, f64) = (40.0, 36.0);
pub const RULE_LINE: f64 = 34.0;

/// A node's place and whether it is drawn as a box (inputs, constants) or a circle (operations).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Place {
    pub centre: (f64, f64),
    pub is_box: bool,
}

impl Place {
    /// Where the ray from the centre towards `target` leaves the outline, so wires start and end on
    /// it.
    pub fn boundary_towards(self, target: (f64, f64)) -> (f64, f64) {
        let (dx, dy) = (target.0 - self.centre.0, target.1 - self.centre.1);
        let length = dx.hypot(dy);
        if length == 0.0 {
            return self.centre;
        }
        let scale = if self.is_box {
            let by_x = if dx == 0.0 {
                f64::INFINITY
            } else {
                BOX_HALF.0 / dx.abs()
            };
            let by_y = if dy == 0.0 {
                f64::INFINITY
            } else {
                BOX_HALF.1 / dy.abs()
            };
            by_x.min(by_y)
        } else {
            RADIUS / length
        };
        (self.centre.0 + dx * scale, self.centre.1 + dy * scale)
    }
}

/// Every node's place, the output box's and the picture's size.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphLayout {
    pub places: Vec<Place>,
    pub output: Place,
    pub size: (f64, f64),
}

/// The column of each node: inputs 0, an operation one more than its deepest non-constant
/// argument, a constant one less than the first node that reads it.
fn columns(graph: &Graph) -> Vec<usize> {
    let nodes = graph.nodes();
    let is_constant = |node: usize| matches!(nodes[node].operation, Operation::Constant(_));
    let mut columns = vec![0usize; nodes.len()];
    for (index, node) in nodes.iter().enumerate() {
        if node.is_operation() {
            columns[index] = 1 + node
                .arguments()
                .into_iter()
                .filter(|&argument| !is_constant(argument))
                .map(|argument| columns[argument])
                .max()
                .unwrap_or(0);
        }
    }
    for (index, node) in nodes.iter().enumerate() {
        for argument in node.arguments() {
            if is_constant(argument) {
                columns[argument] = columns[index].saturating_sub(1);
            }
        }
    }
    columns
}

pub fn layout(graph: &Graph) -> GraphLayout {
    let nodes = graph.nodes();
    let columns = columns(graph);
    let last_column = columns.iter().copied().max().unwrap_or(0);
    let mut heights: Vec<Option<f64>> = vec![None; nodes.len()];
    for column in 0..=last_column {
        let mut wanted: Vec<(usize, f64)> = Vec::new();
        // Inputs and operations first, at the mean height of their placed arguments; then constants,
        // a row under the other argument of the node that reads them.
        for (index, node) in nodes.iter().enumerate() {
            if columns[index] != column || matches!(node.operation, Operation::Constant(_)) {
                continue;
            }
            let placed: Vec<f64> = node
                .arguments()
                .into_iter()
                .filter_map(|argument| heights[argument])
                .collect();
            let height = match node.operation {
                Operation::Input(input) => input as f64 * ROW_GAP,
                _ if placed.is_empty() => 0.0,
                _ => placed.iter().sum::<f64>() / placed.len() as f64,
            };
            heights[index] = Some(height);
            wanted.push((index, height));
        }
        for (index, node) in nodes.iter().enumerate() {
            if columns[index] != column || !matches!(node.operation, Operation::Constant(_)) {
                continue;
            }
            let sibling = nodes.iter().skip(index + 1).find_map(|reader| {
                let arguments = reader.arguments();
                arguments.contains(&index).then(|| {
                    arguments
                        .into_iter()
                        .find(|&argument| argument != index)
                        .and_then(|argument| heights[argument])
                })?
            });
            let height = sibling.map_or(0.0, |height| height + ROW_GAP);
            heights[index] = Some(height);
            wanted.push((index, height));
        }
        sort_short_list_by(&mut wanted, |left, right| left.1 < right.1);
        let mut previous: Option<f64> = None;
        for (index, height) in wanted {
            let height = previous.map_or(height, |above| height.max(above + ROW_GAP));
            heights[index] = Some(height);
            previous = Some(height);
        }
    }
    let heights: Vec<f64> = heights.into_iter().map(|h| h.unwrap_or(0.0)).collect();
    let top = heights.iter().copied().fold(f64::INFINITY, f64::min);
    let bottom = heights.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let column_x = |column: usize| MARGIN.0 + BOX_HALF.0 + column as f64 * COLUMN_GAP;
    let places = nodes
        .iter()
        .enumerate()
        .map(|(index, node)| Place {
            centre: (column_x(columns[index]), MARGIN.1 + heights[index] - top),
            is_box: !node.is_operation(),
        })
        .collect::<Vec<_>>();
    let output_height = places[graph.output()].centre.1;
    let output = Place {
        centre: (column_x(last_column + 1), output_height),
        is_box: true,
    };
    let size = (
        column_x(last_column + 1) + BOX_HALF.0 + MARGIN.0,
        (bottom - top) + 2.0 * MARGIN.1 + RULE_LINE,
    );
    GraphLayout {
        places,
        output,
        size,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use downhill_core::backprop_graph::presets::Preset;

    #[test]
    fn the_lessons_graph_is_laid_out_as_the_figure_was() {
        let graph = Preset::Lesson.graph();
        let layout = layout(&graph);
        let [x, y, z, q, f] = layout.places[..] else {
            panic!("five nodes");
        };
        // Inputs in one column, top to bottom; + between x and y; × right of +.
        assert!(x.centre.0 == y.centre.0 && y.centre.0 == z.centre.0);
        assert!(x.centre.1 < y.centre.1 && y.centre.1 < z.centre.1);
        assert_eq!(q.centre.1, (x.centre.1 + y.centre.1) / 2.0);
        assert!(f.centre.0 > q.centre.0 && q.centre.0 > x.centre.0);
        assert!(layout.output.centre.0 > f.centre.0);
        assert!(layout.size.0 > layout.output.centre.0 && layout.size.1 > z.centre.1);
    }

    #[test]
    fn no_two_nodes_of_any_preset_overlap() {
        for preset in Preset::ALL {
            let layout = layout(&preset.graph());
            for (index, one) in layout.places.iter().enumerate() {
                for other in &layout.places[index + 1..] {
                    let apart = (one.centre.0 - other.centre.0)
                        .abs()
                        .max((one.centre.1 - other.centre.1).abs());
                    assert!(apart >= ROW_GAP - 1e-9, "{preset:?}: {one:?} {other:?}");
                }
                assert!(one.centre.1 >= 0.0 && one.centre.1 <= layout.size.1);
            }
        }
    }
}
