//! Format versions: which ones this crate reads, and how a version 1 file becomes version 2.
//!
//! Version 2 only adds optional fields (each defaults to what version 1 did), so a version 1
//! file means exactly the same in version 2: migrating it changes `schema_version` and nothing
//! else. A version 1 file that uses a field added in version 2 is an error at that field, so an
//! old reader's file is never read with a meaning its writer could not have intended.

use crate::model::{OLDEST_SCHEMA_VERSION, PlanFile, SCHEMA_VERSION};
use crate::problem::{Problem, from_json};
use crate::{CatalogFile, check_plan};

/// True when this crate reads plan and catalog files of format version `version`.
pub fn reads_schema_version(version: u32) -> bool {
    (OLDEST_SCHEMA_VERSION..=SCHEMA_VERSION).contains(&version)
}

pub(crate) fn unsupported_version(version: u32) -> String {
    format!(
        "this version of costshare reads schema_version {OLDEST_SCHEMA_VERSION} to {SCHEMA_VERSION}, not {version}"
    )
}

/// Turns a plan file of any version this crate reads into the current version.
///
/// # Errors
///
/// An unknown version, or a version 1 file that uses fields added in version 2 (each problem at
/// its field).
#[inline(never)] // see validate::check_plan
pub fn migrate_plan(mut file: PlanFile) -> Result<PlanFile, Vec<Problem>> {
    if !reads_schema_version(file.schema_version) {
        return Err(vec![Problem::error(
            "schema_version",
            unsupported_version(file.schema_version),
        )]);
    }
    if file.schema_version == 1 {
        let newer: Vec<Problem> = version_2_fields(&file)
            .into_iter()
            .map(|path| {
                Problem::error(
                    path,
                    "this field was added in plan format version 2: set \"schema_version\": 2",
                )
            })
            .collect();
        if !newer.is_empty() {
            return Err(newer);
        }
    }
    file.schema_version = SCHEMA_VERSION;
    Ok(file)
}

