//! Bad plan files get every problem reported with its field path, and never a panic.

use costshare_plan::{Severity, load_catalog, load_plan};

/// A small valid plan to break in different ways.
fn good() -> serde_json::Value {
    serde_json::json!({
        "schema_version": 1,
        "id": "acme-ppo",
        "name": "Acme PPO",
        "kind": "medical",
        "issuer": "Acme",
        "plan_year": { "start": "2026-01-01", "end": "2026-12-31" },
        "documents": { "sbc": { "title": "Acme PPO SBC", "publisher": "Acme", "year": 2026 } },
        "tiers": [
            { "id": "employee", "name": "Employee", "covers_spouse": false, "covers_children": false,
              "deductible": { "in_network": { "individual": "1500" }, "source": "sbc p.1" },
              "out_of_pocket_max": { "in_network": { "individual": "5000" }, "source": "sbc p.1" },
              "premium": { "value": "120.00", "example": true } },
            { "id": "family", "name": "Family", "covers_spouse": true, "covers_children": true,
              "deductible": { "in_network": { "individual": "1500", "family": "3000" }, "source": "sbc p.1" },
              "out_of_pocket_max": { "in_network": { "individual": "5000", "family": "10000" }, "source": "sbc p.1" } }
        ],
        "family_deductible": "embedded",
        "family_out_of_pocket_max": "embedded",
        "networks_accumulate": "separately",
        "out_of_pocket_counts": { "deductible": true, "admission_deductible": true, "coinsurance": true, "copays": true },
        "copays_after_out_of_pocket_max": false,
        "services": [
            { "id": "primary_care_visit", "name": "Primary care visit", "category": "Office visits", "source": "sbc p.2",
              "in_network": { "copay": "25", "deductible": "waived" },
              "out_of_network": { "covered": false, "reason": "In-network only" } }
        ],
        "premium_frequency": "monthly"
    })
}

fn problems(plan: &serde_json::Value) -> Vec<(String, String)> {
    match load_plan(&plan.to_string()) {
        Ok(_) => vec![],
        Err(ps) => ps
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .map(|p| (p.path, p.message))
            .collect(),
    }
}

/// `p` made an HSA-qualified plan for 2026, its deductibles at the IRS minimums ($1,700 /
/// $3,400, Rev. Proc. 2025-19), so that only what a test changes can disqualify it.
fn hsa_2026(mut p: serde_json::Value) -> serde_json::Value {
    p["hsa"] = serde_json::json!({ "eligible": true, "source": "sbc p.1" });
    p["tiers"][0]["deductible"]["in_network"]["individual"] = "1700".into();
    p["tiers"][1]["deductible"]["in_network"] =
        serde_json::json!({ "individual": "3400", "family": "3400" });
    p
}

/// The warnings that say a plan would not be HSA-qualified, as written.
fn hsa_warnings(p: &serde_json::Value) -> Vec<String> {
    load_plan(&p.to_string())
        .unwrap()
        .warnings
        .iter()
        .filter(|w| w.message.contains("HSA-qualified"))
        .map(|w| w.to_string())
        .collect()
}

#[test]
fn the_good_plan_loads() {
    let loaded = load_plan(&good().to_string()).expect("loads");
    assert!(loaded.warnings.is_empty());
    assert!(loaded.has_examples(), "the example premium is noticed");
}

#[test]
fn every_semantic_problem_is_reported_with_its_path() {
    let mut p = good();
    p["tiers"][1]["deductible"]["in_network"]["family"] = "1000".into();
    p["tiers"][0]["out_of_pocket_max"]["in_network"]["individual"] = "1000".into();
    p["services"][0]["source"] = "brochure p.2".into();
    p["services"][0]["in_network"]["deductible"] = serde_json::Value::Null;
    p["services"][0]["limits"] = serde_json::json!(["visit_limit"]);
    p["tiers"][0]["id"] = "Employee Tier".into();
    let found = problems(&p);
    let paths: Vec<&str> = found.iter().map(|(path, _)| path.as_str()).collect();
    for expected in [
        "tiers[1].deductible.in_network.family",
        "tiers[0].out_of_pocket_max.in_network.individual",
        "services[0].source",
        "services[0].in_network.deductible",
        "services[0].limits[0]",
        "tiers[0].id",
    ] {
        assert!(
            paths.contains(&expected),
            "missing {expected} in {found:#?}"
        );
    }
    let text = |path: &str| {
        found
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, m)| m.clone())
            .unwrap_or_default()
    };
    assert!(
        text("tiers[1].deductible.in_network.family").contains("less than the individual amount")
    );
    assert!(
        text("services[0].source").contains("must start with one of the documents' keys (sbc)")
    );
    assert!(text("services[0].limits[0]").contains("no limit with id \"visit_limit\""));
}

