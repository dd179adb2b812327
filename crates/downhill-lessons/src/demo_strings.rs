//! The demos' interface text in every language, and the block of it each page with demos carries.
//!
//! The strings live in `lessons/strings/<code>/demos.toml`, one table per demo plus `[kit]` for the
//! controls every demo shares, and are read here once per build. A page with demos gets a
//! `<script type="application/json" id="demo-strings">` block holding the `kit` keys and the keys of
//! the demos on that page, in the page's language, as `"table.key": "value"`; the wasm reads it
//! (`downhill-web`'s `kit::strings`). The text is data in the page, not code in the module, so a
//! language costs the module nothing and a page carries only what its demos say.
//!
//! The build fails when a language lacks a key English has, has a key English does not, or a value
//! whose `{placeholders}` differ from the English ones: a demo would otherwise show a raw key.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::error::{Errors, LessonError};

/// The folder, relative to the repository root, that holds one folder of strings per language.
pub const STRINGS_DIR: &str = "lessons/strings";

/// The file in each language's folder.
pub const STRINGS_FILE: &str = "demos.toml";

/// The language every other one is checked against, and the one the code's keys must exist in.
pub const ENGLISH: &str = "en";

/// The table of the strings every demo shares.
pub const KIT_TABLE: &str = "kit";

/// The id of the block in the page, which the wasm looks for.
pub const BLOCK_ID: &str = "demo-strings";

/// The strings of one language, by full key (`table.key`).
pub type Strings = BTreeMap<String, String>;

/// The strings of every language, by language code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoStrings {
    languages: BTreeMap<String, Strings>,
}

impl DemoStrings {
    /// Reads every `lessons/strings/<code>/demos.toml` under `root` and checks each language
    /// against English. Every problem is reported, not only the first.
    pub fn load(root: &Path) -> Result<DemoStrings, Errors> {
        let folder = root.join(STRINGS_DIR);
        let mut errors = Errors::default();
        let mut languages = BTreeMap::new();
        let mut codes: Vec<String> = std::fs::read_dir(&folder)
            .map_err(|error| {
                LessonError::in_file(&folder, format!("cannot read the demo strings: {error}"))
            })?
            .filter_map(Result::ok)
            .filter(|entry| entry.path().join(STRINGS_FILE).is_file())
            .filter_map(|entry| entry.file_name().to_str().map(str::to_string))
            .collect();
        codes.sort();
        for code in codes {
            let file = folder.join(&code).join(STRINGS_FILE);
            let parsed = std::fs::read_to_string(&file)
                .map_err(|error| LessonError::in_file(&file, format!("cannot read: {error}")))
                .and_then(|text| parse(&file, &text));
            match parsed {
                Ok(strings) => {
                    languages.insert(code, strings);
                }
                Err(error) => errors.push(error),
            }
        }
        if !languages.contains_key(ENGLISH) && errors.is_empty() {
            errors.push(LessonError::in_file(
                &folder.join(ENGLISH).join(STRINGS_FILE),
                "the English demo strings are missing",
            ));
        }
        let strings = DemoStrings { languages };
        for error in strings.check_complete(&folder) {
            errors.push(error);
        }
        errors.into_result(strings)
    }

    /// Builds the strings from `(language, file text)` pairs, for tests.
    pub fn from_texts(texts: &[(&str, &str)]) -> Result<DemoStrings, LessonError> {
        let mut languages = BTreeMap::new();
        for (code, text) in texts {
            let file = PathBuf::from(STRINGS_DIR).join(code).join(STRINGS_FILE);
            languages.insert(code.to_string(), parse(&file, text)?);
        }
        Ok(DemoStrings { languages })
    }

    /// The language codes that have strings, English among them.
    pub fn languages(&self) -> impl Iterator<Item = &str> {
        self.languages.keys().map(String::as_str)
    }

    /// The strings of `language`, if it has any.
    pub fn strings(&self, language: &str) -> Option<&Strings> {
        self.languages.get(language)
    }

    /// What is wrong with each language measured against English: missing keys, keys English does
    /// not have, and values whose placeholders differ. `folder` is where the files live, for messages.
    pub fn check_complete(&self, folder: &Path) -> Vec<LessonError> {
        let Some(english) = self.languages.get(ENGLISH) else {
            return Vec::new();
        };
        let mut problems = Vec::new();
        for (code, strings) in &self.languages {
            if code == ENGLISH {
                continue;
            }
            let file = folder.join(code).join(STRINGS_FILE);
            for (key, english_value) in english {
                match strings.get(key) {
                    None => problems.push(LessonError::in_file(
                        &file,
                        format!("the demo string `{key}` is missing (English: \"{english_value}\")"),
                    )),
                    Some(value) if placeholders(value) != placeholders(english_value) => problems
                        .push(LessonError::in_file(
                            &file,
                            format!(
                                "the demo string `{key}` has the placeholders {:?}, English has {:?}",
                                placeholders(value),
                                placeholders(english_value)
                            ),
                        )),
                    Some(_) => {}
                }
            }
            for key in strings.keys().filter(|key| !english.contains_key(*key)) {
                problems.push(LessonError::in_file(
                    &file,
                    format!("the demo string `{key}` is not in the English file; remove it or add it there"),
                ));
            }
        }
        problems
    }

