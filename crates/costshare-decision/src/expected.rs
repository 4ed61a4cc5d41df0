//! A household's expected year as care lines, and those lines as claims under a plan.

use crate::care::{Billing, CareKind, Coverage};
use crate::data::{ModelData, Price};
use crate::household::{AgeBand, Household, HouseholdError};
use chrono::{Days, NaiveDate};
use costshare_engine::{Channel, Claim, ClaimKind, DrugFill, Money, Network, Plan};
use costshare_plan::{LoadedPlan, out_of_network_allowed};
use std::collections::BTreeMap;

/// How prices are set: a regional factor and the person's own prices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pricing {
    /// Multiplier on every default price, in parts per million (1,000,000 = national average).
    pub factor_ppm: i64,
    /// In-network prices the person entered, replacing the defaults.
    pub overrides: BTreeMap<CareKind, Money>,
}

impl Default for Pricing {
    fn default() -> Pricing {
        Pricing {
            factor_ppm: 1_000_000,
            overrides: BTreeMap::new(),
        }
    }
}

impl Pricing {
    /// The price of a kind of care after the regional factor and overrides.
    pub fn price(&self, data: &ModelData, kind: CareKind) -> Price {
        let base = &data.prices[&kind];
        let f = |m: Money| m.mul_div(self.factor_ppm, 1_000_000);
        let mut p = Price {
            in_network: f(base.in_network),
            out_of_network_allowed: f(base.out_of_network_allowed),
            out_of_network_billed: f(base.out_of_network_billed),
            usual_and_customary: base.usual_and_customary.map(f),
            fee_schedule: base.fee_schedule.map(f),
            provenance: base.provenance.clone(),
        };
        if let Some(own) = self.overrides.get(&kind) {
            // The out-of-network figures move in proportion to the person's own in-network price.
            let current = p.in_network.cents().max(1);
            let scale = |m: Money| m.mul_div(own.cents(), current);
            p.out_of_network_allowed = scale(p.out_of_network_allowed);
            p.out_of_network_billed = scale(p.out_of_network_billed);
            p.usual_and_customary = p.usual_and_customary.map(scale);
            p.fee_schedule = p.fee_schedule.map(scale);
            p.in_network = *own;
        }
        p
    }
}

/// One unit of expected care for one person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CareLine {
    /// Index of the person in the household.
    pub person: usize,
    /// Kind of care.
    pub kind: CareKind,
    /// In-network or out-of-network.
    pub network: Network,
    /// Allowed amount (in-network price, or the out-of-network allowed amount).
    pub allowed: Money,
    /// What the provider bills.
    pub billed: Money,
    /// Out-of-network dental pricing inputs.
    pub usual_and_customary: Option<Money>,
    /// Out-of-network dental pricing inputs.
    pub fee_schedule: Option<Money>,
    /// Day of the plan year, from 0.
    pub day: u16,
    /// The life event the line belongs to (index into the person's events), or `None` for
    /// routine care.
    pub event: Option<usize>,
}

/// Which of `n` units are out-of-network, spreading them evenly: unit `i` is when
/// `floor((i + 1) × p / 100) > floor(i × p / 100)`.
pub fn is_out_of_network(i: u32, percent: u8) -> bool {
    let p = u64::from(percent);
    (u64::from(i) + 1) * p / 100 > u64::from(i) * p / 100
}

/// One unit of routine care at its price × `factor_ppm` / 1,000,000 (1,000,000 for the
/// expected year; a drawn cost factor in a simulated year).
pub fn routine_line(
    person: usize,
    kind: CareKind,
    price: &Price,
    network: Network,
    factor_ppm: i64,
    day: u16,
) -> CareLine {
    let scale = |m: Money| m.mul_div(factor_ppm, 1_000_000);
    let (allowed, billed) = match network {
        Network::In => (scale(price.in_network), scale(price.in_network)),
        Network::Out => {
            let a = scale(price.out_of_network_allowed);
            (a, scale(price.out_of_network_billed).max(a))
        }
    };
    CareLine {
        person,
        kind,
        network,
        allowed,
        billed,
        usual_and_customary: price.usual_and_customary.map(scale),
        fee_schedule: price.fee_schedule.map(scale),
        day,
        event: None,
    }
}

/// One in-network unit at a given allowed amount (life events, rare events, spending curves).
pub fn in_network_line(
    person: usize,
    kind: CareKind,
    allowed: Money,
    day: u16,
    event: Option<usize>,
) -> CareLine {
    CareLine {
        person,
        kind,
        network: Network::In,
        allowed,
        billed: allowed,
        usual_and_customary: None,
        fee_schedule: None,
        day,
        event,
    }
}

/// Counts per kind of care for a person: preset plus their own counts.
pub fn person_counts(
    household: &Household,
    person: usize,
    data: &ModelData,
) -> BTreeMap<CareKind, u32> {
    let p = &household.people[person];
    let mut counts: BTreeMap<CareKind, u32> = BTreeMap::new();
    if let Some(level) = p.level
        && let Some(preset) = data.presets.get(&level).and_then(|b| b.get(&p.band()))
    {
        for (k, n) in preset {
            *counts.entry(*k).or_default() += n;
        }
    }
    for (k, n) in &p.custom {
        *counts.entry(*k).or_default() += n;
    }
    counts
}

