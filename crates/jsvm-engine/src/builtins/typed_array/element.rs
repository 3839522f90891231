//! TypedArray element types (Table 71) and the conversions between numeric
//! values and raw bytes: NumericToRawBytes / RawBytesToNumeric
//! (25.1.3.16-17), including binary16 for Float16Array and the 64-bit
//! BigInt types, always little-endian in memory.
//!
//! Invariant: everything here is pure (no heap, no JS) and total: a short
//! byte slice decodes to `None`, never a panic. A BigInt element always
//! decodes to an inline `BigIntValue` (it fits in 64 bits), so reading an
//! element never allocates.

use crate::value::Value;

/// The number of element types (Table 71, with Float16).
pub const ELEMENT_TYPE_COUNT: usize = 12;

/// A numeric value converted for storage in an element: a Number for the
/// Number types, the value modulo 2^64 for BigInt64 / BigUint64 (ToBigInt64
/// and ToBigUint64 then agree on the bits).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ElementValue {
    Number(f64),
    BigInt(u64),
}

/// A TypedArray element type ([[TypedArrayName]] without "Array").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ElementType {
    Int8 = 0,
    Uint8,
    Uint8Clamped,
    Int16,
    Uint16,
    Int32,
    Uint32,
    Float16,
    Float32,
    Float64,
    BigInt64,
    BigUint64,
}

impl ElementType {
    /// Every type, indexed by `ElementType as usize`.
    pub const ALL: [ElementType; ELEMENT_TYPE_COUNT] = [
        ElementType::Int8,
        ElementType::Uint8,
        ElementType::Uint8Clamped,
        ElementType::Int16,
        ElementType::Uint16,
        ElementType::Int32,
        ElementType::Uint32,
        ElementType::Float16,
        ElementType::Float32,
        ElementType::Float64,
        ElementType::BigInt64,
        ElementType::BigUint64,
    ];

    /// The element size in bytes.
    pub fn size(self) -> usize {
        match self {
            ElementType::Int8 | ElementType::Uint8 | ElementType::Uint8Clamped => 1,
            ElementType::Int16 | ElementType::Uint16 | ElementType::Float16 => 2,
            ElementType::Int32 | ElementType::Uint32 | ElementType::Float32 => 4,
            ElementType::Float64 | ElementType::BigInt64 | ElementType::BigUint64 => 8,
        }
    }

    /// IsBigIntElementType: the [[ContentType]] is BigInt.
    #[inline]
    pub fn is_bigint(self) -> bool {
        matches!(self, ElementType::BigInt64 | ElementType::BigUint64)
    }

