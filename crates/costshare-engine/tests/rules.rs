//! Hand-checked claims against an OAP-shaped plan built in code.

mod common;
use common::*;
use costshare_engine::*;

fn run(plan: &Plan, tier: usize, members: &[Member], claims: &[Claim]) -> Adjudication {
    adjudicate(
        plan,
        tier,
        members,
        claims,
        Options {
            explain: true,
            ..Options::default()
        },
    )
    .unwrap()
}

fn employee() -> Vec<Member> {
    vec![Member {
        id: "pat".into(),
        relationship: Relationship::Employee,
        age: 40,
    }]
}

#[test]
fn office_visit_is_copay_only() {
    let r = run(
        &oap_like(),
        0,
        &employee(),
        &[Claim::service(d(2, 1), 0, OFFICE, usd(120))],
    );
    let c = &r.claims[0];
    assert_eq!(
        (c.copay, c.plan_paid, c.member_paid),
        (usd(35), usd(85), usd(35))
    );
    assert_eq!(
        c.after.out_of_pocket[0],
        Money::ZERO,
        "copays do not count toward the maximum"
    );
}

#[test]
fn imaging_pays_deductible_then_coinsurance() {
    let r = run(
        &oap_like(),
        0,
        &employee(),
        &[Claim::service(d(2, 1), 0, IMAGING, usd(1000))],
    );
    let c = &r.claims[0];
    assert_eq!(
        (c.deductible, c.coinsurance, c.member_paid, c.plan_paid),
        (usd(600), usd(80), usd(680), usd(320))
    );
    assert_eq!(c.after.out_of_pocket[0], usd(680));
}

#[test]
fn out_of_network_inpatient_without_precertification() {
    // Seed-003 T7: MREC $10,000, billed $12,000, no PAC: $5,000 penalty, $250, $1,200
    // deductible, 40% of $3,550, $2,000 balance bill = $9,870.
    let mut claim = Claim::service(d(3, 1), 0, INPATIENT, usd(10_000));
    claim.network = Network::Out;
    claim.billed = usd(12_000);
    claim.new_admission = true;
    claim.precertified = false;
    let r = run(&oap_like(), 0, &employee(), &[claim]);
    let c = &r.claims[0];
    assert_eq!(c.penalty, usd(5000));
    assert_eq!(c.admission_deductible, usd(250));
    assert_eq!(c.deductible, usd(1200));
    assert_eq!(c.coinsurance, usd(1420));
    assert_eq!(c.balance_billed, usd(2000));
    assert_eq!(c.member_paid, usd(9870));
    assert_eq!(c.plan_paid, usd(2130));
    assert_eq!(c.after.out_of_pocket[1], usd(2870));
}

#[test]
fn embedded_family_deductible_stops_at_family_total() {
    // Seed-003 T8: four members with $700 each of deductible services.
    let members = family(2);
    let claims: Vec<Claim> = (0..4)
        .map(|m| Claim::service(d(1, 10 + m as u32), m, IMAGING, usd(700)))
        .collect();
    let r = run(&oap_like(), 2, &members, &claims);
    let paid: Vec<Money> = r.claims.iter().map(|c| c.member_paid).collect();
    assert_eq!(paid, vec![usd(620), usd(620), usd(620), usd(140)]);
    assert_eq!(r.family.member_paid, usd(2000));
    // The fourth pays no deductible of their own ($600 × 3 = $1,800 met the family's): said, so
    // that a line of coinsurance alone reads right (20% of $700 = $140).
    let text: Vec<String> = r.claims[3]
        .steps
        .iter()
        .map(|s| s.describe(&oap_like()))
        .collect();
    assert_eq!(
        text[0],
        "No deductible on this claim: your family's deductible is already met for the year."
    );
    assert!(
        text.iter()
            .any(|t| t == "You pay 20% coinsurance on $700.00: $140.00."),
        "{text:?}"
    );
    // The first three each meet their own $600; no such sentence there.
    assert!(
        !r.claims[0]
            .steps
            .iter()
            .any(|s| matches!(s, Step::DeductibleMet { .. }))
    );
}

