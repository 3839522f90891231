//! One timed run of an engine on a program, as a child process: wall-clock
//! time from spawn to reaping, CPU time (user + system) and peak resident
//! memory from `wait4`'s rusage, the exit status, and whether stdout
//! contains the expected checksum line. A watchdog kills the child after the
//! timeout.
//!
//! Invariant: the child is reaped exactly once, by `wait4` (std's
//! `Child::wait` is never called, so the rusage is the child's own), and only
//! after the watchdog thread has ended, so the watchdog never signals a pid
//! that could have been reused.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::programs::output_matches;

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// Exit status 0 and the checksum line present.
    Ok,
    /// Exit status 0 but the checksum line missing or different.
    Fail,
    /// A non-zero exit status, a signal, or the engine could not start.
    Err,
    /// Killed by the watchdog.
    Timeout,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Ok => "OK",
            Status::Fail => "FAIL",
            Status::Err => "ERR",
            Status::Timeout => "TIMEOUT",
        }
    }
}

/// The measurements of one run.
#[derive(Clone, Debug)]
pub struct RunResult {
    pub status: Status,
    /// Wall-clock seconds from spawning the child to reaping it.
    pub wall: f64,
    /// User + system CPU seconds of the child.
    pub cpu: f64,
    /// Peak resident set size of the child, in KiB (Linux `ru_maxrss`).
    pub max_rss_kb: u64,
    /// Why it was not OK: the exit status, the last stdout line, the first
    /// stderr line (empty for OK runs).
    pub detail: String,
}

/// Where a run's stdout and stderr are kept while it is checked.
pub struct Scratch {
    dir: PathBuf,
}

impl Scratch {
    pub fn new() -> io::Result<Scratch> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("jsvm-bench-{}-{n}", std::process::id()));
        fs::create_dir_all(&dir)?;
        Ok(Scratch { dir })
    }
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Runs `command` with `file` appended, stdin from /dev/null, and checks its
/// stdout for `expected`.
pub fn run_once(
    command: &[String],
    file: &Path,
    expected: Option<&str>,
    timeout: Duration,
    scratch: &Scratch,
) -> RunResult {
    match spawn_and_reap(command, file, timeout, scratch) {
        Ok((outcome, wall, usage)) => {
            let stdout = fs::read_to_string(scratch.path("stdout")).unwrap_or_default();
            let stderr = fs::read_to_string(scratch.path("stderr")).unwrap_or_default();
            let status = match outcome {
                Outcome::TimedOut => Status::Timeout,
                Outcome::Exited(0) if output_matches(&stdout, expected) => Status::Ok,
                Outcome::Exited(0) => Status::Fail,
                Outcome::Exited(_) | Outcome::Signalled(_) => Status::Err,
            };
            let detail = if status == Status::Ok {
                String::new()
            } else {
                describe_failure(&outcome, &stdout, &stderr)
            };
            RunResult {
                status,
                wall,
                cpu: usage.cpu,
                max_rss_kb: usage.max_rss_kb,
                detail,
            }
        }
        Err(e) => RunResult {
            status: Status::Err,
            wall: 0.0,
            cpu: 0.0,
            max_rss_kb: 0,
            detail: format!("could not run {}: {e}", command.join(" ")),
        },
    }
}

enum Outcome {
    Exited(i32),
    Signalled(i32),
    TimedOut,
}

struct Usage {
    cpu: f64,
    max_rss_kb: u64,
}

