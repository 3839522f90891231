//! The objects around coroutine functions: %GeneratorFunction% (27.3),
//! %GeneratorFunction.prototype%, %GeneratorPrototype% (27.5),
//! %AsyncFunction% and %AsyncFunction.prototype% (27.7),
//! %AsyncGeneratorFunction% (27.4), %AsyncGeneratorPrototype% (27.6) and
//! %AsyncIteratorPrototype% (27.1.3). The coroutine
//! objects themselves and their resumption live in `interp::coroutine`.
//!
//! Invariant: the links between the three objects have the spec's
//! attributes (non-writable, configurable `constructor`/`prototype`), which
//! differ from ordinary constructors' (`link_constructor`).

use crate::atom::{atoms, Atom};
use crate::builtins::promise::{self, Reaction};
use crate::error::JsResult;
use crate::function::{CallArgs, NativeFn};
use crate::interp::coroutine::generator_resume;
use crate::interp::{DynamicFunctionKind, ResumeMode};
use crate::property::Attrs;
use crate::value::{ObjId, PropertyKey, RealmId, Value};
use crate::vm::Vm;

use super::support::{define_to_string_tag, intrinsics};

pub fn init(vm: &mut Vm, realm: RealmId) {
    vm.with_realm(realm, |vm| {
        let i = intrinsics(vm, realm);
        let (fn_proto, gen_proto, iter_proto) = (
            i.generator_function_prototype,
            i.generator_prototype,
            i.iterator_prototype,
        );
        let ctor = super::class_support::install_constructor(
            vm,
            realm,
            "GeneratorFunction",
            1,
            generator_function,
            |i, c| i.generator_function = c,
        );
        let function = intrinsics(vm, realm).function;
        vm.heap.obj_mut(ctor).set_proto(Some(function));
        link_readonly(vm, ctor, fn_proto, atoms::PROTOTYPE, Attrs::NONE);
        link_readonly(
            vm,
            fn_proto,
            ctor,
            atoms::CONSTRUCTOR,
            Attrs::CONFIGURABLE_ONLY,
        );
        link_readonly(
            vm,
            fn_proto,
            gen_proto,
            atoms::PROTOTYPE,
            Attrs::CONFIGURABLE_ONLY,
        );
        define_to_string_tag(vm, fn_proto, "GeneratorFunction");

        debug_assert_eq!(vm.heap.obj(gen_proto).proto, Some(iter_proto));
        link_readonly(
            vm,
            gen_proto,
            fn_proto,
            atoms::CONSTRUCTOR,
            Attrs::CONFIGURABLE_ONLY,
        );
        let methods: &[(&str, u32, NativeFn)] = &[
            ("next", 1, generator_next),
            ("return", 1, generator_return),
            ("throw", 1, generator_throw),
        ];
        for &(name, len, f) in methods {
            vm.define_method(gen_proto, name, len, f);
        }
        define_to_string_tag(vm, gen_proto, "Generator");

        let async_proto = intrinsics(vm, realm).async_function_prototype;
        let async_ctor = super::class_support::install_constructor(
            vm,
            realm,
            "AsyncFunction",
            1,
            async_function,
            |i, c| i.async_function = c,
        );
        vm.heap.obj_mut(async_ctor).set_proto(Some(function));
        link_readonly(vm, async_ctor, async_proto, atoms::PROTOTYPE, Attrs::NONE);
        let c = Attrs::CONFIGURABLE_ONLY;
        link_readonly(vm, async_proto, async_ctor, atoms::CONSTRUCTOR, c);
        define_to_string_tag(vm, async_proto, "AsyncFunction");

        init_async_generators(vm, realm, function);
    });
}

/// %AsyncGeneratorFunction% (27.4), its prototype, %AsyncGeneratorPrototype%
/// (27.6.1) and %AsyncIteratorPrototype% (27.1.3).
fn init_async_generators(vm: &mut Vm, realm: RealmId, function: ObjId) {
    let i = intrinsics(vm, realm);
    let (fn_proto, gen_proto, async_iter_proto) = (
        i.async_generator_function_prototype,
        i.async_generator_prototype,
        i.async_iterator_prototype,
    );
    let sym = vm.symbols.async_iterator;
    vm.define_method_sym(async_iter_proto, sym, 0, return_this);
    let dispose = vm.symbols.async_dispose;
    vm.define_method_sym(async_iter_proto, dispose, 0, async_iterator_dispose);
    let ctor = super::class_support::install_constructor(
        vm,
        realm,
        "AsyncGeneratorFunction",
        1,
        async_generator_function,
        |i, c| i.async_generator_function = c,
    );
    vm.heap.obj_mut(ctor).set_proto(Some(function));
    let c = Attrs::CONFIGURABLE_ONLY;
    link_readonly(vm, ctor, fn_proto, atoms::PROTOTYPE, Attrs::NONE);
    link_readonly(vm, fn_proto, ctor, atoms::CONSTRUCTOR, c);
    link_readonly(vm, fn_proto, gen_proto, atoms::PROTOTYPE, c);
    define_to_string_tag(vm, fn_proto, "AsyncGeneratorFunction");
    link_readonly(vm, gen_proto, fn_proto, atoms::CONSTRUCTOR, c);
    let methods: &[(&str, u32, NativeFn)] = &[
        ("next", 1, async_generator_next),
        ("return", 1, async_generator_return),
        ("throw", 1, async_generator_throw),
    ];
    for &(name, len, f) in methods {
        vm.define_method(gen_proto, name, len, f);
    }
    define_to_string_tag(vm, gen_proto, "AsyncGenerator");
}

