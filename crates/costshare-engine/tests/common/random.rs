//! Random valid plans, households and claims for the property tests.
//!
//! Amounts are whole multiples of $50 (and rates of 5%) so that deductibles, maximums, copays
//! and limits often meet exactly, where the interesting edges are. A plan is valid in the sense
//! `costshare-plan` checks: family amounts at least the individual ones, an out-of-pocket maximum
//! at least the deductible, rates at most 100%.

use super::{d, usd};
use costshare_engine::*;
use proptest::prelude::*;

/// What the generated plan may contain; see [`arb_plan`].
#[derive(Clone, Copy, Debug)]
pub struct Features {
    /// Rolling-window limits ("one every 6 months").
    pub rolling_limits: bool,
    /// Networks whose spending counts toward each other's deductible or maximum (`Crediting`).
    pub shared_networks: bool,
    /// Drugs through the medical deductible but toward their own out-of-pocket maximum.
    pub medical_deductible_separate_drug_max: bool,
    /// Copays that do not count and stop at the out-of-pocket maximum.
    pub copays_stop_at_max: bool,
    /// Per-day copays that differ by day of the admission ("days 1 to 5").
    pub per_day_copay_days: bool,
    /// Day limits per admission.
    pub admission_limits: bool,
    /// A yearly cap on per-day copays.
    pub per_day_copay_year_cap: bool,
    /// Copays that go down after a number of visits.
    pub lower_copay_after_visits: bool,
    /// Medicare-style benefit periods.
    pub benefit_periods: bool,
}

impl Features {
    /// Every plan design the engine supports.
    pub const ALL: Features = Features {
        rolling_limits: true,
        shared_networks: true,
        medical_deductible_separate_drug_max: true,
        copays_stop_at_max: true,
        per_day_copay_days: true,
        admission_limits: true,
        per_day_copay_year_cap: true,
        lower_copay_after_visits: true,
        benefit_periods: true,
    };
    /// The designs under which adding a claim never lowers what the member pays (ARCHITECTURE.md).
    pub const MONOTONE: Features = Features {
        rolling_limits: false,
        shared_networks: false,
        medical_deductible_separate_drug_max: false,
        copays_stop_at_max: false,
        per_day_copay_days: false,
        admission_limits: false,
        per_day_copay_year_cap: false,
        lower_copay_after_visits: false,
        benefit_periods: false,
    };
}

fn dollars(max_steps: i64) -> impl Strategy<Value = Money> {
    (0..=max_steps).prop_map(|n| usd(50 * n))
}

fn rate() -> impl Strategy<Value = Rate> {
    prop_oneof![
        Just(Rate::ZERO),
        (0u32..=10).prop_map(|n| Rate::from_percent(n * 5).unwrap())
    ]
}

fn family_of(individual: Money) -> impl Strategy<Value = Option<Money>> {
    prop_oneof![
        Just(None),
        (2i64..=3).prop_map(move |k| Some(Money::from_cents(individual.cents() * k))),
        Just(Some(individual))
    ]
}

/// A tier's deductible and out-of-pocket maximum for one network.
fn arb_network_amounts() -> impl Strategy<Value = (Option<Amounts>, Option<Amounts>)> {
    (
        prop::option::weighted(0.8, dollars(30)),
        prop::option::weighted(0.8, dollars(60)),
    )
        .prop_flat_map(|(ded, extra)| {
            let ded_f = ded.map_or_else(|| Just(None).boxed(), |d| family_of(d).boxed());
            let oop = extra.map(|e| usd(50) + e + ded.unwrap_or_default());
            let oop_f = oop.map_or_else(|| Just(None).boxed(), |o| family_of(o).boxed());
            (Just(ded), ded_f, Just(oop), oop_f)
        })
        .prop_map(|(ded, ded_f, oop, oop_f)| {
            let ded = ded.map(|individual| Amounts {
                individual,
                family: ded_f,
            });
            // A family maximum is never below the family deductible.
            let oop = oop.map(|individual| Amounts {
                individual,
                family: oop_f.map(|f| f.max(ded.and_then(|d| d.family).unwrap_or_default())),
            });
            (ded, oop)
        })
}

