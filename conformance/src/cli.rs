//! Cross-check mode (`--cli PATH`): the same tests run through the `jsvm`
//! binary, one process per run, so the in-process verdicts can be compared
//! with an independent path through the CLI.
//!
//! Each run's script is composed exactly as in-process (strict directive,
//! harness, test), with a one-line JS prelude after the directive that
//! defines `print` and a `$262` (global, evalScript through indirect eval,
//! and throwing stubs for what plain JS cannot do). The file is run as
//! `jsvm --unhandled-rejections=warn FILE` (the arguments can be changed
//! with `--cli-args`) and judged by exit code, stdout
//! and stderr, assuming the CLI prints `Uncaught <Name>: message` (exit 1)
//! for uncaught errors and `file:line:col: SyntaxError: message` (exit 1)
//! for syntax errors. Invariant: a test the prelude cannot host faithfully
//! (`createRealm`, `evalScript`, `gc`) is UNSUPPORTED here, never a
//! disagreement.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::cputime::CpuClock;
use crate::exec::{judge_async, unsupported_reason, Prepared};
use crate::frontmatter::{Metadata, Phase};
use crate::harness::{modes, Composed, Harness, Mode};
use crate::verdict::{RunResult, Verdict};

/// Where the CLI is and where its temporary test files go.
#[derive(Clone, Debug)]
pub struct CliConfig {
    pub binary: PathBuf,
    /// Arguments before the file (default `--unhandled-rejections=warn`).
    pub args: Vec<String>,
    pub temp_dir: PathBuf,
}

/// Host definitions for the CLI run, as one line of JS.
pub const PRELUDE: &str = concat!(
    "(function(){var g=globalThis;",
    "function d(o,n,v){Object.defineProperty(o,n,{value:v,writable:true,enumerable:false,configurable:true});}",
    "function no(n){return function(){throw new TypeError('not supported in CLI mode: $262.'+n);};}",
    "d(g,'print',function print(x){console.log(String(x));});",
    "var h={};d(h,'global',g);",
    "d(h,'evalScript',function evalScript(s){return(0,eval)(String(s));});",
    "d(h,'createRealm',no('createRealm'));d(h,'gc',no('gc'));",
    "d(h,'detachArrayBuffer',function detachArrayBuffer(){",
    "throw new TypeError('not yet supported: $262.detachArrayBuffer (no ArrayBuffer in the engine)');});",
    "d(g,'$262',h);})();"
);

/// Why the CLI prelude cannot host this test, if it cannot.
pub fn cli_unsupported(test: &Prepared) -> Option<String> {
    // The CLI runs a copy of the test elsewhere: its fixtures would not
    // resolve.
    let imports = ["dynamic-import", "import-defer", "source-phase-imports"];
    if test.meta.flags.module
        || test
            .meta
            .features
            .iter()
            .any(|f| imports.contains(&f.as_str()))
    {
        return Some("modules and import() in CLI mode".to_string());
    }
    for api in ["createRealm", "evalScript", "gc"] {
        if test.source.contains(&format!("$262.{api}")) {
            return Some(format!("$262.{api} in CLI mode"));
        }
    }
    None
}

/// Runs every mode of `test` through the CLI.
pub fn run_test(
    cfg: &CliConfig,
    harness: &Harness,
    test: &Prepared,
    timeout: Duration,
    begin_run: &mut dyn FnMut(),
) -> Vec<RunResult> {
    // `prepare` already judged unsupported tests; this guards direct callers.
    if let Some(r) = unsupported_reason(&test.meta, &test.source, &Default::default()) {
        return vec![RunResult::new(None, Verdict::Unsupported, r)];
    }
    if let Some(r) = cli_unsupported(test) {
        return vec![RunResult::new(None, Verdict::Unsupported, r)];
    }
    let mut runs = Vec::new();
    for mode in modes(&test.meta) {
        begin_run();
        let r = run_mode(cfg, harness, test, mode, timeout);
        let stop = r.verdict == Verdict::Timeout;
        runs.push(r);
        if stop {
            break;
        }
    }
    runs
}

