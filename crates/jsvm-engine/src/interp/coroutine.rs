//! Coroutines: generators, async functions and async generators as
//! heap objects that own a suspended frame (DESIGN.md, Coroutines).
//!
//! A coroutine's frame runs on the ordinary register stack while it
//! executes. Suspending (`yield`, `await`, the initial suspension of a
//! generator) copies the frame's stack part (argument copy and register
//! window) into the heap object and pops the frame; resuming pushes a frame
//! again, copies the values back and continues at the saved pc with the
//! resumption value and mode in the registers the suspending instruction
//! named.
//!
//! Invariants: a coroutine that has started and not completed has
//! `frame: Some(..)`. While it is suspended the frame's `values` are the
//! live copy; while it is `Executing` the live copy is on the register stack
//! (the frame whose `coroutine` names it) and `values` is only a buffer kept
//! for the next suspension, so a resume/suspend round trip allocates
//! nothing. A `Completed` coroutine has no frame.

use std::rc::Rc;

use jsvm_bytecode::Reg;

use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::heap::Tracer;
use crate::interp::code::CodeUnit;
use crate::interp::frame::Frame;
use crate::object::ObjectKind;
use crate::value::{EnvId, ObjId, PropertyKey, RealmId, Value};
use crate::vm::Vm;

/// How a coroutine is resumed (the completion type delivered to it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResumeMode {
    /// A normal completion: `next(v)`, or an awaited promise fulfilled.
    Next = 0,
    /// A throw completion: `throw(e)`, or an awaited promise rejected.
    Throw = 1,
    /// A return completion: `return(v)` (runs `finally` blocks).
    Return = 2,
}

/// [[GeneratorState]] / [[AsyncGeneratorState]].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoroutineState {
    SuspendedStart,
    SuspendedYield,
    Executing,
    /// Async generators only: draining-queue (the body has completed, or
    /// `return()` came before it started; requests are being settled,
    /// possibly awaiting a `return` value).
    AwaitingReturn,
    Completed,
}

/// What kind of function body the coroutine runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CoroutineKind {
    Generator,
    AsyncFunction,
    AsyncGenerator,
}

/// A frame taken off the register stack.
pub struct SuspendedFrame {
    pub unit: Rc<CodeUnit>,
    /// Where execution continues.
    pub pc: u32,
    /// The frame's stack part: the argument copy (`argc` values when the
    /// code keeps one) followed by the register window.
    pub values: Box<[Value]>,
    pub argc: u32,
    /// Offset of `R[0]` in `values`.
    pub window: u32,
    pub env: EnvId,
    pub scope_depth: u16,
    pub callee: Value,
    pub this: Value,
    pub new_target: Value,
    pub realm: RealmId,
    /// The registers that receive the resumption value and mode (none at
    /// the initial suspension, whose resumption is always `next`).
    pub resume: Option<(Reg, Reg)>,
}

impl SuspendedFrame {
    fn trace(&self, t: &mut Tracer) {
        for &v in self.values.iter() {
            t.mark_value(v);
        }
        t.mark_env(self.env);
        t.mark_value(self.callee);
        t.mark_value(self.this);
        t.mark_value(self.new_target);
    }
}

/// The state of a generator, async function or async generator object
/// (`ObjectKind::Coroutine`).
pub struct Coroutine {
    pub kind: CoroutineKind,
    pub state: CoroutineState,
    pub frame: Option<SuspendedFrame>,
    /// Async functions: the promise the call returned. Async generators:
    /// unused (their requests carry their own promises).
    pub promise: Option<ObjId>,
    /// Async generators: [[AsyncGeneratorQueue]] as (completion mode,
    /// value, promise) requests, oldest first.
    pub queue: std::collections::VecDeque<(ResumeMode, Value, ObjId)>,
    /// Suspended in `await` (its frame resumes when the promise settles).
    pub awaiting: bool,
    /// The await is AsyncGeneratorUnwrapYieldResumption's: a fulfilment
    /// resumes the frame with a return completion.
    pub unwrap_return: bool,
}

