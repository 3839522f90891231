//! A horizontal grouped bar chart of time ratios as a standalone SVG file,
//! written by hand (no plotting dependency): one group of bars per
//! benchmark, one bar per engine, on a logarithmic axis centred on 1 so
//! that "twice as slow" and "twice as fast" are bars of the same length,
//! drawn right and left of the 1.0 line.
//!
//! Invariant: the output is well-formed XML whatever the labels contain
//! (they are escaped) and whatever the values are (missing, non-finite or
//! non-positive values draw no bar but a "n/a" mark).

use std::fmt::Write;

/// One series: an engine and its ratio per category (None: no ratio).
pub struct Series {
    pub label: String,
    pub values: Vec<Option<f64>>,
}

const WIDTH: f64 = 960.0;
const LEFT: f64 = 190.0;
const RIGHT: f64 = 70.0;
const TOP: f64 = 78.0;
const BAR: f64 = 11.0;
const GAP: f64 = 9.0;
const COLORS: [&str; 6] = [
    "#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1",
];

/// Escapes text for XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn usable(v: Option<f64>) -> Option<f64> {
    v.filter(|x| x.is_finite() && *x > 0.0)
}

/// Tick values 1-2-5 per decade between `lo` and `hi`.
fn ticks(lo: f64, hi: f64) -> Vec<f64> {
    let mut out = Vec::new();
    let mut decade = 10f64.powi(lo.log10().floor() as i32);
    while decade <= hi {
        for m in [1.0, 2.0, 5.0] {
            let t = decade * m;
            if t >= lo * 0.999 && t <= hi * 1.001 {
                out.push(t);
            }
        }
        decade *= 10.0;
    }
    out
}

fn tick_label(t: f64) -> String {
    if t >= 1.0 {
        format!("{t:.0}×")
    } else {
        let s = format!("{t:.3}");
        format!("{}×", s.trim_end_matches('0').trim_end_matches('.'))
    }
}

