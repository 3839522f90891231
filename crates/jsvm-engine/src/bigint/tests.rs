//! Unit tests of BigInt arithmetic and conversions against known values.

use super::*;
use crate::heap::Heap;
use crate::value::BigIntValue;
use std::cmp::Ordering;

fn lit(heap: &mut Heap, s: &str) -> BigIntValue {
    let (neg, digits) = match s.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, s),
    };
    let mut n = parse_literal(digits).expect("test literal");
    if neg {
        n = -n;
    }
    make(heap, n)
}

fn show(heap: &Heap, v: BigIntValue) -> String {
    to_string_radix(heap, v, 10)
}

fn op(a: &str, o: BigOp, b: &str) -> Result<String, String> {
    let mut heap = Heap::new();
    let x = lit(&mut heap, a);
    let y = lit(&mut heap, b);
    binary(&mut heap, o, x, y)
        .map(|r| show(&heap, r))
        .map_err(|e| format!("{e:?}"))
}

#[test]
fn canonical_form() {
    let mut heap = Heap::new();
    assert_eq!(make_i128(&mut heap, 0), BigIntValue::Pos(0));
    assert_eq!(make_i128(&mut heap, -5), BigIntValue::Neg(5));
    let max = lit(&mut heap, "18446744073709551615");
    assert_eq!(max, BigIntValue::Pos(u64::MAX));
    let big = lit(&mut heap, "18446744073709551616");
    assert!(matches!(big, BigIntValue::Heap(_)));
    let minus_zero = lit(&mut heap, "-0");
    assert_eq!(minus_zero, BigIntValue::Pos(0));
    // Subtracting back into range gives an inline value again.
    let one = BigIntValue::Pos(1);
    let r = binary(&mut heap, BigOp::Sub, big, one).unwrap();
    assert_eq!(r, BigIntValue::Pos(u64::MAX));
}

#[test]
fn arithmetic() {
    assert_eq!(
        op("18446744073709551615", BigOp::Add, "1").unwrap(),
        "18446744073709551616"
    );
    assert_eq!(
        op("18446744073709551615", BigOp::Mul, "18446744073709551615").unwrap(),
        "340282366920938463426481119284349108225"
    );
    assert_eq!(op("-7", BigOp::Div, "2").unwrap(), "-3");
    assert_eq!(op("-7", BigOp::Rem, "2").unwrap(), "-1");
    assert_eq!(op("7", BigOp::Rem, "-2").unwrap(), "1");
    assert!(op("1", BigOp::Div, "0").is_err());
    assert!(op("1", BigOp::Rem, "0").is_err());
    assert_eq!(
        op("2", BigOp::Exp, "100").unwrap(),
        "1267650600228229401496703205376"
    );
    assert_eq!(op("-1", BigOp::Exp, "1000000000001").unwrap(), "-1");
    assert_eq!(op("-1", BigOp::Exp, "1000000000000").unwrap(), "1");
    assert_eq!(op("0", BigOp::Exp, "0").unwrap(), "1");
    assert!(op("2", BigOp::Exp, "-1").is_err());
    assert!(op("2", BigOp::Exp, "100000000000").is_err());
}

#[test]
fn bitwise_and_shifts() {
    assert_eq!(op("-1", BigOp::And, "255").unwrap(), "255");
    assert_eq!(op("-256", BigOp::Or, "255").unwrap(), "-1");
    assert_eq!(op("-5", BigOp::Xor, "3").unwrap(), "-8");
    assert_eq!(op("-5", BigOp::Shr, "1").unwrap(), "-3");
    assert_eq!(op("-5", BigOp::Shl, "-1").unwrap(), "-3");
    assert_eq!(op("5", BigOp::Shr, "-2").unwrap(), "20");
    assert_eq!(op("1", BigOp::Shl, "64").unwrap(), "18446744073709551616");
    assert_eq!(op("-1", BigOp::Shr, "1000000000000").unwrap(), "-1");
    assert_eq!(op("123", BigOp::Shr, "1000000000000").unwrap(), "0");
    assert_eq!(op("0", BigOp::Shl, "1000000000000").unwrap(), "0");
    assert!(op("1", BigOp::Shl, "1000000000000").is_err());
    let big = "-340282366920938463463374607431768211457"; // -(2^128 + 1)
    assert_eq!(op(big, BigOp::Shr, "127").unwrap(), "-3");
    assert_eq!(op(big, BigOp::And, "-1").unwrap(), big);
    let mut heap = Heap::new();
    let x = lit(&mut heap, big);
    let n = unary(&mut heap, BigUnOp::BitNot, x).unwrap();
    assert_eq!(show(&heap, n), "340282366920938463463374607431768211456");
    let m = unary(&mut heap, BigUnOp::BitNot, BigIntValue::Pos(0)).unwrap();
    assert_eq!(m, BigIntValue::Neg(1));
}

