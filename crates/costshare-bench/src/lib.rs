//! A realistic family year for benchmarking the engine, and the function both the native and the
//! WebAssembly benchmark time.
//!
//! The year: a family of four on SHBP's Open Access Plus (employee + spouse + children tier),
//! 100 claim lines: office and specialist visits, labs, imaging, an emergency room visit, urgent
//! care, physical therapy, a hospital stay, preventive care and monthly prescriptions.

use chrono::NaiveDate;
use costshare_engine::{
    Adjudication, Claim, ClaimKind, DrugFill, Member, Money, Network, Options, Plan, Relationship,
    adjudicate,
};

/// The built-in plan the benchmark uses.
pub const PLAN_ID: &str = "shbp-2010-oap";

/// Everything one benchmark run needs.
pub struct Workload {
    /// The plan.
    pub plan: Plan,
    /// Tier index.
    pub tier: usize,
    /// The family.
    pub members: Vec<Member>,
    /// The year's claims.
    pub claims: Vec<Claim>,
}

fn day(ordinal: u32) -> NaiveDate {
    NaiveDate::from_yo_opt(2010, ordinal.clamp(1, 365)).unwrap_or_default()
}

/// Builds the family year against the built-in OAP plan. `None` if the catalog lacks it.
pub fn family_year() -> Option<Workload> {
    let loaded = costshare_catalog::builtin()
        .ok()?
        .into_iter()
        .find(|p| p.file.id == PLAN_ID)?;
    let plan = std::sync::Arc::unwrap_or_clone(loaded.plan);
    let tier = plan.tier_for(true, true, 2, false)?;
    let members = vec![
        Member {
            id: "pat".into(),
            relationship: Relationship::Employee,
            age: 44,
        },
        Member {
            id: "sam".into(),
            relationship: Relationship::Spouse,
            age: 42,
        },
        Member {
            id: "kit".into(),
            relationship: Relationship::Child,
            age: 12,
        },
        Member {
            id: "lee".into(),
            relationship: Relationship::Child,
            age: 7,
        },
    ];
    let svc = |id: &str| plan.service_index(id);
    let mut claims = Vec::with_capacity(100);
    let add = |claims: &mut Vec<Claim>,
               date: u32,
               member: usize,
               service: Option<usize>,
               allowed: i64,
               network: Network| {
        if let Some(s) = service {
            let mut c = Claim::service(day(date), member, s, Money::from_dollars(allowed));
            c.network = network;
            if network == Network::Out {
                c.billed = Money::from_dollars(allowed + allowed / 3);
            }
            claims.push(c);
        }
    };
    // Routine care for everyone.
    for m in 0..4 {
        add(
            &mut claims,
            20 + m as u32 * 7,
            m,
            svc("preventive_office_visit"),
            210,
            Network::In,
        );
        add(
            &mut claims,
            21 + m as u32 * 7,
            m,
            svc("lab_xray_independent"),
            95,
            Network::In,
        );
    }
    // Office visits through the year.
    for i in 0..24u32 {
        let m = (i % 4) as usize;
        let id = if i % 3 == 0 {
            "specialist_visit"
        } else {
            "primary_care_visit"
        };
        add(
            &mut claims,
            5 + i * 15,
            m,
            svc(id),
            120 + i64::from(i % 5) * 25,
            Network::In,
        );
    }
    // A sprained ankle: urgent care, imaging, physical therapy.
    add(
        &mut claims,
        60,
        2,
        svc("urgent_care_visit"),
        180,
        Network::In,
    );
    add(
        &mut claims,
        60,
        2,
        svc("lab_xray_independent"),
        140,
        Network::In,
    );
    for i in 0..10u32 {
        add(
            &mut claims,
            67 + i * 4,
            2,
            svc("physical_therapy"),
            110,
            Network::In,
        );
    }
    // An emergency room visit and an MRI, one out of network.
    add(&mut claims, 150, 1, svc("er_visit"), 1650, Network::In);
    add(
        &mut claims,
        158,
        1,
        svc("advanced_imaging_outpatient"),
        1200,
        Network::Out,
    );
    add(
        &mut claims,
        170,
        1,
        svc("specialist_visit"),
        190,
        Network::Out,
    );
    // Outpatient surgery with its professional fees.
    add(
        &mut claims,
        200,
        0,
        svc("outpatient_facility"),
        5200,
        Network::In,
    );
    add(
        &mut claims,
        200,
        0,
        svc("outpatient_professional"),
        1900,
        Network::In,
    );
    // A three-day hospital stay.
    if let Some(s) = svc("inpatient_hospital_facility") {
        let mut c = Claim::service(day(240), 0, s, Money::from_dollars(14_500));
        c.new_admission = true;
        c.units = 3;
        claims.push(c);
    }
    add(
        &mut claims,
        240,
        0,
        svc("inpatient_professional"),
        2300,
        Network::In,
    );
    // Therapy visits for one child.
    for i in 0..12u32 {
        add(
            &mut claims,
            30 + i * 25,
            3,
            svc("mental_health_office_visit"),
            140,
            Network::In,
        );
    }
    // Monthly prescriptions: a generic for one parent, a preferred brand for the other,
    // 90-day generic fills for a child.
    let drug = |tier: &str| plan.drug_tier_index(tier);
    for month in 0..12u32 {
        let fills = [
            (0usize, "generic", 30u16, 18i64),
            (1, "preferred_brand", 30, 240),
        ];
        for (m, tier, days, cost) in fills {
            if let Some(t) = drug(tier) {
                let mut c = Claim::service(day(10 + month * 30), m, 0, Money::from_dollars(cost));
                c.kind = ClaimKind::Drug(DrugFill {
                    tier: t,
                    days_supply: days,
                    channel: costshare_engine::Channel::Retail,
                    generic_cost: None,
                    preventive: false,
                    maintenance: None,
                });
                claims.push(c);
            }
        }
        if month % 3 == 0
            && let Some(t) = drug("generic")
        {
            let mut c = Claim::service(day(12 + month * 30), 2, 0, Money::from_dollars(40));
            c.kind = ClaimKind::Drug(DrugFill {
                tier: t,
                days_supply: 90,
                channel: costshare_engine::Channel::Retail,
                generic_cost: None,
                preventive: false,
                maintenance: None,
            });
            claims.push(c);
        }
    }
    claims.sort_by_key(|c| c.date);
    Some(Workload {
        plan,
        tier,
        members,
        claims,
    })
}