fn run_mode(
    cfg: &CliConfig,
    harness: &Harness,
    test: &Prepared,
    mode: Mode,
    timeout: Duration,
) -> RunResult {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let prelude = if mode == Mode::Raw { "" } else { PRELUDE };
    let composed = match harness.compose(&test.meta, mode, &test.source, prelude) {
        Ok(c) => c,
        Err(e) => return RunResult::new(Some(mode), Verdict::Fail, format!("harness: {e}")),
    };
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let base = cfg.temp_dir.join(format!("t{n}"));
    let file = base.with_extension("js");
    let out = base.with_extension("out");
    let err = base.with_extension("err");
    let result = (|| -> Result<RunResult, String> {
        std::fs::write(&file, &composed.source)
            .map_err(|e| format!("write {}: {e}", file.display()))?;
        let status = spawn_with_timeout(cfg, &file, &out, &err, timeout)?;
        let stdout = std::fs::read_to_string(&out).unwrap_or_default();
        let stderr = std::fs::read_to_string(&err).unwrap_or_default();
        let name = file
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(match status {
            None => RunResult::new(Some(mode), Verdict::Timeout, "time limit exceeded"),
            Some(code) => judge_cli(&test.meta, &composed, mode, code, &stdout, &stderr, &name),
        })
    })();
    for f in [&file, &out, &err] {
        let _ = std::fs::remove_file(f);
    }
    result.unwrap_or_else(|e| RunResult::new(Some(mode), Verdict::Fail, format!("cli: {e}")))
}

/// Runs `binary ARGS file`; `Ok(None)` on timeout (the child is killed),
/// else the exit code (-1 when killed by a signal). The limit is the child's
/// CPU time where `/proc` can tell it, with a wall-clock backstop of ten
/// times the limit (as for in-process runs).
fn spawn_with_timeout(
    cfg: &CliConfig,
    file: &Path,
    out: &Path,
    err: &Path,
    timeout: Duration,
) -> Result<Option<i32>, String> {
    let stdout = std::fs::File::create(out).map_err(|e| e.to_string())?;
    let stderr = std::fs::File::create(err).map_err(|e| e.to_string())?;
    let mut child = Command::new(&cfg.binary)
        .args(&cfg.args)
        .arg(file)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", cfg.binary.display()))?;
    let start = Instant::now();
    let clock = CpuClock::process(child.id());
    let mut pause = Duration::from_millis(1);
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            return Ok(Some(status.code().unwrap_or(-1)));
        }
        let over = match clock.as_ref().and_then(CpuClock::read) {
            Some(cpu) => cpu > timeout || start.elapsed() > timeout * 10,
            None => start.elapsed() > timeout,
        };
        if over {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(None);
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    }
}

/// The `line` of a `FILE:line:col: SyntaxError: ...` report about `file_name`.
fn syntax_error_line(stderr: &str, file_name: &str) -> Option<u32> {
    stderr.lines().find_map(|l| {
        let (loc, _) = l.split_once(": SyntaxError:")?;
        if !loc.contains(file_name) {
            return None;
        }
        let mut parts = loc.rsplitn(3, ':');
        let _col: u32 = parts.next()?.trim().parse().ok()?;
        parts.next()?.trim().parse().ok()
    })
}

/// True when stderr reports `Uncaught <name>` (followed by a non-identifier
/// character or the end of the line).
fn reports_uncaught(stderr: &str, name: &str) -> bool {
    let needle = format!("Uncaught {name}");
    stderr.lines().any(|l| {
        l.match_indices(&needle).any(|(i, _)| {
            !matches!(
                l[i + needle.len()..].chars().next(),
                Some(c) if c.is_alphanumeric() || c == '_' || c == '$'
            )
        })
    })
}

fn first_line(s: &str) -> String {
    s.lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
        .to_string()
}

