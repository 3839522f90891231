//! Evaluation (16.2.1.5.3): Evaluate, InnerModuleEvaluation with DFS
//! indices and [[CycleRoot]], ExecuteModule, and the asynchronous part for
//! top-level await: ExecuteAsyncModule, GatherAvailableAncestors,
//! AsyncModuleExecutionFulfilled and AsyncModuleExecutionRejected, ordered
//! by the agent's [[ModuleAsyncEvaluationCount]].
//!
//! Invariant: a module's body runs at most once; once a module is
//! `evaluated` its [[EvaluationError]] never changes; a module with
//! `AsyncOrder::Order(_)` is `evaluating-async` (or `evaluating` while its
//! strongly connected component is being traversed) and has either a body
//! running asynchronously or pending async dependencies.

use std::sync::atomic::{AtomicU64, Ordering};

use super::link::{too_deep, MAX_GRAPH_DEPTH};
use super::{imported_module, rec, rec_mut, AsyncOrder, ModuleKind, Status};
use crate::builtins::promise::{
    fulfill_promise, new_promise, perform_promise_then, reject_promise, thrown_value, Reaction,
};
use crate::error::{JsError, JsResult};
use crate::function::CallArgs;
use crate::interp::closure::create_closure;
use crate::interp::code::CodeUnit;
use crate::value::{ObjId, PropertyKey, Value};
use crate::vm::Vm;
use jsvm_compiler::ImportPhase;

/// The agent's [[ModuleAsyncEvaluationCount]] (only the order matters, so
/// one counter for every agent of the process is as good).
static ASYNC_EVALUATION_COUNT: AtomicU64 = AtomicU64::new(0);

/// IncrementModuleAsyncEvaluationCount().
fn next_async_order() -> u64 {
    ASYNC_EVALUATION_COUNT.fetch_add(1, Ordering::Relaxed)
}

/// Evaluate() (16.2.1.5.3): returns the promise of the evaluation of `m`'s
/// strongly connected component (for a JSON module, a fulfilled promise).
/// Only a termination is an error.
pub(crate) fn evaluate(vm: &mut Vm, m: ObjId) -> JsResult<ObjId> {
    if !rec(vm, m)?.is_cyclic() {
        evaluate_synthetic(vm, m)?;
        let p = new_promise(vm);
        fulfill_promise(vm, p, Value::Undefined);
        return Ok(p);
    }
    let mut module = m;
    let r = rec(vm, m)?;
    if matches!(r.status, Status::EvaluatingAsync | Status::Evaluated) {
        module = r.cycle_root.unwrap_or(m);
    }
    if let Some(p) = rec(vm, module)?.top_level_capability {
        return Ok(p);
    }
    let promise = new_promise(vm);
    rec_mut(vm, module)?.top_level_capability = Some(promise);
    let mut stack = Vec::new();
    match inner_module_evaluation(vm, module, &mut stack, 0, 0) {
        Err(e) => {
            let error = thrown_value(vm, e)?;
            for s in stack {
                let r = rec_mut(vm, s)?;
                r.status = Status::Evaluated;
                r.eval_error = Some(error);
            }
            reject_promise(vm, promise, error);
        }
        Ok(_) => {
            if !matches!(rec(vm, module)?.async_order, AsyncOrder::Order(_)) {
                fulfill_promise(vm, promise, Value::Undefined);
            }
        }
    }
    Ok(promise)
}

/// A JSON module's evaluation steps: SetSyntheticModuleExport(module,
/// "default", value).
fn evaluate_synthetic(vm: &mut Vm, m: ObjId) -> JsResult<()> {
    super::link::link(vm, m)?;
    let r = rec_mut(vm, m)?;
    let (ModuleKind::Synthetic(v), Some(env)) = (&r.kind, r.environment) else {
        return Err(super::internal("synthetic module without an environment"));
    };
    let v = *v;
    r.status = Status::Evaluated;
    vm.heap.env_mut(env).set_slot(0, v);
    Ok(())
}

