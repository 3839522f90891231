//! NumericLiteral scanning (12.9.3, B.1.1 legacy octal literals).
//!
//! Invariant: a numeric token's value is the exactly rounded Number value of
//! its digits; a literal is never directly followed by an IdentifierStart or
//! a decimal digit.

use super::chars::{hex_value, is_id_start};
use super::{lex_error, Kind, LResult, Lexer, Token, TokenValue};

/// Converts digits (values < radix, most significant first) of a power-of-two
/// radix to the nearest f64 (ties to even).
fn pow2_digits_to_f64(digits: impl Iterator<Item = u32>, bits_per_digit: u32) -> f64 {
    let mut acc: u64 = 0;
    let mut dropped_bits: i32 = 0;
    let mut sticky = false;
    for d in digits {
        if acc >> (64 - bits_per_digit) == 0 {
            acc = (acc << bits_per_digit) | d as u64;
        } else {
            // Keep the top 64 bits; remember whether anything non-zero falls off.
            let total = ((acc as u128) << bits_per_digit) | d as u128;
            let shift = 64 - total.leading_zeros() as i32;
            sticky |= total & ((1u128 << shift) - 1) != 0;
            acc = (total >> shift) as u64;
            dropped_bits += shift;
        }
    }
    if acc == 0 {
        return 0.0;
    }
    // Rounding acc (up to 64 bits) with a sticky bit: fold the sticky bit into
    // the least significant bit, which is far below f64's rounding position
    // whenever bits were dropped (acc then has 61+ significant bits).
    if sticky {
        acc |= 1;
    }
    let mut value = acc as f64;
    let mut e = dropped_bits;
    while e > 0 {
        let step = e.min(1000);
        value *= 2f64.powi(step);
        e -= step;
    }
    value
}

