//! The decision model against the built-in SHBP catalog: hand-checked totals, reproducible
//! simulation, a statistical check, rules about who may choose what, and bad input.

use costshare_decision::care::CareKind;
use costshare_decision::compare::{Category, Comparison, Goal, Settings, compare};
use costshare_decision::cost::Ceiling;
use costshare_decision::expected::Pricing;
use costshare_decision::household::{Household, Person, Status, UseLevel};
use costshare_decision::keyed::ByKey;
use costshare_engine::{Money, Relationship};
use costshare_json::Entries;

fn usd(cents: i64) -> Money {
    Money::from_cents(cents)
}

fn option<'a>(c: &'a Comparison, id: &str) -> &'a costshare_decision::compare::OptionResult {
    c.options
        .iter()
        .find(|o| o.id == id)
        .unwrap_or_else(|| panic!("no option {id}"))
}

fn single_employee() -> (Household, Settings) {
    let mut pat = Person::new("pat", Relationship::Employee, 40);
    pat.custom.insert(CareKind::PrimaryCareVisit, 2);
    pat.custom.insert(CareKind::MriCt, 1);
    let premiums = Entries::from([
        ("shbp-2010-oap".to_string(), usd(10_000)),
        ("shbp-2010-hra".to_string(), usd(8_000)),
        ("shbp-2010-hdhp".to_string(), usd(6_000)),
    ]);
    let household = Household {
        people: vec![pat],
        premiums,
        ..Household::default()
    };
    let pricing = Pricing {
        overrides: ByKey::from([
            (CareKind::PrimaryCareVisit, usd(13_000)),
            (CareKind::MriCt, usd(75_000)),
        ]),
        ..Pricing::default()
    };
    (
        household,
        Settings {
            simulations: 0,
            pricing,
            ..Settings::default()
        },
    )
}

#[test]
fn hand_checked_single_employee() {
    let catalog = costshare_catalog::builtin().unwrap();
    let (h, s) = single_employee();
    let c = compare(&catalog, &h, &s).unwrap();
    // Tax savings on premiums in 2010: 15% federal (the 2010 default bracket) + 6% Georgia
    // (O.C.G.A. 48-7-20) + 7.65% FICA = 28.65%. Premiums are $100, $80 and $60 a month
    // (monthly paychecks, the default).
    // OAP: two $35 office copays (oap2010 p.30) + MRI $600 deductible + 20% of $150 (p.29, p.34)
    // = $700; premium $1,200 − $343.80 tax savings → $1,556.20.
    let oap = option(&c, "shbp-2010-oap").expected.clone().unwrap();
    assert_eq!(
        (oap.out_of_pocket, oap.tax_savings, oap.net),
        (usd(70_000), usd(34_380), usd(155_620))
    );
    // Worst case: none. Office copays do not count toward the OAP's maximum and continue after
    // it (oap2010 p.29-30), and drug copays never stop: no cap.
    let oap_option = option(&c, "shbp-2010-oap");
    assert_eq!(oap_option.worst_case, None);
    match &oap_option.ceiling {
        Some(Ceiling::NoCap { reasons, at_least }) => {
            assert!(
                reasons.iter().any(|r| r.contains("copays continue")),
                "{reasons:?}"
            );
            // The floor used for ranking: $1,200 + $2,000 + $70 of copays − $343.80 = $2,926.20.
            assert_eq!(*at_least, usd(292_620));
        }
        other => panic!("{other:?}"),
    }
    // HRA: $260 + $740 deductible + 10% of $10 = $1,001, of which the $500 HRA pays $500;
    // premium $960 − $275.04 (28.65%) → $960 + $501 − $275.04 = $1,185.96. The whole HRA is
    // used, so nothing is carried forward.
    let hra = option(&c, "shbp-2010-hra").expected.clone().unwrap();
    assert_eq!(
        (
            hra.out_of_pocket,
            hra.hra_used,
            hra.net,
            hra.carried_forward
        ),
        (usd(50_100), usd(50_000), usd(118_596), Money::ZERO)
    );
    // Worst case: $2,000 maximum − $500 HRA = $1,500; + $960 − $275.04 = $2,184.96.
    assert_eq!(option(&c, "shbp-2010-hra").worst_case, Some(usd(218_496)));
    // HDHP: all $1,010 is deductible ($1,150). Not HSA-qualified under the 2010 IRS minimum, so
    // no HSA savings: $720 + $1,010 − $206.28 = $1,523.72.
    let hdhp = option(&c, "shbp-2010-hdhp");
    let e = hdhp.expected.clone().unwrap();
    assert_eq!(
        (e.out_of_pocket, e.hsa_contribution, e.net),
        (usd(101_000), Money::ZERO, usd(152_372))
    );
    assert!(
        hdhp.notes
            .iter()
            .any(|n| n.contains("HSA tax savings are not counted"))
    );
    // With the goal "lowest average cost" and no simulation, the HRA wins on the expected year.
    let s = Settings {
        goal: Goal::LowestExpected,
        ..s
    };
    let c = compare(&catalog, &h, &s).unwrap();
    let medical = c
        .categories
        .iter()
        .find(|r| r.category == Category::Medical)
        .unwrap();
    assert_eq!(c.options[medical.recommended.unwrap()].id, "shbp-2010-hra");
    assert!(
        medical.reasons.iter().any(|r| r.contains("$1,185.96")),
        "{:#?}",
        medical.reasons
    );
}

