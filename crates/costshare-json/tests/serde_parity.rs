//! `#[derive(FromJson)]` reads what serde's `#[derive(Deserialize)]` reads, from the same
//! `#[serde(...)]` attributes, and says what is wrong in the same words (serde adds where in the
//! text; the reader gives the field path instead). Two differences, on purpose:
//! - a struct written as an array (`[1, 2]`, its fields by position) is refused: serde takes it;
//! - an enum written as a number, `true` or `null` is "invalid type: integer `1`, expected enum
//!   Kind", where serde_json says only "expected value".

use costshare_json::{FromJson, from_str};
use proptest::prelude::*;
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, PartialEq, Deserialize, FromJson)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Medical,
    Dental,
    Separate(Limits),
    UsualAndCustomary {
        percentile: u8,
    },
    #[serde(rename = "24_months")]
    TwoYears,
}

#[derive(Debug, PartialEq, Deserialize, FromJson)]
#[serde(deny_unknown_fields)]
struct Limits {
    individual: u32,
    family: Option<u32>,
}

#[derive(Debug, PartialEq, Deserialize, FromJson)]
#[serde(deny_unknown_fields)]
struct Plan {
    id: String,
    #[serde(default)]
    tiers: Vec<Limits>,
    kind: Kind,
    #[serde(default = "yes")]
    covered: bool,
    #[serde(rename = "for", default)]
    for_whom: Vec<Kind>,
    care: Option<BTreeMap<String, u32>>,
    share: Option<f64>,
}

fn yes() -> bool {
    true
}

/// What each reader makes of `text`: the value, or the message without serde's position. Ours
/// names a number's range in words where serde names the Rust type.
fn both(text: &str) -> (Result<Plan, String>, Result<Plan, String>) {
    let ours = from_str::<Plan>(text).map_err(|e| e.message);
    let serde = serde_json::from_str::<Plan>(text).map_err(|e| {
        costshare_json::plain_number_words(
            e.to_string().split(" at line ").next().unwrap_or_default(),
        )
    });
    let ours = ours.map_err(|m| m.split(" at line ").next().unwrap_or_default().to_string());
    (ours, serde)
}

