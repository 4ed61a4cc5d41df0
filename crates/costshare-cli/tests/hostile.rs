//! Extreme and malformed amounts in every amount field of every file format give a clear error
//! with the field's path, never a panic (issue 10, item 1).

use serde_json::Value;
use std::path::PathBuf;

/// The largest `rust_decimal::Decimal`.
const MAX: &str = "79228162514264337593543950335";

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap()
}

/// Every string leaf with its path, in serde_path_to_error's notation (`a.b[0].c`).
fn leaves(v: &Value, path: &str, out: &mut Vec<(String, String)>) {
    let join = |key: &str| {
        if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        }
    };
    match v {
        Value::String(s) => out.push((path.to_string(), s.clone())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                leaves(item, &format!("{path}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                leaves(item, &join(k), out);
            }
        }
        _ => {}
    }
}

fn is_amount(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.')
}

fn is_percent(s: &str) -> bool {
    s.strip_suffix('%').is_some_and(is_amount)
}

/// `v` with the leaf at `path` replaced by `text`.
fn replaced(v: &Value, path: &str, text: &str) -> Value {
    let mut v = v.clone();
    let mut at = &mut v;
    for part in path.split('.') {
        let (key, indexes) = part.split_once('[').unwrap_or((part, ""));
        if !key.is_empty() {
            at = at.get_mut(key).unwrap();
        }
        for index in indexes.split('[').filter(|s| !s.is_empty()) {
            at = at
                .get_mut(index.trim_end_matches(']').parse::<usize>().unwrap())
                .unwrap();
        }
    }
    *at = Value::String(text.into());
    v
}

/// Problems as (path, message).
type Problems = Vec<(String, String)>;

/// For every amount (and percentage) leaf of `json`, each hostile value must make `load` fail
/// with a problem at that leaf's path whose message contains the expected words.
fn check_every_amount(
    what: &str,
    json: &str,
    load: &dyn Fn(&str) -> Result<(), Problems>,
) -> usize {
    let value: Value = serde_json::from_str(json).unwrap();
    let mut all = Vec::new();
    leaves(&value, "", &mut all);
    let mut checked = 0;
    // The maximum everywhere; the other hostile values in turn, to keep the test fast.
    let others = [
        ("1000000000.01", "more than $1,000,000,000"),
        ("-5", "negative"),
        ("1,50", "ambiguous"),
    ];
    for (path, text) in all {
        let hostile: Vec<(String, &str)> = if is_amount(&text) {
            let (bad, words) = others[checked % others.len()];
            vec![
                (MAX.to_string(), "more than $1,000,000,000"),
                (bad.to_string(), words),
            ]
        } else if is_percent(&text) {
            vec![(format!("{MAX}%"), "100%"), ("-5%".into(), "percentage")]
        } else {
            continue;
        };
        for (bad, words) in &hostile {
            let input = replaced(&value, &path, bad).to_string();
            let problems = match load(&input) {
                Ok(()) => panic!("{what}: {path} = {bad} was accepted"),
                Err(p) => p,
            };
            assert!(
                problems.iter().any(|(p, m)| p == &path
                    && (m.contains(words) || m.contains("whole numbers up to 100,000"))),
                "{what}: {path} = {bad}: expected \"{words}\" at {path}, got {problems:?}"
            );
        }
        checked += 1;
    }
    checked
}

fn plan_problems(ps: Vec<costshare_plan::Problem>) -> Problems {
    ps.into_iter().map(|p| (p.path, p.message)).collect()
}

