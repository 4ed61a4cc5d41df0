//! The household file: people, their expected care, tax situation and the goal, as JSON. The
//! command line reads it, and the site stores the same shape in its link.

use crate::care::CareKind;
use crate::compare::{Goal, Settings};
use crate::expected::Pricing;
use crate::household::{Household, HouseholdError, PayFrequency, Person, Status, UseLevel};
use crate::tax::TaxProfile;
use costshare_engine::{Money, Rate, Relationship};
use costshare_json::Entries;
use costshare_json::FromJson;
use costshare_plan::{Amount, Percent, from_json};
use serde::Serialize;

/// A household file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct HouseholdFile {
    /// `active` (default), `new_hire` or `retiree`.
    #[serde(default)]
    pub status: StatusFile,
    /// A covered spouse could get coverage through their own employer.
    #[serde(default)]
    pub spouse_other_coverage: bool,
    /// Everyone to be covered, the employee first.
    pub people: Vec<PersonFile>,
    /// Tax situation (default: Georgia, the plan year's default federal bracket and Georgia's
    /// rate for the plan year, under the Social Security wage base).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax: Option<TaxFile>,
    /// How often the employee is paid: `weekly`, `biweekly`, `semimonthly` or `monthly`
    /// (default). Premiums in `premiums` are per paycheck.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pay_frequency: Option<PayFrequencyFile>,
    /// The employee's yearly HSA contribution (default: the suggestion).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hsa_contribution: Option<Amount>,
    /// The month a baby is due (1 = January … 12 = December), for a household where someone has
    /// the `having_a_baby` life event: the care falls around it and an added baby's premiums
    /// start in it (default: the life event's own timing, a birth in September).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baby_due_month: Option<u8>,
    /// Real premiums per paycheck, by `plan-id:tier-id` (a premium belongs to a plan and a
    /// coverage tier); a key with the plan id alone applies to every tier of that plan.
    #[serde(default, skip_serializing_if = "Entries::is_empty")]
    #[cfg_attr(feature = "tsify", tsify(type = "Record<string, Amount>"))]
    pub premiums: Entries<Amount>,
    /// The goal (default: balanced, risk tolerance 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goal: Option<GoalFile>,
    /// Risk tolerance for the balanced goal, 0 to 100 (default 50).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk_tolerance: Option<u8>,
    /// Simulated years (default 10,000; 0 skips the simulation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub simulations: Option<u32>,
    /// Simulation seed (default 2010).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// Price settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prices: Option<PricesFile>,
}

/// Employment status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, FromJson)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case")]
pub enum StatusFile {
    /// Enrolled before.
    #[default]
    Active,
    /// First plan year.
    NewHire,
    /// Retired.
    Retiree,
}

/// How often the employee is paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case")]
pub enum PayFrequencyFile {
    /// 52 a year.
    Weekly,
    /// Every two weeks, 26 a year.
    Biweekly,
    /// Twice a month, 24 a year.
    Semimonthly,
    /// 12 a year.
    Monthly,
}

impl From<PayFrequencyFile> for PayFrequency {
    fn from(f: PayFrequencyFile) -> PayFrequency {
        match f {
            PayFrequencyFile::Weekly => PayFrequency::Weekly,
            PayFrequencyFile::Biweekly => PayFrequency::Biweekly,
            PayFrequencyFile::Semimonthly => PayFrequency::Semimonthly,
            PayFrequencyFile::Monthly => PayFrequency::Monthly,
        }
    }
}

/// Relationship.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson)]
#[cfg_attr(
    feature = "tsify",
    derive(tsify::Tsify),
    tsify(rename = "HouseholdRelationship")
)]
#[serde(rename_all = "snake_case")]
pub enum RelationshipFile {
    /// The employee.
    Employee,
    /// The spouse.
    Spouse,
    /// A child.
    Child,
}

/// The goal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case")]
pub enum GoalFile {
    /// Lowest average cost.
    LowestExpected,
    /// Lowest cost in a bad year.
    LowestWorstCase,
    /// A balance set by `risk_tolerance`.
    Balanced,
}

