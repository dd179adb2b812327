//! The minibatch-noise demo's state without any DOM: the settings, and once the digits have loaded
//! the per-example gradients (`downhill_core::gradient_cloud`), the fixed view, and the cloud of each
//! batch size shown so far. A cloud is 100 means of rows of the per-example table, and each batch
//! size's cloud is kept, so moving back to a size costs nothing.

use super::settings::{MAX_LOG2_BATCH, MAX_SEED, NoiseSettings, log2_of};
use crate::demos::chart_demo::ChartModel;
use crate::format::format_number;
use crate::settings::DemoSettings;
use downhill_core::data::{DEFAULT_N_TEST, DEFAULT_N_VALIDATION, Digits, PreparedDigits};
use downhill_core::gradient_cloud::{GradientCloud, PerExampleGradients};
use downhill_core::rng::Rng;
use downhill_plots::minibatch_noise::{self as plot, CloudView, N_BATCHES};

/// The split of the digits the gradients are taken on.
const SPLIT_SEED: u64 = 0;

pub(crate) struct Loaded {
    pub(crate) per_example: PerExampleGradients,
    pub(crate) view: CloudView,
    /// The cloud of each batch size 2^k at the current seed, computed when first shown.
    clouds: Vec<Option<GradientCloud>>,
}

impl Loaded {
    pub(crate) fn new(per_example: PerExampleGradients, view: CloudView) -> Loaded {
        Loaded {
            per_example,
            view,
            clouds: vec![None; MAX_LOG2_BATCH as usize + 1],
        }
    }

    /// The cloud of `batch_size` (a power of two), computing it the first time.
    fn cloud(&mut self, batch_size: usize, seed: u64) -> &GradientCloud {
        let slot = log2_of(batch_size) as usize;
        let per_example = &self.per_example;
        self.clouds[slot].get_or_insert_with(|| {
            // Each batch size gets its own stream of batches from the seed, so a size's cloud is the
            // same whichever sizes were shown before it.
            let stream = plot::batch_stream(seed, batch_size);
            per_example.cloud(batch_size, N_BATCHES, &mut Rng::new(stream))
        })
    }
}

/// The per-example gradients of the demo's classifier on the training digits, and the view that
/// fits a batch of one.
pub(crate) fn prepare(digits: &Digits) -> Result<Loaded, String> {
    let prepared = PreparedDigits::new(digits, DEFAULT_N_VALIDATION, DEFAULT_N_TEST, SPLIT_SEED)
        .map_err(|error| format!("The digits could not be prepared: {error}"))?;
    let per_example = plot::demo_gradients(&prepared.train)
        .map_err(|error| format!("The gradients could not be computed: {error}"))?;
    let view = plot::view_for(
        per_example.single_points(),
        per_example.full_gradient_norm(),
    );
    Ok(Loaded::new(per_example, view))
}

pub(crate) struct Model {
    pub(crate) settings: NoiseSettings,
    loaded: Option<Loaded>,
}

impl Model {
    pub(crate) fn new(settings: NoiseSettings) -> Model {
        Model {
            settings,
            loaded: None,
        }
    }

    /// The digits' gradients arrived: the cloud on show is computed.
    pub(crate) fn load(&mut self, loaded: Loaded) {
        self.loaded = Some(loaded);
        self.recompute();
    }

    /// Makes sure the cloud on show exists.
    fn recompute(&mut self) {
        let NoiseSettings { batch_size, seed } = self.settings;
        if let Some(loaded) = self.loaded.as_mut() {
            loaded.cloud(batch_size, seed);
        }
    }

    /// The batch-size slider at `position` (a power of two).
    pub(crate) fn set_batch_at(&mut self, position: f64) {
        let log2 = position.round().clamp(0.0, MAX_LOG2_BATCH as f64) as u32;
        self.settings.batch_size = 1 << log2;
        self.recompute();
    }

    /// Other batches: every size's cloud belongs to the old seed now.
    pub(crate) fn new_batches(&mut self) {
        self.settings.seed = (self.settings.seed + 1) % (MAX_SEED as u64 + 1);
        if let Some(loaded) = self.loaded.as_mut() {
            loaded.clouds.iter_mut().for_each(|cloud| *cloud = None);
        }
        self.recompute();
    }

    /// The cloud on show, once the digits have loaded.
    pub(crate) fn current(&self) -> Option<(&Loaded, &GradientCloud)> {
        let loaded = self.loaded.as_ref()?;
        let cloud = loaded.clouds[log2_of(self.settings.batch_size) as usize].as_ref()?;
        Some((loaded, cloud))
    }

    /// The cloud's numbers in sentences, once there is a cloud.
    pub(crate) fn summary(&self) -> Option<String> {
        let (loaded, cloud) = self.current()?;
        let per_example = &loaded.per_example;
        Some(format!(
            "{} batches of {} examples. Typical angle to the full gradient: {}°. {} of {} point \
             uphill (more than 90° away). Expected distance from the full gradient (dashed circle): \
             {}, against its length {}.",
            cloud.points.len(),
            cloud.batch_size,
            per_example.typical_angle_degrees(cloud.batch_size).round(),
            cloud.n_uphill,
            cloud.points.len(),
            format_number(per_example.expected_distance(cloud.batch_size)),
            format_number(per_example.full_gradient_norm()),
        ))
    }
}

