//! The input side: who is covered and what care they received.

use crate::money::Money;
use crate::plan::{Channel, Network};
use chrono::NaiveDate;

/// How a covered person is related to the employee.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relationship {
    /// The employee or retiree who holds the coverage.
    Employee,
    /// The employee's spouse.
    Spouse,
    /// A child of the employee.
    Child,
}

/// A covered person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// A name or id the person recognizes, for example `alex`.
    pub id: String,
    /// Relationship to the employee.
    pub relationship: Relationship,
    /// Age during the plan year.
    pub age: u8,
}

/// A prescription fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DrugFill {
    /// Index into the plan's drug tiers.
    pub tier: usize,
    /// Days of medicine supplied, for example 30 or 90.
    pub days_supply: u16,
    /// Retail or mail order.
    pub channel: Channel,
    /// When the member asked for the brand although a generic exists: the generic's cost.
    pub generic_cost: Option<Money>,
    /// A preventive drug (may skip the deductible).
    pub preventive: bool,
    /// A maintenance drug, by a number the caller gives each drug (0, 1, 2, ...): the plan's
    /// maintenance-drug rule counts each person's retail fills of each one.
    pub maintenance: Option<u32>,
}

/// What a claim is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClaimKind {
    /// A listed service (index into the plan's services).
    Service(usize),
    /// A prescription.
    Drug(DrugFill),
}

/// One dated claim line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Claim {
    /// Date of service.
    pub date: NaiveDate,
    /// Index into the household's members.
    pub member: usize,
    /// Service or prescription.
    pub kind: ClaimKind,
    /// Provider's network.
    pub network: Network,
    /// What the provider charged.
    pub billed: Money,
    /// The plan's allowed amount (negotiated rate in-network, maximum reimbursable charge out).
    pub allowed: Money,
    /// Visits or days on this line (at least 1).
    pub units: u32,
    /// The visit led to a hospital admission (waives emergency room and urgent care copays).
    pub admitted: bool,
    /// This line starts a hospital admission (charges a per-admission deductible).
    pub new_admission: bool,
    /// The admission is a direct transfer from an acute-care hospital.
    pub transferred_from_acute: bool,
    /// Required pre-certification was obtained.
    pub precertified: bool,
    /// The allowed amount of a less costly treatment that would have done (an amalgam filling
    /// for a composite one), for services under a dental alternate benefit.
    pub alternate_allowed: Option<Money>,
}

impl Claim {
    /// An in-network service claim with billed = allowed, one unit, and pre-certification.
    pub fn service(date: NaiveDate, member: usize, service: usize, allowed: Money) -> Claim {
        Claim {
            date,
            member,
            kind: ClaimKind::Service(service),
            network: Network::In,
            billed: allowed,
            allowed,
            units: 1,
            admitted: false,
            new_admission: false,
            transferred_from_acute: false,
            precertified: true,
            alternate_allowed: None,
        }
    }
}
