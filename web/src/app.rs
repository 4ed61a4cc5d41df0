//! The page: household, care, and each medical plan's yearly cost with the reasons.

use crate::model::{CARE_ITEMS, PlanResult, Scenario, estimate};
use costshare_plan::LoadedPlan;
use leptos::prelude::*;

fn money(m: costshare_engine::Money) -> String {
    m.to_string()
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    let catalog: Result<Vec<LoadedPlan>, String> =
        costshare_catalog::builtin().map_err(|problems| {
            problems
                .iter()
                .map(|p| p.to_string())
                .collect::<Vec<_>>()
                .join("\n")
        });
    view! {
        <header class="site">
            <h1>"costshare"</h1>
            <p class="tagline">"What a year of care really costs under each health plan."</p>
            <p class="privacy">"Everything is worked out in your browser. Nothing you enter leaves this device."</p>
        </header>
        <main>
            {match catalog {
                Ok(plans) => view! { <Estimator plans=plans /> }.into_any(),
                Err(message) => view! {
                    <section class="error" role="alert">
                        <h2>"The plan catalog could not be loaded"</h2>
                        <pre>{message}</pre>
                    </section>
                }.into_any(),
            }}
        </main>
        <footer class="site">
            <p>"Plan data: Georgia State Health Benefit Plan 2010 booklet and fact sheets, cited in each plan file. Values marked “example” are made up for illustration."</p>
        </footer>
    }
}

