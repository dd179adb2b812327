//! The gradient check as a workbench: pick a function, a step h and a precision, plant a bug in the
//! analytic gradient, and read the forward and centered differences of a few parameters next to it.
//!
//! This is what the interactive gradient-check table of the lesson on gradient checks computes. The
//! functions are the ones the lesson talks about: smooth 2-D surfaces, the SVM and softmax losses on
//! a handful of digits, and the ReLU next to its kink. Each can be evaluated in f64 or in f32, so the
//! single-precision trap can be seen, and each row says whether a max(0, .) switched sides between
//! the loss evaluations (a crossed kink).
//!
//! The planted bugs are the classic slips: the 1/N of the mean data loss dropped from the gradient,
//! the sign of the data gradient flipped, and the regularization gradient left out. The loss itself
//! always stays right, as it would in real code: only the analytic gradient is wrong.

use super::check::relative_error;
use super::check::{ErrorBand, Kinks, RELU_KINK_POINT, ReluSum, SinglePrecisionLoss};
use crate::classifiers::{ClassifierLoss, LossKind, linear};
use crate::data::Dataset;
use crate::objective::Objective;
use crate::rng::Rng;
use crate::surfaces::{Beale, Himmelblau, Rosenbrock, Surface};
use std::fmt;
use std::str::FromStr;

/// The functions a gradient check can be run on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CheckFunction {
    Rosenbrock,
    Beale,
    Himmelblau,
    Svm,
    Softmax,
    Relu,
}

impl CheckFunction {
    /// Every function, in the order a menu lists them.
    pub const ALL: [CheckFunction; 6] = [
        CheckFunction::Softmax,
        CheckFunction::Svm,
        CheckFunction::Relu,
        CheckFunction::Rosenbrock,
        CheckFunction::Beale,
        CheckFunction::Himmelblau,
    ];

    /// The name used in links and settings.
    pub fn name(self) -> &'static str {
        match self {
            CheckFunction::Rosenbrock => "rosenbrock",
            CheckFunction::Beale => "beale",
            CheckFunction::Himmelblau => "himmelblau",
            CheckFunction::Svm => "svm",
            CheckFunction::Softmax => "softmax",
            CheckFunction::Relu => "relu",
        }
    }

    /// A name for people.
    pub fn label(self) -> &'static str {
        match self {
            CheckFunction::Rosenbrock => "Rosenbrock surface",
            CheckFunction::Beale => "Beale surface",
            CheckFunction::Himmelblau => "Himmelblau surface",
            CheckFunction::Svm => "SVM loss on digits",
            CheckFunction::Softmax => "Softmax loss on digits",
            CheckFunction::Relu => "ReLU next to its kink",
        }
    }

    /// Whether the function is a classifier loss on the digits (it needs the data, has a mean over N
    /// examples and a regularization term).
    pub fn uses_digits(self) -> bool {
        matches!(self, CheckFunction::Svm | CheckFunction::Softmax)
    }

    /// Whether the function has kinks, so that a crossed kink can explain a large error.
    pub fn has_kinks(self) -> bool {
        matches!(self, CheckFunction::Svm | CheckFunction::Relu)
    }

    fn loss_kind(self) -> Option<LossKind> {
        match self {
            CheckFunction::Svm => Some(LossKind::Svm),
            CheckFunction::Softmax => Some(LossKind::Softmax),
            _ => None,
        }
    }
}

impl fmt::Display for CheckFunction {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.name())
    }
}

impl FromStr for CheckFunction {
    type Err = String;

    fn from_str(text: &str) -> Result<CheckFunction, String> {
        CheckFunction::ALL
            .into_iter()
            .find(|function| function.name() == text)
            .ok_or_else(|| format!("unknown function “{text}”"))
    }
}

/// Mistakes to plant in the analytic gradient. The loss is never touched.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PlantedBugs {
    /// The data gradient is summed over the N examples instead of averaged: it is N times too large.
    pub dropped_mean: bool,
    /// The data gradient is subtracted instead of added.
    pub flipped_sign: bool,
    /// The gradient of the L2 penalty, reg * W, is missing.
    pub no_regularization: bool,
}

impl PlantedBugs {
    /// Whether any bug is planted.
    pub fn any(&self) -> bool {
        self.dropped_mean || self.flipped_sign || self.no_regularization
    }
}

/// The arithmetic the losses are evaluated in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    Double,
    Single,
}

impl Precision {
    pub fn name(self) -> &'static str {
        match self {
            Precision::Double => "f64",
            Precision::Single => "f32",
        }
    }
}

impl FromStr for Precision {
    type Err = String;

    fn from_str(text: &str) -> Result<Precision, String> {
        match text {
            "f64" | "double" => Ok(Precision::Double),
            "f32" | "single" => Ok(Precision::Single),
            _ => Err(format!("unknown precision “{text}”")),
        }
    }
}

/// How many parameters of a classifier the table checks: some pixel weights and some biases, because
/// a check should cover every kind of parameter (the lesson's last section).
pub const CLASSIFIER_WEIGHT_ROWS: usize = 6;
/// See [`CLASSIFIER_WEIGHT_ROWS`].
pub const CLASSIFIER_BIAS_ROWS: usize = 2;

/// The scale of the random weights a classifier is checked at: large enough that some SVM margins
/// are violated and some are not (the "characteristic" regime rather than the all-active one of tiny
/// weights).
pub const CLASSIFIER_WEIGHT_SCALE: f64 = 0.5;

/// The ReLU's checked point: one coordinate just left of the kink as in the lesson, one close to it on
/// the right, two far from it.
pub const RELU_POINT: [f64; 4] = [RELU_KINK_POINT, 1e-3, 0.5, -2.0];

/// The most digits a check may use: the lesson's advice is a few, and each costs time in every loss.
pub const MAX_EXAMPLES: usize = 20;

/// The step h the lesson checks with, and the demo's first: the centered difference's truncation
/// error (of order h²) and its rounding error in f64 (of order 1e-16 / h) are then both far below the
/// "good" band on the lesson's functions.
pub const LESSON_STEP: f64 = 1e-5;

