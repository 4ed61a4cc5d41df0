//! The first stage of a comparison: the household resolved once, against the catalog's plan
//! year, into what every later stage needs (tax rules for the person's status and year, pay
//! frequency, Medicare, out-of-network use) and the problems and notices that concern the whole
//! household rather than one option.

use crate::household::{Household, HouseholdError, Status};
use crate::tax::{TaxRules, TaxStatus, resolve as resolve_tax};
use costshare_engine::{PlanKind, Relationship};
use costshare_plan::LoadedPlan;

/// A household resolved for a catalog.
#[derive(Clone, Debug)]
pub struct Resolved<'a> {
    /// The household as entered.
    pub household: &'a Household,
    /// The plan year (the tax year of the comparison).
    pub year: i32,
    /// Tax rules for that year and the person's status.
    pub tax: TaxRules,
    /// Paychecks a year, for premiums the person entered per paycheck.
    pub paychecks: u16,
    /// A retiree with Medicare: Medicare pays first, which the model does not yet do.
    pub medicare_primary: bool,
    /// Anyone expects out-of-network care.
    pub uses_out_of_network: bool,
    /// Things to say once, for the whole comparison.
    pub notices: Vec<String>,
    /// The day of the plan year a baby is due: the household's month, else
    /// [`ASSUMED_DUE_MONTH`]'s, when someone is having a baby.
    pub due_day: Option<u16>,
    /// The day of the plan year a baby born this year is born (set with the expected year's
    /// care, from its delivery).
    pub birth_day: Option<u16>,
}

/// The day a catalog's plan year starts: its first medical plan's, else its first plan's.
pub fn year_start(catalog: &[LoadedPlan]) -> Option<chrono::NaiveDate> {
    catalog
        .iter()
        .find(|p| p.plan.kind == PlanKind::Medical)
        .or(catalog.first())
        .map(|p| p.plan.year_start)
}

/// The plan year a catalog is for: the year its plan year starts in ([`year_start`]).
pub fn plan_year(catalog: &[LoadedPlan]) -> Option<i32> {
    year_start(catalog).map(|d| chrono::Datelike::year(&d))
}

/// Resolves the household; problems come back with field paths.
#[inline(never)] // see compare::run_stage
pub fn resolve<'a>(
    catalog: &[LoadedPlan],
    household: &'a Household,
) -> Result<Resolved<'a>, Vec<HouseholdError>> {
    let mut problems = household.check();
    problems.extend(dependent_problems(catalog, household));
    let year = plan_year(catalog).unwrap_or(2010);
    let owner_has_medicare = household.employee().is_some_and(|p| p.medicare);
    let retiree = household.status == Status::Retiree;
    let tax = if problems.iter().any(|p| p.path.starts_with("tax.")) {
        Err(Vec::new())
    } else {
        resolve_tax(
            &household.tax,
            year,
            TaxStatus {
                payroll: !retiree,
                owner_has_medicare,
            },
        )
    };
    let tax = match tax {
        Ok(t) => Some(t),
        Err(p) => {
            problems.extend(p);
            None
        }
    };
    let (Some(tax), true) = (tax, problems.is_empty()) else {
        return Err(problems);
    };
    let medicare_primary = retiree && household.people.iter().any(|p| p.medicare);
    let mut notices = Vec::new();
    if medicare_primary {
        notices.push(MEDICARE_PRIMARY.to_string());
    }
    // One year of care is dated for every plan: plans whose years start on other dates are
    // compared on the first medical plan's calendar, which is said.
    if let Some(start) = year_start(catalog) {
        let others: Vec<&str> = catalog
            .iter()
            .filter(|p| p.plan.year_start != start)
            .map(|p| p.file.name.as_str())
            .collect();
        if !others.is_empty() {
            notices.push(format!(
                "Not every plan here has the same plan year: {} {} on another date than {start}. The year's care is dated from {start} for every plan, so compare plans of one plan year.",
                others.join("; "),
                if others.len() == 1 { "starts" } else { "start" }
            ));
        }
    }
    // Ages and Medicare hold for the whole year: someone who may turn 65 in it is told what a
    // Medicare start during the year would change, which the model does not follow.
    let turning: Vec<&str> = household
        .people
        .iter()
        .filter(|p| p.relationship != Relationship::Child && p.age == 64 && !p.medicare)
        .map(|p| p.name.as_str())
        .collect();
    if !turning.is_empty() {
        notices.push(format!(
            "{} {} 64: each age and \"Has Medicare\" count for the whole year here. If Medicare starts during the plan year (usually the month of the 65th birthday), HSA contributions stop from that month, as the year's HSA limit counts only the months without Medicare (IRC 223(b)(7)), and for a retiree this plan pays second from then on (SHBP p.77); neither is modelled.",
            turning.join(" and "),
            if turning.len() == 1 { "is" } else { "are" }
        ));
    }
    // A premium for a plan (or tier) the catalog does not have is not used: say so, rather than
    // quietly keep the example premium a misspelt id leaves in place. (A saved household may
    // carry premiums of another catalog's plans: a notice, not a problem.)
    let unused: Vec<&str> = household
        .premiums
        .keys()
        .map(String::as_str)
        .filter(|key| {
            let (plan, tier) = key.split_once(':').unwrap_or((key, ""));
            !catalog.iter().any(|p| {
                p.file.id == plan && (tier.is_empty() || p.file.tiers.iter().any(|t| t.id == tier))
            })
        })
        .collect();
    if !unused.is_empty() {
        notices.push(if unused.len() == 1 {
            format!(
                "The premium entered for \"{}\" is not used: no plan in this catalog has that id (plan, or plan:tier).",
                unused[0]
            )
        } else {
            format!(
                "The premiums entered for \"{}\" are not used: no plans in this catalog have those ids (plan, or plan:tier).",
                unused.join("\", \"")
            )
        });
    }
    Ok(Resolved {
        household,
        year,
        tax,
        paychecks: household.pay_frequency.per_year(),
        medicare_primary,
        uses_out_of_network: household
            .people
            .iter()
            .any(|p| p.out_of_network_percent > 0),
        notices,
        due_day: household
            .baby_due_month
            .or(household.expects_baby().then_some(ASSUMED_DUE_MONTH))
            .and_then(|m| crate::expected::due_day(year_start(catalog)?, m)),
        birth_day: None,
    })
}

