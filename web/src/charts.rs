//! The two charts, drawn as SVG text from a report (pure, so tested natively).
//!
//! Pixel positions are floating point; the money they stand for is whole cents from the report.
#![allow(clippy::float_arithmetic)]

use crate::model::dollars;
use costshare_decision::report::Report;
use std::fmt::Write;

/// Line colors with at least 3:1 contrast on white, told apart by dash pattern too.
const COLORS: [&str; 6] = [
    "#0b5cad", "#b3261e", "#1b7a3a", "#7a4fb5", "#8a5a00", "#00687a",
];
const DASHES: [&str; 6] = ["", "8 4", "2 3", "12 4 2 4", "4 4", "1 2"];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn nice_max(v: i64) -> i64 {
    let v = v.max(10_000); // at least $100
    let mag = 10i64.pow((v as f64).log10().floor() as u32);
    let steps = [1, 2, 5, 10];
    steps
        .iter()
        .map(|s| s * mag)
        .find(|m| *m >= v)
        .unwrap_or(10 * mag)
}

/// The step between round axis labels for a range of `span` cents: the largest of $1, $2,
/// $2.50 and $5 times a power of ten that fits at least four times ($29,736 → $5,000).
fn nice_step(span: i64) -> i64 {
    let quarter = (span / 4).max(100);
    let mut mag = 100i64;
    while mag * 10 <= quarter {
        mag *= 10;
    }
    [50, 25, 20, 10]
        .iter()
        .map(|s| s * mag / 10)
        .find(|m| *m <= quarter)
        .unwrap_or(mag)
}

