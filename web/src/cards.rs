//! Plan cards: each option's key terms (from its plan file, for the person's tier) beside the
//! figures of the report, and the orders a person can sort them in. Plain Rust, tested natively.

use crate::model::{Beside, money};
use costshare_decision::report::{OptionReport, Report};
use costshare_engine::Money;
use costshare_plan::{
    Amount, BenefitFile, DeductibleRule, DrugDeductibleFile, FamilyRule, IndividualFamily,
    LimitFile, LimitPer, LimitScope, LimitUnit, LoadedPlan, PlanKind, TierFile,
};

/// One line of a card's terms, like "Deductible: $1,500".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub label: &'static str,
    pub value: String,
    /// The plan file marks the value as an example, not a published one.
    pub example: bool,
}

/// What a card shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    /// Index into `Report::options`.
    pub option: usize,
    pub id: String,
    pub name: String,
    pub category: String,
    pub tier: Option<String>,
    /// The plan file's plain-language summary ("Copay plan: $35 office visits…").
    pub summary: Option<String>,
    /// Position in the goal's ranking (0 is the pick).
    pub rank: usize,
    pub premium: i64,
    pub premium_is_example: bool,
    pub surcharges: i64,
    /// The surcharges as written after the premium (`model::surcharge_words`).
    pub surcharge_words: String,
    pub terms: Vec<Term>,
    /// Employer HRA or HSA money for the year, in cents.
    pub employer_money: i64,
    /// Which it is, as the card names it: "Employer HRA money" or "Employer HSA money" (the
    /// cost table subtracts only the HSA's; the HRA's is already off what you pay for care).
    pub employer_money_label: &'static str,
    /// That money is an example amount in the plan file, not a published one.
    pub employer_money_example: bool,
    pub expected_total: i64,
    /// The person's own HSA contribution counted for the year, in cents.
    pub own_hsa: i64,
    /// Why a plan described as HSA-eligible gets no HSA here (the report's note).
    pub hsa_problem: Option<String>,
    pub average: Option<i64>,
    pub likely: Option<(i64, i64)>,
    /// `Some` when something caps the year, else the reasons it has no cap.
    pub worst_case: Result<i64, Vec<String>>,
    /// In how many of 10,000 simulated years it was the cheapest (shown as a percent, as in the
    /// cost table).
    pub cheapest_per_10k: Option<u32>,
    /// The report has its claim-by-claim lines ("why this number").
    pub explained: bool,
}

impl Card {
    /// How the card's figures read beside its yearly total.
    pub fn beside(&self) -> Beside {
        Beside::new(
            Some(self.expected_total),
            self.worst_case.as_ref().ok().copied(),
        )
    }

    /// "No cap: copays continue after the out-of-pocket maximum", or the amount.
    pub fn worst_case_words(&self) -> String {
        match &self.worst_case {
            Ok(c) => self.beside().bound(*c),
            Err(reasons) if reasons.is_empty() => "…".into(),
            Err(reasons) => format!("No cap: {}", reasons.join("; ")),
        }
    }
}

/// Orders a person can sort cards in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    /// The recommendation's order for the goal.
    Goal,
    Average,
    WorstCase,
    Premium,
}

impl SortBy {
    pub const ALL: [SortBy; 4] = [
        SortBy::Goal,
        SortBy::Average,
        SortBy::WorstCase,
        SortBy::Premium,
    ];

    pub fn id(self) -> &'static str {
        match self {
            SortBy::Goal => "goal",
            SortBy::Average => "average",
            SortBy::WorstCase => "worst",
            SortBy::Premium => "premium",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortBy::Goal => "Best for your goal",
            SortBy::Average => "Lowest yearly total",
            SortBy::WorstCase => "Lowest worst case",
            SortBy::Premium => "Lowest premium",
        }
    }

    pub fn from_id(id: &str) -> SortBy {
        SortBy::ALL
            .into_iter()
            .find(|s| s.id() == id)
            .unwrap_or(SortBy::Goal)
    }
}

