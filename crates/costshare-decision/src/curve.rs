//! Cost curves: each medical option's yearly cost against the household's total allowed
//! spending, the spending levels where the cheapest option changes, and options that are never
//! the cheapest ("dominated").
//!
//! Spending on the curve is the household's own expected medical year (office visits, tests,
//! prescriptions, hospital care, out-of-network share: the same lines the expected year uses)
//! with every amount scaled, so the point at the expected spending is exactly the expected
//! year. Only when the household expects no medical care at all is a generic mix used
//! (outpatient surgery bills split evenly among the people).

use crate::care::CareKind;
use crate::cost::{Fixed, TotalsRun, year_cost};
use crate::expected::{CareLine, Route, in_network_line, plan_map, scale_lines, year_days};
use crate::resolve::Resolved;
use costshare_engine::Money;
use costshare_plan::LoadedPlan;

/// One option's curve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Series {
    /// Index of the option in the comparison.
    pub option: usize,
    /// Yearly cost at each spending level.
    pub costs: Vec<Money>,
    /// Never the cheapest at any spending level on the curve.
    pub dominated: bool,
}

/// A spending level where the cheapest option changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Crossover {
    /// Total allowed spending where the change happens.
    pub spend: Money,
    /// Cheapest option below it.
    pub from: usize,
    /// Cheapest option above it.
    pub to: usize,
}

/// Cost curves for the medical options.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Curve {
    /// Spending levels (total allowed amount for the year).
    pub spend: Vec<Money>,
    /// One series per eligible medical option.
    pub series: Vec<Series>,
    /// Where the cheapest option changes, in order of spending.
    pub crossovers: Vec<Crossover>,
    /// The household's expected medical spending (the marker; one of the levels).
    pub expected_spend: Money,
    /// Whether the curve scales the household's own care (false: a generic mix, because no
    /// medical care is expected).
    pub own_mix: bool,
}

/// The inputs the curve needs for each option.
pub struct CurveOption<'a> {
    /// Index of the option in the comparison.
    pub option: usize,
    /// The plan.
    pub plan: &'a LoadedPlan,
    /// Its fixed costs.
    pub fixed: &'a Fixed,
    /// The employee's HSA contribution counted for it.
    pub hsa_contribution: Money,
}

fn generic_lines(spend: Money, people: usize) -> Vec<CareLine> {
    let share = spend.mul_div(1, people.max(1) as i64);
    (0..people)
        .map(|p| in_network_line(p, CareKind::OutpatientSurgeryFacility, share, 180, None))
        .collect()
}

/// Builds the curves from $0 to `max_spend` in `steps` equal steps, plus the expected spending
/// of `medical` (the expected year's medical and drug lines) as a level of its own.
/// `recommended` is never marked as never-cheapest.
#[inline(never)] // see compare::run_stage
pub fn curve(
    options: &[CurveOption<'_>],
    r: &Resolved<'_>,
    medical: &[CareLine],
    max_spend: Money,
    steps: usize,
    recommended: Option<usize>,
) -> Curve {
    let steps = steps.max(2);
    let expected_spend: Money = medical.iter().map(|l| l.allowed).sum();
    let own_mix = !expected_spend.is_zero();
    let mut spend: Vec<Money> = (0..=steps)
        .map(|i| max_spend.mul_div(i as i64, steps as i64))
        .collect();
    spend.push(expected_spend);
    costshare_engine::order::sort_by(&mut spend, Money::cmp);
    spend.dedup();
    let mut series: Vec<Series> = options
        .iter()
        .map(|o| Series {
            option: o.option,
            costs: Vec::with_capacity(spend.len()),
            dominated: true,
        })
        .collect();
    // Per option, what does not change between levels: how care maps onto the plan, the dates.
    let maps: Vec<_> = options
        .iter()
        .map(|o| (plan_map(&o.plan.plan), year_days(&o.plan.plan)))
        .collect();
    let members = r.household.members();
    let mut totals = TotalsRun::default();
    for s in &spend {
        let lines = if own_mix {
            scale_lines(medical, s.cents(), expected_spend.cents())
        } else {
            generic_lines(*s, r.household.people.len())
        };
        for (k, o) in options.iter().enumerate() {
            let (map, dates) = &maps[k];
            let paid = totals
                .member_paid(
                    o.plan,
                    o.fixed.tier,
                    &members,
                    map,
                    dates,
                    &lines,
                    Route::Medical,
                )
                .unwrap_or(Money::ZERO);
            series[k]
                .costs
                .push(year_cost(o.fixed, &r.tax, paid, Money::ZERO, o.hsa_contribution).net);
        }
    }
    let cheapest: Vec<Option<usize>> = (0..spend.len())
        .map(|i| (0..series.len()).min_by_key(|&k| (series[k].costs[i], k)))
        .collect();
    for k in cheapest.iter().flatten() {
        series[*k].dominated = false;
    }
    for se in series.iter_mut() {
        if Some(se.option) == recommended {
            se.dominated = false;
        }
    }
    let mut crossovers = Vec::new();
    for i in 0..spend.len() {
        if i > 0
            && let (Some(a), Some(b)) = (cheapest[i - 1], cheapest[i])
            && a != b
        {
            // Costs are piecewise linear in spending: find where a's and b's lines meet between
            // the two grid points.
            let (a0, a1) = (series[a].costs[i - 1].cents(), series[a].costs[i].cents());
            let (b0, b1) = (series[b].costs[i - 1].cents(), series[b].costs[i].cents());
            let gap_before = b0 - a0; // b was dearer by this much
            let gap_after = a1 - b1; // a is dearer by this much now
            let width = spend[i].cents() - spend[i - 1].cents();
            let at = if gap_before + gap_after > 0 {
                spend[i - 1] + Money::from_cents(width).mul_div(gap_before, gap_before + gap_after)
            } else {
                spend[i]
            };
            crossovers.push(Crossover {
                spend: at,
                from: series[a].option,
                to: series[b].option,
            });
        }
    }
    Curve {
        spend,
        series,
        crossovers,
        expected_spend,
        own_mix,
    }
}
