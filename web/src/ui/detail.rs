//! Detail on demand: the full cost tables, the charts, "why this number" and the enrollment rules,
//! each behind a disclosure the verdict's "why" links open.

use crate::charts;
use crate::model::{self, dollars, money, percent};
use crate::ui::Disclosure;
use costshare_decision::report::{OptionReport, Report};
use leptos::prelude::*;

#[component]
pub fn OptionTable(
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
                <th scope="col">"Your care"</th><th scope="col">"Employer HSA money"</th><th scope="col">"Tax savings"</th>
                <th scope="col">"Total, expected year"</th><th scope="col">"Average (likely range)"</th>
                <th scope="col">"Worst case"</th><th scope="col">"Cheapest"</th>
            </tr></thead>
            <tbody>
                {options.into_iter().map(|o| {
                    let e = o.expected.clone();
                    let sim = o.simulated.clone();
                    let premium = e.as_ref().map(|e| {
                        let base = if e.premium_is_example { format!("{} (example)", money(e.premium)) } else { money(e.premium) };
                        format!("{base}{}", model::surcharge_words(e))
                    }).unwrap_or_default();
                    view! {
                        <tr data-option=o.id.clone()>
                            <th scope="row">{o.name.clone()}{o.tier.as_deref().map(|t| view! { <span class="tier">{model::tier_words(t, e.as_ref())}</span> })}</th>
                            <td class="num premium-cell" data-label="Premium + surcharges">{premium}</td>
                            <td class="num care" data-label="Your care">{e.as_ref().map(|e| money(e.out_of_pocket))}
                                {e.as_ref().and_then(model::after_hra).map(|t| view! { <span class="tier">{t}</span> })}</td>
                            <td class="num" data-label="Employer HSA money">{e.as_ref().map(|e| money(e.employer_hsa_used))}</td>
                            <td class="num" data-label="Tax savings">{e.as_ref().map(|e| money(e.tax_savings))}</td>
                            <td class="num total" data-label="Total, expected year">{e.as_ref().map(|e| money(e.total))}</td>
                            <td class="num" data-label="Average (likely range)"><span class="avg">{sim.as_ref().map(|s| model::Beside::of(&o).average(s.mean)).unwrap_or_else(|| "…".into())}</span>
                                {sim.as_ref().map(|s| view! { <span class="range">{model::Beside::of(&o).range(s.p10, s.p90)}</span> })}</td>
                            <td class="num worst" data-label="Worst case">{model::worst_case(&o)}</td>
                            <td class="num wrap" data-label="Cheapest in">{sim.as_ref().map(|s| format!("{} of years", percent(s.cheapest_per_10k))).unwrap_or_else(|| "…".into())}</td>
                        </tr>
                    }
                }).collect_view()}
                {excluded.into_iter().map(|o| view! {
                    <tr class="excluded" data-option=o.id.clone()>
                        <th scope="row">{o.name.clone()}</th>
                        <td colspan="8">{format!("{}.", crate::ui::capitalize(&o.excluded.unwrap_or_default()))}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
        {(!notes.is_empty()).then(|| view! { <ul class="notes">{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul> })}
    }
}

#[component]
pub fn WhyTable(option: OptionReport) -> impl IntoView {
    let e = option.expected.clone();
    let totals = option.why.iter().fold([0i64; 5], |t, l| {
        [
            t[0] + l.allowed,
            t[1] + l.balance_billed,
            t[2] + l.you_pay,
            t[3] + l.hra_paid,
            t[4] + l.plan_pays,
        ]
    });
    // A column for balance bills only when there are any, and for the HRA only on a plan with
    // one: each row reads allowed amount (+ billed above it) = you pay (+ HRA) + plan pays.
    let billed = totals[1] > 0;
    let hra = totals[3] > 0 || e.as_ref().is_some_and(|e| e.hra_credit > 0);
    view! {
        <div class="why" data-option=option.id.clone()>
            {e.map(|e| view! {
                <p>{format!(
                    "{}: premium {}{} + surcharges {} + what you pay for care {}{} − tax savings {} = {}.",
                    option.name, money(e.premium), model::premium_parts(option.tier.as_deref().unwrap_or_default(), &e),
                    money(e.surcharges), money(e.out_of_pocket),
                    // Only a plan that puts employer money in an HSA has this term.
                    if e.employer_hsa > 0 { format!(" − employer HSA money spent on it {}", money(e.employer_hsa_used)) } else { String::new() },
                    money(e.tax_savings), money(e.total)
                )}</p>
            })}
            {billed.then(|| view! {
                <p class="hint">{format!(
                    "Out-of-network providers can bill more than the allowed amount. On each line, the allowed amount + what is billed above it = what you pay + {}what the plan pays.",
                    if hra { "what the HRA pays + " } else { "" }
                )}</p>
            })}
            <div class="scroll" tabindex="0" role="region" aria-label="Claim by claim">
            <table class="lines">
                <thead><tr><th scope="col">"Date"</th><th scope="col">"Who"</th><th scope="col">"Care"</th><th scope="col">"Allowed amount"</th>
                    {billed.then(|| view! { <th scope="col">"Billed above allowed"</th> })}
                    <th scope="col">"You pay"</th>{hra.then(|| view! { <th scope="col">"HRA"</th> })}<th scope="col">"Plan pays"</th><th scope="col">"Why"</th></tr></thead>
                <tbody>
                    {option.why.into_iter().map(|l| view! {
                        <tr>
                            <td>{l.date}</td><td>{l.person}</td>
                            <td>{l.care}{(l.source != "expected care").then(|| view! { <span class="tier">{l.source}</span> })}{(l.network != "in-network").then(|| view! { <span class="tier">{l.network}</span> })}</td>
                            <td class="num" data-label="Allowed amount">{money(l.allowed)}</td>
                            {billed.then(|| view! { <td class="num billed" data-label="Billed above allowed">{money(l.balance_billed)}</td> })}
                            <td class="num" data-label="You pay">{money(l.you_pay)}</td>
                            {hra.then(|| view! { <td class="num" data-label="HRA">{money(l.hra_paid)}</td> })}
                            <td class="num" data-label="Plan pays">{money(l.plan_pays)}</td>
                            <td><ul class="steps">{l.steps.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul></td>
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot><tr class="totals"><th scope="row" colspan="3">"Totals"</th>
                    <td class="num" data-label="Allowed amount">{money(totals[0])}</td>
                    {billed.then(|| view! { <td class="num billed" data-label="Billed above allowed">{money(totals[1])}</td> })}
                    <td class="num" data-label="You pay">{money(totals[2])}</td>
                    {hra.then(|| view! { <td class="num" data-label="HRA">{money(totals[3])}</td> })}
                    <td class="num" data-label="Plan pays">{money(totals[4])}</td><td></td></tr></tfoot>
            </table>
            </div>
        </div>
    }
}

/// The detail behind the verdict and the cards, each part in its own disclosure.
#[component]
pub fn Detail(
    merged: Memo<Report>,
    scenario: RwSignal<costshare_decision::file::HouseholdFile>,
    catalog: RwSignal<crate::ui::Catalog>,
    why_for: RwSignal<String>,
) -> impl IntoView {
    // Inside a host page, printing prints the guide alone (`crate::print`).
    let host = use_context::<crate::app::EmbedHost>();
    view! {
        <section id="detail" class="card" part="detail" aria-labelledby="detail-h">
            <h2 id="detail-h">"The detail"</h2>
            <Disclosure id="detail-costs" summary="Full cost table">
                <p class="hint">"Total = premium + surcharges + what you pay for care (after the HRA has paid its part) − employer HSA money spent on this year's care − tax savings. Employer money left at the end of the year is carried forward, not subtracted. “Likely range” is the middle 80% of the simulated years; “Worst case” is the most the year could cost for care the plan covers, counted like the total: premium + surcharges + the out-of-pocket maximum (after the HRA's part) − employer HSA money − tax savings; or “No cap” when nothing limits what you pay."</p>
                {move || {
                    let r = merged.get();
                    ["medical", "dental", "vision"].into_iter().filter(|cat| r.options.iter().any(|o| o.category == *cat)).map(|cat| {
                        let ranking = r.categories.iter().find(|c| c.category == cat).map(|c| c.ranking.clone()).unwrap_or_default();
                        let excluded: Vec<OptionReport> = r.options.iter().filter(|o| o.category == cat && o.excluded.is_some()).cloned().collect();
                        view! { <OptionTable title=crate::ui::capitalize(cat) options=ranking.iter().filter_map(|&i| r.options.get(i).cloned()).collect() excluded=excluded /> }
                    }).collect_view()
                }}
            </Disclosure>
            <Disclosure id="detail-charts" summary="Charts: cost against spending, and how much a year can vary">
                <div class="chart" role="img" aria-label="Yearly cost of each medical plan against total medical spending" inner_html=move || charts::cost_curve(&merged.get()) />
                {move || curve_table(&merged.get())}
                {move || charts::crossover_words(&merged.get()).map(|t| view! { <p class="hint crossovers">{t}</p> })}
                <p class="hint chart">"Each line is a medical plan's yearly cost if the care you entered cost more or less, up to the amount on the bottom axis in allowed charges (what the plans have agreed to pay providers for that care). Circles mark where the cheapest plan changes; the dashed line is your expected year, where each line's cost is that plan's yearly total on its card."</p>
                <p class="hint chart-table">"Each row is one amount of allowed charges for a year's medical care (what the plans have agreed to pay providers for it), more or less than the care you entered; each column is a medical plan's yearly cost at that amount, the cheapest in bold. The row of your expected year has each plan's yearly total on its card."</p>
                <div class="chart" role="img" aria-label="Range of yearly costs for each medical plan in simulated years" inner_html=move || charts::ranges(&merged.get()) />
                {move || ranges_table(&merged.get())}
                <p class="hint chart">"Bars show the middle 80% of simulated years; the mark is the median and the thin line reaches the 99th percentile."</p>
                <p class="hint chart-table">"“8 in 10 years” is the middle 80% of simulated years; “1 year in 100 above” is the 99th percentile: one simulated year in a hundred cost more."</p>
            </Disclosure>
            <details id="detail-why">
                <summary>"Why this number: claim by claim"</summary>
                <label for="why-plan">"Show the claim-by-claim breakdown for"</label>
                <select id="why-plan" on:change=move |ev| why_for.set(event_target_value(&ev)) prop:value=move || why_for.get()>
                    <option value="">"Choose a plan…"</option>
                    {move || merged.get().options.into_iter().filter(|o| !o.why.is_empty()).map(|o| view! { <option value=o.id.clone()>{o.name.clone()}</option> }).collect_view()}
                </select>
                <p class="hint">"The allowed amount is the most the plan pays a provider for a service: the price your share is worked out from. Out of network, a provider may bill more, and you pay the difference."</p>
                {move || {
                    let id = why_for.get();
                    merged.get().options.into_iter().find(|o| o.id == id).map(|o| view! { <WhyTable option=o /> })
                }}
            </details>
            <details id="detail-rules">
                <summary>"Enrollment rules that apply to you"</summary>
                {move || {
                    let rules = scenario.with(|s| model::enrollment_rules(&catalog.get().plans, s));
                    if rules.is_empty() {
                        view! { <p>"Check your employer's enrollment guide for deadlines and start dates."</p> }.into_any()
                    } else {
                        view! { <ul>{rules.into_iter().map(|(text, source)| view! { <li>{text}<span class="source">{format!(" ({source})")}</span></li> }).collect_view()}</ul> }.into_any()
                    }
                }}
            </details>
            <p><button type="button" class="secondary no-print" on:click=move |_| crate::print::print(host.as_ref().map(|h| &h.0))>"Print a one-page summary"</button></p>
        </section>
    }
}

/// The cost curve as a table (shown instead of the chart on narrow screens).
fn curve_table(r: &Report) -> impl IntoView + use<> {
    let t = charts::curve_rows(r);
    view! {
        <div class="chart-table scroll" tabindex="0" role="region" aria-label="Yearly cost of each medical plan at different levels of spending">
            <table class="curve-table">
                <thead><tr><th scope="col">"Care costing (allowed charges)"</th>{t.names.into_iter().map(|n| view! { <th scope="col">{n}</th> }).collect_view()}</tr></thead>
                <tbody>{t.rows.into_iter().map(|row| view! {
                    <tr class:expected=row.expected>
                        <th scope="row">{dollars(row.spend)}{row.expected.then_some(" (your expected year)")}</th>
                        {row.costs.iter().zip(row.shown).map(|(c, shown)| view! { <td class="num" class:cheapest=row.least == Some(*c)>{shown}</td> }).collect_view()}
                    </tr>
                }).collect_view()}</tbody>
            </table>
        </div>
    }
}

/// The simulated ranges as a table (shown instead of the chart on narrow screens).
fn ranges_table(r: &Report) -> impl IntoView + use<> {
    let rows: Vec<_> = r
        .options
        .iter()
        .filter(|o| o.category == "medical")
        .filter_map(|o| {
            o.simulated
                .as_ref()
                .map(|s| (o.name.clone(), s.clone(), crate::model::Beside::of(o)))
        })
        .collect();
    (!rows.is_empty()).then(|| view! {
        <div class="chart-table scroll" tabindex="0" role="region" aria-label="Range of yearly costs in simulated years">
            <table>
                <thead><tr><th scope="col">"Plan"</th><th scope="col">"8 in 10 years"</th><th scope="col">"Median"</th><th scope="col">"1 year in 100 above"</th></tr></thead>
                <tbody>{rows.into_iter().map(|(n, s, beside)| view! {
                    <tr><th scope="row">{n}</th><td class="num">{beside.range(s.p10, s.p90)}</td><td class="num">{beside.average(s.p50)}</td><td class="num">{beside.bound(s.p99)}</td></tr>
                }).collect_view()}</tbody>
            </table>
        </div>
    })
}
