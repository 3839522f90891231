//! A structural verifier for `FunctionCode`: decodability, jump and handler
//! targets on instruction boundaries, register/constant/IC operands in
//! range, constant kinds matching the opcode, and an environment-depth
//! dataflow check (every path reaching a pc has the same stack of pushed
//! environments; slot accesses into environments pushed by this frame are
//! in bounds; handlers never expect more environments than are pushed).
//!
//! Invariant: `verify` only reads; it accepts every FunctionCode the
//! compiler produces (a rejection is a compiler bug) and never panics.

use std::collections::VecDeque;

use crate::{Constant, FunctionCode, Instruction, OpFlags, Opcode, OperandValue};

/// What an environment pushed by this frame is: a declarative one with
/// this many slots, or a `with` object environment.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Env {
    Declarative(usize),
    With,
}

/// Verifies `code` and, recursively, its nested functions.
pub fn verify(code: &FunctionCode) -> Result<(), String> {
    verify_one(code).map_err(|e| format!("{}: {e}", display_name(code)))?;
    for c in code.constants.iter() {
        if let Constant::Function(f) = c {
            verify(f)?;
        }
    }
    Ok(())
}

fn display_name(code: &FunctionCode) -> &str {
    if code.name.is_empty() {
        "<anonymous>"
    } else {
        &code.name
    }
}

fn const_ok(op: Opcode, operand: &str, c: &Constant) -> bool {
    use Opcode as O;
    match (op, operand, c) {
        (
            O::LoadConst,
            _,
            Constant::Number(_) | Constant::String(_) | Constant::Name(_) | Constant::BigInt(_),
        ) => true,
        (O::LoadConst, _, _) => false,
        (O::PushScope, _, Constant::Scope(_)) => true,
        (O::Closure | O::CreateClass | O::CreateDerivedClass, _, Constant::Function(_)) => true,
        (
            O::GlobalDeclarationInstantiation | O::EvalDeclarationInstantiation,
            _,
            Constant::Declarations(_),
        ) => true,
        (O::CallEval | O::CallEvalSpread, "site", Constant::EvalSite(_)) => true,
        (O::CreateMappedArguments, _, Constant::ArgumentsMap(_)) => true,
        (O::NewObjectLiteral, _, Constant::Shape(_)) => true,
        (O::NewRegExp, _, Constant::RegExp { .. }) => true,
        (O::GetTemplateObject, _, Constant::Template { .. }) => true,
        (O::ThrowConst, _, Constant::String(_)) => true,
        (_, _, Constant::Name(_)) => !matches!(
            op,
            O::PushScope
                | O::Closure
                | O::CreateClass
                | O::CreateDerivedClass
                | O::GlobalDeclarationInstantiation
                | O::EvalDeclarationInstantiation
                | O::CallEval
                | O::CallEvalSpread
                | O::CreateMappedArguments
                | O::NewObjectLiteral
                | O::NewRegExp
                | O::GetTemplateObject
                | O::ThrowConst
        ),
        _ => false,
    }
}

