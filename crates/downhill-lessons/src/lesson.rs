//! Finding the lesson files, naming their pages, and putting them in order.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Errors, LessonError};
use crate::front_matter::{self, FrontMatter};

/// One lesson file, read and split, not yet rendered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lesson {
    /// The file, relative to the repository root (`lessons/03-computing-the-gradient.md`).
    pub file: PathBuf,
    /// The page name without `.html`: the file name without its `NN-` prefix and `.md`.
    pub slug: String,
    pub front_matter: FrontMatter,
    /// The Markdown body.
    pub body: String,
    /// The file line on which the body starts.
    pub body_first_line: usize,
}

impl Lesson {
    /// The page's file name in the built site.
    pub fn page_name(&self) -> String {
        format!("{}.html", self.slug)
    }
}

/// Page names the layout uses for itself, which a lesson may therefore not take.
const RESERVED_SLUGS: &[&str] = &["index", "404"];

/// The slug of a lesson file name `NN-slug.md`, or why the name is not one.
///
/// The slug is lower-case ASCII letters, digits and single hyphens, so it is safe in a URL as it is.
pub fn slug_of(file_name: &str) -> Result<String, String> {
    let stem = file_name
        .strip_suffix(".md")
        .ok_or_else(|| format!("`{file_name}` is not a Markdown file"))?;
    let (number, slug) = stem
        .split_once('-')
        .ok_or_else(|| format!("`{file_name}` should be named NN-slug.md"))?;
    if number.is_empty() || !number.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(format!(
            "`{file_name}` should start with a number and a hyphen (NN-slug.md)"
        ));
    }
    let slug_is_clean = !slug.is_empty()
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
        && slug
            .bytes()
            .all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-');
    if !slug_is_clean {
        return Err(format!(
            "`{file_name}`: the part after the number must be lower-case letters, digits and single hyphens"
        ));
    }
    if RESERVED_SLUGS.contains(&slug) {
        return Err(format!(
            "`{file_name}`: the page name `{slug}.html` is taken by the site itself"
        ));
    }
    Ok(slug.to_string())
}

/// Files in a lessons folder that are not lessons: the format's description, and a translation's
/// glossary.
const NOT_LESSONS: &[&str] = &["README.md", "GLOSSARY.md"];

/// Reads every lesson in `root/lessons`, sorted by `order`.
///
/// `README.md` describes the format and is skipped; any other `.md` file must be a lesson. Two
/// lessons with the same `order` or the same slug are an error, because the previous and next links
/// and the page names would be ambiguous.
pub fn load_all(root: &Path) -> Result<Vec<Lesson>, Errors> {
    load_folder(root, Path::new("lessons"))
}

/// Reads every lesson in `root/folder` (`lessons`, or a translation's `lessons/ru`), sorted by
/// `order`, as [`load_all`] does.
pub fn load_folder(root: &Path, folder: &Path) -> Result<Vec<Lesson>, Errors> {
    let lessons_dir = root.join(folder);
    let mut errors = Errors::default();
    let entries = match fs::read_dir(&lessons_dir) {
        Ok(entries) => entries,
        Err(error) => {
            return Err(
                LessonError::in_file(folder, format!("cannot read the folder: {error}")).into(),
            );
        }
    };
    let mut file_names: Vec<String> = entries
        .filter_map(|entry| entry.ok())
        .filter(|entry| {
            entry
                .file_type()
                .map(|kind| kind.is_file())
                .unwrap_or(false)
        })
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".md") && !NOT_LESSONS.contains(&name.as_str()))
        .collect();
    file_names.sort();

    let mut lessons = Vec::new();
    for file_name in file_names {
        let file = folder.join(&file_name);
        match load_one(root, &file, &file_name) {
            Ok(lesson) => lessons.push(lesson),
            Err(error) => errors.push(error),
        }
    }
    lessons.sort_by(|left, right| {
        (left.front_matter.order, &left.slug).cmp(&(right.front_matter.order, &right.slug))
    });
    check_unique(&lessons, &mut errors);
    errors.into_result(lessons)
}

fn load_one(root: &Path, file: &Path, file_name: &str) -> Result<Lesson, LessonError> {
    let slug = slug_of(file_name).map_err(|message| LessonError::in_file(file, message))?;
    let text = fs::read_to_string(root.join(file))
        .map_err(|error| LessonError::in_file(file, format!("cannot read: {error}")))?;
    let split = front_matter::split(file, &text)?;
    Ok(Lesson {
        file: file.to_path_buf(),
        slug,
        front_matter: split.front_matter,
        body: split.body.to_string(),
        body_first_line: split.body_first_line,
    })
}

fn check_unique(lessons: &[Lesson], errors: &mut Errors) {
    let mut by_order: BTreeMap<i64, &Lesson> = BTreeMap::new();
    let mut by_slug: BTreeMap<&str, &Lesson> = BTreeMap::new();
    for lesson in lessons {
        if let Some(first) = by_order.insert(lesson.front_matter.order, lesson) {
            errors.push(LessonError::in_file(
                &lesson.file,
                format!(
                    "order = {} is also the order of {}; each lesson needs its own place",
                    lesson.front_matter.order,
                    first.file.display()
                ),
            ));
        }
        if let Some(first) = by_slug.insert(&lesson.slug, lesson) {
            errors.push(LessonError::in_file(
                &lesson.file,
                format!(
                    "builds the same page `{}` as {}",
                    lesson.page_name(),
                    first.file.display()
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_drops_number_and_extension() {
        assert_eq!(
            slug_of("03-computing-the-gradient.md"),
            Ok("computing-the-gradient".to_string())
        );
    }

    #[test]
    fn slug_rejects_names_without_number() {
        assert!(slug_of("gradient.md").is_err());
        assert!(slug_of("ab-gradient.md").is_err());
    }

    #[test]
    fn slug_rejects_unsafe_characters_and_reserved_names() {
        assert!(slug_of("01-Gradient.md").is_err());
        assert!(slug_of("01-a b.md").is_err());
        assert!(slug_of("01-index.md").is_err());
    }
}
