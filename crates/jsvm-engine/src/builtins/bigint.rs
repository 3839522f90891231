//! The BigInt constructor and BigInt.prototype (ECMAScript 21.2):
//! `BigInt(value)` (callable, not constructible), `BigInt.asIntN` /
//! `BigInt.asUintN`, and `toString(radix)`, `toLocaleString`, `valueOf`,
//! `@@toStringTag` on the prototype. BigInt wrapper objects are
//! `ObjectKind::BigInt` (made by ToObject, e.g. `Object(1n)`).
//!
//! Invariant: every prototype method reads its receiver through
//! `this_bigint_value` before converting any argument, as the spec orders it.

use crate::bigint;
use crate::error::{JsError, JsResult};
use crate::function::{CallArgs, NativeFn};
use crate::object::kind::ObjectKind;
use crate::ops::PreferredType;
use crate::value::{BigIntValue, RealmId, Value};
use crate::vm::Vm;

use super::support::{define_to_string_tag, intrinsics, intrinsics_mut, kind, link_constructor};

pub fn init(vm: &mut Vm, realm: RealmId) {
    vm.with_realm(realm, |vm| {
        let proto = intrinsics(vm, realm).bigint_prototype;
        let name = vm.key("BigInt");
        let ctor = vm.new_native_function(name, 1, bigint_ctor, true);
        intrinsics_mut(vm, realm).bigint = ctor;
        link_constructor(vm, ctor, proto);
        vm.define_method(ctor, "asIntN", 2, as_int_n);
        vm.define_method(ctor, "asUintN", 2, as_uint_n);
        let methods: &[(&str, u32, NativeFn)] = &[
            ("toLocaleString", 0, to_locale_string),
            ("toString", 0, to_string),
            ("valueOf", 0, value_of),
        ];
        for &(name, len, f) in methods {
            vm.define_method(proto, name, len, f);
        }
        define_to_string_tag(vm, proto, "BigInt");
        let global = vm.realms[realm.0 as usize].global_object;
        super::support::define_named(
            vm,
            global,
            "BigInt",
            Value::Object(ctor),
            crate::property::Attrs::METHOD,
        );
    });
}

/// BigInt(value) (21.2.1.1).
fn bigint_ctor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    if args.new_target.is_some() {
        return Err(JsError::type_error("BigInt is not a constructor"));
    }
    let prim = vm.to_primitive(args.arg(0), PreferredType::Number)?;
    if let Value::Number(n) = prim {
        return Ok(Value::BigInt(bigint::number_to_bigint(&mut vm.heap, n)?));
    }
    Ok(Value::BigInt(vm.to_bigint(prim)?))
}

/// BigInt.asIntN(bits, bigint) (21.2.2.1).
fn as_int_n(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let bits = vm.to_index(args.arg(0))?;
    let b = vm.to_bigint(args.arg(1))?;
    Ok(Value::BigInt(bigint::as_int_n(
        &mut vm.heap,
        bits as u64,
        b,
    )?))
}

/// BigInt.asUintN(bits, bigint) (21.2.2.2).
fn as_uint_n(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let bits = vm.to_index(args.arg(0))?;
    let b = vm.to_bigint(args.arg(1))?;
    Ok(Value::BigInt(bigint::as_uint_n(
        &mut vm.heap,
        bits as u64,
        b,
    )?))
}

/// ThisBigIntValue(value) (21.2.3.4.1).
pub fn this_bigint_value(vm: &Vm, v: Value, method: &str) -> JsResult<BigIntValue> {
    match v {
        Value::BigInt(b) => Ok(b),
        Value::Object(o) => match kind(vm, o) {
            ObjectKind::BigInt(b) => Ok(*b),
            _ => Err(not_a_bigint(method)),
        },
        _ => Err(not_a_bigint(method)),
    }
}

fn not_a_bigint(method: &str) -> JsError {
    JsError::type_error(format!(
        "BigInt.prototype.{method} requires that 'this' be a BigInt"
    ))
}

/// BigInt.prototype.toString([radix]) (21.2.3.3).
fn to_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let x = this_bigint_value(vm, args.this, "toString")?;
    let r = args.arg(0);
    let radix = if r.is_undefined() {
        10.0
    } else {
        vm.to_integer_or_infinity(r)?
    };
    if !(2.0..=36.0).contains(&radix) {
        return Err(JsError::range_error(
            "toString() radix must be between 2 and 36",
        ));
    }
    Ok(Value::String(vm.bigint_to_str(x, radix as u32)))
}

/// BigInt.prototype.toLocaleString() (21.2.3.2): without Intl, the en-US
/// rendering Node gives by default (digits grouped by commas).
fn to_locale_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let x = this_bigint_value(vm, args.this, "toLocaleString")?;
    let digits = vm.bigint_to_rust_string(x);
    let s = vm.new_string(&group_thousands(&digits));
    Ok(Value::String(s))
}

/// "-1234567" -> "-1,234,567".
fn group_thousands(digits: &str) -> String {
    let (sign, body) = match digits.strip_prefix('-') {
        Some(b) => ("-", b),
        None => ("", digits),
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    out.push_str(sign);
    for (i, c) in body.chars().enumerate() {
        if i > 0 && (body.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// BigInt.prototype.valueOf() (21.2.3.4).
fn value_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::BigInt(this_bigint_value(vm, args.this, "valueOf")?))
}

#[cfg(test)]
mod tests {
    use super::group_thousands;

    #[test]
    fn grouping() {
        assert_eq!(group_thousands("0"), "0");
        assert_eq!(group_thousands("999"), "999");
        assert_eq!(group_thousands("1000"), "1,000");
        assert_eq!(group_thousands("-1234567"), "-1,234,567");
    }
}