fn verify_one(code: &FunctionCode) -> Result<(), String> {
    let len = code.code.len();
    // Decode everything once; record instruction starts.
    let mut starts = vec![false; len + 1];
    let mut instrs = Vec::new();
    let mut pc = 0usize;
    while pc < len {
        let i = Instruction::decode(&code.code, pc)
            .ok_or_else(|| format!("undecodable byte at {pc}"))?;
        starts[pc] = true;
        instrs.push((pc, i));
        pc += i.opcode().size();
    }
    if let Some((_, last)) = instrs.last() {
        if !last.opcode().flags().contains(OpFlags::ENDS) {
            return Err("code can fall off its end".into());
        }
    }
    let regs = code.register_count as u32;
    let mut jump_targets = Vec::new();
    for (pc, i) in &instrs {
        for (name, v) in i.operand_values() {
            match v {
                OperandValue::Reg(r) if (r.0 as u32) >= regs => {
                    return Err(format!("{pc}: register r{} out of range", r.0))
                }
                OperandValue::ConstIdx(k) => {
                    let c = code
                        .constants
                        .get(k.0 as usize)
                        .ok_or_else(|| format!("{pc}: constant k{} out of range", k.0))?;
                    if !const_ok(i.opcode(), name, c) {
                        return Err(format!(
                            "{pc}: {} has a wrong constant kind for {name}",
                            i.opcode().name()
                        ));
                    }
                }
                OperandValue::IcSlot(s) if s.0 >= code.ic_count => {
                    return Err(format!("{pc}: ic{} out of range", s.0))
                }
                OperandValue::JumpOffset(j) => {
                    let t = *pc as i64 + j.0 as i64;
                    if t < 0 || t as usize >= len || !starts[t as usize] {
                        return Err(format!("{pc}: jump to {t} is not an instruction"));
                    }
                    jump_targets.push(t as usize);
                }
                _ => {}
            }
        }
    }
    for h in code.handlers.iter() {
        let ok = |x: u32| {
            (x as usize) <= len && starts.get(x as usize).copied().unwrap_or(false)
                || x as usize == len
        };
        if h.start >= h.end
            || !ok(h.start)
            || !ok(h.end)
            || !ok(h.target)
            || h.target as usize >= len
        {
            return Err(format!("bad handler {h:?}"));
        }
        if (h.exception.0 as u32) >= regs {
            return Err(format!(
                "handler exception register r{} out of range",
                h.exception.0
            ));
        }
    }
    // Environment dataflow.
    let index_of = |pc: usize| instrs.binary_search_by_key(&pc, |(p, _)| *p).ok();
    let mut state: Vec<Option<Vec<Env>>> = vec![None; instrs.len()];
    let mut work = VecDeque::new();
    if !instrs.is_empty() {
        state[0] = Some(Vec::new());
        work.push_back(0usize);
    }
    let merge = |state: &mut Vec<Option<Vec<Env>>>,
                 work: &mut VecDeque<usize>,
                 idx: usize,
                 s: Vec<Env>|
     -> Result<(), String> {
        match &state[idx] {
            None => {
                state[idx] = Some(s);
                work.push_back(idx);
                Ok(())
            }
            Some(old) if *old == s => Ok(()),
            Some(old) => Err(format!(
                "{}: environment stacks differ on merge ({} vs {})",
                instrs[idx].0,
                old.len(),
                s.len()
            )),
        }
    };
    while let Some(idx) = work.pop_front() {
        let (pc, i) = instrs[idx];
        let mut s = state[idx].clone().unwrap_or_default();
        let flags = i.opcode().flags();
        // Exceptional successors.
        if flags.contains(OpFlags::THROWS) {
            if let Some(h) = code
                .handlers
                .iter()
                .find(|h| h.start as usize <= pc && pc < h.end as usize)
            {
                let d = h.env_depth as usize;
                if d > s.len() {
                    return Err(format!(
                        "{pc}: handler expects {d} environments, {} pushed",
                        s.len()
                    ));
                }
                let t = index_of(h.target as usize).ok_or("handler target")?;
                merge(&mut state, &mut work, t, s[..d].to_vec())?;
            }
        }
        match i {
            Instruction::PushScope { scope } => match code.constants.get(scope.0 as usize) {
                Some(Constant::Scope(d)) => s.push(Env::Declarative(d.slots.len())),
                _ => return Err(format!("{pc}: PushScope without a scope")),
            },
            Instruction::PushWithScope { .. } => s.push(Env::With),
            // The guard pops (a successful pop falls through to `_`).
            Instruction::PopScope {} if s.pop().is_none() => {
                return Err(format!("{pc}: PopScope with no environment pushed"));
            }
            Instruction::CopyScope {} if !matches!(s.last(), Some(Env::Declarative(_))) => {
                return Err(format!("{pc}: CopyScope without a declarative environment"));
            }
            Instruction::GetSlot { depth, slot, .. }
            | Instruction::GetSlotChecked { depth, slot, .. }
            | Instruction::SetSlot { depth, slot, .. }
            | Instruction::SetSlotChecked { depth, slot, .. } => {
                let d = depth.0 as usize;
                if d < s.len() {
                    match &s[s.len() - 1 - d] {
                        Env::Declarative(n) if (slot.0 as usize) < *n => {}
                        Env::Declarative(n) => {
                            return Err(format!("{pc}: slot s{} out of {n} at depth {d}", slot.0))
                        }
                        Env::With => {
                            return Err(format!("{pc}: slot access into a with environment"))
                        }
                    }
                }
            }
            _ => {}
        }
        let mut succ = Vec::new();
        if let Some(off) = i.operand_values().into_iter().find_map(|(_, v)| match v {
            OperandValue::JumpOffset(j) => Some(j.0),
            _ => None,
        }) {
            succ.push((pc as i64 + off as i64) as usize);
        }
        if !flags.contains(OpFlags::ENDS) {
            succ.push(pc + i.opcode().size());
        }
        for t in succ {
            if t >= len {
                return Err(format!("{pc}: falls off the end"));
            }
            let ti =
                index_of(t).ok_or_else(|| format!("{pc}: successor {t} is not an instruction"))?;
            merge(&mut state, &mut work, ti, s.clone())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{CodeBuilder, Reg, ScopeDescriptor, ScopeKind, SourceText};
    use std::rc::Rc;

    fn function(code: Vec<u8>, constants: Vec<Constant>) -> FunctionCode {
        FunctionCode {
            name: "t".into(),
            kind: crate::FunctionKind::Normal,
            strict: false,
            generator: false,
            is_async: false,
            length: 0,
            param_count: 0,
            register_count: 2,
            ic_count: 0,
            code: code.into(),
            constants: constants.into(),
            handlers: Box::new([]),
            lines: Box::new([]),
            source: Rc::new(SourceText {
                name: "t".into(),
                text: "".into(),
            }),
            source_start: 0,
            source_end: 0,
        }
    }

    #[test]
    fn rejects_unbalanced_scopes() {
        let mut b = CodeBuilder::new();
        b.emit(Instruction::PopScope {});
        b.emit(Instruction::Return { src: Reg(0) });
        let (code, _) = b.finish().expect("finish");
        assert!(verify(&function(code, vec![])).is_err());
    }

    #[test]
    fn accepts_scoped_slot_access() {
        let mut b = CodeBuilder::new();
        b.emit(Instruction::PushScope {
            scope: crate::ConstIdx(0),
        });
        b.emit(Instruction::GetSlot {
            dst: Reg(0),
            depth: crate::Depth(0),
            slot: crate::SlotIdx(0),
        });
        b.emit(Instruction::PopScope {});
        b.emit(Instruction::Return { src: Reg(0) });
        let (code, _) = b.finish().expect("finish");
        let scope = Constant::Scope(Rc::new(ScopeDescriptor {
            kind: ScopeKind::Block,
            var_scope: false,
            growable: false,
            slots: vec![crate::SlotInfo {
                name: "x".into(),
                kind: crate::BindingKind::Let,
                uninit: true,
            }]
            .into(),
        }));
        assert_eq!(verify(&function(code.clone(), vec![scope])), Ok(()));
        assert!(verify(&function(code, vec![Constant::Number(1.0)])).is_err());
    }
}
