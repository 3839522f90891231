//! Environment records (ECMAScript 9.1) as heap cells: declarative
//! environments laid out by the compiler's scope descriptors (which can grow
//! by name for sloppy direct eval), object environments (`with`, and the
//! object part of the global environment) and the global environment.
//!
//! Invariant: a declarative environment has exactly one value per slot of its
//! descriptor (static slot indices never change); names that sloppy direct
//! eval adds live beside them in `extra`, are mutable and deletable. The
//! `<uninitialized>` marker (`Value::Uninit`) in a slot is the TDZ and never
//! escapes to JS. Every handle an environment holds is reported by `trace`.
//!
//! Name resolution and the operations on references found by name (GetName,
//! SetName, typeof, delete, the global binding operations) are in
//! `interp::names`.

use std::rc::Rc;

use hashbrown::HashMap;
use jsvm_bytecode::{BindingKind, ScopeDescriptor, ScopeKind};

use crate::atom::Atom;
use crate::heap::Tracer;
use crate::value::{EnvId, ObjId, Value};
use crate::vm::Vm;

/// A scope descriptor with its slot names interned, shared by every
/// environment created from it.
#[derive(Debug)]
pub struct ScopeInfo {
    pub desc: Rc<ScopeDescriptor>,
    /// One atom per slot (hidden slots too; `find` never matches those).
    pub names: Box<[Atom]>,
}

impl ScopeInfo {
    pub fn new(vm: &mut Vm, desc: Rc<ScopeDescriptor>) -> ScopeInfo {
        let names = desc.slots.iter().map(|s| vm.intern(&s.name)).collect();
        ScopeInfo { desc, names }
    }
    /// The slot of the non-hidden binding `name`.
    pub fn find(&self, name: Atom) -> Option<u32> {
        self.names
            .iter()
            .zip(self.desc.slots.iter())
            .position(|(n, s)| *n == name && s.kind != BindingKind::Hidden)
            .map(|i| i as u32)
    }
    pub fn kind(&self, slot: u32) -> BindingKind {
        self.desc
            .slots
            .get(slot as usize)
            .map_or(BindingKind::Var, |s| s.kind)
    }
    pub fn name(&self, slot: u32) -> Atom {
        self.names
            .get(slot as usize)
            .copied()
            .unwrap_or(crate::atom::atoms::EMPTY)
    }
}

/// A declarative environment record (also a function's environment: the
/// compiler keeps `this`, `new.target` and the home object in hidden slots).
pub struct DeclEnv {
    pub scope: Rc<ScopeInfo>,
    pub slots: Vec<Value>,
    /// Bindings added by sloppy direct eval (`var`s and functions): mutable,
    /// deletable, searched after the descriptor's names.
    pub extra: Vec<(Atom, Value)>,
}

/// One binding of the global environment's declarative record.
#[derive(Clone, Copy, Debug)]
pub struct GlobalLexical {
    pub name: Atom,
    /// `Value::Uninit` until initialized.
    pub value: Value,
    pub is_const: bool,
}

/// The global environment record (9.1.1.4): an object record over the
/// global object and a declarative record for top-level lexical
/// declarations. Its [[GlobalThisValue]] is always the global object
/// (`names::realm_global_this`), so it is not stored.
///
/// Invariant: lexical bindings are only ever added (never removed), so an
/// index into `lexical` stays valid and inline caches may keep it.
pub struct GlobalEnv {
    pub object: ObjId,
    pub lexical: Vec<GlobalLexical>,
    lexical_index: HashMap<Atom, u32>,
}

impl GlobalEnv {
    /// The index of lexical binding `name`.
    #[inline]
    pub fn lexical_slot(&self, name: Atom) -> Option<u32> {
        self.lexical_index.get(&name).copied()
    }
    pub fn lexical(&self, name: Atom) -> Option<&GlobalLexical> {
        self.lexical.get(self.lexical_slot(name)? as usize)
    }
    pub fn lexical_mut(&mut self, name: Atom) -> Option<&mut GlobalLexical> {
        let i = self.lexical_slot(name)?;
        self.lexical.get_mut(i as usize)
    }
    /// Adds an uninitialized lexical binding (a no-op if it exists).
    pub fn add_lexical(&mut self, name: Atom, is_const: bool) {
        if self.lexical_index.contains_key(&name) {
            return;
        }
        self.lexical_index.insert(name, self.lexical.len() as u32);
        self.lexical.push(GlobalLexical {
            name,
            value: Value::Uninit,
            is_const,
        });
    }
}

/// What kind of environment record a heap environment is.
pub enum EnvKind {
    Declarative(DeclEnv),
    /// An object environment record; `with` is its [[IsWithEnvironment]].
    Object {
        object: ObjId,
        with: bool,
    },
    Global(Box<GlobalEnv>),
}

/// A heap environment (declarative, function, object/with, global). The heap
/// stores these in an arena addressed by `EnvId` and calls `trace` during
/// marking.
pub struct Environment {
    /// [[OuterEnv]] (None only for global environments).
    pub outer: Option<EnvId>,
    pub kind: EnvKind,
}

impl Environment {
    /// A declarative environment for `scope`, slots initialized per the
    /// descriptor (TDZ marker or undefined).
    pub fn declarative(scope: Rc<ScopeInfo>, outer: EnvId) -> Environment {
        let slots = scope
            .desc
            .slots
            .iter()
            .map(|s| {
                if s.uninit {
                    Value::Uninit
                } else {
                    Value::Undefined
                }
            })
            .collect();
        Environment {
            outer: Some(outer),
            kind: EnvKind::Declarative(DeclEnv {
                scope,
                slots,
                extra: Vec::new(),
            }),
        }
    }

