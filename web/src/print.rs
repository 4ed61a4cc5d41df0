//! "Print a one-page summary". On the site the page prints itself (its print stylesheet shows
//! the summary alone). Inside a host page a plain `print()` would print the host's whole page
//! with the guide somewhere in it, so while the browser prints, the guide's element and each
//! element above it are marked, and a stylesheet on the host document hides everything else and
//! lets the guide take the page's width. The marks and the stylesheet go when printing ends.
//! The stylesheet is a constructed one, so a host's Content-Security-Policy (`style-src`)
//! allows it.

use gloo::events::EventListener;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

/// The attribute that marks the guide's element and its ancestors while printing.
const MARK: &str = "data-costshare-printing";

/// Hides all but the marked path, and undoes the host page's layout along it.
const SHEET: &str = "@media print {\
 [data-costshare-printing] > :not([data-costshare-printing]) { display: none !important; }\
 [data-costshare-printing] { display: block !important; position: static !important;\
 float: none !important; width: auto !important; max-width: none !important;\
 height: auto !important; min-height: 0 !important; margin: 0 !important; padding: 0 !important;\
 border: 0 !important; overflow: visible !important; transform: none !important;\
 box-shadow: none !important; background: none !important; }\
}";

thread_local! {
    /// The marked elements, the roots holding the stylesheet, and the listener that undoes both.
    static PRINTING: RefCell<Option<Printing>> = const { RefCell::new(None) };
}

struct Printing {
    marked: Vec<web_sys::Element>,
    roots: Vec<(JsValue, web_sys::CssStyleSheet)>,
    _after: EventListener,
}

/// Prints the page, or (with `host`, the guide's element in a host page) the guide alone.
pub fn print(host: Option<&web_sys::HtmlElement>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(host) = host {
        finish();
        if let Some(printing) = isolate(&window, host) {
            PRINTING.with(|p| *p.borrow_mut() = Some(printing));
        }
    }
    let _ = window.print();
}

/// Marks `host` and its ancestors (through any shadow roots the host page puts it in) and adds
/// the stylesheet to each document or shadow root on the way.
fn isolate(window: &web_sys::Window, host: &web_sys::HtmlElement) -> Option<Printing> {
    let sheet = web_sys::CssStyleSheet::new().ok()?;
    sheet.replace_sync(SHEET).ok()?;
    let mut marked = Vec::new();
    let mut roots = Vec::new();
    let mut element: Option<web_sys::Element> = Some(host.clone().into());
    while let Some(e) = element {
        let _ = e.set_attribute(MARK, "");
        element = e.parent_element();
        if element.is_none() {
            let root = e.get_root_node();
            if let Some(shadow) = root.dyn_ref::<web_sys::ShadowRoot>() {
                adopt(shadow.as_ref(), &sheet, &mut roots);
                element = Some(shadow.host());
            } else if let Some(document) = root.dyn_ref::<web_sys::Document>() {
                adopt(document.as_ref(), &sheet, &mut roots);
            }
        }
        marked.push(e);
    }
    let after = EventListener::once(window, "afterprint", |_| finish());
    Some(Printing {
        marked,
        roots,
        _after: after,
    })
}

/// Adds `sheet` to a document's or shadow root's `adoptedStyleSheets`.
fn adopt(
    root: &JsValue,
    sheet: &web_sys::CssStyleSheet,
    roots: &mut Vec<(JsValue, web_sys::CssStyleSheet)>,
) {
    let key = JsValue::from_str("adoptedStyleSheets");
    let Ok(current) = js_sys::Reflect::get(root, &key) else {
        return;
    };
    let sheets = js_sys::Array::from(&current);
    sheets.push(sheet);
    if js_sys::Reflect::set(root, &key, &sheets).unwrap_or(false) {
        roots.push((root.clone(), sheet.clone()));
    }
}

/// Takes the marks and the stylesheets away again.
fn finish() {
    let Some(printing) = PRINTING.with(|p| p.borrow_mut().take()) else {
        return;
    };
    for e in &printing.marked {
        let _ = e.remove_attribute(MARK);
    }
    let key = JsValue::from_str("adoptedStyleSheets");
    for (root, sheet) in &printing.roots {
        if let Ok(current) = js_sys::Reflect::get(root, &key) {
            let sheets = js_sys::Array::from(&current);
            let sheet: &JsValue = sheet.as_ref();
            let kept: js_sys::Array = sheets.iter().filter(|s| s != sheet).collect();
            let _ = js_sys::Reflect::set(root, &key, &kept);
        }
    }
}
