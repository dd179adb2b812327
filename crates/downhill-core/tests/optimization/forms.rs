//! Equivalent ways of writing one update: Nesterov's two forms, the slides' heavy ball and the
//! lesson's momentum, Adam's epsilon inside or outside the square root, with or without bias
//! correction, and what Newton's method does at a saddle.

use downhill_core::objective::Objective;
use downhill_core::optimizers::{
    Adam, EpsilonPlacement, Momentum, Nesterov, NesterovForm, Newton, Optimizer,
};
use downhill_core::surfaces::{Bowl, Bumpy, Rosenbrock, Saddle, Surface};
use downhill_core::trajectory::{Outcome, Run, RunSettings};

#[test]
fn nesterovs_two_forms_give_the_same_iterates() {
    // Rosenbrock's curved valley and the bumpy wells make the gradient change from step to step, so
    // a difference between the forms would show.
    let cases: [(&dyn Surface, [f64; 2], f64); 2] = [
        (&Rosenbrock, [-1.2, 1.0], 1e-3),
        (&Bumpy, [-2.5, 2.5], 0.05),
    ];
    for (surface, start, learning_rate) in cases {
        let objective: &dyn Objective = &surface;
        let mu = 0.9;
        let mut look_ahead = Nesterov::new(learning_rate, mu, NesterovForm::LookAhead);
        let mut reparametrized = Nesterov::new(learning_rate, mu, NesterovForm::Reparametrized);
        let (mut x, mut x_ahead) = (start, start);
        for step in 1..=500 {
            look_ahead.step(&mut x, objective).expect("2-D step");
            reparametrized
                .step(&mut x_ahead, objective)
                .expect("2-D step");
            for coordinate in 0..2 {
                // The re-parametrized form stores the look-ahead point x + mu v.
                let expected = x[coordinate] + mu * look_ahead.velocity[coordinate];
                let error = (x_ahead[coordinate] - expected).abs();
                assert!(
                    error <= 1e-12 * (1.0 + expected.abs()),
                    "{} step {step}: {x_ahead:?} against {expected}",
                    surface.name()
                );
                let velocity_error =
                    (look_ahead.velocity[coordinate] - reparametrized.velocity[coordinate]).abs();
                assert!(velocity_error <= 1e-12, "{} step {step}", surface.name());
            }
        }
    }
}

#[test]
fn momentum_is_the_slides_heavy_ball_with_v_equal_to_minus_alpha_p() {
    // The slides: p = beta p + grad, W -= alpha p. With v = -alpha p the lesson's v = mu v - lr dx,
    // x += v follows for mu = beta and lr = alpha.
    let (alpha, beta) = (0.001, 0.9);
    let objective: &dyn Objective = &Rosenbrock;
    let mut momentum = Momentum::new(alpha, beta);
    let mut x = [-1.2, 1.0];
    let (mut weights, mut p) = ([-1.2, 1.0], [0.0, 0.0]);
    for step in 1..=200 {
        momentum.step(&mut x, objective).expect("2-D step");
        let gradient = Rosenbrock.gradient(weights[0], weights[1]);
        for coordinate in 0..2 {
            p[coordinate] = beta * p[coordinate] + gradient[coordinate];
            weights[coordinate] -= alpha * p[coordinate];
        }
        for coordinate in 0..2 {
            assert!(
                (x[coordinate] - weights[coordinate]).abs() <= 1e-9,
                "step {step}"
            );
        }
    }
}

/// One step of Adam from `start` on the bowl, with `eps` placed as given; returns the move.
fn adam_move(start: [f64; 2], eps: f64, placement: EpsilonPlacement) -> [f64; 2] {
    let mut adam = Adam::new(0.1, 0.9, 0.999, eps);
    adam.epsilon_placement = placement;
    let mut params = start;
    let objective: &dyn Objective = &Bowl;
    adam.step(&mut params, objective).expect("2-D step");
    [params[0] - start[0], params[1] - start[1]]
}

