//! Small plans built in code for the engine's own tests (the real plans live in the catalog).
#![allow(dead_code)]

use chrono::NaiveDate;
use costshare_engine::*;

pub fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2010, m, day).unwrap()
}

pub fn usd(dollars: i64) -> Money {
    Money::from_dollars(dollars)
}

pub fn pct(p: u32) -> Rate {
    Rate::from_percent(p).unwrap()
}

pub fn amounts(individual: i64, family: Option<i64>) -> Option<Amounts> {
    Some(Amounts {
        individual: usd(individual),
        family: family.map(usd),
    })
}

pub fn share(copay: i64, deductible: bool, coinsurance: u32) -> CostShare {
    CostShare {
        copay: usd(copay),
        copay_timing: CopayTiming::BeforeDeductible,
        copay_waived_if_admitted: false,
        copay_counts_toward_oop: false,
        admission_deductible: Money::ZERO,
        admission_waived_on_transfer: false,
        deductible_applies: deductible,
        coinsurance: pct(coinsurance),
        allowance: None,
        per_day_copay: None,
        admission_copay: Money::ZERO,
        copay_after_visits: None,
        alternate_benefit: false,
        discount_above_allowance: Rate::ZERO,
    }
}

pub fn service(id: &str, inn: CostShare, out: Option<CostShare>) -> Service {
    Service {
        id: id.into(),
        name: id.replace('_', " "),
        benefit: [
            Benefit::Covered(inn),
            match out {
                Some(o) => Benefit::Covered(o),
                None => Benefit::NotCovered {
                    reason: "covered in-network only".into(),
                },
            },
        ],
        limits: vec![],
        requires_precertification: false,
        min_age: None,
        max_age: None,
    }
}

/// Service indexes in [`oap_like`].
pub const OFFICE: usize = 0;
pub const IMAGING: usize = 1;
pub const ER: usize = 2;
pub const INPATIENT: usize = 3;
pub const CHIRO: usize = 4;
pub const PREVENTIVE: usize = 5;

