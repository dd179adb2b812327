//! Backpropagation on a small computational graph, one node at a time, for lesson 9's demo.
//!
//! A [`Graph`] is a list of nodes in topological order (every node's inputs come before it): the
//! function's inputs, constants, and operations (`+ - × / ^` and one-argument functions). The last
//! node is the output f. [`Pass`] runs the forward pass (each node's value) and the backward pass:
//! every operation multiplies the gradient of f arriving from above by its local gradient with
//! respect to each of its inputs and sends the product back along that wire; where a node feeds
//! several others, the products arriving from its branches are summed. [`steps`] walks through both
//! passes one node at a time, and [`check`] compares each input's gradient with a centered
//! difference.

pub mod check;
pub mod presets;
pub mod steps;

/// The most nodes a graph may have: a picture of more than this cannot be read, and every pass over
/// the graph stays short.
pub const MAX_NODES: usize = 40;
/// The most inputs a graph may have (each gets a field and a slider).
pub const MAX_INPUTS: usize = 6;

/// An operation with two inputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binary {
    Add,
    Subtract,
    Multiply,
    Divide,
    Power,
}

/// An operation with one input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unary {
    Negate,
    Sin,
    Cos,
    Tan,
    Exp,
    Log,
    Sqrt,
    Abs,
    Tanh,
}

impl Binary {
    /// The symbol drawn in the node and written in the rule.
    pub fn symbol(self) -> &'static str {
        match self {
            Binary::Add => "+",
            Binary::Subtract => "−",
            Binary::Multiply => "×",
            Binary::Divide => "/",
            Binary::Power => "^",
        }
    }
}

impl Unary {
    /// The name drawn in the node and written in the rule.
    pub fn symbol(self) -> &'static str {
        match self {
            Unary::Negate => "−",
            Unary::Sin => "sin",
            Unary::Cos => "cos",
            Unary::Tan => "tan",
            Unary::Exp => "exp",
            Unary::Log => "log",
            Unary::Sqrt => "sqrt",
            Unary::Abs => "abs",
            Unary::Tanh => "tanh",
        }
    }

    fn apply(self, a: f64) -> f64 {
        match self {
            Unary::Negate => -a,
            Unary::Sin => a.sin(),
            Unary::Cos => a.cos(),
            Unary::Tan => a.tan(),
            Unary::Exp => a.exp(),
            Unary::Log => a.ln(),
            Unary::Sqrt => a.sqrt(),
            Unary::Abs => a.abs(),
            Unary::Tanh => a.tanh(),
        }
    }

    /// d(value)/da, from the input `a` and the node's own `value` (exp, sqrt and tanh reuse it).
    fn local_gradient(self, a: f64, value: f64) -> f64 {
        match self {
            Unary::Negate => -1.0,
            Unary::Sin => a.cos(),
            Unary::Cos => -a.sin(),
            Unary::Tan => 1.0 + value * value,
            Unary::Exp => value,
            Unary::Log => 1.0 / a,
            Unary::Sqrt => 0.5 / value,
            // At the kink, 0, as PyTorch does.
            Unary::Abs if a == 0.0 => 0.0,
            Unary::Abs => a.signum(),
            Unary::Tanh => 1.0 - value * value,
        }
    }
}

/// What a node computes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Operation {
    /// The function's input number `index`.
    Input(usize),
    Constant(f64),
    Binary(Binary, usize, usize),
    Unary(Unary, usize),
}

/// One node: what it computes and the name its value is written under (`x`, `q`, `f`).
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub operation: Operation,
    pub name: String,
}

impl Node {
    /// The nodes this one reads, in order (none, one or two).
    pub fn arguments(&self) -> Vec<usize> {
        match self.operation {
            Operation::Input(_) | Operation::Constant(_) => Vec::new(),
            Operation::Binary(_, a, b) => vec![a, b],
            Operation::Unary(_, a) => vec![a],
        }
    }

    /// Whether the node is an operation (the forward and backward passes step through these).
    pub fn is_operation(&self) -> bool {
        matches!(self.operation, Operation::Binary(..) | Operation::Unary(..))
    }
}

/// Why a graph could not be built.
#[derive(Clone, Debug, PartialEq)]
pub enum GraphError {
    /// More nodes than [`MAX_NODES`].
    TooManyNodes { limit: usize },
    /// More inputs than [`MAX_INPUTS`].
    TooManyInputs { limit: usize },
    /// The function is a number: there is nothing to differentiate.
    NoInput,
}

/// A wire: the value of node `from` going into slot `slot` of node `to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wire {
    pub from: usize,
    pub to: usize,
    pub slot: usize,
}

/// A computational graph in topological order, its last node the output.
#[derive(Clone, Debug, PartialEq)]
pub struct Graph {
    nodes: Vec<Node>,
    input_names: Vec<String>,
}

