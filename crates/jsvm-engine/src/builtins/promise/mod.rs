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
//! Jobs go to the engine's job queue (`Vm::enqueue_job`) as `PromiseJob`s
//! (operands inline, no allocation), in the realm the spec gives them (the
//! handler's function realm). Built-in closures that the spec creates only
//! to use them as reaction handlers of promises it made itself, and
//! resolving functions JS can never reach, are not made: such reactions
//! are `Reaction::Native` handlers and such promises are settled directly
//! (`perform_promise_then_derived`), which no program can tell apart.
//! Rejections of promises without handlers are reported to the job queue's
//! HostPromiseRejectionTracker list (`Vm::take_unhandled_rejections`).
//!
//! Invariants: a promise's state only ever leaves `Pending` once, and its
//! reaction list is empty afterwards; every handle stored in a
//! `PromiseData` is traced by `PromiseData::trace`; handles held in Rust
//! locals across anything that can run JS are rooted (docs/gc.md).

mod combinators;
mod constructor;
mod jobs;

pub use constructor::init;
pub use jobs::PromiseJob;

use crate::atom::atoms;
use crate::error::{ErrorKind, JsError, JsResult};
use crate::function::CallArgs;
use crate::heap::Tracer;
use crate::jobs::RejectionOperation;
use crate::object::kind::ObjectKind;
use crate::value::{ObjId, PropertyKey, Value};
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
    /// A built-in closure the spec creates only to hand it to
    /// PerformPromiseThen on a promise it made itself (e.g. the unwrap and
    /// closeIterator closures of AsyncFromSyncIteratorContinuation): JS
    /// never sees the function object, so none is made. The job calls the
    /// function with the captured value and the settled value, in the realm
    /// that was current when the reaction was added (the closure's realm).
    Native(NativeReactionFn, Value),
}

/// The Rust body of a `Reaction::Native` handler: (captured value,
/// argument) to the handler's completion.
pub type NativeReactionFn = fn(&mut Vm, Value, Value) -> JsResult<Value>;

/// [[Handler]] of a PromiseReaction Record.
#[derive(Clone, Copy, Debug)]
enum Handler {
    /// `empty`: pass the value through (or rethrow the reason).
    Empty,
    /// A callable JS value.
    Callable(Value),
    /// Resume a coroutine suspended in `await`.
    Await(ObjId),
    /// An unobservable built-in closure (see `Reaction::Native`).
    Native(NativeReactionFn, Value),
}

impl Handler {
    fn trace(&self, t: &mut Tracer) {
        match *self {
            Handler::Empty => {}
            Handler::Callable(v) | Handler::Native(_, v) => t.mark_value(v),
            Handler::Await(c) => t.mark_object(c),
        }
    }
    fn root(&self, vm: &mut Vm) {
        match *self {
            Handler::Empty => {}
            Handler::Callable(v) | Handler::Native(_, v) => vm.push_root(v),
            Handler::Await(c) => vm.push_root(Value::Object(c)),
        }
    }
}

/// [[Capability]] of a PromiseReaction Record.
#[derive(Debug)]
enum Derived {
    /// None (`await` and other internal reactions).
    None,
    /// A capability: its resolve or reject function is called (boxed: it
    /// is rare, and reactions and jobs stay small).
    Capability(Box<Capability>),
    /// A capability of %Promise% whose resolving functions were never
    /// exposed (made by `then` on a native promise): the promise is
    /// resolved directly, which is unobservably the same.
    Promise(ObjId),
}

impl Derived {
    fn trace(&self, t: &mut Tracer) {
        match self {
            Derived::None => {}
            Derived::Capability(c) => c.trace(t),
            Derived::Promise(p) => t.mark_object(*p),
        }
    }
    fn root(&self, vm: &mut Vm) {
        match self {
            Derived::None => {}
            Derived::Capability(c) => c.root(vm),
            Derived::Promise(p) => vm.push_root(Value::Object(*p)),
        }
    }
}

/// One PerformPromiseThen call: its fulfil and reject PromiseReaction
/// Records, which share [[Capability]].
struct ReactionPair {
    capability: Derived,
    on_fulfilled: Handler,
    on_rejected: Handler,
    /// The realm of the job each handler's reaction gets (see `JobRealm`),
    /// fixed when the reaction is added while the handler is at hand.
    fulfil_realm: jobs::JobRealm,
    reject_realm: jobs::JobRealm,
}

/// The internal slots of a promise instance (27.2.6).
pub struct PromiseData {
    state: PromiseState,
    /// [[PromiseIsHandled]].
    is_handled: bool,
    held: Held,
}

/// What a promise holds: its reactions while pending, its result once
/// settled (never both, so they share the space).
enum Held {
    /// [[PromiseFulfillReactions]] and [[PromiseRejectReactions]], in the
    /// order they were added.
    Reactions(Reactions),
    /// [[PromiseResult]].
    Result(Value),
}

