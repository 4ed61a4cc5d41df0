//! `<costshare-guide>`: the guide mounted in a host page. `public/costshare-guide.js` defines the
//! element (wasm-bindgen cannot subclass `HTMLElement`), loads this module once per page, and
//! calls [`costshare_mount`] for each element with a container inside the element's shadow root.
//! The returned [`Guide`] takes the element's attributes and properties; the guide sends its
//! events to the element (see `crate::app::emit`).

use crate::app::{App, CatalogSource, Embed};
use crate::embed::{self, EmbedError};
use costshare_decision::file::HouseholdFile;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// One mounted guide.
#[wasm_bindgen]
pub struct Guide {
    embed: Embed,
    mounted: Option<Box<dyn std::any::Any>>,
}

/// Mounts the guide into `container` (inside `host`'s shadow root); `glue` and `wasm` are the
/// module's addresses, for the simulation worker.
#[wasm_bindgen(js_name = costshareMount)]
pub fn costshare_mount(
    container: web_sys::HtmlElement,
    host: web_sys::HtmlElement,
    glue: String,
    wasm: String,
) -> Guide {
    mount(container, host, Some((glue, wasm)))
}

/// Mounts the guide; `module` as in [`Embed::module`].
pub fn mount(
    container: web_sys::HtmlElement,
    host: web_sys::HtmlElement,
    module: Option<(String, String)>,
) -> Guide {
    let mut guide = Guide::unmounted(host, module);
    guide.mount_in(container);
    guide
}

impl Guide {
    /// A guide whose settings can be given before it is mounted (iframe mode waits for the host
    /// page's settings, so that its first answer follows them).
    pub fn unmounted(host: web_sys::HtmlElement, module: Option<(String, String)>) -> Guide {
        Guide {
            embed: Embed {
                host,
                module,
                scenario: RwSignal::new(crate::model::default_scenario()),
                start: RwSignal::new(crate::model::default_scenario()),
                source: RwSignal::new(CatalogSource::Builtin),
                plans: RwSignal::new(None),
                problems: RwSignal::new(Vec::new()),
            },
            mounted: None,
        }
    }

    /// Mounts the guide into `container`, once.
    pub fn mount_in(&mut self, container: web_sys::HtmlElement) {
        if self.mounted.is_some() {
            return;
        }
        let for_app = self.embed.clone();
        let handle = leptos::mount::mount_to(container, move || view! { <App embed=for_app /> });
        self.mounted = Some(Box::new(handle));
    }

    /// Where the plans come from (iframe mode: a catalog the host page fetched, or why it could
    /// not).
    pub fn set_catalog_source(&self, source: CatalogSource) {
        self.embed.source.set(source);
    }
}

impl Guide {
    /// Records (or clears) the problem of one attribute or property.
    pub(crate) fn problem(&self, path: &str, problem: Option<EmbedError>) {
        self.embed.problems.update(|ps| {
            ps.retain(|p| p.path != path);
            ps.extend(problem);
        });
    }

    /// An attribute's change, to the person's entries and to what "Start over" returns to.
    fn update_scenario(&self, f: impl Fn(&mut HouseholdFile)) {
        self.embed.start.update(&f);
        self.embed.scenario.update(f);
    }
}

#[wasm_bindgen]
impl Guide {
    /// The `goal` attribute (`lowest-average`, `protection`, `balanced`; none: balanced).
    #[wasm_bindgen(js_name = setGoal)]
    pub fn set_goal(&self, value: Option<String>) {
        match value.as_deref().map(embed::parse_goal) {
            None => {
                self.problem("goal", None);
                self.update_scenario(|s| s.goal = None);
            }
            Some(Ok(goal)) => {
                self.problem("goal", None);
                self.update_scenario(|s| s.goal = Some(goal));
            }
            Some(Err(e)) => self.problem("goal", Some(e)),
        }
    }

    /// The `simulations` attribute (100 to 100,000; none: 10,000).
    #[wasm_bindgen(js_name = setSimulations)]
    pub fn set_simulations(&self, value: Option<String>) {
        match value.as_deref().map(embed::parse_simulations) {
            None => {
                self.problem("simulations", None);
                self.update_scenario(|s| s.simulations = Some(crate::model::SIMULATIONS));
            }
            Some(Ok(n)) => {
                self.problem("simulations", None);
                self.update_scenario(|s| s.simulations = Some(n));
            }
            Some(Err(e)) => self.problem("simulations", Some(e)),
        }
    }

    /// The `plans` attribute: the plan ids to show, separated by spaces or commas.
    #[wasm_bindgen(js_name = setPlans)]
    pub fn set_plans(&self, value: Option<String>) {
        self.embed
            .plans
            .set(value.as_deref().and_then(embed::parse_plans));
    }

