//! The cloud of minibatch gradients around the full gradient, drawn so that angles and distances are
//! the true ones: what the minibatch lesson's demo shows while its reader moves the batch size.
//!
//! A minibatch gradient of a linear classifier's loss is exactly the mean of the per-example gradients
//! of the examples in the batch (the data loss is an average, and each per-example loss carries the
//! same regularization term). So the per-example gradients are computed once, and a batch's gradient
//! is the mean of its rows of that table: no loss is evaluated again while the slider moves.
//!
//! Each batch gradient g_B becomes one point of a plane: across, its component along the full
//! gradient g (the dot product with g's unit vector); up, the length of everything else, the part of
//! g_B orthogonal to g in all the other dimensions, signed by the side it falls on along the
//! direction in which single examples' gradients spread most. A point's angle to the horizontal axis
//! is then exactly the angle between g_B and g, and its distance to the point (|g|, 0) exactly
//! |g_B - g|: the picture does not flatter the noise, as a projection onto two directions would when
//! most of it lies in the other 648.

use crate::classifiers::LossKind;
use crate::data::{Dataset, LengthMismatch};
use crate::objective::Objective;
use crate::rng::Rng;

/// Power-iteration rounds for the "across" direction: enough to settle on the leading direction of
/// the spread for a picture; it need not be exact, only fixed.
const POWER_ITERATIONS: usize = 25;

/// The per-example gradients of a loss at fixed weights, and the plane the demo draws in.
#[derive(Clone, Debug, PartialEq)]
pub struct PerExampleGradients {
    /// The gradient on all the data.
    full_gradient: Vec<f64>,
    /// Unit vector along the full gradient.
    along: Vec<f64>,
    /// Unit vector orthogonal to `along`, in the direction single-example gradients spread most.
    across: Vec<f64>,
    /// Every example's gradient, one row of `dimension` numbers after another.
    gradients: Vec<f64>,
    dimension: usize,
    /// Each example's gradient as a point of the plane (see the module's documentation).
    single_points: Vec<[f64; 2]>,
    /// Mean squared distance of one example's gradient from the full gradient (in all dimensions).
    mean_squared_deviation: f64,
}

/// A cloud of minibatch gradients in the plane of [`PerExampleGradients`].
#[derive(Clone, Debug, PartialEq)]
pub struct GradientCloud {
    /// Examples per batch (at most the number of examples).
    pub batch_size: usize,
    /// Each batch's gradient as a point `[along, signed rest]` (see the module's documentation); the
    /// full gradient is at `[norm, 0]`.
    pub points: Vec<[f64; 2]>,
    /// How many batch gradients point uphill: more than 90 degrees away from the full gradient, so a
    /// step against them raises the full loss to first order. Exact, because the along coordinate is
    /// the full-dimensional dot product with the unit full gradient.
    pub n_uphill: usize,
    /// Root mean squared distance of the batch gradients from the full gradient, in all dimensions
    /// (equal to the distance of the points from `[norm, 0]`).
    pub rms_distance: f64,
}

impl PerExampleGradients {
    /// Computes every example's gradient of `loss_kind` on `data` at `weights`, and the plane.
    pub fn new(
        loss_kind: LossKind,
        data: &Dataset,
        reg: f64,
        weights: &[f64],
    ) -> Result<PerExampleGradients, LengthMismatch> {
        crate::classifiers::linear::check_weights(data, weights)?;
        let dimension = weights.len();
        let n_examples = data.len();
        let mut gradients = vec![0.0; n_examples * dimension];
        for example_idx in 0..n_examples {
            let one_example = data.subset(&[example_idx]);
            loss_kind.on(&one_example, reg).loss_and_gradient(
                weights,
                &mut gradients[example_idx * dimension..(example_idx + 1) * dimension],
            );
        }
        let mut full_gradient = vec![0.0; dimension];
        for row in gradients.chunks_exact(dimension.max(1)) {
            for (total, value) in full_gradient.iter_mut().zip(row) {
                *total += value;
            }
        }
        let scale = 1.0 / n_examples.max(1) as f64;
        full_gradient.iter_mut().for_each(|value| *value *= scale);

        let deviations: Vec<f64> = gradients
            .chunks_exact(dimension.max(1))
            .flat_map(|row| row.iter().zip(&full_gradient).map(|(g, mean)| g - mean))
            .collect();
        let mean_squared_deviation =
            deviations.iter().map(|value| value * value).sum::<f64>() * scale;

        let along = unit_or_first_axis(&full_gradient);
        let across = leading_spread_direction(&deviations, dimension, &along);
        let single_points = gradients
            .chunks_exact(dimension.max(1))
            .map(|row| plane_point(row, &along, &across))
            .collect();
        Ok(PerExampleGradients {
            full_gradient,
            along,
            across,
            gradients,
            dimension,
            single_points,
            mean_squared_deviation,
        })
    }

