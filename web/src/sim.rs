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

/// Performance marks (see the browser's `performance.getEntriesByName`): a run was asked for,
/// and its result is on the page. The end-to-end test reads them to report how long a run takes.
pub const RUN_MARK: &str = "costshare-simulation-run";
/// See [`RUN_MARK`].
pub const SHOWN_MARK: &str = "costshare-simulation-shown";
/// The live page is on view and answers input (it replaced the build's snapshot, if any).
pub const READY_MARK: &str = "costshare-ready";

/// Sets a performance mark (nothing happens where there is no `performance`).
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

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

/// A run on the page's thread simulates at most [`INLINE_SIMULATIONS`] years.
fn shorter(household_json: String) -> String {
    match costshare_plan::from_json::<costshare_decision::file::HouseholdFile>(&household_json) {
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
}

/// A worker loader for a module that may be on another origin: JavaScript that imports it,
/// as a `blob:` address of this page's origin. The addresses go in as JSON strings. Like
/// `public/sim-worker.js`, it takes the wasm from the browser's cache when the page left it there
/// (the address carries the file's hash) and reports a trap of the module on the pool's channel
/// ([`StopWatch`]).
fn blob_loader(glue: &str, wasm: &str) -> Option<String> {
    let quote = |s: &str| serde_json::to_string(s).ok();
    blob_url(&format!(
        "const stopped = (e) => {{ if (!(e instanceof WebAssembly.RuntimeError)) return; \
         const c = new BroadcastChannel(decodeURIComponent(location.hash.slice(1))); \
         c.postMessage('stopped'); c.close(); close(); }}; \
         addEventListener('error', (e) => stopped(e.error)); \
         addEventListener('unhandledrejection', (e) => stopped(e.reason)); \
         import({}).then(async (m) => {{ await m.default({{ module_or_path: new Request({}, {{ cache: 'force-cache' }}) }}); m.costshare_worker_start(); }});",
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

thread_local! {
    /// The household file and report of the last run the workers finished on this page.
    static LAST_REPORT: RefCell<Option<(String, Report)>> = const { RefCell::new(None) };
}

/// The element of `index.html` that holds the build's simulation of the starting household:
/// a [`crate::protocol::starting_payload`] in hexadecimal (web/embed/snapshot.mjs writes it;
/// hexadecimal compresses better than base64: 5.2 against 6.3 KB gzip).
const STARTING_REPORT: &str = "costshare-starting-report";

/// The build's 10,000-year report for `household_json` with the built-in catalog, if
/// `index.html` has one for exactly that household: the starting page shows its simulated
/// figures from the first paint instead of after a run.
pub fn starting_report(household_json: &str) -> Option<Report> {
    let text = web_sys::window()?
        .document()?
        .get_element_by_id(STARTING_REPORT)?
        .text_content()?;
    let bytes = crate::protocol::from_hex(text.trim())?;
    crate::protocol::read_starting_payload(&bytes, household_json)
}

/// For the build (web/embed/snapshot.mjs): the last finished run's household and report as a
/// [`crate::protocol::starting_payload`] in hexadecimal, for `index.html`.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn costshare_starting_payload() -> Option<String> {
    LAST_REPORT.with(|l| {
        l.borrow().as_ref().map(|(household, report)| {
            crate::protocol::to_hex(&crate::protocol::starting_payload(household, report))
        })
    })
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
    /// No worker may start here: runs happen on the page's thread, shorter.
    RunsOnPage,
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
            // The page asks workers only for parts ([`SimRequest::Years`]) and joins them.
            SimResponse::Done { id, .. } => SimEvent::Failed {
                id,
                message: "a whole run's report arrived from a worker".into(),
            },
            SimResponse::Failed { id, message } => SimEvent::Failed { id, message },
            // Parts of a split run are joined by the pool before anything reaches the page.
            SimResponse::Costs { id, .. } => SimEvent::Failed {
                id,
                message: "a part of a run arrived outside a split run".into(),
            },
        }
    }
}

/// The page's handle on the simulation worker. Dropping it closes the worker (after the run in
/// progress) and stops the events.
pub struct Simulator {
    state: Rc<RefCell<State>>,
}

/// Years a run may simulate on the page's own thread (when no worker may start).
pub const INLINE_SIMULATIONS: u32 = 2_000;

use std::cell::RefCell;
use std::rc::Rc;

enum State {
    /// Finding out whether the host page lets a worker start (`probing`), or (on the site)
    /// waiting for the first run, so the workers' start does not compete with the page's first
    /// results; requests wait.
    Probing {
        pending: Vec<SimRequest>,
        loader: String,
        on_event: Rc<dyn Fn(SimEvent)>,
        probing: bool,
        /// The run among `pending` that is asked again because the workers stopped.
        retried: Option<u64>,
    },
    Workers(Pool),
    /// No worker may start (a host page's Content-Security-Policy without `worker-src blob:`):
    /// shorter runs on the page's thread, after the current event.
    Inline {
        simulation: Rc<RefCell<Simulation>>,
        on_event: Rc<dyn Fn(SimEvent)>,
    },
}

/// Workers that share each run's years (ranges of whole blocks, so the result is the same
/// whatever their number), and the page's copy of the catalog that joins the parts.
struct Pool {
    workers: Rc<Vec<WorkerBridge<SimWorker>>>,
    run: Rc<RefCell<Option<SplitRun>>>,
    joiner: Rc<RefCell<Simulation>>,
    /// What the next pool needs if this one stops: its loader, the events' receiver, the
    /// catalog last set, and the run already asked again (at most once).
    loader: String,
    on_event: Rc<dyn Fn(SimEvent)>,
    catalog: Option<SimRequest>,
    retried: Option<u64>,
    stop_watch: StopWatch,
}

/// Hears that a worker of a pool stopped. gloo's bridge does not pass on a worker's error
/// events, so the worker's loader, when the module traps (a panic, or memory the device will
/// not give), posts on a `BroadcastChannel` named in the worker's address (its fragment) and
/// closes the worker. Each pool has its own name, so a late word from an old pool, another
/// guide on the page or another tab is never taken for this pool's.
struct StopWatch {
    name: String,
    channel: Option<web_sys::BroadcastChannel>,
    _listener: Option<wasm_bindgen::closure::Closure<dyn FnMut()>>,
}

impl StopWatch {
    fn new(state: std::rc::Weak<RefCell<State>>) -> StopWatch {
        use wasm_bindgen::JsCast;
        let name = format!("costshare-sim-{:x}", js_sys::Math::random().to_bits());
        let Ok(channel) = web_sys::BroadcastChannel::new(&name) else {
            // No channel here (a very old browser): a stopped run waits as it did before.
            return StopWatch {
                name,
                channel: None,
                _listener: None,
            };
        };
        let pool = name.clone();
        // The pool is replaced in a later task: the listener is dropped with it, which must not
        // happen while the listener runs.
        let listener = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            let (state, pool) = (state.clone(), pool.clone());
            gloo::timers::callback::Timeout::new(0, move || {
                if let Some(state) = state.upgrade() {
                    pool_stopped(&state, &pool);
                }
            })
            .forget();
        });
        channel.set_onmessage(Some(listener.as_ref().unchecked_ref()));
        StopWatch {
            name,
            channel: Some(channel),
            _listener: Some(listener),
        }
    }
}

