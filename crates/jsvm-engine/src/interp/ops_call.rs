//! Calls and construction from bytecode (`Call`, `CallSpread`, `New`,
//! `NewSpread`, `SuperConstruct*`), and the arguments objects and rest
//! arrays built from a frame's argument list (10.4.4.6, 10.4.4.7).
//!
//! Invariant: a call to a bytecode function pushes a frame and returns
//! `Flow::Pushed` (the loop continues in the callee, no Rust recursion);
//! everything else (natives, bound functions, proxies) goes through
//! `Vm::call`/`Vm::construct` and returns its value.

use jsvm_bytecode::{Constant, FunctionKind, Reg};
use smallvec::SmallVec;

use crate::atom::atoms;
use crate::error::{JsError, JsResult};
use crate::function::NativeFn;
use crate::interp::callsite::describe_callee;
use crate::interp::code::CodeUnit;
use crate::interp::coroutine::{self, ResumeMode};
use crate::interp::for_of;
use crate::interp::frame::{self, bind_this, callee_of, check_callable_code, Args, FrameSetup};
use crate::object::kind::{ArgumentsData, MappedArg};
use crate::object::ObjectKind;
use crate::property::Attrs;
use crate::value::{ObjId, PropertyKey, Value};
use crate::vm::Vm;

/// What a call instruction did.
pub(crate) enum Flow {
    /// The callee ran to completion (a native, or a refused call).
    Value(Value),
    /// A bytecode frame was pushed; its return will fill the destination.
    Pushed,
}

/// Where a call's arguments are.
pub(crate) enum ArgRange {
    /// `stack[start .. start + len]` (registers of the calling frame).
    Regs(usize, usize),
    /// The elements `0 .. length` of a compiler-built Array.
    Array(Value),
}

/// The call instruction's code and callee register, for naming the callee
/// in error messages.
#[derive(Clone, Copy)]
pub(crate) struct Site<'a> {
    pub unit: &'a CodeUnit,
    pub callee: Reg,
}

/// "<callee> is not a function" / "... is not a constructor", naming the
/// callee expression when the bytecode allows, else the value.
#[cold]
fn callee_error(vm: &Vm, site: Option<Site<'_>>, f: Value, what: &str) -> JsError {
    let env = vm.interp.frames.last().map(|fr| fr.env);
    let text = match (site, env) {
        (Some(s), Some(env)) => describe_callee(vm, s.unit, env, vm.interp.pc, s.callee),
        _ => None,
    };
    match text {
        Some(t) => JsError::type_error(format!("{t} is not a {what}")),
        None if what == "function" => vm.not_callable(f),
        None => vm.not_constructor(f),
    }
}

/// The elements of a compiler-built spread array (read directly; it is a
/// fresh dense array no JS has seen).
pub(crate) fn spread_list(vm: &mut Vm, a: Value) -> JsResult<Vec<Value>> {
    let Value::Object(o) = a else {
        return Err(crate::interp::run::bad_code(
            "spread arguments are not an array",
        ));
    };
    let len = vm.array_length_fast(o).unwrap_or(0);
    let mut out = Vec::with_capacity(len as usize);
    for i in 0..len {
        let v = match vm.get_element_fast(o, i) {
            Some(v) => v,
            None => vm.get(o, PropertyKey::Index(i), a)?,
        };
        out.push(v);
    }
    Ok(out)
}

/// The arguments of a call to a native (or bound/proxy) callee, copied out
/// of the registers (which keep them rooted); short lists stay off the heap.
#[inline]
fn arg_list(vm: &mut Vm, args: &ArgRange) -> JsResult<SmallVec<[Value; 4]>> {
    match *args {
        ArgRange::Regs(start, len) => Ok(vm
            .interp
            .stack
            .get(start..start + len)
            .map(SmallVec::from_slice)
            .unwrap_or_default()),
        ArgRange::Array(a) => Ok(SmallVec::from_vec(spread_list(vm, a)?)),
    }
}

fn push(vm: &mut Vm, setup: FrameSetup, args: ArgRange) -> JsResult<()> {
    match args {
        ArgRange::Regs(start, len) => frame::push_frame(vm, setup, Args::Stack { start, len }),
        ArgRange::Array(a) => {
            let list = spread_list(vm, a)?;
            frame::push_frame(vm, setup, Args::Slice(&list))
        }
    }
}

/// `Call`: a bytecode callee gets a new frame; anything else runs now.
pub(crate) fn call(
    vm: &mut Vm,
    dst: Reg,
    f: Value,
    this: Value,
    args: ArgRange,
    site: Option<Site<'_>>,
) -> JsResult<Flow> {
    if let Value::Object(fo) = f {
        // A native other than %GeneratorPrototype%.next (see below) is
        // called straight away: its kind is all `Vm::call` would check.
        if let ObjectKind::Function(n) = &vm.heap.obj(fo).kind {
            if !std::ptr::fn_addr_eq(n.f, crate::builtins::coroutines::generator_next as NativeFn) {
                let (nf, realm) = (n.f, n.realm);
                let list = arg_list(vm, &args)?;
                return Ok(Flow::Value(vm.call_native(nf, realm, fo, this, &list)?));
            }
        }
        if let Some(c) = callee_of(vm, fo) {
            check_callable_code(vm, &c.unit, c.realm)?;
            let this = bind_this(vm, &c.unit, c.realm, this)?;
            push(
                vm,
                FrameSetup {
                    unit: c.unit,
                    env: c.env,
                    callee: Some(fo),
                    this,
                    new_target: None,
                    realm: c.realm,
                    ret: Some(dst),
                    construct: false,
                },
                args,
            )?;
            return Ok(Flow::Pushed);
        }
        // `generator.next(v)`: resume the generator's frame in this loop.
        if let Some(g) = for_of::fast_generator(vm, this, f) {
            let v = match args {
                ArgRange::Regs(start, len) if len > 0 => vm
                    .interp
                    .stack
                    .get(start)
                    .copied()
                    .unwrap_or(Value::Undefined),
                ArgRange::Regs(..) => Value::Undefined,
                ArgRange::Array(a) => spread_list(vm, a)?
                    .first()
                    .copied()
                    .unwrap_or(Value::Undefined),
            };
            coroutine::push_resumed(vm, g, v, ResumeMode::Next, Some(dst))?;
            return Ok(Flow::Pushed);
        }
    }
    if !vm.is_callable(f) {
        return Err(callee_error(vm, site, f, "function"));
    }
    let list = arg_list(vm, &args)?;
    Ok(Flow::Value(vm.call(f, this, &list)?))
}

