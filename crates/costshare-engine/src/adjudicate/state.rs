//! The accumulator state of one run, in one place: deductibles, out-of-pocket and coinsurance
//! totals per person and family and network, hospital stays, maintenance fills, visit counts,
//! limits, the lifetime maximum and the HRA; and the rules for the room left under them.

use super::*;

/// Running totals for one person or the family, by accumulator group.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Counters {
    pub(super) deductible: [i64; 2],
    pub(super) out_of_pocket: [i64; 2],
    /// Toward the coinsurance maximum.
    pub(super) coinsurance: [i64; 2],
}

/// One person's current hospital stay and their per-day copays this year.
#[derive(Clone, Copy, Debug, Default)]
pub(super) struct Stay {
    /// Days of the current admission so far.
    pub(super) days: i64,
    /// Per-day copays charged in the current admission.
    pub(super) per_day_paid: i64,
    /// Per-day copays charged this plan year.
    pub(super) per_day_year: i64,
    /// The last inpatient day so far (for benefit periods).
    pub(super) last_day: Option<NaiveDate>,
}

pub(super) struct State<'a> {
    pub(super) plan: &'a Plan,
    pub(super) tier: &'a Tier,
    pub(super) members: &'a [Member],
    pub(super) person: Vec<Counters>,
    pub(super) family: Counters,
    pub(super) drug_person: Vec<Counters>,
    pub(super) drug_family: Counters,
    /// Each person's current hospital stay.
    pub(super) stays: Vec<Stay>,
    /// Retail fills so far per person and maintenance drug (`member * maintenance_drugs + drug`).
    pub(super) maintenance_fills: Vec<u32>,
    /// How many maintenance drugs the claims name.
    pub(super) maintenance_drugs: usize,
    /// Visits so far this year per service and slot (members, then the family), for services
    /// whose copay changes with the number of visits; empty when none does.
    pub(super) visits: Vec<u32>,
    /// Used units or cents per limit and slot (members, then the family).
    pub(super) limit_used: Vec<i64>,
    /// Dates and units of use still inside each rolling window, oldest first.
    pub(super) limit_history: Vec<VecDeque<(NaiveDate, i64)>>,
    pub(super) lifetime_paid: Vec<i64>,
    pub(super) hra_left: i64,
    /// What is left of the family's amount to pay before the HRA starts.
    pub(super) hra_member_first_left: i64,
}

pub(super) const UNLIMITED: i64 = i64::MAX;