/// The cards of one category, in the goal's order (the recommended option first).
pub fn cards(r: &Report, plans: &[LoadedPlan], category: &str) -> Vec<Card> {
    let Some(c) = r.categories.iter().find(|c| c.category == category) else {
        return Vec::new();
    };
    c.ranking
        .iter()
        .enumerate()
        .filter_map(|(rank, &i)| {
            let o = r.options.get(i)?;
            let e = o.expected.as_ref()?;
            let plan = plans.iter().find(|p| p.file.id == o.id);
            let tier = plan.and_then(|p| {
                p.file
                    .tiers
                    .iter()
                    .find(|t| Some(&t.id) == o.tier_id.as_ref())
            });
            Some(Card {
                option: i,
                id: o.id.clone(),
                name: o.name.clone(),
                category: o.category.clone(),
                tier: o
                    .tier
                    .as_deref()
                    .map(|t| crate::model::tier_words(t, Some(e))),
                summary: plan.and_then(|p| p.file.summary.clone()),
                rank,
                premium: e.premium,
                premium_is_example: e.premium_is_example,
                surcharges: e.surcharges,
                surcharge_words: crate::model::surcharge_words(e),
                terms: match (plan, tier) {
                    (Some(p), Some(t)) => terms(p, t),
                    _ => vec![Term {
                        label: "Coverage",
                        value: "None: you pay the full price of any care".into(),
                        example: false,
                    }],
                },
                employer_money: e.hra_credit + e.employer_hsa,
                employer_money_label: match (e.hra_credit > 0, e.employer_hsa > 0) {
                    (true, true) => "Employer HRA and HSA money",
                    (true, false) => "Employer HRA money",
                    _ => "Employer HSA money",
                },
                employer_money_example: crate::model::employer_money_is_example(o),
                expected_total: e.total,
                own_hsa: e.hsa_contribution,
                hsa_problem: o
                    .notes
                    .iter()
                    .find(|n| n.starts_with("The plan is described as HSA-eligible"))
                    .cloned(),
                average: o.simulated.as_ref().map(|s| s.mean),
                likely: o.simulated.as_ref().map(|s| (s.p10, s.p90)),
                worst_case: o.worst_case.ok_or_else(|| o.no_cap.clone()),
                cheapest_per_10k: o.simulated.as_ref().map(|s| s.cheapest_per_10k),
                explained: !o.why.is_empty(),
            })
        })
        .collect()
}

/// Sorts cards; ties keep the goal's order.
pub fn sort(cards: &mut [Card], by: SortBy) {
    let key = |c: &Card| -> i64 {
        match by {
            SortBy::Goal => c.rank as i64,
            SortBy::Average => c.average.unwrap_or(c.expected_total),
            SortBy::WorstCase => *c.worst_case.as_ref().unwrap_or(&i64::MAX),
            SortBy::Premium => c.premium + c.surcharges,
        }
    };
    costshare_engine::order::sort_by_key(cards, |c| (key(c), c.rank));
}

fn usd(a: &Amount) -> String {
    match Money::from_decimal(a.0) {
        Ok(m) => money(m.cents()).trim_end_matches(".00").to_string(),
        Err(_) => format!("${a}"),
    }
}

/// A deductible's or maximum's amounts on a tier's card. With an aggregate family rule only the
/// family amount counts (the engine ignores the individual one), so only it is shown.
fn amounts(a: &IndividualFamily, covers_more: bool, rule: FamilyRule) -> String {
    match (a.family, covers_more) {
        (Some(f), true) if f == a.individual || rule == FamilyRule::Aggregate => {
            format!("{} for everyone together", usd(&f))
        }
        (Some(f), true) => format!("{} each, {} for everyone", usd(&a.individual), usd(&f)),
        _ => usd(&a.individual),
    }
}

