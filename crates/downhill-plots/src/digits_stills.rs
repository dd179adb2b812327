//! Stills of the five demos that train on the digits: what a reader sees before the wasm arrives or
//! without scripts. Each is a real run of the demo's defaults on the prepared digits, through the same
//! `downhill-core` calls and the same drawing functions as the live demo, drawn at build time.
//!
//! A still is drawn for a phone-sized layout (its sizes are multiplied by [`STILL_PIXEL_RATIO`] in an
//! SVG of a few hundred units), so its text stays legible when the picture shrinks to a phone's
//! column; the site's CSS caps its width on a desktop so the text does not grow past body size.

use crate::any_backend::AnyBackend;
use crate::catalogue::DemoKind;
use crate::chart_style::{ChartPalette, ChartStyle};
use crate::hiker::{self, AccuracyCurve, STRATEGY_STYLES};
use crate::minibatch_noise;
use crate::step_size::{self, CurveToDraw, CurvesChart, SweepChart};
use crate::training_dashboard::{self, DashboardPicture};
use downhill_core::classifiers::LossKind;
use downhill_core::data::PreparedDigits;
use downhill_core::live_training::{ExpectedInitialLoss, LiveSettings, LiveTraining};
use downhill_core::rng::Rng;
use downhill_core::search::accuracy_race::AccuracyRace;
use downhill_core::search::hiker::Strategy;
use downhill_core::step_size_demos::{
    CURVE_RATES, CurveSettings, LearningCurve, OneStep, SWEEP_WEIGHTS_SEED, log_spaced_step_sizes,
    sweep_weights,
};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_svg::SVGBackend;
use std::rc::Rc;

/// The demos whose stills are drawn here; each needs the digits.
pub const DIGITS_DEMOS: [DemoKind; 5] = [
    DemoKind::HikerDigits,
    DemoKind::StepSizeSweep,
    DemoKind::LearningCurves,
    DemoKind::TrainingDashboard,
    DemoKind::MinibatchNoise,
];

/// Every size of a still's chart (text, lines, margins) is multiplied by this, so a 640-unit still
/// is laid out like the live demo on a 355 px phone and its text reads at that width.
pub const STILL_PIXEL_RATIO: f64 = 1.8;

/// The hiker chart's legend is drawn a little smaller than the chart's text so it fits between
/// the curves.
const HIKER_LEGEND_SCALE: f64 = 1.2;

/// The size of a still in SVG units.
const STILL_SIZE: (u32, u32) = (640, 480);

/// The dashboard's three panels need more height than one chart.
const DASHBOARD_STILL_SIZE: (u32, u32) = (640, 640);

use crate::still::Scheme;

/// Whether `kind` is one of the digits demos drawn here.
pub fn needs_digits(kind: DemoKind) -> bool {
    DIGITS_DEMOS.contains(&kind)
}

/// A digits demo's still from one run: the light picture and, where the demo has a dark look, the
/// dark one. The run is done once and drawn twice, since the run is what costs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigitsStill {
    pub light: String,
    pub dark: Option<String>,
}

impl DigitsStill {
    /// Draws `draw` in both schemes.
    fn both(draw: impl Fn(Scheme) -> String) -> DigitsStill {
        DigitsStill {
            light: draw(Scheme::Light),
            dark: Some(draw(Scheme::Dark)),
        }
    }
}

/// The still of digits demo `kind`, or `None` for a demo drawn without the digits
/// ([`crate::still::demo_still_svg`]). The hiker's chart sits on fog that reads in either scheme, so
/// it has no dark version.
pub fn digits_still(kind: DemoKind, prepared: &PreparedDigits) -> Option<DigitsStill> {
    match kind {
        DemoKind::HikerDigits => Some(DigitsStill {
            light: hiker_digits_still(prepared),
            dark: None,
        }),
        DemoKind::StepSizeSweep => Some(step_size_sweep_still(prepared)),
        DemoKind::LearningCurves => Some(learning_curves_still(prepared)),
        DemoKind::TrainingDashboard => Some(training_dashboard_still(prepared)),
        DemoKind::MinibatchNoise => Some(minibatch_noise_still(prepared)),
        DemoKind::SaddleRace
        | DemoKind::BlindfoldedHiker
        | DemoKind::LrSchedules
        | DemoKind::HyperparameterSearch
        | DemoKind::GradientCheck
        | DemoKind::StepSizePaths
        | DemoKind::BackpropGraph => None,
    }
}

