//! Slow paths of the operators (ECMAScript 13.5 - 13.15): the cases the
//! dispatch loop does not handle inline (anything but two Numbers, or two
//! Strings for `+`), BigInt operands included (6.1.6.2).
//!
//! Invariant: operands are converted in the spec's order (left operand
//! first, ToPrimitive before ToNumeric/ToString) and a primitive produced by
//! one conversion is rooted while the other one may run JS.

use crate::bigint::{self, BigOp, BigUnOp};
use crate::error::{JsError, JsResult};
use crate::num;
use crate::ops::PreferredType;
use crate::value::Value;
use crate::vm::Vm;
use std::cmp::Ordering;

/// A binary numeric operator (Number::* of 6.1.6.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NumOp {
    Sub,
    Mul,
    Div,
    Mod,
    Exp,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
    UShr,
}

/// Applies a numeric operator to two Numbers.
#[inline]
pub(crate) fn num_op(op: NumOp, a: f64, b: f64) -> f64 {
    match op {
        NumOp::Sub => a - b,
        NumOp::Mul => a * b,
        NumOp::Div => a / b,
        NumOp::Mod => js_mod(a, b),
        NumOp::Exp => num::pow(a, b),
        NumOp::BitAnd => (num::to_int32(a) & num::to_int32(b)) as f64,
        NumOp::BitOr => (num::to_int32(a) | num::to_int32(b)) as f64,
        NumOp::BitXor => (num::to_int32(a) ^ num::to_int32(b)) as f64,
        NumOp::Shl => num::to_int32(a).wrapping_shl(num::to_uint32(b) & 31) as f64,
        NumOp::Shr => (num::to_int32(a) >> (num::to_uint32(b) & 31)) as f64,
        NumOp::UShr => (num::to_uint32(a) >> (num::to_uint32(b) & 31)) as f64,
    }
}

/// Number::remainder (6.1.6.1.6): an integer fast path (the result takes
/// the dividend's sign, so a zero result of a negative dividend is -0),
/// else the C `fmod` semantics of Rust's `%`.
#[inline]
fn js_mod(a: f64, b: f64) -> f64 {
    let (ai, bi) = (a as i32, b as i32);
    if ai as f64 == a && bi as f64 == b && bi != 0 && bi != -1 {
        let r = ai % bi;
        if r == 0 && a.is_sign_negative() {
            return -0.0;
        }
        return r as f64;
    }
    a % b
}

/// The BigInt counterpart of a numeric operator (`None` for `>>>`).
fn big_op(op: NumOp) -> Option<BigOp> {
    Some(match op {
        NumOp::Sub => BigOp::Sub,
        NumOp::Mul => BigOp::Mul,
        NumOp::Div => BigOp::Div,
        NumOp::Mod => BigOp::Rem,
        NumOp::Exp => BigOp::Exp,
        NumOp::BitAnd => BigOp::And,
        NumOp::BitOr => BigOp::Or,
        NumOp::BitXor => BigOp::Xor,
        NumOp::Shl => BigOp::Shl,
        NumOp::Shr => BigOp::Shr,
        NumOp::UShr => return None,
    })
}

fn mixed_types() -> JsError {
    JsError::type_error("Cannot mix BigInt and other types, use explicit conversions")
}

/// The numeric part of ApplyStringOrNumericBinaryOperator (13.15.3 steps
/// 5-8) for two results of ToNumeric: both Numbers or both BigInts, else a
/// TypeError.
fn numeric_binary(vm: &mut Vm, op: Option<NumOp>, x: Value, y: Value) -> JsResult<Value> {
    match (x, y) {
        (Value::Number(a), Value::Number(b)) => Ok(Value::Number(match op {
            Some(op) => num_op(op, a, b),
            None => a + b,
        })),
        (Value::BigInt(a), Value::BigInt(b)) => {
            let bop = match op {
                None => BigOp::Add,
                Some(op) => big_op(op).ok_or_else(|| {
                    JsError::type_error("BigInts have no unsigned right shift, use >> instead")
                })?,
            };
            Ok(Value::BigInt(bigint::binary(&mut vm.heap, bop, a, b)?))
        }
        _ => Err(mixed_types()),
    }
}

