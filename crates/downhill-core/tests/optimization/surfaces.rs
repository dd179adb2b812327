//! The surfaces: analytic derivatives against centered differences, the minima each one lists, and
//! the names.

use downhill_core::gradient::numerical::centered_difference;
use downhill_core::landscape;
// Both traits have a `hessian` method (the surface's takes x and y, the objective's a slice), so the
// surface's is called as `Surface::hessian` here.
use downhill_core::objective::Objective;
use downhill_core::surfaces::minima::is_local_minimum;
use downhill_core::surfaces::{
    BoundedSaddle, Bumpy, Himmelblau, HingeBowl1d, Ravine, Saddle, Surface, SurfaceKind,
};
use proptest::prelude::*;

/// The finite-difference step. Small enough that the truncation error (`h^2` times a third
/// derivative) is negligible, large enough that rounding (about `ulp(f) / h`) is too.
const STEP: f64 = 1e-5;

/// The largest accepted relative error between an analytic and a numerical derivative.
const TOLERANCE: f64 = 1e-6;

/// `|analytic - numerical| / max(|analytic|, |numerical|, floor)`. The floor keeps the comparison
/// meaningful where the derivative is near zero: there a centered difference still carries a rounding
/// error of about `1e-16 |f| / h`, so the floor is set from the size of the function being
/// differenced.
fn scaled_error(analytic: f64, numerical: f64, floor: f64) -> f64 {
    (analytic - numerical).abs() / analytic.abs().max(numerical.abs()).max(floor)
}

