//! Pass 2: emission. `FnCompiler` compiles one function (or script/eval
//! body) into a `FunctionCode`; nested functions get their own
//! `FnCompiler` and become `Function` constants.
//!
//! Invariant: register allocation is a stack (`alloc`/`free`), locals of a
//! scope are allocated when the scope is entered and freed when it is left,
//! and after every statement the stack height equals the current scope's
//! locals height (checked; a leak is an internal error).

mod assign;
mod class;
mod cond;
mod control;
mod expr;
mod function;
mod generator;
mod literal;
mod module;
mod stmt;
mod writes;

pub(crate) use module::compile_module;

use std::rc::Rc;

use hashbrown::HashMap;
use jsvm_bytecode::{
    BindingKind, CodeBuilder, ConstIdx, Constant, Depth, ErrorKind, EvalSite, FunctionCode,
    FunctionKind, Handler, IcSlot, Instruction as I, JumpOffset, Label, Reg, SlotIdx, SourceText,
};
use jsvm_syntax::ast::{Function, Program, Span};
use jsvm_syntax::LineIndex;

use crate::scope::{BindingId, FuncId, SKind, ScopeId, ScopeTree};
use crate::CompileError;

pub(crate) use control::Control;

pub(crate) type CResult<T> = Result<T, CompileError>;

/// State shared by all functions of one compilation unit.
pub(crate) struct Ctx<'t> {
    pub tree: &'t ScopeTree,
    pub source: Rc<SourceText>,
    pub lines: LineIndex<'t>,
    /// Eval code: the call site (None for indirect eval). None for scripts.
    pub eval_site: Option<Option<&'t EvalSite>>,
}

/// Compiles a script or eval program.
pub(crate) fn compile_program<'t>(
    tree: &'t ScopeTree,
    program: &Program<'t>,
    source: Rc<SourceText>,
    eval_site: Option<Option<&'t EvalSite>>,
) -> CResult<Rc<FunctionCode>> {
    let ctx = Ctx {
        tree,
        source,
        lines: LineIndex::new(program.source),
        eval_site,
    };
    let mut c = FnCompiler::new(&ctx, 0);
    c.compile_program_body(program)?;
    c.finish("", program.span)
}

/// Compiles a dynamic function (the Function constructor).
pub(crate) fn compile_dynamic_function<'t>(
    tree: &'t ScopeTree,
    f: &Function<'t>,
    source_text: &'t str,
    source: Rc<SourceText>,
) -> CResult<Rc<FunctionCode>> {
    let ctx = Ctx {
        tree,
        source,
        lines: LineIndex::new(source_text),
        eval_site: None,
    };
    let outer = FnCompiler::new(&ctx, 0);
    function::compile_function(&ctx, f, Some("anonymous"), outer.scope)
}

/// A register value returned by expression compilation: either a
/// temporary the caller must free, or a binding's own register that the
/// caller must not write or free.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Val {
    Temp(Reg),
    Local(Reg),
}

impl Val {
    pub fn reg(self) -> Reg {
        match self {
            Val::Temp(r) | Val::Local(r) => r,
        }
    }
}

/// Where an identifier lives at a given point of the code.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Access {
    Reg(Reg),
    Slot(Depth, SlotIdx),
    Global,
    Dynamic,
    /// A module's import binding: `GetImport` with the depth of the module
    /// environment and the import index.
    Import(Depth, u32),
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Resolved {
    pub access: Access,
    pub binding: Option<BindingId>,
    /// Reads/writes must check the TDZ.
    pub check_tdz: bool,
    pub kind: BindingKind,
}

#[derive(Hash, PartialEq, Eq)]
enum ConstKey {
    Name(String),
    Str(Vec<u16>),
    Num(u64),
    BigInt(String),
}

