//! The dispatch loop: one `match` over the decoded instruction, with the
//! common cases (number arithmetic and comparisons, register moves, jumps,
//! environment slots, property access through inline caches) inline and
//! everything else in the `ops_*` modules.
//!
//! Invariants:
//! - The pc, register base and code of the top frame live in locals;
//!   `InterpState::pc` is written at the start of every instruction that
//!   may throw, allocate or end the frame, so a stack trace, a collection
//!   or a pushed frame always sees the current instruction (the others
//!   call nothing that reads it).
//! - A collection can only happen at a safepoint (`Vm::maybe_gc`): before an
//!   allocating instruction, at calls and at loop back-edges. At those points
//!   every live value is in a register, a frame or a rooted slot.
//! - `vm.roots` is back at its entry length whenever an instruction
//!   completes (slow paths trim what they push; the exception path trims
//!   after a failure).

use std::rc::Rc;

use jsvm_bytecode::{Instruction, Opcode};

use crate::atom::atoms;
use crate::error::{JsError, JsResult, Termination};
use crate::interp::async_generator::{self, YieldOutcome};
use crate::interp::code::{CodeUnit, Mat};
use crate::interp::coroutine::{self, CoroutineState as CoState, ResumeMode};
use crate::interp::env::{walk, EnvKind, Environment};
use crate::interp::for_of::{self, LoopStep};
use crate::interp::frame::{self, pop_frame, Frame};
use crate::interp::ic;
use crate::interp::names;
use crate::interp::ops_arith::{self as arith, NumOp, RelOp, UnOp};
use crate::interp::ops_call::{self as calls, Flow};
use crate::interp::{ops_class as class, ops_env, ops_iter as iter, ops_property as prop};
use crate::value::{PropertyKey, Value};
use crate::vm::Vm;

/// An internal error for malformed bytecode (a compiler bug, never user
/// input): a TypeError rather than a panic.
#[cold]
pub(crate) fn bad_code(what: &str) -> JsError {
    JsError::type_error(format!("internal error: malformed bytecode ({what})"))
}

/// The value of a `LoadConst` constant.
fn load_const(unit: &CodeUnit, idx: u32) -> JsResult<Value> {
    match unit.consts.get(idx as usize) {
        Some(Mat::Value(v)) => Ok(*v),
        Some(Mat::Name { string, .. }) => Ok(Value::String(*string)),
        Some(Mat::BigInt) => Err(bad_code("invalid BigInt literal")),
        _ => Err(bad_code("LoadConst of a non-value constant")),
    }
}

#[inline]
fn key_of(unit: &CodeUnit, idx: u32) -> JsResult<PropertyKey> {
    unit.key(idx)
        .ok_or_else(|| bad_code("expected a Name constant"))
}

/// Per-opcode instruction size, computed at compile time from the opcode
/// table (cheaper than `Opcode::size` where only the opcode byte is known).
const OP_SIZE: [u8; 256] = {
    let mut t = [1u8; 256];
    let mut i = 0;
    while i < Opcode::ALL.len() {
        t[i] = Opcode::ALL[i].size() as u8;
        i += 1;
    }
    t
};

/// The size of the instruction whose opcode byte is `b`.
#[inline]
pub(crate) fn op_size(b: u8) -> usize {
    OP_SIZE[b as usize] as usize
}

/// IsStrictlyEqual with the Number case inline.
#[inline]
fn strict_eq(vm: &Vm, a: Value, b: Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y,
        (Value::Object(x), Value::Object(y)) => x == y,
        (Value::Null, Value::Null) | (Value::Undefined, Value::Undefined) => true,
        (Value::Boolean(x), Value::Boolean(y)) => x == y,
        // Different types are never strictly equal; strings and BigInts
        // compare by contents.
        (Value::Null | Value::Undefined | Value::Object(_) | Value::Boolean(_), _)
        | (_, Value::Null | Value::Undefined | Value::Object(_) | Value::Boolean(_)) => false,
        _ => vm.strict_equals(a, b),
    }
}

/// The index of a Number that is an array index.
#[inline]
fn index_of(n: f64) -> Option<u32> {
    let i = n as u32;
    if i as f64 == n && i != u32::MAX {
        Some(i)
    } else {
        None
    }
}

