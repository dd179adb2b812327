//! The demos' interface text in the page's language: every label, button, readout and message a
//! demo shows comes from here by key (`"kit.play"`, or a demo's own keys under its name).
//!
//! The text is not in the module: the renderer writes a `<script type="application/json"
//! id="demo-strings">` block into each page with demos, holding the keys of that page's demos in
//! its language (`lessons/strings/<code>/demos.toml`). The block is parsed by the browser once per
//! page and kept as a JavaScript object; a lookup asks it for one key. A key the page lacks shows
//! as the key itself, logged once, and never panics: the panic box's message comes through here too.
//!
//! Native unit tests have no page: there, and only under `cfg(test)`, the English file is compiled
//! in, so a model's tests read the English a reader would see.

use downhill_core::optimizers::OptimizerKind;
use downhill_core::surfaces::SurfaceKind;
#[cfg(target_arch = "wasm32")]
use std::cell::OnceCell;
use std::cell::RefCell;

/// The id of the page's block, as the renderer writes it.
#[cfg(target_arch = "wasm32")]
const BLOCK_ID: &str = "demo-strings";

thread_local! {
    #[cfg(target_arch = "wasm32")]
    static PAGE: OnceCell<Option<js_sys::Object>> = const { OnceCell::new() };
    static REPORTED: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// The text of `key` in the page's language, or the key itself when the page lacks it.
pub fn text(key: &str) -> String {
    lookup(key).unwrap_or_else(|| {
        report_missing(key);
        key.to_string()
    })
}

/// The text of `key` with each `{name}` replaced by its value from `values`.
pub fn fill(key: &str, values: &[(&str, &str)]) -> String {
    fill_in(&text(key), values)
}

/// `template` with each `{name}` replaced by its value, in one pass, so a value that itself holds
/// braces (a reader's expression, a panic message) is left as it is. Unknown names stay as written.
pub fn fill_in(template: &str, values: &[(&str, &str)]) -> String {
    let mut filled = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        filled.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(known, _)| *known == name)
                .map(|(_, value)| (*value, close))
        });
        match value {
            Some((value, close)) => {
                filled.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                filled.push('{');
                rest = after;
            }
        }
    }
    filled.push_str(rest);
    filled
}

#[cfg(target_arch = "wasm32")]
fn lookup(key: &str) -> Option<String> {
    let found = PAGE
        .try_with(|page| {
            let object = page.get_or_init(read_page).as_ref()?;
            lookup_in(object, key)
        })
        .ok()
        .flatten();
    #[cfg(test)]
    let found = found.or_else(|| english_for_tests(key));
    found
}

#[cfg(not(target_arch = "wasm32"))]
fn lookup(key: &str) -> Option<String> {
    #[cfg(test)]
    return english_for_tests(key);
    #[cfg(not(test))]
    {
        let _ = key;
        None
    }
}

/// The page's block, parsed by the browser, or `None` when the page has none or it is not an object.
#[cfg(target_arch = "wasm32")]
fn read_page() -> Option<js_sys::Object> {
    use wasm_bindgen::JsCast;
    let document = web_sys::window()?.document()?;
    let json = document.get_element_by_id(BLOCK_ID)?.text_content()?;
    js_sys::JSON::parse(&json)
        .ok()?
        .dyn_into::<js_sys::Object>()
        .ok()
}

/// The string `object` holds under `key` as its own property; anything else (inherited names such
/// as `toString`, numbers) is not a string of the page.
#[cfg(target_arch = "wasm32")]
fn lookup_in(object: &js_sys::Object, key: &str) -> Option<String> {
    let key = wasm_bindgen::JsValue::from_str(key);
    if !js_sys::Object::has_own(object, &key) {
        return None;
    }
    js_sys::Reflect::get(object, &key).ok()?.as_string()
}

