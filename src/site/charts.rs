//! SVG charts drawn at build time and inlined into pages: no script, no library.
//!
//! Series are told apart by fill patterns (solid, hatched, dotted, light) as well as
//! by a legend, so a chart reads the same printed in black and white. Every text from
//! the records is escaped here, since templates insert the SVG as it is.

use super::html::escape;
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

/// The width of a chart drawn for a desktop and for paper, in its own units.
const WIDE: f64 = 720.0;
/// The width of a chart drawn for a phone: at a phone's 358 px or so of page it is
/// drawn at about its own scale, so its 12-unit text is about 12 px.
const NARROW: f64 = 340.0;

/// How a chart is drawn on a desktop and on paper. On a phone every chart is drawn as
/// rows, which grow downwards instead of shrinking their text.
#[derive(Clone, Copy, Debug)]
pub enum Shape {
    /// A group of vertical bars per label (months along the bottom).
    Columns,
    /// A row per label, its bars going right.
    Rows,
}

/// Both drawings of a chart: the wide one (`chart-wide`) and the phone's rows
/// (`chart-narrow`); the stylesheet shows one of them.
pub fn render(chart: &BarChart, shape: Shape) -> String {
    let mut out = match shape {
        Shape::Columns => columns(chart),
        Shape::Rows => rows(chart, WIDE, "chart-wide"),
    };
    out.push_str(&rows(chart, NARROW, "chart-narrow"));
    out
}

/// About how wide a text is at a font size: CJK characters are square, Latin letters
/// and digits about 0.6 of it (a little more than Noto Sans needs, never less).
fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| if c.is_ascii() { 0.62 } else { 1.0 })
        .sum::<f64>()
        * size
}

/// The opening tag and title shared by every drawing.
fn open(chart: &BarChart, class: &str, width: f64, height: f64) -> String {
    let title = escape(&chart.title);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg {class}\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"100%\" role=\"img\" aria-label=\"{title}\" font-size=\"12\"><title>{title}</title>"
    )
}

/// The legend along the top (a swatch and a name per series, then the unit), wrapped
/// onto a further line where it would pass `width`; and the height it takes.
fn legend(chart: &BarChart, fills: &[String], x0: f64, width: f64) -> (String, f64) {
    let mut out = String::new();
    let (mut x, mut y) = (x0, 6.0);
    let unit = format!("({})", chart.unit);
    let items = chart
        .series
        .iter()
        .zip(fills)
        .map(|(s, fill)| (Some(fill), s.name.as_str()))
        .chain(std::iter::once((None, unit.as_str())));
    for (fill, name) in items {
        let text_x = if fill.is_some() { 19.0 } else { 0.0 };
        let item = text_x + text_width(name, 12.0);
        if x > x0 && x + item > width {
            (x, y) = (x0, y + 20.0);
        }
        if let Some(fill) = fill {
            let _ = write!(
                out,
                "<rect class=\"swatch\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"14\" height=\"14\" fill=\"{fill}\" stroke=\"#333\"/>"
            );
        }
        let color = if fill.is_some() { "" } else { " fill=\"#555\"" };
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\"{color}>{}</text>",
            x + text_x,
            y + 12.0,
            escape(name)
        );
        x += item + 16.0;
    }
    (out, y + 20.0)
}

