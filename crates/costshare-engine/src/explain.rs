//! Plain-language steps that say why a claim costs what it does.
//!
//! Steps are small values recorded during adjudication; [`Step::describe`] turns one into a
//! sentence using HealthCare.gov's words (allowed amount, copay, deductible, coinsurance,
//! out-of-pocket maximum, balance billing).

use crate::money::{Money, Rate};
use crate::plan::{Benefit, LimitPeriod, LimitUnit, Network, Plan};

/// What set a claim's coinsurance apart from its rate times its base.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoinsuranceLimit {
    /// A drug tier's least coinsurance a fill.
    FillMinimum(Money),
    /// A drug tier's most coinsurance a fill.
    FillMaximum(Money),
    /// The plan's yearly limit on coinsurance.
    CoinsuranceMaximum,
    /// The out-of-pocket maximum (the family's, or the person's own).
    OutOfPocket {
        /// It was the family's.
        family: bool,
    },
}

/// One step in working out a claim.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// An in-network provider's bill was cut to the allowed amount.
    NetworkDiscount {
        /// What the provider charged.
        billed: Money,
        /// The allowed amount.
        allowed: Money,
    },
    /// An out-of-network provider bills the member for the amount above the allowed amount.
    BalanceBill {
        /// What the provider charged.
        billed: Money,
        /// The allowed amount.
        allowed: Money,
    },
    /// The plan does not pay for this.
    NotCovered {
        /// Amount not covered.
        amount: Money,
        /// Why.
        reason: String,
    },
    /// A limit (visits, days or plan dollars) was used up.
    OverLimit {
        /// Index into the plan's limits.
        limit: usize,
        /// Amount over the limit, owed by the member.
        amount: Money,
    },
    /// The plan pays at most an allowance; the member pays the rest.
    AboveAllowance {
        /// The allowance.
        allowance: Money,
        /// Amount above it.
        amount: Money,
    },
    /// Dental alternate benefit: paid as if a less costly treatment had been done.
    AlternateBenefit {
        /// The less costly treatment's allowed amount.
        alternate: Money,
        /// The difference, owed by the member.
        amount: Money,
    },
    /// The price above an allowance was cut by a percentage.
    AllowanceDiscount {
        /// The percentage off.
        rate: Rate,
        /// The price above the allowance before the cut.
        above: Money,
        /// The cut.
        amount: Money,
    },
    /// The member asked for a brand drug when a generic exists.
    BrandDifference {
        /// Price difference, owed by the member.
        amount: Money,
    },
    /// Pre-certification was required and missing.
    Penalty {
        /// Share removed.
        rate: Rate,
        /// Amount removed, owed by the member.
        amount: Money,
    },
    /// A copay was charged.
    Copay {
        /// What was charged as the copay.
        amount: Money,
        /// The plan's copay; more than `amount` when the price was lower than the copay.
        full: Money,
        /// Whether it counts toward the out-of-pocket maximum.
        counts: bool,
    },
    /// The out-of-pocket maximum was already reached before this claim: nothing is due.
    OutOfPocketMaxMet {
        /// It was the family's maximum (an aggregate one, or an embedded one the family reached
        /// before the person reached their own).
        family: bool,
    },
    /// A copay was not charged.
    CopayWaived {
        /// Why.
        because: &'static str,
    },
    /// A per-admission deductible was charged.
    AdmissionDeductible {
        /// The amount.
        amount: Money,
    },
    /// No per-admission deductible on a direct transfer from an acute-care hospital.
    AdmissionDeductibleWaived,
    /// Part of the yearly deductible was paid.
    Deductible {
        /// Amount applied.
        amount: Money,
        /// Deductible left for this person after the claim.
        left: Money,
        /// It went to the out-of-network deductible (a separate amount from the in-network one).
        out_of_network: bool,
        /// `left` is the family's: an aggregate family deductible, or an embedded one with less
        /// left than the person's own.
        family: bool,
    },
    /// The service is subject to the deductible, which was already met before this claim.
    DeductibleMet {
        /// It was the out-of-network deductible.
        out_of_network: bool,
        /// It was the family's deductible (as in [`Step::Deductible`]).
        family: bool,
    },
    /// Coinsurance was charged.
    Coinsurance {
        /// The member's share.
        rate: Rate,
        /// What it was a share of.
        base: Money,
        /// The member's coinsurance.
        amount: Money,
        /// A deductible or copay came first on this claim: `base` is what was left after it.
        after_other: bool,
        /// What made `amount` differ from `rate` × `base`, if anything did.
        limit: Option<CoinsuranceLimit>,
    },
    /// The coinsurance maximum was reached; the plan paid this much more.
    CoinsuranceMaximumReached {
        /// Amount the plan picked up.
        amount: Money,
        /// Whether the deductible counts toward that maximum too.
        with_deductible: bool,
    },
    /// The out-of-pocket maximum was reached; the plan paid this much more.
    OutOfPocketReached {
        /// Amount the plan picked up.
        amount: Money,
        /// It was the family's maximum (as in [`Step::OutOfPocketMaxMet`]).
        family: bool,
    },
    /// The lifetime maximum was reached.
    LifetimeMaximum {
        /// The maximum.
        maximum: Money,
        /// Amount over it.
        amount: Money,
    },
    /// What the plan pays.
    PlanPays {
        /// The amount.
        amount: Money,
    },
    /// The copay changed because of the number of visits this year.
    CopayAfterVisits {
        /// The first visit on this line with the later copay (1 for the first visit).
        visit: i64,
        /// Visits at the usual copay.
        visits: u32,
        /// The copay for later visits.
        copay: Money,
        /// Whether the family's visits count together.
        family: bool,
    },
    /// An admission within a running benefit period continues it.
    SameBenefitPeriod {
        /// Days out of the hospital that end a benefit period.
        days_out: u16,
    },
    /// A copay per hospital admission is part of this line's copay.
    AdmissionCopay {
        /// The plan's copay per admission.
        amount: Money,
    },
    /// A copay per inpatient day is part of this line's copay.
    PerDayCopay {
        /// Index into the plan's services (for the plan's per-day copays).
        service: usize,
        /// The claim's network.
        network: Network,
        /// The day of the admission this line starts on (1 for the first).
        first_day: i64,
        /// The last covered day of the admission on this line.
        last_day: i64,
        /// The per-day copays for these days before any cap.
        full: Money,
        /// The per-day copay due on this line, after the caps.
        amount: Money,
        /// The cap that lowered it, if one did.
        capped_by: Option<PerDayCap>,
    },
    /// What this claim put toward the deductible or maximum of its network also counts toward
    /// the other network's.
    CountsTowardOtherNetwork {
        /// The claim's network.
        network: Network,
        /// Its deductible counts there too.
        deductible: bool,
        /// Its out-of-pocket spending counts there too.
        out_of_pocket: bool,
    },
    /// A retail fill of a maintenance drug beyond the plan's limit costs more.
    MaintenanceExtra {
        /// Which retail fill of this drug this is.
        fill: u32,
        /// Retail fills at the usual cost.
        fills: u16,
        /// The extra coinsurance.
        extra: Rate,
    },
    /// The fill used the plan's cost sharing for this kind of pharmacy.
    PharmacyCostSharing {
        /// Participating (in) or non-participating (out).
        network: Network,
    },
    /// A preventive drug (for a chronic condition) that the plan pays before the deductible.
    PreventiveSkipsDeductible,
    /// The drug deductible does not apply to this drug tier.
    TierSkipsDeductible {
        /// Index into the plan's drug tiers.
        tier: usize,
    },
    /// Brand-over-generic: the coinsurance is a share of the brand's price.
    CoinsuranceOnBrandPrice {
        /// The member's share.
        rate: Rate,
        /// The brand's price it was a share of (after any deductible and copay).
        base: Money,
        /// The member's coinsurance.
        amount: Money,
    },
    /// The member pays a first amount of eligible costs before the HRA starts paying.
    HraMemberFirst {
        /// The part of this claim's eligible costs the member pays for that.
        amount: Money,
        /// What is left of that first amount.
        left: Money,
    },
    /// The HRA pays only a share of eligible costs.
    HraShare {
        /// The HRA's share.
        share: Rate,
        /// The eligible costs it is a share of.
        eligible: Money,
        /// The HRA's part before its balance runs out.
        amount: Money,
    },
    /// The HRA paid part of the member's share.
    Hra {
        /// Amount paid.
        amount: Money,
        /// Left in the HRA afterwards.
        left: Money,
    },
}

