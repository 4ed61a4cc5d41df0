//! Applies a plan year of claims, in date order then input order, and splits each one into who
//! pays what.
//!
//! For each service claim the order is: network discount or balance bill, coverage (network, age),
//! visit and day limits, pre-certification penalty, copay, per-admission deductible, yearly
//! deductible, copay-after-deductible, coinsurance, allowance, out-of-pocket cap, dollar limits,
//! lifetime maximum, then the HRA. Drug claims follow the same shape with the drug rules.

use crate::claim::{Claim, ClaimKind, DrugFill, Member, Relationship};
use crate::error::{Error, MAX_CLAIMS};
use crate::explain::Step;
use crate::money::{MAX_CENTS, Money};
use crate::plan::{
    Accumulation, Amounts, Benefit, CopayTiming, DrugDeductible, DrugOutOfPocket, FamilyRule,
    LimitPeriod, LimitScope, LimitUnit, Network, Plan, Tier,
};
use chrono::NaiveDate;
use std::collections::VecDeque;

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
/// [`Network::index`]; when the plan shares accumulators both entries are the same.
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

/// Running totals for one person or the family, by accumulator group.
#[derive(Clone, Copy, Debug, Default)]
struct Counters {
    deductible: [i64; 2],
    out_of_pocket: [i64; 2],
}

struct State<'a> {
    plan: &'a Plan,
    tier: &'a Tier,
    members: &'a [Member],
    person: Vec<Counters>,
    family: Counters,
    drug_person: Vec<Counters>,
    drug_family: Counters,
    /// Used units or cents per limit and slot (members, then the family).
    limit_used: Vec<i64>,
    /// Dates and units of use still inside each rolling window, oldest first.
    limit_history: Vec<VecDeque<(NaiveDate, i64)>>,
    lifetime_paid: Vec<i64>,
    hra_left: i64,
}

const UNLIMITED: i64 = i64::MAX;

/// Room left under a deductible or maximum. `amounts == None` returns `if_none`.
fn room(amounts: Option<Amounts>, rule: FamilyRule, person: i64, family: i64, if_none: i64) -> i64 {
    let Some(a) = amounts else { return if_none };
    let room = match rule {
        FamilyRule::Embedded => {
            let own = a.individual.cents() - person;
            match a.family {
                Some(f) => own.min(f.cents() - family),
                None => own,
            }
        }
        FamilyRule::Aggregate => a.family.unwrap_or(a.individual).cents() - family,
    };
    room.max(0)
}

fn months_before(date: NaiveDate, months: u16) -> NaiveDate {
    date.checked_sub_months(chrono::Months::new(u32::from(months)))
        .unwrap_or(NaiveDate::MIN)
}

impl<'a> State<'a> {
    fn group(&self, network: Network) -> usize {
        match self.plan.accumulation {
            Accumulation::Separate => network.index(),
            Accumulation::Shared => 0,
        }
    }

    fn slot(&self, limit: usize, member: usize) -> usize {
        let scope = self.plan.limits[limit].scope;
        let per = self.members.len() + 1;
        let who = if scope == LimitScope::Family {
            self.members.len()
        } else {
            member
        };
        limit * per + who
    }

    /// Units or cents used under a limit as of `date`. Claims arrive in date order, so a
    /// rolling window only moves forward: uses that fall out of it are dropped for good, and
    /// `limit_used` holds the sum of those still inside (O(1) amortized per claim).
    fn limit_used(&mut self, limit: usize, member: usize, date: NaiveDate) -> i64 {
        let slot = self.slot(limit, member);
        if let LimitPeriod::Months(m) = self.plan.limits[limit].period {
            let since = months_before(date, m);
            let history = &mut self.limit_history[slot];
            while let Some(&(d, used)) = history.front() {
                if d > since {
                    break;
                }
                self.limit_used[slot] -= used;
                history.pop_front();
            }
        }
        self.limit_used[slot]
    }

