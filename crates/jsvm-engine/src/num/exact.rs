//! Exact decimal digits of a double, and the shortest round-trip digits.
//!
//! Every finite double is `m × 2^e` with integer `m`, so its decimal expansion
//! is finite: `m × 2^e` for `e ≥ 0`, and `m × 5^-e / 10^-e` for `e < 0`. A tiny
//! unsigned big integer (base 2^32 limbs) computes those digits exactly; the
//! formatting routines (`toFixed`, `toExponential`, `toPrecision`) then round
//! the exact digits, which is what the spec's "let n be an integer for which
//! ... is as close to zero as possible" asks for.
//!
//! Invariant: a [`Digits`] value holds no leading or trailing zero digits and
//! represents `0.d₁d₂…dₖ × 10^point` exactly (or zero when `digits` is empty).

/// A decimal number `0.d₁d₂…dₖ × 10^point`, digits as values `0..=9`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Digits {
    /// The significant digits, most significant first, no leading or trailing zeros.
    pub digits: Vec<u8>,
    /// The decimal exponent: the value is `0.digits × 10^point`.
    pub point: i32,
}

impl Digits {
    /// Removes leading and trailing zeros, keeping the value unchanged.
    fn normalize(mut self) -> Digits {
        let lead = self.digits.iter().take_while(|&&d| d == 0).count();
        if lead > 0 {
            self.digits.drain(..lead);
            self.point -= lead as i32;
        }
        while self.digits.last() == Some(&0) {
            self.digits.pop();
        }
        if self.digits.is_empty() {
            self.point = 0;
        }
        self
    }

    /// The digit at position `i` (0-based from the most significant), zero
    /// past the end.
    pub fn digit(&self, i: usize) -> u8 {
        self.digits.get(i).copied().unwrap_or(0)
    }

    /// Rounds half-up so that only digits at indices `< keep` remain, where
    /// `keep` counts from the most significant digit and may be ≤ 0 (then the
    /// value rounds to zero or to one unit at position `keep - 1`).
    pub fn round_at(&self, keep: i64) -> Digits {
        if self.digits.is_empty() {
            return self.clone();
        }
        if keep < 0 {
            return Digits {
                digits: Vec::new(),
                point: 0,
            };
        }
        let keep_u = keep as usize;
        if keep_u >= self.digits.len() {
            return self.clone();
        }
        let round_up = self.digit(keep_u) >= 5;
        let mut digits: Vec<u8> = self.digits[..keep_u].to_vec();
        let mut point = self.point;
        if round_up {
            // Propagate the carry.
            let mut i = digits.len();
            loop {
                if i == 0 {
                    digits.insert(0, 1);
                    point += 1;
                    break;
                }
                i -= 1;
                if digits[i] == 9 {
                    digits[i] = 0;
                } else {
                    digits[i] += 1;
                    break;
                }
            }
        }
        Digits { digits, point }.normalize()
    }
}

/// A minimal unsigned big integer, little-endian base 2^32 limbs.
struct BigUint {
    limbs: Vec<u32>,
}

impl BigUint {
    fn from_u64(v: u64) -> BigUint {
        let mut limbs = vec![v as u32, (v >> 32) as u32];
        while limbs.last() == Some(&0) {
            limbs.pop();
        }
        BigUint { limbs }
    }

    fn is_zero(&self) -> bool {
        self.limbs.is_empty()
    }

    /// `self *= m`.
    fn mul_small(&mut self, m: u32) {
        let mut carry: u64 = 0;
        for limb in self.limbs.iter_mut() {
            let v = (*limb as u64) * (m as u64) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry != 0 {
            self.limbs.push(carry as u32);
        }
    }

    /// `self <<= bits`.
    fn shl(&mut self, bits: u32) {
        let words = (bits / 32) as usize;
        let rest = bits % 32;
        if rest != 0 {
            let mut carry: u32 = 0;
            for limb in self.limbs.iter_mut() {
                let v = *limb;
                *limb = (v << rest) | carry;
                carry = v >> (32 - rest);
            }
            if carry != 0 {
                self.limbs.push(carry);
            }
        }
        if words > 0 && !self.is_zero() {
            self.limbs.splice(0..0, vec![0; words]);
        }
    }

    /// `self /= d`, returning the remainder.
    fn div_small(&mut self, d: u32) -> u32 {
        let mut rem: u64 = 0;
        for limb in self.limbs.iter_mut().rev() {
            let cur = (rem << 32) | (*limb as u64);
            *limb = (cur / d as u64) as u32;
            rem = cur % d as u64;
        }
        while self.limbs.last() == Some(&0) {
            self.limbs.pop();
        }
        rem as u32
    }

    /// The decimal digits, most significant first (empty for zero).
    fn into_decimal(mut self) -> Vec<u8> {
        const CHUNK: u32 = 1_000_000_000;
        let mut chunks: Vec<u32> = Vec::new();
        while !self.is_zero() {
            chunks.push(self.div_small(CHUNK));
        }
        let mut out = Vec::with_capacity(chunks.len() * 9);
        for (i, &c) in chunks.iter().rev().enumerate() {
            let mut buf = [0u8; 9];
            let mut v = c;
            for slot in buf.iter_mut().rev() {
                *slot = (v % 10) as u8;
                v /= 10;
            }
            if i == 0 {
                let lead = buf.iter().take_while(|&&d| d == 0).count();
                out.extend_from_slice(&buf[lead..]);
            } else {
                out.extend_from_slice(&buf);
            }
        }
        out
    }
}

/// Splits a finite double into `(m, e)` with `|x| = m × 2^e`, `m` odd or zero.
pub(crate) fn decompose(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    let (mut m, mut e) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    };
    if m == 0 {
        return (0, 0);
    }
    let tz = m.trailing_zeros();
    m >>= tz;
    e += tz as i32;
    (m, e)
}

