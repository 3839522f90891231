//! TypedArrays (ECMAScript 23.2): the %TypedArray% intrinsic, the concrete
//! constructors (Int8Array ... Float64Array, with Float16Array, and
//! BigInt64Array / BigUint64Array), and the integer-indexed exotic object
//! behaviour (10.4.5).
//!
//! Submodules by topic: `element` (element types, raw byte conversions),
//! `exotic` (the internal methods the object model dispatches to),
//! `constructor` (the constructors, `from`/`of`, species creation),
//! `accessors` (the prototype getters and iterator methods), `methods`
//! (searching and iteration), `transform` (methods that produce or rewrite
//! arrays), `sort`, and `base64` (Uint8Array's base64 and hex methods).
//!
//! Elements are read as `Value`s (a Number, or an inline BigInt for the
//! BigInt content type) and written as `ElementValue`s, after ToNumber or
//! ToBigInt by the array's content type (`to_element_value`).
//!
//! Invariant: a TypedArray object never stores an own property whose key is
//! a CanonicalNumericIndexString (the exotic methods intercept them all), so
//! its ordinary storage holds named properties only and its element storage
//! is always empty. Its elements live in its buffer; every read checks the
//! buffer's current length (it may be detached or resized by any JS call),
//! so a stale length can never index out of range. A view of an immutable
//! buffer (Immutable ArrayBuffer proposal) never writes: every writing
//! method validates with `AccessMode::Write` before it reads its arguments,
//! and [[Set]] / [[DefineOwnProperty]] refuse numeric keys. (A view's
//! buffer never changes, and neither does a buffer's immutability, so one
//! check up front holds for the whole call.)

mod accessors;
mod base64;
mod constructor;
pub mod element;
mod exotic;
pub mod host;
mod methods;
mod sort;
#[cfg(test)]
mod tests;
mod transform;

use crate::error::{JsError, JsResult};
use crate::heap::Heap;
use crate::object::kind::ObjectKind;
use crate::realm::Intrinsics;
use crate::value::{ObjId, RealmId, Value};
use crate::vm::Vm;

use super::array_buffer::{buffer_data, bytes, bytes_mut, is_immutable};

pub use constructor::{typed_array_create_from_constructor, typed_array_species_create};
pub use element::{ElementType, ElementValue, ELEMENT_TYPE_COUNT};

/// The internal slots of a TypedArray.
#[derive(Clone, Copy, Debug)]
pub struct TypedArrayData {
    /// [[ViewedArrayBuffer]].
    pub buffer: ObjId,
    /// [[TypedArrayName]] (and so [[ContentType]] and the element size).
    pub ty: ElementType,
    /// [[ByteOffset]].
    pub byte_offset: usize,
    /// [[ArrayLength]]; `None` is ~auto~ (a length-tracking view of a
    /// resizable buffer).
    pub length: Option<usize>,
}

pub fn init(vm: &mut Vm, realm: RealmId) {
    vm.with_realm(realm, |vm| constructor::init(vm, realm));
}

/// Whether a TypedArray operation reads or writes its elements (the
/// accessMode argument the Immutable ArrayBuffer proposal adds to
/// ValidateTypedArray and TypedArraySpeciesCreate).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccessMode {
    Read,
    Write,
}

/// The slots of `o` if it is a TypedArray.
#[inline]
pub fn ta_data(heap: &Heap, o: ObjId) -> Option<TypedArrayData> {
    match &heap.obj(o).kind {
        ObjectKind::TypedArray(d) => Some(**d),
        _ => None,
    }
}

/// TypedArrayLength of a view that is in bounds; `None` when
/// IsTypedArrayOutOfBounds (which includes a detached buffer).
#[inline]
pub fn view_length(heap: &Heap, d: &TypedArrayData) -> Option<usize> {
    let buf_len = buffer_data(heap, d.buffer)?.bytes.as_ref()?.len();
    let start = d.byte_offset;
    if start > buf_len {
        return None;
    }
    match d.length {
        None => Some((buf_len - start) / d.ty.size()),
        Some(n) => {
            let end = n.checked_mul(d.ty.size())?.checked_add(start)?;
            (end <= buf_len).then_some(n)
        }
    }
}

/// TypedArrayLength(O) for a TypedArray in bounds, else `None`.
pub fn length_of(heap: &Heap, o: ObjId) -> Option<usize> {
    view_length(heap, &ta_data(heap, o)?)
}

/// The integer index `index` names if it is a valid integer index of the
/// view (IsValidIntegerIndex, 10.4.5).
#[inline]
pub fn valid_index(heap: &Heap, d: &TypedArrayData, index: f64) -> Option<usize> {
    if index.fract() != 0.0 || !index.is_finite() {
        return None;
    }
    if index == 0.0 && index.is_sign_negative() {
        return None;
    }
    let len = view_length(heap, d)?;
    (index >= 0.0 && index < len as f64).then_some(index as usize)
}

