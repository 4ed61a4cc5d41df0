//! The messages between the page and the simulation web worker, and what the worker does with
//! them ([`Simulation`]). Plain Rust, compiled and tested natively; the worker side and the page
//! side (`sim`) only move these messages.
//!
//! Payloads are JSON strings so the messages do not depend on the codec the worker bridge uses.

use costshare_decision::compare::{compare_with_costs, compare_with_progress, simulate_years};
use costshare_decision::file::parse_household;
use costshare_decision::household::HouseholdError;
use costshare_decision::report::Report;
use costshare_plan::LoadedPlan;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The id of a [`SimResponse::Failed`] that answers [`SimRequest::SetCatalog`] (runs use their
/// own ids; do not use this one for a run).
pub const CATALOG_ID: u64 = u64::MAX;

/// From the page to the worker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SimRequest {
    /// Use this catalog for the next runs. If the file does not load, the worker keeps the
    /// catalog it had and answers `Failed` with [`CATALOG_ID`].
    SetCatalog {
        /// The catalog file's text; `None` is the built-in catalog.
        text: Option<String>,
        /// The ids of the plans to keep (the element's `plans` attribute), as the page keeps
        /// them ([`crate::embed::filter_plans`]); `None` keeps every plan.
        plans: Option<Vec<String>>,
    },
    /// Compare the options for a household file (JSON).
    Run {
        /// Chosen by the page; every answer carries it.
        id: u64,
        /// The household file.
        household: String,
    },
    /// Simulate only the years `start..end` (whole blocks) and answer their costs: one part of
    /// a run split across workers; the page joins the parts ([`Simulation::finish`]).
    Years {
        /// The run.
        id: u64,
        /// The household file.
        household: String,
        /// First year.
        start: u32,
        /// One past the last year.
        end: u32,
    },
}

/// From the worker to the page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SimResponse {
    /// `done` of `total` simulated years.
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
        /// The [`Report`] as JSON.
        report: String,
    },
    /// A part's costs: per option (catalog order), the cost in cents of each year from `start`.
    Costs {
        /// The run.
        id: u64,
        /// The part's first year.
        start: u32,
        /// Per option, per year.
        costs: Vec<Vec<i64>>,
    },
    /// The run (or, with [`CATALOG_ID`], a catalog change) failed.
    Failed {
        /// The run, or [`CATALOG_ID`].
        id: u64,
        /// Every problem, joined with "; ".
        message: String,
    },
}

/// The worker's state: the catalog in use.
pub struct Simulation {
    /// The catalog, or why there is none (only if the built-in catalog cannot load).
    catalog: Result<Arc<Vec<LoadedPlan>>, String>,
}

impl Default for Simulation {
    fn default() -> Simulation {
        Simulation::new()
    }
}

impl Simulation {
    /// Starts with the built-in catalog.
    pub fn new() -> Simulation {
        Simulation { catalog: builtin() }
    }

    /// Handles one request, sending every answer through `respond`. Never panics: every problem
    /// is a `Failed` answer.
    pub fn handle(&mut self, request: SimRequest, respond: &mut dyn FnMut(SimResponse)) {
        match request {
            SimRequest::SetCatalog { text, plans } => {
                let all = match text {
                    None => builtin(),
                    Some(json) => match costshare_plan::load_catalog(&json) {
                        Ok(all) => Ok(Arc::new(all)),
                        Err(problems) => {
                            respond(SimResponse::Failed {
                                id: CATALOG_ID,
                                message: join(problems.iter().map(ToString::to_string)),
                            });
                            return;
                        }
                    },
                };
                self.catalog = all.map(|all| crate::embed::filter_plans(&all, plans.as_deref()).0);
            }
            SimRequest::Run { id, household } => {
                let answer = match self.run(id, &household, respond) {
                    Ok(report) => SimResponse::Done { id, report },
                    Err(message) => SimResponse::Failed { id, message },
                };
                respond(answer);
            }
            SimRequest::Years {
                id,
                household,
                start,
                end,
            } => {
                let answer = match self.years(id, &household, start..end, respond) {
                    Ok(costs) => SimResponse::Costs { id, start, costs },
                    Err(message) => SimResponse::Failed { id, message },
                };
                respond(answer);
            }
        }
    }

