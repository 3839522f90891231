//! The lazy iterator helpers (ECMAScript 27.1.4): `Iterator.prototype.map`,
//! `filter`, `take`, `drop` and `flatMap`, `Iterator.concat` (iterator
//! sequencing), and %IteratorHelperPrototype% (27.1.2.1) with `next`,
//! `return` and `@@toStringTag`. The closures of `chunks`/`windows`
//! (`iterator_chunking`) and `Iterator.zip`/`zipKeyed` (`iterator_zip`)
//! run on the same machinery.
//!
//! The spec defines each helper as a generator running an abstract closure.
//! Here a helper is an `ObjectKind::IteratorHelper` that holds the
//! generator's [[GeneratorState]] and the closure's variables (`HelperOp`):
//! `next()` runs the closure from the `Yield` where it stopped to the next
//! `Yield` or to its end, and `return()` delivers a return completion at
//! that `Yield` (which closes the underlying iterators, as each closure's
//! IfAbruptCloseIterator does).
//!
//! Invariant: while a helper's closure runs its state is `Executing`, so a
//! re-entrant `next()`/`return()` throws "already running" and nothing else
//! changes its data; every handle the closure keeps across a call into
//! JavaScript is either in the helper's data (traced) or rooted.

use std::collections::VecDeque;

use crate::error::{JsError, JsResult};
use crate::function::{CallArgs, NativeFn};
use crate::heap::Tracer;
use crate::object::kind::ObjectKind;
use crate::ops::IteratorRecord;
use crate::value::{ObjId, PropertyKey, RealmId, Value};
use crate::vm::Vm;

use super::iterator::{get_iterator_direct, get_iterator_flattenable, PrimitiveHandling};
use super::support::{
    current, define_to_string_tag, intrinsics, kind, kind_mut, new_object_with_kind, Slot,
    MAX_SAFE_INTEGER,
};

/// [[GeneratorState]] of an iterator helper (27.5.2's states).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelperState {
    /// Created; the closure has not started.
    SuspendedStart,
    /// Stopped at a `Yield`.
    SuspendedYield,
    /// Inside `next()` or `return()`.
    Executing,
    /// Finished (returned or threw); never resumed again.
    Completed,
}

/// One argument of `Iterator.concat`: the iterable and its `@@iterator`.
pub struct ConcatItem {
    /// [[OpenMethod]].
    pub open_method: Value,
    /// [[Iterable]].
    pub iterable: Value,
}

/// The variables of a helper's abstract closure.
pub enum HelperOp {
    /// `map(mapper)`: `counter` is the next index passed to the mapper.
    Map { mapper: Value, counter: f64 },
    /// `filter(predicate)`.
    Filter { predicate: Value, counter: f64 },
    /// `take(limit)`: how many values may still be yielded (+inf allowed).
    Take { remaining: f64 },
    /// `drop(limit)`: how many values are still to be skipped.
    Drop { remaining: f64 },
    /// `flatMap(mapper)`: `inner` is the iterator of the mapper's current
    /// result while its values are being yielded.
    FlatMap {
        mapper: Value,
        counter: f64,
        inner: Option<IteratorRecord>,
    },
    /// `Iterator.concat(...items)`: `iterables[next_index..]` are still to
    /// be opened; `inner` is the one being iterated.
    Concat {
        iterables: Vec<ConcatItem>,
        next_index: usize,
        inner: Option<IteratorRecord>,
    },
    /// `chunks(size)`: the values of the chunk being filled; `exhausted`
    /// once the last (partial) chunk was yielded after the end.
    Chunks {
        size: usize,
        buffer: Vec<Value>,
        exhausted: bool,
    },
    /// `windows(size, undersized)`: the current window.
    Windows {
        size: usize,
        allow_partial: bool,
        buffer: VecDeque<Value>,
        exhausted: bool,
    },
    /// `Iterator.zip` / `Iterator.zipKeyed` (IteratorZip's closure).
    Zip(Box<super::iterator_zip::ZipState>),
    /// The helper completed: its variables were dropped.
    Finished,
}

