//! Control flow plumbing: the control stack (loops, labelled blocks,
//! finally blocks, open iterators), protected regions (exception handler
//! ranges) and abrupt exits (break/continue/return) through all of them.
//!
//! Invariant: code emitted for an exit that leaves a protected region is
//! excluded from that region (the region is suspended around it), so an
//! `IteratorClose` run by a `break` is never caught by the loop's own
//! throw handler, and handler ranges never overlap an exit's cleanup.

use jsvm_bytecode::{Handler, Instruction as I, Label, Reg};

use super::{CResult, FnCompiler};
use crate::CompileError;

/// A protected pc range set with one handler.
pub(crate) struct Region {
    ranges: Vec<(u32, u32)>,
    open: Option<u32>,
    target: Label,
    exception: Reg,
    env_depth: u16,
}

/// Where an abrupt completion goes.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Exit {
    Break(usize),
    Continue(usize),
    /// Return the value in the register.
    Return(Reg),
}

pub(crate) enum ControlKind {
    Loop {
        labels: Vec<String>,
        break_label: Label,
        continue_label: Label,
        id: usize,
    },
    /// A labelled statement or a switch (unlabelled `break` target).
    Block {
        labels: Vec<String>,
        break_label: Label,
        switch: bool,
    },
    /// A try with finally: exits jump to `label` with `kind` set.
    Finally {
        label: Label,
        kind: Reg,
        value: Reg,
        jumps: Vec<(i32, Exit)>,
    },
    /// A for-of loop's iterator, closed by exits that leave the loop.
    IterClose {
        iter: Reg,
        loop_id: usize,
        is_async: bool,
    },
    /// An array destructuring's iterator, closed (unless `done`) by a
    /// generator `return()` delivered at a `yield` inside the pattern.
    PatternClose { iter: Reg, done: Reg },
    /// A try-catch region.
    Try,
}

pub(crate) struct Control {
    pub kind: ControlKind,
    pub env_depth: u16,
    pub region: Option<usize>,
}

impl FnCompiler<'_, '_> {
    pub fn push_control(&mut self, kind: ControlKind, region: Option<usize>) {
        self.control.push(Control {
            kind,
            env_depth: self.env_depth,
            region,
        });
    }

    pub fn pop_control(&mut self) -> Option<Control> {
        self.control.pop()
    }

    /// Opens a protected region handled at `target`, the exception going
    /// to `exception`.
    pub fn open_region(&mut self, target: Label, exception: Reg) -> usize {
        let pc = self.code.pc();
        self.regions.push(Region {
            ranges: Vec::new(),
            open: Some(pc),
            target,
            exception,
            env_depth: self.env_depth,
        });
        self.regions.len() - 1
    }

    fn suspend(&mut self, r: usize) {
        let pc = self.code.pc();
        if let Some(region) = self.regions.get_mut(r) {
            if let Some(start) = region.open.take() {
                if start < pc {
                    region.ranges.push((start, pc));
                }
            }
        }
    }

    fn resume(&mut self, r: usize) {
        let pc = self.code.pc();
        if let Some(region) = self.regions.get_mut(r) {
            region.open = Some(pc);
        }
    }

    /// Ends a region for good and records its handler entries.
    pub fn close_region(&mut self, r: usize) {
        self.suspend(r);
        if let Some(region) = self.regions.get_mut(r) {
            region.open = None;
        }
        self.pending_handlers.push(r);
    }

    /// Converts closed regions into handler entries (innermost first:
    /// regions close in nesting order).
    pub fn finish_regions(&mut self) -> CResult<()> {
        for &r in &self.pending_handlers {
            let region = &self.regions[r];
            let target = self
                .code
                .label_pc(region.target)
                .ok_or_else(|| CompileError::internal("unbound handler label"))?;
            for &(start, end) in &region.ranges {
                self.handlers.push(Handler {
                    start,
                    end,
                    target,
                    exception: region.exception,
                    env_depth: region.env_depth,
                });
            }
        }
        Ok(())
    }

