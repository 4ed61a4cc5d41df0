//! A prescription claim: pharmacy and fill row, maintenance-drug rule, brand-over-generic
//! difference, drug or medical deductible (by tier), copay or coinsurance with its minimum and
//! maximum, the drug's out-of-pocket rule; then [`super::pay`].

use super::*;

pub(super) fn drug_claim(
    st: &mut State<'_>,
    claim: &Claim,
    fill: DrugFill,
    r: &mut ClaimResult,
    steps: &mut Option<Vec<Step>>,
) {
    price(claim, r, steps);
    let m = claim.member;
    let Some(drugs) = st.plan.drugs.as_ref() else {
        r.not_covered = claim.allowed;
        push(
            steps,
            Step::NotCovered {
                amount: claim.allowed,
                reason: "this plan has no drug benefit".into(),
            },
        );
        finish(st, claim, r, steps, 0);
        return;
    };
    if claim.network == Network::Out && !drugs.out_of_network_covered {
        r.not_covered = claim.allowed;
        push(
            steps,
            Step::NotCovered {
                amount: claim.allowed,
                reason: "fills at non-participating pharmacies are not covered".into(),
            },
        );
        finish(st, claim, r, steps, 0);
        return;
    }
    let tier = &drugs.tiers[fill.tier];
    // Rows for one kind of pharmacy come first (see `DrugTier::shares`), so the first row that
    // fits is the one for this kind of pharmacy if there is one, else one for both.
    let Some(share) = tier.shares.iter().find(|s| {
        s.channel == fill.channel
            && s.max_days >= fill.days_supply
            && s.network.is_none_or(|n| n == claim.network)
    }) else {
        r.not_covered = claim.allowed;
        push(
            steps,
            Step::NotCovered {
                amount: claim.allowed,
                reason: format!(
                    "the plan does not cover a {}-day supply of {} this way",
                    fill.days_supply, tier.name
                ),
            },
        );
        finish(st, claim, r, steps, 0);
        return;
    };
    if let Some(network) = share.network {
        push(steps, Step::PharmacyCostSharing { network });
    }
    // The maintenance-drug rule: retail fills beyond the Nth of one maintenance drug.
    let mut extra_coinsurance = None;
    if let (Some(rule), Some(drug)) = (drugs.maintenance, fill.maintenance)
        && fill.channel == crate::plan::Channel::Retail
        && fill.days_supply <= rule.short_supply_days
    {
        let slot = m * st.maintenance_drugs + drug as usize;
        let count = st.maintenance_fills.get_mut(slot).map_or(0, |c| {
            *c = c.saturating_add(1);
            *c
        });
        if count > u32::from(rule.retail_fills) {
            match rule.after {
                crate::plan::MaintenanceAfter::NotCovered => {
                    r.not_covered = claim.allowed;
                    push(
                        steps,
                        Step::NotCovered {
                            amount: claim.allowed,
                            reason: format!(
                                "this is retail fill {count} of a maintenance drug, and the plan covers only {} retail fills of up to {} days; fill it by mail order or as a longer supply",
                                rule.retail_fills, rule.short_supply_days
                            ),
                        },
                    );
                    finish(st, claim, r, steps, 0);
                    return;
                }
                crate::plan::MaintenanceAfter::ExtraCoinsurance(extra) => {
                    extra_coinsurance = Some(extra);
                    push(
                        steps,
                        Step::MaintenanceExtra {
                            fill: count,
                            fills: rule.retail_fills,
                            extra,
                        },
                    );
                }
            }
        }
    }
    let coinsurance_rate = match extra_coinsurance {
        Some(extra) => crate::money::Rate::from_ppm(
            share
                .coinsurance
                .ppm()
                .saturating_add(extra.ppm())
                .min(crate::money::Rate::FULL.ppm()),
        )
        .unwrap_or(crate::money::Rate::FULL),
        None => share.coinsurance,
    };

    let mut rest = claim.allowed.cents();
    // Under "coinsurance on the brand's price" the difference is owed and the coinsurance is
    // still a share of the whole price.
    let mut brand_difference = 0;
    if drugs.brand_penalty
        && let Some(generic) = fill.generic_cost
    {
        let difference = (rest - generic.cents()).max(0);
        brand_difference = difference;
        if difference > 0 {
            rest -= difference;
            r.not_covered += Money::from_cents(difference);
            push(
                steps,
                Step::BrandDifference {
                    amount: Money::from_cents(difference),
                },
            );
        }
    }

    let net = claim.network;
    let (oop_room, counted) = match drugs.out_of_pocket {
        DrugOutOfPocket::NotCounted => (UNLIMITED, false),
        DrugOutOfPocket::Medical => (st.medical_oop_room(m, net), true),
        DrugOutOfPocket::Separate(a) => (
            room(
                Some(a),
                st.plan.out_of_pocket_rule,
                st.drug_person[m].out_of_pocket[0],
                st.drug_family.out_of_pocket[0],
                UNLIMITED,
            ),
            true,
        ),
    };
    // Whose maximum limits this fill: the family's or the person's own.
    let family_maximum = || match drugs.out_of_pocket {
        DrugOutOfPocket::NotCounted => false,
        DrugOutOfPocket::Medical => st.medical_oop_family(m, net),
        DrugOutOfPocket::Separate(a) => st.drug_oop_family(a, m),
    };
    let oop_met = oop_room == 0;
    if oop_met {
        push(
            steps,
            Step::OutOfPocketMaxMet {
                family: family_maximum(),
            },
        );
    }
    // A fill that goes through the medical deductible counts that part the way the plan counts
    // its deductible, so the same deductible dollars count alike on any claim.
    let deductible_counts = counted
        && (!matches!(drugs.deductible, DrugDeductible::Medical)
            || st.plan.out_of_pocket_counts.deductible);
    let skip_deductible = fill.preventive
        && drugs.preventive_skips_deductible
        && !matches!(drugs.deductible, DrugDeductible::None);
    if skip_deductible && !(oop_met && deductible_counts) {
        push(steps, Step::PreventiveSkipsDeductible);
    }
    let tier_skips_deductible =
        !tier.deductible_applies && !matches!(drugs.deductible, DrugDeductible::None);
    if tier_skips_deductible && !skip_deductible && !(oop_met && deductible_counts) {
        push(steps, Step::TierSkipsDeductible { tier: fill.tier });
    }
    let skip_deductible = skip_deductible || tier_skips_deductible;
    let mut deductible = 0;
    if !(skip_deductible || oop_met && deductible_counts) {
        let ded_room = match drugs.deductible {
            DrugDeductible::None => 0,
            DrugDeductible::Medical => st.medical_deductible_room(m, net),
            DrugDeductible::Separate(a) => room(
                Some(a),
                st.plan.deductible_rule,
                st.drug_person[m].deductible[0],
                st.drug_family.deductible[0],
                0,
            ),
        };
        deductible = ded_room.min(rest);
        rest -= deductible;
    }
    let mut copay = 0;
    let mut coinsurance = 0;
    let mut coinsurance_base = 0;
    let mut copay_charged = 0;
    // What set the coinsurance apart from its rate, said on its step.
    let mut coinsurance_limit = None;
    if !oop_met {
        copay = share.copay.cents().min(rest);
        copay_charged = copay;
        rest -= copay;
        coinsurance_base = rest;
        if drugs.brand_coinsurance_base == BrandCoinsuranceBase::Brand {
            coinsurance_base += brand_difference;
        }
        if coinsurance_rate.ppm() > 0 && rest > 0 {
            let due = Money::from_cents(coinsurance_base)
                .times(coinsurance_rate)
                .cents();
            let mut c = due.max(share.minimum.cents());
            if c > due {
                coinsurance_limit = Some(CoinsuranceLimit::FillMinimum(share.minimum));
            }
            if let Some(max) = share.maximum
                && c > max.cents()
            {
                c = max.cents();
                coinsurance_limit = Some(CoinsuranceLimit::FillMaximum(max));
            }
            // Less than the minimum only when the price left is (the step says so).
            coinsurance = c.min(rest);
            rest -= coinsurance;
        }
    }
    let coinsurance_before_maximum = coinsurance;
    let moved = cap_to_room(
        &mut [&mut coinsurance, &mut copay, &mut deductible],
        &[counted, counted, deductible_counts],
        oop_room,
    );
    rest += moved;
    let family_maximum = moved > 0 && family_maximum();
    if coinsurance < coinsurance_before_maximum {
        coinsurance_limit = Some(CoinsuranceLimit::OutOfPocket {
            family: family_maximum,
        });
    }

    if copay > 0 {
        push(
            steps,
            Step::Copay {
                amount: Money::from_cents(copay),
                full: if copay_charged < share.copay.cents() {
                    share.copay
                } else {
                    Money::from_cents(copay)
                },
                counts: counted,
            },
        );
    }
    let oop_added = if counted { copay + coinsurance } else { 0 }
        + if deductible_counts { deductible } else { 0 };
    match drugs.deductible {
        DrugDeductible::Medical => st.add_medical(m, net, deductible, 0),
        DrugDeductible::Separate(_) => {
            st.drug_person[m].deductible[0] += deductible;
            st.drug_family.deductible[0] += deductible;
        }
        DrugDeductible::None => {}
    }
    match drugs.out_of_pocket {
        DrugOutOfPocket::Medical => st.add_medical(m, net, 0, oop_added),
        DrugOutOfPocket::Separate(_) => {
            st.drug_person[m].out_of_pocket[0] += oop_added;
            st.drug_family.out_of_pocket[0] += oop_added;
        }
        DrugOutOfPocket::NotCounted => {}
    }
    if deductible > 0 {
        let (left, family) = match drugs.deductible {
            DrugDeductible::Medical => (
                st.medical_deductible_room(m, net),
                st.medical_deductible_family(m, net),
            ),
            DrugDeductible::Separate(a) => {
                let (person, family) = (
                    st.drug_person[m].deductible[0],
                    st.drug_family.deductible[0],
                );
                (
                    room(Some(a), st.plan.deductible_rule, person, family, 0),
                    family_limits(Some(a), st.plan.deductible_rule, person, family),
                )
            }
            DrugDeductible::None => (0, false),
        };
        push(
            steps,
            Step::Deductible {
                amount: Money::from_cents(deductible),
                left: Money::from_cents(left),
                out_of_network: net == Network::Out
                    && matches!(drugs.deductible, DrugDeductible::Medical),
                family,
            },
        );
    }
    if coinsurance > 0 {
        push(
            steps,
            if brand_difference > 0 && drugs.brand_coinsurance_base == BrandCoinsuranceBase::Brand {
                Step::CoinsuranceOnBrandPrice {
                    rate: coinsurance_rate,
                    base: Money::from_cents(coinsurance_base),
                    amount: Money::from_cents(coinsurance),
                }
            } else {
                Step::Coinsurance {
                    rate: coinsurance_rate,
                    base: Money::from_cents(coinsurance_base),
                    amount: Money::from_cents(coinsurance),
                    after_other: deductible > 0 || copay > 0,
                    limit: coinsurance_limit,
                }
            },
        );
    }
    if moved > 0 {
        push(
            steps,
            Step::OutOfPocketReached {
                amount: Money::from_cents(moved),
                family: family_maximum,
            },
        );
    }
    r.deductible = Money::from_cents(deductible);
    r.copay = Money::from_cents(copay);
    r.coinsurance = Money::from_cents(coinsurance);
    finish(st, claim, r, steps, rest);
}
