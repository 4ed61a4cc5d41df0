//! A plan in the form the engine runs: indexes instead of names, cents instead of decimals.
//!
//! `costshare-plan` builds these from a validated plan file; nothing else should need to.

use crate::money::{Money, Rate};
use chrono::NaiveDate;

/// In-network or out-of-network.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Network {
    /// A provider or pharmacy that has a contract with the plan.
    In,
    /// A provider or pharmacy without a contract; may bill above the allowed amount.
    Out,
}

impl Network {
    /// 0 for in-network, 1 for out-of-network.
    pub const fn index(self) -> usize {
        match self {
            Network::In => 0,
            Network::Out => 1,
        }
    }

    /// The other network.
    pub const fn other(self) -> Network {
        match self {
            Network::In => Network::Out,
            Network::Out => Network::In,
        }
    }

    /// Plain words for the network.
    pub const fn words(self) -> &'static str {
        match self {
            Network::In => "in-network",
            Network::Out => "out-of-network",
        }
    }
}

/// What kind of coverage a plan gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanKind {
    /// Medical (and usually prescription drug) coverage.
    Medical,
    /// Dental coverage.
    Dental,
    /// Vision coverage.
    Vision,
}

/// How a family's deductible or out-of-pocket maximum works.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FamilyRule {
    /// Each person stops at the individual amount, and everyone stops once the family amount is met.
    Embedded,
    /// Only the family amount counts: nobody stops until the family together reaches it.
    Aggregate,
}

/// How in-network and out-of-network spending count toward a deductible or maximum. Each
/// network keeps its own total, checked against its own amount; spending in one network also
/// counts toward the other's total where this says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Crediting {
    /// In-network spending also counts toward the out-of-network total.
    pub in_to_out: bool,
    /// Out-of-network spending also counts toward the in-network total.
    pub out_to_in: bool,
}

impl Crediting {
    /// Each network counts only its own spending.
    pub const SEPARATE: Crediting = Crediting {
        in_to_out: false,
        out_to_in: false,
    };
    /// Spending in either network counts toward both (a shared or cross-credited total).
    pub const SHARED: Crediting = Crediting {
        in_to_out: true,
        out_to_in: true,
    };

    /// Whether spending in `from` counts toward the total of `to`.
    pub const fn counts(self, from: Network, to: Network) -> bool {
        match (from, to) {
            (Network::In, Network::Out) => self.in_to_out,
            (Network::Out, Network::In) => self.out_to_in,
            _ => true,
        }
    }
}

/// A deductible or out-of-pocket maximum for one coverage tier and network.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Amounts {
    /// Each person's amount.
    pub individual: Money,
    /// The whole family's amount; `None` for a tier that covers one person.
    pub family: Option<Money>,
}

/// A coverage tier, such as "Employee + Spouse".
#[derive(Clone, Debug, PartialEq)]
pub struct Tier {
    /// Stable id, for example `employee_spouse`.
    pub id: String,
    /// Name shown to people.
    pub name: String,
    /// Whether a spouse may be covered.
    pub covers_spouse: bool,
    /// Whether children may be covered.
    pub covers_children: bool,
    /// The most people covered besides the employee ("Employee + One": 1); `None` for no limit.
    pub dependents_at_most: Option<u16>,
    /// Whether the tier is for retirees.
    pub retiree: bool,
    /// Deductible by network (index with [`Network::index`]); `None` means no deductible.
    pub deductible: [Option<Amounts>; 2],
    /// Out-of-pocket maximum by network; `None` means no maximum.
    pub out_of_pocket: [Option<Amounts>; 2],
    /// A second, smaller limit on coinsurance (with the deductible where
    /// [`Plan::coinsurance_maximum_counts_deductible`]) by network; `None` means none.
    pub coinsurance_maximum: [Option<Amounts>; 2],
    /// Employer money put into a health reimbursement arrangement for the year.
    pub hra_credit: Money,
    /// What the family pays of eligible costs before the HRA starts paying (an "HRA
    /// deductible" or member responsibility); zero when the HRA pays first.
    pub hra_member_first: Money,
}

/// Which parts of the member's share count toward the out-of-pocket maximum.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfPocketCounts {
    /// The yearly deductible.
    pub deductible: bool,
    /// Per-admission deductibles.
    pub admission_deductible: bool,
    /// Coinsurance.
    pub coinsurance: bool,
    /// Copays, unless a service says otherwise.
    pub copays: bool,
}

