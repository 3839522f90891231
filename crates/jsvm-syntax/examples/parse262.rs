//! Measures the parser against test262: every test under `test/` is parsed
//! the way the test262 harness would run it (module / strict / sloppy) and
//! the outcome is compared with its `negative: {phase: parse}` metadata.
//!
//! Usage: `cargo run -p jsvm-syntax --release --example parse262 -- <test262 dir> [failures file]`
//! Add `--bench` to measure parse throughput on the concatenated harness.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use jsvm_syntax::{parse_module, parse_script, Bump, ParseOptions};

/// Syntax from proposals newer than ECMAScript 2025.
const NOT_ES2025: &[&str] = &[
    "decorators",
    "source-phase-imports",
    "source-phase-imports-module-source",
    "import-defer",
    "export-defer",
    "explicit-resource-management",
];

#[derive(Default)]
struct Meta {
    negative_phase: Option<String>,
    negative_type: Option<String>,
    flags: Vec<String>,
    features: Vec<String>,
}

fn list_field(line: &str) -> Vec<String> {
    let s = line.trim();
    let s = s.trim_start_matches('[').trim_end_matches(']');
    s.split(',')
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

fn parse_meta(src: &str) -> Meta {
    let mut m = Meta::default();
    let Some(start) = src.find("/*---") else {
        return m;
    };
    let Some(end) = src[start..].find("---*/") else {
        return m;
    };
    let yaml = &src[start + 5..start + end];
    let mut in_negative = false;
    let mut list_key: Option<&str> = None;
    for line in yaml.lines() {
        let trimmed = line.trim();
        if let Some(key) = list_key {
            if let Some(item) = trimmed.strip_prefix("- ") {
                let v = item.trim().to_string();
                if key == "flags" {
                    m.flags.push(v);
                } else {
                    m.features.push(v);
                }
                continue;
            }
            list_key = None;
        }
        let indented = line.starts_with(' ') || line.starts_with('\t');
        if !indented {
            in_negative = false;
        }
        if let Some(rest) = line.strip_prefix("flags:") {
            m.flags = list_field(rest);
            if rest.trim().is_empty() {
                list_key = Some("flags");
            }
        } else if let Some(rest) = line.strip_prefix("features:") {
            m.features = list_field(rest);
            if rest.trim().is_empty() {
                list_key = Some("features");
            }
        } else if line.starts_with("negative:") {
            in_negative = true;
        } else if in_negative {
            if let Some(v) = trimmed.strip_prefix("phase:") {
                m.negative_phase = Some(v.trim().to_string());
            } else if let Some(v) = trimmed.strip_prefix("type:") {
                m.negative_type = Some(v.trim().to_string());
            }
        }
    }
    m
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "js")
            && !p
                .file_name()
                .is_some_and(|n| n.to_string_lossy().contains("_FIXTURE"))
        {
            out.push(p);
        }
    }
}

#[derive(Default, Clone, Copy)]
struct Tally {
    neg_total: usize,
    neg_ok: usize,
    pos_total: usize,
    pos_ok: usize,
    skipped: usize,
}

enum Outcome {
    Skipped,
    Negative(Result<(), String>),
    Positive(Result<(), String>),
}

fn run_one(path: &Path) -> Outcome {
    let Ok(src) = std::fs::read_to_string(path) else {
        return Outcome::Skipped;
    };
    let meta = parse_meta(&src);
    if meta
        .features
        .iter()
        .any(|f| NOT_ES2025.contains(&f.as_str()))
    {
        return Outcome::Skipped;
    }
    let has = |f: &str| meta.flags.iter().any(|x| x == f);
    let module = has("module");
    let parse_neg = meta.negative_phase.as_deref() == Some("parse");
    // The runs the harness would do: (source, is_module, description).
    let mut runs: Vec<(String, bool, &str)> = Vec::new();
    if module {
        runs.push((src.clone(), true, "module"));
    } else if has("raw") {
        runs.push((src.clone(), false, "raw"));
    } else {
        if !has("onlyStrict") {
            runs.push((src.clone(), false, "sloppy"));
        }
        if !has("noStrict") {
            runs.push((format!("\"use strict\";\n{src}"), false, "strict"));
        }
    }
    let opts = ParseOptions::default();
    let mut accepted = Vec::new();
    let mut rejected = Vec::new();
    for (text, is_module, how) in &runs {
        let arena = Bump::new();
        let r = if *is_module {
            parse_module(&arena, text, &opts).map(|_| ())
        } else {
            parse_script(&arena, text, &opts).map(|_| ())
        };
        match r {
            Ok(()) => accepted.push(*how),
            Err(e) => rejected.push(format!("{how}: {e}")),
        }
    }
    if parse_neg {
        if accepted.is_empty() {
            if std::env::var_os("PARSE262_SHOW_NEG").is_some() {
                println!("NEGOK {}: {}", path.display(), rejected.join(" | "));
            }
            Outcome::Negative(Ok(()))
        } else {
            Outcome::Negative(Err(format!("accepted ({})", accepted.join(", "))))
        }
    } else if rejected.is_empty() {
        Outcome::Positive(Ok(()))
    } else {
        Outcome::Positive(Err(rejected.join(" | ")))
    }
}

