//! What the reader's browser says about them and their screen: reduced motion, a dark colour
//! scheme, the device pixel ratio, and a listener for a change of scheme, so a demo redraws in the
//! new palette at once.

use super::listeners::Listeners;
use std::rc::Rc;
use web_sys::{Event, MediaQueryList};

const REDUCED_MOTION: &str = "(prefers-reduced-motion: reduce)";
const DARK_SCHEME: &str = "(prefers-color-scheme: dark)";

fn media_query(query: &str) -> Option<MediaQueryList> {
    web_sys::window()?.match_media(query).ok().flatten()
}

fn media_matches(query: &str) -> bool {
    media_query(query).is_some_and(|list| list.matches())
}

/// Whether the reader asked for less motion: a demo then shows the end of a run instead of
/// animating it.
pub fn prefers_reduced_motion() -> bool {
    media_matches(REDUCED_MOTION)
}

/// Whether the reader's colour scheme is dark.
pub fn prefers_dark_scheme() -> bool {
    media_matches(DARK_SCHEME)
}

/// `light` or `dark`, whichever fits the reader's colour scheme now.
pub fn by_scheme<T>(light: T, dark: T) -> T {
    if prefers_dark_scheme() { dark } else { light }
}

/// Device pixels per CSS pixel, kept to 1..=3 (1 when the browser says something strange), so no
/// screen makes a huge canvas.
pub fn pixel_ratio() -> f64 {
    web_sys::window()
        .map(|window| window.device_pixel_ratio())
        .filter(|ratio| ratio.is_finite())
        .unwrap_or(1.0)
        .clamp(1.0, 3.0)
}

/// Calls `handler` with `owner` when the reader switches between light and dark.
pub fn on_scheme_change<T: 'static>(
    listeners: &Listeners,
    owner: &Rc<T>,
    handler: impl Fn(&Rc<T>, &Event) + 'static,
) {
    if let Some(list) = media_query(DARK_SCHEME) {
        listeners.listen(owner, list.as_ref(), "change", handler);
    }
}

/// The old form of [`on_scheme_change`], for demos that keep their closures in a plain vector.
// Compatibility alias until every demo uses the kit (issue 12); removed at the end.
pub fn on_scheme_change_with_store<T: 'static>(
    owner: &Rc<T>,
    store: &std::cell::RefCell<Vec<super::listeners::EventClosure>>,
    handler: impl Fn(&Rc<T>, &Event) + 'static,
) {
    if let Some(list) = media_query(DARK_SCHEME) {
        super::listeners::listen_with_store(owner, store, list.as_ref(), "change", handler);
    }
}