/// A person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct PersonFile {
    /// Name.
    pub name: String,
    /// Relationship.
    #[cfg_attr(feature = "tsify", tsify(type = "HouseholdRelationship"))]
    pub relationship: RelationshipFile,
    /// Age.
    pub age: u8,
    /// Used tobacco in the last 12 months.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub tobacco: bool,
    /// Has Medicare.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub medicare: bool,
    /// `low`, `moderate`, `high` or `very_high`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<String>,
    /// Life event ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<String>,
    /// Own counts by kind of care id, added to the preset.
    #[serde(default, skip_serializing_if = "Entries::is_empty")]
    #[cfg_attr(feature = "tsify", tsify(type = "Record<string, number>"))]
    pub care: Entries<u32>,
    /// Share of care out of network, 0 to 100 (of the year's spending).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub out_of_network_percent: u8,
    /// A child who is a full-time student.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub student: bool,
    /// A child who is disabled and depends on the employee.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disabled: bool,
}

fn is_zero(v: &u8) -> bool {
    *v == 0
}

/// Tax situation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct TaxFile {
    /// Federal bracket, like "22%" (default: the plan year's default bracket).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub federal_bracket: Option<Percent>,
    /// Two-letter state code.
    pub state: String,
    /// State income tax rate, like "5.75%" (default: the state's rate for the plan year, where
    /// costshare has one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state_rate: Option<Percent>,
    /// Wages under the Social Security wage base (default true).
    #[serde(default = "yes")]
    pub under_wage_base: bool,
}

fn yes() -> bool {
    true
}

/// Price settings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct PricesFile {
    /// Regional price level against the national average, like "1.10" for 10% higher.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_factor: Option<Amount>,
    /// Own in-network prices by kind of care id.
    #[serde(default, skip_serializing_if = "Entries::is_empty")]
    #[cfg_attr(feature = "tsify", tsify(type = "Record<string, Amount>"))]
    pub overrides: Entries<Amount>,
}

fn err(path: impl Into<String>, message: impl Into<String>) -> HouseholdError {
    HouseholdError {
        path: path.into(),
        message: message.into(),
    }
}

/// The highest own price for one unit of care ($1,000,000): far above any real bill, and low
/// enough that a simulated year (prices up to 4 × regional factor × a cost spread) stays inside
/// the engine's limit of $1 billion per amount.
pub const MAX_OWN_PRICE: Money = Money::from_dollars(1_000_000);

/// The most people a household file may cover. Generous for any real household, small enough
/// that the page's expected-year comparison stays instant (issue 10: 1,000 people froze it).
pub const MAX_PEOPLE: usize = 20;

/// The most simulated years a household file may ask for (the embedded guide's `simulations`
/// attribute too): a few minutes for the largest household on a phone.
pub const MAX_SIMULATIONS: u32 = 100_000;

/// The most life events in a whole household (each adds a dozen or so claim lines a year).
pub const MAX_LIFE_EVENTS: usize = 100;

/// The most own-count units (visits, fills, ...) in a whole household; each kind of care is
/// also at most 366 a year for a person.
pub const MAX_CARE_UNITS: u64 = 2_000;

/// The longest name, id or key in a household file (characters).
pub const MAX_TEXT_CHARS: usize = 100;

/// The most entries in `premiums`.
pub const MAX_PREMIUMS: usize = 200;

fn too_long(text: &str) -> bool {
    text.chars().count() > MAX_TEXT_CHARS
}

fn short(text: &str) -> String {
    let mut s: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        s.push('…');
    }
    s
}

