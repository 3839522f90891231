//! Running one test file in-process and judging the outcome
//! (INTERPRETING.md, "Test Results", `negative`, `async`).
//!
//! Invariant: every run gets a fresh `Vm` (a fresh agent and realm) created
//! inside `catch_unwind`, so a panic can never leave a half-broken `Vm` behind
//! for the next run; the panic message is recorded by a quiet panic hook
//! instead of being printed, and the run is a CRASH.

use std::cell::{Cell, RefCell};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Once};

use jsvm_engine::api::EvalError;
use jsvm_engine::atom::atoms;
use jsvm_engine::error::JsError;
use jsvm_engine::value::{PropertyKey, Value};
use jsvm_engine::vm::{Vm, VmOptions};

use crate::frontmatter::{self, Metadata, Phase};
use crate::harness::{modes, Composed, Harness, Mode};
use crate::host;
use crate::modules::{self, ModuleOutcome as Failure};
use crate::verdict::{RunResult, TestResult, Verdict};

/// Lines a worker prints when a test passes in the async protocol.
pub const ASYNC_COMPLETE: &str = "Test262:AsyncTestComplete";
pub const ASYNC_FAILURE: &str = "Test262:AsyncTestFailure:";

thread_local! {
    /// Set on worker threads: panics are recorded, not printed.
    static QUIET_PANICS: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the process-wide panic hook (once): on threads that called
/// `quiet_panics_on_this_thread` it records the message and location; on
/// other threads it defers to the default hook.
pub fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if QUIET_PANICS.with(Cell::get) {
                let payload = info.payload();
                let msg = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "non-string panic payload".to_string());
                let full = match info.location() {
                    Some(l) => format!("panicked at {}:{}: {msg}", l.file(), l.line()),
                    None => format!("panicked: {msg}"),
                };
                LAST_PANIC.with(|p| *p.borrow_mut() = Some(full));
            } else {
                default(info);
            }
        }));
    });
}

/// Makes panics on this thread quiet (see `install_panic_hook`).
pub fn quiet_panics_on_this_thread() {
    QUIET_PANICS.with(|q| q.set(true));
}

/// What the runner was asked to leave out.
#[derive(Clone, Debug, Default)]
pub struct Filters {
    /// Only tests using at least one of these features (empty: all).
    pub features: Vec<String>,
    /// Tests using any of these are UNSUPPORTED.
    pub exclude_features: Vec<String>,
}

impl Filters {
    /// False when `--features` leaves this test out entirely.
    pub fn selects(&self, meta: &Metadata) -> bool {
        self.features.is_empty() || meta.features.iter().any(|f| self.features.contains(f))
    }
}

/// Why a test cannot run here, if it cannot (decided before any run).
pub fn unsupported_reason(meta: &Metadata, source: &str, filters: &Filters) -> Option<String> {
    if let Some(f) = meta
        .features
        .iter()
        .find(|f| filters.exclude_features.contains(f))
    {
        return Some(format!("excluded feature: {f}"));
    }
    if meta.features.iter().any(|f| f == "IsHTMLDDA") {
        return Some("$262.IsHTMLDDA".to_string());
    }
    if source.contains("$262.agent") || meta.includes.iter().any(|i| i == "atomicsHelper.js") {
        return Some("$262.agent".to_string());
    }
    // This host's agent (a shell thread) can block, like Node's main thread.
    if meta.flags.can_block_is_false {
        return Some("CanBlockIsFalse".to_string());
    }
    None
}

/// A test file read and parsed, ready to run in its modes.
pub struct Prepared {
    pub path: String,
    /// The test file itself (modules and `import()` resolve against it).
    pub file: std::path::PathBuf,
    pub source: String,
    pub meta: Metadata,
}

