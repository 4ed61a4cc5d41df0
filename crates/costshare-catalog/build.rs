//! The built-in plans as compiled into the program: each `plans/*.json` without the whitespace
//! between tokens and without its readings (the `readings` questions and answers, and each
//! service's `reading` id), which document how the plan's booklet was read and which the program
//! never shows (`costshare_json::minify_without`), written to `OUT_DIR`. Less to ship in the
//! site's WebAssembly (8 KB gzip less) and less to parse at its start. `FILES`, the plan files
//! people read and the CLI writes out, and `public/catalog.json` keep everything.

fn main() {
    println!("cargo::rerun-if-changed=plans");
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    costshare_json::minify_folder("plans".as_ref(), out.as_ref(), &["readings", "reading"]);
}
