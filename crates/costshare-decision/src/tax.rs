//! Tax savings from pre-tax premiums and HSA contributions, by tax year and by who the person is
//! (`data/tax.json` cites every rate).
//!
//! A [`TaxProfile`] is what the person entered (rates may be left out); [`TaxRules`] is that
//! profile resolved for the plan year and the person's status, once, before anything is costed.

use crate::problem::HouseholdError;
use costshare_engine::{Money, Rate};
use costshare_json::Entries;
use costshare_json::FromJson;
use costshare_plan::{Percent, irs_year};
use std::sync::OnceLock;

/// The household's tax situation as entered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaxProfile {
    /// Federal income tax bracket (marginal rate); `None` uses the plan year's default.
    pub federal: Option<Rate>,
    /// State income tax rate (marginal); `None` uses the state's rate for the plan year.
    pub state_rate: Option<Rate>,
    /// Two-letter state code, for example `GA`.
    pub state: String,
    /// Whether wages are under the Social Security wage base, so payroll deductions also save
    /// Social Security tax (otherwise only the Medicare part).
    pub under_wage_base: bool,
}

impl Default for TaxProfile {
    fn default() -> TaxProfile {
        TaxProfile {
            federal: None,
            state_rate: None,
            state: "GA".into(),
            under_wage_base: true,
        }
    }
}

impl TaxProfile {
    /// Checks what does not depend on the year.
    pub fn check(&self) -> Vec<HouseholdError> {
        let mut out = Vec::new();
        if let (Some(f), Ok(d)) = (self.federal, data())
            && !d
                .federal_brackets
                .iter()
                .flat_map(|b| &b.brackets)
                .any(|p| rate(*p) == f)
        {
            out.push(HouseholdError {
                path: "tax.federal_bracket".into(),
                message: format!("{f} is not a federal tax bracket"),
            });
        }
        if self
            .state_rate
            .is_some_and(|r| r > Rate::from_percent(15).unwrap_or(Rate::FULL))
        {
            out.push(HouseholdError {
                path: "tax.state_rate".into(),
                message: "state income tax rates are at most 15%".into(),
            });
        }
        if self.state.len() != 2 || !self.state.chars().all(|c| c.is_ascii_uppercase()) {
            out.push(HouseholdError {
                path: "tax.state".into(),
                message: "use the two-letter state code, like GA".into(),
            });
        }
        out
    }
}

/// Who pays the premium and how, which decides what is tax-free.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TaxStatus {
    /// An active employee pays premiums through payroll before tax (IRC 125); a retiree pays
    /// them from a pension after tax.
    pub payroll: bool,
    /// The HSA's owner (the employee) is enrolled in Medicare: no HSA contributions at all,
    /// not even the employer's (IRC 223(b)(7)).
    pub owner_has_medicare: bool,
}

/// The tax rules for one plan year and one person, every rate with its source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaxRules {
    /// Tax year.
    pub year: i32,
    /// Federal marginal rate.
    pub federal: Rate,
    /// State marginal rate.
    pub state_rate: Rate,
    /// State code.
    pub state: String,
    /// Social Security + Medicare rate saved on payroll deductions (0 when not through payroll).
    pub payroll: Rate,
    /// Premiums are paid before tax.
    pub premiums_pretax: bool,
    /// HSA money is allowed (the owner has no Medicare).
    pub hsa_allowed: bool,
    /// HSA contributions go through payroll (so they also save payroll tax).
    pub hsa_through_payroll: bool,
    /// The state taxes HSA contributions, the employer's included.
    pub state_taxes_hsa: bool,
    /// The state taxes premiums paid through payroll (it does not follow IRC 125).
    pub state_taxes_premiums: bool,
    /// One line per rule applied, with its source, for the page and the report.
    pub notes: Vec<String>,
}

impl TaxRules {
    /// What paying `amount` of premium (and surcharges) saves in tax.
    pub fn premium_savings(&self, amount: Money) -> Money {
        if !self.premiums_pretax {
            return Money::ZERO;
        }
        let state = if self.state_taxes_premiums {
            Money::ZERO
        } else {
            amount.times(self.state_rate)
        };
        amount.times(self.federal) + state + amount.times(self.payroll)
    }

