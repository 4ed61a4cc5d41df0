//! What one option costs for a year: premium + surcharges + out-of-pocket − employer money − tax
//! savings, and its worst case.

use crate::expected::{CareLine, Route, claims_for, plan_map, year_days};
use crate::household::Household;
use crate::resolve::Resolved;
use crate::tax::{TaxRules, hsa_limit};
use costshare_engine::{
    Adjudication, Amounts, Benefit, Claim, ClaimKind, DrugOutOfPocket, FamilyRule, Member, Money,
    Options, PlanKind, SurchargeFacts, Workspace, adjudicate, adjudicate_totals, yearly_premium,
};
use costshare_plan::{LoadedPlan, check_hsa};

/// A surcharge that applies to the household, in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurchargeItem {
    /// Its name, for example "Tobacco surcharge".
    pub name: String,
    /// Per month.
    pub monthly: Money,
    /// For the year.
    pub yearly: Money,
    /// Who triggers it and why.
    pub because: String,
    /// How it can be avoided, in the plan's own words.
    pub how_to_avoid: Option<String>,
    /// The document and page, or that the amount is an example.
    pub source: String,
    /// Whether the amount is an example, not a published one.
    pub example: bool,
}

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
    /// The tier's premium for twelve months (`premium` unless a baby joins during the year).
    pub premium_full_year: Money,
    /// Whether that is the plan file's example.
    pub premium_full_year_is_example: bool,
    /// The smaller tier paid until a baby born this year joins, when the tier changes.
    pub before_birth: Option<BeforeBirth>,
    /// Surcharges for the year.
    pub surcharges: Money,
    /// Each surcharge that applies.
    pub surcharge_items: Vec<SurchargeItem>,
    /// Employer HSA contribution for the year.
    pub employer_hsa: Money,
    /// State tax on the employer's HSA contribution (California and New Jersey).
    pub employer_hsa_state_tax: Money,
    /// HRA credit for the year.
    pub hra_credit: Money,
    /// Whether unused HRA money rolls over to next year, and up to how much.
    pub hra_rollover: Option<Option<Money>>,
    /// Tax saved by paying premium and surcharges before tax.
    pub premium_tax_savings: Money,
    /// Whether the plan is HSA-qualified (the plan says so and it meets the IRS limits).
    pub hsa_qualified: bool,
    /// Why an HSA-labeled plan does not qualify, if it does not.
    pub hsa_problem: Option<String>,
    /// Most the employee may put in the HSA this year (after the employer's contribution).
    pub hsa_room: Money,
}

/// The months before a baby's birth, when the household pays for a smaller tier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BeforeBirth {
    /// The tier until the birth (index, name and id).
    pub tier: usize,
    /// Its name.
    pub tier_name: String,
    /// Its id (the key of a premium the person enters for it).
    pub tier_id: String,
    /// Whole months of the plan year before the month of the birth (1 to 11).
    pub months: u32,
    /// That tier's premium for twelve months.
    pub full_year: Money,
    /// What is counted of it: `full_year × months ÷ 12`.
    pub premium: Money,
    /// Whether that premium is the plan file's example.
    pub premium_is_example: bool,
}

/// The calendar month (1–12) of day `day` of a plan year starting `year_start`.
pub fn birth_month(year_start: chrono::NaiveDate, day: Option<u16>) -> Option<u32> {
    let date = year_start.checked_add_days(chrono::Days::new(u64::from(day?)))?;
    Some(chrono::Datelike::month(&date))
}

/// Whole calendar months from the plan year's start to the month of day `day` of the plan year:
/// a birth on September 11 of a year starting January 1 leaves 8 (January to August). The
/// birth month is paid with the baby: coverage from birth takes "the proper premium ... for the
/// birth month" (State Health Benefit Plan 2010 booklet, p.17 and p.19).
pub fn months_before(year_start: chrono::NaiveDate, day: u16) -> u32 {
    use chrono::Datelike;
    let birth = year_start + chrono::Days::new(u64::from(day));
    let months =
        (birth.year() - year_start.year()) * 12 + birth.month() as i32 - year_start.month() as i32;
    u32::try_from(months.clamp(0, 11)).unwrap_or(0)
}

