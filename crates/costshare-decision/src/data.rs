//! The model's data, embedded at compile time: default prices, presets, life events and the
//! simulation's parameters (see `data/README.md` for every source).

use crate::care::CareKind;
use crate::household::{AgeBand, UseLevel};
use crate::keyed::ByKey;
use costshare_engine::Money;
use costshare_json::Entries;
use costshare_json::FromJson;
use costshare_plan::Amount;
use std::sync::OnceLock;

/// A published source.
#[derive(Clone, Debug, PartialEq, Eq, FromJson)]
pub struct Source {
    /// Title.
    pub title: String,
    /// Publisher.
    #[serde(default)]
    pub publisher: String,
    /// Year.
    #[serde(default)]
    pub year: Option<i32>,
    /// Address.
    #[serde(default)]
    pub url: Option<String>,
}

/// Where a number comes from: a source, or a labeled assumption.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Provenance {
    /// A source key and place, for example `cms-sbc-2019 p.3`.
    Source(String),
    /// An assumption, with the reasoning.
    Assumption(String),
}

/// Default prices of one kind of care.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Price {
    /// In-network allowed amount.
    pub in_network: Money,
    /// Out-of-network allowed amount (the plan's maximum reimbursable charge).
    pub out_of_network_allowed: Money,
    /// What an out-of-network provider bills.
    pub out_of_network_billed: Money,
    /// Area charge at the 90th percentile (dental).
    pub usual_and_customary: Option<Money>,
    /// Carrier fee schedule amount (dental).
    pub fee_schedule: Option<Money>,
    /// Where the figures come from.
    pub provenance: Provenance,
}

/// One line of a life event or rare event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventLine {
    /// Kind of care.
    pub care: CareKind,
    /// How many.
    pub count: u32,
    /// Allowed amount each.
    pub allowed_each: Money,
    /// Days after the event starts of the first unit.
    pub day: u16,
    /// Days between units (0: all on the same day).
    pub every: u16,
    /// What the care is, when the kind's own label is not it (an ultrasound priced and covered
    /// as the diagnostic-test service `xray` is "Ultrasound" on the claim lines).
    pub label: Option<String>,
    /// A drug for a chronic condition that plans may treat as preventive care (IRS Notice
    /// 2019-45: insulin and other glucose-lowering drugs, ACE inhibitors, statins, ...): a plan
    /// whose drugs say `preventive_skips_deductible` pays it before the deductible.
    pub preventive: bool,
}

/// A life event: a bundle of care.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LifeEvent {
    /// Stable id.
    pub id: String,
    /// Plain label.
    pub label: String,
    /// Who it applies to: `adult`, `child` or `any`.
    pub applies_to: String,
    /// Total allowed amount.
    pub total: Money,
    /// The care it brings.
    pub lines: Vec<EventLine>,
    /// Where it comes from.
    pub provenance: Provenance,
}

impl LifeEvent {
    /// Days after the event starts of its delivery, for an event with one (having a baby).
    pub fn delivery_day(&self) -> Option<u16> {
        self.lines
            .iter()
            .find(|l| l.care == CareKind::DeliveryFacility)
            .map(|l| l.day)
    }
}

/// A rare, expensive event in the simulation.
#[derive(Clone, Debug, PartialEq)]
pub struct RareEvent {
    /// Stable id.
    pub id: String,
    /// Plain label.
    pub label: String,
    /// Yearly probability per person, by age band.
    pub probability: ByKey<AgeBand, f64>,
    /// The care it brings (typical amounts).
    pub lines: Vec<EventLine>,
    /// Log-scale spread of its cost.
    pub cost_sigma: f64,
}

/// A published fact about how concentrated health spending is.
#[derive(Clone, Debug, PartialEq)]
pub struct SkewFact {
    /// `top_1_percent`, `top_5_percent`, `top_10_percent` or `bottom_50_percent`.
    pub group: String,
    /// Share of all spending, 0 to 1.
    pub share: f64,
    /// Where it comes from.
    pub source: String,
}

/// All of the model's data.
#[derive(Clone, Debug, PartialEq)]
pub struct ModelData {
    /// Default prices.
    pub prices: ByKey<CareKind, Price>,
    /// The year the prices are from.
    pub price_year: i32,
    /// Preset counts per level and age band.
    pub presets: ByKey<UseLevel, ByKey<AgeBand, ByKey<CareKind, u32>>>,
    /// Labels of the presets.
    pub preset_labels: ByKey<UseLevel, String>,
    /// The youngest age at which a preset includes a kind of care (a first dental visit by the
    /// first birthday, braces from about 9); kinds not listed are for every age.
    pub youngest: ByKey<CareKind, u8>,
    /// Life events by id.
    pub events: Entries<LifeEvent>,
    /// Log-scale spread of each claim's cost around its price.
    pub cost_sigma: f64,
    /// Rare events.
    pub rare_events: Vec<RareEvent>,
    /// Published skew facts.
    pub skew_facts: Vec<SkewFact>,
    /// Every source, by key.
    pub sources: Entries<Source>,
}

