//! What the page computes, free of UI code so it can be tested natively: the scenario (a
//! household file), its link encoding, the quick expected-year report, and display helpers.

use costshare_decision::care::{CareKind, Coverage};
use costshare_decision::compare::compare;
use costshare_decision::file::{
    GoalFile, HouseholdFile, PersonFile, RelationshipFile, StatusFile, TaxFile, to_model,
};
use costshare_decision::report::Report;
use costshare_engine::Money;
use costshare_plan::LoadedPlan;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use std::str::FromStr;

/// Simulated years the page asks the worker for.
pub const SIMULATIONS: u32 = 10_000;

/// The scenario a new visitor starts with: one employee, 40, with moderate care.
pub fn default_scenario() -> HouseholdFile {
    HouseholdFile {
        status: StatusFile::Active,
        spouse_other_coverage: false,
        people: vec![person(
            "You",
            RelationshipFile::Employee,
            40,
            Some("moderate"),
        )],
        tax: Some(default_tax()),
        pay_frequency: None,
        hsa_contribution: None,
        baby_due_month: None,
        premiums: Default::default(),
        goal: Some(GoalFile::Balanced),
        risk_tolerance: Some(50),
        simulations: Some(SIMULATIONS),
        seed: Some(2010),
        prices: None,
    }
}

/// The default tax situation: Georgia, with the plan year's default federal bracket and
/// Georgia's rate for the plan year (both resolved by the decision model, with sources), under
/// the Social Security wage base.
pub fn default_tax() -> TaxFile {
    TaxFile {
        federal_bracket: None,
        state: "GA".into(),
        state_rate: None,
        under_wage_base: true,
    }
}

/// A new person.
pub fn person(
    name: &str,
    relationship: RelationshipFile,
    age: u8,
    usage: Option<&str>,
) -> PersonFile {
    PersonFile {
        name: name.into(),
        relationship,
        age,
        tobacco: false,
        medicare: false,
        usage: usage.map(str::to_string),
        events: Vec::new(),
        care: Default::default(),
        out_of_network_percent: 0,
        student: false,
        disabled: false,
    }
}

/// A name for the next person added that nobody in the household has yet.
pub fn next_name(file: &HouseholdFile, base: &str) -> String {
    (1..)
        .map(|i| {
            if i == 1 {
                base.to_string()
            } else {
                format!("{base} {i}")
            }
        })
        .find(|n| !file.people.iter().any(|p| &p.name == n))
        .unwrap_or_else(|| base.to_string())
}

/// Whether someone in the household has this relationship (the employee, a spouse).
pub fn has(file: &HouseholdFile, relationship: RelationshipFile) -> bool {
    file.people.iter().any(|p| p.relationship == relationship)
}

/// Adds a spouse (as old as the employee, a sensible first guess) right after the employee;
/// returns their position. `None` when there already is one.
pub fn add_spouse(file: &mut HouseholdFile) -> Option<usize> {
    if has(file, RelationshipFile::Spouse) {
        return None;
    }
    let age = file
        .people
        .iter()
        .find(|p| p.relationship == RelationshipFile::Employee)
        .map_or(40, |p| p.age.max(18));
    let name = next_name(file, "Spouse");
    let at = 1.min(file.people.len());
    file.people.insert(
        at,
        person(&name, RelationshipFile::Spouse, age, Some("moderate")),
    );
    Some(at)
}

/// Puts the employee first (a link or file without one); returns their position. `None` when
/// there already is one.
pub fn add_employee(file: &mut HouseholdFile) -> Option<usize> {
    if has(file, RelationshipFile::Employee) {
        return None;
    }
    let name = next_name(file, "You");
    file.people.insert(
        0,
        person(&name, RelationshipFile::Employee, 40, Some("moderate")),
    );
    Some(0)
}

/// Whether another person may be added: a household file takes at most
/// [`costshare_decision::file::MAX_PEOPLE`].
pub fn room_for_more(file: &HouseholdFile) -> bool {
    file.people.len() < costshare_decision::file::MAX_PEOPLE
}

/// Adds a child at the end; returns their position.
pub fn add_child(file: &mut HouseholdFile) -> usize {
    let name = next_name(file, "Child");
    file.people
        .push(person(&name, RelationshipFile::Child, 8, Some("low")));
    file.people.len() - 1
}

/// Someone expects a baby this year and no child under 1 is on the coverage yet.
pub fn baby_not_added(file: &HouseholdFile) -> bool {
    file.people
        .iter()
        .any(|p| p.events.iter().any(|e| e == "having_a_baby"))
        && !file
            .people
            .iter()
            .any(|p| p.relationship == RelationshipFile::Child && p.age == 0)
}

/// What a person's level of care already counts, for the hint above their own counts ("1
/// preventive check-up, 1 primary care visit"): the own counts are added to it. `None` without
/// a level (or with nothing in it).
pub fn preset_words(p: &costshare_decision::file::PersonFile) -> Option<String> {
    let data = costshare_decision::data::builtin().ok()?;
    let level = costshare_decision::household::UseLevel::from_id(p.usage.as_deref()?)?;
    let band = costshare_decision::household::Person::new(
        "",
        costshare_engine::Relationship::Child,
        p.age,
    )
    .band();
    let words: Vec<String> = data
        .presets
        .get(&level)?
        .get(&band)?
        .iter()
        .filter(|(k, n)| **n > 0 && data.youngest.get(k).is_none_or(|y| p.age >= *y))
        .map(|(k, n)| format!("{n} × {}", k.label().to_ascii_lowercase()))
        .collect();
    (!words.is_empty()).then(|| words.join(", "))
}

/// Forgets the month a baby is due once no one has the life event any more (a household
/// file with a due month and no baby is refused).
pub fn forget_due_month(file: &mut HouseholdFile) {
    if !file
        .people
        .iter()
        .any(|p| p.events.iter().any(|e| e == "having_a_baby"))
    {
        file.baby_due_month = None;
    }
}

/// The months a baby can be due in, for the form (the value is the position, 1 to 12).
pub const DUE_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A person's place in the household in words, told apart from the others: "You (the
/// employee)", "Spouse", "Child" (or "Child 2" when there are several).
pub fn person_role(file: &HouseholdFile, index: usize) -> String {
    let Some(p) = file.people.get(index) else {
        return String::new();
    };
    match p.relationship {
        RelationshipFile::Employee => "You (the employee)".into(),
        RelationshipFile::Spouse => "Spouse".into(),
        RelationshipFile::Child => {
            let children = |range: &[costshare_decision::file::PersonFile]| {
                range
                    .iter()
                    .filter(|q| q.relationship == RelationshipFile::Child)
                    .count()
            };
            if children(&file.people) > 1 {
                format!("Child {}", children(&file.people[..=index]))
            } else {
                "Child".into()
            }
        }
    }
}

/// A person's name, or (with none entered) their place in the household: never empty.
pub fn person_name(file: &HouseholdFile, index: usize) -> String {
    match file.people.get(index) {
        Some(p) if !p.name.trim().is_empty() => p.name.trim().to_string(),
        Some(p) if p.relationship == RelationshipFile::Employee => "You".into(),
        _ => person_role(file, index),
    }
}

/// Adds the expected baby: a child of 0 with a child's low care and the hospital's well-newborn
/// care (which the "having a baby" event leaves to the child, as the CMS example does).
/// Covering a child moves the household to a tier that covers children.
pub fn add_baby(file: &mut HouseholdFile) -> usize {
    let name = next_name(file, "Baby");
    let mut baby = person(&name, RelationshipFile::Child, 0, Some("low"));
    baby.care.insert(CareKind::NewbornCare.id().to_string(), 1);
    file.people.push(baby);
    file.people.len() - 1
}

/// Whether any plan in the catalog charges a tobacco surcharge (then the form asks).
pub fn asks_tobacco(plans: &[LoadedPlan]) -> bool {
    plans.iter().any(|p| {
        p.file
            .surcharges
            .iter()
            .any(|s| s.applies_when == costshare_plan::SurchargeWhen::TobaccoUse)
    })
}

/// The tobacco question is for adults and teenagers, and only when a plan asks.
pub fn shows_tobacco(p: &PersonFile, asks: bool) -> bool {
    (asks && (p.relationship != RelationshipFile::Child || p.age >= 13)) || p.tobacco
}

/// The Medicare question is for the employee and a spouse (children stay on the form only if
/// it was already answered yes).
pub fn shows_medicare(p: &PersonFile) -> bool {
    p.relationship != RelationshipFile::Child || p.medicare
}

const FRAGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// The scenario as a URL fragment (`s=` + percent-encoded JSON). Fragments never reach a server.
pub fn to_fragment(file: &HouseholdFile) -> String {
    let json = serde_json::to_string(file).unwrap_or_default();
    format!("s={}", utf8_percent_encode(&json, FRAGMENT))
}

/// The longest link fragment read (characters), checked before anything is decoded. A
/// household at every size limit of the household file (20 people, 100 life events, 2,000
/// own counts, long names) needs about half of it; issue 10's 98 KB link froze the page.
pub const MAX_LINK_CHARS: usize = 64 * 1024;

