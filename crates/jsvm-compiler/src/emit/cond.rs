//! Conditions: expressions in test position (`if`, loops, `?:`, and the
//! operands of `&&`, `||`, `!` and `?:` inside them) compiled straight to
//! jumps: comparisons become fused compare-and-jump instructions, `== null`
//! and `=== undefined` nullish/undefined jumps, literals constant jumps,
//! and no boolean is ever stored in a register.
//!
//! Invariant: every operand is evaluated exactly as in value position (same
//! order, same short-circuiting, same conversions; ToBoolean runs no code),
//! so only the materialized boolean disappears.

use jsvm_bytecode::{Imm, Instruction as I, JumpOffset, Label, Reg};
use jsvm_syntax::ast::*;

use super::expr::immediate_comparison;
use super::{Access, CResult, FnCompiler};

/// ToBoolean of a literal, if `e` is one.
fn literal_truthiness(e: &Expression<'_>) -> Option<bool> {
    match e {
        Expression::Boolean(b) => Some(b.value),
        Expression::Null(_) => Some(false),
        Expression::Number(n) => Some(n.value != 0.0 && !n.value.is_nan()),
        Expression::String(s) => Some(!s.value.is_empty()),
        _ => None,
    }
}

impl<'a> FnCompiler<'_, '_> {
    /// Jumps to `target` unless `test` is truthy.
    pub fn jump_unless(&mut self, test: &Expression<'a>, target: Label) -> CResult<()> {
        self.cond_jump(test, false, target)
    }

    /// Jumps to `target` if `test` is truthy.
    pub fn jump_if(&mut self, test: &Expression<'a>, target: Label) -> CResult<()> {
        self.cond_jump(test, true, target)
    }

    /// Whether a loop testing `test` at the bottom (`jump_if` back to the
    /// top) saves an instruction per iteration over testing at the top
    /// (`jump_unless` out, plus a jump back): when the jump-if ends in one
    /// conditional jump rather than a skipped unconditional one.
    pub fn rotation_pays(&self, test: &Expression<'_>) -> bool {
        ends_in_one_jump(test, true)
    }

    /// Jumps to `target` when ToBoolean(`test`) is `when`, else falls
    /// through.
    fn cond_jump(&mut self, test: &Expression<'a>, when: bool, target: Label) -> CResult<()> {
        use BinaryOperator as B;
        match test {
            Expression::Unary(u) if u.operator == UnaryOperator::Not => {
                self.cond_jump(&u.argument, !when, target)
            }
            Expression::Logical(l) if l.operator != LogicalOperator::Coalesce => {
                let and = l.operator == LogicalOperator::And;
                if and != when {
                    // `a && b` falsy if either is; `a || b` truthy if either is.
                    self.cond_jump(&l.left, when, target)?;
                    self.cond_jump(&l.right, when, target)
                } else {
                    // `a && b` truthy only if both are; `a || b` falsy only
                    // if both are.
                    let skip = self.label();
                    self.cond_jump(&l.left, !when, skip)?;
                    self.cond_jump(&l.right, when, target)?;
                    self.bind(skip);
                    Ok(())
                }
            }
            Expression::Conditional(c) => {
                let (else_l, end) = (self.label(), self.label());
                self.cond_jump(&c.test, false, else_l)?;
                self.cond_jump(&c.consequent, when, target)?;
                self.jump(end);
                self.bind(else_l);
                self.cond_jump(&c.alternate, when, target)?;
                self.bind(end);
                Ok(())
            }
            Expression::Sequence(s) if !s.expressions.is_empty() => {
                let n = s.expressions.len();
                for x in &s.expressions[..n - 1] {
                    self.expr_effect(x)?;
                }
                self.cond_jump(&s.expressions[n - 1], when, target)
            }
            Expression::Binary(b)
                if matches!(
                    b.operator,
                    B::Lt | B::LtEq | B::Gt | B::GtEq | B::StrictEq | B::StrictNotEq
                ) =>
            {
                if matches!(b.operator, B::StrictEq | B::StrictNotEq) {
                    if let Some(operand) = self.undefined_operand(b)? {
                        // `x === undefined` / `x !== undefined`.
                        let eq = b.operator == B::StrictEq;
                        let v = self.expr_val(operand)?;
                        let src = v.reg();
                        let offset = JumpOffset(0);
                        let jump = if eq == when {
                            I::JumpIfUndefined { src, offset }
                        } else {
                            I::JumpIfNotUndefined { src, offset }
                        };
                        self.emit_jump(jump, target);
                        self.release(v);
                        return Ok(());
                    }
                }
                self.comparison_jump(b, when, target)
            }
            Expression::Binary(b) if matches!(b.operator, B::Eq | B::NotEq) => {
                match self.nullish_operand(b)? {
                    Some(operand) => {
                        // `x == null` is true exactly for null and undefined.
                        let eq = b.operator == B::Eq;
                        let v = self.expr_val(operand)?;
                        let src = v.reg();
                        let offset = JumpOffset(0);
                        let jump = if eq == when {
                            I::JumpIfNullish { src, offset }
                        } else {
                            I::JumpIfNotNullish { src, offset }
                        };
                        self.emit_jump(jump, target);
                        self.release(v);
                        Ok(())
                    }
                    None => self.value_jump(test, when, target),
                }
            }
            _ => match literal_truthiness(test) {
                Some(v) => {
                    if v == when {
                        self.jump(target);
                    }
                    Ok(())
                }
                None => self.value_jump(test, when, target),
            },
        }
    }

    /// The general case: the value, then `JumpIfTrue`/`JumpIfFalse`.
    fn value_jump(&mut self, test: &Expression<'a>, when: bool, target: Label) -> CResult<()> {
        let t = self.expr_val(test)?;
        let (cond, offset) = (t.reg(), JumpOffset(0));
        let jump = if when {
            I::JumpIfTrue { cond, offset }
        } else {
            I::JumpIfFalse { cond, offset }
        };
        self.emit_jump(jump, target);
        self.release(t);
        Ok(())
    }

    /// A relational or strict equality comparison as fused jumps. There is
    /// no "jump if <" instruction, and `!(a < b)` is not `a >= b` (NaN), so
    /// a relational jump-if skips over an unconditional jump; strict
    /// (in)equality is exactly negated by its opposite.
    fn comparison_jump(
        &mut self,
        b: &BinaryExpression<'a>,
        when: bool,
        target: Label,
    ) -> CResult<()> {
        use BinaryOperator as B;
        // Jump-if of a strict (in)equality is jump-unless of its opposite.
        let swap = |op: BinaryOperator| match (op, when) {
            (B::StrictEq, true) => B::StrictNotEq,
            (B::StrictNotEq, true) => B::StrictEq,
            (op, _) => op,
        };
        let negated = when && !matches!(b.operator, B::StrictEq | B::StrictNotEq);
        let skip = negated.then(|| self.label());
        let jump_to = skip.unwrap_or(target);
        if let Some((operand, value, op)) = immediate_comparison(b) {
            let l = self.expr_val(operand)?;
            self.pos(b.span);
            let (lhs, value, offset) = (l.reg(), Imm(value), JumpOffset(0));
            let jump = match swap(op) {
                B::Lt => I::JumpUnlessLtImm { lhs, value, offset },
                B::LtEq => I::JumpUnlessLeImm { lhs, value, offset },
                B::Gt => I::JumpUnlessGtImm { lhs, value, offset },
                B::GtEq => I::JumpUnlessGeImm { lhs, value, offset },
                B::StrictEq => I::JumpUnlessStrictEqImm { lhs, value, offset },
                _ => I::JumpUnlessStrictNeImm { lhs, value, offset },
            };
            self.emit_jump(jump, jump_to);
            self.release(l);
        } else {
            let (l, r) = self.binary_operands(b)?;
            self.pos(b.span);
            self.emit_jump(compare_jump(swap(b.operator), l.reg(), r.reg()), jump_to);
            self.release(r);
            self.release(l);
        }
        if let Some(skip) = skip {
            self.jump(target);
            self.bind(skip);
        }
        Ok(())
    }

    /// For `x == null`, `null == x`, `x == undefined` (the global constant)
    /// and `x == void 0`: the operand `x`.
    fn nullish_operand<'e>(
        &self,
        b: &'e BinaryExpression<'a>,
    ) -> CResult<Option<&'e Expression<'a>>> {
        if matches!(b.right, Expression::Null(_)) || self.is_undefined(&b.right)? {
            return Ok(Some(&b.left));
        }
        if matches!(b.left, Expression::Null(_)) || self.is_undefined(&b.left)? {
            return Ok(Some(&b.right));
        }
        Ok(None)
    }

    /// For `x === undefined` or `undefined === x` (likewise `void 0`): `x`.
    fn undefined_operand<'e>(
        &self,
        b: &'e BinaryExpression<'a>,
    ) -> CResult<Option<&'e Expression<'a>>> {
        if self.is_undefined(&b.right)? {
            return Ok(Some(&b.left));
        }
        if self.is_undefined(&b.left)? {
            return Ok(Some(&b.right));
        }
        Ok(None)
    }

    /// `void <literal>` or the global `undefined` (a non-writable,
    /// non-configurable global: reading it runs no code and gives
    /// undefined).
    fn is_undefined(&self, e: &Expression<'_>) -> CResult<bool> {
        Ok(match e {
            Expression::Unary(u) if u.operator == UnaryOperator::Void => {
                matches!(u.argument, Expression::Number(_))
            }
            Expression::Identifier(id) if id.name == "undefined" => {
                matches!(self.resolve(id.name, id.span.start)?.access, Access::Global)
            }
            _ => false,
        })
    }
}