#[test]
fn embedded_family_out_of_pocket_caps_second_spouse() {
    // Seed-003 T9: EE+Spouse; spouse A reaches $2,000, spouse B stops at $1,000 (family $3,000).
    let members = family(0);
    let claims = [
        Claim::service(d(1, 5), 0, IMAGING, usd(50_000)),
        Claim::service(d(2, 5), 1, IMAGING, usd(50_000)),
        Claim::service(d(3, 5), 1, IMAGING, usd(1_000)),
    ];
    let r = run(&oap_like(), 1, &members, &claims);
    assert_eq!(r.claims[0].member_paid, usd(2000));
    assert_eq!(r.claims[1].member_paid, usd(1000));
    assert_eq!(r.claims[2].member_paid, Money::ZERO);
    assert_eq!(r.claims[1].after.family_out_of_pocket[0], usd(3000));
}

#[test]
fn copays_continue_after_the_maximum_and_penalties_are_not_capped() {
    let claims = [
        Claim::service(d(1, 5), 0, IMAGING, usd(50_000)),
        Claim::service(d(2, 5), 0, OFFICE, usd(100)),
    ];
    let r = run(&oap_like(), 0, &employee(), &claims);
    assert_eq!(r.claims[1].copay, usd(35));
}

#[test]
fn er_copay_is_waived_when_admitted() {
    let mut c = Claim::service(d(1, 5), 0, ER, usd(1000));
    c.admitted = true;
    let r = run(&oap_like(), 0, &employee(), &[c]);
    assert_eq!(r.claims[0].copay, Money::ZERO);
    assert_eq!(r.claims[0].deductible, usd(600));
    let r = run(
        &oap_like(),
        0,
        &employee(),
        &[Claim::service(d(1, 5), 0, ER, usd(1000))],
    );
    // Seed-003 T3: $150 copay + $600 deductible + 20% of $250 = $800.
    assert_eq!(r.claims[0].member_paid, usd(800));
}

#[test]
fn visit_limit_then_not_covered() {
    let claims: Vec<Claim> = (0..21)
        .map(|i| Claim::service(d(1, 1) + chrono::Days::new(i), 0, CHIRO, usd(80)))
        .collect();
    let r = run(&oap_like(), 0, &employee(), &claims);
    // Seed-003 T11: $35 + 20% of $45 = $44.
    assert_eq!(r.claims[0].member_paid, usd(44));
    assert_eq!(r.claims[20].not_covered, usd(80));
    assert_eq!(r.claims[20].plan_paid, Money::ZERO);
}

#[test]
fn preventive_maximum_caps_plan_payments() {
    let claims = [
        Claim::service(d(1, 5), 0, PREVENTIVE, usd(900)),
        Claim::service(d(1, 6), 0, PREVENTIVE, usd(300)),
    ];
    let r = run(&oap_like(), 0, &employee(), &claims);
    assert_eq!(r.claims[0].plan_paid, usd(865));
    assert_eq!(r.claims[1].plan_paid, usd(135));
    assert_eq!(r.claims[1].not_covered, usd(130));
    assert_eq!(r.claims[1].member_paid, usd(165));
}

#[test]
fn brand_requested_pays_difference_up_to_brand_cost() {
    // Seed-003 T10 shape with a $15 copay: brand $300, generic $50.
    let fill = DrugFill {
        tier: 0,
        days_supply: 30,
        channel: Channel::Retail,
        generic_cost: Some(usd(50)),
        preventive: false,
        maintenance: None,
    };
    let mut c = Claim::service(d(1, 5), 0, 0, usd(300));
    c.kind = ClaimKind::Drug(fill);
    let r = run(&oap_like(), 0, &employee(), &[c]);
    assert_eq!(r.claims[0].not_covered, usd(250));
    assert_eq!(r.claims[0].copay, usd(15));
    assert_eq!(r.claims[0].member_paid, usd(265));
}