/// Reads a household file from a link, saved entries or a host page. A household of more people
/// than costshare takes is refused here, whole, rather than drawn (a form for each of a
/// thousand people froze the page for seconds, and was saved to do it again).
pub fn read_household(json: &str) -> Result<HouseholdFile, costshare_plan::Problem> {
    let mut file = costshare_plan::from_json::<HouseholdFile>(json)?;
    for p in &mut file.people {
        p.name = clean_name(&p.name);
    }
    let max = costshare_decision::file::MAX_PEOPLE;
    if file.people.len() > max {
        return Err(costshare_plan::Problem::error(
            "people",
            format!(
                "{} people is more than costshare takes in one household (at most {max})",
                file.people.len()
            ),
        ));
    }
    Ok(file)
}

/// Whether a report's notice is about the answer itself (said with the pick and in print), not
/// about taxes (said at the tax fields): Medicare paying first, a baby counted all year.
pub fn verdict_notice(notice: &str) -> bool {
    notice == costshare_decision::resolve::MEDICARE_PRIMARY
        || notice.starts_with(costshare_decision::resolve::NEWBORN_PREMIUMS)
        || notice.starts_with(costshare_decision::resolve::NEWBORN_DUE)
}

/// A person's name as the page keeps it: without control characters (a NUL, a line break) or
/// the invisible marks that reverse how text reads (U+202E and the like), which a link could use
/// to make one name look like another.
pub fn clean_name(name: &str) -> String {
    name.chars()
        .filter(|c| {
            !c.is_control() && !crate::catalog_source::is_bidi_control(*c) && *c != '\u{feff}'
        })
        .collect()
}

/// Reads a scenario from a URL fragment (with or without the leading `#`).
pub fn from_fragment(fragment: &str) -> Result<HouseholdFile, String> {
    if fragment.len() > MAX_LINK_CHARS {
        return Err(format!(
            "the link is {} characters long; costshare reads links of up to {} characters",
            costshare_decision::report::thousands(
                u32::try_from(fragment.len()).unwrap_or(u32::MAX)
            ),
            costshare_decision::report::thousands(MAX_LINK_CHARS as u32)
        ));
    }
    let f = fragment.trim_start_matches('#');
    let Some(encoded) = f.split('&').find_map(|part| part.strip_prefix("s=")) else {
        return Err("the link holds no entries".into());
    };
    let mut json = percent_decode_str(encoded)
        .decode_utf8()
        .map_err(|_| "the link's entries are not valid text".to_string())?
        .into_owned();
    // Encoded twice on its way (a redirector writes `%` as `%25`): decoded once more.
    if json.starts_with("%7B") || json.starts_with("%7b") {
        json = percent_decode_str(&json)
            .decode_utf8()
            .map_err(|_| "the link's entries are not valid text".to_string())?
            .into_owned();
    }
    read_household(&json).or_else(|p| {
        // Text an email or a sentence put after the link (a period, a closing parenthesis): the
        // entries end at their last `}`.
        match json.rfind('}') {
            Some(end) if end + 1 < json.len() => read_household(&json[..=end]).map_err(|_| p),
            _ => Err(p),
        }
        .map_err(|p| {
            format!("the link may have been cut short or changed (for whoever made it: {p})")
        })
    })
}

/// The expected-year comparison (no simulation), with the claim-by-claim lines.
pub fn quick_report(plans: &[LoadedPlan], file: &HouseholdFile) -> Result<Report, Vec<String>> {
    let (household, mut settings) =
        to_model(file).map_err(|ps| ps.iter().map(|p| p.to_string()).collect::<Vec<_>>())?;
    settings.simulations = 0;
    let c = compare(plans, &household, &settings)
        .map_err(|ps| ps.iter().map(|p| p.to_string()).collect::<Vec<_>>())?;
    Ok(Report::new(&c, true))
}

/// [`quick_report`] with `years` simulated years, on the page's thread: for tests of the
/// simulated figures.
#[cfg(test)]
pub fn simulated_report(plans: &[LoadedPlan], file: &HouseholdFile, years: u32) -> Report {
    let (household, mut settings) = to_model(file).expect("a usable household");
    settings.simulations = years;
    Report::new(
        &compare(plans, &household, &settings).expect("a comparison"),
        true,
    )
}

/// A household whose care reaches the out-of-pocket maximum of the HRA and the HDHP every year,
/// so that those plans cost the same in every simulated year (their worst case), for tests.
#[cfg(test)]
pub fn heavy_care() -> HouseholdFile {
    costshare_plan::from_json(
        r#"{ "status": "active",
             "people": [{ "name": "Pat", "relationship": "employee", "age": 55, "usage": "very_high",
                          "events": ["outpatient_surgery", "ongoing_therapy"] }],
             "tax": { "federal_bracket": "25%", "state": "GA" }, "seed": 7 }"#,
    )
    .expect("a household file")
}

/// A pay frequency for a household that has not said one: how often the catalog's plans take
/// their premiums, when they all agree and it is not the model's default (monthly). An employer
/// whose plans are all biweekly most likely pays every two weeks, and a premium entered "per
/// paycheck" is then counted 26 times, not 12.
pub fn apply_catalog_pay_frequency(s: &mut HouseholdFile, plans: &[LoadedPlan]) -> bool {
    use costshare_decision::file::PayFrequencyFile as Pay;
    use costshare_plan::PremiumFrequency as Premium;
    if s.pay_frequency.is_some() {
        return false;
    }
    let mut all = plans.iter().map(|p| p.file.premium_frequency);
    let Some(first) = all.next() else {
        return false;
    };
    if !all.all(|f| f == first) {
        return false;
    }
    s.pay_frequency = match first {
        Premium::Monthly => return false,
        Premium::Semimonthly => Some(Pay::Semimonthly),
        Premium::Biweekly => Some(Pay::Biweekly),
        Premium::Weekly => Some(Pay::Weekly),
    };
    true
}

/// The scenario as the worker gets it: JSON of the household file.
pub fn to_json(file: &HouseholdFile) -> String {
    serde_json::to_string(file).unwrap_or_default()
}

/// Reads a dollar amount typed into a field: empty means "not given".
pub fn parse_amount(text: &str) -> Result<Option<costshare_plan::Amount>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    costshare_plan::Amount::from_str(text)
        .map(Some)
        .map_err(|_| {
            format!(
                "“{}” is not an amount of dollars; write it like 150 or 150.25",
                text.trim()
            )
        })
}

/// What a whole-number field takes, for its message: [`parse_whole`]'s `what`.
pub const AGE_FIELD: (u32, &str) = (120, "an age in whole years, 0 to 120");
/// A count of care in a year (at most one a day).
pub const COUNT_FIELD: (u32, &str) = (366, "a whole number of times, 0 to 366");
/// A share of the year's spending.
pub const SHARE_FIELD: (u32, &str) = (100, "a whole percent, 0 to 100");

/// Reads a whole number typed into a field, `(max, what)` one of the `*_FIELD`s: `Ok(None)` when
/// the field is empty, else the number, or a message that says what to enter ("Enter an age in
/// whole years, 0 to 120; “40.5” is not one."). Nothing typed is ever changed into another
/// number.
pub fn parse_whole(text: &str, (max, what): (u32, &str)) -> Result<Option<u32>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<u32>() {
        Ok(n) if n <= max && t.bytes().all(|b| b.is_ascii_digit()) => Ok(Some(n)),
        _ => Err(format!("Enter {what}; “{t}” is not one.")),
    }
}

/// Reads a state income tax rate typed as a percent (“5.75”, or “5.75%”): empty means "not
/// given" (the state's own rate is used).
pub fn parse_rate(text: &str) -> Result<Option<costshare_plan::Percent>, String> {
    let t = text.trim().trim_end_matches('%').trim();
    if t.is_empty() {
        return Ok(None);
    }
    costshare_plan::Percent::from_str(&format!("{t}%"))
        .map(Some)
        .map_err(|_| {
            format!(
                "Enter a rate from 0 to 100, like 5.75; “{}” is not one.",
                text.trim()
            )
        })
}

/// Reads the price factor for where the person lives (“1.2”): empty means "not given" (1).
pub fn parse_factor(text: &str) -> Result<Option<costshare_plan::Amount>, String> {
    let t = text.trim();
    match parse_amount(t) {
        Ok(Some(a)) if a > costshare_plan::Amount::default() => Ok(Some(a)),
        Ok(None) => Ok(None),
        _ => Err(format!(
            "Enter a number above 0, like 1.2 for prices 20% above the national average; “{t}” is not one."
        )),
    }
}

/// A problem as the decision model words it (`path: message`) split into its path and message.
pub fn split_problem(problem: &str) -> (String, String) {
    match problem.split_once(": ") {
        Some((path, message)) if !path.contains(' ') => (path.to_string(), message.to_string()),
        _ => (String::new(), problem.to_string()),
    }
}

