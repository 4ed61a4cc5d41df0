//! The plan file format, version 2. Every struct here is part of the published JSON Schema
//! (`public/plan.schema.json`); doc comments become its descriptions.
//!
//! Units are fixed by the format: amounts are US dollars written as strings (`"600"`), rates are
//! percentages written as strings (`"20%"`), and a coinsurance is always the member's share.
//! Every number carries a `source` that names one of the file's `documents` and a page, such as
//! `"oap2010 p.29"`, or `"example": true` when nobody published it.

use crate::values::{Amount, Percent};
use chrono::NaiveDate;
use costshare_json::Entries;
use costshare_json::FromJson;
use schemars::JsonSchema;
use serde::Serialize;

/// The format version this crate writes. Version 1 files are still read: [`crate::load_plan`]
/// migrates them (see [`crate::migrate_plan`]).
pub const SCHEMA_VERSION: u32 = 2;

/// The oldest format version this crate reads.
pub const OLDEST_SCHEMA_VERSION: u32 = 1;

/// A plan file: one medical, dental or vision plan for one plan year.
#[derive(Clone, Debug, PartialEq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct PlanFile {
    /// Format version: 2 (version 1 files are read and migrated; fields added in version 2 need 2).
    pub schema_version: u32,
    /// Stable id, lowercase letters, digits and dashes, for example `shbp-2010-oap`.
    pub id: String,
    /// The plan's name as people know it.
    pub name: String,
    /// Medical, dental or vision.
    pub kind: PlanKind,
    /// Who offers the plan.
    pub issuer: String,
    /// The plan year: deductibles and yearly limits reset at `start`.
    pub plan_year: PlanYear,
    /// A short plain-language summary shown next to the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// The documents this file's numbers come from, by short key (used in every `source`).
    #[cfg_attr(feature = "tsify", tsify(type = "Record<string, Document>"))]
    pub documents: Entries<Document>,
    /// How this file reads passages of its documents that could be read more than one way.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub readings: Vec<Reading>,
    /// Whether new hires (and employees enrolling for the first time) may choose this plan in
    /// their first plan year; omit when the plan sets no such rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_hires_may_enroll: Option<Sourced<bool>>,
    /// Children are covered as dependents under this age (for example 19: "under age 19");
    /// omit when the plan sets no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub children_covered_under_age: Option<Sourced<u8>>,
    /// Older children are covered under this age only as full-time students (for example 26).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub students_covered_under_age: Option<Sourced<u8>>,
    /// Coverage tiers with their deductibles, out-of-pocket maximums, HRA credit and premium.
    pub tiers: Vec<TierFile>,
    /// Whether family members each stop at their own deductible (`embedded`) or only the family
    /// total counts (`aggregate`).
    pub family_deductible: FamilyRule,
    /// The same choice for the out-of-pocket maximum.
    pub family_out_of_pocket_max: FamilyRule,
    /// Whether in-network and out-of-network spending fill separate or shared totals.
    /// `deductible_networks` and `out_of_pocket_networks` can say it for each one.
    pub networks_accumulate: NetworkAccumulation,
    /// How in- and out-of-network spending count toward the deductible (format version 2);
    /// default: `"separate"` or `"cross_credit"` as `networks_accumulate` says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deductible_networks: Option<NetworkCrediting>,
    /// How in- and out-of-network spending count toward the out-of-pocket maximum (format
    /// version 2); default as `networks_accumulate` says. For out-of-network cost sharing that
    /// counts toward no maximum, use `"separate"` (or `"in_network_counts_toward_out_of_network"`)
    /// and give the tiers no out-of-network maximum.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of_pocket_networks: Option<NetworkCrediting>,
    /// Which parts of what the member pays count toward the out-of-pocket maximum.
    pub out_of_pocket_counts: OutOfPocketCountsFile,
    /// What counts toward the tiers' `coinsurance_maximum` (format version 2): `"coinsurance"`
    /// (default) or `"deductible_and_coinsurance"`. Copays and drug cost sharing never do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coinsurance_maximum_counts: Option<CoinsuranceMaximumCounts>,
    /// Whether copays that do not count toward the out-of-pocket maximum are still charged once
    /// it is met.
    pub copays_after_out_of_pocket_max: bool,
    /// Most the plan pays for one person over a lifetime.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifetime_maximum: Option<Sourced<Amount>>,
    /// Penalty when required pre-certification is missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precertification_penalty: Option<PenaltyFile>,
    /// Benefit limits that services refer to by id. Limits are shared across networks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub limits: Vec<LimitFile>,
    /// Every service the plan lists.
    pub services: Vec<ServiceFile>,
    /// Prescription drug benefit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drugs: Option<DrugsFile>,
    /// A Medicare-style hospital benefit period (format version 2): it starts with an admission
    /// and ends when the person has had no inpatient care for `ends_after_days_out` days in a
    /// row (Medicare: 60). While it runs, a new admission continues it: per-admission
    /// deductibles and copays are charged once per benefit period, and per-day copays by day
    /// and limits per admission count the days of the whole period. Omit when each admission
    /// stands alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefit_period: Option<BenefitPeriodFile>,
    /// Health reimbursement arrangement rules (the credit is per tier).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hra: Option<HraFile>,
    /// Health savings account eligibility, checked against the IRS limits for the plan year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hsa: Option<HsaFile>,
    /// How out-of-network dental or vision claims are priced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of_network_payment: Option<OutOfNetworkPayment>,
    /// How often premiums are taken from pay.
    pub premium_frequency: PremiumFrequency,
    /// Monthly surcharges added to the premium.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub surcharges: Vec<SurchargeFile>,
}

