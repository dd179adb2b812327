//! The page frame shared by every page: head, skip link, site header, table of contents, previous
//! and next links, and the footer with credits.
//!
//! Every URL here is relative, so the site works under any sub-path, and nothing here is inline
//! script or style, for the content policy.

use crate::credits;
use crate::html::{escape, push_escaped};
use crate::lesson::Lesson;
use crate::markdown::{RenderedBody, TocEntry};
use crate::wasm_module::WasmModule;

/// The site's name, shown in the header and in every `<title>`.
pub const SITE_NAME: &str = "Downhill";

/// What the head of a page needs.
struct Head<'a> {
    title: &'a str,
    description: &'a str,
    /// The wasm built with this page, which boot.js loads; none when only checking the site.
    module: Option<&'a WasmModule>,
}

fn push_head(html: &mut String, head: &Head<'_>) {
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    html.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    html.push_str(&format!("<title>{}</title>\n", escape(head.title)));
    html.push_str(&format!(
        "<meta name=\"description\" content=\"{}\">\n",
        escape(head.description)
    ));
    html.push_str("<meta name=\"color-scheme\" content=\"light dark\">\n");
    // `trunk serve` replaces this placeholder with its live-reload address; boot.js reads it. On any
    // other server it stays as written and boot.js ignores it.
    html.push_str("<meta name=\"downhill-trunk-ws\" content=\"{{__TRUNK_WS_BASE__}}\">\n");
    // No `<link rel="preload">` for the math font, on purpose: Chromium holds the first paint for a
    // preloaded font while it decodes (about 50 ms of a page's first paint here, issue 6). site.css
    // asks for it with `font-display: swap`, so text paints at once and formulas take the font when
    // it arrives; the service worker keeps it, so later pages have it at once.
    // Our own icon: without one, browsers ask for /favicon.ico, which a sub-path host may not have.
    html.push_str("<link rel=\"icon\" href=\"favicon.svg\" type=\"image/svg+xml\">\n");
    html.push_str("<link rel=\"stylesheet\" href=\"site.css\">\n");
    html.push_str("<link rel=\"stylesheet\" href=\"demos.css\">\n");
    // Every page names its build's module, the home page too although it has no demo: the service
    // worker reads the names there to keep the module for pages not visited yet.
    if let Some(module) = head.module {
        html.push_str(&module.meta_tags());
    }
    html.push_str("<script type=\"module\" src=\"boot.js\"></script>\n");
    html.push_str("</head>\n");
}

fn push_site_header(html: &mut String) {
    html.push_str("<body>\n<a class=\"skip-link\" href=\"#content\">Skip to content</a>\n");
    html.push_str(&format!(
        "<header class=\"site-header\">\n<a class=\"site-name\" href=\"index.html\">{SITE_NAME}</a>\n\
         <span class=\"site-tagline\">how machine-learning models are optimized</span>\n</header>\n"
    ));
}

fn push_footer(html: &mut String, sources_sentence: Option<&str>) {
    html.push_str("<footer class=\"site-footer\">\n");
    if let Some(sentence) = sources_sentence {
        html.push_str("<p>");
        push_escaped(html, sentence);
        html.push_str(" The English text, the code and the figures are our own.</p>\n");
    }
    html.push_str("<p>");
    push_escaped(html, credits::DIGITS_CREDIT);
    html.push_str("</p>\n</footer>\n</body>\n</html>\n");
}

/// A lesson's neighbours in the course, for the previous and next links.
#[derive(Debug, Clone, Copy)]
pub struct Neighbours<'a> {
    pub previous: Option<&'a Lesson>,
    pub next: Option<&'a Lesson>,
}

/// The full page of one lesson. `position` is its 1-based place in the course.
pub fn lesson_page(
    lesson: &Lesson,
    body: &RenderedBody,
    position: usize,
    neighbours: Neighbours<'_>,
    module: Option<&WasmModule>,
) -> String {
    let front = &lesson.front_matter;
    let mut html = String::with_capacity(body.html.len() + 4096);
    let title = format!("{} · {SITE_NAME}", front.title);
    push_head(
        &mut html,
        &Head {
            title: &title,
            description: &front.summary,
            module,
        },
    );
    push_site_header(&mut html);
    html.push_str(
        "<main id=\"content\">\n<article class=\"lesson\">\n<header class=\"lesson-header\">\n",
    );
    html.push_str(&format!(
        "<p class=\"lesson-number\">Lesson {position}</p>\n"
    ));
    html.push_str(&format!("<h1>{}</h1>\n", escape(&front.title)));
    html.push_str(&format!(
        "<p class=\"lesson-summary\">{}</p>\n</header>\n",
        escape(&front.summary)
    ));
    push_toc(&mut html, &body.toc);
    html.push_str("<div class=\"lesson-body\">\n");
    html.push_str(&body.html);
    html.push_str("</div>\n</article>\n");
    push_pager(&mut html, neighbours);
    html.push_str("</main>\n");
    push_footer(
        &mut html,
        credits::sources_sentence(&front.sources).as_deref(),
    );
    html
}

