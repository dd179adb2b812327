//! Runs: how they end, that they stay bounded and drawable, and the step-by-step API.

use downhill_core::optimizers::{Hyperparameters, Momentum, OptimizerKind, Sgd};
use downhill_core::schedules::{LearningRateSchedule, MomentumSchedule};
use downhill_core::surfaces::{Bowl, Surface, SurfaceKind};
use downhill_core::trajectory::{
    DIVERGENCE_THRESHOLD, MAX_STEPS, Outcome, Run, RunError, RunSettings, run, run_optimizer,
};

#[test]
fn sgd_with_learning_rate_ten_on_the_bowl_diverges_without_storing_the_blow_up() {
    let start = Bowl.default_start();
    let mut hyperparameters = Hyperparameters::defaults_for(OptimizerKind::Sgd);
    hyperparameters.learning_rate = 10.0;
    let trajectory = run(&Bowl, OptimizerKind::Sgd, &hyperparameters, start, 100);

    // Each step multiplies both coordinates by 1 - 2 * 10 = -19, so the loss after k steps is
    // |start|^2 * 361^k; the first k where that passes the threshold is where the run must stop.
    let start_loss = Bowl.value(start[0], start[1]);
    let first_too_large = (1..)
        .find(|&k| start_loss * 361.0_f64.powi(k) > DIVERGENCE_THRESHOLD)
        .expect("the loss grows without bound") as usize;
    assert_eq!(
        trajectory.outcome,
        Outcome::Diverged {
            step: first_too_large
        }
    );
    assert_eq!(trajectory.points.len(), first_too_large);
    let all_numbers = trajectory.points.iter().flatten().chain(&trajectory.losses);
    assert!(all_numbers.into_iter().all(|value| value.is_finite()));
}

#[test]
fn a_run_that_neither_converges_nor_diverges_completes_its_steps() {
    let start = [1.0, -2.0];
    let trajectory = run_optimizer(
        &Bowl,
        Box::new(Sgd::new(0.01)),
        start,
        RunSettings::with_steps(10),
    )
    .expect("a valid run");
    assert_eq!(trajectory.outcome, Outcome::Completed { steps: 10 });
    assert_eq!(trajectory.points.len(), 11);
    assert_eq!(trajectory.points[0], start);
    for (point, loss) in trajectory.points.iter().zip(&trajectory.losses) {
        assert_eq!(*loss, Bowl.value(point[0], point[1]));
    }
    // Each step multiplies the point by 1 - 2 * 0.01.
    let expected_x = start[0] * 0.98_f64.powi(10);
    assert!((trajectory.points[10][0] - expected_x).abs() < 1e-14);
    assert_eq!(trajectory.flat_points().len(), 22);
}

#[test]
fn a_run_stops_as_converged_once_the_gradient_is_within_the_tolerance() {
    let hyperparameters = Hyperparameters::defaults_for(OptimizerKind::Newton);
    let trajectory = run(
        &Bowl,
        OptimizerKind::Newton,
        &hyperparameters,
        [0.3, -0.4],
        100,
    );
    assert_eq!(trajectory.outcome, Outcome::Converged { step: 1 });
    // A start at the minimum has converged before any step.
    let trajectory = run(&Bowl, OptimizerKind::Sgd, &hyperparameters, [0.0, 0.0], 100);
    assert_eq!(trajectory.outcome, Outcome::Converged { step: 0 });
    assert_eq!(trajectory.points, vec![[0.0, 0.0]]);
}

#[test]
fn the_step_count_is_clamped_to_the_maximum() {
    let run = Run::new(
        &Bowl,
        Box::new(Sgd::new(1e-9)),
        [1.0, 1.0],
        RunSettings::with_steps(usize::MAX),
    )
    .expect("a valid run");
    assert_eq!(run.n_steps(), MAX_STEPS);
}

#[test]
fn a_run_that_cannot_start_says_why_and_draws_nothing() {
    let hyperparameters = Hyperparameters::defaults_for(OptimizerKind::Adam);
    for bad_start in [[f64::NAN, 0.0], [f64::INFINITY, 1.0], [1e300, 0.0]] {
        let trajectory = run(&Bowl, OptimizerKind::Adam, &hyperparameters, bad_start, 10);
        assert_eq!(
            trajectory.outcome,
            Outcome::Rejected {
                reason: RunError::StartNotFinite
            }
        );
        assert!(trajectory.points.is_empty() && trajectory.losses.is_empty());
    }
    let mut negative = hyperparameters;
    negative.learning_rate = -1.0;
    let trajectory = run(&Bowl, OptimizerKind::Adam, &negative, [1.0, 1.0], 10);
    assert!(matches!(
        trajectory.outcome,
        Outcome::Rejected {
            reason: RunError::Hyperparameter { .. }
        }
    ));

    let bad_schedule = RunSettings {
        schedule: LearningRateSchedule::Exponential { k: -1.0 },
        ..RunSettings::default()
    };
    let error = Run::new(&Bowl, Box::new(Sgd::new(0.1)), [1.0, 1.0], bad_schedule)
        .expect_err("a growing learning rate is refused");
    assert!(matches!(error, RunError::Schedule { .. }));
}