/// The expected year: every unit of care, dated and priced.
pub fn expected_lines(
    household: &Household,
    data: &ModelData,
    pricing: &Pricing,
) -> Result<Vec<CareLine>, Vec<HouseholdError>> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (pi, person) in household.people.iter().enumerate() {
        for (slot, (kind, n)) in person_counts(household, pi, data).into_iter().enumerate() {
            let price = pricing.price(data, kind);
            for i in 0..n {
                let oon = kind.coverage() != Coverage::Drug
                    && is_out_of_network(i, person.out_of_network_percent);
                let network = if oon { Network::Out } else { Network::In };
                let day =
                    ((slot as u64 * 11 + pi as u64 * 5 + u64::from(i) * 365 / u64::from(n.max(1)))
                        % 365) as u16;
                out.push(routine_line(pi, kind, &price, network, 1_000_000, day));
            }
        }
        for (ei, id) in person.events.iter().enumerate() {
            let Some(event) = data.events.get(id) else {
                let known: Vec<&str> = data.events.keys().map(String::as_str).collect();
                problems.push(HouseholdError {
                    path: format!("people[{pi}].events[{ei}]"),
                    message: format!("unknown life event \"{id}\" (known: {})", known.join(", ")),
                });
                continue;
            };
            let fits = match event.applies_to.as_str() {
                "adult" => person.band() != AgeBand::Child,
                "child" => person.band() == AgeBand::Child,
                _ => true,
            };
            if !fits {
                problems.push(HouseholdError {
                    path: format!("people[{pi}].events[{ei}]"),
                    message: format!("\"{}\" is for {}s", event.label, event.applies_to),
                });
                continue;
            }
            // Events run over the months after their start, in the order of their lines.
            let start = 30 + 45 * ei as u64;
            let total_units: u64 = event
                .lines
                .iter()
                .map(|l| u64::from(l.count))
                .sum::<u64>()
                .max(1);
            let mut unit = 0u64;
            for l in &event.lines {
                let allowed = l.allowed_each.mul_div(pricing.factor_ppm, 1_000_000);
                for _ in 0..l.count {
                    let day = ((start + unit * 240 / total_units) % 365) as u16;
                    out.push(in_network_line(pi, l.care, allowed, day, Some(ei)));
                    unit += 1;
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// For each kind of care (indexed like [`CareKind::ALL`]), what it is billed as under a plan.
pub fn plan_map(plan: &Plan) -> Vec<Option<ClaimKind>> {
    CareKind::ALL
        .iter()
        .map(|k| match k.billing() {
            Billing::Services(ids) => ids
                .iter()
                .find_map(|id| plan.service_index(id))
                .map(ClaimKind::Service),
            Billing::Drug(tiers, days) => {
                tiers
                    .iter()
                    .find_map(|t| plan.drug_tier_index(t))
                    .map(|tier| {
                        ClaimKind::Drug(DrugFill {
                            tier,
                            days_supply: days,
                            channel: Channel::Retail,
                            generic_cost: None,
                            preventive: false,
                        })
                    })
            }
        })
        .collect()
}

/// Which lines a plan pays for. Eye care always goes to the vision choice (a vision plan, or
/// paying in full), even where a medical plan also covers an eye exam.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// Medical and drug lines.
    Medical,
    /// Dental lines.
    Dental,
    /// Vision lines.
    Vision,
}

impl Route {
    /// Whether a kind of care goes to the plan.
    pub fn takes(self, kind: CareKind) -> bool {
        matches!(
            (self, kind.coverage()),
            (Route::Medical, Coverage::Medical | Coverage::Drug)
                | (Route::Dental, Coverage::Dental)
                | (Route::Vision, Coverage::Vision)
        )
    }
}

/// The date of each day of the plan year (day 0 is the first), clamped to its last day.
pub fn year_days(plan: &Plan) -> Vec<NaiveDate> {
    (0..366u64)
        .map(|d| (plan.year_start + Days::new(d)).min(plan.year_end))
        .collect()
}

/// Claims for a plan, with the index of the line each came from; kinds the plan does not list
/// are returned separately (the member pays them in full). `dates` comes from [`year_days`].
pub fn claims_for(
    plan: &LoadedPlan,
    map: &[Option<ClaimKind>],
    dates: &[NaiveDate],
    lines: &[CareLine],
    route: Route,
    out: &mut Vec<Claim>,
    origin: &mut Vec<usize>,
) -> Vec<usize> {
    out.clear();
    origin.clear();
    let mut unlisted = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if !route.takes(l.kind) {
            continue;
        }
        let Some(kind) = map[l.kind as usize] else {
            unlisted.push(i);
            continue;
        };
        let mut allowed = l.allowed;
        if l.network == Network::Out
            && let Some(payment) = plan.file.out_of_network_payment
        {
            allowed =
                out_of_network_allowed(payment, l.billed, l.usual_and_customary, l.fee_schedule)
                    .unwrap_or(allowed);
        }
        let date = dates
            .get(usize::from(l.day))
            .copied()
            .unwrap_or(plan.plan.year_end);
        out.push(Claim {
            date,
            member: l.person,
            kind,
            network: l.network,
            billed: l.billed.max(allowed),
            allowed,
            units: 1,
            admitted: false,
            new_admission: matches!(l.kind, CareKind::HospitalStay | CareKind::DeliveryFacility),
            transferred_from_acute: false,
            precertified: true,
        });
        origin.push(i);
    }
    unlisted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_network_units_are_spread_evenly() {
        let picks: Vec<bool> = (0..10).map(|i| is_out_of_network(i, 30)).collect();
        assert_eq!(picks.iter().filter(|b| **b).count(), 3);
        assert!((0..10).all(|i| !is_out_of_network(i, 0)));
        assert!((0..10).all(|i| is_out_of_network(i, 100)));
    }
}
