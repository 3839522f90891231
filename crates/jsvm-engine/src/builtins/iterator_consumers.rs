//! The eager iterator helpers of %Iterator.prototype% (ECMAScript 27.1.4):
//! `reduce`, `toArray`, `forEach`, `some`, `every` and `find`, plus the
//! proposals `includes` (test262 feature `iterator-includes`) and `join`
//! (`Iterator.prototype.join`), which drive the iterator to its end (or to
//! an early answer) in one call.
//!
//! Invariant: the iterator is closed exactly where the spec's
//! IfAbruptCloseIterator / IteratorClose steps say (a callback that throws,
//! an early answer), never when `next()` itself fails or reports done; the
//! record's `next` method and every value held across a call are rooted.

use crate::error::{JsError, JsResult};
use crate::function::{CallArgs, NativeFn};
use crate::ops::IteratorRecord;
use crate::value::{RealmId, Value};
use crate::vm::Vm;

use super::iterator::get_iterator_direct;
use super::iterator_helpers::{close_with_error, this_object, validate_with_callback};
use super::support::{intrinsics, Slot, MAX_SAFE_INTEGER};

pub fn init(vm: &mut Vm, realm: RealmId) {
    vm.with_realm(realm, |vm| {
        let iter_proto = intrinsics(vm, realm).iterator_prototype;
        let methods: &[(&str, u32, NativeFn)] = &[
            ("reduce", 1, iterator_reduce),
            ("toArray", 0, iterator_to_array),
            ("forEach", 1, iterator_for_each),
            ("some", 1, iterator_some),
            ("every", 1, iterator_every),
            ("find", 1, iterator_find),
            ("includes", 1, iterator_includes),
            ("join", 1, iterator_join),
        ];
        for &(name, len, f) in methods {
            vm.define_method(iter_proto, name, len, f);
        }
    });
}

/// Roots the parts of `rec` for the rest of the native call.
fn root_record(vm: &mut Vm, rec: &IteratorRecord) {
    vm.push_root(Value::Object(rec.iterator));
    vm.push_root(rec.next_method);
}

/// Iterator.prototype.reduce ( reducer [ , initialValue ] ) (27.1.4.9).
fn iterator_reduce(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let reducer = args.arg(0);
    let mut rec = validate_with_callback(vm, args.this, reducer, "reduce")?;
    root_record(vm, &rec);
    let (mut accumulator, mut counter) = if args.args.len() < 2 {
        match vm.iterator_step_value(&mut rec)? {
            Some(first) => (first, 1.0),
            None => {
                return Err(JsError::type_error(
                    "Reduce of empty iterator with no initial value",
                ))
            }
        }
    } else {
        (args.arg(1), 0.0)
    };
    let acc = Slot::new(vm, accumulator);
    let value_slot = Slot::new(vm, Value::Undefined);
    loop {
        let Some(value) = vm.iterator_step_value(&mut rec)? else {
            return Ok(accumulator);
        };
        value_slot.set(vm, value);
        let call_args = [accumulator, value, Value::Number(counter)];
        accumulator = match vm.call(reducer, Value::Undefined, &call_args) {
            Ok(v) => v,
            Err(e) => return vm.iterator_close(&rec, Err(e)),
        };
        acc.set(vm, accumulator);
        counter += 1.0;
    }
}

/// Iterator.prototype.toArray ( ) (27.1.4.12).
fn iterator_to_array(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args.this, "toArray")?;
    let mut rec = get_iterator_direct(vm, o)?;
    root_record(vm, &rec);
    let mut items = Vec::new();
    while let Some(value) = vm.iterator_step_value(&mut rec)? {
        vm.push_root(value);
        items.push(value);
    }
    Ok(Value::Object(vm.new_array(&items)))
}

/// Iterator.prototype.forEach ( procedure ) (27.1.4.7).
fn iterator_for_each(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let procedure = args.arg(0);
    let mut rec = validate_with_callback(vm, args.this, procedure, "forEach")?;
    root_record(vm, &rec);
    let value_slot = Slot::new(vm, Value::Undefined);
    let mut counter = 0.0;
    loop {
        let Some(value) = vm.iterator_step_value(&mut rec)? else {
            return Ok(Value::Undefined);
        };
        value_slot.set(vm, value);
        let call_args = [value, Value::Number(counter)];
        if let Err(e) = vm.call(procedure, Value::Undefined, &call_args) {
            return vm.iterator_close(&rec, Err(e));
        }
        counter += 1.0;
    }
}

/// Which of `some`, `every` and `find` a search loop answers for.
#[derive(Clone, Copy)]
enum Answer {
    /// `some`: true on the first truthy result, else false.
    Some,
    /// `every`: false on the first falsy result, else true.
    Every,
    /// `find`: the first value with a truthy result, else undefined.
    Find,
}

