//! Coroutine bodies: `yield` and `yield*` (14.4.14) in generators and
//! async generators, `await` (15.8.5), and the async iteration of
//! `for await` (GetIterator(async), AsyncIteratorClose), on the coroutine
//! opcodes.
//!
//! Invariant: every suspension point is followed by the dispatch on its
//! resumption mode, so a `throw()` raises at the `yield` (inside whatever
//! `try` encloses it) and a `return()` leaves through the enclosing
//! `finally` blocks exactly like a `return` statement written there.

use jsvm_bytecode::{Count, ErrorKind, Imm, Instruction as I, JumpOffset, Reg};
use jsvm_syntax::ast::*;

use super::control::Exit;
use super::{CResult, FnCompiler};
use crate::CompileError;
use jsvm_bytecode::Label;

impl<'a> FnCompiler<'_, '_> {
    pub fn is_async_generator(&self) -> bool {
        let f = &self.tree().funcs[self.func];
        f.generator && f.is_async
    }

    /// `yield`, `yield x` and `yield* x` into `dst`.
    pub fn yield_expr(&mut self, y: &YieldExpression<'a>, dst: Reg) -> CResult<()> {
        let is_async = self.is_async_generator();
        if y.delegate {
            let arg = y
                .argument
                .as_ref()
                .ok_or_else(|| CompileError::internal("yield* without an operand"))?;
            if is_async {
                return self.yield_star_async(arg, y.span, dst);
            }
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
        if is_async {
            // `yield v` in an async generator yields Await(v).
            let t = self.alloc()?;
            self.await_value_into(t, v.reg())?;
            self.emit(I::AsyncYield { dst, mode, src: t });
            self.free(t);
        } else {
            self.emit(I::Yield {
                dst,
                mode,
                src: v.reg(),
            });
        }
        self.release(v);
        self.resume_branch(mode, dst)?;
        self.free(mode);
        Ok(())
    }

    /// `await x` into `dst`.
    pub fn await_expr(&mut self, a: &AwaitExpression<'a>, dst: Reg) -> CResult<()> {
        let v = self.expr_val(&a.argument)?;
        self.pos(a.span);
        self.await_value_into(dst, v.reg())?;
        self.release(v);
        Ok(())
    }

    /// `R[dst] := Await(R[src])`.
    pub fn await_value_into(&mut self, dst: Reg, src: Reg) -> CResult<()> {
        let mode = self.alloc()?;
        self.emit(I::Await { dst, mode, src });
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
        let Delegate {
            iter,
            next,
            recv,
            mode,
            result,
        } = self.begin_delegate(arg, span, false)?;
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
        self.end_delegate(Delegate {
            iter,
            next,
            recv,
            mode,
            result,
        });
        Ok(())
    }
}

impl FnCompiler<'_, '_> {
    /// One `for await` step: `R[v] :=` the next value, or leave to `exit`.
    pub fn for_await_next(&mut self, v: Reg, iter: Reg, next: Reg, exit: Label) -> CResult<()> {
        self.call_and_await(v, next, iter)?;
        self.emit_jump(
            I::IterResultUnpack {
                dst: v,
                result: v,
                exit: JumpOffset(0),
            },
            exit,
        );
        Ok(())
    }

    /// AsyncIteratorClose(iter, normal completion) (7.4.13): awaits what
    /// `return()` gives and checks it is an object.
    pub fn async_iterator_close(&mut self, iter: Reg) -> CResult<()> {
        let m = self.alloc()?;
        let skip = self.label();
        self.emit_jump(
            I::GetReturnMethod {
                dst: m,
                iter,
                none: JumpOffset(0),
            },
            skip,
        );
        self.call_and_await(m, m, iter)?;
        self.emit(I::CheckIterResult { src: m });
        self.bind(skip);
        self.free(m);
        Ok(())
    }

    /// AsyncIteratorClose(iter, throw completion): calls and awaits
    /// `return()`, ignoring everything it throws (the caller rethrows).
    pub fn async_iterator_close_for_throw(&mut self, iter: Reg) -> CResult<()> {
        let m = self.alloc()?;
        let ignored = self.alloc()?;
        let done = self.label();
        let region = self.open_region(done, ignored);
        self.emit_jump(
            I::GetReturnMethod {
                dst: m,
                iter,
                none: JumpOffset(0),
            },
            done,
        );
        self.call_and_await(m, m, iter)?;
        self.close_region(region);
        self.bind(done);
        self.free(ignored);
        self.free(m);
        Ok(())
    }

