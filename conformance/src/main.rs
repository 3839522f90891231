//! `jsvm-test262`: runs the test262 suite in-process on a pool of threads,
//! judges every test as INTERPRETING.md says, and compares the verdicts with
//! the committed baseline of known failures (`conformance/baseline.txt`).
//!
//! Module map: `frontmatter` (metadata), `harness` (harness files, modes,
//! composition), `select` (which files), `host` (`print`, `$262`), `exec`
//! (one test in a fresh `Vm`, judging), `pool` (threads, watchdog, progress),
//! `cli` (cross-check through the `jsvm` binary), `baseline`, `report`.

/// `println!` that ignores a closed stdout (e.g. piped into `head`) instead
/// of panicking.
macro_rules! out {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// `print!` that ignores a closed stdout.
macro_rules! out_raw {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stdout(), $($arg)*);
    }};
}

mod baseline;
mod cli;
mod cputime;
mod exec;
mod frontmatter;
mod harness;
mod host;
mod modules;
mod pool;
mod report;
mod select;
mod verdict;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;

use crate::exec::Filters;
use crate::verdict::Verdict;

const AFTER_HELP: &str = "\
Examples:
  jsvm-test262                                  run the whole suite (../shared/test262)
  jsvm-test262 built-ins/Array language/expressions
  jsvm-test262 --check                          CI: fail on regressions and on any crash
  jsvm-test262 --update-baseline                accept the current results
  jsvm-test262 --write-docs docs/conformance.md --json results.json
  jsvm-test262 --cli target/release/jsvm built-ins/Promise
                                                cross-check against the jsvm CLI
  conformance/cross-check.sh built-ins/Promise  the same, building both in release first

Verdicts: PASS, FAIL, TIMEOUT, CRASH (the engine panicked; never acceptable),
UNSUPPORTED (not run: --exclude-features, $262.agent,
IsHTMLDDA, CanBlockIsFalse). A test without flags runs in non-strict and
strict mode and passes only if both pass.

Baseline (conformance/baseline.txt): one `path<TAB>VERDICT` line per test
that does not pass. --check fails when a test not listed there does not pass
now, and on every CRASH; listed tests that pass now are only reported.
--update-baseline rewrites the entries for the tests that ran.

Environment: JSVM_GC_STRESS=1 collects at every safepoint (slow).
Exit status: 0 ok, 1 check failed (or cross-check disagreement), 2 usage or
setup error.";

/// Runs test262 against the jsvm engine, in-process and in parallel.
#[derive(Parser, Debug)]
#[command(name = "jsvm-test262", version, after_help = AFTER_HELP)]
struct Args {
    /// Test files or directories, relative to test/ (e.g. built-ins/Array);
    /// all of test/ when none are given.
    paths: Vec<String>,
    /// The test262 checkout (with test/ and harness/).
    /// [default: ../shared/test262 from the repository root]
    #[arg(long, value_name = "DIR")]
    test262: Option<PathBuf>,
    /// Worker threads [default: number of cores].
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// Time limit per run, in seconds of CPU time (a run also stops after
    /// ten times this in wall-clock time).
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    timeout: f64,
    /// Only run tests that use at least one of these features.
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    features: Vec<String>,
    /// Report tests using any of these features as UNSUPPORTED.
    #[arg(long, value_name = "A,B", value_delimiter = ',')]
    exclude_features: Vec<String>,
    /// Directory depth of the summary table (2 gives e.g. built-ins/Array).
    #[arg(long, value_name = "N", default_value_t = 2)]
    depth: usize,
    /// Write every run's verdict as JSON (path, verdict, mode, message).
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// The baseline file [default: conformance/baseline.txt].
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Exit non-zero on a regression against the baseline or on any crash.
    #[arg(long)]
    check: bool,
    /// Rewrite the baseline with the current results of the tests that ran.
    #[arg(long)]
    update_baseline: bool,
    /// Write the generated conformance page (markdown) to FILE.
    #[arg(long, value_name = "FILE")]
    write_docs: Option<PathBuf>,
    /// Also run every test through the jsvm CLI binary at PATH and report
    /// where its verdicts differ from the in-process ones.
    #[arg(long, value_name = "PATH")]
    cli: Option<PathBuf>,
    /// Arguments given to the CLI before the file, split on whitespace.
    #[arg(
        long,
        value_name = "ARGS",
        default_value = "--unhandled-rejections=warn"
    )]
    cli_args: String,
    /// List every test that did not pass, with its message.
    #[arg(short, long)]
    verbose: bool,
    /// Print each test's path on stderr as it starts (to find a test that
    /// aborts the process).
    #[arg(long)]
    trace: bool,
}