/// One function at one point, ready to be checked.
#[derive(Clone, Debug)]
pub struct Workbench {
    function: CheckFunction,
    /// The examples of a classifier loss (empty for the other functions).
    data: Option<Dataset>,
    reg: f64,
    point: Vec<f64>,
    coordinates: Vec<usize>,
}

/// One row of the table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WorkbenchRow {
    /// Which parameter.
    pub index: usize,
    /// The analytic derivative, with whatever bug is planted.
    pub analytic: f64,
    /// (f(x + h) - f(x)) / h.
    pub forward: f64,
    /// (f(x + h) - f(x - h)) / (2h).
    pub centered: f64,
    pub forward_error: f64,
    pub centered_error: f64,
    /// Whether a max(0, .) switched sides between any two of f(x - h), f(x), f(x + h).
    pub kink_crossed: bool,
}

impl WorkbenchRow {
    pub fn forward_band(&self) -> ErrorBand {
        ErrorBand::of(self.forward_error)
    }

    pub fn centered_band(&self) -> ErrorBand {
        ErrorBand::of(self.centered_error)
    }
}

/// The relative errors of both differences at one step h, for the plot against h.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ErrorAtStep {
    pub h: f64,
    pub forward_error: f64,
    pub centered_error: f64,
}

impl Workbench {
    /// A surface or the ReLU; `seed` 0 gives the function's usual point, other seeds a random one.
    /// Classifier losses need data: use [`Workbench::classifier`].
    pub fn new(function: CheckFunction, seed: u64) -> Result<Workbench, String> {
        let point = match function {
            CheckFunction::Svm | CheckFunction::Softmax => {
                return Err(format!("the {} needs the digits data", function.label()));
            }
            CheckFunction::Relu => {
                if seed == 0 {
                    RELU_POINT.to_vec()
                } else {
                    // Random points near the kink, where the check has something to show.
                    let mut rng = Rng::new(seed);
                    (0..RELU_POINT.len())
                        .map(|_| rng.uniform_in(-1e-3, 1e-3))
                        .collect()
                }
            }
            surface => {
                let view = surface_of(surface).map(|surface| surface.view());
                match (seed, view) {
                    (0, _) | (_, None) => usual_point(surface).to_vec(),
                    (_, Some(view)) => {
                        let mut rng = Rng::new(seed);
                        vec![
                            rng.uniform_in(view.x_min, view.x_max),
                            rng.uniform_in(view.y_min, view.y_max),
                        ]
                    }
                }
            }
        };
        let coordinates = (0..point.len()).collect();
        Ok(Workbench {
            function,
            data: None,
            reg: 0.0,
            point,
            coordinates,
        })
    }

    /// The SVM or softmax loss on `n_examples` rows of `train` drawn with `seed` (at least 1, at most
    /// [`MAX_EXAMPLES`]), with regularization `reg`, at random weights drawn with the same seed.
    pub fn classifier(
        function: CheckFunction,
        train: &Dataset,
        n_examples: usize,
        reg: f64,
        seed: u64,
    ) -> Result<Workbench, String> {
        if !function.uses_digits() {
            return Workbench::new(function, seed);
        }
        if train.is_empty() {
            return Err("there are no digits to check on".to_string());
        }
        if !(reg.is_finite() && reg >= 0.0) {
            return Err(format!("the regularization must be 0 or more, got {reg}"));
        }
        let n_examples = n_examples.clamp(1, MAX_EXAMPLES);
        let mut rng = Rng::new(seed);
        let rows = rng.choose_k(train.len(), n_examples);
        let data = train.subset(&rows);
        let point = rng.normal_vec(data.n_weights(), CLASSIFIER_WEIGHT_SCALE);
        let n_features = data.n_features();
        let n_classes = data.n_classes();
        // Pixel weights of distinct classes, then the biases (the last column of W) of classes drawn
        // again: every kind of parameter gets rows.
        let mut coordinates = Vec::new();
        let n_pixels = n_features.saturating_sub(1).max(1);
        for class in rng.choose_k(n_classes, CLASSIFIER_WEIGHT_ROWS) {
            coordinates.push(class * n_features + rng.below(n_pixels));
        }
        for class in rng.choose_k(n_classes, CLASSIFIER_BIAS_ROWS) {
            coordinates.push(class * n_features + n_features - 1);
        }
        Ok(Workbench {
            function,
            data: Some(data),
            reg,
            point,
            coordinates,
        })
    }

    pub fn function(&self) -> CheckFunction {
        self.function
    }

    /// The parameters the table shows, one row each.
    pub fn coordinates(&self) -> &[usize] {
        &self.coordinates
    }

    pub fn point(&self) -> &[f64] {
        &self.point
    }

    /// How many examples a classifier loss averages over (1 for the other functions).
    pub fn n_examples(&self) -> usize {
        self.data.as_ref().map_or(1, Dataset::len)
    }

    pub fn reg(&self) -> f64 {
        self.reg
    }

    /// A short name for parameter `index`: `W[3, 17]` and `b[3]` for a classifier, `x`, `y` for a
    /// surface, `x[0]` for the ReLU.
    pub fn parameter_name(&self, index: usize) -> String {
        match (&self.data, self.function) {
            (Some(data), _) => {
                let n_features = data.n_features();
                let (class, feature) = (index / n_features, index % n_features);
                if feature + 1 == n_features {
                    format!("b[{class}]")
                } else {
                    format!("W[{class}, {feature}]")
                }
            }
            (None, CheckFunction::Relu) => format!("x[{index}]"),
            (None, _) => ["x", "y"].get(index).unwrap_or(&"?").to_string(),
        }
    }

    /// Which planted bugs can change anything for this function: a surface and the ReLU have no
    /// mean over examples and no regularization, so only the flipped sign applies to them.
    pub fn applicable(&self, bugs: PlantedBugs) -> PlantedBugs {
        let classifier = self.function.uses_digits();
        PlantedBugs {
            dropped_mean: bugs.dropped_mean && classifier,
            flipped_sign: bugs.flipped_sign,
            no_regularization: bugs.no_regularization && classifier,
        }
    }

