//! Values by name as a sorted list of entries: what the file types use for a JSON object whose
//! members are names of the writer's choosing (`"premiums": {"employee": "45"}`). Each
//! `BTreeMap<String, V>` compiles a B-tree of its own (about 5 KB of WebAssembly per value
//! type); a list compiles to little, and these objects hold a few dozen names at most. It reads,
//! writes and behaves as that map does: the same errors, a repeated key keeps its last value,
//! iteration goes in key order, it is written as a JSON object (and described as one in JSON
//! Schema), and `entries["name"]` panics when there is no such name.

use crate::{Error, FromJson, Node};

/// The entries of a JSON object, in key order, each key once.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Entries<V>(Vec<(String, V)>);

impl<V> Default for Entries<V> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<V> Entries<V> {
    /// No entries.
    pub fn new() -> Entries<V> {
        Entries(Vec::new())
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.0.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.find(key).ok().map(|i| &self.0[i].1)
    }

    /// The value of `key`, to change.
    pub fn get_mut(&mut self, key: &str) -> Option<&mut V> {
        self.find(key).ok().map(|i| &mut self.0[i].1)
    }

    /// Whether `key` is there.
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Sets the value of `key`, returning the one it replaces.
    pub fn insert(&mut self, key: String, value: V) -> Option<V> {
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (key, value));
                None
            }
        }
    }

    /// Takes `key` out, returning its value.
    pub fn remove(&mut self, key: &str) -> Option<V> {
        self.find(key).ok().map(|i| self.0.remove(i).1)
    }

    /// Takes every entry out.
    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
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
}

/// From entries in any order: each inserted in turn, so a repeated key keeps its last value.
/// (No sort: a sort compiles a copy of itself per value type, and these lists are short.)
impl<V> FromIterator<(String, V)> for Entries<V> {
    fn from_iter<I: IntoIterator<Item = (String, V)>>(iter: I) -> Self {
        let mut out = Entries::new();
        out.extend(iter);
        out
    }
}

impl<V, const N: usize> From<[(String, V); N]> for Entries<V> {
    fn from(entries: [(String, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl<V> Extend<(String, V)> for Entries<V> {
    /// Inserts each in turn: a key already there takes the new value.
    fn extend<I: IntoIterator<Item = (String, V)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
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
    fn from_json(node: &Node) -> Result<Entries<V>, Error> {
        let mut out = Entries::new();
        crate::each_member(node, &mut |key, value| {
            out.insert(String::from_json(key)?, V::from_json(value)?);
            Ok(())
        })?;
        Ok(out)
    }
}

impl<V: serde::Serialize> serde::Serialize for Entries<V> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

/// Described as the map it reads and writes as: an object whose members are `V`s.
impl<V: schemars::JsonSchema> schemars::JsonSchema for Entries<V> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        <std::collections::BTreeMap<String, V>>::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        <std::collections::BTreeMap<String, V>>::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <std::collections::BTreeMap<String, V>>::json_schema(generator)
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
            let ours: Entries<u32> = crate::from_str(text).unwrap();
            // serde's map, as the standard.
            let map: BTreeMap<String, u32> = serde_json::from_str(text).unwrap();
            assert_eq!(ours.0, map.clone().into_iter().collect::<Vec<_>>());
            for k in ["a", "b", "c", "d"] {
                assert_eq!(ours.get(k), map.get(k));
            }
            // And writes like it.
            assert_eq!(
                serde_json::to_string(&ours).unwrap(),
                serde_json::to_string(&map).unwrap()
            );
        }
        for text in [
            r#"[]"#,
            r#"{"a": "x"}"#,
            r#"{"a": 1,}"#,
            r#"5"#,
            r#"{"a": 1"#,
        ] {
            // The same words, but for a number's range, which ours says in words rather than
            // as the Rust type; serde adds where in the text, ours the path.
            let words = |e: String| {
                crate::plain_number_words(e.split(" at line ").next().unwrap_or_default())
            };
            let ours = crate::from_str::<Entries<u32>>(text)
                .err()
                .map(|e| words(e.message));
            let map = serde_json::from_str::<BTreeMap<String, u32>>(text)
                .err()
                .map(|e| words(e.to_string()));
            assert_eq!(ours, map, "{text}");
            assert!(ours.is_some());
        }
    }

    #[test]
    fn is_described_as_the_map() {
        #[derive(schemars::JsonSchema)]
        #[allow(dead_code)]
        struct A {
            m: BTreeMap<String, u32>,
        }
        #[derive(schemars::JsonSchema)]
        #[allow(dead_code)]
        struct B {
            m: Entries<u32>,
        }
        let a = serde_json::to_value(schemars::schema_for!(A)).unwrap();
        let b = serde_json::to_value(schemars::schema_for!(B)).unwrap();
        assert_eq!(a["properties"], b["properties"]);
    }

    proptest::proptest! {
        /// Inserting and removing do what they do to a map.
        #[test]
        fn changes_like_a_map(ops in proptest::collection::vec((0u8..2, "[a-e]", 0u32..100), 0..40)) {
            let mut ours = Entries::new();
            let mut map = BTreeMap::new();
            for (op, key, value) in ops {
                if op == 0 {
                    proptest::prop_assert_eq!(ours.insert(key.clone(), value), map.insert(key, value));
                } else {
                    proptest::prop_assert_eq!(ours.remove(&key), map.remove(&key));
                }
                proptest::prop_assert_eq!(ours.len(), map.len());
                let listed: Vec<_> = ours.iter().map(|(k, v)| (k.clone(), *v)).collect();
                proptest::prop_assert_eq!(listed, map.clone().into_iter().collect::<Vec<_>>());
            }
        }
    }
}