    /// The `catalog` attribute: the employer catalog's address (relative to the host page), or
    /// the `catalog` property as JSON text. Neither: the built-in catalog. A catalog the host
    /// page sets is its own choice (its Content-Security-Policy decides where it may come from).
    #[wasm_bindgen(js_name = setCatalog)]
    pub fn set_catalog(&self, address: Option<String>, json: Option<String>) {
        let source = match (json, address) {
            (Some(json), _) => CatalogSource::Json(json),
            (None, None) => CatalogSource::Builtin,
            (None, Some(a)) => {
                let base = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.base_uri().ok().flatten())
                    .unwrap_or_default();
                match web_sys::Url::new_with_base(&a, &base) {
                    Ok(u) if matches!(u.protocol().as_str(), "https:" | "http:") => {
                        CatalogSource::Url(u.href())
                    }
                    _ => CatalogSource::Refused(format!(
                        "the catalog attribute \"{}\" is not an http or https address",
                        a.chars().take(80).collect::<String>()
                    )),
                }
            }
        };
        self.embed.source.set(source);
    }

    /// The `household` property, as JSON text: who is covered and their care (the household
    /// file's format). A household with the wrong shape is a problem at `household…`.
    #[wasm_bindgen(js_name = setHousehold)]
    pub fn set_household(&self, json: String) {
        match embed::parse_household(&json) {
            Ok(h) => {
                self.problem("household", None);
                // What the household leaves out (the goal, the simulated years) stays as the
                // attributes, or the person, set it.
                let keep = |from: &mut HouseholdFile| {
                    let mut next = h.clone();
                    next.goal = next.goal.or(from.goal);
                    next.simulations = next.simulations.or(from.simulations);
                    *from = next;
                };
                self.embed.start.update(keep);
                self.embed.scenario.update(keep);
            }
            Err(mut e) => {
                // One problem at a time for the property, whatever field it names (said once:
                // "household: people: …", not "household: household.people: …").
                if let Some(field) = e.path.strip_prefix("household.") {
                    e.message = format!("{field}: {}", e.message);
                }
                e.path = "household".into();
                self.problem("household", Some(e));
            }
        }
    }

    /// The `household` property could not be written as JSON (a cycle, a BigInt): why, as the
    /// household's problem, on screen and in the host's `costshare-error` event.
    #[wasm_bindgen(js_name = householdUnreadable)]
    pub fn household_unreadable(&self, message: String) {
        self.problem(
            "household",
            Some(EmbedError::new("INVALID_INPUT", "household", message)),
        );
    }

    /// The `household` property was unset: the entries stay, and a problem with its value
    /// before goes.
    #[wasm_bindgen(js_name = householdCleared)]
    pub fn household_cleared(&self) {
        self.problem("household", None);
    }

    /// The `catalog` property could not be written as JSON: why, as the catalog's problem (the
    /// built-in plans meanwhile), replacing any earlier one on screen.
    #[wasm_bindgen(js_name = catalogUnreadable)]
    pub fn catalog_unreadable(&self, message: String) {
        self.embed.source.set(CatalogSource::Refused(message));
    }

    /// The person's entries as they were when the element left the document (the household
    /// file's JSON from [`Guide::household`]), put back when it returns: moving the element
    /// does not lose them. Unlike [`Guide::set_household`], "Start over" still returns to the
    /// host's settings.
    #[wasm_bindgen(js_name = restoreEntries)]
    pub fn restore_entries(&self, json: String) {
        if let Ok(h) = embed::parse_household(&json) {
            self.embed.scenario.set(h);
        }
    }

    /// The scenario as the household file's JSON (the `household` property's value).
    #[wasm_bindgen(js_name = household)]
    pub fn household(&self) -> String {
        self.embed.scenario.with_untracked(crate::model::to_json)
    }

    /// Removes the guide from the element.
    pub fn unmount(&mut self) {
        self.mounted = None;
    }
}

/// The expected-year comparison for a household (the household file's JSON), with the built-in
/// catalog or `catalog_json`: the report's JSON (amounts in cents). What a host page uses to
/// show "your estimated yearly cost" in its own table, without the guide. Errors come back as a
/// `costshare-error`-shaped object (`code`, `path`, `message`).
#[wasm_bindgen(js_name = costshareCompare)]
pub fn costshare_compare(
    household_json: String,
    catalog_json: Option<String>,
) -> Result<String, JsValue> {
    let fail = |e: EmbedError| JsValue::from_str(&serde_json::to_string(&e).unwrap_or_default());
    let household = embed::parse_household(&household_json).map_err(fail)?;
    let plans = match catalog_json {
        Some(text) => std::sync::Arc::new(costshare_plan::load_catalog(&text).map_err(|ps| {
            let first = ps.first();
            fail(EmbedError::new(
                "INVALID_CATALOG",
                format!("catalog.{}", first.map(|p| p.path.as_str()).unwrap_or(""))
                    .trim_end_matches('.')
                    .to_string(),
                first.map(|p| p.message.clone()).unwrap_or_default(),
            ))
        })?),
        None => crate::protocol::builtin().unwrap_or_default(),
    };
    let report = crate::model::quick_report(&plans, &household).map_err(|ps| {
        let (path, message) = ps
            .first()
            .map(|p| crate::model::split_problem(p))
            .unwrap_or_default();
        fail(EmbedError::new(
            "INVALID_INPUT",
            format!("household.{path}"),
            message,
        ))
    })?;
    serde_json::to_string(&report).map_err(|e| JsValue::from_str(&e.to_string()))
}
