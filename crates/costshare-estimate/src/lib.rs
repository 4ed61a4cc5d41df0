//! One plan year of claims through one plan, as plain data: what `costshare estimate --json`
//! prints and what the JavaScript API's `estimate` returns. Every amount is a decimal string.
#![warn(missing_docs)]

use costshare_engine::{
    Adjudication, Claim, ClaimKind, ClaimResult, Member, Money, Network, Options, Plan, Snapshot,
    Totals, adjudicate, adjudicate_each,
};
use costshare_json::Entries;
use costshare_plan::{
    ClaimsFile, LoadedPlan, NetworkFile, Problem, ResolvedClaims, resolve_claims,
};
use serde::Serialize;
use std::fmt;

/// Why an estimate could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EstimateError {
    /// The plan has no such tier.
    UnknownTier {
        /// Plan id.
        plan: String,
        /// The tier asked for.
        tier: String,
        /// The plan's tier ids.
        tiers: Vec<String>,
    },
    /// The claims do not fit the plan (paths inside the claims file).
    Claims(Vec<Problem>),
    /// The engine refused the household or a claim.
    Engine(costshare_engine::Error),
}

impl fmt::Display for EstimateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EstimateError::UnknownTier { plan, tier, tiers } => write!(
                f,
                "plan {plan} has no tier \"{tier}\"; its tiers are: {}",
                tiers.join(", ")
            ),
            EstimateError::Claims(ps) => {
                let lines: Vec<String> = ps.iter().map(|p| p.to_string()).collect();
                write!(f, "the claims do not fit the plan: {}", lines.join("; "))
            }
            EstimateError::Engine(e) => write!(f, "{e}"),
        }
    }
}

/// The index of tier `id` in the plan.
pub fn tier_index(loaded: &LoadedPlan, id: &str) -> Result<usize, EstimateError> {
    loaded
        .plan
        .tier_index(id)
        .ok_or_else(|| EstimateError::UnknownTier {
            plan: loaded.file.id.clone(),
            tier: id.to_string(),
            tiers: loaded.plan.tiers.iter().map(|t| t.id.clone()).collect(),
        })
}

/// A finished run: the claims in engine form and the engine's result.
#[derive(Clone, Debug)]
pub struct Estimate {
    /// Members and claims resolved against the plan.
    pub resolved: ResolvedClaims,
    /// The adjudication.
    pub result: Adjudication,
}

/// Resolves the claims against the plan and adjudicates them.
pub fn run(
    loaded: &LoadedPlan,
    tier: usize,
    file: &ClaimsFile,
    explain: bool,
) -> Result<Estimate, EstimateError> {
    let resolved =
        resolve_claims(file, &loaded.file, &loaded.plan).map_err(EstimateError::Claims)?;
    let options = Options {
        explain,
        hra_carryover: resolved.hra_carryover,
    };
    let result = adjudicate(
        &loaded.plan,
        tier,
        &resolved.members,
        &resolved.claims,
        options,
    )
    .map_err(EstimateError::Engine)?;
    Ok(Estimate { resolved, result })
}

/// Resolves the claims against the plan: the first half of [`run`]. The claims file can be
/// dropped afterwards.
pub fn resolve(loaded: &LoadedPlan, file: &ClaimsFile) -> Result<ResolvedClaims, EstimateError> {
    resolve_claims(file, &loaded.file, &loaded.plan).map_err(EstimateError::Claims)
}

/// Adjudicates resolved claims, handing each claim's result to `each` as soon as it is worked
/// out instead of keeping them all (`costshare estimate` streams its output this way). Returns
/// the totals (no `claims`). Every check happens before the first result: on an error, `each`
/// was never called.
pub fn run_each(
    loaded: &LoadedPlan,
    tier: usize,
    resolved: &ResolvedClaims,
    explain: bool,
    each: impl FnMut(ClaimResult),
) -> Result<Adjudication, EstimateError> {
    let options = Options {
        explain,
        hra_carryover: resolved.hra_carryover,
    };
    adjudicate_each(
        &loaded.plan,
        tier,
        &resolved.members,
        &resolved.claims,
        options,
        each,
    )
    .map_err(EstimateError::Engine)
}

