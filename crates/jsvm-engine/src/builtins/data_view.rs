//! DataView (ECMAScript 25.3): the constructor, the `buffer` / `byteLength`
//! / `byteOffset` getters, and the get/set methods for every element type
//! (GetViewValue / SetViewValue, 25.3.1.5-6), getBigInt64 / setBigUint64 and
//! friends included, with views of resizable buffers that track the
//! buffer's length.
//!
//! Invariant: a DataView's slots never change after construction; whether it
//! is in bounds is recomputed from the buffer at every access
//! (IsViewOutOfBounds), because any JS call may detach or resize the buffer.
//! The set methods never write to an immutable buffer: they throw first.

use crate::error::{JsError, JsResult};
use crate::function::{CallArgs, NativeFn};
use crate::object::kind::ObjectKind;
use crate::property::Attrs;
use crate::value::{ObjId, RealmId, Value};
use crate::vm::Vm;

use super::array_buffer::{
    buffer_data, byte_length, bytes, bytes_mut, is_detached, is_fixed_length, is_immutable,
};
use super::support::{define_named, define_to_string_tag, intrinsics, link_constructor};
use super::typed_array::ElementType;

/// The internal slots of a DataView.
#[derive(Clone, Copy, Debug)]
pub struct DataViewData {
    /// [[ViewedArrayBuffer]].
    pub buffer: ObjId,
    /// [[ByteOffset]].
    pub byte_offset: usize,
    /// [[ByteLength]]; `None` is ~auto~ (tracks a resizable buffer).
    pub byte_length: Option<usize>,
}

pub fn init(vm: &mut Vm, realm: RealmId) {
    vm.with_realm(realm, |vm| {
        let proto = intrinsics(vm, realm).data_view_prototype;
        let ctor = super::class_support::install_constructor(
            vm,
            realm,
            "DataView",
            1,
            data_view_constructor,
            |i, c| i.data_view = c,
        );
        link_constructor(vm, ctor, proto);
        let global = vm.realm(realm).global_object;
        define_named(vm, global, "DataView", Value::Object(ctor), Attrs::METHOD);
        let getters: &[(&str, NativeFn)] = &[
            ("buffer", get_buffer),
            ("byteLength", get_byte_length),
            ("byteOffset", get_byte_offset),
        ];
        for &(n, f) in getters {
            let key = vm.key(n);
            vm.define_accessor(proto, key, Some(f), None, Attrs::CONFIGURABLE_ONLY);
        }
        let methods: &[(&str, u32, NativeFn)] = &[
            ("getBigInt64", 1, get_value::<10>),
            ("getBigUint64", 1, get_value::<11>),
            ("getFloat16", 1, get_value::<7>),
            ("getFloat32", 1, get_value::<8>),
            ("getFloat64", 1, get_value::<9>),
            ("getInt8", 1, get_value::<0>),
            ("getInt16", 1, get_value::<3>),
            ("getInt32", 1, get_value::<5>),
            ("getUint8", 1, get_value::<1>),
            ("getUint16", 1, get_value::<4>),
            ("getUint32", 1, get_value::<6>),
            ("setBigInt64", 2, set_value::<10>),
            ("setBigUint64", 2, set_value::<11>),
            ("setFloat16", 2, set_value::<7>),
            ("setFloat32", 2, set_value::<8>),
            ("setFloat64", 2, set_value::<9>),
            ("setInt8", 2, set_value::<0>),
            ("setInt16", 2, set_value::<3>),
            ("setInt32", 2, set_value::<5>),
            ("setUint8", 2, set_value::<1>),
            ("setUint16", 2, set_value::<4>),
            ("setUint32", 2, set_value::<6>),
        ];
        for &(n, len, f) in methods {
            vm.define_method(proto, n, len, f);
        }
        define_to_string_tag(vm, proto, "DataView");
    });
}

/// DataView ( buffer [ , byteOffset [ , byteLength ] ] ) (25.3.2.1).
fn data_view_constructor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let Some(nt) = args.new_target else {
        return Err(JsError::type_error("Constructor DataView requires 'new'"));
    };
    let buffer = match args.arg(0).as_object() {
        Some(b) if buffer_data(&vm.heap, b).is_some() => b,
        _ => {
            return Err(JsError::type_error(
                "First argument to DataView constructor must be an ArrayBuffer",
            ))
        }
    };
    let offset = vm.to_index(args.arg(1))?;
    if is_detached(&vm.heap, buffer) {
        return Err(JsError::type_error(
            "Cannot construct a DataView on a detached ArrayBuffer",
        ));
    }
    let buf_len = byte_length(&vm.heap, buffer) as f64;
    if offset > buf_len {
        return Err(JsError::range_error(format!(
            "Start offset {offset} is outside the bounds of the buffer"
        )));
    }
    let length_arg = args.arg(2);
    let view_len: Option<f64> = if length_arg.is_undefined() {
        if is_fixed_length(&vm.heap, buffer) {
            Some(buf_len - offset)
        } else {
            None
        }
    } else {
        let l = vm.to_index(length_arg)?;
        if offset + l > buf_len {
            return Err(JsError::range_error(format!("Invalid DataView length {l}")));
        }
        Some(l)
    };
    let proto = vm.get_prototype_from_constructor(nt, |i| i.data_view_prototype)?;
    // The prototype lookup may have detached or shrunk the buffer.
    if is_detached(&vm.heap, buffer) {
        return Err(JsError::type_error(
            "Cannot construct a DataView on a detached ArrayBuffer",
        ));
    }
    let buf_len = byte_length(&vm.heap, buffer) as f64;
    if offset > buf_len {
        return Err(JsError::range_error(format!(
            "Start offset {offset} is outside the bounds of the buffer"
        )));
    }
    if !length_arg.is_undefined() {
        if let Some(l) = view_len {
            if offset + l > buf_len {
                return Err(JsError::range_error(format!("Invalid DataView length {l}")));
            }
        }
    }
    let data = DataViewData {
        buffer,
        byte_offset: offset as usize,
        byte_length: view_len.map(|l| l as usize),
    };
    let o = vm.alloc_object(ObjectKind::DataView(Box::new(data)), Some(proto));
    Ok(Value::Object(o))
}

