//! The host side of modules as the engine sees it: graph loading
//! (16.2.1.5.1 LoadRequestedModules, done synchronously through the host's
//! loader), GetActiveScriptOrModule, `import()` (13.3.10.1
//! EvaluateImportCall, ContinueDynamicImport) and `import.meta`
//! (13.3.12.1).
//!
//! Invariant: every `import()` promise is settled exactly once, by a
//! reaction job after its module graph has loaded (never synchronously by
//! the call), with the namespace or the first error; a load error never
//! changes a module's state beyond `new`.

use jsvm_compiler::{ImportPhase, ModuleRequest};

use super::evaluate::gather_async_transitive_dependencies;
use super::{
    evaluate, get_deferred_namespace, get_module_namespace, link, loader, module_of_env_chain, rec,
    rec_mut, ModuleId, Status,
};
use crate::builtins::promise::{
    fulfill_promise, new_promise, perform_promise_then, reject_promise, resolve_promise,
    thrown_value, Reaction,
};
use crate::error::{JsError, JsResult};
use crate::function::CallArgs;
use crate::value::{ObjId, PropertyKey, Value};
use crate::vm::Vm;

/// The referrer of a module request (GetActiveScriptOrModule, or the
/// realm when no script or module is running).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Referrer {
    /// A module's import or an `import()` in module code.
    Module(ModuleId),
    /// An `import()` in a classic script named so (its file name).
    Script(String),
    /// An `import()` with no active script or module.
    Realm,
}

/// The name eval code is compiled under (its referrer is its caller's).
const EVAL_NAME: &str = "<eval>";

/// GetActiveScriptOrModule() (9.4.1): the module whose code (or code
/// nested in it) runs in the innermost frame, else that frame's script.
pub(crate) fn active_script_or_module(vm: &Vm) -> Referrer {
    for f in vm.interp.frames.iter().rev() {
        if let Some(m) = module_of_env_chain(vm, f.env) {
            return Referrer::Module(ModuleId(m));
        }
        let name = &f.unit.code.source.name;
        if &**name == EVAL_NAME {
            continue;
        }
        return Referrer::Script(name.to_string());
    }
    Referrer::Realm
}

/// The import attribute keys this host supports
/// (HostGetSupportedImportAttributes).
fn attribute_supported(key: &str) -> bool {
    key == "type"
}

/// HostLoadImportedModule through the realm's loader, in `referrer`'s
/// realm for module referrers.
fn host_load(vm: &mut Vm, referrer: &Referrer, request: &ModuleRequest) -> JsResult<ObjId> {
    let Some(l) = loader(vm) else {
        return Err(JsError::type_error(format!(
            "Cannot load module '{}': no module loader",
            request.specifier
        )));
    };
    let id = match referrer {
        Referrer::Module(m) => vm.in_module_realm(m.0, |vm| l.load(vm, referrer, request))?,
        _ => l.load(vm, referrer, request)?,
    };
    rec(vm, id.0)?;
    Ok(id.0)
}

/// LoadRequestedModules() (16.2.1.5.1) with a host that loads
/// synchronously: InnerModuleLoading depth-first over the graph from `m`,
/// in request order; the first failure is the error. On success every
/// visited `new` module becomes `unlinked`.
pub(crate) fn load_requested_modules(vm: &mut Vm, m: ObjId) -> JsResult<()> {
    let r = rec(vm, m)?;
    if !r.is_cyclic() || r.status != Status::New {
        return Ok(());
    }
    let mut visited = vec![m];
    let mut stack: Vec<(ObjId, usize)> = vec![(m, 0)];
    while let Some(top) = stack.last_mut() {
        let (cur, i) = (top.0, top.1);
        top.1 += 1;
        let r = rec(vm, cur)?;
        let Some(request) = r.code().and_then(|c| c.requests.get(i)).cloned() else {
            stack.pop();
            continue;
        };
        if let Some((key, _)) = request
            .attributes
            .iter()
            .find(|(k, _)| !attribute_supported(k))
        {
            return Err(JsError::syntax_error(format!(
                "Import attribute '{key}' is not supported"
            )));
        }
        let loaded = match r.loaded.get(i).copied().flatten() {
            Some(x) => x,
            None => {
                let x = host_load(vm, &Referrer::Module(ModuleId(cur)), &request)?;
                if let Some(slot) = rec_mut(vm, cur)?.loaded.get_mut(i) {
                    *slot = Some(x);
                }
                x
            }
        };
        let lr = rec(vm, loaded)?;
        if lr.is_cyclic() && lr.status == Status::New && !visited.contains(&loaded) {
            visited.push(loaded);
            stack.push((loaded, 0));
        }
    }
    for v in visited {
        let r = rec_mut(vm, v)?;
        if r.status == Status::New {
            r.status = Status::Unlinked;
        }
    }
    Ok(())
}

