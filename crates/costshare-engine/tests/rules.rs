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
    assert_eq!(plan.tier_for(false, false, false), Some(0));
    assert_eq!(plan.tier_for(true, false, false), Some(1));
    assert_eq!(plan.tier_for(true, true, false), Some(2));
    // No employee + children tier in this plan: the family tier covers them.
    assert_eq!(plan.tier_for(false, true, false), Some(2));
    assert_eq!(plan.tier_for(false, false, true), None);
}
