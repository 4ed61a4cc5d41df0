//! Problems found in a file: where, what, and how serious.

use costshare_json::{FromJson, Node};
use std::fmt;

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The file cannot be used until this is fixed.
    Error,
    /// The file works, but something in it deserves attention.
    Warning,
}

/// Puts the errors first and the warnings after them, each in their order (what a stable sort by
/// severity does; a partition compiles smaller than a sort).
pub(crate) fn errors_first(problems: &mut Vec<Problem>) {
    let (mut errors, warnings): (Vec<Problem>, Vec<Problem>) = std::mem::take(problems)
        .into_iter()
        .partition(|p| p.severity == Severity::Error);
    errors.extend(warnings);
    *problems = errors;
}

/// One problem in a file, with the path of the field it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// Field path, for example `tiers[1].deductible.in_network.family`; empty for the whole file.
    pub path: String,
    /// What is wrong, in plain words.
    pub message: String,
}

impl Problem {
    /// An error at `path`.
    pub fn error(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Error,
            path: path.into(),
            message: message.into(),
        }
    }

    /// A warning at `path`.
    pub fn warning(path: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            severity: Severity::Warning,
            path: path.into(),
            message: message.into(),
        }
    }

    /// The same problem under a parent path, such as `plans[2]`.
    pub fn within(mut self, parent: &str) -> Problem {
        self.path = costshare_json::join_path(parent, &self.path);
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if self.path.is_empty() {
            write!(f, "{level}: {}", self.message)
        } else {
            write!(f, "{level}: {}: {}", self.path, self.message)
        }
    }
}

/// Reads JSON into `T`, reporting a syntax or shape error with its field path.
///
/// The text is parsed once by serde_json into a [`Node`] tree (a syntax error's path is worked
/// out from where serde_json stopped, see [`path_at`]); then `T` is read from the tree by its
/// [`FromJson`] reader, which knows the path of what it reads. Both compile far smaller than a
/// serde reader per type (issue 9).
pub fn from_json<T: FromJson>(json: &str) -> Result<T, Problem> {
    let mut de = serde_json::Deserializer::from_str(json);
    let node = <Node as serde::Deserialize>::deserialize(&mut de).map_err(|e| {
        let path = path_at(json, offset_of(json, e.line(), e.column()));
        Problem::error(path, format!("this is not valid JSON: {e}"))
    })?;
    de.end()
        .map_err(|e| Problem::error("", format!("unexpected text after the JSON value ({e})")))?;
    T::from_json(&node).map_err(|e| Problem::error(e.path, e.message))
}

/// The byte offset of serde_json's error position (1-based line, 0-based byte column).
fn offset_of(json: &str, line: usize, column: usize) -> usize {
    let start = json
        .match_indices('\n')
        .nth(line.saturating_sub(2))
        .filter(|_| line > 1)
        .map_or(0, |(i, _)| i + 1);
    (start + column).min(json.len())
}

/// One level of the path while scanning JSON text.
enum Level {
    /// Inside an object: the key being read or last read.
    Object(Option<String>, bool),
    /// Inside an array: the index of the current element.
    Array(usize),
}

/// The field path (`tiers[1].deductible`) of the value that ends at byte `end` of valid JSON
/// text: the key just read, the value just read, or the object or array just closed (an error
/// about a whole object, such as a missing field, names the object).
pub(crate) fn path_at(json: &str, end: usize) -> String {
    let bytes = json.as_bytes();
    let end = end.min(bytes.len());
    let mut stack: Vec<Level> = Vec::new();
    let mut i = 0;
    while i < end {
        match bytes[i] {
            b'{' => stack.push(Level::Object(None, true)),
            b'[' => stack.push(Level::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Level::Array(n)) => *n += 1,
                Some(Level::Object(_, expect_key)) => *expect_key = true,
                None => {}
            },
            b':' => {
                if let Some(Level::Object(_, expect_key)) = stack.last_mut() {
                    *expect_key = false;
                }
            }
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Level::Object(key, true)) = stack.last_mut() {
                    let raw = &json[start..(i + 1).min(json.len())];
                    // Unescaped as a JSON string through the tree reader: serde_json's own
                    // `String` reader carries its float writer for messages (11 KB of wasm).
                    *key = Some(match Node::parse(raw) {
                        Ok(Node::String(s)) => s,
                        _ => raw.to_string(),
                    });
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for level in &stack {
        match level {
            Level::Object(Some(key), _) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
            Level::Object(None, _) => {}
            Level::Array(n) => path.push_str(&format!("[{n}]")),
        }
    }
    path
}

/// Reads a plan or catalog file. A field the format does not have is a plan rule this version
/// cannot express: the problem says so (naming the field as written, and a known rule's name),
/// so such a plan never loads as something else.
pub(crate) fn from_plan_json<T: FromJson>(json: &str) -> Result<T, Problem> {
    from_json(json).map_err(explain)
}

/// A reading problem of a plan file in the words of plan files: a field the format does not
/// have is a rule it cannot express, or a misspelling of one it has.
pub(crate) fn explain(mut p: Problem) -> Problem {
    {
        if let Some(rest) = p.message.strip_prefix("unknown field `")
            && let Some(end) = rest.find('`')
        {
            let field = &rest[..end];
            let rule = KNOWN_UNSUPPORTED
                .iter()
                .find(|(names, _)| names.contains(&field))
                .map_or(String::new(), |(_, rule)| format!(" ({rule})"));
            // A misspelt field is most likely what it is: say which one was meant.
            if rule.is_empty()
                && let Some(meant) = closest(field, &rest[end..])
            {
                p.message = format!(
                    "\"{field}\" is not a field here: did you mean \"{meant}\"? (A field the format does not have is a rule it cannot express, so the plan is not loaded.)"
                );
                return p;
            }
            p.message = format!(
                "\"{field}\"{rule} is not a rule plan format {} can express, so the plan cannot be modelled exactly and is not loaded ({})",
                crate::SCHEMA_VERSION,
                p.message
            );
        }
        p
    }
}

/// The expected field (from serde's "expected one of `a`, `b`" list) within two edits of
/// `field`, if exactly one is that close.
fn closest<'a>(field: &str, expected: &'a str) -> Option<&'a str> {
    // "`, expected one of `a`, `b`": the names are every other piece after the first two.
    let names = expected.split('`').skip(2).step_by(2);
    let mut near = names.filter(|n| strsim::levenshtein(field, n) <= 2);
    let first = near.next()?;
    near.next().is_none().then_some(first)
}

