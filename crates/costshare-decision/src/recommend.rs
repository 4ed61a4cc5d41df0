//! The recommendation for one category, with reasons that quote the numbers and the smallest
//! changes that would flip it.

use crate::cost::{Ceiling, route_for, run, year_cost};
use crate::curve::Curve;
use crate::expected::{CareLine, scale_lines};
use crate::options::{
    Category, CategoryResult, Goal, OptionResult, PreparedView, Settings, category_of,
};
use crate::resolve::Resolved;
use costshare_engine::{Money, Network};

/// The number the goal ranks by (lower is better), in hundredths of a cent (see [`goal_score`]).
pub fn score(o: &OptionResult, goal: Goal) -> i64 {
    let expected = o
        .expected
        .as_ref()
        .map_or(Money::from_cents(i64::MAX / 4), |e| e.net);
    let mean = o.distribution.as_ref().map_or(expected, |d| d.mean);
    // A very bad year: the simulated 99th percentile when there is a simulation (the same
    // measure for every option, capped or not), else the ceiling.
    let very_bad_year = o.distribution.as_ref().map_or_else(
        || o.ceiling.as_ref().map_or(expected, Ceiling::rank_value),
        |d| d.p99,
    );
    goal_score(mean, very_bad_year, goal)
}

/// What a goal ranks by, from the average and a very bad year, in hundredths of a cent: exact,
/// so that the order is the blend's own. The lowest-average goal takes the average, protection
/// the very bad year, and a balance the average plus the share of the gap up to the very bad
/// year that the person is not comfortable risking (100 − risk tolerance, in percent): at risk
/// tolerance 100 the lowest-average goal's ranking, at 0 protection's. Being linear in that
/// share, lowering the tolerance never picks an option that costs more in a very bad year, nor
/// one that costs less on average.
pub fn goal_score(mean: Money, very_bad_year: Money, goal: Goal) -> i64 {
    // Saturating: an option without figures ranks at the far end (its mean is i64::MAX / 4).
    let (mean, bad) = (mean.cents(), very_bad_year.cents());
    match goal {
        Goal::LowestExpected => mean.saturating_mul(100),
        Goal::LowestWorstCase => bad.saturating_mul(100),
        Goal::Balanced { risk_tolerance } => {
            let share = 100 - i64::from(risk_tolerance.min(100));
            let gap = bad.saturating_sub(mean).max(0);
            mean.saturating_mul(100)
                .saturating_add(gap.saturating_mul(share))
        }
    }
}

/// Eligible options of a category, best first for the goal.
#[inline(never)] // see compare::run_stage
pub fn rank(category: Category, options: &[OptionResult], goal: Goal) -> Vec<usize> {
    let mut ranking: Vec<usize> = (0..options.len())
        .filter(|&i| options[i].category == category && options[i].eligible())
        .collect();
    costshare_engine::order::sort_by_key(&mut ranking, |&i| {
        (
            score(&options[i], goal),
            options[i].distribution.as_ref().map(|d| d.mean),
            i,
        )
    });
    ranking
}

fn goal_words(goal: Goal) -> String {
    match goal {
        Goal::LowestExpected => "the lowest average yearly cost".into(),
        Goal::LowestWorstCase => "the lowest cost in a very bad year".into(),
        Goal::Balanced { risk_tolerance } => format!(
            "a balance of average cost and protection against a very bad year (risk tolerance {risk_tolerance} of 100)"
        ),
    }
}

fn percent_of_years(per_10k: u32) -> String {
    format!("{}%", (per_10k + 50) / 100)
}

