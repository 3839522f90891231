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
//! Memory: a million suspended generators must stay cheap, so the
//! `Coroutine` lives inline in its object (no box of its own) and keeps
//! only what a frame cannot recompute, and the registers of a coroutine
//! that has been suspended only a few times are saved packed (`Regs`):
//! 8-byte words, numbers as their bits and the other values NaN-boxed (the
//! rare values that do not fit go to a side list). A coroutine resumed
//! often switches to plain values, which copy faster.
//!
//! Invariants: a coroutine that has started and not completed has a frame
//! (`unit` is `Some`). While it is suspended `regs` holds the live copy of
//! the frame's stack part; while it is `Executing` the live copy is on the
//! register stack (the frame whose `coroutine` names it) and `regs` is only
//! a buffer kept for the next suspension, so a resume/suspend round trip
//! allocates nothing (but for the one switch to plain values). A
//! `Completed` coroutine has no frame.

use std::collections::VecDeque;
use std::rc::Rc;

use jsvm_bytecode::Reg;

use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::heap::Tracer;
use crate::interp::code::CodeUnit;
use crate::interp::frame::Frame;
use crate::interp::InterpState;
use crate::object::ObjectKind;
use crate::value::{EnvId, ObjId, PropertyKey, RealmId, StrId, SymId, Value};
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

/// The parts of a coroutine that plain generators do not need, boxed so
/// that a generator object stays small.
#[derive(Default)]
pub struct AsyncState {
    /// Async functions: the promise the call returned. Async generators:
    /// unused (their requests carry their own promises).
    pub promise: Option<ObjId>,
    /// Async generators: [[AsyncGeneratorQueue]] as (completion mode,
    /// value, promise) requests, oldest first.
    pub queue: VecDeque<(ResumeMode, Value, ObjId)>,
    /// Suspended in `await` (its frame resumes when the promise settles).
    pub awaiting: bool,
    /// The await is AsyncGeneratorUnwrapYieldResumption's: a fulfilment
    /// resumes the frame with a return completion.
    pub unwrap_return: bool,
    /// The saved registers that do not pack into a word (see `Packed`), of
    /// any coroutine kind; rebuilt at every suspension.
    overflow: Vec<Value>,
}

/// The state of a generator, async function or async generator object
/// (`ObjectKind::Coroutine`, boxed).
pub struct Coroutine {
    /// The code of the frame; `None` when there is no frame (an async
    /// function before its first `await`, a completed coroutine).
    unit: Option<Rc<CodeUnit>>,
    /// The frame's stack part: the argument copy (when the code keeps one)
    /// followed by the register window.
    regs: Regs,
    /// The frame's `this`.
    this: Value,
    /// Async coroutines, and any coroutine with packed registers that do not
    /// fit a word.
    extra: Option<Box<AsyncState>>,
    /// The frame's function object (with `HAS_CALLEE`; module code has
    /// none).
    callee: ObjId,
    /// Where execution continues.
    pc: u32,
    env: EnvId,
    realm: RealmId,
    scope_depth: u16,
    /// The registers that receive the resumption value and mode (with
    /// `HAS_RESUME`; the initial suspension's resumption is always `next`
    /// and goes nowhere).
    resume_value: Reg,
    resume_mode: Reg,
    /// The kind (`KIND_MASK`), `HAS_RESUME`, `HAS_CALLEE` and the number of
    /// packed suspensions (`HEAT_MASK`).
    flags: u8,
    pub state: CoroutineState,
}

/// The saved stack part of a suspended frame, with the length of its
/// argument copy (the offset of `R[0]`).
enum Regs {
    /// Packed words (see `pack`), while the coroutine is young.
    Packed(Box<[u64]>, u32),
    /// The values themselves, once it has been suspended `HOT` times.
    Plain(Box<[Value]>, u32),
}