/// The month a baby is assumed due when the household does not say (the birth on its 15th, in
/// the expected year and in every simulated year alike).
pub const ASSUMED_DUE_MONTH: u8 = 9;

/// How the notice for a baby born this year starts (the month and the tiers follow): the
/// premiums with the baby are counted from the month of the birth, the smaller tier's before.
pub const NEWBORN_PREMIUMS: &str = "The baby's premiums are counted from ";

/// How the notice for a baby due this year starts when no plan's tier changes.
pub const NEWBORN_DUE: &str = "The baby is due in ";

/// What the page and the report say while coordination with Medicare is not modelled.
pub const MEDICARE_PRIMARY: &str = "For a retiree with Medicare, Medicare pays first and this plan pays second. costshare does not model that yet: costs here are shown as if this plan paid first, so what you pay for care is overstated, often by most of it (Medicare Part A and Part B would pay the larger share of each bill before this plan).";

/// Children too old for a plan that states its age limits (for example "under age 19, or under
/// 26 as full-time students").
fn dependent_problems(catalog: &[LoadedPlan], household: &Household) -> Vec<HouseholdError> {
    let mut out: Vec<HouseholdError> = Vec::new();
    for (i, p) in household.people.iter().enumerate() {
        if p.relationship != Relationship::Child || p.disabled {
            continue;
        }
        for plan in catalog {
            let f = &plan.file;
            let Some(limit) = &f.children_covered_under_age else {
                continue;
            };
            if p.age < limit.value {
                continue;
            }
            let students = f.students_covered_under_age.as_ref();
            if p.student && students.is_some_and(|s| p.age < s.value) {
                continue;
            }
            let cite = |s: &Option<String>| {
                s.as_deref()
                    .map(|s| format!(" ({})", f.cite(s)))
                    .unwrap_or_default()
            };
            let rule = match students {
                Some(s) => format!(
                    "children under {}, or under {} if they are full-time students{}",
                    limit.value,
                    s.value,
                    cite(&s.source)
                ),
                None => format!("children under {}{}", limit.value, cite(&limit.source)),
            };
            let hint = if students.is_some_and(|s| p.age < s.value) {
                " Tick “full-time student” or “disabled” if either applies."
            } else {
                " Tick “disabled” if that applies."
            };
            let message = format!(
                "{} ({}) is too old to be covered as a child by {}: it covers {rule}, and disabled children who depend on you at any age.{hint}",
                p.name, p.age, f.name
            );
            let path = format!("people[{i}].age");
            if !out.iter().any(|e| e.path == path) {
                out.push(HouseholdError { path, message });
            }
        }
    }
    out
}
