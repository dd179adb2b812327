//! Every optimizer: the first two steps against values worked out by hand from the lesson's formula,
//! the table of optimizers against surfaces, and the behaviour at the edges (bad input, state, names).

use downhill_core::objective::Objective;
use downhill_core::optimizers::{
    Adagrad, Adam, Hyperparameter, Hyperparameters, Momentum, Nesterov, NesterovForm, Newton,
    Optimizer, OptimizerKind, RmsProp, Sgd, StepError,
};
use downhill_core::surfaces::{Bowl, Rosenbrock, Surface, SurfaceKind};
use downhill_core::trajectory::{DIVERGENCE_THRESHOLD, Outcome, run};

/// The hand-worked examples all start on the bowl `x^2 + y^2` at `(1, -2)`, where the gradient is
/// `(2, -4)`, with learning rate 0.1.
const START: [f64; 2] = [1.0, -2.0];

/// Takes two steps and returns the point after each.
fn two_steps(optimizer: &mut dyn Optimizer) -> [[f64; 2]; 2] {
    let mut params = START;
    let objective: &dyn Objective = &Bowl;
    optimizer.step(&mut params, objective).expect("a bowl step");
    let first = params;
    optimizer.step(&mut params, objective).expect("a bowl step");
    [first, params]
}

fn assert_close(actual: [f64; 2], expected: [f64; 2], what: &str) {
    for coordinate in 0..2 {
        let error = (actual[coordinate] - expected[coordinate]).abs();
        assert!(
            error <= 1e-12,
            "{what}: got {actual:?}, expected {expected:?}"
        );
    }
}

#[test]
fn sgd_steps_against_the_gradient() {
    let [first, second] = two_steps(&mut Sgd::new(0.1));
    // x += -0.1 * (2, -4) = (1 - 0.2, -2 + 0.4)
    assert_close(first, [0.8, -1.6], "first step");
    // The gradient at (0.8, -1.6) is (1.6, -3.2): x += -0.1 * (1.6, -3.2)
    assert_close(second, [0.8 - 0.16, -1.6 + 0.32], "second step");
}

#[test]
fn momentum_integrates_the_velocity_then_the_position() {
    let mut momentum = Momentum::new(0.1, 0.9);
    let [first, second] = two_steps(&mut momentum);
    // v = 0.9 * 0 - 0.1 * (2, -4) = (-0.2, 0.4); x += v
    assert_close(first, [0.8, -1.6], "first step");
    // The gradient at (0.8, -1.6) is (1.6, -3.2):
    // v = 0.9 * (-0.2, 0.4) - 0.1 * (1.6, -3.2) = (-0.18 - 0.16, 0.36 + 0.32) = (-0.34, 0.68)
    assert_close(second, [0.8 - 0.34, -1.6 + 0.68], "second step");
    assert_close(
        momentum.velocity.clone().try_into().expect("two entries"),
        [-0.34, 0.68],
        "velocity",
    );
}

#[test]
fn nesterov_look_ahead_takes_the_gradient_ahead_of_the_parameters() {
    let mut nesterov = Nesterov::new(0.1, 0.9, NesterovForm::LookAhead);
    let [first, second] = two_steps(&mut nesterov);
    // With v = 0 the look-ahead is x itself: v = -0.1 * (2, -4) = (-0.2, 0.4), x = (0.8, -1.6).
    assert_close(first, [0.8, -1.6], "first step");
    // x_ahead = (0.8, -1.6) + 0.9 * (-0.2, 0.4) = (0.62, -1.24), where the gradient is (1.24, -2.48):
    // v = 0.9 * (-0.2, 0.4) - 0.1 * (1.24, -2.48) = (-0.304, 0.608); x += v
    assert_close(second, [0.8 - 0.304, -1.6 + 0.608], "second step");
    // The next gradient will be taken at x + 0.9 v.
    let look_ahead: [f64; 2] = nesterov.look_ahead.clone().try_into().expect("two entries");
    assert_close(
        look_ahead,
        [second[0] + 0.9 * -0.304, second[1] + 0.9 * 0.608],
        "look-ahead",
    );
}

