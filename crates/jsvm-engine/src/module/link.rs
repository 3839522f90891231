//! Linking (16.2.1.5.1 Link, InnerModuleLinking), export resolution
//! (16.2.1.6.2 GetExportedNames, 16.2.1.6.3 ResolveExport) and
//! InitializeEnvironment (16.2.1.6.4), plus the synthetic JSON modules'
//! Link.
//!
//! Invariant: after a successful `link`, every module reachable from the
//! linked one is linked (or later in the state machine), has an
//! environment, and every entry of its import table is resolved; a failed
//! `link` leaves the modules it was linking `unlinked` (and harmless to
//! link again).

use std::rc::Rc;

use jsvm_compiler::{ImportPhase, ModuleCode};

use super::{
    imported_module, rec, rec_mut, specifier_of, synthetic_scope, ModuleKind, Status, Target,
};
use crate::error::{JsError, JsResult};
use crate::interp::closure::create_closure;
use crate::interp::code::CodeUnit;
use crate::interp::env::{Environment, ScopeInfo};
use crate::value::{ObjId, Value};
use crate::vm::Vm;

/// How deep the module graph traversals may recurse (each level costs a
/// little Rust stack); deeper graphs get a RangeError.
pub(crate) const MAX_GRAPH_DEPTH: usize = 2000;

pub(crate) fn too_deep() -> JsError {
    JsError::range_error("Maximum module graph depth exceeded")
}

/// The result of ResolveExport.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Resolution {
    /// null: not found (or a circular import).
    Null,
    /// AMBIGUOUS: conflicting star exports.
    Ambiguous,
    Resolved(Target),
}

/// ResolveExport(exportName, resolveSet) (16.2.1.6.3; for JSON modules
/// the Synthetic Module Record's).
pub(crate) fn resolve_export(
    vm: &Vm,
    m: ObjId,
    name: &str,
    set: &mut Vec<(ObjId, String)>,
    depth: usize,
) -> JsResult<Resolution> {
    let code = match &rec(vm, m)?.kind {
        ModuleKind::Synthetic(_) => {
            return Ok(if name == "default" {
                Resolution::Resolved(Target::Binding { module: m, slot: 0 })
            } else {
                Resolution::Null
            })
        }
        ModuleKind::Source(c) => c.clone(),
    };
    if set.iter().any(|(sm, sn)| *sm == m && sn == name) {
        // A circular import request.
        return Ok(Resolution::Null);
    }
    if depth > MAX_GRAPH_DEPTH {
        return Err(too_deep());
    }
    set.push((m, name.to_string()));
    if let Some(e) = code.local_exports.iter().find(|e| e.export_name == name) {
        return Ok(Resolution::Resolved(Target::Binding {
            module: m,
            slot: e.slot,
        }));
    }
    if let Some(e) = code.indirect_exports.iter().find(|e| e.export_name == name) {
        let imported = imported_module(vm, m, e.request)?;
        let phase = code.requests.get(e.request as usize).map(|r| r.phase);
        return match (&e.import_name, phase) {
            (None, Some(ImportPhase::Defer)) => {
                Ok(Resolution::Resolved(Target::DeferredNamespace(imported)))
            }
            // A JavaScript module has no source object to re-export.
            (None, Some(ImportPhase::Source)) => Ok(Resolution::Null),
            (None, _) => Ok(Resolution::Resolved(Target::Namespace(imported))),
            (Some(n), _) => resolve_export(vm, imported, n, set, depth + 1),
        };
    }
    if name == "default" {
        // A default export cannot come from `export *`.
        return Ok(Resolution::Null);
    }
    let mut star: Option<Target> = None;
    for &req in &code.star_exports {
        let imported = imported_module(vm, m, req)?;
        match resolve_export(vm, imported, name, set, depth + 1)? {
            Resolution::Ambiguous => return Ok(Resolution::Ambiguous),
            Resolution::Null => {}
            Resolution::Resolved(t) => match star {
                None => star = Some(t),
                Some(s) if s != t => return Ok(Resolution::Ambiguous),
                Some(_) => {}
            },
        }
    }
    Ok(star.map_or(Resolution::Null, Resolution::Resolved))
}

