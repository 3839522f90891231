//! Verdicts: the outcome of one run (one mode) and of one test (all its
//! modes). Invariant: a test passes only if every mode it ran in passed; its
//! verdict is the worst of its runs (CRASH > TIMEOUT > FAIL > UNSUPPORTED >
//! PASS).

use std::fmt;
use std::str::FromStr;

use crate::harness::Mode;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Verdict {
    Pass,
    /// Not run: a module test, an excluded feature, an unavailable host
    /// facility. Counted apart from failures.
    Unsupported,
    Fail,
    Timeout,
    /// The engine panicked. Never acceptable.
    Crash,
}

impl Verdict {
    pub const ALL: [Verdict; 5] = [
        Verdict::Pass,
        Verdict::Fail,
        Verdict::Timeout,
        Verdict::Crash,
        Verdict::Unsupported,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Verdict::Pass => "PASS",
            Verdict::Unsupported => "UNSUPPORTED",
            Verdict::Fail => "FAIL",
            Verdict::Timeout => "TIMEOUT",
            Verdict::Crash => "CRASH",
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Verdict {
    type Err = String;
    fn from_str(s: &str) -> Result<Verdict, String> {
        Verdict::ALL
            .into_iter()
            .find(|v| v.name() == s)
            .ok_or_else(|| format!("unknown verdict `{s}`"))
    }
}

/// The result of running a test in one mode.
#[derive(Clone, Debug)]
pub struct RunResult {
    /// `None` when the test was judged before choosing a mode (unsupported,
    /// unreadable, bad frontmatter).
    pub mode: Option<Mode>,
    pub verdict: Verdict,
    /// Why it did not pass (empty for a pass).
    pub message: String,
}

impl RunResult {
    pub fn new(mode: Option<Mode>, verdict: Verdict, message: impl Into<String>) -> RunResult {
        RunResult {
            mode,
            verdict,
            message: message.into(),
        }
    }
    pub fn pass(mode: Mode) -> RunResult {
        RunResult::new(Some(mode), Verdict::Pass, "")
    }
}

/// All runs of one test file.
#[derive(Clone, Debug)]
pub struct TestResult {
    /// Relative to `test/`, with `/` separators.
    pub path: String,
    pub runs: Vec<RunResult>,
}

impl TestResult {
    /// The test's verdict: the worst of its runs.
    pub fn verdict(&self) -> Verdict {
        self.runs
            .iter()
            .map(|r| r.verdict)
            .max()
            .unwrap_or(Verdict::Fail)
    }
    /// The run that decided the verdict (for messages).
    pub fn deciding_run(&self) -> Option<&RunResult> {
        let v = self.verdict();
        self.runs.iter().find(|r| r.verdict == v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worst_run_wins() {
        let t = TestResult {
            path: "a.js".into(),
            runs: vec![
                RunResult::pass(Mode::Sloppy),
                RunResult::new(Some(Mode::Strict), Verdict::Fail, "boom"),
            ],
        };
        assert_eq!(t.verdict(), Verdict::Fail);
        assert_eq!(t.deciding_run().map(|r| r.mode), Some(Some(Mode::Strict)));
        let t = TestResult {
            path: "a.js".into(),
            runs: vec![
                RunResult::new(Some(Mode::Sloppy), Verdict::Crash, "p"),
                RunResult::new(Some(Mode::Strict), Verdict::Timeout, ""),
            ],
        };
        assert_eq!(t.verdict(), Verdict::Crash);
    }

    #[test]
    fn names_round_trip() {
        for v in Verdict::ALL {
            assert_eq!(v.name().parse::<Verdict>(), Ok(v));
        }
        assert!("pass".parse::<Verdict>().is_err());
    }
}