impl Drop for StopWatch {
    fn drop(&mut self) {
        if let Some(c) = &self.channel {
            c.set_onmessage(None);
            c.close();
        }
    }
}

/// What a run says when the workers stopped on it twice.
pub const WORKERS_STOPPED: &str = "the part of costshare that runs it stopped because of an internal error; change an entry to try again";

/// Performance mark: a pool's worker stopped and the pool was closed (the tests wait for it).
pub const STOPPED_MARK: &str = "costshare-workers-stopped";

/// A worker of the pool named `pool` stopped: every worker of that pool closes, and new ones
/// start at the next run. The run in flight is asked of new workers at once, once; if they stop
/// on it too, it fails with [`WORKERS_STOPPED`].
fn pool_stopped(state: &Rc<RefCell<State>>, pool: &str) {
    // Taken in a statement of its own, so that the borrow ends before the state is put back.
    let taken = std::mem::replace(&mut *state.borrow_mut(), placeholder());
    let old = match taken {
        State::Workers(p) if p.stop_watch.name == pool => p,
        // Word from a pool already replaced: nothing to do.
        other => {
            *state.borrow_mut() = other;
            return;
        }
    };
    mark(STOPPED_MARK);
    let mut pending: Vec<SimRequest> = old.catalog.clone().into_iter().collect();
    let (mut retried, mut failed) = (None, None);
    if let Some(run) = old.run.borrow_mut().take() {
        if old.retried == Some(run.id) {
            failed = Some(run.id);
        } else {
            retried = Some(run.id);
            pending.push(SimRequest::Run {
                id: run.id,
                household: run.household,
            });
        }
    }
    let (loader, on_event) = (old.loader.clone(), old.on_event.clone());
    drop(old);
    *state.borrow_mut() = State::Probing {
        pending,
        loader,
        on_event: on_event.clone(),
        probing: false,
        retried,
    };
    if retried.is_some() {
        settle(state, true);
    }
    if let Some(id) = failed {
        on_event(SimEvent::Failed {
            id,
            message: WORKERS_STOPPED.into(),
        });
    }
}

