//! The linear score function f(x_i; W) = W x_i and what follows from scores: predictions, accuracy,
//! the step from score gradients back to weight gradients, and the L2 penalty.

use crate::data::{Dataset, LengthMismatch, check_length};

/// The dot product of two slices (over the shorter length, so it never panics).
pub fn dot(left: &[f64], right: &[f64]) -> f64 {
    let length = left.len().min(right.len());
    let (left, right) = (&left[..length], &right[..length]);
    // Four running sums instead of one. Each addition to a single sum must wait for the previous one
    // to finish, so one sum runs at the latency of floating-point addition; four independent sums
    // overlap, which makes the classifiers' scores several times faster. Plain indexing rather than
    // iterator adapters keeps the unoptimized test builds fast as well.
    let mut sums = [0.0; 4];
    let n_blocks = length / 4;
    for block_idx in 0..n_blocks {
        let base = 4 * block_idx;
        sums[0] += left[base] * right[base];
        sums[1] += left[base + 1] * right[base + 1];
        sums[2] += left[base + 2] * right[base + 2];
        sums[3] += left[base + 3] * right[base + 3];
    }
    let mut sum = (sums[0] + sums[1]) + (sums[2] + sums[3]);
    for idx in 4 * n_blocks..length {
        sum += left[idx] * right[idx];
    }
    sum
}

/// Checks that `weights` has `n_classes * n_features` entries for `data`.
pub fn check_weights(data: &Dataset, weights: &[f64]) -> Result<(), LengthMismatch> {
    check_length("weights", data.n_weights(), weights.len())
}

/// The class scores of every example, S = X W^T: an `N x n_classes` row-major matrix with
/// `S[i][j] = w_j . x_i`.
pub fn scores(data: &Dataset, weights: &[f64]) -> Result<Vec<f64>, LengthMismatch> {
    check_weights(data, weights)?;
    let n_features = data.n_features();
    let mut scores = Vec::with_capacity(data.len() * data.n_classes());
    for example in data.features().chunks_exact(n_features) {
        for class_weights in weights.chunks_exact(n_features) {
            scores.push(dot(class_weights, example));
        }
    }
    Ok(scores)
}

/// The predicted class of every example: the index of its highest score. Ties and NaN scores go to
/// the lowest class index.
pub fn predict(data: &Dataset, weights: &[f64]) -> Result<Vec<usize>, LengthMismatch> {
    let scores = scores(data, weights)?;
    Ok(scores
        .chunks_exact(data.n_classes())
        .map(|row| {
            let mut best_class = 0;
            for (class, &score) in row.iter().enumerate() {
                if score > row[best_class] {
                    best_class = class;
                }
            }
            best_class
        })
        .collect())
}

/// The fraction of examples whose predicted class is their label, from 0 to 1 (0 for no examples).
pub fn accuracy(data: &Dataset, weights: &[f64]) -> Result<f64, LengthMismatch> {
    let predictions = predict(data, weights)?;
    if predictions.is_empty() {
        return Ok(0.0);
    }
    let n_correct = predictions
        .iter()
        .zip(data.labels())
        .filter(|(predicted, label)| predicted == label)
        .count();
    Ok(n_correct as f64 / predictions.len() as f64)
}

/// Carries gradients from the scores back to the weights: with S = X W^T, dL/dW = dS^T X, that is
/// `dW[j][k] = sum_i dS[i][j] x_ik`. Overwrites `gradient` (`n_classes x n_features`).
///
/// Callers check the lengths first; a short slice only shortens the sums, it never panics.
pub fn weight_gradient(data: &Dataset, score_gradient: &[f64], gradient: &mut [f64]) {
    let n_features = data.n_features();
    gradient.iter_mut().for_each(|entry| *entry = 0.0);
    let examples = data.features().chunks_exact(n_features);
    for (example, example_score_gradient) in examples.zip(score_gradient.chunks(data.n_classes())) {
        for (class_gradient, &d_score) in gradient
            .chunks_exact_mut(n_features)
            .zip(example_score_gradient)
        {
            // Examples whose score for this class does not matter add nothing; skipping them saves
            // most of the work for the SVM, whose score gradient is mostly zeros.
            if d_score != 0.0 {
                add_scaled(class_gradient, d_score, example);
            }
        }
    }
}

