//! The Atomics object (ECMAScript 25.4): atomic read-modify-write
//! operations on integer TypedArrays over ArrayBuffers and
//! SharedArrayBuffers (add, and, compareExchange, exchange, load, or,
//! store, sub, xor), isLockFree, pause, and the waiter lists of `wait`,
//! `waitAsync` and `notify`.
//!
//! One agent only: every access is trivially sequentially consistent, so an
//! "atomic" operation is a read and a write of the buffer's bytes with no
//! JS in between. `Atomics.wait` blocks this agent (its [[CanBlock]] is
//! true) until the timeout, since no other agent can notify it; it stops
//! early when the VM is interrupted. `Atomics.waitAsync` waiters live in
//! `Heap::atomics_waiters` until `Atomics.notify` resolves them ("ok") or
//! the host expires them (`Vm::atomics_expire_waiters`, "timed-out").
//!
//! Invariant: validation follows the spec's order exactly
//! (ValidateIntegerTypedArray, with the write access mode for every
//! operation that stores so that an immutable buffer is refused first,
//! ValidateAtomicAccess, value conversion, RevalidateAtomicAccess), so the byte index is re-checked against the
//! buffer's current length after any conversion that may run JS; every
//! waiter's buffer and promise are GC roots while it waits.

use std::time::{Duration, Instant};

use crate::error::{JsError, JsResult, Termination};
use crate::function::{CallArgs, NativeFn};
use crate::heap::Tracer;
use crate::property::Attrs;
use crate::value::{ObjId, RealmId, Value};
use crate::vm::Vm;

use super::array_buffer::{bytes, bytes_mut, is_shared};
use super::promise::{new_promise, resolve_promise};
use super::support::{define_named, define_to_string_tag, intrinsics};
use super::typed_array::{
    ta_data, validate_access, view_length, AccessMode, ElementType, ElementValue,
};

/// A `waitAsync` waiter (one entry of a WaiterList).
pub struct Waiter {
    /// The SharedArrayBuffer and the byte index waited on.
    pub buffer: ObjId,
    pub byte_index: usize,
    /// The promise `waitAsync` returned.
    pub promise: ObjId,
    /// When the wait times out (`None`: never).
    pub deadline: Option<Instant>,
}

impl Waiter {
    pub(crate) fn trace(&self, t: &mut Tracer) {
        t.mark_object(self.buffer);
        t.mark_object(self.promise);
    }
}

pub fn init(vm: &mut Vm, realm: RealmId) {
    vm.with_realm(realm, |vm| {
        let atomics = intrinsics(vm, realm).atomics;
        let methods: &[(&str, u32, NativeFn)] = &[
            ("add", 3, add),
            ("and", 3, and),
            ("compareExchange", 4, compare_exchange),
            ("exchange", 3, exchange),
            ("isLockFree", 1, is_lock_free),
            ("load", 2, load),
            ("notify", 3, notify),
            ("or", 3, or),
            ("pause", 0, pause),
            ("store", 3, store),
            ("sub", 3, sub),
            ("wait", 4, wait),
            ("waitAsync", 4, wait_async),
            ("xor", 3, xor),
        ];
        for &(name, len, f) in methods {
            vm.define_method(atomics, name, len, f);
        }
        define_to_string_tag(vm, atomics, "Atomics");
        let global = vm.realm(realm).global_object;
        define_named(vm, global, "Atomics", Value::Object(atomics), Attrs::METHOD);
    });
}

/// IsUnclampedIntegerElementType or IsBigIntElementType.
fn is_integer_type(ty: ElementType) -> bool {
    matches!(
        ty,
        ElementType::Int8
            | ElementType::Uint8
            | ElementType::Int16
            | ElementType::Uint16
            | ElementType::Int32
            | ElementType::Uint32
            | ElementType::BigInt64
            | ElementType::BigUint64
    )
}

