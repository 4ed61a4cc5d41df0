//! The rules a benefits professional checks first, each with a hand-worked example: tax by who
//! the person is and by plan year, check-ups inside the plans' frequency windows, the real worst
//! case, curves from the household's own care, pay frequency, the out-of-network share of the
//! whole year, emergency visits that lead to an admission, money carried forward, Medicare
//! retirees, and dependent age limits.
//!
//! Unless a test says otherwise: plan year 2010, Georgia, the 2010 default federal bracket 15%,
//! Georgia's 2010 rate 6% (O.C.G.A. 48-7-20) and FICA 7.65%, so premiums paid before tax save
//! 28.65% (each rate rounded to the cent separately, half away from zero).

use costshare_decision::care::{CareKind, Coverage};
use costshare_decision::compare::{Comparison, OptionResult, Settings, compare};
use costshare_decision::cost::Ceiling;
use costshare_decision::data::builtin;
use costshare_decision::expected::Pricing;
use costshare_decision::household::{Household, PayFrequency, Person, Status, UseLevel};
use costshare_decision::keyed::ByKey;
use costshare_decision::resolve::MEDICARE_PRIMARY;
use costshare_decision::simulate::YearSampler;
use costshare_decision::tax::TaxProfile;
use costshare_engine::{Money, Network, Rate, Relationship};
use costshare_json::Entries;
use costshare_plan::LoadedPlan;

fn usd(cents: i64) -> Money {
    Money::from_cents(cents)
}

fn category(
    c: &Comparison,
    which: costshare_decision::compare::Category,
) -> &costshare_decision::compare::CategoryResult {
    c.categories
        .iter()
        .find(|r| r.category == which)
        .unwrap_or_else(|| panic!("no category {which:?}"))
}

fn option<'a>(c: &'a Comparison, id: &str) -> &'a OptionResult {
    c.options
        .iter()
        .find(|o| o.id == id)
        .unwrap_or_else(|| panic!("no option {id}"))
}

/// The built-in catalog's comparison for a household file's text.
fn compare_file(text: &str) -> Comparison {
    let catalog = costshare_catalog::builtin().unwrap();
    let (h, s) = costshare_decision::file::parse_household(text).unwrap();
    compare(&catalog, &h, &s).unwrap()
}

/// A category's "what would change our pick" sentences that start with `start`.
fn changes<'a>(
    category: &'a costshare_decision::compare::CategoryResult,
    start: &str,
) -> Vec<&'a String> {
    category
        .what_would_change
        .iter()
        .filter(|t| t.starts_with(start))
        .collect()
}

/// A built-in SHBP plan with its file changed by `edit`, as a catalog of that one plan.
fn edited(id: &str, edit: impl FnOnce(&mut serde_json::Value)) -> Vec<LoadedPlan> {
    let text = match id {
        "shbp-2010-oap" => include_str!("../../costshare-catalog/plans/shbp-2010-oap.json"),
        "shbp-2010-hdhp" => include_str!("../../costshare-catalog/plans/shbp-2010-hdhp.json"),
        "shbp-2010-hra" => include_str!("../../costshare-catalog/plans/shbp-2010-hra.json"),
        _ => panic!("no plan file for {id}"),
    };
    let mut v: serde_json::Value = serde_json::from_str(text).unwrap();
    edit(&mut v);
    vec![costshare_plan::load_plan(&v.to_string()).unwrap()]
}

/// The SHBP HDHP made HSA-qualified for 2010 (deductibles raised to the IRS minimums of
/// $1,200 / $2,400) with an example employer HSA contribution of $500 / $1,000.
fn hsa_catalog() -> Vec<LoadedPlan> {
    let hdhp = edited("shbp-2010-hdhp", |v| {
        let mut employer = serde_json::Map::new();
        for t in v["tiers"].as_array_mut().unwrap() {
            let single = t["id"] == "employee";
            let d = &mut t["deductible"]["in_network"];
            if single {
                d["individual"] = "1200".into();
            } else {
                d["individual"] = "2400".into();
                d["family"] = "2400".into();
            }
            employer.insert(
                t["id"].as_str().unwrap().to_string(),
                serde_json::json!({ "value": if single { "500" } else { "1000" }, "example": true }),
            );
        }
        v["hsa"]["employer_contribution"] = serde_json::Value::Object(employer);
    });
    let mut catalog = costshare_catalog::builtin().unwrap();
    catalog.retain(|p| p.file.id != "shbp-2010-hdhp");
    catalog.extend(hdhp);
    catalog
}

/// Pat, 40, alone: two primary care visits at $130 and an MRI at $750 (own prices), premiums
/// $100 (OAP), $80 (HRA) and $60 (HDHP) a month.
fn pat() -> (Household, Settings) {
    let mut pat = Person::new("pat", Relationship::Employee, 40);
    pat.custom.insert(CareKind::PrimaryCareVisit, 2);
    pat.custom.insert(CareKind::MriCt, 1);
    let household = Household {
        people: vec![pat],
        premiums: Entries::from([
            ("shbp-2010-oap".to_string(), usd(10_000)),
            ("shbp-2010-hra".to_string(), usd(8_000)),
            ("shbp-2010-hdhp".to_string(), usd(6_000)),
        ]),
        ..Household::default()
    };
    let pricing = Pricing {
        overrides: ByKey::from([
            (CareKind::PrimaryCareVisit, usd(13_000)),
            (CareKind::MriCt, usd(75_000)),
        ]),
        ..Pricing::default()
    };
    let settings = Settings {
        simulations: 0,
        pricing,
        ..Settings::default()
    };
    (household, settings)
}

// 1. Tax by who the person is and by the plan year.

#[test]
fn retirees_pay_premiums_after_tax() {
    let catalog = costshare_catalog::builtin().unwrap();
    let (mut h, s) = pat();
    h.status = Status::Retiree;
    h.people[0].age = 60;
    let c = compare(&catalog, &h, &s).unwrap();
    let oap = option(&c, "shbp-2010-oap");
    assert_eq!(oap.tier.as_deref(), Some("Retiree: Employee"));
    let e = oap.expected.as_ref().unwrap();
    // $100 × 12 = $1,200 from the pension, no tax saved; care $700 as for an employee
    // (2 × $35 copays + $600 deductible + 20% of $150): $1,900.
    assert_eq!(
        (e.fixed.premium, e.tax_savings, e.out_of_pocket, e.net),
        (usd(120_000), Money::ZERO, usd(70_000), usd(190_000))
    );
    assert!(
        c.notices
            .iter()
            .any(|n| n.contains("Retirees pay premiums from a pension"))
    );
}

#[test]
fn an_hsa_saves_tax_and_the_employers_money_pays_care() {
    let (h, s) = pat();
    let c = compare(&hsa_catalog(), &h, &s).unwrap();
    let e = option(&c, "shbp-2010-hdhp").expected.clone().unwrap();
    // All $1,010 of care is under the $1,200 deductible. The employer's $500 pays the first
    // $500; the suggested contribution is the other $510.
    // Premium $720 saves $108 + $43.20 + $55.08 = $206.28; $510 saves $76.50 + $30.60 +
    // $39.02 (7.65% of $510 = $39.015) = $146.12.
    // Total: $720 + $1,010 − $500 − $206.28 − $146.12 = $877.60. Nothing left over.
    assert_eq!(
        (
            e.out_of_pocket,
            e.employer_hsa_used,
            e.hsa_contribution,
            e.tax_savings,
            e.net,
            e.carried_forward
        ),
        (
            usd(101_000),
            usd(50_000),
            usd(51_000),
            usd(35_240),
            usd(87_760),
            Money::ZERO
        )
    );
}

#[test]
fn a_total_below_zero_says_what_it_means() {
    // A high earner who puts the rest of the 2010 self-only limit into the HSA: $3,050 − the
    // employer's $500 = $2,550, on a $10-a-month premium, in the 35% bracket.
    let (mut h, s) = pat();
    h.tax.federal = Rate::from_percent(35);
    h.hsa_contribution = Some(usd(255_000));
    h.premiums.insert("shbp-2010-hdhp".to_string(), usd(1_000));
    let c = compare(&hsa_catalog(), &h, &s).unwrap();
    let e = option(&c, "shbp-2010-hdhp").expected.clone().unwrap();
    // Premium $120 saves $42.00 + $7.20 + $9.18 = $58.38; the own $2,550 saves $892.50 +
    // $153.00 + $195.08 (7.65% of $2,550 = $195.075) = $1,240.58; tax savings $1,298.96.
    // Total: $120 + $1,010 − $500 − $1,298.96 = −$668.96: the year leaves Pat $668.96 ahead.
    assert_eq!(
        (e.hsa_contribution, e.tax_savings, e.net),
        (usd(255_000), usd(129_896), usd(-66_896))
    );
    let medical = category(&c, costshare_decision::compare::Category::Medical);
    let reason = medical
        .reasons
        .iter()
        .find(|r| r.contains("for the year of care you entered"))
        .unwrap();
    assert!(
        reason.ends_with(
            "costs -$668.96 for the year of care you entered: premium $120.00 + what you pay for care $1,010.00, minus employer HSA money $500.00 and tax savings $1,298.96. Below zero means you come out $668.96 ahead for the year: the tax savings (including those on the $2,550.00 you put in the HSA yourself, which stays yours) and employer HSA money are more than the premium and what you pay for care."
        ),
        "{reason}"
    );
}

#[test]
fn an_entered_hsa_amount_is_said_as_counted_not_replaced_by_the_suggestion() {
    // $9,000 entered for one person in 2010: the self-only limit $3,050 − the employer's $500
    // = $2,550 is counted; the suggestion ($510, as above) is said beside it.
    let (mut h, s) = pat();
    h.hsa_contribution = Some(usd(900_000));
    let c = compare(&hsa_catalog(), &h, &s).unwrap();
    assert_eq!(
        option(&c, "shbp-2010-hdhp")
            .expected
            .as_ref()
            .unwrap()
            .hsa_contribution,
        usd(255_000)
    );
    let reasons = &category(&c, costshare_decision::compare::Category::Medical).reasons;
    assert!(reasons.iter().any(|r| r == "Of your $9,000.00 HSA contribution, $2,550.00 is counted: the most you may put in this year after the employer's money (more is an excess contribution, taxed). About $510.00 would pay your expected costs before tax."), "{reasons:?}");
    assert!(!reasons.iter().any(|r| r.starts_with("Put about")));
    // $1,000 entered is counted whole.
    h.hsa_contribution = Some(usd(100_000));
    let c = compare(&hsa_catalog(), &h, &s).unwrap();
    let reasons = &category(&c, costshare_decision::compare::Category::Medical).reasons;
    assert!(reasons.iter().any(|r| r == "Your $1,000.00 HSA contribution is counted; about $510.00 would pay your expected costs before tax."), "{reasons:?}");
}

#[test]
fn someone_of_64_is_told_what_a_medicare_start_during_the_year_would_change() {
    let (mut h, s) = pat();
    h.people[0].age = 64;
    let c = compare(&hsa_catalog(), &h, &s).unwrap();
    assert!(c.notices.iter().any(|n| n.starts_with("pat is 64: each age and \"Has Medicare\" count for the whole year here. If Medicare starts during the plan year")));
    // At 63, or with Medicare already, nothing to say.
    h.people[0].age = 63;
    let c = compare(&hsa_catalog(), &h, &s).unwrap();
    assert!(!c.notices.iter().any(|n| n.contains(" is 64: ")));
}

#[test]
fn going_without_a_vision_plan_names_the_medical_plans_that_pay_for_an_eye_exam() {
    // The OAP pays 80% of a routine eye exam in network (p.57), as do the HRA and HDHP files:
    // "No vision plan" counts the exam at its full price, and says which plans would share it.
    let (mut h, s) = pat();
    h.people[0].custom.insert(CareKind::EyeExam, 1);
    let c = compare(&costshare_catalog::builtin().unwrap(), &h, &s).unwrap();
    let none = option(&c, "no-vision");
    assert!(none.notes.iter().any(|n| n == "Some medical plans also pay for a routine eye exam (SHBP Open Access Plus (OAP) 2010; SHBP Health Reimbursement Arrangement (HRA) 2010; SHBP High Deductible Health Plan (HDHP) 2010): without a vision plan, that plan's share of the exam would come off this total, which counts each exam at its full price."), "{:?}", none.notes);
    // Without an eye exam in the year, nothing to say.
    h.people[0].custom = Default::default();
    let c = compare(&costshare_catalog::builtin().unwrap(), &h, &s).unwrap();
    assert_eq!(option(&c, "no-vision").notes.len(), 1);
}

