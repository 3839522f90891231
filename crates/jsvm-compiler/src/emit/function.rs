//! Function compilation: FunctionDeclarationInstantiation (hidden
//! bindings, parameters, `arguments`, hoisted functions), the body, and the
//! script/eval prologues (GlobalDeclarationInstantiation and
//! EvalDeclarationInstantiation).
//!
//! Invariant: a function's prologue enters its scopes in the order the
//! resolver created them (name scope, parameter-eval scope, parameter scope,
//! body scope), so static depths match the run-time environment chain.

use std::rc::Rc;

use hashbrown::HashSet;
use jsvm_bytecode::{
    BindingKind, Constant, Count, Declarations, FunctionCode, FunctionKind, Instruction as I,
    JumpOffset, Reg,
};
use jsvm_syntax::ast::*;

use super::{Access, CResult, Ctx, FnCompiler};
use crate::declarations::{lexical_declarations, top_level_functions, var_declarations, LexDecl};
use crate::scope::{node_key, SKind, Tag};
use crate::CompileError;

/// Compiles function node `f` with `name` (the initial `name` property).
pub(crate) fn compile_function(
    ctx: &Ctx<'_>,
    f: &Function<'_>,
    name: Option<&str>,
    _outer: usize,
) -> CResult<Rc<FunctionCode>> {
    compile_function_with_span(ctx, f, name.unwrap_or(""), f.span)
}

pub(crate) fn compile_function_with_span(
    ctx: &Ctx<'_>,
    f: &Function<'_>,
    name: &str,
    span: Span,
) -> CResult<Rc<FunctionCode>> {
    let func = *ctx
        .tree
        .node_funcs
        .get(&node_key(f, Tag::Func))
        .ok_or_else(|| CompileError::internal("function not analysed"))?;
    let mut c = FnCompiler::new(ctx, func);
    let param_count = u16::try_from(f.params.items.len())
        .map_err(|_| CompileError::new("too many parameters", f.span))?;
    c.alloc_n(param_count as usize)?;
    c.locals_top = c.height();
    if f.is_async && !f.is_generator {
        // Before FunctionDeclarationInstantiation: its errors reject the
        // promise (EvaluateAsyncFunctionBody).
        c.emit(I::AsyncStart {});
    }
    c.function_prologue(f)?;
    if f.is_generator {
        c.emit(I::InitialYield {});
    }
    c.statements(f.body.statements)?;
    if c.kind() == jsvm_bytecode::FunctionKind::DerivedConstructor {
        // The implicit return's check of `this` may throw: it is at the
        // body's closing brace.
        let end = f.body.span.end;
        c.pos(Span::new(end.saturating_sub(1), end));
    }
    let length = f.params.expected_argument_count();
    c.finish_with(name, span, length, param_count)
}

impl FnCompiler<'_, '_> {
    /// Compiles nested function `f` and returns its constant index.
    pub fn function_const(
        &mut self,
        f: &Function<'_>,
        name: &str,
    ) -> CResult<jsvm_bytecode::ConstIdx> {
        let code = compile_function_with_span(self.ctx, f, name, f.span)?;
        self.other_const(Constant::Function(code))
    }

    /// Initializes the hidden bindings of function scope `s` that are used.
    pub fn init_hidden(&mut self, s: usize) -> CResult<()> {
        let tree = self.tree();
        for &b in &tree.scopes[s].bindings {
            let binding = &tree.bindings[b];
            if binding.kind != BindingKind::Hidden || !binding.used {
                continue;
            }
            if binding.name == "this" && binding.tdz {
                // Derived constructor: starts uninitialized.
                continue;
            }
            let r = self.resolve(&binding.name, u32::MAX)?;
            let (t, temp) = match r.access {
                Access::Reg(reg) => (reg, false),
                _ => (self.alloc()?, true),
            };
            match binding.name.as_str() {
                "this" => self.emit(I::LoadThis { dst: t }),
                "new.target" => self.emit(I::LoadNewTarget { dst: t }),
                "%home" => self.emit(I::LoadHomeObject { dst: t }),
                "%fn" => self.emit(I::LoadCallee { dst: t }),
                _ => {}
            }
            if temp {
                self.init_resolved(&r, &binding.name, t)?;
                self.free(t);
            }
        }
        Ok(())
    }