/// InnerModuleEvaluation(module, stack, index) (16.2.1.5.3.1).
fn inner_module_evaluation(
    vm: &mut Vm,
    m: ObjId,
    stack: &mut Vec<ObjId>,
    mut index: u32,
    depth: usize,
) -> JsResult<u32> {
    let r = rec(vm, m)?;
    if !r.is_cyclic() {
        evaluate_synthetic(vm, m)?;
        return Ok(index);
    }
    match r.status {
        Status::EvaluatingAsync | Status::Evaluated => {
            return match r.eval_error {
                None => Ok(index),
                Some(e) => Err(JsError::Throw(e)),
            }
        }
        Status::Evaluating => return Ok(index),
        Status::Linked => {}
        _ => return Err(super::internal("evaluating a module that is not linked")),
    }
    if depth > MAX_GRAPH_DEPTH {
        return Err(too_deep());
    }
    let code = r.code().cloned();
    {
        let r = rec_mut(vm, m)?;
        r.status = Status::Evaluating;
        r.dfs_index = index;
        r.dfs_ancestor_index = index;
        r.pending_async = 0;
    }
    index += 1;
    stack.push(m);
    // The modules to evaluate first: the requested ones, except that a
    // deferred import contributes only its asynchronous transitive
    // dependencies, and a source phase import nothing.
    let mut evaluation_list: Vec<ObjId> = Vec::new();
    for (i, request) in code.iter().flat_map(|c| c.requests.iter()).enumerate() {
        let required = imported_module(vm, m, i as u32)?;
        match request.phase {
            ImportPhase::Defer => {
                for a in gather_async_transitive_dependencies(vm, required, &mut Vec::new(), 0)? {
                    if !evaluation_list.contains(&a) {
                        evaluation_list.push(a);
                    }
                }
            }
            ImportPhase::Source => {}
            ImportPhase::Evaluation => {
                if !evaluation_list.contains(&required) {
                    evaluation_list.push(required);
                }
            }
        }
    }
    for mut required in evaluation_list {
        index = inner_module_evaluation(vm, required, stack, index, depth + 1)?;
        let req = rec(vm, required)?;
        if !req.is_cyclic() {
            continue;
        }
        if req.status == Status::Evaluating {
            let anc = req.dfs_ancestor_index;
            let r = rec_mut(vm, m)?;
            r.dfs_ancestor_index = r.dfs_ancestor_index.min(anc);
        } else {
            required = req
                .cycle_root
                .ok_or_else(|| super::internal("evaluated module without a cycle root"))?;
            if let Some(e) = rec(vm, required)?.eval_error {
                return Err(JsError::Throw(e));
            }
        }
        if matches!(rec(vm, required)?.async_order, AsyncOrder::Order(_)) {
            rec_mut(vm, m)?.pending_async += 1;
            rec_mut(vm, required)?.async_parents.push(m);
        }
    }
    let r = rec(vm, m)?;
    if r.pending_async > 0 || r.has_tla() {
        let pending = r.pending_async;
        rec_mut(vm, m)?.async_order = AsyncOrder::Order(next_async_order());
        if pending == 0 {
            execute_async_module(vm, m)?;
        }
    } else {
        execute_module(vm, m)?;
    }
    let r = rec(vm, m)?;
    if r.dfs_ancestor_index == r.dfs_index {
        while let Some(required) = stack.pop() {
            let rr = rec_mut(vm, required)?;
            rr.status = if matches!(rr.async_order, AsyncOrder::Order(_)) {
                Status::EvaluatingAsync
            } else {
                Status::Evaluated
            };
            rr.cycle_root = Some(m);
            if required == m {
                break;
            }
        }
    }
    Ok(index)
}

