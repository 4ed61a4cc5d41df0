//! The simulation split into parts (as the site splits it across web workers) gives exactly the
//! comparison of one run: years come in seeded blocks, so the split does not matter.

use costshare_decision::compare::{Settings, compare, compare_with_costs, simulate_years};
use costshare_decision::household::{Household, Person, UseLevel};
use costshare_decision::report::Report;
use costshare_engine::Relationship;

fn family() -> (Household, Settings) {
    let mut a = Person::new("alex", Relationship::Employee, 41);
    a.level = Some(UseLevel::High);
    let mut b = Person::new("blair", Relationship::Spouse, 39);
    b.level = Some(UseLevel::Moderate);
    b.events.push("having_a_baby".into());
    let mut c = Person::new("casey", Relationship::Child, 7);
    c.level = Some(UseLevel::Low);
    let household = Household {
        people: vec![a, b, c],
        ..Household::default()
    };
    let settings = Settings {
        simulations: 2_000,
        seed: 2010,
        ..Settings::default()
    };
    (household, settings)
}

fn joined(parts: Vec<Vec<Vec<i64>>>) -> Vec<Vec<i64>> {
    let mut all = parts[0].clone();
    for p in &parts[1..] {
        for (a, b) in all.iter_mut().zip(p) {
            a.extend_from_slice(b);
        }
    }
    all
}

#[test]
fn any_split_of_the_years_gives_the_same_comparison() {
    let catalog = costshare_catalog::builtin().unwrap();
    let (h, s) = family();
    let whole = Report::new(&compare(&catalog, &h, &s).unwrap(), false);
    #[allow(clippy::single_range_in_vec_init)]
    let whole_range = vec![0..2_000];
    for split in [
        whole_range,
        vec![0..500, 500..2_000],
        vec![0..1_000, 1_000..1_500, 1_500..2_000],
        // Ranges are widened to whole blocks of 500 years: 0..700 is 0..1,000.
        vec![0..700, 1_000..2_000],
    ] {
        let parts: Vec<Vec<Vec<i64>>> = split
            .iter()
            .map(|r| simulate_years(&catalog, &h, &s, r.clone(), &mut |_| {}).unwrap())
            .collect();
        let costs = joined(parts);
        let report = Report::new(&compare_with_costs(&catalog, &h, &s, costs).unwrap(), false);
        assert_eq!(report, whole, "split {split:?}");
    }
    // Different seeds still give different years.
    let other = Report::new(
        &compare(
            &catalog,
            &h,
            &Settings {
                seed: 2011,
                ..s.clone()
            },
        )
        .unwrap(),
        false,
    );
    assert_ne!(other.options[0].simulated, whole.options[0].simulated);
}

#[test]
fn costs_of_the_wrong_shape_are_refused_with_a_message() {
    let catalog = costshare_catalog::builtin().unwrap();
    let (h, s) = family();
    let mut costs = simulate_years(&catalog, &h, &s, 0..1_000, &mut |_| {}).unwrap();
    let e = compare_with_costs(&catalog, &h, &s, costs.clone()).unwrap_err();
    assert!(e[0].message.contains("do not fit"), "{e:?}");
    costs.pop();
    assert!(compare_with_costs(&catalog, &h, &s, costs).is_err());
}

#[test]
fn without_explanations_only_the_why_lines_are_left_out() {
    // The site's page joins a split run without them: it has them from its quick report.
    let catalog = costshare_catalog::builtin().unwrap();
    let (h, s) = family();
    let with = compare(&catalog, &h, &s).unwrap();
    let without = compare(
        &catalog,
        &h,
        &Settings {
            explain: false,
            ..s.clone()
        },
    )
    .unwrap();
    assert!(with.options.iter().any(|o| !o.why.is_empty()));
    assert!(without.options.iter().all(|o| o.why.is_empty()));
    // Everything else, amounts and simulated figures included, is the same.
    assert_eq!(Report::new(&without, false), Report::new(&with, false));
}