#[test]
fn surcharges_and_their_tax_savings() {
    let catalog = costshare_catalog::builtin().unwrap();
    let (mut h, s) = single_employee();
    let mut sam = Person::new("sam", Relationship::Spouse, 38);
    sam.tobacco = true;
    h.people.push(sam);
    h.spouse_other_coverage = true;
    let c = compare(&catalog, &h, &s).unwrap();
    let oap = option(&c, "shbp-2010-oap").expected.clone().unwrap();
    // $60 tobacco + $40 spousal a month (oap2010 p.15) = $1,200 a year, paid before tax too.
    assert_eq!(oap.fixed.surcharges, usd(120_000));
    // ($1,200 premium + $1,200 surcharges) × 28.65% = $687.60.
    assert_eq!(oap.fixed.premium_tax_savings, usd(68_760));
    let items: Vec<(&str, Money, Money, &str)> = oap
        .fixed
        .surcharge_items
        .iter()
        .map(|i| (i.name.as_str(), i.monthly, i.yearly, i.because.as_str()))
        .collect();
    assert_eq!(
        items,
        [
            (
                "Tobacco surcharge",
                usd(6_000),
                usd(72_000),
                "sam used tobacco in the last 12 months"
            ),
            (
                "Spousal surcharge",
                usd(4_000),
                usd(48_000),
                "sam could get coverage through their own employer and chose not to take it"
            )
        ]
    );
    assert!(
        oap.fixed.surcharge_items[0]
            .how_to_avoid
            .as_deref()
            .is_some_and(|t| t.contains("tobacco cessation"))
    );
    assert_eq!(
        option(&c, "shbp-2010-oap").tier.as_deref(),
        Some("Employee + Spouse")
    );
}

#[test]
fn new_hires_may_only_choose_the_hra_or_hdhp() {
    let catalog = costshare_catalog::builtin().unwrap();
    let (mut h, s) = single_employee();
    h.status = Status::NewHire;
    let c = compare(&catalog, &h, &s).unwrap();
    let oap = option(&c, "shbp-2010-oap");
    assert!(
        oap.excluded
            .as_deref()
            .is_some_and(|r| r.contains("first plan year")
                && r.ends_with("(State Health Benefit Plan Open Access Plus (OAP) Medical Benefits, effective January 1, 2010, p.16)")),
        "{:?}",
        oap.excluded
    );
    assert!(option(&c, "shbp-2010-hra").eligible());
    let medical = c
        .categories
        .iter()
        .find(|r| r.category == Category::Medical)
        .unwrap();
    assert!(
        !medical
            .ranking
            .iter()
            .any(|&i| c.options[i].id == "shbp-2010-oap")
    );
}

#[test]
fn retirees_get_the_retiree_tiers() {
    let catalog = costshare_catalog::builtin().unwrap();
    let (mut h, s) = single_employee();
    h.status = Status::Retiree;
    h.people[0].age = 60;
    h.people.push(Person::new("sam", Relationship::Spouse, 58));
    let c = compare(&catalog, &h, &s).unwrap();
    // A retiree covering a spouse is on "Employee + Family" (oap2010 p.29, reading b16).
    assert_eq!(
        option(&c, "shbp-2010-oap").tier.as_deref(),
        Some("Retiree: Employee + Family")
    );
    assert!(
        option(&c, "shbp-2010-hra")
            .excluded
            .as_deref()
            .is_some_and(|r| r
                == "not compared: its plan file has no coverage tier or premium for retirees, so we cannot price it; ask your benefits office whether retirees may choose it, and at what premium")
    );
}