    /// Calls the enclosing class's instance initializer with `this` =
    /// `R[this]`, if the class has one.
    /// Whether `instance_init_call` emits anything here.
    pub fn may_have_instance_init(&self) -> CResult<bool> {
        let tree = self.tree();
        let class = tree.enclosing_of_kind(self.scope, SKind::Class);
        if class.is_some_and(|c| !tree.scopes[c].has_instance_init) {
            return Ok(false);
        }
        Ok(self.resolve("%init", u32::MAX)?.binding.is_some())
    }

    pub fn instance_init_call(&mut self, this: Reg) -> CResult<()> {
        if !self.may_have_instance_init()? {
            return Ok(());
        }
        let tree = self.tree();
        let class = tree.enclosing_of_kind(self.scope, SKind::Class);
        let known = class.map(|c| tree.scopes[c].has_instance_init);
        let r = self.resolve("%init", u32::MAX)?;
        let f = self.alloc()?;
        let t = self.alloc()?;
        self.load_raw(&r, f);
        let skip = self.label();
        if known.is_none() {
            // Eval code: the class may have no initializer.
            self.emit_jump(
                I::JumpIfUndefined {
                    src: f,
                    offset: JumpOffset(0),
                },
                skip,
            );
        }
        self.emit(I::Call {
            dst: t,
            callee: f,
            this,
            args: t,
            argc: Count(0),
        });
        self.bind(skip);
        self.free(t);
        self.free(f);
        Ok(())
    }

