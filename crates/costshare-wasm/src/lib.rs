//! costshare for JavaScript: a thin wasm-bindgen adapter over costshare-plan, costshare-estimate
//! and costshare-decision. Documents (plans, catalogs, claims, households) go through
//! `JSON.stringify` into the same loaders the command line uses, so they are checked exactly like
//! files; the envelopes and every result cross with serde-wasm-bindgen. Nothing here panics on
//! input: every failure is a `CostshareError` (see `logic::ApiError`).
#![warn(missing_docs)]

pub mod logic;

use crate::logic::{ApiError, ErrorCode, Validation};
#[cfg(feature = "compare")]
use costshare_decision::report::Report;
use costshare_estimate::EstimateReport;
use js_sys::{Error, JSON, Reflect};
use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

/// What `estimate` takes: a plan file, a tier id and a claims file's members and claims.
#[derive(Deserialize, Tsify)]
pub struct EstimateInput {
    /// The plan, as a plan file object (or its JSON text).
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "PlanFile | string")]
    pub plan: JsValue,
    /// Coverage tier id, for example `employee` or `family`.
    pub tier: String,
    /// Everyone covered, the employee first.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "MemberFile[]")]
    pub members: JsValue,
    /// Claim lines, applied by date, then in this order.
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "ClaimFile[]")]
    pub claims: JsValue,
    /// HRA money carried over from earlier years, like `"250"`.
    #[serde(default, with = "serde_wasm_bindgen::preserve")]
    #[tsify(optional, type = "string")]
    pub hra_carryover: JsValue,
    /// Explain every claim step by step (default false).
    #[serde(default)]
    #[tsify(optional)]
    pub explain: bool,
}

#[cfg(feature = "compare")]
/// What `compare` takes.
#[derive(Deserialize, Tsify)]
pub struct CompareInput {
    /// The plans to compare, as a catalog file object (or its JSON text).
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "CatalogFile | string")]
    pub catalog: JsValue,
    /// The household, in the household file's shape (or its JSON text).
    #[serde(with = "serde_wasm_bindgen::preserve")]
    #[tsify(type = "HouseholdFile | string")]
    pub household: JsValue,
    /// Simulated years (default: the household's, else 10,000; 0 skips the simulation).
    #[serde(default)]
    #[tsify(optional)]
    pub simulations: Option<u32>,
    /// Simulation seed (default: the household's, else 2010).
    #[serde(default)]
    #[tsify(optional)]
    pub seed: Option<u64>,
    /// Keep each option's expected year claim by claim in `why` (default false).
    #[serde(default)]
    #[tsify(optional)]
    pub explain: bool,
}

fn set(target: &JsValue, key: &str, value: &JsValue) {
    // Setting a property on a fresh object cannot fail; ignore it if it somehow does.
    let _ = Reflect::set(target, &JsValue::from_str(key), value);
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, ApiError> {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true);
    value
        .serialize(&serializer)
        .map_err(|e| ApiError::new(ErrorCode::Internal, "", e.to_string()))
}

/// The `CostshareError` a failure becomes: a real `Error` with `code`, `path` and `problems`.
fn js_error(e: &ApiError) -> JsValue {
    let err = Error::new(&e.message);
    err.set_name("CostshareError");
    let value: JsValue = err.into();
    set(&value, "code", &JsValue::from_str(e.code.as_str()));
    set(&value, "path", &JsValue::from_str(&e.path));
    let problems = to_js(&e.problems).unwrap_or_else(|_| js_sys::Array::new().into());
    set(&value, "problems", &problems);
    value
}

/// A document's JSON text: a string is taken as JSON text, anything else goes through
/// `JSON.stringify`, so it is read exactly like a file.
fn document(value: &JsValue, path: &str) -> Result<String, ApiError> {
    match value.as_string() {
        Some(text) => Ok(text),
        None => json(value, path),
    }
}