#[test]
fn a_number_without_a_source_must_be_an_example() {
    let mut p = good();
    p["tiers"][0]["premium"] = serde_json::json!({ "value": "120.00" });
    let found = problems(&p);
    assert_eq!(found[0].0, "tiers[0].premium.source");
    assert!(found[0].1.contains("needs a source"));
}

#[test]
fn shape_errors_name_the_field() {
    let mut p = good();
    p["tiers"][0]["deductible"]["in_network"]["individual"] = 1500.into();
    let found = problems(&p);
    assert_eq!(found[0].0, "tiers[0].deductible.in_network.individual");
    assert!(found[0].1.contains("write amounts as strings"), "{found:?}");

    let mut p = good();
    p["services"][0]["in_network"]["coinsurence"] = "20%".into();
    let found = problems(&p);
    assert_eq!(found[0].0, "services[0].in_network.coinsurence");
    assert!(
        found[0].1.contains("did you mean \"coinsurance\"?"),
        "{found:?}"
    );

    let mut p = good();
    p["services"][0]["in_network"]["coinsurance"] = "120%".into();
    assert!(problems(&p)[0].1.contains("more than 100%"));

    let mut p = good();
    p["tiers"][0]["deductible"]["in_network"]["individual"] = "12.345".into();
    let found = problems(&p);
    assert!(found[0].1.contains("fraction of a cent"), "{found:?}");
}

#[test]
fn hostile_and_broken_input_never_panics() {
    for text in [
        "",
        "{",
        "null",
        "[]",
        "\"plan\"",
        "{\"schema_version\": 99999999999999999999}",
        "{\"schema_version\": 1}",
        &"[".repeat(10_000),
        "\u{0000}",
        "{\"a\":\"\\ud800\"}",
    ] {
        let err = load_plan(text).expect_err("rejected");
        assert!(!err.is_empty());
        assert!(!err[0].message.is_empty());
    }
    let err = load_plan("{").unwrap_err();
    assert!(
        err[0].message.starts_with("this is not valid JSON"),
        "{err:?}"
    );
}

#[test]
fn catalog_problems_are_prefixed_with_the_plan() {
    let mut bad = good();
    bad["plan_year"]["end"] = "2025-06-30".into();
    let catalog =
        serde_json::json!({ "schema_version": 1, "name": "Acme", "plans": [good(), bad] });
    let err = load_catalog(&catalog.to_string()).unwrap_err();
    assert!(
        err.iter()
            .any(|p| p.path == "plans[1].plan_year.end"
                && p.message.contains("ends before it starts")),
        "{err:#?}"
    );
    assert!(
        err.iter()
            .any(|p| p.path == "plans[1].id" && p.message.contains("used twice")),
        "{err:#?}"
    );
}

#[test]
fn hsa_plans_are_checked_against_the_irs_limits() {
    let mut p = good();
    p["hsa"] = serde_json::json!({ "eligible": true, "source": "sbc p.1" });
    p["tiers"][0]["deductible"]["in_network"]["individual"] = "1600".into();
    p["tiers"][0]["out_of_pocket_max"]["in_network"]["individual"] = "9000".into();
    let loaded = load_plan(&p.to_string()).expect("warnings do not block loading");
    let text: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert!(
        text.iter()
            .any(|w| w.contains("$1,600 is below the $1,700 minimum")),
        "{text:#?}"
    );
    assert!(
        text.iter()
            .any(|w| w.contains("$9,000 is above the $8,500 limit")),
        "{text:#?}"
    );
    assert!(
        text.iter()
            .any(|w| w.contains("family deductible $3,000 is below the $3,400 minimum")),
        "{text:#?}"
    );
}

#[test]
fn telehealth_before_the_deductible_keeps_an_hsa_plan_qualified_where_the_law_allows() {
    // A 2026 HDHP at the IRS figures (Rev. Proc. 2025-19: $1,700 / $3,400 least deductible) whose
    // virtual visits skip the deductible: allowed for plan years from 2025 (Public Law 119-21,
    // section 71306), and from 2020 to 2021 and in 2023 and 2024; not for a plan year from 2022.
    let mut p = hsa_2026(good());
    p["services"][0]["id"] = "telehealth_visit".into();
    p["services"][0]["name"] = "Virtual visit".into();
    p["services"][0]["in_network"] = serde_json::json!({ "copay": "0", "deductible": "waived" });
    assert_eq!(hsa_warnings(&p), Vec::<String>::new());
    // The same plan for 2022 (IRS Rev. Proc. 2021-25: $1,400 / $2,800 least deductible).
    p["plan_year"] = serde_json::json!({ "start": "2022-01-01", "end": "2022-12-31" });
    let found = hsa_warnings(&p);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].starts_with("warning: services[0].in_network.deductible: Virtual visit is paid before the deductible, which an HSA-qualified plan may do for telehealth only in plan years that start from 2020 to 2021"), "{found:#?}");
    // Any other service that skips it still disqualifies the plan, whatever the year.
    p["plan_year"] = serde_json::json!({ "start": "2026-01-01", "end": "2026-12-31" });
    p["services"][0]["id"] = "primary_care_visit".into();
    let found = hsa_warnings(&p);
    assert!(
        found[0].contains("only for preventive care (IRS Notice 2004-23) and telehealth"),
        "{found:#?}"
    );
}

