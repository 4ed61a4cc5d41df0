//! Values by name as a sorted list of entries: a JSON object of the built-in data files, and the
//! life events of the model's data. Each `BTreeMap<String, V>` compiles a B-tree of its own
//! (about 5 KB of WebAssembly per value type); a list compiles to little. It reads and behaves as
//! that map did: the same errors, a repeated key keeps its last value, iteration goes in key
//! order, and `entries["name"]` panics when there is no such name.

use costshare_json::{FromJson, Node};

/// The entries of a JSON object, in key order, each key once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entries<V>(Vec<(String, V)>);

impl<V> Entries<V> {
    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()
            .map(|i| &self.0[i].1)
    }

    /// Whether `key` is there.
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// The values, in key order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }

    /// The names, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    /// The names and values, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    /// From entries in any order: sorted by key, the last value of a repeated key kept (what
    /// inserting them one by one into a map does).
    pub(crate) fn from_unsorted(mut entries: Vec<(String, V)>) -> Entries<V> {
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

impl<'a, V> IntoIterator for &'a Entries<V> {
    type Item = (&'a String, &'a V);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, V)>,
        fn(&'a (String, V)) -> (&'a String, &'a V),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl<V> std::ops::Index<&str> for Entries<V> {
    type Output = V;

    /// The value of `key`; panics when there is none, like a map's index.
    fn index(&self, key: &str) -> &V {
        match self.get(key) {
            Some(v) => v,
            None => panic!("no entry {key:?}"),
        }
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
