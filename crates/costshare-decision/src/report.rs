//! The comparison as plain data (amounts in cents), for JSON output, the site and its web worker.

use crate::compare::{Category, Comparison};
use serde::{Deserialize, Serialize};

/// The whole comparison.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
pub struct Report {
    /// Simulated years (0 when not simulated).
    pub simulations: u32,
    /// Seed.
    pub seed: u64,
    /// Allowed charges of the expected year, in cents.
    pub expected_allowed: i64,
    /// Every option.
    pub options: Vec<OptionReport>,
    /// One per category.
    pub categories: Vec<CategoryReport>,
    /// Medical cost curves.
    pub curve: CurveReport,
    /// Combinations, best first.
    pub combinations: Vec<CombinationReport>,
    /// Expected-year total of the recommended options, in cents.
    pub recommended_total: i64,
    /// The plan year (tax year) of the comparison.
    pub year: i32,
    /// Said once for the whole comparison: tax rules applied with their sources, caveats.
    pub notices: Vec<String>,
}

/// One option.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
pub struct OptionReport {
    /// Plan id or `no-dental` / `no-vision`.
    pub id: String,
    /// Name.
    pub name: String,
    /// `medical`, `dental` or `vision`.
    pub category: String,
    /// Why it cannot be chosen.
    pub excluded: Option<String>,
    /// Tier name.
    pub tier: Option<String>,
    /// Tier id.
    pub tier_id: Option<String>,
    /// Expected year, when it can be chosen.
    pub expected: Option<ExpectedReport>,
    /// Worst case, in cents, when something caps it.
    pub worst_case: Option<i64>,
    /// Why nothing caps what the person could pay (empty when `worst_case` is set).
    pub no_cap: Vec<String>,
    /// Suggested HSA contribution, in cents.
    pub suggested_hsa: Option<i64>,
    /// Simulated spread.
    pub simulated: Option<SimulatedReport>,
    /// Notes.
    pub notes: Vec<String>,
    /// The expected year, claim by claim (may be left out).
    pub why: Vec<WhyReport>,
}

/// The months before a baby's birth at a smaller tier; amounts in cents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
pub struct BeforeBirthReport {
    /// The tier's name.
    pub tier: String,
    /// Its id (the key of a premium entered for it is `plan-id:tier-id`).
    pub tier_id: String,
    /// Months of the plan year before the month of the birth.
    pub months: u32,
    /// That tier's premium for twelve months.
    pub full_year: i64,
    /// What is counted: `full_year × months ÷ 12`.
    pub premium: i64,
    /// Whether that premium is an example.
    pub premium_is_example: bool,
}

/// An expected year's cost, in cents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
pub struct ExpectedReport {
    /// Premium for the year.
    pub premium: i64,
    /// Whether the premium is an example.
    pub premium_is_example: bool,
    /// The tier's premium for twelve months (`premium`, unless a baby born this year joins).
    pub premium_full_year: i64,
    /// Whether that is an example.
    pub premium_full_year_is_example: bool,
    /// The smaller tier paid for the months before a baby's birth, when the tier changes.
    /// (Always written, `null` when not: the page's postcard encoding needs every field.)
    pub before_birth: Option<BeforeBirthReport>,
    /// Surcharges.
    pub surcharges: i64,
    /// What the person pays for care.
    pub out_of_pocket: i64,
    /// HRA money used.
    pub hra_used: i64,
    /// HRA credit for the year.
    pub hra_credit: i64,
    /// Employer HSA money for the year.
    pub employer_hsa: i64,
    /// Employer HSA money that pays this year's care (subtracted in `total`).
    pub employer_hsa_used: i64,
    /// State tax on the employer's HSA money (California, New Jersey), taken off `tax_savings`.
    pub employer_hsa_state_tax: i64,
    /// Employer HSA money not spent and an HRA balance that rolls over: carried forward to
    /// later years, not part of `total`.
    pub carried_forward: i64,
    /// Each surcharge that applies, in words.
    pub surcharge_items: Vec<SurchargeReport>,
    /// The employee's HSA contribution counted.
    pub hsa_contribution: i64,
    /// Tax savings.
    pub tax_savings: i64,
    /// Total.
    pub total: i64,
}