#[test]
fn every_plan_year_from_2009_to_2027_has_its_irs_limits() {
    // 2011 to 2024 fill the gap between the 2010 seed plans and the current years: each with its
    // revenue procedure, and the ACA's limit from 2014.
    for year in 2009..=2027 {
        let y =
            costshare_plan::irs_year(year).unwrap_or_else(|| panic!("no IRS limits for {year}"));
        assert!(y.source.contains("Rev. Proc."), "{year}");
        assert_eq!(
            y.aca_max_out_of_pocket_self.is_some(),
            year >= 2014,
            "{year}"
        );
    }
    // Two years checked against their revenue procedures: 2018 (Rev. Proc. 2017-37, the family
    // limit as restored by Rev. Proc. 2018-27) and 2024 (Rev. Proc. 2023-23).
    let y = costshare_plan::irs_year(2018).unwrap();
    assert_eq!(
        (
            y.hsa_contribution_self.0.to_string(),
            y.hsa_contribution_family.0.to_string()
        ),
        ("3450".into(), "6900".into())
    );
    let y = costshare_plan::irs_year(2024).unwrap();
    assert_eq!(
        [
            y.hdhp_min_deductible_self.0,
            y.hdhp_min_deductible_family.0,
            y.hdhp_max_out_of_pocket_self.0,
            y.hdhp_max_out_of_pocket_family.0
        ]
        .map(|d| d.to_string()),
        ["1600", "3200", "8050", "16100"].map(String::from)
    );
}

/// The good plan with format version 2 fields: an inpatient stay with per-day copays and a
/// per-admission day limit, and drugs with a deductible that skips a tier.
#[test]
fn surcharges_and_hra_hsa_and_benefit_period_rules_may_be_examples() {
    // Each of these has its own `source`; a value nobody published says `"example": true`
    // instead, and the plan then counts as one with examples (the CLI's validate says so).
    let mut premium_sourced = good_v2();
    premium_sourced["tiers"][0]["premium"] =
        serde_json::json!({ "value": "120.00", "source": "sbc p.1" });
    assert!(
        !load_plan(&premium_sourced.to_string())
            .unwrap()
            .has_examples()
    );
    let rules = [
        (
            "surcharges",
            serde_json::json!([{ "id": "tobacco", "name": "Tobacco surcharge", "monthly": "50", "applies_when": "tobacco_use" }]),
        ),
        (
            "hra",
            serde_json::json!({ "pays": ["deductible"], "rollover": false }),
        ),
        ("hsa", serde_json::json!({ "eligible": false })),
        (
            "benefit_period",
            serde_json::json!({ "ends_after_days_out": 60 }),
        ),
    ];
    for (field, rule) in rules {
        let mut p = premium_sourced.clone();
        p[field] = rule;
        let path = if field == "surcharges" {
            "surcharges[0].source".to_string()
        } else {
            format!("{field}.source")
        };
        let found = problems(&p);
        assert_eq!(
            found.first().map(|f| f.0.as_str()),
            Some(path.as_str()),
            "{field}: {found:?}"
        );
        assert!(found[0].1.contains("needs a source"), "{found:?}");
        let target = if field == "surcharges" {
            &mut p[field][0]
        } else {
            &mut p[field]
        };
        target["example"] = true.into();
        let loaded = load_plan(&p.to_string()).unwrap_or_else(|e| panic!("{field}: {e:?}"));
        assert!(loaded.has_examples(), "{field}");
    }
    // An HSA contribution that is an example makes the plan one with examples too.
    let mut p = premium_sourced;
    p["hsa"] = serde_json::json!({ "eligible": false, "source": "sbc p.1",
        "employer_contribution": { "employee": { "value": "500", "example": true } } });
    assert!(load_plan(&p.to_string()).unwrap().has_examples());
}

