//! IRS limits for HSAs and HSA-qualified plans, by year, and the check of a plan against them.

use crate::model::{DrugDeductibleFile, PlanFile};
use crate::problem::Problem;
use crate::values::Amount;
use costshare_json::FromJson;
use std::sync::OnceLock;

/// The IRS figures for one calendar year.
#[derive(Clone, Debug, PartialEq, Eq, FromJson)]
#[serde(deny_unknown_fields)]
pub struct IrsYear {
    /// Calendar year.
    pub year: i32,
    /// HSA contribution limit, self-only coverage.
    pub hsa_contribution_self: Amount,
    /// HSA contribution limit, family coverage.
    pub hsa_contribution_family: Amount,
    /// Extra contribution allowed from age 55.
    pub catch_up_55: Amount,
    /// Least deductible of an HSA-qualified plan, self-only.
    pub hdhp_min_deductible_self: Amount,
    /// Least deductible, family.
    pub hdhp_min_deductible_family: Amount,
    /// Highest out-of-pocket maximum, self-only.
    pub hdhp_max_out_of_pocket_self: Amount,
    /// Highest out-of-pocket maximum, family.
    pub hdhp_max_out_of_pocket_family: Amount,
    /// Where the figures come from.
    pub source: String,
    /// The ACA's limit on in-network out-of-pocket costs, self-only coverage: also each person's
    /// limit inside family coverage (years the ACA sets one).
    #[serde(default)]
    pub aca_max_out_of_pocket_self: Option<Amount>,
    /// The ACA's limit for other than self-only coverage.
    #[serde(default)]
    pub aca_max_out_of_pocket_other: Option<Amount>,
    /// Where the ACA figures come from.
    #[serde(default)]
    pub aca_source: Option<String>,
}

/// `data/irs-limits.json` as compiled in, without its `about` text (build.rs).
#[derive(FromJson)]
struct IrsFile {
    years: Vec<IrsYear>,
}

/// Every year on file.
pub fn irs_years() -> &'static [IrsYear] {
    static YEARS: OnceLock<Vec<IrsYear>> = OnceLock::new();
    YEARS.get_or_init(|| {
        costshare_json::from_str::<IrsFile>(include_str!(concat!(
            env!("OUT_DIR"),
            "/irs-limits.json"
        )))
        .map(|f| f.years)
        .unwrap_or_default()
    })
}

/// The IRS figures for `year`, if on file.
pub fn irs_year(year: i32) -> Option<&'static IrsYear> {
    irs_years().iter().find(|y| y.year == year)
}