/// A problem in plain words: the field named as the person sees it, not its path.
pub fn plain_problem(file: &HouseholdFile, problem: &str) -> String {
    let (path, message) = split_problem(problem);
    let person = |rest: &str| -> Option<String> {
        let (i, field) = rest.split_once("].")?;
        let p = file.people.get(i.parse::<usize>().ok()?)?;
        let who = if p.name.trim().is_empty() {
            "Someone"
        } else {
            p.name.as_str()
        };
        let field = match field {
            "age" => "age".to_string(),
            "name" => "name".to_string(),
            f if f.starts_with("events") => "life events".to_string(),
            f if f.starts_with("care.") => "own counts".to_string(),
            f => f.replace('_', " "),
        };
        Some(format!("{who}, {field}"))
    };
    let field = match path.as_str() {
        "" => None,
        "people" => Some("Who will be covered".to_string()),
        p if p.starts_with("people[") => person(&p["people[".len()..]),
        "tax.federal_bracket" => Some("Federal tax bracket".into()),
        "tax.state" => Some("State".into()),
        "tax.state_rate" => Some("State income tax rate".into()),
        "prices.region_factor" => Some("Prices where you live".into()),
        p if p.starts_with("prices.overrides.") => Some("Your own price".into()),
        p if p.starts_with("premiums") => Some("Premium".into()),
        "hsa_contribution" => Some("Your own HSA contribution".into()),
        "risk_tolerance" => Some("Risk tolerance".into()),
        "simulations" => Some("Simulated years".into()),
        p => {
            let words = p.replace(['_', '.'], " ");
            let mut chars = words.chars();
            Some(chars.next().map_or(String::new(), |c| {
                c.to_ascii_uppercase().to_string() + chars.as_str()
            }))
        }
    };
    match field {
        Some(f) => format!("{f}: {message}"),
        None => message,
    }
}

/// Whether the report's note on example values names `term` ("the HRA credit", "the
/// employer's HSA contribution"; `costshare_decision::cost::example_terms` writes it), or any
/// example value when `term` is empty.
pub fn rests_on_example(o: &costshare_decision::report::OptionReport, term: &str) -> bool {
    o.notes
        .iter()
        .any(|n| n.starts_with("Its figures rest on example") && n.contains(term))
}

/// What the HSA contribution field does for this household: which plans take our suggestion
/// (`suggested_hsa` is set only for a plan that qualifies for an HSA) and how much, or, for an
/// amount `entered` (in cents), which plans count it and how much of it (no more than may go in
/// the HSA that year: the IRS limit with any age-55 catch-up, less the employer's money), or
/// that none can take a contribution and why, so that an amount is never silently left out or
/// cut.
pub fn hsa_hint(r: &Report, entered: Option<i64>) -> String {
    let open: Vec<&costshare_decision::report::OptionReport> = r
        .options
        .iter()
        .filter(|o| o.excluded.is_none() && o.suggested_hsa.is_some())
        .collect();
    if open.is_empty() {
        // A plan that qualifies, closed to this person: Medicare (IRC 223(b)(7)).
        let medicare = r.options.iter().any(|o| {
            o.notes
                .iter()
                .any(|n| n.starts_with("With Medicare you cannot put money"))
        });
        // A plan that says it qualifies but fails the IRS rules: name it, its card says why.
        let failing: Vec<&str> = r
            .options
            .iter()
            .filter(|o| o.excluded.is_none())
            .filter(|o| {
                o.notes
                    .iter()
                    .any(|n| n.starts_with("The plan is described as HSA-eligible"))
            })
            .map(|o| o.name.as_str())
            .collect();
        let why = if medicare {
            "With Medicare you cannot put money in an HSA".to_string()
        } else if failing.is_empty() {
            "None of the plans compared here qualifies for an HSA".to_string()
        } else {
            format!(
                "None of the plans compared here qualifies for an HSA ({} {} described as one but {} not meet the IRS rules for the plan year: {} says why)",
                failing.join("; "),
                if failing.len() == 1 { "is" } else { "are" },
                if failing.len() == 1 { "does" } else { "do" },
                if failing.len() == 1 {
                    "its card"
                } else {
                    "their cards"
                }
            )
        };
        return if entered.is_some() {
            format!("{why}, so this contribution is not counted.")
        } else {
            format!("{why}.")
        };
    }
    let plans = if open.len() == 1 {
        "the plan with an HSA"
    } else {
        "the plans with an HSA"
    };
    if let Some(amount) = entered {
        let counted = |o: &costshare_decision::report::OptionReport| {
            o.expected.as_ref().map_or(amount, |e| e.hsa_contribution)
        };
        let (whole, cut): (Vec<&costshare_decision::report::OptionReport>, Vec<_>) =
            open.iter().copied().partition(|o| counted(o) >= amount);
        let mut out = Vec::new();
        if !whole.is_empty() {
            let names: Vec<&str> = whole.iter().map(|o| o.name.as_str()).collect();
            out.push(format!(
                "Your amount is counted for {}: {}.",
                if whole.len() == 1 {
                    "the plan with an HSA"
                } else {
                    "the plans with an HSA"
                },
                names.join("; ")
            ));
        }
        for o in cut {
            out.push(format!(
                "For {}, {} of your {} is counted: the most you may put in its HSA this year (the IRS limit, with the age-55 catch-up if it applies, less the employer's HSA money). More would be taxed as an excess contribution.",
                o.name,
                money(counted(o)),
                money(amount)
            ));
        }
        return out.join(" ");
    }
    let each: Vec<String> = open
        .iter()
        .map(|o| format!("{}: {}", o.name, money(o.suggested_hsa.unwrap_or(0))))
        .collect();
    format!(
        "Left empty, we count what you are expected to pay for care, up to the yearly limit, for {plans} ({}).",
        each.join("; ")
    )
}

/// Whether the employer's HRA or HSA money of an option is an example amount.
pub fn employer_money_is_example(o: &costshare_decision::report::OptionReport) -> bool {
    rests_on_example(o, "the HRA credit") || rests_on_example(o, "the employer's HSA contribution")
}

/// The worst case in words: whole dollars, rounded up, when something caps it (so that no
/// whole-dollar estimate beside it, an average or a likely range, can read above it; to the
/// cent when it is the yearly total, [`Beside`]), else "No cap".
pub fn worst_case(o: &costshare_decision::report::OptionReport) -> String {
    match o.worst_case {
        Some(c) => Beside::of(o).bound(c),
        None if !o.no_cap.is_empty() => "No cap".into(),
        None => "…".into(),
    }
}

/// The yearly total for the care entered, when the option has one.
pub fn expected_total(o: &costshare_decision::report::OptionReport) -> Option<i64> {
    o.expected.as_ref().map(|e| e.total)
}

pub use costshare_decision::report::thousands as count;

/// What is added to a premium, as the page writes it after the premium: nothing, one
/// surcharge by name (` + $720.00 tobacco surcharge`), or several together (` + $1,200.00
/// surcharges`), followed by ` (example)` when an amount in it is an example.
pub fn surcharge_words(e: &costshare_decision::report::ExpectedReport) -> String {
    let words = match e.surcharge_items.as_slice() {
        [] if e.surcharges == 0 => return String::new(),
        [one] => format!(" + {} {}", money(one.yearly), one.name.to_ascii_lowercase()),
        _ => format!(" + {} surcharges", money(e.surcharges)),
    };
    if e.surcharge_items.iter().any(|i| i.example) {
        words + " (example)"
    } else {
        words
    }
}

/// An option's coverage tier in words; with a baby born during the year, the months at each
/// tier: "Employee + Spouse + Child(ren) for 10 months (Employee + Spouse for the first 2)".
pub fn tier_words(tier: &str, e: Option<&costshare_decision::report::ExpectedReport>) -> String {
    match e.and_then(|e| e.before_birth.as_ref()) {
        Some(b) => format!(
            "{tier} for {} ({} for the first {})",
            costshare_decision::report::months(12 - b.months),
            b.tier,
            if b.months == 1 {
                "month".to_string()
            } else {
                b.months.to_string()
            }
        ),
        None => tier.to_string(),
    }
}

/// The premium's two parts when a baby joins during the year, for the sentence that adds up an
/// option's total: " (Employee + Spouse for 2 months $680.00 + Employee + Spouse + Child(ren)
/// for 10 months $4,500.00)"; empty otherwise.
pub fn premium_parts(tier: &str, e: &costshare_decision::report::ExpectedReport) -> String {
    match &e.before_birth {
        Some(b) => format!(
            " ({} for {} {} + {tier} for {} {})",
            b.tier,
            costshare_decision::report::months(b.months),
            money(b.premium),
            costshare_decision::report::months(12 - b.months),
            money(e.premium - b.premium)
        ),
        None => String::new(),
    }
}

/// What the HRA has already paid of the care in the "Your care" column, said beside it
/// (`after $500.00 from the HRA`), so that the cost table's row adds up from left to right:
/// the HRA's money is not subtracted again.
pub fn after_hra(e: &costshare_decision::report::ExpectedReport) -> Option<String> {
    (e.hra_used > 0).then(|| format!("after {} from the HRA", money(e.hra_used)))
}

