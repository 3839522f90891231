//! Module namespace exotic objects (10.4.6): GetModuleNamespace and the
//! internal methods, dispatched from `object/mod.rs` for
//! `ObjectKind::Module`; and the deferred namespace objects of
//! `import defer` (the deferred module evaluation proposal), whose
//! string-keyed operations first evaluate their module synchronously
//! (GetModuleExportsList), except for symbol-like keys (symbols, and
//! "then", which a deferred namespace never exports).
//!
//! Invariant: [[Exports]] (`ModuleRecord::namespace`) is sorted by code
//! units, holds only names that resolve unambiguously, and each entry keeps
//! its resolution (resolution never changes once the graph is loaded); the
//! namespace's string-keyed properties are exactly these exports, read
//! live from the exporting environments; its symbol-keyed properties
//! (@@toStringTag) are ordinary.

use super::evaluate::scc_evaluated;
use super::link::{exported_names, resolve_export, Resolution};
use super::{
    alloc_namespace_object, imported_module, rec, rec_mut, ModuleObject, NamespaceExport, Status,
    Target,
};
use crate::builtins::promise::PromiseState;
use crate::error::{JsError, JsResult};
use crate::object::{ObjectKind, Prop};
use crate::property::PropertyDescriptor;
use crate::value::{ObjId, PropertyKey, Value};
use crate::vm::Vm;

/// Computes [[Exports]] of `m` once (both namespaces share the list).
fn ensure_exports(vm: &mut Vm, m: ObjId) -> JsResult<()> {
    if rec(vm, m)?.namespace.is_some() {
        return Ok(());
    }
    let names = exported_names(vm, m, &mut Vec::new(), 0)?;
    let mut exports: Vec<(Vec<u16>, String, Target)> = Vec::new();
    for n in names {
        if let Resolution::Resolved(t) = resolve_export(vm, m, &n, &mut Vec::new(), 0)? {
            exports.push((n.encode_utf16().collect(), n, t));
        }
    }
    exports.sort_by(|a, b| a.0.cmp(&b.0));
    let list: Vec<NamespaceExport> = exports
        .into_iter()
        .map(|(_, name, target)| NamespaceExport {
            key: vm.key(&name),
            name,
            target,
        })
        .collect();
    rec_mut(vm, m)?.namespace = Some(list.into_boxed_slice());
    Ok(())
}

/// GetModuleNamespace(module, evaluation) (16.2.1.11): the namespace
/// object of `m` (the record object itself).
pub(crate) fn get_module_namespace(vm: &mut Vm, m: ObjId) -> JsResult<ObjId> {
    ensure_exports(vm, m)?;
    Ok(m)
}

/// GetModuleNamespace(module, defer): `m`'s deferred namespace object,
/// created once.
pub(crate) fn get_deferred_namespace(vm: &mut Vm, m: ObjId) -> JsResult<ObjId> {
    if let Some(ns) = rec(vm, m)?.deferred_namespace {
        return Ok(ns);
    }
    ensure_exports(vm, m)?;
    let ns = alloc_namespace_object(vm, ModuleObject::Deferred { module: m }, "Deferred Module");
    rec_mut(vm, m)?.deferred_namespace = Some(ns);
    Ok(ns)
}

/// The module of namespace object `o` and whether `o` is deferred.
fn namespace_of(vm: &Vm, o: ObjId) -> Option<(ObjId, bool)> {
    match &vm.heap.obj(o).kind {
        ObjectKind::Module(m) => match &**m {
            ModuleObject::Record(_) => Some((o, false)),
            ModuleObject::Deferred { module } => Some((*module, true)),
        },
        _ => None,
    }
}

/// IsSymbolLikeNamespaceKey(P, O).
fn symbol_like(key: PropertyKey, deferred: bool) -> bool {
    match key {
        PropertyKey::Symbol(_) => true,
        PropertyKey::Atom(a) => deferred && a == crate::atom::atoms::THEN,
        PropertyKey::Index(_) => false,
    }
}

