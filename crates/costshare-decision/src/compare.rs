//! The comparison: every option's expected year, worst case, simulated risk, cost curves, and a
//! recommendation with its reasons.

pub use crate::options::{
    Category, CategoryResult, Combination, Comparison, Goal, OptionResult, PreparedView, Settings,
    WhyLine, category_of,
};

use crate::care::CareKind;
use crate::cost::{
    Ceiling, Fixed, TotalsRun, ceiling, fixed, route_for, run, suggested_hsa, year_cost,
};
use crate::curve::{CurveOption, curve};
use crate::data::{ModelData, builtin};
use crate::expected::{CareLine, expected_lines, plan_map, year_days};
use crate::household::{Eligibility, Household, HouseholdError, eligibility};
use crate::resolve::{Resolved, resolve};
use crate::simulate::{BLOCK, YearSampler, summarize};
use chrono::NaiveDate;
use costshare_engine::{ClaimKind, Money, Network, PlanKind};
use costshare_plan::LoadedPlan;

struct Prepared<'a> {
    plan: Option<&'a LoadedPlan>,
    fixed: Option<Fixed>,
    contribution: Money,
    map: Vec<Option<ClaimKind>>,
    dates: Vec<NaiveDate>,
}

impl Prepared<'_> {
    /// For an option that cannot be chosen.
    fn unavailable() -> Self {
        Prepared {
            plan: None,
            fixed: None,
            contribution: Money::ZERO,
            map: Vec::new(),
            dates: Vec::new(),
        }
    }
}

#[inline(never)] // see compare::run_stage
fn waive_cost(lines: &[CareLine], category: Category) -> Money {
    lines
        .iter()
        .filter(|l| category_of(l.kind) == category)
        .map(|l| l.billed)
        .sum()
}

fn category_of_plan(kind: PlanKind) -> Category {
    match kind {
        PlanKind::Medical => Category::Medical,
        PlanKind::Dental => Category::Dental,
        PlanKind::Vision => Category::Vision,
    }
}

/// Compares every option in the catalog for the household.
pub fn compare(
    catalog: &[LoadedPlan],
    household: &Household,
    settings: &Settings,
) -> Result<Comparison, Vec<HouseholdError>> {
    compare_with_progress(catalog, household, settings, &mut |_| {})
}

/// [`compare`], calling `progress` with the number of simulated years done, every 500 years.
pub fn compare_with_progress(
    catalog: &[LoadedPlan],
    household: &Household,
    settings: &Settings,
    progress: &mut dyn FnMut(u32),
) -> Result<Comparison, Vec<HouseholdError>> {
    let years = 0..settings.simulations;
    match run_stage(catalog, household, settings, Stage::Whole(years, progress))? {
        Outcome::Comparison(c) => Ok(*c),
        Outcome::Costs(_) => unreachable_costs(),
    }
}

/// The simulated yearly cost, in cents, of each option (in catalog order; empty for options
/// that cannot be chosen) in the simulated years `years`: whole blocks of [`BLOCK`] years (a
/// range is widened to whole blocks, and cut at `settings.simulations`). Splitting the years
/// among workers and joining the parts in order gives exactly the costs of one run:
/// [`compare_with_costs`] finishes the comparison from them.
pub fn simulate_years(
    catalog: &[LoadedPlan],
    household: &Household,
    settings: &Settings,
    years: std::ops::Range<u32>,
    progress: &mut dyn FnMut(u32),
) -> Result<Vec<Vec<i64>>, Vec<HouseholdError>> {
    let start = years.start / BLOCK * BLOCK;
    let end = years
        .end
        .div_ceil(BLOCK)
        .saturating_mul(BLOCK)
        .min(settings.simulations);
    match run_stage(
        catalog,
        household,
        settings,
        Stage::Years(start..end.max(start), progress),
    )? {
        Outcome::Costs(c) => Ok(c),
        Outcome::Comparison(_) => unreachable_costs(),
    }
}

/// [`compare`] with the simulated costs already worked out by [`simulate_years`] over all of
/// `settings.simulations` years, joined in order. Costs of the wrong shape are an error.
pub fn compare_with_costs(
    catalog: &[LoadedPlan],
    household: &Household,
    settings: &Settings,
    costs: Vec<Vec<i64>>,
) -> Result<Comparison, Vec<HouseholdError>> {
    match run_stage(catalog, household, settings, Stage::Given(costs))? {
        Outcome::Comparison(c) => Ok(*c),
        Outcome::Costs(_) => unreachable_costs(),
    }
}

