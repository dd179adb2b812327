//! Checks over the whole built site: the content policy on every page, and every link and asset
//! reference inside the site.
//!
//! The content policy the site is served with is `default-src 'self'; script-src 'self'
//! 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data: blob:; object-src 'none';
//! base-uri 'none'`. A page breaks it with an inline script or event handler, a `style` attribute
//! or element, anything loaded from another origin, or a plugin or `<base>` element; each of
//! those is an error here, so it is caught at build time and not by a reader's console.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;

use crate::error::{Errors, LessonError};
use crate::html_scan::{self, ScannedTag};
use crate::wasm_module;

/// A built page, with what is needed to say where a problem in it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// File name in the site (`index.html`, `gradient-checks.html`).
    pub name: String,
    pub html: String,
    /// The lesson the page was built from, if any.
    pub source: Option<PathBuf>,
    /// Addresses written in the lesson and the line each first appears on.
    pub link_lines: BTreeMap<String, usize>,
}

/// Elements the policy forbids outright: plugins (`object-src 'none'`), frames of other documents,
/// `<base>` (`base-uri 'none'`), and `<style>` (`style-src 'self'` allows only files).
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "style", "object", "embed", "iframe", "frame", "applet", "base",
];

/// Attributes whose value is fetched by the browser, on any element.
const FETCHING_ATTRIBUTES: &[&str] = &[
    "src",
    "srcset",
    "poster",
    "data",
    "action",
    "formaction",
    "xlink:href",
];

/// Checks every page; `asset_exists` says whether a relative path that is not a page (a stylesheet,
/// script, font or data file) is part of the site. `unrendered_pages` are pages the site has but
/// that failed to render: links to them count as good, and anchors in them are not checked, so one
/// broken lesson does not make every link to it an error too.
pub fn check_site(
    pages: &[Page],
    asset_exists: &dyn Fn(&str) -> bool,
    unrendered_pages: &[String],
) -> Errors {
    let scanned: Vec<Vec<ScannedTag>> = pages
        .iter()
        .map(|page| html_scan::tags(&page.html))
        .collect();
    let ids_by_page: HashMap<&str, HashSet<String>> = pages
        .iter()
        .zip(&scanned)
        .map(|(page, tags)| (page.name.as_str(), ids_of(tags)))
        .collect();
    let mut errors = Errors::default();
    for (page, tags) in pages.iter().zip(&scanned) {
        let mut reporter = Reporter {
            page,
            errors: &mut errors,
        };
        check_policy(page, tags, &mut reporter);
        let targets = LinkTargets {
            ids_by_page: &ids_by_page,
            asset_exists,
            unrendered_pages,
        };
        check_links(page, tags, &targets, &mut reporter);
        check_duplicate_ids(tags, &mut reporter);
    }
    errors
}

/// Attaches page and line to a problem found in a page.
struct Reporter<'p, 'e> {
    page: &'p Page,
    errors: &'e mut Errors,
}

impl Reporter<'_, '_> {
    fn report(&mut self, url: Option<&str>, message: String) {
        let line = url.and_then(|url| self.page.link_lines.get(url).copied());
        let (file, message) = match &self.page.source {
            Some(source) => (source.clone(), format!("{message} (in {})", self.page.name)),
            None => (PathBuf::from(&self.page.name), message),
        };
        let error = LessonError {
            file,
            line,
            message,
        };
        if !self.errors.iter().any(|known| *known == error) {
            self.errors.push(error);
        }
    }
}

fn ids_of(tags: &[ScannedTag]) -> HashSet<String> {
    tags.iter()
        .filter_map(|tag| tag.attribute("id"))
        .map(str::to_string)
        .collect()
}

