//! A target for a native profiler: the full comparison for the site's starting household,
//! 20 times. `cargo build --release --example visitor -p costshare-bench`, then for example
//! `perf record -g target/release/examples/visitor`.

fn main() {
    let h = costshare_bench::visitor_household();
    for _ in 0..20 {
        std::hint::black_box(costshare_bench::compare_household(&h, 10_000));
    }
}
