//! ArrayBuffer (ECMAScript 25.1) and SharedArrayBuffer (25.2): the
//! constructors, their prototypes (including resizable/growable buffers,
//! `transfer` and `detached`, and the Immutable ArrayBuffer proposal's
//! `immutable`, `transferToImmutable` and `sliceToImmutable`), and the
//! abstract operations on buffers that typed arrays and DataViews share
//! (AllocateArrayBuffer, DetachArrayBuffer, CloneArrayBuffer,
//! ArrayBufferByteLength, IsFixedLengthArrayBuffer, IsImmutableBuffer).
//!
//! One agent only: a SharedArrayBuffer's Shared Data Block is an ordinary
//! byte vector (there is no other agent to share it with), so every access
//! is trivially sequentially consistent.
//!
//! Invariant: a buffer's bytes are `ArrayBufferData::bytes` and their length
//! is [[ArrayBufferByteLength]]; `bytes` is `None` exactly when the buffer is
//! detached (shared buffers are never detached); a resizable buffer's length
//! never exceeds its `max_byte_length`, and no buffer is larger than
//! `MAX_BYTE_LENGTH`. Allocation never aborts: a block that cannot be
//! created is a RangeError. An immutable buffer is fixed-length, never
//! detached, and its bytes never change after AllocateImmutableArrayBuffer
//! filled them: `bytes_mut` shows it as empty, so no write path can reach
//! them even if a caller forgot its IsImmutableBuffer check.

use crate::error::{JsError, JsResult};
use crate::function::{CallArgs, NativeFn};
use crate::heap::Heap;
use crate::object::kind::ObjectKind;
use crate::property::Attrs;
use crate::realm::Intrinsics;
use crate::value::{ObjId, RealmId, Value};
use crate::vm::Vm;

use super::support::{current, define_named, define_to_string_tag, intrinsics, link_constructor};

/// The largest Data Block this engine creates (and the largest
/// `maxByteLength` it accepts): 4 GiB.
pub const MAX_BYTE_LENGTH: u64 = 1 << 32;

/// The internal slots of an ArrayBuffer or SharedArrayBuffer.
pub struct ArrayBufferData {
    /// [[ArrayBufferData]]; its length is [[ArrayBufferByteLength]]. `None`
    /// once detached.
    pub bytes: Option<Vec<u8>>,
    /// [[ArrayBufferMaxByteLength]]: `Some` for resizable (growable) buffers.
    pub max_byte_length: Option<usize>,
    /// True for a SharedArrayBuffer.
    pub shared: bool,
    /// [[ArrayBufferIsImmutable]] (Immutable ArrayBuffer proposal): true
    /// for a buffer made by `transferToImmutable` or `sliceToImmutable`.
    pub immutable: bool,
}

impl ArrayBufferData {
    /// The slots of a fixed-length, mutable, unshared ArrayBuffer.
    pub fn fixed(bytes: Vec<u8>) -> Self {
        ArrayBufferData {
            bytes: Some(bytes),
            max_byte_length: None,
            shared: false,
            immutable: false,
        }
    }
}

pub fn init(vm: &mut Vm, realm: RealmId) {
    vm.with_realm(realm, |vm| {
        init_one(vm, realm, false);
        init_one(vm, realm, true);
    });
}

