//! BigInt arithmetic (BigInt::add ... BigInt::unsignedRightShift, 6.1.6.2):
//! an i128 fast path when both operands are inline, `num-bigint` otherwise.
//!
//! Invariant: results are canonical (built with `make` / `make_i128`), and
//! an operation whose result would exceed `MAX_BITS` is a RangeError before
//! anything that large is computed.

use super::{get, make, make_i128, small, too_big, MAX_BITS};
use crate::error::{JsError, JsResult};
use crate::heap::Heap;
use crate::value::BigIntValue;
use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive, Zero};
use std::cmp::Ordering;

/// A binary BigInt operator. `>>>` has none: it is a TypeError for BigInts
/// (BigInt::unsignedRightShift), which the caller reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BigOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Exp,
    And,
    Or,
    Xor,
    Shl,
    Shr,
}

/// A unary BigInt operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BigUnOp {
    Neg,
    BitNot,
    Inc,
    Dec,
}

/// `a op b` for two BigInts; RangeError for a zero divisor, a negative
/// exponent or a result too large to represent.
pub fn binary(heap: &mut Heap, op: BigOp, a: BigIntValue, b: BigIntValue) -> JsResult<BigIntValue> {
    if let (Some(x), Some(y)) = (small(a), small(b)) {
        if let Some(r) = small_binary(op, x, y)? {
            return Ok(make_i128(heap, r));
        }
    }
    let r = {
        let x = get(heap, a);
        let y = get(heap, b);
        big_binary(op, &x, &y)?
    };
    Ok(make(heap, r))
}

/// The i128 fast path: `Ok(None)` when the result may not fit (the caller
/// takes the arbitrary-precision path). Operands are below 2^64 in
/// magnitude, so sums and differences always fit.
#[inline]
fn small_binary(op: BigOp, x: i128, y: i128) -> JsResult<Option<i128>> {
    Ok(match op {
        BigOp::Add => Some(x + y),
        BigOp::Sub => Some(x - y),
        BigOp::Mul => x.checked_mul(y),
        BigOp::Div => {
            if y == 0 {
                return Err(division_by_zero());
            }
            Some(x / y)
        }
        BigOp::Rem => {
            if y == 0 {
                return Err(division_by_zero());
            }
            Some(x % y)
        }
        BigOp::Exp => {
            if y < 0 {
                return Err(negative_exponent());
            }
            u32::try_from(y).ok().and_then(|e| x.checked_pow(e))
        }
        // Inline values sign-extend correctly in 128 bits, so the two's
        // complement operations are exact.
        BigOp::And => Some(x & y),
        BigOp::Or => Some(x | y),
        BigOp::Xor => Some(x ^ y),
        BigOp::Shl => shift_small(x, y),
        BigOp::Shr => y.checked_neg().and_then(|ny| shift_small(x, ny)),
    })
}

/// `x * 2^s` (a negative `s` shifts right, rounding toward -infinity) when
/// it fits in i128.
#[inline]
fn shift_small(x: i128, s: i128) -> Option<i128> {
    if s >= 0 {
        // |x| < 2^64, so shifting by up to 62 stays below 2^126.
        (s <= 62).then(|| x << s)
    } else if s >= -127 {
        Some(x >> (-s))
    } else {
        Some(if x < 0 { -1 } else { 0 })
    }
}

fn division_by_zero() -> JsError {
    JsError::range_error("Division by zero")
}

fn negative_exponent() -> JsError {
    JsError::range_error("Exponent must be non-negative")
}

/// The arbitrary-precision path.
fn big_binary(op: BigOp, x: &BigInt, y: &BigInt) -> JsResult<BigInt> {
    Ok(match op {
        BigOp::Add => x + y,
        BigOp::Sub => x - y,
        BigOp::Mul => {
            if !x.is_zero() && !y.is_zero() && x.bits() + y.bits() > MAX_BITS + 1 {
                return Err(too_big());
            }
            x * y
        }
        BigOp::Div => {
            if y.is_zero() {
                return Err(division_by_zero());
            }
            x / y
        }
        BigOp::Rem => {
            if y.is_zero() {
                return Err(division_by_zero());
            }
            x % y
        }
        BigOp::Exp => pow(x, y)?,
        BigOp::And => x & y,
        BigOp::Or => x | y,
        BigOp::Xor => x ^ y,
        BigOp::Shl => shift(x, y, false)?,
        BigOp::Shr => shift(x, y, true)?,
    })
}

