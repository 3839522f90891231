//! Expressions: identifiers, literals, operators, member access, calls
//! (including direct eval, super calls, tagged templates and optional
//! chains) and function/class expressions.
//!
//! Invariant: `expr_to(e, dst)` may use `dst` as scratch before the final
//! write; callers that target a binding's own register only do so for
//! expressions where `late_write` holds, so a binding is never clobbered
//! before the expression has read it.

use std::rc::Rc;

use jsvm_bytecode::{
    Constant, Count, ErrorKind, EvalFunctionContext, EvalScope, EvalSite, FunctionKind, Imm,
    Instruction as I, JumpOffset, Label, Reg,
};
use jsvm_syntax::ast::*;

use super::literal::bigint_text;
use super::writes::{args_write, expr_writes, exprs_write};
use super::{Access, CResult, FnCompiler, Val};
use crate::scope::SKind;
use crate::CompileError;

/// Arguments laid out for a call: consecutive registers or a spread array.
enum Args {
    List(Reg, u16),
    Spread(Reg),
}

impl<'a> FnCompiler<'_, '_> {
    /// Expressions whose evaluation cannot write any binding register.
    pub fn is_simple(&self, e: &Expression<'_>) -> bool {
        matches!(
            e,
            Expression::Identifier(_)
                | Expression::This(_)
                | Expression::Null(_)
                | Expression::Boolean(_)
                | Expression::Number(_)
                | Expression::BigInt(_)
                | Expression::String(_)
                | Expression::RegExp(_)
                | Expression::Function(_)
                | Expression::Arrow(_)
                | Expression::NewTarget(_)
        ) || matches!(e, Expression::Template(t) if t.expressions.is_empty())
    }

    /// Expressions that write their destination only at the very end (on
    /// every path, exactly once, after everything else was evaluated).
    pub fn late_write(&self, e: &Expression<'_>) -> bool {
        match e {
            Expression::Conditional(c) => {
                self.late_write(&c.consequent) && self.late_write(&c.alternate)
            }
            Expression::Sequence(s) => s.expressions.last().is_some_and(|x| self.late_write(x)),
            _ => {
                self.is_simple(e)
                    || matches!(
                        e,
                        Expression::Binary(_)
                            | Expression::Unary(_)
                            | Expression::Call(_)
                            | Expression::New(_)
                            | Expression::Member(_)
                            | Expression::SuperMember(_)
                            | Expression::PrivateIn(_)
                            | Expression::TaggedTemplate(_)
                    )
            }
        }
    }

    /// Whether evaluating `later` may change the binding that `read` names
    /// when `read` was evaluated in place (`Val::Local`): true unless
    /// `read` is an identifier or `this` that `later` cannot assign.
    pub fn may_clobber(&self, read: &Expression<'_>, later: &Expression<'_>) -> bool {
        match read_name(read) {
            Some(n) => expr_writes(later, n),
            None => true,
        }
    }

    /// Evaluates `e` for its effects only.
    pub fn expr_effect(&mut self, e: &Expression<'a>) -> CResult<()> {
        match e {
            Expression::Assignment(a) => self.assignment(a, None),
            Expression::Update(u) => self.update(u, None),
            Expression::Sequence(s) => {
                for x in s.expressions {
                    self.expr_effect(x)?;
                }
                Ok(())
            }
            _ => {
                let t = self.alloc()?;
                self.expr_to(e, t)?;
                self.free(t);
                Ok(())
            }
        }
    }

    /// The binding register of `e` when it is a plain read of an
    /// uncaptured binding (after its TDZ check, if one is needed); nothing
    /// is emitted otherwise.
    pub fn local_operand(&mut self, e: &Expression<'_>) -> CResult<Option<Reg>> {
        match e {
            Expression::This(_) | Expression::Identifier(_) => match self.expr_val_local(e)? {
                Some(Val::Local(r)) => Ok(Some(r)),
                _ => Ok(None),
            },
            _ => Ok(None),
        }
    }

    /// Evaluates `e` into some register: a binding's own register for a
    /// plain read of an uncaptured binding, else a fresh temporary.
    pub fn expr_val(&mut self, e: &Expression<'a>) -> CResult<Val> {
        if let Some(v) = self.expr_val_local(e)? {
            return Ok(v);
        }
        let t = self.alloc()?;
        self.expr_to(e, t)?;
        Ok(Val::Temp(t))
    }

    /// The `Val::Local` of `expr_val` (None where that needs a temporary).
    fn expr_val_local(&mut self, e: &Expression<'_>) -> CResult<Option<Val>> {
        if let Expression::This(_) = e {
            let r = self.resolve("this", u32::MAX)?;
            if let (Access::Reg(reg), Some(b)) = (r.access, r.binding) {
                if !self.tree().bindings[b].tdz {
                    return Ok(Some(Val::Local(reg)));
                }
            }
        }
        if let Expression::Identifier(id) = e {
            let r = self.resolve(id.name, id.span.start)?;
            if let Access::Reg(reg) = r.access {
                if r.check_tdz {
                    self.pos(id.span);
                    let n = self.name_const(id.name)?;
                    self.emit(I::CheckInit { src: reg, name: n });
                }
                return Ok(Some(Val::Local(reg)));
            }
        }
        Ok(None)
    }

    /// NamedEvaluation: anonymous functions and classes get `name`.
    pub fn expr_named_to(
        &mut self,
        e: &Expression<'a>,
        dst: Reg,
        name: Option<&str>,
    ) -> CResult<()> {
        match (e, name) {
            (Expression::Function(f), Some(n)) if f.id.is_none() => self.closure_to(f, n, dst),
            (Expression::Arrow(f), Some(n)) => self.closure_to(f, n, dst),
            (Expression::Class(c), Some(n)) if c.id.is_none() => self.class_to(c, dst, Some(n)),
            _ => self.expr_to(e, dst),
        }
    }

    fn closure_to(&mut self, f: &Function<'a>, name: &str, dst: Reg) -> CResult<()> {
        let k = self.function_const(f, name)?;
        self.emit(I::Closure { dst, func: k });
        Ok(())
    }

    pub fn load_number(&mut self, n: f64, dst: Reg) -> CResult<()> {
        if let Some(i) = int32_value(n) {
            self.load_int(dst, i);
        } else {
            let c = self.number_const(n)?;
            self.emit(I::LoadConst { dst, index: c });
        }
        Ok(())
    }

    pub fn expr_to(&mut self, e: &Expression<'a>, dst: Reg) -> CResult<()> {
        match e {
            Expression::Identifier(id) => {
                let r = self.resolve(id.name, id.span.start)?;
                self.pos(id.span);
                self.load_resolved(&r, id.name, dst)
            }
            Expression::This(s) => {
                self.pos(*s);
                self.load_hidden("this", dst)
            }
            Expression::Null(_) => {
                self.emit(I::LoadNull { dst });
                Ok(())
            }
            Expression::Boolean(b) => {
                self.emit(if b.value {
                    I::LoadTrue { dst }
                } else {
                    I::LoadFalse { dst }
                });
                Ok(())
            }
            Expression::Number(n) => self.load_number(n.value, dst),
            Expression::BigInt(b) => {
                let c = self.bigint_const(bigint_text(b))?;
                self.emit(I::LoadConst { dst, index: c });
                Ok(())
            }
            Expression::String(s) => {
                let c = self.string_const(s.value)?;
                self.emit(I::LoadConst { dst, index: c });
                Ok(())
            }
            Expression::RegExp(r) => {
                let c = self.other_const(Constant::RegExp {
                    pattern: r.pattern.into(),
                    flags: r.flags.into(),
                })?;
                self.pos(r.span);
                self.emit(I::NewRegExp { dst, regexp: c });
                Ok(())
            }
            Expression::Template(t) => self.template_literal(t, dst),
            Expression::TaggedTemplate(t) => self.tagged_template(t, dst),
            Expression::Array(a) => self.array_literal(a, dst),
            Expression::Object(o) => self.object_literal(o, dst),
            Expression::Function(f) => {
                let name = f.id.map(|i| i.name).unwrap_or("");
                self.closure_to(f, name, dst)
            }
            Expression::Arrow(f) => self.closure_to(f, "", dst),
            Expression::Class(c) => self.class_to(c, dst, None),
            Expression::Unary(u) => self.unary(u, dst),
            Expression::Update(u) => self.update(u, Some(dst)),
            Expression::Binary(b) => {
                if let Some((operand, value)) = immediate_operand(b) {
                    let l = self.expr_val(operand)?;
                    self.pos(b.span);
                    let (lhs, value) = (l.reg(), Imm(value));
                    self.emit(immediate_instruction(b.operator, dst, lhs, value));
                    self.release(l);
                    return Ok(());
                }
                let (l, r) = self.binary_operands(b)?;
                self.pos(b.span);
                self.binary_op(b.operator, dst, l.reg(), r.reg())?;
                self.release(r);
                self.release(l);
                Ok(())
            }
            Expression::Logical(l) => {
                self.expr_to(&l.left, dst)?;
                let end = self.label();
                let jump = match l.operator {
                    LogicalOperator::And => I::JumpIfFalse {
                        cond: dst,
                        offset: JumpOffset(0),
                    },
                    LogicalOperator::Or => I::JumpIfTrue {
                        cond: dst,
                        offset: JumpOffset(0),
                    },
                    LogicalOperator::Coalesce => I::JumpIfNotNullish {
                        src: dst,
                        offset: JumpOffset(0),
                    },
                };
                self.emit_jump(jump, end);
                self.expr_to(&l.right, dst)?;
                self.bind(end);
                Ok(())
            }
            Expression::Conditional(c) => {
                let (else_l, end) = (self.label(), self.label());
                self.jump_unless(&c.test, else_l)?;
                self.expr_to(&c.consequent, dst)?;
                self.jump(end);
                self.bind(else_l);
                self.expr_to(&c.alternate, dst)?;
                self.bind(end);
                Ok(())
            }
            Expression::Assignment(a) => self.assignment(a, Some(dst)),
            Expression::Sequence(s) => {
                let n = s.expressions.len();
                for (i, x) in s.expressions.iter().enumerate() {
                    if i + 1 == n {
                        self.expr_to(x, dst)?;
                    } else {
                        self.expr_effect(x)?;
                    }
                }
                Ok(())
            }
            Expression::Member(m) => self.member_to(m, dst, None),
            Expression::SuperMember(m) => {
                let r = self.eval_ref(e, false, super::assign::After::Unknown)?;
                self.pos(m.span);
                self.ref_get(&r, dst)?;
                self.release_ref(r);
                Ok(())
            }
            Expression::Call(c) => self.call_to(c, dst, None),
            Expression::SuperCall(c) => self.super_call(c, dst),
            Expression::New(n) => {
                let callee = match read_name(&n.callee) {
                    Some(name) if !args_write(n.arguments, name) => self.expr_val(&n.callee)?,
                    _ => {
                        let t = self.alloc()?;
                        self.expr_to(&n.callee, t)?;
                        Val::Temp(t)
                    }
                };
                let callee_val = callee;
                let callee = callee.reg();
                let args = self.arguments(n.arguments)?;
                self.pos(n.span);
                match args {
                    Args::List(start, argc) => {
                        let args = if argc == 0 { callee } else { start };
                        self.emit(I::New {
                            dst,
                            ctor: callee,
                            args,
                            argc: Count(argc),
                        });
                        self.free_n(start, argc as usize);
                    }
                    Args::Spread(arr) => {
                        self.emit(I::NewSpread {
                            dst,
                            ctor: callee,
                            args: arr,
                        });
                        self.free(arr);
                    }
                }
                self.release(callee_val);
                Ok(())
            }
            Expression::Chain(c) => {
                let (nullish, end) = (self.label(), self.label());
                match &c.expression {
                    Expression::Member(m) => self.member_to(m, dst, Some(nullish))?,
                    Expression::Call(call) => self.call_to(call, dst, Some(nullish))?,
                    other => self.expr_to(other, dst)?,
                }
                self.jump(end);
                self.bind(nullish);
                self.load_undefined(dst);
                self.bind(end);
                Ok(())
            }
            Expression::NewTarget(s) => {
                self.pos(*s);
                self.load_hidden("new.target", dst)
            }
            Expression::PrivateIn(p) => {
                let name = self.alloc()?;
                self.load_private_name(p.name, name)?;
                let obj = self.expr_val(&p.right)?;
                self.pos(p.span);
                self.emit(I::PrivateIn {
                    dst,
                    name,
                    obj: obj.reg(),
                });
                self.release(obj);
                self.free(name);
                Ok(())
            }
            Expression::Yield(y) => self.yield_expr(y, dst),
            Expression::Await(a) => self.await_expr(a, dst),
            Expression::ImportMeta(s) => {
                self.pos(*s);
                self.emit(I::ImportMeta { dst });
                Ok(())
            }
            Expression::ImportCall(i) => self.import_call(i, dst),
        }
    }

    /// The operands of a binary expression, left first; a left operand in a
    /// binding's register is copied when the right one could write it.
    pub(super) fn binary_operands(&mut self, b: &BinaryExpression<'a>) -> CResult<(Val, Val)> {
        let l = self.expr_val(&b.left)?;
        let l = match l {
            Val::Local(r) if self.may_clobber(&b.left, &b.right) => {
                let t = self.alloc()?;
                self.mov(t, r);
                Val::Temp(t)
            }
            v => v,
        };
        let r = self.expr_val(&b.right)?;
        Ok((l, r))
    }

    /// `R[dst] := R[lhs] op right` (compound assignment), with an `*Imm`
    /// instruction when `right` is an int32 literal.
    pub fn binary_op_with(
        &mut self,
        op: BinaryOperator,
        dst: Reg,
        lhs: Reg,
        right: &Expression<'a>,
        span: Span,
    ) -> CResult<()> {
        if let (true, Some(k)) = (has_immediate_form(op), int_literal(right)) {
            self.pos(span);
            self.emit(immediate_instruction(op, dst, lhs, Imm(k)));
            return Ok(());
        }
        let rhs = self.expr_val(right)?;
        self.pos(span);
        self.binary_op(op, dst, lhs, rhs.reg())?;
        self.release(rhs);
        Ok(())
    }

    pub fn binary_op(&mut self, op: BinaryOperator, dst: Reg, lhs: Reg, rhs: Reg) -> CResult<()> {
        use BinaryOperator as B;
        let i = match op {
            B::Eq => I::Eq { dst, lhs, rhs },
            B::NotEq => I::Ne { dst, lhs, rhs },
            B::StrictEq => I::StrictEq { dst, lhs, rhs },
            B::StrictNotEq => I::StrictNe { dst, lhs, rhs },
            B::Lt => I::Lt { dst, lhs, rhs },
            B::LtEq => I::Le { dst, lhs, rhs },
            B::Gt => I::Gt { dst, lhs, rhs },
            B::GtEq => I::Ge { dst, lhs, rhs },
            B::Shl => I::Shl { dst, lhs, rhs },
            B::Shr => I::Shr { dst, lhs, rhs },
            B::UShr => I::UShr { dst, lhs, rhs },
            B::Add => I::Add { dst, lhs, rhs },
            B::Sub => I::Sub { dst, lhs, rhs },
            B::Mul => I::Mul { dst, lhs, rhs },
            B::Div => I::Div { dst, lhs, rhs },
            B::Rem => I::Mod { dst, lhs, rhs },
            B::Exp => I::Exp { dst, lhs, rhs },
            B::BitOr => I::BitOr { dst, lhs, rhs },
            B::BitXor => I::BitXor { dst, lhs, rhs },
            B::BitAnd => I::BitAnd { dst, lhs, rhs },
            B::In => I::In {
                dst,
                key: lhs,
                obj: rhs,
            },
            B::Instanceof => I::InstanceOf {
                dst,
                obj: lhs,
                ctor: rhs,
            },
        };
        self.emit(i);
        Ok(())
    }

    fn unary(&mut self, u: &UnaryExpression<'a>, dst: Reg) -> CResult<()> {
        match u.operator {
            UnaryOperator::Minus => {
                if let Expression::Number(n) = &u.argument {
                    return self.load_number(-n.value, dst);
                }
                let v = self.expr_val(&u.argument)?;
                self.pos(u.span);
                self.emit(I::Neg { dst, src: v.reg() });
                self.release(v);
            }
            UnaryOperator::Plus => {
                let v = self.expr_val(&u.argument)?;
                self.pos(u.span);
                self.emit(I::ToNumber { dst, src: v.reg() });
                self.release(v);
            }
            UnaryOperator::Not => {
                let v = self.expr_val(&u.argument)?;
                self.emit(I::Not { dst, src: v.reg() });
                self.release(v);
            }
            UnaryOperator::BitNot => {
                let v = self.expr_val(&u.argument)?;
                self.pos(u.span);
                self.emit(I::BitNot { dst, src: v.reg() });
                self.release(v);
            }
            UnaryOperator::Void => {
                self.expr_effect(&u.argument)?;
                self.load_undefined(dst);
            }
            UnaryOperator::Typeof => {
                if let Expression::Identifier(id) = &u.argument {
                    let r = self.resolve(id.name, id.span.start)?;
                    self.pos(u.span);
                    match r.access {
                        Access::Global => {
                            let n = self.name_const(id.name)?;
                            let ic = self.ic();
                            self.emit(I::TypeofGlobal { dst, name: n, ic });
                        }
                        Access::Dynamic => {
                            let n = self.name_const(id.name)?;
                            self.emit(I::TypeofName { dst, name: n });
                        }
                        _ => {
                            self.load_resolved(&r, id.name, dst)?;
                            self.emit(I::Typeof { dst, src: dst });
                        }
                    }
                    return Ok(());
                }
                let v = self.expr_val(&u.argument)?;
                self.emit(I::Typeof { dst, src: v.reg() });
                self.release(v);
            }
            UnaryOperator::Delete => self.delete(&u.argument, dst, u.span)?,
        }
        Ok(())
    }

    fn delete(&mut self, arg: &Expression<'a>, dst: Reg, span: Span) -> CResult<()> {
        self.pos(span);
        match arg {
            Expression::Identifier(id) => {
                let r = self.resolve(id.name, id.span.start)?;
                match r.access {
                    Access::Global | Access::Dynamic => {
                        let n = self.name_const(id.name)?;
                        self.emit(I::DeleteName { dst, name: n });
                    }
                    _ => self.emit(I::LoadFalse { dst }),
                }
            }
            Expression::Member(m) => self.delete_member(m, dst, None)?,
            Expression::Chain(c) => {
                let (nullish, end) = (self.label(), self.label());
                match &c.expression {
                    Expression::Member(m) => self.delete_member(m, dst, Some(nullish))?,
                    other => {
                        self.expr_effect(other)?;
                        self.emit(I::LoadTrue { dst });
                    }
                }
                self.jump(end);
                self.bind(nullish);
                self.emit(I::LoadTrue { dst });
                self.bind(end);
            }
            Expression::SuperMember(_) => {
                // Evaluate the super reference (this check, key), then fail.
                let r = self.eval_ref(arg, false, super::assign::After::Unknown)?;
                self.release_ref(r);
                self.throw_const(
                    ErrorKind::REFERENCE_ERROR,
                    "Unsupported reference to 'super'",
                )?;
                self.emit(I::LoadTrue { dst });
            }
            other => {
                self.expr_effect(other)?;
                self.emit(I::LoadTrue { dst });
            }
        }
        Ok(())
    }

    fn delete_member(
        &mut self,
        m: &MemberExpression<'a>,
        dst: Reg,
        chain: Option<Label>,
    ) -> CResult<()> {
        let obj = self.chain_object(&m.object, chain)?;
        if m.optional {
            if let Some(l) = chain {
                self.emit_jump(
                    I::JumpIfNullish {
                        src: obj.reg(),
                        offset: JumpOffset(0),
                    },
                    l,
                );
            }
        }
        self.pos(m.span);
        match &m.property {
            MemberProperty::Static(id) => {
                let n = self.name_const(id.name)?;
                self.emit(I::DeleteProp {
                    dst,
                    obj: obj.reg(),
                    name: n,
                });
            }
            MemberProperty::Computed(k) => {
                let key = self.expr_val(k)?;
                self.pos(m.span);
                self.emit(I::DeleteElem {
                    dst,
                    obj: obj.reg(),
                    key: key.reg(),
                });
                self.release(key);
            }
            MemberProperty::Private(p) => {
                return Err(CompileError::new(
                    "Private fields can not be deleted",
                    p.span,
                ))
            }
        }
        self.release(obj);
        Ok(())
    }

    /// Evaluates the object of a member access that may be part of an
    /// optional chain (`chain` is the chain's short-circuit label).
    fn chain_object(&mut self, e: &Expression<'a>, chain: Option<Label>) -> CResult<Val> {
        match (e, chain) {
            (Expression::Member(m), Some(_)) => {
                let t = self.alloc()?;
                self.member_to(m, t, chain)?;
                Ok(Val::Temp(t))
            }
            (Expression::Call(c), Some(_)) => {
                let t = self.alloc()?;
                self.call_to(c, t, chain)?;
                Ok(Val::Temp(t))
            }
            _ => self.expr_val(e),
        }
    }

    pub fn member_to(
        &mut self,
        m: &MemberExpression<'a>,
        dst: Reg,
        chain: Option<Label>,
    ) -> CResult<()> {
        let obj = self.chain_object(&m.object, chain)?;
        if m.optional {
            if let Some(l) = chain {
                self.emit_jump(
                    I::JumpIfNullish {
                        src: obj.reg(),
                        offset: JumpOffset(0),
                    },
                    l,
                );
            }
        }
        self.member_get(m, obj, dst)?;
        self.release(obj);
        Ok(())
    }

    /// Reads property `m.property` of the object in `obj` into `dst`.
    fn member_get(&mut self, m: &MemberExpression<'a>, obj: Val, dst: Reg) -> CResult<()> {
        match &m.property {
            MemberProperty::Static(id) => {
                let n = self.name_const(id.name)?;
                let ic = self.ic();
                self.pos(m.span);
                self.emit(I::GetProp {
                    dst,
                    obj: obj.reg(),
                    name: n,
                    ic,
                });
            }
            MemberProperty::Computed(k) => {
                let (obj, copied) = match obj {
                    Val::Local(r) if self.may_clobber(&m.object, k) => {
                        let t = self.alloc()?;
                        self.mov(t, r);
                        (t, true)
                    }
                    v => (v.reg(), false),
                };
                let key = self.expr_val(k)?;
                self.pos(m.span);
                self.emit(I::GetElem {
                    dst,
                    obj,
                    key: key.reg(),
                });
                self.release(key);
                if copied {
                    self.free(obj);
                }
            }
            MemberProperty::Private(p) => {
                let name = self.alloc()?;
                self.load_private_name(p, name)?;
                self.pos(m.span);
                self.emit(I::GetPrivate {
                    dst,
                    obj: obj.reg(),
                    name,
                });
                self.free(name);
            }
        }
        Ok(())
    }

    /// Evaluates call arguments.
    fn arguments(&mut self, args: &[Argument<'a>]) -> CResult<Args> {
        if args.iter().any(|a| matches!(a, Argument::Spread(_))) {
            let arr = self.alloc()?;
            self.emit(I::NewArray {
                dst: arr,
                capacity: Count(args.len().min(u16::MAX as usize) as u16),
            });
            for a in args {
                match a {
                    Argument::Expression(e) => {
                        let v = self.expr_val(e)?;
                        self.emit(I::ArrayPush { arr, src: v.reg() });
                        self.release(v);
                    }
                    Argument::Spread(s) => {
                        let v = self.expr_val(&s.argument)?;
                        self.pos(s.span);
                        self.emit(I::ArrayAppendSpread {
                            arr,
                            iterable: v.reg(),
                        });
                        self.release(v);
                    }
                }
            }
            return Ok(Args::Spread(arr));
        }
        let n = u16::try_from(args.len())
            .map_err(|_| CompileError::new("too many arguments", Span::default()))?;
        let start = self.alloc_n(n as usize)?;
        for (i, a) in args.iter().enumerate() {
            if let Argument::Expression(e) = a {
                self.expr_to(e, Reg(start.0 + i as u16))?;
            }
        }
        Ok(Args::List(start, n))
    }

    fn emit_call(&mut self, dst: Reg, callee: Reg, this: Reg, args: Args) {
        match args {
            Args::List(start, argc) => {
                let start = if argc == 0 { callee } else { start };
                self.emit(I::Call {
                    dst,
                    callee,
                    this,
                    args: start,
                    argc: Count(argc),
                });
                if argc > 0 {
                    self.free_n(start, argc as usize);
                }
            }
            Args::Spread(arr) => {
                self.emit(I::CallSpread {
                    dst,
                    callee,
                    this,
                    args: arr,
                });
                self.free(arr);
            }
        }
    }

    /// Evaluates a callee and its this value. A register local serves as
    /// either in place (no copy) when `later` — whether the code evaluated
    /// after the callee (the arguments) may assign a name — says it stays
    /// unchanged until the call.
    fn callee_and_this(
        &mut self,
        e: &Expression<'a>,
        chain: Option<Label>,
        later: &dyn Fn(&str) -> bool,
    ) -> CResult<(Val, Val)> {
        match e {
            Expression::Member(m) => {
                let this = self.chain_object(&m.object, chain)?;
                // The this value is the object as evaluated before the key.
                let key_writes = |n: &str| match &m.property {
                    MemberProperty::Computed(k) => expr_writes(k, n),
                    _ => false,
                };
                let this = match (this, read_name(&m.object)) {
                    (Val::Local(r), Some(n)) if !later(n) && !key_writes(n) => Val::Local(r),
                    (Val::Local(r), _) => {
                        let t = self.alloc()?;
                        self.mov(t, r);
                        Val::Temp(t)
                    }
                    (v, _) => v,
                };
                if m.optional {
                    if let Some(l) = chain {
                        self.emit_jump(
                            I::JumpIfNullish {
                                src: this.reg(),
                                offset: JumpOffset(0),
                            },
                            l,
                        );
                    }
                }
                let callee = self.alloc()?;
                self.member_get(m, this, callee)?;
                Ok((Val::Temp(callee), this))
            }
            Expression::SuperMember(m) => {
                let this = self.alloc()?;
                let callee = self.alloc()?;
                let r = self.eval_ref(e, false, super::assign::After::Unknown)?;
                if let super::assign::Ref::Super { this: t, .. } = &r {
                    self.mov(this, t.reg());
                }
                self.pos(m.span);
                self.ref_get(&r, callee)?;
                self.release_ref(r);
                Ok((Val::Temp(callee), Val::Temp(this)))
            }
            Expression::Identifier(id) => {
                let r = self.resolve(id.name, id.span.start)?;
                self.pos(id.span);
                if let Access::Dynamic = r.access {
                    let (callee, this) = (self.alloc()?, self.alloc()?);
                    let n = self.name_const(id.name)?;
                    self.emit(I::GetNameWithThis {
                        dst: callee,
                        this_dst: this,
                        name: n,
                    });
                    return Ok((Val::Temp(callee), Val::Temp(this)));
                }
                let callee = match r.access {
                    Access::Reg(_) if !later(id.name) => self.expr_val(e)?,
                    _ => {
                        let t = self.alloc()?;
                        self.load_resolved(&r, id.name, t)?;
                        Val::Temp(t)
                    }
                };
                let this = self.alloc()?;
                self.load_undefined(this);
                Ok((callee, Val::Temp(this)))
            }
            Expression::Chain(c) if matches!(c.expression, Expression::Member(_)) => {
                // `(a?.b)()` keeps the reference's this value; both are
                // temporaries (the short-circuit path writes them).
                let (nullish, end) = (self.label(), self.label());
                let (callee, this) =
                    self.callee_and_this(&c.expression, Some(nullish), &|_| true)?;
                self.jump(end);
                self.bind(nullish);
                self.load_undefined(callee.reg());
                self.load_undefined(this.reg());
                self.bind(end);
                Ok((callee, this))
            }
            other => {
                let callee = self.alloc()?;
                self.expr_to(other, callee)?;
                let this = self.alloc()?;
                self.load_undefined(this);
                Ok((Val::Temp(callee), Val::Temp(this)))
            }
        }
    }

    pub fn call_to(
        &mut self,
        c: &CallExpression<'a>,
        dst: Reg,
        chain: Option<Label>,
    ) -> CResult<()> {
        if c.is_direct_eval {
            return self.direct_eval(c, dst);
        }
        let later = |n: &str| args_write(c.arguments, n);
        let (callee, this) = self.callee_and_this(&c.callee, chain, &later)?;
        if c.optional {
            if let Some(l) = chain {
                self.emit_jump(
                    I::JumpIfNullish {
                        src: callee.reg(),
                        offset: JumpOffset(0),
                    },
                    l,
                );
            }
        }
        let args = self.arguments(c.arguments)?;
        self.pos(c.span);
        self.emit_call(dst, callee.reg(), this.reg(), args);
        self.release(this);
        self.release(callee);
        Ok(())
    }
    fn direct_eval(&mut self, c: &CallExpression<'a>, dst: Reg) -> CResult<()> {
        // Today's layout: callee and this in fresh temporaries.
        let (callee, this) = self.callee_and_this(&c.callee, None, &|_| true)?;
        let (callee, this) = (callee.reg(), this.reg());
        let args = self.arguments(c.arguments)?;
        let site = self.eval_site()?;
        let k = self.other_const(Constant::EvalSite(Rc::new(site)))?;
        self.pos(c.span);
        match args {
            Args::List(start, argc) => {
                let args = if argc == 0 { callee } else { start };
                self.emit(I::CallEval {
                    dst,
                    callee,
                    this,
                    args,
                    argc: Count(argc),
                    site: k,
                });
                if argc > 0 {
                    self.free_n(start, argc as usize);
                }
            }
            Args::Spread(arr) => {
                self.emit(I::CallEvalSpread {
                    dst,
                    callee,
                    this,
                    args: arr,
                    site: k,
                });
                self.free(arr);
            }
        }
        self.free(this);
        self.free(callee);
        Ok(())
    }

    /// The static context of a direct eval at the current point.
    fn eval_site(&self) -> CResult<EvalSite> {
        let tree = self.tree();
        let mut scopes = Vec::new();
        let mut s = Some(self.scope);
        let mut function = None;
        let mut field_init = false;
        while let Some(id) = s {
            let sc = &tree.scopes[id];
            match sc.kind {
                SKind::With | SKind::ExternalWith => scopes.push(EvalScope::With),
                SKind::Script => {}
                _ => {
                    if sc.materialized {
                        let d = sc.descriptor.clone().ok_or_else(|| {
                            CompileError::internal("materialized scope without descriptor")
                        })?;
                        scopes.push(EvalScope::Declarative(d));
                    }
                }
            }
            if function.is_none() && sc.func != usize::MAX {
                let f = &tree.funcs[sc.func];
                match f.kind {
                    FunctionKind::Arrow => {}
                    FunctionKind::Script => function = Some(EvalFunctionContext::Global),
                    FunctionKind::Eval => {
                        let inherited = match self.ctx.eval_site {
                            Some(Some(site)) => {
                                field_init = site.in_class_field_initializer;
                                site.function
                            }
                            _ => EvalFunctionContext::Global,
                        };
                        function = Some(inherited);
                    }
                    k => {
                        field_init = f.field_initializer;
                        function = Some(EvalFunctionContext::Function(k));
                    }
                }
            }
            s = sc.parent;
        }
        Ok(EvalSite {
            strict: self.strict(),
            scopes,
            function: function.unwrap_or(EvalFunctionContext::Global),
            in_class_field_initializer: field_init,
        })
    }

    fn super_call(&mut self, c: &SuperCallExpression<'a>, dst: Reg) -> CResult<()> {
        let func = self.alloc()?;
        self.load_hidden("%fn", func)?;
        let ctor = self.alloc()?;
        self.emit(I::GetSuperConstructor { dst: ctor, func });
        let args = self.arguments(c.arguments)?;
        let nt = self.alloc()?;
        self.load_hidden("new.target", nt)?;
        let result = self.alloc()?;
        self.pos(c.span);
        match args {
            Args::List(start, argc) => {
                let start = if argc == 0 { ctor } else { start };
                self.emit(I::SuperConstruct {
                    dst: result,
                    ctor,
                    new_target: nt,
                    args: start,
                    argc: Count(argc),
                });
            }
            Args::Spread(arr) => {
                self.emit(I::SuperConstructSpread {
                    dst: result,
                    ctor,
                    new_target: nt,
                    args: arr,
                });
            }
        }
        // BindThisValue.
        let this = self.resolve("this", u32::MAX)?;
        let t = self.alloc()?;
        self.load_raw(&this, t);
        self.emit(I::CheckThisUninit { src: t });
        self.free(t);
        self.init_resolved(&this, "this", result)?;
        self.instance_init_call(result)?;
        self.mov(dst, result);
        self.free(result);
        self.free(nt);
        match args {
            Args::List(start, argc) => {
                if argc > 0 {
                    self.free_n(start, argc as usize);
                }
            }
            Args::Spread(arr) => self.free(arr),
        }
        self.free(ctor);
        self.free(func);
        Ok(())
    }

    fn tagged_template(&mut self, t: &TaggedTemplateExpression<'a>, dst: Reg) -> CResult<()> {
        let later = |n: &str| exprs_write(t.quasi.expressions, n);
        let (callee, this) = self.callee_and_this(&t.tag, None, &later)?;
        let n = t.quasi.expressions.len() + 1;
        let argc =
            u16::try_from(n).map_err(|_| CompileError::new("too many substitutions", t.span))?;
        let start = self.alloc_n(n)?;
        let k = self.template_constant(t.quasi)?;
        self.emit(I::GetTemplateObject {
            dst: start,
            template: k,
        });
        for (i, e) in t.quasi.expressions.iter().enumerate() {
            self.expr_to(e, Reg(start.0 + 1 + i as u16))?;
        }
        self.pos(t.span);
        self.emit_call(dst, callee.reg(), this.reg(), Args::List(start, argc));
        self.release(this);
        self.release(callee);
        Ok(())
    }
}