/// The internal slots of an Iterator Helper object.
pub struct IteratorHelperData {
    pub state: HelperState,
    /// [[UnderlyingIterator]]; `None` for `Iterator.concat` (its
    /// [[UnderlyingIterators]] list is empty) and once completed.
    pub underlying: Option<IteratorRecord>,
    pub op: HelperOp,
}

pub(super) fn trace_record(r: &IteratorRecord, t: &mut Tracer) {
    t.mark_object(r.iterator);
    t.mark_value(r.next_method);
}

impl IteratorHelperData {
    pub fn trace(&self, t: &mut Tracer) {
        if let Some(r) = &self.underlying {
            trace_record(r, t);
        }
        match &self.op {
            HelperOp::Map { mapper: f, .. } | HelperOp::Filter { predicate: f, .. } => {
                t.mark_value(*f)
            }
            HelperOp::Take { .. } | HelperOp::Drop { .. } | HelperOp::Finished => {}
            HelperOp::FlatMap { mapper, inner, .. } => {
                t.mark_value(*mapper);
                if let Some(r) = inner {
                    trace_record(r, t);
                }
            }
            HelperOp::Concat {
                iterables, inner, ..
            } => {
                for item in iterables {
                    t.mark_value(item.open_method);
                    t.mark_value(item.iterable);
                }
                if let Some(r) = inner {
                    trace_record(r, t);
                }
            }
            HelperOp::Chunks { buffer, .. } => {
                for v in buffer {
                    t.mark_value(*v);
                }
            }
            HelperOp::Windows { buffer, .. } => {
                for v in buffer {
                    t.mark_value(*v);
                }
            }
            HelperOp::Zip(z) => z.trace(t),
        }
    }
}

pub fn init(vm: &mut Vm, realm: RealmId) {
    vm.with_realm(realm, |vm| {
        let ins = intrinsics(vm, realm);
        let iter_proto = ins.iterator_prototype;
        let helper_proto = ins.iterator_helper_prototype;
        let ctor = ins.iterator;
        let methods: &[(&str, u32, NativeFn)] = &[
            ("map", 1, iterator_map),
            ("filter", 1, iterator_filter),
            ("take", 1, iterator_take),
            ("drop", 1, iterator_drop),
            ("flatMap", 1, iterator_flat_map),
        ];
        for &(name, len, f) in methods {
            vm.define_method(iter_proto, name, len, f);
        }
        vm.define_method(ctor, "concat", 0, iterator_concat);
        vm.define_method(helper_proto, "next", 0, helper_next);
        vm.define_method(helper_proto, "return", 0, helper_return);
        define_to_string_tag(vm, helper_proto, "Iterator Helper");
    });
}

// ---- Argument validation shared with `iterator_consumers` ----

/// Steps 1-2 of every %Iterator.prototype% method: the this value must be
/// an object.
pub(super) fn this_object(vm: &Vm, this: Value, method: &str) -> JsResult<ObjId> {
    this.as_object().ok_or_else(|| {
        JsError::type_error(format!(
            "Iterator.prototype.{method} called on non-object {}",
            vm.display_value(this)
        ))
    })
}

/// IteratorClose({ [[Iterator]]: o, [[NextMethod]]: undefined }, throw err):
/// how a method rejects its arguments before reading `next`.
pub(super) fn close_with_error<T>(vm: &mut Vm, o: ObjId, err: JsError) -> JsResult<T> {
    let rec = IteratorRecord {
        iterator: o,
        next_method: Value::Undefined,
        done: false,
    };
    vm.iterator_close(&rec, Err(err))
}

/// The prologue of the methods taking a callback (map, filter, flatMap,
/// reduce, forEach, some, every, find): `this` must be an object, then the
/// callback callable (else `this` is closed), then GetIteratorDirect. The
/// record is not rooted.
pub(super) fn validate_with_callback(
    vm: &mut Vm,
    this: Value,
    callback: Value,
    method: &str,
) -> JsResult<IteratorRecord> {
    let o = this_object(vm, this, method)?;
    if !vm.is_callable(callback) {
        let err = JsError::type_error(format!(
            "Iterator.prototype.{method}: {} is not a function",
            vm.display_value(callback)
        ));
        return close_with_error(vm, o, err);
    }
    get_iterator_direct(vm, o)
}