fn spawn_and_reap(
    command: &[String],
    file: &Path,
    timeout: Duration,
    scratch: &Scratch,
) -> io::Result<(Outcome, f64, Usage)> {
    let Some((program, args)) = command.split_first() else {
        return Err(io::Error::other("empty engine command"));
    };
    let stdout = File::create(scratch.path("stdout"))?;
    let stderr = File::create(scratch.path("stderr"))?;
    let start = Instant::now();
    let child = Command::new(program)
        .args(args)
        .arg(file)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()?;
    let pid = child.id() as libc::pid_t;
    // The watchdog kills the child unless told (or disconnected) first.
    let (done, watch) = mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        let fired = matches!(
            watch.recv_timeout(timeout),
            Err(mpsc::RecvTimeoutError::Timeout)
        );
        if fired {
            // SAFETY: kill has no memory-safety preconditions. The pid is
            // still ours: the child is reaped only after this thread ends.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
            }
        }
        fired
    });
    // Wait for the child to end without reaping it (WNOWAIT), so that its
    // pid cannot be reused while the watchdog may still signal it.
    let waited = retry_eintr(|| {
        // SAFETY: an all-zero siginfo_t is a valid value of this C struct,
        // and the pointer is valid for writes for the call.
        let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
        unsafe {
            libc::waitid(
                libc::P_PID,
                pid as libc::id_t,
                &mut info,
                libc::WEXITED | libc::WNOWAIT,
            )
        }
    });
    let wall = start.elapsed().as_secs_f64();
    let _ = done.send(());
    let timed_out = watchdog.join().unwrap_or(false);
    // Now reap it, with its resource usage.
    let mut status: libc::c_int = 0;
    // SAFETY: an all-zero rusage is a valid value of this plain C struct.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = retry_eintr(|| {
        // SAFETY: `status` and `usage` are valid for writes for the call.
        let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
        if r == pid {
            0
        } else {
            -1
        }
    });
    drop(child);
    waited?;
    reaped?;
    let outcome = if timed_out {
        Outcome::TimedOut
    } else if libc::WIFEXITED(status) {
        Outcome::Exited(libc::WEXITSTATUS(status))
    } else if libc::WIFSIGNALED(status) {
        Outcome::Signalled(libc::WTERMSIG(status))
    } else {
        Outcome::Exited(-1)
    };
    let seconds = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    let usage = Usage {
        cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
        max_rss_kb: usage.ru_maxrss.max(0) as u64,
    };
    Ok((outcome, wall, usage))
}

/// Calls `f` until it returns 0 (Ok) or fails with something else than
/// EINTR.
fn retry_eintr(mut f: impl FnMut() -> libc::c_int) -> io::Result<()> {
    loop {
        if f() == 0 {
            return Ok(());
        }
        let err = io::Error::last_os_error();
        if err.kind() != io::ErrorKind::Interrupted {
            return Err(err);
        }
    }
}

fn describe_failure(outcome: &Outcome, stdout: &str, stderr: &str) -> String {
    let how = match outcome {
        Outcome::Exited(code) => format!("exit {code}"),
        Outcome::Signalled(sig) => format!("signal {sig}"),
        Outcome::TimedOut => "timed out".to_string(),
    };
    let last = stdout.lines().rev().find(|l| !l.trim().is_empty());
    let first_err = stderr.lines().find(|l| !l.trim().is_empty());
    format!(
        "{how}; stdout ends: {}; stderr: {}",
        clip(last.unwrap_or("<nothing>"), 160),
        clip(first_err.unwrap_or("<nothing>"), 200)
    )
}

/// At most `max` characters of `s`.
pub fn clip(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        Some((i, _)) => format!("{}...", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str) -> Vec<String> {
        vec!["sh".into(), "-c".into(), script.into(), "sh".into()]
    }

    #[test]
    fn a_run_is_checked_and_measured() {
        let scratch = Scratch::new().unwrap_or_else(|e| panic!("scratch: {e}"));
        let file = Path::new("ignored.js");
        let t = Duration::from_secs(20);
        let ok = run_once(
            &sh("echo x; echo 'sum: 3'"),
            file,
            Some("sum: 3"),
            t,
            &scratch,
        );
        assert_eq!(ok.status, Status::Ok);
        assert!(ok.max_rss_kb > 0);
        assert!(ok.wall > 0.0);
        let fail = run_once(&sh("echo 'sum: 4'"), file, Some("sum: 3"), t, &scratch);
        assert_eq!(fail.status, Status::Fail);
        assert!(fail.detail.contains("sum: 4"), "{}", fail.detail);
        let err = run_once(
            &sh("echo boom >&2; exit 3"),
            file,
            Some("sum: 3"),
            t,
            &scratch,
        );
        assert_eq!(err.status, Status::Err);
        assert!(err.detail.contains("exit 3") && err.detail.contains("boom"));
    }

    #[test]
    fn the_watchdog_kills_a_slow_run() {
        let scratch = Scratch::new().unwrap_or_else(|e| panic!("scratch: {e}"));
        let r = run_once(
            &sh("sleep 5"),
            Path::new("x.js"),
            None,
            Duration::from_millis(200),
            &scratch,
        );
        assert_eq!(r.status, Status::Timeout);
        assert!(r.wall < 4.0);
    }

    #[test]
    fn a_missing_engine_is_an_error() {
        let scratch = Scratch::new().unwrap_or_else(|e| panic!("scratch: {e}"));
        let cmd = vec!["/nonexistent/engine".to_string()];
        let r = run_once(
            &cmd,
            Path::new("x.js"),
            None,
            Duration::from_secs(1),
            &scratch,
        );
        assert_eq!(r.status, Status::Err);
    }

    #[test]
    fn clip_keeps_short_text() {
        assert_eq!(clip("abc", 5), "abc");
        assert_eq!(clip("abcdef", 3), "abc...");
    }
}
