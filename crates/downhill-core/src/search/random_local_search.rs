//! Strategy 2, random local search: stretch a foot out in a random direction and step only if it
//! leads downhill.

use super::{Attempt, SearchRun};
use crate::objective::Objective;
use crate::rng::Rng;

/// How random local search starts and how far it reaches.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RandomLocalSearchSettings {
    /// Loss evaluations to spend, one per step (the document uses 1,000).
    pub n_steps: usize,
    /// The starting weights are standard normal draws times this (the document uses 0.001).
    pub initial_scale: f64,
    /// Each perturbation is standard normal draws times this (the document uses 0.0001).
    pub step_size: f64,
    pub seed: u64,
}

impl Default for RandomLocalSearchSettings {
    /// The document's settings: 1,000 steps from 0.001 * N(0, 1) with perturbations
    /// 0.0001 * N(0, 1), seed 0.
    fn default() -> RandomLocalSearchSettings {
        RandomLocalSearchSettings {
            n_steps: 1000,
            initial_scale: 0.001,
            step_size: 0.0001,
            seed: 0,
        }
    }
}

/// Random local search, calling `after_attempt` with each attempt and the current weights (where the
/// document prints a line; a demo can record accuracies there).
///
/// As in the document the starting weights are never evaluated on their own: the best loss starts at
/// infinity, so the first perturbed weights are always taken (unless their loss is NaN).
pub fn random_local_search_with<O: Objective + ?Sized>(
    objective: &O,
    settings: &RandomLocalSearchSettings,
    mut after_attempt: impl FnMut(&Attempt, &[f64]),
) -> SearchRun {
    let mut rng = Rng::new(settings.seed);
    let mut attempts = Vec::with_capacity(settings.n_steps);
    // ANCHOR: random_local_search
    let mut weights = rng.normal_vec(objective.dimension(), settings.initial_scale);
    let mut best_loss = f64::INFINITY;
    for attempt_idx in 0..settings.n_steps {
        // A random step from where we stand: W + step_size * N(0, 1).
        let weights_try: Vec<f64> = weights
            .iter()
            .map(|weight| weight + settings.step_size * rng.standard_normal())
            .collect();
        let loss = objective.loss(&weights_try);
        // Move only if the step leads downhill.
        if loss < best_loss {
            weights = weights_try;
            best_loss = loss;
        }
        let attempt = Attempt {
            attempt_idx,
            loss,
            best_loss,
        };
        after_attempt(&attempt, &weights);
        attempts.push(attempt);
    }
    // ANCHOR_END: random_local_search
    SearchRun {
        // Until a step has been accepted there is no evaluated best, only the unevaluated start.
        best_weights: if best_loss < f64::INFINITY {
            weights
        } else {
            Vec::new()
        },
        best_loss,
        n_loss_evaluations: attempts.len(),
        attempts,
    }
}

/// Random local search with no per-attempt callback.
pub fn random_local_search<O: Objective + ?Sized>(
    objective: &O,
    settings: &RandomLocalSearchSettings,
) -> SearchRun {
    random_local_search_with(objective, settings, |_, _| {})
}

#[cfg(test)]
mod tests {
    use super::*;

    /// f(w) = sum (w_i - 1)^2: a bowl whose bottom is far from the small random start.
    struct ShiftedBowl;

    impl Objective for ShiftedBowl {
        fn dimension(&self) -> usize {
            3
        }

        fn loss_and_gradient(&self, params: &[f64], gradient: &mut [f64]) -> f64 {
            for (entry, weight) in gradient.iter_mut().zip(params) {
                *entry = 2.0 * (weight - 1.0);
            }
            params.iter().map(|weight| (weight - 1.0).powi(2)).sum()
        }
    }

    #[test]
    fn only_downhill_steps_are_taken() {
        let objective = ShiftedBowl;
        let settings = RandomLocalSearchSettings {
            n_steps: 200,
            initial_scale: 1.0,
            step_size: 0.1,
            seed: 2,
        };
        let mut current_losses = Vec::new();
        let run = random_local_search_with(&objective, &settings, |_, weights| {
            current_losses.push(objective.loss(weights));
        });
        // The loss where the search stands never goes up, and ends at the best loss.
        assert!(current_losses.windows(2).all(|pair| pair[1] <= pair[0]));
        assert_eq!(objective.loss(&run.best_weights), run.best_loss);
        assert_eq!(*current_losses.last().unwrap(), run.best_loss);
        assert!(run.best_loss < run.attempts[0].loss);
        assert_eq!(random_local_search(&objective, &settings), run);
    }
}
