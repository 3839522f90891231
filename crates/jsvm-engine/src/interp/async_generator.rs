//! Async generators (27.6.3): the request queue and its draining
//! (AsyncGeneratorEnqueue, AsyncGeneratorCompleteStep, AsyncGeneratorResume,
//! AsyncGeneratorDrainQueue, AsyncGeneratorAwaitReturn), `yield` with
//! AsyncGeneratorUnwrapYieldResumption, and the three prototype methods.
//!
//! Invariant: every queued request's promise is settled exactly once, by
//! `complete_step`, oldest first. The state `AwaitingReturn` is the spec's
//! draining-queue: the body will not run again.

use crate::builtins::promise::{
    new_promise, perform_promise_then, promise_resolve, reject_promise, resolve_promise, Reaction,
};
use crate::error::{JsError, JsResult};
use crate::interp::coroutine::{self, CoroutineKind, CoroutineState as State, ResumeMode};
use crate::value::{ObjId, Value};
use crate::vm::Vm;

/// The thrown value of a catchable error (terminations pass through).
fn catch(vm: &mut Vm, e: JsError) -> JsResult<Value> {
    if !e.is_catchable() {
        return Err(e);
    }
    Ok(vm.error_to_value(e))
}

/// AsyncGeneratorCompleteStep (27.6.3.4): settles the oldest request with
/// a throw (`mode` Throw) or with CreateIterResultObject(value, done).
fn complete_step(
    vm: &mut Vm,
    co: ObjId,
    mode: ResumeMode,
    value: Value,
    done: bool,
) -> JsResult<()> {
    let Some(req) = coroutine::data_mut(vm, co).and_then(|c| c.async_state().queue.pop_front())
    else {
        return Ok(());
    };
    let promise = req.2;
    if mode == ResumeMode::Throw {
        reject_promise(vm, promise, value);
        return Ok(());
    }
    let base = vm.roots_len();
    vm.push_root(Value::Object(promise));
    let result = Value::Object(vm.create_iter_result(value, done));
    let r = resolve_promise(vm, promise, result);
    vm.truncate_roots(base);
    r
}

fn set_state(vm: &mut Vm, co: ObjId, state: State) {
    if let Some(c) = coroutine::data_mut(vm, co) {
        c.state = state;
    }
}

fn state(vm: &Vm, co: ObjId) -> State {
    coroutine::state_of(vm, co)
}

/// The oldest request, if any.
fn front(vm: &Vm, co: ObjId) -> Option<(ResumeMode, Value)> {
    coroutine::data(vm, co).and_then(|c| c.queue()?.front().map(|&(m, v, _)| (m, v)))
}

/// AsyncGeneratorDrainQueue (27.6.3.10).
fn drain_queue(vm: &mut Vm, co: ObjId) -> JsResult<()> {
    loop {
        match front(vm, co) {
            None => {
                set_state(vm, co, State::Completed);
                return Ok(());
            }
            Some((ResumeMode::Return, _)) => return await_return(vm, co),
            Some((ResumeMode::Throw, v)) => complete_step(vm, co, ResumeMode::Throw, v, true)?,
            Some((ResumeMode::Next, _)) => {
                complete_step(vm, co, ResumeMode::Next, Value::Undefined, true)?
            }
        }
    }
}

/// AsyncGeneratorAwaitReturn (27.6.3.9): awaits the oldest (return)
/// request's value; `await_return_settled` continues.
fn await_return(vm: &mut Vm, co: ObjId) -> JsResult<()> {
    let Some((_, value)) = front(vm, co) else {
        return Ok(());
    };
    let ctor = vm.intrinsics().promise;
    match promise_resolve(vm, ctor, value) {
        Ok(p) => {
            perform_promise_then(vm, p, Reaction::Await(co), Reaction::Await(co), None);
            Ok(())
        }
        Err(e) => {
            let reason = catch(vm, e)?;
            complete_step(vm, co, ResumeMode::Throw, reason, true)?;
            drain_queue(vm, co)
        }
    }
}

/// The awaited return value settled (the closures of
/// AsyncGeneratorAwaitReturn steps 11 and 13).
pub(crate) fn await_return_settled(
    vm: &mut Vm,
    co: ObjId,
    value: Value,
    mode: ResumeMode,
) -> JsResult<()> {
    complete_step(vm, co, mode, value, true)?;
    drain_queue(vm, co)
}

