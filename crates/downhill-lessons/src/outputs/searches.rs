//! Outputs of the three strategies of "the blindfolded hiker" on the digits: random search, random
//! local search and gradient descent, each spending the same budget of 1,000 loss evaluations, and
//! the test accuracy each reaches.

use downhill_core::classifiers::linear;
use downhill_core::classifiers::svm::SvmLoss;
use downhill_core::rng::Rng;
use downhill_core::search::random_local_search::{RandomLocalSearchSettings, random_local_search};
use downhill_core::search::random_search::{RandomSearchSettings, random_search};
use downhill_core::training::gradient_descent;

use super::prepared_digits;
use super::table::{Table, count, fixed, percent};
use crate::resources::Resources;

/// Attempts of random search the attempts table shows, as the document printed its first lines.
const N_ATTEMPTS_SHOWN: usize = 10;

/// The step size of gradient descent on the SVM loss of the prepared digits. The scaled, centered
/// pixels give gradients of order one, so a step of 0.1 makes steady progress without overshooting
/// (the step-size table and the `step-size-sweep` demo show the range).
const DESCENT_STEP_SIZE: f64 = 0.1;

/// The first attempts of random search with the SVM loss of each and the best loss so far.
pub fn random_search_attempts(resources: &Resources) -> Result<Table, String> {
    let prepared = prepared_digits(resources)?;
    let objective = SvmLoss::new(&prepared.train, 0.0);
    let settings = RandomSearchSettings {
        n_attempts: N_ATTEMPTS_SHOWN,
        ..RandomSearchSettings::default()
    };
    let run = random_search(&objective, &settings);
    Ok(Table {
        caption: format!(
            "Random search on the SVM loss of the {} training digits: weights {} × N(0, 1), seed {}.",
            count(prepared.train.len()),
            settings.weight_scale,
            settings.seed
        ),
        header: ["attempt", "loss", "best so far"]
            .map(str::to_string)
            .to_vec(),
        rows: run
            .attempts
            .iter()
            .map(|attempt| {
                vec![
                    attempt.attempt_idx.to_string(),
                    fixed(attempt.loss, 6),
                    fixed(attempt.best_loss, 6),
                ]
            })
            .collect(),
    })
}

/// One strategy's result for an accuracy table.
fn accuracy_table(
    strategy: &str,
    n_evaluations: usize,
    final_loss: f64,
    test_accuracy: f64,
    n_test: usize,
) -> Table {
    Table {
        caption: format!(
            "{strategy} on the SVM loss of the training digits, measured on {} test digits.",
            count(n_test)
        ),
        header: ["loss evaluations", "final training loss", "test accuracy"]
            .map(str::to_string)
            .to_vec(),
        rows: vec![vec![
            count(n_evaluations),
            fixed(final_loss, 4),
            percent(test_accuracy),
        ]],
    }
}

pub fn random_search_accuracy(resources: &Resources) -> Result<Table, String> {
    let prepared = prepared_digits(resources)?;
    let run = random_search(
        &SvmLoss::new(&prepared.train, 0.0),
        &RandomSearchSettings::default(),
    );
    let accuracy =
        linear::accuracy(&prepared.test, &run.best_weights).map_err(|error| error.to_string())?;
    Ok(accuracy_table(
        "Random search",
        run.n_loss_evaluations,
        run.best_loss,
        accuracy,
        prepared.test.len(),
    ))
}

pub fn random_local_search_accuracy(resources: &Resources) -> Result<Table, String> {
    let prepared = prepared_digits(resources)?;
    let run = random_local_search(
        &SvmLoss::new(&prepared.train, 0.0),
        &RandomLocalSearchSettings::default(),
    );
    let accuracy =
        linear::accuracy(&prepared.test, &run.best_weights).map_err(|error| error.to_string())?;
    Ok(accuracy_table(
        "Random local search",
        run.n_loss_evaluations,
        run.best_loss,
        accuracy,
        prepared.test.len(),
    ))
}

pub fn gradient_descent_accuracy(resources: &Resources) -> Result<Table, String> {
    let prepared = prepared_digits(resources)?;
    let objective = SvmLoss::new(&prepared.train, 0.0);
    // The same budget as the searches, from the same kind of small random start.
    let defaults = RandomLocalSearchSettings::default();
    let start =
        Rng::new(defaults.seed).normal_vec(prepared.train.n_weights(), defaults.initial_scale);
    let run = gradient_descent(&objective, &start, DESCENT_STEP_SIZE, defaults.n_steps)
        .map_err(|error| error.to_string())?;
    let final_loss = run.losses.last().copied().unwrap_or(f64::NAN);
    let accuracy =
        linear::accuracy(&prepared.test, &run.weights).map_err(|error| error.to_string())?;
    Ok(accuracy_table(
        &format!("Gradient descent with step size {DESCENT_STEP_SIZE}"),
        run.n_loss_evaluations,
        final_loss,
        accuracy,
        prepared.test.len(),
    ))
}
