//! Size limits of a household file (issue 10, item 5): an oversized household is refused at
//! once, with the field that passes the limit, instead of blocking the page for seconds.

use costshare_decision::file::{
    MAX_CARE_UNITS, MAX_LIFE_EVENTS, MAX_PEOPLE, MAX_PREMIUMS, MAX_TEXT_CHARS, parse_household,
};
use costshare_decision::household::HouseholdError;
use std::time::Instant;

fn person(i: usize, extra: &str) -> String {
    let relationship = if i == 0 { "employee" } else { "child" };
    let age = if i == 0 { 40 } else { 10 };
    format!(r#"{{"name": "p{i}", "relationship": "{relationship}", "age": {age}{extra}}}"#)
}

fn household(people: &[String], rest: &str) -> String {
    format!(r#"{{"people": [{}]{rest}}}"#, people.join(","))
}

fn problems(json: &str) -> Vec<HouseholdError> {
    match parse_household(json) {
        Ok(_) => Vec::new(),
        Err(ps) => ps,
    }
}

fn only(json: &str) -> (String, String) {
    let ps = problems(json);
    assert_eq!(ps.len(), 1, "{ps:?}");
    (ps[0].path.clone(), ps[0].message.clone())
}

#[test]
fn twenty_people_are_fine_and_a_thousand_are_refused_at_once() {
    let twenty: Vec<String> = (0..MAX_PEOPLE).map(|i| person(i, "")).collect();
    assert!(problems(&household(&twenty, "")).is_empty());
    let many: Vec<String> = (0..1000).map(|i| person(i, "")).collect();
    let started = Instant::now();
    let (path, message) = only(&household(&many, ""));
    assert!(
        started.elapsed().as_millis() < 500,
        "{:?}",
        started.elapsed()
    );
    assert_eq!(path, "people");
    assert_eq!(
        message,
        "1000 people is more than costshare takes in one household (at most 20)"
    );
}

#[test]
fn life_events_are_capped_for_the_household_at_the_person_who_passes_the_cap() {
    let events = |n: usize| {
        format!(
            r#", "events": [{}]"#,
            vec![r#""emergency_room_visit""#; n].join(",")
        )
    };
    // 60 + 40 = 100: fine.
    let ok = [person(0, &events(60)), person(1, &events(40))];
    assert!(problems(&household(&ok, "")).is_empty());
    // 60 + 41: the second person passes the cap.
    let over = [person(0, &events(60)), person(1, &events(41))];
    let (path, message) = only(&household(&over, ""));
    assert_eq!(path, "people[1].events");
    assert!(
        message.contains(&format!("at most {MAX_LIFE_EVENTS}")),
        "{message}"
    );
    // Thousands of events: refused at once.
    let started = Instant::now();
    let (path, _) = only(&household(&[person(0, &events(5000))], ""));
    assert_eq!(path, "people[0].events");
    assert!(started.elapsed().as_millis() < 500);
}

#[test]
fn own_counts_of_care_are_capped_for_the_household() {
    let care = |n: u32| format!(r#", "care": {{"specialist_visit": {n}, "lab_test": {n}}}"#);
    let ok: Vec<String> = (0..5).map(|i| person(i, &care(200))).collect();
    assert!(problems(&household(&ok, "")).is_empty());
    let over: Vec<String> = (0..6).map(|i| person(i, &care(200))).collect();
    let (path, message) = only(&household(&over, ""));
    assert_eq!(path, "people[5].care");
    assert!(
        message.contains(&format!("pass {MAX_CARE_UNITS}")),
        "{message}"
    );
    // More entries than kinds of care: refused without listing each unknown one.
    let keys: Vec<String> = (0..5000).map(|k| format!(r#""kind{k}": 1"#)).collect();
    let many = person(0, &format!(r#", "care": {{{}}}"#, keys.join(",")));
    let (path, message) = only(&household(&[many], ""));
    assert_eq!(path, "people[0].care");
    assert!(
        message.starts_with("5000 entries is more than the"),
        "{message}"
    );
}

#[test]
fn names_ids_and_keys_have_a_length_limit() {
    let long = "x".repeat(MAX_TEXT_CHARS + 1);
    let ok = "y".repeat(MAX_TEXT_CHARS);
    assert!(
        problems(&household(
            &[person(0, "").replace("\"p0\"", &format!("\"{ok}\""))],
            ""
        ))
        .is_empty()
    );
    let named = person(0, "").replace("\"p0\"", &format!("\"{long}\""));
    assert_eq!(only(&household(&[named], "")).0, "people[0].name");
    let event = person(0, &format!(r#", "events": ["{long}"]"#));
    assert_eq!(only(&household(&[event], "")).0, "people[0].events[0]");
    let care = person(0, &format!(r#", "care": {{"{long}": 1}}"#));
    let (path, message) = only(&household(&[care], ""));
    assert_eq!(path, format!("people[0].care.{}…", "x".repeat(40)));
    assert_eq!(message, "is longer than 100 characters");
    let state = household(
        &[person(0, "")],
        &format!(r#", "tax": {{"state": "{long}"}}"#),
    );
    assert_eq!(only(&state).0, "tax.state");
}

#[test]
fn premiums_and_price_overrides_have_a_count_limit() {
    let entries: Vec<String> = (0..=MAX_PREMIUMS)
        .map(|k| format!(r#""plan{k}": "10""#))
        .collect();
    let json = household(
        &[person(0, "")],
        &format!(r#", "premiums": {{{}}}"#, entries.join(",")),
    );
    assert_eq!(
        only(&json),
        (
            "premiums".into(),
            "201 premiums is more than costshare takes (at most 200)".into()
        )
    );
    let overrides: Vec<String> = (0..500).map(|k| format!(r#""kind{k}": "10""#)).collect();
    let json = household(
        &[person(0, "")],
        &format!(
            r#", "prices": {{"overrides": {{{}}}}}"#,
            overrides.join(",")
        ),
    );
    assert_eq!(only(&json).0, "prices.overrides");
}
