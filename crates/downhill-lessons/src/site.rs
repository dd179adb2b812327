//! The whole site: read every lesson, render every page, check them together, write them out.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::credits;
use crate::demo_strings::{self, DemoStrings};
use crate::demos::{STILLS_DIR, Still};
use crate::error::{Errors, LessonError};
use crate::layout::{self, Neighbours};
use crate::lesson::{self, Lesson};
use crate::markdown;
use crate::resources::Resources;
use crate::validate::{self, Page};
use crate::wasm_module::WasmModule;

/// The folder, relative to the repository root, whose files Trunk copies to the site root; a
/// relative asset URL in a page must name one of them.
pub const STATIC_DIR: &str = "www";

/// A rendered site: its pages, and the work still to do that is not an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    pub pages: Vec<Page>,
    /// Pending demo and figure markers (`demo-pending`, `figure-pending`), at their lines.
    pub pending: Vec<LessonError>,
    /// Every demo still the pages show, by id; [`write_site`] writes them under `stills/`.
    pub stills: BTreeMap<String, Still>,
}

/// Renders every page of the site from the repository at `root` and checks them together, with no
/// wasm module named in the pages (what `check` needs; `build` uses [`render_site_for_build`]).
///
/// Every problem is reported, not only the first: rendering goes on past a broken lesson, and the
/// site-wide checks (links, content policy) run on every page that rendered.
pub fn render_site(root: &Path) -> Result<Site, Errors> {
    render(root, None)
}

/// Renders the site as `build` writes it: every page names `module`, the wasm of the same build,
/// and the site check treats its two files as part of the site.
pub fn render_site_for_build(root: &Path, module: &WasmModule) -> Result<Site, Errors> {
    render(root, Some(module))
}

fn render(root: &Path, module: Option<&WasmModule>) -> Result<Site, Errors> {
    let lessons = lesson::load_all(root)?;
    let resources = Resources::new(root);
    let mut errors = Errors::default();
    let mut pages = Vec::with_capacity(lessons.len() + 1);
    let mut unrendered_pages = Vec::new();
    let mut pending = Vec::new();
    let mut stills = BTreeMap::new();
    let demo_strings = match DemoStrings::load(root) {
        Ok(strings) => Some(strings),
        Err(problems) => {
            errors.extend(problems);
            None
        }
    };
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
        // The demos' interface text in the page's language (English until the languages land).
        if let Some(strings) = &demo_strings {
            let block = strings.block(
                demo_strings::ENGLISH,
                &demo_strings::demo_names_in(&body.html),
            );
            body.html.push_str(&block);
        }
        pending.append(&mut body.pending);
        stills.append(&mut body.stills);
        let neighbours = Neighbours {
            previous: lesson_idx
                .checked_sub(1)
                .map(|previous_idx| &lessons[previous_idx]),
            next: lessons.get(lesson_idx + 1),
        };
        pages.push(Page {
            name: lesson.page_name(),
            html: layout::lesson_page(lesson, &body, lesson_idx + 1, neighbours, module),
            source: Some(lesson.file.clone()),
            link_lines: body.link_lines,
        });
    }
    pages.insert(
        0,
        Page {
            name: "index.html".to_string(),
            html: layout::index_page(&lessons, module),
            source: None,
            link_lines: Default::default(),
        },
    );
    let static_dir = root.join(STATIC_DIR);
    let still_files: BTreeSet<String> = stills
        .values()
        .flat_map(|still| still.files().into_iter().map(|(path, _)| path))
        .collect();
    let is_module_file =
        |path: &str| module.is_some_and(|module| path == module.script || path == module.wasm);
    let asset_exists = |path: &str| {
        still_files.contains(path) || is_module_file(path) || static_dir.join(path).is_file()
    };
    errors.extend(validate::check_site(
        &pages,
        &asset_exists,
        &unrendered_pages,
    ));
    errors.sort();
    errors.into_result(Site {
        pages,
        pending,
        stills,
    })
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

/// Writes the site's pages and demo stills into `out`, creating it if needed, and returns the paths
/// written.
///
/// `out` must not be a source folder of the repository at `root`: under `trunk serve` a page written
/// into a watched folder would trigger another build, forever.
pub fn write_site(root: &Path, out: &Path, site: &Site) -> Result<Vec<PathBuf>, LessonError> {
    check_output_folder(root, out)?;
    let create = |folder: &Path| {
        fs::create_dir_all(folder).map_err(|error| {
            LessonError::in_file(folder, format!("cannot create the output folder: {error}"))
        })
    };
    create(out)?;
    let still_files = site.stills.values().flat_map(Still::files);
    if !site.stills.is_empty() {
        create(&out.join(STILLS_DIR))?;
    }
    let files = site
        .pages
        .iter()
        .map(|page| (page.name.clone(), page.html.as_str()))
        .chain(still_files);
    let mut written = Vec::new();
    for (name, contents) in files {
        let path = out.join(name);
        fs::write(&path, contents)
            .map_err(|error| LessonError::in_file(&path, format!("cannot write: {error}")))?;
        written.push(path);
    }
    Ok(written)
}

/// Refuses an output folder inside the repository's source folders (see [`write_site`]).
pub fn check_output_folder(root: &Path, out: &Path) -> Result<(), LessonError> {
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