/// Yearly cost of each eligible medical plan against total allowed spending, with crossovers
/// and the expected year marked, and dominated plans flagged in the legend.
pub fn cost_curve(r: &Report) -> String {
    let c = &r.curve;
    if c.series.is_empty() || c.spend.len() < 2 {
        return "<p>No medical plans to chart.</p>".into();
    }
    let (w, h, left, right, top, bottom) = (640.0, 300.0, 64.0, 16.0, 12.0, 40.0);
    let x_max = *c.spend.last().unwrap_or(&1) as f64;
    let y_max = nice_max(
        c.series
            .iter()
            .flat_map(|s| s.2.iter())
            .copied()
            .max()
            .unwrap_or(0),
    ) as f64;
    let x = |v: i64| left + (v as f64 / x_max.max(1.0)) * (w - left - right);
    let y = |v: i64| top + (1.0 - v as f64 / y_max.max(1.0)) * (h - top - bottom);
    let mut s = format!(
        r#"<svg viewBox="0 0 {w} {} " xmlns="http://www.w3.org/2000/svg" class="svg-chart" aria-hidden="true">"#,
        h + 24.0 * c.series.len() as f64
    );
    for v in (0..=y_max as i64).step_by(nice_step(y_max as i64) as usize) {
        let (gy, lx, ly) = (y(v), left - 6.0, y(v) + 4.0);
        let _ = write!(
            s,
            r##"<line x1="{left}" x2="{}" y1="{gy}" y2="{gy}" stroke="#d5dbe2"/><text x="{lx}" y="{ly}" text-anchor="end" class="axis">{}</text>"##,
            w - right,
            dollars(v)
        );
    }
    let step = nice_step(x_max as i64);
    for v in (0..=x_max as i64).step_by(step as usize) {
        let _ = write!(
            s,
            r#"<text x="{}" y="{}" text-anchor="middle" class="axis">{}</text>"#,
            x(v),
            h - bottom + 16.0,
            dollars(v)
        );
    }
    let _ = write!(
        s,
        r#"<text x="{}" y="{}" text-anchor="middle" class="axis">Allowed charges for medical care and prescriptions in a year</text>"#,
        (left + w - right) / 2.0,
        h - 6.0
    );
    // The marker is the household's expected medical spending: a level on every curve, where
    // each curve's cost is exactly that option's expected-year total.
    let expected = c.expected_spend.min(x_max as i64);
    let _ = write!(
        s,
        r##"<line class="expected-spend" data-cents="{4}" x1="{0}" x2="{0}" y1="{top}" y2="{1}" stroke="#4a5360" stroke-dasharray="3 3"/><text x="{2}" y="{3}" class="axis">your expected year</text>"##,
        x(expected),
        h - bottom,
        x(expected) + 4.0,
        top + 10.0,
        c.expected_spend
    );
    for (k, (option, dominated, costs)) in c.series.iter().enumerate() {
        let color = COLORS[k % COLORS.len()];
        let mut d = String::new();
        for (i, cost) in costs.iter().enumerate() {
            let _ = write!(
                d,
                "{}{:.1},{:.1} ",
                if i == 0 { "M" } else { "L" },
                x(c.spend[i]),
                y(*cost)
            );
        }
        let _ = write!(
            s,
            r#"<path d="{d}" fill="none" stroke="{color}" stroke-width="2.5" stroke-dasharray="{}"/>"#,
            DASHES[k % DASHES.len()]
        );
        let name = r
            .options
            .get(*option)
            .map_or(String::new(), |o| o.name.clone());
        let label = if *dominated {
            format!("{name} (never the cheapest for you)")
        } else {
            name
        };
        let ly = h + 18.0 + 24.0 * k as f64;
        let _ = write!(
            s,
            r#"<line x1="{left}" x2="{}" y1="{ly}" y2="{ly}" stroke="{color}" stroke-width="3" stroke-dasharray="{}"/><text x="{}" y="{}" class="legend">{}</text>"#,
            left + 28.0,
            DASHES[k % DASHES.len()],
            left + 36.0,
            ly + 4.0,
            esc(&label)
        );
    }
    // A dot on each line at the expected year, carrying the figure it stands for.
    if let Some(i) = c.spend.iter().position(|v| *v == c.expected_spend) {
        for (option, _, costs) in &c.series {
            let (Some(cost), Some(o)) = (costs.get(i), r.options.get(*option)) else {
                continue;
            };
            let _ = write!(
                s,
                r##"<circle class="at-expected" data-option="{}" data-cents="{cost}" cx="{:.1}" cy="{:.1}" r="4" fill="#1b1f24"><title>{}: {} in your expected year</title></circle>"##,
                esc(&o.id),
                x(c.expected_spend),
                y(*cost),
                esc(&o.name),
                crate::model::money(*cost)
            );
        }
    }
    // Where the lines meet: the spending and the cost there.
    for (spend, _, _, cost) in &c.crossovers {
        let _ = write!(
            s,
            r##"<circle cx="{:.1}" cy="{:.1}" r="5" fill="#fff" stroke="#1b1f24" stroke-width="2"><title>Cheapest plan changes at about {}</title></circle>"##,
            x(*spend),
            y(*cost),
            dollars(*spend)
        );
    }
    s.push_str("</svg>");
    s
}

/// Where the cheapest medical plan changes along the curve (the chart's circles), in words:
/// the table's few rows can fall on either side of a band where another plan is cheapest.
pub fn crossover_words(r: &Report) -> Option<String> {
    let parts: Vec<String> = r
        .curve
        .crossovers
        .iter()
        .filter_map(|(spend, _, to, _)| {
            let o = r.options.get(*to)?;
            Some(format!("at about {} to {}", dollars(*spend), o.name))
        })
        .collect();
    (!parts.is_empty()).then(|| {
        format!(
            "The cheapest plan changes, as the care costs more (in allowed charges): {}.",
            parts.join("; ")
        )
    })
}

/// The cost curve as rows of a table: a few spending levels and the expected year, each with
/// every plan's yearly cost and which is cheapest.
pub struct CurveTable {
    pub names: Vec<String>,
    pub rows: Vec<CurveRow>,
}

