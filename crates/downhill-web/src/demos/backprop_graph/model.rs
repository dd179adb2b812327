//! The backprop graph's state without any DOM: the settings, the graph of the chosen preset, both
//! passes at the chosen inputs, the step cursor, the layout and the gradient check, and the sentence
//! that says what the current step did. Every number comes from `downhill_core::backprop_graph`.

use super::settings::{BackpropSettings, VALUE_LIMIT};
use crate::kit::strings::{self, fill};
use downhill_core::backprop_graph::check::{InputCheck, check_inputs};
use downhill_core::backprop_graph::presets::Preset;
use downhill_core::backprop_graph::steps::{Schedule, Step};
use downhill_core::backprop_graph::{Graph, Operation, Pass};
use downhill_plots::backprop_graph::layout::{GraphLayout, layout};
use downhill_plots::backprop_graph::{node_symbol, number};

pub(crate) struct Model {
    pub(crate) settings: BackpropSettings,
    pub(crate) graph: Graph,
    pub(crate) pass: Pass,
    pub(crate) schedule: Schedule,
    pub(crate) layout: GraphLayout,
    pub(crate) checks: Vec<InputCheck>,
}

impl Model {
    pub(crate) fn new(settings: BackpropSettings) -> Model {
        let graph = settings.preset.graph();
        let pass = Pass::run(&graph, &settings.values);
        let checks = check_inputs(&graph, &settings.values);
        let schedule = Schedule::of(&graph);
        let layout = layout(&graph);
        let mut model = Model {
            settings,
            graph,
            pass,
            schedule,
            layout,
            checks,
        };
        model.settings.step = model.settings.step.min(model.schedule.last());
        model
    }

    /// Another graph, at its own inputs, before the first step.
    pub(crate) fn set_preset(&mut self, preset: Preset) {
        *self = Model::new(BackpropSettings {
            step: 0,
            ..BackpropSettings::of(preset)
        });
    }

    /// Sets input `index` to `value`; false (and no change) for a value out of range or an input
    /// the graph does not have. Both passes and the check are run again; the cursor stays.
    pub(crate) fn set_value(&mut self, index: usize, value: f64) -> bool {
        if !(value.is_finite() && value.abs() <= VALUE_LIMIT) || index >= self.settings.values.len()
        {
            return false;
        }
        self.settings.values[index] = value;
        self.pass = Pass::run(&self.graph, &self.settings.values);
        self.checks = check_inputs(&self.graph, &self.settings.values);
        true
    }

    /// Moves the cursor by `steps` (negative: back), kept between the start and the last step;
    /// false when it could not move.
    pub(crate) fn step_by(&mut self, steps: isize) -> bool {
        let last = self.schedule.last() as isize;
        let moved = (self.settings.step as isize + steps).clamp(0, last) as usize;
        let changed = moved != self.settings.step;
        self.settings.step = moved;
        changed
    }

    pub(crate) fn go_to(&mut self, step: usize) -> bool {
        let step = step.min(self.schedule.last());
        let changed = step != self.settings.step;
        self.settings.step = step;
        changed
    }

    /// The name of a node as the rule writes it: its own name, or a constant's value.
    pub(crate) fn name(&self, node: usize) -> String {
        match self.graph.nodes()[node].operation {
            Operation::Constant(value) => number(value),
            _ => self.graph.nodes()[node].name.clone(),
        }
    }

    /// What a node computes from its arguments, in their names: `x + y`, `exp(t)`, `−s`.
    pub(crate) fn formula(&self, node: usize) -> String {
        self.formula_with(node, |argument| self.name(argument))
    }

    fn formula_with(&self, node: usize, argument: impl Fn(usize) -> String) -> String {
        let symbol = node_symbol(&self.graph, node);
        match self.graph.nodes()[node].operation {
            Operation::Binary(_, a, b) => format!("{} {symbol} {}", argument(a), argument(b)),
            Operation::Unary(downhill_core::backprop_graph::Unary::Negate, a) => {
                format!("−{}", argument(a))
            }
            Operation::Unary(_, a) => format!("{symbol}({})", argument(a)),
            Operation::Input(_) => strings::text("backprop-graph.input"),
            Operation::Constant(_) => strings::text("backprop-graph.constant"),
        }
    }