#[test]
fn a_fill_says_which_drug_tier_it_is_charged_at() {
    // The OAP has no specialty tier: a specialty fill is its Tier 3 ($100 copay, p.52).
    let (mut h, s) = pat();
    h.people[0].custom =
        ByKey::from([(CareKind::SpecialtyDrugFill, 1), (CareKind::GenericFill, 1)]);
    let c = compare(&costshare_catalog::builtin().unwrap(), &h, &s).unwrap();
    let why = &option(&c, "shbp-2010-oap").why;
    let steps = |care: CareKind| {
        why.iter()
            .find(|w| w.care == care.label())
            .unwrap()
            .steps
            .clone()
    };
    assert_eq!(
        steps(CareKind::SpecialtyDrugFill)[0],
        "This plan has no specialty drug tier: the fill is charged at its drug tier \"Tier 3: non-preferred brand or brand with a generic\"."
    );
    assert_eq!(
        steps(CareKind::GenericFill)[0],
        "Charged at the plan's drug tier \"Tier 1: generic\"."
    );
}

#[test]
fn medicare_means_no_hsa_money_at_all() {
    let (mut h, s) = pat();
    h.people[0].age = 66;
    h.people[0].medicare = true;
    let c = compare(&hsa_catalog(), &h, &s).unwrap();
    let hdhp = option(&c, "shbp-2010-hdhp");
    let e = hdhp.expected.as_ref().unwrap();
    // IRC 223(b)(7): no employer money, no contribution. $720 + $1,010 − $206.28 = $1,523.72.
    assert_eq!(
        (e.fixed.employer_hsa, e.hsa_contribution, e.net),
        (Money::ZERO, Money::ZERO, usd(152_372))
    );
    assert!(hdhp.suggested_hsa.is_none());
    assert!(
        hdhp.notes
            .iter()
            .any(|n| n.contains("With Medicare you cannot"))
    );
}

#[test]
fn california_taxes_the_employers_hsa_money() {
    let (mut h, s) = pat();
    h.tax = TaxProfile {
        state: "CA".into(),
        state_rate: Rate::from_percent(9),
        ..TaxProfile::default()
    };
    let c = compare(&hsa_catalog(), &h, &s).unwrap();
    let e = option(&c, "shbp-2010-hdhp").expected.clone().unwrap();
    // Premium $720 × (15% + 9% + 7.65%) = $108 + $64.80 + $55.08 = $227.88.
    // Own $510: $76.50 federal + $39.02 FICA, no California saving = $115.52.
    // California taxes the employer's $500 as wages: 9% = $45.
    // Tax savings $227.88 + $115.52 − $45 = $298.40; total $720 + $1,010 − $500 − $298.40 =
    // $931.60.
    assert_eq!(e.fixed.employer_hsa_state_tax, usd(4_500));
    assert_eq!((e.tax_savings, e.net), (usd(29_840), usd(93_160)));
}

// 5. Premiums per paycheck.

#[test]
fn premiums_per_paycheck_follow_the_pay_frequency() {
    let catalog = costshare_catalog::builtin().unwrap();
    let (mut h, s) = pat();
    h.pay_frequency = PayFrequency::Biweekly;
    h.premiums.insert("shbp-2010-oap".into(), usd(5_000));
    let c = compare(&catalog, &h, &s).unwrap();
    // $50 every two weeks × 26 = $1,300.
    let e = option(&c, "shbp-2010-oap").expected.clone().unwrap();
    assert_eq!(e.fixed.premium, usd(130_000));
    // An example premium stays the plan's own: the HDHP file's example is per month.
    h.premiums.remove("shbp-2010-hdhp");
    let c = compare(&catalog, &h, &s).unwrap();
    let hdhp = option(&c, "shbp-2010-hdhp").expected.clone().unwrap();
    let file = catalog
        .iter()
        .find(|p| p.file.id == "shbp-2010-hdhp")
        .unwrap();
    let monthly =
        Money::from_decimal(file.file.tiers[0].premium.as_ref().unwrap().value.0).unwrap();
    assert_eq!(hdhp.fixed.premium, Money::from_cents(monthly.cents() * 12));
    assert!(hdhp.fixed.premium_is_example);
}

// 8. Money left over.

#[test]
fn money_left_over_is_carried_forward_not_subtracted() {
    let mut one_visit = Person::new("pat", Relationship::Employee, 40);
    one_visit.custom.insert(CareKind::PrimaryCareVisit, 1);
    let (mut h, s) = pat();
    h.people = vec![one_visit];
    let c = compare(&hsa_catalog(), &h, &s).unwrap();
    // HDHP: the $130 visit is paid from the employer's $500; $370 is left for later years.
    // Total $720 + $130 − $130 − $206.28 = $513.72 (not $143.72).
    let hdhp = option(&c, "shbp-2010-hdhp").expected.clone().unwrap();
    assert_eq!(
        (hdhp.employer_hsa_used, hdhp.net, hdhp.carried_forward),
        (usd(13_000), usd(51_372), usd(37_000))
    );
    // HRA: the HRA pays the $130 first; its unused $370 rolls over (shbp-hra-2009 p.1).
    // Total $960 + $0 − $275.04 = $684.96.
    let hra = option(&c, "shbp-2010-hra").expected.clone().unwrap();
    assert_eq!(
        (
            hra.hra_used,
            hra.out_of_pocket,
            hra.net,
            hra.carried_forward
        ),
        (usd(13_000), Money::ZERO, usd(68_496), usd(37_000))
    );
}

// 3. The worst case is the real ceiling.

#[test]
fn the_worst_case_is_a_ceiling_the_simulation_never_passes() {
    let catalog = costshare_catalog::builtin().unwrap();
    let mut pat = Person::new("pat", Relationship::Employee, 45);
    pat.level = Some(UseLevel::High);
    let mut sam = Person::new("sam", Relationship::Spouse, 44);
    sam.level = Some(UseLevel::Moderate);
    let h = Household {
        people: vec![pat, sam],
        ..Household::default()
    };
    let s = Settings {
        simulations: 4_000,
        seed: 11,
        ..Settings::default()
    };
    let c = compare(&catalog, &h, &s).unwrap();
    for id in ["shbp-2010-hra", "shbp-2010-hdhp"] {
        let o = option(&c, id);
        let w = o
            .worst_case
            .unwrap_or_else(|| panic!("{id}: {:?}", o.ceiling));
        let d = o.distribution.as_ref().unwrap();
        assert!(d.max <= w, "{id}: simulated {} above ceiling {w}", d.max);
    }
    // HDHP, employee + spouse: $2,900 family maximum (shbp-hdhp-2009 p.1) + the example
    // premium − its tax savings; it is reached in the worst simulated years.
    let hdhp = option(&c, "shbp-2010-hdhp");
    let e = hdhp.expected.as_ref().unwrap();
    assert_eq!(
        hdhp.worst_case,
        Some(e.fixed.premium + usd(290_000) - e.fixed.premium_tax_savings)
    );
    // The OAP's copays continue after its maximum: no number, the reason in words.
    let oap = option(&c, "shbp-2010-oap");
    assert_eq!(oap.worst_case, None);
    let Some(Ceiling::NoCap { reasons, .. }) = &oap.ceiling else {
        panic!("{:?}", oap.ceiling)
    };
    assert!(
        reasons
            .iter()
            .any(|r| r == "copays continue after the out-of-pocket maximum")
    );

    // With out-of-network care, balance bills have no limit under any plan.
    let mut h = h;
    h.people[0].out_of_network_percent = 20;
    let c = compare(
        &catalog,
        &h,
        &Settings {
            simulations: 0,
            ..s
        },
    )
    .unwrap();
    for id in ["shbp-2010-oap", "shbp-2010-hra", "shbp-2010-hdhp"] {
        let o = option(&c, id);
        assert_eq!(o.worst_case, None, "{id}");
        let Some(Ceiling::NoCap { reasons, .. }) = &o.ceiling else {
            panic!()
        };
        assert!(
            reasons.iter().any(|r| r.contains("balance billing")),
            "{id}: {reasons:?}"
        );
    }
}

// 4. Curves from the household's own care.

#[test]
fn the_curves_pass_through_the_expected_year() {
    let catalog = costshare_catalog::builtin().unwrap();
    let (mut h, s) = pat();
    h.people[0].level = Some(UseLevel::Moderate);
    for goal in [
        costshare_decision::compare::Goal::LowestExpected,
        costshare_decision::compare::Goal::LowestWorstCase,
        costshare_decision::compare::Goal::Balanced { risk_tolerance: 50 },
    ] {
        let c = compare(
            &catalog,
            &h,
            &Settings {
                goal,
                simulations: 500,
                ..s.clone()
            },
        )
        .unwrap();
        let curve = &c.curve;
        assert!(curve.own_mix);
        let at = curve
            .spend
            .iter()
            .position(|x| *x == curve.expected_spend)
            .expect("the expected spending is a level of the curve");
        for series in &curve.series {
            let o = &c.options[series.option];
            assert_eq!(
                series.costs[at],
                o.expected.as_ref().unwrap().net,
                "{}",
                o.id
            );
        }
        // The expected medical spending is the medical and drug lines of the expected year.
        let medical = category(&c, costshare_decision::compare::Category::Medical);
        let best = medical.recommended.unwrap();
        assert!(
            !curve.series.iter().any(|s| s.option == best && s.dominated),
            "the recommended option is never called never-cheapest"
        );
        let name = &c.options[best].name;
        assert!(
            !medical
                .reasons
                .iter()
                .any(|r| r.starts_with(name.as_str()) && r.contains("never the cheapest")),
            "{:#?}",
            medical.reasons
        );
    }
}

// 2. Check-ups inside the plans' windows.

#[test]
fn check_ups_are_never_denied_and_the_simulation_matches_the_expected_year() {
    let catalog = costshare_catalog::builtin().unwrap();
    let mut pat = Person::new("pat", Relationship::Employee, 40);
    for (k, n) in [
        (CareKind::DentalExam, 2),
        (CareKind::DentalCleaning, 2),
        (CareKind::DentalXrays, 1),
        (CareKind::EyeExam, 1),
    ] {
        pat.custom.insert(k, n);
    }
    let h = Household {
        people: vec![pat],
        ..Household::default()
    };
    let s = Settings {
        simulations: 5_000,
        seed: 3,
        ..Settings::default()
    };
    let c = compare(&catalog, &h, &s).unwrap();
    for id in ["dental-high", "dental-low"] {
        let o = option(&c, id);
        // Exams and cleanings, one every 6 months (example limits), are paid in full.
        for w in &o.why {
            assert_eq!(w.you_pay, Money::ZERO, "{id}: {} on {}", w.care, w.date);
        }
        // Preventive care is free in network, so every simulated year costs the premium alone:
        // the average is the expected year exactly.
        let e = o.expected.as_ref().unwrap().net;
        let d = o.distribution.as_ref().unwrap();
        assert_eq!((d.mean, d.max), (e, e), "{id}");
    }
    // Going without: the average of the simulated full prices is within 1% of the expected
    // year's (price noise averages 1).
    for id in ["no-dental", "no-vision"] {
        let o = option(&c, id);
        let e = o.expected.as_ref().unwrap().net.cents();
        let mean = o.distribution.as_ref().unwrap().mean.cents();
        assert!((mean - e).abs() * 100 <= e, "{id}: {mean} vs {e}");
    }
}

// 6. The out-of-network share applies to the whole year.

#[test]
fn out_of_network_share_covers_one_off_care_by_chance() {
    let data = builtin().unwrap();
    let pricing = Pricing::default();
    let mut pat = Person::new("pat", Relationship::Employee, 40);
    pat.level = Some(UseLevel::Moderate);
    pat.events.push("emergency_room_visit".into());
    pat.out_of_network_percent = 30;
    let h = Household {
        people: vec![pat],
        ..Household::default()
    };
    let mut sampler = YearSampler::new(&h, data, &pricing, 5);
    let mut lines = Vec::new();
    let (mut out, mut all) = (0i64, 0i64);
    let (mut er_out, mut er) = (0u32, 0u32);
    for _ in 0..4_000 {
        sampler.year(&mut lines);
        for l in lines.iter().filter(|l| l.kind.coverage() != Coverage::Drug) {
            // Spending in in-network prices, so both networks are measured alike.
            let p = pricing.price(data, l.kind);
            let in_network = match l.network {
                Network::In => l.allowed.cents(),
                Network::Out => l
                    .allowed
                    .mul_div(
                        p.in_network.cents(),
                        p.out_of_network_allowed.cents().max(1),
                    )
                    .cents(),
            };
            all += in_network;
            if l.network == Network::Out {
                out += in_network;
            }
            if l.kind == CareKind::EmergencyRoomVisit && l.event.is_some() {
                er += 1;
                er_out += u32::from(l.network == Network::Out);
            }
        }
    }
    let share = out * 1000 / all;
    assert!(
        (270..=330).contains(&share),
        "out-of-network share {share}‰"
    );
    // The one emergency visit of the life event is out of network in about 30% of years.
    assert_eq!(er, 4_000);
    assert!((1_080..=1_320).contains(&er_out), "{er_out}");
}

// 7. An emergency visit that leads to an admission.

