//! costshare's decision model: from a household's expected care to each option's yearly cost,
//! its risk, and a recommendation that explains itself.
#![warn(missing_docs)]

pub mod care;
pub mod compare;
pub mod cost;
pub mod curve;
pub mod data;
pub mod expected;
pub mod file;
pub mod household;
pub mod keyed;
pub mod options;
pub mod problem;
pub mod recommend;
pub mod report;
pub mod resolve;
pub mod simulate;
pub mod tax;
