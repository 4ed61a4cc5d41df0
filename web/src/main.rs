//! Entry point: mounts the app in the browser.

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // Inside the simulation worker there is no page: `public/sim-worker.js` starts the worker.
    if web_sys::window().is_some() {
        leptos::mount::mount_to_body(costshare_web::app::App);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("costshare-web runs in the browser: build it with `trunk build --release`.");
}
