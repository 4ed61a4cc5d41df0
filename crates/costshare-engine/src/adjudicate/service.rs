//! A service claim, step by step: price, coverage and limits, penalty, copays (per visit, per
//! admission, per day, by number of visits), deductibles, coinsurance, allowance, coinsurance
//! maximum, out-of-pocket maximum, dollar limits and the lifetime maximum; then [`super::pay`].

use super::*;

/// Splits billed into allowed plus a network discount (in-network) or a balance bill (out).
pub(super) fn price(claim: &Claim, r: &mut ClaimResult, steps: &mut Option<Vec<Step>>) {
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

pub(super) fn service_claim(
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
    // A line that starts an admission starts a new stay, unless a Medicare-style benefit period
    // is still running (the last inpatient day was recent enough).
    let mut starts_admission = claim.new_admission;
    if claim.new_admission
        && let (Some(days_out), Some(last)) = (plan.benefit_period_days_out, st.stays[m].last_day)
        && (claim.date - last).num_days() <= i64::from(days_out)
    {
        starts_admission = false;
        push(steps, Step::SameBenefitPeriod { days_out });
    }
    if starts_admission {
        st.new_admission(m);
    }
    if plan.benefit_period_days_out.is_some() && is_inpatient(plan, service) {
        let last = claim.date + chrono::Days::new(u64::from(claim.units.saturating_sub(1)));
        let stay = &mut st.stays[m];
        stay.last_day = Some(stay.last_day.map_or(last, |d| d.max(last)));
    }

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
    // Dental alternate benefit: paid as if the less costly treatment had been done.
    let mut base = claim.allowed;
    if cs.alternate_benefit
        && let Some(alternate) = claim.alternate_allowed
        && alternate < claim.allowed
    {
        let difference = claim.allowed - alternate;
        base = alternate;
        r.not_covered += difference;
        push(
            steps,
            Step::AlternateBenefit {
                alternate,
                amount: difference,
            },
        );
    }
    let mut covered = base.mul_div(covered_units, units).cents();
    if let Some(l) = binding {
        let over = base.cents() - covered;
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
    // A copay is per visit: a line with several covered visits pays it for each. Inpatient
    // copays (per admission, per day) are part of the copay too.
    let mut copay_due = cs.copay.cents() * covered_units;
    if let Some(v) = cs.copay_after_visits {
        if st.visits.is_empty() {
            st.visits
                .resize(plan.services.len() * (st.members.len() + 1), 0);
        }
        let who = if v.family { st.members.len() } else { m };
        let slot = s * (st.members.len() + 1) + who;
        let before = st.visits.get(slot).copied().unwrap_or(0);
        let usual = i64::from(v.visits.saturating_sub(before)).min(covered_units);
        copay_due = cs.copay.cents() * usual + v.copay.cents() * (covered_units - usual);
        if let Some(count) = st.visits.get_mut(slot) {
            *count = count.saturating_add(u32::try_from(covered_units).unwrap_or(u32::MAX));
        }
        if covered_units > usual {
            push(
                steps,
                Step::CopayAfterVisits {
                    visit: i64::from(before) + usual + 1,
                    visits: v.visits,
                    copay: v.copay,
                    family: v.family,
                },
            );
        }
    }
    let admission_copay_due = if starts_admission {
        cs.admission_copay.cents()
    } else {
        0
    };
    let per_day_due = if cs.per_day_copay.is_some() {
        per_day_copay_due(st, cs, s, claim.network, m, units, covered_units)
    } else {
        PerDayDue {
            amount: 0,
            step: None,
        }
    };
    copay_due += admission_copay_due + per_day_due.amount;
    let mut copay_waived = false;
    if cs.copay_waived_if_admitted && claim.admitted && copay_due > 0 {
        copay_due = 0;
        copay_waived = true;
        push(
            steps,
            Step::CopayWaived {
                because: "the visit led to a hospital admission",
            },
        );
    } else if oop_met && copay_due > 0 && (copay_counts || !plan.copays_after_out_of_pocket_max) {
        copay_due = 0;
        copay_waived = true;
        push(
            steps,
            Step::CopayWaived {
                because: if st.medical_oop_family(m, claim.network) {
                    "your family has reached its out-of-pocket maximum"
                } else {
                    "you have reached your out-of-pocket maximum"
                },
            },
        );
    }

    if !copay_waived {
        if admission_copay_due > 0 {
            push(
                steps,
                Step::AdmissionCopay {
                    amount: cs.admission_copay,
                },
            );
        }
        if let Some(step) = per_day_due.step {
            push(steps, step);
        }
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
    if starts_admission
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
    // Subject to a deductible that is already met: said, so that a line without one reads right.
    let mut deductible_met = None;
    if cs.deductible_applies && !waived(counts.deductible) {
        let room = st.medical_deductible_room(m, claim.network);
        deductible = room.min(rest);
        rest -= deductible;
        if room == 0 && st.tier.deductible[claim.network.index()].is_some() {
            deductible_met = Some(st.medical_deductible_family(m, claim.network));
        }
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
    // Past the maximum, a claim whose deductible or coinsurance stopped says why it costs
    // nothing (a copay that continues is said by its own step).
    let stopped = (cs.deductible_applies && waived(counts.deductible))
        || (cs.coinsurance != crate::Rate::ZERO && waived(counts.coinsurance));
    if stopped && copay == 0 && rest > 0 {
        push(
            steps,
            Step::OutOfPocketMaxMet {
                family: st.medical_oop_family(m, claim.network),
            },
        );
    }
    if let Some(allowance) = cs.allowance {
        let above = rest - allowance.cents();
        if above > 0 {
            rest -= above;
            // "20% off the amount over your allowance": the provider's price above the
            // allowance is cut, like a network discount nobody pays.
            let discount = Money::from_cents(above)
                .times(cs.discount_above_allowance)
                .cents();
            r.not_covered += Money::from_cents(above - discount);
            push(
                steps,
                Step::AboveAllowance {
                    allowance,
                    amount: Money::from_cents(above - discount),
                },
            );
            if discount > 0 {
                r.allowed -= Money::from_cents(discount);
                r.network_discount += Money::from_cents(discount);
                push(
                    steps,
                    Step::AllowanceDiscount {
                        rate: cs.discount_above_allowance,
                        above: Money::from_cents(above),
                        amount: Money::from_cents(discount),
                    },
                );
            }
        }
    }

    // The coinsurance maximum (a second limit besides the out-of-pocket maximum) on the
    // coinsurance, and the deductible where it counts.
    let coinsurance_room = if st.tier.coinsurance_maximum[claim.network.index()].is_some() {
        st.coinsurance_room(m, claim.network)
    } else {
        UNLIMITED
    };
    let coinsurance_due = coinsurance;
    if coinsurance_room < UNLIMITED {
        let moved = cap_to_room(
            &mut [&mut coinsurance, &mut deductible],
            &[true, plan.coinsurance_maximum_counts_deductible],
            coinsurance_room,
        );
        if moved > 0 {
            rest += moved;
            push(
                steps,
                Step::CoinsuranceMaximumReached {
                    amount: Money::from_cents(moved),
                    with_deductible: plan.coinsurance_maximum_counts_deductible,
                },
            );
        }
    }

    let coinsurance_below_maximum = coinsurance;
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
    // Whose maximum it was, before this claim is added to the running amounts.
    let family_maximum = moved > 0 && st.medical_oop_family(m, claim.network);
    // What brought the coinsurance below its rate, said on its step.
    let coinsurance_limit = if coinsurance < coinsurance_below_maximum {
        Some(CoinsuranceLimit::OutOfPocket {
            family: family_maximum,
        })
    } else if coinsurance < coinsurance_due {
        Some(CoinsuranceLimit::CoinsuranceMaximum)
    } else {
        None
    };

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
    if per_day_due.amount > 0 {
        // What was charged of the per-day copay (the per-admission copay comes first).
        let charged = (copay - admission_copay_due).clamp(0, per_day_due.amount);
        let stay = &mut st.stays[m];
        stay.per_day_paid += charged;
        stay.per_day_year += charged;
    }
    let oop_added = [coinsurance, deductible, admission, copay]
        .iter()
        .zip(counted)
        .filter(|(_, c)| *c)
        .map(|(v, _)| *v)
        .sum();
    st.add_medical(m, claim.network, deductible, oop_added);
    if st.tier.coinsurance_maximum[0].is_some() || st.tier.coinsurance_maximum[1].is_some() {
        let toward = coinsurance
            + if plan.coinsurance_maximum_counts_deductible {
                deductible
            } else {
                0
            };
        st.add_coinsurance(m, claim.network, toward);
    }
    if steps.is_some() {
        let other = claim.network.other();
        let credited_deductible =
            deductible > 0 && plan.deductible_networks.counts(claim.network, other);
        let credited_oop =
            oop_added > 0 && plan.out_of_pocket_networks.counts(claim.network, other);
        if credited_deductible || credited_oop {
            push(
                steps,
                Step::CountsTowardOtherNetwork {
                    network: claim.network,
                    deductible: credited_deductible,
                    out_of_pocket: credited_oop,
                },
            );
        }
    }
    if let Some(family) = deductible_met {
        push(
            steps,
            Step::DeductibleMet {
                out_of_network: claim.network == Network::Out,
                family,
            },
        );
    }
    if deductible > 0 {
        let left = st.medical_deductible_room(m, claim.network);
        push(
            steps,
            Step::Deductible {
                amount: Money::from_cents(deductible),
                left: Money::from_cents(left),
                out_of_network: claim.network == Network::Out,
                family: st.medical_deductible_family(m, claim.network),
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
                after_other: deductible > 0 || copay > 0 || admission > 0,
                limit: coinsurance_limit,
            },
        );
    }
    if moved > 0 {
        push(
            steps,
            Step::OutOfPocketReached {
                amount: Money::from_cents(moved),
                family: family_maximum,
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

/// The per-day copay due on a line, before any out-of-pocket cap, and the step that explains it.
pub(super) struct PerDayDue {
    pub(super) amount: i64,
    pub(super) step: Option<Step>,
}

/// "$150 copay per day for days 1-5, at most $600 per admission and per person per year":
/// counts the line's days into the person's current stay and works out the copay for them.
/// Days over a day limit (not covered) are taken to be the line's last days.
pub(super) fn per_day_copay_due(
    st: &mut State<'_>,
    cs: &crate::plan::CostShare,
    s: usize,
    network: Network,
    m: usize,
    units: i64,
    covered_units: i64,
) -> PerDayDue {
    let Some(p) = &cs.per_day_copay else {
        return PerDayDue {
            amount: 0,
            step: None,
        };
    };
    let stay = &mut st.stays[m];
    let first_day = stay.days + 1;
    let last_day = stay.days + covered_units;
    stay.days = stay.days.saturating_add(units);
    let full = p.for_days(first_day, last_day);
    let mut amount = full;
    let mut capped_by = None;
    if let Some(max) = p.maximum_per_admission {
        let left = (max.cents() - stay.per_day_paid).max(0);
        if left < amount {
            amount = left;
            capped_by = Some(crate::explain::PerDayCap::Admission(max));
        }
    }
    if let Some(max) = p.maximum_per_year {
        let left = (max.cents() - stay.per_day_year).max(0);
        if left < amount {
            amount = left;
            capped_by = Some(crate::explain::PerDayCap::Year(max));
        }
    }
    PerDayDue {
        amount,
        step: Some(Step::PerDayCopay {
            service: s,
            network,
            first_day,
            last_day,
            full: Money::from_cents(full),
            amount: Money::from_cents(amount),
            capped_by,
        }),
    }
}

/// Whether a service's lines are inpatient days (for benefit periods): it has a per-day copay,
/// a per-admission deductible or copay, or a limit per admission.
pub(super) fn is_inpatient(plan: &Plan, service: &crate::plan::Service) -> bool {
    service.benefit.iter().any(|b| {
        matches!(b, Benefit::Covered(c) if c.per_day_copay.is_some()
            || c.admission_deductible.cents() > 0
            || c.admission_copay.cents() > 0)
    }) || service
        .limits
        .iter()
        .any(|&l| plan.limits[l].period == LimitPeriod::Admission)
}

pub(super) fn age_reason(min: Option<u8>, max: Option<u8>) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("covered only for ages {a} to {b}"),
        (Some(a), None) => format!("covered only from age {a}"),
        (None, Some(b)) => format!("covered only up to age {b}"),
        (None, None) => "not covered at this age".into(),
    }
}
