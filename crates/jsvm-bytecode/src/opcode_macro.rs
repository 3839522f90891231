//! The `define_opcodes!` macro: from the one opcode table in `opcodes.rs` it
//! generates [`Opcode`](crate::Opcode) (with name, flags, operand list, size,
//! doc and group), the typed [`Instruction`](crate::Instruction) view with its
//! encoder and decoder, and [`OPCODE_GROUPS`](crate::OPCODE_GROUPS) for the
//! generated documentation.
//!
//! Invariant: nothing about an opcode is written anywhere but in its table
//! entry; every consumer goes through what this macro generates.

/// Properties of an opcode, used by the compiler (dead code after `ENDS`),
/// the interpreter (safepoints at `ALLOCATES`) and the docs.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default)]
pub struct OpFlags(pub u8);

impl OpFlags {
    /// The instruction may throw an exception (run user code or fail a check).
    pub const THROWS: OpFlags = OpFlags(1);
    /// The instruction may allocate on the heap (a GC safepoint).
    pub const ALLOCATES: OpFlags = OpFlags(2);
    /// The instruction has a `JumpOffset` operand.
    pub const JUMPS: OpFlags = OpFlags(4);
    /// Control never falls through to the next instruction.
    pub const ENDS: OpFlags = OpFlags(8);

    pub const fn empty() -> OpFlags {
        OpFlags(0)
    }
    pub const fn union(self, other: OpFlags) -> OpFlags {
        OpFlags(self.0 | other.0)
    }
    pub const fn contains(self, other: OpFlags) -> bool {
        self.0 & other.0 == other.0
    }

    /// Space-separated flag names for listings and docs.
    pub fn names(self) -> String {
        let mut out = Vec::new();
        for (flag, name) in [
            (OpFlags::THROWS, "throws"),
            (OpFlags::ALLOCATES, "allocates"),
            (OpFlags::JUMPS, "jumps"),
            (OpFlags::ENDS, "ends"),
        ] {
            if self.contains(flag) {
                out.push(name);
            }
        }
        out.join(" ")
    }
}

/// One operand of an opcode: its name in the table and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OperandInfo {
    pub name: &'static str,
    pub kind: crate::OperandKind,
}

/// A group of opcodes in the table, for the generated documentation.
#[derive(Clone, Copy, Debug)]
pub struct OpcodeGroup {
    pub title: &'static str,
    pub opcodes: &'static [crate::Opcode],
}