impl Graph {
    /// Checks and keeps `nodes`, whose `Input(i)` nodes are named by `input_names[i]`. Arguments
    /// must point to earlier nodes (the builders below only make such graphs).
    pub fn new(nodes: Vec<Node>, input_names: Vec<String>) -> Result<Graph, GraphError> {
        if nodes.len() > MAX_NODES {
            return Err(GraphError::TooManyNodes { limit: MAX_NODES });
        }
        if input_names.len() > MAX_INPUTS {
            return Err(GraphError::TooManyInputs { limit: MAX_INPUTS });
        }
        let has_input = nodes
            .iter()
            .any(|node| matches!(node.operation, Operation::Input(_)));
        if !has_input {
            return Err(GraphError::NoInput);
        }
        for (index, node) in nodes.iter().enumerate() {
            let inputs_ok = match node.operation {
                Operation::Input(input) => input < input_names.len(),
                _ => node.arguments().iter().all(|&argument| argument < index),
            };
            assert!(inputs_ok, "node {index} is not in topological order");
        }
        Ok(Graph { nodes, input_names })
    }

    pub fn nodes(&self) -> &[Node] {
        &self.nodes
    }

    pub fn input_names(&self) -> &[String] {
        &self.input_names
    }

    /// The output node: the last one.
    pub fn output(&self) -> usize {
        self.nodes.len() - 1
    }

    /// The node holding input `index`, if the graph uses it.
    pub fn input_node(&self, index: usize) -> Option<usize> {
        self.nodes
            .iter()
            .position(|node| node.operation == Operation::Input(index))
    }

    /// Every wire, in the order of the nodes they enter.
    pub fn wires(&self) -> Vec<Wire> {
        let mut wires = Vec::new();
        for (to, node) in self.nodes.iter().enumerate() {
            for (slot, from) in node.arguments().into_iter().enumerate() {
                wires.push(Wire { from, to, slot });
            }
        }
        wires
    }

    /// Every node's value at `inputs` (missing inputs read as 0).
    pub fn forward(&self, inputs: &[f64]) -> Vec<f64> {
        let mut values: Vec<f64> = Vec::with_capacity(self.nodes.len());
        for node in &self.nodes {
            let value = match node.operation {
                Operation::Input(index) => inputs.get(index).copied().unwrap_or(0.0),
                Operation::Constant(value) => value,
                Operation::Unary(unary, a) => unary.apply(values[a]),
                Operation::Binary(binary, a, b) => {
                    let (a, b) = (values[a], values[b]);
                    match binary {
                        Binary::Add => a + b,
                        Binary::Subtract => a - b,
                        Binary::Multiply => a * b,
                        Binary::Divide => a / b,
                        Binary::Power => a.powf(b),
                    }
                }
            };
            values.push(value);
        }
        values
    }

    /// The value of f at `inputs`.
    pub fn value(&self, inputs: &[f64]) -> f64 {
        self.forward(inputs)[self.output()]
    }

    /// The local gradient of node `to` with respect to its argument in `slot`, from the values.
    pub fn local_gradient(&self, to: usize, slot: usize, values: &[f64]) -> f64 {
        match self.nodes[to].operation {
            Operation::Input(_) | Operation::Constant(_) => 0.0,
            Operation::Unary(unary, a) => unary.local_gradient(values[a], values[to]),
            Operation::Binary(binary, a, b) => {
                let (a, b, value) = (values[a], values[b], values[to]);
                match (binary, slot) {
                    (Binary::Add, _) => 1.0,
                    (Binary::Subtract, 0) => 1.0,
                    (Binary::Subtract, _) => -1.0,
                    (Binary::Multiply, 0) => b,
                    (Binary::Multiply, _) => a,
                    (Binary::Divide, 0) => 1.0 / b,
                    (Binary::Divide, _) => -a / (b * b),
                    // b a^(b - 1); an exponent of 0 makes a constant, even at a = 0.
                    (Binary::Power, 0) if b == 0.0 => 0.0,
                    (Binary::Power, 0) => b * a.powf(b - 1.0),
                    // a^b ln a; at a = 0 with b >= 0, 0 (PyTorch's rule, as the expression core's).
                    (Binary::Power, _) if a == 0.0 && b >= 0.0 => 0.0,
                    (Binary::Power, _) => value * a.ln(),
                }
            }
        }
    }
}

/// Both passes at one point: every node's value, what every wire carries back, and every node's
/// gradient of f (the sum over the wires leaving it).
#[derive(Clone, Debug, PartialEq)]
pub struct Pass {
    pub values: Vec<f64>,
    pub wires: Vec<Wire>,
    /// For each wire, local gradient × the gradient of f at the node it enters: what it sends back.
    pub sent: Vec<f64>,
    /// For each wire, the local gradient alone.
    pub local: Vec<f64>,
    pub gradients: Vec<f64>,
}

