//! Benchmark entry points for `cargo xtask bench`: the landscape drawn the naive way and our way, and
//! optimizer steps timed inside wasm, so the harness can set each beside its alternative.
//!
//! Nothing on a lesson page calls these, so the shipped module leaves them out: they are compiled
//! only with the `bench-entry-points` feature, into the second copy of the site that `cargo xtask
//! bench` builds for the browser harness (`tests/bench/browser.mjs`). The code they time is the
//! demos' own (the same functions, at the same profile).

use crate::kit::clock::now_ms;
use crate::kit::layers::context_2d;
use downhill_core::optimizers::OptimizerKind;
use downhill_core::surfaces::SurfaceKind;
use downhill_core::trajectory::{RunSettings, run_optimizer};
use downhill_plots::heatmap;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{Clamped, JsCast};
use web_sys::{HtmlCanvasElement, ImageData};

/// Steps in each timed optimizer run: the race's run length, and the criterion bench's.
const N_RACE_STEPS: usize = 1_000;

/// The times of one landscape benchmark, in milliseconds, one entry per repetition.
struct LandscapeTimes {
    naive_ms: Vec<f64>,
    buffer_ms: Vec<f64>,
}

/// Optimizer throughput inside wasm, in the order of `OptimizerKind::ALL`.
struct StepRates {
    names: Vec<&'static str>,
    steps_per_second: Vec<f64>,
}

/// A plain JavaScript object with the given fields. Written by hand rather than with serde: two small
/// results do not justify serde-wasm-bindgen's code in the module every reader downloads.
fn js_object(fields: &[(&str, JsValue)]) -> JsValue {
    let object = js_sys::Object::new();
    for (name, value) in fields {
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object.into()
}

fn js_array<T>(items: &[T], to_js: impl Fn(&T) -> JsValue) -> JsValue {
    items.iter().map(to_js).collect::<js_sys::Array>().into()
}

fn surface_named(name: &str) -> Result<SurfaceKind, JsValue> {
    SurfaceKind::ALL
        .into_iter()
        .find(|kind| kind.name() == name)
        .ok_or_else(|| JsValue::from_str(&format!("unknown surface `{name}`")))
}

/// The landscape's colours for a `columns x rows` grid, computed as the race computes them.
fn landscape_pixels(kind: SurfaceKind, columns: usize, rows: usize) -> Vec<u8> {
    heatmap::surface_rgba(kind.build().as_ref(), columns, rows).0
}

/// Reads one pixel back, which makes the browser finish every drawing call queued on the canvas, so
/// the time includes the rasterising and not only the recording of the calls.
fn flush(canvas: &HtmlCanvasElement) {
    if let Some(context) = context_2d(canvas) {
        let _ = context.get_image_data(0.0, 0.0, 1.0, 1.0);
    }
}

/// The naive way: sample and colour the grid, then one plotters rectangle per cell through the
/// canvas backend, each `canvas.width / columns` by `canvas.height / rows` device pixels.
fn draw_naive(canvas: &HtmlCanvasElement, kind: SurfaceKind, columns: usize, rows: usize) {
    let rgba = landscape_pixels(kind, columns, rows);
    let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else {
        return;
    };
    let area = backend.into_drawing_area();
    let (width, height) = area.dim_in_pixel();
    let cell_edge = |index: usize, n_cells: usize, extent: u32| {
        (index as f64 * extent as f64 / n_cells as f64).round() as i32
    };
    for row in 0..rows {
        for column in 0..columns {
            let offset = (row * columns + column) * 4;
            let colour = RGBColor(rgba[offset], rgba[offset + 1], rgba[offset + 2]);
            let corner = (
                cell_edge(column, columns, width),
                cell_edge(row, rows, height),
            );
            let far_corner = (
                cell_edge(column + 1, columns, width),
                cell_edge(row + 1, rows, height),
            );
            let _ = area.draw(&Rectangle::new([corner, far_corner], colour.filled()));
        }
    }
    let _ = area.present();
}

/// Our way, as `LayeredCanvas::put_landscape` does it: sample and colour the grid, then one
/// `putImageData` of a `columns x rows` buffer that CSS stretches to the frame.
fn draw_buffer(canvas: &HtmlCanvasElement, kind: SurfaceKind, columns: usize, rows: usize) {
    let rgba = landscape_pixels(kind, columns, rows);
    canvas.set_width(columns as u32);
    canvas.set_height(rows as u32);
    let Some(context) = context_2d(canvas) else {
        return;
    };
    if let Ok(image) =
        ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), columns as u32, rows as u32)
    {
        let _ = context.put_image_data(&image, 0.0, 0.0);
    }
}

