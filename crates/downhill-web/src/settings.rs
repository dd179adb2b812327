//! A demo's settings: the lesson's starting values (JSON in the figure's `data-settings`, written by
//! the renderer) overridden by the page URL (`?demo-1.surface=beale`), so a shared link reproduces
//! what its sender saw.
//!
//! Everything read here is validated: a value that is not a number, out of range or unknown falls
//! back to the demo's default (or the nearest allowed value) and leaves a polite message for the demo
//! to show. Nothing from the URL is ever put into the page as HTML; messages are set as text, and they
//! repeat no URL value (only our own key names and numbers; a demo that names an unknown entry shortens
//! it first).
//!
//! The reading itself is pure Rust ([`Settings::from_parts`]): only [`Settings::for_figure`] and
//! [`Settings::new`] touch the browser, to decode the query string and the lesson's JSON, so the
//! validation runs in native property tests.

use crate::kit::strings::{fill, text};
use crate::number_text::parse_number;
use std::cell::RefCell;
use wasm_bindgen::JsValue;
use web_sys::Element;

/// The longest setting value we read; anything longer is a mangled link, not a setting.
pub const MAX_VALUE_LENGTH: usize = 64;

/// The most entries a list setting keeps.
pub const MAX_LIST_ENTRIES: usize = 16;

/// What every demo's settings type offers: read from the lesson and the URL (each value validated, a
/// bad one falling back with a polite message), and written back as the URL pairs that read again
/// give the same settings. One trait, so one property test (in `demos/hostile_links.rs`,
/// `assert_round_trip`) checks the round trip of every demo, and the address bar, copied links and
/// the settings readers cannot drift apart.
pub trait DemoSettings: Sized + Clone + PartialEq + std::fmt::Debug {
    /// Reads the lesson's values and the URL's, each validated.
    fn read(source: &Settings) -> Self;
    /// The settings as `(key, value)` pairs under the keys [`DemoSettings::read`] reads.
    fn write(&self) -> Vec<(String, String)>;
}

/// One value of the lesson's `data-settings` object, as plain data.
#[derive(Clone, Debug, PartialEq)]
pub enum LessonValue {
    Text(String),
    Number(f64),
    Flag(bool),
    List(Vec<String>),
}

pub struct Settings {
    from_lesson: Vec<(String, LessonValue)>,
    from_url: Vec<(String, String)>,
    messages: RefCell<Vec<String>>,
}

impl Settings {
    /// Reads the figure's settings and the URL's; malformed JSON gives empty lesson settings.
    pub fn for_figure(figure: &Element) -> Settings {
        let from_lesson = figure
            .get_attribute("data-settings")
            .and_then(|text| js_sys::JSON::parse(&text).ok())
            .unwrap_or(JsValue::NULL);
        let search = web_sys::window()
            .and_then(|window| window.location().search().ok())
            .unwrap_or_default();
        Settings::new(&figure.id(), from_lesson, &search)
    }

    /// Builds settings from the browser's pieces: the lesson's JSON object (anything else counts as
    /// empty) and a URL query string such as `?demo-1.lr=0.1`, decoded by the browser's
    /// `URLSearchParams`.
    pub fn new(prefix: &str, from_lesson: JsValue, search: &str) -> Settings {
        Settings::from_parts(prefix, lesson_values(&from_lesson), query_pairs(search))
    }

    /// Builds settings from plain data: the lesson's values and the query's decoded `(key, value)`
    /// pairs in order. Only keys `prefix.name` are this demo's; the rest belong to other demos.
    pub fn from_parts(
        prefix: &str,
        from_lesson: Vec<(String, LessonValue)>,
        query_pairs: impl IntoIterator<Item = (String, String)>,
    ) -> Settings {
        let key_prefix = format!("{prefix}.");
        let from_url = query_pairs
            .into_iter()
            .filter_map(|(key, value)| {
                key.strip_prefix(&key_prefix)
                    .map(|name| (name.to_string(), value))
            })
            .collect();
        Settings {
            from_lesson,
            from_url,
            messages: RefCell::new(Vec::new()),
        }
    }

