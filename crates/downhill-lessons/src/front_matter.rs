//! The TOML block between `+++` lines at the top of a lesson: title, order, summary and sources.

use std::path::Path;

use serde::Deserialize;

use crate::error::LessonError;

/// What a lesson says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The page title, written by the layout as the page's only `<h1>`.
    pub title: String,
    /// The place in the table of contents; previous and next links follow it.
    pub order: i64,
    /// One sentence: the page description and the line under the title on the home page.
    pub summary: String,
    /// The seed documents the page translates, by their three-digit prefix ("000" .. "004").
    #[serde(default)]
    pub sources: Vec<String>,
}

/// A lesson file cut into its front matter and its Markdown body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitLesson<'a> {
    pub front_matter: FrontMatter,
    /// The Markdown after the closing `+++` line.
    pub body: &'a str,
    /// How many lines of the file come before `body`, so a body line `n` is file line
    /// `n + body_first_line - 1`.
    pub body_first_line: usize,
}

/// Splits `text` (the whole file at `file`) into front matter and body.
///
/// The file must start with a line `+++`; the front matter ends at the next line `+++`. A TOML error
/// is reported at the file line it points to, not the line inside the block.
pub fn split<'t>(file: &Path, text: &'t str) -> Result<SplitLesson<'t>, LessonError> {
    let mut lines = text.split_inclusive('\n');
    let first_line = lines.next().unwrap_or("");
    if first_line.trim_end() != "+++" {
        return Err(LessonError::at(
            file,
            1,
            "a lesson must start with front matter: a line `+++`, TOML with title, order, summary and \
             sources, and another line `+++`",
        ));
    }
    let toml_start = first_line.len();
    let mut offset = toml_start;
    let mut line_number = 1;
    for line in lines {
        line_number += 1;
        if line.trim_end() == "+++" {
            let toml_text = &text[toml_start..offset];
            let front_matter = parse_toml(file, toml_text)?;
            check_fields(file, &front_matter)?;
            return Ok(SplitLesson {
                front_matter,
                body: &text[offset + line.len()..],
                body_first_line: line_number + 1,
            });
        }
        offset += line.len();
    }
    Err(LessonError::at(
        file,
        1,
        "the front matter opened here is never closed by a line `+++`",
    ))
}

fn parse_toml(file: &Path, toml_text: &str) -> Result<FrontMatter, LessonError> {
    toml::from_str(toml_text).map_err(|error| {
        // The TOML block starts on the file's second line, so the block's byte offset maps to file
        // line 2 plus the newlines before it.
        let line = error
            .span()
            .map(|span| 2 + toml_text[..span.start].matches('\n').count())
            .unwrap_or(1);
        LessonError::at(file, line, format!("front matter: {}", error.message()))
    })
}

fn check_fields(file: &Path, front_matter: &FrontMatter) -> Result<(), LessonError> {
    if front_matter.title.trim().is_empty() {
        return Err(LessonError::at(file, 2, "front matter: `title` is empty"));
    }
    if front_matter.summary.trim().is_empty() {
        return Err(LessonError::at(file, 2, "front matter: `summary` is empty"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "lessons/01-test.md";

    #[test]
    fn splits_front_matter_from_body() {
        let text =
            "+++\ntitle = \"T\"\norder = 3\nsummary = \"S\"\nsources = [\"000\"]\n+++\n# body\n";
        let split = split(Path::new(FILE), text).expect("valid front matter");
        assert_eq!(split.front_matter.title, "T");
        assert_eq!(split.front_matter.order, 3);
        assert_eq!(split.front_matter.sources, vec!["000".to_string()]);
        assert_eq!(split.body, "# body\n");
        // The body's first line is the seventh line of the file.
        assert_eq!(split.body_first_line, 7);
    }

    #[test]
    fn toml_error_names_the_file_line() {
        let text = "+++\ntitle = \"T\"\norder = \"three\"\nsummary = \"S\"\n+++\n";
        let error = split(Path::new(FILE), text).expect_err("order is not a number");
        assert_eq!(error.line, Some(3));
        assert!(error.message.contains("front matter"), "{}", error.message);
    }

    #[test]
    fn missing_opening_line_is_an_error_at_line_one() {
        let error = split(Path::new(FILE), "title = \"T\"\n").expect_err("no +++");
        assert_eq!(error.line, Some(1));
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let error = split(Path::new(FILE), "+++\ntitle = \"T\"\n").expect_err("no closing +++");
        assert!(error.message.contains("never closed"), "{}", error.message);
    }

    #[test]
    fn unknown_key_is_an_error() {
        let text = "+++\ntitle = \"T\"\norder = 1\nsummary = \"S\"\nauthor = \"me\"\n+++\n";
        let error = split(Path::new(FILE), text).expect_err("author is not a front matter key");
        assert_eq!(error.line, Some(5));
    }
}
