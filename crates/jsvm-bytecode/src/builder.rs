//! `CodeBuilder`: the emitter the compiler writes instructions with. It owns
//! the code bytes, forward/backward labels and the line table.
//!
//! Invariant: every label used by a jump is bound before `finish`, and every
//! jump operand is patched to its label's pc; `finish` fails otherwise
//! instead of producing code with dangling jumps.

use crate::{Instruction, JumpOffset, LineEntry, Opcode};

/// A jump target inside one `CodeBuilder`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Label(u32);

/// An error building code (only possible through a compiler bug or code
/// too large for the encoding).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuildError {
    UnboundLabel,
    NotAJump(Opcode),
    CodeTooLarge,
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::UnboundLabel => write!(f, "internal compiler error: unbound label"),
            BuildError::NotAJump(op) => {
                write!(
                    f,
                    "internal compiler error: {} has no jump operand",
                    op.name()
                )
            }
            BuildError::CodeTooLarge => write!(f, "function too large"),
        }
    }
}

/// Emits instructions into a byte vector.
#[derive(Default, Debug)]
pub struct CodeBuilder {
    code: Vec<u8>,
    labels: Vec<Option<u32>>,
    /// (pc of the jump instruction, label) pairs to patch in `finish`.
    fixups: Vec<(u32, Label)>,
    lines: Vec<LineEntry>,
    /// The position attached to instructions emitted from now on.
    position: Option<(u32, u32)>,
    last_ends: bool,
}

impl CodeBuilder {
    pub fn new() -> CodeBuilder {
        CodeBuilder::default()
    }

    /// The pc the next instruction will get.
    pub fn pc(&self) -> u32 {
        self.code.len() as u32
    }

    /// Whether the last emitted instruction never falls through (and no
    /// label was bound since), i.e. the current point is unreachable.
    pub fn is_unreachable(&self) -> bool {
        self.last_ends
    }

    /// Sets the source position (1-based line, UTF-16 column) attributed
    /// to the instructions emitted next.
    pub fn set_position(&mut self, line: u32, column: u32) {
        self.position = Some((line, column));
    }

    fn record_position(&mut self) {
        let Some((line, column)) = self.position else {
            return;
        };
        let pc = self.pc();
        if let Some(last) = self.lines.last_mut() {
            if last.line == line && last.column == column {
                return;
            }
            if last.pc == pc {
                last.line = line;
                last.column = column;
                return;
            }
        }
        self.lines.push(LineEntry { pc, line, column });
    }

    /// Emits `instr`; returns its pc.
    pub fn emit(&mut self, instr: Instruction) -> u32 {
        self.record_position();
        let pc = self.pc();
        instr.encode(&mut self.code);
        self.last_ends = instr.opcode().flags().contains(crate::OpFlags::ENDS);
        pc
    }

    pub fn new_label(&mut self) -> Label {
        self.labels.push(None);
        Label(self.labels.len() as u32 - 1)
    }

    /// Binds `label` to the current pc.
    pub fn bind(&mut self, label: Label) {
        if let Some(slot) = self.labels.get_mut(label.0 as usize) {
            *slot = Some(self.code.len() as u32);
        }
        self.last_ends = false;
    }

    /// The pc `label` is bound to, if bound.
    pub fn label_pc(&self, label: Label) -> Option<u32> {
        self.labels.get(label.0 as usize).copied().flatten()
    }

    /// Emits a jumping instruction whose `JumpOffset` operand (any value in
    /// `instr`) is replaced by the offset to `target`.
    pub fn emit_jump(&mut self, instr: Instruction, target: Label) -> u32 {
        let pc = self.emit(instr);
        self.fixups.push((pc, target));
        pc
    }

    /// Patches jumps and returns the code bytes and line table.
    pub fn finish(mut self) -> Result<(Vec<u8>, Vec<LineEntry>), BuildError> {
        if self.code.len() > i32::MAX as usize {
            return Err(BuildError::CodeTooLarge);
        }
        for (pc, label) in std::mem::take(&mut self.fixups) {
            let target = self.label_pc(label).ok_or(BuildError::UnboundLabel)?;
            patch_jump(&mut self.code, pc, target)?;
        }
        Ok((self.code, self.lines))
    }
}

/// Rewrites the jump operand of the instruction at `pc` to target `target`.
pub fn patch_jump(code: &mut [u8], pc: u32, target: u32) -> Result<(), BuildError> {
    let byte = *code.get(pc as usize).ok_or(BuildError::UnboundLabel)?;
    let op = Opcode::from_u8(byte).ok_or(BuildError::UnboundLabel)?;
    let at = op.jump_operand_offset().ok_or(BuildError::NotAJump(op))?;
    let offset = JumpOffset(target as i32 - pc as i32);
    let start = pc as usize + at;
    let dst = code
        .get_mut(start..start + 4)
        .ok_or(BuildError::UnboundLabel)?;
    dst.copy_from_slice(&offset.0.to_le_bytes());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Reg;

    #[test]
    fn labels_patch_forward_and_backward() {
        let mut b = CodeBuilder::new();
        let top = b.new_label();
        let out = b.new_label();
        b.bind(top);
        b.set_position(1, 1);
        b.emit_jump(
            Instruction::JumpIfFalse {
                cond: Reg(0),
                offset: JumpOffset(0),
            },
            out,
        );
        b.set_position(2, 3);
        b.emit_jump(
            Instruction::Jump {
                offset: JumpOffset(0),
            },
            top,
        );
        assert!(b.is_unreachable());
        b.bind(out);
        b.emit(Instruction::Return { src: Reg(0) });
        let (code, lines) = b.finish().expect("finish");
        assert_eq!(
            Instruction::decode(&code, 0),
            Some(Instruction::JumpIfFalse {
                cond: Reg(0),
                offset: JumpOffset(12)
            })
        );
        assert_eq!(
            Instruction::decode(&code, 7),
            Some(Instruction::Jump {
                offset: JumpOffset(-7)
            })
        );
        assert_eq!(lines.len(), 2);
    }

    #[test]
    fn unbound_label_is_an_error() {
        let mut b = CodeBuilder::new();
        let l = b.new_label();
        b.emit_jump(
            Instruction::Jump {
                offset: JumpOffset(0),
            },
            l,
        );
        assert_eq!(b.finish(), Err(BuildError::UnboundLabel));
    }
}
