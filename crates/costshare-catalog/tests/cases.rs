//! Runs the worked cases in `tests/cases/*.toml` (at the workspace root) through the engine.
//!
//! A case names a plan (`plan = "shbp-2010-oap"`, a built-in plan id, or `plan_file =
//! "plans/x.json"`, relative to `tests/cases`), a coverage `tier`, its `source` and a `why` that
//! shows the arithmetic, the household (`[[members]]`) and the claims (`[[claims]]`, each a
//! claims-file claim plus an optional inline `expect` table). Optional `[expect_totals]` checks
//! the family's totals for the year and `[expect_members.<id>]` one member's.
//!
//! A claim may also list `explains = ["...", ...]`: phrases its explanation must contain (the
//! rule named in plain words).
//!
//! Only the listed keys are checked; amounts are exact decimal strings. Every mismatch is
//! reported with the case file, claim number, field, expected and actual amounts, followed by the
//! engine's explanation of the failing claim.

use costshare_engine::{Adjudication, ClaimResult, Money, Network, Options, Totals, adjudicate};
use costshare_plan::{ClaimsFile, LoadedPlan, load_plan, resolve_claims};
use rust_decimal::Decimal;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use toml::{Table, Value};

/// Amounts an `expect` table may check on one claim.
const CLAIM_KEYS: &[&str] = &[
    "billed",
    "allowed",
    "network_discount",
    "balance_billed",
    "not_covered",
    "penalty",
    "copay",
    "admission_deductible",
    "deductible",
    "coinsurance",
    "plan_paid",
    "hra_paid",
    "member_paid",
    "deductible_so_far",
    "out_of_pocket_so_far",
    "family_deductible_so_far",
    "family_out_of_pocket_so_far",
    "hra_left",
];

/// Amounts `[expect_totals]` and `[expect_members.<id>]` may check.
const TOTAL_KEYS: &[&str] = &[
    "billed",
    "allowed",
    "network_discount",
    "balance_billed",
    "not_covered",
    "penalty",
    "copay",
    "admission_deductible",
    "deductible",
    "coinsurance",
    "plan_paid",
    "hra_paid",
    "member_paid",
];

const TOP_KEYS: &[&str] = &[
    "name",
    "plan",
    "plan_file",
    "tier",
    "source",
    "why",
    "members",
    "claims",
    "hra_carryover",
    "expect_totals",
    "expect_members",
];

fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases")
}

fn claim_amount(r: &ClaimResult, network: Network, key: &str) -> Option<Money> {
    let n = network.index();
    Some(match key {
        "billed" => r.billed,
        "allowed" => r.allowed,
        "network_discount" => r.network_discount,
        "balance_billed" => r.balance_billed,
        "not_covered" => r.not_covered,
        "penalty" => r.penalty,
        "copay" => r.copay,
        "admission_deductible" => r.admission_deductible,
        "deductible" => r.deductible,
        "coinsurance" => r.coinsurance,
        "plan_paid" => r.plan_paid,
        "hra_paid" => r.hra_paid,
        "member_paid" => r.member_paid,
        "deductible_so_far" => r.after.deductible[n],
        "out_of_pocket_so_far" => r.after.out_of_pocket[n],
        "family_deductible_so_far" => r.after.family_deductible[n],
        "family_out_of_pocket_so_far" => r.after.family_out_of_pocket[n],
        "hra_left" => r.after.hra_left,
        _ => return None,
    })
}

fn total_amount(t: &Totals, key: &str) -> Option<Money> {
    Some(match key {
        "billed" => t.billed,
        "allowed" => t.allowed,
        "network_discount" => t.network_discount,
        "balance_billed" => t.balance_billed,
        "not_covered" => t.not_covered,
        "penalty" => t.penalty,
        "copay" => t.copay,
        "admission_deductible" => t.admission_deductible,
        "deductible" => t.deductible,
        "coinsurance" => t.coinsurance,
        "plan_paid" => t.plan_paid,
        "hra_paid" => t.hra_paid,
        "member_paid" => t.member_paid,
        _ => return None,
    })
}

/// One case file's problems, collected so that every mismatch is reported at once.
struct Report {
    file: String,
    problems: Vec<String>,
}

