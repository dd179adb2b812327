//! Throughput of the classifier losses: one loss and gradient over all 1,797 digits (65 features, 10
//! classes), for the SVM and for softmax, plus the loss alone that the searches evaluate; and the
//! ten-point step-size sweep (one gradient, then the loss after a step of each of ten sizes) done
//! the plain way, a loss evaluation per step size, beside the sweep demo's way, through the scores.
//!
//! Run with `cargo bench -p downhill-core --bench classifiers`; criterion reports the time per
//! evaluation, and its inverse is the evaluations per second a demo can afford.

use criterion::{Criterion, black_box, criterion_group, criterion_main};
use downhill_core::classifiers::LossKind;
use downhill_core::data::{Dataset, Digits};
use downhill_core::objective::Objective;
use downhill_core::rng::Rng;
use downhill_core::step_size_demos::{
    ClassifierOneStep, OneStep, SWEEP_WEIGHTS_SEED, log_spaced_step_sizes, sweep_weights,
};
use flate2::read::GzDecoder;
use std::io::Read;

/// All 1,797 digits, scaled, centered and with the bias feature, as the lessons prepare them.
fn all_digits() -> Dataset {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../www/data/digits.csv.gz");
    let compressed = std::fs::read(path).expect("www/data/digits.csv.gz should be readable");
    let mut text = String::new();
    GzDecoder::new(compressed.as_slice())
        .read_to_string(&mut text)
        .expect("the digits file should be gzip-compressed text");
    let scaled = Digits::from_csv(&text)
        .expect("the digits file should parse")
        .scaled();
    let means = scaled.feature_means();
    scaled
        .centered(&means)
        .expect("the means fit the data")
        .with_bias()
}

fn bench_losses(criterion: &mut Criterion) {
    let data = all_digits();
    let weights = Rng::new(1).normal_vec(data.n_weights(), 0.01);
    let mut gradient = vec![0.0; weights.len()];
    let mut group = criterion.benchmark_group("full digits (1,797 x 65, 10 classes)");
    for kind in LossKind::ALL {
        let objective = kind.on(&data, 1e-3);
        group.bench_function(format!("{} loss and gradient", kind.name()), |bencher| {
            bencher.iter(|| objective.loss_and_gradient(black_box(&weights), &mut gradient))
        });
        group.bench_function(format!("{} loss alone", kind.name()), |bencher| {
            bencher.iter(|| objective.loss(black_box(&weights)))
        });
    }
    group.finish();
}

/// The "ten-point step-size sweep": from the sweep's starting weights, one gradient and the
/// loss after one step of each of ten sizes (1e-10 to 1e-1, the lesson's table), on all the digits.
fn bench_sweep(criterion: &mut Criterion) {
    let data = all_digits();
    let weights = sweep_weights(data.n_weights(), SWEEP_WEIGHTS_SEED);
    let step_sizes = log_spaced_step_sizes(-10.0, -1.0, 1);
    assert_eq!(step_sizes.len(), 10);
    let mut group = criterion.benchmark_group("ten-point step-size sweep on the full digits");
    for kind in LossKind::ALL {
        let objective = kind.on(&data, 0.0);
        group.bench_function(
            format!("{}, a loss per step size", kind.name()),
            |bencher| {
                bencher.iter(|| {
                    let one_step = OneStep::new(&objective, black_box(&weights)).unwrap();
                    one_step.losses_after(&objective, &step_sizes)
                })
            },
        );
        group.bench_function(format!("{}, through the scores", kind.name()), |bencher| {
            bencher.iter(|| {
                let one_step =
                    ClassifierOneStep::new(kind, &data, 0.0, black_box(&weights)).unwrap();
                one_step.losses_after(&step_sizes)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_losses, bench_sweep);
criterion_main!(benches);