#[test]
fn an_er_visit_before_a_hospital_stay_is_admitted() {
    let data = builtin().unwrap();
    let pricing = Pricing::default();
    let mut pat = Person::new("pat", Relationship::Employee, 70);
    pat.level = Some(UseLevel::Low);
    pat.events.push("emergency_room_visit".into());
    let h = Household {
        people: vec![pat],
        ..Household::default()
    };
    let mut sampler = YearSampler::new(&h, data, &pricing, 9);
    let mut lines = Vec::new();
    let mut admitted_years = 0;
    for _ in 0..500 {
        sampler.year(&mut lines);
        let stay = lines
            .iter()
            .any(|l| l.kind == CareKind::HospitalStay && l.event.is_none());
        for l in lines
            .iter()
            .filter(|l| l.kind == CareKind::EmergencyRoomVisit)
        {
            // The life event's ER visit (no stay) is never admitted; an admitted one comes
            // with a stay.
            if l.event.is_some() {
                assert!(!l.admitted, "{l:?}");
            }
            assert!(!l.admitted || stay, "{l:?}");
        }
        // (A stay can also come without an ER visit: a serious illness's planned stay.)
        if lines
            .iter()
            .any(|l| l.kind == CareKind::EmergencyRoomVisit && l.admitted)
        {
            admitted_years += 1;
        }
    }
    assert!(admitted_years > 20, "{admitted_years}");
}

#[test]
fn the_oap_waives_the_er_copay_when_admitted() {
    use costshare_decision::expected::{
        CareLine, Route, claims_for, mark_admissions, plan_map, year_days,
    };
    let catalog = costshare_catalog::builtin().unwrap();
    let oap = catalog
        .iter()
        .find(|p| p.file.id == "shbp-2010-oap")
        .unwrap();
    let line = |kind, allowed| {
        costshare_decision::expected::in_network_line(0, kind, usd(allowed), 40, None)
    };
    let mut lines: Vec<CareLine> = vec![
        line(CareKind::EmergencyRoomVisit, 100_000),
        line(CareKind::HospitalStay, 1_000_000),
    ];
    mark_admissions(&mut lines);
    let (mut claims, mut origin) = (Vec::new(), Vec::new());
    claims_for(
        oap,
        &plan_map(&oap.plan),
        &year_days(&oap.plan),
        &lines,
        Route::Medical,
        &mut claims,
        &mut origin,
    );
    assert!(claims[0].admitted);
    let members = vec![costshare_engine::Member {
        id: "pat".into(),
        relationship: Relationship::Employee,
        age: 40,
    }];
    let a =
        costshare_engine::adjudicate(&oap.plan, 0, &members, &claims, Default::default()).unwrap();
    // The $150 ER copay (oap2010 p.32) is waived when the visit leads to an admission.
    assert_eq!(a.claims[0].copay, Money::ZERO);
}

// 9. Medicare retirees.

#[test]
fn medicare_retirees_are_told_costs_are_overstated() {
    let catalog = costshare_catalog::builtin().unwrap();
    let (mut h, s) = pat();
    h.status = Status::Retiree;
    h.people[0].age = 70;
    h.people[0].medicare = true;
    let c = compare(&catalog, &h, &s).unwrap();
    assert!(c.notices.iter().any(|n| n == MEDICARE_PRIMARY));
    assert!(
        option(&c, "shbp-2010-oap")
            .notes
            .iter()
            .any(|n| n == MEDICARE_PRIMARY)
    );
    let report = costshare_decision::report::Report::new(&c, false);
    assert!(report.notices.iter().any(|n| n.contains("overstated")));
    // An active employee with Medicare is not told that (the employer plan pays first).
    h.status = Status::Active;
    let c = compare(&catalog, &h, &s).unwrap();
    assert!(!c.notices.iter().any(|n| n == MEDICARE_PRIMARY));
}

// 10. Dependents older than the plan's age limit.

#[test]
fn children_past_the_age_limit_are_a_problem() {
    let catalog = costshare_catalog::builtin().unwrap();
    let (mut h, s) = pat();
    h.people.push(Person::new("kim", Relationship::Child, 20));
    let e = compare(&catalog, &h, &s).unwrap_err();
    assert_eq!(e[0].path, "people[1].age");
    assert!(
        e[0].message
            .contains("under 19, or under 26 if they are full-time students (State Health Benefit Plan Open Access Plus (OAP) Medical Benefits, effective January 1, 2010, p.12)")
            && e[0].message.ends_with(" Tick “full-time student” or “disabled” if either applies."),
        "{}",
        e[0].message
    );
    h.people[1].student = true;
    assert!(compare(&catalog, &h, &s).is_ok());
    h.people[1].age = 27;
    assert_eq!(
        compare(&catalog, &h, &s).unwrap_err()[0].path,
        "people[1].age"
    );
    h.people[1].disabled = true;
    assert!(compare(&catalog, &h, &s).is_ok());
}

#[test]
fn what_would_change_it_agrees_with_the_expected_year() {
    let catalog = costshare_catalog::builtin().unwrap();
    let household: &str = include_str!("../../../tests/households/family-with-baby.json");
    let (h, s) = costshare_decision::file::parse_household(household).unwrap();
    let c = compare(
        &catalog,
        &h,
        &Settings {
            simulations: 0,
            ..s
        },
    )
    .unwrap();
    let curve = &c.curve;
    let at = curve
        .spend
        .iter()
        .position(|x| *x == curve.expected_spend)
        .unwrap();
    let cheapest_now = curve
        .series
        .iter()
        .min_by_key(|s| (s.costs[at], s.option))
        .unwrap()
        .option;
    let medical = category(&c, costshare_decision::compare::Category::Medical);
    let flips: Vec<&String> = medical
        .what_would_change
        .iter()
        .filter(|t| t.starts_with("If your medical care came to"))
        .collect();
    assert!(!flips.is_empty());
    for f in flips {
        // Each flip names an option that is not already the cheapest for the expected year,
        // as the option that would become cheaper.
        let (_, tail) = f.split_once("), ").unwrap();
        let winner = &c.options[cheapest_now].name;
        assert!(!tail.starts_with(winner.as_str()), "{f}");
        assert!(tail.ends_with(&format!("than {winner}.")), "{f}");
    }
}

#[test]
fn a_premium_belongs_to_its_tier() {
    let catalog = costshare_catalog::builtin().unwrap();
    let (mut h, s) = pat();
    h.premiums.clear();
    h.premiums
        .insert("shbp-2010-oap:employee".into(), usd(10_000));
    let c = compare(&catalog, &h, &s).unwrap();
    assert_eq!(
        option(&c, "shbp-2010-oap")
            .expected
            .as_ref()
            .unwrap()
            .fixed
            .premium,
        usd(120_000)
    );
    // Adding a spouse moves to another tier: the self-only premium no longer applies, and the
    // plan's example premium for that tier is used (and labeled an example) until one is entered.
    h.people.push(Person::new("sam", Relationship::Spouse, 38));
    let c = compare(&catalog, &h, &s).unwrap();
    let e = option(&c, "shbp-2010-oap").expected.clone().unwrap();
    assert!(e.fixed.premium_is_example);
    assert_ne!(e.fixed.premium, usd(120_000));
    // A key with the plan id alone (older household files) applies to every tier.
    h.premiums.insert("shbp-2010-oap".into(), usd(20_000));
    let c = compare(&catalog, &h, &s).unwrap();
    assert_eq!(
        option(&c, "shbp-2010-oap")
            .expected
            .as_ref()
            .unwrap()
            .fixed
            .premium,
        usd(240_000)
    );
}

#[test]
fn the_hsa_note_is_about_the_households_tier() {
    let catalog = costshare_catalog::builtin().unwrap();
    let (mut h, s) = pat();
    h.people.push(Person::new("sam", Relationship::Spouse, 38));
    let c = compare(&catalog, &h, &s).unwrap();
    let notes = &option(&c, "shbp-2010-hdhp").notes;
    // The 2009 HDHP's $2,300 family deductible is below the 2010 family minimum of $2,400;
    // the note names the employee + spouse tier, not the self-only one.
    assert!(
        notes
            .iter()
            .any(|n| n.contains("Employee + Spouse") && n.contains("below the $2,400 minimum")),
        "{notes:?}"
    );
    assert!(
        !notes
            .iter()
            .any(|n| n.contains("$1,150") || n.contains("$1150")),
        "{notes:?}"
    );
}

#[test]
fn an_absurd_own_price_is_a_problem_not_a_panic() {
    // Found by the long fuzz run: a $1,000,000,000 filling at a regional factor of 1.1 made
    // some simulated years too large for the engine, and the comparison panicked.
    let json = r#"{"people":[{"name":"pat","relationship":"employee","age":40,"usage":"moderate"}],
        "prices":{"overrides":{"dental_filling":"1000000000"},"region_factor":"1.1"},"simulations":200}"#;
    let e = costshare_decision::file::parse_household(json).unwrap_err();
    assert_eq!(e[0].path, "prices.overrides.dental_filling");
    assert!(
        e[0].message.contains("at most $1,000,000.00"),
        "{}",
        e[0].message
    );
    // The largest allowed price, four times over, still compares.
    let json = json.replace("1000000000", "1000000").replace("1.1", "4");
    let (h, s) = costshare_decision::file::parse_household(&json).unwrap();
    let c = compare(&costshare_catalog::builtin().unwrap(), &h, &s).unwrap();
    assert!(c.combinations.iter().all(|k| k.simulated.is_some()));
}

#[test]
fn results_that_rest_on_example_values_say_so() {
    let catalog = costshare_catalog::builtin().unwrap();
    let (mut h, s) = pat();
    h.people.push(Person::new("sam", Relationship::Spouse, 38));
    let c = compare(&catalog, &h, &s).unwrap();
    // The HRA's family tiers are not in the 2009 fact sheet (single coverage only): their
    // deductible, maximum and credit are examples (shbp-2010-hra.json).
    let hra = option(&c, "shbp-2010-hra");
    let note = hra
        .notes
        .iter()
        .find(|n| n.starts_with("Its figures rest on example values"))
        .unwrap_or_else(|| panic!("{:?}", hra.notes));
    assert!(
        note.contains("the deductible") && note.contains("the HRA credit"),
        "{note}"
    );
    // The OAP's terms are all published (oap2010): no such note.
    assert!(
        !option(&c, "shbp-2010-oap")
            .notes
            .iter()
            .any(|n| n.starts_with("Its figures rest on example"))
    );
}

#[test]
fn a_drug_cheaper_than_its_copay_is_explained_as_such() {
    let catalog = costshare_catalog::builtin().unwrap();
    let (mut h, mut s) = pat();
    h.people[0].custom.insert(CareKind::GenericFill, 1);
    s.pricing.overrides.insert(CareKind::GenericFill, usd(500));
    let c = compare(&catalog, &h, &s).unwrap();
    let line = option(&c, "shbp-2010-oap")
        .why
        .iter()
        .find(|w| w.care.starts_with("Generic"))
        .unwrap();
    // A $5 generic under the OAP's $15 tier-1 retail copay: the member pays the $5 price.
    assert_eq!(line.you_pay, usd(500));
    assert!(
        line.steps.iter().any(|s| s.starts_with(
            "You pay $5.00 as the copay: the price left to pay is less than the $15.00 copay"
        )),
        "{:?}",
        line.steps
    );
}

#[test]
fn a_rule_for_every_claim_is_said_once() {
    // The HRA credits in-network spending toward its out-of-network deductible and maximum.
    // Pat's two office visits and MRI are all in network: the rule changes nothing and is not
    // said. With a third of the care out of network (the $750 MRI of $1,010), it is said once,
    // at the first claim, not at each.
    let catalog = costshare_catalog::builtin().unwrap();
    let (mut h, s) = pat();
    let said = |h: &Household| -> (usize, Vec<usize>) {
        let c = compare(&catalog, h, &s).unwrap();
        let why = &option(&c, "shbp-2010-hra").why;
        let at = why
            .iter()
            .enumerate()
            .filter(|(_, w)| w.steps.iter().any(|s| s.starts_with("This plan counts")))
            .map(|(i, _)| i)
            .collect();
        (why.len(), at)
    };
    assert_eq!(said(&h), (3, vec![]));
    h.people[0].out_of_network_percent = 50;
    assert_eq!(said(&h), (3, vec![0]));
    // Said as the plan's whole rule, whichever amount the first claim added to; the HRA has
    // one deductible and one maximum for both networks, so once, both ways.
    let c = compare(&catalog, &h, &s).unwrap();
    let rules: Vec<&String> = option(&c, "shbp-2010-hra")
        .why
        .iter()
        .flat_map(|w| &w.steps)
        .filter(|s| s.starts_with("This plan counts"))
        .collect();
    assert_eq!(
        rules,
        [
            "This plan counts spending in either network toward the other network's deductible and out-of-pocket maximum too."
        ]
    );
}