#[test]
fn every_amount_of_every_built_in_plan_and_the_catalog() {
    let mut total = 0;
    for (name, text) in costshare_catalog::FILES {
        total += check_every_amount(name, text, &|json| {
            costshare_plan::load_plan(json)
                .map(|_| ())
                .map_err(plan_problems)
        });
    }
    assert!(total > 100, "only {total} amounts found");
    // The catalog form: spot-check the first plan's amounts under `plans[0]`.
    let catalog = costshare_catalog::catalog_json().unwrap();
    let value: Value = serde_json::from_str(&catalog).unwrap();
    let mut all = Vec::new();
    leaves(&value, "", &mut all);
    let (path, _) = all
        .iter()
        .find(|(p, t)| p.starts_with("plans[0].") && is_amount(t))
        .unwrap();
    let bad = replaced(&value, path, MAX).to_string();
    let problems = plan_problems(costshare_plan::load_catalog(&bad).unwrap_err());
    assert!(
        problems
            .iter()
            .any(|(p, m)| p == path && m.contains("more than")),
        "{problems:?}"
    );
}

#[test]
fn every_amount_of_a_claims_file() {
    let plan = costshare_catalog::builtin()
        .unwrap()
        .into_iter()
        .find(|p| p.file.id == "shbp-2010-oap")
        .unwrap();
    let mut claims: Value = serde_json::from_str(&read("tests/claims/family-year.json")).unwrap();
    claims["hra_carryover"] = "100".into();
    claims["claims"][1]["drug"]["generic_cost"] = "10".into();
    let n = check_every_amount("claims", &claims.to_string(), &|json| {
        let file = costshare_plan::parse_claims(json).map_err(plan_problems)?;
        costshare_plan::resolve_claims(&file, &plan.file, &plan.plan)
            .map(|_| ())
            .map_err(plan_problems)
    });
    assert_eq!(
        n, 17,
        "every allowed and billed amount, the carryover and the generic cost"
    );
}

#[test]
fn every_amount_of_a_household_file() {
    let mut household: Value =
        serde_json::from_str(&read("tests/households/family-with-baby.json")).unwrap();
    household["premiums"] = serde_json::json!({ "shbp-2010-oap": "45.50", "dental-high": "12" });
    household["hsa_contribution"] = "1200".into();
    household["tax"]["state_rate"] = "6%".into();
    household["prices"] = serde_json::json!({ "overrides": { "dental_filling": "150" } });
    let n = check_every_amount("household", &household.to_string(), &|json| {
        costshare_decision::file::parse_household(json)
            .map(|_| ())
            .map_err(|ps| ps.into_iter().map(|p| (p.path, p.message)).collect())
    });
    assert_eq!(
        n, 6,
        "premiums, HSA, override and two tax rates plus none missed"
    );
    // The regional factor is a number, not money: out of range is an error, not a panic.
    for bad in [MAX, "0.00000000000000000001", "4.0000000000000000001"] {
        household["prices"] = serde_json::json!({ "region_factor": bad });
        let e = costshare_decision::file::parse_household(&household.to_string()).unwrap_err();
        assert_eq!(e[0].path, "prices.region_factor", "{bad}: {e:?}");
    }
}

#[test]
fn fractions_of_a_cent_are_named() {
    let plan = costshare_catalog::FILES
        .iter()
        .find(|(n, _)| n.starts_with("shbp-2010-oap"))
        .unwrap()
        .1;
    let n = check_every_amount_fraction(plan);
    assert!(n > 10, "{n}");
}

fn check_every_amount_fraction(json: &str) -> usize {
    let value: Value = serde_json::from_str(json).unwrap();
    let mut all = Vec::new();
    leaves(&value, "", &mut all);
    let mut n = 0;
    for (path, text) in all.iter().filter(|(_, t)| is_amount(t)) {
        let problems =
            match costshare_plan::load_plan(&replaced(&value, path, "10.005").to_string()) {
                Ok(_) => panic!("{path} = 10.005 was accepted"),
                Err(p) => plan_problems(p),
            };
        assert!(
            problems.iter().any(|(p, m)| p == path
                && (m.contains("fraction of a cent") || m.contains("whole numbers"))),
            "{path} ({text}): {problems:?}"
        );
        n += 1;
    }
    n
}
