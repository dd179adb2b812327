//! Outputs of our own code on the digits data, computed at build time and placed in a lesson with
//! `{{#output NAME}}`: where a document printed the output of its Python on CIFAR-10, the page shows
//! what our Rust prints on the digits.

mod searches;
mod table;
mod training_checks;

pub use table::Table;

use downhill_core::data::{DEFAULT_N_TEST, DEFAULT_N_VALIDATION, PreparedDigits};

use crate::resources::Resources;

/// The seed of the train/validation/test split every output uses, so their numbers agree.
pub const SPLIT_SEED: u64 = 0;

/// An output a lesson may name.
pub struct OutputInfo {
    pub name: &'static str,
    pub compute: fn(&Resources) -> Result<Table, String>,
}

/// Every output that exists. A lesson naming anything else fails the build.
pub const OUTPUTS: &[OutputInfo] = &[
    OutputInfo {
        name: "step-size-table",
        compute: training_checks::step_size_table,
    },
    OutputInfo {
        name: "sanity-initial-loss",
        compute: training_checks::sanity_initial_loss,
    },
    OutputInfo {
        name: "gradient-check-example",
        compute: training_checks::gradient_check_example,
    },
    OutputInfo {
        name: "random-search-attempts",
        compute: searches::random_search_attempts,
    },
    OutputInfo {
        name: "random-search-accuracy",
        compute: searches::random_search_accuracy,
    },
    OutputInfo {
        name: "random-local-search-accuracy",
        compute: searches::random_local_search_accuracy,
    },
    OutputInfo {
        name: "gradient-descent-accuracy",
        compute: searches::gradient_descent_accuracy,
    },
];

/// Every output name, for error messages.
pub fn names() -> Vec<&'static str> {
    OUTPUTS.iter().map(|output| output.name).collect()
}

/// The HTML of output `name`, computed once per build.
pub fn render(name: &str, resources: &Resources) -> Result<String, String> {
    let Some(output) = OUTPUTS.iter().find(|output| output.name == name) else {
        return Err(format!(
            "unknown output `{name}`; the outputs that exist are {}",
            names().join(", ")
        ));
    };
    resources.cached(&format!("output:{name}"), || {
        let table =
            (output.compute)(resources).map_err(|message| format!("output `{name}`: {message}"))?;
        Ok(table.to_html(name))
    })
}

/// The digits split and preprocessed as every output uses them.
pub fn prepared_digits(resources: &Resources) -> Result<PreparedDigits, String> {
    let digits = resources.digits()?;
    PreparedDigits::new(digits, DEFAULT_N_VALIDATION, DEFAULT_N_TEST, SPLIT_SEED)
        .map_err(|error| error.to_string())
}