#[test]
fn going_without_a_plan_says_which_prices_it_pays() {
    let catalog = costshare_catalog::builtin().unwrap();
    let (mut h, s) = pat();
    h.people[0].custom.insert(CareKind::EyeExam, 1);
    let note = |h: &Household| {
        let c = compare(&catalog, h, &s).unwrap();
        option(&c, "no-vision").notes[0].clone()
    };
    assert_eq!(
        note(&h),
        "You pay the full price of your vision care (using in-network prices)."
    );
    // All of it out of network: the bills are what those providers charge, not network prices.
    h.people[0].out_of_network_percent = 100;
    assert!(
        note(&h).starts_with("You pay the full price of your vision care: in-network prices for care in network, and what out-of-network providers charge"),
        "{}",
        note(&h)
    );
}

#[test]
fn a_young_childs_preset_leaves_out_braces_glasses_and_therapy() {
    // Cy, 1, and Ben, 4, on the "high" child preset: braces (from 9), therapy visits, an eye
    // doctor's exam and glasses (from 3) and bitewing x-rays (from 3) are not given to Cy;
    // fillings (from 2) are not either. Ben gets all but braces. Dental check-ups start at 1.
    let household = r#"{"status":"new_hire","people":[{"name":"ana","relationship":"employee","age":31,"usage":"moderate"},{"name":"ben","relationship":"child","age":4,"usage":"high"},{"name":"cy","relationship":"child","age":1,"usage":"high"}]}"#;
    let (h, _) = costshare_decision::file::parse_household(household).unwrap();
    let data = builtin().unwrap();
    let counts = |p: usize| costshare_decision::expected::person_counts(&h, p, data);
    let (ben, cy) = (counts(1), counts(2));
    for kind in [
        CareKind::Orthodontia,
        CareKind::MentalHealthVisit,
        CareKind::EyeExam,
        CareKind::GlassesLenses,
        CareKind::GlassesFrames,
        CareKind::DentalXrays,
        CareKind::DentalFilling,
    ] {
        assert_eq!(cy.get(&kind), None, "cy: {kind:?}");
    }
    assert_eq!(cy.get(&CareKind::DentalExam), Some(&2));
    assert_eq!(ben.get(&CareKind::Orthodontia), None);
    assert_eq!(ben.get(&CareKind::MentalHealthVisit), Some(&12));
    assert_eq!(ben.get(&CareKind::GlassesFrames), Some(&1));
    // A baby has no dental or vision care at all; counts entered by hand still apply.
    let baby = r#"{"people":[{"name":"ana","relationship":"employee","age":31,"usage":"low"},{"name":"dot","relationship":"child","age":0,"usage":"moderate","care":{"eye_exam":1}}]}"#;
    let (h, _) = costshare_decision::file::parse_household(baby).unwrap();
    let dot = costshare_decision::expected::person_counts(&h, 1, data);
    assert_eq!(dot.get(&CareKind::DentalExam), None);
    assert_eq!(dot.get(&CareKind::EyeExam), Some(&1));
}

#[test]
fn contacts_are_instead_of_eyeglass_lenses_as_the_card_says() {
    // Eve buys glasses and contacts in one year on the example vision plan: "every 12 months
    // either $25 eyeglass lenses or $130 toward contacts". Exam $10 copay; lenses $25 copay;
    // frames ($130 at the built-in price) within the $130 allowance, $0; the contacts ($200)
    // come after the lenses used the 12 months: not covered, $200. Care $10 + $25 + $200 =
    // $235; with the $72 premium less $20.63 of tax savings, $286.37.
    let c = compare_file(
        r#"{"people":[{"name":"eve","relationship":"employee","age":28,"usage":"low","care":{"contact_lenses":1,"glasses_lenses":1,"glasses_frames":1}}]}"#,
    );
    let e = option(&c, "vision-basic").expected.clone().unwrap();
    assert_eq!((e.out_of_pocket, e.net), (usd(23_500), usd(28_637)));
}

#[test]
fn vaccines_are_immunizations_without_the_office_visits_copay() {
    // Val, 63, manages type 2 diabetes: the year's flu and pneumococcal vaccines ($199) are
    // routine immunizations for age 19 and over, covered at 100% in network with no copay, up
    // to the $1,000 preventive maximum (OAP 2010 booklet p.31); the $35 copay is the routine
    // office visit's. Val's check-up ($250, less its $35 copay: the plan's $215) and the
    // vaccines' $199 use $414 of the $1,000: the plan pays all $199.
    let household = r#"{"people":[{"name":"val","relationship":"employee","age":63,"usage":"low","events":["type_2_diabetes"]}]}"#;
    let c = compare_file(household);
    let line = option(&c, "shbp-2010-oap")
        .why
        .iter()
        .find(|w| w.care.contains("Flu and pneumococcal vaccines"))
        .unwrap();
    assert_eq!((line.allowed, line.you_pay), (usd(19_900), Money::ZERO));
}

#[test]
fn where_the_hra_starts_to_win_is_found_past_its_bend() {
    // A very high year ($42,149 expected) for Dana, 52, alone. Near $0 of care the HDHP costs
    // $420 − $120.33 of tax savings = $299.67 plus every dollar of care below its $1,150
    // deductible (preventive care is free in both plans); the HRA $900 − $257.85 = $642.15 while
    // its $500 credit pays the care. They are equal at $642.15 − $299.67 = $342.48 of care other
    // than the $250 check-up, which is 250 / 42,149 of every level of Dana's own mix: at
    // $342.48 / (1 − 250 / 42,149) = $344.52 of allowed charges, "about $345". The curve's
    // levels are $1,054 apart; a straight line between them put it at $665.
    let household = r#"{"status":"active","people":[{"name":"dana","relationship":"employee","age":52,"usage":"very_high","events":["outpatient_surgery"]}],"pay_frequency":"monthly","simulations":10000,"seed":11}"#;
    let c = compare_file(household);
    let medical = category(&c, costshare_decision::compare::Category::Medical);
    let change = changes(medical, "If your medical care came to between about")[0];
    assert!(
        change.starts_with("If your medical care came to between about $345 and "),
        "{change}"
    );
}

#[test]
fn what_would_change_dental_never_contradicts_the_pick() {
    // 40% of care out of network and protection as the goal: the dental pick (the High plan,
    // for the simulated years) is not the cheapest for the one year entered (the Low plan).
    let household = r#"{"status":"active","people":[{"name":"Olu","relationship":"employee","age":45,"usage":"moderate","events":["ongoing_therapy"],"care":{"specialist_visit":3},"out_of_network_percent":40}],"tax":{"federal_bracket":"28%","state":"GA"},"goal":"lowest_worst_case","hsa_contribution":"1000","simulations":10000,"seed":2010}"#;
    let c = compare_file(household);
    let dental = category(&c, costshare_decision::compare::Category::Dental);
    let pick = &c.options[dental.recommended.unwrap()].name;
    let flip = changes(dental, "In a year like the one you entered")[0];
    // Whichever option the year favours, the sentence never offers the pick as the change
    // without saying it is the pick.
    assert!(!flip.ends_with(&format!("{pick} would.")), "{pick}: {flip}");
    assert!(
        flip.contains(&format!(
            "though our pick, {pick}, does better over the simulated years"
        )) || flip.starts_with(&format!(
            "In a year like the one you entered, {pick} has the lowest cost"
        )),
        "{pick}: {flip}"
    );
}

#[test]
fn out_of_network_dental_is_scaled_by_what_the_dentist_charges() {
    // Half of a high year out of network: Fay's crown goes to an out-of-network dentist who
    // bills $1,400. The High plan allows its usual and customary charge ($1,350), the Low plan
    // its fee schedule ($900): no one "allowed" total holds for both plans. What the dentists
    // charge does, and it is each claim table's allowed plus billed above allowed:
    //   exam 50 + cleaning 95 + x-rays 60 + filling 160 + crown 1,400 + exam 50 + cleaning 95
    //   + filling 160 = $2,070 = High $2,020 + $50 = Low $1,570 + $500.
    let household = r#"{"people":[{"name":"Fay","relationship":"employee","age":45,"usage":"high","out_of_network_percent":50,"events":["outpatient_surgery"]}],"risk_tolerance":100}"#;
    let c = compare_file(household);
    let charged = |id: &str| -> Money {
        option(&c, id)
            .why
            .iter()
            .map(|w| w.allowed + w.balance_billed)
            .sum()
    };
    assert_eq!(charged("dental-high"), usd(207_000));
    assert_eq!(charged("dental-low"), usd(207_000));
    let dental = category(&c, costshare_decision::compare::Category::Dental);
    let flip = changes(dental, "In a year like the one you entered")[0];
    assert!(
        flip.contains("in what your providers charge instead of $2,070)"),
        "{flip}"
    );
    assert!(!flip.contains("allowed charges"), "{flip}");
    // All in network, "allowed charges" is one amount for every plan, and the sentence keeps it.
    let in_network = household.replace("50", "0");
    let c = compare_file(&in_network);
    let dental = category(&c, costshare_decision::compare::Category::Dental);
    let flip = changes(dental, "In a year like the one you entered")[0];
    assert!(flip.contains(" in allowed charges instead of "), "{flip}");
}

#[test]
fn every_claim_line_adds_up_balance_bills_included() {
    // Half of a moderate year out of network: some lines carry a balance bill, which the person
    // pays on top of their share of the allowed amount.
    let catalog = costshare_catalog::builtin().unwrap();
    let (mut h, s) = pat();
    h.people[0].level = Some(UseLevel::Moderate);
    h.people[0].out_of_network_percent = 50;
    let c = compare(&catalog, &h, &s).unwrap();
    let mut billed_lines = 0;
    for o in &c.options {
        for w in &o.why {
            assert_eq!(
                w.allowed + w.balance_billed,
                w.hra_paid + w.you_pay + w.plan_pays,
                "{}: {w:?}",
                o.id
            );
            if w.balance_billed > Money::ZERO {
                billed_lines += 1;
            }
        }
    }
    assert!(billed_lines > 0);
    // The OAP's out-of-network MRI: the plan allows $600 (80% of Pat's $750 price) and the
    // provider bills $1,200 (160%). $600 + $600 of balance bill = $1,200, all paid by Pat: the
    // allowed part goes to the out-of-network deductible, the balance bill counts toward nothing.
    let oap = option(&c, "shbp-2010-oap");
    let mri = oap
        .why
        .iter()
        .find(|w| w.care == "MRI or CT scan" && w.network == "out-of-network")
        .unwrap();
    assert_eq!(
        (mri.allowed, mri.balance_billed, mri.you_pay, mri.plan_pays),
        (usd(60_000), usd(60_000), usd(120_000), Money::ZERO)
    );
}

#[test]
fn a_babys_claims_come_in_the_order_a_pregnancy_does() {
    let catalog = costshare_catalog::builtin().unwrap();
    let (mut h, s) = pat();
    h.people[0] = Person::new("pat", Relationship::Employee, 30);
    h.people[0].events = vec!["having_a_baby".into()];
    let c = compare(&catalog, &h, &s).unwrap();
    let lines: Vec<(String, String)> = option(&c, "shbp-2010-oap")
        .why
        .iter()
        .map(|w| (w.date.to_string(), w.care.clone()))
        .collect();
    let on = |care: &str| -> Vec<&str> {
        lines
            .iter()
            .filter(|(_, c)| c == care)
            .map(|(d, _)| d.as_str())
            .collect()
    };
    // No due month: the baby is assumed due September 15 (day 257), so the event starts 224
    // days before, on day 33 (February 3, 2010). Prenatal labs every 3 weeks from then, the last
    // on day 33 + 189 = 222 (August 11); ultrasounds on days 33 + 14, + 98 and + 182 (February
    // 17, May 12, August 4); the delivery, its anesthesia and the doctor's global fee on day 257.
    assert_eq!(on("Prenatal lab work").first(), Some(&"2010-02-03"));
    assert_eq!(on("Prenatal lab work").last(), Some(&"2010-08-11"));
    assert_eq!(on("Ultrasound"), ["2010-02-17", "2010-05-12", "2010-08-04"]);
    assert_eq!(on("Hospital delivery (facility)"), ["2010-09-15"]);
    assert_eq!(on("Anesthesia for the delivery"), ["2010-09-15"]);
    assert_eq!(
        on("Prenatal and delivery doctor (global maternity fee)"),
        ["2010-09-15"]
    );
    // Nothing is called an x-ray, and the lines are in date order.
    assert!(lines.iter().all(|(_, c)| c != "X-ray"));
    assert!(lines.windows(2).all(|w| w[0].0 <= w[1].0));
}

