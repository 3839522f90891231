//! A crude test262 runner for measuring the interpreter (the real runner is
//! `conformance/`): runs every `.js` test under a directory through
//! `Vm::eval_script` with harness/assert.js, sta.js and the test's
//! includes prepended, in a fresh `Vm` per test and mode, and prints pass
//! counts per subdirectory.
//!
//! Usage: `cargo run -p jsvm-engine --example run262 -- <test-dir> [--test262 <root>] [--failures <file>] [--filter <substr>]`
//!
//! Modules are skipped; async tests run their jobs and look for the
//! `Test262:AsyncTestComplete` line printed through `print`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::Duration;

use jsvm_engine::api::{CallArgs, EvalError, PropertyKey};
use jsvm_engine::error::{JsError, JsResult};
use jsvm_engine::value::{RealmId, Value};
use jsvm_engine::vm::{Vm, VmOptions};

#[derive(Default)]
struct Meta {
    includes: Vec<String>,
    flags: Vec<String>,
    negative_phase: Option<String>,
    negative_type: Option<String>,
}

fn parse_meta(src: &str) -> Meta {
    let mut m = Meta::default();
    let Some(start) = src.find("/*---") else {
        return m;
    };
    let Some(len) = src[start..].find("---*/") else {
        return m;
    };
    let yaml = &src[start + 5..start + len];
    let mut in_includes = false;
    let mut in_negative = false;
    for line in yaml.lines() {
        let t = line.trim();
        let list = |s: &str| -> Vec<String> {
            s.trim_start_matches('[')
                .trim_end_matches(']')
                .split(',')
                .map(|x| x.trim().to_string())
                .filter(|x| !x.is_empty())
                .collect()
        };
        if let Some(rest) = t.strip_prefix("includes:") {
            m.includes.extend(list(rest.trim()));
            in_includes = rest.trim().is_empty();
            in_negative = false;
            continue;
        }
        if let Some(rest) = t.strip_prefix("flags:") {
            m.flags.extend(list(rest.trim()));
            in_includes = false;
            in_negative = false;
            continue;
        }
        if t.starts_with("negative:") {
            in_negative = true;
            in_includes = false;
            continue;
        }
        if in_includes {
            if let Some(x) = t.strip_prefix("- ") {
                m.includes.push(x.trim().to_string());
                continue;
            }
            in_includes = false;
        }
        if in_negative {
            if let Some(x) = t.strip_prefix("phase:") {
                m.negative_phase = Some(x.trim().to_string());
                continue;
            }
            if let Some(x) = t.strip_prefix("type:") {
                m.negative_type = Some(x.trim().to_string());
                continue;
            }
            if !line.starts_with(' ') {
                in_negative = false;
            }
        }
    }
    m
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|e| e == "js")
            && !p.to_string_lossy().contains("_FIXTURE")
        {
            out.push(p);
        }
    }
}

fn print(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = vm.to_string(args.arg(0))?;
    let text = vm.string_to_rust(s);
    if text.contains("Test262:AsyncTestComplete") {
        ASYNC_DONE.with(|d| d.set(1));
    } else if text.contains("Test262:AsyncTestFailure") {
        ASYNC_DONE.with(|d| d.set(2));
    }
    Ok(Value::Undefined)
}

thread_local! {
    static ASYNC_DONE: std::cell::Cell<u8> = const { std::cell::Cell::new(0) };
}

fn realm_of(vm: &Vm, args: &CallArgs) -> RealmId {
    match vm.native_slot(args.callee, 0) {
        Value::Number(n) => RealmId(n as u32),
        _ => vm.current_realm,
    }
}

fn eval_script_fn(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = vm.to_string(args.arg(0))?;
    let src = vm.string_to_rust(s);
    let realm = realm_of(vm, args);
    vm.with_realm(realm, |vm| match vm.eval_script(&src, "evalScript.js") {
        Ok(v) => Ok(v),
        Err(EvalError::Syntax(e)) => Err(JsError::syntax_error(e.message)),
        Err(EvalError::Thrown(e)) => Err(e),
    })
}

fn gc_fn(vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    vm.collect_garbage();
    Ok(Value::Undefined)
}

fn create_realm_fn(vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    let r = vm.create_realm();
    Ok(install_262(vm, r))
}