pub struct CurveRow {
    pub spend: i64,
    pub expected: bool,
    pub costs: Vec<i64>,
    /// Each cost as it reads: to the cent in the expected year's row (the cards' totals) and
    /// where it is the plan's worst case, else to the nearest dollar.
    pub shown: Vec<String>,
    /// The lowest cost: every plan that costs it is the cheapest (a tie is shown as one).
    pub least: Option<i64>,
}

pub fn curve_rows(r: &Report) -> CurveTable {
    let c = &r.curve;
    let names = c
        .series
        .iter()
        .map(|s| r.options.get(s.0).map_or(String::new(), |o| o.name.clone()))
        .collect();
    let n = c.spend.len();
    let mut picks: Vec<usize> = if n == 0 {
        Vec::new()
    } else {
        (0..=4).map(|k| (n - 1) * k / 4).collect()
    };
    if let Some(i) = c.spend.iter().position(|v| *v == c.expected_spend) {
        picks.push(i);
    }
    costshare_engine::order::sort_by(&mut picks, Ord::cmp);
    picks.dedup();
    let rows = picks
        .into_iter()
        .map(|i| {
            let costs: Vec<i64> = c
                .series
                .iter()
                .map(|s| s.2.get(i).copied().unwrap_or(0))
                .collect();
            let expected = c.spend[i] == c.expected_spend;
            let shown = c
                .series
                .iter()
                .zip(&costs)
                .map(|(se, cost)| {
                    let worst = r.options.get(se.0).and_then(|o| o.worst_case);
                    if expected || worst == Some(*cost) {
                        crate::model::money(*cost)
                    } else {
                        dollars(*cost)
                    }
                })
                .collect();
            CurveRow {
                spend: c.spend[i],
                expected,
                least: costs.iter().copied().min(),
                costs,
                shown,
            }
        })
        .collect();
    CurveTable { names, rows }
}

