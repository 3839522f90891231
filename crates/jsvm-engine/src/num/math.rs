//! The parts of `Math` and of the Number operators whose JS semantics differ
//! from Rust's `f64` methods (ECMA-262 21.3.2, 6.1.6.1): `round`, `max` and
//! `min` (NaN and -0), `pow` / `**` (±1 to ±Infinity or NaN), `hypot` (the
//! Infinity-beats-NaN rule, overflow-free as V8 computes it), `sign`,
//! `fround`, `clz32`, `imul`, and `atan2`-style sign handling is std's.
//!
//! Invariant: each function takes and returns Numbers already converted by
//! the caller (ToNumber / ToUint32 done), and is total over f64.

use super::convert::{to_int32, to_uint32};

/// Math.round (21.3.2.28): round half toward +∞, keeping -0 for inputs in
/// [-0.5, -0] and not adding 0.5 (which would misround 0.49999999999999994
/// and odd integers near 2^53).
pub fn round(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    if x > 0.0 && x < 0.5 {
        return 0.0;
    }
    if (-0.5..0.0).contains(&x) {
        return -0.0;
    }
    // Beyond 2^52 every double is an integer.
    if x.abs() >= 4503599627370496.0 {
        return x;
    }
    let f = x.floor();
    // Exact: x and f are within 1 of each other and below 2^52.
    if x - f >= 0.5 {
        f + 1.0
    } else {
        f
    }
}

/// Math.max of two Numbers (21.3.2.24): NaN wins, +0 is larger than -0.
pub fn max(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        return f64::NAN;
    }
    if a == 0.0 && b == 0.0 {
        return if a.is_sign_positive() { a } else { b };
    }
    if a > b {
        a
    } else {
        b
    }
}

/// Math.min of two Numbers (21.3.2.25): NaN wins, -0 is smaller than +0.
pub fn min(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        return f64::NAN;
    }
    if a == 0.0 && b == 0.0 {
        return if a.is_sign_negative() { a } else { b };
    }
    if a < b {
        a
    } else {
        b
    }
}

/// Number::exponentiate (6.1.6.1.3), used by `**` and Math.pow: like C's
/// `pow` except that a NaN exponent always gives NaN and ±1 to ±Infinity
/// gives NaN.
pub fn pow(base: f64, exponent: f64) -> f64 {
    if exponent.is_nan() {
        return f64::NAN;
    }
    if exponent == 0.0 {
        return 1.0;
    }
    if exponent.is_infinite() && base.abs() == 1.0 {
        return f64::NAN;
    }
    base.powf(exponent)
}

/// Math.hypot (21.3.2.18) of already converted arguments: any Infinity gives
/// +Infinity (even with a NaN), else any NaN gives NaN; the sum of squares
/// is scaled by the largest magnitude and Kahan-compensated, as V8 does.
pub fn hypot(values: &[f64]) -> f64 {
    let mut max_abs = 0.0f64;
    let mut saw_nan = false;
    for &v in values {
        if v.is_infinite() {
            return f64::INFINITY;
        }
        if v.is_nan() {
            saw_nan = true;
        } else {
            max_abs = max_abs.max(v.abs());
        }
    }
    if saw_nan {
        return f64::NAN;
    }
    if max_abs == 0.0 {
        return 0.0;
    }
    let mut sum = 0.0f64;
    let mut compensation = 0.0f64;
    for &v in values {
        let n = v.abs() / max_abs;
        let summand = n * n - compensation;
        let preliminary = sum + summand;
        compensation = (preliminary - sum) - summand;
        sum = preliminary;
    }
    sum.sqrt() * max_abs
}

/// Math.sign (21.3.2.29): NaN and ±0 are returned unchanged.
pub fn sign(x: f64) -> f64 {
    if x.is_nan() || x == 0.0 {
        x
    } else if x > 0.0 {
        1.0
    } else {
        -1.0
    }
}

/// Math.fround (21.3.2.17): round to the nearest binary32, ties to even.
pub fn fround(x: f64) -> f64 {
    x as f32 as f64
}

/// Math.clz32 (21.3.2.11) of a Number (ToUint32 is applied here).
pub fn clz32(x: f64) -> u32 {
    to_uint32(x).leading_zeros()
}