/// Draws into an SVG document of `size` with `draw`, through [`AnyBackend`] as every figure does
/// (ARCHITECTURE.md), so the drawing code is compiled once.
fn svg_of(size: (u32, u32), draw: impl FnOnce(&DrawingArea<AnyBackend<'_>, Shift>)) -> String {
    let mut svg = String::new();
    {
        let area = AnyBackend::new(SVGBackend::with_string(&mut svg, size)).into_drawing_area();
        draw(&area);
        // Drawing into a String cannot fail.
        let _ = area.present();
    }
    svg
}

/// `(evaluations spent, test accuracy)` of each strategy in [`STRATEGY_STYLES`] order, for the
/// hiker-digits demo's defaults: what the live demo's walkers record by the end of their budget (the
/// same race in `downhill-core`, run to the end in one call).
pub fn hiker_digits_curves(prepared: &PreparedDigits) -> Vec<Vec<(f64, f64)>> {
    let strategies = STRATEGY_STYLES.map(|style| style.strategy);
    let mut race = AccuracyRace::new(prepared, &strategies, hiker::digits_defaults());
    race.spend(prepared, usize::MAX, || false);
    race.curves().to_vec()
}

/// Test accuracy against loss evaluations for the three strategies, with a legend.
fn hiker_digits_still(prepared: &PreparedDigits) -> String {
    let curves = hiker_digits_curves(prepared);
    let to_draw: Vec<AccuracyCurve<'_>> = STRATEGY_STYLES
        .iter()
        .zip(&curves)
        .map(|(style, points)| AccuracyCurve {
            strategy: style.strategy,
            points,
        })
        .collect();
    let svg = svg_of(STILL_SIZE, |area| {
        let _ = hiker::draw_accuracy_chart(
            area,
            hiker::DIGITS_DEFAULT_BUDGET,
            &to_draw,
            STILL_PIXEL_RATIO,
        );
    });
    let legend: Vec<(RGBColor, String)> = STRATEGY_STYLES
        .iter()
        .zip(&curves)
        .map(|(style, curve)| {
            let name = match style.strategy {
                Strategy::FollowGradient => "Gradient descent",
                other => other.label(),
            };
            let last = curve.last().map_or(String::new(), |(_, accuracy)| {
                format!(" {:.0}%", accuracy * 100.0)
            });
            (style.colour, format!("{name}{last}"))
        })
        .collect();
    let entries: Vec<(RGBColor, &str)> = legend
        .iter()
        .map(|(colour, label)| (*colour, label.as_str()))
        .collect();
    // Inside the plot, under gradient descent's line (which reaches about 90% within its first
    // evaluations) and above random local search's slow climb: the one empty region of the chart.
    crate::still::with_legend_at(
        &svg,
        &entries,
        crate::still::LegendCorner::At { x: 112, y: 70 },
        HIKER_LEGEND_SCALE,
    )
}

fn step_size_palette(scheme: Scheme) -> ChartPalette {
    match scheme {
        Scheme::Light => step_size::LIGHT,
        Scheme::Dark => step_size::DARK,
    }
}

/// The loss after one step against the step size, with the demo's default step size ringed.
fn step_size_sweep_still(prepared: &PreparedDigits) -> DigitsStill {
    let objective = LossKind::Svm.on(&prepared.train, 0.0);
    let weights = sweep_weights(prepared.train.n_weights(), SWEEP_WEIGHTS_SEED);
    let (low, high) = step_size::SWEEP_LOG10_STEP_RANGE;
    let (table, curve, original_loss, chosen) = match OneStep::new(&objective, &weights) {
        Ok(one_step) => {
            let table = one_step.losses_after(&objective, &log_spaced_step_sizes(low, high, 1));
            let curve = one_step.losses_after(
                &objective,
                &log_spaced_step_sizes(low, high, step_size::SWEEP_CURVE_POINTS_PER_DECADE),
            );
            let step = step_size::SWEEP_DEFAULT_STEP;
            let chosen = (step, one_step.loss_after(&objective, step));
            (table, curve, one_step.original_loss, Some(chosen))
        }
        Err(_) => (Vec::new(), Vec::new(), f64::NAN, None),
    };
    let chart = SweepChart {
        table: &table,
        curve: &curve,
        original_loss,
        chosen,
        exponents: step_size::SWEEP_LOG10_STEP_RANGE,
    };
    DigitsStill::both(|scheme| {
        let look = ChartStyle::new(step_size_palette(scheme), STILL_PIXEL_RATIO);
        svg_of(STILL_SIZE, |area| {
            let _ = step_size::draw_sweep(area, &chart, &look);
        })
    })
}

/// One learning curve of the still: its name, its rate and `(epoch, training loss)` points.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainedCurve {
    pub label: &'static str,
    pub learning_rate: f64,
    pub points: Vec<(f64, f64)>,
}

