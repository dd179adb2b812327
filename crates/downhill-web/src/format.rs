//! Numbers as the demos show them.

/// Numbers as a student reads them: four significant digits, scientific only when very small or large.
pub fn format_number(value: f64) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    let magnitude = value.abs();
    if magnitude != 0.0 && !(1e-3..1e5).contains(&magnitude) {
        format!("{value:.3e}")
    } else {
        let text = format!("{value:.4}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::format_number;

    #[test]
    fn numbers_read_as_a_student_expects() {
        assert_eq!(format_number(0.05), "0.05");
        assert_eq!(format_number(1.0), "1");
        assert_eq!(format_number(123.456789), "123.4568");
        assert_eq!(format_number(1e-7), "1.000e-7");
        assert_eq!(format_number(-2.5e6), "-2.500e6");
        assert_eq!(format_number(f64::NAN), "—");
        assert_eq!(format_number(f64::INFINITY), "—");
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            cases: 512,
            failure_persistence: None,
            ..proptest::test_runner::Config::default()
        })]

        /// No f64 at all (NaN, infinities, subnormals, the extremes) reaches a label as "NaN" or "inf".
        #[test]
        fn no_number_is_shown_as_nan_or_infinity(value in proptest::num::f64::ANY) {
            let text = format_number(value).to_ascii_lowercase();
            proptest::prop_assert!(!text.contains("nan") && !text.contains("inf"), "{value:e}: {text}");
        }
    }
}
