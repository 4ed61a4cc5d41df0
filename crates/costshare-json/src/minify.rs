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

/// `text` as compact JSON (as [`minify`] writes it) without the object members named in `drop`,
/// whatever they hold, at any depth: the texts written for people in data files, which the
/// program never reads. Member order and every other value are kept (strings and numbers written
/// by serde_json, so a string may come out with other escapes for the same characters). For
/// build scripts.
pub fn minify_without(text: &str, drop: &[&str]) -> Result<String, serde_json::Error> {
    let node = crate::Node::parse(text)?;
    let mut out = String::with_capacity(text.len());
    write_without(&node, drop, &mut out)?;
    Ok(out)
}

fn write_without(
    node: &crate::Node,
    drop: &[&str],
    out: &mut String,
) -> Result<(), serde_json::Error> {
    use crate::Node;
    match node {
        Node::Null => out.push_str("null"),
        Node::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Node::Unsigned(n) => out.push_str(&n.to_string()),
        Node::Signed(n) => out.push_str(&n.to_string()),
        Node::Float(x) => out.push_str(&serde_json::to_string(x)?),
        Node::String(s) => out.push_str(&serde_json::to_string(s)?),
        Node::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_without(item, drop, out)?;
            }
            out.push(']');
        }
        Node::Object(members) => {
            out.push('{');
            let kept = members.iter().filter(|(k, _)| !drop.contains(&k.as_str()));
            for (i, (key, value)) in kept.enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(key)?);
                out.push(':');
                write_without(value, drop, out)?;
            }
            out.push('}');
        }
    }
    Ok(())
}

/// For build scripts: writes every `.json` file of the folder `from` into the folder `to`, each
/// through [`minify`], or [`minify_without`] the members named in `drop` if any are named.
/// Panics, as a build script should, when a file cannot be read, parsed or written.
pub fn minify_folder(from: &std::path::Path, to: &std::path::Path, drop: &[&str]) {
    let files = std::fs::read_dir(from).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
    for entry in files {
        let path = entry
            .unwrap_or_else(|e| panic!("{}: {e}", from.display()))
            .path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let small = if drop.is_empty() {
                minify(&text)
            } else {
                minify_without(&text, drop).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            };
            let out = to.join(path.file_name().unwrap_or_default());
            std::fs::write(&out, small).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
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

    #[test]
    fn drops_the_named_members_at_any_depth() {
        let text = r#"{ "about": "for people", "notes": 3, "a": [{ "note": "x", "b": 1.5, "readings": [{ "q": 1 }] }], "c": "\u00e9" }"#;
        let small = minify_without(text, &["about", "note", "readings"]).unwrap();
        // `notes` is not a name in the list, so it stays.
        assert_eq!(small, "{\"notes\":3,\"a\":[{\"b\":1.5}],\"c\":\"\u{e9}\"}");
        assert!(minify_without("{ not json", &["note"]).is_err());
    }

    proptest::proptest! {
        #[test]
        fn the_same_value(value in json()) {
            let pretty = serde_json::to_string_pretty(&value).unwrap();
            let small = minify(&pretty);
            proptest::prop_assert_eq!(&small, &serde_json::to_string(&value).unwrap());
            // Dropping nothing writes the same value, members in the same order.
            let again = minify_without(&pretty, &[]).unwrap();
            proptest::prop_assert_eq!(crate::Node::parse(&again).unwrap(), crate::Node::parse(&pretty).unwrap());
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
