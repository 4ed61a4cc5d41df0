//! The saved scenario in local storage, which may be missing (blocked site data, a third-party
//! frame, a private window that refuses it): then nothing is saved and nothing breaks.

const SCENARIO: &str = "costshare.scenario";
const STARTING: &str = "costshare.starting";

fn store() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// This tab's own storage, for the start marker: another tab starting at the same moment, or
/// one closed while it started, is not a start that died (both used to clear the saved
/// entries). A reload of the tab whose start died still finds it.
fn tab_store() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The saved scenario's JSON, if there is one.
pub fn load() -> Option<String> {
    store()?.get_item(SCENARIO).ok().flatten()
}

/// Saves the scenario's JSON (quietly does nothing without storage).
pub fn save(json: &str) {
    if let Some(s) = store() {
        let _ = s.set_item(SCENARIO, json);
    }
}

/// Forgets the saved scenario.
pub fn clear() {
    if let Some(s) = store() {
        let _ = s.remove_item(SCENARIO);
    }
}

/// Marks the start of the page. Returns true when the last start never finished (the page died
/// while opening): its saved scenario is dropped, so the page cannot die the same way again.
pub fn begin_start() -> bool {
    let Some(tab) = tab_store() else {
        return false;
    };
    let died = tab.get_item(STARTING).ok().flatten().is_some();
    if died {
        clear();
    }
    let _ = tab.set_item(STARTING, "1");
    died
}

/// The page is up.
pub fn started() {
    if let Some(tab) = tab_store() {
        let _ = tab.remove_item(STARTING);
    }
}
