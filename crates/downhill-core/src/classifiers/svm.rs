//! The multiclass support vector machine loss (Weston and Watkins), with margin delta = 1.
//!
//! For example i with label y_i and scores s_j = w_j . x_i,
//!
//! L_i = sum_{j != y_i} max(0, s_j - s_{y_i} + delta),
//!
//! and L = (1/N) sum_i L_i + 0.5 * reg * sum W^2 (see [`crate::classifiers`] for the penalty).
//! Its (sub)gradient, with 1(.) the indicator of a violated margin:
//!
//! dL_i/dw_j = 1(s_j - s_{y_i} + delta > 0) x_i for j != y_i,
//! dL_i/dw_{y_i} = -(sum_{j != y_i} 1(s_j - s_{y_i} + delta > 0)) x_i.
//!
//! At a margin of exactly zero the loss has a kink; the code takes the gradient of the flat side
//! there (the indicator is 0), which is one valid subgradient.

use super::linear::{self, dot};
use super::nan_for_bad_lengths;
use crate::data::{Dataset, LengthMismatch, check_length};
use crate::gradient::check::{Kinks, SinglePrecisionLoss};
use crate::objective::Objective;

/// The margin by which the correct class's score should beat every other score.
pub const DELTA: f64 = 1.0;

// ANCHOR: loss_unvectorized
/// The SVM loss of one example, written out one class at a time:
/// L_i = sum_{j != y} max(0, w_j . x - w_y . x + delta).
///
/// Row j of `weights` (the `x.len()` numbers from `j * x.len()`) is w_j. Returns NaN if `label`
/// has no row.
pub fn loss_one_example(x: &[f64], label: usize, weights: &[f64]) -> f64 {
    // The score of class j is w_j . x.
    let scores: Vec<f64> = weights
        .chunks(x.len().max(1))
        .map(|w_j| dot(w_j, x))
        .collect();
    let Some(&correct_class_score) = scores.get(label) else {
        return f64::NAN;
    };
    let mut loss_i = 0.0;
    for (j, &score_j) in scores.iter().enumerate() {
        if j == label {
            // The correct class is not compared with itself.
            continue;
        }
        loss_i += f64::max(0.0, score_j - correct_class_score + DELTA);
    }
    loss_i
}
// ANCHOR_END: loss_unvectorized

/// The full SVM loss computed one example at a time with [`loss_one_example`]: the slow, obviously
/// correct version that the vectorized [`loss_and_gradient`] is tested against.
pub fn loss_unvectorized(data: &Dataset, weights: &[f64], reg: f64) -> Result<f64, LengthMismatch> {
    linear::check_weights(data, weights)?;
    let data_loss: f64 = (0..data.len())
        .map(|example_idx| {
            loss_one_example(
                data.example(example_idx),
                data.labels()[example_idx],
                weights,
            )
        })
        .sum();
    Ok(data_loss / data.len().max(1) as f64 + linear::l2_penalty(weights, reg))
}

// ANCHOR: loss_and_gradient
/// The SVM loss over all of `data` and its gradient, computed for the whole batch at once: the scores
/// of every example, then every margin, then the gradient of the loss with respect to each score
/// (+1 for a violated margin, minus the number of violations for the correct class), carried back to
/// the weights by dW = dS^T X. Writes the gradient into `gradient` and returns the loss.
pub fn loss_and_gradient(
    data: &Dataset,
    weights: &[f64],
    reg: f64,
    gradient: &mut [f64],
) -> Result<f64, LengthMismatch> {
    check_length("gradient", weights.len(), gradient.len())?;
    let n_classes = data.n_classes();
    let scores = linear::scores(data, weights)?;
    // With no examples the data loss is 0; max(1) only avoids dividing 0 by 0.
    let inverse_n = 1.0 / data.len().max(1) as f64;
    let mut data_loss = 0.0;
    let mut score_gradient = vec![0.0; scores.len()];
    for (example_idx, &label) in data.labels().iter().enumerate() {
        let row = example_idx * n_classes;
        let correct_class_score = scores[row + label];
        for class in 0..n_classes {
            let margin = scores[row + class] - correct_class_score + DELTA;
            if class != label && margin > 0.0 {
                data_loss += margin;
                score_gradient[row + class] += inverse_n;
                score_gradient[row + label] -= inverse_n;
            }
        }
    }
    // Back from scores to weights, dW = dS^T X, plus the gradient of the penalty, reg * W.
    linear::weight_gradient(data, &score_gradient, gradient);
    linear::add_l2_gradient(weights, reg, gradient);
    Ok(data_loss * inverse_n + linear::l2_penalty(weights, reg))
}
// ANCHOR_END: loss_and_gradient

/// The SVM loss alone, without the work of the gradient.
pub fn loss(data: &Dataset, weights: &[f64], reg: f64) -> Result<f64, LengthMismatch> {
    let scores = linear::scores(data, weights)?;
    let data_loss = summed_loss_of_scores(&scores, data.labels(), data.n_classes());
    Ok(data_loss / data.len().max(1) as f64 + linear::l2_penalty(weights, reg))
}

/// The data loss summed (not averaged) over the examples, from their scores: row-major
/// `N x n_classes` scores and the N labels.
pub fn summed_loss_of_scores(scores: &[f64], labels: &[usize], n_classes: usize) -> f64 {
    let mut data_loss = 0.0;
    for (row, &label) in scores.chunks_exact(n_classes.max(1)).zip(labels) {
        let correct_class_score = row[label];
        for (class, &score) in row.iter().enumerate() {
            if class != label {
                data_loss += f64::max(0.0, score - correct_class_score + DELTA);
            }
        }
    }
    data_loss
}

