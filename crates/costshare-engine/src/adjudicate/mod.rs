//! Applies a plan year of claims, in date order then input order, and splits each one into who
//! pays what.
//!
//! For each service claim ([`service`]) the order is: network discount or balance bill, the
//! admission or benefit period, coverage (network, age), dental alternate benefit, visit and day
//! limits, pre-certification penalty, copay (per visit, by number of visits, per admission, per
//! day), per-admission deductible, yearly deductible, copay-after-deductible, coinsurance,
//! allowance (and the discount above it), coinsurance maximum, out-of-pocket cap, dollar limits,
//! lifetime maximum, then what the plan pays and the HRA ([`pay`]). Drug claims ([`drug`]) follow
//! the same shape with the drug rules. The accumulator state of a run is in [`state`].

use crate::claim::{Claim, ClaimKind, DrugFill, Member, Relationship};
use crate::error::{Error, MAX_CLAIMS};
use crate::explain::{CoinsuranceLimit, Step};
use crate::money::{MAX_CENTS, Money};
use crate::plan::{
    Amounts, Benefit, BrandCoinsuranceBase, CopayTiming, DrugDeductible, DrugOutOfPocket,
    FamilyRule, LimitPeriod, LimitScope, LimitUnit, Network, Plan, Tier,
};
use chrono::NaiveDate;
use std::collections::VecDeque;

mod drug;
mod pay;
mod service;
mod state;

use drug::drug_claim;
use pay::finish;
use service::{price, service_claim};
use state::{Counters, State, Stay, UNLIMITED, cap_to_room, family_limits, room};

/// Settings for one run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Record a plain-language explanation for every claim (slower).
    pub explain: bool,
    /// HRA money carried over from earlier years, added to the tier's credit.
    pub hra_carryover: Money,
}

/// How one claim line was split. Every amount is in exact cents.
///
/// `billed = network_discount + balance_billed + allowed`, and
/// `allowed = not_covered + penalty + copay + admission_deductible + deductible + coinsurance + plan_paid`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimResult {
    /// Position of the claim in the input, from 0.
    pub input_index: usize,
    /// What the provider charged.
    pub billed: Money,
    /// The plan's allowed amount.
    pub allowed: Money,
    /// In-network savings: billed minus allowed, owed by nobody.
    pub network_discount: Money,
    /// Out-of-network charges above the allowed amount, owed by the member and counted nowhere.
    pub balance_billed: Money,
    /// Allowed charges the plan does not pay at all (excluded, over a limit, above an allowance,
    /// brand-over-generic difference).
    pub not_covered: Money,
    /// Reduction for missing pre-certification.
    pub penalty: Money,
    /// Copay.
    pub copay: Money,
    /// Per-admission deductible.
    pub admission_deductible: Money,
    /// Yearly deductible.
    pub deductible: Money,
    /// Coinsurance.
    pub coinsurance: Money,
    /// Paid by the plan.
    pub plan_paid: Money,
    /// Part of the member's share paid from the HRA.
    pub hra_paid: Money,
    /// Paid by the member out of their own pocket.
    pub member_paid: Money,
    /// Totals right after this claim.
    pub after: Snapshot,
    /// Plain-language steps, when [`Options::explain`] is on.
    pub steps: Vec<Step>,
}

impl ClaimResult {
    /// Everything the member is responsible for, whether paid by them or by their HRA.
    pub fn member_share(&self) -> Money {
        self.not_covered
            + self.balance_billed
            + self.penalty
            + self.copay
            + self.admission_deductible
            + self.deductible
            + self.coinsurance
    }
}

/// Running totals after a claim, for the claim's member and the family. Arrays are indexed by
/// [`Network::index`]: each network's total, including the other network's spending where the plan
/// counts it there too (so both entries are the same when the networks share one total).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// The member's deductible paid so far.
    pub deductible: [Money; 2],
    /// The family's deductible paid so far.
    pub family_deductible: [Money; 2],
    /// The member's spending toward the out-of-pocket maximum.
    pub out_of_pocket: [Money; 2],
    /// The family's spending toward the out-of-pocket maximum.
    pub family_out_of_pocket: [Money; 2],
    /// Money left in the HRA.
    pub hra_left: Money,
}

