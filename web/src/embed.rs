//! The guide inside a host page (`<costshare-guide>`): what its attributes mean and what its events
//! carry, as plain Rust tested natively. The element itself is `public/costshare-guide.js` and
//! `crate::widget`.

use crate::verdict::Verdict;
use costshare_decision::file::{GoalFile, HouseholdFile};
use costshare_decision::report::Report;
use costshare_plan::LoadedPlan;
use serde::Serialize;
use std::sync::Arc;

/// The engine's version, as the events report it (the workspace version).
pub const ENGINE_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A problem for the host page: the `detail` of a `costshare-error` event.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EmbedError {
    /// Stable: `INVALID_ATTRIBUTE`, `INVALID_INPUT`, `INVALID_CATALOG`, `CATALOG_UNAVAILABLE`.
    pub code: &'static str,
    /// The attribute, property or field path the problem is at.
    pub path: String,
    /// What is wrong, in plain words.
    pub message: String,
}

impl EmbedError {
    pub fn new(code: &'static str, path: impl Into<String>, message: impl Into<String>) -> Self {
        EmbedError {
            code,
            path: path.into(),
            message: message.into(),
        }
    }
}

/// The `goal` attribute: `lowest-average`, `protection` or `balanced`.
pub fn parse_goal(value: &str) -> Result<GoalFile, EmbedError> {
    match value.trim() {
        "lowest-average" | "lowest_expected" => Ok(GoalFile::LowestExpected),
        "protection" | "lowest_worst_case" => Ok(GoalFile::LowestWorstCase),
        "balanced" => Ok(GoalFile::Balanced),
        other => Err(EmbedError::new(
            "INVALID_ATTRIBUTE",
            "goal",
            format!(
                "\"{}\" is not a goal; use lowest-average, protection or balanced",
                other.chars().take(40).collect::<String>()
            ),
        )),
    }
}

/// The `simulations` attribute: a whole number of simulated years, 100 to 100,000.
pub fn parse_simulations(value: &str) -> Result<u32, EmbedError> {
    match value.trim().replace([',', '_'], "").parse::<u32>() {
        Ok(n) if (100..=costshare_decision::file::MAX_SIMULATIONS).contains(&n) => Ok(n),
        _ => Err(EmbedError::new(
            "INVALID_ATTRIBUTE",
            "simulations",
            format!(
                "\"{}\" is not a number of simulated years from 100 to 100,000",
                value.chars().take(40).collect::<String>()
            ),
        )),
    }
}

/// The `plans` attribute: plan ids separated by spaces or commas; empty means all.
pub fn parse_plans(value: &str) -> Option<Vec<String>> {
    let ids: Vec<String> = value
        .split([' ', ',', '\n', '\t'])
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    (!ids.is_empty()).then_some(ids)
}

/// The plans to show: those named (in the catalog's order), and a problem naming any id the
/// catalog does not have. Nothing named, or nothing known: every plan, the same shared list (so
/// a page or worker that keeps every plan sees an unchanged catalog).
pub fn filter_plans(
    plans: &Arc<Vec<LoadedPlan>>,
    ids: Option<&[String]>,
) -> (Arc<Vec<LoadedPlan>>, Option<EmbedError>) {
    let Some(ids) = ids else {
        return (plans.clone(), None);
    };
    let unknown: Vec<&str> = ids
        .iter()
        .filter(|id| !plans.iter().any(|p| &p.file.id == *id))
        .map(String::as_str)
        .collect();
    let problem = (!unknown.is_empty()).then(|| {
        let known: Vec<&str> = plans.iter().map(|p| p.file.id.as_str()).collect();
        EmbedError::new(
            "INVALID_ATTRIBUTE",
            "plans",
            format!(
                "the catalog has no plan {}; its plans are {}",
                unknown.join(", "),
                known.join(", ")
            ),
        )
    });
    let kept: Vec<LoadedPlan> = plans
        .iter()
        .filter(|p| ids.contains(&p.file.id))
        .cloned()
        .collect();
    if kept.is_empty() {
        (plans.clone(), problem)
    } else {
        (Arc::new(kept), problem)
    }
}