fn init_one(vm: &mut Vm, realm: RealmId, shared: bool) {
    let (name, proto) = if shared {
        (
            "SharedArrayBuffer",
            intrinsics(vm, realm).shared_array_buffer_prototype,
        )
    } else {
        ("ArrayBuffer", intrinsics(vm, realm).array_buffer_prototype)
    };
    let ctor = if shared {
        super::class_support::install_constructor(vm, realm, name, 1, sab_constructor, |i, c| {
            i.shared_array_buffer = c
        })
    } else {
        super::class_support::install_constructor(vm, realm, name, 1, ab_constructor, |i, c| {
            i.array_buffer = c
        })
    };
    link_constructor(vm, ctor, proto);
    super::class_support::define_species_getter(vm, ctor);
    let global = vm.realm(realm).global_object;
    define_named(vm, global, name, Value::Object(ctor), Attrs::METHOD);

    let getters: &[(&str, NativeFn)] = if shared {
        &[
            ("byteLength", sab_byte_length),
            ("growable", sab_growable),
            ("maxByteLength", sab_max_byte_length),
        ]
    } else {
        &[
            ("byteLength", ab_byte_length),
            ("detached", ab_detached),
            ("immutable", ab_immutable),
            ("maxByteLength", ab_max_byte_length),
            ("resizable", ab_resizable),
        ]
    };
    for &(n, f) in getters {
        let key = vm.key(n);
        vm.define_accessor(proto, key, Some(f), None, Attrs::CONFIGURABLE_ONLY);
    }
    let methods: &[(&str, u32, NativeFn)] = if shared {
        &[("grow", 1, sab_grow), ("slice", 2, sab_slice)]
    } else {
        &[
            ("resize", 1, ab_resize),
            ("slice", 2, ab_slice),
            ("sliceToImmutable", 2, ab_slice_to_immutable),
            ("transfer", 0, ab_transfer),
            ("transferToFixedLength", 0, ab_transfer_to_fixed_length),
            ("transferToImmutable", 0, ab_transfer_to_immutable),
        ]
    };
    for &(n, len, f) in methods {
        vm.define_method(proto, n, len, f);
    }
    if !shared {
        vm.define_method(ctor, "isView", 1, ab_is_view);
    }
    define_to_string_tag(vm, proto, name);
}

// ---- Reading buffer state (no JS runs) ----

/// The buffer data of `o`, if it is an ArrayBuffer or SharedArrayBuffer.
pub fn buffer_data(heap: &Heap, o: ObjId) -> Option<&ArrayBufferData> {
    match &heap.obj(o).kind {
        ObjectKind::ArrayBuffer(b) => Some(b),
        _ => None,
    }
}

fn buffer_data_mut(heap: &mut Heap, o: ObjId) -> Option<&mut ArrayBufferData> {
    match &mut heap.obj_mut(o).kind {
        ObjectKind::ArrayBuffer(b) => Some(b),
        _ => None,
    }
}

/// IsDetachedBuffer (25.1.3.5).
pub fn is_detached(heap: &Heap, buf: ObjId) -> bool {
    match buffer_data(heap, buf) {
        Some(b) => b.bytes.is_none(),
        None => true,
    }
}

/// ArrayBufferByteLength (25.1.3.14); 0 for a detached buffer.
pub fn byte_length(heap: &Heap, buf: ObjId) -> usize {
    buffer_data(heap, buf)
        .and_then(|b| b.bytes.as_ref())
        .map_or(0, Vec::len)
}

/// IsFixedLengthArrayBuffer (25.1.3.12).
pub fn is_fixed_length(heap: &Heap, buf: ObjId) -> bool {
    match buffer_data(heap, buf) {
        Some(b) => b.max_byte_length.is_none(),
        None => true,
    }
}

/// IsSharedArrayBuffer (25.2.2.2).
pub fn is_shared(heap: &Heap, buf: ObjId) -> bool {
    buffer_data(heap, buf).is_some_and(|b| b.shared)
}

/// IsImmutableBuffer (Immutable ArrayBuffer proposal).
#[inline]
pub fn is_immutable(heap: &Heap, buf: ObjId) -> bool {
    buffer_data(heap, buf).is_some_and(|b| b.immutable)
}

/// The bytes of a buffer (empty when detached).
pub fn bytes(heap: &Heap, buf: ObjId) -> &[u8] {
    buffer_data(heap, buf)
        .and_then(|b| b.bytes.as_deref())
        .unwrap_or(&[])
}

/// The bytes of a buffer, mutably (empty when detached, and when
/// immutable: callers check IsImmutableBuffer where the spec does, and this
/// keeps the bytes safe from any write path that does not).
pub fn bytes_mut(heap: &mut Heap, buf: ObjId) -> &mut [u8] {
    match buffer_data_mut(heap, buf) {
        Some(ArrayBufferData {
            bytes: Some(v),
            immutable: false,
            ..
        }) => v.as_mut_slice(),
        _ => &mut [],
    }
}

// ---- Creating buffers ----

/// CreateByteDataBlock (6.2.9.1): `n` zero bytes, or a RangeError when such
/// a block cannot be created.
pub fn create_byte_data_block(n: u64) -> JsResult<Vec<u8>> {
    if n > MAX_BYTE_LENGTH {
        return Err(too_large());
    }
    let n = usize::try_from(n).map_err(|_| too_large())?;
    zeroed_bytes(n).ok_or_else(too_large)
}