/// A surcharge, amounts in cents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
pub struct SurchargeReport {
    /// Name.
    pub name: String,
    /// Per month.
    pub monthly: i64,
    /// For the year.
    pub yearly: i64,
    /// Who triggers it and why.
    pub because: String,
    /// How it can be avoided, in the plan's words.
    pub how_to_avoid: Option<String>,
    /// The document and page, or that the amount is an example.
    pub source: String,
    /// Whether the amount is an example, not a published one.
    pub example: bool,
}

/// Simulated spread, in cents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
pub struct SimulatedReport {
    /// Average.
    pub mean: i64,
    /// 10th percentile.
    pub p10: i64,
    /// Median.
    pub p50: i64,
    /// 90th percentile.
    pub p90: i64,
    /// 99th percentile.
    pub p99: i64,
    /// Most expensive simulated year.
    pub max: i64,
    /// Chance of being cheapest, per 10,000 years.
    pub cheapest_per_10k: u32,
    /// Expected regret.
    pub expected_regret: i64,
    /// Histogram: (upper edge in cents, share per 10,000).
    pub histogram: Vec<(i64, u32)>,
}

/// One line of "why this number".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
pub struct WhyReport {
    /// Person.
    pub person: String,
    /// Date, `YYYY-MM-DD`.
    pub date: String,
    /// Care.
    pub care: String,
    /// Where the care comes from.
    pub source: String,
    /// Network in words.
    pub network: String,
    /// Allowed, in cents.
    pub allowed: i64,
    /// Billed by an out-of-network provider above the allowed amount (the person pays it), in
    /// cents: `allowed + balance_billed = hra_paid + you_pay + plan_pays`.
    pub balance_billed: i64,
    /// Paid from the HRA, in cents.
    pub hra_paid: i64,
    /// Paid by the person, in cents.
    pub you_pay: i64,
    /// Paid by the plan, in cents.
    pub plan_pays: i64,
    /// The engine's explanation.
    pub steps: Vec<String>,
}

/// One category's recommendation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
pub struct CategoryReport {
    /// `medical`, `dental` or `vision`.
    pub category: String,
    /// Index of the recommended option.
    pub recommended: Option<usize>,
    /// Option indexes, best first.
    pub ranking: Vec<usize>,
    /// Reasons.
    pub reasons: Vec<String>,
    /// What would change it.
    pub what_would_change: Vec<String>,
}

/// Cost curves, in cents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
pub struct CurveReport {
    /// Spending levels.
    pub spend: Vec<i64>,
    /// (option index, dominated, costs).
    pub series: Vec<(usize, bool, Vec<i64>)>,
    /// (spend, from option, to option, to's cost there).
    pub crossovers: Vec<(i64, usize, usize, i64)>,
    /// The household's expected medical spending (the marker), in cents.
    pub expected_spend: i64,
    /// Whether the curves scale the household's own care (false: a generic mix).
    pub own_mix: bool,
}

/// A combination.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
pub struct CombinationReport {
    /// Option indexes.
    pub options: Vec<usize>,
    /// Expected total, in cents.
    pub expected: i64,
    /// Simulated (mean, p90, p99), in cents.
    pub simulated: Option<(i64, i64, i64)>,
}

/// A number of months in words: "1 month", "10 months".
pub fn months(n: u32) -> String {
    if n == 1 {
        "1 month".into()
    } else {
        format!("{n} months")
    }
}

/// A count with thousands separators, like `10,000`.
pub fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

