//! What the page computes, kept free of any UI code so it can be tested natively.
//!
//! The person's care for the year becomes dated claims, spread evenly over the plan year so that
//! deductibles and maximums fill in a realistic order, and each medical plan adjudicates them.

use chrono::{Days, NaiveDate};
use costshare_engine::{
    Claim, ClaimKind, DrugFill, Member, Money, Options, Relationship, SurchargeFacts, adjudicate,
    yearly_premium,
};
use costshare_plan::LoadedPlan;

/// What a kind of care is billed as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CareKind {
    /// A plan service id.
    Service(&'static str),
    /// A drug tier id and days of supply.
    Drug(&'static str, u16),
}

/// A kind of care the person can count.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CareItem {
    /// Stable id, used in form field names.
    pub id: &'static str,
    /// Label in plain words.
    pub label: &'static str,
    /// How it is billed.
    pub kind: CareKind,
    /// Example allowed amount in dollars. Made up for illustration, and labeled so on the page.
    pub example_price: i64,
}

/// The care list, with example prices (assumptions, not from any plan document).
pub const CARE_ITEMS: &[CareItem] = &[
    CareItem {
        id: "primary_care",
        label: "Primary care visits",
        kind: CareKind::Service("primary_care_visit"),
        example_price: 150,
    },
    CareItem {
        id: "specialist",
        label: "Specialist visits",
        kind: CareKind::Service("specialist_visit"),
        example_price: 250,
    },
    CareItem {
        id: "urgent_care",
        label: "Urgent care visits",
        kind: CareKind::Service("urgent_care_visit"),
        example_price: 200,
    },
    CareItem {
        id: "emergency_room",
        label: "Emergency room visits",
        kind: CareKind::Service("er_visit"),
        example_price: 2000,
    },
    CareItem {
        id: "lab",
        label: "Lab tests",
        kind: CareKind::Service("lab_xray_independent"),
        example_price: 100,
    },
    CareItem {
        id: "mri",
        label: "MRI or CT scans",
        kind: CareKind::Service("advanced_imaging_outpatient"),
        example_price: 1200,
    },
    CareItem {
        id: "physical_therapy",
        label: "Physical therapy visits",
        kind: CareKind::Service("physical_therapy"),
        example_price: 120,
    },
    CareItem {
        id: "mental_health",
        label: "Mental health therapy visits",
        kind: CareKind::Service("mental_health_office_visit"),
        example_price: 150,
    },
    CareItem {
        id: "outpatient_surgery",
        label: "Outpatient surgeries (facility)",
        kind: CareKind::Service("outpatient_facility"),
        example_price: 6000,
    },
    CareItem {
        id: "hospital_stay",
        label: "Hospital stays (facility)",
        kind: CareKind::Service("inpatient_hospital_facility"),
        example_price: 15000,
    },
    CareItem {
        id: "generic_drug",
        label: "Generic prescriptions (30-day fills)",
        kind: CareKind::Drug("generic", 30),
        example_price: 20,
    },
    CareItem {
        id: "brand_drug",
        label: "Preferred brand prescriptions (30-day fills)",
        kind: CareKind::Drug("preferred_brand", 30),
        example_price: 300,
    },
];

/// The household and care the person entered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    /// A spouse is covered.
    pub spouse: bool,
    /// Number of children covered.
    pub children: u8,
    /// Anyone covered used tobacco in the last 12 months.
    pub tobacco: bool,
    /// The covered spouse could get coverage from their own employer.
    pub spouse_other_coverage: bool,
    /// How many of each [`CARE_ITEMS`] entry, in the same order.
    pub counts: Vec<u32>,
    /// Allowed amount per visit or fill, in dollars, in the same order.
    pub prices: Vec<i64>,
}

impl Default for Scenario {
    fn default() -> Scenario {
        let mut counts = vec![0; CARE_ITEMS.len()];
        counts[0] = 2; // two primary care visits
        counts[1] = 1; // one specialist visit
        counts[4] = 2; // two lab tests
        counts[10] = 12; // a monthly generic
        Scenario {
            spouse: false,
            children: 0,
            tobacco: false,
            spouse_other_coverage: false,
            counts,
            prices: CARE_ITEMS.iter().map(|c| c.example_price).collect(),
        }
    }
}