/// RequireInternalSlot(view, [[DataView]]).
fn this_view(vm: &Vm, v: Value, method: &str) -> JsResult<DataViewData> {
    if let Some(o) = v.as_object() {
        if let ObjectKind::DataView(d) = &vm.heap.obj(o).kind {
            return Ok(**d);
        }
    }
    Err(JsError::type_error(format!(
        "DataView.prototype.{method} called on an incompatible receiver"
    )))
}

/// GetViewByteLength of a view that is in bounds; `None` when
/// IsViewOutOfBounds (25.3.1.3-4; detached counts as out of bounds).
fn view_byte_length(vm: &Vm, d: &DataViewData) -> Option<usize> {
    if is_detached(&vm.heap, d.buffer) {
        return None;
    }
    let buf_len = byte_length(&vm.heap, d.buffer);
    if d.byte_offset > buf_len {
        return None;
    }
    match d.byte_length {
        None => Some(buf_len - d.byte_offset),
        Some(n) => (d.byte_offset.checked_add(n)? <= buf_len).then_some(n),
    }
}

fn out_of_bounds(method: &str) -> JsError {
    JsError::type_error(format!(
        "DataView.prototype.{method}: the view is detached or out of bounds"
    ))
}

fn get_buffer(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let d = this_view(vm, args.this, "buffer")?;
    Ok(Value::Object(d.buffer))
}

fn get_byte_length(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let d = this_view(vm, args.this, "byteLength")?;
    match view_byte_length(vm, &d) {
        Some(n) => Ok(Value::Number(n as f64)),
        None => Err(out_of_bounds("byteLength")),
    }
}

fn get_byte_offset(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let d = this_view(vm, args.this, "byteOffset")?;
    match view_byte_length(vm, &d) {
        Some(_) => Ok(Value::Number(d.byte_offset as f64)),
        None => Err(out_of_bounds("byteOffset")),
    }
}

/// The buffer index of an access of `size` bytes at `index`, after the
/// bounds checks of GetViewValue / SetViewValue.
fn access_index(
    vm: &Vm,
    d: &DataViewData,
    index: f64,
    size: usize,
    method: &str,
) -> JsResult<usize> {
    let Some(view_size) = view_byte_length(vm, d) else {
        return Err(out_of_bounds(method));
    };
    if index + size as f64 > view_size as f64 {
        return Err(JsError::range_error(format!(
            "DataView.prototype.{method}: offset is outside the bounds of the DataView"
        )));
    }
    Ok(index as usize + d.byte_offset)
}

fn method_name(ty: ElementType, set: bool) -> String {
    let base = ty.name().trim_end_matches("Array");
    let base = if base == "Uint8Clamped" {
        "Uint8"
    } else {
        base
    };
    format!("{}{base}", if set { "set" } else { "get" })
}

/// GetViewValue ( view, requestIndex, isLittleEndian, type ) (25.3.1.5).
fn get_value<const K: usize>(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let ty = ElementType::ALL[K];
    let name = method_name(ty, false);
    let d = this_view(vm, args.this, &name)?;
    let index = vm.to_index(args.arg(0))?;
    let little = vm.to_boolean(args.arg(1));
    let at = access_index(vm, &d, index, ty.size(), &name)?;
    match ty.read(bytes(&vm.heap, d.buffer), at, little) {
        Some(v) => Ok(v),
        None => Err(out_of_bounds(&name)),
    }
}

/// SetViewValue ( view, requestIndex, isLittleEndian, type, value )
/// (25.3.1.6); a view of an immutable buffer throws before any argument is
/// converted (Immutable ArrayBuffer proposal).
fn set_value<const K: usize>(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let ty = ElementType::ALL[K];
    let name = method_name(ty, true);
    let d = this_view(vm, args.this, &name)?;
    if is_immutable(&vm.heap, d.buffer) {
        return Err(JsError::type_error(format!(
            "DataView.prototype.{name}: the DataView's buffer is immutable"
        )));
    }
    let index = vm.to_index(args.arg(0))?;
    let n = super::typed_array::to_element_value(vm, ty, args.arg(1))?;
    let little = vm.to_boolean(args.arg(2));
    let at = access_index(vm, &d, index, ty.size(), &name)?;
    ty.write(bytes_mut(&mut vm.heap, d.buffer), at, n, little);
    Ok(Value::Undefined)
}

impl Vm {
    /// What a formatter needs to show a DataView: its buffer, byteOffset and
    /// byteLength (0 and 0 when detached or out of bounds). None for other
    /// objects.
    pub fn data_view_info(&self, o: ObjId) -> Option<(ObjId, usize, usize)> {
        let ObjectKind::DataView(d) = &self.heap.obj(o).kind else {
            return None;
        };
        Some(match view_byte_length(self, d) {
            Some(n) => (d.buffer, d.byte_offset, n),
            None => (d.buffer, 0, 0),
        })
    }
}