fn arb_tier() -> impl Strategy<Value = Tier> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        arb_network_amounts(),
        arb_network_amounts(),
        (
            dollars(40),
            prop_oneof![2 => Just(Money::ZERO), 1 => dollars(10)],
            // "Employee + One" and the like (format version 2).
            prop::option::weighted(0.25, 1u16..=3),
        ),
        // A coinsurance maximum (format version 2), at most the out-of-pocket maximum.
        [
            prop::option::weighted(0.25, dollars(30)),
            prop::option::weighted(0.25, dollars(30)),
        ],
    )
        .prop_map(
            |(spouse, children, retiree, inn, out, (hra, hra_first, dependents), coins)| {
                let oop = [inn.1, out.1];
                let coinsurance_maximum = [0, 1].map(|n| {
                    coins[n].map(|c| {
                        let individual = oop[n].map_or(c, |o| c.min(o.individual));
                        Amounts {
                            individual,
                            family: oop[n].and_then(|o| o.family).map(|f| {
                                Money::from_cents((individual.cents() * 2).min(f.cents()))
                                    .max(individual)
                            }),
                        }
                    })
                });
                Tier {
                    id: "tier".into(),
                    name: "tier".into(),
                    covers_spouse: spouse,
                    covers_children: children,
                    dependents_at_most: dependents.filter(|_| spouse || children),
                    retiree,
                    deductible: [inn.0, out.0],
                    out_of_pocket: oop,
                    coinsurance_maximum,
                    hra_credit: hra,
                    hra_member_first: hra_first,
                }
            },
        )
}

/// Inpatient copays (format version 2): a per-day copay with its caps, and a per-admission copay.
/// Without `per_day_copay_days` every day has the same copay; with it, "days 1 to N" and a
/// second range of days ("$0 days 1-20, $160 days 21-100").
fn arb_inpatient(features: Features) -> impl Strategy<Value = (Option<PerDayCopay>, Money)> {
    let ranges = if features.per_day_copay_days {
        2usize
    } else {
        0
    };
    (
        prop::option::weighted(
            0.25,
            (
                (1i64..=4).prop_map(|n| usd(50 * n)),
                0..=ranges,
                (1u16..=5, 0u16..=3, any::<bool>(), 0i64..=4),
                prop::option::weighted(0.5, 1i64..=6),
                (
                    prop::bool::weighted(if features.per_day_copay_year_cap {
                        0.5
                    } else {
                        0.0
                    }),
                    1i64..=4,
                )
                    .prop_map(|(on, n)| on.then_some(n)),
            ),
        ),
        prop_oneof![3 => Just(Money::ZERO), 1 => dollars(6)],
    )
        .prop_map(|(per_day, admission)| {
            let per_day = per_day.map(
                |(amount, shape, (to, gap, open_end, second), per_admission, per_year)| {
                    let days = match shape {
                        0 => vec![DayRange {
                            from_day: 1,
                            to_day: None,
                            amount,
                        }],
                        1 => vec![DayRange {
                            from_day: 1,
                            to_day: Some(to),
                            amount,
                        }],
                        _ => vec![
                            DayRange {
                                from_day: 1,
                                to_day: Some(to),
                                amount,
                            },
                            DayRange {
                                from_day: to + 1 + gap,
                                to_day: (!open_end).then_some(to + 1 + gap + 3),
                                amount: usd(50 * second),
                            },
                        ],
                    };
                    let per_admission =
                        per_admission.map(|k| Money::from_cents(amount.cents() * k));
                    PerDayCopay {
                        days,
                        maximum_per_admission: per_admission,
                        maximum_per_year: per_year.map(|k| {
                            Money::from_cents(per_admission.unwrap_or(amount).cents() * k)
                        }),
                    }
                },
            );
            (per_day, admission)
        })
}