/// BigInt::exponentiate (6.1.6.2.3).
fn pow(base: &BigInt, exponent: &BigInt) -> JsResult<BigInt> {
    if exponent.is_negative() {
        return Err(negative_exponent());
    }
    if exponent.is_zero() {
        return Ok(BigInt::from(1));
    }
    // Bases 0, 1 and -1 never grow, whatever the exponent.
    if base.is_zero() || base.magnitude().bits() == 1 {
        let odd = exponent.bit(0);
        return Ok(if base.is_negative() && !odd {
            BigInt::from(1)
        } else {
            base.clone()
        });
    }
    let e = exponent
        .to_u64()
        .filter(|&e| e <= MAX_BITS)
        .ok_or_else(too_big)?;
    // |base| >= 2, so the result has at least (bits - 1) * e + 1 bits.
    if (base.bits() - 1).saturating_mul(e) >= MAX_BITS {
        return Err(too_big());
    }
    // e <= MAX_BITS fits in u32.
    let e = u32::try_from(e).map_err(|_| too_big())?;
    Ok(base.pow(e))
}

/// BigInt::leftShift / signedRightShift (6.1.6.2.9-10): `x * 2^y`, or
/// `floor(x / 2^y)` for a right shift (each the other with `-y`).
fn shift(x: &BigInt, y: &BigInt, right: bool) -> JsResult<BigInt> {
    let left = (y.sign() == Sign::Minus) == right;
    let amount = y.magnitude();
    if x.is_zero() {
        return Ok(BigInt::zero());
    }
    if left {
        let s = amount
            .to_u64()
            .filter(|&s| s <= MAX_BITS)
            .ok_or_else(too_big)?;
        if x.bits() + s > MAX_BITS {
            return Err(too_big());
        }
        Ok(x << s)
    } else {
        match amount.to_u64() {
            Some(s) if s < x.bits() => Ok(x >> s),
            // Every bit is shifted out: 0, or -1 for a negative x.
            _ => Ok(if x.is_negative() {
                BigInt::from(-1)
            } else {
                BigInt::zero()
            }),
        }
    }
}

/// A unary operator on a BigInt (never fails except on size).
pub fn unary(heap: &mut Heap, op: BigUnOp, v: BigIntValue) -> JsResult<BigIntValue> {
    if let Some(x) = small(v) {
        let r = match op {
            BigUnOp::Neg => -x,
            BigUnOp::BitNot => !x,
            BigUnOp::Inc => x + 1,
            BigUnOp::Dec => x - 1,
        };
        return Ok(make_i128(heap, r));
    }
    let r = {
        let x = get(heap, v);
        match op {
            BigUnOp::Neg => -x.as_ref(),
            BigUnOp::BitNot => !x.as_ref(),
            BigUnOp::Inc => x.as_ref() + 1,
            BigUnOp::Dec => x.as_ref() - 1,
        }
    };
    Ok(make(heap, r))
}

/// The order of two BigInts (BigInt::lessThan, 6.1.6.2.12).
pub fn compare(heap: &Heap, a: BigIntValue, b: BigIntValue) -> Ordering {
    if let (Some(x), Some(y)) = (small(a), small(b)) {
        return x.cmp(&y);
    }
    get(heap, a).as_ref().cmp(get(heap, b).as_ref())
}

/// BigInt::equal (6.1.6.2.13): by the canonical form, inline values are
/// equal when their fields are and an inline value never equals a heap one.
pub fn equals(heap: &Heap, a: BigIntValue, b: BigIntValue) -> bool {
    match (a, b) {
        (BigIntValue::Heap(x), BigIntValue::Heap(y)) => x == y || heap.bigint(x) == heap.bigint(y),
        _ => a == b,
    }
}