#[test]
fn hra_pays_first_dollars_and_counts_toward_deductible() {
    let r = run(
        &hra_aggregate(),
        0,
        &employee(),
        &[Claim::service(d(1, 5), 0, IMAGING, usd(1000))],
    );
    let c = &r.claims[0];
    assert_eq!(c.deductible, usd(600));
    assert_eq!(c.hra_paid, usd(500));
    assert_eq!(c.member_paid, usd(180));
    assert_eq!(c.after.hra_left, Money::ZERO);
    assert_eq!(c.after.deductible[0], usd(600));
}

#[test]
fn aggregate_deductible_waits_for_the_family_total() {
    let members = family(0);
    let claims = [
        Claim::service(d(1, 5), 0, IMAGING, usd(1000)),
        Claim::service(d(1, 6), 1, IMAGING, usd(1000)),
    ];
    let mut plan = hra_aggregate();
    plan.hra = None;
    let r = run(&plan, 1, &members, &claims);
    // Family deductible $1,200: the first member pays all $1,000 toward it.
    assert_eq!(r.claims[0].deductible, usd(1000));
    assert_eq!(r.claims[1].deductible, usd(200));
    assert_eq!(r.claims[1].coinsurance, usd(160));
}

#[test]
fn claims_apply_in_date_order_then_input_order() {
    let claims = [
        Claim::service(d(6, 1), 0, IMAGING, usd(1000)),
        Claim::service(d(1, 1), 0, IMAGING, usd(300)),
    ];
    let r = run(&oap_like(), 0, &employee(), &claims);
    assert_eq!(r.claims[0].input_index, 1);
    assert_eq!(r.claims[0].deductible, usd(300));
    assert_eq!(r.claims[1].deductible, usd(300));
}

#[test]
fn explanations_quote_the_numbers() {
    let r = run(
        &oap_like(),
        0,
        &employee(),
        &[Claim::service(d(2, 1), 0, IMAGING, usd(1000))],
    );
    let text: Vec<String> = r.claims[0]
        .steps
        .iter()
        .map(|s| s.describe(&oap_like()))
        .collect();
    assert!(
        text.iter()
            .any(|t| t.contains("$600.00 goes to your deductible, which is now met")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|t| t.contains("20% coinsurance on the remaining $400.00: $80.00")),
        "{text:?}"
    );
}

#[test]
fn the_out_of_network_deductible_is_named() {
    // $300 of out-of-network imaging goes to the $1,200 out-of-network deductible, then $200
    // in network to the separate $600 one: each sentence says which deductible it is.
    let mut out = Claim::service(d(2, 1), 0, IMAGING, usd(300));
    out.network = Network::Out;
    let inn = Claim::service(d(2, 2), 0, IMAGING, usd(200));
    let r = run(&oap_like(), 0, &employee(), &[out, inn]);
    let said = |k: usize| -> Vec<String> {
        r.claims[k]
            .steps
            .iter()
            .map(|s| s.describe(&oap_like()))
            .collect()
    };
    assert!(
        said(0).contains(
            &"$300.00 goes to your out-of-network deductible; $900.00 of it is left this year."
                .to_string()
        ),
        "{:?}",
        said(0)
    );
    assert!(
        said(1).contains(
            &"$200.00 goes to your deductible; $400.00 of it is left this year.".to_string()
        ),
        "{:?}",
        said(1)
    );
}