    fn use_limit(&mut self, limit: usize, member: usize, date: NaiveDate, amount: i64) {
        if amount == 0 {
            return;
        }
        let slot = self.slot(limit, member);
        if let LimitPeriod::Months(_) = self.plan.limits[limit].period {
            self.limit_history[slot].push_back((date, amount));
        }
        self.limit_used[slot] += amount;
    }

    fn snapshot(&self, member: usize) -> Snapshot {
        let mut s = Snapshot {
            hra_left: Money::from_cents(self.hra_left),
            ..Snapshot::default()
        };
        for network in [Network::In, Network::Out] {
            let g = self.group(network);
            let n = network.index();
            s.deductible[n] = Money::from_cents(self.person[member].deductible[g]);
            s.family_deductible[n] = Money::from_cents(self.family.deductible[g]);
            s.out_of_pocket[n] = Money::from_cents(self.person[member].out_of_pocket[g]);
            s.family_out_of_pocket[n] = Money::from_cents(self.family.out_of_pocket[g]);
        }
        s
    }

    fn medical_deductible_room(&self, member: usize, network: Network) -> i64 {
        let g = self.group(network);
        room(
            self.tier.deductible[network.index()],
            self.plan.deductible_rule,
            self.person[member].deductible[g],
            self.family.deductible[g],
            0,
        )
    }

    fn medical_oop_room(&self, member: usize, network: Network) -> i64 {
        let g = self.group(network);
        room(
            self.tier.out_of_pocket[network.index()],
            self.plan.out_of_pocket_rule,
            self.person[member].out_of_pocket[g],
            self.family.out_of_pocket[g],
            UNLIMITED,
        )
    }

    fn add_medical(&mut self, member: usize, network: Network, deductible: i64, oop: i64) {
        let g = self.group(network);
        self.person[member].deductible[g] += deductible;
        self.family.deductible[g] += deductible;
        self.person[member].out_of_pocket[g] += oop;
        self.family.out_of_pocket[g] += oop;
    }
}

/// Reduces the counted parts, coinsurance first, so that their sum fits in `room`.
/// Returns how much was moved to the plan.
fn cap_to_room(parts: &mut [&mut i64], counted: &[bool], room: i64) -> i64 {
    let total: i64 = parts
        .iter()
        .zip(counted)
        .filter(|(_, c)| **c)
        .map(|(p, _)| **p)
        .sum();
    let mut excess = (total - room).max(0);
    let moved = excess;
    for (part, counts) in parts.iter_mut().zip(counted) {
        if excess == 0 {
            break;
        }
        if *counts {
            let cut = (**part).min(excess);
            **part -= cut;
            excess -= cut;
        }
    }
    moved
}

/// Reusable buffers for [`adjudicate_totals`], so that running many years (a simulation) does
/// not allocate for each one.
#[derive(Debug, Default)]
pub struct Workspace {
    person: Vec<Counters>,
    drug_person: Vec<Counters>,
    limit_used: Vec<i64>,
    limit_history: Vec<VecDeque<(NaiveDate, i64)>>,
    lifetime_paid: Vec<i64>,
    order: Vec<usize>,
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
    out.hra_left = drive(
        plan,
        tier,
        members,
        claims,
        options,
        &mut workspace,
        true,
        |result, member| {
            out.members[member].add(&result);
            out.family.add(&result);
            out.claims.push(result);
        },
    )?;
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
    out.hra_left = drive(
        plan,
        tier,
        members,
        claims,
        options,
        &mut workspace,
        true,
        |result, member| {
            out.members[member].add(&result);
            out.family.add(&result);
            each(result);
        },
    )?;
    Ok(out)
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
    let mut family = Totals::default();
    let options = Options {
        explain: false,
        ..options
    };
    let hra_left = drive(
        plan,
        tier,
        members,
        claims,
        options,
        workspace,
        false,
        |result, _| family.add(&result),
    )?;
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
    mut sink: impl FnMut(ClaimResult, usize),
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
    ws.limit_used.clear();
    ws.limit_used.resize(slots, 0);
    for h in ws.limit_history.iter_mut() {
        h.clear();
    }
    ws.limit_history.resize_with(slots, VecDeque::new);
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
        limit_used: std::mem::take(&mut ws.limit_used),
        limit_history: std::mem::take(&mut ws.limit_history),
        lifetime_paid: std::mem::take(&mut ws.lifetime_paid),
        hra_left: if plan.hra.is_some() {
            (tier.hra_credit + options.hra_carryover).cents()
        } else {
            0
        },
    };

    let mut order = std::mem::take(&mut ws.order);
    order.clear();
    order.extend(0..claims.len());
    if !claims.windows(2).all(|w| w[0].date <= w[1].date) {
        order.sort_by_key(|&i| (claims[i].date, i));
    }
    for &i in &order {
        let claim = &claims[i];
        let mut result = ClaimResult {
            input_index: i,
            ..ClaimResult::default()
        };
        let mut steps = if options.explain {
            Some(Vec::with_capacity(8))
        } else {
            None
        };
        match claim.kind {
            ClaimKind::Service(s) => service_claim(&mut state, claim, s, &mut result, &mut steps),
            ClaimKind::Drug(fill) => drug_claim(&mut state, claim, fill, &mut result, &mut steps),
        }
        if keep_snapshots {
            result.after = state.snapshot(claim.member);
        }
        if let Some(steps) = steps {
            result.steps = steps;
        }
        sink(result, claim.member);
    }
    let hra_left = Money::from_cents(state.hra_left);
    ws.order = order;
    ws.person = state.person;
    ws.drug_person = state.drug_person;
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

