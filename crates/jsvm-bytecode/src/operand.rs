//! Operand kinds: one newtype per kind, each encoded at a fixed width,
//! little-endian, directly after the opcode byte.
//!
//! Invariant: the width of an operand depends only on its kind
//! ([`Operand::SIZE`]), so every instruction of an opcode has the same length
//! and the same operand offsets, and the interpreter can read operands with
//! plain byte reads.

use std::fmt;

/// The kind of an operand, as listed in the opcode table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OperandKind {
    Reg,
    ConstIdx,
    JumpOffset,
    Imm,
    Count,
    IcSlot,
    Depth,
    SlotIdx,
    Flag,
    ErrorKind,
}

impl OperandKind {
    /// Encoded width in bytes.
    pub const fn size(self) -> usize {
        match self {
            OperandKind::Reg | OperandKind::Count | OperandKind::Depth => 2,
            OperandKind::ConstIdx
            | OperandKind::JumpOffset
            | OperandKind::Imm
            | OperandKind::IcSlot
            | OperandKind::SlotIdx => 4,
            OperandKind::Flag | OperandKind::ErrorKind => 1,
        }
    }

    pub const fn name(self) -> &'static str {
        match self {
            OperandKind::Reg => "Reg",
            OperandKind::ConstIdx => "ConstIdx",
            OperandKind::JumpOffset => "JumpOffset",
            OperandKind::Imm => "Imm",
            OperandKind::Count => "Count",
            OperandKind::IcSlot => "IcSlot",
            OperandKind::Depth => "Depth",
            OperandKind::SlotIdx => "SlotIdx",
            OperandKind::Flag => "Flag",
            OperandKind::ErrorKind => "ErrorKind",
        }
    }

    /// One-line description used in `docs/bytecode.md`.
    pub const fn description(self) -> &'static str {
        match self {
            OperandKind::Reg => "u16: a register index of the current frame (`R[i]`).",
            OperandKind::ConstIdx => "u32: an index into the function's constant pool (`K[i]`).",
            OperandKind::JumpOffset => {
                "i32: a jump target, relative to the first byte (the opcode) of the jumping instruction."
            }
            OperandKind::Imm => "i32: an immediate integer.",
            OperandKind::Count => "u16: a count or small index (argument counts, capacities).",
            OperandKind::IcSlot => {
                "u32: an inline-cache slot index, unique per site, `< FunctionCode::ic_count`."
            }
            OperandKind::Depth => {
                "u16: how many environments to walk outward from the current one (0 = current)."
            }
            OperandKind::SlotIdx => "u32: a binding index inside a declarative environment.",
            OperandKind::Flag => "u8: a small enumerated operand; the opcode's doc lists its values.",
            OperandKind::ErrorKind => {
                "u8: a native error constructor: 0 TypeError, 1 ReferenceError, 2 SyntaxError, 3 RangeError."
            }
        }
    }
}

/// A decoded operand value, for generic consumers (the disassembler).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OperandValue {
    Reg(Reg),
    ConstIdx(ConstIdx),
    JumpOffset(JumpOffset),
    Imm(Imm),
    Count(Count),
    IcSlot(IcSlot),
    Depth(Depth),
    SlotIdx(SlotIdx),
    Flag(Flag),
    ErrorKind(ErrorKind),
}

/// Implemented by every operand newtype: fixed-width little-endian codec.
pub trait Operand: Copy {
    const KIND: OperandKind;
    const SIZE: usize = Self::KIND.size();
    /// Reads the operand at `bytes[at..at + SIZE]`. The caller guarantees the
    /// range is in bounds (the decoder checks the whole instruction once).
    fn read(bytes: &[u8], at: usize) -> Self;
    /// Reads the operand at `p` (unaligned).
    ///
    /// # Safety
    /// `p .. p + SIZE` must be readable.
    unsafe fn read_ptr(p: *const u8) -> Self;
    fn write(self, out: &mut Vec<u8>);
    fn value(self) -> OperandValue;
}

