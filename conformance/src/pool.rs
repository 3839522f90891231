//! The worker pool: N threads with large stacks pull test indices from a
//! shared counter; the main thread collects results, prints progress and acts
//! as the watchdog.
//!
//! Invariants: each worker publishes the run it is executing in its `Slot`;
//! when a run passes its time limit (CPU time of the worker thread, see
//! `cputime`, with a wall-clock backstop) the watchdog sets that run's `Vm`
//! interrupt flag (the engine stops at its next safepoint and the run is a
//! TIMEOUT). If the engine does not stop within a grace period (stuck outside
//! any safepoint), the watchdog abandons the worker: it records the test as
//! TIMEOUT itself, starts a replacement worker, and the abandoned thread's
//! eventual result is discarded. Every selected test yields exactly one
//! message on the channel, so the main loop ends when all have arrived.

use std::io::{IsTerminal, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use crate::cli::{self, CliConfig};
use crate::cputime::CpuClock;
use crate::exec::{self, Filters};
use crate::harness::Harness;
use crate::verdict::{RunResult, TestResult, Verdict};

/// Stack size of worker threads: deep parser/compiler recursion and nested
/// native->JS re-entry must not overflow (a Rust stack overflow aborts the
/// whole process). The same as the `jsvm` CLI gives the engine, whose depth
/// limits assume it; it is only reserved address space until touched.
pub const WORKER_STACK: usize = 256 << 20;

/// Everything workers share (read-only).
pub struct Ctx {
    /// The `test/` directory of the checkout.
    pub test_dir: PathBuf,
    pub harness: Harness,
    pub filters: Filters,
    /// CPU time limit per run.
    pub timeout: Duration,
    /// Also run every test through the `jsvm` CLI (cross-check mode).
    pub cli: Option<CliConfig>,
    /// Print each test's path on stderr as it starts.
    pub trace: bool,
}

/// A finished test.
#[derive(Clone, Debug)]
pub struct Outcome {
    pub test: TestResult,
    /// The same runs through the CLI (cross-check mode only).
    pub cli: Option<Vec<RunResult>>,
    pub duration: Duration,
}

#[derive(Default)]
struct SlotState {
    /// The worker thread's CPU clock (None: fall back to wall-clock time).
    clock: Option<CpuClock>,
    /// Index of the test being run.
    test: Option<usize>,
    run_start: Option<Instant>,
    /// The worker's CPU time when the run started.
    cpu_start: Option<Duration>,
    /// The current run's interrupt flag, once its `Vm` exists.
    flag: Option<Arc<AtomicBool>>,
    /// When the watchdog decided the run is over its limit.
    interrupted_at: Option<Instant>,
    abandoned: bool,
}

/// The watchdog's limits for one run.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// CPU time a run may use (wall time when there is no CPU clock).
    pub cpu: Duration,
    /// Wall-clock backstop even when the CPU clock says the run is idle.
    pub wall: Duration,
    /// How long an interrupted run may take to stop before its worker is
    /// abandoned.
    pub grace: Duration,
}

impl Limits {
    pub fn new(timeout: Duration) -> Limits {
        Limits {
            cpu: timeout,
            wall: timeout * 10,
            grace: timeout + Duration::from_secs(10),
        }
    }
}

/// What one worker is doing, shared with the watchdog.
#[derive(Default)]
struct Slot(Mutex<SlotState>);

