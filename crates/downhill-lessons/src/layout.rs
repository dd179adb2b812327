//! The page frame shared by every page: head, skip link, site header with the language switcher,
//! table of contents, previous and next links, and the footer with credits, in the page's language.
//!
//! Every URL here is relative, so the site works under any sub-path (a translated page reaches the
//! shared files through `../`), and nothing here is inline script or style, for the content policy.

use crate::credits;
use crate::html::{escape, push_escaped};
use crate::languages::{self, Language};
use crate::lesson::Lesson;
use crate::markdown::{RenderedBody, TocEntry};
use crate::site_text::SiteText;
use crate::wasm_module::WasmModule;

/// What every page of one language shares: its words, where it sits, and the build's module.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    /// The frame's words in the page's language.
    pub text: &'a SiteText,
    pub language: &'a Language,
    /// Every language of the site, English first, for the alternates and the switcher.
    pub languages: &'a [Language],
    /// The wasm built with this page, which boot.js loads; none when only checking the site.
    pub module: Option<&'a WasmModule>,
}

/// What the head of a page needs.
struct Head<'a> {
    title: &'a str,
    description: &'a str,
    /// The page's file name inside its language folder, for the alternates.
    page: &'a str,
}

fn push_head(html: &mut String, head: &Head<'_>, frame: &Frame<'_>) {
    let root = frame.language.to_root();
    html.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
        escape(&frame.language.html_lang)
    ));
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
    html.push_str(&format!(
        "<link rel=\"icon\" href=\"{root}favicon.svg\" type=\"image/svg+xml\">\n"
    ));
    html.push_str(&format!(
        "<link rel=\"stylesheet\" href=\"{root}site.css\">\n"
    ));
    html.push_str(&format!(
        "<link rel=\"stylesheet\" href=\"{root}demos.css\">\n"
    ));
    html.push_str(&languages::alternate_links(
        frame.languages,
        frame.language,
        head.page,
    ));
    // boot.js's words when a demo cannot start, in the page's language.
    html.push_str(&format!(
        "<meta name=\"downhill-demo-failed\" content=\"{}\">\n",
        escape(frame.text.get("demo_failed"))
    ));
    // Every page names its build's module, the home page too although it has no demo: the service
    // worker reads the names there to keep the module for pages not visited yet.
    if let Some(module) = frame.module {
        html.push_str(&module.meta_tags(root));
    }
    html.push_str(&format!(
        "<script type=\"module\" src=\"{root}boot.js\"></script>\n"
    ));
    html.push_str("</head>\n");
}

fn push_site_header(html: &mut String, page: &str, frame: &Frame<'_>) {
    let text = frame.text;
    html.push_str("<body>\n<a class=\"skip-link\" href=\"#content\">");
    push_escaped(html, text.get("skip_link"));
    html.push_str(
        "</a>\n<header class=\"site-header\">\n<a class=\"site-name\" href=\"index.html\">",
    );
    push_escaped(html, text.get("site_name"));
    html.push_str("</a>\n<span class=\"site-tagline\">");
    push_escaped(html, text.get("tagline"));
    html.push_str("</span>\n");
    html.push_str(&languages::switcher(
        frame.languages,
        frame.language,
        page,
        text.get("language_switcher_label"),
    ));
    html.push_str("</header>\n");
}