/// Medical, dental or vision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case")]
pub enum PlanKind {
    /// Medical, usually with prescription drugs.
    Medical,
    /// Dental.
    Dental,
    /// Vision.
    Vision,
}

/// First and last day of the plan year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct PlanYear {
    /// First day, `YYYY-MM-DD`.
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    #[json(with = "crate::values::date_json")]
    pub start: NaiveDate,
    /// Last day, `YYYY-MM-DD`.
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    #[json(with = "crate::values::date_json")]
    pub end: NaiveDate,
}

/// A published document the file's numbers come from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// Title as printed.
    pub title: String,
    /// Who published it.
    pub publisher: String,
    /// Year it applies to.
    pub year: i32,
    /// Where to find it, if public.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl PlanFile {
    /// A `source` (`"oap2010 p.15"`: a document key and where) in words a person can look up:
    /// the document's title for its key (`"State Health Benefit Plan … 2010, p.15"`). A source
    /// whose key names no document is given as it is.
    pub fn cite(&self, source: &str) -> String {
        let (key, rest) = source.split_once(' ').unwrap_or((source, ""));
        match self.documents.get(key) {
            Some(d) if rest.is_empty() => d.title.clone(),
            Some(d) => format!("{}, {rest}", d.title),
            None => source.to_string(),
        }
    }
}

/// How the file reads an ambiguous passage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct Reading {
    /// Stable id, for example `inpatient-deductible`.
    pub id: String,
    /// The question, in plain words.
    pub question: String,
    /// The reading this file uses, and why.
    pub reading: String,
    /// Where the passage is, for example `oap2010 p.31`.
    pub source: String,
}

/// A value with its source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct Sourced<T> {
    /// The value.
    pub value: T,
    /// Document key and page, for example `oap2010 p.29`. Required unless `example` is true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// True when the value is made up for illustration; the interface labels it as an example.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub example: bool,
}

/// Family rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case")]
pub enum FamilyRule {
    /// Each person stops at the individual amount; everyone stops at the family amount.
    Embedded,
    /// Only the family amount counts.
    Aggregate,
}

/// Network accumulation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case")]
pub enum NetworkAccumulation {
    /// In-network and out-of-network fill separate totals.
    Separately,
    /// Both fill one total.
    Together,
}