/// Math.imul (21.3.2.19) of two Numbers (ToUint32 is applied here).
pub fn imul(a: f64, b: f64) -> i32 {
    to_int32(a).wrapping_mul(to_int32(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: f64, b: f64) -> bool {
        a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
    }

    #[test]
    fn round_cases() {
        // Outputs checked against node 20.
        let cases: &[(f64, f64)] = &[
            (0.5, 1.0),
            (-0.5, -0.0),
            (-0.4, -0.0),
            (-0.0, -0.0),
            (0.49999999999999994, 0.0),
            (-0.49999999999999994, -0.0),
            (2.5, 3.0),
            (-2.5, -2.0),
            (-2.6, -3.0),
            (1.4999999999999998, 1.0),
            (4503599627370495.5, 4503599627370496.0),
            (4503599627370497.0, 4503599627370497.0),
            (9007199254740991.0, 9007199254740991.0),
            (-4503599627370495.5, -4503599627370495.0),
            (f64::NAN, f64::NAN),
            (f64::NEG_INFINITY, f64::NEG_INFINITY),
            (5e-324, 0.0),
            (-5e-324, -0.0),
        ];
        for &(x, want) in cases {
            assert!(same(round(x), want), "round({x:e}) = {:e}", round(x));
        }
    }

    #[test]
    fn max_min_pow() {
        assert!(same(max(-0.0, 0.0), 0.0));
        assert!(same(max(0.0, -0.0), 0.0));
        assert!(same(min(0.0, -0.0), -0.0));
        assert!(same(min(-0.0, 0.0), -0.0));
        assert!(max(f64::NAN, 1.0).is_nan());
        assert!(min(1.0, f64::NAN).is_nan());
        assert_eq!(max(1.0, 2.0), 2.0);
        assert_eq!(min(1.0, 2.0), 1.0);
        assert!(pow(1.0, f64::INFINITY).is_nan());
        assert!(pow(-1.0, f64::NEG_INFINITY).is_nan());
        assert!(pow(1.0, f64::NAN).is_nan());
        assert_eq!(pow(f64::NAN, 0.0), 1.0);
        assert_eq!(pow(f64::NAN, -0.0), 1.0);
        assert_eq!(pow(2.0, 10.0), 1024.0);
        assert!(same(pow(-0.0, 3.0), -0.0));
        assert_eq!(pow(-0.0, -3.0), f64::NEG_INFINITY);
        assert!(pow(-8.0, 1.0 / 3.0).is_nan());
        assert_eq!(pow(0.5, f64::INFINITY), 0.0);
    }

    #[test]
    fn hypot_sign_fround_bits() {
        // Outputs checked against node 20.
        assert_eq!(hypot(&[3.0, 4.0]), 5.0);
        assert_eq!(hypot(&[f64::NAN, f64::NEG_INFINITY]), f64::INFINITY);
        assert!(hypot(&[f64::NAN, 1.0]).is_nan());
        assert!(same(hypot(&[]), 0.0));
        assert!(same(hypot(&[-0.0]), 0.0));
        assert_eq!(hypot(&[-3.0]), 3.0);
        assert_eq!(hypot(&[1e200, 1e200]), 1.414213562373095e200);
        assert_eq!(hypot(&[1.0, 2.0, 3.0]), 3.741657386773941);
        assert_eq!(hypot(&[0.1, 0.2, 0.3, 0.4]), 0.5477225575051662);
        assert!(same(sign(-0.0), -0.0));
        assert!(sign(f64::NAN).is_nan());
        assert_eq!(sign(-3.0), -1.0);
        assert_eq!(fround(5.5), 5.5);
        assert_eq!(fround(5.05), 5.050000190734863);
        assert_eq!(fround(1e300), f64::INFINITY);
        assert_eq!(fround(1.401298464324817e-45 / 2.0), 0.0);
        assert_eq!(clz32(1.0), 31);
        assert_eq!(clz32(0.0), 32);
        assert_eq!(clz32(-1.0), 0);
        assert_eq!(clz32(4294967296.0), 32);
        assert_eq!(imul(0xffffffffu32 as f64, 5.0), -5);
        assert_eq!(imul(3.0, 4.0), 12);
        assert_eq!(imul(2147483647.0, 2.0), -2);
    }
}