impl Coroutine {
    pub fn trace(&self, t: &mut Tracer) {
        if let Some(f) = &self.frame {
            f.trace(t);
        }
        if let Some(p) = self.promise {
            t.mark_object(p);
        }
        for &(_, v, p) in &self.queue {
            t.mark_value(v);
            t.mark_object(p);
        }
    }
}

/// Resumes an async function or async generator suspended in `await`:
/// the reaction job of the awaited promise calls this with the settled
/// value (`Next` when fulfilled, `Throw` when rejected). The body runs until
/// its next `await` or its end; only a termination comes back as an error.
pub fn resume_after_await(
    vm: &mut Vm,
    coroutine: ObjId,
    value: Value,
    mode: ResumeMode,
) -> JsResult<()> {
    let Some(c) = coroutine_mut(vm, coroutine) else {
        return Ok(());
    };
    if c.state == CoroutineState::AwaitingReturn {
        return crate::interp::async_generator::await_return_settled(vm, coroutine, value, mode);
    }
    if !c.awaiting {
        return Ok(());
    }
    c.awaiting = false;
    let mode = match (std::mem::take(&mut c.unwrap_return), mode) {
        (true, ResumeMode::Next) => ResumeMode::Return,
        (_, m) => m,
    };
    run_resumed(vm, coroutine, value, mode)
}

/// Pushes the frame of `co` with a resumption and runs it until it
/// suspends or completes (its result is for no one: the body settles
/// promises instead).
pub(crate) fn run_resumed(
    vm: &mut Vm,
    coroutine: ObjId,
    value: Value,
    mode: ResumeMode,
) -> JsResult<()> {
    let saved_realm = vm.current_realm;
    let r = match push_resumed(vm, coroutine, value, mode, None) {
        Ok(()) => crate::interp::run::run(vm).map(|_| ()),
        Err(e) => Err(e),
    };
    vm.current_realm = saved_realm;
    r
}

/// The coroutine object of an async function call, with its promise
/// (EvaluateAsyncFunctionBody step 1). It is never visible to JS.
pub(crate) fn create_async_function(vm: &mut Vm) -> ObjId {
    let promise = crate::builtins::promise::new_promise(vm);
    vm.alloc_object(
        ObjectKind::Coroutine(Box::new(Coroutine {
            kind: CoroutineKind::AsyncFunction,
            state: CoroutineState::Executing,
            frame: None,
            promise: Some(promise),
            queue: Default::default(),
            awaiting: false,
            unwrap_return: false,
        })),
        None,
    )
}

/// The promise an async function call returned (undefined for other
/// coroutines).
pub(crate) fn promise_of(vm: &Vm, co: ObjId) -> Value {
    coroutine(vm, co)
        .and_then(|c| c.promise)
        .map_or(Value::Undefined, Value::Object)
}

/// True when exceptions leaving the body of `co` settle a promise instead
/// of propagating to the caller.
pub(crate) fn catches_exceptions(vm: &Vm, co: ObjId) -> bool {
    coroutine(vm, co).is_some_and(|c| c.kind != CoroutineKind::Generator)
}

/// The kind of `co`.
pub(crate) fn kind_of(vm: &Vm, co: ObjId) -> Option<CoroutineKind> {
    coroutine(vm, co).map(|c| c.kind)
}

/// Marks `co` as suspended in `await` (for a return request's value too
/// when `unwrap_return`).
pub(crate) fn set_awaiting(vm: &mut Vm, co: ObjId, unwrap_return: bool) {
    if let Some(c) = coroutine_mut(vm, co) {
        c.awaiting = true;
        c.unwrap_return = unwrap_return;
        c.state = CoroutineState::Executing;
    }
}

/// The coroutine data of `co`, for the async generator machinery.
pub(crate) fn data_mut(vm: &mut Vm, co: ObjId) -> Option<&mut Coroutine> {
    coroutine_mut(vm, co)
}

pub(crate) fn data(vm: &Vm, co: ObjId) -> Option<&Coroutine> {
    coroutine(vm, co)
}

