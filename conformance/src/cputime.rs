//! CPU time of a thread or a process, read from `/proc` (Linux), so that time
//! limits count the work a test does rather than the wall-clock time it
//! waited for a core on a busy machine (a 2-core CI box running other jobs
//! would otherwise turn slow-but-passing tests into TIMEOUTs).
//!
//! Invariant: a `CpuClock` only exists when its source could be read once;
//! callers fall back to wall-clock time when there is none (other systems).

use std::path::PathBuf;
use std::time::Duration;

/// Where a clock reads its time.
#[derive(Clone, Debug)]
enum Source {
    /// `schedstat`: nanoseconds on CPU (first field); per thread.
    Schedstat(PathBuf),
    /// `stat`: utime + stime in clock ticks (USER_HZ, 100 on Linux); for a
    /// process it sums all its threads.
    Stat(PathBuf),
}

/// A readable CPU-time counter.
#[derive(Clone, Debug)]
pub struct CpuClock(Source);

/// Linux reports `stat` times in USER_HZ ticks, fixed at 100 per second for
/// user space.
const TICK: Duration = Duration::from_millis(10);

impl CpuClock {
    /// The calling thread's clock (readable from any thread).
    pub fn current_thread() -> Option<CpuClock> {
        // "/proc/thread-self" links to "<pid>/task/<tid>".
        let link = std::fs::read_link("/proc/thread-self").ok()?;
        let tid = link.file_name()?.to_str()?.to_string();
        let dir = PathBuf::from("/proc/self/task").join(tid);
        CpuClock(Source::Schedstat(dir.join("schedstat")))
            .checked()
            .or_else(|| CpuClock(Source::Stat(dir.join("stat"))).checked())
    }

    /// A process's clock (all its threads).
    pub fn process(pid: u32) -> Option<CpuClock> {
        CpuClock(Source::Stat(PathBuf::from(format!("/proc/{pid}/stat")))).checked()
    }

    fn checked(self) -> Option<CpuClock> {
        self.read().map(|_| self)
    }

    /// CPU time used so far, or `None` if the source is gone.
    pub fn read(&self) -> Option<Duration> {
        match &self.0 {
            Source::Schedstat(p) => parse_schedstat(&std::fs::read_to_string(p).ok()?),
            Source::Stat(p) => parse_stat(&std::fs::read_to_string(p).ok()?),
        }
    }
}

fn parse_schedstat(text: &str) -> Option<Duration> {
    let ns: u64 = text.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(ns))
}

/// utime + stime from a `stat` line; the command name (field 2) may contain
/// spaces and parentheses, so fields are counted after the last `)`.
fn parse_stat(text: &str) -> Option<Duration> {
    let rest = &text[text.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // After ")": field 3 (state) is index 0, so utime (14) and stime (15)
    // are indices 11 and 12.
    let utime: u32 = fields.get(11)?.parse().ok()?;
    let stime: u32 = fields.get(12)?.parse().ok()?;
    Some(TICK * (utime + stime))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsing() {
        assert_eq!(
            parse_schedstat("1500000 20 3\n"),
            Some(Duration::from_micros(1500))
        );
        let stat = "42 (a (weird) name) R 1 2 3 4 5 6 7 8 9 10 250 30 0 0 20 0 1 0";
        assert_eq!(parse_stat(stat), Some(Duration::from_millis(2800)));
        assert_eq!(parse_stat("garbage"), None);
    }

    #[test]
    fn own_thread_clock_advances() {
        // Only meaningful where /proc exists; elsewhere there is no clock.
        let Some(clock) = CpuClock::current_thread() else {
            return;
        };
        let before = clock.read().unwrap_or_default();
        let mut x = 0u64;
        let start = std::time::Instant::now();
        while start.elapsed() < Duration::from_millis(60) {
            x = x.wrapping_mul(31).wrapping_add(7);
        }
        std::hint::black_box(x);
        let after = clock.read().unwrap_or_default();
        assert!(after > before, "{after:?} <= {before:?}");
        assert!(CpuClock::process(std::process::id()).is_some());
    }
}