/// Runs the top frame (and every frame it calls) until the frame that was
/// on top at entry returns; the result is its return value.
pub(crate) fn run(vm: &mut Vm) -> JsResult<Value> {
    let roots_base = vm.roots_len();
    'frame: loop {
        let fi = vm.interp.frames.len().wrapping_sub(1);
        let Some(frame) = vm.interp.frames.get(fi) else {
            return Err(bad_code("no frame"));
        };
        // SAFETY: the running frame holds its unit; a frame is popped (or
        // moved into its coroutine, which keeps the unit too) only right
        // before the loop goes on to the next frame or returns, so `unit`
        // (and `code`) are not used past the frame's life.
        let unit: &CodeUnit = unsafe { &*Rc::as_ptr(&frame.unit) };
        let base = frame.base as usize;
        let code: &[u8] = &unit.code.code;
        let mut pc = vm.interp.pc as usize;

        let err: JsError = 'exec: loop {
            let op_pc = pc;
            // (See `opaque`.) SAFETY: the pointer is `vm` itself; the
            // reborrow lives for this iteration, during which the outer
            // `vm` is not used.
            let vm: &mut Vm = unsafe { &mut *opaque(vm as *mut Vm) };
            macro_rules! tri {
                ($e:expr) => {
                    match $e {
                        Ok(v) => v,
                        Err(e) => break 'exec e,
                    }
                };
            }
            // A register of the running frame, read (`r!`) or assigned
            // (`w!`). Unchecked because it cannot be out of bounds:
            // `push_frame` only runs a `CodeUnit::valid` unit (every
            // register operand is below `register_count`), and the frame's
            // window `stack[base .. base + register_count]` exists while the
            // frame runs (the stack only shrinks when a frame above it pops,
            // down to that frame's `args_base`).
            macro_rules! r {
                ($reg:expr) => {{
                    let at = base + ($reg).0 as usize;
                    debug_assert!(at < vm.interp.stack.len());
                    // SAFETY: in bounds, see above.
                    unsafe { *vm.interp.stack.as_ptr().add(at) }
                }};
            }
            // A register of the running frame by reference, for fast paths
            // that test the tag and read one field (not a whole copy: the
            // 16-byte load waits for the narrower stores that just wrote
            // the register to reach the cache). The reference must not outlive
            // anything that can write the stack: copy it out (`*v`) before
            // calling into the VM.
            macro_rules! rv {
                ($reg:expr) => {{
                    let at = base + ($reg).0 as usize;
                    debug_assert!(at < vm.interp.stack.len());
                    // SAFETY: in bounds, see `r!`.
                    unsafe { &*vm.interp.stack.as_ptr().add(at) }
                }};
            }
            macro_rules! w {
                ($reg:expr) => {
                    // SAFETY: in bounds, see above; the assigned value is
                    // computed before this place, and the reference ends
                    // with the assignment.
                    *unsafe {
                        let at = base + ($reg).0 as usize;
                        debug_assert!(at < vm.interp.stack.len());
                        &mut *vm.interp.stack.as_mut_ptr().add(at)
                    }
                };
            }
            // Whether the running code is strict (read where needed, not
            // kept in a local across the loop).
            macro_rules! strict {
                () => {
                    unit.code.strict
                };
            }
            macro_rules! fr {
                () => {
                    vm.interp.frames[fi]
                };
            }
            // A pending interrupt ends the run: checked at loop back-edges
            // (with `maybe_gc`, a safepoint) and at calls (whose opcodes are
            // ALLOCATES: decoding them already ran `maybe_gc`).
            macro_rules! interruptible {
                () => {
                    if vm.interrupted() {
                        break 'exec JsError::Terminate(Termination::Interrupted);
                    }
                };
            }
            macro_rules! safepoint {
                () => {
                    interruptible!();
                    vm.maybe_gc();
                };
            }
            macro_rules! jump {
                ($off:expr) => {{
                    let off = ($off).0;
                    pc = (op_pc as i64 + off as i64) as usize;
                    if off <= 0 {
                        safepoint!();
                    }
                }};
            }
            macro_rules! num_bin {
                ($dst:expr, $lhs:expr, $rhs:expr, $op:expr) => {{
                    let v = match (rv!($lhs), rv!($rhs)) {
                        (&Value::Number(x), &Value::Number(y)) => {
                            Value::Number(arith::num_op($op, x, y))
                        }
                        (&a, &b) => tri!(arith::num_op_slow(vm, $op, a, b)),
                    };
                    w!($dst) = v;
                }};
            }
            // `num_bin!` with a small integer literal on the right.
            macro_rules! num_imm {
                ($dst:expr, $lhs:expr, $value:expr, $op:expr) => {{
                    let y = $value.0 as f64;
                    let v = match rv!($lhs) {
                        &Value::Number(x) => Value::Number(arith::num_op($op, x, y)),
                        &a => tri!(arith::num_op_slow(vm, $op, a, Value::Number(y))),
                    };
                    w!($dst) = v;
                }};
            }
            macro_rules! rel {
                ($dst:expr, $lhs:expr, $rhs:expr, $op:expr) => {{
                    let res = match (rv!($lhs), rv!($rhs)) {
                        (&Value::Number(x), &Value::Number(y)) => arith::rel_num($op, x, y),
                        (&a, &b) => tri!(arith::relational_slow(vm, $op, a, b)),
                    };
                    w!($dst) = Value::Boolean(res);
                }};
            }
            // A fused comparison and jump on two values.
            macro_rules! rel_jump {
                ($a:expr, $b:expr, $op:expr, $off:expr) => {{
                    let res = match ($a, $b) {
                        (&Value::Number(x), &Value::Number(y)) => arith::rel_num($op, x, y),
                        (&a, &b) => tri!(arith::relational_slow(vm, $op, a, b)),
                    };
                    if !res {
                        jump!($off);
                    }
                }};
            }
            macro_rules! unary {
                ($dst:expr, $src:expr, $op:expr) => {{
                    let v = match rv!($src) {
                        &Value::Number(x) => Value::Number(arith::un_num($op, x)),
                        &v => tri!(arith::unary_slow(vm, $op, v)),
                    };
                    w!($dst) = v;
                }};
            }
            macro_rules! flow {
                ($dst:expr, $e:expr) => {
                    match tri!($e) {
                        Flow::Value(v) => w!($dst) = v,
                        Flow::Pushed => continue 'frame,
                    }
                };
            }

            // The plain [[Call]] of a bytecode closure with the arguments
            // `stack[start .. start + len]`: the callee's frame is pushed
            // and the loop goes on in it. Falls through (nothing done) for
            // the callees the general path must handle.
            macro_rules! push_call {
                ($f:expr, $this:expr, $start:expr, $len:expr, $dst:expr) => {
                    let args = frame::Args::Stack {
                        start: $start,
                        len: $len,
                    };
                    match frame::push_call(vm, $f, $this, args, Some($dst)) {
                        Some(Ok(())) => continue 'frame,
                        Some(Err(e)) => break 'exec e,
                        None => {}
                    }
                };
            }

            // Completes the top frame with a value for its caller (a
            // return, or a coroutine's suspension).
            macro_rules! deliver {
                ($v:expr) => {{
                    let v = $v;
                    match return_to_caller(vm, v) {
                        Ok(Some(v)) => {
                            vm.truncate_roots(roots_base);
                            return Ok(v);
                        }
                        Ok(None) => continue 'frame,
                        Err(e) => break 'exec e,
                    }
                }};
            }

            // SAFETY: `pc` is an instruction start of a `valid` unit (see
            // `CodeUnit::valid`, which decoded every instruction): frames
            // only run valid units, and every pc the loop reaches is 0, the
            // end of a non-final instruction, a checked jump or handler
            // target, or a saved one of those.
            //
            // The running pc is published (`InterpState::pc`) only for the
            // instructions that may throw, allocate or end the frame: the
            // others (moves, loads, tests, jumps; see the opcodes without
            // those flags) never call out to anything that reads it. An
            // allocating instruction is a GC safepoint.
            let ins = unsafe {
                Instruction::decode_next_unchecked(code, &mut pc, |allocates| {
                    vm.interp.pc = op_pc as u32;
                    if allocates {
                        vm.maybe_gc();
                    }
                })
            };

            use Instruction as I;
            match ins {
                // ---- Loads and moves ----
                I::Mov { dst, src } => w!(dst) = r!(src),
                I::LoadUndefined { dst } => w!(dst) = Value::Undefined,
                I::LoadNull { dst } => w!(dst) = Value::Null,
                I::LoadTrue { dst } => w!(dst) = Value::Boolean(true),
                I::LoadFalse { dst } => w!(dst) = Value::Boolean(false),
                I::LoadInt { dst, value } => w!(dst) = Value::Number(value.0 as f64),
                I::LoadConst { dst, index } => w!(dst) = tri!(load_const(unit, index.0)),
                I::LoadUninit { dst } => w!(dst) = Value::Uninit,
                I::CheckInit { src, name } => {
                    if matches!(r!(src), Value::Uninit) {
                        let key = tri!(key_of(unit, name.0));
                        break 'exec names::tdz_error(vm, key);
                    }
                }
                I::LoadThis { dst } => w!(dst) = fr!().this,
                I::LoadNewTarget { dst } => w!(dst) = fr!().new_target_value(),
                I::LoadCallee { dst } => w!(dst) = fr!().callee_value(),
                I::LoadHomeObject { dst } => w!(dst) = class::home_object(vm, fr!().callee_value()),
                I::LoadGlobalThis { dst } => w!(dst) = names::global_this(vm),
                I::CheckThisInit { src } => {
                    if matches!(r!(src), Value::Uninit) {
                        break 'exec JsError::reference_error(
                            "Must call super constructor in derived class before accessing 'this' or returning from derived constructor",
                        );
                    }
                }
                I::CheckThisUninit { src } => {
                    if !matches!(r!(src), Value::Uninit) {
                        break 'exec JsError::reference_error(
                            "Super constructor may only be called once",
                        );
                    }
                }

                // ---- Environments ----
                I::PushScope { scope } => {
                    let Some(info) = unit.scope(scope.0) else {
                        break 'exec bad_code("PushScope of a non-scope constant");
                    };
                    let outer = fr!().env;
                    let e = vm.heap.alloc_env(Environment::declarative(info, outer));
                    let f = &mut fr!();
                    f.env = e;
                    f.scope_depth = f.scope_depth.wrapping_add(1);
                }
                I::PushWithScope { obj } => {
                    let o = tri!(vm.to_object(r!(obj)));
                    let outer = fr!().env;
                    let e = vm.heap.alloc_env(Environment {
                        outer: Some(outer),
                        kind: EnvKind::Object {
                            object: o,
                            with: true,
                        },
                    });
                    let f = &mut fr!();
                    f.env = e;
                    f.scope_depth = f.scope_depth.wrapping_add(1);
                }
                I::PopScope {} => {
                    let env = fr!().env;
                    let Some(outer) = vm.heap.env(env).outer else {
                        break 'exec bad_code("PopScope of the global environment");
                    };
                    let f = &mut fr!();
                    f.env = outer;
                    f.scope_depth = f.scope_depth.saturating_sub(1);
                }
                I::CopyScope {} => {
                    let env = fr!().env;
                    let e = tri!(ops_env::copy_scope(vm, env));
                    fr!().env = e;
                }
                I::GetSlot { dst, depth, slot } => {
                    let Some(e) = walk(vm, fr!().env, depth.0) else {
                        break 'exec bad_code("environment depth");
                    };
                    let Some(v) = vm.heap.env(e).slot(slot.0) else {
                        break 'exec bad_code("environment slot");
                    };
                    w!(dst) = v;
                }
                I::GetSlotChecked { dst, depth, slot } => {
                    let Some(e) = walk(vm, fr!().env, depth.0) else {
                        break 'exec bad_code("environment depth");
                    };
                    let Some(v) = vm.heap.env(e).slot(slot.0) else {
                        break 'exec bad_code("environment slot");
                    };
                    if matches!(v, Value::Uninit) {
                        break 'exec ops_env::slot_tdz_error(vm, e, slot.0);
                    }
                    w!(dst) = v;
                }
                I::SetSlot { depth, slot, src } => {
                    let v = r!(src);
                    let Some(e) = walk(vm, fr!().env, depth.0) else {
                        break 'exec bad_code("environment depth");
                    };
                    if !vm.heap.env_mut_storing(e, v).set_slot(slot.0, v) {
                        break 'exec bad_code("environment slot");
                    }
                }
                I::SetSlotChecked { depth, slot, src } => {
                    let v = r!(src);
                    let Some(e) = walk(vm, fr!().env, depth.0) else {
                        break 'exec bad_code("environment depth");
                    };
                    match vm.heap.env(e).slot(slot.0) {
                        None => break 'exec bad_code("environment slot"),
                        Some(Value::Uninit) => break 'exec ops_env::slot_tdz_error(vm, e, slot.0),
                        Some(_) => {
                            vm.heap.env_mut_storing(e, v).set_slot(slot.0, v);
                        }
                    }
                }

                // ---- Globals ----
                I::GlobalDeclarationInstantiation { decls, flags } => {
                    let env = fr!().env;
                    tri!(ops_env::global_declaration_instantiation(
                        vm,
                        unit,
                        env,
                        decls.0,
                        base + flags.0 as usize
                    ));
                }
                I::GetGlobal { dst, name, ic } => {
                    let v = match ic::global_probe(vm, unit, ic.0) {
                        Some(v) => v,
                        None => {
                            let key = tri!(key_of(unit, name.0));
                            match ic::global_get(vm, unit, key, ic.0) {
                                Some(v) => v,
                                None => tri!(names::get_global_slow(vm, key, false)),
                            }
                        }
                    };
                    w!(dst) = v;
                }
                I::TypeofGlobal { dst, name, ic } => {
                    let key = tri!(key_of(unit, name.0));
                    let v = match ic::global_get(vm, unit, key, ic.0) {
                        Some(v) => v,
                        None => tri!(names::get_global_slow(vm, key, true)),
                    };
                    w!(dst) = arith::type_of(vm, v);
                }
                I::SetGlobal { name, src, ic } => {
                    let v = r!(src);
                    if !ic::global_set(vm, unit, name.0, ic.0, v) {
                        let key = tri!(key_of(unit, name.0));
                        tri!(names::set_global_slow(vm, key, v, strict!()));
                    }
                }
                I::InitGlobalLexical { name, src } => {
                    let key = tri!(key_of(unit, name.0));
                    let v = r!(src);
                    names::init_global_lexical(vm, key, v);
                }

                // ---- Dynamic name resolution ----
                I::GetName { dst, name } => {
                    let key = tri!(key_of(unit, name.0));
                    let env = fr!().env;
                    let b = tri!(names::resolve(vm, env, key));
                    w!(dst) = tri!(names::get_binding_value(vm, b, key, strict!()));
                }
                I::TypeofName { dst, name } => {
                    let key = tri!(key_of(unit, name.0));
                    let env = fr!().env;
                    w!(dst) = tri!(names::typeof_name(vm, env, key, strict!()));
                }
                I::GetNameWithThis {
                    dst,
                    this_dst,
                    name,
                } => {
                    let key = tri!(key_of(unit, name.0));
                    let env = fr!().env;
                    let b = tri!(names::resolve(vm, env, key));
                    let this = match b {
                        names::Binding::Object { obj, with: true } => Value::Object(obj),
                        _ => Value::Undefined,
                    };
                    let v = tri!(names::get_binding_value(vm, b, key, strict!()));
                    w!(dst) = v;
                    w!(this_dst) = this;
                }
                I::SetName { name, src } => {
                    let key = tri!(key_of(unit, name.0));
                    let env = fr!().env;
                    let b = tri!(names::resolve(vm, env, key));
                    let v = r!(src);
                    tri!(names::put_binding_value(vm, b, key, v, strict!()));
                }
                // References by name. The reference is re-resolved when it
                // is used (the register only marks the resolution point), so
                // a binding removed in between is looked up afresh.
                I::ResolveName { dst, name } => {
                    let key = tri!(key_of(unit, name.0));
                    let env = fr!().env;
                    tri!(names::resolve(vm, env, key));
                    w!(dst) = Value::Undefined;
                }
                I::GetNameRef { dst, name, .. } => {
                    let key = tri!(key_of(unit, name.0));
                    let env = fr!().env;
                    let b = tri!(names::resolve(vm, env, key));
                    w!(dst) = tri!(names::get_binding_value(vm, b, key, strict!()));
                }
                I::SetNameRef { name, src, .. } => {
                    let key = tri!(key_of(unit, name.0));
                    let env = fr!().env;
                    let b = tri!(names::resolve(vm, env, key));
                    let v = r!(src);
                    tri!(names::put_binding_value(vm, b, key, v, strict!()));
                }
                I::DeleteName { dst, name } => {
                    let key = tri!(key_of(unit, name.0));
                    let env = fr!().env;
                    let b = tri!(names::resolve(vm, env, key));
                    w!(dst) = Value::Boolean(tri!(names::delete_binding(vm, b, key)));
                }
                I::EvalDeclarationInstantiation { decls, flags } => {
                    let env = fr!().env;
                    tri!(ops_env::eval_declaration_instantiation(
                        vm,
                        unit,
                        env,
                        decls.0,
                        base + flags.0 as usize
                    ));
                }
                I::CallEval {
                    dst,
                    callee,
                    this,
                    args,
                    argc,
                    site,
                } => {
                    interruptible!();
                    let (f, t) = (r!(callee), r!(this));
                    let range = calls::ArgRange::Regs(base + args.0 as usize, argc.0 as usize);
                    flow!(
                        dst,
                        crate::interp::eval::call_eval(vm, unit, dst, callee, f, t, range, site.0)
                    );
                }
                I::CallEvalSpread {
                    dst,
                    callee,
                    this,
                    args,
                    site,
                } => {
                    interruptible!();
                    let (f, t, a) = (r!(callee), r!(this), r!(args));
                    let range = calls::ArgRange::Array(a);
                    flow!(
                        dst,
                        crate::interp::eval::call_eval(vm, unit, dst, callee, f, t, range, site.0)
                    );
                }

                // ---- Functions and classes ----
                I::Closure { dst, func } => {
                    let env = fr!().env;
                    w!(dst) = tri!(class::closure(vm, unit, func.0, env));
                }
                I::SetFunctionName { func, key, prefix } => {
                    let (f, k) = (r!(func), r!(key));
                    tri!(class::set_function_name(vm, f, k, prefix.0));
                }
                I::SetHomeObject { func, home } => {
                    if let (Value::Object(f), Value::Object(h)) = (r!(func), r!(home)) {
                        crate::interp::closure::set_home_object(vm, f, h);
                    }
                }
                I::CreateClass {
                    dst,
                    proto_dst,
                    func,
                } => {
                    let env = fr!().env;
                    let (c, p) = tri!(class::create_class(vm, unit, func.0, env, None));
                    w!(dst) = c;
                    w!(proto_dst) = p;
                }
                I::CreateDerivedClass {
                    dst,
                    proto_dst,
                    func,
                    superclass,
                } => {
                    let env = fr!().env;
                    let sup = r!(superclass);
                    let (c, p) = tri!(class::create_class(vm, unit, func.0, env, Some(sup)));
                    w!(dst) = c;
                    w!(proto_dst) = p;
                }
                I::DefineMethod { obj, key, func } => {
                    let (o, k, f) = (r!(obj), r!(key), r!(func));
                    tri!(class::define_method(vm, o, k, f));
                }
                I::DefineGetter {
                    obj,
                    key,
                    func,
                    enumerable,
                } => {
                    let (o, k, f) = (r!(obj), r!(key), r!(func));
                    tri!(class::define_accessor(vm, o, k, f, true, enumerable.0 == 1));
                }
                I::DefineSetter {
                    obj,
                    key,
                    func,
                    enumerable,
                } => {
                    let (o, k, f) = (r!(obj), r!(key), r!(func));
                    tri!(class::define_accessor(
                        vm,
                        o,
                        k,
                        f,
                        false,
                        enumerable.0 == 1
                    ));
                }
                I::NewPrivateName { dst, description } => {
                    let key = tri!(key_of(unit, description.0));
                    w!(dst) = class::new_private_name(vm, key);
                }
                I::GetPrivate { dst, obj, name } => {
                    let (o, n) = (r!(obj), r!(name));
                    w!(dst) = tri!(class::private_get(vm, o, n));
                }
                I::SetPrivate { obj, name, src } => {
                    let (o, n, v) = (r!(obj), r!(name), r!(src));
                    tri!(class::private_set(vm, o, n, v));
                }
                I::DefinePrivateField { obj, name, src } => {
                    let (o, n, v) = (r!(obj), r!(name), r!(src));
                    tri!(class::private_field_add(vm, o, n, v));
                }
                I::AddPrivateMethod { obj, name, func } => {
                    let (o, n, f) = (r!(obj), r!(name), r!(func));
                    tri!(class::private_method_add(vm, o, n, f));
                }
                I::AddPrivateAccessor {
                    obj,
                    name,
                    getter,
                    setter,
                } => {
                    let (o, n, g, s) = (r!(obj), r!(name), r!(getter), r!(setter));
                    tri!(class::private_accessor_add(vm, o, n, g, s));
                }
                I::PrivateIn { dst, name, obj } => {
                    let (n, o) = (r!(name), r!(obj));
                    w!(dst) = Value::Boolean(tri!(class::private_in(vm, n, o)));
                }
                I::GetSuperConstructor { dst, func } => {
                    w!(dst) = tri!(class::get_super_constructor(vm, r!(func)));
                }
                I::SuperConstruct {
                    dst,
                    ctor,
                    new_target,
                    args,
                    argc,
                } => {
                    interruptible!();
                    let (c, nt) = (r!(ctor), r!(new_target));
                    let start = base + args.0 as usize;
                    flow!(
                        dst,
                        calls::construct(
                            vm,
                            dst,
                            c,
                            nt,
                            calls::ArgRange::Regs(start, argc.0 as usize),
                            true,
                            None
                        )
                    );
                }
                I::SuperConstructSpread {
                    dst,
                    ctor,
                    new_target,
                    args,
                } => {
                    interruptible!();
                    let (c, nt, a) = (r!(ctor), r!(new_target), r!(args));
                    flow!(
                        dst,
                        calls::construct(vm, dst, c, nt, calls::ArgRange::Array(a), true, None)
                    );
                }
                I::GetSuper {
                    dst,
                    home,
                    key,
                    this,
                } => {
                    let (h, k, t) = (r!(home), r!(key), r!(this));
                    w!(dst) = tri!(class::get_super(vm, h, k, t));
                }
                I::SetSuper {
                    home,
                    key,
                    src,
                    this,
                } => {
                    let (h, k, v, t) = (r!(home), r!(key), r!(src), r!(this));
                    tri!(class::set_super(vm, h, k, v, t, strict!()));
                }
                I::CreateMappedArguments { dst, map } => {
                    w!(dst) = tri!(calls::create_mapped_arguments(vm, unit, map.0));
                }
                I::CreateUnmappedArguments { dst } => {
                    w!(dst) = calls::create_unmapped_arguments(vm);
                }
                I::CreateRestArray { dst, from } => {
                    w!(dst) = calls::create_rest_array(vm, from.0 as usize);
                }

                // ---- Calls and returns ----
                I::Call {
                    dst,
                    callee,
                    this,
                    args,
                    argc,
                } => {
                    interruptible!();
                    let (f, t) = (r!(callee), r!(this));
                    let start = base + args.0 as usize;
                    push_call!(f, t, start, argc.0 as usize, dst);
                    let site = Some(calls::Site { unit, callee });
                    let range = calls::ArgRange::Regs(start, argc.0 as usize);
                    flow!(dst, calls::call(vm, dst, f, t, range, site));
                }
                I::CallSpread {
                    dst,
                    callee,
                    this,
                    args,
                } => {
                    interruptible!();
                    let (f, t, a) = (r!(callee), r!(this), r!(args));
                    let site = Some(calls::Site { unit, callee });
                    flow!(
                        dst,
                        calls::call(vm, dst, f, t, calls::ArgRange::Array(a), site)
                    );
                }
                I::New {
                    dst,
                    ctor,
                    args,
                    argc,
                } => {
                    interruptible!();
                    let c = r!(ctor);
                    let start = base + args.0 as usize;
                    let site = Some(calls::Site { unit, callee: ctor });
                    let range = calls::ArgRange::Regs(start, argc.0 as usize);
                    flow!(dst, calls::construct(vm, dst, c, c, range, false, site));
                }
                I::NewSpread { dst, ctor, args } => {
                    interruptible!();
                    let (c, a) = (r!(ctor), r!(args));
                    let site = Some(calls::Site { unit, callee: ctor });
                    let range = calls::ArgRange::Array(a);
                    flow!(dst, calls::construct(vm, dst, c, c, range, false, site));
                }
                I::Return { src } => {
                    let v = r!(src);
                    let f = &fr!();
                    let result = if f.construct && !v.is_object() {
                        f.this
                    } else {
                        v
                    };
                    if return_plain(vm, result) {
                        continue 'frame;
                    }
                    deliver!(result)
                }
                I::DerivedReturn { src, this } => {
                    let v = r!(src);
                    let result = match v {
                        Value::Object(_) => v,
                        Value::Undefined => {
                            let t = r!(this);
                            if matches!(t, Value::Uninit) {
                                break 'exec derived_return_error(
                                    vm,
                                    JsError::reference_error(
                                        "Must call super constructor in derived class before accessing 'this' or returning from derived constructor",
                                    ),
                                );
                            }
                            t
                        }
                        _ => {
                            break 'exec derived_return_error(
                                vm,
                                JsError::type_error(
                                    "Derived constructors may only return object or undefined",
                                ),
                            )
                        }
                    };
                    deliver!(result)
                }

                // ---- Properties ----
                I::GetProp { dst, obj, name, ic } => {
                    let o = r!(obj);
                    let fast = match o {
                        Value::Object(oid) => ic::get_prop(vm, unit, oid, name.0, ic.0),
                        _ => ic::get_prop_primitive(vm, unit, o, name.0, ic.0),
                    };
                    match (fast, o) {
                        (Some(ic::PropHit::Slot(holder, slot)), _) => {
                            w!(dst) = vm.get_slot(holder, slot)
                        }
                        (Some(ic::PropHit::Getter(Value::Undefined)), _) => {
                            w!(dst) = Value::Undefined
                        }
                        (Some(ic::PropHit::Length(n)), _) => w!(dst) = Value::Number(n as f64),
                        // A getter runs like a call with no arguments.
                        (Some(ic::PropHit::Getter(g)), _) => {
                            safepoint!();
                            push_call!(g, o, base, 0, dst);
                            let none = calls::ArgRange::Regs(base, 0);
                            flow!(dst, calls::call(vm, dst, g, o, none, None));
                        }
                        (None, o) => {
                            let key = tri!(key_of(unit, name.0));
                            w!(dst) = tri!(match o {
                                Value::Object(oid) => vm.get(oid, key, o),
                                _ => prop::get_primitive(vm, o, key),
                            })
                        }
                    }
                }
                I::SetProp { obj, name, src, ic } => {
                    let (o, v) = (r!(obj), r!(src));
                    let done = match o {
                        Value::Object(oid) => ic::set_prop(vm, unit, oid, name.0, ic.0, v),
                        _ => false,
                    };
                    if !done {
                        let key = tri!(key_of(unit, name.0));
                        let oid = o.as_object();
                        let start = oid.and_then(|oid| ic::transition_start(vm, oid));
                        tri!(prop::set_property(vm, o, key, v, strict!()));
                        if let (Some(oid), Some(start)) = (oid, start) {
                            ic::note_addition(vm, unit, oid, key, ic.0, start, true);
                        }
                    }
                }
                I::GetElem { dst, obj, key } => {
                    let (o, k) = (r!(obj), r!(key));
                    let fast = match (o, k) {
                        (Value::Object(oid), Value::Number(n)) => {
                            index_of(n).and_then(|i| vm.get_element_fast(oid, i))
                        }
                        _ => None,
                    };
                    w!(dst) = match fast {
                        Some(v) => v,
                        None => tri!(prop::get_elem(vm, o, k)),
                    };
                }
                I::SetElem { obj, key, src } => {
                    let (o, k, v) = (r!(obj), r!(key), r!(src));
                    let done = match (o, k) {
                        (Value::Object(oid), Value::Number(n)) => {
                            index_of(n).is_some_and(|i| vm.set_element_fast(oid, i, v))
                        }
                        _ => false,
                    };
                    if !done {
                        tri!(prop::set_elem(vm, o, k, v, strict!()));
                    }
                }
                I::DeleteProp { dst, obj, name } => {
                    let o = r!(obj);
                    let key = tri!(key_of(unit, name.0));
                    w!(dst) = Value::Boolean(tri!(prop::delete_key(vm, o, key, strict!())));
                }
                I::DeleteElem { dst, obj, key } => {
                    let (o, k) = (r!(obj), r!(key));
                    w!(dst) = Value::Boolean(tri!(prop::delete_elem(vm, o, k, strict!())));
                }
                I::In { dst, key, obj } => {
                    let (k, o) = (r!(key), r!(obj));
                    w!(dst) = Value::Boolean(tri!(prop::has_in(vm, k, o)));
                }
                I::InstanceOf { dst, obj, ctor } => {
                    let (o, c) = (r!(obj), r!(ctor));
                    w!(dst) = Value::Boolean(tri!(vm.instance_of(o, c)));
                }

                // ---- Object and array literals ----
                I::NewObject { dst } => w!(dst) = Value::Object(vm.new_plain_object()),
                I::NewObjectLiteral {
                    dst,
                    values,
                    count,
                    shape,
                } => {
                    w!(dst) = tri!(prop::new_object_literal(
                        vm,
                        unit,
                        shape.0,
                        base + values.0 as usize,
                        count.0 as usize
                    ));
                }
                I::NewArray { dst, capacity: _ } => w!(dst) = Value::Object(vm.new_array(&[])),
                I::ArrayPush { arr, src } => {
                    let (a, v) = (r!(arr), r!(src));
                    tri!(prop::array_push(vm, a, v));
                }
                I::ArrayPushHole { arr } => {
                    let a = r!(arr);
                    tri!(prop::array_push_hole(vm, a));
                }
                I::ArrayAppendSpread { arr, iterable } => {
                    let (a, it) = (r!(arr), r!(iterable));
                    tri!(iter::array_append_spread(vm, a, it));
                }
                I::DefineField { obj, key, src } => {
                    let (o, k, v) = (r!(obj), r!(key), r!(src));
                    tri!(prop::define_field(vm, o, k, v));
                }
                I::DefineNamedField { obj, name, src, ic } => {
                    let (o, v) = (r!(obj), r!(src));
                    let oid = o.as_object();
                    if !oid.is_some_and(|oid| ic::define_field(vm, unit, oid, ic.0, v)) {
                        let key = tri!(key_of(unit, name.0));
                        let start = oid.and_then(|oid| ic::transition_start(vm, oid));
                        tri!(prop::define_named_field(vm, o, key, v));
                        if let (Some(oid), Some(start)) = (oid, start) {
                            ic::note_addition(vm, unit, oid, key, ic.0, start, false);
                        }
                    }
                }
                I::SetProto { obj, src } => {
                    let (o, p) = (r!(obj), r!(src));
                    tri!(prop::set_proto(vm, o, p));
                }
                I::CopyDataProperties {
                    dst,
                    src,
                    excluded,
                    count,
                } => {
                    let (d, s) = (r!(dst), r!(src));
                    let start = base + excluded.0 as usize;
                    tri!(prop::copy_data_properties(
                        vm,
                        d,
                        s,
                        start,
                        count.0 as usize
                    ));
                }
                I::NewRegExp { dst, regexp } => {
                    w!(dst) = tri!(prop::new_regexp(vm, unit, regexp.0));
                }
                I::GetTemplateObject { dst, template } => {
                    w!(dst) = tri!(prop::get_template_object(vm, unit, template.0));
                }

                // ---- Operators ----
                I::Add { dst, lhs, rhs } => {
                    let v = match (rv!(lhs), rv!(rhs)) {
                        (&Value::Number(x), &Value::Number(y)) => Value::Number(x + y),
                        (&Value::String(x), &Value::String(y)) => {
                            Value::String(vm.concat_strings(x, y))
                        }
                        (&a, &b) => tri!(arith::add_slow(vm, a, b)),
                    };
                    w!(dst) = v;
                }
                I::AddImm { dst, lhs, value } => {
                    let (a, y) = (r!(lhs), value.0 as f64);
                    w!(dst) = match a {
                        Value::Number(x) => Value::Number(x + y),
                        _ => tri!(arith::add_slow(vm, a, Value::Number(y))),
                    };
                }
                I::SubImm { dst, lhs, value } => num_imm!(dst, lhs, value, NumOp::Sub),
                I::MulImm { dst, lhs, value } => num_imm!(dst, lhs, value, NumOp::Mul),
                I::ModImm { dst, lhs, value } => num_imm!(dst, lhs, value, NumOp::Mod),
                I::DivImm { dst, lhs, value } => num_imm!(dst, lhs, value, NumOp::Div),
                I::BitAndImm { dst, lhs, value } => num_imm!(dst, lhs, value, NumOp::BitAnd),
                I::BitOrImm { dst, lhs, value } => num_imm!(dst, lhs, value, NumOp::BitOr),
                I::BitXorImm { dst, lhs, value } => num_imm!(dst, lhs, value, NumOp::BitXor),
                I::ShlImm { dst, lhs, value } => num_imm!(dst, lhs, value, NumOp::Shl),
                I::ShrImm { dst, lhs, value } => num_imm!(dst, lhs, value, NumOp::Shr),
                I::UShrImm { dst, lhs, value } => num_imm!(dst, lhs, value, NumOp::UShr),
                I::Sub { dst, lhs, rhs } => num_bin!(dst, lhs, rhs, NumOp::Sub),
                I::Mul { dst, lhs, rhs } => num_bin!(dst, lhs, rhs, NumOp::Mul),
                I::Div { dst, lhs, rhs } => num_bin!(dst, lhs, rhs, NumOp::Div),
                I::Mod { dst, lhs, rhs } => num_bin!(dst, lhs, rhs, NumOp::Mod),
                I::Exp { dst, lhs, rhs } => num_bin!(dst, lhs, rhs, NumOp::Exp),
                I::BitAnd { dst, lhs, rhs } => num_bin!(dst, lhs, rhs, NumOp::BitAnd),
                I::BitOr { dst, lhs, rhs } => num_bin!(dst, lhs, rhs, NumOp::BitOr),
                I::BitXor { dst, lhs, rhs } => num_bin!(dst, lhs, rhs, NumOp::BitXor),
                I::Shl { dst, lhs, rhs } => num_bin!(dst, lhs, rhs, NumOp::Shl),
                I::Shr { dst, lhs, rhs } => num_bin!(dst, lhs, rhs, NumOp::Shr),
                I::UShr { dst, lhs, rhs } => num_bin!(dst, lhs, rhs, NumOp::UShr),
                I::Eq { dst, lhs, rhs } => {
                    let (a, b) = (r!(lhs), r!(rhs));
                    let res = match (a, b) {
                        (Value::Number(x), Value::Number(y)) => x == y,
                        _ => tri!(vm.loose_equals(a, b)),
                    };
                    w!(dst) = Value::Boolean(res);
                }
                I::Ne { dst, lhs, rhs } => {
                    let (a, b) = (r!(lhs), r!(rhs));
                    let res = match (a, b) {
                        (Value::Number(x), Value::Number(y)) => x == y,
                        _ => tri!(vm.loose_equals(a, b)),
                    };
                    w!(dst) = Value::Boolean(!res);
                }
                I::StrictEq { dst, lhs, rhs } => {
                    w!(dst) = Value::Boolean(strict_eq(vm, r!(lhs), r!(rhs)));
                }
                I::StrictNe { dst, lhs, rhs } => {
                    w!(dst) = Value::Boolean(!strict_eq(vm, r!(lhs), r!(rhs)));
                }
                I::Lt { dst, lhs, rhs } => rel!(dst, lhs, rhs, RelOp::Lt),
                I::Le { dst, lhs, rhs } => rel!(dst, lhs, rhs, RelOp::Le),
                I::Gt { dst, lhs, rhs } => rel!(dst, lhs, rhs, RelOp::Gt),
                I::Ge { dst, lhs, rhs } => rel!(dst, lhs, rhs, RelOp::Ge),
                I::Neg { dst, src } => unary!(dst, src, UnOp::Neg),
                I::BitNot { dst, src } => unary!(dst, src, UnOp::BitNot),
                I::Not { dst, src } => {
                    let v = r!(src);
                    w!(dst) = Value::Boolean(!vm.to_boolean(v));
                }
                I::Typeof { dst, src } => {
                    let v = r!(src);
                    w!(dst) = arith::type_of(vm, v);
                }
                I::ToNumber { dst, src } => unary!(dst, src, UnOp::ToNumber),
                I::ToNumeric { dst, src } => unary!(dst, src, UnOp::ToNumeric),
                I::Inc { dst, src } => unary!(dst, src, UnOp::Inc),
                I::Dec { dst, src } => unary!(dst, src, UnOp::Dec),
                I::ToString { dst, src } => {
                    let v = r!(src);
                    w!(dst) = match v {
                        Value::String(_) => v,
                        _ => tri!(arith::to_string_value(vm, v)),
                    };
                }
                I::ToPropertyKey { dst, src } => {
                    // (A primitive stays: see `to_property_key_value`.)
                    if let v @ Value::Object(_) = r!(src) {
                        w!(dst) = tri!(arith::to_property_key_value(vm, v));
                    } else if dst != src {
                        w!(dst) = r!(src);
                    }
                }
                I::CheckObjectCoercible { src } => tri!(arith::check_object_coercible(r!(src))),

                // ---- Jumps ----
                I::Jump { offset } => jump!(offset),
                I::JumpIfTrue { cond, offset } => {
                    let c = match *rv!(cond) {
                        Value::Boolean(b) => b,
                        v => vm.to_boolean(v),
                    };
                    if c {
                        jump!(offset);
                    }
                }
                I::JumpUnlessLt { lhs, rhs, offset } => {
                    rel_jump!(rv!(lhs), rv!(rhs), RelOp::Lt, offset)
                }
                I::JumpUnlessLtImm { lhs, value, offset } => {
                    rel_jump!(rv!(lhs), &Value::Number(value.0 as f64), RelOp::Lt, offset)
                }
                I::JumpUnlessLe { lhs, rhs, offset } => {
                    rel_jump!(rv!(lhs), rv!(rhs), RelOp::Le, offset)
                }
                I::JumpUnlessLeImm { lhs, value, offset } => {
                    rel_jump!(rv!(lhs), &Value::Number(value.0 as f64), RelOp::Le, offset)
                }
                I::JumpUnlessGt { lhs, rhs, offset } => {
                    rel_jump!(rv!(lhs), rv!(rhs), RelOp::Gt, offset)
                }
                I::JumpUnlessGtImm { lhs, value, offset } => {
                    rel_jump!(rv!(lhs), &Value::Number(value.0 as f64), RelOp::Gt, offset)
                }
                I::JumpUnlessGe { lhs, rhs, offset } => {
                    rel_jump!(rv!(lhs), rv!(rhs), RelOp::Ge, offset)
                }
                I::JumpUnlessGeImm { lhs, value, offset } => {
                    rel_jump!(rv!(lhs), &Value::Number(value.0 as f64), RelOp::Ge, offset)
                }
                I::JumpUnlessStrictEq { lhs, rhs, offset } => {
                    if !strict_eq(vm, r!(lhs), r!(rhs)) {
                        jump!(offset);
                    }
                }
                I::JumpUnlessStrictNe { lhs, rhs, offset } => {
                    if strict_eq(vm, r!(lhs), r!(rhs)) {
                        jump!(offset);
                    }
                }
                I::JumpUnlessStrictEqImm { lhs, value, offset } => {
                    if !matches!(rv!(lhs), &Value::Number(x) if x == value.0 as f64) {
                        jump!(offset);
                    }
                }
                I::JumpUnlessStrictNeImm { lhs, value, offset } => {
                    if matches!(rv!(lhs), &Value::Number(x) if x == value.0 as f64) {
                        jump!(offset);
                    }
                }
                I::JumpIfFalse { cond, offset } => {
                    let c = match *rv!(cond) {
                        Value::Boolean(b) => b,
                        v => vm.to_boolean(v),
                    };
                    if !c {
                        jump!(offset);
                    }
                }
                I::JumpIfNullish { src, offset } => {
                    if r!(src).is_nullish() {
                        jump!(offset);
                    }
                }
                I::JumpIfNotNullish { src, offset } => {
                    if !r!(src).is_nullish() {
                        jump!(offset);
                    }
                }
                I::JumpIfUndefined { src, offset } => {
                    if r!(src).is_undefined() {
                        jump!(offset);
                    }
                }
                I::JumpIfNotUndefined { src, offset } => {
                    if !r!(src).is_undefined() {
                        jump!(offset);
                    }
                }

                // ---- Iteration ----
                I::GetIterator {
                    iter: it,
                    next,
                    obj,
                } => {
                    let o = r!(obj);
                    let rec = tri!(vm.get_iterator(o));
                    w!(it) = Value::Object(rec.iterator);
                    w!(next) = rec.next_method;
                }
                I::IteratorStep {
                    value,
                    done,
                    iter: it,
                    next,
                } => {
                    w!(done) = Value::Boolean(true);
                    let (i, n) = (r!(it), r!(next));
                    if let Some(v) = tri!(iter::iterator_step(vm, i, n)) {
                        w!(value) = v;
                        w!(done) = Value::Boolean(false);
                    } else {
                        w!(value) = Value::Undefined;
                    }
                }
                I::ForOfNext {
                    dst,
                    iter: it,
                    next,
                    exit,
                } => {
                    let (i, n) = (r!(it), r!(next));
                    if let Some(g) = for_of::fast_generator(vm, i, n) {
                        tri!(for_of::resume_in_loop(vm, g, dst));
                        continue 'frame;
                    }
                    let step = match for_of::fast_array_step(vm, i, n) {
                        Some(step) => step,
                        None => iter::iterator_step(vm, i, n),
                    };
                    match tri!(step) {
                        Some(v) => w!(dst) = v,
                        None => jump!(exit),
                    }
                }
                I::IteratorClose { iter: it } => {
                    let i = r!(it);
                    tri!(iter::iterator_close(vm, i));
                }
                I::IteratorCloseForThrow { iter: it } => {
                    let i = r!(it);
                    iter::iterator_close_for_throw(vm, i);
                }
                I::ForInEnumerate { dst, obj } => {
                    let o = r!(obj);
                    w!(dst) = tri!(iter::for_in_enumerate(vm, o));
                }
                I::ForInNext {
                    dst,
                    iter: it,
                    exit,
                } => {
                    let i = r!(it);
                    match tri!(iter::for_in_next(vm, i)) {
                        Some(v) => w!(dst) = v,
                        None => jump!(exit),
                    }
                }

                // ---- Coroutines ----
                I::InitialYield {} => {
                    let callee = fr!().callee_value();
                    let g = tri!(coroutine::create_generator(vm, callee));
                    coroutine::suspend_top(vm, g, pc as u32, None, CoState::SuspendedStart);
                    deliver!(Value::Object(g))
                }
                I::Yield { dst, mode, src } => {
                    let v = r!(src);
                    let Some(g) = fr!().coroutine else {
                        break 'exec bad_code("yield outside a coroutine");
                    };
                    let resume = Some((dst, mode));
                    if fr!().resumed_by_for_of {
                        coroutine::suspend_top(vm, g, pc as u32, resume, CoState::SuspendedYield);
                        tri!(for_of::continue_loop(vm, LoopStep::Value(v)));
                        continue 'frame;
                    }
                    let result = Value::Object(vm.create_iter_result(v, false));
                    coroutine::suspend_top(vm, g, pc as u32, resume, CoState::SuspendedYield);
                    if return_plain(vm, result) {
                        continue 'frame;
                    }
                    deliver!(result)
                }
                I::YieldRaw { dst, mode, src } => {
                    let result = r!(src);
                    let Some(g) = fr!().coroutine else {
                        break 'exec bad_code("yield outside a coroutine");
                    };
                    let resume = Some((dst, mode));
                    coroutine::suspend_top(vm, g, pc as u32, resume, CoState::SuspendedYield);
                    deliver!(result)
                }
                I::ResumeBranch {
                    mode,
                    value,
                    offset,
                } => match r!(mode) {
                    Value::Number(m) if m == ResumeMode::Throw as u8 as f64 => {
                        break 'exec JsError::Throw(r!(value))
                    }
                    Value::Number(m) if m == ResumeMode::Return as u8 as f64 => {}
                    _ => jump!(offset),
                },
                I::YieldDelegateStep {
                    dst,
                    iter: it,
                    next,
                    recv,
                    mode,
                } => {
                    let (i, n, v) = (r!(it), r!(next), r!(recv));
                    let mut m = r!(mode);
                    if coroutine::is_next_mode(m) {
                        // An inner generator resumes in this loop; its
                        // result (always an object) lands in R[dst].
                        if let Some(g) = for_of::fast_generator(vm, i, n) {
                            tri!(coroutine::push_resumed(
                                vm,
                                g,
                                v,
                                ResumeMode::Next,
                                Some(dst)
                            ));
                            continue 'frame;
                        }
                    }
                    let result = tri!(coroutine::delegate_step(vm, i, n, v, &mut m));
                    w!(mode) = m;
                    w!(dst) = result;
                }
                I::CoroutineReturn { src } => {
                    let v = r!(src);
                    let Some(co) = fr!().coroutine else {
                        break 'exec bad_code("coroutine return outside a coroutine");
                    };
                    if fr!().resumed_by_for_of {
                        coroutine::complete(vm, co);
                        tri!(for_of::continue_loop(vm, LoopStep::Done));
                        continue 'frame;
                    }
                    deliver!(tri!(coroutine::finish(vm, co, v)))
                }
                I::AsyncStart {} => {
                    let co = coroutine::create_async_function(vm);
                    fr!().coroutine = Some(co);
                }
                I::Await { dst, mode, src } => {
                    let v = r!(src);
                    let Some(co) = fr!().coroutine else {
                        break 'exec bad_code("await outside a coroutine");
                    };
                    tri!(coroutine::await_value(vm, co, v));
                    let resume = Some((dst, mode));
                    coroutine::suspend_top(vm, co, pc as u32, resume, CoState::Executing);
                    coroutine::set_awaiting(vm, co, false);
                    deliver!(coroutine::promise_of(vm, co))
                }
                I::AsyncYield { dst, mode, src } => {
                    let v = r!(src);
                    let Some(co) = fr!().coroutine else {
                        break 'exec bad_code("yield outside a coroutine");
                    };
                    match tri!(async_generator::yield_value(vm, co, v)) {
                        YieldOutcome::Continue(value, m) => {
                            w!(dst) = value;
                            w!(mode) = Value::Number(m as u8 as f64);
                        }
                        YieldOutcome::Suspend { awaiting } => {
                            let resume = Some((dst, mode));
                            let st = CoState::SuspendedYield;
                            coroutine::suspend_top(vm, co, pc as u32, resume, st);
                            if awaiting {
                                coroutine::set_awaiting(vm, co, true);
                            }
                            deliver!(Value::Undefined)
                        }
                    }
                }
                I::AsyncDelegateStep {
                    dst,
                    iter: it,
                    next,
                    recv,
                    mode,
                    none,
                } => {
                    let (i, n, v) = (r!(it), r!(next), r!(recv));
                    let mut m = r!(mode);
                    let result = tri!(coroutine::async_delegate_step(vm, i, n, v, &mut m));
                    w!(mode) = m;
                    match result {
                        Some(res) => w!(dst) = res,
                        None => jump!(none),
                    }
                }
                I::JumpIfMode {
                    mode,
                    expect,
                    offset,
                } => {
                    if matches!(r!(mode), Value::Number(m) if m == expect.0 as f64) {
                        jump!(offset);
                    }
                }
                I::GetAsyncIterator {
                    iter: it,
                    next,
                    obj,
                } => {
                    let o = r!(obj);
                    let (i, n) = tri!(crate::builtins::async_from_sync::get_async_iterator(vm, o));
                    w!(it) = i;
                    w!(next) = n;
                }
                I::IterResultUnpack { dst, result, exit } => {
                    let res = r!(result);
                    match tri!(iter::unpack_iter_result(vm, res)) {
                        Some(v) => w!(dst) = v,
                        None => jump!(exit),
                    }
                }
                I::GetReturnMethod {
                    dst,
                    iter: it,
                    none,
                } => {
                    let i = r!(it);
                    match tri!(vm.get_method(i, PropertyKey::Atom(atoms::RETURN))) {
                        Some(m) => w!(dst) = m,
                        None => jump!(none),
                    }
                }
                I::CheckIterResult { src } => {
                    let v = r!(src);
                    if !v.is_object() {
                        break 'exec iter::not_an_iter_result(vm, v);
                    }
                }

                // ---- Modules ----
                I::GetImport { dst, depth, index } => {
                    let env = fr!().env;
                    w!(dst) = tri!(crate::module::ops::get_import(vm, env, depth.0, index.0));
                }
                I::ImportMeta { dst } => w!(dst) = tri!(crate::module::ops::import_meta(vm)),
                I::ImportCall {
                    dst,
                    specifier,
                    options,
                    phase,
                } => {
                    let (sp, op) = (r!(specifier), r!(options));
                    w!(dst) = tri!(crate::module::ops::import_call(vm, sp, op, phase.0));
                }

                // ---- Exceptions ----
                I::Throw { src } => break 'exec JsError::Throw(r!(src)),
                I::ThrowConst { kind, message } => {
                    let msg = match unit.constant(message.0) {
                        Some(jsvm_bytecode::Constant::String(u)) => String::from_utf16_lossy(u),
                        Some(jsvm_bytecode::Constant::Name(s)) => s.to_string(),
                        _ => String::new(),
                    };
                    let k = match kind.0 {
                        1 => crate::error::ErrorKind::ReferenceError,
                        2 => crate::error::ErrorKind::SyntaxError,
                        3 => crate::error::ErrorKind::RangeError,
                        _ => crate::error::ErrorKind::TypeError,
                    };
                    break 'exec JsError::new(k, msg);
                }
            }
        };

        // ---- An instruction threw: find a handler, unwinding frames. ----
        vm.truncate_roots(roots_base);
        let mut err = err;
        if let JsError::Native(_) = err {
            // Materialize now, while the throwing frame is still on the stack
            // (so the error's stack trace starts there).
            err = JsError::Throw(vm.error_to_value(err));
        }
        loop {
            let Some(f) = vm.interp.frames.last() else {
                return Err(err);
            };
            if err.is_catchable() {
                if let Some(h) = find_handler(f, vm.interp.pc) {
                    let exc = match &err {
                        JsError::Throw(v) => *v,
                        _ => Value::Undefined,
                    };
                    let fb = f.base as usize;
                    unwind_scopes(vm, h.env_depth);
                    if let Some(slot) = vm.interp.stack.get_mut(fb + h.exception.0 as usize) {
                        *slot = exc;
                    }
                    vm.interp.pc = h.target;
                    continue 'frame;
                }
                if let Some(co) = f
                    .coroutine
                    .filter(|&co| coroutine::catches_exceptions(vm, co))
                {
                    // An async body's exception settles its promise(s); its
                    // call completes normally.
                    let exc = match &err {
                        JsError::Throw(v) => *v,
                        _ => Value::Undefined,
                    };
                    match coroutine::fail(vm, co, exc) {
                        Ok(result) => match return_to_caller(vm, result) {
                            Ok(Some(v)) => return Ok(v),
                            Ok(None) => continue 'frame,
                            Err(e) => err = e,
                        },
                        // A termination while settling: keep unwinding.
                        Err(e) => err = e,
                    }
                }
            }
            let Some(popped) = pop_frame(vm) else {
                return Err(err);
            };
            if let Some(co) = popped.coroutine {
                // An exception leaving a generator body completes it.
                coroutine::complete(vm, co);
            }
            if popped.ret.is_none() {
                return Err(err);
            }
        }
    }
}

