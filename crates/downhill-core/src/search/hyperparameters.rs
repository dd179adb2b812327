//! Hyperparameter search: sampling on a log scale, and random trials against a grid of the same size
//! when one hyperparameter matters much more than the other (after Bergstra and Bengio, 2012).
//!
//! The comparison runs on a stand-in for a validation loss, [`validation_loss_stand_in`], a cheap
//! closed-form function of the learning rate and the regularization strength, so the demo can run
//! hundreds of searches instantly; training a classifier per trial would show the same effect slowly.

use crate::rng::Rng;

/// The lowest exponent of the document's range, `10 ** uniform(-6, 1)`.
pub const LOW_EXPONENT: f64 = -6.0;
/// The highest exponent of the document's range.
pub const HIGH_EXPONENT: f64 = 1.0;

// ANCHOR: log_uniform
/// A draw on a log scale: 10^u with u uniform in [low_exponent, high_exponent), as in the document's
/// `learning_rate = 10 ** uniform(-6, 1)`. Every factor of ten in the range is equally likely.
pub fn log_uniform(rng: &mut Rng, low_exponent: f64, high_exponent: f64) -> f64 {
    let exponent = rng.uniform_in(low_exponent, high_exponent);
    10f64.powf(exponent)
}
// ANCHOR_END: log_uniform

/// log10 of the best learning rate of [`validation_loss_stand_in`].
pub const BEST_LEARNING_RATE_EXPONENT: f64 = -3.3;
/// log10 of the best regularization strength of [`validation_loss_stand_in`].
pub const BEST_REG_EXPONENT: f64 = -4.0;

/// A made-up validation loss in which the learning rate matters far more than the regularization:
/// with a = log10(learning_rate) and r = log10(reg),
///
/// loss = 1 - 0.9 exp(-(a - a*)^2 / (2 * 0.5^2)) + 0.02 ((r - r*) / 7)^2,
///
/// with a* = -3.3 and r* = -4. Across the range 10^-6 to 10^1 the learning rate moves the loss from
/// 0.1 to nearly 1, the regularization by at most 0.02 * (5/7)^2 = 0.01. Lower is better.
pub fn validation_loss_stand_in(learning_rate: f64, reg: f64) -> f64 {
    let lr_offset = learning_rate.log10() - BEST_LEARNING_RATE_EXPONENT;
    let reg_offset = (reg.log10() - BEST_REG_EXPONENT) / (HIGH_EXPONENT - LOW_EXPONENT);
    1.0 - 0.9 * (-lr_offset * lr_offset / (2.0 * 0.5 * 0.5)).exp() + 0.02 * reg_offset * reg_offset
}

/// One trial of a hyperparameter search.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Trial {
    pub learning_rate: f64,
    pub reg: f64,
    /// The validation loss of this setting (lower is better).
    pub loss: f64,
}

/// The two searches of [`random_versus_grid`], trial by trial.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SearchComparison {
    pub grid: Vec<Trial>,
    pub random: Vec<Trial>,
}

impl SearchComparison {
    /// The grid trial with the lowest loss (`None` for an empty grid).
    pub fn best_grid(&self) -> Option<Trial> {
        best_trial(&self.grid)
    }

    /// The random trial with the lowest loss (`None` for no trials).
    pub fn best_random(&self) -> Option<Trial> {
        best_trial(&self.random)
    }
}

/// The trial with the lowest loss; NaN losses are never best. `None` if there is no trial with a
/// number for its loss.
pub fn best_trial(trials: &[Trial]) -> Option<Trial> {
    trials
        .iter()
        .filter(|trial| !trial.loss.is_nan())
        .min_by(|left, right| left.loss.total_cmp(&right.loss))
        .copied()
}

/// `count` evenly spaced values from `low` to `high`, both ends included (the middle for one value,
/// nothing for none).
pub fn evenly_spaced(low: f64, high: f64, count: usize) -> Vec<f64> {
    match count {
        0 => Vec::new(),
        1 => vec![0.5 * (low + high)],
        _ => (0..count)
            .map(|idx| low + (high - low) * idx as f64 / (count - 1) as f64)
            .collect(),
    }
}