/// The ModuleRequest of `import(specifier, options)` (EvaluateImportCall
/// steps 6-12): ToString of the specifier, the `with` attributes
/// (validated and sorted).
fn import_request(
    vm: &mut Vm,
    specifier: Value,
    options: Value,
    phase: ImportPhase,
) -> JsResult<ModuleRequest> {
    let s = vm.to_string(specifier)?;
    let specifier = vm.string_to_rust(s);
    let mut attributes: Vec<(String, String)> = Vec::new();
    if !options.is_undefined() {
        let Value::Object(o) = options else {
            return Err(JsError::type_error(
                "The second argument of import() must be an object",
            ));
        };
        let with_key = vm.key("with");
        let with = vm.get(o, with_key, options)?;
        if !with.is_undefined() {
            let Value::Object(w) = with else {
                return Err(JsError::type_error(
                    "The 'with' option of import() must be an object",
                ));
            };
            let base = vm.roots_len();
            vm.push_root(with);
            let entries = crate::builtins::object::enumerable_own_properties(
                vm,
                w,
                crate::builtins::object::EnumKind::KeyValue,
            );
            vm.truncate_roots(base);
            for pair in entries? {
                let Value::Object(pair) = pair else { continue };
                let k = vm.get(pair, PropertyKey::Index(0), Value::Object(pair))?;
                let v = vm.get(pair, PropertyKey::Index(1), Value::Object(pair))?;
                let (Value::String(k), Value::String(v)) = (k, v) else {
                    return Err(JsError::type_error(
                        "Import attribute values must be strings",
                    ));
                };
                attributes.push((vm.string_to_rust(k), vm.string_to_rust(v)));
            }
        }
    }
    if let Some((key, _)) = attributes.iter().find(|(k, _)| !attribute_supported(k)) {
        return Err(JsError::type_error(format!(
            "Import attribute '{key}' is not supported"
        )));
    }
    attributes.sort_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    Ok(ModuleRequest {
        specifier,
        attributes,
        phase,
    })
}

/// EvaluateImportCall (13.3.10.1) once the specifier and options are
/// evaluated: returns the promise; `phase` 0 evaluates the module, 1
/// (`import.defer`) gives its deferred namespace, 2 (`import.source`) asks
/// for its source object (which JavaScript modules do not have).
pub(crate) fn import_call(
    vm: &mut Vm,
    specifier: Value,
    options: Value,
    phase: u8,
) -> JsResult<Value> {
    let referrer = active_script_or_module(vm);
    let promise = new_promise(vm);
    let base = vm.roots_len();
    vm.push_root(Value::Object(promise));
    let r = import_call_steps(vm, &referrer, promise, specifier, options, phase);
    vm.truncate_roots(base);
    r?;
    Ok(Value::Object(promise))
}

fn import_call_steps(
    vm: &mut Vm,
    referrer: &Referrer,
    promise: ObjId,
    specifier: Value,
    options: Value,
    phase: u8,
) -> JsResult<()> {
    let phase = match phase {
        1 => ImportPhase::Defer,
        2 => ImportPhase::Source,
        _ => ImportPhase::Evaluation,
    };
    let request = match import_request(vm, specifier, options, phase) {
        Ok(r) => r,
        Err(e) => {
            let reason = thrown_value(vm, e)?;
            reject_promise(vm, promise, reason);
            return Ok(());
        }
    };
    let result = host_load(vm, referrer, &request);
    continue_dynamic_import(vm, promise, result, request.phase)
}

