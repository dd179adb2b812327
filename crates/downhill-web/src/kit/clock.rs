//! The clock every demo reads to share a frame's time budget: milliseconds from the page's
//! performance clock, which never jumps when the system clock is set.

/// Milliseconds since the page started, or 0 where there is no performance clock.
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or(0.0, |performance| performance.now())
}