/// When a copay is charged relative to the deductible.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopayTiming {
    /// The copay is charged first and the deductible does not touch it.
    BeforeDeductible,
    /// The member pays the full allowed amount until the deductible is met, then the copay.
    AfterDeductible,
}

/// How a covered service is shared between plan and member.
#[derive(Clone, Debug, PartialEq)]
pub struct CostShare {
    /// Fixed amount per visit, fill or claim.
    pub copay: Money,
    /// When the copay applies.
    pub copay_timing: CopayTiming,
    /// No copay when the visit leads to a hospital admission (emergency room, urgent care).
    pub copay_waived_if_admitted: bool,
    /// Whether the copay counts toward the out-of-pocket maximum.
    pub copay_counts_toward_oop: bool,
    /// Amount the member pays once per hospital admission.
    pub admission_deductible: Money,
    /// No per-admission deductible on a direct transfer from an acute-care hospital.
    pub admission_waived_on_transfer: bool,
    /// Whether the yearly deductible applies.
    pub deductible_applies: bool,
    /// The member's share of what is left after copay and deductible.
    pub coinsurance: Rate,
    /// The most the plan pays per claim (vision frames, for example); the rest is the member's.
    pub allowance: Option<Money>,
    /// A copay per inpatient day, charged as part of the copay (at [`CostShare::copay_timing`]).
    pub per_day_copay: Option<PerDayCopay>,
    /// A copay once per admission, on the line that starts it, charged as part of the copay.
    pub admission_copay: Money,
    /// A different copay after a number of visits this plan year.
    pub copay_after_visits: Option<CopayAfterVisits>,
    /// Cut from the price above the [`CostShare::allowance`] ("20% off the amount over your
    /// allowance"); zero for none.
    pub discount_above_allowance: Rate,
    /// Dental alternate benefit: a claim that gives the allowed amount of a less costly
    /// treatment is paid as if that had been done; the member owes the difference.
    pub alternate_benefit: bool,
}

/// "First 3 visits each year at the usual copay, each additional visit $30."
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CopayAfterVisits {
    /// Visits at the usual copay.
    pub visits: u32,
    /// The copay for every later visit.
    pub copay: Money,
    /// Whether the family's visits count together (otherwise each person's).
    pub family: bool,
}

/// A copay per inpatient day: "$150 copay per day for days 1-5", at most so much per admission
/// and per person per year.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PerDayCopay {
    /// The copay for each day, by day of the admission; days no range covers have none.
    pub days: Vec<DayRange>,
    /// Most the per-day copays come to in one admission.
    pub maximum_per_admission: Option<Money>,
    /// Most the per-day copays come to for one person in a plan year.
    pub maximum_per_year: Option<Money>,
}

/// A copay for each day from `from_day` to `to_day` of an admission (days count from 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayRange {
    /// First day.
    pub from_day: u16,
    /// Last day; `None` for every later day.
    pub to_day: Option<u16>,
    /// The copay for each of these days.
    pub amount: Money,
}

impl PerDayCopay {
    /// The copays for days `first..=last` of an admission (days count from 1).
    pub fn for_days(&self, first: i64, last: i64) -> i64 {
        self.days
            .iter()
            .map(|r| {
                let from = first.max(i64::from(r.from_day));
                let to = r.to_day.map_or(last, |t| last.min(i64::from(t)));
                (to - from + 1).max(0).saturating_mul(r.amount.cents())
            })
            .fold(0i64, i64::saturating_add)
    }
}

/// What a plan does for a service in one network.
#[derive(Clone, Debug, PartialEq)]
pub enum Benefit {
    /// Not paid at all; the reason is shown to people.
    NotCovered {
        /// Plain words, for example "covered in-network only".
        reason: String,
    },
    /// Covered, with this cost sharing.
    Covered(CostShare),
}

/// What a limit counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitUnit {
    /// Visits (a claim's units).
    Visits,
    /// Days (a claim's units).
    Days,
    /// Dollars the plan pays, in cents.
    PlanDollars,
}

/// Over what period a limit resets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitPeriod {
    /// Resets each plan year.
    PlanYear,
    /// Never resets.
    Lifetime,
    /// A rolling window of this many months, for example one eye exam every 24 months.
    Months(u16),
    /// Each hospital admission: starts again on a line that starts a new admission.
    Admission,
}

/// Whose use a limit counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitScope {
    /// Each person separately.
    Person,
    /// The whole family together.
    Family,
}

