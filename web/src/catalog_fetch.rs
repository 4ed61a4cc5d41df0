//! Loading an employer catalog named by `?catalog=` (issue 10, item 6): only from the site's own
//! origin or an origin the host allows in `public/costshare.config.json`; the rules themselves
//! are in [`crate::catalog_source`] (tested natively). Also the banner that names the catalog
//! and its origin whenever the plans are not the built-in ones, and fetching the catalog a host
//! page set on the embedded guide ([`fetch_host_catalog`]). Every "catalog cannot be used"
//! message is worded here.

use crate::catalog_source::{self, Address, CONFIG_PATH, DeployConfig, Trust};
use costshare_plan::LoadedPlan;
use leptos::prelude::*;
use web_sys::RequestRedirect;

/// The largest catalog read (bytes).
const MAX_CATALOG_BYTES: usize = 5_000_000;

/// How long a catalog may take to arrive, in full, before the page gives up on it.
const CATALOG_TIMEOUT_MS: u32 = 30_000;

/// A catalog fetched within [`CATALOG_TIMEOUT_MS`] and, where the server says its length,
/// refused before its body when it is over [`MAX_CATALOG_BYTES`]: the address it was answered
/// from and its text. `why_not` words a failure to fetch (the address as shown, and what went
/// wrong).
async fn fetch_catalog(
    url: &str,
    shown: &str,
    no_redirect: bool,
    why_not: impl Fn(String) -> String,
) -> Result<(String, String), String> {
    let controller = web_sys::AbortController::new().ok();
    let timed_out = std::rc::Rc::new(std::cell::Cell::new(false));
    let timer = controller.clone().map(|c| {
        let timed_out = timed_out.clone();
        gloo::timers::callback::Timeout::new(CATALOG_TIMEOUT_MS, move || {
            timed_out.set(true);
            c.abort();
        })
    });
    let late = || {
        format!(
            "the catalog at {shown} did not arrive within {} seconds",
            CATALOG_TIMEOUT_MS / 1000
        )
    };
    let mut request = gloo::net::http::Request::get(url)
        .abort_signal(controller.as_ref().map(|c| c.signal()).as_ref());
    if no_redirect {
        request = request.redirect(RequestRedirect::Error);
    }
    let response = request.send().await.map_err(|e| {
        if timed_out.get() {
            late()
        } else {
            why_not(e.to_string())
        }
    })?;
    refused_by_server(shown, &response)?;
    let length = response
        .headers()
        .get("content-length")
        .and_then(|l| l.trim().parse::<u64>().ok());
    if length.is_some_and(|l| l > MAX_CATALOG_BYTES as u64) {
        if let Some(c) = &controller {
            c.abort();
        }
        return Err(too_large(shown));
    }
    let text = response.text().await.map_err(|e| {
        if timed_out.get() {
            late()
        } else {
            not_read(shown, e)
        }
    })?;
    drop(timer);
    Ok((response.url(), text))
}

fn too_large(shown: &str) -> String {
    format!("the catalog at {shown} is larger than 5 MB")
}

/// Where the plans on the page come from, when not built in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The catalog's address.
    pub url: String,
    /// Its origin, like `https://benefits.example.com`.
    pub origin: String,
    /// The catalog's own name, cleaned for display.
    pub name: Option<String>,
    /// Whether it is this site's own origin.
    pub same_origin: bool,
}

/// A catalog that loaded and checked.
pub struct Loaded {
    /// Its plans.
    pub plans: Vec<LoadedPlan>,
    /// Its text, for the worker.
    pub text: String,
    /// Where it came from.
    pub source: Source,
}

/// The `?catalog=` address, resolved against the page by the browser's URL parser (relative
/// addresses, international names, default ports) and then checked by the strict parser.
/// `None` when the link names no catalog.
pub fn requested() -> Option<Result<Address, String>> {
    let location = web_sys::window()?.location();
    let search = location.search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    let raw = params.get("catalog")?;
    if raw.trim().is_empty() {
        // Resolved, an empty address is the page itself.
        return Some(Err(
            "the link names no catalog: its “catalog=” is empty".into()
        ));
    }
    let base = location.href().ok()?;
    Some(match web_sys::Url::new_with_base(&raw, &base) {
        Ok(url) => {
            if !url.username().is_empty() || !url.password().is_empty() {
                Err(format!(
                    "the catalog address \"{}\" has a user name or password before \"@\"; addresses with \"@\" are not allowed",
                    catalog_source::shown(&raw)
                ))
            } else {
                catalog_source::parse_address(&url.href()).map_err(|e| {
                    if e.contains("only http and https") {
                        format!(
                            "the catalog address \"{}\" uses \"{}\"; only http and https addresses are allowed",
                            catalog_source::shown(&raw),
                            catalog_source::shown(&url.protocol())
                        )
                    } else {
                        format!("the catalog address is not usable: {e}")
                    }
                })
            }
        }
        Err(_) => Err(format!(
            "\"{}\" is not a web address",
            catalog_source::shown(&raw)
        )),
    })
}

fn site() -> Result<catalog_source::Origin, String> {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    catalog_source::site_origin(&origin)
}