/// GatherAsynchronousTransitiveDependencies(module, seen) (deferred
/// module evaluation): the modules with top-level await that `m` needs,
/// which a deferred import evaluates eagerly.
pub(crate) fn gather_async_transitive_dependencies(
    vm: &Vm,
    m: ObjId,
    seen: &mut Vec<ObjId>,
    depth: usize,
) -> JsResult<Vec<ObjId>> {
    let mut result = Vec::new();
    if seen.contains(&m) {
        return Ok(result);
    }
    if depth > MAX_GRAPH_DEPTH {
        return Err(too_deep());
    }
    seen.push(m);
    let r = rec(vm, m)?;
    if !r.is_cyclic() || r.status == Status::Evaluating || scc_evaluated(vm, m) {
        return Ok(result);
    }
    if r.has_tla() {
        result.push(m);
        return Ok(result);
    }
    for i in 0..r.request_count() {
        let required = imported_module(vm, m, i as u32)?;
        for a in gather_async_transitive_dependencies(vm, required, seen, depth + 1)? {
            if !result.contains(&a) {
                result.push(a);
            }
        }
    }
    Ok(result)
}

/// IsModuleSCCEvaluated(module).
pub(crate) fn scc_evaluated(vm: &Vm, m: ObjId) -> bool {
    let Ok(r) = rec(vm, m) else { return false };
    match r.cycle_root {
        Some(root) => rec(vm, root).is_ok_and(|r| r.status == Status::Evaluated),
        None => r.status == Status::Evaluated,
    }
}

/// Calls `m`'s body in its environment and realm: the completion of a
/// synchronous body, or the promise of an async one.
fn run_body(vm: &mut Vm, m: ObjId) -> JsResult<Value> {
    let r = rec(vm, m)?;
    let (Some(code), Some(env)) = (r.code().cloned(), r.environment) else {
        return Err(super::internal(
            "executing a module without code or environment",
        ));
    };
    vm.in_module_realm(m, |vm| {
        let unit = CodeUnit::new(vm, code.body.clone());
        let f = create_closure(vm, unit, env, None);
        let base = vm.roots_len();
        vm.push_root(Value::Object(f));
        let r = vm.call(Value::Object(f), Value::Undefined, &[]);
        vm.truncate_roots(base);
        r
    })
}

/// ExecuteModule() of a module without top-level await.
fn execute_module(vm: &mut Vm, m: ObjId) -> JsResult<()> {
    run_body(vm, m).map(|_| ())
}

/// ExecuteAsyncModule(module) (16.2.1.5.3.2): runs the async body; its
/// promise's reactions continue with AsyncModuleExecutionFulfilled or
/// AsyncModuleExecutionRejected. (The body's own promise is the
/// capability: nothing else can observe or settle it, so attaching the
/// reactions right after the body suspends is the same as before.)
fn execute_async_module(vm: &mut Vm, m: ObjId) -> JsResult<()> {
    let p = run_body(vm, m)?;
    let Value::Object(p) = p else {
        return Err(super::internal("async module body without a promise"));
    };
    let base = vm.roots_len();
    vm.push_root(Value::Object(p));
    vm.in_module_realm(m, |vm| {
        let empty = PropertyKey::Atom(crate::atom::atoms::EMPTY);
        let slots = [Value::Object(m)];
        let on_fulfilled = vm.new_native_closure(empty, 0, async_fulfilled, &slots);
        vm.push_root(Value::Object(on_fulfilled));
        let on_rejected = vm.new_native_closure(empty, 0, async_rejected, &slots);
        perform_promise_then(
            vm,
            p,
            Reaction::Callable(Value::Object(on_fulfilled)),
            Reaction::Callable(Value::Object(on_rejected)),
            None,
        );
    });
    vm.truncate_roots(base);
    Ok(())
}

fn slot_module(vm: &Vm, args: &CallArgs) -> JsResult<ObjId> {
    match vm.native_slot(args.callee, 0) {
        Value::Object(m) => Ok(m),
        _ => Err(super::internal("module reaction without its module")),
    }
}

/// The fulfilment reaction of an async module body.
fn async_fulfilled(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let m = slot_module(vm, args)?;
    async_module_execution_fulfilled(vm, m)?;
    Ok(Value::Undefined)
}

