//! Records where each link and image address is written, so a broken one can be reported at its
//! line once the whole site is known. The document passes through unchanged.

use pulldown_cmark::{Event, Tag};

use crate::markdown::{Document, PageContext};

pub fn record_links<'a>(document: Document<'a>, context: &mut PageContext<'_>) -> Document<'a> {
    for (event, range) in &document.events {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event
            && !context.link_lines.contains_key(dest_url.as_ref())
        {
            let line = context.line_of(range.start);
            context.link_lines.insert(dest_url.to_string(), line);
        }
    }
    document
}
