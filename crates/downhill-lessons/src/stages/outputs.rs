//! A paragraph holding only `{{#output NAME}}` becomes the output of our code, computed at build
//! time (see [`crate::outputs`]).

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::markdown::{Document, PageContext, Spanned};
use crate::outputs;

pub fn expand_outputs<'a>(document: Document<'a>, context: &mut PageContext<'_>) -> Document<'a> {
    let mut events: Vec<Spanned<'a>> = Vec::with_capacity(document.events.len());
    let mut pending = document.events.into_iter().peekable();
    while let Some((event, range)) = pending.next() {
        if !matches!(event, Event::Start(Tag::Paragraph)) {
            events.push((event, range));
            continue;
        }
        // Gather the paragraph; if its text is one marker, replace the whole paragraph.
        let mut paragraph = vec![(event, range.clone())];
        let mut text = String::new();
        let mut only_text = true;
        for (inner, inner_range) in pending.by_ref() {
            let is_end = matches!(inner, Event::End(TagEnd::Paragraph));
            match &inner {
                Event::Text(piece) => text.push_str(piece),
                Event::End(TagEnd::Paragraph) => {}
                _ => only_text = false,
            }
            paragraph.push((inner, inner_range));
            if is_end {
                break;
            }
        }
        let name = only_text.then(|| output_marker(&text)).flatten();
        match name {
            Some(name) => {
                let html = match outputs::render(name, context.resources) {
                    Ok(html) => html,
                    Err(message) => {
                        context.error_at(range.start, message);
                        String::new()
                    }
                };
                let end = paragraph
                    .last()
                    .map(|(_, last)| last.end)
                    .unwrap_or(range.end);
                events.push((Event::Html(CowStr::from(html)), range.start..end));
            }
            None => events.extend(paragraph),
        }
    }
    Document { events }
}

/// The name in a text that is exactly `{{#output NAME}}`.
fn output_marker(text: &str) -> Option<&str> {
    let name = text
        .trim()
        .strip_prefix("{{#output")?
        .strip_suffix("}}")?
        .trim();
    (!name.is_empty() && !name.contains(char::is_whitespace)).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marker_names_one_output() {
        assert_eq!(
            output_marker(" {{#output step-size-table}} "),
            Some("step-size-table")
        );
        assert_eq!(output_marker("{{#output}}"), None);
        assert_eq!(output_marker("see {{#output x}}"), None);
    }
}