/// Migrates a plan file or a catalog file (JSON text) to the current version and returns the
/// new file's text. The file is checked first: a file with errors is not migrated. Only the
/// `schema_version` numbers change; the rest of the text (order, spacing, omitted defaults)
/// stays as written.
///
/// # Errors
///
/// Every problem found, with its field path (`plans[1].…` inside a catalog).
pub fn migrate_json(text: &str) -> Result<String, Vec<Problem>> {
    let value: costshare_json::Node = from_json(text).map_err(|p| vec![p])?;
    if value.get("plans").is_some() {
        let mut catalog: CatalogFile = crate::problem::from_plan_json(text).map_err(|p| vec![p])?;
        if !reads_schema_version(catalog.schema_version) {
            return Err(vec![Problem::error(
                "schema_version",
                unsupported_version(catalog.schema_version),
            )]);
        }
        catalog.schema_version = SCHEMA_VERSION;
        let mut problems = Vec::new();
        for (i, plan) in catalog.plans.iter_mut().enumerate() {
            match check_plan(plan.clone()) {
                Ok(loaded) => *plan = std::sync::Arc::unwrap_or_clone(loaded.file),
                Err(ps) => {
                    problems.extend(ps.into_iter().map(|p| p.within(&format!("plans[{i}]"))));
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let rewritten = rewrite_versions(text);
        if from_json::<CatalogFile>(&rewritten).ok().as_ref() == Some(&catalog) {
            return Ok(rewritten);
        }
        return to_text(&catalog);
    }
    let plan: PlanFile = crate::problem::from_plan_json(text).map_err(|p| vec![p])?;
    let migrated = std::sync::Arc::unwrap_or_clone(check_plan(plan)?.file);
    let rewritten = rewrite_versions(text);
    if from_json::<PlanFile>(&rewritten).ok().as_ref() == Some(&migrated) {
        return Ok(rewritten);
    }
    to_text(&migrated)
}

/// The text with every `"schema_version": <n>` set to the current version.
fn rewrite_versions(text: &str) -> String {
    const KEY: &str = "\"schema_version\"";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(KEY) {
        let (before, after) = rest.split_at(i + KEY.len());
        out.push_str(before);
        let colon = after.len() - after.trim_start().len();
        let after_colon = &after[colon..];
        let Some(value) = after_colon.strip_prefix(':') else {
            rest = after;
            continue;
        };
        let spaces = value.len() - value.trim_start().len();
        let digits = value[spaces..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(value.len() - spaces);
        out.push_str(&after[..colon + 1 + spaces]);
        if digits == 0 {
            rest = &value[spaces..];
            continue;
        }
        out.push_str(&SCHEMA_VERSION.to_string());
        rest = &value[spaces + digits..];
    }
    out.push_str(rest);
    out
}

fn to_text<T: serde::Serialize>(value: &T) -> Result<String, Vec<Problem>> {
    serde_json::to_string_pretty(value)
        .map(|s| s + "\n")
        .map_err(|e| vec![Problem::error("", e.to_string())])
}

/// Paths of the fields a file uses that format version 1 does not have.
fn version_2_fields(f: &PlanFile) -> Vec<String> {
    let mut used = Vec::new();
    for (i, t) in f.tiers.iter().enumerate() {
        if t.coinsurance_maximum.is_some() {
            used.push(format!("tiers[{i}].coinsurance_maximum"));
        }
        if t.hra_member_pays_first.is_some() {
            used.push(format!("tiers[{i}].hra_member_pays_first"));
        }
        if t.dependents_at_most.is_some() {
            used.push(format!("tiers[{i}].dependents_at_most"));
        }
    }
    if f.hra.as_ref().is_some_and(|h| h.share.is_some()) {
        used.push("hra.share".to_string());
    }
    if f.benefit_period.is_some() {
        used.push("benefit_period".to_string());
    }
    if f.coinsurance_maximum_counts.is_some() {
        used.push("coinsurance_maximum_counts".to_string());
    }
    if f.deductible_networks.is_some() {
        used.push("deductible_networks".to_string());
    }
    if f.out_of_pocket_networks.is_some() {
        used.push("out_of_pocket_networks".to_string());
    }
    for (i, s) in f.services.iter().enumerate() {
        for (net, b) in [
            ("in_network", &s.in_network),
            ("out_of_network", &s.out_of_network),
        ] {
            if b.per_day_copay.is_some() {
                used.push(format!("services[{i}].{net}.per_day_copay"));
            }
            if b.admission_copay.is_some() {
                used.push(format!("services[{i}].{net}.admission_copay"));
            }
            if b.discount_above_allowance.is_some() {
                used.push(format!("services[{i}].{net}.discount_above_allowance"));
            }
            if b.alternate_benefit {
                used.push(format!("services[{i}].{net}.alternate_benefit"));
            }
            if b.copay_after_visits.is_some() {
                used.push(format!("services[{i}].{net}.copay_after_visits"));
            }
        }
    }
    for (i, l) in f.limits.iter().enumerate() {
        if l.per == crate::model::LimitPer::Admission {
            used.push(format!("limits[{i}].per"));
        }
    }
    if let Some(d) = &f.drugs {
        for (i, t) in d.tiers.iter().enumerate() {
            if t.deductible.is_some() {
                used.push(format!("drugs.tiers[{i}].deductible"));
            }
            for (j, f) in t.fills.iter().enumerate() {
                if f.pharmacy.is_some() {
                    used.push(format!("drugs.tiers[{i}].fills[{j}].pharmacy"));
                }
            }
        }
        if d.maintenance.is_some() {
            used.push("drugs.maintenance".to_string());
        }
        if d.brand_coinsurance_base.is_some() {
            used.push("drugs.brand_coinsurance_base".to_string());
        }
    }
    used
}
