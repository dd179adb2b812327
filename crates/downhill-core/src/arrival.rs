//! When a path reaches a minimum: the race's "who gets there first".
//!
//! Arrival is measured as distance to the nearest known minimum, not as a small gradient, because a
//! small gradient also happens at a saddle point, which is exactly where a race should not count as
//! finished.

/// The first index at which `points` comes within `tolerance` (Euclidean distance) of any of
/// `minima`, or `None` when it never does (or there are no minima, or the tolerance is not a positive
/// finite number). Non-finite points never count as arrived.
pub fn first_arrival(points: &[[f64; 2]], minima: &[[f64; 2]], tolerance: f64) -> Option<usize> {
    if !(tolerance.is_finite() && tolerance > 0.0) {
        return None;
    }
    points.iter().position(|point| {
        minima.iter().any(|minimum| {
            let distance = (point[0] - minimum[0]).hypot(point[1] - minimum[1]);
            distance.is_finite() && distance <= tolerance
        })
    })
}

#[cfg(test)]
mod tests {
    use super::first_arrival;

    #[test]
    fn the_first_point_within_the_tolerance_of_any_minimum_counts() {
        let points = [[3.0, 0.0], [2.0, 0.0], [1.05, 0.0], [1.0, 0.0]];
        let minima = [[1.0, 0.0], [-5.0, -5.0]];
        assert_eq!(first_arrival(&points, &minima, 0.1), Some(2));
        assert_eq!(first_arrival(&points, &minima, 0.01), Some(3));
        assert_eq!(first_arrival(&points, &minima, 1.5), Some(1));
    }

    #[test]
    fn no_minimum_or_no_sensible_tolerance_means_no_arrival() {
        let points = [[0.0, 0.0]];
        assert_eq!(first_arrival(&points, &[], 1.0), None);
        assert_eq!(first_arrival(&points, &[[0.0, 0.0]], 0.0), None);
        assert_eq!(first_arrival(&points, &[[0.0, 0.0]], f64::NAN), None);
        assert_eq!(
            first_arrival(&[[f64::NAN, 0.0]], &[[0.0, 0.0]], f64::INFINITY),
            None
        );
    }
}
