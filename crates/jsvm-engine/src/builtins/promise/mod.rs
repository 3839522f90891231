//! Promise objects (ECMAScript 27.2): the promise abstract operations
//! (CreateResolvingFunctions, FulfillPromise, RejectPromise,
//! NewPromiseCapability, PerformPromiseThen, PromiseResolve, the reaction
//! and thenable jobs) and the Rust API the interpreter's `await` and async
//! functions build on. The constructor and prototype live in `constructor`,
//! the combinators (all, allSettled, any, race and the keyed ones) in
//! `combinators`.
//!
//! A promise is an object of kind `ObjectKind::Promise` whose
//! `PromiseData` holds [[PromiseState]], [[PromiseResult]],
//! [[PromiseIsHandled]] and the reactions. Both reaction lists of the spec
//! always grow together (PerformPromiseThen appends one reaction to each),
//! so they are kept as one list of pairs sharing the capability.
//!
//! Jobs go to the engine's job queue (`Vm::enqueue_job`) as native jobs, in
//! the realm the spec gives them (the handler's function realm). Rejections
//! of promises without handlers are reported to the job queue's
//! HostPromiseRejectionTracker list (`Vm::take_unhandled_rejections`).
//!
//! Invariants: a promise's state only ever leaves `Pending` once, and its
//! reaction list is empty afterwards; every handle stored in a
//! `PromiseData` is traced by `PromiseData::trace`; handles held in Rust
//! locals across anything that can run JS are rooted (docs/gc.md).

mod combinators;
mod constructor;

pub use constructor::init;

use crate::atom::atoms;
use crate::error::{ErrorKind, JsError, JsResult};
use crate::function::CallArgs;
use crate::heap::Tracer;
use crate::jobs::{Job, JobKind, RejectionOperation};
use crate::object::kind::ObjectKind;
use crate::value::{ObjId, PropertyKey, RealmId, Value};
use crate::vm::Vm;

/// [[PromiseState]].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromiseState {
    Pending,
    Fulfilled,
    Rejected,
}

/// A PromiseCapability Record (27.2.1.1). `promise` is always an object
/// for capabilities made by `new_promise_capability`; `resolve` and
/// `reject` are callable.
#[derive(Clone, Copy, Debug)]
pub struct Capability {
    pub promise: Value,
    pub resolve: Value,
    pub reject: Value,
}

impl Capability {
    fn trace(&self, t: &mut Tracer) {
        t.mark_value(self.promise);
        t.mark_value(self.resolve);
        t.mark_value(self.reject);
    }
    /// Roots the three values (until the current native returns or the
    /// caller truncates the root stack).
    pub(crate) fn root(&self, vm: &mut Vm) {
        vm.push_root(self.promise);
        vm.push_root(self.resolve);
        vm.push_root(self.reject);
    }
}

/// A handler given to `perform_promise_then`.
#[derive(Clone, Copy, Debug)]
pub enum Reaction {
    /// A JS value: called with the settled value when callable; anything
    /// else (e.g. `undefined`) means the default handler (identity for
    /// fulfilment, thrower for rejection), as in `then(undefined, f)`.
    Callable(Value),
    /// The reaction of `await` in the coroutine object: the job calls
    /// `interp::resume_after_await(vm, coroutine, value, Next | Throw)`.
    Await(ObjId),
}

/// [[Handler]] of a PromiseReaction Record.
#[derive(Clone, Copy, Debug)]
enum Handler {
    /// `empty`: pass the value through (or rethrow the reason).
    Empty,
    /// A callable JS value.
    Callable(Value),
    /// Resume a coroutine suspended in `await`.
    Await(ObjId),
}

impl Handler {
    fn trace(&self, t: &mut Tracer) {
        match *self {
            Handler::Empty => {}
            Handler::Callable(v) => t.mark_value(v),
            Handler::Await(c) => t.mark_object(c),
        }
    }
}

/// [[Capability]] of a PromiseReaction Record.
#[derive(Clone, Copy, Debug)]
enum Derived {
    /// None (`await` and other internal reactions).
    None,
    /// A capability: its resolve or reject function is called.
    Capability(Capability),
    /// A capability of %Promise% whose resolving functions were never
    /// exposed (made by `then` on a native promise): the promise is
    /// resolved directly, which is unobservably the same.
    Promise(ObjId),
}