/// A year's sums for one member or the family.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Totals {
    /// Number of claim lines.
    pub claims: usize,
    /// Billed.
    pub billed: Money,
    /// Allowed.
    pub allowed: Money,
    /// Network discounts.
    pub network_discount: Money,
    /// Balance bills.
    pub balance_billed: Money,
    /// Not covered.
    pub not_covered: Money,
    /// Penalties.
    pub penalty: Money,
    /// Copays.
    pub copay: Money,
    /// Per-admission deductibles.
    pub admission_deductible: Money,
    /// Yearly deductible.
    pub deductible: Money,
    /// Coinsurance.
    pub coinsurance: Money,
    /// Paid by the plan.
    pub plan_paid: Money,
    /// Paid from the HRA.
    pub hra_paid: Money,
    /// Paid by the member.
    pub member_paid: Money,
}

impl Totals {
    fn add(&mut self, r: &ClaimResult) {
        self.claims += 1;
        self.billed += r.billed;
        self.allowed += r.allowed;
        self.network_discount += r.network_discount;
        self.balance_billed += r.balance_billed;
        self.not_covered += r.not_covered;
        self.penalty += r.penalty;
        self.copay += r.copay;
        self.admission_deductible += r.admission_deductible;
        self.deductible += r.deductible;
        self.coinsurance += r.coinsurance;
        self.plan_paid += r.plan_paid;
        self.hra_paid += r.hra_paid;
        self.member_paid += r.member_paid;
    }
}

/// The outcome of a plan year.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Adjudication {
    /// One result per claim, in the order they were applied (date, then input order).
    pub claims: Vec<ClaimResult>,
    /// Totals per member, in household order.
    pub members: Vec<Totals>,
    /// Totals for the whole family.
    pub family: Totals,
    /// HRA money left at the end of the year.
    pub hra_left: Money,
}

/// Checks that the household may be covered under the tier.
pub fn check_household(plan: &Plan, tier: usize, members: &[Member]) -> Result<(), Error> {
    let tier = plan.tiers.get(tier).ok_or(Error::UnknownTier(tier))?;
    if members.is_empty() {
        return Err(Error::Household(
            "no one is covered: add at least the employee".into(),
        ));
    }
    let employees = members
        .iter()
        .filter(|m| m.relationship == Relationship::Employee)
        .count();
    if employees != 1 {
        return Err(Error::Household(format!(
            "exactly one member must be the employee (found {employees})"
        )));
    }
    for m in members {
        let ok = match m.relationship {
            Relationship::Employee => true,
            Relationship::Spouse => tier.covers_spouse,
            Relationship::Child => tier.covers_children,
        };
        if !ok {
            return Err(Error::TierDoesNotCover {
                member: m.id.clone(),
                tier: tier.name.clone(),
            });
        }
    }
    if let Some(n) = tier.dependents_at_most
        && members.len() - 1 > usize::from(n)
    {
        return Err(Error::Household(format!(
            "{} covers the employee and at most {n} more (found {})",
            tier.name,
            members.len() - 1
        )));
    }
    if members
        .iter()
        .filter(|m| m.relationship == Relationship::Spouse)
        .count()
        > 1
    {
        return Err(Error::Household(
            "at most one member can be the spouse".into(),
        ));
    }
    Ok(())
}