/// The deployment file: `Ok(None)` when there is none (404), `Err` with the reason when it
/// cannot be used.
async fn deploy_config() -> Result<Option<DeployConfig>, String> {
    let response = gloo::net::http::Request::get(CONFIG_PATH)
        .redirect(RequestRedirect::Error)
        .send()
        .await
        .map_err(|e| format!("{CONFIG_PATH} could not be loaded ({e})"))?;
    match response.status() {
        404 => return Ok(None),
        200 => {}
        s => {
            return Err(format!(
                "{CONFIG_PATH} could not be loaded: the server answered {s} {}",
                response.status_text()
            ));
        }
    }
    let text = response
        .text()
        .await
        .map_err(|e| format!("{CONFIG_PATH} could not be read ({e})"))?;
    catalog_source::parse_config(&text).map(Some)
}

/// Why the catalog at `url` is not there, as the guide says it (also for iframe mode, where the
/// host page fetches the catalog and sends only the reason).
pub fn not_loaded(url: &str, reason: impl std::fmt::Display) -> String {
    format!("the catalog at {url} could not be loaded ({reason})")
}

/// Why the catalog at `url` arrived but its text could not be read.
fn not_read(url: &str, reason: impl std::fmt::Display) -> String {
    format!("the catalog at {url} could not be read ({reason})")
}

/// An error unless the server answered with success.
fn refused_by_server(url: &str, response: &gloo::net::http::Response) -> Result<(), String> {
    if response.ok() {
        return Ok(());
    }
    let answer = format!(
        "the server answered {} {}",
        response.status(),
        response.status_text()
    );
    Err(not_loaded(url, answer.trim_end()))
}

/// A catalog file's plans, or why not as one message naming `url`: too large, or its problems.
pub fn read_catalog(url: &str, text: &str) -> Result<Vec<LoadedPlan>, String> {
    if text.len() > MAX_CATALOG_BYTES {
        return Err(too_large(url));
    }
    costshare_plan::load_catalog(text)
        .map_err(|problems| with_problems(&format!("the catalog at {url}"), &problems))
}

/// "`catalog` has problems:" and the first 50 of them, one a line.
pub fn with_problems(catalog: &str, problems: &[impl std::fmt::Display]) -> String {
    let list: Vec<String> = problems.iter().take(50).map(|p| p.to_string()).collect();
    format!("{catalog} has problems:\n{}", list.join("\n"))
}

/// Fetches a catalog the host page itself set on the embedded guide (the host's own choice,
/// under the host's CSP, so none of [`load`]'s origin rules): its plans and its text.
pub async fn fetch_host_catalog(url: &str) -> Result<(Vec<LoadedPlan>, String), String> {
    let (_, text) = fetch_catalog(url, url, false, |e| {
        format!("{}. The host page's Content-Security-Policy (connect-src) must allow the catalog's origin, and a catalog on another origin must be served with an Access-Control-Allow-Origin header for this page", not_loaded(url, e))
    })
    .await?;
    let plans = read_catalog(url, &text)?;
    Ok((plans, text))
}

/// Checks where the catalog comes from (reading the deployment file only when it is not this
/// site's own), then fetches and checks it.
pub async fn load(address: Address) -> Result<Loaded, String> {
    let site = site()?;
    let trust = if address.origin == site {
        Trust::SameOrigin
    } else {
        let (config, problem) = match deploy_config().await {
            Ok(c) => (c, None),
            Err(e) => (None, Some(e)),
        };
        catalog_source::check(&address, &site, config.as_ref(), problem.as_deref())?
    };
    let url = address.href.clone();
    let shown_url = catalog_source::shown(&url);
    // A redirect could lead anywhere: refuse it. The browser reports a refused redirect, a
    // server that does not answer, a Content-Security-Policy that blocks the address and a
    // missing CORS header all as one network error: say which it can be.
    let (final_url, text) = fetch_catalog(&url, &shown_url, true, |e| {
        let message = not_loaded(&shown_url, e);
        if trust == Trust::SameOrigin {
            format!("{message}: the server did not answer, or the address redirects elsewhere, which a catalog address may not do")
        } else {
            format!("{message}. A catalog on another site must be served with the header \"Access-Control-Allow-Origin: {site}\" (or \"*\"), and this site's Content-Security-Policy (connect-src) must list {}; a catalog address may not redirect", address.origin)
        }
    })
    .await?;
    if !final_url.is_empty()
        && catalog_source::parse_address(&final_url)
            .map(|a| a.origin)
            .as_ref()
            != Ok(&address.origin)
    {
        return Err(format!(
            "the catalog at {shown_url} was answered from {}; only {} is allowed",
            catalog_source::shown(&final_url),
            address.origin
        ));
    }
    let plans = read_catalog(&shown_url, &text)?;
    let name = catalog_source::catalog_name(&text);
    Ok(Loaded {
        plans,
        text,
        source: Source {
            url,
            origin: address.origin.to_string(),
            name,
            same_origin: trust == Trust::SameOrigin,
        },
    })
}

/// Names the catalog and where it comes from, at the top of the page, whenever the plans are
/// not the built-in ones.
#[component]
pub fn SourceBanner(
    /// The catalog's source.
    source: Source,
) -> impl IntoView {
    let name = source
        .name
        .clone()
        .unwrap_or_else(|| "An unnamed plan catalog".to_string());
    view! {
        <section class="catalog-source" aria-labelledby="catalog-source-h" data-origin=source.origin.clone()>
            <h2 id="catalog-source-h">"Plans from: " <span class="catalog-name">{name}</span></h2>
            <p>
                "Published at " <strong class="catalog-origin">{source.origin.clone()}</strong>
                {if source.same_origin {
                    " (this site)."
                } else {
                    ", a site this site's host allows. Check that this is your employer's before relying on the numbers."
                }}
            </p>
        </section>
    }
}