/// The value of element `i` of the view (None when not a valid index): a
/// Number, or an inline BigInt.
#[inline]
pub fn read_element(heap: &Heap, d: &TypedArrayData, i: usize) -> Option<Value> {
    if i >= view_length(heap, d)? {
        return None;
    }
    let size = d.ty.size();
    d.ty.read(bytes(heap, d.buffer), d.byte_offset + i * size, true)
}

/// Writes element `i` of the view if it is a valid index (no effect
/// otherwise).
#[inline]
pub fn write_element(heap: &mut Heap, d: &TypedArrayData, i: usize, n: ElementValue) {
    match view_length(heap, d) {
        Some(len) if i < len => {}
        _ => return,
    }
    let at = d.byte_offset + i * d.ty.size();
    d.ty.write(bytes_mut(heap, d.buffer), at, n, true);
}

/// TypedArrayGetElement (10.4.5).
pub fn get_element(heap: &Heap, o: ObjId, index: f64) -> Value {
    let Some(d) = ta_data(heap, o) else {
        return Value::Undefined;
    };
    valid_index(heap, &d, index)
        .and_then(|i| read_element(heap, &d, i))
        .unwrap_or(Value::Undefined)
}

/// ToBigInt or ToNumber of `v` by the content type of `ty`, as an element
/// value (may run JS).
pub fn to_element_value(vm: &mut Vm, ty: ElementType, v: Value) -> JsResult<ElementValue> {
    if ty.is_bigint() {
        let b = vm.to_bigint(v)?;
        Ok(ElementValue::BigInt(crate::bigint::to_big_uint64(
            &vm.heap, b,
        )))
    } else {
        match v {
            Value::Number(n) => Ok(ElementValue::Number(n)),
            _ => Ok(ElementValue::Number(vm.to_number(v)?)),
        }
    }
}

/// The element value of a Number or BigInt that was already converted
/// (e.g. read from another TypedArray of the same content type).
pub fn element_value_of(heap: &Heap, v: Value) -> ElementValue {
    match v {
        Value::BigInt(b) => ElementValue::BigInt(crate::bigint::to_big_uint64(heap, b)),
        Value::Number(n) => ElementValue::Number(n),
        _ => ElementValue::Number(f64::NAN),
    }
}

/// TypedArraySetElement (10.4.5): ToNumber or ToBigInt first (which may
/// run JS and detach or resize the buffer), then the write if the index is
/// still valid.
pub fn set_element(vm: &mut Vm, o: ObjId, index: f64, v: Value) -> JsResult<()> {
    let Some(ty) = ta_data(&vm.heap, o).map(|d| d.ty) else {
        return Ok(());
    };
    let n = to_element_value(vm, ty, v)?;
    if let Some(d) = ta_data(&vm.heap, o) {
        if let Some(i) = valid_index(&vm.heap, &d, index) {
            write_element(&mut vm.heap, &d, i, n);
        }
    }
    Ok(())
}

/// The interpreter's fast path for `ta[i]` (always a complete answer: an
/// invalid index reads undefined without consulting the prototype).
#[inline]
pub fn get_element_fast(heap: &Heap, d: &TypedArrayData, i: u32) -> Value {
    read_element(heap, d, i as usize).unwrap_or(Value::Undefined)
}

/// The interpreter's fast path for `ta[i] = v`: done (true) when `v` is
/// already of the array's content type (a Number, or a BigInt for the
/// BigInt types) and the buffer is mutable; otherwise the caller takes
/// [[Set]], which converts (or fails, for an immutable buffer).
#[inline]
pub fn set_element_fast(heap: &mut Heap, o: ObjId, i: u32, v: Value) -> bool {
    let Some(d) = ta_data(heap, o) else {
        return false;
    };
    if is_immutable(heap, d.buffer) {
        return false;
    }
    let e = match v {
        Value::Number(n) if !d.ty.is_bigint() => ElementValue::Number(n),
        Value::BigInt(b) if d.ty.is_bigint() => {
            ElementValue::BigInt(crate::bigint::to_big_uint64(heap, b))
        }
        _ => return false,
    };
    write_element(heap, &d, i as usize, e);
    true
}

/// ValidateTypedArray(O, order) (23.2.4.4): the TypedArray and its current
/// length; a TypeError when `v` is not a TypedArray or is out of bounds.
pub fn validate(vm: &Vm, v: Value, method: &str) -> JsResult<(ObjId, usize)> {
    validate_access(vm, v, AccessMode::Read, method)
}