/// The size limits, checked before anything else so that an oversized file costs nothing to
/// refuse. Every problem names its field.
fn size_problems(file: &HouseholdFile) -> Vec<HouseholdError> {
    let mut problems = Vec::new();
    let long = |path: String, problems: &mut Vec<HouseholdError>| {
        problems.push(err(
            path,
            format!("is longer than {MAX_TEXT_CHARS} characters"),
        ));
    };
    if file.people.len() > MAX_PEOPLE {
        problems.push(err(
            "people",
            format!(
                "{} people is more than costshare takes in one household (at most {MAX_PEOPLE})",
                file.people.len()
            ),
        ));
        return problems;
    }
    let kinds = CareKind::ALL.len();
    let (mut events, mut units) = (0usize, 0u64);
    for (i, p) in file.people.iter().enumerate() {
        if too_long(&p.name) {
            long(format!("people[{i}].name"), &mut problems);
        }
        if p.usage.as_deref().is_some_and(too_long) {
            long(format!("people[{i}].usage"), &mut problems);
        }
        let before = events;
        events += p.events.len();
        if events > MAX_LIFE_EVENTS && before <= MAX_LIFE_EVENTS {
            problems.push(err(
                format!("people[{i}].events"),
                format!(
                    "the household's life events pass {MAX_LIFE_EVENTS} here (at most {MAX_LIFE_EVENTS} in a household)"
                ),
            ));
        }
        if events <= MAX_LIFE_EVENTS {
            for (j, e) in p.events.iter().enumerate() {
                if too_long(e) {
                    long(format!("people[{i}].events[{j}]"), &mut problems);
                }
            }
        }
        if p.care.len() > kinds {
            problems.push(err(
                format!("people[{i}].care"),
                format!(
                    "{} entries is more than the {kinds} kinds of care costshare knows",
                    p.care.len()
                ),
            ));
            continue;
        }
        for key in p.care.keys() {
            if too_long(key) {
                long(format!("people[{i}].care.{}", short(key)), &mut problems);
            }
        }
        let before = units;
        units += p.care.values().map(|n| u64::from(*n)).sum::<u64>();
        if units > MAX_CARE_UNITS && before <= MAX_CARE_UNITS {
            problems.push(err(
                format!("people[{i}].care"),
                format!(
                    "the household's own counts of care pass {MAX_CARE_UNITS} here (at most {MAX_CARE_UNITS} visits, tests and fills in a household)"
                ),
            ));
        }
    }
    if file.premiums.len() > MAX_PREMIUMS {
        problems.push(err(
            "premiums",
            format!(
                "{} premiums is more than costshare takes (at most {MAX_PREMIUMS})",
                file.premiums.len()
            ),
        ));
    } else {
        for key in file.premiums.keys() {
            if key.chars().count() > 2 * MAX_TEXT_CHARS + 1 {
                long(format!("premiums.{}", short(key)), &mut problems);
            }
        }
    }
    if let Some(t) = &file.tax
        && too_long(&t.state)
    {
        long("tax.state".into(), &mut problems);
    }
    if let Some(p) = &file.prices {
        if p.overrides.len() > kinds {
            problems.push(err(
                "prices.overrides",
                format!(
                    "{} entries is more than the {kinds} kinds of care costshare knows",
                    p.overrides.len()
                ),
            ));
        } else {
            for key in p.overrides.keys() {
                if too_long(key) {
                    long(format!("prices.overrides.{}", short(key)), &mut problems);
                }
            }
        }
    }
    problems
}

/// Reads a household file into the model's types. Reports every problem with its path.
pub fn parse_household(json: &str) -> Result<(Household, Settings), Vec<HouseholdError>> {
    let file: HouseholdFile = from_json(json).map_err(|p| vec![err(p.path, p.message)])?;
    to_model(&file)
}

fn money(path: &str, a: Amount, problems: &mut Vec<HouseholdError>) -> Money {
    Money::from_decimal(a.0).unwrap_or_else(|e| {
        problems.push(err(path, format!("${} {e}", a.0)));
        Money::ZERO
    })
}

fn rate(path: &str, p: Percent, problems: &mut Vec<HouseholdError>) -> Rate {
    Rate::from_fraction(p.fraction()).unwrap_or_else(|| {
        problems.push(err(
            path,
            format!("{p} is not a percentage from 0% to 100%"),
        ));
        Rate::ZERO
    })
}