#[test]
fn nesterov_reparametrized_moves_by_minus_mu_v_prev_plus_one_plus_mu_v() {
    let [first, second] = two_steps(&mut Nesterov::new(0.1, 0.9, NesterovForm::Reparametrized));
    // v_prev = 0, v = -0.1 * (2, -4) = (-0.2, 0.4); x += -0.9 * 0 + 1.9 * (-0.2, 0.4) = (-0.38, 0.76)
    assert_close(first, [1.0 - 0.38, -2.0 + 0.76], "first step");
    // The gradient at (0.62, -1.24) is (1.24, -2.48): v_prev = (-0.2, 0.4), v = (-0.304, 0.608);
    // x += -0.9 * (-0.2, 0.4) + 1.9 * (-0.304, 0.608) = (0.18 - 0.5776, -0.36 + 1.1552)
    assert_close(
        second,
        [0.62 + 0.18 - 0.5776, -1.24 - 0.36 + 1.1552],
        "second step",
    );
}

#[test]
fn adagrad_divides_by_the_root_of_the_summed_squares() {
    let mut adagrad = Adagrad::new(0.1, 0.0);
    let [first, second] = two_steps(&mut adagrad);
    // cache = (4, 16); x += -0.1 * (2, -4) / (2, 4) = (-0.1, 0.1)
    assert_close(first, [0.9, -1.9], "first step");
    // The gradient at (0.9, -1.9) is (1.8, -3.8): cache = (4 + 3.24, 16 + 14.44);
    // x += -0.1 * (1.8, -3.8) / sqrt(cache)
    let expected = [
        0.9 - 0.1 * 1.8 / 7.24_f64.sqrt(),
        -1.9 + 0.1 * 3.8 / 30.44_f64.sqrt(),
    ];
    assert_close(second, expected, "second step");
    assert_close(
        adagrad.cache.clone().try_into().expect("two"),
        [7.24, 30.44],
        "cache",
    );
}

#[test]
fn rmsprop_divides_by_the_root_of_a_moving_average_of_squares() {
    let [first, second] = two_steps(&mut RmsProp::new(0.1, 0.9, 0.0));
    // cache = 0.9 * 0 + 0.1 * (4, 16) = (0.4, 1.6); x += -0.1 * (2, -4) / sqrt(0.4, 1.6), and since
    // sqrt(0.4) = 2 / sqrt(10) and sqrt(1.6) = 4 / sqrt(10), each coordinate moves by 0.1 sqrt(10).
    let moved = 0.1 * 10.0_f64.sqrt();
    let first_expected = [1.0 - moved, -2.0 + moved];
    assert_close(first, first_expected, "first step");
    // The gradient there is 2 x; cache = 0.9 * (0.4, 1.6) + 0.1 * gradient^2.
    let gradient = [2.0 * first_expected[0], 2.0 * first_expected[1]];
    let cache = [
        0.9 * 0.4 + 0.1 * gradient[0] * gradient[0],
        0.9 * 1.6 + 0.1 * gradient[1] * gradient[1],
    ];
    let expected = [
        first_expected[0] - 0.1 * gradient[0] / cache[0].sqrt(),
        first_expected[1] - 0.1 * gradient[1] / cache[1].sqrt(),
    ];
    assert_close(second, expected, "second step");
}

#[test]
fn adam_simplified_divides_the_smoothed_gradient_by_the_root_of_the_smoothed_square() {
    let mut adam = Adam::new(0.1, 0.9, 0.999, 0.0).simplified();
    let [first, second] = two_steps(&mut adam);
    // m = 0.1 * (2, -4) = (0.2, -0.4), v = 0.001 * (4, 16) = (0.004, 0.016);
    // x += -0.1 * m / sqrt(v): each coordinate moves by 0.1 * 0.1 / sqrt(0.001) = 0.1 sqrt(10).
    let moved = 0.1 * 10.0_f64.sqrt();
    let first_expected = [1.0 - moved, -2.0 + moved];
    assert_close(first, first_expected, "first step");
    // The gradient there is 2 x; m = 0.9 m + 0.1 gradient, v = 0.999 v + 0.001 gradient^2.
    let gradient = [2.0 * first_expected[0], 2.0 * first_expected[1]];
    let m = [
        0.9 * 0.2 + 0.1 * gradient[0],
        0.9 * -0.4 + 0.1 * gradient[1],
    ];
    let v = [
        0.999 * 0.004 + 0.001 * gradient[0] * gradient[0],
        0.999 * 0.016 + 0.001 * gradient[1] * gradient[1],
    ];
    let expected = [
        first_expected[0] - 0.1 * m[0] / v[0].sqrt(),
        first_expected[1] - 0.1 * m[1] / v[1].sqrt(),
    ];
    assert_close(second, expected, "second step");
}