fn check_policy(page: &Page, tags: &[ScannedTag], reporter: &mut Reporter<'_, '_>) {
    for (tag_idx, tag) in tags.iter().enumerate() {
        if tag.is_end {
            continue;
        }
        if FORBIDDEN_ELEMENTS.contains(&tag.name.as_str()) {
            reporter.report(
                None,
                format!("a <{}> element breaks the site's content policy", tag.name),
            );
        }
        for (name, value) in &tag.attributes {
            if name == "style" {
                reporter.report(
                    None,
                    format!(
                        "a style attribute on <{}> breaks the content policy: use a class",
                        tag.name
                    ),
                );
            } else if name.starts_with("on") {
                reporter.report(
                    None,
                    format!(
                        "an inline event handler `{name}` on <{}> breaks the content policy",
                        tag.name
                    ),
                );
            } else if FETCHING_ATTRIBUTES.contains(&name.as_str()) || fetches_href(tag, name) {
                if is_other_origin(value) && !is_embedded_image(tag, value) {
                    reporter.report(
                        Some(value),
                        format!("<{}> loads `{value}` from another origin", tag.name),
                    );
                }
            } else if name == "href"
                && value
                    .trim_start()
                    .to_ascii_lowercase()
                    .starts_with("javascript:")
            {
                reporter.report(
                    Some(value),
                    "a `javascript:` link breaks the content policy".to_string(),
                );
            }
        }
        // A JSON data block (the demos' strings) is data the browser never runs; the policy allows it.
        let is_data_block = tag.attribute("type") == Some("application/json");
        if tag.name == "script" && !is_data_block {
            if tag.attribute("src").is_none() {
                reporter.report(
                    None,
                    "an inline <script> breaks the content policy: scripts are files".to_string(),
                );
            }
            let closes_at_once = tags
                .get(tag_idx + 1)
                .is_some_and(|next| next.is_end && next.name == "script")
                && tags[tag_idx + 1].start == tag.end;
            if !closes_at_once {
                reporter.report(None, "a <script> element holds inline code".to_string());
            }
        }
    }
    // Scanning tags cannot see a `<style>` hidden in a comment-like place, but a plain text search
    // can; it costs nothing and catches raw HTML the scanner skipped.
    if page.html.contains("<style") && !tags.iter().any(|tag| tag.name == "style") {
        reporter.report(None, "the page contains `<style`".to_string());
    }
}

/// `href` fetches on `<link>` (stylesheets, fonts, icons) and on SVG `<image>` and `<use>`; on `<a>`
/// it is only a link the reader may follow.
fn fetches_href(tag: &ScannedTag, attribute: &str) -> bool {
    attribute == "href" && matches!(tag.name.as_str(), "link" | "image" | "use" | "feimage")
}

/// A PNG written into the page itself as a `data:` URL on an image element: the policy's
/// `img-src data:` allows it and it fetches nothing (figures/raster.rs draws grids of cells so).
fn is_embedded_image(tag: &ScannedTag, url: &str) -> bool {
    matches!(tag.name.as_str(), "img" | "image") && url.starts_with("data:image/png;base64,")
}

/// Whether a URL names a scheme or a host, that is, anything but a path inside this site.
pub fn is_other_origin(url: &str) -> bool {
    let url = url.trim();
    if url.starts_with("//") {
        return true;
    }
    match url.find(':') {
        Some(colon) => {
            let before = &url[..colon];
            let is_scheme = !before.is_empty()
                && before.chars().all(|character| {
                    character.is_ascii_alphanumeric() || "+-.".contains(character)
                });
            is_scheme && !before.contains(['/', '?', '#'])
        }
        None => false,
    }
}

/// What a link inside the site may point at.
struct LinkTargets<'a> {
    ids_by_page: &'a HashMap<&'a str, HashSet<String>>,
    asset_exists: &'a dyn Fn(&str) -> bool,
    unrendered_pages: &'a [String],
}