/// What a claim was for: the service's name, or the drug tier and supply.
pub fn claim_label(plan: &Plan, claim: &Claim) -> String {
    match claim.kind {
        ClaimKind::Service(s) => plan
            .services
            .get(s)
            .map_or_else(|| "service".to_string(), |s| s.name.clone()),
        ClaimKind::Drug(fill) => {
            let tier = plan
                .drugs
                .as_ref()
                .and_then(|d| d.tiers.get(fill.tier))
                .map_or("drug", |t| t.name.as_str());
            format!("{tier} ({}-day supply)", fill.days_supply)
        }
    }
}

fn dec(m: Money) -> String {
    m.to_decimal().to_string()
}

/// The whole estimate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
pub struct EstimateReport {
    /// Plan id.
    pub plan: String,
    /// Tier id.
    pub tier: String,
    /// Claim by claim, in the order they were applied (date, then input order).
    pub claims: Vec<ClaimReport>,
    /// Totals per member id.
    #[cfg_attr(feature = "tsify", tsify(type = "Record<string, TotalsReport>"))]
    pub members: Entries<TotalsReport>,
    /// Family totals.
    pub totals: TotalsReport,
    /// HRA money left at the end of the year.
    pub hra_left: String,
}

/// One claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
pub struct ClaimReport {
    /// Position in the input, from 1.
    pub claim: usize,
    /// Date, `YYYY-MM-DD`.
    pub date: String,
    /// Member id.
    pub member: String,
    /// Service name, or drug tier and supply.
    pub service: String,
    /// Network.
    pub network: NetworkFile,
    /// Billed.
    pub billed: String,
    /// Allowed.
    pub allowed: String,
    /// In-network discount nobody pays.
    pub network_discount: String,
    /// Not covered.
    pub not_covered: String,
    /// Out-of-network balance bill.
    pub balance_billed: String,
    /// Pre-certification penalty.
    pub penalty: String,
    /// Copay.
    pub copay: String,
    /// Per-admission deductible.
    pub admission_deductible: String,
    /// Deductible.
    pub deductible: String,
    /// Coinsurance.
    pub coinsurance: String,
    /// Paid from the HRA.
    pub hra_paid: String,
    /// Paid by the plan.
    pub plan_paid: String,
    /// Paid by the member.
    pub member_paid: String,
    /// Running totals after this claim, for its network.
    pub after: AfterReport,
    /// Plain-language steps (empty unless explanations were asked for).
    pub explanation: Vec<String>,
}

/// Running totals after a claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
pub struct AfterReport {
    /// The member's deductible met.
    pub deductible: String,
    /// The family's deductible met.
    pub family_deductible: String,
    /// The member's out-of-pocket spending.
    pub out_of_pocket: String,
    /// The family's out-of-pocket spending.
    pub family_out_of_pocket: String,
    /// HRA money left.
    pub hra_left: String,
}

/// Totals for a member or the family.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(hashmap_as_object))]
pub struct TotalsReport {
    /// Claim lines.
    pub claims: usize,
    /// Billed.
    pub billed: String,
    /// Allowed.
    pub allowed: String,
    /// In-network discount.
    pub network_discount: String,
    /// Not covered.
    pub not_covered: String,
    /// Balance bills.
    pub balance_billed: String,
    /// Penalties.
    pub penalty: String,
    /// Copays.
    pub copay: String,
    /// Per-admission deductibles.
    pub admission_deductible: String,
    /// Deductible.
    pub deductible: String,
    /// Coinsurance.
    pub coinsurance: String,
    /// Paid from the HRA.
    pub hra_paid: String,
    /// Paid by the plan.
    pub plan_paid: String,
    /// Paid by the member.
    pub member_paid: String,
}

impl TotalsReport {
    fn new(t: &Totals) -> TotalsReport {
        TotalsReport {
            claims: t.claims,
            billed: dec(t.billed),
            allowed: dec(t.allowed),
            network_discount: dec(t.network_discount),
            not_covered: dec(t.not_covered),
            balance_billed: dec(t.balance_billed),
            penalty: dec(t.penalty),
            copay: dec(t.copay),
            admission_deductible: dec(t.admission_deductible),
            deductible: dec(t.deductible),
            coinsurance: dec(t.coinsurance),
            hra_paid: dec(t.hra_paid),
            plan_paid: dec(t.plan_paid),
            member_paid: dec(t.member_paid),
        }
    }
}