/// One PerformPromiseThen call: its fulfil and reject PromiseReaction
/// Records, which share [[Capability]].
struct ReactionPair {
    capability: Derived,
    on_fulfilled: Handler,
    on_rejected: Handler,
    /// The realm current when `then` ran: the realm of the built-in
    /// closures `await` would have created (used for `Handler::Await`).
    realm: RealmId,
}

/// The internal slots of a promise instance (27.2.6).
pub struct PromiseData {
    state: PromiseState,
    /// [[PromiseResult]] (undefined while pending).
    result: Value,
    /// [[PromiseIsHandled]].
    is_handled: bool,
    /// [[PromiseFulfillReactions]] and [[PromiseRejectReactions]], in the
    /// order they were added.
    reactions: Vec<ReactionPair>,
}

impl PromiseData {
    /// A pending promise's slots.
    pub fn new() -> PromiseData {
        PromiseData {
            state: PromiseState::Pending,
            result: Value::Undefined,
            is_handled: false,
            reactions: Vec::new(),
        }
    }
    pub fn state(&self) -> PromiseState {
        self.state
    }
    /// [[PromiseResult]]: the value or reason once settled.
    pub fn result(&self) -> Value {
        self.result
    }
    pub fn is_handled(&self) -> bool {
        self.is_handled
    }
    pub fn trace(&self, t: &mut Tracer) {
        t.mark_value(self.result);
        for r in &self.reactions {
            match &r.capability {
                Derived::None => {}
                Derived::Capability(c) => c.trace(t),
                Derived::Promise(p) => t.mark_object(*p),
            }
            r.on_fulfilled.trace(t);
            r.on_rejected.trace(t);
        }
    }
}

impl Default for PromiseData {
    fn default() -> Self {
        PromiseData::new()
    }
}

impl Vm {
    /// The state and [[PromiseResult]] of a promise (for display, e.g.
    /// `Promise { <pending> }`); None when `o` is not a promise. Never runs
    /// JS.
    pub fn promise_state(&self, o: ObjId) -> Option<(PromiseState, Value)> {
        match &self.heap.obj(o).kind {
            ObjectKind::Promise(d) => Some((d.state, d.result)),
            _ => None,
        }
    }
}

/// IsPromise(x) (27.2.1.6).
pub fn is_promise(vm: &Vm, v: Value) -> bool {
    matches!(v, Value::Object(o) if matches!(vm.heap.obj(o).kind, ObjectKind::Promise(_)))
}

fn data_mut(vm: &mut Vm, p: ObjId) -> Option<&mut PromiseData> {
    match &mut vm.heap.obj_mut(p).kind {
        ObjectKind::Promise(d) => Some(d),
        _ => None,
    }
}

/// The value of a throw completion, with native errors materialized in
/// the current realm; a termination stays an error.
pub(crate) fn thrown_value(vm: &mut Vm, e: JsError) -> JsResult<Value> {
    match e {
        JsError::Terminate(_) => Err(e),
        e => Ok(vm.error_to_value(e)),
    }
}

/// A new pending promise whose prototype is the current realm's
/// %Promise.prototype% (what `new Promise(() => {})` makes, without the
/// resolving functions). Settle it with `resolve_promise` /
/// `reject_promise`.
pub fn new_promise(vm: &mut Vm) -> ObjId {
    let proto = vm.intrinsics().promise_prototype;
    vm.alloc_object(ObjectKind::Promise(Box::default()), Some(proto))
}

/// CreateResolvingFunctions(promise) (27.2.1.3): the resolve and reject
/// functions (length 1, name ""). Their shared [[AlreadyResolved]] record
/// is encoded in their slots: slot 0 holds the promise until either one
/// is called, slot 1 the other function of the pair.
pub(crate) fn create_resolving_functions(vm: &mut Vm, p: ObjId) -> (ObjId, ObjId) {
    let empty = PropertyKey::Atom(atoms::EMPTY);
    let slots = [Value::Object(p), Value::Undefined];
    let resolve = vm.new_native_closure(empty, 1, resolve_function, &slots);
    let slots = [Value::Object(p), Value::Object(resolve)];
    let reject = vm.new_native_closure(empty, 1, reject_function, &slots);
    vm.set_native_slot(resolve, 1, Value::Object(reject));
    (resolve, reject)
}

