//! The %TypedArray% intrinsic (23.2.1-2) with `from`, `of` and `@@species`,
//! the concrete constructors (23.2.5-6) with their initialisation from a
//! length, another TypedArray, an ArrayBuffer, an iterable or an array-like,
//! and TypedArraySpeciesCreate / TypedArrayCreateFromConstructor /
//! TypedArrayCreateSameType (23.2.4).
//!
//! Invariant: a TypedArray object is allocated only once its buffer and
//! slots are final (the spec's AllocateTypedArray creates it earlier, but
//! it is unobservable until returned), except for list and array-like
//! sources, whose elements are written through [[Set]] as the spec does.

use crate::error::{JsError, JsResult};
use crate::function::{CallArgs, NativeFn};
use crate::object::kind::ObjectKind;
use crate::property::Attrs;
use crate::value::{ObjId, PropertyKey, RealmId, Value};
use crate::vm::Vm;

use super::super::array_buffer::{
    allocate_array_buffer, buffer_data, byte_length, bytes, bytes_mut, clone_array_buffer,
    is_detached, is_fixed_length, try_copy,
};
use super::super::support::{
    current, define_named, index_key, intrinsics, intrinsics_mut, link_constructor, Slot,
};
use super::{
    proto_selector, set_element, ta_data, validate_access, view_length, AccessMode, ElementType,
    TypedArrayData,
};

pub(super) fn init(vm: &mut Vm, realm: RealmId) {
    let proto = intrinsics(vm, realm).typed_array_prototype;
    let name = vm.key("TypedArray");
    let ta_ctor = vm.new_native_function(name, 0, typed_array_intrinsic, true);
    intrinsics_mut(vm, realm).typed_array = ta_ctor;
    link_constructor(vm, ta_ctor, proto);
    vm.define_method(ta_ctor, "from", 1, typed_array_from);
    vm.define_method(ta_ctor, "of", 0, typed_array_of);
    super::super::class_support::define_species_getter(vm, ta_ctor);
    super::accessors::init_prototype(vm, realm, proto);

    let global = vm.realm(realm).global_object;
    let ctors: [NativeFn; super::ELEMENT_TYPE_COUNT] = [
        concrete_constructor::<0>,
        concrete_constructor::<1>,
        concrete_constructor::<2>,
        concrete_constructor::<3>,
        concrete_constructor::<4>,
        concrete_constructor::<5>,
        concrete_constructor::<6>,
        concrete_constructor::<7>,
        concrete_constructor::<8>,
        concrete_constructor::<9>,
        concrete_constructor::<10>,
        concrete_constructor::<11>,
    ];
    for (ty, f) in ElementType::ALL.into_iter().zip(ctors) {
        let k = ty as usize;
        let name = vm.key(ty.name());
        let c = vm.new_native_function(name, 3, f, true);
        // 23.2.6: the concrete constructors inherit from %TypedArray%.
        vm.heap.obj_mut(c).set_proto(Some(ta_ctor));
        intrinsics_mut(vm, realm).typed_array_constructors[k] = c;
        let p = intrinsics(vm, realm).typed_array_prototypes[k];
        link_constructor(vm, c, p);
        let size = Value::Number(ty.size() as f64);
        define_named(vm, c, "BYTES_PER_ELEMENT", size, Attrs::NONE);
        define_named(vm, p, "BYTES_PER_ELEMENT", size, Attrs::NONE);
        define_named(vm, global, ty.name(), Value::Object(c), Attrs::METHOD);
    }
    super::base64::init(vm, realm);
}

/// %TypedArray% ( ) (23.2.1.1): always throws.
fn typed_array_intrinsic(_vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    Err(JsError::type_error(
        "Abstract class TypedArray not directly constructable",
    ))
}

/// Allocates a TypedArray object with final slots.
fn new_typed_array(vm: &mut Vm, proto: ObjId, d: TypedArrayData) -> ObjId {
    vm.alloc_object(ObjectKind::TypedArray(Box::new(d)), Some(proto))
}