/// Splits billed into allowed plus a network discount (in-network) or a balance bill (out).
fn price(claim: &Claim, r: &mut ClaimResult, steps: &mut Option<Vec<Step>>) {
    r.billed = claim.billed;
    r.allowed = claim.allowed;
    let gap = claim.billed - claim.allowed;
    if gap.is_zero() {
        return;
    }
    match claim.network {
        Network::In => {
            r.network_discount = gap;
            push(
                steps,
                Step::NetworkDiscount {
                    billed: claim.billed,
                    allowed: claim.allowed,
                },
            );
        }
        Network::Out => {
            r.balance_billed = gap;
            push(
                steps,
                Step::BalanceBill {
                    billed: claim.billed,
                    allowed: claim.allowed,
                },
            );
        }
    }
}

fn service_claim(
    st: &mut State<'_>,
    claim: &Claim,
    s: usize,
    r: &mut ClaimResult,
    steps: &mut Option<Vec<Step>>,
) {
    let plan = st.plan;
    let service = &plan.services[s];
    let m = claim.member;
    price(claim, r, steps);
    let allowed = claim.allowed.cents();

    let age = st.members[m].age;
    let age_ok =
        service.min_age.is_none_or(|a| age >= a) && service.max_age.is_none_or(|a| age <= a);
    if !age_ok {
        r.not_covered = claim.allowed;
        push(
            steps,
            Step::NotCovered {
                amount: claim.allowed,
                reason: age_reason(service.min_age, service.max_age),
            },
        );
        finish(st, claim, r, steps, 0);
        return;
    }
    let cs = match &service.benefit[claim.network.index()] {
        Benefit::NotCovered { reason } => {
            r.not_covered = claim.allowed;
            push(
                steps,
                Step::NotCovered {
                    amount: claim.allowed,
                    reason: reason.clone(),
                },
            );
            finish(st, claim, r, steps, 0);
            return;
        }
        Benefit::Covered(cs) => cs,
    };

    // Visit and day limits (shared across networks): cover only the units left.
    let units = i64::from(claim.units);
    let mut covered_units = units;
    let mut binding = None;
    for &l in &service.limits {
        let limit = &plan.limits[l];
        if limit.unit == LimitUnit::PlanDollars {
            continue;
        }
        let left = (limit.amount - st.limit_used(l, m, claim.date)).max(0);
        if left < covered_units {
            covered_units = left;
            binding = Some(l);
        }
    }
    for &l in &service.limits {
        if plan.limits[l].unit != LimitUnit::PlanDollars {
            st.use_limit(l, m, claim.date, covered_units);
        }
    }
    let mut covered = claim.allowed.mul_div(covered_units, units).cents();
    if let Some(l) = binding {
        let over = allowed - covered;
        r.not_covered += Money::from_cents(over);
        push(
            steps,
            Step::OverLimit {
                limit: l,
                amount: Money::from_cents(over),
            },
        );
    }

    // Pre-certification penalty.
    let penalised = service.requires_precertification
        && !claim.precertified
        && (claim.network == Network::Out || plan.penalty_in_network);
    if penalised && covered > 0 {
        let penalty = Money::from_cents(covered)
            .times(plan.precertification_penalty)
            .cents();
        r.penalty = Money::from_cents(penalty);
        covered -= penalty;
        push(
            steps,
            Step::Penalty {
                rate: plan.precertification_penalty,
                amount: r.penalty,
            },
        );
    }

    let oop_room = st.medical_oop_room(m, claim.network);
    let oop_met = oop_room == 0;
    let counts = plan.out_of_pocket_counts;
    let copay_counts = cs.copay_counts_toward_oop;
    // A copay is per visit: a line with several covered visits pays it for each.
    let mut copay_due = cs.copay.cents() * covered_units;
    if cs.copay_waived_if_admitted && claim.admitted && copay_due > 0 {
        copay_due = 0;
        push(
            steps,
            Step::CopayWaived {
                because: "the visit led to a hospital admission",
            },
        );
    } else if oop_met && copay_due > 0 && (copay_counts || !plan.copays_after_out_of_pocket_max) {
        copay_due = 0;
        push(
            steps,
            Step::CopayWaived {
                because: "you have reached your out-of-pocket maximum",
            },
        );
    }

    let mut rest = covered;
    let mut copay = 0;
    // The copay as charged before any out-of-pocket cap: less than due only when the price
    // left to pay is lower than the copay.
    let mut copay_charged = 0;
    if cs.copay_timing == CopayTiming::BeforeDeductible {
        copay = copay_due.min(rest);
        copay_charged = copay;
        rest -= copay;
    }
    let mut admission = 0;
    // Past the maximum only the parts that count toward it stop; the others continue.
    let waived = |part_counts: bool| oop_met && part_counts;
    if claim.new_admission
        && cs.admission_deductible.cents() > 0
        && !waived(counts.admission_deductible)
    {
        if claim.transferred_from_acute && cs.admission_waived_on_transfer {
            push(steps, Step::AdmissionDeductibleWaived);
        } else {
            admission = cs.admission_deductible.cents().min(rest);
            rest -= admission;
        }
    }
    let mut deductible = 0;
    if cs.deductible_applies && !waived(counts.deductible) {
        deductible = st.medical_deductible_room(m, claim.network).min(rest);
        rest -= deductible;
    }
    if cs.copay_timing == CopayTiming::AfterDeductible {
        copay = copay_due.min(rest);
        copay_charged = copay;
        rest -= copay;
    }
    let mut coinsurance = 0;
    let coinsurance_base = rest;
    if !waived(counts.coinsurance) {
        coinsurance = Money::from_cents(rest).times(cs.coinsurance).cents();
        rest -= coinsurance;
    }
    if let Some(allowance) = cs.allowance {
        let above = rest - allowance.cents();
        if above > 0 {
            rest -= above;
            r.not_covered += Money::from_cents(above);
            push(
                steps,
                Step::AboveAllowance {
                    allowance,
                    amount: Money::from_cents(above),
                },
            );
        }
    }

    // Out-of-pocket cap on the parts that count.
    let counted = [
        counts.coinsurance,
        counts.deductible,
        counts.admission_deductible,
        copay_counts,
    ];
    let moved = cap_to_room(
        &mut [
            &mut coinsurance,
            &mut deductible,
            &mut admission,
            &mut copay,
        ],
        &counted,
        oop_room,
    );
    rest += moved;

    if copay > 0 {
        push(
            steps,
            Step::Copay {
                amount: Money::from_cents(copay),
                full: Money::from_cents(if copay_charged < copay_due {
                    copay_due
                } else {
                    copay
                }),
                counts: copay_counts,
            },
        );
    }
    if admission > 0 {
        push(
            steps,
            Step::AdmissionDeductible {
                amount: Money::from_cents(admission),
            },
        );
    }
    let oop_added = [coinsurance, deductible, admission, copay]
        .iter()
        .zip(counted)
        .filter(|(_, c)| *c)
        .map(|(v, _)| *v)
        .sum();
    st.add_medical(m, claim.network, deductible, oop_added);
    if deductible > 0 {
        let left = st.medical_deductible_room(m, claim.network);
        push(
            steps,
            Step::Deductible {
                amount: Money::from_cents(deductible),
                left: Money::from_cents(left),
            },
        );
    }
    if coinsurance > 0 {
        push(
            steps,
            Step::Coinsurance {
                rate: cs.coinsurance,
                base: Money::from_cents(coinsurance_base),
                amount: Money::from_cents(coinsurance),
            },
        );
    }
    if moved > 0 {
        push(
            steps,
            Step::OutOfPocketReached {
                amount: Money::from_cents(moved),
            },
        );
    }
    r.copay = Money::from_cents(copay);
    r.admission_deductible = Money::from_cents(admission);
    r.deductible = Money::from_cents(deductible);
    r.coinsurance = Money::from_cents(coinsurance);

    // Dollar limits on what the plan pays and the lifetime maximum: the tightest one wins, and
    // every one of them is charged what the plan finally pays.
    let mut cap = rest;
    let mut binding = None;
    for &l in &service.limits {
        let limit = &plan.limits[l];
        if limit.unit == LimitUnit::PlanDollars {
            let left = (limit.amount - st.limit_used(l, m, claim.date)).max(0);
            if left < cap {
                cap = left;
                binding = Some(l);
            }
        }
    }
    if let Some(max) = plan.lifetime_maximum {
        let left = (max.cents() - st.lifetime_paid[m]).max(0);
        if left < cap {
            cap = left;
            binding = None;
        }
    }
    if rest > cap {
        let over = Money::from_cents(rest - cap);
        rest = cap;
        r.not_covered += over;
        push(
            steps,
            match (binding, plan.lifetime_maximum) {
                (Some(limit), _) => Step::OverLimit {
                    limit,
                    amount: over,
                },
                (None, Some(maximum)) => Step::LifetimeMaximum {
                    maximum,
                    amount: over,
                },
                (None, None) => Step::OverLimit {
                    limit: usize::MAX,
                    amount: over,
                },
            },
        );
    }
    for &l in &service.limits {
        if plan.limits[l].unit == LimitUnit::PlanDollars {
            st.use_limit(l, m, claim.date, rest);
        }
    }
    finish(st, claim, r, steps, rest);
}

