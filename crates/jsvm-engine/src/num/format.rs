//! Number.prototype.toFixed, toExponential and toPrecision (ECMA-262
//! 21.1.3.3, 21.1.3.2, 21.1.3.5), computed from the exact decimal expansion
//! of the double so that every rounding is the spec's "closest n, the larger
//! on a tie".
//!
//! Invariant: these functions take the digit count already validated by the
//! caller (the built-in throws the RangeError for out-of-range counts);
//! given any count they still return a well-formed string and never panic.

use super::exact::{exact_digits, shortest_digits, Digits};
use super::to_string::number_to_string;

fn digit_char(d: u8) -> char {
    char::from(b'0' + d)
}

/// Number.prototype.toFixed(fractionDigits) for a Number `x` and a
/// `fraction_digits` the caller has checked to be in 0..=100.
pub fn to_fixed(x: f64, fraction_digits: u32) -> String {
    if !x.is_finite() {
        return number_to_string(x);
    }
    let f = fraction_digits as i64;
    let mut out = String::new();
    if x < 0.0 {
        out.push('-');
    }
    let ax = x.abs();
    if ax >= 1e21 {
        out.push_str(&number_to_string(ax));
        return out;
    }
    // n = round(ax × 10^f); its digits are those of `ax` up to 10^-f.
    let exact = exact_digits(ax);
    let rounded = exact.round_at(exact.point as i64 + f);
    // The integer n as a digit string (n's units sit at 10^-f).
    let mut n: Vec<u8> = Vec::new();
    if !rounded.digits.is_empty() {
        let len = rounded.point as i64 + f;
        for i in 0..len.max(0) {
            n.push(rounded.digit(i as usize));
        }
    }
    if n.is_empty() {
        n.push(0);
    }
    let f = f as usize;
    if f == 0 {
        out.extend(n.iter().map(|&d| digit_char(d)));
        return out;
    }
    if n.len() <= f {
        let mut padded = vec![0u8; f + 1 - n.len()];
        padded.extend_from_slice(&n);
        n = padded;
    }
    let split = n.len() - f;
    out.extend(n[..split].iter().map(|&d| digit_char(d)));
    out.push('.');
    out.extend(n[split..].iter().map(|&d| digit_char(d)));
    out
}

/// Writes `digits` (padded with zeros to `count`) as `d[.ddd]e±exp`.
fn push_exponential(out: &mut String, digits: &Digits, count: usize, exponent: i32) {
    out.push(digit_char(digits.digit(0)));
    if count > 1 {
        out.push('.');
        for i in 1..count {
            out.push(digit_char(digits.digit(i)));
        }
    }
    out.push('e');
    out.push(if exponent >= 0 { '+' } else { '-' });
    out.push_str(&exponent.unsigned_abs().to_string());
}

/// Number.prototype.toExponential(fractionDigits): `fraction_digits` is
/// `None` for undefined (as many digits as needed to round-trip) or a count
/// the caller has checked to be in 0..=100.
pub fn to_exponential(x: f64, fraction_digits: Option<u32>) -> String {
    if !x.is_finite() {
        return number_to_string(x);
    }
    let mut out = String::new();
    if x < 0.0 {
        out.push('-');
    }
    let ax = x.abs();
    if ax == 0.0 {
        let count = fraction_digits.unwrap_or(0) as usize + 1;
        let zero = Digits {
            digits: Vec::new(),
            point: 1,
        };
        push_exponential(&mut out, &zero, count, 0);
        return out;
    }
    let (digits, count) = match fraction_digits {
        None => {
            let d = shortest_digits(ax);
            let count = d.digits.len();
            (d, count)
        }
        Some(f) => {
            let count = f as usize + 1;
            (exact_digits(ax).round_at(count as i64), count)
        }
    };
    push_exponential(&mut out, &digits, count, digits.point - 1);
    out
}

