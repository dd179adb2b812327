//! A demo's starting settings, written by the lesson renderer as JSON in the figure's
//! `data-settings` attribute. Read through the browser's own JSON parser, which keeps serde_json
//! out of the wasm.

use wasm_bindgen::JsValue;
use web_sys::Element;

pub struct Settings {
    object: JsValue,
}

impl Settings {
    /// Reads the figure's settings; missing or malformed JSON gives empty settings (every demo has
    /// defaults), never an error that would stop the page.
    pub fn from_figure(figure: &Element) -> Settings {
        let object = figure
            .get_attribute("data-settings")
            .and_then(|text| js_sys::JSON::parse(&text).ok())
            .filter(|value| value.is_object())
            .unwrap_or(JsValue::NULL);
        Settings { object }
    }

    pub fn text(&self, key: &str) -> Option<String> {
        self.get(key)?.as_string()
    }

    fn get(&self, key: &str) -> Option<JsValue> {
        if self.object.is_null() {
            return None;
        }
        js_sys::Reflect::get(&self.object, &JsValue::from_str(key))
            .ok()
            .filter(|value| !value.is_undefined())
    }
}
