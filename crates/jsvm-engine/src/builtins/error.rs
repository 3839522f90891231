//! The Error built-ins (ECMAScript 20.5): Error, the six NativeErrors,
//! AggregateError, SuppressedError, Error.prototype.toString; creating
//! error objects from native errors; V8's `Error.captureStackTrace` and
//! `Error.stackTraceLimit`; and the user-facing report of an uncaught error.
//!
//! Stack traces follow the error-stack-accessor proposal as to where the
//! property lives (`Error.prototype.stack` is an accessor whose setter
//! creates an own data property, SetterThatIgnoresPrototypeProperties) and
//! V8 as to what it says: the frames are captured when the error is created
//! (`Vm::capture_stack`-style lines `"    at f (file:1:2)"`, at most
//! `Error.stackTraceLimit` of them, leaving out the frames up to the
//! `new.target` constructor), while the `"<name>: <message>"` header is
//! written when `stack` is first read, from the error's name and message at
//! that time (so `this.name = "MyErr"` in a subclass constructor shows).
//!
//! `Heap::error_stacks` maps an object to its stack in one of two states,
//! told apart by the first code unit of the stored string: `U` + frames
//! (not yet read) or `F` + the full text (read once, now fixed). No entry
//! means no stack (`Error.stackTraceLimit` was not a number): the getter
//! gives undefined. `Error.captureStackTrace(obj)` records frames the same
//! way for any object: errors keep using the prototype accessor, other
//! objects get an own non-enumerable `stack` accessor.
//!
//! Invariant: the no-JS paths (`Vm::error_stack`, `Vm::error_report`)
//! never run JS (they read data properties only) and never change the
//! stored state; only the `stack` getters fix the header.

use crate::api::ErrorReport;
use crate::atom::atoms;
use crate::error::{ErrorKind, JsError, JsResult};
use crate::function::CallArgs;
use crate::object::kind::ObjectKind;
use crate::property::{Attrs, PropertyDescriptor};
use crate::realm::Intrinsics;
use crate::value::{ObjId, PropertyKey, RealmId, Value};
use crate::vm::Vm;

const KINDS: [ErrorKind; 8] = [
    ErrorKind::Error,
    ErrorKind::TypeError,
    ErrorKind::RangeError,
    ErrorKind::ReferenceError,
    ErrorKind::SyntaxError,
    ErrorKind::EvalError,
    ErrorKind::UriError,
    ErrorKind::AggregateError,
];

pub fn init(vm: &mut Vm, realm: RealmId) {
    let fns: [crate::function::NativeFn; 8] = [
        error_ctor,
        type_error_ctor,
        range_error_ctor,
        reference_error_ctor,
        syntax_error_ctor,
        eval_error_ctor,
        uri_error_ctor,
        aggregate_error_ctor,
    ];
    let protos = vm.realm(realm).intrinsics.error_prototypes;
    let global = vm.realm(realm).global_object;
    let mut ctors = [ObjId::PLACEHOLDER; 8];
    for (i, kind) in KINDS.iter().enumerate() {
        let len = if *kind == ErrorKind::AggregateError {
            2
        } else {
            1
        };
        let c = vm.make_constructor(kind.name(), len, fns[i], protos[i]);
        if i > 0 {
            // NativeError constructors inherit from %Error%.
            vm.heap.obj_mut(c).set_proto(Some(ctors[0]));
        }
        ctors[i] = c;
        let name = vm.new_string(kind.name());
        vm.define_value(
            protos[i],
            PropertyKey::Atom(atoms::NAME),
            Value::String(name),
            Attrs::METHOD,
        );
        let empty = vm.empty_string();
        vm.define_value(
            protos[i],
            PropertyKey::Atom(atoms::MESSAGE),
            Value::String(empty),
            Attrs::METHOD,
        );
        let key = vm.key(kind.name());
        vm.define_value(global, key, Value::Object(c), Attrs::METHOD);
    }
    vm.define_method(protos[0], "toString", 0, error_to_string);
    vm.define_accessor(
        protos[0],
        PropertyKey::Atom(atoms::STACK),
        Some(stack_getter),
        Some(stack_setter),
        Attrs::CONFIGURABLE_ONLY,
    );
    vm.define_method(ctors[0], "isError", 1, is_error);
    vm.define_method(ctors[0], "captureStackTrace", 2, capture_stack_trace);
    let limit_key = vm.key("stackTraceLimit");
    vm.define_value(
        ctors[0],
        limit_key,
        Value::Number(crate::interp::STACK_TRACE_LIMIT as f64),
        Attrs::ALL,
    );
    vm.realm_mut(realm).intrinsics.errors = ctors;
    // SuppressedError (explicit resource management).
    let sp = vm.realm(realm).intrinsics.suppressed_error_prototype;
    let sc = vm.make_constructor("SuppressedError", 3, suppressed_error_ctor, sp);
    vm.heap.obj_mut(sc).set_proto(Some(ctors[0]));
    let name = vm.new_string("SuppressedError");
    vm.define_value(
        sp,
        PropertyKey::Atom(atoms::NAME),
        Value::String(name),
        Attrs::METHOD,
    );
    let empty = vm.empty_string();
    vm.define_value(
        sp,
        PropertyKey::Atom(atoms::MESSAGE),
        Value::String(empty),
        Attrs::METHOD,
    );
    let key = vm.key("SuppressedError");
    vm.define_value(global, key, Value::Object(sc), Attrs::METHOD);
    vm.realm_mut(realm).intrinsics.suppressed_error = sc;
}

