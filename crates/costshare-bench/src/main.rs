//! Native benchmark: prints claim lines adjudicated per second on one core.
//!
//! Run with `cargo run --release -p costshare-bench` (or `.ci/bench` for native and wasm).

// Timing is measured in seconds as floats; no money is involved here.
#![allow(clippy::float_arithmetic)]

use std::time::{Duration, Instant};

/// CPU time this thread has run, from `/proc/thread-self/schedstat` (Linux; nanoseconds).
/// Other processes on a shared machine change wall-clock rates a lot, CPU time much less.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 / 1e9)
}

/// Best of five 0.7-second rounds after a warm-up: claim lines per wall-clock second, and per
/// CPU second where the platform tells.
fn measure(w: &costshare_bench::Workload, explain: bool) -> (f64, Option<f64>) {
    costshare_bench::run(w, 200, explain);
    let mut best: f64 = 0.0;
    let mut best_cpu: Option<f64> = None;
    for _ in 0..5 {
        let start = Instant::now();
        let cpu_start = cpu_seconds();
        let mut lines = 0u64;
        while start.elapsed() < Duration::from_millis(700) {
            lines += costshare_bench::run(w, 100, explain);
        }
        let rate = lines as f64 / start.elapsed().as_secs_f64();
        best = best.max(rate);
        if let (Some(a), Some(b)) = (cpu_start, cpu_seconds())
            && b > a
        {
            let rate = lines as f64 / (b - a);
            best_cpu = Some(best_cpu.map_or(rate, |r: f64| r.max(rate)));
        }
    }
    (best, best_cpu)
}

fn report(what: &str, (wall, cpu): (f64, Option<f64>)) {
    match cpu {
        Some(cpu) => println!(
            "native, one core: {:.2} million claim lines/s, {:.2} million per CPU second ({what})",
            wall / 1e6,
            cpu / 1e6
        ),
        None => println!(
            "native, one core: {:.2} million claim lines/s ({what})",
            wall / 1e6
        ),
    }
}

fn main() -> std::process::ExitCode {
    let Some(w) = costshare_bench::family_year() else {
        eprintln!(
            "costshare-bench: the built-in plan {} is missing or broken",
            costshare_bench::PLAN_ID
        );
        return std::process::ExitCode::FAILURE;
    };
    println!(
        "workload: family of 4, {} claim lines per year, plan {}",
        w.claims.len(),
        costshare_bench::PLAN_ID
    );
    report("no explanations", measure(&w, false));
    report("with explanations", measure(&w, true));
    for (who, household) in [
        ("family years", costshare_bench::family_household()),
        (
            "years of the site's starting household (one employee, 40, moderate care)",
            costshare_bench::visitor_household(),
        ),
    ] {
        costshare_bench::compare_household(&household, 1_000);
        let mut best = f64::MAX;
        let mut options = 0;
        for _ in 0..3 {
            let start = Instant::now();
            options = costshare_bench::compare_household(&household, 10_000);
            best = best.min(start.elapsed().as_secs_f64() * 1000.0);
        }
        println!(
            "native, one core: full comparison, 10,000 simulated {who} for {options} options: {best:.0} ms"
        );
    }
    std::process::ExitCode::SUCCESS
}
