//! Plan cards side by side (stacked on phones), sortable, and a picker for any combination of
//! medical, dental and vision.

use crate::cards::{Card, SortBy, cards, choices, combination, sort};
use crate::model::{Beside, dollars, money};
use crate::ui::{Catalog, capitalize, reveal};
use costshare_decision::report::Report;
use leptos::prelude::*;

const CATEGORIES: [&str; 3] = ["medical", "dental", "vision"];

#[component]
pub fn PlanCards(
    merged: Memo<Report>,
    catalog: RwSignal<Catalog>,
    why_for: RwSignal<String>,
) -> impl IntoView {
    let sort_by = RwSignal::new(SortBy::Goal);
    view! {
        <section id="plans" class="card" part="plans" aria-labelledby="plans-h">
            <div class="plans-head">
                <h2 id="plans-h">"Compare the plans"</h2>
                <div class="sort">
                    <label for="sort-by">"Sort by"</label>
                    <select id="sort-by" prop:value=move || sort_by.get().id().to_string()
                        on:change=move |ev| sort_by.set(SortBy::from_id(&event_target_value(&ev)))>
                        {SortBy::ALL.into_iter().map(|s| view! { <option value=s.id()>{s.label()}</option> }).collect_view()}
                    </select>
                </div>
            </div>
            <p class="hint">"Each plan's yearly total for the care you entered: premium + surcharges + what you pay for care − employer HSA money spent on it − tax savings."</p>
            {move || {
                let r = merged.get();
                let plans = catalog.get().plans;
                CATEGORIES.into_iter().map(|cat| {
                    let mut list = cards(&r, &plans, cat);
                    sort(&mut list, sort_by.get());
                    let excluded: Vec<(String, String)> = r.options.iter().filter(|o| o.category == cat)
                        .filter_map(|o| o.excluded.clone().map(|e| (o.name.clone(), e))).collect();
                    (!list.is_empty() || !excluded.is_empty()).then(|| view! {
                        <h3>{capitalize(cat)}</h3>
                        <ul class="plan-cards" data-category=cat>
                            {list.into_iter().map(|c| view! { <PlanCard card=c why_for=why_for /> }).collect_view()}
                        </ul>
                        {(!excluded.is_empty()).then(|| view! {
                            <ul class="notes">{excluded.into_iter().map(|(n, e)| view! { <li>{format!("{n}: {e}.")}</li> }).collect_view()}</ul>
                        })}
                    })
                }).collect_view()
            }}
        </section>
    }
}

#[component]
fn PlanCard(card: Card, why_for: RwSignal<String>) -> impl IntoView {
    let premium = {
        let base = format!(
            "{} a year{}",
            money(card.premium),
            if card.premium_is_example {
                " (example)"
            } else {
                ""
            }
        );
        format!("{base}{}", card.surcharge_words)
    };
    let id = card.id.clone();
    let heading = format!("card-{}", card.id);
    let picked = card.rank == 0;
    view! {
        <li class="plan-card" class:picked=picked data-option=card.id.clone() aria-labelledby=heading.clone()>
            <h4 id=heading.clone()>{card.name.clone()}{picked.then(|| view! { <span class="badge">"Our pick"</span> })}</h4>
            {card.tier.clone().map(|t| view! { <p class="tier">{t}</p> })}
            {card.summary.clone().map(|s| view! { <p class="plan-summary">{s}</p> })}
            <p class="card-total"><span class="figure expected-total" data-cents=card.expected_total>{money(card.expected_total)}</span>" yearly total for the care you entered"</p>
            {crate::model::below_zero(card.expected_total, card.own_hsa).map(|t| view! { <p class="hint below-zero">{t}</p> })}
            {card.hsa_problem.clone().map(|t| view! { <p class="hint hsa-problem">{t}</p> })}
            <dl class="terms">
                <div><dt>"Premium"</dt><dd class="premium">{premium}</dd></div>
                {card.terms.iter().map(|t| view! {
                    <div><dt>{t.label}</dt><dd>{t.value.clone()}{t.example.then(|| view! { <span class="example">" (example)"</span> })}</dd></div>
                }).collect_view()}
                {(card.employer_money > 0).then(|| view! {
                    <div><dt>{card.employer_money_label}</dt><dd>{dollars(card.employer_money)}{card.employer_money_example.then(|| view! { <span class="example">" (example)"</span> })}</dd></div>
                })}
                <div><dt>"Average over simulated years"</dt><dd class="average" data-cents=card.average>{card.average.map(|a| card.beside().average(a)).unwrap_or_else(|| "…".into())}</dd></div>
                <div><dt>"Likely range (8 in 10 years)"</dt><dd>{card.likely.map(|(a, b)| card.beside().range(a, b)).unwrap_or_else(|| "…".into())}</dd></div>
                <div><dt>"Worst case"</dt><dd class="worst">{card.worst_case_words()}</dd></div>
                <div><dt>"Cheapest in"</dt><dd>{card.cheapest_per_10k.map(|n| format!("{} of simulated years", crate::model::percent(n))).unwrap_or_else(|| "…".into())}</dd></div>
            </dl>
            {card.explained.then(|| view! {
                <a class="why-link" href="#detail-why" on:click=move |ev| { ev.prevent_default(); why_for.set(id.clone()); reveal(&ev, "detail-why"); }>
                    {format!("How {} is worked out", money(card.expected_total))}
                </a>
            })}
        </li>
    }
}