#[test]
fn adam_with_bias_correction_starts_with_steps_of_the_learning_rate() {
    let mut adam = Adam::new(0.1, 0.9, 0.999, 0.0);
    let [first, second] = two_steps(&mut adam);
    // m = (0.2, -0.4), m_hat = m / (1 - 0.9) = (2, -4); v = (0.004, 0.016), v_hat = v / (1 - 0.999) =
    // (4, 16); x += -0.1 * (2, -4) / (2, 4) = (-0.1, 0.1)
    assert_close(first, [0.9, -1.9], "first step");
    // The gradient at (0.9, -1.9) is (1.8, -3.8):
    // m = 0.9 * (0.2, -0.4) + 0.1 * (1.8, -3.8) = (0.36, -0.74), divided by 1 - 0.9^2 = 0.19;
    // v = 0.999 * (0.004, 0.016) + 0.001 * (3.24, 14.44) = (0.007236, 0.030424), divided by
    // 1 - 0.999^2 = 0.001999.
    let m_hat = [0.36 / 0.19, -0.74 / 0.19];
    let v_hat: [f64; 2] = [0.007236 / 0.001999, 0.030424 / 0.001999];
    let expected = [
        0.9 - 0.1 * m_hat[0] / v_hat[0].sqrt(),
        -1.9 - 0.1 * m_hat[1] / v_hat[1].sqrt(),
    ];
    assert_close(second, expected, "second step");
    assert_eq!(adam.t, 2);
}

#[test]
fn newton_solves_a_quadratic_in_one_step_and_then_stays() {
    let [first, second] = two_steps(&mut Newton::default());
    // H = 2 I, so H^{-1} grad = (2, -4) / 2 = (1, -2) and x - (1, -2) = (0, 0); there the gradient
    // is zero and the step is zero.
    assert_close(first, [0.0, 0.0], "first step");
    assert_close(second, [0.0, 0.0], "second step");
}

#[test]
fn newton_on_rosenbrock_takes_the_inverse_hessian_step() {
    let mut params = [-1.2, 1.0];
    let objective: &dyn Objective = &Rosenbrock;
    Newton::default()
        .step(&mut params, objective)
        .expect("a regular Hessian");
    // At (-1.2, 1): y - x^2 = -0.44, gradient = (-2 * 2.2 - 400 * -1.2 * -0.44, 200 * -0.44)
    // = (-215.6, -88); H = [[2 - 400 + 1200 * 1.44, 480], [480, 200]] = [[1330, 480], [480, 200]],
    // det = 1330 * 200 - 480^2 = 35600; H^{-1} grad = [[200, -480], [-480, 1330]] grad / 35600
    // = (-880, -13552) / 35600.
    let expected = [-1.2 + 880.0 / 35600.0, 1.0 + 13552.0 / 35600.0];
    assert_close(params, expected, "first step");
}

/// The most steps each optimizer may take, at its default settings from each surface's default
/// start, to come within [`REACHED`] of the minimum of the bowl and of the ravine.
///
/// SGD's budget is derived rather than chosen: on the ravine `0.5 (x^2 + 20 y^2)` with learning rate
/// 0.01, `x` shrinks by the factor `1 - 0.01` per step (and `y` by `1 - 0.2`, much faster), so from
/// `x = -2.5` it needs `ceil(ln(2.5 / 1e-4) / -ln(0.99))` = 1008 steps; the bowl shrinks by 0.98 per step
/// and needs fewer. Newton's method solves any quadratic in one step.
fn convex_budget(kind: OptimizerKind) -> usize {
    match kind {
        OptimizerKind::Sgd => ((2.5_f64 / REACHED).ln() / -(0.99_f64).ln()).ceil() as usize,
        OptimizerKind::Momentum | OptimizerKind::Nesterov => 300,
        OptimizerKind::Adagrad => 200,
        OptimizerKind::RmsProp => 600,
        OptimizerKind::Adam => 300,
        OptimizerKind::Newton => 1,
    }
}

/// The distance to the minimum that counts as having reached it.
const REACHED: f64 = 1e-4;

/// The first step at which the path is within [`REACHED`] of `minimum`.
fn first_step_within_reach(points: &[[f64; 2]], minimum: [f64; 2]) -> Option<usize> {
    points
        .iter()
        .position(|point| (point[0] - minimum[0]).hypot(point[1] - minimum[1]) < REACHED)
}

