//! The Math object (ECMAScript 21.3): its value properties, its functions
//! and `@@toStringTag`.
//!
//! Invariant: every function converts all of its arguments with ToNumber, in
//! order, before computing (observable through valueOf side effects), and
//! follows the spec's special cases for NaN, signed zeros and infinities
//! where they differ from the platform's libm. `Math.random` is a
//! per-thread xorshift128+ generator seeded from the clock.

use std::cell::Cell;

use crate::error::JsResult;
use crate::function::{CallArgs, NativeFn};
use crate::property::Attrs;
use crate::value::{RealmId, Value};
use crate::vm::Vm;

use super::support::{define_named, define_to_string_tag, intrinsics};

pub fn init(vm: &mut Vm, realm: RealmId) {
    vm.with_realm(realm, |vm| {
        let math = intrinsics(vm, realm).math;
        let consts: [(&str, f64); 8] = [
            ("E", std::f64::consts::E),
            ("LN10", std::f64::consts::LN_10),
            ("LN2", std::f64::consts::LN_2),
            ("LOG10E", std::f64::consts::LOG10_E),
            ("LOG2E", std::f64::consts::LOG2_E),
            ("PI", std::f64::consts::PI),
            ("SQRT1_2", std::f64::consts::FRAC_1_SQRT_2),
            ("SQRT2", std::f64::consts::SQRT_2),
        ];
        for (name, v) in consts {
            define_named(vm, math, name, Value::Number(v), Attrs::NONE);
        }
        let fns: &[(&str, u32, NativeFn)] = &[
            ("abs", 1, abs),
            ("acos", 1, acos),
            ("acosh", 1, acosh),
            ("asin", 1, asin),
            ("asinh", 1, asinh),
            ("atan", 1, atan),
            ("atanh", 1, atanh),
            ("atan2", 2, atan2),
            ("cbrt", 1, cbrt),
            ("ceil", 1, ceil),
            ("clz32", 1, clz32),
            ("cos", 1, cos),
            ("cosh", 1, cosh),
            ("exp", 1, exp),
            ("expm1", 1, expm1),
            ("f16round", 1, f16round),
            ("floor", 1, floor),
            ("fround", 1, fround),
            ("hypot", 2, hypot),
            ("imul", 2, imul),
            ("log", 1, log),
            ("log1p", 1, log1p),
            ("log10", 1, log10),
            ("log2", 1, log2),
            ("max", 2, max),
            ("min", 2, min),
            ("pow", 2, pow),
            ("random", 0, random),
            ("round", 1, round),
            ("sign", 1, sign),
            ("sin", 1, sin),
            ("sinh", 1, sinh),
            ("sqrt", 1, sqrt),
            ("sumPrecise", 1, sum_precise),
            ("tan", 1, tan),
            ("tanh", 1, tanh),
            ("trunc", 1, trunc),
        ];
        for &(name, len, f) in fns {
            vm.define_method(math, name, len, f);
        }
        define_to_string_tag(vm, math, "Math");
    });
}

/// ToNumber of the first argument.
fn num_arg(vm: &mut Vm, args: &CallArgs) -> JsResult<f64> {
    vm.to_number(args.arg(0))
}

macro_rules! unary_math {
    ($($name:ident => $f:expr;)*) => {$(
        fn $name(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
            let x = num_arg(vm, args)?;
            let f: fn(f64) -> f64 = $f;
            Ok(Value::Number(f(x)))
        }
    )*};
}