fn check_claim(plan: &Plan, members: &[Member], claim: &Claim, n: usize) -> Result<(), Error> {
    let bad = |field: &'static str, problem: String| {
        Err(Error::Claim {
            claim: n + 1,
            field,
            problem,
        })
    };
    if claim.member >= members.len() {
        return bad(
            "member",
            format!("member #{} is not in the household", claim.member + 1),
        );
    }
    match claim.kind {
        ClaimKind::Service(s) if s >= plan.services.len() => {
            return bad("service", format!("service #{} is not in the plan", s + 1));
        }
        ClaimKind::Drug(fill) => {
            let tiers = plan.drugs.as_ref().map_or(0, |d| d.tiers.len());
            if fill.tier >= tiers {
                return bad(
                    "drug.tier",
                    format!("drug tier #{} is not in the plan", fill.tier + 1),
                );
            }
            if fill.days_supply == 0 {
                return bad(
                    "drug.days_supply",
                    "days of supply must be at least 1".into(),
                );
            }
            if let Some(g) = fill.generic_cost
                && (g.cents() < 0 || g.cents() > MAX_CENTS)
            {
                return bad(
                    "drug.generic_cost",
                    "the generic's cost must be between $0 and $1,000,000,000".into(),
                );
            }
        }
        ClaimKind::Service(_) => {}
    }
    if claim.billed.cents() < 0 {
        return bad("billed", "amounts cannot be negative".into());
    }
    if claim.allowed.cents() < 0 {
        return bad("allowed", "amounts cannot be negative".into());
    }
    if claim.billed.cents() > MAX_CENTS {
        return bad(
            "billed",
            "the billed amount is more than $1,000,000,000".into(),
        );
    }
    if claim.allowed > claim.billed {
        return bad(
            "allowed",
            format!(
                "the allowed amount ({}) is more than the billed amount ({})",
                claim.allowed, claim.billed
            ),
        );
    }
    if claim.units == 0 {
        return bad("units", "visits or days must be at least 1".into());
    }
    if let Some(a) = claim.alternate_allowed
        && (a.cents() < 0 || a > claim.allowed)
    {
        return bad(
            "alternate_allowed",
            "the less costly treatment's allowed amount must be between $0 and the claim's allowed amount"
                .into(),
        );
    }
    if claim.units > 100_000 {
        return bad("units", "visits or days must be at most 100,000".into());
    }
    if claim.date < plan.year_start || claim.date > plan.year_end {
        return bad(
            "date",
            format!(
                "the date {} is outside the plan year {} to {}",
                claim.date, plan.year_start, plan.year_end
            ),
        );
    }
    Ok(())
}

/// Reusable buffers for [`adjudicate_totals`], so that running many years (a simulation) does
/// not allocate for each one.
#[derive(Debug, Default)]
pub struct Workspace {
    person: Vec<Counters>,
    drug_person: Vec<Counters>,
    stays: Vec<Stay>,
    maintenance_fills: Vec<u32>,
    visits: Vec<u32>,
    limit_used: Vec<i64>,
    limit_history: Vec<VecDeque<(NaiveDate, i64)>>,
    lifetime_paid: Vec<i64>,
    order: Vec<usize>,
    /// The claim being worked out, when only totals are kept.
    scratch: ClaimResult,
}

/// Where [`drive`] puts each claim's result: it is worked out in place (a `ClaimResult` is over
/// 200 bytes; building it on the stack and moving it into a `Vec` cost a fill and a copy per
/// claim, which WebAssembly engines run as calls).
trait Sink {
    /// A zeroed result for the claim at `input_index`, to fill in.
    fn start(&mut self, input_index: usize) -> &mut ClaimResult;
    /// The result returned by the last `start` is complete.
    fn end(&mut self, member: usize);
}

/// Keeps every result and sums them per member and for the family.
struct KeepAll<'a>(&'a mut Adjudication);

impl Sink for KeepAll<'_> {
    #[inline]
    fn start(&mut self, input_index: usize) -> &mut ClaimResult {
        let claims = &mut self.0.claims;
        claims.push(ClaimResult {
            input_index,
            ..ClaimResult::default()
        });
        let last = claims.len() - 1;
        &mut claims[last]
    }

    #[inline]
    fn end(&mut self, member: usize) {
        let out = &mut *self.0;
        if let Some(r) = out.claims.last() {
            if let Some(t) = out.members.get_mut(member) {
                t.add(r);
            }
            out.family.add(r);
        }
    }
}

/// Keeps only the family's totals, reusing one result.
struct FamilyOnly<'a> {
    family: Totals,
    scratch: &'a mut ClaimResult,
}

impl Sink for FamilyOnly<'_> {
    #[inline]
    fn start(&mut self, input_index: usize) -> &mut ClaimResult {
        *self.scratch = ClaimResult {
            input_index,
            ..ClaimResult::default()
        };
        self.scratch
    }

    #[inline]
    fn end(&mut self, _member: usize) {
        self.family.add(self.scratch);
    }
}