impl Fixed {
    /// An option with no premium and no employer money (going without dental or vision).
    pub fn nothing() -> Fixed {
        Fixed {
            tier: 0,
            premium: Money::ZERO,
            premium_is_example: false,
            premium_full_year: Money::ZERO,
            premium_full_year_is_example: false,
            before_birth: None,
            surcharges: Money::ZERO,
            surcharge_items: Vec::new(),
            employer_hsa: Money::ZERO,
            employer_hsa_state_tax: Money::ZERO,
            hra_credit: Money::ZERO,
            hra_rollover: None,
            premium_tax_savings: Money::ZERO,
            hsa_qualified: false,
            hsa_problem: None,
            hsa_room: Money::ZERO,
        }
    }
}

/// The key of a premium the person entered for a plan's tier: `plan-id:tier-id`. (A key with
/// the plan id alone, from older household files, applies to every tier.)
pub fn premium_key(plan: &str, tier: &str) -> String {
    format!("{plan}:{tier}")
}

/// Works out the fixed parts for a plan and tier. A premium the person entered is per
/// paycheck (`Resolved::paychecks` a year); the plan file's own premium is per its
/// `premium_frequency`.
#[inline(never)] // see compare::run_stage
pub fn fixed(plan: &LoadedPlan, tier: usize, r: &Resolved<'_>) -> Fixed {
    let household = r.household;
    let file = &plan.file;
    let file_tier = &file.tiers[tier];
    // A tier's premium: the one the person entered (per paycheck), else the plan file's.
    let premium_of = |tier: usize| {
        let file_tier = &file.tiers[tier];
        let own = household
            .premiums
            .get(&premium_key(&file.id, &file_tier.id))
            .or_else(|| household.premiums.get(&file.id));
        match own {
            Some(own) => (*own, r.paychecks, false),
            None => (
                file_tier
                    .premium
                    .as_ref()
                    .and_then(|p| Money::from_decimal(p.value.0).ok())
                    .unwrap_or(Money::ZERO),
                file.premium_frequency.per_year(),
                file_tier.premium.as_ref().is_some_and(|p| p.example),
            ),
        }
    };
    let (per_paycheck, paychecks, premium_is_example) = premium_of(tier);
    let facts = SurchargeFacts {
        tobacco_use: household.tobacco(),
        spouse_has_other_employer_coverage: household.spouse_other_coverage
            && household.has_spouse(),
    };
    let y = yearly_premium(per_paycheck, paychecks, &plan.surcharges, facts);
    // A baby born this year changes the tier from the month of the birth: the months before
    // are the smaller tier's twelfths of its year's premium.
    let before_birth = r.birth_day.and_then(|day| {
        let before = crate::household::tier_before_birth(plan, household)?;
        let months = months_before(plan.plan.year_start, day);
        if before == tier || months == 0 {
            return None;
        }
        let (per_paycheck, paychecks, example) = premium_of(before);
        let full_year = yearly_premium(per_paycheck, paychecks, &[], facts).premium;
        Some(BeforeBirth {
            tier: before,
            tier_name: file.tiers[before].name.clone(),
            tier_id: file.tiers[before].id.clone(),
            months,
            full_year,
            premium: full_year.mul_div(i64::from(months), 12),
            premium_is_example: example,
        })
    });
    let premium = match &before_birth {
        Some(b) => b.premium + y.premium.mul_div(i64::from(12 - b.months), 12),
        None => y.premium,
    };
    let surcharges: Money = y.surcharges.iter().map(|(_, m)| *m).sum();
    let surcharge_items = y
        .surcharges
        .iter()
        .filter_map(|(name, yearly)| {
            let f = file.surcharges.iter().find(|s| &s.name == name)?;
            let because = match f.applies_when {
                costshare_plan::SurchargeWhen::TobaccoUse => {
                    let who: Vec<&str> = household
                        .people
                        .iter()
                        .filter(|p| p.tobacco)
                        .map(|p| p.name.as_str())
                        .collect();
                    format!("{} used tobacco in the last 12 months", who.join(" and "))
                }
                costshare_plan::SurchargeWhen::SpouseHasOtherEmployerCoverage => {
                    let spouse = household
                        .people
                        .iter()
                        .find(|p| p.relationship == costshare_engine::Relationship::Spouse)
                        .map_or("your spouse", |p| p.name.as_str());
                    format!("{spouse} could get coverage through their own employer and chose not to take it")
                }
            };
            Some(SurchargeItem {
                name: f.name.clone(),
                monthly: Money::from_decimal(f.monthly.0).unwrap_or(Money::ZERO),
                yearly: *yearly,
                because,
                how_to_avoid: f.how_to_avoid.clone(),
                source: match &f.source {
                    Some(s) if !f.example => file.cite(s),
                    _ => "an example amount, not a published one".into(),
                },
                example: f.example,
            })
        })
        .collect();
    let hsa_claimed = file.hsa.as_ref().is_some_and(|h| h.eligible);
    // HSA qualification is per tier: only the problems of this tier (or of the whole plan).
    let own_tier = format!("tiers[{tier}]");
    let hsa_warnings: Vec<_> = if hsa_claimed {
        check_hsa(file)
            .into_iter()
            .filter(|w| !w.path.starts_with("tiers[") || w.path.starts_with(&own_tier))
            .collect()
    } else {
        Vec::new()
    };
    let hsa_qualified = hsa_claimed && hsa_warnings.is_empty() && r.tax.hsa_allowed;
    let employer_hsa = if hsa_qualified {
        employer_hsa_in_file(plan, tier)
    } else {
        Money::ZERO
    };
    // The HSA limit follows the coverage on December 1 (the last-month rule, IRC 223(b)(8)): a
    // baby born in December leaves the year at the tier before the birth.
    let family = match &before_birth {
        Some(b) if birth_month(plan.plan.year_start, r.birth_day) == Some(12) => {
            file.tiers[b.tier].covers_family()
        }
        _ => file_tier.covers_family(),
    };
    // Employer money above the year's limit on all contributions is not counted (the plan
    // file's check warns about it).
    let employer_hsa = match hsa_limit(r.year, family, 0) {
        Some(limit) => employer_hsa.min(limit),
        None => employer_hsa,
    };
    let hsa_room = if hsa_qualified {
        hsa_limit(r.year, family, household.employee_age())
            .map_or(Money::ZERO, |l| l.saturating_sub(employer_hsa))
    } else {
        Money::ZERO
    };
    let has_hra = plan.plan.hra.is_some();
    Fixed {
        tier,
        premium,
        premium_is_example: premium_is_example
            || before_birth.as_ref().is_some_and(|b| b.premium_is_example),
        premium_full_year: y.premium,
        premium_full_year_is_example: premium_is_example,
        before_birth,
        surcharges,
        surcharge_items,
        employer_hsa,
        employer_hsa_state_tax: r.tax.employer_hsa_state_tax(employer_hsa),
        hra_credit: if has_hra {
            plan.plan.tiers[tier].hra_credit
        } else {
            Money::ZERO
        },
        hra_rollover: file
            .hra
            .as_ref()
            .filter(|h| has_hra && h.rollover)
            .map(|h| h.rollover_cap.and_then(|c| Money::from_decimal(c.0).ok())),
        premium_tax_savings: r.tax.premium_savings(premium + surcharges),
        hsa_qualified,
        // For the person: the tier as coverage ("for Employee (EE) coverage the deductible …"),
        // without the hint for the file's author.
        hsa_problem: hsa_warnings.first().map(|w| {
            let m = w.message.replace(costshare_plan::SERVICE_IDS_HINT, "");
            match m.strip_prefix(&format!("{}: ", file_tier.name)) {
                Some(rest) => format!("for {} coverage {rest}", file_tier.name),
                None => m,
            }
        }),
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
    /// Employer HSA money that pays this year's care (at most the out-of-pocket costs).
    pub employer_hsa_used: Money,
    /// The employee's HSA contribution counted.
    pub hsa_contribution: Money,
    /// Tax saved on premium and HSA contribution, less state tax on the employer's HSA money.
    pub tax_savings: Money,
    /// Premium + surcharges + out-of-pocket − employer HSA money used − tax savings.
    pub net: Money,
    /// Employer money left at the end of the year for later years: HSA money not spent, and an
    /// HRA balance that rolls over. Not part of `net`.
    pub carried_forward: Money,
}

/// Combines the fixed parts with a year's out-of-pocket spending.
///
/// Employer HSA money counts against this year's cost only as far as it pays this year's care;
/// the rest, and an HRA balance that rolls over, is a balance carried forward, shown beside the
/// total and never making it negative.
pub fn year_cost(
    fixed: &Fixed,
    tax: &TaxRules,
    out_of_pocket: Money,
    hra_used: Money,
    hsa_contribution: Money,
) -> YearCost {
    let contribution = hsa_contribution.min(fixed.hsa_room);
    let tax_savings =
        fixed.premium_tax_savings + tax.hsa_savings(contribution) - fixed.employer_hsa_state_tax;
    let employer_hsa_used = fixed.employer_hsa.min(out_of_pocket);
    let hra_left = match fixed.hra_rollover {
        Some(cap) => {
            let left = fixed.hra_credit.saturating_sub(hra_used);
            cap.map_or(left, |c| left.min(c))
        }
        None => Money::ZERO,
    };
    YearCost {
        fixed: fixed.clone(),
        out_of_pocket,
        hra_used,
        employer_hsa_used,
        hsa_contribution: contribution,
        tax_savings,
        net: fixed.premium + fixed.surcharges + out_of_pocket - employer_hsa_used - tax_savings,
        carried_forward: fixed.employer_hsa - employer_hsa_used + hra_left,
    }
}

/// The employer's HSA money the plan file gives a tier for the year, before the IRS limit and
/// whether the plan qualifies.
pub fn employer_hsa_in_file(plan: &LoadedPlan, tier: usize) -> Money {
    let f = &plan.file;
    f.hsa
        .as_ref()
        .and_then(|h| h.employer_contribution.get(&f.tiers[tier].id))
        .and_then(|c| Money::from_decimal(c.value.0).ok())
        .unwrap_or(Money::ZERO)
}

/// The plan terms behind an option's figures that are examples, not published values, in plain
/// words ("the deductible", "the cost sharing of 3 services: Crown, Filling, Root canal").
#[inline(never)] // see compare::run_stage
pub fn example_terms(plan: &LoadedPlan, tier: usize) -> Vec<String> {
    let f = &plan.file;
    let t = &f.tiers[tier];
    let mut out = Vec::new();
    if t.deductible.as_ref().is_some_and(|d| d.example) {
        out.push("the deductible".to_string());
    }
    if t.out_of_pocket_max.as_ref().is_some_and(|d| d.example) {
        out.push("the out-of-pocket maximum".into());
    }
    if t.hra_credit.as_ref().is_some_and(|d| d.example) {
        out.push("the HRA credit".into());
    }
    if f.hsa
        .as_ref()
        .and_then(|h| h.employer_contribution.get(&t.id))
        .is_some_and(|c| c.example)
    {
        out.push("the employer's HSA contribution".into());
    }
    if t.hra_credit.is_some() && f.hra.as_ref().is_some_and(|h| h.example) {
        out.push("what the HRA pays for".into());
    }
    if f.hsa.as_ref().is_some_and(|h| h.example) {
        out.push("whether the plan qualifies for an HSA".into());
    }
    if f.benefit_period.as_ref().is_some_and(|b| b.example) {
        out.push("the benefit period".into());
    }
    let list = |what: &str, names: Vec<&str>| match names.len() {
        0 => None,
        1..=4 => Some(format!("{what}: {}", names.join(", "))),
        n => Some(format!("{what} of {n} kinds of care")),
    };
    out.extend(list(
        "the cost sharing",
        f.services
            .iter()
            .filter(|s| s.example)
            .map(|s| s.name.as_str())
            .collect(),
    ));
    out.extend(list(
        "the limits",
        f.limits
            .iter()
            .filter(|l| l.example)
            .map(|l| l.name.as_str())
            .collect(),
    ));
    out
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

/// The most an option can cost in a year, or why nothing caps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ceiling {
    /// The real ceiling: premium + surcharges + every out-of-pocket maximum that applies −
    /// HRA credit − employer HSA money − tax savings.
    Capped(Money),
    /// Nothing caps what the member pays; the reasons in plain words. `at_least` is the same
    /// sum over the maximums that do apply, plus the expected year's costs that pass them.
    NoCap {
        /// Why there is no ceiling.
        reasons: Vec<String>,
        /// The capped part plus the expected uncapped costs (a floor, used only for ranking
        /// when there is no simulation).
        at_least: Money,
    },
}

impl Ceiling {
    /// The ceiling, when there is one.
    pub fn capped(&self) -> Option<Money> {
        match self {
            Ceiling::Capped(m) => Some(*m),
            Ceiling::NoCap { .. } => None,
        }
    }

    /// The ceiling or the floor: a number to rank by when nothing better is known.
    pub fn rank_value(&self) -> Money {
        match self {
            Ceiling::Capped(m) => *m,
            Ceiling::NoCap { at_least, .. } => *at_least,
        }
    }
}

fn family_max(amounts: Amounts, rule: FamilyRule, people: usize) -> Money {
    match (rule, amounts.family) {
        // No family amount (a separate drug maximum written for one person): each person up to
        // the individual amount, with no family limit.
        (_, None) => Money::from_cents(amounts.individual.cents().saturating_mul(people as i64)),
        (FamilyRule::Aggregate, Some(f)) => f,
        (FamilyRule::Embedded, Some(f)) => f.min(Money::from_cents(
            amounts.individual.cents().saturating_mul(people as i64),
        )),
    }
}

/// The worst case for a plan: built from every out-of-pocket maximum that applies to the
/// household (in-network; out-of-network when anyone uses it and networks are kept apart; a
/// separate drug maximum), or the reasons nothing caps it (copays or other parts that continue
/// after the maximum, drug costs that never count, balance bills, care the plan does not
/// cover).
#[inline(never)] // see compare::run_stage
pub fn ceiling(
    plan: &LoadedPlan,
    fixed: &Fixed,
    r: &Resolved<'_>,
    hsa_contribution: Money,
    expected: &Run,
) -> Ceiling {
    let p = &plan.plan;
    let people = r.household.people.len();
    let tier = &p.tiers[fixed.tier];
    let mut reasons = Vec::new();
    let mut max = Money::ZERO;
    match tier.out_of_pocket[0] {
        Some(a) => max += family_max(a, p.out_of_pocket_rule, people),
        None => reasons.push("no out-of-pocket maximum".to_string()),
    }
    if r.uses_out_of_network {
        // Unless both networks' spending counts toward one shared total, the out-of-network
        // maximum comes on top (counted one way only, spending in the network that is not
        // credited first still reaches both maximums).
        let credits = p.out_of_pocket_networks;
        if !(credits.in_to_out && credits.out_to_in) {
            match tier.out_of_pocket[1] {
                Some(a) => max += family_max(a, p.out_of_pocket_rule, people),
                None => reasons.push("no out-of-pocket maximum for out-of-network care".into()),
            }
        }
        reasons.push(
            "out-of-network providers can bill you for more than the plan allows (balance billing), with no limit"
                .into(),
        );
    }
    let has_max = tier.out_of_pocket[0].is_some();
    let counts = p.out_of_pocket_counts;
    let copay_outside = p.services.iter().any(|s| {
        s.benefit.iter().any(|b| {
            matches!(b, Benefit::Covered(c) if !(c.copay.is_zero() || counts.copays && c.copay_counts_toward_oop))
        })
    });
    if has_max && copay_outside && p.copays_after_out_of_pocket_max {
        reasons.push("copays continue after the out-of-pocket maximum".into());
    }
    if has_max && (!counts.deductible || !counts.coinsurance) {
        let part = match (counts.deductible, counts.coinsurance) {
            (false, false) => "the deductible and coinsurance do",
            (false, true) => "the deductible does",
            _ => "coinsurance does",
        };
        reasons.push(format!("{part} not count toward the out-of-pocket maximum"));
    }
    if let Some(drugs) = &p.drugs {
        let shares = drugs.tiers.iter().flat_map(|t| &t.shares);
        match drugs.out_of_pocket {
            DrugOutOfPocket::NotCounted => {
                if has_max
                    && shares.clone().any(|s| {
                        !s.copay.is_zero() || s.coinsurance != costshare_engine::Rate::ZERO
                    })
                {
                    reasons.push(
                        "prescription copays do not count toward the maximum and never stop".into(),
                    );
                }
            }
            DrugOutOfPocket::Medical => {}
            DrugOutOfPocket::Separate(a) => max += family_max(a, p.out_of_pocket_rule, people),
        }
    }
    if !expected.unlisted.is_empty() {
        reasons.push("you expect care this plan does not list, which you pay in full".into());
    }
    // The HRA pays at most its share of what the member owes beyond the amount the member
    // pays first (format version 2), so in the worst year it may not pay its whole credit. An
    // HRA that leaves out some kind of cost sharing the plan has (copays, drugs, the deductible
    // or coinsurance) may pay nothing in the worst year: the maximum can be reached with costs
    // it does not pay.
    let has_copays = p.services.iter().any(|s| {
        s.benefit.iter().any(|b| {
            matches!(b, Benefit::Covered(c) if !c.copay.is_zero() || !c.admission_copay.is_zero() || c.per_day_copay.is_some() || c.copay_after_visits.is_some())
        })
    });
    let has_drugs = p.drugs.as_ref().is_some_and(|d| {
        d.tiers
            .iter()
            .flat_map(|t| &t.shares)
            .any(|s| !s.copay.is_zero() || s.coinsurance != costshare_engine::Rate::ZERO)
    });
    let hra_at_most = match p.hra {
        Some(hra)
            if !hra.pays_deductible
                || !hra.pays_coinsurance
                || (has_copays && !hra.pays_copays)
                || (has_drugs && !hra.pays_drugs) =>
        {
            Money::ZERO
        }
        Some(hra) => max
            .saturating_sub(tier.hra_member_first)
            .times(hra.share)
            .min(fixed.hra_credit),
        None => fixed.hra_credit,
    };
    let capped_part = max.saturating_sub(hra_at_most);
    let cost = |member: Money| year_cost(fixed, &r.tax, member, Money::ZERO, hsa_contribution).net;
    if reasons.is_empty() {
        Ceiling::Capped(cost(capped_part))
    } else {
        Ceiling::NoCap {
            reasons,
            at_least: cost(capped_part + uncapped(plan, expected)),
        }
    }
}

/// What a run's member share has beyond what counted toward the out-of-pocket maximum.
fn uncapped(plan: &LoadedPlan, run: &Run) -> Money {
    let share = run.adjudication.family.member_paid
        + run.adjudication.family.hra_paid
        + (run.member_paid - run.adjudication.family.member_paid);
    let counted = run.adjudication.claims.last().map_or(Money::ZERO, |c| {
        // Each network's total holds the other's spending where the plan counts it
        // there: count each dollar once.
        let [inn, out] = c.after.family_out_of_pocket;
        let credits = plan.plan.out_of_pocket_networks;
        if credits.out_to_in {
            inn
        } else if credits.in_to_out {
            out
        } else {
            inn + out
        }
    });
    share.saturating_sub(counted)
}

/// Reusable buffers for working out, many times over, what the member pays for a set of lines
/// (the simulated years, the cost curves): totals only, no explanations.
#[derive(Default)]
pub struct TotalsRun {
    claims: Vec<Claim>,
    origin: Vec<usize>,
    workspace: Workspace,
}

impl TotalsRun {
    /// What the member pays for `lines` under a plan and tier: the engine's member share plus
    /// the full price of care the plan does not list. `map` and `dates` come from
    /// [`plan_map`] and [`year_days`].
    #[allow(clippy::too_many_arguments)]
    pub fn member_paid(
        &mut self,
        plan: &LoadedPlan,
        tier: usize,
        members: &[Member],
        map: &[Option<ClaimKind>],
        dates: &[chrono::NaiveDate],
        lines: &[CareLine],
        route: Route,
    ) -> Result<Money, costshare_engine::Error> {
        let unlisted = claims_for(
            plan,
            map,
            dates,
            lines,
            route,
            &mut self.claims,
            &mut self.origin,
        );
        let full_price: Money = unlisted.iter().map(|&i| lines[i].billed).sum();
        let (family, _) = adjudicate_totals(
            &plan.plan,
            tier,
            members,
            &self.claims,
            Options::default(),
            &mut self.workspace,
        )?;
        Ok(family.member_paid + full_price)
    }
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
#[inline(never)] // see compare::run_stage
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