/// Await(value) up to the suspension (27.7.5.3 steps 2-9):
/// PromiseResolve(%Promise%, value), then PerformPromiseThen with reactions
/// that resume `co`. No promise of its own, no extra tick.
pub(crate) fn await_value(vm: &mut Vm, co: ObjId, value: Value) -> JsResult<()> {
    crate::builtins::promise::perform_await(vm, co, value)
}

/// The body of `co` returned `value`: the value its current call completes
/// with (a generator's final iterator result, an async function's promise,
/// now resolved with `value`).
pub(crate) fn finish(vm: &mut Vm, co: ObjId, value: Value) -> JsResult<Value> {
    let kind = coroutine(vm, co).map(|c| c.kind);
    if kind == Some(CoroutineKind::AsyncGenerator) {
        crate::interp::async_generator::body_completed(vm, co, ResumeMode::Next, value)?;
        return Ok(Value::Undefined);
    }
    let promise = promise_of(vm, co);
    complete(vm, co);
    match (kind, promise) {
        (Some(CoroutineKind::AsyncFunction), Value::Object(p)) => {
            crate::builtins::promise::resolve_promise(vm, p, value)?;
            Ok(promise)
        }
        _ => Ok(Value::Object(vm.create_iter_result(value, true))),
    }
}

/// An exception left the body of async function `co`: rejects its promise
/// and returns the promise (the value its current call completes with).
pub(crate) fn fail(vm: &mut Vm, co: ObjId, reason: Value) -> JsResult<Value> {
    if kind_of(vm, co) == Some(CoroutineKind::AsyncGenerator) {
        crate::interp::async_generator::body_completed(vm, co, ResumeMode::Throw, reason)?;
        return Ok(Value::Undefined);
    }
    let promise = promise_of(vm, co);
    complete(vm, co);
    if let Value::Object(p) = promise {
        crate::builtins::promise::reject_promise(vm, p, reason);
    }
    Ok(promise)
}

fn coroutine(vm: &Vm, co: ObjId) -> Option<&Coroutine> {
    match &vm.heap.obj(co).kind {
        ObjectKind::Coroutine(c) => Some(c),
        _ => None,
    }
}

fn coroutine_mut(vm: &mut Vm, co: ObjId) -> Option<&mut Coroutine> {
    match &mut vm.heap.obj_mut(co).kind {
        ObjectKind::Coroutine(c) => Some(c),
        _ => None,
    }
}

/// The state of `co` (`Completed` for objects that are not coroutines).
pub(crate) fn state_of(vm: &Vm, co: ObjId) -> CoroutineState {
    coroutine(vm, co).map_or(CoroutineState::Completed, |c| c.state)
}

/// The generator object of a generator call (EvaluateGeneratorBody step 2:
/// OrdinaryCreateFromConstructor(functionObject, "%GeneratorPrototype%")).
pub(crate) fn create_generator(vm: &mut Vm, callee: Value) -> JsResult<ObjId> {
    let Value::Object(f) = callee else {
        return Err(crate::interp::run::bad_code(
            "generator start without a callee",
        ));
    };
    let is_async = crate::interp::closure::closure_of(vm, f).is_some_and(|c| c.code().is_async);
    let (kind, proto) = if is_async {
        let p = vm.get_prototype_from_constructor(f, |i| i.async_generator_prototype)?;
        (CoroutineKind::AsyncGenerator, p)
    } else {
        let p = vm.get_prototype_from_constructor(f, |i| i.generator_prototype)?;
        (CoroutineKind::Generator, p)
    };
    Ok(vm.alloc_object(
        ObjectKind::Coroutine(Box::new(Coroutine {
            kind,
            state: CoroutineState::SuspendedStart,
            frame: None,
            promise: None,
            queue: Default::default(),
            awaiting: false,
            unwrap_return: false,
        })),
        Some(proto),
    ))
}