/// Checks a plan that says it is HSA-qualified against the IRS limits for its plan year.
/// Returns warnings: the file still works, but HSA tax savings should not be counted.
#[inline(never)] // see validate::check_plan
pub fn check_hsa(file: &PlanFile) -> Vec<Problem> {
    let mut out = Vec::new();
    let Some(hsa) = &file.hsa else { return out };
    if !hsa.eligible {
        return out;
    }
    let year = chrono::Datelike::year(&file.plan_year.start);
    let Some(irs) = irs_year(year) else {
        out.push(Problem::warning(
            "hsa.eligible",
            format!("costshare has no IRS limits for {year}, so HSA eligibility was not checked"),
        ));
        return out;
    };
    let warn = |path: String, what: String| {
        Problem::warning(
            path,
            format!(
                "{what}, so under the {year} IRS limits ({}) the plan would not be HSA-qualified",
                irs.source
            ),
        )
    };
    for (i, tier) in file.tiers.iter().enumerate() {
        let warn = |path: String, what: String| warn(path, format!("{}: {what}", tier.name));
        let family_tier = tier.covers_family();
        if let Some(d) = &tier.deductible {
            let ind = d.in_network.individual.0;
            if family_tier {
                let min = irs.hdhp_min_deductible_family.0;
                let fam = d.in_network.family.map_or(ind, |f| f.0);
                if fam < min {
                    out.push(warn(
                        format!("tiers[{i}].deductible.in_network.family"),
                        format!(
                            "the family deductible {} is below the {} minimum",
                            usd(fam),
                            usd(min)
                        ),
                    ));
                }
                if file.family_deductible == crate::model::FamilyRule::Embedded && ind < min {
                    out.push(warn(format!("tiers[{i}].deductible.in_network.individual"), format!("the embedded individual deductible {} in family coverage is below the {} family minimum", usd(ind), usd(min))));
                }
            } else if ind < irs.hdhp_min_deductible_self.0 {
                out.push(warn(
                    format!("tiers[{i}].deductible.in_network.individual"),
                    format!(
                        "the deductible {} is below the {} minimum",
                        usd(ind),
                        usd(irs.hdhp_min_deductible_self.0)
                    ),
                ));
            }
        } else {
            out.push(warn(
                format!("tiers[{i}].deductible"),
                "the tier has no deductible".into(),
            ));
        }
        if let Some(o) = &tier.out_of_pocket_max {
            let (amount, max) = if family_tier {
                (
                    o.in_network.family.unwrap_or(o.in_network.individual).0,
                    irs.hdhp_max_out_of_pocket_family.0,
                )
            } else {
                (o.in_network.individual.0, irs.hdhp_max_out_of_pocket_self.0)
            };
            if amount > max {
                out.push(warn(
                    format!("tiers[{i}].out_of_pocket_max.in_network"),
                    format!(
                        "the out-of-pocket maximum {} is above the {} limit",
                        usd(amount),
                        usd(max)
                    ),
                ));
            }
        } else {
            out.push(warn(
                format!("tiers[{i}].out_of_pocket_max"),
                "the tier has no out-of-pocket maximum".into(),
            ));
        }
    }
    if let Some(drugs) = &file.drugs {
        match &drugs.deductible {
            DrugDeductibleFile::None => out.push(warn(
                "drugs.deductible".into(),
                "drugs are paid before the deductible".into(),
            )),
            // Drugs paid after a smaller deductible of their own are paid before the least
            // deductible the IRS allows.
            DrugDeductibleFile::Separate(d) => {
                let self_min = irs.hdhp_min_deductible_self.0;
                let family_min = irs.hdhp_min_deductible_family.0;
                let any_family = file.tiers.iter().any(|t| t.covers_family());
                let family = d.family.map_or(d.individual.0, |f| f.0);
                if d.individual.0 < self_min {
                    out.push(warn(
                        "drugs.deductible.separate.individual".into(),
                        format!("the separate drug deductible {} is below the {} minimum, so drugs are paid before it", usd(d.individual.0), usd(self_min)),
                    ));
                } else if any_family && family < family_min {
                    out.push(warn(
                        "drugs.deductible.separate.family".into(),
                        format!("the separate family drug deductible {} is below the {} family minimum, so drugs are paid before it", usd(family), usd(family_min)),
                    ));
                }
            }
            DrugDeductibleFile::Medical => {}
        }
        // A tier that skips the deductible pays drugs before it; preventive drugs may
        // (`preventive_skips_deductible`, IRS Notices 2004-23 and 2019-45), a whole tier may not.
        if drugs.deductible != DrugDeductibleFile::None {
            for (i, t) in drugs.tiers.iter().enumerate() {
                if t.deductible == Some(crate::model::DeductibleRule::Waived) {
                    out.push(warn(
                        format!("drugs.tiers[{i}].deductible"),
                        format!("{} drugs are paid before the deductible (only preventive drugs may be: \"preventive_skips_deductible\", IRS Notice 2019-45)", t.name),
                    ));
                }
            }
        }
    }
    // Only preventive care may be paid before the deductible (IRS Notice 2004-23), and
    // telehealth in the plan years the law allows it.
    let telehealth_allowed = telehealth_before_deductible(file.plan_year.start);
    for (i, s) in file.services.iter().enumerate() {
        let b = &s.in_network;
        let member_pays_all = b
            .coinsurance
            .is_some_and(|c| c.0 >= rust_decimal::Decimal::ONE_HUNDRED);
        let telehealth = TELEHEALTH_SERVICES.contains(&s.id.as_str());
        if b.covered
            && b.deductible == Some(crate::model::DeductibleRule::Waived)
            && !member_pays_all
            && !PREVENTIVE_SERVICES.contains(&s.id.as_str())
            && !(telehealth && telehealth_allowed)
        {
            let message = if telehealth {
                format!(
                    "{} is paid before the deductible, which an HSA-qualified plan may do for telehealth only in plan years that start from 2020 to 2021 (CARES Act section 3701) or from 2023 on (Consolidated Appropriations Act, 2023, section 4151; made permanent from 2025 by Public Law 119-21, section 71306), so the plan would not be HSA-qualified",
                    s.name
                )
            } else {
                format!(
                    "{} is paid before the deductible, which an HSA-qualified plan may do only for preventive care (IRS Notice 2004-23) and telehealth, so the plan would not be HSA-qualified{SERVICE_IDS_HINT}",
                    s.name
                )
            };
            out.push(Problem::warning(
                format!("services[{i}].in_network.deductible"),
                message,
            ));
        }
    }
    out
}

