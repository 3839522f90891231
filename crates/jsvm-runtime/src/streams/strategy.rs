//! Queuing strategies (Streams §7): `CountQueuingStrategy` and
//! `ByteLengthQueuingStrategy` (`highWaterMark` and a shared `size`
//! function), and ExtractHighWaterMark / ExtractSizeAlgorithm for the
//! `strategy` argument of `new ReadableStream`.
//!
//! Invariant: a strategy's high-water mark is fixed at construction.

use jsvm_engine::api::CallArgs;
use jsvm_engine::error::{JsError, JsResult};
use jsvm_engine::value::Value;
use jsvm_engine::vm::Vm;

use crate::host_object::{self as ho, Brand};

const Q_HWM: u32 = 1;

pub fn install(vm: &mut Vm) {
    type F = jsvm_engine::function::NativeFn;
    let classes: [(&str, F, F, Brand); 2] = [
        (
            "CountQueuingStrategy",
            count_ctor,
            count_size,
            Brand::CountStrategy,
        ),
        (
            "ByteLengthQueuingStrategy",
            byte_length_ctor,
            byte_length_size,
            Brand::ByteLengthStrategy,
        ),
    ];
    for (name, ctor, size, brand) in classes {
        let (_, proto) = ho::define_class(vm, name, 1, ctor, None);
        ho::register_proto(brand, proto);
        ho::getter(vm, proto, "highWaterMark", get_hwm);
        // WebIDL makes `size` a getter returning this function; a data
        // property holding it reads the same.
        let key = vm.key("size");
        let f = vm.new_native_function(key, 1, size, false);
        vm.define_value(proto, key, Value::Object(f), jsvm_engine::api::Attrs::ALL);
    }
}

fn construct(vm: &mut Vm, a: &CallArgs, name: &str, brand: Brand) -> JsResult<Value> {
    let init = a.arg(0);
    if !init.is_object() {
        return Err(JsError::type_error(format!(
            "Failed to construct '{name}': The \"init\" argument must be of type object"
        )));
    }
    let hwm = ho::dict_member(vm, init, "highWaterMark")?;
    if hwm.is_undefined() {
        return Err(JsError::type_error(format!(
            "Failed to construct '{name}': The \"init.highWaterMark\" property must be of type number"
        )));
    }
    let hwm = vm.to_number(hwm)?;
    let o = ho::construct_this(vm, a, name, brand)?;
    let rec = ho::attach(vm, o, brand, 1);
    ho::set(vm, rec, Q_HWM, Value::Number(hwm));
    Ok(Value::Object(o))
}

fn count_ctor(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    construct(vm, a, "CountQueuingStrategy", Brand::CountStrategy)
}

fn byte_length_ctor(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    construct(
        vm,
        a,
        "ByteLengthQueuingStrategy",
        Brand::ByteLengthStrategy,
    )
}

fn get_hwm(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let rec = match ho::record(vm, a.this, Brand::CountStrategy) {
        Some(r) => r,
        None => ho::require(vm, a.this, Brand::ByteLengthStrategy)?,
    };
    Ok(ho::get(vm, rec, Q_HWM))
}

fn count_size(_vm: &mut Vm, _a: &CallArgs) -> JsResult<Value> {
    Ok(Value::Number(1.0))
}

fn byte_length_size(vm: &mut Vm, a: &CallArgs) -> JsResult<Value> {
    let chunk = a.arg(0);
    let key = vm.key("byteLength");
    vm.get_v(chunk, key)
}

/// ExtractHighWaterMark and ExtractSizeAlgorithm of a QueuingStrategy
/// dictionary: (high-water mark, size function or undefined).
pub fn extract(vm: &mut Vm, strategy: Value, default_hwm: f64) -> JsResult<(f64, Value)> {
    if !strategy.is_nullish() && !strategy.is_object() {
        return Err(JsError::type_error(
            "The \"strategy\" argument must be of type object",
        ));
    }
    let hwm = ho::dict_member(vm, strategy, "highWaterMark")?;
    let hwm = if hwm.is_undefined() {
        default_hwm
    } else {
        vm.to_number(hwm)?
    };
    let size = ho::dict_member(vm, strategy, "size")?;
    if !size.is_undefined() && !vm.is_callable(size) {
        return Err(JsError::type_error(
            "The \"strategy.size\" property must be of type function",
        ));
    }
    if hwm.is_nan() || hwm < 0.0 {
        return Err(JsError::range_error(format!(
            "The value of \"strategy.highWaterMark\" is invalid. Received {}",
            crate::inspect::format_number(hwm)
        )));
    }
    Ok((hwm, size))
}
