//! V8-style names of call sites for error messages ("obj.method is not a
//! function"), recovered from the bytecode: the instruction that computed
//! the callee register is found and rendered back into source form
//! (`name`, `this`, `base.prop`, `(intermediate value).prop`).
//!
//! Invariant: only straight-line code is trusted. If a jump target, a scope
//! push/pop or an unknown writer lies between the computing instruction and
//! the call, no name is given and the caller falls back to describing the
//! value; a wrong name is never produced from a different control path.
//! Registers have no names, so a copy is only followed when it copies a
//! temporary computed just before it (a local variable read through a
//! register gives no name rather than the expression that initialized it,
//! except when that expression immediately precedes the call).

use jsvm_bytecode::{Instruction, Opcode, OperandValue, Reg};

use crate::interp::code::CodeUnit;
use crate::interp::env::walk;
use crate::value::EnvId;
use crate::vm::Vm;

/// The most nested property accesses rendered (`a.b.c.d...`).
const MAX_DEPTH: usize = 8;

/// One decoded instruction with its pc.
struct Decoded {
    pc: u32,
    ins: Instruction,
}

/// The registers an instruction writes.
fn writes(ins: &Instruction) -> Vec<Reg> {
    match ins {
        Instruction::GetIterator { iter, next, .. } => vec![*iter, *next],
        Instruction::IteratorStep { value, done, .. } => vec![*value, *done],
        _ => ins
            .operand_values()
            .into_iter()
            .filter_map(|(name, v)| match (name, v) {
                ("dst" | "this_dst" | "proto_dst", OperandValue::Reg(r)) => Some(r),
                _ => None,
            })
            .collect(),
    }
}

/// Renders the callee of a call site with access to the unit's constants.
pub(crate) fn describe_callee(
    vm: &Vm,
    unit: &CodeUnit,
    env: EnvId,
    call_pc: u32,
    callee: Reg,
) -> Option<String> {
    let code = &unit.code.code;
    let mut list: Vec<Decoded> = Vec::new();
    let mut barrier = 0u32;
    let mut pc = 0usize;
    while pc < call_pc as usize {
        let ins = Instruction::decode(code, pc)?;
        let op = ins.opcode();
        for (_, v) in ins.operand_values() {
            if let OperandValue::JumpOffset(off) = v {
                let target = pc as i64 + off.0 as i64;
                if target > 0 && target <= call_pc as i64 {
                    barrier = barrier.max(target as u32);
                }
            }
        }
        if matches!(
            op,
            Opcode::PushScope | Opcode::PopScope | Opcode::CopyScope | Opcode::PushWithScope
        ) {
            barrier = barrier.max(pc as u32 + op.size() as u32);
        }
        list.push(Decoded { pc: pc as u32, ins });
        pc += op.size();
    }
    let ctx = Ctx {
        vm,
        unit,
        env,
        list: &list,
        barrier,
    };
    ctx.render(list.len(), callee, 0)
}

struct Ctx<'a> {
    vm: &'a Vm,
    unit: &'a CodeUnit,
    env: EnvId,
    list: &'a [Decoded],
    barrier: u32,
}

impl Ctx<'_> {
    fn name(&self, idx: u32) -> Option<String> {
        self.unit.key(idx).map(|k| self.vm.key_display(k))
    }

    fn render(&self, end: usize, r: Reg, depth: usize) -> Option<String> {
        if depth > MAX_DEPTH {
            return None;
        }
        let idx = self.list[..end]
            .iter()
            .rposition(|d| writes(&d.ins).contains(&r))?;
        let d = &self.list[idx];
        if d.pc < self.barrier {
            return None;
        }
        match d.ins {
            Instruction::LoadThis { .. } => Some("this".to_string()),
            // A register copy is followed only when its source was computed
            // by the instruction just before it (a temporary); a copy of a
            // local variable's register would need the variable's name,
            // which the bytecode does not keep.
            Instruction::Mov { src, .. } => {
                let prev = idx.checked_sub(1)?;
                let p = &self.list[prev];
                if !writes(&p.ins).contains(&src) || matches!(p.ins, Instruction::Mov { .. }) {
                    return None;
                }
                self.render(idx, src, depth + 1)
            }
            Instruction::GetGlobal { name, .. }
            | Instruction::GetName { name, .. }
            | Instruction::GetNameWithThis { name, .. } => self.name(name.0),
            Instruction::GetProp { obj, name, .. } => {
                let base = self.render_base(idx, obj, depth + 1)?;
                Some(format!("{base}.{}", self.name(name.0)?))
            }
            Instruction::GetSlot {
                depth: dp, slot, ..
            }
            | Instruction::GetSlotChecked {
                depth: dp, slot, ..
            } => {
                let e = walk(self.vm, self.env, dp.0)?;
                let scope = &self.vm.heap.env(e).as_declarative()?.scope;
                let info = scope.desc.slots.get(slot.0 as usize)?;
                match info.kind {
                    jsvm_bytecode::BindingKind::Hidden
                        if &*info.name == jsvm_bytecode::hidden::THIS =>
                    {
                        Some("this".to_string())
                    }
                    jsvm_bytecode::BindingKind::Hidden
                    | jsvm_bytecode::BindingKind::PrivateName => None,
                    _ => Some(info.name.to_string()),
                }
            }
            _ => None,
        }
    }

    /// Renders the base of a property access like V8: a call result is
    /// `f(...)`, other computed values "(intermediate value)".
    fn render_base(&self, end: usize, r: Reg, depth: usize) -> Option<String> {
        if let Some(t) = self.render(end, r, depth) {
            return Some(t);
        }
        let idx = self.list[..end]
            .iter()
            .rposition(|d| writes(&d.ins).contains(&r))?;
        let d = &self.list[idx];
        if d.pc < self.barrier {
            return None;
        }
        match d.ins {
            Instruction::Mov { src, .. } => {
                let prev = idx.checked_sub(1)?;
                if !writes(&self.list[prev].ins).contains(&src) {
                    return None;
                }
                self.render_base(idx, src, depth + 1)
            }
            Instruction::Call { callee, .. } | Instruction::CallSpread { callee, .. } => {
                Some(self.render(idx, callee, depth + 1).map_or_else(
                    || "(intermediate value)".to_string(),
                    |c| format!("{c}(...)"),
                ))
            }
            Instruction::New { .. } | Instruction::NewSpread { .. } => {
                Some("(intermediate value)".to_string())
            }
            _ => None,
        }
    }
}