unary_math! {
    abs => f64::abs;
    acos => f64::acos;
    acosh => f64::acosh;
    asin => f64::asin;
    asinh => |x| if x == 0.0 { x } else { x.asinh() };
    atan => f64::atan;
    atanh => |x| if x == 0.0 { x } else { x.atanh() };
    cbrt => f64::cbrt;
    ceil => f64::ceil;
    cos => f64::cos;
    cosh => f64::cosh;
    exp => f64::exp;
    expm1 => |x| if x == 0.0 { x } else { x.exp_m1() };
    floor => f64::floor;
    fround => |x| x as f32 as f64;
    f16round => round_to_f16;
    log => f64::ln;
    log1p => |x| if x == 0.0 { x } else { x.ln_1p() };
    log10 => f64::log10;
    log2 => f64::log2;
    round => crate::num::round;
    sign => |x| if x.is_nan() || x == 0.0 { x } else { x.signum() };
    sin => f64::sin;
    sinh => |x| if x == 0.0 { x } else { x.sinh() };
    sqrt => f64::sqrt;
    tan => f64::tan;
    tanh => |x| if x == 0.0 { x } else { x.tanh() };
    trunc => f64::trunc;
}

/// Rounds to the nearest IEEE binary16 value (ties to even) and back.
fn round_to_f16(x: f64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    let sign = if x < 0.0 { -1.0 } else { 1.0 };
    let a = x.abs();
    // Largest finite half is 65504; values at or above 65520 round to infinity.
    if a >= 65520.0 {
        return sign * f64::INFINITY;
    }
    // Quantum: 2^(e-10) for normal halves (e >= -14), 2^-24 for subnormals.
    let biased = ((a.to_bits() >> 52) & 0x7ff) as i32;
    let e = (biased - 1023).max(-14);
    let quantum = 2f64.powi(e - 10);
    let q = a / quantum; // exact: dividing by a power of two
    let r = q.round_ties_even();
    sign * r * quantum
}

fn atan2(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let y = vm.to_number(args.arg(0))?;
    let x = vm.to_number(args.arg(1))?;
    Ok(Value::Number(y.atan2(x)))
}

fn clz32(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let n = vm.to_uint32(args.arg(0))?;
    Ok(Value::Number(n.leading_zeros() as f64))
}

fn imul(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let a = vm.to_uint32(args.arg(0))?;
    let b = vm.to_uint32(args.arg(1))?;
    Ok(Value::Number(a.wrapping_mul(b) as i32 as f64))
}

fn hypot(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let mut nums = Vec::with_capacity(args.args.len());
    for &a in args.args {
        nums.push(vm.to_number(a)?);
    }
    Ok(Value::Number(crate::num::hypot(&nums)))
}

fn max(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let mut result = f64::NEG_INFINITY;
    let mut nan = false;
    for &a in args.args {
        let n = vm.to_number(a)?;
        if n.is_nan() {
            nan = true;
        } else if n > result || (n == 0.0 && result == 0.0 && n.is_sign_positive()) {
            result = n;
        }
    }
    Ok(Value::Number(if nan { f64::NAN } else { result }))
}

fn min(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let mut result = f64::INFINITY;
    let mut nan = false;
    for &a in args.args {
        let n = vm.to_number(a)?;
        if n.is_nan() {
            nan = true;
        } else if n < result || (n == 0.0 && result == 0.0 && n.is_sign_negative()) {
            result = n;
        }
    }
    Ok(Value::Number(if nan { f64::NAN } else { result }))
}

fn pow(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let b = vm.to_number(args.arg(0))?;
    let e = vm.to_number(args.arg(1))?;
    Ok(Value::Number(crate::num::pow(b, e)))
}

thread_local! {
    static RNG: Cell<(u64, u64)> = const { Cell::new((0, 0)) };
}

