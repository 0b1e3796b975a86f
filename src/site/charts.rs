//! SVG charts drawn at build time and inlined into pages: no script, no library.
//!
//! Series are told apart by fill patterns (solid, hatched, dotted, light) as well as
//! by a legend, so a chart reads the same printed in black and white. Every text from
//! the records is escaped here, since templates insert the SVG as it is.

use std::fmt::Write;

/// One named series of values (one value per label).
#[derive(Clone, Debug)]
pub struct Series {
    /// Shown in the legend.
    pub name: String,
    /// One value per label.
    pub values: Vec<f64>,
}

/// A chart: one group of bars per label, one bar per series.
#[derive(Clone, Debug)]
pub struct BarChart {
    /// The title (the SVG's accessible name).
    pub title: String,
    /// One label per group of bars.
    pub labels: Vec<String>,
    /// The series.
    pub series: Vec<Series>,
    /// The unit of the values, shown on the axis.
    pub unit: String,
    /// Where each group of bars leads (a month's page), if anywhere.
    pub links: Vec<Option<String>>,
}

/// Escapes text for XML.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A value for a label: whole numbers with thousands separators, else two decimals.
fn number(value: f64) -> String {
    let text = if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.2}")
    };
    crate::i18n::group_thousands(&text)
}

/// A round step for about four gridlines up to `max`.
fn nice_step(max: f64) -> f64 {
    if max <= 0.0 {
        return 1.0;
    }
    let raw = max / 4.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude)
}

/// A short id prefix from the title, so that charts on one page do not share ids.
fn id_prefix(chart: &BarChart) -> String {
    let mut hash: u32 = 0x811c_9dc5;
    for byte in chart
        .title
        .bytes()
        .chain(chart.labels.iter().flat_map(|l| l.bytes()))
    {
        hash = (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193);
    }
    format!("c{hash:08x}")
}

/// The `<defs>` with one fill pattern per series, and the fill of series `i`.
fn patterns(prefix: &str, count: usize) -> (String, Vec<String>) {
    let mut defs = String::from("<defs>");
    let mut fills = Vec::new();
    for i in 0..count {
        let id = format!("{prefix}-p{i}");
        let body = match i % 4 {
            0 => "<rect width=\"6\" height=\"6\" fill=\"#333\"/>".to_owned(),
            1 => "<rect width=\"6\" height=\"6\" fill=\"#fff\"/><path d=\"M0,6 L6,0 M-1,1 L1,-1 M5,7 L7,5\" stroke=\"#333\" stroke-width=\"1.5\"/>".to_owned(),
            2 => "<rect width=\"6\" height=\"6\" fill=\"#fff\"/><circle cx=\"3\" cy=\"3\" r=\"1.3\" fill=\"#333\"/>".to_owned(),
            _ => "<rect width=\"6\" height=\"6\" fill=\"#bbb\"/>".to_owned(),
        };
        let _ = write!(
            defs,
            "<pattern id=\"{id}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">{body}</pattern>"
        );
        fills.push(format!("url(#{id})"));
    }
    defs.push_str("</defs>");
    (defs, fills)
}

/// The opening tag and title shared by both kinds of chart.
fn open(chart: &BarChart, width: f64, height: f64) -> String {
    let title = escape(&chart.title);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"100%\" role=\"img\" aria-label=\"{title}\" font-size=\"12\"><title>{title}</title>"
    )
}

/// The legend along the top: a swatch and a name per series.
fn legend(chart: &BarChart, fills: &[String], x0: f64) -> String {
    let mut out = String::new();
    let mut x = x0;
    for (series, fill) in chart.series.iter().zip(fills) {
        let _ = write!(
            out,
            "<rect class=\"swatch\" x=\"{x:.1}\" y=\"6\" width=\"14\" height=\"14\" fill=\"{fill}\" stroke=\"#333\"/><text x=\"{:.1}\" y=\"18\">{}</text>",
            x + 19.0,
            escape(&series.name)
        );
        x += 34.0 + 13.0 * series.name.chars().count() as f64;
    }
    let _ = write!(
        out,
        "<text x=\"{x:.1}\" y=\"18\" fill=\"#555\">({})</text>",
        escape(&chart.unit)
    );
    out
}

