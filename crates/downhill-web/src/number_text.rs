//! Reading a number that a slider, a field or a URL gives as text, and writing one back for a URL.
//!
//! Every number the demos read goes through [`parse_number`]. It checks the text against one plain
//! decimal grammar in Rust, then converts it with the browser's own `parseFloat` in the site, and
//! with `str::parse` natively (the tests). Both conversions are correctly rounded, so for text the
//! grammar accepts they give the same `f64` bit for bit, and the native property tests of the
//! settings readers speak for the site.
//!
//! Why not `str::parse` everywhere: Rust's float parser brings its own tables and slow path into
//! the wasm module (about 6 KB gzipped, issue 6's weight budget), and the browser already has a
//! correct one.

/// A decimal number as people and URLs write it: optional sign, digits with at most one point (at
/// least one digit in all), and an optional exponent: `3`, `-0.05`, `.5`, `2.`, `1e-4`, `+6E2`.
/// Space around it is ignored. Anything else, `inf`, `NaN`, hexadecimal and `1,5` included, is
/// `None`. The result may still be infinite (`1e999`): callers check `is_finite` as before.
pub fn parse_number(text: &str) -> Option<f64> {
    let text = text.trim();
    is_plain_decimal(text).then(|| convert(text))
}

/// The shortest text that [`parse_number`] reads back as exactly `value`: plain (`0.05`) or with
/// an exponent (`1e-8`), whichever is shorter, so a setting written into a link is never refused as
/// too long and never drifts by a rounding.
pub fn exact_number_text(value: f64) -> String {
    let plain = format!("{value}");
    let scientific = format!("{value:e}");
    if scientific.len() < plain.len() {
        scientific
    } else {
        plain
    }
}

fn is_plain_decimal(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut position = 0;
    if matches!(bytes.first(), Some(b'+' | b'-')) {
        position += 1;
    }
    let digits_from = |start: usize| {
        bytes[start.min(bytes.len())..]
            .iter()
            .take_while(|byte| byte.is_ascii_digit())
            .count()
    };
    let whole_digits = digits_from(position);
    position += whole_digits;
    let mut fraction_digits = 0;
    if bytes.get(position) == Some(&b'.') {
        position += 1;
        fraction_digits = digits_from(position);
        position += fraction_digits;
    }
    if whole_digits + fraction_digits == 0 {
        return false;
    }
    if matches!(bytes.get(position), Some(b'e' | b'E')) {
        position += 1;
        if matches!(bytes.get(position), Some(b'+' | b'-')) {
            position += 1;
        }
        let exponent_digits = digits_from(position);
        if exponent_digits == 0 {
            return false;
        }
        position += exponent_digits;
    }
    position == bytes.len()
}

#[cfg(target_arch = "wasm32")]
fn convert(text: &str) -> f64 {
    js_sys::Number::parse_float(text)
}

#[cfg(not(target_arch = "wasm32"))]
fn convert(text: &str) -> f64 {
    // The grammar above is a subset of what `str::parse` accepts, so this cannot fail.
    text.parse().unwrap_or(f64::NAN)
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::parse_number;

    #[test]
    fn plain_decimals_are_read() {
        assert_eq!(parse_number("3"), Some(3.0));
        assert_eq!(parse_number(" -0.05 "), Some(-0.05));
        assert_eq!(parse_number(".5"), Some(0.5));
        assert_eq!(parse_number("2."), Some(2.0));
        assert_eq!(parse_number("1e-4"), Some(1e-4));
        assert_eq!(parse_number("+6E2"), Some(600.0));
        assert_eq!(parse_number("0.30000000000000004"), Some(0.1 + 0.2));
        assert_eq!(parse_number("1e999"), Some(f64::INFINITY));
        assert_eq!(parse_number("-0"), Some(-0.0));
    }

    #[test]
    fn anything_else_is_not_a_number() {
        for text in [
            "", " ", ".", "-", "+", "e5", "1e", "1e+", "1.2.3", "--1", "1,5", "0x10", "inf",
            "-inf", "Infinity", "NaN", "nan", "1 2", "1e5.0", "١٢", "１", "5%", "½",
        ] {
            assert_eq!(parse_number(text), None, "{text:?}");
        }
    }

    #[test]
    fn an_exact_number_text_reads_as_people_write_it() {
        assert_eq!(super::exact_number_text(0.05), "0.05");
        assert_eq!(super::exact_number_text(1e-8), "1e-8");
        assert_eq!(super::exact_number_text(2.0), "2");
        assert_eq!(super::exact_number_text(-0.5), "-0.5");
    }

    /// The browser's conversion is checked against the same cases below, so both sides of the cfg
    /// read every case alike.
    #[test]
    fn hard_cases_round_correctly() {
        super::assert_hard_cases_read_exactly();
    }

    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config {
            cases: 2048,
            failure_persistence: None,
            ..proptest::test_runner::Config::default()
        })]

        /// Every finite f64 written by Rust in either notation reads back as itself.
        #[test]
        fn every_written_number_reads_back(value in proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO) {
            proptest::prop_assert_eq!(parse_number(&format!("{value}")).map(f64::to_bits), Some(value.to_bits()));
            proptest::prop_assert_eq!(parse_number(&format!("{value:e}")).map(f64::to_bits), Some(value.to_bits()));
        }

        /// What a demo writes into a link is short enough to be read (at most 24 characters, far
        /// under the settings' limit) and reads back as itself.
        #[test]
        fn an_exact_number_text_is_short_and_reads_back_exactly(value in proptest::num::f64::NORMAL | proptest::num::f64::SUBNORMAL | proptest::num::f64::ZERO) {
            let text = super::exact_number_text(value);
            proptest::prop_assert!(text.chars().count() <= 24, "{}", text);
            proptest::prop_assert_eq!(parse_number(&text).map(f64::to_bits), Some(value.to_bits()));
        }

        /// Whatever the text, the answer is either nothing or what Rust's own parser says.
        #[test]
        fn never_disagrees_with_rusts_parser(text in "[-+ .eE0-9a-z]{0,12}") {
            if let Some(value) = parse_number(&text) {
                proptest::prop_assert_eq!(Some(value.to_bits()), text.trim().parse::<f64>().ok().map(f64::to_bits));
            }
        }
    }
}

/// Texts whose nearest `f64` is easy to get wrong: halfway cases, the subnormal range, the largest
/// finite value and past it, long digit strings.
#[cfg(test)]
fn assert_hard_cases_read_exactly() {
    for (text, expected) in HARD_CASES {
        assert_eq!(
            parse_number(text).map(f64::to_bits),
            Some(expected.to_bits()),
            "{text}"
        );
    }
}

#[cfg(test)]
const HARD_CASES: [(&str, f64); 10] = [
    ("0.1", 0.1),
    ("9007199254740993", 9007199254740992.0),
    ("2.2250738585072011e-308", 2.225073858507201e-308),
    ("4.9e-324", 5e-324),
    ("2e-324", 0.0),
    ("1.7976931348623157e308", f64::MAX),
    ("1.8e308", f64::INFINITY),
    ("0.000000000000000000000000000000000000000000001", 1e-45),
    ("123456789012345678901234567890", 1.2345678901234568e29),
    ("7.038531e-26", 7.038531e-26),
];

#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use super::parse_number;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    #[wasm_bindgen_test]
    fn the_browser_rounds_the_hard_cases_as_rust_does() {
        super::assert_hard_cases_read_exactly();
        assert_eq!(parse_number("inf"), None);
        assert_eq!(parse_number("1.5abc"), None);
    }
}