/// The body finished (AsyncGeneratorStart steps 4.d-i): with a return
/// (`Next`, its value) or a throw.
pub(crate) fn body_completed(
    vm: &mut Vm,
    co: ObjId,
    mode: ResumeMode,
    value: Value,
) -> JsResult<()> {
    if let Some(c) = coroutine::data_mut(vm, co) {
        c.state = State::AwaitingReturn;
        c.drop_frame();
    }
    complete_step(vm, co, mode, value, true)?;
    drain_queue(vm, co)
}

/// AsyncGeneratorResume (27.6.3.6), including the await of a return
/// completion's value that AsyncGeneratorUnwrapYieldResumption does at the
/// `yield` the body is suspended in.
fn resume(vm: &mut Vm, co: ObjId, value: Value, mode: ResumeMode) -> JsResult<()> {
    if mode == ResumeMode::Return {
        return match coroutine::await_value(vm, co, value) {
            Ok(()) => {
                coroutine::set_awaiting(vm, co, true);
                Ok(())
            }
            Err(e) => {
                let reason = catch(vm, e)?;
                coroutine::run_resumed(vm, co, reason, ResumeMode::Throw)
            }
        };
    }
    coroutine::run_resumed(vm, co, value, mode)
}

/// What `AsyncYield` does after settling the oldest request.
pub(crate) enum YieldOutcome {
    /// Another request is queued: continue with its completion now.
    Continue(Value, ResumeMode),
    /// Suspend the frame (in `yield`, or awaiting a return value).
    Suspend { awaiting: bool },
}

/// AsyncGeneratorYield (27.6.3.8) after the operand was awaited.
pub(crate) fn yield_value(vm: &mut Vm, co: ObjId, value: Value) -> JsResult<YieldOutcome> {
    complete_step(vm, co, ResumeMode::Next, value, false)?;
    match front(vm, co) {
        None => Ok(YieldOutcome::Suspend { awaiting: false }),
        Some((ResumeMode::Return, v)) => match coroutine::await_value(vm, co, v) {
            Ok(()) => Ok(YieldOutcome::Suspend { awaiting: true }),
            Err(e) => Ok(YieldOutcome::Continue(catch(vm, e)?, ResumeMode::Throw)),
        },
        Some((mode, v)) => Ok(YieldOutcome::Continue(v, mode)),
    }
}

/// %AsyncGeneratorPrototype%.next/return/throw (27.6.1.2-4).
pub(crate) fn request(vm: &mut Vm, this: Value, value: Value, mode: ResumeMode) -> JsResult<Value> {
    let promise = new_promise(vm);
    let base = vm.roots_len();
    vm.push_root(Value::Object(promise));
    let r = enqueue_and_run(vm, this, value, mode, promise);
    vm.truncate_roots(base);
    r.map(|()| Value::Object(promise))
}

fn enqueue_and_run(
    vm: &mut Vm,
    this: Value,
    value: Value,
    mode: ResumeMode,
    promise: ObjId,
) -> JsResult<()> {
    // AsyncGeneratorValidate: a failure rejects the promise.
    let co = match this {
        Value::Object(o) if coroutine::kind_of(vm, o) == Some(CoroutineKind::AsyncGenerator) => o,
        _ => {
            let what = match mode {
                ResumeMode::Next => "next",
                ResumeMode::Return => "return",
                ResumeMode::Throw => "throw",
            };
            let msg = format!(
                "{what} method called on incompatible receiver {}",
                vm.display_value(this)
            );
            let e = catch(vm, JsError::type_error(msg))?;
            reject_promise(vm, promise, e);
            return Ok(());
        }
    };
    let mut st = state(vm, co);
    if mode == ResumeMode::Throw && st == State::SuspendedStart {
        set_state(vm, co, State::Completed);
        coroutine::complete(vm, co);
        st = State::Completed;
    }
    if st == State::Completed {
        match mode {
            ResumeMode::Next => {
                let r = Value::Object(vm.create_iter_result(Value::Undefined, true));
                return resolve_promise(vm, promise, r);
            }
            ResumeMode::Throw => {
                reject_promise(vm, promise, value);
                return Ok(());
            }
            ResumeMode::Return => {}
        }
    }
    if let Some(c) = coroutine::data_mut(vm, co) {
        c.async_state().queue.push_back((mode, value, promise));
    }
    match (mode, st) {
        (ResumeMode::Return, State::SuspendedStart | State::Completed) => {
            coroutine::complete(vm, co);
            set_state(vm, co, State::AwaitingReturn);
            await_return(vm, co)
        }
        (_, State::SuspendedStart | State::SuspendedYield) => resume(vm, co, value, mode),
        // Executing or draining: the request waits its turn.
        _ => Ok(()),
    }
}
