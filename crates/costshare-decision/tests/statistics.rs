//! Statistical checks of the simulation: it is unbiased on a plan that is linear in spending, and
//! its spending distribution is as skewed as published data says health spending is.
#![allow(clippy::float_arithmetic)]

use costshare_decision::care::{Billing, CareKind, Coverage};
use costshare_decision::compare::{Settings, compare};
use costshare_decision::data::builtin;
use costshare_decision::expected::Pricing;
use costshare_decision::household::{AgeBand, Household, Person, UseLevel};
use costshare_decision::simulate::YearSampler;
use costshare_engine::Relationship;

/// A plan that pays 80% of everything medical with no deductible, copay or maximum: what the
/// member pays is exactly 20% of allowed spending, claim by claim.
fn linear_plan() -> costshare_plan::LoadedPlan {
    let mut services = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    for k in CareKind::ALL {
        if let (Billing::Services(ids), Coverage::Medical) = (k.billing(), k.coverage())
            && seen.insert(ids[0])
        {
            services.push(serde_json::json!({
                "id": ids[0], "name": ids[0], "category": "All", "example": true,
                "in_network": { "deductible": "waived", "coinsurance": "20%" },
                "out_of_network": { "deductible": "waived", "coinsurance": "20%" }
            }));
        }
    }
    let fills = serde_json::json!([{ "channel": "retail", "max_days": 30, "coinsurance": "20%" }, { "channel": "retail", "max_days": 90, "coinsurance": "20%" }]);
    let tiers: Vec<_> = [
        "generic",
        "preferred_brand",
        "non_preferred_brand",
        "specialty",
    ]
    .iter()
    .map(|t| serde_json::json!({ "id": t, "name": t, "fills": fills }))
    .collect();
    let plan = serde_json::json!({
        "schema_version": 1, "id": "linear", "name": "Linear test plan", "kind": "medical", "issuer": "test",
        "plan_year": { "start": "2010-01-01", "end": "2010-12-31" },
        "documents": { "test": { "title": "test", "publisher": "test", "year": 2010 } },
        "tiers": [{ "id": "employee", "name": "Employee", "covers_spouse": false, "covers_children": false }],
        "family_deductible": "embedded", "family_out_of_pocket_max": "embedded", "networks_accumulate": "separately",
        "out_of_pocket_counts": { "deductible": true, "admission_deductible": true, "coinsurance": true, "copays": true },
        "copays_after_out_of_pocket_max": true,
        "services": services,
        "drugs": { "tiers": tiers, "deductible": "none", "out_of_pocket": "not_counted", "brand_penalty": false,
                   "non_participating_pharmacies_covered": true, "example": true },
        "premium_frequency": "monthly"
    });
    costshare_plan::load_plan(&plan.to_string()).expect("the linear plan loads")
}

#[test]
fn simulated_mean_matches_the_expected_spending_on_a_linear_plan() {
    let data = builtin().unwrap();
    let mut pat = Person::new("pat", Relationship::Employee, 40);
    pat.level = Some(UseLevel::Moderate);
    let household = Household {
        people: vec![pat],
        ..Household::default()
    };
    let pricing = Pricing::default();
    // Expected allowed spending: preset counts × prices (the cost factors average exactly 1),
    // plus each rare event's chance × its typical cost (its factor also averages 1).
    let preset = &data.presets[&UseLevel::Moderate][&AgeBand::Adult];
    let routine: f64 = preset
        .iter()
        .filter(|(k, _)| matches!(k.coverage(), Coverage::Medical | Coverage::Drug))
        .map(|(k, n)| f64::from(*n) * pricing.price(data, *k).in_network.cents() as f64)
        .sum();
    let rare: f64 = data
        .rare_events
        .iter()
        .map(|r| {
            r.probability.get(&AgeBand::Adult).copied().unwrap_or(0.0)
                * r.lines
                    .iter()
                    .map(|l| f64::from(l.count) * l.allowed_each.cents() as f64)
                    .sum::<f64>()
        })
        .sum();
    let expected_member = 0.2 * (routine + rare) / 100.0;
    let settings = Settings {
        simulations: 20_000,
        seed: 99,
        ..Settings::default()
    };
    let c = compare(&[linear_plan()], &household, &settings).unwrap();
    let mean = c.options[0].distribution.as_ref().unwrap().mean.cents() as f64 / 100.0;
    // The tolerance covers sampling error: rare, expensive events dominate the variance.
    let tolerance = 0.04;
    assert!(
        (mean - expected_member).abs() / expected_member < tolerance,
        "simulated mean ${mean:.2} vs expected ${expected_member:.2} (tolerance {}%)",
        tolerance * 100.0
    );
}

/// Share of total spending held by the top `top` fraction of people.
fn share_of_top(sorted_desc: &[f64], top: f64) -> f64 {
    let total: f64 = sorted_desc.iter().sum();
    let n = ((sorted_desc.len() as f64) * top).round() as usize;
    sorted_desc[..n].iter().sum::<f64>() / total
}

#[test]
fn simulated_spending_is_as_skewed_as_published_data() {
    let data = builtin().unwrap();
    // A population like the one the published figures describe: mostly people with little
    // care, some with ongoing conditions. The mix is an assumption (see README, "Risk").
    let mix = [
        (UseLevel::Low, 55),
        (UseLevel::Moderate, 30),
        (UseLevel::High, 12),
        (UseLevel::VeryHigh, 3),
    ];
    let pricing = Pricing::default();
    let mut spending = Vec::new();
    let mut lines = Vec::new();
    for (level, per_100) in mix {
        for band_age in [10u8, 40, 70] {
            // The sampler only looks at the person's age band and care.
            let mut p = Person::new("x", Relationship::Employee, band_age);
            p.level = Some(level);
            let h = Household {
                people: vec![p],
                ..Household::default()
            };
            let mut sampler =
                YearSampler::new(&h, data, &pricing, u64::from(band_age) * 1000 + per_100);
            for _ in 0..(per_100 * 100) {
                sampler.year(&mut lines);
                spending.push(lines.iter().map(|l| l.allowed.cents() as f64).sum::<f64>());
            }
        }
    }
    spending.sort_by(|a, b| b.total_cmp(a));
    let top1 = share_of_top(&spending, 0.01);
    let top5 = share_of_top(&spending, 0.05);
    let top10 = share_of_top(&spending, 0.10);
    let bottom50 = 1.0 - share_of_top(&spending, 0.50);
    eprintln!(
        "simulated: top 1% {top1:.3}, top 5% {top5:.3}, top 10% {top10:.3}, bottom 50% {bottom50:.3}"
    );
    for fact in &data.skew_facts {
        let (ours, tolerance) = match fact.group.as_str() {
            "top_1_percent" => (top1, 0.06),
            "top_5_percent" => (top5, 0.08),
            "top_10_percent" => (top10, 0.05),
            "bottom_50_percent" => (bottom50, 0.05),
            other => panic!("unknown group {other}"),
        };
        eprintln!(
            "{}: published {:.3} ({}), simulated {ours:.3}",
            fact.group, fact.share, fact.source
        );
        assert!(
            (ours - fact.share).abs() <= tolerance,
            "{}: published {:.3}, simulated {ours:.3}",
            fact.group,
            fact.share
        );
    }
}