/// Builds the category's result.
#[allow(clippy::too_many_arguments)]
#[inline(never)] // see compare::run_stage
pub fn recommend(
    category: Category,
    options: &[OptionResult],
    settings: &Settings,
    curve: &Curve,
    r: &Resolved<'_>,
    lines: &[CareLine],
    prepared: &[PreparedView<'_>],
) -> CategoryResult {
    let ranking = rank(category, options, settings.goal);
    let mut reasons = Vec::new();
    let mut what_would_change = Vec::new();
    let Some(&best) = ranking.first() else {
        // Plans that are there but cannot be compared say why (a retiree tier the file does
        // not have, say).
        let why = options
            .iter()
            .filter(|o| o.category == category)
            .find_map(|o| o.excluded.as_deref())
            .map(|why| why.trim_start_matches("not compared: "));
        return CategoryResult {
            category,
            ranking,
            recommended: None,
            reasons: vec![match why {
                Some(why) => format!(
                    "No {} plan could be compared for this household, so there is no pick: {why}.",
                    category.words()
                ),
                None => format!("No {} option is open to this household.", category.words()),
            }],
            what_would_change,
        };
    };
    let b = &options[best];
    let second = ranking.get(1).map(|&i| &options[i]);
    reasons.push(format!("Your goal: {}.", goal_words(settings.goal)));
    if let Some(e) = &b.expected {
        let mut parts = vec![format!("premium {}", e.fixed.premium)];
        if !e.fixed.surcharges.is_zero() {
            parts.push(format!("surcharges {}", e.fixed.surcharges));
        }
        parts.push(format!("what you pay for care {}", e.out_of_pocket));
        let mut minus = Vec::new();
        if !e.employer_hsa_used.is_zero() {
            minus.push(format!("employer HSA money {}", e.employer_hsa_used));
        }
        if !e.tax_savings.is_zero() {
            minus.push(format!("tax savings {}", e.tax_savings));
        }
        let minus = if minus.is_empty() {
            String::new()
        } else {
            format!(", minus {}", minus.join(" and "))
        };
        reasons.push(format!(
            "{} costs {} for the year of care you entered: {}{minus}.{}",
            b.name,
            e.net,
            parts.join(" + "),
            below_zero(e.net, e.hsa_contribution)
        ));
        if !e.hra_used.is_zero() {
            reasons.push(format!(
                "Its HRA pays {} of your costs first, and that money counts toward the deductible.",
                e.hra_used
            ));
        }
        if !e.carried_forward.is_zero() {
            reasons.push(format!(
                "{} of your employer's HSA or HRA money is left at the end of the year and carries forward to later years; it is not subtracted from this year's total.",
                e.carried_forward
            ));
        }
    }
    if let (Some(d), Some(s)) = (&b.distribution, second)
        && let Some(ds) = &s.distribution
    {
        {
            let diff = if ds.mean >= d.mean {
                format!("{} less than", ds.mean - d.mean)
            } else {
                format!("{} more than", d.mean - ds.mean)
            };
            reasons.push(format!(
                "Over {} simulated years it costs {} on average, {diff} {}; in 9 years out of 10 it costs at most {} (vs {}).",
                crate::report::thousands(settings.simulations), d.mean, s.name, d.p90, ds.p90
            ));
            reasons.push(format!(
                "It was the cheapest {} option in {} of simulated years; picking it costs on average {} more than the best pick for each year, vs {} for {}.",
                category.words(), percent_of_years(d.cheapest_per_10k), d.expected_regret, ds.expected_regret, s.name
            ));
        }
    }
    match &b.ceiling {
        Some(Ceiling::Capped(w)) => {
            let vs = second
                .map(|s| match &s.ceiling {
                    Some(Ceiling::Capped(sw)) => format!(" (vs {sw} for {})", s.name),
                    _ => format!(" ({} has no cap)", s.name),
                })
                .unwrap_or_default();
            reasons.push(format!(
                "In the worst case, with every out-of-pocket maximum reached, it costs at most {w} for care the plan covers{vs}."
            ));
        }
        Some(Ceiling::NoCap { reasons: why, .. }) => {
            reasons.push(format!("No cap on what you could pay: {}.", why.join("; ")));
        }
        None => {}
    }
    // The HSA amount the person entered is what counts (up to the year's limit); the
    // suggestion is said beside it, never in its place.
    let counted = b.expected.as_ref().map(|e| e.hsa_contribution);
    match (r.household.hsa_contribution, counted, b.suggested_hsa) {
        (Some(entered), Some(counted), Some(h)) if counted < entered => reasons.push(format!(
            "Of your {entered} HSA contribution, {counted} is counted: the most you may put in this year after the employer's money (more is an excess contribution, taxed). About {h} would pay your expected costs before tax."
        )),
        (Some(entered), Some(_), Some(h)) => reasons.push(format!(
            "Your {entered} HSA contribution is counted; about {h} would pay your expected costs before tax."
        )),
        (None, _, Some(h)) if !h.is_zero() => reasons.push(format!(
            "Put about {h} in the HSA this year to pay your expected costs before tax."
        )),
        _ => {}
    }
    if b.expected
        .as_ref()
        .is_some_and(|e| e.fixed.premium_is_example)
    {
        reasons.push(
            "Premiums here are examples: enter your real per-paycheck premiums to be sure.".into(),
        );
    }

    // What would change it.
    if category == Category::Medical {
        for s in curve
            .series
            .iter()
            .filter(|s| s.dominated && s.option != best)
        {
            reasons.push(format!(
                "{} is never the cheapest for you: at no level of your kind of care from $0 to {} in allowed charges does it cost least.",
                options[s.option].name,
                round_dollars(curve.spend.last().copied().unwrap_or(Money::ZERO))
            ));
        }
    }
    if category == Category::Medical {
        // The nearest change of cheapest option on each side of the expected spending, from
        // the same curve (and so the same figures) as the expected-year totals.
        let below = curve
            .crossovers
            .iter()
            .rfind(|c| c.spend <= curve.expected_spend);
        let above = curve
            .crossovers
            .iter()
            .find(|c| c.spend > curve.expected_spend);
        // The cheapest plan for the year entered: the one the crossovers next to it leave.
        let cheapest = below.map(|c| c.to).or(above.map(|c| c.from));
        let net = |i: usize| options[i].expected.as_ref().map(|e| e.net);
        // On a tie the curve counts the pick as the cheapest; a plan that costs the same for
        // the year is said to.
        let tied = ranking
            .iter()
            .copied()
            .find(|&i| i != best && net(i).is_some() && net(i) == net(best));
        if let Some(cheapest) = cheapest.filter(|&c| c != best).or(tied) {
            // The pick was made on the simulated years for the goal; this one year favours
            // another plan, and a crossover back to the pick does not change the pick. Two
            // plans that cost the same for that year are said to.
            what_would_change.push(if net(cheapest).is_some() && net(cheapest) == net(best) {
                let (a, b) = (
                    score(&options[best], settings.goal),
                    score(&options[cheapest], settings.goal),
                );
                format!(
                    "In a year like the one you entered, {} costs the same as our pick, {}{}.",
                    options[cheapest].name,
                    options[best].name,
                    if a < b {
                        ", which does better for your goal over the simulated years"
                    } else {
                        ", and they do as well for your goal over the simulated years"
                    }
                )
            } else {
                format!(
                    "In a year like the one you entered, {} costs the least, though our pick, {}, does better for your goal over the simulated years.",
                    options[cheapest].name, options[best].name
                )
            });
        }
        let becomes = |plan: usize, instead: usize| {
            if plan == best {
                format!(
                    "our pick, {}, would also cost the least for the year (instead of {})",
                    options[plan].name, options[instead].name
                )
            } else {
                format!(
                    "{} would cost less for the year than {}",
                    options[plan].name, options[instead].name
                )
            }
        };
        // A range that ends where the cheapest plan changes again, if it does.
        if let Some(c) = below {
            let range = match curve.crossovers.iter().rfind(|o| o.spend < c.spend) {
                Some(o) => format!(
                    "between about {} and {}",
                    round_dollars(o.spend),
                    round_dollars(c.spend)
                ),
                None => format!("less than about {}", round_dollars(c.spend)),
            };
            what_would_change.push(format!(
                "If your medical care came to {range} in allowed charges (you expect {}; the same care, costing less), {}.",
                round_dollars(curve.expected_spend),
                becomes(c.from, c.to)
            ));
        }
        if let Some(c) = above {
            let range = match curve.crossovers.iter().find(|o| o.spend > c.spend) {
                Some(o) => format!(
                    "between about {} and {}",
                    round_dollars(c.spend),
                    round_dollars(o.spend)
                ),
                // Past the curve's last level another change may come (an HDHP's maximum
                // reached), unless the plan can never cost more than the others already do
                // there: then it stays the cheapest at any higher level. Else the range ends
                // where the curve, and the chart, end.
                None => {
                    let stays = options[c.to].worst_case.is_some_and(|worst| {
                        curve
                            .series
                            .iter()
                            .filter(|s| s.option != c.to)
                            .all(|s| s.costs.last().is_some_and(|&cost| worst <= cost))
                    });
                    if stays {
                        format!("more than about {}", round_dollars(c.spend))
                    } else {
                        format!(
                            "between about {} and {}",
                            round_dollars(c.spend),
                            round_dollars(curve.spend.last().copied().unwrap_or(c.spend))
                        )
                    }
                }
            };
            // With no care entered there is no care of their own to scale: the curve is care
            // that goes through the deductible and coinsurance (curve::generic_lines).
            let what = if curve.expected_spend.is_zero() {
                "you expect none; counted as care that goes through the deductible and coinsurance"
                    .to_string()
            } else {
                format!(
                    "you expect {}; the same care, costing more",
                    round_dollars(curve.expected_spend)
                )
            };
            what_would_change.push(format!(
                "If your medical care came to {range} in allowed charges ({what}), {}.",
                becomes(c.to, c.from)
            ));
        }
    }
    // Medical flips come from the curve above; dental and vision scale their own care.
    if category != Category::Medical
        && let Some(flip) = care_flip(category, options, best, r, lines, prepared)
    {
        what_would_change.push(flip);
    }
    for other in [Goal::LowestExpected, Goal::LowestWorstCase] {
        if other != settings.goal
            && let Some(&pick) = rank(category, options, other).first()
            && pick != best
        {
            // The goal by the name the page's choice gives it.
            let label = match other {
                Goal::LowestExpected => "Lowest cost on average",
                _ => "Protection against a very bad year",
            };
            what_would_change.push(format!(
                "With the goal “{label}”, {} would be the pick.",
                options[pick].name
            ));
        }
    }
    if let Goal::Balanced { risk_tolerance } = settings.goal {
        let flips: Vec<u8> = (0..=100u8)
            .step_by(5)
            .filter(|t| {
                rank(category, options, Goal::Balanced { risk_tolerance: *t }).first()
                    != Some(&best)
            })
            .collect();
        if let Some(t) = flips
            .iter()
            .min_by_key(|t| (i32::from(**t) - i32::from(risk_tolerance)).abs())
        {
            let pick = rank(category, options, Goal::Balanced { risk_tolerance: *t })[0];
            what_would_change.push(format!(
                "With “How much risk you are comfortable with” at {t} instead of {risk_tolerance}, {} would be the pick.",
                options[pick].name
            ));
        }
    }
    CategoryResult {
        category,
        ranking,
        recommended: Some(best),
        reasons,
        what_would_change,
    }
}

fn mention(o: &OptionResult) -> String {
    crate::options::in_a_sentence(&o.id, &o.name)
}

fn round_dollars(m: Money) -> String {
    Money::from_dollars((m.cents() + 50) / 100)
        .to_string()
        .trim_end_matches(".00")
        .to_string()
}

/// The expected-year cost of each eligible option in the category with every line's price
/// multiplied by `ppm` / 1,000,000.
fn scaled_costs(
    category: Category,
    options: &[OptionResult],
    r: &Resolved<'_>,
    lines: &[CareLine],
    prepared: &[PreparedView<'_>],
    ppm: i64,
) -> Vec<(usize, Money)> {
    let scaled = scale_lines(lines, ppm, 1_000_000);
    (0..options.len())
        .filter(|&i| options[i].category == category && options[i].eligible())
        .filter_map(|i| {
            let p = &prepared[i];
            let f = p.fixed?;
            let paid = match p.plan {
                Some(plan) => {
                    run(
                        plan,
                        f.tier,
                        r.household,
                        &scaled,
                        route_for(plan.plan.kind),
                        false,
                    )
                    .ok()?
                    .member_paid
                }
                None => scaled
                    .iter()
                    .filter(|l| category_of(l.kind) == category)
                    .map(|l| l.billed)
                    .sum(),
            };
            Some((
                i,
                year_cost(f, &r.tax, paid, Money::ZERO, p.contribution).net,
            ))
        })
        .collect()
}

fn winner(costs: &[(usize, Money)]) -> Option<usize> {
    costs.iter().min_by_key(|(i, c)| (*c, *i)).map(|(i, _)| *i)
}

/// The smallest scaling of the person's care (up or down) that changes which option has the
/// lowest expected-year cost.
fn care_flip(
    category: Category,
    options: &[OptionResult],
    pick: usize,
    r: &Resolved<'_>,
    lines: &[CareLine],
    prepared: &[PreparedView<'_>],
) -> Option<String> {
    let base = winner(&scaled_costs(
        category, options, r, lines, prepared, 1_000_000,
    ))?;
    let care = || lines.iter().filter(|l| category_of(l.kind) == category);
    // Out-of-network dental care has no one allowed amount: each plan recognizes its own (usual
    // and customary charges, a fee schedule). What the dentists bill is the same under every
    // plan (each claim table's allowed plus billed above allowed), so the sentence gives that.
    let priced_by_each_plan = care().any(|l| {
        l.network == Network::Out && (l.usual_and_customary.is_some() || l.fee_schedule.is_some())
    });
    let (total, charges): (Money, &str) = if priced_by_each_plan {
        (
            care().map(|l| l.billed).sum(),
            "in what your providers charge",
        )
    } else {
        (care().map(|l| l.allowed).sum(), "in allowed charges")
    };
    if total.is_zero() {
        return None;
    }
    let ups = [
        1_250_000i64,
        1_500_000,
        2_000_000,
        3_000_000,
        4_000_000,
        6_000_000,
        10_000_000,
        20_000_000,
    ];
    let downs = [800_000i64, 500_000, 250_000, 0];
    let mut found = Vec::new();
    for steps in [&ups[..], &downs[..]] {
        let mut prev = 1_000_000i64;
        for &m in steps {
            let w = winner(&scaled_costs(category, options, r, lines, prepared, m));
            if w != Some(base) {
                // Narrow it down between `prev` and `m`.
                let (mut lo, mut hi) = (prev, m);
                for _ in 0..7 {
                    let mid = (lo + hi) / 2;
                    if winner(&scaled_costs(category, options, r, lines, prepared, mid))
                        == Some(base)
                    {
                        lo = mid
                    } else {
                        hi = mid
                    }
                }
                let new = winner(&scaled_costs(category, options, r, lines, prepared, hi))
                    .unwrap_or(base);
                found.push((hi, new));
                break;
            }
            prev = m;
        }
    }
    let (m, new) = found
        .into_iter()
        .min_by_key(|(m, _)| (m - 1_000_000).abs())?;
    if (m - 1_000_000).abs() < 20_000 {
        let costs = scaled_costs(category, options, r, lines, prepared, 1_000_000);
        let cost = |i: usize| {
            costs
                .iter()
                .find(|(j, _)| *j == i)
                .map_or(Money::ZERO, |(_, c)| *c)
        };
        return Some(format!(
            "In a year like the one you entered, {} and {} cost almost the same ({} and {}): a small change in your care could make either one cheaper.",
            mention(&options[base]),
            mention(&options[new]),
            cost(base),
            cost(new)
        ));
    }
    let spend = total.mul_div(m, 1_000_000);
    let how = if m > 1_000_000 {
        format!("{}% more", (m - 1_000_000 + 5_000) / 10_000)
    } else {
        format!("{}% less", (1_000_000 - m + 5_000) / 10_000)
    };
    if base != pick {
        // The pick was made on the simulated years; this one year may favour another option.
        return Some(format!(
            "In a year like the one you entered, {} costs the least, though our pick, {}, does better over the simulated years; if your {} care cost {how} (about {} {charges} instead of {}), {} would cost the least in that year.",
            mention(&options[base]),
            mention(&options[pick]),
            category.words(),
            round_dollars(spend),
            round_dollars(total),
            mention(&options[new])
        ));
    }
    Some(format!(
        "In a year like the one you entered, {} has the lowest cost; if your {} care cost {how} (about {} {charges} instead of {}), {} would.",
        mention(&options[base]),
        category.words(),
        round_dollars(spend),
        round_dollars(total),
        mention(&options[new])
    ))
}

/// After a yearly total below zero, what it means (with a leading space); empty otherwise.
/// A total goes below zero when the tax savings (on the premium and on the person's own HSA
/// contributions) and the employer's HSA money spent on care are more than the premium,
/// surcharges and what the person pays for care.
pub fn below_zero(total: Money, own_hsa: Money) -> String {
    if total.cents() < 0 {
        // Tax saved on money the person puts in their own HSA counts, though that money pays
        // nothing this year: say so, so the total is not read as the plan paying them.
        let savings = if own_hsa.cents() > 0 {
            format!(
                "the tax savings (including those on the {own_hsa} you put in the HSA yourself, which stays yours)"
            )
        } else {
            "the tax savings".into()
        };
        format!(
            " Below zero means you come out {} ahead for the year: {savings} and employer HSA money are more than the premium and what you pay for care.",
            Money::from_cents(-total.cents())
        )
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick(options: &[(i64, i64)], goal: Goal) -> usize {
        (0..options.len())
            .min_by_key(|&i| {
                let (mean, bad) = options[i];
                (
                    goal_score(Money::from_cents(mean), Money::from_cents(bad), goal),
                    mean,
                    i,
                )
            })
            .unwrap()
    }

    #[test]
    fn the_balance_runs_from_the_average_to_a_very_bad_year() {
        // A: $1,254 on average, $1,900 in a very bad year; B: $1,561 and $2,000; C: $1,200 and
        // $3,500. At 50: A scores 1,254 + (1,900 − 1,254) × 50% = $1,577, B 1,561 + 439 × 50%
        // = $1,780.50, C 1,200 + 2,300 × 50% = $2,350: A.
        let options = [(125_400, 190_000), (156_100, 200_000), (120_000, 350_000)];
        let at = |t| pick(&options, Goal::Balanced { risk_tolerance: t });
        assert_eq!(
            goal_score(
                Money::from_cents(156_100),
                Money::from_cents(200_000),
                Goal::Balanced { risk_tolerance: 50 }
            ),
            17_805_000
        );
        assert_eq!(at(50), 0);
        // At 100 the lowest average (C), at 0 the lowest very bad year (A), as the other goals.
        assert_eq!(at(100), pick(&options, Goal::LowestExpected));
        assert_eq!(at(100), 2);
        assert_eq!(at(0), pick(&options, Goal::LowestWorstCase));
        assert_eq!(at(0), 0);
    }

    proptest::proptest! {
        #[test]
        fn less_tolerance_never_picks_a_worse_very_bad_year(
            options in proptest::collection::vec((0i64..500_000, 0i64..1_000_000), 1..6),
            a in 0u8..=100,
            b in 0u8..=100,
        ) {
            let options: Vec<(i64, i64)> =
                options.into_iter().map(|(mean, gap)| (mean, mean + gap)).collect();
            let (low, high) = (a.min(b), a.max(b));
            let cautious = options[pick(&options, Goal::Balanced { risk_tolerance: low })];
            let bold = options[pick(&options, Goal::Balanced { risk_tolerance: high })];
            proptest::prop_assert!(cautious.1 <= bold.1, "{cautious:?} at {low}, {bold:?} at {high}");
            proptest::prop_assert!(cautious.0 >= bold.0, "{cautious:?} at {low}, {bold:?} at {high}");
        }
    }
}
