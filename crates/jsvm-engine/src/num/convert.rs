//! The spec's numeric conversions from a Number (ECMA-262 7.1): ToInt32,
//! ToUint32, ToInt16, ToUint16, ToInt8, ToUint8, ToUint8Clamp,
//! ToIntegerOrInfinity, ToLength and ToIndex-style clamping.
//!
//! Invariant: every function is total over f64 (NaN and the infinities
//! included) and exact; none can panic.

/// `trunc(x) mod 2^bits` as a u64 for finite `x`, 0 for NaN and infinities.
#[inline]
fn modulo_pow2(x: f64, bits: u32) -> u64 {
    // Below 2^63 in magnitude, `as i64` truncates exactly and two's
    // complement wraps modulo 2^64, hence modulo 2^bits (false for NaN).
    if x.abs() < 9_223_372_036_854_775_808.0 {
        return (x as i64 as u64) & ((1u64 << bits) - 1);
    }
    if !x.is_finite() {
        return 0;
    }
    let modulus = (1u64 << bits) as f64;
    // `%` on f64 is exact; shifting a negative remainder up keeps it in
    // [0, modulus).
    let r = x.trunc() % modulus;
    let r = if r < 0.0 { r + modulus } else { r };
    // r + modulus is exact for |r| < 2^bits ≤ 2^32.
    r as u64
}

/// ToInt32 (7.1.6).
pub fn to_int32(x: f64) -> i32 {
    modulo_pow2(x, 32) as u32 as i32
}

/// ToUint32 (7.1.7).
pub fn to_uint32(x: f64) -> u32 {
    modulo_pow2(x, 32) as u32
}

/// ToInt16 (7.1.8).
pub fn to_int16(x: f64) -> i16 {
    modulo_pow2(x, 16) as u16 as i16
}

/// ToUint16 (7.1.9).
pub fn to_uint16(x: f64) -> u16 {
    modulo_pow2(x, 16) as u16
}

/// ToInt8 (7.1.10).
pub fn to_int8(x: f64) -> i8 {
    modulo_pow2(x, 8) as u8 as i8
}

/// ToUint8 (7.1.11).
pub fn to_uint8(x: f64) -> u8 {
    modulo_pow2(x, 8) as u8
}

/// ToUint8Clamp (7.1.12): clamp to 0..=255, round half to even.
pub fn to_uint8_clamp(x: f64) -> u8 {
    if x.is_nan() || x <= 0.0 {
        return 0;
    }
    if x >= 255.0 {
        return 255;
    }
    let f = x.floor();
    let diff = x - f;
    let r = if diff < 0.5 {
        f
    } else if diff > 0.5 {
        f + 1.0
    } else if f % 2.0 == 0.0 {
        f
    } else {
        f + 1.0
    };
    r as u8
}

/// ToIntegerOrInfinity (7.1.5) of a Number: NaN and ±0 give +0, infinities
/// stay, everything else truncates toward zero (never producing -0).
pub fn to_integer_or_infinity(x: f64) -> f64 {
    if x.is_nan() || x == 0.0 {
        return 0.0;
    }
    let t = x.trunc();
    if t == 0.0 {
        0.0
    } else {
        t
    }
}

/// 2^53 - 1, the largest length ToLength produces.
pub const MAX_SAFE_INTEGER: f64 = 9007199254740991.0;

/// ToLength (7.1.20) of a Number: ToIntegerOrInfinity clamped to
/// 0..=2^53-1.
pub fn to_length(x: f64) -> u64 {
    let len = to_integer_or_infinity(x);
    if len <= 0.0 {
        0
    } else if len >= MAX_SAFE_INTEGER {
        MAX_SAFE_INTEGER as u64
    } else {
        len as u64
    }
}

/// The integer-index check of ToIndex (7.1.22) on a Number: the index when
/// ToIntegerOrInfinity(x) is in 0..=2^53-1, `None` where ToIndex throws a
/// RangeError.
pub fn to_index(x: f64) -> Option<u64> {
    let i = to_integer_or_infinity(x);
    if (0.0..=MAX_SAFE_INTEGER).contains(&i) {
        Some(i as u64)
    } else {
        None
    }
}

/// The relative-index clamp most Array and TypedArray methods use: a
/// ToIntegerOrInfinity result `rel` turned into an index in 0..=len
/// (negative counts from the end).
pub fn relative_index(rel: f64, len: u64) -> u64 {
    let rel = to_integer_or_infinity(rel);
    let len_f = len as f64;
    if rel < 0.0 {
        let r = len_f + rel;
        if r <= 0.0 {
            0
        } else {
            r as u64
        }
    } else if rel >= len_f {
        len
    } else {
        rel as u64
    }
}

