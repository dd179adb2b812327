//! The learning-rate and momentum schedules as functions of the step.

use downhill_core::schedules::{
    LearningRateSchedule, MomentumSchedule, exponential_decay, inverse_time_decay, step_decay,
};

#[test]
fn step_decay_holds_the_rate_within_a_block_and_drops_it_by_the_factor_between_blocks() {
    let (initial_rate, drop_factor, steps_per_drop) = (0.1, 0.5, 5);
    assert_eq!(
        step_decay(initial_rate, drop_factor, steps_per_drop, 0),
        initial_rate
    );
    for step_idx in 1..40 {
        let previous = step_decay(initial_rate, drop_factor, steps_per_drop, step_idx - 1);
        let current = step_decay(initial_rate, drop_factor, steps_per_drop, step_idx);
        let expected = if step_idx % steps_per_drop == 0 {
            previous * drop_factor
        } else {
            previous
        };
        assert!(
            (current - expected).abs() <= 1e-15 * expected,
            "step {step_idx}"
        );
    }
    // A drop every zero steps would divide by zero; it means never dropping.
    assert_eq!(step_decay(initial_rate, drop_factor, 0, 1000), initial_rate);
}

#[test]
fn exponential_decay_shrinks_by_the_same_factor_every_step() {
    let (initial_rate, k) = (0.1, 0.05);
    assert_eq!(exponential_decay(initial_rate, k, 0), initial_rate);
    for step_idx in 1..50 {
        let ratio = exponential_decay(initial_rate, k, step_idx)
            / exponential_decay(initial_rate, k, step_idx - 1);
        assert!((ratio - (-k).exp()).abs() < 1e-14);
    }
}

#[test]
fn inverse_time_decay_halves_the_rate_at_t_equal_to_one_over_k() {
    let (initial_rate, k) = (0.1, 0.01);
    assert_eq!(inverse_time_decay(initial_rate, k, 0), initial_rate);
    assert!((inverse_time_decay(initial_rate, k, 100) - initial_rate / 2.0).abs() < 1e-15);
    assert!((inverse_time_decay(initial_rate, k, 300) - initial_rate / 4.0).abs() < 1e-15);
}

#[test]
fn the_schedule_enum_applies_the_pure_functions() {
    let initial_rate = 0.3;
    for step_idx in [0, 1, 7, 100] {
        let cases = [
            (LearningRateSchedule::Constant, initial_rate),
            (
                LearningRateSchedule::StepDecay {
                    drop_factor: 0.1,
                    steps_per_drop: 20,
                },
                step_decay(initial_rate, 0.1, 20, step_idx),
            ),
            (
                LearningRateSchedule::Exponential { k: 0.02 },
                exponential_decay(initial_rate, 0.02, step_idx),
            ),
            (
                LearningRateSchedule::InverseTime { k: 0.5 },
                inverse_time_decay(initial_rate, 0.5, step_idx),
            ),
        ];
        for (schedule, expected) in cases {
            assert_eq!(schedule.learning_rate(initial_rate, step_idx), expected);
            assert!(schedule.validate().is_ok());
        }
    }
    for growing in [
        LearningRateSchedule::StepDecay {
            drop_factor: 2.0,
            steps_per_drop: 1,
        },
        LearningRateSchedule::Exponential { k: -0.1 },
        LearningRateSchedule::InverseTime { k: f64::NAN },
    ] {
        assert!(growing.validate().is_err(), "{growing:?}");
    }
}

#[test]
fn the_momentum_schedule_rises_in_a_straight_line_then_holds() {
    let schedule = MomentumSchedule::default();
    assert_eq!((schedule.start, schedule.end), (0.5, 0.99));
    assert_eq!(schedule.mu(0), schedule.start);
    let halfway = schedule.mu(schedule.n_steps / 2);
    assert!((halfway - (schedule.start + schedule.end) / 2.0).abs() < 1e-15);
    assert_eq!(schedule.mu(schedule.n_steps), schedule.end);
    assert_eq!(schedule.mu(10 * schedule.n_steps), schedule.end);
    let immediate = MomentumSchedule {
        n_steps: 0,
        ..schedule
    };
    assert_eq!(immediate.mu(0), schedule.end);
    assert!(
        MomentumSchedule {
            end: 1.5,
            ..schedule
        }
        .validate()
        .is_err()
    );
}
