//! `costshare compare`: the decision model on the command line.

use crate::{money_cell, new_table, problems_text, read};
use comfy_table::Cell;
use costshare_decision::compare::{Comparison, OptionResult, compare};
use costshare_decision::file::parse_household;
use costshare_decision::simulate::CostDistribution;
use costshare_engine::Money;
use serde_json::{Value, json};
use std::path::Path;
use std::process::ExitCode;

pub(crate) fn run(
    household: &Path,
    catalog: Option<&Path>,
    as_json: bool,
) -> Result<ExitCode, String> {
    let plans = match catalog {
        Some(path) => {
            let text = read(path)?;
            costshare_plan::load_catalog(&text).map_err(|ps| {
                format!(
                    "{} is not a usable catalog:\n{}",
                    path.display(),
                    problems_text(path, &ps)
                )
            })?
        }
        None => costshare_catalog::builtin().map_err(|ps| {
            format!(
                "the built-in catalog is broken:\n{}",
                problems_text(Path::new("catalog"), &ps)
            )
        })?,
    };
    let text = read(household)?;
    let bad = |problems: Vec<costshare_decision::household::HouseholdError>| {
        let lines: String = problems
            .iter()
            .map(|p| crate::terminal_safe(&format!("  {}: {p}", household.display()), true) + "\n")
            .collect();
        format!(
            "{} is not a usable household file:\n{lines}",
            household.display()
        )
    };
    let (h, settings) = parse_household(&text).map_err(bad)?;
    let result = compare(&plans, &h, &settings).map_err(bad)?;
    if as_json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&to_json(&result)).map_err(|e| e.to_string())?
        );
    } else {
        print_result(&result);
    }
    Ok(ExitCode::SUCCESS)
}

fn dec(m: Money) -> String {
    m.to_decimal().to_string()
}

fn opt(m: Option<Money>) -> Value {
    m.map_or(Value::Null, |m| Value::String(dec(m)))
}

fn dist_json(d: &CostDistribution) -> Value {
    json!({
        "mean": dec(d.mean), "p10": dec(d.p10), "p50": dec(d.p50), "p90": dec(d.p90), "p99": dec(d.p99), "max": dec(d.max),
        "chance_cheapest": format!("{}.{:02}", d.cheapest_per_10k / 100, d.cheapest_per_10k % 100),
        "expected_regret": dec(d.expected_regret),
    })
}

fn option_json(o: &OptionResult) -> Value {
    json!({
        "id": o.id,
        "name": o.name,
        "category": o.category.words(),
        "eligible": o.eligible(),
        "excluded_because": o.excluded,
        "tier": o.tier,
        "expected": o.expected.as_ref().map(|e| json!({
            "premium": dec(e.fixed.premium),
            "premium_is_example": e.fixed.premium_is_example,
            "premium_before_birth": e.fixed.before_birth.as_ref().map(|b| json!({
                "tier": b.tier_name,
                "months": b.months,
                "premium": dec(b.premium),
            })),
            "surcharges": dec(e.fixed.surcharges),
            "out_of_pocket": dec(e.out_of_pocket),
            "hra_used": dec(e.hra_used),
            "employer_hsa": dec(e.fixed.employer_hsa),
            "employer_hsa_used": dec(e.employer_hsa_used),
            "employer_hsa_state_tax": dec(e.fixed.employer_hsa_state_tax),
            "hsa_contribution": dec(e.hsa_contribution),
            "tax_savings": dec(e.tax_savings),
            "total": dec(e.net),
            "carried_forward": dec(e.carried_forward),
            "surcharges_itemized": e.fixed.surcharge_items.iter().map(|i| json!({
                "name": i.name, "monthly": dec(i.monthly), "yearly": dec(i.yearly),
                "because": i.because, "how_to_avoid": i.how_to_avoid, "source": i.source,
                "example": i.example,
            })).collect::<Vec<_>>(),
        })),
        "worst_case": opt(o.worst_case),
        "no_cap": match &o.ceiling {
            Some(costshare_decision::cost::Ceiling::NoCap { reasons, .. }) => reasons.clone(),
            _ => Vec::new(),
        },
        "suggested_hsa_contribution": opt(o.suggested_hsa),
        "simulated": o.distribution.as_ref().map(dist_json),
        "notes": o.notes,
    })
}