/// The table of contents: `##` headings as a list, each with its `###` headings nested under it.
fn push_toc(html: &mut String, toc: &[TocEntry]) {
    if toc.is_empty() {
        return;
    }
    html.push_str("<nav class=\"toc\" aria-labelledby=\"toc-title\">\n<p class=\"toc-title\" id=\"toc-title\">On this page</p>\n<ol>\n");
    let mut item_open = false;
    let mut sublist_open = false;
    for entry in toc {
        let link = format!("<a href=\"#{}\">{}</a>", escape(&entry.id), entry.html);
        if entry.level == 3 {
            // A `###` before any `##` still needs an item to hang from.
            if !item_open {
                html.push_str("<li>");
                item_open = true;
            }
            if !sublist_open {
                html.push_str("\n<ol>\n");
                sublist_open = true;
            }
            html.push_str(&format!("<li>{link}</li>\n"));
        } else {
            if sublist_open {
                html.push_str("</ol>\n");
                sublist_open = false;
            }
            if item_open {
                html.push_str("</li>\n");
            }
            html.push_str(&format!("<li>{link}"));
            item_open = true;
        }
    }
    if sublist_open {
        html.push_str("</ol>\n");
    }
    if item_open {
        html.push_str("</li>\n");
    }
    html.push_str("</ol>\n</nav>\n");
}

fn push_pager(html: &mut String, neighbours: Neighbours<'_>) {
    if neighbours.previous.is_none() && neighbours.next.is_none() {
        return;
    }
    html.push_str("<nav class=\"pager\" aria-label=\"Previous and next lessons\">\n");
    if let Some(previous) = neighbours.previous {
        html.push_str(&format!(
            "<a class=\"pager-previous\" rel=\"prev\" href=\"{}\"><span class=\"pager-label\">Previous</span> \
             <span class=\"pager-title\">{}</span></a>\n",
            escape(&previous.page_name()),
            escape(&previous.front_matter.title)
        ));
    }
    if let Some(next) = neighbours.next {
        html.push_str(&format!(
            "<a class=\"pager-next\" rel=\"next\" href=\"{}\"><span class=\"pager-label\">Next</span> \
             <span class=\"pager-title\">{}</span></a>\n",
            escape(&next.page_name()),
            escape(&next.front_matter.title)
        ));
    }
    html.push_str("</nav>\n");
}

/// The home page: a short welcome and every lesson in order with its summary.
pub fn index_page(lessons: &[Lesson], module: Option<&WasmModule>) -> String {
    let mut html = String::with_capacity(8192);
    let description = "An interactive course on how machine-learning models are optimized: loss landscapes, \
                       gradients, gradient descent and its variants, with live demos.";
    push_head(
        &mut html,
        &Head {
            title: SITE_NAME,
            description,
            module,
        },
    );
    push_site_header(&mut html);
    html.push_str(
        "<main id=\"content\">\n<article class=\"home\">\n<h1>Learning to go downhill</h1>\n",
    );
    html.push_str(
        "<p class=\"lesson-summary\">Training a model means finding the bottom of a loss landscape you cannot see. \
         These lessons walk down it step by step: what the landscape looks like, how to find the way down, \
         and how the optimizers that train today’s models choose their steps.</p>\n\
         <p>Every number, picture and demo on these pages comes from the code shown on them, run on a small \
         set of handwritten digits. The demos need JavaScript and WebAssembly; without them each page \
         still reads in full, with still pictures in their place.</p>\n",
    );
    html.push_str("<h2 id=\"lessons\">Lessons</h2>\n<ol class=\"lesson-list\">\n");
    for lesson in lessons {
        html.push_str(&format!(
            "<li><a href=\"{}\">{}</a>\n<p>{}</p></li>\n",
            escape(&lesson.page_name()),
            escape(&lesson.front_matter.title),
            escape(&lesson.front_matter.summary)
        ));
    }
    html.push_str("</ol>\n</article>\n</main>\n");
    let mut all_sources: Vec<String> = lessons
        .iter()
        .flat_map(|lesson| lesson.front_matter.sources.clone())
        .collect();
    all_sources.sort();
    all_sources.dedup();
    push_footer(
        &mut html,
        credits::sources_sentence(&all_sources).as_deref(),
    );
    html
}
