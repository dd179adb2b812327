//! Searches that use no gradient: random search and random local search over the weights, and the
//! search for hyperparameters (log-scale sampling, random trials against a grid).

pub mod accuracy_race;
pub mod hiker;
pub mod hyperparameters;
pub mod random_local_search;
pub mod random_search;

/// One loss evaluation of a search, as the document's loops print it.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Attempt {
    /// 0 for the first evaluation.
    pub attempt_idx: usize,
    /// The loss of the weights tried in this attempt.
    pub loss: f64,
    /// The best loss found so far, this attempt included.
    pub best_loss: f64,
}

/// The result of a search over the weights.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct SearchRun {
    /// The weights with the lowest loss found. Empty if no attempt gave a loss below infinity (no
    /// attempts at all, or only NaN and infinite losses).
    pub best_weights: Vec<f64>,
    /// Their loss (infinity when `best_weights` is empty).
    pub best_loss: f64,
    /// Every attempt in order.
    pub attempts: Vec<Attempt>,
    /// Loss evaluations spent: one per attempt.
    pub n_loss_evaluations: usize,
}
