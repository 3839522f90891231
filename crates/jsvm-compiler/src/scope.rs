//! The scope tree built by the resolver (pass 1) and read by the emitter
//! (pass 2): scopes, bindings, compiled functions, and name lookup.
//!
//! Invariant: after `finish_analysis`, every binding's `captured` flag is
//! final, every materialized scope has a descriptor whose slots are exactly
//! its captured bindings in slot order, and a lookup from a given scope
//! returns the same answer in both passes.

use std::rc::Rc;

use hashbrown::HashMap;
use jsvm_bytecode::{BindingKind, FunctionKind, ScopeDescriptor, ScopeKind, SlotInfo};

pub(crate) type ScopeId = usize;
pub(crate) type BindingId = usize;
pub(crate) type FuncId = usize;

/// What a scope of the tree stands for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum SKind {
    /// Script top level: its declarations are globals, not bindings.
    Script,
    /// Module top level: the module environment (created by the engine at
    /// link time; slot 0 holds the module record).
    Module,
    /// Eval code's top-level scope.
    Eval,
    /// A named function expression's own name.
    FunctionName,
    /// Sloppy function with parameter expressions containing a direct eval:
    /// the (empty, growable) variable environment the eval declares into.
    ParamEvalVar,
    /// A function's parameters (and, without parameter expressions, its
    /// vars and top-level lexical declarations).
    Function,
    /// The separate var scope of a function with parameter expressions.
    FunctionBody,
    Block,
    /// A switch case block (no TDZ elision: cases can be skipped).
    Switch,
    /// A catch parameter scope.
    Catch,
    Class,
    /// A `with` object environment.
    With,
    /// A declarative environment of an eval call site's chain.
    External,
    /// A `with` environment of an eval call site's chain.
    ExternalWith,
}

impl SKind {
    fn descriptor_kind(self) -> ScopeKind {
        match self {
            SKind::Eval => ScopeKind::Eval,
            SKind::FunctionName => ScopeKind::FunctionName,
            SKind::ParamEvalVar | SKind::Function | SKind::Script | SKind::Module => {
                ScopeKind::Function
            }
            SKind::FunctionBody => ScopeKind::FunctionBody,
            SKind::Catch => ScopeKind::Catch,
            SKind::Class => ScopeKind::Class,
            SKind::Block | SKind::Switch | SKind::With | SKind::External | SKind::ExternalWith => {
                ScopeKind::Block
            }
        }
    }
}

#[derive(Debug)]
pub(crate) struct Binding {
    pub name: String,
    pub kind: BindingKind,
    pub scope: ScopeId,
    /// Lives in an environment slot rather than a register.
    pub captured: bool,
    /// Referenced at all (hidden bindings and `arguments` are declared
    /// speculatively and only set up when used).
    pub used: bool,
    /// Starts uninitialized (TDZ).
    pub tdz: bool,
    /// References in the same function at or after this source offset see
    /// the binding initialized (when the scope is not a switch).
    pub decl_end: u32,
    /// A same-function reference may observe the TDZ, so a register
    /// binding must be set to `<uninitialized>` when its scope is entered.
    pub needs_uninit_load: bool,
    /// The parameter position of a simple parameter (its argument register).
    pub param_index: Option<u16>,
    /// Slot index once captured (fixed for external scopes).
    pub slot: Option<u32>,
    /// A module's import binding (not a namespace import): its index in
    /// the module's import table. Reads go through `GetImport`; it gets a
    /// placeholder slot (named by `import_slot_name`) only when a direct
    /// eval can see it, so that the eval code can find it.
    pub import: Option<u32>,
    /// Visible to a direct eval.
    pub eval_visible: bool,
}

/// The name of the placeholder slot of import binding `index` named
/// `name` in a module scope descriptor: eval code compiled against the
/// descriptor turns it back into an import binding.
pub(crate) fn import_slot_name(index: u32, name: &str) -> String {
    format!("%import:{index}:{name}")
}

/// The import index and name of a placeholder slot name.
pub(crate) fn parse_import_slot_name(slot: &str) -> Option<(u32, &str)> {
    let rest = slot.strip_prefix("%import:")?;
    let (index, name) = rest.split_once(':')?;
    Some((index.parse().ok()?, name))
}

#[derive(Debug)]
pub(crate) struct Scope {
    pub kind: SKind,
    pub parent: Option<ScopeId>,
    pub func: FuncId,
    pub bindings: Vec<BindingId>,
    pub names: HashMap<String, BindingId>,
    /// A direct eval occurs directly in this scope.
    pub has_eval: bool,
    /// Sloppy direct eval may add var bindings here at run time.
    pub growable: bool,
    pub var_scope: bool,
    /// Exists at run time as an environment (computed by
    /// `finish_analysis`; external and with scopes always).
    pub materialized: bool,
    pub descriptor: Option<Rc<ScopeDescriptor>>,
    /// For class scopes: the class has an instance initializer.
    pub has_instance_init: bool,
}

