//! A household's expected year as care lines, and those lines as claims under a plan.

use crate::care::{Billing, CareKind, Coverage};
use crate::data::{EventLine, LifeEvent, ModelData, Price};
use crate::household::{AgeBand, Household, HouseholdError};
use crate::keyed::ByKey;
use chrono::{Days, NaiveDate};
use costshare_engine::{Channel, Claim, ClaimKind, DrugFill, Money, Network, Plan};
use costshare_plan::{LoadedPlan, out_of_network_allowed};

/// How prices are set: a regional factor and the person's own prices.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pricing {
    /// Multiplier on every default price, in parts per million (1,000,000 = national average).
    pub factor_ppm: i64,
    /// In-network prices the person entered, replacing the defaults.
    pub overrides: ByKey<CareKind, Money>,
}

impl Default for Pricing {
    fn default() -> Pricing {
        Pricing {
            factor_ppm: 1_000_000,
            overrides: ByKey::default(),
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
    /// The life event the line belongs to (index into the person's events) and the event's line
    /// it comes from, or `None` for routine care and rare events.
    pub event: Option<(u16, u16)>,
    /// An emergency room visit that led to a hospital admission (plans may waive its copay).
    pub admitted: bool,
    /// A drug a plan may treat as preventive ([`crate::data::EventLine::preventive`]).
    pub preventive: bool,
}

/// Picks which of a person's units of care go out of network so that about `percent`% of their
/// spending (allowed amounts) does, over the whole year (the expected year calls it for medical,
/// dental and vision care each): biggest units first, each one out of
/// network when that brings the out-of-network total closer to the target. Prescriptions stay
/// in network (pharmacy networks are a separate choice). Deterministic.
pub fn assign_out_of_network(units: &[(CareKind, Money)], percent: u8) -> Vec<bool> {
    let mut out = vec![false; units.len()];
    if percent == 0 {
        return out;
    }
    let eligible: Vec<usize> = (0..units.len())
        .filter(|&i| units[i].0.coverage() != Coverage::Drug)
        .collect();
    let total: i64 = eligible.iter().map(|&i| units[i].1.cents()).sum();
    let target = Money::from_cents(total)
        .mul_div(i64::from(percent.min(100)), 100)
        .cents();
    let mut order = eligible;
    costshare_engine::order::sort_by_key(&mut order, |&i| {
        (std::cmp::Reverse(units[i].1.cents()), i)
    });
    let mut oon = 0i64;
    for i in order {
        let with = oon + units[i].1.cents();
        if (with - target).abs() < (oon - target).abs() {
            oon = with;
            out[i] = true;
        }
    }
    out
}

/// A line moved out of network: its allowed and billed amounts follow the kind's price ratios
/// (out-of-network allowed and billed against the in-network price).
pub fn out_of_network(line: CareLine, price: &Price) -> CareLine {
    let base = price.in_network.cents().max(1);
    let scale = |m: Money| line.allowed.mul_div(m.cents(), base);
    let allowed = scale(price.out_of_network_allowed);
    CareLine {
        network: Network::Out,
        allowed,
        billed: scale(price.out_of_network_billed).max(allowed),
        usual_and_customary: price.usual_and_customary.map(&scale),
        fee_schedule: price.fee_schedule.map(scale),
        ..line
    }
}

/// Day spacing of `n` check-ups a year: at least 12/`n` months apart (31-day months), so any
/// "one every 12/n months" frequency limit is met wherever the plan year starts.
fn check_up_spacing(n: u32) -> u32 {
    if n <= 12 {
        372u32.div_ceil(n.max(1))
    } else {
        365 / n
    }
}

/// The latest first day for `n` check-ups so that the last one still falls in the year.
pub fn check_up_slack(n: u32) -> u16 {
    (364u32.saturating_sub(n.saturating_sub(1) * check_up_spacing(n))) as u16
}

/// The day of the `i`-th of `n` check-ups, starting `first` days into the year (at most
/// [`check_up_slack`]).
pub fn check_up_day(i: u32, n: u32, first: u16) -> u16 {
    (u32::from(first.min(check_up_slack(n))) + i * check_up_spacing(n)).min(364) as u16
}

/// Marks the emergency room lines of an event that includes a hospital stay as admitted.
pub fn mark_admissions(lines: &mut [CareLine]) {
    if lines.iter().any(|l| l.kind == CareKind::HospitalStay) {
        for l in lines.iter_mut() {
            if matches!(
                l.kind,
                CareKind::EmergencyRoomVisit | CareKind::EmergencyRoomDoctor
            ) {
                l.admitted = true;
            }
        }
    }
}

/// The day of the plan year of unit `k` of an event's line, for an event starting on day
/// `start`: the line's `day` after the start, then every `every` days, at most the year's last
/// day (an event that starts late runs into the end of the year). `None` for a unit before the
/// plan year (an event that started last year: a baby due early in the year).
pub fn event_day(start: i64, line: &EventLine, k: u32) -> Option<u16> {
    let day = start + i64::from(line.day) + i64::from(k) * i64::from(line.every);
    u16::try_from(day.min(364)).ok()
}

/// The day an event starts: `usual`, except for an event with a delivery when the household
/// says when the baby is due (`due_day`, from [`due_day`]): then the delivery falls on it.
pub fn event_start(usual: u64, event: &LifeEvent, due_day: Option<u16>) -> i64 {
    match (event.delivery_day(), due_day) {
        (Some(delivery), Some(due)) => i64::from(due) - i64::from(delivery),
        _ => i64::try_from(usual).unwrap_or(0),
    }
}

/// The day of the plan year a baby due in calendar `month` (1–12) is born: the 15th of that
/// month, in the twelve months from `year_start`. `None` for a month out of range.
pub fn due_day(year_start: NaiveDate, month: u8) -> Option<u16> {
    use chrono::Datelike;
    let mut year = year_start.year();
    if u32::from(month) < year_start.month() {
        year += 1;
    }
    let due = NaiveDate::from_ymd_opt(year, u32::from(month), 15)?;
    let days = (due - year_start).num_days().clamp(0, 364);
    u16::try_from(days).ok()
}

/// The day of the plan year a baby is born: the first delivery among the lines, when someone
/// in the household is a baby born this year ([`Household::newborns`]).
pub fn birth_day(lines: &[CareLine], household: &Household) -> Option<u16> {
    if household.newborns() == 0 {
        return None;
    }
    first_delivery(lines)
}

/// The day of the first delivery among the lines.
fn first_delivery(lines: &[CareLine]) -> Option<u16> {
    lines
        .iter()
        .filter(|l| l.kind == CareKind::DeliveryFacility)
        .map(|l| l.day.min(364))
        .min()
}

/// An event line's place, as a [`CareLine`] keeps it (indexes past `u16::MAX` are not kept).
pub fn event_ref(event: usize, line: usize) -> Option<(u16, u16)> {
    Some((u16::try_from(event).ok()?, u16::try_from(line).ok()?))
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
        admitted: false,
        preventive: false,
    }
}

/// One in-network unit at a given allowed amount (life events, rare events, spending curves).
pub fn in_network_line(
    person: usize,
    kind: CareKind,
    allowed: Money,
    day: u16,
    event: Option<(u16, u16)>,
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
        admitted: false,
        preventive: false,
    }
}

