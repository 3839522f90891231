//! Generates `docs/bytecode.md` from the opcode table; a test keeps the
//! checked-in file equal to the generated text.
//!
//! Invariant: the reference is produced only from `OPCODE_GROUPS` and the
//! operand kinds, so it cannot disagree with the encoder or decoder.

use crate::{OperandKind, OPCODE_GROUPS};

const OPERAND_KINDS: [OperandKind; 10] = [
    OperandKind::Reg,
    OperandKind::ConstIdx,
    OperandKind::JumpOffset,
    OperandKind::Imm,
    OperandKind::Count,
    OperandKind::IcSlot,
    OperandKind::Depth,
    OperandKind::SlotIdx,
    OperandKind::Flag,
    OperandKind::ErrorKind,
];

/// The full opcode reference in Markdown (the content of docs/bytecode.md).
pub fn opcode_reference_markdown() -> String {
    let mut s = String::new();
    s.push_str("# jsvm bytecode reference\n\n");
    s.push_str(
        "Generated from the opcode table in `crates/jsvm-bytecode/src/opcodes.rs` by \
         `jsvm_bytecode::opcode_reference_markdown()`; do not edit by hand. Regenerate with \
         `UPDATE_BYTECODE_DOCS=1 cargo test -p jsvm-bytecode`.\n\n",
    );
    s.push_str(
        "The execution model (frames, registers, environments, `this`, classes, exceptions, \
         eval) is described in the crate documentation of `jsvm-bytecode` \
         (`crates/jsvm-bytecode/src/lib.rs`). Notation: `R[x]` is register `x` of the \
         current frame, `K[x]` is constant `x` of the function's constant pool, `env` is the \
         frame's current environment, `pc` is the address of the instruction itself.\n\n",
    );
    s.push_str("## Encoding\n\n");
    s.push_str(
        "Each instruction is one opcode byte (the `Opcode` discriminant, the position in this \
         reference counting from 0) followed by its operands in the listed order, each at the \
         fixed width of its kind, little-endian, unaligned. Every instruction of an opcode \
         has the same length.\n\n",
    );
    s.push_str("| Kind | Encoding and meaning |\n|---|---|\n");
    for k in OPERAND_KINDS {
        s.push_str(&format!("| `{}` | {} |\n", k.name(), k.description()));
    }
    s.push_str(
        "\nFlags: `throws` (may raise an exception), `allocates` (may allocate: a GC \
         safepoint), `jumps` (has a `JumpOffset` operand), `ends` (never falls through).\n",
    );
    let mut byte = 0usize;
    for g in OPCODE_GROUPS {
        s.push_str(&format!("\n## {}\n\n", g.title));
        s.push_str("| Byte | Opcode | Operands | Size | Semantics | Flags |\n");
        s.push_str("|---|---|---|---|---|---|\n");
        for op in g.opcodes {
            let operands: Vec<String> = op
                .operands()
                .iter()
                .map(|o| format!("{}: {}", o.name, o.kind.name()))
                .collect();
            let doc: Vec<&str> = op.doc().lines().map(str::trim).collect();
            let doc = doc.join(" ").replace('|', "\\|");
            s.push_str(&format!(
                "| {} | `{}` | {} | {} | {} | {} |\n",
                byte,
                op.name(),
                if operands.is_empty() {
                    "—".to_string()
                } else {
                    format!("`{}`", operands.join(", "))
                },
                op.size(),
                doc,
                op.flags().names()
            ));
            byte += 1;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docs_bytecode_md_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/bytecode.md");
        let expected = opcode_reference_markdown();
        if std::env::var_os("UPDATE_BYTECODE_DOCS").is_some() {
            std::fs::write(path, &expected).expect("write docs/bytecode.md");
            return;
        }
        let actual = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            actual == expected,
            "docs/bytecode.md is out of date; run UPDATE_BYTECODE_DOCS=1 cargo test -p jsvm-bytecode"
        );
    }
}
