//! costshare's decision model: from a household's expected care to each option's yearly cost,
//! its risk, and a recommendation that explains itself.
#![warn(missing_docs)]

pub mod care;