/// Whether `cond_jump(e, when, _)` ends in a single conditional jump to its
/// target (no unconditional jump, no constant outcome).
fn ends_in_one_jump(e: &Expression<'_>, when: bool) -> bool {
    use BinaryOperator as B;
    match e {
        Expression::Unary(u) if u.operator == UnaryOperator::Not => {
            ends_in_one_jump(&u.argument, !when)
        }
        Expression::Logical(l) if l.operator != LogicalOperator::Coalesce => {
            ends_in_one_jump(&l.right, when)
        }
        Expression::Sequence(s) => s
            .expressions
            .last()
            .is_some_and(|x| ends_in_one_jump(x, when)),
        Expression::Conditional(_) => false,
        Expression::Binary(b) if matches!(b.operator, B::Lt | B::LtEq | B::Gt | B::GtEq) => !when,
        _ => literal_truthiness(e).is_none(),
    }
}

/// The register-register "jump unless" form of comparison `op`.
fn compare_jump(op: BinaryOperator, lhs: Reg, rhs: Reg) -> I {
    use BinaryOperator as B;
    let offset = JumpOffset(0);
    match op {
        B::Lt => I::JumpUnlessLt { lhs, rhs, offset },
        B::LtEq => I::JumpUnlessLe { lhs, rhs, offset },
        B::Gt => I::JumpUnlessGt { lhs, rhs, offset },
        B::GtEq => I::JumpUnlessGe { lhs, rhs, offset },
        B::StrictEq => I::JumpUnlessStrictEq { lhs, rhs, offset },
        _ => I::JumpUnlessStrictNe { lhs, rhs, offset },
    }
}
