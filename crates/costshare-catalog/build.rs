//! The built-in plans as compiled into the program: each `plans/*.json` without the whitespace
//! between tokens (`costshare_json::minify`), written to `OUT_DIR`. Less to ship in the site's
//! WebAssembly and less to parse at its start; `FILES` keeps the files as written.

fn main() {
    println!("cargo::rerun-if-changed=plans");
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    costshare_json::minify_folder("plans".as_ref(), out.as_ref(), &[]);
}
