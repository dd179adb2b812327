//! Keeping the translations in step with English: every English lesson exists in every language,
//! and a translated lesson has the same demos (pending ones too), figures, code includes, output
//! markers and display formulas as its English lesson, in the same order, and the same heading ids.
//!
//! Only prose, captions, titles and alt text are translated; everything this module compares is the
//! lesson's machinery, so a difference is a mistake (a demo dropped, a formula edited, an anchor
//! renamed so an English link into the page breaks) that a reader of one language would meet alone.

use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::error::{Errors, LessonError};
use crate::lesson::Lesson;
use crate::markdown::parser_options;
use crate::stages::headings::slugify;
use crate::stages::includes;

/// The parts of a lesson that every language shares, each list in the order of the page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Machinery {
    /// Demo fences by name, pending ones too: a translation may still wait (`demo-pending`) for a
    /// demo English already shows, until the coordinator switches its marker, but it names the same
    /// demo at the same place.
    pub demos: Vec<String>,
    /// Figure fences by name, pending ones too, as for demos.
    pub figures: Vec<String>,
    /// `{{#include ...}}` directives as written.
    pub includes: Vec<String>,
    /// `{{#output NAME}}` markers by name.
    pub outputs: Vec<String>,
    /// Display formulas, without white space and with `\text{...}` emptied: the mathematics must be
    /// the same, while words inside a formula may be translated.
    pub formulas: Vec<String>,
    /// Ids of the `##` and `###` headings (written `{#id}`, or made from the text).
    pub heading_ids: Vec<String>,
}

/// Reads the shared parts out of a lesson's Markdown body.
pub fn machinery(body: &str) -> Machinery {
    let mut found = Machinery::default();
    let mut fence: Option<(String, String)> = None;
    let mut heading: Option<(Option<String>, String)> = None;
    let mut paragraph: Option<String> = None;
    for event in Parser::new_ext(body, parser_options()) {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                let fence_name = info.split([',', ' ', '\t']).next().unwrap_or("").trim();
                fence = Some((fence_name.to_string(), String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((fence_name, text)) = fence.take() {
                    record_fence(&fence_name, &text, &mut found);
                }
            }
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2 | HeadingLevel::H3,
                id,
                ..
            }) => {
                heading = Some((id.map(|id| id.to_string()), String::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((id, text)) = heading.take() {
                    let id = id.unwrap_or_else(|| unique(slugify(text.trim()), &found.heading_ids));
                    found.heading_ids.push(id);
                }
            }
            Event::Start(Tag::Paragraph) => paragraph = Some(String::new()),
            Event::End(TagEnd::Paragraph) => {
                if let Some(name) = paragraph.take().as_deref().and_then(output_name) {
                    found.outputs.push(name.to_string());
                }
            }
            Event::DisplayMath(latex) => found.formulas.push(formula_key(&latex)),
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, body)) = fence.as_mut() {
                    body.push_str(&text);
                } else if let Some((_, heading_text)) = heading.as_mut() {
                    heading_text.push_str(&text);
                } else if let Some(paragraph_text) = paragraph.as_mut() {
                    paragraph_text.push_str(&text);
                }
            }
            Event::InlineMath(latex) => {
                if let Some((_, heading_text)) = heading.as_mut() {
                    heading_text.push_str(&latex.replace('\\', ""));
                }
            }
            _ => {}
        }
    }
    found
}

/// A heading id made from text, made unique as the page makes it: a second "Links" is `links-1`.
fn unique(wanted: String, taken: &[String]) -> String {
    let wanted = if wanted.is_empty() {
        "section".to_string()
    } else {
        wanted
    };
    let mut id = wanted.clone();
    let mut suffix = 1;
    while taken.contains(&id) {
        id = format!("{wanted}-{suffix}");
        suffix += 1;
    }
    id
}

fn record_fence(fence_name: &str, text: &str, found: &mut Machinery) {
    let named = || {
        toml::from_str::<toml::Table>(text)
            .ok()
            .and_then(|table| table.get("name")?.as_str().map(str::to_string))
            .unwrap_or_else(|| "(no name)".to_string())
    };
    match fence_name {
        "demo" | "demo-pending" => found.demos.push(named()),
        "figure" | "figure-pending" => found.figures.push(named()),
        _ => found.includes.extend(
            text.lines()
                .filter(|line| includes::parse_directive(line).is_some())
                .map(|line| line.trim().to_string()),
        ),
    }
}