impl Regs {
    fn len(&self) -> usize {
        match self {
            Regs::Packed(p, _) => p.len(),
            Regs::Plain(v, _) => v.len(),
        }
    }
}

const KIND_MASK: u8 = 3;
const HAS_RESUME: u8 = 4;
const HAS_CALLEE: u8 = 8;
const HEAT_ONE: u8 = 16;
const HEAT_MASK: u8 = 0xF0;
/// The number of packed suspensions after which a coroutine keeps plain
/// values (a million generators that each yield a few times stay packed;
/// a generator driven by a loop switches soon).
const HOT: u8 = 8 * HEAT_ONE;

// The object header is the one big cost of a suspended generator: keep
// the coroutine within the other kinds' largest payload.
const _: () = assert!(std::mem::size_of::<Coroutine>() <= 80);

/// The packed form of one saved value: a Number is its bits unless they
/// fall in the tag space (some NaNs with a payload), everything else
/// a tag in the top 16 bits and a payload in the low 32.
///
/// Numbers whose top 16 bits are `0xFFF9` or more (negative NaNs with a
/// non-default payload) and BigInts go to the overflow list, referenced by
/// a `TAG_BOXED` word.
mod packed {
    pub const TAG_MIN: u64 = 0xFFF9 << 48;
    pub const TAG_MASK: u64 = 0xFFFF << 48;
    /// Payload 0 undefined, 1 null, 2 false, 3 true, 4 uninitialized.
    pub const TAG_MISC: u64 = 0xFFF9 << 48;
    pub const TAG_STRING: u64 = 0xFFFA << 48;
    pub const TAG_SYMBOL: u64 = 0xFFFB << 48;
    pub const TAG_OBJECT: u64 = 0xFFFC << 48;
    /// Payload: an index into the overflow list.
    pub const TAG_BOXED: u64 = 0xFFFD << 48;
    pub const UNDEFINED: u64 = TAG_MISC;
    pub const NULL: u64 = TAG_MISC | 1;
    pub const FALSE: u64 = TAG_MISC | 2;
    pub const TRUE: u64 = TAG_MISC | 3;
    pub const UNINIT: u64 = TAG_MISC | 4;
}

/// `v` packed, or `None` when it needs the overflow list.
#[inline(always)]
fn pack(v: Value) -> Option<u64> {
    use packed::*;
    Some(match v {
        Value::Number(n) => {
            let bits = n.to_bits();
            if bits >= TAG_MIN {
                return None;
            }
            bits
        }
        Value::Object(o) => TAG_OBJECT | o.index() as u64,
        Value::Undefined => UNDEFINED,
        Value::String(s) => TAG_STRING | s.0 as u64,
        Value::Boolean(false) => FALSE,
        Value::Boolean(true) => TRUE,
        Value::Null => NULL,
        Value::Uninit => UNINIT,
        Value::Symbol(s) => TAG_SYMBOL | s.0 as u64,
        Value::BigInt(_) => return None,
    })
}

/// The value of packed word `w` (`overflow` holds the boxed ones).
#[inline(always)]
fn unpack(w: u64, overflow: &[Value]) -> Value {
    use packed::*;
    if w < TAG_MIN {
        return Value::Number(f64::from_bits(w));
    }
    let payload = w as u32;
    match w & TAG_MASK {
        TAG_OBJECT => Value::Object(ObjId::from_index(payload)),
        TAG_STRING => Value::String(StrId(payload)),
        TAG_SYMBOL => Value::Symbol(SymId(payload)),
        TAG_MISC => match payload {
            0 => Value::Undefined,
            1 => Value::Null,
            2 => Value::Boolean(false),
            3 => Value::Boolean(true),
            _ => Value::Uninit,
        },
        _ => overflow
            .get(payload as usize)
            .copied()
            .unwrap_or(Value::Undefined),
    }
}

