//! The whole site: read every lesson of every language, render every page, check them together,
//! write them out. English pages sit at the site root, each translation's in its own folder.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::credits;
use crate::demo_strings::{self, DemoStrings};
use crate::demos::{STILLS_DIR, Still};
use crate::error::{Errors, LessonError};
use crate::languages;
use crate::layout::{self, Frame, Neighbours};
use crate::lesson::{self, Lesson};
use crate::markdown::{self, PageWords};
use crate::parity;
use crate::resources::Resources;
use crate::site_text;
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
    let languages = languages::load(root)?;
    let texts = site_text::load_all(root, &languages)?;
    let english_lessons = lesson::load_all(root)?;
    let resources = Resources::new(root);
    let mut rendered = Rendered::default();
    let demo_strings = match DemoStrings::load(root) {
        Ok(strings) => Some(strings),
        Err(problems) => {
            rendered.errors.extend(problems);
            None
        }
    };
    for (language, text) in languages.iter().zip(&texts) {
        let lessons = if language.is_english() {
            english_lessons.clone()
        } else {
            let folder = PathBuf::from(language.source_folder());
            match lesson::load_folder(root, &folder) {
                Ok(lessons) => {
                    rendered.errors.extend(parity::check_language(
                        &folder,
                        &english_lessons,
                        &lessons,
                    ));
                    lessons
                }
                Err(errors) => {
                    rendered.errors.extend(errors);
                    continue;
                }
            }
        };
        let frame = Frame {
            text,
            language,
            languages: &languages,
            module,
        };
        render_language(
            &lessons,
            &frame,
            &resources,
            demo_strings.as_ref(),
            &mut rendered,
        );
    }
    let Rendered {
        mut errors,
        pages,
        unrendered_pages,
        pending,
        stills,
    } = rendered;
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

/// What rendering every language gathers.
#[derive(Default)]
struct Rendered {
    errors: Errors,
    pages: Vec<Page>,
    /// Pages that failed to render, by their names in the site.
    unrendered_pages: Vec<String>,
    pending: Vec<LessonError>,
    stills: BTreeMap<String, Still>,
}

/// Renders the home page and every lesson of one language into its folder of the site.
fn render_language(
    lessons: &[Lesson],
    frame: &Frame<'_>,
    resources: &Resources,
    demo_strings: Option<&DemoStrings>,
    rendered: &mut Rendered,
) {
    let folder = frame.language.folder();
    rendered.pages.push(Page {
        name: format!("{folder}index.html"),
        html: layout::index_page(lessons, frame),
        source: None,
        link_lines: Default::default(),
    });
    for (lesson_idx, lesson) in lessons.iter().enumerate() {
        check_sources(lesson, &mut rendered.errors);
        let name = format!("{folder}{}", lesson.page_name());
        let words = PageWords::of(frame.text, frame.language.to_root());
        let body = markdown::render_body_with(
            &lesson.file,
            &lesson.body,
            lesson.body_first_line,
            resources,
            words,
        );
        let mut body = match body {
            Ok(body) => body,
            Err(lesson_errors) => {
                rendered.errors.extend(lesson_errors);
                rendered.unrendered_pages.push(name);
                continue;
            }
        };
        // The demos' interface text in the page's language.
        if let Some(strings) = demo_strings {
            let names = demo_strings::demo_names_in(&body.html);
            body.html
                .push_str(&strings.block(&frame.language.code, &names));
        }
        // A translation's pending markers are the English lesson's (the parity check holds them
        // equal), so `check` lists each piece of work once.
        if frame.language.is_english() {
            rendered.pending.append(&mut body.pending);
        }
        rendered.stills.append(&mut body.stills);
        let neighbours = Neighbours {
            previous: lesson_idx
                .checked_sub(1)
                .map(|previous_idx| &lessons[previous_idx]),
            next: lessons.get(lesson_idx + 1),
        };
        rendered.pages.push(Page {
            name,
            html: layout::lesson_page(lesson, &body, lesson_idx + 1, neighbours, frame),
            source: Some(lesson.file.clone()),
            link_lines: body.link_lines,
        });
    }
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
        // A translated page goes into its language's folder.
        if let Some(folder) = path.parent().filter(|folder| !folder.is_dir()) {
            create(folder)?;
        }
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