impl Pass {
    pub fn run(graph: &Graph, inputs: &[f64]) -> Pass {
        let values = graph.forward(inputs);
        let wires = graph.wires();
        let local: Vec<f64> = wires
            .iter()
            .map(|wire| graph.local_gradient(wire.to, wire.slot, &values))
            .collect();
        let mut sent = vec![0.0; wires.len()];
        let mut gradients = vec![0.0; values.len()];
        gradients[graph.output()] = 1.0;
        // Backward in reverse topological order: when a node is reached, every node it feeds has
        // already sent it its share, so its gradient is complete.
        for node in (0..values.len()).rev() {
            for (index, wire) in wires.iter().enumerate() {
                if wire.to == node {
                    sent[index] = local[index] * gradients[node];
                    gradients[wire.from] += sent[index];
                }
            }
        }
        Pass {
            values,
            wires,
            sent,
            local,
            gradients,
        }
    }

    /// The gradient of f with respect to each input (0 for an input the graph does not use).
    pub fn input_gradients(&self, graph: &Graph) -> Vec<f64> {
        (0..graph.input_names().len())
            .map(|index| {
                graph
                    .input_node(index)
                    .map_or(0.0, |node| self.gradients[node])
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::presets::Preset;
    use super::*;

    #[test]
    fn the_lessons_graph_gives_the_lessons_numbers() {
        let graph = Preset::Lesson.graph();
        let pass = Pass::run(&graph, &Preset::Lesson.inputs());
        assert_eq!(pass.values[graph.output()], -12.0);
        assert_eq!(pass.input_gradients(&graph), vec![-4.0, -4.0, 3.0]);
    }

    #[test]
    fn every_local_gradient_matches_a_centered_difference() {
        let unaries = [
            Unary::Negate,
            Unary::Sin,
            Unary::Cos,
            Unary::Tan,
            Unary::Exp,
            Unary::Log,
            Unary::Sqrt,
            Unary::Abs,
            Unary::Tanh,
        ];
        let binaries = [
            Binary::Add,
            Binary::Subtract,
            Binary::Multiply,
            Binary::Divide,
            Binary::Power,
        ];
        let names = vec!["a".to_string(), "b".to_string()];
        let input = |index: usize, name: &str| Node {
            operation: Operation::Input(index),
            name: name.to_string(),
        };
        let mut graphs = Vec::new();
        for unary in unaries {
            let nodes = vec![
                input(0, "a"),
                Node {
                    operation: Operation::Unary(unary, 0),
                    name: "f".to_string(),
                },
            ];
            graphs.push(Graph::new(nodes, names[..1].to_vec()).unwrap());
        }
        for binary in binaries {
            let nodes = vec![
                input(0, "a"),
                input(1, "b"),
                Node {
                    operation: Operation::Binary(binary, 0, 1),
                    name: "f".to_string(),
                },
            ];
            graphs.push(Graph::new(nodes, names.clone()).unwrap());
        }
        let at = [0.7, 1.3];
        for graph in &graphs {
            let pass = Pass::run(graph, &at);
            for (index, analytic) in pass.input_gradients(graph).into_iter().enumerate() {
                let h = 1e-6;
                let mut plus = at;
                let mut minus = at;
                plus[index] += h;
                minus[index] -= h;
                let numerical = (graph.value(&plus) - graph.value(&minus)) / (2.0 * h);
                assert!(
                    (analytic - numerical).abs() < 1e-6,
                    "{:?}: {analytic} against {numerical}",
                    graph.nodes().last()
                );
            }
        }
    }

    #[test]
    fn gradients_add_where_one_input_feeds_two_branches() {
        let graph = Preset::Branches.graph();
        let inputs = Preset::Branches.inputs();
        let pass = Pass::run(&graph, &inputs);
        let x = graph.input_node(0).unwrap();
        let leaving: Vec<f64> = pass
            .wires
            .iter()
            .zip(&pass.sent)
            .filter(|(wire, _)| wire.from == x)
            .map(|(_, sent)| *sent)
            .collect();
        assert_eq!(leaving.len(), 2);
        assert_eq!(pass.gradients[x], leaving[0] + leaving[1]);
    }

    #[test]
    fn oversized_and_constant_graphs_are_refused() {
        let constant = Node {
            operation: Operation::Constant(1.0),
            name: "1".to_string(),
        };
        assert_eq!(
            Graph::new(vec![constant.clone()], Vec::new()),
            Err(GraphError::NoInput)
        );
        let mut nodes = vec![Node {
            operation: Operation::Input(0),
            name: "x".to_string(),
        }];
        nodes.extend(std::iter::repeat_n(constant, MAX_NODES));
        assert_eq!(
            Graph::new(nodes, vec!["x".to_string()]),
            Err(GraphError::TooManyNodes { limit: MAX_NODES })
        );
    }
}