/// The prologue of take and drop (27.1.4.{2,11} steps 1-10): ToNumber of
/// the limit, RangeError for NaN, finite values above 2^53 - 1 and negative
/// integers (closing `this` on every failure), then GetIteratorDirect.
fn validate_with_limit(
    vm: &mut Vm,
    this: Value,
    limit: Value,
    method: &str,
) -> JsResult<(IteratorRecord, f64)> {
    let o = this_object(vm, this, method)?;
    let num = match vm.to_number(limit) {
        Ok(n) => n,
        Err(e) => return close_with_error(vm, o, e),
    };
    let range_error = |what: &str| {
        JsError::range_error(format!(
            "Iterator.prototype.{method}: limit {what} must be a non-negative integer up to 2^53 - 1"
        ))
    };
    if num.is_nan() {
        return close_with_error(vm, o, range_error("NaN"));
    }
    if num.is_finite() && num > MAX_SAFE_INTEGER {
        return close_with_error(vm, o, range_error("too large,"));
    }
    // ToIntegerOrInfinity of a non-NaN number (-0 becomes +0).
    let integer = if num.is_finite() {
        num.trunc() + 0.0
    } else {
        num
    };
    if integer < 0.0 {
        return close_with_error(vm, o, range_error("is negative,"));
    }
    Ok((get_iterator_direct(vm, o)?, integer))
}

/// A new Iterator Helper with %IteratorHelperPrototype% of the current
/// realm, suspended at its start.
pub(super) fn create_helper(
    vm: &mut Vm,
    underlying: Option<IteratorRecord>,
    op: HelperOp,
) -> Value {
    let proto = current(vm).iterator_helper_prototype;
    let data = IteratorHelperData {
        state: HelperState::SuspendedStart,
        underlying,
        op,
    };
    Value::Object(new_object_with_kind(
        vm,
        Some(proto),
        ObjectKind::IteratorHelper(Box::new(data)),
    ))
}

// ---- The helper-creating methods ----

/// Iterator.prototype.map ( mapper ) (27.1.4.8).
fn iterator_map(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let mapper = args.arg(0);
    let rec = validate_with_callback(vm, args.this, mapper, "map")?;
    let op = HelperOp::Map {
        mapper,
        counter: 0.0,
    };
    Ok(create_helper(vm, Some(rec), op))
}

/// Iterator.prototype.filter ( predicate ) (27.1.4.5).
fn iterator_filter(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let predicate = args.arg(0);
    let rec = validate_with_callback(vm, args.this, predicate, "filter")?;
    let op = HelperOp::Filter {
        predicate,
        counter: 0.0,
    };
    Ok(create_helper(vm, Some(rec), op))
}

/// Iterator.prototype.take ( limit ) (27.1.4.11).
fn iterator_take(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (rec, limit) = validate_with_limit(vm, args.this, args.arg(0), "take")?;
    Ok(create_helper(
        vm,
        Some(rec),
        HelperOp::Take { remaining: limit },
    ))
}

/// Iterator.prototype.drop ( limit ) (27.1.4.2).
fn iterator_drop(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (rec, limit) = validate_with_limit(vm, args.this, args.arg(0), "drop")?;
    Ok(create_helper(
        vm,
        Some(rec),
        HelperOp::Drop { remaining: limit },
    ))
}

/// Iterator.prototype.flatMap ( mapper ) (27.1.4.6).
fn iterator_flat_map(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let mapper = args.arg(0);
    let rec = validate_with_callback(vm, args.this, mapper, "flatMap")?;
    let op = HelperOp::FlatMap {
        mapper,
        counter: 0.0,
        inner: None,
    };
    Ok(create_helper(vm, Some(rec), op))
}

