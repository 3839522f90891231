//! %TypedArray%.prototype.sort (23.2.3.29) and toSorted (23.2.3.34):
//! SortIndexedProperties with the TypedArray SortCompare (numeric order,
//! -0 before +0, NaN last; BigInts by value), or a user comparator through
//! the Array sort's stable merge sort.
//!
//! Invariant: all elements are read before the first comparator call and
//! written after the last; writes go through TypedArraySetElement, so a
//! comparator that detaches or shrinks the buffer only loses writes to
//! indices that are no longer valid.

use std::cmp::Ordering;

use crate::error::{JsError, JsResult};
use crate::function::CallArgs;
use crate::value::{ObjId, Value};
use crate::vm::Vm;

use super::constructor::typed_array_create_same_type;
use super::methods::elem;
use super::{element_value_of, ta_data, validate, validate_access, write_element, AccessMode};

/// The default TypedArray SortCompare on Numbers (23.2.4.7 step 2 on).
fn compare_numbers(x: f64, y: f64) -> Ordering {
    match (x.is_nan(), y.is_nan()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ => {
            if x < y {
                Ordering::Less
            } else if x > y {
                Ordering::Greater
            } else if x == 0.0 && y == 0.0 {
                // -0 sorts before +0.
                y.is_sign_negative().cmp(&x.is_sign_negative())
            } else {
                Ordering::Equal
            }
        }
    }
}

fn check_comparator(vm: &Vm, cmp: Value) -> JsResult<()> {
    if cmp.is_undefined() || vm.is_callable(cmp) {
        Ok(())
    } else {
        Err(JsError::type_error(
            "The comparison function must be either a function or undefined",
        ))
    }
}

/// The default SortCompare on two elements of one TypedArray (both
/// Numbers or both BigInts).
fn compare_elements(vm: &Vm, x: Value, y: Value) -> Ordering {
    match (x, y) {
        (Value::Number(a), Value::Number(b)) => compare_numbers(a, b),
        (Value::BigInt(a), Value::BigInt(b)) => crate::bigint::compare(&vm.heap, a, b),
        _ => Ordering::Equal,
    }
}

/// SortIndexedProperties(obj, len, SortCompare, read-through-holes). The
/// elements are Numbers or inline BigInts (no roots needed).
fn sorted_values(vm: &mut Vm, o: ObjId, len: usize, cmp: Value) -> JsResult<Vec<Value>> {
    let mut values: Vec<Value> = Vec::new();
    values
        .try_reserve_exact(len)
        .map_err(|_| JsError::range_error("Out of memory sorting a typed array"))?;
    values.extend(
        (0..len)
            .map(|k| elem(vm, o, k))
            .filter(|v| !v.is_undefined()),
    );
    if cmp.is_undefined() {
        values.sort_by(|a, b| compare_elements(vm, *a, *b));
        return Ok(values);
    }
    // A user comparator: SortCompare calls it, converts with ToNumber and
    // treats NaN as +0, which is exactly the Array sort's rule ("swap when
    // the result is > 0").
    super::super::array_sort::sort_values(vm, values, cmp)
}

/// Writes sorted values back with TypedArraySetElement's final step.
fn write_back(vm: &mut Vm, o: ObjId, sorted: Vec<Value>) {
    if let Some(d) = ta_data(&vm.heap, o) {
        for (j, v) in sorted.into_iter().enumerate() {
            let e = element_value_of(&vm.heap, v);
            write_element(&mut vm.heap, &d, j, e);
        }
    }
}

/// %TypedArray%.prototype.sort ( comparefn ).
pub(super) fn sort(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let cmp = args.arg(0);
    check_comparator(vm, cmp)?;
    const M: &str = "TypedArray.prototype.sort";
    let (o, len) = validate_access(vm, args.this, AccessMode::Write, M)?;
    let sorted = sorted_values(vm, o, len, cmp)?;
    write_back(vm, o, sorted);
    Ok(Value::Object(o))
}

/// %TypedArray%.prototype.toSorted ( comparefn ).
pub(super) fn to_sorted(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let cmp = args.arg(0);
    check_comparator(vm, cmp)?;
    let (o, len) = validate(vm, args.this, "TypedArray.prototype.toSorted")?;
    let a = typed_array_create_same_type(vm, o, len)?;
    vm.push_root(Value::Object(a));
    let sorted = sorted_values(vm, o, len, cmp)?;
    write_back(vm, a, sorted);
    Ok(Value::Object(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_order_puts_negative_zero_first_and_nan_last() {
        let mut v = [f64::NAN, 1.0, 0.0, -0.0, -1.0, f64::INFINITY];
        v.sort_by(|a, b| compare_numbers(*a, *b));
        assert_eq!(v[0], -1.0);
        assert!(v[1] == 0.0 && v[1].is_sign_negative());
        assert!(v[2] == 0.0 && v[2].is_sign_positive());
        assert_eq!(v[3], 1.0);
        assert_eq!(v[4], f64::INFINITY);
        assert!(v[5].is_nan());
    }
}
