//! Generated-input ("fuzz") test: mutated plan, catalog, claims and household files go through
//! parsing, validation, the engine (with explanations) and the decision model. Any panic fails.
//!
//! A short run is part of `cargo test`. The long run (README, "Fuzzing"):
//!
//! ```sh
//! FUZZ_CASES=1000000 cargo test --release -p costshare-cli --test fuzz -- --nocapture
//! ```
//!
//! `FUZZ_SEED` picks another fixed seed; `FUZZ_COMPARE=0` leaves out the decision model.
//!
//! proptest rather than cargo-fuzz: cargo-fuzz needs a nightly compiler and libFuzzer's
//! sanitizer flags, and this workspace pins a stable toolchain; proptest runs on stable, in CI,
//! with a fixed seed, and shrinks a failure to a small input.

use costshare_engine::{Options, adjudicate};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::OnceLock;

/// Values that have broken parsers before, or are likely to.
const HOSTILE: &[&str] = &[
    "79228162514264337593543950335",
    "79228162514264337593543950336",
    "-79228162514264337593543950335",
    "0.0000000000000000000000000001",
    "1000000000.01",
    "1000000000",
    "-1",
    "-0",
    "1,50",
    "1.234,56",
    "1e5",
    "NaN",
    "$",
    "",
    " ",
    "100%",
    "101%",
    "-5%",
    "79228162514264337593543950335%",
    "0.00001%",
    "2010-02-30",
    "2010-13-01",
    "9999-12-31",
    "0000-01-01",
    "\u{1b}[2J\u{1b}]0;x\u{7}",
    "\u{202e}reversed",
    "id with spaces",
    "employee",
    "family",
    "generic",
    "primary_care_visit",
    "applies",
    "waived",
    "in",
    "out",
];

enum Kind {
    Plan,
    Catalog,
    Claims,
    Household,
}

struct Seed {
    kind: Kind,
    value: Value,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn seeds() -> &'static Vec<Seed> {
    static SEEDS: OnceLock<Vec<Seed>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let read = |rel: &str| std::fs::read_to_string(root().join(rel)).unwrap();
        let json = |text: &str| serde_json::from_str::<Value>(text).unwrap();
        let mut seeds: Vec<Seed> = costshare_catalog::FILES
            .iter()
            .map(|(_, text)| Seed {
                kind: Kind::Plan,
                value: json(text),
            })
            .collect();
        seeds.push(Seed {
            kind: Kind::Catalog,
            value: json(&costshare_catalog::catalog_json().unwrap()),
        });
        let mut claims = json(&read("tests/claims/family-year.json"));
        claims["hra_carryover"] = "250".into();
        seeds.push(Seed {
            kind: Kind::Claims,
            value: claims,
        });
        let mut household = json(&read("tests/households/family-with-baby.json"));
        household["simulations"] = 20.into();
        household["premiums"] = serde_json::json!({ "shbp-2010-oap": "45.50" });
        household["hsa_contribution"] = "1000".into();
        household["prices"] =
            serde_json::json!({ "region_factor": "1.1", "overrides": { "dental_filling": "150" } });
        seeds.push(Seed {
            kind: Kind::Household,
            value: household,
        });
        seeds
    })
}

fn builtin() -> &'static Vec<costshare_plan::LoadedPlan> {
    static PLANS: OnceLock<Vec<costshare_plan::LoadedPlan>> = OnceLock::new();
    PLANS.get_or_init(|| costshare_catalog::builtin().unwrap())
}

/// One change to a JSON value: which node (an index into all nodes, wrapped), and what to do.
#[derive(Clone, Debug)]
enum Mutation {
    Replace(usize, Value),
    Remove(usize),
    Duplicate(usize),
}

/// A mutated file: the seed, changes to its JSON, then optionally damage to its text.
#[derive(Clone, Debug)]
struct Input {
    seed: usize,
    mutations: Vec<Mutation>,
    truncate: Option<usize>,
    insert: Option<(usize, char)>,
    run_compare: bool,
}

fn arb_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => prop::sample::select(HOSTILE).prop_map(|s| Value::String(s.into())),
        2 => "[ -~]{0,12}".prop_map(Value::String),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<u64>().prop_map(Value::from),
        1 => prop::sample::select(vec![0.5f64, -1.0, 1e300]).prop_map(Value::from),
        1 => prop::sample::select(vec![0u32, 1, 2, 30, 90, 366, 65535, 100_001]).prop_map(Value::from),
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => Just(Value::Array(vec![])),
        1 => Just(Value::Object(Default::default())),
    ]
}

fn arb_input() -> impl Strategy<Value = Input> {
    let n = seeds().len();
    (
        0..n,
        prop::collection::vec(
            prop_oneof![
                6 => (any::<usize>(), arb_value()).prop_map(|(i, v)| Mutation::Replace(i, v)),
                1 => any::<usize>().prop_map(Mutation::Remove),
                1 => any::<usize>().prop_map(Mutation::Duplicate),
            ],
            0..4,
        ),
        prop::option::weighted(0.05, any::<usize>()),
        prop::option::weighted(0.05, (any::<usize>(), any::<char>())),
        prop::bool::weighted(0.05),
    )
        .prop_map(|(seed, mutations, truncate, insert, run_compare)| Input {
            seed,
            mutations,
            truncate,
            insert,
            run_compare,
        })
}

