//! The words of the site's own frame, in each language: header, skip link, table of contents,
//! pager, home page, footer and credits, the language switcher, and the messages boot.js shows.
//!
//! English is `lessons/site.toml`, a translation `lessons/<code>/site.toml`; each is a flat TOML
//! table of strings, with placeholders written `{name}`. The English file must hold every key the
//! layout uses ([`KEYS`]), and a translation every key of the English file and no other, so a
//! missing or misspelt key stops the build with the key's name instead of showing English, or
//! nothing, on a translated page.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Errors, LessonError};
use crate::languages::Language;

/// Every key the renderer reads. A key here and not in `lessons/site.toml` is a build error.
pub const KEYS: &[&str] = &[
    "site_name",
    "tagline",
    "skip_link",
    "language_switcher_label",
    "toc_heading",
    "lesson_number",
    "pager_label",
    "pager_previous",
    "pager_next",
    "section_link_label",
    "code_listing_label",
    "home_heading",
    "home_description",
    "home_welcome",
    "home_demos_note",
    "home_lessons_heading",
    "footer_translated_from",
    "footer_own_work",
    "footer_digits_credit",
    "source_000",
    "source_001",
    "source_002",
    "source_003",
    "source_004",
    "source_000_and_001",
    "list_pair_separator",
    "list_separator",
    "list_last_separator",
    "demo_failed",
];

/// One language's frame words, every key present (checked when loaded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteText {
    /// The file the words came from, for error messages.
    pub file: PathBuf,
    texts: BTreeMap<String, String>,
}

impl SiteText {
    /// The text of `key`. Every key in [`KEYS`] is present once loading succeeded; any other key
    /// is a mistake in the renderer, shown as the key itself so a test sees it.
    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        debug_assert!(KEYS.contains(&key), "`{key}` is not in site_text::KEYS");
        self.texts.get(key).map(String::as_str).unwrap_or(key)
    }

    /// The text of `key` with each `{name}` replaced by its value.
    pub fn fill(&self, key: &str, values: &[(&str, &str)]) -> String {
        let mut text = self.get(key).to_string();
        for (name, value) in values {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        text
    }

    /// `parts` joined as a sentence lists them: "a", "a and b", "a, b, and c".
    pub fn join_list(&self, parts: &[String]) -> String {
        match parts {
            [] => String::new(),
            [only] => only.clone(),
            [first, second] => format!("{first}{}{second}", self.get("list_pair_separator")),
            [init @ .., last] => format!(
                "{}{}{last}",
                init.join(self.get("list_separator")),
                self.get("list_last_separator")
            ),
        }
    }
}

/// The file of a language's frame words, relative to the repository root.
pub fn file_of(language: &Language) -> PathBuf {
    Path::new(&language.source_folder()).join("site.toml")
}