/// Room left under a deductible or maximum. `amounts == None` returns `if_none`.
pub(super) fn room(
    amounts: Option<Amounts>,
    rule: FamilyRule,
    person: i64,
    family: i64,
    if_none: i64,
) -> i64 {
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

/// Whether the family's amount, not the person's own, is what [`room`] is limited by: an
/// aggregate family amount, or an embedded one with less room left than the person's.
pub(super) fn family_limits(
    amounts: Option<Amounts>,
    rule: FamilyRule,
    person: i64,
    family: i64,
) -> bool {
    match (amounts, rule) {
        (
            Some(Amounts {
                family: Some(_), ..
            }),
            FamilyRule::Aggregate,
        ) => true,
        (
            Some(
                a @ Amounts {
                    family: Some(f), ..
                },
            ),
            FamilyRule::Embedded,
        ) => f.cents() - family < a.individual.cents() - person,
        _ => false,
    }
}

pub(super) fn months_before(date: NaiveDate, months: u16) -> NaiveDate {
    date.checked_sub_months(chrono::Months::new(u32::from(months)))
        .unwrap_or(NaiveDate::MIN)
}

impl<'a> State<'a> {
    #[inline]
    pub(super) fn slot(&self, limit: usize, member: usize) -> usize {
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
    #[inline]
    pub(super) fn limit_used(&mut self, limit: usize, member: usize, date: NaiveDate) -> i64 {
        let slot = self.slot(limit, member);
        if let LimitPeriod::Months(m) = self.plan.limits[limit].period
            && !self.limit_history[slot].is_empty()
        {
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

    /// A line that starts a hospital admission: the person's stay and every "per admission"
    /// limit of theirs start again.
    pub(super) fn new_admission(&mut self, member: usize) {
        let stay = &mut self.stays[member];
        stay.days = 0;
        stay.per_day_paid = 0;
        for l in 0..self.plan.limits.len() {
            if self.plan.limits[l].period == LimitPeriod::Admission {
                let slot = self.slot(l, member);
                self.limit_used[slot] = 0;
            }
        }
    }

    #[inline]
    pub(super) fn use_limit(&mut self, limit: usize, member: usize, date: NaiveDate, amount: i64) {
        if amount == 0 {
            return;
        }
        let slot = self.slot(limit, member);
        if let LimitPeriod::Months(_) = self.plan.limits[limit].period {
            self.limit_history[slot].push_back((date, amount));
        }
        self.limit_used[slot] += amount;
    }

    pub(super) fn snapshot(&self, member: usize) -> Snapshot {
        let mut s = Snapshot {
            hra_left: Money::from_cents(self.hra_left),
            ..Snapshot::default()
        };
        for n in 0..2 {
            s.deductible[n] = Money::from_cents(self.person[member].deductible[n]);
            s.family_deductible[n] = Money::from_cents(self.family.deductible[n]);
            s.out_of_pocket[n] = Money::from_cents(self.person[member].out_of_pocket[n]);
            s.family_out_of_pocket[n] = Money::from_cents(self.family.out_of_pocket[n]);
        }
        s
    }

    pub(super) fn medical_deductible_room(&self, member: usize, network: Network) -> i64 {
        let g = network.index();
        room(
            self.tier.deductible[network.index()],
            self.plan.deductible_rule,
            self.person[member].deductible[g],
            self.family.deductible[g],
            0,
        )
    }

    pub(super) fn medical_oop_room(&self, member: usize, network: Network) -> i64 {
        let g = network.index();
        room(
            self.tier.out_of_pocket[network.index()],
            self.plan.out_of_pocket_rule,
            self.person[member].out_of_pocket[g],
            self.family.out_of_pocket[g],
            UNLIMITED,
        )
    }

    /// Whether [`Self::medical_deductible_room`] is the family's (see [`family_limits`]).
    pub(super) fn medical_deductible_family(&self, member: usize, network: Network) -> bool {
        let g = network.index();
        family_limits(
            self.tier.deductible[g],
            self.plan.deductible_rule,
            self.person[member].deductible[g],
            self.family.deductible[g],
        )
    }

    /// Whether [`Self::medical_oop_room`] is the family's (see [`family_limits`]).
    pub(super) fn medical_oop_family(&self, member: usize, network: Network) -> bool {
        let g = network.index();
        family_limits(
            self.tier.out_of_pocket[g],
            self.plan.out_of_pocket_rule,
            self.person[member].out_of_pocket[g],
            self.family.out_of_pocket[g],
        )
    }

    /// Whether a separate drug maximum's room is the family's (see [`family_limits`]).
    pub(super) fn drug_oop_family(&self, amounts: Amounts, member: usize) -> bool {
        family_limits(
            Some(amounts),
            self.plan.out_of_pocket_rule,
            self.drug_person[member].out_of_pocket[0],
            self.drug_family.out_of_pocket[0],
        )
    }

    pub(super) fn coinsurance_room(&self, member: usize, network: Network) -> i64 {
        let g = network.index();
        room(
            self.tier.coinsurance_maximum[g],
            self.plan.out_of_pocket_rule,
            self.person[member].coinsurance[g],
            self.family.coinsurance[g],
            UNLIMITED,
        )
    }

    pub(super) fn add_coinsurance(&mut self, member: usize, network: Network, amount: i64) {
        for to in [Network::In, Network::Out] {
            if self.plan.out_of_pocket_networks.counts(network, to) {
                self.person[member].coinsurance[to.index()] += amount;
                self.family.coinsurance[to.index()] += amount;
            }
        }
    }

    /// Adds a claim's deductible and out-of-pocket amounts to its network's totals, and to the
    /// other network's where the plan counts them there too.
    #[inline]
    pub(super) fn add_medical(
        &mut self,
        member: usize,
        network: Network,
        deductible: i64,
        oop: i64,
    ) {
        let (own, other, other_network) = match network {
            Network::In => (0, 1, Network::Out),
            Network::Out => (1, 0, Network::In),
        };
        let person = &mut self.person[member];
        person.deductible[own] += deductible;
        person.out_of_pocket[own] += oop;
        self.family.deductible[own] += deductible;
        self.family.out_of_pocket[own] += oop;
        if self.plan.deductible_networks.counts(network, other_network) {
            self.person[member].deductible[other] += deductible;
            self.family.deductible[other] += deductible;
        }
        if self
            .plan
            .out_of_pocket_networks
            .counts(network, other_network)
        {
            self.person[member].out_of_pocket[other] += oop;
            self.family.out_of_pocket[other] += oop;
        }
    }
}

/// Reduces the counted parts, coinsurance first, so that their sum fits in `room`.
/// Returns how much was moved to the plan.
pub(super) fn cap_to_room(parts: &mut [&mut i64], counted: &[bool], room: i64) -> i64 {
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
