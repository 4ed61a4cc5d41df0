//! The one-page summary that only shows when printing.

use crate::model::{self, money};
use crate::ui::capitalize;
use costshare_decision::file::{GoalFile, HouseholdFile};
use costshare_decision::report::Report;
use leptos::prelude::*;

/// A compact summary that only shows when printing.
#[component]
pub fn PrintSummary(
    merged: Memo<Report>,
    scenario: RwSignal<HouseholdFile>,
    catalog: RwSignal<crate::ui::Catalog>,
) -> impl IntoView {
    // The day on the device's own calendar, again when the browser starts to print (a page
    // left open since yesterday prints today's date).
    let local_day = || {
        let d = js_sys::Date::new_0();
        format!(
            "{:04}-{:02}-{:02}",
            d.get_full_year(),
            d.get_month() + 1,
            d.get_date()
        )
    };
    let today = RwSignal::new(local_day());
    if let Some(w) = web_sys::window() {
        let listener =
            gloo::events::EventListener::new(&w, "beforeprint", move |_| today.set(local_day()));
        let kept = StoredValue::new_local(Some(listener));
        on_cleanup(move || kept.set_value(None));
    }
    view! {
        <section class="print-only" aria-hidden="true">
            <h2>"My health plan comparison"</h2>
            <p>{move || scenario.with(|s| {
                let people: Vec<String> = s.people.iter().map(|p| format!("{} ({})", p.name, p.age)).collect();
                let goal = match s.goal.unwrap_or(GoalFile::Balanced) {
                    GoalFile::LowestExpected => "the lowest average cost".to_string(),
                    GoalFile::LowestWorstCase => "protection against a very bad year".to_string(),
                    GoalFile::Balanced => match s.risk_tolerance.unwrap_or(50) {
                        // The ends of the scale pick as the other two goals do (recommend::goal_score).
                        0 => "a balance of average cost and protection, at risk tolerance 0 of 100: only a very bad year counts, as for protection".to_string(),
                        100 => "a balance of average cost and protection, at risk tolerance 100 of 100: only the average counts, as for the lowest average cost".to_string(),
                        t => format!("a balance of average cost and protection (risk tolerance {t} of 100)"),
                    },
                };
                let year = merged.with(|r| r.year);
                format!("Made with costshare on {}, for plan year {year}. Covered: {}. Goal: {goal}.", today.get(), people.join(", "))
            })}</p>
            <p>"Plan terms come from the plan documents cited in each plan file. Values marked “example” were made up for illustration and are not published; results that rest on them say so. Prices of care are typical allowed amounts, many of them our estimates (the page's Prices list marks them “example” and gives the reasoning), not your providers' prices."</p>
            {move || {
                let r = merged.get();
                // The screen's verdict, so that paper says what the page says: each pick with its
                // saving or what it trades.
                let v = crate::verdict::verdict(&r, scenario.with(crate::verdict::Goal::of));
                let simulated = v.average.is_some();
                view! {
                    <ul>{v.picks.iter().map(|p| {
                        // The coverage enrolled in and the premium counted, as the card says them.
                        let o = r.options.get(p.option);
                        let coverage = o.and_then(|o| Some((o.tier.as_deref()?, o.expected.as_ref()?))).map(|(t, e)| format!(
                            "{}; premium {} a year{}.",
                            model::tier_words(t, Some(e)),
                            money(e.premium),
                            if e.premium_is_example { " (example)" } else { "" }
                        ));
                        view! { <li><strong>{format!("{}: {}", capitalize(&p.category), p.name)}</strong>
                            {coverage.map(|c| view! { <br/>{c} })}
                            <br/>{p.comparison.words(simulated)}</li> }
                    }).collect_view()}</ul>
                    <table>
                        <thead><tr><th>"Option"</th><th>"Expected year"</th><th>"Average"</th><th>"Likely range"</th><th>"Worst case"</th></tr></thead>
                        // By kind of plan, each in the goal's order, as on the screen.
                        <tbody>{r.categories.iter().map(|c| view! {
                            <tr><th colspan="5" scope="rowgroup">{capitalize(&c.category)}</th></tr>
                            {c.ranking.iter().filter_map(|&i| r.options.get(i)).map(|o| view! {
                                <tr><td>{o.name.clone()}</td>
                                <td>{o.expected.as_ref().map(|e| money(e.total))}</td>
                                <td>{o.simulated.as_ref().map(|s| model::Beside::of(o).average(s.mean))}</td>
                                <td>{o.simulated.as_ref().map(|s| model::Beside::of(o).range(s.p10, s.p90))}</td>
                                <td>{model::worst_case(o)}</td></tr>
                            }).collect_view()}
                        }).collect_view()}</tbody>
                    </table>
                    <p>{format!(
                        "Together, the recommended choices cost {} for the expected year{}.{}",
                        money(v.total),
                        v.average.map(|a| format!(" (about {} on average over the simulated years)", model::Beside::new(Some(v.total), None).average(a))).unwrap_or_default(),
                        model::below_zero(v.total, v.own_hsa).map(|t| format!(" {t}")).unwrap_or_default()
                    )}</p>
                    {
                        // Surcharges, and every note about example values, carried onto paper.
                        let mut lines: Vec<String> = r.categories.iter().filter(|c| c.recommended.is_none()).flat_map(|c| c.reasons.first().cloned()).collect();
                        let entered_hsa = scenario.with(|s| s.hsa_contribution);
                        for o in r.options.iter().filter(|o| o.excluded.is_none()) {
                            for i in o.expected.iter().flat_map(|e| &e.surcharge_items) {
                                let t = format!("{}: {} a month because {}.", i.name, money(i.monthly), i.because);
                                if !lines.contains(&t) { lines.push(t); }
                            }
                            // Example values, and why a plan's HSA is not counted (as its card says).
                            for n in o.notes.iter().filter(|n| n.starts_with("Its figures rest on example") || n.contains("HSA-eligible")) {
                                lines.push(format!("{}: {n}", o.name));
                            }
                        }
                        // What the person's own HSA amount does, as the page says at the field.
                        if let Some(a) = entered_hsa {
                            let cents = costshare_engine::Money::from_decimal(a.0).ok().map(|m| m.cents());
                            let amount = cents.map_or_else(|| format!("${a}"), money);
                            lines.push(format!("Your HSA contribution of {amount}: {}", model::hsa_hint(&r, Some(cents.unwrap_or(0)))));
                        }
                        // Options left out, and why: the options with one reason together.
                        let mut left_out: Vec<(&str, Vec<&str>)> = Vec::new();
                        for o in r.options.iter() {
                            if let Some(why) = o.excluded.as_deref() {
                                let why = why.trim_end_matches('.');
                                match left_out.iter_mut().find(|(w, _)| *w == why) {
                                    Some((_, names)) => names.push(&o.name),
                                    None => left_out.push((why, vec![&o.name])),
                                }
                            }
                        }
                        for (why, names) in left_out {
                            lines.push(format!("{}: {why}.", names.join("; ")));
                        }
                        let example_premiums: Vec<&str> = r.options.iter()
                            .filter(|o| o.expected.as_ref().is_some_and(|e| e.premium_is_example))
                            .map(|o| o.name.as_str()).collect();
                        if !example_premiums.is_empty() {
                            lines.push(format!("Example premiums, not published rates: {}.", example_premiums.join(", ")));
                        }
                        lines.extend(r.notices.iter().filter(|n| model::verdict_notice(n)).cloned());
                        lines.extend(scenario.with(|s| model::medicare_advantage(&catalog.get().plans, s)));
                        view! { <ul class="print-notes">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }
                    }
                }
            }}
        </section>
    }
}
