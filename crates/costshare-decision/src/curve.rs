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
    /// What `to` costs there (where the two lines meet, to within 10 cents of spending).
    pub cost: Money,
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
    // Every option's yearly cost at one spending level.
    let mut costs_at = |s: Money| -> Vec<Money> {
        let lines = if own_mix {
            scale_lines(medical, s.cents(), expected_spend.cents())
        } else {
            generic_lines(s, r.household.people.len())
        };
        options
            .iter()
            .zip(&maps)
            .map(|(o, (map, dates))| {
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
                year_cost(o.fixed, &r.tax, paid, Money::ZERO, o.hsa_contribution).net
            })
            .collect()
    };
    for s in &spend {
        for (k, c) in costs_at(*s).into_iter().enumerate() {
            series[k].costs.push(c);
        }
    }
    // On a tie the recommended option is the cheapest: two plans that cost the same do not
    // "change" which is cheapest.
    let prefer = options.iter().position(|o| Some(o.option) == recommended);
    let cheapest: Vec<Option<usize>> = (0..spend.len())
        .map(|i| {
            let costs: Vec<Money> = series.iter().map(|se| se.costs[i]).collect();
            cheapest_of(&costs, prefer)
        })
        .collect();
    // Every option that costs the least at some level (ties included) is cheapest somewhere.
    for i in 0..spend.len() {
        let least = series.iter().map(|se| se.costs[i]).min();
        for se in series.iter_mut() {
            if Some(se.costs[i]) == least {
                se.dominated = false;
            }
        }
    }
    for se in series.iter_mut() {
        if Some(se.option) == recommended {
            se.dominated = false;
        }
    }
    // Between two levels whose cheapest options differ, the costs are not one straight line
    // each (a deductible or an HRA running out bends them), so the change is found by halving
    // the interval until it is at most 10 cents wide, following any third option that is
    // cheapest in between.
    let mut crossovers = Vec::new();
    for i in 1..spend.len() {
        if let (Some(a), Some(b)) = (cheapest[i - 1], cheapest[i])
            && a != b
        {
            refine(
                &mut costs_at,
                prefer,
                (spend[i - 1], a),
                (spend[i], b),
                &mut crossovers,
            );
        }
    }
    for c in crossovers.iter_mut() {
        // An option cheapest only between two levels is cheapest somewhere all the same.
        series[c.to].dominated = false;
        c.from = series[c.from].option;
        c.to = series[c.to].option;
    }
    Curve {
        spend,
        series,
        crossovers,
        expected_spend,
        own_mix,
    }
}

/// The cheapest option (by index) among `costs`: on a tie `prefer` (the recommended option)
/// if it is among them, else the first.
fn cheapest_of(costs: &[Money], prefer: Option<usize>) -> Option<usize> {
    (0..costs.len()).min_by_key(|&k| (costs[k], Some(k) != prefer, k))
}

/// Pushes the spending levels between `lo` and `hi` where the cheapest option changes: `lo.1`
/// is cheapest at `lo.0`, `hi.1` at `hi.0`. Each change is placed at the middle of an interval
/// at most 10 cents wide, so that its nearest dollar is the true one's but for a few cents.
fn refine(
    costs_at: &mut dyn FnMut(Money) -> Vec<Money>,
    prefer: Option<usize>,
    lo: (Money, usize),
    hi: (Money, usize),
    out: &mut Vec<Crossover>,
) {
    let width = hi.0.cents() - lo.0.cents();
    let mid = lo.0 + Money::from_cents(width).mul_div(1, 2);
    let costs = costs_at(mid);
    if width <= 10 {
        out.push(Crossover {
            spend: mid,
            from: lo.1,
            to: hi.1,
            cost: costs.get(hi.1).copied().unwrap_or(Money::ZERO),
        });
        return;
    }
    let Some(m) = cheapest_of(&costs, prefer) else {
        return;
    };
    if m == lo.1 {
        refine(costs_at, prefer, (mid, m), hi, out);
    } else if m == hi.1 {
        refine(costs_at, prefer, lo, (mid, m), out);
    } else {
        refine(costs_at, prefer, lo, (mid, m), out);
        refine(costs_at, prefer, (mid, m), hi, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn usd(dollars: i64) -> Money {
        Money::from_dollars(dollars)
    }

    #[test]
    fn a_change_between_two_levels_is_found_to_the_dollar_even_past_a_bend() {
        // Option 0: $300 premium, then every dollar of care up to a $1,000 deductible. Option 1:
        // $640 premium and an HRA that pays the first $500, then every dollar. They cross
        // where 300 + s = 640, at s = $340; a straight line from $0 to $1,000 between the two
        // levels would put it at 340 × 1,000 / (1,000 − 500) = $680.
        let cost = |s: Money| {
            vec![
                usd(300) + s.min(usd(1_000)),
                usd(640) + s.saturating_sub(usd(500)),
            ]
        };
        let mut costs_at = cost;
        let mut out = Vec::new();
        refine(&mut costs_at, None, (usd(0), 0), (usd(1_000), 1), &mut out);
        assert_eq!(out.len(), 1);
        assert!(
            (out[0].spend.cents() - 34_000).abs() <= 100,
            "{}",
            out[0].spend
        );
        assert_eq!((out[0].from, out[0].to), (0, 1));
        // Where the chart draws its circle: option 1's cost there, $640 (its HRA still pays).
        assert_eq!(out[0].cost, usd(640));
    }

    #[test]
    fn an_option_cheapest_only_between_two_levels_is_found() {
        // Option 2 costs $350 from $400 to $600 and $2,000 elsewhere; option 0 costs s and
        // option 1 $1,000 − s. Cheapest: 0 below $400 (s < $400 < $600), 2 from $400 to $600
        // ($350 against at least $400), 1 above $600; the levels $0 and $1,000 see only 0 and 1.
        let mut costs_at = |s: Money| {
            let inside = s >= usd(400) && s <= usd(600);
            vec![
                s,
                usd(1_000) - s,
                if inside { usd(350) } else { usd(2_000) },
            ]
        };
        let mut out = Vec::new();
        refine(&mut costs_at, None, (usd(0), 0), (usd(1_000), 1), &mut out);
        let found: Vec<(usize, usize)> = out.iter().map(|c| (c.from, c.to)).collect();
        assert_eq!(found, [(0, 2), (2, 1)]);
        assert!(
            (out[0].spend.cents() - 40_000).abs() <= 100,
            "{}",
            out[0].spend
        );
        assert!(
            (out[1].spend.cents() - 60_000).abs() <= 100,
            "{}",
            out[1].spend
        );
    }
}
