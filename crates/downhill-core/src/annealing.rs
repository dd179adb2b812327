//! Annealing the learning rate where it matters: stochastic gradient descent whose gradients are noisy,
//! as minibatch gradients are. With a constant rate the loss stops falling at a floor set by the noise
//! (roughly proportional to the rate) and keeps bouncing there; a decaying rate lowers the floor, but
//! one that decays too fast freezes the parameters before they reach the bottom.
//!
//! The runs of the learning-rate schedules demo: the same surface, start and noise (one seed) for
//! every schedule, so the schedule is the only difference between the runs it draws.

use crate::rng::Rng;
use crate::schedules::LearningRateSchedule;
use crate::surfaces::Surface;
use crate::surfaces::ravine::Ravine;

/// The most steps an annealed run takes, whatever the caller asks for, so a demo never hangs.
pub const MAX_ANNEALED_STEPS: usize = 20_000;

/// A coordinate or loss larger than this in magnitude counts as having diverged.
const DIVERGENCE_THRESHOLD: f64 = 1e12;

/// The noisy problem of the demo: a ravine with condition number 10 (curvatures 1 and 10), started
/// at its usual corner, with gradient noise of standard deviation 3 per coordinate. Stable for
/// learning rates below 2 / 10 = 0.2; at a constant 0.1 the noise floor of the loss is about 0.7,
/// ten times below the start, so both the fall and the bouncing show on a log scale.
pub fn demo_problem() -> (Ravine, [f64; 2], f64) {
    let surface = Ravine::with_condition_number(10.0);
    (surface, surface.default_start(), 3.0)
}

/// One run of noisy gradient descent under a schedule.
#[derive(Clone, Debug, PartialEq)]
pub struct AnnealedRun {
    /// The learning rate used by step `t` (from 0), one per step taken.
    pub learning_rates: Vec<f64>,
    /// The loss after `t` steps, the start first: one more than the steps taken.
    pub losses: Vec<f64>,
    /// The point after `t` steps, the start first.
    pub points: Vec<[f64; 2]>,
    /// The step that left finite numbers of sensible size; that step is not stored.
    pub diverged_at: Option<usize>,
}

impl AnnealedRun {
    pub fn steps_taken(&self) -> usize {
        self.points.len().saturating_sub(1)
    }
}

/// Runs `n_steps` (clamped to [`MAX_ANNEALED_STEPS`]) of `x <- x - rate_t * (grad f(x) + noise_t)`
/// from `start`, with `rate_t = schedule.learning_rate(initial_rate, t)` and `noise_t` drawn from
/// normal noise of standard deviation `noise_scale` per coordinate with `seed`. The noise sequence
/// depends only on the seed, so runs with different schedules see the same noise at the same step.
///
/// A run whose settings are not usable (a schedule that `validate` refuses, a rate or noise that is
/// not a finite number at least 0, a start that is not finite) takes no step and stores only the
/// start when it is finite.
pub fn annealed_sgd(
    surface: &dyn Surface,
    start: [f64; 2],
    initial_rate: f64,
    schedule: LearningRateSchedule,
    n_steps: usize,
    noise_scale: f64,
    seed: u64,
) -> AnnealedRun {
    let mut run = AnnealedRun {
        learning_rates: Vec::new(),
        losses: Vec::new(),
        points: Vec::new(),
        diverged_at: None,
    };
    let start_loss = surface.value(start[0], start[1]);
    if !drawable(&start, start_loss) {
        return run;
    }
    run.points.push(start);
    run.losses.push(start_loss);
    let usable = schedule.validate().is_ok()
        && initial_rate.is_finite()
        && initial_rate >= 0.0
        && noise_scale.is_finite()
        && noise_scale >= 0.0;
    if !usable {
        return run;
    }
    let mut rng = Rng::new(seed);
    let mut point = start;
    for step_idx in 0..n_steps.min(MAX_ANNEALED_STEPS) {
        let rate = schedule.learning_rate(initial_rate, step_idx);
        let noise = [
            noise_scale * rng.standard_normal(),
            noise_scale * rng.standard_normal(),
        ];
        let gradient = surface.gradient(point[0], point[1]);
        let next = [
            point[0] - rate * (gradient[0] + noise[0]),
            point[1] - rate * (gradient[1] + noise[1]),
        ];
        let loss = surface.value(next[0], next[1]);
        if !drawable(&next, loss) || !rate.is_finite() {
            run.diverged_at = Some(step_idx + 1);
            break;
        }
        run.learning_rates.push(rate);
        run.points.push(next);
        run.losses.push(loss);
        point = next;
    }
    run
}

fn drawable(point: &[f64; 2], loss: f64) -> bool {
    let fine = |value: f64| value.is_finite() && value.abs() <= DIVERGENCE_THRESHOLD;
    fine(point[0]) && fine(point[1]) && fine(loss)
}

/// The mean of the last `window` losses of a run (fewer if the run is shorter): where a bouncing
/// loss has settled. `None` for an empty run.
pub fn settled_loss(run: &AnnealedRun, window: usize) -> Option<f64> {
    let count = window
        .clamp(1, run.losses.len().max(1))
        .min(run.losses.len());
    if count == 0 {
        return None;
    }
    let tail = &run.losses[run.losses.len() - count..];
    Some(tail.iter().sum::<f64>() / count as f64)
}