fn check_links(
    page: &Page,
    tags: &[ScannedTag],
    targets: &LinkTargets<'_>,
    reporter: &mut Reporter<'_, '_>,
) {
    for tag in tags.iter().filter(|tag| !tag.is_end) {
        let url = match tag.name.as_str() {
            "a" | "link" => tag.attribute("href"),
            "script" | "img" => tag.attribute("src"),
            // A `<source>` in a `<picture>` names its one file in `srcset` (ours carry no sizes).
            "source" => tag.attribute("src").or_else(|| tag.attribute("srcset")),
            // The wasm module a page names for boot.js to load (wasm_module.rs) must be in the site.
            "meta"
                if tag.attribute("name").is_some_and(|name| {
                    [wasm_module::SCRIPT_META, wasm_module::WASM_META].contains(&name)
                }) =>
            {
                tag.attribute("content")
            }
            _ => None,
        };
        let Some(url) = url else { continue };
        if is_other_origin(url) {
            continue;
        }
        let without_query = url.split('?').next().unwrap_or("");
        let (path, fragment) = match without_query.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (without_query, None),
        };
        let Some(resolved) = resolve_relative(&page.name, path) else {
            reporter.report(
                Some(url),
                format!("`{url}`: links inside the site are relative to the page and stay inside the site (`page.html`, `../site.css`), so it can live under any path"),
            );
            continue;
        };
        let target = if path.is_empty() {
            page.name.as_str()
        } else {
            resolved.as_str()
        };
        if targets
            .unrendered_pages
            .iter()
            .any(|unrendered| unrendered == target)
        {
            continue;
        }
        match targets.ids_by_page.get(target) {
            Some(ids) => {
                if let Some(fragment) = fragment.filter(|fragment| !fragment.is_empty())
                    && !ids.contains(fragment)
                {
                    reporter.report(
                        Some(url),
                        format!("`{url}`: {target} has no element with id `{fragment}`"),
                    );
                }
            }
            None if target.ends_with(".html") => {
                reporter.report(Some(url), format!("`{url}`: the site has no page {target}"));
            }
            None => {
                if !(targets.asset_exists)(target) {
                    reporter.report(Some(url), format!("`{url}`: the site has no file {target}"));
                }
            }
        }
    }
}

