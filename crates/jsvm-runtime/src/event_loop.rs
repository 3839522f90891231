//! The event loop (DESIGN.md, The event loop), in the phases Node runs:
//! the entry script, then ticks/microtasks/rejections (`tasks::drain`);
//! then, while a referenced timer or immediate is pending, a timers pass
//! at the current loop time (each due timer followed by a drain), a check
//! phase (`setImmediate` callbacks), and a wait until the next timer is due
//! (a sleep, or under `--virtual-time` a jump of the clock). When nothing
//! is left, `beforeExit` listeners may add work; then `exit` listeners run
//! and the program's exit code is returned.
//!
//! Invariant: every exception escaping JavaScript reaches `settle`, which
//! turns it into an `uncaughtException` event (when there are listeners)
//! or into a `Halt` that ends the loop; `process.exit` always ends it.

use std::io::Write;
use std::sync::atomic::Ordering;
use std::time::Duration;

use jsvm_engine::api::EvalError;
use jsvm_engine::error::{JsError, JsResult};
use jsvm_engine::value::Value;
use jsvm_engine::vm::Vm;

use crate::host::{exit_requested, with_host, ExitCode};
use crate::{immediates, io, report, tasks, timers};

/// Why the loop stopped before running out of work.
pub enum Halt {
    /// `process.exit` was called (the code is recorded in the host).
    Exit,
    /// An exception nobody handled.
    Uncaught(JsError),
    /// The entry script did not parse (already reported).
    Syntax,
}

/// Runs `source` as the entry script, then the loop, then the exit
/// sequence. Returns the process exit status.
pub fn run_program(vm: &mut Vm, source: &str, filename: &str) -> i32 {
    let outcome = run_main(vm, source, filename);
    let status = finish(vm, outcome);
    let _ = std::io::stdout().lock().flush();
    status
}

fn run_main(vm: &mut Vm, source: &str, filename: &str) -> Result<(), Halt> {
    match vm.eval_script(source, filename) {
        Ok(_) => {}
        Err(EvalError::Syntax(info)) => {
            let _ = std::io::stdout().lock().flush();
            eprintln!("{}", report::format_syntax_error(&info));
            return Err(Halt::Syntax);
        }
        Err(EvalError::Thrown(err)) => settle(vm, Err(err))?,
    }
    drain(vm)?;
    run_loop(vm)
}

/// Runs `source` as the entry module (loaded from `filename`), then the
/// loop, then the exit sequence. Returns the process exit status; a
/// top-level await still pending when the loop runs dry gives Node's
/// warning and exit code 13.
pub fn run_module_program(vm: &mut Vm, source: &str, filename: &str) -> i32 {
    let mut promise = None;
    let outcome = run_main_module(vm, source, filename, &mut promise);
    if outcome.is_ok() {
        if let Some(p) = promise {
            let pending = match vm.get_persistent(p) {
                Value::Object(o) => matches!(
                    vm.promise_state(o),
                    Some((jsvm_engine::builtins::promise::PromiseState::Pending, _))
                ),
                _ => false,
            };
            if pending && with_host(|h| h.exit_code == ExitCode::Undefined) {
                let _ = std::io::stdout().lock().flush();
                eprintln!("Warning: Detected unsettled top-level await at {filename}");
                with_host(|h| h.exit_code = ExitCode::Number(13.0));
            }
        }
    }
    let status = finish(vm, outcome);
    let _ = std::io::stdout().lock().flush();
    status
}

/// Loads, links and evaluates the entry module; its evaluation promise
/// (kept in a persistent slot, left unhandled so that a rejection is
/// reported like any unhandled rejection) goes to `promise`.
fn run_main_module(
    vm: &mut Vm,
    source: &str,
    filename: &str,
    promise: &mut Option<usize>,
) -> Result<(), Halt> {
    let loader = crate::modules::current();
    let syntax = |info: &jsvm_engine::api::SyntaxErrorInfo| {
        let _ = std::io::stdout().lock().flush();
        eprintln!("{}", report::format_syntax_error(info));
        Halt::Syntax
    };
    let m = match loader.entry(vm, source, filename) {
        Ok(m) => m,
        Err(EvalError::Syntax(info)) => return Err(syntax(&info)),
        Err(EvalError::Thrown(err)) => return settle(vm, Err(err)),
    };
    match vm.eval_module(m) {
        Ok(p) => *promise = Some(vm.add_persistent(Value::Object(p))),
        Err(err) => {
            if let Some(info) = loader.take_syntax_error() {
                return Err(syntax(&info));
            }
            settle(vm, Err(err))?
        }
    }
    drain(vm)?;
    run_loop(vm)
}

/// Drains ticks, jobs and rejections; an exception handled by an
/// `uncaughtException` listener lets the drain carry on.
fn drain(vm: &mut Vm) -> Result<(), Halt> {
    loop {
        let r = tasks::drain(vm);
        let failed = r.is_err();
        settle(vm, r)?;
        if !failed {
            return Ok(());
        }
    }
}

