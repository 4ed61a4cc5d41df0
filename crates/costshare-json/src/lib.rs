//! Reading costshare's JSON files: parse once into a [`Node`] tree, then read typed values from
//! it with [`FromJson`], each error carrying the field path it is about (`tiers[1].deductible`).
//!
//! Why not serde's `Deserialize`: a derived `Deserialize` compiles to a reader per type *and* per
//! JSON reader, with the lexer inlined into each. That code was over a third of the WebAssembly
//! builds (issues 9 and 12). Here the JSON text is read by serde_json exactly once, into a tree
//! (so syntax errors, nesting limits and escapes are serde_json's), and a type's reader is a
//! handful of non-generic calls per field, written by `#[derive(FromJson)]` from the same
//! `#[serde(...)]` attributes that define the format for the JSON Schema and the writers.
//!
//! Messages follow serde's wording (`missing field `x``, `unknown field `x`, expected one of …`,
//! `invalid type: integer `7`, expected a string`), so people see the same words either way.

use std::collections::BTreeMap;
use std::fmt;

pub use costshare_json_derive::FromJson;
pub use entries::Entries;
pub use minify::{minify, minify_folder, minify_without};

mod entries;
mod minify;

// The derive names this crate by its path, also from its own tests.
extern crate self as costshare_json;