/// How in-network and out-of-network spending count toward a deductible or out-of-pocket
/// maximum. Each network's amount is checked against that network's own total.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case")]
pub enum NetworkCrediting {
    /// Each network counts only its own spending.
    Separate,
    /// One amount for both networks ("combined in- and out-of-network"): the tiers' in- and
    /// out-of-network amounts must be the same.
    Shared,
    /// Each network keeps its own amount, but spending in either counts toward both ("amounts
    /// paid in-network apply to the out-of-network deductible, and vice versa").
    CrossCredit,
    /// In-network spending also counts toward the out-of-network amount, not the other way.
    InNetworkCountsTowardOutOfNetwork,
    /// Out-of-network spending also counts toward the in-network amount, not the other way.
    OutOfNetworkCountsTowardInNetwork,
}

/// What counts toward a coinsurance maximum.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case")]
pub enum CoinsuranceMaximumCounts {
    /// Coinsurance only.
    Coinsurance,
    /// The yearly deductible and coinsurance.
    DeductibleAndCoinsurance,
}

/// A coverage tier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct TierFile {
    /// Stable id, for example `employee_spouse`.
    pub id: String,
    /// Name as printed, for example "Employee + Spouse".
    pub name: String,
    /// Whether a spouse may be covered.
    pub covers_spouse: bool,
    /// Whether children may be covered.
    pub covers_children: bool,
    /// Whether the tier is for retirees.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retiree: bool,
    /// The most people covered besides the employee (format version 2): 1 for "Employee + One"
    /// ("you and one dependent", a spouse or a child). Omit for no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dependents_at_most: Option<u16>,
    /// Deductible; omit for no deductible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deductible: Option<NetworkAmounts>,
    /// Out-of-pocket maximum; omit for none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of_pocket_max: Option<NetworkAmounts>,
    /// A second, smaller limit on coinsurance, or on deductible and coinsurance (see
    /// `coinsurance_maximum_counts`), besides the out-of-pocket maximum that also counts copays
    /// and drugs (format version 2): "coinsurance limit $500 single, $1,000 family". Once it
    /// is met the plan pays 100% except copays. It follows the out-of-pocket maximum's family
    /// rule and network counting. Omit for none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coinsurance_maximum: Option<NetworkAmounts>,
    /// Employer money put in the HRA for the year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hra_credit: Option<Sourced<Amount>>,
    /// What the family pays itself of the costs the HRA may pay before the HRA starts paying
    /// (an "HRA deductible", "employee pays first"; format version 2). Omit when the HRA pays
    /// first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hra_member_pays_first: Option<Sourced<Amount>>,
    /// The employee's premium per pay period (see `premium_frequency`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub premium: Option<Sourced<Amount>>,
}

impl TierFile {
    /// Whether the tier covers anyone besides the employee (a spouse or children): a "family"
    /// tier for deductibles, maximums and the HSA limit.
    pub fn covers_family(&self) -> bool {
        self.covers_spouse || self.covers_children
    }
}

/// Individual and family amounts by network, with a source.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct NetworkAmounts {
    /// In-network amounts.
    pub in_network: IndividualFamily,
    /// Out-of-network amounts; omit when there is none (for example, no out-of-network coverage).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub out_of_network: Option<IndividualFamily>,
    /// Document key and page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// True when made up for illustration.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub example: bool,
}

/// Per-person and whole-family amounts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct IndividualFamily {
    /// Each person's amount.
    pub individual: Amount,
    /// The family's amount; omit for a one-person tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<Amount>,
}

/// What counts toward the out-of-pocket maximum.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct OutOfPocketCountsFile {
    /// The yearly deductible.
    pub deductible: bool,
    /// Per-admission deductibles.
    pub admission_deductible: bool,
    /// Coinsurance.
    pub coinsurance: bool,
    /// Copays (a service can say otherwise).
    pub copays: bool,
    /// Document key and page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Pre-certification penalty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct PenaltyFile {
    /// Share of the covered amount removed.
    pub rate: Percent,
    /// Whether it also applies in-network.
    pub in_network: bool,
    /// Document key and page.
    pub source: String,
}

/// What a limit counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case")]
pub enum LimitUnit {
    /// Visits.
    Visits,
    /// Days.
    Days,
    /// Dollars the plan pays.
    PlanDollars,
}

