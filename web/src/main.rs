//! Entry point: mounts the app in the browser.

#[cfg(target_arch = "wasm32")]
fn main() {
    // A panic stops the module for good with a WebAssembly trap, which the page turns into its
    // crash page (`public/boot.js`). Built as `.ci/trunk` builds the site, a panic aborts at once
    // and no hook runs; in other builds this hook first writes the panic's message to the console.
    console_error_panic_hook::set_once();
    // Inside the simulation worker there is no page: `public/sim-worker.js` starts the worker.
    // In a host page (`<costshare-guide>`) the element mounts the guide itself
    // (`costshare_web::widget`); only the site's own page says it is the site.
    let is_site = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.query_selector("meta[name=costshare][content=site]")
                .ok()
                .flatten()
        })
        .is_some();
    if !is_site {
        return;
    }
    // The build's snapshot of the starting page (web/embed/snapshot.mjs), on view until now.
    let snapshot = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector("[data-snapshot]").ok().flatten());
    // In a frame of a host page (`?embed=<its origin>`): the guide alone, talking to that page.
    match costshare_web::frame::parent_origin() {
        Some(origin) => costshare_web::frame::start(origin),
        None => leptos::mount::mount_to_body(|| leptos::view! { <costshare_web::app::App /> }),
    }
    // Gone in the task that put the live page in its place, so nothing is drawn in between.
    if let Some(snapshot) = snapshot {
        snapshot.remove();
    }
    costshare_web::sim::mark(costshare_web::sim::READY_MARK);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("costshare-web runs in the browser: build it with `.ci/trunk build --release`.");
}