    /// `yield* arg` in an async generator (14.4.14 with generatorKind
    /// async): inner results are awaited, their values yielded, and return
    /// values awaited before returning.
    fn yield_star_async(&mut self, arg: &Expression<'_>, span: Span, dst: Reg) -> CResult<()> {
        let Delegate {
            iter,
            next,
            recv,
            mode,
            result,
        } = self.begin_delegate(arg, span, true)?;
        let (top, out, none, ret_direct) = (self.label(), self.label(), self.label(), self.label());
        self.bind(top);
        self.emit_jump(
            I::AsyncDelegateStep {
                dst: result,
                iter,
                next,
                recv,
                mode,
                none: JumpOffset(0),
            },
            none,
        );
        self.await_value_into(result, result)?;
        self.emit(I::CheckIterResult { src: result });
        let done_name = self.name_const("done")?;
        let value_name = self.name_const("value")?;
        let ic = self.ic();
        self.emit(I::GetProp {
            dst,
            obj: result,
            name: done_name,
            ic,
        });
        self.emit_jump(
            I::JumpIfTrue {
                cond: dst,
                offset: JumpOffset(0),
            },
            out,
        );
        let ic = self.ic();
        self.emit(I::GetProp {
            dst,
            obj: result,
            name: value_name,
            ic,
        });
        self.emit(I::AsyncYield {
            dst: recv,
            mode,
            src: dst,
        });
        self.jump(top);
        // The inner iterator lacks the method for a throw or return.
        self.bind(none);
        self.emit_jump(
            I::JumpIfMode {
                mode,
                expect: Imm(2),
                offset: JumpOffset(0),
            },
            ret_direct,
        );
        self.async_iterator_close(iter)?;
        self.throw_const(
            ErrorKind::TYPE_ERROR,
            "The iterator does not provide a 'throw' method",
        )?;
        self.bind(ret_direct);
        self.await_value_into(dst, recv)?;
        self.exit(Exit::Return(dst))?;
        // Done: the value of `yield*`, or the value to return.
        self.bind(out);
        let ic = self.ic();
        self.emit(I::GetProp {
            dst,
            obj: result,
            name: value_name,
            ic,
        });
        let normal = self.label();
        self.emit_jump(
            I::ResumeBranch {
                mode,
                value: dst,
                offset: JumpOffset(0),
            },
            normal,
        );
        self.await_value_into(dst, dst)?;
        self.exit(Exit::Return(dst))?;
        self.bind(normal);
        self.end_delegate(Delegate {
            iter,
            next,
            recv,
            mode,
            result,
        });
        Ok(())
    }
}

/// The registers of a `yield*` loop.
struct Delegate {
    iter: Reg,
    next: Reg,
    recv: Reg,
    mode: Reg,
    result: Reg,
}

impl FnCompiler<'_, '_> {
    /// `yield*` set-up: the operand's (sync or async) iterator, an
    /// undefined received value and the mode next.
    fn begin_delegate(
        &mut self,
        arg: &Expression<'_>,
        span: Span,
        is_async: bool,
    ) -> CResult<Delegate> {
        let iter = self.alloc()?;
        let next = self.alloc()?;
        let recv = self.alloc()?;
        let mode = self.alloc()?;
        let result = self.alloc()?;
        self.expr_to(arg, result)?;
        self.pos(span);
        let obj = result;
        self.emit(if is_async {
            I::GetAsyncIterator { iter, next, obj }
        } else {
            I::GetIterator { iter, next, obj }
        });
        self.load_undefined(recv);
        self.load_int(mode, 0);
        Ok(Delegate {
            iter,
            next,
            recv,
            mode,
            result,
        })
    }

    fn end_delegate(&mut self, d: Delegate) {
        for r in [d.result, d.mode, d.recv, d.next, d.iter] {
            self.free(r);
        }
    }

    /// `R[dst] := Await(Call(R[f], R[this]))` with no arguments.
    fn call_and_await(&mut self, dst: Reg, f: Reg, this: Reg) -> CResult<()> {
        self.emit(I::Call {
            dst,
            callee: f,
            this,
            args: dst,
            argc: Count(0),
        });
        self.await_value_into(dst, dst)
    }
}
