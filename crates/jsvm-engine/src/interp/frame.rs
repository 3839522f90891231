//! Frames: their layout on the register stack, pushing them for [[Call]]
//! and [[Construct]] of bytecode functions (OrdinaryCallBindThis,
//! OrdinaryCreateFromConstructor), and the native entry points that run a
//! frame in a nested dispatch loop.
//!
//! Invariant: a pushed frame's window `stack[base .. base + register_count]`
//! exists and starts as the first arguments followed by undefined; when the
//! code needs the full argument list (`CodeUnit::needs_args`) it sits at
//! `stack[args_base .. args_base + argc]`, just below the window.

use std::rc::Rc;

use jsvm_bytecode::{FunctionKind, Reg};

use crate::error::{JsError, JsResult};
use crate::interp::code::CodeUnit;
use crate::object::ObjectKind;
use crate::value::{EnvId, ObjId, RealmId, Value};
use crate::vm::Vm;

/// One activation of bytecode (function, script or eval code).
#[derive(Clone)]
pub struct Frame {
    pub unit: Rc<CodeUnit>,
    /// For frames below the top: the pc of the call instruction they wait
    /// in (the top frame's pc is `InterpState::pc`).
    pub pc: u32,
    /// `R[0]` is `stack[base]`.
    pub base: u32,
    /// Start of the frame's part of the stack (the argument copy, if kept).
    pub args_base: u32,
    /// Number of arguments passed.
    pub argc: u32,
    /// The current environment.
    pub env: EnvId,
    /// Environments this frame pushed and has not popped.
    pub scope_depth: u16,
    /// The function object (none for script and eval code).
    pub callee: Option<ObjId>,
    /// The bound this value (`Uninit` in derived constructors).
    pub this: Value,
    /// NewTarget (none: undefined, as in a [[Call]]).
    pub new_target: Option<ObjId>,
    /// The realm of the code (the running execution context's realm).
    pub realm: RealmId,
    /// Where the result goes: a register of the frame below, or `None` when
    /// the frame was entered from Rust (its return ends the `run`).
    pub ret: Option<Reg>,
    /// A [[Construct]] of a base constructor: non-object results give `this`.
    pub construct: bool,
    /// The generator/async object whose body this frame runs (set from its
    /// first suspension on; see `interp::coroutine`).
    pub coroutine: Option<ObjId>,
    /// A generator frame resumed by the `ForOfNext` below it (see
    /// `interp::for_of`): it hands yielded values straight to the loop.
    pub resumed_by_for_of: bool,
}

// Every call writes a frame: keep it small.
const _: () = assert!(std::mem::size_of::<Frame>() <= 72);

impl Frame {
    /// The function object, or undefined.
    pub fn callee_value(&self) -> Value {
        self.callee.map_or(Value::Undefined, Value::Object)
    }
    /// NewTarget as a value.
    pub fn new_target_value(&self) -> Value {
        self.new_target.map_or(Value::Undefined, Value::Object)
    }
}

/// Where the arguments of a new frame come from.
pub(crate) enum Args<'a> {
    /// A slice held (and rooted) by native code.
    Slice(&'a [Value]),
    /// Registers of the calling frame: `stack[start .. start + len]`.
    Stack { start: usize, len: usize },
}

impl Args<'_> {
    fn len(&self) -> usize {
        match self {
            Args::Slice(s) => s.len(),
            Args::Stack { len, .. } => *len,
        }
    }
}

/// What a new frame runs and with which bindings.
#[derive(Clone)]
pub(crate) struct FrameSetup {
    pub unit: Rc<CodeUnit>,
    pub env: EnvId,
    pub callee: Option<ObjId>,
    pub this: Value,
    pub new_target: Option<ObjId>,
    pub realm: RealmId,
    pub ret: Option<Reg>,
    pub construct: bool,
}

/// Pushes a frame (RangeError beyond `max_call_depth`). Saves the running
/// pc into the frame below and makes the new frame's realm current.
pub(crate) fn push_frame(vm: &mut Vm, setup: FrameSetup, args: Args<'_>) -> JsResult<()> {
    if !setup.unit.valid {
        return Err(crate::interp::run::bad_code(
            "register operand out of range",
        ));
    }
    let needs_args = setup.unit.needs_args;
    push_raw(vm, setup, args, needs_args)
}