/// `New` and `SuperConstruct`: Construct(ctor, args, new_target).
pub(crate) fn construct(
    vm: &mut Vm,
    dst: Reg,
    ctor: Value,
    new_target: Value,
    args: ArgRange,
    is_super: bool,
    site: Option<Site<'_>>,
) -> JsResult<Flow> {
    if !vm.is_constructor(ctor) {
        if is_super {
            return Err(JsError::type_error(
                "Super constructor is not a constructor",
            ));
        }
        return Err(callee_error(vm, site, ctor, "constructor"));
    }
    let (Value::Object(co), Value::Object(nto)) = (ctor, new_target) else {
        return Err(vm.not_constructor(ctor));
    };
    if let Some(c) = callee_of(vm, co) {
        let derived = c.unit.code.kind == FunctionKind::DerivedConstructor;
        let this = if derived {
            Value::Uninit
        } else {
            frame::construct_this(vm, nto)?
        };
        push(
            vm,
            FrameSetup {
                unit: c.unit,
                env: c.env,
                callee: Some(co),
                this,
                new_target: Some(nto),
                realm: c.realm,
                ret: Some(dst),
                construct: !derived,
            },
            args,
        )?;
        return Ok(Flow::Pushed);
    }
    let list = arg_list(vm, &args)?;
    Ok(Flow::Value(vm.construct(ctor, &list, Some(new_target))?))
}

/// The top frame's full argument list.
fn frame_args(vm: &Vm) -> Vec<Value> {
    match vm.interp.frames.last() {
        Some(f) => {
            let s = f.args_base as usize;
            vm.interp
                .stack
                .get(s..s + f.argc as usize)
                .map(|a| a.to_vec())
                .unwrap_or_default()
        }
        None => Vec::new(),
    }
}

/// The properties every arguments object has: indices, `length`,
/// @@iterator.
fn arguments_object(vm: &mut Vm, args: &[Value], map: Vec<Option<MappedArg>>) -> ObjId {
    let proto = vm.intrinsics().object_prototype;
    let o = vm.alloc_object(ObjectKind::Arguments(ArgumentsData { map }), Some(proto));
    vm.define_value(
        o,
        PropertyKey::Atom(atoms::LENGTH),
        Value::Number(args.len() as f64),
        Attrs::METHOD,
    );
    for (i, &v) in args.iter().enumerate() {
        vm.define_value(o, PropertyKey::Index(i as u32), v, Attrs::ALL);
    }
    let values = vm.intrinsics().array_prototype_values;
    let it = vm.symbols.iterator;
    vm.define_value(
        o,
        PropertyKey::Symbol(it),
        Value::Object(values),
        Attrs::METHOD,
    );
    o
}

/// CreateUnmappedArgumentsObject (10.4.4.6).
pub(crate) fn create_unmapped_arguments(vm: &mut Vm) -> Value {
    let args = frame_args(vm);
    let o = arguments_object(vm, &args, Vec::new());
    let tte = vm.intrinsics().throw_type_error;
    vm.define_accessor_raw(
        o,
        PropertyKey::Atom(atoms::CALLEE),
        Some(tte),
        Some(tte),
        Attrs::NONE,
    );
    Value::Object(o)
}

/// CreateMappedArgumentsObject (10.4.4.7): index `i` aliases slot
/// `map[i]` of the current environment.
pub(crate) fn create_mapped_arguments(
    vm: &mut Vm,
    unit: &CodeUnit,
    map_idx: u32,
) -> JsResult<Value> {
    let Some(Constant::ArgumentsMap(slots)) = unit.constant(map_idx) else {
        return Err(crate::interp::run::bad_code(
            "expected an ArgumentsMap constant",
        ));
    };
    let args = frame_args(vm);
    let (env, callee) = match vm.interp.frames.last() {
        Some(f) => (f.env, f.callee_value()),
        None => return Err(crate::interp::run::bad_code("no frame")),
    };
    let n = args.len().min(slots.len());
    let map: Vec<Option<MappedArg>> = slots[..n]
        .iter()
        .map(|s| s.map(|slot| MappedArg { env, slot }))
        .collect();
    let o = arguments_object(vm, &args, map);
    vm.define_value(o, PropertyKey::Atom(atoms::CALLEE), callee, Attrs::METHOD);
    Ok(Value::Object(o))
}

/// A rest parameter: the arguments from `from` on, as an Array.
pub(crate) fn create_rest_array(vm: &mut Vm, from: usize) -> Value {
    let args = frame_args(vm);
    let rest = args.get(from..).unwrap_or(&[]);
    Value::Object(vm.new_array(rest))
}