    fn years(
        &self,
        id: u64,
        household: &str,
        years: std::ops::Range<u32>,
        respond: &mut dyn FnMut(SimResponse),
    ) -> Result<Vec<Vec<i64>>, String> {
        let catalog = self.catalog.as_ref().map_err(Clone::clone)?;
        let (household, settings) = parse_household(household).map_err(household_problems)?;
        let total = years.len() as u32;
        simulate_years(catalog, &household, &settings, years, &mut |done| {
            respond(SimResponse::Progress { id, done, total })
        })
        .map_err(household_problems)
    }

    /// Finishes a split run from its parts' costs (any order): the same report (or problem) as
    /// one `Run` with this catalog. On the page, so no JSON in between.
    pub fn finish(
        &self,
        household: &str,
        mut parts: Vec<(u32, Vec<Vec<i64>>)>,
    ) -> Result<Report, String> {
        let catalog = self.catalog.as_ref().map_err(Clone::clone)?;
        let (household, mut settings) = parse_household(household).map_err(household_problems)?;
        // The report leaves out "why this number" (the page has it from its quick report).
        settings.explain = false;
        costshare_engine::order::sort_by_key(&mut parts, |(start, _)| *start);
        let mut costs: Vec<Vec<i64>> = Vec::new();
        for (_, part) in parts {
            if costs.is_empty() {
                costs = part;
            } else {
                for (all, more) in costs.iter_mut().zip(part) {
                    all.extend(more);
                }
            }
        }
        let comparison = compare_with_costs(catalog, &household, &settings, costs)
            .map_err(household_problems)?;
        Ok(Report::new(&comparison, false))
    }
}

/// How a run of `simulations` years is handed out to `workers`: contiguous ranges of whole
/// blocks, in order, that shrink as the run goes on (each about a (2 x `workers`)th of the blocks
/// left), so a worker slowed by a busy core ends up with less of the run and the workers finish
/// close together. One range for one worker; none for no years.
pub fn chunk_years(simulations: u32, workers: u32) -> Vec<std::ops::Range<u32>> {
    use costshare_decision::simulate::BLOCK;
    let blocks = simulations.div_ceil(BLOCK);
    let mut chunks = Vec::new();
    let mut from = 0;
    while from < blocks {
        let left = blocks - from;
        let size = if workers <= 1 {
            left
        } else {
            left.div_ceil(2 * workers)
        };
        let to = from + size;
        chunks.push(from * BLOCK..(to * BLOCK).min(simulations));
        from = to;
    }
    chunks
}

impl Simulation {
    /// A whole run on this thread: progress through `respond`, then the report.
    pub fn report(
        &self,
        id: u64,
        household: &str,
        respond: &mut dyn FnMut(SimResponse),
    ) -> Result<Report, String> {
        let catalog = self.catalog.as_ref().map_err(Clone::clone)?;
        let (household, mut settings) = parse_household(household).map_err(household_problems)?;
        settings.explain = false;
        let total = settings.simulations;
        respond(SimResponse::Progress { id, done: 0, total });
        let comparison = compare_with_progress(catalog, &household, &settings, &mut |done| {
            respond(SimResponse::Progress { id, done, total })
        })
        .map_err(household_problems)?;
        Ok(Report::new(&comparison, false))
    }

    fn run(
        &self,
        id: u64,
        household: &str,
        respond: &mut dyn FnMut(SimResponse),
    ) -> Result<String, String> {
        let report = self.report(id, household, respond)?;
        serde_json::to_string(&report).map_err(|e| e.to_string())
    }
}

thread_local! {
    /// The built-in catalog, read and checked once per thread (it takes tens of milliseconds in
    /// WebAssembly, and the page, the widget and the simulation all start from it).
    static BUILTIN: std::cell::OnceCell<Result<Arc<Vec<LoadedPlan>>, String>> =
        const { std::cell::OnceCell::new() };
}

/// The built-in catalog's plans (shared), or why they do not load.
pub fn builtin() -> Result<Arc<Vec<LoadedPlan>>, String> {
    BUILTIN.with(|b| {
        b.get_or_init(|| {
            costshare_catalog::builtin()
                .map(Arc::new)
                .map_err(|problems| {
                    join(
                        std::iter::once("the built-in catalog does not load".to_string())
                            .chain(problems.iter().map(ToString::to_string)),
                    )
                })
        })
        .clone()
    })
}

fn household_problems(problems: Vec<HouseholdError>) -> String {
    join(problems.into_iter().map(|p| {
        if p.path.is_empty() {
            p.message
        } else {
            format!("{}: {}", p.path, p.message)
        }
    }))
}