    /// FunctionDeclarationInstantiation (ECMA-262 10.2.11).
    fn function_prologue(&mut self, f: &Function<'_>) -> CResult<()> {
        let tree = self.tree();
        let fdata = &tree.funcs[self.func];
        if let Some(&s) = tree.node_scopes.get(&node_key(f, Tag::FuncName)) {
            self.enter_scope(s)?;
            if let (Some(id), Some(&b)) = (f.id, tree.scopes[s].bindings.first()) {
                if tree.bindings[b].used {
                    let t = self.alloc()?;
                    self.emit(I::LoadCallee { dst: t });
                    let r = self.resolve(id.name, u32::MAX)?;
                    self.init_resolved(&r, id.name, t)?;
                    self.free(t);
                }
            }
        }
        if let Some(&s) = tree.node_scopes.get(&node_key(f, Tag::ParamEval)) {
            self.enter_scope(s)?;
        }
        let fscope = fdata.scope;
        self.enter_scope(fscope)?;
        self.init_hidden(fscope)?;
        if fdata.kind == FunctionKind::ClassConstructor && self.may_have_instance_init()? {
            // Base constructors run field initializers before anything else.
            let t = self.alloc()?;
            self.load_hidden("this", t)?;
            self.instance_init_call(t)?;
            self.free(t);
        }
        // Simple parameters captured by closures move to their slots.
        for &b in &tree.scopes[fscope].bindings {
            let binding = &tree.bindings[b];
            if let (Some(i), true) = (binding.param_index, binding.captured) {
                let r = self.resolve(&binding.name, u32::MAX)?;
                if let Access::Slot(depth, slot) = r.access {
                    self.emit(I::SetSlot {
                        depth,
                        slot,
                        src: Reg(i),
                    });
                }
            }
        }
        // The arguments object.
        if let Some(a) = fdata.arguments {
            if tree.bindings[a].used {
                let t = self.alloc()?;
                if fdata.mapped_arguments {
                    let mut map = Vec::new();
                    for (i, p) in f.params.items.iter().enumerate() {
                        let slot = match &p.target {
                            Pattern::Identifier(id) => {
                                let b = tree.scopes[fscope].names.get(id.name).copied();
                                b.and_then(|b| {
                                    let bd = &tree.bindings[b];
                                    if bd.param_index == Some(i as u16) {
                                        bd.slot
                                    } else {
                                        None
                                    }
                                })
                            }
                            _ => None,
                        };
                        map.push(slot);
                    }
                    let k = self.other_const(Constant::ArgumentsMap(map.into_boxed_slice()))?;
                    self.emit(I::CreateMappedArguments { dst: t, map: k });
                } else {
                    self.emit(I::CreateUnmappedArguments { dst: t });
                }
                let r = self.resolve("arguments", u32::MAX)?;
                self.init_resolved(&r, "arguments", t)?;
                self.free(t);
            }
        }
        // Non-simple parameters: defaults and patterns, in order.
        if !f.has_simple_parameter_list {
            for (i, p) in f.params.items.iter().enumerate() {
                let v = Reg(i as u16);
                if let Some(d) = &p.default {
                    let skip = self.label();
                    self.emit_jump(
                        I::JumpIfNotUndefined {
                            src: v,
                            offset: JumpOffset(0),
                        },
                        skip,
                    );
                    let name = match &p.target {
                        Pattern::Identifier(id) => Some(id.name),
                        _ => None,
                    };
                    self.expr_named_to(d, v, name)?;
                    self.bind(skip);
                }
                self.bind_pattern(&p.target, v, super::assign::BindMode::Init)?;
            }
            if let Some(rest) = &f.params.rest {
                let t = self.alloc()?;
                self.emit(I::CreateRestArray {
                    dst: t,
                    from: Count(f.params.items.len() as u16),
                });
                self.bind_pattern(rest, t, super::assign::BindMode::Init)?;
                self.free(t);
            }
        } else if let Some(rest) = &f.params.rest {
            let t = self.alloc()?;
            self.emit(I::CreateRestArray {
                dst: t,
                from: Count(f.params.items.len() as u16),
            });
            self.bind_pattern(rest, t, super::assign::BindMode::Init)?;
            self.free(t);
        }
        // A separate var scope when parameters have expressions.
        let bscope = fdata.body_scope;
        if bscope != fscope {
            self.enter_scope(bscope)?;
            for &b in &tree.scopes[bscope].bindings {
                let binding = &tree.bindings[b];
                if binding.kind != BindingKind::Var || !binding.used {
                    continue;
                }
                if let Some(&pb) = tree.scopes[fscope].names.get(binding.name.as_str()) {
                    if tree.bindings[pb].used && tree.bindings[pb].kind != BindingKind::Hidden {
                        // Initialized from the same-named parameter.
                        let pr = self.resolve_binding(pb)?;
                        let t = self.alloc()?;
                        self.load_raw(&pr, t);
                        let r = self.resolve(&binding.name, u32::MAX)?;
                        self.init_resolved(&r, &binding.name, t)?;
                        self.free(t);
                    }
                }
            }
        }
        self.hoist_functions(f.body.statements)?;
        self.locals_top = self.height();
        Ok(())
    }

