//! The languages the site is written in: English at the site root, and the translations listed in
//! `lessons/languages.toml`, each built from `lessons/<code>/` into the folder `<code>/`.
//!
//! A page names every language's copy of itself (`hreflang` alternates and the language switcher),
//! so this module also knows where each copy lives relative to any other.

use std::fs;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Errors, LessonError};
use crate::html::escape;

/// The file listing the translations, relative to the repository root.
pub const LANGUAGES_FILE: &str = "lessons/languages.toml";

/// One language of the site.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// The folder name and the key of the language (`ru`); English's is `en`.
    pub code: String,
    /// The language's name in itself, as the switcher shows it (`Русский`).
    pub name: String,
    /// The BCP 47 tag for `<html lang>` and `hreflang` (`zh-Hans`).
    pub html_lang: String,
}

impl Language {
    /// English, the language of the lessons in `lessons/` itself.
    pub fn english() -> Language {
        Language {
            code: "en".to_string(),
            name: "English".to_string(),
            html_lang: "en".to_string(),
        }
    }

    pub fn is_english(&self) -> bool {
        self.code == "en"
    }

    /// The folder of this language's pages inside the site, with a trailing slash; empty for English.
    pub fn folder(&self) -> String {
        if self.is_english() {
            String::new()
        } else {
            format!("{}/", self.code)
        }
    }

    /// The way from one of this language's pages back to the site root: `../` or nothing.
    pub fn to_root(&self) -> &'static str {
        if self.is_english() { "" } else { "../" }
    }

    /// The folder of this language's lesson sources, relative to the repository root.
    pub fn source_folder(&self) -> String {
        if self.is_english() {
            "lessons".to_string()
        } else {
            format!("lessons/{}", self.code)
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LanguagesFile {
    #[serde(default)]
    language: Vec<Language>,
}

/// Every language of the site, English first, then the translations in the order the file lists
/// them. A site without `lessons/languages.toml` is English only.
pub fn load(root: &Path) -> Result<Vec<Language>, Errors> {
    let file = Path::new(LANGUAGES_FILE);
    let text = match fs::read_to_string(root.join(file)) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Ok(vec![Language::english()]);
        }
        Err(error) => {
            return Err(LessonError::in_file(file, format!("cannot read: {error}")).into());
        }
    };
    parse(file, &text)
}

/// Reads the text of a languages file; `file` names it in errors.
pub fn parse(file: &Path, text: &str) -> Result<Vec<Language>, Errors> {
    let listed: LanguagesFile = toml::from_str(text).map_err(|error| {
        let line = error
            .span()
            .map(|span| 1 + text[..span.start].matches('\n').count());
        LessonError {
            file: file.to_path_buf(),
            line,
            message: error.message().to_string(),
        }
    })?;
    let mut errors = Errors::default();
    let mut languages = vec![Language::english()];
    for language in listed.language {
        let code_is_clean = (2..=8).contains(&language.code.len())
            && language
                .code
                .bytes()
                .all(|byte| byte.is_ascii_lowercase() || byte == b'-');
        if !code_is_clean {
            errors.push(LessonError::in_file(
                file,
                format!(
                    "`{}` is not a language code: lower-case letters, the folder name of the translation (ru, zh, uk)",
                    language.code
                ),
            ));
        } else if languages.iter().any(|known| known.code == language.code) {
            errors.push(LessonError::in_file(
                file,
                format!("the language `{}` is listed twice", language.code),
            ));
        } else if language.name.trim().is_empty() || language.html_lang.trim().is_empty() {
            errors.push(LessonError::in_file(
                file,
                format!(
                    "the language `{}` needs a name and an html_lang",
                    language.code
                ),
            ));
        } else {
            languages.push(language);
        }
    }
    errors.into_result(languages)
}

/// The address of `page` (a page name inside a language folder, `gradient-checks.html`) in
/// language `to`, relative to a page of language `from`.
pub fn page_address(from: &Language, to: &Language, page: &str) -> String {
    format!("{}{}{page}", from.to_root(), to.folder())
}

/// The `hreflang` alternates of `page` for the head of its copy in language `from`: one link per
/// language, and English again as `x-default`, the page for readers whose language is not listed.
pub fn alternate_links(languages: &[Language], from: &Language, page: &str) -> String {
    let mut html = String::new();
    for language in languages {
        html.push_str(&format!(
            "<link rel=\"alternate\" hreflang=\"{}\" href=\"{}\">\n",
            escape(&language.html_lang),
            escape(&page_address(from, language, page))
        ));
    }
    if let Some(english) = languages.iter().find(|language| language.is_english()) {
        html.push_str(&format!(
            "<link rel=\"alternate\" hreflang=\"x-default\" href=\"{}\">\n",
            escape(&page_address(from, english, page))
        ));
    }
    html
}