/// The name of the binding an in-place operand reads (`Val::Local` comes
/// only from identifiers and `this`).
pub(crate) fn read_name<'e>(e: &Expression<'e>) -> Option<&'e str> {
    match e {
        Expression::Identifier(id) => Some(id.name),
        Expression::This(_) => Some("this"),
        _ => None,
    }
}

/// `n` as an `Imm` when it is an int32 other than -0 (so the Number the
/// instruction rebuilds is `n` itself).
fn int32_value(n: f64) -> Option<i32> {
    let exact = n.fract() == 0.0 && n >= i32::MIN as f64 && n <= i32::MAX as f64;
    (exact && !(n == 0.0 && n.is_sign_negative())).then_some(n as i32)
}

/// A numeric literal (possibly negated) that fits an `Imm`.
pub(super) fn int_literal(e: &Expression<'_>) -> Option<i32> {
    match e {
        Expression::Number(n) => int32_value(n.value),
        Expression::Unary(u) if u.operator == UnaryOperator::Minus => match &u.argument {
            Expression::Number(n) => int32_value(-n.value),
            _ => None,
        },
        _ => None,
    }
}

/// For `x op k` with `op` an arithmetic, bitwise or shift operator and `k`
/// an int32 literal (or `k op x` when `op` is commutative on numbers): the
/// other operand and `k`, for `immediate_instruction`. A literal's
/// ToNumeric runs no code, so taking `k * x` as `x * k` is unobservable.
fn immediate_operand<'e, 'a>(b: &'e BinaryExpression<'a>) -> Option<(&'e Expression<'a>, i32)> {
    use BinaryOperator as B;
    if !has_immediate_form(b.operator) {
        return None;
    }
    match (int_literal(&b.right), b.operator) {
        (Some(k), _) => Some((&b.left, k)),
        (None, B::Mul | B::BitAnd | B::BitOr | B::BitXor) => {
            Some((&b.right, int_literal(&b.left)?))
        }
        _ => None,
    }
}