#[test]
fn what_would_change_the_medical_pick_never_offers_the_pick() {
    // A moderate year at risk tolerance 0: the pick is the plan with the lowest very bad year
    // (the HDHP), while the HRA costs the least for the year entered.
    let household = r#"{"status":"active","people":[{"name":"Pat","relationship":"employee","age":40,"usage":"moderate"}],"goal":"balanced","risk_tolerance":0,"simulations":2000,"seed":7}"#;
    let c = compare_file(household);
    let medical = category(&c, costshare_decision::compare::Category::Medical);
    let pick = c.options[medical.recommended.unwrap()].name.clone();
    assert_eq!(pick, "SHBP High Deductible Health Plan (HDHP) 2010");
    let lines = &medical.what_would_change;
    assert_eq!(
        lines[0],
        "In a year like the one you entered, SHBP Health Reimbursement Arrangement (HRA) 2010 costs the least, though our pick, SHBP High Deductible Health Plan (HDHP) 2010, does better for your goal over the simulated years."
    );
    for l in lines
        .iter()
        .filter(|l| l.starts_with("If your medical care came to"))
    {
        assert!(!l.contains(&format!("{pick} would cost less")), "{l}");
        if l.contains(&pick) {
            assert!(
                l.ends_with(&format!(
                    "our pick, {pick}, would also cost the least for the year (instead of SHBP Health Reimbursement Arrangement (HRA) 2010)."
                )),
                "{l}"
            );
        }
    }
    assert!(
        lines
            .iter()
            .any(|l| l.contains("would also cost the least")),
        "{lines:#?}"
    );
}

#[test]
fn a_familys_claim_lines_say_whose_deductible() {
    // Pat (the employee) and Sam (the spouse), each with an MRI. On the OAP each person has
    // their own deductible inside the family's, so a line names whose it is; on the HDHP the
    // family meets one $2,300 deductible together (shbp-hdhp-2009 p.1), so it is the family's.
    let catalog = costshare_catalog::builtin().unwrap();
    let (mut h, s) = pat();
    let mut sam = Person::new("sam", Relationship::Spouse, 38);
    sam.custom.insert(CareKind::MriCt, 1);
    h.people.push(sam);
    let c = compare(&catalog, &h, &s).unwrap();
    let deductible_steps = |id: &str| -> Vec<(String, String)> {
        option(&c, id)
            .why
            .iter()
            .flat_map(|w| w.steps.iter().map(move |s| (w.person.clone(), s.clone())))
            .filter(|(_, s)| s.contains("deductible;") || s.contains("deductible,"))
            .collect()
    };
    let oap = deductible_steps("shbp-2010-oap");
    for who in ["pat", "sam"] {
        assert!(oap.iter().any(|(p, _)| p == who), "{oap:#?}");
    }
    for (person, step) in &oap {
        assert!(
            step.contains(&format!("goes to {person}'s deductible")),
            "{person}: {step}"
        );
    }
    let hdhp = deductible_steps("shbp-2010-hdhp");
    assert!(!hdhp.is_empty());
    for (_, step) in &hdhp {
        assert!(step.contains("goes to your family's deductible"), "{step}");
    }
}

#[test]
fn two_crowns_are_two_teeth() {
    // Two $1,100 crowns in a year on the example Low dental plan: crown limits are per tooth,
    // so the second is covered too. First: the $50 deductible + 50% of $1,050 = $575 for Rae,
    // $525 from the plan. Second: 50% of $1,100 would be $550 from the plan, but only $475 of
    // the $1,000 yearly maximum is left, so Rae pays $625. Rae pays $1,200 for care.
    let catalog = costshare_catalog::builtin().unwrap();
    let mut rae = Person::new("rae", Relationship::Employee, 45);
    rae.custom.insert(CareKind::DentalCrown, 2);
    let h = Household {
        people: vec![rae],
        ..Household::default()
    };
    let s = Settings {
        simulations: 0,
        ..Settings::default()
    };
    let c = compare(&catalog, &h, &s).unwrap();
    let low = option(&c, "dental-low");
    let paid: Vec<(Money, Money)> = low.why.iter().map(|w| (w.you_pay, w.plan_pays)).collect();
    assert_eq!(
        paid,
        vec![(usd(57_500), usd(52_500)), (usd(62_500), usd(47_500))]
    );
    assert_eq!(low.expected.as_ref().unwrap().out_of_pocket, usd(120_000));
    // The first crown's coinsurance is on what is left after the deductible; the second's, with
    // the deductible met, is on the whole price.
    assert!(
        low.why[0]
            .steps
            .iter()
            .any(|s| s == "You pay 50% coinsurance on the remaining $1,050.00: $525.00."),
        "{:?}",
        low.why[0].steps
    );
    assert!(
        low.why[1]
            .steps
            .iter()
            .any(|s| s == "You pay 50% coinsurance on $1,100.00: $550.00."),
        "{:?}",
        low.why[1].steps
    );
}

#[test]
fn the_out_of_network_share_applies_to_vision_and_dental_care_too() {
    // Half of a moderate year out of network. The share is taken of medical, dental and vision
    // care each, as the simulation draws it: the $750 MRI does not use up the whole share while
    // the eye exam and dental visits stay in network.
    let catalog = costshare_catalog::builtin().unwrap();
    let (mut h, s) = pat();
    h.people[0].level = Some(UseLevel::Moderate);
    h.people[0].out_of_network_percent = 50;
    let c = compare(&catalog, &h, &s).unwrap();
    for id in ["vision-basic", "dental-low"] {
        let why = &option(&c, id).why;
        assert!(
            why.iter().any(|w| w.network == "out-of-network"),
            "{id}: {why:#?}"
        );
        assert!(why.iter().any(|w| w.network == "in-network"), "{id}");
    }
}

#[test]
fn a_baby_born_this_year_has_care_after_the_birth_and_no_check_ups_for_teeth_or_eyes() {
    // What "Add the baby" makes: without a due month the delivery falls on the assumed
    // September 15, 2010; the baby (age 0, a low year, newborn care) has every claim on or after
    // it, and no dental or vision check-ups from the preset.
    let catalog = costshare_catalog::builtin().unwrap();
    let (mut h, s) = pat();
    h.people[0] = Person::new("pat", Relationship::Employee, 30);
    h.people[0].events = vec!["having_a_baby".into()];
    let mut baby = Person::new("baby", Relationship::Child, 0);
    baby.level = Some(UseLevel::Low);
    baby.custom.insert(CareKind::NewbornCare, 1);
    h.people.push(baby);
    let c = compare(&catalog, &h, &s).unwrap();
    let dates = |id: &str| -> Vec<String> {
        option(&c, id)
            .why
            .iter()
            .filter(|w| w.person == "baby")
            .map(|w| w.date.to_string())
            .collect()
    };
    let medical = dates("shbp-2010-hdhp");
    assert!(!medical.is_empty());
    assert!(
        medical.iter().all(|d| d.as_str() >= "2010-09-15"),
        "{medical:?}"
    );
    // The nursery care is on the day of the birth, first; the rest comes after it.
    assert_eq!(medical[0], "2010-09-15");
    assert!(
        medical[1..].iter().all(|d| d.as_str() > "2010-09-15"),
        "{medical:?}"
    );
    assert_eq!(
        option(&c, "shbp-2010-hdhp")
            .why
            .iter()
            .find(|w| w.person == "baby")
            .map(|w| w.care.as_str()),
        Some(CareKind::NewbornCare.label())
    );
    assert!(dates("dental-low").is_empty());
    assert!(dates("vision-basic").is_empty());
}

#[test]
fn a_range_of_spending_ends_where_the_cheapest_plan_changes_again() {
    // Every "came to …" sentence names a range that holds the whole way: when another
    // crossover lies beyond the nearest one, it says "between about $A and $B".
    let text = include_str!("../../../tests/households/family-with-baby.json");
    let c = compare_file(text);
    let medical = category(&c, costshare_decision::compare::Category::Medical);
    let spend = c.curve.expected_spend;
    let below: Vec<_> = c
        .curve
        .crossovers
        .iter()
        .filter(|x| x.spend <= spend)
        .collect();
    let lines = changes(medical, "If your medical care came to");
    // The family with a baby: below their $15,408 the HRA is cheapest from about $10,518 down
    // to about $735, and the HDHP again below that (its $0 point: a lower premium).
    assert!(below.len() >= 2);
    assert!(
        lines.iter().any(|l| l.starts_with(
            "If your medical care came to between about $735 and $10,518 in allowed charges"
        )),
        "{lines:#?}"
    );
    for l in &lines {
        assert!(!l.contains("less than about") || below.len() <= 1, "{l}");
    }
    // Going without coverage is said in words inside a sentence.
    let dental = category(&c, costshare_decision::compare::Category::Dental);
    assert!(
        dental.what_would_change[0].ends_with(
            "if your dental care cost 56% less (about $607 in allowed charges instead of $1,370), going without a dental plan would."
        ),
        "{:?}",
        dental.what_would_change
    );
}

#[test]
fn a_familys_out_of_pocket_maximum_is_named_as_the_familys() {
    // Five people on the OAP's family tier, each with an outpatient surgery: $600 each / $1,800
    // family deductible, $2,000 each / $4,000 family out-of-pocket maximum, embedded. Before
    // Hope's facility claim the family has counted $3,370 (deductibles 3 x $600 = $1,800, MRI
    // coinsurance 3 x $30 + 2 x $150 = $390, labs 10 x $8 = $80, Gil's surgery $800 + $300 =
    // $1,100), so $4,000 - $3,370 = $630 is left: her 20% of $4,000 ($800) stops at $630 and the
    // plan pays $170 more. Hope's own count is $646 + $630 = $1,276 of her $2,000: it is the
    // family's maximum that is reached, and the lines after hers say so.
    let household = r#"{"tax":{"federal_bracket":"25%","state":"FL"},"people":[
        {"name":"Gil","relationship":"employee","age":45,"events":["outpatient_surgery"]},
        {"name":"Hope","relationship":"spouse","age":44,"events":["outpatient_surgery"]},
        {"name":"Ian","relationship":"child","age":16,"events":["outpatient_surgery"]},
        {"name":"Jo","relationship":"child","age":14,"events":["outpatient_surgery"]},
        {"name":"Kit","relationship":"child","age":10,"events":["outpatient_surgery"]}]}"#;
    let c = compare_file(household);
    let oap = option(&c, "shbp-2010-oap");
    let reached = oap
        .why
        .iter()
        .position(|w| {
            w.steps
                .iter()
                .any(|s| s.contains("out-of-pocket maximum is reached"))
        })
        .unwrap();
    let line = &oap.why[reached];
    assert_eq!((line.person.as_str(), line.you_pay), ("Hope", usd(63_000)));
    assert!(
        line.steps.contains(
            &"With this claim, your family's out-of-pocket maximum is reached, so the plan pays $170.00 that you would otherwise have paid."
                .to_string()
        ),
        "{line:?}"
    );
    let after: Vec<_> = oap.why[reached + 1..]
        .iter()
        .filter(|w| w.steps.iter().any(|s| s.starts_with("Nothing more to pay")))
        .collect();
    assert!(!after.is_empty());
    for w in after {
        assert!(
            w.steps.contains(
                &"Nothing more to pay: your family's out-of-pocket maximum is already reached."
                    .to_string()
            ),
            "{w:?}"
        );
    }
}

#[test]
fn a_dental_line_names_no_out_of_pocket_maximum() {
    // Dental plans have a deductible but no out-of-pocket maximum. Max (13) has a third
    // cleaning, over the 1-every-6-months limit; Ned (19) has braces, past the age limit
    // (through 18). The Low plan: $95 for the cleaning, $2,800 for Ned's braces, both his.
    let household = r#"{"people":[{"name":"Lee","relationship":"employee","age":45},
        {"name":"Max","relationship":"child","age":13,"care":{"orthodontia":1,"dental_crown":1,"dental_cleaning":3}},
        {"name":"Ned","relationship":"child","age":19,"student":true,"care":{"orthodontia":1}}]}"#;
    let c = compare_file(household);
    let low = option(&c, "dental-low");
    let steps: Vec<&String> = low.why.iter().flat_map(|w| w.steps.iter()).collect();
    assert!(
        steps.contains(&&"$2,800.00 is not covered: covered only up to age 18. You pay it, and it does not count toward your deductible.".to_string()),
        "{steps:#?}"
    );
    assert!(
        steps.contains(&&"$95.00 is over the plan's “Cleanings” limit (1 visit every 6 months), so you pay it, and it does not count toward your deductible.".to_string()),
        "{steps:#?}"
    );
    assert!(
        steps.iter().all(|s| !s.contains("out-of-pocket")),
        "{steps:#?}"
    );
}

#[test]
fn with_no_care_entered_the_curve_says_what_care_it_counts() {
    // Zed lists no care: there is no care of his own to scale, so the curve counts care that goes
    // through the deductible and coinsurance, and the sentence says so instead of "you expect $0;
    // the same care, costing more".
    let household = r#"{"pay_frequency":"weekly","goal":"lowest_expected","people":[{"name":"Zed","relationship":"employee","age":30}],"premiums":{"shbp-2010-oap":"40","shbp-2010-hdhp:employee":"5.50","dental-low":"4"}}"#;
    let c = compare_file(household);
    let medical = category(&c, costshare_decision::compare::Category::Medical);
    let lines = changes(medical, "If your medical care came to");
    assert!(!lines.is_empty());
    for l in lines {
        assert!(
            l.contains(" in allowed charges (you expect none; counted as care that goes through the deductible and coinsurance), "),
            "{l}"
        );
    }
}