fn kind_index(kind: ErrorKind) -> usize {
    KINDS.iter().position(|k| *k == kind).unwrap_or(0)
}

/// The shared body of the Error and NativeError constructors (20.5.1.1,
/// 20.5.6.1.1).
fn construct_error(vm: &mut Vm, args: &CallArgs, kind: ErrorKind) -> JsResult<Value> {
    let nt = args.new_target.unwrap_or(args.callee);
    let idx = kind_index(kind);
    let select: fn(&Intrinsics) -> ObjId = match idx {
        0 => |i| i.error_prototypes[0],
        1 => |i| i.error_prototypes[1],
        2 => |i| i.error_prototypes[2],
        3 => |i| i.error_prototypes[3],
        4 => |i| i.error_prototypes[4],
        5 => |i| i.error_prototypes[5],
        6 => |i| i.error_prototypes[6],
        _ => |i| i.error_prototypes[7],
    };
    let o = vm.ordinary_create_from_constructor(nt, select, ObjectKind::Error)?;
    vm.push_root(Value::Object(o));
    let (message, options) = if kind == ErrorKind::AggregateError {
        (args.arg(1), args.arg(2))
    } else {
        (args.arg(0), args.arg(1))
    };
    if !message.is_undefined() {
        let m = vm.to_string(message)?;
        vm.define_property_or_throw(
            o,
            PropertyKey::Atom(atoms::MESSAGE),
            PropertyDescriptor::data(Value::String(m), true, false, true),
        )?;
    }
    install_error_cause(vm, o, options)?;
    if kind == ErrorKind::AggregateError {
        let list = vm.iterate_to_list(args.arg(0))?;
        let arr = vm.new_array(&list);
        vm.define_property_or_throw(
            o,
            PropertyKey::Atom(atoms::ERRORS),
            PropertyDescriptor::data(Value::Object(arr), true, false, true),
        )?;
    }
    install_stack(vm, o, skip_target(vm, args));
    Ok(Value::Object(o))
}

/// The function whose frames (and those above it) a new error's stack
/// leaves out: `new.target` when it is a bytecode function (V8 skips until
/// it sees that frame; a native `new.target` such as %Error% itself has no
/// frame to skip).
fn skip_target(vm: &Vm, args: &CallArgs) -> Option<ObjId> {
    let nt = args.new_target?;
    matches!(vm.heap.obj(nt).kind, ObjectKind::Closure(_)).then_some(nt)
}