/// ValidateTypedArray(O, order, accessMode): as `validate`, and for
/// `AccessMode::Write` a TypeError when the buffer is immutable (checked
/// before the bounds, as the proposal orders it).
pub fn validate_access(
    vm: &Vm,
    v: Value,
    mode: AccessMode,
    method: &str,
) -> JsResult<(ObjId, usize)> {
    let Some(o) = v.as_object() else {
        return Err(not_typed_array(method));
    };
    let Some(d) = ta_data(&vm.heap, o) else {
        return Err(not_typed_array(method));
    };
    if mode == AccessMode::Write && is_immutable(&vm.heap, d.buffer) {
        return Err(immutable_buffer(method));
    }
    match view_length(&vm.heap, &d) {
        Some(len) => Ok((o, len)),
        None => Err(out_of_bounds(method)),
    }
}

/// The length %ArrayIteratorPrototype%.next must use for a TypedArray
/// (23.1.5.1 CreateArrayIterator: TypedArrayLength, or a TypeError when the
/// array is detached or out of bounds); `None` when `o` is not a TypedArray
/// (then LengthOfArrayLike applies).
pub fn iteration_length(vm: &Vm, o: ObjId) -> Option<JsResult<u64>> {
    let d = ta_data(&vm.heap, o)?;
    Some(match view_length(&vm.heap, &d) {
        Some(n) => Ok(n as u64),
        None => Err(out_of_bounds("%ArrayIteratorPrototype%.next")),
    })
}

/// RequireInternalSlot(O, [[TypedArrayName]]).
pub fn require_typed_array(vm: &Vm, v: Value, method: &str) -> JsResult<(ObjId, TypedArrayData)> {
    if let Some(o) = v.as_object() {
        if let Some(d) = ta_data(&vm.heap, o) {
            return Ok((o, d));
        }
    }
    Err(not_typed_array(method))
}

pub(crate) fn not_typed_array(method: &str) -> JsError {
    JsError::type_error(format!("{method}: this is not a typed array."))
}

pub(crate) fn immutable_buffer(method: &str) -> JsError {
    JsError::type_error(format!("{method}: the typed array's buffer is immutable"))
}

pub(crate) fn out_of_bounds(method: &str) -> JsError {
    JsError::type_error(format!(
        "{method}: the typed array is detached or out of bounds"
    ))
}

/// The %TypedArray.prototype% selector of a type's concrete prototype (for
/// GetPrototypeFromConstructor).
pub fn proto_selector(ty: ElementType) -> fn(&Intrinsics) -> ObjId {
    fn sel<const K: usize>(i: &Intrinsics) -> ObjId {
        i.typed_array_prototypes[K]
    }
    match ty {
        ElementType::Int8 => sel::<0>,
        ElementType::Uint8 => sel::<1>,
        ElementType::Uint8Clamped => sel::<2>,
        ElementType::Int16 => sel::<3>,
        ElementType::Uint16 => sel::<4>,
        ElementType::Int32 => sel::<5>,
        ElementType::Uint32 => sel::<6>,
        ElementType::Float16 => sel::<7>,
        ElementType::Float32 => sel::<8>,
        ElementType::Float64 => sel::<9>,
        ElementType::BigInt64 => sel::<10>,
        ElementType::BigUint64 => sel::<11>,
    }
}

/// What a formatter needs to show a TypedArray (no JS runs).
#[derive(Clone, Debug)]
pub struct TypedArrayInfo {
    /// e.g. "Uint8Array".
    pub name: &'static str,
    /// The current length (0 when detached or out of bounds).
    pub length: usize,
    /// The first elements, at most as many as asked for: Numbers, or
    /// (inline) BigInts for BigInt64Array / BigUint64Array.
    pub values: Vec<Value>,
}

impl Vm {
    /// Describes a TypedArray for display, with at most `max_values` of its
    /// elements (None for other objects).
    pub fn typed_array_info(&self, o: ObjId, max_values: usize) -> Option<TypedArrayInfo> {
        let d = ta_data(&self.heap, o)?;
        let length = view_length(&self.heap, &d).unwrap_or(0);
        let values = (0..length.min(max_values))
            .map_while(|i| read_element(&self.heap, &d, i))
            .collect();
        Some(TypedArrayInfo {
            name: d.ty.name(),
            length,
            values,
        })
    }
    /// The bytes of an ArrayBuffer or SharedArrayBuffer for display
    /// (`None` for other objects; an empty slice when detached).
    pub fn array_buffer_bytes(&self, o: ObjId) -> Option<&[u8]> {
        buffer_data(&self.heap, o).map(|b| b.bytes.as_deref().unwrap_or(&[]))
    }
}
