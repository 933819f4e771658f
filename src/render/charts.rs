//! Indicator charts as inline SVG, drawn at build time: no JavaScript, no external request.
//!
//! One line per municipality over the years. Lines differ in colour, dash pattern and
//! marker shape, so the chart does not rely on colour alone; every chart also gets a text
//! alternative, and the page shows the data as a table beside it. All text is escaped.

use std::fmt::Write as _;

use super::format;

/// One series: a label and (year, value) points in year order.
pub struct Series {
    pub label: String,
    pub points: Vec<(i32, f64)>,
}

/// Colours with at least 3:1 contrast against white (WCAG 1.4.11 for graphics).
const COLOURS: [&str; 8] = ["#1f5fa8", "#b3261e", "#2e7d32", "#6a3d9a", "#9a4a00", "#00695c", "#4e342e", "#ad1457"];
const DASHES: [&str; 4] = ["", "6 3", "2 3", "8 3 2 3"];

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn marker(out: &mut String, shape: usize, x: f64, y: f64, colour: &str) {
    let _ = match shape % 4 {
        0 => write!(out, r#"<circle cx="{x:.1}" cy="{y:.1}" r="3.5" fill="{colour}"/>"#),
        1 => write!(out, r#"<rect x="{:.1}" y="{:.1}" width="7" height="7" fill="{colour}"/>"#, x - 3.5, y - 3.5),
        2 => write!(
            out,
            r#"<path d="M{x:.1} {:.1}L{:.1} {:.1}L{:.1} {:.1}Z" fill="{colour}"/>"#,
            y - 4.5,
            x + 4.5,
            y + 3.5,
            x - 4.5,
            y + 3.5
        ),
        _ => write!(
            out,
            r#"<path d="M{x:.1} {:.1}L{:.1} {y:.1}L{x:.1} {:.1}L{:.1} {y:.1}Z" fill="{colour}"/>"#,
            y - 5.0,
            x + 5.0,
            y + 5.0,
            x - 5.0
        ),
    };
}

/// A "nice" upper bound for the value axis and its step: 0, step, 2·step … ≥ max.
fn scale(max: f64) -> (f64, f64) {
    if max <= 0.0 || !max.is_finite() {
        return (1.0, 0.25);
    }
    let raw = max / 4.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * magnitude).find(|s| *s >= raw).unwrap_or(10.0 * magnitude);
    ((max / step).ceil() * step, step)
}

/// The chart as SVG, and its text alternative.
pub fn line_chart(id: &str, title: &str, unit: &str, series: &[Series]) -> (String, String) {
    let years: Vec<i32> = {
        let mut y: Vec<i32> = series.iter().flat_map(|s| s.points.iter().map(|p| p.0)).collect();
        y.sort_unstable();
        y.dedup();
        y
    };
    let max = series.iter().flat_map(|s| s.points.iter().map(|p| p.1)).fold(0.0f64, f64::max);
    let min = series.iter().flat_map(|s| s.points.iter().map(|p| p.1)).fold(0.0f64, f64::min);
    let alt = alternative(title, unit, series, &years);
    if years.is_empty() {
        return (String::new(), alt);
    }
    let (top, step) = scale(max);
    let bottom = if min < 0.0 { -scale(-min).0 } else { 0.0 };
    let (width, height) = (640.0, 300.0);
    let (left, right, upper, lower) = (56.0, 150.0, 16.0, 36.0);
    let plot_w = width - left - right;
    let plot_h = height - upper - lower;
    let x_of = |year: i32| {
        if years.len() == 1 {
            left + plot_w / 2.0
        } else {
            left + plot_w * f64::from(year - years[0]) / f64::from(years[years.len() - 1] - years[0])
        }
    };
    let y_of = |v: f64| upper + plot_h * (1.0 - (v - bottom) / (top - bottom));

    let id = escape(id);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-labelledby="{id}-t {id}-d" xmlns="http://www.w3.org/2000/svg"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        escape(title),
        escape(&alt)
    );
    // Grid and value axis.
    let mut v = bottom;
    while v <= top + step / 2.0 {
        let y = y_of(v);
        let _ = write!(
            svg,
            r##"<line x1="{left}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#c8c8c8" stroke-width="1"/><text x="{:.1}" y="{:.1}" text-anchor="end" font-size="12" fill="#333">{}</text>"##,
            left + plot_w,
            left - 6.0,
            y + 4.0,
            escape(&format::number(v))
        );
        v += step;
    }
    for year in &years {
        let x = x_of(*year);
        let _ = write!(
            svg,
            r##"<text x="{x:.1}" y="{:.1}" text-anchor="middle" font-size="12" fill="#333">{year}</text>"##,
            upper + plot_h + 20.0
        );
    }
    let _ = write!(
        svg,
        r##"<text x="12" y="{:.1}" font-size="12" fill="#333" transform="rotate(-90 12 {:.1})" text-anchor="middle">{}</text>"##,
        upper + plot_h / 2.0,
        upper + plot_h / 2.0,
        escape(unit)
    );
    for (i, s) in series.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let dash = DASHES[i % DASHES.len()];
        let points: Vec<String> = s.points.iter().map(|(y, v)| format!("{:.1},{:.1}", x_of(*y), y_of(*v))).collect();
        let dash_attr = if dash.is_empty() { String::new() } else { format!(r#" stroke-dasharray="{dash}""#) };
        let _ = write!(
            svg,
            r#"<polyline fill="none" stroke="{colour}" stroke-width="2"{dash_attr} points="{}"/>"#,
            points.join(" ")
        );
        for (year, value) in &s.points {
            marker(&mut svg, i, x_of(*year), y_of(*value), colour);
        }
        // Legend: marker, line sample and label on the right.
        let ly = upper + 14.0 + 20.0 * i as f64;
        let lx = left + plot_w + 14.0;
        let _ = write!(
            svg,
            r#"<line x1="{lx:.1}" y1="{ly:.1}" x2="{:.1}" y2="{ly:.1}" stroke="{colour}" stroke-width="2"{dash_attr}/>"#,
            lx + 22.0
        );
        marker(&mut svg, i, lx + 11.0, ly, colour);
        let _ = write!(
            svg,
            r##"<text x="{:.1}" y="{:.1}" font-size="12" fill="#222">{}</text>"##,
            lx + 28.0,
            ly + 4.0,
            escape(&s.label)
        );
    }
    svg.push_str("</svg>");
    (svg, alt)
}

/// "Andel resor med kollektivtrafik (procent), 2021–2025. Umeå: från 12 till 15. …"
fn alternative(title: &str, unit: &str, series: &[Series], years: &[i32]) -> String {
    let span = match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}–{b}"),
        (Some(a), _) => a.to_string(),
        _ => return format!("{title}: inga värden."),
    };
    let mut text = format!("{title} ({unit}), {span}.");
    for s in series {
        match (s.points.first(), s.points.last()) {
            (Some(first), Some(last)) if s.points.len() > 1 => {
                let _ = write!(
                    text,
                    " {}: från {} ({}) till {} ({}).",
                    s.label,
                    format::number(first.1),
                    first.0,
                    format::number(last.1),
                    last.0
                );
            }
            (Some(only), _) => {
                let _ = write!(text, " {}: {} ({}).", s.label, format::number(only.1), only.0);
            }
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_escaped_svg_with_text_alternative() {
        let series = vec![
            Series { label: "Umeå <kommun>".into(), points: vec![(2021, 12.0), (2022, 15.5)] },
            Series { label: "Vindeln".into(), points: vec![(2021, 8.0), (2022, 9.0)] },
        ];
        let (svg, alt) = line_chart("ind-1", "Resor", "procent", &series);
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("Umeå &lt;kommun&gt;"));
        assert!(!svg.contains("<kommun>"));
        assert_eq!(
            alt,
            "Resor (procent), 2021–2022. Umeå <kommun>: från 12 (2021) till 15,5 (2022). Vindeln: från 8 (2021) till 9 (2022)."
        );
    }

    #[test]
    fn scales_to_nice_steps() {
        assert_eq!(scale(17.0), (20.0, 5.0));
        assert_eq!(scale(0.0), (1.0, 0.25));
    }
}