/// ValidateIntegerTypedArray(typedArray, waitable, accessMode) (25.4.3.1,
/// with the Immutable ArrayBuffer proposal's accessMode): the array, its
/// element type and its current length.
fn validate_integer_typed_array(
    vm: &Vm,
    v: Value,
    waitable: bool,
    mode: AccessMode,
    method: &str,
) -> JsResult<(ObjId, ElementType, usize)> {
    let (o, len) = validate_access(vm, v, mode, method)?;
    let ty = ta_data(&vm.heap, o).map_or(ElementType::Uint8Clamped, |d| d.ty);
    let ok = if waitable {
        matches!(ty, ElementType::Int32 | ElementType::BigInt64)
    } else {
        is_integer_type(ty)
    };
    if !ok {
        let wanted = if waitable {
            "an Int32Array or BigInt64Array"
        } else {
            "an integer TypedArray"
        };
        return Err(JsError::type_error(format!(
            "{method}: {} is not {wanted}",
            ty.name()
        )));
    }
    Ok((o, ty, len))
}

/// ValidateAtomicAccess(taRecord, requestIndex) (25.4.3.2): the byte index
/// in the buffer.
fn validate_atomic_access(
    vm: &mut Vm,
    o: ObjId,
    ty: ElementType,
    len: usize,
    index: Value,
) -> JsResult<usize> {
    let i = vm.to_index(index)?;
    if i >= len as f64 {
        return Err(JsError::range_error("Invalid atomic access index"));
    }
    let offset = ta_data(&vm.heap, o).map_or(0, |d| d.byte_offset);
    Ok(i as usize * ty.size() + offset)
}

/// RevalidateAtomicAccess(typedArray, byteIndexInBuffer) (25.4.3.4).
fn revalidate_atomic_access(vm: &Vm, o: ObjId, byte_index: usize, method: &str) -> JsResult<()> {
    let Some(d) = ta_data(&vm.heap, o) else {
        return Err(super::typed_array::not_typed_array(method));
    };
    if view_length(&vm.heap, &d).is_none() {
        return Err(super::typed_array::out_of_bounds(method));
    }
    if byte_index >= bytes(&vm.heap, d.buffer).len() {
        return Err(JsError::range_error("Invalid atomic access index"));
    }
    Ok(())
}

/// The value operand of an atomic operation: ToBigInt for the BigInt
/// types, else 𝔽(ToIntegerOrInfinity(v)). Returns the element value and
/// the converted value itself (what `store` returns).
fn to_operand(vm: &mut Vm, ty: ElementType, v: Value) -> JsResult<(ElementValue, Value)> {
    if ty.is_bigint() {
        let b = vm.to_bigint(v)?;
        let bits = crate::bigint::to_big_uint64(&vm.heap, b);
        Ok((ElementValue::BigInt(bits), Value::BigInt(b)))
    } else {
        let n = vm.to_integer_or_infinity(v)?;
        Ok((ElementValue::Number(n), Value::Number(n)))
    }
}

/// The element's bytes at `byte_index` as a little-endian u64 (zero
/// extended; only the low `size` bytes matter).
fn raw_bits(vm: &Vm, buffer: ObjId, ty: ElementType, byte_index: usize) -> u64 {
    let mut b = [0u8; 8];
    let size = ty.size();
    if let Some(src) = bytes(&vm.heap, buffer).get(byte_index..byte_index + size) {
        if let Some(dst) = b.get_mut(..size) {
            dst.copy_from_slice(src);
        }
    }
    u64::from_le_bytes(b)
}

/// NumericToRawBytes as a little-endian u64.
fn encode_bits(ty: ElementType, v: ElementValue) -> u64 {
    let mut b = [0u8; 8];
    ty.encode(v, &mut b);
    u64::from_le_bytes(b)
}

/// Writes the low `size` bytes of `bits` at `byte_index`.
fn write_bits(vm: &mut Vm, buffer: ObjId, ty: ElementType, byte_index: usize, bits: u64) {
    let size = ty.size();
    let src = bits.to_le_bytes();
    if let (Some(dst), Some(src)) = (
        bytes_mut(&mut vm.heap, buffer).get_mut(byte_index..byte_index + size),
        src.get(..size),
    ) {
        dst.copy_from_slice(src);
    }
}

/// RawBytesToNumeric of the low bytes of `bits`.
fn decode_bits(ty: ElementType, bits: u64) -> Value {
    ty.decode(&bits.to_le_bytes()).unwrap_or(Value::Undefined)
}

