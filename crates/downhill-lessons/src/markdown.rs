//! The Markdown pipeline: one function builds the parser with our options, and a page body goes
//! through a fixed list of stages, each taking a document and returning a new one.
//!
//! The stages are, in order: fenced blocks (code with includes, demos, figures), tables, output markers,
//! headings (ids, anchors, table of contents), math, and a last check for markers no stage took.
//! Headings come before math so the table of contents can render a heading's math itself; math
//! comes late so that every stage before it sees the LaTeX source.

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::error::{Errors, LessonError};
use crate::resources::Resources;
use crate::stages;

/// A Markdown event with the byte range of the body it came from.
pub type Spanned<'a> = (Event<'a>, Range<usize>);

/// A page body as a list of events; every stage maps one of these to another.
#[derive(Debug, Clone, Default)]
pub struct Document<'a> {
    pub events: Vec<Spanned<'a>>,
}

/// The parser options every caller uses: CommonMark plus tables, footnotes, strikethrough, heading
/// attributes (`{#id}`), smart punctuation and `$`-delimited math.
pub fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_MATH
}

/// Parses `markdown` with [`parser_options`], keeping each event's source range.
pub fn parse(markdown: &str) -> Document<'_> {
    Document {
        events: Parser::new_ext(markdown, parser_options())
            .into_offset_iter()
            .collect(),
    }
}

/// One entry of a page's table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TocEntry {
    /// 2 for `##`, 3 for `###`.
    pub level: u8,
    pub id: String,
    /// The heading's content as HTML (it may hold math or code).
    pub html: String,
}

/// Where a page sits in the site and the words the stages write into it, in the page's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageWords {
    /// The way from the page's folder to the site root (`""`, or `"../"` for a translated page),
    /// for the shared files a page names (the demo stills).
    pub to_root: String,
    /// The accessible name of a heading's `#` link, with `{title}`.
    pub section_link_label: String,
    /// The accessible name of a code listing, with `{what}`.
    pub code_listing_label: String,
}

impl PageWords {
    /// An English page at the site root; `lessons/site.toml` holds the same words (a test checks).
    pub fn english() -> Self {
        Self {
            to_root: String::new(),
            section_link_label: "Link to the section “{title}”".to_string(),
            code_listing_label: "Code listing: {what}".to_string(),
        }
    }

    /// A page of the language whose frame words are `text`, `to_root` below the site root.
    pub fn of(text: &crate::site_text::SiteText, to_root: &str) -> Self {
        Self {
            to_root: to_root.to_string(),
            section_link_label: text.get("section_link_label").to_string(),
            code_listing_label: text.get("code_listing_label").to_string(),
        }
    }
}

/// What the stages share while they render one page, and what they leave for the layout.
pub struct PageContext<'r> {
    /// The lesson file, relative to the repository root, for error messages.
    pub file: PathBuf,
    body: &'r str,
    body_first_line: usize,
    pub resources: &'r Resources,
    pub errors: Errors,
    pub toc: Vec<TocEntry>,
    /// Every id given to an element so far, so new ones can be made unique.
    pub ids: HashSet<String>,
    /// How many demos the page holds so far; demo `N` gets the id `demo-N`.
    pub demo_count: usize,
    /// Every link and image address written in the Markdown, with the first line it appears on, so
    /// the site check can say where a broken link was written.
    pub link_lines: BTreeMap<String, usize>,
    /// Pending demo and figure markers: not errors, but work the `check` command lists.
    pub pending: Vec<LessonError>,
    /// Demo stills the page shows, by id; the site writes each as a file.
    pub stills: BTreeMap<String, crate::demos::Still>,
    /// The accessible names given to regions (code listings, tables) so far, so each is unique.
    pub region_labels: HashSet<String>,
    /// The page's place and language.
    pub words: PageWords,
}

impl<'r> PageContext<'r> {
    pub fn new(
        file: &Path,
        body: &'r str,
        body_first_line: usize,
        resources: &'r Resources,
    ) -> Self {
        Self {
            file: file.to_path_buf(),
            body,
            body_first_line,
            resources,
            errors: Errors::default(),
            toc: Vec::new(),
            ids: HashSet::new(),
            demo_count: 0,
            link_lines: BTreeMap::new(),
            pending: Vec::new(),
            stills: BTreeMap::new(),
            region_labels: HashSet::new(),
            words: PageWords::english(),
        }
    }

