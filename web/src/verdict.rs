//! The answer first: what the page says at the top, worked out from the report alone (plain Rust,
//! tested natively). Every figure here is one the cards and the detail tables show too, and every
//! comparison uses the measure the recommendation ranked by, so the verdict cannot contradict them.

use crate::model::{self, dollars, employer_money_is_example, rests_on_example};
use costshare_decision::file::{GoalFile, HouseholdFile};
use costshare_decision::report::{OptionReport, Report};

/// The goal the ranking used, as the page's file spells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Goal {
    LowestAverage,
    Protection,
    Balanced,
}

impl Goal {
    pub fn of(file: &HouseholdFile) -> Goal {
        match file.goal.unwrap_or(GoalFile::Balanced) {
            GoalFile::LowestExpected => Goal::LowestAverage,
            GoalFile::LowestWorstCase => Goal::Protection,
            GoalFile::Balanced => Goal::Balanced,
        }
    }
}

/// The average yearly cost the ranking uses, as the cards show it: the simulated average to
/// the nearest dollar (or to the cent, [`model::Beside`]) once the simulation is in, else the expected year's total to the cent
/// (the same fallback as `recommend::score`). Differences are worked out from these, so that
/// "saves about $306" is what a reader gets by subtracting the two cards' figures ($1,560 −
/// $1,254, where the exact averages differ by $306.98).
pub fn average(o: &OptionReport) -> Option<i64> {
    o.simulated
        .as_ref()
        .map(|s| model::Beside::of(o).average_cents(s.mean))
        .or_else(|| o.expected.as_ref().map(|e| e.total))
}

/// A very bad year, as the protection and balance goals measure it and the page shows it, in
/// whole dollars rounded up (or to the cent, [`model::Beside`]): the simulated 99th percentile (the ranges table's "1 year in 100
/// above", which is the worst case when that caps it); before the simulation, the worst case
/// (`None` when nothing caps it).
fn bad_year(o: &OptionReport) -> Option<i64> {
    match &o.simulated {
        Some(s) => Some(s.p99),
        None => o.worst_case,
    }
    .map(|c| model::Beside::of(o).bound_cents(c))
}

/// How the pick compares with the alternative a person would think of.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Comparison {
    /// The only option compared (the others are not available, or have no tier that fits).
    Only,
    /// Cheaper on average than the next best option by `amount` (cents; may be zero).
    Saves { amount: i64, against: String },
    /// The goal picked a plan that costs more on average than the cheapest-on-average one, to
    /// cost less in a bad year.
    Trade {
        more_on_average: i64,
        /// Cents less in a bad year; `None` when the alternative has no cap and no simulation
        /// has run yet.
        less_in_bad_year: Option<i64>,
        against: String,
        bad_year: &'static str,
    },
}

impl Comparison {
    /// One sentence, in plain words.
    pub fn words(&self, simulated: bool) -> String {
        let on_average = if simulated {
            "a year on average"
        } else {
            "for the year you entered"
        };
        match self {
            Comparison::Only => "The only option we can compare for you.".into(),
            Comparison::Saves { amount, against } if *amount < 50 => {
                format!("Costs about the same as {against} ({on_average}).")
            }
            Comparison::Saves { amount, against } => {
                format!(
                    "Saves about {} {on_average} against {against}.",
                    dollars(*amount)
                )
            }
            Comparison::Trade {
                more_on_average,
                less_in_bad_year,
                against,
                bad_year,
            } => match less_in_bad_year {
                Some(less) => format!(
                    "Costs {} more {on_average} than {against}, to pay {} less {bad_year}.",
                    dollars(*more_on_average),
                    dollars(*less)
                ),
                None => format!(
                    "Costs {} more {on_average} than {against}, which has no cap on what you could pay.",
                    dollars(*more_on_average)
                ),
            },
        }
    }
}

/// The pick in one category.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pick {
    pub category: String,
    /// Index into `Report::options`.
    pub option: usize,
    pub name: String,
    pub tier: Option<String>,
    pub comparison: Comparison,
}

/// A short reason, with the part of the detail that explains it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    pub text: String,
    /// The id of the detail section that backs it up.
    pub why: &'static str,
    /// The option whose claim lines back it up (for "Why this number": that plan chosen).
    pub option: Option<String>,
}

