//! Iframe mode: the site opened with `?embed=<host page origin>` shows only the guide, and sends
//! its events and its height to the host page with `postMessage`, to that origin only. The host
//! page's `<costshare-guide mode="iframe">` re-dispatches them and sends the element's settings
//! back (`costshare-settings`), which are taken only from that origin and that window.

use crate::widget::{Guide, mount};
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

/// Mounts the guide for a frame of the page at `origin`.
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
    let guide: &'static Guide = Box::leak(Box::new(mount(container.clone(), body.clone(), None)));
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
    let from = origin.clone();
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |m: web_sys::MessageEvent| {
            if m.origin() != from {
                return;
            }
            let data = m.data();
            let get = |k: &str| js_sys::Reflect::get(&data, &k.into()).ok();
            if get("type").and_then(|t| t.as_string()).as_deref() != Some("costshare-settings") {
                return;
            }
            let Some(detail) = get("detail") else { return };
            let field = |k: &str| {
                js_sys::Reflect::get(&detail, &k.into())
                    .ok()
                    .and_then(|v| v.as_string())
            };
            guide.set_goal(field("goal"));
            guide.set_simulations(field("simulations"));
            guide.set_plans(field("plans"));
            guide.set_catalog(field("catalog"), field("catalogObject"));
            if let Some(h) = field("household") {
                guide.set_household(h);
            }
        });
    w.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
}