#[derive(FromJson)]
struct PriceEntry {
    in_network: Amount,
    out_of_network_allowed: Amount,
    out_of_network_billed: Amount,
    #[serde(default)]
    usual_and_customary: Option<Amount>,
    #[serde(default)]
    fee_schedule: Option<Amount>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    assumption: Option<String>,
}

#[derive(FromJson)]
struct PricesFile {
    year: i32,
    #[serde(default)]
    sources: Entries<Source>,
    prices: Entries<PriceEntry>,
}

#[derive(FromJson)]
struct LevelEntry {
    label: String,
    adult: Entries<u32>,
    child: Entries<u32>,
    senior: Entries<u32>,
}

#[derive(FromJson)]
struct YoungestEntry {
    ages: Entries<u8>,
    #[allow(dead_code)] // read so that the file must give it
    assumption: String,
}

#[derive(FromJson)]
struct PresetsFile {
    #[serde(default)]
    sources: Entries<Source>,
    levels: Entries<LevelEntry>,
    youngest: YoungestEntry,
}

#[derive(FromJson)]
struct LineEntry {
    care: String,
    count: u32,
    allowed_each: Amount,
    #[serde(default)]
    day: u16,
    #[serde(default)]
    every: Option<u16>,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    preventive: bool,
}

#[derive(FromJson)]
struct EventEntry {
    label: String,
    #[serde(rename = "for", default = "any")]
    applies_to: String,
    total_allowed: Amount,
    lines: Vec<LineEntry>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    assumption: Option<String>,
}

fn any() -> String {
    "any".into()
}

#[derive(FromJson)]
struct EventsFile {
    #[serde(default)]
    sources: Entries<Source>,
    events: Entries<EventEntry>,
}

#[derive(FromJson)]
struct Sigma {
    sigma: f64,
}

#[derive(FromJson)]
struct RareEntry {
    id: String,
    label: String,
    probability: Entries<f64>,
    lines: Vec<LineEntry>,
    cost_sigma: f64,
}

#[derive(FromJson)]
struct SkewEntry {
    group: String,
    share_of_spending: Amount,
    source: String,
}

#[derive(FromJson)]
struct SimulationFile {
    #[serde(default)]
    sources: Entries<Source>,
    cost_spread: Sigma,
    rare_events: Vec<RareEntry>,
    skew_facts: Vec<SkewEntry>,
}

fn provenance(source: Option<String>, assumption: Option<String>) -> Result<Provenance, String> {
    match (source, assumption) {
        (Some(s), _) => Ok(Provenance::Source(s)),
        (None, Some(a)) => Ok(Provenance::Assumption(a)),
        (None, None) => Err("needs a source or an assumption".into()),
    }
}

fn money(a: Amount, what: &str) -> Result<Money, String> {
    Money::from_decimal(a.0).map_err(|e| format!("{what}: {e}"))
}

fn care(id: &str, what: &str) -> Result<CareKind, String> {
    CareKind::from_id(id).ok_or_else(|| format!("{what}: unknown kind of care \"{id}\""))
}

fn band(id: &str) -> Result<AgeBand, String> {
    match id {
        "child" => Ok(AgeBand::Child),
        "adult" => Ok(AgeBand::Adult),
        "senior" => Ok(AgeBand::Senior),
        other => Err(format!("unknown age band \"{other}\"")),
    }
}

/// The last day of an event may be at most this many days after its start: every event fits
/// in a plan year.
const LAST_EVENT_DAY: u32 = 364;

fn lines(entries: Vec<LineEntry>, what: &str) -> Result<Vec<EventLine>, String> {
    entries
        .into_iter()
        .map(|l| {
            let every = match (l.every, l.count) {
                (Some(e), _) => e,
                (None, 0 | 1) => 0,
                (None, _) => {
                    return Err(format!(
                        "{what}: {} units of {} need `every` (days between them)",
                        l.count, l.care
                    ));
                }
            };
            let last = u32::from(l.day) + l.count.saturating_sub(1).saturating_mul(u32::from(every));
            if last > LAST_EVENT_DAY {
                return Err(format!(
                    "{what}: the last unit of {} falls {last} days after the event starts (at most {LAST_EVENT_DAY})",
                    l.care
                ));
            }
            Ok(EventLine {
                care: care(&l.care, what)?,
                count: l.count,
                allowed_each: money(l.allowed_each, what)?,
                day: l.day,
                every,
                label: l.label,
                preventive: l.preventive,
            })
        })
        .collect()
}

