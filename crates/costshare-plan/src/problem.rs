//! Problems found in a file: where, what, and how serious.

use std::fmt;

/// How serious a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The file cannot be used until this is fixed.
    Error,
    /// The file works, but something in it deserves attention.
    Warning,
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
        self.path = if self.path.is_empty() {
            parent.to_string()
        } else if self.path.starts_with('[') {
            format!("{parent}{}", self.path)
        } else {
            format!("{parent}.{}", self.path)
        };
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
pub fn from_json<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, Problem> {
    let mut de = serde_json::Deserializer::from_str(json);
    match serde_path_to_error::deserialize::<_, T>(&mut de) {
        Ok(value) => match de.end() {
            Ok(()) => Ok(value),
            Err(e) => Err(Problem::error(
                "",
                format!("unexpected text after the JSON value ({e})"),
            )),
        },
        Err(e) => {
            let path = e.path().to_string();
            let path = if path == "." { String::new() } else { path };
            let inner = e.into_inner();
            let message = if inner.is_syntax() || inner.is_eof() {
                format!("this is not valid JSON: {inner}")
            } else {
                plain_serde_message(&inner.to_string())
            };
            Err(Problem::error(path, message))
        }
    }
}

/// Drops serde's " at line L column C" suffix position into words and keeps the rest.
fn plain_serde_message(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => format!("{} ({})", &message[..i], &message[i + 4..]),
        None => message.to_string(),
    }
}