    /// The file line of a byte offset into the body.
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.body.len());
        self.body_first_line
            + self.body.as_bytes()[..offset]
                .iter()
                .filter(|byte| **byte == b'\n')
                .count()
    }

    /// Records an error at the line of a byte offset into the body.
    pub fn error_at(&mut self, offset: usize, message: impl Into<String>) {
        let error = LessonError::at(&self.file, self.line_of(offset), message);
        // A heading's math is rendered twice (in the page and in the table of contents); its error
        // is worth one line.
        if !self.errors.iter().any(|known| *known == error) {
            self.errors.push(error);
        }
    }

    /// Returns `wanted` if no region of the page has that accessible name yet, else `wanted, 2`,
    /// `wanted, 3`..., and reserves the returned name, so a screen reader's list of regions tells
    /// every one apart.
    pub fn unique_region_label(&mut self, wanted: &str) -> String {
        let mut label = wanted.to_string();
        let mut number = 2;
        while self.region_labels.contains(&label) {
            label = format!("{wanted}, {number}");
            number += 1;
        }
        self.region_labels.insert(label.clone());
        label
    }

    /// Returns `wanted` if no element of the page has that id yet, else `wanted-1`, `wanted-2`...,
    /// and reserves the returned id.
    pub fn unique_id(&mut self, wanted: &str) -> String {
        let mut id = wanted.to_string();
        let mut suffix = 1;
        while self.ids.contains(&id) {
            id = format!("{wanted}-{suffix}");
            suffix += 1;
        }
        self.ids.insert(id.clone());
        id
    }
}

/// A rendered page body and what the layout needs to know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedBody {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub demo_count: usize,
    pub link_lines: BTreeMap<String, usize>,
    pub pending: Vec<LessonError>,
    /// The demo stills the page shows, by id.
    pub stills: BTreeMap<String, crate::demos::Still>,
}

/// Renders an English lesson body at the site root through every stage. `body_first_line` is the
/// file line the body starts on, so errors name file lines.
pub fn render_body(
    file: &Path,
    body: &str,
    body_first_line: usize,
    resources: &Resources,
) -> Result<RenderedBody, Errors> {
    render_body_with(file, body, body_first_line, resources, PageWords::english())
}

/// [`render_body`] for a page of any language, at the place `words` says.
pub fn render_body_with(
    file: &Path,
    body: &str,
    body_first_line: usize,
    resources: &Resources,
    words: PageWords,
) -> Result<RenderedBody, Errors> {
    let mut context = PageContext::new(file, body, body_first_line, resources);
    context.words = words;
    // The layout's own ids: the main element (the skip link's target) and the contents' title.
    context
        .ids
        .extend(["content".to_string(), "toc-title".to_string()]);
    reserve_footnote_ids(body, &mut context);
    let document = parse(body);
    let document = stages::links::record_links(document, &mut context);
    let document = stages::fences::render_fenced_blocks(document, &mut context);
    let document = stages::tables::wrap_tables(document, &mut context);
    let document = stages::outputs::expand_outputs(document, &mut context);
    let document = stages::headings::anchor_headings(document, &mut context);
    let document = stages::math::render_math(document, &mut context);
    let document = stages::leftovers::reject_unknown_markers(document, &mut context);
    let html = to_html(document);
    context.errors.into_result(RenderedBody {
        html,
        toc: context.toc,
        demo_count: context.demo_count,
        link_lines: context.link_lines,
        pending: context.pending,
        stills: context.stills,
    })
}

/// Renders a short piece of inline Markdown (a caption) with math, returning HTML without the
/// paragraph around it. Errors are recorded at `offset`, the start of the block holding the text,
/// since a caption's own lines are inside a TOML string.
pub fn render_inline(markdown: &str, offset: usize, context: &mut PageContext<'_>) -> String {
    let document = parse(markdown);
    let has_block = document.events.iter().any(|(event, _)| {
        matches!(event, Event::Start(tag) if !matches!(tag, Tag::Paragraph | Tag::Emphasis | Tag::Strong
            | Tag::Strikethrough | Tag::Link { .. }))
    });
    if has_block {
        context.error_at(
            offset,
            "a caption is one paragraph of text: no headings, lists, code blocks or images",
        );
    }
    let mut inner = PageContext::new(
        &context.file,
        markdown,
        context.line_of(offset),
        context.resources,
    );
    let document = stages::math::render_math(document, &mut inner);
    for error in inner.errors.0 {
        // Lines inside a caption string are not file lines; report the block's line.
        context.errors.push(LessonError {
            line: Some(context.line_of(offset)),
            ..error
        });
    }
    let events = document.events.into_iter().filter(|(event, _)| {
        !matches!(
            event,
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
        )
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events.map(|(event, _)| event));
    html.trim().to_string()
}

/// Turns a document into HTML.
pub fn to_html(document: Document<'_>) -> String {
    let mut html = String::new();
    pulldown_cmark::html::push_html(
        &mut html,
        document.events.into_iter().map(|(event, _)| event),
    );
    html
}

/// Footnote definitions get their label as id from pulldown-cmark; headings must not take those.
fn reserve_footnote_ids(body: &str, context: &mut PageContext<'_>) {
    for event in Parser::new_ext(body, parser_options()) {
        if let Event::Start(Tag::FootnoteDefinition(label)) = event {
            context.ids.insert(label.to_string());
        }
    }
}