/// A number of years with its words, like `1 simulated year` or `10,000 simulated years`.
pub fn years(n: u32, what: &str) -> String {
    format!("{} {what}{}", count(n), if n == 1 { "" } else { "s" })
}

/// Dollars and cents, like `$1,234.50`.
pub fn money(cents: i64) -> String {
    Money::from_cents(cents).to_string()
}

/// Whole dollars, like `$1,235`: to the nearest dollar, half a dollar away from zero.
pub fn dollars(cents: i64) -> String {
    whole(nearest_dollar(cents) / 100)
}

/// Whole dollars for a bound that the amount must not exceed ("at most", "under", a worst
/// case, the top of a range): rounded up, so that $2,142.15 reads "$2,143" and the words stay
/// true.
pub fn dollars_at_most(cents: i64) -> String {
    whole(dollar_at_most(cents) / 100)
}

/// How an option's other figures read beside its yearly total, which reads to the cent.
///
/// Whole dollars, rounded as [`dollars`], [`dollars_at_most`] and [`dollar_range`] do, except:
/// - a figure that is the yearly total reads to the cent, as the total does, so that one amount
///   never reads three ways ("$2,052.15" beside an average of "$2,052" and a worst case of
///   "$2,053" when every simulated year cost the same);
/// - when the worst case is the yearly total (the care entered already reaches every
///   out-of-pocket maximum), every figure reads to the cent: rounded, an average of $1,999.50
///   would read "$2,000", above a worst case of "$1,999.67".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Beside {
    total: Option<i64>,
    all_exact: bool,
}

impl Beside {
    /// Figures beside a yearly total (`None`: no total to match) with this worst case.
    pub fn new(total: Option<i64>, worst_case: Option<i64>) -> Beside {
        Beside {
            total,
            all_exact: total.is_some() && worst_case == total,
        }
    }

    /// An option's figures, beside its yearly total.
    pub fn of(o: &costshare_decision::report::OptionReport) -> Beside {
        Beside::new(expected_total(o), o.worst_case)
    }

    fn exact(self, cents: i64) -> bool {
        self.all_exact || self.total == Some(cents)
    }

    /// An average or a median: to the nearest dollar.
    pub fn average(self, cents: i64) -> String {
        if self.exact(cents) {
            money(cents)
        } else {
            dollars(cents)
        }
    }

    /// [`Beside::average`] as shown, in cents: differences are worked out from these.
    pub fn average_cents(self, cents: i64) -> i64 {
        if self.exact(cents) {
            cents
        } else {
            nearest_dollar(cents)
        }
    }

    /// A bound ("at most", a worst case): rounded up.
    pub fn bound(self, cents: i64) -> String {
        if self.exact(cents) {
            money(cents)
        } else {
            dollars_at_most(cents)
        }
    }

    /// [`Beside::bound`] as shown, in cents.
    pub fn bound_cents(self, cents: i64) -> i64 {
        if self.exact(cents) {
            cents
        } else {
            dollar_at_most(cents)
        }
    }

    /// A range: rounded outward.
    pub fn range(self, low: i64, high: i64) -> String {
        if self.all_exact && low != high {
            format!("{}{}{}", money(low), range_dash(low), money(high))
        } else {
            dollar_range(low, high)
        }
    }
}

/// `cents` rounded as [`dollars`] shows it, still in cents: a difference of two shown figures
/// is worked out from these, so that it matches what the reader subtracts.
pub fn nearest_dollar(cents: i64) -> i64 {
    let half = if cents >= 0 { 50 } else { -50 };
    (cents + half) / 100 * 100
}

/// `cents` rounded as [`dollars_at_most`] shows it, still in cents.
pub fn dollar_at_most(cents: i64) -> i64 {
    (cents.div_euclid(100) + i64::from(cents.rem_euclid(100) > 0)) * 100
}

/// A range of whole dollars, like `$1,155–$1,286`: rounded outward (the low end down, the high
/// end up), so that it holds every amount it summarizes, the expected year's to the cent. A
/// range of one amount (every year costs the same) is that amount, to the cent.
pub fn dollar_range(low: i64, high: i64) -> String {
    if low == high {
        return money(low);
    }
    format!(
        "{}{}{}",
        whole(low.div_euclid(100)),
        range_dash(low),
        dollars_at_most(high)
    )
}

/// Between a range's ends: a dash, or " to " when the low end is below zero ("-$669 to $1,200",
/// not "-$669–$1,200", which reads as a subtraction).
fn range_dash(low: i64) -> &'static str {
    if low < 0 { " to " } else { "–" }
}

/// After a yearly total below zero, what it means; `None` for a total of zero or more.
pub fn below_zero(cents: i64, own_hsa: i64) -> Option<String> {
    (cents < 0).then(|| {
        costshare_decision::recommend::below_zero(
            Money::from_cents(cents),
            Money::from_cents(own_hsa),
        )
        .trim_start()
        .to_string()
    })
}

fn whole(dollars: i64) -> String {
    Money::from_dollars(dollars)
        .to_string()
        .trim_end_matches(".00")
        .to_string()
}

/// A share per 10,000 as a whole percent, to the nearest percent except that only none reads
/// "0%" and only all reads "100%" (9,960 of 10,000 years is "99%": "100%" would say always).
pub fn percent(per_10k: u32) -> String {
    let rounded = match per_10k {
        0 => 0,
        10_000.. => 100,
        n => ((n + 50) / 100).clamp(1, 99),
    };
    format!("{rounded}%")
}

/// Kinds of care a person can count, grouped for the form.
pub fn care_groups() -> Vec<(&'static str, Vec<CareKind>)> {
    let group = |c: Coverage| {
        CareKind::ALL
            .iter()
            .copied()
            .filter(|k| k.coverage() == c)
            .collect::<Vec<_>>()
    };
    vec![
        (
            "Medical visits, tests and hospital care",
            group(Coverage::Medical),
        ),
        ("Prescriptions", group(Coverage::Drug)),
        ("Dental", group(Coverage::Dental)),
        ("Vision", group(Coverage::Vision)),
    ]
}

/// Where one default price comes from, for the Prices list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PriceBasis {
    /// The kind of care.
    pub kind: CareKind,
    /// Its default in-network price, like `$130.00`.
    pub price: String,
    /// True when the price is our estimate, not a published figure: the page marks it "example".
    pub example: bool,
    /// The source key and where in it, or the reasoning behind the estimate, as in the data.
    pub basis: String,
}

/// Every default price with where it comes from, in the form's order.
pub fn price_bases(data: &costshare_decision::data::ModelData) -> Vec<PriceBasis> {
    use costshare_decision::data::Provenance;
    CareKind::ALL
        .iter()
        .filter_map(|&kind| {
            let p = data.prices.get(&kind)?;
            let (example, basis) = match &p.provenance {
                Provenance::Source(s) => (false, s.clone()),
                Provenance::Assumption(a) => (true, a.clone()),
            };
            Some(PriceBasis {
                kind,
                price: money(p.in_network.cents()),
                example,
                basis,
            })
        })
        .collect()
}

/// The sources the prices name (by key, anywhere in their basis), each as `(key, citation,
/// address)`: the citation is the title, publisher and year.
pub fn price_sources(
    data: &costshare_decision::data::ModelData,
    bases: &[PriceBasis],
) -> Vec<(String, String, Option<String>)> {
    data.sources
        .iter()
        .filter(|(key, _)| bases.iter().any(|b| b.basis.contains(key.as_str())))
        .map(|(key, s)| {
            let mut citation = s.title.clone();
            for part in [
                s.publisher.clone(),
                s.year.map(|y| y.to_string()).unwrap_or_default(),
            ] {
                if !part.is_empty() {
                    citation.push_str(", ");
                    citation.push_str(&part);
                }
            }
            (key.clone(), citation, s.url.clone())
        })
        .collect()
}

/// Whether the catalog has the State Health Benefit Plan's plans (their booklet's rules apply).
fn is_shbp(plans: &[LoadedPlan]) -> bool {
    plans
        .iter()
        .any(|p| p.file.documents.contains_key("oap2010"))
}

