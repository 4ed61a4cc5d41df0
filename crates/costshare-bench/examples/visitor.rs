//! A target for native profilers: the full comparison for the site's starting household
//! (10,000 simulated years, every built-in option), `RUNS` times (default 20).
//! `cargo build --release --example visitor -p costshare-bench`, then for example
//! `perf record -g target/release/examples/visitor`, or, for a count that does not depend on
//! what else the machine is doing, `valgrind --tool=callgrind target/release/examples/visitor 1`
//! (`.ci/bench` prints it).

fn main() {
    let runs: u32 = match std::env::args().nth(1) {
        None => 20,
        Some(n) => match n.parse() {
            Ok(n) => n,
            Err(_) => {
                eprintln!("usage: visitor [RUNS], RUNS a whole number (default 20)");
                std::process::exit(2);
            }
        },
    };
    let h = costshare_bench::visitor_household();
    for _ in 0..runs {
        std::hint::black_box(costshare_bench::compare_household(&h, 10_000));
    }
}
