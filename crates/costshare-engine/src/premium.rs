//! Yearly premium with surcharges.

use crate::money::Money;

/// What makes a surcharge apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SurchargeCondition {
    /// Anyone covered used tobacco in the last 12 months.
    TobaccoUse,
    /// A covered spouse could get coverage through their own employer and declined it.
    SpouseHasOtherEmployerCoverage,
}

/// A monthly surcharge added to the premium.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Surcharge {
    /// Stable id.
    pub id: String,
    /// Name shown to people.
    pub name: String,
    /// Amount per month.
    pub monthly: Money,
    /// When it applies.
    pub condition: SurchargeCondition,
}

/// Facts about the household that decide surcharges.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SurchargeFacts {
    /// Anyone covered used tobacco in the last 12 months.
    pub tobacco_use: bool,
    /// A spouse is covered who could get coverage through their own employer.
    pub spouse_has_other_employer_coverage: bool,
}

/// A premium worked out for a year.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct YearlyPremium {
    /// Employee premium per paycheck times paychecks per year.
    pub premium: Money,
    /// Each surcharge that applies, for the year.
    pub surcharges: Vec<(String, Money)>,
    /// Premium plus surcharges.
    pub total: Money,
}

/// The employee's premium for a year plus the surcharges that apply.
pub fn yearly_premium(
    per_paycheck: Money,
    paychecks_per_year: u16,
    surcharges: &[Surcharge],
    facts: SurchargeFacts,
) -> YearlyPremium {
    let premium = Money::from_cents(per_paycheck.cents() * i64::from(paychecks_per_year));
    let applied: Vec<(String, Money)> = surcharges
        .iter()
        .filter(|s| match s.condition {
            SurchargeCondition::TobaccoUse => facts.tobacco_use,
            SurchargeCondition::SpouseHasOtherEmployerCoverage => {
                facts.spouse_has_other_employer_coverage
            }
        })
        .map(|s| (s.name.clone(), Money::from_cents(s.monthly.cents() * 12)))
        .collect();
    let total = premium + applied.iter().map(|(_, m)| *m).sum();
    YearlyPremium {
        premium,
        surcharges: applied,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shbp() -> Vec<Surcharge> {
        vec![
            Surcharge {
                id: "tobacco".into(),
                name: "Tobacco surcharge".into(),
                monthly: Money::from_dollars(60),
                condition: SurchargeCondition::TobaccoUse,
            },
            Surcharge {
                id: "spousal".into(),
                name: "Spousal surcharge".into(),
                monthly: Money::from_dollars(40),
                condition: SurchargeCondition::SpouseHasOtherEmployerCoverage,
            },
        ]
    }

    #[test]
    fn both_shbp_surcharges_add_1200_a_year() {
        let facts = SurchargeFacts {
            tobacco_use: true,
            spouse_has_other_employer_coverage: true,
        };
        let y = yearly_premium(Money::from_dollars(50), 24, &shbp(), facts);
        assert_eq!(y.premium, Money::from_dollars(1200));
        assert_eq!(y.surcharges.len(), 2);
        assert_eq!(y.total, Money::from_dollars(2400));
    }

    #[test]
    fn no_surcharge_without_its_condition() {
        let y = yearly_premium(
            Money::from_dollars(50),
            24,
            &shbp(),
            SurchargeFacts::default(),
        );
        assert!(y.surcharges.is_empty());
        assert_eq!(y.total, Money::from_dollars(1200));
    }
}