    /// The `<script type="application/json" id="demo-strings">` block for a page in `language`
    /// showing the demos `demo_names`: the kit's keys and those demos' keys. Empty when the page has
    /// no demo. A key the language lacks falls back to English (the build has already failed then).
    pub fn block(&self, language: &str, demo_names: &[String]) -> String {
        if demo_names.is_empty() {
            return String::new();
        }
        let Some(english) = self.languages.get(ENGLISH) else {
            return String::new();
        };
        let translated = self.languages.get(language).unwrap_or(english);
        let tables: BTreeSet<&str> = demo_names
            .iter()
            .map(String::as_str)
            .chain([KIT_TABLE])
            .collect();
        let chosen: serde_json::Map<String, serde_json::Value> = english
            .iter()
            .filter(|(key, _)| table_of(key).is_some_and(|table| tables.contains(table)))
            .map(|(key, english_value)| {
                let value = translated.get(key).unwrap_or(english_value);
                (key.clone(), serde_json::Value::String(value.clone()))
            })
            .collect();
        let json = serde_json::Value::Object(chosen).to_string();
        format!(
            "<script type=\"application/json\" id=\"{BLOCK_ID}\">{}</script>\n",
            escape_for_script(&json)
        )
    }
}

/// The names of the demos a rendered page shows, in order of first appearance, each once.
pub fn demo_names_in(html: &str) -> Vec<String> {
    const ATTRIBUTE: &str = "data-demo=\"";
    let mut names: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(ATTRIBUTE) {
        rest = &rest[start + ATTRIBUTE.len()..];
        let Some(end) = rest.find('"') else { break };
        let name = &rest[..end];
        if !names.iter().any(|known| known == name) {
            names.push(name.to_string());
        }
        rest = &rest[end..];
    }
    names
}

/// Parses one language's file: tables of string values, flattened to `table.key`.
fn parse(file: &Path, text: &str) -> Result<Strings, LessonError> {
    let table: toml::Table = toml::from_str(text)
        .map_err(|error| LessonError::in_file(file, format!("not valid TOML: {error}")))?;
    let mut strings = Strings::new();
    for (table_name, values) in table {
        let toml::Value::Table(values) = values else {
            return Err(LessonError::in_file(
                file,
                format!("`{table_name}` must be a table named after a demo (or `kit`)"),
            ));
        };
        for (key, value) in values {
            let toml::Value::String(value) = value else {
                return Err(LessonError::in_file(
                    file,
                    format!("`{table_name}.{key}` must be text"),
                ));
            };
            strings.insert(format!("{table_name}.{key}"), value);
        }
    }
    Ok(strings)
}

fn table_of(key: &str) -> Option<&str> {
    key.split_once('.').map(|(table, _)| table)
}

/// The `{name}` placeholders of a value, in order.
pub fn placeholders(value: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = value;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        found.push(&rest[open + 1..open + close]);
        rest = &rest[open + close + 1..];
    }
    found
}