fn after(s: &Snapshot, n: usize) -> AfterReport {
    let at = |a: &[Money]| dec(a.get(n).copied().unwrap_or(Money::ZERO));
    AfterReport {
        deductible: at(&s.deductible),
        family_deductible: at(&s.family_deductible),
        out_of_pocket: at(&s.out_of_pocket),
        family_out_of_pocket: at(&s.family_out_of_pocket),
        hra_left: dec(s.hra_left),
    }
}

impl EstimateReport {
    /// Builds the report of a run.
    pub fn new(
        loaded: &LoadedPlan,
        tier: &str,
        members: &[Member],
        claims: &[Claim],
        result: &Adjudication,
    ) -> EstimateReport {
        let claims_out = result
            .claims
            .iter()
            .filter_map(|r| ClaimReport::new(&loaded.plan, members, claims, r))
            .collect();
        let members_out: Entries<TotalsReport> = members
            .iter()
            .zip(&result.members)
            .map(|(m, t)| (m.id.clone(), TotalsReport::new(t)))
            .collect();
        EstimateReport {
            plan: loaded.file.id.clone(),
            tier: tier.to_string(),
            claims: claims_out,
            members: members_out,
            totals: TotalsReport::new(&result.family),
            hra_left: dec(result.hra_left),
        }
    }
}

impl ClaimReport {
    /// The report of one claim's result (`None` if the result names no claim of `claims`).
    pub fn new(
        plan: &Plan,
        members: &[Member],
        claims: &[Claim],
        r: &ClaimResult,
    ) -> Option<ClaimReport> {
        let claim = claims.get(r.input_index)?;
        Some(ClaimReport {
            claim: r.input_index + 1,
            date: claim.date.to_string(),
            member: members
                .get(claim.member)
                .map(|m| m.id.clone())
                .unwrap_or_default(),
            service: claim_label(plan, claim),
            network: match claim.network {
                Network::In => NetworkFile::In,
                Network::Out => NetworkFile::Out,
            },
            billed: dec(r.billed),
            allowed: dec(r.allowed),
            network_discount: dec(r.network_discount),
            not_covered: dec(r.not_covered),
            balance_billed: dec(r.balance_billed),
            penalty: dec(r.penalty),
            copay: dec(r.copay),
            admission_deductible: dec(r.admission_deductible),
            deductible: dec(r.deductible),
            coinsurance: dec(r.coinsurance),
            hra_paid: dec(r.hra_paid),
            plan_paid: dec(r.plan_paid),
            member_paid: dec(r.member_paid),
            after: after(&r.after, claim.network.index()),
            explanation: r.steps.iter().map(|s| s.describe(plan)).collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_adds_up_and_names_each_claim() {
        let oap = costshare_catalog::builtin()
            .unwrap()
            .into_iter()
            .find(|p| p.file.id == "shbp-2010-oap")
            .unwrap();
        let file: ClaimsFile = costshare_plan::from_json(
            r#"{"members":[{"id":"pat","relationship":"employee","age":44}],"claims":[
                {"date":"2010-03-01","member":"pat","service":"primary_care_visit","allowed":"120"},
                {"date":"2010-01-14","member":"pat","drug":{"tier":"generic"},"allowed":"18"}]}"#,
        )
        .unwrap();
        let tier = tier_index(&oap, "employee").unwrap();
        let run = run(&oap, tier, &file, true).unwrap();
        let r = EstimateReport::new(
            &oap,
            "employee",
            &run.resolved.members,
            &run.resolved.claims,
            &run.result,
        );
        // Applied by date: the drug fill first.
        assert_eq!(r.claims[0].claim, 2);
        assert!(r.claims[0].service.ends_with("(30-day supply)"));
        assert_eq!(r.claims[1].copay, "35.00");
        assert_eq!(r.members["pat"], r.totals);
        // Streaming gives the same results, one at a time, and keeps none of them.
        let resolved = resolve(&oap, &file).unwrap();
        let mut streamed = Vec::new();
        let totals = run_each(&oap, tier, &resolved, true, |r| streamed.push(r)).unwrap();
        assert_eq!(streamed, run.result.claims);
        assert!(totals.claims.is_empty());
        assert_eq!(totals.family, run.result.family);
        assert_eq!(totals.members, run.result.members);
        assert_eq!(totals.hra_left, run.result.hra_left);
        assert!(matches!(
            tier_index(&oap, "gold"),
            Err(EstimateError::UnknownTier { .. })
        ));
    }
}