/// Defines `$262` (and `print`) on `realm`'s global object.
fn install_262(vm: &mut Vm, realm: RealmId) -> Value {
    vm.with_realm(realm, |vm| {
        let g = vm.global_object();
        let o = vm.new_plain_object();
        let slot = [Value::Number(realm.0 as f64)];
        let attrs = jsvm_engine::api::Attrs::METHOD;
        for (name, len, f) in [
            (
                "evalScript",
                1,
                eval_script_fn as jsvm_engine::function::NativeFn,
            ),
            ("gc", 0, gc_fn),
            ("createRealm", 0, create_realm_fn),
        ] {
            let k = vm.key(name);
            let func = vm.new_native_closure(k, len, f, &slot);
            vm.define_value(o, k, Value::Object(func), attrs);
        }
        let k = vm.key("global");
        vm.define_value(o, k, Value::Object(g), attrs);
        let k: PropertyKey = vm.key("$262");
        vm.define_value(g, k, Value::Object(o), attrs);
        vm.define_global_function("print", 1, print);
        Value::Object(o)
    })
}

enum Outcome {
    Pass,
    Fail(String),
    Skip,
}

fn error_name(vm: &mut Vm, e: JsError) -> (String, String) {
    let v = match e {
        JsError::Throw(v) => v,
        JsError::Native(_) => vm.error_to_value(e),
        JsError::Terminate(t) => return ("Terminate".into(), format!("{t:?}")),
    };
    if let Value::Object(o) = v {
        // Test262Error and other non-Error throws: constructor name + message.
        let ck = vm.key("constructor");
        let nk = vm.key("name");
        let mk = vm.key("message");
        let name = vm
            .get(o, ck, v)
            .and_then(|c| vm.get_v(c, nk))
            .and_then(|n| vm.to_string(n))
            .map(|s| vm.string_to_rust(s))
            .unwrap_or_default();
        let msg = vm
            .get(o, mk, v)
            .and_then(|m| vm.to_string(m))
            .map(|s| vm.string_to_rust(s))
            .unwrap_or_default();
        return (name.clone(), format!("{name}: {msg}"));
    }
    let r = vm.error_report(&JsError::Throw(v));
    (r.name, r.display)
}

fn run_one(harness: &Path, path: &Path, src: &str, meta: &Meta, strict: bool) -> Outcome {
    let raw = meta.flags.iter().any(|f| f == "raw");
    let is_async = meta.flags.iter().any(|f| f == "async");
    let mut prelude = String::new();
    if strict {
        prelude.push_str("'use strict';\n");
    }
    if !raw {
        let mut inc = vec!["assert.js".to_string(), "sta.js".to_string()];
        if is_async {
            inc.push("doneprintHandle.js".into());
        }
        inc.extend(meta.includes.iter().cloned());
        for i in inc {
            match std::fs::read_to_string(harness.join(&i)) {
                Ok(t) => {
                    prelude.push_str(&t);
                    prelude.push('\n');
                }
                Err(_) => return Outcome::Fail(format!("missing include {i}")),
            }
        }
    }
    let full = format!("{prelude}{src}");
    let mut vm = Vm::new(VmOptions::default());
    let realm = vm.current_realm;
    install_262(&mut vm, realm);
    let flag = vm.interrupt.clone();
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if rx.recv_timeout(Duration::from_secs(10)).is_err() {
            flag.store(true, Ordering::Relaxed);
        }
    });
    ASYNC_DONE.with(|d| d.set(0));
    let name = path.to_string_lossy().to_string();
    let mut r = vm.eval_script(&full, &name);
    if r.is_ok() {
        if let Err(e) = vm.run_jobs() {
            r = Err(EvalError::Thrown(e));
        }
    }
    let _ = tx.send(());
    let _ = watchdog.join();
    let out = match (&meta.negative_phase, r) {
        (Some(p), Err(EvalError::Syntax(_))) if p == "parse" || p == "early" => {
            if meta.negative_type.as_deref() == Some("SyntaxError") {
                Outcome::Pass
            } else {
                Outcome::Fail("expected a non-syntax early error".into())
            }
        }
        (Some(p), Err(EvalError::Syntax(e))) => {
            Outcome::Fail(format!("{p}: unexpected SyntaxError {}", e.message))
        }
        (Some(p), Ok(_)) => {
            Outcome::Fail(format!("expected {p} {:?}, completed", meta.negative_type))
        }
        (Some(p), Err(EvalError::Thrown(e))) => {
            let (n, d) = error_name(&mut vm, e);
            if p == "runtime" && Some(n.as_str()) == meta.negative_type.as_deref() {
                Outcome::Pass
            } else {
                Outcome::Fail(format!("expected {p} {:?}, got {d}", meta.negative_type))
            }
        }
        (None, Ok(_)) => {
            if is_async && ASYNC_DONE.with(|d| d.get()) != 1 {
                Outcome::Fail("async test did not complete".into())
            } else {
                Outcome::Pass
            }
        }
        (None, Err(EvalError::Syntax(e))) => {
            Outcome::Fail(format!("SyntaxError {}:{} {}", e.line, e.column, e.message))
        }
        (None, Err(EvalError::Thrown(e))) => {
            let (_, d) = error_name(&mut vm, e);
            Outcome::Fail(d.lines().next().unwrap_or("").to_string())
        }
    };
    out
}