macro_rules! operand_newtype {
    ($(#[doc = $doc:literal])* $name:ident($repr:ty), $n:literal) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        pub struct $name(pub $repr);

        impl Operand for $name {
            const KIND: OperandKind = OperandKind::$name;
            #[inline(always)]
            fn read(bytes: &[u8], at: usize) -> Self {
                let mut raw = [0u8; $n];
                raw.copy_from_slice(&bytes[at..at + $n]);
                $name(<$repr>::from_le_bytes(raw))
            }
            #[inline(always)]
            unsafe fn read_ptr(p: *const u8) -> Self {
                // SAFETY: the caller's guarantee; `[u8; N]` has alignment 1.
                $name(<$repr>::from_le_bytes(unsafe { p.cast::<[u8; $n]>().read() }))
            }
            #[inline]
            fn write(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.0.to_le_bytes());
            }
            fn value(self) -> OperandValue {
                OperandValue::$name(self)
            }
        }
    };
}

operand_newtype!(
    /// A register of the current frame.
    Reg(u16), 2);
operand_newtype!(
    /// An index into the constant pool.
    ConstIdx(u32), 4);
operand_newtype!(
    /// A jump displacement relative to the start of the jumping instruction.
    JumpOffset(i32), 4);
operand_newtype!(
    /// An immediate 32-bit integer.
    Imm(i32), 4);
operand_newtype!(
    /// A count or small index.
    Count(u16), 2);
operand_newtype!(
    /// An inline-cache slot index.
    IcSlot(u32), 4);
operand_newtype!(
    /// Number of environments to walk outward (0 = the current environment).
    Depth(u16), 2);
operand_newtype!(
    /// A binding index inside a declarative environment.
    SlotIdx(u32), 4);
operand_newtype!(
    /// A small enumerated operand (meaning documented per opcode).
    Flag(u8), 1);
operand_newtype!(
    /// A native error kind (see the associated constants).
    ErrorKind(u8), 1);

impl ErrorKind {
    pub const TYPE_ERROR: ErrorKind = ErrorKind(0);
    pub const REFERENCE_ERROR: ErrorKind = ErrorKind(1);
    pub const SYNTAX_ERROR: ErrorKind = ErrorKind(2);
    pub const RANGE_ERROR: ErrorKind = ErrorKind(3);

    /// The constructor name, or `"TypeError"` for an out-of-range value.
    pub fn name(self) -> &'static str {
        match self.0 {
            1 => "ReferenceError",
            2 => "SyntaxError",
            3 => "RangeError",
            _ => "TypeError",
        }
    }
}

impl Flag {
    pub const FALSE: Flag = Flag(0);
    pub const TRUE: Flag = Flag(1);
}

impl fmt::Display for Reg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "r{}", self.0)
    }
}

impl fmt::Display for OperandValue {
    /// Context-free rendering; the disassembler renders jumps and constants
    /// with more context.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            OperandValue::Reg(r) => write!(f, "r{}", r.0),
            OperandValue::ConstIdx(c) => write!(f, "k{}", c.0),
            OperandValue::JumpOffset(j) => write!(f, "{:+}", j.0),
            OperandValue::Imm(i) => write!(f, "#{}", i.0),
            OperandValue::Count(c) => write!(f, "{}", c.0),
            OperandValue::IcSlot(i) => write!(f, "ic{}", i.0),
            OperandValue::Depth(d) => write!(f, "d{}", d.0),
            OperandValue::SlotIdx(s) => write!(f, "s{}", s.0),
            OperandValue::Flag(x) => write!(f, "{}", x.0),
            OperandValue::ErrorKind(e) => write!(f, "{}", e.name()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_little_endian() {
        let mut out = Vec::new();
        Reg(0x1234).write(&mut out);
        JumpOffset(-2).write(&mut out);
        assert_eq!(out, [0x34, 0x12, 0xfe, 0xff, 0xff, 0xff]);
        assert_eq!(Reg::read(&out, 0), Reg(0x1234));
        assert_eq!(JumpOffset::read(&out, 2), JumpOffset(-2));
    }
}
