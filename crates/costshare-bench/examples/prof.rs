fn main() { for _ in 0..10 { costshare_bench::compare_family(10_000); } }