#[test]
fn a_capped_coinsurance_says_what_it_would_have_been() {
    // $20,000 of imaging: $600 deductible, then 20% of $19,400 = $3,880, but the $2,000
    // out-of-pocket maximum leaves $1,400 to pay, so the plan pays the other $2,480.
    let r = run(
        &oap_like(),
        0,
        &employee(),
        &[Claim::service(d(2, 1), 0, IMAGING, usd(20_000))],
    );
    assert_eq!(r.claims[0].coinsurance, usd(1400));
    let text: Vec<String> = r.claims[0]
        .steps
        .iter()
        .map(|s| s.describe(&oap_like()))
        .collect();
    assert!(
        text.iter().any(|t| t
            == "Your 20% coinsurance on the remaining $19,400.00 would be $3,880.00; your out-of-pocket maximum brings what you pay down to $1,400.00."),
        "{text:?}"
    );
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let plan = oap_like();
    let mut c = Claim::service(d(2, 1), 0, IMAGING, usd(100));
    c.allowed = usd(200);
    let e = adjudicate(&plan, 0, &employee(), &[c], Options::default()).unwrap_err();
    assert!(e.to_string().contains("more than the billed amount"), "{e}");
    let c = Claim::service(
        chrono::NaiveDate::from_ymd_opt(2011, 1, 1).unwrap(),
        0,
        IMAGING,
        usd(100),
    );
    assert!(
        adjudicate(&plan, 0, &employee(), &[c], Options::default())
            .unwrap_err()
            .to_string()
            .contains("outside the plan year")
    );
    let e = adjudicate(&plan, 0, &family(0), &[], Options::default()).unwrap_err();
    assert!(matches!(e, Error::TierDoesNotCover { .. }));
    assert!(adjudicate(&plan, 9, &employee(), &[], Options::default()).is_err());
    let c = Claim::service(d(2, 1), 3, IMAGING, usd(100));
    assert!(adjudicate(&plan, 0, &employee(), &[c], Options::default()).is_err());
}

#[test]
fn tier_follows_from_who_is_covered() {
    let plan = oap_like();
    assert_eq!(plan.tier_for(false, false, 0, false), Some(0));
    assert_eq!(plan.tier_for(true, false, 1, false), Some(1));
    assert_eq!(plan.tier_for(true, true, 2, false), Some(2));
    // No employee + children tier in this plan: the family tier covers them.
    assert_eq!(plan.tier_for(false, true, 1, false), Some(2));
    assert_eq!(plan.tier_for(false, false, 0, true), None);
}

#[test]
fn an_employee_plus_one_tier_takes_one_dependent_of_either_kind() {
    // Three tiers: Employee, Employee + One (a spouse or a child), Family.
    let mut plan = oap_like();
    plan.tiers[1].covers_children = true;
    plan.tiers[1].dependents_at_most = Some(1);
    assert_eq!(plan.tier_for(true, false, 1, false), Some(1));
    assert_eq!(plan.tier_for(false, true, 1, false), Some(1));
    // A spouse and a child, or two children: Family.
    assert_eq!(plan.tier_for(true, true, 2, false), Some(2));
    assert_eq!(plan.tier_for(false, true, 2, false), Some(2));
    // Adjudicating two dependents on it is an error naming the members.
    let member = |id: &str, relationship, age| Member {
        id: id.into(),
        relationship,
        age,
    };
    let members = vec![
        member("e", Relationship::Employee, 40),
        member("s", Relationship::Spouse, 38),
        member("c", Relationship::Child, 5),
    ];
    let e = adjudicate(&plan, 1, &members, &[], Options::default()).unwrap_err();
    assert_eq!(e.path(), "members");
    assert_eq!(
        e.message(),
        "household: employee_spouse covers the employee and at most 1 more (found 2)"
    );
}

#[test]
fn person_and_family_dollar_limits_are_charged_what_the_plan_pays() {
    // A $1,000 per-person and $1,500 family maximum on what the plan pays (dental style).
    let mut plan = oap_like();
    plan.limits.push(Limit {
        id: "family_max".into(),
        name: "annual family maximum".into(),
        unit: LimitUnit::PlanDollars,
        amount: 150_000,
        period: LimitPeriod::PlanYear,
        scope: LimitScope::Family,
    });
    plan.limits[1].amount = 100_000;
    plan.services[PREVENTIVE].limits = vec![1, 2];
    let members = family(1);
    let claims = [
        Claim::service(d(1, 5), 0, PREVENTIVE, usd(935)), // plan pays $900
        Claim::service(d(1, 6), 1, PREVENTIVE, usd(935)), // family has $600 left
        Claim::service(d(1, 7), 1, PREVENTIVE, usd(135)), // family maximum used up
    ];
    let r = run(&plan, 2, &members, &claims);
    assert_eq!(r.claims[0].plan_paid, usd(900));
    assert_eq!(r.claims[1].plan_paid, usd(600));
    assert_eq!(r.claims[1].not_covered, usd(300));
    assert_eq!(r.claims[2].plan_paid, Money::ZERO);
    // The spouse's own maximum was charged $600, not $900: with a bigger family maximum the
    // spouse could still receive $400 more.
    plan.limits[2].amount = 1_000_000;
    let r = run(&plan, 2, &members, &claims);
    assert_eq!(r.claims[1].plan_paid, usd(900));
    assert_eq!(r.claims[2].plan_paid, usd(100));
}