/// Adjudicates a plan year of claims for a household under one coverage tier.
///
/// Claims are applied in date order, then input order. Returns an error (never panics) when the
/// household does not fit the tier or a claim is malformed.
pub fn adjudicate(
    plan: &Plan,
    tier: usize,
    members: &[Member],
    claims: &[Claim],
    options: Options,
) -> Result<Adjudication, Error> {
    let mut out = Adjudication {
        claims: Vec::with_capacity(claims.len()),
        members: vec![Totals::default(); members.len()],
        ..Adjudication::default()
    };
    let mut workspace = Workspace::default();
    let mut sink = KeepAll(&mut out);
    let hra_left = drive(
        plan,
        tier,
        members,
        claims,
        options,
        &mut workspace,
        true,
        &mut sink,
    )?;
    out.hra_left = hra_left;
    Ok(out)
}

/// Like [`adjudicate`], but hands each claim's result to `each` as soon as it is worked out (in
/// the order applied) instead of keeping it, so memory does not grow with the number of claims
/// (the command line streams a million claims this way). The returned [`Adjudication`] has the
/// totals and HRA money left, and no `claims`.
///
/// Every check happens before the first result is handed over: on an error, `each` was never
/// called.
pub fn adjudicate_each(
    plan: &Plan,
    tier: usize,
    members: &[Member],
    claims: &[Claim],
    options: Options,
    mut each: impl FnMut(ClaimResult),
) -> Result<Adjudication, Error> {
    let mut out = Adjudication {
        members: vec![Totals::default(); members.len()],
        ..Adjudication::default()
    };
    let mut workspace = Workspace::default();
    let mut sink = Each {
        out: &mut out,
        current: ClaimResult::default(),
        each: &mut each,
    };
    let hra_left = drive(
        plan,
        tier,
        members,
        claims,
        options,
        &mut workspace,
        true,
        &mut sink,
    )?;
    out.hra_left = hra_left;
    Ok(out)
}

/// Sums each result per member and for the family, then hands it on.
struct Each<'a, F: FnMut(ClaimResult)> {
    out: &'a mut Adjudication,
    current: ClaimResult,
    each: &'a mut F,
}

impl<F: FnMut(ClaimResult)> Sink for Each<'_, F> {
    fn start(&mut self, input_index: usize) -> &mut ClaimResult {
        self.current = ClaimResult {
            input_index,
            ..ClaimResult::default()
        };
        &mut self.current
    }

    fn end(&mut self, member: usize) {
        if let Some(t) = self.out.members.get_mut(member) {
            t.add(&self.current);
        }
        self.out.family.add(&self.current);
        (self.each)(std::mem::take(&mut self.current));
    }
}

/// Like [`adjudicate`], but keeps only the family's totals and the HRA money left, reusing
/// `workspace` between calls. Explanations are never recorded.
pub fn adjudicate_totals(
    plan: &Plan,
    tier: usize,
    members: &[Member],
    claims: &[Claim],
    options: Options,
    workspace: &mut Workspace,
) -> Result<(Totals, Money), Error> {
    let options = Options {
        explain: false,
        ..options
    };
    let mut scratch = std::mem::take(&mut workspace.scratch);
    let mut sink = FamilyOnly {
        family: Totals::default(),
        scratch: &mut scratch,
    };
    let hra_left = drive(
        plan, tier, members, claims, options, workspace, false, &mut sink,
    );
    let family = sink.family;
    workspace.scratch = scratch;
    let hra_left = hra_left?;
    Ok((family, hra_left))
}

