//! The built-in plan catalog, embedded at compile time.
//!
//! Each plan is a file in `plans/`; `cargo test` checks that every one loads, cites a document
//! for every number (or labels it an example), and matches `public/catalog.json`.
#![warn(missing_docs)]

use costshare_plan::{CatalogFile, LoadedPlan, PlanFile, Problem, SCHEMA_VERSION};

/// The catalog's name.
pub const NAME: &str =
    "Georgia State Health Benefit Plan 2010 (with example dental and vision plans)";

/// The built-in plan files, named once: [`FILES`] holds them as written, `COMPACT` as compiled
/// into the program, without the whitespace between tokens (build.rs), so less to ship and to
/// parse.
macro_rules! plan_files {
    ($($name:literal),* $(,)?) => {
        /// Every built-in plan file: file name and contents.
        pub const FILES: &[(&str, &str)] = &[$(($name, include_str!(concat!("../plans/", $name)))),*];

        const COMPACT: &[(&str, &str)] =
            &[$(($name, include_str!(concat!(env!("OUT_DIR"), "/", $name)))),*];
    };
}

plan_files![
    "shbp-2010-oap.json",
    "shbp-2010-hra.json",
    "shbp-2010-hdhp.json",
    "dental-high.json",
    "dental-low.json",
    "vision-basic.json",
];

/// Loads and checks every built-in plan.
pub fn builtin() -> Result<Vec<LoadedPlan>, Vec<Problem>> {
    let mut plans = Vec::new();
    let mut problems = Vec::new();
    for (name, json) in COMPACT {
        match costshare_plan::load_plan(json) {
            Ok(p) => plans.push(p),
            Err(ps) => problems.extend(ps.into_iter().map(|p| p.within(name))),
        }
    }
    if problems.is_empty() {
        Ok(plans)
    } else {
        Err(problems)
    }
}

/// The built-in catalog as one catalog file (what `public/catalog.json` holds).
pub fn catalog_json() -> Result<String, Vec<Problem>> {
    let mut plans: Vec<PlanFile> = Vec::new();
    for (name, json) in FILES {
        plans.push(costshare_plan::from_json(json).map_err(|p| vec![p.within(name)])?);
    }
    let catalog = CatalogFile {
        schema_version: SCHEMA_VERSION,
        name: NAME.to_string(),
        plans,
    };
    serde_json::to_string_pretty(&catalog)
        .map(|s| s + "\n")
        .map_err(|e| vec![Problem::error("", e.to_string())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_in_plans_are_the_files_without_their_readings() {
        assert_eq!(COMPACT.len(), FILES.len());
        let builtin = builtin().unwrap();
        for (((name, compact), (written_name, written)), compiled) in
            COMPACT.iter().zip(FILES).zip(&builtin)
        {
            assert_eq!(name, written_name);
            assert!(compact.len() < written.len(), "{name}");
            // The plan loaded from the file as written, its readings taken out, is the plan the
            // program has: same numbers, sources, engine form and warnings.
            let mut expected = costshare_plan::load_plan(written).unwrap();
            assert!(
                !expected.file.readings.is_empty(),
                "{name} has readings to drop"
            );
            let file = std::sync::Arc::make_mut(&mut expected.file);
            file.readings.clear();
            for service in &mut file.services {
                service.reading = None;
            }
            assert_eq!(compiled, &expected, "{name}");
        }
    }
}