/// The rejection reaction of an async module body.
fn async_rejected(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let m = slot_module(vm, args)?;
    async_module_execution_rejected(vm, m, args.arg(0), 0)?;
    Ok(Value::Undefined)
}

/// GatherAvailableAncestors(module, execList) (16.2.1.5.3.3).
fn gather_available_ancestors(
    vm: &mut Vm,
    m: ObjId,
    exec_list: &mut Vec<ObjId>,
    depth: usize,
) -> JsResult<()> {
    if depth > MAX_GRAPH_DEPTH {
        return Err(too_deep());
    }
    let parents = rec(vm, m)?.async_parents.clone();
    for p in parents {
        if exec_list.contains(&p) {
            continue;
        }
        let root = rec(vm, p)?.cycle_root.unwrap_or(p);
        if rec(vm, root)?.eval_error.is_some() {
            continue;
        }
        let r = rec_mut(vm, p)?;
        r.pending_async = r.pending_async.saturating_sub(1);
        if r.pending_async == 0 {
            let has_tla = r.has_tla();
            exec_list.push(p);
            if !has_tla {
                gather_available_ancestors(vm, p, exec_list, depth + 1)?;
            }
        }
    }
    Ok(())
}

/// AsyncModuleExecutionFulfilled(module) (16.2.1.5.3.4).
fn async_module_execution_fulfilled(vm: &mut Vm, m: ObjId) -> JsResult<()> {
    let r = rec_mut(vm, m)?;
    if r.status == Status::Evaluated {
        // Already rejected through another dependency.
        return Ok(());
    }
    r.async_order = AsyncOrder::Done;
    r.status = Status::Evaluated;
    if let Some(p) = r.top_level_capability {
        fulfill_promise(vm, p, Value::Undefined);
    }
    let mut exec_list = Vec::new();
    gather_available_ancestors(vm, m, &mut exec_list, 0)?;
    let order = |vm: &Vm, x: ObjId| match rec(vm, x).map(|r| r.async_order) {
        Ok(AsyncOrder::Order(n)) => n,
        _ => u64::MAX,
    };
    let mut keyed: Vec<(u64, ObjId)> = exec_list.iter().map(|&x| (order(vm, x), x)).collect();
    keyed.sort_by_key(|&(k, _)| k);
    for (_, x) in keyed {
        let r = rec(vm, x)?;
        if r.status == Status::Evaluated {
            continue;
        }
        if r.has_tla() {
            execute_async_module(vm, x)?;
            continue;
        }
        match execute_module(vm, x) {
            Err(e) => {
                let error = thrown_value(vm, e)?;
                async_module_execution_rejected(vm, x, error, 0)?;
            }
            Ok(()) => {
                let r = rec_mut(vm, x)?;
                r.async_order = AsyncOrder::Done;
                r.status = Status::Evaluated;
                if let Some(p) = r.top_level_capability {
                    fulfill_promise(vm, p, Value::Undefined);
                }
            }
        }
    }
    Ok(())
}

/// AsyncModuleExecutionRejected(module, error) (16.2.1.5.3.5, with the
/// module's own promise rejected before its ancestors are visited).
fn async_module_execution_rejected(
    vm: &mut Vm,
    m: ObjId,
    error: Value,
    depth: usize,
) -> JsResult<()> {
    if depth > MAX_GRAPH_DEPTH {
        return Err(too_deep());
    }
    let r = rec_mut(vm, m)?;
    if r.status == Status::Evaluated {
        return Ok(());
    }
    r.eval_error = Some(error);
    r.status = Status::Evaluated;
    r.async_order = AsyncOrder::Done;
    let parents = r.async_parents.clone();
    // The module's own promise first, then its ancestors' (leaf to root).
    if let Some(p) = rec(vm, m)?.top_level_capability {
        reject_promise(vm, p, error);
    }
    for p in parents {
        async_module_execution_rejected(vm, p, error, depth + 1)?;
    }
    Ok(())
}