#[allow(clippy::too_many_arguments)] // internal driver shared by the two public entry points
fn drive(
    plan: &Plan,
    tier: usize,
    members: &[Member],
    claims: &[Claim],
    options: Options,
    ws: &mut Workspace,
    keep_snapshots: bool,
    sink: &mut impl Sink,
) -> Result<Money, Error> {
    check_household(plan, tier, members)?;
    if claims.len() > MAX_CLAIMS {
        return Err(Error::TooManyClaims(claims.len()));
    }
    for (n, claim) in claims.iter().enumerate() {
        check_claim(plan, members, claim, n)?;
    }
    let tier = &plan.tiers[tier];
    let slots = plan.limits.len() * (members.len() + 1);
    let reset = |v: &mut Vec<Counters>| {
        v.clear();
        v.resize(members.len(), Counters::default());
    };
    reset(&mut ws.person);
    reset(&mut ws.drug_person);
    ws.stays.clear();
    ws.stays.resize(members.len(), Stay::default());
    // Only plans with a maintenance-drug rule count fills; visit counts are made on first use.
    let maintenance_drugs = if plan.drugs.as_ref().is_some_and(|d| d.maintenance.is_some()) {
        claims
            .iter()
            .filter_map(|c| match c.kind {
                ClaimKind::Drug(f) => f.maintenance,
                ClaimKind::Service(_) => None,
            })
            .max()
            .map_or(0, |k| k as usize + 1)
    } else {
        0
    };
    ws.visits.clear();
    ws.maintenance_fills.clear();
    ws.maintenance_fills
        .resize(members.len().saturating_mul(maintenance_drugs), 0);
    ws.limit_used.clear();
    ws.limit_used.resize(slots, 0);
    // Never shortened, so a workspace shared by plans with different limits keeps every
    // history's memory.
    for h in ws.limit_history.iter_mut() {
        h.clear();
    }
    if ws.limit_history.len() < slots {
        ws.limit_history.resize_with(slots, VecDeque::new);
    }
    ws.lifetime_paid.clear();
    ws.lifetime_paid.resize(members.len(), 0);
    let mut state = State {
        plan,
        tier,
        members,
        person: std::mem::take(&mut ws.person),
        family: Counters::default(),
        drug_person: std::mem::take(&mut ws.drug_person),
        drug_family: Counters::default(),
        stays: std::mem::take(&mut ws.stays),
        maintenance_fills: std::mem::take(&mut ws.maintenance_fills),
        maintenance_drugs,
        visits: std::mem::take(&mut ws.visits),
        limit_used: std::mem::take(&mut ws.limit_used),
        limit_history: std::mem::take(&mut ws.limit_history),
        lifetime_paid: std::mem::take(&mut ws.lifetime_paid),
        hra_left: if plan.hra.is_some() {
            (tier.hra_credit + options.hra_carryover).cents()
        } else {
            0
        },
        hra_member_first_left: tier.hra_member_first.cents(),
    };

    let mut order = std::mem::take(&mut ws.order);
    order.clear();
    if claims.windows(2).all(|w| w[0].date <= w[1].date) {
        order.extend(0..claims.len());
    } else {
        // Out of date order (rare: the simulation draws its years in order): the program's
        // one shared sort, by date, keeping the given order within a day.
        order.extend(crate::order::stable_positions(claims.len(), &mut |a, b| {
            claims[a].date.cmp(&claims[b].date)
        }));
    }
    for &i in &order {
        let claim = &claims[i];
        let result = sink.start(i);
        let mut steps = if options.explain {
            Some(Vec::with_capacity(8))
        } else {
            None
        };
        match claim.kind {
            ClaimKind::Service(s) => service_claim(&mut state, claim, s, result, &mut steps),
            ClaimKind::Drug(fill) => drug_claim(&mut state, claim, fill, result, &mut steps),
        }
        if keep_snapshots {
            result.after = state.snapshot(claim.member);
        }
        if let Some(steps) = steps {
            result.steps = steps;
        }
        sink.end(claim.member);
    }
    let hra_left = Money::from_cents(state.hra_left);
    ws.order = order;
    ws.person = state.person;
    ws.drug_person = state.drug_person;
    ws.stays = state.stays;
    ws.maintenance_fills = state.maintenance_fills;
    ws.visits = state.visits;
    ws.limit_used = state.limit_used;
    ws.limit_history = state.limit_history;
    ws.lifetime_paid = state.lifetime_paid;
    Ok(hra_left)
}

fn push(steps: &mut Option<Vec<Step>>, step: Step) {
    if let Some(s) = steps {
        s.push(step);
    }
}

