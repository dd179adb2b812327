//! A small scanner over the tags of the HTML we generate, for the site checks.
//!
//! It is not a general HTML parser: it knows comments, quoted and unquoted attribute values and
//! closing tags, which is all our own output (pulldown-cmark's, pulldown-latex's, plotters' and the
//! layout's) contains. What it cannot read it skips, and the checks then see fewer tags, never
//! wrong ones.

/// One start or end tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScannedTag {
    /// Lower-cased element name, without `/`.
    pub name: String,
    pub is_end: bool,
    /// Attribute names (lower-cased) and values (entities decoded); a bare attribute has "".
    pub attributes: Vec<(String, String)>,
    /// Byte range of the whole tag in the page.
    pub start: usize,
    pub end: usize,
}

impl ScannedTag {
    /// The value of attribute `name`, if present.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Every tag in `html`, in order.
pub fn tags(html: &str) -> Vec<ScannedTag> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut position = 0;
    while let Some(offset) = html[position..].find('<') {
        let start = position + offset;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            position = rest
                .find("-->")
                .map(|end| start + end + 3)
                .unwrap_or(html.len());
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            position = rest
                .find('>')
                .map(|end| start + end + 1)
                .unwrap_or(html.len());
            continue;
        }
        let is_end = rest.starts_with("</");
        let name_start = start + if is_end { 2 } else { 1 };
        let name_end = html[name_start..]
            .find(|character: char| {
                !(character.is_ascii_alphanumeric() || character == '-' || character == ':')
            })
            .map(|len| name_start + len)
            .unwrap_or(html.len());
        if name_end == name_start {
            // A lone `<` in text; pulldown-cmark escapes these, but raw HTML in a lesson may not.
            position = start + 1;
            continue;
        }
        let (attributes, end) = read_attributes(html, name_end);
        found.push(ScannedTag {
            name: html[name_start..name_end].to_ascii_lowercase(),
            is_end,
            attributes,
            start,
            end,
        });
        position = end.max(start + 1).min(bytes.len());
    }
    found
}

/// Reads attributes from `position` to the end of the tag; returns them and the offset after `>`.
fn read_attributes(html: &str, mut position: usize) -> (Vec<(String, String)>, usize) {
    let bytes = html.as_bytes();
    let mut attributes = Vec::new();
    loop {
        while position < bytes.len()
            && (bytes[position].is_ascii_whitespace() || bytes[position] == b'/')
        {
            position += 1;
        }
        if position >= bytes.len() {
            return (attributes, bytes.len());
        }
        if bytes[position] == b'>' {
            return (attributes, position + 1);
        }
        let name_start = position;
        while position < bytes.len()
            && !matches!(bytes[position], b'=' | b'>' | b'/')
            && !bytes[position].is_ascii_whitespace()
        {
            position += 1;
        }
        let name = html[name_start..position].to_ascii_lowercase();
        let mut value = String::new();
        if position < bytes.len() && bytes[position] == b'=' {
            position += 1;
            let quote = bytes.get(position).copied();
            if let Some(quote @ (b'"' | b'\'')) = quote {
                let value_start = position + 1;
                let value_end = html[value_start..]
                    .find(quote as char)
                    .map(|len| value_start + len)
                    .unwrap_or(html.len());
                value = decode_entities(&html[value_start..value_end]);
                position = (value_end + 1).min(html.len());
            } else {
                let value_start = position;
                while position < bytes.len()
                    && !bytes[position].is_ascii_whitespace()
                    && bytes[position] != b'>'
                {
                    position += 1;
                }
                value = decode_entities(&html[value_start..position]);
            }
        }
        attributes.push((name, value));
    }
}

/// Decodes the entities our writers produce in attribute values.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_names_attributes_and_end_tags() {
        let html = "<!-- <b> --><p class=\"a\" id='x' hidden data-v=1>t &lt; u</p><br/>";
        let found = tags(html);
        let names: Vec<(&str, bool)> = found
            .iter()
            .map(|tag| (tag.name.as_str(), tag.is_end))
            .collect();
        assert_eq!(names, vec![("p", false), ("p", true), ("br", false)]);
        assert_eq!(found[0].attribute("class"), Some("a"));
        assert_eq!(found[0].attribute("id"), Some("x"));
        assert_eq!(found[0].attribute("hidden"), Some(""));
        assert_eq!(found[0].attribute("data-v"), Some("1"));
    }

    #[test]
    fn quoted_values_may_hold_angle_brackets_and_entities() {
        let found =
            tags("<figure data-settings=\"{&quot;a&quot;:&quot;&lt;b&gt;&quot;}\"></figure>");
        assert_eq!(found[0].attribute("data-settings"), Some("{\"a\":\"<b>\"}"));
        assert_eq!(found.len(), 2);
    }
}