/// Everything the answer card says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub picks: Vec<Pick>,
    /// The picks' expected-year total (the report's `recommended_total`).
    pub total: i64,
    /// The picks' simulated average together, when the simulation is in.
    pub average: Option<i64>,
    /// The person's own HSA contribution counted with the picks, in cents.
    pub own_hsa: i64,
    /// At most three.
    pub reasons: Vec<Reason>,
    /// The picks whose premium is an example (none was entered), by kind of plan.
    pub example_premiums: Vec<String>,
    /// Whether a pick's plan terms include example values.
    pub example_terms: bool,
}

const CATEGORIES: [&str; 3] = ["medical", "dental", "vision"];

/// Which picks' premiums are examples, for the warning: "Some premiums here are examples" when
/// every pick's is, else "The dental and vision picks' premiums are examples".
pub fn example_premium_words(categories: &[String]) -> String {
    match categories {
        [] => String::new(),
        [one] => format!("The {one} pick's premium is an example"),
        _ if categories.len() == CATEGORIES.len() => "Some premiums here are examples".into(),
        [rest @ .., last] => format!(
            "The {} and {last} picks' premiums are examples",
            rest.join(", ")
        ),
    }
}

/// The verdict for a report made for `goal`.
pub fn verdict(r: &Report, goal: Goal) -> Verdict {
    let mut picks = Vec::new();
    for cat in CATEGORIES {
        let Some(c) = r.categories.iter().find(|c| c.category == cat) else {
            continue;
        };
        let Some(best) = c.recommended.and_then(|i| r.options.get(i).map(|o| (i, o))) else {
            continue;
        };
        picks.push(Pick {
            category: cat.to_string(),
            option: best.0,
            name: best.1.name.clone(),
            tier: best.1.tier.clone(),
            comparison: compare(r, &c.ranking, best.0, goal),
        });
    }
    let chosen: Vec<usize> = picks.iter().map(|p| p.option).collect();
    let average = crate::cards::combination(r, &chosen).and_then(|(_, s)| s.map(|s| s.0));
    let picked = || chosen.iter().filter_map(|&i| r.options.get(i));
    let example_premiums = picks
        .iter()
        .filter(|p| {
            r.options
                .get(p.option)
                .and_then(|o| o.expected.as_ref())
                .is_some_and(|e| e.premium_is_example)
        })
        .map(|p| p.category.clone())
        .collect();
    let example_terms = picked().any(|o| rests_on_example(o, ""));
    Verdict {
        reasons: reasons(r, &picks),
        picks,
        total: r.recommended_total,
        average,
        own_hsa: picked()
            .filter_map(|o| o.expected.as_ref())
            .map(|e| e.hsa_contribution)
            .sum(),
        example_premiums,
        example_terms,
    }
}

/// An option as named inside a sentence ("against going without a vision plan").
fn mention(o: &OptionReport) -> String {
    costshare_decision::options::in_a_sentence(&o.id, &o.name)
}

fn compare(r: &Report, ranking: &[usize], best: usize, goal: Goal) -> Comparison {
    let Some(b) = r.options.get(best) else {
        return Comparison::Only;
    };
    let others: Vec<&OptionReport> = ranking
        .iter()
        .filter(|&&i| i != best)
        .filter_map(|&i| r.options.get(i))
        .collect();
    let Some(next) = others.first() else {
        return Comparison::Only;
    };
    let b_avg = average(b).unwrap_or(0);
    // The cheapest on average among the others; ties go to the better-ranked one.
    let cheapest = others
        .iter()
        .min_by_key(|o| average(o).unwrap_or(i64::MAX))
        .copied()
        .unwrap_or(next);
    let c_avg = average(cheapest).unwrap_or(i64::MAX);
    if goal != Goal::LowestAverage && c_avg < b_avg {
        return Comparison::Trade {
            more_on_average: b_avg - c_avg,
            less_in_bad_year: match (bad_year(cheapest), bad_year(b)) {
                (Some(c), Some(p)) => Some(c - p),
                _ => None,
            },
            against: mention(cheapest),
            bad_year: if b.simulated.is_some() {
                "in a very bad year (1 year in 100)"
            } else {
                "in the worst case"
            },
        };
    }
    Comparison::Saves {
        amount: average(next).unwrap_or(b_avg) - b_avg,
        against: mention(next),
    }
}