impl Report {
    fn fail(&mut self, message: impl Into<String>) {
        self.problems
            .push(format!("{}: {}", self.file, message.into()));
    }
}

fn text<'a>(table: &'a Table, key: &str, report: &mut Report) -> Option<&'a str> {
    match table.get(key) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s),
        Some(_) => {
            report.fail(format!("\"{key}\" must be a non-empty string"));
            None
        }
        None => None,
    }
}

/// Dates may be written bare (`2010-02-01`) or quoted; the claims format wants strings.
fn dates_to_strings(value: &mut Value) {
    match value {
        Value::Datetime(d) => *value = Value::String(d.to_string()),
        Value::Table(t) => t.iter_mut().for_each(|(_, v)| dates_to_strings(v)),
        Value::Array(a) => a.iter_mut().for_each(dates_to_strings),
        _ => {}
    }
}

/// Reads an expectation table into (key, exact amount) pairs, reporting bad keys and values.
fn expectations(
    table: &Table,
    allowed: &[&str],
    what: &str,
    report: &mut Report,
) -> Vec<(String, Decimal)> {
    let mut out = Vec::new();
    for (key, value) in table {
        if !allowed.contains(&key.as_str()) {
            report.fail(format!(
                "{what}: unknown key \"{key}\" (use one of: {})",
                allowed.join(", ")
            ));
            continue;
        }
        match value {
            Value::String(s) => match Decimal::from_str(s.trim()) {
                Ok(d) => out.push((key.clone(), d)),
                Err(_) => report.fail(format!(
                    "{what}: {key} = \"{s}\" is not an amount like \"35\" or \"12.50\""
                )),
            },
            other => report.fail(format!(
                "{what}: write {key} as a string, like {key} = \"{other}\""
            )),
        }
    }
    out
}

fn find_plan<'a>(
    case: &Table,
    builtin: &'a [LoadedPlan],
    owned: &'a mut Option<LoadedPlan>,
    report: &mut Report,
) -> Option<&'a LoadedPlan> {
    match (text(case, "plan", report), text(case, "plan_file", report)) {
        (Some(id), None) => {
            let found = builtin.iter().find(|p| p.file.id == id);
            if found.is_none() {
                let ids: Vec<&str> = builtin.iter().map(|p| p.file.id.as_str()).collect();
                report.fail(format!(
                    "plan \"{id}\" is not built in ({})",
                    ids.join(", ")
                ));
            }
            found
        }
        (None, Some(path)) => {
            let full = cases_dir().join(path);
            let json = match std::fs::read_to_string(&full) {
                Ok(j) => j,
                Err(e) => {
                    report.fail(format!("cannot read plan_file {}: {e}", full.display()));
                    return None;
                }
            };
            match load_plan(&json) {
                Ok(p) => {
                    *owned = Some(p);
                    owned.as_ref()
                }
                Err(problems) => {
                    for p in problems {
                        report.fail(format!("plan_file {path}: {p}"));
                    }
                    None
                }
            }
        }
        _ => {
            report.fail(
                "give either plan = \"<built-in plan id>\" or plan_file = \"plans/<file>.json\"",
            );
            None
        }
    }
}

