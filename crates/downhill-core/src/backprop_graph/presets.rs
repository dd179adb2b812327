//! The graphs the demo opens on: lesson 9's f = (x + y) z, a sigmoid neuron, and a graph where one
//! input feeds two branches, so its gradient is a sum.

use super::{Binary, Graph, Node, Operation, Unary};

/// A graph the demo offers by name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Preset {
    /// f = (x + y) z at x = -2, y = 5, z = -4: the lesson's own example.
    Lesson,
    /// f = 1 / (1 + exp(-(w0 x0 + w1 x1 + w2))).
    Neuron,
    /// f = x y + sin x: x feeds a product and a sine.
    Branches,
}

impl Preset {
    pub const ALL: [Preset; 3] = [Preset::Lesson, Preset::Neuron, Preset::Branches];

    /// The name a link and a lesson write.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Lesson => "lesson",
            Preset::Neuron => "neuron",
            Preset::Branches => "branches",
        }
    }

    pub fn from_name(name: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|preset| preset.name() == name)
    }

    /// The formula, as the demo's menu and the still write it.
    pub fn formula(self) -> &'static str {
        match self {
            Preset::Lesson => "f = (x + y) z",
            Preset::Neuron => "f = 1 / (1 + exp(−(w0 x0 + w1 x1 + w2)))",
            Preset::Branches => "f = x y + sin x",
        }
    }

    /// The input values the preset opens with (the neuron's are a classic worked example's).
    pub fn inputs(self) -> Vec<f64> {
        match self {
            Preset::Lesson => vec![-2.0, 5.0, -4.0],
            Preset::Neuron => vec![2.0, -1.0, -3.0, -2.0, -3.0],
            Preset::Branches => vec![1.0, 2.0],
        }
    }

    pub fn graph(self) -> Graph {
        let mut builder = Builder::default();
        match self {
            Preset::Lesson => {
                let x = builder.input("x");
                let y = builder.input("y");
                let z = builder.input("z");
                let q = builder.binary(Binary::Add, x, y, "q");
                builder.binary(Binary::Multiply, q, z, "f");
            }
            Preset::Neuron => {
                let w0 = builder.input("w0");
                let x0 = builder.input("x0");
                let w1 = builder.input("w1");
                let x1 = builder.input("x1");
                let w2 = builder.input("w2");
                let a = builder.binary(Binary::Multiply, w0, x0, "a");
                let b = builder.binary(Binary::Multiply, w1, x1, "b");
                let c = builder.binary(Binary::Add, a, b, "c");
                let s = builder.binary(Binary::Add, c, w2, "s");
                let t = builder.unary(Unary::Negate, s, "t");
                let u = builder.unary(Unary::Exp, t, "u");
                let one = builder.constant(1.0);
                let v = builder.binary(Binary::Add, one, u, "v");
                let one = builder.constant(1.0);
                builder.binary(Binary::Divide, one, v, "f");
            }
            Preset::Branches => {
                let x = builder.input("x");
                let y = builder.input("y");
                let a = builder.binary(Binary::Multiply, x, y, "a");
                let b = builder.unary(Unary::Sin, x, "b");
                builder.binary(Binary::Add, a, b, "f");
            }
        }
        builder.finish()
    }
}

/// Adds nodes in order, so every graph it makes is topologically ordered.
#[derive(Default)]
struct Builder {
    nodes: Vec<Node>,
    input_names: Vec<String>,
}

impl Builder {
    fn push(&mut self, operation: Operation, name: &str) -> usize {
        self.nodes.push(Node {
            operation,
            name: name.to_string(),
        });
        self.nodes.len() - 1
    }

    fn input(&mut self, name: &str) -> usize {
        self.input_names.push(name.to_string());
        self.push(Operation::Input(self.input_names.len() - 1), name)
    }

    fn constant(&mut self, value: f64) -> usize {
        self.push(Operation::Constant(value), "")
    }

    fn binary(&mut self, binary: Binary, a: usize, b: usize, name: &str) -> usize {
        self.push(Operation::Binary(binary, a, b), name)
    }

    fn unary(&mut self, unary: Unary, a: usize, name: &str) -> usize {
        self.push(Operation::Unary(unary, a), name)
    }

    fn finish(self) -> Graph {
        Graph::new(self.nodes, self.input_names).expect("the presets are small graphs with inputs")
    }
}

#[cfg(test)]
mod tests {
    use super::super::Pass;
    use super::*;

    #[test]
    fn names_round_trip_and_inputs_match_the_graphs() {
        for preset in Preset::ALL {
            assert_eq!(Preset::from_name(preset.name()), Some(preset));
            assert_eq!(preset.graph().input_names().len(), preset.inputs().len());
        }
        assert_eq!(Preset::from_name("Lesson"), None);
    }

    #[test]
    fn the_neuron_gives_the_worked_examples_numbers() {
        let graph = Preset::Neuron.graph();
        let pass = Pass::run(&graph, &Preset::Neuron.inputs());
        let f = pass.values[graph.output()];
        // w0 x0 + w1 x1 + w2 = -2 + 6 - 3 = 1, so f = sigmoid(1) = 0.731.
        assert!((f - 1.0 / (1.0 + (-1.0f64).exp())).abs() < 1e-15);
        // The neuron's gradient is (1 - f) f times the other factor: 0.197 for w2.
        let expected = [-1.0, 2.0, -2.0, -3.0, 1.0].map(|factor| (1.0 - f) * f * factor);
        for (got, want) in pass.input_gradients(&graph).iter().zip(expected) {
            assert!((got - want).abs() < 1e-12, "{got} against {want}");
        }
    }
}
