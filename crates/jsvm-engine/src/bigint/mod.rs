//! The BigInt primitive (ECMAScript 6.1.6.2): how a `BigIntValue` is built
//! and read, its arithmetic (`arith`) and its conversions to and from
//! Numbers, strings and fixed-width integers (`convert`).
//!
//! Arbitrary-precision arithmetic itself is the `num-bigint` crate's job;
//! this module keeps values below 2^64 in magnitude inline (no allocation,
//! i128 fast paths) and stores larger ones as immutable heap BigInts.
//!
//! Invariant: every `BigIntValue` made here is canonical (see `value.rs`:
//! zero is `Pos(0)`, `Heap` only for magnitudes of 2^64 or more), so
//! equality never needs to look past the representation for inline values,
//! and every result larger than `MAX_BITS` bits is a RangeError instead of
//! an attempt to allocate it.

mod arith;
mod convert;
#[cfg(test)]
mod tests;

pub use arith::{binary, compare, equals, unary, BigOp, BigUnOp};
pub use convert::{
    as_int_n, as_uint_n, cmp_number, from_i64, from_u64, number_to_bigint, parse_literal,
    string_to_bigint, to_big_int64, to_big_uint64, to_f64, to_string_radix,
};

use crate::error::JsError;
use crate::heap::Heap;
use crate::value::BigIntValue;
use num_bigint::{BigInt, Sign};
use std::borrow::Cow;

/// The largest BigInt this engine makes, in bits (V8's limit): anything
/// larger is a RangeError.
pub const MAX_BITS: u64 = 1 << 30;

/// The RangeError for a result above `MAX_BITS`.
pub(crate) fn too_big() -> JsError {
    JsError::range_error("Maximum BigInt size exceeded")
}

/// The value of an inline BigInt as an i128 (`None` for a heap one).
#[inline]
pub fn small(v: BigIntValue) -> Option<i128> {
    match v {
        BigIntValue::Pos(m) => Some(m as i128),
        BigIntValue::Neg(m) => Some(-(m as i128)),
        BigIntValue::Heap(_) => None,
    }
}

/// The canonical value of `n` if it fits inline (|n| < 2^64).
#[inline]
pub fn inline_of_i128(n: i128) -> Option<BigIntValue> {
    let m = u64::try_from(n.unsigned_abs()).ok()?;
    Some(if n < 0 {
        BigIntValue::Neg(m)
    } else {
        BigIntValue::Pos(m)
    })
}

/// The canonical value of `n`, allocating when it is too large for inline.
pub fn make_i128(heap: &mut Heap, n: i128) -> BigIntValue {
    match inline_of_i128(n) {
        Some(v) => v,
        None => BigIntValue::Heap(heap.alloc_bigint(BigInt::from(n))),
    }
}

/// The canonical value of `n`, allocating when it is too large for inline.
pub fn make(heap: &mut Heap, n: BigInt) -> BigIntValue {
    if let Some(v) = inline_of_big(&n) {
        return v;
    }
    BigIntValue::Heap(heap.alloc_bigint(n))
}

/// The canonical inline value of `n` when |n| < 2^64.
fn inline_of_big(n: &BigInt) -> Option<BigIntValue> {
    if n.bits() > 64 {
        return None;
    }
    let (sign, digits) = n.to_u64_digits();
    let m = digits.first().copied().unwrap_or(0);
    Some(match sign {
        Sign::Minus if m != 0 => BigIntValue::Neg(m),
        _ => BigIntValue::Pos(m),
    })
}

/// The value of `v` as a `num_bigint::BigInt` (borrowed when on the heap).
pub fn get(heap: &Heap, v: BigIntValue) -> Cow<'_, BigInt> {
    match v {
        BigIntValue::Pos(m) => Cow::Owned(BigInt::from(m)),
        BigIntValue::Neg(m) => Cow::Owned(-BigInt::from(m)),
        BigIntValue::Heap(b) => Cow::Borrowed(heap.bigint(b)),
    }
}

/// The value of a BigInt constant of compiled code: interned, so equal
/// literals share one heap BigInt that is never collected.
pub fn constant(heap: &mut Heap, n: BigInt) -> BigIntValue {
    if let Some(v) = inline_of_big(&n) {
        return v;
    }
    if let Some(&b) = heap.bigint_constants.get(&n) {
        return BigIntValue::Heap(b);
    }
    let b = heap.alloc_bigint(n.clone());
    heap.bigint_constants.insert(n, b);
    BigIntValue::Heap(b)
}

/// True for 0n.
#[inline]
pub fn is_zero(v: BigIntValue) -> bool {
    matches!(v, BigIntValue::Pos(0))
}

/// True for a negative BigInt.
pub fn is_negative(heap: &Heap, v: BigIntValue) -> bool {
    match v {
        BigIntValue::Pos(_) => false,
        BigIntValue::Neg(_) => true,
        BigIntValue::Heap(b) => heap.bigint(b).sign() == Sign::Minus,
    }
}