/// The buffer of a validated TypedArray.
fn buffer_of(vm: &Vm, o: ObjId) -> ObjId {
    ta_data(&vm.heap, o).map_or(o, |d| d.buffer)
}

/// A read-modify-write operation on the raw bits (wrapping, so results are
/// taken modulo 2^(8 * size) when written back).
#[derive(Clone, Copy)]
enum Rmw {
    Add,
    And,
    Exchange,
    Or,
    Sub,
    Xor,
}

/// AtomicReadModifyWrite(typedArray, index, value, op) (25.4.3.17):
/// returns the old value.
fn atomic_rmw(vm: &mut Vm, args: &CallArgs, op: Rmw, method: &str) -> JsResult<Value> {
    let (o, ty, len) =
        validate_integer_typed_array(vm, args.arg(0), false, AccessMode::Write, method)?;
    let byte_index = validate_atomic_access(vm, o, ty, len, args.arg(1))?;
    let (v, _) = to_operand(vm, ty, args.arg(2))?;
    revalidate_atomic_access(vm, o, byte_index, method)?;
    let buffer = buffer_of(vm, o);
    let old = raw_bits(vm, buffer, ty, byte_index);
    let operand = encode_bits(ty, v);
    let new = match op {
        Rmw::Add => old.wrapping_add(operand),
        Rmw::And => old & operand,
        Rmw::Exchange => operand,
        Rmw::Or => old | operand,
        Rmw::Sub => old.wrapping_sub(operand),
        Rmw::Xor => old ^ operand,
    };
    write_bits(vm, buffer, ty, byte_index, new);
    Ok(decode_bits(ty, old))
}

/// Atomics.add (25.4.4).
fn add(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    atomic_rmw(vm, args, Rmw::Add, "Atomics.add")
}

/// Atomics.and (25.4.5).
fn and(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    atomic_rmw(vm, args, Rmw::And, "Atomics.and")
}

/// Atomics.exchange (25.4.7).
fn exchange(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    atomic_rmw(vm, args, Rmw::Exchange, "Atomics.exchange")
}

/// Atomics.or (25.4.12).
fn or(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    atomic_rmw(vm, args, Rmw::Or, "Atomics.or")
}

/// Atomics.sub (25.4.14).
fn sub(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    atomic_rmw(vm, args, Rmw::Sub, "Atomics.sub")
}

/// Atomics.xor (25.4.17).
fn xor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    atomic_rmw(vm, args, Rmw::Xor, "Atomics.xor")
}

/// Atomics.compareExchange (25.4.6).
fn compare_exchange(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    const M: &str = "Atomics.compareExchange";
    let (o, ty, len) = validate_integer_typed_array(vm, args.arg(0), false, AccessMode::Write, M)?;
    let byte_index = validate_atomic_access(vm, o, ty, len, args.arg(1))?;
    let (expected, _) = to_operand(vm, ty, args.arg(2))?;
    let (replacement, _) = to_operand(vm, ty, args.arg(3))?;
    revalidate_atomic_access(vm, o, byte_index, M)?;
    let buffer = buffer_of(vm, o);
    let old = raw_bits(vm, buffer, ty, byte_index);
    // Compare the element's bytes with NumericToRawBytes(expected).
    let mask = match ty.size() {
        8 => u64::MAX,
        n => (1u64 << (8 * n)) - 1,
    };
    if old & mask == encode_bits(ty, expected) & mask {
        write_bits(vm, buffer, ty, byte_index, encode_bits(ty, replacement));
    }
    Ok(decode_bits(ty, old))
}

/// Atomics.isLockFree (25.4.8): every size this engine handles (1, 2, 4
/// and 8 bytes) is lock-free (there is only one agent).
fn is_lock_free(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let n = vm.to_integer_or_infinity(args.arg(0))?;
    Ok(Value::Boolean(n == 1.0 || n == 2.0 || n == 4.0 || n == 8.0))
}

/// Atomics.load (25.4.9).
fn load(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    const M: &str = "Atomics.load";
    let (o, ty, len) = validate_integer_typed_array(vm, args.arg(0), false, AccessMode::Read, M)?;
    let byte_index = validate_atomic_access(vm, o, ty, len, args.arg(1))?;
    revalidate_atomic_access(vm, o, byte_index, M)?;
    let buffer = buffer_of(vm, o);
    Ok(decode_bits(ty, raw_bits(vm, buffer, ty, byte_index)))
}

