//! The adapter's logic on JSON text, without JavaScript: testable natively. Every rule lives in
//! costshare-plan, costshare-estimate and costshare-decision; this only calls them and names
//! the failures.

#[cfg(feature = "compare")]
use costshare_decision::compare::{Settings, compare_with_progress};
#[cfg(feature = "compare")]
use costshare_decision::file::{HouseholdFile, to_model};
#[cfg(feature = "compare")]
use costshare_decision::household::{Household, HouseholdError};
#[cfg(feature = "compare")]
use costshare_decision::report::Report;
use costshare_estimate::{EstimateError, EstimateReport};
use costshare_json::{Node, join_path};
use costshare_plan::{
    ClaimsFile, LoadedPlan, OLDEST_SCHEMA_VERSION, Problem as PlanProblem, SCHEMA_VERSION,
    Severity, from_json, load_catalog, load_plan, reads_schema_version,
};
use serde::Serialize;
use std::fmt;

/// Stable error codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, tsify::Tsify)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    /// Input of the wrong type or shape, a bad amount, a plan or household with errors.
    InvalidInput,
    /// A plan or catalog with a `schema_version` this engine does not read.
    UnsupportedSchema,
    /// The plan has no tier with the id given.
    UnknownTier,
    /// A function was called before `init()` finished (raised by the JavaScript wrapper).
    NotInitialized,
    /// The wasm module could not be loaded (raised by the JavaScript wrapper).
    InitFailed,
    /// A bug: please report it.
    Internal,
}

impl ErrorCode {
    /// The code as JavaScript sees it.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidInput => "INVALID_INPUT",
            ErrorCode::UnsupportedSchema => "UNSUPPORTED_SCHEMA",
            ErrorCode::UnknownTier => "UNKNOWN_TIER",
            ErrorCode::NotInitialized => "NOT_INITIALIZED",
            ErrorCode::InitFailed => "INIT_FAILED",
            ErrorCode::Internal => "INTERNAL",
        }
    }
}

/// `error` or `warning`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, tsify::Tsify)]
#[serde(rename_all = "snake_case")]
pub enum ProblemSeverity {
    /// The input cannot be used until this is fixed.
    Error,
    /// The input works, but this deserves attention.
    Warning,
}

/// One problem, with the path of its field (`""` for the whole input).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, tsify::Tsify)]
pub struct Problem {
    /// Field path, for example `tiers[1].deductible.in_network.family`.
    pub path: String,
    /// What is wrong, in plain words.
    pub message: String,
    /// Error or warning.
    pub severity: ProblemSeverity,
}

impl Problem {
    fn error(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            path: path.into(),
            message: message.into(),
            severity: ProblemSeverity::Error,
        }
    }

    fn from_plan(p: &PlanProblem, parent: &str) -> Problem {
        let p = if parent.is_empty() {
            p.clone()
        } else {
            p.clone().within(parent)
        };
        Problem {
            path: p.path,
            message: p.message,
            severity: match p.severity {
                Severity::Error => ProblemSeverity::Error,
                Severity::Warning => ProblemSeverity::Warning,
            },
        }
    }
}

/// What `validatePlan` and `validateCatalog` return.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, tsify::Tsify)]
#[serde(rename_all = "camelCase")]
pub struct Validation {
    /// True when the document can be used (it may still have warnings).
    pub ok: bool,
    /// The document's `schema_version`, when it has a whole number there.
    pub schema_version: Option<u32>,
    /// Errors first, then warnings.
    pub problems: Vec<Problem>,
}

/// A failure, thrown to JavaScript as a `CostshareError`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// Stable code.
    pub code: ErrorCode,
    /// Path of the first problem (`""` for the whole input).
    pub path: String,
    /// Plain message.
    pub message: String,
    /// Every problem found.
    pub problems: Vec<Problem>,
}