/// Grouped vertical bars with gridlines, value labels and a legend. A value is written
/// above its bar only where it fits the bar's width; month labels turn upright, and
/// only every few are written, where they would not fit side by side.
fn columns(chart: &BarChart) -> String {
    let (left, right) = (72.0, 12.0);
    let plot_w = WIDE - left - right;
    let prefix = id_prefix(chart);
    let (defs, fills) = patterns(&prefix, chart.series.len());
    let (legend, legend_h) = legend(chart, &fills, left, WIDE);
    let top = legend_h + 16.0;
    let groups = chart.labels.len().max(1) as f64;
    let group_w = plot_w / groups;
    let widest = chart
        .labels
        .iter()
        .map(|l| text_width(l, 12.0))
        .fold(0.0, f64::max);
    let upright = widest > group_w - 4.0;
    // Upright labels are about 16 units thick: write every `every`-th one.
    let every = if upright {
        (16.0 / group_w).ceil().max(1.0) as usize
    } else {
        1
    };
    let bottom = if upright { widest + 14.0 } else { 28.0 };
    let plot_h = 220.0;
    let height = top + plot_h + bottom;
    let max = chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .fold(0.0, f64::max);
    let step = nice_step(max);
    let y_max = (max / step).ceil().max(1.0) * step;
    let y = |v: f64| top + plot_h - v / y_max * plot_h;

    let mut svg = open(chart, "chart-wide", WIDE, height);
    svg.push_str(&defs);
    svg.push_str(&legend);
    let mut tick = 0.0;
    while tick <= y_max + step / 2.0 {
        let _ = write!(
            svg,
            "<line x1=\"{left:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#ccc\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"#555\">{}</text>",
            WIDE - right,
            y(tick),
            y(tick),
            left - 6.0,
            y(tick) + 4.0,
            number(tick)
        );
        tick += step;
    }
    let bar_w = group_w * 0.8 / chart.series.len().max(1) as f64;
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
            let text = number(value);
            if text_width(&text, 10.5) <= bar_w - 2.0 {
                let _ = write!(
                    svg,
                    "<text class=\"value\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"10.5\">{text}</text>",
                    x + bar_w / 2.0,
                    y(value) - 3.0,
                );
            }
        }
        if link.is_some() {
            svg.push_str("</a>");
        }
        if g % every != 0 {
            continue;
        }
        let lx = left + (g as f64 + 0.5) * group_w;
        let text = escape(label);
        if upright {
            let ly = top + plot_h + 8.0;
            let _ = write!(
                svg,
                "<text class=\"label\" x=\"{lx:.1}\" y=\"{ly:.1}\" dy=\"4\" text-anchor=\"end\" transform=\"rotate(-90 {lx:.1} {ly:.1})\">{text}</text>"
            );
        } else {
            let _ = write!(
                svg,
                "<text class=\"label\" x=\"{lx:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{text}</text>",
                top + plot_h + 18.0
            );
        }
    }
    let _ = write!(
        svg,
        "<line x1=\"{left:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"#333\"/></svg>",
        WIDE - right,
        top + plot_h,
        top + plot_h
    );
    svg
}