/// A JSON value, with object members in the order written.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    Null,
    Bool(bool),
    /// A whole number of at least zero.
    Unsigned(u64),
    /// A negative whole number.
    Signed(i64),
    Float(f64),
    String(String),
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl Node {
    /// Parses JSON text (all of it: text after the value is an error), with serde_json's syntax
    /// rules, messages and nesting limit.
    pub fn parse(text: &str) -> Result<Node, serde_json::Error> {
        let mut de = serde_json::Deserializer::from_str(text);
        let node = serde::Deserialize::deserialize(&mut de)?;
        de.end()?;
        Ok(node)
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match self {
            Node::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// What the value is, in serde's words (`integer `7``, `string "x"`, `map`).
    pub fn unexpected(&self) -> String {
        match self {
            Node::Null => "null".to_string(),
            Node::Bool(b) => format!("boolean `{b}`"),
            Node::Unsigned(n) => format!("integer `{n}`"),
            Node::Signed(n) => format!("integer `{n}`"),
            Node::Float(x) => {
                let s = x.to_string();
                if s.chars().all(|c| c.is_ascii_digit() || c == '-') {
                    format!("floating point `{s}.0`")
                } else {
                    format!("floating point `{s}`")
                }
            }
            Node::String(s) => format!("string {s:?}"),
            Node::Array(_) => "sequence".to_string(),
            Node::Object(_) => "map".to_string(),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Node {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Node, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Node;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_bool<E>(self, b: bool) -> Result<Node, E> {
                Ok(Node::Bool(b))
            }
            fn visit_u64<E>(self, n: u64) -> Result<Node, E> {
                Ok(Node::Unsigned(n))
            }
            fn visit_i64<E>(self, n: i64) -> Result<Node, E> {
                Ok(if n >= 0 {
                    Node::Unsigned(n.unsigned_abs())
                } else {
                    Node::Signed(n)
                })
            }
            fn visit_f64<E>(self, x: f64) -> Result<Node, E> {
                Ok(Node::Float(x))
            }
            fn visit_str<E>(self, s: &str) -> Result<Node, E> {
                Ok(Node::String(s.to_string()))
            }
            fn visit_string<E>(self, s: String) -> Result<Node, E> {
                Ok(Node::String(s))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Array(items))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut members = Vec::new();
                while let Some(entry) = map.next_entry::<String, Node>()? {
                    members.push(entry);
                }
                Ok(Node::Object(members))
            }
        }
        d.deserialize_any(V)
    }
}

/// What is wrong with a value, and the path of the field it is about (empty: the value read).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// Field path relative to the value read, such as `tiers[1].deductible`.
    pub path: String,
    /// What is wrong, in serde's words or the type's own.
    pub message: String,
}

impl Error {
    /// An error about the value being read.
    pub fn new(message: impl Into<String>) -> Error {
        Error {
            path: String::new(),
            message: message.into(),
        }
    }

    /// `invalid type: {what node is}, expected {expected}`.
    pub fn invalid_type(node: &Node, expected: &str) -> Error {
        Error::new(format!(
            "invalid type: {}, expected {expected}",
            node.unexpected()
        ))
    }

    /// `invalid value: {what node is}, expected {expected}`.
    pub fn invalid_value(node: &Node, expected: &str) -> Error {
        Error::new(format!(
            "invalid value: {}, expected {expected}",
            node.unexpected()
        ))
    }

    /// The same error inside the member `key`.
    pub fn at_key(mut self, key: &str) -> Error {
        self.path = join_path(key, &self.path);
        self
    }

    /// The same error inside the array element `index`.
    pub fn at_index(mut self, index: usize) -> Error {
        self.path = join_path(&format!("[{index}]"), &self.path);
        self
    }
}

/// A field path under a parent path: `tiers[1]` + `deductible` is `tiers[1].deductible`,
/// `plans` + `[2]` is `plans[2]`; an empty side leaves the other.
pub fn join_path(parent: &str, path: &str) -> String {
    if parent.is_empty() {
        path.to_string()
    } else if path.is_empty() {
        parent.to_string()
    } else if path.starts_with('[') {
        format!("{parent}{path}")
    } else {
        format!("{parent}.{path}")
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for Error {}

/// serde's list of what was expected: "`a`", "`a` or `b`", "one of `a`, `b`, `c`".
fn one_of(names: &[&str]) -> String {
    match names {
        [a] => format!("`{a}`"),
        [a, b] => format!("`{a}` or `{b}`"),
        _ => {
            let list: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            format!("one of {}", list.join(", "))
        }
    }
}

/// A type read from a [`Node`]. Derive it with `#[derive(FromJson)]`.
pub trait FromJson: Sized {
    fn from_json(node: &Node) -> Result<Self, Error>;

    /// The value of a struct field that is not written and has no default: none, so the field
    /// is required (an `Option` is `None`, as with serde).
    fn if_missing() -> Option<Self> {
        None
    }
}

/// Reads JSON text as a `T`: a syntax error is serde_json's, a shape error is the reader's.
pub fn from_str<T: FromJson>(text: &str) -> Result<T, Error> {
    let node = Node::parse(text).map_err(|e| Error::new(e.to_string()))?;
    T::from_json(&node)
}

/// A struct's members, matched to its fields. Used by `#[derive(FromJson)]`.
pub struct Object<'a> {
    fields: &'static [&'static str],
    slots: Vec<Option<&'a Node>>,
}

impl<'a> Object<'a> {
    /// Matches `node`'s members to `fields` (in the order the struct declares them). With
    /// `deny_unknown`, a member the struct does not have is an error at that member.
    pub fn new(
        node: &'a Node,
        expecting: &str,
        fields: &'static [&'static str],
        deny_unknown: bool,
    ) -> Result<Object<'a>, Error> {
        let Node::Object(members) = node else {
            return Err(Error::invalid_type(node, expecting));
        };
        let mut slots = vec![None; fields.len()];
        for (key, value) in members {
            match fields.iter().position(|f| f == key) {
                Some(i) if slots[i].is_some() => {
                    return Err(Error::new(format!("duplicate field `{key}`")).at_key(key));
                }
                Some(i) => slots[i] = Some(value),
                None if deny_unknown => {
                    let expected = if fields.is_empty() {
                        "there are no fields".to_string()
                    } else {
                        format!("expected {}", one_of(fields))
                    };
                    return Err(
                        Error::new(format!("unknown field `{key}`, {expected}")).at_key(key)
                    );
                }
                None => {}
            }
        }
        Ok(Object { fields, slots })
    }

    /// Field `i` if written and readable by `read`; a value that does not read is recorded in
    /// `errors`.
    pub fn read_with<T>(
        &self,
        i: usize,
        errors: &mut FirstError,
        read: fn(&Node) -> Result<T, Error>,
    ) -> Option<T> {
        match read(self.slots[i]?) {
            Ok(v) => Some(v),
            Err(e) => {
                self.unreadable(i, errors, e);
                None
            }
        }
    }

    // The error paths are functions of their own, not generic: each field type's reader would
    // otherwise compile its own copy (issues 9 and 12).

    /// Records that field `i` does not read.
    #[inline(never)]
    fn unreadable(&self, i: usize, errors: &mut FirstError, e: Error) {
        errors.value.get_or_insert_with(|| e.at_key(self.fields[i]));
    }

    /// Records that field `i` is missing.
    #[inline(never)]
    fn missing(&self, i: usize, errors: &mut FirstError) {
        errors
            .missing
            .get_or_insert_with(|| Error::new(format!("missing field `{}`", self.fields[i])));
    }

    /// Field `i` with a default: its value if written (`None` if that does not read, the error
    /// recorded in `errors`), else `default()`.
    pub fn or_default<T>(
        &self,
        i: usize,
        errors: &mut FirstError,
        read: fn(&Node) -> Result<T, Error>,
        default: fn() -> T,
    ) -> Option<T> {
        if self.slots[i].is_none() {
            return Some(default());
        }
        self.read_with(i, errors, read)
    }

    /// A required field `i`: `value`, or what the type has when missing (`None` for an
    /// `Option`), or else `missing field` recorded in `errors` when the field was not written.
    pub fn required<T>(
        &self,
        value: Option<T>,
        i: usize,
        errors: &mut FirstError,
        if_missing: fn() -> Option<T>,
    ) -> Option<T> {
        if value.is_some() {
            return value;
        }
        if self.slots[i].is_some() {
            return None; // written but unreadable: that error is recorded already
        }
        let v = if_missing();
        if v.is_none() {
            self.missing(i, errors);
        }
        v
    }
}

