//! The model's built-in data: complete, sourced, and consistent with the CMS coverage examples.

use costshare_decision::care::CareKind;
use costshare_decision::data::{Provenance, builtin};
use costshare_decision::expected::Pricing;
use costshare_decision::household::{AgeBand, UseLevel};
use costshare_engine::Money;

#[test]
fn the_compiled_in_data_reads_as_the_files_do() {
    // The build leaves out the texts written for people (`about`, sources' `note`).
    let files = costshare_decision::data::parse(
        include_str!("../data/prices.json"),
        include_str!("../data/presets.json"),
        include_str!("../data/life-events.json"),
        include_str!("../data/simulation.json"),
    );
    assert_eq!(builtin().unwrap(), &files.unwrap());
    assert!(include_str!("../data/prices.json").contains("\"note\""));
}

#[test]
fn every_kind_of_care_has_a_sourced_or_labeled_price() {
    let data = builtin().expect("built-in data loads");
    for kind in CareKind::ALL {
        let p = &data.prices[kind];
        assert!(
            p.out_of_network_billed >= p.out_of_network_allowed,
            "{}",
            kind.id()
        );
        match &p.provenance {
            Provenance::Source(s) => assert!(
                data.sources
                    .contains_key(s.split_whitespace().next().unwrap()),
                "{}: unknown source {s}",
                kind.id()
            ),
            Provenance::Assumption(a) => {
                assert!(a.len() > 10, "{}: explain the assumption", kind.id())
            }
        }
    }
}

#[test]
fn life_events_add_up_and_match_the_cms_coverage_examples() {
    let data = builtin().unwrap();
    for (id, e) in &data.events {
        let sum: Money = e
            .lines
            .iter()
            .map(|l| Money::from_cents(l.allowed_each.cents() * i64::from(l.count)))
            .sum();
        assert_eq!(sum, e.total, "{id}");
    }
    // CMS SBC coverage examples, 11-2019 template (shared/domain/public-sources.md).
    assert_eq!(
        data.events["having_a_baby"].total,
        Money::from_dollars(12_700)
    );
    assert_eq!(
        data.events["type_2_diabetes"].total,
        Money::from_dollars(5_600)
    );
    assert_eq!(
        data.events["simple_fracture"].total,
        Money::from_dollars(2_800)
    );
}

#[test]
fn presets_spend_more_at_each_level() {
    let data = builtin().unwrap();
    let pricing = Pricing::default();
    for band in [AgeBand::Child, AgeBand::Adult, AgeBand::Senior] {
        let spend: Vec<Money> = UseLevel::ALL
            .iter()
            .map(|l| {
                data.presets[l][&band]
                    .iter()
                    .map(|(k, n)| {
                        Money::from_cents(
                            pricing.price(data, *k).in_network.cents() * i64::from(*n),
                        )
                    })
                    .sum()
            })
            .collect();
        assert!(spend.windows(2).all(|w| w[0] < w[1]), "{band:?}: {spend:?}");
    }
}

#[test]
fn skew_facts_are_cited() {
    let data = builtin().unwrap();
    assert!(data.skew_facts.len() >= 3);
    for f in &data.skew_facts {
        assert!(
            !f.source.is_empty() && f.share > 0.0 && f.share < 1.0,
            "{f:?}"
        );
    }
}

#[test]
fn event_lines_say_when_they_fall_and_the_loader_checks_it() {
    let with_lines = |lines: &str| {
        let events = include_str!("../data/life-events.json").replacen(
            r#""lines": ["#,
            &format!(r#""lines": [{lines},"#),
            1,
        );
        costshare_decision::data::parse(
            include_str!("../data/prices.json"),
            include_str!("../data/presets.json"),
            &events,
            include_str!("../data/simulation.json"),
        )
    };
    // Several units need the days between them.
    let e = with_lines(r#"{"care": "lab_test", "count": 3, "allowed_each": "40"}"#).unwrap_err();
    assert!(e.contains("3 units of lab_test need `every`"), "{e}");
    // An event fits in a year: 100 + 2 × 150 = day 400 is past 364.
    let e = with_lines(
        r#"{"care": "lab_test", "count": 3, "allowed_each": "40", "day": 100, "every": 150}"#,
    )
    .unwrap_err();
    assert!(
        e.contains("the last unit of lab_test falls 400 days after the event starts (at most 364)"),
        "{e}"
    );
    // Every built-in line fits.
    for e in builtin().unwrap().events.values() {
        for l in &e.lines {
            assert!(u32::from(l.day) + (l.count.max(1) - 1) * u32::from(l.every) <= 364);
        }
    }
}

#[test]
fn only_drugs_are_marked_preventive_and_the_notice_is_a_source() {
    let data = builtin().unwrap();
    assert!(data.sources.contains_key("irs-notice-2019-45"));
    let marked: Vec<_> = data
        .events
        .values()
        .flat_map(|e| e.lines.iter())
        .filter(|l| l.preventive)
        .collect();
    // Diabetes: the metformin and ramipril generics and the insulin fills.
    assert_eq!(marked.len(), 2);
    assert!(
        marked
            .iter()
            .all(|l| l.care.coverage() == costshare_decision::care::Coverage::Drug)
    );
}
