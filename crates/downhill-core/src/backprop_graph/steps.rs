//! The step cursor: the forward pass one operation at a time, then the backward pass one node at a
//! time from the output back to the inputs. Position 0 shows only the inputs and constants; each
//! step after it shows one more value, then one more node's gradient and what it sends back.

use super::{Graph, Operation, Wire};

/// What a position of the cursor has just done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Nothing computed yet.
    Start,
    /// Node `n` has just computed its value from its arguments.
    Forward(usize),
    /// Node `n`'s gradient of f is complete and (for an operation) it has sent local gradient ×
    /// that gradient back along each of its input wires.
    Backward(usize),
}

/// The order of the steps through one graph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Schedule {
    /// The operations in topological order.
    pub forward: Vec<usize>,
    /// Every node but the constants, from the output back.
    pub backward: Vec<usize>,
    is_constant: Vec<bool>,
}

impl Schedule {
    pub fn of(graph: &Graph) -> Schedule {
        let nodes = graph.nodes();
        let forward = (0..nodes.len())
            .filter(|&node| nodes[node].is_operation())
            .collect();
        let is_constant: Vec<bool> = nodes
            .iter()
            .map(|node| matches!(node.operation, Operation::Constant(_)))
            .collect();
        let backward = (0..nodes.len())
            .rev()
            .filter(|&node| !is_constant[node])
            .collect();
        Schedule {
            forward,
            backward,
            is_constant,
        }
    }

    /// The last position: every value and every gradient shown.
    pub fn last(&self) -> usize {
        self.forward.len() + self.backward.len()
    }

    /// What the step that leads to `position` did (positions past the end read as the end).
    pub fn step(&self, position: usize) -> Step {
        let position = position.min(self.last());
        if position == 0 {
            Step::Start
        } else if position <= self.forward.len() {
            Step::Forward(self.forward[position - 1])
        } else {
            Step::Backward(self.backward[position - self.forward.len() - 1])
        }
    }

    /// Whether node `node`'s value is known at `position`.
    pub fn value_shown(&self, node: usize, position: usize) -> bool {
        match self.forward.iter().position(|&step| step == node) {
            Some(index) => index < position,
            None => true,
        }
    }

    /// Whether node `node`'s gradient of f is complete at `position`.
    pub fn gradient_shown(&self, node: usize, position: usize) -> bool {
        let backward_done = position.saturating_sub(self.forward.len());
        self.backward
            .iter()
            .position(|&step| step == node)
            .is_some_and(|index| index < backward_done)
    }

    /// Whether `wire` has carried its gradient back at `position` (wires from constants carry none).
    pub fn wire_sent(&self, wire: Wire, position: usize) -> bool {
        !self.is_constant[wire.from] && self.gradient_shown(wire.to, position)
    }
}

#[cfg(test)]
mod tests {
    use super::super::Pass;
    use super::super::presets::Preset;
    use super::*;

    #[test]
    fn the_lessons_graph_takes_two_forward_and_six_backward_steps() {
        let graph = Preset::Lesson.graph();
        let schedule = Schedule::of(&graph);
        // x, y, z, q = x + y, f = q z.
        assert_eq!(schedule.forward, vec![3, 4]);
        assert_eq!(schedule.backward, vec![4, 3, 2, 1, 0]);
        assert_eq!(schedule.last(), 7);
        assert_eq!(schedule.step(0), Step::Start);
        assert_eq!(schedule.step(1), Step::Forward(3));
        assert_eq!(schedule.step(3), Step::Backward(4));
        assert_eq!(schedule.step(99), Step::Backward(0));
        assert!(schedule.value_shown(0, 0) && !schedule.value_shown(3, 0));
        assert!(schedule.value_shown(3, 1) && !schedule.value_shown(4, 1));
        assert!(!schedule.gradient_shown(4, 2) && schedule.gradient_shown(4, 3));
    }

    #[test]
    fn a_wire_sends_back_only_once_the_node_it_enters_has_its_gradient() {
        let graph = Preset::Neuron.graph();
        let schedule = Schedule::of(&graph);
        let pass = Pass::run(&graph, &Preset::Neuron.inputs());
        for position in 0..=schedule.last() {
            for &wire in &pass.wires {
                let sent = schedule.wire_sent(wire, position);
                // A node's gradient is shown only after every wire leaving it has sent.
                if schedule.gradient_shown(wire.from, position) {
                    assert!(sent, "{wire:?} at {position}");
                }
                if sent {
                    assert!(schedule.value_shown(wire.from, position));
                }
            }
        }
        let everything = schedule.last();
        assert!((0..graph.nodes().len()).all(|node| schedule.value_shown(node, everything)));
    }
}