#[test]
fn the_same_seed_gives_the_same_simulation() {
    let catalog = costshare_catalog::builtin().unwrap();
    let (mut h, _) = single_employee();
    h.people[0].level = Some(UseLevel::Moderate);
    let s = Settings {
        simulations: 2_000,
        seed: 42,
        ..Settings::default()
    };
    let a = compare(&catalog, &h, &s).unwrap();
    let b = compare(&catalog, &h, &s).unwrap();
    assert_eq!(a, b);
    let c = compare(&catalog, &h, &Settings { seed: 43, ..s }).unwrap();
    assert_ne!(
        option(&a, "shbp-2010-oap").distribution,
        option(&c, "shbp-2010-oap").distribution
    );
    for o in a.options.iter().filter(|o| o.eligible()) {
        let d = o.distribution.as_ref().unwrap();
        assert!(
            d.p10 <= d.p50 && d.p50 <= d.p90 && d.p90 <= d.p99,
            "{}: {d:?}",
            o.id
        );
    }
    // The chances of being cheapest add up to 100% in each category.
    for cat in &a.categories {
        let total: u32 = cat
            .ranking
            .iter()
            .map(|&i| a.options[i].distribution.as_ref().unwrap().cheapest_per_10k)
            .sum();
        assert!(
            (9_990..=10_010).contains(&total),
            "{:?}: {total}",
            cat.category
        );
    }
}

#[test]
fn bad_households_get_clear_errors() {
    let catalog = costshare_catalog::builtin().unwrap();
    let (mut h, s) = single_employee();
    h.people.push(Person::new("", Relationship::Employee, 200));
    h.people[0].events.push("winning_the_lottery".into());
    let errors = compare(&catalog, &h, &s).unwrap_err();
    let text: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
    assert!(
        text.iter()
            .any(|t| t.contains("exactly one person must be the employee")),
        "{text:#?}"
    );
    assert!(
        text.iter().any(|t| t.starts_with("people[1].age")),
        "{text:#?}"
    );
    assert!(
        text.iter().any(|t| t.starts_with("people[1].name")),
        "{text:#?}"
    );
    let (mut h, s) = single_employee();
    h.people[0].events.push("winning_the_lottery".into());
    let text: Vec<String> = compare(&catalog, &h, &s)
        .unwrap_err()
        .iter()
        .map(|e| e.to_string())
        .collect();
    assert!(
        text[0].contains("unknown life event \"winning_the_lottery\""),
        "{text:#?}"
    );
    let (mut h, s) = single_employee();
    h.people[0].events.push("having_a_baby".into());
    h.people.push(Person::new("kid", Relationship::Child, 4));
    h.people[1].events.push("having_a_baby".into());
    let text: Vec<String> = compare(&catalog, &h, &s)
        .unwrap_err()
        .iter()
        .map(|e| e.to_string())
        .collect();
    assert!(
        text[0].starts_with("people[1].events[0]") && text[0].contains("is for adults"),
        "{text:#?}"
    );
}

#[test]
fn cost_curves_cross_where_the_cheapest_option_changes() {
    let catalog = costshare_catalog::builtin().unwrap();
    let (h, s) = single_employee();
    let c = compare(&catalog, &h, &s).unwrap();
    let curve = &c.curve;
    assert_eq!(curve.series.len(), 3);
    assert_eq!(curve.spend[0], Money::ZERO);
    for x in &curve.crossovers {
        let i = curve.spend.iter().position(|s| *s >= x.spend).unwrap();
        let cost = |opt: usize, at: usize| {
            curve.series.iter().find(|s| s.option == opt).unwrap().costs[at]
        };
        assert!(cost(x.from, i - 1) <= cost(x.to, i - 1), "{x:?}");
        assert!(cost(x.to, i) <= cost(x.from, i), "{x:?}");
    }
    // Costs never go down as spending goes up.
    for s in &curve.series {
        assert!(
            s.costs.windows(2).all(|w| w[0] <= w[1]),
            "{}",
            c.options[s.option].id
        );
    }
    let dominated: Vec<&str> = curve
        .series
        .iter()
        .filter(|s| s.dominated)
        .map(|s| c.options[s.option].id.as_str())
        .collect();
    let medical = c
        .categories
        .iter()
        .find(|r| r.category == Category::Medical)
        .unwrap();
    for id in dominated {
        let name = &option(&c, id).name;
        assert!(
            medical
                .reasons
                .iter()
                .any(|r| r.contains(name.as_str()) && r.contains("never the cheapest for you"))
        );
    }
}

#[test]
fn worst_case_goal_picks_the_lowest_worst_case() {
    let catalog = costshare_catalog::builtin().unwrap();
    let (h, s) = single_employee();
    let c = compare(
        &catalog,
        &h,
        &Settings {
            goal: Goal::LowestWorstCase,
            ..s
        },
    )
    .unwrap();
    let medical = c
        .categories
        .iter()
        .find(|r| r.category == Category::Medical)
        .unwrap();
    let best = &c.options[medical.recommended.unwrap()];
    let bad =
        |o: &costshare_decision::compare::OptionResult| o.ceiling.as_ref().unwrap().rank_value();
    for &i in &medical.ranking {
        assert!(bad(best) <= bad(&c.options[i]));
    }
    // $2,184.96 against the HDHP's $1,700 + $720 − $206.28 = $2,213.72 and at least $2,926.20
    // for the OAP (no cap).
    assert_eq!(best.id, "shbp-2010-hra");
}