/// The learning-curves demo's defaults: the four preset rates and the reader's, each trained for
/// the default number of epochs.
pub fn learning_curves(prepared: &PreparedDigits) -> Vec<TrainedCurve> {
    let train = &prepared.train;
    let weights = sweep_weights(train.n_weights(), SWEEP_WEIGHTS_SEED);
    CURVE_RATES
        .iter()
        .map(|rate| (rate.label, rate.learning_rate))
        .chain(std::iter::once((
            "yours",
            step_size::CURVES_DEFAULT_YOUR_RATE,
        )))
        .map(|(label, learning_rate)| {
            let settings = CurveSettings::for_learning_curves(
                learning_rate,
                step_size::CURVES_DEFAULT_EPOCHS,
                step_size::CURVES_BATCH_SEED,
            );
            let points = match LearningCurve::new(train, None, &weights, settings) {
                Ok(mut curve) => {
                    while let Ok(true) = curve.advance(train, None) {}
                    curve
                        .epochs()
                        .iter()
                        .map(|record| (record.epoch as f64, record.train_loss))
                        .collect()
                }
                Err(_) => Vec::new(),
            };
            TrainedCurve {
                label,
                learning_rate,
                points,
            }
        })
        .collect()
}

/// Loss against epoch for the five rates, each named at its end.
fn learning_curves_still(prepared: &PreparedDigits) -> DigitsStill {
    let runs = learning_curves(prepared);
    DigitsStill::both(|scheme| {
        let look = ChartStyle::new(step_size_palette(scheme), STILL_PIXEL_RATIO);
        let curves: Vec<CurveToDraw<'_>> = runs
            .iter()
            .enumerate()
            .map(|(index, curve)| CurveToDraw {
                points: &curve.points,
                colour: step_size::curve_colour(&look.palette, index),
                label: curve.label,
            })
            .collect();
        let chart = CurvesChart {
            curves: &curves,
            n_epochs: step_size::CURVES_DEFAULT_EPOCHS,
        };
        svg_of(STILL_SIZE, |area| {
            let _ = step_size::draw_learning_curves(area, &chart, &look);
        })
    })
}

/// The dashboard at the end of a run with the demo's defaults.
fn training_dashboard_still(prepared: &PreparedDigits) -> DigitsStill {
    let defaults = training_dashboard::DEFAULT_SETTINGS;
    let train = Rc::new(prepared.train.clone());
    let settings = LiveSettings {
        batch_size: defaults.batch_size.min(train.len().max(1)),
        ..defaults
    };
    let run = LiveTraining::new(train, Rc::new(prepared.validation.clone()), settings).ok();
    let run = run.map(|mut run| {
        run.measure_start();
        while run.step() {}
        run
    });
    let expected = ExpectedInitialLoss::new(settings.loss_kind, prepared.train.n_classes());
    DigitsStill::both(|scheme| {
        let picture = DashboardPicture {
            steps: run.as_ref().map_or(&[], |run| run.steps()),
            epochs: run.as_ref().map_or(&[], |run| run.epochs()),
            previous_steps: None,
            n_epochs: settings.n_epochs,
            expected_initial_loss: expected,
            log_loss: false,
            diverged_at: run
                .as_ref()
                .and_then(|run| run.diverged())
                .map(|divergence| divergence.step),
            pixel_ratio: STILL_PIXEL_RATIO,
            palette: match scheme {
                Scheme::Light => training_dashboard::LIGHT,
                Scheme::Dark => training_dashboard::DARK,
            },
        };
        svg_of(DASHBOARD_STILL_SIZE, |area| {
            let _ = training_dashboard::draw_dashboard(area, &picture);
        })
    })
}

/// The cloud of minibatch gradients at the demo's default batch size and seed.
fn minibatch_noise_still(prepared: &PreparedDigits) -> DigitsStill {
    let style_in = |scheme: Scheme| ChartStyle::new(scheme.chart_palette(), STILL_PIXEL_RATIO);
    let Ok(per_example) = minibatch_noise::demo_gradients(&prepared.train) else {
        return DigitsStill::both(|scheme| {
            svg_of(STILL_SIZE, |area| {
                let _ = area.fill(&style_in(scheme).palette.background);
            })
        });
    };
    let view = minibatch_noise::view_for(
        per_example.single_points(),
        per_example.full_gradient_norm(),
    );
    let batch_size = minibatch_noise::DEFAULT_BATCH;
    let mut rng = Rng::new(minibatch_noise::batch_stream(
        minibatch_noise::DEFAULT_SEED,
        batch_size,
    ));
    let cloud = per_example.cloud(batch_size, minibatch_noise::N_BATCHES, &mut rng);
    DigitsStill::both(|scheme| {
        svg_of(STILL_SIZE, |area| {
            let _ = minibatch_noise::draw_cloud(
                area,
                &cloud.points,
                per_example.full_gradient_norm(),
                per_example.expected_distance(batch_size),
                &view,
                &style_in(scheme),
            );
        })
    })
}