/// Iterator.concat ( ...items ) (iterator sequencing): checks every item
/// and reads its `@@iterator` now; the iterators are opened lazily.
fn iterator_concat(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let mut iterables = Vec::with_capacity(args.args.len());
    let sym = vm.symbols.iterator;
    for &item in args.args {
        if !item.is_object() {
            return Err(JsError::type_error(format!(
                "Iterator.concat: {} is not an object",
                vm.display_value(item)
            )));
        }
        let Some(open_method) = vm.get_method(item, PropertyKey::Symbol(sym))? else {
            return Err(JsError::type_error(format!(
                "Iterator.concat: {} is not iterable",
                vm.display_value(item)
            )));
        };
        vm.push_root(open_method);
        iterables.push(ConcatItem {
            open_method,
            iterable: item,
        });
    }
    let op = HelperOp::Concat {
        iterables,
        next_index: 0,
        inner: None,
    };
    Ok(create_helper(vm, None, op))
}

// ---- %IteratorHelperPrototype% ----

pub(super) fn data(vm: &Vm, h: ObjId) -> Option<&IteratorHelperData> {
    match kind(vm, h) {
        ObjectKind::IteratorHelper(d) => Some(d),
        _ => None,
    }
}

pub(super) fn data_mut(vm: &mut Vm, h: ObjId) -> Option<&mut IteratorHelperData> {
    match kind_mut(vm, h) {
        ObjectKind::IteratorHelper(d) => Some(d),
        _ => None,
    }
}

fn set_state(vm: &mut Vm, h: ObjId, state: HelperState) {
    if let Some(d) = data_mut(vm, h) {
        d.state = state;
    }
}

/// Marks the helper completed and drops what its closure held.
fn complete(vm: &mut Vm, h: ObjId) {
    if let Some(d) = data_mut(vm, h) {
        d.state = HelperState::Completed;
        d.underlying = None;
        d.op = HelperOp::Finished;
    }
}

/// GeneratorValidate(O, "Iterator Helper") / RequireInternalSlot(O,
/// [[UnderlyingIterator]]): the helper and its state.
fn this_helper(vm: &Vm, this: Value, method: &str) -> JsResult<(ObjId, HelperState)> {
    if let Some(h) = this.as_object() {
        if let Some(d) = data(vm, h) {
            return Ok((h, d.state));
        }
    }
    Err(JsError::type_error(format!(
        "Iterator Helper.prototype.{method} called on an incompatible receiver"
    )))
}

fn already_running() -> JsError {
    JsError::type_error("Iterator Helper is already running")
}

fn done_result(vm: &mut Vm) -> Value {
    Value::Object(vm.create_iter_result(Value::Undefined, true))
}

/// Where a run of a helper's closure stopped.
pub(super) enum Step {
    /// At `Yield(value)`.
    Yield(Value),
    /// At the closure's end (a return completion).
    Return,
}

/// %IteratorHelperPrototype%.next ( ) (27.1.2.1.1): GeneratorResume.
fn helper_next(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (h, state) = this_helper(vm, args.this, "next")?;
    match state {
        HelperState::Executing => Err(already_running()),
        HelperState::Completed => Ok(done_result(vm)),
        HelperState::SuspendedStart | HelperState::SuspendedYield => {
            set_state(vm, h, HelperState::Executing);
            match run_closure(vm, h) {
                Ok(Step::Yield(v)) => {
                    set_state(vm, h, HelperState::SuspendedYield);
                    Ok(Value::Object(vm.create_iter_result(v, false)))
                }
                Ok(Step::Return) => {
                    complete(vm, h);
                    Ok(done_result(vm))
                }
                Err(e) => {
                    complete(vm, h);
                    Err(e)
                }
            }
        }
    }
}

