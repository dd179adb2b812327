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
}