fn run_test(harness: &Path, path: &Path) -> Outcome {
    let Ok(src) = std::fs::read_to_string(path) else {
        return Outcome::Skip;
    };
    let meta = parse_meta(&src);
    if meta.flags.iter().any(|f| f == "module")
        || meta.negative_phase.as_deref() == Some("resolution")
    {
        return Outcome::Skip;
    }
    let only_strict = meta.flags.iter().any(|f| f == "onlyStrict");
    let no_strict = meta.flags.iter().any(|f| f == "noStrict" || f == "raw");
    let mut modes = Vec::new();
    if !only_strict {
        modes.push(false);
    }
    if !no_strict {
        modes.push(true);
    }
    for strict in modes {
        match run_one(harness, path, &src, &meta, strict) {
            Outcome::Pass => {}
            Outcome::Fail(m) => {
                return Outcome::Fail(format!(
                    "[{}] {m}",
                    if strict { "strict" } else { "sloppy" }
                ))
            }
            Outcome::Skip => return Outcome::Skip,
        }
    }
    Outcome::Pass
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut dir = None;
    let mut root = PathBuf::from("/work/shared/test262");
    let mut failures: Option<PathBuf> = None;
    let mut filter: Option<String> = None;
    let mut i = 1;
    while i < args.len() {
        match args[i].as_str() {
            "--test262" => {
                i += 1;
                root = PathBuf::from(&args[i]);
            }
            "--failures" => {
                i += 1;
                failures = Some(PathBuf::from(&args[i]));
            }
            "--filter" => {
                i += 1;
                filter = Some(args[i].clone());
            }
            d => dir = Some(PathBuf::from(d)),
        }
        i += 1;
    }
    let Some(dir) = dir else {
        eprintln!(
            "usage: run262 <test-dir> [--test262 <root>] [--failures <file>] [--filter <substr>]"
        );
        std::process::exit(2);
    };
    let harness = root.join("harness");
    let worker = std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            let mut tests = Vec::new();
            collect(&dir, &mut tests);
            if let Some(f) = &filter {
                tests.retain(|t| t.to_string_lossy().contains(f.as_str()));
            }
            let mut per_dir: BTreeMap<String, (u32, u32, u32, u32)> = BTreeMap::new();
            let mut fail_lines = Vec::new();
            std::panic::set_hook(Box::new(|_| {}));
            for t in &tests {
                let rel = t.strip_prefix(&dir).unwrap_or(t);
                let group = rel
                    .components()
                    .next()
                    .map(|c| c.as_os_str().to_string_lossy().to_string())
                    .unwrap_or_default();
                let group = if rel.components().count() == 1 {
                    ".".to_string()
                } else {
                    group
                };
                let h = harness.clone();
                let tp = t.clone();
                let r = std::panic::catch_unwind(move || run_test(&h, &tp));
                let e = per_dir.entry(group).or_default();
                match r {
                    Ok(Outcome::Pass) => e.0 += 1,
                    Ok(Outcome::Fail(m)) => {
                        e.1 += 1;
                        fail_lines.push(format!("FAIL {} :: {m}", rel.display()));
                    }
                    Ok(Outcome::Skip) => e.2 += 1,
                    Err(p) => {
                        e.3 += 1;
                        let msg = p
                            .downcast_ref::<String>()
                            .cloned()
                            .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                            .unwrap_or_default();
                        fail_lines.push(format!("PANIC {} :: {msg}", rel.display()));
                    }
                }
            }
            let (mut p, mut f, mut s, mut x) = (0, 0, 0, 0);
            println!(
                "{:<40} {:>6} {:>6} {:>6} {:>6}",
                "directory", "pass", "fail", "skip", "panic"
            );
            for (d, (a, b, c, e)) in &per_dir {
                println!("{d:<40} {a:>6} {b:>6} {c:>6} {e:>6}");
                p += a;
                f += b;
                s += c;
                x += e;
            }
            let run = p + f + x;
            println!(
                "{:<40} {p:>6} {f:>6} {s:>6} {x:>6}   ({:.1}% of {run} run)",
                "TOTAL",
                if run > 0 {
                    100.0 * p as f64 / run as f64
                } else {
                    0.0
                }
            );
            if let Some(path) = failures {
                let _ = std::fs::write(path, fail_lines.join("\n") + "\n");
            }
        })
        .expect("spawn worker");
    let _ = worker.join();
}