impl Slot {
    fn lock(&self) -> MutexGuard<'_, SlotState> {
        // A poisoned lock only means a panic elsewhere; the state is plain data.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
    /// Called by the worker thread itself, once.
    fn set_clock(&self, clock: Option<CpuClock>) {
        self.lock().clock = clock;
    }
    /// Returns false when this worker has been abandoned.
    fn start_test(&self, i: usize) -> bool {
        let mut s = self.lock();
        s.test = Some(i);
        !s.abandoned
    }
    fn begin_run(&self) {
        let mut s = self.lock();
        s.run_start = Some(Instant::now());
        s.cpu_start = s.clock.as_ref().and_then(CpuClock::read);
        s.flag = None;
        s.interrupted_at = None;
    }
    fn arm(&self, flag: &Arc<AtomicBool>) {
        let mut s = self.lock();
        if s.interrupted_at.is_some() {
            flag.store(true, Ordering::Relaxed);
        }
        s.flag = Some(flag.clone());
    }
    /// Returns false when this worker has been abandoned (its result is void).
    fn finish_test(&self) -> bool {
        let mut s = self.lock();
        s.test = None;
        s.run_start = None;
        s.flag = None;
        s.interrupted_at = None;
        !s.abandoned
    }
    /// The watchdog's check: interrupts a run over its limit; abandons the
    /// worker (returning its test index) when it ignores the interrupt for
    /// longer than the grace period.
    fn watch(&self, now: Instant, limits: Limits) -> Option<usize> {
        let mut s = self.lock();
        let (Some(test), Some(start)) = (s.test, s.run_start) else {
            return None;
        };
        if s.interrupted_at.is_none() {
            let wall = now.saturating_duration_since(start);
            let cpu = match (&s.clock, s.cpu_start) {
                (Some(clock), Some(base)) => clock.read().map(|t| t.saturating_sub(base)),
                _ => None,
            };
            let over = match cpu {
                Some(cpu) => cpu > limits.cpu || wall > limits.wall,
                None => wall > limits.cpu,
            };
            if over {
                s.interrupted_at = Some(now);
                if let Some(flag) = &s.flag {
                    flag.store(true, Ordering::Relaxed);
                }
            }
        }
        let at = s.interrupted_at?;
        if now.saturating_duration_since(at) > limits.grace && !s.abandoned {
            s.abandoned = true;
            return Some(test);
        }
        None
    }
}

type Message = (usize, Option<Outcome>);