/// When a limit resets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case")]
pub enum LimitPer {
    /// Each plan year.
    Year,
    /// Never.
    Lifetime,
    /// Every 6 months (rolling).
    #[serde(rename = "6_months")]
    SixMonths,
    /// Every 12 months (rolling).
    #[serde(rename = "12_months")]
    TwelveMonths,
    /// Every 24 months (rolling).
    #[serde(rename = "24_months")]
    TwentyFourMonths,
    /// Every 36 months (rolling).
    #[serde(rename = "36_months")]
    ThirtySixMonths,
    /// Every 60 months (rolling).
    #[serde(rename = "60_months")]
    SixtyMonths,
    /// Each hospital admission (format version 2): a limit in days of one stay, such as "60 days
    /// per admission". It starts again when the person is admitted again. Days only, per person.
    Admission,
}

/// Whose use a limit counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case")]
pub enum LimitScope {
    /// Each person.
    #[default]
    Person,
    /// The family together.
    Family,
}

/// A benefit limit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct LimitFile {
    /// Stable id that services use.
    pub id: String,
    /// Name as people know it, for example "Preventive care maximum".
    pub name: String,
    /// What it counts.
    pub unit: LimitUnit,
    /// How many visits or days, or dollars for `plan_dollars` (as a string).
    pub amount: Amount,
    /// When it resets.
    pub per: LimitPer,
    /// Whose use it counts (default: each person).
    #[serde(default)]
    pub scope: LimitScope,
    /// Document key and page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// True when made up for illustration.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub example: bool,
}

/// A service the plan lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct ServiceFile {
    /// Stable id, for example `specialist_visit`.
    pub id: String,
    /// Name as people know it.
    pub name: String,
    /// Group for display, for example "Office visits".
    pub category: String,
    /// In-network benefit.
    pub in_network: BenefitFile,
    /// Out-of-network benefit.
    pub out_of_network: BenefitFile,
    /// Ids of the limits this service uses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub limits: Vec<String>,
    /// Whether out-of-network use needs pre-certification to avoid the penalty.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub requires_precertification: bool,
    /// Youngest covered age.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_age: Option<u8>,
    /// Oldest covered age.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_age: Option<u8>,
    /// Document key and page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// True when the values are made up for illustration.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub example: bool,
    /// Id of the `readings` entry this service follows, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<String>,
}

/// Whether the deductible applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case")]
pub enum DeductibleRule {
    /// The yearly deductible applies.
    Applies,
    /// The yearly deductible does not apply.
    Waived,
}

/// When a copay is charged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case")]
pub enum CopayTiming {
    /// First, outside the deductible.
    #[default]
    BeforeDeductible,
    /// Only after the deductible is met.
    AfterDeductible,
}