/// %IteratorHelperPrototype%.return ( ) (27.1.2.1.2).
fn helper_return(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let (h, state) = this_helper(vm, args.this, "return")?;
    match state {
        HelperState::Executing => Err(already_running()),
        HelperState::Completed => Ok(done_result(vm)),
        HelperState::SuspendedStart => {
            // Completed first: the closure never runs; then
            // IteratorCloseAll(O.[[UnderlyingIterators]], return).
            let underlying = data(vm, h).map(underlying_iterators).unwrap_or_default();
            complete(vm, h);
            for rec in &underlying {
                vm.push_root(Value::Object(rec.iterator));
            }
            iterator_close_all(vm, &underlying, Ok(()))?;
            Ok(done_result(vm))
        }
        HelperState::SuspendedYield => {
            // GeneratorResumeAbrupt with a return completion at the Yield.
            set_state(vm, h, HelperState::Executing);
            let r = run_return(vm, h);
            complete(vm, h);
            r?;
            Ok(done_result(vm))
        }
    }
}

/// O.[[UnderlyingIterators]]: the iterators `return()` closes before the
/// closure started.
fn underlying_iterators(d: &IteratorHelperData) -> Vec<IteratorRecord> {
    match &d.op {
        HelperOp::Zip(z) => z.open_records(),
        _ => d.underlying.into_iter().collect(),
    }
}

/// IteratorCloseAll(iters, completion) (7.4.12): closes in reverse order,
/// each close seeing the completion the previous one produced. The records
/// must be rooted by the caller.
pub(super) fn iterator_close_all<T>(
    vm: &mut Vm,
    iters: &[IteratorRecord],
    mut completion: JsResult<T>,
) -> JsResult<T> {
    for rec in iters.iter().rev() {
        completion = vm.iterator_close(rec, completion);
    }
    completion
}

/// Resumes the closure of helper `h` normally, up to its next `Yield` or
/// its end.
fn run_closure(vm: &mut Vm, h: ObjId) -> JsResult<Step> {
    let Some(d) = data(vm, h) else {
        return Ok(Step::Return);
    };
    let underlying = d.underlying;
    match (&d.op, underlying) {
        (&HelperOp::Map { mapper, counter }, Some(rec)) => map_step(vm, h, rec, mapper, counter),
        (&HelperOp::Filter { predicate, counter }, Some(rec)) => {
            filter_step(vm, h, rec, predicate, counter)
        }
        (&HelperOp::Take { remaining }, Some(rec)) => take_step(vm, h, rec, remaining),
        (&HelperOp::Drop { remaining }, Some(rec)) => drop_step(vm, h, rec, remaining),
        (
            &HelperOp::FlatMap {
                mapper,
                counter,
                inner,
            },
            Some(rec),
        ) => flat_map_step(vm, h, rec, mapper, counter, inner),
        (HelperOp::Concat { .. }, _) => concat_step(vm, h),
        (HelperOp::Chunks { .. }, Some(rec)) => super::iterator_chunking::chunks_step(vm, h, rec),
        (HelperOp::Windows { .. }, Some(rec)) => super::iterator_chunking::windows_step(vm, h, rec),
        (HelperOp::Zip(_), _) => super::iterator_zip::zip_step(vm, h),
        _ => Ok(Step::Return),
    }
}

/// Resumes the closure of helper `h` (suspended at a `Yield`) with a return
/// completion: each closure's IfAbruptCloseIterator at that `Yield`.
fn run_return(vm: &mut Vm, h: ObjId) -> JsResult<()> {
    let Some(d) = data(vm, h) else {
        return Ok(());
    };
    let underlying = d.underlying;
    match (&d.op, underlying) {
        (
            HelperOp::FlatMap {
                inner: Some(inner), ..
            },
            Some(outer),
        ) => {
            // Close the inner iterator first; an error there closes the
            // outer one with that error.
            let inner = *inner;
            if let Err(e) = vm.iterator_close(&inner, Ok(())) {
                return vm.iterator_close(&outer, Err(e));
            }
            vm.iterator_close(&outer, Ok(()))
        }
        (HelperOp::Concat { inner, .. }, _) => match *inner {
            Some(inner) => vm.iterator_close(&inner, Ok(())),
            None => Ok(()),
        },
        // The last chunk/window after the end: `Perform Completion(Yield)`
        // ignores the completion, and the iterator is already done.
        (
            HelperOp::Chunks {
                exhausted: true, ..
            },
            _,
        )
        | (
            HelperOp::Windows {
                exhausted: true, ..
            },
            _,
        ) => Ok(()),
        (HelperOp::Zip(z), _) => {
            let open = z.open_records();
            iterator_close_all(vm, &open, Ok(()))
        }
        (_, Some(rec)) => vm.iterator_close(&rec, Ok(())),
        (_, None) => Ok(()),
    }
}