/// One claim line as shown on the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// Date of service.
    pub date: NaiveDate,
    /// What it was.
    pub what: String,
    /// Allowed amount.
    pub allowed: Money,
    /// What the person pays.
    pub you_pay: Money,
    /// Paid from the HRA.
    pub hra_paid: Money,
    /// What the plan pays.
    pub plan_pays: Money,
    /// Plain-language steps.
    pub steps: Vec<String>,
}

/// One medical plan's result.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanResult {
    /// Plan id.
    pub id: String,
    /// Plan name.
    pub name: String,
    /// Tier name used.
    pub tier: String,
    /// Premium for the year.
    pub premium: Money,
    /// Whether the premium is an example value.
    pub premium_is_example: bool,
    /// Surcharges for the year.
    pub surcharges: Money,
    /// What the person pays for care (after the HRA).
    pub care: Money,
    /// What the HRA paid.
    pub hra_paid: Money,
    /// Premium + surcharges + care.
    pub total: Money,
    /// Claim lines.
    pub lines: Vec<Line>,
    /// Care that this plan does not list (counted as not covered).
    pub unlisted: Vec<&'static str>,
}

/// A plan that could not be estimated for this household.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    /// Plan name.
    pub name: String,
    /// Why.
    pub why: String,
}

fn members(s: &Scenario) -> Vec<Member> {
    let mut m = vec![Member {
        id: "you".into(),
        relationship: Relationship::Employee,
        age: 40,
    }];
    if s.spouse {
        m.push(Member {
            id: "spouse".into(),
            relationship: Relationship::Spouse,
            age: 40,
        });
    }
    for i in 0..s.children {
        m.push(Member {
            id: format!("child {}", i + 1),
            relationship: Relationship::Child,
            age: 8,
        });
    }
    m
}

/// Dates for `n` events spread evenly over the year, offset per kind of care.
fn dates(start: NaiveDate, n: u32, offset: u64) -> impl Iterator<Item = NaiveDate> {
    (0..u64::from(n))
        .map(move |i| start + Days::new((offset + i * 365 / u64::from(n.max(1))) % 365))
}