/// Number.prototype.toPrecision(precision) for a `precision` the caller has
/// checked to be in 1..=100 (undefined precision is plain ToString, done by
/// the caller).
pub fn to_precision(x: f64, precision: u32) -> String {
    if !x.is_finite() {
        return number_to_string(x);
    }
    let p = precision.max(1) as usize;
    let mut out = String::new();
    if x < 0.0 {
        out.push('-');
    }
    let ax = x.abs();
    let (digits, e) = if ax == 0.0 {
        (
            Digits {
                digits: Vec::new(),
                point: 1,
            },
            0,
        )
    } else {
        let d = exact_digits(ax).round_at(p as i64);
        let e = d.point - 1;
        (d, e)
    };
    if e < -6 || e >= p as i32 {
        push_exponential(&mut out, &digits, p, e);
        return out;
    }
    if e == p as i32 - 1 {
        out.extend((0..p).map(|i| digit_char(digits.digit(i))));
    } else if e >= 0 {
        let int_len = e as usize + 1;
        out.extend((0..int_len).map(|i| digit_char(digits.digit(i))));
        out.push('.');
        out.extend((int_len..p).map(|i| digit_char(digits.digit(i))));
    } else {
        out.push_str("0.");
        for _ in 0..(-(e + 1)) {
            out.push('0');
        }
        out.extend((0..p).map(|i| digit_char(digits.digit(i))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed() {
        // Outputs checked against node 20.
        let cases: &[(f64, u32, &str)] = &[
            (1.005, 2, "1.00"),
            (1.005, 0, "1"),
            (1.5, 0, "2"),
            (2.5, 0, "3"),
            (-2.5, 0, "-3"),
            (0.5, 0, "1"),
            (0.05, 1, "0.1"),
            (0.15, 1, "0.1"),
            (0.25, 1, "0.3"),
            (123.456, 2, "123.46"),
            (123.456, 0, "123"),
            (123.456, 10, "123.4560000000"),
            (0.000001, 2, "0.00"),
            (0.000001, 7, "0.0000010"),
            (-0.0000001, 2, "-0.00"),
            (-0.0, 2, "0.00"),
            (0.0, 0, "0"),
            (1e21, 2, "1e+21"),
            (-1e21, 2, "-1e+21"),
            (1e20, 2, "100000000000000000000.00"),
            (5e-324, 2, "0.00"),
            (9.995, 2, "9.99"),
            (99.995, 2, "100.00"),
            (0.5, 1, "0.5"),
            (1.45, 1, "1.4"),
            (8.345, 2, "8.35"),
            (1000000000000000128.0, 0, "1000000000000000128"),
            (1000000000000000128.0, 2, "1000000000000000128.00"),
            (f64::NAN, 2, "NaN"),
            (f64::NEG_INFINITY, 2, "-Infinity"),
            (0.1, 20, "0.10000000000000000555"),
            (
                0.1,
                100,
                "0.1000000000000000055511151231257827021181583404541015625000000000000000000000000000000000000000000000",
            ),
            (
                5e-324,
                100,
                "0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
            ),
            (0.0009, 3, "0.001"),
            (0.00049, 3, "0.000"),
        ];
        for &(x, f, want) in cases {
            assert_eq!(to_fixed(x, f), want, "{x:e}.toFixed({f})");
        }
    }

    #[test]
    fn exponential() {
        // Outputs checked against node 20.
        let cases: &[(f64, Option<u32>, &str)] = &[
            (123.456, None, "1.23456e+2"),
            (123.456, Some(2), "1.23e+2"),
            (123.456, Some(0), "1e+2"),
            (0.0, None, "0e+0"),
            (0.0, Some(2), "0.00e+0"),
            (-0.0, Some(1), "0.0e+0"),
            (1.005, Some(2), "1.00e+0"),
            (1.5, Some(0), "2e+0"),
            (2.5, Some(0), "3e+0"),
            (9.95, Some(1), "9.9e+0"),
            (99.5, Some(0), "1e+2"),
            (5e-324, None, "5e-324"),
            (5e-324, Some(3), "4.941e-324"),
            (f64::MAX, Some(5), "1.79769e+308"),
            (1e21, None, "1e+21"),
            (-1.5e-7, None, "-1.5e-7"),
            (0.000001, Some(2), "1.00e-6"),
            (f64::INFINITY, Some(2), "Infinity"),
            (1.25, Some(1), "1.3e+0"),
            (1.35, Some(1), "1.4e+0"),
            (12345.0, Some(20), "1.23450000000000000000e+4"),
        ];
        for &(x, f, want) in cases {
            assert_eq!(to_exponential(x, f), want, "{x:e}.toExponential({f:?})");
        }
    }

    #[test]
    fn precision() {
        // Outputs checked against node 20.
        let cases: &[(f64, u32, &str)] = &[
            (123.456, 1, "1e+2"),
            (123.456, 2, "1.2e+2"),
            (123.456, 3, "123"),
            (123.456, 4, "123.5"),
            (123.456, 10, "123.4560000"),
            (0.000001, 2, "0.0000010"),
            (0.0000001, 2, "1.0e-7"),
            (0.0, 1, "0"),
            (0.0, 3, "0.00"),
            (-0.0, 3, "0.00"),
            (1.005, 3, "1.00"),
            (1e21, 3, "1.00e+21"),
            (1e21, 22, "1000000000000000000000"),
            (5e-324, 1, "5e-324"),
            (5e-324, 5, "4.9407e-324"),
            (99.99, 3, "100"),
            (99.99, 2, "1.0e+2"),
            (-1.5, 1, "-2"),
            (2.5, 1, "3"),
            (0.00001, 1, "0.00001"),
            (123456.0, 6, "123456"),
            (123456.0, 5, "1.2346e+5"),
            (f64::NAN, 5, "NaN"),
        ];
        for &(x, p, want) in cases {
            assert_eq!(to_precision(x, p), want, "{x:e}.toPrecision({p})");
        }
    }
}
