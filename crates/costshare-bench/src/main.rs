//! Native benchmark: prints claim lines adjudicated per second on one core.
//!
//! Run with `cargo run --release -p costshare-bench` (or `.ci/bench` for native and wasm).

// Timing is measured in seconds as floats; no money is involved here.
#![allow(clippy::float_arithmetic)]

use std::time::{Duration, Instant};

fn measure(w: &costshare_bench::Workload, explain: bool) -> f64 {
    // Warm up, then run for about two seconds and keep the best of three rounds.
    costshare_bench::run(w, 200, explain);
    let mut best: f64 = 0.0;
    for _ in 0..3 {
        let start = Instant::now();
        let mut lines = 0u64;
        while start.elapsed() < Duration::from_millis(700) {
            lines += costshare_bench::run(w, 100, explain);
        }
        let rate = lines as f64 / start.elapsed().as_secs_f64();
        best = best.max(rate);
    }
    best
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
    let plain = measure(&w, false);
    println!(
        "native, one core: {:.2} million claim lines/s (no explanations)",
        plain / 1e6
    );
    let explained = measure(&w, true);
    println!(
        "native, one core: {:.2} million claim lines/s (with explanations)",
        explained / 1e6
    );
    costshare_bench::compare_family(1_000);
    let mut best = f64::MAX;
    let mut options = 0;
    for _ in 0..3 {
        let start = Instant::now();
        options = costshare_bench::compare_family(10_000);
        best = best.min(start.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "native, one core: full comparison, 10,000 simulated family years for {options} options: {best:.0} ms"
    );
    std::process::ExitCode::SUCCESS
}