/// Reads and parses a test; `Err` is the finished result (unreadable or bad
/// frontmatter is a FAIL, unsupported is UNSUPPORTED); `Ok(None)` means the
/// feature filter leaves it out.
pub fn prepare(
    test_dir: &Path,
    path: &str,
    filters: &Filters,
) -> Result<Option<Prepared>, TestResult> {
    let finished = |verdict, message: String| TestResult {
        path: path.to_string(),
        runs: vec![RunResult::new(None, verdict, message)],
    };
    let bytes = std::fs::read(test_dir.join(path))
        .map_err(|e| finished(Verdict::Fail, format!("cannot read test: {e}")))?;
    let source = String::from_utf8(bytes)
        .map_err(|_| finished(Verdict::Fail, "test file is not UTF-8".to_string()))?;
    let meta = frontmatter::parse(&source)
        .map_err(|e| finished(Verdict::Fail, format!("frontmatter: {e}")))?;
    if !filters.selects(&meta) {
        return Ok(None);
    }
    if let Some(reason) = unsupported_reason(&meta, &source, filters) {
        return Err(finished(Verdict::Unsupported, reason));
    }
    let file = test_dir.join(path);
    let file = if file.is_absolute() {
        file
    } else {
        std::env::current_dir().unwrap_or_default().join(file)
    };
    Ok(Some(Prepared {
        path: path.to_string(),
        file,
        source,
        meta,
    }))
}

/// Runs a prepared test in each of its modes. `begin_run` is called before
/// each run and `arm` with the run's interrupt flag once its `Vm` exists (the
/// watchdog sets the flag when the time limit passes). After a TIMEOUT the
/// remaining modes are skipped.
pub fn run_in_process(
    harness: &Harness,
    test: &Prepared,
    begin_run: &mut dyn FnMut(),
    arm: &mut dyn FnMut(&Arc<AtomicBool>),
) -> TestResult {
    let mut runs = Vec::new();
    for mode in modes(&test.meta) {
        begin_run();
        let r = run_mode(harness, test, mode, arm);
        let stop = r.verdict == Verdict::Timeout;
        runs.push(r);
        if stop {
            break;
        }
    }
    TestResult {
        path: test.path.clone(),
        runs,
    }
}

/// One run: fresh `Vm`, host bindings, the composed script, then all jobs.
pub fn run_mode(
    harness: &Harness,
    test: &Prepared,
    mode: Mode,
    arm: &mut dyn FnMut(&Arc<AtomicBool>),
) -> RunResult {
    let composed = match harness.compose(&test.meta, mode, &test.source, "") {
        Ok(c) => c,
        Err(e) => return RunResult::new(Some(mode), Verdict::Fail, format!("harness: {e}")),
    };
    let prelude = if mode == Mode::Module {
        match harness.prelude(&test.meta) {
            Ok(p) => p,
            Err(e) => return RunResult::new(Some(mode), Verdict::Fail, format!("harness: {e}")),
        }
    } else {
        String::new()
    };
    host::clear_printed();
    LAST_PANIC.with(|p| p.borrow_mut().take());
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        let mut vm = Vm::new(VmOptions::default());
        arm(&vm.interrupt);
        let realm = vm.current_realm;
        host::install(&mut vm, realm);
        let loader = modules::install(&mut vm, &test.file);
        let roots = vm.roots_len();
        let result = if mode == Mode::Module {
            modules::run_module_test(
                &mut vm,
                &loader,
                &test.file,
                &test.path,
                &prelude,
                &test.source,
            )
        } else {
            evaluate(&mut vm, &test.path, &composed).map_err(|e| match e {
                EvalError::Syntax(info) => Failure::Parse(info),
                EvalError::Thrown(e) => Failure::Runtime(e),
            })
        };
        vm.truncate_roots(roots);
        judge(&mut vm, &test.meta, &composed, mode, result)
    }));
    host::clear_printed();
    match outcome {
        Ok(r) => r,
        Err(_) => {
            let msg = LAST_PANIC
                .with(|p| p.borrow_mut().take())
                .unwrap_or_else(|| "panicked".to_string());
            RunResult::new(Some(mode), Verdict::Crash, msg)
        }
    }
}

/// Evaluates the script and, if it completed, runs every queued job.
fn evaluate(vm: &mut Vm, path: &str, composed: &Composed) -> Result<(), EvalError> {
    vm.eval_script(&composed.source, path)?;
    vm.run_jobs().map_err(EvalError::Thrown)
}

/// A thrown error's constructor name and message, for judging and display.
pub fn describe_error(vm: &mut Vm, err: &JsError) -> (String, String) {
    match err {
        JsError::Native(n) => (n.kind.name().to_string(), n.message.clone()),
        JsError::Terminate(t) => ("<terminated>".to_string(), format!("{t:?}")),
        JsError::Throw(v) => {
            let v = *v;
            vm.push_root(v);
            let name = constructor_name(vm, v).unwrap_or_else(|| "<unknown>".to_string());
            let message = thrown_message(vm, v);
            (name, message)
        }
    }
}