/// Copies the top frame into coroutine `co` (which then resumes at `pc`,
/// with the resumption value and mode going to `resume`) and sets its
/// state. The caller then pops the frame.
pub(crate) fn suspend_top(
    vm: &mut Vm,
    co: ObjId,
    pc: u32,
    resume: Option<(Reg, Reg)>,
    state: CoroutineState,
) {
    let Some(f) = vm.interp.frames.last() else {
        return;
    };
    let live = &vm.interp.stack[f.args_base as usize..];
    let Some(c) = (match &mut vm.heap.obj_mut(co).kind {
        ObjectKind::Coroutine(c) => Some(c),
        _ => None,
    }) else {
        return;
    };
    c.state = state;
    match &mut c.frame {
        Some(sf) if sf.values.len() == live.len() => {
            sf.values.copy_from_slice(live);
            sf.pc = pc;
            sf.env = f.env;
            sf.scope_depth = f.scope_depth;
            sf.resume = resume;
        }
        slot => {
            *slot = Some(SuspendedFrame {
                unit: f.unit.clone(),
                pc,
                values: live.into(),
                argc: f.argc,
                window: f.base - f.args_base,
                env: f.env,
                scope_depth: f.scope_depth,
                callee: f.callee,
                this: f.this,
                new_target: f.new_target,
                realm: f.realm,
                resume,
            })
        }
    }
}

/// Marks `co` completed and drops its frame.
pub(crate) fn complete(vm: &mut Vm, co: ObjId) {
    if let Some(c) = coroutine_mut(vm, co) {
        c.state = CoroutineState::Completed;
        c.frame = None;
    }
}

/// Pushes the suspended frame of `co` back on the stack (state
/// `Executing`), delivering `value`/`mode` to its resume registers; its
/// completion or next suspension goes to register `ret` of the frame below
/// (`None`: back to the Rust caller of `run`).
pub(crate) fn push_resumed(
    vm: &mut Vm,
    co: ObjId,
    value: Value,
    mode: ResumeMode,
    ret: Option<Reg>,
) -> JsResult<()> {
    if vm.interp.frames.len() >= vm.options.max_call_depth {
        return Err(JsError::range_error("Maximum call stack size exceeded"));
    }
    let ObjectKind::Coroutine(c) = &vm.heap.obj(co).kind else {
        return Err(crate::interp::run::bad_code("resume of a non-coroutine"));
    };
    let Some(sf) = &c.frame else {
        return Err(crate::interp::run::bad_code("resume without a frame"));
    };
    let st = &mut vm.interp.stack;
    let args_base = st.len();
    st.extend_from_slice(&sf.values);
    let base = args_base + sf.window as usize;
    if let Some((dst, m)) = sf.resume {
        if let Some(slot) = st.get_mut(base + dst.0 as usize) {
            *slot = value;
        }
        if let Some(slot) = st.get_mut(base + m.0 as usize) {
            *slot = Value::Number(mode as u8 as f64);
        }
    }
    let frame = Frame {
        unit: sf.unit.clone(),
        pc: sf.pc,
        base: base as u32,
        args_base: args_base as u32,
        argc: sf.argc,
        env: sf.env,
        scope_depth: sf.scope_depth,
        callee: sf.callee,
        this: sf.this,
        new_target: sf.new_target,
        realm: sf.realm,
        ret,
        construct: false,
        coroutine: Some(co),
        resumed_by_for_of: false,
    };
    if let Some(top) = vm.interp.frames.last_mut() {
        top.pc = vm.interp.pc;
    }
    vm.interp.pc = frame.pc;
    vm.current_realm = frame.realm;
    vm.interp.frames.push(frame);
    if let Some(c) = coroutine_mut(vm, co) {
        c.state = CoroutineState::Executing;
    }
    Ok(())
}