#[test]
fn the_same_values_and_the_same_words() {
    for text in [
        r#"{"id": "a", "kind": "medical"}"#,
        r#"{"id": "a", "kind": {"separate": {"individual": 5}}, "tiers": [{"individual": 1, "family": 3}]}"#,
        r#"{"id": "a", "kind": {"usual_and_customary": {"percentile": 90}}, "for": ["24_months", "dental"], "covered": false}"#,
        r#"{"id": "a", "kind": "medical", "care": {"x": 1, "y": 2}, "share": 0.25}"#,
        r#"{"id": "a", "kind": "medical", "care": null, "share": 3}"#,
        // Wrong type, value out of range, unknown and missing fields, unknown variants.
        r#"{"id": 7, "kind": "medical"}"#,
        r#"{"id": "a", "kind": "medical", "tiers": [{"individual": -1}]}"#,
        r#"{"id": "a", "kind": "medical", "tiers": [{"individual": 1.5}]}"#,
        r#"{"id": "a", "kind": "medical", "tiers": [{"individual": 300, "extra": 1}]}"#,
        r#"{"id": "a", "kind": "medical", "copay": 1}"#,
        r#"{"id": "a"}"#,
        r#"{"kind": "medical"}"#,
        r#"{"id": "a", "kind": "vision"}"#,
        r#"{"id": "a", "kind": "separate"}"#,
        r#"{"id": "a", "kind": "usual_and_customary"}"#,
        r#"{"id": "a", "kind": {"medical": null}}"#,
        r#"{"id": "a", "kind": {"medical": 1}}"#,
        r#"{"id": "a", "kind": {"separate": {"family": 5}}}"#,
        r#"{"id": "a", "kind": "medical", "tiers": {}}"#,
        r#"{"id": "a", "kind": "medical", "care": {"x": "1"}}"#,
        r#"{"id": "a", "kind": "medical", "covered": "yes"}"#,
        r#""plan""#,
        r#"null"#,
        // Syntax: serde_json's own words either way.
        r#"{"id": "a",}"#,
        r#"{"id": "a" "kind": 1}"#,
        "",
    ] {
        let (ours, serde) = both(text);
        assert_eq!(ours, serde, "{text}");
    }
    // Text after the value: both refuse (FromJson checks the syntax of the whole text first).
    let (ours, serde) = both(r#"{"id": "a"} x"#);
    assert_eq!(ours.unwrap_err(), "trailing characters");
    assert!(serde.is_err());
    // The two differences.
    let (ours, serde) = both(r#"{"id": "a", "kind": "medical", "tiers": [[1, 2]]}"#);
    assert_eq!(
        ours.unwrap_err(),
        "invalid type: sequence, expected struct Limits"
    );
    assert_eq!(
        serde.unwrap().tiers,
        [Limits {
            individual: 1,
            family: Some(2)
        }]
    );
    let (ours, serde) = both(r#"{"id": "a", "kind": 1}"#);
    assert_eq!(
        ours.unwrap_err(),
        "invalid type: integer `1`, expected enum Kind"
    );
    assert_eq!(serde.unwrap_err(), "expected value");
}

/// One of the two differences: an enum that is not a string or an object (serde_json: "expected
/// value"), or a struct written as an array (serde reads its fields by position).
fn known_difference(ours: &Result<Plan, String>, serde: &Result<Plan, String>) -> bool {
    let enum_as_other = matches!((ours, serde), (Err(o), Err(s))
        if s == "expected value" && o.starts_with("invalid type:") && o.ends_with("expected enum Kind"));
    let struct_as_array =
        matches!(ours, Err(o) if o.starts_with("invalid type: sequence, expected struct"));
    enum_as_other || struct_as_array
}

/// A plan document with one value replaced by something else.
fn mutated() -> impl Strategy<Value = String> {
    let good = r#"{"id": "a", "kind": {"separate": {"individual": 5, "family": 9}}, "tiers": [{"individual": 1}], "for": ["dental"], "care": {"x": 1}, "share": 0.5, "covered": true}"#;
    let replacements = prop_oneof![
        Just("null"),
        Just("true"),
        Just("-3"),
        Just("1.5"),
        Just("4294967296"),
        Just("\"x\""),
        Just("[]"),
        Just("{}"),
        Just("[1, \"a\"]"),
        Just("{\"individual\": 1}"),
        Just("\"medical\""),
        Just("{\"medical\": 1}"),
        Just("\"separate\""),
        Just("{\"medical\": null}"),
        Just("{\"separate\": []}"),
        Just("{\"a\": 1, \"b\": 2}"),
    ];
    // Positions of values: after each ':' or '[' or ','.
    let starts: Vec<usize> = good
        .char_indices()
        .filter(|&(_, c)| c == ':' || c == '[' || c == ',')
        .map(|(i, _)| i + 1)
        .collect();
    (prop::sample::select(starts), replacements).prop_map(move |(at, with)| {
        // Replace the value that starts at `at` (up to the next ',', '}' or ']' at this level).
        let rest = &good[at..];
        let mut depth = 0i32;
        let mut end = rest.len();
        for (i, c) in rest.char_indices() {
            match c {
                '{' | '[' => depth += 1,
                '}' | ']' if depth == 0 => {
                    end = i;
                    break;
                }
                '}' | ']' => depth -= 1,
                ',' if depth == 0 => {
                    end = i;
                    break;
                }
                _ => {}
            }
        }
        format!("{} {}{}", &good[..at], with, &rest[end..])
    })
}

proptest! {
    #[test]
    fn any_changed_value_reads_as_serde_reads_it(text in mutated()) {
        let (ours, serde) = both(&text);
        if serde_json::from_str::<serde::de::IgnoredAny>(&text).is_err() {
            // Not JSON: both refuse (FromJson names the syntax error first, serde may name a
            // field it read before it).
            prop_assert!(ours.is_err() && serde.is_err());
            return Ok(());
        }
        prop_assume!(!known_difference(&ours, &serde));
        // Accepted or refused alike. Where a document has several faults the two readers may
        // name different ones first (serde goes in document order, FromJson reads unknown and
        // repeated fields first, then in declaration order), so with one change the words match.
        prop_assert_eq!(ours, serde, "{}", text);
    }
}