    /// The planted bugs that apply to this function and yet change nothing at its setting, so that no
    /// check can see them: the dropped 1/N with a single example (the mean of one is the sum), and
    /// the left-out regularization gradient when the strength is 0 (that gradient is 0).
    pub fn unseen(&self, bugs: PlantedBugs) -> PlantedBugs {
        let applied = self.applicable(bugs);
        PlantedBugs {
            dropped_mean: applied.dropped_mean && self.n_examples() == 1,
            flipped_sign: false,
            no_regularization: applied.no_regularization && self.reg() == 0.0,
        }
    }

    /// The loss at the point, in double precision.
    pub fn loss_at_point(&self) -> f64 {
        self.loss(&self.point)
    }

    fn classifier_loss(&self, reg: f64) -> Option<ClassifierLoss<'_>> {
        let kind = self.function.loss_kind()?;
        Some(kind.on(self.data.as_ref()?, reg))
    }

    fn loss(&self, params: &[f64]) -> f64 {
        if let Some(loss) = self.classifier_loss(self.reg) {
            return loss.loss(params);
        }
        match self.function {
            CheckFunction::Relu => ReluSum {
                dimension: params.len(),
            }
            .loss(params),
            surface => match (surface_of(surface), params) {
                (Some(surface), [x, y]) => surface.value(*x, *y),
                _ => f64::NAN,
            },
        }
    }

    fn loss_f32(&self, params: &[f32]) -> f32 {
        if let Some(loss) = self.classifier_loss(self.reg) {
            return loss.loss_f32(params);
        }
        match (self.function, params) {
            (CheckFunction::Relu, _) => ReluSum {
                dimension: params.len(),
            }
            .loss_f32(params),
            (function, &[x, y]) => surface_value_f32(function, x, y),
            _ => f32::NAN,
        }
    }

    fn winners(&self, params: &[f64]) -> Vec<bool> {
        if let Some(loss) = self.classifier_loss(self.reg) {
            return loss.winners(params);
        }
        match self.function {
            CheckFunction::Relu => ReluSum {
                dimension: params.len(),
            }
            .winners(params),
            _ => Vec::new(),
        }
    }

    /// The analytic gradient with `bugs` planted (only those that apply to this function).
    pub fn analytic_gradient(&self, bugs: PlantedBugs) -> Vec<f64> {
        let bugs = self.applicable(bugs);
        let sign = if bugs.flipped_sign { -1.0 } else { 1.0 };
        let mut gradient = vec![0.0; self.point.len()];
        if let Some(data_loss) = self.classifier_loss(0.0) {
            data_loss.loss_and_gradient(&self.point, &mut gradient);
            let scale = sign
                * if bugs.dropped_mean {
                    self.n_examples() as f64
                } else {
                    1.0
                };
            gradient.iter_mut().for_each(|entry| *entry *= scale);
            if !bugs.no_regularization {
                linear::add_l2_gradient(&self.point, self.reg, &mut gradient);
            }
            return gradient;
        }
        match self.function {
            CheckFunction::Relu => {
                ReluSum {
                    dimension: self.point.len(),
                }
                .loss_and_gradient(&self.point, &mut gradient);
            }
            surface => {
                if let (Some(surface), [x, y]) = (surface_of(surface), self.point.as_slice()) {
                    gradient.copy_from_slice(&surface.gradient(*x, *y));
                }
            }
        }
        gradient.iter_mut().for_each(|entry| *entry *= sign);
        gradient
    }

    /// Replaces the regularization strength. Probes made before stay valid, since they leave the
    /// regularization out: moving it costs no new loss evaluation.
    pub fn set_reg(&mut self, reg: f64) -> Result<(), String> {
        if !(reg.is_finite() && reg >= 0.0) {
            return Err(format!("the regularization must be 0 or more, got {reg}"));
        }
        if self.data.is_some() {
            self.reg = reg;
        }
        Ok(())
    }

    /// The row of parameter `index` with step `h` in `precision`, against `analytic` (from
    /// [`Workbench::analytic_gradient`]). A step that is not positive and finite gives NaN
    /// differences, which the bands read as wrong.
    pub fn row(
        &self,
        index: usize,
        h: f64,
        precision: Precision,
        analytic: &[f64],
    ) -> WorkbenchRow {
        let here = self.here(precision, true);
        self.row_from(&self.probe(index, h, &here), analytic)
    }

    /// Every row of the table.
    pub fn rows(&self, h: f64, precision: Precision, bugs: PlantedBugs) -> Vec<WorkbenchRow> {
        self.rows_from(&self.row_probes(h, precision), bugs)
    }

    /// The loss evaluations behind every row of the table at step `h`, without the regularization:
    /// keep them and [`Workbench::rows_from`] gives the rows for any regularization or bugs.
    pub fn row_probes(&self, h: f64, precision: Precision) -> Vec<Probe> {
        let here = self.here(precision, true);
        self.coordinates
            .iter()
            .map(|&index| self.probe(index, h, &here))
            .collect()
    }

    /// The rows from probes made by [`Workbench::row_probes`] on this function and point, at the
    /// workbench's current regularization.
    pub fn rows_from(&self, probes: &[Probe], bugs: PlantedBugs) -> Vec<WorkbenchRow> {
        let analytic = self.analytic_gradient(bugs);
        probes
            .iter()
            .map(|probe| self.row_from(probe, &analytic))
            .collect()
    }

    /// The relative errors of parameter `index` for each step in `steps`: the curve that shows
    /// truncation error (large h) against rounding error (small h).
    pub fn error_against_step(
        &self,
        index: usize,
        steps: &[f64],
        precision: Precision,
        bugs: PlantedBugs,
    ) -> Vec<ErrorAtStep> {
        self.curve_from(&self.curve_probes(index, steps, precision), bugs)
    }

    /// The loss evaluations behind [`Workbench::error_against_step`], without the regularization.
    /// The curve shows no kinks, so these skip the work of finding them.
    pub fn curve_probes(&self, index: usize, steps: &[f64], precision: Precision) -> Vec<Probe> {
        let here = self.here(precision, false);
        steps.iter().map(|&h| self.probe(index, h, &here)).collect()
    }

    /// The curve from probes made by [`Workbench::curve_probes`], at the current regularization.
    pub fn curve_from(&self, probes: &[Probe], bugs: PlantedBugs) -> Vec<ErrorAtStep> {
        let analytic = self.analytic_gradient(bugs);
        probes
            .iter()
            .map(|probe| {
                let row = self.row_from(probe, &analytic);
                ErrorAtStep {
                    h: probe.h,
                    forward_error: row.forward_error,
                    centered_error: row.centered_error,
                }
            })
            .collect()
    }

    /// The loss without regularization at the point, once for all the rows and steps that share it;
    /// with the winners of its max(0, .) terms when `with_kinks`.
    fn here(&self, precision: Precision, with_kinks: bool) -> Here {
        let mut winners = Vec::new();
        // A classifier in f64 keeps the point's scores: a probe then recomputes only the scores of
        // the class whose weight it moves (see `probe_classifier`).
        if let (Precision::Double, Some(data), Some(kind)) =
            (precision, &self.data, self.function.loss_kind())
            && let Ok(scores) = linear::scores(data, &self.point)
        {
            if with_kinks {
                winners = kind.winners_of_scores(&scores, data.labels(), data.n_classes());
            }
            return Here {
                precision,
                value: kind.summed_loss_of_scores(&scores, data.labels(), data.n_classes())
                    / data.len().max(1) as f64,
                squares: linear::dot(&self.point, &self.point),
                winners,
                with_kinks,
                scores: Some(scores),
            };
        }
        let (value, squares) = match precision {
            Precision::Double => {
                if with_kinks {
                    winners = self.winners(&self.point);
                }
                self.unregularized_f64(&self.point)
            }
            Precision::Single => {
                let point: Vec<f32> = self.point.iter().map(|&value| value as f32).collect();
                if with_kinks {
                    winners = self.winners(&widen(&point));
                }
                self.unregularized_f32(&point)
            }
        };
        Here {
            precision,
            value,
            squares,
            winners,
            with_kinks,
            scores: None,
        }
    }

    /// The loss without regularization at x - h and x + h along parameter `index`, and whether a
    /// kink was crossed (only when `here` carries winners).
    fn probe(&self, index: usize, h: f64, here: &Here) -> Probe {
        let mut probe = Probe {
            index,
            h,
            precision: here.precision,
            values: [f64::NAN; 3],
            squares: [f64::NAN; 3],
            kink_crossed: false,
        };
        if !(h.is_finite() && h > 0.0) || index >= self.point.len() {
            return probe;
        }
        probe.values[1] = here.value;
        probe.squares[1] = here.squares;
        if let (Some(scores), Some(data), Some(kind)) =
            (&here.scores, &self.data, self.function.loss_kind())
        {
            self.probe_classifier(&mut probe, here, scores, data, kind);
            return probe;
        }
        match here.precision {
            Precision::Double => {
                let mut shifted = self.point.clone();
                let old_value = shifted[index];
                for (side, offset) in [(2, h), (0, -h)] {
                    shifted[index] = old_value + offset;
                    (probe.values[side], probe.squares[side]) = self.unregularized_f64(&shifted);
                    if here.with_kinks && self.winners(&shifted) != here.winners {
                        probe.kink_crossed = true;
                    }
                }
            }
            Precision::Single => {
                let h = h as f32;
                let mut shifted: Vec<f32> = self.point.iter().map(|&value| value as f32).collect();
                let old_value = shifted[index];
                for (side, offset) in [(2, h), (0, -h)] {
                    shifted[index] = old_value + offset;
                    (probe.values[side], probe.squares[side]) = self.unregularized_f32(&shifted);
                    if here.with_kinks && self.winners(&widen(&shifted)) != here.winners {
                        probe.kink_crossed = true;
                    }
                }
            }
        }
        probe
    }

    /// [`Workbench::probe`] for a classifier in f64. Moving weight W[c, f] changes only class c's
    /// scores, so only those are computed again, each with the same dot product `linear::scores`
    /// uses: every score, and so the loss, is the one a full evaluation gives, to the last bit, for
    /// a tenth of the work.
    fn probe_classifier(
        &self,
        probe: &mut Probe,
        here: &Here,
        scores: &[f64],
        data: &Dataset,
        kind: LossKind,
    ) {
        let (n_features, n_classes) = (data.n_features(), data.n_classes());
        let class = probe.index / n_features;
        let mut shifted = self.point.clone();
        let mut shifted_scores = scores.to_vec();
        let old_value = shifted[probe.index];
        for (side, offset) in [(2, probe.h), (0, -probe.h)] {
            shifted[probe.index] = old_value + offset;
            let class_weights = &shifted[class * n_features..(class + 1) * n_features];
            for (example_idx, example) in data.features().chunks_exact(n_features).enumerate() {
                shifted_scores[example_idx * n_classes + class] =
                    linear::dot(class_weights, example);
            }
            // `loss` with reg 0 is this data term plus exactly zero.
            probe.values[side] =
                kind.summed_loss_of_scores(&shifted_scores, data.labels(), n_classes)
                    / data.len().max(1) as f64;
            probe.squares[side] = linear::dot(&shifted, &shifted);
            if here.with_kinks
                && kind.winners_of_scores(&shifted_scores, data.labels(), n_classes) != here.winners
            {
                probe.kink_crossed = true;
            }
        }
    }

    /// The row a probe gives at the current regularization: the losses put back together exactly
    /// as the full loss adds them (data term plus penalty, in the probe's precision), so the
    /// numbers are those of evaluating the whole loss at each shifted point.
    fn row_from(&self, probe: &Probe, analytic: &[f64]) -> WorkbenchRow {
        let analytic_value = analytic.get(probe.index).copied().unwrap_or(f64::NAN);
        let penalised = self.data.is_some();
        let (analytic_value, forward, centered) =
            if !(probe.h.is_finite() && probe.h > 0.0) || probe.index >= self.point.len() {
                (analytic_value, f64::NAN, f64::NAN)
            } else {
                match probe.precision {
                    Precision::Double => {
                        let loss = |side: usize| {
                            if penalised {
                                probe.values[side]
                                    + linear::l2_penalty_of_squares(probe.squares[side], self.reg)
                            } else {
                                probe.values[side]
                            }
                        };
                        let (minus, here, plus) = (loss(0), loss(1), loss(2));
                        let h = probe.h;
                        (
                            analytic_value,
                            (plus - here) / h,
                            (plus - minus) / (2.0 * h),
                        )
                    }
                    Precision::Single => {
                        let loss = |side: usize| {
                            let value = probe.values[side] as f32;
                            if penalised {
                                value
                                    + linear::l2_penalty_f32_of_squares(
                                        probe.squares[side] as f32,
                                        self.reg,
                                    )
                            } else {
                                value
                            }
                        };
                        let (minus, here, plus) = (loss(0), loss(1), loss(2));
                        let h = probe.h as f32;
                        // The analytic side rounded to f32, as a single-precision check would hold it.
                        (
                            f64::from(analytic_value as f32),
                            f64::from((plus - here) / h),
                            f64::from((plus - minus) / (2.0 * h)),
                        )
                    }
                }
            };
        WorkbenchRow {
            index: probe.index,
            analytic: analytic_value,
            forward,
            centered,
            forward_error: relative_error(analytic_value, forward),
            centered_error: relative_error(analytic_value, centered),
            kink_crossed: probe.kink_crossed,
        }
    }

    /// The loss at `params` without its regularization term, and the sum of squared weights the
    /// term is made from (0 for the functions that have none).
    fn unregularized_f64(&self, params: &[f64]) -> (f64, f64) {
        match self.classifier_loss(0.0) {
            // With reg 0 the penalty adds exactly zero, so this is the data term as `loss` has it.
            Some(loss) => (loss.loss(params), linear::dot(params, params)),
            None => (self.loss(params), 0.0),
        }
    }

    /// [`Workbench::unregularized_f64`] in single precision (the f32 results, widened exactly).
    fn unregularized_f32(&self, params: &[f32]) -> (f64, f64) {
        match self.classifier_loss(0.0) {
            Some(loss) => (
                f64::from(loss.loss_f32(params)),
                f64::from(params.iter().map(|weight| weight * weight).sum::<f32>()),
            ),
            None => (f64::from(self.loss_f32(params)), 0.0),
        }
    }
}