/// AllocateTypedArrayBuffer (23.2.5.1.6) for a fresh object: a new
/// %ArrayBuffer% of `len` elements and a view of all of it.
fn allocate_with_length(vm: &mut Vm, proto: ObjId, ty: ElementType, len: u64) -> JsResult<ObjId> {
    let byte_len = len
        .checked_mul(ty.size() as u64)
        .ok_or_else(|| JsError::range_error("Invalid typed array length"))?;
    let buffer = allocate_array_buffer(vm, byte_len)?;
    Ok(new_typed_array(
        vm,
        proto,
        TypedArrayData {
            buffer,
            ty,
            byte_offset: 0,
            length: Some(len as usize),
        },
    ))
}

/// TypedArray ( ...args ) (23.2.5.1) for element type K.
fn concrete_constructor<const K: usize>(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let ty = ElementType::ALL[K];
    let Some(nt) = args.new_target else {
        return Err(JsError::type_error(format!(
            "Constructor {} requires 'new'",
            ty.name()
        )));
    };
    let first = args.arg(0);
    let Value::Object(src) = first else {
        // A length (or no argument at all).
        let len = if args.args.is_empty() {
            0.0
        } else {
            vm.to_index(first)?
        };
        let proto = vm.get_prototype_from_constructor(nt, proto_selector(ty))?;
        return Ok(Value::Object(allocate_with_length(
            vm, proto, ty, len as u64,
        )?));
    };
    let proto = vm.get_prototype_from_constructor(nt, proto_selector(ty))?;
    vm.push_root(Value::Object(proto));
    if let Some(sd) = ta_data(&vm.heap, src) {
        return from_typed_array(vm, proto, ty, sd).map(Value::Object);
    }
    if buffer_data(&vm.heap, src).is_some() {
        return from_array_buffer(vm, proto, ty, src, args.arg(1), args.arg(2)).map(Value::Object);
    }
    let iter_sym = vm.symbols.iterator;
    let using_iterator = vm.get_method(first, PropertyKey::Symbol(iter_sym))?;
    if let Some(m) = using_iterator {
        let rec = super::super::array::get_iterator_from_method(vm, first, m)?;
        let values = iterator_to_list(vm, rec)?;
        return from_list(vm, proto, ty, &values).map(Value::Object);
    }
    from_array_like(vm, proto, ty, src).map(Value::Object)
}

/// IteratorToList(iteratorRecord) with every value rooted.
fn iterator_to_list(vm: &mut Vm, mut rec: crate::ops::IteratorRecord) -> JsResult<Vec<Value>> {
    vm.push_root(Value::Object(rec.iterator));
    vm.push_root(rec.next_method);
    let mut out = Vec::new();
    while let Some(v) = vm.iterator_step_value(&mut rec)? {
        vm.push_root(v);
        out.push(v);
    }
    Ok(out)
}

/// InitializeTypedArrayFromTypedArray (23.2.5.1.2).
fn from_typed_array(
    vm: &mut Vm,
    proto: ObjId,
    ty: ElementType,
    sd: TypedArrayData,
) -> JsResult<ObjId> {
    let Some(len) = view_length(&vm.heap, &sd) else {
        return Err(super::out_of_bounds(ty.name()));
    };
    let byte_len = len * ty.size();
    let buffer = if sd.ty == ty {
        clone_array_buffer(vm, sd.buffer, sd.byte_offset, byte_len)?
    } else {
        let buffer = allocate_array_buffer(vm, byte_len as u64)?;
        if sd.ty.is_bigint() != ty.is_bigint() {
            return Err(JsError::type_error(format!(
                "Cannot mix BigInt and other types: a {} cannot be made from a {}",
                ty.name(),
                sd.ty.name()
            )));
        }
        let src_range = sd.byte_offset..sd.byte_offset + len * sd.ty.size();
        let src_bytes = try_copy(bytes(&vm.heap, sd.buffer).get(src_range).unwrap_or(&[]))?;
        let dst = bytes_mut(&mut vm.heap, buffer);
        for i in 0..len {
            if let Some(n) = sd.ty.read_raw(&src_bytes, i * sd.ty.size()) {
                ty.write(dst, i * ty.size(), n, true);
            }
        }
        buffer
    };
    Ok(new_typed_array(
        vm,
        proto,
        TypedArrayData {
            buffer,
            ty,
            byte_offset: 0,
            length: Some(len),
        },
    ))
}

