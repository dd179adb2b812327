//! What every demo offers besides its picture: its settings in the page URL, a copy-link button,
//! and export of the picture as PNG and SVG and of the run as CSV.
//!
//! A demo implements [`Demo`]; [`Toolbar::attach`] adds the buttons and keeps their listeners alive
//! exactly as long as the demo.

use super::dom;
use super::listeners::Listeners;
use super::strings::{fill, text};
use std::rc::{Rc, Weak};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlAnchorElement, HtmlCanvasElement};

pub trait Demo {
    /// The current settings as `(key, value)` pairs, the same keys [`crate::settings::Settings`] reads.
    fn url_settings(&self) -> Vec<(String, String)>;
    /// The current run as CSV, a header line first.
    fn export_csv(&self) -> String;
    /// The current picture as SVG, drawn by the same code as the canvas.
    fn export_svg(&self) -> String;
    /// The canvases that make up the picture, bottom layer first, for the PNG export.
    fn export_canvases(&self) -> Vec<HtmlCanvasElement>;
    /// The start of exported file names, such as `saddle-race`.
    fn file_stem(&self) -> String;
}

/// The buttons under a demo, and the listeners that must live as long as it does.
pub struct Toolbar {
    prefix: String,
    listeners: Listeners,
}

impl Toolbar {
    /// Adds "Copy link", "PNG", "SVG" and "CSV" buttons into `container`.
    pub fn attach(container: &Element, prefix: &str, demo: Weak<dyn Demo>) -> Toolbar {
        let row = dom::element("div", "demo-toolbar");
        let status = dom::element("span", "demo-toolbar-status");
        let _ = status.set_attribute("role", "status");
        let toolbar = Toolbar {
            prefix: prefix.to_string(),
            listeners: Listeners::new(),
        };
        // Each description starts with the visible label, so "click Copy link" works by voice
        // (WCAG 2.5.3); the strings files keep it so in every language.
        let actions: [(&str, &str, &str); 4] = [
            ("copy-link", "kit.copy_link", "kit.copy_link_description"),
            ("export-png", "kit.png", "kit.png_description"),
            ("export-svg", "kit.svg", "kit.svg_description"),
            ("export-csv", "kit.csv", "kit.csv_description"),
        ];
        for (action, label, description) in actions {
            let button = dom::button(action, &text(label));
            let description = text(description);
            let _ = button.set_attribute("title", &description);
            let _ = button.set_attribute("aria-label", &description);
            dom::append(&row, &button);
            let demo = demo.clone();
            let prefix = prefix.to_string();
            let status = status.clone();
            toolbar
                .listeners
                .on(button.as_ref(), "click", move |_event| {
                    let Some(demo) = demo.upgrade() else { return };
                    let outcome = match action {
                        "copy-link" => copy_link(&prefix, demo.as_ref()),
                        "export-png" => export_png(demo.as_ref()),
                        "export-svg" => download_text(
                            &format!("{}.svg", demo.file_stem()),
                            "image/svg+xml",
                            &demo.export_svg(),
                        ),
                        _ => download_text(
                            &format!("{}.csv", demo.file_stem()),
                            "text/csv",
                            &demo.export_csv(),
                        ),
                    };
                    status.set_text_content(Some(&outcome.unwrap_or_else(|error| error)));
                });
        }
        dom::append(&row, &status);
        dom::append(container, &row);
        toolbar
    }

    /// Writes the demo's settings into the address bar (without a new history entry), so reloading or
    /// bookmarking keeps them. Call it when a setting is committed (a slider released), not on every
    /// input event: browsers throttle address-bar updates.
    pub fn write_url(&self, demo: &dyn Demo) {
        let Some(url) = url_with_settings(&self.prefix, &demo.url_settings(), false) else {
            return;
        };
        if let Some(history) = web_sys::window().and_then(|window| window.history().ok()) {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}

/// The current page's URL with this demo's keys replaced by `settings` (other demos' keys kept).
fn url_with_settings(
    prefix: &str,
    settings: &[(String, String)],
    with_anchor: bool,
) -> Option<String> {
    let location = web_sys::window()?.location();
    let href = location.href().ok()?;
    let url = web_sys::Url::new(&href).ok()?;
    let parameters = url.search_params();
    let key_prefix = format!("{prefix}.");
    let stale: Vec<String> = js_sys::try_iter(&parameters.keys())
        .ok()
        .flatten()
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|key| key.as_string())
        .filter(|key| key.starts_with(&key_prefix))
        .collect();
    for key in stale {
        parameters.delete(&key);
    }
    for (key, value) in settings {
        parameters.append(&format!("{key_prefix}{key}"), value);
    }
    url.set_search(&parameters.to_string().as_string().unwrap_or_default());
    if with_anchor {
        url.set_hash(prefix);
    }
    Some(url.href())
}

fn copy_link(prefix: &str, demo: &dyn Demo) -> Result<String, String> {
    let link = url_with_settings(prefix, &demo.url_settings(), true)
        .ok_or_else(|| text("kit.link_failed"))?;
    let window = web_sys::window().ok_or_else(|| text("kit.no_window"))?;
    // The clipboard needs a secure context (https or 127.0.0.1). Elsewhere the link goes into the
    // address bar, from where it can be copied by hand.
    if window.is_secure_context() {
        let _ = window.navigator().clipboard().write_text(&link);
        Ok(text("kit.link_copied"))
    } else {
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&link));
        }
        Ok(text("kit.link_in_address_bar"))
    }
}

fn export_png(demo: &dyn Demo) -> Result<String, String> {
    let layers = demo.export_canvases();
    // Layers may differ in resolution (a landscape at CSS pixels under an overlay at device pixels):
    // the export takes the finest.
    let width = layers
        .iter()
        .map(|layer| layer.width())
        .max()
        .ok_or_else(|| text("kit.nothing_to_export"))?
        .max(1);
    let height = layers
        .iter()
        .map(|layer| layer.height())
        .max()
        .unwrap_or(1)
        .max(1);
    let combined: HtmlCanvasElement = dom::element("canvas", "").unchecked_into();
    combined.set_width(width);
    combined.set_height(height);
    let context = super::layers::context_2d(&combined).ok_or_else(|| text("kit.no_canvas"))?;
    for layer in &layers {
        let _ = context.draw_image_with_html_canvas_element_and_dw_and_dh(
            layer,
            0.0,
            0.0,
            width as f64,
            height as f64,
        );
    }
    let data_url = combined
        .to_data_url_with_type("image/png")
        .map_err(|_| text("kit.canvas_refused"))?;
    click_download(&format!("{}.png", demo.file_stem()), &data_url);
    Ok(text("kit.png_saved"))
}

fn download_text(file_name: &str, mime_type: &str, content: &str) -> Result<String, String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime_type);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| text("kit.file_failed"))?;
    let url =
        web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| text("kit.file_failed"))?;
    click_download(file_name, &url);
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(fill("kit.file_saved", &[("file", file_name)]))
}

fn click_download(file_name: &str, href: &str) {
    let anchor: HtmlAnchorElement = dom::element("a", "").unchecked_into();
    anchor.set_href(href);
    anchor.set_download(file_name);
    anchor.click();
}

/// Keeps a demo alive for the page's lifetime behind its trait.
pub fn as_demo<T: Demo + 'static>(demo: &Rc<T>) -> Weak<dyn Demo> {
    let shared: Rc<dyn Demo> = demo.clone();
    Rc::downgrade(&shared)
}