/// Checks and sets [[AlreadyResolved]] for a resolving function: returns
/// the promise when this is the first call of the pair.
fn take_resolving_target(vm: &mut Vm, f: ObjId) -> Option<ObjId> {
    let Value::Object(p) = vm.native_slot(f, 0) else {
        return None;
    };
    vm.set_native_slot(f, 0, Value::Undefined);
    if let Value::Object(other) = vm.native_slot(f, 1) {
        vm.set_native_slot(other, 0, Value::Undefined);
    }
    Some(p)
}

/// Promise Resolve Functions (27.2.1.3.2).
fn resolve_function(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if let Some(p) = take_resolving_target(vm, args.callee) {
        resolve_promise(vm, p, args.arg(0))?;
    }
    Ok(Value::Undefined)
}

/// Promise Reject Functions (27.2.1.3.1).
fn reject_function(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if let Some(p) = take_resolving_target(vm, args.callee) {
        reject_promise(vm, p, args.arg(0));
    }
    Ok(Value::Undefined)
}

/// What a promise resolve function does once [[AlreadyResolved]] is
/// checked (27.2.1.3.2 steps 7-16): resolving a promise with itself
/// rejects it with a TypeError; a non-object fulfils it; an object's
/// `then` is read now (a throwing getter rejects the promise) and, when
/// callable, called later by a NewPromiseResolveThenableJob; anything else
/// fulfils it. Does nothing if `p` is not a pending promise. The caller
/// must make sure a promise is resolved only once (the resolving
/// functions' [[AlreadyResolved]]): resolving with a thenable leaves `p`
/// pending until the job runs. Only a termination is returned as an
/// error.
pub fn resolve_promise(vm: &mut Vm, p: ObjId, resolution: Value) -> JsResult<()> {
    if let Value::Object(r) = resolution {
        if r == p {
            let e = vm.new_error(
                ErrorKind::TypeError,
                "Chaining cycle detected for promise #<Promise>",
            );
            reject_promise(vm, p, Value::Object(e));
            return Ok(());
        }
    }
    let Value::Object(ro) = resolution else {
        fulfill_promise(vm, p, resolution);
        return Ok(());
    };
    let base = vm.roots_len();
    vm.push_root(Value::Object(p));
    vm.push_root(resolution);
    let r = match vm.get(ro, PropertyKey::Atom(atoms::THEN), resolution) {
        Err(e) => thrown_value(vm, e).map(|reason| reject_promise(vm, p, reason)),
        Ok(then) if !vm.is_callable(then) => {
            fulfill_promise(vm, p, resolution);
            Ok(())
        }
        Ok(then) => {
            // NewPromiseResolveThenableJob: its realm is then's realm.
            let realm = job_realm(vm, then);
            vm.enqueue_job(Job {
                kind: JobKind::Native {
                    f: resolve_thenable_job,
                    values: vec![Value::Object(p), resolution, then],
                },
                realm: Some(realm),
            });
            Ok(())
        }
    };
    vm.truncate_roots(base);
    r
}

/// RejectPromise(promise, reason) (27.2.1.7), including
/// HostPromiseRejectionTracker(promise, "reject") when no handler is
/// attached. Does nothing if `p` is not a pending promise.
pub fn reject_promise(vm: &mut Vm, p: ObjId, reason: Value) {
    settle(vm, p, reason, true);
}

/// FulfillPromise(promise, value) (27.2.1.4). Does nothing if `p` is not a
/// pending promise.
pub fn fulfill_promise(vm: &mut Vm, p: ObjId, value: Value) {
    settle(vm, p, value, false);
}