#[test]
fn past_the_out_of_pocket_maximum_a_line_says_why_it_costs_nothing() {
    // A very high year on the HDHP reaches its $2,000 maximum; every later line the plan pays
    // in full says so, instead of only "The plan pays $40.00".
    let catalog = costshare_catalog::builtin().unwrap();
    let (mut h, s) = pat();
    h.people[0].level = Some(UseLevel::VeryHigh);
    let c = compare(&catalog, &h, &s).unwrap();
    let hdhp = option(&c, "shbp-2010-hdhp");
    let after: Vec<_> = hdhp
        .why
        .iter()
        .skip_while(|w| {
            !w.steps
                .iter()
                .any(|s| s.starts_with("With this claim, your out-of-pocket maximum is reached"))
        })
        .skip(1)
        .filter(|w| w.you_pay == Money::ZERO && w.plan_pays > Money::ZERO)
        .collect();
    assert!(!after.is_empty());
    for w in after {
        assert!(
            w.steps
                .iter()
                .any(|s| s == "Nothing more to pay: your out-of-pocket maximum is already reached."),
            "{w:?}"
        );
    }
}

/// The SHBP HDHP with an aggregate family deductible of `individual` / $2,300 and an embedded
/// out-of-pocket maximum of $2,500 a person / $5,000 a family, as many plans have since the
/// ACA's per-person limit.
fn embedded_maximum_hdhp(individual: &str) -> Vec<LoadedPlan> {
    edited("shbp-2010-hdhp", |v| {
        v["family_out_of_pocket_max"] = "embedded".into();
        for t in v["tiers"].as_array_mut().unwrap() {
            if t["id"] != "employee" {
                t["deductible"]["in_network"]["individual"] = individual.into();
                t["out_of_pocket_max"]["in_network"]["individual"] = "2500".into();
                t["out_of_pocket_max"]["in_network"]["family"] = "5000".into();
            }
        }
    })
}

#[test]
fn claim_lines_name_the_deductible_and_the_maximum_that_applied() {
    // Pat's $130 primary care visit, then Sam's $15,000 outpatient surgery, on the HDHP for
    // the two of them (aggregate deductible, embedded maximum).
    let (mut h, mut s) = pat();
    h.people[0].custom = ByKey::from([(CareKind::PrimaryCareVisit, 1)]);
    let mut sam = Person::new("sam", Relationship::Spouse, 38);
    sam.custom.insert(CareKind::OutpatientSurgeryFacility, 1);
    h.people.push(sam);
    s.pricing
        .overrides
        .insert(CareKind::OutpatientSurgeryFacility, usd(1_500_000));
    for individual in ["2300", "1150"] {
        let c = compare(&embedded_maximum_hdhp(individual), &h, &s).unwrap();
        let steps = |who: &str| -> Vec<String> {
            option(&c, "shbp-2010-hdhp")
                .why
                .iter()
                .filter(|w| w.person == who)
                .flat_map(|w| w.steps.clone())
                .collect()
        };
        // The deductible is the family's: aggregate, only the $2,300 counts, whatever the
        // person's amount says. $2,300 − $130 = $2,170 left after Pat's visit.
        assert!(
            steps("pat").contains(
                &"$130.00 goes to your family's deductible; $2,170.00 of it is left this year."
                    .to_string()
            ),
            "{individual}: {:#?}",
            steps("pat")
        );
        // Sam's surgery meets the family's deductible ($2,170), and Sam's own $2,500 maximum
        // stops the coinsurance at $2,500 − $2,170 = $330: the family's $5,000 − $130 =
        // $4,870 has room left, so the maximum reached is Sam's.
        let sam = steps("sam");
        assert!(
            sam.contains(
                &"$2,170.00 goes to your family's deductible, which is now met.".to_string()
            ),
            "{individual}: {sam:#?}"
        );
        assert!(
            sam.iter()
                .any(|t| t
                    .ends_with("sam's out-of-pocket maximum brings what you pay down to $330.00.")),
            "{individual}: {sam:#?}"
        );
        assert!(
            sam.iter()
                .any(|t| t.starts_with("With this claim, sam's out-of-pocket maximum is reached")),
            "{individual}: {sam:#?}"
        );
        assert!(
            !sam.iter().any(|t| t.contains("family's out-of-pocket")),
            "{sam:#?}"
        );
    }
}

#[test]
fn employer_hsa_money_above_the_limit_counts_only_up_to_it() {
    // The HSA-qualified HDHP with $5,000 from the employer for Pat alone: 2010's limit on all
    // contributions for self-only coverage is $3,050 (Rev. Proc. 2009-29), so $3,050 counts,
    // and nothing is left for Pat to contribute.
    let mut catalog = hsa_catalog();
    let mut v: serde_json::Value = serde_json::to_value(
        &*catalog
            .iter()
            .find(|p| p.file.id == "shbp-2010-hdhp")
            .unwrap()
            .file,
    )
    .unwrap();
    v["hsa"]["employer_contribution"]["employee"]["value"] = "5000".into();
    catalog.retain(|p| p.file.id != "shbp-2010-hdhp");
    let loaded = costshare_plan::load_plan(&v.to_string()).unwrap();
    assert!(
        loaded
            .warnings
            .iter()
            .any(|w| w.message.contains("only $3,050 is counted")),
        "{:#?}",
        loaded.warnings
    );
    catalog.push(loaded);
    let (h, s) = pat();
    let c = compare(&catalog, &h, &s).unwrap();
    let hdhp = option(&c, "shbp-2010-hdhp");
    let e = hdhp.expected.as_ref().unwrap();
    assert_eq!(e.fixed.employer_hsa, usd(305_000));
    assert!(
        hdhp.suggested_hsa.is_none_or(|m| m == Money::ZERO),
        "{:?}",
        hdhp.suggested_hsa
    );
}

#[test]
fn out_of_network_emergency_care_is_shared_as_in_network_from_2022() {
    // Pat's emergency room visit and its doctor, all care out of network, on the OAP as
    // written (2010) and moved to 2026. The No Surprises Act (plan years from 2022) makes the
    // plan share out-of-network emergency care as in-network care, with no balance bill.
    let (mut h, s) = pat();
    h.people[0].custom = ByKey::from([
        (CareKind::EmergencyRoomVisit, 1),
        (CareKind::EmergencyRoomDoctor, 1),
    ]);
    h.people[0].out_of_network_percent = 100;
    let oap = |year: &str| -> Vec<LoadedPlan> {
        edited("shbp-2010-oap", |v| {
            v["plan_year"] = serde_json::json!({ "start": format!("{year}-01-01"), "end": format!("{year}-12-31") });
        })
    };
    let before = compare(&oap("2010"), &h, &s).unwrap();
    let why = &option(&before, "shbp-2010-oap").why;
    assert_eq!(why.len(), 2);
    assert!(
        why.iter().all(|w| w.network == "out-of-network"),
        "{why:#?}"
    );
    assert!(
        why.iter().any(|w| w.balance_billed > Money::ZERO),
        "{why:#?}"
    );
    let after = compare(&oap("2026"), &h, &s).unwrap();
    let why = &option(&after, "shbp-2010-oap").why;
    assert_eq!(why.len(), 2);
    for w in why {
        assert_eq!(w.network, "out-of-network, shared as in-network");
        assert_eq!(w.balance_billed, Money::ZERO);
        assert!(
            w.steps[0].contains("under the No Surprises Act"),
            "{:#?}",
            w.steps
        );
    }
    // In-network cost sharing: the OAP's $150 emergency room copay (oap2010 p.29) applies.
    assert!(
        why[0].steps.iter().any(|t| t.contains("$150.00 copay")),
        "{:#?}",
        why[0].steps
    );
}

#[test]
fn preventive_drugs_skip_the_deductible_where_the_plan_says_so() {
    // Pat manages type 2 diabetes (the CMS coverage example): the metformin, ramipril and
    // insulin fills are preventive under IRS Notice 2019-45. On the HDHP as written they go
    // through the deductible; with `preventive_skips_deductible` they do not.
    let (mut h, s) = pat();
    h.people[0].custom = ByKey::default();
    h.people[0].events = vec!["type_2_diabetes".into()];
    let hdhp = |skips: bool| -> Vec<LoadedPlan> {
        edited("shbp-2010-hdhp", |v| {
            v["drugs"]["preventive_skips_deductible"] = skips.into();
        })
    };
    let insulin = |c: &Comparison| -> Vec<String> {
        option(c, "shbp-2010-hdhp")
            .why
            .iter()
            .find(|w| w.care.starts_with("Preferred brand") && w.allowed == usd(23_000))
            .map(|w| w.steps.clone())
            .unwrap()
    };
    let as_written = compare(&hdhp(false), &h, &s).unwrap();
    assert!(
        insulin(&as_written)
            .iter()
            .any(|t| t.contains("deductible")),
        "{:#?}",
        insulin(&as_written)
    );
    let skipping = compare(&hdhp(true), &h, &s).unwrap();
    let first = insulin(&skipping);
    assert!(
        !first.iter().any(|t| t.contains("goes to your deductible")),
        "{first:#?}"
    );
    let paid = |c: &Comparison| -> Vec<Money> {
        option(c, "shbp-2010-hdhp")
            .why
            .iter()
            .filter(|w| w.care.starts_with("Preferred brand") && w.allowed == usd(23_000))
            .map(|w| w.you_pay)
            .collect()
    };
    // The first insulin fill: $230 toward the $1,150 deductible as written; 20% × $230 = $46
    // when it skips the deductible.
    assert_eq!(paid(&as_written)[0], usd(23_000));
    assert_eq!(paid(&skipping)[0], usd(4_600));
    assert_eq!(
        first,
        [
            "Charged at the plan's drug tier \"Preferred brand\".",
            "The plan covers this drug as preventive care, so the deductible does not apply to it.",
            "You pay 20% coinsurance on $230.00: $46.00.",
            "The plan pays $184.00."
        ]
    );
}

#[test]
fn a_90_day_supply_goes_by_mail_where_the_plan_covers_it_only_by_mail() {
    // The OAP with its 90-day generic row moved from retail to mail order at $10: Pat's four
    // 90-day generic fills ($15 each at the model's price) cost $10 each by mail, not the full
    // price as "not covered" at a retail pharmacy.
    let (mut h, s) = pat();
    h.people[0].custom = ByKey::from([(CareKind::GenericFill90, 4)]);
    let catalog = edited("shbp-2010-oap", |v| {
        v["drugs"]["tiers"][0]["fills"][1] =
            serde_json::json!({ "channel": "mail", "max_days": 90, "copay": "10" });
    });
    let c = compare(&catalog, &h, &s).unwrap();
    let why = &option(&c, "shbp-2010-oap").why;
    assert_eq!(why.len(), 4);
    for w in why {
        assert_eq!(w.you_pay, usd(1_000), "{:#?}", w.steps);
    }
}

#[test]
fn plans_that_tie_for_the_year_entered_are_said_to_cost_the_same() {
    // Three example 2026 HSA plans (an audit's fixture) and a family of four whose child has a
    // $20,000 surgery: the aggregate $3,400 plan and the $3,400-embedded-in-$6,800 one both
    // come to $4,463.70 for the year entered (the child reaches the $5,000 maximum in both).
    let catalog =
        costshare_plan::load_catalog(include_str!("fixtures/hsa-variants-2026.json")).unwrap();
    let (h, s) = costshare_decision::file::parse_household(include_str!(
        "fixtures/family-surgery-2026.json"
    ))
    .unwrap();
    let c = compare(&catalog, &h, &s).unwrap();
    let net = |id: &str| option(&c, id).expected.as_ref().unwrap().net;
    assert_eq!(net("example-hdhp-2026"), usd(446_370));
    assert_eq!(net("example-hdhp-2026-emb3400"), usd(446_370));
    let medical = category(&c, costshare_decision::compare::Category::Medical);
    let year = changes(medical, "In a year like the one you entered");
    assert_eq!(
        year,
        [&"In a year like the one you entered, Example HSA plan 2026, $3,400 embedded in $6,800 (example) costs the same as our pick, Example HSA plan 2026 (example), which does better for your goal over the simulated years.".to_string()]
    );
}