/// Said after a service that may not skip an HSA plan's deductible, to the file's author; the
/// decision model leaves it out of what it tells a person.
pub const SERVICE_IDS_HINT: &str =
    " (preventive care and telehealth have their own service ids: README, \"Plan files\")";

/// The services an HSA-qualified plan may pay before the deductible as telehealth, in the plan
/// years [`telehealth_before_deductible`] allows.
pub const TELEHEALTH_SERVICES: &[&str] = &["telehealth_visit"];

/// Whether an HSA-qualified plan whose plan year starts on `start` may pay telehealth before the
/// deductible: plan years starting in 2020 or 2021 (CARES Act section 3701), and from 2023 on
/// (Consolidated Appropriations Act, 2023, section 4151, for 2023 and 2024; Public Law 119-21,
/// section 71306, permanently from 2025). The Consolidated Appropriations Act, 2022 covered only
/// April to December 2022, so a plan year starting in 2022 does not qualify for all of it.
pub fn telehealth_before_deductible(start: chrono::NaiveDate) -> bool {
    matches!(chrono::Datelike::year(&start), 2020 | 2021) || chrono::Datelike::year(&start) >= 2023
}

/// Checks a medical plan's in-network out-of-pocket maximum against the ACA's limit for its plan
/// year: no more than the self-only limit for one person (also inside family coverage, where the
/// limit applies to each person) and the other limit for a family; a separate drug maximum counts
/// with the medical one. Warnings: the plan is still priced as written.
pub fn check_aca(file: &PlanFile) -> Vec<Problem> {
    let mut out = Vec::new();
    if file.kind != crate::model::PlanKind::Medical {
        return out;
    }
    let year = chrono::Datelike::year(&file.plan_year.start);
    let Some((self_only, other, source)) = irs_year(year).and_then(|y| {
        Some((
            y.aca_max_out_of_pocket_self?,
            y.aca_max_out_of_pocket_other?,
            y.aca_source.as_deref()?,
        ))
    }) else {
        return out;
    };
    let drugs = |family: bool| -> rust_decimal::Decimal {
        match file.drugs.as_ref().map(|d| &d.out_of_pocket) {
            Some(crate::model::DrugOutOfPocketFile::Separate(a)) => {
                if family {
                    a.family.unwrap_or(a.individual).0
                } else {
                    a.individual.0
                }
            }
            _ => rust_decimal::Decimal::ZERO,
        }
    };
    let limit = |what: String, max: Amount, whose: &str| {
        format!(
            "{what}, above the {year} limit of {} on in-network out-of-pocket costs{whose} ({source}); the plan is priced as written",
            usd(max.0)
        )
    };
    for (i, tier) in file.tiers.iter().enumerate() {
        let family_tier = tier.covers_family();
        let Some(o) = &tier.out_of_pocket_max else {
            out.push(Problem::warning(
                format!("tiers[{i}].out_of_pocket_max"),
                format!("{}: the tier has no out-of-pocket maximum, which the ACA requires from 2014 ({source})", tier.name),
            ));
            continue;
        };
        let n = &o.in_network;
        let aggregate =
            family_tier && file.family_out_of_pocket_max == crate::model::FamilyRule::Aggregate;
        // With an aggregate family maximum one person can fill the whole family amount.
        let medical = if aggregate {
            n.family.unwrap_or(n.individual).0
        } else {
            n.individual.0
        };
        let person = medical + drugs(false);
        // The sum said as one, with its parts where a drug maximum is added.
        let sum = |medical: rust_decimal::Decimal, drug: rust_decimal::Decimal| {
            if drug.is_zero() {
                usd(medical + drug)
            } else {
                format!(
                    "{} ({} and the separate drug maximum of {})",
                    usd(medical + drug),
                    usd(medical),
                    usd(drug)
                )
            }
        };
        if person > self_only.0 {
            let amount = sum(medical, drugs(false));
            let what = match (family_tier, aggregate) {
                (false, _) => format!("{}: the out-of-pocket maximum is {amount}", tier.name),
                (true, true) => format!(
                    "{}: one person can pay up to {amount} (an aggregate family maximum)",
                    tier.name
                ),
                (true, false) => format!(
                    "{}: each person's out-of-pocket maximum is {amount}",
                    tier.name
                ),
            };
            let whose = if family_tier {
                ", which applies to each person"
            } else {
                ""
            };
            out.push(Problem::warning(
                format!("tiers[{i}].out_of_pocket_max.in_network.individual"),
                limit(what, self_only, whose),
            ));
        }
        if family_tier {
            let family = n.family.unwrap_or(n.individual).0 + drugs(true);
            if family > other.0 {
                out.push(Problem::warning(
                    format!("tiers[{i}].out_of_pocket_max.in_network.family"),
                    limit(
                        format!(
                            "{}: the family out-of-pocket maximum is {}",
                            tier.name,
                            sum(n.family.unwrap_or(n.individual).0, drugs(true))
                        ),
                        other,
                        " for other than self-only coverage",
                    ),
                ));
            }
        }
    }
    out
}