/// GeneratorResume / GeneratorResumeAbrupt (27.5.3.3-4) for `next`,
/// `throw` and `return` called from native code: validates the receiver,
/// handles the states that do not run the body, else runs the body until
/// it yields or completes.
pub(crate) fn generator_resume(
    vm: &mut Vm,
    this: Value,
    value: Value,
    mode: ResumeMode,
    method: &str,
) -> JsResult<Value> {
    // GeneratorValidate.
    let g = match this {
        Value::Object(o)
            if coroutine(vm, o).is_some_and(|c| c.kind == CoroutineKind::Generator) =>
        {
            o
        }
        _ => {
            return Err(JsError::type_error(format!(
                "{method} method called on incompatible receiver {}",
                vm.display_value(this)
            )))
        }
    };
    let mut state = state_of(vm, g);
    if state == CoroutineState::Executing {
        return Err(JsError::type_error("Generator is already running"));
    }
    if state == CoroutineState::SuspendedStart && mode != ResumeMode::Next {
        complete(vm, g);
        state = CoroutineState::Completed;
    }
    if state == CoroutineState::Completed {
        return match mode {
            ResumeMode::Next => Ok(Value::Object(vm.create_iter_result(Value::Undefined, true))),
            ResumeMode::Return => Ok(Value::Object(vm.create_iter_result(value, true))),
            ResumeMode::Throw => Err(JsError::Throw(value)),
        };
    }
    let saved_realm = vm.current_realm;
    let r = match push_resumed(vm, g, value, mode, None) {
        Ok(()) => crate::interp::run::run(vm),
        Err(e) => Err(e),
    };
    vm.current_realm = saved_realm;
    r
}

/// True when a `yield*` mode register asks for `next` (anything but the
/// throw and return modes).
pub(crate) fn is_next_mode(mode: Value) -> bool {
    !matches!(mode, Value::Number(m)
        if m == ResumeMode::Throw as u8 as f64 || m == ResumeMode::Return as u8 as f64)
}

/// One `yield*` step (see the `YieldDelegateStep` opcode).
pub(crate) fn delegate_step(
    vm: &mut Vm,
    iter: Value,
    next: Value,
    recv: Value,
    mode: &mut Value,
) -> JsResult<Value> {
    let result = match *mode {
        Value::Number(m) if m == ResumeMode::Throw as u8 as f64 => {
            match vm.get_method(iter, PropertyKey::Atom(atoms::THROW))? {
                Some(t) => {
                    *mode = Value::Number(ResumeMode::Next as u8 as f64);
                    vm.call(t, iter, &[recv])?
                }
                None => {
                    // The protocol is violated: close the iterator, then
                    // throw a TypeError.
                    crate::interp::ops_iter::iterator_close(vm, iter)?;
                    return Err(JsError::type_error(
                        "The iterator does not provide a 'throw' method",
                    ));
                }
            }
        }
        Value::Number(m) if m == ResumeMode::Return as u8 as f64 => {
            match vm.get_method(iter, PropertyKey::Atom(atoms::RETURN))? {
                Some(r) => vm.call(r, iter, &[recv])?,
                None => return Ok(Value::Object(vm.create_iter_result(recv, true))),
            }
        }
        _ => vm.call(next, iter, &[recv])?,
    };
    if !result.is_object() {
        return Err(JsError::type_error(format!(
            "Iterator result {} is not an object",
            vm.display_value(result)
        )));
    }
    Ok(result)
}

/// One `yield*` step in an async generator (see `AsyncDelegateStep`):
/// `None` when the inner iterator lacks the `throw`/`return` method asked
/// for (the bytecode handles those cases, with awaits).
pub(crate) fn async_delegate_step(
    vm: &mut Vm,
    iter: Value,
    next: Value,
    recv: Value,
    mode: &mut Value,
) -> JsResult<Option<Value>> {
    let key = match *mode {
        Value::Number(m) if m == ResumeMode::Throw as u8 as f64 => atoms::THROW,
        Value::Number(m) if m == ResumeMode::Return as u8 as f64 => atoms::RETURN,
        _ => return Ok(Some(vm.call(next, iter, &[recv])?)),
    };
    let Some(method) = vm.get_method(iter, PropertyKey::Atom(key))? else {
        return Ok(None);
    };
    if key == atoms::THROW {
        *mode = Value::Number(ResumeMode::Next as u8 as f64);
    }
    Ok(Some(vm.call(method, iter, &[recv])?))
}