    /// Instantiates the var-scoped function declarations of a body.
    pub fn hoist_functions(&mut self, body: &[Statement<'_>]) -> CResult<()> {
        let mut fns = Vec::new();
        top_level_functions(body, &mut fns);
        for g in fns {
            let Some(id) = g.id else { continue };
            let k = self.function_const(g, id.name)?;
            let t = self.alloc()?;
            self.emit(I::Closure { dst: t, func: k });
            let r = self.resolve(id.name, u32::MAX)?;
            self.init_resolved(&r, id.name, t)?;
            self.free(t);
        }
        Ok(())
    }

    /// Instantiates the lexically scoped function declarations of a block
    /// (the block's scope has been entered).
    pub fn hoist_block_functions(&mut self, body: &[Statement<'_>]) -> CResult<()> {
        let mut lex = Vec::new();
        lexical_declarations(body, true, &mut lex);
        for d in lex {
            if let LexDecl::Function(g) = d {
                let Some(id) = g.id else { continue };
                let k = self.function_const(g, id.name)?;
                let t = self.alloc()?;
                self.emit(I::Closure { dst: t, func: k });
                let r = self.resolve(id.name, u32::MAX)?;
                self.init_resolved(&r, id.name, t)?;
                self.free(t);
            }
        }
        Ok(())
    }

    /// A script or eval body with its declaration instantiation.
    pub fn compile_program_body(&mut self, program: &Program<'_>) -> CResult<()> {
        let tree = self.tree();
        let root = tree.funcs[0].root;
        let is_eval = self.ctx.eval_site.is_some();
        let strict = program.strict;
        if is_eval && strict {
            self.enter_scope(root)?;
            self.hoist_functions(program.body)?;
        } else {
            if is_eval {
                self.enter_scope(root)?;
            } else {
                self.scope = root;
            }
            let decls = self.global_declarations(program, is_eval)?;
            let flags = self.alloc_n(decls.annex_b.len())?;
            if !decls.annex_b.is_empty() {
                self.annex_b_flags = Some(flags);
            }
            self.locals_top = self.height();
            let empty = decls.lexical.is_empty()
                && decls.functions.is_empty()
                && decls.vars.is_empty()
                && decls.annex_b.is_empty();
            if !empty {
                let k = self.other_const(Constant::Declarations(Box::new(decls)))?;
                self.pos(program.span);
                if is_eval {
                    self.emit(I::EvalDeclarationInstantiation { decls: k, flags });
                } else {
                    self.emit(I::GlobalDeclarationInstantiation { decls: k, flags });
                }
            }
        }
        let c = self.alloc_local()?;
        self.load_undefined(c);
        self.completion = Some(c);
        self.statements(program.body)?;
        Ok(())
    }

    /// The Declarations constant of a script or sloppy eval body.
    fn global_declarations(
        &mut self,
        program: &Program<'_>,
        is_eval: bool,
    ) -> CResult<Declarations> {
        let mut d = Declarations::default();
        let mut lex = Vec::new();
        lexical_declarations(program.body, false, &mut lex);
        let mut lex_names: HashSet<&str> = HashSet::new();
        for l in &lex {
            match l {
                LexDecl::Variable(id, is_const, _) => {
                    lex_names.insert(id.name);
                    if !is_eval {
                        d.lexical.push((id.name.into(), *is_const));
                    }
                }
                LexDecl::Class(c) => {
                    if let Some(id) = c.id {
                        lex_names.insert(id.name);
                        if !is_eval {
                            d.lexical.push((id.name.into(), false));
                        }
                    }
                }
                LexDecl::Function(_) => {}
            }
        }
        let mut fns = Vec::new();
        top_level_functions(program.body, &mut fns);
        // The last declaration of a name wins, at the position of the first.
        let mut seen: HashSet<&str> = HashSet::new();
        let mut chosen = Vec::new();
        for g in fns.iter().rev() {
            if let Some(id) = g.id {
                if seen.insert(id.name) {
                    chosen.push(*g);
                }
            }
        }
        chosen.reverse();
        for g in chosen {
            let Some(id) = g.id else { continue };
            let k = self.function_const(g, id.name)?;
            d.functions.push((id.name.into(), k.0));
        }
        let vars = var_declarations(program.body, !program.strict, &lex_names);
        let mut var_seen: HashSet<&str> = HashSet::new();
        for id in &vars.vars {
            if !seen.contains(id.name) && var_seen.insert(id.name) {
                d.vars.push(id.name.into());
            }
        }
        for g in &vars.annex_b {
            if let Some(id) = g.id {
                d.annex_b.push(id.name.into());
            }
        }
        Ok(d)
    }
}