#[cfg(test)]
mod tests {
    use super::state::months_before;
    use super::*;
    use crate::money::Rate;
    use crate::plan::{Benefit, CostShare, OutOfPocketCounts, PlanKind, Service};

    fn usd(d: i64) -> Money {
        Money::from_dollars(d)
    }

    #[test]
    fn whose_maximum_limits_the_room() {
        use super::state::family_limits;
        // $2,000 each / $4,000 family, amounts counted in cents.
        let oap = Some(Amounts {
            individual: usd(2_000),
            family: Some(usd(4_000)),
        });
        // Hope has counted $646, the family $3,370: her own room is $1,354, the family's $630.
        assert!(family_limits(oap, FamilyRule::Embedded, 64_600, 337_000));
        // Early in the year her own room ($1,354) is smaller than the family's ($3,354).
        assert!(!family_limits(oap, FamilyRule::Embedded, 64_600, 64_600));
        // An aggregate family amount is the family's whatever each person has counted.
        assert!(family_limits(oap, FamilyRule::Aggregate, 0, 0));
        // One person's tier has no family amount.
        let single = Some(Amounts {
            individual: usd(2_000),
            family: None,
        });
        assert!(!family_limits(single, FamilyRule::Aggregate, 0, 0));
        assert!(!family_limits(None, FamilyRule::Embedded, 0, 0));
    }

    fn share(copay: i64, deductible: bool, coinsurance: u32) -> CostShare {
        CostShare {
            copay: usd(copay),
            copay_timing: CopayTiming::BeforeDeductible,
            copay_waived_if_admitted: false,
            copay_counts_toward_oop: true,
            admission_deductible: Money::ZERO,
            admission_waived_on_transfer: false,
            deductible_applies: deductible,
            coinsurance: Rate::from_percent(coinsurance).unwrap_or_default(),
            allowance: None,
            per_day_copay: None,
            admission_copay: Money::ZERO,
            copay_after_visits: None,
            alternate_benefit: false,
            discount_above_allowance: Rate::ZERO,
        }
    }

    /// $1,000 deductible, $1,500 out-of-pocket maximum; service 0 is a $1,500 copay that
    /// counts, service 1 is deductible then 20%.
    fn plan(counts: OutOfPocketCounts) -> Plan {
        let service = |id: &str, cs: CostShare| Service {
            id: id.into(),
            name: id.into(),
            benefit: [
                Benefit::Covered(cs),
                Benefit::NotCovered {
                    reason: "in-network only".into(),
                },
            ],
            limits: vec![],
            requires_precertification: false,
            min_age: None,
            max_age: None,
        };
        let one = |d| {
            Some(Amounts {
                individual: usd(d),
                family: None,
            })
        };
        Plan {
            id: "p".into(),
            name: "p".into(),
            kind: PlanKind::Medical,
            year_start: NaiveDate::from_ymd_opt(2010, 1, 1).unwrap_or_default(),
            year_end: NaiveDate::from_ymd_opt(2010, 12, 31).unwrap_or_default(),
            tiers: vec![Tier {
                id: "employee".into(),
                name: "employee".into(),
                covers_spouse: false,
                covers_children: false,
                dependents_at_most: None,
                retiree: false,
                deductible: [one(1000), None],
                out_of_pocket: [one(1500), None],
                hra_member_first: Money::ZERO,
                coinsurance_maximum: [None, None],
                hra_credit: Money::ZERO,
            }],
            deductible_rule: FamilyRule::Embedded,
            out_of_pocket_rule: FamilyRule::Embedded,
            deductible_networks: crate::plan::Crediting::SEPARATE,
            out_of_pocket_networks: crate::plan::Crediting::SEPARATE,
            out_of_pocket_counts: counts,
            coinsurance_maximum_counts_deductible: false,
            copays_after_out_of_pocket_max: false,
            lifetime_maximum: None,
            precertification_penalty: Rate::ZERO,
            penalty_in_network: false,
            services: vec![
                service("surgery", share(1500, false, 0)),
                service("hospital", share(0, true, 20)),
            ],
            limits: vec![],
            drugs: None,
            hra: None,
            benefit_period_days_out: None,
        }
    }

