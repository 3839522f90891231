//! String to number: StringToNumber (ECMA-262 7.1.4.1.1), the global
//! `parseInt` and `parseFloat` (19.2.5, 19.2.4), and the white-space set they
//! trim.
//!
//! Decimal digits are validated here and handed, as sanitized ASCII, to
//! Rust's correctly rounded `str::parse::<f64>`. Radix 2, 4, 8, 16 and 32 are
//! rounded exactly (round half to even on the dropped bits, as the spec
//! requires and V8 does); other `parseInt` radices accumulate in 32-bit chunks
//! as V8 does, which the spec allows ("an implementation-approximated
//! integer").
//!
//! Invariant: these functions accept any UTF-16 input and never panic.

/// WhiteSpace or LineTerminator (12.2, 12.3): the StrWhiteSpaceChar set that
/// StringToNumber, parseInt, parseFloat and String.prototype.trim strip.
pub fn is_js_whitespace(c: u16) -> bool {
    matches!(
        c,
        0x09 | 0x0A | 0x0B | 0x0C | 0x0D | 0x20 | 0xA0 | 0x1680 | 0x2000
            ..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F | 0x3000 | 0xFEFF
    )
}

fn trim_start(s: &[u16]) -> &[u16] {
    let start = s
        .iter()
        .position(|&c| !is_js_whitespace(c))
        .unwrap_or(s.len());
    &s[start..]
}

fn trim(s: &[u16]) -> &[u16] {
    let s = trim_start(s);
    let end = s
        .iter()
        .rposition(|&c| !is_js_whitespace(c))
        .map_or(0, |i| i + 1);
    &s[..end]
}

/// The value of `c` as a digit in `radix` (2..=36), if it is one.
fn digit_value(c: u16, radix: u32) -> Option<u32> {
    let v = match c {
        0x30..=0x39 => (c - 0x30) as u32,
        0x61..=0x7A => (c - 0x61) as u32 + 10,
        0x41..=0x5A => (c - 0x41) as u32 + 10,
        _ => return None,
    };
    (v < radix).then_some(v)
}

fn is_digit(c: u16) -> bool {
    (0x30..=0x39).contains(&c)
}

const INFINITY_UTF16: [u16; 8] = [
    b'I' as u16,
    b'n' as u16,
    b'f' as u16,
    b'i' as u16,
    b'n' as u16,
    b'i' as u16,
    b't' as u16,
    b'y' as u16,
];

/// Scans the longest prefix of `s` that is a StrDecimalLiteral (with sign and
/// `Infinity`). Returns the value and the number of code units used, or
/// `None` when no prefix matches.
fn scan_decimal(s: &[u16]) -> Option<(f64, usize)> {
    let mut i = 0;
    let mut negative = false;
    if let Some(&c) = s.first() {
        if c == b'+' as u16 || c == b'-' as u16 {
            negative = c == b'-' as u16;
            i = 1;
        }
    }
    let signed = |v: f64| if negative { -v } else { v };
    if s[i..].starts_with(&INFINITY_UTF16) {
        return Some((signed(f64::INFINITY), i + INFINITY_UTF16.len()));
    }
    let int_start = i;
    while i < s.len() && is_digit(s[i]) {
        i += 1;
    }
    let int_digits = &s[int_start..i];
    let mut frac_digits: &[u16] = &[];
    if i < s.len() && s[i] == b'.' as u16 {
        let frac_start = i + 1;
        let mut j = frac_start;
        while j < s.len() && is_digit(s[j]) {
            j += 1;
        }
        if int_digits.is_empty() && j == frac_start {
            // A lone "." is not a number.
            return None;
        }
        frac_digits = &s[frac_start..j];
        i = j;
    } else if int_digits.is_empty() {
        return None;
    }
    // Optional exponent: e/E, optional sign, at least one digit.
    let mut exp_digits: &[u16] = &[];
    let mut exp_negative = false;
    if i < s.len() && (s[i] == b'e' as u16 || s[i] == b'E' as u16) {
        let mut j = i + 1;
        if j < s.len() && (s[j] == b'+' as u16 || s[j] == b'-' as u16) {
            exp_negative = s[j] == b'-' as u16;
            j += 1;
        }
        let exp_start = j;
        while j < s.len() && is_digit(s[j]) {
            j += 1;
        }
        if j > exp_start {
            exp_digits = &s[exp_start..j];
            i = j;
        }
    }
    Some((
        signed(decimal_value(
            int_digits,
            frac_digits,
            exp_negative,
            exp_digits,
        )),
        i,
    ))
}

