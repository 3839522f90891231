//! `Iterator.zip` and `Iterator.zipKeyed` (the joint iteration proposal,
//! test262 feature `joint-iteration`): option reading, opening the input
//! iterators, padding, and IteratorZip's closure, which the
//! %IteratorHelperPrototype% machinery in `iterator_helpers` runs.
//!
//! Invariant: O.[[UnderlyingIterators]] (the iterators still open) is
//! exactly `records[i]` for the `i` with `open[i]`; whenever an abrupt
//! completion leaves a constructor or a step, those are closed in reverse
//! order (IteratorCloseAll). Every record or value gathered before the
//! helper exists is rooted.

use crate::error::{JsError, JsResult};
use crate::function::CallArgs;
use crate::heap::Tracer;
use crate::object::kind::ObjectKind;
use crate::ops::IteratorRecord;
use crate::value::{ObjId, PropertyKey, RealmId, Value};
use crate::vm::Vm;

use super::iterator::{get_iterator_flattenable, PrimitiveHandling};
use super::iterator_helpers::{
    create_helper, data, data_mut, iterator_close_all, iterator_step, trace_record, HelperOp, Step,
};
use super::support::intrinsics;

/// The `mode` option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZipMode {
    /// Stop at the shortest input (the default).
    Shortest,
    /// Go on to the longest input, padding the finished ones.
    Longest,
    /// All inputs must finish together (else TypeError).
    Strict,
}

/// The variables of IteratorZip's closure.
pub struct ZipState {
    /// `iters`, in input order.
    pub records: Vec<IteratorRecord>,
    /// Which of `records` are still in openIters (in "longest" mode a
    /// closed one is `null` in `iters` and yields its padding).
    pub open: Vec<bool>,
    pub mode: ZipMode,
    /// One padding value per input ("longest" mode; undefined otherwise).
    pub padding: Vec<Value>,
    /// zipKeyed's property keys (results are null-prototype objects);
    /// `None` for zip (results are arrays).
    pub keys: Option<Vec<PropertyKey>>,
}

impl ZipState {
    pub fn trace(&self, t: &mut Tracer) {
        for r in &self.records {
            trace_record(r, t);
        }
        for v in &self.padding {
            t.mark_value(*v);
        }
        for k in self.keys.iter().flatten() {
            t.mark_key(*k);
        }
    }

    /// openIters, in order.
    pub fn open_records(&self) -> Vec<IteratorRecord> {
        self.records
            .iter()
            .zip(&self.open)
            .filter(|(_, open)| **open)
            .map(|(r, _)| *r)
            .collect()
    }
}

pub fn init(vm: &mut Vm, realm: RealmId) {
    vm.with_realm(realm, |vm| {
        let ctor = intrinsics(vm, realm).iterator;
        vm.define_method(ctor, "zip", 1, iterator_zip);
        vm.define_method(ctor, "zipKeyed", 1, iterator_zip_keyed);
    });
}

/// Steps 2-7 shared by zip and zipKeyed: GetOptionsObject, `mode` (a
/// string, no coercion) and, in "longest" mode, `padding` (undefined or an
/// object).
fn read_options(vm: &mut Vm, options: Value, method: &str) -> JsResult<(ZipMode, Value)> {
    let options = match options {
        Value::Undefined => None,
        Value::Object(o) => Some(o),
        other => {
            return Err(JsError::type_error(format!(
                "Iterator.{method}: options {} is not an object",
                vm.display_value(other)
            )))
        }
    };
    let mode_value = match options {
        Some(o) => {
            let key = vm.key("mode");
            vm.get_prop(o, key)?
        }
        None => Value::Undefined,
    };
    let mode = match mode_value {
        Value::Undefined => ZipMode::Shortest,
        Value::String(s) => match vm.string_to_rust(s).as_str() {
            "shortest" => ZipMode::Shortest,
            "longest" => ZipMode::Longest,
            "strict" => ZipMode::Strict,
            _ => return Err(bad_mode(vm, mode_value, method)),
        },
        _ => return Err(bad_mode(vm, mode_value, method)),
    };
    let mut padding = Value::Undefined;
    if let (ZipMode::Longest, Some(o)) = (mode, options) {
        let key = vm.key("padding");
        padding = vm.get_prop(o, key)?;
        if !padding.is_undefined() && !padding.is_object() {
            return Err(JsError::type_error(format!(
                "Iterator.{method}: padding {} is not an object",
                vm.display_value(padding)
            )));
        }
    }
    Ok((mode, padding))
}

fn bad_mode(vm: &Vm, v: Value, method: &str) -> JsError {
    JsError::type_error(format!(
        "Iterator.{method}: mode must be \"shortest\", \"longest\" or \"strict\", not {}",
        vm.display_value(v)
    ))
}