impl ApiError {
    /// One problem.
    pub fn new(code: ErrorCode, path: impl Into<String>, message: impl Into<String>) -> ApiError {
        ApiError::from_problems(code, vec![Problem::error(path, message)])
    }

    /// From a non-empty list of problems (errors first).
    pub fn from_problems(code: ErrorCode, problems: Vec<Problem>) -> ApiError {
        // Errors first, in their order, then warnings (a partition compiles smaller than a sort).
        let (mut first, warnings): (Vec<Problem>, Vec<Problem>) = problems
            .into_iter()
            .partition(|p| p.severity == ProblemSeverity::Error);
        first.extend(warnings);
        let problems = first;
        let errors = problems
            .iter()
            .filter(|p| p.severity == ProblemSeverity::Error)
            .count();
        let first = problems
            .first()
            .cloned()
            .unwrap_or_else(|| Problem::error("", "the input is not usable"));
        let mut message = if first.path.is_empty() {
            first.message.clone()
        } else {
            format!("{}: {}", first.path, first.message)
        };
        if errors > 1 {
            let more = errors - 1;
            message.push_str(&format!(
                " (and {more} more problem{})",
                if more == 1 { "" } else { "s" }
            ));
        }
        ApiError {
            code,
            path: first.path,
            message,
            problems,
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.as_str(), self.message)
    }
}

/// The document's `schema_version` field, if the text is a JSON object that has one.
fn version_field(text: &str) -> Option<Node> {
    Node::parse(text).ok()?.get("schema_version").cloned()
}

/// A `schema_version` value as a version number, if it is a whole number that fits.
fn whole_version(v: &Node) -> Option<u32> {
    match v {
        Node::Unsigned(n) => u32::try_from(*n).ok(),
        _ => None,
    }
}

/// The document's `schema_version`: `Err` when it is a number other than the one this engine reads.
fn schema_version(text: &str, parent: &str) -> Result<Option<u32>, ApiError> {
    let Some(v) = version_field(text) else {
        return Ok(None);
    };
    if !matches!(v, Node::Unsigned(_) | Node::Signed(_) | Node::Float(_)) {
        return Ok(None);
    }
    let whole = whole_version(&v);
    if whole.is_some_and(reads_schema_version) {
        return Ok(whole);
    }
    let not = whole.map_or_else(|| "another number".to_string(), |n| n.to_string());
    Err(ApiError::new(
        ErrorCode::UnsupportedSchema,
        join_path(parent, "schema_version"),
        format!(
            "this version of costshare reads schema_version {OLDEST_SCHEMA_VERSION} to {SCHEMA_VERSION}, not {not}"
        ),
    ))
}

fn problems_error(problems: &[PlanProblem], parent: &str) -> ApiError {
    let list = problems
        .iter()
        .map(|p| Problem::from_plan(p, parent))
        .collect();
    ApiError::from_problems(ErrorCode::InvalidInput, list)
}

/// Checks a plan file's text; `parent` prefixes the paths of problems.
pub fn plan(text: &str, parent: &str) -> Result<LoadedPlan, ApiError> {
    schema_version(text, parent)?;
    load_plan(text).map_err(|ps| problems_error(&ps, parent))
}

/// Checks a catalog file's text.
pub fn catalog(text: &str, parent: &str) -> Result<Vec<LoadedPlan>, ApiError> {
    schema_version(text, parent)?;
    load_catalog(text).map_err(|ps| problems_error(&ps, parent))
}