/// The SHBP enrollment rules that apply, with their sources, when the catalog has SHBP plans.
pub fn enrollment_rules(
    plans: &[LoadedPlan],
    household: &HouseholdFile,
) -> Vec<(String, &'static str)> {
    let status = household.status;
    if !is_shbp(plans) {
        return Vec::new();
    }
    let mut rules = vec![
        ("Open enrollment is every fall; choices take effect January 1 of the next plan year.".to_string(), "SHBP OAP 2010 booklet, p.15 and p.18"),
        ("After a qualifying event (marriage, a birth, losing other coverage, …) you have 31 days to change coverage; changes start the first of the month after your request (a newborn can be covered from birth).".to_string(), "p.15, p.19–20"),
    ];
    if status == StatusFile::NewHire {
        rules.insert(0, ("As a new hire (or an employee enrolling for the first time) you may choose only the HRA or the HDHP in your first plan year; at the next open enrollment you may choose any option.".to_string(), "p.16"));
        rules.insert(1, ("Enroll within 31 days of your date of hire. Coverage starts the first day of the month after one full calendar month of employment.".to_string(), "p.15, p.18"));
    }
    if status == StatusFile::Retiree {
        rules.push(("At retirement you may change options within 31 days; retirees may change options during the Retiree Option Change Period (mid-October to mid-November), effective January 1.".to_string(), "p.70–71, p.76"));
    }
    // Rules for the people in this household.
    // Each rule for the children it applies to, named.
    let children = |which: fn(&costshare_decision::file::PersonFile) -> bool| {
        let names: Vec<&str> = household
            .people
            .iter()
            .filter(|p| p.relationship == RelationshipFile::Child && which(p))
            .map(|p| p.name.as_str())
            .collect();
        (!names.is_empty()).then(|| names.join(", "))
    };
    if let Some(names) = children(|p| p.student) {
        rules.push((format!("{names}: a full-time student is covered from 19 to 26 only with a letter from the registrar each year; coverage ends on the last day of the month of graduation, the 26th birthday, marriage, or a job with its own health plan."), "p.12–13, p.68"));
    }
    if let Some(names) = children(|p| p.disabled) {
        rules.push((format!("{names}: a disabled child stays covered after 19 on a written request made within 31 days of the 19th birthday (or of the disability, if it began while covered as a full-time student), and must be re-certified within 31 days whenever the plan asks."), "p.13"));
    }
    if let Some(rule) = medicare_advantage(plans, household) {
        rules.push((rule, "p.70–71, p.78–79"));
    }
    rules
}

/// For a retiree's household with Medicare on an SHBP catalog: the Medicare Advantage options
/// the booklet places them in, which no plan file here describes (p.70–71, p.78–79). The
/// verdict says it beside the pick, the enrollment rules with their pages.
pub fn medicare_advantage(plans: &[LoadedPlan], household: &HouseholdFile) -> Option<String> {
    let shbp = is_shbp(plans);
    let names: Vec<&str> = household
        .people
        .iter()
        .filter(|p| p.medicare)
        .map(|p| p.name.as_str())
        .collect();
    (shbp && household.status == StatusFile::Retiree && !names.is_empty()).then(|| format!(
        "{} {} Medicare: a retiree's household member with Medicare is placed in the Medicare Advantage Standard Option unless they choose another option within 31 days. The State helps pay only for the Medicare Advantage options, which are not compared here; with the HRA, HDHP or OAP you pay the full premium, set by the Parts of Medicare you have, so enter that premium.",
        names.join(" and "),
        if names == ["You"] || names.len() > 1 { "have" } else { "has" }
    ))
}