/// A value as JSON text, through `JSON.stringify`.
fn json(value: &JsValue, path: &str) -> Result<String, ApiError> {
    if value.is_undefined() || value.is_null() {
        let what = if path.is_empty() {
            "nothing was given"
        } else {
            "is missing"
        };
        return Err(ApiError::new(ErrorCode::InvalidInput, path, what));
    }
    match JSON::stringify(value) {
        Ok(s) => s.as_string().ok_or_else(|| {
            ApiError::new(
                ErrorCode::InvalidInput,
                path,
                "must be a value that can be written as JSON",
            )
        }),
        Err(e) => Err(ApiError::new(
            ErrorCode::InvalidInput,
            path,
            format!(
                "cannot be written as JSON ({})",
                e.as_string()
                    .or_else(|| e.dyn_ref::<Error>().map(|x| String::from(x.message())))
                    .unwrap_or_default()
            ),
        )),
    }
}

/// Whether a value reads on its own as a `T` (as it would as a field of an envelope).
fn reads<T: serde::de::DeserializeOwned>(value: JsValue) -> bool {
    serde_wasm_bindgen::from_value::<T>(value).is_ok()
}

/// The envelope fields that can fail to read, in declaration order, each with its check and
/// what it must be. Fields kept as a `JsValue` (`serde_wasm_bindgen::preserve`) read from any
/// value.
type Checks = [(&'static str, fn(JsValue) -> bool, &'static str)];

const ESTIMATE_FIELDS: &Checks = &[
    ("tier", reads::<String>, "must be a tier id (text)"),
    ("explain", reads::<bool>, "must be true or false"),
];
#[cfg(feature = "compare")]
const COMPARE_FIELDS: &Checks = &[
    (
        "simulations",
        reads::<Option<u32>>,
        "must be a whole number from 0 to 100,000",
    ),
    (
        "seed",
        reads::<Option<u64>>,
        "must be a whole number from 0 to 18,446,744,073,709,551,615",
    ),
    ("explain", reads::<bool>, "must be true or false"),
];

/// Reads an envelope with serde-wasm-bindgen, reporting the path of a bad field. serde-wasm-bindgen
/// reads an object's fields in declaration order (those `in` the object) and stops at the first
/// that fails, so the path is the first present field in `checks` whose value does not read on
/// its own; `""` for the rest (not an object, a missing field).
fn envelope<T: serde::de::DeserializeOwned>(
    value: JsValue,
    checks: &Checks,
) -> Result<T, ApiError> {
    serde_wasm_bindgen::from_value(value.clone()).map_err(|e| {
        let bad = |&(name, check, _): &(&str, fn(JsValue) -> bool, &str)| {
            let key = JsValue::from_str(name);
            Reflect::has(&value, &key).unwrap_or(false)
                && !check(Reflect::get(&value, &key).unwrap_or_default())
        };
        let field = if value.is_object() {
            checks.iter().find(|c| bad(c))
        } else {
            None
        };
        match field {
            // The field's own words ("must be a whole number from 0 to 100,000"), not the
            // reader's ("invalid type: floating point `-1.0`, expected u32").
            Some(&(path, _, must)) => ApiError::new(ErrorCode::InvalidInput, path, must),
            None => {
                let text = e.to_string();
                let text = text.strip_prefix("Error: ").unwrap_or(&text);
                ApiError::new(
                    ErrorCode::InvalidInput,
                    "",
                    costshare_json::plain_number_words(text),
                )
            }
        }
    })
}

fn validation(doc: &JsValue, is_catalog: bool) -> Ts<Validation> {
    let v = match document(doc, "") {
        Ok(text) => logic::validate(&text, is_catalog),
        Err(e) => Validation {
            ok: false,
            schema_version: None,
            problems: e.problems,
        },
    };
    Ts::new_unchecked(to_js(&v).unwrap_or(JsValue::NULL))
}

/// Checks a plan file (an object or JSON text). Never throws: returns `ok`, the document's
/// `schemaVersion` and every problem (errors, then warnings) with its field path.
#[wasm_bindgen(js_name = validatePlan)]
pub fn validate_plan(
    #[wasm_bindgen(unchecked_param_type = "unknown")] doc: JsValue,
) -> Ts<Validation> {
    validation(&doc, false)
}

