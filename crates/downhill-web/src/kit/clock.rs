//! The clock every demo reads to share a frame's time budget: milliseconds from the page's
//! performance clock, which never jumps when the system clock is set.

/// Milliseconds since the page started, or 0 where there is no performance clock.
// The race needs no clock; the demos that budget their frames read it as they move onto the kit
// (issue 12).
#[allow(dead_code)]
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or(0.0, |performance| performance.now())
}