/// The first error while reading a struct's fields. As with serde, a value that does not read
/// comes before a missing field.
#[derive(Default)]
pub struct FirstError {
    value: Option<Error>,
    missing: Option<Error>,
}

impl FirstError {
    /// The error to report.
    pub fn take(&mut self) -> Error {
        self.value
            .take()
            .or_else(|| self.missing.take())
            .unwrap_or_else(|| Error::new("a field could not be read"))
    }
}

/// An enum written serde's way: `"name"` for a variant without a value, `{"name": value}` for one
/// with. Returns the variant's name, checked against `variants`, and its value. Used by
/// `#[derive(FromJson)]`.
pub fn variant<'a>(
    node: &'a Node,
    expecting: &str,
    variants: &[&str],
) -> Result<(&'a str, Option<&'a Node>), Error> {
    let (tag, value) = match node {
        Node::String(s) => (s.as_str(), None),
        // The first member names the variant (as serde reads it); one member only.
        Node::Object(members) if !members.is_empty() => {
            (members[0].0.as_str(), Some(&members[0].1))
        }
        _ => return Err(Error::invalid_type(node, expecting)),
    };
    if let Node::Object(members) = node
        && members.len() > 1
        && variants.contains(&tag)
    {
        return Err(Error::new(format!(
            "invalid type: map, expected map with a single key (\"{tag}\")"
        )));
    }
    if variants.contains(&tag) {
        Ok((tag, value))
    } else {
        let expected = if variants.is_empty() {
            "there are no variants".to_string()
        } else {
            format!("expected {}", one_of(variants))
        };
        let e = Error::new(format!("unknown variant `{tag}`, {expected}"));
        Err(if value.is_some() { e.at_key(tag) } else { e })
    }
}