/// Renders grouped vertical bars with gridlines, value labels and a legend.
pub fn bar_chart(chart: &BarChart) -> String {
    let (width, height) = (720.0, 320.0);
    let (left, right, top, bottom) = (72.0, 12.0, 34.0, 64.0);
    let (plot_w, plot_h) = (width - left - right, height - top - bottom);
    let max = chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .fold(0.0, f64::max);
    let step = nice_step(max);
    let y_max = (max / step).ceil().max(1.0) * step;
    let y = |v: f64| top + plot_h - v / y_max * plot_h;
    let prefix = id_prefix(chart);
    let (defs, fills) = patterns(&prefix, chart.series.len());

    let mut svg = open(chart, width, height);
    svg.push_str(&defs);
    svg.push_str(&legend(chart, &fills, left));
    let mut tick = 0.0;
    while tick <= y_max + step / 2.0 {
        let _ = write!(
            svg,
            "<line x1=\"{left:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#ccc\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#555\">{}</text>",
            width - right,
            y(tick),
            y(tick),
            left - 6.0,
            y(tick) + 4.0,
            number(tick)
        );
        tick += step;
    }
    let groups = chart.labels.len().max(1) as f64;
    let group_w = plot_w / groups;
    let bar_w = group_w * 0.8 / chart.series.len().max(1) as f64;
    let rotate = chart.labels.len() > 8;
    for (g, label) in chart.labels.iter().enumerate() {
        let gx = left + g as f64 * group_w + group_w * 0.1;
        let link = chart.links.get(g).cloned().flatten();
        if let Some(href) = &link {
            let _ = write!(svg, "<a href=\"{}\">", escape(href));
        }
        for (s, series) in chart.series.iter().enumerate() {
            let value = series.values.get(g).copied().unwrap_or(0.0);
            if value <= 0.0 {
                continue;
            }
            let x = gx + s as f64 * bar_w;
            let _ = write!(
                svg,
                "<rect class=\"bar\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\" stroke=\"#333\"><title>{} {}: {}</title></rect>",
                y(value),
                bar_w,
                top + plot_h - y(value),
                fills[s],
                escape(label),
                escape(&series.name),
                number(value)
            );
            // A value is written above its bar only where it fits the bar's width, so
            // that neighbouring values never overlap (the bar's title still tells it).
            let text = number(value);
            if text.chars().count() as f64 * 5.8 <= bar_w + 2.0 {
                let _ = write!(
                    svg,
                    "<text class=\"value\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"10\">{text}</text>",
                    x + bar_w / 2.0,
                    y(value) - 3.0,
                );
            }
        }
        if link.is_some() {
            svg.push_str("</a>");
        }
        let (lx, ly) = (left + (g as f64 + 0.5) * group_w, top + plot_h + 16.0);
        let text = escape(label);
        if rotate {
            let _ = write!(
                svg,
                "<text x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"end\" transform=\"rotate(-35 {lx:.1} {ly:.1})\">{text}</text>"
            );
        } else {
            let _ = write!(
                svg,
                "<text x=\"{lx:.1}\" y=\"{ly:.1}\" text-anchor=\"middle\">{text}</text>"
            );
        }
    }
    let _ = write!(
        svg,
        "<line x1=\"{left:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#333\"/></svg>",
        width - right,
        top + plot_h,
        top + plot_h
    );
    svg
}

