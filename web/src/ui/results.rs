//! The results column: the answer first, then the plan cards, any combination, and the detail.

use crate::ui::cards::{Combination, PlanCards};
use crate::ui::detail::Detail;
use crate::ui::print::PrintSummary;
use crate::ui::verdict::VerdictCard;
use crate::ui::{Catalog, Sim};
use costshare_decision::file::HouseholdFile;
use costshare_decision::report::Report;
use leptos::prelude::*;

#[component]
pub fn Results(
    report: Memo<Option<Report>>,
    sim: RwSignal<Sim>,
    scenario: RwSignal<HouseholdFile>,
    catalog: RwSignal<Catalog>,
) -> impl IntoView {
    // The simulation's report alone, so its progress does not work out `merged` again.
    let simulated = Memo::new(move |_| {
        sim.with(|s| match s {
            Sim::Done { report, .. } => Some(report.clone()),
            _ => None,
        })
    });
    // Use the simulation's report when it is for the current inputs; keep the expected-year
    // claim lines from the quick report either way.
    let merged = Memo::new(move |_| {
        let mut r = report.get().unwrap_or_default();
        if let Some(s) = simulated.get()
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
    // Inside a host page: tell it what the guide recommends, whenever that changes.
    if let Some(crate::app::EmbedHost(host)) = use_context::<crate::app::EmbedHost>() {
        let detail = Memo::new(move |_| {
            let goal = scenario.with(crate::verdict::Goal::of);
            merged.with(|r| {
                let v = crate::verdict::verdict(r, goal);
                crate::embed::recommendation(r, &v)
            })
        });
        // Only for the plans of the catalog the host set, once they are in; and only when it
        // says something new.
        let settled = use_context::<crate::app::CatalogSettled>();
        let last = StoredValue::new(None::<crate::embed::Recommendation>);
        Effect::new(move |_| {
            if settled.is_none_or(|s| s.0.get()) {
                let next = detail.get();
                if last.with_value(|l| l.as_ref().is_some_and(|l| next.repeats(l))) {
                    return;
                }
                crate::app::emit(
                    &host,
                    "costshare-recommendation",
                    &serde_json::to_string(&next).unwrap_or_default(),
                );
                last.set_value(Some(next));
            }
        });
    }
    view! {
        <PrintSummary merged=merged scenario=scenario catalog=catalog />
        <VerdictCard merged=merged scenario=scenario sim=sim catalog=catalog why_for=why_for />
        <PlanCards merged=merged catalog=catalog why_for=why_for />
        <Combination merged=merged />
        <Detail merged=merged scenario=scenario catalog=catalog why_for=why_for />
    }
}