/// A benefit in HealthCare.gov's words: "$35 copay", "20% coinsurance after deductible",
/// "No charge".
pub fn benefit_words(b: &BenefitFile) -> String {
    if !b.covered {
        return "Not covered".into();
    }
    let after = if b.deductible == Some(DeductibleRule::Applies) {
        " after deductible"
    } else {
        ""
    };
    let coins = b.coinsurance.filter(|c| !c.0.is_zero());
    let mut parts = Vec::new();
    if let Some(c) = &b.copay {
        parts.push(format!("{} copay", usd(c)));
    }
    match (coins, parts.is_empty()) {
        (Some(p), true) => parts.push(format!("{p} coinsurance{after}")),
        (Some(p), false) => parts.push(format!("then {p} coinsurance{after}")),
        (None, true) if b.allowance.is_none() => parts.push(format!("No charge{after}")),
        (None, _) => {}
    }
    if let Some(a) = &b.allowance {
        parts.push(format!("plan pays up to {}", usd(a)));
    }
    parts.join(", ")
}

/// A visit limit's period on a card: "every 6 months", "a year".
fn how_often(per: &LimitPer) -> Option<&'static str> {
    Some(match per {
        LimitPer::Year => "a year",
        LimitPer::Lifetime => "in a lifetime",
        LimitPer::SixMonths => "every 6 months",
        LimitPer::TwelveMonths => "every 12 months",
        LimitPer::TwentyFourMonths => "every 24 months",
        LimitPer::ThirtySixMonths => "every 36 months",
        LimitPer::SixtyMonths => "every 60 months",
        LimitPer::Admission => return None,
    })
}

fn category_of(kind: PlanKind) -> &'static str {
    match kind {
        PlanKind::Medical => "medical",
        PlanKind::Dental => "dental",
        PlanKind::Vision => "vision",
    }
}

/// The services a card names, by category: (service id, label).
const KEY_SERVICES: [(&str, &str, &str); 11] = [
    ("medical", "primary_care_visit", "Primary care visit"),
    ("medical", "specialist_visit", "Specialist visit"),
    ("medical", "er_visit", "Emergency room"),
    ("dental", "dental_cleaning", "Cleanings and exams"),
    ("dental", "dental_filling", "Fillings"),
    ("dental", "dental_crown", "Crowns"),
    ("dental", "orthodontia", "Orthodontia"),
    ("vision", "vision_exam", "Eye exam"),
    ("vision", "eyeglass_lenses", "Glasses lenses"),
    ("vision", "eyeglass_frames", "Frames"),
    ("vision", "contact_lenses", "Contact lenses"),
];