fn push_footer(html: &mut String, sources: &[String], text: &SiteText) {
    html.push_str("<footer class=\"site-footer\">\n");
    if let Some(sentence) = credits::sources_sentence(sources, text) {
        html.push_str("<p>");
        push_escaped(html, &sentence);
        html.push(' ');
        push_escaped(html, text.get("footer_own_work"));
        html.push_str("</p>\n");
    }
    html.push_str("<p>");
    push_escaped(html, text.get("footer_digits_credit"));
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
    frame: &Frame<'_>,
) -> String {
    let front = &lesson.front_matter;
    let text = frame.text;
    let mut html = String::with_capacity(body.html.len() + 4096);
    let title = format!("{} · {}", front.title, text.get("site_name"));
    let page = lesson.page_name();
    push_head(
        &mut html,
        &Head {
            title: &title,
            description: &front.summary,
            page: &page,
        },
        frame,
    );
    push_site_header(&mut html, &page, frame);
    html.push_str(
        "<main id=\"content\">\n<article class=\"lesson\">\n<header class=\"lesson-header\">\n",
    );
    html.push_str("<p class=\"lesson-number\">");
    push_escaped(
        &mut html,
        &text.fill("lesson_number", &[("n", &position.to_string())]),
    );
    html.push_str("</p>\n");
    html.push_str(&format!("<h1>{}</h1>\n", escape(&front.title)));
    html.push_str(&format!(
        "<p class=\"lesson-summary\">{}</p>\n</header>\n",
        escape(&front.summary)
    ));
    push_toc(&mut html, &body.toc, text);
    html.push_str("<div class=\"lesson-body\">\n");
    html.push_str(&body.html);
    html.push_str("</div>\n</article>\n");
    push_pager(&mut html, neighbours, text);
    html.push_str("</main>\n");
    push_footer(&mut html, &front.sources, text);
    html
}

/// The table of contents: `##` headings as a list, each with its `###` headings nested under it.
fn push_toc(html: &mut String, toc: &[TocEntry], text: &SiteText) {
    if toc.is_empty() {
        return;
    }
    html.push_str(
        "<nav class=\"toc\" aria-labelledby=\"toc-title\">\n<p class=\"toc-title\" id=\"toc-title\">",
    );
    push_escaped(html, text.get("toc_heading"));
    html.push_str("</p>\n<ol>\n");
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

fn push_pager(html: &mut String, neighbours: Neighbours<'_>, text: &SiteText) {
    if neighbours.previous.is_none() && neighbours.next.is_none() {
        return;
    }
    html.push_str(&format!(
        "<nav class=\"pager\" aria-label=\"{}\">\n",
        escape(text.get("pager_label"))
    ));
    if let Some(previous) = neighbours.previous {
        html.push_str(&format!(
            "<a class=\"pager-previous\" rel=\"prev\" href=\"{}\"><span class=\"pager-label\">{}</span> \
             <span class=\"pager-title\">{}</span></a>\n",
            escape(&previous.page_name()),
            escape(text.get("pager_previous")),
            escape(&previous.front_matter.title)
        ));
    }
    if let Some(next) = neighbours.next {
        html.push_str(&format!(
            "<a class=\"pager-next\" rel=\"next\" href=\"{}\"><span class=\"pager-label\">{}</span> \
             <span class=\"pager-title\">{}</span></a>\n",
            escape(&next.page_name()),
            escape(text.get("pager_next")),
            escape(&next.front_matter.title)
        ));
    }
    html.push_str("</nav>\n");
}

/// The home page: a short welcome and every lesson in order with its summary.
pub fn index_page(lessons: &[Lesson], frame: &Frame<'_>) -> String {
    let text = frame.text;
    let mut html = String::with_capacity(8192);
    let page = "index.html";
    push_head(
        &mut html,
        &Head {
            title: text.get("site_name"),
            description: text.get("home_description"),
            page,
        },
        frame,
    );
    push_site_header(&mut html, page, frame);
    html.push_str("<main id=\"content\">\n<article class=\"home\">\n<h1>");
    push_escaped(&mut html, text.get("home_heading"));
    html.push_str("</h1>\n<p class=\"lesson-summary\">");
    push_escaped(&mut html, text.get("home_welcome"));
    html.push_str("</p>\n<p>");
    push_escaped(&mut html, text.get("home_demos_note"));
    html.push_str("</p>\n<h2 id=\"lessons\">");
    push_escaped(&mut html, text.get("home_lessons_heading"));
    html.push_str("</h2>\n<ol class=\"lesson-list\">\n");
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
    push_footer(&mut html, &all_sources, text);
    html
}
