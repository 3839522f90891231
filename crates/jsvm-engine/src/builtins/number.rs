//! The Number constructor, its static properties and Number.prototype
//! (ECMAScript 21.1), plus the global `parseInt` / `parseFloat` functions,
//! which are created here and installed both as `Number.parseInt` /
//! `Number.parseFloat` and on the realm's global object (the same function
//! objects, as the spec requires).
//!
//! Invariant: every prototype method reads its receiver through
//! `this_number_value` before converting any argument, as the spec orders it.

use crate::error::{JsError, JsResult};
use crate::function::{CallArgs, NativeFn};
use crate::num;
use crate::object::kind::ObjectKind;
use crate::property::Attrs;
use crate::value::{RealmId, Value};
use crate::vm::Vm;

use super::support::{
    define_named, intrinsics, intrinsics_mut, kind, link_constructor, new_object_with_kind,
};

pub fn init(vm: &mut Vm, realm: RealmId) {
    vm.with_realm(realm, |vm| {
        let proto = intrinsics(vm, realm).number_prototype;
        let name = vm.key("Number");
        let ctor = vm.new_native_function(name, 1, number_ctor, true);
        intrinsics_mut(vm, realm).number = ctor;
        link_constructor(vm, ctor, proto);

        let consts: [(&str, f64); 8] = [
            ("EPSILON", f64::EPSILON),
            ("MAX_SAFE_INTEGER", 9007199254740991.0),
            ("MIN_SAFE_INTEGER", -9007199254740991.0),
            ("MAX_VALUE", f64::MAX),
            ("MIN_VALUE", 5e-324),
            ("NaN", f64::NAN),
            ("NEGATIVE_INFINITY", f64::NEG_INFINITY),
            ("POSITIVE_INFINITY", f64::INFINITY),
        ];
        for (name, v) in consts {
            define_named(vm, ctor, name, Value::Number(v), Attrs::NONE);
        }
        let statics: &[(&str, u32, NativeFn)] = &[
            ("isFinite", 1, is_finite),
            ("isInteger", 1, is_integer),
            ("isNaN", 1, is_nan),
            ("isSafeInteger", 1, is_safe_integer),
        ];
        for &(name, len, f) in statics {
            vm.define_method(ctor, name, len, f);
        }
        // parseFloat / parseInt: one function object each, shared with the
        // global object.
        let global = vm.realms[realm.0 as usize].global_object;
        let parse_float_fn = vm.define_method(ctor, "parseFloat", 1, parse_float);
        let parse_int_fn = vm.define_method(ctor, "parseInt", 2, parse_int);
        define_named(
            vm,
            global,
            "parseFloat",
            Value::Object(parse_float_fn),
            Attrs::METHOD,
        );
        define_named(
            vm,
            global,
            "parseInt",
            Value::Object(parse_int_fn),
            Attrs::METHOD,
        );

        let methods: &[(&str, u32, NativeFn)] = &[
            ("toExponential", 1, to_exponential),
            ("toFixed", 1, to_fixed),
            ("toLocaleString", 0, to_locale_string),
            ("toPrecision", 1, to_precision),
            ("toString", 1, to_string),
            ("valueOf", 0, value_of),
        ];
        for &(name, len, f) in methods {
            vm.define_method(proto, name, len, f);
        }
    });
}

/// thisNumberValue(value) (21.1.3.7.1).
pub fn this_number_value(vm: &Vm, v: Value, method: &str) -> JsResult<f64> {
    match v {
        Value::Number(n) => Ok(n),
        Value::Object(o) => match kind(vm, o) {
            ObjectKind::Number(n) => Ok(*n),
            _ => Err(not_a_number(method)),
        },
        _ => Err(not_a_number(method)),
    }
}

fn not_a_number(method: &str) -> JsError {
    JsError::type_error(format!(
        "Number.prototype.{method} requires that 'this' be a Number"
    ))
}

/// Number(value) (21.1.1.1).
fn number_ctor(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let n = if args.args.is_empty() {
        0.0
    } else {
        // ToNumeric; a BigInt becomes the Number nearest to its value.
        match vm.to_numeric(args.arg(0))? {
            Value::BigInt(b) => crate::bigint::to_f64(&vm.heap, b),
            v => v.as_number().unwrap_or(f64::NAN),
        }
    };
    let Some(nt) = args.new_target else {
        return Ok(Value::Number(n));
    };
    let proto = vm.get_prototype_from_constructor(nt, |i| i.number_prototype)?;
    Ok(Value::Object(new_object_with_kind(
        vm,
        Some(proto),
        ObjectKind::Number(n),
    )))
}