fn run_case(path: &Path, builtin: &[LoadedPlan]) -> Report {
    let file = path
        .file_name()
        .map_or_else(String::new, |f| f.to_string_lossy().into_owned());
    let mut report = Report {
        file,
        problems: Vec::new(),
    };
    let source = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => {
            report.fail(format!("cannot read: {e}"));
            return report;
        }
    };
    let mut case: Table = match source.parse() {
        Ok(t) => t,
        Err(e) => {
            report.fail(format!("not valid TOML: {e}"));
            return report;
        }
    };
    for key in case.keys() {
        if !TOP_KEYS.contains(&key.as_str()) {
            report.problems.push(format!(
                "{}: unknown key \"{key}\" (use one of: {})",
                report.file,
                TOP_KEYS.join(", ")
            ));
        }
    }
    for key in ["name", "tier", "source", "why"] {
        if text(&case, key, &mut report).is_none() && !case.contains_key(key) {
            report.fail(format!("the case needs \"{key}\""));
        }
    }

    // Split the expectations off the claims; what is left is a claims file.
    let mut claim_expect: Vec<Table> = Vec::new();
    let mut claim_explains: Vec<Vec<String>> = Vec::new();
    if let Some(Value::Array(claims)) = case.get_mut("claims") {
        for claim in claims.iter_mut() {
            let explains = match claim {
                Value::Table(t) => match t.remove("explains") {
                    Some(Value::Array(a)) => a
                        .iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect(),
                    Some(_) => {
                        report.problems.push(format!(
                            "{}: \"explains\" must be a list of strings",
                            report.file
                        ));
                        Vec::new()
                    }
                    None => Vec::new(),
                },
                _ => Vec::new(),
            };
            claim_explains.push(explains);
            let expect = match claim {
                Value::Table(t) => match t.remove("expect") {
                    Some(Value::Table(e)) => e,
                    Some(_) => {
                        report
                            .problems
                            .push(format!("{}: \"expect\" must be a table", report.file));
                        Table::new()
                    }
                    None => Table::new(),
                },
                _ => Table::new(),
            };
            claim_expect.push(expect);
        }
    } else {
        report.fail(
            "the case needs [[claims]] (an inline `claims = [...]` array must come before the first [[members]] table)",
        );
        return report;
    }
    let mut claims_table = Table::new();
    for key in ["members", "claims", "hra_carryover"] {
        if let Some(v) = case.get(key) {
            claims_table.insert(key.to_string(), v.clone());
        }
    }
    let mut claims_value = Value::Table(claims_table);
    dates_to_strings(&mut claims_value);
    // Read as a claims file is read: the TOML tables as JSON, through the file reader.
    let claims_json = serde_json::to_string(&claims_value).unwrap_or_default();
    let claims_file: ClaimsFile = match costshare_plan::from_json(&claims_json) {
        Ok(c) => c,
        Err(e) => {
            report.fail(format!(
                "members or claims do not match the claims-file format: {e}"
            ));
            return report;
        }
    };

    let mut owned = None;
    let Some(loaded) = find_plan(&case, builtin, &mut owned, &mut report) else {
        return report;
    };
    let tier_id = case
        .get("tier")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let Some(tier) = loaded.plan.tier_index(&tier_id) else {
        let ids: Vec<&str> = loaded.plan.tiers.iter().map(|t| t.id.as_str()).collect();
        report.fail(format!(
            "tier \"{tier_id}\" is not in plan {} ({})",
            loaded.file.id,
            ids.join(", ")
        ));
        return report;
    };
    let resolved = match resolve_claims(&claims_file, &loaded.file, &loaded.plan) {
        Ok(r) => r,
        Err(problems) => {
            for p in problems {
                report.fail(format!("claims: {p}"));
            }
            return report;
        }
    };
    let options = Options {
        explain: true,
        hra_carryover: resolved.hra_carryover,
    };
    let adjudication = match adjudicate(
        &loaded.plan,
        tier,
        &resolved.members,
        &resolved.claims,
        options,
    ) {
        Ok(a) => a,
        Err(e) => {
            report.fail(format!("the engine refused the case: {e}"));
            return report;
        }
    };

    check_claims(
        &adjudication,
        &resolved.claims,
        &claims_file,
        &claim_expect,
        loaded,
        &mut report,
    );
    check_explanations(&adjudication, &claim_explains, loaded, &mut report);
    check_totals(&case, &adjudication, &claims_file, &mut report);
    if claim_expect.iter().all(Table::is_empty)
        && !case.contains_key("expect_totals")
        && !case.contains_key("expect_members")
    {
        report.fail("the case checks nothing: add an expect table to a claim, [expect_totals] or [expect_members.<id>]");
    }
    report
}