/// A benefit limit shared by one or more services, across both networks.
#[derive(Clone, Debug, PartialEq)]
pub struct Limit {
    /// Stable id.
    pub id: String,
    /// Name shown to people.
    pub name: String,
    /// What is counted.
    pub unit: LimitUnit,
    /// How many units (or cents, for [`LimitUnit::PlanDollars`]).
    pub amount: i64,
    /// When it resets.
    pub period: LimitPeriod,
    /// Whose use it counts.
    pub scope: LimitScope,
}

/// A service the plan lists, for example "Specialist office visit".
#[derive(Clone, Debug, PartialEq)]
pub struct Service {
    /// Stable id.
    pub id: String,
    /// Name shown to people.
    pub name: String,
    /// In-network and out-of-network benefit (index with [`Network::index`]).
    pub benefit: [Benefit; 2],
    /// Indexes into [`Plan::limits`].
    pub limits: Vec<usize>,
    /// Whether out-of-network use needs pre-certification to avoid the penalty.
    pub requires_precertification: bool,
    /// Youngest covered age, if any.
    pub min_age: Option<u8>,
    /// Oldest covered age, if any (orthodontia "under 19" is `Some(18)`).
    pub max_age: Option<u8>,
}

/// Where a prescription is filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    /// A retail pharmacy.
    Retail,
    /// Mail order.
    Mail,
}

/// Cost sharing for one drug tier, channel and supply length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DrugShare {
    /// Channel this row is for.
    pub channel: Channel,
    /// Longest supply this row covers, in days.
    pub max_days: u16,
    /// Fixed amount per fill.
    pub copay: Money,
    /// Member's share of the drug's allowed cost.
    pub coinsurance: Rate,
    /// Least the member pays per fill under coinsurance.
    pub minimum: Money,
    /// Most the member pays per fill under coinsurance; `None` for no maximum.
    pub maximum: Option<Money>,
    /// The pharmacies this row is for; `None` for both. A fill uses the rows for its own
    /// network first.
    pub network: Option<Network>,
}

/// A drug tier, for example "Tier 1: generic".
#[derive(Clone, Debug, PartialEq)]
pub struct DrugTier {
    /// Stable id.
    pub id: String,
    /// Name shown to people.
    pub name: String,
    /// Rows by channel and supply, shortest supply first within a channel; rows for one kind of
    /// pharmacy ([`DrugShare::network`]) before the rows for both. A fill uses the first row
    /// that fits.
    pub shares: Vec<DrugShare>,
    /// Whether the drug benefit's deductible applies to this tier.
    pub deductible_applies: bool,
}

/// What a coinsurance is a share of under the brand-over-generic rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BrandCoinsuranceBase {
    /// The generic's price: the difference is set aside first.
    Generic,
    /// The brand's price: the coinsurance is a share of the price including the difference.
    Brand,
}

/// Which deductible prescriptions go through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DrugDeductible {
    /// No deductible for drugs.
    None,
    /// The medical deductible (typical of high-deductible plans).
    Medical,
    /// A separate drug deductible.
    Separate(Amounts),
}

/// Which out-of-pocket maximum drug cost sharing counts toward.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DrugOutOfPocket {
    /// It counts toward no maximum and never stops.
    NotCounted,
    /// The medical maximum.
    Medical,
    /// A separate drug maximum.
    Separate(Amounts),
}

/// Prescription drug benefit.
#[derive(Clone, Debug, PartialEq)]
pub struct DrugBenefit {
    /// Tiers.
    pub tiers: Vec<DrugTier>,
    /// Deductible rule.
    pub deductible: DrugDeductible,
    /// Out-of-pocket rule.
    pub out_of_pocket: DrugOutOfPocket,
    /// When a member asks for a brand drug that has a generic: brand copay plus the price
    /// difference, up to the brand's cost.
    pub brand_penalty: bool,
    /// What a coinsurance is a share of under the brand penalty.
    pub brand_coinsurance_base: BrandCoinsuranceBase,
    /// Preventive drugs skip the deductible.
    pub preventive_skips_deductible: bool,
    /// Whether fills at non-participating pharmacies are reimbursed (up to the allowed amount).
    pub out_of_network_covered: bool,
    /// The maintenance-drug rule, if the plan has one.
    pub maintenance: Option<MaintenanceRule>,
}

/// "Retail refills of a maintenance drug beyond the Nth cost more (or are not covered) unless
/// filled by mail or as a longer supply."
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MaintenanceRule {
    /// Retail fills of each maintenance drug that cost the usual amount.
    pub retail_fills: u16,
    /// Retail fills of at most this many days count (longer supplies and mail order do not).
    pub short_supply_days: u16,
    /// What happens to later such fills.
    pub after: MaintenanceAfter,
}