/// ApplyStringOrNumericBinaryOperator for a numeric operator (13.15.3):
/// ToNumeric(left) then ToNumeric(right).
#[cold]
#[inline(never)]
pub(crate) fn num_op_slow(vm: &mut Vm, op: NumOp, a: Value, b: Value) -> JsResult<Value> {
    let roots = vm.roots_len();
    let r = num_op_inner(vm, op, a, b);
    vm.truncate_roots(roots);
    r
}

fn num_op_inner(vm: &mut Vm, op: NumOp, a: Value, b: Value) -> JsResult<Value> {
    let x = vm.to_numeric(a)?;
    vm.push_root(x);
    let y = vm.to_numeric(b)?;
    numeric_binary(vm, Some(op), x, y)
}

/// The `+` operator (13.15.3 with opText `+`).
#[cold]
#[inline(never)]
pub(crate) fn add_slow(vm: &mut Vm, a: Value, b: Value) -> JsResult<Value> {
    let roots = vm.roots_len();
    let r = add_inner(vm, a, b);
    vm.truncate_roots(roots);
    r
}

fn add_inner(vm: &mut Vm, a: Value, b: Value) -> JsResult<Value> {
    let lp = vm.to_primitive(a, PreferredType::Default)?;
    vm.push_root(lp);
    let rp = vm.to_primitive(b, PreferredType::Default)?;
    vm.push_root(rp);
    if matches!(lp, Value::String(_)) || matches!(rp, Value::String(_)) {
        let ls = vm.to_string(lp)?;
        vm.push_root(Value::String(ls));
        let rs = vm.to_string(rp)?;
        return Ok(Value::String(vm.concat_strings(ls, rs)));
    }
    let x = vm.to_numeric(lp)?;
    let y = vm.to_numeric(rp)?;
    numeric_binary(vm, None, x, y)
}

/// IsLessThan(x, y, LeftFirst) (7.2.13): None stands for undefined (a NaN
/// was involved).
#[cold]
#[inline(never)]
pub(crate) fn less_than(
    vm: &mut Vm,
    x: Value,
    y: Value,
    left_first: bool,
) -> JsResult<Option<bool>> {
    let roots = vm.roots_len();
    let r = less_than_inner(vm, x, y, left_first);
    vm.truncate_roots(roots);
    r
}

fn less_than_inner(vm: &mut Vm, x: Value, y: Value, left_first: bool) -> JsResult<Option<bool>> {
    let (px, py) = if left_first {
        let px = vm.to_primitive(x, PreferredType::Number)?;
        vm.push_root(px);
        let py = vm.to_primitive(y, PreferredType::Number)?;
        (px, py)
    } else {
        let py = vm.to_primitive(y, PreferredType::Number)?;
        vm.push_root(py);
        let px = vm.to_primitive(x, PreferredType::Number)?;
        (px, py)
    };
    match (px, py) {
        (Value::String(a), Value::String(b)) => {
            let ord = vm.heap.str(a).cmp_view(vm.heap.str(b));
            return Ok(Some(ord == Ordering::Less));
        }
        (Value::BigInt(a), Value::String(s)) => {
            return Ok(vm
                .string_to_bigint(s)
                .map(|b| bigint::compare(&vm.heap, a, b) == Ordering::Less));
        }
        (Value::String(s), Value::BigInt(b)) => {
            return Ok(vm
                .string_to_bigint(s)
                .map(|a| bigint::compare(&vm.heap, a, b) == Ordering::Less));
        }
        _ => {}
    }
    // Both are primitives now: ToNumeric runs no JS.
    let nx = vm.to_numeric(px)?;
    let ny = vm.to_numeric(py)?;
    Ok(match (nx, ny) {
        (Value::Number(a), Value::Number(b)) => {
            if a.is_nan() || b.is_nan() {
                None
            } else {
                Some(a < b)
            }
        }
        (Value::BigInt(a), Value::BigInt(b)) => {
            Some(bigint::compare(&vm.heap, a, b) == Ordering::Less)
        }
        (Value::BigInt(a), Value::Number(b)) => {
            bigint::cmp_number(&vm.heap, a, b).map(|o| o == Ordering::Less)
        }
        (Value::Number(a), Value::BigInt(b)) => {
            bigint::cmp_number(&vm.heap, b, a).map(|o| o == Ordering::Greater)
        }
        _ => None,
    })
}