/// Parses the four data files. Errors name the file and entry.
pub fn parse(
    prices: &str,
    presets: &str,
    events: &str,
    simulation: &str,
) -> Result<ModelData, String> {
    let p: PricesFile =
        costshare_json::from_str(prices).map_err(|e| format!("prices.json: {e}"))?;
    let s: PresetsFile =
        costshare_json::from_str(presets).map_err(|e| format!("presets.json: {e}"))?;
    let e: EventsFile =
        costshare_json::from_str(events).map_err(|e| format!("life-events.json: {e}"))?;
    let m: SimulationFile =
        costshare_json::from_str(simulation).map_err(|e| format!("simulation.json: {e}"))?;
    let mut sources = p.sources;
    sources.extend(s.sources);
    sources.extend(e.sources);
    sources.extend(m.sources);

    let mut price_map = ByKey::default();
    for (id, entry) in p.prices {
        let what = format!("prices.json: {id}");
        let price = Price {
            in_network: money(entry.in_network, &what)?,
            out_of_network_allowed: money(entry.out_of_network_allowed, &what)?,
            out_of_network_billed: money(entry.out_of_network_billed, &what)?,
            usual_and_customary: entry
                .usual_and_customary
                .map(|a| money(a, &what))
                .transpose()?,
            fee_schedule: entry.fee_schedule.map(|a| money(a, &what)).transpose()?,
            provenance: provenance(entry.source, entry.assumption)
                .map_err(|e| format!("{what}: {e}"))?,
        };
        price_map.insert(care(&id, &what)?, price);
    }
    for kind in CareKind::ALL {
        if !price_map.contains_key(kind) {
            return Err(format!("prices.json: no price for {}", kind.id()));
        }
    }

    let mut presets_map = ByKey::default();
    let mut labels = ByKey::default();
    for (id, level) in s.levels {
        let what = format!("presets.json: {id}");
        let lvl = UseLevel::from_id(&id).ok_or_else(|| format!("{what}: unknown level"))?;
        let mut bands = ByKey::default();
        for (b, counts) in [
            ("adult", level.adult),
            ("child", level.child),
            ("senior", level.senior),
        ] {
            let mut c = ByKey::default();
            for (k, n) in counts {
                c.insert(care(&k, &what)?, n);
            }
            bands.insert(band(b)?, c);
        }
        presets_map.insert(lvl, bands);
        labels.insert(lvl, level.label);
    }
    let mut youngest = ByKey::default();
    for (k, age) in s.youngest.ages {
        youngest.insert(care(&k, "presets.json: youngest")?, age);
    }

    let mut event_list = Vec::new();
    for (id, ev) in e.events {
        let what = format!("life-events.json: {id}");
        event_list.push((
            id.clone(),
            LifeEvent {
                id,
                label: ev.label,
                applies_to: ev.applies_to,
                total: money(ev.total_allowed, &what)?,
                lines: lines(ev.lines, &what)?,
                provenance: provenance(ev.source, ev.assumption)
                    .map_err(|e| format!("{what}: {e}"))?,
            },
        ));
    }

    let mut rare = Vec::new();
    for r in m.rare_events {
        let what = format!("simulation.json: {}", r.id);
        let mut probability = ByKey::default();
        for (b, p) in r.probability {
            if !(0.0..=1.0).contains(&p) {
                return Err(format!("{what}: probability {p} is not between 0 and 1"));
            }
            probability.insert(band(&b)?, p);
        }
        rare.push(RareEvent {
            id: r.id,
            label: r.label,
            probability,
            lines: lines(r.lines, &what)?,
            cost_sigma: r.cost_sigma,
        });
    }
    let skew_facts = m
        .skew_facts
        .into_iter()
        .map(|f| SkewFact {
            group: f.group,
            share: rust_decimal::prelude::ToPrimitive::to_f64(&f.share_of_spending.0)
                .unwrap_or(0.0),
            source: f.source,
        })
        .collect();
    Ok(ModelData {
        prices: price_map,
        price_year: p.year,
        presets: presets_map,
        preset_labels: labels,
        youngest,
        events: event_list.into_iter().collect(),
        cost_sigma: m.cost_spread.sigma,
        rare_events: rare,
        skew_facts,
        sources,
    })
}

/// The built-in data. `Err` only if the embedded files are broken (tests make sure they are not).
pub fn builtin() -> Result<&'static ModelData, String> {
    static DATA: OnceLock<Result<ModelData, String>> = OnceLock::new();
    DATA.get_or_init(|| {
        parse(
            include_str!(concat!(env!("OUT_DIR"), "/prices.json")),
            include_str!(concat!(env!("OUT_DIR"), "/presets.json")),
            include_str!(concat!(env!("OUT_DIR"), "/life-events.json")),
            include_str!(concat!(env!("OUT_DIR"), "/simulation.json")),
        )
    })
    .as_ref()
    .map_err(Clone::clone)
}
