//! The live training dashboard's run on the real digits: the lesson's sanity checks come out as the
//! lesson says, and the quantities it tells us to watch behave as it describes.

// The shared loader of the learning tests; this file uses only part of it.
#[allow(dead_code)]
#[path = "learning/common.rs"]
mod common;

use downhill_core::classifiers::LossKind;
use downhill_core::live_training::{
    LiveSettings, LiveTraining, OVERFIT_EPOCHS, OVERFIT_LEARNING_RATE, OVERFIT_SUBSET_SIZE,
    REGULARIZATION_CHECK_STRENGTHS, UpdateRatioVerdict, initial_loss_check, overfit_check_passes,
    overfit_subset, regularization_check,
};
use std::rc::Rc;

fn data() -> (
    Rc<downhill_core::data::Dataset>,
    Rc<downhill_core::data::Dataset>,
) {
    let prepared = common::prepared();
    (
        Rc::new(prepared.train.clone()),
        Rc::new(prepared.validation.clone()),
    )
}

/// The dashboard's defaults: softmax, learning rate 0.1, batches of 10, a little regularization.
fn defaults() -> LiveSettings {
    LiveSettings {
        loss_kind: LossKind::Softmax,
        reg: 1e-3,
        learning_rate: 0.1,
        batch_size: 10,
        n_epochs: 10,
        seed: 1,
    }
}

fn run_to_end(train: &Rc<downhill_core::data::Dataset>, settings: LiveSettings) -> LiveTraining {
    let (_, validation) = data();
    let mut run = LiveTraining::new(train.clone(), validation, settings).unwrap();
    while run.step() {}
    run
}

/// The mean absolute change of the batch loss from one step to the next over the last epoch: how
/// much the curve wiggles.
fn wiggle(run: &LiveTraining) -> f64 {
    let last_epoch = &run.steps()[run.steps().len() - run.steps_per_epoch()..];
    let changes: Vec<f64> = last_epoch
        .windows(2)
        .map(|pair| (pair[1].batch_loss - pair[0].batch_loss).abs())
        .collect();
    changes.iter().sum::<f64>() / changes.len().max(1) as f64
}

#[test]
fn the_initial_loss_is_ln_10_for_softmax_and_9_for_the_svm() {
    let (train, validation) = data();
    let run = LiveTraining::new(train.clone(), validation, defaults()).unwrap();
    let softmax = initial_loss_check(LossKind::Softmax, &train, run.weights()).unwrap();
    assert!((softmax.expected.value - 10f64.ln()).abs() < 1e-15);
    assert!(
        (softmax.loss - softmax.expected.value).abs() < 0.01,
        "{softmax:?}"
    );
    assert!(softmax.passes(), "{softmax:?}");
    let svm = initial_loss_check(LossKind::Svm, &train, run.weights()).unwrap();
    assert_eq!(svm.expected.value, 9.0);
    assert!((svm.loss - 9.0).abs() < 0.05, "{svm:?}");
    assert!(svm.passes(), "{svm:?}");
    // Weights a thousand times larger (each a standard normal draw) spread the scores too far.
    let large: Vec<f64> = run.weights().iter().map(|weight| weight * 1000.0).collect();
    for loss_kind in LossKind::ALL {
        let check = initial_loss_check(loss_kind, &train, &large).unwrap();
        assert!(!check.passes(), "{check:?}");
    }
    // The run's first batch loss is that same loss on a batch, plus a penalty too small to see.
    assert!((run_to_end(&train, defaults()).steps()[0].batch_loss - 10f64.ln()).abs() < 0.05);
}

#[test]
fn raising_the_regularization_raises_the_loss_at_trained_weights() {
    let (train, _) = data();
    let run = run_to_end(&train, defaults());
    let checked = regularization_check(
        LossKind::Softmax,
        &train,
        run.weights(),
        &REGULARIZATION_CHECK_STRENGTHS,
    )
    .unwrap();
    assert!(
        checked.losses.windows(2).all(|pair| pair[1].1 > pair[0].1),
        "{checked:?}"
    );
    assert!(checked.rises(), "{checked:?}");
}