/// Atomics.store (25.4.15): returns the converted value.
fn store(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    const M: &str = "Atomics.store";
    let (o, ty, len) = validate_integer_typed_array(vm, args.arg(0), false, AccessMode::Write, M)?;
    let byte_index = validate_atomic_access(vm, o, ty, len, args.arg(1))?;
    let (v, shown) = to_operand(vm, ty, args.arg(2))?;
    revalidate_atomic_access(vm, o, byte_index, M)?;
    let buffer = buffer_of(vm, o);
    write_bits(vm, buffer, ty, byte_index, encode_bits(ty, v));
    Ok(shown)
}

/// Atomics.pause ( [ N ] ) (25.4.11): a spin-wait hint.
fn pause(_vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let n = args.arg(0);
    match n {
        Value::Undefined => {}
        Value::Number(x) if x.is_finite() && x.trunc() == x => {}
        _ => {
            return Err(JsError::type_error(
                "Atomics.pause: the argument must be undefined or an integral Number",
            ))
        }
    }
    std::hint::spin_loop();
    Ok(Value::Undefined)
}

/// The validated operands of DoWait (25.4.3.14 steps 1-9).
struct WaitRequest {
    buffer: ObjId,
    byte_index: usize,
    ty: ElementType,
    /// The expected value's bits.
    expected: u64,
    /// The timeout in milliseconds (+∞ for none).
    timeout: f64,
}

/// DoWait steps 1-9: validation and conversions in the spec's order.
fn wait_request(vm: &mut Vm, args: &CallArgs, method: &str) -> JsResult<WaitRequest> {
    let (o, ty, len) =
        validate_integer_typed_array(vm, args.arg(0), true, AccessMode::Read, method)?;
    let buffer = buffer_of(vm, o);
    if !is_shared(&vm.heap, buffer) {
        return Err(JsError::type_error(format!(
            "{method}: the typed array is not backed by a SharedArrayBuffer"
        )));
    }
    let byte_index = validate_atomic_access(vm, o, ty, len, args.arg(1))?;
    let expected = if ty == ElementType::BigInt64 {
        let b = vm.to_bigint(args.arg(2))?;
        crate::bigint::to_big_uint64(&vm.heap, b)
    } else {
        vm.to_int32(args.arg(2))? as u32 as u64
    };
    let q = vm.to_number(args.arg(3))?;
    let timeout = if q.is_nan() || q == f64::INFINITY {
        f64::INFINITY
    } else if q == f64::NEG_INFINITY {
        0.0
    } else {
        q.max(0.0)
    };
    Ok(WaitRequest {
        buffer,
        byte_index,
        ty,
        expected,
        timeout,
    })
}

/// True when the waited-on element still holds the expected value.
fn still_equal(vm: &Vm, r: &WaitRequest) -> bool {
    let mask = match r.ty.size() {
        8 => u64::MAX,
        n => (1u64 << (8 * n)) - 1,
    };
    raw_bits(vm, r.buffer, r.ty, r.byte_index) & mask == r.expected & mask
}

fn str_value(vm: &mut Vm, s: &str) -> Value {
    Value::String(vm.new_string(s))
}

/// Atomics.wait (25.4.16): DoWait(sync). This agent can block, but no
/// other agent can notify it, so an equal value waits out the timeout.
fn wait(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let r = wait_request(vm, args, "Atomics.wait")?;
    if !still_equal(vm, &r) {
        return Ok(str_value(vm, "not-equal"));
    }
    let start = Instant::now();
    loop {
        if vm.interrupted() {
            return Err(JsError::Terminate(Termination::Interrupted));
        }
        let elapsed = start.elapsed().as_secs_f64() * 1000.0;
        if elapsed >= r.timeout {
            break;
        }
        let left = (r.timeout - elapsed).min(50.0);
        std::thread::sleep(Duration::from_secs_f64(left / 1000.0));
    }
    Ok(str_value(vm, "timed-out"))
}