    /// A text setting; the URL wins over the lesson. When a key is repeated in the URL the last wins,
    /// and the reader is told, since the link may not say what its sender meant.
    pub fn text(&self, key: &str) -> Option<String> {
        if let Some((_, value)) = self.from_url.iter().rev().find(|(name, _)| name == key) {
            if self.from_url.iter().filter(|(name, _)| name == key).count() > 1 {
                self.note(fill("kit.setting_repeated", &[("key", key)]));
            }
            if value.chars().count() > MAX_VALUE_LENGTH {
                self.note(fill("kit.setting_too_long", &[("key", key)]));
                return None;
            }
            return Some(value.clone());
        }
        // A lesson may write `blindfold = true`: booleans read as the text `flag` understands.
        match self.lesson_value(key)? {
            LessonValue::Text(text) => Some(text.clone()),
            LessonValue::Number(number) => Some(number.to_string()),
            LessonValue::Flag(flag) => Some(flag.to_string()),
            LessonValue::List(_) => None,
        }
    }

    /// A list of names: a comma-separated value in the URL, or an array (or such a string) in the
    /// lesson. At most [`MAX_LIST_ENTRIES`] entries are read.
    pub fn list(&self, key: &str) -> Option<Vec<String>> {
        let names: Vec<String> = if self.from_url.iter().any(|(name, _)| name == key) {
            split_list(&self.text(key)?)
        } else {
            match self.lesson_value(key)? {
                LessonValue::List(items) => items.clone(),
                LessonValue::Text(text) => split_list(text),
                LessonValue::Number(_) | LessonValue::Flag(_) => return None,
            }
        };
        Some(names.into_iter().take(MAX_LIST_ENTRIES).collect())
    }

    /// A number within `min..=max`; anything else gives `default` (not a number) or the nearest end
    /// of the range (out of range), and a message saying so.
    pub fn number(&self, key: &str, min: f64, max: f64, default: f64) -> f64 {
        let Some(text) = self.text(key) else {
            return default;
        };
        // An empty range is a mistake in the demo, not in the link: keep the default, and do not let
        // `clamp` panic on it.
        if min.partial_cmp(&max).is_none_or(|order| order.is_gt()) {
            return default;
        }
        match parse_number(&text) {
            Some(value) if value.is_finite() && (min..=max).contains(&value) => value,
            Some(value) if value.is_finite() => {
                let clamped = value.clamp(min, max);
                self.note(fill(
                    "kit.setting_out_of_range",
                    &[
                        ("key", key),
                        ("min", &min.to_string()),
                        ("max", &max.to_string()),
                        ("value", &clamped.to_string()),
                    ],
                ));
                clamped
            }
            _ => {
                self.note(fill(
                    "kit.setting_not_a_number",
                    &[("key", key), ("default", &default.to_string())],
                ));
                default
            }
        }
    }

    /// A whole number within `min..=max`, as [`Settings::number`]; a fraction is rounded, with a
    /// message, since the link then shows something other than what it says.
    pub fn count(&self, key: &str, min: usize, max: usize, default: usize) -> usize {
        let value = self.number(key, min as f64, max as f64, default as f64);
        let rounded = value.round();
        if rounded != value {
            self.note(fill(
                "kit.setting_not_whole",
                &[("key", key), ("value", &rounded.to_string())],
            ));
        }
        // `number` kept the value inside the range (or gave the default), so the cast neither wraps
        // nor saturates for a sensible range; the clamp keeps it so for any range at all.
        (rounded as usize).clamp(min.min(max), max.max(min))
    }

    /// A choice parsed by `parse`; an unknown value gives `default` and a message naming the choices.
    pub fn choice<T>(
        &self,
        key: &str,
        default: T,
        known: &str,
        parse: impl Fn(&str) -> Option<T>,
    ) -> T {
        let Some(text) = self.text(key) else {
            return default;
        };
        match parse(text.trim()) {
            Some(value) => value,
            None => {
                self.note(fill(
                    "kit.setting_unknown_choice",
                    &[("key", key), ("known", known)],
                ));
                default
            }
        }
    }