/// ContinueDynamicImport(payload, moduleCompletion) (13.3.10.1.1, with
/// the import phase of the deferred evaluation and source phase
/// proposals).
fn continue_dynamic_import(
    vm: &mut Vm,
    promise: ObjId,
    result: JsResult<ObjId>,
    phase: ImportPhase,
) -> JsResult<()> {
    let m = match result {
        Ok(m) => m,
        Err(e) => {
            let reason = thrown_value(vm, e)?;
            reject_promise(vm, promise, reason);
            return Ok(());
        }
    };
    if phase == ImportPhase::Source {
        // GetModuleSource() of a Source Text Module Record (and of this
        // host's synthetic modules) throws.
        let reason = thrown_value(
            vm,
            JsError::syntax_error("Source phase import is not available for this module"),
        )?;
        reject_promise(vm, promise, reason);
        return Ok(());
    }
    let load_promise = new_promise(vm);
    let base = vm.roots_len();
    vm.push_root(Value::Object(load_promise));
    let empty = PropertyKey::Atom(crate::atom::atoms::EMPTY);
    let defer = Value::Boolean(phase == ImportPhase::Defer);
    let slots = [Value::Object(m), Value::Object(promise), defer];
    let on_loaded = vm.new_native_closure(empty, 0, link_and_evaluate, &slots);
    vm.push_root(Value::Object(on_loaded));
    let on_rejected = vm.new_native_closure(empty, 1, reject_capability, &slots);
    perform_promise_then(
        vm,
        load_promise,
        Reaction::Callable(Value::Object(on_loaded)),
        Reaction::Callable(Value::Object(on_rejected)),
        None,
    );
    let r = match load_requested_modules(vm, m) {
        Ok(()) => {
            fulfill_promise(vm, load_promise, Value::Undefined);
            Ok(())
        }
        Err(e) => thrown_value(vm, e).map(|reason| reject_promise(vm, load_promise, reason)),
    };
    vm.truncate_roots(base);
    r
}

/// The module and the `import()` promise a reaction closure carries.
fn slots(vm: &Vm, args: &CallArgs) -> JsResult<(ObjId, ObjId)> {
    match (
        vm.native_slot(args.callee, 0),
        vm.native_slot(args.callee, 1),
    ) {
        (Value::Object(m), Value::Object(p)) => Ok((m, p)),
        _ => Err(super::internal("import() reaction without its state")),
    }
}

/// ContinueDynamicImport's linkAndEvaluateClosure: link, then evaluate
/// the module (for `import.defer`, only its asynchronous transitive
/// dependencies, all together), then resolve with the namespace.
fn link_and_evaluate(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (m, promise) = slots(vm, args)?;
    let defer = matches!(vm.native_slot(args.callee, 2), Value::Boolean(true));
    if let Err(e) = link(vm, m) {
        let reason = thrown_value(vm, e)?;
        reject_promise(vm, promise, reason);
        return Ok(Value::Undefined);
    }
    let evaluated = if defer {
        let list = gather_async_transitive_dependencies(vm, m, &mut Vec::new(), 0)?;
        if list.is_empty() {
            let ns = get_deferred_namespace(vm, m)?;
            resolve_promise(vm, promise, Value::Object(ns))?;
            return Ok(Value::Undefined);
        }
        all_evaluated(vm, &list)?
    } else {
        evaluate(vm, m)?
    };
    vm.push_root(Value::Object(evaluated));
    let empty = PropertyKey::Atom(crate::atom::atoms::EMPTY);
    let slots = [
        Value::Object(m),
        Value::Object(promise),
        Value::Boolean(defer),
    ];
    let on_fulfilled = vm.new_native_closure(empty, 0, resolve_with_namespace, &slots);
    vm.push_root(Value::Object(on_fulfilled));
    let on_rejected = vm.new_native_closure(empty, 1, reject_capability, &slots);
    perform_promise_then(
        vm,
        evaluated,
        Reaction::Callable(Value::Object(on_fulfilled)),
        Reaction::Callable(Value::Object(on_rejected)),
        None,
    );
    Ok(Value::Undefined)
}

