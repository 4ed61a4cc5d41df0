//! A problem with what the person entered, with the field it concerns.

/// A problem with the household as entered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HouseholdError {
    /// Field path, for example `people[1].age`.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for HouseholdError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}
