//! The learning-rate schedules demo: the learning rate against the step (above) and the loss against
//! the step (below) for step, exponential and 1/t decay and a constant rate, all driving the same
//! noisy run (`downhill_core::annealing`). Both axes of values are logarithmic: rates fall by decades
//! and the loss's noise floor is a decade or two under its start.

use crate::chart_style::{ChartStyle, LIGHT};
use crate::tick_labels::tick_label;
use downhill_core::annealing::{AnnealedRun, annealed_sgd, demo_problem, moving_average};
use downhill_core::schedules::LearningRateSchedule;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_svg::SVGBackend;

/// Steps in every run of the demo: enough for a good schedule to settle and a bad one to show.
pub const N_STEPS: usize = 300;

/// Steps in the moving average drawn over each raw loss curve.
pub const TREND_WINDOW: usize = 15;

/// The demo's defaults: a rate that makes fast progress and then bounces, and schedules that each
/// bring it down about twenty-fold over the run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScheduleSettings {
    pub initial_rate: f64,
    pub drop_factor: f64,
    pub steps_per_drop: usize,
    pub exponential_k: f64,
    pub inverse_time_k: f64,
    pub seed: u64,
}

pub const DEFAULTS: ScheduleSettings = ScheduleSettings {
    initial_rate: 0.1,
    drop_factor: 0.5,
    steps_per_drop: 60,
    exponential_k: 0.01,
    inverse_time_k: 0.05,
    seed: 7,
};

/// The four runs in drawing order, with their legend names and CSS class suffixes.
pub const SERIES_NAMES: [(&str, &str); 4] = [
    ("Step decay", "step"),
    ("Exponential", "exponential"),
    ("1/t", "inverse-time"),
    ("Constant", "constant"),
];

impl ScheduleSettings {
    /// The four schedules, in the order of [`SERIES_NAMES`].
    pub fn schedules(&self) -> [LearningRateSchedule; 4] {
        [
            LearningRateSchedule::StepDecay {
                drop_factor: self.drop_factor,
                steps_per_drop: self.steps_per_drop,
            },
            LearningRateSchedule::Exponential {
                k: self.exponential_k,
            },
            LearningRateSchedule::InverseTime {
                k: self.inverse_time_k,
            },
            LearningRateSchedule::Constant,
        ]
    }

    /// The four runs on the demo's noisy problem.
    pub fn runs(&self) -> Vec<AnnealedRun> {
        let (surface, start, noise) = demo_problem();
        self.schedules()
            .iter()
            .map(|&schedule| {
                annealed_sgd(
                    &surface,
                    start,
                    self.initial_rate,
                    schedule,
                    N_STEPS,
                    noise,
                    self.seed,
                )
            })
            .collect()
    }
}

/// One series: a run and the full curve of its learning rate (known before the run: a schedule is a
/// function of the step).
#[derive(Debug, Clone)]
pub struct SeriesToDraw<'a> {
    pub run: &'a AnnealedRun,
    pub planned_rates: Vec<f64>,
    pub colour: RGBColor,
    /// The constant reference is drawn dashed and thinner.
    pub reference: bool,
}

/// The planned rates of `schedule` for every step of the demo.
pub fn planned_rates(schedule: LearningRateSchedule, initial_rate: f64) -> Vec<f64> {
    (0..N_STEPS)
        .map(|step_idx| schedule.learning_rate(initial_rate, step_idx))
        .collect()
}

/// The positive, finite extent of `values` as a log-scale range with a little room, or `fallback`.
fn log_range(values: impl Iterator<Item = f64>, floor: f64, fallback: (f64, f64)) -> (f64, f64) {
    let (mut low, mut high) = (f64::INFINITY, 0.0f64);
    for value in values.filter(|value| value.is_finite() && *value > 0.0) {
        low = low.min(value);
        high = high.max(value);
    }
    if !(low.is_finite() && high > 0.0) {
        return fallback;
    }
    let low = low.max(floor).max(high * 1e-8);
    if high <= low {
        return (low / 2.0, low * 2.0);
    }
    (low / 1.3, high * 1.3)
}