/// The shared loop of some (27.1.4.10), every (27.1.4.4) and find
/// (27.1.4.3): an early answer closes the iterator with a normal
/// completion (so a failing `return()` still throws).
fn search(vm: &mut Vm, args: &CallArgs, answer: Answer, method: &str) -> JsResult<Value> {
    let predicate = args.arg(0);
    let mut rec = validate_with_callback(vm, args.this, predicate, method)?;
    root_record(vm, &rec);
    let value_slot = Slot::new(vm, Value::Undefined);
    let mut counter = 0.0;
    loop {
        let Some(value) = vm.iterator_step_value(&mut rec)? else {
            return Ok(match answer {
                Answer::Some => Value::Boolean(false),
                Answer::Every => Value::Boolean(true),
                Answer::Find => Value::Undefined,
            });
        };
        value_slot.set(vm, value);
        let call_args = [value, Value::Number(counter)];
        let result = match vm.call(predicate, Value::Undefined, &call_args) {
            Ok(v) => vm.to_boolean(v),
            Err(e) => return vm.iterator_close(&rec, Err(e)),
        };
        let early = match answer {
            Answer::Some if result => Some(Value::Boolean(true)),
            Answer::Every if !result => Some(Value::Boolean(false)),
            Answer::Find if result => Some(value),
            _ => None,
        };
        if let Some(v) = early {
            return vm.iterator_close(&rec, Ok(v));
        }
        counter += 1.0;
    }
}

/// Iterator.prototype.some ( predicate ) (27.1.4.10).
fn iterator_some(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    search(vm, args, Answer::Some, "some")
}

/// Iterator.prototype.every ( predicate ) (27.1.4.4).
fn iterator_every(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    search(vm, args, Answer::Every, "every")
}

/// Iterator.prototype.find ( predicate ) (27.1.4.3).
fn iterator_find(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    search(vm, args, Answer::Find, "find")
}

/// Iterator.prototype.includes ( searchElement [ , skippedElements ] ):
/// `skippedElements` is undefined, an infinity or an integral Number (no
/// coercion, else TypeError), not negative and at most 2^53 - 1 when finite
/// (else RangeError); each failure closes `this` before `next` is read.
fn iterator_includes(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args.this, "includes")?;
    let search = args.arg(0);
    let to_skip = match args.arg(1) {
        Value::Undefined => 0.0,
        Value::Number(n) if n.is_infinite() || n.trunc() == n => n,
        other => {
            let err = JsError::type_error(format!(
                "Iterator.prototype.includes: skippedElements {} is not an integral Number",
                vm.display_value(other)
            ));
            return close_with_error(vm, o, err);
        }
    };
    if to_skip < 0.0 || (to_skip.is_finite() && to_skip > MAX_SAFE_INTEGER) {
        let err = JsError::range_error(format!(
            "Iterator.prototype.includes: skippedElements {to_skip} is out of range"
        ));
        return close_with_error(vm, o, err);
    }
    let mut rec = get_iterator_direct(vm, o)?;
    root_record(vm, &rec);
    let mut skipped = 0.0;
    while let Some(value) = vm.iterator_step_value(&mut rec)? {
        if skipped < to_skip {
            skipped += 1.0;
        } else if vm.same_value_zero(value, search) {
            return vm.iterator_close(&rec, Ok(Value::Boolean(true)));
        }
    }
    Ok(Value::Boolean(false))
}

/// Iterator.prototype.join ( separator ): like Array.prototype.join, with
/// the separator converted before `next` is read (closing `this` if that
/// throws) and undefined/null values as empty strings.
fn iterator_join(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args.this, "join")?;
    let separator: Vec<u16> = match args.arg(0) {
        Value::Undefined => vec![u16::from(b',')],
        sep => match vm.to_string(sep) {
            Ok(s) => vm.string_units(s),
            Err(e) => return close_with_error(vm, o, e),
        },
    };
    let mut rec = get_iterator_direct(vm, o)?;
    root_record(vm, &rec);
    let value_slot = Slot::new(vm, Value::Undefined);
    let mut out: Vec<u16> = Vec::new();
    let mut first = true;
    while let Some(value) = vm.iterator_step_value(&mut rec)? {
        if !first {
            out.extend_from_slice(&separator);
        }
        first = false;
        if value.is_nullish() {
            continue;
        }
        value_slot.set(vm, value);
        match vm.to_string(value) {
            Ok(s) => out.extend_from_slice(&vm.string_units(s)),
            Err(e) => return vm.iterator_close(&rec, Err(e)),
        }
        if out.len() > Vm::MAX_STRING_LENGTH {
            let err = JsError::range_error("Invalid string length");
            return vm.iterator_close(&rec, Err(err));
        }
    }
    Ok(Value::String(vm.new_string_utf16(&out)))
}