/// Paths to every node, as (parent path, key or index) steps.
fn nodes(v: &Value, path: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    out.push(path.clone());
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                path.push(Step::Index(i));
                nodes(item, path, out);
                path.pop();
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                path.push(Step::Key(k.clone()));
                nodes(item, path, out);
                path.pop();
            }
        }
        _ => {}
    }
}

#[derive(Clone, Debug)]
enum Step {
    Key(String),
    Index(usize),
}

fn node_mut<'a>(v: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
    path.iter().try_fold(v, |v, step| match step {
        Step::Key(k) => v.get_mut(k.as_str()),
        Step::Index(i) => v.get_mut(*i),
    })
}

fn mutate(mut v: Value, mutations: &[Mutation]) -> Value {
    for m in mutations {
        let mut all = Vec::new();
        nodes(&v, &mut Vec::new(), &mut all);
        let pick = |i: usize| all[i % all.len()].clone();
        match m {
            Mutation::Replace(i, new) => {
                if let Some(node) = node_mut(&mut v, &pick(*i)) {
                    *node = new.clone();
                }
            }
            Mutation::Remove(i) | Mutation::Duplicate(i) => {
                let path = pick(*i);
                let Some((last, parent)) = path.split_last() else {
                    continue;
                };
                let Some(parent) = node_mut(&mut v, parent) else {
                    continue;
                };
                match (parent, last, matches!(m, Mutation::Remove(_))) {
                    (Value::Object(map), Step::Key(k), true) => {
                        map.remove(k);
                    }
                    (Value::Array(items), Step::Index(i), true) => {
                        items.remove(*i);
                    }
                    (Value::Array(items), Step::Index(i), false) => {
                        let copy = items[*i].clone();
                        items.insert(*i, copy);
                    }
                    _ => {}
                }
            }
        }
    }
    v
}

fn text_of(input: &Input) -> String {
    let seed = &seeds()[input.seed];
    let mut text = mutate(seed.value.clone(), &input.mutations).to_string();
    if let Some(at) = input.truncate {
        let mut at = at % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text.truncate(at);
    }
    if let Some((at, c)) = input.insert {
        let mut at = at % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        text.insert(at, c);
    }
    text
}

/// Runs one input through everything that reads it. Errors are fine; panics are not.
fn exercise(input: &Input) {
    let text = text_of(input);
    match seeds()[input.seed].kind {
        Kind::Plan => {
            if let Ok(loaded) = costshare_plan::load_plan(&text) {
                // The plan's own example claims: every service once, for the employee.
                run_services(&loaded);
            }
        }
        Kind::Catalog => {
            if let Ok(plans) = costshare_plan::load_catalog(&text) {
                plans.iter().take(2).for_each(run_services);
            }
        }
        Kind::Claims => {
            let Ok(file) = costshare_plan::parse_claims(&text) else {
                return;
            };
            for loaded in builtin() {
                if let Ok(resolved) =
                    costshare_plan::resolve_claims(&file, &loaded.file, &loaded.plan)
                {
                    for tier in 0..loaded.plan.tiers.len() {
                        let options = Options {
                            explain: true,
                            hra_carryover: resolved.hra_carryover,
                        };
                        if let Ok(r) = adjudicate(
                            &loaded.plan,
                            tier,
                            &resolved.members,
                            &resolved.claims,
                            options,
                        ) {
                            for c in &r.claims {
                                for s in &c.steps {
                                    let _ = s.describe(&loaded.plan);
                                }
                            }
                        }
                    }
                }
            }
        }
        Kind::Household => {
            let Ok((household, mut settings)) = costshare_decision::file::parse_household(&text)
            else {
                return;
            };
            if input.run_compare && std::env::var("FUZZ_COMPARE").map_or(true, |v| v != "0") {
                settings.simulations = settings.simulations.min(20);
                let _ = costshare_decision::compare::compare(builtin(), &household, &settings);
            }
        }
    }
}

fn run_services(loaded: &costshare_plan::LoadedPlan) {
    let plan = &loaded.plan;
    let members = [costshare_engine::Member {
        id: "pat".into(),
        relationship: costshare_engine::Relationship::Employee,
        age: 40,
    }];
    let claims: Vec<_> = (0..plan.services.len())
        .map(|s| {
            costshare_engine::Claim::service(
                plan.year_start,
                0,
                s,
                costshare_engine::Money::from_dollars(1000),
            )
        })
        .collect();
    for tier in 0..plan.tiers.len() {
        let _ = adjudicate(plan, tier, &members, &claims, Options::default());
    }
}

#[test]
fn generated_inputs_never_panic() {
    let cases: u32 = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x0f00_2010);
    let mut runner = TestRunner::new(Config {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        ..Config::default()
    });
    let started = std::time::Instant::now();
    let done = std::sync::atomic::AtomicU32::new(0);
    let result = runner.run(&arb_input(), |input| {
        exercise(&input);
        let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        if n.is_multiple_of(100_000) {
            eprintln!("fuzz: {n} inputs, {:.0} s", started.elapsed().as_secs_f64());
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    eprintln!(
        "fuzz: {cases} generated inputs (seed {seed:#x}), no panic, {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