fn to_json(c: &Comparison) -> Value {
    json!({
        "plan_year": c.year,
        "notices": c.notices,
        "simulations": c.simulations,
        "seed": c.seed,
        "expected_allowed_charges": dec(c.expected_allowed),
        "options": c.options.iter().map(option_json).collect::<Vec<_>>(),
        "recommendations": c.categories.iter().map(|cat| json!({
            "category": cat.category.words(),
            "recommended": cat.recommended.map(|i| c.options[i].id.clone()),
            "ranking": cat.ranking.iter().map(|&i| c.options[i].id.clone()).collect::<Vec<_>>(),
            "reasons": cat.reasons,
            "what_would_change": cat.what_would_change,
        })).collect::<Vec<_>>(),
        "recommended_total_expected": dec(c.combined_expected),
        "combinations": c.combinations.iter().map(|k| json!({
            "options": k.options.iter().map(|&i| c.options[i].id.clone()).collect::<Vec<_>>(),
            "expected": dec(k.expected),
            "simulated": k.simulated.map(|(mean, p90, p99)| json!({ "mean": dec(mean), "p90": dec(p90), "p99": dec(p99) })),
        })).collect::<Vec<_>>(),
        "cost_curve": {
            "spend": c.curve.spend.iter().map(|m| dec(*m)).collect::<Vec<_>>(),
            "series": c.curve.series.iter().map(|s| json!({
                "option": c.options[s.option].id,
                "dominated": s.dominated,
                "costs": s.costs.iter().map(|m| dec(*m)).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "crossovers": c.curve.crossovers.iter().map(|x| json!({
                "spend": dec(x.spend), "from": c.options[x.from].id, "to": c.options[x.to].id,
            })).collect::<Vec<_>>(),
            "expected_spend": dec(c.curve.expected_spend),
            "own_mix": c.curve.own_mix,
        },
    })
}

fn print_result(c: &Comparison) {
    outln!(
        "Plan year {}. Your expected care: {} at the model's prices (allowed amounts; out of network, each plan allows its own). {} simulated years (seed {}).",
        c.year,
        c.expected_allowed,
        costshare_decision::report::thousands(c.simulations),
        c.seed
    );
    for n in &c.notices {
        println!("  • {n}");
    }
    println!();
    let mut t = new_table();
    t.set_header(vec![
        "Option",
        "Tier",
        "Premium",
        "Surcharges",
        "Your care",
        "HRA paid",
        "Employer HSA used",
        "Tax savings",
        "Expected total",
        "Average",
        "10th",
        "90th",
        "99th",
        "Worst case",
        "Cheapest",
        "Regret",
        "Carried forward",
    ]);
    for o in &c.options {
        if let Some(why) = &o.excluded {
            t.add_row(vec![Cell::new(&o.name), Cell::new(why)]);
            continue;
        }
        let e = o.expected.as_ref();
        let d = o.distribution.as_ref();
        let m = |v: Option<Money>| v.map_or(Cell::new("-"), money_cell);
        let premium = e.map(|e| {
            if e.fixed.premium_is_example {
                format!("{} (example)", e.fixed.premium)
            } else {
                e.fixed.premium.to_string()
            }
        });
        t.add_row(vec![
            Cell::new(&o.name),
            Cell::new(o.tier.clone().unwrap_or_default()),
            Cell::new(premium.unwrap_or_default()),
            m(e.map(|e| e.fixed.surcharges)),
            m(e.map(|e| e.out_of_pocket)),
            m(e.map(|e| e.hra_used)),
            m(e.map(|e| e.employer_hsa_used)),
            m(e.map(|e| e.tax_savings)),
            m(e.map(|e| e.net)),
            m(d.map(|d| d.mean)),
            m(d.map(|d| d.p10)),
            m(d.map(|d| d.p90)),
            m(d.map(|d| d.p99)),
            match (&o.worst_case, &o.ceiling) {
                (Some(w), _) => money_cell(*w),
                (None, Some(_)) => Cell::new("no cap"),
                (None, None) => Cell::new("-"),
            },
            Cell::new(d.map_or("-".into(), |d| {
                format!("{}%", (d.cheapest_per_10k + 50) / 100)
            })),
            m(d.map(|d| d.expected_regret)),
            m(e.map(|e| e.carried_forward)),
        ]);
    }
    // Amounts never wrap ("$5,400." over "00"); names and tiers wrap at words, in columns
    // wide enough to read.
    use comfy_table::{ColumnConstraint, Width};
    for (k, column) in t.column_iter_mut().enumerate() {
        column.set_constraint(match k {
            0 => ColumnConstraint::LowerBoundary(Width::Fixed(24)),
            1 => ColumnConstraint::LowerBoundary(Width::Fixed(14)),
            _ => ColumnConstraint::ContentWidth,
        });
    }
    outln!("{t}");
    for cat in &c.categories {
        let name = cat
            .recommended
            .map_or("nothing".to_string(), |i| c.options[i].name.clone());
        outln!("\nRecommended {} option: {name}", cat.category.words());
        for r in &cat.reasons {
            outln!("  • {r}");
        }
        if !cat.what_would_change.is_empty() {
            outln!("  What would change it:");
            for r in &cat.what_would_change {
                outln!("  – {r}");
            }
        }
    }
    for o in c
        .options
        .iter()
        .filter(|o| !o.notes.is_empty() && o.eligible())
    {
        outln!("\nNotes on {}:", o.name);
        for n in &o.notes {
            outln!("  • {n}");
        }
    }
}
