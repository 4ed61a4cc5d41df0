//! The page's components, one module per region: [`inputs`] (household, care, money),
//! [`verdict`] (the answer first, and the phone's sticky bar), [`cards`] (plan cards and any
//! combination), [`detail`] (tables, charts, claim lines, behind disclosures) and [`print`].
//! Components only show and collect; what they show is worked out in plain Rust
//! ([`crate::verdict`], [`crate::cards`], [`crate::model`], [`crate::charts`]).

pub mod cards;
pub mod detail;
pub mod inputs;
pub mod print;
pub mod results;
pub mod verdict;

use costshare_decision::report::Report;
use costshare_plan::LoadedPlan;
use leptos::prelude::*;
use std::sync::Arc;

/// Where the plans come from.
#[derive(Clone)]
pub struct Catalog {
    pub plans: Arc<Vec<LoadedPlan>>,
    /// The employer catalog's address, when one was loaded.
    pub url: Option<String>,
    /// The catalog file's text as it came, for the simulation's workers (`None`: built in).
    pub text: Option<Arc<String>>,
}

impl Catalog {
    /// The same plans (shared, not merely equal) from the same address.
    pub fn same(&self, other: &Catalog) -> bool {
        Arc::ptr_eq(&self.plans, &other.plans)
            && self.url == other.url
            && self.text.as_ref().map(Arc::as_ptr) == other.text.as_ref().map(Arc::as_ptr)
    }
}

/// State of the background simulation.
#[derive(Clone, Debug, PartialEq)]
pub enum Sim {
    Idle,
    Running { id: u64, done: u32, total: u32 },
    Done { id: u64, report: Box<Report> },
    Failed(String),
}

/// A disclosure (`<details>`) whose content is built the first time it opens and then kept
/// (with what was typed or chosen in it). The first render skips what most people never open,
/// which is most of the page's elements.
#[component]
pub fn Disclosure(
    #[prop(optional)] id: Option<&'static str>,
    #[prop(optional)] class: Option<&'static str>,
    summary: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    // A closed disclosure can only toggle open, so the first toggle is the first opening.
    let opened = RwSignal::new(false);
    view! {
        <details id=id class=class on:toggle=move |_| if !opened.get_untracked() { opened.set(true) }>
            <summary>{summary}</summary>
            {move || opened.get().then(|| children())}
        </details>
    }
}

/// Problems of the current entries by field path: `(path, message)`.
#[derive(Clone, Copy)]
pub struct FieldProblems(pub Memo<Vec<(String, String)>>);

/// The message for a field's path, if the current entries have a problem there.
pub fn field_problem(path: String) -> Option<String> {
    let FieldProblems(problems) = use_context::<FieldProblems>()?;
    problems.with(|ps| {
        ps.iter()
            .find(|(p, _)| *p == path)
            .map(|(_, m)| capitalize(m))
    })
}

/// `s` with its first letter capitalized. ASCII only, like the other case changes in the site:
/// Rust's Unicode case tables are 16 KB of the gzip-compressed wasm (issue 12), and the texts
/// changed are the program's own words and plan names, which keep any other first letter as is.
pub fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
        .unwrap_or_default()
}

/// The document or shadow root an event happened in: where the guide's ids are unique.
fn root_of(ev: &web_sys::Event) -> Option<web_sys::Node> {
    use wasm_bindgen::JsCast;
    let node: web_sys::Node = ev.target()?.dyn_into().ok()?;
    Some(node.get_root_node())
}

/// Finds an element by id in a document or shadow root.
fn find_in(root: &web_sys::Node, id: &str) -> Option<web_sys::Element> {
    use wasm_bindgen::JsCast;
    match root.dyn_ref::<web_sys::DocumentFragment>() {
        Some(shadow) => shadow.get_element_by_id(id),
        None => root.dyn_ref::<web_sys::Document>()?.get_element_by_id(id),
    }
}

/// The fields whose typed text cannot be used (an age of "forty", a premium of "80/month"):
/// their own message says why, and the answer is for the last complete entries meanwhile.
/// `reset` counts the times the entries were replaced whole ("Start over", "Undo"): the fields
/// then drop their typed text and its message.
#[derive(Clone, Copy)]
pub struct TypedErrors {
    pub fields: RwSignal<std::collections::BTreeSet<String>>,
    pub reset: RwSignal<u32>,
}

/// Keeps [`TypedErrors`] up to date with a field's own `error` (and forgets the field when it
/// goes); the message goes when the entries are replaced whole.
pub fn track_error(id: String, error: RwSignal<Option<String>>) {
    let Some(TypedErrors { fields, reset }) = use_context::<TypedErrors>() else {
        return;
    };
    let key = id.clone();
    Effect::new(move |_| {
        let bad = error.with(Option::is_some);
        fields.maybe_update(|s| {
            if bad {
                s.insert(key.clone())
            } else {
                s.remove(&key)
            }
        });
    });
    Effect::new(move |before: Option<()>| {
        reset.track();
        if before.is_some() {
            error.set(None);
        }
    });
    on_cleanup(move || fields.maybe_update(|s| s.remove(&id)));
}

/// Tracks [`TypedErrors::reset`], for a field's value: after "Start over" or "Undo" the field
/// shows the entries' value again, not the text typed before.
pub fn track_reset() {
    if let Some(t) = use_context::<TypedErrors>() {
        t.reset.track();
    }
}

/// Finds an element by id in the root an event happened in.
fn find(ev: &web_sys::Event, id: &str) -> Option<web_sys::Element> {
    find_in(&root_of(ev)?, id)
}

/// Opens the disclosure with this id (and any it sits in), scrolls it into view and moves focus
/// to it. The page's address keeps the scenario, so in-page links cannot use `#id`; inside a
/// host page the element is looked up in the guide's shadow root.
pub fn reveal(ev: &web_sys::Event, id: &str) {
    let Some(el) = find(ev, id) else {
        return;
    };
    let mut node = Some(el.clone());
    while let Some(n) = node {
        if n.tag_name().eq_ignore_ascii_case("details") {
            let _ = n.set_attribute("open", "");
        }
        node = n.parent_element();
    }
    el.scroll_into_view();
    // A disclosure takes focus on its summary, where the keyboard can close it again.
    let target = if el.tag_name().eq_ignore_ascii_case("details") {
        el.query_selector("summary").ok().flatten().unwrap_or(el)
    } else {
        el
    };
    if let Ok(h) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(target) {
        let _ = h.focus();
    }
}

/// Moves focus to an element after the view has updated (for example to a person just added).
pub fn focus_soon(ev: &web_sys::Event, id: String) {
    let Some(root) = root_of(ev) else { return };
    gloo::timers::callback::Timeout::new(0, move || {
        use wasm_bindgen::JsCast;
        if let Some(h) = find_in(&root, &id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = h.focus();
        }
    })
    .forget();
}