/// `n` zero bytes from the allocator's zeroed allocation (large blocks are
/// fresh pages, so an untouched buffer costs no memory), or `None` when the
/// allocation fails.
fn zeroed_bytes(n: usize) -> Option<Vec<u8>> {
    if n == 0 {
        return Some(Vec::new());
    }
    let layout = std::alloc::Layout::array::<u8>(n).ok()?;
    // SAFETY: `layout` has a non-zero size. On success `p` is a fresh
    // allocation from the global allocator of exactly `n` initialized (zero)
    // bytes with the alignment of u8, which is what `Vec::<u8>::from_raw_parts`
    // requires for length and capacity `n`; ownership moves into the Vec.
    unsafe {
        let p = std::alloc::alloc_zeroed(layout);
        if p.is_null() {
            return None;
        }
        Some(Vec::from_raw_parts(p, n, n))
    }
}

/// A copy of `src`, or a RangeError when memory for it cannot be had.
pub fn try_copy(src: &[u8]) -> JsResult<Vec<u8>> {
    let mut v = Vec::new();
    v.try_reserve_exact(src.len()).map_err(|_| too_large())?;
    v.extend_from_slice(src);
    Ok(v)
}

fn too_large() -> JsError {
    JsError::range_error("Array buffer allocation failed")
}

/// Allocates a buffer object with the given slots and prototype, charging
/// its size to the collector's allocation debt.
fn new_buffer_object(vm: &mut Vm, proto: ObjId, data: ArrayBufferData) -> ObjId {
    vm.heap.add_debt(data.bytes.as_ref().map_or(0, Vec::len));
    vm.alloc_object(ObjectKind::ArrayBuffer(Box::new(data)), Some(proto))
}

/// AllocateArrayBuffer (25.1.3.1) / AllocateSharedArrayBuffer (25.2.2.1):
/// a buffer of `byte_length` zero bytes whose prototype comes from `ctor`;
/// `max` makes it resizable (growable).
pub fn allocate_buffer(
    vm: &mut Vm,
    ctor: ObjId,
    byte_length: u64,
    max: Option<u64>,
    shared: bool,
) -> JsResult<ObjId> {
    if let Some(m) = max {
        if byte_length > m {
            return Err(JsError::range_error(
                "byteLength must not exceed maxByteLength",
            ));
        }
    }
    let default: fn(&Intrinsics) -> ObjId = if shared {
        |i| i.shared_array_buffer_prototype
    } else {
        |i| i.array_buffer_prototype
    };
    let proto = vm.get_prototype_from_constructor(ctor, default)?;
    let block = create_byte_data_block(byte_length)?;
    let max = match max {
        Some(m) if m > MAX_BYTE_LENGTH => return Err(too_large()),
        Some(m) => Some(m as usize),
        None => None,
    };
    let data = ArrayBufferData {
        bytes: Some(block),
        max_byte_length: max,
        shared,
        immutable: false,
    };
    Ok(new_buffer_object(vm, proto, data))
}

/// AllocateArrayBuffer(%ArrayBuffer%, byteLength) of the current realm.
pub fn allocate_array_buffer(vm: &mut Vm, byte_length: u64) -> JsResult<ObjId> {
    let proto = current(vm).array_buffer_prototype;
    let block = create_byte_data_block(byte_length)?;
    Ok(new_buffer_object(vm, proto, ArrayBufferData::fixed(block)))
}

/// AllocateImmutableArrayBuffer(%ArrayBuffer%, byteLength, fromBlock,
/// fromIndex, count) (Immutable ArrayBuffer proposal) with the bytes
/// already gathered: `block` becomes the new buffer's data (the only write
/// an immutable buffer ever gets).
fn allocate_immutable_array_buffer(vm: &mut Vm, block: Vec<u8>) -> ObjId {
    let proto = current(vm).array_buffer_prototype;
    let data = ArrayBufferData {
        immutable: true,
        ..ArrayBufferData::fixed(block)
    };
    new_buffer_object(vm, proto, data)
}

