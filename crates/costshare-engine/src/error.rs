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
        /// What is wrong, in plain words.
        problem: String,
    },
}

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
            Error::Claim { claim, problem } => write!(f, "claim {claim}: {problem}"),
        }
    }
}

impl std::error::Error for Error {}