/// SuppressedError(error, suppressed, message).
fn suppressed_error_ctor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let nt = args.new_target.unwrap_or(args.callee);
    let o = vm.ordinary_create_from_constructor(
        nt,
        |i| i.suppressed_error_prototype,
        ObjectKind::Error,
    )?;
    vm.push_root(Value::Object(o));
    let message = args.arg(2);
    if !message.is_undefined() {
        let m = vm.to_string(message)?;
        vm.define_property_or_throw(
            o,
            PropertyKey::Atom(atoms::MESSAGE),
            PropertyDescriptor::data(Value::String(m), true, false, true),
        )?;
    }
    for (name, v) in [("error", args.arg(0)), ("suppressed", args.arg(1))] {
        let k = vm.key(name);
        vm.define_property_or_throw(o, k, PropertyDescriptor::data(v, true, false, true))?;
    }
    install_stack(vm, o, skip_target(vm, args));
    Ok(Value::Object(o))
}

/// InstallErrorCause (20.5.8.1).
fn install_error_cause(vm: &mut Vm, o: ObjId, options: Value) -> JsResult<()> {
    if let Value::Object(opts) = options {
        if vm.has_property(opts, PropertyKey::Atom(atoms::CAUSE))? {
            let cause = vm.get(opts, PropertyKey::Atom(atoms::CAUSE), options)?;
            vm.define_property_or_throw(
                o,
                PropertyKey::Atom(atoms::CAUSE),
                PropertyDescriptor::data(cause, true, false, true),
            )?;
        }
    }
    Ok(())
}

/// A stored stack (see the module doc).
enum Stored {
    /// Captured frames (possibly empty), header not written yet.
    Frames(String),
    /// The full text, fixed at the first read.
    Text(String),
}

const TAG_FRAMES: char = 'U';
const TAG_TEXT: char = 'F';

fn stored_stack(vm: &Vm, o: ObjId) -> Option<Stored> {
    let s = *vm.heap.error_stacks.get(&o)?;
    let text = vm.heap.str(s).to_rust_lossy();
    let mut chars = text.chars();
    match chars.next() {
        Some(TAG_FRAMES) => Some(Stored::Frames(chars.as_str().to_string())),
        Some(TAG_TEXT) => Some(Stored::Text(chars.as_str().to_string())),
        _ => None,
    }
}

fn store_stack(vm: &mut Vm, o: ObjId, tag: char, body: &str) {
    let s = vm.new_string(&format!("{tag}{body}"));
    vm.heap.error_stacks.insert(o, s);
}

/// `head` followed by the frame lines, if any.
fn join_stack(head: &str, frames: &str) -> String {
    if frames.is_empty() {
        head.to_string()
    } else {
        format!("{head}\n{frames}")
    }
}

/// The current `Error.stackTraceLimit` of the running realm, read without
/// running JS: None when it is not a number (then errors get no stack, as
/// in V8).
fn stack_trace_limit(vm: &mut Vm) -> Option<usize> {
    let ctor = vm.intrinsics().errors[0];
    let key = vm.key("stackTraceLimit");
    let p = vm.heap.obj(ctor).find_own(&vm.heap.shapes, key)?;
    if p.flags.is_accessor() {
        return None;
    }
    match p.value {
        Value::Number(n) if n.is_nan() => Some(0),
        Value::Number(n) if n <= 0.0 => Some(0),
        Value::Number(n) if n >= usize::MAX as f64 => Some(usize::MAX),
        Value::Number(n) => Some(n as usize),
        _ => None,
    }
}

/// Records the frames of a new stack trace for `o` (no JS runs), leaving
/// out the frames up to `skip_until` (see `interp::stack::capture_frames`).
fn install_stack(vm: &mut Vm, o: ObjId, skip_until: Option<ObjId>) {
    match stack_trace_limit(vm) {
        Some(limit) => {
            let frames = vm.capture_frames(skip_until, limit);
            store_stack(vm, o, TAG_FRAMES, &frames);
        }
        None => {
            vm.heap.error_stacks.remove(&o);
        }
    }
}