fn good_v2() -> serde_json::Value {
    let mut p = good();
    p["schema_version"] = 2.into();
    p["limits"] = serde_json::json!([
        { "id": "stay", "name": "days per stay", "unit": "days", "amount": "60", "per": "admission", "source": "sbc p.3" }
    ]);
    p["services"].as_array_mut().unwrap().push(serde_json::json!(
        { "id": "inpatient", "name": "Inpatient stay", "category": "Hospital", "source": "sbc p.3",
          "limits": ["stay"],
          "in_network": { "deductible": "applies", "coinsurance": "0%", "admission_copay": "250",
                          "per_day_copay": { "days": [ { "from_day": 1, "to_day": 5, "amount": "100" } ],
                                             "maximum_per_admission": "500", "maximum_per_year": "1500" } },
          "out_of_network": { "covered": false, "reason": "In-network only" } }
    ));
    p["drugs"] = serde_json::json!({
        "tiers": [
            { "id": "generic", "name": "Generic", "deductible": "waived",
              "fills": [ { "channel": "retail", "max_days": 30, "copay": "10" } ] },
            { "id": "brand", "name": "Brand", "fills": [ { "channel": "retail", "max_days": 30, "coinsurance": "25%" } ] }
        ],
        "deductible": { "separate": { "individual": "250" } },
        "out_of_pocket": "medical",
        "brand_penalty": true,
        "brand_coinsurance_base": "brand",
        "non_participating_pharmacies_covered": false,
        "source": "sbc p.4"
    });
    p
}

#[test]
fn a_version_1_file_loads_as_version_2() {
    let v1 = good();
    let loaded = load_plan(&v1.to_string()).expect("a version 1 file loads");
    assert_eq!(loaded.file.schema_version, costshare_plan::SCHEMA_VERSION);
    let mut v2 = good();
    v2["schema_version"] = 2.into();
    let loaded_v2 = load_plan(&v2.to_string()).expect("loads");
    assert_eq!(loaded.plan, loaded_v2.plan, "the same plan either way");
    assert_eq!(loaded.file, loaded_v2.file);
    // Version 3 is not read.
    let mut v3 = good();
    v3["schema_version"] = 3.into();
    assert_eq!(problems(&v3)[0].0, "schema_version");
}

#[test]
fn migrate_changes_only_the_version() {
    let text = serde_json::to_string_pretty(&good()).unwrap();
    let migrated = costshare_plan::migrate_json(&text).expect("migrates");
    assert_eq!(
        migrated.trim_end(),
        text.replacen("\"schema_version\": 1", "\"schema_version\": 2", 1)
    );
    // A catalog: the catalog and every plan.
    let catalog = serde_json::json!({ "schema_version": 1, "name": "Acme", "plans": [good()] });
    let migrated = costshare_plan::migrate_json(&catalog.to_string()).expect("migrates");
    let value: serde_json::Value = serde_json::from_str(&migrated).unwrap();
    assert_eq!(value["schema_version"], 2);
    assert_eq!(value["plans"][0]["schema_version"], 2);
    // A file with errors is not migrated.
    let mut bad = good();
    bad["tiers"][0]["id"] = "Bad Id".into();
    assert!(costshare_plan::migrate_json(&bad.to_string()).is_err());
}

#[test]
fn version_2_fields_need_version_2() {
    assert_eq!(problems(&good_v2()), vec![]);
    let mut p = good_v2();
    p["schema_version"] = 1.into();
    let found = problems(&p);
    let paths: Vec<&str> = found.iter().map(|(path, _)| path.as_str()).collect();
    for expected in [
        "services[1].in_network.per_day_copay",
        "services[1].in_network.admission_copay",
        "limits[0].per",
        "drugs.tiers[0].deductible",
        "drugs.brand_coinsurance_base",
    ] {
        assert!(
            paths.contains(&expected),
            "missing {expected} in {found:#?}"
        );
    }
    assert!(found[0].1.contains("schema_version\": 2"), "{found:?}");
}

#[test]
fn inpatient_and_drug_designs_are_checked() {
    let mut p = good_v2();
    let inpatient = &mut p["services"][1]["in_network"];
    inpatient["copay"] = "50".into();
    inpatient["per_day_copay"]["days"] = serde_json::json!([
        { "from_day": 1, "to_day": 5, "amount": "100" },
        { "from_day": 4, "amount": "50" },
        { "from_day": 9, "to_day": 8, "amount": "10" },
        { "from_day": 0, "amount": "1" }
    ]);
    inpatient["per_day_copay"]["maximum_per_year"] = "400".into();
    p["limits"][0]["unit"] = "visits".into();
    p["limits"][0]["scope"] = "family".into();
    p["drugs"]["deductible"] = "none".into();
    p["drugs"]["brand_penalty"] = false.into();
    let found = problems(&p);
    let paths: Vec<&str> = found.iter().map(|(path, _)| path.as_str()).collect();
    for expected in [
        "services[1].in_network.copay",
        "services[1].in_network.per_day_copay.days[1].from_day",
        "services[1].in_network.per_day_copay.days[2].to_day",
        "services[1].in_network.per_day_copay.days[3].from_day",
        "services[1].in_network.per_day_copay.maximum_per_year",
        "limits[0].unit",
        "limits[0].scope",
        "drugs.tiers[0].deductible",
        "drugs.brand_coinsurance_base",
    ] {
        assert!(
            paths.contains(&expected),
            "missing {expected} in {found:#?}"
        );
    }
    // Not covered means no cost sharing at all.
    let mut p = good_v2();
    p["services"][1]["out_of_network"]["admission_copay"] = "100".into();
    assert_eq!(problems(&p)[0].0, "services[1].out_of_network");
}

