//! The digits data set in the browser: fetched once per page from `data/digits.csv.gz` (relative to
//! the site root the page's module names, so the site works under any sub-path and from a
//! translation's folder), decompressed by the browser's own
//! `DecompressionStream` (no inflate code in our wasm), parsed by `downhill-core`.
//!
//! Only pages whose demos ask for it download it.

use downhill_core::data::Digits;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

// web-sys has DecompressionStream only behind its unstable-API cfg, which would change how every
// crate is compiled; these three members are all we use, and they have been stable in browsers
// since 2023.
#[wasm_bindgen]
extern "C" {
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> web_sys::WritableStream;
}

thread_local! {
    static LOADED: RefCell<Option<Rc<Digits>>> = const { RefCell::new(None) };
}

/// The digits, loading them on the first call. Errors are sentences a student can act on.
pub async fn load() -> Result<Rc<Digits>, String> {
    if let Some(digits) = LOADED.with(|loaded| loaded.borrow().clone()) {
        return Ok(digits);
    }
    let text = fetch_gzipped_text("data/digits.csv.gz")
        .await
        .map_err(|error| format!("Could not load the digits data ({}).", describe(&error)))?;
    let digits = Rc::new(
        Digits::from_csv(&text).map_err(|error| format!("The digits data is damaged: {error}"))?,
    );
    LOADED.with(|loaded| *loaded.borrow_mut() = Some(digits.clone()));
    Ok(digits)
}

async fn fetch_gzipped_text(relative_url: &str) -> Result<String, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let url = web_sys::Url::new_with_base(relative_url, &site_root(&window)?)?.href();
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(&url))
        .await?
        .dyn_into()?;
    if !response.ok() {
        return Err(JsValue::from_str(&format!("HTTP {}", response.status())));
    }
    let body = response
        .body()
        .ok_or_else(|| JsValue::from_str("empty response"))?;
    let decompression = DecompressionStream::new("gzip")?;
    let pair =
        web_sys::ReadableWritablePair::new(&decompression.readable(), &decompression.writable());
    let inflated = body.pipe_through(&pair);
    let inflated_response = web_sys::Response::new_with_opt_readable_stream(Some(&inflated))?;
    let text = JsFuture::from(inflated_response.text()?).await?;
    text.as_string()
        .ok_or_else(|| JsValue::from_str("not text"))
}

/// The site's root folder: where the page's wasm module lives (`<meta name="downhill-module">`,
/// relative to the page, `../` from a translated page), since the data sits beside the module for
/// every language; the page's own folder when the page names no module (the wasm tests' pages).
fn site_root(window: &web_sys::Window) -> Result<String, JsValue> {
    let document = window
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let page = document.base_uri().ok().flatten().unwrap_or_default();
    let module = document
        .query_selector("meta[name=\"downhill-module\"]")
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"));
    match module {
        Some(module) => Ok(web_sys::Url::new_with_base(&module, &page)?.href()),
        None => Ok(page),
    }
}

fn describe(error: &JsValue) -> String {
    error
        .as_string()
        .or_else(|| {
            error
                .dyn_ref::<js_sys::Error>()
                .map(|error| String::from(error.message()))
        })
        .unwrap_or_else(|| "unknown error".to_string())
}