/// One unit of compiled code (a FunctionCode).
#[derive(Debug)]
pub(crate) struct Func {
    pub kind: FunctionKind,
    pub strict: bool,
    /// Outermost scope belonging to the function.
    pub root: ScopeId,
    /// The parameter scope.
    pub scope: ScopeId,
    /// The var scope of the body (== `scope` without parameter expressions).
    pub body_scope: ScopeId,
    /// A synthetic class field initializer function.
    pub field_initializer: bool,
    /// The implicit `arguments` binding, if declared.
    pub arguments: Option<BindingId>,
    /// A sloppy function with simple parameters: `arguments` is mapped.
    pub mapped_arguments: bool,
    /// A generator (`function*`) body.
    pub generator: bool,
    /// An async function or async generator body.
    pub is_async: bool,
}

/// Keys of scopes/functions created for AST nodes.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum Tag {
    FuncName,
    ParamEval,
    Func,
    FuncBody,
    Block,
    ForHead,
    ForTdz,
    ForIter,
    Switch,
    CatchParam,
    Class,
    With,
    InstanceInit,
    StaticInit,
    StaticBlock,
}

/// AST nodes that own scopes (keys are node addresses, so the argument
/// must be the arena node itself, never a reference to a reference).
pub(crate) trait ScopeNode {}
impl ScopeNode for jsvm_syntax::ast::Function<'_> {}
impl ScopeNode for jsvm_syntax::ast::BlockStatement<'_> {}
impl ScopeNode for jsvm_syntax::ast::ForStatement<'_> {}
impl ScopeNode for jsvm_syntax::ast::ForInStatement<'_> {}
impl ScopeNode for jsvm_syntax::ast::ForOfStatement<'_> {}
impl ScopeNode for jsvm_syntax::ast::SwitchStatement<'_> {}
impl ScopeNode for jsvm_syntax::ast::CatchClause<'_> {}
impl ScopeNode for jsvm_syntax::ast::WithStatement<'_> {}
impl ScopeNode for jsvm_syntax::ast::Class<'_> {}
impl ScopeNode for jsvm_syntax::ast::StaticBlock<'_> {}

pub(crate) fn node_key<T: ScopeNode>(node: &T, tag: Tag) -> (usize, Tag) {
    (node as *const T as usize, tag)
}

/// The result of resolving a name from a scope.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Lookup {
    pub binding: Option<BindingId>,
    /// A `with` or growable scope lies between the reference and the
    /// binding (or the global): the access must be by name.
    pub dynamic: bool,
}

#[derive(Debug, Default)]
pub(crate) struct ScopeTree {
    pub scopes: Vec<Scope>,
    pub bindings: Vec<Binding>,
    pub funcs: Vec<Func>,
    pub node_scopes: HashMap<(usize, Tag), ScopeId>,
    pub node_funcs: HashMap<(usize, Tag), FuncId>,
    /// Annex B.3.3: function declaration node -> the var binding it copies
    /// itself into when evaluated (functions and strict-free eval only).
    pub annex_b_bindings: HashMap<usize, BindingId>,
    /// Annex B in scripts/sloppy eval: function declaration node -> index in
    /// the `annex_b` declaration list (the flag register offset).
    pub annex_b_global: HashMap<usize, usize>,
}

impl ScopeTree {
    pub fn new_scope(&mut self, kind: SKind, parent: Option<ScopeId>, func: FuncId) -> ScopeId {
        let materialized = matches!(kind, SKind::With | SKind::External | SKind::ExternalWith);
        self.scopes.push(Scope {
            kind,
            parent,
            func,
            bindings: Vec::new(),
            names: HashMap::new(),
            has_eval: false,
            growable: false,
            var_scope: false,
            materialized,
            descriptor: None,
            has_instance_init: false,
        });
        self.scopes.len() - 1
    }

    /// Declares `name` in `scope` unless already declared there; returns the
    /// binding (existing or new).
    pub fn declare(
        &mut self,
        scope: ScopeId,
        name: &str,
        kind: BindingKind,
        decl_end: u32,
    ) -> BindingId {
        if let Some(&b) = self.scopes[scope].names.get(name) {
            return b;
        }
        let tdz = matches!(kind, BindingKind::Let | BindingKind::Const);
        self.bindings.push(Binding {
            name: name.to_string(),
            kind,
            scope,
            captured: false,
            used: !matches!(kind, BindingKind::Hidden),
            tdz,
            decl_end,
            needs_uninit_load: false,
            param_index: None,
            slot: None,
            import: None,
            eval_visible: false,
        });
        let id = self.bindings.len() - 1;
        self.scopes[scope].bindings.push(id);
        self.scopes[scope].names.insert(name.to_string(), id);
        id
    }