/// The exact decimal expansion of `|x|` for a finite `x`.
pub(crate) fn exact_digits(x: f64) -> Digits {
    let (m, e) = decompose(x);
    if m == 0 {
        return Digits {
            digits: Vec::new(),
            point: 0,
        };
    }
    let mut n = BigUint::from_u64(m);
    let point_shift = if e >= 0 {
        n.shl(e as u32);
        0
    } else {
        // m × 2^e = m × 5^-e / 10^-e.
        let mut k = -e;
        const POW5_13: u32 = 1_220_703_125;
        while k >= 13 {
            n.mul_small(POW5_13);
            k -= 13;
        }
        let mut rest = 1u32;
        for _ in 0..k {
            rest *= 5;
        }
        n.mul_small(rest);
        e
    };
    let digits = n.into_decimal();
    let point = digits.len() as i32 + point_shift;
    Digits { digits, point }.normalize()
}

/// The shortest digits that round-trip to `|x|` (finite, non-zero), as
/// Number::toString picks them (via ryu-js).
pub(crate) fn shortest_digits(x: f64) -> Digits {
    let mut buf = ryu_js::Buffer::new();
    let s = buf.format_finite(x.abs());
    let mut digits = Vec::new();
    let mut int_len: i32 = 0;
    let mut seen_point = false;
    let mut exp: i32 = 0;
    let mut chars = s.bytes();
    while let Some(c) = chars.next() {
        match c {
            b'0'..=b'9' => {
                digits.push(c - b'0');
                if !seen_point {
                    int_len += 1;
                }
            }
            b'.' => seen_point = true,
            b'e' => {
                let rest: String = chars.by_ref().map(char::from).collect();
                exp = rest.parse::<i32>().unwrap_or(0);
                break;
            }
            _ => {}
        }
    }
    Digits {
        digits,
        point: int_len + exp,
    }
    .normalize()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(d: &Digits) -> String {
        let s: String = d.digits.iter().map(|&c| char::from(b'0' + c)).collect();
        format!("0.{}e{}", s, d.point)
    }

    #[test]
    fn exact_expansions() {
        assert_eq!(show(&exact_digits(1.0)), "0.1e1");
        assert_eq!(show(&exact_digits(0.5)), "0.5e0");
        assert_eq!(show(&exact_digits(1000.0)), "0.1e4");
        assert_eq!(
            show(&exact_digits(1.005)),
            "0.100499999999999989341858963598497211933135986328125e1"
        );
        assert_eq!(
            show(&exact_digits(0.1)),
            "0.1000000000000000055511151231257827021181583404541015625e0"
        );
        assert_eq!(
            show(&exact_digits(2f64.powi(64))),
            "0.18446744073709551616e20"
        );
        let tiny = exact_digits(5e-324);
        assert_eq!(tiny.point, -323);
        assert_eq!(tiny.digits.len(), 751);
        assert_eq!(&tiny.digits[..5], &[4, 9, 4, 0, 6]);
        let big = exact_digits(f64::MAX);
        assert_eq!(big.point, 309);
    }

    #[test]
    fn shortest() {
        assert_eq!(show(&shortest_digits(123.456)), "0.123456e3");
        assert_eq!(show(&shortest_digits(1e21)), "0.1e22");
        assert_eq!(show(&shortest_digits(1.5e-7)), "0.15e-6");
        assert_eq!(show(&shortest_digits(5e-324)), "0.5e-323");
    }

    #[test]
    fn rounding() {
        let d = exact_digits(9.995);
        assert_eq!(show(&d.round_at(3)), "0.999e1");
        let d = exact_digits(9.5);
        assert_eq!(show(&d.round_at(1)), "0.1e2");
        assert_eq!(show(&d.round_at(0)), "0.1e2");
        let d = exact_digits(0.4);
        assert_eq!(show(&d.round_at(0)), "0.e0");
    }
}