/// CloneArrayBuffer (25.1.3.6): a new fixed-length %ArrayBuffer% holding a
/// copy of `len` bytes of `src` from `offset`.
pub fn clone_array_buffer(vm: &mut Vm, src: ObjId, offset: usize, len: usize) -> JsResult<ObjId> {
    let copy = try_copy(
        bytes(&vm.heap, src)
            .get(offset..offset.saturating_add(len))
            .unwrap_or(&[]),
    )?;
    let target = allocate_array_buffer(vm, len as u64)?;
    let dst = bytes_mut(&mut vm.heap, target);
    let n = copy.len().min(dst.len());
    dst[..n].copy_from_slice(&copy[..n]);
    Ok(target)
}

/// DetachArrayBuffer (25.1.3.5) with key undefined (no buffer of this
/// engine has a detach key); an immutable buffer cannot be detached.
pub fn detach_array_buffer(vm: &mut Vm, buf: ObjId) -> JsResult<()> {
    match buffer_data_mut(&mut vm.heap, buf) {
        Some(b) if b.immutable => Err(JsError::type_error(
            "Cannot detach an immutable ArrayBuffer",
        )),
        Some(b) if !b.shared => {
            b.bytes = None;
            Ok(())
        }
        _ => Err(JsError::type_error("Cannot detach a SharedArrayBuffer")),
    }
}

impl Vm {
    /// The host hook behind `$262.detachArrayBuffer(buffer)`:
    /// DetachArrayBuffer(buffer) for an ArrayBuffer; a TypeError for
    /// anything else (including SharedArrayBuffers).
    pub fn detach_array_buffer(&mut self, buffer: Value) -> JsResult<()> {
        match buffer.as_object() {
            Some(o) if buffer_data(&self.heap, o).is_some() => detach_array_buffer(self, o),
            _ => Err(JsError::type_error(
                "detachArrayBuffer: argument is not an ArrayBuffer",
            )),
        }
    }
}

// ---- Constructors ----

/// GetArrayBufferMaxByteLengthOption (25.1.3.7).
fn max_byte_length_option(vm: &mut Vm, options: Value) -> JsResult<Option<u64>> {
    let Value::Object(o) = options else {
        return Ok(None);
    };
    let key = vm.key("maxByteLength");
    let m = vm.get_prop(o, key)?;
    if m.is_undefined() {
        return Ok(None);
    }
    Ok(Some(vm.to_index(m)? as u64))
}

/// ArrayBuffer ( length [ , options ] ) (25.1.4.1) and SharedArrayBuffer
/// ( length [ , options ] ) (25.2.3.1).
fn buffer_constructor(vm: &mut Vm, args: &CallArgs, shared: bool) -> JsResult<Value> {
    let Some(nt) = args.new_target else {
        let name = if shared {
            "SharedArrayBuffer"
        } else {
            "ArrayBuffer"
        };
        return Err(JsError::type_error(format!(
            "Constructor {name} requires 'new'"
        )));
    };
    let byte_length = vm.to_index(args.arg(0))? as u64;
    let max = max_byte_length_option(vm, args.arg(1))?;
    let o = allocate_buffer(vm, nt, byte_length, max, shared)?;
    Ok(Value::Object(o))
}

fn ab_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    buffer_constructor(vm, args, false)
}

fn sab_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    buffer_constructor(vm, args, true)
}

/// ArrayBuffer.isView ( arg ) (25.1.5.1).
fn ab_is_view(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let r = args.arg(0).as_object().is_some_and(|o| {
        matches!(
            vm.heap.obj(o).kind,
            ObjectKind::TypedArray(_) | ObjectKind::DataView(_)
        )
    });
    Ok(Value::Boolean(r))
}

// ---- Prototype methods ----

/// RequireInternalSlot(this, [[ArrayBufferData]]) plus the
/// IsSharedArrayBuffer check every method makes (`shared` is what the
/// method requires).
fn this_buffer(vm: &Vm, args: &CallArgs, shared: bool, method: &str) -> JsResult<ObjId> {
    if let Some(o) = args.this.as_object() {
        if let Some(b) = buffer_data(&vm.heap, o) {
            if b.shared == shared {
                return Ok(o);
            }
        }
    }
    let class = if shared {
        "SharedArrayBuffer"
    } else {
        "ArrayBuffer"
    };
    Err(JsError::type_error(format!(
        "{class}.prototype.{method} called on an incompatible receiver"
    )))
}

