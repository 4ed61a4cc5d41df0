//! A seeded, reproducible Monte Carlo simulation of the household's year.
//!
//! Each simulated year draws, for every person: how many of each kind of care they get
//! (Poisson, with the expected counts as averages; prescriptions and check-ups keep their
//! expected count, since refills and check-ups follow a schedule, and check-ups are spaced to fit
//! the plans' frequency limits), what each costs (the price times a log-normal factor whose
//! average is 1), their life events (always, with cost spread), and rare expensive events
//! (hospital stays, serious illness) with age-based yearly probabilities. Each unit of routine
//! care, each line of a life event and each rare event is out of network with the person's
//! out-of-network share as its chance. An emergency visit that is part of a hospital stay is
//! marked admitted. The same simulated years go through every option, so options are compared
//! on identical years.
//!
//! Random factors are floating point; each drawn amount becomes whole cents through
//! `Money::mul_div` (the engine's one rounding rule) and money arithmetic stays exact.
#![allow(clippy::float_arithmetic)]

use crate::care::{CareKind, Coverage};
use crate::data::ModelData;
use crate::expected::{
    CareLine, Pricing, after_birth, check_up_day, check_up_slack, event_day, event_line, event_ref,
    event_start, mark_admissions, out_of_network, person_counts, routine_line,
};
use crate::household::Household;
use costshare_engine::{Money, Network};
use rand::{Rng, SeedableRng};
use rand_distr::{Distribution, Poisson, StandardNormal};
use rand_pcg::Pcg64Mcg;

/// How many precomputed routine cost factors there are.
pub const FACTORS: usize = 4096;

/// `FACTORS` log-normal factors with spread `sigma`, in parts per million, at evenly spaced
/// quantiles of a sample drawn from a fixed seed and scaled so that their average is exactly 1.
fn factor_table(sigma: f64) -> Vec<i64> {
    let mut rng = Pcg64Mcg::seed_from_u64(0x0000_c057_a2e5_ca1e);
    let mut raw: Vec<f64> = (0..FACTORS)
        .map(|_| {
            let z: f64 = rng.sample(StandardNormal);
            (sigma * z - sigma * sigma / 2.0).exp()
        })
        .collect();
    let mean = raw.iter().sum::<f64>() / FACTORS as f64;
    raw.iter_mut().for_each(|f| *f /= mean);
    let mut table: Vec<i64> = raw
        .iter()
        .map(|f| (f * 1_000_000.0).round() as i64)
        .collect();
    // Put the rounding remainder on the middle entry so the average is exactly 1,000,000 ppm.
    let off = 1_000_000 * FACTORS as i64 - table.iter().sum::<i64>();
    table[FACTORS / 2] += off;
    table
}

type Routine = (CareKind, Option<Poisson<f64>>, crate::data::Price, u32);

/// Simulated years come in blocks of this many, each drawn from its own seed (the settings'
/// seed mixed with the block's number), so any split of the years into whole blocks (across web
/// workers, say) gives exactly the same years.
pub const BLOCK: u32 = 500;

/// SplitMix64's finalizer: spreads a counter over 64 bits.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The seed of a block of years.
pub fn block_seed(seed: u64, block: u32) -> u64 {
    mix(seed ^ mix(u64::from(block)))
}

/// A seeded generator of simulated years for one household.
pub struct YearSampler<'a> {
    seed: u64,
    household: &'a Household,
    data: &'a ModelData,
    pricing: &'a Pricing,
    rng: Pcg64Mcg,
    /// Per person: each kind of routine care, its count distribution and its price.
    routine: Vec<Vec<Routine>>,
    drawn: Vec<CareLine>,
    /// Lines per day, then where each day's lines start (the counting sort in [`Self::year`]).
    day_starts: Vec<u32>,
    order: Vec<u32>,
    factors: Vec<i64>,
    /// Prices by kind of care (indexed like `CareKind::ALL`), for out-of-network ratios.
    prices: Vec<crate::data::Price>,
    /// The day of the plan year a baby is due, when the household says ([`Self::due_on`]).
    due_day: Option<u16>,
}

