//! Credits for the page footers: the seed documents a lesson translates, named in the page's
//! language.

use crate::site_text::SiteText;

/// The seed documents, by the three-digit prefixes of the files in `shared/seeds/`. What the footer
/// calls each is a key of the site's words (`source_000`), so every language names them its way.
const SOURCES: &[&str] = &["000", "001", "002", "003", "004"];

/// The known source keys, for error messages.
pub fn known_sources() -> Vec<&'static str> {
    SOURCES.to_vec()
}

/// Whether `key` names a seed document.
pub fn is_known_source(key: &str) -> bool {
    SOURCES.contains(&key)
}

/// One sentence crediting `sources` in the words of `text`, or `None` for a page that translates
/// nothing.
///
/// The Russian and Chinese translations of the same notes are named together (`source_000_and_001`:
/// "the cs231n notes on optimization (Russian and Chinese translations)").
pub fn sources_sentence(sources: &[String], text: &SiteText) -> Option<String> {
    let has = |key: &str| sources.iter().any(|source| source == key);
    let both_cs231n = has("000") && has("001");
    let mut parts: Vec<String> = Vec::new();
    if both_cs231n {
        parts.push(text.get("source_000_and_001").to_string());
    }
    for key in SOURCES {
        let merged_above = (*key == "000" || *key == "001") && both_cs231n;
        if has(key) && !merged_above {
            parts.push(text.get(&format!("source_{key}")).to_string());
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(text.fill(
        "footer_translated_from",
        &[("sources", &text.join_list(&parts))],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn english() -> SiteText {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../lessons/site.toml");
        let toml = std::fs::read_to_string(root).expect("lessons/site.toml is readable");
        crate::site_text::parse(Path::new("lessons/site.toml"), &toml).expect("valid")
    }

    fn keys(list: &[&str]) -> Vec<String> {
        list.iter().map(|key| key.to_string()).collect()
    }

    #[test]
    fn the_two_translations_of_one_note_are_named_together() {
        let sentence = sources_sentence(&keys(&["000", "001"]), &english()).unwrap();
        assert_eq!(
            sentence,
            "Translated from the cs231n notes on optimization (Russian and Chinese translations)."
        );
    }

    #[test]
    fn several_sources_are_listed_with_and() {
        let sentence = sources_sentence(&keys(&["000", "001", "003", "004"]), &english()).unwrap();
        assert!(
            sentence.starts_with(
                "Translated from the cs231n notes on optimization (Russian and Chinese"
            )
        );
        assert!(sentence.contains(", a Russian chapter"), "{sentence}");
        assert!(
            sentence.contains(", and the Ukrainian lecture slides"),
            "{sentence}"
        );
        assert_eq!(sources_sentence(&[], &english()), None);
    }

    #[test]
    fn every_listed_source_is_known() {
        for key in known_sources() {
            assert!(is_known_source(key));
        }
        assert!(!is_known_source("005"));
    }
}
