//! What the runner writes: the per-directory summary table, the JSON file of
//! every run's verdict, the generated `docs/conformance.md`, and the
//! cross-check comparison. Invariant: everything here is a pure function of
//! the outcomes (plus the date and test262 commit passed in), so reports are
//! reproducible and unit-testable.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use crate::pool::Outcome;
use crate::select::group_of;
use crate::verdict::{RunResult, Verdict};

/// Test counts indexed by `Verdict as usize`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts(pub [usize; 5]);

impl Counts {
    pub fn add(&mut self, v: Verdict) {
        self.0[v as usize] += 1;
    }
    pub fn get(&self, v: Verdict) -> usize {
        self.0[v as usize]
    }
    pub fn total(&self) -> usize {
        self.0.iter().sum()
    }
    /// Tests that ran (everything but UNSUPPORTED).
    pub fn ran(&self) -> usize {
        self.total() - self.get(Verdict::Unsupported)
    }
    /// Pass percentage of the tests that ran.
    pub fn percent(&self) -> Option<f64> {
        let ran = self.ran();
        (ran > 0).then(|| 100.0 * self.get(Verdict::Pass) as f64 / ran as f64)
    }
}

fn percent_text(c: &Counts) -> String {
    c.percent()
        .map_or_else(|| "-".to_string(), |p| format!("{p:.1}%"))
}

/// Verdict counts per directory at `depth`, and the grand total.
pub fn group_counts<'a>(
    results: impl IntoIterator<Item = (&'a str, Verdict)>,
    depth: usize,
) -> (BTreeMap<String, Counts>, Counts) {
    let mut groups: BTreeMap<String, Counts> = BTreeMap::new();
    let mut total = Counts::default();
    for (path, v) in results {
        groups.entry(group_of(path, depth)).or_default().add(v);
        total.add(v);
    }
    (groups, total)
}

/// The terminal summary table (pass% is of the tests that ran).
pub fn summary_table(groups: &BTreeMap<String, Counts>, total: &Counts) -> String {
    let width = groups.keys().map(String::len).max().unwrap_or(0).max(9);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:width$}  {:>6} {:>6} {:>7} {:>6} {:>6} {:>7} {:>7}",
        "directory", "pass", "fail", "timeout", "crash", "unsup", "total", "pass%"
    );
    let mut row = |name: &str, c: &Counts| {
        let _ = writeln!(
            out,
            "{name:width$}  {:>6} {:>6} {:>7} {:>6} {:>6} {:>7} {:>7}",
            c.get(Verdict::Pass),
            c.get(Verdict::Fail),
            c.get(Verdict::Timeout),
            c.get(Verdict::Crash),
            c.get(Verdict::Unsupported),
            c.total(),
            percent_text(c)
        );
    };
    for (name, c) in groups {
        row(name, c);
    }
    row("TOTAL", total);
    out
}

/// Escapes `s` as a JSON string literal.
pub fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn json_mode(r: &RunResult) -> String {
    r.mode
        .map_or_else(|| "null".to_string(), |m| json_string(m.name()))
}

/// One JSON object per run: path, verdict, mode, message (and the CLI's
/// verdict for the same mode in cross-check mode).
pub fn json(outcomes: &[&Outcome]) -> String {
    let mut out = String::from("[\n");
    let mut first = true;
    for o in outcomes {
        for r in &o.test.runs {
            if !first {
                out.push_str(",\n");
            }
            first = false;
            let _ = write!(
                out,
                "{{\"path\":{},\"verdict\":{},\"mode\":{},\"message\":{},\"ms\":{}",
                json_string(&o.test.path),
                json_string(r.verdict.name()),
                json_mode(r),
                json_string(&r.message),
                o.duration.as_millis()
            );
            if let Some(cli) = &o.cli {
                if let Some(c) = cli.iter().find(|c| c.mode == r.mode).or(cli.first()) {
                    let _ = write!(
                        out,
                        ",\"cli_verdict\":{},\"cli_message\":{}",
                        json_string(c.verdict.name()),
                        json_string(&c.message)
                    );
                }
            }
            out.push('}');
        }
    }
    out.push_str("\n]\n");
    out
}