fn join(parts: impl Iterator<Item = String>) -> String {
    let parts: Vec<String> = parts.collect();
    if parts.is_empty() {
        "something went wrong".into()
    } else {
        parts.join("; ")
    }
}

/// The build's simulation of the starting household, as `index.html` carries it (see
/// `costshare_web::sim::starting_report`): the household file's JSON and the page's report for
/// it, in postcard's compact binary encoding.
pub fn starting_payload(household: &str, report: &Report) -> Vec<u8> {
    postcard::to_allocvec(&(household, report)).unwrap_or_default()
}

/// Bytes as lowercase hexadecimal, two digits each.
pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    bytes
        .iter()
        .flat_map(|b| [DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 15)]])
        .map(char::from)
        .collect()
}

/// The bytes of [`to_hex`]'s text (either case); `None` for anything else.
pub fn from_hex(text: &str) -> Option<Vec<u8>> {
    let digit = |c: u8| {
        char::from(c)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    };
    text.as_bytes()
        .chunks(2)
        .map(|pair| match pair {
            [high, low] => Some(digit(*high)? << 4 | digit(*low)?),
            _ => None,
        })
        .collect()
}

/// The report in a [`starting_payload`], if it is for `household` (the same JSON) and reads.
pub fn read_starting_payload(payload: &[u8], household: &str) -> Option<Report> {
    let (for_household, report): (String, Report) = postcard::from_bytes(payload).ok()?;
    (for_household == household).then_some(report)
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_starting_payload_gives_back_its_report_for_its_household_only() {
        let household = crate::model::to_json(&crate::model::default_scenario());
        let report = Simulation::new()
            .report(1, &household, &mut |_| {})
            .unwrap();
        let payload = starting_payload(&household, &report);
        assert_eq!(read_starting_payload(&payload, &household), Some(report));
        // Another household (one more year of age) gets nothing from it.
        let mut older = crate::model::default_scenario();
        older.people[0].age += 1;
        assert_eq!(
            read_starting_payload(&payload, &crate::model::to_json(&older)),
            None
        );
        // A damaged payload reads as nothing, without a panic.
        assert_eq!(
            read_starting_payload(&payload[..payload.len() / 2], &household),
            None
        );
        assert_eq!(read_starting_payload(b"not a payload", &household), None);
        // A report with a baby born during the year (its optional months before the birth)
        // reads back too: postcard writes every field, `None` included.
        let mut s = crate::model::default_scenario();
        crate::model::add_spouse(&mut s);
        s.people[1].events.push("having_a_baby".into());
        crate::model::add_baby(&mut s);
        let baby = crate::model::to_json(&s);
        let report = Simulation::new().report(1, &baby, &mut |_| {}).unwrap();
        assert!(report.options.iter().any(|o| {
            o.expected
                .as_ref()
                .is_some_and(|e| e.before_birth.is_some())
        }));
        let payload = starting_payload(&baby, &report);
        assert_eq!(read_starting_payload(&payload, &baby), Some(report));
        assert_eq!(read_starting_payload(&[], &household), None);
        // In index.html it is hexadecimal.
        assert_eq!(from_hex(&to_hex(&payload)), Some(payload));
    }

    #[test]
    fn hexadecimal_reads_back_and_refuses_what_is_not() {
        assert_eq!(to_hex(&[0, 1, 0xab, 0xff]), "0001abff");
        assert_eq!(from_hex("0001abff"), Some(vec![0, 1, 0xab, 0xff]));
        assert_eq!(from_hex("0001ABFF"), Some(vec![0, 1, 0xab, 0xff]));
        assert_eq!(from_hex(""), Some(vec![]));
        for bad in ["0", "abc", "zz", "0g", "é0", "00 "] {
            assert_eq!(from_hex(bad), None, "{bad:?}");
        }
    }
    use super::*;

    const FAMILY: &str = include_str!("../../tests/households/family-with-baby.json");

    fn answers(sim: &mut Simulation, request: SimRequest) -> Vec<SimResponse> {
        let mut out = Vec::new();
        sim.handle(request, &mut |r| out.push(r));
        out
    }

    fn run(id: u64, household: &str) -> SimRequest {
        SimRequest::Run {
            id,
            household: household.into(),
        }
    }

    #[test]
    fn a_run_split_across_workers_is_the_run() {
        // Three workers simulate their years; the page joins the parts, in any order.
        let household = small(1_500);
        let mut page = Simulation::new();
        let whole = answers(&mut Simulation::new(), run(7, &household))
            .pop()
            .unwrap();
        let ranges = chunk_years(1_500, 3);
        assert_eq!(ranges, vec![0..500, 500..1_000, 1_000..1_500]);
        let mut parts = Vec::new();
        for r in ranges.into_iter().rev() {
            let mut worker = Simulation::new();
            let out = answers(
                &mut worker,
                SimRequest::Years {
                    id: 7,
                    household: household.clone(),
                    start: r.start,
                    end: r.end,
                },
            );
            match out.last() {
                Some(SimResponse::Costs { start, costs, .. }) => {
                    parts.push((*start, costs.clone()))
                }
                other => panic!("not costs: {other:?}"),
            }
        }
        let SimResponse::Done { report, .. } = whole else {
            panic!("not done: {whole:?}")
        };
        let joined = page.finish(&household, parts).unwrap();
        assert_eq!(serde_json::to_string(&joined).unwrap(), report);
        let _ = &mut page;
    }

    #[test]
    fn chunks_cover_every_year_once_in_shrinking_whole_blocks() {
        let blocks = |ranges: Vec<std::ops::Range<u32>>| -> Vec<u32> {
            ranges
                .iter()
                .map(|r| r.len().div_ceil(500) as u32)
                .collect()
        };
        // 20 blocks, 2 workers: a quarter of what is left each time, rounded up (20 -> 5,
        // 15 -> 4, 11 -> 3, 8 -> 2, 6 -> 2, then 4 x 1).
        assert_eq!(blocks(chunk_years(10_000, 2)), [5, 4, 3, 2, 2, 1, 1, 1, 1]);
        // 4 workers: an eighth (20 -> 3, 17 -> 3, 14 -> 2, 12 -> 2, 10 -> 2, then 8 x 1).
        assert_eq!(
            blocks(chunk_years(10_000, 4)),
            [3, 3, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1]
        );
        // One worker: the whole run. A partial last block; no years.
        assert_eq!(chunk_years(10_000, 1), vec![0..10_000]);
        assert_eq!(chunk_years(700, 8), vec![0..500, 500..700]);
        assert_eq!(chunk_years(0, 2), Vec::<std::ops::Range<u32>>::new());
        for simulations in [1, 499, 500, 501, 9_999, 10_000, 100_000] {
            for workers in 1..=4 {
                let chunks = chunk_years(simulations, workers);
                let mut next = 0;
                for c in &chunks {
                    assert_eq!(c.start, next, "{simulations} years, {workers} workers");
                    assert!(c.start.is_multiple_of(500) && !c.is_empty());
                    next = c.end;
                }
                assert_eq!(next, simulations);
                assert!(chunks.windows(2).all(|w| w[0].len() >= w[1].len()));
            }
        }
    }

    #[test]
    fn one_part_and_no_years_join_like_a_run() {
        // The page sends a run with one worker, or with no simulated years, as one part.
        for (simulations, part) in [(1_500, 0..1_500), (0, 0..0)] {
            let household = small(simulations);
            let whole = answers(&mut Simulation::new(), run(1, &household)).pop();
            let Some(SimResponse::Done { report, .. }) = whole else {
                panic!("not done: {whole:?}")
            };
            let out = answers(
                &mut Simulation::new(),
                SimRequest::Years {
                    id: 1,
                    household: household.clone(),
                    start: part.start,
                    end: part.end,
                },
            );
            let Some(SimResponse::Costs { start, costs, .. }) = out.last() else {
                panic!("not costs: {out:?}")
            };
            let joined = Simulation::new()
                .finish(&household, vec![(*start, costs.clone())])
                .unwrap();
            assert_eq!(serde_json::to_string(&joined).unwrap(), report);
        }
    }

    fn small(simulations: u32) -> String {
        let mut file: serde_json::Value = serde_json::from_str(FAMILY).unwrap();
        file["simulations"] = simulations.into();
        file.to_string()
    }

    #[test]
    fn a_run_reports_progress_then_the_report() {
        let mut sim = Simulation::new();
        let out = answers(&mut sim, run(3, &small(1500)));
        let (last, progress) = out.split_last().unwrap();
        let done: Vec<u32> = progress
            .iter()
            .map(|r| match r {
                SimResponse::Progress {
                    id: 3,
                    done,
                    total: 1500,
                } => *done,
                other => panic!("not progress: {other:?}"),
            })
            .collect();
        assert_eq!(done, [0, 500, 1000, 1500]);
        let SimResponse::Done { id: 3, report } = last else {
            panic!("not done: {last:?}")
        };
        let report: Report = serde_json::from_str(report).unwrap();
        assert_eq!(report.simulations, 1500);
        assert!(
            report
                .options
                .iter()
                .filter(|o| o.excluded.is_none())
                .all(|o| o.simulated.is_some())
        );
    }

    #[test]
    fn bad_households_fail_without_panicking() {
        let mut sim = Simulation::new();
        for (i, bad) in [
            "",
            "{",
            "null",
            "[]",
            r#"{"people": []}"#,
            r#"{"status": "active", "people": [{"name": "a", "relationship": "child", "age": 300}]}"#,
            &FAMILY.replace("10000", "9999999"),
            &FAMILY.replace("44", "-1"),
        ]
        .into_iter()
        .enumerate()
        {
            let out = answers(&mut sim, run(i as u64, bad));
            match out.as_slice() {
                [SimResponse::Failed { id, message }] => {
                    assert_eq!(*id, i as u64);
                    assert!(!message.is_empty());
                }
                other => panic!("{bad:?}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_bad_catalog_keeps_the_previous_one() {
        let mut sim = Simulation::new();
        let out = answers(
            &mut sim,
            SimRequest::SetCatalog {
                text: Some("{".into()),
                plans: None,
            },
        );
        assert!(matches!(
            out.as_slice(),
            [SimResponse::Failed { id: CATALOG_ID, .. }]
        ));
        let out = answers(&mut sim, run(1, &small(0)));
        assert!(matches!(out.last(), Some(SimResponse::Done { id: 1, .. })));
    }

    #[test]
    fn a_catalog_file_replaces_the_builtin_one() {
        let mut sim = Simulation::new();
        let mut one_plan: serde_json::Value =
            serde_json::from_str(&costshare_catalog::catalog_json().unwrap()).unwrap();
        let first = one_plan["plans"][0].clone();
        one_plan["plans"] = serde_json::json!([first]);
        let out = answers(
            &mut sim,
            SimRequest::SetCatalog {
                text: Some(one_plan.to_string()),
                plans: None,
            },
        );
        assert_eq!(out, []);
        let out = answers(&mut sim, run(2, &small(0)));
        let Some(SimResponse::Done { report, .. }) = out.last() else {
            panic!("{out:?}")
        };
        let report: Report = serde_json::from_str(report).unwrap();
        let builtin = costshare_catalog::builtin().unwrap().len();
        assert!(report.options.len() < builtin);
        assert_eq!(
            answers(
                &mut sim,
                SimRequest::SetCatalog {
                    text: None,
                    plans: None,
                }
            ),
            []
        );
        let out = answers(&mut sim, run(4, &small(0)));
        let Some(SimResponse::Done { report, .. }) = out.last() else {
            panic!("{out:?}")
        };
        let report: Report = serde_json::from_str(report).unwrap();
        assert!(report.options.len() >= builtin);
    }

    #[test]
    fn the_workers_keep_the_plans_the_page_keeps() {
        // The element's `plans` attribute: the same ids, the same plans as on the page.
        let ids = vec!["shbp-2010-hra".to_string(), "dental-low".to_string()];
        let mut sim = Simulation::new();
        let set = SimRequest::SetCatalog {
            text: None,
            plans: Some(ids.clone()),
        };
        assert_eq!(answers(&mut sim, set), []);
        let out = answers(&mut sim, run(5, &small(0)));
        let Some(SimResponse::Done { report, .. }) = out.last() else {
            panic!("{out:?}")
        };
        let report: Report = serde_json::from_str(report).unwrap();
        let plans: Vec<&str> = report
            .options
            .iter()
            .filter(|o| !o.id.starts_with("no-"))
            .map(|o| o.id.as_str())
            .collect();
        assert_eq!(plans, ["shbp-2010-hra", "dental-low"]);
        let builtin = Arc::new(costshare_catalog::builtin().unwrap());
        let (kept, _) = crate::embed::filter_plans(&builtin, Some(&ids));
        assert_eq!(
            kept.iter().map(|p| p.file.id.as_str()).collect::<Vec<_>>(),
            plans
        );
    }
}