/// What a run does about the simulation.
enum Stage<'p> {
    /// Simulate these years and finish the comparison.
    Whole(std::ops::Range<u32>, &'p mut dyn FnMut(u32)),
    /// Simulate these years and stop there.
    Years(std::ops::Range<u32>, &'p mut dyn FnMut(u32)),
    /// Finish from costs simulated elsewhere.
    Given(Vec<Vec<i64>>),
}

enum Outcome {
    Comparison(Box<Comparison>),
    Costs(Vec<Vec<i64>>),
}

/// Each stage gives its own outcome; the other cannot happen.
fn unreachable_costs<T>() -> Result<T, Vec<HouseholdError>> {
    Err(vec![HouseholdError {
        path: String::new(),
        message: "internal: a comparison stage gave the wrong outcome".into(),
    }])
}

/// What a claim line says about out-of-network emergency care shared as in-network care.
const NO_SURPRISES_WORDS: &str = "Emergency care from an out-of-network provider: under the No Surprises Act the plan shares its cost as in-network care, counted toward your in-network deductible and out-of-pocket maximum, and the provider may not bill you the rest.";

/// "Why this number" for an option's expected year: one line per claim, with the engine's steps.
#[inline(never)] // see run_stage
/// Which of the plan's drug tiers a fill is charged at, said on its line; a plan without the
/// tier the care names (no specialty tier) says which one it uses instead.
fn drug_tier_words(plan: &LoadedPlan, kind: CareKind, claim: &ClaimKind) -> Option<String> {
    let (crate::care::Billing::Drug(ids, _), ClaimKind::Drug(fill)) = (kind.billing(), claim)
    else {
        return None;
    };
    let tier = plan.plan.drugs.as_ref()?.tiers.get(fill.tier)?;
    Some(if ids.first() == Some(&tier.id.as_str()) {
        format!("Charged at the plan's drug tier \"{}\".", tier.name)
    } else {
        format!(
            "This plan has no {} tier: the fill is charged at its drug tier \"{}\".",
            kind.label()
                .split(',')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase(),
            tier.name
        )
    })
}

fn why_lines(
    household: &Household,
    data: &ModelData,
    lines: &[CareLine],
    expected_run: &crate::cost::Run,
    plan: &LoadedPlan,
) -> Vec<WhyLine> {
    let names = household.members();
    // A plan rule that holds for every claim of a network (in-network spending counts toward
    // the out-of-network deductible too) is said once, at the first claim it applies to, and
    // only when the year has care in both networks: otherwise it changes nothing.
    let mut said_for: Vec<Network> = Vec::new();
    let both_networks = [Network::In, Network::Out]
        .iter()
        .all(|n| expected_run.claims.iter().any(|c| c.network == *n));
    expected_run
        .adjudication
        .claims
        .iter()
        .map(|r| {
            let claim = &expected_run.claims[r.input_index];
            let line = &lines[expected_run.origin[r.input_index]];
            let event = line.event.and_then(|(e, l)| {
                let id = household.people[line.person].events.get(usize::from(e))?;
                let event = data.events.get(id)?;
                Some((event, event.lines.get(usize::from(l))?))
            });
            // In a household's table each deductible and maximum is named by whose it is: the
            // person's ("sam's deductible"), "your" for the person called You, or the family's
            // when the engine says the family's amount was the one that applied.
            let name = names[claim.member].id.as_str();
            let whose =
                (names.len() > 1 && !name.eq_ignore_ascii_case("you")).then(|| format!("{name}'s"));
            WhyLine {
                person: names[claim.member].id.clone(),
                date: claim.date,
                care: event
                    .and_then(|(_, l)| l.label.clone())
                    .unwrap_or_else(|| line.kind.label().to_string()),
                source: event.map_or_else(|| "expected care".to_string(), |(e, _)| e.label.clone()),
                network: if line.network == claim.network {
                    claim.network.words().to_string()
                } else {
                    format!(
                        "{}, shared as {}",
                        line.network.words(),
                        claim.network.words()
                    )
                },
                allowed: r.allowed,
                balance_billed: r.balance_billed,
                hra_paid: r.hra_paid,
                you_pay: r.member_paid,
                plan_pays: r.plan_paid,
                steps: (line.network != claim.network)
                    .then(|| NO_SURPRISES_WORDS.to_string())
                    .into_iter()
                    .chain(drug_tier_words(plan, line.kind, &claim.kind))
                    .chain(r.steps.iter().filter_map(|s| {
                        if let costshare_engine::Step::CountsTowardOtherNetwork {
                            network, ..
                        } = s
                        {
                            // Once per network, as the plan's rule: both amounts it credits,
                            // whichever this claim happened to add to.
                            if !both_networks || said_for.contains(network) {
                                return None;
                            }
                            let (rule, both_ways) =
                                costshare_engine::crediting_rule(&plan.plan, *network);
                            said_for.push(*network);
                            if both_ways {
                                said_for.push(network.other());
                            }
                            return Some(rule);
                        }
                        Some(s.describe_for(&plan.plan, whose.as_deref()))
                    }))
                    .collect(),
            }
        })
        .collect()
}

/// What the page says once about a baby due this year: the month the larger tier's premium
/// starts and what stays at the larger tier all year (when the baby changes a plan's tier), or
/// that the premiums count the baby all year (due in the plan year's first month); and that the
/// pregnancy's care before the plan year is last year's.
fn newborn_notice(
    catalog: &[LoadedPlan],
    r: &Resolved<'_>,
    prepared: &[Prepared<'_>],
    data: &ModelData,
) -> Option<String> {
    let due_day = r.due_day?;
    let start = crate::resolve::year_start(catalog)?;
    let month = crate::cost::birth_month(start, Some(due_day))?;
    let month = chrono::Month::try_from(u8::try_from(month).ok()?)
        .ok()?
        .name();
    let due = if r.household.baby_due_month.is_some() {
        "the month the baby is due"
    } else {
        "the month we assume for the birth (choose the month the baby is due to change it)"
    };
    // Prenatal care that falls before the plan year starts is left out.
    let delivery = data.events.get("having_a_baby")?.delivery_day()?;
    let early = if due_day < delivery {
        " Care for the pregnancy before the plan year starts belongs to last year and is not counted here."
    } else {
        ""
    };
    let changes = prepared
        .iter()
        .filter_map(|p| p.fixed.as_ref()?.before_birth.as_ref())
        .next();
    let text = match (changes, r.birth_day) {
        (Some(changes), _) => format!(
            "{}{month}, {due}: for the {} before, each premium is the one for the coverage without the baby ({}). The deductible, the out-of-pocket limit and any HRA or HSA money are counted as those of the coverage with the baby for the whole year.",
            crate::resolve::NEWBORN_PREMIUMS,
            crate::report::months(changes.months),
            changes.tier_name
        ),
        // The baby is on the coverage and born in the first month: nothing before it.
        (None, Some(day)) if crate::cost::months_before(start, day) == 0 => format!(
            "{}{month}, the plan year's first month: each premium is the one for the coverage with the baby all year.",
            crate::resolve::NEWBORN_DUE
        ),
        _ if early.is_empty() => return None,
        _ => format!("{}{month}.", crate::resolve::NEWBORN_DUE),
    };
    Some(format!("{text}{early}"))
}

/// One stage of the comparison. The functions it calls once each are kept out of line
/// (`#[inline(never)] // see compare::run_stage`): inlined, they made this one function of over
/// 40 KB of WebAssembly, which Chrome's optimizing compiler then worked on for about 190 ms of a
/// first visit, competing with the simulation for the cores (issue 12; `trace-wasm-compilation-times`).
fn run_stage(
    catalog: &[LoadedPlan],
    household: &Household,
    settings: &Settings,
    stage: Stage<'_>,
) -> Result<Outcome, Vec<HouseholdError>> {
    let mut r = resolve(catalog, household)?;
    let data = builtin().map_err(|e| {
        vec![HouseholdError {
            path: String::new(),
            message: e,
        }]
    })?;
    let lines = expected_lines(household, data, &settings.pricing, r.due_day)?;
    r.birth_day = crate::expected::birth_day(&lines, household);
    let mut options = Vec::new();
    let mut prepared = Vec::new();
    // A part of a split run needs the expected year's amounts, not its explanations.
    let explain = settings.explain && !matches!(stage, Stage::Years(..));

    for (index, plan) in catalog.iter().enumerate() {
        let category = category_of_plan(plan.plan.kind);
        let mut result = OptionResult {
            id: plan.file.id.clone(),
            name: plan.file.name.clone(),
            category,
            plan: Some(index),
            excluded: None,
            tier: None,
            tier_id: None,
            expected: None,
            ceiling: None,
            worst_case: None,
            suggested_hsa: None,
            distribution: None,
            unlisted: Vec::new(),
            notes: Vec::new(),
            why: Vec::new(),
        };
        let tier = match eligibility(plan, household) {
            Eligibility::Excluded { reason } => {
                result.excluded = Some(reason);
                options.push(result);
                prepared.push(Prepared::unavailable());
                continue;
            }
            Eligibility::Eligible { tier, notes } => {
                result.notes = notes;
                tier
            }
        };
        result.tier = Some(plan.plan.tiers[tier].name.clone());
        result.tier_id = Some(plan.plan.tiers[tier].id.clone());
        let f = fixed(plan, tier, &r);
        let route = route_for(plan.plan.kind);
        let expected_run = match run(plan, tier, household, &lines, route, explain) {
            Ok(r) => r,
            Err(e) => {
                result.excluded = Some(format!("not compared: {e}"));
                options.push(result);
                prepared.push(Prepared::unavailable());
                continue;
            }
        };
        let suggested = suggested_hsa(&f, expected_run.member_paid);
        let contribution = if f.hsa_qualified {
            household.hsa_contribution.unwrap_or(suggested)
        } else {
            Money::ZERO
        };
        if f.hsa_qualified {
            result.suggested_hsa = Some(suggested);
        }
        if plan.file.hsa.as_ref().is_some_and(|h| h.eligible) && !r.tax.hsa_allowed {
            result.notes.push("With Medicare you cannot put money in this plan's HSA or receive the employer's HSA money: none is counted.".into());
        }
        if r.medicare_primary && plan.plan.kind == PlanKind::Medical {
            result.notes.push(crate::resolve::MEDICARE_PRIMARY.into());
        }
        if let Some(problem) = &f.hsa_problem {
            // The employer's HSA money goes with the HSA: say so where there is some.
            let employer = crate::cost::employer_hsa_in_file(plan, tier);
            let not_counted = if employer > Money::ZERO {
                format!(
                    "neither HSA tax savings nor the employer's {employer} of HSA money are counted"
                )
            } else {
                "HSA tax savings are not counted".into()
            };
            result.notes.push(format!(
                "The plan is described as HSA-eligible, but {problem}; {not_counted}."
            ));
        }
        let mut examples = crate::cost::example_terms(plan, tier);
        // A surcharge's amount matters only where it applies.
        examples.extend(
            f.surcharge_items
                .iter()
                .filter(|s| s.example)
                .map(|s| format!("the {}", s.name.to_ascii_lowercase())),
        );
        if !examples.is_empty() {
            result.notes.push(format!(
                "Its figures rest on example values, not published ones: {}.",
                examples.join("; ")
            ));
        }
        if f.premium_is_example {
            // A retiree's premium comes from a pension payment, as the premium field says.
            let payment = if household.status == crate::household::Status::Retiree {
                "pension payment"
            } else {
                "paycheck"
            };
            result.notes.push(format!(
                "The premium is an example, not a published rate: enter your real premium per {payment}."
            ));
        }
        let mut unlisted: Vec<CareKind> = expected_run
            .unlisted
            .iter()
            .map(|&i| lines[i].kind)
            .collect();
        costshare_engine::order::sort_by(&mut unlisted, CareKind::cmp);
        unlisted.dedup();
        if !unlisted.is_empty() {
            let names: Vec<&str> = unlisted.iter().map(|k| k.label()).collect();
            result.notes.push(format!(
                "This plan does not list: {}; that care is counted at its full price.",
                names.join(", ")
            ));
        }
        result.unlisted = unlisted;
        let expected = year_cost(
            &f,
            &r.tax,
            expected_run.member_paid,
            expected_run.adjudication.family.hra_paid,
            contribution,
        );
        let c = match ceiling(plan, &f, &r, contribution, &expected_run) {
            Ceiling::Capped(m) => Ceiling::Capped(m.max(expected.net)),
            Ceiling::NoCap { reasons, at_least } => Ceiling::NoCap {
                reasons,
                at_least: at_least.max(expected.net),
            },
        };
        result.worst_case = c.capped();
        result.ceiling = Some(c);
        result.expected = Some(expected);
        if explain {
            result.why = why_lines(household, data, &lines, &expected_run, plan);
        }
        options.push(result);
        prepared.push(Prepared {
            plan: Some(plan),
            fixed: Some(f),
            contribution,
            map: plan_map(&plan.plan),
            dates: year_days(&plan.plan),
        });
    }

    if let Some(notice) = newborn_notice(catalog, &r, &prepared, data) {
        r.notices.push(notice);
    }

    // Going without dental or vision coverage is an option too, beside plans that can be
    // compared (where none can, there is nothing to recommend, not going without).
    for (category, id, name) in [
        (Category::Dental, "no-dental", "No dental plan"),
        (Category::Vision, "no-vision", "No vision plan"),
    ] {
        if options
            .iter()
            .any(|o| o.category == category && o.excluded.is_none())
        {
            let cost = waive_cost(&lines, category);
            let f = Fixed::nothing();
            // Eye exams go to the vision choice; a medical plan that covers one too is named,
            // since going without a vision plan would leave the exam to it.
            let medical_eye_exams: Vec<&str> = if category == Category::Vision
                && lines.iter().any(|l| l.kind == CareKind::EyeExam)
            {
                catalog
                    .iter()
                    .filter(|p| {
                        p.plan.kind == PlanKind::Medical
                            && p.plan.service_index("vision_exam").is_some()
                    })
                    .map(|p| p.file.name.as_str())
                    .collect()
            } else {
                Vec::new()
            };
            let expected = year_cost(&f, &r.tax, cost, Money::ZERO, Money::ZERO);
            options.push(OptionResult {
                id: id.into(),
                name: name.into(),
                category,
                plan: None,
                excluded: None,
                tier: None,
                tier_id: None,
                ceiling: Some(Ceiling::NoCap {
                    reasons: vec!["without a plan you pay every bill in full".into()],
                    at_least: expected.net,
                }),
                expected: Some(expected),
                worst_case: None,
                suggested_hsa: None,
                distribution: None,
                unlisted: Vec::new(),
                notes: [
                    if lines.iter().any(|l| {
                        category_of(l.kind) == category && l.network == Network::Out
                    }) {
                        format!(
                            "You pay the full price of your {} care: in-network prices for care in network, and what out-of-network providers charge for the rest.",
                            category.words()
                        )
                    } else {
                        format!(
                            "You pay the full price of your {} care (using in-network prices).",
                            category.words()
                        )
                    },
                    if medical_eye_exams.is_empty() {
                        String::new()
                    } else {
                        format!(
                            "Some medical plans also pay for a routine eye exam ({}): without a vision plan, that plan's share of the exam would come off this total, which counts each exam at its full price.",
                            medical_eye_exams.join("; ")
                        )
                    },
                ]
                .into_iter()
                .filter(|n| !n.is_empty())
                .collect(),
                why: Vec::new(),
            });
            prepared.push(Prepared {
                plan: None,
                fixed: Some(f),
                contribution: Money::ZERO,
                map: Vec::new(),
                dates: Vec::new(),
            });
        }
    }

    let n = settings.simulations as usize;
    let costs = match stage {
        Stage::Years(years, progress) => {
            return Ok(Outcome::Costs(simulate_range(
                &r, data, settings, &options, &prepared, years, progress,
            )));
        }
        Stage::Whole(years, progress) if n > 0 => {
            simulate_range(&r, data, settings, &options, &prepared, years, progress)
        }
        Stage::Whole(..) => Vec::new(),
        Stage::Given(costs) => {
            let fits = costs.len() == options.len()
                && costs
                    .iter()
                    .zip(&options)
                    .zip(&prepared)
                    .all(|((c, o), p)| {
                        c.len()
                            == if o.eligible() && p.fixed.is_some() {
                                n
                            } else {
                                0
                            }
                    });
            if !fits {
                return Err(vec![HouseholdError {
                    path: String::new(),
                    message: format!(
                        "the simulated costs given do not fit: {} options by {n} years expected",
                        options.len()
                    ),
                }]);
            }
            costs
        }
    };
    if n > 0 {
        set_distributions(&mut options, &costs, n);
    }
    let combinations = combine(&options, &costs, settings.goal);

    // Cost curves for eligible medical options, from the household's own medical year.
    let medical: Vec<CurveOption<'_>> = options
        .iter()
        .enumerate()
        .filter(|(_, o)| o.category == Category::Medical && o.eligible())
        .filter_map(|(i, _)| {
            let p = &prepared[i];
            Some(CurveOption {
                option: i,
                plan: p.plan?,
                fixed: p.fixed.as_ref()?,
                hsa_contribution: p.contribution,
            })
        })
        .collect();
    let max_oop = medical
        .iter()
        .filter_map(|o| {
            o.plan.plan.tiers[o.fixed.tier].out_of_pocket[0]
                .map(|a| a.family.unwrap_or(a.individual))
        })
        .max()
        .unwrap_or(Money::from_dollars(10_000));
    let medical_lines: Vec<CareLine> = lines
        .iter()
        .filter(|l| category_of(l.kind) == Category::Medical)
        .copied()
        .collect();
    let expected_medical: Money = medical_lines.iter().map(|l| l.allowed).sum();
    let max_spend = Money::from_cents(
        (max_oop.cents() * 6)
            .max(expected_medical.cents() * 2)
            .clamp(1_000_000, 40_000_000),
    );
    let recommended_medical = crate::recommend::rank(Category::Medical, &options, settings.goal)
        .first()
        .copied();
    let curves = curve(
        &medical,
        &r,
        &medical_lines,
        max_spend,
        80,
        recommended_medical,
    );

    let expected_allowed: Money = lines.iter().map(|l| l.allowed).sum();
    let mut categories = Vec::new();
    for category in [Category::Medical, Category::Dental, Category::Vision] {
        if options.iter().any(|o| o.category == category) {
            categories.push(crate::recommend::recommend(
                category,
                &options,
                settings,
                &curves,
                &r,
                &lines,
                &prepared_view(&prepared),
            ));
        }
    }
    let combined_expected = categories
        .iter()
        .filter_map(|c| c.recommended)
        .filter_map(|i| options[i].expected.as_ref().map(|e| e.net))
        .sum();
    Ok(Outcome::Comparison(Box::new(Comparison {
        options,
        categories,
        curve: curves,
        expected_allowed,
        combined_expected,
        combinations,
        simulations: settings.simulations,
        seed: settings.seed,
        year: r.year,
        notices: r.notices.iter().chain(&r.tax.notes).cloned().collect(),
    })))
}

fn prepared_view<'a>(prepared: &'a [Prepared<'a>]) -> Vec<PreparedView<'a>> {
    prepared
        .iter()
        .map(|p| PreparedView {
            plan: p.plan,
            fixed: p.fixed.as_ref(),
            contribution: p.contribution,
        })
        .collect()
}

/// Simulates the years `years` (whole blocks of [`BLOCK`], see [`simulate_years`]); returns
/// each option's cost in cents per simulated year (empty for options that cannot be chosen).
#[allow(clippy::too_many_arguments)]
fn simulate_range(
    r: &Resolved<'_>,
    data: &ModelData,
    settings: &Settings,
    options: &[OptionResult],
    prepared: &[Prepared<'_>],
    years: std::ops::Range<u32>,
    progress: &mut dyn FnMut(u32),
) -> Vec<Vec<i64>> {
    let household = r.household;
    let n = years.len();
    let members = household.members();
    let mut costs: Vec<Vec<i64>> = vec![Vec::with_capacity(n); options.len()];
    let mut sampler =
        YearSampler::new(household, data, &settings.pricing, settings.seed).due_on(r.due_day);
    let mut lines = Vec::new();
    // One set of buffers per option, so each keeps the shape of its plan from year to year.
    let mut totals: Vec<TotalsRun> = options.iter().map(|_| TotalsRun::default()).collect();
    // Each simulated year's lines, split by the category that pays for them.
    let mut by_category: [Vec<CareLine>; 3] = Default::default();
    let slot = |c: Category| match c {
        Category::Medical => 0,
        Category::Dental => 1,
        Category::Vision => 2,
    };
    for year in years.clone() {
        let done = year - years.start;
        if done.is_multiple_of(500) && done > 0 {
            progress(done);
        }
        if year.is_multiple_of(BLOCK) || year == years.start {
            sampler.start_block(year / BLOCK);
        }
        sampler.year(&mut lines);
        for v in by_category.iter_mut() {
            v.clear();
        }
        for l in &lines {
            by_category[slot(category_of(l.kind))].push(*l);
        }
        for (i, o) in options.iter().enumerate() {
            if !o.eligible() {
                continue;
            }
            let p = &prepared[i];
            let Some(f) = p.fixed.as_ref() else { continue };
            let mine = &by_category[slot(o.category)];
            let paid = match p.plan {
                Some(plan) => {
                    match totals[i].member_paid(
                        plan,
                        f.tier,
                        &members,
                        &p.map,
                        &p.dates,
                        mine,
                        route_for(plan.plan.kind),
                    ) {
                        Ok(paid) => paid,
                        // A simulated year the engine refuses (an amount past its limits) is
                        // counted as the year's full price, so every option keeps one cost per
                        // year and the years stay aligned across options.
                        Err(_) => mine.iter().map(|l| l.billed).sum(),
                    }
                }
                None => mine.iter().map(|l| l.billed).sum(),
            };
            costs[i].push(
                year_cost(f, &r.tax, paid, Money::ZERO, p.contribution)
                    .net
                    .cents(),
            );
        }
    }
    progress(n as u32);
    costs
}

/// Each eligible option's distribution over the `n` simulated years, and its chance of being
/// the cheapest of its category.
#[inline(never)] // see compare::run_stage
fn set_distributions(options: &mut [OptionResult], costs: &[Vec<i64>], n: usize) {
    for category in [Category::Medical, Category::Dental, Category::Vision] {
        let members_of: Vec<usize> = (0..options.len())
            .filter(|&i| options[i].category == category && costs[i].len() == n && n > 0)
            .collect();
        if members_of.is_empty() {
            continue;
        }
        // Each year's lowest cost in the category, and how many options share it.
        let mut best: Vec<i64> = costs[members_of[0]].clone();
        for &i in &members_of[1..] {
            for (b, &c) in best.iter_mut().zip(&costs[i]) {
                *b = (*b).min(c);
            }
        }
        let mut tied = vec![0u64; n];
        for &i in &members_of {
            for ((t, &b), &c) in tied.iter_mut().zip(&best).zip(&costs[i]) {
                *t += u64::from(c == b);
            }
        }
        for &i in &members_of {
            let share: u64 = costs[i]
                .iter()
                .zip(&best)
                .zip(&tied)
                .filter(|((c, b), _)| c == b)
                .map(|(_, &t)| 1_000_000 / t.max(1))
                .sum();
            options[i].distribution = Some(summarize(&costs[i], &best, share));
        }
    }
}

/// Every combination of one eligible option per category, ranked for the goal.
#[inline(never)] // see compare::run_stage
fn combine(options: &[OptionResult], costs: &[Vec<i64>], goal: Goal) -> Vec<Combination> {
    let mut combos: Vec<Vec<usize>> = vec![Vec::new()];
    for category in [Category::Medical, Category::Dental, Category::Vision] {
        let choices: Vec<usize> = (0..options.len())
            .filter(|&i| options[i].category == category && options[i].eligible())
            .collect();
        if choices.is_empty() {
            continue;
        }
        combos = combos
            .iter()
            .flat_map(|c| choices.iter().map(move |&i| [c.as_slice(), &[i]].concat()))
            .collect();
    }
    let mut out: Vec<(i64, Combination)> = combos
        .into_iter()
        .filter(|c| !c.is_empty())
        .map(|c| {
            let expected: Money = c
                .iter()
                .filter_map(|&i| options[i].expected.as_ref().map(|e| e.net))
                .sum();
            let n = costs.iter().map(Vec::len).max().unwrap_or(0);
            let simulated = (n > 0 && c.iter().all(|&i| costs[i].len() == n)).then(|| {
                // The combination's cost each year: its options' costs added year by year.
                let mut year = vec![0i64; n];
                for &i in &c {
                    for (y, &cost) in year.iter_mut().zip(&costs[i]) {
                        *y += cost;
                    }
                }
                let mean = Money::from_cents(year.iter().sum()).mul_div(1, n as i64);
                let [p90, p99] = crate::simulate::percentiles(&mut year, [90, 99]);
                (mean, Money::from_cents(p90), Money::from_cents(p99))
            });
            let score = match simulated {
                Some((mean, _, p99)) => crate::recommend::goal_score(mean, p99, goal),
                None => expected.cents().saturating_mul(100),
            };
            (
                score,
                Combination {
                    options: c,
                    expected,
                    simulated,
                },
            )
        })
        .collect();
    costshare_engine::order::sort_by_key(&mut out, |(score, c)| (*score, c.expected));
    out.into_iter().map(|(_, c)| c).collect()
}