/// PerformPromiseAll over the evaluation promises of `modules`: a promise
/// fulfilled once all are, rejected with the first rejection.
fn all_evaluated(vm: &mut Vm, modules: &[ObjId]) -> JsResult<ObjId> {
    let all = new_promise(vm);
    vm.push_root(Value::Object(all));
    let count = Value::Number(modules.len() as f64);
    let empty = PropertyKey::Atom(crate::atom::atoms::EMPTY);
    // Slot 0: the combined promise; slot 1: the remaining count, shared
    // through a one-element array.
    let remaining = Value::Object(vm.new_array(&[count]));
    vm.push_root(remaining);
    for &d in modules {
        let p = evaluate(vm, d)?;
        vm.push_root(Value::Object(p));
        let on_fulfilled = vm.new_native_closure(
            empty,
            1,
            all_element_fulfilled,
            &[Value::Object(all), remaining],
        );
        vm.push_root(Value::Object(on_fulfilled));
        let on_rejected =
            vm.new_native_closure(empty, 1, all_rejected, &[Value::Object(all), remaining]);
        perform_promise_then(
            vm,
            p,
            Reaction::Callable(Value::Object(on_fulfilled)),
            Reaction::Callable(Value::Object(on_rejected)),
            None,
        );
    }
    Ok(all)
}

/// An element of `all_evaluated` fulfilled: the last one fulfils the
/// combined promise.
fn all_element_fulfilled(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (Value::Object(all), Value::Object(counter)) = (
        vm.native_slot(args.callee, 0),
        vm.native_slot(args.callee, 1),
    ) else {
        return Err(super::internal("evaluation join without its state"));
    };
    let n = match vm.get_prop(counter, PropertyKey::Index(0))? {
        Value::Number(n) => n - 1.0,
        _ => 0.0,
    };
    vm.set_prop(counter, PropertyKey::Index(0), Value::Number(n), false)?;
    if n <= 0.0 {
        fulfill_promise(vm, all, Value::Undefined);
    }
    Ok(Value::Undefined)
}

/// An element of `all_evaluated` rejected: the combined promise is.
fn all_rejected(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if let Value::Object(all) = vm.native_slot(args.callee, 0) {
        reject_promise(vm, all, args.arg(0));
    }
    Ok(Value::Undefined)
}

/// ContinueDynamicImport's onFulfilled: resolve with the namespace (the
/// deferred one for `import.defer`).
fn resolve_with_namespace(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (m, promise) = slots(vm, args)?;
    let ns = if matches!(vm.native_slot(args.callee, 2), Value::Boolean(true)) {
        get_deferred_namespace(vm, m)?
    } else {
        get_module_namespace(vm, m)?
    };
    resolve_promise(vm, promise, Value::Object(ns))?;
    Ok(Value::Undefined)
}

/// ContinueDynamicImport's rejectedClosure.
fn reject_capability(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (_, promise) = slots(vm, args)?;
    reject_promise(vm, promise, args.arg(0));
    Ok(Value::Undefined)
}

/// `import.meta` (13.3.12.1) of the running module: created once, with
/// the host's properties.
pub(crate) fn import_meta(vm: &mut Vm) -> JsResult<Value> {
    let m = vm
        .interp
        .frames
        .last()
        .and_then(|f| module_of_env_chain(vm, f.env))
        .ok_or_else(|| super::internal("import.meta outside a module"))?;
    if let Some(o) = rec(vm, m)?.import_meta {
        return Ok(Value::Object(o));
    }
    let o = vm.new_object(None);
    rec_mut(vm, m)?.import_meta = Some(o);
    if let Some(l) = loader(vm) {
        l.import_meta(vm, ModuleId(m), o)?;
    }
    Ok(Value::Object(o))
}