/// Packs `live` into `regs` (same length), boxing what does not pack into
/// `extra`'s overflow list.
#[inline(always)]
fn pack_into(regs: &mut [u64], live: &[Value], extra: &mut Option<Box<AsyncState>>) {
    if let Some(x) = extra {
        x.overflow.clear();
    }
    let n = regs.len().min(live.len());
    let (regs, live) = (&mut regs[..n], &live[..n]);
    for i in 0..n {
        let v = live[i];
        regs[i] = match pack(v) {
            Some(p) => p,
            None => box_value(extra, v),
        };
    }
}

#[cold]
fn box_value(extra: &mut Option<Box<AsyncState>>, v: Value) -> u64 {
    let x = extra.get_or_insert_with(Default::default);
    x.overflow.push(v);
    packed::TAG_BOXED | (x.overflow.len() - 1) as u64
}

impl Coroutine {
    fn new(kind: CoroutineKind, state: CoroutineState, extra: Option<Box<AsyncState>>) -> Self {
        Coroutine {
            unit: None,
            regs: Regs::Packed(Box::default(), 0),
            this: Value::Undefined,
            extra,
            callee: ObjId::PLACEHOLDER,
            pc: 0,
            env: EnvId(0),
            realm: RealmId(0),
            scope_depth: 0,
            resume_value: Reg(0),
            resume_mode: Reg(0),
            flags: kind as u8,
            state,
        }
    }

    pub fn kind(&self) -> CoroutineKind {
        match self.flags & KIND_MASK {
            0 => CoroutineKind::Generator,
            1 => CoroutineKind::AsyncFunction,
            _ => CoroutineKind::AsyncGenerator,
        }
    }

    /// The async state (created on first use).
    pub(crate) fn async_state(&mut self) -> &mut AsyncState {
        self.extra.get_or_insert_with(Default::default)
    }

    /// The async generator request queue, oldest first (`None` before
    /// the async state exists).
    pub(crate) fn queue(&self) -> Option<&VecDeque<(ResumeMode, Value, ObjId)>> {
        self.extra.as_ref().map(|x| &x.queue)
    }

    /// Empties the saved registers while the frame runs (see
    /// `interp::clear_dead_registers`); the next suspension refills the
    /// same buffer.
    pub(crate) fn forget_saved_registers(&mut self) {
        match &mut self.regs {
            Regs::Plain(v, _) => v.fill(Value::Undefined),
            Regs::Packed(p, _) => p.fill(packed::UNDEFINED),
        }
        if let Some(x) = &mut self.extra {
            x.overflow.clear();
        }
    }

    /// Drops the suspended frame (the coroutine will not run again).
    pub(crate) fn drop_frame(&mut self) {
        self.unit = None;
        self.regs = Regs::Packed(Box::default(), 0);
        self.this = Value::Undefined;
        self.flags &= KIND_MASK;
        if let Some(x) = &mut self.extra {
            x.overflow = Vec::new();
        }
    }