fn arb_cost_share(features: Features) -> impl Strategy<Value = CostShare> {
    (
        prop_oneof![2 => Just(Money::ZERO), 1 => dollars(4)],
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop_oneof![3 => Just(Money::ZERO), 1 => dollars(6)],
        any::<bool>(),
        any::<bool>(),
        rate(),
        (
            prop::option::weighted(0.15, dollars(6)),
            arb_inpatient(features),
            prop::option::weighted(0.2, (1u32..=3, dollars(4), any::<bool>())),
        ),
    )
        .prop_map(
            move |(
                copay,
                after,
                waived,
                counts,
                admission,
                transfer,
                deductible,
                coinsurance,
                (allowance, (per_day_copay, admission_copay), after_visits),
            )| {
                // A per-visit copay is never combined with inpatient copays (as validated).
                let inpatient = per_day_copay.is_some() || !admission_copay.is_zero();
                CostShare {
                    copay: if inpatient { Money::ZERO } else { copay },
                    copay_timing: if after {
                        CopayTiming::AfterDeductible
                    } else {
                        CopayTiming::BeforeDeductible
                    },
                    copay_waived_if_admitted: waived,
                    copay_counts_toward_oop: counts,
                    admission_deductible: admission,
                    admission_waived_on_transfer: transfer,
                    deductible_applies: deductible,
                    coinsurance,
                    allowance,
                    per_day_copay,
                    admission_copay,
                    // Without `lower_copay_after_visits`, later visits never cost less.
                    alternate_benefit: after || waived,
                    discount_above_allowance: if transfer { coinsurance } else { Rate::ZERO },
                    copay_after_visits: after_visits.filter(|_| !inpatient).map(
                        |(visits, later, family)| CopayAfterVisits {
                            visits,
                            copay: if features.lower_copay_after_visits {
                                later
                            } else {
                                later.max(copay)
                            },
                            family,
                        },
                    ),
                }
            },
        )
}

fn arb_benefit(features: Features) -> impl Strategy<Value = Benefit> {
    prop_oneof![
        1 => Just(Benefit::NotCovered { reason: "not covered".into() }),
        5 => arb_cost_share(features).prop_map(Benefit::Covered),
    ]
}

fn arb_limit(rolling: bool, admission: bool) -> impl Strategy<Value = Limit> {
    let period = if rolling {
        prop_oneof![
            Just(LimitPeriod::PlanYear),
            Just(LimitPeriod::Lifetime),
            (1u16..=24).prop_map(LimitPeriod::Months)
        ]
        .boxed()
    } else {
        prop_oneof![Just(LimitPeriod::PlanYear), Just(LimitPeriod::Lifetime)].boxed()
    };
    (
        0usize..3,
        1i64..=4,
        period,
        any::<bool>(),
        prop::bool::weighted(if admission { 0.3 } else { 0.0 }),
    )
        .prop_map(|(unit, n, period, family, per_admission)| {
            let (unit, amount) = match unit {
                0 => (LimitUnit::Visits, n),
                1 => (LimitUnit::Days, n * 2),
                _ => (LimitUnit::PlanDollars, usd(250 * n).cents()),
            };
            // "Days per admission" limits (format version 2): days, each person.
            if per_admission {
                return Limit {
                    id: "limit".into(),
                    name: "a limit per admission".into(),
                    unit: LimitUnit::Days,
                    amount: n * 2,
                    period: LimitPeriod::Admission,
                    scope: LimitScope::Person,
                };
            }
            Limit {
                id: "limit".into(),
                name: "a limit".into(),
                unit,
                amount,
                period,
                scope: if family {
                    LimitScope::Family
                } else {
                    LimitScope::Person
                },
            }
        })
}

