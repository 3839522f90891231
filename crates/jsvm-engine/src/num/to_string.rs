//! Number::toString (ECMA-262 6.1.6.1.20) in radix 10 and in radix 2..=36.
//!
//! Radix 10 is the spec's shortest round-trip form, produced by ryu-js. Other
//! radices follow V8's algorithm, which the spec leaves to the
//! implementation: fraction digits are generated until they are within half
//! the gap to the next double (`delta`), rounding the last digit to even, and
//! integer digits beyond 53 significant bits are printed as zeros.
//!
//! Invariant: the output for a finite value parses back (with `parseFloat`
//! for radix 10) to the same value; NaN and the infinities print as the spec
//! names them in every radix.

/// Number::toString(x) with radix 10 (6.1.6.1.20).
pub fn number_to_string(x: f64) -> String {
    let mut buf = ryu_js::Buffer::new();
    buf.format(x).to_owned()
}

const DIGIT_CHARS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

/// The binary exponent of a finite non-negative double when it is written as
/// a 53-bit integer significand times two to that exponent.
fn binary_exponent(x: f64) -> i32 {
    let biased = ((x.to_bits() >> 52) & 0x7ff) as i32;
    if biased == 0 {
        -1074
    } else {
        biased - 1075
    }
}

/// The next double above a finite non-negative `x`.
fn next_up(x: f64) -> f64 {
    f64::from_bits(x.to_bits() + 1)
}

/// Number::toString(x, radix) for `radix` in 2..=36 (any other radix is
/// treated as 10, which is also what radix 10 gives).
pub fn number_to_string_radix(x: f64, radix: u32) -> String {
    if radix == 10 || !(2..=36).contains(&radix) || !x.is_finite() {
        return number_to_string(x);
    }
    if x == 0.0 {
        return "0".to_owned();
    }
    let negative = x < 0.0;
    let value = x.abs();
    let r = radix as f64;

    let mut integer = value.floor();
    let mut fraction = value - integer;
    // Only produce fraction digits down to the input's own precision.
    let mut delta = (0.5 * (next_up(value) - value)).max(next_up(0.0));

    let mut frac_digits: Vec<u8> = Vec::new();
    if fraction >= delta {
        loop {
            fraction *= r;
            delta *= r;
            let digit = fraction as u32;
            frac_digits.push(digit as u8);
            fraction -= digit as f64;
            // Round to even at the last position.
            if (fraction > 0.5 || (fraction == 0.5 && digit & 1 == 1)) && fraction + delta > 1.0 {
                // Round up, carrying through the digits already written.
                loop {
                    match frac_digits.pop() {
                        None => {
                            integer += 1.0;
                            break;
                        }
                        Some(d) => {
                            if (d as u32) + 1 < radix {
                                frac_digits.push(d + 1);
                                break;
                            }
                        }
                    }
                }
                break;
            }
            if fraction < delta {
                break;
            }
        }
    }

    // Integer digits; those below 53 significant bits are unknown and printed
    // as zeros.
    let mut int_digits: Vec<u8> = Vec::new();
    while binary_exponent(integer / r) > 0 {
        integer /= r;
        int_digits.push(b'0');
    }
    loop {
        let rem = integer % r;
        int_digits.push(DIGIT_CHARS[rem as usize]);
        integer = (integer - rem) / r;
        if integer <= 0.0 {
            break;
        }
    }

    let mut out = String::with_capacity(int_digits.len() + frac_digits.len() + 2);
    if negative {
        out.push('-');
    }
    out.extend(int_digits.iter().rev().map(|&c| char::from(c)));
    if !frac_digits.is_empty() {
        out.push('.');
        out.extend(
            frac_digits
                .iter()
                .map(|&d| char::from(DIGIT_CHARS[d as usize])),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn radix_ten() {
        // Outputs checked against node 20.
        let cases: &[(f64, &str)] = &[
            (0.0, "0"),
            (-0.0, "0"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
            (1.0, "1"),
            (-1.5, "-1.5"),
            (123.456, "123.456"),
            (1e21, "1e+21"),
            (1e20, "100000000000000000000"),
            (123456789012345680000.0, "123456789012345680000"),
            (1.5e-7, "1.5e-7"),
            (0.000001, "0.000001"),
            (1e-7, "1e-7"),
            (0.1 + 0.2, "0.30000000000000004"),
            (5e-324, "5e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (2f64.powi(53), "9007199254740992"),
            (1.2345e-10, "1.2345e-10"),
            (-1e100, "-1e+100"),
        ];
        for &(x, want) in cases {
            assert_eq!(number_to_string(x), want, "{x:e}");
        }
    }

    #[test]
    fn other_radices() {
        // Outputs checked against node 20.
        let cases: &[(f64, u32, &str)] = &[
            (0.5, 2, "0.1"),
            (-255.0, 16, "-ff"),
            (
                1152921504606847000.0,
                3,
                "21200101122222021102111220121112210000",
            ),
            (1e21, 36, "5v1j4f4ds7c000"),
            (0.1, 3, "0.0022002200220022002200220022002201"),
            (0.3333333333333333, 3, "0.1"),
            (123.456, 36, "3f.gez4w97ry"),
            (-0.0, 2, "0"),
            (f64::NAN, 16, "NaN"),
            (f64::NEG_INFINITY, 36, "-Infinity"),
            (255.5, 16, "ff.8"),
            (0.000001, 7, "0.00000005523220033662416625"),
            (4294967295.0, 2, "11111111111111111111111111111111"),
            (
                1e-7,
                2,
                "0.0000000000000000000000011010110101111111001010011010101111001010111101001",
            ),
            (3.3, 8, "3.23146314631463146"),
            (9007199254740994.0, 7, "5350140446150306056"),
        ];
        for &(x, radix, want) in cases {
            assert_eq!(
                number_to_string_radix(x, radix),
                want,
                "({x:e}).toString({radix})"
            );
        }
        let max36 = number_to_string_radix(f64::MAX, 36);
        assert!(max36.starts_with("1a1e4vngaiqo000"), "{max36}");
        assert_eq!(max36.len(), 199);
        assert_eq!(number_to_string_radix(5e-324, 2).len(), 1076);
    }
}
