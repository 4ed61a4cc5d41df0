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
    bridge: WorkerBridge<SimWorker>,
}

impl Simulator {
    /// Starts the worker (loaded by [`WORKER_LOADER`] from the page's own module); `on_event`
    /// gets every answer, on the page's thread. Requests sent before the worker has loaded wait
    /// for it. `None` when the page's module cannot be found.
    pub fn new(on_event: impl Fn(SimEvent) + 'static) -> Option<Simulator> {
        let (glue, wasm) = module_urls()?;
        let base = web_sys::window()?.location().href().ok()?;
        let loader = web_sys::Url::new_with_base(WORKER_LOADER, &base).ok()?;
        let params = loader.search_params();
        params.set("glue", &glue);
        params.set("wasm", &wasm);
        let mut spawner = SimWorker::spawner();
        spawner.callback(move |response: SimResponse| on_event(response.into()));
        Some(Simulator {
            bridge: spawner.spawn_with_loader(&loader.href()),
        })
    }

    /// Sets the catalog the worker compares (None = built-in). A catalog that does not load
    /// answers `Failed` with [`CATALOG_FAILED`] and the worker keeps its previous one.
    pub fn set_catalog(&self, catalog_json: Option<String>) {
        self.bridge.send(SimRequest::SetCatalog(catalog_json));
    }

    /// Starts a run; results for older ids may still arrive and the caller ignores them. Runs
    /// happen one after another, in the order asked.
    pub fn run(&self, id: u64, household_json: String) {
        self.bridge.send(SimRequest::Run {
            id,
            household: household_json,
        });
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
