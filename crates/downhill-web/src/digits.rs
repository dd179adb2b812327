//! The digits data set in the browser: fetched once per page from `data/digits.csv.gz` (relative to
//! the page, so the site works under any sub-path), decompressed by the browser's own
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
    let base = window
        .document()
        .and_then(|document| document.base_uri().ok().flatten())
        .unwrap_or_default();
    let url = web_sys::Url::new_with_base(relative_url, &base)?.href();
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
