//! costshare's file formats.
//!
//! - Plan files ([`PlanFile`], format version [`SCHEMA_VERSION`]): read with [`load_plan`], which
//!   reports every problem with its field path and returns the engine's form of the plan.
//! - Catalogs ([`CatalogFile`]): several plans in one file, as an employer publishes them.
//! - Claims files ([`ClaimsFile`]): a household and its dated claims.
//! - JSON Schemas for all three ([`plan_schema`], [`catalog_schema`], [`claims_schema`]).
//!
//! This is the only crate that knows these formats; the engine never sees JSON.
#![warn(missing_docs)]

mod claims;
mod irs;
mod migrate;
mod model;
mod problem;
mod validate;
mod values;

pub use claims::*;
pub use irs::{
    IrsYear, PREVENTIVE_SERVICES, SERVICE_IDS_HINT, TELEHEALTH_SERVICES, check_hsa,
    check_hsa_contributions, irs_year, irs_years, telehealth_before_deductible,
};
pub use migrate::{migrate_json, migrate_plan, reads_schema_version};
pub use model::*;
pub use problem::{Problem, Severity, from_json};
pub use validate::{LoadedPlan, check_plan, load_plan};
pub use values::{Amount, Percent};

use costshare_json::FromJson;
use schemars::JsonSchema;
use serde::Serialize;

/// A catalog: the plans an employer offers, in one file.
#[derive(Clone, Debug, PartialEq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct CatalogFile {
    /// Format version: 2 (a version 1 catalog is read and migrated).
    pub schema_version: u32,
    /// Name shown to people, for example "State Health Benefit Plan 2010".
    pub name: String,
    /// The plans.
    pub plans: Vec<PlanFile>,
}

/// Reads and checks a catalog. Problems carry paths such as `plans[2].tiers[0].id`.
pub fn load_catalog(json: &str) -> Result<Vec<LoadedPlan>, Vec<Problem>> {
    let file: CatalogFile =
        problem::from_plan_json(json).map_err(|p| each_plans_problems(json, p))?;
    let mut problems = Vec::new();
    if !reads_schema_version(file.schema_version) {
        problems.push(Problem::error(
            "schema_version",
            migrate::unsupported_version(file.schema_version),
        ));
    }
    if file.plans.is_empty() {
        problems.push(Problem::error("plans", "the catalog has no plans"));
    }
    let mut plans = Vec::new();
    for (i, plan) in file.plans.into_iter().enumerate() {
        if plans.iter().any(|p: &LoadedPlan| p.file.id == plan.id) {
            problems.push(Problem::error(
                format!("plans[{i}].id"),
                format!("\"{}\" is used twice", plan.id),
            ));
        }
        match check_plan(plan) {
            Ok(p) => plans.push(p),
            Err(ps) => problems.extend(ps.into_iter().map(|p| p.within(&format!("plans[{i}]")))),
        }
    }
    if problems.iter().any(|p| p.severity == Severity::Error) {
        problem::errors_first(&mut problems);
        return Err(problems);
    }
    Ok(plans)
}

/// The problems of a catalog that could not be read as one: `first` (where reading stopped),
/// and when it is in a plan, every plan read on its own, so that a problem in one plan does not
/// hide those of the others (each plan's first reading problem, or its checks' problems).
#[inline(never)]
fn each_plans_problems(json: &str, first: Problem) -> Vec<Problem> {
    let plans = match costshare_json::Node::parse(json) {
        Ok(node) if first.path.starts_with("plans[") => match node.get("plans") {
            Some(costshare_json::Node::Array(plans)) => plans.clone(),
            _ => return vec![first],
        },
        _ => return vec![first],
    };
    let mut problems = Vec::new();
    for (i, plan) in plans.iter().enumerate() {
        let within = format!("plans[{i}]");
        match PlanFile::from_json(plan) {
            Ok(file) => {
                if let Err(ps) = check_plan(file) {
                    problems.extend(ps.into_iter().map(|p| p.within(&within)));
                }
            }
            Err(e) => {
                problems.push(problem::explain(Problem::error(e.path, e.message)).within(&within))
            }
        }
    }
    problem::errors_first(&mut problems);
    problems
}

/// JSON Schema of a plan file.
pub fn plan_schema() -> String {
    serde_json::to_string_pretty(&schemars::schema_for!(PlanFile)).unwrap_or_default()
}

/// JSON Schema of a catalog file.
pub fn catalog_schema() -> String {
    serde_json::to_string_pretty(&schemars::schema_for!(CatalogFile)).unwrap_or_default()
}

/// JSON Schema of a claims file.
pub fn claims_schema() -> String {
    serde_json::to_string_pretty(&schemars::schema_for!(ClaimsFile)).unwrap_or_default()
}