fn is_finite(_vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Boolean(
        matches!(args.arg(0), Value::Number(n) if n.is_finite()),
    ))
}

fn is_integer(_vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Boolean(
        matches!(args.arg(0), Value::Number(n) if num::is_integral_number(n)),
    ))
}

fn is_nan(_vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Boolean(
        matches!(args.arg(0), Value::Number(n) if n.is_nan()),
    ))
}

fn is_safe_integer(_vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Boolean(matches!(
        args.arg(0),
        Value::Number(n) if num::is_integral_number(n) && n.abs() <= 9007199254740991.0
    )))
}

/// parseFloat(string) (19.2.4).
fn parse_float(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = vm.to_string(args.arg(0))?;
    let units = vm.string_units(s);
    Ok(Value::Number(num::parse_float(&units)))
}

/// parseInt(string, radix) (19.2.5).
fn parse_int(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let s = vm.to_string(args.arg(0))?;
    vm.push_root(Value::String(s));
    let radix = vm.to_int32(args.arg(1))?;
    let units = vm.string_units(s);
    Ok(Value::Number(num::parse_int(&units, radix)))
}

/// Number.prototype.toExponential(fractionDigits) (21.1.3.2).
fn to_exponential(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let x = this_number_value(vm, args.this, "toExponential")?;
    let fd = args.arg(0);
    let f = vm.to_integer_or_infinity(fd)?;
    if !x.is_finite() {
        let s = vm.new_string(&num::number_to_string(x));
        return Ok(Value::String(s));
    }
    if !(0.0..=100.0).contains(&f) {
        return Err(JsError::range_error(
            "toExponential() argument must be between 0 and 100",
        ));
    }
    let digits = if fd.is_undefined() {
        None
    } else {
        Some(f as u32)
    };
    let s = vm.new_string(&num::to_exponential(x, digits));
    Ok(Value::String(s))
}

/// Number.prototype.toFixed(fractionDigits) (21.1.3.3).
fn to_fixed(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let x = this_number_value(vm, args.this, "toFixed")?;
    let f = vm.to_integer_or_infinity(args.arg(0))?;
    if !f.is_finite() || !(0.0..=100.0).contains(&f) {
        return Err(JsError::range_error(
            "toFixed() digits argument must be between 0 and 100",
        ));
    }
    let s = vm.new_string(&num::to_fixed(x, f as u32));
    Ok(Value::String(s))
}

/// Number.prototype.toPrecision(precision) (21.1.3.5).
fn to_precision(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let x = this_number_value(vm, args.this, "toPrecision")?;
    let p = args.arg(0);
    if p.is_undefined() {
        let s = vm.new_string(&num::number_to_string(x));
        return Ok(Value::String(s));
    }
    let p = vm.to_integer_or_infinity(p)?;
    if !x.is_finite() {
        let s = vm.new_string(&num::number_to_string(x));
        return Ok(Value::String(s));
    }
    if !(1.0..=100.0).contains(&p) {
        return Err(JsError::range_error(
            "toPrecision() argument must be between 1 and 100",
        ));
    }
    let s = vm.new_string(&num::to_precision(x, p as u32));
    Ok(Value::String(s))
}

/// Number.prototype.toString(radix) (21.1.3.6).
fn to_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let x = this_number_value(vm, args.this, "toString")?;
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
    let text = if radix == 10.0 {
        num::number_to_string(x)
    } else {
        num::number_to_string_radix(x, radix as u32)
    };
    let s = vm.new_string(&text);
    Ok(Value::String(s))
}

/// Number.prototype.toLocaleString() (21.1.3.4): an en-US style rendering
/// (grouping commas, at most three fraction digits), as Node prints it
/// without an explicit locale.
fn to_locale_string(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let x = this_number_value(vm, args.this, "toLocaleString")?;
    let s = vm.new_string(&locale_format(x));
    Ok(Value::String(s))
}