/// %AsyncIteratorPrototype%[@@asyncIterator] (27.1.3.1).
fn return_this(_vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(args.this)
}

/// %AsyncIteratorPrototype% [ @@asyncDispose ] ( ) (explicit resource
/// management): a promise that settles once `this.return()` has, with
/// `undefined` as its value.
fn async_iterator_dispose(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = args.this;
    let capability = promise::new_promise(vm);
    let base = vm.roots_len();
    vm.push_root(Value::Object(capability));
    let settled = (|| {
        let Some(ret) = vm.get_method(o, PropertyKey::Atom(atoms::RETURN))? else {
            return promise::resolve_promise(vm, capability, Value::Undefined);
        };
        let result = vm.call(ret, o, &[])?;
        let promise_ctor = vm.intrinsics().promise;
        let wrapper = promise::promise_resolve(vm, promise_ctor, result)?;
        let unwrap = Reaction::Native(|_, _, _| Ok(Value::Undefined), Value::Undefined);
        let on_rejected = Reaction::Callable(Value::Undefined);
        promise::perform_promise_then_derived(vm, wrapper, unwrap, on_rejected, capability);
        Ok(())
    })();
    // IfAbruptRejectPromise
    let outcome = match settled {
        Err(e) => promise::thrown_value(vm, e).map(|reason| {
            promise::reject_promise(vm, capability, reason);
        }),
        Ok(()) => Ok(()),
    };
    vm.truncate_roots(base);
    outcome.map(|()| Value::Object(capability))
}

/// AsyncGeneratorFunction(...params, body) (27.4.1.1).
fn async_generator_function(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let nt = args.new_target.unwrap_or(args.callee);
    crate::interp::create_dynamic_function(
        vm,
        DynamicFunctionKind::AsyncGenerator,
        args.args,
        Some(nt),
    )
}

/// %AsyncGeneratorPrototype%.next (27.6.1.2).
fn async_generator_next(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    crate::interp::async_generator_request(vm, args.this, args.arg(0), ResumeMode::Next)
}

/// %AsyncGeneratorPrototype%.return (27.6.1.3).
fn async_generator_return(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    crate::interp::async_generator_request(vm, args.this, args.arg(0), ResumeMode::Return)
}

/// %AsyncGeneratorPrototype%.throw (27.6.1.4).
fn async_generator_throw(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    crate::interp::async_generator_request(vm, args.this, args.arg(0), ResumeMode::Throw)
}

/// AsyncFunction(...params, body) (27.7.1.1).
fn async_function(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let nt = args.new_target.unwrap_or(args.callee);
    crate::interp::create_dynamic_function(vm, DynamicFunctionKind::Async, args.args, Some(nt))
}

/// Defines `from[key] = to` with `attrs` (never writable or enumerable).
pub(crate) fn link_readonly(vm: &mut Vm, from: ObjId, to: ObjId, key: Atom, attrs: Attrs) {
    vm.define_value(from, PropertyKey::Atom(key), Value::Object(to), attrs);
}

/// GeneratorFunction(...params, body) (27.3.1.1).
fn generator_function(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let nt = args.new_target.unwrap_or(args.callee);
    crate::interp::create_dynamic_function(vm, DynamicFunctionKind::Generator, args.args, Some(nt))
}

/// %GeneratorPrototype%.next (27.5.1.2).
pub(crate) fn generator_next(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    generator_resume(vm, args.this, args.arg(0), ResumeMode::Next, "next")
}

/// %GeneratorPrototype%.return (27.5.1.3).
fn generator_return(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    generator_resume(vm, args.this, args.arg(0), ResumeMode::Return, "return")
}

/// %GeneratorPrototype%.throw (27.5.1.4).
fn generator_throw(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    generator_resume(vm, args.this, args.arg(0), ResumeMode::Throw, "throw")
}