/// Whether `op` has an `*Imm` instruction.
fn has_immediate_form(op: BinaryOperator) -> bool {
    use BinaryOperator as B;
    matches!(
        op,
        B::Add
            | B::Sub
            | B::Mul
            | B::Div
            | B::Rem
            | B::BitAnd
            | B::BitOr
            | B::BitXor
            | B::Shl
            | B::Shr
            | B::UShr
    )
}

/// The `*Imm` form of `op` (one with `has_immediate_form`).
fn immediate_instruction(op: BinaryOperator, dst: Reg, lhs: Reg, value: Imm) -> I {
    use BinaryOperator as B;
    match op {
        B::Add => I::AddImm { dst, lhs, value },
        B::Sub => I::SubImm { dst, lhs, value },
        B::Mul => I::MulImm { dst, lhs, value },
        B::Div => I::DivImm { dst, lhs, value },
        B::Rem => I::ModImm { dst, lhs, value },
        B::BitAnd => I::BitAndImm { dst, lhs, value },
        B::BitOr => I::BitOrImm { dst, lhs, value },
        B::BitXor => I::BitXorImm { dst, lhs, value },
        B::Shl => I::ShlImm { dst, lhs, value },
        B::Shr => I::ShrImm { dst, lhs, value },
        _ => I::UShrImm { dst, lhs, value },
    }
}

/// For a comparison with an int32 literal on either side: the other
/// operand, the literal and the operator with the literal on the right
/// (`k < x` is `x > k`: comparing with a primitive Number calls only the
/// other operand's conversion, so the order of the two is unobservable).
pub(super) fn immediate_comparison<'e, 'a>(
    b: &'e BinaryExpression<'a>,
) -> Option<(&'e Expression<'a>, i32, BinaryOperator)> {
    use BinaryOperator as B;
    if let Some(k) = int_literal(&b.right) {
        return Some((&b.left, k, b.operator));
    }
    let k = int_literal(&b.left)?;
    let flipped = match b.operator {
        B::Lt => B::Gt,
        B::LtEq => B::GtEq,
        B::Gt => B::Lt,
        B::GtEq => B::LtEq,
        op => op,
    };
    Some((&b.right, k, flipped))
}
