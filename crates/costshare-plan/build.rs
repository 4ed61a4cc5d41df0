//! `data/irs-limits.json` as compiled into the program: without the whitespace between tokens
//! and without its `about` text, which is written for people (`costshare_json::minify_without`),
//! to `OUT_DIR`. Less to ship in the site's WebAssembly; the file itself stays written for people.

fn main() {
    println!("cargo::rerun-if-changed=data");
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    costshare_json::minify_folder("data".as_ref(), out.as_ref(), &["about"]);
}
