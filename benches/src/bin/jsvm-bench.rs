//! `jsvm-bench`: runs the JS benchmark programs (`../shared/bench` and
//! `benches/js/`) on jsvm and on every other engine installed (node
//! --jitless, node, boa, QuickJS-ng), and writes docs/performance.md (medians,
//! ratios to jsvm, geometric means, CPU time, peak memory, the one-million-
//! generators memory table, the generator round trip against a call) and
//! docs/performance.svg (the ratios as bars).
//!
//! Invariant: it measures the engines only as child processes (no engine
//! code is linked in), and writes nothing until every run has finished.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use jsvm_benches::compare::engines::{self, Engine};
use jsvm_benches::compare::machine::{load_average, utc_now, Machine};
use jsvm_benches::compare::measure::RunResult;
use jsvm_benches::compare::report::Report;
use jsvm_benches::compare::{run_all, startup_program, Plan, Results};
use jsvm_benches::programs::{discover, own_js_dir, shared_bench_dir, workspace_root, Program};

/// The program of benches/js reported in its own memory table.
const MILLION: &str = "million_generators";
/// The programs of benches/js reported in the round-trip table.
const ROUND_TRIP: [&str; 2] = ["round_trip_generator", "round_trip_call"];

#[derive(Parser, Debug)]
#[command(
    name = "jsvm-bench",
    about = "Compare jsvm with other JavaScript engines on the benchmark programs and write docs/performance.md",
    after_help = "Build jsvm first: cargo build --release -p jsvm-cli. Engines not installed are skipped (and listed in the report)."
)]
struct Cli {
    /// Timed runs per program and engine (the median is reported).
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Untimed runs per program and engine before the timed ones.
    #[arg(long, default_value_t = 0)]
    warmup: usize,
    /// Seconds before a run is killed (reported as TIMEOUT).
    #[arg(long, default_value_t = 120)]
    timeout: u64,
    /// Run only these programs (file names without .js; repeatable or
    /// comma-separated).
    #[arg(long = "bench", value_delimiter = ',')]
    bench: Vec<String>,
    /// Measure only these engines besides jsvm: node-jitless, node, boa,
    /// qjs (repeatable or comma-separated; default: all installed).
    #[arg(long = "engine", value_delimiter = ',')]
    engine: Vec<String>,
    /// The jsvm binary [default: <repo>/target/release/jsvm].
    #[arg(long)]
    jsvm: Option<PathBuf>,
    /// The directory of shared benchmark programs [default: <repo>/../shared/bench].
    #[arg(long)]
    shared_dir: Option<PathBuf>,
    /// Skip the one-million-generators memory measurement.
    #[arg(long)]
    no_million: bool,
    /// A note printed at the top of the report (e.g. the machine was busy).
    #[arg(long)]
    note: Option<String>,
    /// Where to write the report [default: <repo>/docs/performance.md].
    #[arg(long)]
    out: Option<PathBuf>,
    /// Where to write the chart [default: performance.svg beside --out].
    #[arg(long)]
    svg: Option<PathBuf>,
    /// Print the report to stdout instead of writing the files.
    #[arg(long)]
    dry_run: bool,
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("jsvm-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The command line that reproduces this run (for the report).
fn regenerate_command(cli: &Cli) -> String {
    let mut args = vec![format!("--runs {}", cli.runs)];
    if cli.warmup > 0 {
        args.push(format!("--warmup {}", cli.warmup));
    }
    if !cli.bench.is_empty() {
        args.push(format!("--bench {}", cli.bench.join(",")));
    }
    if !cli.engine.is_empty() {
        args.push(format!("--engine {}", cli.engine.join(",")));
    }
    if cli.no_million {
        args.push("--no-million".into());
    }
    format!(
        "cargo build --release -p jsvm-cli\n\
         cargo run -p jsvm-benches --bin jsvm-bench -- {}",
        args.join(" ")
    )
}

fn progress(program: &Program, engine: &Engine, r: &RunResult) {
    eprintln!(
        "  {:<22} {:<16} {:>8.3} s {:>8.3} cpu {:>8.1} MB  {}",
        program.name,
        engine.label,
        r.wall,
        r.cpu,
        r.max_rss_kb as f64 / 1024.0,
        r.status.label()
    );
}

fn run(cli: Cli) -> Result<(), String> {
    let root = workspace_root();
    let jsvm_bin = cli
        .jsvm
        .clone()
        .unwrap_or_else(|| root.join("target/release/jsvm"));
    let runner = root.join("benches/qjs_runner.py");
    let mut missing = Vec::new();
    let engines = engines::detect(&cli.engine, &jsvm_bin, &runner, &mut missing)?;

    let mut programs = Vec::new();
    let shared = cli.shared_dir.clone().or_else(shared_bench_dir);
    match &shared {
        Some(dir) if dir.is_dir() => {
            programs.extend(discover(dir).map_err(|e| format!("{}: {e}", dir.display()))?)
        }
        _ => eprintln!("jsvm-bench: no ../shared/bench directory; running only benches/js"),
    }
    let own = discover(&own_js_dir()).map_err(|e| format!("benches/js: {e}"))?;
    let (million, own): (Vec<Program>, Vec<Program>) =
        own.into_iter().partition(|p| p.name == MILLION);
    let (mut round_trip, own): (Vec<Program>, Vec<Program>) = own
        .into_iter()
        .partition(|p| ROUND_TRIP.contains(&p.name.as_str()));
    programs.extend(own);
    if !cli.bench.is_empty() {
        for b in &cli.bench {
            let known = programs.iter().chain(&round_trip).any(|p| &p.name == b);
            if !known && b != MILLION {
                return Err(format!("no benchmark program named `{b}`"));
            }
        }
        programs.retain(|p| cli.bench.contains(&p.name));
        round_trip.retain(|p| cli.bench.contains(&p.name));
    }
    let want_million =
        !cli.no_million && (cli.bench.is_empty() || cli.bench.iter().any(|b| b == MILLION));

    let plan = Plan {
        runs: cli.runs.max(1),
        warmup: cli.warmup,
        timeout: Duration::from_secs(cli.timeout.max(1)),
    };
    let machine = Machine::detect();
    let load_before = load_average();
    let date = utc_now();
    eprintln!(
        "jsvm-bench: {} program(s) on {} engine(s): {}",
        programs.len(),
        engines.len(),
        engines
            .iter()
            .map(|e| e.label.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    for m in &missing {
        eprintln!("jsvm-bench: skipping {m}");
    }

    let scratch_dir =
        std::env::temp_dir().join(format!("jsvm-bench-startup-{}", std::process::id()));
    std::fs::create_dir_all(&scratch_dir).map_err(|e| e.to_string())?;
    let startup = startup_program(&scratch_dir).map_err(|e| e.to_string())?;
    let mut report_progress = progress;
    let startup_results =
        run_all(&[startup], &engines, &plan, &mut report_progress).map_err(|e| e.to_string());
    let _ = std::fs::remove_dir_all(&scratch_dir);
    let startup_results = startup_results?;
    let main =
        run_all(&programs, &engines, &plan, &mut report_progress).map_err(|e| e.to_string())?;
    let million_results: Option<Results> = if want_million && !million.is_empty() {
        Some(run_all(&million, &engines, &plan, &mut report_progress).map_err(|e| e.to_string())?)
    } else {
        None
    };
    let round_trip_results: Option<Results> = if round_trip.is_empty() {
        None
    } else {
        Some(
            run_all(&round_trip, &engines, &plan, &mut report_progress)
                .map_err(|e| e.to_string())?,
        )
    };
    let load_after = load_average();

    let out = cli
        .out
        .clone()
        .unwrap_or_else(|| root.join("docs/performance.md"));
    let svg_path = cli
        .svg
        .clone()
        .unwrap_or_else(|| out.with_file_name("performance.svg"));
    let svg_name = svg_path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "performance.svg".into());
    let command = regenerate_command(&cli);
    let report = Report {
        title_note: cli.note.as_deref(),
        date,
        machine: &machine,
        load_before,
        load_after,
        plan: &plan,
        engines: &engines,
        missing: &missing,
        main: &main,
        startup: Some(&startup_results),
        million: million_results.as_ref(),
        round_trip: round_trip_results.as_ref(),
        command: &command,
        svg_name: &svg_name,
    };
    let markdown = report.markdown();
    if cli.dry_run {
        print!("{markdown}");
        return Ok(());
    }
    std::fs::write(&out, &markdown).map_err(|e| format!("{}: {e}", out.display()))?;
    std::fs::write(&svg_path, report.svg()).map_err(|e| format!("{}: {e}", svg_path.display()))?;
    eprintln!(
        "jsvm-bench: wrote {} and {}",
        out.display(),
        svg_path.display()
    );
    Ok(())
}