/// The `detail` of a `costshare-recommendation` event: the chosen options with their yearly
/// totals (decimal strings of dollars, as the npm package's amounts are), and the engine version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Recommendation {
    pub engine_version: &'static str,
    pub plan_year: i32,
    /// True once the simulated years are in (`average` and `simulations` are then set).
    pub simulated: bool,
    pub simulations: u32,
    pub choices: Vec<Choice>,
    /// The choices' expected-year totals added up.
    pub yearly_total: String,
    /// Their average over the simulated years, when simulated.
    pub average: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Choice {
    pub category: String,
    pub plan_id: String,
    pub name: String,
    pub tier_id: Option<String>,
    pub tier: Option<String>,
    pub yearly_total: String,
    pub average: Option<String>,
    pub premium_is_example: bool,
}

impl Recommendation {
    /// Whether `self`, about to be sent after `last`, is the same choices and totals before
    /// the simulation where `last` had it: a new catalog or "Start over" with the same picks
    /// works out the quick answer again, and the simulation follows. Not sent, so that a host
    /// does not see `simulated` go false and back for the same figures. (The simulated answer
    /// that follows is sent, even when it is the same as `last`: the guide's element forgets
    /// its `recommendation` when the catalog changes.)
    pub fn repeats(&self, last: &Recommendation) -> bool {
        let quick = |r: &Recommendation| {
            let mut r = r.clone();
            r.simulated = false;
            r.simulations = 0;
            r.average = None;
            for c in &mut r.choices {
                c.average = None;
            }
            r
        };
        !self.simulated && last.simulated && quick(self) == quick(last)
    }
}

/// Dollars and cents as a decimal string: 120650 is "1206.50" (as `costshare estimate --json`
/// and the npm package write amounts).
pub fn decimal(cents: i64) -> String {
    costshare_engine::Money::from_cents(cents)
        .to_decimal()
        .to_string()
}

pub fn recommendation(r: &Report, v: &Verdict) -> Recommendation {
    let simulated = r.simulations > 0 && r.options.iter().any(|o| o.simulated.is_some());
    Recommendation {
        engine_version: ENGINE_VERSION,
        plan_year: r.year,
        simulated,
        simulations: if simulated { r.simulations } else { 0 },
        choices: v
            .picks
            .iter()
            .filter_map(|p| {
                let o = r.options.get(p.option)?;
                let e = o.expected.as_ref()?;
                Some(Choice {
                    category: p.category.clone(),
                    plan_id: o.id.clone(),
                    name: o.name.clone(),
                    tier_id: o.tier_id.clone(),
                    tier: o.tier.clone(),
                    yearly_total: decimal(e.total),
                    average: o.simulated.as_ref().map(|s| decimal(s.mean)),
                    premium_is_example: e.premium_is_example,
                })
            })
            .collect(),
        yearly_total: decimal(v.total),
        // The exact combined average, as `costshare compare --json` gives it (the page shows
        // the cards' rounded averages added up).
        average: v.average.and_then(|_| {
            let chosen: Vec<usize> = v.picks.iter().map(|p| p.option).collect();
            crate::cards::report_combination(r, &chosen)
                .and_then(|k| k.simulated)
                .map(|s| decimal(s.0))
        }),
    }
}

