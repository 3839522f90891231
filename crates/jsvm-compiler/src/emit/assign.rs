//! References and writes: assignment (simple, compound, logical), update
//! expressions, and binding/assignment patterns (destructuring).
//!
//! Invariant: evaluation order follows the spec: a target reference's base
//! and key are evaluated before the value (except for-in/of heads, where
//! the spec evaluates the target per iteration after the value), computed
//! keys of compound targets are converted to property keys once, and array
//! destructuring closes its iterator on every exit unless it is done.

use jsvm_bytecode::{ConstIdx, Count, ErrorKind, Instruction as I, JumpOffset, Reg};
use jsvm_syntax::ast::*;

use super::control::ControlKind;
use super::{CResult, FnCompiler, Resolved, Val};
use crate::CompileError;

/// What runs between the evaluation of a reference and its use.
#[derive(Clone, Copy)]
pub(crate) enum After<'e, 'a> {
    /// Unknown code: registers of bindings are copied.
    Unknown,
    /// Nothing that can assign a binding.
    Nothing,
    /// The evaluation of this expression.
    Expr(&'e Expression<'a>),
}

impl After<'_, '_> {
    /// Whether an operand `read` in place stays valid across this.
    fn keeps(self, read: &Expression<'_>) -> bool {
        match self {
            After::Unknown => false,
            After::Nothing => true,
            After::Expr(e) => match super::expr::read_name(read) {
                Some(n) => !super::writes::expr_writes(e, n),
                None => false,
            },
        }
    }
}

/// How a pattern's identifiers are written.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum BindMode {
    /// Declaration initialization (let/const/class, parameters, catch).
    Init,
    /// `var` declarations (PutValue on the resolved binding).
    Var,
    /// Assignment expressions and for-in/of assignment heads.
    Assign,
}

/// An evaluated reference (ECMA-262 6.2.5).
pub(crate) enum Ref<'a> {
    /// A by-name reference resolved ahead of time (`ResolveName`).
    Dynamic {
        name: &'a str,
        env: Val,
    },
    Binding {
        name: &'a str,
        res: Resolved,
    },
    Prop {
        obj: Val,
        name: ConstIdx,
    },
    Elem {
        obj: Val,
        key: Val,
    },
    Private {
        obj: Val,
        name: Val,
    },
    Super {
        this: Val,
        home: Val,
        key: Val,
    },
    /// Annex B: a call expression as assignment target.
    Invalid,
}

