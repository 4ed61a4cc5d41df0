//! What a comparison is made of: the choices (categories, goals, settings), each option's
//! result and the whole comparison. Plain data shared by the stages (`compare` builds it,
//! `recommend` ranks and explains it); this module imports no stage.

use crate::care::{CareKind, Coverage};
use crate::cost::{Ceiling, Fixed, YearCost};
use crate::curve::Curve;
use crate::expected::Pricing;
use crate::simulate::CostDistribution;
use chrono::NaiveDate;
use costshare_engine::Money;
use costshare_plan::LoadedPlan;

/// The three things a person chooses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Medical plan.
    Medical,
    /// Dental plan.
    Dental,
    /// Vision plan.
    Vision,
}

impl Category {
    /// Plain words.
    pub fn words(self) -> &'static str {
        match self {
            Category::Medical => "medical",
            Category::Dental => "dental",
            Category::Vision => "vision",
        }
    }
}

/// What the person wants the recommendation to optimize.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Goal {
    /// The lowest average yearly cost.
    LowestExpected,
    /// The lowest cost in a bad year.
    LowestWorstCase,
    /// A balance: 0 = only a bad year matters, 100 = only the average matters.
    Balanced {
        /// Risk tolerance, 0 to 100.
        risk_tolerance: u8,
    },
}

/// How to run the comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Seed of the simulation: the same seed gives the same results.
    pub seed: u64,
    /// Simulated years per option (0 skips the simulation).
    pub simulations: u32,
    /// The goal.
    pub goal: Goal,
    /// Prices.
    pub pricing: Pricing,
    /// Work out "why this number" for each option's expected year (its claim-by-claim lines).
    /// Off, the comparison's amounts are the same and its `why` lines are empty: for a caller
    /// that does not show them, such as the site joining a simulation it already has them for.
    pub explain: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            seed: 2010,
            simulations: 10_000,
            goal: Goal::Balanced { risk_tolerance: 50 },
            pricing: Pricing::default(),
            explain: true,
        }
    }
}

/// One line of "why this number" for an option's expected year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WhyLine {
    /// Person.
    pub person: String,
    /// Date.
    pub date: NaiveDate,
    /// Care, in words.
    pub care: String,
    /// Where the care comes from (preset, life event, own count).
    pub source: String,
    /// In-network or out-of-network.
    pub network: String,
    /// Allowed amount.
    pub allowed: Money,
    /// What an out-of-network provider bills above the allowed amount (the person pays it).
    pub balance_billed: Money,
    /// Paid from the HRA.
    pub hra_paid: Money,
    /// Paid by the person.
    pub you_pay: Money,
    /// Paid by the plan.
    pub plan_pays: Money,
    /// The engine's explanation.
    pub steps: Vec<String>,
}

/// One option: a plan, or going without dental or vision coverage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionResult {
    /// Plan id, or `no-dental` / `no-vision`.
    pub id: String,
    /// Name.
    pub name: String,
    /// Category.
    pub category: Category,
    /// Index in the catalog, for plans.
    pub plan: Option<usize>,
    /// Why the option cannot be chosen, if it cannot.
    pub excluded: Option<String>,
    /// Tier name.
    pub tier: Option<String>,
    /// Tier id (the key of a premium the person enters for it).
    pub tier_id: Option<String>,
    /// The expected year's cost.
    pub expected: Option<YearCost>,
    /// Worst case: the real ceiling, or why nothing caps what the person could pay.
    pub ceiling: Option<Ceiling>,
    /// The ceiling, when there is one.
    pub worst_case: Option<Money>,
    /// Suggested HSA contribution, for HSA-qualified plans.
    pub suggested_hsa: Option<Money>,
    /// Simulated spread of yearly costs.
    pub distribution: Option<CostDistribution>,
    /// Care the plan does not list (paid in full).
    pub unlisted: Vec<CareKind>,
    /// Notes to show.
    pub notes: Vec<String>,
    /// The expected year, claim by claim.
    pub why: Vec<WhyLine>,
}

impl OptionResult {
    /// True when the option can be chosen.
    pub fn eligible(&self) -> bool {
        self.excluded.is_none()
    }
}

/// The result for one category.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CategoryResult {
    /// Category.
    pub category: Category,
    /// Eligible options, best first for the goal.
    pub ranking: Vec<usize>,
    /// The recommended option.
    pub recommended: Option<usize>,
    /// Why, quoting the numbers.
    pub reasons: Vec<String>,
    /// What would change the recommendation.
    pub what_would_change: Vec<String>,
}

/// The whole comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Comparison {
    /// Every option.
    pub options: Vec<OptionResult>,
    /// One result per category present.
    pub categories: Vec<CategoryResult>,
    /// Cost curves for the medical options.
    pub curve: Curve,
    /// Total allowed amount of the expected year.
    pub expected_allowed: Money,
    /// The recommended options together: their expected-year total.
    pub combined_expected: Money,
    /// Every combination of one option per category, best first for the goal.
    pub combinations: Vec<Combination>,
    /// Simulated years.
    pub simulations: u32,
    /// Seed used.
    pub seed: u64,
    /// The plan year the comparison is for (its tax year).
    pub year: i32,
    /// Things said once for the whole comparison: the tax rules applied, with their sources,
    /// and caveats such as Medicare paying first.
    pub notices: Vec<String>,
}

/// One medical, dental and vision choice together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Combination {
    /// Option indexes, one per category present.
    pub options: Vec<usize>,
    /// Expected-year total.
    pub expected: Money,
    /// Simulated average, 90th and 99th percentile of the combined yearly cost.
    pub simulated: Option<(Money, Money, Money)>,
}

/// Whether an option is going without dental or vision coverage (`no-dental`, `no-vision`)
/// rather than a plan.
pub fn goes_without(id: &str) -> bool {
    matches!(id, "no-dental" | "no-vision")
}

/// An option as named inside a sentence, from its id and name: a plan by its name, going
/// without dental or vision coverage (`no-dental`, `no-vision`) in words ("…, going without a
/// dental plan would.", not "…, No dental plan would.").
pub fn in_a_sentence(id: &str, name: &str) -> String {
    match id {
        "no-dental" => "going without a dental plan".into(),
        "no-vision" => "going without a vision plan".into(),
        _ => name.to_string(),
    }
}

/// The category that pays for a kind of care.
pub fn category_of(kind: CareKind) -> Category {
    match kind.coverage() {
        Coverage::Medical | Coverage::Drug => Category::Medical,
        Coverage::Dental => Category::Dental,
        Coverage::Vision => Category::Vision,
    }
}

/// What the recommendation step may look at for each option.
pub struct PreparedView<'a> {
    /// The plan, for plan options.
    pub plan: Option<&'a LoadedPlan>,
    /// Fixed costs.
    pub fixed: Option<&'a Fixed>,
    /// HSA contribution counted.
    pub contribution: Money,
}