impl<'a> YearSampler<'a> {
    /// A sampler; the same seed gives the same years.
    pub fn new(
        household: &'a Household,
        data: &'a ModelData,
        pricing: &'a Pricing,
        seed: u64,
    ) -> YearSampler<'a> {
        let routine = (0..household.people.len())
            .map(|p| {
                person_counts(household, p, data)
                    .into_iter()
                    .filter(|(_, n)| *n > 0)
                    .map(|(k, n)| {
                        (
                            k,
                            Poisson::new(f64::from(n)).ok(),
                            pricing.price(data, k),
                            n,
                        )
                    })
                    .collect()
            })
            .collect();
        YearSampler {
            seed,
            household,
            data,
            pricing,
            rng: Pcg64Mcg::seed_from_u64(block_seed(seed, 0)),
            routine,
            drawn: Vec::new(),
            day_starts: Vec::new(),
            order: Vec::new(),
            factors: factor_table(data.cost_sigma),
            prices: CareKind::ALL
                .iter()
                .map(|k| pricing.price(data, *k))
                .collect(),
            due_day: None,
        }
    }

    /// Places every year's delivery on `due_day` (from [`crate::expected::due_day`]).
    pub fn due_on(mut self, due_day: Option<u16>) -> YearSampler<'a> {
        self.due_day = due_day;
        self
    }

    /// Starts a block of [`BLOCK`] years: the next years are that block's.
    pub fn start_block(&mut self, block: u32) {
        self.rng = Pcg64Mcg::seed_from_u64(block_seed(self.seed, block));
    }

    /// A routine claim's cost factor: one of [`FACTORS`] equally likely values of a log-normal
    /// with average exactly 1, in parts per million. Looking it up is much cheaper than drawing
    /// a fresh normal and taking its exponential, which matters in WebAssembly.
    fn routine_factor(&mut self) -> i64 {
        self.factors[self.rng.random_range(0..FACTORS)]
    }

    /// A log-normal cost factor with average 1, in parts per million.
    fn factor(&mut self, sigma: f64) -> i64 {
        let z: f64 = self.rng.sample(StandardNormal);
        let f = (sigma * z - sigma * sigma / 2.0).exp();
        (f * 1_000_000.0).round().clamp(0.0, 1.0e9) as i64
    }

    fn day(&mut self) -> u16 {
        self.rng.random_range(0..365)
    }

    /// Fills `out` with one simulated year of care lines, in date order.
    pub fn year(&mut self, out: &mut Vec<CareLine>) {
        let mut drawn = std::mem::take(&mut self.drawn);
        self.draw(&mut drawn);
        after_birth(&mut drawn, self.household);
        // A counting sort by day: stable, so lines of one day keep the order they were drawn
        // in; then each line is copied once.
        let days = drawn
            .iter()
            .map(|l| usize::from(l.day) + 1)
            .max()
            .unwrap_or(0);
        self.day_starts.clear();
        self.day_starts.resize(days + 1, 0);
        for l in &drawn {
            self.day_starts[usize::from(l.day) + 1] += 1;
        }
        for d in 1..self.day_starts.len() {
            self.day_starts[d] += self.day_starts[d - 1];
        }
        self.order.clear();
        self.order.resize(drawn.len(), 0);
        for (i, l) in drawn.iter().enumerate() {
            let start = &mut self.day_starts[usize::from(l.day)];
            self.order[*start as usize] = i as u32;
            *start += 1;
        }
        out.clear();
        out.extend(self.order.iter().map(|&i| drawn[i as usize]));
        self.drawn = drawn;
    }

    fn out_of_network_draw(&mut self, share: f64) -> bool {
        share > 0.0 && self.rng.random::<f64>() < share
    }

    fn draw(&mut self, out: &mut Vec<CareLine>) {
        out.clear();
        for p in 0..self.household.people.len() {
            let person = &self.household.people[p];
            let oon_share = f64::from(person.out_of_network_percent) / 100.0;
            for i in 0..self.routine[p].len() {
                let (kind, dist, _, expected) = &self.routine[p][i];
                let (kind, dist, expected) = (*kind, *dist, *expected);
                // Prescriptions are refilled and check-ups booked on a schedule, so their
                // count is fixed; visits and tests vary from year to year.
                let scheduled = kind.coverage() == Coverage::Drug || kind.is_check_up();
                let n = if scheduled {
                    expected
                } else {
                    dist.map_or(0, |d| d.sample(&mut self.rng) as u32)
                };
                let first = if kind.is_check_up() {
                    self.rng.random_range(0..=check_up_slack(n))
                } else {
                    0
                };
                for u in 0..n {
                    let oon =
                        kind.coverage() != Coverage::Drug && self.out_of_network_draw(oon_share);
                    let f = self.routine_factor();
                    let day = if kind.is_check_up() {
                        check_up_day(u, n, first)
                    } else {
                        self.day()
                    };
                    let price = &self.routine[p][i].2;
                    out.push(routine_line(
                        p,
                        kind,
                        price,
                        if oon { Network::Out } else { Network::In },
                        f,
                        day,
                    ));
                }
            }
            for (e, id) in person.events.iter().enumerate() {
                if let Some(event) = self.data.events.get(id) {
                    // Drawn even when a due month fixes the start, so that the rest of the
                    // year's draws do not depend on it.
                    let usual = u64::from(self.rng.random_range(0..120u16));
                    let start = event_start(usual, event, self.due_day);
                    let first = out.len();
                    for (j, l) in event.lines.iter().enumerate() {
                        let oon = l.care.coverage() != Coverage::Drug
                            && self.out_of_network_draw(oon_share);
                        for k in 0..l.count {
                            let f = self.routine_factor();
                            let Some(day) = event_day(start, l, k) else {
                                continue;
                            };
                            let line = event_line(
                                p,
                                l,
                                l.allowed_each
                                    .mul_div(self.pricing.factor_ppm, 1_000_000)
                                    .mul_div(f, 1_000_000),
                                day,
                                event_ref(e, j),
                            );
                            out.push(if oon {
                                out_of_network(line, &self.prices[l.care as usize])
                            } else {
                                line
                            });
                        }
                    }
                    mark_admissions(&mut out[first..]);
                }
            }
            let band = person.band();
            for r in 0..self.data.rare_events.len() {
                let event = &self.data.rare_events[r];
                let chance = event.probability.get(&band).copied().unwrap_or(0.0);
                if chance <= 0.0 || self.rng.random::<f64>() >= chance {
                    continue;
                }
                let f = self.factor(event.cost_sigma);
                let start = i64::from(self.day());
                let oon = self.out_of_network_draw(oon_share);
                let first = out.len();
                for l in &event.lines {
                    for k in 0..l.count {
                        let Some(day) = event_day(start, l, k) else {
                            continue;
                        };
                        let line = event_line(
                            p,
                            l,
                            l.allowed_each
                                .mul_div(self.pricing.factor_ppm, 1_000_000)
                                .mul_div(f, 1_000_000),
                            day,
                            None,
                        );
                        out.push(if oon && l.care.coverage() != Coverage::Drug {
                            out_of_network(line, &self.prices[l.care as usize])
                        } else {
                            line
                        });
                    }
                }
                mark_admissions(&mut out[first..]);
            }
        }
    }
}

