//! Every English word the backprop graph shows, in one place (contract B of issue 14: until the
//! demos' strings files land, a new demo keeps its strings here, placeholders written `{name}`, so
//! moving them into `lessons/strings/en/demos.toml` is one edit).

pub(crate) const PRESET: &str = "Graph";
pub(crate) const PRESET_LESSON: &str = "The lesson's f = (x + y) z";
pub(crate) const PRESET_NEURON: &str = "A sigmoid neuron";
pub(crate) const PRESET_BRANCHES: &str = "One input, two branches";
pub(crate) const INPUTS: &str = "Inputs";
pub(crate) const INPUT_FIELD: &str = "{name}, typed";
pub(crate) const STEP_BACK: &str = "Step back";
pub(crate) const STEP_FORWARD: &str = "Step forward";
pub(crate) const TO_START: &str = "Start";
pub(crate) const TO_END: &str = "Both passes";
pub(crate) const GRAPH_LABEL: &str = "The computational graph of {formula}: values above the wires, gradients below. Arrow keys step.";
pub(crate) const STEP_COUNT: &str = "Step {n} of {last}.";
pub(crate) const AT_START: &str =
    "Only the inputs are known. Step forward to compute each node's value.";
pub(crate) const FORWARD_RULE: &str = "Forward: {name} = {formula} = {value}.";
pub(crate) const BACKWARD_OUTPUT: &str = "Backward starts at the output: ∂f/∂f = 1.";
pub(crate) const BACKWARD_SEND: &str = "{node} sends back local gradient × upstream: {sends}.";
pub(crate) const BACKWARD_ONE_SEND: &str = "to {input}: {local} × {upstream} = {sent}";
pub(crate) const BACKWARD_INPUT: &str = "∂f/∂{name} = {gradient}: its gradient is complete.";
pub(crate) const BACKWARD_SUM: &str =
    "∂f/∂{name} = {parts} = {gradient}: {name} feeds {n} branches, so their gradients add.";
pub(crate) const NODES_CAPTION: &str = "Every node's value and gradient at this step";
pub(crate) const NODE: &str = "Node";
pub(crate) const COMPUTES: &str = "Computes";
pub(crate) const VALUE: &str = "Value";
pub(crate) const GRADIENT: &str = "∂f/∂node";
pub(crate) const NOT_YET: &str = "not yet";
pub(crate) const INPUT: &str = "input";
pub(crate) const CONSTANT: &str = "constant";
pub(crate) const CHECK_CAPTION: &str =
    "Each input's gradient against a centered difference (h = 1e-5)";
pub(crate) const CHECK_INPUT: &str = "Input";
pub(crate) const CHECK_BACKPROP: &str = "Backprop";
pub(crate) const CHECK_CENTERED: &str = "Centered difference";
pub(crate) const CHECK_ERROR: &str = "Relative error";
pub(crate) const BAND_GOOD: &str = "good";
pub(crate) const BAND_KINKS: &str = "fine with kinks";
pub(crate) const BAND_UNEASY: &str = "uneasy";
pub(crate) const BAND_WRONG: &str = "probably wrong";
pub(crate) const WRONG_VALUE_COUNT: &str = "The link gives a different number of input values than the graph has ({n}); the others keep their defaults.";
pub(crate) const BAD_VALUE: &str = "An input value in the link is not a number between -{limit} and {limit}; it keeps its default.";
pub(crate) const VALUE_OUT_OF_RANGE: &str = "Type a number between -{limit} and {limit}.";

/// `template` with each `{name}` replaced by its value.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_others_left() {
        assert_eq!(
            fill(STEP_COUNT, &[("n", "2"), ("last", "7")]),
            "Step 2 of 7."
        );
        assert_eq!(fill("{a} {b}", &[("a", "1")]), "1 {b}");
    }
}