fn ab_byte_length(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_buffer(vm, args, false, "byteLength")?;
    Ok(Value::Number(byte_length(&vm.heap, o) as f64))
}

fn sab_byte_length(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_buffer(vm, args, true, "byteLength")?;
    Ok(Value::Number(byte_length(&vm.heap, o) as f64))
}

/// get ArrayBuffer.prototype.detached (25.1.6.3).
fn ab_detached(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_buffer(vm, args, false, "detached")?;
    Ok(Value::Boolean(is_detached(&vm.heap, o)))
}

/// get ArrayBuffer.prototype.immutable (Immutable ArrayBuffer proposal).
fn ab_immutable(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_buffer(vm, args, false, "immutable")?;
    Ok(Value::Boolean(is_immutable(&vm.heap, o)))
}

/// The maxByteLength getters (25.1.6.4, 25.2.5.4): the byte length for
/// fixed-length buffers, 0 once detached.
fn max_byte_length_of(vm: &Vm, o: ObjId) -> f64 {
    if is_detached(&vm.heap, o) {
        return 0.0;
    }
    match buffer_data(&vm.heap, o).and_then(|b| b.max_byte_length) {
        Some(m) => m as f64,
        None => byte_length(&vm.heap, o) as f64,
    }
}

fn ab_max_byte_length(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_buffer(vm, args, false, "maxByteLength")?;
    Ok(Value::Number(max_byte_length_of(vm, o)))
}

fn sab_max_byte_length(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_buffer(vm, args, true, "maxByteLength")?;
    Ok(Value::Number(max_byte_length_of(vm, o)))
}

fn ab_resizable(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_buffer(vm, args, false, "resizable")?;
    Ok(Value::Boolean(!is_fixed_length(&vm.heap, o)))
}

fn sab_growable(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_buffer(vm, args, true, "growable")?;
    Ok(Value::Boolean(!is_fixed_length(&vm.heap, o)))
}

/// Changes the length of a resizable buffer's block in place (new bytes
/// are zero). The caller checked the new length against the maximum.
fn set_block_length(vm: &mut Vm, o: ObjId, new_len: usize) -> JsResult<()> {
    let Some(v) = buffer_data_mut(&mut vm.heap, o).and_then(|b| b.bytes.as_mut()) else {
        return Err(JsError::type_error("Cannot resize a detached ArrayBuffer"));
    };
    let old = v.len();
    if new_len > old {
        v.try_reserve_exact(new_len - old)
            .map_err(|_| too_large())?;
        v.resize(new_len, 0);
        vm.heap.add_debt(new_len - old);
    } else {
        v.truncate(new_len);
        v.shrink_to_fit();
    }
    Ok(())
}

/// ArrayBuffer.prototype.resize ( newLength ) (25.1.6.6).
fn ab_resize(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_buffer(vm, args, false, "resize")?;
    if is_fixed_length(&vm.heap, o) {
        return Err(JsError::type_error(
            "ArrayBuffer.prototype.resize called on a fixed-length ArrayBuffer",
        ));
    }
    let new_len = vm.to_index(args.arg(0))?;
    if is_detached(&vm.heap, o) {
        return Err(JsError::type_error("Cannot resize a detached ArrayBuffer"));
    }
    if is_immutable(&vm.heap, o) {
        return Err(JsError::type_error(
            "Cannot resize an immutable ArrayBuffer",
        ));
    }
    let max = buffer_data(&vm.heap, o)
        .and_then(|b| b.max_byte_length)
        .unwrap_or(0);
    if new_len > max as f64 {
        return Err(JsError::range_error(
            "ArrayBuffer.prototype.resize: new length exceeds maxByteLength",
        ));
    }
    set_block_length(vm, o, new_len as usize)?;
    Ok(Value::Undefined)
}

/// SharedArrayBuffer.prototype.grow ( newLength ) (25.2.5.3).
fn sab_grow(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let o = this_buffer(vm, args, true, "grow")?;
    if is_fixed_length(&vm.heap, o) {
        return Err(JsError::type_error(
            "SharedArrayBuffer.prototype.grow called on a fixed-length SharedArrayBuffer",
        ));
    }
    let new_len = vm.to_index(args.arg(0))?;
    let max = buffer_data(&vm.heap, o)
        .and_then(|b| b.max_byte_length)
        .unwrap_or(0);
    if new_len > max as f64 {
        return Err(JsError::range_error(
            "SharedArrayBuffer.prototype.grow: new length exceeds maxByteLength",
        ));
    }
    if (new_len as usize) < byte_length(&vm.heap, o) {
        return Err(JsError::range_error(
            "SharedArrayBuffer.prototype.grow: cannot shrink",
        ));
    }
    set_block_length(vm, o, new_len as usize)?;
    Ok(Value::Undefined)
}

