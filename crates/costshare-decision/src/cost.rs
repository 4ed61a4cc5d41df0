//! What one option costs for a year: premium + surcharges + out-of-pocket − employer money − tax
//! savings, and its worst case.

use crate::expected::{CareLine, Route, claims_for, plan_map, year_days};
use crate::household::Household;
use crate::tax::hsa_limit;
use costshare_engine::{
    Adjudication, Claim, ClaimKind, Money, Options, PlanKind, SurchargeFacts, adjudicate,
    yearly_premium,
};
use costshare_plan::{LoadedPlan, check_hsa};

/// The parts of an option's cost that do not depend on how much care there is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fixed {
    /// Tier index.
    pub tier: usize,
    /// Premium for the year.
    pub premium: Money,
    /// Whether the premium is the plan file's example (not one the person entered or the
    /// employer published).
    pub premium_is_example: bool,
    /// Surcharges for the year.
    pub surcharges: Money,
    /// Employer HSA contribution.
    pub employer_hsa: Money,
    /// HRA credit for the year.
    pub hra_credit: Money,
    /// Tax saved by paying premium and surcharges before tax.
    pub premium_tax_savings: Money,
    /// Whether the plan is HSA-qualified (the plan says so and it meets the IRS limits).
    pub hsa_qualified: bool,
    /// Why an HSA-labeled plan does not qualify, if it does not.
    pub hsa_problem: Option<String>,
    /// Most the employee may put in the HSA this year (after the employer's contribution).
    pub hsa_room: Money,
}

/// Works out the fixed parts for a plan and tier.
pub fn fixed(plan: &LoadedPlan, tier: usize, household: &Household) -> Fixed {
    let file = &plan.file;
    let file_tier = &file.tiers[tier];
    let (per_paycheck, premium_is_example) = match household.premiums.get(&file.id) {
        Some(own) => (*own, false),
        None => (
            file_tier
                .premium
                .as_ref()
                .and_then(|p| Money::from_decimal(p.value.0).ok())
                .unwrap_or(Money::ZERO),
            file_tier.premium.as_ref().is_some_and(|p| p.example),
        ),
    };
    let facts = SurchargeFacts {
        tobacco_use: household.tobacco(),
        spouse_has_other_employer_coverage: household.spouse_other_coverage
            && household.has_spouse(),
    };
    let y = yearly_premium(
        per_paycheck,
        file.premium_frequency.per_year(),
        &plan.surcharges,
        facts,
    );
    let surcharges: Money = y.surcharges.iter().map(|(_, m)| *m).sum();
    let hsa_claimed = file.hsa.as_ref().is_some_and(|h| h.eligible);
    let hsa_warnings = if hsa_claimed {
        check_hsa(file)
    } else {
        Vec::new()
    };
    let hsa_qualified = hsa_claimed && hsa_warnings.is_empty();
    let employer_hsa = if hsa_qualified {
        file.hsa
            .as_ref()
            .and_then(|h| h.employer_contribution.get(&file_tier.id))
            .and_then(|c| Money::from_decimal(c.value.0).ok())
            .unwrap_or(Money::ZERO)
    } else {
        Money::ZERO
    };
    let year = file
        .plan_year
        .start
        .format("%Y")
        .to_string()
        .parse()
        .unwrap_or(0);
    let family = file_tier.covers_spouse || file_tier.covers_children;
    let hsa_room = if hsa_qualified {
        hsa_limit(year, family, household.employee_age())
            .map_or(Money::ZERO, |l| l.saturating_sub(employer_hsa))
    } else {
        Money::ZERO
    };
    Fixed {
        tier,
        premium: y.premium,
        premium_is_example,
        surcharges,
        employer_hsa,
        hra_credit: if plan.plan.hra.is_some() {
            plan.plan.tiers[tier].hra_credit
        } else {
            Money::ZERO
        },
        premium_tax_savings: household.tax.premium_savings(y.total),
        hsa_qualified,
        hsa_problem: hsa_warnings.first().map(|w| w.message.clone()),
        hsa_room,
    }
}

/// An option's cost for one year of care.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YearCost {
    /// The fixed parts.
    pub fixed: Fixed,
    /// What the member pays for care after any HRA money.
    pub out_of_pocket: Money,
    /// HRA money used.
    pub hra_used: Money,
    /// The employee's HSA contribution counted.
    pub hsa_contribution: Money,
    /// Tax saved on premium and HSA contribution.
    pub tax_savings: Money,
    /// Premium + surcharges + out-of-pocket − employer HSA − tax savings.
    pub net: Money,
}