/// Whether `x` is an integral Number (IsIntegralNumber, 7.2.6 style):
/// finite with no fractional part.
pub fn is_integral_number(x: f64) -> bool {
    x.is_finite() && x.trunc() == x
}

/// The array index a Number names, if it is one: an integer in
/// 0..=2^32-2 (CanonicalNumericIndexString needs the string check too).
pub fn as_array_index(x: f64) -> Option<u32> {
    if (0.0..4294967295.0).contains(&x) && x.trunc() == x {
        Some(x as u32)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn int32_family() {
        // Outputs checked against node 20 (x|0, x>>>0, Int16Array etc.).
        let cases: &[(f64, i32, u32, i16, u16, i8, u8, u8)] = &[
            (0.0, 0, 0, 0, 0, 0, 0, 0),
            (-0.0, 0, 0, 0, 0, 0, 0, 0),
            (f64::NAN, 0, 0, 0, 0, 0, 0, 0),
            (f64::INFINITY, 0, 0, 0, 0, 0, 0, 255),
            (f64::NEG_INFINITY, 0, 0, 0, 0, 0, 0, 0),
            (1.9, 1, 1, 1, 1, 1, 1, 2),
            (-1.9, -1, 4294967295, -1, 65535, -1, 255, 0),
            (2147483648.0, -2147483648, 2147483648, 0, 0, 0, 0, 255),
            (4294967296.0, 0, 0, 0, 0, 0, 0, 255),
            (4294967297.5, 1, 1, 1, 1, 1, 1, 255),
            (-2147483649.0, 2147483647, 2147483647, -1, 65535, -1, 255, 0),
            (32768.0, 32768, 32768, -32768, 32768, 0, 0, 255),
            (255.5, 255, 255, 255, 255, -1, 255, 255),
            (128.0, 128, 128, 128, 128, -128, 128, 128),
            (2.5, 2, 2, 2, 2, 2, 2, 2),
            (3.5, 3, 3, 3, 3, 3, 3, 4),
            (0.5, 0, 0, 0, 0, 0, 0, 0),
            (1e20, 1661992960, 1661992960, 0, 0, 0, 0, 255),
            (-1e20, -1661992960, 2632974336, 0, 0, 0, 0, 0),
            (9007199254740993.0, 0, 0, 0, 0, 0, 0, 255),
            (1.7976931348623157e308, 0, 0, 0, 0, 0, 0, 255),
        ];
        for &(x, i32v, u32v, i16v, u16v, i8v, u8v, clamp) in cases {
            assert_eq!(to_int32(x), i32v, "ToInt32({x:e})");
            assert_eq!(to_uint32(x), u32v, "ToUint32({x:e})");
            assert_eq!(to_int16(x), i16v, "ToInt16({x:e})");
            assert_eq!(to_uint16(x), u16v, "ToUint16({x:e})");
            assert_eq!(to_int8(x), i8v, "ToInt8({x:e})");
            assert_eq!(to_uint8(x), u8v, "ToUint8({x:e})");
            assert_eq!(to_uint8_clamp(x), clamp, "ToUint8Clamp({x:e})");
        }
    }

    #[test]
    fn integer_and_length() {
        assert_eq!(to_integer_or_infinity(f64::NAN).to_bits(), 0f64.to_bits());
        assert_eq!(to_integer_or_infinity(-0.5).to_bits(), 0f64.to_bits());
        assert_eq!(to_integer_or_infinity(-0.0).to_bits(), 0f64.to_bits());
        assert_eq!(to_integer_or_infinity(-1.5), -1.0);
        assert_eq!(to_integer_or_infinity(f64::NEG_INFINITY), f64::NEG_INFINITY);
        assert_eq!(to_length(-5.0), 0);
        assert_eq!(to_length(f64::INFINITY), 9007199254740991);
        assert_eq!(to_length(3.7), 3);
        assert_eq!(to_index(-0.9), Some(0));
        assert_eq!(to_index(-1.0), None);
        assert_eq!(to_index(9007199254740992.0), None);
        assert_eq!(relative_index(-2.0, 5), 3);
        assert_eq!(relative_index(-10.0, 5), 0);
        assert_eq!(relative_index(f64::INFINITY, 5), 5);
        assert_eq!(relative_index(f64::NAN, 5), 0);
        assert_eq!(as_array_index(4294967294.0), Some(4294967294));
        assert_eq!(as_array_index(4294967295.0), None);
        assert_eq!(as_array_index(-0.0), Some(0));
        assert_eq!(as_array_index(1.5), None);
        assert!(is_integral_number(-0.0));
        assert!(!is_integral_number(f64::INFINITY));
    }
}
