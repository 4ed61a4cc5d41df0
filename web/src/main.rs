//! Entry point: mounts the app in the browser.

#[cfg(target_arch = "wasm32")]
fn main() {
    // A panic kills the app: log it, then replace the page with a message and "Start over".
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        costshare_web::app::show_crash();
    }));
    // Inside the simulation worker there is no page: `public/sim-worker.js` starts the worker.
    if web_sys::window().is_some() {
        leptos::mount::mount_to_body(costshare_web::app::App);
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("costshare-web runs in the browser: build it with `trunk build --release`.");
}