/// The correctly rounded value of `int.frac × 10^(±exp)`, all ASCII digits.
fn decimal_value(int: &[u16], frac: &[u16], exp_negative: bool, exp: &[u16]) -> f64 {
    let mut text = String::with_capacity(int.len() + frac.len() + exp.len() + 4);
    if int.is_empty() {
        text.push('0');
    }
    text.extend(int.iter().map(|&c| char::from(c as u8)));
    if !frac.is_empty() {
        text.push('.');
        text.extend(frac.iter().map(|&c| char::from(c as u8)));
    }
    if !exp.is_empty() {
        text.push('e');
        if exp_negative {
            text.push('-');
        }
        // Leading zeros of a huge exponent carry no value; cap the digits so
        // the exponent saturates (to 0 or Infinity) instead of overflowing.
        let exp = &exp[exp.iter().take_while(|&&c| c == b'0' as u16).count()..];
        if exp.is_empty() {
            text.push('0');
        } else if exp.len() > 9 {
            text.push_str("999999999");
        } else {
            text.extend(exp.iter().map(|&c| char::from(c as u8)));
        }
    }
    text.parse::<f64>().unwrap_or(f64::NAN)
}

/// The correctly rounded value of the digits `s` in a power-of-two radix
/// (`bits_per_digit` in 1..=5), all of which must be valid digits.
fn power_of_two_value(s: &[u16], radix: u32, bits_per_digit: u32) -> f64 {
    let digits = &s[s.iter().take_while(|&&c| c == b'0' as u16).count()..];
    // Accumulate up to 64 significant bits; remember whether any dropped
    // bit was set.
    let mut mantissa: u64 = 0;
    let mut bits: u32 = 0;
    let mut exponent: i64 = 0;
    let mut sticky = false;
    for &c in digits {
        let d = digit_value(c, radix).unwrap_or(0) as u64;
        if bits + bits_per_digit <= 64 {
            mantissa = (mantissa << bits_per_digit) | d;
            bits = if mantissa == 0 {
                0
            } else {
                64 - mantissa.leading_zeros()
            };
        } else {
            let room = 64 - bits;
            let take = bits_per_digit - room;
            if room > 0 {
                mantissa = (mantissa << room) | (d >> take);
                bits = 64;
            }
            sticky |= d & ((1u64 << take) - 1) != 0;
            exponent += take as i64;
        }
    }
    if mantissa == 0 {
        return 0.0;
    }
    // Round the (up to 64-bit) mantissa to 53 bits, half to even.
    let width = 64 - mantissa.leading_zeros();
    if width > 53 {
        let shift = width - 53;
        let dropped = mantissa & ((1u64 << shift) - 1);
        let half = 1u64 << (shift - 1);
        mantissa >>= shift;
        exponent += shift as i64;
        let up = dropped > half || (dropped == half && (sticky || mantissa & 1 == 1));
        if up {
            mantissa += 1;
            if mantissa == 1 << 53 {
                mantissa >>= 1;
                exponent += 1;
            }
        }
    }
    if exponent > 1100 {
        return f64::INFINITY;
    }
    // mantissa < 2^53 is exact as f64; scaling by a power of two is exact
    // until it overflows to Infinity.
    let mut v = mantissa as f64;
    let mut e = exponent as i32;
    while e > 0 {
        let step = e.min(1000);
        v *= 2f64.powi(step);
        e -= step;
    }
    v
}

/// StringToNumber (7.1.4.1.1) of a UTF-16 string.
pub fn string_to_number(s: &[u16]) -> f64 {
    let s = trim(s);
    if s.is_empty() {
        return 0.0;
    }
    if s.len() > 2 && s[0] == b'0' as u16 {
        let (radix, bits) = match s[1] {
            0x78 | 0x58 => (16, 4), // x X
            0x6F | 0x4F => (8, 3),  // o O
            0x62 | 0x42 => (2, 1),  // b B
            _ => (0, 0),
        };
        if radix != 0 {
            let digits = &s[2..];
            if digits.iter().all(|&c| digit_value(c, radix).is_some()) {
                return power_of_two_value(digits, radix, bits);
            }
            return f64::NAN;
        }
    }
    match scan_decimal(s) {
        Some((v, used)) if used == s.len() => v,
        _ => f64::NAN,
    }
}