impl Report {
    /// Builds the report; `with_why` keeps the claim-by-claim lines.
    pub fn new(c: &Comparison, with_why: bool) -> Report {
        let words = |cat: Category| cat.words().to_string();
        Report {
            simulations: c.simulations,
            seed: c.seed,
            expected_allowed: c.expected_allowed.cents(),
            options: c
                .options
                .iter()
                .map(|o| OptionReport {
                    id: o.id.clone(),
                    name: o.name.clone(),
                    category: words(o.category),
                    excluded: o.excluded.clone(),
                    tier: o.tier.clone(),
                    tier_id: o.tier_id.clone(),
                    expected: o.expected.as_ref().map(|e| ExpectedReport {
                        premium: e.fixed.premium.cents(),
                        premium_is_example: e.fixed.premium_is_example,
                        premium_full_year: e.fixed.premium_full_year.cents(),
                        premium_full_year_is_example: e.fixed.premium_full_year_is_example,
                        before_birth: e.fixed.before_birth.as_ref().map(|b| BeforeBirthReport {
                            tier: b.tier_name.clone(),
                            tier_id: b.tier_id.clone(),
                            months: b.months,
                            full_year: b.full_year.cents(),
                            premium: b.premium.cents(),
                            premium_is_example: b.premium_is_example,
                        }),
                        surcharges: e.fixed.surcharges.cents(),
                        out_of_pocket: e.out_of_pocket.cents(),
                        hra_used: e.hra_used.cents(),
                        hra_credit: e.fixed.hra_credit.cents(),
                        employer_hsa: e.fixed.employer_hsa.cents(),
                        employer_hsa_used: e.employer_hsa_used.cents(),
                        employer_hsa_state_tax: e.fixed.employer_hsa_state_tax.cents(),
                        carried_forward: e.carried_forward.cents(),
                        surcharge_items: e
                            .fixed
                            .surcharge_items
                            .iter()
                            .map(|i| SurchargeReport {
                                name: i.name.clone(),
                                monthly: i.monthly.cents(),
                                yearly: i.yearly.cents(),
                                because: i.because.clone(),
                                how_to_avoid: i.how_to_avoid.clone(),
                                source: i.source.clone(),
                                example: i.example,
                            })
                            .collect(),
                        hsa_contribution: e.hsa_contribution.cents(),
                        tax_savings: e.tax_savings.cents(),
                        total: e.net.cents(),
                    }),
                    worst_case: o.worst_case.map(|m| m.cents()),
                    no_cap: match &o.ceiling {
                        Some(crate::cost::Ceiling::NoCap { reasons, .. }) => reasons.clone(),
                        _ => Vec::new(),
                    },
                    suggested_hsa: o.suggested_hsa.map(|m| m.cents()),
                    simulated: o.distribution.as_ref().map(|d| SimulatedReport {
                        mean: d.mean.cents(),
                        p10: d.p10.cents(),
                        p50: d.p50.cents(),
                        p90: d.p90.cents(),
                        p99: d.p99.cents(),
                        max: d.max.cents(),
                        cheapest_per_10k: d.cheapest_per_10k,
                        expected_regret: d.expected_regret.cents(),
                        histogram: d.histogram.iter().map(|(m, s)| (m.cents(), *s)).collect(),
                    }),
                    notes: o.notes.clone(),
                    why: if with_why {
                        o.why
                            .iter()
                            .map(|w| WhyReport {
                                person: w.person.clone(),
                                date: w.date.to_string(),
                                care: w.care.clone(),
                                source: w.source.clone(),
                                network: w.network.clone(),
                                allowed: w.allowed.cents(),
                                balance_billed: w.balance_billed.cents(),
                                hra_paid: w.hra_paid.cents(),
                                you_pay: w.you_pay.cents(),
                                plan_pays: w.plan_pays.cents(),
                                steps: w.steps.clone(),
                            })
                            .collect()
                    } else {
                        Vec::new()
                    },
                })
                .collect(),
            categories: c
                .categories
                .iter()
                .map(|k| CategoryReport {
                    category: words(k.category),
                    recommended: k.recommended,
                    ranking: k.ranking.clone(),
                    reasons: k.reasons.clone(),
                    what_would_change: k.what_would_change.clone(),
                })
                .collect(),
            curve: CurveReport {
                spend: c.curve.spend.iter().map(|m| m.cents()).collect(),
                series: c
                    .curve
                    .series
                    .iter()
                    .map(|s| {
                        (
                            s.option,
                            s.dominated,
                            s.costs.iter().map(|m| m.cents()).collect(),
                        )
                    })
                    .collect(),
                crossovers: c
                    .curve
                    .crossovers
                    .iter()
                    .map(|x| (x.spend.cents(), x.from, x.to, x.cost.cents()))
                    .collect(),
                expected_spend: c.curve.expected_spend.cents(),
                own_mix: c.curve.own_mix,
            },
            combinations: c
                .combinations
                .iter()
                .map(|k| CombinationReport {
                    options: k.options.clone(),
                    expected: k.expected.cents(),
                    simulated: k
                        .simulated
                        .map(|(a, b, d)| (a.cents(), b.cents(), d.cents())),
                })
                .collect(),
            recommended_total: c.combined_expected.cents(),
            year: c.year,
            notices: c.notices.clone(),
        }
    }
}