/// `validatePlan` / `validateCatalog` on JSON text: never fails.
pub fn validate(text: &str, is_catalog: bool) -> Validation {
    let version = match schema_version(text, "") {
        Ok(v) => v,
        Err(e) => {
            let version = version_field(text).as_ref().and_then(whole_version);
            return Validation {
                ok: false,
                schema_version: version,
                problems: e.problems,
            };
        }
    };
    let outcome = if is_catalog {
        load_catalog(text).map(|plans| {
            plans
                .iter()
                .enumerate()
                .flat_map(|(i, p)| {
                    let parent = format!("plans[{i}]");
                    p.warnings
                        .iter()
                        .map(move |w| Problem::from_plan(w, &parent))
                })
                .collect::<Vec<_>>()
        })
    } else {
        load_plan(text).map(|p| {
            p.warnings
                .iter()
                .map(|w| Problem::from_plan(w, ""))
                .collect()
        })
    };
    match outcome {
        Ok(warnings) => Validation {
            ok: true,
            schema_version: version,
            problems: warnings,
        },
        Err(ps) => Validation {
            ok: false,
            schema_version: version,
            problems: ps.iter().map(|p| Problem::from_plan(p, "")).collect(),
        },
    }
}

/// `estimate` on JSON texts: the plan, and a claims file (`members`, `claims`, `hra_carryover`).
pub fn estimate(
    plan_text: &str,
    tier: &str,
    claims_text: &str,
    explain: bool,
) -> Result<EstimateReport, ApiError> {
    let loaded = plan(plan_text, "plan")?;
    let tier_index = costshare_estimate::tier_index(&loaded, tier)
        .map_err(|e| ApiError::new(ErrorCode::UnknownTier, "tier", e.to_string()))?;
    let file: ClaimsFile = from_json(claims_text).map_err(|p| problems_error(&[p], ""))?;
    let run =
        costshare_estimate::run(&loaded, tier_index, &file, explain).map_err(|e| match e {
            EstimateError::Claims(ps) => problems_error(&ps, ""),
            EstimateError::UnknownTier { .. } => {
                ApiError::new(ErrorCode::UnknownTier, "tier", e.to_string())
            }
            EstimateError::Engine(e) => {
                let path = e.path();
                let path = if path.is_empty() {
                    "members".to_string()
                } else {
                    path
                };
                ApiError::new(ErrorCode::InvalidInput, &path, e.message())
            }
        })?;
    Ok(EstimateReport::new(
        &loaded,
        tier,
        &run.resolved.members,
        &run.resolved.claims,
        &run.result,
    ))
}

#[cfg(feature = "compare")]
fn household_error(problems: Vec<HouseholdError>, overridden: &[&str]) -> ApiError {
    let list = problems
        .into_iter()
        .map(|p| {
            // A top-level `simulations` or `seed` replaced the household's own.
            let path = if overridden.contains(&p.path.as_str()) {
                p.path
            } else {
                join_path("household", &p.path)
            };
            Problem::error(path, p.message)
        })
        .collect();
    ApiError::from_problems(ErrorCode::InvalidInput, list)
}

#[cfg(feature = "compare")]
/// A checked comparison, ready to run.
#[derive(Debug)]
pub struct Prepared {
    /// The catalog.
    pub plans: Vec<LoadedPlan>,
    /// The household.
    pub household: Household,
    /// Settings, with the top-level `simulations` and `seed` applied.
    pub settings: Settings,
}

#[cfg(feature = "compare")]
/// Checks `compare`'s catalog and household texts; `simulations` and `seed` override the household's.
pub fn prepare_compare(
    catalog_text: &str,
    household_text: &str,
    simulations: Option<u32>,
    seed: Option<u64>,
) -> Result<Prepared, ApiError> {
    let plans = catalog(catalog_text, "catalog")?;
    let mut file: HouseholdFile = from_json(household_text).map_err(|p| {
        ApiError::new(
            ErrorCode::InvalidInput,
            join_path("household", &p.path),
            p.message,
        )
    })?;
    let mut overridden = Vec::new();
    if simulations.is_some() {
        file.simulations = simulations;
        overridden.push("simulations");
    }
    if seed.is_some() {
        file.seed = seed;
        overridden.push("seed");
    }
    let (household, settings) = to_model(&file).map_err(|ps| household_error(ps, &overridden))?;
    Ok(Prepared {
        plans,
        household,
        settings,
    })
}