/// InitializeTypedArrayFromArrayBuffer (23.2.5.1.3).
fn from_array_buffer(
    vm: &mut Vm,
    proto: ObjId,
    ty: ElementType,
    buffer: ObjId,
    byte_offset: Value,
    length: Value,
) -> JsResult<ObjId> {
    let size = ty.size();
    let offset = vm.to_index(byte_offset)?;
    if offset % size as f64 != 0.0 {
        return Err(JsError::range_error(format!(
            "start offset of {} should be a multiple of {size}",
            ty.name()
        )));
    }
    let fixed = is_fixed_length(&vm.heap, buffer);
    let new_length = if length.is_undefined() {
        None
    } else {
        Some(vm.to_index(length)?)
    };
    if is_detached(&vm.heap, buffer) {
        return Err(JsError::type_error(format!(
            "Cannot construct a {} on a detached ArrayBuffer",
            ty.name()
        )));
    }
    let buf_len = byte_length(&vm.heap, buffer) as f64;
    let array_length = match new_length {
        None if !fixed => {
            if offset > buf_len {
                return Err(JsError::range_error(format!(
                    "Start offset {offset} is outside the bounds of the buffer"
                )));
            }
            None
        }
        None => {
            if buf_len % size as f64 != 0.0 {
                return Err(JsError::range_error(format!(
                    "byte length of {} should be a multiple of {size}",
                    ty.name()
                )));
            }
            let n = buf_len - offset;
            if n < 0.0 {
                return Err(JsError::range_error(format!(
                    "Start offset {offset} is outside the bounds of the buffer"
                )));
            }
            Some((n / size as f64) as usize)
        }
        Some(l) => {
            if offset + l * size as f64 > buf_len {
                return Err(JsError::range_error(format!(
                    "Invalid typed array length: {l}"
                )));
            }
            Some(l as usize)
        }
    };
    Ok(new_typed_array(
        vm,
        proto,
        TypedArrayData {
            buffer,
            ty,
            byte_offset: offset as usize,
            length: array_length,
        },
    ))
}

/// InitializeTypedArrayFromList (23.2.5.1.4).
fn from_list(vm: &mut Vm, proto: ObjId, ty: ElementType, values: &[Value]) -> JsResult<ObjId> {
    let o = allocate_with_length(vm, proto, ty, values.len() as u64)?;
    vm.push_root(Value::Object(o));
    for (k, &v) in values.iter().enumerate() {
        set_element(vm, o, k as f64, v)?;
    }
    Ok(o)
}

/// InitializeTypedArrayFromArrayLike (23.2.5.1.5).
fn from_array_like(vm: &mut Vm, proto: ObjId, ty: ElementType, src: ObjId) -> JsResult<ObjId> {
    let len = vm.length_of_array_like(src)? as u64;
    let o = allocate_with_length(vm, proto, ty, len)?;
    vm.push_root(Value::Object(o));
    for k in 0..len {
        let key = index_key(vm, k);
        let v = vm.get_prop(src, key)?;
        set_element(vm, o, k as f64, v)?;
    }
    Ok(o)
}

/// TypedArrayCreateFromConstructor ( constructor, argumentList
/// [ , accessMode ] ) (23.2.4.2): Construct, then ValidateTypedArray (which
/// for `AccessMode::Write` refuses a view of an immutable buffer), then (for
/// a single length argument) check the new array is long enough.
pub fn typed_array_create_from_constructor(
    vm: &mut Vm,
    ctor: Value,
    args: &[Value],
    mode: AccessMode,
) -> JsResult<ObjId> {
    let new = vm.construct(ctor, args, None)?;
    let (o, len) = validate_access(vm, new, mode, "TypedArray species constructor")?;
    if let [Value::Number(n)] = args {
        if (len as f64) < *n {
            return Err(JsError::type_error(
                "TypedArray species constructor returned a too-short typed array",
            ));
        }
    }
    Ok(o)
}

