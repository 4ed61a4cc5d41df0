//! The last step of every claim: what the plan pays (after the lifetime maximum for drugs), then
//! the HRA (the member's first amount, the HRA's share, its balance).

use super::*;

/// Applies the lifetime maximum, pays the plan's part, then the HRA.
pub(super) fn finish(
    st: &mut State<'_>,
    claim: &Claim,
    r: &mut ClaimResult,
    steps: &mut Option<Vec<Step>>,
    mut plan_pays: i64,
) {
    // Drug claims pass through the lifetime maximum here; service claims were capped already.
    if matches!(claim.kind, ClaimKind::Drug(_))
        && let Some(max) = st.plan.lifetime_maximum
    {
        let left = (max.cents() - st.lifetime_paid[claim.member]).max(0);
        if plan_pays > left {
            let over = plan_pays - left;
            plan_pays = left;
            r.not_covered += Money::from_cents(over);
            push(
                steps,
                Step::LifetimeMaximum {
                    maximum: max,
                    amount: Money::from_cents(over),
                },
            );
        }
    }
    st.lifetime_paid[claim.member] += plan_pays;
    r.plan_paid = Money::from_cents(plan_pays);
    if plan_pays > 0 {
        push(
            steps,
            Step::PlanPays {
                amount: r.plan_paid,
            },
        );
    }

    if let Some(hra) = st.plan.hra {
        let is_drug = matches!(claim.kind, ClaimKind::Drug(_));
        let mut eligible = 0;
        if !is_drug || hra.pays_drugs {
            if hra.pays_deductible {
                eligible += r.deductible.cents() + r.admission_deductible.cents();
            }
            if hra.pays_coinsurance {
                eligible += r.coinsurance.cents();
            }
            if hra.pays_copays {
                eligible += r.copay.cents();
            }
        }
        // The member's own first amount ("HRA deductible"), then the HRA's share.
        let first = eligible.min(st.hra_member_first_left);
        if first > 0 && st.hra_left > 0 {
            st.hra_member_first_left -= first;
            eligible -= first;
            push(
                steps,
                Step::HraMemberFirst {
                    amount: Money::from_cents(first),
                    left: Money::from_cents(st.hra_member_first_left),
                },
            );
        }
        if hra.share != crate::money::Rate::FULL && eligible > 0 && st.hra_left > 0 {
            let due = Money::from_cents(eligible).times(hra.share).cents();
            push(
                steps,
                Step::HraShare {
                    share: hra.share,
                    eligible: Money::from_cents(eligible),
                    amount: Money::from_cents(due),
                },
            );
            eligible = due;
        }
        let paid = eligible.min(st.hra_left);
        if paid > 0 {
            st.hra_left -= paid;
            r.hra_paid = Money::from_cents(paid);
            push(
                steps,
                Step::Hra {
                    amount: r.hra_paid,
                    left: Money::from_cents(st.hra_left),
                },
            );
        }
    }
    r.member_paid = r.member_share() - r.hra_paid;
}