/// Draws the two charts, showing the losses up to step `cursor`.
pub fn draw_schedules<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    series: &[SeriesToDraw<'_>],
    cursor: usize,
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let palette = &style.palette;
    area.fill(&palette.background)?;
    let text = |size: f64| {
        (FontFamily::SansSerif, size)
            .into_font()
            .color(&palette.text)
    };
    let (_, height) = area.dim_in_pixel();
    let (upper, lower) = area.split_vertically(height * 2 / 5);
    let cursor = cursor.min(N_STEPS);
    let x_range = 0.0..N_STEPS as f64;
    let line = style.px(2.0);

    let rate_range = log_range(
        series
            .iter()
            .flat_map(|one| one.planned_rates.iter().copied()),
        1e-9,
        (1e-3, 1.0),
    );
    let mut rate_chart = ChartBuilder::on(&upper)
        .margin(style.px(8.0))
        // Room for half of the last x tick's label, which is centred on the plot's right edge.
        .margin_right(style.px(16.0))
        .x_label_area_size(style.px(20.0))
        .y_label_area_size(style.px(52.0))
        .build_cartesian_2d(x_range.clone(), (rate_range.0..rate_range.1).log_scale())?;
    rate_chart
        .configure_mesh()
        .x_labels(7)
        .y_labels(4)
        .x_label_formatter(&|step| format!("{step:.0}"))
        .y_label_formatter(&|rate| tick_label(*rate))
        .y_desc("learning rate")
        .label_style(text(style.label_size()))
        .axis_desc_style(text(style.label_size()))
        .axis_style(palette.axis.stroke_width(style.px(1.0)))
        .bold_line_style(palette.grid.stroke_width(style.px(1.0)))
        .light_line_style(TRANSPARENT)
        .draw()?;
    for one in series {
        let points = one
            .planned_rates
            .iter()
            .enumerate()
            .filter(|(_, rate)| rate.is_finite() && **rate > 0.0)
            .map(|(step_idx, &rate)| (step_idx as f64, rate.max(rate_range.0)));
        if one.reference {
            rate_chart.draw_series(DashedLineSeries::new(
                points.collect::<Vec<_>>(),
                style.px(6.0),
                style.px(4.0),
                one.colour.stroke_width(style.px(1.5)),
            ))?;
        } else {
            rate_chart.draw_series(LineSeries::new(points, one.colour.stroke_width(line)))?;
        }
    }
    draw_cursor(&mut rate_chart, cursor, rate_range, style)?;

    let loss_range = log_range(
        series.iter().flat_map(|one| one.run.losses.iter().copied()),
        1e-6,
        (1e-2, 10.0),
    );
    let mut loss_chart = ChartBuilder::on(&lower)
        .margin(style.px(8.0))
        .margin_right(style.px(16.0))
        .x_label_area_size(style.px(34.0))
        .y_label_area_size(style.px(52.0))
        .build_cartesian_2d(x_range, (loss_range.0..loss_range.1).log_scale())?;
    loss_chart
        .configure_mesh()
        .x_labels(7)
        .y_labels(5)
        .x_label_formatter(&|step| format!("{step:.0}"))
        .y_label_formatter(&|loss| tick_label(*loss))
        .x_desc("step")
        .y_desc("loss")
        .label_style(text(style.label_size()))
        .axis_desc_style(text(style.label_size()))
        .axis_style(palette.axis.stroke_width(style.px(1.0)))
        .bold_line_style(palette.grid.stroke_width(style.px(1.0)))
        .light_line_style(TRANSPARENT)
        .draw()?;
    // The constant reference first, so the schedules draw over it. Each loss is drawn raw and faint
    // (the bouncing) with its moving average over it (the trend).
    for one in series.iter().rev() {
        let shown = (cursor + 1).min(one.run.losses.len());
        let raw = &one.run.losses[..shown];
        let trend = moving_average(raw, TREND_WINDOW);
        let points = |values: &[f64]| -> Vec<(f64, f64)> {
            values
                .iter()
                .enumerate()
                .filter(|(_, loss)| loss.is_finite() && **loss > 0.0)
                .map(|(step_idx, &loss)| (step_idx as f64, loss.max(loss_range.0)))
                .collect()
        };
        loss_chart.draw_series(LineSeries::new(
            points(raw),
            one.colour.mix(0.35).stroke_width(style.px(1.0)),
        ))?;
        let width = if one.reference { style.px(1.5) } else { line };
        loss_chart.draw_series(LineSeries::new(
            points(&trend),
            one.colour.stroke_width(width),
        ))?;
        if let Some(step) = one.run.diverged_at.filter(|&step| step <= cursor) {
            let last = one.run.losses.last().copied().unwrap_or(loss_range.1);
            loss_chart.draw_series(std::iter::once(Cross::new(
                ((step - 1) as f64, last.clamp(loss_range.0, loss_range.1)),
                style.px(6.0) as i32,
                one.colour.stroke_width(style.px(2.5)),
            )))?;
        }
    }
    draw_cursor(&mut loss_chart, cursor, loss_range, style)?;
    Ok(())
}

type LogChart<'a, DB> = ChartContext<
    'a,
    DB,
    Cartesian2d<
        plotters::coord::types::RangedCoordf64,
        plotters::coord::combinators::LogCoord<f64>,
    >,
>;