/// Stores a new value of the closure's `counter` variable.
fn set_counter(vm: &mut Vm, h: ObjId, value: f64) {
    if let Some(d) = data_mut(vm, h) {
        match &mut d.op {
            HelperOp::Map { counter, .. }
            | HelperOp::Filter { counter, .. }
            | HelperOp::FlatMap { counter, .. } => *counter = value,
            _ => {}
        }
    }
}

/// Stores a new value of the closure's `remaining` variable.
fn set_remaining(vm: &mut Vm, h: ObjId, value: f64) {
    if let Some(d) = data_mut(vm, h) {
        if let HelperOp::Take { remaining } | HelperOp::Drop { remaining } = &mut d.op {
            *remaining = value;
        }
    }
}

/// Stores the inner iterator of a flatMap or concat helper.
fn set_inner(vm: &mut Vm, h: ObjId, record: Option<IteratorRecord>) {
    if let Some(d) = data_mut(vm, h) {
        if let HelperOp::FlatMap { inner, .. } | HelperOp::Concat { inner, .. } = &mut d.op {
            *inner = record;
        }
    }
}

/// IteratorStep(iteratorRecord) (7.4.8): true when a result that is not
/// done was produced (its value is not read).
pub(super) fn iterator_step(vm: &mut Vm, rec: &mut IteratorRecord) -> JsResult<bool> {
    let result = vm.iterator_next(rec, None)?;
    let base = vm.roots_len();
    vm.push_root(Value::Object(result));
    let done = vm.get_prop(result, PropertyKey::Atom(crate::atom::atoms::DONE));
    vm.truncate_roots(base);
    match done {
        Ok(d) => Ok(!vm.to_boolean(d)),
        Err(e) => {
            rec.done = true;
            Err(e)
        }
    }
}

/// The map closure (27.1.4.8 step 6), from one `Yield` to the next.
fn map_step(
    vm: &mut Vm,
    h: ObjId,
    mut rec: IteratorRecord,
    mapper: Value,
    counter: f64,
) -> JsResult<Step> {
    let Some(value) = vm.iterator_step_value(&mut rec)? else {
        return Ok(Step::Return);
    };
    vm.push_root(value);
    let mapped = match vm.call(mapper, Value::Undefined, &[value, Value::Number(counter)]) {
        Ok(v) => v,
        Err(e) => return vm.iterator_close(&rec, Err(e)),
    };
    set_counter(vm, h, counter + 1.0);
    Ok(Step::Yield(mapped))
}

/// The filter closure (27.1.4.5 step 6).
fn filter_step(
    vm: &mut Vm,
    h: ObjId,
    mut rec: IteratorRecord,
    predicate: Value,
    mut counter: f64,
) -> JsResult<Step> {
    let slot = Slot::new(vm, Value::Undefined);
    loop {
        let Some(value) = vm.iterator_step_value(&mut rec)? else {
            return Ok(Step::Return);
        };
        slot.set(vm, value);
        let args = [value, Value::Number(counter)];
        let selected = match vm.call(predicate, Value::Undefined, &args) {
            Ok(v) => v,
            Err(e) => return vm.iterator_close(&rec, Err(e)),
        };
        counter += 1.0;
        if vm.to_boolean(selected) {
            set_counter(vm, h, counter);
            return Ok(Step::Yield(value));
        }
    }
}

