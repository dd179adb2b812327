//! A demo's settings: the lesson's starting values (JSON in the figure's `data-settings`, written by
//! the renderer) overridden by the page URL (`?demo-1.surface=beale`), so a shared link reproduces
//! what its sender saw.
//!
//! Everything read here is validated: a value that is not a number, out of range or unknown falls
//! back to the demo's default and leaves a polite message for the demo to show. Nothing from the URL
//! is ever put into the page as HTML; messages are set as text.

use std::cell::RefCell;
use wasm_bindgen::JsValue;
use web_sys::Element;

/// The longest setting value we read; anything longer is a mangled link, not a setting.
const MAX_VALUE_LENGTH: usize = 64;

pub struct Settings {
    from_lesson: JsValue,
    from_url: Vec<(String, String)>,
    messages: RefCell<Vec<String>>,
}

impl Settings {
    /// Reads the figure's settings and the URL's; malformed JSON gives empty lesson settings.
    pub fn for_figure(figure: &Element) -> Settings {
        let from_lesson = figure
            .get_attribute("data-settings")
            .and_then(|text| js_sys::JSON::parse(&text).ok())
            .filter(|value| value.is_object())
            .unwrap_or(JsValue::NULL);
        let search = web_sys::window()
            .and_then(|window| window.location().search().ok())
            .unwrap_or_default();
        Settings::new(&figure.id(), from_lesson, &search)
    }

    /// Builds settings from parts; `search` is a URL query string such as `?demo-1.lr=0.1`.
    pub fn new(prefix: &str, from_lesson: JsValue, search: &str) -> Settings {
        let key_prefix = format!("{prefix}.");
        let from_url = web_sys::UrlSearchParams::new_with_str(search)
            .ok()
            .map(|parameters| {
                let mut pairs = Vec::new();
                let entries = js_sys::try_iter(&parameters).ok().flatten();
                for entry in entries.into_iter().flatten().flatten() {
                    let pair = js_sys::Array::from(&entry);
                    let (Some(key), Some(value)) =
                        (pair.get(0).as_string(), pair.get(1).as_string())
                    else {
                        continue;
                    };
                    if let Some(name) = key.strip_prefix(&key_prefix) {
                        pairs.push((name.to_string(), value));
                    }
                }
                pairs
            })
            .unwrap_or_default();
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
                self.note(format!(
                    "The link sets “{key}” more than once; using its last value."
                ));
            }
            if value.chars().count() > MAX_VALUE_LENGTH {
                self.note(format!(
                    "The link's value for “{key}” is too long; using the default."
                ));
                return None;
            }
            return Some(value.clone());
        }
        self.lesson_value(key).and_then(|value| {
            // A lesson may write `blindfold = true`: booleans read as the text `flag` understands.
            value
                .as_string()
                .or_else(|| value.as_f64().map(|number| number.to_string()))
                .or_else(|| value.as_bool().map(|flag| flag.to_string()))
        })
    }

    /// A list of names: a comma-separated value in the URL, or an array (or such a string) in the
    /// lesson. At most 16 entries are read.
    pub fn list(&self, key: &str) -> Option<Vec<String>> {
        let from_lesson = || {
            let value = self.lesson_value(key)?;
            if js_sys::Array::is_array(&value) {
                Some(
                    js_sys::Array::from(&value)
                        .iter()
                        .filter_map(|item| item.as_string())
                        .collect(),
                )
            } else {
                value.as_string().map(|text| split_list(&text))
            }
        };
        let names: Vec<String> = if self.from_url.iter().any(|(name, _)| name == key) {
            split_list(&self.text(key)?)
        } else {
            from_lesson()?
        };
        Some(names.into_iter().take(16).collect())
    }

    /// A number within `min..=max`; anything else gives `default` and a message saying so.
    pub fn number(&self, key: &str, min: f64, max: f64, default: f64) -> f64 {
        let Some(text) = self.text(key) else {
            return default;
        };
        match text.trim().parse::<f64>() {
            Ok(value) if value.is_finite() && (min..=max).contains(&value) => value,
            Ok(value) if value.is_finite() => {
                let clamped = value.clamp(min, max);
                self.note(format!(
                    "“{key}” must be between {min} and {max}; using {clamped}."
                ));
                clamped
            }
            _ => {
                self.note(format!(
                    "“{key}” must be a number; using the default {default}."
                ));
                default
            }
        }
    }

    /// A whole number within `min..=max`, as [`Settings::number`].
    pub fn count(&self, key: &str, min: usize, max: usize, default: usize) -> usize {
        self.number(key, min as f64, max as f64, default as f64)
            .round() as usize
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
                self.note(format!("“{key}” is not one of {known}; using the default."));
                default
            }
        }
    }

    /// A yes/no setting (`1`, `true`, `yes`, `on` or their opposites).
    pub fn flag(&self, key: &str, default: bool) -> bool {
        self.choice(key, default, "true or false", |text| {
            match text.to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" | "on" => Some(true),
                "0" | "false" | "no" | "off" => Some(false),
                _ => None,
            }
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

    fn lesson_value(&self, key: &str) -> Option<JsValue> {
        if self.from_lesson.is_null() {
            return None;
        }
        js_sys::Reflect::get(&self.from_lesson, &JsValue::from_str(key))
            .ok()
            .filter(|value| !value.is_undefined() && !value.is_null())
    }
}

fn split_list(text: &str) -> Vec<String> {
    text.split(',')
        .map(|item| item.trim().to_string())
        .filter(|item| !item.is_empty())
        .collect()
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