/// The reaction list of a pending promise, one pointer wide (promise
/// objects stay small): most promises get one reaction, or none, and one
/// takes a single allocation.
#[derive(Default)]
struct Reactions(Option<Box<smallvec::SmallVec<[ReactionPair; 1]>>>);

impl Reactions {
    fn push(&mut self, r: ReactionPair) {
        match &mut self.0 {
            Some(v) => v.push(r),
            None => self.0 = Some(Box::new(smallvec::smallvec![r])),
        }
    }
    fn for_each(&self, f: impl FnMut(&ReactionPair)) {
        if let Some(v) = &self.0 {
            v.iter().for_each(f);
        }
    }
    /// The reactions in the order they were added.
    fn into_iter(self) -> impl Iterator<Item = ReactionPair> {
        self.0.into_iter().flat_map(|v| v.into_iter())
    }
}

impl PromiseData {
    /// A pending promise's slots.
    pub fn new() -> PromiseData {
        PromiseData {
            state: PromiseState::Pending,
            is_handled: false,
            held: Held::Reactions(Reactions::default()),
        }
    }
    pub fn state(&self) -> PromiseState {
        self.state
    }
    /// [[PromiseResult]]: the value or reason once settled (undefined
    /// while pending).
    pub fn result(&self) -> Value {
        match self.held {
            Held::Result(v) => v,
            Held::Reactions(_) => Value::Undefined,
        }
    }
    pub fn is_handled(&self) -> bool {
        self.is_handled
    }
    pub fn trace(&self, t: &mut Tracer) {
        match &self.held {
            Held::Result(v) => t.mark_value(*v),
            Held::Reactions(reactions) => reactions.for_each(|r| {
                r.capability.trace(t);
                r.on_fulfilled.trace(t);
                r.on_rejected.trace(t);
            }),
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
            ObjectKind::Promise(d) => Some((d.state, d.result())),
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
    vm.alloc_object(ObjectKind::Promise(PromiseData::new()), Some(proto))
}

/// CreateResolvingFunctions(promise) (27.2.1.3): the resolve and reject
/// functions (length 1, name ""). Their shared [[AlreadyResolved]] record
/// is encoded in one native slot each (so no slot vector is allocated):
/// the resolve function's slot holds the promise until either function is
/// called, and the reject function's slot holds the resolve function.
pub(crate) fn create_resolving_functions(vm: &mut Vm, p: ObjId) -> (ObjId, ObjId) {
    let empty = PropertyKey::Atom(atoms::EMPTY);
    let resolve = vm.new_native_closure(empty, 1, resolve_function, &[Value::Object(p)]);
    let reject = vm.new_native_closure(empty, 1, reject_function, &[Value::Object(resolve)]);
    (resolve, reject)
}

/// Checks and sets [[AlreadyResolved]] for the pair whose resolve function
/// is `resolve`: returns the promise when this is the first call of the
/// pair.
fn take_resolving_target(vm: &mut Vm, resolve: ObjId) -> Option<ObjId> {
    let Value::Object(p) = vm.native_slot(resolve, 0) else {
        return None;
    };
    vm.set_native_slot(resolve, 0, Value::Undefined);
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
    let Value::Object(resolve) = vm.native_slot(args.callee, 0) else {
        return Ok(Value::Undefined);
    };
    if let Some(p) = take_resolving_target(vm, resolve) {
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
            jobs::enqueue_thenable_job(vm, p, resolution, then);
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
    // The reactions it drops are the only other references it changes.
    let ObjectKind::Promise(d) = &mut vm.heap.obj_mut_storing(p, value).kind else {
        return;
    };
    if d.state != PromiseState::Pending {
        return;
    }
    let reactions = match std::mem::replace(&mut d.held, Held::Result(value)) {
        Held::Reactions(r) => r,
        Held::Result(_) => Reactions::default(),
    };
    d.state = if rejected {
        PromiseState::Rejected
    } else {
        PromiseState::Fulfilled
    };
    if rejected && !d.is_handled {
        vm.promise_rejection_tracker(p, value, RejectionOperation::Reject);
    }
    for r in reactions.into_iter() {
        jobs::enqueue_reaction_job(vm, r, rejected, value);
    }
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
        Some(c) => Derived::Capability(Box::new(c)),
        None => Derived::None,
    };
    perform_then(vm, p, on_fulfilled, on_rejected, derived);
}

/// PerformPromiseThen(promise, onFulfilled, onRejected, resultCapability)
/// where resultCapability is a fresh %Promise% capability whose resolving
/// functions were never exposed to JS (e.g. made by `new_promise`): the
/// reaction job settles `derived` directly, which is unobservably the same
/// as calling those functions.
pub(crate) fn perform_promise_then_derived(
    vm: &mut Vm,
    p: ObjId,
    on_fulfilled: Reaction,
    on_rejected: Reaction,
    derived: ObjId,
) {
    perform_then(vm, p, on_fulfilled, on_rejected, Derived::Promise(derived));
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
        Reaction::Native(f, v) => Handler::Native(f, v),
    };
    let on_fulfilled = handler(vm, on_fulfilled);
    let on_rejected = handler(vm, on_rejected);
    let pair = ReactionPair {
        capability: derived,
        on_fulfilled,
        on_rejected,
        fulfil_realm: jobs::job_realm_of(vm, on_fulfilled),
        reject_realm: jobs::job_realm_of(vm, on_rejected),
    };
    // Only a pending promise takes a reference (the reaction), so only it
    // goes through the write barrier: awaiting an old settled promise must
    // not make the next minor collection trace it.
    let ObjectKind::Promise(d) = &mut vm.heap.obj_mut_unbarriered(p).kind else {
        return;
    };
    let (state, value, was_handled) = (d.state, d.result(), d.is_handled);
    d.is_handled = true;
    match state {
        PromiseState::Pending => {
            if let Some(Held::Reactions(reactions)) = data_mut(vm, p).map(|d| &mut d.held) {
                reactions.push(pair);
            }
        }
        PromiseState::Fulfilled => jobs::enqueue_reaction_job(vm, pair, false, value),
        PromiseState::Rejected => {
            if !was_handled {
                vm.promise_rejection_tracker(p, value, RejectionOperation::Handle);
            }
            jobs::enqueue_reaction_job(vm, pair, true, value);
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

/// SpeciesConstructor(p, default) (7.3.22) for the promise built-ins, with
/// `default` the current realm's %Promise%: when `p.constructor` is
/// `default` and its @@species is still the original accessor, calling the
/// getter would only return its receiver, so it is not called. Everything
/// JS can observe (the `constructor` lookup) happens as in the spec.
pub(crate) fn promise_species_constructor(
    vm: &mut Vm,
    p: ObjId,
    default: ObjId,
) -> JsResult<Value> {
    let c = vm.get(p, PropertyKey::Atom(atoms::CONSTRUCTOR), Value::Object(p))?;
    if c.as_object() == Some(default) && has_original_species(vm, default) {
        return Ok(c);
    }
    if c.is_undefined() {
        return Ok(Value::Object(default));
    }
    let Value::Object(co) = c else {
        return Err(JsError::type_error("object.constructor is not an object"));
    };
    let sp = vm.symbols.species;
    let s = vm.get(co, PropertyKey::Symbol(sp), c)?;
    if s.is_nullish() {
        return Ok(Value::Object(default));
    }
    if vm.is_constructor(s) {
        return Ok(s);
    }
    Err(JsError::type_error(
        "object.constructor[Symbol.species] is not a constructor",
    ))
}

/// True when `c`'s own @@species is the current realm's original
/// %Promise%[@@species] accessor (its getter returns the receiver).
fn has_original_species(vm: &Vm, c: ObjId) -> bool {
    let getter = vm.intrinsics().promise_species_getter;
    let key = PropertyKey::Symbol(vm.symbols.species);
    matches!(
        vm.heap.obj(c).find_own(&vm.heap.shapes, key),
        Some(p) if p.flags.is_accessor() && p.value.as_object() == Some(getter)
    )
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

/// Await(value) (6.2.3.1) up to the suspension, for coroutine `co`:
/// PromiseResolve(%Promise%, value), then PerformPromiseThen with reactions
/// that resume `co` (`Reaction::Await`). When `value` is not a promise,
/// the promise PromiseResolve makes is seen by nobody: unless `value` is a
/// thenable (its `then` is read once, exactly as resolving reads it), that
/// promise would be settled at once, so the job that resumes `co` is
/// enqueued directly: the same job, in the same place of the queue, with
/// no promise allocated. Errors: what PromiseResolve throws (a throwing
/// `constructor` getter of a promise).
pub fn perform_await(vm: &mut Vm, co: ObjId, value: Value) -> JsResult<()> {
    let Value::Object(o) = value else {
        jobs::enqueue_await_job(vm, co, value, false);
        return Ok(());
    };
    let ctor = vm.intrinsics().promise;
    if is_promise(vm, value) {
        let p = promise_resolve(vm, ctor, value)?;
        perform_promise_then(vm, p, Reaction::Await(co), Reaction::Await(co), None);
        return Ok(());
    }
    // The steps of the fresh promise's resolve function (27.2.1.3.2).
    let base = vm.roots_len();
    vm.push_root(Value::Object(co));
    vm.push_root(value);
    let r = match vm.get(o, PropertyKey::Atom(atoms::THEN), value) {
        Err(e) => thrown_value(vm, e).map(|reason| jobs::enqueue_await_job(vm, co, reason, true)),
        Ok(then) if !vm.is_callable(then) => {
            jobs::enqueue_await_job(vm, co, value, false);
            Ok(())
        }
        Ok(then) => {
            vm.push_root(then);
            let p = new_promise(vm);
            jobs::enqueue_thenable_job(vm, p, value, then);
            perform_promise_then(vm, p, Reaction::Await(co), Reaction::Await(co), None);
            Ok(())
        }
    };
    vm.truncate_roots(base);
    r
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