/// A household given by the host page (the `household` property): the household file's JSON.
pub fn parse_household(json: &str) -> Result<HouseholdFile, EmbedError> {
    crate::model::read_household(json).map_err(|p| {
        EmbedError::new(
            "INVALID_INPUT",
            format!("household.{}", p.path)
                .trim_end_matches('.')
                .to_string(),
            p.message,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{default_scenario, quick_report};
    use crate::verdict::{Goal, verdict};

    #[test]
    fn attributes_read_or_say_what_is_wrong() {
        assert_eq!(parse_goal("protection"), Ok(GoalFile::LowestWorstCase));
        assert_eq!(parse_goal(" lowest-average "), Ok(GoalFile::LowestExpected));
        let e = parse_goal("cheap<script>").unwrap_err();
        assert_eq!((e.code, e.path.as_str()), ("INVALID_ATTRIBUTE", "goal"));
        assert!(e.message.contains("lowest-average, protection or balanced"));
        assert_eq!(parse_simulations("2,000"), Ok(2000));
        assert!(parse_simulations("10").is_err());
        assert!(parse_simulations("1e9").is_err());
        assert_eq!(
            parse_plans(" a, b  c"),
            Some(vec!["a".into(), "b".into(), "c".into()])
        );
        assert_eq!(parse_plans("  "), None);
    }

    #[test]
    fn a_plan_filter_keeps_the_named_plans_and_names_unknown_ones() {
        let plans = Arc::new(costshare_catalog::builtin().unwrap());
        let ids = vec!["shbp-2010-hra".to_string(), "dental-low".into()];
        let (kept, problem) = filter_plans(&plans, Some(&ids));
        assert_eq!(kept.len(), 2);
        assert!(problem.is_none());
        let ids = vec!["shbp-2010-hra".to_string(), "nope".into()];
        let (kept, problem) = filter_plans(&plans, Some(&ids));
        assert_eq!(kept.len(), 1);
        let p = problem.unwrap();
        assert_eq!(p.path, "plans");
        assert!(
            p.message
                .starts_with("the catalog has no plan nope; its plans are ")
        );
        // Nothing known: every plan, and the problem.
        let (kept, problem) = filter_plans(&plans, Some(&["x".to_string()]));
        assert_eq!(kept.len(), plans.len());
        assert!(problem.is_some());
    }

    #[test]
    fn the_recommendation_event_carries_the_verdicts_totals_as_decimal_strings() {
        let plans = costshare_catalog::builtin().unwrap();
        let r = quick_report(&plans, &default_scenario()).unwrap();
        let v = verdict(&r, Goal::Balanced);
        let e = recommendation(&r, &v);
        assert_eq!(e.choices.len(), 3);
        assert_eq!(e.yearly_total, decimal(r.recommended_total));
        let sum: i64 = e
            .choices
            .iter()
            .map(|c| {
                let (d, c) = c.yearly_total.split_once('.').unwrap();
                d.parse::<i64>().unwrap() * 100 + c.parse::<i64>().unwrap()
            })
            .sum();
        assert_eq!(sum, r.recommended_total);
        assert!(!e.simulated && e.average.is_none());
        let json = serde_json::to_string(&e).unwrap();
        assert!(json.contains("\"engineVersion\":"));
        assert!(json.contains("\"planId\":\"shbp-2010-hra\""));
        assert_eq!(decimal(120650), "1206.50");
        assert_eq!(decimal(5), "0.05");
    }

    #[test]
    fn a_quick_answer_with_the_simulated_ones_figures_is_not_sent_again() {
        let plans = costshare_catalog::builtin().unwrap();
        let r = quick_report(&plans, &default_scenario()).unwrap();
        let quick = recommendation(&r, &verdict(&r, Goal::Balanced));
        let mut simulated = quick.clone();
        simulated.simulated = true;
        simulated.simulations = 10_000;
        simulated.average = Some("1600.00".into());
        // After the simulated answer, the quick one with the same picks and totals says nothing.
        assert!(quick.repeats(&simulated));
        // The simulated one is sent again (the element forgot it on a catalog change), and a
        // quick one with other totals is news.
        assert!(!simulated.repeats(&simulated));
        let mut other = quick.clone();
        other.yearly_total = "1.00".into();
        assert!(!other.repeats(&simulated));
        assert!(!quick.repeats(&quick));
    }

    #[test]
    fn the_events_average_is_exact_where_the_page_adds_up_rounded_cards() {
        let plans = costshare_catalog::builtin().unwrap();
        let mut r = quick_report(&plans, &default_scenario()).unwrap();
        let picks: Vec<usize> = verdict(&r, Goal::Balanced)
            .picks
            .iter()
            .map(|p| p.option)
            .collect();
        // Cards of $1,253.60, $245.60 and $104.60 read $1,254 + $246 + $105 = $1,605 on the
        // page; a host page gets the combination's exact average, $1,603.80.
        for (&i, mean) in picks.iter().zip([125_360, 24_560, 10_460]) {
            r.options[i].simulated = Some(crate::model::simulated_years(mean, mean, mean, 10_000));
        }
        r.simulations = 10_000;
        for k in &mut r.combinations {
            k.simulated = Some((160_380, 170_000, 180_000));
        }
        let v = verdict(&r, Goal::Balanced);
        assert_eq!(v.average, Some(160_500));
        assert_eq!(recommendation(&r, &v).average.as_deref(), Some("1603.80"));
    }

    #[test]
    fn a_household_object_with_a_wrong_shape_names_the_field() {
        let e = parse_household(r#"{"people": 7}"#).unwrap_err();
        assert_eq!(e.code, "INVALID_INPUT");
        assert!(e.path.starts_with("household.people"), "{e:?}");
        assert!(parse_household(&crate::model::to_json(&default_scenario())).is_ok());
    }
}