/// A state to hold while the real one is taken apart.
fn placeholder() -> State {
    State::Probing {
        pending: Vec::new(),
        loader: String::new(),
        on_event: Rc::new(|_| {}),
        probing: true,
        retried: None,
    }
}

/// Parts a worker has asked of it at once: it starts the next as soon as it sends one back.
const PARTS_IN_FLIGHT: usize = 2;

/// The run in flight.
struct SplitRun {
    id: u64,
    household: String,
    total: u32,
    /// Every part of the run ([`crate::protocol::chunk_years`]).
    chunks: Vec<std::ops::Range<u32>>,
    /// Parts not yet handed out, first first.
    waiting: std::collections::VecDeque<std::ops::Range<u32>>,
    /// Years of the parts back.
    finished: u32,
    /// Per worker, years done of the part it is on.
    current: Vec<u32>,
    parts: Vec<(u32, Vec<Vec<i64>>)>,
}

impl SplitRun {
    /// The request for the next part, if any is left.
    fn next_part(&mut self) -> Option<SimRequest> {
        let r = self.waiting.pop_front()?;
        Some(SimRequest::Years {
            id: self.id,
            household: self.household.clone(),
            start: r.start,
            end: r.end,
        })
    }
}

/// How many workers share a run: the device's cores, at most 4.
fn pool_size() -> u32 {
    let cores = web_sys::window().map_or(1.0, |w| w.navigator().hardware_concurrency());
    if cores >= 4.0 {
        4
    } else if cores >= 2.0 {
        cores as u32
    } else {
        1
    }
}

fn spawn_pool(
    loader: &str,
    on_event: Rc<dyn Fn(SimEvent)>,
    state: &Rc<RefCell<State>>,
    retried: Option<u64>,
) -> Pool {
    let stop_watch = StopWatch::new(Rc::downgrade(state));
    let address = format!("{loader}#{}", stop_watch.name);
    let run: Rc<RefCell<Option<SplitRun>>> = Rc::default();
    let joiner: Rc<RefCell<Simulation>> = Rc::default();
    // The answers of each worker hand it the run's next part, so they need the workers: weakly,
    // so dropping the pool still closes them.
    let all: Rc<RefCell<std::rc::Weak<Vec<WorkerBridge<SimWorker>>>>> = Rc::default();
    let workers: Vec<_> = (0..pool_size())
        .map(|k| {
            let (run, joiner, on_event, all) =
                (run.clone(), joiner.clone(), on_event.clone(), all.clone());
            let mut spawner = SimWorker::spawner();
            spawner.callback(move |response: SimResponse| {
                let workers = all.borrow().upgrade().unwrap_or_default();
                answer(k as usize, response, &workers, &run, &joiner, &on_event);
            });
            spawner.spawn_with_loader(&address)
        })
        .collect();
    let workers = Rc::new(workers);
    *all.borrow_mut() = Rc::downgrade(&workers);
    Pool {
        workers,
        run,
        joiner,
        loader: loader.to_owned(),
        on_event,
        catalog: None,
        retried,
        stop_watch,
    }
}

