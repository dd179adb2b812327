//! Headings: an id from the text (or from `{#id}`), unique on the page, a `#` link to itself, and an
//! entry in the table of contents for `##` and `###`.
//!
//! The page title is the layout's `<h1>`, so a `#` heading in a lesson is an error.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

use crate::html::{escape, push_escaped};
use crate::markdown::{Document, PageContext, Spanned, TocEntry, to_html};
use crate::stages::math;

pub fn anchor_headings<'a>(document: Document<'a>, context: &mut PageContext<'_>) -> Document<'a> {
    let mut events: Vec<Spanned<'a>> = Vec::with_capacity(document.events.len());
    let mut pending = document.events.into_iter();
    while let Some((event, range)) = pending.next() {
        let Event::Start(Tag::Heading {
            level, id, classes, ..
        }) = event
        else {
            events.push((event, range));
            continue;
        };
        let inner: Vec<Spanned<'a>> = pending
            .by_ref()
            .take_while(|(event, _)| !matches!(event, Event::End(TagEnd::Heading(_))))
            .collect();
        if level == HeadingLevel::H1 {
            context.error_at(
                range.start,
                "a lesson has no `#` heading: the page title comes from the front matter; use `##` for sections",
            );
        }
        let text = plain_text(&inner);
        let wanted = match &id {
            Some(id) => id.to_string(),
            None => slugify(&text),
        };
        let wanted = if wanted.is_empty() {
            "section".to_string()
        } else {
            wanted
        };
        if id.is_some() && context.ids.contains(&wanted) {
            context.error_at(
                range.start,
                format!("the id `{wanted}` is used twice on this page"),
            );
        }
        let id = context.unique_id(&wanted);
        let level_number = heading_level_number(level);
        if level_number == 2 || level_number == 3 {
            let toc_events = inner
                .iter()
                .filter(|(event, _)| fits_in_toc(event))
                .cloned()
                .collect();
            let toc_html = to_html(math::render_math(Document { events: toc_events }, context));
            context.toc.push(TocEntry {
                level: level_number,
                id: id.clone(),
                html: toc_html.trim().to_string(),
            });
        }
        let mut open = format!("<h{level_number} id=\"{}\"", escape(&id));
        if !classes.is_empty() {
            let classes: Vec<&str> = classes.iter().map(|class| class.as_ref()).collect();
            open.push_str(&format!(" class=\"{}\"", escape(&classes.join(" "))));
        }
        open.push('>');
        events.push((Event::Html(CowStr::from(open)), range.clone()));
        events.extend(inner);
        let mut close = format!(
            " <a class=\"heading-anchor\" href=\"#{}\" aria-label=\"",
            escape(&id)
        );
        push_escaped(
            &mut close,
            &context.words.section_link_label.replace("{title}", &text),
        );
        close.push_str(&format!("\">#</a></h{level_number}>\n"));
        events.push((Event::Html(CowStr::from(close)), range));
    }
    Document { events }
}

/// The table of contents wraps each entry in a link, so links and footnote references inside a
/// heading are left out of its entry; their text stays.
fn fits_in_toc(event: &Event<'_>) -> bool {
    !matches!(
        event,
        Event::Start(Tag::Link { .. }) | Event::End(TagEnd::Link) | Event::FootnoteReference(_)
    )
}

fn heading_level_number(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// The text of a heading's events: text and code as written, math as its LaTeX without backslashes.
fn plain_text(events: &[Spanned<'_>]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::Text(piece) | Event::Code(piece) => text.push_str(piece),
            Event::InlineMath(latex) | Event::DisplayMath(latex) => {
                text.push_str(&latex.replace('\\', ""))
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_string()
}

/// An id from heading text: lower-case letters and digits of any script, words joined by hyphens.
///
/// "The gradient: analytic vs. numerical" becomes `the-gradient-analytic-vs-numerical`. Letters of
/// other scripts are kept, since browsers handle them in fragments.
pub fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for character in text.chars() {
        if character.is_alphanumeric() {
            if pending_hyphen && !slug.is_empty() {
                slug.push('-');
            }
            pending_hyphen = false;
            slug.extend(character.to_lowercase());
        } else if character.is_whitespace()
            || character == '-'
            || character == '_'
            || character == '/'
        {
            pending_hyphen = true;
        }
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_joins_words_with_hyphens() {
        assert_eq!(
            slugify("The gradient: analytic vs. numerical"),
            "the-gradient-analytic-vs-numerical"
        );
        assert_eq!(
            slugify("  Step size / learning rate  "),
            "step-size-learning-rate"
        );
        assert_eq!(slugify("Adam’s bias-correction"), "adams-bias-correction");
        assert_eq!(slugify("???"), "");
    }
}