/// The `stack` text of `o`, writing the header now if this is the first
/// read: `ToString(name): ToString(message)` as Error.prototype.toString
/// puts them (getters run; if they throw, the data-property header is
/// used). Undefined when `o` has no recorded stack.
fn read_stack(vm: &mut Vm, o: ObjId) -> JsResult<Value> {
    let text = match stored_stack(vm, o) {
        None => return Ok(Value::Undefined),
        Some(Stored::Text(t)) => t,
        Some(Stored::Frames(frames)) => {
            // Fix a provisional text first, so that a name/message getter
            // reading `stack` again cannot recurse.
            let provisional = join_stack(&error_head_no_js(vm, o), &frames);
            store_stack(vm, o, TAG_TEXT, &provisional);
            let head = match error_head_js(vm, o) {
                Ok(h) => h,
                Err(e) if !e.is_catchable() => return Err(e),
                Err(_) => error_head_no_js(vm, o),
            };
            let text = join_stack(&head, &frames);
            store_stack(vm, o, TAG_TEXT, &text);
            text
        }
    };
    Ok(Value::String(vm.new_string(&text)))
}

/// "name: message" exactly as Error.prototype.toString computes it
/// (getters and ToString run).
fn error_head_js(vm: &mut Vm, o: ObjId) -> JsResult<String> {
    let this = Value::Object(o);
    let name = vm.get(o, PropertyKey::Atom(atoms::NAME), this)?;
    let name = if name.is_undefined() {
        "Error".to_string()
    } else {
        let s = vm.to_string(name)?;
        vm.string_to_rust(s)
    };
    let msg = vm.get(o, PropertyKey::Atom(atoms::MESSAGE), this)?;
    let msg = if msg.is_undefined() {
        String::new()
    } else {
        let s = vm.to_string(msg)?;
        vm.string_to_rust(s)
    };
    Ok(combine_head(name, msg))
}

fn combine_head(name: String, msg: String) -> String {
    if name.is_empty() {
        msg
    } else if msg.is_empty() {
        name
    } else {
        format!("{name}: {msg}")
    }
}

/// get Error.prototype.stack (error-stack-accessor proposal).
fn stack_getter(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Value::Object(o) = args.this else {
        return Err(JsError::type_error(
            "Error.prototype.stack getter called on non-object",
        ));
    };
    if !matches!(vm.heap.obj(o).kind, ObjectKind::Error) {
        return Ok(Value::Undefined);
    }
    read_stack(vm, o)
}

/// set Error.prototype.stack: SetterThatIgnoresPrototypeProperties(this,
/// %Error.prototype%, "stack", v).
fn stack_setter(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Value::Object(o) = args.this else {
        return Err(JsError::type_error(
            "Error.prototype.stack setter called on non-object",
        ));
    };
    let v = args.arg(0);
    if !matches!(v, Value::String(_)) {
        return Err(JsError::type_error(
            "Error.prototype.stack must be a string",
        ));
    }
    let home = vm.intrinsics().error_prototypes[0];
    if o == home {
        return Err(JsError::type_error(
            "Cannot set Error.prototype.stack on Error.prototype itself",
        ));
    }
    let key = PropertyKey::Atom(atoms::STACK);
    if vm.get_own_property(o, key)?.is_none() {
        vm.create_data_property_or_throw(o, key, v)?;
    } else {
        vm.set_prop(o, key, v, true)?;
    }
    Ok(Value::Undefined)
}