/// Any combination of one option per category, with its total for the year.
#[component]
pub fn Combination(merged: Memo<Report>) -> impl IntoView {
    // The person's choice per category (option index); empty means "our pick".
    let chosen = RwSignal::new([None::<usize>; 3]);
    // The option chosen in category `k`, if the category has any.
    let pick_in = move |k: usize| {
        merged.with(|r| {
            let options = choices(r, CATEGORIES[k]);
            let pick = chosen.get()[k].filter(|i| options.iter().any(|(j, _)| j == i));
            pick.or_else(|| options.first().map(|(i, _)| *i))
        })
    };
    let current = move || {
        (0..CATEGORIES.len())
            .filter_map(pick_in)
            .collect::<Vec<usize>>()
    };
    // A catalog with plans of one kind only has nothing to combine: the cards say it all.
    let kinds = move || {
        (0..CATEGORIES.len())
            .filter(|&k| pick_in(k).is_some())
            .count()
    };
    view! {
        <section id="combination" class="card" part="combination" aria-labelledby="combination-h" hidden=move || kinds() < 2>
            <h2 id="combination-h">"Try your own combination"</h2>
            <div class="combination">
                {CATEGORIES.into_iter().enumerate().map(|(k, cat)| {
                    let select_id = format!("combo-{cat}");
                    view! {
                        <div hidden=move || pick_in(k).is_none()>
                            <label for=select_id.clone()>{capitalize(cat)}</label>
                            <select id=select_id
                                prop:value=move || pick_in(k).map(|i| i.to_string()).unwrap_or_default()
                                on:change=move |ev| {
                                    let v = event_target_value(&ev).parse::<usize>().ok();
                                    chosen.update(|c| c[k] = v);
                                }>
                                {move || merged.with(|r| choices(r, cat)).into_iter().map(|(i, o)| view! { <option value=i.to_string()>{o.name}</option> }).collect_view()}
                            </select>
                        </div>
                    }
                }).collect_view()}
            </div>
            // Not a live region: every change of the household redraws it (twice, the expected
            // year then the simulated years); the combination's own selects are beside it.
            <p class="combination-total">{move || {
                let picked = current();
                merged.with(|r| match combination(r, &picked) {
                    Some((expected, sim)) => {
                        let vs = r.recommended_total;
                        let diff = if expected == vs {
                            "the same as our pick".to_string()
                        } else if expected > vs {
                            format!("{} more than our pick", money(expected - vs))
                        } else {
                            format!("{} less than our pick", money(vs - expected))
                        };
                        let sim = sim.map(|(mean, p90)| format!(" On average {}; in 9 years out of 10 at most {}.", Beside::new(Some(expected), None).average(mean), Beside::new(Some(expected), None).bound(p90))).unwrap_or_default();
                        format!("{} for the year of care you entered ({diff}).{sim}", money(expected))
                    }
                    None => "This combination is not available to you.".into(),
                })
            }}</p>
        </section>
    }
}
