//! The answer first: the verdict card at the top of the results, and the phone's sticky bar.

use crate::model::{self, money};
use crate::ui::{Sim, capitalize, reveal};
use crate::verdict::{Goal, headline, total_words, verdict};
use costshare_decision::file::HouseholdFile;
use costshare_decision::report::Report;
use leptos::prelude::*;

#[component]
pub fn SimStatus(sim: RwSignal<Sim>) -> impl IntoView {
    // Progress updates the label and the bar in place; the status is drawn again only when
    // it changes kind (running, failed, done).
    let running = Memo::new(move |_| sim.with(|s| matches!(s, Sim::Running { .. })));
    let progress = move || {
        sim.with(|s| match s {
            Sim::Running { done, total, .. } => (*done, *total),
            _ => (0, 0),
        })
    };
    move || {
        if running.get() {
            return view! {
                // Not a live region: its count changes many times a second. The result is
                // announced once, by the status that replaces it.
                <div class="progress">
                    <label for="sim-progress">{move || { let (done, total) = progress(); format!("Simulating {}: {} done. Until it finishes, figures are for the year of care you entered.", model::years(total, "possible year"), model::count(done)) }}</label>
                    <progress id="sim-progress" max=move || progress().1 value=move || progress().0 />
                </div>
            }
            .into_any();
        }
        sim.with(|s| match s {
            Sim::Running { .. } => ().into_any(),
            Sim::Failed(e) => view! { <p class="notice" role="status">{format!("The simulation could not run: {e}")}</p> }.into_any(),
            Sim::Done { report, .. } => {
                let years = report.simulations;
                // For screen readers, the pick itself, once per finished run.
                let pick = use_context::<Headline>().map(|Headline(h)| move || {
                    h.get().map(|(total, names)| format!(" Our pick: {names}, {total}."))
                });
                view! { <p class="done" role="status" data-simulations=years>{format!("Based on {} of care for your household.", model::years(years, "simulated year"))}<span class="visually-hidden">{pick}</span></p> }.into_any()
            }
            Sim::Idle => view! { <p></p> }.into_any(),
        })
    }
}

/// A "why" link: opens the detail section that backs a statement up.
#[component]
pub fn WhyLink(
    target: &'static str,
    #[prop(into)] label: String,
    /// The plan "Why this number" opens on, and the signal that chooses it.
    #[prop(default = None)]
    option: Option<(String, RwSignal<String>)>,
) -> impl IntoView {
    view! {
        <a class="why-link" href=format!("#{target}") on:click=move |ev| {
            ev.prevent_default();
            if let Some((id, why_for)) = &option { why_for.set(id.clone()); }
            reveal(&ev, target);
        }>{label}</a>
    }
}

/// The answer in one line, for the bar that stays at the bottom of the screen on a phone.
#[derive(Clone, Copy)]
pub struct Headline(pub RwSignal<Option<(String, String)>>);

/// The bar: the picks' total and names, and a link to the verdict.
#[component]
pub fn StickyAnswer(
    headline: RwSignal<Option<(String, String)>>,
    /// The entries have a problem: the answer is for the last complete ones.
    #[prop(into)]
    stale: Signal<bool>,
) -> impl IntoView {
    move || {
        headline.get().map(|(total, names)| {
            view! {
                <div class="sticky-answer" role="region" aria-label="Current answer">
                    <span class="headline">{move || stale.get().then_some("For your last complete entries: ")}<strong class="total">{total}</strong>" · "<span class="names">{format!("Our pick: {names}")}</span></span>
                    <a href="#verdict" on:click=move |ev| { ev.prevent_default(); reveal(&ev, "verdict"); }>"See why"</a>
                </div>
            }
        })
    }
}