    /// NewGlobalEnvironment(G, G) (9.1.2.5), called by realm creation.
    pub fn new_global_env(vm: &mut Vm, global: ObjId) -> EnvId {
        vm.heap.alloc_env(Environment {
            outer: None,
            kind: EnvKind::Global(Box::new(GlobalEnv {
                object: global,
                lexical: Vec::new(),
                lexical_index: HashMap::new(),
            })),
        })
    }

    /// Reports every handle this environment holds.
    pub fn trace(&self, t: &mut Tracer) {
        if let Some(o) = self.outer {
            t.mark_env(o);
        }
        match &self.kind {
            EnvKind::Declarative(d) => {
                for &v in &d.slots {
                    t.mark_value(v);
                }
                for &(_, v) in &d.extra {
                    t.mark_value(v);
                }
            }
            EnvKind::Object { object, .. } => t.mark_object(*object),
            EnvKind::Global(g) => {
                t.mark_object(g.object);
                for b in &g.lexical {
                    t.mark_value(b.value);
                }
            }
        }
    }

    /// The value of slot `slot` of a declarative environment (undefined for
    /// anything else). Used by mapped arguments objects.
    pub fn arguments_slot(&self, slot: u32) -> Value {
        self.slot(slot).unwrap_or(Value::Undefined)
    }

    /// Writes slot `slot` of a declarative environment (mapped arguments).
    pub fn set_arguments_slot(&mut self, slot: u32, v: Value) {
        self.set_slot(slot, v);
    }

    #[inline]
    pub fn slot(&self, slot: u32) -> Option<Value> {
        match &self.kind {
            EnvKind::Declarative(d) => d.slots.get(slot as usize).copied(),
            _ => None,
        }
    }

    /// Writes a slot; false if there is no such slot.
    #[inline]
    pub fn set_slot(&mut self, slot: u32, v: Value) -> bool {
        match &mut self.kind {
            EnvKind::Declarative(d) => match d.slots.get_mut(slot as usize) {
                Some(s) => {
                    *s = v;
                    true
                }
                None => false,
            },
            _ => false,
        }
    }

    pub fn as_declarative(&self) -> Option<&DeclEnv> {
        match &self.kind {
            EnvKind::Declarative(d) => Some(d),
            _ => None,
        }
    }

    pub fn as_declarative_mut(&mut self) -> Option<&mut DeclEnv> {
        match &mut self.kind {
            EnvKind::Declarative(d) => Some(d),
            _ => None,
        }
    }

    pub fn as_global(&self) -> Option<&GlobalEnv> {
        match &self.kind {
            EnvKind::Global(g) => Some(g),
            _ => None,
        }
    }

    pub fn as_global_mut(&mut self) -> Option<&mut GlobalEnv> {
        match &mut self.kind {
            EnvKind::Global(g) => Some(g),
            _ => None,
        }
    }

    /// True for a declarative environment whose descriptor is a var scope
    /// (where sloppy direct eval declares its `var`s).
    pub fn is_var_scope(&self) -> bool {
        matches!(&self.kind, EnvKind::Declarative(d) if d.scope.desc.var_scope)
    }

    /// The descriptor kind of a declarative environment.
    pub fn scope_kind(&self) -> Option<ScopeKind> {
        self.as_declarative().map(|d| d.scope.desc.kind)
    }
}

impl DeclEnv {
    /// Where binding `name` lives in this record, if it has it.
    pub fn lookup(&self, name: Atom) -> Option<DeclSlot> {
        if let Some(s) = self.scope.find(name) {
            return Some(DeclSlot::Static(s));
        }
        self.extra
            .iter()
            .position(|(n, _)| *n == name)
            .map(DeclSlot::Extra)
    }
    pub fn read(&self, s: DeclSlot) -> Value {
        match s {
            DeclSlot::Static(i) => self.slots.get(i as usize).copied(),
            DeclSlot::Extra(i) => self.extra.get(i).map(|e| e.1),
        }
        .unwrap_or(Value::Undefined)
    }
    pub fn write(&mut self, s: DeclSlot, v: Value) {
        match s {
            DeclSlot::Static(i) => {
                if let Some(x) = self.slots.get_mut(i as usize) {
                    *x = v;
                }
            }
            DeclSlot::Extra(i) => {
                if let Some(x) = self.extra.get_mut(i) {
                    x.1 = v;
                }
            }
        }
    }
    /// The binding kind (eval-added bindings are `Var`).
    pub fn kind(&self, s: DeclSlot) -> BindingKind {
        match s {
            DeclSlot::Static(i) => self.scope.kind(i),
            DeclSlot::Extra(_) => BindingKind::Var,
        }
    }
}

/// A binding inside a declarative record: a descriptor slot or an
/// eval-added name (index into `extra`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclSlot {
    Static(u32),
    Extra(usize),
}

/// Walks `depth` environments outward from `env` (object environments
/// count). None if the chain is shorter (a compiler bug).
#[inline]
pub fn walk(vm: &Vm, mut env: EnvId, depth: u16) -> Option<EnvId> {
    for _ in 0..depth {
        env = vm.heap.env(env).outer?;
    }
    Some(env)
}