/// JSON that cannot end its `<script>` element early nor open a comment: `<`, `>` and `&` as
/// `\u` escapes, which JSON reads back as the same characters. They can only occur inside strings.
fn escape_for_script(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENGLISH_TEXT: &str = "[kit]\nplay = \"Play\"\nsaved = \"{file} saved.\"\n\
        [saddle-race]\nstep = \"Step size\"\n[other-demo]\nlabel = \"Other\"\n";

    #[test]
    fn a_block_holds_the_kit_and_the_demos_on_the_page_in_its_language() {
        let russian = "[kit]\nplay = \"Пуск\"\nsaved = \"{file} сохранён.\"\n\
            [saddle-race]\nstep = \"Шаг\"\n[other-demo]\nlabel = \"Другое\"\n";
        let strings = DemoStrings::from_texts(&[("en", ENGLISH_TEXT), ("ru", russian)]).unwrap();
        let block = strings.block("ru", &["saddle-race".to_string()]);
        assert!(block.starts_with("<script type=\"application/json\" id=\"demo-strings\">{"));
        let json = block
            .trim_end()
            .trim_start_matches("<script type=\"application/json\" id=\"demo-strings\">")
            .trim_end_matches("</script>");
        let read: BTreeMap<String, String> = serde_json::from_str(json).unwrap();
        let expected: BTreeMap<String, String> = [
            ("kit.play", "Пуск"),
            ("kit.saved", "{file} сохранён."),
            ("saddle-race.step", "Шаг"),
        ]
        .into_iter()
        .map(|(key, value)| (key.to_string(), value.to_string()))
        .collect();
        assert_eq!(read, expected);
        assert_eq!(strings.block("en", &[]), "");
    }

    #[test]
    fn a_value_cannot_close_the_script_element() {
        let hostile = "[kit]\nplay = \"</script><script>alert(1)</script> & <!--\"\n";
        let strings = DemoStrings::from_texts(&[("en", hostile)]).unwrap();
        let block = strings.block("en", &["saddle-race".to_string()]);
        assert_eq!(block.matches("</script>").count(), 1, "{block}");
        assert!(!block.contains("<!--"));
        let json = block
            .trim_end()
            .trim_start_matches("<script type=\"application/json\" id=\"demo-strings\">")
            .trim_end_matches("</script>");
        let read: BTreeMap<String, String> = serde_json::from_str(json).unwrap();
        assert_eq!(
            read["kit.play"],
            "</script><script>alert(1)</script> & <!--"
        );
    }

    #[test]
    fn missing_extra_and_mismatched_keys_are_each_reported() {
        let ukrainian = "[kit]\nsaved = \"Збережено.\"\nextra = \"Зайве\"\n\
            [saddle-race]\nstep = \"Крок\"\n[other-demo]\nlabel = \"Інше\"\n";
        let strings = DemoStrings::from_texts(&[("en", ENGLISH_TEXT), ("uk", ukrainian)]).unwrap();
        let problems: Vec<String> = strings
            .check_complete(Path::new("lessons/strings"))
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(problems.len(), 3, "{problems:#?}");
        assert!(
            problems[0].contains("`kit.play` is missing"),
            "{}",
            problems[0]
        );
        assert!(
            problems[1].contains("`kit.saved` has the placeholders"),
            "{}",
            problems[1]
        );
        assert!(
            problems[2].contains("`kit.extra` is not in the English file"),
            "{}",
            problems[2]
        );
        assert!(problems.iter().all(|problem| problem.contains("uk")));
    }

    #[test]
    fn only_tables_of_text_are_accepted() {
        assert!(DemoStrings::from_texts(&[("en", "play = \"Play\"\n")]).is_err());
        assert!(DemoStrings::from_texts(&[("en", "[kit]\nplay = 3\n")]).is_err());
        assert!(DemoStrings::from_texts(&[("en", "[kit\n")]).is_err());
    }

    #[test]
    fn demo_names_are_read_from_the_page_once_each_in_order() {
        let html = "<figure data-demo=\"b-demo\"></figure><figure data-demo=\"a-demo\">\
            </figure><figure data-demo=\"b-demo\"></figure>";
        assert_eq!(demo_names_in(html), ["b-demo", "a-demo"]);
        assert!(demo_names_in("<p>no demos</p>").is_empty());
    }

    #[test]
    fn placeholders_are_read_in_order() {
        assert_eq!(placeholders("{a} of {b}"), ["a", "b"]);
        assert!(placeholders("none").is_empty());
        assert_eq!(placeholders("open { only"), Vec::<&str>::new());
    }

    /// Every string literal in the Rust files under `folder` that has the shape of a key of a known
    /// table (`kit.play`, `saddle-race.step_size`), with the file it is in.
    fn keys_in_sources(folder: &Path, tables: &[&str], found: &mut Vec<(String, PathBuf)>) {
        for entry in std::fs::read_dir(folder).unwrap().map(Result::unwrap) {
            let path = entry.path();
            if path.is_dir() {
                keys_in_sources(&path, tables, found);
                continue;
            }
            if path.extension().is_none_or(|extension| extension != "rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            // Odd pieces between quotes are the literals (the sources escape no quote in a key).
            for literal in source.split('"').skip(1).step_by(2) {
                let is_key = literal.split_once('.').is_some_and(|(table, key)| {
                    tables.contains(&table)
                        && !key.is_empty()
                        && key.chars().all(|character| {
                            character.is_ascii_lowercase()
                                || character.is_ascii_digit()
                                || character == '_'
                        })
                });
                if is_key {
                    found.push((literal.to_string(), path.clone()));
                }
            }
        }
    }

    #[test]
    fn every_key_the_web_and_plots_code_names_is_in_english() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let strings = DemoStrings::load(&root).unwrap_or_else(|errors| panic!("{errors}"));
        let english = strings.strings(ENGLISH).unwrap();
        let mut tables = crate::demos::names();
        tables.push(KIT_TABLE);
        let mut used = Vec::new();
        for crate_name in ["downhill-web", "downhill-plots"] {
            keys_in_sources(
                &root.join("crates").join(crate_name).join("src"),
                &tables,
                &mut used,
            );
        }
        assert!(
            used.iter().any(|(key, _)| key == "kit.play"),
            "the scan found no key"
        );
        let missing: Vec<String> = used
            .iter()
            .filter(|(key, _)| !english.contains_key(key))
            .map(|(key, path)| format!("{key} ({})", path.display()))
            .collect();
        assert!(
            missing.is_empty(),
            "keys missing in lessons/strings/en/demos.toml: {missing:#?}"
        );
    }

    #[test]
    fn the_repository_strings_are_complete_in_every_language() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let strings = DemoStrings::load(&root).unwrap_or_else(|errors| panic!("{errors}"));
        let english = strings.strings(ENGLISH).expect("English strings");
        assert!(english.contains_key("kit.play"));
    }
}
