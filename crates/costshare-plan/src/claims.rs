//! The claims file: who is covered and the dated claims to run through a plan.

use crate::model::{Channel, OutOfNetworkPayment, PlanFile};
use crate::problem::{Problem, from_json};
use crate::values::Amount;
use chrono::NaiveDate;
use costshare_engine as engine;
use costshare_engine::Money;
use costshare_json::FromJson;
use schemars::JsonSchema;
use serde::Serialize;

/// A household and its claims for one plan year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct ClaimsFile {
    /// Everyone covered, the employee first.
    pub members: Vec<MemberFile>,
    /// Claim lines, in any order (they are applied by date, then in this order).
    pub claims: Vec<ClaimFile>,
    /// HRA money carried over from earlier years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hra_carryover: Option<Amount>,
}

/// How a member is related to the employee.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case")]
pub enum RelationshipFile {
    /// The employee or retiree.
    Employee,
    /// The spouse.
    Spouse,
    /// A child.
    Child,
}

/// A covered person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct MemberFile {
    /// A name or id, used by claims.
    pub id: String,
    /// Relationship to the employee.
    pub relationship: RelationshipFile,
    /// Age during the plan year.
    pub age: u8,
}

/// Provider network.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(rename_all = "snake_case")]
pub enum NetworkFile {
    /// In-network (default).
    #[default]
    In,
    /// Out-of-network.
    Out,
}

/// A prescription fill.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct DrugFillInput {
    /// Drug tier id from the plan.
    pub tier: String,
    /// Days of supply (default 30).
    #[serde(default = "thirty")]
    pub days_supply: u16,
    /// Retail (default) or mail order.
    #[serde(default = "retail")]
    pub channel: Channel,
    /// When the member asked for the brand although a generic exists: the generic's cost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generic_cost: Option<Amount>,
    /// A preventive drug.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub preventive: bool,
    /// The name of a maintenance drug (one taken regularly for a long-term condition, for
    /// example `"lisinopril"`): the plan's maintenance-drug rule counts each person's retail
    /// fills of it by this name. Omit for other drugs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maintenance_drug: Option<String>,
}

fn thirty() -> u16 {
    30
}

fn retail() -> Channel {
    Channel::Retail
}

/// One claim line. Give `service` or `drug`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromJson, JsonSchema)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
#[serde(deny_unknown_fields)]
pub struct ClaimFile {
    /// Date of service, `YYYY-MM-DD`.
    #[cfg_attr(feature = "tsify", tsify(type = "string"))]
    #[json(with = "crate::values::date_json")]
    pub date: NaiveDate,
    /// Member id.
    pub member: String,
    /// Service id from the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// A prescription fill instead of a service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drug: Option<DrugFillInput>,
    /// In-network (default) or out-of-network.
    #[serde(default)]
    pub network: NetworkFile,
    /// What the provider charged (default: the allowed amount).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub billed: Option<Amount>,
    /// The plan's allowed amount. Out-of-network dental and vision claims may give
    /// `usual_and_customary` and `fee_schedule` instead, and the plan's pricing picks one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Amount>,
    /// What providers in the area charge at the plan's percentile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usual_and_customary: Option<Amount>,
    /// The carrier's fee schedule amount (maximum allowable charge).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fee_schedule: Option<Amount>,
    /// Visits or days (default 1).
    #[serde(default = "one")]
    pub units: u32,
    /// The visit led to a hospital admission.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub admitted: bool,
    /// This line starts a hospital admission.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub new_admission: bool,
    /// Direct transfer from an acute-care hospital.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub transferred_from_acute: bool,
    /// Required pre-certification was obtained (default true).
    #[serde(default = "yes")]
    pub precertified: bool,
    /// Dental alternate benefit: the allowed amount of the less costly treatment the plan pays
    /// for instead (an amalgam filling's, for a composite filling). Only for services whose
    /// benefit has `alternate_benefit`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alternate_allowed: Option<Amount>,
    /// A note for people reading the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn one() -> u32 {
    1
}

fn yes() -> bool {
    true
}

/// A claims file resolved against one plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ResolvedClaims {
    /// Members in engine form.
    pub members: Vec<engine::Member>,
    /// Claims in engine form, in file order.
    pub claims: Vec<engine::Claim>,
    /// HRA carryover.
    pub hra_carryover: Money,
}