    /// What the employee's own HSA contribution of `amount` saves.
    pub fn hsa_savings(&self, amount: Money) -> Money {
        if !self.hsa_allowed {
            return Money::ZERO;
        }
        let state = if self.state_taxes_hsa {
            Money::ZERO
        } else {
            amount.times(self.state_rate)
        };
        let payroll = if self.hsa_through_payroll {
            amount.times(self.payroll)
        } else {
            Money::ZERO
        };
        amount.times(self.federal) + state + payroll
    }

    /// State tax owed on the employer's HSA contribution where the state counts it as wages.
    pub fn employer_hsa_state_tax(&self, employer: Money) -> Money {
        if self.state_taxes_hsa {
            employer.times(self.state_rate)
        } else {
            Money::ZERO
        }
    }
}

#[derive(FromJson)]
#[cfg_attr(test, derive(Debug, PartialEq))]
struct TaxData {
    sources: Entries<String>,
    federal_brackets: Vec<BracketEntry>,
    payroll: Vec<PayrollEntry>,
    state_rates: Entries<Vec<StateEntry>>,
    states_taxing_hsa: Vec<StateRule>,
    states_taxing_premiums: Vec<StateRule>,
}

#[derive(FromJson)]
#[cfg_attr(test, derive(Debug, PartialEq))]
struct BracketEntry {
    from: i32,
    to: i32,
    brackets: Vec<Percent>,
    default: Percent,
    source: String,
    assumption: String,
}

#[derive(FromJson)]
#[cfg_attr(test, derive(Debug, PartialEq))]
struct PayrollEntry {
    from: i32,
    to: i32,
    social_security: Percent,
    medicare: Percent,
    source: String,
}

#[derive(FromJson)]
#[cfg_attr(test, derive(Debug, PartialEq))]
struct StateEntry {
    from: i32,
    to: i32,
    rate: Percent,
    source: String,
}

#[derive(FromJson)]
#[cfg_attr(test, derive(Debug, PartialEq))]
struct StateRule {
    state: String,
    from: i32,
    to: i32,
    source: String,
}

fn data() -> Result<&'static TaxData, String> {
    static DATA: OnceLock<Result<TaxData, String>> = OnceLock::new();
    DATA.get_or_init(|| {
        let d: TaxData =
            costshare_json::from_str(include_str!(concat!(env!("OUT_DIR"), "/tax.json")))
                .map_err(|e| format!("data/tax.json: {e}"))?;
        let cited = |s: &str| {
            s.split("; ")
                .all(|k| d.sources.contains_key(k))
                .then_some(())
                .ok_or_else(|| format!("data/tax.json: unknown source {s}"))
        };
        for b in &d.federal_brackets {
            cited(&b.source)?;
        }
        for p in &d.payroll {
            cited(&p.source)?;
        }
        for s in d.state_rates.values().flatten() {
            cited(&s.source)?;
        }
        for s in d.states_taxing_hsa.iter().chain(&d.states_taxing_premiums) {
            cited(&s.source)?;
        }
        Ok(d)
    })
    .as_ref()
    .map_err(Clone::clone)
}

fn rate(p: Percent) -> Rate {
    Rate::from_fraction(p.fraction()).unwrap_or(Rate::ZERO)
}

fn in_year<T>(entries: &[T], year: i32, span: impl Fn(&T) -> (i32, i32)) -> Option<&T> {
    entries.iter().find(|e| {
        let (from, to) = span(e);
        (from..=to).contains(&year)
    })
}

fn problem(path: &str, message: String) -> HouseholdError {
    HouseholdError {
        path: path.into(),
        message,
    }
}

