//! BigInt conversions: to and from Numbers (Number(bigint), NumberToBigInt,
//! the exact mixed comparison of IsLessThan / IsLooselyEqual), strings
//! (BigInt::toString in every radix, StringToBigInt, literal text), and the
//! fixed-width forms (BigInt.asIntN / asUintN, ToBigInt64 / ToBigUint64).
//!
//! Invariant: pure apart from allocating results; every input (any f64,
//! any UTF-16 string, any bit count) has a defined answer and never panics.

use super::{get, inline_of_i128, make, small, too_big, MAX_BITS};
use crate::error::{JsError, JsResult};
use crate::heap::Heap;
use crate::value::BigIntValue;
use num_bigint::{BigInt, Sign};
use num_traits::{FromPrimitive, Signed, ToPrimitive};
use std::cmp::Ordering;

/// The BigInt of an i64 (never allocates).
#[inline]
pub fn from_i64(n: i64) -> BigIntValue {
    if n < 0 {
        BigIntValue::Neg(n.unsigned_abs())
    } else {
        BigIntValue::Pos(n as u64)
    }
}

/// The BigInt of a u64 (never allocates).
#[inline]
pub fn from_u64(n: u64) -> BigIntValue {
    BigIntValue::Pos(n)
}

/// 𝔽(ℝ(bigint)): the Number nearest to the value (ties to even; beyond
/// the Number range, an infinity).
pub fn to_f64(heap: &Heap, v: BigIntValue) -> f64 {
    match v {
        BigIntValue::Pos(m) => m as f64,
        BigIntValue::Neg(m) => -(m as f64),
        BigIntValue::Heap(b) => heap.bigint(b).to_f64().unwrap_or(f64::NAN),
    }
}

/// NumberToBigInt (21.2.1.1.1): RangeError unless `n` is an integral
/// Number.
pub fn number_to_bigint(heap: &mut Heap, n: f64) -> JsResult<BigIntValue> {
    if !n.is_finite() || n.trunc() != n {
        return Err(JsError::range_error(format!(
            "The number {} cannot be converted to a BigInt because it is not an integer",
            crate::num::number_to_string(n)
        )));
    }
    if n.abs() < 18446744073709551616.0 {
        // Exact: |n| < 2^64 and integral.
        let m = n.abs() as u64;
        return Ok(if n < 0.0 && m != 0 {
            BigIntValue::Neg(m)
        } else {
            BigIntValue::Pos(m)
        });
    }
    let b = BigInt::from_f64(n).ok_or_else(|| JsError::range_error("Invalid BigInt"))?;
    Ok(make(heap, b))
}

/// The exact order of a BigInt and a Number (`None` when `n` is NaN), as
/// IsLessThan and IsLooselyEqual need it: no rounding of either side.
pub fn cmp_number(heap: &Heap, v: BigIntValue, n: f64) -> Option<Ordering> {
    if n.is_nan() {
        return None;
    }
    if n == f64::INFINITY {
        return Some(Ordering::Less);
    }
    if n == f64::NEG_INFINITY {
        return Some(Ordering::Greater);
    }
    let floor = n.floor();
    let ord = if let (Some(x), true) = (small(v), floor.abs() < 1e38) {
        // |floor| < 2^127: exact as an i128.
        x.cmp(&(floor as i128))
    } else {
        let f = BigInt::from_f64(floor)?;
        get(heap, v).as_ref().cmp(&f)
    };
    // v == floor(n) < n when n has a fraction.
    Some(match ord {
        Ordering::Equal if floor != n => Ordering::Less,
        o => o,
    })
}

/// BigInt::toString(x, radix) (6.1.6.2.23); `radix` in 2 ..= 36.
pub fn to_string_radix(heap: &Heap, v: BigIntValue, radix: u32) -> String {
    let radix = radix.clamp(2, 36);
    match v {
        BigIntValue::Pos(m) if radix == 10 => m.to_string(),
        BigIntValue::Neg(m) if radix == 10 => format!("-{m}"),
        _ => get(heap, v).to_str_radix(radix),
    }
}

/// The value of `digits` (ASCII) in `radix`, or `None` when empty or any
/// character is not a digit of the radix.
fn parse_digits(digits: &[u8], radix: u32) -> Option<BigInt> {
    if digits.is_empty() || !digits.iter().all(|&c| (c as char).is_digit(radix)) {
        return None;
    }
    // Digits only (checked above), so `parse_bytes` sees no sign or `_`.
    BigInt::parse_bytes(digits, radix)
}

/// The radix and digits of a `0x` / `0o` / `0b` prefixed literal.
fn split_prefix(s: &[u8]) -> Option<(u32, &[u8])> {
    match s {
        [b'0', b'x' | b'X', rest @ ..] => Some((16, rest)),
        [b'0', b'o' | b'O', rest @ ..] => Some((8, rest)),
        [b'0', b'b' | b'B', rest @ ..] => Some((2, rest)),
        _ => None,
    }
}