/// `value.constructor.name`, if it is a string (INTERPRETING.md: the thrown
/// exception's constructor name decides a negative runtime test).
fn constructor_name(vm: &mut Vm, v: Value) -> Option<String> {
    if v.is_nullish() {
        return None;
    }
    let ctor = vm.get_v(v, PropertyKey::Atom(atoms::CONSTRUCTOR)).ok()?;
    let ctor = ctor.as_object()?;
    vm.push_root(Value::Object(ctor));
    let name = vm.get_prop(ctor, PropertyKey::Atom(atoms::NAME)).ok()?;
    name.as_string().map(|s| vm.string_to_rust(s))
}

/// The `message` of a thrown object, or the thrown primitive as a string.
fn thrown_message(vm: &mut Vm, v: Value) -> String {
    let text = match v {
        Value::Object(o) => match vm.get_prop(o, PropertyKey::Atom(atoms::MESSAGE)) {
            Ok(m) if m.is_undefined() => return String::new(),
            Ok(m) => vm.to_string(m),
            Err(_) => return "<message getter threw>".to_string(),
        },
        Value::Symbol(_) => return "<symbol>".to_string(),
        other => vm.to_string(other),
    };
    match text {
        Ok(s) => vm.string_to_rust(s),
        Err(_) => "<message not convertible to string>".to_string(),
    }
}

/// Turns the outcome of one run into a verdict.
fn judge(
    vm: &mut Vm,
    meta: &Metadata,
    composed: &Composed,
    mode: Mode,
    result: Result<(), Failure>,
) -> RunResult {
    let fail = |m: String| RunResult::new(Some(mode), Verdict::Fail, m);
    if vm.interrupted()
        || matches!(
            result,
            Err(Failure::Runtime(JsError::Terminate(_))
                | Failure::Resolution(JsError::Terminate(_)))
        )
    {
        return RunResult::new(Some(mode), Verdict::Timeout, "time limit exceeded");
    }
    let printed = host::take_printed();
    let in_test = |line: u32| {
        if line > composed.prefix_lines {
            format!("line {}", line - composed.prefix_lines)
        } else {
            format!("harness line {line}")
        }
    };
    match (&meta.negative, result) {
        (Some(neg), Err(Failure::Parse(info))) if neg.phase == Phase::Parse => {
            if neg.error_type != "SyntaxError" {
                fail(format!(
                    "expected a parse-phase {}, got SyntaxError",
                    neg.error_type
                ))
            } else if !printed.is_empty() {
                fail("SyntaxError reported after code ran (print was called)".to_string())
            } else if info.line <= composed.prefix_lines {
                fail(format!(
                    "SyntaxError in the harness ({}:{}): {}",
                    in_test(info.line),
                    info.column,
                    info.message
                ))
            } else {
                RunResult::pass(mode)
            }
        }
        (Some(neg), Err(Failure::Resolution(err))) if neg.phase == Phase::Resolution => {
            let (name, message) = describe_error(vm, &err);
            if !printed.is_empty() {
                fail("resolution error reported after code ran (print was called)".to_string())
            } else if name == neg.error_type {
                RunResult::pass(mode)
            } else {
                fail(format!(
                    "expected a resolution-phase {}, got {name}: {message}",
                    neg.error_type
                ))
            }
        }
        (Some(neg), Err(Failure::Runtime(err))) if neg.phase == Phase::Runtime => {
            let (name, message) = describe_error(vm, &err);
            if vm.interrupted() {
                RunResult::new(Some(mode), Verdict::Timeout, "time limit exceeded")
            } else if name == neg.error_type {
                RunResult::pass(mode)
            } else {
                fail(format!(
                    "expected {}, got {name}: {message}",
                    neg.error_type
                ))
            }
        }
        (Some(neg), Err(Failure::Parse(info))) => fail(format!(
            "expected a {}-phase {}, got a parse-phase SyntaxError ({}:{}): {}",
            neg.phase.name(),
            neg.error_type,
            in_test(info.line),
            info.column,
            info.message
        )),
        (Some(neg), Err(Failure::Resolution(err))) => {
            let (name, message) = describe_error(vm, &err);
            fail(format!(
                "expected a {}-phase {}, but loading or linking failed with {name}: {message}",
                neg.phase.name(),
                neg.error_type
            ))
        }
        (Some(neg), Err(Failure::Runtime(err))) => {
            let (name, message) = describe_error(vm, &err);
            fail(format!(
                "expected a {}-phase {}, but the script ran and threw {name}: {message}",
                neg.phase.name(),
                neg.error_type
            ))
        }
        (Some(neg), Ok(())) => fail(format!(
            "expected a {}-phase {}, but the script completed normally",
            neg.phase.name(),
            neg.error_type
        )),
        (None, Err(Failure::Parse(info))) => fail(format!(
            "SyntaxError ({}:{}): {}",
            in_test(info.line),
            info.column,
            info.message
        )),
        (None, Err(Failure::Resolution(err))) => {
            let (name, message) = describe_error(vm, &err);
            fail(format!("loading or linking failed: {name}: {message}"))
        }
        (None, Err(Failure::Runtime(err))) => {
            let (name, message) = describe_error(vm, &err);
            if vm.interrupted() {
                RunResult::new(Some(mode), Verdict::Timeout, "time limit exceeded")
            } else {
                fail(format!("{name}: {message}"))
            }
        }
        (None, Ok(())) if meta.flags.is_async => judge_async(&printed, mode),
        (None, Ok(())) => RunResult::pass(mode),
    }
}