#[test]
fn every_optimizer_reaches_the_minimum_of_every_convex_surface_within_its_budget() {
    for surface_kind in SurfaceKind::ALL.into_iter().filter(|kind| kind.is_convex()) {
        let surface = surface_kind.build();
        let minimum = surface.minima()[0];
        for kind in OptimizerKind::ALL {
            let budget = convex_budget(kind);
            let hyperparameters = Hyperparameters::defaults_for(kind);
            let trajectory = run(
                surface.as_ref(),
                kind,
                &hyperparameters,
                surface.default_start(),
                budget,
            );
            let reached = first_step_within_reach(&trajectory.points, minimum);
            assert!(
                reached.is_some_and(|step| step <= budget),
                "{kind} on {surface_kind}: reached at {reached:?}, budget {budget}, outcome {:?}",
                trajectory.outcome
            );
        }
    }
}

#[test]
fn the_adaptive_optimizers_and_newton_reach_the_minimum_of_rosenbrock_within_their_budgets() {
    // Plain SGD and the momentum methods diverge from the classic start at their default learning
    // rate (the valley is steep across); the adaptive methods scale their steps and Newton's method
    // follows the curvature. Budgets: Adagrad 15000 steps, Adam 3000, Newton 10.
    let surface = Rosenbrock;
    for (kind, budget) in [
        (OptimizerKind::Adagrad, 15_000),
        (OptimizerKind::Adam, 3_000),
        (OptimizerKind::Newton, 10),
    ] {
        let hyperparameters = Hyperparameters::defaults_for(kind);
        let trajectory = run(
            &surface,
            kind,
            &hyperparameters,
            surface.default_start(),
            budget,
        );
        let reached = first_step_within_reach(&trajectory.points, [1.0, 1.0]);
        assert!(
            reached.is_some_and(|step| step <= budget),
            "{kind}: reached at {reached:?}, outcome {:?}",
            trajectory.outcome
        );
    }
}

#[test]
fn no_run_of_any_optimizer_on_any_surface_holds_a_number_that_cannot_be_drawn() {
    for surface_kind in SurfaceKind::ALL {
        let surface = surface_kind.build();
        for kind in OptimizerKind::ALL {
            let hyperparameters = Hyperparameters::defaults_for(kind);
            let trajectory = run(
                surface.as_ref(),
                kind,
                &hyperparameters,
                surface.default_start(),
                3_000,
            );
            let drawable = |value: &f64| value.is_finite() && value.abs() <= DIVERGENCE_THRESHOLD;
            assert!(
                trajectory.points.iter().flatten().all(drawable),
                "{kind} on {surface_kind}"
            );
            assert!(
                trajectory.losses.iter().all(drawable),
                "{kind} on {surface_kind}"
            );
            assert_eq!(trajectory.points.len(), trajectory.losses.len());
            let expected_points = match trajectory.outcome {
                Outcome::Completed { steps } => steps + 1,
                Outcome::Converged { step } => step + 1,
                Outcome::Diverged { step } | Outcome::Stopped { step, .. } => step,
                Outcome::Rejected { .. } => 0,
            };
            assert_eq!(
                trajectory.points.len(),
                expected_points,
                "{kind} on {surface_kind}"
            );
        }
    }
}

#[test]
fn a_step_with_the_wrong_number_of_parameters_is_refused_and_changes_nothing() {
    let objective: &dyn Objective = &Bowl;
    for kind in OptimizerKind::ALL {
        let mut optimizer = kind.build_default();
        for wrong in [vec![], vec![1.0], vec![1.0, 2.0, 3.0]] {
            let mut params = wrong.clone();
            let result = optimizer.step(&mut params, objective);
            assert_eq!(
                result,
                Err(StepError::DimensionMismatch {
                    expected: 2,
                    found: wrong.len()
                }),
                "{kind}"
            );
            assert_eq!(params, wrong, "{kind}");
        }
    }
}

/// A function of two variables that does not know its Hessian, like the classifiers.
struct NoHessian;

impl Objective for NoHessian {
    fn dimension(&self) -> usize {
        2
    }

    fn loss_and_gradient(&self, params: &[f64], gradient: &mut [f64]) -> f64 {
        gradient.copy_from_slice(params);
        0.5 * params.iter().map(|x| x * x).sum::<f64>()
    }
}