/// StringToBigInt (7.1.14): the StringIntegerLiteral grammar (whitespace
/// around, an optional sign on decimal digits only, `0x`/`0o`/`0b`
/// prefixes, an empty string is 0n, no separators, no `n`). `None` when
/// the string is not of that form.
pub fn string_to_bigint(heap: &mut Heap, units: &[u16]) -> Option<BigIntValue> {
    let start = units
        .iter()
        .position(|&c| !crate::num::is_js_whitespace(c))
        .unwrap_or(units.len());
    let end = units
        .iter()
        .rposition(|&c| !crate::num::is_js_whitespace(c))
        .map_or(start, |i| i + 1);
    let trimmed = units.get(start..end.max(start))?;
    if trimmed.is_empty() {
        return Some(BigIntValue::Pos(0));
    }
    // Every character of the grammar is ASCII.
    let ascii: Vec<u8> = trimmed
        .iter()
        .map(|&c| u8::try_from(c).ok().filter(u8::is_ascii))
        .collect::<Option<_>>()?;
    let n = if let Some((radix, digits)) = split_prefix(&ascii) {
        parse_digits(digits, radix)?
    } else {
        let (neg, digits) = match ascii.split_first() {
            Some((b'-', rest)) => (true, rest),
            Some((b'+', rest)) => (false, rest),
            _ => (false, &ascii[..]),
        };
        let n = parse_digits(digits, 10)?;
        if neg {
            -n
        } else {
            n
        }
    };
    if n.bits() > MAX_BITS {
        return None;
    }
    Some(make(heap, n))
}

/// The value of a BigInt literal as the compiler stores it: digits without
/// separators or `n`, with any `0x` / `0o` / `0b` prefix.
pub fn parse_literal(text: &str) -> Option<BigInt> {
    let b = text.as_bytes();
    match split_prefix(b) {
        Some((radix, digits)) => parse_digits(digits, radix),
        None => parse_digits(b, 10),
    }
}

/// BigInt.asIntN(bits, bigint) (21.2.2.1) after ToIndex: the value modulo
/// 2^bits, as a signed `bits`-bit integer.
pub fn as_int_n(heap: &mut Heap, bits: u64, v: BigIntValue) -> JsResult<BigIntValue> {
    if bits == 0 {
        return Ok(BigIntValue::Pos(0));
    }
    if let Some(x) = small(v) {
        if bits >= 66 {
            return Ok(v);
        }
        // x modulo 2^bits in 0 .. 2^bits, then the signed reading.
        let m = x.rem_euclid(1i128 << bits);
        let r = if m >= 1i128 << (bits - 1) {
            m - (1i128 << bits)
        } else {
            m
        };
        return Ok(inline_of_i128(r).unwrap_or(v));
    }
    let x = get(heap, v).into_owned();
    // A value that fits in `bits` signed bits is unchanged.
    if x.bits() < bits {
        return Ok(v);
    }
    let modulus = BigInt::from(1) << bits;
    let m = mod_pow2(&x, bits);
    let r = if m.bit(bits - 1) { m - modulus } else { m };
    Ok(make(heap, r))
}

/// BigInt.asUintN(bits, bigint) (21.2.2.2) after ToIndex: the value modulo
/// 2^bits. A negative value with a huge `bits` is a RangeError (the result
/// would be too large to represent).
pub fn as_uint_n(heap: &mut Heap, bits: u64, v: BigIntValue) -> JsResult<BigIntValue> {
    if bits == 0 {
        return Ok(BigIntValue::Pos(0));
    }
    if let Some(x) = small(v) {
        if x >= 0 && bits >= 64 {
            return Ok(v);
        }
        if bits <= 64 {
            let m = x.rem_euclid(1i128 << bits);
            return Ok(inline_of_i128(m).unwrap_or(v));
        }
    }
    let x = get(heap, v).into_owned();
    if !x.is_negative() && x.bits() <= bits {
        return Ok(v);
    }
    if bits > MAX_BITS {
        return Err(too_big());
    }
    let m = mod_pow2(&x, bits);
    Ok(make(heap, m))
}

/// `x` modulo 2^bits (non-negative), via two's complement masking.
fn mod_pow2(x: &BigInt, bits: u64) -> BigInt {
    if !x.is_negative() {
        // Keep the low `bits` bits.
        let mut m = x.clone();
        if m.bits() > bits {
            let mask = (BigInt::from(1) << bits) - 1;
            m &= mask;
        }
        return m;
    }
    let mask = (BigInt::from(1) << bits) - 1;
    x & mask
}

/// The low 64 bits of the two's complement of `v`.
fn low_u64(heap: &Heap, v: BigIntValue) -> u64 {
    match v {
        BigIntValue::Pos(m) => m,
        BigIntValue::Neg(m) => m.wrapping_neg(),
        BigIntValue::Heap(b) => {
            let n = heap.bigint(b);
            let low = n.iter_u64_digits().next().unwrap_or(0);
            if n.sign() == Sign::Minus {
                low.wrapping_neg()
            } else {
                low
            }
        }
    }
}

/// ToBigInt64 (7.1.16) of a BigInt: the value modulo 2^64, signed.
pub fn to_big_int64(heap: &Heap, v: BigIntValue) -> i64 {
    low_u64(heap, v) as i64
}

/// ToBigUint64 (7.1.17) of a BigInt: the value modulo 2^64.
pub fn to_big_uint64(heap: &Heap, v: BigIntValue) -> u64 {
    low_u64(heap, v)
}