/// target += scale * source, over the shorter length (an indexed loop, like [`dot`]).
fn add_scaled(target: &mut [f64], scale: f64, source: &[f64]) {
    let length = target.len().min(source.len());
    let (target, source) = (&mut target[..length], &source[..length]);
    for idx in 0..length {
        target[idx] += scale * source[idx];
    }
}

/// The L2 penalty R(W) = 0.5 * reg * sum W^2.
pub fn l2_penalty(weights: &[f64], reg: f64) -> f64 {
    l2_penalty_of_squares(dot(weights, weights), reg)
}

/// The L2 penalty with every operation in f32, as the single-precision losses add it:
/// `0.5 * reg * sum W^2` with the sum taken in f32.
pub fn l2_penalty_f32(weights: &[f32], reg: f64) -> f32 {
    l2_penalty_f32_of_squares(weights.iter().map(|weight| weight * weight).sum(), reg)
}

/// [`l2_penalty_f32`] from the sum of squared weights, for a caller that keeps the sum (the gradient
/// check keeps it so that moving the regularization alone needs no new loss evaluation).
pub fn l2_penalty_f32_of_squares(sum_of_squares: f32, reg: f64) -> f32 {
    0.5 * reg as f32 * sum_of_squares
}

/// [`l2_penalty`] from `dot(weights, weights)`, for a caller that keeps that sum.
pub fn l2_penalty_of_squares(sum_of_squares: f64, reg: f64) -> f64 {
    0.5 * reg * sum_of_squares
}

/// Adds the gradient of the L2 penalty, reg * W, to `gradient`.
pub fn add_l2_gradient(weights: &[f64], reg: f64, gradient: &mut [f64]) {
    for (entry, weight) in gradient.iter_mut().zip(weights) {
        *entry += reg * weight;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_examples() -> Dataset {
        // Rows (1, 2) with label 0 and (3, -1) with label 1; two classes.
        Dataset::new(vec![1.0, 2.0, 3.0, -1.0], vec![0, 1], 2, 2).unwrap()
    }

    #[test]
    fn scores_are_weight_rows_dotted_with_examples() {
        let data = two_examples();
        // w_0 = (1, 0), w_1 = (0, 1): the scores are the features themselves.
        let identity_scores = scores(&data, &[1.0, 0.0, 0.0, 1.0]).unwrap();
        assert_eq!(identity_scores, vec![1.0, 2.0, 3.0, -1.0]);
        assert_eq!(predict(&data, &[1.0, 0.0, 0.0, 1.0]).unwrap(), vec![1, 0]);
        assert_eq!(accuracy(&data, &[1.0, 0.0, 0.0, 1.0]).unwrap(), 0.0);
        assert_eq!(accuracy(&data, &[0.0, 1.0, 1.0, 0.0]).unwrap(), 1.0);
        assert!(scores(&data, &[1.0; 3]).is_err());
        assert!(accuracy(&data, &[]).is_err());
    }

    #[test]
    fn weight_gradient_is_the_transposed_product() {
        let data = two_examples();
        let score_gradient = [1.0, 0.5, -2.0, 1.0];
        let mut gradient = [9.0; 4];
        weight_gradient(&data, &score_gradient, &mut gradient);
        // dW[j][k] = sum_i dS[i][j] x_ik, worked by hand:
        // dW[0] = 1 * (1, 2) + (-2) * (3, -1) = (-5, 4); dW[1] = 0.5 * (1, 2) + 1 * (3, -1) = (3.5, 0).
        assert_eq!(gradient, [-5.0, 4.0, 3.5, 0.0]);
    }
}
