//! Invariants of the engine, checked on random households and claim lists, under two
//! hand-built plans and under random valid plans (`common::random`). Seeds are fixed.

mod common;
use common::random::{Features, arb_case as arb_random_case, arb_claim_for};
use common::*;
use costshare_engine::*;
use proptest::prelude::*;

fn arb_claim(members: usize, services: usize) -> impl Strategy<Value = Claim> {
    (
        0..members,
        0..=services, // `services` means a drug fill
        any::<bool>(),
        0i64..2_000_000,
        0i64..500_000,
        1u32..4,
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
        1u32..=365,
        prop_oneof![Just(None), (0i64..200_000).prop_map(Some)],
    )
        .prop_map(
            move |(
                member,
                s,
                out,
                allowed,
                extra,
                units,
                (admitted, new_admission, transfer, precert),
                day,
                generic,
            )| {
                let date = d(1, 1) + chrono::Days::new(u64::from(day - 1));
                let kind = if s == services {
                    ClaimKind::Drug(DrugFill {
                        tier: 0,
                        days_supply: if units == 1 { 30 } else { 90 },
                        channel: Channel::Retail,
                        generic_cost: generic.map(Money::from_cents),
                        preventive: admitted,
                        maintenance: None,
                    })
                } else {
                    ClaimKind::Service(s)
                };
                let network = if out { Network::Out } else { Network::In };
                Claim {
                    date,
                    member,
                    kind,
                    network,
                    billed: Money::from_cents(allowed + extra),
                    allowed: Money::from_cents(allowed),
                    units,
                    admitted,
                    new_admission,
                    transferred_from_acute: transfer,
                    precertified: precert,
                    alternate_allowed: None,
                }
            },
        )
}

fn arb_built_case() -> impl Strategy<Value = (Plan, usize, Vec<Member>, Vec<Claim>)> {
    (any::<bool>(), 0usize..3, 0usize..4).prop_flat_map(|(hra, tier, kids)| {
        let plan = if hra { hra_aggregate() } else { oap_like() };
        let members = match tier {
            0 => family(0)[..1].to_vec(),
            1 => family(0),
            _ => family(kids),
        };
        let n = members.len();
        let services = plan.services.len();
        (
            Just(plan),
            Just(tier),
            Just(members),
            prop::collection::vec(arb_claim(n, services), 0..40),
        )
    })
}

/// A hand-built plan (one time in four) or a random valid plan with the given designs.
fn arb_case(features: Features) -> impl Strategy<Value = (Plan, usize, Vec<Member>, Vec<Claim>)> {
    prop_oneof![1 => arb_built_case(), 3 => arb_random_case(features, 24)]
}

/// A case plus one more claim for it: a copy of one of its claims (where the edges are) or a
/// new one.
fn arb_case_and_claim(
    features: Features,
) -> impl Strategy<Value = ((Plan, usize, Vec<Member>, Vec<Claim>), Claim)> {
    arb_case(features).prop_flat_map(|case| {
        let fresh = arb_claim_for(&case.0, case.2.len()).boxed();
        let n = case.3.len();
        let copy = if n == 0 {
            arb_claim_for(&case.0, case.2.len()).boxed()
        } else {
            let claims = case.3.clone();
            (0..n).prop_map(move |i| claims[i]).boxed()
        };
        (Just(case), prop_oneof![copy, fresh])
    })
}