macro_rules! define_opcodes {
    ( $(
        group $group:literal {
            $(
                $(#[doc = $doc:literal])+
                $name:ident { $($op:ident : $kind:ident),* $(,)? } [$($flag:ident),* $(,)?];
            )*
        }
    )* ) => {
        /// Every opcode; the discriminant is the encoded opcode byte.
        #[repr(u8)]
        #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
        pub enum Opcode {
            $($( $(#[doc = $doc])+ $name, )*)*
        }

        impl Opcode {
            /// All opcodes in table order (index = opcode byte).
            pub const ALL: &'static [Opcode] = &[$($(Opcode::$name,)*)*];

            /// The opcode encoded as `byte`, if any.
            #[inline]
            pub fn from_u8(byte: u8) -> Option<Opcode> {
                Opcode::ALL.get(byte as usize).copied()
            }

            pub const fn name(self) -> &'static str {
                match self { $($(Opcode::$name => stringify!($name),)*)* }
            }

            pub const fn flags(self) -> $crate::OpFlags {
                match self {
                    $($(Opcode::$name => $crate::OpFlags::empty()$(.union($crate::OpFlags::$flag))*,)*)*
                }
            }

            /// The operands in encoding order.
            pub const fn operands(self) -> &'static [$crate::OperandInfo] {
                match self {
                    $($(Opcode::$name => &[$($crate::OperandInfo {
                        name: stringify!($op),
                        kind: $crate::OperandKind::$kind,
                    }),*],)*)*
                }
            }

            /// Encoded length of an instruction with this opcode, in bytes.
            pub const fn size(self) -> usize {
                match self {
                    $($(Opcode::$name => 1 $(+ <$crate::$kind as $crate::Operand>::SIZE)*,)*)*
                }
            }

            /// The table's doc text (register notation), lines joined by `\n`.
            pub const fn doc(self) -> &'static str {
                match self { $($(Opcode::$name => concat!($($doc, "\n"),+),)*)* }
            }

            /// The table group the opcode belongs to.
            pub const fn group(self) -> &'static str {
                match self { $($(Opcode::$name => $group,)*)* }
            }

            /// Byte offset (from the opcode byte) of the `JumpOffset` operand.
            pub fn jump_operand_offset(self) -> Option<usize> {
                let mut at = 1;
                for info in self.operands() {
                    if info.kind == $crate::OperandKind::JumpOffset {
                        return Some(at);
                    }
                    at += info.kind.size();
                }
                None
            }
        }

        /// Groups in table order, for the generated reference.
        pub const OPCODE_GROUPS: &[$crate::OpcodeGroup] = &[$(
            $crate::OpcodeGroup { title: $group, opcodes: &[$(Opcode::$name,)*] },
        )*];

        /// The opcode bytes as constants (patterns for `decode_next`).
        #[allow(non_upper_case_globals)]
        mod op_byte {
            $($(pub const $name: u8 = super::Opcode::$name as u8;)*)*
        }

        /// A decoded instruction: one variant per opcode, one field per operand.
        #[derive(Clone, Copy, PartialEq, Debug)]
        pub enum Instruction {
            $($( $(#[doc = $doc])+ $name { $($op: $crate::$kind),* }, )*)*
        }

        impl Instruction {
            #[inline]
            pub const fn opcode(&self) -> Opcode {
                match self { $($(Instruction::$name { .. } => Opcode::$name,)*)* }
            }

            /// Appends the encoding (opcode byte, then each operand at its
            /// fixed width, little-endian) to `out`.
            pub fn encode(&self, out: &mut Vec<u8>) {
                match *self {
                    $($(Instruction::$name { $($op),* } => {
                        out.push(Opcode::$name as u8);
                        $( $crate::Operand::write($op, out); )*
                    })*)*
                }
            }

            /// Decodes the instruction starting at `code[pc]`; `None` if the
            /// byte is not an opcode or the instruction is truncated.
            #[inline(always)]
            #[allow(unused_assignments, unused_mut, unused_variables)]
            pub fn decode(code: &[u8], pc: usize) -> Option<Instruction> {
                let op = Opcode::from_u8(*code.get(pc)?)?;
                match op {
                    $($(Opcode::$name => {
                        // A constant per arm: `size()` is a large match
                        // the optimizer does not always fold.
                        const SIZE: usize = Opcode::$name.size();
                        let bytes = code.get(pc..pc + SIZE)?;
                        let mut at = 1usize;
                        $(
                            let $op = <$crate::$kind as $crate::Operand>::read(bytes, at);
                            at += <$crate::$kind as $crate::Operand>::SIZE;
                        )*
                        Some(Instruction::$name { $($op),* })
                    })*)*
                }
            }

            /// Decodes the instruction at `code[*pc]` and moves `*pc` past
            /// it. The size and the `ALLOCATES` flag are constants in each
            /// arm, so the interpreter's dispatch on the result can be
            /// threaded straight from the decoding arm (no second table
            /// lookup on the opcode).
            #[inline(always)]
            #[allow(unused_assignments, unused_mut, unused_variables)]
            pub fn decode_next(code: &[u8], pc: &mut usize) -> Option<(Instruction, bool)> {
                let at_pc = *pc;
                // Matching the byte itself (not `Opcode::from_u8`) leaves
                // one jump table between the byte and the arm.
                match *code.get(at_pc)? {
                    $($(op_byte::$name => {
                        const SIZE: usize = Opcode::$name.size();
                        const ALLOCATES: bool =
                            Opcode::$name.flags().contains($crate::OpFlags::ALLOCATES);
                        let bytes = code.get(at_pc..at_pc + SIZE)?;
                        let mut at = 1usize;
                        $(
                            let $op = <$crate::$kind as $crate::Operand>::read(bytes, at);
                            at += <$crate::$kind as $crate::Operand>::SIZE;
                        )*
                        *pc = at_pc + SIZE;
                        Some((Instruction::$name { $($op),* }, ALLOCATES))
                    })*)*
                    _ => None,
                }
            }

            /// `decode_next` without bounds checks, for the interpreter.
            /// `effects(allocates)` runs first for the opcodes that may have
            /// effects beyond registers, environments and jumps (flagged
            /// `THROWS`, `ALLOCATES` or `ENDS`), with whether the opcode
            /// allocates. (Run inside each decoding arm, so nothing but the
            /// dispatch on the result is left where the arms meet, and the
            /// optimizer threads each arm straight to its handler; for the
            /// other opcodes it costs nothing.)
            ///
            /// # Safety
            /// `*pc` must be the start of a whole instruction of `code`: the
            /// byte there is an opcode and `code[*pc .. *pc + size]` exists.
            /// Code that decoded from the start, with jump targets on
            /// instruction starts and a last instruction that does not fall
            /// through, gives only such pcs. (So the dispatch needs no range
            /// check of the opcode byte.)
            #[inline(always)]
            #[allow(unused_assignments, unused_mut, unused_variables)]
            pub unsafe fn decode_next_unchecked(
                code: &[u8],
                pc: &mut usize,
                effects: impl FnOnce(bool),
            ) -> Instruction {
                let at_pc = *pc;
                debug_assert!(at_pc < code.len());
                // SAFETY: in bounds (the caller's guarantee).
                let p = unsafe { code.as_ptr().add(at_pc) };
                match unsafe { *p } {
                    $($(op_byte::$name => {
                        const SIZE: usize = Opcode::$name.size();
                        const ALLOCATES: bool =
                            Opcode::$name.flags().contains($crate::OpFlags::ALLOCATES);
                        const EFFECTS: bool = ALLOCATES
                            || Opcode::$name.flags().contains($crate::OpFlags::THROWS)
                            || Opcode::$name.flags().contains($crate::OpFlags::ENDS);
                        debug_assert!(at_pc + SIZE <= code.len());
                        let mut at = 1usize;
                        $(
                            // SAFETY: the instruction is whole.
                            let $op = unsafe {
                                <$crate::$kind as $crate::Operand>::read_ptr(p.add(at))
                            };
                            at += <$crate::$kind as $crate::Operand>::SIZE;
                        )*
                        *pc = at_pc + SIZE;
                        if EFFECTS {
                            effects(ALLOCATES);
                        }
                        Instruction::$name { $($op),* }
                    })*)*
                    // SAFETY: the byte is an opcode (the caller's guarantee).
                    _ => unsafe { core::hint::unreachable_unchecked() },
                }
            }

            /// Operand names and values in encoding order.
            pub fn operand_values(&self) -> Vec<(&'static str, $crate::OperandValue)> {
                match *self {
                    $($(Instruction::$name { $($op),* } => {
                        vec![$((stringify!($op), $crate::Operand::value($op))),*]
                    })*)*
                }
            }
        }
    };
}

pub(crate) use define_opcodes;