/// Checks a catalog file (an object or JSON text). Never throws.
#[wasm_bindgen(js_name = validateCatalog)]
pub fn validate_catalog(
    #[wasm_bindgen(unchecked_param_type = "unknown")] doc: JsValue,
) -> Ts<Validation> {
    validation(&doc, true)
}

fn estimate_inner(input: JsValue) -> Result<JsValue, ApiError> {
    let input: EstimateInput = envelope(input, ESTIMATE_FIELDS)?;
    let plan = document(&input.plan, "plan")?;
    let mut claims = format!(
        "{{\"members\":{},\"claims\":{}",
        json(&input.members, "members")?,
        json(&input.claims, "claims")?
    );
    if !input.hra_carryover.is_undefined() && !input.hra_carryover.is_null() {
        claims.push_str(",\"hra_carryover\":");
        claims.push_str(&json(&input.hra_carryover, "hra_carryover")?);
    }
    claims.push('}');
    to_js(&logic::estimate(
        &plan,
        &input.tier,
        &claims,
        input.explain,
    )?)
}

/// Runs claims through a plan: claim by claim and totals, every amount a decimal string (what
/// `costshare estimate --json` prints). Throws a `CostshareError`.
#[wasm_bindgen]
pub fn estimate(input: Ts<EstimateInput>) -> Result<Ts<EstimateReport>, JsValue> {
    estimate_inner(input.into())
        .map(Ts::new_unchecked)
        .map_err(|e| js_error(&e))
}

#[cfg(feature = "compare")]
/// Compares every option of a catalog for a household: the decision model's report (amounts
/// in whole cents). `onProgress(done, total)` is called every 500 simulated years; if it throws,
/// the run finishes without calling it again and `compare` throws that error.
#[wasm_bindgen]
pub fn compare(
    input: Ts<CompareInput>,
    #[wasm_bindgen(unchecked_optional_param_type = "(done: number, total: number) => void")]
    on_progress: JsValue,
) -> Result<Ts<Report>, JsValue> {
    let on_progress = match on_progress.dyn_into::<js_sys::Function>() {
        Ok(f) => Some(f),
        Err(v) if v.is_undefined() || v.is_null() => None,
        Err(_) => {
            let e = ApiError::new(ErrorCode::InvalidInput, "onProgress", "must be a function");
            return Err(js_error(&e));
        }
    };
    let prepared = (|| {
        let input: CompareInput = envelope(input.into(), COMPARE_FIELDS)?;
        let catalog = document(&input.catalog, "catalog")?;
        let household = document(&input.household, "household")?;
        let p = logic::prepare_compare(&catalog, &household, input.simulations, input.seed)?;
        Ok::<_, ApiError>((p, input.explain))
    })();
    let (prepared, explain) = prepared.map_err(|e| js_error(&e))?;
    let total = JsValue::from(prepared.settings.simulations);
    let mut thrown: Option<JsValue> = None;
    let mut progress = |done: u32| {
        if let (Some(f), None) = (&on_progress, &thrown)
            && let Err(e) = f.call2(&JsValue::NULL, &JsValue::from(done), &total)
        {
            thrown = Some(e);
        }
    };
    let report = logic::run_compare(&prepared, explain, &mut progress);
    if let Some(e) = thrown {
        return Err(e);
    }
    report
        .and_then(|r| to_js(&r))
        .map(Ts::new_unchecked)
        .map_err(|e| js_error(&e))
}

/// The engine's version (this package's version).
#[wasm_bindgen(js_name = engineVersion)]
pub fn engine_version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The plan file format version this engine reads.
#[wasm_bindgen(js_name = planSchemaVersion)]
pub fn plan_schema_version() -> u32 {
    costshare_plan::SCHEMA_VERSION
}

/// Fields a `CostshareError` carries besides `name` and `message`.
#[derive(Serialize, Tsify)]
pub struct CostshareErrorFields {
    /// Stable code.
    pub code: ErrorCode,
    /// Path of the field the first problem is about (`""` for the whole input).
    pub path: String,
    /// Every problem found.
    pub problems: Vec<logic::Problem>,
}