/// A plan's key terms for a tier, in-network.
pub fn terms(plan: &LoadedPlan, tier: &TierFile) -> Vec<Term> {
    let f = &plan.file;
    let covers_more = tier.covers_family();
    let mut out = Vec::new();
    match &tier.deductible {
        Some(d) => out.push(Term {
            label: "Deductible",
            value: amounts(&d.in_network, covers_more, f.family_deductible),
            example: d.example,
        }),
        None => out.push(Term {
            label: "Deductible",
            value: "None".into(),
            example: false,
        }),
    }
    match &tier.out_of_pocket_max {
        Some(d) => out.push(Term {
            label: "Out-of-pocket maximum",
            value: amounts(&d.in_network, covers_more, f.family_out_of_pocket_max),
            example: d.example,
        }),
        None if category_of(f.kind) == "medical" => out.push(Term {
            label: "Out-of-pocket maximum",
            value: "None".into(),
            example: false,
        }),
        None => {}
    }
    for (cat, id, label) in KEY_SERVICES {
        if cat != category_of(f.kind) {
            continue;
        }
        if let Some(s) = f.services.iter().find(|s| s.id == id) {
            let limits: Vec<&LimitFile> = s
                .limits
                .iter()
                .filter_map(|id| f.limits.iter().find(|l| &l.id == id))
                .collect();
            // A dental service's own dollar maximum (orthodontia's lifetime one), or that its
            // care stops being free or shared once the plan's yearly maximum is paid out.
            let dollar_limits: Vec<&LimitFile> = limits
                .iter()
                .copied()
                .filter(|l| l.unit == LimitUnit::PlanDollars && l.scope == LimitScope::Person)
                .collect();
            let mut value = benefit_words(&s.in_network);
            let mut example = s.example;
            if f.kind == PlanKind::Dental && s.in_network.covered {
                if let Some(l) = dollar_limits
                    .iter()
                    .find(|l| matches!(l.per, LimitPer::Lifetime))
                {
                    value.push_str(&format!(", up to {} per lifetime", usd(&l.amount)));
                    example |= l.example;
                } else if value.starts_with("No charge")
                    && dollar_limits
                        .iter()
                        .any(|l| matches!(l.per, LimitPer::Year))
                {
                    // Free care is paid from the yearly maximum too; once it is used up, you
                    // pay the full price.
                    value.push_str(", until the yearly maximum is paid out");
                }
                // How often, and for whom, as the claim lines apply it.
                let visits = limits.iter().find(|l| l.unit == LimitUnit::Visits);
                if let Some((l, when)) = visits.and_then(|l| how_often(&l.per).map(|w| (l, w))) {
                    value.push_str(&format!("; {} {when}", l.amount));
                    example |= l.example;
                }
                if let Some(age) = s.max_age {
                    value.push_str(&format!("; children through age {age}"));
                }
            }
            out.push(Term {
                label,
                value,
                example,
            });
        }
    }
    if let Some(d) = &f.drugs
        && let Some(tier) = d.tiers.first()
        && let Some(fill) = tier.fills.first()
    {
        // As the services above: a share that waits for a deductible says so.
        let after = match (&d.deductible, tier.deductible) {
            (_, Some(DeductibleRule::Waived)) | (DrugDeductibleFile::None, _) => "",
            (DrugDeductibleFile::Medical, _) => " after deductible",
            (DrugDeductibleFile::Separate(_), _) => " after the drug deductible",
        };
        let value = match (&fill.copay, fill.coinsurance) {
            (Some(c), _) => format!("{} copay{after}", usd(c)),
            (None, Some(p)) => format!("{p} coinsurance{after}"),
            (None, None) => "No charge".into(),
        };
        out.push(Term {
            label: "Generic drugs",
            value: format!("{value} (30-day supply)"),
            example: d.example,
        });
    }
    // A dental plan's yearly maximum (a medical plan's dollar limits are narrower, like a
    // preventive-care maximum, and not a key term).
    let yearly = |scope: LimitScope| {
        f.limits.iter().find(|l| {
            l.unit == LimitUnit::PlanDollars && l.scope == scope && matches!(l.per, LimitPer::Year)
        })
    };
    if f.kind == PlanKind::Dental
        && let Some(l) = yearly(LimitScope::Person)
    {
        // A family tier also has the family's yearly maximum, when the plan has one.
        let family = yearly(LimitScope::Family).filter(|_| covers_more);
        out.push(Term {
            label: "Yearly maximum the plan pays",
            value: match family {
                Some(fam) => format!(
                    "{} per person, {} per family",
                    usd(&l.amount),
                    usd(&fam.amount)
                ),
                None => format!("{} per person", usd(&l.amount)),
            },
            example: l.example || family.is_some_and(|f| f.example),
        });
    }
    out
}

/// The cost of any combination of one option per category: (expected year, simulated
/// (average, 9 in 10 years at most)) from the report's own combinations. The average is the
/// sum of the options' averages as their cards show them (each to the nearest dollar, or to
/// the cent: [`Beside`]), so that a reader adding up the cards gets it; the 90th percentile
/// of the combined years is no sum.
pub fn combination(r: &Report, chosen: &[usize]) -> Option<(i64, Option<(i64, i64)>)> {
    let shown_average: i64 = chosen
        .iter()
        .filter_map(|&i| r.options.get(i))
        .filter_map(|o| Some(Beside::of(o).average_cents(o.simulated.as_ref()?.mean)))
        .sum();
    report_combination(r, chosen).map(|k| (k.expected, k.simulated.map(|s| (shown_average, s.1))))
}

/// The report's own combination of exactly the `chosen` options, with its exact figures.
pub fn report_combination<'a>(
    r: &'a Report,
    chosen: &[usize],
) -> Option<&'a costshare_decision::report::CombinationReport> {
    r.combinations
        .iter()
        .find(|k| k.options.len() == chosen.len() && k.options.iter().all(|i| chosen.contains(i)))
}