/// One worker's answer, to the page: progress summed over the parts, and the joined report
/// when the last part is in.
fn answer(
    worker: usize,
    response: SimResponse,
    workers: &[WorkerBridge<SimWorker>],
    run: &Rc<RefCell<Option<SplitRun>>>,
    joiner: &Rc<RefCell<Simulation>>,
    on_event: &Rc<dyn Fn(SimEvent)>,
) {
    match response {
        SimResponse::Progress { id, done, .. } => {
            let event = {
                let mut run = run.borrow_mut();
                let Some(r) = run.as_mut().filter(|r| r.id == id) else {
                    return;
                };
                if let Some(d) = r.current.get_mut(worker) {
                    *d = done;
                }
                SimEvent::Progress {
                    id,
                    done: r.finished + r.current.iter().sum::<u32>(),
                    total: r.total,
                }
            };
            on_event(event);
        }
        SimResponse::Costs { id, start, costs } => {
            let (finished, next) = {
                let mut slot = run.borrow_mut();
                match slot.as_mut().filter(|r| r.id == id) {
                    None => (None, None),
                    Some(r) => {
                        r.finished += r
                            .chunks
                            .iter()
                            .find(|c| c.start == start)
                            .map_or(0, |c| c.len() as u32);
                        if let Some(d) = r.current.get_mut(worker) {
                            *d = 0;
                        }
                        r.parts.push((start, costs));
                        if r.parts.len() == r.chunks.len() {
                            (slot.take(), None)
                        } else {
                            (None, r.next_part())
                        }
                    }
                }
            };
            if let (Some(request), Some(w)) = (next, workers.get(worker)) {
                w.send(request);
            }
            if let Some(r) = finished {
                let event = match joiner.borrow().finish(&r.household, r.parts) {
                    Ok(report) => {
                        LAST_REPORT.with(|l| *l.borrow_mut() = Some((r.household, report.clone())));
                        SimEvent::Done { id: r.id, report }
                    }
                    Err(message) => SimEvent::Failed { id: r.id, message },
                };
                on_event(event);
            }
        }
        SimResponse::Failed { id, message } => {
            // A catalog problem is the same in every worker: say it once.
            if id != CATALOG_ID || worker == 0 {
                if id != CATALOG_ID {
                    run.borrow_mut().take_if(|r| r.id == id);
                }
                on_event(SimEvent::Failed { id, message });
            }
        }
        SimResponse::Done { .. } => on_event(response.into()),
    }
}

/// Leaves the probing state for workers (`allowed`) or runs on the page, then sends what waited.
fn settle(state: &Rc<RefCell<State>>, allowed: bool) {
    let old = std::mem::replace(&mut *state.borrow_mut(), placeholder());
    let State::Probing {
        pending,
        loader,
        on_event,
        retried,
        ..
    } = old
    else {
        *state.borrow_mut() = old;
        return;
    };
    let next = if allowed {
        State::Workers(spawn_pool(&loader, on_event.clone(), state, retried))
    } else {
        State::Inline {
            simulation: Default::default(),
            on_event: on_event.clone(),
        }
    };
    *state.borrow_mut() = next;
    if !allowed {
        on_event(SimEvent::RunsOnPage);
    }
    let s = Simulator {
        state: state.clone(),
    };
    for request in pending {
        s.send(request);
    }
}

