//! The promise jobs (27.2.2): NewPromiseReactionJob and
//! NewPromiseResolveThenableJob as `PromiseJob`s of the engine's queue,
//! with their operands inline, and the jobs' steps. A promise resolved
//! with a promise whose `then` is the intrinsic one takes the steps of
//! `then` here without making the resolving functions nobody can see
//! (`resolve_with_intrinsic_then`).
//!
//! Invariant: a queued job's handles are traced through the queue
//! (`PromiseJob::trace`) and rooted while it runs (`PromiseJob::root`);
//! the number and order of jobs are the spec's.

use super::{
    constructor, create_resolving_functions, is_promise, new_promise_capability,
    perform_promise_then, perform_then, reject_promise, resolve_promise, thrown_value, Derived,
    Handler, Reaction, ReactionPair,
};
use crate::error::{JsError, JsResult};
use crate::heap::Tracer;
use crate::jobs::{Job, JobKind};
use crate::object::kind::ObjectKind;
use crate::value::{ObjId, RealmId, Value};
use crate::vm::Vm;

/// A queued promise job (27.2.2): a job of the engine's queue
/// (`JobKind::Promise`) that carries its operands inline.
pub struct PromiseJob(JobData);

enum JobData {
    /// NewPromiseReactionJob(reaction, argument) (27.2.2.1).
    Reaction {
        handler: Handler,
        capability: Derived,
        argument: Value,
        rejected: bool,
    },
    /// NewPromiseResolveThenableJob(promiseToResolve, thenable, then)
    /// (27.2.2.2).
    ResolveThenable {
        promise: ObjId,
        thenable: Value,
        then: Value,
    },
}

impl PromiseJob {
    /// Reports the job's handles (it is queued).
    pub(crate) fn trace(&self, t: &mut Tracer) {
        match &self.0 {
            JobData::Reaction {
                handler,
                capability,
                argument,
                ..
            } => {
                handler.trace(t);
                capability.trace(t);
                t.mark_value(*argument);
            }
            JobData::ResolveThenable {
                promise,
                thenable,
                then,
            } => {
                t.mark_object(*promise);
                t.mark_value(*thenable);
                t.mark_value(*then);
            }
        }
    }
    /// Roots the job's handles (it was taken off the queue to run; the
    /// caller truncates the root stack afterwards).
    pub(crate) fn root(&self, vm: &mut Vm) {
        match &self.0 {
            JobData::Reaction {
                handler,
                capability,
                argument,
                ..
            } => {
                handler.root(vm);
                capability.root(vm);
                vm.push_root(*argument);
            }
            JobData::ResolveThenable {
                promise,
                thenable,
                then,
            } => {
                vm.push_root(Value::Object(*promise));
                vm.push_root(*thenable);
                vm.push_root(*then);
            }
        }
    }
    /// Runs the job (its values rooted by the caller).
    pub(crate) fn run(self, vm: &mut Vm) -> JsResult<()> {
        match self.0 {
            JobData::Reaction {
                handler,
                capability,
                argument,
                rejected,
            } => reaction_job(vm, handler, capability, argument, rejected),
            JobData::ResolveThenable {
                promise,
                thenable,
                then,
            } => resolve_thenable_job(vm, promise, thenable, then),
        }
    }
}

/// The reaction job PerformPromiseThen(p, resume `co`, resume `co`)
/// enqueues for a promise `p` already settled with `argument` (fulfilled,
/// or rejected when `rejected`), in the current realm: see
/// `perform_await`.
pub(super) fn enqueue_await_job(vm: &mut Vm, co: ObjId, argument: Value, rejected: bool) {
    let realm = vm.current_realm;
    vm.enqueue_job(Job {
        kind: JobKind::Promise(PromiseJob(JobData::Reaction {
            handler: Handler::Await(co),
            capability: Derived::None,
            argument,
            rejected,
        })),
        realm: Some(realm),
    });
}

/// NewPromiseResolveThenableJob(promiseToResolve, thenable, then)
/// (27.2.2.2), enqueued in `then`'s realm.
pub(super) fn enqueue_thenable_job(vm: &mut Vm, p: ObjId, thenable: Value, then: Value) {
    let realm = job_realm(vm, then);
    vm.enqueue_job(Job {
        kind: JobKind::Promise(PromiseJob(JobData::ResolveThenable {
            promise: p,
            thenable,
            then,
        })),
        realm: Some(realm),
    });
}

