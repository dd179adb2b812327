//! Fenced blocks: code (with includes, highlighted at build time), ```` ```demo ```` and
//! ```` ```figure ````. Each block becomes one HTML event.

use std::collections::BTreeMap;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag, TagEnd};
use serde::Deserialize;

use crate::demos;
use crate::figures;
use crate::highlight::{self, Language};
use crate::html::{escape, push_escaped};
use crate::markdown::{Document, PageContext, render_inline};
use crate::stages::includes;

pub fn render_fenced_blocks<'a>(
    document: Document<'a>,
    context: &mut PageContext<'_>,
) -> Document<'a> {
    let mut events = Vec::with_capacity(document.events.len());
    let mut open_block: Option<(CodeBlockKind<'a>, usize, String)> = None;
    for (event, range) in document.events {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                open_block = Some((kind, range.start, String::new()))
            }
            Event::Text(text) if open_block.is_some() => {
                if let Some((_, _, body)) = open_block.as_mut() {
                    body.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((kind, start, body)) = open_block.take() {
                    let html = render_block(&kind, start, &body, context);
                    events.push((Event::Html(CowStr::from(html)), start..range.end));
                }
            }
            other => events.push((other, range)),
        }
    }
    Document { events }
}

fn render_block(
    kind: &CodeBlockKind<'_>,
    start: usize,
    body: &str,
    context: &mut PageContext<'_>,
) -> String {
    let info = match kind {
        CodeBlockKind::Fenced(info) => info.as_ref(),
        CodeBlockKind::Indented => "",
    };
    // The language is the first word of the info string; `rust,ignore` and `rust title=x` mean rust.
    let fence_name = info.split([',', ' ', '\t']).next().unwrap_or("").trim();
    match fence_name {
        "demo" => render_demo(start, body, context),
        "figure" => render_figure(start, body, context),
        // A demo or figure that a lesson will have but the site does not have yet: the marker and
        // its caption wait in the Markdown and nothing reaches the page, so no reader meets a
        // promise of a picture that is not there. `check` lists them as work to do.
        "demo-pending" | "figure-pending" => {
            record_pending(fence_name, start, body, context);
            String::new()
        }
        _ => render_code(fence_name, start, body, context),
    }
}

/// Notes a pending marker as work to do, and says so when its demo or figure has arrived.
fn record_pending(fence_name: &str, start: usize, body: &str, context: &mut PageContext<'_>) {
    let kind = fence_name.trim_end_matches("-pending");
    let name = toml::from_str::<toml::Table>(body)
        .ok()
        .and_then(|table| {
            table
                .get("name")
                .and_then(|name| name.as_str().map(str::to_string))
        })
        .unwrap_or_else(|| "(no name)".to_string());
    let exists = match kind {
        "demo" => demos::find(&name).is_some(),
        _ => figures::names().contains(&name.as_str()),
    };
    let message = if exists {
        format!("the {kind} `{name}` exists now: change `{fence_name}` to `{kind}` to show it")
    } else {
        format!("{kind} `{name}` is pending: the page shows nothing in its place yet")
    };
    let line = context.line_of(start);
    let file = context.file.clone();
    context
        .pending
        .push(crate::error::LessonError::at(&file, line, message));
}

fn render_code(
    fence_name: &str,
    start: usize,
    body: &str,
    context: &mut PageContext<'_>,
) -> String {
    let Some(language) = Language::from_fence_name(fence_name) else {
        context.error_at(
            start,
            format!(
                "unknown code language `{fence_name}`; the highlighter knows {}",
                highlight::known_language_names().join(", ")
            ),
        );
        return String::new();
    };
    let code = expand_includes(start, body, context);
    let label = listing_label(language, body, context);
    // A listing wider than the column scrolls sideways, and a keyboard user can scroll only what
    // can take focus (WCAG 2.1.1; axe's `scrollable-region-focusable`), so every listing is a tab
    // stop: which ones scroll depends on the reader's screen, which the build cannot know. Once
    // focusable it needs a name, and `aria-label` is allowed only with a role, so each listing is a
    // region named after what it shows.
    let mut html = format!(
        "<pre class=\"code\" tabindex=\"0\" role=\"region\" aria-label=\"{}\"><code class=\"language-{}\">",
        escape(&label),
        language.name()
    );
    html.push_str(&highlight::highlight(language, &code));
    html.push_str("</code></pre>\n");
    html
}

/// The accessible name of a code listing: `Code listing: REGION (FILE)` for each region the block
/// includes, `Code listing: FILE` for a whole file, else the language; numbered when a page shows
/// the same code twice.
fn listing_label(language: Language, body: &str, context: &mut PageContext<'_>) -> String {
    let shown: Vec<String> = body
        .lines()
        .filter_map(|line| includes::parse_directive(line)?.ok())
        .map(|directive| {
            let file = directive.path.rsplit('/').next().unwrap_or(directive.path);
            match directive.region {
                Some(region) => format!("{region} ({file})"),
                None => file.to_string(),
            }
        })
        .collect();
    let what = if shown.is_empty() {
        match language.name() {
            "rust" => "Rust".to_string(),
            "text" => "plain text".to_string(),
            other => other.to_string(),
        }
    } else {
        shown.join(", ")
    };
    let label = context.words.code_listing_label.replace("{what}", &what);
    context.unique_region_label(&label)
}

