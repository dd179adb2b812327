//! The three strategies of the blindfolded-hiker lesson on the digits, on one budget of loss
//! evaluations: random search, random local search and gradient descent.

use crate::common;
use downhill_core::classifiers::{LossKind, linear};
use downhill_core::search::random_local_search::{RandomLocalSearchSettings, random_local_search};
use downhill_core::search::random_search::{RandomSearchSettings, random_search};
use downhill_core::training::gradient_descent;

/// Loss evaluations each strategy may spend. The document uses 1,000; 300 keeps the unoptimized test
/// build under ten seconds and already separates the three clearly.
const BUDGET: usize = 300;

#[test]
fn gradient_descent_beats_random_local_search_which_beats_random_search() {
    let prepared = common::prepared();
    // The document's SVM loss without regularization, on the training part.
    let objective = LossKind::Svm.on(&prepared.train, 0.0);
    // The document's settings for both searches: weights of 0.0001 * N(0, 1) for random search, a
    // start of 0.001 * N(0, 1) and steps of 0.0001 * N(0, 1) for random local search.
    let random = random_search(
        &objective,
        &RandomSearchSettings {
            n_attempts: BUDGET,
            weight_scale: 0.0001,
            seed: 1,
        },
    );
    let local = random_local_search(
        &objective,
        &RandomLocalSearchSettings {
            n_steps: BUDGET,
            initial_scale: 0.001,
            step_size: 0.0001,
            seed: 1,
        },
    );
    let initial_weights = common::random_weights(prepared.train.n_weights(), 0.001, 1);
    let descent = gradient_descent(&objective, &initial_weights, 0.1, BUDGET).unwrap();

    assert_eq!(random.n_loss_evaluations, BUDGET);
    assert_eq!(local.n_loss_evaluations, BUDGET);
    assert_eq!(descent.n_loss_evaluations, BUDGET);
    let test_accuracy = |weights: &[f64]| linear::accuracy(&prepared.test, weights).unwrap();
    let random_accuracy = test_accuracy(&random.best_weights);
    let local_accuracy = test_accuracy(&local.best_weights);
    let descent_accuracy = test_accuracy(&descent.weights);
    println!("test accuracy after {BUDGET} loss evaluations on the digits (SVM loss, reg 0):");
    println!(
        "  random search        {random_accuracy:.3} (best loss {:.4})",
        random.best_loss
    );
    println!(
        "  random local search  {local_accuracy:.3} (best loss {:.4})",
        local.best_loss
    );
    println!(
        "  gradient descent     {descent_accuracy:.3} (last loss {:.4})",
        descent.losses[BUDGET - 1]
    );
    assert!(local_accuracy > random_accuracy);
    assert!(descent_accuracy > local_accuracy);
    // The losses tell the same story as the accuracies.
    assert!(local.best_loss < random.best_loss);
    assert!(descent.losses[BUDGET - 1] < local.best_loss);
}