/// Combines the fixed parts with a year's out-of-pocket spending.
pub fn year_cost(
    fixed: &Fixed,
    household: &Household,
    out_of_pocket: Money,
    hra_used: Money,
    hsa_contribution: Money,
) -> YearCost {
    let contribution = hsa_contribution.min(fixed.hsa_room);
    let tax_savings = fixed.premium_tax_savings + household.tax.hsa_savings(contribution);
    let gross = fixed.premium + fixed.surcharges + out_of_pocket;
    let credits = fixed.employer_hsa + tax_savings;
    YearCost {
        fixed: fixed.clone(),
        out_of_pocket,
        hra_used,
        hsa_contribution: contribution,
        tax_savings,
        net: if gross >= credits {
            gross - credits
        } else {
            Money::ZERO - (credits - gross)
        },
    }
}

/// The suggested HSA contribution: enough to pay the expected out-of-pocket costs before tax,
/// within the yearly limit.
pub fn suggested_hsa(fixed: &Fixed, expected_out_of_pocket: Money) -> Money {
    if !fixed.hsa_qualified {
        return Money::ZERO;
    }
    expected_out_of_pocket
        .saturating_sub(fixed.employer_hsa)
        .min(fixed.hsa_room)
}

/// The worst case: premium + surcharges + the in-network out-of-pocket maximum − HRA credit −
/// employer HSA − tax savings, plus `uncapped`: the expected year's costs that do not count toward
/// the maximum (copays that never stop, care the plan does not cover). `None` when the plan has
/// no out-of-pocket maximum.
pub fn worst_case(
    plan: &LoadedPlan,
    fixed: &Fixed,
    household: &Household,
    hsa_contribution: Money,
    uncapped: Money,
) -> Option<Money> {
    let tier = &plan.plan.tiers[fixed.tier];
    let max = tier.out_of_pocket[0]?;
    let people = household.people.len();
    let oop = match (plan.plan.out_of_pocket_rule, max.family) {
        (_, None) => max.individual,
        (costshare_engine::FamilyRule::Aggregate, Some(f)) => f,
        (costshare_engine::FamilyRule::Embedded, Some(f)) => {
            f.min(Money::from_cents(max.individual.cents() * people as i64))
        }
    };
    let member_max = oop.saturating_sub(fixed.hra_credit) + uncapped;
    Some(year_cost(fixed, household, member_max, Money::ZERO, hsa_contribution).net)
}

/// What a run's member share has beyond what counted toward the out-of-pocket maximum.
pub fn uncapped(plan: &LoadedPlan, run: &Run) -> Money {
    let share = run.adjudication.family.member_paid
        + run.adjudication.family.hra_paid
        + (run.member_paid - run.adjudication.family.member_paid);
    let counted =
        run.adjudication
            .claims
            .last()
            .map_or(Money::ZERO, |r| match plan.plan.accumulation {
                costshare_engine::Accumulation::Separate => {
                    r.after.family_out_of_pocket[0] + r.after.family_out_of_pocket[1]
                }
                costshare_engine::Accumulation::Shared => r.after.family_out_of_pocket[0],
            });
    share.saturating_sub(counted)
}

/// Adjudicates the lines a plan pays for. Returns the adjudication, the claims, the line index
/// of each claim, and the lines the plan does not list (paid in full by the member).
pub struct Run {
    /// The engine's result.
    pub adjudication: Adjudication,
    /// Claims as given to the engine.
    pub claims: Vec<Claim>,
    /// For each claim, its line index.
    pub origin: Vec<usize>,
    /// Lines the plan does not list.
    pub unlisted: Vec<usize>,
    /// What the member pays in total, including unlisted care.
    pub member_paid: Money,
}

/// Runs a year of lines through a plan.
pub fn run(
    plan: &LoadedPlan,
    tier: usize,
    household: &Household,
    lines: &[CareLine],
    route: Route,
    explain: bool,
) -> Result<Run, String> {
    let map = plan_map(&plan.plan);
    let mut claims = Vec::new();
    let mut origin = Vec::new();
    let unlisted = claims_for(
        plan,
        &map,
        &year_days(&plan.plan),
        lines,
        route,
        &mut claims,
        &mut origin,
    );
    let adjudication = adjudicate(
        &plan.plan,
        tier,
        &household.members(),
        &claims,
        Options {
            explain,
            ..Options::default()
        },
    )
    .map_err(|e| e.to_string())?;
    let unlisted_cost: Money = unlisted.iter().map(|&i| lines[i].billed).sum();
    let member_paid = adjudication.family.member_paid + unlisted_cost;
    Ok(Run {
        adjudication,
        claims,
        origin,
        unlisted,
        member_paid,
    })
}

/// The route for a plan kind.
pub fn route_for(kind: PlanKind) -> Route {
    match kind {
        PlanKind::Medical => Route::Medical,
        PlanKind::Dental => Route::Dental,
        PlanKind::Vision => Route::Vision,
    }
}

/// True for a drug claim.
pub fn is_drug(c: &Claim) -> bool {
    matches!(c.kind, ClaimKind::Drug(_))
}