/// Replaces each line `{{#include ...}}` with the included text; errors name the directive's line.
fn expand_includes(start: usize, body: &str, context: &mut PageContext<'_>) -> String {
    // The fence line comes first, so body line `n` (0-based) is `n + 1` lines after the block start.
    let first_line = context.line_of(start) + 1;
    let mut code = String::with_capacity(body.len());
    for (line_idx, line) in body.split_inclusive('\n').enumerate() {
        match includes::parse_directive(line) {
            None => code.push_str(line),
            Some(Err(message)) => record(context, first_line + line_idx, message),
            Some(Ok(directive)) => match includes::resolve(&context.resources.root, &directive) {
                Ok(text) => code.push_str(&text),
                Err(message) => record(context, first_line + line_idx, message),
            },
        }
    }
    code
}

fn record(context: &mut PageContext<'_>, line: usize, message: String) {
    let file = context.file.clone();
    context
        .errors
        .push(crate::error::LessonError::at(&file, line, message));
}

/// The body of a ```` ```demo ```` block: the demo's name, its caption, and its starting settings.
#[derive(Debug, Deserialize)]
struct DemoBlock {
    name: String,
    caption: String,
    #[serde(flatten)]
    settings: BTreeMap<String, toml::Value>,
}

fn render_demo(start: usize, body: &str, context: &mut PageContext<'_>) -> String {
    let block: DemoBlock = match toml::from_str(body) {
        Ok(block) => block,
        Err(error) => {
            report_toml_error(start, body, "demo", &error, context);
            return String::new();
        }
    };
    let Some(kind) = demos::find(&block.name) else {
        context.error_at(
            start,
            format!(
                "unknown demo `{}`; the demos that exist are {}",
                block.name,
                demos::names().join(", ")
            ),
        );
        return String::new();
    };
    let info = kind.info();
    context.demo_count += 1;
    let id = context.unique_id(&format!("demo-{}", context.demo_count));
    let settings_json = serde_json::to_string(&block.settings).unwrap_or_else(|_| "{}".to_string());
    let caption = render_inline(&block.caption, start, context);
    let mut html = format!(
        "<figure class=\"demo\" id=\"{id}\" data-demo=\"{}\" data-settings=\"{}\">\n<div class=\"demo-fallback\">",
        escape(info.name),
        escape(&settings_json),
    );
    let still_settings = demos::settings_as_text(&block.settings);
    let still_id = demos::still_id(kind, &still_settings);
    let still = match context.stills.get(&still_id) {
        Some(still) => Some(still.clone()),
        None => match demos::still(kind, &still_settings, context.resources) {
            Ok(still) => still.inspect(|still| {
                context.stills.insert(still_id.clone(), still.clone());
            }),
            Err(message) => {
                context.error_at(start, message);
                None
            }
        },
    };
    match still {
        Some(still) => html.push_str(&demos::still_picture(info, &still, &context.words.to_root)),
        None => {
            html.push_str("<p class=\"demo-fallback-text\">");
            push_escaped(&mut html, info.description);
            html.push_str("</p>");
        }
    }
    html.push_str(&format!(
        "</div>\n<figcaption>{caption}</figcaption>\n</figure>\n"
    ));
    html
}

/// The body of a ```` ```figure ```` block.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FigureBlock {
    name: String,
    caption: String,
}

fn render_figure(start: usize, body: &str, context: &mut PageContext<'_>) -> String {
    let block: FigureBlock = match toml::from_str(body) {
        Ok(block) => block,
        Err(error) => {
            report_toml_error(start, body, "figure", &error, context);
            return String::new();
        }
    };
    let svg = match figures::draw(&block.name, context.resources) {
        Ok(svg) => svg,
        Err(message) => {
            context.error_at(start, message);
            return String::new();
        }
    };
    let id = context.unique_id(&format!("figure-{}", block.name));
    let caption = render_inline(&block.caption, start, context);
    format!(
        "<figure class=\"figure\" id=\"{id}\">\n{svg}\n<figcaption>{caption}</figcaption>\n</figure>\n"
    )
}

fn report_toml_error(
    start: usize,
    body: &str,
    what: &str,
    error: &toml::de::Error,
    context: &mut PageContext<'_>,
) {
    // The block's body starts on the line after the fence.
    let body_line = error
        .span()
        .map(|span| body[..span.start].matches('\n').count())
        .unwrap_or(0);
    let line = context.line_of(start) + 1 + body_line;
    let file = context.file.clone();
    context.errors.push(crate::error::LessonError::at(
        &file,
        line,
        format!("{what} block: {}", error.message()),
    ));
}