/// GetExportedNames(exportStarSet) (16.2.1.6.2).
pub(crate) fn exported_names(
    vm: &Vm,
    m: ObjId,
    set: &mut Vec<ObjId>,
    depth: usize,
) -> JsResult<Vec<String>> {
    let code = match &rec(vm, m)?.kind {
        ModuleKind::Synthetic(_) => return Ok(vec!["default".to_string()]),
        ModuleKind::Source(c) => c.clone(),
    };
    if set.contains(&m) {
        // The starting point of an `export *` circularity.
        return Ok(Vec::new());
    }
    if depth > MAX_GRAPH_DEPTH {
        return Err(too_deep());
    }
    set.push(m);
    let mut names: Vec<String> = code
        .local_exports
        .iter()
        .map(|e| e.export_name.clone())
        .chain(code.indirect_exports.iter().map(|e| e.export_name.clone()))
        .collect();
    for &req in &code.star_exports {
        let imported = imported_module(vm, m, req)?;
        for n in exported_names(vm, imported, set, depth + 1)? {
            if n != "default" && !names.contains(&n) {
                names.push(n);
            }
        }
    }
    Ok(names)
}

/// The SyntaxError of an import or re-export that does not resolve.
fn resolution_error(
    vm: &Vm,
    m: ObjId,
    request: u32,
    name: &str,
    resolution: Resolution,
) -> JsError {
    let specifier = specifier_of(vm, m, request);
    JsError::syntax_error(match resolution {
        Resolution::Ambiguous => format!(
            "The requested module '{specifier}' contains conflicting star exports for name '{name}'"
        ),
        _ => {
            format!("The requested module '{specifier}' does not provide an export named '{name}'")
        }
    })
}

/// Link() (16.2.1.5.1) of any module record.
pub(crate) fn link(vm: &mut Vm, m: ObjId) -> JsResult<()> {
    if !rec(vm, m)?.is_cyclic() {
        return link_synthetic(vm, m);
    }
    let mut stack = Vec::new();
    let r = inner_module_linking(vm, m, &mut stack, 0, 0);
    if r.is_err() {
        for s in stack {
            if let Ok(rec) = rec_mut(vm, s) {
                rec.status = Status::Unlinked;
            }
        }
    }
    r.map(|_| ())
}

/// A JSON module's Link(): its environment with "default" = undefined
/// (made once; evaluation sets the value).
fn link_synthetic(vm: &mut Vm, m: ObjId) -> JsResult<()> {
    if rec(vm, m)?.environment.is_some() {
        return Ok(());
    }
    vm.in_module_realm(m, |vm| {
        let info = Rc::new(ScopeInfo::new(vm, synthetic_scope()));
        let genv = vm.realm(vm.current_realm).global_env;
        let env = vm.heap.alloc_env(Environment::declarative(info, genv));
        let r = rec_mut(vm, m)?;
        r.environment = Some(env);
        if r.status == Status::New || r.status == Status::Unlinked {
            r.status = Status::Linked;
        }
        Ok(())
    })
}

/// InnerModuleLinking(module, stack, index) (16.2.1.5.1.1).
fn inner_module_linking(
    vm: &mut Vm,
    m: ObjId,
    stack: &mut Vec<ObjId>,
    mut index: u32,
    depth: usize,
) -> JsResult<u32> {
    let r = rec(vm, m)?;
    if !r.is_cyclic() {
        link(vm, m)?;
        return Ok(index);
    }
    match r.status {
        Status::Linking | Status::Linked | Status::EvaluatingAsync | Status::Evaluated => {
            return Ok(index)
        }
        Status::Unlinked => {}
        _ => return Err(super::internal("linking a module that is not unlinked")),
    }
    if depth > MAX_GRAPH_DEPTH {
        return Err(too_deep());
    }
    let requests = r.request_count();
    {
        let r = rec_mut(vm, m)?;
        r.status = Status::Linking;
        r.dfs_index = index;
        r.dfs_ancestor_index = index;
    }
    index += 1;
    stack.push(m);
    for i in 0..requests {
        let required = imported_module(vm, m, i as u32)?;
        index = inner_module_linking(vm, required, stack, index, depth + 1)?;
        let req = rec(vm, required)?;
        if req.is_cyclic() && req.status == Status::Linking {
            let anc = req.dfs_ancestor_index;
            let r = rec_mut(vm, m)?;
            r.dfs_ancestor_index = r.dfs_ancestor_index.min(anc);
        }
    }
    initialize_environment(vm, m)?;
    let r = rec(vm, m)?;
    if r.dfs_ancestor_index == r.dfs_index {
        while let Some(required) = stack.pop() {
            rec_mut(vm, required)?.status = Status::Linked;
            if required == m {
                break;
            }
        }
    }
    Ok(index)
}