/// FulfillPromise / RejectPromise followed by TriggerPromiseReactions
/// (27.2.1.8).
fn settle(vm: &mut Vm, p: ObjId, value: Value, rejected: bool) {
    let Some(d) = data_mut(vm, p) else {
        return;
    };
    if d.state != PromiseState::Pending {
        return;
    }
    let reactions = std::mem::take(&mut d.reactions);
    d.result = value;
    d.state = if rejected {
        PromiseState::Rejected
    } else {
        PromiseState::Fulfilled
    };
    if rejected && !d.is_handled {
        vm.promise_rejection_tracker(p, value, RejectionOperation::Reject);
    }
    for r in &reactions {
        enqueue_reaction_job(vm, r, rejected, value);
    }
}

/// The realm of a job whose handler is `f`: GetFunctionRealm(f), or the
/// current realm when that throws (a revoked proxy).
fn job_realm(vm: &mut Vm, f: Value) -> RealmId {
    match f {
        Value::Object(o) => vm.get_function_realm(o).unwrap_or(vm.current_realm),
        _ => vm.current_realm,
    }
}

/// NewPromiseReactionJob(reaction, argument) (27.2.2.1) for the fulfil or
/// reject half of `r`, then HostEnqueuePromiseJob.
fn enqueue_reaction_job(vm: &mut Vm, r: &ReactionPair, rejected: bool, argument: Value) {
    let handler = if rejected {
        r.on_rejected
    } else {
        r.on_fulfilled
    };
    let (h, realm) = match handler {
        Handler::Await(c) => {
            vm.enqueue_job(Job {
                kind: JobKind::Native {
                    f: await_job,
                    values: vec![Value::Object(c), argument, Value::Boolean(rejected)],
                },
                realm: Some(r.realm),
            });
            return;
        }
        Handler::Callable(h) => (h, Some(job_realm(vm, h))),
        Handler::Empty => (Value::Undefined, None),
    };
    let mut values = vec![Value::Boolean(rejected), h, argument];
    let f: crate::jobs::NativeJobFn = match r.capability {
        Derived::None => reaction_job_without_capability,
        Derived::Capability(c) => {
            values.extend_from_slice(&[c.resolve, c.reject]);
            reaction_job
        }
        Derived::Promise(p) => {
            values.push(Value::Object(p));
            reaction_job_for_promise
        }
    };
    vm.enqueue_job(Job {
        kind: JobKind::Native { f, values },
        realm,
    });
}

/// Step 1.e-f of a NewPromiseReactionJob: the handler's completion.
/// `values` starts with the rejected flag, the handler (undefined =
/// empty) and the argument.
fn run_handler(vm: &mut Vm, values: &[Value]) -> JsResult<Value> {
    let get = |i: usize| values.get(i).copied().unwrap_or(Value::Undefined);
    let (handler, argument) = (get(1), get(2));
    if !handler.is_undefined() {
        return vm.call(handler, Value::Undefined, &[argument]);
    }
    if matches!(get(0), Value::Boolean(true)) {
        Err(JsError::Throw(argument))
    } else {
        Ok(argument)
    }
}

/// The job of NewPromiseReactionJob (27.2.2.1) with a capability:
/// `values` = rejected flag, handler, argument, the capability's resolve
/// and reject.
fn reaction_job(vm: &mut Vm, values: &[Value]) -> JsResult<()> {
    let get = |i: usize| values.get(i).copied().unwrap_or(Value::Undefined);
    let (resolve, reject) = (get(3), get(4));
    match run_handler(vm, values) {
        Ok(v) => {
            vm.push_root(v);
            vm.call(resolve, Value::Undefined, &[v])?;
        }
        Err(e) => {
            let reason = thrown_value(vm, e)?;
            vm.push_root(reason);
            vm.call(reject, Value::Undefined, &[reason])?;
        }
    }
    Ok(())
}

/// The same for a `Derived::Promise` capability: `values` ends with the
/// promise, resolved or rejected directly.
fn reaction_job_for_promise(vm: &mut Vm, values: &[Value]) -> JsResult<()> {
    let result = run_handler(vm, values);
    let Some(&Value::Object(p)) = values.get(3) else {
        return Ok(());
    };
    match result {
        Ok(v) => resolve_promise(vm, p, v),
        Err(e) => thrown_value(vm, e).map(|reason| reject_promise(vm, p, reason)),
    }
}

