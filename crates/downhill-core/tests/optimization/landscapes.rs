//! Landscapes: where each cell is sampled, the range of values, and the edges.

use downhill_core::landscape::{MAX_GRID_SIDE, Scale, sample, sample_log};
use downhill_core::surfaces::{Ravine, Rosenbrock, Surface, View};

#[test]
fn cells_are_sampled_at_their_centres_row_by_row_from_the_top() {
    let surface = Ravine::default();
    let view = View {
        x_min: -2.0,
        x_max: 2.0,
        y_min: -1.0,
        y_max: 2.0,
    };
    let landscape = sample(&surface, &view, 4, 3);
    assert_eq!((landscape.width, landscape.height), (4, 3));
    assert_eq!(landscape.values.len(), 12);
    // Columns are 1 wide, rows 1 high: centres at x = -1.5, -0.5, 0.5, 1.5 and y = 1.5, 0.5, -0.5.
    for (column, x) in [-1.5, -0.5, 0.5, 1.5].into_iter().enumerate() {
        assert_eq!(landscape.x_at(column), x);
        for (row, y) in [1.5, 0.5, -0.5].into_iter().enumerate() {
            assert_eq!(landscape.y_at(row), y);
            assert_eq!(landscape.values[row * 4 + column], surface.value(x, y));
            assert_eq!(landscape.value_at(column, row), Some(surface.value(x, y)));
        }
    }
    assert_eq!(landscape.value_at(4, 0), None);
    assert_eq!(landscape.value_at(0, 3), None);
    let lowest = landscape
        .values
        .iter()
        .copied()
        .fold(f64::INFINITY, f64::min);
    let highest = landscape
        .values
        .iter()
        .copied()
        .fold(f64::NEG_INFINITY, f64::max);
    assert_eq!((landscape.min, landscape.max), (lowest, highest));
    assert_eq!(landscape.scale, Scale::Linear);
}

#[test]
fn grid_sides_are_clamped_to_at_least_one_and_at_most_the_maximum() {
    let surface = Rosenbrock;
    let view = surface.view();
    let tiny = sample(&surface, &view, 0, 0);
    assert_eq!((tiny.width, tiny.height), (1, 1));
    let wide = sample(&surface, &view, usize::MAX, 1);
    assert_eq!((wide.width, wide.height), (MAX_GRID_SIDE, 1));
    assert_eq!(wide.values.len(), MAX_GRID_SIDE);
}

#[test]
fn a_view_that_is_not_a_rectangle_gives_an_empty_landscape() {
    let surface = Rosenbrock;
    let good = surface.view();
    let bad_views = [
        View {
            x_min: f64::NAN,
            ..good
        },
        View {
            x_max: f64::INFINITY,
            ..good
        },
        View {
            x_min: 1.0,
            x_max: 1.0,
            ..good
        },
        View {
            y_min: 3.0,
            y_max: -3.0,
            ..good
        },
    ];
    for view in bad_views {
        let landscape = sample(&surface, &view, 10, 10);
        assert_eq!((landscape.width, landscape.height), (0, 0), "{view:?}");
        assert!(landscape.values.is_empty());
        assert_eq!((landscape.min, landscape.max), (0.0, 0.0));
    }
}

#[test]
fn the_log_landscape_is_log_one_plus_the_height_above_the_lowest_cell() {
    let surface = Rosenbrock;
    let linear = sample(&surface, &surface.view(), 40, 30);
    let log = sample_log(&surface, &surface.view(), 40, 30);
    assert_eq!(log.scale, Scale::Log);
    for (linear_value, log_value) in linear.values.iter().zip(&log.values) {
        assert!((log_value - (linear_value - linear.min).ln_1p()).abs() < 1e-12);
    }
    assert_eq!(log.min, 0.0);
    assert!((log.max - (linear.max - linear.min).ln_1p()).abs() < 1e-12);
    // The log squeezes Rosenbrock's range of thousands into about 8.
    assert!(linear.max - linear.min > 1000.0 && log.max < 10.0);
}

#[test]
fn normalized_values_run_from_zero_at_the_lowest_cell_to_one_at_the_highest() {
    let surface = Ravine::default();
    let landscape = sample(&surface, &surface.view(), 20, 10);
    assert_eq!(landscape.normalized(landscape.min), Some(0.0));
    assert_eq!(landscape.normalized(landscape.max), Some(1.0));
    assert_eq!(landscape.normalized(f64::NAN), None);
}
