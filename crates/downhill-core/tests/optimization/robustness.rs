//! Hostile numbers: every optimizer step, every surface and every run, fed anything an f64 can hold
//! (NaN, infinities, 1e308, subnormals, zero eps, momentum of exactly 1), must not panic, and a run
//! must end finite or say it diverged, never hand back a point that cannot be drawn.

use crate::hostile_numbers::{hostile_f64, robustness_config};
use downhill_core::objective::Objective;
use downhill_core::optimizers::{
    Adagrad, Adam, EpsilonPlacement, Hyperparameters, Momentum, Nesterov, NesterovForm, Newton,
    Optimizer, OptimizerKind, RmsProp, Sgd,
};
use downhill_core::surfaces::{Surface, SurfaceKind};
use downhill_core::trajectory::{self, DIVERGENCE_THRESHOLD, Outcome, Trajectory};
use proptest::prelude::*;

/// An objective that answers whatever it was built with, so a step sees any loss, gradient and
/// Hessian at all, including ones no real function has.
struct Scripted {
    loss: f64,
    gradient: Vec<f64>,
    hessian: Option<Vec<f64>>,
}

impl Objective for Scripted {
    fn dimension(&self) -> usize {
        self.gradient.len()
    }

    fn loss_and_gradient(&self, _params: &[f64], gradient: &mut [f64]) -> f64 {
        for (entry, &scripted) in gradient.iter_mut().zip(&self.gradient) {
            *entry = scripted;
        }
        self.loss
    }

    fn hessian(&self, _params: &[f64]) -> Option<Vec<f64>> {
        self.hessian.clone()
    }
}

/// Every optimizer in every form, built straight from its fields so that no validation stands
/// between the hostile hyperparameters and the update.
fn every_optimizer_unchecked(h: &[f64; 4]) -> Vec<Box<dyn Optimizer>> {
    let [learning_rate, second, third, eps] = *h;
    let mut adam_inside = Adam::new(learning_rate, second, third, eps);
    adam_inside.epsilon_placement = EpsilonPlacement::InsideSqrt;
    vec![
        Box::new(Sgd::new(learning_rate)),
        Box::new(Momentum::new(learning_rate, second)),
        Box::new(Nesterov::new(
            learning_rate,
            second,
            NesterovForm::LookAhead,
        )),
        Box::new(Nesterov::new(
            learning_rate,
            second,
            NesterovForm::Reparametrized,
        )),
        Box::new(Adagrad::new(learning_rate, eps)),
        Box::new(RmsProp::new(learning_rate, second, eps)),
        Box::new(Adam::new(learning_rate, second, third, eps)),
        Box::new(Adam::new(learning_rate, second, third, eps).simplified()),
        Box::new(adam_inside),
        Box::new(Newton::default()),
    ]
}

/// Hyperparameters that pass validation, with the edges drawn often: a learning rate of 0 or 1e300,
/// `mu` and `decay_rate` of exactly 1, `beta` just below 1, `eps` of 0 or a subnormal.
fn allowed_hyperparameters() -> impl Strategy<Value = Hyperparameters> {
    let learning_rate = prop_oneof![
        0.0..2.0_f64,
        prop::sample::select(vec![0.0, 1e-12, 10.0, 1e3, 1e12, 1e300, f64::MAX]),
    ];
    let unit_closed = prop_oneof![
        0.0..=1.0_f64,
        prop::sample::select(vec![0.0, 0.999, 1.0 - 1e-12, 1.0]),
    ];
    let unit_open = prop_oneof![
        0.0..1.0_f64,
        prop::sample::select(vec![0.0, 0.9999, 1.0 - 1e-12, 1.0 - f64::EPSILON / 2.0]),
    ];
    let eps = prop_oneof![
        0.0..1.0_f64,
        prop::sample::select(vec![0.0, 5e-324, 1e-300, 1e-10, 1e300]),
    ];
    (
        learning_rate,
        unit_closed.clone(),
        unit_closed,
        unit_open.clone(),
        unit_open,
        eps,
    )
        .prop_map(
            |(learning_rate, mu, decay_rate, beta1, beta2, eps)| Hyperparameters {
                learning_rate,
                mu,
                decay_rate,
                beta1,
                beta2,
                eps,
            },
        )
}