/// At most three short reasons, about the medical pick first (it decides most of the money).
fn reasons(r: &Report, picks: &[Pick]) -> Vec<Reason> {
    let mut out = Vec::new();
    let Some(m) = picks.iter().find(|p| p.category == "medical") else {
        return out;
    };
    let Some(o) = r.options.get(m.option) else {
        return out;
    };
    // The comparison with the alternative is on the pick itself; these are the other reasons.
    match (o.worst_case, o.no_cap.is_empty()) {
        (Some(w), _) => out.push(Reason {
            text: format!(
                "In the worst case, with every out-of-pocket maximum reached, {} costs at most {} for the year, counted like its yearly total (premium included).",
                o.name,
                model::Beside::of(o).bound(w)
            ),
            why: "detail-costs",
            option: None,
        }),
        (None, false) => out.push(Reason {
            text: format!("No cap on what you could pay: {}.", o.no_cap.join("; ")),
            why: "detail-costs",
            option: None,
        }),
        (None, true) => {}
    }
    // The plan file may give the employer's money as an example amount; the sentence says so.
    let marked = if employer_money_is_example(o) {
        " (an example amount)"
    } else {
        ""
    };
    if let Some(e) = &o.expected {
        if e.hra_used > 0 {
            // "An example amount" is the credit's label: said of the credit when the year uses
            // only part of it ($356 is worked out, the $1,000 is the example).
            let text = if e.hra_used < e.hra_credit {
                format!(
                    "Its HRA pays {} of your costs for care, out of its {} credit{}.",
                    dollars(e.hra_used),
                    dollars(e.hra_credit),
                    marked
                )
            } else {
                format!(
                    "Its HRA pays the first {}{} of your costs for care.",
                    dollars(e.hra_used),
                    marked
                )
            };
            out.push(Reason {
                text,
                why: "detail-why",
                option: Some(o.id.clone()),
            });
        } else if e.employer_hsa > 0 {
            out.push(Reason {
                text: format!(
                    "Your employer puts {}{} in your HSA; it pays your care tax-free.",
                    dollars(e.employer_hsa),
                    marked
                ),
                why: "detail-why",
                option: Some(o.id.clone()),
            });
        }
    }
    // With nothing to compare it with, "the cheapest in 100% of years" says nothing; and a pick
    // made for protection that was the cheapest in fewer than half the years is not picked for it.
    // A pick traded for protection that was the cheapest in fewer than half the years says so
    // plainly, so that "costs more on average" is not the only hint.
    let traded = matches!(m.comparison, Comparison::Trade { .. });
    if out.len() < 3
        && m.comparison != Comparison::Only
        && let Some(s) = &o.simulated
        && (s.cheapest_per_10k >= 5_000 || traded)
    {
        out.push(Reason {
            text: if s.cheapest_per_10k >= 5_000 {
                format!(
                    "It was the cheapest medical plan in {} of simulated years.",
                    model::percent(s.cheapest_per_10k)
                )
            } else {
                format!(
                    "It was the cheapest medical plan in only {} of simulated years: it is picked for protection against a very bad year, not for its price.",
                    model::percent(s.cheapest_per_10k)
                )
            },
            why: "detail-charts",
            option: None,
        });
    }
    out.truncate(3);
    out
}

/// What the verdict's total is for, after the amount: one pick per kind of plan the catalog
/// has (a catalog of medical plans alone has one). When a pick is going without dental or
/// vision coverage, the picks are choices rather than plans.
pub fn total_words(v: &Verdict, r: &Report) -> &'static str {
    let without = v.picks.iter().any(|p| {
        r.options
            .get(p.option)
            .is_some_and(|o| costshare_decision::options::goes_without(&o.id))
    });
    match (v.picks.len(), without) {
        (0 | 1, _) => " a year for this plan",
        (2, false) => " a year for both plans",
        (2, true) => " a year for both choices",
        (_, false) => " a year for all three",
        (_, true) => " a year for your three choices",
    }
}