/// A surface and a point drawn uniformly from its view.
fn surface_and_point() -> impl Strategy<Value = (SurfaceKind, [f64; 2])> {
    (0..SurfaceKind::ALL.len(), 0.0..=1.0_f64, 0.0..=1.0_f64).prop_map(|(kind_idx, u, v)| {
        let kind = SurfaceKind::ALL[kind_idx];
        let view = kind.build().view();
        let point = [
            view.x_min + u * view.width(),
            view.y_min + v * view.height(),
        ];
        (kind, point)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_gradient_agrees_with_a_centered_difference((kind, point) in surface_and_point()) {
        let surface = kind.build();
        let value_at = |p: &[f64]| surface.value(p[0], p[1]);
        let numerical = centered_difference(value_at, &point, STEP).expect("the step is valid");
        let analytic = surface.gradient(point[0], point[1]);
        let floor = 1e-3 * (1.0 + surface.value(point[0], point[1]).abs());
        for coordinate in 0..2 {
            let error = scaled_error(analytic[coordinate], numerical[coordinate], floor);
            prop_assert!(
                error <= TOLERANCE,
                "{kind} at {point:?}, coordinate {coordinate}: analytic {} numerical {} error {error:e}",
                analytic[coordinate],
                numerical[coordinate]
            );
        }
    }

    #[test]
    fn every_hessian_agrees_with_a_centered_difference_of_the_gradient(
        (kind, point) in surface_and_point()
    ) {
        let surface = kind.build();
        let hessian = Surface::hessian(&surface, point[0], point[1]);
        let gradient = surface.gradient(point[0], point[1]);
        let floor = 1e-3 * (1.0 + gradient[0].abs().max(gradient[1].abs()));
        // Column `column` of the Hessian is the derivative of the gradient along that coordinate;
        // row `row` of that column is the derivative of gradient entry `row`.
        for (row, hessian_row) in hessian.iter().enumerate() {
            let gradient_entry = |p: &[f64]| surface.gradient(p[0], p[1])[row];
            let numerical = centered_difference(gradient_entry, &point, STEP).expect("valid step");
            for (column, (&analytic, &numerical)) in hessian_row.iter().zip(&numerical).enumerate() {
                let error = scaled_error(analytic, numerical, floor);
                prop_assert!(
                    error <= TOLERANCE,
                    "{kind} at {point:?}, H[{row}][{column}]: analytic {analytic} numerical {numerical} error {error:e}"
                );
            }
        }
        prop_assert_eq!(hessian[0][1], hessian[1][0], "{} Hessian is not symmetric", kind);
    }
}

#[test]
fn every_listed_minimum_is_a_local_minimum_inside_the_view_with_the_global_one_first() {
    for kind in SurfaceKind::ALL {
        let surface = kind.build();
        let minima = surface.minima();
        let view = surface.view();
        for minimum in &minima {
            assert!(is_local_minimum(&surface, *minimum), "{kind}: {minimum:?}");
            assert!(
                view.contains(minimum[0], minimum[1]),
                "{kind}: {minimum:?} outside the view"
            );
        }
        if let Some(global) = minima.first() {
            let global_value = surface.value(global[0], global[1]);
            for other in &minima {
                assert!(
                    global_value <= surface.value(other[0], other[1]) + 1e-12,
                    "{kind}"
                );
            }
        }
    }
}

#[test]
fn no_point_of_a_fine_grid_is_below_the_global_minimum() {
    for kind in SurfaceKind::ALL {
        let surface = kind.build();
        let Some(global) = surface.minima().first().copied() else {
            continue;
        };
        let grid = landscape::sample(&surface, &surface.view(), 401, 401);
        let global_value = surface.value(global[0], global[1]);
        assert!(
            grid.min >= global_value - 1e-9,
            "{kind}: grid min {} below {global_value}",
            grid.min
        );
    }
}

#[test]
fn every_view_is_a_rectangle_holding_the_default_start() {
    for kind in SurfaceKind::ALL {
        let surface = kind.build();
        let view = surface.view();
        let [x, y] = surface.default_start();
        assert!(view.is_valid(), "{kind}");
        assert!(view.contains(x, y), "{kind}");
        assert_eq!(surface.name(), kind.name());
        assert!(!surface.formula().is_empty());
    }
}

#[test]
fn the_saddle_is_a_stationary_point_with_curvature_of_both_signs_and_no_minimum() {
    let saddle = Saddle;
    assert_eq!(saddle.gradient(0.0, 0.0), [0.0, 0.0]);
    let [[f_xx, f_xy], [f_yx, f_yy]] = Surface::hessian(&saddle, 0.0, 0.0);
    assert!(
        f_xx * f_yy - f_xy * f_yx < 0.0,
        "the Hessian should be indefinite"
    );
    assert!(saddle.minima().is_empty());
    // Unbounded below: along y the value keeps falling.
    assert!(saddle.value(0.0, 10.0) < saddle.value(0.0, 1.0));
}

#[test]
fn the_bounded_saddle_has_the_same_saddle_point_and_two_minima_at_minus_one() {
    let surface = BoundedSaddle;
    assert_eq!(surface.gradient(0.0, 0.0), [0.0, 0.0]);
    assert_eq!(
        Surface::hessian(&surface, 0.0, 0.0),
        Surface::hessian(&Saddle, 0.0, 0.0)
    );
    let minima = surface.minima();
    assert_eq!(minima.len(), 2);
    for [x, y] in minima {
        // At y^2 = 2: f = 0 - 2 + 4 / 4 = -1.
        assert!((surface.value(x, y) + 1.0).abs() < 1e-15);
    }
    // The curvature along y, 3 y^2 - 2, vanishes at y^2 = 2/3: the Hessian is singular there.
    let [[f_xx, _], [_, f_yy]] = Surface::hessian(&surface, 0.3, (2.0_f64 / 3.0).sqrt());
    assert!((f_xx * f_yy).abs() < 1e-14);
}

#[test]
fn himmelblau_has_four_distinct_minima_of_value_zero() {
    let minima = Himmelblau.minima();
    assert_eq!(minima.len(), 4);
    for (idx, first) in minima.iter().enumerate() {
        assert!(Himmelblau.value(first[0], first[1]) < 1e-20, "{first:?}");
        for second in &minima[idx + 1..] {
            assert!((first[0] - second[0]).hypot(first[1] - second[1]) > 1.0);
        }
    }
}

#[test]
fn the_bumpy_landscape_lists_every_local_minimum_of_a_fine_grid_and_one_global() {
    let surface = Bumpy;
    let view = surface.view();
    let side = 301;
    let grid = landscape::sample(&surface, &view, side, side);
    let spacing = view.width() / side as f64;
    // A cell lower than its eight neighbours holds a local minimum (or sits within a cell of one).
    let mut grid_minima = Vec::new();
    for row in 1..side - 1 {
        for column in 1..side - 1 {
            let centre = grid.values[row * side + column];
            let lower_than_neighbours = (-1_isize..=1).all(|d_row| {
                (-1_isize..=1).all(|d_column| {
                    let neighbour_row = (row as isize + d_row) as usize;
                    let neighbour_column = (column as isize + d_column) as usize;
                    (d_row, d_column) == (0, 0)
                        || centre < grid.values[neighbour_row * side + neighbour_column]
                })
            });
            if lower_than_neighbours {
                grid_minima.push([grid.x_at(column), grid.y_at(row)]);
            }
        }
    }
    let minima = surface.minima();
    assert!(minima.len() >= 3, "several local minima");
    assert_eq!(
        grid_minima.len(),
        minima.len(),
        "grid {grid_minima:?} listed {minima:?}"
    );
    for grid_minimum in &grid_minima {
        let nearest = minima
            .iter()
            .map(|m| (m[0] - grid_minimum[0]).hypot(m[1] - grid_minimum[1]))
            .fold(f64::INFINITY, f64::min);
        assert!(
            nearest <= 2.0 * spacing,
            "{grid_minimum:?} is not near a listed minimum"
        );
    }
    // One global minimum: clearly lower than every other.
    let values: Vec<f64> = minima.iter().map(|m| surface.value(m[0], m[1])).collect();
    for other in &values[1..] {
        assert!(values[0] < other - 0.1, "{values:?}");
    }
}

#[test]
fn every_name_parses_back_and_an_unknown_name_lists_the_known_ones() {
    for kind in SurfaceKind::ALL {
        assert_eq!(kind.name().parse::<SurfaceKind>(), Ok(kind));
        assert_eq!(kind.to_string(), kind.name());
    }
    let error = "banana".parse::<SurfaceKind>().expect_err("not a surface");
    let message = error.to_string();
    assert!(message.contains("banana"));
    for kind in SurfaceKind::ALL {
        assert!(message.contains(kind.name()), "{message}");
    }
    assert!("Bowl".parse::<SurfaceKind>().is_err(), "names are exact");
}

#[test]
fn a_boxed_surface_is_an_objective_of_dimension_two_with_its_hessian() {
    let surface = SurfaceKind::Rosenbrock.build();
    let objective: &dyn Objective = &surface;
    assert_eq!(objective.dimension(), 2);
    let point = [-0.7, 1.3];
    let mut gradient = [0.0; 2];
    let loss = objective.loss_and_gradient(&point, &mut gradient);
    assert_eq!(loss, surface.value(point[0], point[1]));
    assert_eq!(gradient, surface.gradient(point[0], point[1]));
    assert_eq!(objective.loss(&point), loss);
    let [[f_xx, f_xy], [f_yx, f_yy]] = Surface::hessian(&surface, point[0], point[1]);
    assert_eq!(
        objective.hessian(&point),
        Some(vec![f_xx, f_xy, f_yx, f_yy])
    );
}

#[test]
fn an_objective_call_with_the_wrong_length_gives_nan_instead_of_a_panic() {
    let surface = SurfaceKind::Bowl.build();
    let objective: &dyn Objective = &surface;
    let mut gradient = [0.0; 3];
    assert!(
        objective
            .loss_and_gradient(&[1.0, 2.0, 3.0], &mut gradient)
            .is_nan()
    );
    assert!(gradient.iter().all(|entry| entry.is_nan()));
    assert!(objective.loss(&[]).is_nan());
    assert_eq!(objective.hessian(&[1.0]), None);
}

#[test]
fn the_ravine_takes_its_condition_number_as_the_ratio_of_its_curvatures() {
    let ravine = Ravine::with_condition_number(100.0);
    assert_eq!(ravine.condition_number(), 100.0);
    let [[f_xx, _], [_, f_yy]] = Surface::hessian(&ravine, 0.3, -0.2);
    assert_eq!(f_yy / f_xx, 100.0);
    for unusable in [f64::NAN, f64::INFINITY, 0.5, -3.0] {
        assert_eq!(Ravine::with_condition_number(unusable), Ravine::default());
    }
}

#[test]
fn the_hinge_bowl_is_the_mean_of_its_terms_and_bottoms_out_at_a_kink() {
    let bowl = HingeBowl1d::default();
    let [x0, x1, x2] = bowl.points;
    let [w1, w2] = bowl.fixed_weights;
    // Each hinge that involves w0 switches where its argument is zero: w0 = w1 + 1/x0 and
    // w0 = w2 + 1/x0 (example 0), w0 = w1 - 1/x1 (example 1), w0 = w2 - 1/x2 (example 2).
    let mut expected_kinks = vec![w1 + 1.0 / x0, w2 + 1.0 / x0, w1 - 1.0 / x1, w2 - 1.0 / x2];
    expected_kinks.sort_by(f64::total_cmp);
    assert_eq!(bowl.kinks(), expected_kinks);

    let (w_min, w_max) = bowl.range();
    let n_samples = 6001;
    let mut lowest = [f64::NAN, f64::INFINITY];
    for sample_idx in 0..n_samples {
        let w0 = w_min + (w_max - w_min) * sample_idx as f64 / (n_samples - 1) as f64;
        let terms = bowl.terms(w0);
        assert!(terms.iter().all(|term| *term >= 0.0));
        assert!((bowl.value(w0) - terms.iter().sum::<f64>() / 3.0).abs() < 1e-15);
        if bowl.value(w0) < lowest[1] {
            lowest = [w0, bowl.value(w0)];
        }
    }
    let minimum = bowl.minimum().expect("the default example is a bowl");
    assert!(minimum[1] <= lowest[1] + 1e-12);
    assert!((minimum[0] - lowest[0]).abs() <= (w_max - w_min) / (n_samples - 1) as f64);

    // Between kinks the function is linear, so the slope equals a centered difference there.
    for pair in expected_kinks.windows(2) {
        let middle = 0.5 * (pair[0] + pair[1]);
        let numerical = (bowl.value(middle + 1e-4) - bowl.value(middle - 1e-4)) / 2e-4;
        assert!((bowl.slope(middle) - numerical).abs() < 1e-9);
    }
}

#[test]
fn a_hinge_example_without_kinks_or_without_a_bottom_has_no_minimum() {
    let flat = HingeBowl1d {
        points: [0.0; 3],
        fixed_weights: [0.5, -0.5],
    };
    assert!(flat.kinks().is_empty());
    assert_eq!(flat.minimum(), None);
    // With x0 = 0 and the other points negative, every hinge that involves w0 falls as w0 grows and
    // then stays at zero: the loss ends in a flat floor, not a bowl, so there is no single bottom.
    let falling = HingeBowl1d {
        points: [0.0, -1.0, -1.0],
        fixed_weights: [0.5, -0.5],
    };
    assert_eq!(falling.minimum(), None);
}
