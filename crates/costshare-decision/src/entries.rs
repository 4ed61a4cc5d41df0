//! A JSON object of the built-in data files read as a sorted list of its entries. Each
//! `BTreeMap<String, V>` compiles a B-tree of its own (about 5 KB of WebAssembly per value type);
//! a list compiles to little. It reads and behaves as that map did: the same errors, a repeated
//! key keeps its last value, and iteration goes in key order.

use costshare_json::{FromJson, Node};

/// The entries of a JSON object, in key order, each key once.
pub(crate) struct Entries<V>(Vec<(String, V)>);

impl<V> Entries<V> {
    /// The value of `key`.
    pub(crate) fn get(&self, key: &str) -> Option<&V> {
        self.0
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()
            .map(|i| &self.0[i].1)
    }

    /// Whether `key` is there.
    pub(crate) fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The values, in key order.
    pub(crate) fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }

    /// From entries in any order: sorted by key, the last value of a repeated key kept (what
    /// inserting them one by one into a map does).
    fn from_unsorted(mut entries: Vec<(String, V)>) -> Entries<V> {
        costshare_engine::order::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        let mut out: Vec<(String, V)> = Vec::with_capacity(entries.len());
        for (k, v) in entries {
            match out.last_mut() {
                Some(last) if last.0 == k => last.1 = v,
                _ => out.push((k, v)),
            }
        }
        Entries(out)
    }
}

impl<V> IntoIterator for Entries<V> {
    type Item = (String, V);
    type IntoIter = std::vec::IntoIter<(String, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<V: FromJson> FromJson for Entries<V> {
    fn from_json(node: &Node) -> Result<Entries<V>, costshare_json::Error> {
        costshare_json::members::<String, V>(node).map(Entries::from_unsorted)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn reads_like_a_map() {
        for text in [
            r#"{}"#,
            r#"{"b": 2, "a": 1, "c": 3}"#,
            r#"{"b": 2, "a": 1, "b": 5, "a": 7, "b": 9}"#,
        ] {
            let ours: Entries<u32> = costshare_json::from_str(text).unwrap();
            // serde's map, as the standard.
            let map: BTreeMap<String, u32> = serde_json::from_str(text).unwrap();
            assert_eq!(ours.0, map.clone().into_iter().collect::<Vec<_>>());
            for k in ["a", "b", "c", "d"] {
                assert_eq!(ours.get(k), map.get(k));
            }
        }
        for text in [
            r#"[]"#,
            r#"{"a": "x"}"#,
            r#"{"a": 1,}"#,
            r#"5"#,
            r#"{"a": 1"#,
        ] {
            // The same words; serde adds where in the text, ours the path.
            let words = |e: String| e.split(" at line ").next().unwrap_or_default().to_string();
            let ours = costshare_json::from_str::<Entries<u32>>(text)
                .err()
                .map(|e| words(e.message));
            let map = serde_json::from_str::<BTreeMap<String, u32>>(text)
                .err()
                .map(|e| words(e.to_string()));
            assert_eq!(ours, map, "{text}");
            assert!(ours.is_some());
        }
    }
}