/// Converts a parsed household file.
pub fn to_model(file: &HouseholdFile) -> Result<(Household, Settings), Vec<HouseholdError>> {
    let too_big = size_problems(file);
    if !too_big.is_empty() {
        return Err(too_big);
    }
    let mut problems = Vec::new();
    let mut people = Vec::new();
    for (i, p) in file.people.iter().enumerate() {
        let relationship = match p.relationship {
            RelationshipFile::Employee => Relationship::Employee,
            RelationshipFile::Spouse => Relationship::Spouse,
            RelationshipFile::Child => Relationship::Child,
        };
        let mut person = Person::new(&p.name, relationship, p.age);
        person.tobacco = p.tobacco;
        person.medicare = p.medicare;
        person.level = match &p.usage {
            None => None,
            Some(u) => match UseLevel::from_id(u) {
                Some(l) => Some(l),
                None => {
                    problems.push(err(
                        format!("people[{i}].usage"),
                        format!("\"{u}\" is not one of low, moderate, high, very_high"),
                    ));
                    None
                }
            },
        };
        person.events = p.events.clone();
        for (id, n) in &p.care {
            match CareKind::from_id(id) {
                Some(k) => {
                    person.custom.insert(k, *n);
                }
                None => problems.push(err(
                    format!("people[{i}].care.{id}"),
                    format!("\"{id}\" is not a kind of care costshare knows"),
                )),
            }
        }
        person.out_of_network_percent = p.out_of_network_percent;
        person.student = p.student;
        person.disabled = p.disabled;
        people.push(person);
    }
    let tax = match &file.tax {
        None => TaxProfile::default(),
        Some(t) => TaxProfile {
            federal: t
                .federal_bracket
                .map(|p| rate("tax.federal_bracket", p, &mut problems)),
            state_rate: t
                .state_rate
                .map(|p| rate("tax.state_rate", p, &mut problems)),
            state: t.state.clone(),
            under_wage_base: t.under_wage_base,
        },
    };
    let premiums: Entries<Money> = file
        .premiums
        .iter()
        .map(|(id, a)| {
            (
                id.clone(),
                money(&format!("premiums.{id}"), *a, &mut problems),
            )
        })
        .collect();
    let hsa_contribution = file
        .hsa_contribution
        .map(|a| money("hsa_contribution", a, &mut problems));
    let household = Household {
        people,
        status: match file.status {
            StatusFile::Active => Status::Active,
            StatusFile::NewHire => Status::NewHire,
            StatusFile::Retiree => Status::Retiree,
        },
        spouse_other_coverage: file.spouse_other_coverage,
        tax,
        hsa_contribution,
        premiums,
        pay_frequency: file
            .pay_frequency
            .map_or(PayFrequency::default(), Into::into),
        baby_due_month: file.baby_due_month,
    };
    let tolerance = file.risk_tolerance.unwrap_or(50);
    if tolerance > 100 {
        problems.push(err("risk_tolerance", "must be 0 to 100"));
    }
    let goal = match file.goal.unwrap_or(GoalFile::Balanced) {
        GoalFile::LowestExpected => Goal::LowestExpected,
        GoalFile::LowestWorstCase => Goal::LowestWorstCase,
        GoalFile::Balanced => Goal::Balanced {
            risk_tolerance: tolerance.min(100),
        },
    };
    let simulations = file.simulations.unwrap_or(10_000);
    if simulations > MAX_SIMULATIONS {
        problems.push(err("simulations", "at most 100,000"));
    }
    let mut pricing = Pricing::default();
    if let Some(p) = &file.prices {
        if let Some(region) = p.region_factor {
            let f = region.0;
            if f < rust_decimal::Decimal::new(25, 2) || f > rust_decimal::Decimal::from(4) {
                problems.push(err(
                    "prices.region_factor",
                    "must be between 0.25 and 4 (1 is the national average)",
                ));
            } else {
                // Checked and exact: no panic and no text round trip.
                let ppm = f.checked_mul(rust_decimal::Decimal::from(1_000_000));
                pricing.factor_ppm = ppm
                    .and_then(|p| rust_decimal::prelude::ToPrimitive::to_i64(&p.round()))
                    .unwrap_or(1_000_000);
            }
        }
        for (id, a) in &p.overrides {
            match CareKind::from_id(id) {
                Some(k) => {
                    let path = format!("prices.overrides.{id}");
                    let price = money(&path, *a, &mut problems);
                    if price > MAX_OWN_PRICE {
                        problems.push(err(
                            path,
                            format!("${} is more than one unit of care can cost here (at most {MAX_OWN_PRICE})", a.0),
                        ));
                    } else {
                        pricing.overrides.insert(k, price);
                    }
                }
                None => problems.push(err(
                    format!("prices.overrides.{id}"),
                    format!("\"{id}\" is not a kind of care costshare knows"),
                )),
            }
        }
    }
    problems.extend(household.check());
    if problems.is_empty() {
        Ok((
            household,
            Settings {
                seed: file.seed.unwrap_or(2010),
                simulations: simulations.min(MAX_SIMULATIONS),
                goal,
                pricing,
                explain: true,
            },
        ))
    } else {
        Err(problems)
    }
}