/// The phone's sticky bar: the picks' total (the verdict's own figure) and their names.
pub fn headline(v: &Verdict) -> (String, String) {
    let names: Vec<&str> = v.picks.iter().map(|p| p.name.as_str()).collect();
    (format!("{} a year", dollars(v.total)), names.join(" + "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{default_scenario, quick_report, simulated_years};

    fn report() -> Report {
        let plans = costshare_catalog::builtin().unwrap();
        quick_report(&plans, &default_scenario()).unwrap()
    }

    /// The medical pick and the option ranked after it.
    fn medical_pair(r: &Report) -> (usize, usize) {
        let medical = r
            .categories
            .iter()
            .find(|c| c.category == "medical")
            .unwrap();
        (medical.ranking[0], medical.ranking[1])
    }

    #[test]
    fn the_verdict_names_the_reports_picks_and_total() {
        let r = report();
        let v = verdict(&r, Goal::Balanced);
        assert_eq!(v.picks.len(), 3);
        for p in &v.picks {
            let c = r
                .categories
                .iter()
                .find(|c| c.category == p.category)
                .unwrap();
            assert_eq!(Some(p.option), c.recommended);
        }
        assert_eq!(v.total, r.recommended_total);
        assert!(v.reasons.len() <= 3 && !v.reasons.is_empty());
        // The worst case is the medical pick's, named so it is not read as the three plans':
        // $2,000 out-of-pocket maximum + $900 premium − $500 HRA − $257.85 tax savings =
        // $2,142.15, at most $2,143.
        assert_eq!(
            v.reasons[0].text,
            "In the worst case, with every out-of-pocket maximum reached, SHBP Health Reimbursement Arrangement (HRA) 2010 costs at most $2,143 for the year, counted like its yearly total (premium included)."
        );
        // The built-in premiums are examples.
        assert_eq!(v.example_premiums, ["medical", "dental", "vision"]);
        assert!(v.example_terms);
        // Going without coverage is said in words inside the sentence.
        let vision = v.picks.iter().find(|p| p.category == "vision").unwrap();
        assert!(
            vision
                .comparison
                .words(false)
                .ends_with("against going without a vision plan."),
            "{:?}",
            vision.comparison
        );
    }

    #[test]
    fn savings_are_the_difference_of_the_averages_the_ranking_used() {
        let mut r = report();
        let (best, next) = medical_pair(&r);
        // Without a simulation the average is the expected-year total.
        let b = r.options[best].expected.as_ref().unwrap().total;
        let n = r.options[next].expected.as_ref().unwrap().total;
        let v = verdict(&r, Goal::LowestAverage);
        assert_eq!(
            v.picks[0].comparison,
            Comparison::Saves {
                amount: n - b,
                against: r.options[next].name.clone()
            }
        );
        // A goal that picks a plan dearer on average says what it trades: here the pick costs
        // $1,300.00 on average against $1,000.00, and $2,000.00 against $3,500.00 in a very bad
        // year (the 99th percentile; the balance ranks by it too): $300 more on average to pay
        // $1,500 less.
        for (i, (mean, p99)) in [(best, (130_000, 200_000)), (next, (100_000, 350_000))] {
            r.options[i].simulated = Some(simulated_years(mean, mean + 10_000, p99, 5_000));
        }
        let v = verdict(&r, Goal::Balanced);
        let t = &v.picks[0].comparison;
        assert_eq!(
            t.words(true),
            format!(
                "Costs $300 more a year on average than {}, to pay $1,500 less in a very bad year (1 year in 100).",
                r.options[next].name
            )
        );
    }

    #[test]
    fn differences_are_those_of_the_figures_the_cards_show() {
        let mut r = report();
        let (best, next) = medical_pair(&r);
        // The cards show averages of $1,253.51 → "$1,254" and $1,560.49 → "$1,560". The exact
        // difference, $306.98, would read "$307"; the reader subtracts $1,560 − $1,254 = $306.
        for (i, mean) in [(best, 125_351), (next, 156_049)] {
            r.options[i].simulated =
                Some(simulated_years(mean, mean + 10_000, mean + 20_000, 5_000));
        }
        assert_eq!(
            verdict(&r, Goal::LowestAverage).picks[0].comparison,
            Comparison::Saves {
                amount: 30_600,
                against: r.options[next].name.clone()
            }
        );
        // A trade: the pick's average $1,300.40 → "$1,300" against $1,000.60 → "$1,001", so
        // $299 more; its very bad year, $2,000.01, is at most "$2,001", the other's $3,500.00,
        // so $1,499 less (the exact figures would say $300 and $1,500).
        for (i, (mean, p99)) in [(best, (130_040, 200_001)), (next, (100_060, 350_000))] {
            r.options[i].simulated = Some(simulated_years(mean, mean + 10_000, p99, 5_000));
        }
        assert_eq!(
            verdict(&r, Goal::Balanced).picks[0].comparison.words(true),
            format!(
                "Costs $299 more a year on average than {}, to pay $1,499 less in a very bad year (1 year in 100).",
                r.options[next].name
            )
        );
    }

    #[test]
    fn a_worst_case_that_is_the_yearly_total_is_said_to_the_cent() {
        // The HDHP costs $420.00 + $1,700.00 − $162.33 = $1,957.67 in every simulated year
        // (cards.rs has the arithmetic): its card says "$1,957.67", and so does the reason.
        let plans = costshare_catalog::builtin().unwrap();
        let r = crate::model::simulated_report(&plans, &crate::model::heavy_care(), 500);
        let v = verdict(&r, Goal::Balanced);
        let worst = v
            .reasons
            .iter()
            .find(|x| x.text.starts_with("In the worst case"))
            .unwrap();
        assert!(
            worst.text.contains("costs at most $1,957.67 for the year"),
            "{}",
            worst.text
        );
    }

    #[test]
    fn an_example_hra_credit_is_called_one() {
        let mut r = report();
        let why = |v: &Verdict| {
            v.reasons
                .iter()
                .any(|r| r.text == "Its HRA pays the first $500 of your costs for care.")
        };
        assert!(why(&verdict(&r, Goal::Balanced)));
        let hra = r
            .options
            .iter_mut()
            .find(|o| o.id == "shbp-2010-hra")
            .unwrap();
        hra.notes
            .push("Its figures rest on example values, not published ones: the HRA credit.".into());
        let v = verdict(&r, Goal::Balanced);
        assert!(
            v.reasons.iter().any(|r| r.text
                == "Its HRA pays the first $500 (an example amount) of your costs for care."),
            "{:?}",
            v.reasons
        );
        // A year that uses $356 of the $500: the example is the credit, not the $356.
        let hra = r
            .options
            .iter_mut()
            .find(|o| o.id == "shbp-2010-hra")
            .unwrap();
        if let Some(e) = hra.expected.as_mut() {
            e.hra_used = 35_600;
        }
        let v = verdict(&r, Goal::Balanced);
        assert!(
            v.reasons.iter().any(|r| r.text
                == "Its HRA pays $356 of your costs for care, out of its $500 credit (an example amount)."),
            "{:?}",
            v.reasons
        );
    }

    #[test]
    fn entered_premiums_leave_only_the_example_terms_to_mention() {
        let plans = costshare_catalog::builtin().unwrap();
        let mut s = default_scenario();
        for p in &plans {
            s.premiums.insert(
                p.file.id.clone(),
                "50".parse::<costshare_plan::Amount>().unwrap(),
            );
        }
        let v = verdict(&quick_report(&plans, &s).unwrap(), Goal::Balanced);
        // No premium is an example now; the example dental and vision plans' terms still are.
        assert!(v.example_premiums.is_empty());
        assert!(v.example_terms);
        // With the medical premiums entered, the warning names the picks still on examples.
        let mut s = default_scenario();
        for p in plans.iter().filter(|p| p.file.id.starts_with("shbp")) {
            s.premiums.insert(
                p.file.id.clone(),
                "50".parse::<costshare_plan::Amount>().unwrap(),
            );
        }
        let v = verdict(&quick_report(&plans, &s).unwrap(), Goal::Balanced);
        assert_eq!(
            example_premium_words(&v.example_premiums),
            "The dental and vision picks' premiums are examples"
        );
    }

    #[test]
    fn a_category_with_one_option_says_so() {
        let mut r = report();
        let vision = r
            .categories
            .iter_mut()
            .find(|c| c.category == "vision")
            .unwrap();
        vision.ranking.truncate(1);
        let v = verdict(&r, Goal::Balanced);
        let p = v.picks.iter().find(|p| p.category == "vision").unwrap();
        assert_eq!(p.comparison, Comparison::Only);
        assert_eq!(
            p.comparison.words(false),
            "The only option we can compare for you."
        );
    }

    #[test]
    fn the_total_says_how_many_plans_it_is_for() {
        let r = report();
        assert_eq!(
            total_words(&verdict(&r, Goal::Balanced), &r),
            " a year for all three"
        );
        // An employer's catalog of medical plans alone: one pick, no dental or vision choice.
        let medical: Vec<_> = costshare_catalog::builtin()
            .unwrap()
            .into_iter()
            .filter(|p| p.file.kind == costshare_plan::PlanKind::Medical)
            .collect();
        let r = quick_report(&medical, &default_scenario()).unwrap();
        let v = verdict(&r, Goal::Balanced);
        assert_eq!(v.picks.len(), 1);
        assert_eq!(total_words(&v, &r), " a year for this plan");
        // Zed expects no care: going without dental and vision coverage is cheapest, and those
        // are choices rather than plans.
        let zed: costshare_decision::file::HouseholdFile = costshare_plan::from_json(
            r#"{"people":[{"name":"Zed","relationship":"employee","age":30}]}"#,
        )
        .unwrap();
        let r = quick_report(&costshare_catalog::builtin().unwrap(), &zed).unwrap();
        let v = verdict(&r, Goal::LowestAverage);
        let ids: Vec<&str> = v
            .picks
            .iter()
            .map(|p| r.options[p.option].id.as_str())
            .collect();
        assert_eq!(ids[1..], ["no-dental", "no-vision"]);
        assert_eq!(total_words(&v, &r), " a year for your three choices");
    }

    #[test]
    fn a_medical_plan_without_rivals_is_not_called_the_cheapest() {
        let mut r = report();
        let medical = r
            .categories
            .iter()
            .position(|c| c.category == "medical")
            .unwrap();
        let pick = r.categories[medical].recommended.unwrap();
        r.options[pick].simulated = Some(simulated_years(100_000, 150_000, 200_000, 10_000));
        let cheapest = |v: &Verdict| {
            v.reasons
                .iter()
                .any(|r| r.text.contains("cheapest medical plan"))
        };
        // Among rivals it was the cheapest in every simulated year: worth saying.
        assert!(cheapest(&verdict(&r, Goal::Balanced)));
        // In 9,960 of 10,000 years: "99%", as the cost table says it, not "10 of 10" (always).
        r.options[pick].simulated = Some(simulated_years(100_000, 150_000, 200_000, 9_960));
        assert!(
            verdict(&r, Goal::Balanced)
                .reasons
                .iter()
                .any(|r| r.text == "It was the cheapest medical plan in 99% of simulated years.")
        );
        // In 20% of the years it is no reason for the pick; when the pick is a trade for
        // protection (it costs more on average), that is said as what it is.
        r.options[pick].simulated = Some(simulated_years(100_000, 150_000, 200_000, 2_000));
        let v = verdict(&r, Goal::Balanced);
        let traded = matches!(v.picks[0].comparison, Comparison::Trade { .. });
        assert_eq!(
            v.reasons.iter().any(|r| r.text
                == "It was the cheapest medical plan in only 20% of simulated years: it is picked for protection against a very bad year, not for its price."),
            traded
        );
        assert_eq!(cheapest(&v), traded);
        r.options[pick].simulated = Some(simulated_years(100_000, 150_000, 200_000, 10_000));
        // Alone (a retiree with Medicare has only the OAP), "100% of years" says nothing.
        r.categories[medical].ranking.retain(|&i| i == pick);
        let v = verdict(&r, Goal::Balanced);
        assert_eq!(v.picks[0].comparison, Comparison::Only);
        assert!(!cheapest(&v), "{:?}", v.reasons);
    }

    #[test]
    fn the_headline_has_the_picks_and_the_total_with_separators() {
        let r = report();
        let v = verdict(&r, Goal::Balanced);
        let (total, names) = headline(&v);
        for p in &v.picks {
            assert!(names.contains(&p.name), "{names}");
        }
        assert_eq!(total, format!("{} a year", dollars(v.total)));
    }
}