/// For each option with simulated results: the middle 80% as a bar, the median as a mark, and a
/// thin line to the 99th percentile.
pub fn ranges(r: &Report) -> String {
    let rows: Vec<_> = r
        .options
        .iter()
        .filter(|o| o.category == "medical")
        .filter_map(|o| {
            o.simulated
                .as_ref()
                .map(|s| (o.name.clone(), s.clone(), crate::model::Beside::of(o)))
        })
        .collect();
    if rows.is_empty() {
        return "<p class=\"hint\">The range chart appears when the simulation finishes.</p>"
            .into();
    }
    let (w, left, right, row_h) = (640.0, 16.0, 16.0, 44.0);
    let h = 30.0 + row_h * rows.len() as f64;
    let x_max = nice_max(rows.iter().map(|(_, s, _)| s.p99).max().unwrap_or(0)) as f64;
    let x = |v: i64| left + (v.max(0) as f64 / x_max) * (w - left - right);
    let mut s = format!(
        r#"<svg viewBox="0 0 {w} {h}" xmlns="http://www.w3.org/2000/svg" class="svg-chart" aria-hidden="true">"#
    );
    for v in (0..=x_max as i64).step_by(nice_step(x_max as i64) as usize) {
        // The labels at the ends stay inside the chart.
        let anchor = match v {
            0 => "start",
            v if v as f64 >= x_max => "end",
            _ => "middle",
        };
        let _ = write!(
            s,
            r##"<line x1="{0}" x2="{0}" y1="0" y2="{1}" stroke="#d5dbe2"/><text x="{0}" y="{2}" text-anchor="{anchor}" class="axis">{3}</text>"##,
            x(v),
            h - 18.0,
            h - 4.0,
            dollars(v)
        );
    }
    for (k, (name, d, beside)) in rows.iter().enumerate() {
        let top = 6.0 + row_h * k as f64;
        let color = COLORS[k % COLORS.len()];
        let _ = write!(
            s,
            r#"<text x="{left}" y="{}" class="legend">{} — median {}, 9 in 10 years at most {}</text>"#,
            top + 10.0,
            esc(name),
            beside.average(d.p50),
            beside.bound(d.p90)
        );
        let mid = top + 24.0;
        let _ = write!(
            s,
            r#"<line x1="{:.1}" x2="{:.1}" y1="{mid}" y2="{mid}" stroke="{color}" stroke-width="2"/>"#,
            x(d.p10),
            x(d.p99)
        );
        let _ = write!(
            s,
            r#"<rect x="{:.1}" y="{}" width="{:.1}" height="12" fill="{color}" opacity="0.85"/>"#,
            x(d.p10),
            mid - 6.0,
            (x(d.p90) - x(d.p10)).max(2.0)
        );
        let _ = write!(
            s,
            r##"<rect x="{:.1}" y="{}" width="3" height="18" fill="#1b1f24"/>"##,
            x(d.p50) - 1.5,
            mid - 9.0
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_labels_are_round_amounts() {
        // $29,736 of spending: a quarter is $7,434, so labels every $5,000; $89,601: every
        // $20,000; $5,000: every $1,000; $120: every $25.
        assert_eq!(nice_step(2_973_600), 500_000);
        assert_eq!(nice_step(8_960_100), 2_000_000);
        assert_eq!(nice_step(500_000), 100_000);
        assert_eq!(nice_step(12_000), 2_500);
        assert_eq!(nice_step(0), 100);
    }

    #[test]
    fn charts_draw_every_medical_plan_and_escape_names() {
        let plans = costshare_catalog::builtin().unwrap();
        let mut r = crate::model::quick_report(&plans, &crate::model::default_scenario()).unwrap();
        r.options[0].name = "A <b>&</b> \"plan\"".into();
        let svg = cost_curve(&r);
        assert_eq!(svg.matches("<path").count(), 3);
        assert!(svg.contains("A &lt;b&gt;&amp;&lt;/b&gt; &quot;plan&quot;"));
        assert!(!svg.contains("<b>"));
        assert!(ranges(&r).contains("appears when the simulation finishes"));
    }

    #[test]
    fn the_expected_year_on_the_chart_is_each_plans_yearly_total() {
        let plans = costshare_catalog::builtin().unwrap();
        let r = crate::model::quick_report(&plans, &crate::model::default_scenario()).unwrap();
        let svg = cost_curve(&r);
        for o in r
            .options
            .iter()
            .filter(|o| o.category == "medical" && o.excluded.is_none())
        {
            let total = o.expected.as_ref().unwrap().total;
            assert!(
                svg.contains(&format!(r#"data-option="{}" data-cents="{total}""#, o.id)),
                "{} at {total}",
                o.id
            );
        }
        let t = curve_rows(&r);
        let row = t.rows.iter().find(|row| row.expected).unwrap();
        assert_eq!(row.spend, r.curve.expected_spend);
        assert_eq!(t.rows.first().unwrap().spend, 0);
        // The table's expected row is the cards' totals, in the series' order.
        for (k, s) in r.curve.series.iter().enumerate() {
            let total = r.options[s.0].expected.as_ref().unwrap().total;
            assert_eq!(row.costs[k], total);
            // And reads as the card does, to the cent ($1,206.90, not "$1,207").
            assert_eq!(row.shown[k], crate::model::money(total));
        }
        // Where the cheapest plan changes, in the words of "what would change our pick". The
        // first by hand: the HDHP costs $420 − $120.33 = $299.67 plus the care under its
        // deductible, the HRA $900 − $257.85 = $642.15 while its $500 pays; equal at $342.48 of
        // care other than the free $250 check-up, which is 250 / 1,898 of the starting mix:
        // $342.48 / (1 − 250 / 1,898) = $394.43.
        assert_eq!(
            crossover_words(&r).as_deref(),
            Some(
                "The cheapest plan changes, as the care costs more (in allowed charges): at about $394 to SHBP Health Reimbursement Arrangement (HRA) 2010; at about $11,027 to SHBP High Deductible Health Plan (HDHP) 2010."
            )
        );
        // The cheapest is bold wherever a plan costs the least, ties included.
        for row in &t.rows {
            assert_eq!(row.least, row.costs.iter().copied().min());
        }
    }
}