/// The same without a capability (internal reactions, whose handlers do
/// not throw; a termination still propagates).
fn reaction_job_without_capability(vm: &mut Vm, values: &[Value]) -> JsResult<()> {
    match run_handler(vm, values) {
        Err(e) if !e.is_catchable() => Err(e),
        _ => Ok(()),
    }
}

/// The reaction job of `await`: resumes the coroutine `values[0]` with
/// `values[1]`, normally or as a throw (`values[2]`).
fn await_job(vm: &mut Vm, values: &[Value]) -> JsResult<()> {
    let (Some(&Value::Object(c)), Some(&arg)) = (values.first(), values.get(1)) else {
        return Ok(());
    };
    let mode = if matches!(values.get(2), Some(Value::Boolean(true))) {
        crate::interp::ResumeMode::Throw
    } else {
        crate::interp::ResumeMode::Next
    };
    match crate::interp::resume_after_await(vm, c, arg, mode) {
        Err(e) if !e.is_catchable() => Err(e),
        _ => Ok(()),
    }
}

/// The job of NewPromiseResolveThenableJob(promiseToResolve, thenable,
/// then) (27.2.2.2). `values`: the promise, the thenable, `then`.
fn resolve_thenable_job(vm: &mut Vm, values: &[Value]) -> JsResult<()> {
    let get = |i: usize| values.get(i).copied().unwrap_or(Value::Undefined);
    let Value::Object(p) = get(0) else {
        return Ok(());
    };
    let (thenable, then) = (get(1), get(2));
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

/// PerformPromiseThen(promise, onFulfilled, onRejected, resultCapability)
/// (27.2.5.4.1): adds the reactions to a pending promise or enqueues the
/// matching reaction job for a settled one (marking a rejected, unhandled
/// promise as handled for the rejection tracker). `Reaction::Await`
/// reactions take no capability (`result: None`): `await` creates no
/// promise of its own. Never runs JS. Does nothing if `p` is not a
/// promise.
pub fn perform_promise_then(
    vm: &mut Vm,
    p: ObjId,
    on_fulfilled: Reaction,
    on_rejected: Reaction,
    result: Option<Capability>,
) {
    let derived = match result {
        Some(c) => Derived::Capability(c),
        None => Derived::None,
    };
    perform_then(vm, p, on_fulfilled, on_rejected, derived);
}

/// PerformPromiseThen with any kind of [[Capability]].
fn perform_then(
    vm: &mut Vm,
    p: ObjId,
    on_fulfilled: Reaction,
    on_rejected: Reaction,
    derived: Derived,
) {
    let handler = |vm: &Vm, r: Reaction| match r {
        Reaction::Callable(v) if vm.is_callable(v) => Handler::Callable(v),
        Reaction::Callable(_) => Handler::Empty,
        Reaction::Await(c) => Handler::Await(c),
    };
    let pair = ReactionPair {
        capability: derived,
        on_fulfilled: handler(vm, on_fulfilled),
        on_rejected: handler(vm, on_rejected),
        realm: vm.current_realm,
    };
    let Some(d) = data_mut(vm, p) else {
        return;
    };
    let (state, value, was_handled) = (d.state, d.result, d.is_handled);
    d.is_handled = true;
    match state {
        PromiseState::Pending => d.reactions.push(pair),
        PromiseState::Fulfilled => enqueue_reaction_job(vm, &pair, false, value),
        PromiseState::Rejected => {
            if !was_handled {
                vm.promise_rejection_tracker(p, value, RejectionOperation::Handle);
            }
            enqueue_reaction_job(vm, &pair, true, value);
        }
    }
}

/// `promise.then(onFulfilled, onRejected)` when the species constructor
/// is the current realm's %Promise%: the derived promise is made and
/// resolved without resolving functions (nothing observable differs from
/// NewPromiseCapability(%Promise%)). Returns the derived promise.
pub(crate) fn then_with_intrinsic_promise(
    vm: &mut Vm,
    p: ObjId,
    on_fulfilled: Value,
    on_rejected: Value,
) -> ObjId {
    let derived = new_promise(vm);
    perform_then(
        vm,
        p,
        Reaction::Callable(on_fulfilled),
        Reaction::Callable(on_rejected),
        Derived::Promise(derived),
    );
    derived
}

/// NewPromiseCapability(C) (27.2.1.5): constructs `C` with a
/// GetCapabilitiesExecutor function and returns the promise and the
/// resolving functions it received. For %Promise% of the current realm
/// the result is made directly (nothing observable differs).
pub fn new_promise_capability(vm: &mut Vm, ctor: Value) -> JsResult<Capability> {
    if !vm.is_constructor(ctor) {
        return Err(JsError::type_error(format!(
            "{} is not a constructor",
            vm.display_value(ctor)
        )));
    }
    if ctor.as_object() == Some(vm.intrinsics().promise) {
        let p = new_promise(vm);
        let (resolve, reject) = create_resolving_functions(vm, p);
        return Ok(Capability {
            promise: Value::Object(p),
            resolve: Value::Object(resolve),
            reject: Value::Object(reject),
        });
    }
    let empty = PropertyKey::Atom(atoms::EMPTY);
    let slots = [Value::Undefined, Value::Undefined];
    let executor = vm.new_native_closure(empty, 2, capabilities_executor, &slots);
    let base = vm.roots_len();
    vm.push_root(Value::Object(executor));
    let r = vm.construct(ctor, &[Value::Object(executor)], None);
    vm.truncate_roots(base);
    let promise = r?;
    let resolve = vm.native_slot(executor, 0);
    let reject = vm.native_slot(executor, 1);
    if !vm.is_callable(resolve) {
        return Err(JsError::type_error(
            "Promise resolve function is not callable",
        ));
    }
    if !vm.is_callable(reject) {
        return Err(JsError::type_error(
            "Promise reject function is not callable",
        ));
    }
    Ok(Capability {
        promise,
        resolve,
        reject,
    })
}

/// GetCapabilitiesExecutor Functions (27.2.1.5.1): slots 0 and 1 are the
/// record's [[Resolve]] and [[Reject]].
fn capabilities_executor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let f = args.callee;
    if !vm.native_slot(f, 0).is_undefined() || !vm.native_slot(f, 1).is_undefined() {
        return Err(JsError::type_error(
            "Promise executor has already been invoked with non-undefined arguments",
        ));
    }
    vm.set_native_slot(f, 0, args.arg(0));
    vm.set_native_slot(f, 1, args.arg(1));
    Ok(Value::Undefined)
}