/// The site path that `path`, written in the page `page_name` (`ru/a.html`), points at:
/// `../site.css` from `ru/a.html` is `site.css`. `None` for an absolute path or one that climbs
/// out of the site.
pub fn resolve_relative(page_name: &str, path: &str) -> Option<String> {
    if path.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = page_name.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            "." | "" => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

fn check_duplicate_ids(tags: &[ScannedTag], reporter: &mut Reporter<'_, '_>) {
    let mut seen = HashSet::new();
    for id in tags.iter().filter_map(|tag| tag.attribute("id")) {
        if !seen.insert(id) {
            reporter.report(None, format!("the id `{id}` appears twice on the page"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(name: &str, html: &str) -> Page {
        Page {
            name: name.to_string(),
            html: html.to_string(),
            source: None,
            link_lines: BTreeMap::new(),
        }
    }

    fn messages(pages: &[Page]) -> Vec<String> {
        check_site(pages, &|path| path == "site.css", &[])
            .iter()
            .map(|error| error.message.clone())
            .collect()
    }

    #[test]
    fn other_origins_are_recognised() {
        assert!(is_other_origin("https://example.org/x.png"));
        assert!(is_other_origin("//cdn.example.org/x.js"));
        assert!(is_other_origin("data:image/png;base64,AAAA"));
        assert!(!is_other_origin("gradient-checks.html#relative-error"));
        assert!(!is_other_origin("fonts/a.woff2"));
        assert!(!is_other_origin("page.html?x=a:b"));
    }

    #[test]
    fn a_clean_site_has_no_errors() {
        let pages = [
            page(
                "index.html",
                "<link rel=\"stylesheet\" href=\"site.css\"><a href=\"a.html#x\">a</a>",
            ),
            page(
                "a.html",
                "<h2 id=\"x\">X</h2><a href=\"#x\">here</a><a href=\"https://example.org\">out</a>",
            ),
        ];
        assert_eq!(messages(&pages), Vec::<String>::new());
    }

    #[test]
    fn broken_pages_anchors_and_assets_are_reported() {
        let pages = [page(
            "index.html",
            "<a href=\"b.html\">b</a><a href=\"#nowhere\">n</a><link href=\"x.css\" rel=\"stylesheet\">",
        )];
        let found = messages(&pages);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].contains("no page b.html"));
        assert!(found[1].contains("no element with id `nowhere`"));
        assert!(found[2].contains("no file x.css"));
    }

    #[test]
    fn the_wasm_module_a_page_names_must_be_in_the_site() {
        let head = "<meta name=\"downhill-module\" content=\"downhill-web-ab.js\">\
                    <meta name=\"downhill-wasm\" content=\"downhill-web-ab_bg.wasm\">\
                    <meta name=\"description\" content=\"not a file\">";
        let pages = [page("index.html", head)];
        let found: Vec<String> = check_site(&pages, &|path| path == "downhill-web-ab.js", &[])
            .iter()
            .map(|error| error.message.clone())
            .collect();
        assert_eq!(
            found,
            vec![
                "`downhill-web-ab_bg.wasm`: the site has no file downhill-web-ab_bg.wasm"
                    .to_string()
            ]
        );
    }

    #[test]
    fn policy_violations_are_reported() {
        let html = "<script>alert(1)</script><p style=\"color:red\" onclick=\"x()\">p</p><style>p{}</style>\
                    <img src=\"https://example.org/a.png\"><link rel=\"stylesheet\" href=\"https://example.org/a.css\">";
        let found = messages(&[page("index.html", html)]);
        let expected_parts = [
            "inline <script>",
            "holds inline code",
            "style attribute",
            "event handler",
            "<style>",
            "another origin",
        ];
        for part in expected_parts {
            assert!(
                found.iter().any(|message| message.contains(part)),
                "no `{part}` in {found:?}"
            );
        }
    }

    #[test]
    fn an_embedded_png_is_allowed_on_images_only() {
        let png = "data:image/png;base64,iVBORw0KGgo=";
        let allowed = format!("<svg><image href=\"{png}\"/></svg><img src=\"{png}\" alt=\"\">");
        assert_eq!(
            messages(&[page("index.html", &allowed)]),
            Vec::<String>::new()
        );
        let refused = format!(
            "<link rel=\"stylesheet\" href=\"{png}\"><img src=\"data:image/svg+xml,<svg/>\" alt=\"\">"
        );
        let found = messages(&[page("index.html", &refused)]);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found
                .iter()
                .all(|message| message.contains("another origin"))
        );
    }

    #[test]
    fn links_resolve_from_the_page_folder() {
        assert_eq!(
            resolve_relative("ru/a.html", "../site.css").as_deref(),
            Some("site.css")
        );
        assert_eq!(
            resolve_relative("ru/a.html", "b.html").as_deref(),
            Some("ru/b.html")
        );
        assert_eq!(
            resolve_relative("ru/a.html", "../zh/b.html").as_deref(),
            Some("zh/b.html")
        );
        assert_eq!(
            resolve_relative("a.html", "./stills/x.svg").as_deref(),
            Some("stills/x.svg")
        );
        assert_eq!(resolve_relative("a.html", "../a.html"), None);
        assert_eq!(resolve_relative("ru/a.html", "/a.html"), None);
        let pages = [
            page("index.html", "<a href=\"ru/a.html#x\">ru</a>"),
            page(
                "ru/a.html",
                "<h2 id=\"x\">X</h2><link rel=\"stylesheet\" href=\"../site.css\"><a href=\"../index.html\">en</a><a href=\"b.html\">b</a><a href=\"../../up.html\">up</a>",
            ),
        ];
        let found = messages(&pages);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("no page ru/b.html"), "{found:?}");
        assert!(found[1].contains("stay inside the site"), "{found:?}");
    }

    #[test]
    fn duplicate_ids_are_reported() {
        let found = messages(&[page("index.html", "<p id=\"a\"></p><p id=\"a\"></p>")]);
        assert_eq!(
            found,
            vec!["the id `a` appears twice on the page".to_string()]
        );
    }
}