/// One unit of a life event's or rare event's line at `allowed`, in network; a drug keeps the
/// line's preventive mark.
pub fn event_line(
    person: usize,
    line: &crate::data::EventLine,
    allowed: Money,
    day: u16,
    event: Option<(u16, u16)>,
) -> CareLine {
    CareLine {
        preventive: line.preventive,
        ..in_network_line(person, line.care, allowed, day, event)
    }
}

/// The lines with every amount multiplied by `numerator / denominator` (the same care, costing
/// more or less). A zero denominator gives the lines unchanged.
pub fn scale_lines(lines: &[CareLine], numerator: i64, denominator: i64) -> Vec<CareLine> {
    if denominator == 0 || numerator == denominator {
        return lines.to_vec();
    }
    let f = |m: Money| m.mul_div(numerator, denominator);
    lines
        .iter()
        .map(|l| CareLine {
            allowed: f(l.allowed),
            billed: f(l.billed),
            usual_and_customary: l.usual_and_customary.map(f),
            fee_schedule: l.fee_schedule.map(f),
            ..*l
        })
        .collect()
}

/// Counts per kind of care for a person: preset plus their own counts.
pub fn person_counts(
    household: &Household,
    person: usize,
    data: &ModelData,
) -> ByKey<CareKind, u32> {
    let p = &household.people[person];
    let mut counts: ByKey<CareKind, u32> = ByKey::default();
    if let Some(level) = p.level
        && let Some(preset) = data.presets.get(&level).and_then(|b| b.get(&p.band()))
    {
        for (k, n) in preset {
            // A young child's preset leaves out care not given at their age (no braces for a
            // toddler, no dental visit before the first birthday); counts entered by hand and
            // life events still apply.
            if data
                .youngest
                .get(k)
                .is_some_and(|youngest| p.age < *youngest)
            {
                continue;
            }
            counts.add(*k, *n);
        }
    }
    for (k, n) in &p.custom {
        counts.add(*k, *n);
    }
    counts
}