/// Logs a missing key once per page, so a forgotten key shows in the console without flooding it.
fn report_missing(key: &str) {
    let first_time = REPORTED
        .try_with(|reported| {
            let Ok(mut reported) = reported.try_borrow_mut() else {
                return false;
            };
            if reported.iter().any(|known| known == key) {
                return false;
            }
            reported.push(key.to_string());
            true
        })
        .unwrap_or(false);
    #[cfg(target_arch = "wasm32")]
    if first_time {
        web_sys::console::warn_1(&format!("Downhill: no demo string `{key}` on this page").into());
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = first_time;
}

/// `items` joined with the page language's list separator (", " or "、").
pub fn join_list(items: &[String]) -> String {
    items.join(&text("kit.list_separator"))
}

/// An optimizer's name in the page's language, as legends and menus show it.
pub fn optimizer_name(kind: OptimizerKind) -> String {
    text(match kind {
        OptimizerKind::Sgd => "kit.optimizer_sgd",
        OptimizerKind::Momentum => "kit.optimizer_momentum",
        OptimizerKind::Nesterov => "kit.optimizer_nesterov",
        OptimizerKind::Adagrad => "kit.optimizer_adagrad",
        OptimizerKind::RmsProp => "kit.optimizer_rmsprop",
        OptimizerKind::Adam => "kit.optimizer_adam",
        OptimizerKind::Newton => "kit.optimizer_newton",
    })
}

/// A surface's name in the page's language.
pub fn surface_name(kind: SurfaceKind) -> String {
    text(match kind {
        SurfaceKind::Bowl => "kit.surface_bowl",
        SurfaceKind::Ravine => "kit.surface_ravine",
        SurfaceKind::Saddle => "kit.surface_saddle",
        SurfaceKind::BoundedSaddle => "kit.surface_bounded_saddle",
        SurfaceKind::Rosenbrock => "kit.surface_rosenbrock",
        SurfaceKind::Beale => "kit.surface_beale",
        SurfaceKind::Himmelblau => "kit.surface_himmelblau",
        SurfaceKind::Bumpy => "kit.surface_bumpy",
    })
}

/// Reads a strings file written as the English one is (`[table]` lines and `key = "value"` lines,
/// each value one basic string) into `("table.key", value)` pairs. For tests, which have no
/// renderer: the shipped module never calls it, so the linker leaves it out.
#[doc(hidden)]
pub fn read_strings_file(text: &str) -> Vec<(String, String)> {
    let mut table = "";
    let mut pairs = Vec::new();
    for line in text.lines().map(str::trim) {
        if let Some(name) = line
            .strip_prefix('[')
            .and_then(|rest| rest.strip_suffix(']'))
        {
            table = name.trim();
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        let Some(quoted) = value
            .trim()
            .strip_prefix('"')
            .and_then(|rest| rest.strip_suffix('"'))
        else {
            continue;
        };
        pairs.push((format!("{table}.{}", key.trim()), unescape(quoted)));
    }
    pairs
}

/// A TOML basic string's escapes (`\"`, `\\`, `\n`, `\t`, `\uXXXX`) read back.
fn unescape(quoted: &str) -> String {
    let mut text = String::with_capacity(quoted.len());
    let mut chars = quoted.chars();
    while let Some(character) = chars.next() {
        if character != '\\' {
            text.push(character);
            continue;
        }
        match chars.next() {
            Some('n') => text.push('\n'),
            Some('t') => text.push('\t'),
            Some('u') => {
                let code: String = chars.by_ref().take(4).collect();
                if let Some(decoded) = u32::from_str_radix(&code, 16).ok().and_then(char::from_u32)
                {
                    text.push(decoded);
                }
            }
            Some(other) => text.push(other),
            None => {}
        }
    }
    text
}

#[cfg(test)]
fn english_for_tests(key: &str) -> Option<String> {
    thread_local! {
        static ENGLISH: Vec<(String, String)> =
            read_strings_file(include_str!("../../../../lessons/strings/en/demos.toml"));
    }
    ENGLISH.with(|english| {
        english
            .iter()
            .find(|(known, _)| known == key)
            .map(|(_, value)| value.clone())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tests_read_the_english_file() {
        assert_eq!(text("kit.play"), "Play");
        assert_eq!(
            fill("kit.file_saved", &[("file", "race.csv")]),
            "race.csv saved."
        );
    }

    #[test]
    fn a_missing_key_shows_the_key() {
        assert_eq!(text("no-such-demo.no_such_key"), "no-such-demo.no_such_key");
        assert_eq!(text("no-such-demo.no_such_key"), "no-such-demo.no_such_key");
    }

    #[test]
    fn filling_replaces_known_names_once_and_leaves_the_rest() {
        assert_eq!(
            fill_in("{a} and {b}, {a}", &[("a", "x"), ("b", "{a}")]),
            "x and {a}, x"
        );
        assert_eq!(fill_in("{unknown} {", &[("a", "x")]), "{unknown} {");
        assert_eq!(fill_in("no names", &[]), "no names");
        assert_eq!(fill_in("é{a}ü", &[("a", "中")]), "é中ü");
    }

    #[test]
    fn the_strings_file_reader_decodes_escapes_and_tables() {
        let pairs = read_strings_file(
            "# comment\n[kit]\nplay = \"Play\"\n[race]\nquote = \"a \\\"b\\\" \\u00e9\\\\\"\n",
        );
        assert_eq!(
            pairs,
            [
                ("kit.play".to_string(), "Play".to_string()),
                ("race.quote".to_string(), "a \"b\" é\\".to_string())
            ]
        );
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_page_object_answers_only_its_own_string_keys() {
        let object: js_sys::Object = js_sys::JSON::parse("{\"kit.play\":\"Пуск\",\"kit.count\":3}")
            .unwrap()
            .into();
        assert_eq!(lookup_in(&object, "kit.play").as_deref(), Some("Пуск"));
        assert_eq!(lookup_in(&object, "kit.count"), None);
        assert_eq!(lookup_in(&object, "toString"), None);
        assert_eq!(lookup_in(&object, "__proto__"), None);
    }
}