#[component]
pub fn VerdictCard(
    merged: Memo<Report>,
    scenario: RwSignal<HouseholdFile>,
    sim: RwSignal<Sim>,
    catalog: RwSignal<crate::ui::Catalog>,
    /// The plan "Why this number" shows.
    why_for: RwSignal<String>,
) -> impl IntoView {
    let v = Memo::new(move |_| {
        let goal = scenario.with(Goal::of);
        merged.with(|r| verdict(r, goal))
    });
    // The phone's bar (drawn by the app, at the end of the guide) shows the same answer.
    if let Some(Headline(h)) = use_context::<Headline>() {
        Effect::new(move |_| h.set(Some(headline(&v.get()))));
    }
    view! {
        <section id="verdict" class="card highlight verdict" part="verdict" aria-labelledby="verdict-h" tabindex="-1">
            // While the years are being simulated the pick is the entered year's, and may change
            // when they are in: the heading says so.
            <h2 id="verdict-h">{move || if sim.with(|s| matches!(s, Sim::Running { .. })) {
                "Our pick for the year you entered, for now"
            } else {
                "Our pick for you"
            }}</h2>
            <ul class="picks">
                {move || {
                    let simulated = merged.with(|r| r.options.iter().any(|o| o.simulated.is_some()));
                    v.get().picks.into_iter().map(|p| view! {
                        <li class="recommendation" data-category=p.category.clone()>
                            <span class="category">{capitalize(&p.category)}</span>
                            <span class="pick">{p.name.clone()}</span>
                            {p.tier.clone().map(|t| view! { <span class="tier">{t}</span> })}
                            <span class="compare">{p.comparison.words(simulated)}</span>
                        </li>
                    }).collect_view()
                }}
            </ul>
            <p class="verdict-total">
                {move || {
                    let v = v.get();
                    view! {
                        <span class="figure" data-cents=v.total>{money(v.total)}</span>
                        {merged.with(|r| total_words(&v, r))}", for the care you entered"
                        {v.average.map(|a| view! { <span class="average">{format!(" (about {} on average over the simulated years)", crate::model::Beside::new(Some(v.total), None).average(a))}</span> })}
                        "."
                        {crate::model::below_zero(v.total, v.own_hsa).map(|t| view! { <span class="below-zero">{format!(" {t}")}</span> })}
                    }
                }}
            </p>
            {move || merged.with(|r| r.categories.iter().filter(|c| c.recommended.is_none()).flat_map(|c| c.reasons.first().cloned()).collect::<Vec<_>>()).into_iter().map(|t| view! { <p class="hint no-pick">{t}</p> }).collect_view()}
            <ul class="reasons">
                {move || v.get().reasons.into_iter().map(|r| view! {
                    <li>{r.text}" "<WhyLink target=r.why label="Why?" option=r.option.map(|id| (id, why_for)) /></li>
                }).collect_view()}
            </ul>
            {move || match v.with(|v| (crate::verdict::example_premium_words(&v.example_premiums), v.example_terms)) {
                (p, false) if p.is_empty() => None,
                (p, terms) if !p.is_empty() => Some(view! {
                    <p class="example-warning">{if terms { format!("{p}, as are some plan terms: not published figures. ") } else if p.contains(" is an example") { format!("{p}, not a published figure. ") } else { format!("{p}, not published figures. ") }}
                        <a href="#premiums" on:click=move |ev| { ev.prevent_default(); reveal(&ev, "premiums"); }>"Enter your own premiums"</a>
                        " to be sure."</p>
                }.into_any()),
                _ => Some(view! { <p class="example-warning">"Some plan terms here are examples, not published figures: check them against your plan's documents."</p> }.into_any()),
            }}
            {move || merged.with(|r| r.notices.iter().filter(|n| crate::model::verdict_notice(n)).cloned().collect::<Vec<_>>()).into_iter().map(|n| view! { <p class="notice medicare-note" role="note">{n}</p> }).collect_view()}
            {move || scenario.with(|s| crate::model::medicare_advantage(&catalog.get().plans, s)).map(|n| view! { <p class="notice medicare-note" role="note">{n}</p> })}
            <SimStatus sim=sim />
            <details class="changes-box">
                <summary>"What would change our pick"</summary>
                {move || merged.with(|r| r.categories.iter().filter(|c| !c.what_would_change.is_empty()).map(|c| view! {
                    <p class="sub">{capitalize(&c.category)}</p>
                    <ul class="changes" data-category=c.category.clone()>{c.what_would_change.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view()}</ul>
                }).collect_view())}
                {move || merged.with(|r| r.categories.iter().all(|c| c.what_would_change.is_empty())).then(|| {
                    let alone = v.with(|v| v.picks.iter().all(|p| p.comparison == crate::verdict::Comparison::Only));
                    view! { <p class="nothing-changes">{if alone {
                        "Nothing: each pick is the only option we can compare for you."
                    } else {
                        "Nothing we checked would change it: not your care costing more or less, nor another goal."
                    }}</p> }
                })}
                <p class="hint">"“Allowed charges” are what the plan has agreed to pay providers for your care: the prices your share is worked out from."</p>
            </details>
        </section>
    }
}