#[test]
fn twenty_examples_without_regularization_are_memorized_but_not_learned() {
    let (train, _) = data();
    let tiny = Rc::new(overfit_subset(&train));
    assert_eq!(tiny.len(), OVERFIT_SUBSET_SIZE);
    let overfit = |loss_kind| LiveSettings {
        loss_kind,
        reg: 0.0,
        learning_rate: OVERFIT_LEARNING_RATE,
        batch_size: OVERFIT_SUBSET_SIZE,
        n_epochs: OVERFIT_EPOCHS,
        ..defaults()
    };
    // The SVM's loss reaches exactly zero: every margin is met.
    let svm = run_to_end(&tiny, overfit(LossKind::Svm));
    let last = svm.epochs().last().unwrap();
    assert_eq!((last.train_loss, last.train_accuracy), (0.0, 1.0));
    assert!(overfit_check_passes(last), "{last:?}");
    // Softmax only approaches zero, while the training accuracy reaches 100%.
    let softmax = run_to_end(&tiny, overfit(LossKind::Softmax));
    let last = softmax.epochs().last().unwrap();
    assert!(last.train_loss > 0.0 && last.train_loss < 0.1, "{last:?}");
    assert_eq!(last.train_accuracy, 1.0);
    assert!(overfit_check_passes(last), "{last:?}");
    // The same run with a learning rate a thousand times smaller has not memorized them yet.
    let slow = run_to_end(
        &tiny,
        LiveSettings {
            learning_rate: OVERFIT_LEARNING_RATE / 1000.0,
            ..overfit(LossKind::Softmax)
        },
    );
    assert!(!overfit_check_passes(slow.epochs().last().unwrap()));
    // Memorizing 20 images is not learning the digits: the validation accuracy stays far lower.
    assert!(last.validation_accuracy.unwrap() < 0.8, "{last:?}");
}

#[test]
fn smaller_batches_wiggle_more_and_the_full_batch_goes_down_steadily() {
    let (train, _) = data();
    let at_batch = |batch_size, learning_rate| LiveSettings {
        batch_size,
        learning_rate,
        n_epochs: 3,
        ..defaults()
    };
    let single = run_to_end(&train, at_batch(1, 0.01));
    let hundred = run_to_end(&train, at_batch(100, 0.01));
    assert!(
        wiggle(&single) > 5.0 * wiggle(&hundred),
        "{} vs {}",
        wiggle(&single),
        wiggle(&hundred)
    );
    let full = run_to_end(
        &train,
        LiveSettings {
            n_epochs: 30,
            ..at_batch(train.len(), 1.0)
        },
    );
    assert_eq!(full.steps().len(), 30);
    let losses: Vec<f64> = full.steps().iter().map(|step| step.batch_loss).collect();
    assert!(
        losses.windows(2).all(|pair| pair[1] < pair[0]),
        "{losses:?}"
    );
}

#[test]
fn the_update_ratio_is_near_1e_minus_3_at_a_good_rate_and_far_above_at_a_bad_one() {
    let (train, _) = data();
    let good = run_to_end(&train, defaults());
    let ratio = good.recent_update_ratio(100).unwrap();
    assert!((1e-4..1e-2).contains(&ratio), "{ratio}");
    assert_eq!(
        UpdateRatioVerdict::of(ratio),
        Some(UpdateRatioVerdict::AboutRight)
    );
    let too_high = run_to_end(
        &train,
        LiveSettings {
            learning_rate: 10.0,
            batch_size: 1,
            n_epochs: 2,
            ..defaults()
        },
    );
    let ratio = too_high.recent_update_ratio(100).unwrap();
    assert!(ratio > 1e-2, "{ratio}");
    assert_eq!(
        UpdateRatioVerdict::of(ratio),
        Some(UpdateRatioVerdict::High)
    );
}