/// Reads a claims file.
pub fn parse_claims(json: &str) -> Result<ClaimsFile, Vec<Problem>> {
    from_json(json).map_err(|p| vec![p])
}

/// The allowed amount for an out-of-network claim priced by the plan's rule.
pub fn out_of_network_allowed(
    payment: OutOfNetworkPayment,
    billed: Money,
    usual_and_customary: Option<Money>,
    fee_schedule: Option<Money>,
) -> Option<Money> {
    match payment {
        OutOfNetworkPayment::UsualAndCustomary { .. } => usual_and_customary.map(|u| u.min(billed)),
        OutOfNetworkPayment::FeeSchedule => fee_schedule.map(|f| f.min(billed)),
    }
}

/// Resolves ids and amounts against a plan. Reports every problem with its path.
pub fn resolve_claims(
    file: &ClaimsFile,
    plan: &PlanFile,
    compiled: &engine::Plan,
) -> Result<ResolvedClaims, Vec<Problem>> {
    let mut problems = Vec::new();
    let money =
        |path: String, a: Amount, problems: &mut Vec<Problem>| match Money::from_decimal(a.0) {
            Ok(m) => m,
            Err(e) => {
                problems.push(Problem::error(path, format!("${} {e}", a.0)));
                Money::ZERO
            }
        };
    let members: Vec<engine::Member> = file
        .members
        .iter()
        .map(|m| engine::Member {
            id: m.id.clone(),
            relationship: match m.relationship {
                RelationshipFile::Employee => engine::Relationship::Employee,
                RelationshipFile::Spouse => engine::Relationship::Spouse,
                RelationshipFile::Child => engine::Relationship::Child,
            },
            age: m.age,
        })
        .collect();
    for (i, m) in file.members.iter().enumerate() {
        if file.members[..i].iter().any(|o| o.id == m.id) {
            problems.push(Problem::error(
                format!("members[{i}].id"),
                format!("\"{}\" is used twice", m.id),
            ));
        }
        if m.age > 120 {
            problems.push(Problem::error(
                format!("members[{i}].age"),
                "age must be 0 to 120",
            ));
        }
    }
    let hra_carryover = file.hra_carryover.map_or(Money::ZERO, |a| {
        money("hra_carryover".into(), a, &mut problems)
    });
    let mut claims = Vec::with_capacity(file.claims.len());
    let mut maintenance_names: Vec<&str> = Vec::new();
    for (i, c) in file.claims.iter().enumerate() {
        let p = format!("claims[{i}]");
        let member = match file.members.iter().position(|m| m.id == c.member) {
            Some(m) => m,
            None => {
                let ids: Vec<&str> = file.members.iter().map(|m| m.id.as_str()).collect();
                problems.push(Problem::error(
                    format!("{p}.member"),
                    format!(
                        "\"{}\" is not one of the members ({})",
                        c.member,
                        ids.join(", ")
                    ),
                ));
                0
            }
        };
        let kind = match (&c.service, &c.drug) {
            (Some(s), None) => match compiled.service_index(s) {
                Some(i) => engine::ClaimKind::Service(i),
                None => {
                    problems.push(Problem::error(
                        format!("{p}.service"),
                        format!("\"{s}\" is not a service in plan {}", plan.id),
                    ));
                    engine::ClaimKind::Service(0)
                }
            },
            (None, Some(d)) => {
                let tier = match compiled.drug_tier_index(&d.tier) {
                    Some(t) => t,
                    None => {
                        let msg = if compiled.drugs.is_none() {
                            format!("plan {} has no drug benefit", plan.id)
                        } else {
                            format!("\"{}\" is not a drug tier in plan {}", d.tier, plan.id)
                        };
                        problems.push(Problem::error(format!("{p}.drug.tier"), msg));
                        0
                    }
                };
                engine::ClaimKind::Drug(engine::DrugFill {
                    tier,
                    days_supply: d.days_supply,
                    channel: match d.channel {
                        Channel::Retail => engine::Channel::Retail,
                        Channel::Mail => engine::Channel::Mail,
                    },
                    generic_cost: d
                        .generic_cost
                        .map(|g| money(format!("{p}.drug.generic_cost"), g, &mut problems)),
                    preventive: d.preventive,
                    maintenance: d.maintenance_drug.as_deref().map(|name| {
                        let k = maintenance_names
                            .iter()
                            .position(|n| *n == name)
                            .unwrap_or_else(|| {
                                maintenance_names.push(name);
                                maintenance_names.len() - 1
                            });
                        u32::try_from(k).unwrap_or(u32::MAX)
                    }),
                })
            }
            _ => {
                problems.push(Problem::error(
                    p.clone(),
                    "give either \"service\" or \"drug\", not both or neither",
                ));
                engine::ClaimKind::Service(0)
            }
        };
        let network = match c.network {
            NetworkFile::In => engine::Network::In,
            NetworkFile::Out => engine::Network::Out,
        };
        let billed = c
            .billed
            .map(|b| money(format!("{p}.billed"), b, &mut problems));
        let ucr = c
            .usual_and_customary
            .map(|b| money(format!("{p}.usual_and_customary"), b, &mut problems));
        let fee = c
            .fee_schedule
            .map(|b| money(format!("{p}.fee_schedule"), b, &mut problems));
        let mut allowed = c
            .allowed
            .map(|b| money(format!("{p}.allowed"), b, &mut problems));
        if allowed.is_none()
            && network == engine::Network::Out
            && let (Some(payment), Some(b)) = (plan.out_of_network_payment, billed)
        {
            allowed = out_of_network_allowed(payment, b, ucr, fee);
        }
        let (billed, allowed) = match (billed, allowed) {
            (Some(b), Some(a)) => (b, a),
            (None, Some(a)) => (a, a),
            (Some(_), None) => {
                let hint = match plan.out_of_network_payment {
                    Some(OutOfNetworkPayment::UsualAndCustomary { .. })
                        if network == engine::Network::Out =>
                    {
                        "give \"allowed\" or \"usual_and_customary\""
                    }
                    Some(OutOfNetworkPayment::FeeSchedule) if network == engine::Network::Out => {
                        "give \"allowed\" or \"fee_schedule\""
                    }
                    _ => "give the plan's \"allowed\" amount",
                };
                problems.push(Problem::error(format!("{p}.allowed"), hint));
                (Money::ZERO, Money::ZERO)
            }
            (None, None) => {
                problems.push(Problem::error(
                    format!("{p}.allowed"),
                    "give the allowed amount (and the billed amount if different)",
                ));
                (Money::ZERO, Money::ZERO)
            }
        };
        if allowed > billed {
            problems.push(Problem::error(
                format!("{p}.allowed"),
                format!("the allowed amount {allowed} is more than the billed amount {billed}"),
            ));
        }
        if c.units == 0 {
            problems.push(Problem::error(
                format!("{p}.units"),
                "visits or days must be at least 1",
            ));
        }
        if c.date < plan.plan_year.start || c.date > plan.plan_year.end {
            problems.push(Problem::error(
                format!("{p}.date"),
                format!(
                    "{} is outside the plan year {} to {}",
                    c.date, plan.plan_year.start, plan.plan_year.end
                ),
            ));
        }
        let alternate_allowed = c
            .alternate_allowed
            .map(|a| money(format!("{p}.alternate_allowed"), a, &mut problems));
        if let Some(a) = alternate_allowed
            && a > allowed
        {
            problems.push(Problem::error(
                format!("{p}.alternate_allowed"),
                "the less costly treatment's allowed amount is more than the claim's allowed amount",
            ));
        }
        if alternate_allowed.is_some()
            && let engine::ClaimKind::Service(s) = kind
            && let Some(service) = compiled.services.get(s)
            && !matches!(&service.benefit[network.index()], engine::Benefit::Covered(cs) if cs.alternate_benefit)
        {
            problems.push(Problem::error(
                format!("{p}.alternate_allowed"),
                format!(
                    "the plan has no alternate benefit for \"{}\" {}",
                    service.id,
                    network.words()
                ),
            ));
        }
        claims.push(engine::Claim {
            date: c.date,
            member,
            kind,
            network,
            billed,
            allowed,
            units: c.units,
            admitted: c.admitted,
            new_admission: c.new_admission,
            transferred_from_acute: c.transferred_from_acute,
            precertified: c.precertified,
            alternate_allowed,
        });
    }
    if problems.is_empty() {
        Ok(ResolvedClaims {
            members,
            claims,
            hra_carryover,
        })
    } else {
        Err(problems)
    }
}
