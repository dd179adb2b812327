//! Strategy 1, a very bad idea: try many random weight matrices and keep the best.

use super::{Attempt, SearchRun};
use crate::objective::Objective;
use crate::rng::Rng;

/// How random search draws its attempts.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RandomSearchSettings {
    /// Loss evaluations to spend (the document uses 1,000).
    pub n_attempts: usize,
    /// Each weight is a standard normal draw times this (the document uses 0.0001).
    pub weight_scale: f64,
    pub seed: u64,
}

impl Default for RandomSearchSettings {
    /// The document's settings: 1,000 attempts of weights 0.0001 * N(0, 1), seed 0.
    fn default() -> RandomSearchSettings {
        RandomSearchSettings {
            n_attempts: 1000,
            weight_scale: 0.0001,
            seed: 0,
        }
    }
}

/// Random search, calling `after_attempt` with each attempt and the best weights so far (where the
/// document prints a line; a demo can record accuracies there).
pub fn random_search_with<O: Objective + ?Sized>(
    objective: &O,
    settings: &RandomSearchSettings,
    mut after_attempt: impl FnMut(&Attempt, &[f64]),
) -> SearchRun {
    let mut rng = Rng::new(settings.seed);
    let mut attempts = Vec::with_capacity(settings.n_attempts);
    // ANCHOR: random_search
    let mut best_loss = f64::INFINITY;
    let mut best_weights = Vec::new();
    for attempt_idx in 0..settings.n_attempts {
        // Random parameters, and their loss over the whole training set.
        let weights = rng.normal_vec(objective.dimension(), settings.weight_scale);
        let loss = objective.loss(&weights);
        // Keep track of the best solution.
        if loss < best_loss {
            best_loss = loss;
            best_weights = weights;
        }
        let attempt = Attempt {
            attempt_idx,
            loss,
            best_loss,
        };
        after_attempt(&attempt, &best_weights);
        attempts.push(attempt);
    }
    // ANCHOR_END: random_search
    SearchRun {
        best_weights,
        best_loss,
        n_loss_evaluations: attempts.len(),
        attempts,
    }
}

/// Random search with no per-attempt callback.
pub fn random_search<O: Objective + ?Sized>(
    objective: &O,
    settings: &RandomSearchSettings,
) -> SearchRun {
    random_search_with(objective, settings, |_, _| {})
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gradient::check::ReluSum;

    #[test]
    fn keeps_the_best_of_its_attempts_and_replays_with_its_seed() {
        // sum max(0, w_i) is lowest for weights with many negative entries.
        let objective = ReluSum { dimension: 4 };
        let settings = RandomSearchSettings {
            n_attempts: 50,
            weight_scale: 1.0,
            seed: 3,
        };
        let run = random_search(&objective, &settings);
        let lowest = run
            .attempts
            .iter()
            .map(|attempt| attempt.loss)
            .fold(f64::INFINITY, f64::min);
        assert_eq!(run.best_loss, lowest);
        assert_eq!(objective.loss(&run.best_weights), lowest);
        assert_eq!(run.n_loss_evaluations, 50);
        assert!(
            run.attempts
                .windows(2)
                .all(|pair| pair[1].best_loss <= pair[0].best_loss)
        );
        assert_eq!(random_search(&objective, &settings), run);
    }

    #[test]
    fn no_attempts_leave_no_weights() {
        let settings = RandomSearchSettings {
            n_attempts: 0,
            ..RandomSearchSettings::default()
        };
        let run = random_search(&ReluSum { dimension: 2 }, &settings);
        assert!(run.best_weights.is_empty());
        assert_eq!(run.best_loss, f64::INFINITY);
    }
}
