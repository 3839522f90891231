//! ES modules (ECMA-262 16.2.1): Source Text Module Records and the JSON
//! modules' Synthetic Module Records, graph loading through the host's
//! [`ModuleLoader`], linking (`link.rs`), evaluation with top-level await
//! (`evaluate.rs`), module namespace exotic objects (`namespace.rs`),
//! `import()` and `import.meta` (`dynamic.rs`) and the interpreter's
//! module opcodes (`ops.rs`).
//!
//! A module record is a heap object of kind `ObjectKind::Module` which is
//! also the module's namespace object (its exotic internal methods apply
//! once `GetModuleNamespace` has filled in [[Exports]]; before that the
//! object is never visible to JS). Every module record is a persistent root
//! (modules live as long as the agent, as in a host's module map), so a
//! [`ModuleId`] never dangles.
//!
//! Invariant: a record's fields follow the Cyclic Module Record state
//! machine of the spec (new → unlinked → linking → linked → evaluating →
//! evaluating-async → evaluated); every handle a record holds is reported by
//! `ModuleRecord::trace`.

mod dynamic;
mod evaluate;
mod link;
pub(crate) mod namespace;
pub mod ops;

use std::rc::Rc;

use jsvm_bytecode::{BindingKind, ScopeDescriptor, ScopeKind, SlotInfo};
use jsvm_compiler::{ModuleCode, ModuleRequest, MODULE_SLOT_NAME};

use crate::api::{EvalError, SyntaxErrorInfo};
use crate::error::{JsError, JsResult};
use crate::heap::Tracer;
use crate::object::ObjectKind;
use crate::property::Attrs;
use crate::value::{EnvId, ObjId, PropertyKey, RealmId, Value};
use crate::vm::Vm;

pub use dynamic::Referrer;
pub use jsvm_compiler::ImportPhase;

/// A module record (and namespace object) handle. Module records are
/// never collected, so an id stays valid for the life of its `Vm`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ModuleId(pub(crate) ObjId);

impl ModuleId {
    /// The namespace object / record as a handle.
    pub fn object(self) -> ObjId {
        self.0
    }
}

/// The host hooks for modules (HostLoadImportedModule, 16.2.1.10, and
/// HostGetImportMetaProperties, 16.2.1.12), supplied by the embedder with
/// `Vm::set_module_loader`. The engine never reads files itself.
pub trait ModuleLoader {
    /// Resolves `request` against `referrer` and returns its module record,
    /// creating it with `Vm::parse_module` / `Vm::json_module` the first
    /// time (the host keeps the module map, so the same resolved module and
    /// type give the same record). An error is the load's throw completion
    /// (a rejected `import()`, a failed graph load).
    fn load(&self, vm: &mut Vm, referrer: &Referrer, request: &ModuleRequest)
        -> JsResult<ModuleId>;

    /// Adds the host's properties to `module`'s fresh `import.meta` object.
    fn import_meta(&self, _vm: &mut Vm, _module: ModuleId, _meta: ObjId) -> JsResult<()> {
        Ok(())
    }
}

/// [[Status]] of a module record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    New,
    Unlinked,
    Linking,
    Linked,
    Evaluating,
    EvaluatingAsync,
    Evaluated,
}

/// [[AsyncEvaluationOrder]]: unset, an integer (set when the module
/// became async-evaluating), or done.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AsyncOrder {
    Unset,
    Order(u64),
    Done,
}

/// What an import binding (or a namespace export) resolved to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// Not linked yet.
    Unresolved,
    /// A binding of `module`'s environment, in slot `slot`.
    Binding { module: ObjId, slot: u32 },
    /// The namespace object of `module` (`export * as ns`, `import * as`).
    Namespace(ObjId),
    /// The deferred namespace object of `module` (`import defer * as`).
    DeferredNamespace(ObjId),
}

/// One name of a namespace object's [[Exports]] and what it resolves to.
#[derive(Clone, Debug)]
pub struct NamespaceExport {
    pub key: PropertyKey,
    pub name: String,
    pub target: Target,
}

/// The kinds of module records.
pub enum ModuleKind {
    /// A Source Text Module Record (a Cyclic Module Record).
    Source(Rc<ModuleCode>),
    /// A Synthetic Module Record whose only export, "default", is the value
    /// (CreateDefaultExportSyntheticModule): JSON modules, text modules.
    Synthetic(Value),
}