/// What the plan does for a service in one network.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct BenefitFile {
    /// False when the plan pays nothing (then give `reason`).
    #[serde(default = "yes")]
    pub covered: bool,
    /// Why it is not covered, in plain words, for example "In-network coverage only".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// Copay per visit or claim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copay: Option<Amount>,
    /// When the copay is charged (default: before the deductible).
    #[serde(default)]
    pub copay_timing: CopayTiming,
    /// No copay when the visit leads to an admission.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub copay_waived_if_admitted: bool,
    /// Overrides the plan-wide `out_of_pocket_counts.copays` for this copay.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copay_counts_toward_out_of_pocket_max: Option<bool>,
    /// Per-admission deductible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admission_deductible: Option<Amount>,
    /// No per-admission deductible on a direct transfer from an acute-care hospital.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub admission_deductible_waived_on_transfer: bool,
    /// Whether the yearly deductible applies (required when covered).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deductible: Option<DeductibleRule>,
    /// The member's share after copay and deductible (the plan pays the rest).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coinsurance: Option<Percent>,
    /// The most the plan pays per claim; the member pays the rest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowance: Option<Amount>,
    /// A percentage off the price above the `allowance` ("20% savings on the amount over your
    /// allowance"; format version 2). In-network only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount_above_allowance: Option<Percent>,
    /// A copay per inpatient day ("$200 per day", "$150 copay per day for days 1-5"), with
    /// optional caps per admission and per year (format version 2). Charged like a copay:
    /// before the deductible, or after it with `"copay_timing": "after_deductible"` ("$100 per
    /// day after deductible"), and counted toward the out-of-pocket maximum as copays are.
    /// The claim's `units` are the days of the stay on that line; a line with `new_admission`
    /// starts the count at day 1.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_day_copay: Option<PerDayCopayFile>,
    /// A copay charged once per hospital admission ("$250 per stay"), on the line that starts
    /// the admission (format version 2). Charged like a copay: before the deductible, or after
    /// it with `"copay_timing": "after_deductible"` ("$250 copay per admission after deductible").
    /// Unlike `admission_deductible` it counts toward the out-of-pocket maximum as copays do.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admission_copay: Option<Amount>,
    /// A different copay once a person (or the family) has had a number of visits of this
    /// service in the plan year (format version 2): "first 3 visits $0, each additional visit
    /// $30" is `"copay": "0"` with `{"visits": 3, "copay": "30"}`. Visits in either network
    /// count.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copay_after_visits: Option<CopayAfterVisitsFile>,
    /// Dental alternate benefit (format version 2): when a less costly treatment would have
    /// done (an amalgam filling instead of a composite one), the plan pays as if it had been
    /// done and the member owes the difference. Claims give that treatment's allowed amount
    /// in `alternate_allowed`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub alternate_benefit: bool,
}

/// A copay that changes with the number of visits this plan year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct CopayAfterVisitsFile {
    /// Visits this plan year at the service's usual `copay` (for example 2 or 3).
    pub visits: u16,
    /// The copay for every later visit.
    pub copay: Amount,
    /// Whose visits count: each person's (default) or the family's together.
    #[serde(default)]
    pub scope: LimitScope,
}

/// A copay per inpatient day (format version 2), by day of the admission.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct PerDayCopayFile {
    /// The copay for each day, by day of the admission, as the plan prints it: "$150 copay per
    /// day for days 1-5" is `[{"from_day": 1, "to_day": 5, "amount": "150"}]`; "$200 per day"
    /// (every day) is `[{"amount": "200"}]`. Days no row covers have no per-day copay. Rows may
    /// not overlap.
    pub days: Vec<DayRangeFile>,
    /// Most the per-day copays come to in one admission ("up to $600 per admission").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum_per_admission: Option<Amount>,
    /// Most the per-day copays come to for one person in a plan year ("up to $600 maximum per
    /// person per calendar year").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum_per_year: Option<Amount>,
}

/// A copay for each day in a range of days of one admission.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct DayRangeFile {
    /// First day of the admission with this copay (default 1, the day of admission).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_day: Option<u16>,
    /// Last day with this copay; omit for every later day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_day: Option<u16>,
    /// The copay for each of these days.
    pub amount: Amount,
}

fn yes() -> bool {
    true
}

/// Which deductible drugs go through.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case")]
pub enum DrugDeductibleFile {
    /// No deductible.
    None,
    /// The medical deductible.
    Medical,
    /// A separate drug deductible.
    Separate(IndividualFamily),
}

/// Which out-of-pocket maximum drug cost sharing counts toward.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case")]
pub enum DrugOutOfPocketFile {
    /// None: drug copays never stop.
    NotCounted,
    /// The medical maximum.
    Medical,
    /// A separate drug maximum.
    Separate(IndividualFamily),
}

/// Where a prescription is filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// A retail pharmacy.
    Retail,
    /// Mail order.
    Mail,
}