/// Reads the frame words of every language; `languages` starts with English.
pub fn load_all(root: &Path, languages: &[Language]) -> Result<Vec<SiteText>, Errors> {
    let mut errors = Errors::default();
    let mut texts = Vec::new();
    for language in languages {
        let file = file_of(language);
        match fs::read_to_string(root.join(&file)) {
            Ok(text) => match parse(&file, &text) {
                Ok(site_text) => texts.push(site_text),
                Err(error) => errors.push(error),
            },
            Err(error) => errors.push(LessonError::in_file(
                &file,
                format!(
                    "cannot read the site's words for `{}`: {error}",
                    language.code
                ),
            )),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let (english, translations) = texts.split_first().expect("English is always listed");
    errors.extend(check_keys(english, translations));
    errors.into_result(texts)
}

/// Reads one `site.toml`; `file` names it in errors.
pub fn parse(file: &Path, text: &str) -> Result<SiteText, LessonError> {
    let texts: BTreeMap<String, String> = toml::from_str(text).map_err(|error| {
        let line = error
            .span()
            .map(|span| 1 + text[..span.start].matches('\n').count());
        LessonError {
            file: file.to_path_buf(),
            line,
            message: format!("{} (every value is a string)", error.message()),
        }
    })?;
    Ok(SiteText {
        file: file.to_path_buf(),
        texts,
    })
}

/// English must hold every key the renderer reads; each translation exactly English's keys, with
/// the same placeholders, and no empty value.
pub fn check_keys(english: &SiteText, translations: &[SiteText]) -> Errors {
    let mut errors = Errors::default();
    for key in KEYS {
        if !english.texts.contains_key(*key) {
            errors.push(LessonError::in_file(
                &english.file,
                format!("the key `{key}` is missing: the layout needs it"),
            ));
        }
    }
    for translation in translations {
        for (key, english_text) in &english.texts {
            match translation.texts.get(key) {
                None => errors.push(LessonError::in_file(
                    &translation.file,
                    format!("the key `{key}` is missing (English: \"{english_text}\")"),
                )),
                Some(text) if text.trim().is_empty() && !english_text.trim().is_empty() => errors
                    .push(LessonError::in_file(
                        &translation.file,
                        format!("the key `{key}` is empty"),
                    )),
                Some(text) if placeholders(text) != placeholders(english_text) => {
                    errors.push(LessonError::in_file(
                        &translation.file,
                        format!(
                            "the key `{key}` has the placeholders {:?}, English has {:?}",
                            placeholders(text),
                            placeholders(english_text)
                        ),
                    ))
                }
                Some(_) => {}
            }
        }
        for key in translation.texts.keys() {
            if !english.texts.contains_key(key) {
                errors.push(LessonError::in_file(
                    &translation.file,
                    format!("the key `{key}` is not in {}", english.file.display()),
                ));
            }
        }
    }
    errors
}

/// The `{name}` placeholders of a text, sorted, each once.
fn placeholders(text: &str) -> Vec<String> {
    let mut names: Vec<String> = text
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
        .filter(|name| {
            !name.is_empty()
                && name
                    .bytes()
                    .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_')
        })
        .collect();
    names.sort();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(file: &str, toml: &str) -> SiteText {
        parse(Path::new(file), toml).expect("valid TOML")
    }

    fn complete_english() -> SiteText {
        let toml: String = KEYS
            .iter()
            .map(|key| format!("{key} = \"{key} text\"\n"))
            .collect();
        text(
            "lessons/site.toml",
            &format!("{toml}lesson_extra = \"Lesson {{n}}\"\n"),
        )
    }

    #[test]
    fn a_missing_key_is_named_with_its_file() {
        let english = complete_english();
        let russian = text("lessons/ru/site.toml", "tagline = \"как учатся модели\"\n");
        let errors = check_keys(&english, &[russian]);
        let message = errors.to_string();
        assert!(
            message.contains("lessons/ru/site.toml: the key `skip_link` is missing"),
            "{message}"
        );
        assert_eq!(errors.len(), KEYS.len(), "{message}");
    }

    #[test]
    fn english_must_hold_every_key_the_layout_reads() {
        let english = text("lessons/site.toml", "tagline = \"t\"\n");
        let errors = check_keys(&english, &[]);
        assert_eq!(errors.len(), KEYS.len() - 1, "{errors}");
        assert!(
            errors.to_string().contains("`pager_next` is missing"),
            "{errors}"
        );
    }

    #[test]
    fn extra_keys_empty_values_and_lost_placeholders_are_refused() {
        let english = complete_english();
        let mut toml: String = KEYS
            .iter()
            .map(|key| format!("{key} = \"перевод\"\n"))
            .collect();
        toml = toml.replace("tagline = \"перевод\"", "tagline = \" \"");
        toml.push_str("lesson_extra = \"Урок\"\nunknown = \"x\"\n");
        let errors = check_keys(&english, &[text("lessons/ru/site.toml", &toml)]).to_string();
        assert!(errors.contains("`tagline` is empty"), "{errors}");
        assert!(
            errors.contains("`lesson_extra` has the placeholders []"),
            "{errors}"
        );
        assert!(
            errors.contains("`unknown` is not in lessons/site.toml"),
            "{errors}"
        );
    }

    #[test]
    fn fill_and_lists_follow_the_language() {
        let russian = text(
            "lessons/ru/site.toml",
            "lesson_number = \"Урок {n}\"\nlist_pair_separator = \" и \"\n\
             list_separator = \", \"\nlist_last_separator = \" и \"\n",
        );
        assert_eq!(russian.fill("lesson_number", &[("n", "3")]), "Урок 3");
        let parts = ["а".to_string(), "б".to_string(), "в".to_string()];
        assert_eq!(russian.join_list(&parts[..2]), "а и б");
        assert_eq!(russian.join_list(&parts), "а, б и в");
    }

    #[test]
    fn placeholders_are_found_once_each() {
        assert_eq!(placeholders("{n} of {total}, {n}"), ["n", "total"]);
        assert!(placeholders("no {} braces { here").is_empty());
    }
}