/// Renders horizontal bars of the first series, labels on the left, values at the end.
pub fn hbar_chart(chart: &BarChart) -> String {
    let rows = chart.labels.len();
    let (width, row_h, top, left, right) = (720.0, 26.0, 34.0, 150.0, 110.0);
    let height = top + row_h * rows.max(1) as f64 + 10.0;
    let values: Vec<f64> = chart
        .series
        .first()
        .map(|s| s.values.clone())
        .unwrap_or_default();
    let max = values.iter().copied().fold(0.0, f64::max);
    let prefix = id_prefix(chart);
    let (defs, fills) = patterns(&prefix, chart.series.len().max(1));
    let mut svg = open(chart, width, height);
    svg.push_str(&defs);
    svg.push_str(&legend(chart, &fills, left));
    let plot_w = width - left - right;
    for (r, label) in chart.labels.iter().enumerate() {
        let value = values.get(r).copied().unwrap_or(0.0);
        let y = top + r as f64 * row_h;
        let text: String = label.chars().take(10).collect();
        let text = if label.chars().count() > 10 {
            format!("{text}…")
        } else {
            text
        };
        let _ = write!(
            svg,
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            left - 8.0,
            y + 17.0,
            escape(&text)
        );
        let w = if max > 0.0 { value / max * plot_w } else { 0.0 };
        if value > 0.0 {
            let _ = write!(
                svg,
                "<rect class=\"bar\" x=\"{left:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"{}\" stroke=\"#333\"><title>{}: {}</title></rect>",
                y + 4.0,
                row_h - 8.0,
                fills[0],
                escape(label),
                number(value)
            );
        }
        let _ = write!(
            svg,
            "<text class=\"value\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            left + w + 6.0,
            y + 17.0,
            number(value)
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(labels: &[&str], series: &[(&str, &[f64])]) -> BarChart {
        BarChart {
            title: "每月预算与实际支出".into(),
            labels: labels.iter().map(|l| (*l).into()).collect(),
            series: series
                .iter()
                .map(|(n, v)| Series {
                    name: (*n).into(),
                    values: v.to_vec(),
                })
                .collect(),
            unit: "元".into(),
            links: Vec::new(),
        }
    }

    #[test]
    fn draws_a_bar_per_nonzero_value_with_patterns_and_legend() {
        let c = chart(
            &["2011-09", "2011-10"],
            &[("预算", &[1000.0, 2000.0]), ("实际", &[1500.5, 0.0])],
        );
        let svg = bar_chart(&c);
        assert_eq!(svg.matches("<rect class=\"bar\"").count(), 3);
        assert_eq!(svg.matches("<rect class=\"swatch\"").count(), 2);
        assert_eq!(svg.matches("<pattern id=\"").count(), 2);
        assert!(svg.contains("1,500.50") && svg.contains(">2,000<"));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>") && svg.contains("role=\"img\""));
        assert_eq!(svg, bar_chart(&c), "deterministic");
        assert_ne!(
            id_prefix(&c),
            id_prefix(&chart(&["x"], &[])),
            "ids differ between charts"
        );
    }

    #[test]
    fn values_are_written_only_where_they_fit_and_bars_lead_to_their_page() {
        let mut c = chart(
            &["2011-09", "2011-10"],
            &[("预算", &[383_000.0, 5.0]), ("实际", &[490_226.5, 4.0])],
        );
        c.links = vec![Some("months/2011-09.html".into()), None];
        let svg = bar_chart(&c);
        // Two groups of two bars: each bar is wide enough for the long values.
        assert!(svg.contains(">383,000<") && svg.contains(">490,226.50<"));
        assert_eq!(svg.matches("<a href=\"months/2011-09.html\">").count(), 1);
        assert_eq!(svg.matches("</a>").count(), 1);
        // Thirteen groups: a value too long for its bar is left out, never overlapping.
        let labels = [
            "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m",
        ];
        let narrow = chart(
            &labels,
            &[("预算", &[383_000.0; 13]), ("实际", &[490_226.5; 13])],
        );
        let svg = bar_chart(&narrow);
        assert!(
            !svg.contains(">490,226.50<"),
            "too long for its bar: left out"
        );
        assert_eq!(svg.matches("<rect class=\"bar\"").count(), 26);
    }

    #[test]
    fn escapes_every_text() {
        let c = chart(
            &["<script>alert(1)</script>"],
            &[("\"><img onerror=x>", &[1.0])],
        );
        for svg in [bar_chart(&c), hbar_chart(&c)] {
            assert!(!svg.contains("<script") && !svg.contains("<img"), "{svg}");
            assert!(svg.contains("&lt;script&gt;"));
        }
    }

    #[test]
    fn empty_charts_are_still_valid() {
        let c = chart(&[], &[]);
        assert!(bar_chart(&c).ends_with("</svg>"));
        assert!(hbar_chart(&c).ends_with("</svg>"));
        let zeros = chart(&["a"], &[("x", &[0.0])]);
        assert_eq!(bar_chart(&zeros).matches("class=\"bar\"").count(), 0);
    }

    #[test]
    fn numbers_and_steps_are_round() {
        assert_eq!(number(1234567.0), "1,234,567");
        assert_eq!(number(-1234.5), "-1,234.50");
        assert_eq!(nice_step(100.0), 25.0);
        assert_eq!(nice_step(7.0), 2.0);
    }
}