/// PromiseResolve(C, x) (27.2.4.7.1): `x` itself when it is a promise
/// whose `constructor` is `C`, else a new promise of `C` resolved with
/// `x`.
pub fn promise_resolve(vm: &mut Vm, ctor: ObjId, x: Value) -> JsResult<ObjId> {
    let base = vm.roots_len();
    vm.push_root(Value::Object(ctor));
    vm.push_root(x);
    let r = promise_resolve_rooted(vm, ctor, x);
    vm.truncate_roots(base);
    r
}

fn promise_resolve_rooted(vm: &mut Vm, ctor: ObjId, x: Value) -> JsResult<ObjId> {
    if let Value::Object(xo) = x {
        if is_promise(vm, x) {
            let c = vm.get(xo, PropertyKey::Atom(atoms::CONSTRUCTOR), x)?;
            if vm.same_value(c, Value::Object(ctor)) {
                return Ok(xo);
            }
        }
    }
    if ctor == vm.intrinsics().promise {
        // NewPromiseCapability(%Promise%) then its resolve function.
        let p = new_promise(vm);
        resolve_promise(vm, p, x)?;
        return Ok(p);
    }
    let cap = new_promise_capability(vm, Value::Object(ctor))?;
    cap.root(vm);
    vm.call(cap.resolve, Value::Undefined, &[x])?;
    cap.promise
        .as_object()
        .ok_or_else(|| JsError::type_error("Promise constructor returned a non-object"))
}

#[cfg(test)]
mod tests;
