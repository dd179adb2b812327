//! The softmax classifier's cross-entropy loss.
//!
//! For example i with label y_i and scores s_j = w_j . x_i, the class probabilities are
//! p_j = e^{s_j} / sum_k e^{s_k}, and the loss is the negative log probability of the correct class:
//!
//! L_i = -ln p_{y_i} = -s_{y_i} + ln sum_k e^{s_k},
//!
//! with L = (1/N) sum_i L_i + 0.5 * reg * sum W^2 (see [`crate::classifiers`]). The gradient with
//! respect to the scores is dL_i/ds_j = p_j - 1(j = y_i), carried back to the weights by
//! dW = dS^T X.
//!
//! Numerical stability: e^{s} overflows for scores above about 709, so every score is shifted by the
//! example's largest score m first. The probabilities do not change (the factor e^{-m} cancels), and
//! L_i = ln sum_k e^{s_k - m} - (s_{y_i} - m) never takes the logarithm of an underflowed 0.

use super::linear;
use super::nan_for_bad_lengths;
use crate::data::{Dataset, LengthMismatch, check_length};
use crate::gradient::check::{Kinks, SinglePrecisionLoss};
use crate::objective::Objective;

// ANCHOR: loss_and_gradient
/// The softmax loss over all of `data` and its gradient, for the whole batch at once: the scores of
/// every example, their probabilities (shifted by the largest score so that exp cannot overflow), the
/// loss -ln p_y, and the score gradient p - 1(y) carried back to the weights by dW = dS^T X. Writes the
/// gradient into `gradient` and returns the loss.
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
        let example_scores = &scores[row..row + n_classes];
        let max_score = example_scores
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max);
        let probabilities = &mut score_gradient[row..row + n_classes];
        for (probability, &score) in probabilities.iter_mut().zip(example_scores) {
            *probability = (score - max_score).exp();
        }
        let sum_exp: f64 = probabilities.iter().sum();
        data_loss += sum_exp.ln() - (example_scores[label] - max_score);
        // dL_i/ds_j = p_j - 1(j = y_i), averaged over the examples.
        for probability in probabilities.iter_mut() {
            *probability *= inverse_n / sum_exp;
        }
        probabilities[label] -= inverse_n;
    }
    // Back from scores to weights, dW = dS^T X, plus the gradient of the penalty, reg * W.
    linear::weight_gradient(data, &score_gradient, gradient);
    linear::add_l2_gradient(weights, reg, gradient);
    Ok(data_loss * inverse_n + linear::l2_penalty(weights, reg))
}
// ANCHOR_END: loss_and_gradient

/// The softmax loss alone, without the work of the gradient.
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
        let max_score = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let sum_exp: f64 = row.iter().map(|score| (score - max_score).exp()).sum();
        data_loss += sum_exp.ln() - (row[label] - max_score);
    }
    data_loss
}

/// The class probabilities of every example, row-major `N x n_classes`, each row summing to 1.
pub fn probabilities(data: &Dataset, weights: &[f64]) -> Result<Vec<f64>, LengthMismatch> {
    let mut probabilities = linear::scores(data, weights)?;
    for row in probabilities.chunks_exact_mut(data.n_classes()) {
        let max_score = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        row.iter_mut()
            .for_each(|score| *score = (*score - max_score).exp());
        let sum_exp: f64 = row.iter().sum();
        row.iter_mut().for_each(|value| *value /= sum_exp);
    }
    Ok(probabilities)
}

/// The softmax loss on a data set with regularization strength `reg`, as an [`Objective`] over the
/// flat weights. Wrong lengths give a NaN loss and a NaN gradient.
#[derive(Clone, Copy, Debug)]
pub struct SoftmaxLoss<'a> {
    pub data: &'a Dataset,
    pub reg: f64,
}

impl<'a> SoftmaxLoss<'a> {
    pub fn new(data: &'a Dataset, reg: f64) -> SoftmaxLoss<'a> {
        SoftmaxLoss { data, reg }
    }
}

impl Objective for SoftmaxLoss<'_> {
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

/// The softmax loss is smooth: the largest score it subtracts cancels out of the loss, so it has no
/// kinks to report.
impl Kinks for SoftmaxLoss<'_> {}

impl SinglePrecisionLoss for SoftmaxLoss<'_> {
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
            let max_score = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let sum_exp: f32 = scores.iter().map(|score| (score - max_score).exp()).sum();
            data_loss += sum_exp.ln() - (scores[label] - max_score);
        }
        data_loss / self.data.len().max(1) as f32 + linear::l2_penalty_f32(params, self.reg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_scores_give_ln_of_the_number_of_classes() {
        // Zero weights make every score 0, so each of the 3 classes has probability 1/3.
        let data = Dataset::new(vec![1.0, -2.0, 0.5, 4.0], vec![0, 2], 2, 3).unwrap();
        let loss = loss(&data, &[0.0; 6], 0.0).unwrap();
        assert!((loss - 3f64.ln()).abs() < 1e-15);
    }

    #[test]
    fn huge_scores_do_not_overflow() {
        // One feature equal to 1, so the weights are the scores: (1000, 0), label 1. Without the
        // shift e^1000 is infinite. With it, L = ln(e^0 + e^-1000) - (0 - 1000) = 1000 to double
        // precision, and p = (1, e^-1000) = (1, 0).
        let data = Dataset::new(vec![1.0], vec![1], 1, 2).unwrap();
        let mut gradient = [0.0; 2];
        let loss = loss_and_gradient(&data, &[1000.0, 0.0], 0.0, &mut gradient).unwrap();
        assert_eq!(loss, 1000.0);
        // p = (1, 0): dL/ds = (1, -1), times x = 1.
        assert_eq!(gradient, [1.0, -1.0]);
    }

    #[test]
    fn probabilities_sum_to_one() {
        let data = Dataset::new(vec![1.0, -2.0, 0.5, 4.0], vec![0, 2], 2, 3).unwrap();
        let weights = [0.3, -0.1, 2.0, 0.7, -1.5, 0.2];
        let probabilities = probabilities(&data, &weights).unwrap();
        for row in probabilities.chunks_exact(3) {
            assert!((row.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            assert!(row.iter().all(|&p| p > 0.0));
        }
    }
}