/// The take closure (27.1.4.11 step 11).
fn take_step(vm: &mut Vm, h: ObjId, mut rec: IteratorRecord, remaining: f64) -> JsResult<Step> {
    if remaining == 0.0 {
        return vm.iterator_close(&rec, Ok(Step::Return));
    }
    if remaining != f64::INFINITY {
        set_remaining(vm, h, remaining - 1.0);
    }
    match vm.iterator_step_value(&mut rec)? {
        Some(value) => Ok(Step::Yield(value)),
        None => Ok(Step::Return),
    }
}

/// The drop closure (27.1.4.2 step 11): skips `remaining` values once.
fn drop_step(vm: &mut Vm, h: ObjId, mut rec: IteratorRecord, mut remaining: f64) -> JsResult<Step> {
    while remaining > 0.0 {
        if remaining != f64::INFINITY {
            remaining -= 1.0;
            set_remaining(vm, h, remaining);
        }
        if !iterator_step(vm, &mut rec)? {
            return Ok(Step::Return);
        }
    }
    match vm.iterator_step_value(&mut rec)? {
        Some(value) => Ok(Step::Yield(value)),
        None => Ok(Step::Return),
    }
}

/// The flatMap closure (27.1.4.6 step 6).
fn flat_map_step(
    vm: &mut Vm,
    h: ObjId,
    mut outer: IteratorRecord,
    mapper: Value,
    mut counter: f64,
    mut inner: Option<IteratorRecord>,
) -> JsResult<Step> {
    let slot = Slot::new(vm, Value::Undefined);
    loop {
        if let Some(mut rec) = inner {
            match vm.iterator_step_value(&mut rec) {
                Ok(Some(v)) => return Ok(Step::Yield(v)),
                Ok(None) => {
                    inner = None;
                    set_inner(vm, h, None);
                    continue;
                }
                Err(e) => return vm.iterator_close(&outer, Err(e)),
            }
        }
        let Some(value) = vm.iterator_step_value(&mut outer)? else {
            return Ok(Step::Return);
        };
        slot.set(vm, value);
        let args = [value, Value::Number(counter)];
        let mapped = match vm.call(mapper, Value::Undefined, &args) {
            Ok(v) => v,
            Err(e) => return vm.iterator_close(&outer, Err(e)),
        };
        slot.set(vm, mapped);
        let rec = match get_iterator_flattenable(vm, mapped, PrimitiveHandling::Reject) {
            Ok(r) => r,
            Err(e) => return vm.iterator_close(&outer, Err(e)),
        };
        counter += 1.0;
        set_counter(vm, h, counter);
        set_inner(vm, h, Some(rec));
        inner = Some(rec);
    }
}

/// The concat closure (iterator sequencing, `Iterator.concat` step 3).
fn concat_step(vm: &mut Vm, h: ObjId) -> JsResult<Step> {
    loop {
        let (inner, next) = match data(vm, h).map(|d| &d.op) {
            Some(HelperOp::Concat {
                iterables,
                next_index,
                inner,
            }) => (
                *inner,
                iterables
                    .get(*next_index)
                    .map(|i| (i.open_method, i.iterable)),
            ),
            _ => return Ok(Step::Return),
        };
        if let Some(mut rec) = inner {
            match vm.iterator_step_value(&mut rec)? {
                Some(v) => return Ok(Step::Yield(v)),
                None => {
                    set_inner(vm, h, None);
                    continue;
                }
            }
        }
        let Some((open_method, iterable)) = next else {
            return Ok(Step::Return);
        };
        if let Some(HelperOp::Concat { next_index, .. }) = data_mut(vm, h).map(|d| &mut d.op) {
            *next_index += 1;
        }
        let iter = vm.call(open_method, iterable, &[])?;
        let Value::Object(io) = iter else {
            return Err(JsError::type_error(format!(
                "Iterator.concat: iterator {} is not an object",
                vm.display_value(iter)
            )));
        };
        vm.push_root(iter);
        let rec = get_iterator_direct(vm, io)?;
        set_inner(vm, h, Some(rec));
    }
}

#[cfg(test)]
mod tests;
