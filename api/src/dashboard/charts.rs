//! Daily charts drawn on the server as SVG (no chart library, nothing from a CDN): bars for
//! per-day counts, a line for a running level, and a dashed line for a quota. Every chart has a
//! text alternative, and the page puts the numbers in a table beside it.

use std::fmt::Write as _;

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 160.0;
const LEFT: f64 = 64.0;
const BOTTOM: f64 = 22.0;
const TOP: f64 = 8.0;

/// One chart's data: a value per day, with how to print a value.
pub struct Series<'a> {
    /// What is drawn (also the SVG's accessible name).
    pub title: &'a str,
    /// Day labels (`12-01`), oldest first.
    pub days: &'a [String],
    /// Values, one per day.
    pub values: &'a [i64],
    /// A limit to draw as a dashed line, if any.
    pub quota: Option<i64>,
    /// Prints a value for the axis.
    pub show: fn(i64) -> String,
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn frame(s: &Series<'_>, top: i64, out: &mut String) {
    let plot_h = HEIGHT - BOTTOM - TOP;
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{}" class="chart"><title>{}</title>"#,
        escape(s.title),
        escape(s.title)
    );
    for (frac, label) in [(0.0, 0), (0.5, top / 2), (1.0, top)] {
        if frac == 0.5 && top < 2 {
            continue;
        }
        let y = TOP + plot_h * (1.0 - frac);
        let _ = write!(
            out,
            r#"<line x1="{LEFT}" x2="{WIDTH}" y1="{y:.1}" y2="{y:.1}" class="grid"/><text x="{:.1}" y="{:.1}" class="axis" text-anchor="end">{}</text>"#,
            LEFT - 6.0,
            y + 4.0,
            escape(&(s.show)(label))
        );
    }
    if let (Some(first), Some(last)) = (s.days.first(), s.days.last()) {
        let y = HEIGHT - 6.0;
        let _ = write!(
            out,
            r#"<text x="{LEFT}" y="{y}" class="axis">{}</text><text x="{WIDTH}" y="{y}" class="axis" text-anchor="end">{}</text>"#,
            escape(first),
            escape(last)
        );
    }
}

fn scale_top(values: &[i64], quota: Option<i64>) -> i64 {
    let max = values.iter().copied().max().unwrap_or(0).max(quota.unwrap_or(0)).max(1);
    // A round-ish top: 1, 2 or 5 times a power of ten.
    let mut step = 1i64;
    loop {
        for m in [1, 2, 5] {
            if step.saturating_mul(m) >= max {
                return step.saturating_mul(m);
            }
        }
        step = step.saturating_mul(10);
    }
}

fn y_of(v: i64, top: i64) -> f64 {
    let plot_h = HEIGHT - BOTTOM - TOP;
    TOP + plot_h * (1.0 - v as f64 / top as f64)
}

fn quota_line(quota: Option<i64>, top: i64, out: &mut String) {
    if let Some(q) = quota {
        let y = y_of(q, top);
        let _ = write!(
            out,
            r#"<line x1="{LEFT}" x2="{WIDTH}" y1="{y:.1}" y2="{y:.1}" class="quota"><title>quota</title></line>"#
        );
    }
}

/// A bar per day.
pub fn bars(s: &Series<'_>) -> String {
    let top = scale_top(s.values, s.quota);
    let mut out = String::with_capacity(4096);
    frame(s, top, &mut out);
    let n = s.values.len().max(1) as f64;
    let slot = (WIDTH - LEFT) / n;
    let base = y_of(0, top);
    for (i, (v, day)) in s.values.iter().zip(s.days).enumerate() {
        let y = y_of(*v, top);
        let _ = write!(
            out,
            r#"<rect x="{:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" class="bar"><title>{}: {}</title></rect>"#,
            LEFT + slot * i as f64 + slot * 0.15,
            (slot * 0.7).max(1.0),
            (base - y).max(0.0),
            escape(day),
            escape(&(s.show)(*v))
        );
    }
    quota_line(s.quota, top, &mut out);
    out.push_str("</svg>");
    out
}

/// A line through the days' values.
pub fn line(s: &Series<'_>) -> String {
    let top = scale_top(s.values, s.quota);
    let mut out = String::with_capacity(4096);
    frame(s, top, &mut out);
    let n = s.values.len().max(2) as f64 - 1.0;
    let points: Vec<String> = s
        .values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{:.1},{:.1}", LEFT + (WIDTH - LEFT) * i as f64 / n, y_of(*v, top)))
        .collect();
    let _ = write!(out, r#"<polyline points="{}" class="level"/>"#, points.join(" "));
    quota_line(s.quota, top, &mut out);
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(v: i64) -> String {
        v.to_string()
    }

    #[test]
    fn scales_round_up_and_draw_one_bar_per_day() {
        assert_eq!(scale_top(&[0, 3, 7], None), 10);
        assert_eq!(scale_top(&[120], None), 200);
        assert_eq!(scale_top(&[1], Some(450)), 500);
        let days = vec!["12-01".to_owned(), "12-02".to_owned()];
        let svg = bars(&Series {
            title: "Uploads <per day>",
            days: &days,
            values: &[2, 5],
            quota: None,
            show: count,
        });
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("Uploads &lt;per day&gt;"));
        let svg = line(&Series {
            title: "Stored",
            days: &days,
            values: &[2, 5],
            quota: Some(8),
            show: count,
        });
        assert!(svg.contains("<polyline") && svg.contains("class=\"quota\""));
    }
}