/// A derived constructor's return that [[Construct]] refuses (10.2.2
/// steps 12.c and 14). The spec throws once the constructor's context is
/// gone, so the error object belongs to the caller's realm; it is made
/// here, with the constructor's frame still on the stack for the trace.
/// (No handler of the constructor can see it: the compiler emits
/// `DerivedReturn` outside every try range, returns leaving through their
/// completion path.) A frame entered from Rust keeps the error unmade: its
/// caller's realm is not recorded.
#[cold]
fn derived_return_error(vm: &mut Vm, err: JsError) -> JsError {
    let frames = &vm.interp.frames;
    let caller_realm = match frames.last() {
        Some(f) if f.ret.is_some() => frames.len().checked_sub(2).map(|i| frames[i].realm),
        _ => None,
    };
    match caller_realm {
        Some(realm) => vm.error_in_realm(err, realm),
        None => err,
    }
}

fn find_handler(f: &Frame, pc: u32) -> Option<jsvm_bytecode::Handler> {
    f.unit
        .code
        .handlers
        .iter()
        .find(|h| h.start <= pc && pc < h.end)
        .copied()
}

/// Pops the top frame's environments until `depth` pushed ones remain.
fn unwind_scopes(vm: &mut Vm, depth: u16) {
    let Some(f) = vm.interp.frames.last() else {
        return;
    };
    let (mut env, mut d) = (f.env, f.scope_depth);
    while d > depth {
        match vm.heap.env(env).outer {
            Some(o) => env = o,
            None => break,
        }
        d -= 1;
    }
    if let Some(f) = vm.interp.frames.last_mut() {
        f.env = env;
        f.scope_depth = d;
    }
}