/// A plan shaped like SHBP's Open Access Plus: $35 office copays outside the deductible,
/// $600/$1,200 embedded deductibles, 20%/40% coinsurance, $2,000/$4,000 embedded maximums,
/// separate networks, $250 per admission, 50% penalty out-of-network, a 20-visit limit and a
/// $1,000 preventive maximum.
pub fn oap_like() -> Plan {
    let tier = |id: &str, spouse: bool, children: bool, ded: Option<i64>, oop: Option<i64>| Tier {
        id: id.into(),
        name: id.into(),
        covers_spouse: spouse,
        covers_children: children,
        dependents_at_most: None,
        retiree: false,
        deductible: [amounts(600, ded), amounts(1200, ded.map(|f| f * 2))],
        out_of_pocket: [amounts(2000, oop), amounts(4000, oop.map(|f| f * 2))],
        coinsurance_maximum: [None, None],
        hra_credit: Money::ZERO,
        hra_member_first: Money::ZERO,
    };
    let mut er = share(150, true, 20);
    er.copay_waived_if_admitted = true;
    let mut inpatient = share(0, false, 20);
    inpatient.admission_deductible = usd(250);
    let mut inpatient_out = share(0, true, 40);
    inpatient_out.admission_deductible = usd(250);
    let mut chiro = service(
        "chiropractic",
        share(35, false, 20),
        Some(share(0, true, 40)),
    );
    chiro.limits = vec![0];
    let mut preventive = service("preventive", share(35, false, 0), None);
    preventive.limits = vec![1];
    let mut inpatient = service("inpatient", inpatient, Some(inpatient_out));
    inpatient.requires_precertification = true;
    Plan {
        id: "oap-like".into(),
        name: "OAP-like test plan".into(),
        kind: PlanKind::Medical,
        year_start: d(1, 1),
        year_end: d(12, 31),
        tiers: vec![
            tier("employee", false, false, None, None),
            tier("employee_spouse", true, false, Some(1200), Some(3000)),
            tier("family", true, true, Some(1800), Some(4000)),
        ],
        deductible_rule: FamilyRule::Embedded,
        out_of_pocket_rule: FamilyRule::Embedded,
        deductible_networks: Crediting::SEPARATE,
        out_of_pocket_networks: Crediting::SEPARATE,
        coinsurance_maximum_counts_deductible: false,
        out_of_pocket_counts: OutOfPocketCounts {
            deductible: true,
            admission_deductible: true,
            coinsurance: true,
            copays: false,
        },
        copays_after_out_of_pocket_max: true,
        lifetime_maximum: Some(usd(2_000_000)),
        precertification_penalty: pct(50),
        penalty_in_network: false,
        services: vec![
            service("office", share(35, false, 0), Some(share(0, true, 40))),
            service("imaging", share(0, true, 20), Some(share(0, true, 40))),
            service("er", er.clone(), Some(er)),
            inpatient,
            chiro,
            preventive,
        ],
        limits: vec![
            Limit {
                id: "chiro".into(),
                name: "chiropractic visit limit".into(),
                unit: LimitUnit::Visits,
                amount: 20,
                period: LimitPeriod::PlanYear,
                scope: LimitScope::Person,
            },
            Limit {
                id: "preventive".into(),
                name: "preventive care maximum".into(),
                unit: LimitUnit::PlanDollars,
                amount: 100_000,
                period: LimitPeriod::PlanYear,
                scope: LimitScope::Person,
            },
        ],
        drugs: Some(DrugBenefit {
            tiers: vec![DrugTier {
                id: "generic".into(),
                name: "Generic".into(),
                shares: vec![
                    DrugShare {
                        channel: Channel::Retail,
                        max_days: 30,
                        copay: usd(15),
                        coinsurance: Rate::ZERO,
                        minimum: Money::ZERO,
                        maximum: None,
                        network: None,
                    },
                    DrugShare {
                        channel: Channel::Retail,
                        max_days: 90,
                        copay: usd(45),
                        coinsurance: Rate::ZERO,
                        minimum: Money::ZERO,
                        maximum: None,
                        network: None,
                    },
                ],
                deductible_applies: true,
            }],
            deductible: DrugDeductible::None,
            out_of_pocket: DrugOutOfPocket::NotCounted,
            brand_penalty: true,
            brand_coinsurance_base: BrandCoinsuranceBase::Generic,
            preventive_skips_deductible: false,
            out_of_network_covered: true,
            maintenance: None,
        }),
        hra: None,
        benefit_period_days_out: None,
    }
}

/// The same plan with aggregate family rules, shared networks and a $500/$1,000 HRA that pays
/// deductibles and coinsurance.
pub fn hra_aggregate() -> Plan {
    let mut p = oap_like();
    p.id = "hra-aggregate".into();
    p.deductible_rule = FamilyRule::Aggregate;
    p.out_of_pocket_rule = FamilyRule::Aggregate;
    p.deductible_networks = Crediting::SHARED;
    p.out_of_pocket_networks = Crediting::SHARED;
    p.hra = Some(Hra {
        pays_deductible: true,
        pays_coinsurance: true,
        pays_copays: false,
        pays_drugs: true,
        share: Rate::FULL,
    });
    for (i, t) in p.tiers.iter_mut().enumerate() {
        t.hra_credit = usd(500 * (i as i64 + 1));
    }
    if let Some(drugs) = p.drugs.as_mut() {
        drugs.deductible = DrugDeductible::Medical;
        drugs.out_of_pocket = DrugOutOfPocket::Medical;
    }
    p
}

pub fn family(n_children: usize) -> Vec<Member> {
    let mut m = vec![
        Member {
            id: "pat".into(),
            relationship: Relationship::Employee,
            age: 40,
        },
        Member {
            id: "sam".into(),
            relationship: Relationship::Spouse,
            age: 38,
        },
    ];
    for i in 0..n_children {
        m.push(Member {
            id: format!("kid{i}"),
            relationship: Relationship::Child,
            age: 5 + i as u8,
        });
    }
    m
}
pub mod random;