/// Decides what an outcome of running JavaScript means for the loop.
fn settle(vm: &mut Vm, r: JsResult<()>) -> Result<(), Halt> {
    if exit_requested().is_some() {
        return Err(Halt::Exit);
    }
    match r {
        Ok(()) => Ok(()),
        Err(err) => trigger_uncaught(vm, err, "uncaughtException").map_err(|e| {
            if exit_requested().is_some() {
                Halt::Exit
            } else {
                Halt::Uncaught(e)
            }
        }),
    }
}

/// Node's `triggerUncaughtException`: hands `err` to the process's
/// `uncaughtException` listeners (with `origin`); without listeners, for
/// termination, or once a listener has thrown, the error comes back to end
/// the program.
pub fn trigger_uncaught(vm: &mut Vm, err: JsError, origin: &str) -> JsResult<()> {
    if !err.is_catchable()
        || with_host(|h| h.handler_failed)
        || !crate::events::has_listeners(vm, "uncaughtException")
    {
        return Err(err);
    }
    let value = vm.error_to_value(err);
    let mark = vm.roots_len();
    vm.push_root(value);
    let origin = Value::String(vm.new_string(origin));
    let r = crate::events::emit(vm, "uncaughtException", &[value, origin]);
    vm.truncate_roots(mark);
    // A listener that throws is fatal (Node's exit code 7).
    if r.is_err() {
        with_host(|h| h.handler_failed = true);
    }
    r.map(|_| ())
}

/// Timers, poll (I/O completions, waiting for them until the next timer
/// is due when nothing else is runnable), check phase; until no referenced
/// timer, immediate or I/O operation is left and `beforeExit` adds none.
fn run_loop(vm: &mut Vm) -> Result<(), Halt> {
    loop {
        let now = with_host(|h| h.clock.loop_now());
        while let Some(id) = timers::next_due(now) {
            let r = timers::fire(vm, id);
            settle(vm, r)?;
            drain(vm)?;
        }
        poll_io(vm)?;
        loop {
            let r = immediates::run_check_phase(vm);
            let failed = r.is_err();
            settle(vm, r)?;
            if !failed {
                break;
            }
        }
        if !timers::has_refed() && !immediates::has_refed() && !io::has_refed() {
            if !before_exit(vm)? {
                return Ok(());
            }
            continue;
        }
    }
}

/// The poll phase: runs the I/O completions that are ready, each followed
/// by a drain. When no immediate is pending, it first waits for one —
/// until the next timer is due, or for as long as it takes when only I/O
/// keeps the loop alive; a wait that times out lets the clock reach the
/// timer (under `--virtual-time`, without I/O in flight, the clock jumps
/// there at once).
fn poll_io(vm: &mut Vm) -> Result<(), Halt> {
    let mut next = if immediates::has_pending() {
        io::try_take()
    } else {
        wait_for_io()
    };
    while let Some(completion) = next {
        let r = completion(vm);
        settle(vm, r)?;
        drain(vm)?;
        next = io::try_take();
    }
    Ok(())
}

fn wait_for_io() -> Option<io::Completion> {
    let io_refed = io::has_refed();
    if !io_refed && !timers::has_refed() && !immediates::has_refed() {
        return io::try_take();
    }
    let Some(due) = timers::next_expiry() else {
        return if io_refed {
            io::wait(None)
        } else {
            io::try_take()
        };
    };
    if io_refed || !io::virtual_time() {
        let ms = due.ceil() - with_host(|h| h.clock.precise_now());
        if ms > 0.0 {
            if let Some(c) = io::wait(Some(Duration::from_secs_f64(ms / 1000.0))) {
                return Some(c);
            }
        }
    }
    with_host(|h| h.clock.wait_until(due));
    io::try_take()
}

/// Emits `beforeExit`; true when its listeners gave the loop more work.
fn before_exit(vm: &mut Vm) -> Result<bool, Halt> {
    if !crate::events::has_listeners(vm, "beforeExit") {
        return Ok(false);
    }
    let code = with_host(|h| h.exit_code.status());
    let r = crate::events::emit(vm, "beforeExit", &[Value::Number(code as f64)]).map(|_| ());
    settle(vm, r)?;
    drain(vm)?;
    Ok(timers::has_refed() || immediates::has_refed())
}

/// Reports how the program ended, runs `exit` listeners once, and returns
/// the exit status (`process.exitCode`, which listeners may change, or the
/// code a `process.exit` inside a listener gives).
fn finish(vm: &mut Vm, outcome: Result<(), Halt>) -> i32 {
    match outcome {
        Ok(()) | Err(Halt::Exit) => {}
        Err(Halt::Syntax) => return 1,
        Err(Halt::Uncaught(err)) => {
            report::print_uncaught(vm, &err);
            let code = if with_host(|h| h.handler_failed) {
                7.0
            } else {
                1.0
            };
            with_host(|h| h.exit_code = ExitCode::Number(code));
        }
    }
    // JavaScript may run again (exit listeners): lift the exit request.
    vm.interrupt.store(false, Ordering::Relaxed);
    with_host(|h| h.exit_requested = None);
    let code = with_host(|h| h.exit_code.status());
    let r = crate::events::emit(vm, "exit", &[Value::Number(code as f64)]);
    if let Some(code) = exit_requested() {
        return code;
    }
    if let Err(err) = r {
        report::print_uncaught(vm, &err);
        return 1;
    }
    with_host(|h| h.exit_code.status())
}
