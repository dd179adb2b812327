//! The digits file itself, and training by full-batch, minibatch and single-example gradient descent.

use crate::common;
use downhill_core::classifiers::LossKind;
use downhill_core::data::{MAX_PIXEL, N_CLASSES};
use downhill_core::training::{Batching, TrainingSettings, train};

#[test]
fn the_digits_file_holds_1797_images_of_every_class() {
    let digits = common::digits();
    assert_eq!(digits.len(), 1797);
    assert_eq!(digits.pixels().len(), 1797 * 64);
    assert!(digits.pixels().iter().all(|&pixel| pixel <= MAX_PIXEL));
    let mut counts = [0usize; N_CLASSES];
    digits.labels().iter().for_each(|&label| counts[label] += 1);
    // The classes are close to balanced: 174 to 183 images each.
    assert!(
        counts.iter().all(|&count| (170..=185).contains(&count)),
        "{counts:?}"
    );
    let prepared = common::prepared();
    assert_eq!(
        (
            prepared.train.len(),
            prepared.validation.len(),
            prepared.test.len()
        ),
        (1077, 360, 360)
    );
}

fn settings(batching: Batching, step_size: f64, n_epochs: usize, seed: u64) -> TrainingSettings {
    TrainingSettings {
        loss_kind: LossKind::Softmax,
        reg: 1e-3,
        step_size,
        batching,
        n_epochs,
        seed,
    }
}

#[test]
fn full_batch_minibatch_and_single_example_descent_all_learn() {
    let prepared = common::prepared();
    let initial_weights = common::random_weights(prepared.train.n_weights(), 0.001, 10);
    for (batching, step_size) in [
        (Batching::FullBatch, 1.0),
        (Batching::Minibatch(64), 0.5),
        (Batching::SingleExample, 0.05),
    ] {
        let run = train(
            &prepared.train,
            Some(&prepared.validation),
            &initial_weights,
            &settings(batching, step_size, 4, 11),
        )
        .unwrap();
        let first = run.epochs[0];
        let last = run.epochs[4];
        println!(
            "{batching:?}: {} steps, {} examples; loss {:.3} -> {:.3}, validation accuracy {:.3}",
            run.n_gradient_evaluations,
            run.n_examples_processed,
            first.train_loss,
            last.train_loss,
            last.validation_accuracy.unwrap()
        );
        let steps_per_epoch = batching.steps_per_epoch(prepared.train.len());
        assert_eq!(run.n_gradient_evaluations, 4 * steps_per_epoch);
        assert_eq!(run.step_losses.len(), 4 * steps_per_epoch);
        assert_eq!(run.diverged_at, None);
        assert!(
            run.epochs
                .windows(2)
                .all(|pair| pair[1].train_loss < pair[0].train_loss)
        );
        assert!(last.validation_accuracy.unwrap() > 0.8);
    }
}

#[test]
fn the_same_seed_replays_the_same_run_and_another_seed_does_not() {
    let prepared = common::prepared();
    let initial_weights = common::random_weights(prepared.train.n_weights(), 0.001, 12);
    let run_with = |seed| {
        train(
            &prepared.train,
            None,
            &initial_weights,
            &settings(Batching::Minibatch(32), 0.5, 1, seed),
        )
        .unwrap()
    };
    assert_eq!(run_with(5), run_with(5));
    assert_ne!(run_with(5).weights, run_with(6).weights);
}

#[test]
fn a_very_high_learning_rate_makes_the_loss_grow() {
    let prepared = common::prepared();
    let initial_weights = common::random_weights(prepared.train.n_weights(), 0.001, 13);
    let run = train(
        &prepared.train,
        None,
        &initial_weights,
        &settings(Batching::FullBatch, 1e4, 5, 14),
    )
    .unwrap();
    let losses: Vec<f64> = run.epochs.iter().map(|epoch| epoch.train_loss).collect();
    println!("full batch at learning rate 1e4, loss by epoch: {losses:?}");
    assert!(losses[5] > losses[0]);
    assert!(
        train(
            &prepared.train,
            None,
            &[0.0; 3],
            &settings(Batching::FullBatch, 1.0, 1, 1)
        )
        .is_err()
    );
}