/// The trailing mean of `values` over the last `window` entries at each position (fewer at the
/// start): the trend of a bouncing loss, drawn over the raw curve. Non-finite values are skipped.
pub fn moving_average(values: &[f64], window: usize) -> Vec<f64> {
    let window = window.max(1);
    let mut averages = Vec::with_capacity(values.len());
    let (mut sum, mut count) = (0.0, 0usize);
    for (idx, &value) in values.iter().enumerate() {
        if value.is_finite() {
            sum += value;
            count += 1;
        }
        if idx >= window {
            let leaving = values[idx - window];
            if leaving.is_finite() {
                sum -= leaving;
                count -= 1;
            }
        }
        averages.push(if count > 0 {
            sum / count as f64
        } else {
            f64::NAN
        });
    }
    averages
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_with(schedule: LearningRateSchedule) -> AnnealedRun {
        let (surface, start, noise) = demo_problem();
        annealed_sgd(&surface, start, 0.1, schedule, 300, noise, 7)
    }

    #[test]
    fn a_good_decay_settles_lower_than_a_constant_rate() {
        let constant = run_with(LearningRateSchedule::Constant);
        let decayed = run_with(LearningRateSchedule::Exponential { k: 0.01 });
        let constant_floor = settled_loss(&constant, 50).unwrap();
        let decayed_floor = settled_loss(&decayed, 50).unwrap();
        assert!(
            decayed_floor < 0.3 * constant_floor,
            "decayed {decayed_floor} vs constant {constant_floor}"
        );
        assert_eq!(constant.learning_rates.len(), 300);
        assert_eq!(constant.losses.len(), 301);
        assert!(constant.learning_rates.iter().all(|&rate| rate == 0.1));
    }

    #[test]
    fn a_decay_that_is_too_fast_freezes_above_the_bottom() {
        let frozen = run_with(LearningRateSchedule::InverseTime { k: 5.0 });
        let good = run_with(LearningRateSchedule::InverseTime { k: 0.05 });
        let frozen_floor = settled_loss(&frozen, 50).unwrap();
        let good_floor = settled_loss(&good, 50).unwrap();
        assert!(
            frozen_floor > 3.0 * good_floor,
            "frozen {frozen_floor} vs good {good_floor}"
        );
        // Frozen: the last 50 steps barely move.
        let last = frozen.points[300];
        let earlier = frozen.points[250];
        assert!((last[0] - earlier[0]).abs() < 0.1, "{last:?} {earlier:?}");
    }

    #[test]
    fn every_schedule_sees_the_same_noise() {
        // The first step of two constant-rate runs with the same seed and different rates must move
        // in exactly proportional amounts: the gradient and the noise are the same, only the rate
        // differs.
        let (surface, start, noise) = demo_problem();
        let slow = annealed_sgd(
            &surface,
            start,
            0.01,
            LearningRateSchedule::Constant,
            1,
            noise,
            3,
        );
        let fast = annealed_sgd(
            &surface,
            start,
            0.02,
            LearningRateSchedule::Constant,
            1,
            noise,
            3,
        );
        for (axis, origin) in start.iter().enumerate() {
            let slow_move = slow.points[1][axis] - origin;
            let fast_move = fast.points[1][axis] - origin;
            assert!((fast_move - 2.0 * slow_move).abs() < 1e-12);
        }
    }

    #[test]
    fn a_huge_rate_diverges_and_says_where() {
        let (surface, start, noise) = demo_problem();
        let run = annealed_sgd(
            &surface,
            start,
            5.0,
            LearningRateSchedule::Constant,
            1000,
            noise,
            1,
        );
        let step = run
            .diverged_at
            .expect("a rate of 5 on curvature 10 must diverge");
        assert_eq!(run.points.len(), step);
        assert!(run.losses.iter().all(|loss| loss.is_finite()));
    }

    #[test]
    fn the_moving_average_trails_and_skips_non_finite_values() {
        let averaged = moving_average(&[1.0, 3.0, 5.0, f64::NAN, 7.0], 2);
        assert_eq!(averaged[0], 1.0);
        assert_eq!(averaged[1], 2.0);
        assert_eq!(averaged[2], 4.0);
        assert_eq!(averaged[3], 5.0);
        assert_eq!(averaged[4], 7.0);
        assert!(moving_average(&[f64::NAN], 3)[0].is_nan());
        assert!(moving_average(&[], 3).is_empty());
    }

    #[test]
    fn unusable_settings_take_no_step() {
        let (surface, start, noise) = demo_problem();
        for (rate, schedule, noise_scale) in [
            (f64::NAN, LearningRateSchedule::Constant, noise),
            (-1.0, LearningRateSchedule::Constant, noise),
            (0.1, LearningRateSchedule::Exponential { k: -1.0 }, noise),
            (0.1, LearningRateSchedule::Constant, f64::INFINITY),
        ] {
            let run = annealed_sgd(&surface, start, rate, schedule, 100, noise_scale, 1);
            assert_eq!(run.points.len(), 1);
            assert!(run.learning_rates.is_empty());
        }
        let nowhere = annealed_sgd(
            &surface,
            [f64::NAN, 0.0],
            0.1,
            LearningRateSchedule::Constant,
            5,
            noise,
            1,
        );
        assert!(nowhere.points.is_empty());
        assert_eq!(settled_loss(&nowhere, 10), None);
        let long = annealed_sgd(
            &surface,
            start,
            0.0,
            LearningRateSchedule::Constant,
            usize::MAX,
            noise,
            1,
        );
        assert_eq!(long.steps_taken(), MAX_ANNEALED_STEPS);
    }
}
