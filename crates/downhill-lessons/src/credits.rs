//! Credits for the page footers: the seed documents a lesson translates, and the digits data.

/// What each seed document is, as the footer names it. The keys are the three-digit prefixes of the
/// files in `shared/seeds/`; the descriptions follow that folder's README.
const SOURCES: &[(&str, &str)] = &[
    (
        "000",
        "the cs231n notes on optimization (Russian translation)",
    ),
    (
        "001",
        "the cs231n notes on optimization (Chinese translation)",
    ),
    (
        "002",
        "the cs231n notes on training neural networks, part 3 (Russian translation)",
    ),
    (
        "003",
        "a Russian chapter on gradient descent and backpropagation",
    ),
    (
        "004",
        "the Ukrainian lecture slides “Gradient descent and momentum” (numerical optimization course, lecture 5)",
    ),
];

/// The data set credit, required by its CC BY 4.0 licence wherever the site uses it.
pub const DIGITS_CREDIT: &str = "The digits data: the test set of the UCI “Optical Recognition of Handwritten Digits” \
     data set by E. Alpaydin and C. Kaynak (1998), UCI Machine Learning Repository, licensed CC BY 4.0.";

/// The known source keys, for error messages.
pub fn known_sources() -> Vec<&'static str> {
    SOURCES.iter().map(|(key, _)| *key).collect()
}

/// Whether `key` names a seed document.
pub fn is_known_source(key: &str) -> bool {
    SOURCES.iter().any(|(known, _)| *known == key)
}

/// One sentence crediting `sources`, or `None` for a page that translates nothing.
///
/// The Russian and Chinese translations of the same notes are named together: "translated from the
/// cs231n notes on optimization (Russian and Chinese translations)".
pub fn sources_sentence(sources: &[String]) -> Option<String> {
    let has = |key: &str| sources.iter().any(|source| source == key);
    let mut parts: Vec<String> = Vec::new();
    if has("000") && has("001") {
        parts.push(
            "the cs231n notes on optimization (Russian and Chinese translations)".to_string(),
        );
    }
    for (key, description) in SOURCES {
        let merged_above = (*key == "000" || *key == "001") && has("000") && has("001");
        if has(key) && !merged_above {
            parts.push((*description).to_string());
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(format!("Translated from {}.", join_with_and(&parts)))
}

fn join_with_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [only] => only.clone(),
        [first, second] => format!("{first} and {second}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(list: &[&str]) -> Vec<String> {
        list.iter().map(|key| key.to_string()).collect()
    }

    #[test]
    fn the_two_translations_of_one_note_are_named_together() {
        let sentence = sources_sentence(&keys(&["000", "001"])).unwrap();
        assert_eq!(
            sentence,
            "Translated from the cs231n notes on optimization (Russian and Chinese translations)."
        );
    }

    #[test]
    fn several_sources_are_listed_with_and() {
        let sentence = sources_sentence(&keys(&["000", "001", "003", "004"])).unwrap();
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
        assert_eq!(sources_sentence(&[]), None);
    }

    #[test]
    fn every_listed_source_is_known() {
        for key in known_sources() {
            assert!(is_known_source(key));
        }
        assert!(!is_known_source("005"));
    }
}