/// Error.captureStackTrace(targetObject[, constructorOpt]) (V8): gives
/// `targetObject` a `stack` of the current frames, leaving out those up to
/// the topmost call of `constructorOpt`. Errors keep reading it through
/// `Error.prototype.stack` (an own `stack` is removed); other objects get
/// an own non-enumerable accessor. The header is written at the first read.
fn capture_stack_trace(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Value::Object(o) = args.arg(0) else {
        return Err(JsError::type_error("invalid_argument"));
    };
    let skip = match args.arg(1) {
        Value::Object(f)
            if vm.is_callable(Value::Object(f))
                && !matches!(vm.heap.obj(f).kind, ObjectKind::BoundFunction(_)) =>
        {
            Some(f)
        }
        _ => None,
    };
    if !vm.is_extensible(o)? {
        return Err(JsError::type_error(
            "Cannot define property stack, object is not extensible",
        ));
    }
    let key = PropertyKey::Atom(atoms::STACK);
    if matches!(vm.heap.obj(o).kind, ObjectKind::Error) {
        if vm.get_own_property(o, key)?.is_some() {
            vm.delete_property_or_throw(o, key)?;
        }
    } else {
        let get = vm.new_native_function(key, 0, captured_stack_getter, false);
        vm.push_root(Value::Object(get));
        let set = vm.new_native_function(key, 1, captured_stack_setter, false);
        vm.push_root(Value::Object(set));
        vm.define_property_or_throw(
            o,
            key,
            PropertyDescriptor::accessor(Some(get), Some(set), false, true),
        )?;
    }
    install_stack(vm, o, skip);
    Ok(Value::Undefined)
}

/// The getter `Error.captureStackTrace` puts on non-error objects.
fn captured_stack_getter(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    match args.this {
        Value::Object(o) => read_stack(vm, o),
        _ => Ok(Value::Undefined),
    }
}

/// Its setter: the value replaces the accessor as a plain data property
/// (as assigning to a V8 `stack` does).
fn captured_stack_setter(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if let Value::Object(o) = args.this {
        vm.define_property_or_throw(
            o,
            PropertyKey::Atom(atoms::STACK),
            PropertyDescriptor::data(args.arg(0), true, false, true),
        )?;
    }
    Ok(Value::Undefined)
}

/// Error.isError(arg).
fn is_error(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Boolean(vm.is_error_object(args.arg(0))))
}

/// A data property found along the prototype chain, without running JS
/// (accessors and proxies give None).
pub(crate) fn data_property_no_js(vm: &Vm, o: ObjId, key: PropertyKey) -> Option<Value> {
    let mut cur = Some(o);
    while let Some(c) = cur {
        let obj = vm.heap.obj(c);
        if obj.is_proxy() {
            return None;
        }
        if let Some(p) = obj.find_own(&vm.heap.shapes, key) {
            if p.flags.is_accessor() {
                return None;
            }
            return Some(p.value);
        }
        cur = obj.proto();
    }
    None
}

fn string_no_js(vm: &Vm, v: Option<Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(vm.heap.str(s).to_rust_lossy()),
        _ => None,
    }
}

/// "name: message" as Error.prototype.toString would give, without JS.
fn error_head_no_js(vm: &Vm, o: ObjId) -> String {
    let name = string_no_js(
        vm,
        data_property_no_js(vm, o, PropertyKey::Atom(atoms::NAME)),
    )
    .unwrap_or_else(|| "Error".to_string());
    let msg = string_no_js(
        vm,
        data_property_no_js(vm, o, PropertyKey::Atom(atoms::MESSAGE)),
    )
    .unwrap_or_default();
    combine_head(name, msg)
}

macro_rules! error_ctors {
    ($($f:ident => $k:ident,)*) => {$(
        fn $f(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
            construct_error(vm, args, ErrorKind::$k)
        }
    )*};
}
error_ctors! {
    error_ctor => Error,
    type_error_ctor => TypeError,
    range_error_ctor => RangeError,
    reference_error_ctor => ReferenceError,
    syntax_error_ctor => SyntaxError,
    eval_error_ctor => EvalError,
    uri_error_ctor => UriError,
    aggregate_error_ctor => AggregateError,
}

/// Error.prototype.toString (20.5.3.4).
fn error_to_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Value::Object(o) = args.this else {
        return Err(JsError::type_error(
            "Error.prototype.toString requires that 'this' be an Object",
        ));
    };
    let name = vm.get(o, PropertyKey::Atom(atoms::NAME), args.this)?;
    let name = if name.is_undefined() {
        vm.new_string("Error")
    } else {
        vm.to_string(name)?
    };
    vm.push_root(Value::String(name));
    let msg = vm.get(o, PropertyKey::Atom(atoms::MESSAGE), args.this)?;
    let msg = if msg.is_undefined() {
        vm.empty_string()
    } else {
        vm.to_string(msg)?
    };
    if vm.string_len(name) == 0 {
        return Ok(Value::String(msg));
    }
    if vm.string_len(msg) == 0 {
        return Ok(Value::String(name));
    }
    let sep = vm.new_string(": ");
    let a = vm.concat_strings(name, sep);
    Ok(Value::String(vm.concat_strings(a, msg)))
}

