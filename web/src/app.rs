//! The page: household, care and money on one side, the comparison on the other. Every input
//! updates the expected-year comparison at once (computed here, a few milliseconds); the 10,000-
//! year simulation runs in a web worker and fills in the risk figures when it is done.

use crate::model::{self, default_scenario};
use crate::storage;
use crate::ui::inputs::{Care, Household, MoneyInputs};
use crate::ui::results::Results;
use crate::ui::{Catalog, FieldProblems, Sim};
use costshare_decision::file::HouseholdFile;
use costshare_decision::report::Report;
use costshare_plan::LoadedPlan;
use leptos::prelude::*;
use std::sync::Arc;

fn builtin() -> Catalog {
    Catalog {
        plans: crate::protocol::builtin().unwrap_or_default(),
        url: None,
        text: None,
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
                // The address keeps the link until the person changes something, so it can
                // be sent back to whoever made it.
                KEEP_LINK.set(true);
                return (
                    default_scenario(),
                    Some(format!(
                        "This link's entries could not be used, so the page starts from the example household instead. {}.",
                        crate::ui::capitalize(&e)
                    )),
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
    match storage::load().map(|json| model::read_household(&json)) {
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

thread_local! {
    /// A damaged link stays in the address until the first save after the page starts.
    static KEEP_LINK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn save(s: &HouseholdFile) {
    if KEEP_LINK.replace(false) {
        return;
    }
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

/// Where the plans come from.
#[derive(Clone, Debug, PartialEq)]
pub enum CatalogSource {
    /// The built-in catalog.
    Builtin,
    /// An employer catalog at an address the host page set on the embedded guide.
    Url(String),
    /// An employer catalog named by the link's `?catalog=`: only from this site or an origin
    /// the host allows (`crate::catalog_fetch`).
    Link(crate::catalog_source::Address),
    /// A catalog given as JSON by the host page.
    Json(String),
    /// An employer catalog the host page fetched from `url` itself (iframe mode), as text.
    Fetched {
        /// Where the host page fetched it.
        url: String,
        /// The file's text.
        text: String,
    },
    /// An employer catalog the host page is still fetching from this address (iframe mode): no
    /// plans yet, and no recommendation for the host page.
    Waiting(String),
    /// An address that may not be used, and why.
    Refused(String),
}

/// How the guide runs inside a host page (`<costshare-guide>`, see `crate::widget`): the host
/// element gets the events, and the element's attributes and properties drive these signals.
#[derive(Clone)]
pub struct Embed {
    pub host: web_sys::HtmlElement,
    /// The JavaScript glue and wasm addresses, for the simulation worker (`None`: the site's
    /// own, in a frame).
    pub module: Option<(String, String)>,
    pub scenario: RwSignal<HouseholdFile>,
    /// What "Start over" returns to: the starting household with the host's attributes and
    /// `household` property applied.
    pub start: RwSignal<HouseholdFile>,
    pub source: RwSignal<CatalogSource>,
    /// Plan ids to show (`None`: all).
    pub plans: RwSignal<Option<Vec<String>>>,
    /// Problems with the element's attributes or properties, shown in the guide.
    pub problems: RwSignal<Vec<crate::embed::EmbedError>>,
}

/// Sends an event to the host page: `bubbles` and `composed`, so it crosses the shadow root.
pub fn emit(host: &web_sys::HtmlElement, name: &str, detail_json: &str) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(&js_sys::JSON::parse(detail_json).unwrap_or(wasm_bindgen::JsValue::NULL));
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// Whether the plans shown are the current catalog source's (false while an employer's catalog
/// loads): a host page hears a recommendation only then.
#[derive(Clone, Copy)]
pub struct CatalogSettled(pub Memo<bool>);

/// The host element, for components that send events (the recommendation).
#[derive(Clone)]
pub struct EmbedHost(pub web_sys::HtmlElement);

/// The whole page, or (with `embed`) the guide inside a host page.
#[component]
pub fn App(#[prop(optional)] embed: Option<Embed>) -> impl IntoView {
    let embedded = embed.is_some();
    let (scenario, link_problem, source) = match &embed {
        Some(e) => (e.scenario, None, e.source),
        None => {
            let (start, problem) = initial_scenario();
            let source = match crate::catalog_fetch::requested() {
                Some(Ok(address)) => CatalogSource::Link(address),
                Some(Err(e)) => CatalogSource::Refused(e),
                None => CatalogSource::Builtin,
            };
            (RwSignal::new(start), problem, RwSignal::new(source))
        }
    };
    let plan_ids = embed
        .as_ref()
        .map(|e| e.plans)
        .unwrap_or_else(|| RwSignal::new(None));
    let attribute_problems = embed
        .as_ref()
        .map(|e| e.problems)
        .unwrap_or_else(|| RwSignal::new(Vec::new()));
    if let Some(e) = &embed {
        provide_context(EmbedHost(e.host.clone()));
    }
    let host = embed.as_ref().map(|e| e.host.clone());
    let headline = RwSignal::new(None::<(String, String)>);
    provide_context(crate::ui::verdict::Headline(headline));
    let loaded = RwSignal::new(builtin());
    let catalog = RwSignal::new(builtin());
    // How many times the catalog changed: a report is for the plans of one of them.
    let catalog_changes = RwSignal::new(0u64);
    let catalog_error = RwSignal::new(None::<String>);
    // The name and origin of a catalog from a link, for the banner.
    let banner = RwSignal::new(None::<crate::catalog_fetch::Source>);
    let loading_catalog = RwSignal::new(false);
    // The site's starting household with the built-in plans: the build's simulation of it
    // (`sim::starting_report`) is on the page from the start. A short first run still goes to
    // the workers, quietly: it starts and warms them, so the runs a person asks for are quick.
    let starting = (!embedded && source.get_untracked() == CatalogSource::Builtin)
        .then(|| model::to_json(&scenario.get_untracked()))
        .and_then(|json| crate::sim::starting_report(&json).map(|report| (json, report)));
    let quiet_household = StoredValue::new(starting.as_ref().map(|(json, _)| json.clone()));
    let sim = RwSignal::new(match starting {
        Some((_, report)) => Sim::Done {
            id: 0,
            report: Box::new(report),
        },
        None => Sim::Idle,
    });
    let run_id = StoredValue::new(0u64);
    // The quiet run's id: its progress is not shown, and its report is the one on the page.
    let quiet_run = StoredValue::new(None::<u64>);

    let inline_simulation = RwSignal::new(false);
    // Whether the guide is still on the page. Workers, timers and fetches answer later; once a
    // host page has removed the guide its reactive values are gone, and reading one would stop
    // the module that every guide on the page shares.
    let alive = move || !run_id.is_disposed();
    let on_event = move |event| match event {
        _ if !alive() => {}
        crate::sim::SimEvent::RunsOnPage => inline_simulation.set(true),
        crate::sim::SimEvent::Failed {
            id: crate::sim::CATALOG_FAILED,
            message,
        } => {
            catalog_error.set(Some(format!(
                "the catalog could not be used by the simulation: {message}"
            )));
        }
        crate::sim::SimEvent::Progress { id, done, total } => {
            if id == run_id.get_value() && quiet_run.get_value() != Some(id) {
                sim.set(Sim::Running { id, done, total });
            }
        }
        crate::sim::SimEvent::Done { id, report } => {
            if id == run_id.get_value() {
                if quiet_run.get_value() != Some(id) {
                    sim.set(Sim::Done {
                        id,
                        report: Box::new(report),
                    });
                }
                crate::sim::mark(crate::sim::SHOWN_MARK);
            }
        }
        crate::sim::SimEvent::Failed { id, message } => {
            if id == run_id.get_value() && quiet_run.get_value() != Some(id) {
                sim.set(Sim::Failed(message));
            }
        }
    };
    let simulator = StoredValue::new_local(crate::sim::Simulator::new(
        embed.as_ref().and_then(|e| e.module.clone()),
        on_event,
    ));
    // Removing the guide ends its workers (dropping the simulator closes them).
    on_cleanup(move || {
        simulator.try_update_value(|s| {
            s.take();
        });
    });
    if simulator.with_value(Option::is_none) {
        sim.set(Sim::Failed(
            "the page's own program files could not be found, so the simulation cannot start"
                .into(),
        ));
    }

    // Load the catalog whenever its source changes; a load that finishes after a newer source
    // was set is dropped.
    let generation = StoredValue::new(0u64);
    // The source last loaded, and whether its plans could be used: until it is the current one
    // and usable, the guide's answer rests on other plans (the ones before, or the built-in
    // example plans after a failure), and a host page hears no recommendation (`CatalogSettled`).
    let applied = RwSignal::new(None::<(CatalogSource, bool)>);
    Effect::new(move |_| {
        let source = source.get();
        let done = source.clone();
        let this = generation.get_value() + 1;
        generation.set_value(this);
        catalog_error.set(None);
        banner.set(None);
        let fetching = matches!(
            source,
            CatalogSource::Link(_) | CatalogSource::Url(_) | CatalogSource::Waiting(_)
        );
        // A load still under way for an older source will not finish (its generation is gone).
        loading_catalog.set(fetching);
        let finished = move || {
            let usable = catalog_error.with_untracked(Option::is_none);
            applied.set(Some((done.clone(), usable)));
        };
        // A catalog that cannot be used: why, and the built-in plans meanwhile.
        let fail = move |e: String| {
            catalog_error.set(Some(e));
            loaded.set(builtin());
        };
        // An employer catalog's plans, or why they cannot be used.
        let take =
            move |url: String, result: Result<(Vec<LoadedPlan>, String), String>| match result {
                Ok((plans, text)) => loaded.set(Catalog {
                    plans: Arc::new(plans),
                    url: Some(url),
                    text: Some(Arc::new(text)),
                }),
                Err(e) => fail(e),
            };
        match source {
            CatalogSource::Builtin => loaded.set(builtin()),
            CatalogSource::Refused(e) => fail(e),
            CatalogSource::Json(text) => match costshare_plan::load_catalog(&text) {
                Ok(plans) => loaded.set(Catalog {
                    plans: Arc::new(plans),
                    url: Some("this page".into()),
                    text: Some(Arc::new(text)),
                }),
                Err(problems) => fail(crate::catalog_fetch::with_problems(
                    "the catalog given by this page",
                    &problems,
                )),
            },
            CatalogSource::Fetched { url, text } => {
                let result =
                    crate::catalog_fetch::read_catalog(&url, &text).map(|plans| (plans, text));
                take(url, result);
            }
            CatalogSource::Waiting(_) => {}
            CatalogSource::Link(address) => {
                let finished = finished.clone();
                leptos::task::spawn_local(async move {
                    let result = crate::catalog_fetch::load(address).await;
                    if !alive() || generation.get_value() != this {
                        return;
                    }
                    match result {
                        Ok(got) => {
                            loaded.set(Catalog {
                                plans: Arc::new(got.plans),
                                url: Some(got.source.url.clone()),
                                text: Some(Arc::new(got.text)),
                            });
                            banner.set(Some(got.source));
                        }
                        Err(e) => fail(e),
                    }
                    finished();
                    loading_catalog.set(false);
                });
            }
            CatalogSource::Url(url) => {
                let finished = finished.clone();
                leptos::task::spawn_local(async move {
                    let result = crate::catalog_fetch::fetch_host_catalog(&url).await;
                    if !alive() || generation.get_value() != this {
                        return;
                    }
                    take(url, result);
                    finished();
                    loading_catalog.set(false);
                });
            }
        }
        if !fetching {
            finished();
        }
    });
    let settled = Memo::new(move |_| {
        !loading_catalog.get()
            && applied.with(|a| source.with(|s| a.as_ref().is_some_and(|a| &a.0 == s)))
    });
    // The source and plan ids the plans shown were made from (set with them, below): until
    // they are the current ones, the report on screen may still name the plans before.
    let shown_for = RwSignal::new(None::<(CatalogSource, Option<Vec<String>>)>);
    provide_context(CatalogSettled(Memo::new(move |_| {
        settled.get()
            && applied.with(|a| a.as_ref().is_some_and(|a| a.1))
            && shown_for.with(|f| {
                f.as_ref().is_some_and(|(s, ids)| {
                    source.with(|now| now == s) && plan_ids.with(|now| now == ids)
                })
            })
    })));
    // The plans shown: the loaded catalog, narrowed to the ids the host named. The worker gets
    // the same plans.
    Effect::new(move |_| {
        if !settled.get() {
            return;
        }
        let all = loaded.get();
        let ids = plan_ids.get();
        let (kept, problem) = crate::embed::filter_plans(&all.plans, ids.as_deref());
        attribute_problems.maybe_update(|ps| {
            let before = ps.len();
            ps.retain(|p| p.path != "plans");
            let removed = ps.len() != before;
            let added = problem.is_some();
            ps.extend(problem);
            removed || added
        });
        // The workers read the same file and keep the same plans.
        simulator.with_value(|s| {
            if let Some(s) = s {
                s.set_catalog(all.text.as_deref().cloned(), ids.clone())
            }
        });
        let next = Catalog {
            plans: kept,
            url: all.url,
            text: all.text,
        };
        // Setting an unchanged catalog would work out the quick report and redraw the results
        // again (the effects run once after the first render, with the catalog it started with).
        if catalog.with_untracked(|c| !c.same(&next)) {
            scenario.maybe_update(|s| model::apply_catalog_pay_frequency(s, &next.plans));
            catalog.set(next);
            catalog_changes.update(|n| *n += 1);
        }
        shown_for.set(Some((source.get_untracked(), ids)));
    });

    let typed_errors = RwSignal::new(std::collections::BTreeSet::<String>::new());
    let replaced = RwSignal::new(0u32);
    provide_context(crate::ui::TypedErrors {
        fields: typed_errors,
        reset: replaced,
    });
    let report = Memo::new(move |_| {
        let c = catalog.get();
        scenario.with(|s| model::quick_report(&c.plans, s))
    });
    // The last report that worked, with the catalog's number: kept on screen while an entry
    // needs fixing, but only for the same plans. (An employer's catalog whose first report
    // fails, say for a state rate its plan year lacks, must not show the built-in plans' report
    // under its name, nor send it to a host page as a recommendation.)
    let last_good_for = Memo::new(move |prev: Option<&Option<(u64, Report)>>| {
        let plans = catalog_changes.get();
        match report.get() {
            Ok(r) => Some((plans, r)),
            Err(_) => prev.cloned().flatten().filter(|(p, _)| *p == plans),
        }
    });
    let last_good = Memo::new(move |_| last_good_for.get().map(|(_, r)| r));
    let has_results = Memo::new(move |_| last_good.with(Option::is_some));
    // Problems by field path, for the fields to show their own message.
    provide_context(FieldProblems(Memo::new(move |_| {
        report.with(|r| {
            r.as_ref()
                .err()
                .map(|ps| ps.iter().map(|p| model::split_problem(p)).collect())
                .unwrap_or_default()
        })
    })));

    // Save and share on every change (the stand-alone site), or tell the host page (embedded);
    // after a short pause, re-run the simulation.
    let pending = StoredValue::new_local(None::<gloo::timers::callback::Timeout>);
    // The run waiting for that pause: its id and household file.
    let queued = StoredValue::new(None::<(u64, String)>);
    let send_queued = move || {
        let Some(Some((id, json))) = queued.try_update_value(Option::take) else {
            return;
        };
        simulator.with_value(|sm| {
            if let Some(sm) = sm {
                sm.run(id, json)
            }
        });
        // If the worker never answers (it failed to load), say so instead of waiting forever.
        gloo::timers::callback::Timeout::new(20_000, move || {
            if alive() && matches!(sim.get_untracked(), Sim::Running { id: running, done: 0, .. } if running == id) {
                sim.set(Sim::Failed("the simulation did not start; reload the page to try again".into()));
            }
        })
        .forget();
    };
    // The page rendered: a later start need not distrust the saved entries. Inside a host page,
    // `costshare-ready` before any other event (effects run in the order they are made).
    let ready_host = host.clone();
    Effect::new(move |_| match &ready_host {
        None => storage::started(),
        Some(h) => emit(
            h,
            "costshare-ready",
            &format!("{{\"engineVersion\":\"{}\"}}", crate::embed::ENGINE_VERSION),
        ),
    });
    let change_host = host.clone();
    let last_change = StoredValue::new(None::<String>);
    Effect::new(move |_| {
        let s = scenario.get();
        let _ = catalog.get();
        match &change_host {
            None => save(&s),
            // Once per new scenario (the catalog loading runs this again with the same one).
            Some(h) => {
                let json = model::to_json(&s);
                if last_change.with_value(|l| l.as_deref() != Some(json.as_str())) {
                    emit(h, "costshare-change", &json);
                    last_change.set_value(Some(json));
                }
            }
        }
        if report.with(|r| r.is_err()) || loading_catalog.get() {
            return;
        }
        let id = run_id.get_value() + 1;
        run_id.set_value(id);
        let json = model::to_json(&s);
        let quiet = quiet_household
            .try_update_value(Option::take)
            .flatten()
            .is_some_and(|h| h == json);
        let json = if quiet {
            quiet_run.set_value(Some(id));
            // Its figures are on the page already: a short run warms the workers as well.
            let mut warm_up = s.clone();
            warm_up.simulations = Some(crate::sim::WARM_UP_YEARS);
            model::to_json(&warm_up)
        } else {
            sim.set(Sim::Running {
                id,
                done: 0,
                total: s.simulations.unwrap_or(model::SIMULATIONS),
            });
            json
        };
        queued.set_value(Some((id, json)));
        pending.set_value(Some(gloo::timers::callback::Timeout::new(250, send_queued)));
    });
    // Once the first results are drawn (a frame, then a task after it): start the workers, and
    // the first run without waiting for the pause, since nobody has typed yet.
    leptos::prelude::request_animation_frame(move || {
        leptos::prelude::set_timeout(
            move || {
                if !alive() {
                    return;
                }
                simulator.with_value(|s| {
                    if let Some(s) = s {
                        s.start_workers()
                    }
                });
                send_queued();
            },
            std::time::Duration::ZERO,
        )
    });

    // Problems the host page should hear about: entries, the catalog, attributes.
    if let Some(h) = host.clone() {
        let errors = Memo::new(move |_| {
            let mut out: Vec<crate::embed::EmbedError> = attribute_problems.get();
            if let Some(e) = catalog_error.get() {
                out.push(crate::embed::EmbedError::new(
                    "INVALID_CATALOG",
                    "catalog",
                    e,
                ));
            }
            if let Err(ps) = report.get() {
                out.extend(ps.iter().map(|p| {
                    let (path, message) = model::split_problem(p);
                    crate::embed::EmbedError::new(
                        "INVALID_INPUT",
                        format!("household.{path}"),
                        message,
                    )
                }));
            }
            // A simulation that failed (it did not start, or a worker could not use the
            // household): the host would otherwise wait for `simulated` for ever.
            // (Read in place: the simulation's state holds its whole report.)
            if let Some(message) = sim.with(|s| match s {
                Sim::Failed(m) => Some(m.clone()),
                _ => None,
            }) {
                out.push(crate::embed::EmbedError::new(
                    "SIMULATION_FAILED",
                    "",
                    message,
                ));
            }
            out
        });
        // Each problem once, when it appears.
        Effect::new(move |before: Option<Vec<crate::embed::EmbedError>>| {
            let now = errors.get();
            for e in now
                .iter()
                .filter(|e| !before.as_ref().is_some_and(|b| b.contains(e)))
            {
                emit(
                    &h,
                    "costshare-error",
                    &serde_json::to_string(e).unwrap_or_default(),
                );
            }
            now
        });
    }

    // A field typed in but not left (a premium, looked up in another app) is taken when the
    // page is hidden or left: a phone may discard the tab meanwhile.
    if let Some(d) = web_sys::window().and_then(|w| w.document()) {
        let commit = |d: &web_sys::Document| {
            if let Some(active) = d
                .active_element()
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
            {
                let _ = active.blur();
            }
        };
        let doc = d.clone();
        let hidden = gloo::events::EventListener::new(&d, "visibilitychange", move |_| {
            if doc.hidden() {
                commit(&doc);
            }
        });
        let doc = d.clone();
        let leaving = web_sys::window()
            .map(|w| gloo::events::EventListener::new(&w, "pagehide", move |_| commit(&doc)));
        let kept = StoredValue::new_local(Some((hidden, leaving)));
        on_cleanup(move || kept.set_value(None));
    }

    // The link holds the entries (in its fragment, which never reaches a server).
    let copied = RwSignal::new(None::<String>);
    // A copied link holds the entries of that moment: after a change, the note goes.
    Effect::new(move |before: Option<()>| {
        scenario.track();
        if before.is_some() {
            copied.set(None);
        }
    });
    let copy_link = move |_| {
        let Some(w) = web_sys::window() else { return };
        let href = w.location().href().unwrap_or_default();
        // A page on plain http (an intranet) has no clipboard: the link is shown to copy.
        let has_clipboard = js_sys::Reflect::get(&w.navigator(), &"clipboard".into())
            .is_ok_and(|c| !c.is_undefined() && !c.is_null());
        if !has_clipboard {
            copied.set(Some(format!("Copy this link by hand: {href}")));
            return;
        }
        let promise = w.navigator().clipboard().write_text(&href);
        leptos::task::spawn_local(async move {
            copied.set(Some(
                match wasm_bindgen_futures::JsFuture::from(promise).await {
                    Ok(_) => "Link copied. It carries your entries: anyone who opens it sees them."
                        .into(),
                    Err(_) => format!("Copy this link by hand: {href}"),
                },
            ));
        });
    };

    // "Start over" keeps the entries it cleared until the next change, so that "Undo" can bring
    // them back (a click on the wrong button should not cost a person their whole household).
    // In a host page it returns to the host's settings (attributes, `household` property).
    let cleared = RwSignal::new(None::<HouseholdFile>);
    let start = embed.as_ref().map(|e| e.start);
    let starting = move || {
        let mut fresh = start.map_or_else(default_scenario, |s| s.get_untracked());
        catalog.with_untracked(|c| model::apply_catalog_pay_frequency(&mut fresh, &c.plans));
        fresh
    };
    let start_over = move |_| {
        let previous = scenario.get_untracked();
        if !embedded {
            storage::clear();
        }
        let fresh = starting();
        cleared.set((previous != fresh).then_some(previous));
        scenario.set(fresh);
        replaced.update(|n| *n += 1);
    };
    Effect::new(move |_| {
        if scenario.with(|s| *s != starting()) && cleared.with_untracked(Option::is_some) {
            cleared.set(None);
        }
    });
    let undo = move |ev: leptos::ev::MouseEvent| {
        if let Some(previous) = cleared.get_untracked() {
            cleared.set(None);
            scenario.set(previous);
            replaced.update(|n| *n += 1);
            // The button goes with the message: focus stays in the header, on "Start over".
            crate::ui::focus_soon(&ev, "start-over".into());
        }
    };

    view! {
        <div class="costshare" class:embedded=embedded role=embedded.then_some("region") aria-labelledby=embedded.then_some("guide-title")>
        {(!embedded).then(|| view! {
            // Moves focus without following the link: the address's fragment holds the
            // entries (`#s=`), which a plain `#results` would replace.
            <a class="skip" href="#results" on:click=move |ev| { ev.prevent_default(); crate::ui::reveal(&ev, "results"); }>"Skip to the results"</a>
        })}
        <header class="site" part="header">
            <div class="brand">
                {if embedded {
                    view! { <p class="title" id="guide-title">"Which health plan costs you least"</p> }.into_any()
                } else {
                    view! { <h1>"costshare"</h1> }.into_any()
                }}
                <p class="tagline">"What each health plan would really cost you next year, and why."</p>
            </div>
            <p class="privacy">"Private: everything is worked out on this device. Nothing you enter is sent anywhere."</p>
            <div class="header-actions">
                {(!embedded).then(|| view! { <button type="button" class="secondary" on:click=copy_link>"Copy link"</button> })}
                <button type="button" id="start-over" class="secondary start-over" on:click=start_over>"Start over"</button>
            </div>
            <p class="copied" role="status">{move || copied.get()}</p>
            <p class="copied" role="status">{move || cleared.with(Option::is_some).then(|| view! {
                "Your entries were cleared. "
                <button type="button" class="link undo" on:click=undo>"Undo"</button>
            })}</p>
        </header>
        {link_problem.map(|p| view! { <p class="notice" role="status">{p}</p> })}
        {move || banner.get().map(|source| view! { <crate::catalog_fetch::SourceBanner source=source /> })}
        {move || inline_simulation.get().then(|| view! { <p class="notice" role="status">{format!("This page's security settings do not let the simulation run in the background, so it simulates {} years, on the page itself.", model::count(crate::sim::INLINE_SIMULATIONS))}</p> })}
        {move || {
            let ps = attribute_problems.get();
            (!ps.is_empty()).then(|| view! {
                <section class="error" role="alert">
                    <h2>"This guide was set up with a mistake"</h2>
                    <ul>{ps.into_iter().map(|p| view! { <li>{format!("{}: {}", p.path, p.message)}</li> }).collect_view()}</ul>
                </section>
            })
        }}
        {move || catalog_error.get().map(|e| view! {
            <section class="error" role="alert" aria-labelledby="catalog-error-h">
                <h2 id="catalog-error-h">"Your employer's plan catalog could not be used"</h2>
                <pre>{e}</pre>
                <p>"The comparison below uses the built-in catalog (Georgia State Health Benefit Plan 2010) instead."</p>
            </section>
        })}
        {move || loading_catalog.get().then(|| view! { <p class="notice" role="status">"Loading your employer's plan catalog…"</p> })}
        // Inside a host page the guide is a region of the host's page, not its main content.
        {
            let layout = move || view! {
            <div class="inputs" part="inputs">
                <Household scenario=scenario catalog=catalog />
                <Care scenario=scenario />
                <MoneyInputs scenario=scenario report=report catalog=catalog />
            </div>
            // While an employer's catalog loads, no answer from other plans is shown (it stays
            // mounted, hidden, so nothing the person opened is lost).
            <div class="results" id="results" tabindex="-1" class:waiting=move || loading_catalog.get()>
                // A field whose text cannot be used says why itself; here, that the answer waits.
                {move || (report.with(Result::is_ok) && typed_errors.with(|t| !t.is_empty())).then(|| view! {
                    <section class="error typed" role="status">
                        <p>"An entry above needs fixing: the results below are for your last complete entries."</p>
                    </section>
                })}
                {move || report.with(|r| r.as_ref().err().cloned()).map(|problems| {
                    let plain: Vec<String> = scenario.with(|s| problems.iter().map(|p| model::plain_problem(s, p)).collect());
                    view! {
                        <section class="error" role="alert">
                            <h2>"Please check your entries"</h2>
                            <ul>{plain.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                            {last_good.with(Option::is_some).then(|| view! { <p>"The results below are for your last complete entries."</p> })}
                        </section>
                    }
                })}
                // Mounted once, so open disclosures, the sort order and a chosen combination stay
                // as the person left them while the figures update.
                {move || has_results.get().then(|| view! { <Results report=last_good sim=sim scenario=scenario catalog=catalog /> })}
            </div>
            };
            if embedded {
                view! { <div class="layout">{layout()}</div> }.into_any()
            } else {
                view! { <main class="layout">{layout()}</main> }.into_any()
            }
        }
        <footer class="site">
            <p>{move || catalog.with(|c| match &c.url {
                Some(u) => format!("Plans from the catalog at {u}."),
                None => "Plans: Georgia State Health Benefit Plan 2010 booklet and fact sheets, cited page by page in each plan file; dental and vision plans are examples.".to_string(),
            })}</p>
            <p>"Values marked “example” are made up for illustration. Prices are typical allowed amounts (see “Prices”); change them to match yours."</p>
        </footer>
        <crate::ui::verdict::StickyAnswer headline=headline stale=Signal::derive(move || report.with(Result::is_err) || typed_errors.with(|t| !t.is_empty())) />
        </div>
    }
}
