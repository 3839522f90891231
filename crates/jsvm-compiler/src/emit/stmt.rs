//! Statements: blocks, declarations, control flow (if, loops, switch,
//! labels, break/continue/return), with, throw and try/catch/finally.
//!
//! Invariant: every statement leaves the register stack at the scope's
//! locals height, and the completion register (scripts and eval) follows
//! the spec's UpdateEmpty rules closely enough for eval results.

use jsvm_bytecode::{ErrorKind, Instruction as I, JumpOffset, Reg};
use jsvm_syntax::ast::*;

use super::assign::BindMode;
use super::control::{ControlKind, Exit};
use super::{Access, CResult, FnCompiler};
use crate::scope::{node_key, Tag};
use crate::CompileError;

impl FnCompiler<'_, '_> {
    pub fn statements(&mut self, body: &[Statement<'_>]) -> CResult<()> {
        for s in body {
            self.statement(s)?;
            self.check_balanced()?;
        }
        Ok(())
    }

    /// Sets the completion value to undefined (statements whose empty
    /// completion becomes undefined).
    fn reset_completion(&mut self) {
        if let Some(c) = self.completion {
            self.load_undefined(c);
        }
    }

    pub fn statement(&mut self, s: &Statement<'_>) -> CResult<()> {
        self.statement_labeled(s, Vec::new())
    }

    fn statement_labeled(&mut self, s: &Statement<'_>, labels: Vec<String>) -> CResult<()> {
        match s {
            Statement::Empty(_) | Statement::Debugger(_) => Ok(()),
            Statement::Expression(e) => match self.completion {
                Some(c) => {
                    let t = self.alloc()?;
                    self.expr_to(&e.expression, t)?;
                    self.mov(c, t);
                    self.free(t);
                    Ok(())
                }
                None => self.expr_effect(&e.expression),
            },
            Statement::Block(b) => self.block_statement(b),
            Statement::VariableDeclaration(d) => self.variable_declaration(d),
            Statement::FunctionDeclaration(f) => self.function_declaration_evaluation(f),
            Statement::ClassDeclaration(c) => {
                let t = self.alloc()?;
                self.class_to(c, t, None)?;
                if let Some(id) = c.id {
                    self.init_binding(id.name, c.span.end, t)?;
                }
                self.free(t);
                Ok(())
            }
            Statement::If(i) => {
                self.reset_completion();
                if i.alternate.is_none() {
                    if let Some(target) = self.plain_exit_label(&i.consequent) {
                        // `if (c) break;` / `if (c) continue;` needing no
                        // cleanup: one conditional jump.
                        return self.jump_if(&i.test, target);
                    }
                }
                let else_label = self.label();
                self.jump_unless(&i.test, else_label)?;
                self.statement(&i.consequent)?;
                if let Some(a) = &i.alternate {
                    let end = self.label();
                    self.jump(end);
                    self.bind(else_label);
                    self.statement(a)?;
                    self.bind(end);
                } else {
                    self.bind(else_label);
                }
                Ok(())
            }
            Statement::For(f) => self.for_statement(f, labels),
            Statement::ForIn(f) => self.for_in_statement(f, labels),
            Statement::ForOf(f) => self.for_of_statement(f, labels),
            Statement::While(w) => {
                self.reset_completion();
                let (top, brk, cont) = (self.label(), self.label(), self.label());
                let id = self.new_loop_id();
                // Rotated (test at the bottom) when that saves the jump
                // back per iteration.
                let rotate = self.rotation_pays(&w.test);
                if rotate {
                    self.jump(cont);
                } else {
                    self.bind(cont);
                    self.jump_unless(&w.test, brk)?;
                }
                self.bind(top);
                self.push_control(
                    ControlKind::Loop {
                        labels,
                        break_label: brk,
                        continue_label: cont,
                        id,
                    },
                    None,
                );
                self.statement(&w.body)?;
                self.pop_control();
                if rotate {
                    self.bind(cont);
                    self.jump_if(&w.test, top)?;
                } else {
                    self.jump(cont);
                }
                self.bind(brk);
                Ok(())
            }
            Statement::DoWhile(w) => {
                self.reset_completion();
                let (top, brk, cont) = (self.label(), self.label(), self.label());
                let id = self.new_loop_id();
                self.bind(top);
                self.push_control(
                    ControlKind::Loop {
                        labels,
                        break_label: brk,
                        continue_label: cont,
                        id,
                    },
                    None,
                );
                self.statement(&w.body)?;
                self.pop_control();
                self.bind(cont);
                self.jump_if(&w.test, top)?;
                self.bind(brk);
                Ok(())
            }
            Statement::Continue(c) => {
                let label = c.label.map(|l| l.name);
                let t = self
                    .continue_target(label)
                    .ok_or_else(|| CompileError::new("Illegal continue statement", c.span))?;
                self.exit(Exit::Continue(t))
            }
            Statement::Break(b) => {
                let label = b.label.map(|l| l.name);
                let t = self
                    .break_target(label)
                    .ok_or_else(|| CompileError::new("Illegal break statement", b.span))?;
                self.exit(Exit::Break(t))
            }
            Statement::Return(r) => {
                if let (Some(Expression::Conditional(c)), false) =
                    (&r.argument, self.is_async_generator())
                {
                    // `return t ? a : b` as `if (t) return a; return b;`.
                    return self.return_conditional(c, r.span);
                }
                let v = match &r.argument {
                    Some(a) => self.expr_val(a)?,
                    None => {
                        let t = self.alloc()?;
                        self.load_undefined(t);
                        super::Val::Temp(t)
                    }
                };
                self.pos(r.span);
                if self.is_async_generator() {
                    // An async generator's `return x` awaits x (15.6.2).
                    let t = self.alloc()?;
                    self.await_value_into(t, v.reg())?;
                    self.exit(Exit::Return(t))?;
                    self.free(t);
                } else {
                    self.exit(Exit::Return(v.reg()))?;
                }
                self.release(v);
                Ok(())
            }
            Statement::With(w) => {
                self.reset_completion();
                let t = self.alloc()?;
                self.expr_to(&w.object, t)?;
                self.pos(w.span);
                self.emit(I::PushWithScope { obj: t });
                self.free(t);
                let s = self.scope_of(*w, Tag::With)?;
                self.push_env()?;
                self.enter_scope(s)?;
                self.statement(&w.body)?;
                self.leave_scope(s, true);
                Ok(())
            }
            Statement::Switch(sw) => self.switch_statement(sw, labels),
            Statement::Labeled(l) => {
                let mut labels = labels;
                labels.push(l.label.name.to_string());
                match &l.body {
                    Statement::For(_)
                    | Statement::ForIn(_)
                    | Statement::ForOf(_)
                    | Statement::While(_)
                    | Statement::DoWhile(_)
                    | Statement::Labeled(_) => self.statement_labeled(&l.body, labels),
                    body => {
                        let brk = self.label();
                        self.push_control(
                            ControlKind::Block {
                                labels,
                                break_label: brk,
                                switch: false,
                            },
                            None,
                        );
                        self.statement(body)?;
                        self.pop_control();
                        self.bind(brk);
                        Ok(())
                    }
                }
            }
            Statement::Throw(t) => {
                let r = self.alloc()?;
                self.expr_to(&t.argument, r)?;
                self.pos(t.span);
                self.emit(I::Throw { src: r });
                self.free(r);
                Ok(())
            }
            Statement::Try(t) => self.try_statement(t),
            Statement::Import(_) | Statement::ExportAll(_) => Ok(()),
            Statement::ExportNamed(d) => match &d.declaration {
                Some(decl) => self.statement(decl),
                None => Ok(()),
            },
            Statement::ExportDefault(d) => self.export_default(d),
        }
    }

    /// `return c.test ? c.consequent : c.alternate` as two returns (no
    /// move into a common result register, no jump over the alternate).
    fn return_conditional(&mut self, c: &ConditionalExpression<'_>, span: Span) -> CResult<()> {
        let else_l = self.label();
        self.jump_unless(&c.test, else_l)?;
        for (i, e) in [&c.consequent, &c.alternate].into_iter().enumerate() {
            if i == 1 {
                self.bind(else_l);
            }
            if let Expression::Conditional(inner) = e {
                self.return_conditional(inner, span)?;
                continue;
            }
            let v = self.expr_val(e)?;
            self.pos(span);
            self.exit(Exit::Return(v.reg()))?;
            self.release(v);
        }
        Ok(())
    }

    /// The label a `break`/`continue` statement `s` (possibly alone in a
    /// block without declarations) jumps to when the exit is a plain jump:
    /// it leaves no finally block, iterator or environment.
    fn plain_exit_label(&self, s: &Statement<'_>) -> Option<jsvm_bytecode::Label> {
        let (t, is_continue) = match s {
            Statement::Block(b) if b.body.len() == 1 => {
                if self.opt_scope_of(*b, Tag::Block).is_some() {
                    return None;
                }
                return self.plain_exit_label(&b.body[0]);
            }
            Statement::Continue(c) => (self.continue_target(c.label.map(|l| l.name))?, true),
            Statement::Break(b) => (self.break_target(b.label.map(|l| l.name))?, false),
            _ => return None,
        };
        let target = &self.control[t];
        if target.env_depth != self.env_depth {
            return None;
        }
        let loop_id = match &target.kind {
            ControlKind::Loop { id, .. } => Some(*id),
            _ => None,
        };
        for c in &self.control[t + 1..] {
            match &c.kind {
                ControlKind::Loop { .. } | ControlKind::Block { .. } | ControlKind::Try => {}
                ControlKind::IterClose { loop_id: l, .. } if is_continue && Some(*l) == loop_id => {
                }
                _ => return None,
            }
        }
        match &target.kind {
            ControlKind::Loop {
                continue_label,
                break_label,
                ..
            } => Some(if is_continue {
                *continue_label
            } else {
                *break_label
            }),
            ControlKind::Block { break_label, .. } if !is_continue => Some(*break_label),
            _ => None,
        }
    }

    pub fn new_loop_id(&mut self) -> usize {
        self.loop_ids += 1;
        self.loop_ids
    }

    pub fn scope_of<T: crate::scope::ScopeNode>(&self, node: &T, tag: Tag) -> CResult<usize> {
        self.tree()
            .node_scopes
            .get(&node_key(node, tag))
            .copied()
            .ok_or_else(|| CompileError::internal("scope not analysed"))
    }

    fn opt_scope_of<T: crate::scope::ScopeNode>(&self, node: &T, tag: Tag) -> Option<usize> {
        self.tree().node_scopes.get(&node_key(node, tag)).copied()
    }

    pub fn block_statement(&mut self, b: &BlockStatement<'_>) -> CResult<()> {
        match self.opt_scope_of(b, Tag::Block) {
            Some(s) => {
                self.enter_scope(s)?;
                self.hoist_block_functions(b.body)?;
                self.statements(b.body)?;
                self.leave_scope(s, true);
                Ok(())
            }
            None => self.statements(b.body),
        }
    }

    /// Initializes the declaration binding `name` (let/const/class or a
    /// script-level lexical).
    pub fn init_binding(&mut self, name: &str, pos: u32, src: Reg) -> CResult<()> {
        let r = self.resolve(name, pos)?;
        if matches!(r.access, Access::Global) {
            let n = self.name_const(name)?;
            self.emit(I::InitGlobalLexical { name: n, src });
            return Ok(());
        }
        self.init_resolved(&r, name, src)
    }

    fn variable_declaration(&mut self, d: &VariableDeclaration<'_>) -> CResult<()> {
        for decl in d.declarations {
            self.pos(decl.span);
            match d.kind {
                VariableKind::Var => {
                    let Some(init) = &decl.init else { continue };
                    match &decl.target {
                        Pattern::Identifier(id) => {
                            let target = Expression::Identifier(id);
                            if let (Some(reg), true) =
                                (self.local_register(&target)?, self.late_write(init))
                            {
                                self.expr_named_to(init, reg, Some(id.name))?;
                                continue;
                            }
                            let r = self.identifier_ref(id)?;
                            let t = self.alloc()?;
                            self.expr_named_to(init, t, Some(id.name))?;
                            self.ref_put(&r, t)?;
                            self.free(t);
                            self.release_ref(r);
                        }
                        p => {
                            let t = self.alloc()?;
                            self.expr_to(init, t)?;
                            self.bind_pattern(p, t, BindMode::Var)?;
                            self.free(t);
                        }
                    }
                }
                VariableKind::Let | VariableKind::Const => {
                    if let (Some(init), Pattern::Identifier(id)) = (&decl.init, &decl.target) {
                        let r = self.resolve(id.name, u32::MAX)?;
                        // Straight into the register when the write is last,
                        // or when no code can observe the binding before
                        // it is initialized (no same-function reference in
                        // its TDZ: an early write is invisible).
                        let unobserved = r
                            .binding
                            .is_some_and(|b| !self.tree().bindings[b].needs_uninit_load);
                        if let (Access::Reg(reg), true) =
                            (r.access, self.late_write(init) || unobserved)
                        {
                            self.expr_named_to(init, reg, Some(id.name))?;
                            continue;
                        }
                    }
                    let t = self.alloc()?;
                    match (&decl.init, &decl.target) {
                        (Some(init), Pattern::Identifier(id)) => {
                            self.expr_named_to(init, t, Some(id.name))?
                        }
                        (Some(init), _) => self.expr_to(init, t)?,
                        (None, _) => self.load_undefined(t),
                    }
                    self.bind_pattern_at(&decl.target, t, BindMode::Init, decl.span.end)?;
                    self.free(t);
                }
            }
        }
        Ok(())
    }

    /// Evaluation of a FunctionDeclaration statement: nothing, except the
    /// Annex B.3.2 copy of a block function into its var binding.
    fn function_declaration_evaluation(&mut self, f: &Function<'_>) -> CResult<()> {
        let key = f as *const Function as usize;
        let Some(id) = f.id else { return Ok(()) };
        let tree = self.tree();
        if let Some(&var_b) = tree.annex_b_bindings.get(&key) {
            let block = self.resolve(id.name, u32::MAX)?;
            let t = self.alloc()?;
            self.load_raw(&block, t);
            let r = self.resolve_binding(var_b)?;
            self.init_resolved(&r, id.name, t)?;
            self.free(t);
        } else if let Some(&i) = tree.annex_b_global.get(&key) {
            if let Some(flags) = self.annex_b_flags {
                let skip = self.label();
                let flag = Reg(flags.0 + i as u16);
                self.emit_jump(
                    I::JumpIfFalse {
                        cond: flag,
                        offset: JumpOffset(0),
                    },
                    skip,
                );
                let block = self.resolve(id.name, u32::MAX)?;
                let t = self.alloc()?;
                self.load_raw(&block, t);
                let n = self.name_const(id.name)?;
                if self.ctx.eval_site.is_some() {
                    self.emit(I::SetName { name: n, src: t });
                } else {
                    let ic = self.ic();
                    self.emit(I::SetGlobal {
                        name: n,
                        src: t,
                        ic,
                    });
                }
                self.free(t);
                self.bind(skip);
            }
        }
        Ok(())
    }

    // ----- loops ------------------------------------------------------

    fn for_statement(&mut self, f: &ForStatement<'_>, labels: Vec<String>) -> CResult<()> {
        self.reset_completion();
        let head = self.opt_scope_of(f, Tag::ForHead);
        let mut per_iteration = false;
        if let Some(s) = head {
            self.enter_scope(s)?;
            per_iteration = self.tree().scopes[s].materialized
                && matches!(f.init, Some(ForInit::VariableDeclaration(d)) if d.kind == VariableKind::Let);
        }
        match &f.init {
            Some(ForInit::VariableDeclaration(d)) => self.variable_declaration(d)?,
            Some(ForInit::Expression(e)) => self.expr_effect(e)?,
            None => {}
        }
        if per_iteration {
            self.emit(I::CopyScope {});
        }
        let (top, brk, cont) = (self.label(), self.label(), self.label());
        let id = self.new_loop_id();
        // Rotated (test at the bottom) when that saves the jump back per
        // iteration.
        let rotated = f.test.as_ref().filter(|t| self.rotation_pays(t));
        let test_label = self.label();
        if rotated.is_some() {
            self.jump(test_label);
        }
        self.bind(top);
        if let (Some(test), None) = (&f.test, rotated) {
            self.jump_unless(test, brk)?;
        }
        self.push_control(
            ControlKind::Loop {
                labels,
                break_label: brk,
                continue_label: cont,
                id,
            },
            None,
        );
        self.statement(&f.body)?;
        self.pop_control();
        self.bind(cont);
        if per_iteration {
            self.emit(I::CopyScope {});
        }
        if let Some(u) = &f.update {
            self.expr_effect(u)?;
        }
        match rotated {
            Some(test) => {
                self.bind(test_label);
                self.jump_if(test, top)?;
            }
            None => self.jump(top),
        }
        self.bind(brk);
        if let Some(s) = head {
            self.leave_scope(s, true);
        }
        Ok(())
    }

    /// Evaluates the right side of a for-in/of (in its TDZ scope if the
    /// loop declares lexical bindings) into `dst`.
    fn for_head_expr<T: crate::scope::ScopeNode>(
        &mut self,
        node: &T,
        right: &Expression<'_>,
        dst: Reg,
    ) -> CResult<()> {
        match self.opt_scope_of(node, Tag::ForTdz) {
            Some(s) => {
                self.enter_scope(s)?;
                self.expr_to(right, dst)?;
                self.leave_scope(s, true);
            }
            None => self.expr_to(right, dst)?,
        }
        Ok(())
    }

    /// Binds the per-iteration value of a for-in/of to its target; enters
    /// the per-iteration scope (returned) for lexical declarations.
    fn for_bind<T: crate::scope::ScopeNode>(
        &mut self,
        node: &T,
        left: &ForTarget<'_>,
        value: Reg,
    ) -> CResult<Option<usize>> {
        match left {
            ForTarget::VariableDeclaration(d) => {
                let decl = d
                    .declarations
                    .first()
                    .ok_or_else(|| CompileError::internal("empty for declaration"))?;
                if d.kind == VariableKind::Var {
                    self.bind_pattern(&decl.target, value, BindMode::Var)?;
                    Ok(None)
                } else {
                    let s = self.scope_of(node, Tag::ForIter)?;
                    // `for (let/const x ...)` with `x` in a register: the
                    // value register is `x` itself (nothing can observe `x`
                    // before it is bound: no reference in its TDZ).
                    if let Pattern::Identifier(id) = &decl.target {
                        let tree = self.tree();
                        let direct = tree.scopes[s].names.get(id.name).copied().filter(|&b| {
                            let binding = &tree.bindings[b];
                            !binding.captured && binding.used && !binding.needs_uninit_load
                        });
                        if let Some(b) = direct {
                            self.enter_scope_with(s, Some((b, value)))?;
                            return Ok(Some(s));
                        }
                    }
                    self.enter_scope(s)?;
                    self.bind_pattern_at(&decl.target, value, BindMode::Init, d.span.end)?;
                    Ok(Some(s))
                }
            }
            ForTarget::Pattern(p) => {
                self.bind_pattern(p, value, BindMode::Assign)?;
                Ok(None)
            }
        }
    }

    fn for_in_statement(&mut self, f: &ForInStatement<'_>, labels: Vec<String>) -> CResult<()> {
        self.reset_completion();
        // Annex B: `for (var x = init in o)`.
        if let ForTarget::VariableDeclaration(d) = &f.left {
            if let Some(decl) = d.declarations.first() {
                if let (Some(init), Pattern::Identifier(id)) = (&decl.init, &decl.target) {
                    let t = self.alloc()?;
                    self.expr_named_to(init, t, Some(id.name))?;
                    let r = self.resolve(id.name, u32::MAX)?;
                    self.store_resolved(&r, id.name, t)?;
                    self.free(t);
                }
            }
        }
        let iter = self.alloc_local()?;
        self.for_head_expr(f, &f.right, iter)?;
        self.pos(f.span);
        self.emit(I::ForInEnumerate {
            dst: iter,
            obj: iter,
        });
        let (brk, cont) = (self.label(), self.label());
        let id = self.new_loop_id();
        self.push_control(
            ControlKind::Loop {
                labels,
                break_label: brk,
                continue_label: cont,
                id,
            },
            None,
        );
        let v = self.alloc_local()?;
        self.bind(cont);
        self.emit_jump(
            I::ForInNext {
                dst: v,
                iter,
                exit: JumpOffset(0),
            },
            brk,
        );
        let scope = self.for_bind(f, &f.left, v)?;
        self.statement(&f.body)?;
        if let Some(s) = scope {
            self.leave_scope(s, true);
        }
        self.jump(cont);
        self.pop_control();
        self.bind(brk);
        self.free_local(v);
        self.free_local(iter);
        Ok(())
    }

    fn for_of_statement(&mut self, f: &ForOfStatement<'_>, labels: Vec<String>) -> CResult<()> {
        self.reset_completion();
        let iter = self.alloc_local()?;
        let next = self.alloc_local()?;
        self.for_head_expr(f, &f.right, iter)?;
        self.pos(f.right.span());
        if f.is_await {
            self.emit(I::GetAsyncIterator {
                iter,
                next,
                obj: iter,
            });
        } else {
            self.emit(I::GetIterator {
                iter,
                next,
                obj: iter,
            });
        }
        let (brk, cont) = (self.label(), self.label());
        let id = self.new_loop_id();
        self.push_control(
            ControlKind::Loop {
                labels,
                break_label: brk,
                continue_label: cont,
                id,
            },
            None,
        );
        self.bind(cont);
        let v = self.alloc_local()?;
        self.pos(f.span);
        if f.is_await {
            self.for_await_next(v, iter, next, brk)?;
        } else {
            self.emit_jump(
                I::ForOfNext {
                    dst: v,
                    iter,
                    next,
                    exit: JumpOffset(0),
                },
                brk,
            );
        }
        let exc = self.alloc_local()?;
        let handler = self.label();
        let region = self.open_region(handler, exc);
        let close = ControlKind::IterClose {
            iter,
            loop_id: id,
            is_async: f.is_await,
        };
        self.push_control(close, Some(region));
        let scope = self.for_bind(f, &f.left, v)?;
        self.statement(&f.body)?;
        if let Some(s) = scope {
            self.leave_scope(s, true);
        }
        self.close_region(region);
        self.pop_control();
        self.jump(cont);
        self.bind(handler);
        if f.is_await {
            self.async_iterator_close_for_throw(iter)?;
        } else {
            self.emit(I::IteratorCloseForThrow { iter });
        }
        self.emit(I::Throw { src: exc });
        self.pop_control();
        self.bind(brk);
        self.free_local(exc);
        self.free_local(v);
        self.free_local(next);
        self.free_local(iter);
        Ok(())
    }

    // ----- switch -----------------------------------------------------

    fn switch_statement(&mut self, sw: &SwitchStatement<'_>, labels: Vec<String>) -> CResult<()> {
        self.reset_completion();
        let d = self.alloc_local()?;
        self.expr_to(&sw.discriminant, d)?;
        let scope = self.opt_scope_of(sw, Tag::Switch);
        if let Some(s) = scope {
            self.enter_scope(s)?;
            let body: Vec<Statement<'_>> = sw
                .cases
                .iter()
                .flat_map(|c| c.consequent.iter().copied())
                .collect();
            self.hoist_block_functions(&body)?;
        }
        let brk = self.label();
        let case_labels: Vec<_> = sw.cases.iter().map(|_| self.label()).collect();
        let t = self.alloc()?;
        for (c, l) in sw.cases.iter().zip(&case_labels) {
            if let Some(test) = &c.test {
                self.expr_to(test, t)?;
                self.emit(I::StrictEq {
                    dst: t,
                    lhs: d,
                    rhs: t,
                });
                self.emit_jump(
                    I::JumpIfTrue {
                        cond: t,
                        offset: JumpOffset(0),
                    },
                    *l,
                );
            }
        }
        self.free(t);
        match sw.cases.iter().position(|c| c.test.is_none()) {
            Some(i) => self.jump(case_labels[i]),
            None => self.jump(brk),
        }
        self.push_control(
            ControlKind::Block {
                labels,
                break_label: brk,
                switch: true,
            },
            None,
        );
        for (c, l) in sw.cases.iter().zip(&case_labels) {
            self.bind(*l);
            self.statements(c.consequent)?;
        }
        self.pop_control();
        self.bind(brk);
        if let Some(s) = scope {
            self.leave_scope(s, true);
        }
        self.free_local(d);
        Ok(())
    }

    // ----- try --------------------------------------------------------

    fn try_statement(&mut self, t: &TryStatement<'_>) -> CResult<()> {
        self.reset_completion();
        let finally = match t.finalizer {
            Some(_) => {
                let kind = self.alloc_local()?;
                let value = self.alloc_local()?;
                let label = self.label();
                let throw_label = self.label();
                let region = self.open_region(throw_label, value);
                self.push_control(
                    ControlKind::Finally {
                        label,
                        kind,
                        value,
                        jumps: Vec::new(),
                    },
                    Some(region),
                );
                Some((kind, value, label, throw_label, region))
            }
            None => None,
        };
        match t.handler {
            Some(h) => {
                let exc = self.alloc_local()?;
                let catch_label = self.label();
                let end = self.label();
                let region = self.open_region(catch_label, exc);
                self.push_control(ControlKind::Try, Some(region));
                self.block_statement(t.block)?;
                self.pop_control();
                self.close_region(region);
                self.jump(end);
                self.bind(catch_label);
                self.catch_clause(h, exc)?;
                self.bind(end);
                self.free_local(exc);
            }
            None => self.block_statement(t.block)?,
        }
        if let (Some((kind, value, label, throw_label, region)), Some(fin)) = (finally, t.finalizer)
        {
            let control = self.pop_control();
            self.close_region(region);
            self.load_int(kind, 0);
            self.jump(label);
            self.bind(throw_label);
            self.load_int(kind, 1);
            self.bind(label);
            let saved = match self.completion {
                Some(c) => {
                    let s = self.alloc_local()?;
                    self.mov(s, c);
                    Some(s)
                }
                None => None,
            };
            self.block_statement(fin)?;
            if let (Some(s), Some(c)) = (saved, self.completion) {
                self.mov(c, s);
                self.free_local(s);
            }
            let jumps = match control.map(|c| c.kind) {
                Some(ControlKind::Finally { jumps, .. }) => jumps,
                _ => return Err(CompileError::internal("finally control entry")),
            };
            self.finally_dispatch(kind, value, jumps)?;
            self.free_local(value);
            self.free_local(kind);
        }
        Ok(())
    }

    fn catch_clause(&mut self, h: &CatchClause<'_>, exc: Reg) -> CResult<()> {
        match &h.param {
            Some(p) => {
                let s = self.scope_of(h, Tag::CatchParam)?;
                self.enter_scope(s)?;
                self.bind_pattern_at(p, exc, BindMode::Init, p.span().end)?;
                self.block_statement(h.body)?;
                self.leave_scope(s, true);
            }
            None => self.block_statement(h.body)?,
        }
        Ok(())
    }

    /// Throws a ReferenceError for an invalid assignment target (Annex B
    /// call expressions as targets).
    pub fn throw_invalid_target(&mut self) -> CResult<()> {
        self.throw_const(
            ErrorKind::REFERENCE_ERROR,
            "Invalid left-hand side in assignment",
        )
    }
}