    pub fn lookup(&self, from: ScopeId, name: &str) -> Lookup {
        let hidden = is_hidden_name(name);
        let mut dynamic = false;
        let mut s = from;
        loop {
            let sc = &self.scopes[s];
            if matches!(sc.kind, SKind::With | SKind::ExternalWith) && !hidden {
                dynamic = true;
            }
            if let Some(&b) = sc.names.get(name) {
                return Lookup {
                    binding: Some(b),
                    dynamic,
                };
            }
            if sc.growable && !hidden {
                dynamic = true;
            }
            match sc.parent {
                Some(p) => s = p,
                None => {
                    return Lookup {
                        binding: None,
                        dynamic,
                    }
                }
            }
        }
    }

    /// Number of run-time environments between scope `from` (inclusive)
    /// and its ancestor `to` (exclusive).
    pub fn depth(&self, from: ScopeId, to: ScopeId) -> Option<u16> {
        let mut d: u32 = 0;
        let mut s = from;
        while s != to {
            if self.scopes[s].materialized {
                d += 1;
            }
            s = self.scopes[s].parent?;
        }
        u16::try_from(d).ok()
    }

    /// The function of the binding's scope.
    pub fn binding_func(&self, b: BindingId) -> FuncId {
        self.scopes[self.bindings[b].scope].func
    }

    /// The nearest ancestor-or-self scope of `kind`.
    pub fn enclosing_of_kind(&self, from: ScopeId, kind: SKind) -> Option<ScopeId> {
        let mut s = from;
        loop {
            if self.scopes[s].kind == kind {
                return Some(s);
            }
            s = self.scopes[s].parent?;
        }
    }

    /// Marks scopes with captured bindings (or growable / eval-bearing) as
    /// materialized, assigns slots and builds descriptors.
    pub fn finish_analysis(&mut self) {
        // Direct eval: every binding visible from the eval is captured.
        let eval_scopes: Vec<ScopeId> = (0..self.scopes.len())
            .filter(|&s| self.scopes[s].has_eval)
            .collect();
        for s in eval_scopes {
            let mut cur = Some(s);
            while let Some(c) = cur {
                for &b in &self.scopes[c].bindings {
                    self.bindings[b].captured = true;
                    self.bindings[b].used = true;
                    self.bindings[b].eval_visible = true;
                }
                cur = self.scopes[c].parent;
            }
        }
        // Mapped arguments alias the parameters, which must live in slots.
        for f in 0..self.funcs.len() {
            let Some(a) = self.funcs[f].arguments else {
                continue;
            };
            if !self.funcs[f].mapped_arguments || !self.bindings[a].used {
                continue;
            }
            let scope = self.funcs[f].scope;
            for &b in &self.scopes[scope].bindings {
                if self.bindings[b].param_index.is_some() {
                    self.bindings[b].captured = true;
                }
            }
        }
        for s in 0..self.scopes.len() {
            let kind = self.scopes[s].kind;
            if matches!(kind, SKind::External | SKind::ExternalWith | SKind::With) {
                continue;
            }
            let mut slots = Vec::new();
            let mut next = 0u32;
            for &b in &self.scopes[s].bindings {
                let binding = &mut self.bindings[b];
                if let Some(index) = binding.import {
                    if binding.eval_visible {
                        binding.slot = Some(next);
                        next += 1;
                        slots.push(SlotInfo {
                            name: import_slot_name(index, &binding.name).into_boxed_str(),
                            kind: BindingKind::Hidden,
                            uninit: false,
                        });
                    }
                } else if binding.captured && binding.used {
                    binding.slot = Some(next);
                    next += 1;
                    slots.push(SlotInfo {
                        name: binding.name.clone().into_boxed_str(),
                        kind: binding.kind,
                        uninit: binding.tdz,
                    });
                }
            }
            let sc = &mut self.scopes[s];
            sc.materialized = kind != SKind::Script && (!slots.is_empty() || sc.growable);
            if sc.materialized {
                sc.descriptor = Some(Rc::new(ScopeDescriptor {
                    kind: kind.descriptor_kind(),
                    var_scope: sc.var_scope,
                    growable: sc.growable,
                    slots: slots.into_boxed_slice(),
                }));
            }
        }
    }
}

/// Hidden binding names (`this`, `new.target`, `%...`) and private names
/// (`#x`) are never affected by `with` or eval-added bindings.
pub(crate) fn is_hidden_name(name: &str) -> bool {
    name.starts_with('%') || name.starts_with('#') || name == "this" || name == "new.target"
}
