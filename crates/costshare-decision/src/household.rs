//! The household: who is covered, their status, and what the plans' rules allow them to choose.

use crate::care::CareKind;
use crate::keyed::ByKey;
use crate::tax::TaxProfile;
use costshare_engine::{Member, Money, Relationship};
use costshare_json::Entries;
use costshare_plan::LoadedPlan;

/// Employment status, which decides the tiers and options a person may choose.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Status {
    /// An employee who has been enrolled before.
    #[default]
    Active,
    /// A new hire (or an employee enrolling for the first time) in their first plan year.
    NewHire,
    /// A retiree.
    Retiree,
}

/// How much care a person expects, as a preset.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum UseLevel {
    /// A check-up and maybe one sick visit.
    Low,
    /// A few visits, some tests, a regular prescription.
    Moderate,
    /// Ongoing care for a condition.
    High,
    /// Serious or complex care.
    VeryHigh,
}

impl crate::keyed::Key for UseLevel {
    const ALL: &'static [UseLevel] = &UseLevel::ALL;
    fn position(self) -> usize {
        self as usize
    }
}

impl crate::keyed::Key for AgeBand {
    const ALL: &'static [AgeBand] = &[AgeBand::Child, AgeBand::Adult, AgeBand::Senior];
    fn position(self) -> usize {
        self as usize
    }
}

impl UseLevel {
    /// Every level, lowest first.
    pub const ALL: [UseLevel; 4] = [
        UseLevel::Low,
        UseLevel::Moderate,
        UseLevel::High,
        UseLevel::VeryHigh,
    ];

    /// Stable id.
    pub const fn id(self) -> &'static str {
        match self {
            UseLevel::Low => "low",
            UseLevel::Moderate => "moderate",
            UseLevel::High => "high",
            UseLevel::VeryHigh => "very_high",
        }
    }

    /// The level with this id.
    pub fn from_id(id: &str) -> Option<UseLevel> {
        UseLevel::ALL.into_iter().find(|l| l.id() == id)
    }
}

/// A covered person and the care they expect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Person {
    /// A name the household recognizes.
    pub name: String,
    /// Relationship to the employee.
    pub relationship: Relationship,
    /// Age during the plan year.
    pub age: u8,
    /// Used tobacco in the last 12 months.
    pub tobacco: bool,
    /// Has Medicare.
    pub medicare: bool,
    /// Preset use level, if any.
    pub level: Option<UseLevel>,
    /// Life events, by id (see `life-events.json`).
    pub events: Vec<String>,
    /// Counts on top of the preset.
    pub custom: ByKey<CareKind, u32>,
    /// Share of care expected out of network, in whole percent.
    pub out_of_network_percent: u8,
    /// A child who is a full-time student (plans cover older children only as students).
    pub student: bool,
    /// A child who is disabled and depends on the employee (covered past the age limits).
    pub disabled: bool,
}

impl Person {
    /// A person with no expected care.
    pub fn new(name: &str, relationship: Relationship, age: u8) -> Person {
        Person {
            name: name.into(),
            relationship,
            age,
            tobacco: false,
            medicare: false,
            level: None,
            events: Vec::new(),
            custom: ByKey::default(),
            out_of_network_percent: 0,
            student: false,
            disabled: false,
        }
    }

    /// The age band used by the presets.
    pub fn band(&self) -> AgeBand {
        match self.age {
            0..=17 => AgeBand::Child,
            18..=64 => AgeBand::Adult,
            _ => AgeBand::Senior,
        }
    }
}

/// Age bands of the presets and rare-event rates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AgeBand {
    /// 0 to 17.
    Child,
    /// 18 to 64.
    Adult,
    /// 65 and over.
    Senior,
}

/// How often the person is paid, which turns a premium per paycheck into a yearly premium.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PayFrequency {
    /// 52 paychecks a year.
    Weekly,
    /// 26 paychecks a year.
    Biweekly,
    /// 24 paychecks a year.
    Semimonthly,
    /// 12 paychecks a year.
    #[default]
    Monthly,
}

impl PayFrequency {
    /// Every frequency, most frequent first.
    pub const ALL: [PayFrequency; 4] = [
        PayFrequency::Weekly,
        PayFrequency::Biweekly,
        PayFrequency::Semimonthly,
        PayFrequency::Monthly,
    ];

    /// Paychecks a year.
    pub const fn per_year(self) -> u16 {
        match self {
            PayFrequency::Weekly => 52,
            PayFrequency::Biweekly => 26,
            PayFrequency::Semimonthly => 24,
            PayFrequency::Monthly => 12,
        }
    }

    /// Stable id, as in the household file.
    pub const fn id(self) -> &'static str {
        match self {
            PayFrequency::Weekly => "weekly",
            PayFrequency::Biweekly => "biweekly",
            PayFrequency::Semimonthly => "semimonthly",
            PayFrequency::Monthly => "monthly",
        }
    }

    /// Plain words: "every two weeks".
    pub const fn words(self) -> &'static str {
        match self {
            PayFrequency::Weekly => "every week",
            PayFrequency::Biweekly => "every two weeks",
            PayFrequency::Semimonthly => "twice a month",
            PayFrequency::Monthly => "once a month",
        }
    }
}

