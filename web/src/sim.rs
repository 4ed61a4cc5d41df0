//! The decision model's simulation in a web worker, so the page never freezes.
//!
//! The worker runs the page's own wasm module: `public/sim-worker.js` imports the same
//! JavaScript glue and wasm file the page loaded (so the browser answers from its cache instead
//! of downloading a second module) and calls [`costshare_worker_start`], which registers
//! [`SimWorker`]. [`Simulator`] is the page's handle on it. The work itself is
//! [`crate::protocol::Simulation`].

use crate::protocol::{CATALOG_ID, SimRequest, SimResponse, Simulation};
use costshare_decision::report::Report;
use gloo::worker::{HandlerId, Spawnable, Worker, WorkerBridge, WorkerScope};

/// The worker's loader script, copied from `public/` by Trunk.
pub const WORKER_LOADER: &str = "public/sim-worker.js";

/// Registers the simulation worker; called by `public/sim-worker.js` inside the worker.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn costshare_worker_start() {
    use gloo::worker::Registrable;
    SimWorker::registrar().register();
}

/// The page's JavaScript glue and wasm addresses, from the preload links Trunk writes.
fn module_urls() -> Option<(String, String)> {
    let document = web_sys::window()?.document()?;
    let href = |selector: &str| -> Option<String> {
        document
            .query_selector(selector)
            .ok()??
            .get_attribute("href")
    };
    let base = web_sys::window()?.location().href().ok()?;
    let absolute = |h: String| {
        web_sys::Url::new_with_base(&h, &base)
            .ok()
            .map(|u| u.href())
    };
    Some((
        absolute(href("link[rel=modulepreload]")?)?,
        absolute(href("link[rel=preload][as=fetch]")?)?,
    ))
}

/// A worker loader for a module that may be on another origin: JavaScript that imports it,
/// as a `blob:` address of this page's origin. The addresses go in as JSON strings.
fn blob_loader(glue: &str, wasm: &str) -> Option<String> {
    let quote = |s: &str| serde_json::to_string(s).ok();
    blob_url(&format!(
        "import({}).then(async (m) => {{ await m.default({{ module_or_path: {} }}); m.costshare_worker_start(); }});",
        quote(glue)?,
        quote(wasm)?
    ))
}

/// JavaScript as a `blob:` address of this page's origin.
fn blob_url(code: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(code));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    web_sys::Url::create_object_url_with_blob(&blob).ok()
}

/// The id of a [`SimEvent::Failed`] that reports a catalog [`Simulator::set_catalog`] could
/// not load (the worker keeps its previous catalog).
pub const CATALOG_FAILED: u64 = CATALOG_ID;

/// What the worker reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SimEvent {
    /// `done` of `total` simulated years (first `done == 0`, last `done == total`).
    Progress {
        /// The run.
        id: u64,
        /// Years simulated so far.
        done: u32,
        /// Years to simulate.
        total: u32,
    },
    /// The run finished.
    Done {
        /// The run.
        id: u64,
        /// The comparison (without the claim-by-claim lines).
        report: Report,
    },
    /// The run failed, or with `id ==` [`CATALOG_FAILED`], a catalog did not load.
    Failed {
        /// The run, or [`CATALOG_FAILED`].
        id: u64,
        /// Every problem, joined with "; ".
        message: String,
    },
}

impl From<SimResponse> for SimEvent {
    fn from(response: SimResponse) -> SimEvent {
        match response {
            SimResponse::Progress { id, done, total } => SimEvent::Progress { id, done, total },
            SimResponse::Done { id, report } => match serde_json::from_str(&report) {
                Ok(report) => SimEvent::Done { id, report },
                Err(e) => SimEvent::Failed {
                    id,
                    message: format!("the worker's report does not read: {e}"),
                },
            },
            SimResponse::Failed { id, message } => SimEvent::Failed { id, message },
        }
    }
}

/// The page's handle on the simulation worker. Dropping it closes the worker (after the run in
/// progress) and stops the events.
pub struct Simulator {
    backend: Backend,
}

/// Years a run may simulate on the page's own thread (when no worker may start).
pub const INLINE_SIMULATIONS: u32 = 2_000;

enum Backend {
    Worker(WorkerBridge<SimWorker>),
    /// No worker may start (a host page's Content-Security-Policy without `worker-src blob:`):
    /// shorter runs on the page's thread, after the current event.
    Inline {
        simulation: std::rc::Rc<std::cell::RefCell<Simulation>>,
        on_event: std::rc::Rc<dyn Fn(SimEvent)>,
    },
}