fn arb_service(features: Features) -> impl Strategy<Value = Service> {
    (
        arb_benefit(features),
        arb_benefit(features),
        prop::collection::vec(0usize..3, 0..=2),
        any::<bool>(),
        prop::option::weighted(0.1, 0u8..=30),
        prop::option::weighted(0.1, 10u8..=70),
    )
        .prop_map(|(inn, out, mut limits, precert, min_age, max_age)| {
            limits.sort_unstable();
            limits.dedup();
            Service {
                id: "service".into(),
                name: "a service".into(),
                benefit: [inn, out],
                limits,
                requires_precertification: precert,
                min_age,
                max_age: max_age.map(|m| m.max(min_age.unwrap_or(0))),
            }
        })
}

fn arb_drug_share(channel: Channel, max_days: u16) -> impl Strategy<Value = DrugShare> {
    (
        dollars(2),
        rate(),
        dollars(1),
        prop::option::weighted(0.5, dollars(4)),
    )
        .prop_map(move |(copay, coinsurance, minimum, maximum)| DrugShare {
            channel,
            max_days,
            copay,
            coinsurance,
            minimum,
            maximum: maximum.map(|m| m.max(minimum)),
            network: None,
        })
}

fn arb_drug_amounts() -> impl Strategy<Value = Amounts> {
    dollars(20).prop_flat_map(|individual| {
        family_of(individual).prop_map(move |family| Amounts { individual, family })
    })
}

fn arb_drugs() -> impl Strategy<Value = DrugBenefit> {
    (
        prop::collection::vec(
            (
                arb_drug_share(Channel::Retail, 30),
                arb_drug_share(Channel::Retail, 90),
                arb_drug_share(Channel::Mail, 90),
                prop::bool::weighted(0.8),
                // A row for non-participating pharmacies only, without a minimum or maximum.
                prop::option::weighted(0.3, arb_drug_share(Channel::Retail, 30)),
            ),
            1..=2,
        ),
        prop_oneof![
            Just(DrugDeductible::None),
            Just(DrugDeductible::Medical),
            arb_drug_amounts().prop_map(DrugDeductible::Separate)
        ],
        prop_oneof![
            Just(DrugOutOfPocket::NotCounted),
            Just(DrugOutOfPocket::Medical),
            arb_drug_amounts().prop_map(DrugOutOfPocket::Separate)
        ],
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop::option::weighted(
            0.3,
            (
                0u16..=3,
                prop::option::of(rate()).prop_map(|r| match r {
                    Some(extra) if extra != Rate::ZERO => MaintenanceAfter::ExtraCoinsurance(extra),
                    _ => MaintenanceAfter::NotCovered,
                }),
            )
                .prop_map(|(retail_fills, after)| MaintenanceRule {
                    retail_fills,
                    short_supply_days: 30,
                    after,
                }),
        ),
    )
        .prop_map(
            |(
                tiers,
                deductible,
                out_of_pocket,
                brand,
                brand_base,
                preventive,
                out,
                maintenance,
            )| DrugBenefit {
                tiers: tiers
                    .into_iter()
                    .map(|(a, b, c, deductible_applies, out)| {
                        let mut shares = vec![a, b, c];
                        if let Some(out) = out {
                            shares.insert(
                                0,
                                DrugShare {
                                    network: Some(Network::Out),
                                    minimum: Money::ZERO,
                                    maximum: None,
                                    ..out
                                },
                            );
                        }
                        DrugTier {
                            id: "drug-tier".into(),
                            name: "a drug tier".into(),
                            shares,
                            deductible_applies,
                        }
                    })
                    .collect(),
                deductible,
                out_of_pocket,
                brand_penalty: brand,
                brand_coinsurance_base: if brand_base {
                    BrandCoinsuranceBase::Brand
                } else {
                    BrandCoinsuranceBase::Generic
                },
                preventive_skips_deductible: preventive,
                out_of_network_covered: out,
                maintenance,
            },
        )
}