/// The least age of an employee or a spouse.
pub const LEAST_ADULT_AGE: u8 = 14;

/// Everything about the household the comparison needs.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Household {
    /// Everyone to be covered, the employee first.
    pub people: Vec<Person>,
    /// Employment status.
    pub status: Status,
    /// A covered spouse could get coverage through their own employer.
    pub spouse_other_coverage: bool,
    /// Tax situation.
    pub tax: TaxProfile,
    /// The employee's own yearly HSA contribution; `None` means "use the suggestion".
    pub hsa_contribution: Option<Money>,
    /// Real premiums per paycheck the person entered, by `plan-id:tier-id` (or plan id alone
    /// for every tier), replacing example premiums.
    pub premiums: Entries<Money>,
    /// How often the person is paid: entered premiums are per paycheck.
    pub pay_frequency: PayFrequency,
    /// The calendar month (1–12) a baby is due, when someone has the `having_a_baby` event.
    pub baby_due_month: Option<u8>,
}

pub use crate::problem::HouseholdError;

impl Household {
    /// Checks the household; returns every problem.
    pub fn check(&self) -> Vec<HouseholdError> {
        let mut out = Vec::new();
        let mut err = |path: String, message: &str| {
            out.push(HouseholdError {
                path,
                message: message.into(),
            })
        };
        if self.people.is_empty() {
            err("people".into(), "add at least the employee");
        }
        let employees = self
            .people
            .iter()
            .filter(|p| p.relationship == Relationship::Employee)
            .count();
        if !self.people.is_empty() && employees != 1 {
            err("people".into(), "exactly one person must be the employee");
        }
        if self
            .people
            .iter()
            .filter(|p| p.relationship == Relationship::Spouse)
            .count()
            > 1
        {
            err("people".into(), "at most one person can be the spouse");
        }
        if self
            .people
            .first()
            .is_some_and(|p| p.relationship != Relationship::Employee)
        {
            err("people[0].relationship".into(), "list the employee first");
        }
        for (i, p) in self.people.iter().enumerate() {
            if p.age > 120 {
                err(format!("people[{i}].age"), "age must be 0 to 120");
            }
            if p.out_of_network_percent > 100 {
                err(
                    format!("people[{i}].out_of_network_percent"),
                    "must be 0 to 100",
                );
            }
            if p.name.trim().is_empty() {
                err(format!("people[{i}].name"), "give each person a name");
            }
            if self.people[..i].iter().any(|o| o.name == p.name) {
                err(
                    format!("people[{i}].name"),
                    "each person needs a different name",
                );
            }
            if p.relationship == Relationship::Employee && p.age < LEAST_ADULT_AGE {
                err(
                    format!("people[{i}].age"),
                    "the employee must be at least 14",
                );
            }
            if p.relationship == Relationship::Spouse && p.age < LEAST_ADULT_AGE {
                err(format!("people[{i}].age"), "a spouse must be at least 14");
            }
            for (kind, count) in &p.custom {
                if *count > 366 {
                    err(
                        format!("people[{i}].custom.{}", kind.id()),
                        "at most 366 a year",
                    );
                }
            }
        }
        if self.spouse_other_coverage && !self.has_spouse() {
            err("spouse_other_coverage".into(), "there is no covered spouse");
        }
        match self.baby_due_month {
            Some(m) if !(1..=12).contains(&m) => err(
                "baby_due_month".into(),
                "must be a month from 1 (January) to 12 (December)",
            ),
            Some(_) if !self.expects_baby() => err(
                "baby_due_month".into(),
                "no one has the life event \"having_a_baby\"",
            ),
            _ => {}
        }
        out.extend(self.tax.check());
        out
    }

    /// Whether a spouse is covered.
    pub fn has_spouse(&self) -> bool {
        self.people
            .iter()
            .any(|p| p.relationship == Relationship::Spouse)
    }

    /// Whether any children are covered.
    pub fn has_children(&self) -> bool {
        self.people
            .iter()
            .any(|p| p.relationship == Relationship::Child)
    }

    /// Whether someone has the `having_a_baby` life event.
    pub fn expects_baby(&self) -> bool {
        self.people
            .iter()
            .any(|p| p.events.iter().any(|e| e == "having_a_baby"))
    }

    /// The children born this year: those under 1 in a household expecting a baby (without the
    /// life event, a child under 1 is already born and covered all year).
    pub fn newborns(&self) -> usize {
        if !self.expects_baby() {
            return 0;
        }
        self.people
            .iter()
            .filter(|p| p.relationship == Relationship::Child && p.age == 0)
            .count()
    }

    /// Whether anyone covered used tobacco.
    pub fn tobacco(&self) -> bool {
        self.people.iter().any(|p| p.tobacco)
    }