/// The cap that lowered a per-day copay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PerDayCap {
    /// Most per-day copays in one admission.
    Admission(Money),
    /// Most per-day copays for one person in a plan year.
    Year(Money),
}

impl Step {
    /// The step as a sentence, to the person the claim is for ("your deductible").
    pub fn describe(&self, plan: &Plan) -> String {
        self.describe_for(plan, None)
    }

    /// The step as a sentence, saying whose running amounts it speaks of when a table mixes
    /// several people's claims: `whose` is the person's possessive, like `Some("Sam's")` ("Sam's
    /// deductible; $320.00 of it is left"); `None` is "your". A deductible or maximum the family
    /// meets together is "your family's" whatever `whose` is (the step says which it was).
    pub fn describe_for(&self, plan: &Plan, whose: Option<&str>) -> String {
        let whose = whose.unwrap_or("your");
        let maximum = |family: bool| if family { "your family's" } else { whose };
        // What an amount outside the plan's sharing does not count toward: only the amounts the
        // plan has (a dental plan has no out-of-pocket maximum).
        let toward = |lead: &str| {
            outside_words(plan).map_or_else(String::new, |w| {
                format!("{lead} it does not count toward {w}")
            })
        };
        match self {
            Step::NetworkDiscount { billed, allowed } => format!(
                "The provider billed {billed}, but in-network the allowed amount is {allowed}; nobody pays the {} difference.",
                *billed - *allowed
            ),
            Step::BalanceBill { billed, allowed } => format!(
                "The provider is out-of-network and billed {billed}, {} more than the plan's allowed amount of {allowed}. You owe that balance bill{}.",
                *billed - *allowed,
                toward(", and"),
            ),
            Step::NotCovered { amount, reason } => {
                format!("{amount} is not covered: {reason}. You pay it{}.", toward(", and"))
            }
            Step::OverLimit { limit, amount } => {
                let what = plan.limits.get(*limit).map_or_else(|| "a plan limit".to_string(), limit_words);
                format!("{amount} is over {what}, so you pay it{}.", toward(", and"))
            }
            Step::AboveAllowance { allowance, amount } => format!(
                "The plan pays at most {allowance} for this; you pay the {amount} above that."
            ),
            Step::AllowanceDiscount { rate, above, amount } => format!(
                "The plan gets you {rate} off the {above} above the allowance ({amount} less); nobody pays that part."
            ),
            Step::AlternateBenefit { alternate, amount } => format!(
                "The plan's alternate benefit pays as if the less costly treatment had been done (allowed {alternate}); you pay the {amount} difference{}.",
                toward(", and"),
            ),
            Step::BrandDifference { amount } => format!(
                "You asked for the brand-name drug although a generic exists, so you pay the {amount} price difference on top of your usual share{}.",
                toward(";"),
            ),
            Step::Penalty { rate, amount } => format!(
                "Required pre-certification was not obtained, so the plan cut the covered amount by {rate}: you pay {amount}, even after reaching the out-of-pocket maximum."
            ),
            Step::Copay {
                amount,
                full,
                counts,
            } => {
                let what = if amount < full {
                    format!("You pay {amount} as the copay: the price left to pay is less than the {full} copay")
                } else {
                    format!("You pay a {amount} copay")
                };
                if *counts {
                    format!("{what}; it counts toward your out-of-pocket maximum.")
                } else {
                    match outside_words(plan) {
                        Some(w) => format!("{what}. This plan does not count this copay toward {w}."),
                        None => format!("{what}."),
                    }
                }
            }
            Step::CopayWaived { because } => format!("No copay, because {because}."),
            Step::OutOfPocketMaxMet { family } => format!(
                "Nothing more to pay: {} out-of-pocket maximum is already reached.",
                maximum(*family)
            ),
            Step::AdmissionDeductible { amount } => {
                format!("You pay the {amount} per-admission deductible for this hospital stay.")
            }
            Step::AdmissionDeductibleWaived => {
                "No per-admission deductible, because this is a direct transfer from an acute-care hospital.".into()
            }
            Step::Deductible {
                amount,
                left,
                out_of_network,
                family,
            } => {
                let which = if *out_of_network { "out-of-network " } else { "" };
                let whose = maximum(*family);
                if left.is_zero() {
                    format!("{amount} goes to {whose} {which}deductible, which is now met.")
                } else {
                    format!(
                        "{amount} goes to {whose} {which}deductible; {left} of it is left this year."
                    )
                }
            }
            Step::DeductibleMet {
                out_of_network,
                family,
            } => {
                let which = if *out_of_network { "out-of-network " } else { "" };
                format!(
                    "No deductible on this claim: {} {which}deductible is already met for the year.",
                    maximum(*family)
                )
            }
            Step::Coinsurance { rate, base, amount, after_other, limit } => {
                let on = if *after_other { format!("the remaining {base}") } else { base.to_string() };
                let would = base.times(*rate);
                match limit {
                    None => format!("You pay {rate} coinsurance on {on}: {amount}."),
                    Some(CoinsuranceLimit::FillMinimum(m)) if amount < m => format!(
                        "Your {rate} coinsurance on {on} would be {would}; the plan charges at least {m} a fill, but not more than the price left, so you pay {amount}."
                    ),
                    Some(CoinsuranceLimit::FillMinimum(m)) => format!(
                        "Your {rate} coinsurance on {on} would be {would}; the plan charges at least {m} a fill, so you pay {amount}."
                    ),
                    Some(CoinsuranceLimit::FillMaximum(m)) => format!(
                        "Your {rate} coinsurance on {on} would be {would}; the plan charges at most {m} a fill, so you pay {amount}."
                    ),
                    Some(CoinsuranceLimit::CoinsuranceMaximum) => format!(
                        "Your {rate} coinsurance on {on} would be {would}; this plan's yearly limit on coinsurance brings what you pay down to {amount}."
                    ),
                    Some(CoinsuranceLimit::OutOfPocket { family }) => format!(
                        "Your {rate} coinsurance on {on} would be {would}; {} out-of-pocket maximum brings what you pay down to {amount}.",
                        maximum(*family)
                    ),
                }
            }
            Step::CoinsuranceMaximumReached { amount, with_deductible } => {
                let what = if *with_deductible { "deductible and coinsurance" } else { "coinsurance" };
                format!(
                    "You reached this plan's limit on {what} for the year, so the plan pays {amount} that you would otherwise have paid. Copays still count toward the out-of-pocket maximum, which is a separate limit."
                )
            }
            Step::OutOfPocketReached { amount, family } => format!(
                "With this claim, {} out-of-pocket maximum is reached, so the plan pays {amount} that you would otherwise have paid.",
                maximum(*family)
            ),
            Step::LifetimeMaximum { maximum, amount } => format!(
                "The plan's {maximum} lifetime maximum is used up; you pay the {amount} above it."
            ),
            Step::PlanPays { amount } => format!("The plan pays {amount}."),
            Step::CopayAfterVisits {
                visit,
                visits,
                copay,
                family,
            } => {
                let whose = if *family { "your family's" } else { "your" };
                format!(
                    "This is {whose} visit {visit} this year: after {visits} visits the copay for each visit is {copay}."
                )
            }
            Step::SameBenefitPeriod { days_out } => format!(
                "This admission starts within {days_out} days of your last inpatient day, so it belongs to the same benefit period: no new deductible for the period, and its days keep counting."
            ),
            Step::AdmissionCopay { amount } => format!(
                "This line starts a hospital admission, which has a {amount} copay per admission (per stay)."
            ),
            Step::PerDayCopay {
                service,
                network,
                first_day,
                last_day,
                full,
                amount,
                capped_by,
            } => {
                let rule = per_day_words(plan, *service, *network);
                let (each, this) = if plan.benefit_period_days_out.is_some() {
                    ("each benefit period", "this benefit period")
                } else {
                    ("each admission", "this stay")
                };
                let days = if first_day == last_day {
                    format!("day {first_day}")
                } else {
                    format!("days {first_day} to {last_day}")
                };
                let mut text = if last_day < first_day {
                    format!("The plan charges {rule} of {each}; no days of this line are covered.")
                } else if full.is_zero() {
                    format!("The plan charges {rule} of {each}; {days} of {this} have no per-day copay.")
                } else {
                    format!("The plan charges {rule} of {each}: {days} of {this} come to {full}.")
                };
                match capped_by {
                    Some(PerDayCap::Admission(max)) => text.push_str(&format!(
                        " Per-day copays stop at {max} per admission, so {amount} is due."
                    )),
                    Some(PerDayCap::Year(max)) => text.push_str(&format!(
                        " Per-day copays stop at {max} per person per year, so {amount} is due."
                    )),
                    None => {}
                }
                text
            }
            Step::CountsTowardOtherNetwork {
                network,
                deductible,
                out_of_pocket,
            } => format!(
                "This plan counts {} spending toward the {} {} too.",
                network.words(),
                network.other().words(),
                credited_words(*deductible, *out_of_pocket)
            ),
            Step::MaintenanceExtra { fill, fills, extra } => format!(
                "This is retail fill {fill} of a maintenance drug: after {fills} retail fills the plan adds {extra} to your coinsurance unless you fill it by mail order or as a longer supply."
            ),
            Step::PharmacyCostSharing { network } => match network {
                Network::In => "The plan's cost sharing for fills at participating (network) pharmacies applies.".into(),
                Network::Out => "The plan's cost sharing for fills at non-participating pharmacies applies; the plan pays only up to the allowed amount.".into(),
            },
            Step::PreventiveSkipsDeductible => {
                "The plan covers this drug as preventive care, so the deductible does not apply to it.".into()
            }
            Step::TierSkipsDeductible { tier } => {
                let name = plan
                    .drugs
                    .as_ref()
                    .and_then(|d| d.tiers.get(*tier))
                    .map_or("this tier", |t| t.name.as_str());
                // Drugs that go through the medical deductible have no deductible of their own.
                let which = match plan.drugs.as_ref().map(|d| d.deductible) {
                    Some(crate::plan::DrugDeductible::Medical) => "deductible",
                    _ => "drug deductible",
                };
                format!("The {which} does not apply to {name}.")
            }
            Step::CoinsuranceOnBrandPrice { rate, base, amount } => format!(
                "This plan figures the coinsurance on the brand-name drug's price, not the generic's: you pay {rate} of {base}: {amount}."
            ),
            Step::HraMemberFirst { amount, left } => {
                if left.is_zero() {
                    format!("Your plan has you pay the first part of eligible costs yourself before the HRA pays: {amount} of this claim, and that part is now done.")
                } else {
                    format!("Your plan has you pay the first part of eligible costs yourself before the HRA pays: {amount} of this claim; {left} of that part is left.")
                }
            }
            Step::HraShare { share, eligible, amount } => format!(
                "Your HRA pays {share} of eligible costs and you pay the rest: {share} of {eligible} is {amount}."
            ),
            Step::Hra { amount, left } => format!(
                "Your HRA pays {amount} of your share; {left} is left in it."
            ),
        }
    }
}