/// The start/end clamping of both `slice` methods: (first, newLen).
fn slice_range(vm: &mut Vm, args: &CallArgs, len: usize) -> JsResult<(usize, usize)> {
    let (first, fin) = resolve_bounds(vm, args, len)?;
    Ok((first, fin.saturating_sub(first)))
}

/// ArrayBuffer.prototype.slice ( start, end ) (25.1.6.7) and
/// SharedArrayBuffer.prototype.slice (25.2.5.6).
fn buffer_slice(vm: &mut Vm, args: &CallArgs, shared: bool) -> JsResult<Value> {
    let o = this_buffer(vm, args, shared, "slice")?;
    if is_detached(&vm.heap, o) {
        return Err(JsError::type_error(
            "ArrayBuffer.prototype.slice called on a detached ArrayBuffer",
        ));
    }
    let len = byte_length(&vm.heap, o);
    let (first, new_len) = slice_range(vm, args, len)?;
    let default = if shared {
        current(vm).shared_array_buffer
    } else {
        current(vm).array_buffer
    };
    let ctor = vm.species_constructor(o, default)?;
    let new = vm.construct(ctor, &[Value::Number(new_len as f64)], None)?;
    let class = if shared {
        "SharedArrayBuffer"
    } else {
        "ArrayBuffer"
    };
    let bad = |what: &str| {
        Err(JsError::type_error(format!(
            "{class}.prototype.slice: species constructor {what}"
        )))
    };
    let Some(n) = new.as_object() else {
        return bad("did not return an object");
    };
    match buffer_data(&vm.heap, n) {
        Some(b) if b.shared == shared => {}
        _ => return bad(&format!("did not return a {class}")),
    }
    if is_detached(&vm.heap, n) {
        return bad("returned a detached ArrayBuffer");
    }
    if is_immutable(&vm.heap, n) {
        return bad("returned an immutable ArrayBuffer");
    }
    if n == o {
        return bad("returned the same buffer");
    }
    if byte_length(&vm.heap, n) < new_len {
        return bad("returned a buffer that is too small");
    }
    if is_detached(&vm.heap, o) {
        return Err(JsError::type_error(
            "ArrayBuffer.prototype.slice: the buffer was detached",
        ));
    }
    let current_len = byte_length(&vm.heap, o);
    if first < current_len {
        let count = new_len.min(current_len - first);
        let src = try_copy(bytes(&vm.heap, o).get(first..first + count).unwrap_or(&[]))?;
        if let Some(d) = bytes_mut(&mut vm.heap, n).get_mut(..src.len()) {
            d.copy_from_slice(&src);
        }
    }
    Ok(new)
}

fn ab_slice(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    buffer_slice(vm, args, false)
}

fn sab_slice(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    buffer_slice(vm, args, true)
}

/// ResolveBounds ( len, start, end ) of `slice` and `sliceToImmutable`:
/// (from, to), both clamped into 0 ..= len.
fn resolve_bounds(vm: &mut Vm, args: &CallArgs, len: usize) -> JsResult<(usize, usize)> {
    let len_f = len as f64;
    let from = super::support::relative_index(vm, args.arg(0), len_f, 0.0)?;
    let to = super::support::relative_index(vm, args.arg(1), len_f, len_f)?;
    Ok((from as usize, to as usize))
}

