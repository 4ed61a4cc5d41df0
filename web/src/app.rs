//! The page: household, care and money on one side, the comparison on the other. Every input
//! updates the expected-year comparison at once (computed here, a few milliseconds); the 10,000-
//! year simulation runs in a web worker and fills in the risk figures when it is done.

use crate::charts;
use crate::model::{self, care_groups, default_scenario, dollars, money, percent, person};
use crate::storage;
use costshare_decision::care::CareKind;
use costshare_decision::file::{
    GoalFile, HouseholdFile, PayFrequencyFile, RelationshipFile, StatusFile,
};
use costshare_decision::household::PayFrequency;
use costshare_decision::report::{OptionReport, Report};
use costshare_engine::Money;
use costshare_plan::{Amount, LoadedPlan, Percent};
use leptos::prelude::*;
use std::str::FromStr;
use std::sync::Arc;

/// Where the plans come from.
#[derive(Clone)]
struct Catalog {
    plans: Arc<Vec<LoadedPlan>>,
    /// Where the employer catalog came from, when one was loaded.
    source: Option<crate::catalog_fetch::Source>,
}

/// State of the background simulation.
#[derive(Clone, Debug, PartialEq)]
enum Sim {
    Idle,
    Running { id: u64, done: u32, total: u32 },
    Done { id: u64, report: Box<Report> },
    Failed(String),
}

fn builtin() -> Catalog {
    Catalog {
        plans: Arc::new(costshare_catalog::builtin().unwrap_or_default()),
        source: None,
    }
}

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

/// The scenario to start with: the link's, else the saved one, else the default.
fn initial_scenario() -> (HouseholdFile, Option<String>) {
    let hash = location().and_then(|l| l.hash().ok()).unwrap_or_default();
    if hash.len() > 1 {
        match model::from_fragment(&hash) {
            Ok(s) => return (s, None),
            Err(e) => {
                return (
                    default_scenario(),
                    Some(format!("{e}; starting from the default instead.")),
                );
            }
        }
    }
    let died = storage::begin_start();
    if start_over_requested() {
        storage::clear();
        return (default_scenario(), None);
    }
    if died {
        return (
            default_scenario(),
            Some("The page stopped working last time, so your saved entries were cleared; starting from the default.".into()),
        );
    }
    match storage::load().map(|json| costshare_plan::from_json::<HouseholdFile>(&json)) {
        Some(Ok(s)) => (s, None),
        Some(Err(_)) => {
            // A saved scenario that no longer reads (an older version, damaged storage) is dropped.
            storage::clear();
            (default_scenario(), Some("Your saved entries could not be read, so they were cleared; starting from the default.".into()))
        }
        None => (default_scenario(), None),
    }
}

/// `?start-over` in the address (the crash page's link): clear the saved entries, and take the
/// parameter out of the address.
fn start_over_requested() -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    let search = w.location().search().unwrap_or_default();
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return false;
    };
    if !params.has("start-over") {
        return false;
    }
    params.delete("start-over");
    let rest = String::from(params.to_string());
    let query = if rest.is_empty() {
        String::new()
    } else {
        format!("?{rest}")
    };
    if let Ok(history) = w.history() {
        let path = w.location().pathname().unwrap_or_default();
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{query}")),
        );
    }
    true
}

/// Replaces the dead app with a plain message and a working "Start over" link (the panic hook).
pub fn show_crash() {
    let Some(w) = web_sys::window() else { return };
    let search = w.location().search().unwrap_or_default();
    let href = if search.len() > 1 {
        format!("{search}&start-over=1")
    } else {
        "?start-over=1".to_string()
    };
    if let Some(body) = w.document().and_then(|d| d.body()) {
        body.set_inner_html(&model::crash_html(&href));
    }
}