/// The repository root: the nearest ancestor of the working directory with
/// `conformance/Cargo.toml`, else the one this binary was built from.
fn repo_root() -> PathBuf {
    if let Ok(cwd) = std::env::current_dir() {
        for dir in cwd.ancestors() {
            if dir.join("conformance").join("Cargo.toml").is_file() {
                return dir.to_path_buf();
            }
        }
    }
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().unwrap_or(manifest).to_path_buf()
}

fn main() {
    let args = Args::parse();
    let code = match run(&args) {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(e) => {
            eprintln!("jsvm-test262: {e}");
            2
        }
    };
    let _ = std::io::Write::flush(&mut std::io::stdout());
    // Abandoned workers (an engine stuck outside any safepoint) may still be
    // running: leave without waiting for them.
    std::process::exit(code);
}

/// Runs the selected tests and reports; `Ok(false)` when the run must fail.
fn run(args: &Args) -> Result<bool, String> {
    let root = repo_root();
    let dir = args
        .test262
        .clone()
        .unwrap_or_else(|| root.join("..").join("shared").join("test262"));
    let test_dir = dir.join("test");
    if !test_dir.is_dir() {
        return Err(format!(
            "{} is not a test262 checkout (no test/)",
            dir.display()
        ));
    }
    let harness = harness::Harness::load(&dir.join("harness"))?;
    if !(args.timeout > 0.0 && args.timeout.is_finite()) {
        return Err("--timeout must be a positive number of seconds".to_string());
    }
    let timeout = Duration::from_secs_f64(args.timeout);
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let paths = select::collect(&test_dir, &args.paths)?;
    let cli = match &args.cli {
        None => None,
        Some(bin) => {
            if !bin.is_file() {
                return Err(format!("--cli: {} is not a file", bin.display()));
            }
            let temp_dir =
                std::env::temp_dir().join(format!("jsvm-test262-{}", std::process::id()));
            std::fs::create_dir_all(&temp_dir)
                .map_err(|e| format!("{}: {e}", temp_dir.display()))?;
            let binary = bin.canonicalize().unwrap_or_else(|_| bin.clone());
            let args = args
                .cli_args
                .split_whitespace()
                .map(str::to_string)
                .collect();
            Some(cli::CliConfig {
                binary,
                args,
                temp_dir,
            })
        }
    };
    let ctx = Arc::new(pool::Ctx {
        test_dir,
        harness,
        filters: Filters {
            features: args.features.clone(),
            exclude_features: args.exclude_features.clone(),
        },
        timeout,
        cli: cli.clone(),
        trace: args.trace,
    });

    let started = Instant::now();
    let results = pool::run_all(ctx, Arc::new(paths), jobs);
    let elapsed = started.elapsed();
    if let Some(c) = &cli {
        let _ = std::fs::remove_dir_all(&c.temp_dir);
    }
    let outcomes: Vec<&pool::Outcome> = results.iter().flatten().collect();
    report_all(args, &root, &dir, &outcomes, elapsed)
}

