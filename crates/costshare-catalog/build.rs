//! The built-in plans as compiled into the program: each `plans/*.json` without the whitespace
//! between tokens (`costshare_json::minify`), written to `OUT_DIR`. Less to ship in the site's
//! WebAssembly and less to parse at its start; `FILES` keeps the files as written.

fn main() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo::rerun-if-changed=plans");
    for entry in std::fs::read_dir("plans").expect("the plans folder") {
        let path = entry.expect("a plan file").path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).expect("a plan file in UTF-8");
            let name = path.file_name().expect("a file name");
            std::fs::write(out.join(name), costshare_json::minify(&text))
                .expect("OUT_DIR is writable");
        }
    }
}