/// The nearest-rank percentiles `ps` (each from 1 to 100, in increasing order) of `values`: the
/// values a sort would put at ranks ⌈p × len ÷ 100⌉, found by selection, which is several times
/// faster than sorting 10,000 years (issue 12). Zeros when `values` is empty; `values` is
/// reordered.
pub fn percentiles<const K: usize>(values: &mut [i64], ps: [usize; K]) -> [i64; K] {
    let mut out = [0; K];
    // Everything before `from` is at most the last value selected.
    let mut from = 0;
    for (k, p) in ps.into_iter().enumerate() {
        if values.is_empty() {
            break;
        }
        let at = (p * values.len()).div_ceil(100).clamp(1, values.len()) - 1;
        if at < from {
            out[k] = out[k.saturating_sub(1)];
            continue;
        }
        let (_, v, _) = values[from..].select_nth_unstable(at - from);
        out[k] = *v;
        from = at + 1;
    }
    out
}

/// Summary statistics of simulated yearly costs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CostDistribution {
    /// Average.
    pub mean: Money,
    /// 10th percentile.
    pub p10: Money,
    /// Median.
    pub p50: Money,
    /// 90th percentile.
    pub p90: Money,
    /// 99th percentile.
    pub p99: Money,
    /// The most expensive simulated year.
    pub max: Money,
    /// Years in which this option was the cheapest (ties shared), per 10,000.
    pub cheapest_per_10k: u32,
    /// Average of (this option's cost − the cheapest option's cost) over the years.
    pub expected_regret: Money,
    /// A coarse histogram of yearly costs: (upper edge, share per 10,000) in 20 bins.
    pub histogram: Vec<(Money, u32)>,
}

