//! The baseline of expected non-passing tests (`conformance/baseline.txt`):
//! one `path<TAB>VERDICT` line per test that does not pass, sorted by path.
//! Tests not listed are expected to pass.
//!
//! Invariant of `check`: a regression is a test that is not in the baseline
//! and does not pass now (a new TIMEOUT included); a CRASH is always reported,
//! baselined or not; a baselined test that passes now (a baselined TIMEOUT
//! included) is never an error, only a hint to update the file.

use std::collections::BTreeMap;

use crate::verdict::Verdict;

pub type Baseline = BTreeMap<String, Verdict>;

/// Parses a baseline file (blank lines and `#` comments are allowed).
pub fn parse(text: &str) -> Result<Baseline, String> {
    let mut map = Baseline::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (path, verdict) = line
            .split_once('\t')
            .ok_or_else(|| format!("baseline line {}: expected `path<TAB>VERDICT`", n + 1))?;
        let verdict: Verdict = verdict
            .trim()
            .parse()
            .map_err(|e| format!("baseline line {}: {e}", n + 1))?;
        if verdict == Verdict::Pass {
            return Err(format!(
                "baseline line {}: PASS entries do not belong here",
                n + 1
            ));
        }
        if map.insert(path.to_string(), verdict).is_some() {
            return Err(format!("baseline line {}: {path} listed twice", n + 1));
        }
    }
    Ok(map)
}

/// The file text for `baseline` (sorted, one line per entry).
pub fn render(baseline: &Baseline) -> String {
    let mut out = String::new();
    for (path, verdict) in baseline {
        out.push_str(path);
        out.push('\t');
        out.push_str(verdict.name());
        out.push('\n');
    }
    out
}

/// How the current results differ from the baseline.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Diff {
    /// Not in the baseline and not passing now: (path, verdict now).
    pub regressions: Vec<(String, Verdict)>,
    /// Every crash, baselined or not.
    pub crashes: Vec<String>,
    /// In the baseline and passing now: (path, baselined verdict).
    pub newly_passing: Vec<(String, Verdict)>,
    /// In the baseline with another non-passing verdict: (path, old, new).
    pub changed: Vec<(String, Verdict, Verdict)>,
}

impl Diff {
    /// True when `--check` must fail.
    pub fn is_failure(&self) -> bool {
        !self.regressions.is_empty() || !self.crashes.is_empty()
    }
}

/// Compares the verdicts of the tests that ran with the baseline (entries for
/// tests that did not run are ignored).
pub fn diff<'a>(
    baseline: &Baseline,
    results: impl IntoIterator<Item = (&'a str, Verdict)>,
) -> Diff {
    let mut d = Diff::default();
    for (path, now) in results {
        if now == Verdict::Crash {
            d.crashes.push(path.to_string());
        }
        match (baseline.get(path), now) {
            (None, Verdict::Pass) => {}
            (None, now) => d.regressions.push((path.to_string(), now)),
            (Some(&old), Verdict::Pass) => d.newly_passing.push((path.to_string(), old)),
            (Some(&old), now) if old != now => d.changed.push((path.to_string(), old, now)),
            (Some(_), _) => {}
        }
    }
    d
}

/// The baseline after this run: entries for tests that ran are replaced by
/// their current verdicts; other entries are kept unless `is_stale` says the
/// test no longer exists within what was selected.
pub fn update<'a>(
    old: &Baseline,
    results: impl IntoIterator<Item = (&'a str, Verdict)>,
    is_stale: impl Fn(&str) -> bool,
) -> Baseline {
    let mut ran = std::collections::HashSet::new();
    let mut new = Baseline::new();
    for (path, verdict) in results {
        ran.insert(path.to_string());
        if verdict != Verdict::Pass {
            new.insert(path.to_string(), verdict);
        }
    }
    for (path, &verdict) in old {
        if !ran.contains(path) && !is_stale(path) {
            new.insert(path.clone(), verdict);
        }
    }
    new
}

#[cfg(test)]
mod tests {
    use super::*;
    use Verdict::*;

    fn base() -> Baseline {
        parse("# comment\na.js\tFAIL\nb.js\tTIMEOUT\n\nc.js\tCRASH\nd.js\tUNSUPPORTED\n").unwrap()
    }

    #[test]
    fn parse_and_render() {
        let b = base();
        assert_eq!(b.len(), 4);
        assert_eq!(b["b.js"], Timeout);
        assert_eq!(
            render(&b),
            "a.js\tFAIL\nb.js\tTIMEOUT\nc.js\tCRASH\nd.js\tUNSUPPORTED\n"
        );
        assert_eq!(parse(&render(&b)).unwrap(), b);
        assert!(parse("a.js FAIL").is_err());
        assert!(parse("a.js\tPASS").is_err());
        assert!(parse("a.js\tFAIL\na.js\tFAIL").is_err());
        assert!(parse("a.js\tBROKEN").is_err());
    }

    #[test]
    fn diffing() {
        let b = base();
        let results = [
            ("a.js", Fail),        // as expected
            ("b.js", Pass),        // baselined timeout now passes: fine
            ("c.js", Crash),       // baselined crash: still reported
            ("d.js", Fail),        // changed, not a regression
            ("e.js", Pass),        // as expected
            ("f.js", Timeout),     // regression
            ("g.js", Crash),       // regression and crash
            ("h.js", Unsupported), // regression
        ];
        let d = diff(&b, results);
        assert_eq!(
            d.regressions,
            [
                ("f.js".to_string(), Timeout),
                ("g.js".to_string(), Crash),
                ("h.js".to_string(), Unsupported)
            ]
        );
        assert_eq!(d.crashes, ["c.js", "g.js"]);
        assert_eq!(d.newly_passing, [("b.js".to_string(), Timeout)]);
        assert_eq!(d.changed, [("d.js".to_string(), Unsupported, Fail)]);
        assert!(d.is_failure());
        let ok = diff(&b, [("a.js", Fail), ("b.js", Pass)]);
        assert!(!ok.is_failure());
        let crash_only = diff(&b, [("c.js", Crash)]);
        assert!(crash_only.is_failure());
    }

    #[test]
    fn updating() {
        let b = base();
        // Ran a.js (now passes) and x.js (fails); d.js is stale; b.js, c.js kept.
        let u = update(&b, [("a.js", Pass), ("x.js", Fail)], |p| p == "d.js");
        assert_eq!(render(&u), "b.js\tTIMEOUT\nc.js\tCRASH\nx.js\tFAIL\n");
    }
}