/// Cost sharing for one channel and supply length.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct DrugFillFile {
    /// Retail or mail order.
    pub channel: Channel,
    /// Longest supply covered by this row, in days (for example 30 or 90).
    pub max_days: u16,
    /// Copay per fill.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copay: Option<Amount>,
    /// The member's share of the drug's cost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coinsurance: Option<Percent>,
    /// Least the member pays per fill under coinsurance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<Amount>,
    /// Most the member pays per fill under coinsurance.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<Amount>,
    /// Which pharmacies this row is for (format version 2): `"participating"` (network
    /// pharmacies) or `"non_participating"`. Omit when it applies at both. A fill uses the rows
    /// for its own kind of pharmacy first, then the rows for both; so per-fill minimums and
    /// maximums that apply at network pharmacies only go on a `"participating"` row, next to a
    /// `"non_participating"` row without them. At a non-participating pharmacy the plan pays up
    /// to the allowed amount; the member owes the rest of the pharmacy's price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pharmacy: Option<PharmacyNetwork>,
}

/// Network pharmacies or the others.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case")]
pub enum PharmacyNetwork {
    /// Pharmacies in the plan's network.
    Participating,
    /// Pharmacies outside it.
    NonParticipating,
}

/// A drug tier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct DrugTierFile {
    /// Stable id, for example `generic`.
    pub id: String,
    /// Name as people know it.
    pub name: String,
    /// Rows by channel and supply.
    pub fills: Vec<DrugFillFile>,
    /// Whether the drug deductible applies to this tier (format version 2): `"waived"` for a
    /// tier the deductible does not apply to, such as generics or a value tier. Default: it
    /// applies to every tier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deductible: Option<DeductibleRule>,
}

/// The maintenance-drug rule: "first three 30-day fills at retail; you pay an extra 5%
/// coinsurance for the 4th refill and beyond" or "after two retail fills, maintenance drugs
/// must be filled through mail order".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct MaintenanceFile {
    /// Retail fills of each maintenance drug at the usual cost (for example 3).
    pub retail_fills: u16,
    /// Retail fills of at most this many days count (for example 30); longer retail supplies
    /// and mail order neither count nor cost more.
    pub short_supply_days: u16,
    /// What later retail fills cost: `{"extra_coinsurance": "5%"}` (added to the fill's
    /// coinsurance) or `"not_covered"`.
    pub after: MaintenanceAfterFile,
    /// Document key and page.
    pub source: String,
}

/// What a retail fill beyond the maintenance-drug rule's limit costs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case")]
pub enum MaintenanceAfterFile {
    /// The coinsurance goes up by this many points.
    ExtraCoinsurance(Percent),
    /// The fill is not covered.
    NotCovered,
}

/// What a coinsurance is a share of when a member asks for a brand drug that has a generic.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case")]
pub enum BrandCoinsuranceBase {
    /// The generic's price.
    Generic,
    /// The brand's price.
    Brand,
}

/// Prescription drug benefit.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct DrugsFile {
    /// Tiers.
    pub tiers: Vec<DrugTierFile>,
    /// Deductible rule: `"none"`, `"medical"` or `{"separate": {...}}`.
    pub deductible: DrugDeductibleFile,
    /// Out-of-pocket rule: `"not_counted"`, `"medical"` or `{"separate": {...}}`.
    pub out_of_pocket: DrugOutOfPocketFile,
    /// Brand requested when a generic exists: brand copay plus the price difference, up to the
    /// brand's cost.
    pub brand_penalty: bool,
    /// Under the brand-over-generic rule, what a coinsurance is a share of (format version 2):
    /// `"generic"`, the generic's price (the member pays the coinsurance on the generic's price
    /// plus the difference; the default), or `"brand"`, the brand's price (the coinsurance on
    /// the brand's price plus the difference). Needs `brand_penalty`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand_coinsurance_base: Option<BrandCoinsuranceBase>,
    /// Preventive drugs skip the deductible.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub preventive_skips_deductible: bool,
    /// Whether fills at non-participating pharmacies are reimbursed (up to the allowed amount).
    pub non_participating_pharmacies_covered: bool,
    /// The maintenance-drug rule (format version 2): retail refills of a maintenance drug beyond
    /// the first few cost more, or are not covered, unless filled by mail order or as a longer
    /// supply. Claims name the drug in `drug.maintenance_drug`. Omit when the plan has no such
    /// rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maintenance: Option<MaintenanceFile>,
    /// Document key and page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// True when made up for illustration.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub example: bool,
}