/// Draws the landscape of `surface` on a `columns x rows` grid `n_repeats` times the naive way into
/// `naive_canvas` (left at the caller's size) and `n_repeats` times our way into `buffer_canvas`.
/// Returns `{ naive_ms: [...], buffer_ms: [...] }`, each time covering sampling, colouring, drawing
/// and the browser's rasterising.
#[wasm_bindgen]
pub fn bench_landscape(
    naive_canvas: JsValue,
    buffer_canvas: JsValue,
    surface: &str,
    columns: u32,
    rows: u32,
    n_repeats: u32,
) -> Result<JsValue, JsValue> {
    let kind = surface_named(surface)?;
    let naive_canvas: HtmlCanvasElement = naive_canvas.dyn_into()?;
    let buffer_canvas: HtmlCanvasElement = buffer_canvas.dyn_into()?;
    let (columns, rows) = (columns.max(1) as usize, rows.max(1) as usize);
    let mut times = LandscapeTimes {
        naive_ms: Vec::new(),
        buffer_ms: Vec::new(),
    };
    for _ in 0..n_repeats {
        let started = now_ms();
        draw_naive(&naive_canvas, kind, columns, rows);
        flush(&naive_canvas);
        times.naive_ms.push(now_ms() - started);

        let started = now_ms();
        draw_buffer(&buffer_canvas, kind, columns, rows);
        flush(&buffer_canvas);
        times.buffer_ms.push(now_ms() - started);
    }
    Ok(js_object(&[
        ("naive_ms", js_array(&times.naive_ms, |&ms| ms.into())),
        ("buffer_ms", js_array(&times.buffer_ms, |&ms| ms.into())),
    ]))
}

/// Runs every optimizer `n_runs` times for 1,000 steps from the bounded saddle's default start,
/// never stopping early, exactly as the core's criterion bench `1,000-step runs on the bounded
/// saddle` does natively. Returns `{ names, steps_per_second }`, where steps per second is
/// `n_runs * 1000 / seconds`.
#[wasm_bindgen]
pub fn bench_optimizer_steps(n_runs: u32) -> Result<JsValue, JsValue> {
    let surface = SurfaceKind::BoundedSaddle.build();
    let start = surface.default_start();
    let settings = RunSettings {
        gradient_tolerance: f64::NEG_INFINITY,
        ..RunSettings::with_steps(N_RACE_STEPS)
    };
    let mut rates = StepRates {
        names: Vec::new(),
        steps_per_second: Vec::new(),
    };
    let mut checksum = 0.0;
    for kind in OptimizerKind::ALL {
        let optimizer = kind.build_default();
        let started = now_ms();
        for _ in 0..n_runs {
            if let Ok(trajectory) =
                run_optimizer(surface.as_ref(), optimizer.clone(), start, settings)
            {
                // Using the result keeps the optimizer from dropping the work.
                checksum += trajectory.points.len() as f64;
            }
        }
        let seconds = (now_ms() - started) / 1000.0;
        rates.names.push(kind.name());
        rates
            .steps_per_second
            .push(n_runs as f64 * N_RACE_STEPS as f64 / seconds.max(1e-9));
    }
    std::hint::black_box(checksum);
    Ok(js_object(&[
        ("names", js_array(&rates.names, |&name| name.into())),
        (
            "steps_per_second",
            js_array(&rates.steps_per_second, |&rate| rate.into()),
        ),
    ]))
}
