//! Iframe mode: the site opened with `?embed=<host page origin>` shows only the guide, and sends
//! its events and its height to the host page with `postMessage`, to that origin only. The host
//! page's `<costshare-guide mode="iframe">` re-dispatches them. The frame asks for the element's
//! settings (`costshare-frame`) and starts the guide when they come back (`costshare-settings`,
//! taken only from that origin and the parent window), so its first answer follows them.

use crate::app::CatalogSource;
use crate::widget::Guide;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

const EVENTS: [&str; 4] = [
    "costshare-ready",
    "costshare-change",
    "costshare-recommendation",
    "costshare-error",
];

/// The host page's origin from `?embed=`, when it is a plain http(s) origin.
pub fn parent_origin() -> Option<String> {
    let w = web_sys::window()?;
    let search = w.location().search().ok()?;
    let raw = web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get("embed")?;
    let url = web_sys::Url::new(&raw).ok()?;
    let origin = url.origin();
    (matches!(url.protocol().as_str(), "https:" | "http:") && origin == raw.trim_end_matches('/'))
        .then_some(origin)
}

fn post(parent: &web_sys::Window, origin: &str, kind: &str, detail: &JsValue) {
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &kind.into());
    let _ = js_sys::Reflect::set(&message, &"detail".into(), detail);
    let _ = parent.post_message(&message, origin);
}

/// How long the frame waits for the host page's settings before it starts the guide as it
/// is (a frame opened without the element's loader never sends any).
const SETTINGS_WAIT_MS: u32 = 2000;

/// The host page's settings (`costshare-settings`), as last applied: only what changed is applied
/// again, so that a new attribute value does not reload the catalog or undo the person's entries.
struct Settings {
    goal: Option<String>,
    simulations: Option<String>,
    plans: Option<String>,
    catalog: CatalogSource,
    theme: Vec<(String, String)>,
}

/// The guide in the frame, before and after it is mounted.
struct Frame {
    guide: Guide,
    container: web_sys::HtmlElement,
    applied: Option<Settings>,
    /// The settings of a wrong type in the last message: their problems go when they are right.
    wrong: Vec<&'static str>,
}

impl Frame {
    fn start(&mut self) {
        self.guide.mount_in(self.container.clone());
    }

    /// Applies a `costshare-settings` message's `detail`, then starts the guide.
    fn apply(&mut self, detail: &JsValue) {
        // Each setting is text or null; one of another type is a mistake of the host page's,
        // said at its name (and the setting stays as it was).
        let wrong = std::cell::RefCell::new(Vec::<&'static str>::new());
        let field = |k: &'static str| {
            let v = js_sys::Reflect::get(detail, &k.into()).ok()?;
            if v.is_null() || v.is_undefined() {
                return None;
            }
            let text = v.as_string();
            if text.is_none() {
                wrong.borrow_mut().push(k);
            }
            text
        };
        let catalog = match (
            field("catalogUnreadable"),
            field("catalogObject"),
            field("catalogUrl"),
            field("catalogText"),
            field("catalogError"),
        ) {
            (Some(why), ..) => CatalogSource::Refused(why),
            (None, Some(json), ..) => CatalogSource::Json(json),
            (None, None, Some(url), Some(text), _) => CatalogSource::Fetched { url, text },
            (None, None, Some(url), None, Some(reason)) => {
                CatalogSource::Refused(crate::catalog_fetch::not_loaded(&url, reason))
            }
            (None, None, Some(url), None, None) => CatalogSource::Waiting(url),
            _ => CatalogSource::Builtin,
        };
        let theme = js_sys::Reflect::get(detail, &"theme".into())
            .ok()
            .filter(JsValue::is_object)
            .map(|t| {
                js_sys::Object::entries(t.unchecked_ref())
                    .iter()
                    .filter_map(|pair| {
                        let pair: js_sys::Array = pair.unchecked_into();
                        Some((pair.get(0).as_string()?, pair.get(1).as_string()?))
                    })
                    .filter(|(name, _)| name.starts_with("--costshare-"))
                    .collect()
            })
            .unwrap_or_default();
        let mut next = Settings {
            goal: field("goal"),
            simulations: field("simulations"),
            plans: field("plans"),
            catalog,
            theme,
        };
        let household = field("household");
        let household_error = field("householdError");
        let last = self.applied.take();
        let wrong = wrong.take();
        for name in self.wrong.iter().filter(|n| !wrong.contains(n)) {
            self.guide.problem(name, None);
        }
        self.wrong = wrong.clone();
        for name in wrong {
            if let Some(l) = &last {
                match name {
                    "goal" => next.goal = l.goal.clone(),
                    "simulations" => next.simulations = l.simulations.clone(),
                    "plans" => next.plans = l.plans.clone(),
                    _ => {}
                }
            }
            self.guide.problem(
                name,
                Some(crate::embed::EmbedError::new(
                    "INVALID_ATTRIBUTE",
                    name,
                    format!("the {name} setting must be text (a string) or null"),
                )),
            );
        }
        // Everything the first time; then what differs from the last settings.
        let new = |same: &dyn Fn(&Settings) -> bool| last.as_ref().is_none_or(|l| !same(l));
        if new(&|l| l.goal == next.goal) {
            self.guide.set_goal(next.goal.clone());
        }
        if new(&|l| l.simulations == next.simulations) {
            self.guide.set_simulations(next.simulations.clone());
        }
        if new(&|l| l.plans == next.plans) {
            self.guide.set_plans(next.plans.clone());
        }
        if new(&|l| l.catalog == next.catalog) {
            self.guide.set_catalog_source(next.catalog.clone());
        }
        if new(&|l| l.theme == next.theme) {
            set_theme(last.as_ref().map_or(&[], |l| &l.theme), &next.theme);
        }
        if let Some(h) = household {
            self.guide.set_household(h);
        } else if let Some(e) = household_error {
            self.guide.household_unreadable(e);
        } else if field("householdCleared").is_some() {
            self.guide.household_cleared();
        }
        self.applied = Some(next);
        self.start();
    }
}