/// Estimates every medical plan in `plans` for the scenario.
pub fn estimate(plans: &[LoadedPlan], s: &Scenario) -> (Vec<PlanResult>, Vec<Skipped>) {
    let mut results = Vec::new();
    let mut skipped = Vec::new();
    let members = members(s);
    for loaded in plans
        .iter()
        .filter(|p| p.plan.kind == costshare_engine::PlanKind::Medical)
    {
        let plan = &loaded.plan;
        let Some(tier) = plan.tier_for(s.spouse, s.children > 0, false) else {
            skipped.push(Skipped {
                name: plan.name.clone(),
                why: "it has no coverage tier for this household".into(),
            });
            continue;
        };
        let mut claims = Vec::new();
        let mut labels = Vec::new();
        let mut unlisted = Vec::new();
        for (i, item) in CARE_ITEMS.iter().enumerate() {
            let count = s.counts.get(i).copied().unwrap_or(0).min(366);
            let price = s
                .prices
                .get(i)
                .copied()
                .unwrap_or(item.example_price)
                .clamp(0, 10_000_000);
            if count == 0 {
                continue;
            }
            let kind = match item.kind {
                CareKind::Service(id) => plan.service_index(id).map(ClaimKind::Service),
                CareKind::Drug(tier_id, days) => plan.drug_tier_index(tier_id).map(|t| {
                    ClaimKind::Drug(DrugFill {
                        tier: t,
                        days_supply: days,
                        channel: costshare_engine::Channel::Retail,
                        generic_cost: None,
                        preventive: false,
                    })
                }),
            };
            let Some(kind) = kind else {
                unlisted.push(item.label);
                continue;
            };
            for date in dates(plan.year_start, count, i as u64 * 3) {
                let mut claim =
                    Claim::service(date.min(plan.year_end), 0, 0, Money::from_dollars(price));
                claim.kind = kind;
                claim.new_admission = item.id == "hospital_stay";
                claims.push(claim);
                labels.push(item.label.trim_end_matches('s').to_string());
            }
        }
        let options = Options {
            explain: true,
            ..Options::default()
        };
        let adjudication = match adjudicate(plan, tier, &members, &claims, options) {
            Ok(a) => a,
            Err(e) => {
                skipped.push(Skipped {
                    name: plan.name.clone(),
                    why: e.to_string(),
                });
                continue;
            }
        };
        let file_tier = &loaded.file.tiers[tier];
        let per_period = file_tier
            .premium
            .as_ref()
            .and_then(|p| Money::from_decimal(p.value.0).ok())
            .unwrap_or(Money::ZERO);
        let facts = SurchargeFacts {
            tobacco_use: s.tobacco,
            spouse_has_other_employer_coverage: s.spouse && s.spouse_other_coverage,
        };
        let premium = yearly_premium(
            per_period,
            loaded.file.premium_frequency.per_year(),
            &loaded.surcharges,
            facts,
        );
        let surcharges: Money = premium.surcharges.iter().map(|(_, m)| *m).sum();
        let lines = adjudication
            .claims
            .iter()
            .map(|r| Line {
                date: claims[r.input_index].date,
                what: labels[r.input_index].clone(),
                allowed: r.allowed,
                you_pay: r.member_paid,
                hra_paid: r.hra_paid,
                plan_pays: r.plan_paid,
                steps: r.steps.iter().map(|st| st.describe(plan)).collect(),
            })
            .collect();
        results.push(PlanResult {
            id: loaded.file.id.clone(),
            name: plan.name.clone(),
            tier: plan.tiers[tier].name.clone(),
            premium: premium.premium,
            premium_is_example: loaded.premium_is_example(tier),
            surcharges,
            care: adjudication.family.member_paid,
            hra_paid: adjudication.family.hra_paid,
            total: premium.total + adjudication.family.member_paid,
            lines,
            unlisted,
        });
    }
    results.sort_by_key(|r| r.total);
    (results, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Vec<LoadedPlan> {
        costshare_catalog::builtin().expect("built-in catalog loads")
    }

    #[test]
    fn default_scenario_estimates_every_medical_plan() {
        let (results, skipped) = estimate(&catalog(), &Scenario::default());
        assert_eq!(results.len(), 3, "skipped: {skipped:?}");
        for r in &results {
            assert!(r.unlisted.is_empty(), "{} lacks {:?}", r.name, r.unlisted);
            assert_eq!(r.total, r.premium + r.surcharges + r.care);
            assert_eq!(r.lines.len(), 2 + 1 + 2 + 12);
        }
        assert!(
            results.windows(2).all(|w| w[0].total <= w[1].total),
            "sorted cheapest first"
        );
    }

    #[test]
    fn oap_office_visit_costs_its_copay() {
        let mut counts = vec![0; CARE_ITEMS.len()];
        counts[0] = 1;
        let s = Scenario {
            counts,
            ..Scenario::default()
        };
        let (results, _) = estimate(&catalog(), &s);
        let oap = results
            .iter()
            .find(|r| r.id == "shbp-2010-oap")
            .expect("OAP estimated");
        assert_eq!(oap.care, Money::from_dollars(35));
        assert_eq!(oap.lines[0].plan_pays, Money::from_dollars(115));
    }

    #[test]
    fn surcharges_follow_the_household() {
        let s = Scenario {
            spouse: true,
            spouse_other_coverage: true,
            tobacco: true,
            ..Scenario::default()
        };
        let (results, _) = estimate(&catalog(), &s);
        let oap = results
            .iter()
            .find(|r| r.id == "shbp-2010-oap")
            .expect("OAP estimated");
        assert_eq!(oap.surcharges, Money::from_dollars(1200));
        assert_eq!(oap.tier, "Employee + Spouse");
    }

    #[test]
    fn dates_stay_inside_the_year() {
        let start = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
        let all: Vec<NaiveDate> = dates(start, 366, 33).collect();
        assert!(
            all.iter()
                .all(|d| *d >= start && *d <= NaiveDate::from_ymd_opt(2010, 12, 31).unwrap())
        );
    }
}