/// The language switcher: a short list of links to this page in every language, the current one
/// marked and not a link. Plain links work without scripts; boot.js adds the reader's section and
/// the demos' settings (the query and the hash) when one is followed.
pub fn switcher(languages: &[Language], from: &Language, page: &str, label: &str) -> String {
    if languages.len() < 2 {
        return String::new();
    }
    let mut html = format!(
        "<nav class=\"language-switcher\" aria-label=\"{}\">\n<ul>\n",
        escape(label)
    );
    for language in languages {
        let lang = escape(&language.html_lang);
        let name = escape(&language.name);
        if language == from {
            html.push_str(&format!(
                "<li><a aria-current=\"page\" lang=\"{lang}\" href=\"{}\">{name}</a></li>\n",
                escape(page)
            ));
        } else {
            html.push_str(&format!(
                "<li><a data-switch-language href=\"{}\" hreflang=\"{lang}\" lang=\"{lang}\">{name}</a></li>\n",
                escape(&page_address(from, language, page))
            ));
        }
    }
    html.push_str("</ul>\n</nav>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    fn languages() -> Vec<Language> {
        parse(
            Path::new(LANGUAGES_FILE),
            "[[language]]\ncode = \"ru\"\nname = \"Русский\"\nhtml_lang = \"ru\"\n\n\
             [[language]]\ncode = \"zh\"\nname = \"中文\"\nhtml_lang = \"zh-Hans\"\n",
        )
        .expect("a valid file")
    }

    #[test]
    fn english_comes_first_then_the_listed_order() {
        let codes: Vec<String> = languages()
            .into_iter()
            .map(|language| language.code)
            .collect();
        assert_eq!(codes, ["en", "ru", "zh"]);
    }

    #[test]
    fn addresses_go_through_the_site_root() {
        let all = languages();
        let (english, russian, chinese) = (&all[0], &all[1], &all[2]);
        assert_eq!(page_address(english, russian, "a.html"), "ru/a.html");
        assert_eq!(page_address(russian, english, "a.html"), "../a.html");
        assert_eq!(page_address(russian, chinese, "a.html"), "../zh/a.html");
        assert_eq!(page_address(chinese, chinese, "a.html"), "../zh/a.html");
    }

    #[test]
    fn alternates_name_every_language_and_a_default() {
        let all = languages();
        let links = alternate_links(&all, &all[2], "index.html");
        assert!(
            links.contains("hreflang=\"en\" href=\"../index.html\""),
            "{links}"
        );
        assert!(
            links.contains("hreflang=\"ru\" href=\"../ru/index.html\""),
            "{links}"
        );
        assert!(
            links.contains("hreflang=\"zh-Hans\" href=\"../zh/index.html\""),
            "{links}"
        );
        assert!(
            links.contains("hreflang=\"x-default\" href=\"../index.html\""),
            "{links}"
        );
    }

    #[test]
    fn the_switcher_marks_the_current_language() {
        let all = languages();
        let html = switcher(&all, &all[1], "a.html", "Язык");
        assert!(html.contains("aria-label=\"Язык\""), "{html}");
        assert!(
            html.contains("aria-current=\"page\" lang=\"ru\" href=\"a.html\">Русский"),
            "{html}"
        );
        assert!(
            html.contains("href=\"../a.html\" hreflang=\"en\""),
            "{html}"
        );
        assert_eq!(switcher(&all[..1], &all[0], "a.html", "Language"), "");
    }

    #[test]
    fn bad_codes_and_repeats_are_refused() {
        let text = "[[language]]\ncode = \"../x\"\nname = \"X\"\nhtml_lang = \"x\"\n\n\
                    [[language]]\ncode = \"en\"\nname = \"E\"\nhtml_lang = \"en\"\n";
        let errors = parse(Path::new(LANGUAGES_FILE), text).expect_err("two bad entries");
        assert_eq!(errors.len(), 2, "{errors}");
        assert!(
            errors.to_string().contains("not a language code"),
            "{errors}"
        );
        assert!(errors.to_string().contains("listed twice"), "{errors}");
    }
}