/// The same bowl in three variables, with its Hessian.
struct Bowl3;

impl Objective for Bowl3 {
    fn dimension(&self) -> usize {
        3
    }

    fn loss_and_gradient(&self, params: &[f64], gradient: &mut [f64]) -> f64 {
        gradient.copy_from_slice(params);
        0.5 * params.iter().map(|x| x * x).sum::<f64>()
    }

    fn hessian(&self, _params: &[f64]) -> Option<Vec<f64>> {
        Some(vec![1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0])
    }
}

#[test]
fn newton_reports_a_missing_or_singular_hessian_and_an_unsupported_dimension() {
    let mut newton = Newton::default();
    let mut params = [0.5, 0.5];
    assert_eq!(
        newton.step(&mut params, &NoHessian),
        Err(StepError::NoHessian)
    );
    assert_eq!(params, [0.5, 0.5]);

    // The bounded saddle's curvature along y, 3 y^2 - 2, is zero at y = sqrt(2/3).
    let singular_point = [0.5, (2.0_f64 / 3.0).sqrt()];
    let mut params = singular_point;
    let bounded_saddle = SurfaceKind::BoundedSaddle.build();
    let objective: &dyn Objective = &bounded_saddle;
    assert_eq!(
        newton.step(&mut params, objective),
        Err(StepError::SingularHessian)
    );
    assert_eq!(params, singular_point);

    let mut params3 = [1.0, 2.0, 3.0];
    assert_eq!(
        newton.step(&mut params3, &Bowl3),
        Err(StepError::UnsupportedDimension { found: 3 })
    );
}

#[test]
fn the_first_order_optimizers_work_in_any_dimension() {
    for kind in OptimizerKind::ALL
        .into_iter()
        .filter(|kind| *kind != OptimizerKind::Newton)
    {
        let mut optimizer = kind.build_default();
        let mut params = [1.0, -2.0, 3.0];
        let start_loss = Bowl3.loss(&params);
        for _ in 0..20 {
            optimizer
                .step(&mut params, &Bowl3)
                .expect("three parameters");
        }
        assert!(Bowl3.loss(&params) < start_loss, "{kind}");
    }
}

#[test]
fn reset_forgets_the_state_and_keeps_the_hyperparameters() {
    let objective: &dyn Objective = &Bowl;
    for kind in OptimizerKind::ALL {
        let mut optimizer = kind.build_default();
        let before = optimizer.hyperparameters();
        let mut params = START;
        optimizer.step(&mut params, objective).expect("a bowl step");
        optimizer.reset();
        for field in optimizer.state() {
            let allowed_after_reset = field.values.is_empty()
                || field.values.iter().all(|value| *value == 0.0)
                || field.name.starts_with("1 - beta");
            assert!(allowed_after_reset, "{kind}: {field:?}");
        }
        assert_eq!(optimizer.hyperparameters(), before, "{kind}");
        // After a reset the state takes the dimension of the next step.
        let mut params3 = [1.0, 2.0, 3.0];
        if kind != OptimizerKind::Newton {
            optimizer.step(&mut params3, &Bowl3).expect("fresh state");
        }
    }
}

#[test]
fn the_state_names_what_the_inspector_shows() {
    let objective: &dyn Objective = &Bowl;
    let expected: [(OptimizerKind, &[&str]); 7] = [
        (OptimizerKind::Sgd, &[]),
        (OptimizerKind::Momentum, &["velocity"]),
        (OptimizerKind::Nesterov, &["velocity", "x_ahead"]),
        (OptimizerKind::Adagrad, &["cache"]),
        (OptimizerKind::RmsProp, &["cache"]),
        (
            OptimizerKind::Adam,
            &[
                "m",
                "v",
                "m_hat",
                "v_hat",
                "1 - beta1^t",
                "1 - beta2^t",
                "t",
            ],
        ),
        (OptimizerKind::Newton, &["hessian", "newton_step"]),
    ];
    for (kind, names) in expected {
        let mut optimizer = kind.build_default();
        let mut params = START;
        optimizer.step(&mut params, objective).expect("a bowl step");
        let state = optimizer.state();
        let state_names: Vec<&str> = state.iter().map(|field| field.name).collect();
        assert_eq!(state_names, names, "{kind}");
        assert!(state.iter().all(|field| !field.values.is_empty()), "{kind}");
    }
}