/// What an `ObjectKind::Module` object is. (Always boxed in the object
/// kind; the rare deferred namespaces pay for the record's size.)
#[allow(clippy::large_enum_variant)]
pub enum ModuleObject {
    /// A module record (which is also its namespace object).
    Record(ModuleRecord),
    /// The deferred namespace object of the module record `module`.
    Deferred { module: ObjId },
}

impl ModuleObject {
    pub fn trace(&self, t: &mut Tracer) {
        match self {
            ModuleObject::Record(r) => r.trace(t),
            ModuleObject::Deferred { module } => t.mark_object(*module),
        }
    }
}

/// A module record's state.
pub struct ModuleRecord {
    /// [[Realm]].
    pub realm: RealmId,
    /// The host's name for the module (its path or URL): stack traces,
    /// error messages and resolution of its imports.
    pub name: String,
    pub kind: ModuleKind,
    pub status: Status,
    /// [[Environment]] (created by InitializeEnvironment / Link).
    pub environment: Option<EnvId>,
    /// [[Exports]] of the namespace object once GetModuleNamespace made it
    /// (sorted by code units).
    pub namespace: Option<Box<[NamespaceExport]>>,
    /// [[LoadedModules]]: the module loaded for each requested module.
    pub loaded: Vec<Option<ObjId>>,
    /// [[EvaluationError]] (a thrown value).
    pub eval_error: Option<Value>,
    pub dfs_index: u32,
    pub dfs_ancestor_index: u32,
    pub cycle_root: Option<ObjId>,
    pub async_order: AsyncOrder,
    /// [[TopLevelCapability]]'s promise (settled directly: it is always a
    /// %Promise% capability).
    pub top_level_capability: Option<ObjId>,
    pub async_parents: Vec<ObjId>,
    pub pending_async: u32,
    /// The `import.meta` object, once created.
    pub import_meta: Option<ObjId>,
    /// [[DeferredNamespace]], once created.
    pub deferred_namespace: Option<ObjId>,
    /// What each entry of `ModuleCode::imports` resolved to.
    pub imports: Vec<Target>,
}

impl ModuleRecord {
    pub fn trace(&self, t: &mut Tracer) {
        if let ModuleKind::Synthetic(v) = &self.kind {
            t.mark_value(*v);
        }
        if let Some(e) = self.environment {
            t.mark_env(e);
        }
        for e in self.namespace.iter().flat_map(|n| n.iter()) {
            trace_target(e.target, t);
        }
        for m in self.loaded.iter().flatten() {
            t.mark_object(*m);
        }
        if let Some(v) = self.eval_error {
            t.mark_value(v);
        }
        for o in [
            self.cycle_root,
            self.top_level_capability,
            self.import_meta,
            self.deferred_namespace,
        ]
        .into_iter()
        .flatten()
        {
            t.mark_object(o);
        }
        for &m in &self.async_parents {
            t.mark_object(m);
        }
        for &i in &self.imports {
            trace_target(i, t);
        }
    }

    /// True for Cyclic Module Records (source text modules).
    pub fn is_cyclic(&self) -> bool {
        matches!(self.kind, ModuleKind::Source(_))
    }

    /// The compiled code of a source text module.
    pub fn code(&self) -> Option<&Rc<ModuleCode>> {
        match &self.kind {
            ModuleKind::Source(c) => Some(c),
            ModuleKind::Synthetic(_) => None,
        }
    }

    /// [[HasTLA]].
    pub fn has_tla(&self) -> bool {
        self.code().is_some_and(|c| c.has_tla)
    }

    /// The number of requested modules.
    pub fn request_count(&self) -> usize {
        self.code().map_or(0, |c| c.requests.len())
    }
}

fn trace_target(target: Target, t: &mut Tracer) {
    match target {
        Target::Unresolved => {}
        Target::Binding { module, .. }
        | Target::Namespace(module)
        | Target::DeferredNamespace(module) => t.mark_object(module),
    }
}

/// The record of module `m` (None if `m` is not a module record).
pub(crate) fn record(vm: &Vm, m: ObjId) -> Option<&ModuleRecord> {
    match &vm.heap.obj(m).kind {
        ObjectKind::Module(o) => match &**o {
            ModuleObject::Record(r) => Some(r),
            ModuleObject::Deferred { .. } => None,
        },
        _ => None,
    }
}