/// The host page's theme (its `--costshare-*` custom properties) on this document's root.
fn set_theme(old: &[(String, String)], new: &[(String, String)]) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let style = root.style();
    for (name, _) in old {
        let _ = style.remove_property(name);
    }
    for (name, value) in new {
        let _ = style.set_property(name, value);
    }
}

/// Starts the guide for a frame of the page at `origin`: asks that page for its element's
/// settings (`costshare-frame`) and mounts the guide when they come (or after
/// [`SETTINGS_WAIT_MS`] without them).
pub fn start(origin: String) {
    let Some(w) = web_sys::window() else { return };
    let Some(doc) = w.document() else { return };
    let (Some(body), Ok(Some(parent))) = (doc.body(), w.parent()) else {
        return;
    };
    let _ = doc
        .document_element()
        .map(|e| e.set_attribute("class", "framed"));
    // Events from the guide (dispatched on the body) go to the host page.
    for kind in EVENTS {
        let (parent, origin) = (parent.clone(), origin.clone());
        let relay = Closure::<dyn Fn(web_sys::CustomEvent)>::new(move |e: web_sys::CustomEvent| {
            post(&parent, &origin, kind, &e.detail());
        });
        let _ = body.add_event_listener_with_callback(kind, relay.as_ref().unchecked_ref());
        relay.forget();
    }
    let container: web_sys::HtmlElement = match doc
        .create_element("div")
        .ok()
        .and_then(|d| d.dyn_into().ok())
    {
        Some(c) => c,
        None => return,
    };
    let _ = body.append_child(&container);
    let frame = Rc::new(RefCell::new(Frame {
        guide: Guide::unmounted(body.clone(), None),
        container: container.clone(),
        applied: None,
        wrong: Vec::new(),
    }));
    // Its height, whenever it changes.
    {
        let (parent, origin) = (parent.clone(), origin.clone());
        let on_resize = Closure::<dyn Fn()>::new(move || {
            let h = container.offset_height();
            post(&parent, &origin, "costshare-height", &JsValue::from(h));
        });
        if let Ok(observer) = web_sys::ResizeObserver::new(on_resize.as_ref().unchecked_ref()) {
            observer.observe(&body);
            std::mem::forget(observer);
        }
        on_resize.forget();
    }
    // The element's settings, from the host page only.
    let (from, settings_frame, host) = (origin.clone(), frame.clone(), parent.clone());
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |m: web_sys::MessageEvent| {
            let from_host = m
                .source()
                .is_some_and(|s| js_sys::Object::is(&s, host.as_ref()));
            if m.origin() != from || !from_host {
                return;
            }
            let data = m.data();
            let get = |k: &str| js_sys::Reflect::get(&data, &k.into()).ok();
            if get("type").and_then(|t| t.as_string()).as_deref() != Some("costshare-settings") {
                return;
            }
            let Some(detail) = get("detail").filter(JsValue::is_object) else {
                return;
            };
            settings_frame.borrow_mut().apply(&detail);
        });
    w.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    gloo::timers::callback::Timeout::new(SETTINGS_WAIT_MS, move || frame.borrow_mut().start())
        .forget();
    post(&parent, &origin, "costshare-frame", &JsValue::NULL);
}