/// A random valid medical plan with one to three tiers, up to six services and three limits.
pub fn arb_plan(features: Features) -> impl Strategy<Value = Plan> + use<> {
    (
        prop::collection::vec(arb_tier(), 1..=3),
        (any::<bool>(), any::<bool>(), 0u8..16),
        (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()),
        any::<bool>(),
        prop::option::weighted(0.2, dollars(200)),
        (rate(), any::<bool>()),
        prop::collection::vec(arb_service(features), 1..=6),
        prop::collection::vec(
            arb_limit(features.rolling_limits, features.admission_limits),
            0..=3,
        ),
        (
            prop::option::weighted(0.6, arb_drugs()),
            prop::bool::weighted(if features.benefit_periods { 0.3 } else { 0.0 }),
            1u16..=90,
        ),
        prop::option::weighted(
            0.3,
            (
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
                any::<bool>(),
                // The HRA's share: all of it, or a split (format version 2).
                prop_oneof![2 => Just(Rate::FULL), 1 => (1u32..=19).prop_map(|n| Rate::from_percent(n * 5).unwrap())],
            ),
        ),
    )
        .prop_map(
            move |(
                tiers,
                (ded_aggregate, oop_aggregate, crediting),
                (c_ded, c_adm, c_coins, c_copays),
                copays_after,
                lifetime,
                (penalty, penalty_in_network),
                mut services,
                limits,
                (drugs, benefit_period, days_out),
                hra,
            )| {
                for s in &mut services {
                    s.limits.retain(|&l| l < limits.len());
                }
                let mut drugs: Option<DrugBenefit> = drugs;
                if let Some(d) = drugs.as_mut()
                    && !features.medical_deductible_separate_drug_max
                    && d.deductible == DrugDeductible::Medical
                    && matches!(d.out_of_pocket, DrugOutOfPocket::Separate(_))
                {
                    d.out_of_pocket = DrugOutOfPocket::Medical;
                }
                let rule = |aggregate| {
                    if aggregate {
                        FamilyRule::Aggregate
                    } else {
                        FamilyRule::Embedded
                    }
                };
                Plan {
                    id: "random".into(),
                    name: "a random plan".into(),
                    kind: PlanKind::Medical,
                    year_start: d(1, 1),
                    year_end: d(12, 31),
                    tiers,
                    deductible_rule: rule(ded_aggregate),
                    out_of_pocket_rule: rule(oop_aggregate),
                    // Separate, shared (both ways) or one way, independently for the deductible
                    // and the maximum.
                    deductible_networks: Crediting {
                        in_to_out: features.shared_networks && crediting & 1 != 0,
                        out_to_in: features.shared_networks && crediting & 2 != 0,
                    },
                    out_of_pocket_networks: Crediting {
                        in_to_out: features.shared_networks && crediting & 4 != 0,
                        out_to_in: features.shared_networks && crediting & 8 != 0,
                    },
                    coinsurance_maximum_counts_deductible: c_ded && c_coins,
                    out_of_pocket_counts: OutOfPocketCounts {
                        deductible: c_ded,
                        admission_deductible: c_adm,
                        coinsurance: c_coins,
                        copays: c_copays,
                    },
                    copays_after_out_of_pocket_max: copays_after || !features.copays_stop_at_max,
                    lifetime_maximum: lifetime.map(|l| l + usd(1000)),
                    precertification_penalty: penalty,
                    penalty_in_network,
                    services,
                    limits,
                    drugs,
                    benefit_period_days_out: benefit_period.then_some(days_out),
                    hra: hra.map(|(deductible, coinsurance, copays, drugs, share)| Hra {
                        pays_deductible: deductible,
                        pays_coinsurance: coinsurance,
                        pays_copays: copays,
                        pays_drugs: drugs,
                        share,
                    }),
                }
            },
        )
}