    /// The sentence for the current step: the value a node computed, or what it sent back, or
    /// how an input's gradient was summed.
    pub(crate) fn rule(&self) -> String {
        let position = self.settings.step;
        let values = &self.pass.values;
        match self.schedule.step(position) {
            Step::Start => strings::text("backprop-graph.at_start"),
            Step::Forward(node) => {
                let with_values = self.formula_with(node, |argument| number(values[argument]));
                fill(
                    "backprop-graph.forward_rule",
                    &[
                        ("name", &self.name(node)),
                        (
                            "formula",
                            &format!("{} = {with_values}", self.formula(node)),
                        ),
                        ("value", &number(values[node])),
                    ],
                )
            }
            Step::Backward(node) if self.graph.nodes()[node].is_operation() => {
                let sends: Vec<String> = self
                    .pass
                    .wires
                    .iter()
                    .enumerate()
                    .filter(|(_, wire)| {
                        wire.to == node && self.schedule.wire_sent(**wire, position)
                    })
                    .map(|(index, wire)| {
                        fill(
                            "backprop-graph.backward_one_send",
                            &[
                                ("input", &self.name(wire.from)),
                                ("local", &number(self.pass.local[index])),
                                ("upstream", &number(self.pass.gradients[node])),
                                ("sent", &number(self.pass.sent[index])),
                            ],
                        )
                    })
                    .collect();
                let sentence = fill(
                    "backprop-graph.backward_send",
                    &[("node", &self.name(node)), ("sends", &sends.join("; "))],
                );
                if node == self.graph.output() {
                    format!(
                        "{} {sentence}",
                        strings::text("backprop-graph.backward_output")
                    )
                } else {
                    sentence
                }
            }
            Step::Backward(node) => {
                let parts: Vec<String> = self
                    .pass
                    .wires
                    .iter()
                    .zip(&self.pass.sent)
                    .filter(|(wire, _)| wire.from == node)
                    .map(|(_, sent)| number(*sent))
                    .collect();
                let name = self.name(node);
                let gradient = number(self.pass.gradients[node]);
                if parts.len() > 1 {
                    fill(
                        "backprop-graph.backward_sum",
                        &[
                            ("name", &name),
                            ("parts", &parts.join(" + ")),
                            ("gradient", &gradient),
                            ("n", &parts.len().to_string()),
                        ],
                    )
                } else {
                    fill(
                        "backprop-graph.backward_input",
                        &[("name", &name), ("gradient", &gradient)],
                    )
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stepping_through_the_lessons_graph_says_each_rule() {
        let mut model = Model::new(BackpropSettings::default());
        assert_eq!(model.rule(), strings::text("backprop-graph.at_start"));
        assert!(model.step_by(1));
        assert_eq!(model.rule(), "Forward: q = x + y = −2 + 5 = 3.");
        model.step_by(1);
        assert_eq!(model.rule(), "Forward: f = q × z = 3 × −4 = −12.");
        model.step_by(1);
        assert_eq!(
            model.rule(),
            "Backward starts at the output: ∂f/∂f = 1. f sends back local gradient × upstream: \
             to q: −4 × 1 = −4; to z: 3 × 1 = 3."
        );
        model.step_by(1);
        assert!(model.rule().contains("to x: 1 × −4 = −4"));
        assert!(model.step_by(100));
        assert_eq!(model.settings.step, 7);
        assert_eq!(model.rule(), "∂f/∂x = −4: its gradient is complete.");
        assert!(!model.step_by(1), "the cursor stops at the end");
        model.go_to(0);
        assert!(!model.step_by(-1), "and at the start");
    }

    #[test]
    fn an_input_feeding_two_branches_says_its_gradients_add() {
        let mut model = Model::new(BackpropSettings::default());
        model.set_preset(Preset::Branches);
        assert_eq!(model.settings.step, 0);
        model.go_to(model.schedule.last());
        // x = 1, y = 2: ∂f/∂x = y + cos x.
        let expected = 2.0 + 1f64.cos();
        assert!(
            model.rule().starts_with("∂f/∂x = 2 + 0.54 = 2.54"),
            "{}",
            model.rule()
        );
        assert!((model.checks[0].analytic - expected).abs() < 1e-15);
    }

    #[test]
    fn a_new_value_runs_both_passes_again_and_a_bad_one_changes_nothing() {
        let mut model = Model::new(BackpropSettings::default());
        assert!(model.set_value(2, 2.0));
        assert_eq!(model.pass.values[model.graph.output()], 6.0);
        assert_eq!(model.checks[2].analytic, 3.0);
        assert_eq!(model.checks[0].analytic, 2.0);
        for bad in [f64::NAN, 11.0, f64::INFINITY] {
            assert!(!model.set_value(0, bad));
        }
        assert!(!model.set_value(3, 1.0));
        assert_eq!(model.settings.values, vec![-2.0, 5.0, 2.0]);
    }
}