/// `{ async, value }` (the result object of waitAsync).
fn wait_result(vm: &mut Vm, is_async: bool, value: Value) -> JsResult<Value> {
    let proto = vm.intrinsics().object_prototype;
    vm.push_root(value);
    let o = vm.alloc_object(crate::object::kind::ObjectKind::Ordinary, Some(proto));
    let k = vm.key("async");
    vm.create_data_property(o, k, Value::Boolean(is_async))?;
    let k = vm.key("value");
    vm.create_data_property(o, k, value)?;
    Ok(Value::Object(o))
}

/// Atomics.waitAsync (25.4.16): DoWait(async).
fn wait_async(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let r = wait_request(vm, args, "Atomics.waitAsync")?;
    if !still_equal(vm, &r) {
        let v = str_value(vm, "not-equal");
        return wait_result(vm, false, v);
    }
    if r.timeout == 0.0 {
        let v = str_value(vm, "timed-out");
        return wait_result(vm, false, v);
    }
    let promise = new_promise(vm);
    let deadline = if r.timeout.is_finite() {
        Instant::now().checked_add(Duration::from_secs_f64(r.timeout / 1000.0))
    } else {
        None
    };
    vm.heap.atomics_waiters.push(Waiter {
        buffer: r.buffer,
        byte_index: r.byte_index,
        promise,
        deadline,
    });
    wait_result(vm, true, Value::Object(promise))
}

/// The job NotifyWaiter enqueues for an async waiter
/// (EnqueueResolveInAgentJob): resolves its promise with a string.
fn resolve_waiter_job(vm: &mut Vm, values: &[Value]) -> JsResult<()> {
    if let (Some(Value::Object(p)), Some(&v)) = (values.first(), values.get(1)) {
        resolve_promise(vm, *p, v)?;
    }
    Ok(())
}

/// Atomics.notify (25.4.10): wakes up to `count` waiters of the element,
/// oldest first; returns how many.
fn notify(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    const M: &str = "Atomics.notify";
    let (o, ty, len) = validate_integer_typed_array(vm, args.arg(0), true, AccessMode::Read, M)?;
    let byte_index = validate_atomic_access(vm, o, ty, len, args.arg(1))?;
    let count = if args.arg(2).is_undefined() {
        f64::INFINITY
    } else {
        vm.to_integer_or_infinity(args.arg(2))?.max(0.0)
    };
    let buffer = buffer_of(vm, o);
    if !is_shared(&vm.heap, buffer) {
        return Ok(Value::Number(0.0));
    }
    let mut woken = Vec::new();
    let mut kept = Vec::new();
    for w in std::mem::take(&mut vm.heap.atomics_waiters) {
        if (woken.len() as f64) < count && w.buffer == buffer && w.byte_index == byte_index {
            woken.push(w.promise);
        } else {
            kept.push(w);
        }
    }
    vm.heap.atomics_waiters = kept;
    let ok = str_value(vm, "ok");
    for &p in &woken {
        vm.enqueue_native_job(resolve_waiter_job, vec![Value::Object(p), ok]);
    }
    Ok(Value::Number(woken.len() as f64))
}

impl Vm {
    /// For hosts with an event loop: how long until the earliest
    /// `Atomics.waitAsync` timeout (`None` when no waiter has one).
    pub fn atomics_next_timeout(&self) -> Option<Duration> {
        let now = Instant::now();
        self.heap
            .atomics_waiters
            .iter()
            .filter_map(|w| w.deadline)
            .min()
            .map(|d| d.saturating_duration_since(now))
    }

    /// For hosts with an event loop: settles every `Atomics.waitAsync`
    /// waiter whose timeout has passed with "timed-out" (through a job, as
    /// the spec's timeout step does). Returns how many expired.
    pub fn atomics_expire_waiters(&mut self) -> usize {
        let now = Instant::now();
        let (expired, kept): (Vec<Waiter>, Vec<Waiter>) =
            std::mem::take(&mut self.heap.atomics_waiters)
                .into_iter()
                .partition(|w| w.deadline.is_some_and(|d| d <= now));
        self.heap.atomics_waiters = kept;
        if expired.is_empty() {
            return 0;
        }
        let timed_out = str_value(self, "timed-out");
        for w in &expired {
            self.enqueue_native_job(
                resolve_waiter_job,
                vec![Value::Object(w.promise), timed_out],
            );
        }
        expired.len()
    }
}