/// Compiles one FunctionCode.
pub(crate) struct FnCompiler<'c, 't> {
    pub ctx: &'c Ctx<'t>,
    pub func: FuncId,
    pub code: CodeBuilder,
    pub constants: Vec<Constant>,
    const_keys: HashMap<ConstKey, u32>,
    pub ic_count: u32,
    pub handlers: Vec<Handler>,
    next_reg: u32,
    max_reg: u32,
    /// Registers freed out of order, released when they reach the top.
    pending_free: Vec<bool>,
    /// The stack height that must hold between statements.
    pub locals_top: u32,
    /// Environments pushed by this frame at the current point.
    pub env_depth: u16,
    /// The current static scope.
    pub scope: ScopeId,
    pub binding_regs: HashMap<BindingId, Reg>,
    pub control: Vec<Control>,
    pub regions: Vec<control::Region>,
    /// Script/eval completion value register.
    pub completion: Option<Reg>,
    /// Flags register base of Annex B global functions (scripts/eval).
    pub annex_b_flags: Option<Reg>,
    pub next_jump_id: i32,
    pub loop_ids: usize,
    /// Regions closed so far, in closing order.
    pub pending_handlers: Vec<usize>,
    /// The virtual environment depth while emitting an exit sequence.
    pub exit_depth: Option<u16>,
    /// Saved `locals_top` values of the entered scopes.
    scope_tops: Vec<u32>,
    /// Bindings living in a register the scope did not allocate
    /// (`enter_scope_with`).
    borrowed_regs: Vec<BindingId>,
}

impl<'c, 't> FnCompiler<'c, 't> {
    pub fn new(ctx: &'c Ctx<'t>, func: FuncId) -> FnCompiler<'c, 't> {
        let scope = ctx.tree.funcs.get(func).map(|f| f.root).unwrap_or(0);
        FnCompiler {
            ctx,
            func,
            code: CodeBuilder::new(),
            constants: Vec::new(),
            const_keys: HashMap::new(),
            ic_count: 0,
            handlers: Vec::new(),
            next_reg: 0,
            max_reg: 0,
            pending_free: Vec::new(),
            locals_top: 0,
            env_depth: 0,
            scope,
            binding_regs: HashMap::new(),
            control: Vec::new(),
            regions: Vec::new(),
            completion: None,
            annex_b_flags: None,
            next_jump_id: 2,
            loop_ids: 0,
            pending_handlers: Vec::new(),
            exit_depth: None,
            scope_tops: Vec::new(),
            borrowed_regs: Vec::new(),
        }
    }