/// The services an HSA-qualified plan may pay before the deductible: preventive care (IRS
/// Notice 2004-23), by the ids the built-in plans and the decision model use.
pub const PREVENTIVE_SERVICES: &[&str] = &[
    "preventive_office_visit",
    "child_wellness_visit",
    "child_immunizations",
    "adult_immunizations",
    "mammogram_screening",
    "psa_pap_screening",
    "colonoscopy_screening",
    "preventive_lab_xray",
];

/// Checks the employer's HSA money of a plan against the year's contribution limit (all
/// contributions together, before the age-55 catch-up). Money above it is not counted
/// (the decision model caps it); the plan stays HSA-qualified.
pub fn check_hsa_contributions(file: &PlanFile) -> Vec<Problem> {
    let Some(hsa) = file.hsa.as_ref().filter(|h| h.eligible) else {
        return Vec::new();
    };
    let year = chrono::Datelike::year(&file.plan_year.start);
    let Some(irs) = irs_year(year) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for tier in &file.tiers {
        let Some(money) = hsa.employer_contribution.get(&tier.id) else {
            continue;
        };
        let family = tier.covers_family();
        let limit = if family {
            irs.hsa_contribution_family.0
        } else {
            irs.hsa_contribution_self.0
        };
        if money.value.0 > limit {
            out.push(Problem::warning(
                format!("hsa.employer_contribution.{}", tier.id),
                format!(
                    "{}: the employer's {} is above the {year} limit of {} on all HSA contributions ({}); only {} is counted",
                    tier.name,
                    usd(money.value.0),
                    usd(limit),
                    irs.source,
                    usd(limit)
                ),
            ));
        }
    }
    out
}

/// An amount as the site shows it: `$1,150`, or `$1,150.50` when it has cents.
fn usd(amount: rust_decimal::Decimal) -> String {
    match costshare_engine::Money::from_decimal(amount) {
        Ok(m) => m.to_string().trim_end_matches(".00").to_string(),
        Err(_) => format!("${amount}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn limits_load_for_known_years() {
        let y = irs_year(2026).unwrap();
        assert_eq!(y.hsa_contribution_family.0, dec!(8750));
        assert_eq!(
            irs_year(2010).unwrap().hdhp_min_deductible_self.0,
            dec!(1200)
        );
        assert!(irs_year(1999).is_none());
    }

    #[test]
    fn amounts_in_warnings_read_as_on_the_site() {
        assert_eq!(usd(dec!(1150)), "$1,150");
        assert_eq!(usd(dec!(1150.50)), "$1,150.50");
        assert_eq!(usd(dec!(0.5)), "$0.50");
    }
}
