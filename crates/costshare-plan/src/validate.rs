//! Checks a plan file and turns it into the engine's [`costshare_engine::Plan`].
//!
//! Every problem is collected (not just the first), each with the path of its field.

use crate::model::*;
use crate::problem::{Problem, Severity};
use crate::values::{Amount, Percent};
use costshare_engine as engine;
use costshare_engine::{Money, Rate};
use rust_decimal::prelude::ToPrimitive;
use std::sync::Arc;

/// A checked plan: the file as written, the engine's form, and any warnings. The file and the
/// engine's form are shared, so a clone (a page keeping some of a catalog's plans) copies no
/// plan and the module carries no code to copy one (issue 12: 4 KB gzip of the site's wasm).
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedPlan {
    /// The file as written.
    pub file: Arc<PlanFile>,
    /// The plan ready for [`costshare_engine::adjudicate`].
    pub plan: Arc<engine::Plan>,
    /// Surcharges in engine form.
    pub surcharges: Vec<engine::Surcharge>,
    /// Warnings (never errors).
    pub warnings: Vec<Problem>,
}

impl LoadedPlan {
    /// True when any value in the file is labeled as an example.
    pub fn has_examples(&self) -> bool {
        let f = &self.file;
        f.tiers.iter().any(|t| {
            t.deductible.as_ref().is_some_and(|d| d.example)
                || t.out_of_pocket_max.as_ref().is_some_and(|d| d.example)
                || t.hra_credit.as_ref().is_some_and(|d| d.example)
                || t.premium.as_ref().is_some_and(|d| d.example)
        }) || f.services.iter().any(|s| s.example)
            || f.limits.iter().any(|l| l.example)
            || f.drugs.as_ref().is_some_and(|d| d.example)
            || f.surcharges.iter().any(|s| s.example)
            || f.hra.as_ref().is_some_and(|h| h.example)
            || f.hsa.as_ref().is_some_and(|h| {
                h.example || h.employer_contribution.iter().any(|(_, c)| c.example)
            })
            || f.benefit_period.as_ref().is_some_and(|b| b.example)
    }

    /// True when the tier's premium is an example value.
    pub fn premium_is_example(&self, tier: usize) -> bool {
        self.file
            .tiers
            .get(tier)
            .and_then(|t| t.premium.as_ref())
            .is_some_and(|p| p.example)
    }
}

/// The longest plan name (characters).
const MAX_NAME_CHARS: usize = 120;

/// Reads and checks a plan file. On failure returns every problem found (errors first).
pub fn load_plan(json: &str) -> Result<LoadedPlan, Vec<Problem>> {
    let file: PlanFile = crate::problem::from_plan_json(json).map_err(|p| vec![p])?;
    check_plan(file)
}

/// Checks an already-parsed plan file. A version 1 file is migrated first
/// ([`crate::migrate_plan`]), so the returned `file` is always the current version.
///
/// The parts it calls are kept out of line (`#[inline(never)] // see check_plan`): inlined, they
/// made one function that Chrome's optimizing compiler worked on for over 100 ms of a first
/// visit (issue 12).
pub fn check_plan(file: PlanFile) -> Result<LoadedPlan, Vec<Problem>> {
    let file = crate::migrate::migrate_plan(file)?;
    let mut v = Checker {
        problems: Vec::new(),
        documents: file.documents.keys().cloned().collect(),
    };
    let plan = v.plan(&file);
    let surcharges = file
        .surcharges
        .iter()
        .enumerate()
        .map(|(i, s)| engine::Surcharge {
            id: s.id.clone(),
            name: s.name.clone(),
            monthly: v.money(&format!("surcharges[{i}].monthly"), s.monthly),
            condition: match s.applies_when {
                SurchargeWhen::TobaccoUse => engine::SurchargeCondition::TobaccoUse,
                SurchargeWhen::SpouseHasOtherEmployerCoverage => {
                    engine::SurchargeCondition::SpouseHasOtherEmployerCoverage
                }
            },
        })
        .collect();
    for (i, s) in file.surcharges.iter().enumerate() {
        v.source(
            &format!("surcharges[{i}].source"),
            s.source.as_ref(),
            s.example,
        );
    }
    v.problems.extend(crate::irs::check_hsa(&file));
    v.problems
        .extend(crate::irs::check_hsa_contributions(&file));
    v.problems.extend(crate::irs::check_aca(&file));
    let mut problems = v.problems;
    crate::problem::errors_first(&mut problems);
    if problems.iter().any(|p| p.severity == Severity::Error) {
        return Err(problems);
    }
    Ok(LoadedPlan {
        file: Arc::new(file),
        plan: Arc::new(plan),
        surcharges,
        warnings: problems,
    })
}

struct Checker {
    problems: Vec<Problem>,
    /// The documents' keys, in order.
    documents: Vec<String>,
}

fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