#[test]
fn plans_that_cost_the_same_are_never_said_to_cost_less_or_to_be_never_the_cheapest() {
    // For one person the three example HSA plans are the same plan ($1,700 deductible, the same
    // maximum): at every level of spending they cost the same, so none is "never the cheapest"
    // and nothing "would cost less"; the year entered ties, and so do the simulated years.
    let catalog =
        costshare_plan::load_catalog(include_str!("fixtures/hsa-variants-2026.json")).unwrap();
    let one = r#"{"people":[{"name":"a","relationship":"employee","age":57,"usage":"low"}],"hsa_contribution":"4300","seed":19}"#;
    let (h, s) = costshare_decision::file::parse_household(one).unwrap();
    let c = compare(&catalog, &h, &s).unwrap();
    assert!(c.curve.series.iter().all(|se| !se.dominated));
    assert!(c.curve.crossovers.is_empty());
    let medical = category(&c, costshare_decision::compare::Category::Medical);
    // No sentence says one of two plans that cost the same would cost less.
    let never_less = |m: &costshare_decision::compare::CategoryResult| {
        assert!(
            m.what_would_change
                .iter()
                .all(|t| !t.contains("would cost less")),
            "{:?}",
            m.what_would_change
        );
    };
    never_less(medical);
    assert!(medical.what_would_change[0].ends_with(
        "costs the same as our pick, Example HSA plan 2026, $1,700 embedded in $3,400 (example), and they do as well for your goal over the simulated years."
    ));
    // A family: the aggregate plan never costs more than the $3,400-embedded one, and the two
    // cost the same until the family's spending meets the $3,400 deductible. The pick (the
    // aggregate plan) is not said to be beaten by the other below that.
    let family = r#"{"people":[{"name":"a","relationship":"employee","age":40,"usage":"moderate"},{"name":"b","relationship":"spouse","age":39,"usage":"high","events":["having_a_baby"]},{"name":"c","relationship":"child","age":7,"usage":"low"}],"hsa_contribution":"7000","tax":{"federal_bracket":"22%","state":"GA"},"seed":17}"#;
    let (h, s) = costshare_decision::file::parse_household(family).unwrap();
    let c = compare(&catalog, &h, &s).unwrap();
    let medical = category(&c, costshare_decision::compare::Category::Medical);
    assert_eq!(
        c.options[medical.recommended.unwrap()].id,
        "example-hdhp-2026"
    );
    never_less(medical);
}

#[test]
fn a_range_above_the_expected_year_ends_where_the_curve_ends() {
    // A healthy 28-year-old: past about $818 of care the HRA costs less than the HDHP
    // ($642.15 once its $500 has paid, against the HDHP's $299.67 plus the care under its
    // deductible), but far past the curve's $12,000 the HDHP's $1,700 maximum makes it cheaper
    // again: the sentence says "between", not "more than".
    let c = compare_file(
        r#"{"people":[{"name":"a","relationship":"employee","age":28,"usage":"low"}],"seed":3}"#,
    );
    let medical = category(&c, costshare_decision::compare::Category::Medical);
    let lines = changes(medical, "If your medical care came to");
    assert!(
        lines[0].starts_with(
            "If your medical care came to between about $818 and $12,000 in allowed charges"
        ),
        "{lines:#?}"
    );
}

#[test]
fn premiums_for_plans_the_catalog_does_not_have_are_said_to_be_unused() {
    // A misspelt plan id keeps the example premium in place: the comparison says so.
    let (mut h, s) = pat();
    h.premiums = Entries::from([
        ("shbp-2010-hra".to_string(), usd(8_000)),
        ("shbp-2010-hdhpp".to_string(), usd(6_000)),
    ]);
    let c = compare(&costshare_catalog::builtin().unwrap(), &h, &s).unwrap();
    assert!(
        c.notices.contains(&"The premium entered for \"shbp-2010-hdhpp\" is not used: no plan in this catalog has that id (plan, or plan:tier).".to_string()),
        "{:#?}",
        c.notices
    );
    // A plan and tier that exist are used, and not named.
    h.premiums = Entries::from([("shbp-2010-hra:employee".to_string(), usd(8_000))]);
    let c = compare(&costshare_catalog::builtin().unwrap(), &h, &s).unwrap();
    assert!(
        !c.notices.iter().any(|n| n.contains("is not used")),
        "{:#?}",
        c.notices
    );
}

#[test]
fn a_tier_that_skips_the_medical_deductible_is_not_said_to_skip_a_drug_deductible() {
    // The HDHP's drugs go through the medical deductible; with its generic tier waived, the
    // line says "the deductible", as the plan has no drug deductible of its own.
    let (mut h, s) = pat();
    h.people[0].custom = ByKey::from([(CareKind::GenericFill, 1)]);
    let catalog = edited("shbp-2010-hdhp", |v| {
        v["drugs"]["tiers"][0]["deductible"] = "waived".into();
    });
    let c = compare(&catalog, &h, &s).unwrap();
    let steps = &option(&c, "shbp-2010-hdhp").why[0].steps;
    let tier = &catalog[0].file.drugs.as_ref().unwrap().tiers[0].name;
    assert_eq!(
        steps[1],
        format!("The deductible does not apply to {tier}."),
        "{steps:#?}"
    );
}

#[test]
fn an_example_surcharge_is_said_to_be_one_where_it_applies() {
    // The OAP's $60 tobacco surcharge (oap2010 p.15) made an example: the note on example values
    // names it only for a household it applies to, and the itemized surcharge says so in place
    // of a page.
    let catalog = edited("shbp-2010-oap", |v| {
        let tobacco = &mut v["surcharges"][0];
        tobacco.as_object_mut().unwrap().remove("source");
        tobacco["example"] = true.into();
    });
    let (mut h, s) = pat();
    let note = |c: &Comparison| {
        option(c, "shbp-2010-oap")
            .notes
            .iter()
            .find(|n| n.starts_with("Its figures rest on example values"))
            .cloned()
            .unwrap_or_default()
    };
    let c = compare(&catalog, &h, &s).unwrap();
    assert!(!note(&c).contains("surcharge"), "{}", note(&c));
    h.people[0].tobacco = true;
    let c = compare(&catalog, &h, &s).unwrap();
    assert!(note(&c).contains("the tobacco surcharge"), "{}", note(&c));
    let item = &option(&c, "shbp-2010-oap")
        .expected
        .as_ref()
        .unwrap()
        .fixed
        .surcharge_items[0];
    // $60 a month × 12 = $720 a year.
    assert_eq!((item.yearly, item.example), (usd(72_000), true));
    assert_eq!(item.source, "an example amount, not a published one");
}

#[test]
fn a_plan_that_loses_its_hsa_says_the_employers_money_goes_with_it() {
    // The HSA-qualified HDHP of `hsa_catalog` ($500 of employer HSA money for one person), with
    // its primary care visits made to skip the deductible: no longer HSA-qualified (IRS Notice
    // 2004-23), so neither the tax savings nor the $500 count, and the note says both. The
    // author's hint about service ids is for the file's author, not for the person.
    let mut catalog = hsa_catalog();
    let hdhp = catalog
        .iter()
        .position(|p| p.file.id == "shbp-2010-hdhp")
        .unwrap();
    let mut v = serde_json::to_value(&*catalog[hdhp].file).unwrap();
    v["services"][0]["in_network"]["deductible"] = "waived".into();
    catalog[hdhp] = costshare_plan::load_plan(&v.to_string()).unwrap();
    let (h, s) = pat();
    let c = compare(&catalog, &h, &s).unwrap();
    let o = option(&c, "shbp-2010-hdhp");
    assert_eq!(o.expected.as_ref().unwrap().fixed.employer_hsa, Money::ZERO);
    let note = o
        .notes
        .iter()
        .find(|n| n.starts_with("The plan is described as HSA-eligible"))
        .unwrap();
    assert!(
        note.ends_with(
            "; neither HSA tax savings nor the employer's $500.00 of HSA money are counted."
        ),
        "{note}"
    );
    assert!(
        note.contains("only for preventive care (IRS Notice 2004-23) and telehealth, so"),
        "{note}"
    );
    assert!(!note.contains("README"), "{note}");
}

#[test]
fn the_worst_case_of_an_hra_that_leaves_out_copays_takes_nothing_off_for_the_hra() {
    // Pat's HRA plan ($80 a month, a $2,000 maximum, $500 in the HRA). Paying all cost sharing,
    // the HRA takes $500 off the worst year: $960 + $2,000 − $500 − $275.04 = $2,184.96 (tax
    // savings on the premium: $960 × 28.65%). Paying only the deductible and coinsurance, the
    // maximum can be reached with copays and drugs alone, which it does not pay:
    // $960 + $2,000 − $0 − $275.04 = $2,684.96.
    let (h, s) = pat();
    let worst = |pays: serde_json::Value| {
        let catalog = edited("shbp-2010-hra", |v| v["hra"]["pays"] = pays);
        compare(&catalog, &h, &s).unwrap().options[0].worst_case
    };
    assert_eq!(
        worst(serde_json::json!([
            "deductible",
            "coinsurance",
            "copays",
            "drugs"
        ])),
        Some(usd(218_496))
    );
    assert_eq!(
        worst(serde_json::json!(["deductible", "coinsurance"])),
        Some(usd(268_496))
    );
}

#[test]
fn a_range_above_the_expected_year_is_open_when_the_plan_can_never_cost_more_there() {
    // The site's starting household (40, moderate care): past about $11,027 of care the HDHP
    // costs less than the HRA. Its worst year, $420 + $1,700 − $120.33 = $1,999.67, is below what
    // the HRA already costs at the curve's $12,000 (its own worst year, $900 + $2,000 − $500 −
    // $257.85 = $2,142.15), so the HDHP stays the cheaper at any higher level: "more than".
    let c = compare_file(
        r#"{"people":[{"name":"You","relationship":"employee","age":40,"usage":"moderate"}]}"#,
    );
    assert_eq!(option(&c, "shbp-2010-hdhp").worst_case, Some(usd(199_967)));
    assert_eq!(option(&c, "shbp-2010-hra").worst_case, Some(usd(214_215)));
    let medical = category(&c, costshare_decision::compare::Category::Medical);
    let lines = changes(medical, "If your medical care came to more than");
    assert!(
        lines.len() == 1
            && lines[0].starts_with("If your medical care came to more than about $11,027 in allowed charges")
            && lines[0].ends_with("SHBP High Deductible Health Plan (HDHP) 2010 would cost less for the year than SHBP Health Reimbursement Arrangement (HRA) 2010."),
        "{lines:#?}"
    );
}

#[test]
fn a_kind_of_plan_none_of_which_can_be_compared_has_no_pick_not_going_without() {
    // A retiree with Medicare and a spouse: the built-in dental and vision files have no
    // retiree tier, so none of their plans can be compared. Going without is not recommended
    // in their place; the category has no pick and says why.
    let c = compare_file(
        r#"{"status":"retiree","people":[{"name":"Pat","relationship":"employee","age":67,"usage":"moderate","medicare":true},{"name":"Chris","relationship":"spouse","age":63,"usage":"moderate"}]}"#,
    );
    for (which, words) in [
        (costshare_decision::compare::Category::Dental, "dental"),
        (costshare_decision::compare::Category::Vision, "vision"),
    ] {
        let cat = category(&c, which);
        assert_eq!(cat.recommended, None, "{words}");
        assert_eq!(
            cat.reasons,
            [format!(
                "No {words} plan could be compared for this household, so there is no pick: its plan file has no coverage tier or premium for retirees, so we cannot price it; ask your benefits office whether retirees may choose it, and at what premium."
            )]
        );
    }
    assert!(
        !c.options
            .iter()
            .any(|o| o.id == "no-dental" || o.id == "no-vision")
    );
    // The medical pick stands alone in the total.
    let medical = category(&c, costshare_decision::compare::Category::Medical);
    assert_eq!(
        c.combined_expected,
        c.options[medical.recommended.unwrap()]
            .expected
            .as_ref()
            .unwrap()
            .net
    );
}

#[test]
fn a_separate_drug_maximum_without_a_family_amount_is_each_persons_in_the_worst_case() {
    // The HRA plan with a separate $1,500 drug maximum written for one person only, for Pat, a
    // spouse and a child (the family tier: $6,000 maximum, $1,500 in the HRA). The engine
    // charges each person up to $1,500 in drugs, so the worst year is $960 + $6,000 +
    // 3 × $1,500 − $1,500 − $275.04 = $9,684.96 (not $6,684.96 with the drug maximum once).
    let (mut h, s) = pat();
    h.people.push(Person::new("sam", Relationship::Spouse, 38));
    h.people.push(Person::new("kit", Relationship::Child, 8));
    let catalog = edited("shbp-2010-hra", |v| {
        v["drugs"]["out_of_pocket"] = serde_json::json!({ "separate": { "individual": "1500" } });
    });
    assert!(
        catalog[0]
            .warnings
            .iter()
            .any(|w| w.path == "drugs.out_of_pocket.separate.family")
    );
    let c = compare(&catalog, &h, &s).unwrap();
    assert_eq!(c.options[0].worst_case, Some(usd(968_496)));
}

