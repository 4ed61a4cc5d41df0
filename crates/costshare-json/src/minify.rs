//! JSON text without the whitespace between tokens, for files compiled into the program (the
//! built-in plans and data): less to ship and to parse, the same values. The files themselves stay
//! written for people.

/// `text` without spaces, tabs and line breaks outside strings. Everything else, string contents
/// and escapes included, is kept as written, so the result reads as the same JSON value (and a
/// text that is not JSON stays not JSON).
pub fn minify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in text.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            out.push(c);
            in_string = c == '"';
        }
    }
    out
}

/// For build scripts: writes every `.json` file of the folder `from` into the folder `to`, each
/// through [`minify`]. Panics, as a build script should, when a file cannot be read or written.
pub fn minify_folder(from: &std::path::Path, to: &std::path::Path) {
    let files = std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    for entry in files {
        let path = entry
            .unwrap_or_else(|e| panic!("{}: {e}", from.display()))
            .path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let out = to.join(path.file_name().unwrap_or_default());
            std::fs::write(&out, minify(&text))
                .unwrap_or_else(|e| panic!("{}: {e}", out.display()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_strings_and_drops_the_rest() {
        let text = "{\n  \"a b\": [1, 2],\n\t\"q\\\" \\\\\": \" x \\\" y \",\r\n  \"n\": null }\n";
        let small = minify(text);
        assert_eq!(small, r#"{"a b":[1,2],"q\" \\":" x \" y ","n":null}"#);
        let a: serde_json::Value = serde_json::from_str(text).unwrap();
        let b: serde_json::Value = serde_json::from_str(&small).unwrap();
        assert_eq!(a, b);
    }

    proptest::proptest! {
        #[test]
        fn the_same_value(value in json()) {
            let pretty = serde_json::to_string_pretty(&value).unwrap();
            let small = minify(&pretty);
            proptest::prop_assert_eq!(&small, &serde_json::to_string(&value).unwrap());
        }
    }

    fn json() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            "[ a\"\\\\\t\n\u{e9}]{0,8}".prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(4, 32, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
                proptest::collection::btree_map("[ a\"\\\\]{0,5}", inner, 0..6)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }
}