/// The value of a variant without one, written as `{"name": null}`. Used by
/// `#[derive(FromJson)]`.
pub fn unit(node: &Node) -> Result<(), Error> {
    match node {
        Node::Null => Ok(()),
        _ => Err(Error::invalid_type(node, "unit")),
    }
}

impl FromJson for Node {
    fn from_json(node: &Node) -> Result<Node, Error> {
        Ok(node.clone())
    }
}

impl FromJson for String {
    fn from_json(node: &Node) -> Result<String, Error> {
        match node {
            Node::String(s) => Ok(s.clone()),
            _ => Err(Error::invalid_type(node, "a string")),
        }
    }
}

impl FromJson for bool {
    fn from_json(node: &Node) -> Result<bool, Error> {
        match node {
            Node::Bool(b) => Ok(*b),
            _ => Err(Error::invalid_type(node, "a boolean")),
        }
    }
}

/// What a number of each Rust type is, in words people read instead of the type's name.
const NUMBER_WORDS: [(&str, &str); 9] = [
    ("u8", "a whole number from 0 to 255"),
    ("u16", "a whole number from 0 to 65,535"),
    ("u32", "a whole number from 0 to 4,294,967,295"),
    ("u64", "a whole number, 0 or more"),
    ("usize", "a whole number, 0 or more"),
    ("i32", "a whole number"),
    ("i64", "a whole number"),
    ("f32", "a number"),
    ("f64", "a number"),
];

/// [`NUMBER_WORDS`] for a Rust number type's name (the name itself for any other).
fn number_words(rust: &str) -> &str {
    NUMBER_WORDS
        .iter()
        .find(|(name, _)| *name == rust)
        .map_or(rust, |(_, words)| words)
}

/// serde's name of a number's Rust type at the end of a message, in this crate's words
/// (`…, expected u8` → `…, expected a whole number from 0 to 255`), for messages from other serde
/// readers (serde-wasm-bindgen's), so people never read a Rust type name.
pub fn plain_number_words(message: &str) -> String {
    if let Some((head, rust)) = message.rsplit_once("expected ")
        && NUMBER_WORDS.iter().any(|(name, _)| *name == rust)
    {
        return format!("{head}expected {}", number_words(rust));
    }
    message.to_string()
}

/// A whole number in `T`'s range, worded like serde but naming the range in words, not the Rust
/// type (`invalid value: integer `-1`, expected a whole number from 0 to 4,294,967,295`).
fn whole<T: TryFrom<u64> + TryFrom<i64>>(node: &Node, name: &str) -> Result<T, Error> {
    let fits = match node {
        Node::Unsigned(n) => T::try_from(*n).ok(),
        Node::Signed(n) => T::try_from(*n).ok(),
        _ => return Err(Error::invalid_type(node, name)),
    };
    fits.ok_or_else(|| Error::invalid_value(node, name))
}

macro_rules! whole_numbers {
    ($($t:ty),*) => {$(
        impl FromJson for $t {
            fn from_json(node: &Node) -> Result<$t, Error> {
                whole(node, number_words(stringify!($t)))
            }
        }
    )*};
}
whole_numbers!(u8, u16, u32, u64, usize, i32, i64);