/// Adjudicates the family year `years` times; returns the number of claim lines processed.
pub fn run(w: &Workload, years: u32, explain: bool) -> u64 {
    let mut lines = 0u64;
    let options = Options {
        explain,
        ..Options::default()
    };
    for _ in 0..years {
        let r: Result<Adjudication, _> =
            adjudicate(&w.plan, w.tier, &w.members, &w.claims, options);
        if let Ok(r) = r {
            lines += r.claims.len() as u64;
            std::hint::black_box(&r);
        }
    }
    lines
}

/// The decision-model workload: a family of four (two adults with moderate care, two children
/// with low care) compared across every built-in option.
pub fn family_household() -> costshare_decision::household::Household {
    use costshare_decision::household::{Household, Person, UseLevel};
    let mut people = vec![
        Person::new("pat", Relationship::Employee, 44),
        Person::new("sam", Relationship::Spouse, 42),
        Person::new("kit", Relationship::Child, 12),
        Person::new("lee", Relationship::Child, 7),
    ];
    for (i, p) in people.iter_mut().enumerate() {
        p.level = Some(if i < 2 {
            UseLevel::Moderate
        } else {
            UseLevel::Low
        });
    }
    Household {
        people,
        ..Household::default()
    }
}

/// The household a new visitor to the site starts with (web/src/model.rs): one employee, 40,
/// with moderate care.
pub fn visitor_household() -> costshare_decision::household::Household {
    use costshare_decision::household::{Household, Person, UseLevel};
    let mut you = Person::new("you", Relationship::Employee, 40);
    you.level = Some(UseLevel::Moderate);
    Household {
        people: vec![you],
        ..Household::default()
    }
}

/// Runs the full comparison for the benchmark family with `simulations` simulated years; returns
/// the number of options that were simulated (0 if something is missing).
pub fn compare_family(simulations: u32) -> usize {
    compare_household(&family_household(), simulations)
}

/// Runs the full comparison for `household` with `simulations` simulated years; returns the
/// number of options that were simulated (0 if something is missing).
pub fn compare_household(
    household: &costshare_decision::household::Household,
    simulations: u32,
) -> usize {
    let Ok(catalog) = costshare_catalog::builtin() else {
        return 0;
    };
    let settings = costshare_decision::compare::Settings {
        simulations,
        ..Default::default()
    };
    costshare_decision::compare::compare(&catalog, household, &settings).map_or(0, |c| {
        c.options
            .iter()
            .filter(|o| o.distribution.is_some())
            .count()
    })
}

#[cfg(target_arch = "wasm32")]
mod wasm {
    /// Runs the full comparison for the benchmark family; JavaScript times the call.
    #[wasm_bindgen]
    pub fn bench_compare(simulations: u32) -> u32 {
        super::compare_family(simulations) as u32
    }

    /// Runs the full comparison for the site's starting household; JavaScript times the call.
    #[wasm_bindgen]
    pub fn bench_compare_visitor(simulations: u32) -> u32 {
        super::compare_household(&super::visitor_household(), simulations) as u32
    }

    use wasm_bindgen::prelude::*;

    thread_local! {
        /// The family year, built once per module like the native benchmark's (building it
        /// parses and validates the whole built-in catalog, which is not what is being timed).
        static WORKLOAD: std::cell::OnceCell<Option<super::Workload>> =
            const { std::cell::OnceCell::new() };
    }

    fn with_workload<R>(f: impl FnOnce(&super::Workload) -> R) -> Option<R> {
        WORKLOAD.with(|w| w.get_or_init(super::family_year).as_ref().map(f))
    }

    /// Adjudicates the family year `years` times in WebAssembly; returns claim lines processed
    /// (0 if the built-in plan is missing). JavaScript times the call. The workload is built on
    /// the first call and reused, as natively.
    #[wasm_bindgen]
    pub fn bench_family_years(years: u32, explain: bool) -> f64 {
        with_workload(|w| super::run(w, years, explain) as f64).unwrap_or(0.0)
    }

    /// Claim lines in one family year.
    #[wasm_bindgen]
    pub fn claims_per_year() -> u32 {
        with_workload(|w| w.claims.len() as u32).unwrap_or(0)
    }
}