/// `push_frame` for a valid unit; `needs_args` is the unit's (a constant
/// where the caller knows it, so the copy disappears).
#[inline(always)]
fn push_raw(vm: &mut Vm, setup: FrameSetup, args: Args<'_>, needs_args: bool) -> JsResult<()> {
    if vm.interp.frames.len() >= vm.options.max_call_depth {
        return Err(JsError::range_error("Maximum call stack size exceeded"));
    }
    // (See `push_reserved_frame`.)
    vm.interp.frames.reserve(1);
    let code = &setup.unit.code;
    let regs = code.register_count as usize;
    let argc = args.len();
    let n = argc.min(code.param_count as usize).min(regs);
    let st = &mut vm.interp.stack;
    let args_base = st.len();
    let base = if needs_args {
        args_base + argc
    } else {
        args_base
    };
    let top = base + regs;
    // The new part of the stack: the argument copy when the code keeps one,
    // then the window, starting as the first `n` arguments and undefined
    // up to the register count. One capacity check, then plain writes.
    if let Args::Stack { start, len } = args {
        if start + len > args_base {
            return Err(crate::interp::run::bad_code("argument registers"));
        }
    }
    st.reserve(top - args_base);
    // (Taken after `reserve`, which may move the stack.)
    let src: *const Value = match args {
        Args::Slice(s) => s.as_ptr(),
        // SAFETY: in bounds (checked above).
        Args::Stack { start, .. } => unsafe { st.as_ptr().add(start) },
    };
    // SAFETY: `reserve` made room for `top` values; the sources are `argc`
    // initialized values, either a slice that cannot alias the stack (it is
    // borrowed apart from `vm`) or stack values below `args_base`, which the
    // writes (all at or above `args_base`) do not overlap; every value in
    // `args_base .. top` is written before `set_len`.
    unsafe {
        let p = st.as_mut_ptr();
        if needs_args {
            std::ptr::copy_nonoverlapping(src, p.add(args_base), argc);
        }
        // (A loop: the counts are small, a memcpy call costs more.)
        let window = p.add(base);
        for i in 0..n {
            window.add(i).write(*src.add(i));
        }
        // (Pointer steps: the counted loop kept a bounds-style compare per
        // register.)
        let (mut q, end) = (window.add(n), window.add(regs));
        while q < end {
            q.write(Value::Undefined);
            q = q.add(1);
        }
        st.set_len(top);
    }
    if let Some(top) = vm.interp.frames.last_mut() {
        top.pc = vm.interp.pc;
    }
    let frames = &mut vm.interp.frames;
    // SAFETY: room for the frame was reserved above.
    unsafe {
        push_reserved_frame(
            frames,
            Frame {
                unit: setup.unit,
                pc: 0,
                base: base as u32,
                args_base: args_base as u32,
                argc: argc as u32,
                env: setup.env,
                scope_depth: 0,
                callee: setup.callee,
                this: setup.this,
                new_target: setup.new_target,
                realm: setup.realm,
                ret: setup.ret,
                construct: setup.construct,
                coroutine: None,
                resumed_by_for_of: false,
            },
        )
    };
    vm.interp.pc = 0;
    vm.current_realm = setup.realm;
    Ok(())
}

/// `frames.push(frame)` into room the caller reserved (`frames.reserve(1)`)
/// before building the frame. Then the frame is built in place: a growth
/// check between building and writing it (as in a plain push) makes it be
/// built on the Rust stack, to survive the growth call, and then copied,
/// about 20 more instructions per call.
///
/// # Safety
///
/// `frames.len() < frames.capacity()`.
#[inline(always)]
pub(crate) unsafe fn push_reserved_frame(frames: &mut Vec<Frame>, frame: Frame) {
    debug_assert!(frames.len() < frames.capacity());
    // SAFETY: there is room for one more frame (the caller's guarantee);
    // it is written before the length covers it.
    unsafe {
        let len = frames.len();
        frames.as_mut_ptr().add(len).write(frame);
        frames.set_len(len + 1);
    }
}

/// [[Call]] of a bytecode closure, the common case made cheap: a
/// `plain_call` unit and a this value that needs no conversion. Pushes
/// the frame like `push_frame` (`ret`: see `Frame::ret`); `None` (nothing
/// done) when the general path must handle the call.
#[inline(always)]
pub(crate) fn push_call(
    vm: &mut Vm,
    f: Value,
    this: Value,
    args: Args<'_>,
    ret: Option<Reg>,
) -> Option<JsResult<()>> {
    let setup = plain_call_setup(vm, f, this, ret)?;
    Some(push_raw(vm, setup, args, false))
}

