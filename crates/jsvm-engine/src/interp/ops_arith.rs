//! Slow paths of the operators (ECMAScript 13.5 - 13.15): the cases the
//! dispatch loop does not handle inline (anything but two Numbers, or two
//! Strings for `+`).
//!
//! Invariant: operands are converted in the spec's order (left operand
//! first, ToPrimitive before ToNumeric/ToString) and a primitive produced by
//! one conversion is rooted while the other one may run JS.

use crate::error::{JsError, JsResult};
use crate::num;
use crate::ops::PreferredType;
use crate::value::Value;
use crate::vm::Vm;

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

/// ToNumeric: BigInt does not exist yet, so this is ToNumber.
pub(crate) fn to_numeric(vm: &mut Vm, v: Value) -> JsResult<f64> {
    vm.to_number(v)
}

/// ApplyStringOrNumericBinaryOperator for a numeric operator (13.15.3):
/// ToNumeric(left) then ToNumeric(right).
#[cold]
#[inline(never)]
pub(crate) fn num_op_slow(vm: &mut Vm, op: NumOp, a: Value, b: Value) -> JsResult<Value> {
    let x = to_numeric(vm, a)?;
    let y = to_numeric(vm, b)?;
    Ok(Value::Number(num_op(op, x, y)))
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
    let x = to_numeric(vm, lp)?;
    let y = to_numeric(vm, rp)?;
    Ok(Value::Number(x + y))
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
    if let (Value::String(a), Value::String(b)) = (px, py) {
        let ord = vm.heap.str(a).cmp_view(vm.heap.str(b));
        return Ok(Some(ord == std::cmp::Ordering::Less));
    }
    let nx = to_numeric(vm, px)?;
    let ny = to_numeric(vm, py)?;
    if nx.is_nan() || ny.is_nan() {
        return Ok(None);
    }
    Ok(Some(nx < ny))
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
    ToNumber,
}

#[inline]
pub(crate) fn un_num(op: UnOp, x: f64) -> f64 {
    match op {
        UnOp::Neg => -x,
        UnOp::BitNot => !num::to_int32(x) as f64,
        UnOp::Inc => x + 1.0,
        UnOp::Dec => x - 1.0,
        UnOp::ToNumber => x,
    }
}

#[cold]
#[inline(never)]
pub(crate) fn unary_slow(vm: &mut Vm, op: UnOp, v: Value) -> JsResult<Value> {
    let x = to_numeric(vm, v)?;
    Ok(Value::Number(un_num(op, x)))
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

/// ToPropertyKey as a value (a String or a Symbol).
#[cold]
#[inline(never)]
pub(crate) fn to_property_key_value(vm: &mut Vm, v: Value) -> JsResult<Value> {
    match v {
        Value::String(_) | Value::Symbol(_) => Ok(v),
        _ => {
            let k = vm.to_property_key(v)?;
            Ok(vm.key_to_value(k))
        }
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