/// The test262 revision: the first line of `DIR/PINNED`, else
/// `git -C DIR rev-parse HEAD`.
pub fn test262_revision(dir: &Path) -> String {
    if let Ok(text) = std::fs::read_to_string(dir.join("PINNED")) {
        if let Some(line) = text.lines().find(|l| !l.trim().is_empty()) {
            return line.trim().to_string();
        }
    }
    std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["rev-parse", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown revision".to_string())
}

/// Today's date (UTC) as YYYY-MM-DD.
pub fn today_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    civil_date((secs / 86_400) as i64)
}

/// The proleptic Gregorian date of a day count since 1970-01-01.
fn civil_date(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The generated conformance page (`--write-docs`).
pub fn docs(outcomes: &[&Outcome], revision: &str, date: &str) -> String {
    let verdicts = || {
        outcomes
            .iter()
            .map(|o| (o.test.path.as_str(), o.test.verdict()))
    };
    let (areas, total) = group_counts(verdicts(), 2);
    let mut out = String::new();
    let _ = writeln!(out, "# test262 conformance\n");
    let _ = writeln!(
        out,
        "<!-- Generated by `jsvm-test262 --write-docs`; do not edit by hand. -->\n"
    );
    let _ = writeln!(out, "- Date: {date}");
    let _ = writeln!(out, "- test262: {revision}");
    let _ = writeln!(
        out,
        "- A test without flags runs twice (non-strict and strict) and passes only if both runs pass. \
         Percentages are of the tests that ran; tests that cannot run yet are counted apart, below.\n"
    );
    let _ = writeln!(out, "## Total\n");
    let _ = writeln!(
        out,
        "| Tests run | Pass | Fail | Timeout | Crash | Pass % | Not run (unsupported) |"
    );
    let _ = writeln!(out, "|---:|---:|---:|---:|---:|---:|---:|");
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} | {} |\n",
        total.ran(),
        total.get(Verdict::Pass),
        total.get(Verdict::Fail),
        total.get(Verdict::Timeout),
        total.get(Verdict::Crash),
        percent_text(&total),
        total.get(Verdict::Unsupported)
    );
    let _ = writeln!(out, "## By area\n");
    let _ = writeln!(out, "| Area | Pass | Tests run | Pass % |");
    let _ = writeln!(out, "|---|---:|---:|---:|");
    for (area, c) in &areas {
        if c.ran() > 0 {
            let _ = writeln!(
                out,
                "| `{area}` | {} | {} | {} |",
                c.get(Verdict::Pass),
                c.ran(),
                percent_text(c)
            );
        }
    }
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for o in outcomes {
        if o.test.verdict() == Verdict::Unsupported {
            let reason = o.test.deciding_run().map_or("", |r| r.message.as_str());
            *reasons.entry(reason).or_default() += 1;
        }
    }
    let _ = writeln!(out, "\n## Not run (unsupported)\n");
    if reasons.is_empty() {
        let _ = writeln!(out, "None.");
        return out;
    }
    let _ = writeln!(out, "| Reason | Tests |");
    let _ = writeln!(out, "|---|---:|");
    for (reason, n) in &reasons {
        let _ = writeln!(out, "| {reason} | {n} |");
    }
    let _ = writeln!(out, "\n| Area | Not run |");
    let _ = writeln!(out, "|---|---:|");
    for (area, c) in &areas {
        let n = c.get(Verdict::Unsupported);
        if n > 0 {
            let _ = writeln!(out, "| `{area}` | {n} |");
        }
    }
    out
}