    /// The engine's view of the people.
    pub fn members(&self) -> Vec<Member> {
        self.people
            .iter()
            .map(|p| Member {
                id: p.name.clone(),
                relationship: p.relationship,
                age: p.age,
            })
            .collect()
    }

    /// The employee, when listed.
    pub fn employee(&self) -> Option<&Person> {
        self.people
            .iter()
            .find(|p| p.relationship == Relationship::Employee)
    }

    /// The employee's age.
    pub fn employee_age(&self) -> u8 {
        self.people
            .iter()
            .find(|p| p.relationship == Relationship::Employee)
            .map_or(0, |p| p.age)
    }
}

/// Whether the household may choose a plan, and under which tier.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Eligibility {
    /// The plan may be chosen, under this tier index.
    Eligible {
        /// Tier index in the plan.
        tier: usize,
        /// Notes to show (for example Medicare premium rules).
        notes: Vec<String>,
    },
    /// The plan is left out of the comparison.
    Excluded {
        /// Why, in plain words, with the source when the plan gives one: a rule that keeps
        /// the household from choosing it ("not available to you: …"), or no tier in the plan
        /// file that fits the household ("not compared: …"; the plan itself may allow them).
        reason: String,
    },
}

/// The tier a household with a baby born this year has before the birth: the one for everyone
/// else. `None` when there is no baby or no such tier.
pub fn tier_before_birth(plan: &LoadedPlan, household: &Household) -> Option<usize> {
    let newborns = household.newborns();
    if newborns == 0 {
        return None;
    }
    let children = household
        .people
        .iter()
        .filter(|p| p.relationship == Relationship::Child)
        .count();
    plan.plan.tier_for(
        household.has_spouse(),
        children > newborns,
        household.people.len().saturating_sub(1 + newborns),
        household.status == Status::Retiree,
    )
}

/// Applies the plan's rules to the household.
#[inline(never)] // see compare::run_stage
pub fn eligibility(plan: &LoadedPlan, household: &Household) -> Eligibility {
    let file = &plan.file;
    if household.status == Status::NewHire
        && let Some(rule) = &file.new_hires_may_enroll
        && !rule.value
    {
        let source = rule
            .source
            .as_deref()
            .map(|s| format!(" ({})", file.cite(s)))
            .unwrap_or_default();
        return Eligibility::Excluded {
            reason: format!(
                "not available to you: new hires and employees enrolling for the first time may not choose {} in their first plan year{source}",
                file.name
            ),
        };
    }
    let retiree = household.status == Status::Retiree;
    let Some(tier) = plan.plan.tier_for(
        household.has_spouse(),
        household.has_children(),
        household.people.len().saturating_sub(1),
        retiree,
    ) else {
        // Missing data, not a rule: the plan may well be open to them (SHBP retirees may choose
        // the HRA and HDHP, p.71), so the words do not say otherwise.
        let (who, ask) = if retiree {
            (
                "retirees",
                "whether retirees may choose it, and at what premium",
            )
        } else {
            ("this household", "whether you may choose it")
        };
        return Eligibility::Excluded {
            reason: format!(
                "not compared: its plan file has no coverage tier or premium for {who}, so we cannot price it; ask your benefits office {ask}"
            ),
        };
    };
    let mut notes = Vec::new();
    if retiree && household.people.iter().any(|p| p.medicare) {
        notes.push("Retirees with Medicare usually pay a different premium and may be steered to Medicare Advantage options; check the premium you enter.".into());
    }
    Eligibility::Eligible { tier, notes }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_household_needs_one_employee_listed_first() {
        let mut h = Household {
            people: vec![Person::new("sam", Relationship::Spouse, 40)],
            ..Household::default()
        };
        let problems = h.check();
        assert!(problems.iter().any(|p| {
            p.message
                .contains("exactly one person must be the employee")
        }));
        h.people
            .insert(0, Person::new("pat", Relationship::Employee, 41));
        h.people.push(Person::new("sam", Relationship::Child, 200));
        let problems: Vec<String> = h.check().iter().map(|p| p.to_string()).collect();
        assert!(
            problems.contains(&"people[2].age: age must be 0 to 120".to_string()),
            "{problems:?}"
        );
        assert!(
            problems.contains(&"people[2].name: each person needs a different name".to_string()),
            "{problems:?}"
        );
    }

    #[test]
    fn the_employee_and_a_spouse_are_at_least_14() {
        let check = |relationship, age| {
            let mut people = vec![Person::new("pat", Relationship::Employee, 41)];
            people.push(Person::new("sam", relationship, age));
            let h = Household {
                people,
                ..Household::default()
            };
            h.check().iter().map(|p| p.to_string()).collect::<Vec<_>>()
        };
        assert_eq!(
            check(Relationship::Spouse, 0),
            ["people[1].age: a spouse must be at least 14"]
        );
        assert!(check(Relationship::Spouse, 14).is_empty());
        // A child of any age from 0 is a child.
        assert!(check(Relationship::Child, 0).is_empty());
    }
}