/// Runs every test in `paths` on `jobs` threads; `None` marks tests the
/// feature filter left out.
pub fn run_all(ctx: Arc<Ctx>, paths: Arc<Vec<String>>, jobs: usize) -> Vec<Option<Outcome>> {
    exec::install_panic_hook();
    let n = paths.len();
    let next = Arc::new(AtomicUsize::new(0));
    let (tx, rx) = mpsc::channel::<Message>();
    let mut slots: Vec<Arc<Slot>> = Vec::new();
    let spawn = |slots: &mut Vec<Arc<Slot>>| {
        let slot = Arc::new(Slot::default());
        slots.push(slot.clone());
        let (ctx, paths, next, tx) = (ctx.clone(), paths.clone(), next.clone(), tx.clone());
        std::thread::Builder::new()
            .name(format!("test262-worker-{}", slots.len()))
            .stack_size(WORKER_STACK)
            .spawn(move || worker(&ctx, &paths, &next, &slot, &tx))
            .map(|_| ())
    };
    for _ in 0..jobs.clamp(1, n.max(1)) {
        if let Err(e) = spawn(&mut slots) {
            eprintln!("jsvm-test262: cannot start a worker thread: {e}");
        }
    }
    if slots.is_empty() {
        return vec![None; n];
    }

    let limits = Limits::new(ctx.timeout);
    let mut results: Vec<Option<Outcome>> = vec![None; n];
    let mut progress = Progress::new(n);
    let mut received = 0;
    while received < n {
        match rx.recv_timeout(Duration::from_millis(100)) {
            Ok((i, outcome)) => {
                progress.record(outcome.as_ref());
                results[i] = outcome;
                received += 1;
                while let Ok((i, outcome)) = rx.try_recv() {
                    progress.record(outcome.as_ref());
                    results[i] = outcome;
                    received += 1;
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }
        // Watchdog duty.
        let now = Instant::now();
        let mut abandoned = Vec::new();
        for slot in &slots {
            if let Some(i) = slot.watch(now, limits) {
                abandoned.push(i);
            }
        }
        for i in abandoned {
            let outcome = Outcome {
                test: TestResult {
                    path: paths[i].clone(),
                    runs: vec![RunResult::new(
                        None,
                        Verdict::Timeout,
                        format!(
                            "the engine ignored the interrupt flag for {:?}; worker abandoned",
                            limits.grace
                        ),
                    )],
                },
                cli: None,
                duration: limits.cpu + limits.grace,
            };
            progress.record(Some(&outcome));
            results[i] = Some(outcome);
            received += 1;
            if let Err(e) = spawn(&mut slots) {
                eprintln!("jsvm-test262: cannot start a replacement worker: {e}");
            }
        }
        progress.tick(received);
    }
    progress.finish(received);
    results
}

fn worker(ctx: &Ctx, paths: &[String], next: &AtomicUsize, slot: &Slot, tx: &Sender<Message>) {
    exec::quiet_panics_on_this_thread();
    slot.set_clock(CpuClock::current_thread());
    loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(path) = paths.get(i) else {
            return;
        };
        if !slot.start_test(i) {
            return;
        }
        if ctx.trace {
            eprintln!("start {path}");
        }
        let started = Instant::now();
        let outcome =
            catch_unwind(AssertUnwindSafe(|| run_one(ctx, path, slot))).unwrap_or_else(|_| {
                let test = TestResult {
                    path: path.clone(),
                    runs: vec![RunResult::new(
                        None,
                        Verdict::Crash,
                        "the runner itself panicked",
                    )],
                };
                Some(Outcome {
                    test,
                    cli: None,
                    duration: Duration::ZERO,
                })
            });
        let outcome = outcome.map(|mut o| {
            o.duration = started.elapsed();
            o
        });
        if !slot.finish_test() || tx.send((i, outcome)).is_err() {
            return;
        }
    }
}

fn run_one(ctx: &Ctx, path: &str, slot: &Slot) -> Option<Outcome> {
    let prepared = match exec::prepare(&ctx.test_dir, path, &ctx.filters) {
        Ok(Some(p)) => p,
        Ok(None) => return None,
        Err(finished) => {
            let cli = ctx.cli.as_ref().map(|_| finished.runs.clone());
            return Some(Outcome {
                test: finished,
                cli,
                duration: Duration::ZERO,
            });
        }
    };
    let test = exec::run_in_process(
        &ctx.harness,
        &prepared,
        &mut || slot.begin_run(),
        &mut |flag| slot.arm(flag),
    );
    let cli = ctx.cli.as_ref().map(|cfg| {
        cli::run_test(cfg, &ctx.harness, &prepared, ctx.timeout, &mut || {
            slot.begin_run()
        })
    });
    Some(Outcome {
        test,
        cli,
        duration: Duration::ZERO,
    })
}

/// Progress on stderr: a rewritten line on a terminal, else a line per 10%.
struct Progress {
    total: usize,
    counts: [usize; 5],
    skipped: usize,
    start: Instant,
    terminal: bool,
    last_draw: Instant,
    last_decile: usize,
}

impl Progress {
    fn new(total: usize) -> Progress {
        let now = Instant::now();
        Progress {
            total,
            counts: [0; 5],
            skipped: 0,
            start: now,
            terminal: std::io::stderr().is_terminal(),
            last_draw: now,
            last_decile: 0,
        }
    }
    fn record(&mut self, outcome: Option<&Outcome>) {
        match outcome {
            Some(o) => self.counts[o.test.verdict() as usize] += 1,
            None => self.skipped += 1,
        }
    }
    fn line(&self, done: usize) -> String {
        let secs = self.start.elapsed().as_secs_f64().max(1e-3);
        let c = |v: Verdict| self.counts[v as usize];
        format!(
            "[{done}/{}] pass {} fail {} timeout {} crash {} unsupported {}{} | {:.0} tests/s, {:.0}s",
            self.total,
            c(Verdict::Pass),
            c(Verdict::Fail),
            c(Verdict::Timeout),
            c(Verdict::Crash),
            c(Verdict::Unsupported),
            if self.skipped > 0 { format!(" (filtered out {})", self.skipped) } else { String::new() },
            done as f64 / secs,
            secs
        )
    }
    fn tick(&mut self, done: usize) {
        if self.terminal {
            if self.last_draw.elapsed() >= Duration::from_millis(250) {
                self.last_draw = Instant::now();
                let mut err = std::io::stderr().lock();
                let _ = write!(err, "\r\x1b[K{}", self.line(done));
                let _ = err.flush();
            }
        } else if let Some(decile) = (done * 10).checked_div(self.total) {
            if decile > self.last_decile && decile < 10 {
                self.last_decile = decile;
                eprintln!("{}", self.line(done));
            }
        }
    }
    fn finish(&mut self, done: usize) {
        if self.terminal {
            eprintln!("\r\x1b[K{}", self.line(done));
        } else {
            eprintln!("{}", self.line(done));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn watchdog_interrupts_then_abandons() {
        // No CPU clock: the limits apply to wall-clock time.
        let slot = Slot::default();
        let limits = Limits {
            cpu: Duration::from_millis(10),
            wall: Duration::from_secs(100),
            grace: Duration::from_millis(50),
        };
        let t0 = Instant::now();
        assert!(
            slot.watch(t0 + limits.grace * 2, limits).is_none(),
            "idle slot"
        );
        assert!(slot.start_test(7));
        slot.begin_run();
        let flag = Arc::new(AtomicBool::new(false));
        slot.arm(&flag);
        let now = Instant::now();
        assert!(slot.watch(now, limits).is_none());
        assert!(!flag.load(Ordering::Relaxed));
        let late = now + limits.cpu * 2;
        assert!(slot.watch(late, limits).is_none());
        assert!(flag.load(Ordering::Relaxed));
        assert!(
            slot.watch(late + limits.grace / 2, limits).is_none(),
            "still in grace"
        );
        assert_eq!(slot.watch(late + limits.grace * 2, limits), Some(7));
        assert_eq!(
            slot.watch(late + limits.grace * 3, limits),
            None,
            "abandoned once"
        );
        assert!(!slot.finish_test(), "an abandoned worker's result is void");
    }

    #[test]
    fn interrupt_before_the_vm_exists_is_delivered_on_arm() {
        let slot = Slot::default();
        let limits = Limits::new(Duration::from_millis(1));
        assert!(slot.start_test(0));
        slot.begin_run();
        assert!(slot
            .watch(Instant::now() + Duration::from_millis(5), limits)
            .is_none());
        let flag = Arc::new(AtomicBool::new(false));
        slot.arm(&flag);
        assert!(flag.load(Ordering::Relaxed));
    }

    #[test]
    fn cpu_clock_ignores_idle_wall_time() {
        let Some(clock) = CpuClock::current_thread() else {
            return;
        };
        let slot = Slot::default();
        slot.set_clock(Some(clock));
        let limits = Limits {
            cpu: Duration::from_secs(5),
            wall: Duration::from_secs(60),
            grace: Duration::from_secs(1),
        };
        assert!(slot.start_test(3));
        slot.begin_run();
        let flag = Arc::new(AtomicBool::new(false));
        slot.arm(&flag);
        // Far past the CPU limit in wall time, but this thread was idle.
        assert!(slot
            .watch(Instant::now() + Duration::from_secs(20), limits)
            .is_none());
        assert!(!flag.load(Ordering::Relaxed));
        // Past the wall backstop.
        assert!(slot
            .watch(Instant::now() + Duration::from_secs(61), limits)
            .is_none());
        assert!(flag.load(Ordering::Relaxed));
    }
}