pub(crate) fn record_mut(vm: &mut Vm, m: ObjId) -> Option<&mut ModuleRecord> {
    match &mut vm.heap.obj_mut(m).kind {
        ObjectKind::Module(o) => match &mut **o {
            ModuleObject::Record(r) => Some(r),
            ModuleObject::Deferred { .. } => None,
        },
        _ => None,
    }
}

/// An internal inconsistency (never user input): a TypeError, not a panic.
#[cold]
pub(crate) fn internal(what: &str) -> JsError {
    JsError::type_error(format!("internal error: module record ({what})"))
}

/// The record of `m`, or an internal error.
pub(crate) fn rec(vm: &Vm, m: ObjId) -> JsResult<&ModuleRecord> {
    record(vm, m).ok_or_else(|| internal("not a module"))
}

pub(crate) fn rec_mut(vm: &mut Vm, m: ObjId) -> JsResult<&mut ModuleRecord> {
    record_mut(vm, m).ok_or_else(|| internal("not a module"))
}

/// Allocates a module record (and namespace object) in the current realm,
/// as a persistent root: a null-prototype, non-extensible object with an
/// immutable prototype and @@toStringTag "Module" (28.3.1).
fn alloc_module(vm: &mut Vm, name: &str, kind: ModuleKind, requests: usize) -> ModuleId {
    let imports = match &kind {
        ModuleKind::Source(c) => vec![Target::Unresolved; c.imports.len()],
        ModuleKind::Synthetic(_) => Vec::new(),
    };
    let record = ModuleRecord {
        realm: vm.current_realm,
        name: name.to_string(),
        kind,
        status: Status::New,
        environment: None,
        namespace: None,
        loaded: vec![None; requests],
        eval_error: None,
        dfs_index: 0,
        dfs_ancestor_index: 0,
        cycle_root: None,
        async_order: AsyncOrder::Unset,
        top_level_capability: None,
        async_parents: Vec::new(),
        pending_async: 0,
        import_meta: None,
        deferred_namespace: None,
        imports,
    };
    let o = alloc_namespace_object(vm, ModuleObject::Record(record), "Module");
    vm.add_persistent(Value::Object(o));
    ModuleId(o)
}

/// A module namespace exotic object's shell: null prototype (immutable),
/// not extensible, @@toStringTag `tag` (28.3.1).
pub(crate) fn alloc_namespace_object(vm: &mut Vm, what: ModuleObject, tag: &str) -> ObjId {
    let o = vm.alloc_object(ObjectKind::Module(Box::new(what)), None);
    let base = vm.roots_len();
    vm.push_root(Value::Object(o));
    let tag = vm.new_string(tag);
    let key = PropertyKey::Symbol(vm.symbols.to_string_tag);
    vm.define_value(o, key, Value::String(tag), Attrs::NONE);
    vm.truncate_roots(base);
    let obj = vm.heap.obj_mut(o);
    obj.set_flag(crate::object::flags::EXTENSIBLE, false);
    obj.set_flag(crate::object::flags::IMMUTABLE_PROTO, true);
    o
}

/// The line of `source` a syntax error is on (for the caret display).
fn source_line(source: &str, line: u32) -> String {
    source
        .replace("\r\n", "\n")
        .split(['\n', '\r', '\u{2028}', '\u{2029}'])
        .nth(line.saturating_sub(1) as usize)
        .unwrap_or("")
        .to_string()
}

/// ParseModule (16.2.1.7): parses and compiles `source` as a module named
/// `name` in the current realm. Early errors come back with a position.
pub(crate) fn parse_module(vm: &mut Vm, source: &str, name: &str) -> Result<ModuleId, EvalError> {
    let syntax = |message: String, line: u32, column: u32| {
        EvalError::Syntax(SyntaxErrorInfo {
            message,
            file: name.to_string(),
            line,
            column,
            source_line: source_line(source, line),
        })
    };
    let code = {
        let arena = jsvm_syntax::Bump::new();
        let program =
            jsvm_syntax::parse_module(&arena, source, &jsvm_syntax::ParseOptions::default())
                .map_err(|e| syntax(e.message, e.line, e.column))?;
        jsvm_compiler::compile_module(&program, name)
            .map_err(|e| syntax(e.message, e.line, e.column))?
    };
    let requests = code.requests.len();
    Ok(alloc_module(
        vm,
        name,
        ModuleKind::Source(Rc::new(code)),
        requests,
    ))
}

