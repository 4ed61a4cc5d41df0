//! The inputs: who is covered, the care they expect, premiums, taxes and the goal.

use crate::model::{self, care_groups, money};
use crate::ui::{Catalog, Disclosure, capitalize, field_problem, focus_soon};
use costshare_decision::care::CareKind;
use costshare_decision::file::{
    GoalFile, HouseholdFile, PayFrequencyFile, RelationshipFile, StatusFile,
};
use costshare_decision::household::PayFrequency;
use costshare_decision::report::Report;
use costshare_engine::Money;
use costshare_plan::Percent;
use leptos::prelude::*;
use std::str::FromStr;

/// `s` with its first letter in lower case (ASCII, as [`capitalize`]), for a message after a
/// field's name.
fn lower_first(s: &str) -> String {
    let mut out = s.to_string();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_lowercase();
    }
    out
}

/// A whole-number field (`field`, one of `model::*_FIELD`). What is typed goes to `set` when it
/// is a number the field takes, or the field is empty and `empty` says what that means; `set` is
/// not called with the number the household already has (`value`), so leaving the field does not
/// start the same simulation again. Anything else leaves the figures as they were, and once the
/// person leaves the field (its change event) `error` says what to enter. The text is never
/// changed into another number: the field is set from `value` only when that changes.
#[component]
fn WholeInput(
    id: String,
    field: (u32, &'static str),
    empty: Option<u32>,
    value: Memo<Option<u32>>,
    set: Callback<u32>,
    error: RwSignal<Option<String>>,
    /// Another problem with the entry (the decision model's), also shown as invalid.
    #[prop(optional)]
    invalid: Option<Signal<bool>>,
    /// The least value taken while the person types (an adult's age: "6" on the way to "62" is
    /// not taken, and not called too young, until they leave the field).
    #[prop(optional)]
    least_while_typing: Option<Signal<u32>>,
) -> impl IntoView {
    let entry = move |text: String, leaving: bool| {
        let number = match model::parse_whole(&text, field) {
            Ok(Some(n)) => Ok(n),
            Ok(None) => empty.ok_or_else(|| format!("Enter {}.", field.1)),
            Err(e) => Err(e),
        };
        match number {
            Ok(n) if !leaving && least_while_typing.is_some_and(|l| n < l.get_untracked()) => {}
            Ok(n) => {
                error.set(None);
                if value.get_untracked().unwrap_or(0) != n {
                    set.run(n);
                }
            }
            Err(e) if leaving => error.set(Some(e)),
            Err(_) => {}
        }
    };
    crate::ui::track_error(id.clone(), error);
    let bad = move || error.with(Option::is_some) || invalid.is_some_and(|i| i.get());
    let error_id = format!("{id}-error");
    view! {
        <input type="text" id=id inputmode="numeric" autocomplete="off"
            aria-invalid=move || bad().to_string()
            aria-describedby=move || bad().then(|| error_id.clone())
            prop:value=move || { crate::ui::track_reset(); value.get().unwrap_or(0).to_string() }
            on:input=move |ev| entry(event_target_value(&ev), false)
            on:change=move |ev| entry(event_target_value(&ev), true) />
    }
}

#[component]
pub fn Household(scenario: RwSignal<HouseholdFile>, catalog: RwSignal<Catalog>) -> impl IntoView {
    let asks_tobacco = Memo::new(move |_| catalog.with(|c| model::asks_tobacco(&c.plans)));
    let count = move || scenario.with(|s| s.people.len());
    let has_spouse = move || scenario.with(|s| model::has(s, RelationshipFile::Spouse));
    let has_employee = move || scenario.with(|s| model::has(s, RelationshipFile::Employee));
    let full = move || !scenario.with(model::room_for_more);
    view! {
        <section aria-labelledby="household-h" class="card">
            <h2 id="household-h">"1. Who will be covered"</h2>
            <label for="status">"Your situation"</label>
            <select id="status" on:change=move |ev| {
                let v = event_target_value(&ev);
                scenario.update(|s| s.status = match v.as_str() { "new_hire" => StatusFile::NewHire, "retiree" => StatusFile::Retiree, _ => StatusFile::Active });
            } prop:value=move || scenario.with(|s| match s.status { StatusFile::Active => "active", StatusFile::NewHire => "new_hire", StatusFile::Retiree => "retiree" }.to_string())>
                <option value="active">"Employee, enrolled before"</option>
                <option value="new_hire">"New hire, or enrolling for the first time"</option>
                <option value="retiree">"Retiree"</option>
            </select>
            <For each={move || (0..count()).collect::<Vec<usize>>()} key={|i| *i} children={move |i| view! { <PersonRow scenario=scenario index=i asks_tobacco=asks_tobacco /> }} />
            {move || (!has_employee()).then(|| view! {
                <p class="offer" role="status">"Everyone here is covered through an employee: add yourself first. "
                    <button type="button" class="secondary" on:click=move |ev| {
                        let mut at = None;
                        scenario.update(|s| at = model::add_employee(s));
                        if let Some(i) = at { focus_soon(&ev, format!("p{i}-age")) }
                    }>"Add yourself (the employee)"</button>
                </p>
            })}
            <div class="buttons">
                <button type="button" class="secondary" prop:disabled=move || has_spouse() || full() on:click=move |ev| {
                    let mut at = None;
                    scenario.update(|s| at = model::add_spouse(s));
                    if let Some(i) = at { focus_soon(&ev, format!("p{i}-age")) }
                }>"Add a spouse"</button>
                <button type="button" class="secondary" prop:disabled=full aria-describedby=move || full().then_some("people-limit") on:click=move |ev| {
                    if !scenario.with(model::room_for_more) { return }
                    let mut at = 0;
                    scenario.update(|s| at = model::add_child(s));
                    focus_soon(&ev, format!("p{at}-age"));
                }>"Add a child"</button>
            </div>
            {move || full().then(|| view! {
                <p class="hint" id="people-limit">{format!("costshare compares households of up to {} people.", costshare_decision::file::MAX_PEOPLE)}</p>
            })}
            {move || has_spouse().then(|| view! {
                <label class="check">
                    <input type="checkbox" id="spouse-other"
                        prop:checked=move || scenario.with(|s| s.spouse_other_coverage)
                        on:change=move |ev| { let v = event_target_checked(&ev); scenario.update(|s| s.spouse_other_coverage = v) } />
                    "My spouse could get health coverage through their own employer and chose not to take it"
                </label>
            })}
        </section>
    }
}

#[component]
fn PersonRow(
    scenario: RwSignal<HouseholdFile>,
    index: usize,
    asks_tobacco: Memo<bool>,
) -> impl IntoView {
    let get = move |f: fn(&model_person::P) -> String| {
        scenario.with(|s| s.people.get(index).map(f).unwrap_or_default())
    };
    let is_employee = move || {
        scenario.with(|s| {
            s.people
                .get(index)
                .is_some_and(|p| p.relationship == RelationshipFile::Employee)
        })
    };
    let id = move |what: &str| format!("p{index}-{what}");
    // The age as the household file has it: the field is set from it only when it changes, so
    // what the person is typing stays as typed.
    let age = Memo::new(move |_| scenario.with(|s| s.people.get(index).map(|p| u32::from(p.age))));
    let age_error = RwSignal::new(None::<String>);
    let set_age = Callback::new(move |v: u32| {
        scenario.update(|s| {
            if let Some(p) = s.people.get_mut(index) {
                p.age = u8::try_from(v).unwrap_or(u8::MAX)
            }
        })
    });
    view! {
        <fieldset class="person">
            <legend>{move || scenario.with(|s| model::person_role(s, index))}</legend>
            <div class="row">
                <label for=id("name")>"Name"</label>
                <input type="text" id=id("name") maxlength=costshare_decision::file::MAX_TEXT_CHARS autocomplete="off"
                    aria-invalid=move || field_problem(format!("people[{index}].name")).is_some().to_string()
                    aria-describedby=move || field_problem(format!("people[{index}].name")).map(|_| id("name-error"))
                    prop:value=move || get(|p| p.name.clone())
                    on:input=move |ev| { let v = model::clean_name(&event_target_value(&ev)); scenario.update(|s| if let Some(p) = s.people.get_mut(index) { p.name = v }) } />
                <label for=id("age")>"Age"</label>
                <WholeInput id=id("age") field=model::AGE_FIELD empty=None value=age set=set_age error=age_error
                    invalid=Signal::derive(move || field_problem(format!("people[{index}].age")).is_some())
                    least_while_typing=Signal::derive(move || if scenario.with(|s| s.people.get(index).is_some_and(|p| p.relationship != RelationshipFile::Child)) { u32::from(costshare_decision::household::LEAST_ADULT_AGE) } else { 0 }) />
            </div>
            {move || field_problem(format!("people[{index}].name")).map(|m| view! { <p class="field-error" id=id("name-error") role="alert">{m}</p> })}
            {move || age_error.get().or_else(|| field_problem(format!("people[{index}].age"))).map(|m| view! { <p class="field-error" id=id("age-error") role="alert">{m}</p> })}
            {move || scenario.with(|s| s.people.get(index).is_some_and(|p| model::shows_tobacco(p, asks_tobacco.get()))).then(|| view! {
                <label class="check">
                    <input type="checkbox" id=id("tobacco")
                        prop:checked=move || scenario.with(|s| s.people.get(index).is_some_and(|p| p.tobacco))
                        on:change=move |ev| { let v = event_target_checked(&ev); scenario.update(|s| if let Some(p) = s.people.get_mut(index) { p.tobacco = v }) } />
                    "Used tobacco in the last 12 months"
                </label>
            })}
            {move || scenario.with(|s| s.people.get(index).is_some_and(model::shows_medicare)).then(|| view! {
                <label class="check">
                    <input type="checkbox" id=id("medicare")
                        prop:checked=move || scenario.with(|s| s.people.get(index).is_some_and(|p| p.medicare))
                        on:change=move |ev| { let v = event_target_checked(&ev); scenario.update(|s| if let Some(p) = s.people.get_mut(index) { p.medicare = v }) } />
                    "Has Medicare"
                </label>
            })}
            {move || (scenario.with(|s| s.people.get(index).is_some_and(|p| p.relationship == RelationshipFile::Child && p.age >= 19))).then(|| view! {
                <label class="check">
                    <input type="checkbox" id=id("student")
                        prop:checked=move || scenario.with(|s| s.people.get(index).is_some_and(|p| p.student))
                        on:change=move |ev| { let v = event_target_checked(&ev); scenario.update(|s| if let Some(p) = s.people.get_mut(index) { p.student = v }) } />
                    "Full-time student"
                </label>
                <label class="check">
                    <input type="checkbox" id=id("disabled")
                        prop:checked=move || scenario.with(|s| s.people.get(index).is_some_and(|p| p.disabled))
                        on:change=move |ev| { let v = event_target_checked(&ev); scenario.update(|s| if let Some(p) = s.people.get_mut(index) { p.disabled = v }) } />
                    "Disabled and depends on you"
                </label>
            })}
            {move || (!is_employee()).then(|| view! {
                <button type="button" class="link" on:click=move |ev| {
                    // Focus stays in the list: on the person before, not back at the page's top.
                    focus_soon(&ev, format!("p{}-name", index.saturating_sub(1)));
                    scenario.update(|s| { if index < s.people.len() { s.people.remove(index); model::forget_due_month(s); }
                        if !s.people.iter().any(|p| p.relationship == RelationshipFile::Spouse) { s.spouse_other_coverage = false; } })
                }>
                    {move || format!("Remove {}", scenario.with(|s| model::person_name(s, index)))}
                </button>
            })}
        </fieldset>
    }
}

mod model_person {
    pub type P = costshare_decision::file::PersonFile;
}

#[component]
pub fn Care(scenario: RwSignal<HouseholdFile>) -> impl IntoView {
    let count = move || scenario.with(|s| s.people.len());
    view! {
        <section aria-labelledby="care-h" class="card">
            <h2 id="care-h">"2. The care you expect"</h2>
            <p class="hint">"Pick how much care each person usually needs. Add life events, or your own counts, if you know them. You can leave the defaults and skip ahead."</p>
            <For each={move || (0..count()).collect::<Vec<usize>>()} key={|i| *i} children={move |i| view! { <PersonCare scenario=scenario index=i /> }} />
        </section>
    }
}

#[component]
fn PersonCare(scenario: RwSignal<HouseholdFile>, index: usize) -> impl IntoView {
    let data = costshare_decision::data::builtin().ok();
    let name = move || scenario.with(|s| model::person_name(s, index));
    let levels: Vec<(String, String)> = data
        .map(|d| {
            d.preset_labels
                .iter()
                .map(|(l, label)| (l.id().to_string(), label.clone()))
                .collect()
        })
        .unwrap_or_default();
    let events: Vec<(String, String, String)> = data
        .map(|d| {
            d.events
                .values()
                .map(|e| (e.id.clone(), e.label.clone(), e.applies_to.clone()))
                .collect()
        })
        .unwrap_or_default();
    let id = move |what: &str| format!("c{index}-{what}");
    let is_child = move || scenario.with(|s| s.people.get(index).is_some_and(|p| p.age < 18));
    let oon = Memo::new(move |_| {
        scenario.with(|s| {
            s.people
                .get(index)
                .map(|p| u32::from(p.out_of_network_percent))
        })
    });
    let oon_error = RwSignal::new(None::<String>);
    let set_oon = Callback::new(move |v: u32| {
        scenario.update(|s| {
            if let Some(p) = s.people.get_mut(index) {
                p.out_of_network_percent = u8::try_from(v).unwrap_or(100)
            }
        })
    });
    view! {
        <fieldset class="person-care">
            <legend>{name}</legend>
            <label for=id("usage")>"How much care in a typical year"</label>
            <select id=id("usage")
                prop:value=move || scenario.with(|s| s.people.get(index).and_then(|p| p.usage.clone()).unwrap_or_default())
                on:change=move |ev| { let v = event_target_value(&ev); scenario.update(|s| if let Some(p) = s.people.get_mut(index) { p.usage = (!v.is_empty()).then_some(v) }) }>
                <option value="">"Only what I list below"</option>
                {levels.into_iter().map(|(v, label)| view! { <option value=v>{label}</option> }).collect_view()}
            </select>
            <fieldset class="events">
                <legend>"Life events this year"</legend>
                {events.into_iter().map(|(eid, label, applies)| {
                    let eid2 = eid.clone();
                    let eid3 = eid.clone();
                    let eid4 = eid.clone();
                    let input_id = format!("c{index}-event-{eid}");
                    let fits = move || match applies.as_str() { "adult" => !is_child(), "child" => is_child(), _ => true };
                    let fits_now = fits.clone();
                    view! {
                        // An event that no longer fits (an age changed) stays in sight while
                        // it is ticked, so its message can be acted on.
                        <label class="check" class:hidden=move || !fits() && !scenario.with(|s| s.people.get(index).is_some_and(|p| p.events.contains(&eid4)))>
                            <input type="checkbox" id=input_id
                                prop:checked=move || scenario.with(|s| s.people.get(index).is_some_and(|p| p.events.contains(&eid2)))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let e = eid3.clone();
                                    scenario.update(|s| if let Some(p) = s.people.get_mut(index) {
                                        p.events.retain(|x| *x != e);
                                        if on { p.events.push(e) }
                                        model::forget_due_month(s);
                                    });
                                    // Unticked, an event that no longer fits leaves the list:
                                    // focus goes to the person's level of care, not the page.
                                    if !on && !fits_now() { focus_soon(&ev, id("usage")); }
                                } />
                            {label}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            {move || scenario.with(|s| s.people.get(index).is_some_and(|p| p.events.iter().any(|e| e == "having_a_baby"))).then(|| view! {
                <label for=id("due")>"When is the baby due?"</label>
                <select id=id("due")
                    prop:value=move || scenario.with(|s| s.baby_due_month.map(|m| m.to_string()).unwrap_or_default())
                    on:change=move |ev| { let v = event_target_value(&ev); scenario.update(|s| s.baby_due_month = v.parse().ok()) }>
                    <option value="">"Not sure"</option>
                    {model::DUE_MONTHS.iter().enumerate().map(|(i, m)| view! { <option value=(i + 1).to_string()>{*m}</option> }).collect_view()}
                </select>
            })}
            {move || scenario.with(|s| s.people.get(index).is_some_and(|p| p.events.iter().any(|e| e == "having_a_baby")) && model::baby_not_added(s)).then(|| view! {
                <p class="offer" role="status">{move || if scenario.with(|s| model::has(s, RelationshipFile::Child)) {
                    "Will the baby be covered too? Adding them adds their hospital newborn care (your coverage tier already includes children). "
                } else {
                    "Will the baby be covered too? Adding them moves you to a coverage tier with children and adds their hospital newborn care. "
                }}
                    <button type="button" class="secondary" on:click=move |ev| {
                        let mut at = 0;
                        scenario.update(|s| at = model::add_baby(s));
                        focus_soon(&ev, format!("p{at}-name"));
                    }>"Add the baby"</button>
                </p>
            })}
            <Disclosure class="custom" summary="Add your own counts">
                <p class="hint">{move || match scenario.with(|s| s.people.get(index).and_then(model::preset_words)) {
                    Some(w) => format!("These are added to what the level above already counts: {w}."),
                    None => "With “Only what I list below”, these counts are the whole year's care.".to_string(),
                }}</p>
                {care_groups().into_iter().map(|(group, kinds)| view! {
                    <fieldset class="counts">
                        <legend>{group}</legend>
                        {kinds.into_iter().map(|k| view! { <CountInput scenario=scenario index=index kind=k /> }).collect_view()}
                    </fieldset>
                }).collect_view()}
                <label for=id("oon")>"Share of care from out-of-network providers (% of the year's spending)"</label>
                <WholeInput id=id("oon") field=model::SHARE_FIELD empty=Some(0) value=oon set=set_oon error=oon_error />
                {move || oon_error.get().map(|m| view! { <p class="field-error" id=id("oon-error") role="alert">{m}</p> })}
            </Disclosure>
        </fieldset>
    }
}

#[component]
fn CountInput(scenario: RwSignal<HouseholdFile>, index: usize, kind: CareKind) -> impl IntoView {
    let input_id = format!("c{index}-{}", kind.id());
    let count = Memo::new(move |_| {
        scenario.with(|s| {
            s.people
                .get(index)
                .and_then(|p| p.care.get(kind.id()).copied())
        })
    });
    let error = RwSignal::new(None::<String>);
    let set = Callback::new(move |v: u32| {
        scenario.update(|s| {
            if let Some(p) = s.people.get_mut(index) {
                if v == 0 {
                    p.care.remove(kind.id());
                } else {
                    p.care.insert(kind.id().to_string(), v);
                }
            }
        })
    });
    let error_id = format!("{input_id}-error");
    view! {
        <div class="count">
            <label for=input_id.clone()>{kind.label()}</label>
            <WholeInput id=input_id field=model::COUNT_FIELD empty=Some(0) value=count set=set error=error />
            // Under the label and its field, on a line of its own.
            {move || error.get().map(|e| view! { <span class="field-error" id=error_id.clone() role="alert">{e}</span> })}
        </div>
    }
}

#[component]
pub fn MoneyInputs(
    scenario: RwSignal<HouseholdFile>,
    report: Memo<Result<Report, Vec<String>>>,
    catalog: RwSignal<Catalog>,
) -> impl IntoView {
    let tax = move |f: fn(&costshare_decision::file::TaxFile) -> String| {
        scenario.with(|s| f(s.tax.as_ref().unwrap_or(&model::default_tax())))
    };
    let set_tax = move |f: Box<dyn Fn(&mut costshare_decision::file::TaxFile)>| {
        scenario.update(|s| {
            let t = s.tax.get_or_insert_with(model::default_tax);
            f(t);
        })
    };
    let pay = move || {
        scenario.with(|s| {
            s.pay_frequency
                .map_or(PayFrequency::default(), PayFrequency::from)
        })
    };
    let year = move || report.with(|r| r.as_ref().ok().map_or(2010, |r| r.year));
    // Retirees pay premiums from a pension, not from a paycheck.
    let retiree =
        move || scenario.with(|s| s.status == costshare_decision::file::StatusFile::Retiree);
    let payment = move || {
        if retiree() {
            "pension payment"
        } else {
            "paycheck"
        }
    };
    let premium_rows = move || {
        let plans = catalog.get().plans;
        let r = report.get().ok();
        let paychecks = i64::from(pay().per_year());
        let words = pay().words();
        let payment = payment();
        plans
            .iter()
            .flat_map(|p| {
                let pid = p.file.id.clone();
                let option = r.as_ref().and_then(|r| r.options.iter().find(|o| o.id == pid).cloned());
                // No premium to ask for a plan the household cannot choose or we cannot compare.
                if option.as_ref().is_some_and(|o| o.excluded.is_some()) {
                    return Vec::new();
                }
                let expected = option.as_ref().and_then(|o| o.expected.clone());
                // A pay stub's deduction includes the surcharges, which the page adds itself.
                let surcharges = expected.as_ref().map_or(0, |e| e.surcharges);
                let without = if surcharges > 0 {
                    format!(", without the {} of surcharges per {payment} that we add", money(Money::from_cents(surcharges).mul_div(1, paychecks).cents()))
                } else {
                    String::new()
                };
                // While the entries have a problem there is no report to say which tier applies.
                let tier = match (&r, &option) {
                    (None, _) => String::new(),
                    (Some(_), Some(o)) => format!(", {}", o.tier.clone().unwrap_or_else(|| "not available".into())),
                    (Some(_), None) => ", not available".into(),
                };
                // A premium belongs to the plan and the tier it was typed for; a baby born during
                // the year adds the smaller tier paid until the birth.
                let mut rows = vec![(
                    format!("premium-{pid}"),
                    option.as_ref().and_then(|o| o.tier_id.clone()).unwrap_or_default(),
                    tier,
                    expected.as_ref().map(|e| (e.premium_full_year, e.premium_full_year_is_example)),
                )];
                if let Some(b) = expected.as_ref().and_then(|e| e.before_birth.clone()) {
                    rows.push((format!("premium-{pid}-{}", b.tier_id), b.tier_id.clone(), format!(", {} (until the baby is born)", b.tier), Some((b.full_year, b.premium_is_example))));
                }
                rows.into_iter().map(|(input_id, tier_id, tier, example)| {
                    let key = costshare_decision::cost::premium_key(&pid, &tier_id);
                    let hint_id = format!("{input_id}-hint");
                    let hint = match example {
                        Some((yearly, true)) => format!(
                            "example: about {} per {payment} ({} a year) — enter yours{without}",
                            money(Money::from_cents(yearly).mul_div(1, paychecks).cents()),
                            money(yearly)
                        ),
                        Some((yearly, false)) => format!("{} a year{without}", money(yearly)),
                        None => String::new(),
                    };
                    let (pid_for_value, pid) = (key.clone(), key);
                    let error = RwSignal::new(None::<String>);
                    crate::ui::track_error(input_id.clone(), error);
                    view! {
                        <div class="premium">
                            <label for=input_id.clone()>{format!("{}{tier}: your premium per {payment} (paid {words})", p.file.name)}</label>
                            <input type="text" id=input_id.clone() inputmode="decimal" placeholder=hint.clone()
                                aria-describedby={ let (hint_id, error_id) = (hint_id.clone(), format!("{input_id}-error")); move || if error.with(Option::is_some) { format!("{error_id} {hint_id}") } else { hint_id.clone() } }
                                prop:value=move || { crate::ui::track_reset(); scenario.with(|s| s.premiums.get(&pid_for_value).map(|a| a.to_string()).unwrap_or_default()) }
                                aria-invalid=move || error.with(Option::is_some).to_string()
                                on:change=move |ev| {
                                    let v = event_target_value(&ev);
                                    let id = pid.clone();
                                    match model::parse_amount(&v) {
                                        Ok(a) => {
                                            error.set(None);
                                            scenario.update(|s| match a {
                                                Some(a) => { s.premiums.insert(id, a); }
                                                None => { s.premiums.remove(&id); }
                                            });
                                        }
                                        Err(e) => error.set(Some(e)),
                                    }
                                } />
                            <span class="hint" id=hint_id>{hint}</span>
                            {move || error.get().map(|e| view! { <span class="field-error" id=format!("{input_id}-error") role="alert">{e}</span> })}
                        </div>
                    }
                }).collect::<Vec<_>>()
            })
            .collect_view()
    };
    let (rate_error, hsa_error, region_error) = (
        RwSignal::new(None::<String>),
        RwSignal::new(None::<String>),
        RwSignal::new(None::<String>),
    );
    crate::ui::track_error("state-rate".into(), rate_error);
    crate::ui::track_error("hsa".into(), hsa_error);
    crate::ui::track_error("region".into(), region_error);
    let brackets = move || costshare_decision::tax::federal_brackets(year());
    let state_default =
        move || costshare_decision::tax::state_rate_used(&tax(|t| t.state.clone()), year());
    view! {
        <section aria-labelledby="money-h" class="card">
            <h2 id="money-h">"3. Premiums, taxes and your goal"</h2>
            <label for="pay-frequency">{move || if retiree() { "How often is your pension paid?" } else { "How often are you paid?" }}</label>
            <select id="pay-frequency" prop:value=move || pay().id().to_string()
                on:change=move |ev| { let v = event_target_value(&ev); scenario.update(|s| s.pay_frequency = match v.as_str() {
                    "weekly" => Some(PayFrequencyFile::Weekly), "biweekly" => Some(PayFrequencyFile::Biweekly),
                    "semimonthly" => Some(PayFrequencyFile::Semimonthly), _ => None }) }>
                {move || PayFrequency::ALL.into_iter().map(|f| view! { <option value=f.id()>{format!("{} ({} {}s a year)", capitalize(f.words()), f.per_year(), payment())}</option> }).collect_view()}
            </select>
            <details open id="premiums">
                <summary>{move || format!("Premiums per {} (paid {})", payment(), pay().words())}</summary>
                <p class="hint">{move || if retiree() {
                    "The built-in premiums are examples. Enter what is taken from each pension payment for each plan to make the totals yours, leaving out any tobacco or spousal surcharge: the page adds the plan's own."
                } else {
                    "The built-in premiums are examples. Enter what your employer takes from each paycheck for each plan to make the totals yours, leaving out any tobacco or spousal surcharge: the page adds the plan's own."
                }}</p>
                {premium_rows}
            </details>
            <div class="row">
                <label for="federal">"Federal tax bracket"</label>
                <select id="federal" prop:value=move || tax(|t| t.federal_bracket.map(|p| p.to_string()).unwrap_or_default())
                    on:change=move |ev| { let v = event_target_value(&ev); let p = Percent::from_str(&v).ok(); set_tax(Box::new(move |t| t.federal_bracket = p)) }>
                    <option value="">{move || format!("Typical for {} ({})", year(), brackets().map(|b| b.1).unwrap_or_default())}</option>
                    {move || brackets().map(|b| b.0).unwrap_or_default().into_iter().map(|b| view! { <option value=b.clone()>{b.clone()}</option> }).collect_view()}
                </select>
                <label for="state">"State"</label>
                <input type="text" id="state" maxlength="2" autocomplete="address-level1" prop:value=move || tax(|t| t.state.clone())
                    aria-invalid=move || field_problem("tax.state".into()).is_some().to_string()
                    aria-describedby=move || field_problem("tax.state".into()).map(|_| "state-error")
                    on:change=move |ev| { let v = event_target_value(&ev).trim().to_ascii_uppercase(); set_tax(Box::new(move |t| t.state = v.clone())) } />
                <label for="state-rate">"State income tax rate (%)"</label>
                <input type="text" id="state-rate" inputmode="decimal"
                    placeholder=move || state_default().map(|(r, y)| format!("{} ({}’s {y} rate)", r.trim_end_matches('%'), tax(|t| t.state.clone()))).unwrap_or_else(|| "enter your rate".into())
                    aria-invalid=move || (rate_error.with(Option::is_some) || field_problem("tax.state_rate".into()).is_some()).to_string()
                    aria-describedby=move || (rate_error.with(Option::is_some) || field_problem("tax.state_rate".into()).is_some()).then_some("state-rate-error")
                    prop:value=move || { crate::ui::track_reset(); tax(|t| t.state_rate.map(|r| r.to_string().trim_end_matches('%').to_string()).unwrap_or_default()) }
                    on:change=move |ev| match model::parse_rate(&event_target_value(&ev)) {
                        Ok(p) => { rate_error.set(None); set_tax(Box::new(move |t| t.state_rate = p)) }
                        Err(e) => rate_error.set(Some(e)),
                    } />
            </div>
            {move || field_problem("tax.state".into()).map(|m| view! { <p class="field-error" id="state-error" role="alert">{format!("State: {}", lower_first(&m))}</p> })}
            {move || rate_error.get().or_else(|| field_problem("tax.state_rate".into())).map(|m| view! { <p class="field-error" id="state-rate-error" role="alert">{format!("State income tax rate: {}", lower_first(&m))}</p> })}
            {move || (scenario.with(|s| s.status) != costshare_decision::file::StatusFile::Retiree).then(|| view! {
                <label class="check">
                    <input type="checkbox" id="above-wage-base"
                        prop:checked=move || scenario.with(|s| s.tax.as_ref().is_some_and(|t| !t.under_wage_base))
                        on:change=move |ev| { let above = event_target_checked(&ev); set_tax(Box::new(move |t| t.under_wage_base = !above)) } />
                    "My pay this year is above the Social Security wage base (so pre-tax premiums save no Social Security tax)"
                </label>
            })}
            {move || report.with(|r| r.as_ref().ok().map(|r| r.notices.clone()).unwrap_or_default()).into_iter().filter(|n| !model::verdict_notice(n)).map(|n| view! { <p class="hint tax-note">{n}</p> }).collect_view()}
            <label for="hsa">"Your own HSA contribution for the year, if you have an HSA plan (leave empty for our suggestion)"</label>
            <input type="text" id="hsa" inputmode="decimal" placeholder="suggested"
                aria-describedby=move || if hsa_error.with(Option::is_some) { "hsa-error hsa-hint" } else { "hsa-hint" }
                prop:value=move || { crate::ui::track_reset(); scenario.with(|s| s.hsa_contribution.map(|a| a.to_string()).unwrap_or_default()) }
                aria-invalid=move || hsa_error.with(Option::is_some).to_string()
                on:change=move |ev| match model::parse_amount(&event_target_value(&ev)) {
                    Ok(a) => { hsa_error.set(None); scenario.update(|s| s.hsa_contribution = a) }
                    Err(e) => hsa_error.set(Some(e)),
                } />
            {move || hsa_error.get().map(|m| view! { <p class="field-error" id="hsa-error" role="alert">{m}</p> })}
            <p class="hint" id="hsa-hint">{move || report.with(|r| r.as_ref().ok().map(|r| model::hsa_hint(r, scenario.with(|s| s.hsa_contribution.and_then(|a| costshare_engine::Money::from_decimal(a.0).ok()).map(|m| m.cents())))).unwrap_or_default())}</p>
            <Disclosure class="prices" summary="Prices">
                <p class="hint">{format!("Costs use typical allowed amounts for each kind of care: national figures from about {}. Those marked “example” are our estimates, not published prices; where each one comes from is listed below. Scale them for where you live, or enter what you know you'll be charged.", costshare_decision::data::builtin().map(|d| d.price_year).unwrap_or_default())}</p>
                <label for="region">"Prices where you live, compared with the national average (1 = average, 1.2 = 20% higher)"</label>
                <input type="text" id="region" inputmode="decimal" placeholder="1"
                    prop:value=move || { crate::ui::track_reset(); scenario.with(|s| s.prices.as_ref().and_then(|p| p.region_factor).map(|a| a.to_string()).unwrap_or_default()) }
                    aria-invalid=move || region_error.with(Option::is_some).to_string()
                    aria-describedby=move || region_error.with(Option::is_some).then_some("region-error")
                    on:change=move |ev| match model::parse_factor(&event_target_value(&ev)) {
                        Err(e) => region_error.set(Some(e)),
                        Ok(f) => { region_error.set(None); scenario.update(|s| {
                            let p = s.prices.get_or_insert_with(|| costshare_decision::file::PricesFile { region_factor: None, overrides: Default::default() });
                            p.region_factor = f;
                        }) }
                    } />
                {move || region_error.get().map(|m| view! { <p class="field-error" id="region-error" role="alert">{m}</p> })}
                {costshare_decision::data::builtin().map(model::price_bases).unwrap_or_default().into_iter()
                    .map(|b| view! { <PriceInput scenario=scenario kind=b.kind default=b.price example=b.example /> }).collect_view()}
                <PriceBases />
            </Disclosure>
            <label for="goal">"What matters most to you"</label>
            <select id="goal" prop:value=move || scenario.with(|s| match s.goal.unwrap_or(GoalFile::Balanced) { GoalFile::LowestExpected => "lowest_expected", GoalFile::LowestWorstCase => "lowest_worst_case", GoalFile::Balanced => "balanced" }.to_string())
                on:change=move |ev| { let v = event_target_value(&ev); scenario.update(|s| s.goal = Some(match v.as_str() { "lowest_expected" => GoalFile::LowestExpected, "lowest_worst_case" => GoalFile::LowestWorstCase, _ => GoalFile::Balanced })) }>
                <option value="lowest_expected">"Lowest cost on average"</option>
                <option value="balanced">"A balance of average cost and protection"</option>
                <option value="lowest_worst_case">"Protection against a very bad year"</option>
            </select>
            {move || (scenario.with(|s| s.goal.unwrap_or(GoalFile::Balanced)) == GoalFile::Balanced).then(|| {
                // The label follows the thumb while it is dragged; the entries change when it is let go.
                let dragged = RwSignal::new(None::<u8>);
                view! {
                <label for="risk">{move || format!("How much risk you are comfortable with: {} of 100", dragged.get().unwrap_or_else(|| scenario.with(|s| s.risk_tolerance.unwrap_or(50))))}</label>
                <input type="range" id="risk" min="0" max="100" step="5" aria-describedby="risk-hint"
                    prop:value=move || scenario.with(|s| s.risk_tolerance.unwrap_or(50).to_string())
                    on:input=move |ev| dragged.set(event_target_value(&ev).parse::<u8>().ok().map(|v| v.min(100)))
                    on:change=move |ev| { let v = event_target_value(&ev).parse::<u8>().unwrap_or(50).min(100); dragged.set(None); scenario.update(|s| s.risk_tolerance = Some(v)) } />
                <p class="hint" id="risk-hint">"At 0 only a very bad year counts (1 year in 100), as with “Protection against a very bad year”; at 100 only the average. Moving it down never picks a plan that costs more in a very bad year."</p>
            }})}
        </section>
    }
}

/// Where each default price comes from: its source and place in it, or the reasoning behind our
/// estimate, then the sources named.
#[component]
fn PriceBases() -> impl IntoView {
    let Ok(data) = costshare_decision::data::builtin() else {
        return ().into_any();
    };
    let bases = model::price_bases(data);
    let sources = model::price_sources(data, &bases);
    view! {
        <Disclosure class="price-bases" summary="Where these prices come from">
            <dl>{bases.iter().map(|b| view! {
                <dt>{format!("{}: {}", b.kind.label(), b.price)}{b.example.then(|| view! { <span class="example">" (example)"</span> })}</dt>
                <dd>{if b.example { format!("Our estimate: {}", b.basis) } else { format!("Published: {}", b.basis) }}</dd>
            }).collect_view()}</dl>
            <p class="hint">"Sources named above:"</p>
            <ul>{sources.iter().map(|(key, citation, url)| view! {
                <li><strong>{key.clone()}</strong>": "{citation.clone()}{url.clone().map(|u| view! { " "<a href=u.clone() rel="noreferrer">{u.clone()}</a> })}</li>
            }).collect_view()}</ul>
        </Disclosure>
    }
    .into_any()
}

#[component]
fn PriceInput(
    scenario: RwSignal<HouseholdFile>,
    kind: CareKind,
    /// The default price, shown as the placeholder.
    default: String,
    /// Whether the default is our estimate (marked "example").
    example: bool,
) -> impl IntoView {
    let input_id = format!("price-{}", kind.id());
    let error = RwSignal::new(None::<String>);
    crate::ui::track_error(input_id.clone(), error);
    view! {
        <div class="count">
            // The default price is an example until the person enters their own.
            <label for=input_id.clone()>{kind.label()}{move || (example && !scenario.with(|s| s.prices.as_ref().is_some_and(|p| p.overrides.contains_key(kind.id())))).then(|| view! { <span class="example">" (example)"</span> })}</label>
            {let error_id = format!("{input_id}-error"); move || error.get().map(|e| view! { <span class="field-error" id=error_id.clone() role="alert">{e}</span> })}
            <input type="text" id=input_id.clone() inputmode="decimal" placeholder=default
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby={ let error_id = format!("{input_id}-error"); move || error.with(Option::is_some).then(|| error_id.clone()) }
                prop:value=move || { crate::ui::track_reset(); scenario.with(|s| s.prices.as_ref().and_then(|p| p.overrides.get(kind.id())).map(|a| a.to_string()).unwrap_or_default()) }
                on:change=move |ev| {
                    let v = event_target_value(&ev);
                    match model::parse_amount(&v) {
                        Err(e) => error.set(Some(e)),
                        Ok(a) => {
                            error.set(None);
                            scenario.update(|s| {
                                let p = s.prices.get_or_insert_with(|| costshare_decision::file::PricesFile { region_factor: None, overrides: Default::default() });
                                match a {
                                    Some(a) => { p.overrides.insert(kind.id().to_string(), a); }
                                    None => { p.overrides.remove(kind.id()); }
                                }
                            })
                        }
                    }
                } />
        </div>
    }
}
