//! Tax savings from pre-tax premiums and HSA contributions, and HSA contribution limits.

use crate::household::HouseholdError;
use costshare_engine::{Money, Rate};
use costshare_plan::irs_year;

/// Social Security (6.2%) plus Medicare (1.45%) payroll tax.
pub const FICA: Rate = match Rate::from_ppm(76_500) {
    Some(r) => r,
    None => Rate::ZERO,
};

/// The household's tax situation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaxProfile {
    /// Federal income tax bracket (marginal rate).
    pub federal: Rate,
    /// State income tax rate (marginal).
    pub state_rate: Rate,
    /// Two-letter state code, for example `GA`; `CA` and `NJ` tax HSA contributions.
    pub state: String,
    /// Whether wages are under the Social Security wage base, so payroll deductions also save
    /// 7.65% FICA (otherwise only the 1.45% Medicare part).
    pub under_wage_base: bool,
}

impl Default for TaxProfile {
    fn default() -> TaxProfile {
        TaxProfile {
            federal: Rate::from_percent(12).unwrap_or(Rate::ZERO),
            state_rate: Rate::from_ppm(57_500).unwrap_or(Rate::ZERO),
            state: "GA".into(),
            under_wage_base: true,
        }
    }
}

impl TaxProfile {
    /// Checks the profile.
    pub fn check(&self) -> Vec<HouseholdError> {
        let mut out = Vec::new();
        let valid_brackets = [0u32, 10, 12, 15, 22, 24, 25, 28, 32, 33, 35, 37, 39];
        if !valid_brackets
            .iter()
            .any(|b| Rate::from_percent(*b) == Some(self.federal))
        {
            out.push(HouseholdError {
                path: "tax.federal_bracket".into(),
                message: format!("{} is not a federal tax bracket", self.federal),
            });
        }
        if self.state_rate > Rate::from_percent(15).unwrap_or(Rate::FULL) {
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

    fn payroll(&self) -> Rate {
        if self.under_wage_base {
            FICA
        } else {
            Rate::from_ppm(14_500).unwrap_or(Rate::ZERO)
        }
    }

    /// Whether the state taxes HSA contributions (California and New Jersey).
    pub fn state_taxes_hsa(&self) -> bool {
        matches!(self.state.as_str(), "CA" | "NJ")
    }

    /// What paying `amount` of premium before tax saves.
    pub fn premium_savings(&self, amount: Money) -> Money {
        amount.times(self.federal) + amount.times(self.state_rate) + amount.times(self.payroll())
    }

    /// What contributing `amount` to an HSA through payroll saves.
    pub fn hsa_savings(&self, amount: Money) -> Money {
        let state = if self.state_taxes_hsa() {
            Money::ZERO
        } else {
            amount.times(self.state_rate)
        };
        amount.times(self.federal) + state + amount.times(self.payroll())
    }
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
    fn premium_and_hsa_savings() {
        let t = TaxProfile::default(); // 12% + 5.75% + 7.65% = 25.4%
        assert_eq!(
            t.premium_savings(Money::from_dollars(1000)),
            Money::from_dollars(254)
        );
        assert_eq!(
            t.hsa_savings(Money::from_dollars(1000)),
            Money::from_dollars(254)
        );
        let ca = TaxProfile {
            state: "CA".into(),
            state_rate: Rate::from_percent(9).unwrap(),
            ..TaxProfile::default()
        };
        assert_eq!(
            ca.hsa_savings(Money::from_dollars(1000)),
            Money::from_cents(19_650)
        );
        let high = TaxProfile {
            under_wage_base: false,
            ..TaxProfile::default()
        };
        assert_eq!(
            high.premium_savings(Money::from_dollars(1000)),
            Money::from_cents(19_200)
        );
    }

    #[test]
    fn hsa_limits_with_catch_up() {
        assert_eq!(hsa_limit(2026, false, 40), Some(Money::from_dollars(4400)));
        assert_eq!(hsa_limit(2026, true, 56), Some(Money::from_dollars(9750)));
        assert_eq!(hsa_limit(2010, true, 30), Some(Money::from_dollars(6150)));
        assert_eq!(hsa_limit(1990, true, 30), None);
    }

    #[test]
    fn brackets_are_checked() {
        let t = TaxProfile {
            federal: Rate::from_percent(13).unwrap(),
            ..TaxProfile::default()
        };
        assert_eq!(t.check()[0].path, "tax.federal_bracket");
    }
}