fn fill(days: u16) -> ClaimKind {
    ClaimKind::Drug(DrugFill {
        tier: 0,
        days_supply: days,
        channel: Channel::Retail,
        generic_cost: None,
        preventive: false,
        maintenance: None,
    })
}

fn drug_claim(date: chrono::NaiveDate, allowed: i64, days: u16) -> Claim {
    let mut c = Claim::service(date, 0, 0, usd(allowed));
    c.kind = fill(days);
    c
}

#[test]
fn drug_coinsurance_has_a_minimum_and_maximum_per_fill() {
    let mut plan = oap_like();
    let drugs = plan.drugs.as_mut().unwrap();
    drugs.tiers[0].shares = vec![DrugShare {
        channel: Channel::Retail,
        max_days: 30,
        copay: Money::ZERO,
        coinsurance: pct(25),
        minimum: usd(10),
        maximum: Some(usd(100)),
        network: None,
    }];
    let claims = [
        drug_claim(d(1, 5), 20, 30),
        drug_claim(d(2, 5), 200, 30),
        drug_claim(d(3, 5), 1000, 30),
        drug_claim(d(4, 5), 8, 30),
    ];
    let r = run(&plan, 0, &employee(), &claims);
    let paid: Vec<Money> = r.claims.iter().map(|c| c.member_paid).collect();
    // 25% of $20 is $5 -> minimum $10; 25% of $200 = $50; 25% of $1,000 = $250 -> maximum $100;
    // a $8 drug costs $8 at most.
    assert_eq!(paid, vec![usd(10), usd(50), usd(100), usd(8)]);
    // Each line says what set its coinsurance.
    let said = |i: usize| -> Vec<String> {
        r.claims[i]
            .steps
            .iter()
            .map(|s| s.describe(&plan))
            .collect()
    };
    assert!(said(0).contains(&"Your 25% coinsurance on $20.00 would be $5.00; the plan charges at least $10.00 a fill, so you pay $10.00.".to_string()), "{:?}", said(0));
    assert!(
        said(1).contains(&"You pay 25% coinsurance on $200.00: $50.00.".to_string()),
        "{:?}",
        said(1)
    );
    assert!(said(2).contains(&"Your 25% coinsurance on $1,000.00 would be $250.00; the plan charges at most $100.00 a fill, so you pay $100.00.".to_string()), "{:?}", said(2));
    assert!(said(3).contains(&"Your 25% coinsurance on $8.00 would be $2.00; the plan charges at least $10.00 a fill, but not more than the price left, so you pay $8.00.".to_string()), "{:?}", said(3));
    // A 90-day supply is not covered by a 30-day-only tier.
    let r = run(&plan, 0, &employee(), &[drug_claim(d(1, 5), 100, 90)]);
    assert_eq!(r.claims[0].not_covered, usd(100));
}

#[test]
fn separate_drug_deductible_and_out_of_pocket_maximum() {
    let mut plan = oap_like();
    let drugs = plan.drugs.as_mut().unwrap();
    drugs.deductible = DrugDeductible::Separate(Amounts {
        individual: usd(100),
        family: None,
    });
    drugs.out_of_pocket = DrugOutOfPocket::Separate(Amounts {
        individual: usd(300),
        family: None,
    });
    let claims: Vec<Claim> = (1..=12)
        .flat_map(|m| [drug_claim(d(m, 2), 150, 30), drug_claim(d(m, 16), 150, 30)])
        .collect();
    let r = run(&plan, 0, &employee(), &claims);
    // Month 1: $100 drug deductible + $15 copay; the medical deductible is untouched.
    assert_eq!(r.claims[0].deductible, usd(100));
    assert_eq!(r.claims[0].copay, usd(15));
    assert_eq!(r.claims[0].after.deductible[0], Money::ZERO);
    // $115 + 23 × $15 = $460 would pass the $300 drug maximum: the member stops at $300.
    assert_eq!(r.family.member_paid, usd(300));
    assert_eq!(r.claims[23].member_paid, Money::ZERO);
}