impl FromJson for f64 {
    #[allow(clippy::cast_precision_loss)]
    fn from_json(node: &Node) -> Result<f64, Error> {
        match node {
            Node::Unsigned(n) => Ok(*n as f64),
            Node::Signed(n) => Ok(*n as f64),
            Node::Float(x) => Ok(*x),
            _ => Err(Error::invalid_type(node, number_words("f64"))),
        }
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(node: &Node) -> Result<Option<T>, Error> {
        match node {
            Node::Null => Ok(None),
            _ => T::from_json(node).map(Some),
        }
    }
    fn if_missing() -> Option<Option<T>> {
        Some(None)
    }
}

impl<T: FromJson> FromJson for Box<T> {
    fn from_json(node: &Node) -> Result<Box<T>, Error> {
        T::from_json(node).map(Box::new)
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(node: &Node) -> Result<Vec<T>, Error> {
        let mut out = Vec::new();
        each_item(node, &mut |item| {
            out.push(T::from_json(item)?);
            Ok(())
        })?;
        Ok(out)
    }
}

/// Calls `read` on each element of an array, in order, and stops at the first error (with the
/// element's index in its path). Not generic, so each list type adds only its `read`.
fn each_item(node: &Node, read: &mut dyn FnMut(&Node) -> Result<(), Error>) -> Result<(), Error> {
    match node {
        Node::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                read(item).map_err(|e| e.at_index(i))?;
            }
            Ok(())
        }
        _ => Err(Error::invalid_type(node, "a sequence")),
    }
}

/// The members of an object as (key, value) pairs in the order written, each key read as a `K`
/// (from a string) and each value as a `V`. For map types of their own.
pub fn members<K: FromJson, V: FromJson>(node: &Node) -> Result<Vec<(K, V)>, Error> {
    let mut out = Vec::new();
    each_member(node, &mut |key, value| {
        out.push((K::from_json(key)?, V::from_json(value)?));
        Ok(())
    })?;
    Ok(out)
}

/// Calls `read` on each member of an object (its key as a string node, and its value), in the
/// order written, and stops at the first error (with the key in its path). Not generic, so each
/// map type adds only its `read`.
pub(crate) fn each_member(
    node: &Node,
    read: &mut dyn FnMut(&Node, &Node) -> Result<(), Error>,
) -> Result<(), Error> {
    match node {
        Node::Object(members) => {
            for (k, v) in members {
                read(&Node::String(k.clone()), v).map_err(|e| e.at_key(k))?;
            }
            Ok(())
        }
        _ => Err(Error::invalid_type(node, "a map")),
    }
}

