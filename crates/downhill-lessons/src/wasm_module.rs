//! The wasm module and its JavaScript glue as Trunk named them in this build, found in the folder the
//! pages are written to, so that every page names the module built with it.
//!
//! With `filehash = true` (Trunk.toml) Trunk writes `downhill-web-<hash>.js` and
//! `downhill-web-<hash>_bg.wasm`, the hash taken from the wasm. Fixed names let an HTTP cache or a
//! CDN pair a stale module with new glue after a redeploy; hashed names cannot be mixed up, but
//! only a page written in the same build knows them. Each page carries them in two `<meta>`
//! tags that `www/boot.js` reads (and `www/sw.js`, to keep the module for offline use).

use std::fs;
use std::path::Path;

use crate::error::LessonError;

/// The wasm crate's name, which Trunk gives both files.
pub const MODULE_STEM: &str = "downhill-web";

/// The `<meta name>` that holds the glue's file name.
pub const SCRIPT_META: &str = "downhill-module";

/// The `<meta name>` that holds the wasm's file name.
pub const WASM_META: &str = "downhill-wasm";

/// One build's module: the file names of its glue and its wasm, relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WasmModule {
    /// `downhill-web-<hash>.js`
    pub script: String,
    /// `downhill-web-<hash>_bg.wasm`
    pub wasm: String,
}

impl WasmModule {
    /// The module whose glue is named `script`, if that is a name Trunk gives the glue:
    /// `downhill-web-<hex>.js`, or `downhill-web.js` when a build turns `filehash` off.
    pub fn from_script_name(script: &str) -> Option<WasmModule> {
        let rest = script.strip_prefix(MODULE_STEM)?;
        let hash = rest.strip_suffix(".js")?;
        let is_hash = match hash.strip_prefix('-') {
            Some(hex) => !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()),
            None => hash.is_empty(),
        };
        is_hash.then(|| WasmModule {
            script: script.to_string(),
            wasm: format!("{MODULE_STEM}{hash}_bg.wasm"),
        })
    }

    /// Finds the one module in `folder` (Trunk's staging folder when the hook runs): `Ok(None)`
    /// when there is none, an error when there are several or a glue file has no wasm beside it,
    /// since a page can name only one.
    pub fn find_in(folder: &Path) -> Result<Option<WasmModule>, LessonError> {
        let entries = match fs::read_dir(folder) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(error) => {
                return Err(LessonError::in_file(
                    folder,
                    format!("cannot list the folder: {error}"),
                ));
            }
        };
        let mut found: Vec<WasmModule> = entries
            .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
            .filter_map(|name| WasmModule::from_script_name(&name))
            .collect();
        found.sort_by(|a, b| a.script.cmp(&b.script));
        match found.as_slice() {
            [] => Ok(None),
            [module] if folder.join(&module.wasm).is_file() => Ok(Some(module.clone())),
            [module] => Err(LessonError::in_file(
                folder,
                format!("`{}` has no `{}` beside it", module.script, module.wasm),
            )),
            several => Err(LessonError::in_file(
                folder,
                format!(
                    "holds the glue of {} wasm modules ({}); a build has one, and each page must name it",
                    several.len(),
                    several
                        .iter()
                        .map(|module| module.script.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )),
        }
    }

    /// The two `<meta>` tags that name this module in a page's head, by addresses relative to the
    /// page like every other in it: `to_root` leads from the page's folder to the site root, where
    /// the one module of the build lives for every language.
    pub fn meta_tags(&self, to_root: &str) -> String {
        format!(
            "<meta name=\"{SCRIPT_META}\" content=\"{to_root}{}\">\n<meta name=\"{WASM_META}\" content=\"{to_root}{}\">\n",
            crate::html::escape(&self.script),
            crate::html::escape(&self.wasm)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunks_hashed_and_plain_glue_names_are_recognised() {
        assert_eq!(
            WasmModule::from_script_name("downhill-web-9f3ab0c21d4e5f67.js"),
            Some(WasmModule {
                script: "downhill-web-9f3ab0c21d4e5f67.js".to_string(),
                wasm: "downhill-web-9f3ab0c21d4e5f67_bg.wasm".to_string(),
            })
        );
        assert_eq!(
            WasmModule::from_script_name("downhill-web.js").map(|module| module.wasm),
            Some("downhill-web_bg.wasm".to_string())
        );
        for other in [
            "boot.js",
            "sw.js",
            "downhill-web-.js",
            "downhill-web-xyz.js",
            "downhill-web-12ab_bg.wasm",
            "downhill-web-12ab.d.ts",
            "downhill-webby.js",
        ] {
            assert_eq!(WasmModule::from_script_name(other), None, "{other}");
        }
    }

    fn scratch(test_name: &str, files: &[&str]) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "downhill-wasm-module-{}-{test_name}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        for file in files {
            fs::write(dir.join(file), "x").unwrap();
        }
        dir
    }

    #[test]
    fn the_one_module_of_a_build_is_found_and_anything_else_is_an_error() {
        let one = scratch(
            "one",
            &[
                "boot.js",
                "downhill-web-ab12.js",
                "downhill-web-ab12_bg.wasm",
            ],
        );
        assert_eq!(
            WasmModule::find_in(&one).unwrap(),
            WasmModule::from_script_name("downhill-web-ab12.js")
        );
        let none = scratch("none", &["boot.js"]);
        assert_eq!(WasmModule::find_in(&none).unwrap(), None);
        let lonely = scratch("lonely", &["downhill-web-ab12.js"]);
        let error = WasmModule::find_in(&lonely).unwrap_err();
        assert!(
            error
                .message
                .contains("has no `downhill-web-ab12_bg.wasm` beside it"),
            "{error}"
        );
        let two = scratch(
            "two",
            &[
                "downhill-web-ab12.js",
                "downhill-web-ab12_bg.wasm",
                "downhill-web-cd34.js",
                "downhill-web-cd34_bg.wasm",
            ],
        );
        let error = WasmModule::find_in(&two).unwrap_err();
        assert!(
            error
                .message
                .contains("2 wasm modules (downhill-web-ab12.js, downhill-web-cd34.js)"),
            "{error}"
        );
        for dir in [one, none, lonely, two] {
            let _ = fs::remove_dir_all(dir);
        }
    }

    #[test]
    fn the_meta_tags_name_both_files() {
        let module = WasmModule::from_script_name("downhill-web-ab12.js").unwrap();
        assert_eq!(
            module.meta_tags(""),
            "<meta name=\"downhill-module\" content=\"downhill-web-ab12.js\">\n\
             <meta name=\"downhill-wasm\" content=\"downhill-web-ab12_bg.wasm\">\n"
        );
        // A translated page, one folder down, reaches the same files.
        assert!(
            module
                .meta_tags("../")
                .contains("content=\"../downhill-web-ab12_bg.wasm\"")
        );
    }
}
