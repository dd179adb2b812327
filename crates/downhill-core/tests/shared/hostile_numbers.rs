//! What the robustness tests of both test crates (learning, optimization) throw at the core: the
//! numbers, and the proptest settings they run with.

use proptest::prelude::*;

/// Any f64, with the troublesome ones drawn often: plain `any::<f64>()` rarely hits exactly NaN,
/// infinity, zero or the extremes.
pub fn hostile_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => any::<f64>(),
        2 => -10.0..10.0_f64,
        1 => prop::sample::select(vec![
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.0,
            -0.0,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            5e-324,
            1e308,
            -1e308,
            1e-300,
            1.0,
            1.0 - 1e-16,
            1.0 + 1e-16,
        ]),
    ]
}

/// The robustness suites' proptest settings: `cases` inputs, and failures reported with their
/// inputs rather than saved into the source tree.
pub fn robustness_config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}