/// The frame of a [[Call]] of `f` with `this` when `f` is a bytecode
/// closure with a `plain_call` unit and the this value needs no
/// conversion; None otherwise.
#[inline(always)]
fn plain_call_setup(vm: &Vm, f: Value, this: Value, ret: Option<Reg>) -> Option<FrameSetup> {
    let Value::Object(fo) = f else {
        return None;
    };
    let ObjectKind::Closure(c) = &vm.heap.obj(fo).kind else {
        return None;
    };
    let unit = &c.unit;
    if !unit.plain_call {
        return None;
    }
    // OrdinaryCallBindThis (10.2.1.2) without ToObject.
    let this = match this {
        _ if unit.this_as_given => this,
        Value::Object(_) => this,
        Value::Undefined | Value::Null => crate::interp::names::realm_global_this(vm, c.realm),
        _ => return None,
    };
    Some(FrameSetup {
        unit: unit.clone(),
        env: c.env,
        callee: Some(fo),
        this,
        new_target: None,
        realm: c.realm,
        ret,
        construct: false,
    })
}

/// Pops the top frame and its stack part; restores the caller's pc and
/// realm. Returns the popped frame.
pub(crate) fn pop_frame(vm: &mut Vm) -> Option<Frame> {
    let f = vm.interp.frames.pop()?;
    vm.interp.stack.truncate(f.args_base as usize);
    restore_caller(vm);
    Some(f)
}

/// `pop_frame` for a caller that does not need the frame: it is dropped
/// in place rather than moved out.
pub(crate) fn drop_frame(vm: &mut Vm) {
    let Some(args_base) = vm.interp.frames.last().map(|f| f.args_base) else {
        return;
    };
    let n = vm.interp.frames.len();
    vm.interp.frames.truncate(n - 1);
    vm.interp.stack.truncate(args_base as usize);
    restore_caller(vm);
}

/// Makes the top frame's pc and realm current again.
#[inline]
fn restore_caller(vm: &mut Vm) {
    if let Some(top) = vm.interp.frames.last() {
        vm.interp.pc = top.pc;
        vm.current_realm = top.realm;
    }
}

/// What a bytecode function object needs to run.
pub(crate) struct Callee {
    pub unit: Rc<CodeUnit>,
    pub env: EnvId,
    pub realm: RealmId,
}

pub(crate) fn callee_of(vm: &Vm, f: ObjId) -> Option<Callee> {
    match &vm.heap.obj(f).kind {
        ObjectKind::Closure(c) => Some(Callee {
            unit: c.unit.clone(),
            env: c.env,
            realm: c.realm,
        }),
        _ => None,
    }
}

/// The refusal of [[Call]] before a frame is pushed: class constructors
/// (10.2.1 step 3). The TypeError is created in the callee's realm.
pub(crate) fn check_callable_code(vm: &mut Vm, unit: &CodeUnit, realm: RealmId) -> JsResult<()> {
    let code = &unit.code;
    if code.kind.is_class_constructor() {
        let err = JsError::type_error(format!(
            "Class constructor {} cannot be invoked without 'new'",
            code.name
        ));
        return Err(vm.error_in_realm(err, realm));
    }
    Ok(())
}

/// OrdinaryCallBindThis (10.2.1.2): the this value a [[Call]] frame gets.
pub(crate) fn bind_this(
    vm: &mut Vm,
    unit: &CodeUnit,
    realm: RealmId,
    this: Value,
) -> JsResult<Value> {
    let code = &unit.code;
    if code.kind == FunctionKind::Arrow || code.strict {
        return Ok(this);
    }
    match this {
        Value::Undefined | Value::Null => Ok(crate::interp::names::realm_global_this(vm, realm)),
        Value::Object(_) => Ok(this),
        _ => {
            let saved = vm.current_realm;
            vm.current_realm = realm;
            let r = vm.to_object(this);
            vm.current_realm = saved;
            Ok(Value::Object(r?))
        }
    }
}

/// The this object of a base [[Construct]]: OrdinaryCreateFromConstructor(
/// newTarget, "%Object.prototype%"). May run JS (a proxy new.target).
pub(crate) fn construct_this(vm: &mut Vm, new_target: ObjId) -> JsResult<Value> {
    let proto = vm.get_prototype_from_constructor(new_target, |i| i.object_prototype)?;
    Ok(Value::Object(vm.new_object(Some(proto))))
}