/// The SVM loss on a data set with regularization strength `reg`, as an [`Objective`] over the flat
/// weights. Wrong lengths give a NaN loss and a NaN gradient.
#[derive(Clone, Copy, Debug)]
pub struct SvmLoss<'a> {
    pub data: &'a Dataset,
    pub reg: f64,
}

impl<'a> SvmLoss<'a> {
    pub fn new(data: &'a Dataset, reg: f64) -> SvmLoss<'a> {
        SvmLoss { data, reg }
    }
}

impl Objective for SvmLoss<'_> {
    fn dimension(&self) -> usize {
        self.data.n_weights()
    }

    fn loss_and_gradient(&self, params: &[f64], gradient: &mut [f64]) -> f64 {
        loss_and_gradient(self.data, params, self.reg, gradient)
            .unwrap_or_else(|_| nan_for_bad_lengths(gradient))
    }

    fn loss(&self, params: &[f64]) -> f64 {
        loss(self.data, params, self.reg).unwrap_or(f64::NAN)
    }
}

impl Kinks for SvmLoss<'_> {
    /// For every example i and class j (in that order), whether max(0, s_j - s_{y_i} + delta) takes
    /// its sloped side, that is whether the margin is violated. The correct class's own entry is
    /// always false. Empty when the weights have the wrong length.
    fn winners(&self, params: &[f64]) -> Vec<bool> {
        let Ok(scores) = linear::scores(self.data, params) else {
            return Vec::new();
        };
        winners_of_scores(&scores, self.data.labels(), self.data.n_classes())
    }
}

/// [`SvmLoss`]'s winners from the examples' row-major scores and labels.
pub fn winners_of_scores(scores: &[f64], labels: &[usize], n_classes: usize) -> Vec<bool> {
    let mut winners = Vec::with_capacity(scores.len());
    for (row, &label) in scores.chunks_exact(n_classes.max(1)).zip(labels) {
        for (class, &score) in row.iter().enumerate() {
            winners.push(class != label && score - row[label] + DELTA > 0.0);
        }
    }
    winners
}

impl SinglePrecisionLoss for SvmLoss<'_> {
    /// The same loss with every operation in f32 (features rounded to f32 on the way in), to show how
    /// much precision a gradient check loses in single precision. NaN for weights of the wrong length.
    fn loss_f32(&self, params: &[f32]) -> f32 {
        let n_features = self.data.n_features();
        if params.len() != self.data.n_weights() {
            return f32::NAN;
        }
        let mut data_loss = 0.0f32;
        for (example_idx, &label) in self.data.labels().iter().enumerate() {
            let example = self.data.example(example_idx);
            let scores: Vec<f32> = params
                .chunks_exact(n_features)
                .map(|w_j| w_j.iter().zip(example).map(|(w, x)| w * *x as f32).sum())
                .collect();
            for (class, &score) in scores.iter().enumerate() {
                if class != label {
                    data_loss += f32::max(0.0, score - scores[label] + DELTA as f32);
                }
            }
        }
        data_loss / self.data.len().max(1) as f32 + linear::l2_penalty_f32(params, self.reg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_example_loss_worked_by_hand() {
        // Scores (3.2, 5.1, -1.7) with label 0: max(0, 5.1 - 3.2 + 1) + max(0, -1.7 - 3.2 + 1)
        // = 2.9 + 0. With one feature equal to 1, the weights are the scores.
        let loss_i = loss_one_example(&[1.0], 0, &[3.2, 5.1, -1.7]);
        assert!((loss_i - 2.9).abs() < 1e-12);
        assert!(loss_one_example(&[1.0], 3, &[3.2, 5.1, -1.7]).is_nan());
    }

    #[test]
    fn gradient_of_one_example_worked_by_hand() {
        // One example x = (1, 2), label 0, three classes. W rows: w_0 = (0, 0), w_1 = (1, 0),
        // w_2 = (-1, -1), so the scores are (0, 1, -3): margins 1 - 0 + 1 = 2 (violated) and
        // -3 - 0 + 1 = -2 (not). Loss 2. Gradient: w_1 gets +x, w_0 gets -1 * x, w_2 gets 0.
        let data = Dataset::new(vec![1.0, 2.0], vec![0], 2, 3).unwrap();
        let weights = [0.0, 0.0, 1.0, 0.0, -1.0, -1.0];
        let mut gradient = [0.0; 6];
        let loss = loss_and_gradient(&data, &weights, 0.0, &mut gradient).unwrap();
        assert_eq!(loss, 2.0);
        assert_eq!(gradient, [-1.0, -2.0, 1.0, 2.0, 0.0, 0.0]);
        assert_eq!(
            SvmLoss::new(&data, 0.0).winners(&weights),
            vec![false, true, false]
        );
    }

    #[test]
    fn wrong_lengths_give_nan_not_a_panic() {
        let data = Dataset::new(vec![1.0, 2.0], vec![0], 2, 3).unwrap();
        let objective = SvmLoss::new(&data, 0.1);
        let mut gradient = [0.0; 6];
        assert!(
            objective
                .loss_and_gradient(&[1.0; 5], &mut gradient)
                .is_nan()
        );
        assert!(gradient.iter().all(|entry| entry.is_nan()));
        let mut short_gradient = [0.0; 2];
        assert!(
            objective
                .loss_and_gradient(&[1.0; 6], &mut short_gradient)
                .is_nan()
        );
        assert!(objective.loss(&[]).is_nan());
        assert!(objective.loss_f32(&[]).is_nan());
    }
}