/// "a $150 copay per day for days 1 to 5" from the service's per-day copays.
fn per_day_words(plan: &Plan, service: usize, network: Network) -> String {
    let ranges = plan
        .services
        .get(service)
        .and_then(|s| match &s.benefit[network.index()] {
            Benefit::Covered(cs) => cs.per_day_copay.as_ref(),
            Benefit::NotCovered { .. } => None,
        })
        .map(|p| {
            p.days
                .iter()
                .map(|r| match (r.from_day, r.to_day) {
                    (1, None) => format!("{} copay per day", r.amount),
                    (from, None) => format!("{} copay per day from day {from}", r.amount),
                    (from, Some(to)) if from == to => format!("{} copay for day {from}", r.amount),
                    (from, Some(to)) => {
                        format!("{} copay per day for days {from} to {to}", r.amount)
                    }
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    match ranges.split_last() {
        None => "a copay per day".to_string(),
        Some((last, [])) => format!("a {last}"),
        Some((last, rest)) => format!("a {} and {last}", rest.join(", ")),
    }
}

/// The running amounts the plan has, for "it does not count toward …": `None` for a plan with
/// neither a deductible nor an out-of-pocket maximum.
fn outside_words(plan: &Plan) -> Option<&'static str> {
    let drugs = plan.drugs.as_ref();
    let deductible = plan
        .tiers
        .iter()
        .any(|t| t.deductible.iter().any(Option::is_some))
        || drugs.is_some_and(|d| matches!(d.deductible, crate::plan::DrugDeductible::Separate(_)));
    let out_of_pocket = plan
        .tiers
        .iter()
        .any(|t| t.out_of_pocket.iter().any(Option::is_some))
        || drugs
            .is_some_and(|d| matches!(d.out_of_pocket, crate::plan::DrugOutOfPocket::Separate(_)));
    match (deductible, out_of_pocket) {
        (true, true) => Some("your deductible or out-of-pocket maximum"),
        (true, false) => Some("your deductible"),
        (false, true) => Some("your out-of-pocket maximum"),
        (false, false) => None,
    }
}

/// What one network's spending counts toward in the other.
fn credited_words(deductible: bool, out_of_pocket: bool) -> &'static str {
    match (deductible, out_of_pocket) {
        (true, true) => "deductible and out-of-pocket maximum",
        (true, false) => "deductible",
        _ => "out-of-pocket maximum",
    }
}

/// The plan's whole rule for counting `network`'s spending toward the other network's
/// amounts, for a table that says it once a year rather than at each claim
/// ([`Step::CountsTowardOtherNetwork`] says what one claim added to). When the plan counts
/// both ways alike, one sentence covers both networks, and the flag says so.
pub fn crediting_rule(plan: &Plan, network: Network) -> (String, bool) {
    let counts = |from: Network| {
        (
            plan.deductible_networks.counts(from, from.other()),
            plan.out_of_pocket_networks.counts(from, from.other()),
        )
    };
    let (deductible, out_of_pocket) = counts(network);
    if counts(network.other()) == (deductible, out_of_pocket) {
        let what = credited_words(deductible, out_of_pocket);
        return (
            format!(
                "This plan counts spending in either network toward the other network's {what} too."
            ),
            true,
        );
    }
    let step = Step::CountsTowardOtherNetwork {
        network,
        deductible,
        out_of_pocket,
    };
    (step.describe(plan), false)
}

/// A limit in words, its name as the plan gives it: "the plan's “Crowns” limit (1 visit every
/// 60 months)", "the plan's “Orthodontia” limit ($1,000.00 per lifetime)".
fn limit_words(limit: &crate::plan::Limit) -> String {
    let count = |one: &str| {
        let s = if limit.amount == 1 { "" } else { "s" };
        format!("{} {one}{s}", limit.amount)
    };
    let amount = match limit.unit {
        LimitUnit::Visits => count("visit"),
        LimitUnit::Days => count("day"),
        LimitUnit::PlanDollars => Money::from_cents(limit.amount).to_string(),
    };
    let period = match limit.period {
        LimitPeriod::PlanYear => "per year".to_string(),
        LimitPeriod::Lifetime => "per lifetime".to_string(),
        LimitPeriod::Months(1) => "per month".to_string(),
        LimitPeriod::Months(m) => format!("every {m} months"),
        LimitPeriod::Admission => "per admission".to_string(),
    };
    format!("the plan's “{}” limit ({amount} {period})", limit.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{Limit, LimitScope};

    fn limit(unit: LimitUnit, amount: i64, period: LimitPeriod) -> Limit {
        Limit {
            id: "l".into(),
            name: "Crowns".into(),
            unit,
            amount,
            period,
            scope: LimitScope::Person,
        }
    }

    #[test]
    fn limits_read_as_people_say_them() {
        let words = |u, a, p| limit_words(&limit(u, a, p));
        assert_eq!(
            words(LimitUnit::Visits, 1, LimitPeriod::Months(60)),
            "the plan's “Crowns” limit (1 visit every 60 months)"
        );
        assert_eq!(
            words(LimitUnit::PlanDollars, 100_000, LimitPeriod::Lifetime),
            "the plan's “Crowns” limit ($1,000.00 per lifetime)"
        );
        assert_eq!(
            words(LimitUnit::Days, 100, LimitPeriod::Admission),
            "the plan's “Crowns” limit (100 days per admission)"
        );
        assert_eq!(
            words(LimitUnit::Visits, 2, LimitPeriod::PlanYear),
            "the plan's “Crowns” limit (2 visits per year)"
        );
    }
}