fn save(s: &HouseholdFile) {
    let fragment = model::to_fragment(s);
    storage::save(&model::to_json(s));
    if let Some(w) = web_sys::window()
        && let Ok(history) = w.history()
    {
        let search = w.location().search().unwrap_or_default();
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{search}#{fragment}")),
        );
    }
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let (start, link_problem) = initial_scenario();
    let scenario = RwSignal::new(start);
    let catalog = RwSignal::new(builtin());
    let catalog_error = RwSignal::new(None::<String>);
    let loading_catalog = RwSignal::new(false);
    let sim = RwSignal::new(Sim::Idle);
    let run_id = StoredValue::new(0u64);

    let simulator = StoredValue::new_local(crate::sim::Simulator::new(move |event| match event {
        crate::sim::SimEvent::Failed {
            id: crate::sim::CATALOG_FAILED,
            message,
        } => {
            catalog_error.set(Some(format!(
                "the employer catalog could not be used by the simulation: {message}"
            )));
        }
        crate::sim::SimEvent::Progress { id, done, total } => {
            if id == run_id.get_value() {
                sim.set(Sim::Running { id, done, total });
            }
        }
        crate::sim::SimEvent::Done { id, report } => {
            if id == run_id.get_value() {
                sim.set(Sim::Done {
                    id,
                    report: Box::new(report),
                });
            }
        }
        crate::sim::SimEvent::Failed { id, message } => {
            if id == run_id.get_value() {
                sim.set(Sim::Failed(message));
            }
        }
    }));
    if simulator.with_value(Option::is_none) {
        sim.set(Sim::Failed(
            "the page's own program files could not be found, so the simulation cannot start"
                .into(),
        ));
    }

    // `?catalog=`: only from this site or an origin the host allows (catalog_fetch.rs).
    match crate::catalog_fetch::requested() {
        Some(Ok(address)) => {
            loading_catalog.set(true);
            leptos::task::spawn_local(async move {
                match crate::catalog_fetch::load(address).await {
                    Ok(loaded) => {
                        simulator.with_value(|s| {
                            if let Some(s) = s {
                                s.set_catalog(Some(loaded.text))
                            }
                        });
                        catalog.set(Catalog {
                            plans: Arc::new(loaded.plans),
                            source: Some(loaded.source),
                        });
                    }
                    Err(e) => catalog_error.set(Some(e)),
                }
                loading_catalog.set(false);
            });
        }
        Some(Err(e)) => catalog_error.set(Some(e)),
        None => {}
    }

    let report = Memo::new(move |_| {
        let c = catalog.get();
        scenario.with(|s| model::quick_report(&c.plans, s))
    });
    // The last report that worked: kept on screen while an entry needs fixing.
    let last_good = Memo::new(move |prev: Option<&Option<Report>>| match report.get() {
        Ok(r) => Some(r),
        Err(_) => prev.cloned().flatten(),
    });
    // Problems by field path, for the fields to show their own message.
    provide_context(FieldProblems(Memo::new(move |_| {
        report.with(|r| {
            r.as_ref()
                .err()
                .map(|ps| ps.iter().map(|p| model::split_problem(p)).collect())
                .unwrap_or_default()
        })
    })));

    // Save and share on every change, and (after a short pause) re-run the simulation.
    let pending = StoredValue::new_local(None::<gloo::timers::callback::Timeout>);
    Effect::new(move |_| {
        let s = scenario.get();
        let _ = catalog.get();
        save(&s);
        if report.with(|r| r.is_err()) || loading_catalog.get() {
            return;
        }
        let id = run_id.get_value() + 1;
        run_id.set_value(id);
        sim.set(Sim::Running {
            id,
            done: 0,
            total: s.simulations.unwrap_or(model::SIMULATIONS),
        });
        let json = model::to_json(&s);
        let timeout = gloo::timers::callback::Timeout::new(250, move || {
            simulator.with_value(|sm| {
                if let Some(sm) = sm {
                    sm.run(id, json)
                }
            });
            // If the worker never answers (it failed to load), say so instead of waiting forever.
            gloo::timers::callback::Timeout::new(20_000, move || {
                if matches!(sim.get_untracked(), Sim::Running { id: running, done: 0, .. } if running == id) {
                    sim.set(Sim::Failed("the simulation did not start; reload the page to try again".into()));
                }
            })
            .forget();
        });
        pending.set_value(Some(timeout));
    });

    // The page rendered: a later start need not distrust the saved entries.
    Effect::new(move |_| storage::started());

    let start_over = move |_| {
        storage::clear();
        scenario.set(default_scenario());
    };

    view! {
        <a class="skip" href="#results">"Skip to the results"</a>
        <header class="site">
            <div class="brand">
                <h1>"costshare"</h1>
                <p class="tagline">"What each health plan would really cost you next year, and why."</p>
            </div>
            <p class="privacy">"Private: everything is worked out on this device. Nothing you enter is sent anywhere."</p>
            <button type="button" class="secondary start-over" on:click=start_over>"Start over"</button>
        </header>
        {link_problem.map(|p| view! { <p class="notice" role="status">{p}</p> })}
        {move || catalog.with(|c| c.source.clone()).map(|source| view! { <crate::catalog_fetch::SourceBanner source=source /> })}
        {move || catalog_error.get().map(|e| view! {
            <section class="error" role="alert" aria-labelledby="catalog-error-h">
                <h2 id="catalog-error-h">"Your employer's plan catalog could not be used"</h2>
                <pre>{e}</pre>
                <p>"The comparison below uses the built-in catalog (Georgia State Health Benefit Plan 2010) instead."</p>
            </section>
        })}
        {move || loading_catalog.get().then(|| view! { <p class="notice" role="status">"Loading your employer's plan catalog…"</p> })}
        <main class="layout">
            <div class="inputs">
                <Household scenario=scenario />
                <Care scenario=scenario />
                <MoneyInputs scenario=scenario report=report catalog=catalog />
            </div>
            <div class="results" id="results" tabindex="-1">
                {move || match (report.get(), last_good.get()) {
                    (Ok(r), _) => view! { <Results report=r sim=sim scenario=scenario catalog=catalog /> }.into_any(),
                    (Err(problems), previous) => {
                        let plain: Vec<String> = scenario.with(|s| problems.iter().map(|p| model::plain_problem(s, p)).collect());
                        view! {
                            <section class="error" role="alert">
                                <h2>"Please check your entries"</h2>
                                <ul>{plain.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                                {previous.is_some().then(|| view! { <p>"The results below are for your last complete entries."</p> })}
                            </section>
                            {previous.map(|r| view! { <Results report=r sim=sim scenario=scenario catalog=catalog /> })}
                        }.into_any()
                    }
                }}
            </div>
        </main>
        <footer class="site">
            <p>{move || catalog.with(|c| match &c.source {
                Some(source) => format!("Plans from the catalog at {}.", source.url),
                None => "Plans: Georgia State Health Benefit Plan 2010 booklet and fact sheets, cited page by page in each plan file; dental and vision plans are examples.".to_string(),
            })}</p>
            <p>"Values marked “example” are made up for illustration. Prices are typical allowed amounts (see the price list); change them to match yours."</p>
        </footer>
    }
}

/// Problems of the current entries by field path: `(path, message)`.
#[derive(Clone, Copy)]
struct FieldProblems(Memo<Vec<(String, String)>>);

/// The message for a field's path, if the current entries have a problem there.
fn field_problem(path: String) -> Option<String> {
    let FieldProblems(problems) = use_context::<FieldProblems>()?;
    problems.with(|ps| {
        ps.iter()
            .find(|(p, _)| *p == path)
            .map(|(_, m)| capitalize(m))
    })
}

