use costshare_decision::compare::*;
use costshare_decision::household::*;
use costshare_engine::Relationship;

#[test]
fn smoke() {
    let catalog = costshare_catalog::builtin().unwrap();
    let mut pat = Person::new("pat", Relationship::Employee, 44);
    pat.level = Some(UseLevel::Moderate);
    let mut sam = Person::new("sam", Relationship::Spouse, 42);
    sam.level = Some(UseLevel::Low);
    sam.events.push("having_a_baby".into());
    let h = Household {
        people: vec![pat, sam],
        ..Household::default()
    };
    let t = std::time::Instant::now();
    let c = compare(&catalog, &h, &Settings::default()).unwrap();
    eprintln!("took {:?}", t.elapsed());
    for o in &c.options {
        eprintln!(
            "{} {:?} net={:?} worst={:?} dist={:?}",
            o.id,
            o.excluded,
            o.expected.as_ref().map(|e| e.net.to_string()),
            o.worst_case.map(|w| w.to_string()),
            o.distribution.as_ref().map(|d| (
                d.mean.to_string(),
                d.p90.to_string(),
                d.cheapest_per_10k
            ))
        );
        for n in &o.notes {
            eprintln!("   note: {n}");
        }
    }
    for cat in &c.categories {
        eprintln!(
            "== {:?} -> {:?}",
            cat.category,
            cat.recommended.map(|i| &c.options[i].name)
        );
        for r in &cat.reasons {
            eprintln!("  + {r}");
        }
        for r in &cat.what_would_change {
            eprintln!("  ? {r}");
        }
    }
    eprintln!("crossovers {:?}", c.curve.crossovers);
}