/// en-US number formatting: "1,234.568", "-0", "∞", "NaN".
pub fn locale_format(x: f64) -> String {
    if x.is_nan() {
        return "NaN".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 {
            "∞".to_string()
        } else {
            "-∞".to_string()
        };
    }
    if x.abs() >= 1e21 {
        return num::number_to_string(x);
    }
    let fixed = num::to_fixed(x.abs(), 3);
    let (int_part, frac_part) = match fixed.split_once('.') {
        Some((i, f)) => (i.to_string(), f.trim_end_matches('0').to_string()),
        None => (fixed.clone(), String::new()),
    };
    let mut out = String::new();
    if x < 0.0 || (x == 0.0 && x.is_sign_negative()) {
        out.push('-');
    }
    let bytes = int_part.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if i > 0 && (bytes.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(b as char);
    }
    if !frac_part.is_empty() {
        out.push('.');
        out.push_str(&frac_part);
    }
    out
}

/// Number.prototype.valueOf() (21.1.3.7).
fn value_of(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Number(this_number_value(vm, args.this, "valueOf")?))
}

#[cfg(test)]
mod tests {
    use super::super::support::testing::*;
    use super::locale_format;
    use crate::value::Value;

    #[test]
    fn methods() {
        let mut vm = vm();
        let r = call(&mut vm, "Number.prototype.toString", n(255.0), &[n(16.0)]).unwrap();
        assert_eq!(text(&mut vm, r), "ff");
        let r = call(&mut vm, "Number.prototype.toString", n(1.0), &[n(1.0)]);
        assert!(err_text(&mut vm, r).starts_with("RangeError"));
        let r = call(&mut vm, "Number.prototype.toFixed", n(1.005), &[n(2.0)]).unwrap();
        assert_eq!(text(&mut vm, r), "1.00");
        let r = call(
            &mut vm,
            "Number.prototype.toPrecision",
            n(123.456),
            &[n(4.0)],
        )
        .unwrap();
        assert_eq!(text(&mut vm, r), "123.5");
        let r = call(&mut vm, "Number.prototype.toExponential", n(0.0), &[]).unwrap();
        assert_eq!(text(&mut vm, r), "0e+0");
        let st = s(&mut vm, "x");
        let r = call(&mut vm, "Number.prototype.valueOf", st, &[]);
        assert!(err_text(&mut vm, r).starts_with("TypeError"));
        let pi = path(&mut vm, "Number.parseInt");
        let gi = path(&mut vm, "parseInt");
        assert!(vm.same_value(pi, gi));
        let st = s(&mut vm, "  0x1F");
        let r = call(&mut vm, "parseInt", Value::Undefined, &[st]).unwrap();
        assert_eq!(r.as_number(), Some(31.0));
        let r = call(
            &mut vm,
            "Number.isSafeInteger",
            Value::Undefined,
            &[n(2f64.powi(53))],
        )
        .unwrap();
        assert!(matches!(r, Value::Boolean(false)));
        let st = s(&mut vm, " 12 ");
        let r = call(&mut vm, "Number", Value::Undefined, &[st]).unwrap();
        assert_eq!(r.as_number(), Some(12.0));
    }

    #[test]
    fn math() {
        let mut vm = vm();
        let r = call(
            &mut vm,
            "Math.max",
            Value::Undefined,
            &[n(1.0), n(3.0), n(2.0)],
        )
        .unwrap();
        assert_eq!(r.as_number(), Some(3.0));
        let r = call(&mut vm, "Math.max", Value::Undefined, &[]).unwrap();
        assert_eq!(r.as_number(), Some(f64::NEG_INFINITY));
        let r = call(&mut vm, "Math.round", Value::Undefined, &[n(-0.4)]).unwrap();
        assert!(r
            .as_number()
            .is_some_and(|x| x == 0.0 && x.is_sign_negative()));
        let r = call(&mut vm, "Math.random", Value::Undefined, &[]).unwrap();
        assert!(r.as_number().is_some_and(|x| (0.0..1.0).contains(&x)));
        let r = call(
            &mut vm,
            "Math.imul",
            Value::Undefined,
            &[n(0xffffffffu32 as f64), n(5.0)],
        )
        .unwrap();
        assert_eq!(r.as_number(), Some(-5.0));
        let list = arr(&mut vm, &[n(1e20), n(0.1), n(-1e20)]);
        let r = call(&mut vm, "Math.sumPrecise", Value::Undefined, &[list]).unwrap();
        assert_eq!(r.as_number(), Some(0.1));
    }

    #[test]
    fn locale() {
        assert_eq!(locale_format(1234.5), "1,234.5");
        assert_eq!(locale_format(1234567.891234), "1,234,567.891");
        assert_eq!(locale_format(-0.0), "-0");
        assert_eq!(locale_format(12.0), "12");
        assert_eq!(locale_format(f64::INFINITY), "∞");
    }
}
