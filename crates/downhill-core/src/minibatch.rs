//! Minibatches: random samples of the training examples, drawn from a seeded generator so that a run
//! can be replayed exactly.

use crate::classifiers::LossKind;
use crate::data::{Dataset, LengthMismatch};
use crate::objective::Objective;
use crate::rng::Rng;

// ANCHOR: sample_minibatch
/// A minibatch of `batch_size` distinct examples drawn at random from `data` (all of them, in random
/// order, if `batch_size` is larger than the data).
pub fn sample_minibatch(data: &Dataset, batch_size: usize, rng: &mut Rng) -> Dataset {
    let chosen_indices = rng.choose_k(data.len(), batch_size);
    data.subset(&chosen_indices)
}
// ANCHOR_END: sample_minibatch

/// The gradients of `n_batches` random minibatches at the same `weights`: the cloud of noisy
/// estimates around the full gradient that the minibatch lesson draws. Each is a flat gradient of
/// `data.n_weights()` numbers.
pub fn minibatch_gradients(
    loss_kind: LossKind,
    data: &Dataset,
    reg: f64,
    weights: &[f64],
    batch_size: usize,
    n_batches: usize,
    rng: &mut Rng,
) -> Result<Vec<Vec<f64>>, LengthMismatch> {
    crate::classifiers::linear::check_weights(data, weights)?;
    Ok((0..n_batches)
        .map(|_| {
            let batch = sample_minibatch(data, batch_size, rng);
            let mut gradient = vec![0.0; weights.len()];
            loss_kind
                .on(&batch, reg)
                .loss_and_gradient(weights, &mut gradient);
            gradient
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered_rows(n_rows: usize) -> Dataset {
        // Row i is the single feature i, so a batch shows which rows it took.
        let features = (0..n_rows).map(|row_idx| row_idx as f64).collect();
        Dataset::new(features, vec![0; n_rows], 1, 2).unwrap()
    }

    #[test]
    fn a_minibatch_holds_distinct_rows_and_replays_with_its_seed() {
        let data = numbered_rows(50);
        let batch = sample_minibatch(&data, 8, &mut Rng::new(4));
        assert_eq!(batch.len(), 8);
        let mut rows: Vec<f64> = batch.features().to_vec();
        rows.sort_by(f64::total_cmp);
        rows.dedup();
        assert_eq!(rows.len(), 8);
        assert_eq!(sample_minibatch(&data, 8, &mut Rng::new(4)), batch);
        assert_ne!(sample_minibatch(&data, 8, &mut Rng::new(5)), batch);
    }

    #[test]
    fn oversized_and_empty_batches_are_safe() {
        let data = numbered_rows(5);
        assert_eq!(sample_minibatch(&data, 100, &mut Rng::new(1)).len(), 5);
        assert!(sample_minibatch(&data, 0, &mut Rng::new(1)).is_empty());
        let empty = numbered_rows(0);
        assert!(sample_minibatch(&empty, 3, &mut Rng::new(1)).is_empty());
    }

    #[test]
    fn minibatch_gradients_average_to_roughly_the_full_gradient() {
        // Two classes, two features, labels alternate; the average of many minibatch gradients
        // estimates the full gradient without bias. One batch of 4 has a spread of roughly 0.25 per
        // coordinate, so the mean of 2,000 is within about 0.006; 0.03 is five times that.
        let n_rows = 40;
        let features: Vec<f64> = (0..2 * n_rows)
            .map(|idx| ((idx * 7) % 11) as f64 / 11.0)
            .collect();
        let labels: Vec<usize> = (0..n_rows).map(|idx| idx % 2).collect();
        let data = Dataset::new(features, labels, 2, 2).unwrap();
        let weights = [0.3, -0.2, 0.1, 0.4];
        let mut full_gradient = [0.0; 4];
        LossKind::Softmax
            .on(&data, 0.0)
            .loss_and_gradient(&weights, &mut full_gradient);
        let gradients = minibatch_gradients(
            LossKind::Softmax,
            &data,
            0.0,
            &weights,
            4,
            2000,
            &mut Rng::new(8),
        )
        .unwrap();
        for coordinate in 0..4 {
            let mean = gradients.iter().map(|g| g[coordinate]).sum::<f64>() / 2000.0;
            assert!(
                (mean - full_gradient[coordinate]).abs() < 0.03,
                "coordinate {coordinate}: mean {mean}, full {}",
                full_gradient[coordinate]
            );
        }
        assert!(
            minibatch_gradients(LossKind::Svm, &data, 0.0, &[0.0], 4, 1, &mut Rng::new(1)).is_err()
        );
    }
}