/// InitializeEnvironment() of a Source Text Module Record (16.2.1.6.4).
fn initialize_environment(vm: &mut Vm, m: ObjId) -> JsResult<()> {
    let code: Rc<ModuleCode> = rec(vm, m)?
        .code()
        .cloned()
        .ok_or_else(|| super::internal("not a source text module"))?;
    // Re-exports must resolve.
    for e in &code.indirect_exports {
        let mut set = Vec::new();
        let res = resolve_export(vm, m, &e.export_name, &mut set, 0)?;
        if !matches!(res, Resolution::Resolved(_)) {
            let name = e.import_name.as_deref().unwrap_or(&e.export_name);
            return Err(resolution_error(vm, m, e.request, name, res));
        }
    }
    vm.in_module_realm(m, |vm| {
        let info = Rc::new(ScopeInfo::new(vm, code.scope.clone()));
        let genv = vm.realm(vm.current_realm).global_env;
        let env = vm.heap.alloc_env(Environment::declarative(info, genv));
        vm.heap.env_mut(env).set_slot(0, Value::Object(m));
        rec_mut(vm, m)?.environment = Some(env);
        // Import bindings.
        for ns in &code.namespace_imports {
            let imported = imported_module(vm, m, ns.request)?;
            let namespace = match code.requests.get(ns.request as usize).map(|r| r.phase) {
                Some(ImportPhase::Defer) => super::get_deferred_namespace(vm, imported)?,
                Some(ImportPhase::Source) => {
                    // GetModuleSource of a Source Text Module Record.
                    let specifier = specifier_of(vm, m, ns.request);
                    return Err(JsError::syntax_error(format!(
                        "Source phase import of '{specifier}' is not available: it is a JavaScript module"
                    )));
                }
                _ => super::get_module_namespace(vm, imported)?,
            };
            vm.heap
                .env_mut(env)
                .set_slot(ns.slot, Value::Object(namespace));
        }
        for (i, entry) in code.imports.iter().enumerate() {
            let imported = imported_module(vm, m, entry.request)?;
            let mut set = Vec::new();
            let target = match resolve_export(vm, imported, &entry.import_name, &mut set, 0)? {
                Resolution::Resolved(Target::Namespace(n)) => {
                    Target::Namespace(super::get_module_namespace(vm, n)?)
                }
                Resolution::Resolved(Target::DeferredNamespace(n)) => {
                    Target::Namespace(super::get_deferred_namespace(vm, n)?)
                }
                Resolution::Resolved(t) => t,
                other => {
                    return Err(resolution_error(
                        vm,
                        m,
                        entry.request,
                        &entry.import_name,
                        other,
                    ))
                }
            };
            if let Some(slot) = rec_mut(vm, m)?.imports.get_mut(i) {
                *slot = target;
            }
        }
        // Hoisted function declarations (vars are undefined and lexical
        // bindings uninitialized by the layout already).
        for f in &code.functions {
            let unit = CodeUnit::new(vm, f.code.clone());
            let closure = create_closure(vm, unit, env, None);
            vm.heap
                .env_mut(env)
                .set_slot(f.slot, Value::Object(closure));
        }
        Ok(())
    })
}
