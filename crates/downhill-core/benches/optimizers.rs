//! Optimizer steps per second on a 2-D surface, and the cost of a whole race run.
//!
//! Run with `cargo bench -p downhill-core --bench optimizers`. Each measurement takes 1,000 steps, so
//! criterion's element throughput reads directly as steps per second. The race demo recomputes
//! every racer's 1,000-step run whenever a slider moves, which is why the second group matters.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use downhill_core::objective::Objective;
use downhill_core::optimizers::{Hyperparameters, OptimizerKind};
use downhill_core::surfaces::{Rosenbrock, Surface, SurfaceKind};
use downhill_core::trajectory::{RunSettings, run_optimizer};
use std::hint::black_box;

const N_STEPS: usize = 1_000;

/// A learning rate every first-order optimizer survives on Rosenbrock from the classic start, so the
/// measurement times arithmetic on ordinary numbers rather than on infinities.
const STABLE_LEARNING_RATE: f64 = 1e-4;

fn bench_steps(criterion: &mut Criterion) {
    let objective: &dyn Objective = &Rosenbrock;
    let start = Rosenbrock.default_start();
    let mut group = criterion.benchmark_group("optimizer steps on rosenbrock");
    group.throughput(Throughput::Elements(N_STEPS as u64));
    for kind in OptimizerKind::ALL {
        let mut hyperparameters = Hyperparameters::defaults_for(kind);
        hyperparameters.learning_rate = STABLE_LEARNING_RATE;
        let optimizer = kind.build(&hyperparameters).expect("valid hyperparameters");
        group.bench_function(kind.name(), |bencher| {
            bencher.iter_batched(
                || (optimizer.clone(), start),
                |(mut optimizer, mut params)| {
                    for _ in 0..N_STEPS {
                        // Newton's method may stop stepping once it has converged; the result is
                        // not needed, only the work.
                        let _ = black_box(optimizer.step(&mut params, objective));
                    }
                    params
                },
                BatchSize::SmallInput,
            );
        });
    }
    group.finish();
}

fn bench_race_runs(criterion: &mut Criterion) {
    let surface = SurfaceKind::BoundedSaddle.build();
    let start = surface.default_start();
    // No early stop, so every run takes exactly N_STEPS steps and the throughput is steps per
    // second; at their defaults none of the optimizers diverges here.
    let settings = RunSettings {
        gradient_tolerance: f64::NEG_INFINITY,
        ..RunSettings::with_steps(N_STEPS)
    };
    let mut group = criterion.benchmark_group("1,000-step runs on the bounded saddle");
    group.throughput(Throughput::Elements(N_STEPS as u64));
    for kind in OptimizerKind::ALL {
        let optimizer = kind.build_default();
        group.bench_function(kind.name(), |bencher| {
            bencher.iter(|| {
                run_optimizer(
                    surface.as_ref(),
                    optimizer.clone(),
                    black_box(start),
                    settings,
                )
            });
        });
    }
    group.finish();
}

criterion_group!(benches, bench_steps, bench_race_runs);
criterion_main!(benches);