/// ReadyForSyncExecution(module, seen): nothing in `m`'s graph is running
/// or waits for a top-level await.
fn ready_for_sync_execution(
    vm: &Vm,
    m: ObjId,
    seen: &mut Vec<ObjId>,
    depth: usize,
) -> JsResult<bool> {
    let r = rec(vm, m)?;
    if !r.is_cyclic() || seen.contains(&m) {
        return Ok(true);
    }
    if depth > super::link::MAX_GRAPH_DEPTH {
        return Err(super::link::too_deep());
    }
    seen.push(m);
    if scc_evaluated(vm, m) {
        return Ok(true);
    }
    if matches!(r.status, Status::Evaluating | Status::EvaluatingAsync) || r.has_tla() {
        return Ok(false);
    }
    for i in 0..r.request_count() {
        let required = imported_module(vm, m, i as u32)?;
        if !ready_for_sync_execution(vm, required, seen, depth + 1)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// EvaluateModuleSync(module): Evaluate(), which must settle at once.
fn evaluate_sync(vm: &mut Vm, m: ObjId) -> JsResult<()> {
    let p = super::evaluate(vm, m)?;
    match vm.promise_state(p) {
        Some((PromiseState::Fulfilled, _)) => Ok(()),
        Some((PromiseState::Rejected, reason)) => Err(JsError::Throw(reason)),
        _ => Err(JsError::type_error(
            "Unable to evaluate a deferred module synchronously",
        )),
    }
}

/// GetModuleExportsList(O): for a deferred namespace, evaluates its module
/// first (a TypeError when it cannot run synchronously).
fn exports_list(vm: &mut Vm, m: ObjId, deferred: bool) -> JsResult<()> {
    if !deferred {
        return Ok(());
    }
    let r = rec(vm, m)?;
    if r.is_cyclic()
        && r.status != Status::Evaluated
        && !ready_for_sync_execution(vm, m, &mut Vec::new(), 0)?
    {
        return Err(JsError::type_error(
            "Unable to evaluate a deferred module: it or one of its dependencies is being evaluated or uses top-level await",
        ));
    }
    evaluate_sync(vm, m)
}

/// The export of `m` named by `key`, if any (never "then" for a deferred
/// namespace).
fn find(vm: &Vm, m: ObjId, key: PropertyKey) -> Option<NamespaceExport> {
    super::record(vm, m)?
        .namespace
        .as_ref()?
        .iter()
        .find(|e| e.key == key)
        .cloned()
}

/// The current value of an export: the binding's value (ReferenceError
/// while it is uninitialized) or a namespace object.
pub(crate) fn target_value(vm: &mut Vm, target: Target, name: &str) -> JsResult<Value> {
    match target {
        Target::Namespace(m) => Ok(Value::Object(get_module_namespace(vm, m)?)),
        Target::DeferredNamespace(m) => Ok(Value::Object(get_deferred_namespace(vm, m)?)),
        Target::Binding { module, slot } => {
            let env = rec(vm, module)?.environment.ok_or_else(|| {
                JsError::reference_error(format!(
                    "Cannot access '{name}' before its module is linked"
                ))
            })?;
            match vm.heap.env(env).slot(slot) {
                Some(Value::Uninit) | None => Err(JsError::reference_error(format!(
                    "Cannot access '{name}' before initialization"
                ))),
                Some(v) => Ok(v),
            }
        }
        Target::Unresolved => Err(super::internal("unresolved export")),
    }
}

impl Vm {
    /// [[GetOwnProperty]] (10.4.6.5).
    pub(crate) fn namespace_get_own_property(
        &mut self,
        o: ObjId,
        key: PropertyKey,
    ) -> JsResult<Option<PropertyDescriptor>> {
        let Some((m, deferred)) = namespace_of(self, o) else {
            return Ok(None);
        };
        if symbol_like(key, deferred) {
            return Ok(self.own_prop(o, key).map(Prop::to_descriptor));
        }
        exports_list(self, m, deferred)?;
        let Some(e) = find(self, m, key) else {
            return Ok(None);
        };
        let v = target_value(self, e.target, &e.name)?;
        Ok(Some(PropertyDescriptor::data(v, true, true, false)))
    }

    /// [[DefineOwnProperty]] (10.4.6.6).
    pub(crate) fn namespace_define_own_property(
        &mut self,
        o: ObjId,
        key: PropertyKey,
        desc: PropertyDescriptor,
    ) -> JsResult<bool> {
        let deferred = namespace_of(self, o).is_some_and(|(_, d)| d);
        if symbol_like(key, deferred) {
            return Ok(self.ordinary_define_own_property(o, key, desc));
        }
        let Some(current) = self.namespace_get_own_property(o, key)? else {
            return Ok(false);
        };
        if desc.configurable == Some(true)
            || desc.enumerable == Some(false)
            || desc.is_accessor()
            || desc.writable == Some(false)
        {
            return Ok(false);
        }
        Ok(match (desc.value, current.value) {
            (Some(v), Some(c)) => self.same_value(v, c),
            _ => true,
        })
    }

    /// [[HasProperty]] (10.4.6.7).
    pub(crate) fn namespace_has_property(&mut self, o: ObjId, key: PropertyKey) -> JsResult<bool> {
        let Some((m, deferred)) = namespace_of(self, o) else {
            return Ok(false);
        };
        if symbol_like(key, deferred) {
            return Ok(self.own_prop(o, key).is_some());
        }
        exports_list(self, m, deferred)?;
        Ok(find(self, m, key).is_some())
    }

    /// [[Get]] (10.4.6.8).
    pub(crate) fn namespace_get(
        &mut self,
        o: ObjId,
        key: PropertyKey,
        receiver: Value,
    ) -> JsResult<Value> {
        let Some((m, deferred)) = namespace_of(self, o) else {
            return Ok(Value::Undefined);
        };
        if symbol_like(key, deferred) {
            return match self.own_prop(o, key) {
                Some(p) if p.flags.is_accessor() => match p.value {
                    Value::Undefined => Ok(Value::Undefined),
                    getter => self.call(getter, receiver, &[]),
                },
                Some(p) => Ok(p.value),
                None => Ok(Value::Undefined),
            };
        }
        exports_list(self, m, deferred)?;
        match find(self, m, key) {
            None => Ok(Value::Undefined),
            Some(e) => target_value(self, e.target, &e.name),
        }
    }

    /// [[Delete]] (10.4.6.10).
    pub(crate) fn namespace_delete(&mut self, o: ObjId, key: PropertyKey) -> JsResult<bool> {
        let Some((m, deferred)) = namespace_of(self, o) else {
            return Ok(true);
        };
        if symbol_like(key, deferred) {
            return Ok(self.ordinary_delete(o, key));
        }
        exports_list(self, m, deferred)?;
        Ok(find(self, m, key).is_none())
    }

    /// [[OwnPropertyKeys]] (10.4.6.11): the exports, then the symbols.
    pub(crate) fn namespace_own_property_keys(&mut self, o: ObjId) -> JsResult<Vec<PropertyKey>> {
        let Some((m, deferred)) = namespace_of(self, o) else {
            return Ok(Vec::new());
        };
        exports_list(self, m, deferred)?;
        let mut keys: Vec<PropertyKey> = super::record(self, m)
            .and_then(|r| r.namespace.as_ref())
            .map(|n| {
                n.iter()
                    .map(|e| e.key)
                    .filter(|&k| !symbol_like(k, deferred))
                    .collect()
            })
            .unwrap_or_default();
        keys.extend(
            self.ordinary_own_property_keys(o)
                .into_iter()
                .filter(|k| matches!(k, PropertyKey::Symbol(_))),
        );
        Ok(keys)
    }
}
