//! Each input's gradient from the backward pass against a centered difference, with the relative
//! error and band of the gradient-check lesson (`crate::gradient::check`).

use super::{Graph, Pass};
use crate::gradient::check::{ErrorBand, relative_error};
use crate::gradient::workbench::LESSON_STEP;

/// One input's row of the check.
#[derive(Clone, Debug, PartialEq)]
pub struct InputCheck {
    pub input: usize,
    pub analytic: f64,
    pub numerical: f64,
    pub relative_error: f64,
    pub band: ErrorBand,
}

/// The check of every input at `inputs`, with the lesson's step h = 1e-5: two evaluations of the
/// graph per input.
pub fn check_inputs(graph: &Graph, inputs: &[f64]) -> Vec<InputCheck> {
    let analytic = Pass::run(graph, inputs).input_gradients(graph);
    analytic
        .into_iter()
        .enumerate()
        .map(|(input, analytic)| {
            let mut moved = inputs.to_vec();
            moved.resize(graph.input_names().len(), 0.0);
            let at = moved[input];
            moved[input] = at + LESSON_STEP;
            let plus = graph.value(&moved);
            moved[input] = at - LESSON_STEP;
            let minus = graph.value(&moved);
            let numerical = (plus - minus) / (2.0 * LESSON_STEP);
            let relative_error = relative_error(analytic, numerical);
            InputCheck {
                input,
                analytic,
                numerical,
                relative_error,
                band: ErrorBand::of(relative_error),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::presets::Preset;
    use super::*;

    #[test]
    fn every_presets_gradients_check_out_at_its_own_inputs() {
        for preset in Preset::ALL {
            let rows = check_inputs(&preset.graph(), &preset.inputs());
            assert_eq!(rows.len(), preset.inputs().len());
            for row in rows {
                assert!(
                    row.band >= ErrorBand::FineWithKinks,
                    "{preset:?} {row:?} should agree"
                );
            }
        }
    }

    #[test]
    fn the_lessons_check_compares_minus_four_with_a_difference_near_it() {
        let rows = check_inputs(&Preset::Lesson.graph(), &Preset::Lesson.inputs());
        assert_eq!(rows[0].analytic, -4.0);
        assert!((rows[0].numerical + 4.0).abs() < 1e-8);
        assert_eq!(rows[2].analytic, 3.0);
    }

    #[test]
    fn a_kink_shows_as_a_large_error_not_a_panic() {
        // |x| at 0: the backward pass says 0 (PyTorch's choice), the difference also 0; at
        // x = 1e-6 the difference straddles the kink and disagrees.
        let graph = Graph::new(
            vec![
                super::super::Node {
                    operation: super::super::Operation::Input(0),
                    name: "x".to_string(),
                },
                super::super::Node {
                    operation: super::super::Operation::Unary(super::super::Unary::Abs, 0),
                    name: "f".to_string(),
                },
            ],
            vec!["x".to_string()],
        )
        .unwrap();
        assert_eq!(check_inputs(&graph, &[0.0])[0].band, ErrorBand::Good);
        assert_eq!(check_inputs(&graph, &[1e-6])[0].band, ErrorBand::Wrong);
        let nan = check_inputs(&graph, &[f64::NAN]);
        assert_eq!(nan[0].band, ErrorBand::Wrong);
    }
}