fn age_reason(min: Option<u8>, max: Option<u8>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("covered only for ages {a} to {b}"),
        (Some(a), None) => format!("covered only from age {a}"),
        (None, Some(b)) => format!("covered only up to age {b}"),
        (None, None) => "not covered at this age".into(),
    }
}

/// Applies the lifetime maximum, pays the plan's part, then the HRA.
fn finish(
    st: &mut State<'_>,
    claim: &Claim,
    r: &mut ClaimResult,
    steps: &mut Option<Vec<Step>>,
    mut plan_pays: i64,
) {
    // Drug claims pass through the lifetime maximum here; service claims were capped already.
    if matches!(claim.kind, ClaimKind::Drug(_))
        && let Some(max) = st.plan.lifetime_maximum
    {
        let left = (max.cents() - st.lifetime_paid[claim.member]).max(0);
        if plan_pays > left {
            let over = plan_pays - left;
            plan_pays = left;
            r.not_covered += Money::from_cents(over);
            push(
                steps,
                Step::LifetimeMaximum {
                    maximum: max,
                    amount: Money::from_cents(over),
                },
            );
        }
    }
    st.lifetime_paid[claim.member] += plan_pays;
    r.plan_paid = Money::from_cents(plan_pays);
    if plan_pays > 0 {
        push(
            steps,
            Step::PlanPays {
                amount: r.plan_paid,
            },
        );
    }

    if let Some(hra) = st.plan.hra {
        let is_drug = matches!(claim.kind, ClaimKind::Drug(_));
        let mut eligible = 0;
        if !is_drug || hra.pays_drugs {
            if hra.pays_deductible {
                eligible += r.deductible.cents() + r.admission_deductible.cents();
            }
            if hra.pays_coinsurance {
                eligible += r.coinsurance.cents();
            }
            if hra.pays_copays {
                eligible += r.copay.cents();
            }
        }
        let paid = eligible.min(st.hra_left);
        if paid > 0 {
            st.hra_left -= paid;
            r.hra_paid = Money::from_cents(paid);
            push(
                steps,
                Step::Hra {
                    amount: r.hra_paid,
                    left: Money::from_cents(st.hra_left),
                },
            );
        }
    }
    r.member_paid = r.member_share() - r.hra_paid;
}