/// Roots both parts of `rec` for the rest of the native call.
fn root_record(vm: &mut Vm, rec: &IteratorRecord) {
    vm.push_root(Value::Object(rec.iterator));
    vm.push_root(rec.next_method);
}

/// Iterator.zip ( iterables [ , options ] ).
fn iterator_zip(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let iterables = args.arg(0);
    if !iterables.is_object() {
        return Err(JsError::type_error(format!(
            "Iterator.zip: {} is not an object",
            vm.display_value(iterables)
        )));
    }
    let (mode, padding_option) = read_options(vm, args.arg(1), "zip")?;
    let mut input = vm.get_iterator(iterables)?;
    root_record(vm, &input);
    let mut iters: Vec<IteratorRecord> = Vec::new();
    loop {
        let next = match vm.iterator_step_value(&mut input) {
            Ok(Some(v)) => v,
            Ok(None) => break,
            Err(e) => return iterator_close_all(vm, &iters, Err(e)),
        };
        vm.push_root(next);
        match get_iterator_flattenable(vm, next, PrimitiveHandling::Reject) {
            Ok(rec) => {
                root_record(vm, &rec);
                iters.push(rec);
            }
            Err(e) => {
                let mut all = Vec::with_capacity(iters.len() + 1);
                all.push(input);
                all.extend_from_slice(&iters);
                return iterator_close_all(vm, &all, Err(e));
            }
        }
    }
    let count = iters.len();
    let mut padding = Vec::with_capacity(count);
    if mode == ZipMode::Longest && padding_option.is_object() {
        let mut pad_iter = match vm.get_iterator(padding_option) {
            Ok(r) => r,
            Err(e) => return iterator_close_all(vm, &iters, Err(e)),
        };
        root_record(vm, &pad_iter);
        let mut using_iterator = true;
        while padding.len() < count && using_iterator {
            match vm.iterator_step_value(&mut pad_iter) {
                Ok(Some(v)) => {
                    vm.push_root(v);
                    padding.push(v);
                }
                Ok(None) => using_iterator = false,
                Err(e) => return iterator_close_all(vm, &iters, Err(e)),
            }
        }
        if using_iterator {
            if let Err(e) = vm.iterator_close(&pad_iter, Ok(())) {
                return iterator_close_all(vm, &iters, Err(e));
            }
        }
    }
    padding.resize(count, Value::Undefined);
    Ok(iterator_zip_create(vm, iters, mode, padding, None))
}

/// Iterator.zipKeyed ( iterables [ , options ] ): the enumerable own
/// properties of `iterables` whose values are not undefined, in
/// [[OwnPropertyKeys]] order.
fn iterator_zip_keyed(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Value::Object(o) = args.arg(0) else {
        return Err(JsError::type_error(format!(
            "Iterator.zipKeyed: {} is not an object",
            vm.display_value(args.arg(0))
        )));
    };
    let (mode, padding_option) = read_options(vm, args.arg(1), "zipKeyed")?;
    let all_keys = vm.own_property_keys(o)?;
    // A proxy's ownKeys may return symbols nothing else holds.
    for key in &all_keys {
        if let PropertyKey::Symbol(s) = key {
            vm.push_root(Value::Symbol(*s));
        }
    }
    let mut keys = Vec::new();
    let mut iters: Vec<IteratorRecord> = Vec::new();
    for key in all_keys {
        let desc = match vm.get_own_property(o, key) {
            Ok(d) => d,
            Err(e) => return iterator_close_all(vm, &iters, Err(e)),
        };
        if desc.is_none_or(|d| d.enumerable != Some(true)) {
            continue;
        }
        let value = match vm.get_prop(o, key) {
            Ok(v) => v,
            Err(e) => return iterator_close_all(vm, &iters, Err(e)),
        };
        if value.is_undefined() {
            continue;
        }
        vm.push_root(value);
        match get_iterator_flattenable(vm, value, PrimitiveHandling::Reject) {
            Ok(rec) => {
                root_record(vm, &rec);
                keys.push(key);
                iters.push(rec);
            }
            Err(e) => return iterator_close_all(vm, &iters, Err(e)),
        }
    }
    let mut padding = Vec::with_capacity(keys.len());
    if let (ZipMode::Longest, Value::Object(p)) = (mode, padding_option) {
        for &key in &keys {
            match vm.get_prop(p, key) {
                Ok(v) => {
                    vm.push_root(v);
                    padding.push(v);
                }
                Err(e) => return iterator_close_all(vm, &iters, Err(e)),
            }
        }
    }
    padding.resize(keys.len(), Value::Undefined);
    Ok(iterator_zip_create(vm, iters, mode, padding, Some(keys)))
}

