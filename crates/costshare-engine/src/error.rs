//! Errors the engine reports instead of panicking.

use std::fmt;

/// Why a household or claim list could not be adjudicated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The household has no members, or does not have exactly one employee.
    Household(String),
    /// A member cannot be covered under the chosen tier.
    TierDoesNotCover {
        /// The member's id.
        member: String,
        /// The tier's name.
        tier: String,
    },
    /// The tier index is not one of the plan's tiers.
    UnknownTier(usize),
    /// A claim is malformed; `claim` is its position in the input, counting from 1.
    Claim {
        /// Position in the input, from 1.
        claim: usize,
        /// The field at fault, as named in a claims file (`allowed`, `drug.days_supply`).
        field: &'static str,
        /// What is wrong, in plain words.
        problem: String,
    },
    /// More claims than the engine takes in one year.
    TooManyClaims(usize),
}

impl Error {
    /// The field path of the problem in a claims file, such as `claims[2].allowed`, or `""`
    /// when the problem is not about one claim.
    pub fn path(&self) -> String {
        match self {
            Error::Claim {
                claim, field: "", ..
            } => {
                format!("claims[{}]", claim.saturating_sub(1))
            }
            Error::Claim { claim, field, .. } => {
                format!("claims[{}].{field}", claim.saturating_sub(1))
            }
            Error::TooManyClaims(_) => "claims".into(),
            Error::Household(_) | Error::TierDoesNotCover { .. } => "members".into(),
            Error::UnknownTier(_) => String::new(),
        }
    }

    /// The problem in plain words, without the path.
    pub fn message(&self) -> String {
        match self {
            Error::Claim { problem, .. } => problem.clone(),
            Error::TooManyClaims(n) => {
                format!("{n} claims is more than the engine takes in a year ({MAX_CLAIMS})")
            }
            other => other.to_string(),
        }
    }
}

/// The most claim lines one run takes; with every amount at most $1,000,000,000 this keeps
/// every sum within `i64` cents.
pub const MAX_CLAIMS: usize = 10_000_000;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Household(problem) => write!(f, "household: {problem}"),
            Error::TierDoesNotCover { member, tier } => {
                write!(
                    f,
                    "household: the tier \"{tier}\" does not cover member \"{member}\""
                )
            }
            Error::UnknownTier(index) => write!(f, "coverage tier #{index} does not exist"),
            Error::Claim { problem, .. } => write!(f, "{}: {problem}", self.path()),
            Error::TooManyClaims(_) => write!(f, "claims: {}", self.message()),
        }
    }
}

impl std::error::Error for Error {}
