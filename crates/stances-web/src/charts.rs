//! Charts drawn on the server as SVG (no JavaScript): a timeline of statements per month,
//! and the share of organizations taking each position. Labels are escaped; each chart has
//! a title and a text description for screen readers.

use std::collections::BTreeMap;

use stances_core::PartialDate;

use crate::text::escape;

/// Statements per month as bars, oldest month on the left. Undated statements are left
/// out (and counted in the description).
pub fn timeline(dates: &[Option<PartialDate>], title: &str) -> String {
    let mut months: BTreeMap<(i32, u8), usize> = BTreeMap::new();
    let mut undated = 0;
    for d in dates {
        match d.and_then(|d| d.month.map(|m| (d.year, m))) {
            Some(k) => *months.entry(k).or_default() += 1,
            None => undated += 1,
        }
    }
    let (Some(&first), Some(&last)) = (months.keys().next(), months.keys().next_back()) else {
        return String::new();
    };
    // Every month from the first to the last, empty ones included.
    let mut all: Vec<((i32, u8), usize)> = Vec::new();
    let (mut y, mut m) = first;
    while (y, m) <= last && all.len() < 600 {
        all.push(((y, m), months.get(&(y, m)).copied().unwrap_or(0)));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    let max = all.iter().map(|x| x.1).max().unwrap_or(1).max(1);
    let (w, h, pad, base) = (640.0_f64, 160.0_f64, 28.0_f64, 130.0_f64);
    let step = (w - 2.0 * pad) / all.len() as f64;
    let mut bars = String::new();
    for (i, ((y, m), n)) in all.iter().enumerate() {
        let bh = (base - 20.0) * (*n as f64) / (max as f64);
        let x = pad + step * i as f64;
        bars.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" class=\"bar\"><title>{y}-{m:02}: {n}</title></rect>",
            base - bh,
            (step * 0.8).max(1.0)
        ));
    }
    let label = |(y, m): (i32, u8)| format!("{y}-{m:02}");
    let desc = format!(
        "{} from {} to {}, at most {max} in one month{}.",
        crate::views::count(dates.len() - undated, "statement", "statements"),
        label(first),
        label(last),
        if undated > 0 { format!("; {undated} undated") } else { String::new() }
    );
    format!(
        "<svg class=\"chart\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"tl-t tl-d\"><title id=\"tl-t\">{}</title><desc id=\"tl-d\">{}</desc>{bars}<line x1=\"{pad}\" y1=\"{base}\" x2=\"{}\" y2=\"{base}\" class=\"axis\"/><text x=\"{pad}\" y=\"150\" class=\"tick\">{}</text><text x=\"{}\" y=\"150\" class=\"tick\" text-anchor=\"end\">{}</text><text x=\"{pad}\" y=\"14\" class=\"tick\">max {max}</text></svg>",
        escape(title),
        escape(&desc),
        w - pad,
        label(first),
        w - pad,
        label(last),
    )
}

/// Horizontal bars: for each position, the share of `total` organizations taking it.
/// `rows` are (label, takers).
pub fn shares(rows: &[(String, usize)], total: usize, title: &str) -> String {
    if rows.is_empty() || total == 0 {
        return String::new();
    }
    let (label_w, bar_w, row_h) = (260.0_f64, 300.0_f64, 22.0_f64);
    let h = row_h * rows.len() as f64 + 10.0;
    let mut body = String::new();
    for (i, (label, n)) in rows.iter().enumerate() {
        let y = 5.0 + row_h * i as f64;
        let share = *n as f64 / total as f64;
        body.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"tick\" text-anchor=\"end\">{}</text><rect x=\"{label_w}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" class=\"bar\"><title>{}: {n} of {total}</title></rect><text x=\"{:.1}\" y=\"{:.1}\" class=\"tick\">{:.0}%</text>",
            label_w - 6.0,
            y + 15.0,
            escape(label),
            y + 3.0,
            (bar_w * share).max(0.5),
            row_h - 6.0,
            escape(label),
            label_w + bar_w * share + 4.0,
            y + 15.0,
            share * 100.0
        ));
    }
    format!(
        "<svg class=\"chart\" viewBox=\"0 0 {} {h:.0}\" role=\"img\" aria-labelledby=\"sh-t\"><title id=\"sh-t\">{}</title>{body}</svg>",
        label_w + bar_w + 50.0,
        escape(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeline_has_a_bar_per_month_and_escapes() {
        let d = |y, m| PartialDate::ymd(y, m, 1);
        let svg = timeline(&[d(2022, 2), d(2022, 2), d(2022, 5), None], "<Statements>");
        assert_eq!(svg.matches("<rect").count(), 4, "February to May: {svg}");
        assert!(svg.contains("2022-02: 2") && svg.contains("1 undated") && svg.contains("&lt;Statements&gt;"));
        assert!(timeline(&[None], "x").is_empty());
    }

    #[test]
    fn shares_are_percentages() {
        let svg = shares(&[("Ceasefire".into(), 3), ("<NATO>".into(), 1)], 4, "Share");
        assert!(svg.contains(">75%<") && svg.contains(">25%<") && svg.contains("&lt;NATO&gt;"), "{svg}");
    }
}