/// A household that the tier covers: the employee, a spouse if the tier covers one (most of
/// the time), and up to three children if it covers children.
pub fn arb_household(tier: &Tier) -> impl Strategy<Value = Vec<Member>> + use<> {
    let spouse = tier.covers_spouse;
    let children = if tier.covers_children { 3 } else { 0 };
    let limit = tier.dependents_at_most.map_or(usize::MAX, usize::from);
    (
        prop::bool::weighted(if spouse { 0.8 } else { 0.0 }),
        prop::collection::vec(0u8..=25, 0..=children),
        20u8..=70,
        20u8..=70,
    )
        .prop_map(move |(with_spouse, kids, employee_age, spouse_age)| {
            let mut members = vec![Member {
                id: "employee".into(),
                relationship: Relationship::Employee,
                age: employee_age,
            }];
            if with_spouse {
                members.push(Member {
                    id: "spouse".into(),
                    relationship: Relationship::Spouse,
                    age: spouse_age,
                });
            }
            for (i, age) in kids.into_iter().enumerate() {
                members.push(Member {
                    id: format!("child{i}"),
                    relationship: Relationship::Child,
                    age,
                });
            }
            members.truncate(limit.saturating_add(1));
            members
        })
}

/// A claim for a member, a service or a drug tier of `plan`, within the plan year.
pub fn arb_claim_for(plan: &Plan, members: usize) -> impl Strategy<Value = Claim> + use<> {
    let services = plan.services.len();
    let drug_tiers = plan.drugs.as_ref().map_or(0, |d| d.tiers.len());
    (
        0..members,
        0..services + drug_tiers,
        prop::bool::weighted(0.25),
        prop_oneof![3 => (1i64..=40).prop_map(|n| n * 2500), 1 => 0i64..1_000_000],
        prop_oneof![3 => Just(0i64), 1 => 0i64..200_000],
        prop_oneof![4 => Just(1u32), 1 => 1u32..=4],
        (
            any::<bool>(),
            any::<bool>(),
            any::<bool>(),
            prop::bool::weighted(0.8),
        ),
        0u64..365,
        (
            0usize..3,
            prop::option::weighted(0.3, 0i64..50_000),
            prop::option::weighted(0.4, 0u32..3),
        ),
        // The less costly treatment's allowed amount, as a share of the allowed amount.
        prop::option::weighted(0.2, 0i64..=100),
    )
        .prop_map(
            move |(
                member,
                what,
                out,
                allowed,
                extra,
                units,
                (admitted, new_admission, transfer, precertified),
                day,
                (fill, generic, maintenance),
                alternate,
            )| {
                let kind = if what < services {
                    ClaimKind::Service(what)
                } else {
                    let (channel, days_supply) = [
                        (Channel::Retail, 30),
                        (Channel::Retail, 90),
                        (Channel::Mail, 90),
                    ][fill];
                    ClaimKind::Drug(DrugFill {
                        tier: what - services,
                        days_supply,
                        channel,
                        generic_cost: generic.map(Money::from_cents),
                        preventive: admitted,
                        maintenance,
                    })
                };
                Claim {
                    date: d(1, 1) + chrono::Days::new(day),
                    member,
                    kind,
                    network: if out { Network::Out } else { Network::In },
                    billed: Money::from_cents(allowed + extra),
                    allowed: Money::from_cents(allowed),
                    units,
                    admitted,
                    new_admission,
                    transferred_from_acute: transfer,
                    precertified,
                    alternate_allowed: alternate
                        .filter(|_| what < services)
                        .map(|pct| Money::from_cents(allowed * pct / 100)),
                }
            },
        )
}

/// A plan, one of its tiers, a household that tier covers and up to `max_claims` claims.
pub fn arb_case(
    features: Features,
    max_claims: usize,
) -> impl Strategy<Value = (Plan, usize, Vec<Member>, Vec<Claim>)> {
    arb_plan(features)
        .prop_flat_map(|plan| {
            let tiers = plan.tiers.len();
            (Just(plan), 0..tiers)
        })
        .prop_flat_map(move |(plan, tier)| {
            let household = arb_household(&plan.tiers[tier]);
            (Just(plan), Just(tier), household)
        })
        .prop_flat_map(move |(plan, tier, members)| {
            let claims = prop::collection::vec(arb_claim_for(&plan, members.len()), 0..=max_claims);
            (Just(plan), Just(tier), Just(members), claims)
        })
}