/// Judges one CLI run from its exit code and output.
pub fn judge_cli(
    meta: &Metadata,
    composed: &Composed,
    mode: Mode,
    code: i32,
    stdout: &str,
    stderr: &str,
    file_name: &str,
) -> RunResult {
    let fail = |m: String| RunResult::new(Some(mode), Verdict::Fail, m);
    if code != 0 && code != 1 {
        return RunResult::new(
            Some(mode),
            Verdict::Crash,
            format!("exit code {code}: {}", first_line(stderr)),
        );
    }
    match &meta.negative {
        Some(neg) if neg.phase == Phase::Parse => match syntax_error_line(stderr, file_name) {
            Some(line) if code == 1 => {
                if neg.error_type != "SyntaxError" {
                    fail(format!(
                        "expected a parse-phase {}, got SyntaxError",
                        neg.error_type
                    ))
                } else if !stdout.is_empty() {
                    fail("SyntaxError reported after code ran (output on stdout)".to_string())
                } else if line <= composed.prefix_lines {
                    fail(format!(
                        "SyntaxError in the harness (line {line}): {}",
                        first_line(stderr)
                    ))
                } else {
                    RunResult::pass(mode)
                }
            }
            _ if code == 0 => fail(format!(
                "expected a parse-phase {}, but the script completed normally",
                neg.error_type
            )),
            _ => fail(format!(
                "expected a parse-phase {}, got: {}",
                neg.error_type,
                first_line(stderr)
            )),
        },
        Some(neg) => {
            if code == 1 && reports_uncaught(stderr, &neg.error_type) {
                RunResult::pass(mode)
            } else if code == 0 {
                fail(format!(
                    "expected a {}-phase {}, but the script completed normally",
                    neg.phase.name(),
                    neg.error_type
                ))
            } else {
                fail(format!(
                    "expected {}, got: {}",
                    neg.error_type,
                    first_line(stderr)
                ))
            }
        }
        None if code == 1 => fail(first_line(stderr)),
        None if meta.flags.is_async => {
            let printed: Vec<String> = stdout.lines().map(str::to_string).collect();
            judge_async(&printed, mode)
        }
        None => RunResult::pass(mode),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::frontmatter::parse;

    fn c(prefix_lines: u32) -> Composed {
        Composed {
            source: String::new(),
            prefix_lines,
        }
    }

    #[test]
    fn parse_negative() {
        let m = parse("/*---\nnegative:\n  phase: parse\n  type: SyntaxError\n---*/").unwrap();
        let err = "/tmp/x/t3.js:40:5: SyntaxError: unexpected token\n  var a\\u2E2F;\n      ^\n";
        assert_eq!(
            judge_cli(&m, &c(10), Mode::Sloppy, 1, "", err, "t3.js").verdict,
            Verdict::Pass
        );
        let r = judge_cli(&m, &c(50), Mode::Sloppy, 1, "", err, "t3.js");
        assert_eq!(r.verdict, Verdict::Fail, "error inside the harness");
        assert_eq!(
            judge_cli(&m, &c(10), Mode::Sloppy, 0, "", "", "t3.js").verdict,
            Verdict::Fail
        );
        let thrown = "Uncaught SyntaxError: x\n";
        assert_eq!(
            judge_cli(&m, &c(10), Mode::Sloppy, 1, "", thrown, "t3.js").verdict,
            Verdict::Fail
        );
    }

    #[test]
    fn runtime_negative_and_plain() {
        let m = parse("/*---\nnegative:\n  phase: runtime\n  type: Test262Error\n---*/").unwrap();
        let pass = "Uncaught Test262Error: boom\n    at f (t.js:3:1)\n";
        assert_eq!(
            judge_cli(&m, &c(0), Mode::Strict, 1, "", pass, "t.js").verdict,
            Verdict::Pass
        );
        let wrong = "Uncaught Test262ErrorX: boom\n";
        assert_eq!(
            judge_cli(&m, &c(0), Mode::Strict, 1, "", wrong, "t.js").verdict,
            Verdict::Fail
        );
        let plain = parse("/*---\n---*/").unwrap();
        assert_eq!(
            judge_cli(&plain, &c(0), Mode::Sloppy, 0, "", "", "t.js").verdict,
            Verdict::Pass
        );
        let r = judge_cli(
            &plain,
            &c(0),
            Mode::Sloppy,
            1,
            "",
            "\nUncaught TypeError: no\n",
            "t.js",
        );
        assert_eq!(
            (r.verdict, r.message.as_str()),
            (Verdict::Fail, "Uncaught TypeError: no")
        );
        assert_eq!(
            judge_cli(&plain, &c(0), Mode::Sloppy, 101, "", "", "t.js").verdict,
            Verdict::Crash
        );
    }

    #[test]
    fn async_via_stdout() {
        let m = parse("/*---\nflags: [async]\n---*/").unwrap();
        let ok = "Test262:AsyncTestComplete\n";
        assert_eq!(
            judge_cli(&m, &c(0), Mode::Sloppy, 0, ok, "", "t.js").verdict,
            Verdict::Pass
        );
        assert_eq!(
            judge_cli(&m, &c(0), Mode::Sloppy, 0, "", "", "t.js").verdict,
            Verdict::Fail
        );
    }
}