    pub fn n_examples(&self) -> usize {
        self.single_points.len()
    }

    pub fn full_gradient(&self) -> &[f64] {
        &self.full_gradient
    }

    /// The length of the full gradient: its position on the along axis.
    pub fn full_gradient_norm(&self) -> f64 {
        dot(&self.full_gradient, &self.full_gradient).sqrt()
    }

    /// The unit vectors of the plane, along and across.
    pub fn axes(&self) -> (&[f64], &[f64]) {
        (&self.along, &self.across)
    }

    /// Single examples' gradients as points of the plane: the cloud of every batch of one.
    pub fn single_points(&self) -> &[[f64; 2]] {
        &self.single_points
    }

    /// The expected distance (root mean square, in all dimensions) of a batch gradient from the full
    /// gradient, for batches drawn without replacement: sigma / sqrt(B) * sqrt((N - B) / (N - 1)),
    /// with sigma^2 the mean squared distance of one example's gradient. The 1/sqrt(B) is the
    /// lesson's "variance falls as 1/B"; the second factor reaches 0 when the batch is all the data.
    pub fn expected_distance(&self, batch_size: usize) -> f64 {
        let n_examples = self.n_examples();
        let batch_size = batch_size.clamp(1, n_examples.max(1));
        if n_examples <= 1 {
            return 0.0;
        }
        let finite_population = (n_examples - batch_size) as f64 / (n_examples - 1) as f64;
        (self.mean_squared_deviation / batch_size as f64 * finite_population).sqrt()
    }

    /// The typical angle, in degrees, between a batch gradient and the full gradient, in all
    /// dimensions: a batch gradient is on average the full gradient g plus an error of expected
    /// squared length d^2 ([`Self::expected_distance`]) that is uncorrelated with g on average, so its
    /// root-mean-square angle to g is about atan(d / |g|). 0 for a batch of all the data; near 90 when
    /// the noise dwarfs the gradient.
    pub fn typical_angle_degrees(&self, batch_size: usize) -> f64 {
        let distance = self.expected_distance(batch_size);
        let length = self.full_gradient_norm();
        if length > 0.0 && length.is_finite() && distance.is_finite() {
            distance.atan2(length).to_degrees()
        } else {
            90.0
        }
    }

    /// `n_batches` random minibatches of `batch_size` distinct examples (as
    /// [`crate::minibatch::sample_minibatch`] draws them), each batch's gradient as a point of the
    /// plane. Costs `n_batches * batch_size * dimension` additions.
    pub fn cloud(&self, batch_size: usize, n_batches: usize, rng: &mut Rng) -> GradientCloud {
        let n_examples = self.n_examples();
        let batch_size = batch_size.clamp(1, n_examples.max(1));
        let full = [self.full_gradient_norm(), 0.0];
        let dimension = self.dimension;
        let mut points = Vec::with_capacity(n_batches);
        let mut batch_gradient = vec![0.0; dimension];
        if n_examples > 0 && dimension > 0 {
            for _ in 0..n_batches {
                batch_gradient.iter_mut().for_each(|value| *value = 0.0);
                for example_idx in rng.choose_k(n_examples, batch_size) {
                    let row =
                        &self.gradients[example_idx * dimension..(example_idx + 1) * dimension];
                    for (total, value) in batch_gradient.iter_mut().zip(row) {
                        *total += value;
                    }
                }
                let scale = 1.0 / batch_size as f64;
                batch_gradient.iter_mut().for_each(|value| *value *= scale);
                points.push(plane_point(&batch_gradient, &self.along, &self.across));
            }
        }
        let n_uphill = points.iter().filter(|point| point[0] < 0.0).count();
        let rms_distance = if points.is_empty() {
            0.0
        } else {
            (points
                .iter()
                .map(|point| (point[0] - full[0]).powi(2) + (point[1] - full[1]).powi(2))
                .sum::<f64>()
                / points.len() as f64)
                .sqrt()
        };
        GradientCloud {
            batch_size,
            points,
            n_uphill,
            rms_distance,
        }
    }
}

/// `gradient` as a point of the plane: its component along the unit vector `along`, and the length
/// of the rest, signed by its component along `across`.
fn plane_point(gradient: &[f64], along: &[f64], across: &[f64]) -> [f64; 2] {
    let along_part = dot(gradient, along);
    let rest_squared = (dot(gradient, gradient) - along_part * along_part).max(0.0);
    let side = if dot(gradient, across) < 0.0 {
        -1.0
    } else {
        1.0
    };
    [along_part, side * rest_squared.sqrt()]
}