/// What a retail fill beyond the maintenance rule's limit costs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MaintenanceAfter {
    /// The coinsurance goes up by this much ("you pay an extra 5% coinsurance").
    ExtraCoinsurance(Rate),
    /// The fill is not covered.
    NotCovered,
}

/// What a health reimbursement arrangement may pay for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hra {
    /// Deductibles (yearly and per admission).
    pub pays_deductible: bool,
    /// Coinsurance.
    pub pays_coinsurance: bool,
    /// Copays.
    pub pays_copays: bool,
    /// Prescription drug cost sharing.
    pub pays_drugs: bool,
    /// The HRA's share of each eligible amount (after the member's first amount); 100% when
    /// the HRA pays all of it, 50% for a "50/50 split" HRA.
    pub share: Rate,
}

/// A plan ready for adjudication.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// Stable id.
    pub id: String,
    /// Name shown to people.
    pub name: String,
    /// Medical, dental or vision.
    pub kind: PlanKind,
    /// First day of the plan year.
    pub year_start: NaiveDate,
    /// Last day of the plan year.
    pub year_end: NaiveDate,
    /// Coverage tiers.
    pub tiers: Vec<Tier>,
    /// Family rule for the deductible.
    pub deductible_rule: FamilyRule,
    /// Family rule for the out-of-pocket maximum.
    pub out_of_pocket_rule: FamilyRule,
    /// How the networks' spending counts toward each other's deductible.
    pub deductible_networks: Crediting,
    /// How the networks' spending counts toward each other's out-of-pocket maximum.
    pub out_of_pocket_networks: Crediting,
    /// Which parts count toward the out-of-pocket maximum.
    pub out_of_pocket_counts: OutOfPocketCounts,
    /// Whether the yearly deductible counts toward the coinsurance maximum as well as the
    /// coinsurance. The coinsurance maximum follows the out-of-pocket maximum's family rule and
    /// network crediting.
    pub coinsurance_maximum_counts_deductible: bool,
    /// Whether copays that do not count toward the maximum are still charged after it is met.
    pub copays_after_out_of_pocket_max: bool,
    /// Most the plan pays for one person over a lifetime.
    pub lifetime_maximum: Option<Money>,
    /// Share of the allowed amount removed when required pre-certification is missing.
    pub precertification_penalty: Rate,
    /// Whether that penalty also applies in-network (usually the provider's problem instead).
    pub penalty_in_network: bool,
    /// Services.
    pub services: Vec<Service>,
    /// Benefit limits.
    pub limits: Vec<Limit>,
    /// Prescription drug benefit.
    pub drugs: Option<DrugBenefit>,
    /// Health reimbursement arrangement rules; the credit is per tier.
    pub hra: Option<Hra>,
    /// A Medicare-style benefit period: an admission that starts within this many days after
    /// the person's last inpatient day continues the same period, so per-admission
    /// deductibles, copays, day counts and limits count per benefit period. `None`: each
    /// admission stands alone.
    pub benefit_period_days_out: Option<u16>,
}

impl Plan {
    /// Finds a tier by id.
    pub fn tier_index(&self, id: &str) -> Option<usize> {
        self.tiers.iter().position(|t| t.id == id)
    }

    /// The tier that fits a household with `dependents` people besides the employee: the first
    /// tier that covers a spouse exactly when one is covered, children exactly when any are,
    /// matches active or retiree status and has room for them all.
    pub fn tier_for(
        &self,
        spouse: bool,
        children: bool,
        dependents: usize,
        retiree: bool,
    ) -> Option<usize> {
        let room = |t: &Tier| {
            t.dependents_at_most
                .is_none_or(|n| dependents <= usize::from(n))
        };
        let exact = self.tiers.iter().position(|t| {
            t.covers_spouse == spouse
                && t.covers_children == children
                && t.retiree == retiree
                && room(t)
        });
        // Retiree tiers are often only "single" and "family", and "Employee + One" covers a
        // spouse or a child: fall back to the first tier that covers everyone.
        exact.or_else(|| {
            self.tiers.iter().position(|t| {
                t.retiree == retiree
                    && (t.covers_spouse || !spouse)
                    && (t.covers_children || !children)
                    && room(t)
            })
        })
    }

    /// Finds a service by id.
    pub fn service_index(&self, id: &str) -> Option<usize> {
        self.services.iter().position(|s| s.id == id)
    }

    /// Finds a drug tier by id.
    pub fn drug_tier_index(&self, id: &str) -> Option<usize> {
        self.drugs.as_ref()?.tiers.iter().position(|t| t.id == id)
    }
}