/// The loss at the point, shared by every row and step of one evaluation.
struct Here {
    precision: Precision,
    value: f64,
    squares: f64,
    winners: Vec<bool>,
    with_kinks: bool,
    /// A classifier's scores at the point, in f64.
    scores: Option<Vec<f64>>,
}

/// The loss evaluations behind one row (or one step of the curve), without the regularization:
/// moving the regularization slider reuses them, so it needs no new pass over the examples.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Probe {
    pub index: usize,
    pub h: f64,
    pub precision: Precision,
    /// The loss without regularization at x - h, x and x + h (f32 values widened exactly).
    values: [f64; 3],
    /// The sum of squared weights at the same three points, in the same precision.
    squares: [f64; 3],
    pub kink_crossed: bool,
}

fn widen(point: &[f32]) -> Vec<f64> {
    point.iter().map(|&value| f64::from(value)).collect()
}

/// The largest centered relative error among rows that crossed no kink (0 for no such rows; NaN if
/// any counted row is NaN): the number a check is judged by.
pub fn worst_centered_error_away_from_kinks(rows: &[WorkbenchRow]) -> f64 {
    rows.iter()
        .filter(|row| !row.kink_crossed)
        .map(|row| row.centered_error)
        .fold(0.0, |worst, error| {
            if error.is_nan() || worst.is_nan() {
                f64::NAN
            } else {
                worst.max(error)
            }
        })
}