/// IteratorZip(iters, mode, padding, finishResults): the helper object.
fn iterator_zip_create(
    vm: &mut Vm,
    records: Vec<IteratorRecord>,
    mode: ZipMode,
    padding: Vec<Value>,
    keys: Option<Vec<PropertyKey>>,
) -> Value {
    let open = vec![true; records.len()];
    let state = ZipState {
        records,
        open,
        mode,
        padding,
        keys,
    };
    create_helper(vm, None, HelperOp::Zip(Box::new(state)))
}

fn zip_state(vm: &Vm, h: ObjId) -> Option<&ZipState> {
    match data(vm, h).map(|d| &d.op) {
        Some(HelperOp::Zip(z)) => Some(z),
        _ => None,
    }
}

/// Removes input `i` from openIters.
fn set_closed(vm: &mut Vm, h: ObjId, i: usize) {
    if let Some(HelperOp::Zip(z)) = data_mut(vm, h).map(|d| &mut d.op) {
        if let Some(open) = z.open.get_mut(i) {
            *open = false;
        }
    }
}

/// IteratorCloseAll(openIters, completion).
fn close_open<T>(vm: &mut Vm, h: ObjId, completion: JsResult<T>) -> JsResult<T> {
    let open = zip_state(vm, h)
        .map(ZipState::open_records)
        .unwrap_or_default();
    iterator_close_all(vm, &open, completion)
}

fn strict_mismatch() -> JsError {
    JsError::type_error("Iterator.zip: the iterators have different lengths (mode \"strict\")")
}

/// IteratorZip's closure, from one `Yield` to the next: one value from
/// every input (or its padding), finished into an array or an object.
pub(super) fn zip_step(vm: &mut Vm, h: ObjId) -> JsResult<Step> {
    let Some(z) = zip_state(vm, h) else {
        return Ok(Step::Return);
    };
    let count = z.records.len();
    let mode = z.mode;
    if count == 0 {
        return Ok(Step::Return);
    }
    let mut results = Vec::with_capacity(count);
    for i in 0..count {
        let Some(z) = zip_state(vm, h) else {
            return Ok(Step::Return);
        };
        let (Some(&rec), Some(&open), Some(&pad)) =
            (z.records.get(i), z.open.get(i), z.padding.get(i))
        else {
            return Ok(Step::Return);
        };
        if !open {
            results.push(pad);
            continue;
        }
        let mut rec = rec;
        match vm.iterator_step_value(&mut rec) {
            Ok(Some(v)) => {
                vm.push_root(v);
                results.push(v);
            }
            Err(e) => {
                set_closed(vm, h, i);
                return close_open(vm, h, Err(e));
            }
            Ok(None) => {
                set_closed(vm, h, i);
                match mode {
                    ZipMode::Shortest => return close_open(vm, h, Ok(Step::Return)),
                    ZipMode::Strict => return strict_finish(vm, h, i, count),
                    ZipMode::Longest => {
                        let any_open = zip_state(vm, h).is_some_and(|z| z.open.contains(&true));
                        if !any_open {
                            return Ok(Step::Return);
                        }
                        results.push(pad);
                    }
                }
            }
        }
    }
    Ok(Step::Yield(finish_results(vm, h, &results)))
}

/// "strict" mode after input `i` finished: it must be the first one, and
/// every other input must be finished too.
fn strict_finish(vm: &mut Vm, h: ObjId, i: usize, count: usize) -> JsResult<Step> {
    if i != 0 {
        return close_open(vm, h, Err(strict_mismatch()));
    }
    for k in 1..count {
        let Some(&rec) = zip_state(vm, h).and_then(|z| z.records.get(k)) else {
            break;
        };
        let mut rec = rec;
        match iterator_step(vm, &mut rec) {
            Err(e) => {
                set_closed(vm, h, k);
                return close_open(vm, h, Err(e));
            }
            Ok(false) => set_closed(vm, h, k),
            Ok(true) => return close_open(vm, h, Err(strict_mismatch())),
        }
    }
    Ok(Step::Return)
}

/// finishResults: an array for zip, a null-prototype object for zipKeyed.
fn finish_results(vm: &mut Vm, h: ObjId, results: &[Value]) -> Value {
    let keys = zip_state(vm, h).and_then(|z| z.keys.clone());
    let Some(keys) = keys else {
        return Value::Object(vm.new_array(results));
    };
    let obj = vm.alloc_object(ObjectKind::Ordinary, None);
    for (&key, &v) in keys.iter().zip(results) {
        vm.define_value(obj, key, v, crate::property::Attrs::ALL);
    }
    Value::Object(obj)
}
