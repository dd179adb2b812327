//! Markdown tables: each goes into a box that scrolls sideways when the table is wider than the
//! column (site.css, `.table-scroll`), and that box is a tab stop, a region named after the
//! table's column headings, for the reason code listings are (stages/fences.rs): a keyboard user
//! can scroll only what takes focus (WCAG 2.1.1).

use pulldown_cmark::{CowStr, Event, Tag, TagEnd};

use crate::html::escape;
use crate::markdown::{Document, PageContext, Spanned};

pub fn wrap_tables<'a>(document: Document<'a>, context: &mut PageContext<'_>) -> Document<'a> {
    let source = document.events;
    let mut labels: Vec<String> = source
        .iter()
        .enumerate()
        .filter(|(_, (event, _))| matches!(event, Event::Start(Tag::Table(_))))
        .map(|(event_idx, _)| context.unique_region_label(&table_label(&source[event_idx..])))
        .collect();
    labels.reverse();
    let mut events = Vec::with_capacity(source.len() + 2 * labels.len());
    for (event, range) in source {
        match event {
            Event::Start(Tag::Table(_)) => {
                let label = labels.pop().unwrap_or_default();
                let open = format!(
                    "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">\n",
                    escape(&label)
                );
                events.push((Event::Html(CowStr::from(open)), range.clone()));
                events.push((event, range));
            }
            Event::End(TagEnd::Table) => {
                events.push((event, range.clone()));
                events.push((Event::Html(CowStr::from("</div>\n")), range));
            }
            _ => events.push((event, range)),
        }
    }
    Document { events }
}

/// `Table: HEADING, HEADING, ...` from the head row of the table whose events start `table`; math
/// in a heading counts as its LaTeX source, and an empty heading is left out.
fn table_label(table: &[Spanned<'_>]) -> String {
    let mut headings = Vec::new();
    let mut cell = String::new();
    for (event, _) in table {
        match event {
            Event::Start(Tag::TableCell) => cell.clear(),
            Event::Text(text) | Event::Code(text) | Event::InlineMath(text) => cell.push_str(text),
            Event::End(TagEnd::TableCell) if !cell.trim().is_empty() => {
                headings.push(cell.trim().to_string())
            }
            Event::End(TagEnd::TableHead) => break,
            _ => {}
        }
    }
    if headings.is_empty() {
        "Table".to_string()
    } else {
        format!("Table: {}", headings.join(", "))
    }
}
