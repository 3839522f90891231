//! The disassembler: a readable listing of a `FunctionCode` and, after it,
//! of every nested function reachable through its constants (what
//! `jsvm --dump-bytecode` prints).
//!
//! Invariant: the listing is a pure function of the `FunctionCode` (stable
//! for snapshot tests) and never panics, even on malformed code.

use std::fmt::Write;

use crate::{
    BindingKind, Constant, EvalFunctionContext, EvalScope, FunctionCode, Instruction, OperandValue,
    ScopeDescriptor,
};

/// Disassembles `code` and its nested functions.
pub fn disassemble(code: &FunctionCode) -> String {
    let mut out = String::new();
    let mut queue: Vec<(String, &FunctionCode)> = vec![(String::new(), code)];
    while let Some((path, f)) = queue.pop() {
        if !out.is_empty() {
            out.push('\n');
        }
        disassemble_one(f, &path, &mut out);
        let mut nested = Vec::new();
        for (i, c) in f.constants.iter().enumerate() {
            if let Constant::Function(inner) = c {
                nested.push((format!("{path}/k{i}"), &**inner));
            }
        }
        // Pop order is depth-first in constant order.
        queue.extend(nested.into_iter().rev());
    }
    out
}

fn disassemble_one(f: &FunctionCode, path: &str, out: &mut String) {
    let name = if f.name.is_empty() {
        "<anonymous>"
    } else {
        &f.name
    };
    let mut attrs = vec![f.kind.name().to_string()];
    if f.strict {
        attrs.push("strict".into());
    }
    if f.generator {
        attrs.push("generator".into());
    }
    if f.is_async {
        attrs.push("async".into());
    }
    attrs.push(format!("params {}", f.param_count));
    attrs.push(format!("length {}", f.length));
    attrs.push(format!("registers {}", f.register_count));
    if f.ic_count > 0 {
        attrs.push(format!("ics {}", f.ic_count));
    }
    let path = if path.is_empty() {
        String::new()
    } else {
        format!(" {path}")
    };
    let _ = writeln!(out, "== {name}{path} ({})", attrs.join(", "));

    let mut pc = 0usize;
    while pc < f.code.len() {
        match Instruction::decode(&f.code, pc) {
            Some(instr) => {
                let _ = writeln!(out, "  {pc:04}  {}", format_instruction(f, pc, &instr));
                pc += instr.opcode().size();
            }
            None => {
                let _ = writeln!(out, "  {pc:04}  <invalid byte {}>", f.code[pc]);
                pc += 1;
            }
        }
    }

    if !f.constants.is_empty() {
        out.push_str("  constants:\n");
        for (i, c) in f.constants.iter().enumerate() {
            let _ = writeln!(out, "    k{i:<3} {}", format_constant(c));
        }
    }
    if !f.handlers.is_empty() {
        out.push_str("  handlers:\n");
        for h in f.handlers.iter() {
            let _ = writeln!(
                out,
                "    [{:04}, {:04}) -> {:04}  exception r{}  env {}",
                h.start, h.end, h.target, h.exception.0, h.env_depth
            );
        }
    }
}

/// One instruction as `Name operand, operand, ...`, with jump targets made
/// absolute and constants annotated.
pub fn format_instruction(f: &FunctionCode, pc: usize, instr: &Instruction) -> String {
    let mut s = format!("{:<21} ", instr.opcode().name());
    let ops: Vec<String> = instr
        .operand_values()
        .into_iter()
        .map(|(_, v)| match v {
            OperandValue::JumpOffset(j) => format!("@{:04}", pc as i64 + j.0 as i64),
            OperandValue::ConstIdx(k) => match f.constants.get(k.0 as usize) {
                Some(c) => format!("k{}({})", k.0, short_constant(c)),
                None => format!("k{}(?)", k.0),
            },
            other => other.to_string(),
        })
        .collect();
    s.push_str(&ops.join(", "));
    s.trim_end().to_string()
}