/// The global `parseFloat(string)` (19.2.4) of an already converted string.
pub fn parse_float(s: &[u16]) -> f64 {
    match scan_decimal(trim_start(s)) {
        Some((v, _)) => v,
        None => f64::NAN,
    }
}

/// The global `parseInt(string, radix)` (19.2.5) of an already converted
/// string and radix (`radix` is ToInt32 of the argument; 0 means "not given").
pub fn parse_int(s: &[u16], radix: i32) -> f64 {
    let mut s = trim_start(s);
    let mut negative = false;
    if let Some(&c) = s.first() {
        if c == b'-' as u16 || c == b'+' as u16 {
            negative = c == b'-' as u16;
            s = &s[1..];
        }
    }
    let mut strip_prefix = true;
    let mut r = radix;
    if r != 0 {
        if !(2..=36).contains(&r) {
            return f64::NAN;
        }
        if r != 16 {
            strip_prefix = false;
        }
    } else {
        r = 10;
    }
    if strip_prefix && s.len() >= 2 && s[0] == b'0' as u16 && (s[1] == 0x78 || s[1] == 0x58) {
        s = &s[2..];
        r = 16;
    }
    let r = r as u32;
    let end = s
        .iter()
        .position(|&c| digit_value(c, r).is_none())
        .unwrap_or(s.len());
    let z = &s[..end];
    if z.is_empty() {
        return f64::NAN;
    }
    let value = match r {
        10 => decimal_value(z, &[], false, &[]),
        2 => power_of_two_value(z, 2, 1),
        4 => power_of_two_value(z, 4, 2),
        8 => power_of_two_value(z, 8, 3),
        16 => power_of_two_value(z, 16, 4),
        32 => power_of_two_value(z, 32, 5),
        _ => chunked_value(z, r),
    };
    if negative {
        -value
    } else {
        value
    }
}

