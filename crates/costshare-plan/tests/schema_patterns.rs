//! The JSON Schemas' patterns for amounts and percentages accept exactly what the reader reads
//! (the limits checked after reading, like "more than 100%" or $1 billion, aside), so a file
//! cannot pass `costshare validate` and fail the published schema, or the other way round.

use costshare_plan::{Amount, Percent};
use proptest::prelude::*;
use regex::Regex;
use std::str::FromStr;

/// The pattern the generated plan schema gives a definition.
fn pattern(definition: &str) -> Regex {
    let schema: serde_json::Value = serde_json::from_str(&costshare_plan::plan_schema()).unwrap();
    let p = schema["$defs"][definition]["pattern"].as_str().unwrap();
    Regex::new(p).unwrap()
}

/// Whether the reader takes `s`, or `None` when it stops at a limit rather than at the form.
fn reads<T>(r: Result<T, String>) -> Option<bool> {
    match r {
        Ok(_) => Some(true),
        Err(e) if e.contains("more than") || e.contains("too many") => None,
        Err(_) => Some(false),
    }
}

#[test]
fn written_examples_agree() {
    let amount = pattern("Amount");
    for (s, ok) in [
        ("600", true),
        ("35.50", true),
        ("$1,000", true),
        ("1,000", true),
        (" 1000", true),
        ("1000.", true),
        (".5", true),
        ("1,50", false),
        ("-10", false),
        ("$ 10", false),
        ("", false),
        (".", false),
        ("ten", false),
    ] {
        assert_eq!(amount.is_match(s), ok, "pattern, {s:?}");
        assert_eq!(Amount::from_str(s).is_ok(), ok, "reader, {s:?}");
    }
    let percent = pattern("Percent");
    for (s, ok) in [
        ("20%", true),
        ("12.5%", true),
        ("20 %", true),
        ("20.%", true),
        ("20", false),
        ("%", false),
        ("-5%", false),
    ] {
        assert_eq!(percent.is_match(s), ok, "pattern, {s:?}");
        assert_eq!(Percent::from_str(s).is_ok(), ok, "reader, {s:?}");
    }
}

proptest! {
    #[test]
    fn the_amount_pattern_is_the_reader(s in "[0-9,. $%-]{0,9}") {
        if let Some(ok) = reads(Amount::from_str(&s)) {
            prop_assert_eq!(pattern("Amount").is_match(&s), ok, "{:?}", s);
        }
    }

    #[test]
    fn the_percent_pattern_is_the_reader(s in "[0-9,. %$-]{0,7}") {
        if let Some(ok) = reads(Percent::from_str(&s)) {
            prop_assert_eq!(pattern("Percent").is_match(&s), ok, "{:?}", s);
        }
    }
}