/// ParseJSONModule: parses `source` with %JSON.parse% and wraps the value
/// in a synthetic module whose default export it is. A parse error is
/// thrown (a SyntaxError).
pub(crate) fn json_module(vm: &mut Vm, source: &str, name: &str) -> JsResult<ModuleId> {
    let json = vm.intrinsics().json;
    let parse_key = vm.key("parse");
    let parse = vm.get_prop(json, parse_key)?;
    let text = Value::String(vm.new_string(source));
    let base = vm.roots_len();
    vm.push_root(text);
    let value = vm.call(parse, Value::Undefined, &[text]);
    vm.truncate_roots(base);
    Ok(default_export_module(vm, value?, name))
}

/// CreateDefaultExportSyntheticModule(value): a module whose only export,
/// "default", is `value` (JSON and text modules).
pub(crate) fn default_export_module(vm: &mut Vm, value: Value, name: &str) -> ModuleId {
    let base = vm.roots_len();
    vm.push_root(value);
    let m = alloc_module(vm, name, ModuleKind::Synthetic(value), 0);
    vm.truncate_roots(base);
    m
}

/// The environment layout of a synthetic module: its one binding,
/// "default".
fn synthetic_scope() -> Rc<ScopeDescriptor> {
    Rc::new(ScopeDescriptor {
        kind: ScopeKind::Function,
        var_scope: false,
        growable: false,
        slots: vec![SlotInfo {
            name: "default".into(),
            kind: BindingKind::Var,
            uninit: false,
        }]
        .into_boxed_slice(),
    })
}

/// The module whose environment is `env` (its slot 0 is the hidden
/// `%module` binding holding the record), if it is a module environment.
pub(crate) fn module_of_env(vm: &Vm, env: EnvId) -> Option<ObjId> {
    let d = vm.heap.env(env).as_declarative()?;
    let first = d.scope.desc.slots.first()?;
    if first.kind != BindingKind::Hidden || &*first.name != MODULE_SLOT_NAME {
        return None;
    }
    match d.slots.first() {
        Some(Value::Object(m)) if record(vm, *m).is_some() => Some(*m),
        _ => None,
    }
}

/// The module whose code the environment chain from `env` belongs to.
pub(crate) fn module_of_env_chain(vm: &Vm, mut env: EnvId) -> Option<ObjId> {
    loop {
        if let Some(m) = module_of_env(vm, env) {
            return Some(m);
        }
        env = vm.heap.env(env).outer?;
    }
}

/// The host's module loader for the current realm (or, for realms made
/// without one, the first realm's).
pub(crate) fn loader(vm: &Vm) -> Option<Rc<dyn ModuleLoader>> {
    vm.realm(vm.current_realm)
        .module_loader
        .clone()
        .or_else(|| vm.realms.first().and_then(|r| r.module_loader.clone()))
}

/// GetImportedModule(referrer, request index).
pub(crate) fn imported_module(vm: &Vm, m: ObjId, request: u32) -> JsResult<ObjId> {
    rec(vm, m)?
        .loaded
        .get(request as usize)
        .copied()
        .flatten()
        .ok_or_else(|| internal("requested module not loaded"))
}

/// The display form of a module's request `request` for error messages
/// (the specifier as written).
pub(crate) fn specifier_of(vm: &Vm, m: ObjId, request: u32) -> String {
    record(vm, m)
        .and_then(|r| r.code())
        .and_then(|c| c.requests.get(request as usize))
        .map_or_else(String::new, |r| r.specifier.clone())
}

impl Vm {
    /// Runs `f` in `m`'s realm.
    pub(crate) fn in_module_realm<T>(&mut self, m: ObjId, f: impl FnOnce(&mut Vm) -> T) -> T {
        let realm = record(self, m).map_or(self.current_realm, |r| r.realm);
        self.with_realm(realm, f)
    }
}

pub(crate) use dynamic::{import_call, import_meta, load_requested_modules};
pub(crate) use evaluate::evaluate;
pub(crate) use link::link;
pub(crate) use namespace::{get_deferred_namespace, get_module_namespace};

#[cfg(test)]
mod tests;
