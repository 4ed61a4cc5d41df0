//! The built-in data as compiled into the program: each `data/*.json` without the whitespace
//! between tokens and without its `about` and `note` texts, which are written for people and
//! read by no reader (`costshare_json::minify_without`), to `OUT_DIR`. Less to ship in the site's
//! WebAssembly and less to parse at its start; the files themselves stay written for people.

fn main() {
    println!("cargo::rerun-if-changed=data");
    let out = std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR");
    costshare_json::minify_folder("data".as_ref(), out.as_ref(), &["about", "note"]);
}