#[test]
fn drugs_through_the_medical_deductible_and_preventive_exemption() {
    let mut plan = hra_aggregate();
    plan.hra = None;
    let r = run(
        &plan,
        0,
        &employee(),
        &[
            drug_claim(d(1, 5), 200, 30),
            Claim::service(d(2, 1), 0, IMAGING, usd(1000)),
        ],
    );
    assert_eq!(
        r.claims[0].deductible,
        usd(200),
        "the drug goes through the medical deductible"
    );
    assert_eq!(
        r.claims[1].deductible,
        usd(400),
        "which the next medical claim finishes"
    );
    plan.drugs.as_mut().unwrap().preventive_skips_deductible = true;
    let mut c = drug_claim(d(1, 5), 200, 30);
    c.kind = ClaimKind::Drug(DrugFill {
        tier: 0,
        days_supply: 30,
        channel: Channel::Retail,
        generic_cost: None,
        preventive: true,
        maintenance: None,
    });
    let r = run(&plan, 0, &employee(), &[c]);
    assert_eq!(
        (r.claims[0].deductible, r.claims[0].copay),
        (Money::ZERO, usd(15))
    );
}

#[test]
fn copays_are_per_visit_on_multi_visit_lines() {
    let mut c = Claim::service(d(2, 1), 0, OFFICE, usd(300));
    c.units = 3;
    let r = run(&oap_like(), 0, &employee(), &[c]);
    assert_eq!(r.claims[0].copay, usd(105));
}

/// Why the monotonicity invariant excludes rolling windows: the plan's rule itself lets an
/// earlier visit move the window so that a costlier later visit is covered instead.
#[test]
fn a_rolling_window_can_make_an_extra_visit_lower_the_total() {
    let mut plan = oap_like();
    plan.limits[0].amount = 1;
    plan.limits[0].period = LimitPeriod::Months(6);
    let chiro = |m: u32, day: u32, dollars: i64| Claim::service(d(m, day), 0, CHIRO, usd(dollars));
    // Mar 1 is covered; Aug 15 is within 6 months of it, so it is not.
    let before = run(&plan, 0, &employee(), &[chiro(3, 1, 50), chiro(8, 15, 500)]);
    assert_eq!(before.claims[1].not_covered, usd(500));
    // A Feb 1 visit is covered; Mar 1 is now too soon, and Aug 15 is more than 6 months after
    // the last covered visit (Feb 1), so it is covered.
    let after = run(
        &plan,
        0,
        &employee(),
        &[chiro(2, 1, 50), chiro(3, 1, 50), chiro(8, 15, 500)],
    );
    assert_eq!(after.claims[1].not_covered, usd(50));
    assert_eq!(after.claims[2].not_covered, Money::ZERO);
    assert!(after.family.member_paid < before.family.member_paid);
}

/// Drugs through the medical deductible count that part toward the maximum the way the plan
/// counts its deductible, so moving deductible dollars between a drug and a visit changes
/// nothing about what counts.
#[test]
fn a_drug_deductible_counts_like_the_medical_deductible() {
    let mut plan = hra_aggregate();
    plan.hra = None;
    plan.out_of_pocket_counts.deductible = false;
    let drugs = plan.drugs.as_mut().unwrap();
    drugs.deductible = DrugDeductible::Medical;
    drugs.out_of_pocket = DrugOutOfPocket::Medical;
    drugs.tiers[0].shares[0].copay = Money::ZERO;
    drugs.tiers[0].shares[0].coinsurance = pct(20);
    let r = run(&plan, 0, &employee(), &[drug_claim(d(2, 1), 700, 30)]);
    let c = &r.claims[0];
    // $600 deductible (does not count) and 20% of $100 (counts).
    assert_eq!((c.deductible, c.coinsurance), (usd(600), usd(20)));
    assert_eq!(c.after.out_of_pocket[0], usd(20));
}