/// Options of a category a person can pick (eligible ones), in the goal's order.
pub fn choices(r: &Report, category: &str) -> Vec<(usize, OptionReport)> {
    r.categories
        .iter()
        .find(|c| c.category == category)
        .map(|c| {
            c.ranking
                .iter()
                .filter_map(|&i| r.options.get(i).map(|o| (i, o.clone())))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{default_scenario, quick_report};
    use costshare_decision::file::RelationshipFile;

    fn setup(family: bool) -> (Vec<LoadedPlan>, Report) {
        let plans = costshare_catalog::builtin().unwrap();
        let mut s = default_scenario();
        if family {
            s.people.push(crate::model::person(
                "Spouse",
                RelationshipFile::Spouse,
                40,
                Some("low"),
            ));
        }
        let r = quick_report(&plans, &s).unwrap();
        (plans, r)
    }

    #[test]
    fn a_plan_that_costs_its_worst_case_every_year_reads_one_amount_to_the_cent() {
        // Pat, 55, very high use with an outpatient surgery and ongoing therapy, reaches the
        // HDHP's $1,700 out-of-pocket maximum in every year. Its yearly total is then its worst
        // case: $420.00 premium (example) + $1,700.00 − $162.33 tax savings (25% federal + 6%
        // Georgia + 7.65% payroll tax = 38.65% of the $420 premium) = $1,957.67.
        let plans = costshare_catalog::builtin().unwrap();
        let r = crate::model::simulated_report(&plans, &crate::model::heavy_care(), 500);
        let cards = cards(&r, &plans, "medical");
        let hdhp = cards.iter().find(|c| c.id == "shbp-2010-hdhp").unwrap();
        assert_eq!(hdhp.expected_total, 195_767);
        assert_eq!(hdhp.worst_case, Ok(195_767));
        assert_eq!(hdhp.average, Some(195_767));
        assert_eq!(hdhp.likely, Some((195_767, 195_767)));
        let b = hdhp.beside();
        assert_eq!(hdhp.worst_case_words(), "$1,957.67", "not $1,958");
        assert_eq!(b.average(195_767), "$1,957.67");
        assert_eq!(b.range(195_767, 195_767), "$1,957.67");
        // The cost table and the printed summary read the report's option the same way.
        let o = r.options.iter().find(|o| o.id == "shbp-2010-hdhp").unwrap();
        assert_eq!(crate::model::worst_case(o), "$1,957.67");
        assert_eq!(crate::verdict::average(o), Some(195_767));
    }

    #[test]
    fn an_example_hra_credit_is_marked() {
        // The HRA's $500 for an employee is published (hra2010); the family tiers' credit in
        // the plan file is an example.
        for (family, money, example) in [(false, 50_000, false), (true, 100_000, true)] {
            let (plans, r) = setup(family);
            let hra = cards(&r, &plans, "medical")
                .into_iter()
                .find(|c| c.id == "shbp-2010-hra")
                .unwrap();
            assert_eq!(
                (hra.employer_money, hra.employer_money_example),
                (money, example)
            );
        }
    }

    fn term<'a>(c: &'a Card, label: &str) -> &'a Term {
        c.terms
            .iter()
            .find(|t| t.label == label)
            .unwrap_or_else(|| panic!("{label} in {:?}", c.terms))
    }

    #[test]
    fn medical_cards_carry_the_tiers_terms_and_the_reports_figures() {
        let (plans, r) = setup(false);
        let cards = cards(&r, &plans, "medical");
        assert_eq!(cards.len(), 3);
        assert_eq!(cards[0].rank, 0);
        let oap = cards.iter().find(|c| c.id == "shbp-2010-oap").unwrap();
        // The plan file's summary, in plain words, is on the card.
        assert!(
            oap.summary
                .as_deref()
                .is_some_and(|s| s.starts_with("Copay plan: $35 office visits")),
            "{:?}",
            oap.summary
        );
        // OAP 2010 for the employee alone: $35 copay for a doctor's visit (oap2010 p.29),
        // $150 ER copay then 20% after the deductible.
        assert_eq!(term(oap, "Primary care visit").value, "$35 copay");
        assert_eq!(
            term(oap, "Emergency room").value,
            "$150 copay, then 20% coinsurance after deductible"
        );
        assert_eq!(
            term(oap, "Generic drugs").value,
            "$15 copay (30-day supply)"
        );
        // The HRA's fills go through its medical deductible (drugs: "deductible": "medical"),
        // as its claim lines show: "$5.00 goes to your deductible".
        let hra = cards.iter().find(|c| c.id == "shbp-2010-hra").unwrap();
        assert_eq!(
            term(hra, "Generic drugs").value,
            "10% coinsurance after deductible (30-day supply)"
        );
        let o = r.options.iter().find(|o| o.id == "shbp-2010-oap").unwrap();
        assert_eq!(oap.expected_total, o.expected.as_ref().unwrap().total);
        assert!(oap.worst_case.is_err(), "copays continue: no cap");
        assert!(
            oap.worst_case_words()
                .starts_with("No cap: copays continue")
        );
        let hra = cards.iter().find(|c| c.id == "shbp-2010-hra").unwrap();
        // The HRA tier's employer credit is the report's.
        assert_eq!(
            hra.employer_money,
            r.options
                .iter()
                .find(|o| o.id == "shbp-2010-hra")
                .unwrap()
                .expected
                .as_ref()
                .unwrap()
                .hra_credit
        );
        assert!(hra.worst_case.is_ok());
        // Named for what it is: the HRA's $500, which the cost table has already taken off
        // "Your care" (its "Employer HSA money" column is $0.00).
        assert_eq!(hra.employer_money_label, "Employer HRA money");
    }

    #[test]
    fn a_family_tier_shows_each_and_everyone_amounts() {
        let (plans, r) = setup(true);
        let cards = cards(&r, &plans, "medical");
        let hdhp = cards.iter().find(|c| c.id == "shbp-2010-hdhp").unwrap();
        // The HDHP's employee + spouse deductible is one $2,300 amount for both (shbp-hdhp-2009 p.1).
        assert_eq!(
            term(hdhp, "Deductible").value,
            "$2,300 for everyone together"
        );
        assert_eq!(hdhp.tier.as_deref(), Some("Employee + Spouse (ES)"));
    }

    #[test]
    fn an_aggregate_deductible_shows_only_the_family_amount() {
        // An aggregate family deductible with a smaller individual amount ($1,150 / $2,300):
        // only the $2,300 counts for a family tier, so the card does not say "$1,150 each".
        let mut v: serde_json::Value = serde_json::from_str(include_str!(
            "../../crates/costshare-catalog/plans/shbp-2010-hdhp.json"
        ))
        .unwrap();
        assert_eq!(v["family_deductible"], "aggregate");
        v["tiers"][3]["deductible"]["in_network"]["individual"] = "1150".into();
        let plan = costshare_plan::load_plan(&v.to_string()).unwrap();
        let family = &plan.file.tiers[3];
        let deductible = terms(&plan, family)
            .into_iter()
            .find(|t| t.label == "Deductible")
            .unwrap();
        assert_eq!(deductible.value, "$2,300 for everyone together");
        // An embedded one keeps both: the OAP's family tier.
        let plans = costshare_catalog::builtin().unwrap();
        let oap = plans.iter().find(|p| p.file.id == "shbp-2010-oap").unwrap();
        let family = oap
            .file
            .tiers
            .iter()
            .find(|t| t.covers_spouse && t.covers_children)
            .unwrap();
        let deductible = terms(oap, family)
            .into_iter()
            .find(|t| t.label == "Deductible")
            .unwrap();
        assert!(deductible.value.contains(" each, "), "{}", deductible.value);
    }

    #[test]
    fn dental_and_vision_cards_name_their_own_terms_and_examples() {
        let (plans, r) = setup(false);
        let dental = cards(&r, &plans, "dental");
        let low = dental.iter().find(|c| c.id == "dental-low").unwrap();
        assert_eq!(
            term(low, "Fillings").value,
            "20% coinsurance after deductible"
        );
        // Free cleanings are paid from the $1,000 yearly maximum too (dental-low.json), and
        // orthodontia has its own $1,000 lifetime maximum at 50%.
        assert_eq!(
            term(low, "Cleanings and exams").value,
            "No charge, until the yearly maximum is paid out; 1 every 6 months"
        );
        assert_eq!(
            term(low, "Orthodontia").value,
            "50% coinsurance, up to $1,000 per lifetime; children through age 18"
        );
        let max = term(low, "Yearly maximum the plan pays");
        assert_eq!(max.value, "$1,000 per person");
        assert!(max.example);
        // A family tier names the family's yearly maximum too ($3,000).
        let (plans, family) = setup(true);
        let family = cards(&family, &plans, "dental");
        let low = family.iter().find(|c| c.id == "dental-low").unwrap();
        assert_eq!(
            term(low, "Yearly maximum the plan pays").value,
            "$1,000 per person, $3,000 per family"
        );
        let none = dental.iter().find(|c| c.id == "no-dental").unwrap();
        assert!(none.terms[0].value.starts_with("None"));
        let vision = cards(&r, &plans, "vision");
        let basic = vision.iter().find(|c| c.id == "vision-basic").unwrap();
        assert_eq!(term(basic, "Frames").value, "plan pays up to $130");
    }

    #[test]
    fn sorting_by_premium_worst_case_and_total_keeps_ties_in_the_goals_order() {
        let (plans, r) = setup(false);
        let mut c = cards(&r, &plans, "medical");
        sort(&mut c, SortBy::Premium);
        assert!(
            c.windows(2)
                .all(|w| w[0].premium + w[0].surcharges <= w[1].premium + w[1].surcharges)
        );
        sort(&mut c, SortBy::WorstCase);
        // The OAP has no cap, so it sorts last.
        assert_eq!(c.last().unwrap().id, "shbp-2010-oap");
        sort(&mut c, SortBy::Average);
        assert!(
            c.windows(2)
                .all(|w| w[0].expected_total <= w[1].expected_total)
        );
        sort(&mut c, SortBy::Goal);
        assert!(c.windows(2).all(|w| w[0].rank < w[1].rank));
        assert_eq!(SortBy::from_id("worst"), SortBy::WorstCase);
        assert_eq!(SortBy::from_id("<script>"), SortBy::Goal);
    }

    #[test]
    fn any_combination_has_a_total_that_adds_up() {
        let (_, r) = setup(false);
        let pick = |cat: &str, n: usize| choices(&r, cat)[n].0;
        for (m, d, v) in [(0, 0, 0), (2, 1, 1), (1, 2, 0)] {
            let chosen = [pick("medical", m), pick("dental", d), pick("vision", v)];
            let (expected, _) = combination(&r, &chosen).unwrap();
            let sum: i64 = chosen
                .iter()
                .map(|&i| r.options[i].expected.as_ref().unwrap().total)
                .sum();
            assert_eq!(expected, sum);
        }
    }

    #[test]
    fn a_combinations_average_is_its_cards_averages_added_up() {
        let (_, mut r) = setup(false);
        let chosen = [
            choices(&r, "medical")[0].0,
            choices(&r, "dental")[0].0,
            choices(&r, "vision")[0].0,
        ];
        // Averages of $1,253.60, $245.60 and $104.60: the cards show $1,254, $246 and $105,
        // which add up to $1,605; the exact sum, $1,603.80, would read "$1,604".
        for (&i, mean) in chosen.iter().zip([125_360, 24_560, 10_460]) {
            r.options[i].simulated = Some(crate::model::simulated_years(mean, mean, mean, 10_000));
        }
        let k = r
            .combinations
            .iter_mut()
            .find(|k| k.options.iter().all(|i| chosen.contains(i)))
            .unwrap();
        k.simulated = Some((160_380, 170_000, 180_000));
        assert_eq!(
            combination(&r, &chosen).unwrap().1,
            Some((160_500, 170_000))
        );
    }
}