/// A label cut to fit `width` at 12 units, with "…" where it was cut.
fn fit(label: &str, width: f64) -> String {
    if text_width(label, 12.0) <= width {
        return label.to_owned();
    }
    let mut out = String::new();
    for c in label.chars() {
        if text_width(&out, 12.0) + text_width(&format!("{c}…"), 12.0) > width {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}

/// A row per label, one bar per series going right, each value at its bar's end:
/// nothing ever overlaps, and the height grows with the labels.
fn rows(chart: &BarChart, width: f64, class: &str) -> String {
    let (bar_h, pitch, gap) = (14.0, 18.0, 8.0);
    let series = chart.series.len().max(1);
    let prefix = id_prefix(chart);
    let (defs, fills) = patterns(&format!("{prefix}{class}"), series);
    let (legend, legend_h) = legend(chart, &fills, 0.0, width);
    let top = legend_h + 8.0;
    let label_w = chart
        .labels
        .iter()
        .map(|l| text_width(l, 12.0))
        .fold(0.0, f64::max)
        .min(width * 0.3);
    let value_w = chart
        .series
        .iter()
        .flat_map(|s| s.values.iter())
        .map(|v| text_width(&number(*v), 12.0))
        .fold(0.0, f64::max);
    let left = label_w + 8.0;
    let plot_w = width - left - value_w - 8.0;
    let max = chart
        .series
        .iter()
        .flat_map(|s| s.values.iter().copied())
        .fold(0.0, f64::max);
    let group_h = pitch * series as f64 + gap;
    let height = top + group_h * chart.labels.len() as f64;
    let mut svg = open(chart, class, width, height.max(top + 10.0));
    svg.push_str(&defs);
    svg.push_str(&legend);
    for (g, label) in chart.labels.iter().enumerate() {
        let gy = top + g as f64 * group_h;
        let link = chart.links.get(g).cloned().flatten();
        if let Some(href) = &link {
            let _ = write!(svg, "<a href=\"{}\">", escape(href));
        }
        let _ = write!(
            svg,
            "<text class=\"label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\"><title>{}</title>{}</text>",
            label_w,
            gy + pitch * series as f64 / 2.0 + 4.0,
            escape(label),
            escape(&fit(label, label_w))
        );
        for (s, (series, fill)) in chart.series.iter().zip(&fills).enumerate() {
            let value = series.values.get(g).copied().unwrap_or(0.0);
            let y = gy + s as f64 * pitch;
            let w = if max > 0.0 && value > 0.0 {
                (value / max * plot_w).max(1.0)
            } else {
                0.0
            };
            if value > 0.0 {
                let _ = write!(
                    svg,
                    "<rect class=\"bar\" x=\"{left:.1}\" y=\"{y:.1}\" width=\"{w:.1}\" height=\"{bar_h:.1}\" fill=\"{fill}\" stroke=\"#333\"><title>{} {}: {}</title></rect>",
                    escape(label),
                    escape(&series.name),
                    number(value)
                );
            }
            let _ = write!(
                svg,
                "<text class=\"value\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                left + w + 5.0,
                y + bar_h - 2.0,
                number(value)
            );
        }
        if link.is_some() {
            svg.push_str("</a>");
        }
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
        let svg = columns(&c);
        assert_eq!(svg.matches("<rect class=\"bar\"").count(), 3);
        assert_eq!(svg.matches("<rect class=\"swatch\"").count(), 2);
        assert_eq!(svg.matches("<pattern id=\"").count(), 2);
        assert!(svg.contains("1,500.50") && svg.contains(">2,000<"));
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>") && svg.contains("role=\"img\""));
        assert_eq!(svg, columns(&c), "deterministic");
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
        let svg = columns(&c);
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
        let svg = columns(&narrow);
        assert!(
            !svg.contains(">490,226.50<"),
            "too long for its bar: left out"
        );
        assert_eq!(svg.matches("<rect class=\"bar\"").count(), 26);
    }

    #[test]
    fn a_phone_gets_rows_that_keep_every_text_inside_the_chart() {
        let c = chart(
            &["2011-09", "教学设备与实验仪器及其他"],
            &[("预算", &[517_000.0, 3.0]), ("实际支出", &[490_226.5, 0.0])],
        );
        let svg = render(&c, Shape::Columns);
        let narrow = &svg[svg
            .find("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg chart-narrow\"")
            .unwrap()..];
        assert!(narrow.contains("viewBox=\"0 0 340 "), "{narrow}");
        assert_eq!(narrow.matches("<rect class=\"bar\"").count(), 3);
        // Each value starts right of its bar and ends inside the 340 units.
        for (i, _) in narrow.match_indices("<text class=\"value\" x=\"") {
            let rest = &narrow[i + 25..];
            let x: f64 = rest[..rest.find('"').unwrap()].parse().unwrap();
            let text = &rest[rest.find('>').unwrap() + 1..rest.find("</text>").unwrap()];
            assert!(x + text_width(text, 12.0) <= NARROW, "{text} at {x}");
        }
        // A long label is cut to its column, the whole of it kept as its title.
        assert!(narrow.contains("<title>教学设备与实验仪器及其他</title>教学设备与实验…<"));
        assert!(text_width("教学设备与实验…", 12.0) <= NARROW * 0.3);
        // A small value still shows a bar.
        assert!(narrow.contains("width=\"1.0\" height=\"14.0\""), "{narrow}");
    }

    #[test]
    fn the_legend_wraps_rather_than_passing_the_edge() {
        let c = chart(
            &["a"],
            &[
                ("Repairs reported", &[1.0]),
                ("Repairs fixed", &[1.0]),
                ("Repairs verified", &[1.0]),
            ],
        );
        let fills = vec![String::new(); 3];
        let (_, one_line) = legend(&c, &fills, 0.0, WIDE);
        let (legend, lines) = legend(&c, &fills, 0.0, NARROW);
        assert_eq!((one_line, lines), (26.0, 46.0), "{legend}");
    }

    #[test]
    fn month_labels_turn_upright_and_thin_out_where_they_would_touch() {
        let months: Vec<String> = (0..48)
            .map(|m| format!("{}-{:02}", 2011 + m / 12, m % 12 + 1))
            .collect();
        let labels: Vec<&str> = months.iter().map(String::as_str).collect();
        let svg = columns(&chart(&labels, &[("预算", &[1.0; 48])]));
        assert_eq!(svg.matches("rotate(-90").count(), 24, "every second of 48");
        let few = columns(&chart(&labels[..6], &[("预算", &[1.0; 6])]));
        assert_eq!(few.matches("rotate(").count(), 0);
        assert_eq!(few.matches("<text class=\"label\"").count(), 6);
    }

    #[test]
    fn escapes_every_text() {
        let c = chart(
            &["<script>alert(1)</script>"],
            &[("\"><img onerror=x>", &[1.0])],
        );
        for svg in [render(&c, Shape::Columns), render(&c, Shape::Rows)] {
            assert!(!svg.contains("<script") && !svg.contains("<img"), "{svg}");
            assert!(svg.contains("&lt;script&gt;"));
        }
    }

    #[test]
    fn empty_charts_are_still_valid() {
        let c = chart(&[], &[]);
        for shape in [Shape::Columns, Shape::Rows] {
            let svg = render(&c, shape);
            assert_eq!(svg.matches("<svg").count(), 2);
            assert!(svg.ends_with("</svg>"));
        }
        let zeros = chart(&["a"], &[("x", &[0.0])]);
        assert_eq!(
            render(&zeros, Shape::Columns)
                .matches("class=\"bar\"")
                .count(),
            0
        );
    }

    #[test]
    fn numbers_and_steps_are_round() {
        assert_eq!(number(1234567.0), "1,234,567");
        assert_eq!(number(-1234.5), "-1,234.50");
        assert_eq!(nice_step(100.0), 25.0);
        assert_eq!(nice_step(7.0), 2.0);
    }
}