impl<K: FromJson + Ord, V: FromJson> FromJson for BTreeMap<K, V> {
    fn from_json(node: &Node) -> Result<BTreeMap<K, V>, Error> {
        // Inserted one by one: collecting would compile a sort per map type.
        let mut map = BTreeMap::new();
        for (k, v) in members(node)? {
            map.insert(k, v);
        }
        Ok(map)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_readers_number_words_become_ours() {
        assert_eq!(
            plain_number_words("invalid type: floating point `-1.0`, expected u8"),
            "invalid type: floating point `-1.0`, expected a whole number from 0 to 255"
        );
        assert_eq!(
            plain_number_words("invalid type: string \"x\", expected a string"),
            "invalid type: string \"x\", expected a string"
        );
        assert_eq!(
            plain_number_words("missing field `u8`"),
            "missing field `u8`"
        );
    }

    #[derive(Debug, PartialEq, FromJson)]
    #[serde(rename_all = "snake_case")]
    enum Deductible {
        None,
        Medical,
        Separate(u32),
        #[serde(rename = "6_months")]
        SixMonths,
    }

    #[derive(Debug, PartialEq, FromJson)]
    #[serde(deny_unknown_fields)]
    struct Tier {
        id: String,
        #[serde(default)]
        visits: Vec<u32>,
        #[serde(rename = "for", default = "any")]
        for_whom: String,
        note: Option<String>,
        deductible: Option<Deductible>,
    }

    fn any() -> String {
        "any".into()
    }

    #[derive(Debug, PartialEq, FromJson)]
    #[serde(rename_all = "camelCase")]
    struct Loose {
        catalog_origins: Vec<String>,
    }

    fn read<T: FromJson>(text: &str) -> Result<T, Error> {
        from_str(text)
    }

    #[test]
    fn reads_fields_defaults_renames_and_variants() {
        let t: Tier = read(r#"{"id": "a", "for": "kids", "deductible": {"separate": 5}}"#).unwrap();
        assert_eq!(
            t,
            Tier {
                id: "a".into(),
                visits: vec![],
                for_whom: "kids".into(),
                note: None,
                deductible: Some(Deductible::Separate(5)),
            }
        );
        let t: Tier =
            read(r#"{"id": "a", "visits": [1, 2], "deductible": "6_months", "note": null}"#)
                .unwrap();
        assert_eq!(
            (t.visits, t.for_whom, t.deductible),
            (vec![1, 2], "any".into(), Some(Deductible::SixMonths))
        );
        let l: Loose = read(r#"{"catalogOrigins": ["x"], "other": 1}"#).unwrap();
        assert_eq!(l.catalog_origins, vec!["x".to_string()]);
    }

    #[test]
    fn errors_name_their_path_in_serdes_words() {
        let e = read::<Vec<Tier>>(r#"[{"id": "a"}, {"id": "b", "visits": [1, -2]}]"#).unwrap_err();
        assert_eq!(e.path, "[1].visits[1]");
        assert_eq!(
            e.message,
            "invalid value: integer `-2`, expected a whole number from 0 to 4,294,967,295"
        );
        let e = read::<Tier>(r#"{"id": 7}"#).unwrap_err();
        assert_eq!(
            (e.path.as_str(), e.message.as_str()),
            ("id", "invalid type: integer `7`, expected a string")
        );
        let e = read::<Tier>(r#"{"visits": []}"#).unwrap_err();
        assert_eq!(
            (e.path.as_str(), e.message.as_str()),
            ("", "missing field `id`")
        );
        let e = read::<Tier>(r#"{"id": "a", "copay": 1}"#).unwrap_err();
        assert_eq!(e.path, "copay");
        assert_eq!(
            e.message,
            "unknown field `copay`, expected one of `id`, `visits`, `for`, `note`, `deductible`"
        );
        let e = read::<Tier>(r#"{"id": "a", "id": "b"}"#).unwrap_err();
        assert_eq!(e.message, "duplicate field `id`");
        let e = read::<Deductible>(r#""half""#).unwrap_err();
        assert_eq!(
            e.message,
            "unknown variant `half`, expected one of `none`, `medical`, `separate`, `6_months`"
        );
        let e = read::<Deductible>(r#"{"separate": "5"}"#).unwrap_err();
        assert_eq!(e.path, "separate");
        assert!(read::<Deductible>(r#""separate""#).is_err());
        assert!(read::<Deductible>(r#"{"none": 1}"#).is_err());
        let e = read::<Tier>(r#"[1.5]"#).unwrap_err();
        assert_eq!(e.message, "invalid type: sequence, expected struct Tier");
        let e = read::<u32>("1.0").unwrap_err();
        assert_eq!(
            e.message,
            "invalid type: floating point `1.0`, expected a whole number from 0 to 4,294,967,295"
        );
        let e = read::<Tier>(r#"{"id": "a",}"#).unwrap_err();
        assert!(e.message.starts_with("trailing comma"), "{}", e.message);
        assert!(read::<Tier>(r#"{"id": "a"} x"#).is_err());
    }

    #[test]
    fn maps_keep_their_keys_and_name_bad_ones() {
        let m: BTreeMap<String, Vec<u8>> = read(r#"{"b": [1], "a": []}"#).unwrap();
        assert_eq!(m.keys().collect::<Vec<_>>(), ["a", "b"]);
        let odd = Node::parse(r#"{"none": 1, "odd": 2}"#).unwrap();
        let e = members::<Deductible, u8>(&odd).unwrap_err();
        assert_eq!(e.path, "odd");
        let e = read::<BTreeMap<String, u8>>(r#"{"a\"b": 300}"#).unwrap_err();
        assert_eq!(e.path, "a\"b");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = "[".repeat(10_000);
        assert!(read::<Node>(&text).is_err());
    }
}