    pub fn tree(&self) -> &'t ScopeTree {
        self.ctx.tree
    }

    pub fn strict(&self) -> bool {
        self.tree().funcs[self.func].strict
    }

    pub fn kind(&self) -> FunctionKind {
        self.tree().funcs[self.func].kind
    }

    // ----- registers --------------------------------------------------

    pub fn alloc(&mut self) -> CResult<Reg> {
        let r = self.next_reg;
        if r >= u16::MAX as u32 {
            return Err(CompileError::new(
                "too many registers in one function",
                Span::default(),
            ));
        }
        self.next_reg += 1;
        self.max_reg = self.max_reg.max(self.next_reg);
        if self.pending_free.len() < self.next_reg as usize {
            self.pending_free.resize(self.next_reg as usize, false);
        }
        self.pending_free[r as usize] = false;
        Ok(Reg(r as u16))
    }

    /// Allocates `n` consecutive registers.
    pub fn alloc_n(&mut self, n: usize) -> CResult<Reg> {
        let first = Reg(self.next_reg as u16);
        for _ in 0..n {
            self.alloc()?;
        }
        Ok(first)
    }

    pub fn free(&mut self, r: Reg) {
        let r = r.0 as u32;
        if r >= self.next_reg {
            return;
        }
        if let Some(p) = self.pending_free.get_mut(r as usize) {
            *p = true;
        }
        while self.next_reg > 0 && self.pending_free[(self.next_reg - 1) as usize] {
            self.pending_free[(self.next_reg - 1) as usize] = false;
            self.next_reg -= 1;
        }
    }

    /// Frees `n` consecutive registers starting at `first`.
    pub fn free_n(&mut self, first: Reg, n: usize) {
        for i in (0..n).rev() {
            self.free(Reg(first.0 + i as u16));
        }
    }

    pub fn release(&mut self, v: Val) {
        if let Val::Temp(r) = v {
            self.free(r);
        }
    }

    pub fn height(&self) -> u32 {
        self.next_reg
    }

    /// Checks that no temporary leaked since the last statement boundary.
    pub fn check_balanced(&self) -> CResult<()> {
        if self.next_reg != self.locals_top {
            return Err(CompileError::internal(&format!(
                "leaked temporaries ({} live, {} expected)",
                self.next_reg, self.locals_top
            )));
        }
        Ok(())
    }

    // ----- constants --------------------------------------------------

    fn add_const(&mut self, key: Option<ConstKey>, c: Constant) -> CResult<ConstIdx> {
        if let Some(k) = &key {
            if let Some(&i) = self.const_keys.get(k) {
                return Ok(ConstIdx(i));
            }
        }
        let i = u32::try_from(self.constants.len())
            .map_err(|_| CompileError::new("too many constants", Span::default()))?;
        self.constants.push(c);
        if let Some(k) = key {
            self.const_keys.insert(k, i);
        }
        Ok(ConstIdx(i))
    }

    pub fn name_const(&mut self, name: &str) -> CResult<ConstIdx> {
        self.add_const(
            Some(ConstKey::Name(name.to_string())),
            Constant::Name(name.into()),
        )
    }

    pub fn string_const(&mut self, s: &[u16]) -> CResult<ConstIdx> {
        self.add_const(Some(ConstKey::Str(s.to_vec())), Constant::String(s.into()))
    }

    pub fn str_const(&mut self, s: &str) -> CResult<ConstIdx> {
        let units: Vec<u16> = s.encode_utf16().collect();
        self.string_const(&units)
    }

    pub fn number_const(&mut self, n: f64) -> CResult<ConstIdx> {
        self.add_const(Some(ConstKey::Num(n.to_bits())), Constant::Number(n))
    }

    pub fn bigint_const(&mut self, text: String) -> CResult<ConstIdx> {
        self.add_const(
            Some(ConstKey::BigInt(text.clone())),
            Constant::BigInt(text.into()),
        )
    }

    pub fn other_const(&mut self, c: Constant) -> CResult<ConstIdx> {
        self.add_const(None, c)
    }

    pub fn ic(&mut self) -> IcSlot {
        self.ic_count += 1;
        IcSlot(self.ic_count - 1)
    }

    // ----- emission ---------------------------------------------------

    pub fn emit(&mut self, i: I) {
        self.code.emit(i);
    }

    pub fn emit_jump(&mut self, i: I, l: Label) {
        self.code.emit_jump(i, l);
    }

    pub fn jump(&mut self, l: Label) {
        self.code.emit_jump(
            I::Jump {
                offset: JumpOffset(0),
            },
            l,
        );
    }

    pub fn label(&mut self) -> Label {
        self.code.new_label()
    }

    pub fn bind(&mut self, l: Label) {
        self.code.bind(l);
    }

    /// Attributes the next instructions to the source position of `span`.
    pub fn pos(&mut self, span: Span) {
        let (l, c) = self.ctx.lines.line_col(span.start);
        self.code.set_position(l, c);
    }

    pub fn load_int(&mut self, dst: Reg, v: i32) {
        self.emit(I::LoadInt {
            dst,
            value: jsvm_bytecode::Imm(v),
        });
    }

    pub fn load_undefined(&mut self, dst: Reg) {
        self.emit(I::LoadUndefined { dst });
    }

    pub fn mov(&mut self, dst: Reg, src: Reg) {
        if dst != src {
            self.emit(I::Mov { dst, src });
        }
    }

    pub fn throw_const(&mut self, kind: ErrorKind, msg: &str) -> CResult<()> {
        let message = self.str_const(msg)?;
        self.emit(I::ThrowConst { kind, message });
        Ok(())
    }

    // ----- scopes -----------------------------------------------------

    /// Enters scope `s` (a child of the current one): pushes its
    /// environment if materialized and allocates registers for its
    /// uncaptured bindings (LoadUninit where a TDZ read is possible).
    pub fn enter_scope(&mut self, s: ScopeId) -> CResult<()> {
        self.enter_scope_with(s, None)
    }

    /// `enter_scope`, except that binding `pre.0` lives in the existing
    /// register `pre.1` (already holding its value; not freed on leaving).
    pub fn enter_scope_with(&mut self, s: ScopeId, pre: Option<(BindingId, Reg)>) -> CResult<()> {
        let tree = self.tree();
        let sc = &tree.scopes[s];
        self.scope = s;
        self.scope_tops.push(self.locals_top);
        if sc.materialized
            && !matches!(
                sc.kind,
                SKind::With | SKind::External | SKind::ExternalWith | SKind::Module
            )
        {
            let d = sc
                .descriptor
                .clone()
                .ok_or_else(|| CompileError::internal("materialized scope without descriptor"))?;
            let k = self.other_const(Constant::Scope(d))?;
            self.emit(I::PushScope { scope: k });
            self.push_env()?;
        }
        for &b in &sc.bindings {
            let binding = &tree.bindings[b];
            if binding.captured || !binding.used {
                continue;
            }
            if binding.param_index.is_some() && sc.kind == SKind::Function {
                continue;
            }
            if let Some((pb, reg)) = pre.filter(|p| p.0 == b) {
                self.binding_regs.insert(pb, reg);
                self.borrowed_regs.push(pb);
                continue;
            }
            let r = self.alloc()?;
            self.binding_regs.insert(b, r);
            if binding.tdz && binding.needs_uninit_load {
                self.emit(I::LoadUninit { dst: r });
            }
        }
        self.locals_top = self.next_reg;
        Ok(())
    }

    /// Leaves scope `s`: frees its registers and pops its environment.
    pub fn leave_scope(&mut self, s: ScopeId, emit_pop: bool) {
        let tree = self.tree();
        let sc = &tree.scopes[s];
        for &b in sc.bindings.iter().rev() {
            if let Some(i) = self.borrowed_regs.iter().position(|&x| x == b) {
                self.borrowed_regs.swap_remove(i);
                self.binding_regs.remove(&b);
                continue;
            }
            if let Some(r) = self.binding_regs.remove(&b) {
                if tree.bindings[b].param_index.is_none() || sc.kind != SKind::Function {
                    self.free(r);
                }
            }
        }
        if sc.materialized && !matches!(sc.kind, SKind::External | SKind::ExternalWith) {
            if emit_pop {
                self.emit(I::PopScope {});
            }
            self.env_depth = self.env_depth.saturating_sub(1);
        }
        self.scope = sc.parent.unwrap_or(0);
        self.locals_top = self.scope_tops.pop().unwrap_or(self.next_reg);
    }

    /// Allocates a register that lives until `free_local` (kept out of the
    /// statement-boundary leak check).
    pub fn alloc_local(&mut self) -> CResult<Reg> {
        let r = self.alloc()?;
        self.locals_top = self.next_reg;
        Ok(r)
    }

    pub fn free_local(&mut self, r: Reg) {
        self.free(r);
        self.locals_top = self.next_reg;
    }

    pub fn push_env(&mut self) -> CResult<()> {
        self.env_depth = self
            .env_depth
            .checked_add(1)
            .ok_or_else(|| CompileError::new("too many nested scopes", Span::default()))?;
        Ok(())
    }

    // ----- identifier resolution ---------------------------------------

    /// Resolves `name` referenced at `pos` from the current scope.
    pub fn resolve(&self, name: &str, pos: u32) -> CResult<Resolved> {
        let tree = self.tree();
        let l = tree.lookup(self.scope, name);
        let Some(b) = l.binding else {
            return Ok(Resolved {
                access: if l.dynamic {
                    Access::Dynamic
                } else {
                    Access::Global
                },
                binding: None,
                check_tdz: false,
                kind: BindingKind::Var,
            });
        };
        let binding = &tree.bindings[b];
        if l.dynamic {
            return Ok(Resolved {
                access: Access::Dynamic,
                binding: Some(b),
                check_tdz: false,
                kind: binding.kind,
            });
        }
        if let Some(index) = binding.import {
            let depth = tree
                .depth(self.scope, binding.scope)
                .ok_or_else(|| CompileError::internal("module scope is not an ancestor"))?;
            return Ok(Resolved {
                access: Access::Import(Depth(depth), index),
                binding: Some(b),
                check_tdz: false,
                kind: BindingKind::Const,
            });
        }
        let same_func = tree.binding_func(b) == self.func;
        let is_switch = tree.scopes[binding.scope].kind == SKind::Switch;
        let check_tdz = binding.tdz && (!same_func || pos < binding.decl_end || is_switch);
        let access = if binding.captured {
            let slot = binding.slot.ok_or_else(|| {
                CompileError::internal(&format!("captured binding {name} has no slot"))
            })?;
            let depth = tree
                .depth(self.scope, binding.scope)
                .ok_or_else(|| CompileError::internal("binding scope is not an ancestor"))?;
            Access::Slot(Depth(depth), SlotIdx(slot))
        } else if !same_func {
            return Err(CompileError::internal(&format!(
                "uncaptured binding {name} used from another function"
            )));
        } else if let Some(&r) = self.binding_regs.get(&b) {
            Access::Reg(r)
        } else if let Some(i) = binding.param_index {
            Access::Reg(Reg(i))
        } else {
            return Err(CompileError::internal(&format!(
                "binding {name} has no register"
            )));
        };
        Ok(Resolved {
            access,
            binding: Some(b),
            check_tdz,
            kind: binding.kind,
        })
    }

    /// The access path to binding `b` (which must be visible) from the
    /// current scope, without name lookup (Annex B var bindings).
    pub fn resolve_binding(&self, b: BindingId) -> CResult<Resolved> {
        let tree = self.tree();
        let binding = &tree.bindings[b];
        let access = if binding.captured {
            let slot = binding
                .slot
                .ok_or_else(|| CompileError::internal("binding without slot"))?;
            let depth = tree
                .depth(self.scope, binding.scope)
                .ok_or_else(|| CompileError::internal("binding scope is not an ancestor"))?;
            Access::Slot(Depth(depth), SlotIdx(slot))
        } else if let Some(&r) = self.binding_regs.get(&b) {
            Access::Reg(r)
        } else if let Some(i) = binding.param_index {
            Access::Reg(Reg(i))
        } else {
            return Err(CompileError::internal("binding has no register"));
        };
        Ok(Resolved {
            access,
            binding: Some(b),
            check_tdz: false,
            kind: binding.kind,
        })
    }

    /// Reads a resolved binding into `dst`.
    pub fn load_resolved(&mut self, r: &Resolved, name: &str, dst: Reg) -> CResult<()> {
        match r.access {
            Access::Reg(reg) => {
                if r.check_tdz {
                    if name == "this" {
                        self.emit(I::CheckThisInit { src: reg });
                    } else {
                        let n = self.name_const(name)?;
                        self.emit(I::CheckInit { src: reg, name: n });
                    }
                }
                self.mov(dst, reg);
            }
            Access::Slot(depth, slot) => {
                if r.check_tdz && name == "this" {
                    self.emit(I::GetSlot { dst, depth, slot });
                    self.emit(I::CheckThisInit { src: dst });
                } else if r.check_tdz {
                    self.emit(I::GetSlotChecked { dst, depth, slot });
                } else {
                    self.emit(I::GetSlot { dst, depth, slot });
                }
            }
            // `undefined`, `NaN` and `Infinity` are non-writable,
            // non-configurable properties of every global object, and no
            // global declaration may replace them (CanDeclareGlobalVar/
            // Function/Lexical refuse), so a read resolved to the global
            // scope is a constant.
            Access::Global if name == "undefined" => self.load_undefined(dst),
            Access::Global if name == "NaN" => self.load_number(f64::NAN, dst)?,
            Access::Global if name == "Infinity" => self.load_number(f64::INFINITY, dst)?,
            Access::Global => {
                let n = self.name_const(name)?;
                let ic = self.ic();
                self.emit(I::GetGlobal { dst, name: n, ic });
            }
            Access::Dynamic => {
                let n = self.name_const(name)?;
                self.emit(I::GetName { dst, name: n });
            }
            Access::Import(depth, index) => self.emit(I::GetImport {
                dst,
                depth,
                index: SlotIdx(index),
            }),
        }
        Ok(())
    }

    /// Reads a binding without TDZ check (hidden bindings, raw `this`).
    pub fn load_raw(&mut self, r: &Resolved, dst: Reg) {
        match r.access {
            Access::Reg(reg) => self.mov(dst, reg),
            Access::Slot(depth, slot) => self.emit(I::GetSlot { dst, depth, slot }),
            Access::Global | Access::Dynamic => self.load_undefined(dst),
            Access::Import(depth, index) => self.emit(I::GetImport {
                dst,
                depth,
                index: SlotIdx(index),
            }),
        }
    }

    /// Initializes a binding (declaration semantics: no TDZ or const check).
    pub fn init_resolved(&mut self, r: &Resolved, name: &str, src: Reg) -> CResult<()> {
        match r.access {
            Access::Import(..) => {
                return Err(CompileError::internal(
                    "initialization of an import binding",
                ))
            }
            Access::Reg(reg) => self.mov(reg, src),
            Access::Slot(depth, slot) => self.emit(I::SetSlot { depth, slot, src }),
            Access::Global => {
                let n = self.name_const(name)?;
                let ic = self.ic();
                self.emit(I::SetGlobal { name: n, src, ic });
            }
            Access::Dynamic => {
                let n = self.name_const(name)?;
                self.emit(I::SetName { name: n, src });
            }
        }
        Ok(())
    }

    /// Assigns to a resolved binding (PutValue semantics).
    pub fn store_resolved(&mut self, r: &Resolved, name: &str, src: Reg) -> CResult<()> {
        if let Access::Import(..) = r.access {
            // Import bindings are initialized immutable indirect bindings
            // (CreateImportBinding): SetMutableBinding throws a TypeError.
            return self.throw_const(ErrorKind::TYPE_ERROR, "Assignment to constant variable.");
        }
        if matches!(r.access, Access::Reg(_) | Access::Slot(..)) {
            match r.kind {
                BindingKind::Const => {
                    self.check_tdz_only(r, name)?;
                    return self
                        .throw_const(ErrorKind::TYPE_ERROR, "Assignment to constant variable.");
                }
                BindingKind::FunctionName => {
                    if self.strict() {
                        return self.throw_const(
                            ErrorKind::TYPE_ERROR,
                            "Assignment to constant variable.",
                        );
                    }
                    return Ok(());
                }
                _ => {}
            }
        }
        match r.access {
            Access::Reg(reg) => {
                if r.check_tdz {
                    let n = self.name_const(name)?;
                    self.emit(I::CheckInit { src: reg, name: n });
                }
                self.mov(reg, src);
            }
            Access::Slot(depth, slot) => {
                if r.check_tdz {
                    self.emit(I::SetSlotChecked { depth, slot, src });
                } else {
                    self.emit(I::SetSlot { depth, slot, src });
                }
            }
            Access::Global => {
                let n = self.name_const(name)?;
                let ic = self.ic();
                self.emit(I::SetGlobal { name: n, src, ic });
            }
            Access::Dynamic => {
                let n = self.name_const(name)?;
                self.emit(I::SetName { name: n, src });
            }
            Access::Import(..) => {}
        }
        Ok(())
    }

    /// Emits only the TDZ check of a binding (before a const error).
    fn check_tdz_only(&mut self, r: &Resolved, name: &str) -> CResult<()> {
        if !r.check_tdz {
            return Ok(());
        }
        match r.access {
            Access::Reg(reg) => {
                let n = self.name_const(name)?;
                self.emit(I::CheckInit { src: reg, name: n });
            }
            Access::Slot(depth, slot) => {
                let t = self.alloc()?;
                self.emit(I::GetSlotChecked {
                    dst: t,
                    depth,
                    slot,
                });
                self.free(t);
            }
            _ => {}
        }
        Ok(())
    }

    /// Reads hidden binding `name` (this, new.target, %home, %fn, %init)
    /// into `dst`; falls back to frame/global loads where the binding does
    /// not exist (script-level `this`).
    pub fn load_hidden(&mut self, name: &str, dst: Reg) -> CResult<()> {
        let r = self.resolve(name, u32::MAX)?;
        match (r.binding, name) {
            (None, "this") => self.emit(I::LoadGlobalThis { dst }),
            (None, _) => self.load_undefined(dst),
            (Some(b), "this") => {
                let checked = Resolved {
                    check_tdz: self.tree().bindings[b].tdz,
                    ..r
                };
                self.load_resolved(&checked, name, dst)?;
            }
            (Some(_), _) => self.load_raw(&r, dst),
        }
        Ok(())
    }

    /// Builds the finished FunctionCode.
    pub fn finish(self, name: &str, span: Span) -> CResult<Rc<FunctionCode>> {
        let length = 0;
        self.finish_with(name, span, length, 0)
    }

    pub fn finish_with(
        mut self,
        name: &str,
        span: Span,
        length: u32,
        param_count: u16,
    ) -> CResult<Rc<FunctionCode>> {
        if !self.code.is_unreachable() {
            // Implicit `return undefined` (or the completion value).
            let r = self.alloc()?;
            match self.completion {
                Some(c) => self.mov(r, c),
                None => self.load_undefined(r),
            }
            self.emit_return(r)?;
            self.free(r);
        }
        self.finish_regions()?;
        let func = &self.tree().funcs[self.func];
        let register_count = u16::try_from(self.max_reg.max(param_count as u32))
            .map_err(|_| CompileError::new("too many registers in one function", span))?;
        let mut handlers = std::mem::take(&mut self.handlers);
        let (code, lines) = self
            .code
            .finish()
            .map_err(|e| CompileError::internal(&e.to_string()))?;
        // Region handler targets were recorded as label ids; already pcs.
        handlers.retain(|h| h.start < h.end);
        Ok(Rc::new(FunctionCode {
            name: name.into(),
            kind: func.kind,
            strict: func.strict,
            generator: func.generator,
            is_async: func.is_async,
            length,
            param_count,
            register_count,
            ic_count: self.ic_count,
            code: code.into_boxed_slice(),
            constants: self.constants.into_boxed_slice(),
            handlers: handlers.into_boxed_slice(),
            lines: lines.into_boxed_slice(),
            source: self.ctx.source.clone(),
            source_start: span.start,
            source_end: span.end,
        }))
    }
}