    /// A yes/no setting (`1`, `true`, `yes`, `on` or their opposites).
    pub fn flag(&self, key: &str, default: bool) -> bool {
        self.choice(key, default, &text("kit.true_or_false"), |text| match text
            .to_ascii_lowercase()
            .as_str()
        {
            "1" | "true" | "yes" | "on" => Some(true),
            "0" | "false" | "no" | "off" => Some(false),
            _ => None,
        })
    }

    /// What was wrong with the settings, for the demo's message line.
    pub fn messages(&self) -> Vec<String> {
        self.messages.borrow().clone()
    }

    /// Records a problem found by the demo's own checks (an unknown name in a list, say).
    pub fn note(&self, message: String) {
        let mut messages = self.messages.borrow_mut();
        if !messages.contains(&message) {
            messages.push(message);
        }
    }

    fn lesson_value(&self, key: &str) -> Option<&LessonValue> {
        self.from_lesson
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, value)| value)
    }
}

/// The lesson's settings object as plain values; strings, numbers, booleans and arrays of strings
/// are kept, anything else (null, nested objects) is left out.
fn lesson_values(from_lesson: &JsValue) -> Vec<(String, LessonValue)> {
    if !from_lesson.is_object() || js_sys::Array::is_array(from_lesson) {
        return Vec::new();
    }
    let entries = js_sys::Object::entries(&js_sys::Object::from(from_lesson.clone()));
    entries
        .iter()
        .filter_map(|entry| {
            let pair = js_sys::Array::from(&entry);
            let key = pair.get(0).as_string()?;
            let value = pair.get(1);
            let value = if let Some(text) = value.as_string() {
                LessonValue::Text(text)
            } else if let Some(number) = value.as_f64() {
                LessonValue::Number(number)
            } else if let Some(flag) = value.as_bool() {
                LessonValue::Flag(flag)
            } else if js_sys::Array::is_array(&value) {
                LessonValue::List(
                    js_sys::Array::from(&value)
                        .iter()
                        .filter_map(|item| item.as_string())
                        .collect(),
                )
            } else {
                return None;
            };
            Some((key, value))
        })
        .collect()
}

/// The query string's `(key, value)` pairs in order, decoded by the browser exactly as it decodes
/// them for any page (percent escapes, `+` for a space, broken escapes kept as text).
pub(crate) fn query_pairs(search: &str) -> Vec<(String, String)> {
    let Ok(parameters) = web_sys::UrlSearchParams::new_with_str(search) else {
        return Vec::new();
    };
    let mut pairs = Vec::new();
    let entries = js_sys::try_iter(&parameters).ok().flatten();
    for entry in entries.into_iter().flatten().flatten() {
        let pair = js_sys::Array::from(&entry);
        if let (Some(key), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
            pairs.push((key, value));
        }
    }
    pairs
}

fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(|item| item.trim().to_string())
        .filter(|item| !item.is_empty())
        .collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod native_tests {
    //! The pure reader, property-tested: any decoded query pairs, any range.

    use super::*;
    use proptest::prelude::*;

    fn link_value() -> impl Strategy<Value = String> {
        prop_oneof![
            any::<f64>().prop_map(|value| value.to_string()),
            (-1e3..1e3_f64).prop_map(|value| value.to_string()),
            any::<i32>().prop_map(|value| value.to_string()),
            prop::sample::select(vec![
                "NaN",
                "inf",
                "-Infinity",
                "1e309",
                "-1e309",
                "1e",
                "",
                " 7 ",
                "0x10",
                "2.5",
                "<b>x</b>",
                "%E2%8",
            ])
            .prop_map(String::from),
            "\\PC{0,100}",
        ]
    }

    fn lr_pairs() -> impl Strategy<Value = Vec<(String, String)>> {
        let key = prop_oneof![
            4 => Just("demo-1.lr".to_string()),
            1 => Just("demo-2.lr".to_string()),
            1 => Just("lr".to_string()),
            1 => Just("demo-1.other".to_string()),
        ];
        prop::collection::vec((key, link_value()), 0..5)
    }

    /// What the last `demo-1.lr` of the link says, if it is a finite number.
    fn last_lr(pairs: &[(String, String)]) -> Option<Option<f64>> {
        let (_, value) = pairs.iter().rev().find(|(key, _)| key == "demo-1.lr")?;
        if value.chars().count() > MAX_VALUE_LENGTH {
            return Some(None);
        }
        Some(
            value
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|number| number.is_finite()),
        )
    }

    proptest! {
        #![proptest_config(crate::demos::hostile_links::proptest_cases(256))]

        #[test]
        fn a_number_is_in_range_or_the_default_and_any_change_is_said(
            pairs in lr_pairs(),
            low in -1e6..1e6_f64,
            width in prop_oneof![0.0..1e6_f64, Just(0.0)],
            default_at in 0.0..=1.0_f64,
        ) {
            let (min, max) = (low, low + width);
            let default = min + default_at * width;
            let settings = Settings::from_parts("demo-1", Vec::new(), pairs.clone());
            let value = settings.number("lr", min, max, default);
            prop_assert!(value.is_finite() && min <= value && value <= max, "{value} not in {min}..={max}");
            match last_lr(&pairs) {
                // Not in the link: the default, silently.
                None => {
                    prop_assert_eq!(value, default);
                    prop_assert!(settings.messages().is_empty());
                }
                Some(Some(asked)) if (min..=max).contains(&asked) => {
                    prop_assert_eq!(value, asked);
                }
                // Not a number, too long, or out of range: changed, and said so.
                Some(_) => prop_assert!(!settings.messages().is_empty()),
            }
            // Every message is short and repeats no value from the link.
            for message in settings.messages() {
                prop_assert!(message.chars().count() < 200, "{message}");
                for (_, value) in &pairs {
                    if value.chars().count() > 3 {
                        prop_assert!(!message.contains(value.as_str()), "{message} repeats {value}");
                    }
                }
            }
        }

        #[test]
        fn a_count_is_a_whole_number_in_range_and_a_rounded_one_is_said(
            pairs in lr_pairs(),
            min in 0usize..1000,
            width in 0usize..1000,
        ) {
            let max = min + width;
            let settings = Settings::from_parts("demo-1", Vec::new(), pairs.clone());
            let count = settings.count("lr", min, max, min);
            prop_assert!((min..=max).contains(&count));
            if let Some(Some(asked)) = last_lr(&pairs)
                && asked != count as f64
            {
                prop_assert!(!settings.messages().is_empty(), "{asked} became {count} silently");
            }
        }

        #[test]
        fn choices_flags_lists_and_texts_never_panic_and_lists_stay_short(
            pairs in prop::collection::vec(("demo-1\\.[a-z]{1,3}", link_value()), 0..8),
            lesson_text in "\\PC{0,40}",
        ) {
            let lesson = vec![
                ("a".to_string(), LessonValue::Text(lesson_text)),
                ("b".to_string(), LessonValue::Number(f64::NAN)),
                ("c".to_string(), LessonValue::Flag(true)),
                ("d".to_string(), LessonValue::List(vec!["x".to_string(); 40])),
            ];
            let settings = Settings::from_parts("demo-1", lesson, pairs);
            for key in ["a", "b", "c", "d", "e", "ab"] {
                let _ = settings.text(key);
                let _ = settings.flag(key, false);
                let _ = settings.choice(key, 0, "one", |text| (text == "one").then_some(1));
                if let Some(list) = settings.list(key) {
                    prop_assert!(list.len() <= MAX_LIST_ENTRIES);
                    prop_assert!(list.iter().all(|item| item.chars().count() <= MAX_VALUE_LENGTH.max(40)));
                }
                let number = settings.number(key, 0.0, 1.0, 0.5);
                prop_assert!((0.0..=1.0).contains(&number));
            }
        }
    }

    #[test]
    fn an_empty_range_keeps_the_default_instead_of_panicking() {
        let settings =
            Settings::from_parts("demo-1", Vec::new(), [("demo-1.lr".into(), "5".into())]);
        assert_eq!(settings.number("lr", 1.0, 0.0, 0.5), 0.5);
        assert_eq!(settings.number("lr", f64::NAN, 1.0, 0.5), 0.5);
    }

    #[test]
    fn lesson_values_are_read_and_the_url_wins() {
        let lesson = vec![
            ("lr".to_string(), LessonValue::Number(0.25)),
            ("log".to_string(), LessonValue::Flag(true)),
            (
                "names".to_string(),
                LessonValue::List(vec!["sgd".into(), "adam".into()]),
            ),
        ];
        let settings = Settings::from_parts("demo-1", lesson.clone(), Vec::new());
        assert_eq!(settings.number("lr", 0.0, 1.0, 0.5), 0.25);
        assert!(settings.flag("log", false));
        assert_eq!(
            settings.list("names"),
            Some(vec!["sgd".to_string(), "adam".to_string()])
        );
        let settings =
            Settings::from_parts("demo-1", lesson, [("demo-1.lr".into(), "0.75".into())]);
        assert_eq!(settings.number("lr", 0.0, 1.0, 0.5), 0.75);
        assert!(settings.messages().is_empty());
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

    wasm_bindgen_test_configure!(run_in_browser);

    fn from_url(search: &str) -> Settings {
        Settings::new("demo-1", JsValue::NULL, search)
    }

    #[wasm_bindgen_test]
    fn numbers_that_are_not_finite_give_the_default_and_a_message() {
        for value in [
            "NaN",
            "Infinity",
            "-Infinity",
            "inf",
            "1e309",
            "1e",
            "",
            "0x10",
            "%E2%8",
        ] {
            let settings = from_url(&format!("?demo-1.lr={value}"));
            assert_eq!(settings.number("lr", 1e-4, 1.0, 0.05), 0.05, "{value}");
            assert_eq!(
                settings.messages().len(),
                1,
                "{value}: {:?}",
                settings.messages()
            );
        }
    }

    #[wasm_bindgen_test]
    fn numbers_out_of_range_are_clamped_with_a_message() {
        let settings = from_url("?demo-1.lr=-1&demo-1.steps=1e12&demo-1.speed=0");
        assert_eq!(settings.number("lr", 1e-4, 1.0, 0.05), 1e-4);
        assert_eq!(settings.count("steps", 10, 1000, 100), 1000);
        assert_eq!(settings.count("speed", 1, 20, 2), 1);
        assert_eq!(settings.messages().len(), 3, "{:?}", settings.messages());
    }

    #[wasm_bindgen_test]
    fn markup_and_long_values_are_refused_and_never_repeated() {
        let long = "9".repeat(10_000);
        let markup = "<img src=x onerror=alert(1)>";
        let settings = from_url(&format!(
            "?demo-1.surface={}&demo-1.lr={long}",
            js_sys::encode_uri_component(markup)
        ));
        let surface = settings.choice("surface", "bowl", "bowl, ravine", |name| {
            ["bowl", "ravine"].into_iter().find(|known| *known == name)
        });
        assert_eq!(surface, "bowl");
        assert_eq!(settings.number("lr", 1e-4, 1.0, 0.05), 0.05);
        let messages = settings.messages().join(" ");
        assert!(
            !messages.contains('<') && !messages.contains(&long),
            "{messages}"
        );
        assert_eq!(settings.messages().len(), 2, "{messages}");
    }

    #[wasm_bindgen_test]
    fn a_repeated_key_uses_its_last_value_and_says_so() {
        let settings = from_url("?demo-1.lr=NaN&demo-1.lr=0.3&demo-2.lr=0.9");
        assert_eq!(settings.number("lr", 1e-4, 1.0, 0.05), 0.3);
        assert_eq!(settings.messages().len(), 1, "{:?}", settings.messages());
    }

    #[wasm_bindgen_test]
    fn another_demos_keys_are_not_read() {
        let settings = from_url("?demo-2.lr=0.9&demo-10.lr=0.8&lr=0.7");
        assert_eq!(settings.number("lr", 1e-4, 1.0, 0.05), 0.05);
        assert!(settings.messages().is_empty());
    }
}