/// The promise of a run: every stored number drawable, losses and points paired, and the outcome
/// consistent with the path's length.
fn assert_drawable(trajectory: &Trajectory, what: &str) -> Result<(), TestCaseError> {
    prop_assert_eq!(trajectory.points.len(), trajectory.losses.len(), "{}", what);
    let drawable = |value: f64| value.is_finite() && value.abs() <= DIVERGENCE_THRESHOLD;
    for (point, &loss) in trajectory.points.iter().zip(&trajectory.losses) {
        prop_assert!(
            drawable(point[0]) && drawable(point[1]) && drawable(loss),
            "{what}: stored {point:?} with loss {loss}"
        );
    }
    let n_points = trajectory.points.len();
    match trajectory.outcome {
        Outcome::Rejected { .. } => prop_assert_eq!(n_points, 0, "{}", what),
        Outcome::Completed { steps } | Outcome::Converged { step: steps } => {
            prop_assert_eq!(n_points, steps + 1, "{}", what)
        }
        Outcome::Diverged { step } | Outcome::Stopped { step, .. } => {
            prop_assert!(step >= 1, "{what}");
            prop_assert_eq!(n_points, step, "{}", what)
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(robustness_config(256))]

    #[test]
    fn no_optimizer_step_panics_on_any_numbers(
        hyperparameters in prop::array::uniform4(hostile_f64()),
        params in prop::collection::vec(hostile_f64(), 0..4),
        gradient in prop::collection::vec(hostile_f64(), 0..4),
        loss in hostile_f64(),
        hessian in prop::option::of(prop::collection::vec(hostile_f64(), 0..5)),
    ) {
        let objective = Scripted { loss, gradient, hessian };
        for mut optimizer in every_optimizer_unchecked(&hyperparameters) {
            let mut moved = params.clone();
            // Three steps, so the state built by one step (velocity, cache, m, v, t) feeds the next.
            for _ in 0..3 {
                let before = moved.clone();
                if optimizer.step(&mut moved, &objective).is_err() {
                    // A refused step leaves the parameters as they were (compared bit for bit, as
                    // NaN is not equal to itself).
                    let bits = |values: &[f64]| values.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
                    prop_assert_eq!(bits(&moved), bits(&before), "{:?}", optimizer.kind());
                }
            }
            let _ = optimizer.state();
            optimizer.reset();
        }
    }

    #[test]
    fn no_surface_panics_at_any_point_and_each_is_finite_near_its_view(
        kind in prop::sample::select(SurfaceKind::ALL.to_vec()),
        x in hostile_f64(),
        y in hostile_f64(),
        u in -1.0..2.0_f64,
        v in -1.0..2.0_f64,
    ) {
        let surface = kind.build();
        // Anywhere at all: no panic, whatever comes back.
        let _ = (surface.value(x, y), surface.gradient(x, y), Surface::hessian(&surface, x, y));
        // Within the view widened by its own size on every side the formulas hold finite numbers.
        let view = surface.view();
        let (near_x, near_y) = (view.x_min + u * view.width(), view.y_min + v * view.height());
        let value = surface.value(near_x, near_y);
        let gradient = surface.gradient(near_x, near_y);
        let hessian = Surface::hessian(&surface, near_x, near_y);
        prop_assert!(value.is_finite(), "{kind} at ({near_x}, {near_y}): {value}");
        prop_assert!(gradient.iter().all(|entry| entry.is_finite()), "{kind}: {gradient:?}");
        prop_assert!(hessian.iter().flatten().all(|entry| entry.is_finite()), "{kind}: {hessian:?}");
    }
}

proptest! {
    #![proptest_config(robustness_config(96))]

    #[test]
    fn every_run_with_allowed_settings_ends_drawable_or_diverged(
        surface_kind in prop::sample::select(SurfaceKind::ALL.to_vec()),
        hyperparameters in allowed_hyperparameters(),
        u in -0.5..1.5_f64,
        v in -0.5..1.5_f64,
        n_steps in 0usize..300,
    ) {
        let surface = surface_kind.build();
        let view = surface.view();
        let start = [view.x_min + u * view.width(), view.y_min + v * view.height()];
        for kind in OptimizerKind::ALL {
            let trajectory =
                trajectory::run(surface.as_ref(), kind, &hyperparameters, start, n_steps);
            let what = format!("{kind} on {surface_kind} from {start:?} with {hyperparameters:?}");
            assert_drawable(&trajectory, &what)?;
            prop_assert!(
                !matches!(trajectory.outcome, Outcome::Rejected { .. }),
                "{what}: allowed settings were refused: {:?}", trajectory.outcome
            );
        }
    }

    #[test]
    fn a_run_with_any_numbers_at_all_is_refused_or_drawable(
        surface_kind in prop::sample::select(SurfaceKind::ALL.to_vec()),
        values in prop::array::uniform6(hostile_f64()),
        start in prop::array::uniform2(hostile_f64()),
        n_steps in prop_oneof![0usize..200, Just(usize::MAX)],
    ) {
        let surface = surface_kind.build();
        let [learning_rate, mu, decay_rate, beta1, beta2, eps] = values;
        let hyperparameters = Hyperparameters { learning_rate, mu, decay_rate, beta1, beta2, eps };
        // usize::MAX steps are clamped to the core's bound, so only the cheapest optimizer runs them.
        let kinds: &[OptimizerKind] = if n_steps == usize::MAX {
            &[OptimizerKind::Sgd]
        } else {
            &OptimizerKind::ALL
        };
        for &kind in kinds {
            let trajectory = trajectory::run(surface.as_ref(), kind, &hyperparameters, start, n_steps);
            let what = format!("{kind} on {surface_kind} from {start:?} with {hyperparameters:?}");
            assert_drawable(&trajectory, &what)?;
            prop_assert!(trajectory.points.len() <= trajectory::MAX_STEPS + 1, "{what}");
        }
    }
}

#[test]
fn momentum_of_one_and_a_huge_step_end_in_the_diverged_state_not_in_nan() {
    // The settings the issue names: a large step size, momentum at its edge, a vanishing eps.
    let surface = SurfaceKind::Bowl.build();
    let start = surface.default_start();
    for kind in OptimizerKind::ALL {
        let hyperparameters = Hyperparameters {
            learning_rate: 1e6,
            mu: 1.0,
            decay_rate: 1.0,
            beta1: 0.0,
            beta2: 0.0,
            eps: 0.0,
        };
        let trajectory = trajectory::run(surface.as_ref(), kind, &hyperparameters, start, 500);
        let drawable = |value: f64| value.is_finite() && value.abs() <= DIVERGENCE_THRESHOLD;
        assert!(
            trajectory
                .points
                .iter()
                .flatten()
                .chain(&trajectory.losses)
                .all(|&value| drawable(value)),
            "{kind}: {trajectory:?}"
        );
        // The updates linear in the step size must blow up; the adaptive ones move each coordinate by
        // about the step size and may bounce between +-1e6 without passing the threshold.
        if matches!(
            kind,
            OptimizerKind::Sgd | OptimizerKind::Momentum | OptimizerKind::Nesterov
        ) {
            assert!(
                matches!(trajectory.outcome, Outcome::Diverged { .. }),
                "{kind} with a step of a million on the bowl should diverge: {:?}",
                trajectory.outcome
            );
        }
    }
}
