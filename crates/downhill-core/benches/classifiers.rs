//! Throughput of the classifier losses: one loss and gradient over all 1,797 digits (65 features, 10
//! classes), for the SVM and for softmax, plus the loss alone that the searches evaluate.
//!
//! Run with `cargo bench -p downhill-core --bench classifiers`; criterion reports the time per
//! evaluation, and its inverse is the evaluations per second a demo can afford.

use criterion::{Criterion, black_box, criterion_group, criterion_main};
use downhill_core::classifiers::LossKind;
use downhill_core::data::{Dataset, Digits};
use downhill_core::objective::Objective;
use downhill_core::rng::Rng;
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

criterion_group!(benches, bench_losses);
criterion_main!(benches);