    /// The constructor name ([[TypedArrayName]]).
    pub fn name(self) -> &'static str {
        match self {
            ElementType::Int8 => "Int8Array",
            ElementType::Uint8 => "Uint8Array",
            ElementType::Uint8Clamped => "Uint8ClampedArray",
            ElementType::Int16 => "Int16Array",
            ElementType::Uint16 => "Uint16Array",
            ElementType::Int32 => "Int32Array",
            ElementType::Uint32 => "Uint32Array",
            ElementType::Float16 => "Float16Array",
            ElementType::Float32 => "Float32Array",
            ElementType::Float64 => "Float64Array",
            ElementType::BigInt64 => "BigInt64Array",
            ElementType::BigUint64 => "BigUint64Array",
        }
    }

    /// Writes NumericToRawBytes(type, v, little-endian) into the first
    /// `size()` bytes of `out` (nothing when `out` is too short). A value of
    /// the other content type (never passed by the callers, which convert
    /// first) is stored as its nearest counterpart.
    pub fn encode(self, v: ElementValue, out: &mut [u8]) {
        use crate::num::{to_int16, to_int32, to_int8, to_uint16, to_uint32, to_uint8};
        let mut buf = [0u8; 8];
        let size = self.size();
        let n = match v {
            ElementValue::Number(n) => n,
            ElementValue::BigInt(bits) => bits as i64 as f64,
        };
        match self {
            ElementType::Int8 => buf[..1].copy_from_slice(&to_int8(n).to_le_bytes()),
            ElementType::Uint8 => buf[..1].copy_from_slice(&to_uint8(n).to_le_bytes()),
            ElementType::Uint8Clamped => {
                buf[..1].copy_from_slice(&crate::num::to_uint8_clamp(n).to_le_bytes())
            }
            ElementType::Int16 => buf[..2].copy_from_slice(&to_int16(n).to_le_bytes()),
            ElementType::Uint16 => buf[..2].copy_from_slice(&to_uint16(n).to_le_bytes()),
            ElementType::Int32 => buf[..4].copy_from_slice(&to_int32(n).to_le_bytes()),
            ElementType::Uint32 => buf[..4].copy_from_slice(&to_uint32(n).to_le_bytes()),
            ElementType::Float16 => buf[..2].copy_from_slice(&f64_to_f16_bits(n).to_le_bytes()),
            ElementType::Float32 => buf[..4].copy_from_slice(&(n as f32).to_le_bytes()),
            ElementType::Float64 => buf = n.to_le_bytes(),
            ElementType::BigInt64 | ElementType::BigUint64 => {
                let bits = match v {
                    ElementValue::BigInt(bits) => bits,
                    // `as` saturates and maps NaN to 0.
                    ElementValue::Number(n) => n as i64 as u64,
                };
                buf = bits.to_le_bytes();
            }
        }
        let bytes = &buf[..size];
        if let Some(dst) = out.get_mut(..bytes.len()) {
            dst.copy_from_slice(bytes);
        }
    }

    /// RawBytesToNumeric(type, bytes, little-endian) of the first `size()`
    /// bytes of `b`: a Number, or an inline BigInt for the BigInt types.
    pub fn decode(self, b: &[u8]) -> Option<Value> {
        fn arr<const N: usize>(b: &[u8]) -> Option<[u8; N]> {
            b.get(..N)?.try_into().ok()
        }
        match self {
            ElementType::BigInt64 => {
                let n = i64::from_le_bytes(arr(b)?);
                return Some(Value::BigInt(crate::bigint::from_i64(n)));
            }
            ElementType::BigUint64 => {
                let n = u64::from_le_bytes(arr(b)?);
                return Some(Value::BigInt(crate::bigint::from_u64(n)));
            }
            _ => {}
        }
        self.decode_number(b).map(Value::Number)
    }

    /// RawBytesToNumeric for a Number type (`None` for the BigInt types
    /// and for a short slice).
    pub fn decode_number(self, b: &[u8]) -> Option<f64> {
        fn arr<const N: usize>(b: &[u8]) -> Option<[u8; N]> {
            b.get(..N)?.try_into().ok()
        }
        Some(match self {
            ElementType::Int8 => i8::from_le_bytes(arr(b)?) as f64,
            ElementType::Uint8 | ElementType::Uint8Clamped => u8::from_le_bytes(arr(b)?) as f64,
            ElementType::Int16 => i16::from_le_bytes(arr(b)?) as f64,
            ElementType::Uint16 => u16::from_le_bytes(arr(b)?) as f64,
            ElementType::Int32 => i32::from_le_bytes(arr(b)?) as f64,
            ElementType::Uint32 => u32::from_le_bytes(arr(b)?) as f64,
            ElementType::Float16 => f16_bits_to_f64(u16::from_le_bytes(arr(b)?)),
            ElementType::Float32 => f32::from_le_bytes(arr(b)?) as f64,
            ElementType::Float64 => f64::from_le_bytes(arr(b)?),
            ElementType::BigInt64 | ElementType::BigUint64 => return None,
        })
    }

    /// The element's bits as ElementValue (for copying elements between
    /// arrays of the same content type without going through `Value`).
    pub fn decode_raw(self, b: &[u8]) -> Option<ElementValue> {
        if self.is_bigint() {
            let a: [u8; 8] = b.get(..8)?.try_into().ok()?;
            return Some(ElementValue::BigInt(u64::from_le_bytes(a)));
        }
        self.decode_number(b).map(ElementValue::Number)
    }

    /// Reads an element at `byte_index` of `bytes` in the given byte order.
    pub fn read(self, bytes: &[u8], byte_index: usize, little_endian: bool) -> Option<Value> {
        let size = self.size();
        let raw = bytes.get(byte_index..byte_index.checked_add(size)?)?;
        if little_endian {
            return self.decode(raw);
        }
        let mut tmp = [0u8; 8];
        let t = tmp.get_mut(..size)?;
        t.copy_from_slice(raw);
        t.reverse();
        self.decode(t)
    }

    /// Reads an element's raw value at `byte_index` (little-endian).
    pub fn read_raw(self, bytes: &[u8], byte_index: usize) -> Option<ElementValue> {
        let raw = bytes.get(byte_index..byte_index.checked_add(self.size())?)?;
        self.decode_raw(raw)
    }

    /// Writes `n` as an element at `byte_index` of `bytes` in the given
    /// byte order (nothing when out of range).
    pub fn write(self, bytes: &mut [u8], byte_index: usize, n: ElementValue, little_endian: bool) {
        let size = self.size();
        let Some(end) = byte_index.checked_add(size) else {
            return;
        };
        let Some(dst) = bytes.get_mut(byte_index..end) else {
            return;
        };
        self.encode(n, dst);
        if !little_endian {
            dst.reverse();
        }
    }
}