impl Simulator {
    /// Starts the worker; `on_event` gets every answer, on the page's thread. Requests sent
    /// before the worker has loaded wait for it. On the stand-alone site the worker is loaded by
    /// [`WORKER_LOADER`] from the page's own module; inside a host page (`module` = the glue and
    /// wasm addresses, perhaps on another origin) by a loader made on the spot (a `blob:` address
    /// of the page's own origin, since browsers refuse worker scripts from other origins), which
    /// imports the module (served with CORS). A host page whose policy refuses `blob:` workers
    /// gets shorter runs on its own thread ([`SimEvent::RunsOnPage`] says so). `None` when the
    /// module cannot be found.
    pub fn new(
        module: Option<(String, String)>,
        on_event: impl Fn(SimEvent) + 'static,
    ) -> Option<Simulator> {
        let on_event: Rc<dyn Fn(SimEvent)> = Rc::new(on_event);
        let (glue, wasm) = match module {
            Some(module) => module,
            None => {
                let (glue, wasm) = module_urls()?;
                let window = web_sys::window()?;
                let base = window.location().href().ok()?;
                let loader = web_sys::Url::new_with_base(WORKER_LOADER, &base).ok()?;
                // A page whose origin is not its address's (a frame sandboxed without
                // `allow-same-origin` has an opaque origin, "null") may not start a worker from
                // that address: `new Worker` throws, which gloo turns into a panic. Such a page
                // loads the worker as a host page does, after the same probe.
                if loader.origin() != window.origin() {
                    return Self::probed(glue, wasm, on_event);
                }
                let params = loader.search_params();
                params.set("glue", &glue);
                params.set("wasm", &wasm);
                return Some(Simulator {
                    state: Rc::new(RefCell::new(State::Probing {
                        pending: Vec::new(),
                        loader: loader.href(),
                        on_event,
                        probing: false,
                        retried: None,
                    })),
                });
            }
        };
        Self::probed(glue, wasm, on_event)
    }

    /// The simulator of a page that loads the worker from a `blob:` loader, once an empty worker
    /// of the same kind has shown that the page may start one.
    fn probed(glue: String, wasm: String, on_event: Rc<dyn Fn(SimEvent)>) -> Option<Simulator> {
        let loader = blob_loader(&glue, &wasm)?;
        let state = Rc::new(RefCell::new(State::Probing {
            pending: Vec::new(),
            loader,
            on_event,
            probing: true,
            retried: None,
        }));
        // An empty worker of the same kind: it answers if the page's policy lets it run. (A
        // refused worker may throw, or fail later with an error event.)
        let probe = blob_url("postMessage(0)").and_then(|u| web_sys::Worker::new(&u).ok());
        match probe {
            None => settle(&state, false),
            Some(probe) => {
                use wasm_bindgen::JsCast;
                // Weakly: of the three answers only one comes, and the others' closures live on
                // (a `once` closure is freed when called); they must not keep the workers alive
                // once the guide is gone.
                let weak = Rc::downgrade(&state);
                let (ok, failed, late) = (weak.clone(), weak.clone(), weak);
                let settle_weak = |state: &std::rc::Weak<RefCell<State>>, allowed: bool| {
                    if let Some(state) = state.upgrade() {
                        settle(&state, allowed);
                    }
                };
                let p1 = probe.clone();
                let on_message = wasm_bindgen::closure::Closure::once_into_js(move || {
                    p1.terminate();
                    settle_weak(&ok, true);
                });
                let p2 = probe.clone();
                let on_error = wasm_bindgen::closure::Closure::once_into_js(move || {
                    p2.terminate();
                    settle_weak(&failed, false);
                });
                probe.set_onmessage(Some(on_message.unchecked_ref()));
                probe.set_onerror(Some(on_error.unchecked_ref()));
                gloo::timers::callback::Timeout::new(5_000, move || {
                    probe.terminate();
                    settle_weak(&late, false);
                })
                .forget();
            }
        }
        Some(Simulator { state })
    }