#[test]
fn pharmacy_rows_and_the_maintenance_rule_are_checked() {
    let mut p = good_v2();
    p["drugs"]["tiers"][0]["fills"] = serde_json::json!([
        { "channel": "retail", "max_days": 30, "copay": "10", "pharmacy": "participating" },
        { "channel": "retail", "max_days": 30, "coinsurance": "20%", "pharmacy": "non_participating" }
    ]);
    p["drugs"]["maintenance"] = serde_json::json!({
        "retail_fills": 3, "short_supply_days": 30, "after": { "extra_coinsurance": "0%" }, "source": "sbc p.4"
    });
    let found = problems(&p);
    let paths: Vec<&str> = found.iter().map(|(path, _)| path.as_str()).collect();
    for expected in [
        "drugs.tiers[0].fills[1].pharmacy",
        "drugs.maintenance.after.extra_coinsurance",
        "drugs.maintenance",
    ] {
        assert!(
            paths.contains(&expected),
            "missing {expected} in {found:#?}"
        );
    }
    p["drugs"]["non_participating_pharmacies_covered"] = true.into();
    p["drugs"]["maintenance"]["after"] = "not_covered".into();
    p["drugs"]["tiers"][1]["fills"] = serde_json::json!([
        { "channel": "retail", "max_days": 30, "coinsurance": "25%" },
        { "channel": "mail", "max_days": 90, "coinsurance": "20%" }
    ]);
    assert_eq!(problems(&p), vec![]);
    p["schema_version"] = 1.into();
    let paths: Vec<String> = problems(&p).into_iter().map(|(path, _)| path).collect();
    assert!(
        paths.contains(&"drugs.maintenance".to_string()),
        "{paths:?}"
    );
    assert!(
        paths.contains(&"drugs.tiers[0].fills[1].pharmacy".to_string()),
        "{paths:?}"
    );
}

#[test]
fn network_crediting_is_checked() {
    let mut p = good_v2();
    p["tiers"][0]["deductible"]["out_of_network"] = serde_json::json!({ "individual": "3000" });
    p["tiers"][1]["deductible"]["out_of_network"] =
        serde_json::json!({ "individual": "3000", "family": "6000" });
    p["deductible_networks"] = "cross_credit".into();
    p["out_of_pocket_networks"] = "out_of_network_counts_toward_in_network".into();
    assert_eq!(problems(&p), vec![]);
    let loaded = load_plan(&p.to_string()).unwrap();
    assert!(loaded.plan.deductible_networks.in_to_out && loaded.plan.deductible_networks.out_to_in);
    assert!(!loaded.plan.out_of_pocket_networks.in_to_out);
    // "shared" is one amount for both networks.
    p["deductible_networks"] = "shared".into();
    let found = problems(&p);
    assert_eq!(found[0].0, "deductible_networks", "{found:?}");
    assert!(found[0].1.contains("cross_credit"), "{found:?}");
    // The default follows networks_accumulate.
    let mut v1 = good();
    v1["networks_accumulate"] = "together".into();
    let loaded = load_plan(&v1.to_string()).unwrap();
    assert_eq!(
        loaded.plan.deductible_networks,
        costshare_engine::Crediting::SHARED
    );
}

#[test]
fn copays_that_change_with_visits_are_checked() {
    let mut p = good_v2();
    p["services"][0]["in_network"]["copay_after_visits"] =
        serde_json::json!({ "visits": 2, "copay": "50", "scope": "family" });
    assert_eq!(problems(&p), vec![]);
    p["services"][0]["in_network"]["copay_after_visits"]["visits"] = 0.into();
    p["services"][0]["in_network"]
        .as_object_mut()
        .unwrap()
        .remove("copay");
    let paths: Vec<String> = problems(&p).into_iter().map(|(path, _)| path).collect();
    assert!(
        paths.contains(&"services[0].in_network.copay_after_visits.visits".to_string()),
        "{paths:?}"
    );
    assert!(
        paths.contains(&"services[0].in_network.copay".to_string()),
        "{paths:?}"
    );
}

#[test]
fn a_coinsurance_maximum_is_checked() {
    let mut p = good_v2();
    p["tiers"][0]["coinsurance_maximum"] =
        serde_json::json!({ "in_network": { "individual": "6000" }, "source": "sbc p.1" });
    p["tiers"][1]["coinsurance_maximum"] =
        serde_json::json!({ "in_network": { "individual": "500" }, "source": "sbc p.1" });
    let found = problems(&p);
    let paths: Vec<&str> = found.iter().map(|(path, _)| path.as_str()).collect();
    assert!(
        paths.contains(&"tiers[0].coinsurance_maximum.in_network.individual"),
        "{found:?}"
    );
    assert!(
        paths.contains(&"tiers[1].coinsurance_maximum.in_network.family"),
        "{found:?}"
    );
    let mut p = good_v2();
    p["coinsurance_maximum_counts"] = "deductible_and_coinsurance".into();
    assert_eq!(problems(&p)[0].0, "coinsurance_maximum_counts");
}