#[component]
fn Household(scenario: RwSignal<HouseholdFile>) -> impl IntoView {
    let count = move || scenario.with(|s| s.people.len());
    let has_spouse = move || {
        scenario.with(|s| {
            s.people
                .iter()
                .any(|p| p.relationship == RelationshipFile::Spouse)
        })
    };
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
            <For each={move || (0..count()).collect::<Vec<usize>>()} key={|i| *i} children={move |i| view! { <PersonRow scenario=scenario index=i /> }} />
            <div class="buttons">
                <button type="button" class="secondary" prop:disabled=has_spouse on:click=move |_| scenario.update(|s| {
                    let name = model::next_name(s, "Spouse");
                    s.people.insert(1.min(s.people.len()), person(&name, RelationshipFile::Spouse, 40, Some("moderate")));
                })>"Add a spouse"</button>
                <button type="button" class="secondary" on:click=move |_| scenario.update(|s| {
                    let name = model::next_name(s, "Child");
                    s.people.push(person(&name, RelationshipFile::Child, 8, Some("low")));
                })>"Add a child"</button>
            </div>
            {move || has_spouse().then(|| view! {
                <label class="check">
                    <input type="checkbox" id="spouse-other"
                        prop:checked=move || scenario.with(|s| s.spouse_other_coverage)
                        on:change=move |ev| { let v = event_target_checked(&ev); scenario.update(|s| s.spouse_other_coverage = v) } />
                    "My spouse could get health coverage from their own employer"
                </label>
            })}
        </section>
    }
}

#[component]
fn PersonRow(scenario: RwSignal<HouseholdFile>, index: usize) -> impl IntoView {
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
    view! {
           <fieldset class="person">
               <legend>{move || {
                   let who = scenario.with(|s| s.people.get(index).map(|p| match p.relationship {
                       RelationshipFile::Employee => "You (the employee)",
                       RelationshipFile::Spouse => "Spouse",
                       RelationshipFile::Child => "Child",
                   }).unwrap_or(""));
                   who.to_string()
               }}</legend>
               <div class="row">
                   <label for=id("name")>"Name"</label>
                   <input type="text" id=id("name") maxlength="40" autocomplete="off"
                       aria-invalid=move || field_problem(format!("people[{index}].name")).is_some().to_string()
                       prop:value=move || get(|p| p.name.clone())
                       on:input=move |ev| { let v = event_target_value(&ev); scenario.update(|s| if let Some(p) = s.people.get_mut(index) { p.name = v }) } />
                   <label for=id("age")>"Age"</label>
                   <input type="number" id=id("age") min="0" max="120" inputmode="numeric"
                       aria-invalid=move || field_problem(format!("people[{index}].age")).is_some().to_string()
                       prop:value=move || get(|p| p.age.to_string())
                       on:input=move |ev| { let v = event_target_value(&ev).parse::<u8>().unwrap_or(0).min(120); scenario.update(|s| if let Some(p) = s.people.get_mut(index) { p.age = v }) } />
               </div>
               {move || ["name", "age"].into_iter().filter_map(|f| field_problem(format!("people[{index}].{f}"))).map(|m| view! { <p class="field-error" role="alert">{m}</p> }).collect_view()}
               <label class="check">
                   <input type="checkbox" id=id("tobacco")
                       prop:checked=move || scenario.with(|s| s.people.get(index).is_some_and(|p| p.tobacco))
                       on:change=move |ev| { let v = event_target_checked(&ev); scenario.update(|s| if let Some(p) = s.people.get_mut(index) { p.tobacco = v }) } />
                   "Used tobacco in the last 12 months"
               </label>
               <label class="check">
                   <input type="checkbox" id=id("medicare")
                       prop:checked=move || scenario.with(|s| s.people.get(index).is_some_and(|p| p.medicare))
                       on:change=move |ev| { let v = event_target_checked(&ev); scenario.update(|s| if let Some(p) = s.people.get_mut(index) { p.medicare = v }) } />
                   "Has Medicare"
               </label>
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
                   <button type="button" class="link" on:click=move |_| scenario.update(|s| { if index < s.people.len() { s.people.remove(index); }
    if !s.people.iter().any(|p| p.relationship == RelationshipFile::Spouse) { s.spouse_other_coverage = false; } })>
                       {move || format!("Remove {}", get(|p| p.name.clone()))}
                   </button>
               })}
           </fieldset>
       }
}

mod model_person {
    pub type P = costshare_decision::file::PersonFile;
}

#[component]
fn Care(scenario: RwSignal<HouseholdFile>) -> impl IntoView {
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
    let name = move || {
        scenario.with(|s| {
            s.people
                .get(index)
                .map(|p| p.name.clone())
                .unwrap_or_default()
        })
    };
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
                    let input_id = format!("c{index}-event-{eid}");
                    let fits = move || match applies.as_str() { "adult" => !is_child(), "child" => is_child(), _ => true };
                    view! {
                        <label class="check" class:hidden=move || !fits()>
                            <input type="checkbox" id=input_id
                                prop:checked=move || scenario.with(|s| s.people.get(index).is_some_and(|p| p.events.contains(&eid2)))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    let e = eid3.clone();
                                    scenario.update(|s| if let Some(p) = s.people.get_mut(index) {
                                        p.events.retain(|x| *x != e);
                                        if on { p.events.push(e) }
                                    })
                                } />
                            {label}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <details class="custom">
                <summary>"Add your own counts"</summary>
                {care_groups().into_iter().map(|(group, kinds)| view! {
                    <fieldset class="counts">
                        <legend>{group}</legend>
                        {kinds.into_iter().map(|k| view! { <CountInput scenario=scenario index=index kind=k /> }).collect_view()}
                    </fieldset>
                }).collect_view()}
                <label for=id("oon")>"Share of care from out-of-network providers (% of the year's spending)"</label>
                <input type="number" id=id("oon") min="0" max="100" inputmode="numeric"
                    prop:value=move || scenario.with(|s| s.people.get(index).map(|p| p.out_of_network_percent.to_string()).unwrap_or_default())
                    on:input=move |ev| { let v = event_target_value(&ev).parse::<u8>().unwrap_or(0).min(100); scenario.update(|s| if let Some(p) = s.people.get_mut(index) { p.out_of_network_percent = v }) } />
            </details>
        </fieldset>
    }
}

