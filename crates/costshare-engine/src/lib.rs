//! costshare's cost-sharing engine.
//!
//! Given a [`Plan`], a coverage tier, the household's [`Member`]s and a list of dated [`Claim`]s,
//! [`adjudicate`] splits every claim into network discount, balance bill, not covered, penalty,
//! copay, deductibles, coinsurance, plan payment, HRA payment and what the member pays, with the
//! running totals after each claim and a plain-language explanation.
//!
//! The crate is pure: no IO, no clock, no randomness, no floating point, no `unsafe`, and no
//! panics on any input (bad input is an [`Error`]). Money is exact cents ([`Money`]); the one
//! rounding rule lives in [`Money::mul_div`].
#![deny(clippy::float_arithmetic)]
#![warn(missing_docs)]

mod adjudicate;
mod claim;
mod error;
mod explain;
mod money;
pub mod order;
mod plan;
mod premium;

pub use adjudicate::{
    Adjudication, ClaimResult, Options, Snapshot, Totals, Workspace, adjudicate, adjudicate_each,
    adjudicate_totals, check_household,
};
pub use claim::{Claim, ClaimKind, DrugFill, Member, Relationship};
pub use error::{Error, MAX_CLAIMS};
pub use explain::{CoinsuranceLimit, PerDayCap, Step, crediting_rule};
pub use money::{MAX_CENTS, Money, MoneyError, Rate};
pub use plan::{
    Amounts, Benefit, BrandCoinsuranceBase, Channel, CopayAfterVisits, CopayTiming, CostShare,
    Crediting, DayRange, DrugBenefit, DrugDeductible, DrugOutOfPocket, DrugShare, DrugTier,
    FamilyRule, Hra, Limit, LimitPeriod, LimitScope, LimitUnit, MaintenanceAfter, MaintenanceRule,
    Network, OutOfPocketCounts, PerDayCopay, Plan, PlanKind, Service, Tier,
};
pub use premium::{Surcharge, SurchargeCondition, SurchargeFacts, YearlyPremium, yearly_premium};