impl Checker {
    fn err(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem::error(path, message));
    }

    fn money(&mut self, path: &str, amount: Amount) -> Money {
        match Money::from_decimal(amount.0) {
            Ok(m) => m,
            Err(e) => {
                self.err(path, format!("${} {e}", amount.0));
                Money::ZERO
            }
        }
    }

    fn rate(&mut self, path: &str, p: Percent) -> Rate {
        match Rate::from_fraction(p.fraction()) {
            Some(r) => r,
            None => {
                self.err(
                    path,
                    format!("{p} must be between 0% and 100% with at most 4 decimal places"),
                );
                Rate::ZERO
            }
        }
    }

    /// A source must name a document; a value without one must be labeled an example.
    fn source(&mut self, path: &str, source: Option<&String>, example: bool) {
        match source {
            Some(s) => {
                let key = s.split_whitespace().next().unwrap_or("");
                if !self.documents.iter().any(|d| d == key) {
                    let known: Vec<&str> = self.documents.iter().map(String::as_str).collect();
                    self.err(path, format!(
                        "\"{s}\" must start with one of the documents' keys ({}), then the page, like \"{} p.12\"",
                        known.join(", "),
                        known.first().copied().unwrap_or("doc")
                    ));
                }
            }
            None if !example => self.err(
                path,
                "every number needs a source (a document key and page) or \"example\": true",
            ),
            None => {}
        }
    }

    /// Checks an id and that it is not in `seen` (the ids before it), then adds it. (A list, not a
    /// set: a set type compiles a B-tree of its own, and the lists are short.)
    fn id(&mut self, path: &str, id: &str, seen: &mut Vec<String>) {
        if !is_id(id) {
            self.err(
                path,
                format!("\"{id}\" must be 1 to 64 lowercase letters, digits, '-' or '_'"),
            );
        }
        if seen.iter().any(|s| s == id) {
            self.err(path, format!("\"{id}\" is used twice"));
        } else {
            seen.push(id.to_string());
        }
    }

    fn amounts(&mut self, path: &str, a: &IndividualFamily, family_tier: bool) -> engine::Amounts {
        let individual = self.money(&format!("{path}.individual"), a.individual);
        let family = a.family.map(|f| self.money(&format!("{path}.family"), f));
        if let Some(f) = family {
            if f < individual {
                self.err(
                    format!("{path}.family"),
                    format!(
                        "the family amount {f} is less than the individual amount {individual}"
                    ),
                );
            }
            if !family_tier {
                self.err(
                    format!("{path}.family"),
                    "a tier that covers only the employee has no family amount",
                );
            }
        } else if family_tier {
            self.err(
                format!("{path}.family"),
                "a tier that covers a spouse or children needs a family amount",
            );
        }
        engine::Amounts { individual, family }
    }

    fn network_amounts(
        &mut self,
        path: &str,
        n: &NetworkAmounts,
        family_tier: bool,
    ) -> [Option<engine::Amounts>; 2] {
        self.source(&format!("{path}.source"), n.source.as_ref(), n.example);
        let i = self.amounts(&format!("{path}.in_network"), &n.in_network, family_tier);
        let o = n
            .out_of_network
            .as_ref()
            .map(|o| self.amounts(&format!("{path}.out_of_network"), o, family_tier));
        [Some(i), o]
    }

    fn plan(&mut self, f: &PlanFile) -> engine::Plan {
        if !is_id(&f.id) {
            self.err(
                "id",
                format!(
                    "\"{}\" must be 1 to 64 lowercase letters, digits, '-' or '_'",
                    f.id
                ),
            );
        }
        if f.name.trim().is_empty() {
            self.err("name", "the plan needs a name");
        } else if f.name.chars().count() > MAX_NAME_CHARS {
            self.err(
                "name",
                format!("the plan's name is longer than {MAX_NAME_CHARS} characters; people read it on every card and table"),
            );
        }
        if f.plan_year.end < f.plan_year.start {
            self.err("plan_year.end", "the plan year ends before it starts");
        } else if f
            .plan_year
            .start
            .checked_add_months(chrono::Months::new(12))
            .is_some_and(|d| f.plan_year.end >= d)
        {
            self.err("plan_year.end", "a plan year is at most 12 months long");
        }
        if f.documents.is_empty() {
            self.err(
                "documents",
                "list at least one document the numbers come from",
            );
        }
        for (key, d) in &f.documents {
            if !is_id(key) {
                self.err(
                    format!("documents.{key}"),
                    "document keys are lowercase letters, digits, '-' or '_'",
                );
            }
            if d.title.trim().is_empty() {
                self.err(
                    format!("documents.{key}.title"),
                    "the document needs a title",
                );
            }
        }
        if let Some(rule) = &f.new_hires_may_enroll {
            self.source(
                "new_hires_may_enroll.source",
                rule.source.as_ref(),
                rule.example,
            );
        }
        for (field, rule) in [
            ("children_covered_under_age", &f.children_covered_under_age),
            ("students_covered_under_age", &f.students_covered_under_age),
        ] {
            if let Some(rule) = rule {
                self.source(
                    &format!("{field}.source"),
                    rule.source.as_ref(),
                    rule.example,
                );
                if rule.value == 0 || rule.value > 120 {
                    self.err(format!("{field}.value"), "an age limit must be 1 to 120");
                }
            }
        }
        if let (Some(children), Some(students)) =
            (&f.children_covered_under_age, &f.students_covered_under_age)
            && students.value < children.value
        {
            self.err(
                "students_covered_under_age.value",
                "the age limit for students cannot be below the limit for children",
            );
        }
        let mut reading_ids = Vec::new();
        for (i, r) in f.readings.iter().enumerate() {
            self.id(&format!("readings[{i}].id"), &r.id, &mut reading_ids);
            self.source(&format!("readings[{i}].source"), Some(&r.source), false);
        }

        // Tiers.
        if f.tiers.is_empty() {
            self.err("tiers", "the plan needs at least one coverage tier");
        }
        let mut tier_ids = Vec::new();
        let mut tiers = Vec::new();
        for (i, t) in f.tiers.iter().enumerate() {
            let p = format!("tiers[{i}]");
            self.id(&format!("{p}.id"), &t.id, &mut tier_ids);
            let family_tier = t.covers_family();
            let deductible = t.deductible.as_ref().map_or([None, None], |d| {
                self.network_amounts(&format!("{p}.deductible"), d, family_tier)
            });
            let out_of_pocket = t.out_of_pocket_max.as_ref().map_or([None, None], |d| {
                self.network_amounts(&format!("{p}.out_of_pocket_max"), d, family_tier)
            });
            // An aggregate family rule uses only the family amount: a smaller individual
            // amount on a family tier is not used, which the person writing it may not expect.
            for (what, amounts, rule, field) in [
                (
                    "deductible",
                    deductible,
                    f.family_deductible,
                    "family_deductible",
                ),
                (
                    "out_of_pocket_max",
                    out_of_pocket,
                    f.family_out_of_pocket_max,
                    "family_out_of_pocket_max",
                ),
            ] {
                for (n, net) in ["in_network", "out_of_network"].into_iter().enumerate() {
                    if let Some(engine::Amounts {
                        individual,
                        family: Some(family),
                    }) = amounts[n]
                        && rule == FamilyRule::Aggregate
                        && individual < family
                    {
                        self.problems.push(Problem::warning(
                            format!("{p}.{what}.{net}.individual"),
                            format!(
                                "not used: with {field} \"aggregate\" only the family amount {family} counts on a tier that covers a spouse or children; make it \"embedded\" for each person to stop at {individual}"
                            ),
                        ));
                    }
                }
            }
            for n in 0..2 {
                if let (Some(d), Some(o)) = (deductible[n], out_of_pocket[n])
                    && o.individual < d.individual
                {
                    let net = if n == 0 {
                        "in_network"
                    } else {
                        "out_of_network"
                    };
                    self.err(
                        format!("{p}.out_of_pocket_max.{net}.individual"),
                        format!(
                            "the out-of-pocket maximum {} is less than the deductible {}",
                            o.individual, d.individual
                        ),
                    );
                }
            }
            let coinsurance_maximum = t.coinsurance_maximum.as_ref().map_or([None, None], |c| {
                self.network_amounts(&format!("{p}.coinsurance_maximum"), c, family_tier)
            });
            for n in 0..2 {
                if let (Some(c), Some(o)) = (coinsurance_maximum[n], out_of_pocket[n])
                    && c.individual > o.individual
                {
                    let net = if n == 0 {
                        "in_network"
                    } else {
                        "out_of_network"
                    };
                    self.err(
                        format!("{p}.coinsurance_maximum.{net}.individual"),
                        format!(
                            "the coinsurance maximum {} is more than the out-of-pocket maximum {}, which also counts coinsurance",
                            c.individual, o.individual
                        ),
                    );
                }
            }
            let hra_credit = match &t.hra_credit {
                Some(c) => {
                    self.source(
                        &format!("{p}.hra_credit.source"),
                        c.source.as_ref(),
                        c.example,
                    );
                    if f.hra.is_none() {
                        self.err(
                            format!("{p}.hra_credit"),
                            "an HRA credit needs the plan's \"hra\" rules",
                        );
                    }
                    self.money(&format!("{p}.hra_credit.value"), c.value)
                }
                None => Money::ZERO,
            };
            let hra_member_first = match &t.hra_member_pays_first {
                Some(c) => {
                    self.source(
                        &format!("{p}.hra_member_pays_first.source"),
                        c.source.as_ref(),
                        c.example,
                    );
                    if f.hra.is_none() {
                        self.err(
                            format!("{p}.hra_member_pays_first"),
                            "an amount paid before the HRA needs the plan's \"hra\" rules",
                        );
                    }
                    self.money(&format!("{p}.hra_member_pays_first.value"), c.value)
                }
                None => Money::ZERO,
            };
            if let Some(prem) = &t.premium {
                self.source(
                    &format!("{p}.premium.source"),
                    prem.source.as_ref(),
                    prem.example,
                );
                self.money(&format!("{p}.premium.value"), prem.value);
            }
            if let Some(n) = t.dependents_at_most {
                if n == 0 {
                    self.err(
                        format!("{p}.dependents_at_most"),
                        "a tier for the employee alone covers neither a spouse nor children: omit dependents_at_most",
                    );
                } else if !t.covers_spouse && !t.covers_children {
                    self.err(
                        format!("{p}.dependents_at_most"),
                        "the tier covers no spouse or children for this to limit",
                    );
                }
            }
            tiers.push(engine::Tier {
                id: t.id.clone(),
                name: t.name.clone(),
                covers_spouse: t.covers_spouse,
                covers_children: t.covers_children,
                dependents_at_most: t.dependents_at_most,
                retiree: t.retiree,
                deductible,
                out_of_pocket,
                coinsurance_maximum,
                hra_credit,
                hra_member_first,
            });
        }

        // Limits.
        let mut limit_ids = Vec::new();
        let mut limits = Vec::new();
        for (i, l) in f.limits.iter().enumerate() {
            let p = format!("limits[{i}]");
            self.id(&format!("{p}.id"), &l.id, &mut limit_ids);
            self.source(&format!("{p}.source"), l.source.as_ref(), l.example);
            if l.per == LimitPer::Admission && l.scope == LimitScope::Family {
                self.err(
                    format!("{p}.scope"),
                    "a limit per admission counts one person's stay: it cannot be per family",
                );
            }
            let amount = match l.unit {
                LimitUnit::PlanDollars => {
                    if l.per == LimitPer::Admission {
                        self.err(
                            format!("{p}.unit"),
                            "a limit per admission counts days of one stay: use \"unit\": \"days\"",
                        );
                    }
                    self.money(&format!("{p}.amount"), l.amount).cents()
                }
                LimitUnit::Visits | LimitUnit::Days => {
                    if l.per == LimitPer::Admission && l.unit != LimitUnit::Days {
                        self.err(
                            format!("{p}.unit"),
                            "a limit per admission counts days of one stay: use \"unit\": \"days\"",
                        );
                    }
                    if l.amount.0.fract() != rust_decimal::Decimal::ZERO
                        || l.amount.0 > rust_decimal::Decimal::from(100_000)
                    {
                        self.err(
                            format!("{p}.amount"),
                            "visits and days are whole numbers up to 100,000",
                        );
                        0
                    } else {
                        l.amount.0.to_i64().unwrap_or(0)
                    }
                }
            };
            limits.push(engine::Limit {
                id: l.id.clone(),
                name: l.name.clone(),
                unit: match l.unit {
                    LimitUnit::Visits => engine::LimitUnit::Visits,
                    LimitUnit::Days => engine::LimitUnit::Days,
                    LimitUnit::PlanDollars => engine::LimitUnit::PlanDollars,
                },
                amount,
                period: match l.per {
                    LimitPer::Year => engine::LimitPeriod::PlanYear,
                    LimitPer::Lifetime => engine::LimitPeriod::Lifetime,
                    LimitPer::SixMonths => engine::LimitPeriod::Months(6),
                    LimitPer::TwelveMonths => engine::LimitPeriod::Months(12),
                    LimitPer::TwentyFourMonths => engine::LimitPeriod::Months(24),
                    LimitPer::ThirtySixMonths => engine::LimitPeriod::Months(36),
                    LimitPer::SixtyMonths => engine::LimitPeriod::Months(60),
                    LimitPer::Admission => engine::LimitPeriod::Admission,
                },
                scope: match l.scope {
                    LimitScope::Person => engine::LimitScope::Person,
                    LimitScope::Family => engine::LimitScope::Family,
                },
            });
        }

        // Services.
        if f.services.is_empty() {
            self.err("services", "the plan needs at least one service");
        }
        let mut service_ids = Vec::new();
        let mut services = Vec::new();
        for (i, s) in f.services.iter().enumerate() {
            let p = format!("services[{i}]");
            self.id(&format!("{p}.id"), &s.id, &mut service_ids);
            self.source(&format!("{p}.source"), s.source.as_ref(), s.example);
            if let Some(r) = &s.reading
                && !reading_ids.contains(r)
            {
                self.err(
                    format!("{p}.reading"),
                    format!("there is no reading with id \"{r}\""),
                );
            }
            if let (Some(a), Some(b)) = (s.min_age, s.max_age)
                && a > b
            {
                self.err(
                    format!("{p}.max_age"),
                    "the oldest age is below the youngest",
                );
            }
            let mut lims = Vec::new();
            for (j, id) in s.limits.iter().enumerate() {
                // The last limit with that id (ids are checked to be unique above).
                match f.limits.iter().rposition(|l| l.id == *id) {
                    Some(l) => lims.push(l),
                    None => self.err(
                        format!("{p}.limits[{j}]"),
                        format!("there is no limit with id \"{id}\""),
                    ),
                }
            }
            let benefit_in = self.benefit(&format!("{p}.in_network"), &s.in_network, f);
            let benefit_out = self.benefit(&format!("{p}.out_of_network"), &s.out_of_network, f);
            services.push(engine::Service {
                id: s.id.clone(),
                name: s.name.clone(),
                benefit: [benefit_in, benefit_out],
                limits: lims,
                requires_precertification: s.requires_precertification,
                min_age: s.min_age,
                max_age: s.max_age,
            });
        }

        let lifetime_maximum = f.lifetime_maximum.as_ref().map(|l| {
            self.source("lifetime_maximum.source", l.source.as_ref(), l.example);
            self.money("lifetime_maximum.value", l.value)
        });
        let (precertification_penalty, penalty_in_network) = match &f.precertification_penalty {
            Some(pen) => {
                self.source("precertification_penalty.source", Some(&pen.source), false);
                (
                    self.rate("precertification_penalty.rate", pen.rate),
                    pen.in_network,
                )
            }
            None => (Rate::ZERO, false),
        };
        if f.coinsurance_maximum_counts.is_some()
            && f.tiers.iter().all(|t| t.coinsurance_maximum.is_none())
        {
            self.err(
                "coinsurance_maximum_counts",
                "no tier has a \"coinsurance_maximum\" for this to apply to",
            );
        }
        if let Some(s) = &f.out_of_pocket_counts.source {
            self.source("out_of_pocket_counts.source", Some(s), false);
        }
        let family_tiers = f.tiers.iter().any(TierFile::covers_family);
        let drugs = f
            .drugs
            .as_ref()
            .map(|d| self.drugs(d, f.kind, family_tiers));
        let hra = f.hra.as_ref().map(|h| {
            self.source("hra.source", h.source.as_ref(), h.example);
            if let Some(c) = h.rollover_cap {
                self.money("hra.rollover_cap", c);
                if !h.rollover {
                    self.problems.push(Problem::warning(
                        "hra.rollover_cap",
                        "not used: with \"rollover\": false nothing rolls over",
                    ));
                }
            }
            engine::Hra {
                pays_deductible: h.pays.contains(&HraPays::Deductible),
                pays_coinsurance: h.pays.contains(&HraPays::Coinsurance),
                pays_copays: h.pays.contains(&HraPays::Copays),
                pays_drugs: h.pays.contains(&HraPays::Drugs),
                share: match h.share {
                    Some(s) => {
                        let r = self.rate("hra.share", s);
                        if r == Rate::ZERO {
                            self.err("hra.share", "an HRA that pays 0% pays nothing");
                        }
                        r
                    }
                    None => Rate::FULL,
                },
            }
        });
        if let Some(h) = &f.hsa {
            self.source("hsa.source", h.source.as_ref(), h.example);
            if h.eligible && f.hra.is_some() {
                self.err("hsa.eligible", "a plan with an HRA that pays before the deductible cannot also be HSA-qualified");
            }
            for (tier, c) in &h.employer_contribution {
                if !tier_ids.contains(tier) {
                    self.err(
                        format!("hsa.employer_contribution.{tier}"),
                        format!("there is no tier with id \"{tier}\""),
                    );
                }
                self.source(
                    &format!("hsa.employer_contribution.{tier}.source"),
                    c.source.as_ref(),
                    c.example,
                );
                self.money(&format!("hsa.employer_contribution.{tier}.value"), c.value);
            }
        }
        let benefit_period_days_out = f.benefit_period.as_ref().map(|b| {
            self.source("benefit_period.source", b.source.as_ref(), b.example);
            if b.ends_after_days_out == 0 || b.ends_after_days_out > 365 {
                self.err(
                    "benefit_period.ends_after_days_out",
                    "days out of the hospital that end a benefit period must be 1 to 365",
                );
            }
            b.ends_after_days_out
        });
        let mut surcharge_ids = Vec::new();
        for (i, s) in f.surcharges.iter().enumerate() {
            self.id(&format!("surcharges[{i}].id"), &s.id, &mut surcharge_ids);
        }

        engine::Plan {
            id: f.id.clone(),
            name: f.name.clone(),
            kind: match f.kind {
                PlanKind::Medical => engine::PlanKind::Medical,
                PlanKind::Dental => engine::PlanKind::Dental,
                PlanKind::Vision => engine::PlanKind::Vision,
            },
            year_start: f.plan_year.start,
            year_end: f.plan_year.end,
            tiers,
            deductible_rule: family_rule(f.family_deductible),
            out_of_pocket_rule: family_rule(f.family_out_of_pocket_max),
            deductible_networks: self.crediting(
                "deductible_networks",
                f.deductible_networks,
                f.networks_accumulate,
                f.tiers.iter().map(|t| t.deductible.as_ref()),
            ),
            out_of_pocket_networks: self.crediting(
                "out_of_pocket_networks",
                f.out_of_pocket_networks,
                f.networks_accumulate,
                f.tiers.iter().map(|t| t.out_of_pocket_max.as_ref()),
            ),
            out_of_pocket_counts: engine::OutOfPocketCounts {
                deductible: f.out_of_pocket_counts.deductible,
                admission_deductible: f.out_of_pocket_counts.admission_deductible,
                coinsurance: f.out_of_pocket_counts.coinsurance,
                copays: f.out_of_pocket_counts.copays,
            },
            copays_after_out_of_pocket_max: f.copays_after_out_of_pocket_max,
            coinsurance_maximum_counts_deductible: f.coinsurance_maximum_counts
                == Some(CoinsuranceMaximumCounts::DeductibleAndCoinsurance),
            lifetime_maximum,
            precertification_penalty,
            penalty_in_network,
            services,
            limits,
            drugs,
            hra,
            benefit_period_days_out,
        }
    }

    /// The networks' crediting for one accumulator; `"shared"` needs one amount for both.
    fn crediting<'t>(
        &mut self,
        field: &str,
        rule: Option<NetworkCrediting>,
        default: NetworkAccumulation,
        amounts: impl Iterator<Item = Option<&'t NetworkAmounts>>,
    ) -> engine::Crediting {
        let rule = rule.unwrap_or(match default {
            NetworkAccumulation::Separately => NetworkCrediting::Separate,
            NetworkAccumulation::Together => NetworkCrediting::CrossCredit,
        });
        if rule == NetworkCrediting::Shared {
            for (i, a) in amounts.enumerate() {
                if let Some(a) = a
                    && a.out_of_network.is_some_and(|o| o != a.in_network)
                {
                    self.err(
                        field,
                        format!(
                            "\"shared\" is one amount for both networks, but tiers[{i}] gives different in- and out-of-network amounts: use \"cross_credit\""
                        ),
                    );
                }
            }
        }
        match rule {
            NetworkCrediting::Separate => engine::Crediting::SEPARATE,
            NetworkCrediting::Shared | NetworkCrediting::CrossCredit => engine::Crediting::SHARED,
            NetworkCrediting::InNetworkCountsTowardOutOfNetwork => engine::Crediting {
                in_to_out: true,
                out_to_in: false,
            },
            NetworkCrediting::OutOfNetworkCountsTowardInNetwork => engine::Crediting {
                in_to_out: false,
                out_to_in: true,
            },
        }
    }

    #[inline(never)] // see check_plan
    fn benefit(&mut self, p: &str, b: &BenefitFile, f: &PlanFile) -> engine::Benefit {
        if !b.covered {
            let has_cost_share = b.copay.is_some()
                || b.coinsurance.is_some()
                || b.deductible.is_some()
                || b.admission_deductible.is_some()
                || b.allowance.is_some()
                || b.per_day_copay.is_some()
                || b.admission_copay.is_some()
                || b.copay_after_visits.is_some()
                || b.alternate_benefit
                || b.discount_above_allowance.is_some();
            if has_cost_share {
                self.err(p, "a service that is not covered cannot have a copay, deductible, coinsurance or allowance");
            }
            let reason = b.reason.clone().unwrap_or_default();
            if reason.trim().is_empty() {
                self.err(
                    format!("{p}.reason"),
                    "say why it is not covered, for example \"In-network coverage only\"",
                );
            }
            return engine::Benefit::NotCovered { reason };
        }
        if b.reason.is_some() {
            self.err(
                format!("{p}.reason"),
                "\"reason\" is only for services that are not covered",
            );
        }
        let deductible_applies = match b.deductible {
            Some(DeductibleRule::Applies) => true,
            Some(DeductibleRule::Waived) => false,
            None => {
                self.err(
                    format!("{p}.deductible"),
                    "say whether the deductible \"applies\" or is \"waived\"",
                );
                false
            }
        };
        let copay = b
            .copay
            .map_or(Money::ZERO, |c| self.money(&format!("{p}.copay"), c));
        let admission_deductible = b.admission_deductible.map_or(Money::ZERO, |c| {
            self.money(&format!("{p}.admission_deductible"), c)
        });
        let coinsurance = b
            .coinsurance
            .map_or(Rate::ZERO, |c| self.rate(&format!("{p}.coinsurance"), c));
        let allowance = b
            .allowance
            .map(|a| self.money(&format!("{p}.allowance"), a));
        if b.copay_timing == CopayTiming::AfterDeductible && !deductible_applies {
            self.err(
                format!("{p}.copay_timing"),
                "a copay after the deductible needs \"deductible\": \"applies\"",
            );
        }
        if b.copay_waived_if_admitted && b.copay.is_none() {
            self.err(
                format!("{p}.copay_waived_if_admitted"),
                "there is no copay to waive",
            );
        }
        let per_day_copay = b
            .per_day_copay
            .as_ref()
            .map(|d| self.per_day_copay(&format!("{p}.per_day_copay"), d));
        let admission_copay = b.admission_copay.map_or(Money::ZERO, |c| {
            self.money(&format!("{p}.admission_copay"), c)
        });
        if b.copay.is_some() && (b.per_day_copay.is_some() || b.admission_copay.is_some()) {
            self.err(
                format!("{p}.copay"),
                "a per-visit copay cannot be combined with a per-day or per-admission copay on one service: list the inpatient stay as its own service",
            );
        }
        if b.admission_copay.is_some() && admission_copay.is_zero() {
            self.err(
                format!("{p}.admission_copay"),
                "a copay per admission of $0: leave it out",
            );
        }
        let discount_above_allowance = match b.discount_above_allowance {
            Some(d) => {
                if b.allowance.is_none() {
                    self.err(
                        format!("{p}.discount_above_allowance"),
                        "a discount above the allowance needs an \"allowance\"",
                    );
                }
                if p.ends_with("out_of_network") {
                    self.err(
                        format!("{p}.discount_above_allowance"),
                        "the discount above the allowance is given by network providers only",
                    );
                }
                self.rate(&format!("{p}.discount_above_allowance"), d)
            }
            None => Rate::ZERO,
        };
        if b.alternate_benefit && f.kind != PlanKind::Dental {
            self.err(
                format!("{p}.alternate_benefit"),
                "the alternate benefit is a dental plan rule",
            );
        }
        let copay_after_visits = b.copay_after_visits.as_ref().map(|v| {
            let q = format!("{p}.copay_after_visits");
            if v.visits == 0 {
                self.err(
                    format!("{q}.visits"),
                    "give the number of visits at the usual copay (at least 1); for every visit use \"copay\"",
                );
            }
            if b.copay.is_none() {
                self.err(
                    format!("{p}.copay"),
                    "give the copay for the first visits (\"0\" for none) next to \"copay_after_visits\"",
                );
            }
            engine::CopayAfterVisits {
                visits: u32::from(v.visits),
                copay: self.money(&format!("{q}.copay"), v.copay),
                family: v.scope == LimitScope::Family,
            }
        });
        engine::Benefit::Covered(engine::CostShare {
            copay,
            copay_timing: match b.copay_timing {
                CopayTiming::BeforeDeductible => engine::CopayTiming::BeforeDeductible,
                CopayTiming::AfterDeductible => engine::CopayTiming::AfterDeductible,
            },
            copay_waived_if_admitted: b.copay_waived_if_admitted,
            copay_counts_toward_oop: b
                .copay_counts_toward_out_of_pocket_max
                .unwrap_or(f.out_of_pocket_counts.copays),
            admission_deductible,
            admission_waived_on_transfer: b.admission_deductible_waived_on_transfer,
            deductible_applies,
            coinsurance,
            allowance,
            per_day_copay,
            admission_copay,
            copay_after_visits,
            alternate_benefit: b.alternate_benefit,
            discount_above_allowance,
        })
    }

    #[inline(never)] // see check_plan
    fn per_day_copay(&mut self, p: &str, d: &PerDayCopayFile) -> engine::PerDayCopay {
        if d.days.is_empty() {
            self.err(
                format!("{p}.days"),
                "list the copay per day, for example [{\"from_day\": 1, \"to_day\": 5, \"amount\": \"150\"}]",
            );
        }
        let mut days: Vec<engine::DayRange> = Vec::new();
        for (i, r) in d.days.iter().enumerate() {
            let q = format!("{p}.days[{i}]");
            let from_day = r.from_day.unwrap_or(1);
            if from_day == 0 {
                self.err(format!("{q}.from_day"), "days of an admission count from 1");
            }
            if let Some(to) = r.to_day
                && to < from_day
            {
                self.err(
                    format!("{q}.to_day"),
                    format!("the last day {to} is before the first day {from_day}"),
                );
            }
            let amount = self.money(&format!("{q}.amount"), r.amount);
            let range = engine::DayRange {
                from_day,
                to_day: r.to_day,
                amount,
            };
            let overlaps = |a: &engine::DayRange, b: &engine::DayRange| {
                a.from_day <= b.to_day.unwrap_or(u16::MAX)
                    && b.from_day <= a.to_day.unwrap_or(u16::MAX)
            };
            if let Some(k) = days.iter().position(|o| overlaps(o, &range)) {
                self.err(
                    format!("{q}.from_day"),
                    format!("these days overlap the days of days[{k}]: each day has one copay"),
                );
            }
            days.push(range);
        }
        let per_admission = d
            .maximum_per_admission
            .map(|m| self.money(&format!("{p}.maximum_per_admission"), m));
        let per_year = d
            .maximum_per_year
            .map(|m| self.money(&format!("{p}.maximum_per_year"), m));
        for (field, max) in [
            ("maximum_per_admission", per_admission),
            ("maximum_per_year", per_year),
        ] {
            if max.is_some_and(|m| m.is_zero()) {
                self.err(
                    format!("{p}.{field}"),
                    "a maximum of $0 means no per-day copay: leave \"per_day_copay\" out",
                );
            }
        }
        if let (Some(adm), Some(year)) = (per_admission, per_year)
            && year < adm
        {
            self.err(
                format!("{p}.maximum_per_year"),
                format!("the most per year, {year}, is less than the most per admission, {adm}"),
            );
        }
        engine::PerDayCopay {
            days,
            maximum_per_admission: per_admission,
            maximum_per_year: per_year,
        }
    }

    #[inline(never)] // see check_plan
    fn drugs(&mut self, d: &DrugsFile, kind: PlanKind, family_tiers: bool) -> engine::DrugBenefit {
        if kind != PlanKind::Medical {
            self.err("drugs", "only medical plans have a drug benefit");
        }
        self.source("drugs.source", d.source.as_ref(), d.example);
        if d.tiers.is_empty() {
            self.err("drugs.tiers", "list at least one drug tier");
        }
        let mut ids = Vec::new();
        let mut tiers = Vec::new();
        for (i, t) in d.tiers.iter().enumerate() {
            let p = format!("drugs.tiers[{i}]");
            self.id(&format!("{p}.id"), &t.id, &mut ids);
            if t.fills.is_empty() {
                self.err(
                    format!("{p}.fills"),
                    "list at least one fill (channel and days of supply)",
                );
            }
            let mut shares = Vec::new();
            for (j, fill) in t.fills.iter().enumerate() {
                let q = format!("{p}.fills[{j}]");
                if fill.max_days == 0 || fill.max_days > 366 {
                    self.err(format!("{q}.max_days"), "days of supply must be 1 to 366");
                }
                if fill.copay.is_none() && fill.coinsurance.is_none() {
                    self.err(&q, "give a copay, a coinsurance, or both (\"0\" for free)");
                }
                let minimum = fill
                    .minimum
                    .map_or(Money::ZERO, |m| self.money(&format!("{q}.minimum"), m));
                let maximum = fill.maximum.map(|m| self.money(&format!("{q}.maximum"), m));
                if let Some(max) = maximum
                    && max < minimum
                {
                    self.err(format!("{q}.maximum"), "the maximum is below the minimum");
                }
                if (fill.minimum.is_some() || fill.maximum.is_some()) && fill.coinsurance.is_none()
                {
                    self.err(&q, "a minimum or maximum applies only with a coinsurance");
                }
                shares.push(engine::DrugShare {
                    channel: match fill.channel {
                        Channel::Retail => engine::Channel::Retail,
                        Channel::Mail => engine::Channel::Mail,
                    },
                    max_days: fill.max_days,
                    copay: fill
                        .copay
                        .map_or(Money::ZERO, |c| self.money(&format!("{q}.copay"), c)),
                    coinsurance: fill
                        .coinsurance
                        .map_or(Rate::ZERO, |c| self.rate(&format!("{q}.coinsurance"), c)),
                    minimum,
                    maximum,
                    network: fill.pharmacy.map(|n| match n {
                        PharmacyNetwork::Participating => engine::Network::In,
                        PharmacyNetwork::NonParticipating => engine::Network::Out,
                    }),
                });
                if fill.pharmacy == Some(PharmacyNetwork::NonParticipating)
                    && !d.non_participating_pharmacies_covered
                {
                    self.err(
                        format!("{q}.pharmacy"),
                        "fills at non-participating pharmacies are not covered (\"non_participating_pharmacies_covered\": false), so this row is never used",
                    );
                }
            }
            engine::order::sort_by_key(&mut shares, |s| {
                (
                    s.network.is_none(),
                    s.channel == engine::Channel::Mail,
                    s.max_days,
                )
            });
            if t.deductible == Some(DeductibleRule::Waived)
                && matches!(d.deductible, DrugDeductibleFile::None)
            {
                self.err(
                    format!("{p}.deductible"),
                    "drugs have no deductible here (\"deductible\": \"none\"), so there is none to waive",
                );
            }
            tiers.push(engine::DrugTier {
                id: t.id.clone(),
                name: t.name.clone(),
                shares,
                deductible_applies: t.deductible != Some(DeductibleRule::Waived),
            });
        }
        let deductible = match &d.deductible {
            DrugDeductibleFile::None => engine::DrugDeductible::None,
            DrugDeductibleFile::Medical => engine::DrugDeductible::Medical,
            DrugDeductibleFile::Separate(a) => engine::DrugDeductible::Separate(self.amounts(
                "drugs.deductible.separate",
                a,
                a.family.is_some(),
            )),
        };
        let out_of_pocket = match &d.out_of_pocket {
            DrugOutOfPocketFile::NotCounted => engine::DrugOutOfPocket::NotCounted,
            DrugOutOfPocketFile::Medical => engine::DrugOutOfPocket::Medical,
            DrugOutOfPocketFile::Separate(a) => {
                if a.family.is_none() && family_tiers {
                    self.problems.push(Problem::warning(
                            "drugs.out_of_pocket.separate.family",
                            "no family amount: on a tier that covers a spouse or children each person pays up to the individual amount, with no limit for the family together",
                        ));
                }
                engine::DrugOutOfPocket::Separate(self.amounts(
                    "drugs.out_of_pocket.separate",
                    a,
                    a.family.is_some(),
                ))
            }
        };
        let maintenance = d.maintenance.as_ref().map(|mf| {
            self.source("drugs.maintenance.source", Some(&mf.source), false);
            if mf.short_supply_days == 0 || mf.short_supply_days > 366 {
                self.err(
                    "drugs.maintenance.short_supply_days",
                    "days of supply must be 1 to 366",
                );
            }
            let after = match &mf.after {
                MaintenanceAfterFile::NotCovered => engine::MaintenanceAfter::NotCovered,
                MaintenanceAfterFile::ExtraCoinsurance(p) => {
                    let extra = self.rate("drugs.maintenance.after.extra_coinsurance", *p);
                    if extra == Rate::ZERO {
                        self.err(
                            "drugs.maintenance.after.extra_coinsurance",
                            "an extra coinsurance of 0% changes nothing: leave \"maintenance\" out",
                        );
                    }
                    engine::MaintenanceAfter::ExtraCoinsurance(extra)
                }
            };
            if !d.tiers.iter().any(|t| {
                t.fills
                    .iter()
                    .any(|f| f.channel == Channel::Mail || f.max_days > mf.short_supply_days)
            }) {
                self.err(
                    "drugs.maintenance",
                    "no tier has a mail-order or longer supply to move maintenance drugs to",
                );
            }
            engine::MaintenanceRule {
                retail_fills: mf.retail_fills,
                short_supply_days: mf.short_supply_days,
                after,
            }
        });
        if d.brand_coinsurance_base.is_some() && !d.brand_penalty {
            self.err(
                "drugs.brand_coinsurance_base",
                "this applies only with the brand-over-generic rule (\"brand_penalty\": true)",
            );
        }
        engine::DrugBenefit {
            tiers,
            deductible,
            out_of_pocket,
            brand_penalty: d.brand_penalty,
            brand_coinsurance_base: match d.brand_coinsurance_base {
                None | Some(BrandCoinsuranceBase::Generic) => engine::BrandCoinsuranceBase::Generic,
                Some(BrandCoinsuranceBase::Brand) => engine::BrandCoinsuranceBase::Brand,
            },
            preventive_skips_deductible: d.preventive_skips_deductible,
            out_of_network_covered: d.non_participating_pharmacies_covered,
            maintenance,
        }
    }
}

fn family_rule(r: FamilyRule) -> engine::FamilyRule {
    match r {
        FamilyRule::Embedded => engine::FamilyRule::Embedded,
        FamilyRule::Aggregate => engine::FamilyRule::Aggregate,
    }
}
