//! Numbers as the step-size demos write them into a link, and read them at that precision.
//!
//! A link carries a step size as `1.2346e-2` and a start as `-2.5000`: rounded. If a demo kept the
//! unrounded number it read, the link it then wrote would bring back a slightly different demo. So a
//! setting is read at the precision it is written with ([`LinkFormat::round`]), and written and read
//! back gives the very same settings: the round trip `demos/hostile_links.rs` checks for every demo.
//! (Any demo that writes rounded numbers needs this; it could join the kit's settings.)

use crate::number_text::parse_number;

/// How a number is written in a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkFormat {
    /// Scientific, with this many digits after the point: `1.2346e-2` for 4.
    Scientific(usize),
    /// Fixed, with this many digits after the point: `-2.5000` for 4.
    Fixed(usize),
}

impl LinkFormat {
    /// `value` as the link writes it.
    pub fn write(self, value: f64) -> String {
        match self {
            LinkFormat::Scientific(decimals) => format!("{value:.decimals$e}"),
            LinkFormat::Fixed(decimals) => format!("{value:.decimals$}"),
        }
    }

    /// The number a link written with this format carries for `value`: what reading it back gives.
    /// Rounding is monotone, so a value inside a range whose ends the format writes exactly stays
    /// inside it. A value the format cannot write as a plain decimal (not finite) is kept as it is.
    pub fn round(self, value: f64) -> f64 {
        parse_number(&self.write(value))
            .filter(|rounded| rounded.is_finite())
            .unwrap_or(value)
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::LinkFormat;
    use proptest::prelude::*;

    #[test]
    fn numbers_are_written_as_the_demos_always_wrote_them() {
        assert_eq!(LinkFormat::Scientific(3).write(0.1), "1.000e-1");
        assert_eq!(LinkFormat::Scientific(4).write(0.012345678), "1.2346e-2");
        assert_eq!(LinkFormat::Fixed(4).write(-2.5), "-2.5000");
        assert_eq!(LinkFormat::Scientific(4).round(0.012345678), 0.012346);
        assert_eq!(LinkFormat::Fixed(4).round(1.23456), 1.2346);
        assert!(LinkFormat::Fixed(4).round(f64::NAN).is_nan());
    }

    proptest! {
        #![proptest_config(crate::demos::hostile_links::proptest_cases(512))]

        #[test]
        fn a_rounded_number_is_written_and_read_back_unchanged_and_stays_in_its_range(
            value in prop_oneof![-1e3..1e3_f64, 1e-10..1e3_f64],
            decimals in 0usize..6,
        ) {
            for format in [LinkFormat::Scientific(decimals), LinkFormat::Fixed(decimals)] {
                let rounded = format.round(value);
                prop_assert_eq!(format.round(rounded), rounded);
                prop_assert_eq!(format.write(rounded), format.write(value));
            }
            // Ends the formats write exactly keep a value inside them.
            let clamped = value.clamp(1e-4, 1.0);
            let rounded = LinkFormat::Scientific(4).round(clamped);
            prop_assert!((1e-4..=1.0).contains(&rounded), "{clamped} became {rounded}");
            let clamped = value.clamp(-4.5, 4.5);
            let rounded = LinkFormat::Fixed(4).round(clamped);
            prop_assert!((-4.5..=4.5).contains(&rounded), "{clamped} became {rounded}");
        }
    }
}