/// A relational operator (13.10.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RelOp {
    Lt,
    Le,
    Gt,
    Ge,
}

#[inline]
pub(crate) fn rel_num(op: RelOp, a: f64, b: f64) -> bool {
    match op {
        RelOp::Lt => a < b,
        RelOp::Le => a <= b,
        RelOp::Gt => a > b,
        RelOp::Ge => a >= b,
    }
}

/// A relational operator on arbitrary values.
#[cold]
#[inline(never)]
pub(crate) fn relational_slow(vm: &mut Vm, op: RelOp, a: Value, b: Value) -> JsResult<bool> {
    Ok(match op {
        RelOp::Lt => less_than(vm, a, b, true)? == Some(true),
        RelOp::Gt => less_than(vm, b, a, false)? == Some(true),
        RelOp::Le => less_than(vm, b, a, false)? == Some(false),
        RelOp::Ge => less_than(vm, a, b, true)? == Some(false),
    })
}

/// A unary numeric operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum UnOp {
    Neg,
    BitNot,
    Inc,
    Dec,
    /// Unary `+` (a TypeError for BigInts).
    ToNumber,
    /// ToNumeric (the old value of `x++`): Numbers and BigInts unchanged.
    ToNumeric,
}

#[inline]
pub(crate) fn un_num(op: UnOp, x: f64) -> f64 {
    match op {
        UnOp::Neg => -x,
        UnOp::BitNot => !num::to_int32(x) as f64,
        UnOp::Inc => x + 1.0,
        UnOp::Dec => x - 1.0,
        UnOp::ToNumber | UnOp::ToNumeric => x,
    }
}

#[cold]
#[inline(never)]
pub(crate) fn unary_slow(vm: &mut Vm, op: UnOp, v: Value) -> JsResult<Value> {
    if op == UnOp::ToNumber {
        return Ok(Value::Number(vm.to_number(v)?));
    }
    match vm.to_numeric(v)? {
        Value::BigInt(b) => {
            let bop = match op {
                UnOp::Neg => BigUnOp::Neg,
                UnOp::BitNot => BigUnOp::BitNot,
                UnOp::Inc => BigUnOp::Inc,
                UnOp::Dec => BigUnOp::Dec,
                UnOp::ToNumber | UnOp::ToNumeric => return Ok(Value::BigInt(b)),
            };
            Ok(Value::BigInt(bigint::unary(&mut vm.heap, bop, b)?))
        }
        n => {
            let x = n.as_number().unwrap_or(f64::NAN);
            Ok(Value::Number(un_num(op, x)))
        }
    }
}

/// `typeof v` as a string value.
pub(crate) fn type_of(vm: &mut Vm, v: Value) -> Value {
    let a = vm.type_of(v);
    Value::String(vm.atom_string(a))
}

/// ToString for template substitutions.
#[cold]
#[inline(never)]
pub(crate) fn to_string_value(vm: &mut Vm, v: Value) -> JsResult<Value> {
    Ok(Value::String(vm.to_string(v)?))
}

/// ToPropertyKey as a value: an object becomes a String or a Symbol.
#[cold]
#[inline(never)]
pub(crate) fn to_property_key_value(vm: &mut Vm, v: Value) -> JsResult<Value> {
    match v {
        // Only an object's conversion runs code; every consumer converts a
        // primitive again, to the same key, so it stays as it is (a number
        // then keeps the element fast paths).
        Value::Object(_) => {
            let k = vm.to_property_key(v)?;
            Ok(vm.key_to_value(k))
        }
        _ => Ok(v),
    }
}

/// RequireObjectCoercible.
pub(crate) fn check_object_coercible(v: Value) -> JsResult<()> {
    if v.is_nullish() {
        Err(JsError::type_error(format!(
            "Cannot destructure '{}' as it is {}.",
            if v.is_null() { "null" } else { "undefined" },
            if v.is_null() { "null" } else { "undefined" }
        )))
    } else {
        Ok(())
    }
}