#[component]
fn Estimator(plans: Vec<LoadedPlan>) -> impl IntoView {
    let scenario = RwSignal::new(Scenario::default());
    let plans = StoredValue::new(plans);
    let outcome = Memo::new(move |_| plans.with_value(|p| estimate(p, &scenario.get())));

    let catalog_list = plans.with_value(|p| {
        p.iter()
            .map(|l| {
                let kind = format!("{:?}", l.file.kind).to_lowercase();
                let example = if l.has_examples() {
                    " (includes example values)"
                } else {
                    ""
                };
                view! { <li>{l.file.name.clone()}" — "{kind}{example}</li> }
            })
            .collect_view()
    });

    view! {
        <section aria-labelledby="household-h">
            <h2 id="household-h">"1. Who is covered"</h2>
            <div class="fields">
                <label class="check">
                    <input type="checkbox" id="spouse"
                        prop:checked=move || scenario.with(|s| s.spouse)
                        on:change=move |ev| { let v = event_target_checked(&ev); scenario.update(|s| s.spouse = v) } />
                    "My spouse is covered"
                </label>
                <label for="children">"Children covered"</label>
                <input type="number" id="children" min="0" max="8" inputmode="numeric"
                    prop:value=move || scenario.with(|s| s.children.to_string())
                    on:input=move |ev| { let v = event_target_value(&ev).parse::<u8>().unwrap_or(0).min(8); scenario.update(|s| s.children = v) } />
                <label class="check">
                    <input type="checkbox" id="tobacco"
                        prop:checked=move || scenario.with(|s| s.tobacco)
                        on:change=move |ev| { let v = event_target_checked(&ev); scenario.update(|s| s.tobacco = v) } />
                    "Someone covered used tobacco in the last 12 months"
                </label>
                <label class="check">
                    <input type="checkbox" id="spouse-other"
                        prop:checked=move || scenario.with(|s| s.spouse_other_coverage)
                        prop:disabled=move || scenario.with(|s| !s.spouse)
                        on:change=move |ev| { let v = event_target_checked(&ev); scenario.update(|s| s.spouse_other_coverage = v) } />
                    "My spouse could get health coverage from their own employer"
                </label>
            </div>
        </section>

        <section aria-labelledby="care-h">
            <h2 id="care-h">"2. Your care this year"</h2>
            <p class="hint">"How many times you expect each kind of care. Prices are "<strong>"example allowed amounts"</strong>" (made up, not from any plan): change them to match your own."</p>
            <table class="care">
                <thead><tr><th scope="col">"Care"</th><th scope="col">"How many"</th><th scope="col">"Example price each"</th></tr></thead>
                <tbody>
                    {CARE_ITEMS.iter().enumerate().map(|(i, item)| {
                        let count_id = format!("count-{}", item.id);
                        let price_id = format!("price-{}", item.id);
                        view! {
                            <tr>
                                <th scope="row"><label for=count_id.clone()>{item.label}</label></th>
                                <td><input type="number" id=count_id min="0" max="366" inputmode="numeric"
                                    prop:value=move || scenario.with(|s| s.counts[i].to_string())
                                    on:input=move |ev| { let v = event_target_value(&ev).parse::<u32>().unwrap_or(0).min(366); scenario.update(|s| s.counts[i] = v) } /></td>
                                <td class="price">
                                    <label for=price_id.clone() class="visually-hidden">{format!("Price of each: {}", item.label)}</label>
                                    "$"<input type="number" id=price_id min="0" step="1" inputmode="numeric"
                                    prop:value=move || scenario.with(|s| s.prices[i].to_string())
                                    on:input=move |ev| { let v = event_target_value(&ev).parse::<i64>().unwrap_or(0).clamp(0, 10_000_000); scenario.update(|s| s.prices[i] = v) } />
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>

        <section aria-labelledby="results-h" aria-live="polite">
            <h2 id="results-h">"3. What each medical plan costs you for the year"</h2>
            <p class="hint">"Premium + surcharges + what you pay for care (after any HRA money). Cheapest first."</p>
            <table class="results" id="results">
                <thead><tr>
                    <th scope="col">"Plan"</th><th scope="col">"Tier"</th><th scope="col">"Premium"</th>
                    <th scope="col">"Surcharges"</th><th scope="col">"Your care costs"</th><th scope="col">"HRA paid"</th>
                    <th scope="col">"Total for the year"</th>
                </tr></thead>
                <tbody>
                    {move || outcome.get().0.into_iter().map(|r| result_row(&r)).collect_view()}
                </tbody>
            </table>
            {move || {
                let skipped = outcome.get().1;
                (!skipped.is_empty()).then(|| view! {
                    <ul class="skipped">{skipped.into_iter().map(|s| view! { <li>{format!("{} was left out: {}.", s.name, s.why)}</li> }).collect_view()}</ul>
                })
            }}
            <h3>"Why these numbers"</h3>
            {move || outcome.get().0.into_iter().map(|r| why(&r)).collect_view()}
        </section>

        <section aria-labelledby="catalog-h">
            <h2 id="catalog-h">"Plans in the built-in catalog"</h2>
            <ul>{catalog_list}</ul>
        </section>
    }
}

fn result_row(r: &PlanResult) -> impl IntoView + use<> {
    let premium = if r.premium_is_example {
        format!("{} (example)", money(r.premium))
    } else {
        money(r.premium)
    };
    view! {
        <tr data-plan=r.id.clone()>
            <th scope="row">{r.name.clone()}</th>
            <td>{r.tier.clone()}</td>
            <td class="num">{premium}</td>
            <td class="num">{money(r.surcharges)}</td>
            <td class="num care-cost">{money(r.care)}</td>
            <td class="num">{money(r.hra_paid)}</td>
            <td class="num total">{money(r.total)}</td>
        </tr>
    }
}

fn why(r: &PlanResult) -> impl IntoView + use<> {
    let lines = r.lines.clone();
    let unlisted = r.unlisted.clone();
    view! {
        <details class="why" data-plan=r.id.clone()>
            <summary>{format!("{}: you pay {} for care", r.name, money(r.care))}</summary>
            {(!unlisted.is_empty()).then(|| view! { <p>{format!("This plan does not list: {}.", unlisted.join(", "))}</p> })}
            <table class="lines">
                <thead><tr><th scope="col">"Date"</th><th scope="col">"Care"</th><th scope="col">"Allowed"</th><th scope="col">"You pay"</th><th scope="col">"HRA"</th><th scope="col">"Plan pays"</th><th scope="col">"Why"</th></tr></thead>
                <tbody>
                    {lines.into_iter().map(|l| view! {
                        <tr>
                            <td>{l.date.format("%b %-d").to_string()}</td>
                            <td>{l.what}</td>
                            <td class="num">{money(l.allowed)}</td>
                            <td class="num">{money(l.you_pay)}</td>
                            <td class="num">{money(l.hra_paid)}</td>
                            <td class="num">{money(l.plan_pays)}</td>
                            <td><ul class="steps">{l.steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </details>
    }
}