/// The chart. `categories` are the group labels (top to bottom); every
/// series has one value per category.
pub fn ratio_chart(
    title: &str,
    subtitle: &str,
    categories: &[String],
    series: &[Series],
) -> String {
    let values = series
        .iter()
        .flat_map(|s| s.values.iter().copied().filter_map(usable));
    let (mut lo, mut hi) = (0.5f64, 2.0f64);
    for v in values {
        lo = lo.min(v);
        hi = hi.max(v);
    }
    // Round the axis out to 1-2-5 steps.
    let snap_down = |x: f64| {
        let d = 10f64.powi(x.log10().floor() as i32);
        [5.0, 2.0, 1.0]
            .iter()
            .map(|m| m * d)
            .find(|t| *t <= x * 1.0001)
            .unwrap_or(d)
    };
    let snap_up = |x: f64| {
        let d = 10f64.powi(x.log10().floor() as i32);
        [1.0, 2.0, 5.0, 10.0]
            .iter()
            .map(|m| m * d)
            .find(|t| *t >= x * 0.9999)
            .unwrap_or(10.0 * d)
    };
    lo = snap_down(lo);
    hi = snap_up(hi);
    let plot_w = WIDTH - LEFT - RIGHT;
    let (llo, lhi) = (lo.log10(), hi.log10());
    let x = |v: f64| LEFT + (v.log10() - llo) / (lhi - llo) * plot_w;
    let n = series.len().max(1) as f64;
    let group_h = n * BAR + GAP;
    let plot_h = categories.len() as f64 * group_h;
    let height = TOP + plot_h + 40.0;

    let mut s = String::new();
    let _ = writeln!(
        s,
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height:.0}" viewBox="0 0 {WIDTH} {height:.0}" font-family="sans-serif" font-size="12">"##
    );
    let _ = writeln!(s, r##"<rect width="100%" height="100%" fill="white"/>"##);
    let _ = writeln!(
        s,
        r##"<text x="{LEFT}" y="22" font-size="16" font-weight="bold">{}</text>"##,
        escape(title)
    );
    let _ = writeln!(
        s,
        r##"<text x="{LEFT}" y="40" fill="#555">{}</text>"##,
        escape(subtitle)
    );
    // Legend.
    let mut lx = LEFT;
    for (i, ser) in series.iter().enumerate() {
        let color = COLORS[i % COLORS.len()];
        let _ = writeln!(
            s,
            r##"<rect x="{lx:.1}" y="52" width="12" height="12" fill="{color}"/><text x="{:.1}" y="62">{}</text>"##,
            lx + 16.0,
            escape(&ser.label)
        );
        lx += 16.0 + 7.5 * ser.label.chars().count() as f64 + 24.0;
    }
    // Grid and axis labels.
    for t in ticks(lo, hi) {
        let tx = x(t);
        let (stroke, w) = if (t - 1.0).abs() < 1e-9 {
            ("#333", 1.5)
        } else {
            ("#ddd", 1.0)
        };
        let _ = writeln!(
            s,
            r##"<line x1="{tx:.1}" y1="{TOP}" x2="{tx:.1}" y2="{:.1}" stroke="{stroke}" stroke-width="{w}"/>"##,
            TOP + plot_h
        );
        let _ = writeln!(
            s,
            r##"<text x="{tx:.1}" y="{:.1}" text-anchor="middle" fill="#555">{}</text>"##,
            TOP + plot_h + 16.0,
            tick_label(t)
        );
    }
    let one = x(1.0);
    for (ci, cat) in categories.iter().enumerate() {
        let gy = TOP + ci as f64 * group_h;
        let _ = writeln!(
            s,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            LEFT - 8.0,
            gy + (n * BAR) / 2.0 + 4.0,
            escape(cat)
        );
        for (si, ser) in series.iter().enumerate() {
            let y = gy + si as f64 * BAR;
            let color = COLORS[si % COLORS.len()];
            match usable(ser.values.get(ci).copied().flatten()) {
                Some(v) => {
                    let vx = x(v);
                    let (bx, bw) = if vx >= one {
                        (one, vx - one)
                    } else {
                        (vx, one - vx)
                    };
                    let _ = writeln!(
                        s,
                        r##"<rect x="{bx:.1}" y="{y:.1}" width="{:.1}" height="{:.1}" fill="{color}"><title>{}: {v:.2}</title></rect>"##,
                        bw.max(0.5),
                        BAR - 1.0,
                        escape(&format!("{} / {}", cat, ser.label))
                    );
                    let (tx, anchor) = if vx >= one {
                        (vx + 3.0, "start")
                    } else {
                        (vx - 3.0, "end")
                    };
                    let _ = writeln!(
                        s,
                        r##"<text x="{tx:.1}" y="{:.1}" font-size="9" text-anchor="{anchor}" fill="#333">{v:.2}</text>"##,
                        y + BAR - 2.5
                    );
                }
                None => {
                    let _ = writeln!(
                        s,
                        r##"<text x="{:.1}" y="{:.1}" font-size="9" fill="#999">n/a</text>"##,
                        one + 3.0,
                        y + BAR - 2.5
                    );
                }
            }
        }
    }
    s.push_str("</svg>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(escape(r##"a<b & "c""##), "a&lt;b &amp; &quot;c&quot;");
    }

    #[test]
    fn ticks_follow_1_2_5() {
        assert_eq!(ticks(0.1, 2.0), vec![0.1, 0.2, 0.5, 1.0, 2.0]);
        assert_eq!(tick_label(0.05), "0.05×");
        assert_eq!(tick_label(20.0), "20×");
    }

    #[test]
    fn draws_a_bar_per_value_and_marks_missing_ones() {
        let svg = ratio_chart(
            "t",
            "s",
            &["fib".into(), "a<b".into()],
            &[
                Series {
                    label: "node".into(),
                    values: vec![Some(0.1), None],
                },
                Series {
                    label: "boa".into(),
                    values: vec![Some(3.0), Some(f64::NAN)],
                },
            ],
        );
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>\n"));
        assert_eq!(svg.matches("<title>").count(), 2);
        assert_eq!(svg.matches(">n/a<").count(), 2);
        assert!(svg.contains("a&lt;b"));
    }
}
