//! The most work one animation frame or one input handler of each demo can do, as a pure function of
//! the demo's settings. This is the explicit budget behind "no link can make a frame hang the tab":
//! every setting a link carries is clamped by its demo's settings reader, every loop a frame runs has
//! a hard cap besides its clock (a clock can be coarse, frozen or missing), and the property tests in
//! `demos/hostile_links.rs` read arbitrary links and check the worst case stays under
//! [`FrameWork::LIMIT`].
//!
//! Work is counted in the demos' two currencies: evaluations of a 2-D surface (value or gradient, a
//! few dozen flops) and evaluations of a classifier on one digit (a 65-feature example against 650
//! weights, about 1,300 multiply-adds). The landscapes' pixel grids are left out: they depend on the
//! canvas size, not on settings, and are drawn once per size.

// The page itself uses only the caps (`live_training_steps_per_frame`); the accounting is what the
// native tests check the demos' settings against.
#![cfg_attr(not(all(test, not(target_arch = "wasm32"))), allow(dead_code))]

use downhill_core::data::{DEFAULT_N_TEST, DEFAULT_N_VALIDATION};

/// The digits the demos train on: 1,797 images less the validation and test sets.
pub const N_TRAIN_DIGITS: u64 = 1797 - DEFAULT_N_VALIDATION as u64 - DEFAULT_N_TEST as u64;
pub const N_TEST_DIGITS: u64 = DEFAULT_N_TEST as u64;
pub const N_VALIDATION_DIGITS: u64 = DEFAULT_N_VALIDATION as u64;

/// Surface evaluations per step of a run in `downhill_core::trajectory`: the optimizer's gradient,
/// the new point's value and gradient (which decide divergence), and Newton's Hessian.
pub const SURFACE_EVALUATIONS_PER_STEP: u64 = 4;

/// Digit evaluations of one epoch record of a live run: the training loss and accuracy over the
/// training digits and the accuracy over the validation digits.
pub const DIGITS_PER_EPOCH_RECORD: u64 = 2 * N_TRAIN_DIGITS + N_VALIDATION_DIGITS;

/// One frame's or one input handler's work.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FrameWork {
    pub surface_evaluations: u64,
    pub digit_evaluations: u64,
}

impl FrameWork {
    /// The bound every demo stays under, whatever its settings. Surfaces: 200,000 evaluations, a few
    /// milliseconds. Digits: 600,000 evaluations, which is what a frame costs only when a demo's clock
    /// check fails and its hard cap alone stops it (hiker-digits' 120 rounds of three walkers over the
    /// training digits); with a working clock the time checks stop frames after 4 to 7 ms.
    pub const LIMIT: FrameWork = FrameWork {
        surface_evaluations: 200_000,
        digit_evaluations: 600_000,
    };

    pub fn surfaces(surface_evaluations: u64) -> FrameWork {
        FrameWork {
            surface_evaluations,
            digit_evaluations: 0,
        }
    }

    pub fn digits(digit_evaluations: u64) -> FrameWork {
        FrameWork {
            surface_evaluations: 0,
            digit_evaluations,
        }
    }

    /// The larger of two works in each currency: a demo's worst case over its frame and its handlers.
    pub fn max(self, other: FrameWork) -> FrameWork {
        FrameWork {
            surface_evaluations: self.surface_evaluations.max(other.surface_evaluations),
            digit_evaluations: self.digit_evaluations.max(other.digit_evaluations),
        }
    }

    pub fn within_limit(self) -> bool {
        self.surface_evaluations <= FrameWork::LIMIT.surface_evaluations
            && self.digit_evaluations <= FrameWork::LIMIT.digit_evaluations
    }
}

/// Runs of `n_runs` optimizers for `n_steps` steps each, recomputed on one input (race, step-size
/// paths).
pub fn surface_runs(n_runs: usize, n_steps: usize) -> FrameWork {
    // One more evaluation per run for its start point.
    FrameWork::surfaces(n_runs as u64 * (n_steps as u64 + 1) * SURFACE_EVALUATIONS_PER_STEP)
}

/// Steps of a live training run that one frame may take with batches of `batch_size`: enough for
/// about 20,000 digit evaluations, which a working clock never lets a frame reach (4 ms is about
/// 4,000), so the cap matters only when the clock is coarse or frozen.
pub fn live_training_steps_per_frame(batch_size: usize) -> usize {
    const DIGITS_PER_FRAME: u64 = 20_000;
    let per_step = (batch_size as u64).clamp(1, N_TRAIN_DIGITS);
    (DIGITS_PER_FRAME / per_step).max(1) as usize
}

/// The work of `n_steps` steps of a live training run with batches of `batch_size`: the batches, and
/// an epoch record at each epoch boundary they cross (at most one more than whole epochs fit).
pub fn live_training(batch_size: usize, n_steps: usize) -> FrameWork {
    let per_step = (batch_size as u64).clamp(1, N_TRAIN_DIGITS);
    let steps_per_epoch = N_TRAIN_DIGITS.div_ceil(per_step);
    let boundaries = n_steps as u64 / steps_per_epoch + 1;
    FrameWork::digits(n_steps as u64 * per_step + boundaries * DIGITS_PER_EPOCH_RECORD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_live_training_frame_stays_within_the_limit_for_every_batch_size() {
        for batch_size in [0, 1, 2, 5, 10, 100, 1077, 5000, usize::MAX] {
            let steps = live_training_steps_per_frame(batch_size);
            assert!(steps >= 1, "{batch_size}");
            let work = live_training(batch_size, steps);
            assert!(work.within_limit(), "{batch_size}: {work:?}");
        }
    }

    #[test]
    fn the_limit_is_a_limit() {
        assert!(FrameWork::LIMIT.within_limit());
        assert!(!FrameWork::digits(FrameWork::LIMIT.digit_evaluations + 1).within_limit());
        assert!(!FrameWork::surfaces(FrameWork::LIMIT.surface_evaluations + 1).within_limit());
    }
}