/// Cross-check summary: per run, in-process vs CLI verdicts. Returns the
/// text and the number of disagreements.
pub fn cross_check(outcomes: &[&Outcome]) -> (String, usize) {
    let (mut agree, mut skipped) = (0usize, 0usize);
    let mut disagreements = Vec::new();
    for o in outcomes {
        let Some(cli) = &o.cli else { continue };
        if cli.iter().any(|c| c.verdict == Verdict::Unsupported)
            || o.test.verdict() == Verdict::Unsupported
        {
            skipped += 1;
            continue;
        }
        for r in &o.test.runs {
            match cli.iter().find(|c| c.mode == r.mode) {
                Some(c) if c.verdict == r.verdict => agree += 1,
                Some(c) => disagreements.push(format!(
                    "  {} [{}]: in-process {} ({}) / cli {} ({})",
                    o.test.path,
                    r.mode.map_or("-", |m| m.name()),
                    r.verdict,
                    r.message,
                    c.verdict,
                    c.message
                )),
                // A timeout in one path stops the later modes there only.
                None => skipped += 1,
            }
        }
    }
    let mut out = format!(
        "cross-check: {agree} runs agree, {} disagree, {skipped} not comparable (unsupported by either path)\n",
        disagreements.len()
    );
    for d in &disagreements {
        out.push_str(d);
        out.push('\n');
    }
    (out, disagreements.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::Mode;
    use crate::verdict::TestResult;
    use std::time::Duration;

    fn outcome(path: &str, runs: Vec<RunResult>, cli: Option<Vec<RunResult>>) -> Outcome {
        Outcome {
            test: TestResult {
                path: path.into(),
                runs,
            },
            cli,
            duration: Duration::from_millis(3),
        }
    }

    #[test]
    fn dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(19_723), "2024-01-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
    }

    #[test]
    fn json_escaping() {
        assert_eq!(json_string("a\"b\\c\n\u{1}é"), "\"a\\\"b\\\\c\\n\\u0001é\"");
        let o = outcome(
            "a/b.js",
            vec![
                RunResult::pass(Mode::Sloppy),
                RunResult::new(Some(Mode::Strict), Verdict::Fail, "x"),
            ],
            None,
        );
        let j = json(&[&o]);
        assert!(j.contains("{\"path\":\"a/b.js\",\"verdict\":\"PASS\",\"mode\":\"sloppy\",\"message\":\"\",\"ms\":3}"));
        assert!(j.contains("\"verdict\":\"FAIL\",\"mode\":\"strict\",\"message\":\"x\""));
    }

    #[test]
    fn tables_and_docs() {
        let a = outcome(
            "built-ins/Array/a.js",
            vec![RunResult::pass(Mode::Sloppy)],
            None,
        );
        let b = outcome(
            "built-ins/Array/from/b.js",
            vec![RunResult::new(Some(Mode::Sloppy), Verdict::Fail, "")],
            None,
        );
        let m = outcome(
            "language/module-code/m.js",
            vec![RunResult::new(None, Verdict::Unsupported, "module")],
            None,
        );
        let all = [&a, &b, &m];
        let (groups, total) = group_counts(
            all.iter().map(|o| (o.test.path.as_str(), o.test.verdict())),
            2,
        );
        assert_eq!(groups["built-ins/Array"].get(Verdict::Pass), 1);
        assert_eq!(groups["built-ins/Array"].percent(), Some(50.0));
        assert_eq!(total.ran(), 2);
        let table = summary_table(&groups, &total);
        assert!(table
            .lines()
            .any(|l| l.starts_with("built-ins/Array") && l.ends_with("50.0%")));
        let d = docs(&all, "tc39/test262 abc", "2026-01-02");
        assert!(d.contains("- test262: tc39/test262 abc"));
        assert!(d.contains("| `built-ins/Array` | 1 | 2 | 50.0% |"));
        assert!(d.contains("| module | 1 |"));
        assert!(d.contains("| `language/module-code` | 1 |"));
    }

    #[test]
    fn cross_check_counts() {
        let same = outcome(
            "a.js",
            vec![RunResult::pass(Mode::Sloppy)],
            Some(vec![RunResult::pass(Mode::Sloppy)]),
        );
        let diff = outcome(
            "b.js",
            vec![RunResult::pass(Mode::Strict)],
            Some(vec![RunResult::new(
                Some(Mode::Strict),
                Verdict::Fail,
                "no",
            )]),
        );
        let (text, n) = cross_check(&[&same, &diff]);
        assert_eq!(n, 1);
        assert!(text.contains("1 runs agree, 1 disagree"));
        assert!(text.contains("b.js [strict]: in-process PASS () / cli FAIL (no)"));
    }
}