/// TypedArraySpeciesCreate ( exemplar, argumentList [ , accessMode ] )
/// (23.2.4.1).
pub fn typed_array_species_create(
    vm: &mut Vm,
    exemplar: ObjId,
    args: &[Value],
    mode: AccessMode,
) -> JsResult<ObjId> {
    let ty = ta_data(&vm.heap, exemplar).map_or(ElementType::Uint8, |d| d.ty);
    let default = current(vm).typed_array_constructors[ty as usize];
    let ctor = vm.species_constructor(exemplar, default)?;
    let result = typed_array_create_from_constructor(vm, ctor, args, mode)?;
    let result_ty = ta_data(&vm.heap, result).map_or(ty, |d| d.ty);
    if result_ty.is_bigint() != ty.is_bigint() {
        return Err(JsError::type_error(format!(
            "TypedArray species constructor returned a {} for a {}",
            result_ty.name(),
            ty.name()
        )));
    }
    Ok(result)
}

/// TypedArrayCreateSameType ( exemplar, argumentList ) (23.2.4.3) for a
/// length.
pub(super) fn typed_array_create_same_type(
    vm: &mut Vm,
    exemplar: ObjId,
    len: usize,
) -> JsResult<ObjId> {
    let ty = ta_data(&vm.heap, exemplar).map_or(ElementType::Uint8, |d| d.ty);
    let ctor = current(vm).typed_array_constructors[ty as usize];
    typed_array_create_from_constructor(
        vm,
        Value::Object(ctor),
        &[Value::Number(len as f64)],
        AccessMode::Read,
    )
}

/// %TypedArray%.from ( source [ , mapfn [ , thisArg ] ] ) (23.2.2.1).
fn typed_array_from(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let c = args.this;
    if !vm.is_constructor(c) {
        return Err(JsError::type_error(
            "TypedArray.from: this is not a constructor",
        ));
    }
    let (source, mapfn, this_arg) = (args.arg(0), args.arg(1), args.arg(2));
    let mapping = !mapfn.is_undefined();
    if mapping && !vm.is_callable(mapfn) {
        return Err(JsError::type_error(
            "TypedArray.from: the map function is not callable",
        ));
    }
    let iter_sym = vm.symbols.iterator;
    let using_iterator = vm.get_method(source, PropertyKey::Symbol(iter_sym))?;
    let mapped = Slot::new(vm, Value::Undefined);
    if let Some(m) = using_iterator {
        let rec = super::super::array::get_iterator_from_method(vm, source, m)?;
        let values = iterator_to_list(vm, rec)?;
        let len = values.len();
        let target = typed_array_create_from_constructor(
            vm,
            c,
            &[Value::Number(len as f64)],
            AccessMode::Write,
        )?;
        vm.push_root(Value::Object(target));
        for (k, &v) in values.iter().enumerate() {
            let v = if mapping {
                vm.call(mapfn, this_arg, &[v, Value::Number(k as f64)])?
            } else {
                v
            };
            mapped.set(vm, v);
            let key = index_key(vm, k as u64);
            vm.set_prop(target, key, v, true)?;
        }
        return Ok(Value::Object(target));
    }
    let array_like = vm.to_object(source)?;
    vm.push_root(Value::Object(array_like));
    let len = vm.length_of_array_like(array_like)?;
    let target =
        typed_array_create_from_constructor(vm, c, &[Value::Number(len)], AccessMode::Write)?;
    vm.push_root(Value::Object(target));
    for k in 0..len as u64 {
        let key = index_key(vm, k);
        let v = vm.get_prop(array_like, key)?;
        let v = if mapping {
            mapped.set(vm, v);
            vm.call(mapfn, this_arg, &[v, Value::Number(k as f64)])?
        } else {
            v
        };
        mapped.set(vm, v);
        vm.set_prop(target, key, v, true)?;
    }
    Ok(Value::Object(target))
}

/// %TypedArray%.of ( ...items ) (23.2.2.2).
fn typed_array_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let c = args.this;
    if !vm.is_constructor(c) {
        return Err(JsError::type_error(
            "TypedArray.of: this is not a constructor",
        ));
    }
    let len = args.args.len();
    let target = typed_array_create_from_constructor(
        vm,
        c,
        &[Value::Number(len as f64)],
        AccessMode::Write,
    )?;
    vm.push_root(Value::Object(target));
    for (k, &v) in args.args.iter().enumerate() {
        let key = index_key(vm, k as u64);
        vm.set_prop(target, key, v, true)?;
    }
    Ok(Value::Object(target))
}
