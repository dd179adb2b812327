//! Linear classifiers on a [`Dataset`]: the multiclass SVM and the softmax classifier, their losses
//! with analytic gradients, and the shared pieces (scores, predictions, accuracy, regularization).
//!
//! # Layout and conventions
//! The weights W are `n_classes x n_features`, stored row-major in one flat slice: row j is w_j, the
//! weights of class j, and `W[j][k]` is `weights[j * n_features + k]`. With the bias trick
//! ([`Dataset::with_bias`]) the last column holds the biases, so the prepared digits have
//! 10 x 65 = 650 weights.
//!
//! Both losses are L = (1/N) sum_i L_i + R(W), the mean data loss over the N examples plus the L2
//! penalty R(W) = 0.5 * reg * sum_{j,k} W_jk^2, whose gradient is reg * W (the factor 0.5 is there so
//! that the gradient has no 2 in it). The penalty covers every weight, biases included, which keeps
//! the code short; with centered features the bias weights stay small anyway. On data with no rows the
//! data loss is taken as 0, so the loss is the penalty alone.

pub mod linear;
pub mod softmax;
pub mod svm;

use crate::data::Dataset;
use crate::gradient::check::{Kinks, SinglePrecisionLoss};
use crate::objective::Objective;
pub use softmax::SoftmaxLoss;
pub use svm::SvmLoss;

/// Which of the two losses a classifier is trained with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LossKind {
    /// The multiclass (Weston-Watkins) SVM loss with margin 1: see [`svm`].
    Svm,
    /// The softmax cross-entropy loss: see [`softmax`].
    Softmax,
}

impl LossKind {
    /// Both kinds, for loops over them.
    pub const ALL: [LossKind; 2] = [LossKind::Svm, LossKind::Softmax];

    /// The loss of this kind on `data` with regularization strength `reg`.
    pub fn on(self, data: &Dataset, reg: f64) -> ClassifierLoss<'_> {
        match self {
            LossKind::Svm => ClassifierLoss::Svm(SvmLoss::new(data, reg)),
            LossKind::Softmax => ClassifierLoss::Softmax(SoftmaxLoss::new(data, reg)),
        }
    }

    /// The data loss of this kind summed over the examples, from their row-major scores.
    pub fn summed_loss_of_scores(self, scores: &[f64], labels: &[usize], n_classes: usize) -> f64 {
        match self {
            LossKind::Svm => svm::summed_loss_of_scores(scores, labels, n_classes),
            LossKind::Softmax => softmax::summed_loss_of_scores(scores, labels, n_classes),
        }
    }

    /// Which max(0, .) terms take their sloped side, from the scores, as [`Kinks::winners`] gives
    /// them (softmax has none).
    pub fn winners_of_scores(
        self,
        scores: &[f64],
        labels: &[usize],
        n_classes: usize,
    ) -> Vec<bool> {
        match self {
            LossKind::Svm => svm::winners_of_scores(scores, labels, n_classes),
            LossKind::Softmax => Vec::new(),
        }
    }

    /// A short lowercase name: "svm" or "softmax".
    pub fn name(self) -> &'static str {
        match self {
            LossKind::Svm => "svm",
            LossKind::Softmax => "softmax",
        }
    }
}

/// Either classifier loss, chosen at run time; an [`Objective`] that forwards to the one it holds.
#[derive(Clone, Copy, Debug)]
pub enum ClassifierLoss<'a> {
    Svm(SvmLoss<'a>),
    Softmax(SoftmaxLoss<'a>),
}

impl ClassifierLoss<'_> {
    /// Which loss this is.
    pub fn kind(&self) -> LossKind {
        match self {
            ClassifierLoss::Svm(_) => LossKind::Svm,
            ClassifierLoss::Softmax(_) => LossKind::Softmax,
        }
    }

    /// The data the loss is measured on.
    pub fn data(&self) -> &Dataset {
        match self {
            ClassifierLoss::Svm(loss) => loss.data,
            ClassifierLoss::Softmax(loss) => loss.data,
        }
    }
}

impl Objective for ClassifierLoss<'_> {
    fn dimension(&self) -> usize {
        self.data().n_weights()
    }

    fn loss_and_gradient(&self, params: &[f64], gradient: &mut [f64]) -> f64 {
        match self {
            ClassifierLoss::Svm(loss) => loss.loss_and_gradient(params, gradient),
            ClassifierLoss::Softmax(loss) => loss.loss_and_gradient(params, gradient),
        }
    }

    fn loss(&self, params: &[f64]) -> f64 {
        match self {
            ClassifierLoss::Svm(loss) => loss.loss(params),
            ClassifierLoss::Softmax(loss) => loss.loss(params),
        }
    }
}

impl Kinks for ClassifierLoss<'_> {
    fn winners(&self, params: &[f64]) -> Vec<bool> {
        match self {
            ClassifierLoss::Svm(loss) => loss.winners(params),
            ClassifierLoss::Softmax(loss) => loss.winners(params),
        }
    }
}

impl SinglePrecisionLoss for ClassifierLoss<'_> {
    fn loss_f32(&self, params: &[f32]) -> f32 {
        match self {
            ClassifierLoss::Svm(loss) => loss.loss_f32(params),
            ClassifierLoss::Softmax(loss) => loss.loss_f32(params),
        }
    }
}

/// What an [`Objective`] implementation returns when its inputs have the wrong length: the gradient
/// is filled with NaN and the loss is NaN, since the trait has no error channel and must not panic.
pub(crate) fn nan_for_bad_lengths(gradient: &mut [f64]) -> f64 {
    gradient.iter_mut().for_each(|entry| *entry = f64::NAN);
    f64::NAN
}