/// Prints and writes everything; returns false when the run must fail.
fn report_all(
    args: &Args,
    root: &Path,
    dir: &Path,
    outcomes: &[&pool::Outcome],
    elapsed: Duration,
) -> Result<bool, String> {
    let mut ok = true;
    let verdicts: Vec<(&str, Verdict)> = outcomes
        .iter()
        .map(|o| (o.test.path.as_str(), o.test.verdict()))
        .collect();
    let (groups, total) = report::group_counts(verdicts.iter().copied(), args.depth);
    out_raw!("{}", report::summary_table(&groups, &total));
    let runs: usize = outcomes.iter().map(|o| o.test.runs.len()).sum();
    out!(
        "{} tests ({runs} runs) in {:.1}s; {} of {} run pass ({})",
        total.total(),
        elapsed.as_secs_f64(),
        total.get(Verdict::Pass),
        total.ran(),
        total
            .percent()
            .map_or_else(|| "-".to_string(), |p| format!("{p:.2}%"))
    );

    if args.verbose {
        for o in outcomes {
            let v = o.test.verdict();
            if v != Verdict::Pass && v != Verdict::Unsupported {
                if let Some(r) = o.test.deciding_run() {
                    let mode = r.mode.map_or(String::new(), |m| format!(" [{m}]"));
                    out!("{v} {}{mode}: {}", o.test.path, r.message);
                }
            }
        }
    }
    let crashes: Vec<_> = outcomes
        .iter()
        .filter(|o| o.test.verdict() == Verdict::Crash)
        .collect();
    if !crashes.is_empty() {
        out!("{} crashes (panics; never acceptable):", crashes.len());
        for o in &crashes {
            let msg = o.test.deciding_run().map_or("", |r| r.message.as_str());
            out!("  CRASH {}: {msg}", o.test.path);
        }
    }

    if let Some(path) = &args.json {
        std::fs::write(path, report::json(outcomes))
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    if args.cli.is_some() {
        let (text, disagreements) = report::cross_check(outcomes);
        out_raw!("{text}");
        ok &= disagreements == 0;
    }

    let baseline_path = args
        .baseline
        .clone()
        .unwrap_or_else(|| root.join("conformance").join("baseline.txt"));
    if args.check || args.update_baseline {
        let old = match std::fs::read_to_string(&baseline_path) {
            Ok(text) => {
                baseline::parse(&text).map_err(|e| format!("{}: {e}", baseline_path.display()))?
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                eprintln!(
                    "note: no baseline at {}; every test is expected to pass",
                    baseline_path.display()
                );
                baseline::Baseline::new()
            }
            Err(e) => return Err(format!("{}: {e}", baseline_path.display())),
        };
        if args.check {
            ok &= print_check(
                &baseline::diff(&old, verdicts.iter().copied()),
                args.update_baseline,
            );
        }
        if args.update_baseline {
            let prefixes: Vec<String> = if args.paths.is_empty() {
                vec![String::new()]
            } else {
                args.paths
                    .iter()
                    .map(|p| select::normalize_prefix(p))
                    .collect()
            };
            // A listed test that did not run is gone from the suite if it lies
            // in the selection and no feature filter could have skipped it.
            let is_stale = |p: &str| {
                args.features.is_empty() && prefixes.iter().any(|pre| select::under(p, pre))
            };
            let new = baseline::update(&old, verdicts.iter().copied(), is_stale);
            std::fs::write(&baseline_path, baseline::render(&new))
                .map_err(|e| format!("{}: {e}", baseline_path.display()))?;
            out!(
                "baseline: {} entries written to {}",
                new.len(),
                baseline_path.display()
            );
        }
    }

    if let Some(path) = &args.write_docs {
        let text = report::docs(
            outcomes,
            &report::test262_revision(dir),
            &report::today_utc(),
        );
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        out!("wrote {}", path.display());
    }
    Ok(ok)
}

/// Prints the `--check` findings; returns false when the check fails.
fn print_check(d: &baseline::Diff, updating: bool) -> bool {
    const SHOW: usize = 200;
    if !d.regressions.is_empty() {
        out!(
            "{} regressions (not in the baseline, not passing):",
            d.regressions.len()
        );
        for (path, v) in d.regressions.iter().take(SHOW) {
            out!("  {v} {path}");
        }
        if d.regressions.len() > SHOW {
            out!("  ... and {} more (see --json)", d.regressions.len() - SHOW);
        }
    }
    if !d.crashes.is_empty() {
        out!(
            "{} crashes: a crash fails the check even when baselined",
            d.crashes.len()
        );
    }
    if !d.changed.is_empty() {
        out!(
            "{} baselined tests changed verdict (not a failure):",
            d.changed.len()
        );
        for (path, old, new) in d.changed.iter().take(SHOW) {
            out!("  {old} -> {new} {path}");
        }
    }
    if !d.newly_passing.is_empty() {
        out!("{} tests now pass:", d.newly_passing.len());
        for (path, old) in d.newly_passing.iter().take(SHOW) {
            out!("  {old} -> PASS {path}");
        }
        if !updating {
            out!(
                "{} tests now pass; run with --update-baseline",
                d.newly_passing.len()
            );
        }
    }
    let ok = !d.is_failure();
    out!("check: {}", if ok { "ok" } else { "FAILED" });
    ok
}