#[test]
fn a_zero_learning_rate_or_a_nan_tolerance_just_runs_out_of_steps() {
    let still = run_optimizer(
        &Bowl,
        Box::new(Sgd::new(0.0)),
        [1.0, 1.0],
        RunSettings::with_steps(5),
    )
    .expect("a valid run");
    assert_eq!(still.outcome, Outcome::Completed { steps: 5 });
    assert!(still.points.iter().all(|point| *point == [1.0, 1.0]));

    let never_converges = RunSettings {
        gradient_tolerance: f64::NAN,
        ..RunSettings::with_steps(5)
    };
    let trajectory =
        run_optimizer(&Bowl, Box::new(Sgd::new(0.5)), [1.0, 1.0], never_converges).expect("valid");
    // Learning rate 0.5 on the bowl lands on the minimum in one step; without a tolerance the run
    // still takes all its steps.
    assert_eq!(trajectory.outcome, Outcome::Completed { steps: 5 });
}

#[test]
fn stepping_one_at_a_time_gives_the_same_path_as_running_at_once() {
    let surface = SurfaceKind::Rosenbrock.build();
    let start = surface.default_start();
    let settings = RunSettings::with_steps(300);
    let whole = run_optimizer(
        surface.as_ref(),
        OptimizerKind::Adam.build_default(),
        start,
        settings,
    )
    .expect("a valid run");
    let mut stepwise = Run::new(
        surface.as_ref(),
        OptimizerKind::Adam.build_default(),
        start,
        settings,
    )
    .expect("a valid run");
    let mut n_calls = 0;
    while stepwise.step(surface.as_ref()).is_none() {
        n_calls += 1;
        assert_eq!(stepwise.steps_taken(), n_calls);
        assert_eq!(stepwise.points().len(), stepwise.losses().len());
    }
    assert_eq!(stepwise.trajectory(), whole);
    // A finished run stays finished.
    let outcome = stepwise.outcome();
    assert_eq!(stepwise.step(surface.as_ref()), outcome);
    assert_eq!(stepwise.points().len(), whole.points.len());
    // The state is the optimizer's after the last step: Adam has taken 300 steps.
    let t = stepwise
        .state()
        .into_iter()
        .find(|field| field.name == "t")
        .expect("Adam's t");
    assert_eq!(t.values, vec![300.0]);
    assert_eq!(stepwise.into_trajectory(), whole);
}

#[test]
fn a_learning_rate_schedule_sets_the_rate_of_every_step() {
    let schedule = LearningRateSchedule::StepDecay {
        drop_factor: 0.5,
        steps_per_drop: 3,
    };
    let settings = RunSettings {
        schedule,
        gradient_tolerance: 0.0,
        ..RunSettings::with_steps(9)
    };
    let initial_rate = 0.2;
    let trajectory = run_optimizer(
        &Bowl,
        Box::new(Sgd::new(initial_rate)),
        [1.0, 0.0],
        settings,
    )
    .expect("a valid run");
    // On the bowl SGD multiplies x by 1 - 2 lr_k at step k, with lr_k from the schedule.
    let mut expected_x = 1.0;
    for (step_idx, point) in trajectory.points.iter().enumerate().skip(1) {
        expected_x *= 1.0 - 2.0 * schedule.learning_rate(initial_rate, step_idx - 1);
        assert!((point[0] - expected_x).abs() < 1e-15, "step {step_idx}");
    }
}

#[test]
fn a_momentum_schedule_raises_mu_step_by_step() {
    let momentum_schedule = MomentumSchedule {
        start: 0.5,
        end: 0.99,
        n_steps: 4,
    };
    let settings = RunSettings {
        momentum_schedule: Some(momentum_schedule),
        ..RunSettings::with_steps(3)
    };
    let mut run = Run::new(
        &Bowl,
        Box::new(Momentum::new(0.01, 0.9)),
        [1.0, 1.0],
        settings,
    )
    .expect("a valid run");
    run.run_to_end(&Bowl);
    // The last of the three steps had index 2.
    assert_eq!(
        run.optimizer().hyperparameters().mu,
        momentum_schedule.mu(2)
    );
}
