//! The running time of each JS benchmark program of `../shared/bench`
//! (beside the repository; not copied into it) and of `benches/js/`, run
//! in-process the way `jsvm FILE` runs it: a fresh `jsvm_runtime::Runtime`
//! (start-up included), the script, then the event loop, on a thread with
//! the CLI's stack. Without the shared directory that part is skipped.
//!
//! Each program's stdout goes to a scratch file (not between criterion's
//! lines) and every run is checked against the program's `expected.txt`
//! line: a wrong checksum or a non-zero exit status is reported on stderr
//! (the time is still recorded, so look for the warning). The programs
//! take seconds each, so the group uses criterion's minimum of 10 samples
//! of one run; `cargo bench --bench programs -- fib` runs one program.

use std::fs::{self, File};
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use jsvm_benches::programs::{
    discover, output_matches, own_js_dir, run_in_process, shared_bench_dir, Program,
};
use jsvm_benches::stdout_redirect::StdoutRedirect;

/// Runs `program` once with its stdout in `out_path`; returns the time of
/// the run and whether it printed its checksum and exited with status 0.
fn timed_run(program: &Program, source: &str, out_path: &std::path::Path) -> (Duration, bool) {
    let file = match File::create(out_path) {
        Ok(f) => f,
        Err(e) => panic!("{}: {e}", out_path.display()),
    };
    let redirect = match StdoutRedirect::to_file(&file) {
        Ok(r) => r,
        Err(e) => panic!("cannot redirect stdout: {e}"),
    };
    let filename = program.path.to_string_lossy().into_owned();
    let start = Instant::now();
    let status = run_in_process(source, &filename);
    let elapsed = start.elapsed();
    drop(redirect);
    let output = fs::read_to_string(out_path).unwrap_or_default();
    let ok = matches!(status, Ok(0)) && output_matches(&output, program.expected.as_deref());
    if !ok {
        let last = output
            .lines()
            .rev()
            .find(|l| !l.is_empty())
            .unwrap_or("<nothing>");
        eprintln!(
            "programs/{}: WRONG RUN (status {status:?}; last line: {last}); its time is not meaningful",
            program.name
        );
    }
    (elapsed, ok)
}

fn bench_dir(c: &mut Criterion, group_name: &str, programs: &[Program]) {
    let out_path =
        std::env::temp_dir().join(format!("jsvm-programs-bench-{}.out", std::process::id()));
    let mut group = c.benchmark_group(group_name);
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(1));
    group.measurement_time(Duration::from_secs(10));
    for program in programs {
        let source = match fs::read_to_string(&program.path) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("programs: skipping {}: {e}", program.path.display());
                continue;
            }
        };
        group.bench_function(program.name.as_str(), |b| {
            b.iter_custom(|iters| {
                (0..iters)
                    .map(|_| timed_run(program, &source, &out_path).0)
                    .sum()
            })
        });
    }
    group.finish();
    let _ = fs::remove_file(&out_path);
}

fn programs(c: &mut Criterion) {
    match shared_bench_dir() {
        Some(dir) => match discover(&dir) {
            Ok(programs) => bench_dir(c, "programs", &programs),
            Err(e) => eprintln!("programs: skipping {}: {e}", dir.display()),
        },
        None => eprintln!(
            "programs: skipping the shared benchmark programs: no ../shared/bench beside the repository"
        ),
    }
    match discover(&own_js_dir()) {
        Ok(programs) => bench_dir(c, "own_programs", &programs),
        Err(e) => eprintln!("programs: skipping benches/js: {e}"),
    }
}

criterion_group!(benches, programs);
criterion_main!(benches);