/// The name in a paragraph that is only `{{#output NAME}}`.
fn output_name(paragraph: &str) -> Option<&str> {
    paragraph
        .trim()
        .strip_prefix("{{#output ")?
        .strip_suffix("}}")
        .map(str::trim)
}

/// A formula as compared: no white space, and the words inside `\text{...}` left out.
pub fn formula_key(latex: &str) -> String {
    let mut key = String::with_capacity(latex.len());
    let mut rest = latex;
    while let Some(start) = rest.find("\\text{") {
        key.push_str(&rest[..start + "\\text{".len()]);
        let after = &rest[start + "\\text{".len()..];
        let mut depth = 1;
        let mut end = after.len();
        for (index, character) in after.char_indices() {
            match character {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = index;
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &after[end..];
    }
    key.push_str(rest);
    key.retain(|character| !character.is_whitespace());
    key
}

/// Every difference between a translated lesson (at `file`) and its English lesson.
pub fn compare(file: &Path, english: &Machinery, translated: &Machinery) -> Errors {
    let mut errors = Errors::default();
    let lists: [(&str, &Vec<String>, &Vec<String>); 6] = [
        ("demos", &english.demos, &translated.demos),
        ("figures", &english.figures, &translated.figures),
        ("code includes", &english.includes, &translated.includes),
        ("output markers", &english.outputs, &translated.outputs),
        ("display formulas", &english.formulas, &translated.formulas),
        ("heading ids", &english.heading_ids, &translated.heading_ids),
    ];
    for (what, english_list, translated_list) in lists {
        if english_list == translated_list {
            continue;
        }
        let message = match first_difference(english_list, translated_list) {
            Some((position, english_item, translated_item)) => format!(
                "its {what} differ from the English lesson's: {} in English, {} here; the first \
                 difference is number {}: English has {}, this file has {}",
                english_list.len(),
                translated_list.len(),
                position + 1,
                shown(english_item),
                shown(translated_item)
            ),
            None => format!("its {what} differ from the English lesson's"),
        };
        let hint = if what == "heading ids" {
            " (keep the English id on a translated heading: `## Перевод {#english-id}`)"
        } else {
            ""
        };
        errors.push(LessonError::in_file(file, format!("{message}{hint}")));
    }
    errors
}

fn first_difference<'a>(
    english: &'a [String],
    translated: &'a [String],
) -> Option<(usize, Option<&'a String>, Option<&'a String>)> {
    (0..english.len().max(translated.len()))
        .map(|position| (position, english.get(position), translated.get(position)))
        .find(|(_, left, right)| left != right)
}

fn shown(item: Option<&String>) -> String {
    match item {
        Some(item) => format!("`{item}`"),
        None => "nothing".to_string(),
    }
}

/// Checks a language's lessons against English: each English lesson has a translation with the
/// same file name and `order`, no translation lacks an English lesson, and each pair shares its
/// machinery. `folder` is the language's source folder, for the message about a missing file.
pub fn check_language(folder: &Path, english: &[Lesson], translated: &[Lesson]) -> Errors {
    let mut errors = Errors::default();
    let file_name = |lesson: &Lesson| {
        lesson
            .file
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    for english_lesson in english {
        let name = file_name(english_lesson);
        let Some(translation) = translated.iter().find(|lesson| file_name(lesson) == name) else {
            errors.push(LessonError::in_file(
                &folder.join(&name),
                format!(
                    "missing: {} has no translation here (same file name as the English lesson)",
                    english_lesson.file.display()
                ),
            ));
            continue;
        };
        if translation.front_matter.order != english_lesson.front_matter.order {
            errors.push(LessonError::in_file(
                &translation.file,
                format!(
                    "front matter: order = {}, the English lesson has order = {}",
                    translation.front_matter.order, english_lesson.front_matter.order
                ),
            ));
        }
        errors.extend(compare(
            &translation.file,
            &machinery(&english_lesson.body),
            &machinery(&translation.body),
        ));
    }
    for translation in translated {
        let name = file_name(translation);
        if !english.iter().any(|lesson| file_name(lesson) == name) {
            errors.push(LessonError::in_file(
                &translation.file,
                "no English lesson has this file name: a translation keeps the English file name",
            ));
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENGLISH: &str = "\
## The gradient {#gradient}

Some text with $x$ inline.

$$
L = \\frac{1}{N} \\sum_i L_i + \\lambda R(W) \\quad \\text{(the loss)}
$$

```demo
name = \"saddle-race\"
caption = \"Press play.\"
```

```rust
{{#include crates/downhill-core/src/optimizers/sgd.rs:update}}
```

{{#output step-size-table}}

### Step size

```figure
name = \"hinge-bowl-1d\"
caption = \"A bowl.\"
```

```demo-pending
name = \"custom-surface\"
caption = \"Soon.\"
```
";

    fn russian() -> String {
        ENGLISH
            .replace("## The gradient {#gradient}", "## Градиент {#gradient}")
            .replace("Some text with", "Текст с")
            .replace("(the loss)", "(функция потерь)")
            .replace("### Step size", "### Шаг {#step-size}")
            .replace("Press play.", "Нажмите «Пуск».")
    }

    #[test]
    fn machinery_is_read_in_page_order() {
        let found = machinery(ENGLISH);
        assert_eq!(found.demos, ["saddle-race", "custom-surface"]);
        assert_eq!(found.figures, ["hinge-bowl-1d"]);
        assert_eq!(
            found.includes,
            ["{{#include crates/downhill-core/src/optimizers/sgd.rs:update}}"]
        );
        assert_eq!(found.outputs, ["step-size-table"]);
        assert_eq!(found.formulas.len(), 1);
        assert_eq!(found.heading_ids, ["gradient", "step-size"]);
    }

    #[test]
    fn a_faithful_translation_passes() {
        let errors = compare(
            Path::new("lessons/ru/01-a.md"),
            &machinery(ENGLISH),
            &machinery(&russian()),
        );
        assert!(errors.is_empty(), "{errors}");
    }

    #[test]
    fn a_dropped_demo_or_reordered_figure_is_named_with_the_file() {
        let without_pending = russian().replace("```demo-pending", "```text");
        let errors = compare(
            Path::new("lessons/ru/01-a.md"),
            &machinery(ENGLISH),
            &machinery(&without_pending),
        )
        .to_string();
        assert!(
            errors.starts_with("lessons/ru/01-a.md: its demos differ"),
            "{errors}"
        );
        assert!(
            errors.contains("English has `custom-surface`, this file has nothing"),
            "{errors}"
        );
    }

    #[test]
    fn an_edited_formula_an_output_and_a_heading_id_are_caught() {
        let edited = russian()
            .replace("\\lambda R(W)", "\\lambda R(w)")
            .replace(
                "{{#output step-size-table}}",
                "{{#output random-search-attempts}}",
            )
            .replace("### Шаг {#step-size}", "### Шаг");
        let errors = compare(
            Path::new("lessons/ru/01-a.md"),
            &machinery(ENGLISH),
            &machinery(&edited),
        );
        let text = errors.to_string();
        assert_eq!(errors.len(), 3, "{text}");
        assert!(text.contains("display formulas differ"), "{text}");
        assert!(
            text.contains("English has `step-size-table`, this file has `random-search-attempts`"),
            "{text}"
        );
        assert!(
            text.contains("English has `step-size`, this file has `шаг`"),
            "{text}"
        );
    }

    #[test]
    fn a_translation_may_still_wait_for_a_demo_english_shows() {
        let english_live = ENGLISH.replace("```demo-pending", "```demo");
        let errors = compare(
            Path::new("lessons/ru/01-a.md"),
            &machinery(&english_live),
            &machinery(&russian()),
        );
        assert!(errors.is_empty(), "{errors}");
    }

    #[test]
    fn words_in_text_and_white_space_do_not_count_in_formulas() {
        assert_eq!(
            formula_key("a + \\text{loss {x}} = b"),
            formula_key("a+\\text{потери {y}}=b")
        );
        assert_ne!(formula_key("a + b"), formula_key("a - b"));
    }
}
