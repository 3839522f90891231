//! `Iterator.prototype.chunks` and `Iterator.prototype.windows` (the
//! iterator chunking proposal, test262 feature `iterator-chunking`): lazy
//! helpers yielding fresh arrays of consecutive values, run by the
//! %IteratorHelperPrototype% machinery in `iterator_helpers`.
//!
//! Invariant: the values of the chunk or window being filled live in the
//! helper's data (traced), never only in a Rust local across a call.

use std::collections::VecDeque;

use crate::error::{JsError, JsResult};
use crate::function::CallArgs;
use crate::ops::IteratorRecord;
use crate::value::{ObjId, RealmId, Value};
use crate::vm::Vm;

use super::iterator::get_iterator_direct;
use super::iterator_helpers::{
    close_with_error, create_helper, data_mut, this_object, HelperOp, Step,
};
use super::support::intrinsics;

pub fn init(vm: &mut Vm, realm: RealmId) {
    vm.with_realm(realm, |vm| {
        let iter_proto = intrinsics(vm, realm).iterator_prototype;
        vm.define_method(iter_proto, "chunks", 1, iterator_chunks);
        vm.define_method(iter_proto, "windows", 1, iterator_windows);
    });
}

/// The size check shared by chunks and windows: a Number (no coercion)
/// that is integral (else TypeError) and in 1 ..= 2^32 - 1 (else
/// RangeError); a failure closes `o` before its `next` is read.
fn validate_size(vm: &mut Vm, o: ObjId, size: Value, method: &str) -> JsResult<usize> {
    let n = match size {
        Value::Number(n) if n.is_finite() && n.trunc() == n => n,
        _ => {
            let err = JsError::type_error(format!(
                "Iterator.prototype.{method}: {} is not an integral Number",
                vm.display_value(size)
            ));
            return close_with_error(vm, o, err);
        }
    };
    if !(1.0..=4294967295.0).contains(&n) {
        let err = JsError::range_error(format!(
            "Iterator.prototype.{method}: size {n} is not in 1 .. 2^32 - 1"
        ));
        return close_with_error(vm, o, err);
    }
    Ok(n as usize)
}

/// Iterator.prototype.chunks ( chunkSize ).
fn iterator_chunks(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args.this, "chunks")?;
    let size = validate_size(vm, o, args.arg(0), "chunks")?;
    let rec = get_iterator_direct(vm, o)?;
    let op = HelperOp::Chunks {
        size,
        buffer: Vec::new(),
        exhausted: false,
    };
    Ok(create_helper(vm, Some(rec), op))
}

/// Iterator.prototype.windows ( windowSize [ , undersized ] ): `undersized`
/// is "only-full" (the default) or "allow-partial", without coercion.
fn iterator_windows(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_object(vm, args.this, "windows")?;
    let size = validate_size(vm, o, args.arg(0), "windows")?;
    let undersized = args.arg(1);
    let allow_partial = match undersized {
        Value::Undefined => false,
        Value::String(s) => match vm.string_to_rust(s).as_str() {
            "only-full" => false,
            "allow-partial" => true,
            _ => return close_with_error(vm, o, bad_undersized(vm, undersized)),
        },
        _ => return close_with_error(vm, o, bad_undersized(vm, undersized)),
    };
    let rec = get_iterator_direct(vm, o)?;
    let op = HelperOp::Windows {
        size,
        allow_partial,
        buffer: VecDeque::new(),
        exhausted: false,
    };
    Ok(create_helper(vm, Some(rec), op))
}

fn bad_undersized(vm: &Vm, v: Value) -> JsError {
    JsError::type_error(format!(
        "Iterator.prototype.windows: undersized must be \"only-full\" or \"allow-partial\", not {}",
        vm.display_value(v)
    ))
}

/// The chunks closure, from one `Yield` to the next: fills the buffer to
/// `size` values; at the end yields what is left (once) and returns.
pub(super) fn chunks_step(vm: &mut Vm, h: ObjId, mut rec: IteratorRecord) -> JsResult<Step> {
    loop {
        match data_mut(vm, h).map(|d| &d.op) {
            Some(HelperOp::Chunks {
                exhausted: false, ..
            }) => {}
            _ => return Ok(Step::Return),
        }
        let value = vm.iterator_step_value(&mut rec)?;
        let Some(HelperOp::Chunks {
            size,
            buffer,
            exhausted,
        }) = data_mut(vm, h).map(|d| &mut d.op)
        else {
            return Ok(Step::Return);
        };
        match value {
            None if buffer.is_empty() => return Ok(Step::Return),
            None => *exhausted = true,
            Some(v) => {
                buffer.push(v);
                if buffer.len() < *size {
                    continue;
                }
            }
        }
        let chunk = std::mem::take(buffer);
        return Ok(Step::Yield(Value::Object(vm.new_array(&chunk))));
    }
}

/// The windows closure: slides the window by one value per step and yields
/// a copy whenever it is full; at the end, with "allow-partial", yields a
/// window that never filled (once) and returns.
pub(super) fn windows_step(vm: &mut Vm, h: ObjId, mut rec: IteratorRecord) -> JsResult<Step> {
    loop {
        match data_mut(vm, h).map(|d| &d.op) {
            Some(HelperOp::Windows {
                exhausted: false, ..
            }) => {}
            _ => return Ok(Step::Return),
        }
        let value = vm.iterator_step_value(&mut rec)?;
        let Some(HelperOp::Windows {
            size,
            allow_partial,
            buffer,
            exhausted,
        }) = data_mut(vm, h).map(|d| &mut d.op)
        else {
            return Ok(Step::Return);
        };
        let size = *size;
        let Some(value) = value else {
            if *allow_partial && !buffer.is_empty() && buffer.len() < size {
                *exhausted = true;
                let window: Vec<Value> = buffer.iter().copied().collect();
                return Ok(Step::Yield(Value::Object(vm.new_array(&window))));
            }
            return Ok(Step::Return);
        };
        if buffer.len() == size {
            buffer.pop_front();
        }
        buffer.push_back(value);
        if buffer.len() == size {
            let window: Vec<Value> = buffer.iter().copied().collect();
            return Ok(Step::Yield(Value::Object(vm.new_array(&window))));
        }
    }
}