/// splitmix64, used to expand the clock seed into xorshift state.
fn splitmix(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A double in [0, 1) from xorshift128+.
fn next_random() -> f64 {
    RNG.with(|cell| {
        let (mut s0, mut s1) = cell.get();
        if s0 == 0 && s1 == 0 {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(0x1234_5678);
            let addr = &s0 as *const u64 as u64;
            let mut seed = nanos ^ addr.rotate_left(32);
            s0 = splitmix(&mut seed);
            s1 = splitmix(&mut seed);
            if s0 == 0 && s1 == 0 {
                s1 = 1;
            }
        }
        let mut x = s0;
        let y = s1;
        x ^= x << 23;
        x ^= x >> 17;
        x ^= y ^ (y >> 26);
        cell.set((y, x));
        let bits = x.wrapping_add(y) >> 11; // 53 random bits
        bits as f64 / (1u64 << 53) as f64
    })
}

fn random(_vm: &mut Vm, _args: &CallArgs) -> JsResult<Value> {
    Ok(Value::Number(next_random()))
}

/// Math.sumPrecise(items) (proposal-math-sum): the exactly rounded sum of an
/// iterable of Numbers; -0 when empty or all -0.
fn sum_precise(vm: &mut Vm, args: &CallArgs) -> JsResult<Value> {
    let items = args.arg(0);
    if items.is_nullish() {
        return Err(crate::error::JsError::type_error(
            "Math.sumPrecise requires an iterable",
        ));
    }
    let mut rec = vm.get_iterator(items)?;
    let mut acc = ExactSum::new();
    loop {
        let next = vm.iterator_step_value(&mut rec)?;
        let Some(v) = next else { break };
        let Value::Number(n) = v else {
            let err = crate::error::JsError::type_error("Math.sumPrecise: value is not a Number");
            return vm.iterator_close(&rec, Err(err));
        };
        acc.add(n);
    }
    Ok(Value::Number(acc.result()))
}

/// An exact accumulator for sums of doubles: a two's complement fixed-point
/// integer in units of 2^-1074 wide enough for 2^53 maximal terms.
struct ExactSum {
    /// Little-endian 64-bit limbs, two's complement.
    limbs: Vec<u64>,
    pos_inf: bool,
    neg_inf: bool,
    nan: bool,
    /// Every finite term so far was -0 (or there were none).
    all_neg_zero: bool,
}

/// 1074 + 1024 bits of range plus 53 bits of headroom plus a sign: 36 limbs.
const LIMBS: usize = 36;

impl ExactSum {
    fn new() -> Self {
        ExactSum {
            limbs: vec![0; LIMBS],
            pos_inf: false,
            neg_inf: false,
            nan: false,
            all_neg_zero: true,
        }
    }

    fn add(&mut self, x: f64) {
        if x.is_nan() {
            self.nan = true;
            return;
        }
        if x == f64::INFINITY {
            self.pos_inf = true;
            return;
        }
        if x == f64::NEG_INFINITY {
            self.neg_inf = true;
            return;
        }
        if !(x == 0.0 && x.is_sign_negative()) {
            self.all_neg_zero = false;
        }
        if x == 0.0 {
            return;
        }
        let bits = x.to_bits();
        let exp = ((bits >> 52) & 0x7ff) as u32;
        let frac = bits & ((1u64 << 52) - 1);
        let (mant, shift) = if exp == 0 {
            (frac, 0)
        } else {
            (frac | (1u64 << 52), exp - 1)
        };
        // value = mant * 2^(shift - 1074) = mant << shift in our units.
        let mut addend = vec![0u64; LIMBS];
        let limb = (shift / 64) as usize;
        let off = shift % 64;
        addend[limb] = mant << off;
        if off > 0 && limb + 1 < LIMBS {
            addend[limb + 1] = mant >> (64 - off);
        }
        if x < 0.0 {
            negate(&mut addend);
        }
        let mut carry = 0u64;
        for (a, b) in self.limbs.iter_mut().zip(addend.iter()) {
            let (s1, c1) = a.overflowing_add(*b);
            let (s2, c2) = s1.overflowing_add(carry);
            *a = s2;
            carry = (c1 as u64) + (c2 as u64);
        }
    }

    fn result(&self) -> f64 {
        if self.nan || (self.pos_inf && self.neg_inf) {
            return f64::NAN;
        }
        if self.pos_inf {
            return f64::INFINITY;
        }
        if self.neg_inf {
            return f64::NEG_INFINITY;
        }
        if self.all_neg_zero {
            return -0.0;
        }
        let negative = self.limbs[LIMBS - 1] >> 63 == 1;
        let mut mag = self.limbs.clone();
        if negative {
            negate(&mut mag);
        }
        let v = magnitude_to_f64(&mag);
        if negative {
            -v
        } else {
            v
        }
    }
}

fn negate(limbs: &mut [u64]) {
    let mut carry = 1u64;
    for l in limbs.iter_mut() {
        let (s, c) = (!*l).overflowing_add(carry);
        *l = s;
        carry = c as u64;
    }
}

/// Rounds a non-negative fixed-point integer (units of 2^-1074) to the
/// nearest double, ties to even; overflows to Infinity.
fn magnitude_to_f64(limbs: &[u64]) -> f64 {
    let top = match limbs.iter().rposition(|&l| l != 0) {
        Some(t) => t,
        None => return 0.0,
    };
    let bit_len = top as u32 * 64 + (64 - limbs[top].leading_zeros());
    let bit = |i: u32| -> bool {
        let l = (i / 64) as usize;
        l < limbs.len() && (limbs[l] >> (i % 64)) & 1 == 1
    };
    if bit_len <= 53 {
        // Exactly representable (subnormal or small normal).
        let v = limbs[0] as f64; // bit_len <= 53 means it fits in limb 0
        return v * f64::from_bits(1);
    }
    // Keep the top 53 bits; the rest decide the rounding.
    let drop = bit_len - 53;
    let mut mant: u64 = 0;
    for i in (drop..bit_len).rev() {
        mant = (mant << 1) | bit(i) as u64;
    }
    let half = bit(drop - 1);
    let sticky = (0..drop - 1).any(bit);
    if half && (sticky || mant & 1 == 1) {
        mant += 1;
    }
    let mut exp = drop as i32 - 1074;
    if mant == 1u64 << 53 {
        mant >>= 1;
        exp += 1;
    }
    // mant * 2^exp; exp + 52 > 1023 overflows.
    if exp + 52 > 1023 {
        return f64::INFINITY;
    }
    (mant as f64) * pow2(exp)
}

/// 2^e for e in a range where the product with a 53-bit integer is exact.
fn pow2(e: i32) -> f64 {
    if e > 1023 {
        f64::INFINITY
    } else if e >= -1022 {
        f64::from_bits(((e + 1023) as u64) << 52)
    } else {
        2f64.powi(e + 60) * 2f64.powi(-60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f16() {
        assert_eq!(round_to_f16(1.337), 1.3369140625);
        assert_eq!(round_to_f16(65519.0), 65504.0);
        assert_eq!(round_to_f16(65520.0), f64::INFINITY);
        assert_eq!(round_to_f16(5.960464477539063e-8), 5.960464477539063e-8);
        assert_eq!(round_to_f16(2.9802322387695312e-8), 0.0);
    }

    #[test]
    fn exact_sum() {
        let mut s = ExactSum::new();
        for x in [1e20, 0.1, -1e20] {
            s.add(x);
        }
        assert_eq!(s.result(), 0.1);
        let mut s = ExactSum::new();
        for x in [
            1.7976931348623157e308,
            1.7976931348623157e308,
            -1.7976931348623157e308,
        ] {
            s.add(x);
        }
        assert_eq!(s.result(), 1.7976931348623157e308);
        let mut s = ExactSum::new();
        s.add(5e-324);
        s.add(5e-324);
        assert_eq!(s.result(), 1e-323);
        let mut s = ExactSum::new();
        s.add(-0.0);
        assert_eq!(s.result().to_bits(), (-0.0f64).to_bits());
        let mut s = ExactSum::new();
        for x in [0.1, 0.2, 0.3] {
            s.add(x);
        }
        assert_eq!(s.result(), 0.6);
    }
}