impl<'a> FnCompiler<'_, '_> {
    /// Evaluates the reference `e` (an assignment target). `compound`: the
    /// reference is read and then written, so a computed key is converted
    /// to a property key now. `after`: what is evaluated between the
    /// reference and its use (decides whether bindings' registers can be
    /// used in place).
    pub fn eval_ref(
        &mut self,
        e: &Expression<'a>,
        compound: bool,
        after: After<'_, '_>,
    ) -> CResult<Ref<'a>> {
        match e {
            Expression::Identifier(id) => self.identifier_ref(id),
            Expression::Member(m) => {
                let key_expr = match &m.property {
                    MemberProperty::Computed(k) => Some(k),
                    _ => None,
                };
                let obj_stable = after.keeps(&m.object)
                    && key_expr.is_none_or(|k| !self.may_clobber(&m.object, k));
                let obj = self.expr_val_stable(&m.object, obj_stable)?;
                match &m.property {
                    MemberProperty::Static(id) => {
                        let name = self.name_const(id.name)?;
                        Ok(Ref::Prop { obj, name })
                    }
                    MemberProperty::Computed(k) => {
                        let key = self.expr_val_stable(k, after.keeps(k))?;
                        if compound {
                            self.pos(m.span);
                            self.emit(I::CheckObjectCoercible { src: obj.reg() });
                            let t = match key {
                                Val::Temp(t) => t,
                                Val::Local(_) => self.alloc()?,
                            };
                            self.emit(I::ToPropertyKey {
                                dst: t,
                                src: key.reg(),
                            });
                            return Ok(Ref::Elem {
                                obj,
                                key: Val::Temp(t),
                            });
                        }
                        Ok(Ref::Elem { obj, key })
                    }
                    MemberProperty::Private(p) => {
                        let name = self.alloc()?;
                        self.load_private_name(p, name)?;
                        Ok(Ref::Private {
                            obj,
                            name: Val::Temp(name),
                        })
                    }
                }
            }
            Expression::SuperMember(m) => {
                let this = self.alloc()?;
                self.load_hidden("this", this)?;
                let key = self.alloc()?;
                match &m.property {
                    MemberProperty::Static(id) => {
                        let k = self.str_const(id.name)?;
                        self.emit(I::LoadConst { dst: key, index: k });
                    }
                    MemberProperty::Computed(k) => {
                        self.expr_to(k, key)?;
                        if compound {
                            self.emit(I::ToPropertyKey { dst: key, src: key });
                        }
                    }
                    MemberProperty::Private(p) => {
                        return Err(CompileError::new(
                            "unexpected private name after super",
                            p.span,
                        ))
                    }
                }
                let home = self.alloc()?;
                self.load_hidden("%home", home)?;
                Ok(Ref::Super {
                    this: Val::Temp(this),
                    home: Val::Temp(home),
                    key: Val::Temp(key),
                })
            }
            Expression::Call(_) => {
                // Annex B: runtime ReferenceError right after the call.
                self.expr_effect(e)?;
                self.throw_invalid_target()?;
                Ok(Ref::Invalid)
            }
            other => Err(CompileError::new("Invalid assignment target", other.span())),
        }
    }

    /// The reference of identifier `id` (resolved now if by name).
    pub fn identifier_ref(&mut self, id: &'a Identifier<'a>) -> CResult<Ref<'a>> {
        let res = self.resolve(id.name, id.span.start)?;
        if matches!(res.access, super::Access::Dynamic) {
            let env = self.alloc()?;
            let n = self.name_const(id.name)?;
            self.pos(id.span);
            self.emit(I::ResolveName { dst: env, name: n });
            return Ok(Ref::Dynamic {
                name: id.name,
                env: Val::Temp(env),
            });
        }
        Ok(Ref::Binding { name: id.name, res })
    }

    /// Evaluates `e` into a register that later evaluation cannot change
    /// (a binding's own register only when `stable`).
    fn expr_val_stable(&mut self, e: &Expression<'_>, stable: bool) -> CResult<Val> {
        let v = self.expr_val(e)?;
        match v {
            Val::Local(r) if !stable => {
                let t = self.alloc()?;
                self.mov(t, r);
                Ok(Val::Temp(t))
            }
            v => Ok(v),
        }
    }

    /// GetValue(ref) into `dst`.
    pub fn ref_get(&mut self, r: &Ref<'_>, dst: Reg) -> CResult<()> {
        match r {
            Ref::Binding { name, res } => self.load_resolved(res, name, dst),
            Ref::Dynamic { name, env } => {
                let n = self.name_const(name)?;
                self.emit(I::GetNameRef {
                    dst,
                    reference: env.reg(),
                    name: n,
                });
                Ok(())
            }
            Ref::Prop { obj, name } => {
                let ic = self.ic();
                self.emit(I::GetProp {
                    dst,
                    obj: obj.reg(),
                    name: *name,
                    ic,
                });
                Ok(())
            }
            Ref::Elem { obj, key } => {
                self.emit(I::GetElem {
                    dst,
                    obj: obj.reg(),
                    key: key.reg(),
                });
                Ok(())
            }
            Ref::Private { obj, name } => {
                self.emit(I::GetPrivate {
                    dst,
                    obj: obj.reg(),
                    name: name.reg(),
                });
                Ok(())
            }
            Ref::Super { this, home, key } => {
                self.emit(I::GetSuper {
                    dst,
                    home: home.reg(),
                    key: key.reg(),
                    this: this.reg(),
                });
                Ok(())
            }
            Ref::Invalid => Ok(()),
        }
    }

    /// PutValue(ref, R[src]).
    pub fn ref_put(&mut self, r: &Ref<'_>, src: Reg) -> CResult<()> {
        match r {
            Ref::Binding { name, res } => self.store_resolved(res, name, src),
            Ref::Dynamic { name, env } => {
                let n = self.name_const(name)?;
                self.emit(I::SetNameRef {
                    reference: env.reg(),
                    name: n,
                    src,
                });
                Ok(())
            }
            Ref::Prop { obj, name } => {
                let ic = self.ic();
                self.emit(I::SetProp {
                    obj: obj.reg(),
                    name: *name,
                    src,
                    ic,
                });
                Ok(())
            }
            Ref::Elem { obj, key } => {
                self.emit(I::SetElem {
                    obj: obj.reg(),
                    key: key.reg(),
                    src,
                });
                Ok(())
            }
            Ref::Private { obj, name } => {
                self.emit(I::SetPrivate {
                    obj: obj.reg(),
                    name: name.reg(),
                    src,
                });
                Ok(())
            }
            Ref::Super { this, home, key } => {
                self.emit(I::SetSuper {
                    home: home.reg(),
                    key: key.reg(),
                    src,
                    this: this.reg(),
                });
                Ok(())
            }
            Ref::Invalid => Ok(()),
        }
    }

    pub fn release_ref(&mut self, r: Ref<'_>) {
        match r {
            Ref::Binding { .. } | Ref::Invalid => {}
            Ref::Dynamic { env, .. } => self.release(env),
            Ref::Prop { obj, .. } => self.release(obj),
            Ref::Elem { obj, key } => {
                self.release(key);
                self.release(obj);
            }
            Ref::Private { obj, name } => {
                self.release(name);
                self.release(obj);
            }
            Ref::Super { this, home, key } => {
                self.release(home);
                self.release(key);
                self.release(this);
            }
        }
    }

    // ----- assignment expressions --------------------------------------

    /// The register of `target` when it is a writable local held in a
    /// register (a `var` or `let` outside its TDZ, not captured): reads and
    /// writes of it are plain register accesses with no other effect, so an
    /// update can work on the register in place.
    pub(crate) fn local_register(&self, target: &Expression<'_>) -> CResult<Option<Reg>> {
        let Expression::Identifier(id) = target else {
            return Ok(None);
        };
        let res = self.resolve(id.name, id.span.start)?;
        Ok(match res.access {
            super::Access::Reg(r)
                if !res.check_tdz
                    && matches!(
                        res.kind,
                        jsvm_bytecode::BindingKind::Var | jsvm_bytecode::BindingKind::Let
                    ) =>
            {
                Some(r)
            }
            _ => None,
        })
    }

    /// An assignment expression; the result goes to `dst` if given.
    pub fn assignment(&mut self, a: &AssignmentExpression<'a>, dst: Option<Reg>) -> CResult<()> {
        if a.operator == AssignmentOperator::Assign {
            return self.simple_assignment(a, dst);
        }
        let target = match &a.left {
            Pattern::Identifier(id) => Expression::Identifier(id),
            Pattern::Expression(e) => *e,
            p => {
                return Err(CompileError::new(
                    "Invalid compound assignment target",
                    p.span(),
                ))
            }
        };
        // `x op= y` on a register local with a `y` that cannot write `x`:
        // `y` into a temporary, then one instruction on the local's
        // register (written last, so a throw leaves the old value).
        let in_place = !self.may_clobber(&target, &a.right);
        if let (Some(op), true) = (a.operator.binary_operator(), in_place) {
            if let Some(x) = self.local_register(&target)? {
                self.binary_op_with(op, x, x, &a.right, a.span)?;
                if let Some(d) = dst {
                    self.mov(d, x);
                }
                return Ok(());
            }
        }
        let r = self.eval_ref(&target, true, After::Expr(&a.right))?;
        let t = self.alloc()?;
        self.pos(a.span);
        self.ref_get(&r, t)?;
        if let Some(op) = a.operator.logical_operator() {
            let end = self.label();
            let jump = match op {
                LogicalOperator::And => I::JumpIfFalse {
                    cond: t,
                    offset: JumpOffset(0),
                },
                LogicalOperator::Or => I::JumpIfTrue {
                    cond: t,
                    offset: JumpOffset(0),
                },
                LogicalOperator::Coalesce => I::JumpIfNotNullish {
                    src: t,
                    offset: JumpOffset(0),
                },
            };
            self.emit_jump(jump, end);
            self.expr_named_to(&a.right, t, a.function_name())?;
            self.pos(a.span);
            self.ref_put(&r, t)?;
            self.bind(end);
        } else {
            let op = a
                .operator
                .binary_operator()
                .ok_or_else(|| CompileError::internal("assignment operator"))?;
            self.binary_op_with(op, t, t, &a.right, a.span)?;
            self.ref_put(&r, t)?;
        }
        if let Some(d) = dst {
            self.mov(d, t);
        }
        self.free(t);
        self.release_ref(r);
        Ok(())
    }

    fn simple_assignment(&mut self, a: &AssignmentExpression<'a>, dst: Option<Reg>) -> CResult<()> {
        match &a.left {
            Pattern::Identifier(id) if self.is_dynamic(id)? => {
                let r = self.identifier_ref(id)?;
                let t = match dst {
                    Some(d) => d,
                    None => self.alloc()?,
                };
                self.expr_named_to(&a.right, t, a.function_name())?;
                self.pos(a.span);
                self.ref_put(&r, t)?;
                if dst.is_none() {
                    self.free(t);
                }
                self.release_ref(r);
                Ok(())
            }
            Pattern::Identifier(id) => {
                let res = self.resolve(id.name, id.span.start)?;
                let direct = match (res.access, dst) {
                    (super::Access::Reg(r), None)
                        if !res.check_tdz
                            && matches!(
                                res.kind,
                                jsvm_bytecode::BindingKind::Var | jsvm_bytecode::BindingKind::Let
                            )
                            && self.late_write(&a.right) =>
                    {
                        Some(r)
                    }
                    _ => None,
                };
                if let Some(r) = direct {
                    return self.expr_named_to(&a.right, r, a.function_name());
                }
                let t = match dst {
                    Some(d) => d,
                    None => self.alloc()?,
                };
                self.expr_named_to(&a.right, t, a.function_name())?;
                self.pos(a.span);
                self.store_resolved(&res, id.name, t)?;
                if let Some(d) = dst {
                    self.mov(d, t);
                }
                if Some(t) != dst {
                    self.free(t);
                }
                Ok(())
            }
            Pattern::Expression(e) => {
                let r = self.eval_ref(e, false, After::Expr(&a.right))?;
                // A local value is stored straight from its register.
                let v = match self.local_operand(&a.right)? {
                    Some(reg) => Val::Local(reg),
                    None => {
                        let t = self.alloc()?;
                        self.expr_to(&a.right, t)?;
                        Val::Temp(t)
                    }
                };
                self.pos(a.span);
                self.ref_put(&r, v.reg())?;
                if let Some(d) = dst {
                    self.mov(d, v.reg());
                }
                self.release(v);
                self.release_ref(r);
                Ok(())
            }
            p => {
                let t = self.alloc()?;
                self.expr_to(&a.right, t)?;
                self.bind_pattern(p, t, BindMode::Assign)?;
                if let Some(d) = dst {
                    self.mov(d, t);
                }
                self.free(t);
                Ok(())
            }
        }
    }

    /// `++x`, `x--`, ...
    pub fn update(&mut self, u: &UpdateExpression<'a>, dst: Option<Reg>) -> CResult<()> {
        if let Some(x) = self.local_register(&u.argument)? {
            self.pos(u.span);
            let step = |dst, src| match u.operator {
                UpdateOperator::Increment => I::Inc { dst, src },
                UpdateOperator::Decrement => I::Dec { dst, src },
            };
            match dst {
                // The old value is ToNumeric(x): `Inc`/`Dec` convert the
                // same way, so with no result wanted one step does it all.
                None => self.emit(step(x, x)),
                Some(d) if u.prefix => {
                    self.emit(step(x, x));
                    self.mov(d, x);
                }
                Some(d) => {
                    self.emit(I::ToNumeric { dst: d, src: x });
                    self.emit(step(x, d));
                }
            }
            return Ok(());
        }
        let r = self.eval_ref(&u.argument, true, After::Nothing)?;
        let old = self.alloc()?;
        self.pos(u.span);
        self.ref_get(&r, old)?;
        let new = self.alloc()?;
        if u.prefix {
            match u.operator {
                UpdateOperator::Increment => self.emit(I::Inc { dst: new, src: old }),
                UpdateOperator::Decrement => self.emit(I::Dec { dst: new, src: old }),
            }
            self.ref_put(&r, new)?;
            if let Some(d) = dst {
                self.mov(d, new);
            }
        } else {
            // `Inc`/`Dec` convert with ToNumeric themselves: the separate
            // conversion is needed only when the old value is the result.
            if dst.is_some() {
                self.emit(I::ToNumeric { dst: old, src: old });
            }
            match u.operator {
                UpdateOperator::Increment => self.emit(I::Inc { dst: new, src: old }),
                UpdateOperator::Decrement => self.emit(I::Dec { dst: new, src: old }),
            }
            self.ref_put(&r, new)?;
            if let Some(d) = dst {
                self.mov(d, old);
            }
        }
        self.free(new);
        self.free(old);
        self.release_ref(r);
        Ok(())
    }

    // ----- patterns ---------------------------------------------------

    /// Writes identifier `id` in `mode`.
    fn bind_identifier(&mut self, id: &Identifier<'_>, value: Reg, mode: BindMode) -> CResult<()> {
        match mode {
            BindMode::Init => self.init_binding(id.name, u32::MAX, value),
            BindMode::Var => {
                let r = self.resolve(id.name, u32::MAX)?;
                self.store_resolved(&r, id.name, value)
            }
            BindMode::Assign => {
                let r = self.resolve(id.name, id.span.start)?;
                self.store_resolved(&r, id.name, value)
            }
        }
    }

    pub fn bind_pattern_at(
        &mut self,
        p: &Pattern<'a>,
        value: Reg,
        mode: BindMode,
        _pos: u32,
    ) -> CResult<()> {
        self.bind_pattern(p, value, mode)
    }

    /// BindingInitialization / DestructuringAssignmentEvaluation of `p`
    /// with the value in `R[value]`.
    pub fn bind_pattern(&mut self, p: &Pattern<'a>, value: Reg, mode: BindMode) -> CResult<()> {
        match p {
            Pattern::Identifier(id) => self.bind_identifier(id, value, mode),
            Pattern::Expression(e) => {
                let r = self.eval_ref(e, false, After::Nothing)?;
                self.ref_put(&r, value)?;
                self.release_ref(r);
                Ok(())
            }
            Pattern::Object(o) => self.object_pattern(o, value, mode),
            Pattern::Array(a) => self.array_pattern(a, value, mode),
        }
    }

    /// Evaluates the target reference of a destructuring element first
    /// (assignment patterns with member targets).
    fn pre_target(&mut self, target: &Pattern<'a>, mode: BindMode) -> CResult<Option<Ref<'a>>> {
        match target {
            Pattern::Expression(e) => Ok(Some(self.eval_ref(e, false, After::Unknown)?)),
            Pattern::Identifier(id) if mode != BindMode::Init && self.is_dynamic(id)? => {
                Ok(Some(self.identifier_ref(id)?))
            }
            _ => Ok(None),
        }
    }

    /// Whether identifier `id` is resolved by name at run time.
    pub fn is_dynamic(&self, id: &Identifier<'_>) -> CResult<bool> {
        Ok(matches!(
            self.resolve(id.name, id.span.start)?.access,
            super::Access::Dynamic
        ))
    }

    fn finish_target(
        &mut self,
        target: &Pattern<'a>,
        pre: Option<Ref<'a>>,
        value: Reg,
        mode: BindMode,
    ) -> CResult<()> {
        match pre {
            Some(r) => {
                self.ref_put(&r, value)?;
                self.release_ref(r);
                Ok(())
            }
            None => self.bind_pattern(target, value, mode),
        }
    }

    /// Applies a default: if `R[v]` is undefined it becomes `default`.
    fn apply_default(
        &mut self,
        default: Option<&Expression<'a>>,
        target: &Pattern<'a>,
        v: Reg,
    ) -> CResult<()> {
        if let Some(d) = default {
            let skip = self.label();
            self.emit_jump(
                I::JumpIfNotUndefined {
                    src: v,
                    offset: JumpOffset(0),
                },
                skip,
            );
            let name = match target {
                Pattern::Identifier(id) => Some(id.name),
                _ => None,
            };
            self.expr_named_to(d, v, name)?;
            self.bind(skip);
        }
        Ok(())
    }

    fn object_pattern(&mut self, o: &ObjectPattern<'a>, value: Reg, mode: BindMode) -> CResult<()> {
        self.pos(o.span);
        self.emit(I::CheckObjectCoercible { src: value });
        let n = o.properties.len();
        let keys = if o.rest.is_some() {
            Some(self.alloc_n(n)?)
        } else {
            None
        };
        for (i, prop) in o.properties.iter().enumerate() {
            let key = match keys {
                Some(k) => Reg(k.0 + i as u16),
                None => self.alloc()?,
            };
            let static_name = match &prop.key {
                PropertyKey::Computed(e) => {
                    self.expr_to(e, key)?;
                    self.emit(I::ToPropertyKey { dst: key, src: key });
                    None
                }
                k => {
                    let name = self.static_key_name(k)?;
                    if keys.is_some() {
                        let c = self.string_const(&name)?;
                        self.emit(I::LoadConst { dst: key, index: c });
                    }
                    Some(name)
                }
            };
            let pre = self.pre_target(&prop.value.target, mode)?;
            let v = self.alloc()?;
            self.pos(prop.span);
            match static_name
                .as_ref()
                .and_then(|n| String::from_utf16(n).ok())
            {
                Some(name) => {
                    let k = self.name_const(&name)?;
                    let ic = self.ic();
                    self.emit(I::GetProp {
                        dst: v,
                        obj: value,
                        name: k,
                        ic,
                    });
                }
                None => {
                    if let Some(n) = &static_name {
                        let c = self.string_const(n)?;
                        self.emit(I::LoadConst { dst: key, index: c });
                    }
                    self.emit(I::GetElem {
                        dst: v,
                        obj: value,
                        key,
                    });
                }
            }
            self.apply_default(prop.value.default.as_ref(), &prop.value.target, v)?;
            self.finish_target(&prop.value.target, pre, v, mode)?;
            self.free(v);
            if keys.is_none() {
                self.free(key);
            }
        }
        if let Some(rest) = &o.rest {
            let pre = self.pre_target(rest, mode)?;
            let r = self.alloc()?;
            self.emit(I::NewObject { dst: r });
            let first = match keys {
                Some(k) if n > 0 => k,
                _ => value,
            };
            self.emit(I::CopyDataProperties {
                dst: r,
                src: value,
                excluded: first,
                count: Count(n as u16),
            });
            self.finish_target(rest, pre, r, mode)?;
            self.free(r);
        }
        if let Some(k) = keys {
            self.free_n(k, n);
        }
        Ok(())
    }

    fn array_pattern(&mut self, a: &ArrayPattern<'a>, value: Reg, mode: BindMode) -> CResult<()> {
        let iter = self.alloc()?;
        let next = self.alloc()?;
        let done = self.alloc()?;
        let exc = self.alloc()?;
        self.pos(a.span);
        self.emit(I::GetIterator {
            iter,
            next,
            obj: value,
        });
        self.emit(I::LoadFalse { dst: done });
        let handler = self.label();
        let region = self.open_region(handler, exc);
        self.push_control(ControlKind::PatternClose { iter, done }, Some(region));
        let v = self.alloc()?;
        for el in a.elements {
            match el {
                None => {
                    let skip = self.label();
                    self.emit_jump(
                        I::JumpIfTrue {
                            cond: done,
                            offset: JumpOffset(0),
                        },
                        skip,
                    );
                    self.emit(I::IteratorStep {
                        value: v,
                        done,
                        iter,
                        next,
                    });
                    self.bind(skip);
                }
                Some(be) => {
                    let pre = self.pre_target(&be.target, mode)?;
                    self.load_undefined(v);
                    let skip = self.label();
                    self.emit_jump(
                        I::JumpIfTrue {
                            cond: done,
                            offset: JumpOffset(0),
                        },
                        skip,
                    );
                    self.pos(be.span);
                    self.emit(I::IteratorStep {
                        value: v,
                        done,
                        iter,
                        next,
                    });
                    self.bind(skip);
                    self.apply_default(be.default.as_ref(), &be.target, v)?;
                    self.finish_target(&be.target, pre, v, mode)?;
                }
            }
        }
        if let Some(rest) = &a.rest {
            let pre = self.pre_target(rest, mode)?;
            let arr = self.alloc()?;
            self.emit(I::NewArray {
                dst: arr,
                capacity: Count(0),
            });
            let (top, end) = (self.label(), self.label());
            self.bind(top);
            self.emit_jump(
                I::JumpIfTrue {
                    cond: done,
                    offset: JumpOffset(0),
                },
                end,
            );
            self.emit(I::IteratorStep {
                value: v,
                done,
                iter,
                next,
            });
            self.emit_jump(
                I::JumpIfTrue {
                    cond: done,
                    offset: JumpOffset(0),
                },
                end,
            );
            self.emit(I::ArrayPush { arr, src: v });
            self.jump(top);
            self.bind(end);
            self.finish_target(rest, pre, arr, mode)?;
            self.free(arr);
        }
        self.free(v);
        self.pop_control();
        self.close_region(region);
        let end = self.label();
        self.emit_jump(
            I::JumpIfTrue {
                cond: done,
                offset: JumpOffset(0),
            },
            end,
        );
        self.emit(I::IteratorClose { iter });
        self.jump(end);
        self.bind(handler);
        let rethrow = self.label();
        self.emit_jump(
            I::JumpIfTrue {
                cond: done,
                offset: JumpOffset(0),
            },
            rethrow,
        );
        self.emit(I::IteratorCloseForThrow { iter });
        self.bind(rethrow);
        self.emit(I::Throw { src: exc });
        self.bind(end);
        self.free(exc);
        self.free(done);
        self.free(next);
        self.free(iter);
        Ok(())
    }

    /// Loads the Private Name value of `#name` into `dst`.
    pub fn load_private_name(&mut self, p: &PrivateName<'_>, dst: Reg) -> CResult<()> {
        let name = format!("#{}", p.name);
        let r = self.resolve(&name, u32::MAX)?;
        if r.binding.is_none() {
            return self.throw_const(
                ErrorKind::SYNTAX_ERROR,
                &format!("Private field '{name}' must be declared in an enclosing class"),
            );
        }
        self.load_raw(&r, dst);
        Ok(())
    }
}