#[test]
fn hra_designs_are_checked() {
    let mut p = good_v2();
    p["tiers"][0]["hra_member_pays_first"] =
        serde_json::json!({ "value": "500", "source": "sbc p.5" });
    let found = problems(&p);
    assert_eq!(found[0].0, "tiers[0].hra_member_pays_first", "{found:?}");
    p["hra"] = serde_json::json!({ "pays": ["deductible"], "share": "0%", "rollover": false, "source": "sbc p.5" });
    let found = problems(&p);
    assert_eq!(found[0].0, "hra.share", "{found:?}");
    p["hra"]["share"] = "75%".into();
    assert_eq!(problems(&p), vec![]);
    // A cap on what rolls over, when nothing does, is pointed out.
    p["hra"]["rollover_cap"] = "1000".into();
    let w = load_plan(&p.to_string()).unwrap().warnings;
    assert!(w.iter().any(|w| w.path == "hra.rollover_cap"), "{w:?}");
    p["hra"].as_object_mut().unwrap().remove("rollover_cap");
    let loaded = load_plan(&p.to_string()).unwrap();
    assert_eq!(
        loaded.plan.tiers[0].hra_member_first,
        costshare_engine::Money::from_dollars(500)
    );
}

#[test]
fn the_alternate_benefit_is_dental_and_claims_use_it_only_where_it_applies() {
    let mut p = good_v2();
    p["services"][0]["in_network"]["alternate_benefit"] = true.into();
    assert_eq!(
        problems(&p)[0].0,
        "services[0].in_network.alternate_benefit"
    );
    p["kind"] = "dental".into();
    p.as_object_mut().unwrap().remove("drugs");
    let loaded = load_plan(&p.to_string()).expect("loads");
    let claims = |service: &str| {
        costshare_plan::parse_claims(
            &serde_json::json!({
                "members": [ { "id": "a", "relationship": "employee", "age": 30 } ],
                "claims": [ { "date": "2026-02-01", "member": "a", "service": service,
                              "allowed": "220", "alternate_allowed": "250" } ]
            })
            .to_string(),
        )
        .unwrap()
    };
    let err =
        costshare_plan::resolve_claims(&claims("primary_care_visit"), &loaded.file, &loaded.plan)
            .unwrap_err();
    assert_eq!(err[0].path, "claims[0].alternate_allowed", "{err:?}");
    let err = costshare_plan::resolve_claims(&claims("inpatient"), &loaded.file, &loaded.plan)
        .unwrap_err();
    assert!(
        err.iter()
            .any(|e| e.message.contains("no alternate benefit")),
        "{err:?}"
    );
}

#[test]
fn a_discount_above_the_allowance_needs_an_allowance_in_network() {
    let mut p = good_v2();
    p["services"][0]["in_network"]["discount_above_allowance"] = "20%".into();
    assert_eq!(
        problems(&p)[0].0,
        "services[0].in_network.discount_above_allowance"
    );
    p["services"][0]["in_network"]["allowance"] = "130".into();
    assert_eq!(problems(&p), vec![]);
    p["services"][0]["out_of_network"] = serde_json::json!({
        "deductible": "waived", "allowance": "70", "discount_above_allowance": "20%"
    });
    assert_eq!(
        problems(&p)[0].0,
        "services[0].out_of_network.discount_above_allowance"
    );
}

#[test]
fn a_benefit_period_is_checked() {
    let mut p = good_v2();
    p["benefit_period"] = serde_json::json!({ "ends_after_days_out": 0, "source": "sbc p.6" });
    assert_eq!(problems(&p)[0].0, "benefit_period.ends_after_days_out");
    p["benefit_period"]["ends_after_days_out"] = 60.into();
    assert_eq!(problems(&p), vec![]);
    p["schema_version"] = 1.into();
    assert_eq!(problems(&p)[0].0, "benefit_period");
}

#[test]
fn a_rule_the_format_cannot_express_is_named_and_the_plan_is_not_loaded() {
    let mut p = good_v2();
    p["lifetime_reserve_days"] = 60.into();
    let err = load_plan(&p.to_string()).unwrap_err();
    assert_eq!(err[0].path, "lifetime_reserve_days");
    assert!(
        err[0].message.contains("Medicare lifetime reserve days"),
        "{err:?}"
    );
    assert!(
        err[0].message.contains("cannot be modelled exactly"),
        "{err:?}"
    );
    let mut p = good_v2();
    p["services"][0]["in_network"]["copay_per_trimester"] = "5".into();
    let err = load_plan(&p.to_string()).unwrap_err();
    assert_eq!(err[0].path, "services[0].in_network.copay_per_trimester");
    assert!(
        err[0]
            .message
            .starts_with("\"copay_per_trimester\" is not a rule"),
        "{err:?}"
    );
}