/// A baby born this year (a person aged 0 in a household whose year has a delivery) has their
/// care after the birth: the nursery care on the day of the delivery, the other lines' days
/// moved into the part of the year after it, keeping their order and spacing in proportion.
/// Draws nothing, so a simulation stays the same for its seed.
pub fn after_birth(lines: &mut [CareLine], household: &Household) {
    let Some(birth) = first_delivery(lines) else {
        return;
    };
    for l in lines
        .iter_mut()
        .filter(|l| household.people.get(l.person).is_some_and(|p| p.age == 0))
    {
        // The nursery care is the birth's own; the rest follows from the next day on.
        l.day = if l.kind == CareKind::NewbornCare || birth >= 364 {
            birth
        } else {
            let span = u32::from(363 - birth);
            birth + 1 + (u32::from(l.day.min(364)) * span / 364) as u16
        };
    }
}

/// The expected year: every unit of care, dated and priced. Check-ups are spaced to fit the
/// plans' frequency limits; the person's out-of-network share applies to their whole year's
/// spending ([`assign_out_of_network`]).
#[inline(never)] // see compare::run_stage
pub fn expected_lines(
    household: &Household,
    data: &ModelData,
    pricing: &Pricing,
    due_day: Option<u16>,
) -> Result<Vec<CareLine>, Vec<HouseholdError>> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (pi, person) in household.people.iter().enumerate() {
        let mut mine: Vec<CareLine> = Vec::new();
        for (slot, (kind, n)) in person_counts(household, pi, data).into_iter().enumerate() {
            let price = pricing.price(data, kind);
            for i in 0..n {
                let day = if kind.is_check_up() {
                    check_up_day(i, n, (10 + 7 * pi as u64 + slot as u64 * 3).min(60) as u16)
                } else {
                    ((slot as u64 * 11 + pi as u64 * 5 + u64::from(i) * 365 / u64::from(n.max(1)))
                        % 365) as u16
                };
                mine.push(routine_line(pi, kind, &price, Network::In, 1_000_000, day));
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
            // Each event starts a month and a half after the one before it; its lines fall on
            // their own days after that start (the data's `day` and `every`).
            // A baby's due month places the delivery.
            let start = event_start(30 + 45 * ei as u64, event, due_day);
            let first = mine.len();
            for (li, l) in event.lines.iter().enumerate() {
                let allowed = l.allowed_each.mul_div(pricing.factor_ppm, 1_000_000);
                for k in 0..l.count {
                    if let Some(day) = event_day(start, l, k) {
                        mine.push(event_line(pi, l, allowed, day, event_ref(ei, li)));
                    }
                }
            }
            mark_admissions(&mut mine[first..]);
        }
        // The share applies to medical, dental and vision care each (the simulation draws each
        // line out of network with that chance), so that a big medical bill does not take the
        // whole share and leave the eye exam in network.
        let mut oon = vec![false; mine.len()];
        for coverage in [Coverage::Medical, Coverage::Dental, Coverage::Vision] {
            let at: Vec<usize> = (0..mine.len())
                .filter(|&i| mine[i].kind.coverage() == coverage)
                .collect();
            let units: Vec<(CareKind, Money)> = at
                .iter()
                .map(|&i| (mine[i].kind, mine[i].allowed))
                .collect();
            for (&i, o) in at
                .iter()
                .zip(assign_out_of_network(&units, person.out_of_network_percent))
            {
                oon[i] = o;
            }
        }
        for (line, oon) in mine.into_iter().zip(oon) {
            out.push(if oon {
                out_of_network(line, &pricing.price(data, line.kind))
            } else {
                line
            });
        }
    }
    after_birth(&mut out, household);
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// For each kind of care (indexed like [`CareKind::ALL`]), what it is billed as under a plan.
#[inline(never)] // see compare::run_stage
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
                            channel: channel_for(plan, tier, days),
                            generic_cost: None,
                            preventive: false,
                            maintenance: None,
                        })
                    })
            }
        })
        .collect()
}