/// Simulated years for a test, as far as the page reads them (cents; the median is the mean,
/// the worst year the 99th percentile).
#[cfg(test)]
pub fn simulated_years(
    mean: i64,
    p90: i64,
    p99: i64,
    cheapest_per_10k: u32,
) -> costshare_decision::report::SimulatedReport {
    costshare_decision::report::SimulatedReport {
        mean,
        p10: 0,
        p50: mean,
        p90,
        p99,
        max: p99,
        cheapest_per_10k,
        expected_regret: 0,
        histogram: vec![],
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_catalog_whose_plans_are_all_biweekly_sets_an_unsaid_pay_frequency() {
        use super::*;
        use costshare_decision::file::PayFrequencyFile;
        let builtin = costshare_catalog::builtin().unwrap();
        // The built-in plans take their premiums monthly: nothing to say.
        let mut s = default_scenario();
        assert!(!apply_catalog_pay_frequency(&mut s, &builtin));
        assert_eq!(s.pay_frequency, None);
        // An employer's plans all biweekly: a premium per paycheck counts 26 times a year.
        let biweekly: Vec<LoadedPlan> = builtin
            .iter()
            .map(|p| {
                let mut v = serde_json::to_value(&*p.file).unwrap();
                v["premium_frequency"] = "biweekly".into();
                costshare_plan::load_plan(&v.to_string()).unwrap()
            })
            .collect();
        assert!(apply_catalog_pay_frequency(&mut s, &biweekly));
        assert_eq!(s.pay_frequency, Some(PayFrequencyFile::Biweekly));
        // What the person said stays.
        let mut said = default_scenario();
        said.pay_frequency = Some(PayFrequencyFile::Weekly);
        assert!(!apply_catalog_pay_frequency(&mut said, &biweekly));
        assert_eq!(said.pay_frequency, Some(PayFrequencyFile::Weekly));
    }

    #[test]
    fn a_household_without_the_employee_gets_one_first() {
        use super::*;
        // A link with only a child: the page offers to add the employee, first in the list.
        let mut file = default_scenario();
        file.people = vec![person("Kim", RelationshipFile::Child, 9, None)];
        assert_eq!(add_employee(&mut file), Some(0));
        assert_eq!(file.people[0].relationship, RelationshipFile::Employee);
        assert_eq!(file.people[1].name, "Kim");
        assert_eq!(add_employee(&mut file), None);
        // Twenty people is the most a household file takes.
        while room_for_more(&file) {
            add_child(&mut file);
        }
        assert_eq!(file.people.len(), costshare_decision::file::MAX_PEOPLE);
    }

    #[test]
    fn a_field_takes_only_what_it_says() {
        use super::*;
        assert_eq!(parse_whole(" 35 ", AGE_FIELD), Ok(Some(35)));
        assert_eq!(parse_whole("", AGE_FIELD), Ok(None));
        assert_eq!(parse_whole("0", COUNT_FIELD), Ok(Some(0)));
        assert_eq!(parse_whole("366", COUNT_FIELD), Ok(Some(366)));
        // Nothing is rounded, cut to the limit or read as 0.
        for (text, field) in [
            ("40.5", AGE_FIELD),
            ("200", AGE_FIELD),
            ("-3", COUNT_FIELD),
            ("1e2", COUNT_FIELD),
            ("500", COUNT_FIELD),
            ("+5", SHARE_FIELD),
            ("150", SHARE_FIELD),
            ("99999999999999999999", AGE_FIELD),
        ] {
            assert!(parse_whole(text, field).is_err(), "{text}");
        }
        assert_eq!(
            parse_whole("40.5", AGE_FIELD).unwrap_err(),
            "Enter an age in whole years, 0 to 120; “40.5” is not one."
        );
        assert_eq!(parse_rate("5.75").unwrap().unwrap().to_string(), "5.75%");
        assert_eq!(parse_rate(" 4% ").unwrap().unwrap().to_string(), "4%");
        assert_eq!(parse_rate(""), Ok(None));
        for text in ["150", "-5", "five", "5,75"] {
            assert_eq!(
                parse_rate(text).unwrap_err(),
                format!("Enter a rate from 0 to 100, like 5.75; “{text}” is not one.")
            );
        }
        assert_eq!(parse_factor("1.2").unwrap().unwrap().0.to_string(), "1.2");
        assert_eq!(parse_factor(" "), Ok(None));
        for text in ["0", "-1", "lots"] {
            assert!(parse_factor(text).is_err(), "{text}");
        }
    }

    #[test]
    fn each_default_price_says_where_it_comes_from() {
        let data = costshare_decision::data::builtin().unwrap();
        let bases = price_bases(data);
        // One per kind of care, in the form's order.
        assert_eq!(bases.len(), CareKind::ALL.len());
        assert_eq!(bases[0].kind, CareKind::ALL[0]);
        let of = |id: &str| bases.iter().find(|b| b.kind.id() == id).unwrap().clone();
        // prices.json: er_visit is $357, CMS's published emergency department facility figure.
        let er = of("er_visit");
        assert_eq!((er.price.as_str(), er.example), ("$357.00", false));
        assert!(
            er.basis
                .starts_with("cms-fracture-2019 'Emergency Department: Facility' $357")
        );
        // primary_care_visit is $130, our estimate between two KFF figures: an example.
        let visit = of("primary_care_visit");
        assert_eq!((visit.price.as_str(), visit.example), ("$130.00", true));
        assert!(visit.basis.contains("kff-common-services-2020"));
        // The sources are those the prices name, and only those: the four that prices.json
        // lists, plus gao-13-754 (named by the dental estimates); not the presets' survey data.
        let sources = price_sources(data, &bases);
        let keys: Vec<&str> = sources.iter().map(|(k, _, _)| k.as_str()).collect();
        for key in [
            "cms-fracture-2019",
            "cms-sbc-2019",
            "kff-common-services-2020",
            "nchs-hus-hospitalization",
            "gao-13-754",
        ] {
            assert!(keys.contains(&key), "{key} in {keys:?}");
        }
        assert!(!keys.contains(&"meps-sb245"), "{keys:?}");
        let (_, citation, url) = sources
            .iter()
            .find(|(k, _, _)| k == "cms-fracture-2019")
            .unwrap();
        assert!(
            citation.starts_with("Simple Fracture Guide 11-2019"),
            "{citation}"
        );
        assert!(citation.ends_with(", 2019"), "{citation}");
        assert!(url.as_deref().is_some_and(|u| u.starts_with("https://")));
    }

    #[test]
    fn people_are_added_the_way_a_person_expects() {
        let plans = costshare_catalog::builtin().unwrap();
        let mut s = default_scenario();
        s.people[0].age = 52;
        // A spouse starts at the employee's age, right after the employee, and only once.
        assert_eq!(add_spouse(&mut s), Some(1));
        assert_eq!(s.people[1].age, 52);
        assert_eq!(add_spouse(&mut s), None);
        assert_eq!(add_child(&mut s), 2);
        // Having a baby offers to add the baby, who brings well-newborn care, until one is added.
        assert!(!baby_not_added(&s));
        s.people[1].events.push("having_a_baby".into());
        assert!(baby_not_added(&s));
        // People are told apart without their names.
        assert_eq!(person_role(&s, 2), "Child");
        s.people[2].name.clear();
        assert_eq!(person_name(&s, 2), "Child");
        // A child is covered already: the baby keeps the tier, and the offer says so.
        assert!(has(&s, RelationshipFile::Child));
        assert!(!has(&default_scenario(), RelationshipFile::Child));
        let b = add_baby(&mut s);
        assert_eq!((s.people[b].age, s.people[b].name.as_str()), (0, "Baby"));
        assert_eq!(s.people[b].care.get("newborn_care"), Some(&1));
        assert_eq!(
            (person_role(&s, 2), person_role(&s, b)),
            ("Child 1".into(), "Child 2".into())
        );
        assert_eq!(person_name(&s, 2), "Child 1");
        s.people[2].name = "Kit".into();
        assert!(!baby_not_added(&s));
        let r = quick_report(&plans, &s).unwrap();
        let oap = r.options.iter().find(|o| o.id == "shbp-2010-oap").unwrap();
        assert_eq!(oap.tier_id.as_deref(), Some("family"));
        // Children are not asked about tobacco or Medicare; teenagers are asked about tobacco
        // when a plan charges a tobacco surcharge.
        assert!(asks_tobacco(&plans));
        assert!(!shows_tobacco(&s.people[b], true));
        assert!(!shows_medicare(&s.people[b]));
        s.people[2].age = 16;
        assert!(shows_tobacco(&s.people[2], true));
        assert!(shows_tobacco(&s.people[0], true));
        assert!(!shows_tobacco(&s.people[0], false));
        assert!(shows_medicare(&s.people[0]));
    }

    #[test]
    fn own_counts_say_what_the_level_already_counts() {
        // presets.json, "low", adult: a check-up, a sick visit, a lab order, two generic fills,
        // two dental exams and cleanings, bitewings and an eye exam.
        let mut p = person("You", RelationshipFile::Employee, 29, Some("low"));
        let words = preset_words(&p).unwrap();
        assert!(words.starts_with("1 × "), "{words}");
        assert!(
            words.contains(&format!(
                "1 × {}",
                CareKind::PrimaryCareVisit.label().to_ascii_lowercase()
            )),
            "{words}"
        );
        assert!(
            words.contains(&format!(
                "2 × {}",
                CareKind::GenericFill.label().to_ascii_lowercase()
            )),
            "{words}"
        );
        // A baby's level leaves out the dental check-ups given from age 1 (`youngest`).
        p.age = 0;
        p.relationship = RelationshipFile::Child;
        assert!(
            !preset_words(&p)
                .unwrap()
                .contains(&CareKind::DentalExam.label().to_ascii_lowercase())
        );
        p.usage = None;
        assert_eq!(preset_words(&p), None);
    }

    #[test]
    fn a_baby_due_in_march_is_said_month_by_month() {
        // A couple expecting a baby in March 2010, the baby added: the OAP's example premiums
        // $340 (Employee + Spouse) and $450 (family) a month. 340 × 2 = $680.00 for January
        // and February, 450 × 10 = $4,500.00 from March: $5,180.00.
        let plans = catalog();
        let mut s = default_scenario();
        add_spouse(&mut s);
        s.people[1].events.push("having_a_baby".into());
        add_baby(&mut s);
        s.baby_due_month = Some(3);
        let r = quick_report(&plans, &s).unwrap();
        let oap = r.options.iter().find(|o| o.id == "shbp-2010-oap").unwrap();
        let e = oap.expected.as_ref().unwrap();
        assert_eq!((e.premium, e.premium_full_year), (518_000, 540_000));
        let tier = oap.tier.as_deref().unwrap();
        assert_eq!(
            tier_words(tier, Some(e)),
            "Employee + Spouse + Child(ren) for 10 months (Employee + Spouse for the first 2)"
        );
        assert_eq!(
            premium_parts(tier, e),
            " (Employee + Spouse for 2 months $680.00 + Employee + Spouse + Child(ren) for 10 months $4,500.00)"
        );
        assert!(
            r.notices.iter().any(|n| verdict_notice(n)
                && n.starts_with("The baby's premiums are counted from March"))
        );
        // Due in December: one month with the baby, said in the singular.
        s.baby_due_month = Some(12);
        let r = quick_report(&plans, &s).unwrap();
        let oap = r.options.iter().find(|o| o.id == "shbp-2010-oap").unwrap();
        assert_eq!(
            tier_words(oap.tier.as_deref().unwrap(), oap.expected.as_ref()),
            "Employee + Spouse + Child(ren) for 1 month (Employee + Spouse for the first 11)"
        );
        // Without the baby on the coverage, nothing changes tier during the year.
        s.people.pop();
        let r = quick_report(&plans, &s).unwrap();
        let oap = r.options.iter().find(|o| o.id == "shbp-2010-oap").unwrap();
        let e = oap.expected.as_ref().unwrap();
        assert_eq!(premium_parts(oap.tier.as_deref().unwrap(), e), "");
        assert_eq!(
            tier_words("Employee + Spouse", Some(e)),
            "Employee + Spouse"
        );
        // Unticking the life event forgets the month (a file with a month and no baby is refused).
        s.people[1].events.clear();
        forget_due_month(&mut s);
        assert_eq!(s.baby_due_month, None);
    }

    use super::*;

    fn catalog() -> Vec<LoadedPlan> {
        costshare_catalog::builtin().expect("built-in catalog loads")
    }

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(count(10_000), "10,000");
        assert_eq!(count(500), "500");
    }

    #[test]
    fn problems_are_named_as_the_person_sees_them() {
        let file = default_scenario();
        assert_eq!(
            plain_problem(&file, "people[0].age: the employee must be at least 14"),
            "You, age: the employee must be at least 14"
        );
        assert_eq!(
            plain_problem(&file, "prices.region_factor: must be between 0.25 and 4"),
            "Prices where you live: must be between 0.25 and 4"
        );
        assert_eq!(
            split_problem("people[1].age: too old"),
            ("people[1].age".to_string(), "too old".to_string())
        );
    }

    #[test]
    fn the_default_scenario_compares_every_option() {
        let r = quick_report(&catalog(), &default_scenario()).expect("report");
        assert_eq!(r.options.len(), 8);
        assert_eq!(r.categories.len(), 3);
        assert!(
            r.options
                .iter()
                .filter(|o| o.category == "medical")
                .all(|o| o.expected.is_some() && !o.why.is_empty())
        );
        assert_eq!(r.simulations, 0);
    }

    #[test]
    fn scenarios_round_trip_through_the_link() {
        let mut s = default_scenario();
        s.people.push(person(
            "Sam & Lee / \"quotes\"",
            RelationshipFile::Spouse,
            38,
            None,
        ));
        s.people[1].events.push("having_a_baby".into());
        let fragment = to_fragment(&s);
        assert!(
            fragment
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.~%=".contains(c)),
            "{fragment}"
        );
        assert_eq!(from_fragment(&format!("#{fragment}")).unwrap(), s);
        // What an email or a sentence does to a link: a period or a parenthesis after it, a
        // redirector's second encoding. The entries still read.
        for mangled in [
            format!("#{fragment}."),
            format!("#{fragment})."),
            format!("#{fragment}%3E"),
            format!("#{}", fragment.replace('%', "%25")),
        ] {
            assert_eq!(from_fragment(&mangled).unwrap(), s, "{mangled}");
        }
    }

    #[test]
    fn hostile_links_are_rejected_cleanly() {
        for bad in [
            "",
            "#",
            "#x=1",
            "#s=%7B",
            "#s=%FF%FE",
            "#s=%7B%22people%22%3A1%7D",
            &format!("#s={}", "a".repeat(200_000)),
        ] {
            let e = from_fragment(bad).unwrap_err();
            assert!(e.starts_with("the link"), "{bad}: {e}");
        }
    }

    #[test]
    fn a_98_kb_link_is_refused_before_it_is_decoded() {
        // Issue 10: a 98 KB link (1,000 people) froze the page for 50 s.
        let mut s = default_scenario();
        for i in 1..1000 {
            s.people.push(person(
                &format!("Child {i}"),
                RelationshipFile::Child,
                5,
                None,
            ));
        }
        let fragment = to_fragment(&s);
        assert!(fragment.len() > MAX_LINK_CHARS, "{}", fragment.len());
        let started = std::time::Instant::now();
        let e = from_fragment(&format!("#{fragment}")).unwrap_err();
        assert!(started.elapsed().as_millis() < 50);
        assert!(e.starts_with("the link is "), "{e}");
        assert!(
            e.ends_with("costshare reads links of up to 65,536 characters"),
            "{e}"
        );
        // A link under the length limit with too many people (a security review's 1,014 in
        // 64,945 characters) is refused as fast, whole: a form for each froze the page.
        let mut s = default_scenario();
        for _ in 1..700 {
            s.people.push(person("a", RelationshipFile::Child, 5, None));
        }
        let fragment = to_fragment(&s);
        assert!(fragment.len() < MAX_LINK_CHARS, "{}", fragment.len());
        let started = std::time::Instant::now();
        let e = from_fragment(&fragment).unwrap_err();
        assert!(started.elapsed().as_millis() < 50);
        assert_eq!(
            e,
            "the link may have been cut short or changed (for whoever made it: error: people: 700 people is more than costshare takes in one household (at most 20))"
        );
        // Names lose control characters and direction overrides (U+202E would show "Pat" as
        // "taP" and hide what follows).
        let mut named = default_scenario();
        named.people[0].name = "Pa\u{202e}t\u{0}\n".into();
        assert_eq!(
            read_household(&to_json(&named)).unwrap().people[0].name,
            "Pat"
        );
        // The same from saved entries or a host page.
        assert!(read_household(&to_json(&s)).is_err());
        assert!(crate::embed::parse_household(&to_json(&s)).is_err());
    }

    #[test]
    fn a_household_at_every_limit_fits_in_a_link() {
        use costshare_decision::care::CareKind;
        use costshare_decision::file::{
            MAX_CARE_UNITS, MAX_LIFE_EVENTS, MAX_PEOPLE, MAX_TEXT_CHARS,
        };
        let mut s = default_scenario();
        s.people.clear();
        let kinds = CareKind::ALL.len();
        let per_kind = u32::try_from(MAX_CARE_UNITS as usize / (MAX_PEOPLE * kinds)).unwrap();
        for i in 0..MAX_PEOPLE {
            let relationship = if i == 0 {
                RelationshipFile::Employee
            } else {
                RelationshipFile::Child
            };
            let name = format!("{i:02}{}", "n".repeat(MAX_TEXT_CHARS - 2));
            let mut p = person(
                &name,
                relationship,
                if i == 0 { 40 } else { 10 },
                Some("very_high"),
            );
            p.events = vec!["emergency_room_visit".into(); MAX_LIFE_EVENTS / MAX_PEOPLE];
            p.care = CareKind::ALL
                .iter()
                .map(|k| (k.id().to_string(), per_kind.max(1)))
                .collect();
            p.out_of_network_percent = 50;
            s.people.push(p);
        }
        for plan in catalog() {
            for tier in &plan.plan.tiers {
                s.premiums.insert(
                    format!("{}:{}", plan.file.id, tier.id),
                    serde_json::from_str::<costshare_plan::Amount>("\"1234.56\"").unwrap(),
                );
            }
        }
        let fragment = to_fragment(&s);
        assert!(fragment.len() < MAX_LINK_CHARS, "{}", fragment.len());
        assert_eq!(from_fragment(&fragment).unwrap(), s);
        assert!(quick_report(&catalog(), &s).is_ok());
    }

    #[test]
    fn names_stay_unique() {
        let mut s = default_scenario();
        assert_eq!(next_name(&s, "Child"), "Child");
        s.people
            .push(person("Child", RelationshipFile::Child, 5, None));
        assert_eq!(next_name(&s, "Child"), "Child 2");
    }

    #[test]
    fn new_hires_see_their_rules() {
        let mut s = default_scenario();
        s.status = StatusFile::NewHire;
        let rules = enrollment_rules(&catalog(), &s);
        assert!(rules[0].0.contains("only the HRA or the HDHP"));
        assert!(enrollment_rules(&[], &s).is_empty());
    }

    #[test]
    fn students_disabled_children_and_medicare_retirees_see_their_rules() {
        let mut s = default_scenario();
        let general = enrollment_rules(&catalog(), &s).len();
        let mut ash = person("Ash", RelationshipFile::Child, 22, None);
        ash.student = true;
        let mut rory = person("Rory", RelationshipFile::Child, 22, None);
        rory.disabled = true;
        s.people.extend([ash, rory]);
        let rules = enrollment_rules(&catalog(), &s);
        assert_eq!(rules.len(), general + 2);
        assert!(
            rules
                .iter()
                .any(|(t, p)| t.starts_with("Ash: a full-time student") && *p == "p.12–13, p.68")
        );
        assert!(
            rules
                .iter()
                .any(|(t, p)| t.starts_with("Rory: a disabled child") && *p == "p.13")
        );
        let mut r = default_scenario();
        r.status = StatusFile::Retiree;
        r.people[0].medicare = true;
        assert!(
            enrollment_rules(&catalog(), &r)
                .iter()
                .any(|(t, _)| t.starts_with(
                    "You have Medicare: a retiree's household member with Medicare is placed in the Medicare Advantage Standard Option"
                ))
        );
        // Only the people with Medicare are named (a spouse's Medicare is not the retiree's).
        r.people[0].medicare = false;
        add_spouse(&mut r);
        r.people[1].name = "Lee".into();
        r.people[1].medicare = true;
        assert!(
            medicare_advantage(&catalog(), &r)
                .unwrap()
                .starts_with("Lee has Medicare: ")
        );
        r.status = StatusFile::Active;
        assert_eq!(medicare_advantage(&catalog(), &r), None);
    }

    #[test]
    fn typed_amounts() {
        assert_eq!(parse_amount("  "), Ok(None));
        assert_eq!(
            parse_amount("$1,250.50").unwrap().unwrap().0.to_string(),
            "1250.50"
        );
        assert!(
            parse_amount("about 100")
                .unwrap_err()
                .contains("is not an amount")
        );
        assert!(parse_amount("-5").is_err());
    }

    #[test]
    fn figures_beside_a_total_read_to_the_cent_when_they_are_it() {
        // Every simulated year costs the total, $2,052.15, which is also the worst case: the
        // average, the range and the worst case read "$2,052.15", not "$2,052" and "$2,053".
        let capped = Beside::new(Some(205_215), Some(205_215));
        assert_eq!(capped.average(205_215), "$2,052.15");
        assert_eq!(capped.bound(205_215), "$2,052.15");
        assert_eq!(capped.range(205_215, 205_215), "$2,052.15");
        // With the worst case at the total, nothing is rounded: an average of $1,999.50 would
        // read "$2,000", above the worst case of $2,000 − $0.33 = $1,999.67.
        let at_most = Beside::new(Some(199_967), Some(199_967));
        assert_eq!(at_most.average(199_950), "$1,999.50");
        assert_eq!(at_most.average_cents(199_950), 199_950);
        assert_eq!(at_most.range(190_000, 199_967), "$1,900.00–$1,999.67");
        // A worst case above the total: only the figure equal to the total reads to the cent;
        // the rest round as before (average to the nearest dollar, bounds up, ranges outward).
        let open = Beside::new(Some(205_215), Some(300_001));
        assert_eq!(open.average(205_215), "$2,052.15");
        assert_eq!(open.average(205_250), "$2,053");
        assert_eq!(open.average_cents(205_250), 205_300);
        assert_eq!(open.bound(300_001), "$3,001");
        assert_eq!(open.bound_cents(300_001), 300_100);
        assert_eq!(open.range(200_000, 205_215), "$2,000–$2,053");
        // No total to match (a combination's sentence before its figures): whole dollars.
        assert_eq!(Beside::new(None, None).average(205_215), "$2,052");
    }

    #[test]
    fn money_formats() {
        assert_eq!(money(123_456), "$1,234.56");
        assert_eq!(dollars(123_456), "$1,235");
        assert_eq!(dollars(-123_450), "-$1,235");
        // The same roundings in cents, for differences of shown figures.
        assert_eq!(nearest_dollar(125_351), 125_400);
        assert_eq!(nearest_dollar(125_349), 125_300);
        assert_eq!(nearest_dollar(-150), -200);
        assert_eq!(dollar_at_most(200_001), 200_100);
        assert_eq!(dollar_at_most(-150), -100);
        assert_eq!(percent(4_949), "49%");
        // Only all years is "100%", only none "0%".
        assert_eq!(percent(9_960), "99%");
        assert_eq!(percent(10_000), "100%");
        assert_eq!(percent(40), "1%");
        assert_eq!(percent(0), "0%");
        assert_eq!(years(10_000, "simulated year"), "10,000 simulated years");
        assert_eq!(years(1, "simulated year"), "1 simulated year");
        assert_eq!(years(0, "possible year"), "0 possible years");
    }

    #[test]
    fn surcharges_are_named_when_there_is_one() {
        let plans = costshare_catalog::builtin().unwrap();
        let oap = |s: &HouseholdFile| {
            let r = quick_report(&plans, s).unwrap();
            let o = r.options.iter().find(|o| o.id == "shbp-2010-oap").unwrap();
            surcharge_words(o.expected.as_ref().unwrap())
        };
        let mut s = default_scenario();
        assert_eq!(oap(&s), "");
        // oap2010 p.15: tobacco $60 a month, $720 a year; the spousal surcharge $40 a month.
        s.people[0].tobacco = true;
        assert_eq!(oap(&s), " + $720.00 tobacco surcharge");
        add_spouse(&mut s);
        s.spouse_other_coverage = true;
        assert_eq!(oap(&s), " + $1,200.00 surcharges");
        // A surcharge amount that is an example says so where the premium does.
        let mut plans = plans.clone();
        let mut v: serde_json::Value = serde_json::from_str(
            costshare_catalog::FILES
                .iter()
                .find(|f| f.0 == "shbp-2010-oap.json")
                .unwrap()
                .1,
        )
        .unwrap();
        v["surcharges"][1]["example"] = true.into();
        let i = plans
            .iter()
            .position(|p| p.file.id == "shbp-2010-oap")
            .unwrap();
        plans[i] = costshare_plan::load_plan(&v.to_string()).unwrap();
        let r = quick_report(&plans, &s).unwrap();
        let o = r.options.iter().find(|o| o.id == "shbp-2010-oap").unwrap();
        assert_eq!(
            surcharge_words(o.expected.as_ref().unwrap()),
            " + $1,200.00 surcharges (example)"
        );
    }

    #[test]
    fn the_cost_tables_rows_add_up_as_shown() {
        let plans = costshare_catalog::builtin().unwrap();
        let r = quick_report(&plans, &default_scenario()).unwrap();
        let row = |id: &str| {
            let o = r.options.iter().find(|o| o.id == id).unwrap();
            o.expected.clone().unwrap()
        };
        // The HRA: $900.00 premium + $564.75 of care (after the HRA's $500.00) − $0.00 of
        // employer HSA money − $257.85 tax savings = $1,206.90. The $500 is said beside the
        // care, not subtracted a second time.
        let hra = row("shbp-2010-hra");
        assert_eq!(
            (
                hra.premium,
                hra.out_of_pocket,
                hra.employer_hsa_used,
                hra.tax_savings,
                hra.total
            ),
            (90_000, 56_475, 0, 25_785, 120_690)
        );
        assert_eq!(
            after_hra(&hra).as_deref(),
            Some("after $500.00 from the HRA")
        );
        assert_eq!(after_hra(&row("shbp-2010-oap")), None);
        for o in r.options.iter().filter_map(|o| o.expected.as_ref()) {
            assert_eq!(
                o.premium + o.surcharges + o.out_of_pocket - o.employer_hsa_used - o.tax_savings,
                o.total
            );
        }
    }

    /// The HSA contribution the report counted for the HDHP.
    fn hdhp_counted(r: &mut Report, cents: i64) {
        let hdhp = r
            .options
            .iter_mut()
            .find(|o| o.id == "shbp-2010-hdhp")
            .unwrap();
        hdhp.expected.as_mut().unwrap().hsa_contribution = cents;
    }

    #[test]
    fn the_hsa_field_says_whether_a_contribution_counts() {
        let plans = costshare_catalog::builtin().unwrap();
        let s = default_scenario();
        let r = quick_report(&plans, &s).unwrap();
        // The 2010 HDHP's $1,150 deductible is below the $1,200 HSA minimum: no plan qualifies,
        // the plan that says it does is named, and an amount entered is said not to count.
        assert_eq!(
            hsa_hint(&r, None),
            "None of the plans compared here qualifies for an HSA (SHBP High Deductible Health Plan (HDHP) 2010 is described as one but does not meet the IRS rules for the plan year: its card says why)."
        );
        assert_eq!(
            hsa_hint(&r, Some(100_000)),
            "None of the plans compared here qualifies for an HSA (SHBP High Deductible Health Plan (HDHP) 2010 is described as one but does not meet the IRS rules for the plan year: its card says why), so this contribution is not counted."
        );
        // A plan that qualifies (the report sets a suggestion only then): the suggestion is
        // named while the field is empty, the plan it counts for once an amount is entered.
        let mut r = quick_report(&plans, &s).unwrap();
        let hdhp = r
            .options
            .iter_mut()
            .find(|o| o.id == "shbp-2010-hdhp")
            .unwrap();
        hdhp.suggested_hsa = Some(115_000);
        assert_eq!(
            hsa_hint(&r, None),
            "Left empty, we count what you are expected to pay for care, up to the yearly limit, for the plan with an HSA (SHBP High Deductible Health Plan (HDHP) 2010: $1,150.00)."
        );
        hdhp_counted(&mut r, 100_000);
        assert_eq!(
            hsa_hint(&r, Some(100_000)),
            "Your amount is counted for the plan with an HSA: SHBP High Deductible Health Plan (HDHP) 2010."
        );
        // An amount over what may go in: a 55-year-old's 2010 family limit is $6,150 + $1,000
        // = $7,150, less the employer's $1,000: $6,150.00 of $9,000.00 is counted (Rev. Proc.
        // 2009-29), and the page says so.
        // With Medicare the plan qualifies but the person may not contribute (the report's note
        // says so, and sets no suggestion): the field gives that reason.
        let mut medicare = quick_report(&plans, &s).unwrap();
        for o in medicare
            .options
            .iter_mut()
            .filter(|o| o.id == "shbp-2010-hdhp")
        {
            o.notes.push("With Medicare you cannot put money in this plan's HSA or receive the employer's HSA money: none is counted.".into());
        }
        assert_eq!(
            hsa_hint(&medicare, Some(200_000)),
            "With Medicare you cannot put money in an HSA, so this contribution is not counted."
        );
        hdhp_counted(&mut r, 615_000);
        assert_eq!(
            hsa_hint(&r, Some(900_000)),
            "For SHBP High Deductible Health Plan (HDHP) 2010, $6,150.00 of your $9,000.00 is counted: the most you may put in its HSA this year (the IRS limit, with the age-55 catch-up if it applies, less the employer's HSA money). More would be taxed as an excess contribution."
        );
    }

    #[test]
    fn bounds_round_so_their_words_stay_true() {
        // The HRA's worst case for the starting household: $2,000 out-of-pocket maximum + $900
        // premium − $500 HRA − $257.85 tax savings = $2,142.15. "At most $2,142" would be 15
        // cents short; the nearest dollar is for averages and medians only.
        assert_eq!(dollars(214_215), "$2,142");
        assert_eq!(dollars_at_most(214_215), "$2,143");
        assert_eq!(dollars_at_most(214_200), "$2,142");
        assert_eq!(dollars_at_most(1), "$1");
        assert_eq!(dollars_at_most(0), "$0");
        assert_eq!(dollars_at_most(-150), "-$1");
        // A diabetes year that reaches the HDHP's cap every time: average and worst case are
        // both $1,999.67; the average reads "$2,000", so the worst case must not read less.
        assert_eq!(dollars(199_967), "$2,000");
        assert_eq!(dollars_at_most(199_967), "$2,000");
        for c in [0, 1, 49, 50, 99, 199_967, 214_215] {
            assert!(nearest_dollar(c) <= dollar_at_most(c), "{c}");
        }
        // A family's vision plan: the expected year $212.52 is the 10th percentile too; the
        // range must not start above it ("$213–$434" would put the expected year outside).
        assert_eq!(dollar_range(21_252, 43_351), "$212–$434");
        assert_eq!(dollar_range(21_200, 43_300), "$212–$433");
        // Below zero (tax savings above the premium and care): "to", since "-$2–$1" reads as a
        // subtraction; -$1.50 rounds down to -$2, $0.50 up to $1.
        assert_eq!(dollar_range(-150, 50), "-$2 to $1");
        assert_eq!(dollar_range(-66_896, -66_800), "-$669 to -$668");
        assert_eq!(
            Beside::new(Some(-66_896), Some(-66_896)).range(-66_896, -1),
            "-$668.96 to -$0.01"
        );
        assert_eq!(below_zero(0, 0), None);
        assert_eq!(
            below_zero(-66_896, 0).as_deref(),
            Some(
                "Below zero means you come out $668.96 ahead for the year: the tax savings and employer HSA money are more than the premium and what you pay for care."
            )
        );
        // A family that puts $6,150 in its own HSA: most of a −$1,162.25 year is tax saved on
        // that money, which pays nothing this year, and the sentence names it.
        assert_eq!(
            below_zero(-116_225, 615_000).as_deref(),
            Some(
                "Below zero means you come out $1,162.25 ahead for the year: the tax savings (including those on the $6,150.00 you put in the HSA yourself, which stays yours) and employer HSA money are more than the premium and what you pay for care."
            )
        );
        // A new hire's HRA when its $500 covers all the care: every year costs the $900 premium
        // less $347.85 of tax savings (38.65%), $552.15; not "$552–$553".
        assert_eq!(dollar_range(55_215, 55_215), "$552.15");
    }
}