#[test]
fn an_individual_amount_an_aggregate_rule_ignores_is_pointed_out() {
    // Family tier: $1,500 / $3,000. Aggregate: only the $3,000 counts, so the $1,500 is unused.
    let mut p = good();
    p["family_deductible"] = "aggregate".into();
    let loaded = load_plan(&p.to_string()).expect("a warning does not block loading");
    let text: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        text,
        [
            "warning: tiers[1].deductible.in_network.individual: not used: with family_deductible \"aggregate\" only the family amount $3,000.00 counts on a tier that covers a spouse or children; make it \"embedded\" for each person to stop at $1,500.00"
        ],
        "{text:#?}"
    );
}

#[test]
fn an_hsa_plan_may_pay_only_preventive_care_before_the_deductible() {
    // The good plan's $25 primary care copay with the deductible waived would disqualify an
    // HSA plan (IRS Notice 2004-23); a preventive visit with it waived would not.
    // Deductibles at 2026's HSA minimums, so only the copay is a problem.
    let mut p = hsa_2026(good());
    let loaded = load_plan(&p.to_string()).expect("warnings do not block loading");
    let text: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        text,
        [
            "warning: services[0].in_network.deductible: Primary care visit is paid before the deductible, which an HSA-qualified plan may do only for preventive care (IRS Notice 2004-23) and telehealth, so the plan would not be HSA-qualified (preventive care and telehealth have their own service ids: README, \"Plan files\")"
        ],
        "{text:#?}"
    );
    p["services"][0]["id"] = "preventive_office_visit".into();
    let loaded = load_plan(&p.to_string()).unwrap();
    assert!(loaded.warnings.is_empty(), "{:#?}", loaded.warnings);
    // Employer money above 2026's $4,400 self-only limit: a warning, and only $4,400 counts.
    p["hsa"]["employer_contribution"] =
        serde_json::json!({ "employee": { "value": "5000", "example": true } });
    let loaded = load_plan(&p.to_string()).unwrap();
    let text: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(
        text,
        [
            "warning: hsa.employer_contribution.employee: Employee: the employer's $5,000 is above the 2026 limit of $4,400 on all HSA contributions (IRS Rev. Proc. 2025-19); only $4,400 is counted"
        ],
        "{text:#?}"
    );
}

#[test]
fn a_misspelt_field_is_named_with_the_one_meant() {
    let mut p = good();
    p["services"][0]["in_network"]["copay_waived_if_admited"] = true.into();
    let err = problems(&p);
    assert_eq!(
        err,
        [(
            "services[0].in_network.copay_waived_if_admited".to_string(),
            "\"copay_waived_if_admited\" is not a field here: did you mean \"copay_waived_if_admitted\"? (A field the format does not have is a rule it cannot express, so the plan is not loaded.)".to_string()
        )]
    );
    // A field nothing is close to stays a rule the format cannot express.
    let mut p = good();
    p["services"][0]["in_network"]["tiered_network"] = true.into();
    let err = problems(&p);
    assert!(
        err[0]
            .1
            .starts_with("\"tiered_network\" is not a rule plan format 2 can express"),
        "{err:?}"
    );
}

#[test]
fn out_of_pocket_maximums_are_checked_against_the_aca_limit() {
    // 2026: $10,600 for one person (also each person inside family coverage), $21,200 for a
    // family. The good plan's $5,000 / $10,000 is within; $12,000 for one person is not, and an
    // aggregate $17,000 family maximum lets one person pay it all.
    let p = good();
    assert!(load_plan(&p.to_string()).unwrap().warnings.is_empty());
    let mut p = good();
    p["tiers"][0]["out_of_pocket_max"]["in_network"]["individual"] = "12000".into();
    p["tiers"][1]["out_of_pocket_max"]["in_network"]["family"] = "17000".into();
    p["family_out_of_pocket_max"] = "aggregate".into();
    let loaded = load_plan(&p.to_string()).unwrap();
    let text: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    let source = "(HHS annual guidance on the maximum annual limitation on cost sharing for 2026, as revised up from $10,150 / $20,300 by the 2025 Marketplace Integrity and Affordability rule); the plan is priced as written";
    assert!(text.contains(&format!("warning: tiers[0].out_of_pocket_max.in_network.individual: Employee: the out-of-pocket maximum is $12,000, above the 2026 limit of $10,600 on in-network out-of-pocket costs {source}")), "{text:#?}");
    assert!(text.contains(&format!("warning: tiers[1].out_of_pocket_max.in_network.individual: Family: one person can pay up to $17,000 (an aggregate family maximum), above the 2026 limit of $10,600 on in-network out-of-pocket costs, which applies to each person {source}")), "{text:#?}");
    // A $9,500 medical maximum with a separate $1,500 drug maximum: $11,000 for one person,
    // said with its two parts (the field holds $9,500).
    let mut p = good_v2();
    p["tiers"][0]["out_of_pocket_max"]["in_network"]["individual"] = "9500".into();
    p["drugs"]["out_of_pocket"] =
        serde_json::json!({ "separate": { "individual": "1500", "family": "3000" } });
    let text: Vec<String> = load_plan(&p.to_string())
        .unwrap()
        .warnings
        .iter()
        .map(|w| w.to_string())
        .collect();
    assert!(text.contains(&format!("warning: tiers[0].out_of_pocket_max.in_network.individual: Employee: the out-of-pocket maximum is $11,000 ($9,500 and the separate drug maximum of $1,500), above the 2026 limit of $10,600 on in-network out-of-pocket costs {source}")), "{text:#?}");
}