/// Whether the page may start a worker from this address (a Content-Security-Policy may refuse
/// it, and the worker library would panic on the refusal).
fn may_start_worker(address: &str) -> bool {
    match web_sys::Worker::new(address) {
        Ok(w) => {
            w.terminate();
            true
        }
        Err(_) => false,
    }
}

impl Simulator {
    /// Starts the worker; `on_event` gets every answer, on the page's thread. Requests sent
    /// before the worker has loaded wait for it. On the stand-alone site the worker is loaded by
    /// [`WORKER_LOADER`] from the page's own module; inside a host page (`module` = the glue and
    /// wasm addresses, perhaps on another origin) by a loader made on the spot (a `blob:` address
    /// of the page's own origin, since browsers refuse worker scripts from other origins), which
    /// imports the module (served with CORS). `None` when the module cannot be found.
    pub fn new(
        module: Option<(String, String)>,
        on_event: impl Fn(SimEvent) + 'static,
    ) -> Option<Simulator> {
        let loader = match module {
            Some((glue, wasm)) => blob_loader(&glue, &wasm)?,
            None => {
                let (glue, wasm) = module_urls()?;
                let base = web_sys::window()?.location().href().ok()?;
                let loader = web_sys::Url::new_with_base(WORKER_LOADER, &base).ok()?;
                let params = loader.search_params();
                params.set("glue", &glue);
                params.set("wasm", &wasm);
                loader.href()
            }
        };
        // Inside a host page, check with an empty `blob:` worker that the page's policy allows
        // one (the site's own policy allows its same-origin worker).
        if loader.starts_with("blob:") && !blob_url("").as_deref().is_some_and(may_start_worker) {
            return Some(Simulator {
                backend: Backend::Inline {
                    simulation: Default::default(),
                    on_event: std::rc::Rc::new(on_event),
                },
            });
        }
        let mut spawner = SimWorker::spawner();
        spawner.callback(move |response: SimResponse| on_event(response.into()));
        Some(Simulator {
            backend: Backend::Worker(spawner.spawn_with_loader(&loader)),
        })
    }

    /// True when runs happen on the page's thread ([`INLINE_SIMULATIONS`] years at most).
    pub fn inline(&self) -> bool {
        matches!(self.backend, Backend::Inline { .. })
    }

    fn send(&self, request: SimRequest) {
        match &self.backend {
            Backend::Worker(bridge) => bridge.send(request),
            Backend::Inline {
                simulation,
                on_event,
            } => {
                let (simulation, on_event) = (simulation.clone(), on_event.clone());
                gloo::timers::callback::Timeout::new(0, move || {
                    simulation
                        .borrow_mut()
                        .handle(request, &mut |r| on_event(r.into()));
                })
                .forget();
            }
        }
    }

    /// Sets the catalog the worker compares (None = built-in). A catalog that does not load
    /// answers `Failed` with [`CATALOG_FAILED`] and the worker keeps its previous one.
    pub fn set_catalog(&self, catalog_json: Option<String>) {
        self.send(SimRequest::SetCatalog(catalog_json));
    }

    /// Starts a run; results for older ids may still arrive and the caller ignores them. Runs
    /// happen one after another, in the order asked.
    pub fn run(&self, id: u64, household_json: String) {
        let household = if self.inline() {
            match costshare_plan::from_json::<costshare_decision::file::HouseholdFile>(
                &household_json,
            ) {
                Ok(mut h) => {
                    h.simulations = Some(
                        h.simulations
                            .unwrap_or(INLINE_SIMULATIONS)
                            .min(INLINE_SIMULATIONS),
                    );
                    crate::model::to_json(&h)
                }
                Err(_) => household_json,
            }
        } else {
            household_json
        };
        self.send(SimRequest::Run { id, household });
    }
}

/// The worker: holds the catalog in use and runs comparisons.
pub struct SimWorker {
    simulation: Simulation,
}

impl Worker for SimWorker {
    type Message = ();
    type Input = SimRequest;
    type Output = SimResponse;

    fn create(_scope: &WorkerScope<Self>) -> SimWorker {
        SimWorker {
            simulation: Simulation::new(),
        }
    }

    fn update(&mut self, _scope: &WorkerScope<Self>, _msg: ()) {}

    fn received(&mut self, scope: &WorkerScope<Self>, msg: SimRequest, id: HandlerId) {
        self.simulation
            .handle(msg, &mut |response| scope.respond(id, response));
    }
}