impl ChartModel for Model {
    fn link(&self) -> Vec<(String, String)> {
        self.settings.write()
    }

    /// The full gradient and the cloud on show (only the header before the digits load).
    fn csv(&self) -> String {
        let mut csv = String::from("batch,batch_size,along_full_gradient,rest_signed\n");
        if let Some((loaded, cloud)) = self.current() {
            csv.push_str(&format!(
                "full,{},{},0\n",
                loaded.per_example.n_examples(),
                loaded.per_example.full_gradient_norm()
            ));
            for (index, point) in cloud.points.iter().enumerate() {
                if point[0].is_finite() && point[1].is_finite() {
                    csv.push_str(&format!(
                        "{index},{},{},{}\n",
                        cloud.batch_size, point[0], point[1]
                    ));
                }
            }
        }
        csv
    }

    /// The cloud on show, or an empty picture before the digits load.
    fn svg(&self) -> String {
        match self.current() {
            Some((loaded, cloud)) => plot::cloud_svg(
                &cloud.points,
                loaded.per_example.full_gradient_norm(),
                loaded.per_example.expected_distance(cloud.batch_size),
                &loaded.view,
            ),
            None => plot::cloud_svg(&[], 0.0, 0.0, &plot::view_for(&[], 0.0)),
        }
    }

    fn file_stem(&self) -> String {
        format!("minibatch-noise-batch-{}", self.settings.batch_size)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use downhill_core::data::Dataset;

    /// Twelve examples of three features (the last a constant) and three classes.
    fn small_train() -> Dataset {
        let mut features = Vec::new();
        let mut labels = Vec::new();
        for example_idx in 0..12 {
            let x = example_idx as f64 / 12.0;
            features.extend([x, 1.0 - x * x, 1.0]);
            labels.push(example_idx % 3);
        }
        Dataset::new(features, labels, 3, 3).unwrap()
    }

    fn loaded_model(batch_size: usize) -> Model {
        let per_example = plot::demo_gradients(&small_train()).unwrap();
        let view = plot::view_for(
            per_example.single_points(),
            per_example.full_gradient_norm(),
        );
        let mut model = Model::new(NoiseSettings {
            batch_size,
            seed: 1,
        });
        assert!(model.current().is_none() && model.summary().is_none());
        assert_eq!(model.csv().lines().count(), 1);
        let empty = model.svg();
        assert!(empty.starts_with("<svg"));
        model.load(Loaded::new(per_example, view));
        assert_ne!(model.svg(), empty);
        assert_eq!(
            model.file_stem(),
            format!("minibatch-noise-batch-{batch_size}")
        );
        model
    }

    #[test]
    fn the_cloud_on_show_has_a_dot_per_batch_and_a_csv_line_each() {
        let model = loaded_model(4);
        let (_, cloud) = model.current().unwrap();
        assert_eq!(cloud.points.len(), N_BATCHES);
        assert_eq!(cloud.batch_size, 4);
        let summary = model.summary().unwrap();
        assert!(
            summary.starts_with("100 batches of 4 examples."),
            "{summary}"
        );
        let csv = model.csv();
        assert!(csv.lines().nth(1).unwrap().starts_with("full,12,"));
        assert_eq!(csv.lines().count(), 2 + N_BATCHES);
    }

    #[test]
    fn a_size_shown_again_is_the_same_cloud_and_new_batches_change_it() {
        let mut model = loaded_model(2);
        let first = model.current().unwrap().1.points.clone();
        model.set_batch_at(3.4);
        assert_eq!(model.settings.batch_size, 8);
        model.set_batch_at(1.0);
        assert_eq!(model.current().unwrap().1.points, first);
        model.new_batches();
        assert_eq!(model.settings.seed, 2);
        assert_ne!(model.current().unwrap().1.points, first);
        model.set_batch_at(f64::INFINITY);
        assert_eq!(model.settings.batch_size, 1 << MAX_LOG2_BATCH);
    }

    #[test]
    fn prepare_takes_the_gradients_on_the_training_split_or_says_why_not() {
        let n_digits = DEFAULT_N_VALIDATION + DEFAULT_N_TEST + 20;
        let pixels = (0..n_digits * 64)
            .map(|index| ((index * 7 + index / 64) % 17) as u8)
            .collect();
        let labels = (0..n_digits).map(|index| index % 10).collect();
        let digits = Digits::new(pixels, labels).unwrap();
        let loaded = prepare(&digits).unwrap();
        assert_eq!(loaded.per_example.n_examples(), 20);
        assert!(loaded.per_example.full_gradient_norm() > 0.0);
        let too_few = Digits::new(vec![0; 64], vec![3]).unwrap();
        let problem = prepare(&too_few).err().unwrap();
        assert!(
            problem.starts_with("The digits could not be prepared"),
            "{problem}"
        );
    }

    #[test]
    fn the_seed_wraps_within_what_a_link_may_carry() {
        let mut model = Model::new(NoiseSettings {
            batch_size: 1,
            seed: MAX_SEED as u64,
        });
        model.new_batches();
        assert_eq!(model.settings.seed, 0);
        assert!(model.current().is_none());
    }
}