fn drug_claim(
    st: &mut State<'_>,
    claim: &Claim,
    fill: DrugFill,
    r: &mut ClaimResult,
    steps: &mut Option<Vec<Step>>,
) {
    price(claim, r, steps);
    let m = claim.member;
    let Some(drugs) = st.plan.drugs.as_ref() else {
        r.not_covered = claim.allowed;
        push(
            steps,
            Step::NotCovered {
                amount: claim.allowed,
                reason: "this plan has no drug benefit".into(),
            },
        );
        finish(st, claim, r, steps, 0);
        return;
    };
    if claim.network == Network::Out && !drugs.out_of_network_covered {
        r.not_covered = claim.allowed;
        push(
            steps,
            Step::NotCovered {
                amount: claim.allowed,
                reason: "fills at non-participating pharmacies are not covered".into(),
            },
        );
        finish(st, claim, r, steps, 0);
        return;
    }
    let tier = &drugs.tiers[fill.tier];
    let Some(share) = tier
        .shares
        .iter()
        .find(|s| s.channel == fill.channel && s.max_days >= fill.days_supply)
    else {
        r.not_covered = claim.allowed;
        push(
            steps,
            Step::NotCovered {
                amount: claim.allowed,
                reason: format!(
                    "the plan does not cover a {}-day supply of {} this way",
                    fill.days_supply, tier.name
                ),
            },
        );
        finish(st, claim, r, steps, 0);
        return;
    };

    let mut rest = claim.allowed.cents();
    if drugs.brand_penalty
        && let Some(generic) = fill.generic_cost
    {
        let difference = (rest - generic.cents()).max(0);
        if difference > 0 {
            rest -= difference;
            r.not_covered += Money::from_cents(difference);
            push(
                steps,
                Step::BrandDifference {
                    amount: Money::from_cents(difference),
                },
            );
        }
    }

    let net = claim.network;
    let (oop_room, counted) = match drugs.out_of_pocket {
        DrugOutOfPocket::NotCounted => (UNLIMITED, false),
        DrugOutOfPocket::Medical => (st.medical_oop_room(m, net), true),
        DrugOutOfPocket::Separate(a) => (
            room(
                Some(a),
                st.plan.out_of_pocket_rule,
                st.drug_person[m].out_of_pocket[0],
                st.drug_family.out_of_pocket[0],
                UNLIMITED,
            ),
            true,
        ),
    };
    let oop_met = oop_room == 0;
    if oop_met {
        push(
            steps,
            Step::CopayWaived {
                because: "you have reached your out-of-pocket maximum",
            },
        );
    }
    // A fill that goes through the medical deductible counts that part the way the plan counts
    // its deductible, so the same deductible dollars count alike on any claim.
    let deductible_counts = counted
        && (!matches!(drugs.deductible, DrugDeductible::Medical)
            || st.plan.out_of_pocket_counts.deductible);
    let skip_deductible = fill.preventive && drugs.preventive_skips_deductible;
    let mut deductible = 0;
    if !(skip_deductible || oop_met && deductible_counts) {
        let ded_room = match drugs.deductible {
            DrugDeductible::None => 0,
            DrugDeductible::Medical => st.medical_deductible_room(m, net),
            DrugDeductible::Separate(a) => room(
                Some(a),
                st.plan.deductible_rule,
                st.drug_person[m].deductible[0],
                st.drug_family.deductible[0],
                0,
            ),
        };
        deductible = ded_room.min(rest);
        rest -= deductible;
    }
    let mut copay = 0;
    let mut coinsurance = 0;
    let mut coinsurance_base = 0;
    let mut copay_charged = 0;
    if !oop_met {
        copay = share.copay.cents().min(rest);
        copay_charged = copay;
        rest -= copay;
        coinsurance_base = rest;
        if share.coinsurance.ppm() > 0 && rest > 0 {
            let mut c = Money::from_cents(rest).times(share.coinsurance).cents();
            c = c.max(share.minimum.cents());
            if let Some(max) = share.maximum {
                c = c.min(max.cents());
            }
            coinsurance = c.min(rest);
            rest -= coinsurance;
        }
    }
    let moved = cap_to_room(
        &mut [&mut coinsurance, &mut copay, &mut deductible],
        &[counted, counted, deductible_counts],
        oop_room,
    );
    rest += moved;

    if copay > 0 {
        push(
            steps,
            Step::Copay {
                amount: Money::from_cents(copay),
                full: if copay_charged < share.copay.cents() {
                    share.copay
                } else {
                    Money::from_cents(copay)
                },
                counts: counted,
            },
        );
    }
    let oop_added = if counted { copay + coinsurance } else { 0 }
        + if deductible_counts { deductible } else { 0 };
    match drugs.deductible {
        DrugDeductible::Medical => st.add_medical(m, net, deductible, 0),
        DrugDeductible::Separate(_) => {
            st.drug_person[m].deductible[0] += deductible;
            st.drug_family.deductible[0] += deductible;
        }
        DrugDeductible::None => {}
    }
    match drugs.out_of_pocket {
        DrugOutOfPocket::Medical => st.add_medical(m, net, 0, oop_added),
        DrugOutOfPocket::Separate(_) => {
            st.drug_person[m].out_of_pocket[0] += oop_added;
            st.drug_family.out_of_pocket[0] += oop_added;
        }
        DrugOutOfPocket::NotCounted => {}
    }
    if deductible > 0 {
        let left = match drugs.deductible {
            DrugDeductible::Medical => st.medical_deductible_room(m, net),
            DrugDeductible::Separate(a) => room(
                Some(a),
                st.plan.deductible_rule,
                st.drug_person[m].deductible[0],
                st.drug_family.deductible[0],
                0,
            ),
            DrugDeductible::None => 0,
        };
        push(
            steps,
            Step::Deductible {
                amount: Money::from_cents(deductible),
                left: Money::from_cents(left),
            },
        );
    }
    if coinsurance > 0 {
        push(
            steps,
            Step::Coinsurance {
                rate: share.coinsurance,
                base: Money::from_cents(coinsurance_base),
                amount: Money::from_cents(coinsurance),
            },
        );
    }
    if moved > 0 {
        push(
            steps,
            Step::OutOfPocketReached {
                amount: Money::from_cents(moved),
            },
        );
    }
    r.deductible = Money::from_cents(deductible);
    r.copay = Money::from_cents(copay);
    r.coinsurance = Money::from_cents(coinsurance);
    finish(st, claim, r, steps, rest);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Rate;
    use crate::plan::{Benefit, CostShare, OutOfPocketCounts, PlanKind, Service};

    fn usd(d: i64) -> Money {
        Money::from_dollars(d)
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
                retiree: false,
                deductible: [one(1000), None],
                out_of_pocket: [one(1500), None],
                hra_credit: Money::ZERO,
            }],
            deductible_rule: FamilyRule::Embedded,
            out_of_pocket_rule: FamilyRule::Embedded,
            accumulation: Accumulation::Separate,
            out_of_pocket_counts: counts,
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