fn run(plan: &Plan, tier: usize, members: &[Member], claims: &[Claim]) -> Adjudication {
    adjudicate(plan, tier, members, claims, Options::default()).expect("valid input")
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x00c0_57a2),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn parts_add_up_to_the_charge((plan, tier, members, claims) in arb_case(Features::ALL)) {
        let r = run(&plan, tier, &members, &claims);
        for c in &r.claims {
            prop_assert_eq!(c.billed, c.network_discount + c.balance_billed + c.allowed);
            prop_assert_eq!(c.allowed, c.not_covered + c.penalty + c.copay + c.admission_deductible + c.deductible + c.coinsurance + c.plan_paid);
            prop_assert_eq!(c.member_share(), c.hra_paid + c.member_paid);
            for part in [c.network_discount, c.balance_billed, c.not_covered, c.penalty, c.copay, c.admission_deductible, c.deductible, c.coinsurance, c.plan_paid, c.hra_paid, c.member_paid] {
                prop_assert!(part.cents() >= 0, "negative part in {:?}", c);
            }
        }
    }

    #[test]
    fn nobody_passes_their_out_of_pocket_maximum((plan, tier, members, claims) in arb_case(Features::ALL)) {
        let r = run(&plan, tier, &members, &claims);
        let t = &plan.tiers[tier];
        // A network's total also holds the other network's spending where the plan counts it
        // there, which that network's own limit caps. Counted both ways, the networks share one
        // total that can reach the larger limit; one way, the receiving total holds its own
        // network's spending (up to its limit) plus the other's (up to the other limit).
        let limit = |n: usize, f: fn(&Amounts) -> Money| -> Option<Money> {
            let other = 1 - n;
            let networks = [Network::In, Network::Out];
            let own = t.out_of_pocket[n].as_ref().map(f);
            let credits = &plan.out_of_pocket_networks;
            if !credits.counts(networks[other], networks[n]) {
                return own;
            }
            // A network without a maximum lets the total grow without bound.
            let theirs = t.out_of_pocket[other].as_ref().map(f)?;
            if credits.counts(networks[n], networks[other]) {
                Some(own?.max(theirs))
            } else {
                Some(Money::from_cents(own?.cents().saturating_add(theirs.cents())))
            }
        };
        let family_limit: fn(&Amounts) -> Money = if plan.out_of_pocket_rule == FamilyRule::Aggregate {
            |a| a.family.unwrap_or(a.individual)
        } else {
            // Embedded without a family amount: only each person's own maximum.
            |a| a.family.unwrap_or(Money::from_cents(i64::MAX))
        };
        for c in &r.claims {
            for n in 0..2 {
                if let Some(max) = limit(n, family_limit) {
                    prop_assert!(c.after.family_out_of_pocket[n] <= max);
                }
                if plan.out_of_pocket_rule == FamilyRule::Embedded
                    && let Some(max) = limit(n, |a| a.individual) {
                        prop_assert!(c.after.out_of_pocket[n] <= max);
                    }
            }
        }
    }

    /// The coinsurance maximum (a second limit, format version 2): with networks counted apart,
    /// nobody's coinsurance (and deductible, where it counts) in a network passes it.
    #[test]
    fn nobody_passes_their_coinsurance_maximum((plan, tier, members, claims) in arb_case(Features::ALL)) {
        prop_assume!(plan.out_of_pocket_networks == Crediting::SEPARATE);
        let r = run(&plan, tier, &members, &claims);
        let t = &plan.tiers[tier];
        let mut person = vec![[0i64; 2]; members.len()];
        let mut family = [0i64; 2];
        for c in &r.claims {
            let claim = &claims[c.input_index];
            if matches!(claim.kind, ClaimKind::Drug(_)) {
                continue;
            }
            let n = claim.network.index();
            let part = c.coinsurance.cents()
                + if plan.coinsurance_maximum_counts_deductible { c.deductible.cents() } else { 0 };
            person[claim.member][n] += part;
            family[n] += part;
        }
        for n in 0..2 {
            let Some(max) = t.coinsurance_maximum[n] else { continue };
            match plan.out_of_pocket_rule {
                FamilyRule::Embedded => {
                    for p in &person {
                        prop_assert!(p[n] <= max.individual.cents());
                    }
                    if let Some(f) = max.family {
                        prop_assert!(family[n] <= f.cents());
                    }
                }
                FamilyRule::Aggregate => {
                    prop_assert!(family[n] <= max.family.unwrap_or(max.individual).cents());
                }
            }
        }
    }

    /// The invariant as ARCHITECTURE.md states it: under the designs in `Features::MONOTONE`,
    /// adding a claim anywhere never lowers what the member is responsible for.
    #[test]
    fn adding_a_claim_never_lowers_what_the_member_pays(
        ((plan, tier, members, claims), extra) in arb_case_and_claim(Features::MONOTONE),
        position in 0usize..40,
    ) {
        let before = run(&plan, tier, &members, &claims);
        let mut more = claims.clone();
        more.insert(position.min(more.len()), extra);
        let after = run(&plan, tier, &members, &more);
        let share = |a: &Adjudication| a.family.member_paid + a.family.hra_paid;
        prop_assert!(share(&after) >= share(&before),
            "member's share {} before and {} after adding {:?}", share(&before), share(&after), extra);
        if plan.hra.is_none() {
            prop_assert!(after.family.member_paid >= before.family.member_paid);
        }
    }

    /// Under every design: a claim dated on or after all the others changes nothing before it,
    /// so the member never pays less.
    #[test]
    fn a_later_claim_changes_nothing_before_it(
        ((plan, tier, members, claims), mut extra) in arb_case_and_claim(Features::ALL),
    ) {
        let before = run(&plan, tier, &members, &claims);
        if let Some(last) = claims.iter().map(|c| c.date).max() {
            extra.date = extra.date.max(last);
        }
        let mut more = claims.clone();
        more.push(extra);
        let after = run(&plan, tier, &members, &more);
        prop_assert_eq!(&after.claims[..claims.len()], &before.claims[..]);
        prop_assert!(after.family.member_paid >= before.family.member_paid);
        prop_assert!(after.family.member_paid + after.family.hra_paid >= before.family.member_paid + before.family.hra_paid);
    }

    #[test]
    fn accumulators_never_decrease((plan, tier, members, claims) in arb_case(Features::ALL)) {
        let r = run(&plan, tier, &members, &claims);
        let mut last: Vec<Option<Snapshot>> = vec![None; members.len()];
        let mut family_last = Snapshot::default();
        for c in &r.claims {
            let m = claims[c.input_index].member;
            if let Some(prev) = last[m] {
                for n in 0..2 {
                    prop_assert!(c.after.deductible[n] >= prev.deductible[n]);
                    prop_assert!(c.after.out_of_pocket[n] >= prev.out_of_pocket[n]);
                }
            }
            for n in 0..2 {
                prop_assert!(c.after.family_deductible[n] >= family_last.family_deductible[n]);
                prop_assert!(c.after.family_out_of_pocket[n] >= family_last.family_out_of_pocket[n]);
            }
            prop_assert!(c.after.hra_left <= family_last.hra_left || family_last == Snapshot::default());
            last[m] = Some(c.after);
            family_last = c.after;
        }
    }

    #[test]
    fn never_panics_on_any_claim(
        (plan, tier, members, _claims) in arb_case(Features::ALL),
        member in 0usize..8, service in 0usize..10, billed in any::<i64>(), allowed in any::<i64>(), units in any::<u32>(),
        year in 2000i32..2020, tier_pick in 0usize..5,
    ) {
        let mut c = Claim::service(chrono::NaiveDate::from_ymd_opt(year, 6, 1).unwrap(), member, service, Money::from_cents(allowed));
        c.billed = Money::from_cents(billed);
        c.units = units;
        let _ = adjudicate(&plan, tier_pick, &members, &[c], Options { explain: true, ..Options::default() });
        let _ = tier;
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 200,
        rng_seed: proptest::test_runner::RngSeed::Fixed(0x0707_4a15),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn totals_only_runs_match_full_runs((plan, tier, members, claims) in arb_case(Features::ALL), (_, _, _, more) in arb_case(Features::ALL)) {
        let mut workspace = Workspace::default();
        // Reuse the same workspace for two different years: nothing leaks from one to the next.
        let _ = adjudicate_totals(&plan, tier, &members, &more, Options::default(), &mut workspace);
        let full = run(&plan, tier, &members, &claims);
        let (totals, hra_left) = adjudicate_totals(&plan, tier, &members, &claims, Options::default(), &mut workspace).unwrap();
        prop_assert_eq!(totals, full.family);
        prop_assert_eq!(hra_left, full.hra_left);
    }
}