#[cfg(feature = "compare")]
/// Runs a prepared comparison; `progress` gets the simulated years done.
pub fn run_compare(
    p: &Prepared,
    explain: bool,
    progress: &mut dyn FnMut(u32),
) -> Result<Report, ApiError> {
    let settings = Settings {
        explain,
        ..p.settings.clone()
    };
    let c = compare_with_progress(&p.plans, &p.household, &settings, progress)
        .map_err(|ps| household_error(ps, &[]))?;
    Ok(Report::new(&c, explain))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn oap() -> &'static str {
        costshare_catalog::FILES
            .iter()
            .find(|(n, _)| *n == "shbp-2010-oap.json")
            .map(|(_, t)| *t)
            .unwrap()
    }

    #[test]
    fn validates_a_good_plan_and_reports_bad_ones() {
        let v = validate(oap(), false);
        assert!(v.ok, "{v:?}");
        assert_eq!(v.schema_version, Some(2));
        // A version 1 file still reads (it is migrated).
        let v1 = oap().replacen("\"schema_version\": 2", "\"schema_version\": 1", 1);
        let v = validate(&v1, false);
        assert!(v.ok, "{v:?}");
        assert_eq!(v.schema_version, Some(1));

        let v = validate("{\"schema_version\": 1}", false);
        assert!(!v.ok);
        assert!(!v.problems.is_empty());

        let v = validate("not json", false);
        assert!(!v.ok);
        assert_eq!(v.schema_version, None);
    }

    #[test]
    fn another_schema_version_is_unsupported() {
        let old = oap().replacen("\"schema_version\": 2", "\"schema_version\": 0", 1);
        assert_ne!(old, oap());
        let e = plan(&old, "plan").unwrap_err();
        assert_eq!(e.code, ErrorCode::UnsupportedSchema);
        assert_eq!(e.path, "plan.schema_version");
        let v = validate(&old, false);
        assert!(!v.ok);
        assert_eq!(v.schema_version, Some(0));
        assert_eq!(v.problems[0].path, "schema_version");
    }

    #[test]
    fn estimates_like_the_command_line() {
        let claims = r#"{"members":[{"id":"pat","relationship":"employee","age":44}],
            "claims":[{"date":"2010-01-14","member":"pat","service":"primary_care_visit","billed":"180","allowed":"120"}]}"#;
        let r = estimate(oap(), "employee", claims, true).unwrap();
        assert_eq!(r.claims[0].copay, "35.00");
        assert_eq!(r.claims[0].plan_paid, "85.00");
        assert!(!r.claims[0].explanation.is_empty());

        let e = estimate(oap(), "nobody", claims, false).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::UnknownTier, "tier"));

        let bad = claims.replace("\"120\"", "\"12x\"");
        let e = estimate(oap(), "employee", &bad, false).unwrap_err();
        assert_eq!(e.code, ErrorCode::InvalidInput);
        assert_eq!(e.path, "claims[0].allowed");
    }

    #[test]
    #[cfg(feature = "compare")]
    fn compare_checks_the_household_and_applies_overrides() {
        let catalog = costshare_catalog::catalog_json().unwrap();
        let household = r#"{"people":[{"name":"pat","relationship":"employee","age":44}]}"#;
        let p = prepare_compare(&catalog, household, Some(0), Some(3)).unwrap();
        assert_eq!((p.settings.simulations, p.settings.seed), (0, 3));
        let report = run_compare(&p, false, &mut |_| {}).unwrap();
        assert!(!report.options.is_empty());

        let e = prepare_compare(&catalog, household, Some(300_000), None).unwrap_err();
        assert_eq!(e.path, "simulations");
        let bad = household.replace("44", "\"44\"");
        let e = prepare_compare(&catalog, &bad, None, None).unwrap_err();
        assert_eq!(e.path, "household.people[0].age");
    }
}
