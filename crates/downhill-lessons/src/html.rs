//! Escaping text for HTML, in one place so every stage escapes the same way.

/// Escapes `text` for use between tags or inside a double-quoted attribute value.
///
/// All five special characters are replaced, so the result is safe in both places.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    push_escaped(&mut escaped, text);
    escaped
}

/// Appends `text` to `out`, escaped as by [`escape`].
pub fn push_escaped(out: &mut String, text: &str) {
    for character in text.chars() {
        match character {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
}

/// Removes tags from a fragment of HTML and decodes the entities [`escape`] writes, giving the text
/// a reader would see. Used for `aria-label` values and the `<title>` of a page.
pub fn strip_tags(fragment: &str) -> String {
    let mut text = String::with_capacity(fragment.len());
    let mut inside_tag = false;
    for character in fragment.chars() {
        match character {
            '<' => inside_tag = true,
            '>' if inside_tag => inside_tag = false,
            other if !inside_tag => text.push(other),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_replaces_every_special_character() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn strip_tags_inverts_escape_of_plain_text() {
        let text = r#"x < y & "z" > 'w'"#;
        assert_eq!(strip_tags(&format!("<b>{}</b>", escape(text))), text);
    }
}