/// Resolves a profile for a tax year and a status. Fails when a rate is needed and there is no
/// rule for that year (the message says what to enter).
pub fn resolve(
    profile: &TaxProfile,
    year: i32,
    status: TaxStatus,
) -> Result<TaxRules, Vec<HouseholdError>> {
    let d = data().map_err(|e| vec![problem("", e)])?;
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    let source = |k: &str| {
        k.split("; ")
            .map(|k| d.sources.get(k).map_or(k, String::as_str))
            .collect::<Vec<_>>()
            .join("; ")
    };

    let brackets = in_year(&d.federal_brackets, year, |b| (b.from, b.to));
    let federal = match (profile.federal, brackets) {
        (Some(f), Some(b)) => {
            if !b.brackets.iter().any(|p| rate(*p) == f) {
                let list: Vec<String> = b.brackets.iter().map(|p| p.to_string()).collect();
                problems.push(problem(
                    "tax.federal_bracket",
                    format!(
                        "{f} is not a federal tax bracket in {year} (they were {})",
                        list.join(", ")
                    ),
                ));
            }
            f
        }
        (Some(f), None) => f,
        (None, Some(b)) => {
            notes.push(format!(
                "Federal tax bracket {}, the {year} default: {} (source: {}).",
                b.default,
                b.assumption,
                source(&b.source)
            ));
            rate(b.default)
        }
        (None, None) => {
            problems.push(problem(
                "tax.federal_bracket",
                format!("costshare has no federal brackets for {year}: enter your tax bracket"),
            ));
            Rate::ZERO
        }
    };

    let state_rate = match profile.state_rate {
        Some(r) => r,
        None => match d
            .state_rates
            .get(&profile.state)
            .and_then(|e| in_year(e, year, |s| (s.from, s.to)))
        {
            Some(s) => {
                notes.push(format!(
                    "State income tax {} ({} in {year}; source: {}).",
                    s.rate,
                    profile.state,
                    source(&s.source)
                ));
                rate(s.rate)
            }
            // A plan year after the data: the latest rate, said to be that year's (state rates
            // change by a fraction of a percent, and the person can enter theirs).
            None if let Some(s) = d
                .state_rates
                .get(&profile.state)
                .and_then(|e| e.iter().filter(|s| s.to < year).max_by_key(|s| s.to)) =>
            {
                notes.push(format!(
                    "State income tax {} ({}'s rate for {}, the latest costshare has; enter your own rate if it has changed for {year}; source: {}).",
                    s.rate,
                    profile.state,
                    s.to,
                    source(&s.source)
                ));
                rate(s.rate)
            }
            None => {
                problems.push(problem(
                    "tax.state_rate",
                    format!(
                        "costshare has no income tax rate for {} in {year}: enter your state income tax rate",
                        profile.state
                    ),
                ));
                Rate::ZERO
            }
        },
    };

    let payroll = match in_year(&d.payroll, year, |p| (p.from, p.to)) {
        Some(p) => {
            let medicare = rate(p.medicare);
            if status.payroll {
                notes.push(if profile.under_wage_base {
                    format!(
                        "Premiums taken from your pay before tax also save Social Security tax ({}) and Medicare tax ({}) in {year}: pay above the Social Security wage base saves only the Medicare part (source: {}).",
                        p.social_security,
                        p.medicare,
                        source(&p.source)
                    )
                } else {
                    format!(
                        "Premiums taken from your pay before tax also save Medicare tax ({}) in {year}; above the Social Security wage base they save no Social Security tax (source: {}).",
                        p.medicare,
                        source(&p.source)
                    )
                });
            }
            if profile.under_wage_base {
                let ss = rate(p.social_security);
                Rate::from_ppm(ss.ppm() + medicare.ppm()).unwrap_or(Rate::ZERO)
            } else {
                medicare
            }
        }
        None => {
            problems.push(problem(
                "tax.under_wage_base",
                format!("costshare has no payroll tax rates for {year}"),
            ));
            Rate::ZERO
        }
    };

    // A state rule that holds for the person's state in the plan year.
    let in_state = |rules: &'static [StateRule]| {
        rules
            .iter()
            .find(|s| s.state == profile.state && (s.from..=s.to).contains(&year))
    };
    let state_taxes_hsa = in_state(&d.states_taxing_hsa);
    if let Some(s) = state_taxes_hsa {
        notes.push(format!(
            "{} taxes HSA contributions as wages, the employer's included (source: {}).",
            s.state,
            source(&s.source)
        ));
    }
    let state_taxes_premiums = in_state(&d.states_taxing_premiums);
    if let Some(s) = state_taxes_premiums.filter(|_| status.payroll) {
        notes.push(format!(
            "{} taxes premiums taken from your pay before federal tax as wages: they save no state tax (source: {}).",
            s.state,
            source(&s.source)
        ));
    }
    if status.payroll {
        notes.push(format!(
            "A health care flexible spending account (FSA) is not counted: if your employer offers one, money you put in it for the care you expect saves the same taxes with any plan (source: {}).",
            source("irc-125-fsa")
        ));
    }
    if !status.payroll {
        notes.push(format!(
            "Retirees pay premiums from a pension, after tax: no tax savings on premiums; an HSA contribution is deducted on the tax return, so it saves income tax but not Social Security or Medicare tax (source: {}).",
            source("irc-125")
        ));
    }
    if status.owner_has_medicare {
        notes.push(format!(
            "With Medicare you cannot put money in an HSA or receive employer HSA money; an HSA plan can still be chosen, without the HSA (source: {}).",
            source("irc-223-b-7")
        ));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(TaxRules {
        year,
        federal,
        state_rate,
        state: profile.state.clone(),
        payroll: if status.payroll { payroll } else { Rate::ZERO },
        premiums_pretax: status.payroll,
        hsa_allowed: !status.owner_has_medicare,
        hsa_through_payroll: status.payroll,
        state_taxes_hsa: state_taxes_hsa.is_some(),
        state_taxes_premiums: state_taxes_premiums.is_some(),
        notes,
    })
}

