//! The interpreter's module opcodes (the "Modules" group of the opcode
//! table): `GetImport`, `ImportMeta` and `ImportCall`. The dispatch loop
//! calls these with register values; they never touch the register stack.
//!
//! Invariant: `GetImport` reads through the module record found in slot 0
//! of the module environment, so an import binding always shows the
//! exporting binding's current value (live bindings) and its TDZ.

use super::{module_of_env, rec, Target};
use crate::error::{JsError, JsResult};
use crate::interp::env::walk;
use crate::value::{EnvId, Value};
use crate::vm::Vm;

/// `GetImport { dst, depth, index }`: the value of import binding `index`
/// of the module whose environment is `env` walked `depth` times.
pub fn get_import(vm: &mut Vm, env: EnvId, depth: u16, index: u32) -> JsResult<Value> {
    let m = walk(vm, env, depth)
        .and_then(|e| module_of_env(vm, e))
        .ok_or_else(|| super::internal("GetImport outside a module environment"))?;
    let target = rec(vm, m)?
        .imports
        .get(index as usize)
        .copied()
        .ok_or_else(|| super::internal("import index out of range"))?;
    match target {
        // Linking made the namespace already.
        Target::Namespace(ns) | Target::DeferredNamespace(ns) => Ok(Value::Object(ns)),
        Target::Binding { module, slot } => {
            if let Some(env) = rec(vm, module)?.environment {
                match vm.heap.env(env).slot(slot) {
                    Some(Value::Uninit) | None => {}
                    Some(v) => return Ok(v),
                }
            }
            let name = r_name(vm, m, index);
            super::namespace::target_value(vm, target, &name)
        }
        Target::Unresolved => Err(JsError::reference_error(
            "Cannot access an import binding of a module that is not linked",
        )),
    }
}

/// The local name of import `index` of module `m` (for error messages).
fn r_name(vm: &Vm, m: crate::value::ObjId, index: u32) -> String {
    super::record(vm, m)
        .and_then(|r| r.code())
        .and_then(|c| c.imports.get(index as usize))
        .map_or(String::new(), |e| e.local_name.clone())
}

/// `ImportMeta { dst }`.
pub fn import_meta(vm: &mut Vm) -> JsResult<Value> {
    super::import_meta(vm)
}

/// `ImportCall { dst, specifier, options, phase }`.
pub fn import_call(vm: &mut Vm, specifier: Value, options: Value, phase: u8) -> JsResult<Value> {
    super::import_call(vm, specifier, options, phase)
}