/// A Medicare-style benefit period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct BenefitPeriodFile {
    /// Days in a row without inpatient care that end a benefit period (Medicare: 60).
    pub ends_after_days_out: u16,
    /// Document key and page. Required unless `example` is true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// True when these rules are made up for illustration; the interface labels them as an
    /// example.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub example: bool,
}

/// What an HRA may pay for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case")]
pub enum HraPays {
    /// Yearly and per-admission deductibles.
    Deductible,
    /// Coinsurance.
    Coinsurance,
    /// Copays.
    Copays,
    /// Prescription drug cost sharing.
    Drugs,
}

/// HRA rules.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct HraFile {
    /// What the HRA may pay for.
    pub pays: Vec<HraPays>,
    /// The HRA's share of those costs (format version 2): `"50%"` for an HRA that splits them
    /// 50/50 with the member (after any `hra_member_pays_first`). Default: 100%.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share: Option<Percent>,
    /// Whether unused money rolls over to the next plan year.
    pub rollover: bool,
    /// Most that may roll over; omit for no cap.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rollover_cap: Option<Amount>,
    /// Document key and page. Required unless `example` is true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// True when these rules are made up for illustration; the interface labels them as an
    /// example.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub example: bool,
}

/// HSA eligibility.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct HsaFile {
    /// Whether the plan says it is an HSA-qualified high-deductible plan.
    pub eligible: bool,
    /// Employer HSA contribution per tier id, per year.
    #[serde(default, skip_serializing_if = "Entries::is_empty")]
    #[cfg_attr(feature = "tsify", tsify(type = "Record<string, Sourced<Amount>>"))]
    pub employer_contribution: Entries<Sourced<Amount>>,
    /// Document key and page. Required unless `example` is true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// True when its qualification is made up for illustration; the interface labels it as an
    /// example.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub example: bool,
}

/// How out-of-network claims are priced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum OutOfNetworkPayment {
    /// The plan allows up to the given percentile of what providers in the area charge.
    UsualAndCustomary {
        /// For example 90.
        percentile: u8,
    },
    /// The plan allows a fee from its own schedule (maximum allowable charge).
    FeeSchedule,
}

/// How often premiums are paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case")]
pub enum PremiumFrequency {
    /// 12 a year.
    Monthly,
    /// 24 a year.
    Semimonthly,
    /// 26 a year.
    Biweekly,
    /// 52 a year.
    Weekly,
}

impl PremiumFrequency {
    /// Pay periods per year.
    pub fn per_year(self) -> u16 {
        match self {
            PremiumFrequency::Monthly => 12,
            PremiumFrequency::Semimonthly => 24,
            PremiumFrequency::Biweekly => 26,
            PremiumFrequency::Weekly => 52,
        }
    }
}

/// When a surcharge applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case")]
pub enum SurchargeWhen {
    /// Anyone covered used tobacco in the last 12 months.
    TobaccoUse,
    /// A covered spouse could get coverage through their own employer and declined it.
    SpouseHasOtherEmployerCoverage,
}

/// A monthly surcharge.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct SurchargeFile {
    /// Stable id.
    pub id: String,
    /// Name as people know it.
    pub name: String,
    /// Amount per month.
    pub monthly: Amount,
    /// When it applies.
    pub applies_when: SurchargeWhen,
    /// How a member can avoid or remove it, in the plan's own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how_to_avoid: Option<String>,
    /// Document key and page. Required unless `example` is true.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// True when the amount is made up for illustration; the interface labels it as an
    /// example.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub example: bool,
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_source_is_cited_by_its_documents_title() {
        let plan = crate::load_plan(include_str!(
            "../../costshare-catalog/plans/shbp-2010-oap.json"
        ))
        .unwrap()
        .file;
        let title = "State Health Benefit Plan Open Access Plus (OAP) Medical Benefits, effective January 1, 2010";
        assert_eq!(plan.cite("oap2010 p.15"), format!("{title}, p.15"));
        assert_eq!(plan.cite("oap2010"), title);
        // A key the file does not list stays as written.
        assert_eq!(plan.cite("memo-2011 p.2"), "memo-2011 p.2");
    }
}