/// The point of a curve against h where the centered error is smallest (finite errors only; the
/// first of equal ones): where rounding and truncation balance. `None` for a curve with no finite
/// error.
pub fn best_centered_step(curve: &[ErrorAtStep]) -> Option<&ErrorAtStep> {
    curve
        .iter()
        .filter(|point| point.centered_error.is_finite())
        .min_by(|a, b| a.centered_error.total_cmp(&b.centered_error))
}

/// Steps from `10^log10_min` to `10^log10_max`, `per_decade` to a factor of ten, ends included.
pub fn log_spaced_steps(log10_min: f64, log10_max: f64, per_decade: usize) -> Vec<f64> {
    if !(log10_min.is_finite() && log10_max.is_finite()) || log10_min >= log10_max {
        return Vec::new();
    }
    let n_intervals =
        (((log10_max - log10_min) * per_decade.max(1) as f64).round() as usize).max(1);
    (0..=n_intervals)
        .map(|step_idx| {
            let exponent =
                log10_min + (log10_max - log10_min) * step_idx as f64 / n_intervals as f64;
            10f64.powf(exponent)
        })
        .collect()
}

fn surface_of(function: CheckFunction) -> Option<Box<dyn Surface>> {
    match function {
        CheckFunction::Rosenbrock => Some(Box::new(Rosenbrock)),
        CheckFunction::Beale => Some(Box::new(Beale)),
        CheckFunction::Himmelblau => Some(Box::new(Himmelblau)),
        _ => None,
    }
}

/// Where each surface is checked unless a seed asks for a random point: a place on a slope, where the
/// derivatives are well away from zero.
fn usual_point(function: CheckFunction) -> [f64; 2] {
    match function {
        CheckFunction::Rosenbrock => [-1.2, 1.0],
        CheckFunction::Beale => [1.0, 1.5],
        _ => [0.5, 1.0],
    }
}