/// The realm of a job whose handler is `f`: GetFunctionRealm(f), or the
/// current realm when that throws (a revoked proxy).
fn job_realm(vm: &mut Vm, f: Value) -> RealmId {
    match f {
        Value::Object(o) => vm.get_function_realm(o).unwrap_or(vm.current_realm),
        _ => vm.current_realm,
    }
}

/// The realm of a reaction's job (NewPromiseReactionJob step 3): the
/// handler's function realm, or for the internal handlers the realm their
/// closures would have been created in (current when the reaction is
/// added); none for an empty handler. The function realm of anything but
/// a proxy never changes, so it is looked up when the reaction is added
/// (the handler was usually just made and is in cache); a proxy can be
/// revoked in between, so for one the lookup waits for the job.
#[derive(Clone, Copy, Debug)]
pub(super) enum JobRealm {
    /// No realm (an empty handler): the job runs in the current one.
    Current,
    /// This realm.
    At(RealmId),
    /// GetFunctionRealm(handler) when the job is made.
    Lookup,
}

/// The `JobRealm` of `handler` for a reaction added now.
pub(super) fn job_realm_of(vm: &Vm, handler: Handler) -> JobRealm {
    let Handler::Callable(Value::Object(mut o)) = handler else {
        return match handler {
            Handler::Empty => JobRealm::Current,
            Handler::Callable(_) => JobRealm::Lookup,
            Handler::Await(_) | Handler::Native(..) => JobRealm::At(vm.current_realm),
        };
    };
    // GetFunctionRealm (7.3.24) up to a proxy.
    loop {
        match &vm.heap.obj(o).kind {
            ObjectKind::Function(n) => return JobRealm::At(n.realm),
            ObjectKind::Closure(c) => {
                return c.function_realm().map_or(JobRealm::Lookup, JobRealm::At)
            }
            ObjectKind::BoundFunction(b) => o = b.target,
            _ => return JobRealm::Lookup,
        }
    }
}

/// NewPromiseReactionJob(reaction, argument) (27.2.2.1) for the fulfil or
/// reject half of `r`, then HostEnqueuePromiseJob, in the realm
/// `JobRealm` gives.
pub(super) fn enqueue_reaction_job(vm: &mut Vm, r: ReactionPair, rejected: bool, argument: Value) {
    let (handler, realm) = if rejected {
        (r.on_rejected, r.reject_realm)
    } else {
        (r.on_fulfilled, r.fulfil_realm)
    };
    let realm = match realm {
        JobRealm::Current => None,
        JobRealm::At(realm) => Some(realm),
        JobRealm::Lookup => match handler {
            Handler::Callable(h) => Some(job_realm(vm, h)),
            _ => None,
        },
    };
    vm.enqueue_job(Job {
        kind: JobKind::Promise(PromiseJob(JobData::Reaction {
            handler,
            capability: r.capability,
            argument,
            rejected,
        })),
        realm,
    });
}

/// The job of NewPromiseReactionJob (27.2.2.1): the handler's completion
/// (an `await` resumes its coroutine instead), then the derived
/// capability's resolve or reject.
fn reaction_job(
    vm: &mut Vm,
    handler: Handler,
    capability: Derived,
    argument: Value,
    rejected: bool,
) -> JsResult<()> {
    let result = match handler {
        Handler::Await(c) => {
            let mode = if rejected {
                crate::interp::ResumeMode::Throw
            } else {
                crate::interp::ResumeMode::Next
            };
            return match crate::interp::resume_after_await(vm, c, argument, mode) {
                Err(e) if !e.is_catchable() => Err(e),
                _ => Ok(()),
            };
        }
        Handler::Empty if rejected => Err(JsError::Throw(argument)),
        Handler::Empty => Ok(argument),
        Handler::Callable(h) => vm.call(h, Value::Undefined, &[argument]),
        Handler::Native(f, captured) => f(vm, captured, argument),
    };
    match capability {
        // Internal reactions' handlers do not throw; a termination still
        // propagates.
        Derived::None => match result {
            Err(e) if !e.is_catchable() => Err(e),
            _ => Ok(()),
        },
        Derived::Capability(c) => {
            let c = *c;
            match result {
                Ok(v) => {
                    vm.push_root(v);
                    vm.call(c.resolve, Value::Undefined, &[v])?;
                }
                Err(e) => {
                    let reason = thrown_value(vm, e)?;
                    vm.push_root(reason);
                    vm.call(c.reject, Value::Undefined, &[reason])?;
                }
            }
            Ok(())
        }
        Derived::Promise(p) => match result {
            Ok(v) => resolve_promise(vm, p, v),
            Err(e) => thrown_value(vm, e).map(|reason| reject_promise(vm, p, reason)),
        },
    }
}