#[test]
fn adams_epsilon_placements_agree_without_epsilon_and_for_large_gradients() {
    // Without eps both denominators are sqrt(v_hat); follow several steps on Rosenbrock.
    let objective: &dyn Objective = &Rosenbrock;
    let mut outside = Adam::new(0.01, 0.9, 0.999, 0.0);
    let mut inside = Adam::new(0.01, 0.9, 0.999, 0.0);
    inside.epsilon_placement = EpsilonPlacement::InsideSqrt;
    let (mut x_outside, mut x_inside) = ([-1.2, 1.0], [-1.2, 1.0]);
    for _ in 0..100 {
        outside.step(&mut x_outside, objective).expect("2-D step");
        inside.step(&mut x_inside, objective).expect("2-D step");
    }
    assert!(
        (x_outside[0] - x_inside[0]).abs() <= 1e-12 && (x_outside[1] - x_inside[1]).abs() <= 1e-12
    );

    // With the default eps and a gradient of size 100 (sqrt(v_hat) = 100 after one step), the two
    // denominators are 100 + 1e-8 and sqrt(1e4 + 1e-8) = 100 + 5e-11: the moves differ by about
    // one part in 1e10.
    let start = [50.0, -50.0];
    let move_outside = adam_move(start, 1e-8, EpsilonPlacement::OutsideSqrt);
    let move_inside = adam_move(start, 1e-8, EpsilonPlacement::InsideSqrt);
    for coordinate in 0..2 {
        let relative = (move_outside[coordinate] / move_inside[coordinate] - 1.0).abs();
        assert!(relative < 1e-9, "{move_outside:?} against {move_inside:?}");
    }
}

#[test]
fn adams_epsilon_placements_differ_for_tiny_gradients() {
    // A gradient of 2e-7: sqrt(v_hat) = 2e-7 after one step. Outside the root the denominator is
    // 2e-7 + 1e-8 = 2.1e-7; inside it is sqrt(4e-14 + 1e-8), about 1e-4, so the step there is about
    // 500 times smaller.
    let start = [1e-7, 1e-7];
    let move_outside = adam_move(start, 1e-8, EpsilonPlacement::OutsideSqrt);
    let move_inside = adam_move(start, 1e-8, EpsilonPlacement::InsideSqrt);
    let gradient = 2e-7_f64;
    let expected_ratio = (gradient * gradient + 1e-8).sqrt() / (gradient + 1e-8);
    let ratio = move_outside[0] / move_inside[0];
    assert!(
        (ratio / expected_ratio - 1.0).abs() < 1e-9,
        "ratio {ratio}, expected {expected_ratio}"
    );
    assert!(ratio > 100.0);
}

#[test]
fn bias_correction_makes_the_first_step_the_learning_rate_and_the_simplified_one_larger() {
    let objective: &dyn Objective = &Bowl;
    let start = [1.0, -2.0];
    let mut corrected = Adam::new(0.1, 0.9, 0.999, 1e-8);
    let mut simplified = Adam::new(0.1, 0.9, 0.999, 1e-8).simplified();
    let (mut x_corrected, mut x_simplified) = (start, start);
    corrected
        .step(&mut x_corrected, objective)
        .expect("2-D step");
    simplified
        .step(&mut x_simplified, objective)
        .expect("2-D step");
    let gradient = Bowl.gradient(start[0], start[1]);
    for coordinate in 0..2 {
        let corrected_move = (x_corrected[coordinate] - start[coordinate]).abs();
        let simplified_move = (x_simplified[coordinate] - start[coordinate]).abs();
        // m_hat = dx and sqrt(v_hat) = |dx|: the move is lr |dx| / (|dx| + eps).
        let size = gradient[coordinate].abs();
        assert!((corrected_move - 0.1 * size / (size + 1e-8)).abs() < 1e-15);
        // Ignoring eps the simplified move is lr (1 - beta1) / sqrt(1 - beta2), the corrected move
        // times (1 - beta1^1) / sqrt(1 - beta2^1), about 3.16.
        let factor = (1.0 - 0.9) / (1.0_f64 - 0.999).sqrt();
        assert!((simplified_move / corrected_move / factor - 1.0).abs() < 1e-6);
    }
}

#[test]
fn newton_jumps_onto_the_saddle_point_and_the_run_stops_there() {
    let mut run = Run::new(
        &Saddle,
        Box::new(Newton::default()),
        [-1.5, 0.3],
        RunSettings::with_steps(50),
    )
    .expect("a finite start");
    let outcome = run.run_to_end(&Saddle);
    // The saddle is a quadratic with Hessian diag(2, -2): the stationary point of the model is the
    // origin, reached in one step, where the gradient is zero.
    assert_eq!(outcome, Outcome::Converged { step: 1 });
    assert_eq!(run.points(), &[[-1.5, 0.3], [0.0, 0.0]]);
}