#[test]
fn comparisons() {
    let mut heap = Heap::new();
    let a = lit(&mut heap, "340282366920938463463374607431768211456");
    let b = lit(&mut heap, "340282366920938463463374607431768211456");
    assert!(equals(&heap, a, b));
    assert_eq!(compare(&heap, a, BigIntValue::Neg(3)), Ordering::Greater);
    assert_eq!(
        cmp_number(&heap, BigIntValue::Pos(1), 1.5),
        Some(Ordering::Less)
    );
    assert_eq!(
        cmp_number(&heap, BigIntValue::Pos(2), 1.5),
        Some(Ordering::Greater)
    );
    assert_eq!(
        cmp_number(&heap, BigIntValue::Neg(2), -1.5),
        Some(Ordering::Less)
    );
    assert_eq!(
        cmp_number(&heap, BigIntValue::Pos(0), -0.0),
        Some(Ordering::Equal)
    );
    assert_eq!(cmp_number(&heap, BigIntValue::Pos(0), f64::NAN), None);
    assert_eq!(cmp_number(&heap, a, f64::INFINITY), Some(Ordering::Less));
    assert_eq!(
        cmp_number(&heap, a, 3.402823669209385e38),
        Some(Ordering::Equal)
    );
    // 2^53 + 1 is not equal to the Number 2^53.
    let c = lit(&mut heap, "9007199254740993");
    assert_eq!(
        cmp_number(&heap, c, 9007199254740992.0),
        Some(Ordering::Greater)
    );
}

#[test]
fn number_conversions() {
    let mut heap = Heap::new();
    let c = lit(&mut heap, "9007199254740993");
    assert_eq!(to_f64(&heap, c), 9007199254740992.0);
    let d = lit(&mut heap, "9007199254740995");
    assert_eq!(to_f64(&heap, d), 9007199254740996.0);
    let huge = lit(&mut heap, "0x1fffffffffffff800000000000000001");
    // Above the halfway point: rounds up.
    assert_eq!(to_f64(&heap, huge), 2f64.powi(125));
    assert_eq!(
        number_to_bigint(&mut heap, -0.0).unwrap(),
        BigIntValue::Pos(0)
    );
    assert!(number_to_bigint(&mut heap, 0.5).is_err());
    assert!(number_to_bigint(&mut heap, f64::NAN).is_err());
    let e = number_to_bigint(&mut heap, 1e30).unwrap();
    assert_eq!(show(&heap, e), "1000000000000000019884624838656");
    let f = number_to_bigint(&mut heap, -18446744073709551615.0).unwrap();
    let g = lit(&mut heap, "-18446744073709551616");
    assert!(equals(&heap, f, g));
}

#[test]
fn strings() {
    let mut heap = Heap::new();
    let s = |heap: &mut Heap, t: &str| {
        let units: Vec<u16> = t.encode_utf16().collect();
        string_to_bigint(heap, &units).map(|v| to_string_radix(heap, v, 10))
    };
    assert_eq!(s(&mut heap, "").as_deref(), Some("0"));
    assert_eq!(s(&mut heap, " \n 12 \u{2028}").as_deref(), Some("12"));
    assert_eq!(s(&mut heap, "-12").as_deref(), Some("-12"));
    assert_eq!(s(&mut heap, "+12").as_deref(), Some("12"));
    assert_eq!(s(&mut heap, "0xff").as_deref(), Some("255"));
    assert_eq!(s(&mut heap, "0B11").as_deref(), Some("3"));
    assert_eq!(s(&mut heap, "-0x1"), None);
    assert_eq!(s(&mut heap, "1n"), None);
    assert_eq!(s(&mut heap, "1_0"), None);
    assert_eq!(s(&mut heap, "1.0"), None);
    assert_eq!(s(&mut heap, "1e3"), None);
    assert_eq!(s(&mut heap, "Infinity"), None);
    assert_eq!(s(&mut heap, "0x"), None);
    assert_eq!(s(&mut heap, "-"), None);
    let v = lit(&mut heap, "-255");
    assert_eq!(to_string_radix(&heap, v, 16), "-ff");
    assert_eq!(to_string_radix(&heap, BigIntValue::Pos(35), 36), "z");
}

#[test]
fn fixed_width() {
    let mut heap = Heap::new();
    let v = lit(&mut heap, "-1");
    let u = as_uint_n(&mut heap, 64, v).unwrap();
    assert_eq!(u, BigIntValue::Pos(u64::MAX));
    let i = as_int_n(&mut heap, 64, u).unwrap();
    assert_eq!(i, BigIntValue::Neg(1));
    let u8v = as_uint_n(&mut heap, 8, BigIntValue::Pos(257)).unwrap();
    assert_eq!(u8v, BigIntValue::Pos(1));
    let i8v = as_int_n(&mut heap, 8, BigIntValue::Pos(255)).unwrap();
    assert_eq!(i8v, BigIntValue::Neg(1));
    let w = as_uint_n(&mut heap, 65, v).unwrap();
    assert_eq!(show(&heap, w), "36893488147419103231");
    let back = as_int_n(&mut heap, 65, w).unwrap();
    assert_eq!(back, BigIntValue::Neg(1));
    assert_eq!(as_int_n(&mut heap, 0, v).unwrap(), BigIntValue::Pos(0));
    assert_eq!(as_int_n(&mut heap, 1 << 50, v).unwrap(), v);
    assert!(as_uint_n(&mut heap, 1 << 50, v).is_err());
    let big = lit(&mut heap, "0x1ffffffffffffffff"); // 2^65 - 1
    assert_eq!(to_big_uint64(&heap, big), u64::MAX);
    assert_eq!(to_big_int64(&heap, big), -1);
    let nbig = lit(&mut heap, "-0x10000000000000001"); // -(2^64 + 1)
    assert_eq!(to_big_int64(&heap, nbig), -1);
    assert_eq!(to_big_int64(&heap, BigIntValue::Pos(1 << 63)), i64::MIN);
    assert_eq!(from_i64(i64::MIN), BigIntValue::Neg(1 << 63));
}
