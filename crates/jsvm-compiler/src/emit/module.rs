//! Module code: the module body (ExecuteModule's code, run in the module
//! environment the engine created at link time), the top-level function
//! declarations InitializeEnvironment instantiates, `export default`, and
//! the expressions only modules and imports have (`import.meta`,
//! `import()`).
//!
//! Invariant: the module body never pushes the module scope (its frame's
//! environment is the module environment already) and never initializes
//! hoisted functions or `var`s (the engine does, before any module of the
//! graph runs); it starts with `AsyncStart` exactly when the module has a
//! top-level `await`.

use std::rc::Rc;

use jsvm_bytecode::{Flag, FunctionCode, Instruction as I, Reg, SourceText};
use jsvm_syntax::ast::*;
use jsvm_syntax::LineIndex;

use super::{CResult, Ctx, FnCompiler};
use crate::module::{hoisted_functions, module_scope, HoistedFunction, DEFAULT_LOCAL_NAME};
use crate::resolver::Resolver;
use crate::CompileError;

/// Compiles a module's body and its hoisted functions.
pub(crate) fn compile_module(
    r: &Resolver,
    program: &Program<'_>,
    source: Rc<SourceText>,
) -> CResult<(Rc<FunctionCode>, Vec<HoistedFunction>)> {
    let tree = &r.tree;
    let ctx = Ctx {
        tree,
        source,
        lines: LineIndex::new(program.source),
        eval_site: None,
    };
    let root = module_scope(r);
    let mut c = FnCompiler::new(&ctx, 0);
    if tree.funcs.first().is_some_and(|f| f.is_async) {
        c.emit(I::AsyncStart {});
    }
    c.enter_scope(root)?;
    c.statements(program.body)?;
    let body = c.finish("", program.span)?;
    let mut functions = Vec::new();
    for f in hoisted_functions(program.body) {
        let local = f.id.map_or(DEFAULT_LOCAL_NAME, |i| i.name);
        let name = f.id.map_or("default", |i| i.name);
        let code = super::function::compile_function_with_span(&ctx, f, name, f.span)?;
        let slot = tree.scopes[root]
            .names
            .get(local)
            .and_then(|&b| tree.bindings[b].slot)
            .ok_or_else(|| CompileError::internal("hoisted function without a slot"))?;
        functions.push(HoistedFunction { slot, code });
    }
    Ok((body, functions))
}

impl FnCompiler<'_, '_> {
    /// `export default ...` (16.2.3.7): functions were instantiated at link
    /// time; a class or an expression initializes its binding (anonymous
    /// ones are named "default").
    pub fn export_default(&mut self, d: &ExportDefaultDeclaration<'_>) -> CResult<()> {
        match d.declaration {
            ExportDefaultKind::Function(_) => Ok(()),
            ExportDefaultKind::Class(c) => {
                let t = self.alloc()?;
                self.class_to(c, t, Some("default"))?;
                let name = c.id.map_or(DEFAULT_LOCAL_NAME, |i| i.name);
                self.init_binding(name, c.span.end, t)?;
                self.free(t);
                Ok(())
            }
            ExportDefaultKind::Expression(e) => {
                let t = self.alloc()?;
                self.expr_named_to(&e, t, Some("default"))?;
                self.init_binding(DEFAULT_LOCAL_NAME, u32::MAX, t)?;
                self.free(t);
                Ok(())
            }
        }
    }

    /// `import(specifier, options)` (13.3.10).
    pub fn import_call(&mut self, i: &ImportCallExpression<'_>, dst: Reg) -> CResult<()> {
        let specifier = self.alloc()?;
        self.expr_to(&i.source, specifier)?;
        let options = self.alloc()?;
        match &i.options {
            Some(o) => self.expr_to(o, options)?,
            None => self.load_undefined(options),
        }
        self.pos(i.span);
        let phase = match i.phase {
            ImportPhase::Evaluation => 0,
            ImportPhase::Defer => 1,
            ImportPhase::Source => 2,
        };
        self.emit(I::ImportCall {
            dst,
            specifier,
            options,
            phase: Flag(phase),
        });
        self.free(options);
        self.free(specifier);
        Ok(())
    }
}
