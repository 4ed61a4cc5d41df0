//! Checks the built-in catalog: every plan loads, cites its documents, the medical options can run
//! the same claims, and `public/catalog.json` is up to date.

use costshare_plan::{LoadedPlan, PlanKind, Severity};
use std::collections::BTreeSet;
use std::path::PathBuf;

const REGENERATE: &str = "cargo run -p costshare-cli -- catalog --write-all public/catalog.json\n\
     (until the CLI exists: CARGO_TARGET_DIR=/work/target-catalog cargo test -p costshare-catalog --test catalog -- --ignored regenerate)";

/// Service ids every medical option must have, so the same claims run through all of them.
const SHARED_SERVICES: &[&str] = &[
    "primary_care_visit",
    "specialist_visit",
    "preventive_office_visit",
    "urgent_care_visit",
    "er_visit",
    "lab_xray_independent",
    "advanced_imaging_outpatient",
    "outpatient_facility",
    "outpatient_professional",
    "inpatient_hospital_facility",
    "inpatient_professional",
    "physical_therapy",
    "chiropractic_visit",
    "mental_health_office_visit",
    "maternity_delivery_facility",
    "maternity_global_fee",
    "ambulance",
    "dme",
    "vision_exam",
];

/// Drug tier ids every medical option must have.
const SHARED_DRUG_TIERS: &[&str] = &["generic", "preferred_brand", "non_preferred_brand"];

fn plans() -> Vec<LoadedPlan> {
    match costshare_catalog::builtin() {
        Ok(p) => p,
        Err(problems) => {
            let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
            panic!("the built-in plans do not load:\n{}", list.join("\n"));
        }
    }
}

fn catalog_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../public/catalog.json")
}

#[test]
fn every_plan_loads_and_only_the_expected_warnings_remain() {
    let plans = plans();
    assert_eq!(plans.len(), costshare_catalog::FILES.len());
    let mut unexpected = Vec::new();
    for p in &plans {
        for w in &p.warnings {
            println!("{}: {w}", p.file.id);
            assert_eq!(w.severity, Severity::Warning);
            // The HDHP's 2009 deductibles are below the 2010 IRS minimums; its readings say so.
            let expected = p.file.id == "shbp-2010-hdhp"
                && w.path.starts_with("tiers[")
                && w.path.contains(".deductible.in_network")
                && w.message.contains("IRS limits");
            if !expected {
                unexpected.push(format!("{}: {w}", p.file.id));
            }
        }
    }
    assert!(
        unexpected.is_empty(),
        "unexpected warnings:\n{}",
        unexpected.join("\n")
    );
    let hdhp = plans
        .iter()
        .find(|p| p.file.id == "shbp-2010-hdhp")
        .expect("the HDHP is built in");
    assert_eq!(
        hdhp.warnings.len(),
        4,
        "one IRS minimum-deductible warning per HDHP tier"
    );
}

#[test]
fn plan_ids_are_unique_and_match_file_names() {
    let plans = plans();
    let mut ids = BTreeSet::new();
    for (p, (file, _)) in plans.iter().zip(costshare_catalog::FILES) {
        assert!(
            ids.insert(p.file.id.clone()),
            "plan id {} is used twice",
            p.file.id
        );
        assert_eq!(
            format!("{}.json", p.file.id),
            *file,
            "file name and plan id differ"
        );
    }
}

#[test]
fn every_plan_lists_its_documents_and_readings_cite_them() {
    for p in plans() {
        assert!(
            !p.file.documents.is_empty(),
            "{} lists no documents",
            p.file.id
        );
        for r in &p.file.readings {
            let key = r.source.split_whitespace().next().unwrap_or("");
            assert!(
                p.file.documents.contains_key(key),
                "{}: reading {} cites {key}",
                p.file.id,
                r.id
            );
        }
        for s in &p.file.services {
            assert!(
                !s.category.trim().is_empty(),
                "{}: service {} has no category",
                p.file.id,
                s.id
            );
        }
        for t in &p.file.tiers {
            // 2010 premiums were not published: every tier carries a labeled example premium.
            assert!(
                t.premium.is_some(),
                "{}: tier {} has no premium",
                p.file.id,
                t.id
            );
        }
    }
}

#[test]
fn medical_options_share_service_and_drug_tier_ids() {
    let plans = plans();
    let medical: Vec<&LoadedPlan> = plans
        .iter()
        .filter(|p| p.file.kind == PlanKind::Medical)
        .collect();
    assert_eq!(medical.len(), 3, "the OAP, HRA and HDHP");
    let mut missing = Vec::new();
    for p in &medical {
        let services: BTreeSet<&str> = p.file.services.iter().map(|s| s.id.as_str()).collect();
        for id in SHARED_SERVICES {
            if !services.contains(id) {
                missing.push(format!("{} has no service {id}", p.file.id));
            }
        }
        let tiers: BTreeSet<&str> = p
            .file
            .drugs
            .iter()
            .flat_map(|d| d.tiers.iter().map(|t| t.id.as_str()))
            .collect();
        for id in SHARED_DRUG_TIERS {
            if !tiers.contains(id) {
                missing.push(format!("{} has no drug tier {id}", p.file.id));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
    // Every service of the HRA and HDHP is also an OAP service, so OAP claims run on them.
    let oap = medical
        .iter()
        .find(|p| p.file.id == "shbp-2010-oap")
        .expect("the OAP is built in");
    let oap: BTreeSet<&str> = oap.file.services.iter().map(|s| s.id.as_str()).collect();
    for p in medical.iter().filter(|p| p.file.id != "shbp-2010-oap") {
        for s in &p.file.services {
            assert!(
                oap.contains(s.id.as_str()),
                "{} has service {} that the OAP lacks",
                p.file.id,
                s.id
            );
        }
    }
}

#[test]
fn public_catalog_is_up_to_date() {
    let expected = costshare_catalog::catalog_json().unwrap_or_else(|p| panic!("{p:?}"));
    let path = catalog_path();
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "public/catalog.json is missing or out of date with crates/costshare-catalog/plans/. Regenerate it with:\n    {REGENERATE}"
    );
    assert!(
        costshare_plan::load_catalog(&actual).is_ok(),
        "public/catalog.json does not load as a catalog"
    );
}

/// Writes `public/catalog.json` from the plan files. Run with `-- --ignored regenerate`.
#[test]
#[ignore = "writes public/catalog.json; run on purpose"]
fn regenerate() {
    let json = costshare_catalog::catalog_json().unwrap_or_else(|p| panic!("{p:?}"));
    let path = catalog_path();
    std::fs::write(&path, json).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    println!("wrote {}", path.display());
}