/// CPU time of the current thread in seconds (Linux), for a measurement
/// that does not depend on how busy the machine is.
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}

fn bench(root: &Path) {
    let mut files = Vec::new();
    walk(&root.join("harness"), &mut files);
    let mut unit = String::new();
    for f in &files {
        if let Ok(s) = std::fs::read_to_string(f) {
            unit.push_str("(function () {\n");
            unit.push_str(&s);
            unit.push_str("\n})();\n");
        }
    }
    let mut big = String::new();
    while big.len() < 10 * 1024 * 1024 {
        big.push_str(&unit);
    }
    let opts = ParseOptions::default();
    // Time a few runs; report the best wall-clock and CPU time.
    let mut best = f64::MAX;
    let mut best_cpu = f64::MAX;
    for _ in 0..5 {
        let arena = Bump::new();
        let c = thread_cpu_seconds();
        let t = Instant::now();
        let r = parse_script(&arena, &big, &opts);
        let dt = t.elapsed().as_secs_f64();
        if let (Some(c0), Some(c1)) = (c, thread_cpu_seconds()) {
            best_cpu = best_cpu.min(c1 - c0);
        }
        if let Err(e) = r {
            println!("bench input failed to parse: {e}");
            return;
        }
        best = best.min(dt);
    }
    let mb = big.len() as f64 / (1024.0 * 1024.0);
    println!("throughput: {mb:.1} MB; best of 5: {best:.3} s wall = {:.1} MB/s; {best_cpu:.3} s CPU = {:.1} MB/s", mb / best, mb / best_cpu);
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(
        args.iter()
            .find(|a| !a.starts_with("--"))
            .cloned()
            .unwrap_or_else(|| "/work/shared/test262".into()),
    );
    if args.iter().any(|a| a == "--bench") {
        let child = std::thread::Builder::new()
            .stack_size(64 << 20)
            .spawn(move || bench(&root));
        if let Ok(h) = child {
            let _ = h.join();
        }
        return;
    }
    let failures_path = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .nth(1)
        .cloned()
        .unwrap_or_else(|| "parse262-failures.txt".into());
    let filter = args
        .iter()
        .find_map(|a| a.strip_prefix("--filter="))
        .map(str::to_string);
    let mut files = Vec::new();
    walk(&root.join("test"), &mut files);
    if let Some(f) = &filter {
        files.retain(|p| p.to_string_lossy().contains(f.as_str()));
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<(usize, Outcome)>> = Mutex::new(Vec::with_capacity(files.len()));
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(4);
    let t0 = Instant::now();
    std::thread::scope(|s| {
        for _ in 0..threads {
            let builder = std::thread::Builder::new().stack_size(16 << 20);
            let _ = builder.spawn_scoped(s, || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(p) = files.get(i) else { break };
                let o = run_one(p);
                if let Ok(mut r) = results.lock() {
                    r.push((i, o));
                }
            });
        }
    });
    let elapsed = t0.elapsed();
    let mut results = results.into_inner().unwrap_or_default();
    results.sort_by_key(|r| r.0);
    let mut by_area: BTreeMap<String, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    let mut failures = String::new();
    let test_dir = root.join("test");
    for (i, o) in &results {
        let rel = files[*i]
            .strip_prefix(&test_dir)
            .unwrap_or(&files[*i])
            .to_string_lossy()
            .to_string();
        let area = rel.split('/').next().unwrap_or("").to_string();
        let t = by_area.entry(area).or_default();
        for tally in [&mut *t, &mut total] {
            match o {
                Outcome::Skipped => tally.skipped += 1,
                Outcome::Negative(r) => {
                    tally.neg_total += 1;
                    tally.neg_ok += r.is_ok() as usize;
                }
                Outcome::Positive(r) => {
                    tally.pos_total += 1;
                    tally.pos_ok += r.is_ok() as usize;
                }
            }
        }
        match o {
            Outcome::Negative(Err(e)) => failures.push_str(&format!("NEG {rel}: {e}\n")),
            Outcome::Positive(Err(e)) => failures.push_str(&format!("POS {rel}: {e}\n")),
            _ => {}
        }
    }
    let pct = |a: usize, b: usize| {
        if b == 0 {
            100.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    let line = |name: &str, t: &Tally| {
        println!(
            "{name:<10} negative: {}/{} ({:.2}%)  positive: {}/{} ({:.2}%)  skipped (post-ES2025 syntax): {}",
            t.neg_ok,
            t.neg_total,
            pct(t.neg_ok, t.neg_total),
            t.pos_ok,
            t.pos_total,
            pct(t.pos_ok, t.pos_total),
            t.skipped
        );
    };
    for (area, t) in &by_area {
        line(area, t);
    }
    line("total", &total);
    println!(
        "{} files in {:.1} s; failures written to {failures_path}",
        results.len(),
        elapsed.as_secs_f64()
    );
    let _ = std::fs::write(&failures_path, failures);
}
