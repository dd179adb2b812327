//! The last stage: any `{{#...}}` marker still in the text was not taken by a stage, which means it
//! is misspelled or in the wrong place (an include outside a code block, an output inside a
//! sentence). Silently printing it would ship a page with a hole in it.

use pulldown_cmark::Event;

use crate::markdown::{Document, PageContext};

pub fn reject_unknown_markers<'a>(
    document: Document<'a>,
    context: &mut PageContext<'_>,
) -> Document<'a> {
    for (event, range) in &document.events {
        if let Event::Text(text) = event
            && let Some(start) = text.find("{{#")
        {
            let marker: String = text[start..]
                .chars()
                .take_while(|character| *character != '}')
                .collect();
            context.error_at(
                range.start,
                format!(
                    "`{marker}}}}}` is not a marker here: `{{{{#output NAME}}}}` must be alone on its line, and \
                     `{{{{#include PATH:REGION}}}}` belongs inside a fenced code block"
                ),
            );
        }
    }
    document
}