#[test]
fn every_default_config_is_the_kinds_default_hyperparameters() {
    let defaults: [(OptimizerKind, Box<dyn Optimizer>); 7] = [
        (OptimizerKind::Sgd, Box::new(Sgd::default())),
        (OptimizerKind::Momentum, Box::new(Momentum::default())),
        (OptimizerKind::Nesterov, Box::new(Nesterov::default())),
        (OptimizerKind::Adagrad, Box::new(Adagrad::default())),
        (OptimizerKind::RmsProp, Box::new(RmsProp::default())),
        (OptimizerKind::Adam, Box::new(Adam::default())),
        (OptimizerKind::Newton, Box::new(Newton::default())),
    ];
    for (kind, optimizer) in defaults {
        assert_eq!(optimizer.kind(), kind);
        assert_eq!(
            optimizer.hyperparameters(),
            Hyperparameters::defaults_for(kind),
            "{kind}"
        );
    }
}

#[test]
fn building_refuses_out_of_range_hyperparameters_that_the_optimizer_uses() {
    for kind in OptimizerKind::ALL {
        for &hyperparameter in kind.hyperparameters() {
            for bad in [f64::NAN, f64::INFINITY, -0.5, 2.0] {
                let mut hyperparameters = Hyperparameters::defaults_for(kind);
                hyperparameters.set(hyperparameter, bad);
                let allowed = hyperparameter.check(bad).is_ok();
                assert_eq!(
                    kind.build(&hyperparameters).is_ok(),
                    allowed,
                    "{kind} {hyperparameter} = {bad}"
                );
            }
        }
    }
    // A hyperparameter the optimizer does not read is not checked: SGD has no momentum.
    let mut hyperparameters = Hyperparameters::defaults_for(OptimizerKind::Sgd);
    hyperparameters.mu = 5.0;
    assert!(OptimizerKind::Sgd.build(&hyperparameters).is_ok());
    assert!(OptimizerKind::Momentum.build(&hyperparameters).is_err());
    // The limits themselves: beta = 1 would zero Adam's bias correction, mu = 1 is frictionless.
    assert!(Hyperparameter::Beta1.check(1.0).is_err());
    assert!(Hyperparameter::Mu.check(1.0).is_ok());
    assert!(Hyperparameter::LearningRate.check(0.0).is_ok());
}

#[test]
fn a_schedule_cannot_set_a_learning_rate_out_of_range() {
    for kind in OptimizerKind::ALL
        .into_iter()
        .filter(|kind| *kind != OptimizerKind::Newton)
    {
        let mut optimizer = kind.build_default();
        let before = optimizer.hyperparameters().learning_rate;
        assert!(optimizer.set_learning_rate(-1.0).is_err(), "{kind}");
        assert!(optimizer.set_learning_rate(f64::NAN).is_err(), "{kind}");
        assert_eq!(optimizer.hyperparameters().learning_rate, before, "{kind}");
        optimizer.set_learning_rate(0.125).expect("in range");
        assert_eq!(optimizer.hyperparameters().learning_rate, 0.125, "{kind}");
    }
}

#[test]
fn every_optimizer_name_parses_back_and_an_unknown_name_lists_the_known_ones() {
    for kind in OptimizerKind::ALL {
        assert_eq!(kind.name().parse::<OptimizerKind>(), Ok(kind));
        assert_eq!(kind.build_default().kind(), kind);
        assert!(!kind.label().is_empty());
    }
    let message = "lbfgs"
        .parse::<OptimizerKind>()
        .expect_err("unknown")
        .to_string();
    for kind in OptimizerKind::ALL {
        assert!(message.contains(kind.name()), "{message}");
    }
}

#[test]
fn a_boxed_optimizer_clones_with_its_state() {
    let objective: &dyn Objective = &Bowl;
    let mut original = OptimizerKind::Adam.build_default();
    let mut params = START;
    original.step(&mut params, objective).expect("a bowl step");
    let mut copy = original.clone();
    assert_eq!(copy.state(), original.state());
    let mut params_copy = params;
    original.step(&mut params, objective).expect("a bowl step");
    copy.step(&mut params_copy, objective).expect("a bowl step");
    assert_eq!(params, params_copy);
    // The surface trait object itself satisfies the adapter too.
    assert_eq!(Bowl.value(params[0], params[1]), objective.loss(&params));
}