impl Vm {
    /// A new error object of the current realm (like `new TypeError(msg)`
    /// without running JS), with its `stack`.
    pub fn new_error(&mut self, kind: ErrorKind, message: &str) -> ObjId {
        let proto = self.intrinsics().error_prototypes[kind_index(kind)];
        let o = self.alloc_object(ObjectKind::Error, Some(proto));
        let m = self.new_string(message);
        self.define_value(
            o,
            PropertyKey::Atom(atoms::MESSAGE),
            Value::String(m),
            Attrs::METHOD,
        );
        if kind == ErrorKind::AggregateError {
            let arr = self.new_array(&[]);
            self.define_value(
                o,
                PropertyKey::Atom(atoms::ERRORS),
                Value::Object(arr),
                Attrs::METHOD,
            );
        }
        install_stack(self, o, None);
        o
    }
    /// True for objects with [[ErrorData]].
    pub fn is_error_object(&self, v: Value) -> bool {
        matches!(v, Value::Object(o) if matches!(self.heap.obj(o).kind, ObjectKind::Error))
    }
    /// The stack trace text of an error object, without running JS: an own
    /// data `stack` string if the program set one, else the recorded trace
    /// (with a header from the data properties `name` and `message` when it
    /// was never read). None for non-errors and errors without a stack.
    pub fn error_stack(&self, o: ObjId) -> Option<String> {
        let obj = self.heap.obj(o);
        if let Some(p) = obj.find_own(&self.heap.shapes, PropertyKey::Atom(atoms::STACK)) {
            if let (false, Value::String(s)) = (p.flags.is_accessor(), p.value) {
                return Some(self.heap.str(s).to_rust_lossy());
            }
        }
        if !matches!(obj.kind, ObjectKind::Error) {
            return None;
        }
        match stored_stack(self, o)? {
            Stored::Text(t) => Some(t),
            Stored::Frames(frames) => Some(join_stack(&error_head_no_js(self, o), &frames)),
        }
    }
}

/// How an uncaught error is shown (see `Vm::error_report`).
pub(crate) fn error_report(vm: &mut Vm, err: &JsError) -> ErrorReport {
    match err {
        JsError::Native(n) => {
            let (kind, message) = (n.kind, &n.message);
            let name = kind.name().to_string();
            let display = if message.is_empty() {
                name.clone()
            } else {
                format!("{name}: {message}")
            };
            ErrorReport {
                name,
                message: message.clone(),
                stack: None,
                display,
            }
        }
        JsError::Terminate(_) => ErrorReport {
            name: "Error".into(),
            message: "execution terminated".into(),
            stack: None,
            display: "Error: execution terminated".into(),
        },
        JsError::Throw(v) => {
            let v = *v;
            if let Value::Object(o) = v {
                if vm.is_error_object(v) {
                    let name = string_no_js(
                        vm,
                        data_property_no_js(vm, o, PropertyKey::Atom(atoms::NAME)),
                    )
                    .unwrap_or_else(|| "Error".into());
                    let message = string_no_js(
                        vm,
                        data_property_no_js(vm, o, PropertyKey::Atom(atoms::MESSAGE)),
                    )
                    .unwrap_or_default();
                    let stack = vm.error_stack(o);
                    let display = match &stack {
                        Some(s) => s.clone(),
                        None => error_head_no_js(vm, o),
                    };
                    return ErrorReport {
                        name,
                        message,
                        stack,
                        display,
                    };
                }
            }
            let display = match v {
                Value::String(s) => vm.heap.str(s).to_rust_lossy(),
                _ => vm.display_value(v),
            };
            ErrorReport {
                name: "Uncaught".into(),
                message: display.clone(),
                stack: None,
                display,
            }
        }
    }
}