    pub fn trace(&self, t: &mut Tracer) {
        if self.unit.is_some() {
            match &self.regs {
                Regs::Packed(p, _) => {
                    for &w in p.iter() {
                        // Boxed values are marked with the overflow list.
                        if w >= packed::TAG_MIN && w & packed::TAG_MASK != packed::TAG_BOXED {
                            t.mark_value(unpack(w, &[]));
                        }
                    }
                }
                Regs::Plain(v, _) => {
                    for &v in v.iter() {
                        t.mark_value(v);
                    }
                }
            }
            t.mark_env(self.env);
            if self.flags & HAS_CALLEE != 0 {
                t.mark_object(self.callee);
            }
            t.mark_value(self.this);
        }
        if let Some(x) = &self.extra {
            for &v in &x.overflow {
                t.mark_value(v);
            }
            if let Some(p) = x.promise {
                t.mark_object(p);
            }
            for &(_, v, p) in &x.queue {
                t.mark_value(v);
                t.mark_object(p);
            }
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
    let Some(x) = c.extra.as_deref_mut().filter(|x| x.awaiting) else {
        return Ok(());
    };
    x.awaiting = false;
    let mode = match (std::mem::take(&mut x.unwrap_return), mode) {
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
        ObjectKind::Coroutine(Box::new(Coroutine::new(
            CoroutineKind::AsyncFunction,
            CoroutineState::Executing,
            Some(Box::new(AsyncState {
                promise: Some(promise),
                ..Default::default()
            })),
        ))),
        None,
    )
}

/// The promise an async function call returned (undefined for other
/// coroutines).
pub(crate) fn promise_of(vm: &Vm, co: ObjId) -> Value {
    coroutine(vm, co)
        .and_then(|c| c.extra.as_ref()?.promise)
        .map_or(Value::Undefined, Value::Object)
}

/// True when exceptions leaving the body of `co` settle a promise instead
/// of propagating to the caller.
pub(crate) fn catches_exceptions(vm: &Vm, co: ObjId) -> bool {
    coroutine(vm, co).is_some_and(|c| c.kind() != CoroutineKind::Generator)
}

/// The kind of `co`.
pub(crate) fn kind_of(vm: &Vm, co: ObjId) -> Option<CoroutineKind> {
    coroutine(vm, co).map(|c| c.kind())
}

/// Marks `co` as suspended in `await` (for a return request's value too
/// when `unwrap_return`).
pub(crate) fn set_awaiting(vm: &mut Vm, co: ObjId, unwrap_return: bool) {
    if let Some(c) = coroutine_mut(vm, co) {
        let x = c.async_state();
        x.awaiting = true;
        x.unwrap_return = unwrap_return;
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
    let kind = coroutine(vm, co).map(|c| c.kind());
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
    let extra = (kind == CoroutineKind::AsyncGenerator).then(Box::default);
    Ok(vm.alloc_object(
        ObjectKind::Coroutine(Box::new(Coroutine::new(
            kind,
            CoroutineState::SuspendedStart,
            extra,
        ))),
        Some(proto),
    ))
}

/// Copies the top frame into coroutine `co` (which then resumes at `pc`,
/// with the resumption value and mode going to `resume`) and sets its
/// state. The caller then pops the frame.
///
/// The first suspension takes the frame's fixed parts (code, callee,
/// `this`, realm) and allocates the register buffer; later ones only save
/// the registers into it, with the pc, environment and resume registers.
/// (`new.target` is not kept: generator and async functions have no
/// [[Construct]], so it is always undefined in their frames.)
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
    let ObjectKind::Coroutine(c) = &mut vm.heap.obj_mut(co).kind else {
        return;
    };
    c.state = state;
    c.pc = pc;
    c.env = f.env;
    c.scope_depth = f.scope_depth;
    match resume {
        Some((v, m)) => {
            c.flags |= HAS_RESUME;
            c.resume_value = v;
            c.resume_mode = m;
        }
        None => c.flags &= !HAS_RESUME,
    }
    // The same frame suspends again: its stack part has the same length
    // as the buffer (the argument copy and the register window).
    let start = f.args_base as usize;
    let live = match c.unit {
        Some(_) => vm.interp.stack.get(start..start + c.regs.len()),
        None => None,
    };
    match (&mut c.regs, live) {
        (Regs::Plain(v, _), Some(live)) => v.copy_from_slice(live),
        (Regs::Packed(p, _), Some(live)) if c.flags & HEAT_MASK < HOT => {
            c.flags += HEAT_ONE;
            pack_into(p, live, &mut c.extra);
        }
        (Regs::Packed(..), Some(_)) => go_plain(vm, co),
        (_, None) => first_suspension(vm, co),
    }
}

/// The live part of the top frame's stack: its argument copy and window.
fn live_part(interp: &InterpState) -> &[Value] {
    let Some(f) = interp.frames.last() else {
        return &[];
    };
    let end = f.base as usize + f.unit.code.register_count as usize;
    interp
        .stack
        .get(f.args_base as usize..end)
        .unwrap_or_default()
}

/// The first suspension of a frame (see `suspend_top`).
#[cold]
fn first_suspension(vm: &mut Vm, co: ObjId) {
    let Some(f) = vm.interp.frames.last() else {
        return;
    };
    let live = live_part(&vm.interp);
    let ObjectKind::Coroutine(c) = &mut vm.heap.obj_mut(co).kind else {
        return;
    };
    c.unit = Some(f.unit.clone());
    c.this = f.this;
    c.flags &= !(HAS_CALLEE | HEAT_MASK);
    if let Some(callee) = f.callee {
        c.callee = callee;
        c.flags |= HAS_CALLEE;
    }
    c.realm = f.realm;
    debug_assert!(f.new_target.is_none());
    let mut regs = vec![0; live.len()].into_boxed_slice();
    pack_into(&mut regs, live, &mut c.extra);
    c.regs = Regs::Packed(regs, f.base - f.args_base);
    let bytes = live.len() * std::mem::size_of::<u64>();
    vm.heap.add_debt(bytes);
}

/// A coroutine suspended `HOT` times keeps plain values from now on.
#[cold]
fn go_plain(vm: &mut Vm, co: ObjId) {
    let live = live_part(&vm.interp);
    let ObjectKind::Coroutine(c) = &mut vm.heap.obj_mut(co).kind else {
        return;
    };
    let window = match c.regs {
        Regs::Packed(_, w) | Regs::Plain(_, w) => w,
    };
    c.regs = Regs::Plain(live.into(), window);
    if let Some(x) = &mut c.extra {
        x.overflow = Vec::new();
    }
    let bytes = std::mem::size_of_val(live);
    vm.heap.add_debt(bytes);
}

#[cold]
fn too_deep() -> JsError {
    JsError::range_error("Maximum call stack size exceeded")
}

#[cold]
fn not_resumable() -> JsError {
    crate::interp::run::bad_code("resume of a coroutine without a frame")
}

/// Marks `co` completed and drops its frame.
pub(crate) fn complete(vm: &mut Vm, co: ObjId) {
    if let Some(c) = coroutine_mut(vm, co) {
        c.state = CoroutineState::Completed;
        c.drop_frame();
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
    push(vm, co, value, mode, ret, false)
}

/// `push_resumed` with `next(undefined)` for the `ForOfNext` below, the
/// frame marked `resumed_by_for_of` (see `interp::for_of`).
pub(crate) fn push_resumed_for_of(vm: &mut Vm, co: ObjId, ret: Reg) -> JsResult<()> {
    push(vm, co, Value::Undefined, ResumeMode::Next, Some(ret), true)
}

#[inline(always)]
fn push(
    vm: &mut Vm,
    co: ObjId,
    value: Value,
    mode: ResumeMode,
    ret: Option<Reg>,
    resumed_by_for_of: bool,
) -> JsResult<()> {
    let frames = &mut vm.interp.frames;
    if frames.len() >= vm.options.max_call_depth {
        return Err(too_deep());
    }
    // (See `push_reserved_frame`.)
    frames.reserve(1);
    let ObjectKind::Coroutine(c) = &mut vm.heap.obj_mut(co).kind else {
        return Err(not_resumable());
    };
    let Some(unit) = &c.unit else {
        return Err(not_resumable());
    };
    // The frame's stack part: the argument copy (kept exactly when the code
    // needs it, and then `argc` long), then the register window.
    let st = &mut vm.interp.stack;
    let args_base = st.len();
    let window = match &c.regs {
        Regs::Plain(v, w) => {
            st.extend_from_slice(v);
            *w
        }
        Regs::Packed(p, w) => {
            let overflow = c.extra.as_deref().map_or(&[][..], |x| &x.overflow[..]);
            st.extend(p.iter().map(|&w| unpack(w, overflow)));
            *w
        }
    };
    let base = args_base + window as usize;
    if c.flags & HAS_RESUME != 0 {
        if let Some(slot) = st.get_mut(base + c.resume_value.0 as usize) {
            *slot = value;
        }
        if let Some(slot) = st.get_mut(base + c.resume_mode.0 as usize) {
            *slot = Value::Number(mode as u8 as f64);
        }
    }
    c.state = CoroutineState::Executing;
    if let Some(top) = frames.last_mut() {
        top.pc = vm.interp.pc;
    }
    vm.interp.pc = c.pc;
    vm.current_realm = c.realm;
    // SAFETY: room for the frame was reserved above, and nothing has
    // pushed a frame since.
    unsafe {
        crate::interp::frame::push_reserved_frame(
            frames,
            Frame {
                unit: unit.clone(),
                pc: c.pc,
                base: base as u32,
                args_base: args_base as u32,
                // Only the argument copy's users read `argc`, and the copy is
                // `argc` long.
                argc: window,
                env: c.env,
                scope_depth: c.scope_depth,
                callee: (c.flags & HAS_CALLEE != 0).then_some(c.callee),
                this: c.this,
                new_target: None,
                realm: c.realm,
                ret,
                construct: false,
                coroutine: Some(co),
                resumed_by_for_of,
            },
        )
    };
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
            if coroutine(vm, o).is_some_and(|c| c.kind() == CoroutineKind::Generator) =>
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_value_survives_packing() {
        let odd_nan = f64::from_bits(0xFFFF_0000_0000_0001);
        let values = [
            Value::Undefined,
            Value::Null,
            Value::Boolean(false),
            Value::Boolean(true),
            Value::Uninit,
            Value::Number(0.0),
            Value::Number(-0.0),
            Value::Number(1.5),
            Value::Number(f64::NEG_INFINITY),
            Value::Number(f64::NAN),
            Value::Number(-f64::NAN),
            Value::Number(odd_nan),
            Value::String(StrId(7)),
            Value::Symbol(SymId(u32::MAX)),
            Value::Object(ObjId::from_index(123_456)),
            Value::BigInt(crate::value::BigIntValue::Neg(5)),
        ];
        let mut regs = vec![0; values.len()].into_boxed_slice();
        let mut extra = None;
        pack_into(&mut regs, &values, &mut extra);
        // Only the BigInt and the NaN in the tag space need the side list.
        let overflow = extra.as_deref().map_or(&[][..], |x| &x.overflow[..]);
        assert_eq!(overflow.len(), 2);
        for (&w, &v) in regs.iter().zip(&values) {
            let back = unpack(w, overflow);
            match (v, back) {
                (Value::Number(a), Value::Number(b)) => assert_eq!(a.to_bits(), b.to_bits()),
                (Value::BigInt(a), Value::BigInt(b)) => assert_eq!(a, b),
                (Value::Undefined, Value::Undefined)
                | (Value::Null, Value::Null)
                | (Value::Uninit, Value::Uninit) => {}
                (Value::Boolean(a), Value::Boolean(b)) => assert_eq!(a, b),
                (Value::String(a), Value::String(b)) => assert_eq!(a, b),
                (Value::Symbol(a), Value::Symbol(b)) => assert_eq!(a, b),
                (Value::Object(a), Value::Object(b)) => assert_eq!(a, b),
                _ => panic!("{v:?} came back as {back:?}"),
            }
        }
        // Packing again starts a fresh side list.
        pack_into(&mut regs, &values[..3], &mut extra);
        assert_eq!(extra.as_deref().map(|x| x.overflow.len()), Some(0));
    }

    #[test]
    fn a_coroutine_fits_in_its_object() {
        // No box of its own: the object kind does not grow for it.
        assert!(std::mem::size_of::<Coroutine>() <= 80);
        assert!(std::mem::size_of::<crate::object::ObjectKind>() <= 88);
    }
}