    /// Emits an abrupt exit, running the cleanups of everything it leaves.
    pub fn jump_out(&mut self, exit: Exit) -> CResult<()> {
        let floor = match exit {
            Exit::Break(t) | Exit::Continue(t) => t + 1,
            Exit::Return(_) => 0,
        };
        let continue_loop = match exit {
            Exit::Continue(t) => match &self.control[t].kind {
                ControlKind::Loop { id, .. } => Some(*id),
                _ => None,
            },
            _ => None,
        };
        let mut suspended = Vec::new();
        let mut i = self.control.len();
        let mut done = false;
        while i > floor {
            i -= 1;
            if let Some(r) = self.control[i].region {
                self.suspend(r);
                suspended.push(r);
            }
            let depth = self.control[i].env_depth;
            match &self.control[i].kind {
                ControlKind::IterClose {
                    iter,
                    loop_id,
                    is_async,
                } => {
                    if continue_loop == Some(*loop_id) {
                        continue;
                    }
                    let (iter, is_async) = (*iter, *is_async);
                    self.pop_envs_to_from(depth);
                    if is_async {
                        self.async_iterator_close(iter)?;
                    } else {
                        self.emit(I::IteratorClose { iter });
                    }
                }
                ControlKind::PatternClose { iter, done } => {
                    let (iter, done) = (*iter, *done);
                    let skip = self.label();
                    self.emit_jump(
                        I::JumpIfTrue {
                            cond: done,
                            offset: Default::default(),
                        },
                        skip,
                    );
                    self.emit(I::IteratorClose { iter });
                    self.bind(skip);
                }
                ControlKind::Finally {
                    label, kind, value, ..
                } => {
                    let (label, kind, value) = (*label, *kind, *value);
                    self.pop_envs_to_from(depth);
                    let id = self.next_jump_id;
                    self.next_jump_id += 1;
                    self.load_int(kind, id);
                    let cont = match exit {
                        Exit::Return(v) => {
                            self.mov(value, v);
                            Exit::Return(value)
                        }
                        other => other,
                    };
                    if let ControlKind::Finally { jumps, .. } = &mut self.control[i].kind {
                        jumps.push((id, cont));
                    }
                    self.jump(label);
                    done = true;
                    break;
                }
                _ => {}
            }
        }
        if !done {
            match exit {
                Exit::Break(t) => {
                    let (label, depth) = match &self.control[t].kind {
                        ControlKind::Loop { break_label, .. } => {
                            (*break_label, self.control[t].env_depth)
                        }
                        ControlKind::Block { break_label, .. } => {
                            (*break_label, self.control[t].env_depth)
                        }
                        _ => return Err(CompileError::internal("break target is not breakable")),
                    };
                    self.pop_envs_to_from(depth);
                    self.jump(label);
                }
                Exit::Continue(t) => {
                    let (label, depth) = match &self.control[t].kind {
                        ControlKind::Loop { continue_label, .. } => {
                            (*continue_label, self.control[t].env_depth)
                        }
                        _ => return Err(CompileError::internal("continue target is not a loop")),
                    };
                    self.pop_envs_to_from(depth);
                    self.jump(label);
                }
                Exit::Return(v) => self.emit_return(v)?,
            }
        }
        for r in suspended.into_iter().rev() {
            self.resume(r);
        }
        Ok(())
    }

    /// Pops environments down to `depth` as seen from the current depth.
    fn pop_envs_to_from(&mut self, depth: u16) {
        // Already-emitted pops in this exit sequence are accounted for by
        // tracking a virtual depth.
        let current = self.exit_depth.unwrap_or(self.env_depth);
        for _ in depth..current {
            self.emit(I::PopScope {});
        }
        self.exit_depth = Some(depth.min(current));
    }

    /// Finds the target of `break label?`.
    pub fn break_target(&self, label: Option<&str>) -> Option<usize> {
        self.control.iter().rposition(|c| match (&c.kind, label) {
            (ControlKind::Loop { .. }, None) => true,
            (ControlKind::Block { switch: true, .. }, None) => true,
            (ControlKind::Loop { labels, .. }, Some(l)) => labels.iter().any(|x| x == l),
            (ControlKind::Block { labels, .. }, Some(l)) => labels.iter().any(|x| x == l),
            _ => false,
        })
    }

    /// Finds the target of `continue label?`.
    pub fn continue_target(&self, label: Option<&str>) -> Option<usize> {
        self.control.iter().rposition(|c| match (&c.kind, label) {
            (ControlKind::Loop { .. }, None) => true,
            (ControlKind::Loop { labels, .. }, Some(l)) => labels.iter().any(|x| x == l),
            _ => false,
        })
    }

    /// An exit statement: resets the virtual exit depth around `jump_out`.
    pub fn exit(&mut self, exit: Exit) -> CResult<()> {
        self.exit_depth = None;
        let r = self.jump_out(exit);
        self.exit_depth = None;
        r
    }

    /// After a finally body: rethrow, or continue the exits that entered
    /// it.
    pub fn finally_dispatch(
        &mut self,
        kind: Reg,
        value: Reg,
        jumps: Vec<(i32, Exit)>,
    ) -> CResult<()> {
        let t = self.alloc()?;
        for (id, exit) in jumps {
            let next = self.label();
            self.load_int(t, id);
            self.emit(I::StrictEq {
                dst: t,
                lhs: kind,
                rhs: t,
            });
            self.emit_jump(
                I::JumpIfFalse {
                    cond: t,
                    offset: Default::default(),
                },
                next,
            );
            self.exit(exit)?;
            self.bind(next);
        }
        let done = self.label();
        self.load_int(t, 1);
        self.emit(I::StrictEq {
            dst: t,
            lhs: kind,
            rhs: t,
        });
        self.emit_jump(
            I::JumpIfFalse {
                cond: t,
                offset: Default::default(),
            },
            done,
        );
        self.emit(I::Throw { src: value });
        self.bind(done);
        self.free(t);
        Ok(())
    }

    /// Emits a return of `value` (DerivedReturn in derived constructors).
    pub fn emit_return(&mut self, value: Reg) -> CResult<()> {
        let func = &self.tree().funcs[self.func];
        if func.generator || func.is_async {
            self.emit(I::CoroutineReturn { src: value });
        } else if self.kind() == jsvm_bytecode::FunctionKind::DerivedConstructor {
            let this = self.resolve("this", u32::MAX)?;
            let t = self.alloc()?;
            self.load_raw(&this, t);
            self.emit(I::DerivedReturn {
                src: value,
                this: t,
            });
            self.free(t);
        } else {
            self.emit(I::Return { src: value });
        }
        Ok(())
    }
}