/// The job of NewPromiseResolveThenableJob(promiseToResolve, thenable,
/// then) (27.2.2.2).
fn resolve_thenable_job(vm: &mut Vm, p: ObjId, thenable: Value, then: Value) -> JsResult<()> {
    if let Some(r) = resolve_with_intrinsic_then(vm, p, thenable, then) {
        return r;
    }
    let (resolve, reject) = create_resolving_functions(vm, p);
    vm.push_root(Value::Object(resolve));
    vm.push_root(Value::Object(reject));
    let r = vm.call(
        then,
        thenable,
        &[Value::Object(resolve), Value::Object(reject)],
    );
    if let Err(e) = r {
        let reason = thrown_value(vm, e)?;
        vm.push_root(reason);
        vm.call(Value::Object(reject), Value::Undefined, &[reason])?;
    }
    Ok(())
}

/// NewPromiseResolveThenableJob when `thenable` is a promise and `then` is
/// a realm's intrinsic %Promise.prototype.then% (a promise resolved with a
/// promise): the steps of `then` run here, observably the same, and when
/// the species constructor is that realm's %Promise% the resolving
/// functions and the derived promise are not made (they are only ever
/// reaction handlers and a promise nobody sees): native reactions settle
/// `p`. The job already runs in `then`'s realm, as the call would. None
/// when the fast path does not apply.
fn resolve_with_intrinsic_then(
    vm: &mut Vm,
    p: ObjId,
    thenable: Value,
    then: Value,
) -> Option<JsResult<()>> {
    let (Value::Object(t), Value::Object(f)) = (thenable, then) else {
        return None;
    };
    let realm = match &vm.heap.obj(f).kind {
        ObjectKind::Function(nf)
            if nf.f as usize == constructor::promise_then as crate::function::NativeFn as usize =>
        {
            nf.realm
        }
        _ => return None,
    };
    if !is_promise(vm, thenable) || realm != vm.current_realm {
        return None;
    }
    let default = vm.intrinsics().promise;
    let r = (|| {
        let c = vm.species_constructor(t, default)?;
        if c.as_object() == Some(default) {
            perform_then(
                vm,
                t,
                Reaction::Native(resolve_reaction, Value::Object(p)),
                Reaction::Native(reject_reaction, Value::Object(p)),
                Derived::None,
            );
            return Ok(());
        }
        // A subclass species: the resolving functions are handlers of a
        // capability JS can see.
        let (resolve, reject) = create_resolving_functions(vm, p);
        vm.push_root(Value::Object(resolve));
        vm.push_root(Value::Object(reject));
        let cap = new_promise_capability(vm, c)?;
        perform_promise_then(
            vm,
            t,
            Reaction::Callable(Value::Object(resolve)),
            Reaction::Callable(Value::Object(reject)),
            Some(cap),
        );
        Ok(())
    })();
    Some(match r {
        Ok(()) => Ok(()),
        // The resolving functions of `p` reject it (none of them was
        // called yet).
        Err(e) => thrown_value(vm, e).map(|reason| reject_promise(vm, p, reason)),
    })
}

/// A promise resolve function of `p` used only as a reaction handler (see
/// `resolve_with_intrinsic_then`).
fn resolve_reaction(vm: &mut Vm, p: Value, value: Value) -> JsResult<Value> {
    if let Value::Object(p) = p {
        resolve_promise(vm, p, value)?;
    }
    Ok(Value::Undefined)
}

/// The matching promise reject function.
fn reject_reaction(vm: &mut Vm, p: Value, reason: Value) -> JsResult<Value> {
    if let Value::Object(p) = p {
        reject_promise(vm, p, reason);
    }
    Ok(Value::Undefined)
}