fn draw_cursor<DB: DrawingBackend>(
    chart: &mut LogChart<'_, DB>,
    cursor: usize,
    range: (f64, f64),
    style: &ChartStyle,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    if cursor == 0 || cursor >= N_STEPS {
        return Ok(());
    }
    chart.draw_series(std::iter::once(PathElement::new(
        vec![(cursor as f64, range.0), (cursor as f64, range.1)],
        style.palette.emphasis.mix(0.5).stroke_width(style.px(1.0)),
    )))?;
    Ok(())
}

/// The picture of `settings` at `cursor` as SVG, light: the SVG export.
pub fn schedules_svg(settings: &ScheduleSettings, cursor: usize, size: (u32, u32)) -> String {
    schedules_svg_in(settings, cursor, size, &ChartStyle::new(LIGHT, 1.0))
}

/// The picture of `settings` at `cursor` as SVG in `style`.
pub fn schedules_svg_in(
    settings: &ScheduleSettings,
    cursor: usize,
    size: (u32, u32),
    style: &ChartStyle,
) -> String {
    let runs = settings.runs();
    let series = series_for(settings, &runs, style);
    let mut svg = String::new();
    {
        let area = crate::any_backend::AnyBackend::new(SVGBackend::with_string(&mut svg, size))
            .into_drawing_area();
        // Drawing into a String cannot fail.
        let _ = draw_schedules(&area, &series, cursor, style);
        let _ = area.present();
    }
    svg
}

/// The four series of `runs` (from [`ScheduleSettings::runs`]) in `style`'s colours.
pub fn series_for<'a>(
    settings: &ScheduleSettings,
    runs: &'a [AnnealedRun],
    style: &ChartStyle,
) -> Vec<SeriesToDraw<'a>> {
    settings
        .schedules()
        .iter()
        .zip(runs)
        .enumerate()
        .map(|(idx, (&schedule, run))| SeriesToDraw {
            run,
            planned_rates: planned_rates(schedule, settings.initial_rate),
            colour: style.palette.series[idx.min(3)],
            reference: schedule == LearningRateSchedule::Constant,
        })
        .collect()
}

/// The still: the defaults, the whole run, light.
pub fn still_svg() -> String {
    still_svg_in(crate::still::Scheme::Light)
}

/// The still in `scheme`, drawn at the stills' pixel ratio so its text reads on a phone.
pub fn still_svg_in(scheme: crate::still::Scheme) -> String {
    let style = ChartStyle::new(
        scheme.chart_palette(),
        crate::still::CHART_STILL_PIXEL_RATIO,
    );
    let svg = schedules_svg_in(&DEFAULTS, N_STEPS, (640, 480), &style);
    // The live demo names its series in an HTML legend beside the chart; the still carries its own,
    // in a row below the chart, since every corner of both panels holds some curve.
    let entries: Vec<(RGBColor, &str)> = SERIES_NAMES
        .iter()
        .zip(style.palette.series)
        .map(|((name, _), colour)| (colour, *name))
        .collect();
    crate::still::with_legend_row_below(&svg, &entries, 1.25)
}

#[cfg(test)]
mod tests {
    use super::*;
    use downhill_core::annealing::settled_loss;

    #[test]
    fn the_still_draws_four_series_without_nan() {
        let svg = still_svg();
        assert!(svg.starts_with("<svg"));
        for colour in ["#0066CC", "#CC4400", "#008844", "#6E6E6E"] {
            assert!(svg.contains(colour), "no series in {colour}");
        }
        assert!(svg.contains("learning rate") && svg.contains("loss"));
        for (name, _) in SERIES_NAMES {
            assert!(
                svg.contains(&format!(">{name}</text>")),
                "no legend entry {name}"
            );
        }
        // The legend's strip below the chart grows the document and its background with it.
        assert_eq!(crate::still::svg_size(&svg), Some((640, 530)));
        assert!(svg.contains("<rect x=\"0\" y=\"0\" width=\"640\" height=\"530\""));
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
        assert!(!svg.contains("style="));
    }

    #[test]
    fn the_default_schedules_settle_below_the_constant_rate() {
        // What the caption asks the reader to see: each default schedule ends lower than the
        // bouncing constant rate.
        let runs = DEFAULTS.runs();
        let constant = settled_loss(&runs[3], 50).unwrap();
        for run in &runs[..3] {
            let settled = settled_loss(run, 50).unwrap();
            assert!(settled < 0.5 * constant, "{settled} vs constant {constant}");
        }
    }

    #[test]
    fn ranges_ignore_zero_and_non_finite_values() {
        let (low, high) = log_range([0.0, f64::NAN, 0.5, 2.0].into_iter(), 1e-9, (1.0, 2.0));
        assert!(low > 0.0 && low < 0.5 && high > 2.0);
        assert_eq!(log_range([0.0].into_iter(), 1e-9, (1.0, 2.0)), (1.0, 2.0));
    }
}