/// Statistics of one option's costs (cents, one per simulated year) against the per-year best.
/// `cheapest_millionths` adds up, over the years, 1,000,000 ÷ (options tied for cheapest) for
/// each year this option was among the cheapest.
pub fn summarize(costs: &[i64], best: &[i64], cheapest_millionths: u64) -> CostDistribution {
    let n = costs.len().max(1) as i64;
    let [p10, p50, p90, p99] = percentiles(&mut costs.to_vec(), [10, 50, 90, 99]);
    let sum: i64 = costs.iter().sum();
    let regret: i64 = costs.iter().zip(best).map(|(c, b)| c - b).sum();
    let (lo, hi) = (
        costs.iter().copied().min().unwrap_or(0),
        costs.iter().copied().max().unwrap_or(0),
    );
    let bins = 20i64;
    let width = ((hi - lo) / bins).max(1);
    let mut histogram = vec![0u32; bins as usize];
    for c in costs {
        let b = (((c - lo) / width).min(bins - 1)).max(0) as usize;
        histogram[b] += 1;
    }
    let histogram = histogram
        .into_iter()
        .enumerate()
        .map(|(i, count)| {
            (
                Money::from_cents(lo + width * (i as i64 + 1)),
                (u64::from(count) * 10_000 / n as u64) as u32,
            )
        })
        .collect();
    CostDistribution {
        mean: Money::from_cents(sum).mul_div(1, n),
        p10: Money::from_cents(p10),
        p50: Money::from_cents(p50),
        p90: Money::from_cents(p90),
        p99: Money::from_cents(p99),
        max: Money::from_cents(hi),
        cheapest_per_10k: ((cheapest_millionths + 50 * n as u64) / (100 * n as u64)) as u32,
        expected_regret: Money::from_cents(regret).mul_div(1, n),
        histogram,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routine_factors_average_exactly_one() {
        let t = factor_table(0.35);
        assert_eq!(t.iter().sum::<i64>(), 1_000_000 * FACTORS as i64);
        assert!(t.iter().all(|f| *f > 0));
        let mut sorted = t.clone();
        sorted.sort_unstable();
        // Median of a log-normal with mean 1 is exp(-σ²/2) ≈ 0.94 for σ = 0.35.
        let median = sorted[FACTORS / 2] as f64 / 1e6;
        assert!(
            (median - (-0.35f64 * 0.35 / 2.0).exp()).abs() < 0.02,
            "median {median}"
        );
    }

    proptest::proptest! {
        #[test]
        fn percentiles_are_those_of_the_sorted_values(
            values in proptest::collection::vec(-1_000i64..1_000, 0..300),
        ) {
            let mut sorted = values.clone();
            sorted.sort_unstable();
            let rank = |p: usize| sorted[(p * sorted.len()).div_ceil(100).max(1) - 1];
            let got = percentiles(&mut values.clone(), [1, 10, 10, 50, 90, 99, 100]);
            if sorted.is_empty() {
                proptest::prop_assert_eq!(got, [0; 7]);
            } else {
                proptest::prop_assert_eq!(
                    got,
                    [rank(1), rank(10), rank(10), rank(50), rank(90), rank(99), rank(100)]
                );
            }
        }
    }

    #[test]
    fn percentiles_and_regret() {
        let costs: Vec<i64> = (1..=100).map(|i| i * 100).collect();
        let best = vec![0; 100];
        let d = summarize(&costs, &best, 50 * 1_000_000);
        assert_eq!(d.p10, Money::from_cents(1000));
        assert_eq!(d.p50, Money::from_cents(5000));
        assert_eq!(d.p90, Money::from_cents(9000));
        assert_eq!(d.p99, Money::from_cents(9900));
        assert_eq!(d.mean, Money::from_cents(5050));
        assert_eq!(d.expected_regret, Money::from_cents(5050));
        assert_eq!(d.cheapest_per_10k, 5000);
        assert_eq!(d.histogram.iter().map(|(_, s)| s).sum::<u32>(), 10_000);
    }
}