/// Pops the returning frame. If it was entered from Rust, gives back the
/// result for `run` to return; otherwise stores it in the caller's
/// destination register and moves the caller past its call instruction.
/// A generator frame resumed by for-of delivers an iterator result, which
/// the loop unpacks (and that may throw).
fn return_to_caller(vm: &mut Vm, result: Value) -> JsResult<Option<Value>> {
    if return_plain(vm, result) {
        return Ok(None);
    }
    let Some(top) = vm.interp.frames.last() else {
        return Ok(None);
    };
    if top.resumed_by_for_of {
        for_of::continue_loop(vm, LoopStep::Raw(result))?;
        return Ok(None);
    }
    // Entered from Rust: `run` returns the result.
    frame::drop_frame(vm);
    Ok(Some(result))
}

/// `return_to_caller` for a frame called by a call instruction (not
/// entered from Rust, not resumed by for-of), small enough to inline in
/// `Return`; false (nothing done) for the other frames.
#[inline(always)]
fn return_plain(vm: &mut Vm, result: Value) -> bool {
    let frames = &mut vm.interp.frames;
    let n = frames.len();
    let Some(top) = frames.last() else {
        return false;
    };
    let (Some(dst), false, true) = (top.ret, top.resumed_by_for_of, n >= 2) else {
        return false;
    };
    // The frame is dropped in place (not moved out): only its stack part
    // and the caller's state are needed.
    let args_base = top.args_base as usize;
    frames.truncate(n - 1);
    vm.interp.stack.truncate(args_base);
    let Some(f) = vm.interp.frames.last() else {
        return true;
    };
    let slot = f.base as usize + dst.0 as usize;
    let pc = f.pc as usize;
    let size = f.unit.code.code.get(pc).map_or(1, |b| op_size(*b));
    vm.current_realm = f.realm;
    if let Some(s) = vm.interp.stack.get_mut(slot) {
        *s = result;
    }
    vm.interp.pc = (pc + size) as u32;
    true
}

/// `p`, passed through an empty asm block, so the optimizer no longer
/// knows it is the same pointer on every pass of the dispatch loop. It
/// otherwise hoists the address of every `Vm` field an instruction uses
/// out of the loop: `run` computed about 15 of them on entry and kept them
/// in stack slots, so each nested `run` (a callback from a native) paid
/// for all of them, and an instruction loaded an address from the stack
/// before loading the field. Now the field is read at an offset from the
/// pointer where it is used. (No effect on targets without `asm!`.)
#[inline(always)]
fn opaque<T>(p: *mut T) -> *mut T {
    #[cfg(any(target_arch = "x86_64", target_arch = "aarch64"))]
    {
        let mut p = p;
        // SAFETY: the block is empty: it reads and writes no memory and
        // leaves `p` as it was.
        // (The lint warns of a block that dereferences the pointer while
        // claiming `nomem`; this one does not.)
        #[allow(clippy::pointers_in_nomem_asm_block)]
        unsafe {
            std::arch::asm!("/* {0} */", inout(reg) p, options(nomem, nostack, preserves_flags));
        }
        p
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    p
}