    fn member_paid(plan: &Plan, claims: &[(usize, i64)]) -> Vec<i64> {
        let members = [Member {
            id: "a".into(),
            relationship: crate::claim::Relationship::Employee,
            age: 40,
        }];
        let date = plan.year_start;
        let claims: Vec<Claim> = claims
            .iter()
            .map(|&(s, d)| Claim::service(date, 0, s, usd(d)))
            .collect();
        let r = adjudicate(plan, 0, &members, &claims, Options::default());
        r.map(|r| {
            r.claims
                .iter()
                .map(|c| c.member_paid.cents() / 100)
                .collect()
        })
        .unwrap_or_default()
    }

    const ALL: OutOfPocketCounts = OutOfPocketCounts {
        deductible: true,
        admission_deductible: true,
        coinsurance: true,
        copays: true,
    };

    #[test]
    fn a_deductible_that_does_not_count_continues_past_the_maximum() {
        let p = plan(OutOfPocketCounts {
            deductible: false,
            ..ALL
        });
        // Alone: $1,000 deductible + 20% of $9,000 = $1,800, capped at the $1,500 room.
        assert_eq!(member_paid(&p, &[(1, 10_000)]), [2500]);
        // After the $1,500 copay meets the maximum, the deductible is still owed.
        assert_eq!(member_paid(&p, &[(0, 4000), (1, 10_000)]), [1500, 1000]);
        // When it counts, the maximum waives it.
        assert_eq!(
            member_paid(&plan(ALL), &[(0, 4000), (1, 10_000)]),
            [1500, 0]
        );
    }

    #[test]
    fn coinsurance_that_does_not_count_continues_past_the_maximum() {
        let p = plan(OutOfPocketCounts {
            coinsurance: false,
            ..ALL
        });
        // Maximum met by the copay; the $1,000 deductible counts (waived), 20% of $10,000 does not.
        assert_eq!(member_paid(&p, &[(0, 4000), (1, 10_000)]), [1500, 2000]);
        // Alone: $1,000 deductible + $1,800 coinsurance, neither over the room.
        assert_eq!(member_paid(&p, &[(1, 10_000)]), [2800]);
    }

    #[test]
    fn rolling_window_limits_match_a_full_scan_of_the_history() {
        use crate::plan::{Limit, LimitPeriod, LimitScope, LimitUnit};
        for months in [1, 6, 24] {
            let mut p = plan(ALL);
            p.limits = vec![Limit {
                id: "l".into(),
                name: "l".into(),
                unit: LimitUnit::Visits,
                amount: 2,
                period: LimitPeriod::Months(months),
                scope: LimitScope::Person,
            }];
            p.services[1].limits = vec![0];
            // A fixed pseudo-random year: dates in any order, 1 to 3 visits a line.
            let mut x: u64 = 0x2545_f491_4f6c_dd1d;
            let mut claims = Vec::new();
            for _ in 0..400 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let date = p.year_start + chrono::Days::new(x % 365);
                let units = 1 + (x >> 20) % 3;
                let mut c = Claim::service(date, 0, 1, usd(100 * units as i64));
                c.units = units as u32;
                claims.push(c);
            }
            let members = [Member {
                id: "a".into(),
                relationship: crate::claim::Relationship::Employee,
                age: 40,
            }];
            let r = adjudicate(&p, 0, &members, &claims, Options::default()).unwrap_or_default();
            assert_eq!(r.claims.len(), claims.len());
            // Reference: scan every earlier use inside the window.
            let mut used: Vec<(NaiveDate, i64)> = Vec::new();
            for c in &r.claims {
                let claim = &claims[c.input_index];
                let since = months_before(claim.date, months);
                let in_window: i64 = used.iter().filter(|(d, _)| *d > since).map(|u| u.1).sum();
                let covered = (2 - in_window).max(0).min(i64::from(claim.units));
                used.push((claim.date, covered));
                let over = 100 * (i64::from(claim.units) - covered);
                assert_eq!(
                    c.not_covered.cents(),
                    over * 100,
                    "{months} months, {claim:?}"
                );
            }
        }
    }
}