#[test]
fn an_hsa_plans_drugs_may_not_skip_the_least_deductible() {
    // A 2026 HSA plan at the IRS least deductibles ($1,700 / $3,400, Rev. Proc. 2025-19) whose
    // drugs have a $100 / $200 deductible of their own, then whose generics skip it.
    let mut p = hsa_2026(good_v2());
    p["services"][0]["in_network"]["deductible"] = "applies".into();
    p["drugs"]["tiers"][0]
        .as_object_mut()
        .unwrap()
        .remove("deductible");
    p["drugs"]["deductible"] =
        serde_json::json!({ "separate": { "individual": "100", "family": "200" } });
    let found = hsa_warnings(&p);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].starts_with("warning: drugs.deductible.separate.individual: the separate drug deductible $100 is below the $1,700 minimum"), "{found:#?}");
    // The drugs through the medical deductible: qualified, until a tier skips it.
    p["drugs"]["deductible"] = "medical".into();
    assert_eq!(hsa_warnings(&p), Vec::<String>::new());
    p["drugs"]["tiers"][0]["deductible"] = "waived".into();
    let found = hsa_warnings(&p);
    assert!(
        found.len() == 1
            && found[0].starts_with(
                "warning: drugs.tiers[0].deductible: Generic drugs are paid before the deductible"
            ),
        "{found:#?}"
    );
}

#[test]
fn an_employee_plus_one_tier_is_written_with_dependents_at_most() {
    let mut p = good_v2();
    p["tiers"][1]["dependents_at_most"] = 1.into();
    let loaded = load_plan(&p.to_string()).unwrap();
    assert_eq!(loaded.plan.tiers[1].dependents_at_most, Some(1));
    // Zero, or on the employee's own tier, is a mistake at the field; version 1 has no such field.
    p["tiers"][1]["dependents_at_most"] = 0.into();
    assert_eq!(problems(&p)[0].0, "tiers[1].dependents_at_most");
    let mut p = good_v2();
    p["tiers"][0]["dependents_at_most"] = 1.into();
    assert_eq!(problems(&p)[0].0, "tiers[0].dependents_at_most");
    p["schema_version"] = 1.into();
    assert_eq!(problems(&p)[0].0, "tiers[0].dependents_at_most");
}

#[test]
fn a_problem_reading_one_plan_of_a_catalog_does_not_hide_the_others() {
    // Plan 0 is good, plan 1 has an amount that is not one (reading stops there), plan 2 cites
    // a document it does not list: both are reported, each under its plan.
    let good = good();
    let mut bad_amount = good.clone();
    bad_amount["id"] = "second".into();
    bad_amount["tiers"][0]["premium"]["value"] = "ten dollars".into();
    let mut bad_source = good.clone();
    bad_source["id"] = "third".into();
    bad_source["services"][0]["source"] = "brochure p.2".into();
    let catalog = serde_json::json!({ "schema_version": 2, "name": "c", "plans": [good, bad_amount, bad_source] });
    let problems = load_catalog(&catalog.to_string()).unwrap_err();
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert!(
        paths.contains(&"plans[1].tiers[0].premium.value"),
        "{problems:#?}"
    );
    assert!(
        paths.contains(&"plans[2].services[0].source"),
        "{problems:#?}"
    );
    assert!(
        !paths.iter().any(|p| p.starts_with("plans[0]")),
        "{problems:#?}"
    );
}

#[test]
fn a_plan_name_is_at_most_120_characters() {
    let mut p = good();
    p["name"] = "V".repeat(121).into();
    assert_eq!(problems(&p)[0].0, "name");
    p["name"] = "V".repeat(120).into();
    assert_eq!(problems(&p), vec![]);
}