#[test]
fn an_employee_plus_one_tier_is_used_for_one_dependent_and_never_for_two() {
    // The HRA plan's tiers made Employee, Employee + One (a spouse or a child) and Family.
    let catalog = edited("shbp-2010-hra", |v| {
        let tiers = v["tiers"].as_array_mut().unwrap();
        tiers.remove(2);
        tiers[1]["name"] = "Employee + One".into();
        tiers[1]["covers_children"] = true.into();
        tiers[1]["dependents_at_most"] = 1.into();
    });
    let tier_of = |people: &[(&str, Relationship, u8)]| {
        let (mut h, s) = pat();
        for &(id, r, age) in people {
            h.people.push(Person::new(id, r, age));
        }
        compare(&catalog, &h, &s).unwrap().options[0].tier.clone()
    };
    assert_eq!(
        tier_of(&[("kit", Relationship::Child, 8)]).as_deref(),
        Some("Employee + One")
    );
    assert_eq!(
        tier_of(&[("sam", Relationship::Spouse, 38)]).as_deref(),
        Some("Employee + One")
    );
    assert_eq!(
        tier_of(&[
            ("sam", Relationship::Spouse, 38),
            ("kit", Relationship::Child, 8)
        ])
        .as_deref(),
        Some("Employee + Spouse + Child(ren)")
    );
    assert_eq!(
        tier_of(&[
            ("kit", Relationship::Child, 8),
            ("lou", Relationship::Child, 5)
        ])
        .as_deref(),
        Some("Employee + Spouse + Child(ren)")
    );
}

#[test]
fn a_household_may_ask_for_at_most_100000_simulated_years() {
    // As the embedded guide's `simulations` attribute: a link or a host's household asking for
    // 200,000 kept two cores busy for minutes on every visit.
    let file = |n: u32| {
        format!(
            r#"{{"people":[{{"name":"a","relationship":"employee","age":40}}],"simulations":{n}}}"#
        )
    };
    assert!(costshare_decision::file::parse_household(&file(100_000)).is_ok());
    let e = costshare_decision::file::parse_household(&file(100_001)).unwrap_err();
    assert_eq!(e[0].to_string(), "simulations: at most 100,000");
}

/// A couple expecting a baby (and `children` before it), the baby added to the coverage, with
/// the plan files' example premiums.
fn expecting_household(due: Option<u8>, children: &[(&str, u8)]) -> (Household, Settings) {
    let (mut h, s) = pat();
    h.premiums = Entries::default();
    let mut sam = Person::new("sam", Relationship::Spouse, 30);
    sam.events.push("having_a_baby".into());
    h.people.push(sam);
    for (name, age) in children {
        h.people.push(Person::new(name, Relationship::Child, *age));
    }
    h.people.push(Person::new("baby", Relationship::Child, 0));
    h.baby_due_month = due;
    (h, s)
}

fn expecting(due: Option<u8>) -> Comparison {
    let (h, s) = expecting_household(due, &[]);
    compare(&costshare_catalog::builtin().unwrap(), &h, &s).unwrap()
}

/// Whether the comparison says when the baby's premiums start.
fn newborn_notice(c: &Comparison) -> bool {
    c.notices
        .iter()
        .any(|n| n.starts_with(costshare_decision::resolve::NEWBORN_PREMIUMS))
}

fn premium_of(c: &Comparison, id: &str) -> Money {
    let o = c.options.iter().find(|o| o.id == id).unwrap();
    o.expected.as_ref().unwrap().fixed.premium
}

#[test]
fn a_baby_due_in_march_adds_the_family_premium_from_march() {
    // Employee + Spouse until the birth, Employee + Spouse + Child(ren) from the birth month
    // (coverage from birth takes the birth month's premium, SHBP 2010 p.17, p.19). Due March
    // 15, 2010: January and February at the smaller tier.
    let c = expecting(Some(3));
    // OAP examples $340 and $450 a month: 340 × 2 + 450 × 10 = 680 + 4,500 = $5,180
    // (a year of the family tier would be $5,400).
    assert_eq!(premium_of(&c, "shbp-2010-oap"), usd(518_000));
    // HDHP $120 and $165: 240 + 1,650 = $1,890. Dental low $44 and $68: 88 + 680 = $768.
    // Vision $12 and $18: 24 + 180 = $204.
    assert_eq!(premium_of(&c, "shbp-2010-hdhp"), usd(189_000));
    assert_eq!(premium_of(&c, "dental-low"), usd(76_800));
    assert_eq!(premium_of(&c, "vision-basic"), usd(20_400));
    let oap = c.options.iter().find(|o| o.id == "shbp-2010-oap").unwrap();
    let f = &oap.expected.as_ref().unwrap().fixed;
    assert_eq!(f.premium_full_year, usd(540_000));
    let b = f.before_birth.as_ref().unwrap();
    assert_eq!((b.months, b.tier_name.as_str()), (2, "Employee + Spouse"));
    assert_eq!((b.full_year, b.premium), (usd(408_000), usd(68_000)));
    let notice = c
        .notices
        .iter()
        .find(|n| n.starts_with(costshare_decision::resolve::NEWBORN_PREMIUMS))
        .unwrap();
    assert_eq!(
        notice,
        "The baby's premiums are counted from March, the month the baby is due: for the 2 months before, each premium is the one for the coverage without the baby (Employee + Spouse). The deductible, the out-of-pocket limit and any HRA or HSA money are counted as those of the coverage with the baby for the whole year. Care for the pregnancy before the plan year starts belongs to last year and is not counted here."
    );
}

#[test]
fn without_a_due_month_the_birth_is_in_september() {
    // The assumed due date, September 15, 2010: eight months (January to August) at
    // Employee + Spouse.
    // OAP: 340 × 8 + 450 × 4 = 2,720 + 1,800 = $4,520.
    let c = expecting(None);
    assert_eq!(premium_of(&c, "shbp-2010-oap"), usd(452_000));
    assert!(c.notices.iter().any(|n| n.starts_with(
        "The baby's premiums are counted from September, the month we assume for the birth"
    )));
}

#[test]
fn a_single_parent_whose_baby_comes_in_december_has_the_self_only_hsa_limit() {
    // The last-month rule (IRC 223(b)(8)) takes the coverage on December 1: born December 15,
    // the baby joins after it, so 2010's self-only $3,050 applies, less the employer's $1,000
    // (the file's family-tier example): $2,050 of the $5,000 entered is counted. Born in
    // November, the family limit $6,150 − $1,000 = $5,150 takes all $5,000.
    let counted = |due: u8| {
        let (mut h, s) = pat();
        h.people[0].age = 30;
        h.people[0].events.push("having_a_baby".into());
        h.people.push(Person::new("baby", Relationship::Child, 0));
        h.baby_due_month = Some(due);
        h.hsa_contribution = Some(usd(500_000));
        let c = compare(&hsa_catalog(), &h, &s).unwrap();
        option(&c, "shbp-2010-hdhp")
            .expected
            .as_ref()
            .unwrap()
            .hsa_contribution
    };
    assert_eq!(counted(12), usd(205_000));
    assert_eq!(counted(11), usd(500_000));
}

#[test]
fn plans_of_different_plan_years_are_said_to_be_dated_alike() {
    // The HRA's year moved to July 1, 2010: the care is dated from the OAP's January 1.
    let hra = edited("shbp-2010-hra", |v| {
        v["plan_year"] = serde_json::json!({ "start": "2010-07-01", "end": "2011-06-30" });
    });
    let mut catalog = costshare_catalog::builtin().unwrap();
    catalog.retain(|p| p.file.id != "shbp-2010-hra");
    catalog.extend(hra);
    let (h, s) = pat();
    let c = compare(&catalog, &h, &s).unwrap();
    assert!(c.notices.iter().any(|n| n == "Not every plan here has the same plan year: SHBP Health Reimbursement Arrangement (HRA) 2010 starts on another date than 2010-01-01. The year's care is dated from 2010-01-01 for every plan, so compare plans of one plan year."), "{:?}", c.notices);
    let c = compare(&costshare_catalog::builtin().unwrap(), &h, &s).unwrap();
    assert!(
        !c.notices
            .iter()
            .any(|n| n.starts_with("Not every plan here"))
    );
}

#[test]
fn a_baby_due_in_january_is_counted_all_year() {
    // Born in the plan year's first month: the family tier's premium all twelve months, said so,
    // with the pregnancy's care before January left out.
    let c = expecting(Some(1));
    assert_eq!(premium_of(&c, "shbp-2010-oap"), usd(540_000));
    assert!(!newborn_notice(&c));
    assert!(c.notices.iter().any(|n| n == "The baby is due in January, the plan year's first month: each premium is the one for the coverage with the baby all year. Care for the pregnancy before the plan year starts belongs to last year and is not counted here."), "{:?}", c.notices);
    // Due in February: one month before, in the singular.
    let c = expecting(Some(2));
    assert!(
        c.notices
            .iter()
            .any(|n| n.contains("for the 1 month before,")),
        "{:?}",
        c.notices
    );
    // Due in October: the whole pregnancy is this year's (the event's 224 days fit).
    let c = expecting(Some(10));
    assert!(c.notices.iter().any(
        |n| n.starts_with("The baby's premiums are counted from October")
            && !n.contains("last year")
    ));
}

#[test]
fn the_smaller_tier_uses_the_premium_entered_for_it() {
    // $100 per monthly paycheck entered for Employee + Spouse and $200 for the family tier,
    // baby due in December: 100 × 11 + 200 × 1 = $1,300.
    let (mut h, s) = expecting_household(Some(12), &[]);
    h.premiums = Entries::from([
        ("shbp-2010-oap:employee_spouse".to_string(), usd(10_000)),
        ("shbp-2010-oap:family".to_string(), usd(20_000)),
    ]);
    let c = compare(&costshare_catalog::builtin().unwrap(), &h, &s).unwrap();
    let oap = c.options.iter().find(|o| o.id == "shbp-2010-oap").unwrap();
    let f = &oap.expected.as_ref().unwrap().fixed;
    assert_eq!(f.premium, usd(130_000));
    assert!(!f.premium_is_example);
}

#[test]
fn a_baby_already_in_a_tier_with_children_changes_no_premium() {
    // A couple with a child of 4 and a baby due: Employee + Spouse + Child(ren) all year.
    let (h, s) = expecting_household(Some(6), &[("kim", 4)]);
    let c = compare(&costshare_catalog::builtin().unwrap(), &h, &s).unwrap();
    assert_eq!(premium_of(&c, "shbp-2010-oap"), usd(540_000));
    assert!(!newborn_notice(&c));
}

#[test]
fn a_due_month_places_the_delivery_and_leaves_last_years_prenatal_care_out() {
    // Due March 15 (day 73): the event starts 224 days before, on day -151. Of the 10 prenatal
    // lab orders every 21 days from its start, those on days 17 and 38 are this year's; of
    // the 3 ultrasounds (days -137, -53, 31), one.
    let (mut h, _) = pat();
    h.people.truncate(1);
    h.people[0].custom = Default::default();
    let mut sam = Person::new("sam", Relationship::Spouse, 30);
    sam.events.push("having_a_baby".into());
    h.people.push(sam);
    h.baby_due_month = Some(3);
    let data = costshare_decision::data::builtin().unwrap();
    let start = chrono::NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
    let due = costshare_decision::expected::due_day(start, 3);
    assert_eq!(due, Some(73));
    let lines =
        costshare_decision::expected::expected_lines(&h, data, &Pricing::default(), due).unwrap();
    let days = |k: CareKind| -> Vec<u16> {
        lines
            .iter()
            .filter(|l| l.kind == k)
            .map(|l| l.day)
            .collect()
    };
    assert_eq!(days(CareKind::DeliveryFacility), vec![73]);
    assert_eq!(days(CareKind::LabTest), vec![17, 38]);
    assert_eq!(days(CareKind::Xray), vec![31]);
    // A plan year from July 1: March is the next calendar year's, 257 days in.
    let july = chrono::NaiveDate::from_ymd_opt(2010, 7, 1).unwrap();
    assert_eq!(costshare_decision::expected::due_day(july, 3), Some(257));
}

#[test]
fn a_due_month_needs_a_baby_and_a_month() {
    let file = |extra: &str, month: u8| {
        format!(
            r#"{{"people":[{{"name":"a","relationship":"employee","age":30{extra}}}],"baby_due_month":{month}}}"#
        )
    };
    let e = costshare_decision::file::parse_household(&file("", 4)).unwrap_err();
    assert_eq!(
        e[0].to_string(),
        "baby_due_month: no one has the life event \"having_a_baby\""
    );
    let e = costshare_decision::file::parse_household(&file(r#","events":["having_a_baby"]"#, 13))
        .unwrap_err();
    assert_eq!(
        e[0].to_string(),
        "baby_due_month: must be a month from 1 (January) to 12 (December)"
    );
    assert!(
        costshare_decision::file::parse_household(&file(r#","events":["having_a_baby"]"#, 4))
            .is_ok()
    );
}