/// The federal brackets of a tax year and its default, as percentages ("15%").
pub fn federal_brackets(year: i32) -> Option<(Vec<String>, String)> {
    let b = in_year(&data().ok()?.federal_brackets, year, |b| (b.from, b.to))?;
    Some((
        b.brackets.iter().map(|p| p.to_string()).collect(),
        b.default.to_string(),
    ))
}

/// The state's income tax rate for a tax year, where costshare has one ("6%").
pub fn state_rate(state: &str, year: i32) -> Option<String> {
    state_rate_used(state, year).map(|(rate, _)| rate)
}

/// The state rate the comparison uses for `year` when the person enters none, and the year it
/// is for: that year's, or for a year after the data the latest one (as `resolve` does).
pub fn state_rate_used(state: &str, year: i32) -> Option<(String, i32)> {
    let e = data().ok()?.state_rates.get(state)?;
    in_year(e, year, |s| (s.from, s.to))
        .map(|s| (s.rate.to_string(), year))
        .or_else(|| {
            e.iter()
                .filter(|s| s.to < year)
                .max_by_key(|s| s.to)
                .map(|s| (s.rate.to_string(), s.to))
        })
}

/// HSA contribution limit for a year and coverage, with the age-55 catch-up.
pub fn hsa_limit(year: i32, family: bool, age: u8) -> Option<Money> {
    let irs = irs_year(year)?;
    let base = if family {
        irs.hsa_contribution_family.0
    } else {
        irs.hsa_contribution_self.0
    };
    let catch_up = if age >= 55 {
        irs.catch_up_55.0
    } else {
        rust_decimal::Decimal::ZERO
    };
    Money::from_decimal(base + catch_up).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_rules_read_as_the_file_does() {
        // The build leaves out the texts written for people (`about`, sources' `note`).
        let file: TaxData = costshare_json::from_str(include_str!("../data/tax.json")).unwrap();
        assert_eq!(data().unwrap(), &file);
    }

    const EMPLOYEE: TaxStatus = TaxStatus {
        payroll: true,
        owner_has_medicare: false,
    };

    #[test]
    fn plan_year_defaults_come_from_that_year() {
        // 2010: 15% federal (default), Georgia 6% (O.C.G.A. 48-7-20), FICA 7.65% = 28.65%.
        let t = resolve(&TaxProfile::default(), 2010, EMPLOYEE).unwrap();
        assert_eq!(
            t.premium_savings(Money::from_dollars(1000)),
            Money::from_cents(28_650)
        );
        assert!(
            t.notes.iter().any(|n| n.contains("48-7-20")),
            "{:?}",
            t.notes
        );
        // 2011: Social Security was 4.2% for employees: 15% + 6% + 5.65% = 26.65%.
        let t = resolve(&TaxProfile::default(), 2011, EMPLOYEE).unwrap();
        assert_eq!(
            t.premium_savings(Money::from_dollars(1000)),
            Money::from_cents(26_650)
        );
        // 2024: 12% + Georgia 5.39% + 7.65% = 25.04%.
        let t = resolve(&TaxProfile::default(), 2024, EMPLOYEE).unwrap();
        assert_eq!(
            t.premium_savings(Money::from_dollars(1000)),
            Money::from_cents(25_040)
        );
    }

    #[test]
    fn a_plan_year_after_the_state_data_takes_the_latest_rate_and_says_so() {
        // 2026 (an employer's catalog for next year): Georgia's latest rate in the data is
        // 2025's 5.19% (HB 111). 12% + 5.19% + 7.65% = 24.84% of $1,000 = $248.40.
        let t = resolve(&TaxProfile::default(), 2026, EMPLOYEE).unwrap();
        assert_eq!(
            t.premium_savings(Money::from_dollars(1000)),
            Money::from_cents(24_840)
        );
        assert!(
            t.notes.iter().any(|n| n.starts_with(
                "State income tax 5.19% (GA's rate for 2025, the latest costshare has; enter your own rate if it has changed for 2026;"
            )),
            "{:?}",
            t.notes
        );
        // A year before the data is still a question for the person.
        let e = resolve(&TaxProfile::default(), 1999, EMPLOYEE).unwrap_err();
        assert!(e.iter().any(|p| p.path == "tax.state_rate"), "{e:?}");
    }

    #[test]
    fn the_payroll_tax_in_the_savings_is_said_and_stops_above_the_wage_base() {
        // 2010, pay under the wage base: $1,000 of premiums save 15% + 6% + 6.2% + 1.45%.
        let t = resolve(&TaxProfile::default(), 2010, EMPLOYEE).unwrap();
        assert!(
            t.notes.iter().any(|n| n.starts_with(
                "Premiums taken from your pay before tax also save Social Security tax (6.2%) and Medicare tax (1.45%) in 2010"
            )),
            "{:?}",
            t.notes
        );
        // Above it: 15% + 6% + 1.45% = 22.45%, $224.50, and the note says so.
        let above = TaxProfile {
            under_wage_base: false,
            ..TaxProfile::default()
        };
        let t = resolve(&above, 2010, EMPLOYEE).unwrap();
        assert_eq!(
            t.premium_savings(Money::from_dollars(1000)),
            Money::from_cents(22_450)
        );
        assert!(
            t.notes.iter().any(|n| n.starts_with(
                "Premiums taken from your pay before tax also save Medicare tax (1.45%) in 2010; above the Social Security wage base"
            )),
            "{:?}",
            t.notes
        );
        // A retiree's premiums come from a pension: no payroll note.
        let retiree = TaxStatus {
            payroll: false,
            owner_has_medicare: false,
        };
        let t = resolve(&TaxProfile::default(), 2010, retiree).unwrap();
        assert!(
            !t.notes
                .iter()
                .any(|n| n.starts_with("Premiums taken from your pay"))
        );
    }

    #[test]
    fn brackets_are_checked_against_their_year() {
        let p = TaxProfile {
            federal: Rate::from_percent(12),
            ..TaxProfile::default()
        };
        let e = resolve(&p, 2010, EMPLOYEE).unwrap_err();
        assert_eq!(e[0].path, "tax.federal_bracket");
        assert!(e[0].message.contains("not a federal tax bracket in 2010"));
        assert!(resolve(&p, 2020, EMPLOYEE).is_ok());
        // A state with no rate on file needs one entered.
        let ca = TaxProfile {
            state: "CA".into(),
            ..TaxProfile::default()
        };
        let e = resolve(&ca, 2010, EMPLOYEE).unwrap_err();
        assert_eq!(e[0].path, "tax.state_rate");
    }

    #[test]
    fn retirees_save_nothing_on_premiums_and_no_payroll_tax_on_hsa() {
        let retiree = TaxStatus {
            payroll: false,
            owner_has_medicare: false,
        };
        let t = resolve(&TaxProfile::default(), 2010, retiree).unwrap();
        assert_eq!(t.premium_savings(Money::from_dollars(1000)), Money::ZERO);
        // $1,000 HSA: 15% + 6% = $210 (no FICA off a pension).
        assert_eq!(
            t.hsa_savings(Money::from_dollars(1000)),
            Money::from_dollars(210)
        );
    }

    #[test]
    fn medicare_means_no_hsa_and_california_taxes_the_employers_money() {
        let medicare = TaxStatus {
            payroll: true,
            owner_has_medicare: true,
        };
        let t = resolve(&TaxProfile::default(), 2010, medicare).unwrap();
        assert_eq!(t.hsa_savings(Money::from_dollars(1000)), Money::ZERO);
        assert!(!t.hsa_allowed);
        let ca = TaxProfile {
            state: "CA".into(),
            state_rate: Rate::from_percent(9),
            ..TaxProfile::default()
        };
        let t = resolve(&ca, 2010, EMPLOYEE).unwrap();
        // $1,000 own contribution: 15% + 7.65% = $226.50 (no state saving).
        assert_eq!(
            t.hsa_savings(Money::from_dollars(1000)),
            Money::from_cents(22_650)
        );
        // $500 from the employer is taxed at 9% by California: $45.
        assert_eq!(
            t.employer_hsa_state_tax(Money::from_dollars(500)),
            Money::from_dollars(45)
        );
    }

    #[test]
    fn new_jersey_taxes_premiums_paid_through_payroll() {
        // New Jersey does not follow IRC 125 for salary reductions (TB-39(R), N.J.S.A.
        // 54A:6-24): $1,800 of 2010 premiums at 15% federal and 6.37% NJ save
        // $1,800 × (15% + 7.65%) = $270.00 + $137.70 = $407.70, not $522.36.
        let nj = TaxProfile {
            state: "NJ".into(),
            state_rate: Rate::from_ppm(63_700),
            ..TaxProfile::default()
        };
        let t = resolve(&nj, 2010, EMPLOYEE).unwrap();
        assert!(t.state_taxes_premiums);
        assert_eq!(
            t.premium_savings(Money::from_dollars(1800)),
            Money::from_cents(40_770)
        );
        assert!(
            t.notes.iter().any(|n| n.starts_with(
                "NJ taxes premiums taken from your pay before federal tax as wages: they save no state tax (source: New Jersey Division of Taxation, Technical Bulletin TB-39(R)"
            )),
            "{:?}",
            t.notes
        );
        // Georgia follows IRC 125: the state rate is saved too.
        assert!(
            !resolve(&TaxProfile::default(), 2010, EMPLOYEE)
                .unwrap()
                .state_taxes_premiums
        );
    }

    #[test]
    fn the_page_gets_the_years_brackets_and_rates() {
        let (brackets, default) = federal_brackets(2010).unwrap();
        assert_eq!(brackets, ["10%", "15%", "25%", "28%", "33%", "35%"]);
        assert_eq!(default, "15%");
        assert_eq!(state_rate("GA", 2010).as_deref(), Some("6%"));
        assert_eq!(state_rate("TX", 2010).as_deref(), Some("0%"));
        assert_eq!(state_rate("CA", 2010), None);
        // After the data, the latest rate, with its year (the page's placeholder says it).
        assert_eq!(state_rate_used("GA", 2026), Some(("5.19%".into(), 2025)));
        assert_eq!(state_rate_used("GA", 2010), Some(("6%".into(), 2010)));
    }

    #[test]
    fn hsa_limits_with_catch_up() {
        assert_eq!(hsa_limit(2026, false, 40), Some(Money::from_dollars(4400)));
        assert_eq!(hsa_limit(2026, true, 56), Some(Money::from_dollars(9750)));
        assert_eq!(hsa_limit(2010, true, 30), Some(Money::from_dollars(6150)));
        assert_eq!(hsa_limit(1990, true, 30), None);
    }
}