    fn send(&self, request: SimRequest) {
        let mut state = self.state.borrow_mut();
        match &mut *state {
            State::Probing {
                pending, probing, ..
            } => {
                let start = !*probing && matches!(request, SimRequest::Run { .. });
                pending.push(request);
                if start {
                    drop(state);
                    settle(&self.state, true);
                }
            }
            State::Workers(pool) => match request {
                SimRequest::SetCatalog { text, plans } => {
                    pool.catalog = Some(SimRequest::SetCatalog {
                        text: text.clone(),
                        plans: plans.clone(),
                    });
                    for w in pool.workers.iter() {
                        w.send(SimRequest::SetCatalog {
                            text: text.clone(),
                            plans: plans.clone(),
                        });
                    }
                    pool.joiner
                        .borrow_mut()
                        .handle(SimRequest::SetCatalog { text, plans }, &mut |_| {});
                }
                SimRequest::Run { id, household } => {
                    let total =
                        costshare_plan::from_json::<costshare_decision::file::HouseholdFile>(
                            &household,
                        )
                        .ok()
                        .and_then(|h| h.simulations)
                        .unwrap_or(crate::model::SIMULATIONS);
                    let mut chunks = crate::protocol::chunk_years(total, pool.workers.len() as u32);
                    if chunks.is_empty() {
                        // No years to simulate: one empty part, joined like any other.
                        chunks.push(0..total);
                    }
                    let mut split = SplitRun {
                        id,
                        household,
                        total,
                        waiting: chunks.iter().cloned().collect(),
                        chunks,
                        finished: 0,
                        current: vec![0; pool.workers.len()],
                        parts: Vec::new(),
                    };
                    // Each worker gets its first parts now (in turn, so the biggest go first to
                    // different workers), and the next each time it sends one back. Answers
                    // arrive in later tasks, after the run is stored.
                    for _ in 0..PARTS_IN_FLIGHT {
                        for w in pool.workers.iter() {
                            if let Some(request) = split.next_part() {
                                w.send(request);
                            }
                        }
                    }
                    *pool.run.borrow_mut() = Some(split);
                }
                other => {
                    if let Some(w) = pool.workers.first() {
                        w.send(other);
                    }
                }
            },
            State::Inline {
                simulation,
                on_event,
            } => {
                let (simulation, on_event) = (simulation.clone(), on_event.clone());
                let request = match request {
                    SimRequest::Run { id, household } => SimRequest::Run {
                        id,
                        household: shorter(household),
                    },
                    other => other,
                };
                gloo::timers::callback::Timeout::new(0, move || {
                    let mut simulation = simulation.borrow_mut();
                    match request {
                        SimRequest::Run { id, household } => {
                            let event = match simulation
                                .report(id, &household, &mut |r| on_event(r.into()))
                            {
                                Ok(report) => SimEvent::Done { id, report },
                                Err(message) => SimEvent::Failed { id, message },
                            };
                            on_event(event);
                        }
                        other => simulation.handle(other, &mut |r| on_event(r.into())),
                    }
                })
                .forget();
            }
        }
    }

    /// Starts the workers now rather than at the first run. For the stand-alone site, once the
    /// first results are drawn (workers started with the page slowed its first drawing: issue
    /// 12). Inside a host page the workers start when its policy allows them.
    pub fn start_workers(&self) {
        let start = matches!(&*self.state.borrow(), State::Probing { probing: false, .. });
        if start {
            mark("costshare-workers-start");
            settle(&self.state, true);
        }
    }

    /// Sets the catalog the workers compare: a catalog file's text (`None`: built in) and the
    /// ids of the plans to keep (`None`: all). A catalog that does not load answers `Failed`
    /// with [`CATALOG_FAILED`] and the workers keep their previous one.
    pub fn set_catalog(&self, text: Option<String>, plans: Option<Vec<String>>) {
        self.send(SimRequest::SetCatalog { text, plans });
    }

    /// Starts a run; results for older ids may still arrive and the caller ignores them. Runs
    /// happen one after another, in the order asked.
    pub fn run(&self, id: u64, household_json: String) {
        mark(RUN_MARK);
        self.send(SimRequest::Run {
            id,
            household: household_json,
        });
    }
}

/// Years of the quiet first run that starts and warms the workers when the page came with the
/// starting household's figures (`app`): a browser compiles a module's functions when first
/// called and optimizes them once they have run a while. A run of all 10,000 years did the
/// same, with five times the work at the page's start, which a person's first change waited
/// behind.
pub const WARM_UP_YEARS: u32 = 2_000;

/// The shortest time between two progress answers of a worker.
const PROGRESS_EVERY_MS: u64 = 100;

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
        // Progress at most every PROGRESS_EVERY_MS: each one is work for the page's thread
        // while the workers use every core, and a run that ends sooner needs none.
        let clock = || js_sys::Date::now() as u64;
        let mut last = clock();
        self.simulation.handle(msg, &mut |response| {
            if let SimResponse::Progress { .. } = response {
                let now = clock();
                if now.saturating_sub(last) < PROGRESS_EVERY_MS {
                    return;
                }
                last = now;
            }
            scope.respond(id, response)
        });
    }
}
