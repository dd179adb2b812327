//! Puts the main-thread work of a demo's animation frame on the browser's performance timeline, so
//! the speed harness (`tests/bench/browser.mjs`) can read what each frame cost with a
//! `PerformanceObserver`, beside the frame intervals it records itself.
//!
//! Each measure is taken off the timeline as soon as it is made (an observer has already been handed
//! it), so a demo that plays for an hour leaves nothing behind.

/// Runs `work` between a performance mark and a measure named `name`, and returns its result.
pub fn measured<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let Some(performance) = web_sys::window().and_then(|window| window.performance()) else {
        return work();
    };
    let start_mark = format!("{name} start");
    let _ = performance.mark(&start_mark);
    let result = work();
    let _ = performance.measure_with_start_mark(name, &start_mark);
    performance.clear_marks_with_mark_name(&start_mark);
    performance.clear_measures_with_measure_name(name);
    result
}

/// The measure name of one demo's animation frames: `downhill-frame` and the figure's id.
pub fn frame_measure_name(figure: Option<&web_sys::Element>) -> String {
    match figure {
        Some(figure) => format!("downhill-frame {}", figure.id()),
        None => "downhill-frame".to_string(),
    }
}