/// Grid search and random search with the same number of trials, `n_per_axis^2`, over learning rates
/// and regularization strengths from 10^-6 to 10^1, each scored by `validation_loss`.
pub fn random_versus_grid(
    validation_loss: impl Fn(f64, f64) -> f64,
    n_per_axis: usize,
    seed: u64,
) -> SearchComparison {
    // ANCHOR: random_versus_grid
    // Grid search: n_per_axis values of each hyperparameter, evenly spaced on the log scale, and every
    // pair of them. Only n_per_axis distinct learning rates are ever tried.
    let exponents = evenly_spaced(LOW_EXPONENT, HIGH_EXPONENT, n_per_axis);
    let mut grid = Vec::new();
    for &lr_exponent in &exponents {
        for &reg_exponent in &exponents {
            let learning_rate = 10f64.powf(lr_exponent);
            let reg = 10f64.powf(reg_exponent);
            let loss = validation_loss(learning_rate, reg);
            grid.push(Trial {
                learning_rate,
                reg,
                loss,
            });
        }
    }
    // Random search: the same number of trials, each hyperparameter drawn on its own, so every trial
    // tries a new learning rate.
    let mut rng = Rng::new(seed);
    let mut random = Vec::new();
    for _ in 0..grid.len() {
        let learning_rate = log_uniform(&mut rng, LOW_EXPONENT, HIGH_EXPONENT);
        let reg = log_uniform(&mut rng, LOW_EXPONENT, HIGH_EXPONENT);
        let loss = validation_loss(learning_rate, reg);
        random.push(Trial {
            learning_rate,
            reg,
            loss,
        });
    }
    // ANCHOR_END: random_versus_grid
    SearchComparison { grid, random }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_uniform_spreads_evenly_over_the_exponents() {
        let mut rng = Rng::new(12);
        let n_draws = 70_000;
        let mut counts_per_decade = [0usize; 7];
        for _ in 0..n_draws {
            let value = log_uniform(&mut rng, LOW_EXPONENT, HIGH_EXPONENT);
            assert!((1e-6..10.0).contains(&value));
            let decade = (value.log10() - LOW_EXPONENT).floor() as usize;
            counts_per_decade[decade.min(6)] += 1;
        }
        // Each decade expects 10,000 draws, with a standard deviation of about 93.
        for count in counts_per_decade {
            assert!(count.abs_diff(10_000) < 470, "{counts_per_decade:?}");
        }
    }

    #[test]
    fn the_grid_tries_few_distinct_learning_rates() {
        let comparison = random_versus_grid(validation_loss_stand_in, 3, 1);
        assert_eq!(comparison.grid.len(), 9);
        assert_eq!(comparison.random.len(), 9);
        let mut grid_rates: Vec<f64> = comparison.grid.iter().map(|t| t.learning_rate).collect();
        grid_rates.sort_by(f64::total_cmp);
        grid_rates.dedup();
        assert_eq!(grid_rates.len(), 3);
        assert_eq!(evenly_spaced(-6.0, 1.0, 3), vec![-6.0, -2.5, 1.0]);
        assert!(evenly_spaced(0.0, 1.0, 0).is_empty());
        assert!(
            random_versus_grid(validation_loss_stand_in, 0, 1)
                .best_grid()
                .is_none()
        );
    }

    #[test]
    fn the_stand_in_is_lowest_at_its_stated_best() {
        let best = validation_loss_stand_in(
            10f64.powf(BEST_LEARNING_RATE_EXPONENT),
            10f64.powf(BEST_REG_EXPONENT),
        );
        assert!((best - 0.1).abs() < 1e-12);
        for (lr_shift, reg_shift) in [(0.1, 0.0), (-0.1, 0.0), (0.0, 1.0), (0.0, -1.0)] {
            let nearby = validation_loss_stand_in(
                10f64.powf(BEST_LEARNING_RATE_EXPONENT + lr_shift),
                10f64.powf(BEST_REG_EXPONENT + reg_shift),
            );
            assert!(nearby > best);
        }
    }
}
