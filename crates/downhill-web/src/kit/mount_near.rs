//! Which demos mount when: a demo the address names (its figure's id as the fragment, or a setting
//! of it in the query, as a copied link has) mounts at once, before anything else; every other demo
//! mounts once it comes within about a screen of the viewport, through [`super::mount_queue`]. Until
//! then its still picture stays, and it costs nothing, so a long page starts as fast as a short one.

use std::cell::RefCell;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};

/// How far outside the viewport a demo starts mounting: one screen height above and below, so a
/// reader scrolling at reading speed meets it live.
const NEAR_SCREEN_MARGIN: &str = "100% 0px 100% 0px";

type ObserverClosure = Closure<dyn FnMut(js_sys::Array, IntersectionObserver)>;

thread_local! {
    // The observer's callback lives as long as the page; it stops observing each figure it queues.
    static ON_NEAR: RefCell<Option<ObserverClosure>> = const { RefCell::new(None) };
}

/// Whether the address names the figure `id`: the fragment is `#id`, or a query key is `id.NAME`.
/// Pure, so its edge cases are tested natively.
pub fn named_in_address<'key>(
    id: &str,
    fragment: &str,
    mut query_keys: impl Iterator<Item = &'key str>,
) -> bool {
    if id.is_empty() {
        return false;
    }
    fragment.strip_prefix('#') == Some(id)
        || query_keys.any(|key| {
            key.strip_prefix(id)
                .is_some_and(|rest| rest.starts_with('.'))
        })
}

/// Mounts the figures the address names now, and the others as they come near the screen. Without
/// an IntersectionObserver (a very old browser) every figure is queued, one per task.
pub fn mount_named_now_others_when_near(figures: Vec<Element>) {
    let location = web_sys::window().map(|window| window.location());
    let fragment = location
        .as_ref()
        .and_then(|location| location.hash().ok())
        .unwrap_or_default();
    let search = location
        .as_ref()
        .and_then(|location| location.search().ok())
        .unwrap_or_default();
    let query = crate::settings::query_pairs(&search);
    let mut later = Vec::new();
    for figure in figures {
        let keys = query.iter().map(|(key, _value)| key.as_str());
        if named_in_address(&figure.id(), &fragment, keys) {
            super::mount::mount_figure(&figure);
        } else {
            later.push(figure);
        }
    }
    match near_screen_observer() {
        Some(observer) => later.iter().for_each(|figure| observer.observe(figure)),
        None => later.into_iter().for_each(super::mount_queue::enqueue),
    }
}

/// An observer that queues each figure the first time it comes near the screen.
fn near_screen_observer() -> Option<IntersectionObserver> {
    let closure = ObserverClosure::new(|entries: js_sys::Array, observer: IntersectionObserver| {
        for entry in entries.iter() {
            let Ok(entry) = entry.dyn_into::<IntersectionObserverEntry>() else {
                continue;
            };
            if entry.is_intersecting() {
                let figure = entry.target();
                observer.unobserve(&figure);
                super::mount_queue::enqueue(figure);
            }
        }
    });
    let options = IntersectionObserverInit::new();
    options.set_root_margin(NEAR_SCREEN_MARGIN);
    let observer =
        IntersectionObserver::new_with_options(closure.as_ref().unchecked_ref(), &options).ok()?;
    ON_NEAR.with(|on_near| *on_near.borrow_mut() = Some(closure));
    Some(observer)
}

#[cfg(test)]
mod tests {
    use super::named_in_address;

    #[test]
    fn the_fragment_names_a_figure_by_its_whole_id() {
        assert!(named_in_address("demo-2", "#demo-2", std::iter::empty()));
        assert!(!named_in_address("demo-2", "#demo-22", std::iter::empty()));
        assert!(!named_in_address("demo-2", "demo-2", std::iter::empty()));
        assert!(!named_in_address("demo-2", "", std::iter::empty()));
    }

    #[test]
    fn a_query_key_names_the_figure_whose_id_and_a_dot_begin_it() {
        assert!(named_in_address("demo-2", "", ["demo-2.lr"].into_iter()));
        assert!(named_in_address(
            "demo-2",
            "",
            ["x", "demo-2.speed"].into_iter()
        ));
        assert!(!named_in_address("demo-2", "", ["demo-22.lr"].into_iter()));
        assert!(!named_in_address("demo-2", "", ["demo-2"].into_iter()));
        assert!(!named_in_address("demo", "", ["demo-2.lr"].into_iter()));
    }

    #[test]
    fn a_figure_without_an_id_is_never_named() {
        assert!(!named_in_address("", "#", [".lr"].into_iter()));
    }
}