/// The surfaces' formulas with every operation in f32 (the same formulas as their f64 `value`).
fn surface_value_f32(function: CheckFunction, x: f32, y: f32) -> f32 {
    match function {
        CheckFunction::Rosenbrock => {
            let along = 1.0 - x;
            let across = y - x * x;
            along * along + 100.0 * across * across
        }
        CheckFunction::Beale => {
            let terms = [
                1.5 - x + x * y,
                2.25 - x + x * y * y,
                2.625 - x + x * y * y * y,
            ];
            terms.iter().map(|term| term * term).sum()
        }
        CheckFunction::Himmelblau => {
            let p = x * x + y - 11.0;
            let q = x + y * y - 7.0;
            p * p + q * q
        }
        _ => f32::NAN,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gradient::check::{Coordinates, Kinks, SinglePrecisionLoss, gradient_check};

    /// Three examples of two features and three classes: small enough to reason about.
    fn tiny_data() -> Dataset {
        Dataset::new(
            vec![0.2, 1.0, -0.5, 1.0, 0.9, 1.0, -0.3, 1.0],
            vec![0, 2, 1, 2],
            2,
            3,
        )
        .unwrap()
    }

    #[test]
    fn without_bugs_the_centered_column_is_the_core_gradient_check() {
        let data = tiny_data();
        let workbench = Workbench::classifier(CheckFunction::Softmax, &data, 3, 0.1, 7).unwrap();
        let rows = workbench.rows(1e-5, Precision::Double, PlantedBugs::default());
        let objective = LossKind::Softmax.on(workbench.data.as_ref().unwrap(), 0.1);
        let expected = gradient_check(
            &objective,
            workbench.point(),
            &Coordinates::Listed(workbench.coordinates().to_vec()),
            1e-5,
        )
        .unwrap();
        for (row, check) in rows.iter().zip(&expected) {
            assert_eq!(row.index, check.index);
            assert!((row.analytic - check.analytic).abs() < 1e-15);
            assert_eq!(row.centered, check.numerical);
            assert!(row.centered_error < 1e-7, "{row:?}");
        }
    }

    #[test]
    fn moving_the_regularization_reuses_probes_and_changes_no_digit() {
        let data = tiny_data();
        let steps = log_spaced_steps(-12.0, -1.0, 4);
        for function in [CheckFunction::Svm, CheckFunction::Softmax] {
            for precision in [Precision::Double, Precision::Single] {
                let mut moved = Workbench::classifier(function, &data, 3, 0.1, 7).unwrap();
                let row_probes = moved.row_probes(1e-4, precision);
                let curve_probes = moved.curve_probes(moved.coordinates()[1], &steps, precision);
                moved.set_reg(2.5).unwrap();
                let fresh = Workbench::classifier(function, &data, 3, 2.5, 7).unwrap();
                let bugs = PlantedBugs::default();
                // Exactly equal: the penalty is added back as the full loss adds it.
                assert_eq!(
                    moved.rows_from(&row_probes, bugs),
                    fresh.rows(1e-4, precision, bugs)
                );
                assert_eq!(
                    moved.curve_from(&curve_probes, bugs),
                    fresh.error_against_step(fresh.coordinates()[1], &steps, precision, bugs)
                );
            }
        }
        let mut surface = Workbench::new(CheckFunction::Beale, 0).unwrap();
        assert!(surface.set_reg(-1.0).is_err());
        surface.set_reg(3.0).unwrap();
        assert_eq!(
            surface.reg(),
            0.0,
            "a surface has no regularization to move"
        );
    }

    #[test]
    fn classifier_rows_and_curves_are_the_whole_loss_differenced_to_the_last_bit() {
        let data = tiny_data();
        for kind in LossKind::ALL {
            let function = match kind {
                LossKind::Svm => CheckFunction::Svm,
                LossKind::Softmax => CheckFunction::Softmax,
            };
            let workbench = Workbench::classifier(function, &data, 3, 0.2, 4).unwrap();
            let objective = kind.on(workbench.data.as_ref().unwrap(), 0.2);
            let point = workbench.point().to_vec();
            let here = objective.loss(&point);
            let winners_here = objective.winners(&point);
            let shifted = |index: usize, offset: f64| {
                let mut shifted = point.clone();
                shifted[index] += offset;
                shifted
            };
            for h in [1e-9, 1e-5, 0.3] {
                for row in workbench.rows(h, Precision::Double, PlantedBugs::default()) {
                    let (plus, minus) = (shifted(row.index, h), shifted(row.index, -h));
                    let (loss_plus, loss_minus) = (objective.loss(&plus), objective.loss(&minus));
                    assert_eq!(row.forward, (loss_plus - here) / h, "{kind:?} h {h}");
                    assert_eq!(row.centered, (loss_plus - loss_minus) / (2.0 * h));
                    let crossed = objective.winners(&plus) != winners_here
                        || objective.winners(&minus) != winners_here;
                    assert_eq!(row.kink_crossed, crossed);
                }
            }
            let index = workbench.coordinates()[0];
            let steps = [1e-7, 1e-3];
            let curve = workbench.error_against_step(
                index,
                &steps,
                Precision::Double,
                PlantedBugs::default(),
            );
            for (point_on_curve, row) in curve.iter().zip(steps.map(|h| {
                workbench.row(
                    index,
                    h,
                    Precision::Double,
                    &workbench.analytic_gradient(PlantedBugs::default()),
                )
            })) {
                assert_eq!(point_on_curve.centered_error, row.centered_error);
            }
        }
        // A large h on the SVM moves margins across their kinks.
        let svm = Workbench::classifier(CheckFunction::Svm, &data, 3, 0.0, 4).unwrap();
        assert!(
            svm.rows(3.0, Precision::Double, PlantedBugs::default())
                .iter()
                .any(|row| row.kink_crossed)
        );
    }

    #[test]
    fn single_precision_rows_are_the_whole_f32_loss_differenced() {
        let data = tiny_data();
        let workbench = Workbench::classifier(CheckFunction::Svm, &data, 3, 0.3, 2).unwrap();
        let objective = LossKind::Svm.on(workbench.data.as_ref().unwrap(), 0.3);
        let h = 1e-2_f32;
        let rows = workbench.rows(f64::from(h), Precision::Single, PlantedBugs::default());
        for row in rows {
            let mut shifted: Vec<f32> = workbench.point().iter().map(|&v| v as f32).collect();
            let here = objective.loss_f32(&shifted);
            shifted[row.index] += h;
            let plus = objective.loss_f32(&shifted);
            shifted[row.index] = workbench.point()[row.index] as f32 - h;
            let minus = objective.loss_f32(&shifted);
            assert_eq!(row.forward, f64::from((plus - here) / h));
            assert_eq!(row.centered, f64::from((plus - minus) / (2.0 * h)));
        }
    }

    #[test]
    fn every_planted_bug_is_caught_on_a_classifier() {
        let data = tiny_data();
        // A large regularization, so that leaving it out cannot hide.
        let workbench = Workbench::classifier(CheckFunction::Softmax, &data, 3, 1.0, 3).unwrap();
        let bug_list = [
            PlantedBugs {
                dropped_mean: true,
                ..PlantedBugs::default()
            },
            PlantedBugs {
                flipped_sign: true,
                ..PlantedBugs::default()
            },
            PlantedBugs {
                no_regularization: true,
                ..PlantedBugs::default()
            },
        ];
        for bugs in bug_list {
            let rows = workbench.rows(1e-5, Precision::Double, bugs);
            let worst = rows
                .iter()
                .map(|row| row.centered_error)
                .fold(0.0, f64::max);
            assert!(worst > 1e-2, "{bugs:?} went unnoticed: worst error {worst}");
        }
    }

    #[test]
    fn a_dropped_mean_multiplies_the_data_gradient_by_n() {
        let data = tiny_data();
        let workbench = Workbench::classifier(CheckFunction::Svm, &data, 3, 0.0, 5).unwrap();
        let right = workbench.analytic_gradient(PlantedBugs::default());
        let wrong = workbench.analytic_gradient(PlantedBugs {
            dropped_mean: true,
            ..PlantedBugs::default()
        });
        for (right, wrong) in right.iter().zip(&wrong) {
            assert!((wrong - 3.0 * right).abs() < 1e-12);
        }
    }

    #[test]
    fn bugs_that_do_not_apply_change_nothing_on_a_surface() {
        let workbench = Workbench::new(CheckFunction::Rosenbrock, 0).unwrap();
        let bugs = PlantedBugs {
            dropped_mean: true,
            no_regularization: true,
            flipped_sign: false,
        };
        assert_eq!(workbench.applicable(bugs), PlantedBugs::default());
        assert_eq!(
            workbench.analytic_gradient(bugs),
            workbench.analytic_gradient(PlantedBugs::default())
        );
        // Rosenbrock at (-1.2, 1): gradient (-215.6, -88), worked out by hand.
        let gradient = workbench.analytic_gradient(PlantedBugs::default());
        assert!((gradient[0] + 215.6).abs() < 1e-9 && (gradient[1] + 88.0).abs() < 1e-9);
    }

    #[test]
    fn the_forward_difference_is_first_order_and_the_centered_second() {
        let workbench = Workbench::new(CheckFunction::Rosenbrock, 0).unwrap();
        let analytic = workbench.analytic_gradient(PlantedBugs::default());
        let coarse = workbench.row(0, 1e-2, Precision::Double, &analytic);
        let fine = workbench.row(0, 1e-3, Precision::Double, &analytic);
        // Ten times smaller h: about ten times smaller forward error, a hundred times smaller centered.
        let forward_ratio = coarse.forward_error / fine.forward_error;
        let centered_ratio = coarse.centered_error / fine.centered_error;
        assert!((8.0..12.0).contains(&forward_ratio), "{forward_ratio}");
        assert!((80.0..120.0).contains(&centered_ratio), "{centered_ratio}");
    }

    #[test]
    fn single_precision_loses_digits_that_double_keeps() {
        let workbench = Workbench::new(CheckFunction::Beale, 0).unwrap();
        let analytic = workbench.analytic_gradient(PlantedBugs::default());
        let double = workbench.row(1, 1e-5, Precision::Double, &analytic);
        let single = workbench.row(1, 1e-5, Precision::Single, &analytic);
        assert!(double.centered_error < 1e-8, "{double:?}");
        assert!(single.centered_error > 1e-4, "{single:?}");
    }

    #[test]
    fn the_f32_surfaces_agree_with_the_f64_ones() {
        for function in [
            CheckFunction::Rosenbrock,
            CheckFunction::Beale,
            CheckFunction::Himmelblau,
        ] {
            let surface = surface_of(function).unwrap();
            for &(x, y) in &[(0.5, 1.0), (-1.2, 1.0), (2.0, -0.5)] {
                let double = surface.value(x, y);
                let single = f64::from(surface_value_f32(function, x as f32, y as f32));
                assert!(
                    (double - single).abs() <= 1e-5 * double.abs().max(1.0),
                    "{function} at ({x}, {y}): {double} against {single}"
                );
            }
        }
    }

    #[test]
    fn the_relu_left_of_its_kink_is_flagged_as_in_the_lesson() {
        let workbench = Workbench::new(CheckFunction::Relu, 0).unwrap();
        let rows = workbench.rows(1e-5, Precision::Double, PlantedBugs::default());
        assert!(rows[0].kink_crossed);
        assert!((rows[0].centered - 0.45).abs() < 1e-9);
        assert_eq!(rows[0].centered_error, 1.0);
        // 1e-3 is far from the kink for h = 1e-5, but not for h = 1e-2.
        assert!(!rows[1].kink_crossed);
        let coarse = workbench.rows(1e-2, Precision::Double, PlantedBugs::default());
        assert!(coarse[1].kink_crossed);
    }

    #[test]
    fn bad_steps_give_nan_rows_that_read_as_wrong_not_panics() {
        let workbench = Workbench::new(CheckFunction::Himmelblau, 0).unwrap();
        for h in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            let rows = workbench.rows(h, Precision::Single, PlantedBugs::default());
            assert!(
                rows.iter()
                    .all(|row| row.centered_band() == ErrorBand::Wrong)
            );
        }
        let analytic = workbench.analytic_gradient(PlantedBugs::default());
        assert!(
            workbench
                .row(9, 1e-5, Precision::Double, &analytic)
                .forward
                .is_nan()
        );
    }

    #[test]
    fn classifier_rows_cover_weights_and_biases() {
        let data = tiny_data();
        let workbench = Workbench::classifier(CheckFunction::Svm, &data, 99, 0.0, 1).unwrap();
        assert_eq!(workbench.n_examples(), 4, "asked for 99 of 4 examples");
        let names: Vec<String> = workbench
            .coordinates()
            .iter()
            .map(|&index| workbench.parameter_name(index))
            .collect();
        assert!(names.iter().any(|name| name.starts_with("W[")), "{names:?}");
        assert!(names.iter().any(|name| name.starts_with("b[")), "{names:?}");
        assert!(Workbench::classifier(CheckFunction::Svm, &data, 2, f64::NAN, 1).is_err());
        assert!(Workbench::new(CheckFunction::Svm, 0).is_err());
    }

    #[test]
    fn the_verdict_ignores_rows_that_crossed_a_kink() {
        let workbench = Workbench::new(CheckFunction::Relu, 0).unwrap();
        let rows = workbench.rows(1e-5, Precision::Double, PlantedBugs::default());
        // Row 0 crossed the kink with a relative error of 1; the others agree up to rounding, and
        // the worst of them is the verdict.
        assert_eq!(rows[0].centered_error, 1.0);
        let worst_of_the_rest = rows[1..]
            .iter()
            .map(|row| row.centered_error)
            .fold(0.0, f64::max);
        assert!(worst_of_the_rest < 1e-9);
        assert_eq!(
            worst_centered_error_away_from_kinks(&rows),
            worst_of_the_rest
        );
        assert_eq!(worst_centered_error_away_from_kinks(&[]), 0.0);
        let mut broken = rows.clone();
        broken[1].centered_error = f64::NAN;
        assert!(worst_centered_error_away_from_kinks(&broken).is_nan());
    }

    #[test]
    fn bugs_unseen_at_one_example_or_no_regularization_change_no_derivative() {
        let data = tiny_data();
        let all = PlantedBugs {
            dropped_mean: true,
            flipped_sign: true,
            no_regularization: true,
        };
        let one_example = Workbench::classifier(CheckFunction::Softmax, &data, 1, 0.0, 2).unwrap();
        let unseen = one_example.unseen(all);
        assert!(unseen.dropped_mean && unseen.no_regularization && !unseen.flipped_sign);
        let only_unseen = PlantedBugs {
            flipped_sign: false,
            ..all
        };
        assert_eq!(
            one_example.analytic_gradient(only_unseen),
            one_example.analytic_gradient(PlantedBugs::default())
        );
        // With three examples and some regularization, both bugs show, and neither is unseen.
        let seen = Workbench::classifier(CheckFunction::Softmax, &data, 3, 0.1, 2).unwrap();
        assert_eq!(seen.unseen(all), PlantedBugs::default());
        assert_ne!(
            seen.analytic_gradient(only_unseen),
            seen.analytic_gradient(PlantedBugs::default())
        );
        // Bugs that do not apply to a surface are not "unseen": they are not there at all.
        let surface = Workbench::new(CheckFunction::Beale, 0).unwrap();
        assert_eq!(surface.unseen(all), PlantedBugs::default());
    }

    #[test]
    fn the_lesson_step_checks_a_smooth_surface_as_good_and_is_near_the_best_step() {
        let workbench = Workbench::new(CheckFunction::Beale, 0).unwrap();
        let rows = workbench.rows(LESSON_STEP, Precision::Double, PlantedBugs::default());
        assert_eq!(
            ErrorBand::of(worst_centered_error_away_from_kinks(&rows)),
            ErrorBand::Good
        );
        let steps = log_spaced_steps(-12.0, -1.0, 4);
        let curve =
            workbench.error_against_step(1, &steps, Precision::Double, PlantedBugs::default());
        let best = best_centered_step(&curve).unwrap();
        assert!(best.centered_error.is_finite());
        assert!(
            curve
                .iter()
                .filter(|point| point.centered_error.is_finite())
                .all(|point| point.centered_error >= best.centered_error)
        );
        // The balance of rounding (1e-16 / h) and truncation (h²) lies within two decades of 1e-5.
        assert!(
            (best.h.log10() - LESSON_STEP.log10()).abs() <= 2.0,
            "{}",
            best.h
        );
        let no_finite = [ErrorAtStep {
            h: 1e-3,
            forward_error: f64::NAN,
            centered_error: f64::NAN,
        }];
        assert!(best_centered_step(&no_finite).is_none());
        assert!(best_centered_step(&[]).is_none());
    }

    #[test]
    fn steps_are_log_spaced_with_both_ends() {
        let steps = log_spaced_steps(-12.0, -1.0, 4);
        assert_eq!(steps.len(), 45);
        assert!((steps[0] - 1e-12).abs() < 1e-24);
        assert!((steps[44] - 0.1).abs() < 1e-15);
        assert!(log_spaced_steps(1.0, -1.0, 4).is_empty());
        assert!(log_spaced_steps(f64::NAN, -1.0, 4).is_empty());
    }

    #[test]
    fn names_parse_back() {
        for function in CheckFunction::ALL {
            assert_eq!(function.name().parse::<CheckFunction>(), Ok(function));
        }
        assert!("nope".parse::<CheckFunction>().is_err());
        assert_eq!("f32".parse::<Precision>(), Ok(Precision::Single));
    }
}