/// The value of radix-`radix` digits accumulated in chunks whose multiplier
/// stays within 32 bits, as V8 computes it for radices that are neither 10
/// nor a power of two (the spec permits the resulting approximation).
/// Leading zeros are skipped first, so they do not shift the chunks.
fn chunked_value(z: &[u16], radix: u32) -> f64 {
    const MAX_MULTIPLIER: u32 = u32::MAX / 36;
    let z = &z[z.iter().take_while(|&&c| c == b'0' as u16).count()..];
    let mut result = 0.0f64;
    let mut i = 0;
    while i < z.len() {
        let mut part: u32 = 0;
        let mut multiplier: u32 = 1;
        while i < z.len() {
            let m = multiplier * radix;
            if m > MAX_MULTIPLIER {
                break;
            }
            part = part * radix + digit_value(z[i], radix).unwrap_or(0);
            multiplier = m;
            i += 1;
        }
        result = result * multiplier as f64 + part as f64;
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Vec<u16> {
        s.encode_utf16().collect()
    }

    fn same(a: f64, b: f64) -> bool {
        a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
    }

    #[test]
    fn to_number() {
        // Outputs checked against node 20.
        let nan = f64::NAN;
        let cases: &[(&str, f64)] = &[
            ("", 0.0),
            ("   ", 0.0),
            ("\u{FEFF}\u{3000}\n 12 \u{2028}", 12.0),
            ("\u{180E}1", nan),
            ("1.5", 1.5),
            (".5", 0.5),
            ("5.", 5.0),
            (".", nan),
            ("+.5e1", 5.0),
            ("-0", -0.0),
            ("-", nan),
            ("+", nan),
            ("1e", nan),
            ("1e+", nan),
            ("1E3", 1000.0),
            ("1e-7", 1e-7),
            ("Infinity", f64::INFINITY),
            ("-Infinity", f64::NEG_INFINITY),
            ("+Infinity", f64::INFINITY),
            ("infinity", nan),
            ("inf", nan),
            ("NaN", nan),
            ("0x10", 16.0),
            ("0X1f", 31.0),
            ("-0x10", nan),
            ("+0x10", nan),
            ("0x", nan),
            ("0o17", 15.0),
            ("0b101", 5.0),
            ("0b102", nan),
            ("1_000", nan),
            ("1e1000", f64::INFINITY),
            ("1e-1000", 0.0),
            ("-1e-1000", -0.0),
            ("0.1e-99999999999999999", 0.0),
            ("12abc", nan),
            ("0x20000000000001", 9007199254740992.0),
            ("0x20000000000003", 9007199254740996.0),
            ("9007199254740993", 9007199254740992.0),
            ("9007199254740993.0000000000000000001", 9007199254740994.0),
            ("00012", 12.0),
            ("1.7976931348623158e308", 1.7976931348623157e308),
            ("1.7976931348623159e308", f64::INFINITY),
            ("2.4703282292062328e-324", 5e-324),
            ("2.4703282292062327e-324", 0.0),
        ];
        for &(s, want) in cases {
            let got = string_to_number(&u(s));
            assert!(same(got, want), "{s:?}: got {got:e}, want {want:e}");
        }
    }

    #[test]
    fn parse_float_cases() {
        // Outputs checked against node 20.
        let nan = f64::NAN;
        let cases: &[(&str, f64)] = &[
            ("  3.25abc", 3.25),
            ("-.5x", -0.5),
            ("-0", -0.0),
            ("1e", 1.0),
            ("1e+", 1.0),
            ("1e5x", 100000.0),
            (".e1", nan),
            ("Infinityx", f64::INFINITY),
            ("-Infinity", f64::NEG_INFINITY),
            ("0x10", 0.0),
            ("", nan),
            ("abc", nan),
            ("5.e3", 5000.0),
            ("\u{A0}7", 7.0),
            ("1e1000", f64::INFINITY),
        ];
        for &(s, want) in cases {
            let got = parse_float(&u(s));
            assert!(same(got, want), "{s:?}: got {got:e}, want {want:e}");
        }
    }

    #[test]
    fn parse_int_cases() {
        // Outputs checked against node 20.
        let nan = f64::NAN;
        let zeros400 = "0".repeat(400);
        let one_then_zeros = format!("1{}", "0".repeat(400));
        let cases: Vec<(String, i32, f64)> = vec![
            ("  +12abc".into(), 0, 12.0),
            ("-0".into(), 0, -0.0),
            ("0x".into(), 0, nan),
            ("-0x1F".into(), 0, -31.0),
            ("0x1F".into(), 16, 31.0),
            ("0x1F".into(), 10, 0.0),
            ("12".into(), 1, nan),
            ("12".into(), 37, nan),
            ("12".into(), -1, nan),
            ("ff".into(), 16, 255.0),
            ("z".into(), 36, 35.0),
            ("Z".into(), 36, 35.0),
            ("1010".into(), 2, 10.0),
            ("777".into(), 8, 511.0),
            ("9".into(), 8, nan),
            (format!("{zeros400}1"), 0, 1.0),
            (one_then_zeros, 0, f64::INFINITY),
            ("9007199254740993".into(), 0, 9007199254740992.0),
            (
                "9007199254740993000000000000000000001".into(),
                0,
                9.007199254740993e36,
            ),
            ("0x20000000000001".into(), 0, 9007199254740992.0),
            ("0x20000000000003".into(), 0, 9007199254740996.0),
            (
                "0x2000000000000100000000001".into(),
                0,
                1.584563250285287e29,
            ),
            ("zzzzzzzzzzzzzzzzzzzzzz".into(), 36, 1.7324272922341479e34),
            (
                "1111111111111111111111111111111111111111111111111111111111".into(),
                3,
                2.3550643486231224e27,
            ),
            ("".into(), 0, nan),
            ("-".into(), 0, nan),
            ("1e3".into(), 0, 1.0),
            (
                "0b01010100010000000010100000001011".into(),
                36,
                6.9679206471095616e50,
            ),
            (
                "0o36247537644256632410422021".into(),
                36,
                7.009159011895706e41,
            ),
            ("\u{2029}42".into(), 0, 42.0),
        ];
        for (s, radix, want) in cases {
            let got = parse_int(&u(&s), radix);
            assert!(
                same(got, want),
                "parseInt({s:?}, {radix}): got {got:e}, want {want:e}"
            );
        }
    }

    #[test]
    fn whitespace_set() {
        for c in [
            0x09u16, 0x0B, 0x0C, 0x20, 0xA0, 0xFEFF, 0x1680, 0x2000, 0x200A, 0x202F, 0x205F, 0x3000,
        ] {
            assert!(is_js_whitespace(c), "{c:x}");
        }
        for c in [0x0Au16, 0x0D, 0x2028, 0x2029] {
            assert!(is_js_whitespace(c), "{c:x}");
        }
        for c in [0x180Eu16, 0x200B, 0x85, b'a' as u16] {
            assert!(!is_js_whitespace(c), "{c:x}");
        }
    }
}
