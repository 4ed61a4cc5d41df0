//! The `costshare` binary as a person uses it: exit codes, messages, no panics.

use std::path::PathBuf;
use std::process::{Command, Output};

fn costshare(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_costshare"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("runs")
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn temp(name: &str, contents: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-test");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn catalog_lists_the_built_in_plans() {
    let o = costshare(&["catalog"]);
    assert!(o.status.success(), "{}", text(&o));
    for id in [
        "shbp-2010-oap",
        "shbp-2010-hra",
        "shbp-2010-hdhp",
        "dental-high",
        "dental-low",
        "vision-basic",
    ] {
        assert!(text(&o).contains(id), "{id} missing");
    }
}

#[test]
fn a_written_plan_validates() {
    let out = std::env::temp_dir().join(format!("oap-{}.json", std::process::id()));
    let o = costshare(&[
        "catalog",
        "--write",
        "shbp-2010-oap",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let o = costshare(&["validate", out.to_str().unwrap(), "public/catalog.json"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("ok"));
}

#[test]
fn validate_lists_every_problem_and_exits_1() {
    let oap = costshare_catalog::FILES[0].1;
    let mut plan: serde_json::Value = serde_json::from_str(oap).unwrap();
    plan["tiers"][0]["deductible"]["source"] = "nowhere p.1".into();
    plan["services"][0]["in_network"]["coinsurance"] = "101%".into();
    let bad = temp("bad-plan.json", &plan.to_string());
    let o = costshare(&["validate", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("services[0].in_network.coinsurance"),
        "{}",
        text(&o)
    );

    plan["services"][0]["in_network"]["coinsurance"] = "20%".into();
    let bad = temp("bad-plan-2.json", &plan.to_string());
    let o = costshare(&["validate", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).contains("tiers[0].deductible.source"),
        "{}",
        text(&o)
    );
}

#[test]
fn estimate_prints_a_table_and_json() {
    let o = costshare(&[
        "estimate",
        "--plan",
        "shbp-2010-oap",
        "--tier",
        "family",
        "--claims",
        "tests/claims/family-year.json",
    ]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("Family"));

    let o = costshare(&[
        "estimate",
        "--plan",
        "shbp-2010-oap",
        "--tier",
        "family",
        "--claims",
        "tests/claims/family-year.json",
        "--json",
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let first = &v["claims"][0];
    // Primary care visit, allowed $120 in-network: $35 copay, plan pays $85 (oap2010 p.30).
    assert_eq!(first["service"], "Primary care physician office visit");
    assert_eq!(first["copay"], "35.00");
    assert_eq!(first["plan_paid"], "85.00");
    assert_eq!(first["network_discount"], "60.00");
    assert!(
        first["explanation"]
            .as_array()
            .is_some_and(|a| !a.is_empty())
    );
    let claims = v["claims"].as_array().unwrap();
    let sum: rust_decimal::Decimal = claims
        .iter()
        .map(|c| {
            c["member_paid"]
                .as_str()
                .unwrap()
                .parse::<rust_decimal::Decimal>()
                .unwrap()
        })
        .sum();
    assert_eq!(
        v["totals"]["member_paid"]
            .as_str()
            .unwrap()
            .parse::<rust_decimal::Decimal>()
            .unwrap(),
        sum
    );
}

#[test]
fn bad_input_gets_a_clear_message_not_a_panic() {
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["validate".into(), "no-such-file.json".into()],
            "cannot read no-such-file.json",
        ),
        (
            vec![
                "estimate".into(),
                "--plan".into(),
                "nope".into(),
                "--tier".into(),
                "employee".into(),
                "--claims".into(),
                "tests/claims/family-year.json".into(),
            ],
            "neither a file nor a built-in plan id",
        ),
        (
            vec![
                "estimate".into(),
                "--plan".into(),
                "shbp-2010-oap".into(),
                "--tier".into(),
                "platinum".into(),
                "--claims".into(),
                "tests/claims/family-year.json".into(),
            ],
            "has no tier \"platinum\"",
        ),
        (
            vec![
                "estimate".into(),
                "--plan".into(),
                "shbp-2010-oap".into(),
                "--tier".into(),
                "employee".into(),
                "--claims".into(),
                "tests/claims/family-year.json".into(),
            ],
            "does not cover member \"sam\"",
        ),
        (
            vec![
                "catalog".into(),
                "--write".into(),
                "nope".into(),
                "--out".into(),
                "-".into(),
            ],
            "there is no built-in plan \"nope\"",
        ),
    ];
    for (args, expected) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let o = costshare(&args);
        assert_eq!(o.status.code(), Some(1), "{args:?}: {}", text(&o));
        assert!(text(&o).contains(expected), "{args:?}: {}", text(&o));
        assert!(!text(&o).contains("panicked"), "{}", text(&o));
    }
    let claims = temp(
        "bad-claims.json",
        r#"{"members":[{"id":"a","relationship":"employee","age":30}],
        "claims":[{"date":"2010-02-30","member":"a","service":"x","allowed":"1"}]}"#,
    );
    let o = costshare(&[
        "estimate",
        "--plan",
        "shbp-2010-oap",
        "--tier",
        "employee",
        "--claims",
        claims.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("claims[0].date"), "{}", text(&o));
    let claims = temp(
        "bad-claims-2.json",
        r#"{"members":[{"id":"a","relationship":"employee","age":30}],
        "claims":[{"date":"2010-02-03","member":"b","service":"x","allowed":"-5"}]}"#,
    );
    let o = costshare(&[
        "estimate",
        "--plan",
        "shbp-2010-oap",
        "--tier",
        "employee",
        "--claims",
        claims.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("claims[0].allowed"), "{}", text(&o));
}

#[test]
fn compare_prints_a_recommendation_and_json() {
    let o = costshare(&[
        "compare",
        "--household",
        "tests/households/family-with-baby.json",
    ]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("Recommended medical option:"),
        "{}",
        text(&o)
    );
    assert!(text(&o).contains("What would change it:"));
    // Every amount in the table is on one line: the OAP family's $5,400.00 premium (example)
    // and its $6,209.40 expected total, not "$5,400." over "00".
    let oap_row = text(&o)
        .lines()
        .find(|l| l.contains("SHBP Open Access Plus"))
        .unwrap_or_default()
        .to_string();
    assert!(oap_row.contains("$5,400.00 (example)"), "{oap_row}");
    assert!(oap_row.contains("$6,209.40"), "{oap_row}");
    assert!(text(&o).starts_with(
        "Plan year 2010. Your expected care: $17,307.50 at the model's prices (allowed amounts; out of network, each plan allows its own)."
    ));
    let o = costshare(&[
        "compare",
        "--household",
        "tests/households/family-with-baby.json",
        "--json",
    ]);
    assert!(o.status.success(), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["simulations"], 10_000);
    let recs = v["recommendations"].as_array().unwrap();
    assert_eq!(recs.len(), 3);
    assert!(recs[0]["reasons"].as_array().unwrap().len() >= 3);
    let oap = v["options"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "shbp-2010-oap")
        .unwrap();
    assert!(oap["simulated"]["p99"].is_string());
    assert!(!v["cost_curve"]["spend"].as_array().unwrap().is_empty());
    // The same file gives the same numbers.
    let again = costshare(&[
        "compare",
        "--household",
        "tests/households/family-with-baby.json",
        "--json",
    ]);
    assert_eq!(o.stdout, again.stdout);
}

#[test]
fn compare_reports_bad_households() {
    let bad = temp(
        "bad-household.json",
        r#"{"people":[{"name":"a","relationship":"employee","age":30,"usage":"medium","care":{"xrays":2}}],"tax":{"federal_bracket":"13%","state":"Georgia","state_rate":"5%"}}"#,
    );
    let o = costshare(&["compare", "--household", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    for expected in [
        "people[0].usage",
        "people[0].care.xrays",
        "tax.federal_bracket",
        "tax.state",
    ] {
        assert!(text(&o).contains(expected), "{expected}: {}", text(&o));
    }
    let bad = temp(
        "bad-household-2.json",
        r#"{"people":[{"name":"a","relationship":"boss","age":30}]}"#,
    );
    let o = costshare(&["compare", "--household", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("people[0].relationship"), "{}", text(&o));
}

fn estimate_with(name: &str, claims: &str) -> Output {
    let path = temp(name, claims);
    costshare(&[
        "estimate",
        "--plan",
        "shbp-2010-oap",
        "--tier",
        "family",
        "--claims",
        path.to_str().unwrap(),
    ])
}

const MEMBERS: &str = r#""members": [{ "id": "pat", "relationship": "employee", "age": 44 }]"#;

#[test]
fn ambiguous_amounts_are_rejected_not_read_as_cents() {
    let o = estimate_with(
        "comma.json",
        &format!(
            r#"{{ {MEMBERS}, "claims": [{{ "date": "2010-03-01", "member": "pat", "service": "primary_care_visit", "allowed": "1,50" }}] }}"#
        ),
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("claims[0].allowed"), "{}", text(&o));
    assert!(text(&o).contains("\"1,50\" is ambiguous"), "{}", text(&o));
}

#[test]
fn invalid_dates_name_the_value() {
    let o = estimate_with(
        "date.json",
        &format!(
            r#"{{ {MEMBERS}, "claims": [{{ "date": "2010-02-30", "member": "pat", "service": "primary_care_visit", "allowed": "150" }}] }}"#
        ),
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("claims[0].date: 2010-02-30 is not a date"),
        "{}",
        text(&o)
    );
}

#[test]
fn engine_errors_name_the_file_and_field() {
    let o = estimate_with(
        "units.json",
        &format!(
            r#"{{ {MEMBERS}, "claims": [
                {{ "date": "2010-03-01", "member": "pat", "service": "primary_care_visit", "allowed": "150" }},
                {{ "date": "2010-03-01", "member": "pat", "service": "physical_therapy", "allowed": "150", "units": 200000 }}] }}"#
        ),
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("units.json: claims[1].units: visits or days must be at most 100,000"),
        "{}",
        text(&o)
    );
    let o = estimate_with(
        "days.json",
        &format!(
            r#"{{ {MEMBERS}, "claims": [{{ "date": "2010-03-01", "member": "pat", "drug": {{ "tier": "generic", "days_supply": 0 }}, "allowed": "15" }}] }}"#
        ),
    );
    assert!(
        text(&o).contains("days.json: claims[0].drug.days_supply: "),
        "{}",
        text(&o)
    );
}

#[test]
fn validate_reports_a_syntax_error_as_such() {
    let path = temp(
        "broken-catalog.json",
        r#"{ "schema_version": 1, "name": "x", "plans": [ }"#,
    );
    let o = costshare(&["validate", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(text(&o).contains("not valid JSON"), "{}", text(&o));
    assert!(
        text(&o).contains("syntax error: expected value at line 1"),
        "{}",
        text(&o)
    );
    assert!(!text(&o).contains("unknown field"), "{}", text(&o));
}

#[test]
fn catalog_warnings_name_real_fields() {
    let o = costshare(&["validate", "public/catalog.json"]);
    assert!(o.status.success(), "{}", text(&o));
    // Paths start at the catalog's own fields (`plans[2]`), not at a plan's id.
    assert!(
        text(&o).contains("warning: plans[2].tiers[0].deductible.in_network.individual"),
        "{}",
        text(&o)
    );
    assert!(!text(&o).contains("shbp-2010-hdhp.tiers"), "{}", text(&o));
}

#[test]
fn control_characters_in_names_are_escaped() {
    let claims = r#"{ "members": [{ "id": "pat\u001b[2J\u001b]0;owned\u0007\u202e", "relationship": "employee", "age": 44 }],
        "claims": [{ "date": "2010-03-01", "member": "pat\u001b[2J\u001b]0;owned\u0007\u202e", "service": "primary_care_visit", "allowed": "150" }] }"#;
    let o = estimate_with("escape.json", claims);
    assert!(o.status.success(), "{}", text(&o));
    let out = text(&o);
    assert!(!out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{202e}'));
    assert!(out.contains(r"pat\u001b[2J"), "{out}");
    // Also in error messages.
    let claims = claims.replace(r#""member": "pat"#, r#""member": "nobody"#);
    let o = estimate_with("escape-error.json", &claims);
    assert_eq!(o.status.code(), Some(1));
    assert!(!text(&o).contains('\u{1b}'), "{}", text(&o));
}

#[test]
fn piping_into_head_exits_quietly() {
    use std::io::Read;
    use std::process::Stdio;
    // A year of many claims gives far more output than a pipe holds.
    let lines: Vec<String> = (0..3000)
        .map(|i| {
            format!(
                r#"{{ "date": "2010-03-{:02}", "member": "pat", "service": "primary_care_visit", "allowed": "150" }}"#,
                1 + i % 28
            )
        })
        .collect();
    let path = temp(
        "many.json",
        &format!(r#"{{ {MEMBERS}, "claims": [{}] }}"#, lines.join(",")),
    );
    for json in [false, true] {
        let mut args = vec![
            "estimate",
            "--plan",
            "shbp-2010-oap",
            "--tier",
            "employee",
            "--claims",
            path.to_str().unwrap(),
        ];
        if json {
            args.push("--json");
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_costshare"))
            .args(&args)
            .current_dir(root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 100];
        stdout.read_exact(&mut first).unwrap();
        drop(stdout); // like `head -c 100`
        let o = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!err.contains("panicked"), "{err}");
        assert_eq!(o.status.code(), Some(0), "{err}");
    }
}

#[test]
fn migrate_writes_a_version_2_file() {
    let v1 =
        std::fs::read_to_string(root().join("tests/cases/plans/glossary-example.json")).unwrap();
    assert!(v1.contains("\"schema_version\": 1"));
    let path = temp("v1-plan.json", &v1);
    let o = costshare(&["migrate", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        written,
        v1.replacen("\"schema_version\": 1", "\"schema_version\": 2", 1)
    );
    let o = costshare(&["validate", path.to_str().unwrap()]);
    assert!(o.status.success(), "{}", text(&o));
    // To standard output, and a file with problems is left alone.
    let o = costshare(&["migrate", path.to_str().unwrap(), "--out", "-"]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("\"schema_version\": 2"));
    let bad = temp(
        "bad-plan.json",
        &v1.replacen("\"id\": \"glossary-example\"", "\"id\": \"Bad Id\"", 1),
    );
    let o = costshare(&["migrate", bad.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(text(&o).contains("not migrated"), "{}", text(&o));
}