/// The async protocol: `print` must have reported completion, not failure.
pub fn judge_async(printed: &[String], mode: Mode) -> RunResult {
    if let Some(f) = printed.iter().find(|l| l.starts_with(ASYNC_FAILURE)) {
        return RunResult::new(Some(mode), Verdict::Fail, f.clone());
    }
    if printed.iter().any(|l| l == ASYNC_COMPLETE) {
        return RunResult::pass(mode);
    }
    RunResult::new(
        Some(mode),
        Verdict::Fail,
        "async test did not print Test262:AsyncTestComplete",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(yaml: &str) -> Metadata {
        frontmatter::parse(&format!("/*---\n{yaml}\n---*/")).unwrap()
    }

    #[test]
    fn unsupported_reasons() {
        let none = Filters::default();
        assert_eq!(
            unsupported_reason(&meta("flags: [module]"), "", &none),
            None
        );
        let ex = Filters {
            features: vec![],
            exclude_features: vec!["Temporal".into()],
        };
        assert_eq!(
            unsupported_reason(&meta("features: [BigInt, Temporal]"), "", &ex).as_deref(),
            Some("excluded feature: Temporal")
        );
        assert_eq!(
            unsupported_reason(&meta("features: [BigInt]"), "", &ex),
            None
        );
        assert!(unsupported_reason(&meta("features: [IsHTMLDDA]"), "", &none).is_some());
        assert!(unsupported_reason(&meta(""), "$262.agent.start(`x`)", &none).is_some());
        assert!(unsupported_reason(&meta("includes: [atomicsHelper.js]"), "", &none).is_some());
        assert!(unsupported_reason(&meta("flags: [CanBlockIsFalse]"), "", &none).is_some());
        assert_eq!(
            unsupported_reason(&meta("flags: [CanBlockIsTrue]"), "", &none),
            None
        );
    }

    #[test]
    fn feature_selection() {
        let f = Filters {
            features: vec!["Proxy".into(), "Reflect".into()],
            exclude_features: vec![],
        };
        assert!(f.selects(&meta("features: [Symbol, Reflect]")));
        assert!(!f.selects(&meta("features: [Symbol]")));
        assert!(!f.selects(&meta("")));
        assert!(Filters::default().selects(&meta("")));
    }

    #[test]
    fn async_protocol() {
        let p = |lines: &[&str]| lines.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            judge_async(&p(&["x", ASYNC_COMPLETE]), Mode::Sloppy).verdict,
            Verdict::Pass
        );
        let r = judge_async(
            &p(&["Test262:AsyncTestFailure:Test262Error: no", ASYNC_COMPLETE]),
            Mode::Strict,
        );
        assert_eq!(r.verdict, Verdict::Fail);
        assert!(r.message.contains("Test262Error: no"));
        assert_eq!(judge_async(&[], Mode::Sloppy).verdict, Verdict::Fail);
    }
}
