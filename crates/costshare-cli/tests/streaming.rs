//! `costshare estimate` writes its output as claims are worked out (issue 10, item 5): the
//! streamed JSON is byte for byte the whole report pretty-printed, and long claim tables are
//! written in parts, with the same totals.

use costshare_estimate::EstimateReport;
use std::path::PathBuf;
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn costshare(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_costshare"))
        .args(args)
        .current_dir(root())
        .output()
        .expect("runs")
}

fn oap() -> costshare_plan::LoadedPlan {
    costshare_catalog::builtin()
        .unwrap()
        .into_iter()
        .find(|p| p.file.id == "shbp-2010-oap")
        .unwrap()
}

/// The whole report, built in memory and pretty-printed with sorted keys (the output before
/// streaming).
fn whole_report(claims_json: &str, tier: &str) -> String {
    let loaded = oap();
    let file = costshare_plan::parse_claims(claims_json).unwrap();
    let tier_index = costshare_estimate::tier_index(&loaded, tier).unwrap();
    let run = costshare_estimate::run(&loaded, tier_index, &file, true).unwrap();
    let report = EstimateReport::new(
        &loaded,
        tier,
        &run.resolved.members,
        &run.resolved.claims,
        &run.result,
    );
    let value = serde_json::to_value(&report).unwrap();
    serde_json::to_string_pretty(&value).unwrap() + "\n"
}

/// A claims file of `n` claims spread over the plan year.
fn many_claims(n: usize) -> String {
    let services = [
        ("primary_care_visit", "120"),
        ("specialist_visit", "190"),
        ("lab_xray_independent", "140"),
        ("er_visit", "1650"),
    ];
    let claims: Vec<String> = (0..n)
        .map(|i| {
            let day = 1 + (i * 364) / n;
            let date = chrono::NaiveDate::from_yo_opt(2010, u32::try_from(day).unwrap()).unwrap();
            let (service, allowed) = services[i % services.len()];
            let member = ["pat", "sam"][i % 2];
            format!(
                r#"{{"date": "{date}", "member": "{member}", "service": "{service}", "allowed": "{allowed}"}}"#
            )
        })
        .collect();
    format!(
        r#"{{"members": [{{"id": "pat", "relationship": "employee", "age": 44}}, {{"id": "sam", "relationship": "spouse", "age": 42}}],
"claims": [{}]}}"#,
        claims.join(",\n")
    )
}

fn temp(name: &str, contents: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("stream-test");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

#[test]
fn streamed_json_is_the_whole_report_byte_for_byte() {
    let family = std::fs::read_to_string(root().join("tests/claims/family-year.json")).unwrap();
    let empty =
        r#"{"members": [{"id": "pat", "relationship": "employee", "age": 44}], "claims": []}"#;
    for (name, json, tier) in [
        ("family.json", family.as_str(), "family"),
        ("empty.json", empty, "employee"),
        ("many.json", &many_claims(2_500), "employee_spouse"),
    ] {
        let path = temp(name, json);
        let o = costshare(&[
            "estimate",
            "--plan",
            "shbp-2010-oap",
            "--tier",
            tier,
            "--claims",
            path.to_str().unwrap(),
            "--json",
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(
            String::from_utf8(o.stdout).unwrap(),
            whole_report(json, tier),
            "{name}"
        );
    }
}

#[test]
fn long_claim_tables_are_written_in_parts_with_the_same_totals() {
    let path = temp("tables.json", &many_claims(2_500));
    let o = costshare(&[
        "estimate",
        "--plan",
        "shbp-2010-oap",
        "--tier",
        "employee_spouse",
        "--claims",
        path.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    // Three parts of at most 1,000 claims (each with its own header), then the totals table.
    assert_eq!(out.matches("┆ Date ").count(), 3, "{}", &out[..2000]);
    assert_eq!(out.matches("│ Who ").count(), 1);
    let run = {
        let loaded = oap();
        let file = costshare_plan::parse_claims(&many_claims(2_500)).unwrap();
        let tier = costshare_estimate::tier_index(&loaded, "employee_spouse").unwrap();
        costshare_estimate::run(&loaded, tier, &file, false).unwrap()
    };
    let family = out.lines().find(|l| l.contains("│ Family")).unwrap();
    assert!(family.contains("2500"), "{family}");
    assert!(
        family.contains(&run.result.family.member_paid.to_string()),
        "{family}"
    );
}

#[test]
fn an_error_comes_before_any_output() {
    let path = temp(
        "bad.json",
        r#"{"members": [{"id": "pat", "relationship": "employee", "age": 44}],
"claims": [{"date": "2010-01-02", "member": "pat", "service": "primary_care_visit", "allowed": "100"},
{"date": "2010-01-03", "member": "nobody", "service": "primary_care_visit", "allowed": "100"}]}"#,
    );
    for json in [true, false] {
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
        let o = costshare(&args);
        assert_eq!(o.status.code(), Some(1));
        assert!(
            o.stdout.is_empty(),
            "{}",
            String::from_utf8_lossy(&o.stdout)
        );
        assert!(String::from_utf8_lossy(&o.stderr).contains("claims[1].member"));
    }
}