impl<'a> Lexer<'a> {
    /// Scans a NumericLiteral starting at `start` (a digit or `.digit`).
    pub(super) fn scan_number(&mut self, start: usize) -> LResult<Token<'a>> {
        let b0 = self.peek_byte(0);
        let b1 = self.peek_byte(1);
        let mut legacy_octal = None;
        let (kind, value) = if b0 == b'0' && matches!(b1 | 0x20, b'x' | b'o' | b'b') {
            let radix = match b1 | 0x20 {
                b'x' => 16,
                b'o' => 8,
                _ => 2,
            };
            self.pos += 2;
            self.scan_radix_literal(start, radix)?
        } else if b0 == b'0' && b1.is_ascii_digit() {
            // LegacyOctalIntegerLiteral or NonOctalDecimalIntegerLiteral.
            legacy_octal = Some(start as u32);
            self.pos += 1;
            let digits_start = self.pos;
            let mut octal = true;
            while self.peek_byte(0).is_ascii_digit() {
                if self.peek_byte(0) >= b'8' {
                    octal = false;
                }
                self.pos += 1;
            }
            if self.peek_byte(0) == b'_' {
                return lex_error(
                    self.pos,
                    "numeric separator not allowed in legacy octal-like literal",
                );
            }
            if octal {
                let digits = &self.bytes[digits_start..self.pos];
                let value = pow2_digits_to_f64(digits.iter().map(|d| (d - b'0') as u32), 3);
                if self.peek_byte(0) == b'n' {
                    return lex_error(start, "invalid BigInt literal");
                }
                (Kind::Number, TokenValue::Number(value))
            } else {
                // NonOctalDecimalIntegerLiteral: may continue with a fraction or exponent.
                self.scan_decimal_tail(start, true)?
            }
        } else {
            self.scan_decimal(start)?
        };
        // The SourceCharacter immediately following a NumericLiteral must not
        // be an IdentifierStart or DecimalDigit.
        let next = self.peek_byte(0);
        if next.is_ascii_digit()
            || next == b'\\'
            || (next < 0x80 && is_id_start(next as char))
            || (next >= 0x80 && self.char_at(self.pos).is_some_and(is_id_start))
        {
            return lex_error(
                self.pos,
                "identifier starts immediately after numeric literal",
            );
        }
        let mut tok = self.make(kind, start, false, value);
        tok.legacy_octal = legacy_octal;
        Ok(tok)
    }

    /// Reads digits of `radix` with numeric separators; returns the digits
    /// (without separators) as a range or a copied string.
    fn read_digits(&mut self, radix: u32, allow_separators: bool) -> LResult<(usize, usize, bool)> {
        let start = self.pos;
        let mut had_sep = false;
        loop {
            let b = self.peek_byte(0);
            if b == b'_' && allow_separators {
                let prev_ok = self.pos > start && self.bytes[self.pos - 1] != b'_';
                let next_ok = hex_value(self.peek_byte(1)).is_some_and(|d| d < radix);
                if !prev_ok || !next_ok {
                    return lex_error(self.pos, "invalid numeric separator");
                }
                had_sep = true;
                self.pos += 1;
                continue;
            }
            match hex_value(b) {
                Some(d) if d < radix => self.pos += 1,
                _ => break,
            }
        }
        if self.peek_byte(0) == b'_' {
            return lex_error(self.pos, "invalid numeric separator");
        }
        Ok((start, self.pos, had_sep))
    }

    fn digits_without_separators(&self, start: usize, end: usize, had_sep: bool) -> &'a str {
        let s = &self.src[start..end];
        if had_sep {
            let cleaned: String = s.chars().filter(|&c| c != '_').collect();
            self.arena.alloc_str(&cleaned)
        } else {
            s
        }
    }

    /// After `0x`/`0o`/`0b`.
    fn scan_radix_literal(&mut self, start: usize, radix: u32) -> LResult<(Kind, TokenValue<'a>)> {
        let (ds, de, had_sep) = self.read_digits(radix, true)?;
        if ds == de {
            return lex_error(start, "missing digits after radix prefix");
        }
        let digits = self.digits_without_separators(ds, de, had_sep);
        if self.peek_byte(0) == b'n' {
            self.pos += 1;
            return Ok((Kind::BigInt, TokenValue::BigInt(digits, radix)));
        }
        let bits = match radix {
            16 => 4,
            8 => 3,
            _ => 1,
        };
        let value = pow2_digits_to_f64(digits.bytes().filter_map(hex_value), bits);
        Ok((Kind::Number, TokenValue::Number(value)))
    }

    /// A DecimalLiteral or DecimalBigIntegerLiteral.
    fn scan_decimal(&mut self, start: usize) -> LResult<(Kind, TokenValue<'a>)> {
        if self.peek_byte(0) == b'0' {
            self.pos += 1;
            if self.peek_byte(0) == b'_' {
                return lex_error(self.pos, "numeric separator not allowed after leading 0");
            }
        } else if self.peek_byte(0) != b'.' {
            self.read_digits(10, true)?;
        }
        self.scan_decimal_tail(start, false)
    }

    /// The rest of a decimal literal after its integer part: fraction,
    /// exponent, or BigInt suffix. `legacy`: the integer part was a
    /// NonOctalDecimalIntegerLiteral (no separators, no BigInt).
    fn scan_decimal_tail(&mut self, start: usize, legacy: bool) -> LResult<(Kind, TokenValue<'a>)> {
        let int_end = self.pos;
        let mut is_integer = true;
        if self.peek_byte(0) == b'n' {
            if legacy {
                return lex_error(start, "invalid BigInt literal");
            }
            let s = &self.src[start..int_end];
            self.pos += 1;
            let digits = if s.contains('_') {
                self.arena.alloc_str(&s.replace('_', ""))
            } else {
                s
            };
            return Ok((Kind::BigInt, TokenValue::BigInt(digits, 10)));
        }
        if self.peek_byte(0) == b'.' {
            is_integer = false;
            self.pos += 1;
            if self.peek_byte(0) == b'_' {
                return lex_error(self.pos, "invalid numeric separator");
            }
            self.read_digits(10, true)?;
        }
        if self.peek_byte(0) | 0x20 == b'e' {
            is_integer = false;
            self.pos += 1;
            if matches!(self.peek_byte(0), b'+' | b'-') {
                self.pos += 1;
            }
            let (ds, de, _) = self.read_digits(10, true)?;
            if ds == de {
                return lex_error(start, "missing exponent digits");
            }
        }
        if !is_integer && self.peek_byte(0) == b'n' {
            return lex_error(start, "invalid BigInt literal");
        }
        let text = &self.src[start..self.pos];
        let value = if text.contains('_') {
            text.replace('_', "").parse::<f64>()
        } else {
            text.parse::<f64>()
        };
        match value {
            Ok(v) => Ok((Kind::Number, TokenValue::Number(v))),
            Err(_) => lex_error(start, "invalid number"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::pow2_digits_to_f64;

    fn hex(s: &str) -> f64 {
        pow2_digits_to_f64(s.bytes().filter_map(super::hex_value), 4)
    }

    #[test]
    fn radix_rounding() {
        assert_eq!(hex("ff"), 255.0);
        assert_eq!(hex("1fffffffffffff"), 9007199254740991.0);
        // 2^53 + 1 rounds to even (2^53); 2^53 + 3 rounds up.
        assert_eq!(hex("20000000000001"), 9007199254740992.0);
        assert_eq!(hex("20000000000003"), 9007199254740996.0);
        assert_eq!(hex("10000000000000000000000"), 2f64.powi(88));
        // Just above the halfway point: needs the sticky bit.
        assert_eq!(
            hex("200000000000010000000000001"),
            2f64.powi(105) + 2f64.powi(53)
        );
        assert_eq!(hex(&"f".repeat(300)), f64::INFINITY);
    }
}
