//! The demos' words come from the page's `demo-strings` block, read once: here a page whose block
//! holds every English string in brackets (a stand-in for another language) except one key, which
//! must then show as the key itself rather than panic or fall back to English.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

mod support;

/// The key left out of the page's block.
const LEFT_OUT: &str = "kit.reset";

fn install_bracketed_strings() {
    let strings = js_sys::Object::new();
    let english = include_str!("../../../lessons/strings/en/demos.toml");
    for (key, value) in downhill_web::read_strings_file(english) {
        if key != LEFT_OUT {
            js_sys::Reflect::set(&strings, &key.into(), &format!("[{value}]").into()).unwrap();
        }
    }
    support::install_strings(&String::from(js_sys::JSON::stringify(&strings).unwrap()));
}

#[wasm_bindgen_test]
fn the_kit_speaks_the_pages_language_and_shows_a_missing_key_as_the_key() {
    install_bracketed_strings();
    let figure = support::add_figure("strings-race", "saddle-race", "{}");
    downhill_web::mount_all();
    assert!(figure.class_list().contains("demo-live"));
    let play = support::button(&figure, "play-pause");
    assert_eq!(play.text_content().unwrap(), "[Play]");
    assert_eq!(
        support::button(&figure, "step").text_content().unwrap(),
        "[Step]"
    );
    assert_eq!(
        support::button(&figure, "reset").text_content().unwrap(),
        LEFT_OUT
    );
    let copy = support::button(&figure, "copy-link");
    assert_eq!(copy.text_content().unwrap(), "[Copy link]");
    assert_eq!(
        copy.get_attribute("aria-label").unwrap(),
        "[Copy link to this demo with its current settings]"
    );
    play.click();
    assert_eq!(play.text_content().unwrap(), "[Pause]");
    play.click();
    assert_eq!(play.text_content().unwrap(), "[Play]");
}
