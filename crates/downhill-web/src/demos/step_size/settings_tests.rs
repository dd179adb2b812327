//! The step-size demos' settings, natively: for any hostile link, what each demo writes reads back as
//! the same settings (the round trip of `demos/hostile_links.rs`), and a reader of plain queries for
//! each demo's own tests.

use super::sweep::settings::SweepSettings;
use super::{curves::settings::CurvesSettings, paths::settings::PathsSettings};
use crate::demos::hostile_links::{assert_round_trip, hostile_link, read_link};
use crate::settings::DemoSettings;
use proptest::prelude::*;

/// Reads `query` (keys without the figure's prefix) as settings `S`, with the messages it left.
pub fn read_query<S: DemoSettings>(query: &[(&str, &str)]) -> (S, Vec<String>) {
    read_link::<S>(query)
}

/// The settings of an empty link, which must leave no message.
pub fn defaults<S: DemoSettings>() -> S {
    let (settings, messages) = read_query::<S>(&[]);
    assert!(messages.is_empty(), "{messages:?}");
    settings
}

/// `settings` writes exactly `expected`, in that order: the keys and formats links always had.
pub fn assert_writes<S: DemoSettings>(settings: &S, expected: &[(&str, &str)]) {
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(key, value)| (key.to_string(), value.to_string()))
        .collect();
    assert_eq!(settings.write(), expected);
}

/// The messages name every one of `keys`.
pub fn assert_messages_name(messages: &[String], keys: &[&str]) {
    for key in keys {
        assert!(
            messages
                .iter()
                .any(|message| message.contains(&format!("“{key}”"))),
            "no message names {key}: {messages:?}"
        );
    }
}

proptest! {
    #![proptest_config(crate::demos::hostile_links::proptest_cases(256))]

    #[test]
    fn what_each_step_size_demo_writes_reads_back_the_same(link in hostile_link()) {
        assert_round_trip::<SweepSettings>(&link)?;
        assert_round_trip::<PathsSettings>(&link)?;
        assert_round_trip::<CurvesSettings>(&link)?;
    }
}
