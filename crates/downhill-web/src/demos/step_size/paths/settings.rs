//! The paths' settings: what a lesson or a link may set (the surface, the step size, the number of
//! steps and the start), each within its slider's range or the surface's picture, read with
//! validation and written back for the address bar and copied links.
//!
//! Keys: `surface`, `lr` (written `1.2346e-2`), `steps`, `x` and `y` (written `-2.5000`).

use crate::demos::step_size::link_numbers::LinkFormat;
use crate::settings::{DemoSettings, Settings};
use downhill_core::step_size_demos::good_step_size;
use downhill_core::surfaces::SurfaceKind;
use downhill_plots::step_size::DEFAULT_PATH_STEPS;

/// The slider's step sizes, as powers of ten: wide enough for the Rosenbrock valley's tiny stable
/// steps and the bowl's large ones.
pub(crate) const LOG10_STEP_RANGE: (f64, f64) = (-4.0, 0.0);
/// The surfaces offered: those with a minimum, so "too large" has a meaning.
pub(crate) const SURFACES: [SurfaceKind; 6] = [
    SurfaceKind::Ravine,
    SurfaceKind::Bowl,
    SurfaceKind::Bumpy,
    SurfaceKind::Rosenbrock,
    SurfaceKind::Himmelblau,
    SurfaceKind::Beale,
];
/// The steps slider's range.
pub(crate) const MIN_STEPS: usize = 10;
pub(crate) const MAX_STEPS: usize = 1_000;
const STEP_FORMAT: LinkFormat = LinkFormat::Scientific(4);
const START_FORMAT: LinkFormat = LinkFormat::Fixed(4);

#[derive(Clone, Debug, PartialEq)]
pub struct PathsSettings {
    pub surface_kind: SurfaceKind,
    pub step: f64,
    pub n_steps: usize,
    pub start: [f64; 2],
}

/// The offered surface called `name`.
pub fn parse_surface(name: &str) -> Option<SurfaceKind> {
    SURFACES.into_iter().find(|kind| kind.name() == name)
}

impl DemoSettings for PathsSettings {
    fn read(source: &Settings) -> Self {
        let known = SURFACES.map(|kind| kind.name()).join(", ");
        let surface_kind = source.choice("surface", SurfaceKind::Ravine, &known, parse_surface);
        let surface = surface_kind.build();
        let (log_min, log_max) = LOG10_STEP_RANGE;
        let step = source.number(
            "lr",
            10f64.powf(log_min),
            10f64.powf(log_max),
            good_step_size(surface.as_ref()),
        );
        let n_steps = source.count("steps", MIN_STEPS, MAX_STEPS, DEFAULT_PATH_STEPS);
        let view_box = surface.view();
        let default_start = surface.default_start();
        let start = [
            source.number("x", view_box.x_min, view_box.x_max, default_start[0]),
            source.number("y", view_box.y_min, view_box.y_max, default_start[1]),
        ];
        PathsSettings {
            surface_kind,
            step: STEP_FORMAT.round(step),
            n_steps,
            start: start.map(|coordinate| START_FORMAT.round(coordinate)),
        }
    }

    fn write(&self) -> Vec<(String, String)> {
        vec![
            ("surface".to_string(), self.surface_kind.name().to_string()),
            ("lr".to_string(), STEP_FORMAT.write(self.step)),
            ("steps".to_string(), self.n_steps.to_string()),
            ("x".to_string(), START_FORMAT.write(self.start[0])),
            ("y".to_string(), START_FORMAT.write(self.start[1])),
        ]
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use crate::demos::step_size::settings_tests::{
        assert_messages_name, assert_writes, defaults, read_query,
    };

    #[test]
    fn the_defaults_are_the_ravine_from_its_start_with_its_good_step() {
        let settings = defaults::<PathsSettings>();
        assert_eq!(settings.surface_kind, SurfaceKind::Ravine);
        // The ravine's stable limit is 0.1, so its good step is 0.05, exactly as a link writes it.
        assert_eq!(settings.step, 0.05);
        assert_eq!(settings.n_steps, DEFAULT_PATH_STEPS);
        assert_eq!(settings.start, [-2.5, 1.0]);
        assert_writes(
            &settings,
            &[
                ("surface", "ravine"),
                ("lr", "5.0000e-2"),
                ("steps", "100"),
                ("x", "-2.5000"),
                ("y", "1.0000"),
            ],
        );
    }

    #[test]
    fn a_link_is_read_and_bad_values_fall_back_with_a_message_each() {
        let (settings, messages) = read_query::<PathsSettings>(&[
            ("surface", "bowl"),
            ("lr", "0.02"),
            ("steps", "250"),
            ("x", "1"),
            ("y", "-1"),
        ]);
        assert!(messages.is_empty(), "{messages:?}");
        assert_eq!(
            settings,
            PathsSettings {
                surface_kind: SurfaceKind::Bowl,
                step: 0.02,
                n_steps: 250,
                start: [1.0, -1.0],
            }
        );
        let (settings, messages) = read_query::<PathsSettings>(&[
            ("surface", "moon"),
            ("steps", "99999999"),
            ("lr", "-1"),
            ("lr", "abc"),
        ]);
        assert_messages_name(&messages, &["surface", "steps", "lr"]);
        assert_eq!(settings.surface_kind, SurfaceKind::Ravine);
        assert_eq!(settings.n_steps, MAX_STEPS);
        // A start outside the picture is brought to its edge.
        let (settings, _) =
            read_query::<PathsSettings>(&[("surface", "bowl"), ("x", "50"), ("y", "-50")]);
        assert_eq!(settings.start, [2.0, -2.0]);
    }
}