/// Where a fill of `days` goes: a retail pharmacy when the plan covers that supply there, else
/// mail order when it covers it by mail (many plans fill 90-day supplies by mail only), else
/// retail (where the plan then says what it does not cover).
fn channel_for(plan: &Plan, tier: usize, days: u16) -> Channel {
    let covers = |channel: Channel| {
        plan.drugs.as_ref().is_some_and(|d| {
            d.tiers[tier]
                .shares
                .iter()
                .any(|s| s.channel == channel && s.max_days >= days)
        })
    };
    if !covers(Channel::Retail) && covers(Channel::Mail) {
        Channel::Mail
    } else {
        Channel::Retail
    }
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
#[inline(never)] // see compare::run_stage
pub fn year_days(plan: &Plan) -> Vec<NaiveDate> {
    (0..366u64)
        .map(|d| (plan.year_start + Days::new(d)).min(plan.year_end))
        .collect()
}

/// The first plan year of the No Surprises Act (plan years beginning on or after 1 January
/// 2022; Consolidated Appropriations Act, 2021, Division BB; 45 CFR 149.110).
pub const NO_SURPRISES_FROM: NaiveDate = match NaiveDate::from_ymd_opt(2022, 1, 1) {
    Some(d) => d,
    None => panic!("a valid date"),
};

/// Whether `line` is out-of-network emergency care that `plan` must share as in-network care,
/// counted toward the in-network deductible and maximum, without a balance bill (the No
/// Surprises Act). Its allowed amount stays the out-of-network one, close to the act's
/// "qualifying payment amount" (the median in-network rate).
pub fn no_surprises(plan: &LoadedPlan, line: &CareLine) -> bool {
    line.network == Network::Out
        && line.kind.is_emergency()
        && plan.plan.year_start >= NO_SURPRISES_FROM
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
        let Some(mut kind) = map[l.kind as usize] else {
            unlisted.push(i);
            continue;
        };
        if let ClaimKind::Drug(fill) = &mut kind {
            fill.preventive = l.preventive;
        }
        let mut allowed = l.allowed;
        let network = if no_surprises(plan, l) {
            Network::In
        } else {
            l.network
        };
        if network == Network::Out
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
            network,
            billed: if network == l.network {
                l.billed.max(allowed)
            } else {
                allowed
            },
            allowed,
            units: 1,
            admitted: l.admitted,
            new_admission: matches!(l.kind, CareKind::HospitalStay | CareKind::DeliveryFacility),
            transferred_from_acute: false,
            precertified: true,
            alternate_allowed: None,
        });
        origin.push(i);
    }
    unlisted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_of_network_share_is_a_share_of_spending() {
        // Five $100 visits and one $1,000 MRI, 30% out of network: target $450 of $1,500.
        // Biggest first: the MRI would overshoot ($1,000 is further from $450 than $0 is), so
        // it stays in network; then visits go out while that gets closer: $100, $200, $300,
        // $400 (the fifth would leave $500, no closer than $400). $400 = 27% of $1,500.
        let mut units = vec![(CareKind::PrimaryCareVisit, Money::from_dollars(100)); 5];
        units.push((CareKind::MriCt, Money::from_dollars(1000)));
        let picks = assign_out_of_network(&units, 30);
        assert_eq!(picks, [true, true, true, true, false, false]);
        // 70%: target $1,050: the MRI goes out ($1,000), then nothing else gets closer.
        let picks = assign_out_of_network(&units, 70);
        assert_eq!(picks, [false, false, false, false, false, true]);
        // Prescriptions stay in network.
        let drugs = vec![(CareKind::GenericFill, Money::from_dollars(10)); 3];
        assert!(assign_out_of_network(&drugs, 100).iter().all(|b| !b));
    }

    #[test]
    fn check_ups_fit_six_and_twelve_month_windows() {
        // Two check-ups are 186 days apart (more than any six calendar months), the first by
        // day 178 so the second is in the year.
        assert_eq!(check_up_slack(2), 178);
        assert_eq!(check_up_day(0, 2, 200), 178);
        assert_eq!(check_up_day(1, 2, 200), 364);
        assert_eq!(check_up_day(1, 2, 10), 196);
        assert_eq!(check_up_day(3, 4, 0), 279);
        assert_eq!(check_up_day(0, 1, 300), 300);
    }
}