fn check_claims(
    adjudication: &Adjudication,
    claims: &[costshare_engine::Claim],
    claims_file: &ClaimsFile,
    expect: &[Table],
    loaded: &LoadedPlan,
    report: &mut Report,
) {
    let by_input: BTreeMap<usize, &ClaimResult> = adjudication
        .claims
        .iter()
        .map(|r| (r.input_index, r))
        .collect();
    for (i, table) in expect.iter().enumerate() {
        let what = format!("claim {}", i + 1);
        let wanted = expectations(table, CLAIM_KEYS, &what, report);
        let Some(result) = by_input.get(&i) else {
            continue;
        };
        let network = claims[i].network;
        let mut failed = false;
        for (key, want) in wanted {
            let got = claim_amount(result, network, &key)
                .map(Money::to_decimal)
                .unwrap_or_default();
            if got != want {
                failed = true;
                let c = &claims_file.claims[i];
                let label = c
                    .service
                    .clone()
                    .or_else(|| c.drug.as_ref().map(|d| format!("drug {}", d.tier)))
                    .unwrap_or_default();
                report.fail(format!(
                    "{what} ({} {label} on {}): {key} expected {want}, got {}",
                    c.member,
                    c.date,
                    got.normalize()
                ));
            }
        }
        if failed {
            let mut steps = String::from("    engine's explanation of that claim:");
            for step in &result.steps {
                let _ = write!(steps, "\n      - {}", step.describe(&loaded.plan));
            }
            let r = *result;
            let _ = write!(
                steps,
                "\n      = allowed {}, not covered {}, penalty {}, copay {}, admission deductible {}, deductible {}, coinsurance {}, plan {}, HRA {}, member {}, balance bill {}",
                r.allowed,
                r.not_covered,
                r.penalty,
                r.copay,
                r.admission_deductible,
                r.deductible,
                r.coinsurance,
                r.plan_paid,
                r.hra_paid,
                r.member_paid,
                r.balance_billed
            );
            report.problems.push(steps);
        }
    }
}

fn check_explanations(
    adjudication: &Adjudication,
    explains: &[Vec<String>],
    loaded: &LoadedPlan,
    report: &mut Report,
) {
    for result in &adjudication.claims {
        let Some(phrases) = explains.get(result.input_index) else {
            continue;
        };
        let text: Vec<String> = result
            .steps
            .iter()
            .map(|s| s.describe(&loaded.plan))
            .collect();
        let joined = text.join(" ");
        for phrase in phrases {
            if !joined.contains(phrase.as_str()) {
                report.fail(format!(
                    "claim {}: the explanation does not say \"{phrase}\"; it says:\n      - {}",
                    result.input_index + 1,
                    text.join("\n      - ")
                ));
            }
        }
    }
}

fn check_totals(
    case: &Table,
    adjudication: &Adjudication,
    claims_file: &ClaimsFile,
    report: &mut Report,
) {
    match case.get("expect_totals") {
        Some(Value::Table(t)) => {
            for (key, want) in expectations(t, TOTAL_KEYS, "expect_totals", report) {
                let got = total_amount(&adjudication.family, &key)
                    .map(Money::to_decimal)
                    .unwrap_or_default();
                if got != want {
                    report.fail(format!(
                        "expect_totals: {key} expected {want}, got {}",
                        got.normalize()
                    ));
                }
            }
        }
        Some(_) => report.fail("expect_totals must be a table"),
        None => {}
    }
    match case.get("expect_members") {
        Some(Value::Table(members)) => {
            for (id, t) in members {
                let Some(m) = claims_file.members.iter().position(|m| &m.id == id) else {
                    report.fail(format!("expect_members.{id}: no member \"{id}\""));
                    continue;
                };
                let Value::Table(t) = t else {
                    report.fail(format!("expect_members.{id} must be a table"));
                    continue;
                };
                let what = format!("expect_members.{id}");
                for (key, want) in expectations(t, TOTAL_KEYS, &what, report) {
                    let got = total_amount(&adjudication.members[m], &key)
                        .map(Money::to_decimal)
                        .unwrap_or_default();
                    if got != want {
                        report.fail(format!(
                            "{what}: {key} expected {want}, got {}",
                            got.normalize()
                        ));
                    }
                }
            }
        }
        Some(_) => report.fail("expect_members must be a table of tables"),
        None => {}
    }
}

#[test]
fn worked_cases() {
    let builtin = costshare_catalog::builtin()
        .unwrap_or_else(|p| panic!("built-in plans do not load: {p:?}"));
    let dir = cases_dir();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no cases in {}", dir.display());
    let mut problems = Vec::new();
    for path in &paths {
        let report = run_case(path, &builtin);
        if report.problems.is_empty() {
            println!("ok   {}", report.file);
        } else {
            println!("FAIL {}", report.file);
            problems.extend(report.problems);
        }
    }
    println!("{} cases", paths.len());
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}