fn utf16_debug(units: &[u16]) -> String {
    let text: String = char::decode_utf16(units.iter().copied())
        .map(|r| r.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    format!("{text:?}")
}

fn short_constant(c: &Constant) -> String {
    match c {
        Constant::Number(n) => format!("{n}"),
        Constant::String(s) => utf16_debug(s),
        Constant::Name(n) => n.to_string(),
        Constant::BigInt(b) => format!("{b}n"),
        Constant::Function(f) => {
            if f.name.is_empty() {
                "fn <anonymous>".into()
            } else {
                format!("fn {}", f.name)
            }
        }
        Constant::RegExp { pattern, flags } => format!("/{pattern}/{flags}"),
        Constant::Template { .. } => "template".into(),
        Constant::Scope(d) => format!("scope {}", scope_names(d)),
        Constant::Declarations(_) => "declarations".into(),
        Constant::EvalSite(_) => "eval site".into(),
        Constant::ArgumentsMap(_) => "arguments map".into(),
        Constant::Shape(names) => format!("shape {{{}}}", names.join(", ")),
    }
}

fn scope_names(d: &ScopeDescriptor) -> String {
    let names: Vec<String> = d
        .slots
        .iter()
        .map(|s| {
            let mut n = s.name.to_string();
            match s.kind {
                BindingKind::Var => {}
                BindingKind::Let => n.push_str(":let"),
                BindingKind::Const => n.push_str(":const"),
                BindingKind::FunctionName => n.push_str(":fname"),
                BindingKind::PrivateName => n.push_str(":private"),
                BindingKind::Hidden => n.push_str(":hidden"),
            }
            if s.uninit {
                n.push('!');
            }
            n
        })
        .collect();
    let mut flags = String::new();
    if d.var_scope {
        flags.push_str(" var");
    }
    if d.growable {
        flags.push_str(" growable");
    }
    format!("{:?}{flags} [{}]", d.kind, names.join(", "))
}

fn format_constant(c: &Constant) -> String {
    match c {
        Constant::Number(n) => format!("Number {n}"),
        Constant::String(s) => format!("String {}", utf16_debug(s)),
        Constant::Name(n) => format!("Name {n}"),
        Constant::BigInt(b) => format!("BigInt {b}"),
        Constant::Function(f) => format!(
            "Function {}",
            if f.name.is_empty() {
                "<anonymous>"
            } else {
                &f.name
            }
        ),
        Constant::RegExp { .. } => format!("RegExp {}", short_constant(c)),
        Constant::Template { cooked, raw } => {
            let cooked: Vec<String> = cooked
                .iter()
                .map(|s| {
                    s.as_ref()
                        .map(|s| utf16_debug(s))
                        .unwrap_or_else(|| "undefined".into())
                })
                .collect();
            let raw: Vec<String> = raw.iter().map(|s| utf16_debug(s)).collect();
            format!(
                "Template cooked [{}] raw [{}]",
                cooked.join(", "),
                raw.join(", ")
            )
        }
        Constant::Scope(d) => format!("Scope {}", scope_names(d)),
        Constant::Declarations(d) => {
            let mut parts = Vec::new();
            if !d.lexical.is_empty() {
                let l: Vec<String> = d
                    .lexical
                    .iter()
                    .map(|(n, c)| {
                        if *c {
                            format!("{n}:const")
                        } else {
                            n.to_string()
                        }
                    })
                    .collect();
                parts.push(format!("lexical [{}]", l.join(", ")));
            }
            if !d.functions.is_empty() {
                let l: Vec<String> = d
                    .functions
                    .iter()
                    .map(|(n, k)| format!("{n}=k{k}"))
                    .collect();
                parts.push(format!("functions [{}]", l.join(", ")));
            }
            if !d.vars.is_empty() {
                parts.push(format!("vars [{}]", d.vars.join(", ")));
            }
            if !d.annex_b.is_empty() {
                parts.push(format!("annex_b [{}]", d.annex_b.join(", ")));
            }
            format!("Declarations {}", parts.join(" "))
        }
        Constant::EvalSite(site) => {
            let scopes: Vec<String> = site
                .scopes
                .iter()
                .map(|s| match s {
                    EvalScope::Declarative(d) => scope_names(d),
                    EvalScope::With => "with".into(),
                })
                .collect();
            let func = match site.function {
                EvalFunctionContext::Global => "global".to_string(),
                EvalFunctionContext::Function(k) => k.name().to_string(),
            };
            format!(
                "EvalSite{} {func}{} scopes [{}]",
                if site.strict { " strict" } else { "" },
                if site.in_class_field_initializer {
                    " field-initializer"
                } else {
                    ""
                },
                scopes.join("; ")
            )
        }
        Constant::ArgumentsMap(m) => {
            let l: Vec<String> = m
                .iter()
                .map(|s| s.map(|s| format!("s{s}")).unwrap_or_else(|| "-".into()))
                .collect();
            format!("ArgumentsMap [{}]", l.join(", "))
        }
        Constant::Shape(names) => format!("Shape {{{}}}", names.join(", ")),
    }
}
