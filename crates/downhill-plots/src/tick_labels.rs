//! The one way every chart of the site writes a number on an axis: short enough for a phone, with a
//! typographic minus, and never "NaN" or "inf".
//!
//! Charts used to carry a formatter each (five of them, with slightly different cut-offs); a reader
//! comparing the sweep's axis with the dashboard's should see numbers written the same way.

/// Numbers from this magnitude up to (not including) [`PLAIN_BELOW`] are written out in full.
const PLAIN_FROM: f64 = 1e-2;
/// Numbers from this magnitude on are written as a power of ten, like `2.5e4`.
const PLAIN_BELOW: f64 = 1e4;

/// A tick value in a few characters (nine at the very worst): `0`, `0.25`, `120`, `1e-3`, `2.5e4`, `−3`.
///
/// A value that is not finite gets an empty label: a tick without a number is better than a tick
/// that says "NaN". Values between 0.01 and 10,000 keep up to three decimals, trailing zeros
/// dropped; others are a mantissa with at most one decimal and a power of ten.
pub fn tick_label(value: f64) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let magnitude = value.abs();
    let text = if magnitude == 0.0 {
        // Also -0.0, which would otherwise print as "-0".
        return "0".to_string();
    } else if (PLAIN_FROM..PLAIN_BELOW).contains(&magnitude) {
        let text = format!("{value:.3}");
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        power_of_ten_form(value)
    };
    text.replace('-', "\u{2212}")
}

/// `value` as a mantissa with at most one decimal and a power of ten: `1e-7`, `2.5e4`.
fn power_of_ten_form(value: f64) -> String {
    let exponent = value.abs().log10().floor();
    let mantissa = value / 10f64.powf(exponent);
    if !mantissa.is_finite() {
        // Below about 1e-308 the power of ten underflows to 0 and the mantissa would be infinite;
        // Rust's own scientific form handles the subnormals.
        return format!("{value:.0e}");
    }
    let mantissa_text = format!("{mantissa:.1}");
    let mantissa_text = mantissa_text.trim_end_matches('0').trim_end_matches('.');
    // Rounding can carry the mantissa to 10 (9.96e-3 -> "10.0"): write it as the next power.
    if mantissa_text.trim_start_matches('-') == "10" {
        let sign = if value < 0.0 { "-" } else { "" };
        return format!("{sign}1e{}", exponent as i64 + 1);
    }
    format!("{mantissa_text}e{}", exponent as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_readable(text: &str, value: f64) {
        let lower = text.to_ascii_lowercase();
        assert!(
            !lower.contains("nan") && !lower.contains("inf"),
            "{value:e} printed as {text}"
        );
        // At worst a sign, a one-decimal mantissa and a three-digit negative exponent: −1.1e−308.
        assert!(text.chars().count() <= 9, "{value:e} printed as {text}");
    }

    #[test]
    fn plain_numbers_drop_trailing_zeros_and_use_a_true_minus() {
        assert_eq!(tick_label(10.0), "10");
        assert_eq!(tick_label(-3.0), "\u{2212}3");
        assert_eq!(tick_label(0.5), "0.5");
        assert_eq!(tick_label(0.125), "0.125");
        assert_eq!(tick_label(-0.0), "0");
        assert_eq!(tick_label(0.1 + 0.2), "0.3");
        assert_eq!(tick_label(2500.0), "2500");
    }

    #[test]
    fn large_and_small_numbers_are_powers_of_ten() {
        assert_eq!(tick_label(1e6), "1e6");
        assert_eq!(tick_label(20000.0), "2e4");
        assert_eq!(tick_label(2.5e4), "2.5e4");
        assert_eq!(tick_label(1e-7), "1e\u{2212}7");
        assert_eq!(tick_label(-3e-5), "\u{2212}3e\u{2212}5");
        assert_eq!(tick_label(9.96e-3), "1e\u{2212}2");
    }

    #[test]
    fn non_finite_values_get_no_label() {
        for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(tick_label(value), "");
        }
    }

    #[test]
    fn the_edge_values_print_readably() {
        for value in [
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            5e-324,
            -5e-324,
            1e-310,
            9.9999e3,
            1e12,
        ] {
            assert_readable(&tick_label(value), value);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            cases: 512,
            failure_persistence: None,
            ..proptest::test_runner::Config::default()
        })]

        #[test]
        fn no_f64_prints_as_nan_or_infinity(value in proptest::num::f64::ANY) {
            assert_readable(&tick_label(value), value);
        }
    }
}
