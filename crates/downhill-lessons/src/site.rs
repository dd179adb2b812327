//! The whole site: read every lesson, render every page, check them together, write them out.

use std::fs;
use std::path::{Path, PathBuf};

use crate::credits;
use crate::error::{Errors, LessonError};
use crate::layout::{self, Neighbours};
use crate::lesson::{self, Lesson};
use crate::markdown;
use crate::resources::Resources;
use crate::validate::{self, Page};

/// The folder, relative to the repository root, whose files Trunk copies to the site root; a
/// relative asset URL in a page must name one of them.
pub const STATIC_DIR: &str = "www";

/// A rendered site: its pages, and the work still to do that is not an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub pages: Vec<Page>,
    /// Pending demo and figure markers (`demo-pending`, `figure-pending`), at their lines.
    pub pending: Vec<LessonError>,
}

/// Renders every page of the site from the repository at `root` and checks them together.
///
/// Every problem is reported, not only the first: rendering goes on past a broken lesson, and the
/// site-wide checks (links, content policy) run on every page that rendered.
pub fn render_site(root: &Path) -> Result<Site, Errors> {
    let lessons = lesson::load_all(root)?;
    let resources = Resources::new(root);
    let mut errors = Errors::default();
    let mut pages = Vec::with_capacity(lessons.len() + 1);
    let mut unrendered_pages = Vec::new();
    let mut pending = Vec::new();
    for (lesson_idx, lesson) in lessons.iter().enumerate() {
        check_sources(lesson, &mut errors);
        let rendered = markdown::render_body(
            &lesson.file,
            &lesson.body,
            lesson.body_first_line,
            &resources,
        );
        let mut body = match rendered {
            Ok(body) => body,
            Err(lesson_errors) => {
                errors.extend(lesson_errors);
                unrendered_pages.push(lesson.page_name());
                continue;
            }
        };
        pending.append(&mut body.pending);
        let neighbours = Neighbours {
            previous: lesson_idx
                .checked_sub(1)
                .map(|previous_idx| &lessons[previous_idx]),
            next: lessons.get(lesson_idx + 1),
        };
        pages.push(Page {
            name: lesson.page_name(),
            html: layout::lesson_page(lesson, &body, lesson_idx + 1, neighbours),
            source: Some(lesson.file.clone()),
            link_lines: body.link_lines,
        });
    }
    pages.insert(
        0,
        Page {
            name: "index.html".to_string(),
            html: layout::index_page(&lessons),
            source: None,
            link_lines: Default::default(),
        },
    );
    let static_dir = root.join(STATIC_DIR);
    let asset_exists = |path: &str| static_dir.join(path).is_file();
    errors.extend(validate::check_site(
        &pages,
        &asset_exists,
        &unrendered_pages,
    ));
    errors.sort();
    errors.into_result(Site { pages, pending })
}

fn check_sources(lesson: &Lesson, errors: &mut Errors) {
    for source in &lesson.front_matter.sources {
        if !credits::is_known_source(source) {
            errors.push(LessonError::in_file(
                &lesson.file,
                format!(
                    "front matter: unknown source `{source}`; the seed documents are {}",
                    credits::known_sources().join(", ")
                ),
            ));
        }
    }
}

/// Writes `pages` into `out`, creating it if needed, and returns the paths written.
///
/// `out` must not be a source folder of the repository at `root`: under `trunk serve` a page written
/// into a watched folder would trigger another build, forever.
pub fn write_site(root: &Path, out: &Path, pages: &[Page]) -> Result<Vec<PathBuf>, LessonError> {
    refuse_source_folder(root, out)?;
    fs::create_dir_all(out).map_err(|error| {
        LessonError::in_file(out, format!("cannot create the output folder: {error}"))
    })?;
    let mut written = Vec::with_capacity(pages.len());
    for page in pages {
        let path = out.join(&page.name);
        fs::write(&path, &page.html)
            .map_err(|error| LessonError::in_file(&path, format!("cannot write: {error}")))?;
        written.push(path);
    }
    Ok(written)
}

fn refuse_source_folder(root: &Path, out: &Path) -> Result<(), LessonError> {
    let resolve = |path: &Path| fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let root = resolve(root);
    // The output folder may not exist yet; its parent decides where it would be.
    let out_resolved = match fs::canonicalize(out) {
        Ok(path) => path,
        Err(_) => match (out.parent(), out.file_name()) {
            (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => {
                resolve(parent).join(name)
            }
            _ => std::env::current_dir()
                .map(|dir| dir.join(out))
                .unwrap_or_else(|_| out.to_path_buf()),
        },
    };
    let source_folders = ["lessons", "www", "crates", "tests"];
    let inside_source = out_resolved == root
        || source_folders
            .iter()
            .any(|folder| out_resolved.starts_with(root.join(folder)));
    if inside_source {
        return Err(LessonError::in_file(
            out,
            "refusing to write pages into the repository's source folders; use the staging folder or --out DIR",
        ));
    }
    Ok(())
}