fn dot(left: &[f64], right: &[f64]) -> f64 {
    left.iter().zip(right).map(|(a, b)| a * b).sum()
}

fn norm(vector: &[f64]) -> f64 {
    dot(vector, vector).sqrt()
}

/// `vector` scaled to length 1, or the first axis when it is zero (a plane still needs an axis).
fn unit_or_first_axis(vector: &[f64]) -> Vec<f64> {
    let length = norm(vector);
    if length > 0.0 && length.is_finite() {
        vector.iter().map(|value| value / length).collect()
    } else {
        let mut axis = vec![0.0; vector.len()];
        if let Some(first) = axis.first_mut() {
            *first = 1.0;
        }
        axis
    }
}

/// Removes from `vector` its component along the unit vector `unit`.
fn remove_component(vector: &mut [f64], unit: &[f64]) {
    let along = dot(vector, unit);
    for (value, direction) in vector.iter_mut().zip(unit) {
        *value -= along * direction;
    }
}

/// The leading eigenvector of the deviations' scatter matrix, kept orthogonal to `along`, by power
/// iteration from a fixed start (so the same data always gives the same picture).
fn leading_spread_direction(deviations: &[f64], dimension: usize, along: &[f64]) -> Vec<f64> {
    if dimension == 0 {
        return Vec::new();
    }
    // A start with every coordinate non-zero and different, so it is not orthogonal to the answer
    // except by a coincidence of measure zero.
    let mut direction: Vec<f64> = (0..dimension)
        .map(|idx| 1.0 + (idx as f64 * 0.618_033_988_75).fract())
        .collect();
    remove_component(&mut direction, along);
    for _ in 0..POWER_ITERATIONS {
        let mut next = vec![0.0; dimension];
        for row in deviations.chunks_exact(dimension) {
            let weight = dot(row, &direction);
            for (total, value) in next.iter_mut().zip(row) {
                *total += weight * value;
            }
        }
        remove_component(&mut next, along);
        let length = norm(&next);
        if !(length > 0.0 && length.is_finite()) {
            break;
        }
        direction = next.iter().map(|value| value / length).collect();
    }
    let length = norm(&direction);
    if length > 0.0 && length.is_finite() {
        direction.iter().map(|value| value / length).collect()
    } else {
        // Every deviation lies along the full gradient: any orthogonal axis will do.
        let mut axis = vec![0.0; dimension];
        let spot = along
            .iter()
            .enumerate()
            .min_by(|left, right| left.1.abs().total_cmp(&right.1.abs()))
            .map(|(idx, _)| idx)
            .unwrap_or(0);
        axis[spot] = 1.0;
        remove_component(&mut axis, along);
        unit_or_first_axis(&axis)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::minibatch::minibatch_gradients;

    /// 60 examples of 3 features and 3 classes, labels tied loosely to the features.
    fn small_data() -> Dataset {
        let mut rng = Rng::new(3);
        let n_rows = 60;
        let features = rng.normal_vec(n_rows * 3, 1.0);
        let labels = (0..n_rows)
            .map(|row| {
                let row_features = &features[row * 3..row * 3 + 3];
                (0..3)
                    .max_by(|&a, &b| row_features[a].total_cmp(&row_features[b]))
                    .unwrap_or(0)
            })
            .collect();
        Dataset::new(features, labels, 3, 3).unwrap()
    }

    fn weights() -> Vec<f64> {
        Rng::new(9).normal_vec(9, 0.1)
    }

    #[test]
    fn the_axes_are_orthonormal_and_the_first_follows_the_full_gradient() {
        let data = small_data();
        let cloud = PerExampleGradients::new(LossKind::Softmax, &data, 0.01, &weights()).unwrap();
        let (along, across) = cloud.axes();
        assert!((norm(along) - 1.0).abs() < 1e-12);
        assert!((norm(across) - 1.0).abs() < 1e-12);
        assert!(dot(along, across).abs() < 1e-12);
        let mut full = vec![0.0; 9];
        LossKind::Softmax
            .on(&data, 0.01)
            .loss_and_gradient(&weights(), &mut full);
        for (mine, theirs) in cloud.full_gradient().iter().zip(&full) {
            assert!((mine - theirs).abs() < 1e-12, "{mine} vs {theirs}");
        }
        assert!((dot(&full, along) - cloud.full_gradient_norm()).abs() < 1e-12);
    }

    #[test]
    fn a_cloud_point_keeps_the_true_angle_and_distance_of_the_real_minibatch_gradient() {
        // The same seed draws the same batches in both, so each point must describe the gradient
        // that minibatch_gradients computes from scratch: its component along the full gradient, and
        // the length of the rest.
        let data = small_data();
        let per_example = PerExampleGradients::new(LossKind::Svm, &data, 0.05, &weights()).unwrap();
        let cloud = per_example.cloud(7, 5, &mut Rng::new(21));
        let direct = minibatch_gradients(
            LossKind::Svm,
            &data,
            0.05,
            &weights(),
            7,
            5,
            &mut Rng::new(21),
        )
        .unwrap();
        let (along, across) = per_example.axes();
        let full = per_example.full_gradient();
        for (point, gradient) in cloud.points.iter().zip(&direct) {
            assert!((point[0] - dot(gradient, along)).abs() < 1e-12);
            let rest: Vec<f64> = gradient
                .iter()
                .zip(along)
                .map(|(value, unit)| value - point[0] * unit)
                .collect();
            assert!((point[1].abs() - norm(&rest)).abs() < 1e-9);
            assert_eq!(point[1] < 0.0, dot(gradient, across) < 0.0);
            let distance: f64 = gradient
                .iter()
                .zip(full)
                .map(|(g, f)| (g - f).powi(2))
                .sum::<f64>()
                .sqrt();
            let in_picture = (point[0] - per_example.full_gradient_norm()).hypot(point[1]);
            assert!(
                (distance - in_picture).abs() < 1e-9,
                "{distance} vs {in_picture}"
            );
        }
        assert_eq!(cloud.points.len(), 5);
    }

    #[test]
    fn bigger_batches_give_a_tighter_cloud_and_all_the_data_gives_one_point() {
        let data = small_data();
        let per_example =
            PerExampleGradients::new(LossKind::Softmax, &data, 0.0, &weights()).unwrap();
        let spread_one = per_example.cloud(1, 400, &mut Rng::new(1));
        let spread_sixteen = per_example.cloud(16, 400, &mut Rng::new(1));
        assert!(
            spread_sixteen.rms_distance < 0.5 * spread_one.rms_distance,
            "{} vs {}",
            spread_sixteen.rms_distance,
            spread_one.rms_distance
        );
        let everything = per_example.cloud(1000, 3, &mut Rng::new(1));
        assert_eq!(everything.batch_size, 60);
        assert!(everything.rms_distance < 1e-12);
        assert_eq!(per_example.expected_distance(60), 0.0);
        assert_eq!(per_example.typical_angle_degrees(60), 0.0);
        let wide = per_example.typical_angle_degrees(1);
        assert!(
            wide > per_example.typical_angle_degrees(8) && wide < 90.0,
            "{wide}"
        );
        assert!(per_example.expected_distance(1) > per_example.expected_distance(4));
    }

    #[test]
    fn the_expected_distance_matches_sampled_batches() {
        // Mean squared distance over 3,000 batches of 5, in all dimensions, against the formula;
        // the sampling error of a mean of 3,000 is a few percent.
        let data = small_data();
        let per_example =
            PerExampleGradients::new(LossKind::Softmax, &data, 0.0, &weights()).unwrap();
        let gradients = minibatch_gradients(
            LossKind::Softmax,
            &data,
            0.0,
            &weights(),
            5,
            3000,
            &mut Rng::new(5),
        )
        .unwrap();
        let full = per_example.full_gradient();
        let mean_squared = gradients
            .iter()
            .map(|gradient| {
                gradient
                    .iter()
                    .zip(full)
                    .map(|(g, f)| (g - f).powi(2))
                    .sum::<f64>()
            })
            .sum::<f64>()
            / 3000.0;
        let expected = per_example.expected_distance(5);
        let ratio = mean_squared.sqrt() / expected;
        assert!((0.95..1.05).contains(&ratio), "ratio {ratio}");
    }

    #[test]
    fn degenerate_inputs_give_no_panic_and_no_nan() {
        let data = small_data();
        assert!(PerExampleGradients::new(LossKind::Softmax, &data, 0.0, &[0.0; 4]).is_err());
        let empty = Dataset::new(Vec::new(), Vec::new(), 3, 3).unwrap();
        let per_example =
            PerExampleGradients::new(LossKind::Softmax, &empty, 0.0, &[0.0; 9]).unwrap();
        let cloud = per_example.cloud(4, 10, &mut Rng::new(1));
        assert!(cloud.points.is_empty());
        assert_eq!(per_example.expected_distance(4), 0.0);
        let (along, across) = per_example.axes();
        assert!(along.iter().chain(across).all(|value| value.is_finite()));
    }
}
