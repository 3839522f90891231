//! Coroutine bodies: `yield` and `yield*` (14.4.14) in generators and
//! `await` (15.8.5) in async functions, on the coroutine opcodes.
//!
//! Invariant: every suspension point is followed by the dispatch on its
//! resumption mode, so a `throw()` raises at the `yield` (inside whatever
//! `try` encloses it) and a `return()` leaves through the enclosing
//! `finally` blocks exactly like a `return` statement written there.

use jsvm_bytecode::{Instruction as I, JumpOffset, Reg};
use jsvm_syntax::ast::*;

use super::control::Exit;
use super::{CResult, FnCompiler};
use crate::CompileError;

impl<'a> FnCompiler<'_, '_> {
    /// `yield`, `yield x` and `yield* x` into `dst`.
    pub fn yield_expr(&mut self, y: &YieldExpression<'a>, dst: Reg) -> CResult<()> {
        if y.delegate {
            let arg = y
                .argument
                .as_ref()
                .ok_or_else(|| CompileError::internal("yield* without an operand"))?;
            return self.yield_star(arg, y.span, dst);
        }
        let v = match &y.argument {
            Some(a) => self.expr_val(a)?,
            None => {
                let t = self.alloc()?;
                self.load_undefined(t);
                super::Val::Temp(t)
            }
        };
        let mode = self.alloc()?;
        self.pos(y.span);
        self.emit(I::Yield {
            dst,
            mode,
            src: v.reg(),
        });
        self.release(v);
        self.resume_branch(mode, dst)?;
        self.free(mode);
        Ok(())
    }

    /// `await x` into `dst`.
    pub fn await_expr(&mut self, a: &AwaitExpression<'a>, dst: Reg) -> CResult<()> {
        let v = self.expr_val(&a.argument)?;
        let mode = self.alloc()?;
        self.pos(a.span);
        self.emit(I::Await {
            dst,
            mode,
            src: v.reg(),
        });
        self.release(v);
        // Fulfilled continues, rejected throws (there is no return mode).
        let next = self.label();
        self.emit_jump(
            I::ResumeBranch {
                mode,
                value: dst,
                offset: JumpOffset(0),
            },
            next,
        );
        self.bind(next);
        self.free(mode);
        Ok(())
    }

    /// After a suspension: next continues, throw throws `value`, return
    /// returns `value` through the enclosing `finally` blocks.
    fn resume_branch(&mut self, mode: Reg, value: Reg) -> CResult<()> {
        let normal = self.label();
        self.emit_jump(
            I::ResumeBranch {
                mode,
                value,
                offset: JumpOffset(0),
            },
            normal,
        );
        self.exit(Exit::Return(value))?;
        self.bind(normal);
        Ok(())
    }

    /// `yield* arg` (14.4.14, sync generators): delegate to the iterator of
    /// `arg` until it is done, passing every resumption on to it.
    fn yield_star(&mut self, arg: &Expression<'a>, span: Span, dst: Reg) -> CResult<()> {
        let iter = self.alloc()?;
        let next = self.alloc()?;
        let recv = self.alloc()?;
        let mode = self.alloc()?;
        let result = self.alloc()?;
        self.expr_to(arg, result)?;
        self.pos(span);
        self.emit(I::GetIterator {
            iter,
            next,
            obj: result,
        });
        self.load_undefined(recv);
        self.load_int(mode, 0);
        let (top, out) = (self.label(), self.label());
        self.bind(top);
        self.emit(I::YieldDelegateStep {
            dst: result,
            iter,
            next,
            recv,
            mode,
        });
        let done = self.name_const("done")?;
        let ic = self.ic();
        self.emit(I::GetProp {
            dst,
            obj: result,
            name: done,
            ic,
        });
        self.emit_jump(
            I::JumpIfTrue {
                cond: dst,
                offset: JumpOffset(0),
            },
            out,
        );
        self.emit(I::YieldRaw {
            dst: recv,
            mode,
            src: result,
        });
        self.jump(top);
        self.bind(out);
        let value = self.name_const("value")?;
        let ic = self.ic();
        self.emit(I::GetProp {
            dst,
            obj: result,
            name: value,
            ic,
        });
        // Only next (normal) or return reach here: a throw handled by the
        // inner iterator continues as next.
        self.resume_branch(mode, dst)?;
        self.free(result);
        self.free(mode);
        self.free(recv);
        self.free(next);
        self.free(iter);
        Ok(())
    }
}