/// Plan rules people write that the format does not have yet, by the field names they use.
const KNOWN_UNSUPPORTED: &[(&[&str], &str)] = &[
    (
        &["lifetime_reserve_days"],
        "Medicare lifetime reserve days counted across benefit periods and years",
    ),
    (
        &[
            "preferred_pharmacies",
            "preferred_pharmacy",
            "standard_pharmacies",
        ],
        "different cost sharing at preferred and standard network pharmacies",
    ),
    (
        &[
            "members_to_meet_family_deductible",
            "family_members_to_meet",
        ],
        "a family deductible met once a number of members have each met theirs",
    ),
    (
        &["deductible_carryover", "fourth_quarter_carryover"],
        "a deductible carryover from the last months of the plan year",
    ),
    (
        &["readmission", "readmission_days"],
        "no new per-admission copay on a readmission within some days",
    ),
    (
        &["coordination_of_benefits", "medicare_primary"],
        "coordination with Medicare or another plan that pays first",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::Amount;
    use std::collections::BTreeMap;

    #[derive(Debug, FromJson)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Tier {
        id: String,
        deductible: Amount,
    }

    #[derive(Debug, FromJson)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: String,
        tiers: Vec<Tier>,
        #[serde(default)]
        limits: BTreeMap<String, Vec<Amount>>,
    }

    fn problem(json: &str) -> (String, String) {
        let p = from_json::<Doc>(json).expect_err("the document is wrong");
        (p.path, p.message)
    }

    #[test]
    fn a_bad_value_is_named_by_its_path() {
        let (path, message) = problem(
            r#"{"name": "x", "tiers": [{"id": "a", "deductible": "600"}, {"id": "b", "deductible": "-5"}]}"#,
        );
        assert_eq!(path, "tiers[1].deductible");
        assert!(message.contains("negative"), "{message}");
        // Inside a map of arrays, after keys with escaped quotes and non-ASCII text.
        let (path, _) = problem(
            "{\"name\": \"caf\u{e9} \\\"x\\\"\", \"tiers\": [], \"limits\": {\"a\\\"b\": [\"1\"], \"\u{e9}t\u{e9}\": [\"2\", \"1,50\"]}}",
        );
        assert_eq!(path, "limits.\u{e9}t\u{e9}[1]");
    }

    #[test]
    fn unknown_and_missing_fields_name_where_they_are() {
        let (path, message) =
            problem(r#"{"name": "x", "tiers": [{"id": "a", "deductible": "1", "copay": "5"}]}"#);
        assert_eq!(path, "tiers[0].copay");
        assert!(message.starts_with("unknown field `copay`"), "{message}");
        // A missing field is about the object that lacks it.
        let (path, message) =
            problem("{\n  \"name\": \"x\",\n  \"tiers\": [\n    {\"id\": \"a\"}\n  ]\n}");
        assert_eq!(path, "tiers[0]");
        assert!(
            message.starts_with("missing field `deductible`"),
            "{message}"
        );
        let (path, _) = problem(r#"{"tiers": []}"#);
        assert_eq!(path, "");
    }

    #[test]
    fn wrong_types_syntax_and_trailing_text() {
        let (path, message) = problem(r#"{"name": "x", "tiers": [{"id": 7, "deductible": "1"}]}"#);
        assert_eq!(path, "tiers[0].id");
        assert!(
            message.starts_with("invalid type: integer `7`"),
            "{message}"
        );
        let (_, message) = problem(r#"{"name": "x", "tiers": [}"#);
        assert!(message.starts_with("this is not valid JSON"), "{message}");
        let (path, message) = problem(r#"{"name": "x", "tiers": []} {}"#);
        assert_eq!(path, "");
        assert!(
            message.starts_with("unexpected text after the JSON value"),
            "{message}"
        );
    }

    #[test]
    fn paths_of_unfinished_text_do_not_panic() {
        // Any prefix of a document, cut anywhere (even inside a character or an escape).
        let json = "{\"name\": \"\u{e9}\\\"\u{1f600}\", \"tiers\": [{\"id\": \"a\\\\\", \"deductible\": \"1\"}]}";
        for end in 0..=json.len() + 2 {
            let _ = path_at(json, end);
        }
        for cut in (0..json.len()).filter(|&i| json.is_char_boundary(i)) {
            let _ = from_json::<Doc>(&json[..cut]);
        }
    }
}