/// [[Call]] of a bytecode function from native code.
pub(crate) fn call_closure(vm: &mut Vm, f: ObjId, this: Value, args: &[Value]) -> JsResult<Value> {
    if let Some(setup) = plain_call_setup(vm, Value::Object(f), this, None) {
        return run_plain(vm, setup, args);
    }
    let Some(c) = callee_of(vm, f) else {
        return Err(vm.not_callable(Value::Object(f)));
    };
    check_callable_code(vm, &c.unit, c.realm)?;
    let this = bind_this(vm, &c.unit, c.realm, this)?;
    enter(
        vm,
        FrameSetup {
            unit: c.unit,
            env: c.env,
            callee: Some(f),
            this,
            new_target: None,
            realm: c.realm,
            ret: None,
            construct: false,
        },
        args,
    )
}

/// A function native code calls many times with the same this value (an
/// array method's callback, sort's comparator): what a [[Call]] learns
/// about the callee without the arguments (that it is a plain bytecode
/// closure, its code, environment and realm, the this value it binds) is
/// learned once. A closure's code, environment and realm never change, and
/// neither does the this value OrdinaryCallBindThis gives for a given one
/// unless it boxes a primitive, which is left to the general path.
pub(crate) struct Callback {
    f: Value,
    this: Value,
    /// The frame each call pushes, when `f` makes plain calls.
    plain: Option<FrameSetup>,
}

impl Callback {
    /// Call(f, this, ...) made ready; `f` and `this` must stay rooted
    /// while the callback is used (they are the native's arguments).
    pub(crate) fn new(vm: &Vm, f: Value, this: Value) -> Callback {
        Callback {
            f,
            this,
            plain: plain_call_setup(vm, f, this, None),
        }
    }

    /// Call(f, this, args).
    pub(crate) fn call(&self, vm: &mut Vm, args: &[Value]) -> JsResult<Value> {
        let Some(setup) = &self.plain else {
            return vm.call(self.f, self.this, args);
        };
        vm.enter_native()?;
        // (The fields every plain call has alike are written as
        // constants, not copied.)
        let setup = FrameSetup {
            unit: setup.unit.clone(),
            env: setup.env,
            callee: setup.callee,
            this: setup.this,
            new_target: None,
            realm: setup.realm,
            ret: None,
            construct: false,
        };
        let r = run_plain(vm, setup, args);
        vm.leave_native();
        r
    }
}

/// Runs the frame of a plain call (see `plain_call_setup`) from native
/// code in a nested dispatch loop: `enter` for a unit known to be valid
/// and to keep no argument copy.
#[inline(always)]
fn run_plain(vm: &mut Vm, setup: FrameSetup, args: &[Value]) -> JsResult<Value> {
    let saved_realm = vm.current_realm;
    let r =
        push_raw(vm, setup, Args::Slice(args), false).and_then(|()| crate::interp::run::run(vm));
    vm.current_realm = saved_realm;
    r
}

/// [[Construct]] of a bytecode function from native code (10.2.2).
pub(crate) fn construct_closure(
    vm: &mut Vm,
    f: ObjId,
    args: &[Value],
    new_target: ObjId,
) -> JsResult<Value> {
    let Some(c) = callee_of(vm, f) else {
        return Err(vm.not_constructor(Value::Object(f)));
    };
    let derived = c.unit.code.kind == FunctionKind::DerivedConstructor;
    let this = if derived {
        Value::Uninit
    } else {
        let saved = vm.current_realm;
        vm.current_realm = c.realm;
        let t = construct_this(vm, new_target);
        vm.current_realm = saved;
        t?
    };
    let base = vm.roots_len();
    vm.push_root(this);
    let r = enter(
        vm,
        FrameSetup {
            unit: c.unit,
            env: c.env,
            callee: Some(f),
            this,
            new_target: Some(new_target),
            realm: c.realm,
            ret: None,
            construct: !derived,
        },
        args,
    );
    vm.truncate_roots(base);
    r
}

/// Pushes an entry frame and runs it to completion in a nested loop,
/// restoring the caller's realm afterwards.
pub(crate) fn enter(vm: &mut Vm, setup: FrameSetup, args: &[Value]) -> JsResult<Value> {
    let saved_realm = vm.current_realm;
    let r = match push_frame(vm, setup, Args::Slice(args)) {
        Ok(()) => crate::interp::run::run(vm),
        Err(e) => Err(e),
    };
    vm.current_realm = saved_realm;
    r
}