/// The binary16 bits nearest to `x` (roundTiesToEven, IEEE 754-2019);
/// NaN becomes the quiet NaN 0x7e00 with `x`'s sign.
pub fn f64_to_f16_bits(x: f64) -> u16 {
    let bits = x.to_bits();
    let sign = ((bits >> 48) & 0x8000) as u16;
    if x.is_nan() {
        return sign | 0x7e00;
    }
    let a = x.abs();
    // The largest finite half is 65504; 65520 is the midpoint to 2^16.
    if a >= 65520.0 {
        return sign | 0x7c00;
    }
    // Below 2^-14 the result is subnormal (or zero): count units of 2^-24.
    if a < 6.103515625e-5 {
        // Exact: scaling by a power of two.
        let units = (a * 16777216.0).round_ties_even();
        return sign | units as u16;
    }
    let exp = ((bits >> 52) & 0x7ff) as i64 - 1023;
    let mant = bits & ((1u64 << 52) - 1);
    let mut m10 = mant >> 42;
    let rest = mant & ((1u64 << 42) - 1);
    let half = 1u64 << 41;
    if rest > half || (rest == half && m10 & 1 == 1) {
        m10 += 1;
    }
    // A carry out of the mantissa correctly bumps the exponent.
    sign | ((((exp + 15) as u64) << 10) + m10) as u16
}

/// The value of binary16 bits.
pub fn f16_bits_to_f64(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = (h >> 10) & 0x1f;
    let mant = (h & 0x3ff) as f64;
    let mag = match exp {
        0 => mant * 2f64.powi(-24),
        31 => {
            if mant == 0.0 {
                f64::INFINITY
            } else {
                f64::NAN
            }
        }
        e => (1024.0 + mant) * 2f64.powi(e as i32 - 25),
    };
    sign * mag
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f16_round_trips_and_rounds_to_even() {
        for h in 0..=0xffffu16 {
            let x = f16_bits_to_f64(h);
            if x.is_nan() {
                continue;
            }
            assert_eq!(f64_to_f16_bits(x), h, "bits {h:#x}");
        }
        assert_eq!(f64_to_f16_bits(65504.0), 0x7bff);
        assert_eq!(f64_to_f16_bits(65519.99), 0x7bff);
        assert_eq!(f64_to_f16_bits(65520.0), 0x7c00);
        // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: ties to even (1).
        assert_eq!(f64_to_f16_bits(1.0 + 2f64.powi(-11)), 0x3c00);
        assert_eq!(f64_to_f16_bits(1.0 + 3.0 * 2f64.powi(-11)), 0x3c02);
        // Half the smallest subnormal rounds to zero; a bit more rounds up.
        assert_eq!(f64_to_f16_bits(2f64.powi(-25)), 0);
        assert_eq!(f64_to_f16_bits(2f64.powi(-25) * 1.0001), 1);
        assert_eq!(f64_to_f16_bits(-0.0), 0x8000);
        // Not double-rounded through binary32.
        let x = 1.0 + 2f64.powi(-11) + 2f64.powi(-40);
        assert_eq!(f64_to_f16_bits(x), 0x3c01);
    }

    #[test]
    fn integer_encodings_wrap_and_clamp() {
        let num = |v: Option<Value>| v.and_then(Value::as_number);
        let n = ElementValue::Number;
        let mut b = [0u8; 8];
        ElementType::Int8.encode(n(-129.0), &mut b);
        assert_eq!(num(ElementType::Int8.decode(&b)), Some(127.0));
        ElementType::Uint8Clamped.encode(n(2.5), &mut b);
        assert_eq!(b[0], 2);
        ElementType::Uint32.encode(n(-1.0), &mut b);
        assert_eq!(num(ElementType::Uint32.decode(&b)), Some(4294967295.0));
        let mut be = [0u8; 4];
        ElementType::Int32.write(&mut be, 0, n(1.0), false);
        assert_eq!(be, [0, 0, 0, 1]);
        assert_eq!(num(ElementType::Int32.read(&be, 0, false)), Some(1.0));
        assert!(ElementType::Int32.read(&be, 1, false).is_none());
    }

    #[test]
    fn bigint_encodings_wrap() {
        use crate::value::BigIntValue;
        let mut b = [0u8; 8];
        ElementType::BigInt64.encode(ElementValue::BigInt(u64::MAX), &mut b);
        assert!(matches!(
            ElementType::BigInt64.decode(&b),
            Some(Value::BigInt(BigIntValue::Neg(1)))
        ));
        assert!(matches!(
            ElementType::BigUint64.decode(&b),
            Some(Value::BigInt(BigIntValue::Pos(u64::MAX)))
        ));
        let mut be = [0u8; 8];
        ElementType::BigUint64.write(&mut be, 0, ElementValue::BigInt(1), false);
        assert_eq!(be, [0, 0, 0, 0, 0, 0, 0, 1]);
        assert_eq!(
            ElementType::BigUint64.read_raw(&b, 0),
            Some(ElementValue::BigInt(u64::MAX))
        );
        assert!(ElementType::BigInt64.is_bigint() && !ElementType::Float64.is_bigint());
    }
}