#[component]
fn CountInput(scenario: RwSignal<HouseholdFile>, index: usize, kind: CareKind) -> impl IntoView {
    let input_id = format!("c{index}-{}", kind.id());
    view! {
        <div class="count">
            <label for=input_id.clone()>{kind.label()}</label>
            <input type="number" id=input_id min="0" max="366" inputmode="numeric"
                prop:value=move || scenario.with(|s| s.people.get(index).and_then(|p| p.care.get(kind.id())).map(|n| n.to_string()).unwrap_or_else(|| "0".into()))
                on:input=move |ev| {
                    let v = event_target_value(&ev).parse::<u32>().unwrap_or(0).min(366);
                    scenario.update(|s| if let Some(p) = s.people.get_mut(index) {
                        if v == 0 { p.care.remove(kind.id()); } else { p.care.insert(kind.id().to_string(), v); }
                    })
                } />
        </div>
    }
}

#[component]
fn MoneyInputs(
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
    let premium_rows = move || {
        let plans = catalog.get().plans;
        let r = report.get().ok();
        let paychecks = i64::from(pay().per_year());
        let words = pay().words();
        plans
            .iter()
            .map(|p| {
                let pid = p.file.id.clone();
                let option = r.as_ref().and_then(|r| r.options.iter().find(|o| o.id == pid).cloned());
                let example = option.as_ref().and_then(|o| o.expected.as_ref()).map(|e| (e.premium, e.premium_is_example));
                let tier = option.as_ref().and_then(|o| o.tier.clone()).unwrap_or_else(|| "not available".into());
                let input_id = format!("premium-{pid}");
                // A premium belongs to the plan and the tier it was typed for.
                let tier_id = option.as_ref().and_then(|o| o.tier_id.clone()).unwrap_or_default();
                let key = costshare_decision::cost::premium_key(&pid, &tier_id);
                let pid_for_value = key.clone();
                let pid = key;
                let hint = match example {
                    Some((yearly, true)) => format!(
                        "example: about {} per paycheck ({} a year) — enter yours",
                        money(Money::from_cents(yearly).mul_div(1, paychecks).cents()),
                        money(yearly)
                    ),
                    Some((yearly, false)) => format!("{} a year", money(yearly)),
                    None => String::new(),
                };
                let error = RwSignal::new(None::<String>);
                view! {
                    <div class="premium">
                        <label for=input_id.clone()>{format!("{}, {tier}: your premium per paycheck (paid {words})", p.file.name)}</label>
                        <input type="text" id=input_id inputmode="decimal" placeholder=hint.clone() aria-describedby=format!("premium-{}-hint", p.file.id)
                            prop:value=move || scenario.with(|s| s.premiums.get(&pid_for_value).map(|a| a.to_string()).unwrap_or_default())
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
                        <span class="hint" id=format!("premium-{}-hint", p.file.id)>{hint}</span>
                        {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                    </div>
                }
            })
            .collect_view()
    };
    let brackets = move || costshare_decision::tax::federal_brackets(year());
    let state_default =
        move || costshare_decision::tax::state_rate(&tax(|t| t.state.clone()), year());
    view! {
        <section aria-labelledby="money-h" class="card">
            <h2 id="money-h">"3. Premiums, taxes and your goal"</h2>
            <label for="pay-frequency">"How often are you paid?"</label>
            <select id="pay-frequency" prop:value=move || pay().id().to_string()
                on:change=move |ev| { let v = event_target_value(&ev); scenario.update(|s| s.pay_frequency = match v.as_str() {
                    "weekly" => Some(PayFrequencyFile::Weekly), "biweekly" => Some(PayFrequencyFile::Biweekly),
                    "semimonthly" => Some(PayFrequencyFile::Semimonthly), _ => None }) }>
                {PayFrequency::ALL.into_iter().map(|f| view! { <option value=f.id()>{format!("{} ({} paychecks a year)", capitalize(f.words()), f.per_year())}</option> }).collect_view()}
            </select>
            <details open>
                <summary>{move || format!("Premiums per paycheck (paid {})", pay().words())}</summary>
                <p class="hint">"The built-in premiums are examples. Enter what your employer takes from each paycheck for each plan to make the totals yours."</p>
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
                    on:input=move |ev| { let v = event_target_value(&ev).to_uppercase(); set_tax(Box::new(move |t| t.state = v.clone())) } />
                <label for="state-rate">"State income tax rate (%)"</label>
                <input type="text" id="state-rate" inputmode="decimal"
                    placeholder=move || state_default().map(|r| format!("{} ({}’s {} rate)", r.trim_end_matches('%'), tax(|t| t.state.clone()), year())).unwrap_or_else(|| "enter your rate".into())
                    prop:value=move || tax(|t| t.state_rate.map(|r| r.to_string().trim_end_matches('%').to_string()).unwrap_or_default())
                    on:change=move |ev| { let v = event_target_value(&ev); let v = v.trim().trim_end_matches('%').to_string();
                        if v.is_empty() { set_tax(Box::new(|t| t.state_rate = None)) }
                        else if let Ok(p) = Percent::from_str(&format!("{v}%")) { set_tax(Box::new(move |t| t.state_rate = Some(p))) } } />
            </div>
            {move || report.with(|r| r.as_ref().ok().map(|r| r.notices.clone()).unwrap_or_default()).into_iter().filter(|n| !n.starts_with("For a retiree with Medicare")).map(|n| view! { <p class="hint tax-note">{n}</p> }).collect_view()}
            <label for="hsa">"Your own HSA contribution for the year, if you have an HSA plan (leave empty for our suggestion)"</label>
            <input type="text" id="hsa" inputmode="decimal" placeholder="suggested"
                prop:value=move || scenario.with(|s| s.hsa_contribution.map(|a| a.to_string()).unwrap_or_default())
                on:change=move |ev| { let v = event_target_value(&ev); scenario.update(|s| s.hsa_contribution = if v.trim().is_empty() { None } else { Amount::from_str(&v).ok() }) } />
            <details class="prices">
                <summary>"Prices"</summary>
                <p class="hint">"Costs use typical allowed amounts for each kind of care (each one cites its source or says it is an assumption). Scale them for where you live, or enter what you know you'll be charged."</p>
                <label for="region">"Prices where you live, compared with the national average (1 = average, 1.2 = 20% higher)"</label>
                <input type="text" id="region" inputmode="decimal" placeholder="1"
                    prop:value=move || scenario.with(|s| s.prices.as_ref().and_then(|p| p.region_factor).map(|a| a.to_string()).unwrap_or_default())
                    on:change=move |ev| { let v = event_target_value(&ev); scenario.update(|s| {
                        let p = s.prices.get_or_insert_with(|| costshare_decision::file::PricesFile { region_factor: None, overrides: Default::default() });
                        p.region_factor = if v.trim().is_empty() { None } else { Amount::from_str(&v).ok() };
                    }) } />
                {CareKind::ALL.iter().map(|k| view! { <PriceInput scenario=scenario kind=*k /> }).collect_view()}
            </details>
            <label for="goal">"What matters most to you"</label>
            <select id="goal" prop:value=move || scenario.with(|s| match s.goal.unwrap_or(GoalFile::Balanced) { GoalFile::LowestExpected => "lowest_expected", GoalFile::LowestWorstCase => "lowest_worst_case", GoalFile::Balanced => "balanced" }.to_string())
                on:change=move |ev| { let v = event_target_value(&ev); scenario.update(|s| s.goal = Some(match v.as_str() { "lowest_expected" => GoalFile::LowestExpected, "lowest_worst_case" => GoalFile::LowestWorstCase, _ => GoalFile::Balanced })) }>
                <option value="lowest_expected">"Lowest cost on average"</option>
                <option value="balanced">"A balance of average cost and protection"</option>
                <option value="lowest_worst_case">"Protection against a very bad year"</option>
            </select>
            {move || (scenario.with(|s| s.goal.unwrap_or(GoalFile::Balanced)) == GoalFile::Balanced).then(|| view! {
                <label for="risk">{move || format!("How much risk you are comfortable with: {} of 100", scenario.with(|s| s.risk_tolerance.unwrap_or(50)))}</label>
                <input type="range" id="risk" min="0" max="100" step="5"
                    prop:value=move || scenario.with(|s| s.risk_tolerance.unwrap_or(50).to_string())
                    on:change=move |ev| { let v = event_target_value(&ev).parse::<u8>().unwrap_or(50).min(100); scenario.update(|s| s.risk_tolerance = Some(v)) } />
            })}
        </section>
    }
}

#[component]
fn PriceInput(scenario: RwSignal<HouseholdFile>, kind: CareKind) -> impl IntoView {
    let input_id = format!("price-{}", kind.id());
    let default = costshare_decision::data::builtin()
        .ok()
        .and_then(|d| d.prices.get(&kind))
        .map(|p| money(p.in_network.cents()))
        .unwrap_or_default();
    let error = RwSignal::new(None::<String>);
    view! {
        <div class="count">
            <label for=input_id.clone()>{kind.label()}</label>
            {move || error.get().map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
            <input type="text" id=input_id inputmode="decimal" placeholder=default
                prop:value=move || scenario.with(|s| s.prices.as_ref().and_then(|p| p.overrides.get(kind.id())).map(|a| a.to_string()).unwrap_or_default())
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

#[component]
fn Results(
    report: Report,
    sim: RwSignal<Sim>,
    scenario: RwSignal<HouseholdFile>,
    catalog: RwSignal<Catalog>,
) -> impl IntoView {
    // Use the simulation's report when it is for the current inputs; keep the expected-year
    // claim lines from the quick report either way.
    let merged = Memo::new(move |_| {
        let mut r = report.clone();
        if let Sim::Done { report: s, .. } = sim.get()
            && s.options.len() == r.options.len()
            && s.options
                .iter()
                .zip(&r.options)
                .all(|(a, b)| a.id == b.id && a.expected == b.expected)
        {
            let why: Vec<_> = r.options.iter().map(|o| o.why.clone()).collect();
            r = *s;
            for (o, w) in r.options.iter_mut().zip(why) {
                o.why = w;
            }
        }
        r
    });
    let why_for = RwSignal::new(String::new());
    let status = move || scenario.with(|s| s.status);
    view! {
        <PrintSummary merged=merged scenario=scenario />
        <section aria-labelledby="rec-h" class="card highlight">
            <h2 id="rec-h">"Our recommendation"</h2>
            <SimStatus sim=sim />
            {move || {
                let r = merged.get();
                r.categories.iter().map(|c| {
                    let pick = c.recommended.and_then(|i| r.options.get(i)).map(|o| o.name.clone()).unwrap_or_else(|| "nothing available".into());
                    view! {
                        <div class="recommendation" data-category=c.category.clone()>
                            <h3>{format!("{}: ", capitalize(&c.category))}<span class="pick">{pick}</span></h3>
                            <ul class="reasons">{c.reasons.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}</ul>
                            {(!c.what_would_change.is_empty()).then(|| view! {
                                <p class="sub">"What would change it"</p>
                                <ul class="changes">{c.what_would_change.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}</ul>
                            })}
                        </div>
                    }
                }).collect_view()
            }}
            <p class="total">{move || format!("Together, the recommended medical, dental and vision choices cost about {} for the year of care you entered.", money(merged.with(|r| r.recommended_total)))}</p>
        </section>
        <section aria-labelledby="table-h" class="card">
            <h2 id="table-h">"What each option costs you for the year"</h2>
            <p class="hint">"Total = premium + surcharges + what you pay for care (after HRA money) − employer HSA money spent on this year's care − tax savings. Employer money left at the end of the year is carried forward, not subtracted. “Likely range” is the middle 80% of 10,000 simulated years; “Worst case” is the most you could pay for care the plan covers, with every out-of-pocket maximum reached, or “No cap” when nothing limits it."</p>
            {move || merged.with(|r| r.notices.iter().filter(|n| n.starts_with("For a retiree with Medicare")).cloned().collect::<Vec<_>>()).into_iter().map(|n| view! { <p class="notice medicare-note" role="note">{n}</p> }).collect_view()}
            {move || {
                let r = merged.get();
                ["medical", "dental", "vision"].into_iter().filter(|cat| r.options.iter().any(|o| o.category == *cat)).map(|cat| {
                    let ranking = r.categories.iter().find(|c| c.category == cat).map(|c| c.ranking.clone()).unwrap_or_default();
                    let excluded: Vec<OptionReport> = r.options.iter().filter(|o| o.category == cat && o.excluded.is_some()).cloned().collect();
                    view! { <OptionTable title=capitalize(cat) options=ranking.iter().filter_map(|&i| r.options.get(i).cloned()).collect() excluded=excluded /> }
                }).collect_view()
            }}
        </section>
        <section aria-labelledby="combos-h" class="card">
            <h2 id="combos-h">"Medical, dental and vision together"</h2>
            <p class="hint">"The best combinations for your goal, with the cost of all three for the year."</p>
            {move || {
                let r = merged.get();
                let region = "Combinations";
                view! {
                    <div class="scroll" tabindex="0" role="region" aria-label=region>
                    <table class="combos">
                        <thead><tr><th scope="col">"Medical"</th><th scope="col">"Dental"</th><th scope="col">"Vision"</th><th scope="col">"Expected year"</th><th scope="col">"Average"</th><th scope="col">"9 in 10 years under"</th></tr></thead>
                        <tbody>{r.combinations.iter().take(5).map(|k| {
                            let name = |cat: &str| k.options.iter().filter_map(|&i| r.options.get(i)).find(|o| o.category == cat).map(|o| o.name.clone()).unwrap_or_else(|| "—".into());
                            view! {
                                <tr>
                                    <td data-label="Medical">{name("medical")}</td><td data-label="Dental">{name("dental")}</td><td data-label="Vision">{name("vision")}</td>
                                    <td class="num" data-label="Expected year">{money(k.expected)}</td>
                                    <td class="num" data-label="Average">{k.simulated.map(|s| dollars(s.0)).unwrap_or_else(|| "…".into())}</td>
                                    <td class="num" data-label="9 in 10 years under">{k.simulated.map(|s| dollars(s.1)).unwrap_or_else(|| "…".into())}</td>
                                </tr>
                            }
                        }).collect_view()}</tbody>
                    </table>
                    </div>
                }
            }}
        </section>
        <section aria-labelledby="charts-h" class="card">
            <h2 id="charts-h">"Cost against spending, and how much a year can vary"</h2>
            <div class="chart" role="img" aria-label="Yearly cost of each medical plan against total medical spending" inner_html=move || charts::cost_curve(&merged.get()) />
            <p class="hint">"Each line is a medical plan's yearly cost if the care you entered cost more or less, up to the amount on the bottom axis in allowed charges (what plans pay providers). Circles mark where the cheapest plan changes; the dashed line is your expected year, where each line's cost is that plan's expected total."</p>
            <div class="chart" role="img" aria-label="Range of yearly costs for each medical plan in simulated years" inner_html=move || charts::ranges(&merged.get()) />
            <p class="hint">"Bars show the middle 80% of simulated years; the mark is the median and the thin line reaches the 99th percentile."</p>
        </section>
        <section aria-labelledby="why-h" class="card">
            <h2 id="why-h">"Why this number"</h2>
            <label for="why-plan">"Show the claim-by-claim breakdown for"</label>
            <select id="why-plan" on:change=move |ev| why_for.set(event_target_value(&ev)) prop:value=move || why_for.get()>
                <option value="">"Choose a plan…"</option>
                {move || merged.get().options.into_iter().filter(|o| !o.why.is_empty()).map(|o| view! { <option value=o.id.clone()>{o.name.clone()}</option> }).collect_view()}
            </select>
            {move || {
                let id = why_for.get();
                merged.get().options.into_iter().find(|o| o.id == id).map(|o| view! { <WhyTable option=o /> })
            }}
        </section>
        <section aria-labelledby="rules-h" class="card">
            <h2 id="rules-h">"Enrollment rules that apply to you"</h2>
            {move || {
                let rules = model::enrollment_rules(&catalog.get().plans, status());
                if rules.is_empty() {
                    view! { <p>"Check your employer's enrollment guide for deadlines and start dates."</p> }.into_any()
                } else {
                    view! { <ul>{rules.into_iter().map(|(text, source)| view! { <li>{text}<span class="source">{format!(" ({source})")}</span></li> }).collect_view()}</ul> }.into_any()
                }
            }}
            <p><button type="button" class="secondary no-print" on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>"Print a one-page summary"</button></p>
        </section>
    }
}

/// A compact summary that only shows when printing.
#[component]
fn PrintSummary(merged: Memo<Report>, scenario: RwSignal<HouseholdFile>) -> impl IntoView {
    view! {
        <section class="print-only" aria-hidden="true">
            <h2>"My health plan comparison"</h2>
            <p>{move || scenario.with(|s| {
                let people: Vec<String> = s.people.iter().map(|p| format!("{} ({})", p.name, p.age)).collect();
                let goal = match s.goal.unwrap_or(GoalFile::Balanced) {
                    GoalFile::LowestExpected => "the lowest average cost".to_string(),
                    GoalFile::LowestWorstCase => "protection against a very bad year".to_string(),
                    GoalFile::Balanced => format!("a balance of average cost and protection (risk tolerance {} of 100)", s.risk_tolerance.unwrap_or(50)),
                };
                let date = js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default();
                format!("Made with costshare on {}. Covered: {}. Goal: {goal}.", date.get(..10).unwrap_or(""), people.join(", "))
            })}</p>
            <p>"Plan terms come from the plan documents cited in each plan file. Values marked “example” were made up for illustration and are not published; results that rest on them say so. Prices of care are typical allowed amounts, not your providers' prices."</p>
            {move || {
                let r = merged.get();
                view! {
                    <ul>{r.categories.iter().map(|c| {
                        let pick = c.recommended.and_then(|i| r.options.get(i));
                        view! { <li><strong>{format!("{}: {}", capitalize(&c.category), pick.map(|o| o.name.clone()).unwrap_or_default())}</strong>
                            {c.reasons.get(1).map(|t| view! { <br/>{t.clone()} })}</li> }
                    }).collect_view()}</ul>
                    <table>
                        <thead><tr><th>"Option"</th><th>"Expected year"</th><th>"Average"</th><th>"Likely range"</th><th>"Worst case"</th></tr></thead>
                        <tbody>{r.options.iter().filter(|o| o.excluded.is_none()).map(|o| view! {
                            <tr><td>{o.name.clone()}</td>
                            <td>{o.expected.as_ref().map(|e| money(e.total))}</td>
                            <td>{o.simulated.as_ref().map(|s| dollars(s.mean))}</td>
                            <td>{o.simulated.as_ref().map(|s| format!("{}–{}", dollars(s.p10), dollars(s.p90)))}</td>
                            <td>{model::worst_case(o)}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                    <p>{format!("Together, the recommended choices cost about {} for the expected year.", money(r.recommended_total))}</p>
                    {
                        // Surcharges, and every note about example values, carried onto paper.
                        let mut lines: Vec<String> = Vec::new();
                        for o in r.options.iter().filter(|o| o.excluded.is_none()) {
                            for i in o.expected.iter().flat_map(|e| &e.surcharge_items) {
                                let t = format!("{}: {} a month because {}.", i.name, money(i.monthly), i.because);
                                if !lines.contains(&t) { lines.push(t); }
                            }
                            for n in o.notes.iter().filter(|n| n.starts_with("Its figures rest on example")) {
                                lines.push(format!("{}: {n}", o.name));
                            }
                        }
                        let example_premiums: Vec<&str> = r.options.iter()
                            .filter(|o| o.expected.as_ref().is_some_and(|e| e.premium_is_example))
                            .map(|o| o.name.as_str()).collect();
                        if !example_premiums.is_empty() {
                            lines.push(format!("Example premiums, not published rates: {}.", example_premiums.join(", ")));
                        }
                        lines.extend(r.notices.iter().filter(|n| n.starts_with("For a retiree")).cloned());
                        view! { <ul class="print-notes">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }
                    }
                }
            }}
        </section>
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

#[component]
fn SimStatus(sim: RwSignal<Sim>) -> impl IntoView {
    move || {
        match sim.get() {
        Sim::Running { done, total, .. } => view! {
            <div class="progress" role="status">
                <label for="sim-progress">{format!("Simulating {} possible years: {} done. The figures below are for your expected year until it finishes.", model::count(total), model::count(done))}</label>
                <progress id="sim-progress" max=total value=done />
            </div>
        }.into_any(),
        Sim::Failed(e) => view! { <p class="notice" role="status">{format!("The simulation could not run: {e}")}</p> }.into_any(),
        Sim::Done { report, .. } => view! { <p class="done" role="status" data-simulations=report.simulations>{format!("Based on {} simulated years of care for your household.", model::count(report.simulations))}</p> }.into_any(),
        Sim::Idle => view! { <p></p> }.into_any(),
    }
    }
}

#[component]
fn OptionTable(
    title: String,
    options: Vec<OptionReport>,
    excluded: Vec<OptionReport>,
) -> impl IntoView {
    // Notes shared by every option (example premiums, surcharges) are said once.
    let own: Vec<Vec<String>> = options
        .iter()
        .map(|o| {
            let mut own = o.notes.clone();
            if !o.no_cap.is_empty() {
                own.push(format!("No cap on what you could pay: {}.", o.no_cap.join("; ")));
            }
            for i in o.expected.iter().flat_map(|e| &e.surcharge_items) {
                own.push(format!(
                    "{}: {} a month ({} a year) because {}.{} ({})",
                    i.name,
                    money(i.monthly),
                    money(i.yearly),
                    i.because,
                    i.how_to_avoid.as_ref().map(|t| format!(" {t}")).unwrap_or_default(),
                    i.source
                ));
            }
            if let Some(e) = o.expected.as_ref().filter(|e| e.carried_forward > 0) {
                own.push(format!("{} of employer HSA or HRA money is left at the end of the expected year and carries forward; it is not subtracted from the total.", money(e.carried_forward)));
            }
            own
        })
        .collect();
    let mut notes: Vec<String> = Vec::new();
    for (o, list) in options.iter().zip(&own) {
        for n in list {
            let shared = options.len() > 1 && own.iter().all(|l| l.contains(n));
            let text = if shared {
                n.clone()
            } else {
                format!("{}: {n}", o.name)
            };
            if !notes.contains(&text) {
                notes.push(text);
            }
        }
    }
    let region = format!("{title} options");
    view! {
        <h3>{title}</h3>
        <div class="scroll" tabindex="0" role="region" aria-label=region>
        <table class="options">
            <thead><tr>
                <th scope="col">"Option"</th><th scope="col">"Premium + surcharges"</th>
                <th scope="col">"Your care"</th><th scope="col">"HRA / HSA money"</th><th scope="col">"Tax savings"</th>
                <th scope="col">"Total, expected year"</th><th scope="col">"Average"</th><th scope="col">"Likely range"</th>
                <th scope="col">"Worst case"</th><th scope="col">"Cheapest in"</th>
            </tr></thead>
            <tbody>
                {options.into_iter().map(|o| {
                    let e = o.expected.clone();
                    let sim = o.simulated.clone();
                    let premium = e.as_ref().map(|e| {
                        let base = if e.premium_is_example { format!("{} (example)", money(e.premium)) } else { money(e.premium) };
                        match e.surcharge_items.as_slice() {
                            [] => base,
                            [one] => format!("{base} + {} {}", money(one.yearly), one.name.to_lowercase()),
                            _ => format!("{base} + {} surcharges", money(e.surcharges)),
                        }
                    }).unwrap_or_default();
                    let account = e.as_ref().map(|e| e.hra_used + e.employer_hsa_used).unwrap_or(0);
                    view! {
                        <tr data-option=o.id.clone()>
                            <th scope="row">{o.name.clone()}{o.tier.clone().map(|t| view! { <span class="tier">{t}</span> })}</th>
                            <td class="num premium-cell" data-label="Premium + surcharges">{premium}</td>
                            <td class="num care" data-label="Your care">{e.as_ref().map(|e| money(e.out_of_pocket))}</td>
                            <td class="num" data-label="HRA / HSA money">{money(account)}</td>
                            <td class="num" data-label="Tax savings">{e.as_ref().map(|e| money(e.tax_savings))}</td>
                            <td class="num total" data-label="Total, expected year">{e.as_ref().map(|e| money(e.total))}</td>
                            <td class="num avg" data-label="Average">{sim.as_ref().map(|s| dollars(s.mean)).unwrap_or_else(|| "…".into())}</td>
                            <td class="num" data-label="Likely range">{sim.as_ref().map(|s| format!("{}–{}", dollars(s.p10), dollars(s.p90))).unwrap_or_else(|| "…".into())}</td>
                            <td class="num worst" data-label="Worst case">{model::worst_case(&o)}</td>
                            <td class="num" data-label="Cheapest in">{sim.as_ref().map(|s| format!("{} of years", percent(s.cheapest_per_10k))).unwrap_or_else(|| "…".into())}</td>
                        </tr>
                    }
                }).collect_view()}
                {excluded.into_iter().map(|o| view! {
                    <tr class="excluded" data-option=o.id.clone()>
                        <th scope="row">{o.name.clone()}</th>
                        <td colspan="9">{format!("Not available: {}.", o.excluded.unwrap_or_default())}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
        {(!notes.is_empty()).then(|| view! { <ul class="notes">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul> })}
    }
}

#[component]
fn WhyTable(option: OptionReport) -> impl IntoView {
    let e = option.expected.clone();
    let totals = option.why.iter().fold([0i64; 4], |t, l| {
        [
            t[0] + l.allowed,
            t[1] + l.you_pay,
            t[2] + l.hra_paid,
            t[3] + l.plan_pays,
        ]
    });
    view! {
        <div class="why" data-option=option.id.clone()>
            {e.map(|e| view! {
                <p>{format!(
                    "{}: premium {} + surcharges {} + what you pay for care {} − employer HSA money spent on it {} − tax savings {} = {}.",
                    option.name, money(e.premium), money(e.surcharges), money(e.out_of_pocket), money(e.employer_hsa_used), money(e.tax_savings), money(e.total)
                )}</p>
            })}
            <div class="scroll" tabindex="0" role="region" aria-label="Claim by claim">
            <table class="lines">
                <thead><tr><th scope="col">"Date"</th><th scope="col">"Who"</th><th scope="col">"Care"</th><th scope="col">"Allowed"</th><th scope="col">"You pay"</th><th scope="col">"HRA"</th><th scope="col">"Plan pays"</th><th scope="col">"Why"</th></tr></thead>
                <tbody>
                    {option.why.into_iter().map(|l| view! {
                        <tr>
                            <td>{l.date}</td><td>{l.person}</td>
                            <td>{l.care}{(l.source != "expected care").then(|| view! { <span class="tier">{l.source}</span> })}{(l.network != "in-network").then(|| view! { <span class="tier">{l.network}</span> })}</td>
                            <td class="num">{money(l.allowed)}</td><td class="num">{money(l.you_pay)}</td><td class="num">{money(l.hra_paid)}</td><td class="num">{money(l.plan_pays)}</td>
                            <td><ul class="steps">{l.steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul></td>
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot><tr class="totals"><th scope="row" colspan="3">"Totals"</th>
                    <td class="num">{money(totals[0])}</td><td class="num">{money(totals[1])}</td>
                    <td class="num">{money(totals[2])}</td><td class="num">{money(totals[3])}</td><td></td></tr></tfoot>
            </table>
            </div>
        </div>
    }
}