/// ArrayBuffer.prototype.sliceToImmutable ( start, end ) (Immutable
/// ArrayBuffer proposal): an immutable copy of bytes start..end, the bounds
/// resolved against the length before the conversions ran.
fn ab_slice_to_immutable(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    const M: &str = "ArrayBuffer.prototype.sliceToImmutable";
    let o = this_buffer(vm, args, false, "sliceToImmutable")?;
    if is_detached(&vm.heap, o) {
        return Err(JsError::type_error(format!(
            "{M} called on a detached ArrayBuffer"
        )));
    }
    let len = byte_length(&vm.heap, o);
    let (first, fin) = resolve_bounds(vm, args, len)?;
    let new_len = fin.saturating_sub(first);
    if is_detached(&vm.heap, o) {
        return Err(JsError::type_error(format!("{M}: the buffer was detached")));
    }
    if byte_length(&vm.heap, o) < fin {
        return Err(JsError::range_error(format!(
            "{M}: the buffer shrank below the end of the slice"
        )));
    }
    let block = try_copy(
        bytes(&vm.heap, o)
            .get(first..first + new_len)
            .unwrap_or(&[]),
    )?;
    Ok(Value::Object(allocate_immutable_array_buffer(vm, block)))
}

/// What ArrayBufferCopyAndDetach makes of the new buffer (its
/// preserveResizability argument).
#[derive(Clone, Copy, PartialEq, Eq)]
enum TransferMode {
    PreserveResizability,
    FixedLength,
    Immutable,
}

/// ArrayBufferCopyAndDetach ( arrayBuffer, newLength, preserveResizability )
/// (25.1.3.3, with the Immutable ArrayBuffer proposal's ~immutable~ mode).
fn copy_and_detach(vm: &mut Vm, args: &CallArgs, mode: TransferMode) -> JsResult<Value> {
    let method = match mode {
        TransferMode::PreserveResizability => "transfer",
        TransferMode::FixedLength => "transferToFixedLength",
        TransferMode::Immutable => "transferToImmutable",
    };
    let o = this_buffer(vm, args, false, method)?;
    let new_len = match args.arg(0) {
        Value::Undefined => byte_length(&vm.heap, o) as u64,
        v => vm.to_index(v)? as u64,
    };
    if is_detached(&vm.heap, o) {
        return Err(JsError::type_error(format!(
            "ArrayBuffer.prototype.{method} called on a detached ArrayBuffer"
        )));
    }
    if is_immutable(&vm.heap, o) {
        return Err(JsError::type_error(format!(
            "ArrayBuffer.prototype.{method} called on an immutable ArrayBuffer"
        )));
    }
    let new_max = match mode {
        TransferMode::PreserveResizability => {
            buffer_data(&vm.heap, o).and_then(|b| b.max_byte_length)
        }
        _ => None,
    };
    if let Some(m) = new_max {
        if new_len > m as u64 {
            return Err(JsError::range_error(
                "byteLength must not exceed maxByteLength",
            ));
        }
    }
    // The new Data Block: the old one moved (and truncated) when it is
    // long enough, else a fresh zeroed block with the old bytes copied in.
    // Either way the old buffer is detached only once nothing can fail.
    let old_len = byte_length(&vm.heap, o) as u64;
    let mut block = if new_len > old_len {
        let mut block = create_byte_data_block(new_len)?;
        let old = bytes(&vm.heap, o);
        if let Some(dst) = block.get_mut(..old.len()) {
            dst.copy_from_slice(old);
        }
        block
    } else {
        Vec::new()
    };
    let old = buffer_data_mut(&mut vm.heap, o).and_then(|b| b.bytes.take());
    if new_len <= old_len {
        block = old.unwrap_or_default();
        block.truncate(new_len as usize);
        block.shrink_to_fit();
    }
    let data = ArrayBufferData {
        bytes: Some(block),
        max_byte_length: new_max,
        shared: false,
        immutable: mode == TransferMode::Immutable,
    };
    let proto = current(vm).array_buffer_prototype;
    Ok(Value::Object(new_buffer_object(vm, proto, data)))
}

fn ab_transfer(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    copy_and_detach(vm, args, TransferMode::PreserveResizability)
}

fn ab_transfer_to_fixed_length(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    copy_and_detach(vm, args, TransferMode::FixedLength)
}

/// ArrayBuffer.prototype.transferToImmutable ( [ newLength ] ) (Immutable
/// ArrayBuffer proposal).
fn ab_transfer_to_immutable(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    copy_and_detach(vm, args, TransferMode::Immutable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byte_blocks_refuse_huge_sizes() {
        assert!(create_byte_data_block(MAX_BYTE_LENGTH + 1).is_err());
        assert!(create_byte_data_block(1 << 53).is_err());
        assert_eq!(create_byte_data_block(3).ok(), Some(vec![0, 0, 0]));
    }
}
